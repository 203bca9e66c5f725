/**
 * `index.html`: the dashboard. One self-contained file (styles, script and charts inline, nothing
 * fetched), readable at desktop and phone widths: coverage, tiers, charts, the grade table
 * (sortable, filterable by crate and grade, with a history sparkline per row), scaling families,
 * before/after, failures.
 *
 * @module
 */

import { GRADES } from "./config.ts";
import { joinMapped } from "./flat.ts";
import { formatChange, formatNs, formatPercent } from "./format.ts";
import {
  crateTable,
  engineTable,
  gradeBandsText,
  type GradeRow,
  gradeRows,
  type NumberCell,
  scalingTable,
  type TextTable,
  tierTable,
} from "./tables.ts";
import type { Report, ScalingFit } from "./schema.ts";
import { crateHighlights, summaryLines } from "./summary.ts";
import {
  changeChart,
  escapeXml,
  GRADE_COLORS,
  gradeDistributionChart,
  headroomChart,
  scalingChart,
  SERIES_COLORS,
  sparkline,
  timelineChart,
  trendChart,
} from "./svg.ts";

const STYLE = `
:root { color-scheme: light; --fg: #24292f; --muted: #57606a; --line: #d0d7de; --bg: #fff; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 1200px; margin: 0 auto; padding: 12px 16px; }
h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); }
.quick { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px 12px; border-radius: 6px; font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px; }
.card { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.card b { display: block; font-size: 20px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 480px), 1fr)); gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: var(--bg); }
figcaption { color: var(--muted); font-size: 13px; margin-bottom: 4px; }
svg.chart { width: 100%; height: auto; display: block; font-size: 12px; }
svg .grid { stroke: #eaeef2; } svg .tick { fill: var(--muted); } svg .axis-label { fill: var(--fg); font-size: 13px; }
svg .legend text { fill: var(--fg); font-size: 12px; }
svg .bar-name { fill: var(--fg); font-size: 10px; }
.series-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; margin: 4px 0 0; padding: 0; list-style: none; }
.series-legend span { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 4px; }
details.family { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 4px 8px; }
details.family summary { cursor: pointer; font-weight: 600; }
.highlights { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 360px), 1fr)); gap: 8px 16px; }
.highlights h3 { font-size: 14px; margin: 8px 0 2px; } .highlights ul { margin: 0; padding-left: 1.2em; }
.scroll { overflow-x: auto; } .scroll + .scroll { margin-top: 16px; }
.scroll.tall { max-height: 70vh; overflow-y: auto; border: 1px solid var(--line); border-radius: 6px; }
.scroll.tall thead th { position: sticky; top: 0; background: var(--bg); z-index: 1; }
#summary h2 { margin-top: 8px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: middle; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
.grade { display: inline-block; min-width: 2em; text-align: center; border-radius: 4px; color: #fff; font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.controls label { display: flex; gap: 4px; align-items: center; }
.note { color: var(--muted); font-size: 12px; }
.bad { color: #cf222e; }
.warn { color: #9a6700; }
.good { color: #1a7f37; }
ul.summary { padding-left: 1.2em; line-height: 1.5; overflow-wrap: anywhere; }
@media (max-width: 600px) {
  body { font-size: 13px; } .hide-narrow { display: none; } h1 { font-size: 18px; }
  figure { overflow-x: auto; } svg.chart { min-width: 520px; }
}
`;

