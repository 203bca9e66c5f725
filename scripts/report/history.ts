/**
 * History: one compact JSON file per full run under `history/`, named by its UTC time, and the
 * reading of saved runs (history files or `latest.json`) as baselines.
 *
 * @module
 */

import { basename, join } from "node:path";
import { InputError } from "./errors.ts";
import { benchmarkId, identityKey } from "./join.ts";
import { significant } from "./precision.ts";
import {
  HISTORY_COLUMNS,
  HISTORY_SCHEMA,
  HISTORY_VERSION,
  type HistoryFile,
  type HistoryRow,
  type HistoryRun,
  type HistoryStats,
  READABLE_REPORT_VERSIONS,
  type Report,
  REPORT_SCHEMA,
} from "./schema.ts";

/** A saved run, read back: its file name and its compact form. */
export interface SavedRun {
  file: string;
  run: HistoryRun;
}

/**
 * The history file name for a run at `date`: its UTC time with `-` for `:` (file-name safe on
 * every system), so names sort by time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { historyFileName } from "./history.ts";
 * assert.equal(historyFileName(new Date("2026-11-27T04:12:33.456Z")), "2026-11-27T04-12-33Z.json");
 * ```
 */
export function historyFileName(date: Date): string {
  return `${date.toISOString().slice(0, 19).replaceAll(":", "-")}Z.json`;
}

/**
 * Ids, keys and sizes of history rows, shared by every file read together: a hundred runs name the
 * same benchmarks, and one string per identity (hashed once) makes every later map lookup of it
 * cheap; a fresh concatenated string per row would be flattened and hashed again in each run, and a
 * fresh size record per row would be 100,000 more objects for the collector to move.
 */
export type IdentityCache = Map<string, Map<string, Map<string, Identity>>>;

/** The interned id of a benchmark, and the interned key and size record of each of its sizes. */
export interface Identity {
  id: string;
  /** The crate's name: one string for every row that names it, hashed once as a map key. */
  crate: string;
  /** By unit, then by value. */
  sized?: Map<string, Map<number, Sized>>;
}

/** A sized benchmark's key and size, one pair shared by every run that has it. */
export interface Sized {
  key: string;
  size: { value: number; unit: string };
}

function identityOf(cache: IdentityCache, crate: string, group: string, name: string): Identity {
  let groups = cache.get(crate);
  if (!groups) cache.set(crate, groups = new Map());
  let names = groups.get(group);
  if (!names) groups.set(group, names = new Map());
  let entry = names.get(name);
  if (!entry) names.set(name, entry = { id: benchmarkId(crate, group, name), crate });
  return entry;
}

/** The interned key (its id and `[size unit]`) and size record of a sized benchmark. */
function sizedOf(entry: Identity, value: number, unit: string): Sized {
  // By unit, then by value: no "size unit" string is built and hashed per row to look one up.
  const byUnit = entry.sized ??= new Map();
  let byValue = byUnit.get(unit);
  if (!byValue) byUnit.set(unit, byValue = new Map());
  let known = byValue.get(value);
  if (!known) {
    const size = { value, unit };
    byValue.set(value, known = { key: identityKey(entry.id, size), size });
  }
  return known;
}

/** A history row back to a benchmark record, with the id and key that follow from it. */
function fromRow(row: HistoryRow, cache: IdentityCache): HistoryRun["benchmarks"][number] {
  const [crate, group, name, kind, status, size, unit, n, min, max, avg, p75, p99, repeats] = row;
  const entry = identityOf(cache, crate, group, name);
  const sized = size !== null && unit !== null ? sizedOf(entry, size, unit) : null;
  const b: HistoryRun["benchmarks"][number] = {
    id: entry.id,
    key: sized ? sized.key : entry.id,
    crate,
    group,
    name,
    kind,
    status,
  };
  if (sized) b.size = sized.size;
  if (n !== null && min !== null && max !== null && avg !== null && p75 !== null && p99 !== null) {
    b.stats = { n, min, max, avg, p75, p99 };
  }
  if (repeats) b.repeats = repeats;
  return b;
}

