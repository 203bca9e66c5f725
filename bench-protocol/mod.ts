/**
 * Declaring benchmarks.
 *
 * One call registers a `Deno.bench` case and declares, in the same place, everything the report
 * needs to read its result: crate, group, name, time budget (with a one-line reason), the size
 * parameter of a scaling family, and the bytes or elements processed per call for throughput. The
 * report reads these declarations from the bench module itself (see "Manifest" below), so a budget
 * exists in exactly one place.
 *
 * ```ts ignore
 * import { benchCrate, consume, us } from "@astraweave/bench-protocol";
 *
 * const bench = benchCrate("aw-codec");
 * const data = new Uint8Array(100_000);
 * bench({
 *   group: "crc32",
 *   name: "crc32/100KB",
 *   budget: us(10, "100 KB in 1/1600 of a 60 FPS frame"),
 *   size: { value: data.length, unit: "bytes" },
 *   throughput: { bytes: data.length },
 *   fn: () => consume(crc32(data)),
 * });
 * ```
 *
 * Rules for bench modules:
 * - Build inputs at the top level, outside the measured function; consume every result with
 *   {@link consume} so the JIT cannot drop the work.
 * - Nothing at the top level may keep the event loop alive (servers, sockets, intervals): start them
 *   lazily inside the first measured call, because the module is also loaded with `deno run` to read
 *   its declarations, and that process must exit on its own.
 * - Disk benches work under `Deno.makeTempDirSync()` and remove it on `unload`.
 * - Nothing may print to stdout at the top level: it would corrupt `deno bench --json`.
 *
 * Environment:
 * - `ASTRAWEAVE_BENCH_QUICK=1`: every bench gets a tiny `n` and `warmup`, and its function does its
 *   real work only on the first {@link QUICK_CALLS} calls (later calls return at once). A tiny `n`
 *   alone is not enough: `deno bench` still spends a 10 ms budget on warm-up and on measuring, and
 *   measures anything under 10 µs in at least 10 batches of 10,000 calls, so a 5 µs bench would take
 *   half a second. Quick runs prove that every bench runs; their numbers are not measurements, and
 *   the report never shows them as such.
 * - `ASTRAWEAVE_BENCH_MANIFEST=<file>`: on unload, the declarations of this process are written to
 *   `<file>` as JSON (a {@link Manifest}); `-` writes them to stdout (only use that with `deno run`).
 *
 * @module
 */

/** A time budget for one call, with the reason it is what it is. */
export interface Budget {
  /** Nanoseconds per call. */
  ns: number;
  /** One line: why this budget ("1/1000 of a 16.67 ms frame at 60 FPS"). */
  reason: string;
}

/** The size parameter of a benchmark that belongs to a scaling family. */
export interface Size {
  /** The size (entities, bytes, rooms, clients...). */
  value: number;
  /** What `value` counts, plural: "entities", "bytes", "rooms". */
  unit: string;
}

/** Work done per call, for throughput (bytes/s, elements/s). */
export interface Throughput {
  /** Bytes processed per call. */
  bytes?: number;
  /** Elements (entities, samples, vectors) processed per call. */
  elements?: number;
}

/** Everything declared about one benchmark except the function itself. */
export interface BenchDeclaration {
  /** Benchmark group, following the Rust original's criterion group where one exists. */
  group: string;
  /** Benchmark name, unique within the group ("serialize/100", "compress/1MB"). */
  name: string;
  /** Time budget per call; without one the report says "no budget" and grades nothing. */
  budget?: Budget;
  /** Size parameter: benchmarks of one family at several sizes let the report fit scaling. */
  size?: Size;
  /**
   * Scaling family. Defaults to the part of `name` before its last `/` when `name` has one and a
   * `size` is declared ("serialize/100" belongs to family "serialize"); otherwise to `name`.
   */
  family?: string;
  /** Work per call, for throughput. */
  throughput?: Throughput;
  /**
   * Set when this benchmark measures a peer library instead of our code: the peer's name
   * ("lz4js", "msgpackr", "JSON"). Peer benchmarks are never graded.
   */
  peer?: string;
  /**
   * The name (in the same group) of our benchmark that this peer benchmark is compared with; the
   * report shows the ratio peer time ÷ our time.
   */
  versus?: string;
  /** Regression threshold for this benchmark as a fraction (0.1 = 10%); the report's default otherwise. */
  threshold?: number;
  /** Marks the group's baseline in `deno bench`'s own output. */
  baseline?: boolean;
}

