/**
 * `deno task weave`: runs the weaving director of `@astraweave/weaving` over a metrics stream
 * (a seeded random walk, or a JSON script) and prints its decisions, or explains one tick.
 *
 * ```sh
 * deno task weave simulate --config weave.toml --ticks 1000 --seed 42
 * deno task weave simulate --ticks 500 --seed 7 --script metrics.json --json
 * deno task weave explain --config weave.toml --seed 42 --tick 120
 * deno task weave defaults > weave.toml
 * ```
 *
 * Exit status: 0 on success, 2 on bad input (one line on stderr).
 *
 * @module
 */

import {
  ConfigError,
  configFromToml,
  configToToml,
  defaultConfig,
  describeDecision,
  formatDecisionTable,
  type MetricsFrame,
  parseMetricsScript,
  ScriptError,
  simulate,
  type TickRecord,
  type WeaveConfig,
} from "@astraweave/weaving";
import {
  integerOption,
  noPositionals,
  parseCli,
  type ParsedCli,
  parseJsonText,
  progress,
  readUserText,
  runCli,
  runCommand,
  UsageError,
} from "./cli.ts";
import { seedOption } from "./seed_option.ts";

const SOURCE_HELP =
  `  --config FILE   the director's TOML configuration (default: the built-in defaults)
  --seed S        seed of the director's stream and of the random walk (u64, decimal or 0x hex)
  --script FILE   play a JSON array of metrics frames instead of the random walk, looping:
                  [{"criticalHealthCount": 5, "resourceScarcity": {"food": 0.8},
                    "factionTensions": {"north": 0.7}, "combatEvents": 2}, ...]`;

const HELP: Record<string, string> = {
  main: `Usage: deno task weave <command> [options]

Runs the weaving director (pattern detectors, intent proposers, adjudicator) over a stream of
world metrics, and says what it decided and why.

Commands:
  simulate   run N ticks; print each tick's decisions and a summary
  explain    print the decision table of one tick
  defaults   print the default configuration as TOML, a starting point for --config

Run "deno task weave <command> --help" for a command's options.
Exit status: 0 success, 2 bad input.`,
  simulate:
    `Usage: deno task weave simulate --ticks N --seed S [--config FILE] [--script FILE] [--all] [--json]

Runs the director for N ticks and prints one line per tick on which an intent was accepted, or
rejected for a reason other than its cooldown (--all: every tick with a proposal), then a
summary: events fired per kind, rejections per reason, and budget use. On a terminal, a progress
line on stderr counts the ticks.

Options:
  --ticks N       ticks to run, 1 to 10,000,000
${SOURCE_HELP}
  --all           also print ticks on which every intent was only cooling down
  --json          print {"ticks": [records of the ticks printed], "summary": {...}} instead`,
  explain:
    `Usage: deno task weave explain --tick T --seed S [--config FILE] [--script FILE] [--json]

Runs the director up to tick T (from 0) and prints that tick's decision table: the patterns seen,
and each proposed intent in the order the adjudicator walked them, accepted or rejected and why.

Options:
  --tick T        the tick to explain, 0 to 9,999,999
${SOURCE_HELP}
  --json          print the tick's record as JSON instead`,
  defaults: `Usage: deno task weave defaults

Prints the default configuration as TOML: budget_per_tick, min_priority, [cooldowns] (by key or
key family: "mediator" covers "mediator_north"), [detectors] and [proposers] thresholds.`,
};

const SOURCE_OPTIONS = {
  help: { type: "boolean", short: "h" },
  config: { type: "string" },
  seed: { type: "string" },
  script: { type: "string" },
  json: { type: "boolean" },
} as const;

interface Source {
  config: WeaveConfig;
  seed: bigint;
  script: MetricsFrame[] | undefined;
}

function readSource(values: ParsedCli["values"]): Source {
  const seed = seedOption(values);
  let config = defaultConfig();
  if (typeof values.config === "string") {
    const text = readUserText(values.config, "config");
    try {
      config = configFromToml(text);
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(`${values.config}: ${error.message}`);
      throw error;
    }
  }
  let script: MetricsFrame[] | undefined;
  if (typeof values.script === "string") {
    const json = parseJsonText(readUserText(values.script, "script"), values.script);
    try {
      script = parseMetricsScript(json);
    } catch (error) {
      if (error instanceof ScriptError) throw new UsageError(`${values.script}: ${error.message}`);
      throw error;
    }
  }
  return { config, seed, script };
}

