import assert from "node:assert/strict";
import { AudioError, resampleLinear } from "./mod.ts";

const tone = (hz: number, rate: number, seconds: number) =>
  Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => Math.sin(2 * Math.PI * hz * i / rate),
  );

Deno.test("linear resampling error stays under the stated 1 - cos(pi f / fs) bound", () => {
  for (const [hz, from, to] of [[1000, 44100, 48000], [440, 22050, 48000], [3000, 48000, 44100]]) {
    const out = resampleLinear(tone(hz, from, 0.5), from, to);
    assert.equal(out.length, Math.round(0.5 * to));
    const bound = 1 - Math.cos(Math.PI * hz / from);
    let worst = 0;
    for (let i = 0; i < out.length - 2; i++) {
      worst = Math.max(worst, Math.abs(out[i] - Math.sin(2 * Math.PI * hz * i / to)));
    }
    assert.ok(worst <= bound + 1e-6, `${hz} Hz ${from} -> ${to}: error ${worst} > ${bound}`);
  }
});

Deno.test("equal rates copy; empty input stays empty; bad rates are AudioErrors", () => {
  const input = new Float32Array([1, 2, 3]);
  const copy = resampleLinear(input, 8000, 8000);
  assert.deepEqual(copy, input);
  assert.notEqual(copy, input);
  assert.equal(resampleLinear(new Float32Array(0), 8000, 16000).length, 0);
  assert.throws(() => resampleLinear(input, 100, 8000), AudioError);
});
