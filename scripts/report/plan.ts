/**
 * The coverage plan (`bench/plan.toml`): tiers of crates with the date each tier should be covered,
 * the bench crates that are not engine crates, and the engine's crate inventory.
 *
 * ```toml
 * [[tier]]
 * name = "Tier 1"
 * target = 2026-12-11
 * note = "optional"
 * crates = ["aw-codec", "aw-save"]
 *
 * [non_crates]
 * report-pipeline = "why it is benchmarked"
 *
 * [engine]
 * crates = ["aw-save", "astraweave-ecs"]
 * ```
 *
 * @module
 */

import { parse as parseToml } from "smol-toml";
import { InputError } from "./errors.ts";

/** One tier of the plan. */
export interface Tier {
  name: string;
  crates: string[];
  /** YYYY-MM-DD, or null when the tier has no date yet. */
  target: string | null;
  note?: string;
}

/** The plan. */
export interface Plan {
  /** Tiers in order. */
  tiers: Tier[];
  /** Bench crate names that are not crates (the pipeline's own bench), with why they exist. */
  nonCrates: Record<string, string>;
  /** The engine's library crates (the denominator of engine coverage); empty when not given. */
  engine: string[];
}

/** A plan with nothing in it (no plan file). */
export const EMPTY_PLAN: Readonly<Plan> = Object.freeze({ tiers: [], nonCrates: {}, engine: [] });

function toDay(value: unknown, file: string, where: string): string | null {
  if (value === undefined) return null;
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new InputError(file, `${where}: "target" is not a date (YYYY-MM-DD)`);
}

const isNameList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((c) => typeof c === "string");

function parseTier(tier: Record<string, unknown>, index: number, file: string): Tier {
  const where = `tier ${index + 1}`;
  if (typeof tier.name !== "string" || tier.name === "") {
    throw new InputError(file, `${where} has no "name"`);
  }
  if (!isNameList(tier.crates)) {
    throw new InputError(file, `${where} ("${tier.name}"): "crates" must be a list of names`);
  }
  const result: Tier = {
    name: tier.name,
    crates: tier.crates,
    target: toDay(tier.target, file, `${where} ("${tier.name}")`),
  };
  if (typeof tier.note === "string") result.note = tier.note;
  return result;
}

/**
 * Parses a plan.
 *
 * @throws {InputError} naming `file` when it is not TOML or a section is malformed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parsePlan } from "./plan.ts";
 * const plan = parsePlan(
 *   '[[tier]]\nname = "T1"\ntarget = 2026-12-11\ncrates = ["a"]\n[engine]\ncrates = ["a", "b"]\n',
 *   "plan.toml",
 * );
 * assert.equal(plan.tiers[0].target, "2026-12-11");
 * assert.deepEqual(plan.engine, ["a", "b"]);
 * ```
 */
export function parsePlan(text: string, file: string): Plan {
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(file, `not TOML (${(error as Error).message.split("\n")[0]})`);
  }
  const tiers = data.tier ?? [];
  if (!Array.isArray(tiers)) {
    throw new InputError(file, '"tier" must be an array of tables ([[tier]])');
  }
  const nonCrates = data.non_crates ?? {};
  if (
    typeof nonCrates !== "object" || Array.isArray(nonCrates) ||
    !Object.values(nonCrates).every((why) => typeof why === "string")
  ) {
    throw new InputError(file, '"non_crates" must be a table of name = "why"');
  }
  const engine = (data.engine ?? {}) as Record<string, unknown>;
  if (engine.crates !== undefined && !isNameList(engine.crates)) {
    throw new InputError(file, '"engine.crates" must be a list of names');
  }
  return {
    tiers: tiers.map((tier, index) => parseTier(tier, index, file)),
    nonCrates: nonCrates as Record<string, string>,
    engine: (engine.crates as string[] | undefined) ?? [],
  };
}

/**
 * Reads the plan file, or an empty plan when there is none.
 *
 * @example
 * ```ts ignore
 * import { readPlan } from "./plan.ts";
 * const plan = await readPlan("bench/plan.toml");
 * ```
 */
export async function readPlan(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { ...EMPTY_PLAN };
    throw new InputError(path, (error as Error).message);
  }
  return parsePlan(text, path);
}
