/**
 * A bundle as JSON, for people and tools: the Rust field names (`save_id`, `created_at`,
 * `ecs_blob`...), the save id as its usual text, `created_at` as RFC 3339 with nanoseconds, the ECS
 * blob as base64, maps as objects, and 64-bit integers as JSON numbers up to 2^53 - 1 and as decimal
 * strings beyond (where a JSON number would lose digits).
 *
 * @module
 */

import {
  type CompanionProfile,
  createBundle,
  type ItemStack,
  SAVE_SCHEMA_VERSION,
  type SaveBundleV2,
} from "./bundle.ts";
import { SaveError } from "./error.ts";
import { formatRfc3339, parseRfc3339 } from "./time.ts";
import { isUuid } from "./uuid.ts";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/** A 64-bit integer as JSON: a number when exact, a decimal string otherwise. */
export function int64ToJson(value: bigint): number | string {
  return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
}

function mapToJson<V>(map: Map<string, V>, value: (v: V) => Json): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [k, v] of map) out[k] = value(v);
  return out;
}

/**
 * The JSON form of a bundle (see the module doc).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bundleToJson, createBundle } from "@astraweave/save";
 * const json = bundleToJson(createBundle({ playerId: "ann", world: { stateHash: 2n ** 60n } }));
 * assert.equal((json.world as { state_hash: unknown }).state_hash, "1152921504606846976");
 * ```
 */
export function bundleToJson(bundle: SaveBundleV2): { [key: string]: Json } {
  return {
    schema: bundle.schema,
    save_id: bundle.saveId,
    created_at: formatRfc3339(bundle.createdAt),
    player_id: bundle.playerId,
    slot: bundle.slot,
    world: {
      tick: int64ToJson(bundle.world.tick),
      ecs_blob: bundle.world.ecsBlob.toBase64(),
      state_hash: int64ToJson(bundle.world.stateHash),
    },
    companions: bundle.companions.map((c) => ({
      id: c.id,
      name: c.name,
      level: c.level,
      skills: c.skills,
      facts: c.facts,
      episodes_summarized: c.episodesSummarized,
    })),
    inventory: {
      credits: int64ToJson(bundle.inventory.credits),
      items: bundle.inventory.items.map((item) => ({
        kind: item.kind,
        qty: item.qty,
        attrs: mapToJson(item.attrs, int64ToJson),
      })),
    },
    meta: mapToJson(bundle.meta, (v) => v),
  };
}

/** Reads JSON values at a path, with errors that name the path. */
class JsonReader {
  constructor(readonly where: string) {}

  fail(path: string, expected: string, got: unknown): never {
    const shown = JSON.stringify(got) ?? String(got);
    throw new SaveError(
      "invalid_bundle",
      `${this.where}: ${path} must be ${expected}, got ${
        shown.length > 60 ? shown.slice(0, 57) + "..." : shown
      }`,
    );
  }

  object(v: unknown, path: string): Record<string, unknown> {
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail(path, "an object", v);
    return v as Record<string, unknown>;
  }

  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, "an array", v);
    return v;
  }

  string(v: unknown, path: string): string {
    if (typeof v !== "string") this.fail(path, "a string", v);
    return v;
  }

  strings(v: unknown, path: string): string[] {
    return this.array(v, path).map((s, i) => this.string(s, `${path}[${i}]`));
  }

  int(v: unknown, path: string, max: number): number {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
      this.fail(path, `an integer in 0..${max}`, v);
    }
    return v;
  }

  int64(v: unknown, path: string, min: bigint, max: bigint): bigint {
    let big: bigint | null = null;
    if (typeof v === "number" && Number.isSafeInteger(v)) big = BigInt(v);
    else if (typeof v === "string" && /^-?\d+$/.test(v)) big = BigInt(v);
    if (big === null || big < min || big > max) {
      this.fail(path, `an integer in ${min}..${max} (a number, or a decimal string)`, v);
    }
    return big;
  }

  map<V>(v: unknown, path: string, value: (v: unknown, path: string) => V): Map<string, V> {
    const obj = this.object(v, path);
    return new Map(Object.keys(obj).map((k) => [k, value(obj[k], `${path}.${k}`)]));
  }
}

