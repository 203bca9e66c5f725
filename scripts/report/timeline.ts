/**
 * The timeline, from history: runs by date with benchmarks and coverage, when each crate first
 * had passing benchmarks, when each tier was complete, and benchmarks added per day and per crate.
 *
 * @module
 */

import type { SavedRun } from "./history.ts";
import type { Plan } from "./plan.ts";
import type { Timeline } from "./schema.ts";

/** How many of the latest runs each benchmark's p75 series covers. */
export const SERIES_RUNS = 30;

/**
 * Builds the timeline from saved runs (oldest first; the current full run included as the last).
 * `keys` are the identities whose p75 series (over the last {@link SERIES_RUNS} runs) the dashboard
 * draws: the current run's benchmarks.
 *
 * @returns the timeline, and the day each tier of `plan` was first complete (null if never).
 */
export function timelineOf(
  runs: SavedRun[],
  plan: Plan,
  keys: string[],
): { timeline: Timeline; tierCompleted: Map<string, string | null> } {
  const firstCovered = new Map<string, string>();
  const seen = new Set<string>();
  const additions: Timeline["additions"] = [];
  const byCrateTotal = new Map<string, number>();
  const tierCompleted = new Map<string, string | null>(plan.tiers.map((t) => [t.name, null]));
  const series: Record<string, (number | null)[]> = {};
  const wanted = new Set(keys);
  for (const key of keys) series[key] = [];
  const seriesFrom = Math.max(0, runs.length - SERIES_RUNS);

  const timelineRuns = runs.map(({ file, run }, index) => {
    const day = run.run.date.slice(0, 10);
    for (const crate of run.coverage.covered) {
      if (!firstCovered.has(crate)) firstCovered.set(crate, day);
    }
    const covered = new Set(run.coverage.covered);
    for (const tier of plan.tiers) {
      if (tierCompleted.get(tier.name) === null && tier.crates.every((c) => covered.has(c))) {
        tierCompleted.set(tier.name, day);
      }
    }
    let entry = additions.at(-1);
    for (const b of run.benchmarks) {
      if (b.kind === "floor") continue;
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
    timeline: {
      runs: timelineRuns,
      firstCovered: [...firstCovered].map(([crate, date]) => ({ crate, date })),
      additions,
      additionsByCrate: [...byCrateTotal].sort(([a], [b]) => a.localeCompare(b))
        .map(([crate, added]) => ({ crate, added })),
      series,
    },
    tierCompleted,
  };
}