/**
 * The compact history form of a report, in memory: ids and keys included, times as measured.
 * {@link historyText} is what goes to disk.
 */
export function toHistoryRun(
  report: Pick<Report, "run" | "floor" | "benchmarks"> & {
    coverage: Pick<
      Report["coverage"],
      "members" | "covered" | "percent" | "benchmarks" | "passing"
    >;
  },
): HistoryRun {
  const { members, covered, percent, benchmarks, passing } = report.coverage;
  return {
    schema: HISTORY_SCHEMA,
    version: HISTORY_VERSION,
    run: report.run,
    floor: report.floor,
    coverage: { members, covered, percent, benchmarks, passing },
    benchmarks: report.benchmarks.map((b) => {
      const core: HistoryRun["benchmarks"][number] = {
        id: b.id,
        key: b.key,
        crate: b.crate,
        group: b.group,
        name: b.name,
        kind: b.kind,
        status: b.status,
      };
      if (b.size) core.size = b.size;
      if (b.stats) {
        const { n, min, max, avg, p75, p99 } = b.stats;
        core.stats = { n, min, max, avg, p75, p99 } satisfies HistoryStats;
      }
      if (b.repeats) core.repeats = b.repeats;
      return core;
    }),
  };
}

/**
 * Reads a saved run: a history file or a `latest.json`, as its compact form.
 *
 * @throws {InputError} naming the file when it is neither, or of an unknown version.
 */
export function parseSavedRun(
  text: string,
  file: string,
  cache: IdentityCache = new Map(),
): HistoryRun {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `not JSON (${(error as Error).message})`);
  }
  if (typeof data !== "object" || data === null) {
    throw new InputError(file, "not a saved report run");
  }
  if (data.schema !== HISTORY_SCHEMA && data.schema !== REPORT_SCHEMA) {
    throw new InputError(
      file,
      `not a report history file or latest.json (schema ${JSON.stringify(data.schema ?? null)})`,
    );
  }
  const versions = data.schema === REPORT_SCHEMA ? READABLE_REPORT_VERSIONS : [HISTORY_VERSION];
  if (!versions.includes(data.version as number)) {
    throw new InputError(
      file,
      `unknown ${data.schema} version ${JSON.stringify(data.version)} (this report reads ${
        versions.join(" and ")
      })`,
    );
  }
  if (
    !Array.isArray(data.benchmarks) || typeof data.run !== "object" ||
    typeof data.coverage !== "object"
  ) {
    throw new InputError(file, 'saved run lacks "run", "coverage" or "benchmarks"');
  }
  if (data.schema === REPORT_SCHEMA) return toHistoryRun(data as unknown as Report);
  if (JSON.stringify(data.columns) !== JSON.stringify(HISTORY_COLUMNS)) {
    throw new InputError(file, `history "columns" are not ${HISTORY_COLUMNS.join(", ")}`);
  }
  const { columns: _columns, benchmarks: rows, ...run } = data as unknown as HistoryFile;
  // The timeline reads four columns of every run; only a baseline or an import needs records.
  // Records are made on first use, from the text again, so no run keeps its parsed rows: a
  // hundred runs of records or rows would be 100,000 objects for the collector to move.
  let records: HistoryRun["benchmarks"] | undefined;
  const saved = { ...run } as HistoryRun;
  Object.defineProperty(saved, "benchmarks", {
    enumerable: true,
    configurable: true,
    get: () =>
      records ??= (JSON.parse(text) as HistoryFile).benchmarks.map((row) => fromRow(row, cache)),
    set: (value: HistoryRun["benchmarks"]) => records = value,
  });
  timedRuns.set(saved, timedOfRows(rows, cache));
  return saved;
}

/**
 * What the timeline reads of a run, in columns: each benchmark's key, crate and kind, and its p75
 * when it passed with statistics (0 otherwise).
 */
export interface TimedColumns {
  keys: string[];
  crates: string[];
  kinds: HistoryRun["benchmarks"][number]["kind"][];
  p75: Float64Array;
}

