/**
 * The report pipeline's own performance (issue 3): reading and reporting 10,000 benchmark results
 * and 100 history runs must take under one second, excluding the time the benchmarks run.
 *
 * Measured: parsing the `deno bench --json` document, reading the history folder (100 runs of
 * 1,000 benchmarks each), joining with the declarations, every analysis, and rendering every
 * output file (latest.json, latest.md, the dashboard, both exports); not writing them to disk.
 * Registered as "report-pipeline", which is no workspace member, so it never counts as an engine
 * crate in coverage.
 */

import { join } from "node:path";
import { buildReport } from "../scripts/report/build.ts";
import { DEFAULT_CONFIG } from "../scripts/report/config.ts";
import type { Manifest, ManifestBench } from "../scripts/report/declarations.ts";
import { historyText, readHistory } from "../scripts/report/history.ts";
import { renderOutputs } from "../scripts/report/outputs.ts";
import { parseBenchDocument } from "../scripts/report/parse.ts";
import { benchCrate, consume, isQuick, ms } from "@astraweave/bench-protocol";

const bench = benchCrate("report-pipeline");
const CRATES = 50;
// Quick runs (CI) prove the pipeline runs on a tenth of the data; full runs measure the real sizes.
const SCALE = isQuick() ? 10 : 1;
const HISTORY_RUNS = 100 / SCALE;
const HISTORY_BENCHMARKS = 1_000;
const SIZES = [10, 100, 1_000, 10_000];
const COUNTS = [1_000, 3_000, 10_000];

/**
 * A run of `count` synthetic benchmarks: 50 crates with a bench module each, 10 groups per crate,
 * families of four sizes.
 */
function synthetic(count: number, seed: number) {
  const manifests = new Map<string, Manifest>();
  const results = [];
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let i = 0; i < count; i++) {
    // Each crate's j-th benchmark: 10 groups, families of four sizes, distinct identities.
    const j = Math.floor(i / CRATES);
    const crate = `crate-${i % CRATES}`;
    const group = `group-${j % 10}`;
    const size = SIZES[Math.floor(j / 10) % SIZES.length];
    const name = `op-${Math.floor(j / (10 * SIZES.length))}/${size}`;
    const p75 = 50 * size * (1 + random() * 0.1);
    const origin = `file:///synthetic/bench/${crate}.bench.ts`;
    let manifest = manifests.get(origin);
    if (!manifest) {
      manifest = { version: 1, quick: false, benches: [FLOOR_DECLARED], metrics: [] };
      manifests.set(origin, manifest);
      results.push(floorResult(origin));
    }
    manifest.benches.push({
      crate,
      kind: "bench",
      group,
      name,
      budget: { ns: 60 * size, reason: "synthetic" },
      size: { value: size, unit: "items" },
      family: name.slice(0, name.lastIndexOf("/")),
      throughput: { elements: size },
    });
    results.push({
      origin,
      group,
      name,
      baseline: false,
      results: [{
        ok: {
          n: 100,
          min: p75 * 0.9,
          max: p75 * 2,
          avg: p75 * 1.02,
          p75,
          p99: p75 * 1.4,
          p995: p75 * 1.5,
          p999: p75 * 1.9,
          highPrecision: p75 > 1e4,
          usedExplicitTimers: false,
        },
      }],
    });
  }
  const text = JSON.stringify({
    version: 1,
    runtime: "Deno/synthetic",
    cpu: "synthetic",
    benches: results,
  });
  return { manifests, text };
}

const FLOOR_DECLARED: ManifestBench = {
  crate: "harness",
  kind: "floor",
  group: "harness",
  name: "floor",
};
const floorResult = (origin: string) => ({
  origin,
  group: "harness",
  name: "floor",
  baseline: false,
  results: [{
    ok: {
      n: 9000,
      min: 4,
      max: 9,
      avg: 4.3,
      p75: 4.3,
      p99: 6,
      p995: 7,
      p999: 8,
      highPrecision: false,
      usedExplicitTimers: false,
    },
  }],
});

const members = Array.from({ length: CRATES }, (_, i) => `crate-${i}`);
const plan = {
  tiers: [{ name: "Tier 1", crates: members.slice(0, 9), target: "2026-12-11" }],
  nonCrates: {},
  engine: members.slice(0, 45),
};

function report(
  text: string,
  manifests: Map<string, Manifest>,
  history: Awaited<ReturnType<typeof readHistory>>,
  date: Date,
) {
  const document = parseBenchDocument(text, "synthetic.json");
  return buildReport({
    date,
    commit: null,
    dirty: null,
    quick: false,
    repeats: 1,
    source: "input",
    full: false,
    inputs: ["synthetic.json"],
    documents: [{ source: "synthetic.json", document }],
    declarations: manifests,
    fileFailures: [],
    members,
    plan,
    history,
    baseline: history.at(-1) ?? null,
    config: DEFAULT_CONFIG,
    root: "/synthetic",
    recordHistory: true,
  });
}

// Inputs are built on first use, not at load: the module is also loaded to read its declarations.
let prepared: { dir: string; runs: Map<number, ReturnType<typeof synthetic>> } | undefined;
async function prepare() {
  if (prepared) return prepared;
  const dir = await Deno.makeTempDir({ prefix: "astraweave-report-bench-" });
  const history = synthetic(HISTORY_BENCHMARKS / SCALE, 1);
  for (let run = 0; run < HISTORY_RUNS; run++) {
    const date = new Date(Date.UTC(2026, 0, 1) + run * 86_400_000);
    await Deno.writeTextFile(
      join(dir, `${run}.json`),
      historyText(report(history.text, history.manifests, [], date)),
    );
  }
  prepared = {
    dir,
    runs: new Map(COUNTS.map((count) => [count, synthetic(count / SCALE, count)])),
  };
  return prepared;
}
globalThis.addEventListener("unload", () => {
  if (prepared) Deno.removeSync(prepared.dir, { recursive: true });
});

for (const count of COUNTS) {
  bench({
    group: "pipeline",
    name: `read and report/${count} results`,
    // The requirement is for 10,000 results; fewer must be no slower, and reading the 100 history
    // runs costs the same at every size, so every size has the same budget.
    budget: ms(1000, "issue 3: 10,000 results and 100 history runs in under one second"),
    size: { value: count, unit: "results" },
    throughput: { elements: count },
    fn: async () => {
      const { dir, runs } = await prepare();
      const { text, manifests } = runs.get(count)!;
      const history = await readHistory(dir);
      const built = report(text, manifests, history, new Date(Date.UTC(2026, 4, 1)));
      consume(renderOutputs(built));
    },
  });
}
