/**
 * The persistence manager: saves and loads worlds through aw-save's {@link SaveManager}. A save
 * stores the world blob as the bundle's `ecs_blob`, the world hash as its `state_hash`, the
 * world's tick as its `tick`, and the version of the world hash in its metadata
 * (`world_hash_version`); a load rebuilds the world and checks that it hashes to the stored value
 * with that version (version 1 when the metadata names none: saves written before version 2), so
 * a damaged or tampered blob is an error, never a silent load.
 *
 * @module
 */

import {
  createBundle,
  type MigrationResult,
  type SaveBundleV2,
  SaveManager,
  type SaveMeta,
} from "@astraweave/save";
import type { AnyComponent } from "./component.ts";
import { EcsError } from "./error.ts";
import { formatHash, WORLD_HASH_VERSION, worldHash, type WorldHashVersion } from "./hash.ts";
import { loadWorld } from "./serialize.ts";
import { Autosave, type AutosaveOptions, snapshotWorld, type WorldSnapshot } from "./autosave.ts";
import type { World } from "./world.ts";

/** What a save carries besides the world (companions, inventory, metadata). */
export type SaveExtras = Partial<Pick<SaveBundleV2, "companions" | "inventory" | "meta">>;

/** Options of {@link PersistenceManager}. */
export interface PersistenceOptions {
  /** The save root directory, or a {@link SaveManager} to share. */
  root: string | SaveManager;
  /** The player whose saves this manager reads and writes. */
  player: string;
  /** The components of the worlds saved (a load registers them in the new world). */
  components: Iterable<AnyComponent>;
  /** The world that {@link PersistenceManager.saveGame} saves. */
  world?: World;
}

/** A saved game. */
export interface SavedGame {
  /** The save file written. */
  path: string;
  /** The slot saved to. */
  slot: number;
  /** The world's tick. */
  tick: number;
  /** The world hash stored as `state_hash`. */
  hash: bigint;
  /** The world blob's size in bytes (before aw-save compresses it). */
  blobBytes: number;
}

/** A loaded game: the new world and the bundle it came from. */
export interface LoadedGame {
  /** The loaded world (now the manager's current world). */
  world: World;
  /** The whole save bundle (companions, inventory, metadata). */
  bundle: SaveBundleV2;
  /** The file it came from. */
  path: string;
  /** The world hash, equal to the bundle's `state_hash`. */
  hash: bigint;
}

