/**
 * {@link SaveSlots}: the Save and Load screens' slots, kept by `@astraweave/save` (`.awsv` files the
 * Rust engine reads). Each slot holds one save: saving to a slot writes a new file durably, then
 * deletes the slot's older files.
 *
 * @module
 */

import {
  createBundle,
  dateTimeToDate,
  SaveError,
  type SaveManager,
  type SaveMeta,
} from "@astraweave/save";
import { basename } from "node:path";
import { UiError } from "./error.ts";

/** A slot that holds a save. */
export interface SlotInfo {
  /** The slot number, 0 to `slotCount - 1`. */
  slot: number;
  /** When the save was made. */
  savedAt: Date;
  /** The save file's name. */
  file: string;
}

/** What a slot saves and loads: the game's state, opaque to the menus. */
export interface SlotGame {
  /** The simulation tick. */
  tick: bigint;
  /** The game's own snapshot bytes. */
  state: Uint8Array;
  /** Text shown with the save ("Chapter 2: the docks"), and anything else the game keeps. */
  meta: Record<string, string>;
}

/** A loaded slot. */
export interface LoadedSlot extends SlotGame {
  /** The slot's details. */
  info: SlotInfo;
}

/**
 * The save slots of one player.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SaveManager } from "@astraweave/save";
 * import { SaveSlots } from "./slots.ts";
 * const root = await Deno.makeTempDir();
 * const slots = new SaveSlots(new SaveManager(root), "ann");
 * assert.deepEqual(await slots.list(), [null, null, null]);
 * await slots.save(1, { tick: 90n, state: new Uint8Array([7]), meta: { scene: "docks" } });
 * const loaded = await slots.load(1);
 * assert.equal(loaded.meta.scene, "docks");
 * assert.equal((await slots.list())[1]?.slot, 1);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class SaveSlots {
  readonly #saves: SaveManager;
  /** The player whose slots these are. */
  readonly playerId: string;
  /** How many slots the screens show. */
  readonly slotCount: number;

  /** `slotCount` slots (1 to 256) of `playerId`'s saves in `saves`. */
  constructor(saves: SaveManager, playerId: string, slotCount = 3) {
    if (!Number.isInteger(slotCount) || slotCount < 1 || slotCount > 256) {
      throw new UiError(
        "invalid_slot",
        `slotCount must be an integer from 1 to 256, got ${slotCount}`,
      );
    }
    this.#saves = saves;
    this.playerId = playerId;
    this.slotCount = slotCount;
  }

  /** Each slot's newest save, or null for an empty slot, in slot order. */
  async list(): Promise<(SlotInfo | null)[]> {
    const slots: (SlotInfo | null)[] = new Array(this.slotCount).fill(null);
    // Sorted by slot, then creation time: the last entry of a slot is its newest.
    for (const meta of await this.#saves.listSaves(this.playerId)) {
      if (meta.slot < this.slotCount) slots[meta.slot] = infoOf(meta);
    }
    return slots;
  }

  /** Saves `game` to `slot` and removes the slot's older saves; resolves to the new save's details. */
  async save(slot: number, game: SlotGame): Promise<SlotInfo> {
    this.#check(slot);
    const bundle = createBundle({
      playerId: this.playerId,
      slot,
      world: { tick: game.tick, ecsBlob: game.state },
      meta: new Map(Object.entries(game.meta)),
    });
    const path = await this.#saves.save(this.playerId, slot, bundle);
    await this.#saves.deleteSlot(this.playerId, slot, { except: [path] });
    return { slot, savedAt: dateTimeToDate(bundle.createdAt), file: basename(path) };
  }

  /**
   * Loads the newest loadable save of `slot`.
   *
   * @throws {UiError} `invalid_slot` when the slot is out of range or empty; a damaged save's
   * {@link SaveError} when the slot holds only damaged saves.
   */
  async load(slot: number): Promise<LoadedSlot> {
    this.#check(slot);
    try {
      const { bundle, path } = await this.#saves.loadLatestSlot(this.playerId, slot);
      return {
        tick: bundle.world.tick,
        state: bundle.world.ecsBlob,
        meta: Object.fromEntries(bundle.meta),
        info: { slot, savedAt: dateTimeToDate(bundle.createdAt), file: basename(path) },
      };
    } catch (e) {
      if (e instanceof SaveError && e.kind === "no_save") {
        throw new UiError("invalid_slot", `slot ${slot} is empty`, undefined, { cause: e });
      }
      throw e;
    }
  }

  #check(slot: number): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.slotCount) {
      throw new UiError(
        "invalid_slot",
        `slot must be an integer from 0 to ${this.slotCount - 1}, got ${slot}`,
      );
    }
  }
}

function infoOf(meta: SaveMeta): SlotInfo {
  return { slot: meta.slot, savedAt: dateTimeToDate(meta.createdAt), file: meta.file };
}
