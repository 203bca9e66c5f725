/**
 * The byte-level reader and writer under the postcard codec: a growable output buffer and a
 * bounds-checked input cursor. Schemas (see `postcard.ts`) compile to calls on these, so crates
 * never compute byte offsets themselves.
 *
 * @module
 */

import { CodecError } from "./error.ts";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM: a leading U+FEFF is data, keep it.
const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A growable little-endian output buffer with postcard's primitive encodings. Reuse one writer
 * across calls (`reset()`) to avoid allocating per message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Writer } from "@astraweave/codec";
 * const w = new Writer();
 * w.varint32(300);
 * w.string("hi");
 * assert.deepEqual(w.toBytes(), new Uint8Array([172, 2, 2, 104, 105]));
 * ```
 */
export class Writer {
  /** The backing store; valid bytes are `[0, pos)`. Replaced when the writer grows. */
  buf: Uint8Array;
  /** A DataView over `buf`, for floats. */
  view: DataView;
  /** The number of bytes written so far. */
  pos = 0;

  /** A writer whose buffer starts at `initialCapacity` bytes and doubles when it fills. */
  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
  }

  /** Forgets what was written; the capacity is kept. */
  reset(): void {
    this.pos = 0;
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  /** Replaces the buffer with one at least twice as large that holds `n` more bytes. */
  private grow(n: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** A copy of the bytes written. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** A view of the bytes written (no copy), valid until the next write or reset. */
  written(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** One raw byte (u8, or i8 as two's complement). */
  u8(v: number): void {
    if (this.pos >= this.buf.length) this.grow(1);
    this.buf[this.pos++] = v;
  }

  /** An unsigned varint of at most 32 bits (u16, u32, and lengths below 2^32). */
  varint32(v: number): void {
    if (this.pos + 5 > this.buf.length) this.grow(5);
    const buf = this.buf;
    let pos = this.pos;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    this.pos = pos;
  }

  /** An unsigned varint of a non-negative safe integer (up to 2^53 - 1). */
  varintNumber(v: number): void {
    if (v <= 0xffffffff) return this.varint32(v);
    if (this.pos + 8 > this.buf.length) this.grow(8);
    const buf = this.buf;
    let pos = this.pos;
    // Above 32 bits, bitwise operators would truncate: divide instead.
    while (v > 0x7f) {
      buf[pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    buf[pos++] = v;
    this.pos = pos;
  }

  /** An unsigned varint of any non-negative bigint (u64, u128). */
  varintBig(v: bigint): void {
    if (v <= 0xffffffffn) return this.varint32(Number(v));
    if (this.pos + 19 > this.buf.length) this.grow(19);
    while (v > 0x7fn) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  /** A little-endian IEEE-754 single. */
  f32(v: number): void {
    if (this.pos + 4 > this.buf.length) this.grow(4);
    this.view.setFloat32(this.pos, v, true);
    this.pos += 4;
  }

  /** A little-endian IEEE-754 double. */
  f64(v: number): void {
    if (this.pos + 8 > this.buf.length) this.grow(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  /** Raw bytes, no length prefix. */
  raw(bytes: Uint8Array): void {
    if (this.pos + bytes.length > this.buf.length) this.grow(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** A byte array: varint length, then the bytes. */
  bytes(bytes: Uint8Array): void {
    this.varintNumber(bytes.length);
    this.raw(bytes);
  }

  /** A string: varint length of its UTF-8 bytes, then the bytes. */
  string(s: string): void {
    const n = s.length;
    // Short ASCII strings (names, keys) are the common case: write them without TextEncoder.
    if (n < 0x80) {
      if (this.pos + 1 + n * 3 > this.buf.length) this.grow(1 + n * 3);
      const buf = this.buf;
      const start = this.pos + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[start + i] = c;
      }
      if (i === n) {
        buf[this.pos] = n;
        this.pos = start + n;
        return;
      }
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit. Reserve the length prefix for that bound, encode
    // in place, then move the bytes if the real length needed a shorter prefix.
    const maxBytes = n * 3;
    const prefix = varintSize(maxBytes);
    this.reserve(prefix + maxBytes);
    const start = this.pos + prefix;
    const written = utf8Encoder.encodeInto(s, this.buf.subarray(start)).written;
    const actualPrefix = varintSize(written);
    if (actualPrefix !== prefix) {
      this.buf.copyWithin(this.pos + actualPrefix, start, start + written);
    }
    this.varintNumber(written);
    this.pos += written;
  }
}

/** The number of bytes the varint of `n` (a non-negative safe integer) takes. */
export function varintSize(n: number): number {
  let size = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

/** Options for {@link Reader}. */
export interface ReaderOptions {
  /** The deepest nesting of recursive schemas the reader follows (default 128). */
  maxDepth?: number;
  /**
   * The most zero-sized elements one decode may declare, counted over all its sequences and maps
   * together (default 1,000,000): nested sequences of units cannot multiply the budget. Sequences
   * of values that take bytes are bounded by the bytes that remain.
   */
  maxZeroSizedItems?: number;
}

/**
 * A bounds-checked cursor over input bytes. Every read checks that the bytes exist and throws a
 * {@link CodecError} with the offset when they do not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Reader } from "@astraweave/codec";
 * const r = new Reader(new Uint8Array([0xac, 0x02, 0x02, 0x68, 0x69]));
 * assert.equal(r.varint32(), 300);
 * assert.equal(r.string(), "hi");
 * ```
 */
