/**
 * What the report makes of each benchmark: the harness floor and the "at floor" rule, spread and
 * noise, time category, headroom and grade, capacity at 60 FPS, throughput, and peer ratios.
 *
 * Every derived time uses p75, and never a p75 below the floor: a result the harness cannot
 * resolve is not allowed to look faster than the harness itself.
 *
 * @module
 */

import { gradeFor, type ReportConfig } from "./config.ts";
import { benchmarkId, type Measurement, mergeSamples } from "./join.ts";
import { significant, significantDown, significantStats } from "./precision.ts";
import type { BenchmarkReport, Category, FloorSummary } from "./schema.ts";

/** The category of results within the floor factor. */
export const AT_FLOOR: Category = Object.freeze({ kind: "at floor", label: "at floor" });

/**
 * The run's harness floor: the median over processes of the floor benchmark, or null when no
 * floor ran.
 */
export function floorOf(measurements: Measurement[], config: ReportConfig): FloorSummary | null {
  const samples = measurements.filter((m) => m.kind === "floor").flatMap((m) => m.samples);
  if (samples.length === 0) return null;
  const merged = mergeSamples(samples);
  return { p75: merged.p75, avg: merged.avg, samples: samples.length, factor: config.floorFactor };
}

/**
 * Whether a p75 is within the floor factor of the floor.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isAtFloor } from "./analyze.ts";
 * const floor = { p75: 4, avg: 4, samples: 1, factor: 1.5 };
 * assert.ok(isAtFloor(6, floor) && !isAtFloor(6.01, floor));
 * ```
 */
export function isAtFloor(p75: number, floor: FloorSummary | null): boolean {
  return floor !== null && p75 <= floor.p75 * floor.factor;
}

// One frozen category per band of each config, shared by every benchmark in it (not 10,000
// copies of five objects).
const bandCategories = new WeakMap<ReportConfig["categories"], Category[]>();

/** The category of a p75: at floor, else the first band it is under (the last band catches all). */
export function categoryOf(p75: number, atFloor: boolean, config: ReportConfig): Category {
  if (atFloor) return AT_FLOOR;
  let bands = bandCategories.get(config.categories);
  if (!bands) {
    bands = config.categories.map(({ label, belowNs }) =>
      Object.freeze({ kind: "band", label, belowNs }) as Category
    );
    bandCategories.set(config.categories, bands);
  }
  const index = config.categories.findIndex((c) => c.belowNs === null || p75 < c.belowNs);
  return bands[index < 0 ? bands.length - 1 : index];
}

/**
 * Analyses every measurement. In a quick run only identity, status and raw statistics are kept:
 * quick numbers are not measurements, so nothing is derived from them. Grades and every other
 * derived figure come from the statistics as measured; the statistics kept in the reports (and so
 * in `latest.json`), and the ratios and rates derived from them, are rounded to five significant
 * digits afterwards.
 */
export function analyze(
  measurements: Measurement[],
  floor: FloorSummary | null,
  config: ReportConfig,
  quick: boolean,
): BenchmarkReport[] {
  const reports = measurements.map((m): BenchmarkReport => {
    const d = m.declaration;
    const stats = m.samples.length ? mergeSamples(m.samples) : undefined;
    const report: BenchmarkReport = {
      id: m.id,
      key: m.key,
      crate: m.crate,
      group: m.group,
      name: m.name,
      kind: m.kind,
      file: m.file,
      declared: d !== undefined,
      status: m.failures.length ? "failed" : "ok",
      failures: m.failures.length,
      atFloor: false,
      spread: null,
      noisy: false,
      category: null,
      headroom: null,
      grade: null,
      capacity60fps: null,
      throughputPerSecond: null,
      peerRatio: null,
    };
    if (d?.size) report.size = d.size;
    if (d?.family) report.family = d.family;
    if (d?.budget) report.budget = d.budget;
    if (d?.throughput) report.throughput = d.throughput;
    if (d?.peer) report.peer = d.peer;
    if (d?.versus) report.versus = d.versus;
    if (d?.threshold !== undefined) report.threshold = d.threshold;
    if (m.failures.length) report.error = m.failures[0];
    if (stats) report.stats = stats;
    if (m.samples.length > 1) report.repeats = m.samples.map((s) => s.p75);
    if (!stats || quick || report.status === "failed") return report;

    report.atFloor = m.kind !== "floor" && isAtFloor(stats.p75, floor);
    report.spread = stats.min > 0 ? stats.p99 / stats.min : null;
    report.noisy = report.spread !== null && report.spread > config.noisySpread;
    report.category = m.kind === "floor" ? AT_FLOOR : categoryOf(stats.p75, report.atFloor, config);
    const resolved = Math.max(stats.p75, floor?.p75 ?? 0);
    report.capacity60fps = config.frameNs / resolved;
    if (d?.throughput) {
      report.throughputPerSecond = {};
      if (d.throughput.bytes) {
        report.throughputPerSecond.bytes = (d.throughput.bytes * 1e9) / resolved;
      }
      if (d.throughput.elements) {
        report.throughputPerSecond.elements = (d.throughput.elements * 1e9) / resolved;
      }
    }
    if (m.kind === "bench" && d?.budget) {
      report.headroom = d.budget.ns / resolved;
      report.grade = gradeFor(report.headroom, config);
    }
    return report;
  });
  if (!quick) linkPeers(reports, floor);
  // Everything above is derived from the statistics as measured; what the report keeps of them has
  // five significant digits, as history does (the harness resolves nothing finer, and a full
  // double is three times the text to write). Ratios and rates are rounded down, which keeps every
  // grade band and every coarser rounding of them as the exact value had it. Spread stays whole:
  // "noisy" is a strict comparison, which rounding either way can blur.
  for (const report of reports) {
    if (report.stats) report.stats = significantStats(report.stats);
    if (report.repeats) report.repeats = report.repeats.map(significant);
    if (report.headroom !== null) report.headroom = significantDown(report.headroom);
    if (report.capacity60fps !== null) report.capacity60fps = significantDown(report.capacity60fps);
    if (report.peerRatio !== null) report.peerRatio = significantDown(report.peerRatio);
    const rates = report.throughputPerSecond;
    if (rates?.bytes !== undefined) rates.bytes = significantDown(rates.bytes);
    if (rates?.elements !== undefined) rates.elements = significantDown(rates.elements);
  }
  return reports;
}

/** Sets `peerRatio` = peer p75 ÷ our p75 for each peer benchmark that names its `versus`. */
function linkPeers(reports: BenchmarkReport[], floor: FloorSummary | null): void {
  // Most runs are mostly ours: no map of 10,000 ids for the few peers, or none.
  if (!reports.some((r) => r.kind === "peer" && r.versus)) return;
  const ours = new Map<string, BenchmarkReport>();
  for (const r of reports) if (r.kind === "bench") ours.set(r.id, r);
  for (const peer of reports) {
    if (peer.kind !== "peer" || !peer.versus || !peer.stats || peer.status !== "ok") continue;
    const own = ours.get(benchmarkId(peer.crate, peer.group, peer.versus));
    if (!own?.stats || own.status !== "ok") continue;
    const clamp = (p75: number) => Math.max(p75, floor?.p75 ?? 0);
    peer.peerRatio = clamp(peer.stats.p75) / clamp(own.stats.p75);
  }
}
