// Stored LZ4 blocks (literals only): every decoder of the crate reads them, lz4_flex (the Rust
// crate, in WebAssembly) included, and lz4StoredLiterals finds their literals without a copy and
// refuses everything else, hostile bytes included.
import assert from "node:assert/strict";
import {
  lz4Backend,
  lz4CompressPrependSize,
  lz4DecompressSizePrepended,
  lz4UseBackend,
} from "./lz4.ts";
import { lz4StoredLiterals, lz4StorePrependSize } from "./lz4_stored.ts";
import { mulberry32, randomBytes } from "@astraweave/testing";
import { saveLikeData } from "@astraweave/testing/save-like";

// Lengths on each side of the token's 15 and of each 255-byte length step.
const LENGTHS = [0, 1, 14, 15, 16, 269, 270, 271, 524, 525, 526, 65_536, 102_400];

Deno.test("a stored block is the size, the token, the length bytes and the literals", () => {
  assert.deepEqual(
    lz4StorePrependSize(new Uint8Array([9, 8, 7])),
    new Uint8Array([3, 0, 0, 0, 0x30, 9, 8, 7]),
  );
  // 300 literals: 15 in the token, then 255 and 30.
  const stored = lz4StorePrependSize(new Uint8Array(300).fill(1));
  assert.deepEqual(stored.subarray(0, 7), new Uint8Array([44, 1, 0, 0, 0xf0, 255, 30]));
  assert.equal(stored.length, 7 + 300);
  assert.deepEqual(lz4StorePrependSize(new Uint8Array(0)), new Uint8Array([0, 0, 0, 0, 0]));
});

for (const backend of ["typescript", "wasm", "lz4_flex_wasm"] as const) {
  Deno.test(`stored blocks of every length decode with the ${backend} backend`, () => {
    const before = lz4Backend();
    assert.ok(lz4UseBackend(backend));
    try {
      for (const length of LENGTHS) {
        const data = randomBytes(length, length + 1);
        assert.deepEqual(lz4DecompressSizePrepended(lz4StorePrependSize(data)), data, `${length}`);
      }
    } finally {
      lz4UseBackend(before as typeof backend);
    }
  });
}

Deno.test("lz4StoredLiterals returns a view of the literals of every stored block", () => {
  for (const length of LENGTHS) {
    const data = saveLikeData(length);
    const stored = lz4StorePrependSize(data);
    const literals = lz4StoredLiterals(stored);
    assert.deepEqual(literals, data, `${length}`);
    assert.equal(literals!.buffer, stored.buffer);
    assert.equal(literals!.byteOffset, stored.length - length);
  }
});

Deno.test("lz4StoredLiterals takes any match half in the token, as decoders do", () => {
  const stored = lz4StorePrependSize(new Uint8Array([1, 2, 3]));
  stored[4] |= 0x0f;
  assert.deepEqual(lz4StoredLiterals(stored), new Uint8Array([1, 2, 3]));
  assert.deepEqual(lz4DecompressSizePrepended(stored), new Uint8Array([1, 2, 3]));
});

Deno.test("lz4StoredLiterals refuses compressed, truncated, padded and mislabelled blocks", () => {
  const data = saveLikeData(4096);
  assert.equal(lz4StoredLiterals(lz4CompressPrependSize(data)), null);
  const stored = lz4StorePrependSize(data);
  for (let cut = 0; cut < stored.length; cut += 97) {
    assert.equal(lz4StoredLiterals(stored.subarray(0, cut)), null, `cut at ${cut}`);
  }
  const padded = new Uint8Array(stored.length + 1);
  padded.set(stored);
  assert.equal(lz4StoredLiterals(padded), null);
  const mislabelled = stored.slice();
  mislabelled[0] ^= 1; // declares 4095 or 4097 bytes
  assert.equal(lz4StoredLiterals(mislabelled), null);
  // A length run of 255s longer than any size the prefix allows stops at once.
  const endless = new Uint8Array(4 + 1 + 10_000).fill(255);
  endless.set([20, 0, 0, 0, 0xf0]);
  assert.equal(lz4StoredLiterals(endless), null);
});

Deno.test("on hostile bytes lz4StoredLiterals never throws, and what it returns is what decoding returns", () => {
  const random = mulberry32(0x5704ed);
  let found = 0;
  for (let i = 0; i < 10_000; i++) {
    const length = 5 + Math.floor(random() * 40);
    const bytes = randomBytes(length, i);
    // Half the inputs start as a plausible stored block: a small size and a literals-only token.
    if (i % 2 === 0) {
      const size = length - 5;
      bytes.set([size, 0, 0, 0, (size < 15 ? size << 4 : 0xf0) | (bytes[4] & 15)]);
      if (size >= 15 && i % 4 === 0) bytes[5] = size - 15;
    }
    const literals = lz4StoredLiterals(bytes);
    if (literals === null) continue;
    found++;
    assert.deepEqual(lz4DecompressSizePrepended(bytes), literals);
  }
  assert.ok(found > 1000, `${found} stored blocks among the inputs`);
});
