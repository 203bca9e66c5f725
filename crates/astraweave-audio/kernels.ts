/**
 * The mixer's inner loops: typed-array loops over one block, no allocation, no calls per sample.
 *
 * @module
 */

/** `current` moved toward `target` by at most `maxStep`. */
export function approach(current: number, target: number, maxStep: number): number {
  const delta = target - current;
  if (delta > maxStep) return current + maxStep;
  if (delta < -maxStep) return current - maxStep;
  return target;
}

/**
 * Adds `count` mono samples from `src[from..]` into `outL/outR[at..]`, with the left and right
 * gains moving on the block's straight line from (l0, r0) to (l1, r1), between the block fractions
 * `a` and `b` that this segment covers.
 */
export function mixMono(
  src: Float32Array,
  from: number,
  outL: Float32Array,
  outR: Float32Array,
  at: number,
  count: number,
  l0: number,
  l1: number,
  r0: number,
  r1: number,
  a: number,
  b: number,
): void {
  const ls = l0 + (l1 - l0) * a, le = l0 + (l1 - l0) * b;
  const rs = r0 + (r1 - r0) * a, re = r0 + (r1 - r0) * b;
  if (ls === le && rs === re) {
    for (let i = 0; i < count; i++) {
      const s = src[from + i];
      outL[at + i] += s * ls;
      outR[at + i] += s * rs;
    }
    return;
  }
  const dl = (le - ls) / count, dr = (re - rs) / count;
  let gl = ls, gr = rs;
  for (let i = 0; i < count; i++) {
    gl += dl;
    gr += dr;
    const s = src[from + i];
    outL[at + i] += s * gl;
    outR[at + i] += s * gr;
  }
}

/**
 * Two mono sources, each with its gains ramping across the whole span as {@link mixMono} ramps
 * them (`a` from `fromA`, left `la0` to `la1`, right `ra0` to `ra1`; then `b`), added to the
 * output as one sum per sample instead of two: one pass over the output, rounded to f32 once.
 */
export function mixMonoPair(
  a: Float32Array,
  fromA: number,
  la0: number,
  la1: number,
  ra0: number,
  ra1: number,
  b: Float32Array,
  fromB: number,
  lb0: number,
  lb1: number,
  rb0: number,
  rb1: number,
  outL: Float32Array,
  outR: Float32Array,
  at: number,
  count: number,
): void {
  // mixMono's ramp with a = 0 and b = 1, step by step, so each gain takes the same values.
  let gla = la0, gra = ra0, glb = lb0, grb = rb0;
  const dla = (la0 + (la1 - la0) - gla) / count, dra = (ra0 + (ra1 - ra0) - gra) / count;
  const dlb = (lb0 + (lb1 - lb0) - glb) / count, drb = (rb0 + (rb1 - rb0) - grb) / count;
  for (let i = 0; i < count; i++) {
    gla += dla, gra += dra, glb += dlb, grb += drb;
    const x = a[fromA + i], y = b[fromB + i];
    outL[at + i] += x * gla + y * glb;
    outR[at + i] += x * gra + y * grb;
  }
}

/** A sine tone voice, as {@link mixTone} reads it. */
export interface Tone {
  /** Radians per frame. */
  readonly omega: number;
  /** `2 * Math.cos(omega)`, the oscillator's factor, computed once. */
  readonly twoCosOmega: number;
  /** Attack and release length, frames. */
  readonly edgeFrames: number;
  /** Length of the tone, frames. */
  readonly frames: number;
  /**
   * The oscillator carried from one span to the next: [frame, sin(omega x frame), the sample
   * before it, frame at which both were last computed exactly]; a frame no span starts at (such
   * as {@link OSCILLATOR_UNSET}) to start. An array of doubles, whose elements V8 stores unboxed:
   * a double in an object field is boxed, one allocation per store, and a typed array costs 400 to
   * 900 ns to create here, ten times what starting a beep costs otherwise.
   */
  readonly oscillator: number[];
}

// Slots of Tone.oscillator.
const AT = 0, SINE = 1, PREVIOUS = 2, SEEDED_AT = 3;

/**
 * The first slot of a new tone's oscillator: no span starts at half a frame, so the first span
 * computes it. Not an integer, so the array holds doubles from the start.
 */
export const OSCILLATOR_UNSET = -0.5;

/**
 * How many frames a tone's oscillator runs before its two sines are computed exactly again. The
 * recurrence's rounding error grows about linearly, by at most 1.2e-16 / sin(omega) a frame: over
 * 4096 frames under 1e-10 at 20 Hz (at 48 kHz), far below the f32 rounding of each sample. And
 * Math.sin costs 40 to 60 ns here, more than a 128-frame block of one tone's other work.
 */
export const RESEED_FRAMES = 4096;

