/**
 * Replay: record what drives a deterministic simulation (the inputs of each tick) and what it
 * reported (its events), with the world hash at checkpoints; later, load the recorded starting
 * world, run the same step function on the same inputs, and find the first tick where the run
 * differs.
 *
 * ## Log layout (appendable)
 *
 * ```text
 * "AWRP" u8 format (3)                               file header, 5 bytes
 * frame*                                             each: varint length, then that many bytes
 *   frame 0: Start { start_tick u64, checkpoint_every u32, world bytes (a world blob),
 *                    world_hash u64 }
 *   frame k: Tick { tick u64, inputs bytes (postcard seq of the caller's input schema),
 *                   events seq({ kind string, data bytes }),
 *                   checkpoint Option<{ hash u64, entities u32, components seq((string, u64)) }> }
 * ```
 *
 * Each frame is one length-prefixed postcard value, so a recorder appends frames to a file as it
 * goes, and a reader can tell a torn last frame (a crash mid-append) from a damaged one.
 *
 * The format names the version of the world hash in `world_hash` and the checkpoints' `hash`:
 * format 3 holds version 3 hashes; format 1 and 2 logs, recorded before, hold version 1 and 2
 * hashes and still read and replay (their hashes are recomputed with that version). The formats
 * are otherwise the same; the per-component digests are the same in all.
 *
 * @module
 */

import {
  bytes,
  CodecError,
  option,
  Reader,
  type Schema,
  seq,
  string,
  struct,
  tuple,
  u32,
  u64,
  u64AsNumber,
  varintSize,
  Writer,
} from "@astraweave/codec";
import type { AnyComponent } from "./component.ts";
import { EcsError } from "./error.ts";
import {
  componentHashes,
  formatHash,
  WORLD_HASH_VERSION,
  worldHash,
  type WorldHashVersion,
} from "./hash.ts";
import { loadWorld, serializeWorldInto } from "./serialize.ts";
import type { World } from "./world.ts";

const MAGIC = [0x41, 0x57, 0x52, 0x50]; // "AWRP"
/** The log format: the version of the world hash its hashes are (formats 1 to 3 read). */
const FORMAT: WorldHashVersion = WORLD_HASH_VERSION;

/** Something that happened during a tick: its kind and a postcard payload. */
export interface ReplayEvent {
  /** What happened ("hit", "death", ...). */
  kind: string;
  /** The event's postcard payload. */
  data: Uint8Array;
}

/**
 * Advances `world` by one tick given that tick's inputs, returning the events it reports. Must be
 * deterministic: the same world and inputs give the same world and events (no clock, no
 * `Math.random`, no iteration over unordered collections).
 */
export type StepFunction<I> = (
  world: World,
  inputs: readonly I[],
  tick: number,
) => ReplayEvent[] | void;

/** The hash of the world after a tick, and what it is made of. */
export interface Checkpoint {
  /** The world hash ({@link worldHash}). */
  hash: bigint;
  /** Live entities. */
  entities: number;
  /** Per-component digests ({@link componentHashes}), name order. */
  components: [string, bigint][];
}

/** The recorded start of a replay. */
export interface ReplayStart {
  /** The world's tick when recording started. */
  startTick: number;
  /** A checkpoint follows every this many ticks. */
  checkpointEvery: number;
  /** The world blob at the start. */
  world: Uint8Array;
  /** The starting world's hash. */
  worldHash: bigint;
}

/** One recorded tick; `inputs` still encoded (decode with the recording's input schema). */
export interface TickRecord {
  /** The tick stepped (the world's tick before the step). */
  tick: number;
  /** The tick's inputs, postcard `seq` of the recording's input schema. */
  inputs: Uint8Array;
  /** The events the step reported. */
  events: ReplayEvent[];
  /** The world after the tick, when a checkpoint was due. */
  checkpoint: Checkpoint | null;
}

