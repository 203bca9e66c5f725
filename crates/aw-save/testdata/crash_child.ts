/**
 * The child process of the crash-safety test (`crash_test.ts`): saves in a loop until it is killed.
 *
 * Usage: `crash_child.ts ROOT PLAYER SEED FIRST_TICK`. Prints `ready` once loaded, then one line
 * `SLOT TICK FILE` after each save completes (that is, once `save` resolved: the save is durable).
 * Ticks count up from FIRST_TICK; the slot is `tick % 3`; blob sizes vary with the seed.
 *
 * @module
 */

import { basename } from "node:path";
import { createBundle, dateTimeNow, SaveManager } from "../mod.ts";
import { mulberry32 } from "@astraweave/testing/random";

const [root, player, seedText, firstTickText] = Deno.args;
const random = mulberry32(Number(seedText));
const saves = new SaveManager(root);
const out = new TextEncoder();
const say = (line: string) => {
  const bytes = out.encode(line + "\n");
  for (let n = 0; n < bytes.length;) n += Deno.stdout.writeSync(bytes.subarray(n));
};

say("ready");
for (let tick = Number(firstTickText);; tick++) {
  const slot = tick % 3;
  const blob = new Uint8Array(64 + Math.floor(random() * 32_000));
  for (let i = 0; i < blob.length; i++) blob[i] = (i * 7 + tick) & 0xff;
  const bundle = createBundle({
    playerId: player,
    slot,
    createdAt: dateTimeNow(),
    world: { tick: BigInt(tick), ecsBlob: blob },
  });
  const path = await saves.save(player, slot, bundle);
  say(`${slot} ${tick} ${basename(path)}`);
}