/** Puts `tone`'s oscillator at frame `start`: carried on when contiguous, else computed. */
function oscillatorAt(tone: Tone, start: number): number[] {
  const state = tone.oscillator;
  if (state[AT] === start && start - state[SEEDED_AT] < RESEED_FRAMES) return state;
  state[SINE] = Math.sin(tone.omega * start);
  state[PREVIOUS] = Math.sin(tone.omega * (start - 1));
  state[AT] = state[SEEDED_AT] = start;
  return state;
}

/**
 * As {@link mixMono} for `count` samples of `tone` from its frame `start`, synthesized as they
 * are mixed: the recurrence sin((n + 1)ω) = 2 cos ω sin(nω) - sin((n - 1)ω), one multiply and one
 * subtraction a sample, carried over from the previous span and recomputed exactly every
 * {@link RESEED_FRAMES}; the attack and release ramps; each sample rounded to f32 as a clip's
 * sample is, so a tone mixes as from a rendered buffer.
 */
export function mixTone(
  tone: Tone,
  start: number,
  outL: Float32Array,
  outR: Float32Array,
  at: number,
  count: number,
  l0: number,
  l1: number,
  r0: number,
  r1: number,
  a: number,
  b: number,
): void {
  const k = tone.twoCosOmega;
  const state = oscillatorAt(tone, start);
  let s = state[SINE], previous = state[PREVIOUS];
  const edge = tone.edgeFrames, last = tone.frames - 1;
  // Between the attack and the release the envelope is 1: those samples skip its two divisions.
  const sustainFrom = Math.min(count, Math.max(0, Math.ceil(edge) - start));
  const sustainTo = Math.max(sustainFrom, Math.min(count, Math.floor(last - edge) - start + 1));
  // mixMono's gains: steady, or on the block's straight line.
  const ls = l0 + (l1 - l0) * a, le = l0 + (l1 - l0) * b;
  const rs = r0 + (r1 - r0) * a, re = r0 + (r1 - r0) * b;
  const steady = ls === le && rs === re;
  const dl = steady ? 0 : (le - ls) / count, dr = steady ? 0 : (re - rs) / count;
  let gl = ls, gr = rs;
  for (let i = 0; i < count; i++) {
    let envelope = 1;
    if (i < sustainFrom || i >= sustainTo) {
      const p = start + i;
      const rise = p / edge, fall = (last - p) / edge;
      envelope = rise < 1 ? rise : fall < 1 ? fall : 1;
    }
    const x = Math.fround(s * envelope);
    if (!steady) gl += dl, gr += dr;
    outL[at + i] += x * gl;
    outR[at + i] += x * gr;
    const next = k * s - previous;
    previous = s;
    s = next;
  }
  state[SINE] = s, state[PREVIOUS] = previous, state[AT] = start + count;
}

/**
 * Two tones at steady gains, `a` from its frame `startA` at gains (`la`, `ra`) and `b`: the
 * samples of two {@link mixTone} calls, added to the output as one sum instead of two (so
 * rounded once to f32, not twice). When both are past their attack and before their release for
 * the whole span (almost always), one pass runs both oscillators, so one's multiply waits less on
 * its own last result; otherwise it makes the two calls.
 */
export function mixTonePair(
  a: Tone,
  startA: number,
  la: number,
  ra: number,
  b: Tone,
  startB: number,
  lb: number,
  rb: number,
  outL: Float32Array,
  outR: Float32Array,
  at: number,
  count: number,
): void {
  if (!sustained(a, startA, count) || !sustained(b, startB, count)) {
    mixTone(a, startA, outL, outR, at, count, la, la, ra, ra, 0, 1);
    mixTone(b, startB, outL, outR, at, count, lb, lb, rb, rb, 0, 1);
    return;
  }
  const ka = a.twoCosOmega, kb = b.twoCosOmega;
  const stateA = oscillatorAt(a, startA), stateB = oscillatorAt(b, startB);
  let sa = stateA[SINE],
    previousA = stateA[PREVIOUS],
    sb = stateB[SINE],
    previousB = stateB[PREVIOUS];
  if (la === ra && lb === rb) {
    // Both centred (mono sounds off the spatial bus): one sum serves both channels.
    for (let i = 0; i < count; i++) {
      const x = Math.fround(sa) * la + Math.fround(sb) * lb;
      outL[at + i] += x;
      outR[at + i] += x;
      const nextA = ka * sa - previousA, nextB = kb * sb - previousB;
      previousA = sa, previousB = sb;
      sa = nextA, sb = nextB;
    }
  } else {
    for (let i = 0; i < count; i++) {
      const xa = Math.fround(sa), xb = Math.fround(sb);
      outL[at + i] += xa * la + xb * lb;
      outR[at + i] += xa * ra + xb * rb;
      const nextA = ka * sa - previousA, nextB = kb * sb - previousB;
      previousA = sa, previousB = sb;
      sa = nextA, sb = nextB;
    }
  }
  stateA[SINE] = sa, stateA[PREVIOUS] = previousA, stateA[AT] = startA + count;
  stateB[SINE] = sb, stateB[PREVIOUS] = previousB, stateB[AT] = startB + count;
}

