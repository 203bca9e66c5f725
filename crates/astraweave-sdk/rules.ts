/**
 * Runs a validated plan in a world, with the Rust validation rules (`validate_and_execute` of
 * astraweave-core) for the acts it executes, all-or-nothing: if a step fails, every change of the
 * earlier steps is undone (the original has no rollback and leaves the world half-changed).
 *
 * - MoveTo: a 4-neighbour path inside the grid around obstacles, else "path not found"; the
 *   actor then stands on the target (the original teleports too).
 * - Throw / ThrowSmoke: line of sight from the actor, else "line of sight blocked"; Throw puts
 *   `throw:{item}` on an 8 s cooldown and fails with "cooldown blocked: throw:{item}" while it runs.
 * - CoverFire: the target must exist, be in line of sight, and the actor must have ammo ("resource
 *   missing: ammo"); damage max(1, trunc(duration x 5)); ammo -3, not below 0.
 * - Attack / AimedShot / QuickAttack / HeavyAttack: 10 / 15 / 5 / 25 damage. Unlike the original,
 *   the target must exist, be alive and be on another team.
 * - Heal: +20 hp capped at 100, on `target_id` or the actor; the target must exist and be alive
 *   (a dead one needs Revive: the original's uncapped Heal raised the dead).
 * - Reload: ammo 30. Revive: hp 20 if hp <= 0; the ally must exist.
 * - Every other act only logs, as in the original.
 *
 * @module
 */

import type { Plan, Step } from "./intent.ts";
import { saturateI32, THROW_COOLDOWN, type World } from "./world.ts";

const DAMAGE: Record<string, number> = {
  Attack: 10,
  AimedShot: 15,
  QuickAttack: 5,
  HeavyAttack: 25,
};
const HEAL_AMOUNT = 20;
const MAX_HP = 100;
const REVIVE_HP = 20;
const RELOAD_AMMO = 30;
const COVER_FIRE_AMMO = 3;

/** A step that failed; the message is the Rust `EngineError` text where the original has one. */
class StepFailure extends Error {}

function target(w: World, id: number): number {
  const i = w.indexOf(id);
  if (i < 0) throw new StepFailure(`invalid action: target #${id} not found`);
  return i;
}

function runStep(w: World, actor: number, step: Step): void {
  switch (step.act) {
    case "MoveTo": {
      if (!w.obstacles.pathExists(w.xs[actor], w.ys[actor], step.x, step.y)) {
        throw new StepFailure("path not found");
      }
      w.xs[actor] = step.x;
      w.ys[actor] = step.y;
      return;
    }
    case "ThrowSmoke":
    case "Throw": {
      if (!w.obstacles.lineOfSight(w.xs[actor], w.ys[actor], step.x, step.y)) {
        throw new StepFailure("line of sight blocked");
      }
      if (step.act === "Throw") {
        const key = `throw:${step.item}`;
        if (w.cooldownLeft(actor, key) > 0) throw new StepFailure(`cooldown blocked: ${key}`);
        w.startCooldown(actor, key, THROW_COOLDOWN);
      }
      return;
    }
    case "CoverFire": {
      const t = target(w, step.target_id);
      if (!w.obstacles.lineOfSight(w.xs[actor], w.ys[actor], w.xs[t], w.ys[t])) {
        throw new StepFailure("line of sight blocked");
      }
      if (w.ammos[actor] <= 0) throw new StepFailure("resource missing: ammo");
      const damage = Math.max(1, Math.trunc(step.duration * 5));
      w.hps[t] = saturateI32(w.hps[t] - damage);
      w.ammos[actor] = Math.max(0, w.ammos[actor] - COVER_FIRE_AMMO);
      return;
    }
    case "Attack":
    case "AimedShot":
    case "QuickAttack":
    case "HeavyAttack": {
      const t = target(w, step.target_id);
      if (w.hps[t] <= 0) {
        throw new StepFailure(`invalid action: target #${step.target_id} is not alive`);
      }
      if (w.teams[t] === w.teams[actor]) {
        throw new StepFailure(`invalid action: target #${step.target_id} is on the actor's team`);
      }
      w.hps[t] = saturateI32(w.hps[t] - DAMAGE[step.act]);
      return;
    }
    case "Heal": {
      const id = step.target_id ?? w.ids[actor];
      const t = target(w, id);
      if (w.hps[t] <= 0) {
        throw new StepFailure(`invalid action: target #${id} is not alive (Revive it first)`);
      }
      w.hps[t] = Math.max(w.hps[t], Math.min(MAX_HP, w.hps[t] + HEAL_AMOUNT));
      return;
    }
    case "Reload":
      w.ammos[actor] = RELOAD_AMMO;
      return;
    case "Revive": {
      const t = target(w, step.ally_id);
      if (w.hps[t] <= 0) w.hps[t] = REVIVE_HP;
      return;
    }
    default:
      return; // the original only logs these
  }
}

/** The log line of a step: its index, its act and its fields, in the order given. */
function stepLine(index: number, step: Step): string {
  const { act, ...fields } = step;
  return `  [${index}] ${act} ${JSON.stringify(fields)}`;
}

/**
 * Runs `plan` for the entity in slot `actor`. Returns undefined when every step ran, or the
 * failure text ("path not found (step 1, MoveTo)") after undoing every change. Log lines (the
 * plan, then one per step) are appended to `log` only when the plan commits: what is logged is
 * what ran.
 */
export function runPlan(
  w: World,
  actor: number,
  plan: Plan,
  log?: string[],
): string | undefined {
  w.begin();
  for (let i = 0; i < plan.steps.length; i++) {
    try {
      runStep(w, actor, plan.steps[i]);
    } catch (error) {
      w.rollback();
      if (!(error instanceof StepFailure)) throw error;
      return `${error.message} (step ${i}, ${plan.steps[i].act})`;
    }
  }
  if (log) {
    log.push(`Plan ${plan.plan_id} with ${plan.steps.length} steps`);
    for (let i = 0; i < plan.steps.length; i++) log.push(stepLine(i, plan.steps[i]));
  }
  return undefined;
}
