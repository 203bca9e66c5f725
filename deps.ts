/**
 * The one place third-party modules enter the project. Everything else imports them from here, so
 * a version change (pinned in deno.json's import map) happens in one place.
 *
 * Native or heavy modules are loaded on demand by a function, so importing this file never needs
 * FFI permission or starts a browser.
 *
 * @module
 */

/** msgpackr: the MessagePack peer in the postcard benchmarks. */
export { Packr } from "msgpackr";

/** smol-toml: TOML for the benchmark plan (`bench/plan.toml`) and configuration files. */
export { parse as parseToml } from "smol-toml";

/** playwright-core, loaded on demand: it drives Debian's chromium in the dashboard's browser test. */
export const loadPlaywright = (): Promise<typeof import("playwright-core")> =>
  import("playwright-core");
