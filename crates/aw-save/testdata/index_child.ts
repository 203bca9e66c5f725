/**
 * A child process of the cross-process index test (`hostile_test.ts`): makes COUNT saves of
 * PLAYER under ROOT, one after another, and exits; another process does the same at the same time.
 *
 * Usage: `index_child.ts ROOT PLAYER COUNT TAG`. Prints `done` at the end.
 *
 * @module
 */

import { createBundle, SaveManager } from "../mod.ts";

const [root, player, countText, tag] = Deno.args;
const saves = new SaveManager(root);
for (let i = 0; i < Number(countText); i++) {
  const bundle = createBundle({
    playerId: player,
    slot: i % 4,
    world: { tick: BigInt(i), ecsBlob: new Uint8Array(64).fill(i) },
    meta: new Map([["writer", tag]]),
  });
  await saves.save(player, bundle.slot, bundle);
}
await saves.indexSettled(player); // the index follows each save in the background
console.log("done");
