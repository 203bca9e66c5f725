/**
 * `deno task report`: runs the benchmarks crate by crate (or reads saved runs) and writes the
 * coverage, grade and timeline report: `latest.json`, `latest.md`, `index.html`, the Bencher and
 * github-action-benchmark exports, and a history file per full run. `--check` makes it the CI
 * gate; `deno task report compare A B` compares two saved runs. This file only parses arguments
 * and calls the pipeline's modules (`scripts/report/README.md` lists them and every rule).
 *
 * Exit status: 0 all good; 1 a benchmark failed, a bench file could not run, or (with `--check`)
 * a benchmark is over budget or regressed; 2 bad input or bad arguments.
 *
 * @example
 * ```sh
 * deno task report                                  # run every bench, write reports/
 * deno task report --quick --out "$(mktemp -d)"     # prove the benches run (CI)
 * deno task report --baseline previous --repeat 3 --check
 * deno task report --input reports/history/2026-11-27T05-07-09Z.json   # rebuild, no measuring
 * deno task report compare reports/history/A.json reports/latest.json --check
 * ```
 *
 * @module
 */

import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  integerOption,
  parseCli,
  type ParsedCli,
  resolveUserPath,
  runCli,
  UsageError,
} from "./cli.ts";
import { buildReport, type ReportInput } from "./report/build.ts";
import { checkoutProvenance } from "./report/checkout.ts";
import { DEFAULT_CONFIG, type ReportConfig } from "./report/config.ts";
import { findBenchFiles, readWorkspaceMembers } from "./report/discover.ts";
import { InputError } from "./report/errors.ts";
import { gateOffenders, regressionLines } from "./report/gate.ts";
import { readHistory, readSavedRun, type SavedRun, toHistoryRun } from "./report/history.ts";
import { checkCrateNames, readInputs, saveDocuments, selectFiles } from "./report/inputs.ts";
import { prepareOutDir, writeOutputs } from "./report/outputs.ts";
import { type Plan, readPlan } from "./report/plan.ts";
import { runSuite, silentProgress, stderrProgress } from "./report/runner.ts";
import type { Report } from "./report/schema.ts";
import { renderComparison, renderTerminal, wantsColor } from "./report/terminal.ts";

const HELP = `deno task report [options]
deno task report compare A B [--check] [--threshold PCT]

Runs the benchmarks (one deno bench process per bench file, with progress) or reads saved runs,
and writes to the output folder:
  latest.json   the report's data (versioned schema: scripts/report/README.md)
  latest.md     the report: summary, coverage, crates, grades, honesty, categories, scaling,
                before/after, timeline
  index.html    the dashboard (self-contained, works offline)
  bmf.json      Bencher Metric Format
  github-action-benchmark.json   customSmallerIsBetter entries
  history/<UTC time>.json        one per full run of every bench file (others only with --record)
  bench-json/<bench file>.json   what each deno bench process printed (report it again
                                 with --input)

compare A B: compares two saved runs (history files, latest.json or deno bench --json
documents), B against A, as a table of changes with factors and verdicts; writes nothing.

Options:
  --input FILE      read a saved run instead of running: a deno bench --json document, a
                    history file or a latest.json (repeatable; bench documents are merged, and
                    a benchmark found in several is a repeat). Imported: labelled so, and not
                    recorded in history without --record
  --out DIR         output folder (default: reports/ of the workspace)
  --crate NAME      only this crate's bench files (repeatable); not recorded without --record
  --quick           quick mode: tiny n and warmup; proves the benches run, measures nothing;
                    marked quick everywhere, never written to history, not exported
  --record          write this run to history even if it is not a full run (--input, --crate)
  --baseline FILE   compare with a saved latest.json or history file; "previous" is the last
                    run in history (the default when history has one)
  --repeat K        run the whole suite K times; regressions are then judged by the spread of
                    the K runs as well as by the [min, p75] ranges
  --threshold PCT   regression threshold, e.g. 10% or 0.1 (default 10%); benchmarks may
                    declare their own beside their budget
  --check           the CI gate: exit 1 if any benchmark is over budget or regressed, printing
                    each offender on one line
  --history DIR     history folder (default: <out>/history)
  --no-history      do not write this run to history
  --root DIR        the workspace to report on (default: this repository)
  --plan FILE       the tier plan (default: <root>/bench/plan.toml)
  --help            this text

Relative paths are read from the directory you ran the command in.
Exit status: 0 all good; 1 a benchmark failed or a bench file could not run, or --check found
an offender; 2 bad input or arguments (one line on stderr naming the file and the problem).`;

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