/** A benchmark: its declaration and the measured function. */
export interface BenchDefinition extends BenchDeclaration {
  /** The measured function (`async` when it awaits). */
  fn: (b: Deno.BenchContext) => void | Promise<void>;
  /** Passed to `Deno.bench` unchanged. */
  permissions?: Deno.PermissionOptions;
  /** Skips the benchmark (for example when an optional peer cannot load here). */
  ignore?: boolean;
}

/** A declared metric that is not a time (bytes on the wire, blob size). */
export interface MetricDeclaration {
  /** Benchmark group the metric belongs to. */
  group: string;
  /** Metric name, unique within the group. */
  name: string;
  /** The value, in `unit`. */
  value: number;
  /** "bytes", "bytes/entity", "ratio"... */
  unit: string;
  /** Optional one line on what the number means. */
  note?: string;
  /** Size parameter, when the metric belongs to a family measured at several sizes. */
  size?: Size;
  /** Family, as for benchmarks. */
  family?: string;
}

/** One entry of a manifest. */
export interface ManifestBench extends BenchDeclaration {
  /** The crate whose bench file declared it. */
  crate: string;
  /** "floor" for the harness-floor bench registered in every process, "bench" otherwise. */
  kind: "bench" | "floor";
  /** The scaling family, resolved from the declaration's rules. */
  family?: string;
}

/** One declared metric in a manifest. */
export interface ManifestMetric extends MetricDeclaration {
  /** The crate whose bench file declared it. */
  crate: string;
}

/** What a bench process declares; written on unload when `ASTRAWEAVE_BENCH_MANIFEST` is set. */
export interface Manifest {
  /** Manifest format version. */
  version: 1;
  /** Whether the process ran in quick mode (its times are not measurements). */
  quick: boolean;
  /** Every benchmark declared, the harness floor included. */
  benches: ManifestBench[];
  /** Every metric declared. */
  metrics: ManifestMetric[];
}

/** The crate, group and name of the harness-floor benchmark registered in every bench process. */
export const FLOOR = { crate: "harness", group: "harness", name: "floor" } as const;

const env = (name: string): string | undefined => {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no --allow-env: behave as if unset
  }
};

const QUICK = env("ASTRAWEAVE_BENCH_QUICK") === "1";
const MANIFEST_TARGET = env("ASTRAWEAVE_BENCH_MANIFEST");

const manifest: Manifest = { version: 1, quick: QUICK, benches: [], metrics: [] };

/** Whether this process runs in quick mode (`ASTRAWEAVE_BENCH_QUICK=1`). */
export const isQuick = (): boolean => QUICK;

/** In quick mode, how many calls of a bench function do the real work. */
export const QUICK_CALLS = 3;

type BenchFn = BenchDefinition["fn"];
const AsyncFunction = (async () => {}).constructor;

/**
 * Wraps `fn` so that only its first {@link QUICK_CALLS} calls run it. `deno bench` awaits a
 * function only when it is an `async function`, so the wrapper keeps that kind.
 */
function firstCallsOnly(fn: BenchFn): BenchFn {
  let calls = 0;
  if (fn.constructor === AsyncFunction) {
    return async (b) => {
      if (calls++ < QUICK_CALLS) await fn(b);
    };
  }
  return (b) => {
    if (calls++ < QUICK_CALLS) return fn(b);
  };
}

let sinkValue: unknown;
/**
 * Consumes a result so the JIT cannot prove it unused and delete the work that made it.
 *
 * @example
 * ```ts ignore
 * fn: () => consume(encode(state)),
 * ```
 */
export function consume(value: unknown): void {
  sinkValue = value;
}
/** The last consumed value (read it somewhere so `consume` itself cannot be removed). */
export const lastConsumed = (): unknown => sinkValue;