// Sorting and filtering of the grade table; plain DOM, no library.
const SCRIPT = `
(() => {
  const table = document.getElementById("grade-table");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const crate = document.getElementById("filter-crate");
  const grade = document.getElementById("filter-grade");
  const text = document.getElementById("filter-text");
  const count = document.getElementById("grade-count");
  function filter() {
    let shown = 0;
    const needle = text.value.trim().toLowerCase();
    for (const row of rows) {
      const ok = (!crate.value || row.dataset.crate === crate.value) &&
        (!grade.value || row.dataset.grade === grade.value) &&
        (!needle || row.dataset.id.toLowerCase().includes(needle));
      row.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + " of " + rows.length + " benchmarks";
  }
  for (const control of [crate, grade, text]) control.addEventListener("input", filter);
  for (const th of table.tHead.rows[0].cells) {
    const button = th.querySelector("button");
    if (!button) continue;
    button.addEventListener("click", () => {
      const index = th.cellIndex;
      const numeric = th.dataset.type === "number";
      const direction = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
      const key = (row) => {
        const cell = row.cells[index];
        const value = cell.dataset.value ?? cell.textContent.trim();
        return numeric ? (value === "" ? Infinity : Number(value)) : value;
      };
      const sorted = rows.slice().sort((a, b) => {
        const x = key(a), y = key(b);
        if (numeric) return x === y ? 0 : (x === Infinity ? 1 : y === Infinity ? -1 : (x - y) * direction);
        return x.localeCompare(y) * direction;
      });
      for (const row of sorted) body.appendChild(row);
    });
  }
  filter();
})();
`;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function gradeBadge(grade: string | null): string {
  return grade
    ? `<span class="grade" style="background:${GRADE_COLORS[grade]}">${escapeXml(grade)}</span>`
    : "";
}

/** The grade cell of each grade (and of none), made once: 10,000 rows share five. */
const GRADE_CELLS = new Map<string | null, string>(
  [null, ...GRADES].map((grade) => [
    grade,
    `<td data-value="${grade ? GRADES.indexOf(grade) : ""}">${gradeBadge(grade)}</td>`,
  ]),
);

/** A number cell of the grade table; `empty` is shown when the cell has no text. */
function numberCell(c: NumberCell, empty: string): string {
  return `<td class="num" data-value="${c.value ?? ""}">${escapeXml(c.text || empty)}</td>`;
}

/**
 * One row of the grade table. A crate's name is escaped once per table (`crateText`), not twice
 * per row: this runs 10,000 times, and each piece is garbage the moment the row is joined.
 */
function gradeRow(
  r: GradeRow,
  series: (number | null)[] | undefined,
  crateText: string,
): string {
  return `<tr data-crate="${crateText}" data-grade="${r.grade ?? ""}" data-id="${
    escapeXml(r.id)
  }"><td>${crateText}</td><td>${escapeXml(r.group)}</td><td>${escapeXml(r.name)}</td>${
    numberCell(r.avg, "")
  }${numberCell(r.p75, "")}${numberCell(r.budget, "—")}${numberCell(r.headroom, "")}${
    GRADE_CELLS.get(r.grade)
  }${numberCell(r.spread, "")}<td class="hide-narrow">${
    series ? sparkline(series, r.id) : ""
  }</td><td class="${r.failed ? "bad" : ""}">${escapeXml(r.notes)}</td></tr>`;
}

/** Scaling fits grouped by crate, each with its index (chart ids stay unique). */
function scalingByCrate(fits: ScalingFit[]): [string, { fit: ScalingFit; index: number }[]][] {
  const byCrate = new Map<string, { fit: ScalingFit; index: number }[]>();
  fits.forEach((fit, index) => {
    const list = byCrate.get(fit.crate) ?? [];
    list.push({ fit, index });
    byCrate.set(fit.crate, list);
  });
  return [...byCrate];
}

function section(title: string, body: string, id: string): string {
  return `<section id="${id}"><h2>${escapeXml(title)}</h2>${body}</section>`;
}

const htmlTable = (t: TextTable) => simpleTable(t.headers, t.rows, t.numeric);

/** Tables longer than this scroll inside a box of 70% of the window height. */
const TALL_ROWS = 20;

function simpleTable(
  headers: string[],
  rows: string[][],
  numeric: number[] = [],
  tall = rows.length > TALL_ROWS,
): string {
  const cls = (i: number) => (numeric.includes(i) ? ` class="num"` : "");
  return `<div class="scroll${tall ? " tall" : ""}"><table><thead><tr>${
    headers.map((h, i) => `<th${cls(i)}>${escapeXml(h)}</th>`).join("")
  }</tr></thead><tbody>${
    joinMapped(
      rows,
      (r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeXml(c)}</td>`).join("")}</tr>`,
    )
  }</tbody></table></div>`;
}

