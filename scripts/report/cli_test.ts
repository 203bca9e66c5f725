import assert from "node:assert/strict";
import { join } from "node:path";
import { parseSavedRun } from "./history.ts";
import type { Report } from "./schema.ts";
import { REPO, tempWorkspace } from "./testdata/builders.ts";
import { withTempDir } from "@astraweave/testing/temp-dir";

const FIXTURE = join(REPO, "fixtures", "deno-bench", "deno-2.9.6-sample.json");
const SCRIPT = join(REPO, "scripts", "report.ts");

async function report(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", SCRIPT, ...args],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: text(output.stdout), stderr: text(output.stderr) };
}

const readJson = async (path: string) => JSON.parse(await Deno.readTextFile(path));

Deno.test("an imported run is labelled imported and not recorded in history without --record", () =>
  withTempDir(async (out) => {
    const { stdout } = await report(["--input", FIXTURE, "--out", out]);
    assert.match(
      stdout,
      /imported: read from .*deno-2\.9\.6-sample\.json.*not measured in this run/,
    );
    await assert.rejects(() => Deno.stat(join(out, "history")), Deno.errors.NotFound);
    const md = await Deno.readTextFile(join(out, "latest.md"));
    assert.match(md, /imported: read from/);
  }));

Deno.test("--out that is a file, or a folder that cannot be written: one line naming it, exit 2", () =>
  withTempDir(async (dir) => {
    const file = join(dir, "a-file");
    await Deno.writeTextFile(file, "");
    const asFile = await report(["--input", FIXTURE, "--out", file]);
    assert.equal(asFile.code, 2);
    assert.equal(asFile.stderr.trim(), `report: --out ${file}: is not a folder`);
    const readOnly = join(dir, "read-only");
    await Deno.mkdir(readOnly, { mode: 0o555 });
    if (Deno.uid() !== 0) { // root writes anywhere
      const denied = await report(["--input", FIXTURE, "--out", join(readOnly, "out")]);
      assert.equal(denied.code, 2);
      assert.match(
        denied.stderr,
        /^report: --out .*read-only\/out: cannot be written \(permission denied\)\n$/,
      );
    }
  }));

Deno.test("relative --input and --out are read from the directory the user ran the command in (INIT_CWD)", () =>
  withTempDir(async (dir) => {
    await Deno.copyFile(FIXTURE, join(dir, "run.json"));
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", SCRIPT, "--input", "run.json", "--out", "out"],
      cwd: REPO, // as deno task runs it
      env: { NO_COLOR: "1", INIT_CWD: dir },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 1, new TextDecoder().decode(output.stderr)); // the fixture's failure
    assert.ok((await Deno.stat(join(dir, "out", "latest.json"))).isFile);
  }));