const eventSchema: Schema<ReplayEvent> = struct({ kind: string, data: bytes });
const startSchema: Schema<ReplayStart> = struct({
  startTick: u64AsNumber,
  checkpointEvery: u32,
  world: bytes,
  worldHash: u64,
});
const checkpointSchema: Schema<Checkpoint> = struct({
  hash: u64,
  entities: u32,
  components: seq(tuple(string, u64)),
});
const tickSchema: Schema<TickRecord> = struct({
  tick: u64AsNumber,
  inputs: bytes,
  events: seq(eventSchema),
  checkpoint: option(checkpointSchema),
});

const blobScratch = new Writer(1024);
/** The blob of `world`, valid until the next call (the start frame copies it at once). */
function startBlob(world: World): Uint8Array {
  blobScratch.reset();
  serializeWorldInto(blobScratch, world);
  return blobScratch.written();
}

/** Options for {@link ReplayRecorder}. */
export interface RecorderOptions<I> {
  /** The postcard schema of one input. */
  inputs: Schema<I>;
  /** Record a checkpoint after every this many ticks (default 1: every tick). */
  checkpointEvery?: number;
}

function checkpointOf(world: World, hashVersion: WorldHashVersion): Checkpoint {
  return {
    hash: worldHash(world, hashVersion),
    entities: world.entityCount,
    components: [...componentHashes(world)],
  };
}

/**
 * Records a run: the starting world, then each tick's inputs, events and checkpoints.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ReplayRecorder, readReplay, runReplay, ENGINE_COMPONENTS } from "@astraweave/persistence-ecs";
 * import { benchmarkWorld, demoInput, demoStep } from "@astraweave/persistence-ecs/demo";
 *
 * const world = benchmarkWorld(20);
 * const recorder = new ReplayRecorder(world, { inputs: demoInput });
 * for (let t = 0; t < 10; t++) {
 *   recorder.step([{ tag: "MoveTeam", value: { team: 1, x: t, y: 0 } }], demoStep);
 * }
 * const report = runReplay(readReplay(recorder.toBytes()), {
 *   components: ENGINE_COMPONENTS, inputs: demoInput, step: demoStep,
 * });
 * assert.equal(report.ok, true);
 * assert.equal(report.ticks, 10);
 * ```
 */
export class ReplayRecorder<I> {
  /** The world being recorded (the recorder advances it). */
  readonly world: World;
  readonly #inputs: Schema<readonly I[]>;
  readonly #every: number;
  /** The header and every frame so far. */
  #log = new Writer(1024);
  /** Where the bytes not yet handed out by {@link takePending} or {@link appendTo} begin. */
  #pendingFrom = 0;
  #ticks = 0;
  #appended = false;

