/**
 * `deno task new-crate NAME [--tier TIER] [--summary TEXT]`: adds a crate to the workspace in one
 * step. It writes `crates/NAME/` (a member `deno.json`, a `mod.ts` with a documented and
 * asserting example, a test) and `bench/NAME.bench.ts` (a floor-safe example benchmark through
 * `@astraweave/bench-protocol`), and adds the crate to the workspace list in `deno.json`, to the
 * root `mod.ts` and to `bench/plan.toml`. Nothing is written when any check fails. `--help` for
 * the options.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";
import { parseCli, readUserText, resolveUserPath, runCli, UsageError } from "./cli.ts";

/** The tier a crate joins when `--tier` is not given: planned later, with no target date. */
export const UNPLANNED_TIER = "Unplanned";

const HELP = `Usage: deno task new-crate NAME [--tier TIER] [--summary TEXT] [--root DIR]

Adds the crate NAME (for example astraweave-audio) to the workspace:
  crates/NAME/deno.json      member "@astraweave/<short>" (NAME without "astraweave-" or "aw-"),
                             version 0.1.0, license MIT, exports ./mod.ts
  crates/NAME/mod.ts         the public API, with a documented example that asserts
  crates/NAME/mod_test.ts    a known-answer test
  bench/NAME.bench.ts        an example benchmark with a budget, through @astraweave/bench-protocol
and lists it in deno.json "workspace", in the root mod.ts (namespace <short> in camelCase) and in
bench/plan.toml, in tier TIER (created without a target date if there is none such); a crate
the plan already lists stays in its tier.

Options:
  --tier TIER      the plan tier to add it to (default: its planned tier, else "${UNPLANNED_TIER}")
  --summary TEXT   one line on what the crate does (default: a placeholder to replace)
  --root DIR       the workspace root (default: this project)
  -h, --help       show this help

NAME: lowercase letters, digits and single hyphens, starting with a letter, at most 64
characters; refused when a crate, package, namespace or bench file of that name exists.
Exit status: 0 on success, 2 on bad input (nothing written).`;

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_NAME = 64;

/** What {@link planNewCrate} writes: file contents by path relative to the root. */
export interface NewCratePlan {
  /** The package name, `@astraweave/<short>`. */
  packageName: string;
  /** The root `mod.ts` namespace. */
  namespace: string;
  /** Files to create (none exists yet), by path relative to the workspace root. */
  create: Record<string, string>;
  /** Files to replace (the workspace list, root mod.ts, plan), by path relative to the root. */
  update: Record<string, string>;
}

/** What a new crate is: its directory name, the plan tier and a one-line summary. */
export interface NewCrateOptions {
  /** The crate's directory name under `crates/`, as in the Rust engine. */
  name: string;
  /** The `bench/plan.toml` tier (default {@link UNPLANNED_TIER}). */
  tier?: string;
  /** One line on what it does. */
  summary?: string;
}

/** `astraweave-net-ecs` → `net-ecs`: the package's short name. */
function shortName(name: string): string {
  return name.replace(/^(astraweave|aw)-(?=.)/, "");
}

