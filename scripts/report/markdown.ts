/**
 * `latest.md`: the report for people, rendered from the {@link Report} object (the same data as
 * `latest.json`).
 *
 * @module
 */

import { joinMapped } from "./flat.ts";
import {
  formatChange,
  formatCount,
  formatFactor,
  formatMBps,
  formatMeasured,
  formatNs,
  formatPercent,
  formatRate,
  speedWord,
} from "./format.ts";
import type { BenchmarkReport, CrateReport, Report } from "./schema.ts";
import { crateHighlights, summaryLines } from "./summary.ts";
import {
  crateTable,
  engineTable,
  gradeBandsText,
  gradeRows,
  scalingTable,
  type TextTable,
  tierTable,
  tierTiming,
} from "./tables.ts";

const QUICK_NOTE =
  "Quick run: the benches ran to prove they work; their times are not measurements.";

function cell(value: string | number): string {
  const text = String(value);
  // Most cells need no escaping, and a 10,000-benchmark report has over 100,000 of them.
  return text.includes("|") || text.includes("\n")
    ? text.replaceAll("|", "\\|").replaceAll("\n", " ")
    : text;
}

/** A {@link TextTable} in Markdown. */
const markdownTable = (t: TextTable) => table(t.headers, t.rows, t.numeric);

/** A Markdown table; `right` lists the columns to right-align. */
export function table(
  headers: string[],
  rows: (string | number)[][],
  right: number[] = [],
): string {
  return tableOf(headers, rows, (row) => row, right);
}

/**
 * A Markdown table of one row per item, each made by `cellsOf` as the table is joined: the cells
 * of a 10,000-row table are never all alive at once, so the collector does not move them.
 */
