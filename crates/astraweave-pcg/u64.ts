/**
 * Unsigned 64-bit arithmetic on pairs of u32 halves (`hi`, `lo`), for the generators' seeding and
 * stepping. Only exact integer operations are used (`Math.imul`, shifts, `>>> 0`, and float
 * products kept below 2^53), so every platform computes the same bits; BigInt is avoided because
 * it allocates on every operation.
 *
 * @module
 */

const TWO_POW_32 = 4294967296;
const TWO_POW_64 = 1n << 64n;

/**
 * The upper 32 bits of the 64-bit product of two u32 values.
 *
 * Each partial product `a * (16 bits of b)` is below 2^48, so the float arithmetic is exact; the
 * inner floor does not change the outer one (floor((X + y) / k) = floor((X + floor(y)) / k)).
 */
export function mulHi32(a: number, b: number): number {
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  return Math.floor((a * b1 + Math.floor((a * b0) / 65536)) / 65536);
}

/**
 * The upper half of the low 64 bits of `(aHi:aLo) * (bHi:bLo)`; the lower half is
 * `Math.imul(aLo, bLo) >>> 0`.
 */
export function mulHi64(
  aHi: number,
  aLo: number,
  bHi: number,
  bLo: number,
): number {
  // Math.imul gives the low 32 bits of each cross product (signed); the sum stays far below 2^53,
  // so `>>> 0` reduces it modulo 2^32 exactly.
  return (mulHi32(aLo, bLo) + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) >>> 0;
}

/**
 * Splits a u64 given as a non-negative safe integer or a bigint below 2^64 into `[hi, lo]`.
 *
 * @throws {RangeError} when the value is negative, fractional, unsafe (number above 2^53 - 1) or
 * does not fit 64 bits. `what` names the value in the message.
 */
export function splitU64(
  value: number | bigint,
  what: string,
): [hi: number, lo: number] {
  if (typeof value === "bigint") {
    if (value < 0n || value >= TWO_POW_64) {
      throw new RangeError(`${what} must be in [0, 2^64), got ${value}`);
    }
    return [Number(value >> 32n), Number(value & 0xffffffffn)];
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `${what} must be a non-negative safe integer or a bigint, got ${value}` +
        (Number.isInteger(value) && value > 0 ? " (pass seeds above 2^53 - 1 as bigint)" : ""),
    );
  }
  return [Math.floor(value / TWO_POW_32), value >>> 0];
}

/** Joins `[hi, lo]` halves into a bigint. */
export function joinU64(hi: number, lo: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo);
}
