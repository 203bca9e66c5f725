/**
 * `deno task report`: runs the benchmarks crate by crate (or reads saved `deno bench --json`
 * documents) and writes the coverage, grade and timeline report: `latest.json`, `latest.md`,
 * `index.html`, the Bencher and github-action-benchmark exports, and a history file per full run.
 * `--check` makes it the CI gate. See `scripts/report/README.md` for every rule it applies.
 *
 * Exit status: 0 all good; 1 a benchmark failed, a bench file could not run, or (with `--check`)
 * a benchmark is over budget or regressed; 2 bad input or bad arguments.
 *
 * @example
 * ```sh
 * deno task report                                  # run every bench, write reports/
 * deno task report --quick --out /some/tmp/dir      # prove the benches run (CI)
 * deno task report --baseline previous --repeat 3 --check
 * deno bench --json -A bench/aw-codec.bench.ts > run.json && deno task report --input run.json
 * ```
 *
 * @module
 */

import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildReport } from "./report/build.ts";
import { DEFAULT_CONFIG, type ReportConfig } from "./report/config.ts";
import { loadDeclarations, type Manifest } from "./report/declarations.ts";
import {
  type BenchFile,
  findBenchFiles,
  localBenchFile,
  readWorkspaceMembers,
} from "./report/discover.ts";
import { InputError } from "./report/errors.ts";
import { formatFactor, formatNs } from "./report/format.ts";
import { readHistory, readSavedRun, type SavedRun, writeHistory } from "./report/history.ts";
import type { SourcedDocument } from "./report/join.ts";
import { renderOutputs } from "./report/outputs.ts";
import { parseBenchDocument } from "./report/parse.ts";
import { readPlan } from "./report/plan.ts";
import { declareAll, type Progress, runSuite, stderrProgress } from "./report/runner.ts";
import type { Report } from "./report/schema.ts";
import { renderTerminal, wantsColor } from "./report/terminal.ts";

const HELP = `deno task report [options]

Runs the benchmarks (one deno bench process per bench file, with progress) or reads saved
"deno bench --json" documents, and writes to the output folder:
  latest.json   the report's data (versioned schema: scripts/report/README.md)
  latest.md     the report: coverage, crates, grades, honesty, categories, scaling,
                before/after, timeline
  index.html    the dashboard (self-contained, works offline)
  bmf.json      Bencher Metric Format
  github-action-benchmark.json   customSmallerIsBetter entries
  history/<UTC time>.json        one per full run (never for quick or --crate runs)
  bench-json/<bench file>.json   what each deno bench process printed (report it again
                                 with --input)

Options:
  --input FILE      read a saved deno bench --json document instead of running (repeatable;
                    documents are merged, and a benchmark found in several is a repeat)
  --out DIR         output folder (default: reports/ of the workspace)
  --crate NAME      only this crate's bench files (repeatable); not recorded in history
  --quick           quick mode: tiny n and warmup; proves the benches run, measures nothing;
                    marked quick everywhere, never written to history, not exported
  --baseline FILE   compare with a saved latest.json or history file; "previous" is the last
                    run in history (the default when history has one)
  --repeat K        run the whole suite K times; regressions are then judged by the spread of
                    the K runs instead of by the overlap of [min, p75] ranges
  --threshold PCT   regression threshold, e.g. 10% or 0.1 (default 10%); benchmarks may
                    declare their own beside their budget
  --check           the CI gate: exit 1 if any benchmark is over budget or regressed, printing
                    each offender on one line
  --history DIR     history folder (default: <out>/history)
  --no-history      do not write this run to history
  --root DIR        the workspace to report on (default: this repository)
  --plan FILE       the tier plan (default: <root>/bench/plan.toml)
  --help            this text

Exit status: 0 all good; 1 a benchmark failed or a bench file could not run, or --check found
an offender; 2 bad input or arguments (one line on stderr naming the file and the problem).`;

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Parsed command-line options. */
interface Options {
  inputs: string[];
  out: string;
  crates: string[];
  quick: boolean;
  baseline: string | null;
  repeats: number;
  threshold: number;
  check: boolean;
  historyDir: string;
  recordHistory: boolean;
  root: string;
  plan: string;
}

/** Reads a threshold given as "10%" or "0.1". */
function parseThreshold(text: string): number {
  const percent = text.endsWith("%");
  const value = Number(percent ? text.slice(0, -1) : text) / (percent ? 100 : 1);
  if (!Number.isFinite(value) || value <= 0 || value >= 10) {
    throw new InputError("--threshold", `"${text}" is not a threshold (use e.g. 10% or 0.1)`);
  }
  return value;
}

