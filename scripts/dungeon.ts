/**
 * `deno task dungeon --seed S [--width W] [--height H] [--rooms R] [--encounters E]
 * [--format ascii|svg|json] [--out FILE]`: prints or writes a generated dungeon. All the logic is
 * `dungeonCommand` of @astraweave/pcg; this file only does the I/O. `--help` for details.
 *
 * @module
 */

import { dungeonCommand } from "@astraweave/pcg";

const result = dungeonCommand(Deno.args);
let exitCode: number = result.exitCode;
for (const line of result.messages) console.error(line);
if (result.output !== undefined) {
  const bytes = new TextEncoder().encode(result.output);
  try {
    if (result.outFile !== undefined) Deno.writeFileSync(result.outFile, bytes);
    else {for (let written = 0; written < bytes.length;) {
        written += Deno.stdout.writeSync(bytes.subarray(written));
      }}
  } catch (error) {
    console.error(
      `dungeon: cannot write ${result.outFile ?? "stdout"}: ${(error as Error).message}`,
    );
    exitCode = 2;
  }
}
Deno.exit(exitCode);
