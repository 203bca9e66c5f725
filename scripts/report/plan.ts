/**
 * The coverage plan (`bench/plan.toml`): tiers of crates and the date each tier should be covered.
 *
 * ```toml
 * [[tier]]
 * name = "Tier 1"
 * target = 2026-12-11
 * note = "optional"
 * crates = ["aw-codec", "aw-save"]
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

/** The plan: tiers in order. */
export interface Plan {
  tiers: Tier[];
}

function toDay(value: unknown, file: string, where: string): string | null {
  if (value === undefined) return null;
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new InputError(file, `${where}: "target" is not a date (YYYY-MM-DD)`);
}

/**
 * Parses a plan.
 *
 * @throws {InputError} naming `file` when it is not TOML or a tier lacks a name or crates.
 *
 * @example
 * ```ts
 * import { parsePlan } from "./plan.ts";
 * const plan = parsePlan('[[tier]]\nname = "T1"\ntarget = 2026-12-11\ncrates = ["a"]\n', "plan.toml");
 * console.assert(plan.tiers[0].target === "2026-12-11");
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
  return {
    tiers: tiers.map((tier: Record<string, unknown>, index: number): Tier => {
      const where = `tier ${index + 1}`;
      if (typeof tier.name !== "string" || tier.name === "") {
        throw new InputError(file, `${where} has no "name"`);
      }
      if (!Array.isArray(tier.crates) || !tier.crates.every((c) => typeof c === "string")) {
        throw new InputError(file, `${where} ("${tier.name}"): "crates" must be a list of names`);
      }
      const result: Tier = {
        name: tier.name,
        crates: tier.crates as string[],
        target: toDay(tier.target, file, `${where} ("${tier.name}")`),
      };
      if (typeof tier.note === "string") result.note = tier.note;
      return result;
    }),
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
    if (error instanceof Deno.errors.NotFound) return { tiers: [] };
    throw error;
  }
  return parsePlan(text, path);
}
