import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "./errors.ts";
import {
  historyFileName,
  historyText,
  parseSavedRun,
  readHistory,
  timedColumns,
  toHistoryRun,
} from "./history.ts";
import { HISTORY_SCHEMA, type Report, REPORT_SCHEMA } from "./schema.ts";

/** A version 1 history file (rows under a columns header), as version 1 wrote it. */
const VERSION_1 = await Deno.readTextFile(
  new URL("./testdata/history-v1.json", import.meta.url),
);

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
  // On disk: columns over a table of strings, no id or key (they follow from the rest), times to
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
  assert.equal(onDisk.version, 2);
  assert.deepEqual(onDisk.strings, ["c", "g", "x", "bench", "ok", "rooms"]);
  assert.deepEqual(onDisk.benchmarks, {
    count: 1,
    crate: [0],
    group: [1],
    name: [2],
    kind: [3],
    status: [4],
    size: [10],
    unit: [5],
    n: [3],
    min: [1],
    max: [9],
    avg: [5],
    p75: [6.1235],
    p99: [8],
    repeats: [[6, 7]],
  });
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
    problem(JSON.stringify({ ...toHistoryRun(report), version: 3 })),
    /unknown astraweave-report-history version 3 \(this report reads 1, 2\)/,
  );
  assert.match(
    problem(JSON.stringify({ schema: HISTORY_SCHEMA, version: 1 })),
    /lacks "run", "coverage" or "benchmarks"/,
  );
  const reordered = { ...JSON.parse(VERSION_1), columns: ["name", "crate"] };
  assert.match(problem(JSON.stringify(reordered)), /history "columns" are not crate, group, name/);
  // Version 2 columns are bounds-checked: a short column, an index past the strings.
  const columnar = JSON.parse(historyText(report));
  const broken = (change: Record<string, unknown>) =>
    problem(JSON.stringify({ ...columnar, benchmarks: { ...columnar.benchmarks, ...change } }));
  assert.match(broken({ p75: [] }), /history column "p75" is not an array of 1 values/);
  assert.match(broken({ name: [99] }), /history column "name": 99 is not a string's index/);
  assert.match(broken({ count: -1 }), /lacks "strings" or "benchmarks.count"/);
});

Deno.test("version 1 history files (rows) read as the same runs as version 2 files", async () => {
  const v1 = parseSavedRun(VERSION_1, "history-v1.json");
  const { schema: _, version: __, ...fixture } = JSON.parse(VERSION_1);
  const rewritten = historyText({
    ...fixture,
    benchmarks: v1.benchmarks.map((b) => ({ ...b, stats: b.stats && { ...b.stats } })),
  } as unknown as Report);
  const v2 = parseSavedRun(rewritten, "history-v2.json");
  assert.equal(JSON.parse(rewritten).version, 2);
  assert.deepEqual(v1, v2);
  // Read from bytes (as readHistory does), the run and its records made later are the same.
  assert.deepEqual(parseSavedRun(new TextEncoder().encode(rewritten), "history-v2.json"), v2);
  assert.deepEqual(timedColumns(v1), timedColumns(v2));
  assert.deepEqual(timedColumns(v2).p75, new Float64Array([6.1235, 2.6, 0, 4.1235]));
  assert.deepEqual(v1.benchmarks.map((b) => b.key), [
    "c/g/x [10 rooms]",
    "c/g/peer",
    "c/g/broken",
    "harness/harness/floor",
  ]);
  assert.equal(v1.benchmarks[2].stats, undefined);
  // The project's own history folder holds version 1 files: every one still reads.
  const committed = await readHistory(new URL("../../reports/history", import.meta.url).pathname);
  assert.ok(committed.length > 0);
  for (const { run } of committed) assert.ok(run.benchmarks.length > 0);
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
