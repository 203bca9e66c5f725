import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "./errors.ts";
import {
  historyFileName,
  historyText,
  parseSavedRun,
  readHistory,
  toHistoryRun,
} from "./history.ts";
import { HISTORY_COLUMNS, HISTORY_SCHEMA, type Report, REPORT_SCHEMA } from "./schema.ts";

const report = {
  schema: REPORT_SCHEMA,
  version: 1,
  run: {
    date: "2026-11-27T04:12:33.456Z",
    commit: "c0ffee",
    dirty: false,
    runtime: "Deno",
    cpu: "cpu",
    quick: false,
    repeats: 2,
    source: "run",
    inputs: ["bench/c.bench.ts"],
    historyFile: null,
  },
  floor: { p75: 4, avg: 4.1, samples: 2, factor: 1.5 },
  coverage: {
    members: ["c", "d"],
    covered: ["c"],
    percent: 50,
    benchmarks: 1,
    passing: 1,
    failed: 0,
    groups: 1,
    deferred: [],
    tiers: [],
    others: [],
  },
  benchmarks: [{
    id: "c/g/x",
    key: "c/g/x [10 rooms]",
    crate: "c",
    group: "g",
    name: "x",
    kind: "bench",
    file: "bench/c.bench.ts",
    declared: true,
    size: { value: 10, unit: "rooms" },
    budget: { ns: 100, reason: "r" },
    status: "ok",
    stats: {
      n: 3,
      min: 1,
      max: 9,
      avg: 5,
      p75: 6,
      p99: 8,
      p995: 8.5,
      p999: 9,
      highPrecision: false,
      usedExplicitTimers: false,
    },
    repeats: [6, 7],
    failures: 0,
    atFloor: false,
    spread: 8,
    noisy: true,
    category: "under 100 ns",
    headroom: 16.7,
    grade: "A+",
    capacity60fps: 1,
    throughputPerSecond: null,
    peerRatio: null,
  }],
} as unknown as Report;

Deno.test("history files are compact, named by UTC time, and read back as saved runs", () => {
  assert.equal(historyFileName(new Date(report.run.date)), "2026-11-27T04-12-33Z.json");
  const history = toHistoryRun(report);
  assert.equal(history.schema, HISTORY_SCHEMA);
  assert.deepEqual(history.benchmarks[0], {
    id: "c/g/x",
    key: "c/g/x [10 rooms]",
    crate: "c",
    group: "g",
    name: "x",
    kind: "bench",
    status: "ok",
    size: { value: 10, unit: "rooms" },
    stats: { n: 3, min: 1, max: 9, avg: 5, p75: 6, p99: 8 },
    repeats: [6, 7],
  });
  // On disk: rows under a columns header, no id or key (they follow from the rest), times to
  // five significant digits.
  const onDisk = JSON.parse(
    historyText({
      ...report,
      benchmarks: [{
        ...report.benchmarks[0],
        stats: { ...report.benchmarks[0].stats!, p75: 6.123456789 },
      }],
    }),
  );
  assert.deepEqual(onDisk.columns, [...HISTORY_COLUMNS]);
  assert.deepEqual(onDisk.benchmarks[0], [
    "c",
    "g",
    "x",
    "bench",
    "ok",
    10,
    "rooms",
    3,
    1,
    9,
    5,
    6.1235,
    8,
    [6, 7],
  ]);
  assert.deepEqual(parseSavedRun(historyText(report), "h.json"), history);
  // A latest.json is a baseline too: it reads as the same compact run.
  assert.deepEqual(parseSavedRun(JSON.stringify(report), "latest.json"), history);
});

Deno.test("saved runs of another schema or version are refused with the file named", () => {
  const problem = (text: string) => {
    try {
      parseSavedRun(text, "old.json");
    } catch (error) {
      assert.ok(error instanceof InputError);
      return error.message;
    }
    assert.fail("expected an InputError");
  };
  assert.match(problem("nope"), /^old\.json: not JSON/);
  assert.match(problem('{"version": 1}'), /not a report history file or latest\.json/);
  assert.match(
    problem(JSON.stringify({ ...toHistoryRun(report), version: 2 })),
    /unknown astraweave-report-history version 2 \(this report reads 1\)/,
  );
  assert.match(
    problem(JSON.stringify({ schema: HISTORY_SCHEMA, version: 1 })),
    /lacks "run", "coverage" or "benchmarks"/,
  );
  const reordered = { ...JSON.parse(historyText(report)), columns: ["name", "crate"] };
  assert.match(problem(JSON.stringify(reordered)), /history "columns" are not crate, group, name/);
});

Deno.test("readHistory: oldest first; a missing folder is an empty history", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const later = historyText({
      ...report,
      run: { ...report.run, date: "2026-12-01T00:00:00.000Z" },
    });
    await Deno.writeTextFile(join(dir, "b.json"), historyText(report));
    await Deno.writeTextFile(join(dir, "a.json"), later);
    assert.deepEqual((await readHistory(dir)).map((r) => r.file), ["b.json", "a.json"]);
    assert.deepEqual(await readHistory(join(dir, "missing")), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