  /** Starts recording `world` as it is now (its blob and hash are the log's first frame). */
  constructor(world: World, options: RecorderOptions<I>) {
    this.world = world;
    this.#inputs = seq(options.inputs) as Schema<readonly I[]>;
    this.#every = Math.max(1, Math.floor(options.checkpointEvery ?? 1));
    for (const b of MAGIC) this.#log.u8(b);
    this.#log.u8(FORMAT);
    this.#emit(startSchema, {
      startTick: world.tick,
      checkpointEvery: this.#every,
      world: startBlob(world),
      worldHash: worldHash(world, FORMAT),
    });
  }

  /** Ticks recorded so far. */
  get ticks(): number {
    return this.#ticks;
  }

  /**
   * Runs `step` on the recorded world with `inputs`, advances its tick, and records the tick.
   * Returns the step's events.
   */
  step(inputs: readonly I[], step: StepFunction<I>): ReplayEvent[] {
    const tick = this.world.tick;
    const events = step(this.world, inputs, tick) ?? [];
    this.world.tick = tick + 1;
    this.#ticks++;
    const checkpoint = this.#ticks % this.#every === 0 ? checkpointOf(this.world, FORMAT) : null;
    this.#emit(tickSchema, { tick, inputs: this.#inputs.encode(inputs), events, checkpoint });
    return events;
  }

  /** The whole log so far. */
  toBytes(): Uint8Array {
    return this.#log.toBytes();
  }

  /** The bytes recorded since the last call (the first call includes the file header). */
  takePending(): Uint8Array {
    const out = this.#log.buf.slice(this.#pendingFrom, this.#log.pos);
    this.#pendingFrom = this.#log.pos;
    return out;
  }

  /**
   * Appends what was recorded since the last append to the file at `path` (created on the first
   * append, which must find it absent or empty) and flushes it to disk.
   */
  async appendTo(path: string): Promise<void> {
    const end = this.#log.pos;
    const chunk = this.#log.buf.subarray(this.#pendingFrom, end);
    if (chunk.length === 0) return;
    using file = await Deno.open(path, { append: true, create: true });
    if (!this.#appended && (await file.stat()).size !== 0) {
      throw new EcsError(
        "bad_blob",
        `${path} already holds data; a new recording needs a new file`,
      );
    }
    let written = 0;
    while (written < chunk.length) written += await file.write(chunk.subarray(written));
    await file.sync();
    this.#appended = true;
    this.#pendingFrom = end;
  }

  /**
   * Appends one frame: its value encoded in place after a one-byte length prefix, which the
   * usual frame (under 128 bytes) fits; a longer frame is moved up to make room for its prefix.
   */
  #emit<T>(schema: Schema<T>, value: T): void {
    const log = this.#log;
    const start = log.pos;
    log.u8(0);
    schema.encodeInto(log, value);
    const length = log.pos - start - 1;
    if (length < 0x80) {
      log.buf[start] = length;
      return;
    }
    const prefix = varintSize(length);
    log.reserve(prefix - 1);
    log.buf.copyWithin(start + prefix, start + 1, start + 1 + length);
    log.pos = start;
    log.varint32(length);
    log.pos = start + prefix + length;
  }
}

/** A parsed replay log. */
export interface ReplayLog {
  /** The start frame. */
  start: ReplayStart;
  /** The tick frames, in order. */
  ticks: TickRecord[];
  /** Bytes of a torn last frame that were dropped (only with `tolerateTornTail`). */
  droppedTailBytes: number;
  /**
   * The version of the world hash the log's hashes are (its format: 1 for logs recorded before
   * version 2); replaying recomputes hashes with it. Absent: the current version.
   */
  hashVersion?: WorldHashVersion;
}

/** Options for {@link readReplay}. */
export interface ReadReplayOptions {
  /**
   * Accept a log whose last frame is incomplete (the recorder crashed mid-append) and drop that
   * frame, instead of throwing. A damaged frame elsewhere is always an error.
   */
  tolerateTornTail?: boolean;
}

/**
 * Parses a replay log. Bad bytes are an {@link EcsError} of kind `bad_blob` naming the frame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readReplay, ReplayRecorder, World } from "@astraweave/persistence-ecs";
 * import { u8 } from "@astraweave/codec";
 * const recorder = new ReplayRecorder(new World(), { inputs: u8 });
 * recorder.step([1, 2], () => {});
 * const log = readReplay(recorder.toBytes());
 * assert.equal(log.ticks.length, 1);
 * assert.deepEqual(log.ticks[0].inputs, new Uint8Array([2, 1, 2]));
 * ```
 */
