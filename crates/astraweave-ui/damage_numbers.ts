/**
 * Floating damage numbers: each lives 1.5 s, leaves its spot with a random sideways speed of up to
 * 30 px/s and 80 px/s upwards, and falls back under a gravity of 150 px/s², fading out over its last
 * 0.5 s. Hits less than 1 s apart build a combo, and each hit of a combo draws its number larger,
 * up to twice the size. The numbers are kept in fixed typed arrays (struct of arrays), so spawning
 * and updating allocate nothing.
 *
 * @module
 */

/** Seconds a damage number lives. */
export const DAMAGE_NUMBER_SECONDS = 1.5;
/** Seconds between hits that keep a combo going. */
export const COMBO_WINDOW_SECONDS = 1;
/** Largest size of a combo's numbers, relative to a single hit's. */
export const COMBO_MAX_SCALE = 2;
/** Size added per hit of a combo after the first. */
export const COMBO_SCALE_STEP = 0.1;
/** Upward launch speed, px/s. */
export const LAUNCH_SPEED = 80;
/** Largest sideways launch speed, px/s. */
export const SIDEWAYS_SPEED = 30;
/** Gravity, px/s². */
export const GRAVITY = 150;
/** Seconds over which a number fades out at the end of its life. */
export const FADE_SECONDS = 0.5;

/** What a number shows: damage taken, healing, or a critical hit. */
export type DamageKind = "damage" | "heal" | "critical";
const KINDS: readonly DamageKind[] = ["damage", "heal", "critical"];

/** Options of {@link DamageNumbers}. */
export interface DamageNumbersOptions {
  /** How many numbers can be alive at once (default 64); a spawn past it replaces the oldest. */
  capacity?: number;
  /** Random numbers in [0, 1) for the sideways speed (tests inject a seeded one). */
  random?: () => number;
}

/** One live damage number, as {@link DamageNumbers.at} reads it. */
export interface DamageNumberView {
  /** The amount shown. */
  value: number;
  /** What it shows. */
  kind: DamageKind;
  /** Screen x, px. */
  x: number;
  /** Screen y, px. */
  y: number;
  /** Opacity, 0 to 1. */
  alpha: number;
  /** Text size relative to a single hit's (1 to 2). */
  scale: number;
  /** A stable id for the page to key its elements by. */
  id: number;
}

/**
 * The live damage numbers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DamageNumbers } from "./damage_numbers.ts";
 * const numbers = new DamageNumbers({ random: () => 0.5 });
 * numbers.spawn(25, 100, 200);
 * numbers.update(0.5);
 * numbers.spawn(30, 100, 200); // within 1 s: a combo, drawn larger
 * assert.equal(numbers.combo, 2);
 * assert.ok(numbers.at(1).scale > numbers.at(0).scale);
 * assert.ok(numbers.at(0).y < 200); // risen
 * numbers.update(1.6);
 * assert.equal(numbers.count, 0);
 * ```
 */
export class DamageNumbers {
  /** How many numbers can be alive at once. */
  readonly capacity: number;
  readonly #random: () => number;
  readonly #value: Float64Array;
  readonly #x: Float64Array;
  readonly #y: Float64Array;
  readonly #vx: Float64Array;
  readonly #vy: Float64Array;
  readonly #age: Float64Array;
  readonly #scale: Float64Array;
  readonly #kind: Uint8Array;
  readonly #id: Float64Array;
  #count = 0;
  #nextId = 1;
  #clock = 0;
  #lastHit = -Infinity;
  #combo = 0;