export class Reader {
  /** The input. */
  readonly bytes: Uint8Array;
  /** A DataView over the input, for floats. */
  readonly view: DataView;
  /** The offset of the next byte to read. */
  pos = 0;
  /** The end of the input. */
  readonly end: number;
  /** Current nesting depth of recursive schemas. */
  depth = 0;
  /** See {@link ReaderOptions.maxDepth}. */
  readonly maxDepth: number;
  /** See {@link ReaderOptions.maxZeroSizedItems}. */
  readonly maxZeroSizedItems: number;
  /** Zero-sized elements declared so far by this decode (see {@link ReaderOptions.maxZeroSizedItems}). */
  zeroSizedItems = 0;

  /** A reader at the start of `bytes`. */
  constructor(bytes: Uint8Array, options: ReaderOptions = {}) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.end = bytes.length;
    this.maxDepth = options.maxDepth ?? 128;
    this.maxZeroSizedItems = options.maxZeroSizedItems ?? 1_000_000;
  }

  /** Bytes not yet read. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws `trailing_bytes` unless the input is fully consumed. */
  finish(): void {
    if (this.pos !== this.end) {
      throw new CodecError(
        "trailing_bytes",
        `${this.end - this.pos} bytes after the value`,
        this.pos,
      );
    }
  }

  /** Throws `truncated` unless `n` more bytes exist. */
  need(n: number, what: string): void {
    if (this.pos + n > this.end) {
      throw new CodecError(
        "truncated",
        `input ends inside ${what} (needs ${n} bytes, ${this.end - this.pos} left)`,
        this.pos,
      );
    }
  }

  /** One raw byte. */
  u8(): number {
    if (this.pos >= this.end) this.need(1, "u8");
    return this.bytes[this.pos++];
  }

  /** One raw byte as a two's-complement i8. */
  i8(): number {
    if (this.pos >= this.end) this.need(1, "i8");
    return (this.bytes[this.pos++] << 24) >> 24;
  }

  /** A bool: exactly 0 or 1. */
  bool(): boolean {
    if (this.pos >= this.end) this.need(1, "bool");
    const b = this.bytes[this.pos];
    if (b > 1) {
      throw new CodecError("invalid_bool", `bool byte 0x${hex(b)} is neither 0 nor 1`, this.pos);
    }
    this.pos++;
    return b === 1;
  }

  /**
   * An unsigned varint of at most `bits` bits (16 or 32), as postcard bounds them: at most
   * ceil(bits / 7) bytes, and the last byte may not carry bits beyond `bits`. Like postcard's own
   * decoder, it accepts non-canonical padding (`80 00` reads as 0); the encoder never writes it.
   */
  varint32(bits = 32): number {
    const bytes = this.bytes;
    const start = this.pos;
    const maxBytes = bits === 16 ? 3 : 5;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < maxBytes; i++) {
      if (this.pos >= this.end) this.need(1, `u${bits} varint`);
      const b = bytes[this.pos++];
      if (i === maxBytes - 1) {
        // The last allowed byte: no continuation, and no bits above the type's width.
        if (b & 0x80) throw overlong(bits, start);
        if (b >>> (bits - shift) !== 0) throw outOfRange(bits, start);
        return (result | (b << shift)) >>> 0;
      }
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return result >>> 0;
      shift += 7;
    }
    throw overlong(bits, start); // unreachable: the loop returns or throws on its last byte
  }

  /** A u64 varint that must fit a safe integer (below 2^53): the number fast path. */
  u64Number(): number {
    const start = this.pos;
    const v = this.varintBigOrNumber(64);
    if (typeof v === "number") return v;
    throw new CodecError(
      "out_of_range",
      `u64 ${v} exceeds 2^53 - 1; the schema needs u64 (bigint)`,
      start,
    );
  }

  /** A u64 varint as a bigint. */
  u64(): bigint {
    const v = this.varintBigOrNumber(64);
    return typeof v === "number" ? BigInt(v) : v;
  }

  /** A u128 varint as a bigint. */
  u128(): bigint {
    const v = this.varintBigOrNumber(128);
    return typeof v === "number" ? BigInt(v) : v;
  }

  /**
   * An unsigned varint of 64 or 128 bits: a number while the value is a safe integer (the common
   * case costs no bigint arithmetic), a bigint beyond.
   */
  varintBigOrNumber(bits: 64 | 128): number | bigint {
    const bytes = this.bytes;
    const start = this.pos;
    const maxBytes = bits === 64 ? 10 : 19;
    let result = 0;
    let scale = 1;
    let i = 0;
    // Seven bytes hold 49 bits: exact in a double.
    for (; i < 7; i++) {
      if (this.pos >= this.end) this.need(1, `u${bits} varint`);
      const b = bytes[this.pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 0x80;
    }
    let big = BigInt(result);
    for (; i < maxBytes; i++) {
      if (this.pos >= this.end) this.need(1, `u${bits} varint`);
      const b = bytes[this.pos++];
      const shift = BigInt(7 * i);
      if (i === maxBytes - 1) {
        if (b & 0x80) throw overlong(bits, start);
        if (b >>> (bits - 7 * i) !== 0) throw outOfRange(bits, start);
      }
      big |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return big <= BigInt(MAX_SAFE) ? Number(big) : big;
    }
    throw overlong(bits, start);
  }

  /** A length prefix (usize), checked against the bytes that remain at `minItemSize` each. */
  length(minItemSize: number, what: string): number {
    const start = this.pos;
    const n = this.varintBigOrNumber(64);
    if (minItemSize === 0) {
      // One budget for the whole input: seq(seq(unit)) must not get a full budget per inner seq.
      const left = this.maxZeroSizedItems - this.zeroSizedItems;
      if (typeof n === "number" && n <= left) {
        this.zeroSizedItems += n;
        return n;
      }
      throw new CodecError(
        "size_limit",
        `${what} declares ${n} zero-sized items, ${
          this.zeroSizedItems === 0 ? "" : `after ${this.zeroSizedItems} already, `
        }above the limit of ${this.maxZeroSizedItems} per decode`,
        start,
      );
    }
    if (typeof n !== "number" || n * minItemSize > this.end - this.pos) {
      throw new CodecError(
        "length_overrun",
        `${what} declares ${n} items of at least ${minItemSize} bytes but ${
          this.end - this.pos
        } bytes remain`,
        start,
      );
    }
    return n;
  }

  /** A little-endian IEEE-754 single. */
  f32(): number {
    if (this.pos + 4 > this.end) this.need(4, "f32");
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A little-endian IEEE-754 double. */
  f64(): number {
    if (this.pos + 8 > this.end) this.need(8, "f64");
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** `n` raw bytes as a view of the input (no copy: it aliases the input). */
  raw(n: number, what = "bytes"): Uint8Array {
    if (this.pos + n > this.end) this.need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A byte array (length-prefixed) as a view of the input (no copy). */
  byteArray(): Uint8Array {
    return this.raw(this.length(1, "byte array"), "byte array");
  }

  /** A string (length-prefixed UTF-8); invalid UTF-8 is an error. */
  string(): string {
    const n = this.length(1, "string");
    const bytes = this.bytes;
    const start = this.pos;
    const end = start + n;
    // Short ASCII strings are the common case; TextDecoder's call overhead dominates for them.
    if (n < 32) {
      let s = "";
      let i = start;
      for (; i < end; i++) {
        const c = bytes[i];
        if (c >= 0x80) break;
        s += String.fromCharCode(c);
      }
      if (i === end) {
        this.pos = end;
        return s;
      }
    }
    try {
      const s = utf8Decoder.decode(bytes.subarray(start, end));
      this.pos = end;
      return s;
    } catch {
      throw new CodecError("invalid_utf8", `string of ${n} bytes is not valid UTF-8`, start);
    }
  }
}

function hex(b: number): string {
  return b.toString(16).padStart(2, "0");
}

function overlong(bits: number, at: number): CodecError {
  return new CodecError(
    "varint_overlong",
    `u${bits} varint longer than ${Math.ceil(bits / 7)} bytes`,
    at,
  );
}

function outOfRange(bits: number, at: number): CodecError {
  return new CodecError("out_of_range", `varint exceeds the range of u${bits}`, at);
}
