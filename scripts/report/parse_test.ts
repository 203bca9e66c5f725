import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "./errors.ts";
import { findBenchJson, parseBenchDocument } from "./parse.ts";
import { REPO } from "./testdata/builders.ts";

const FIXTURE = join(REPO, "fixtures", "deno-bench", "deno-2.9.6-sample.json");

Deno.test("parses the real deno bench --json fixture: every bench, null group, baseline, failure", async () => {
  const doc = parseBenchDocument(await Deno.readTextFile(FIXTURE), FIXTURE);
  assert.equal(doc.runtime, "Deno/2.9.6 x86_64-unknown-linux-gnu");
  assert.equal(doc.cpu, "AMD EPYC");
  assert.deepEqual(doc.benches.map((b) => b.name), [
    "ungrouped_alloc",
    "empty",
    "sum_1000",
    "sum_10000",
    "slow_explicit",
    "throws",
  ]);
  const ungrouped = doc.benches[0];
  assert.equal(ungrouped.group, null);
  assert.equal(ungrouped.ok?.p75, 99.873);
  assert.equal(ungrouped.ok?.highPrecision, false);
  assert.equal(doc.benches[2].baseline, true);
  const explicit = doc.benches[4].ok!;
  assert.equal(explicit.usedExplicitTimers, true);
  assert.equal(explicit.n, 445);
  const throws = doc.benches[5];
  assert.equal(throws.ok, undefined);
  assert.deepEqual(throws.failed, { name: "Error", message: "deliberate failure" });
});

Deno.test("a document of only failures parses, each failure kept with its message", () => {
  const text = JSON.stringify({
    version: 1,
    runtime: "Deno",
    cpu: "x",
    benches: [
      {
        origin: "file:///b.ts",
        group: "g",
        name: "a",
        baseline: false,
        results: [{ failed: { name: "TypeError", message: "bad" } }],
      },
      {
        origin: "file:///b.ts",
        group: null,
        name: "b",
        baseline: false,
        results: [{ failed: { exceptionMessage: "Uncaught 42" } }],
      },
    ],
  });
  const doc = parseBenchDocument(text, "only-failures.json");
  assert.deepEqual(doc.benches.map((b) => b.failed), [
    { name: "TypeError", message: "bad" },
    { name: "Error", message: "Uncaught 42" },
  ]);
});

function problemOf(text: string): string {
  try {
    parseBenchDocument(text, "bad.json");
  } catch (error) {
    assert.ok(error instanceof InputError);
    assert.equal(error.file, "bad.json");
    assert.ok(!error.message.includes("\n"), "one line");
    return error.problem;
  }
  assert.fail("expected an InputError");
}

Deno.test("bad documents are InputErrors that name the file and the problem", () => {
  assert.match(problemOf("{ nope"), /^not JSON/);
  assert.match(problemOf("[1, 2]"), /not a "deno bench --json" document/);
  assert.match(problemOf('{"version": 1}'), /no "benches" array/);
  assert.match(problemOf('{"version": 2, "benches": []}'), /unknown deno bench JSON version 2/);
  assert.match(problemOf('{"benches": []}'), /unknown deno bench JSON version undefined/);
  assert.match(
    problemOf('{"version": 1, "benches": [{"name": "x", "results": []}]}'),
    /benches\[0\] has no "origin"/,
  );
  assert.match(
    problemOf(
      '{"version": 1, "benches": [{"origin": "o", "name": "x", "results": [{"ok": {"n": 1}}]}]}',
    ),
    /"min" is not a non-negative number/,
  );
  assert.match(
    problemOf(
      '{"version": 1, "benches": [{"origin": "o", "name": "x", "group": 3, "results": []}]}',
    ),
    /"group" is neither a string nor null/,
  );
});

Deno.test("findBenchJson skips what a bench module printed before the document", () => {
  const document = '{\n  "version": 1,\n  "runtime": "r",\n  "cpu": "c",\n  "benches": []\n}\n';
  assert.deepEqual(findBenchJson(document), { text: document, skipped: false });
  const found = findBenchJson(`debug: {\n  "version": "mine"\n}\nhello\n${document}`);
  assert.equal(found?.skipped, true);
  assert.equal(parseBenchDocument(found!.text, "x").benches.length, 0);
  assert.equal(findBenchJson("error: Module not found"), null);
});
