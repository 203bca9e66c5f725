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
  type BenchKind,
  HISTORY_COLUMNS,
  HISTORY_SCHEMA,
  HISTORY_VERSION,
  type HistoryColumns,
  type HistoryFile,
  type HistoryFileV1,
  type HistoryRow,
  type HistoryRun,
  type HistoryStats,
  READABLE_HISTORY_VERSIONS,
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

const utf8 = new TextDecoder();

/**
 * Reads a saved run: a history file or a `latest.json`, as its compact form. `source` is the
 * file's text, or its bytes (UTF-8): a history file's records are made from it again on first
 * use, and bytes are kept outside the JavaScript heap, where no collection moves them (a hundred
 * history texts kept as strings were 6 MB more for every collection of the young generation to
 * copy while the report was built).
 *
 * @throws {InputError} naming the file when it is neither, or of an unknown version.
 */
export function parseSavedRun(
  source: string | Uint8Array,
  file: string,
  cache: IdentityCache = new Map(),
): HistoryRun {
  const textOf = () => typeof source === "string" ? source : utf8.decode(source);
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(textOf());
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
  const versions = data.schema === REPORT_SCHEMA
    ? READABLE_REPORT_VERSIONS
    : READABLE_HISTORY_VERSIONS;
  if (!versions.includes(data.version as number)) {
    throw new InputError(
      file,
      `unknown ${data.schema} version ${JSON.stringify(data.version)} (this report reads ${
        versions.join(", ")
      })`,
    );
  }
  const columnar = data.schema === HISTORY_SCHEMA && data.version !== 1;
  if (
    typeof data.run !== "object" || typeof data.coverage !== "object" ||
    (columnar
      ? typeof data.benchmarks !== "object" || data.benchmarks === null
      : !Array.isArray(data.benchmarks))
  ) {
    throw new InputError(file, 'saved run lacks "run", "coverage" or "benchmarks"');
  }
  if (data.schema === REPORT_SCHEMA) return toHistoryRun(data as unknown as Report);
  // The timeline reads four columns of every run; only a baseline or an import needs records.
  // Records are made on first use, from the text again, so no run keeps its parsed benchmarks: a
  // hundred runs of records or rows would be 100,000 objects for the collector to move.
  let timed: TimedColumns;
  let recordsOf: (parsed: Record<string, unknown>) => HistoryRun["benchmarks"];
  if (columnar) {
    const columns = checkedColumns(data as unknown as HistoryFile, file);
    timed = timedOfColumns(columns, cache);
    recordsOf = (parsed) =>
      recordsOfColumns(checkedColumns(parsed as unknown as HistoryFile, file), cache);
  } else {
    if (JSON.stringify(data.columns) !== JSON.stringify(HISTORY_COLUMNS)) {
      throw new InputError(file, `history "columns" are not ${HISTORY_COLUMNS.join(", ")}`);
    }
    timed = timedOfRows(data.benchmarks as HistoryRow[], cache);
    recordsOf = (parsed) =>
      (parsed as unknown as HistoryFileV1).benchmarks.map((row) => fromRow(row, cache));
  }
  const { schema, run, floor, coverage } = data as unknown as HistoryRun;
  // In memory every run has the compact form of this version, whatever its file's version.
  const saved = { schema, version: HISTORY_VERSION, run, floor, coverage } as HistoryRun;
  let records: HistoryRun["benchmarks"] | undefined;
  Object.defineProperty(saved, "benchmarks", {
    enumerable: true,
    configurable: true,
    get: () => records ??= recordsOf(JSON.parse(textOf())),
    set: (value: HistoryRun["benchmarks"]) => records = value,
  });
  timedRuns.set(saved, timed);
  return saved;
}

/** A history file's benchmark columns and strings, checked: every index a string, every column whole. */
interface CheckedColumns {
  count: number;
  crate: string[];
  group: string[];
  name: string[];
  kind: BenchKind[];
  status: ("ok" | "failed")[];
  unit: (string | null)[];
  columns: HistoryColumns;
}

const NUMBER_COLUMNS = ["size", "n", "min", "max", "avg", "p75", "p99"] as const;

/** Resolves the text columns of a version 2 history file, checking every bound on the way. */
function checkedColumns(data: HistoryFile, file: string): CheckedColumns {
  const { strings, benchmarks: columns } = data;
  const count = columns.count;
  if (!Array.isArray(strings) || !Number.isSafeInteger(count) || count < 0) {
    throw new InputError(file, 'history file lacks "strings" or "benchmarks.count"');
  }
  const column = (name: keyof HistoryColumns) => {
    const cells = columns[name];
    if (!Array.isArray(cells) || cells.length !== count) {
      throw new InputError(file, `history column "${name}" is not an array of ${count} values`);
    }
    return cells;
  };
  const text = <T extends string>(name: keyof HistoryColumns, nullable = false) => {
    const cells = column(name) as (number | null)[];
    const out = new Array<T | null>(count);
    for (let i = 0; i < count; i++) {
      const index = cells[i];
      if (index === null && nullable) {
        out[i] = null;
        continue;
      }
      const value = strings[index as number];
      if (typeof value !== "string") {
        throw new InputError(file, `history column "${name}": ${index} is not a string's index`);
      }
      out[i] = value as T;
    }
    return out;
  };
  for (const name of NUMBER_COLUMNS) column(name);
  if (columns.repeats !== undefined) column("repeats");
  return {
    count,
    crate: text("crate") as string[],
    group: text("group") as string[],
    name: text("name") as string[],
    kind: text<BenchKind>("kind") as BenchKind[],
    status: text<"ok" | "failed">("status") as ("ok" | "failed")[],
    unit: text("unit", true),
    columns,
  };
}

