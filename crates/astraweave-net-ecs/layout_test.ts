import assert from "node:assert/strict";
import { DEFAULT_LAYOUT, defineLayout, MAX_QUANTIZED } from "./layout.ts";

Deno.test("layout: quantizes to the declared precision and back", () => {
  const layout = defineLayout({ x: 0.01, y: 0.5, z: 1 / 64, health: 1 });
  assert.equal(layout.quantize(0, 1.234), 123);
  assert.equal(layout.quantize(0, -1.235), -124);
  assert.equal(layout.quantize(1, 1.3), 3);
  assert.equal(layout.quantize(2, 0.5), 32);
  const out = new Int32Array(8);
  layout.write({ x: 3.14159, y: -2, z: 1, health: 99.6 }, out, 4);
  assert.deepEqual(Array.from(out), [0, 0, 0, 0, 314, -4, 64, 100]);
  assert.deepEqual(layout.read(out, 4), { x: 3.14, y: -2, z: 1, health: 100 });
  assert.equal(layout.dequantize(3, 7), 7);
});

Deno.test("layout: values beyond the quantized range are refused, not wrapped", () => {
  assert.throws(() => DEFAULT_LAYOUT.quantize(0, (MAX_QUANTIZED + 1) * 0.01), RangeError);
  assert.throws(() => DEFAULT_LAYOUT.quantize(0, NaN), RangeError);
  assert.equal(DEFAULT_LAYOUT.quantize(0, MAX_QUANTIZED * 0.01), MAX_QUANTIZED);
});

Deno.test("layout: declarations are validated", () => {
  assert.throws(() => defineLayout({ x: 1, y: 1 }), /needs an "z" field/);
  assert.throws(() => defineLayout({ x: 1, y: 1, z: 0 }), /precision must be a positive/);
  const many: Record<string, number> = { x: 1, y: 1, z: 1 };
  for (let i = 0; i < 30; i++) many[`f${i}`] = 1;
  assert.throws(() => defineLayout(many), /at most 32 fields/);
  assert.throws(() => DEFAULT_LAYOUT.write({ x: 1 } as never, new Int32Array(4)), /"y" is missing/);
});

Deno.test("layout: the fingerprint tells layouts apart", () => {
  const a = defineLayout({ x: 0.01, y: 0.01, z: 0.01, health: 1 });
  assert.equal(a.fingerprint, DEFAULT_LAYOUT.fingerprint);
  assert.notEqual(
    defineLayout({ x: 0.01, y: 0.01, z: 0.02, health: 1 }).fingerprint,
    a.fingerprint,
  );
  assert.notEqual(
    defineLayout({ y: 0.01, x: 0.01, z: 0.01, health: 1 }).fingerprint,
    a.fingerprint,
  );
  assert.deepEqual(DEFAULT_LAYOUT.position, [0, 1, 2]);
});