function camelCase(text: string): string {
  return text.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function read(root: string, path: string): string {
  return readUserText(join(root, path));
}

function readJson(root: string, path: string): Record<string, unknown> {
  try {
    const value = JSON.parse(read(root, path));
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value;
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  // deno.json may be JSONC; this tool rewrites the root one, so it needs plain JSON there.
  throw new UsageError(`${join(root, path)} is not a plain JSON object (no comments)`);
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Checks `options` against the workspace at `root` and returns every file to write, without
 * writing anything.
 *
 * @throws {UsageError} naming the problem: an invalid name, a crate, package, namespace or bench
 * file that exists, a workspace file that cannot be read or edited.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileURLToPath } from "node:url";
 * import { planNewCrate } from "./new_crate.ts";
 * const root = fileURLToPath(new URL("..", import.meta.url));
 * const plan = planNewCrate(root, { name: "astraweave-example" });
 * assert.equal(plan.packageName, "@astraweave/example");
 * assert.ok("crates/astraweave-example/mod.ts" in plan.create);
 * assert.throws(() => planNewCrate(root, { name: "aw-codec" }), /already exists/);
 * assert.throws(() => planNewCrate(root, { name: "Bad_Name" }), /lowercase letters/);
 * ```
 */
export function planNewCrate(root: string, options: NewCrateOptions): NewCratePlan {
  const { name } = options;
  const summary = (options.summary ?? "").trim() ||
    "a new AstraWeave crate (replace this line with what it does)";
  if (!NAME.test(name) || name.length > MAX_NAME) {
    throw new UsageError(
      `crate name must be lowercase letters, digits and single hyphens, starting with a letter, ` +
        `at most ${MAX_NAME} characters, got "${name}"`,
    );
  }
  const { tier } = options;
  if (tier !== undefined && (/[\n"\\]/.test(tier) || tier.trim() === "")) {
    throw new UsageError(`--tier must be a tier name on one line without quotes, got "${tier}"`);
  }
  if (summary.includes("\n") || summary.includes("*/")) {
    throw new UsageError("--summary must be one line without */");
  }
  const short = shortName(name);
  const packageName = `@astraweave/${short}`;
  const namespace = camelCase(short);
  const dir = `crates/${name}`;
  const benchFile = `bench/${name}.bench.ts`;

  // The workspace: its members, their package names.
  const config = readJson(root, "deno.json");
  const members: unknown = config.workspace;
  if (!Array.isArray(members) || !members.every((m) => typeof m === "string")) {
    throw new UsageError(`${join(root, "deno.json")}: "workspace" must be a list of directories`);
  }
  for (const member of members as string[]) {
    if (join(member) === dir) throw new UsageError(`crate ${name} already exists (${member})`);
    if (readJson(root, join(member, "deno.json")).name === packageName) {
      throw new UsageError(`package ${packageName} already exists (${member})`);
    }
  }
  for (const path of [dir, benchFile]) {
    if (exists(join(root, path))) throw new UsageError(`${path} already exists`);
  }
  const rootMod = read(root, "mod.ts");
  if (new RegExp(`export \\* as ${namespace} from`).test(rootMod)) {
    throw new UsageError(`the root mod.ts already has a namespace "${namespace}"`);
  }

  return {
    packageName,
    namespace,
    create: {
      [`${dir}/deno.json`]: JSON.stringify(
        { name: packageName, version: "0.1.0", license: "MIT", exports: "./mod.ts" },
        null,
        2,
      ) + "\n",
      [`${dir}/mod.ts`]: crateModule(name, packageName, summary),
      [`${dir}/mod_test.ts`]: crateTest(),
      [benchFile]: benchModule(name, packageName),
    },
    update: {
      "deno.json":
        JSON.stringify({ ...config, workspace: withMember(members, `./${dir}`) }, null, 2) +
        "\n",
      "mod.ts": addNamespace(rootMod, namespace, packageName),
      "bench/plan.toml": addToPlan(read(root, "bench/plan.toml"), tier, name),
    },
  };
}

/** Writes `plan` under `root`: new files first, then the shared files. */
export function writeNewCrate(root: string, plan: NewCratePlan): void {
  for (const [path, text] of Object.entries(plan.create)) {
    Deno.mkdirSync(join(root, path, ".."), { recursive: true });
    Deno.writeTextFileSync(join(root, path), text, { createNew: true });
  }
  for (const [path, text] of Object.entries(plan.update)) {
    Deno.writeTextFileSync(join(root, path), text);
  }
}

/** The root mod.ts with `export * as namespace from "packageName";` among the others, sorted. */
function addNamespace(text: string, namespace: string, packageName: string): string {
  const line = `export * as ${namespace} from "${packageName}";`;
  const lines = text.replace(/\n+$/, "").split("\n");
  const exports = lines.flatMap((l, i) => (l.startsWith("export * as ") ? [i] : []));
  if (exports.length === 0) return `${lines.join("\n")}\n${line}\n`;
  const before = exports.find((i) => lines[i] > line) ?? exports[exports.length - 1] + 1;
  lines.splice(before, 0, line);
  return lines.join("\n") + "\n";
}

/**
 * The plan with `crate` appended to tier `tier`'s crates, or with a new tier (no target date)
 * at the end. A crate the plan already lists (planned before it was built) stays where it is.
 * Edits the text, so comments and layout stay; checks the result by parsing it.
 */
function addToPlan(text: string, requestedTier: string | undefined, crate: string): string {
  let data: { tier?: { name?: unknown; crates?: unknown }[] };
  try {
    data = parseToml(text) as typeof data;
  } catch (error) {
    throw new UsageError(`bench/plan.toml is not TOML: ${(error as Error).message.split("\n")[0]}`);
  }
  const tiers = data.tier ?? [];
  const planned = tiers.find((t) => Array.isArray(t.crates) && t.crates.includes(crate));
  if (planned !== undefined) {
    if (requestedTier === undefined || requestedTier === planned.name) return text;
    throw new UsageError(
      `bench/plan.toml already plans ${crate} in tier "${planned.name}", not "${requestedTier}"`,
    );
  }
  const tier = requestedTier ?? UNPLANNED_TIER;
  let result: string;
  const index = tiers.findIndex((t) => t.name === tier);
  if (index === -1) {
    const note = tier === UNPLANNED_TIER
      ? '\nnote = "crates added without a tier: move each to its tier when it is planned"'
      : "";
    result = `${
      text.replace(/\n*$/, "\n")
    }\n[[tier]]\nname = "${tier}"${note}\ncrates = [\n  "${crate}",\n]\n`;
  } else {
    // The `crates = [...]` array of the index-th [[tier]] table.
    const starts = [...text.matchAll(/^\[\[tier\]\]/gm)].map((m) => m.index!);
    const from = starts[index];
    const to = starts[index + 1] ?? text.length;
    const block = text.slice(from, to);
    const array = /^crates\s*=\s*\[([\s\S]*?)\]/m.exec(block);
    if (array === null) throw new UsageError(`bench/plan.toml: tier "${tier}" has no crates list`);
    const items = array[1].replace(/,\s*$/, "").trimEnd();
    const entries = items.trim() === "" ? "" : `${items},`;
    const edited = block.slice(0, array.index) +
      `crates = [${entries.replace(/^\s*/, "\n  ")}${entries ? "\n  " : ""}"${crate}",\n]` +
      block.slice(array.index + array[0].length);
    result = text.slice(0, from) + edited + text.slice(to);
  }
  const check = (parseToml(result) as typeof data).tier?.find((t) => t.name === tier);
  if (!Array.isArray(check?.crates) || !check.crates.includes(crate)) {
    throw new UsageError(`bench/plan.toml: could not add ${crate} to tier "${tier}"`);
  }
  return result;
}

function crateModule(name: string, packageName: string, summary: string): string {
  return `/**
 * ${name}: ${summary}
 *
 * @example
 * \`\`\`ts
 * import assert from "node:assert/strict";
 * import { sum } from "${packageName}";
 * assert.equal(sum(new Float64Array([1, 2, 3.5])), 6.5);
 * \`\`\`
 *
 * @module
 */

/**
 * The sum of \`values\`: the example function this crate starts with. Replace it with the crate's
 * API, keeping a documented, asserting example on every export.
 *
 * @example
 * \`\`\`ts
 * import assert from "node:assert/strict";
 * import { sum } from "${packageName}";
 * assert.equal(sum([]), 0);
 * \`\`\`
 */
export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
`;
}

function crateTest(): string {
  return `import assert from "node:assert/strict";
import { sum } from "./mod.ts";

Deno.test("sum: known answers", () => {
  assert.equal(sum([]), 0);
  assert.equal(sum(new Float64Array([1, 2, 3.5])), 6.5);
  assert.equal(sum([1e308, -1e308, 1]), 1);
});
`;
}

function benchModule(name: string, packageName: string): string {
  return `/**
 * ${name} benchmarks. Groups and names follow the Rust original's benches; each benchmark of ours
 * has a budget with a one-line reason. Inputs are built outside the measured functions and every
 * result goes to \`consume\`.
 *
 * @module
 */

import { sum } from "${packageName}";
import { benchCrate, consume, us } from "@astraweave/bench-protocol";

const bench = benchCrate("${name}");

// 1,000 additions: about a microsecond, hundreds of times the harness floor, so the result
// measures the work and not the harness.
const values = Float64Array.from({ length: 1_000 }, (_, i) => i * 0.5);

bench({
  group: "example",
  name: "example/sum_1000",
  budget: us(20, "1,000 elements in 1/833 of a 60 FPS frame"),
  throughput: { elements: values.length },
  fn: () => consume(sum(values)),
});
`;
}

function main(): void {
  const { values, positionals } = parseCli(Deno.args, {
    tier: { type: "string" },
    summary: { type: "string" },
    root: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`expected one crate NAME, got ${positionals.length} (see --help)`);
  }
  const root = typeof values.root === "string"
    ? resolveUserPath(values.root)
    : fileURLToPath(new URL("..", import.meta.url));
  const plan = planNewCrate(root, {
    name: positionals[0],
    ...(typeof values.tier === "string" ? { tier: values.tier } : {}),
    ...(typeof values.summary === "string" ? { summary: values.summary } : {}),
  });
  writeNewCrate(root, plan);
  const written = [...Object.keys(plan.create), ...Object.keys(plan.update)];
  console.log(`new crate ${plan.packageName} (namespace ${plan.namespace}):`);
  for (const path of written) console.log(`  ${path}`);
  console.log(`next: deno install, then deno test -A --doc crates/${positionals[0]}`);
}

if (import.meta.main) await runCli("new-crate", main);

/** The workspace list with `entry` after the last crate, so the crates stay listed together. */
function withMember(members: readonly string[], entry: string): string[] {
  const after = members.findLastIndex((member) => member.startsWith("./crates/")) + 1;
  return [...members.slice(0, after), entry, ...members.slice(after)];
}
