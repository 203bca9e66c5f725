import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing";
import {
  Billow,
  defaultNoiseConfig,
  Fbm,
  type NoiseFn,
  Perlin,
  RidgedMulti,
  TerrainNoise,
} from "./mod.ts";
import { perlin3 } from "./perlin.ts";

const kinds: [string, (seed: number) => NoiseFn][] = [
  ["perlin", (seed) => new Perlin(seed)],
  ["fbm", (seed) => new Fbm(seed)],
  ["billow", (seed) => new Billow(seed)],
  ["ridged", (seed) => new RidgedMulti(seed)],
];

/** `count` points spread over ±1,000 in x and z, ±10 in y, from a fixed seed. */
function points(count: number): Float64Array {
  const random = mulberry32(99);
  const out = new Float64Array(count * 3);
  for (let i = 0; i < out.length; i += 3) {
    out[i] = (random() - 0.5) * 2000;
    out[i + 1] = (random() - 0.5) * 20;
    out[i + 2] = (random() - 0.5) * 2000;
  }
  return out;
}

Deno.test("noise: the same seed gives the same field, a different seed a different one", () => {
  const at = points(500);
  for (const [kind, make] of kinds) {
    const a = make(7);
    const b = make(7);
    const c = make(8);
    let differences = 0;
    for (let i = 0; i < at.length; i += 3) {
      const v = a.get(at[i], at[i + 1], at[i + 2]);
      assert.equal(b.get(at[i], at[i + 1], at[i + 2]), v, kind);
      if (c.get(at[i], at[i + 1], at[i + 2]) !== v) differences++;
    }
    assert.ok(differences > 450, `${kind}: ${differences} of 500 differ`);
  }
});

Deno.test("noise: bigint and number seeds name the same field; seeds up to 2^64 - 1 work", () => {
  assert.equal(new Perlin(12345).get(0.5, 0.25, 0.75), new Perlin(12345n).get(0.5, 0.25, 0.75));
  const top = new Perlin(2n ** 64n - 1n).get(0.5, 0.25, 0.75);
  assert.ok(top >= -1 && top <= 1);
});

Deno.test("Perlin: 0 at every integer lattice point", () => {
  const noise = new Perlin(3);
  for (let x = -20; x <= 20; x += 3) {
    for (let y = -5; y <= 5; y++) {
      for (let z = -20; z <= 20; z += 7) assert.ok(noise.get(x, y, z) === 0);
    }
  }
  assert.ok(noise.get(2 ** 40, 0, -(2 ** 40)) === 0);
});

Deno.test("noise: values stay in [-1, 1] over 200,000 samples and use most of the range", () => {
  const at = points(50_000);
  for (const [kind, make] of kinds) {
    const noise = make(11);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < at.length; i += 3) {
      // Scale 0.05 so the samples cover many lattice cells at several frequencies.
      const v = noise.get(at[i] * 0.05, at[i + 1] * 0.05, at[i + 2] * 0.05);
      if (v < min) min = v;
      if (v > max) max = v;
    }
    assert.ok(min >= -1 && max <= 1, `${kind}: [${min}, ${max}]`);
    assert.ok(max - min > 0.9, `${kind} spans only [${min}, ${max}]`);
  }
});

Deno.test("noise: continuous (a step of 1e-5 changes a value by less than 1e-3)", () => {
  const at = points(2_000);
  for (const [kind, make] of kinds) {
    const noise = make(5);
    for (let i = 0; i < at.length; i += 3) {
      const x = at[i] * 0.01;
      const y = at[i + 1] * 0.01;
      const z = at[i + 2] * 0.01;
      const v = noise.get(x, y, z);
      for (const [dx, dy, dz] of [[1e-5, 0, 0], [0, 1e-5, 0], [0, 0, 1e-5]]) {
        const step = Math.abs(noise.get(x + dx, y + dy, z + dz) - v);
        assert.ok(step < 1e-3, `${kind} jumps ${step} at (${x}, ${y}, ${z})`);
      }
    }
  }
});

Deno.test("fractal options: octaves change the field; defaults are the noise crate's", () => {
  const fbm = new Fbm(1);
  assert.deepEqual(
    [fbm.octaves, fbm.frequency, fbm.lacunarity, fbm.persistence],
    [6, 1, 2, 0.5],
  );
  const ridged = new RidgedMulti(1);
  assert.deepEqual([ridged.persistence, ridged.attenuation], [1, 2]);
  assert.notEqual(new Fbm(1, { octaves: 1 }).get(0.3, 0, 0.6), fbm.get(0.3, 0, 0.6));
});

Deno.test("TerrainNoise: heights are 0 or more, deterministic, and bounded by the amplitudes", () => {
  const config = defaultNoiseConfig();
  const a = new TerrainNoise(config, 12345);
  const b = new TerrainNoise(config, 12345);
  const c = new TerrainNoise(config, 54321);
  assert.equal(a.sampleHeight(100, 100), b.sampleHeight(100, 100));
  assert.notEqual(a.sampleHeight(100, 100), c.sampleHeight(100, 100));
  const map = a.generateHeightmap(3, -2, 256, 64);
  assert.ok(map.minHeight >= 0 && map.maxHeight <= 50 + 80 + 5);
  assert.ok(map.maxHeight > map.minHeight);
  // The sample at grid (x, z) is the height at the chunk origin plus (x, z) × step.
  const step = 256 / 63;
  assert.equal(
    map.get(10, 20),
    Math.fround(a.sampleHeight(3 * 256 + 10 * step, -2 * 256 + 20 * step)),
  );
});