function tableOf<T>(
  headers: string[],
  items: readonly T[],
  cellsOf: (item: T) => readonly (string | number)[],
  right: number[] = [],
): string {
  const align = headers.map((_, i) => (right.includes(i) ? "---:" : "---"));
  const head = `| ${headers.map(cell).join(" | ")} |\n| ${align.join(" | ")} |`;
  if (!items.length) return head;
  // Each line joined from one array kept for the whole table (appending cell by cell left twice
  // the garbage: a string per step), the lines joined in flat chunks.
  const cells: string[] = [];
  return `${head}\n${
    joinMapped(items, (item) => {
      const values = cellsOf(item);
      cells.length = values.length;
      for (let i = 0; i < values.length; i++) cells[i] = cell(values[i]);
      return `| ${cells.join(" | ")} |`;
    }, "\n")
  }`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function runSection(report: Report): string {
  const { run, floor } = report;
  const rows: string[][] = [
    ["date", run.date.replace("T", " ").replace(/\.\d+Z$/, " UTC")],
    [
      "commit",
      run.commit
        ? `${run.commit.slice(0, 12)}${run.dirty ? " (with uncommitted changes)" : ""}`
        : "not a git checkout",
    ],
    ["runtime", run.runtime ?? "unknown"],
    ["CPU", run.cpu ?? "unknown"],
    [
      "source",
      run.source === "run"
        ? `ran ${plural(run.inputs.length, "bench file")}, ${plural(run.repeats, "time")}`
        : `read ${plural(run.inputs.length, "document")}: ${run.inputs.join(", ")}`,
    ],
    [
      "kind",
      run.quick
        ? "**QUICK RUN** (not measurements; not in history)"
        : run.source === "input"
        ? "imported (not measured in this run)"
        : run.full
        ? "full run (every bench file)"
        : "partial run (some bench files)",
    ],
    ["history", run.historyFile ? `history/${run.historyFile}` : "not recorded"],
  ];
  if (!run.quick) {
    rows.push([
      "harness floor",
      floor
        ? `${formatNs(floor.p75)} per call (p75, median of ${
          plural(floor.samples, "process")
        }); results within ${floor.factor}× of it are shown as "≤ floor"`
        : "no harness-floor benchmark in this run: the floor rule could not be applied",
    ]);
  }
  return table(["run", ""], rows);
}

function coverageSection(report: Report): string {
  const { coverage, crates, comparison } = report;
  const out: string[] = ["## 1. Coverage", ""];
  out.push(
    table(["", ""], [
      ["crates in the workspace", coverage.members.length],
      ["crates with passing benchmarks", coverage.covered.length],
      ["coverage", formatPercent(coverage.covered.length, coverage.members.length)],
      ...(coverage.engine
        ? [[
          "engine crates covered",
          `${coverage.engine.covered} of ${coverage.engine.total} (${
            formatPercent(coverage.engine.covered, coverage.engine.total)
          })`,
        ]]
        : []),
      ["benchmarks (engine crates)", coverage.benchmarks],
      ["passing", coverage.passing],
      ["failed", coverage.failed],
      ["groups", coverage.groups],
    ], [1]),
    "",
  );
  if (comparison) {
    out.push(`Before: ${comparison.baseline.file} (${comparison.baseline.date.slice(0, 10)}).`, "");
    out.push(
      table(
        ["", "before", "after", "change", "growth"],
        comparison.coverage.map((d) => {
          const percent = d.label.endsWith("%");
          const show = (v: number) => (percent ? `${v.toFixed(1)}%` : String(v));
          const change = d.after - d.before;
          return [
            d.label,
            show(d.before),
            show(d.after),
            `${change > 0 ? "+" : change < 0 ? "−" : ""}${
              percent ? Math.abs(change).toFixed(1) : Math.abs(change)
            }`,
            d.before === 0 ? (d.after === 0 ? "0%" : "new") : formatChange(d.after / d.before),
          ];
        }),
        [1, 2, 3, 4],
      ),
      "",
    );
  }
  const members = crates.filter((c) => c.member);
  if (members.length) {
    out.push(
      markdownTable(crateTable(members)),
      "",
    );
  }
  if (coverage.deferred.length) {
    out.push("Deferred:", "");
    for (const d of coverage.deferred) {
      out.push(`- ${d.crate}: ${d.reason}${d.file ? ` (${d.file})` : ""}`);
    }
    out.push("");
  }
  if (coverage.tiers.length) {
    out.push(
      markdownTable(tierTable(coverage.tiers)),
      "",
    );
  }
  if (coverage.engine) {
    out.push(markdownTable(engineTable(coverage.engine)), "");
  }
  if (coverage.others.length) {
    out.push(
      `Also measured (not engine crates, not counted in coverage): ${
        crates.filter((c) => !c.member).map((c) =>
          `${c.crate} (${plural(c.benchmarks, "benchmark")})`
        ).join(", ")
      }.`,
      "",
    );
  }
  return out.join("\n");
}

function crateSection(report: Report): string {
  const out = ["## 2. Crate by crate", ""];
  const byCrate = new Map<string, BenchmarkReport[]>();
  for (const b of report.benchmarks) {
    if (b.kind === "floor") continue;
    const rows = byCrate.get(b.crate);
    if (rows) rows.push(b);
    else byCrate.set(b.crate, [b]);
  }
  const shown = report.crates.filter((c) => c.benchmarks > 0 || c.status === "deferred");
  if (!shown.length) return [...out, "No benchmarks.", ""].join("\n");
  for (const crate of shown) {
    out.push(crateBlock(crate, byCrate.get(crate.crate) ?? [], report.run.quick), "");
    const highlights = report.run.quick ? [] : crateHighlights(report, crate.crate);
    if (highlights.length) {
      out.push("Highlights:", "", ...highlights.map((h) => `- ${h}`), "");
    }
  }
  return out.join("\n");
}

function crateBlock(crate: CrateReport, rows: BenchmarkReport[], quick: boolean): string {
  const out = [
    `### ${crate.crate}${crate.grade ? ` — grade ${crate.grade}` : ""}${
      crate.member ? "" : " (not an engine crate)"
    }`,
    "",
    `${
      plural(crate.benchmarks, "benchmark")
    } (${crate.passing} passing, ${crate.failed} failed, ${crate.peers} of them peer libraries) in ${
      plural(crate.groups.length, "group")
    }; status: ${crate.status}${crate.reason ? ` (${crate.reason})` : ""}.`,
    "",
  ];
  if (!quick && crate.groups.length) {
    out.push(
      table(
        ["group", "benchmarks", "fastest", "slowest"],
        crate.groups.map((g) => [
          g.group,
          g.benchmarks,
          g.fastest ? `${g.fastest.name}: ${formatMeasured(g.fastest.p75, g.fastest.atFloor)}` : "",
          g.slowest ? `${g.slowest.name}: ${formatMeasured(g.slowest.p75, g.slowest.atFloor)}` : "",
        ]),
        [1],
      ),
      "",
    );
    const measured = rows.filter((r) => r.status === "ok" && r.stats && r.kind === "bench");
    if (measured.length) {
      out.push(
        tableOf(
          ["benchmark", "p75", "capacity at 60 FPS", "throughput"],
          measured,
          (r) => [
            `${r.group}/${r.name}`,
            formatMeasured(r.stats!.p75, r.atFloor),
            r.capacity60fps === null
              ? ""
              : `${r.atFloor ? "≥ " : ""}${formatCount(r.capacity60fps)} per frame`,
            throughputText(r),
          ],
          [1, 2, 3],
        ),
        "",
      );
    }
    const peers = rows.filter((r) => r.kind === "peer" && r.peerRatio !== null);
    if (peers.length) {
      out.push(
        table(
          ["peer benchmark", "library", "versus", "peer ÷ ours"],
          peers.map((
            r,
          ) => [`${r.group}/${r.name}`, r.peer ?? "", r.versus ?? "", formatFactor(r.peerRatio!)]),
          [3],
        ),
        "",
      );
    }
  }
  if (crate.failures.length) {
    out.push("Failures:", "");
    for (const f of crate.failures) out.push(`- ${f.id}: ${f.message}`);
    out.push("");
  }
  return out.join("\n").trimEnd();
}

function throughputText(r: BenchmarkReport): string {
  const t = r.throughputPerSecond;
  if (!t) return "";
  const parts = [];
  if (t.bytes) parts.push(formatMBps(t.bytes));
  if (t.elements) parts.push(formatRate(t.elements, "elem/s"));
  return `${r.atFloor ? "≥ " : ""}${parts.join(", ")}`;
}

function gradeSection(report: Report): string {
  const out = ["## 3. Grades", ""];
  if (report.run.quick) return [...out, QUICK_NOTE, ""].join("\n");
  out.push(
    `Headroom = budget ÷ p75. Bands: ${
      gradeBandsText(report.settings)
    }. A crate's grade is its weakest benchmark's. Peer libraries are never graded.`,
    "",
  );
  const rows = gradeRows(report.benchmarks, false);
  if (!rows.length) return [...out, "No benchmarks.", ""].join("\n");
  out.push(
    tableOf(
      [
        "benchmark",
        "avg",
        "p75",
        "budget",
        "headroom",
        "grade",
        "spread",
        "notes",
        "why this budget",
      ],
      rows,
      (r) => [
        r.id,
        r.avg.text,
        r.p75.text,
        r.budget.text,
        r.headroom.text,
        r.grade ?? "",
        r.spread.text,
        r.notes,
        r.reason,
      ],
      [1, 2, 3, 4, 6],
    ),
    "",
  );
  return out.join("\n");
}

function honestySection(report: Report): string {
  const out = ["## 4. Honesty", ""];
  if (report.run.quick) return [...out, QUICK_NOTE, ""].join("\n");
  const { floor, settings } = report;
  out.push(
    floor
      ? `Harness floor (an empty function, measured in every bench process): ${
        formatNs(floor.p75)
      } per call. A result within ${settings.floorFactor}× of it is "at floor: likely optimized away", shown as "≤ floor", and never as a smaller number. No time under 1 ns is ever printed.`
      : "No harness-floor benchmark ran, so results cannot be checked against the floor.",
    "",
  );
  const atFloor = report.benchmarks.filter((b) => b.atFloor);
  out.push(
    atFloor.length
      ? `At floor (${atFloor.length}): ${atFloor.map((b) => b.id).join(", ")}.`
      : "No result is at the floor.",
    "",
  );
  const noisy = report.benchmarks.filter((b) => b.noisy).sort((a, b) => b.spread! - a.spread!);
  const shown = noisy.slice(0, settings.noisyListed);
  const more = noisy.length - shown.length;
  out.push(
    `Spread = p99 ÷ min; above ${settings.noisySpread}× a result is marked noisy (the grade table marks each one). ` +
      (noisy.length
        ? `Noisy: ${noisy.length} of ${
          report.benchmarks.filter((b) => b.spread !== null).length
        }; the noisiest: ${shown.map((b) => `${b.id} (${formatFactor(b.spread!)})`).join(", ")}${
          more ? `, and ${more} more` : ""
        }.`
        : "No result is noisy."),
    "",
  );
  return out.join("\n");
}

function categorySection(report: Report): string {
  const out = ["## 5. Performance by category", ""];
  if (report.run.quick) return [...out, QUICK_NOTE, ""].join("\n");
  out.push(
    table(
      ["category (p75)", "benchmarks", "which"],
      report.categories.map((
        c,
      ) => [
        c.label,
        c.count,
        c.ids.slice(0, 8).join(", ") + (c.ids.length > 8 ? `, … ${c.ids.length - 8} more` : ""),
      ]),
      [1],
    ),
    "",
  );
  return out.join("\n");
}

function scalingSection(report: Report): string {
  const out = ["## 6. Scaling", ""];
  if (report.run.quick) return [...out, QUICK_NOTE, ""].join("\n");
  if (!report.scaling.length) {
    return [
      ...out,
      "No parameterized family (benchmarks of one family at several declared sizes).",
      "",
    ].join("\n");
  }
  out.push(
    'Least-squares exponent of log(value) against log(size) over each family\'s sizes with its R², and the verdict it reads as (O(1) below 0.1, O(log n) below 0.5, O(n) below 1.1, O(n log n) below 1.5, O(n²) below 2.5). Beside it, the linear cost model fixed + per-element × n (least squares on relative error; times show the per-element part as a rate). A fixed cost per call bends the log-log line below a slope of 1, so a family read as O(log n) (or as unclear, when the bend costs the line its R²) is reported as "O(n) + fixed cost" when the linear model fits within ' +
      `${Math.round(report.settings.maxModelError * 100)}%` +
      ", better than a logarithmic one, and its per-element part is at least the fixed part at the largest size. At-floor points, and zero sizes or values (no logarithm), are left out of the fit.",
    "",
    markdownTable(scalingTable(report.scaling)),
    "",
  );
  return out.join("\n");
}

function comparisonSection(report: Report): string {
  const out = ["## 7. Before and after", ""];
  const c = report.comparison;
  if (!c) {
    return [...out, "No baseline: this is the first run in history (or none was given).", ""].join(
      "\n",
    );
  }
  out.push(
    `Baseline: ${c.baseline.file} (${c.baseline.date.replace("T", " ").slice(0, 16)} UTC${
      c.baseline.commit ? `, commit ${c.baseline.commit.slice(0, 12)}` : ""
    }${c.baseline.quick ? ", quick" : ""}).`,
    "",
  );
  out.push(`Added (${c.added.length}): ${c.added.join(", ") || "none"}.`, "");
  out.push(`Removed (${c.removed.length}): ${c.removed.join(", ") || "none"}.`, "");
  if (c.crateAdded.length || c.crateRemoved.length) {
    out.push(
      `Crates added: ${c.crateAdded.join(", ") || "none"}; removed: ${
        c.crateRemoved.join(", ") || "none"
      }.`,
      "",
    );
  }
  if (!c.timesCompared) {
    return [...out, "Times are not compared: one of the runs is quick.", ""].join("\n");
  }
  out.push(
    `${plural(c.regressed, "regression")}, ${
      plural(c.improved, "improvement")
    }. A change is flagged only past its threshold (default ${
      (report.settings.regressionThreshold * 100).toFixed(0)
    }%) and outside run-to-run noise: "[min, p75] overlap" needs the two runs' [min, p75] ranges apart; with repeats, "repeat spread" also needs every repeat of one run beyond every repeat of the other. Peers and the floor are not gated.`,
    "",
  );
  if (c.changes.length) {
    out.push(
      table(
        [
          "benchmark",
          "p75 before",
          "p75 after",
          "p75 change",
          "avg before",
          "avg after",
          "avg change",
          "verdict",
          "decided by",
        ],
        c.changes.map((ch) => [
          ch.key,
          formatNs(ch.before.p75),
          formatNs(ch.after.p75),
          `${formatChange(ch.factorP75)} (${formatFactor(ch.factorP75)})`,
          formatNs(ch.before.avg),
          formatNs(ch.after.avg),
          `${formatChange(ch.factorAvg)} (${formatFactor(ch.factorAvg)})`,
          ch.verdict,
          ch.rule ?? "",
        ]),
        [1, 2, 3, 4, 5, 6],
      ),
      "",
    );
  }
  return out.join("\n");
}

function timelineSection(report: Report): string {
  const out = ["## 8. Timeline", ""];
  const t = report.timeline;
  if (!t.runs.length) return [...out, "No full run in history yet.", ""].join("\n");
  out.push(
    table(
      ["date", "commit", "benchmarks", "passing", "crates covered", "coverage"],
      t.runs.map((
        r,
      ) => [
        r.date.slice(0, 16).replace("T", " "),
        r.commit?.slice(0, 12) ?? "",
        r.benchmarks,
        r.passing,
        `${r.covered} of ${r.members}`,
        `${r.percent.toFixed(1)}%`,
      ]),
      [2, 3, 5],
    ),
    "",
  );
  if (t.firstCovered.length) {
    out.push(
      table(["crate", "first passing benchmarks"], t.firstCovered.map((f) => [f.crate, f.date])),
      "",
    );
  }
  if (report.coverage.tiers.length) {
    out.push(
      table(
        ["tier", "target", "completed", "timing"],
        report.coverage.tiers.map((
          tier,
        ) => [tier.name, tier.target ?? "", tier.completed ?? "not yet", tierTiming(tier)]),
      ),
      "",
    );
  }
  out.push(
    table(
      ["day", "benchmarks added", "by crate"],
      t.additions.map((
        a,
      ) => [
        a.day,
        a.added,
        Object.entries(a.byCrate).map(([crate, n]) => `${crate} ${n}`).join(", "),
      ]),
      [1],
    ),
    "",
    table(
      ["crate", "benchmarks added over the history"],
      t.additionsByCrate.map((a) => [a.crate, a.added]),
      [1],
    ),
    "",
  );
  return out.join("\n");
}

function metricSection(report: Report): string {
  if (!report.metrics.length) return "";
  return [
    "## Declared metrics",
    "",
    "Figures that are not times (bytes on the wire, blob sizes), declared beside the benchmarks.",
    "",
    table(
      ["crate", "group", "name", "value", "note"],
      report.metrics.map((
        m,
      ) => [
        m.crate,
        m.group,
        m.name,
        `${m.value.toLocaleString("en-US")} ${m.unit}`,
        m.note ?? "",
      ]),
      [3],
    ),
    "",
  ].join("\n");
}

/** Per-crate trend over history: geometric mean of p75 against each benchmark's first run. */
function trendSection(report: Report): string {
  const trend = report.timeline.trend.filter((t) => t.points.length);
  if (!trend.length) return "";
  return [
    "### Trend per crate",
    "",
    "Geometric mean, over a crate's benchmarks, of p75 ÷ the benchmark's p75 in the run it first appeared in (below 1: faster than then). From history; benchmarks new in a run are not counted until the next.",
    "",
    table(
      ["crate", "runs", "first", "latest", "benchmarks compared", "since first run"],
      trend.map(({ crate, points }) => {
        const last = points.at(-1)!;
        return [
          crate,
          String(points.length),
          points[0].date.slice(0, 10),
          last.date.slice(0, 10),
          String(last.benchmarks),
          `${formatFactor(last.factor)} (${speedWord(last.factor)})`,
        ];
      }),
      [1, 4, 5],
    ),
    "",
  ].join("\n");
}

/** Renders `latest.md`. */
export function renderMarkdown(report: Report): string {
  const title = `# AstraWeave benchmark report${report.run.quick ? " (QUICK RUN)" : ""}`;
  const parts = [
    title,
    "",
    ...(report.run.quick ? [`> ${QUICK_NOTE} Quick runs are never written to history.`, ""] : []),
    report.run.source === "input"
      ? "Generated by `deno task report` from saved runs: every figure below is imported from them, not measured in this run; every grade comes from a budget declared beside its benchmark."
      : "Generated by `deno task report` from `deno bench --json`: every figure below was measured in this run, every grade comes from a budget declared beside its benchmark.",
    "",
    "## Summary",
    "",
    ...summaryLines(report).map((line) =>
      `- ${line.tone === "bad" ? "**" : ""}${line.text}${line.tone === "bad" ? "**" : ""}`
    ),
    "",
    trendSection(report),
    runSection(report),
    "",
    coverageSection(report),
    crateSection(report),
    gradeSection(report),
    honestySection(report),
    categorySection(report),
    scalingSection(report),
    comparisonSection(report),
    timelineSection(report),
    metricSection(report),
  ];
  return parts.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