/** One line per tick: each intent and what happened to it. */
function tickLine(record: TickRecord): string {
  const decisions = record.decisions.map((d) => {
    const subject = d.intent.cooldownKey === "" ? d.intent.kind : d.intent.cooldownKey;
    return `${subject} ${describeDecision(d)}`;
  });
  return `tick ${record.tick} (spent ${record.budgetSpent}/${record.budget}): ${
    decisions.join("; ")
  }`;
}

function simulateCommand(args: string[]): void {
  const { values, positionals } = parseCli(args, {
    ...SOURCE_OPTIONS,
    ticks: { type: "string" },
    all: { type: "boolean" },
  });
  if (values.help) return console.log(HELP.simulate);
  noPositionals(positionals);
  const ticks = integerOption(values, "ticks", { min: 1, max: 10_000_000 });
  if (ticks === undefined) throw new UsageError("--ticks is required (see --help)");
  const source = readSource(values);
  const records: TickRecord[] = [];
  const lines: string[] = [];
  const shownProgress = progress("weave: ticks", ticks);
  const summary = simulate({
    ticks,
    seed: source.seed,
    config: source.config,
    script: source.script,
    onTick: (record) => {
      shownProgress.update(record.tick + 1);
      const shown = values.all
        ? record.decisions.length > 0
        : record.decisions.some((d) => d.outcome !== "cooling_down");
      if (!shown) return;
      if (values.json) records.push(record);
      else lines.push(tickLine(record));
    },
  });
  shownProgress.end();
  if (values.json) {
    console.log(JSON.stringify({ ticks: records, summary }, null, 2));
    return;
  }
  for (const line of lines) console.log(line);
  const percent = summary.budgetAvailable === 0
    ? 0
    : (100 * summary.budgetSpent) / summary.budgetAvailable;
  const fired = Object.entries(summary.fired).map(([kind, n]) => `${kind} ${n}`).join(", ");
  console.log(`\nsummary over ${summary.ticks} ticks:`);
  console.log(`  fired: ${fired || "nothing"}`);
  console.log(
    `  rejected: ${summary.rejected.below_min_priority} below min priority, ` +
      `${summary.rejected.cooling_down} cooling down, ${summary.rejected.over_budget} over budget`,
  );
  console.log(
    `  budget: ${summary.budgetSpent} of ${summary.budgetAvailable} spent ` +
      `(${percent.toFixed(2)}%), at most ${summary.peakTickSpend} in one tick`,
  );
}

function explainCommand(args: string[]): void {
  const { values, positionals } = parseCli(args, { ...SOURCE_OPTIONS, tick: { type: "string" } });
  if (values.help) return console.log(HELP.explain);
  noPositionals(positionals);
  const tick = integerOption(values, "tick", { min: 0, max: 9_999_999 });
  if (tick === undefined) throw new UsageError("--tick is required (see --help)");
  const source = readSource(values);
  let found: TickRecord | undefined;
  const shownProgress = progress("weave: ticks", tick + 1);
  simulate({
    ticks: tick + 1,
    seed: source.seed,
    config: source.config,
    script: source.script,
    onTick: (record) => {
      shownProgress.update(record.tick + 1);
      if (record.tick === tick) found = record;
    },
  });
  shownProgress.end();
  console.log(values.json ? JSON.stringify(found, null, 2) : formatDecisionTable(found!));
}

function defaultsCommand(args: string[]): void {
  const { values, positionals } = parseCli(args, { help: { type: "boolean", short: "h" } });
  noPositionals(positionals);
  console.log(values.help ? HELP.defaults : configToToml(defaultConfig()).trimEnd());
}

const main = () =>
  runCommand(
    Deno.args,
    { simulate: simulateCommand, explain: explainCommand, defaults: defaultsCommand },
    HELP.main,
  );

if (import.meta.main) await runCli("weave", main);