function parseOptions(args: string[]): Options | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        input: { type: "string", multiple: true },
        out: { type: "string" },
        crate: { type: "string", multiple: true },
        quick: { type: "boolean" },
        baseline: { type: "string" },
        repeat: { type: "string" },
        threshold: { type: "string" },
        check: { type: "boolean" },
        history: { type: "string" },
        "no-history": { type: "boolean" },
        root: { type: "string" },
        plan: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new InputError("arguments", `${(error as Error).message.split("\n")[0]} (see --help)`);
  }
  const v = parsed.values;
  if (v.help) return "help";
  const root = resolve(v.root ?? REPO_ROOT);
  const out = resolve(v.out ?? join(root, "reports"));
  const repeats = v.repeat === undefined ? 1 : Number(v.repeat);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 100) {
    throw new InputError("--repeat", `"${v.repeat}" is not a whole number from 1 to 100`);
  }
  if (v.input?.length && v.repeat !== undefined) {
    throw new InputError("--repeat", "runs the benches, so it cannot be combined with --input");
  }
  const crates = v.crate ?? [];
  return {
    inputs: v.input ?? [],
    out,
    crates,
    quick: v.quick ?? false,
    baseline: v.baseline ?? null,
    repeats,
    threshold: v.threshold === undefined
      ? DEFAULT_CONFIG.regressionThreshold
      : parseThreshold(v.threshold),
    check: v.check ?? false,
    historyDir: resolve(v.history ?? join(out, "history")),
    recordHistory: !v["no-history"] && crates.length === 0,
    root,
    plan: resolve(v.plan ?? join(root, "bench", "plan.toml")),
  };
}

async function git(root: string, args: string[]): Promise<string | null> {
  try {
    const output = await new Deno.Command("git", {
      args: ["-C", root, ...args],
      stdout: "piped",
      stderr: "null",
    })
      .output();
    return output.success ? new TextDecoder().decode(output.stdout).trim() : null;
  } catch {
    return null; // no git on this machine
  }
}

/** Reads saved documents and the declarations of the bench modules they came from. */
async function readInputs(options: Options, progress: Progress) {
  const documents: SourcedDocument[] = [];
  for (const file of options.inputs) {
    let text: string;
    try {
      text = await Deno.readTextFile(file);
    } catch (error) {
      throw new InputError(
        file,
        error instanceof Deno.errors.NotFound ? "not found" : (error as Error).message,
      );
    }
    documents.push({ source: file, document: parseBenchDocument(text, file) });
  }
  const declarations = new Map<string, Manifest>();
  const origins = new Set(documents.flatMap((d) => d.document.benches.map((b) => b.origin)));
  for (const origin of origins) {
    const local = await localBenchFile(origin, options.root);
    if (!local) continue;
    const loaded = await loadDeclarations(local, { cwd: options.root, quick: options.quick });
    if (loaded.ok) declarations.set(origin, loaded.manifest);
    else {progress.note(
        `${local}: declarations not read (${loaded.error}); its results are reported without budgets`,
      );}
  }
  // The same benchmark in several documents is a repeat of it.
  const perDocument = documents.map((d) =>
    new Set(d.document.benches.map((b) => `${b.origin}\u0000${b.group}\u0000${b.name}`))
  );
  const repeats = Math.max(
    1,
    ...[...new Set(perDocument.flatMap((s) => [...s]))].map((key) =>
      perDocument.filter((s) => s.has(key)).length
    ),
  );
  return { documents, declarations, fileFailures: [], repeats };
}

/** Picks the bench files for `--crate` names: by file name first, else by what modules declare. */
async function selectFiles(
  files: BenchFile[],
  crates: string[],
  options: Options,
): Promise<BenchFile[]> {
  if (!crates.length) return files;
  const chosen = files.filter((f) => crates.includes(f.crate));
  const found = new Set(chosen.map((f) => f.crate));
  if (crates.some((c) => !found.has(c))) {
    // A module may declare a crate its file name does not say ("report-pipeline").
    const rest = files.filter((f) => !chosen.includes(f));
    const { loaded } = await declareAll(rest, { root: options.root, quick: options.quick });
    for (const { file, manifest } of loaded) {
      const declared = manifest.benches.filter((b) => crates.includes(b.crate)).map((b) => b.crate);
      if (declared.length) chosen.push(file);
      for (const crate of declared) found.add(crate);
    }
  }
  const missing = crates.filter((c) => !found.has(c));
  if (missing.length) throw new InputError("--crate", `no bench file for ${missing.join(", ")}`);
  return chosen;
}

/**
 * Keeps each bench process's own document under `<out>/bench-json/` before anything is made of
 * it, so minutes of measurements can be reported again with `--input`.
 */
async function saveDocuments(documents: SourcedDocument[], out: string): Promise<void> {
  const dir = join(out, "bench-json");
  await Deno.mkdir(dir, { recursive: true });
  const seen = new Map<string, number>();
  for (const { source, text } of documents) {
    if (text === undefined) continue;
    const stem = source.replace(/^bench\//, "").replace(/[^A-Za-z0-9._-]+/g, "_").replace(
      /\.ts$/,
      "",
    );
    const repeat = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, repeat);
    const name = repeat === 1 ? `${stem}.json` : `${stem}.${repeat}.json`;
    await Deno.writeTextFile(join(dir, name), text);
  }
}

