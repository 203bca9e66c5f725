import { createBundle, SaveManager } from "./mod.ts";
const root = Deno.makeTempDirSync();
const m = new SaveManager(root);
for (let i = 0; i < 12; i++) {
  const t = performance.now();
  await m.save(
    "p",
    i % 3,
    createBundle({ playerId: "p", slot: i % 3, world: { ecsBlob: new Uint8Array(16000) } }),
  );
  console.log(i, (performance.now() - t).toFixed(2), "ms");
}
Deno.removeSync(root, { recursive: true });