export function readReplay(data: Uint8Array, options: ReadReplayOptions = {}): ReplayLog {
  if (data.length < 5 || MAGIC.some((b, i) => data[i] !== b)) {
    throw new EcsError("bad_blob", "not a replay log (no AWRP header)");
  }
  const hashVersion = data[4];
  if (hashVersion !== 1 && hashVersion !== 2 && hashVersion !== 3) {
    throw new EcsError("bad_blob", `replay log format ${hashVersion} is not 1, 2 or 3`);
  }
  const r = new Reader(data.subarray(5));
  let start: ReplayStart | undefined;
  const ticks: TickRecord[] = [];
  let frame = 0;
  while (r.remaining > 0) {
    const at = r.pos;
    let body: Uint8Array;
    try {
      body = r.byteArray();
    } catch (e) {
      if (options.tolerateTornTail && e instanceof CodecError && start !== undefined) {
        return { start, ticks, droppedTailBytes: data.length - 5 - at, hashVersion };
      }
      throw new EcsError("bad_blob", `replay frame ${frame}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    try {
      if (frame === 0) start = startSchema.decode(body);
      else ticks.push(tickSchema.decode(body));
    } catch (e) {
      throw new EcsError(
        "bad_blob",
        `replay frame ${frame} at byte ${5 + at}: ${(e as Error).message}`,
        { cause: e },
      );
    }
    frame++;
  }
  if (start === undefined) throw new EcsError("bad_blob", "replay log has no start frame");
  return { start, ticks, droppedTailBytes: 0, hashVersion };
}

/** What {@link runReplay} found at the first tick where the run differs from the recording. */
export interface Divergence {
  /** The tick whose step produced the difference (or the start tick, for the starting world). */
  tick: number;
  /** The last tick verified equal by a checkpoint (the start tick when none was). */
  lastVerifiedTick: number;
  /** "world" when the state differs at a checkpoint, "events" when the step reported other events. */
  what: "world" | "events" | "start";
  /** The recorded hash at the diverging checkpoint (null when only events differ between checkpoints). */
  expectedHash: bigint | null;
  /** The replayed world's hash after that tick. */
  actualHash: bigint | null;
  /** Recorded live entities at the checkpoint. */
  expectedEntities: number | null;
  /** Live entities in the replayed world. */
  actualEntities: number | null;
  /** Names of the components whose digests differ (or exist on one side only). */
  components: string[];
  /** The events recorded for that tick. */
  expectedEvents: ReplayEvent[] | null;
  /** The events the replay produced. */
  actualEvents: ReplayEvent[] | null;
  /** One line saying all of the above. */
  message: string;
}

/** The outcome of a replay. */
export interface ReplayReport {
  /** Whether every tick replayed as recorded. */
  ok: boolean;
  /** Ticks replayed (up to and including a diverging one). */
  ticks: number;
  /** Checkpoints compared and found equal. */
  checkpoints: number;
  /** The first difference, or null. */
  divergence: Divergence | null;
  /** The world as the replay left it. */
  world: World;
}

/** What {@link runReplay} needs besides the log. */
export interface ReplayOptions<I> {
  /** The components the recorded world uses. */
  components: Iterable<AnyComponent>;
  /** The input schema the recording used. */
  inputs: Schema<I>;
  /** The deterministic step function. */
  step: StepFunction<I>;
}

const sameEvents = (a: readonly ReplayEvent[], b: readonly ReplayEvent[]) =>
  a.length === b.length &&
  a.every((e, i) =>
    e.kind === b[i].kind && e.data.length === b[i].data.length &&
    e.data.every((x, j) => x === b[i].data[j])
  );

function differingComponents(expected: [string, bigint][], actual: [string, bigint][]): string[] {
  const want = new Map(expected);
  const got = new Map(actual);
  const names = new Set([...want.keys(), ...got.keys()]);
  return [...names].filter((n) => want.get(n) !== got.get(n)).sort();
}

/**
 * Loads the log's starting world, checks it against the recorded hash, and re-runs every tick
 * through `step` with the recorded inputs, comparing events each tick and the world at each
 * checkpoint. Stops at the first difference and reports it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ENGINE_COMPONENTS, readReplay, ReplayRecorder, runReplay } from "@astraweave/persistence-ecs";
 * import { benchmarkWorld, demoInput, demoStep } from "@astraweave/persistence-ecs/demo";
 * const recorder = new ReplayRecorder(benchmarkWorld(30), { inputs: demoInput });
 * for (let t = 0; t < 5; t++) recorder.step([], demoStep);
 * const report = runReplay(readReplay(recorder.toBytes()), {
 *   components: ENGINE_COMPONENTS,
 *   inputs: demoInput,
 *   step: (world, inputs, tick) => tick === 3 ? world.clear() : demoStep(world, inputs),
 * });
 * assert.equal(report.divergence?.tick, 3);
 * assert.equal(report.divergence?.what, "world");
 * ```
 */
export function runReplay<I>(log: ReplayLog, options: ReplayOptions<I>): ReplayReport {
  const inputs = seq(options.inputs);
  const world = loadWorld(log.start.world, options.components);
  world.tick = log.start.startTick;
  let checkpoints = 0;
  let lastVerified = log.start.startTick;
  const report = (ticks: number, divergence: Divergence | null): ReplayReport => ({
    ok: divergence === null,
    ticks,
    checkpoints,
    divergence,
    world,
  });
  const hashVersion = log.hashVersion ?? WORLD_HASH_VERSION;
  const startHash = worldHash(world, hashVersion);
  if (startHash !== log.start.worldHash) {
    return report(0, {
      tick: log.start.startTick,
      lastVerifiedTick: log.start.startTick,
      what: "start",
      expectedHash: log.start.worldHash,
      actualHash: startHash,
      expectedEntities: null,
      actualEntities: world.entityCount,
      components: [],
      expectedEvents: null,
      actualEvents: null,
      message: `the starting world hashes to ${formatHash(startHash)}, not the recorded ${
        formatHash(log.start.worldHash)
      }`,
    });
  }
  for (let i = 0; i < log.ticks.length; i++) {
    const record = log.ticks[i];
    if (record.tick !== world.tick) {
      throw new EcsError(
        "bad_blob",
        `replay tick record ${i} is for tick ${record.tick}, expected ${world.tick}`,
      );
    }
    const tick = world.tick;
    let decoded: I[];
    try {
      decoded = inputs.decode(record.inputs);
    } catch (e) {
      throw new EcsError("bad_blob", `replay inputs of tick ${tick}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const events = options.step(world, decoded, tick) ?? [];
    world.tick = tick + 1;
    const eventsDiffer = !sameEvents(record.events, events);
    const checkpoint = record.checkpoint;
    const actual = checkpoint !== null || eventsDiffer ? checkpointOf(world, hashVersion) : null;
    const worldDiffers = checkpoint !== null && actual!.hash !== checkpoint.hash;
    if (!eventsDiffer && !worldDiffers) {
      if (checkpoint !== null) {
        checkpoints++;
        lastVerified = tick;
      }
      continue;
    }
    const components = checkpoint === null
      ? []
      : differingComponents(checkpoint.components, actual!.components);
    const parts = [];
    if (worldDiffers) {
      parts.push(
        `world hash ${formatHash(actual!.hash)} instead of ${formatHash(checkpoint!.hash)}`,
      );
      if (actual!.entities !== checkpoint!.entities) {
        parts.push(`${actual!.entities} entities instead of ${checkpoint!.entities}`);
      }
      if (components.length > 0) parts.push(`components differ: ${components.join(", ")}`);
    }
    if (eventsDiffer) {
      parts.push(`${events.length} events instead of the recorded ${record.events.length}`);
    }
    return report(i + 1, {
      tick,
      lastVerifiedTick: lastVerified,
      what: worldDiffers ? "world" : "events",
      expectedHash: checkpoint?.hash ?? null,
      actualHash: actual!.hash,
      expectedEntities: checkpoint?.entities ?? null,
      actualEntities: actual!.entities,
      components,
      expectedEvents: record.events,
      actualEvents: events,
      message: `tick ${tick} diverges (last verified tick ${lastVerified}): ${parts.join("; ")}`,
    });
  }
  return report(log.ticks.length, null);
}