Deno.test("a bench crate name that is neither a workspace crate nor a declared non-crate is refused", async () => {
  const root = await tempWorkspace(["aw-codec"], {
    "bench/aw-codec.bench.ts":
      'import { benchCrate } from "./_define.ts";\nbenchCrate("aw-codek")({ group: "g", name: "n", fn: () => {} });\n',
  });
  try {
    const { code, stderr } = await report(["--root", root, "--quick", "--out", join(root, "out")]);
    assert.equal(code, 2);
    assert.match(
      stderr,
      /^report: bench\/aw-codec\.bench\.ts: benchCrate\("aw-codek"\) names no workspace crate \(aw-codec\)/m,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a history file and a latest.json are accepted as --input: the report is rebuilt without measuring", () =>
  withTempDir(async (dir) => {
    const first = await report(["--input", FIXTURE, "--out", dir, "--record"]);
    assert.equal(first.code, 1, first.stderr); // the fixture has a failing benchmark
    const [historyFile] = [...Deno.readDirSync(join(dir, "history"))].map((e) => e.name);
    const original: Report = await readJson(join(dir, "latest.json"));
    for (const input of [join(dir, "history", historyFile), join(dir, "latest.json")]) {
      const out = join(dir, `again-${input.endsWith("latest.json") ? "latest" : "history"}`);
      const again = await report(["--input", input, "--out", out, "--baseline", input]);
      assert.equal(again.code, 1, again.stderr);
      const rebuilt: Report = await readJson(join(out, "latest.json"));
      assert.equal(rebuilt.run.source, "input");
      assert.equal(rebuilt.run.measured, original.run.date);
      // History keeps five significant digits.
      const p75 = (b: Report["benchmarks"][number]) =>
        b.stats && Number(b.stats.p75.toPrecision(5));
      assert.deepEqual(
        rebuilt.benchmarks.map((b) => [b.key, b.status, p75(b)]),
        original.benchmarks.map((b) => [b.key, b.status, p75(b)]),
      );
      assert.equal(rebuilt.comparison?.regressed, 0);
      await assert.rejects(() => Deno.stat(join(out, "history")), Deno.errors.NotFound);
    }
    // Recorded on purpose, an import keeps its own provenance: date (so file name) and commit.
    const recorded = await report([
      "--input",
      join(dir, "history", historyFile),
      "--out",
      join(dir, "recorded"),
      "--record",
    ]);
    assert.equal(recorded.code, 1, recorded.stderr);
    assert.deepEqual([...Deno.readDirSync(join(dir, "recorded", "history"))].map((e) => e.name), [
      historyFile,
    ]);
    const again: Report = await readJson(join(dir, "recorded", "latest.json"));
    assert.deepEqual([again.run.date, again.run.commit], [original.run.date, original.run.commit]);
  }));

Deno.test("end to end on the fixture: every file written, the failure listed, exit 1", () =>
  withTempDir(async (out) => {
    const { code, stdout, stderr } = await report(["--input", FIXTURE, "--out", out, "--record"]);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /1 benchmark failed/);
    assert.match(stdout, /sample \(other\)\s+covered\s+5\s+4\s+1\s+3/);
    const latest: Report = await readJson(join(out, "latest.json"));
    assert.equal(latest.schema, "astraweave-report");
    assert.equal(latest.version, 2);
    assert.equal(latest.run.source, "input");
    assert.equal(latest.run.quick, false);
    assert.equal(latest.floor?.p75, 4.2683); // the fixture's "harness" group is its floor
    assert.equal(latest.benchmarks.length, 6);
    const throws = latest.benchmarks.find((b) => b.name === "throws")!;
    assert.deepEqual([throws.status, throws.error?.message], ["failed", "deliberate failure"]);
    const explicit = latest.benchmarks.find((b) => b.name === "slow_explicit")!;
    assert.equal(explicit.spread, 1154741 / 406532); // p99 ÷ min of the fixture
    assert.equal(explicit.noisy, false); // 2.84 is under the default 3
    const md = await Deno.readTextFile(join(out, "latest.md"));
    for (
      const heading of [
        "1. Coverage",
        "2. Crate by crate",
        "3. Grades",
        "4. Honesty",
        "5. Performance by category",
        "6. Scaling",
        "7. Before and after",
        "8. Timeline",
      ]
    ) {
      assert.ok(md.includes(`## ${heading}`), heading);
    }
    assert.match(md, /sample\/errors\/throws: deliberate failure/);
    assert.doesNotMatch(md, /\bps\b/);
    const history = [...Deno.readDirSync(join(out, "history"))];
    assert.equal(history.length, 1);
    const saved = parseSavedRun(
      await Deno.readTextFile(join(out, "history", history[0].name)),
      history[0].name,
    );
    assert.equal(saved.benchmarks.length, 6);
    assert.equal(saved.run.historyFile, history[0].name);
    assert.deepEqual(Object.keys(await readJson(join(out, "bmf.json"))).sort(), [
      "harness/harness/empty",
      "sample/loops/slow_explicit",
      "sample/loops/sum_1000",
      "sample/loops/sum_10000",
      "sample/ungrouped/ungrouped_alloc",
    ]);
    assert.equal((await readJson(join(out, "github-action-benchmark.json"))).length, 5);
    const html = await Deno.readTextFile(join(out, "index.html"));
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /(src|href)="https?:/); // self-contained
  }));

Deno.test("bad input: one line on stderr naming the file and the problem, exit 2", () =>
  withTempDir(async (dir) => {
    const cases: [string, RegExp][] = [
      ["not json {", /not JSON/],
      ['{"version": 7, "benches": []}', /unknown deno bench JSON version 7/],
      ['{"hello": 1}', /not a "deno bench --json" document/],
    ];
    for (const [i, [text, problem]] of cases.entries()) {
      const file = join(dir, `bad${i}.json`);
      await Deno.writeTextFile(file, text);
      const { code, stderr, stdout } = await report(["--input", file, "--out", join(dir, "out")]);
      assert.equal(code, 2);
      assert.equal(stdout, "");
      assert.equal(stderr.trim().split("\n").length, 1, stderr);
      assert.ok(stderr.includes(file), stderr);
      assert.match(stderr, problem);
    }
    const missing = await report(["--input", join(dir, "missing.json")]);
    assert.deepEqual([missing.code, /missing\.json: not found/.test(missing.stderr)], [2, true]);
    const badBaseline = await report([
      "--input",
      FIXTURE,
      "--out",
      join(dir, "o"),
      "--baseline",
      FIXTURE,
    ]);
    assert.equal(badBaseline.code, 2);
    assert.match(badBaseline.stderr, /not a report history file or latest\.json/);
    for (
      const args of [["--repeat", "0"], ["--threshold", "lots"], ["--frobnicate"], [
        "--input",
        FIXTURE,
        "--repeat",
        "2",
      ]]
    ) {
      const result = await report(args);
      assert.equal(result.code, 2, args.join(" "));
      assert.equal(result.stderr.trim().split("\n").length, 1);
    }
    const help = await report(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--baseline FILE/);
  }));

Deno.test("--crate limits the report to those crates (and the floor); an unknown crate is bad input", () =>
  withTempDir(async (out) => {
    const only = await report(["--input", FIXTURE, "--out", out, "--crate", "sample"]);
    assert.equal(only.code, 1); // sample's failing bench is still there
    const sample: Report = await readJson(join(out, "latest.json"));
    assert.deepEqual([...new Set(sample.benchmarks.map((b) => b.crate))].sort(), [
      "harness",
      "sample",
    ]);
    assert.equal(sample.run.historyFile, null); // partial runs are not history
    const other = await report(["--input", FIXTURE, "--out", out, "--crate", "aw-save"]);
    assert.equal(other.code, 0, other.stderr);
    const none: Report = await readJson(join(out, "latest.json"));
    assert.deepEqual(none.benchmarks.map((b) => b.crate), ["harness"]);
    const root = await tempWorkspace(["good"], { "bench/good.bench.ts": GOOD });
    try {
      const missing = await report([
        "--root",
        root,
        "--out",
        out,
        "--crate",
        "good",
        "--crate",
        "typo",
      ]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /^report: --crate: no bench file for typo\n$/);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  }));

Deno.test("the gate: --check passes an unchanged run and fails a slowed benchmark with one line per offender", () =>
  withTempDir(async (dir) => {
    const fixture = await readJson(FIXTURE);
    fixture.benches = fixture.benches.filter((b: { name: string }) => b.name !== "throws");
    const before = join(dir, "before.json");
    await Deno.writeTextFile(before, JSON.stringify(fixture));
    const first = await report(["--input", before, "--out", join(dir, "base"), "--no-history"]);
    assert.equal(first.code, 0, first.stderr);
    const baseline = join(dir, "base", "latest.json");

    const same = await report([
      "--input",
      before,
      "--out",
      join(dir, "same"),
      "--baseline",
      baseline,
      "--check",
    ]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stderr, /check: no benchmark over budget or regressed/);

    const slowed = structuredClone(fixture);
    const sum = slowed.benches.find((b: { name: string }) => b.name === "sum_10000").results[0].ok;
    for (const key of ["min", "max", "avg", "p75", "p99", "p995", "p999"]) sum[key] *= 1.5;
    const after = join(dir, "after.json");
    await Deno.writeTextFile(after, JSON.stringify(slowed));
    const gated = await report([
      "--input",
      after,
      "--out",
      join(dir, "after"),
      "--baseline",
      baseline,
      "--check",
    ]);
    assert.equal(gated.code, 1);
    const lines = gated.stderr.trim().split("\n").filter((l) => l.startsWith("check: "));
    assert.equal(lines.length, 1, gated.stderr);
    assert.match(
      lines[0],
      /^check: regressed\s+sample\/loops\/sum_10000: p75 4\.64 µs, baseline 3\.09 µs, ×1\.5 \(\[min, p75\] ranges apart\)$/,
    );
    // compare A B: the same verdict from the saved runs alone, with --check semantics.
    const compared = await report(["compare", baseline, after, "--check"]);
    assert.equal(compared.code, 1, compared.stderr);
    assert.match(
      compared.stdout,
      /^sample\/loops\/sum_10000\s+3\.09 µs\s+4\.64 µs\s+\+50% \(×1\.5\)\s+regressed\s+\[min, p75\] ranges apart$/m,
    );
    assert.match(compared.stdout, /^1 regressed, 0 inconclusive, 0 improved, \d+ compared/m);
    assert.match(compared.stderr, /^check: regressed\s+sample\/loops\/sum_10000/m);
    const unchanged = await report(["compare", baseline, join(dir, "same", "latest.json")]);
    assert.equal(unchanged.code, 0, unchanged.stderr);
    assert.match(unchanged.stdout, /^0 regressed, 0 inconclusive, 0 improved/m);
    const oneRun = await report(["compare", baseline]);
    assert.equal(oneRun.code, 2);
    assert.match(oneRun.stderr, /^report: compare takes two saved runs, A and B \(got 1\)\n$/);

    const md = await Deno.readTextFile(join(dir, "after", "latest.md"));
    assert.match(
      md,
      /\| sample\/loops\/sum_10000 \| 3\.09 µs \| 4\.64 µs \| \+50% \(×1\.5\) \| 3\.09 µs \| 4\.64 µs \| \+50% \(×1\.5\) \| regressed \| \[min, p75\] ranges apart \|/,
    );
  }));

const GOOD = `import { benchCrate, consume, ns, us } from "./_define.ts";
const bench = benchCrate("good");
const data = Array.from({ length: 64 }, (_, i) => i);
bench({ group: "sum", name: "sum/64", budget: us(50, "generous"), size: { value: 64, unit: "items" }, fn: () => consume(data.reduce((a, b) => a + b, 0)) });
bench({ group: "sum", name: "impossible", budget: ns(1, "no function is this fast"), fn: () => consume(data.slice()) });
`;

Deno.test("a real quick run: deferral for type errors and all-failing benches, quick marked, nothing recorded", () =>
  withTempDir(async (out) => {
    const root = await tempWorkspace(["good", "broken", "failing", "idle"], {
      "bench/good.bench.ts": GOOD,
      "bench/broken.bench.ts": `import { benchCrate } from "./_define.ts";
const bench = benchCrate("broken");
const count: number = "three";
const name: string = 4;
bench({ group: "g", name: "x", fn: () => {} });
`,
      "bench/failing.bench.ts": `import { benchCrate } from "./_define.ts";
const bench = benchCrate("failing");
bench({ group: "g", name: "a", fn: () => { throw new Error("not yet"); } });
bench({ group: "g", name: "b", fn: () => { throw new Error("not yet"); } });
`,
    });
    try {
      const { code, stderr } = await report(["--root", root, "--out", out, "--quick", "--check"]);
      assert.equal(code, 1, stderr);
      assert.match(stderr, /good \(bench\/good\.bench\.ts\): 2 benchmarks/); // progress
      const latest: Report = await readJson(join(out, "latest.json"));
      assert.equal(latest.run.quick, true);
      assert.equal(latest.run.historyFile, null);
      const status = Object.fromEntries(
        latest.crates.map((c) => [c.crate, c.reason ? `${c.status}: ${c.reason}` : c.status]),
      );
      assert.deepEqual(status, {
        broken: "deferred: 2 type errors",
        failing: "deferred: all 2 benchmarks failed",
        good: "covered",
        idle: "not benchmarked",
      });
      assert.deepEqual(latest.coverage.covered, ["good"]);
      assert.equal(latest.coverage.percent, 25);
      assert.equal(latest.benchmarks.find((b) => b.name === "impossible")?.grade, null); // quick: never graded
      assert.match(await Deno.readTextFile(join(out, "latest.md")), /QUICK RUN/);
      assert.match(await Deno.readTextFile(join(out, "index.html")), /id="quick-banner"/);
      for (const absent of ["history", "bmf.json", "github-action-benchmark.json"]) {
        await assert.rejects(Deno.stat(join(out, absent)), Deno.errors.NotFound);
      }
      assert.match(stderr, /check: quick run/);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  }));

Deno.test("a real full run: grades from the declarations, the over-budget gate, a history file", () =>
  withTempDir(async (out) => {
    const root = await tempWorkspace(["good"], { "bench/good.bench.ts": GOOD });
    try {
      const { code, stderr } = await report(["--root", root, "--out", out, "--check"]);
      assert.equal(code, 1, stderr);
      const offenders = stderr.split("\n").filter((l) => l.startsWith("check: "));
      assert.equal(offenders.length, 1, stderr);
      assert.match(
        offenders[0],
        /^check: over budget\s+good\/sum\/impossible: p75 .+, budget 1 ns, ×\d+/,
      );
      const latest: Report = await readJson(join(out, "latest.json"));
      assert.ok(latest.floor && latest.floor.p75 > 0);
      const impossible = latest.benchmarks.find((b) => b.name === "impossible")!;
      assert.equal(impossible.grade, "F");
      assert.equal(impossible.budget?.reason, "no function is this fast");
      assert.equal(latest.crates.find((c) => c.crate === "good")?.grade, "F");
      assert.equal(latest.timeline.runs.length, 1);
      assert.ok(latest.run.historyFile);
      await Deno.stat(join(out, "history", latest.run.historyFile!));
      // What deno bench printed is kept, and reports again with --input to the same numbers.
      const again = await report([
        "--root",
        root,
        "--input",
        join(out, "bench-json", "good.bench.json"),
        "--out",
        join(out, "again"),
        "--no-history",
      ]);
      assert.equal(again.code, 0, again.stderr);
      const reread: Report = await readJson(join(out, "again", "latest.json"));
      assert.deepEqual(
        reread.benchmarks.map((b) => [b.id, b.stats?.p75, b.grade]),
        latest.benchmarks.map((b) => [b.id, b.stats?.p75, b.grade]),
      );
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  }));
