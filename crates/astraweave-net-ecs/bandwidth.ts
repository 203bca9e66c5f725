/**
 * Bandwidth accounting for one connection: bytes and messages each way, per second over the whole
 * connection and over the last complete second, snapshot sizes (full and delta), compression
 * ratio, bytes per changed entity, and updates skipped or dropped.
 *
 * @module
 */

/** What one snapshot cost, as recorded by {@link BandwidthMeter.recordSnapshot}. */
export interface SnapshotCost {
  /** A full snapshot (no base) rather than a delta. */
  full: boolean;
  /** The payload before compression. */
  rawBytes: number;
  /** The payload as sent (compressed or not). */
  wireBytes: number;
  /** Entities the payload carries (created plus changed). */
  entities: number;
}

/** A connection's bandwidth figures. */
export interface BandwidthReport {
  /** Seconds since the meter started. */
  seconds: number;
  /** Bytes received. */
  bytesIn: number;
  /** Bytes sent. */
  bytesOut: number;
  /** Messages received. */
  messagesIn: number;
  /** Messages sent. */
  messagesOut: number;
  /** Bytes received per second, over the whole connection. */
  bytesInPerSec: number;
  /** Bytes sent per second, over the whole connection. */
  bytesOutPerSec: number;
  /** Bytes received per second in the last complete one-second window (0 before it ends). */
  recentBytesInPerSec: number;
  /** Bytes sent per second in the last complete one-second window (0 before it ends). */
  recentBytesOutPerSec: number;
  /** Full snapshots (no base). */
  fullSnapshots: number;
  /** Delta snapshots. */
  deltaSnapshots: number;
  /** Mean payload bytes of full snapshots, as sent. */
  meanFullBytes: number;
  /** Mean payload bytes of delta snapshots, as sent. */
  meanDeltaBytes: number;
  /** Snapshot payload bytes before compression. */
  rawPayloadBytes: number;
  /** Snapshot payload bytes as sent. */
  wirePayloadBytes: number;
  /** Delta (not full) snapshot payload bytes before compression. */
  deltaRawBytes: number;
  /** Payload bytes before compression ÷ as sent (1 when nothing was compressed). */
  compressionRatio: number;
  /** Delta payload bytes before compression ÷ entities created or changed in them. */
  meanBytesPerChangedEntity: number;
  /** Entities carried by delta snapshots (created plus changed). */
  changedEntities: number;
  /** Snapshots not sent because the connection's backlog was full. */
  updatesSkipped: number;
  /** Snapshots dropped on purpose to simulate loss. */
  snapshotsDropped: number;
}

/**
 * Counts one connection's traffic. Pass `now` (milliseconds, `performance.now()` by default) to
 * drive it from a simulated clock.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BandwidthMeter } from "@astraweave/net-ecs";
 * const meter = new BandwidthMeter(0);
 * meter.recordOut(120, 500);
 * meter.recordSnapshot({ full: false, rawBytes: 80, wireBytes: 40, entities: 10 });
 * const r = meter.report(2000);
 * assert.equal(r.bytesOutPerSec, 60);
 * assert.equal(r.compressionRatio, 2);
 * assert.equal(r.meanBytesPerChangedEntity, 8);
 * ```
 */
export class BandwidthMeter {
  /** When the meter started (milliseconds, the clock of `now`). */
  readonly startedAt: number;
  /** Bytes received. */
  bytesIn = 0;
  /** Bytes sent. */
  bytesOut = 0;
  /** Messages received. */
  messagesIn = 0;
  /** Messages sent. */
  messagesOut = 0;
  /** Full snapshots recorded. */
  fullSnapshots = 0;
  /** Delta snapshots recorded. */
  deltaSnapshots = 0;
  /** Payload bytes of full snapshots, as sent. */
  fullBytes = 0;
  /** Payload bytes of delta snapshots, as sent. */
  deltaBytes = 0;
  /** Snapshot payload bytes before compression. */
  rawPayloadBytes = 0;
  /** Snapshot payload bytes as sent. */
  wirePayloadBytes = 0;
  /** Delta payload bytes before compression. */
  deltaRawBytes = 0;
  /** Entities created or changed in delta snapshots. */
  changedEntities = 0;
  /** Snapshots not sent because the backlog was full. */
  updatesSkipped = 0;
  /** Snapshots dropped to simulate loss. */
  snapshotsDropped = 0;
  #windowStart: number;
  #windowIn = 0;
  #windowOut = 0;
  #recentIn = 0;
  #recentOut = 0;

  /** A meter starting at `now` (milliseconds; `performance.now()` by default). */
  constructor(now: number = performance.now()) {
    this.startedAt = now;
    this.#windowStart = now;
  }

  /** Counts a received message of `bytes`. */
  recordIn(bytes: number, now: number = performance.now()): void {
    this.#roll(now);
    this.bytesIn += bytes;
    this.messagesIn++;
    this.#windowIn += bytes;
  }

  /** Counts a sent message of `bytes`. */
  recordOut(bytes: number, now: number = performance.now()): void {
    this.#roll(now);
    this.bytesOut += bytes;
    this.messagesOut++;
    this.#windowOut += bytes;
  }

  /** Counts a snapshot's payload (its message is counted by {@link recordOut} or {@link recordIn}). */
  recordSnapshot(cost: SnapshotCost): void {
    this.rawPayloadBytes += cost.rawBytes;
    this.wirePayloadBytes += cost.wireBytes;
    if (cost.full) {
      this.fullSnapshots++;
      this.fullBytes += cost.wireBytes;
    } else {
      this.deltaSnapshots++;
      this.deltaBytes += cost.wireBytes;
      this.deltaRawBytes += cost.rawBytes;
      this.changedEntities += cost.entities;
    }
  }

  /** The figures so far. */
  report(now: number = performance.now()): BandwidthReport {
    this.#roll(now);
    const seconds = Math.max(1e-9, (now - this.startedAt) / 1000);
    return {
      seconds,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      messagesIn: this.messagesIn,
      messagesOut: this.messagesOut,
      bytesInPerSec: this.bytesIn / seconds,
      bytesOutPerSec: this.bytesOut / seconds,
      recentBytesInPerSec: this.#recentIn,
      recentBytesOutPerSec: this.#recentOut,
      fullSnapshots: this.fullSnapshots,
      deltaSnapshots: this.deltaSnapshots,
      meanFullBytes: ratio(this.fullBytes, this.fullSnapshots),
      meanDeltaBytes: ratio(this.deltaBytes, this.deltaSnapshots),
      rawPayloadBytes: this.rawPayloadBytes,
      wirePayloadBytes: this.wirePayloadBytes,
      deltaRawBytes: this.deltaRawBytes,
      compressionRatio: this.wirePayloadBytes === 0
        ? 1
        : this.rawPayloadBytes / this.wirePayloadBytes,
      meanBytesPerChangedEntity: ratio(this.deltaRawBytes, this.changedEntities),
      changedEntities: this.changedEntities,
      updatesSkipped: this.updatesSkipped,
      snapshotsDropped: this.snapshotsDropped,
    };
  }

  // Closes the current window once it spans a second: its bytes over its length are the recent rate.
  #roll(now: number): void {
    const elapsed = now - this.#windowStart;
    if (elapsed < 1000) return;
    this.#recentIn = this.#windowIn * 1000 / elapsed;
    this.#recentOut = this.#windowOut * 1000 / elapsed;
    this.#windowIn = 0;
    this.#windowOut = 0;
    this.#windowStart = now;
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
