/**
 * The timeline, from history: runs by date with benchmarks and coverage, when each crate first
 * had passing benchmarks, and benchmarks added per day and per crate.
 *
 * @module
 */

import { type SavedRun, timedColumns } from "./history.ts";
import type { Timeline } from "./schema.ts";

/**
 * Builds the timeline from saved runs (oldest first; the current full run included as the last).
 * `keys` are the identities whose p75 series (over the last `seriesRuns` runs) the dashboard
 * draws: the current run's benchmarks.
 */
export function timelineOf(runs: SavedRun[], keys: string[], seriesRuns: number): Timeline {
  const firstCovered = new Map<string, string>();
  const additions: Timeline["additions"] = [];
  const byCrateTotal = new Map<string, number>();
  const seriesFrom = Math.max(0, runs.length - seriesRuns);
  const length = runs.length - seriesFrom;
  // One lookup per benchmark and run (100 runs of 10,000 benchmarks make this the hot loop): what
  // the timeline knows of each identity so far.
  interface Known {
    /** Its p75 in the run it first had one, for the trend; 0 until then. */
    firstP75: number;
    /** Its p75 series, when the current run has it. */
    series: (number | null)[] | null;
    /** Whether an earlier run had it (it was counted as added then). */
    seen: boolean;
  }
  const known = new Map<string, Known>();
  const series: Record<string, (number | null)[]> = {};
  for (const key of keys) {
    const values = new Array<number | null>(length).fill(null);
    series[key] = values;
    known.set(key, { firstP75: 0, series: values, seen: false });
  }
  // Per-crate trend: geometric mean of p75 ÷ the benchmark's p75 in the run it first appeared in.
  const trend = new Map<string, Timeline["trend"][number]["points"]>();

  const timelineRuns = runs.map(({ file, run }, index) => {
    const day = run.run.date.slice(0, 10);
    for (const crate of run.coverage.covered) {
      if (!firstCovered.has(crate)) firstCovered.set(crate, day);
    }
    let entry = additions.at(-1);
    const logSums = new Map<string, { sum: number; count: number }>();
    const timed = timedColumns(run);
    for (let i = 0; i < timed.keys.length; i++) {
      const kind = timed.kinds[i];
      if (kind === "floor") continue;
      const key = timed.keys[i];
      const crate = timed.crates[i];
      let state = known.get(key);
      if (!state) known.set(key, state = { firstP75: 0, series: null, seen: false });
      const p75 = timed.p75[i];
      if (kind === "bench" && p75 > 0) {
        if (state.firstP75 === 0) state.firstP75 = p75;
        else {
          let acc = logSums.get(crate);
          if (!acc) logSums.set(crate, acc = { sum: 0, count: 0 });
          acc.sum += Math.log(p75 / state.firstP75);
          acc.count++;
        }
      }
      if (state.series && index >= seriesFrom && p75 > 0) state.series[index - seriesFrom] = p75;
      if (state.seen) continue;
      state.seen = true;
      if (entry?.day !== day) additions.push(entry = { day, added: 0, byCrate: {} });
      entry.added++;
      entry.byCrate[crate] = (entry.byCrate[crate] ?? 0) + 1;
      byCrateTotal.set(crate, (byCrateTotal.get(crate) ?? 0) + 1);
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
