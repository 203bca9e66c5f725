import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "./errors.ts";
import { parsePlan, readPlan } from "./plan.ts";
import { REPO } from "./test_util.ts";

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
  assert.deepEqual(await readPlan(join(REPO, "no-such-plan.toml")), { tiers: [] });
});
