/**
 * Entity state layouts: which fields an entity carries and the precision each is quantized to.
 *
 * Every field travels as an integer, `round(value / precision)`, so deltas are small integer
 * differences and "apply the delta to its base" reproduces the server's value exactly. A layout
 * must contain `x`, `y` and `z` (the position used for interest management and movement); any other
 * fields (health, ammo, a yaw angle...) ride along with their own precision, up to 32 in all.
 *
 * @module
 */

/** The largest magnitude a quantized field may hold: differences of two values still fit an i32. */
export const MAX_QUANTIZED = 0x3fff_ffff;

/** The most fields a layout may declare (the change mask is one u32 varint). */
export const MAX_FIELDS = 32;

/**
 * The fields of an entity and their precision: an immutable description shared by server and
 * client (the handshake compares {@link StateLayout.fingerprint}s).
 *
 * @example
 * ```ts
 * import { defineLayout } from "@astraweave/net-ecs";
 * const layout = defineLayout({ x: 0.01, y: 0.01, z: 0.01, health: 1, yaw: Math.PI / 128 });
 * console.log(layout.quantize(0, 1.234), layout.fieldCount); // 123 5
 * ```
 */
export class StateLayout<F extends string = string> {
  /** Field names in wire order. */
  readonly fields: readonly F[];
  /** Number of fields. */
  readonly fieldCount: number;
  /** The precision of each field, by index. */
  readonly precision: Float64Array;
  /** Index of each field by name. */
  readonly index: Readonly<Record<F, number>>;
  /** Indices of the position fields `x`, `y`, `z`. */
  readonly position: readonly [number, number, number];
  /** A 32-bit hash of the names and precisions; equal layouts have equal fingerprints. */
  readonly fingerprint: number;

  constructor(spec: Readonly<Record<F, number>>) {
    const fields = Object.keys(spec) as F[];
    if (fields.length > MAX_FIELDS) {
      throw new RangeError(`a layout has at most ${MAX_FIELDS} fields, got ${fields.length}`);
    }
    const index = {} as Record<F, number>;
    this.precision = new Float64Array(fields.length);
    fields.forEach((name, i) => {
      const p = spec[name];
      if (!(p > 0) || !Number.isFinite(p)) {
        throw new RangeError(`field "${name}": precision must be a positive number, got ${p}`);
      }
      this.precision[i] = p;
      index[name] = i;
    });
    const at = (name: string) => {
      const i = (index as Record<string, number>)[name];
      if (i === undefined) throw new RangeError(`a layout needs an "${name}" field (position)`);
      return i;
    };
    this.fields = fields;
    this.fieldCount = fields.length;
    this.index = index;
    this.position = [at("x"), at("y"), at("z")];
    this.fingerprint = fnv1a(fields.map((f, i) => `${f}:${this.precision[i]}`).join(";"));
  }

  /** Quantizes `value` for field `field` (an index); throws RangeError beyond ±{@link MAX_QUANTIZED}. */
  quantize(field: number, value: number): number {
    const q = Math.round(value / this.precision[field]);
    if (!(q >= -MAX_QUANTIZED && q <= MAX_QUANTIZED)) {
      throw new RangeError(
        `field "${this.fields[field]}": ${value} is outside the range its precision ${
          this.precision[field]
        } can carry`,
      );
    }
    return q;
  }

  /** The value a quantized field stands for. */
  dequantize(field: number, q: number): number {
    return q * this.precision[field];
  }

  /** Quantizes a whole state into `out` at `offset` (one i32 per field, in wire order). */
  write(state: Readonly<Record<F, number>>, out: Int32Array, offset = 0): void {
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) {
      const v = state[fields[i]];
      if (typeof v !== "number") throw new TypeError(`field "${fields[i]}" is missing`);
      out[offset + i] = this.quantize(i, v);
    }
  }

  /** The state that quantized fields at `offset` of `values` stand for. */
  read(values: Int32Array, offset = 0): Record<F, number> {
    const out = {} as Record<F, number>;
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) out[fields[i]] = values[offset + i] * this.precision[i];
    return out;
  }
}

/**
 * Declares a layout from `{ field: precision }`, in wire order.
 *
 * @example
 * ```ts
 * import { defineLayout } from "@astraweave/net-ecs";
 * const layout = defineLayout({ x: 1 / 64, y: 1 / 64, z: 1 / 64, health: 1 });
 * console.log(layout.fields); // [ "x", "y", "z", "health" ]
 * ```
 */
export function defineLayout<F extends string>(spec: Readonly<Record<F, number>>): StateLayout<F> {
  return new StateLayout(spec);
}

/** The fields of {@link DEFAULT_LAYOUT}. */
export type DefaultField = "x" | "y" | "z" | "health";

/**
 * The Rust original's `EntityState { position: Vec3, health }`: position to a centimetre, health
 * to a whole point.
 *
 * @example
 * ```ts
 * import { DEFAULT_LAYOUT } from "@astraweave/net-ecs";
 * console.log(DEFAULT_LAYOUT.fields, DEFAULT_LAYOUT.precision[0]); // [ "x", "y", "z", "health" ] 0.01
 * ```
 */
export const DEFAULT_LAYOUT: StateLayout<DefaultField> = defineLayout({
  x: 0.01,
  y: 0.01,
  z: 0.01,
  health: 1,
});

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
