/**
 * Interpolation of remote entities: other players and server-driven entities are drawn a little in
 * the past (by default two snapshots), between the two snapshots around that moment, so they move
 * smoothly at 60 FPS although snapshots arrive at 20 Hz.
 *
 * @module
 */

import type { StateLayout } from "./layout.ts";
import { type EntityTable, findRow } from "./table.ts";

/**
 * The last few snapshots a client applied, by server tick, sampled at any tick in between.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_LAYOUT, Interpolator } from "@astraweave/net-ecs";
 * const table = (x: number) => ({
 *   count: 1, ids: new Uint32Array([1]), values: new Int32Array([x, 0, 0, 100]), fieldCount: 4,
 * });
 * const interp = new Interpolator(DEFAULT_LAYOUT);
 * interp.push(0, table(0));
 * interp.push(3, table(300));
 * const out = new Float64Array(4);
 * interp.sample(1, 1, out);
 * assert.equal(out[0], 1); // a third of the way from x = 0 to x = 3
 * ```
 */
export class Interpolator {
  /** The layout of the tables pushed. */
  readonly layout: StateLayout;
  #ticks: Float64Array;
  #tables: (EntityTable | undefined)[];
  #head = 0;
  #count = 0;

  /** Keeps the newest `capacity` snapshots. */
  constructor(layout: StateLayout, capacity = 8) {
    this.layout = layout;
    this.#ticks = new Float64Array(capacity);
    this.#tables = new Array(capacity);
  }

  /** The newest tick pushed, or -Infinity. */
  get latestTick(): number {
    return this.#count === 0 ? -Infinity : this.#ticks[this.#slot(this.#count - 1)];
  }

  /** Adds the table of the snapshot at server tick `tick` (ticks must increase). */
  push(tick: number, table: EntityTable): void {
    if (tick <= this.latestTick) return; // a repeat or an older snapshot adds nothing
    const cap = this.#ticks.length;
    if (this.#count === cap) {
      this.#tables[this.#head] = undefined;
      this.#head = (this.#head + 1) % cap;
      this.#count--;
    }
    const at = this.#slot(this.#count);
    this.#ticks[at] = tick;
    this.#tables[at] = table;
    this.#count++;
  }

  /**
   * Writes entity `id`'s fields at server tick `tick` (world units) to `out` and returns true, or
   * returns false if no snapshot around that tick has the entity. Before the oldest snapshot or
   * after the newest the nearest one is used (no extrapolation); an entity present in only one of
   * the two snapshots is shown as it is in that one.
   */
  sample(id: number, tick: number, out: Float64Array | number[]): boolean {
    if (this.#count === 0) return false;
    let i = this.#count - 1;
    while (i > 0 && this.#ticks[this.#slot(i)] > tick) i--;
    const a = this.#tables[this.#slot(i)]!;
    const ta = this.#ticks[this.#slot(i)];
    const b = i + 1 < this.#count ? this.#tables[this.#slot(i + 1)]! : a;
    const tb = i + 1 < this.#count ? this.#ticks[this.#slot(i + 1)] : ta;
    const ra = findRow(a, id);
    const rb = b === a ? ra : findRow(b, id);
    if (ra < 0 && rb < 0) return false;
    const f = this.layout.fieldCount;
    const p = this.layout.precision;
    if (ra < 0 || rb < 0) {
      const [t, r] = ra < 0 ? [b, rb] : [a, ra];
      for (let k = 0; k < f; k++) out[k] = t.values[r * f + k] * p[k];
      return true;
    }
    const alpha = tb === ta ? 0 : Math.min(1, Math.max(0, (tick - ta) / (tb - ta)));
    for (let k = 0; k < f; k++) {
      const va = a.values[ra * f + k], vb = b.values[rb * f + k];
      out[k] = (va + (vb - va) * alpha) * p[k];
    }
    return true;
  }

  #slot(i: number): number {
    return (this.#head + i) % this.#ticks.length;
  }
}
