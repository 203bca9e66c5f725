/**
 * Delta snapshots: what changed between the snapshot a client acknowledged and the current one.
 *
 * Wire format of a delta payload (postcard varints; `zigzag` is postcard's signed encoding):
 *
 * ```text
 * delta   := removed created changed
 * removed := varint n, n × (varint gap)
 * created := varint n, n × (varint gap, fieldCount × zigzag value)
 * changed := varint n, n × (varint gap, varint mask, popcount(mask) × zigzag (value - base value))
 * ```
 *
 * Each list is in ascending id order and stores the gap to the previous id of the same list (the
 * first gap is the id itself; ids start at 1, so a gap is never 0). `mask` has bit `f` set when
 * field `f` changed. A full snapshot is a delta against the empty table: every entity created.
 *
 * A changed entity that moved a little costs 1 byte of gap, 1 byte of mask and 1 or 2 bytes per
 * changed field, because fields are quantized integers and only their difference is written.
 *
 * The layout is a fixed wire structure of counted, bounded integers; postcard schemas describe the
 * messages around it (see protocol.ts), while this payload is written with the codec's `Writer` and
 * read with its bounds-checked `Reader`, so no field is a hand-computed offset.
 *
 * @module
 */

import { CodecError, Reader, type Writer } from "@astraweave/codec";
import { MAX_QUANTIZED } from "./layout.ts";
import { allocateTable, type EntityTable, type TableView } from "./table.ts";

/** Counts of what one delta carries. */
export interface DeltaStats {
  /** Entities sent in full (new to this client). */
  created: number;
  /** Entities sent as changed fields. */
  changed: number;
  /** Entity ids removed. */
  removed: number;
  /** Entities in both snapshots with no change (not sent). */
  unchanged: number;
}

/** Options for {@link applyDelta}. */
export interface ApplyOptions {
  /** The most entities the resulting table may hold (default 65,536): bounds hostile payloads. */
  maxEntities?: number;
  /** Filled with the counts of what the delta carried (`unchanged` counts kept base rows). */
  stats?: DeltaStats;
}

const zigzag = (v: number) => ((v << 1) ^ (v >> 31)) >>> 0;
const unzigzag = (u: number) => (u >>> 1) ^ -(u & 1);

/**
 * Computes and writes deltas between two views of entity tables. One encoder owns its scratch
 * arrays and reuses them, so the server's per-client hot path does not allocate; it is not
 * re-entrant.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Writer } from "@astraweave/codec";
 * import { applyDelta, DEFAULT_LAYOUT, DeltaEncoder, NetWorld, tablesEqual, wholeView } from "@astraweave/net-ecs";
 *
 * const world = new NetWorld(DEFAULT_LAYOUT);
 * const a = world.spawn({ x: 0, y: 0, z: 0, health: 100 });
 * world.spawn({ x: 5, y: 0, z: 0, health: 100 });
 * const base = world.capture(0);
 * world.set(a, { x: 0.25 });
 * const current = world.capture(1);
 *
 * const w = new Writer();
 * const stats = new DeltaEncoder().encode(wholeView(base), wholeView(current), w);
 * assert.equal(stats.changed, 1);
 * assert.equal(w.pos, 6);
 * assert.ok(tablesEqual(applyDelta(base, w.toBytes()), current));
 * ```
 */
export class DeltaEncoder {
  #removedIds = new Uint32Array(64);
  #createdRows = new Uint32Array(64);
  #changedRows = new Uint32Array(64);
  #changedBaseRows = new Uint32Array(64);
  #changedMasks = new Uint32Array(64);
  readonly #counts = new Int32Array(4);
  #removed = 0;
  #created = 0;
  #changed = 0;
  #unchanged = 0;
  #base: TableView | null = null;
  #current: TableView | null = null;

  /** Computes the delta from `base` to `current` and writes it to `w`. */
  encode(base: TableView, current: TableView, w: Writer): DeltaStats {
    const stats = this.compute(base, current);
    this.write(w);
    return stats;
  }

