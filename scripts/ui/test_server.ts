/**
 * Test support for the `ui` page: runs its server in a child process (it bundles the page with
 * `Deno.bundle`, which needs `--unstable-bundle`, a flag `deno test` does not pass on).
 *
 * @module
 */

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root directory. */
export const REPO: string = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** A `ui` server started for a test. */
export interface TestServer {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
  /** What the server wrote to stderr so far (all of it once `stop` has resolved). */
  stderr(): string;
}

/**
 * Starts `deno task ui`'s script on a free port, with its settings under `<dir>/config` (as
 * XDG_CONFIG_HOME) and its saves under `<dir>/saves`; resolves once it prints its address.
 */
export async function startServer(dir: string): Promise<TestServer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--unstable-bundle",
      "--allow-net=127.0.0.1",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      join(REPO, "scripts", "ui.ts"),
      "--port",
      "0",
      "--saves",
      join(dir, "saves"),
    ],
    env: { XDG_CONFIG_HOME: join(dir, "config"), NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let errors = "";
  const errorsDone = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (chunk) => void (errors += chunk) }),
  );
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!/serving (\S+)/.test(text)) {
    const { value, done } = await reader.read();
    if (done) {
      await errorsDone;
      throw new Error(`the ui server exited: ${text}${errors}`);
    }
    text += value;
  }
  const url = /serving (\S+)/.exec(text)![1];
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await reader.cancel();
      await errorsDone;
    },
    stderr: () => errors,
  };
}
