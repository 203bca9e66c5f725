/**
 * Client-side prediction and server reconciliation, the scheme Gabriel Gambetta describes in
 * "Fast-Paced Multiplayer": the client numbers every input and applies it at once to its own
 * avatar; each snapshot tells it the last input the server processed; the client then takes the
 * server's state, drops the inputs the server has seen, and re-applies the rest. What the player
 * sees only jumps when the server disagreed, which is counted as a correction.
 *
 * @module
 */

import type { StateLayout } from "./layout.ts";
import type { Movement } from "./movement.ts";
import type { InputCommand } from "./protocol.ts";
import { sequenceNewer } from "./sequence.ts";

/**
 * The predicted state of the local avatar and the inputs the server has not acknowledged yet.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_LAYOUT, Predictor, walk } from "@astraweave/net-ecs";
 * const p = new Predictor(DEFAULT_LAYOUT, walk(DEFAULT_LAYOUT, { speed: 6 }));
 * p.reconcile(new Int32Array([0, 0, 0, 100]), 0, 0); // first server state
 * const right = { moveX: 127, moveY: 0, moveZ: 0, buttons: 0 };
 * p.push(1, right);
 * p.push(2, right);
 * assert.equal(p.state[0], 20); // predicted before the server answers
 * p.reconcile(new Int32Array([10, 0, 0, 100]), 0, 1); // server processed input 1
 * assert.equal(p.state[0], 20);
 * assert.equal(p.pendingCount, 1);
 * assert.equal(p.corrections, 0);
 * ```
 */
export class Predictor {
  /** The layout of the avatar's fields. */
  readonly layout: StateLayout;
  /** The predicted quantized fields of the avatar (valid once {@link hasState}). */
  readonly state: Int32Array;
  /** Whether a server state has been received yet. */
  hasState = false;
  /** Reconciliations whose result differed from the prediction. */
  corrections = 0;
  /** The largest position difference a correction made, in world units. */
  maxError = 0;
  /** The position difference the last reconciliation made, in world units. */
  lastError = 0;
  readonly #movement: Movement;
  readonly #scratch: Int32Array;
  #seqs: Uint32Array;
  #commands: InputCommand[];
  #head = 0;
  #count = 0;

  /** Predicts with `movement` (the server's), remembering up to `capacity` pending inputs. */
  constructor(layout: StateLayout, movement: Movement, capacity = 256) {
    this.layout = layout;
    this.#movement = movement;
    this.state = new Int32Array(layout.fieldCount);
    this.#scratch = new Int32Array(layout.fieldCount);
    this.#seqs = new Uint32Array(capacity);
    this.#commands = new Array(capacity);
  }

  /** Inputs sent but not yet processed by the server. */
  get pendingCount(): number {
    return this.#count;
  }

  /** The sequence number of the newest pending input, or 0. */
  get newestPending(): number {
    return this.#count === 0 ? 0 : this.#seqs[(this.#head + this.#count - 1) % this.#seqs.length];
  }

  /**
   * Records input `seq` and applies it to the prediction. When more inputs are pending than the
   * capacity holds (a server that stopped answering), the oldest is forgotten.
   */
  push(seq: number, command: InputCommand): void {
    const cap = this.#seqs.length;
    if (this.#count === cap) {
      this.#head = (this.#head + 1) % cap;
      this.#count--;
    }
    const at = (this.#head + this.#count) % cap;
    this.#seqs[at] = seq;
    this.#commands[at] = command;
    this.#count++;
    if (this.hasState) this.#movement(this.state, 0, command);
  }

  /**
   * Takes the server's avatar state (`values` at `offset`) after it processed input
   * `lastProcessed`, drops the acknowledged inputs, re-applies the rest, and returns how far (world
   * units) the prediction moved. A difference in any field counts as a correction.
   */
  reconcile(values: Int32Array, offset: number, lastProcessed: number): number {
    const cap = this.#seqs.length;
    while (this.#count > 0 && !sequenceNewer(this.#seqs[this.#head], lastProcessed)) {
      this.#commands[this.#head] = undefined as unknown as InputCommand; // release it
      this.#head = (this.#head + 1) % cap;
      this.#count--;
    }
    const next = this.#scratch;
    const f = this.layout.fieldCount;
    for (let k = 0; k < f; k++) next[k] = values[offset + k];
    for (let n = 0; n < this.#count; n++) {
      this.#movement(next, 0, this.#commands[(this.#head + n) % cap]);
    }
    let error = 0;
    if (this.hasState) {
      let differs = false;
      for (let k = 0; k < f; k++) if (next[k] !== this.state[k]) differs = true;
      if (differs) {
        const [ix, iy, iz] = this.layout.position;
        const p = this.layout.precision;
        const dx = (next[ix] - this.state[ix]) * p[ix];
        const dy = (next[iy] - this.state[iy]) * p[iy];
        const dz = (next[iz] - this.state[iz]) * p[iz];
        error = Math.sqrt(dx * dx + dy * dy + dz * dz);
        this.corrections++;
        if (error > this.maxError) this.maxError = error;
      }
    }
    this.state.set(next);
    this.hasState = true;
    this.lastError = error;
    return error;
  }
}
