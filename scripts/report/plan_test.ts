import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "./errors.ts";
import { EMPTY_PLAN, parsePlan, readPlan } from "./plan.ts";
import { REPO } from "./testdata/builders.ts";

Deno.test("the project's plan: Tier 1 is the eight crates of the original report plus aw-codec", async () => {
  const plan = await readPlan(join(REPO, "bench", "plan.toml"));
  const [tier1] = plan.tiers;
  assert.equal(tier1.name, "Tier 1");
  assert.match(tier1.target!, /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual([...tier1.crates].sort(), [
    "astraweave-audio",
    "astraweave-net-ecs",
    "astraweave-pcg",
    "astraweave-persistence-ecs",
    "astraweave-sdk",
    "astraweave-ui",
    "astraweave-weaving",
    "aw-codec",
    "aw-save",
  ]);
});

Deno.test("the project's plan: Tier 2, the pipeline's own bench as a non-crate, the engine's 45 crates", async () => {
  const plan = await readPlan(join(REPO, "bench", "plan.toml"));
  const tier2 = plan.tiers.find((t) => t.name === "Tier 2")!;
  assert.deepEqual(tier2.crates, [
    "astraweave-physics",
    "astraweave-math",
    "astraweave-terrain",
    "astraweave-scene",
    "astraweave-input",
    "astraweave-cinematics",
    "astraweave-render",
  ]);
  assert.match(tier2.target!, /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(Object.keys(plan.nonCrates), ["report-pipeline"]);
  assert.equal(plan.engine.length, 45);
  assert.equal(new Set(plan.engine).size, 45);
  assert.ok(!plan.engine.includes("aw-codec"), "aw-codec is ours, not the engine's");
  for (const tier of plan.tiers) {
    for (const crate of tier.crates) {
      assert.ok(crate === "aw-codec" || plan.engine.includes(crate), `${crate} is an engine crate`);
    }
  }
});

Deno.test("plan errors name the file; a missing plan is an empty one", async () => {
  assert.throws(
    () => parsePlan("[[tier]\n", "p.toml"),
    (e) => e instanceof InputError && /^p\.toml: not TOML/.test(e.message),
  );
  assert.throws(() => parsePlan('[[tier]]\ncrates = ["a"]\n', "p.toml"), /tier 1 has no "name"/);
  assert.throws(
    () => parsePlan('[[tier]]\nname = "T"\ncrates = "a"\n', "p.toml"),
    /"crates" must be a list/,
  );
  assert.throws(
    () => parsePlan('[[tier]]\nname = "T"\ncrates = []\ntarget = "soon"\n', "p.toml"),
    /"target" is not a date/,
  );
  assert.deepEqual(
    parsePlan('[[tier]]\nname = "T"\ncrates = []\ntarget = "2027-01-02"\n', "p").tiers[0].target,
    "2027-01-02",
  );
  assert.deepEqual(await readPlan(join(REPO, "no-such-plan.toml")), EMPTY_PLAN);
});