/**
 * As {@link mixTonePair} for four tones (a, b, c, d), in one pass when all four are sustained
 * for the whole span, else as two pairs: measured 1.25x faster than two pairs on 20 centred
 * tones (the output is read and written once per four tones instead of twice).
 */
export function mixToneQuad(
  a: Tone,
  startA: number,
  la: number,
  ra: number,
  b: Tone,
  startB: number,
  lb: number,
  rb: number,
  c: Tone,
  startC: number,
  lc: number,
  rc: number,
  d: Tone,
  startD: number,
  ld: number,
  rd: number,
  outL: Float32Array,
  outR: Float32Array,
  at: number,
  count: number,
): void {
  if (
    !sustained(a, startA, count) || !sustained(b, startB, count) ||
    !sustained(c, startC, count) || !sustained(d, startD, count)
  ) {
    mixTonePair(a, startA, la, ra, b, startB, lb, rb, outL, outR, at, count);
    mixTonePair(c, startC, lc, rc, d, startD, ld, rd, outL, outR, at, count);
    return;
  }
  const ka = a.twoCosOmega, kb = b.twoCosOmega, kc = c.twoCosOmega, kd = d.twoCosOmega;
  const stateA = oscillatorAt(a, startA), stateB = oscillatorAt(b, startB);
  const stateC = oscillatorAt(c, startC), stateD = oscillatorAt(d, startD);
  let sa = stateA[SINE], sb = stateB[SINE], sc = stateC[SINE], sd = stateD[SINE];
  let pa = stateA[PREVIOUS], pb = stateB[PREVIOUS], pc = stateC[PREVIOUS], pd = stateD[PREVIOUS];
  if (la === ra && lb === rb && lc === rc && ld === rd) {
    // All centred (mono sounds off the spatial bus): one sum serves both channels.
    for (let i = 0; i < count; i++) {
      const x = Math.fround(sa) * la + Math.fround(sb) * lb + Math.fround(sc) * lc +
        Math.fround(sd) * ld;
      outL[at + i] += x;
      outR[at + i] += x;
      const na = ka * sa - pa, nb = kb * sb - pb, nc = kc * sc - pc, nd = kd * sd - pd;
      pa = sa, pb = sb, pc = sc, pd = sd;
      sa = na, sb = nb, sc = nc, sd = nd;
    }
  } else {
    for (let i = 0; i < count; i++) {
      const xa = Math.fround(sa), xb = Math.fround(sb), xc = Math.fround(sc), xd = Math.fround(sd);
      outL[at + i] += xa * la + xb * lb + xc * lc + xd * ld;
      outR[at + i] += xa * ra + xb * rb + xc * rc + xd * rd;
      const na = ka * sa - pa, nb = kb * sb - pb, nc = kc * sc - pc, nd = kd * sd - pd;
      pa = sa, pb = sb, pc = sc, pd = sd;
      sa = na, sb = nb, sc = nc, sd = nd;
    }
  }
  stateA[SINE] = sa, stateA[PREVIOUS] = pa, stateA[AT] = startA + count;
  stateB[SINE] = sb, stateB[PREVIOUS] = pb, stateB[AT] = startB + count;
  stateC[SINE] = sc, stateC[PREVIOUS] = pc, stateC[AT] = startC + count;
  stateD[SINE] = sd, stateD[PREVIOUS] = pd, stateD[AT] = startD + count;
}

/** Whether `tone`'s envelope is 1 for its `count` frames from `start` (mixTone's sustain span). */
function sustained(tone: Tone, start: number, count: number): boolean {
  return start >= Math.ceil(tone.edgeFrames) &&
    start + count - 1 <= Math.floor(tone.frames - 1 - tone.edgeFrames);
}

/**
 * As {@link mixMono} for a stereo source through the 2x2 matrix `[ll, rl, lr, rr]`, moving from
 * the block-start values to the block-end values, between the block fractions `a` and `b`.
 */
export function mixStereo(
  srcL: Float32Array,
  srcR: Float32Array,
  from: number,
  outL: Float32Array,
  outR: Float32Array,
  at: number,
  count: number,
  ll0: number,
  rl0: number,
  lr0: number,
  rr0: number,
  ll1: number,
  rl1: number,
  lr1: number,
  rr1: number,
  a: number,
  b: number,
): void {
  let ll = ll0 + (ll1 - ll0) * a, rl = rl0 + (rl1 - rl0) * a;
  let lr = lr0 + (lr1 - lr0) * a, rr = rr0 + (rr1 - rr0) * a;
  const dll = (ll0 + (ll1 - ll0) * b - ll) / count, drl = (rl0 + (rl1 - rl0) * b - rl) / count;
  const dlr = (lr0 + (lr1 - lr0) * b - lr) / count, drr = (rr0 + (rr1 - rr0) * b - rr) / count;
  for (let i = 0; i < count; i++) {
    ll += dll, rl += drl, lr += dlr, rr += drr;
    const l = srcL[from + i], r = srcR[from + i];
    outL[at + i] += l * ll + r * rl;
    outR[at + i] += l * lr + r * rr;
  }
}

