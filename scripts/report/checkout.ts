/**
 * Where a run is measured: the git commit of the workspace and whether it had uncommitted
 * changes, and the time.
 *
 * @module
 */

async function git(root: string, args: string[]): Promise<string | null> {
  try {
    const output = await new Deno.Command("git", {
      args: ["-C", root, ...args],
      stdout: "piped",
      stderr: "null",
    }).output();
    return output.success ? new TextDecoder().decode(output.stdout).trim() : null;
  } catch {
    return null; // no git on this machine
  }
}

/**
 * The provenance of a run measured `now` in the checkout at `root`: commit and dirty flag are
 * null outside git.
 *
 * @example
 * ```ts ignore
 * import { checkoutProvenance } from "./checkout.ts";
 * const { commit, dirty } = await checkoutProvenance(".", new Date());
 * ```
 */
export async function checkoutProvenance(
  root: string,
  now: Date,
): Promise<{ date: string; commit: string | null; dirty: boolean | null }> {
  const [commit, status] = await Promise.all([
    git(root, ["rev-parse", "HEAD"]),
    git(root, ["status", "--porcelain"]),
  ]);
  return { date: now.toISOString(), commit, dirty: status === null ? null : status !== "" };
}
