/**
 * The quest tracker: quests with objectives and their progress. Completing a quest's last
 * objective completes the quest, and the tracker tells its listener (the HUD shows a "quest
 * complete" notification).
 *
 * @module
 */

import { UiError } from "./error.ts";

/** One objective of a quest: "Collect herbs 2/5". */
export interface Objective {
  /** Its id within the quest. */
  readonly id: string;
  /** What to do. */
  readonly text: string;
  /** Progress so far. */
  current: number;
  /** Progress needed. */
  readonly target: number;
}

/** A tracked quest. */
export interface Quest {
  /** Its id. */
  readonly id: string;
  /** Its title. */
  readonly title: string;
  /** Its objectives, in order. */
  readonly objectives: Objective[];
}

/** What a quest is made from: its objectives without progress. */
export interface QuestInit {
  /** The quest's id. */
  id: string;
  /** Its title. */
  title: string;
  /** Its objectives. */
  objectives: { id: string; text: string; target: number }[];
}

/** Whether every objective of `quest` is done. */
export function questComplete(quest: Quest): boolean {
  return quest.objectives.every((o) => o.current >= o.target);
}

/**
 * The quests the HUD tracks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { QuestTracker } from "./quests.ts";
 * const done: string[] = [];
 * const tracker = new QuestTracker((quest) => done.push(quest.title));
 * tracker.add({ id: "herbs", title: "Herbalist", objectives: [{ id: "pick", text: "Pick herbs", target: 3 }] });
 * tracker.progress("herbs", "pick", 2);
 * assert.equal(tracker.get("herbs")?.objectives[0].current, 2);
 * tracker.progress("herbs", "pick", 5); // capped at the target
 * assert.equal(tracker.get("herbs")?.objectives[0].current, 3);
 * assert.deepEqual(done, ["Herbalist"]);
 * ```
 */
export class QuestTracker {
  readonly #quests: Quest[] = [];
  readonly #onComplete: (quest: Quest) => void;

  /** An empty tracker; `onComplete` hears of each quest completed. */
  constructor(onComplete: (quest: Quest) => void = () => {}) {
    this.#onComplete = onComplete;
  }

  /** The tracked quests, in the order they were added (do not modify). */
  get quests(): readonly Quest[] {
    return this.#quests;
  }

  /** Quest `id`. */
  get(id: string): Quest | undefined {
    return this.#quests.find((q) => q.id === id);
  }

  /**
   * Tracks a new quest.
   *
   * @throws {UiError} `invalid_action` for a duplicate id, no objectives, or a target below 1.
   */
  add(init: QuestInit): Quest {
    if (this.get(init.id)) {
      throw new UiError("invalid_action", `quest ${init.id} is already tracked`);
    }
    if (init.objectives.length === 0) {
      throw new UiError("invalid_action", `quest ${init.id} has no objectives`);
    }
    for (const o of init.objectives) {
      if (!Number.isInteger(o.target) || o.target < 1) {
        throw new UiError(
          "invalid_action",
          `objective ${o.id} needs a target of at least 1, got ${o.target}`,
        );
      }
    }
    const quest: Quest = {
      id: init.id,
      title: init.title,
      objectives: init.objectives.map((o) => ({ ...o, current: 0 })),
    };
    this.#quests.push(quest);
    return quest;
  }

  /** Stops tracking quest `id`. */
  remove(id: string): void {
    const i = this.#quests.findIndex((q) => q.id === id);
    if (i >= 0) this.#quests.splice(i, 1);
  }

  /**
   * Adds `amount` to an objective's progress (capped at its target); returns whether this
   * completed the quest.
   *
   * @throws {UiError} `invalid_action` for an unknown quest or objective.
   */
  progress(questId: string, objectiveId: string, amount = 1): boolean {
    const quest = this.get(questId);
    if (!quest) throw new UiError("invalid_action", `no quest ${questId}`);
    const objective = quest.objectives.find((o) => o.id === objectiveId);
    if (!objective) {
      throw new UiError("invalid_action", `quest ${questId} has no objective ${objectiveId}`);
    }
    const wasComplete = questComplete(quest);
    objective.current = Math.min(objective.target, Math.max(0, objective.current + amount));
    const completed = !wasComplete && questComplete(quest);
    if (completed) this.#onComplete(quest);
    return completed;
  }
}