  /**
   * Classifies every entity of the two views (removed, created, changed with a field mask,
   * unchanged) in one merge pass over their sorted ids. {@link write} serializes the result.
   */
  compute(base: TableView, current: TableView): DeltaStats {
    const f = base.table.fieldCount;
    if (current.table.fieldCount !== f) {
      throw new RangeError(`field counts differ: base ${f}, current ${current.table.fieldCount}`);
    }
    this.#reserve(base.count + current.count);
    this.#base = base;
    this.#current = current;
    const counts = this.#counts;
    classifierFor(f)(
      base,
      current,
      this.#removedIds,
      this.#createdRows,
      this.#changedRows,
      this.#changedBaseRows,
      this.#changedMasks,
      counts,
    );
    const [removed, created, changed, unchanged] = counts;
    this.#removed = removed;
    this.#created = created;
    this.#changed = changed;
    this.#unchanged = unchanged;
    return { created, changed, removed, unchanged };
  }

  /** Writes the delta last computed by {@link compute} to `w`. */
  write(w: Writer): void {
    const base = this.#base, current = this.#current;
    if (base === null || current === null) throw new Error("write() before compute()");
    const f = current.table.fieldCount;
    const cIds = current.table.ids, cVals = current.table.values, bVals = base.table.values;

    w.varint32(this.#removed);
    let prev = 0;
    const removedIds = this.#removedIds;
    for (let n = 0; n < this.#removed; n++) {
      const id = removedIds[n];
      w.varint32(id - prev);
      prev = id;
    }

    w.varint32(this.#created);
    prev = 0;
    const createdRows = this.#createdRows;
    for (let n = 0; n < this.#created; n++) {
      const row = createdRows[n];
      const id = cIds[row];
      w.varint32(id - prev);
      prev = id;
      const off = row * f;
      for (let k = 0; k < f; k++) w.varint32(zigzag(cVals[off + k]));
    }

    w.varint32(this.#changed);
    prev = 0;
    const changedRows = this.#changedRows, changedBaseRows = this.#changedBaseRows;
    const changedMasks = this.#changedMasks;
    for (let n = 0; n < this.#changed; n++) {
      const row = changedRows[n];
      const id = cIds[row];
      w.varint32(id - prev);
      prev = id;
      const mask = changedMasks[n];
      w.varint32(mask);
      const cOff = row * f, bOff = changedBaseRows[n] * f;
      for (let k = 0; k < f; k++) {
        if (mask & (1 << k)) w.varint32(zigzag(cVals[cOff + k] - bVals[bOff + k]));
      }
    }
  }

  #reserve(n: number): void {
    if (this.#removedIds.length >= n) return;
    let size = this.#removedIds.length;
    while (size < n) size *= 2;
    this.#removedIds = new Uint32Array(size);
    this.#createdRows = new Uint32Array(size);
    this.#changedRows = new Uint32Array(size);
    this.#changedBaseRows = new Uint32Array(size);
    this.#changedMasks = new Uint32Array(size);
  }
}

type Classify = (
  base: TableView,
  current: TableView,
  removedIds: Uint32Array,
  createdRows: Uint32Array,
  changedRows: Uint32Array,
  changedBaseRows: Uint32Array,
  changedMasks: Uint32Array,
  counts: Int32Array,
) => void;

const classifiers: Classify[] = [];

/**
 * The merge behind {@link DeltaEncoder.compute}, generated once per field count: one pass over
 * both views' sorted ids, writing removed ids, created rows, and changed rows with their masks;
 * `counts` receives the removed, created, changed and unchanged totals.
 *
 * Why generated: the change mask of a row is one branch-free expression with a comparison per
 * field (for 4 fields, 3.1 µs for 500 entities against 4.1 µs for a loop over the fields, and
 * 5 µs for a loop with a branch per field). Rows are looked up once per cursor step and the
 * common case, an entity in both views, is tested first.
 */
function classifierFor(f: number): Classify {
  const cached = classifiers[f];
  if (cached !== undefined) return cached;
  const mask = Array.from(
    { length: f },
    (_, k) => `(bVals[bOff + ${k}] !== cVals[cOff + ${k}] ? ${2 ** k} : 0)`,
  ).join(" | ");
  return classifiers[f] = new Function(`return function classify${f}(
    base, current, removedIds, createdRows, changedRows, changedBaseRows, changedMasks, counts,
  ) {
    const bIds = base.table.ids, bVals = base.table.values, bRows = base.rows, bCount = base.count;
    const cIds = current.table.ids, cVals = current.table.values, cRows = current.rows;
    const cCount = current.count;
    let removed = 0, created = 0, changed = 0, unchanged = 0;
    let i = 0, j = 0;
    let bRow = bCount === 0 ? 0 : bRows === null ? 0 : bRows[0];
    let cRow = cCount === 0 ? 0 : cRows === null ? 0 : cRows[0];
    while (i < bCount && j < cCount) {
      const bId = bIds[bRow];
      const cId = cIds[cRow];
      if (bId === cId) {
        const bOff = bRow * ${f}, cOff = cRow * ${f};
        const mask = (${mask}) >>> 0;
        if (mask !== 0) {
          changedRows[changed] = cRow;
          changedBaseRows[changed] = bRow;
          changedMasks[changed++] = mask;
        } else unchanged++;
        i++;
        j++;
        bRow = bRows === null ? i : bRows[i];
        cRow = cRows === null ? j : cRows[j];
      } else if (bId < cId) {
        removedIds[removed++] = bId;
        i++;
        bRow = bRows === null ? i : bRows[i];
      } else {
        createdRows[created++] = cRow;
        j++;
        cRow = cRows === null ? j : cRows[j];
      }
    }
    for (; i < bCount; i++) removedIds[removed++] = bIds[bRows === null ? i : bRows[i]];
    for (; j < cCount; j++) createdRows[created++] = cRows === null ? j : cRows[j];
    counts[0] = removed;
    counts[1] = created;
    counts[2] = changed;
    counts[3] = unchanged;
  };`)();
}

// The removed and created lists are decoded before the merge that builds the result; they live in
// buffers reused across calls (applyDelta is synchronous, so never re-entered) because allocating
// typed arrays costs more than decoding a small delta.
const scratch = {
  removed: new Uint32Array(256),
  createdIds: new Uint32Array(256),
  createdValues: new Int32Array(1024),
};

function fillStats(
  stats: DeltaStats,
  created: number,
  changed: number,
  removed: number,
  unchanged: number,
): void {
  stats.created = created;
  stats.changed = changed;
  stats.removed = removed;
  stats.unchanged = unchanged;
}

function malformed(detail: string, at: number): CodecError {
  return new CodecError("malformed", `delta: ${detail}`, at);
}

/** Reads an ascending id list's next id from its gap; a gap of 0 or past u32 is malformed. */
function nextId(r: Reader, prev: number): number {
  const at = r.pos;
  const gap = r.varint32(32);
  const id = prev + gap;
  if (gap === 0 || id > 0xffff_ffff) throw malformed("ids not strictly ascending", at);
  return id;
}

// The output outgrows its declared count only when a removed id matched no base row.
const unmatchedRemoval = (id: number, at: number) =>
  malformed(`removes entity ${id}, which the base lacks`, at);

function readValue(r: Reader, base: number): number {
  const at = r.pos;
  const v = base + unzigzag(r.varint32(32));
  if (v > MAX_QUANTIZED || v < -MAX_QUANTIZED) throw malformed("value out of range", at);
  return v;
}

/**
 * Applies a delta payload (or the rest of a reader) to `base` and returns the new table; `base`
 * is not modified. Hostile payloads are rejected with a {@link CodecError} ("truncated",
 * "length_overrun", "malformed", "size_limit", "trailing_bytes"): ids out of order, removing or
 * changing an entity the base lacks, creating one it has, empty or out-of-layout masks, values
 * out of range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyDelta, DEFAULT_LAYOUT, emptyTable } from "@astraweave/net-ecs";
 * // no removals; one entity created with id 7 and fields [10, -1, 0, 100]; no changes
 * const payload = new Uint8Array([0, 1, 7, 20, 1, 0, 200, 1, 0]);
 * const table = applyDelta(emptyTable(DEFAULT_LAYOUT.fieldCount), payload);
 * assert.equal(table.ids[0], 7);
 * assert.deepEqual(Array.from(table.values), [10, -1, 0, 100]);
 * ```
 */
export function applyDelta(
  base: EntityTable,
  payload: Uint8Array | Reader,
  options: ApplyOptions = {},
): EntityTable {
  const r = payload instanceof Reader ? payload : new Reader(payload);
  const f = base.fieldCount;
  const maxEntities = options.maxEntities ?? 65_536;

  const removedAt = r.pos;
  const removedCount = r.length(1, "removed ids");
  if (removedCount > base.count) {
    throw malformed(`removes ${removedCount} entities from a base of ${base.count}`, removedAt);
  }
  const removed = scratch.removed.length >= removedCount
    ? scratch.removed
    : (scratch.removed = new Uint32Array(removedCount * 2));
  let prev = 0;
  for (let n = 0; n < removedCount; n++) prev = removed[n] = nextId(r, prev);

  const createdAt = r.pos;
  const createdCount = r.length(1 + f, "created entities");
  const total = base.count - removedCount + createdCount;
  if (total > maxEntities) {
    throw new CodecError(
      "size_limit",
      `delta yields ${total} entities, above the limit of ${maxEntities}`,
      createdAt,
    );
  }
  if (scratch.createdIds.length < createdCount) {
    scratch.createdIds = new Uint32Array(createdCount * 2);
  }
  if (scratch.createdValues.length < createdCount * f) {
    scratch.createdValues = new Int32Array(createdCount * f * 2);
  }
  const createdIds = scratch.createdIds;
  const createdValues = scratch.createdValues;
  prev = 0;
  for (let n = 0; n < createdCount; n++) {
    prev = createdIds[n] = nextId(r, prev);
    for (let k = 0; k < f; k++) createdValues[n * f + k] = readValue(r, 0);
  }

  // The changed list is read lazily during the merge: its entries need the base values.
  const changedTotal = r.length(3, "changed entities");
  let changedLeft = changedTotal;
  let changedId = changedLeft > 0 ? nextId(r, 0) : Infinity;
  const fullMask = f === 32 ? 0xffff_ffff : (1 << f) - 1;

  if (removedCount + createdCount + changedTotal === 0) {
    // Nothing changed (an idle world): tables are immutable, so the base itself is the result.
    if (!(payload instanceof Reader)) r.finish();
    if (options.stats) fillStats(options.stats, 0, 0, 0, base.count);
    return base;
  }
  const result = allocateTable(total, f);
  const outIds = result.ids;
  const outValues = result.values;
  const bIds = base.ids, bVals = base.values;
  let out = 0, ri = 0, ci = 0, bi = 0;
  while (bi < base.count || ci < createdCount) {
    const bId = bi < base.count ? bIds[bi] : Infinity;
    const cId = ci < createdCount ? createdIds[ci] : Infinity;
    if (cId === bId) throw malformed(`creates entity ${cId}, which the base has`, r.pos);
    if (ri < removedCount && removed[ri] < bId) {
      throw malformed(`removes entity ${removed[ri]}, which the base lacks`, r.pos);
    }
    if (changedId < Math.min(bId, cId) || (ci < createdCount && changedId === cId)) {
      throw malformed(`changes entity ${changedId}, which the base lacks`, r.pos);
    }
    if (cId < bId) {
      if (out >= total) throw unmatchedRemoval(removed[ri], r.pos);
      outIds[out] = cId;
      for (let k = 0; k < f; k++) outValues[out * f + k] = createdValues[ci * f + k];
      ci++;
      out++;
      continue;
    }
    if (ri < removedCount && removed[ri] === bId) {
      if (changedId === bId) throw malformed(`changes removed entity ${bId}`, r.pos);
      ri++;
      bi++;
      continue;
    }
    if (out >= total) throw unmatchedRemoval(removed[ri], r.pos);
    const bOff = bi * f, oOff = out * f;
    outIds[out] = bId;
    if (changedId === bId) {
      const at = r.pos;
      const mask = r.varint32(32);
      if (mask === 0 || (mask & ~fullMask) !== 0) throw malformed(`bad change mask ${mask}`, at);
      for (let k = 0; k < f; k++) {
        outValues[oOff + k] = mask & (1 << k) ? readValue(r, bVals[bOff + k]) : bVals[bOff + k];
      }
      changedLeft--;
      changedId = changedLeft > 0 ? nextId(r, changedId) : Infinity;
    } else {
      for (let k = 0; k < f; k++) outValues[oOff + k] = bVals[bOff + k];
    }
    bi++;
    out++;
  }
  if (ri < removedCount) {
    throw malformed(`removes entity ${removed[ri]}, which the base lacks`, r.pos);
  }
  if (changedLeft > 0) throw malformed(`changes entity ${changedId}, which the base lacks`, r.pos);
  if (out !== total) throw malformed("fewer entities than declared", r.pos);
  if (!(payload instanceof Reader)) r.finish();
  if (options.stats) {
    fillStats(
      options.stats,
      createdCount,
      changedTotal,
      removedCount,
      total - createdCount - changedTotal,
    );
  }
  return result;
}