/** Renders `index.html`. */
export function renderHtml(report: Report): string {
  const { run, coverage, floor } = report;
  const quick = run.quick;
  const graded = report.benchmarks.filter((b) => b.grade !== null && b.headroom !== null);
  const gradeCounts = new Map<string, Record<string, number>>();
  for (const b of graded) {
    const counts = gradeCounts.get(b.crate) ?? {};
    counts[b.grade!] = (counts[b.grade!] ?? 0) + 1;
    gradeCounts.set(b.crate, counts);
  }
  const tableRows = report.benchmarks.filter((b) => b.kind !== "floor");
  const crates = [...new Set(tableRows.map((b) => b.crate))].sort();

  const summary = `<section id="summary"><h2>Summary</h2><ul class="summary">${
    summaryLines(report).map((line) =>
      `<li class="${line.tone === "plain" ? "" : line.tone}">${escapeXml(line.text)}</li>`
    ).join("")
  }</ul></section>`;
  const header = `<header><h1>AstraWeave benchmark report</h1>` +
    (quick
      ? `<p class="quick" id="quick-banner">QUICK RUN: the benches ran to prove they work; their times are not measurements and this run is not in history.</p>`
      : "") +
    `<p class="meta">${escapeXml(run.date.slice(0, 16).replace("T", " "))} UTC · ${
      escapeXml(
        run.commit
          ? `commit ${run.commit.slice(0, 12)}${run.dirty ? " (uncommitted changes)" : ""}`
          : "not a git checkout",
      )
    } · ${escapeXml(run.runtime ?? "")} · ${escapeXml(run.cpu ?? "")} · ${
      escapeXml(
        run.source === "run"
          ? `${plural(run.inputs.length, "bench file")}, ${plural(run.repeats, "run")}`
          : `imported from ${run.inputs.join(", ")}`,
      )
    }</p></header>`;

  const cards = `<div class="cards">` + [
    [
      "coverage",
      formatPercent(coverage.covered.length, coverage.members.length),
      `${coverage.covered.length} of ${coverage.members.length} crates`,
    ],
    [
      "benchmarks",
      String(coverage.benchmarks),
      `${coverage.passing} passing, ${coverage.failed} failed`,
    ],
    ["groups", String(coverage.groups), "in engine crates"],
    [
      "harness floor",
      quick ? "quick" : floor ? formatNs(floor.p75) : "none",
      quick ? "not measured" : `results ≤ ${floor?.factor ?? 1.5}× are "≤ floor"`,
    ],
    [
      "deferred",
      String(coverage.deferred.length),
      coverage.deferred.map((d) => d.crate).join(", ") || "none",
    ],
    [
      "regressions",
      report.comparison?.timesCompared ? String(report.comparison.regressed) : "—",
      report.comparison ? `vs ${report.comparison.baseline.file}` : "no baseline",
    ],
  ].map(([label, value, note]) =>
    `<div class="card">${escapeXml(label)}<b>${escapeXml(value)}</b><span class="note">${
      escapeXml(note)
    }</span></div>`
  ).join("") + `</div>`;

  const crateSummary = htmlTable(
    crateTable(report.crates.filter((c) => c.member || c.benchmarks > 0)),
  );
  const tiers = coverage.tiers.length ? htmlTable(tierTable(coverage.tiers)) : "";
  const engine = coverage.engine
    ? `<details class="family" id="engine-crates"><summary>${
      escapeXml(
        `Engine crates: ${coverage.engine.covered} of ${coverage.engine.total} covered (${
          formatPercent(coverage.engine.covered, coverage.engine.total)
        })`,
      )
    }</summary>${htmlTable(engineTable(coverage.engine))}</details>`
    : "";
  const trend = report.timeline.trend.filter((t) => t.points.length);
  const highlights = quick
    ? ""
    : `<div class="highlights">${
      report.crates.filter((c) => c.benchmarks > 0).map((c) => {
        const lines = crateHighlights(report, c.crate);
        return lines.length
          ? `<div><h3>${escapeXml(c.crate)}</h3><ul>${
            lines.map((line) => `<li>${escapeXml(line)}</li>`).join("")
          }</ul></div>`
          : "";
      }).join("")
    }</div>`;

  const charts = `<div class="charts">` +
    `<figure><figcaption>Benchmarks and coverage, one point per full run in history.</figcaption>${
      timelineChart(report.timeline.runs)
    }</figure>` +
    (quick
      ? ""
      : `<figure><figcaption>Are we getting faster? Per crate, the geometric mean of p75 against each benchmark's first run (below 1×: faster).</figcaption>${
        trendChart(trend)
      }<ul class="series-legend">${
        trend.map((t, i) =>
          `<li><span style="background:${SERIES_COLORS[i % SERIES_COLORS.length]}"></span>${
            escapeXml(t.crate)
          }</li>`
        ).join("")
      }</ul></figure>`) +
    (quick
      ? ""
      : `<figure><figcaption>Graded benchmarks per crate, by grade.</figcaption>${
        gradeDistributionChart(
          crates.filter((c) => gradeCounts.has(c)).map((crate) => ({
            crate,
            counts: gradeCounts.get(crate)!,
          })),
          GRADES,
        )
      }</figure>` +
        `<figure><figcaption>Headroom of each graded benchmark; the solid line is the budget (1×), dashed lines the grade bands.</figcaption>${
          headroomChart(
            graded.map((b) => ({
              id: b.id,
              headroom: b.headroom!,
              grade: b.grade!,
              atFloor: b.atFloor,
            })),
            report.settings.bands,
          )
        }</figure>`) +
    `</div>`;

  const controls =
    `<div class="controls"><label>crate <select id="filter-crate"><option value="">all</option>${
      crates.map((c) => `<option value="${escapeXml(c)}">${escapeXml(c)}</option>`).join("")
    }</select></label><label>grade <select id="filter-grade"><option value="">all</option>${
      GRADES.map((g) => `<option value="${g}">${g}</option>`).join("")
    }</select></label><label>name <input id="filter-text" type="search" placeholder="filter by name"></label><span id="grade-count" class="note"></span></div>`;
  const head = [
    ["crate", "text"],
    ["group", "text"],
    ["benchmark", "text"],
    ["avg", "number"],
    ["p75", "number"],
    ["budget", "number"],
    ["headroom", "number"],
    ["grade", "number"],
    ["spread", "number"],
    ["history (p75)", ""],
    ["notes", ""],
  ].map(([label, type]) =>
    type
      ? `<th${
        type === "number" ? ' class="num"' : ""
      } data-type="${type}"><button type="button">${label}</button></th>`
      : `<th${label.startsWith("history") ? ' class="hide-narrow"' : ""}>${label}</th>`
  ).join("");
  const escapedCrates = new Map<string, string>();
  const gradeTable = controls +
    `<div class="scroll tall"><table id="grade-table"><thead><tr>${head}</tr></thead><tbody>${
      joinMapped(
        gradeRows(report.benchmarks, quick),
        (r) => {
          let crateText = escapedCrates.get(r.crate);
          if (crateText === undefined) escapedCrates.set(r.crate, crateText = escapeXml(r.crate));
          return gradeRow(r, quick ? undefined : report.timeline.series[r.key], crateText);
        },
      )
    }</tbody></table></div>` +
    `<p class="note">Headroom = budget ÷ p75 (never a p75 below the harness floor). Bands: ${
      gradeBandsText(report.settings)
    }. Spread = p99 ÷ min; over ${report.settings.noisySpread}× is noisy.</p>`;

  const scaling = quick ? "" : report.scaling.length
    ? htmlTable(scalingTable(report.scaling)) +
      (report.scaling.length > report.settings.scalingCharts
        ? `<p class="note">Charts for the first ${report.settings.scalingCharts} of ${report.scaling.length} families; every fit is in the table above and in latest.json.</p>`
        : "") +
      scalingByCrate(report.scaling.slice(0, report.settings.scalingCharts)).map(([crate, fits]) =>
        `<details class="family" data-crate="${escapeXml(crate)}"><summary>${
          escapeXml(`${crate}: ${plural(fits.length, "family")} (${
            fits.map(({ fit }) => fit.verdict.label).filter((v, i, all) =>
              all.indexOf(v) === i
            ).join(", ")
          })`)
        }</summary><div class="charts">${
          fits.map(({ fit: f, index: i }) =>
            `<figure><figcaption>${
              escapeXml(
                `${f.crate} / ${f.group} / ${f.family}: ${f.verdict.label}${
                  f.exponent === null
                    ? ""
                    : `, exponent ${f.exponent.toFixed(2)}, R² ${f.rSquared!.toFixed(3)}`
                }`,
              )
            }</figcaption>${
              scalingChart({
                key: `${f.crate}/${f.group}/${f.family}`,
                title: `${f.crate} ${f.group} ${f.family}: ${f.measure} against size`,
                unit: f.unit,
                measure: f.measure,
                points: f.points,
                exponent: f.exponent,
                intercept: f.intercept,
              }, i)
            }</figure>`
          ).join("")
        }</div></details>`
      ).join("")
    : "<p>No parameterized family in this run.</p>";

  const c = report.comparison;
  const flagged =
    c?.changes.filter((ch) => ch.verdict !== "unchanged" && ch.verdict !== "not gated") ?? [];
  const changeTable = flagged.length
    ? `<div class="charts"><figure><figcaption>Changed benchmarks: after ÷ before.</figcaption>${
      changeChart(
        flagged.filter((ch) =>
          ch.verdict === "regressed" || ch.verdict === "improved" ||
          ch.verdict === "inconclusive"
        ).map((ch) => ({
          id: ch.key,
          factor: ch.factorP75,
          verdict: ch.verdict,
        })),
      )
    }</figure></div>` + simpleTable(
      ["benchmark", "before p75", "after p75", "change", "verdict", "decided by"],
      flagged.map((ch) => [
        ch.key,
        formatNs(ch.before.p75),
        formatNs(ch.after.p75),
        formatChange(ch.factorP75),
        ch.verdict,
        ch.rule ?? "",
      ]),
      [1, 2, 3],
    )
    : c?.timesCompared
    ? "<p>No benchmark moved past its threshold.</p>"
    : "";
  const machine = c?.machine?.changed
    ? `<p class="warn" id="machine-changed">${
      escapeXml(
        `The machine changed: ${
          c.machine.reasons.join("; ")
        }. Regressions that do not clear the shift are inconclusive.`,
      )
    }</p>`
    : "";
  const comparison = !c ? "<p>No baseline.</p>" : machine +
    `<p>Against ${escapeXml(c.baseline.file)} (${escapeXml(c.baseline.date.slice(0, 10))}): ${
      c.timesCompared
        ? `${plural(c.regressed, "regression")}, ${c.inconclusive} inconclusive, ${
          plural(c.improved, "improvement")
        }, `
        : "times not compared (a quick run), "
    }${c.added.length} added, ${c.removed.length} removed.</p>` + changeTable;

  const failures = report.benchmarks.filter((b) => b.status === "failed");
  const problems = coverage.deferred.length || failures.length
    ? `<ul>${
      coverage.deferred.map((d) =>
        `<li>deferred ${escapeXml(d.crate)}: ${escapeXml(d.reason)}</li>`
      ).join("")
    }${
      failures.map((b) =>
        `<li class="bad">failed ${escapeXml(b.id)}: ${escapeXml(b.error?.message ?? "")}</li>`
      ).join("")
    }</ul>`
    : "<p>None.</p>";

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>AstraWeave benchmark report${
    quick ? " (quick run)" : ""
  }</title><style>${STYLE}</style></head>
<body>${header}<main>${summary}${cards}` +
    section("Coverage", crateSummary + tiers + engine, "coverage") +
    (highlights ? section("Highlights", highlights, "highlights") : "") +
    section("Charts", charts, "charts") +
    section("Grades", gradeTable, "grades") +
    section("Scaling", scaling, "scaling") +
    section("Before and after", comparison, "comparison") +
    section("Failures and deferred crates", problems, "problems") +
    `</main><script>${SCRIPT}</script></body></html>\n`;
}