/**
 * A bundle from its JSON form (as {@link bundleToJson} writes it, or `inspect` prints it). Only
 * `player_id` is required: a missing `save_id` is a new random one, a missing `created_at` is now,
 * a missing `schema` is 2, and missing lists, maps and numbers are empty or zero.
 *
 * @throws {SaveError} `invalid_bundle` naming the first field that is wrong (prefixed by `where`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bundleFromJson } from "@astraweave/save";
 * const bundle = bundleFromJson({ player_id: "ann", world: { tick: "9007199254740993" } });
 * assert.equal(bundle.world.tick, 9007199254740993n);
 * ```
 */
export function bundleFromJson(json: unknown, where = "bundle"): SaveBundleV2 {
  const r = new JsonReader(where);
  const o = r.object(json, "the bundle");
  const has = (obj: Record<string, unknown>, key: string) => obj[key] !== undefined;

  let createdAt = undefined;
  if (has(o, "created_at")) {
    try {
      createdAt = parseRfc3339(r.string(o.created_at, "created_at"));
    } catch (e) {
      if (e instanceof SaveError) throw e;
      r.fail("created_at", "an RFC 3339 date-time", o.created_at);
    }
  }
  if (has(o, "save_id") && !isUuid(o.save_id)) r.fail("save_id", "a UUID", o.save_id);

  const world = r.object(o.world ?? {}, "world");
  let ecsBlob = new Uint8Array(0);
  if (has(world, "ecs_blob")) {
    try {
      ecsBlob = Uint8Array.fromBase64(r.string(world.ecs_blob, "world.ecs_blob"));
    } catch (e) {
      if (e instanceof SaveError) throw e;
      r.fail("world.ecs_blob", "base64", world.ecs_blob);
    }
  }

  const companions = r.array(o.companions ?? [], "companions").map((c, i): CompanionProfile => {
    const p = `companions[${i}]`;
    const co = r.object(c, p);
    return {
      id: r.string(co.id, `${p}.id`),
      name: r.string(co.name, `${p}.name`),
      level: r.int(co.level, `${p}.level`, 255),
      skills: r.strings(co.skills ?? [], `${p}.skills`),
      facts: r.strings(co.facts ?? [], `${p}.facts`),
      episodesSummarized: r.strings(co.episodes_summarized ?? [], `${p}.episodes_summarized`),
    };
  });

  const inventory = r.object(o.inventory ?? {}, "inventory");
  const items = r.array(inventory.items ?? [], "inventory.items").map((it, i): ItemStack => {
    const p = `inventory.items[${i}]`;
    const io = r.object(it, p);
    return {
      kind: r.string(io.kind, `${p}.kind`),
      qty: r.int(io.qty, `${p}.qty`, 0xffffffff),
      attrs: r.map(io.attrs ?? {}, `${p}.attrs`, (v, path) => r.int64(v, path, I64_MIN, I64_MAX)),
    };
  });

  return createBundle({
    schema: has(o, "schema") ? r.int(o.schema, "schema", 65535) : SAVE_SCHEMA_VERSION,
    ...(has(o, "save_id") ? { saveId: (o.save_id as string).toLowerCase() } : {}),
    ...(createdAt ? { createdAt } : {}),
    playerId: r.string(o.player_id, "player_id"),
    slot: has(o, "slot") ? r.int(o.slot, "slot", 255) : 0,
    world: {
      tick: r.int64(world.tick ?? 0, "world.tick", 0n, U64_MAX),
      ecsBlob,
      stateHash: r.int64(world.state_hash ?? 0, "world.state_hash", 0n, U64_MAX),
    },
    companions,
    inventory: {
      credits: r.int64(inventory.credits ?? 0, "inventory.credits", 0n, U64_MAX),
      items,
    },
    meta: r.map(o.meta ?? {}, "meta", (v, path) => r.string(v, path)),
  });
}
