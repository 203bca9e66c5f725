/**
 * The timeline, from history: runs by date with benchmarks and coverage, when each crate first
 * had passing benchmarks, and benchmarks added per day and per crate.
 *
 * @module
 */

import type { SavedRun } from "./history.ts";
import type { Timeline } from "./schema.ts";

/**
 * Builds the timeline from saved runs (oldest first; the current full run included as the last).
 * `keys` are the identities whose p75 series (over the last `seriesRuns` runs) the dashboard
 * draws: the current run's benchmarks.
 */
export function timelineOf(runs: SavedRun[], keys: string[], seriesRuns: number): Timeline {
  const firstCovered = new Map<string, string>();
  const seen = new Set<string>();
  const additions: Timeline["additions"] = [];
  const byCrateTotal = new Map<string, number>();
  const series: Record<string, (number | null)[]> = {};
  const wanted = new Set(keys);
  for (const key of keys) series[key] = [];
  const seriesFrom = Math.max(0, runs.length - seriesRuns);
  // Per-crate trend: geometric mean of p75 ÷ the benchmark's p75 in the run it first appeared in.
  const firstP75 = new Map<string, number>();
  const trend = new Map<string, Timeline["trend"][number]["points"]>();

  const timelineRuns = runs.map(({ file, run }, index) => {
    const day = run.run.date.slice(0, 10);
    for (const crate of run.coverage.covered) {
      if (!firstCovered.has(crate)) firstCovered.set(crate, day);
    }
    let entry = additions.at(-1);
    const logSums = new Map<string, { sum: number; count: number }>();
    for (const b of run.benchmarks) {
      if (b.kind === "floor") continue;
      if (b.kind === "bench" && b.status === "ok" && b.stats && b.stats.p75 > 0) {
        const first = firstP75.get(b.key);
        if (first === undefined) firstP75.set(b.key, b.stats.p75);
        else {
          const acc = logSums.get(b.crate) ?? { sum: 0, count: 0 };
          acc.sum += Math.log(b.stats.p75 / first);
          acc.count++;
          logSums.set(b.crate, acc);
        }
      }
      if (index >= seriesFrom && wanted.has(b.key) && b.status === "ok" && b.stats) {
        series[b.key][index - seriesFrom] = b.stats.p75;
      }
      if (seen.has(b.key)) continue;
      seen.add(b.key);
      if (entry?.day !== day) additions.push(entry = { day, added: 0, byCrate: {} });
      entry.added++;
      entry.byCrate[b.crate] = (entry.byCrate[b.crate] ?? 0) + 1;
      byCrateTotal.set(b.crate, (byCrateTotal.get(b.crate) ?? 0) + 1);
    }
    for (const [crate, { sum, count }] of logSums) {
      const points = trend.get(crate) ?? [];
      points.push({ date: run.run.date, factor: Math.exp(sum / count), benchmarks: count });
      trend.set(crate, points);
    }
    return {
      date: run.run.date,
      file,
      commit: run.run.commit,
      benchmarks: run.coverage.benchmarks,
      passing: run.coverage.passing,
      covered: run.coverage.covered.length,
      members: run.coverage.members.length,
      percent: run.coverage.percent,
    };
  });
  // Dense arrays: a run without the benchmark is null, not a hole.
  for (const key of keys) {
    series[key] = Array.from(
      { length: runs.length - seriesFrom },
      (_, i) => series[key][i] ?? null,
    );
  }

  return {
    runs: timelineRuns,
    firstCovered: [...firstCovered].map(([crate, date]) => ({ crate, date })),
    additions,
    additionsByCrate: [...byCrateTotal].sort(([a], [b]) => a.localeCompare(b))
      .map(([crate, added]) => ({ crate, added })),
    series,
    trend: [...trend].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
      .map(([crate, points]) => ({ crate, points })),
  };
}