const OPTIONS = {
  input: { type: "string", multiple: true },
  out: { type: "string" },
  crate: { type: "string", multiple: true },
  quick: { type: "boolean" },
  record: { type: "boolean" },
  baseline: { type: "string" },
  repeat: { type: "string" },
  threshold: { type: "string" },
  check: { type: "boolean" },
  history: { type: "string" },
  "no-history": { type: "boolean" },
  root: { type: "string" },
  plan: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

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
  full: boolean;
  recordHistory: boolean;
  root: string;
  plan: string;
}

/** Reads a threshold given as "10%" or "0.1". */
function parseThreshold(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CONFIG.regressionThreshold;
  const percent = text.endsWith("%");
  const value = Number(percent ? text.slice(0, -1) : text) / (percent ? 100 : 1);
  if (!Number.isFinite(value) || value <= 0 || value >= 10) {
    throw new UsageError(`--threshold must be a threshold such as 10% or 0.1, got "${text}"`);
  }
  return value;
}

const strings = (value: ParsedCli["values"][string]) => (value ?? []) as string[];
const string = (value: ParsedCli["values"][string]) => value as string | undefined;

function toOptions(values: ParsedCli["values"]): Options {
  const root = resolveUserPath(string(values.root) ?? REPO_ROOT);
  const out = resolveUserPath(string(values.out) ?? join(root, "reports"));
  const inputs = strings(values.input).map(resolveUserPath);
  const crates = strings(values.crate);
  const quick = values.quick === true;
  const repeats = integerOption(values, "repeat", { min: 1, max: 100 }) ?? 1;
  if (inputs.length && values.repeat !== undefined) {
    throw new UsageError("--repeat runs the benches, so it cannot be combined with --input");
  }
  if (quick && values.record) {
    throw new UsageError("--record: quick runs measure nothing and are never recorded");
  }
  const full = !inputs.length && !crates.length && !quick;
  const baseline = string(values.baseline);
  return {
    inputs,
    out,
    crates,
    quick,
    baseline: baseline === undefined || baseline === "previous"
      ? baseline ?? null
      : resolveUserPath(baseline),
    repeats,
    threshold: parseThreshold(string(values.threshold)),
    check: values.check === true,
    historyDir: resolveUserPath(string(values.history) ?? join(out, "history")),
    full,
    recordHistory: !values["no-history"] && !quick && (full || values.record === true),
    root,
    plan: resolveUserPath(string(values.plan) ?? join(root, "bench", "plan.toml")),
  };
}

/** Runs the benches, or reads the inputs: what `buildReport` needs of them. */
async function measure(options: Options, plan: Plan, members: string[], history: SavedRun[]) {
  const progress = stderrProgress();
  if (options.inputs.length) {
    const read = await readInputs(options.inputs, { ...options, progress });
    checkCrateNames(read.modules, members, plan.nonCrates, options.root);
    return {
      ...read,
      fileFailures: [],
      inputs: options.inputs.map((file) => relative(options.root, file) || file),
    };
  }
  const files = await selectFiles(await findBenchFiles(options.root), options.crates, options);
  if (!files.length) progress.note(`no bench files under ${join(options.root, "bench")}`);
  const began = Date.now();
  const previousSeconds = history.findLast((saved) => saved.run.run.fileSeconds)?.run.run
    .fileSeconds;
  const suite = await runSuite(files, {
    ...options,
    progress,
    previousSeconds,
    validate: (declarations) =>
      checkCrateNames(declarations, members, plan.nonCrates, options.root),
  });
  progress.note(
    `ran ${files.length} bench file${files.length === 1 ? "" : "s"} in ${
      ((Date.now() - began) / 1000).toFixed(1)
    } s`,
  );
  await saveDocuments(suite.documents, options.out);
  return { ...suite, repeats: options.repeats, inputs: files.map((f) => f.path) };
}

