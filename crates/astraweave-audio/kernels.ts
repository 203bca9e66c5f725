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

/**
 * Adds four mono sources at steady gains into `outL/outR[at..at + count]`: `sources[k]` from
 * `from[k]`, left gain `gains[k]`, right gain `gains[4 + k]`.
 */
export function mixFour(
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  d: Float32Array,
  from: Int32Array,
  gains: Float64Array,
  outL: Float32Array,
  outR: Float32Array,
  at: number,
  count: number,
): void {
  const fa = from[0], fb = from[1], fc = from[2], fd = from[3];
  const al = gains[0], bl = gains[1], cl = gains[2], dl = gains[3];
  const ar = gains[4], br = gains[5], cr = gains[6], dr = gains[7];
  for (let i = 0; i < count; i++) {
    const w = a[fa + i], x = b[fb + i], y = c[fc + i], z = d[fd + i];
    outL[at + i] += w * al + x * bl + y * cl + z * dl;
    outR[at + i] += w * ar + x * br + y * cr + z * dr;
  }
}

/** The master limiter: a hard clamp to [-1, 1]; NaN (which no checked input makes) becomes 0. */
export function limit(buffer: Float32Array, from: number, count: number): void {
  for (let i = from; i < from + count; i++) {
    const x = buffer[i];
    buffer[i] = x > 1 ? 1 : x < -1 ? -1 : x === x ? x : 0;
  }
}