Deno.test("TerrainNoise: neighbouring chunks share their border samples", () => {
  const noise = new TerrainNoise(defaultNoiseConfig(), 9);
  const left = noise.generateHeightmap(0, 0, 256, 33);
  const right = noise.generateHeightmap(1, 0, 256, 33);
  for (let z = 0; z < 33; z++) assert.equal(left.get(32, z), right.get(0, z));
});

Deno.test("TerrainNoise: disabled layers add nothing", () => {
  const config = defaultNoiseConfig();
  config.baseElevation.enabled = false;
  config.mountains.enabled = false;
  config.detail.enabled = false;
  assert.equal(new TerrainNoise(config, 1).sampleHeight(123, 456), 0);
});

Deno.test("Perlin: the gradient table is Ken Perlin's grad() for every hash", () => {
  // His reference grad(), from "Improving Noise" (2002).
  const reference = (h: number, x: number, y: number, z: number) => {
    const u = h < 8 ? x : y;
    const v = h < 4 ? y : h === 12 || h === 14 ? x : z;
    return ((h & 1) === 0 ? u : -u) + ((h & 2) === 0 ? v : -v);
  };
  // Every corner hashing to h, the noise must equal the blend of the reference gradients.
  const perm = new Uint8Array(512);
  for (let h = 0; h < 16; h++) {
    perm.fill(h); // every corner hashes to h
    // y = 0 takes the plane's short path (the far corners weigh 0); y = 0.45 the full one.
    for (const y of [0.45, 0]) {
      const [x, z] = [0.3, 0.8];
      const fade = (t: number) => t * t * t * (t * (t * 6 - 15) + 10);
      const lerp = (a: number, b: number, t: number) => a + t * (b - a);
      const g = (dx: number, dy: number, dz: number) => reference(h, x - dx, y - dy, z - dz);
      const expected = lerp(
        lerp(lerp(g(0, 0, 0), g(1, 0, 0), fade(x)), lerp(g(0, 1, 0), g(1, 1, 0), fade(x)), fade(y)),
        lerp(lerp(g(0, 0, 1), g(1, 0, 1), fade(x)), lerp(g(0, 1, 1), g(1, 1, 1), fade(x)), fade(y)),
        fade(z),
      );
      assert.ok(Math.abs(perlin3(perm, 0, x, y, z) - expected) < 1e-12, `hash ${h}, y ${y}`);
    }
  }
});

Deno.test("sampleGrid: the values get gives, bit for bit, zero signs included", () => {
  const random = mulberry32(5);
  const xs = Float64Array.from({ length: 37 }, () => (random() - 0.5) * 600);
  const zs = Float64Array.from({ length: 23 }, () => (random() - 0.5) * 600);
  // Lattice points (where the noise is ±0), -0, and coordinates past 2^31 (the & 255 wrap).
  xs.set([0, -0, 3, -7, 2 ** 31 + 0.5, -(2 ** 40) - 0.25]);
  zs.set([0, -0, -12, 2 ** 33 + 0.75]);
  const options = [
    {},
    { octaves: 1 },
    { octaves: 7, frequency: 0.37, lacunarity: 2.3, persistence: 0.45 },
    { octaves: 3, frequency: -1.5, lacunarity: -0.9, persistence: -0.7 },
  ];
  const noises: [
    string,
    NoiseFn & { sampleGrid(xs: Float64Array, zs: Float64Array): Float64Array },
  ][] = [
    ["perlin", new Perlin(3)],
  ];
  for (const option of options) {
    noises.push(
      [`fbm ${JSON.stringify(option)}`, new Fbm(3, option)],
      [`billow ${JSON.stringify(option)}`, new Billow(3, option)],
      [`ridged ${JSON.stringify(option)}`, new RidgedMulti(3, { ...option, attenuation: 1.7 })],
    );
  }
  for (const [name, noise] of noises) {
    const grid = noise.sampleGrid(xs, zs);
    for (let j = 0; j < zs.length; j++) {
      for (let i = 0; i < xs.length; i++) {
        const expected = noise.get(xs[i], 0, zs[j]);
        assert.ok(Object.is(grid[j * xs.length + i], expected), `${name} at (${xs[i]}, ${zs[j]})`);
      }
    }
  }
});

Deno.test("sampleGrid: refuses non-finite coordinates and a wrong output, writing nothing", () => {
  const fbm = new Fbm(1, { octaves: 2 });
  const out = new Float64Array(4).fill(9);
  assert.throws(
    () => fbm.sampleGrid(Float64Array.of(1, NaN), Float64Array.of(0, 1), out),
    /^TerrainError: xs\[1\] must be a finite number \(got NaN\)$/,
  );
  assert.throws(
    () => new Perlin(1).sampleGrid(Float64Array.of(1), Float64Array.of(Infinity)),
    /zs\[0\] must be a finite number/,
  );
  assert.throws(
    () => fbm.sampleGrid(Float64Array.of(1, 2), Float64Array.of(0, 1), new Float64Array(3)),
    /^TerrainError: out must be a Float64Array of xs\.length × zs\.length = 4 values \(got 3\)$/,
  );
  assert.throws(
    () => fbm.sampleGrid([1, 2] as unknown as Float64Array, Float64Array.of(0)),
    /xs must be a Float64Array/,
  );
  assert.deepEqual([...out], [9, 9, 9, 9]);
  assert.equal(fbm.sampleGrid(new Float64Array(0), Float64Array.of(1, 2)).length, 0);
});
