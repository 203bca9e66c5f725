/**
 * The plan's view of the report, in one place: which tier each crate is in, when each tier was
 * first complete in history, each tier's status against its target, and coverage of the engine's
 * crate inventory.
 *
 * @module
 */

import type { SavedRun } from "./history.ts";
import type { Plan } from "./plan.ts";
import type { EngineCoverage, TierStatus } from "./schema.ts";

/**
 * Each planned crate's tier (the first tier that lists it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tierOfCrate } from "./tiers.ts";
 * const plan = { tiers: [{ name: "T1", crates: ["a"], target: null }], nonCrates: {}, engine: [] };
 * assert.equal(tierOfCrate(plan).get("a"), "T1");
 * ```
 */
export function tierOfCrate(plan: Plan): Map<string, string> {
  const tierOf = new Map<string, string>();
  for (const tier of plan.tiers) {
    for (const crate of tier.crates) if (!tierOf.has(crate)) tierOf.set(crate, tier.name);
  }
  return tierOf;
}

/**
 * Days from `from` to `to` (YYYY-MM-DD or ISO dates), rounded to whole days.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { daysBetween } from "./tiers.ts";
 * assert.equal(daysBetween("2026-12-01", "2026-12-11T05:00:00Z"), 10);
 * ```
 */
export function daysBetween(from: string, to: string): number {
  const day = (text: string) =>
    Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

/** The day (YYYY-MM-DD) of the first run, oldest first, in which every crate of each tier was covered. */
export function tierCompletion(runs: SavedRun[], plan: Plan): Map<string, string | null> {
  const completed = new Map<string, string | null>(plan.tiers.map((t) => [t.name, null]));
  for (const { run } of runs) {
    const covered = new Set(run.coverage.covered);
    for (const tier of plan.tiers) {
      if (completed.get(tier.name) === null && tier.crates.every((c) => covered.has(c))) {
        completed.set(tier.name, run.run.date.slice(0, 10));
      }
    }
  }
  return completed;
}

/**
 * Each tier's status: its covered crates now, the day it was first complete, and how many days
 * late (negative: early) that was against its target; for an open tier, how far `today` is past
 * the target.
 */
export function tierStatuses(
  plan: Plan,
  covered: readonly string[],
  completedOn: ReadonlyMap<string, string | null>,
  today: string,
): TierStatus[] {
  const coveredSet = new Set(covered);
  return plan.tiers.map((tier): TierStatus => {
    const completed = completedOn.get(tier.name) ?? null;
    const status: TierStatus = {
      name: tier.name,
      crates: tier.crates,
      covered: tier.crates.filter((c) => coveredSet.has(c)),
      target: tier.target,
      completed,
      daysLate: tier.target ? daysBetween(tier.target, completed ?? today) : null,
    };
    if (tier.note) status.note = tier.note;
    return status;
  });
}

/**
 * Coverage of the engine's crate inventory (null when the plan has none): each engine crate with
 * its tier (or "unplanned") and whether it is covered here, and the workspace's crates that the
 * engine does not have, counted apart.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { engineCoverage } from "./tiers.ts";
 * const plan = { tiers: [{ name: "T1", crates: ["a", "x"], target: null }], nonCrates: {}, engine: ["a", "b"] };
 * const engine = engineCoverage(plan, ["a", "x"], ["a", "x"])!;
 * assert.equal(engine.covered, 1);
 * assert.equal(engine.crates[1].tier, "unplanned");
 * assert.deepEqual(engine.oursOnly, ["x"]);
 * ```
 */
export function engineCoverage(
  plan: Plan,
  members: readonly string[],
  covered: readonly string[],
): EngineCoverage | null {
  if (!plan.engine.length) return null;
  const tierOf = tierOfCrate(plan);
  const memberSet = new Set(members);
  const coveredSet = new Set(covered);
  const engineSet = new Set(plan.engine);
  const crates = plan.engine.map((crate) => ({
    crate,
    tier: tierOf.get(crate) ?? "unplanned",
    member: memberSet.has(crate),
    covered: coveredSet.has(crate),
  }));
  const count = crates.filter((c) => c.covered).length;
  return {
    total: crates.length,
    covered: count,
    percent: (count / crates.length) * 100,
    crates,
    oursOnly: members.filter((m) => !engineSet.has(m)),
  };
}