  /** An empty set of numbers. */
  constructor(options: DamageNumbersOptions = {}) {
    const capacity = options.capacity ?? 64;
    if (!(Number.isSafeInteger(capacity) && capacity >= 0)) {
      throw new RangeError(`damage number capacity must be a whole number ≥ 0, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#random = options.random ?? Math.random;
    // Every column is a view of one buffer: one allocation instead of nine (each typed array of
    // its own buffer made a HUD cost about 10 µs to create).
    const buffer = new ArrayBuffer(capacity * (8 * Float64Array.BYTES_PER_ELEMENT + 1));
    let offset = 0;
    const column = () => {
      const view = new Float64Array(buffer, offset, capacity);
      offset += view.byteLength;
      return view;
    };
    this.#value = column();
    this.#x = column();
    this.#y = column();
    this.#vx = column();
    this.#vy = column();
    this.#age = column();
    this.#scale = column();
    this.#id = column();
    this.#kind = new Uint8Array(buffer, offset, capacity);
  }

  /** How many numbers are alive. */
  get count(): number {
    return this.#count;
  }

  /** Hits in the current combo (0 before the first hit, and after a combo lapses). */
  get combo(): number {
    return this.#clock - this.#lastHit <= COMBO_WINDOW_SECONDS ? this.#combo : 0;
  }

  /** Shows `value` rising from (`x`, `y`); returns the number's id. */
  spawn(value: number, x: number, y: number, kind: DamageKind = "damage"): number {
    let i = this.#count;
    if (i === this.capacity) {
      // Full: the oldest number gives way.
      i = 0;
      for (let j = 1; j < this.#count; j++) if (this.#age[j] > this.#age[i]) i = j;
    } else {
      this.#count++;
    }
    const healing = kind === "heal";
    if (!healing) {
      this.#combo = this.#clock - this.#lastHit <= COMBO_WINDOW_SECONDS ? this.#combo + 1 : 1;
      this.#lastHit = this.#clock;
    }
    const scale = healing ? 1 : Math.min(COMBO_MAX_SCALE, 1 + COMBO_SCALE_STEP * (this.#combo - 1));
    this.#value[i] = value;
    this.#x[i] = x;
    this.#y[i] = y;
    this.#vx[i] = (this.#random() * 2 - 1) * SIDEWAYS_SPEED;
    this.#vy[i] = -LAUNCH_SPEED;
    this.#age[i] = 0;
    this.#scale[i] = scale;
    this.#kind[i] = KINDS.indexOf(kind);
    const id = this.#nextId++;
    this.#id[i] = id;
    return id;
  }

  /** Moves every number by `dt` seconds and removes the ones past their life. */
  update(dt: number): void {
    this.#clock += dt;
    const x = this.#x, y = this.#y, vx = this.#vx, vy = this.#vy, age = this.#age;
    for (let i = 0; i < this.#count;) {
      age[i] += dt;
      if (age[i] >= DAMAGE_NUMBER_SECONDS) {
        this.#removeAt(i);
        continue;
      }
      x[i] += vx[i] * dt;
      vy[i] += GRAVITY * dt;
      y[i] += vy[i] * dt;
      i++;
    }
  }

  /** Number `i` (0 to count - 1) as the page draws it. */
  at(i: number): DamageNumberView {
    if (!(i >= 0 && i < this.#count)) throw new RangeError(`no damage number ${i}`);
    const left = DAMAGE_NUMBER_SECONDS - this.#age[i];
    return {
      id: this.#id[i],
      value: this.#value[i],
      kind: KINDS[this.#kind[i]],
      x: this.#x[i],
      y: this.#y[i],
      alpha: Math.min(1, left / FADE_SECONDS),
      scale: this.#scale[i],
    };
  }

  /** Removes every number and ends the combo. */
  clear(): void {
    this.#count = 0;
    this.#combo = 0;
    this.#lastHit = -Infinity;
  }

  #removeAt(i: number): void {
    const last = --this.#count;
    if (i === last) return;
    this.#value[i] = this.#value[last];
    this.#x[i] = this.#x[last];
    this.#y[i] = this.#y[last];
    this.#vx[i] = this.#vx[last];
    this.#vy[i] = this.#vy[last];
    this.#age[i] = this.#age[last];
    this.#scale[i] = this.#scale[last];
    this.#kind[i] = this.#kind[last];
    this.#id[i] = this.#id[last];
  }
}
