/**
 * Intents: `{ "plan_id": "...", "steps": [{ "act": "MoveTo", "x": 4, "y": 2 }, ...] }`, the Rust
 * `PlanIntent` with its `ActionStep` tagged by `"act"`, checked against a schema before anything
 * runs.
 *
 * The schema is written with zod (npm `zod` 4, pinned in this crate's `deno.json`). Why zod: it is
 * the most used and actively maintained schema library on npm, version 4 compiles object schemas
 * into fast checkers, its discriminated unions dispatch on `act` directly (one branch checked per
 * step, not all 39), and its issues carry the path of the offending field, which becomes the
 * error text. valibot (1.x) was the other candidate; it is smaller to bundle, which does not
 * matter to a server-side engine, and zod's error customisation covered the messages we want.
 *
 * What the schema enforces, beyond the Rust types: every coordinate is a cell of the 20 x 10 grid
 * (the original lets MoveTo leave the grid and fails later with "path not found"), entity ids are
 * u32, durations and distances are finite and at most {@link MAX_SECONDS} / {@link MAX_DISTANCE},
 * strings are at most {@link MAX_STRING_LENGTH} characters, a plan has at most {@link MAX_STEPS}
 * steps, a patrol at most {@link MAX_WAYPOINTS} waypoints. Unknown fields are ignored, as serde
 * ignores them. The Rust enum's 40th act, `ModifyTerrain`, is not accepted: this world has no terrain.
 *
 * @module
 */

import { z } from "zod";
import { MAX_X, MAX_Y, MIN_X, MIN_Y } from "./grid.ts";

/** Most steps in one plan. */
export const MAX_STEPS = 64;
/** Longest string field (plan id, item, weapon and ability names), in UTF-16 code units. */
export const MAX_STRING_LENGTH = 256;
/** Longest intent JSON text accepted, in UTF-16 code units (checked before parsing). */
export const MAX_INTENT_LENGTH = 65_536;
/** Most waypoints of a Patrol step. */
export const MAX_WAYPOINTS = 64;
/** Largest duration (CoverFire, RequestCover, Wait), in seconds. */
export const MAX_SECONDS = 3600;
/** Largest distance or radius, in cells. */
export const MAX_DISTANCE = 1000;

const intRange = (min: number, max: number) => {
  const error = `must be an integer from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
};
const numberRange = (max: number) => {
  const error = `must be a finite number from 0 to ${max}`;
  return z.number({ error }).min(0, { error }).max(max, { error });
};
const cellX = intRange(MIN_X, MAX_X);
const cellY = intRange(MIN_Y, MAX_Y);
const entityId = intRange(0, 0xffff_ffff);
const seconds = numberRange(MAX_SECONDS);
const distance = numberRange(MAX_DISTANCE);
const text = z.string({ error: "must be a string" }).max(MAX_STRING_LENGTH, {
  error: `must be at most ${MAX_STRING_LENGTH} characters`,
});
const cell = z.object({ x: cellX, y: cellY }, { error: "must be an object {x, y}" });
const strafe = z.enum(["left", "right"], { error: 'must be "left" or "right"' });
const speed = z.enum(["walk", "run", "sprint"], { error: 'must be "walk", "run" or "sprint"' });

const act = <A extends string, S extends z.core.$ZodLooseShape>(name: A, shape: S) =>
  z.object({ act: z.literal(name), ...shape });

// Every act of the Rust `ActionStep` except ModifyTerrain, in its order, with its fields.
const STEPS = [
  act("MoveTo", { x: cellX, y: cellY, speed: speed.nullish() }),
  act("Approach", { target_id: entityId, distance }),
  act("Retreat", { target_id: entityId, distance }),
  act("TakeCover", { position: cell.nullish() }),
  act("Strafe", { target_id: entityId, direction: strafe }),
  act("Patrol", {
    waypoints: z.array(cell, { error: "must be an array of {x, y}" }).max(MAX_WAYPOINTS, {
      error: `must have at most ${MAX_WAYPOINTS} waypoints`,
    }),
  }),
  act("Attack", { target_id: entityId }),
  act("AimedShot", { target_id: entityId }),
  act("QuickAttack", { target_id: entityId }),
  act("HeavyAttack", { target_id: entityId }),
  act("AoEAttack", { x: cellX, y: cellY, radius: distance }),
  act("ThrowExplosive", { x: cellX, y: cellY }),
  act("CoverFire", { target_id: entityId, duration: seconds }),
  act("Charge", { target_id: entityId }),
  act("Block", {}),
  act("Dodge", { direction: strafe.nullish() }),
  act("Parry", {}),
  act("ThrowSmoke", { x: cellX, y: cellY }),
  act("Heal", { target_id: entityId.nullish() }),
  act("UseDefensiveAbility", { ability_name: text }),
  act("EquipWeapon", { weapon_name: text }),
  act("SwitchWeapon", { slot: entityId }),
  act("Reload", {}),
  act("UseItem", { item_name: text }),
  act("DropItem", { item_name: text }),
  act("CallReinforcements", { count: entityId }),
  act("MarkTarget", { target_id: entityId }),
  act("RequestCover", { duration: seconds }),
  act("CoordinateAttack", { target_id: entityId }),
  act("SetAmbush", { position: cell }),
  act("Distract", { target_id: entityId }),
  act("Regroup", { rally_point: cell }),
  act("Scan", { radius: distance }),
  act("Wait", { duration: seconds }),
  act("Interact", { target_id: entityId }),
  act("UseAbility", { ability_name: text }),
  act("Taunt", { target_id: entityId }),
  act("Throw", { item: text, x: cellX, y: cellY }),
  act("Revive", { ally_id: entityId }),
] as const;

/** The acts an intent may use, in the Rust `ActionStep` order. */
export const ACTS: readonly string[] = STEPS.map((s) => s.shape.act.value);

function unknownAct(input: unknown): string {
  const name = (input as { act?: unknown } | null)?.act;
  if (name === undefined) return "act is missing";
  if (typeof name !== "string") return "act must be a string";
  const shown = name.length > 40 ? `${name.slice(0, 40)}...` : name;
  return `unknown act ${JSON.stringify(shown)}`;
}

const step = z.discriminatedUnion("act", STEPS, {
  error: (issue) => issue.code === "invalid_union" ? unknownAct(issue.input) : "must be an object",
});

const planSchema = z.object({
  plan_id: text,
  steps: z.array(step, { error: "must be an array of steps" }).max(MAX_STEPS, {
    error: `must have at most ${MAX_STEPS} steps`,
  }),
}, { error: "an intent must be an object {plan_id, steps}" });

/** A validated plan (internal: the API takes JSON text or parsed JSON values). */
export type Plan = z.infer<typeof planSchema>;
/** One validated step of a plan. */
export type Step = Plan["steps"][number];

/** What {@link parsePlan} returns: the plan, or the error text (without the "parse error: "). */
export type PlanResult = { ok: true; plan: Plan } | { ok: false; error: string };

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Checks a parsed JSON value against the intent schema. */
export function parsePlan(value: unknown): PlanResult {
  const result = planSchema.safeParse(value);
  if (result.success) return { ok: true, plan: result.data };
  const issue = result.error.issues[0];
  const where = pathText(issue.path);
  return { ok: false, error: where === "" ? issue.message : `${where}: ${issue.message}` };
}