/** A budget in nanoseconds. */
export const ns = (value: number, reason: string): Budget => ({ ns: value, reason });
/** A budget in microseconds. */
export const us = (value: number, reason: string): Budget => ({ ns: value * 1e3, reason });
/** A budget in milliseconds. */
export const ms = (value: number, reason: string): Budget => ({ ns: value * 1e6, reason });

/** One frame at 60 FPS, in nanoseconds. */
export const FRAME_NS = 1e9 / 60;
/** A budget that is `1/divisor` of a 60 FPS frame (16.67 ms), with the reason said for you. */
export const frameShare = (divisor: number, why = ""): Budget => ({
  ns: FRAME_NS / divisor,
  reason: `1/${divisor} of a 16.67 ms frame at 60 FPS${why ? `: ${why}` : ""}`,
});

function familyOf(d: { name: string; size?: Size; family?: string }): string | undefined {
  if (d.family) return d.family;
  if (!d.size) return undefined;
  const slash = d.name.lastIndexOf("/");
  return slash > 0 ? d.name.slice(0, slash) : d.name;
}

const seen = new Set<string>();
function claim(crate: string, group: string, name: string): void {
  const key = `${crate}\u0000${group}\u0000${name}`;
  if (seen.has(key)) throw new Error(`benchmark declared twice: ${crate}/${group}/${name}`);
  seen.add(key);
}

function register(
  crate: string,
  kind: ManifestBench["kind"],
  def: BenchDefinition,
): void {
  claim(crate, def.group, def.name);
  const { fn, permissions, ignore, ...declaration } = def;
  manifest.benches.push({ crate, kind, ...declaration, family: familyOf(def) });
  const options: Deno.BenchDefinition = {
    name: def.name,
    group: def.group,
    baseline: def.baseline,
    permissions,
    ignore,
    fn,
  };
  if (QUICK) {
    options.n = 1;
    options.warmup = 1;
    options.fn = firstCallsOnly(fn);
  }
  Deno.bench(options);
}

/**
 * What quick mode prints on stderr when a bench process starts and when it ends, so nobody reads
 * `deno bench`'s tables of a quick run as measurements. Never on stdout: `deno bench --json`
 * output must stay a document.
 */
export const QUICK_BANNER =
  `ASTRAWEAVE_BENCH_QUICK=1: quick mode. Each bench does its real work only ${QUICK_CALLS} times; the times deno bench prints are NOT measurements. Run without ASTRAWEAVE_BENCH_QUICK to measure.`;

let floorRegistered = false;
function registerFloor(): void {
  if (floorRegistered) return;
  floorRegistered = true;
  // Not when the report loads the module only to read its declarations.
  if (QUICK && !MANIFEST_TARGET) {
    console.error(QUICK_BANNER);
    globalThis.addEventListener("unload", () => console.error(QUICK_BANNER));
  }
  register(FLOOR.crate, "floor", {
    group: FLOOR.group,
    name: FLOOR.name,
    // The empty function: what the harness itself costs per call. Results near it measured nothing.
    fn: () => {},
  });
}

/** Registers benchmarks and metrics of one crate. */
export interface CrateBencher {
  (def: BenchDefinition): void;
  /** Declares a metric that is not a time (a size in bytes, a ratio). */
  metric(def: MetricDeclaration): void;
  /** The crate's name. */
  readonly crate: string;
}

/**
 * Returns the function that registers the benchmarks of `crate` (its directory name under
 * `crates/`, or the pipeline's own name for the report's benchmarks). Also registers the
 * harness-floor benchmark once per process.
 */
export function benchCrate(crate: string): CrateBencher {
  registerFloor();
  const bench = (def: BenchDefinition) => register(crate, "bench", def);
  bench.metric = (def: MetricDeclaration) => {
    claim(crate, def.group, def.name);
    manifest.metrics.push({ crate, ...def, family: familyOf(def) });
  };
  Object.defineProperty(bench, "crate", { value: crate });
  return bench as CrateBencher;
}

/** The declarations registered so far in this process (for tests and tools). */
export const declarations = (): Readonly<Manifest> => manifest;

if (MANIFEST_TARGET) {
  globalThis.addEventListener("unload", () => {
    const text = JSON.stringify(manifest);
    if (MANIFEST_TARGET === "-") console.log(text);
    else Deno.writeTextFileSync(MANIFEST_TARGET, text);
  });
}
