/**
 * A real browser for the workspace's browser tests: Debian's chromium (never a downloaded one),
 * driven by playwright-core, headless and cut off from the network's background services.
 *
 * @module
 */

import type { BrowserContext } from "playwright-core";

/** Where Debian's chromium package installs the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Headless, and no background connections: this machine's network refuses them. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/**
 * Starts chromium with a fresh profile in `profileDir` and a `width` × `height` viewport.
 *
 * @throws {Error} naming the install command when chromium is missing.
 */
export async function launchChromium(
  profileDir: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  await Deno.stat(CHROMIUM).catch(() => {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
  });
  const { chromium } = await import("playwright-core");
  return await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
  });
}
