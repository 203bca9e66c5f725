/**
 * Component types: a name and a postcard schema. A component whose fields are all numeric
 * primitives (`u8` ... `f64`, `usize`, `i64AsNumber`, {@link entityRef}) is stored struct-of-arrays,
 * one typed array per field indexed by entity slot; any other schema is stored as JS values in a
 * dense array.
 *
 * @module
 */

import {
  f32,
  f64,
  i16,
  i32,
  i64AsNumber,
  i8,
  type Schema,
  struct,
  u16,
  u32,
  u64AsNumber,
  u8,
} from "@astraweave/codec";
import type { Entity } from "./entity.ts";
import { EcsError } from "./error.ts";
import { refMapping } from "./ref_mapping.ts";

/** The numeric field kinds a struct-of-arrays component can have. */
export type NumericKind =
  | "u8"
  | "i8"
  | "u16"
  | "i16"
  | "u32"
  | "i32"
  | "f32"
  | "f64"
  | "u53"
  | "i53"
  | "entity";

/**
 * The schema of a field that holds an entity handle. Wherever a component declares one (a field of
 * a numeric component, or anywhere inside a dense component's schema: a struct field, a list
 * item, an option, a map value...), it is remapped when a world is loaded (the loaded handle names
 * the loaded copy of the referenced entity) and hashed by the referenced entity's contents, never
 * by the handle's value. Used outside a world's blob (encoding a value on its own), it is the
 * handle as a plain u64.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defineComponent, entityRef } from "@astraweave/persistence-ecs";
 * const Target = defineComponent("target", { entity: entityRef });
 * assert.equal(Target.layout, "soa(entity:entity)");
 * ```
 */
export const entityRef: Schema<Entity> = {
  kind: "entityRef",
  minSize: 1,
  encode: (v) => u64AsNumber.encode(v),
  encodeInto: (w, v) =>
    u64AsNumber.encodeInto(w, refMapping.write === null ? v : refMapping.write(v)),
  decode: (b, options) => u64AsNumber.decode(b, options),
  decodeFrom: (r) => {
    const at = r.pos;
    const value = u64AsNumber.decodeFrom(r);
    return refMapping.read === null ? value : refMapping.read(value, at);
  },
};

const NUMERIC_KINDS = new Map<Schema<unknown>, NumericKind>([
  [u8, "u8"],
  [i8, "i8"],
  [u16, "u16"],
  [i16, "i16"],
  [u32, "u32"],
  [i32, "i32"],
  [f32, "f32"],
  [f64, "f64"],
  [u64AsNumber, "u53"],
  [i64AsNumber, "i53"],
  [entityRef, "entity"],
]);

/** A column of a struct-of-arrays component. */
export type Column =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** One field of a struct-of-arrays component. */
export interface FieldSpec {
  /** The field's name. */
  readonly name: string;
  /** How the field is stored, encoded and hashed. */
  readonly kind: NumericKind;
}

/** A registered component type: how its values are encoded and stored. */
export interface ComponentType<T = unknown> {
  /** Unique within a world; names the component in blobs, hashes and errors. */
  readonly name: string;
  /** The postcard schema of one value. */
  readonly schema: Schema<T>;
  /** "soa": one typed array per field; "dense": values in a packed array. */
  readonly storage: "soa" | "dense";
  /** The fields of a struct-of-arrays component, in declaration order (empty for dense). */
  readonly fields: readonly FieldSpec[];
  /**
   * The component's shape as text ("soa(x:i32,y:i32)", "dense(struct)"): a blob records it, and
   * loading rejects a blob whose shape differs from the registered component.
   */
  readonly layout: string;
}

/** A struct-of-arrays component whose fields are named `K`. */
export interface NumericComponent<K extends string = string>
  extends ComponentType<Record<K, number>> {
  /** Always "soa". */
  readonly storage: "soa";
}

/** The value type of a struct of field schemas. */
export type StructValue<F extends Record<string, Schema<unknown>>> = {
  [K in keyof F]: F[K] extends Schema<infer V> ? V : never;
};

/** Bytes per element of the typed array that stores a field of `kind`. */
export function kindBytes(kind: NumericKind): 1 | 2 | 4 | 8 {
  switch (kind) {
    case "u8":
    case "i8":
      return 1;
    case "u16":
    case "i16":
      return 2;
    case "u32":
    case "i32":
    case "f32":
      return 4;
    default: // f64, and the integer kinds wider than 32 bits (exact in a double up to 2^53)
      return 8;
  }
}

/**
 * Makes the typed array that stores a field of `kind` for `capacity` entity slots, in `buffer` at
 * `offset` when given (the offset must be a multiple of the element size).
 */