/** The statistics of benchmark `i` of a version 2 file, or null when it has none. */
function statsAt(columns: HistoryColumns, i: number): HistoryStats | null {
  const { n, min, max, avg, p75, p99 } = columns;
  const stats = { n: n[i], min: min[i], max: max[i], avg: avg[i], p75: p75[i], p99: p99[i] };
  for (const value of Object.values(stats)) if (value === null) return null;
  return stats as HistoryStats;
}

/** The records of a version 2 history file (what {@link fromRow} makes of a version 1 row). */
function recordsOfColumns(checked: CheckedColumns, cache: IdentityCache): HistoryRun["benchmarks"] {
  const { columns } = checked;
  const records: HistoryRun["benchmarks"] = [];
  for (let i = 0; i < checked.count; i++) {
    const entry = identityOf(cache, checked.crate[i], checked.group[i], checked.name[i]);
    const size = columns.size[i];
    const unit = checked.unit[i];
    const sized = size !== null && unit !== null ? sizedOf(entry, size, unit) : null;
    const b: HistoryRun["benchmarks"][number] = {
      id: entry.id,
      key: sized ? sized.key : entry.id,
      crate: entry.crate,
      group: checked.group[i],
      name: checked.name[i],
      kind: checked.kind[i],
      status: checked.status[i],
    };
    if (sized) b.size = sized.size;
    const stats = statsAt(columns, i);
    if (stats) b.stats = stats;
    const repeats = columns.repeats?.[i];
    if (repeats) b.repeats = repeats;
    records.push(b);
  }
  return records;
}

/** The timeline's columns of a version 2 history file. */
function timedOfColumns(checked: CheckedColumns, cache: IdentityCache): TimedColumns {
  const { count, columns } = checked;
  const timed: TimedColumns = {
    keys: new Array(count),
    crates: new Array(count),
    kinds: checked.kind,
    p75: new Float64Array(count),
  };
  const { size, n, min, max, avg, p75, p99 } = columns;
  for (let i = 0; i < count; i++) {
    const entry = identityOf(cache, checked.crate[i], checked.group[i], checked.name[i]);
    const value = size[i];
    const unit = checked.unit[i];
    timed.keys[i] = value !== null && unit !== null ? sizedOf(entry, value, unit).key : entry.id;
    timed.crates[i] = entry.crate;
    const measured = n[i] !== null && min[i] !== null && max[i] !== null && avg[i] !== null &&
      p99[i] !== null;
    timed.p75[i] = checked.status[i] === "ok" && measured ? p75[i] ?? 0 : 0;
  }
  return timed;
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
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    throw new InputError(
      path,
      error instanceof Deno.errors.NotFound ? "not found" : (error as Error).message,
    );
  }
  return { file: basename(path), run: parseSavedRun(bytes, path, cache) };
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

/**
 * The text of a history file (version 2): the compact run, its benchmarks as columns without id
 * and key (they follow from the rest), each distinct text once in `strings`.
 */
export function historyText(report: Report): string {
  const { benchmarks, ...run } = toHistoryRun(report);
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const index = (text: string) => {
    let at = indexes.get(text);
    if (at === undefined) indexes.set(text, at = strings.push(text) - 1);
    return at;
  };
  const columns: HistoryColumns = {
    count: benchmarks.length,
    crate: [],
    group: [],
    name: [],
    kind: [],
    status: [],
    size: [],
    unit: [],
    n: [],
    min: [],
    max: [],
    avg: [],
    p75: [],
    p99: [],
  };
  const repeats: (number[] | null)[] = [];
  for (const b of benchmarks) {
    const s = b.stats;
    columns.crate.push(index(b.crate));
    columns.group.push(index(b.group));
    columns.name.push(index(b.name));
    columns.kind.push(index(b.kind));
    columns.status.push(index(b.status));
    columns.size.push(b.size ? b.size.value : null);
    columns.unit.push(b.size ? index(b.size.unit) : null);
    columns.n.push(s ? s.n : null);
    columns.min.push(s ? significant(s.min) : null);
    columns.max.push(s ? significant(s.max) : null);
    columns.avg.push(s ? significant(s.avg) : null);
    columns.p75.push(s ? significant(s.p75) : null);
    columns.p99.push(s ? significant(s.p99) : null);
    repeats.push(b.repeats ? b.repeats.map(significant) : null);
  }
  if (repeats.some((r) => r !== null)) columns.repeats = repeats;
  const file: HistoryFile = { ...run, strings, benchmarks: columns };
  return JSON.stringify(file) + "\n";
}
