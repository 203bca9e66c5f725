/**
 * Bundles for the tests: a small one to save and load, and generated ones at the edges of every
 * field (seeded, so a failure reproduces).
 *
 * @module
 */

import { createBundle, type SaveBundleV2 } from "../mod.ts";
import { mulberry32, randomBytes } from "@astraweave/testing/random";

/** A small bundle of `player` in `slot`, with `tick` as its world tick. */
export function smallBundle(player: string, slot: number, tick = 0): SaveBundleV2 {
  return createBundle({
    playerId: player,
    slot,
    world: { tick: BigInt(tick), ecsBlob: new Uint8Array([1, 2, 3, tick & 0xff]), stateHash: 7n },
    inventory: { credits: 100n, items: [{ kind: "potion", qty: 3, attrs: new Map() }] },
    meta: new Map([["chapter", "1"]]),
  });
}

const WORDS = ["Echo", "Prime", "sword", "Ωmega", "火", "🐉", "tutorial", "d\u00e9j\u00e0 vu", ""];

/**
 * A bundle with `companions` companions, `items` items, `metaEntries` meta entries and a blob of
 * `blobSize` seeded random bytes; strings mix ASCII, accents, CJK and emoji.
 */
export function generatedBundle(
  seed: number,
  sizes: { blobSize: number; companions: number; items: number; metaEntries: number },
): SaveBundleV2 {
  const random = mulberry32(seed);
  const word = () => WORDS[Math.floor(random() * WORDS.length)];
  const words = (n: number) => Array.from({ length: n }, word);
  const int = (max: number) => Math.floor(random() * (max + 1));
  return createBundle({
    playerId: `player ${word()} ${seed}`,
    slot: int(255),
    world: {
      tick: BigInt(int(1e9)) * 1000003n,
      ecsBlob: randomBytes(sizes.blobSize, seed),
      stateHash: (BigInt(int(0xffffffff)) << 32n) | BigInt(int(0xffffffff)),
    },
    companions: Array.from({ length: sizes.companions }, (_, i) => ({
      id: `companion_${i}`,
      name: `${word()} ${word()}`,
      level: int(255),
      skills: words(int(4)),
      facts: words(int(3)),
      episodesSummarized: words(int(2)),
    })),
    inventory: {
      credits: BigInt(int(1e12)),
      items: Array.from({ length: sizes.items }, (_, i) => ({
        kind: `${word()}_${i}`,
        qty: int(0xffffffff),
        attrs: new Map(
          words(int(3)).map((w, j) => [`${w}${j}`, BigInt(int(2e9)) - 1_000_000_000n]),
        ),
      })),
    },
    meta: new Map(
      Array.from({ length: sizes.metaEntries }, (_, i) => [`key ${i} ${word()}`, word()]),
    ),
  });
}

/**
 * {@link generatedBundle} with every size drawn from `seed`: a blob of `seed² × blobScale` bytes, and
 * up to 2 companions, 3 items and 4 meta entries.
 */
export function seededBundle(seed: number, blobScale: number): SaveBundleV2 {
  return generatedBundle(seed, {
    blobSize: seed * seed * blobScale,
    companions: seed % 3,
    items: seed % 4,
    metaEntries: seed % 5,
  });
}