/** The offenders of the gate, one line each. */
export function gateOffenders(report: Report): string[] {
  if (report.run.quick) return [];
  const lines: string[] = [];
  for (const b of report.benchmarks) {
    if (b.grade === "F" && b.stats && b.budget) {
      lines.push(
        `over budget  ${b.id}: p75 ${formatNs(b.stats.p75)}, budget ${formatNs(b.budget.ns)}, ${
          formatFactor(b.stats.p75 / b.budget.ns)
        }`,
      );
    }
  }
  for (const change of report.comparison?.changes ?? []) {
    if (change.verdict !== "regressed") continue;
    lines.push(
      `regressed    ${change.key}: p75 ${formatNs(change.after.p75)}, baseline ${
        formatNs(change.before.p75)
      }, ${formatFactor(change.factorP75)} (${change.rule})`,
    );
  }
  return lines;
}

async function writeOutputs(report: Report, options: Options): Promise<string[]> {
  await Deno.mkdir(options.out, { recursive: true });
  const written = renderOutputs(report);
  for (const [name, text] of written) await Deno.writeTextFile(join(options.out, name), text);
  const names = written.map(([name]) => join(options.out, name));
  if (report.run.historyFile) {
    names.push(join(options.historyDir, await writeHistory(options.historyDir, report)));
  }
  return names;
}

/**
 * Runs the command with `args`; returns the exit status. Errors of input are printed as one line
 * on stderr and give 2.
 */
export async function main(args: string[]): Promise<number> {
  try {
    return await run(args);
  } catch (error) {
    if (error instanceof InputError) {
      console.error(`report: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

async function run(args: string[]): Promise<number> {
  const options = parseOptions(args);
  if (options === "help") {
    console.log(HELP);
    return 0;
  }
  const config: ReportConfig = { ...DEFAULT_CONFIG, regressionThreshold: options.threshold };
  const progress = stderrProgress();
  const [members, plan, history] = await Promise.all([
    readWorkspaceMembers(options.root),
    readPlan(options.plan),
    readHistory(options.historyDir),
  ]);
  let baseline: SavedRun | null = history.at(-1) ?? null;
  if (options.baseline === "previous") {
    if (!baseline) {
      throw new InputError(options.historyDir, "--baseline previous: no run in history yet");
    }
  } else if (options.baseline !== null) {
    baseline = await readSavedRun(resolve(options.baseline));
  }

  const date = new Date();
  let suite;
  let inputs: string[];
  let repeats = options.repeats;
  if (options.inputs.length) {
    suite = await readInputs(options, progress);
    inputs = options.inputs;
    repeats = suite.repeats;
  } else {
    const files = await selectFiles(await findBenchFiles(options.root), options.crates, options);
    if (!files.length) progress.note(`no bench files under ${join(options.root, "bench")}`);
    inputs = files.map((f) => f.path);
    const began = Date.now();
    suite = await runSuite(files, { root: options.root, quick: options.quick, repeats, progress });
    progress.note(
      `ran ${inputs.length} bench file${inputs.length === 1 ? "" : "s"} in ${
        ((Date.now() - began) / 1000).toFixed(1)
      } s`,
    );
    await saveDocuments(suite.documents, options.out);
  }
  const [commit, status] = await Promise.all([
    git(options.root, ["rev-parse", "HEAD"]),
    git(options.root, ["status", "--porcelain"]),
  ]);
  const report = buildReport({
    date,
    commit,
    dirty: status === null ? null : status !== "",
    quick: options.quick,
    repeats,
    source: options.inputs.length ? "input" : "run",
    inputs,
    documents: suite.documents,
    declarations: suite.declarations,
    fileFailures: suite.fileFailures,
    members,
    plan,
    history,
    baseline,
    config,
    root: options.root,
    recordHistory: options.recordHistory,
    crates: options.crates.length ? options.crates : null,
  });
  const written = await writeOutputs(report, options);
  console.log(renderTerminal(report, wantsColor()));
  console.log(`\nwrote ${written.join(", ")}`);

  let status_ = 0;
  const failed = report.benchmarks.filter((b) => b.status === "failed").length;
  if (failed || suite.fileFailures.length) {
    console.error(
      `report: ${failed} benchmark${
        failed === 1 ? "" : "s"
      } failed, ${suite.fileFailures.length} bench file${
        suite.fileFailures.length === 1 ? "" : "s"
      } could not run`,
    );
    status_ = 1;
  }
  if (options.check) {
    const offenders = gateOffenders(report);
    if (report.run.quick) {
      console.error("check: quick run, so budgets and regressions are not checked (failures are)");
    }
    for (const line of offenders) console.error(`check: ${line}`);
    if (offenders.length) status_ = 1;
    else if (!report.run.quick) console.error("check: no benchmark over budget or regressed");
  }
  return status_;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
