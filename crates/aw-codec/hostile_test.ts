// Hostile input the codec must refuse quickly and with a typed error. Each test names the hole it
// closed; new holes get a test here.
import assert from "node:assert/strict";
import { CodecError, map, seq, tuple, unit, Writer } from "./mod.ts";

/** Varint count `outer`, then `outer` inner counts of `inner` each: seq(seq(unit)) of 0 bytes of items. */
function nestedUnitSeqs(outer: number, inner: number): Uint8Array {
  const w = new Writer();
  w.varintNumber(outer);
  for (let i = 0; i < outer; i++) w.varintNumber(inner);
  return w.toBytes();
}

function assertSizeLimit(run: () => unknown): CodecError {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof CodecError, `expected a CodecError, got ${caught}`);
  assert.equal(caught.kind, "size_limit");
  return caught;
}

Deno.test("issue 12 item 12: nested zero-sized sequences share one budget per decode", () => {
  // 121 bytes that used to declare 40 million units (4.9 s, +414 MB): one budget of 1,000,000.
  const bomb = nestedUnitSeqs(40, 1_000_000);
  assert.ok(bomb.length <= 121);
  const error = assertSizeLimit(() => seq(seq(unit)).decode(bomb));
  assert.match(error.message, /after 1000000 already, above the limit of 1000000 per decode/);
  // Within the budget, nested sequences decode.
  assert.equal(seq(seq(unit)).decode(nestedUnitSeqs(2, 500_000)).flat().length, 1_000_000);
});

Deno.test("issue 12 item 12: the zero-sized budget is configurable and counts maps and tuples", () => {
  const schema = seq(seq(unit));
  assert.equal(schema.decode(nestedUnitSeqs(3, 3), { maxZeroSizedItems: 9 }).length, 3);
  assertSizeLimit(() => schema.decode(nestedUnitSeqs(3, 4), { maxZeroSizedItems: 11 }));
  assertSizeLimit(() => schema.decode(nestedUnitSeqs(1, 1), { maxZeroSizedItems: 0 }));
  // A map of units to units and a tuple of sequences draw on the same budget.
  const w = new Writer();
  w.varintNumber(1);
  w.varintNumber(6);
  w.varintNumber(6);
  const pair = tuple(map(unit, unit), seq(unit));
  assertSizeLimit(() => seq(pair).decode(w.toBytes(), { maxZeroSizedItems: 10 }));
  assert.equal(seq(pair).decode(w.toBytes(), { maxZeroSizedItems: 12 }).length, 1);
});
