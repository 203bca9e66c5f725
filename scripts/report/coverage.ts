/**
 * Coverage: which workspace crates have passing benchmarks, which are deferred and why, the
 * per-crate breakdown (groups with their fastest and slowest results, grade, failures). Tiers are
 * `tiers.ts`'s.
 *
 * @module
 */

import { FLOOR } from "@astraweave/bench-protocol";
import { weakestGrade } from "./config.ts";
import type { Plan } from "./plan.ts";
import type {
  BenchmarkReport,
  Coverage,
  CrateReport,
  Deferral,
  Grade,
  GroupSummary,
} from "./schema.ts";
import { tierOfCrate } from "./tiers.ts";

/** A bench file that gave no results: it failed to type-check or its process failed. */
export interface FileFailure {
  crate: string;
  file: string;
  reason: string;
}

function groupSummaries(rows: BenchmarkReport[]): GroupSummary[] {
  const groups = new Map<string, BenchmarkReport[]>();
  for (const row of rows) {
    const list = groups.get(row.group);
    if (list) list.push(row);
    else groups.set(row.group, [row]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([group, list]) => {
    // Fastest and slowest of our own measured benchmarks, or of the peers when the group has
    // none of ours; ties go to the first fastest and the last slowest (the order of a stable sort).
    let fastest: BenchmarkReport | undefined;
    let slowest: BenchmarkReport | undefined;
    let oursOnly = false;
    for (const r of list) {
      if (r.status !== "ok" || !r.stats) continue;
      const ours = r.kind === "bench";
      if (ours && !oursOnly) {
        oursOnly = true;
        fastest = slowest = undefined;
      } else if (!ours && oursOnly) continue;
      const p75 = r.stats.p75;
      if (!fastest || p75 < fastest.stats!.p75) fastest = r;
      if (!slowest || p75 >= slowest.stats!.p75) slowest = r;
    }
    const pick = (r: BenchmarkReport | undefined) =>
      r ? { name: r.name, p75: r.stats!.p75, atFloor: r.atFloor } : null;
    return { group, benchmarks: list.length, fastest: pick(fastest), slowest: pick(slowest) };
  });
}

/**
 * Distinct (crate, group) pairs among the benchmarks of `members` (the floor left out), counted
 * without a "crate/group" string per benchmark.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memberGroupCount } from "./coverage.ts";
 * const b = (crate: string, group: string) => ({ crate, group, kind: "bench" as const });
 * const list = [b("a", "x"), b("a", "x"), b("a", "y"), b("b", "x"), b("c", "x")];
 * assert.equal(memberGroupCount(list, new Set(["a", "b"])), 3);
 * ```
 */
export function memberGroupCount(
  benchmarks: Iterable<Pick<BenchmarkReport, "crate" | "group" | "kind">>,
  members: ReadonlySet<string>,
): number {
  const groupsOf = new Map<string, Set<string>>();
  let count = 0;
  for (const b of benchmarks) {
    if (b.kind === "floor" || !members.has(b.crate)) continue;
    let groups = groupsOf.get(b.crate);
    if (!groups) groupsOf.set(b.crate, groups = new Set());
    if (!groups.has(b.group)) {
      groups.add(b.group);
      count++;
    }
  }
  return count;
}

/** Coverage (tiers and engine coverage are filled by `build.ts` from `tiers.ts`) and the per-crate breakdown. */
export function coverageOf(
  benchmarks: BenchmarkReport[],
  members: string[],
  fileFailures: FileFailure[],
  plan: Plan,
): { coverage: Omit<Coverage, "tiers" | "engine">; crates: CrateReport[] } {
  const memberSet = new Set(members);
  const tierOf = tierOfCrate(plan);
  const names = new Set<string>(members);
  for (const b of benchmarks) if (b.kind !== "floor") names.add(b.crate);
  for (const f of fileFailures) names.add(f.crate);
  names.delete(FLOOR.crate);

  const rowsOf = new Map<string, BenchmarkReport[]>();
  for (const b of benchmarks) {
    if (b.kind === "floor") continue;
    const rows = rowsOf.get(b.crate);
    if (rows) rows.push(b);
    else rowsOf.set(b.crate, [b]);
  }
  const deferred: Deferral[] = [];
  const crates = [...names].sort().map((crate): CrateReport => {
    const rows = rowsOf.get(crate) ?? [];
    // One pass over the crate's rows for every count (a crate may have thousands).
    let passing = 0;
    let ownPassing = 0;
    let peers = 0;
    const grades = new Set<Grade>();
    const errors: CrateReport["failures"] = [];
    for (const r of rows) {
      if (r.status === "ok") {
        passing++;
        if (r.kind === "bench") ownPassing++;
      }
      if (r.kind === "peer") peers++;
      if (r.grade) grades.add(r.grade);
      if (r.error) errors.push({ id: r.id, message: r.error.message });
    }
    const failures = fileFailures.filter((f) => f.crate === crate);
    const report: CrateReport = {
      crate,
      member: memberSet.has(crate),
      tier: tierOf.get(crate) ?? null,
      status: "not benchmarked",
      benchmarks: rows.length,
      passing,
      failed: rows.length - passing,
      peers,
      groups: groupSummaries(rows),
      grade: weakestGrade(grades),
      failures: errors,
    };
    for (const failure of failures) {
      deferred.push({ crate, reason: failure.reason, file: failure.file });
    }
    if (rows.length > 0 && passing === 0) {
      deferred.push({
        crate,
        reason: `all ${rows.length} benchmark${rows.length === 1 ? "" : "s"} failed`,
      });
    }
    if (ownPassing > 0) report.status = "covered";
    else if (failures.length > 0 || (rows.length > 0 && passing === 0)) {
      report.status = "deferred";
      report.reason = deferred.filter((d) => d.crate === crate).map((d) => d.reason).join("; ");
    } else if (rows.length > 0) report.status = "no passing benchmarks";
    return report;
  });

  const memberCrates = crates.filter((c) => c.member);
  const covered = memberCrates.filter((c) => c.status === "covered").map((c) => c.crate);
  // The members' totals, from their crates' counts (every member's rows were counted there).
  let memberBenchmarks = 0;
  let memberPassing = 0;
  for (const c of memberCrates) {
    memberBenchmarks += c.benchmarks;
    memberPassing += c.passing;
  }
  return {
    coverage: {
      members: [...members],
      covered,
      percent: members.length ? (covered.length / members.length) * 100 : 0,
      benchmarks: memberBenchmarks,
      passing: memberPassing,
      failed: memberBenchmarks - memberPassing,
      groups: memberGroupCount(benchmarks, memberSet),
      deferred,
      // Every crate that is not a member got here through its benchmarks or a failed bench file.
      others: crates.filter((c) => !c.member).map((c) => c.crate),
    },
    crates,
  };
}