/**
 * Saves, loads, lists and migrates games of one player.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ENGINE_COMPONENTS, PersistenceManager } from "@astraweave/persistence-ecs";
 * import { benchmarkWorld } from "@astraweave/persistence-ecs/demo";
 * const root = await Deno.makeTempDir();
 * const games = new PersistenceManager({
 *   root, player: "ann", components: ENGINE_COMPONENTS, world: benchmarkWorld(100),
 * });
 * const saved = await games.saveGame(1);
 * const loaded = await games.loadGame(1);
 * assert.equal(loaded.hash, saved.hash);
 * assert.equal(loaded.world.entityCount, 100);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class PersistenceManager {
  /** The aw-save manager underneath. */
  readonly saves: SaveManager;
  /** The player whose saves are read and written. */
  player: string;
  /** The current world: what `saveGame` saves and what `loadGame` replaces. */
  world: World | undefined;
  readonly #components: AnyComponent[];

  /** A manager over `options.root` for `options.player`. */
  constructor(options: PersistenceOptions) {
    this.saves = typeof options.root === "string" ? new SaveManager(options.root) : options.root;
    this.player = options.player;
    this.#components = [...options.components];
    this.world = options.world;
  }

  /** Saves the current world (or `world`) to `slot`. */
  async saveGame(slot: number, extras: SaveExtras = {}, world = this.world): Promise<SavedGame> {
    if (world === undefined) throw new EcsError("invalid_value", "no world to save");
    return await this.writeSnapshot(slot, snapshotWorld(world), extras);
  }

  /** Writes a snapshot taken earlier (on a tick) to `slot`. */
  async writeSnapshot(
    slot: number,
    snapshot: WorldSnapshot,
    extras: SaveExtras = {},
  ): Promise<SavedGame> {
    const bundle = createBundle({
      ...extras,
      playerId: this.player,
      slot,
      world: { tick: BigInt(snapshot.tick), ecsBlob: snapshot.blob, stateHash: snapshot.hash },
    });
    bundle.meta = new Map(bundle.meta).set(HASH_VERSION_KEY, String(WORLD_HASH_VERSION));
    if (!bundle.meta.has("engine")) bundle.meta.set("engine", "astraweave-persistence-ecs");
    const path = await this.saves.save(this.player, slot, bundle);
    return {
      path,
      slot,
      tick: snapshot.tick,
      hash: snapshot.hash,
      blobBytes: snapshot.blob.length,
    };
  }

  /**
   * Loads the newest save of `slot` into a new world, checks its hash, and makes it the current
   * world. Throws {@link EcsError} `hash_mismatch` when the loaded world does not hash to the saved
   * `state_hash` (with the hash version the save names), `bad_blob` when the blob does not decode
   * or the save names an unknown hash version, and aw-save's `SaveError` when the file cannot be
   * read; the current world is kept on any error.
   */
  async loadGame(slot: number): Promise<LoadedGame> {
    const { bundle, path } = await this.saves.loadLatestSlot(this.player, slot);
    return this.#adopt(bundle, path);
  }

  /** Loads one save file (any version) like {@link loadGame}. */
  async loadGameFile(path: string): Promise<LoadedGame> {
    const { bundle } = await this.saves.loadFile(path);
    return this.#adopt(bundle, path);
  }

  /** The player's saves, by slot and time. */
  listSaves(): Promise<SaveMeta[]> {
    return this.saves.listSaves(this.player);
  }

  /** Reads a save file of any version as V2; with `resave`, rewrites it as version 2. */
  migrateSave(path: string, resave = false): Promise<MigrationResult> {
    return this.saves.migrateFile(path, { resave });
  }

  /**
   * An {@link Autosave} that writes through this manager and keeps one file per autosave slot
   * (the slot's older files are removed after a new one is written).
   */
  autosave(options: Omit<AutosaveOptions, "write">): Autosave {
    return new Autosave({
      ...options,
      write: (slot, snapshot) => this.writeAutosave(slot, snapshot),
    });
  }

  /**
   * Writes an autosave to `slot` and then removes the slot's older files, so the slot holds only
   * its newest autosave. If the write fails, nothing is removed.
   */
  async writeAutosave(slot: number, snapshot: WorldSnapshot): Promise<SavedGame> {
    const saved = await this.writeSnapshot(slot, snapshot, { meta: autosaveMeta });
    await this.#pruneSlot(slot, saved.path);
    return saved;
  }

  #adopt(bundle: SaveBundleV2, path: string): LoadedGame {
    if (bundle.world.tick > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new EcsError("bad_blob", `${path}: tick ${bundle.world.tick} exceeds 2^53 - 1`);
    }
    let world: World;
    try {
      world = loadWorld(bundle.world.ecsBlob, this.#components);
    } catch (e) {
      if (e instanceof EcsError) throw new EcsError(e.kind, `${path}: ${e.message}`, { cause: e });
      throw e;
    }
    world.tick = Number(bundle.world.tick);
    const hash = worldHash(world, hashVersionOf(bundle, path));
    if (hash !== bundle.world.stateHash) {
      throw new EcsError(
        "hash_mismatch",
        `${path}: the loaded world hashes to ${formatHash(hash)}, the save says ${
          formatHash(bundle.world.stateHash)
        }`,
      );
    }
    this.world = world;
    return { world, bundle, path, hash };
  }

  /** Removes the slot's files other than `keep`, through aw-save (its index stays current). */
  async #pruneSlot(slot: number, keep: string): Promise<void> {
    await this.saves.deleteSlot(this.player, slot, { except: [keep] });
  }
}

const autosaveMeta = new Map([["kind", "autosave"]]);

/** The metadata entry that names the version of the world hash a save's `state_hash` holds. */
const HASH_VERSION_KEY = "world_hash_version";

/** The world hash version of a save: what its metadata names, else 1 (saves before version 2). */
function hashVersionOf(bundle: SaveBundleV2, path: string): WorldHashVersion {
  const named = bundle.meta.get(HASH_VERSION_KEY);
  if (named === undefined) return 1;
  if (named === "1" || named === "2" || named === "3") return Number(named) as WorldHashVersion;
  throw new EcsError("bad_blob", `${path}: unknown world hash version ${JSON.stringify(named)}`);
}