// The columns of history files read by parseSavedRun, made while their rows were at hand.
const timedRuns = new WeakMap<HistoryRun, TimedColumns>();

function timedOfRows(rows: HistoryRow[], cache: IdentityCache): TimedColumns {
  const timed: TimedColumns = {
    keys: new Array(rows.length),
    crates: new Array(rows.length),
    kinds: new Array(rows.length),
    p75: new Float64Array(rows.length),
  };
  for (let i = 0; i < rows.length; i++) {
    const [crate, group, name, kind, status, size, unit, n, min, max, avg, p75, p99] = rows[i];
    const entry = identityOf(cache, crate, group, name);
    timed.keys[i] = size !== null && unit !== null ? sizedOf(entry, size, unit).key : entry.id;
    timed.crates[i] = entry.crate;
    timed.kinds[i] = kind;
    const measured = n !== null && min !== null && max !== null && avg !== null &&
      p75 !== null && p99 !== null;
    timed.p75[i] = status === "ok" && measured ? p75 : 0;
  }
  return timed;
}

/**
 * A run's {@link TimedColumns}: kept from its history file when it was read from one, made from
 * its records otherwise.
 */
export function timedColumns(run: HistoryRun): TimedColumns {
  const kept = timedRuns.get(run);
  if (kept) return kept;
  const list = run.benchmarks;
  const timed: TimedColumns = {
    keys: new Array(list.length),
    crates: new Array(list.length),
    kinds: new Array(list.length),
    p75: new Float64Array(list.length),
  };
  list.forEach((b, i) => {
    timed.keys[i] = b.key;
    timed.crates[i] = b.crate;
    timed.kinds[i] = b.kind;
    timed.p75[i] = b.status === "ok" && b.stats ? b.stats.p75 : 0;
  });
  return timed;
}

/** Reads one saved run from disk. */
export async function readSavedRun(
  path: string,
  cache: IdentityCache = new Map(),
): Promise<SavedRun> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new InputError(
      path,
      error instanceof Deno.errors.NotFound ? "not found" : (error as Error).message,
    );
  }
  return { file: basename(path), run: parseSavedRun(text, path, cache) };
}

/**
 * Every run in a history folder, oldest first. A missing folder is an empty history; a file that
 * is not a history run is an {@link InputError}.
 */
export async function readHistory(dir: string): Promise<SavedRun[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && entry.name.endsWith(".json")) names.push(entry.name);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  const cache: IdentityCache = new Map();
  const runs = await Promise.all(names.map((name) => readSavedRun(join(dir, name), cache)));
  return runs.sort((a, b) =>
    a.run.run.date < b.run.run.date
      ? -1
      : a.run.run.date > b.run.run.date
      ? 1
      : a.file.localeCompare(b.file)
  );
}

/** Writes a run to the history folder; returns the file name. */
export async function writeHistory(dir: string, report: Report): Promise<string> {
  await Deno.mkdir(dir, { recursive: true });
  const name = report.run.historyFile ?? historyFileName(new Date(report.run.date));
  await Deno.writeTextFile(join(dir, name), historyText(report));
  return name;
}

/** The text of a history file: the compact run, each benchmark without its id and key. */
export function historyText(report: Report): string {
  const { benchmarks, ...run } = toHistoryRun(report);
  const file: HistoryFile = {
    ...run,
    columns: HISTORY_COLUMNS,
    benchmarks: benchmarks.map((b): HistoryRow => {
      const s = b.stats;
      return [
        b.crate,
        b.group,
        b.name,
        b.kind,
        b.status,
        b.size?.value ?? null,
        b.size?.unit ?? null,
        s ? s.n : null,
        s ? significant(s.min) : null,
        s ? significant(s.max) : null,
        s ? significant(s.avg) : null,
        s ? significant(s.p75) : null,
        s ? significant(s.p99) : null,
        b.repeats ? b.repeats.map(significant) : null,
      ];
    }),
  };
  return JSON.stringify(file) + "\n";
}