export function makeColumn(
  kind: NumericKind,
  capacity: number,
  buffer: ArrayBuffer = new ArrayBuffer(capacity * kindBytes(kind)),
  offset = 0,
): Column {
  switch (kind) {
    case "u8":
      return new Uint8Array(buffer, offset, capacity);
    case "i8":
      return new Int8Array(buffer, offset, capacity);
    case "u16":
      return new Uint16Array(buffer, offset, capacity);
    case "i16":
      return new Int16Array(buffer, offset, capacity);
    case "u32":
      return new Uint32Array(buffer, offset, capacity);
    case "i32":
      return new Int32Array(buffer, offset, capacity);
    case "f32":
      return new Float32Array(buffer, offset, capacity);
    default:
      return new Float64Array(buffer, offset, capacity);
  }
}

/** Whether `v` is storable in a field of `kind` without changing (f32 rounds, by design). */
export function fitsKind(kind: NumericKind, v: unknown): boolean {
  if (typeof v !== "number") return false;
  switch (kind) {
    case "u8":
      return (v & 0xff) === v;
    case "i8":
      return ((v << 24) >> 24) === v;
    case "u16":
      return (v & 0xffff) === v;
    case "i16":
      return ((v << 16) >> 16) === v;
    case "u32":
      return v >>> 0 === v;
    case "i32":
      return (v | 0) === v;
    case "f32":
    case "f64":
      return true;
    case "i53":
      return Number.isSafeInteger(v);
    default: // u53, entity
      return Number.isSafeInteger(v) && v >= 0;
  }
}

/**
 * Defines a component type.
 *
 * - `defineComponent(name, { x: i32, y: i32 })`: a struct; when every field is a numeric
 *   primitive, it is stored struct-of-arrays (typed arrays, one per field), otherwise as objects
 *   in a dense array. A struct with no fields is a tag.
 * - `defineComponent(name, schema)`: any postcard schema, stored dense.
 *
 * The key order of `fields` is the wire order. Values of a dense component are stored by reference:
 * `get` returns the stored object, so mutating it changes the world.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defineComponent, World } from "@astraweave/persistence-ecs";
 * import { i32, seq, string } from "@astraweave/codec";
 *
 * const Position = defineComponent("position", { x: i32, y: i32 });
 * const Tags = defineComponent("tags", seq(string));
 * const world = new World([Position, Tags]);
 * const e = world.spawn();
 * world.insert(e, Position, { x: 3, y: -4 });
 * world.insert(e, Tags, ["hero"]);
 * assert.equal(Position.storage, "soa");
 * assert.equal(Tags.storage, "dense");
 * assert.deepEqual(world.get(e, Position), { x: 3, y: -4 });
 * ```
 */
export function defineComponent<const F extends Record<string, Schema<number>>>(
  name: string,
  fields: F,
): NumericComponent<keyof F & string>;
/** A struct with a non-numeric field: stored dense. */
export function defineComponent<const F extends Record<string, Schema<unknown>>>(
  name: string,
  fields: F,
): ComponentType<StructValue<F>>;
/** Any other schema: stored dense. */
export function defineComponent<T>(name: string, schema: Schema<T>): ComponentType<T>;
export function defineComponent(
  name: string,
  fieldsOrSchema: Record<string, Schema<unknown>> | Schema<unknown>,
): ComponentType<unknown> {
  if (typeof name !== "string" || name.length === 0) {
    throw new EcsError("invalid_value", "a component needs a non-empty name");
  }
  if (isSchema(fieldsOrSchema)) {
    return Object.freeze({
      name,
      schema: fieldsOrSchema,
      storage: "dense",
      fields: [],
      layout: `dense(${fieldsOrSchema.kind})`,
    });
  }
  const names = Object.keys(fieldsOrSchema);
  const kinds = names.map((n) => NUMERIC_KINDS.get(fieldsOrSchema[n]));
  const schema = struct(fieldsOrSchema);
  if (kinds.some((k) => k === undefined)) {
    return Object.freeze({ name, schema, storage: "dense", fields: [], layout: "dense(struct)" });
  }
  const fields = names.map((n, i) => Object.freeze({ name: n, kind: kinds[i]! }));
  return Object.freeze({
    name,
    schema,
    storage: "soa",
    fields: Object.freeze(fields),
    layout: `soa(${fields.map((f) => `${f.name}:${f.kind}`).join(",")})`,
  });
}

function isSchema(v: unknown): v is Schema<unknown> {
  return typeof (v as Schema<unknown>).encodeInto === "function" &&
    typeof (v as Schema<unknown>).decodeFrom === "function";
}

/** A component type of any value type (component types are invariant in their value type). */
// deno-lint-ignore no-explicit-any
export type AnyComponent = ComponentType<any>;