/** How many steady mono voices {@link mixEight} mixes in one pass. */
export const GROUP = 8;

/**
 * Adds the first four of `sources` at steady gains into `outL/outR[at..at + count]`: source `k`
 * from `from[k]`, left gain `gains[k]`, right gain `gains[GROUP + k]`.
 */
export function mixFour(
  sources: readonly Float32Array[],
  from: Int32Array,
  gains: Float64Array,
  outL: Float32Array,
  outR: Float32Array,
  at: number,
  count: number,
): void {
  const a = sources[0], b = sources[1], c = sources[2], d = sources[3];
  const fa = from[0], fb = from[1], fc = from[2], fd = from[3];
  const al = gains[0], bl = gains[1], cl = gains[2], dl = gains[3];
  const ar = gains[GROUP], br = gains[GROUP + 1], cr = gains[GROUP + 2], dr = gains[GROUP + 3];
  for (let i = 0; i < count; i++) {
    const w = a[fa + i], x = b[fb + i], y = c[fc + i], z = d[fd + i];
    outL[at + i] += w * al + x * bl + y * cl + z * dl;
    outR[at + i] += w * ar + x * br + y * cr + z * dr;
  }
}

/** As {@link mixFour} for all eight of `sources`. */
export function mixEight(
  sources: readonly Float32Array[],
  from: Int32Array,
  gains: Float64Array,
  outL: Float32Array,
  outR: Float32Array,
  at: number,
  count: number,
): void {
  const s0 = sources[0], s1 = sources[1], s2 = sources[2], s3 = sources[3];
  const s4 = sources[4], s5 = sources[5], s6 = sources[6], s7 = sources[7];
  const f0 = from[0], f1 = from[1], f2 = from[2], f3 = from[3];
  const f4 = from[4], f5 = from[5], f6 = from[6], f7 = from[7];
  const l0 = gains[0], l1 = gains[1], l2 = gains[2], l3 = gains[3];
  const l4 = gains[4], l5 = gains[5], l6 = gains[6], l7 = gains[7];
  const r0 = gains[8], r1 = gains[9], r2 = gains[10], r3 = gains[11];
  const r4 = gains[12], r5 = gains[13], r6 = gains[14], r7 = gains[15];
  for (let i = 0; i < count; i++) {
    const x0 = s0[f0 + i], x1 = s1[f1 + i], x2 = s2[f2 + i], x3 = s3[f3 + i];
    const x4 = s4[f4 + i], x5 = s5[f5 + i], x6 = s6[f6 + i], x7 = s7[f7 + i];
    outL[at + i] += x0 * l0 + x1 * l1 + x2 * l2 + x3 * l3 + x4 * l4 + x5 * l5 + x6 * l6 + x7 * l7;
    outR[at + i] += x0 * r0 + x1 * r1 + x2 * r2 + x3 * r3 + x4 * r4 + x5 * r5 + x6 * r6 + x7 * r7;
  }
}

/**
 * Multiplies `buffer[at..at + count]` by a gain moving on a straight line from `from` (before
 * the first sample) to `to` (at the last), as {@link mixMono} ramps; nothing to do at a steady 1.
 */
export function applyGain(
  buffer: Float32Array,
  at: number,
  count: number,
  from: number,
  to: number,
): void {
  if (from === to) {
    if (to === 0) buffer.fill(0, at, at + count);
    else if (to !== 1) { for (let i = at; i < at + count; i++) buffer[i] *= to; }
    return;
  }
  const step = (to - from) / count, last = at + count - 1;
  let gain = from;
  // + 0 turns the -0 of a negative sample at gain 0 into 0, as silence mixes to.
  for (let i = at; i < last; i++) {
    gain += step;
    buffer[i] = buffer[i] * gain + 0;
  }
  buffer[last] = buffer[last] * to + 0; // exactly `to`, whatever the sum of the steps rounded to
}

/** The master limiter: a hard clamp to [-1, 1]; NaN (which no checked input makes) becomes 0. */
export function limit(buffer: Float32Array, from: number, count: number): void {
  for (let i = from; i < from + count; i++) {
    const x = buffer[i];
    buffer[i] = x > 1 ? 1 : x < -1 ? -1 : x === x ? x : 0;
  }
}
