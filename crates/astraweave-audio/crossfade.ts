/**
 * The two-slot equal-power crossfader behind the music and ambient buses.
 *
 * @module
 */

/**
 * Two slots, A (0) and B (1); one is active. Starting a fade puts the new sound in the other slot
 * and moves the gains along a quarter circle: incoming `sin(k pi/2)`, outgoing `cos(k pi/2)` for
 * progress `k` from 0 to 1, so the summed power of two uncorrelated tracks stays constant. When the
 * fade ends the outgoing slot is empty and silent, whichever direction the fade went (the Rust
 * engine left the old track playing at full volume after A to B, and cut B to A without a fade).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Crossfader } from "@astraweave/audio";
 * const fader = new Crossfader<string>();
 * fader.start("first", 0.01);
 * fader.tick(1);
 * fader.start("second", 2);
 * fader.tick(1); // halfway: both at cos(pi/4) = sin(pi/4)
 * assert.ok(Math.abs(fader.gain(0) - Math.SQRT1_2) < 1e-12);
 * assert.ok(Math.abs(fader.gain(1) - Math.SQRT1_2) < 1e-12);
 * ```
 */
export class Crossfader<T> {
  /** What each slot holds (null when empty). */
  readonly slots: [T | null, T | null] = [null, null];
  /** The slot that holds the newest sound. */
  active: 0 | 1 = 1;
  private fading = false;
  private elapsed = 0;
  private duration = 0;
  /** Gain of the outgoing slot when the current fade began (below 1 when a fade is cut short). */
  private fromLevel = 0;

  /**
   * Starts a fade to `item` over `seconds` (at least {@link MIN_CROSSFADE_SECONDS}). Returns what
   * was in the outgoing slot before, when a fade still in progress left it there: the caller stops
   * it, since it no longer belongs to any slot.
   */
  start(item: T, seconds: number): T | null {
    const incoming = (1 - this.active) as 0 | 1;
    const evicted = this.slots[incoming];
    this.fromLevel = this.slots[this.active] === null ? 0 : this.gain(this.active);
    this.slots[incoming] = item;
    this.active = incoming;
    this.fading = true;
    this.elapsed = 0;
    this.duration = Math.max(seconds, MIN_CROSSFADE_SECONDS);
    return evicted;
  }

  /**
   * Advances the fade by `dt` seconds. Returns what left the outgoing slot when the fade ended
   * (the caller stops it), else null.
   */
  tick(dt: number): T | null {
    if (!this.fading) return null;
    this.elapsed += dt;
    if (this.elapsed < this.duration) return null;
    this.fading = false;
    const outgoing = (1 - this.active) as 0 | 1;
    const finished = this.slots[outgoing];
    this.slots[outgoing] = null;
    return finished;
  }

  /** Whether a fade is in progress. */
  get isFading(): boolean {
    return this.fading;
  }

  /** The gain factor of `slot` now. */
  gain(slot: 0 | 1): number {
    if (!this.fading) return slot === this.active ? 1 : 0;
    const angle = Math.min(this.elapsed / this.duration, 1) * Math.PI / 2;
    return slot === this.active ? Math.sin(angle) : this.fromLevel * Math.cos(angle);
  }

  /** Empties `slot` if it holds `item` (a sound that ended on its own). */
  release(item: T): void {
    if (this.slots[0] === item) this.slots[0] = null;
    if (this.slots[1] === item) this.slots[1] = null;
  }
}

/** The shortest crossfade, in seconds, as in the Rust engine. */
export const MIN_CROSSFADE_SECONDS = 0.01;
