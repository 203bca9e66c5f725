/**
 * A child process run without write permission (`hostile_test.ts`): tries one save of PLAYER under
 * ROOT and prints the SaveError's kind and path as JSON (or `saved` if it was written).
 *
 * Usage: `write_child.ts ROOT PLAYER`.
 *
 * @module
 */

import { createBundle, SaveError, SaveManager } from "../mod.ts";

const [root, player] = Deno.args;
try {
  await new SaveManager(root).save(player, 0, createBundle({ playerId: player, slot: 0 }));
  console.log("saved");
} catch (e) {
  if (!(e instanceof SaveError)) throw e;
  console.log(JSON.stringify({ kind: e.kind, path: e.path, message: e.message }));
}