async function report(options: Options): Promise<number> {
  const config: ReportConfig = { ...DEFAULT_CONFIG, regressionThreshold: options.threshold };
  await prepareOutDir(options.out);
  if (options.recordHistory) await prepareOutDir(options.historyDir, "--history");
  const [members, plan, history] = await Promise.all([
    readWorkspaceMembers(options.root),
    readPlan(options.plan),
    readHistory(options.historyDir),
  ]);
  let baseline: SavedRun | null = history.at(-1) ?? null;
  if (options.baseline === "previous" && !baseline) {
    throw new InputError(options.historyDir, "--baseline previous: no run in history yet");
  }
  if (options.baseline !== null && options.baseline !== "previous") {
    baseline = await readSavedRun(options.baseline);
  }

  const now = new Date();
  const measured = await measure(options, plan, members, history);
  // An import keeps the provenance of what it read; a run is of this checkout, now.
  const provenance = "provenance" in measured
    ? measured.provenance
    : await checkoutProvenance(options.root, now);
  const result = buildReport({
    date: new Date(provenance.date),
    commit: provenance.commit,
    dirty: provenance.dirty,
    quick: options.quick,
    repeats: measured.repeats,
    source: options.inputs.length ? "input" : "run",
    full: options.full,
    measured: "provenance" in measured ? measured.provenance.date : undefined,
    fileSeconds: "fileSeconds" in measured ? measured.fileSeconds : undefined,
    inputs: measured.inputs,
    documents: measured.documents,
    declarations: measured.declarations,
    fileFailures: measured.fileFailures,
    members,
    plan,
    history,
    baseline,
    config,
    root: options.root,
    recordHistory: options.recordHistory,
    crates: options.crates.length ? options.crates : null,
  });
  const written = await writeOutputs(result, options.out, options.historyDir);
  console.log(renderTerminal(result, wantsColor()));
  console.log(`\nwrote ${written.join(", ")}`);

  let exit = 0;
  const failed = result.benchmarks.filter((b) => b.status === "failed").length;
  const fileFailures = result.coverage.deferred.filter((d) => d.file).length;
  if (failed || measured.fileFailures.length) {
    console.error(
      `report: ${failed} benchmark${failed === 1 ? "" : "s"} failed, ${fileFailures} bench file${
        fileFailures === 1 ? "" : "s"
      } could not run`,
    );
    exit = 1;
  }
  if (options.check) exit = Math.max(exit, gate(result));
  return exit;
}

/** Prints the gate's verdict; 1 when there is an offender. */
function gate(result: Report): number {
  const offenders = gateOffenders(result);
  if (result.run.quick) {
    console.error("check: quick run, so budgets and regressions are not checked (failures are)");
  }
  for (const line of offenders) console.error(`check: ${line}`);
  const inconclusive = result.comparison?.inconclusive ?? 0;
  if (inconclusive) {
    console.error(
      `check: ${inconclusive} regression${
        inconclusive === 1 ? " is" : "s are"
      } inconclusive because the machine changed (${
        result.comparison!.machine!.reasons.join("; ")
      }): not counted`,
    );
  }
  if (offenders.length) return 1;
  if (!result.run.quick) console.error("check: no benchmark over budget or regressed");
  return 0;
}

/** A saved run of any kind (history, latest.json, bench JSON) as a report, measuring nothing. */
async function savedReport(
  file: string,
  options: Options,
  plan: Plan,
  members: string[],
  baseline: SavedRun | null = null,
) {
  const read = await readInputs([file], { ...options, progress: silentProgress });
  checkCrateNames(read.modules, members, plan.nonCrates, options.root);
  const input: ReportInput = {
    date: new Date(read.provenance.date),
    commit: read.provenance.commit,
    dirty: read.provenance.dirty,
    quick: false,
    repeats: read.repeats,
    source: "input",
    full: false,
    inputs: [file],
    documents: read.documents,
    declarations: read.declarations,
    fileFailures: [],
    members,
    plan,
    history: [],
    baseline,
    config: { ...DEFAULT_CONFIG, regressionThreshold: options.threshold },
    root: options.root,
    recordHistory: false,
  };
  input.measured = read.provenance.date;
  return buildReport(input);
}

/** `compare A B`: B against A. */
async function compare(options: Options, files: string[]): Promise<number> {
  if (files.length !== 2) {
    throw new UsageError(`compare takes two saved runs, A and B (got ${files.length})`);
  }
  const [a, b] = files.map(resolveUserPath);
  const [members, plan] = await Promise.all([
    readWorkspaceMembers(options.root),
    readPlan(options.plan),
  ]);
  const before = await savedReport(a, options, plan, members);
  const result = await savedReport(b, options, plan, members, {
    file: relative(options.root, a) || a,
    run: toHistoryRun(before),
  });
  console.log(renderComparison(result.comparison!, wantsColor()));
  if (!options.check) return 0;
  const lines = regressionLines(result.comparison);
  for (const line of lines) console.error(`check: ${line}`);
  if (!lines.length) console.error("check: no benchmark regressed");
  return lines.length ? 1 : 0;
}

/** Runs the command with `args`; returns the exit status (usage errors throw). */
export async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(args, OPTIONS);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const options = toOptions(values);
  const [command, ...rest] = positionals;
  if (command === "compare") return await compare(options, rest);
  if (command !== undefined) {
    throw new UsageError(`unknown command "${command}" (the only one is compare; see --help)`);
  }
  return await report(options);
}

if (import.meta.main) await runCli("report", () => main(Deno.args), [InputError]);
