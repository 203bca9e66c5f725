/**
 * Charts as inline SVG strings for the dashboard: no library, no network. Every chart has axis
 * labels with units and a legend where it has more than one series; every data mark carries the
 * class `mark` (and a `<title>` for its tooltip), so a test can count marks against the data.
 *
 * @module
 */

import { joinMapped } from "./flat.ts";
import { formatFactor, formatNs } from "./format.ts";

/**
 * Escapes text for HTML and SVG content and attributes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeXml } from "./svg.ts";
 * assert.equal(escapeXml(`<a href="x">&`), "&lt;a href=&quot;x&quot;&gt;&amp;");
 * ```
 */
export function escapeXml(text: string): string {
  if (!/[&<>"']/.test(text)) return text; // most names need nothing, and this runs per cell
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll(
    '"',
    "&quot;",
  )
    .replaceAll("'", "&#39;");
}

/** Colours of the grades, shared by the charts and the table. */
export const GRADE_COLORS: Record<string, string> = {
  "A+": "#1a7f37",
  A: "#4ac26b",
  B: "#2f81f7",
  C: "#d29922",
  F: "#cf222e",
};

const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { left: 64, right: 64, top: 36, bottom: 52 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Every tenth from 0 to the chart width, as text, made once: the sparklines and headroom bars of
 * 10,000 benchmarks would otherwise turn 700,000 coordinates into strings one by one.
 */
let tenthsText: string[] | undefined;

/** `String(round(value))`, from the table when the value lies on the chart. */
function coordinate(value: number): string {
  tenthsText ??= Array.from({ length: WIDTH * 10 + 1 }, (_, i) => String(i / 10));
  const tenths = Math.round(value * 10);
  return tenthsText[tenths] ?? String(tenths / 10);
}

/** A chart with nothing to draw: its frame and `message` in the middle. */
function emptyChart(id: string, title: string, message: string): string {
  return frame(
    id,
    title,
    `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">${escapeXml(message)}</text>`,
  );
}

function frame(id: string, title: string, body: string, height = HEIGHT): string {
  return `<svg id="${id}" class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${
    escapeXml(title)
  }</title>${body}</svg>`;
}

function axisLabel(x: number, y: number, text: string, rotate = false): string {
  const transform = rotate ? ` transform="rotate(-90 ${round(x)} ${round(y)})"` : "";
  return `<text class="axis-label" x="${round(x)}" y="${
    round(y)
  }" text-anchor="middle"${transform}>${escapeXml(text)}</text>`;
}

function legend(items: { label: string; color: string; shape?: "line" | "box" }[], y = 16): string {
  let x = MARGIN.left;
  return `<g class="legend">${
    items.map((item) => {
      const swatch = item.shape === "line"
        ? `<line x1="${x}" y1="${y - 4}" x2="${x + 16}" y2="${
          y - 4
        }" stroke="${item.color}" stroke-width="2"/>`
        : `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${item.color}"/>`;
      const text = `<text x="${x + 20}" y="${y}">${escapeXml(item.label)}</text>`;
      x += 28 + item.label.length * 7;
      return swatch + text;
    }).join("")
  }</g>`;
}

/** "Nice" ticks from 0 to at least `max`. */
function linearTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks = [];
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Powers of ten covering [min, max], with 2 and 5 between when the span is under two decades. */
export function logTicks(min: number, max: number): number[] {
  // A log axis needs positive, finite ends; anything else gets one decade rather than a crash.
  if (!(min > 0 && max >= min && Number.isFinite(max))) return [1, 10];
  const low = Math.floor(Math.log10(min));
  const high = Math.max(Math.ceil(Math.log10(max)), low + 1);
  const ticks: number[] = [];
  for (let e = low; e <= high; e++) {
    ticks.push(10 ** e);
    if (high - low <= 2 && e < high) ticks.push(2 * 10 ** e, 5 * 10 ** e);
  }
  return ticks;
}

const compact = (value: number) =>
  value >= 1e6
    ? `${Number((value / 1e6).toPrecision(3))}M`
    : value >= 1e3
    ? `${Number((value / 1e3).toPrecision(3))}k`
    : `${Number(value.toPrecision(3))}`;

/** Horizontal grid lines across the plot, labelled on the left: one per tick. */
function yGrid(ticks: number[], y: (v: number) => number, label: (v: number) => string): string {
  return ticks.map((tick) => {
    const at = round(y(tick));
    return `<line class="grid" x1="${MARGIN.left}" x2="${
      MARGIN.left + PLOT_W
    }" y1="${at}" y2="${at}"/>` +
      `<text class="tick" x="${MARGIN.left - 6}" y="${at + 4}" text-anchor="end">${
        escapeXml(label(tick))
      }</text>`;
  }).join("");
}

/** Vertical grid lines from `top` to `bottom`, labelled below: one per tick. */
function xGrid(
  ticks: number[],
  x: (v: number) => number,
  label: (v: number) => string,
  top: number,
  bottom: number,
): string {
  return ticks.map((tick) => {
    const at = round(x(tick));
    return `<line class="grid" x1="${at}" x2="${at}" y1="${top}" y2="${bottom}"/>` +
      `<text class="tick" x="${at}" y="${bottom + 16}" text-anchor="middle">${
        escapeXml(label(tick))
      }</text>`;
  }).join("");
}

/** Vertical space between band labels (a 12 px font's box is about 14 high). */
const BAND_LABEL_GAP = 15;
/** How many of the lowest-headroom bars carry their benchmark's name. */
const WORST_NAMED = 3;

/** One run of the timeline chart. */
export interface TimelinePoint {
  date: string;
  benchmarks: number;
  percent: number;
}

/**
 * Coverage and benchmark count over time: benchmarks on the left axis, coverage % on the right,
 * one mark per run for each.
 */
export function timelineChart(runs: TimelinePoint[]): string {
  const id = "chart-timeline";
  const title = "Benchmarks and coverage over time";
  if (!runs.length) {
    return emptyChart(id, title, "No full run in history yet");
  }
  const yTicks = linearTicks(Math.max(...runs.map((r) => r.benchmarks), 1));
  const yMax = yTicks.at(-1)!;
  const x = (i: number) =>
    MARGIN.left + (runs.length === 1 ? PLOT_W / 2 : (i / (runs.length - 1)) * PLOT_W);
  const yLeft = (v: number) => MARGIN.top + PLOT_H - (v / yMax) * PLOT_H;
  const yRight = (v: number) => MARGIN.top + PLOT_H - (v / 100) * PLOT_H;
  const parts: string[] = [];
  parts.push(yGrid(yTicks, yLeft, compact));
  for (const tick of [0, 25, 50, 75, 100]) {
    parts.push(
      `<text class="tick" x="${MARGIN.left + PLOT_W + 6}" y="${
        round(yRight(tick)) + 4
      }">${tick}%</text>`,
    );
  }
  // Runs of one day are told apart by their time; runs that share a date among others by their
  // date and time; otherwise by their date.
  const oneDay = runs[0].date.slice(0, 10) === runs.at(-1)!.date.slice(0, 10);
  const days = runs.map((r) => r.date.slice(0, 10));
  const sharedDay = !oneDay && new Set(days).size < days.length;
  const labelEvery = Math.max(1, Math.ceil(runs.length / 6));
  runs.forEach((run, i) => {
    if (i % labelEvery === 0 || i === runs.length - 1) {
      parts.push(
        `<text class="tick" x="${round(x(i))}" y="${
          MARGIN.top + PLOT_H + 16
        }" text-anchor="middle">${
          escapeXml(
            oneDay
              ? run.date.slice(11, 16)
              : sharedDay
              ? `${run.date.slice(5, 10)} ${run.date.slice(11, 16)}`
              : run.date.slice(5, 10),
          )
        }</text>`,
      );
    }
  });
  const line = (y: (v: number) => number, pick: (r: TimelinePoint) => number) =>
    runs.map((r, i) => `${round(x(i))},${round(y(pick(r)))}`).join(" ");
  parts.push(
    `<polyline class="series" fill="none" stroke="#2f81f7" stroke-width="2" points="${
      line(yLeft, (r) => r.benchmarks)
    }"/>`,
    `<polyline class="series" fill="none" stroke="#1a7f37" stroke-width="2" stroke-dasharray="5 3" points="${
      line(yRight, (r) => r.percent)
    }"/>`,
  );
  runs.forEach((r, i) => {
    parts.push(
      `<circle class="mark mark-benchmarks" cx="${round(x(i))}" cy="${
        round(yLeft(r.benchmarks))
      }" r="3.5" fill="#2f81f7"><title>${
        escapeXml(`${r.date.slice(0, 16).replace("T", " ")}: ${r.benchmarks} benchmarks`)
      }</title></circle>`,
      `<rect class="mark mark-coverage" x="${round(x(i)) - 3}" y="${
        round(yRight(r.percent)) - 3
      }" width="6" height="6" fill="#1a7f37"><title>${
        escapeXml(`${r.date.slice(0, 16).replace("T", " ")}: coverage ${r.percent.toFixed(1)}%`)
      }</title></rect>`,
    );
  });
  parts.push(
    axisLabel(
      MARGIN.left + PLOT_W / 2,
      HEIGHT - 12,
      oneDay
        ? `run time on ${runs[0].date.slice(0, 10)} (hour:minute, UTC)`
        : sharedDay
        ? "run date and time (month-day hour:minute, UTC)"
        : "run date (month-day, UTC)",
    ),
    axisLabel(16, MARGIN.top + PLOT_H / 2, "benchmarks", true),
    axisLabel(WIDTH - 12, MARGIN.top + PLOT_H / 2, "coverage (% of crates)", true),
    legend([{ label: "benchmarks", color: "#2f81f7", shape: "line" }, {
      label: "coverage %",
      color: "#1a7f37",
      shape: "line",
    }]),
  );
  return frame(id, title, parts.join(""));
}

/** Graded benchmarks per crate and grade. */
export interface GradeCounts {
  crate: string;
  counts: Record<string, number>;
}

/** Per-crate grade distribution: one stacked horizontal bar per crate, one segment per grade present. */
export function gradeDistributionChart(rows: GradeCounts[], grades: readonly string[]): string {
  const id = "chart-grades";
  const title = "Grades per crate";
  if (!rows.length) {
    return emptyChart(id, title, "No graded benchmark");
  }
  const barH = 22;
  const left = 190;
  const height = MARGIN.top + rows.length * (barH + 8) + MARGIN.bottom;
  const plotH = rows.length * (barH + 8);
  const max = Math.max(...rows.map((r) => Object.values(r.counts).reduce((a, b) => a + b, 0)));
  const ticks = linearTicks(max);
  const xMax = ticks.at(-1)!;
  const plotW = WIDTH - left - 24;
  const x = (v: number) => left + (v / xMax) * plotW;
  const parts: string[] = [];
  parts.push(xGrid(ticks, x, String, MARGIN.top, MARGIN.top + plotH));
  rows.forEach((row, i) => {
    const y = MARGIN.top + i * (barH + 8) + 4;
    parts.push(
      `<text class="tick" x="${left - 8}" y="${y + barH / 2 + 4}" text-anchor="end">${
        escapeXml(row.crate)
      }</text>`,
    );
    let at = 0;
    for (const grade of grades) {
      const count = row.counts[grade] ?? 0;
      if (!count) continue;
      parts.push(
        `<rect class="mark" data-crate="${
          escapeXml(row.crate)
        }" data-grade="${grade}" data-count="${count}" x="${round(x(at))}" y="${y}" width="${
          round(x(at + count) - x(at))
        }" height="${barH}" fill="${GRADE_COLORS[grade]}"><title>${
          escapeXml(`${row.crate}: ${count} × ${grade}`)
        }</title></rect>`,
      );
      at += count;
    }
  });
  parts.push(
    axisLabel(left + plotW / 2, height - 12, "graded benchmarks (count)"),
    legend(grades.map((g) => ({ label: g, color: GRADE_COLORS[g] }))),
  );
  return frame(id, title, parts.join(""), height);
}

/** A graded benchmark's headroom. */
export interface HeadroomPoint {
  id: string;
  headroom: number;
  grade: string;
  atFloor: boolean;
}

/**
 * Headroom per benchmark on a log scale: one bar per graded benchmark, sorted, rising from the
 * budget line (1×) when under budget and falling below it when over; dashed lines at the bands.
 */
export function headroomChart(
  points: HeadroomPoint[],
  bands: { grade: string; minHeadroom: number }[],
): string {
  const id = "chart-headroom";
  const title = "Headroom per benchmark (budget ÷ p75, log scale)";
  if (!points.length) {
    return emptyChart(id, title, "No graded benchmark");
  }
  const sorted = [...points].sort((a, b) => a.headroom - b.headroom);
  const values = sorted.map((p) => p.headroom);
  const ticks = logTicks(Math.min(0.5, ...values), Math.max(10, ...values));
  const lo = Math.log10(ticks[0]);
  const hi = Math.log10(ticks.at(-1)!);
  const y = (v: number) => MARGIN.top + PLOT_H - ((Math.log10(v) - lo) / (hi - lo)) * PLOT_H;
  const step = PLOT_W / sorted.length;
  const parts: string[] = [];
  parts.push(yGrid(ticks, y, (tick) => `${compact(tick)}×`));
  // Band labels sit beside their lines, pushed apart where bands are close (B 1.25× and C 1×).
  let lastLabel = -Infinity;
  const shown = bands.filter((b) => b.minHeadroom > 0).sort((a, b) =>
    b.minHeadroom - a.minHeadroom
  );
  for (const band of shown) {
    const at = round(y(band.minHeadroom));
    const labelY = Math.max(at + 4, lastLabel + BAND_LABEL_GAP);
    lastLabel = labelY;
    parts.push(
      `<line class="band" x1="${MARGIN.left}" x2="${
        MARGIN.left + PLOT_W
      }" y1="${at}" y2="${at}" stroke="${GRADE_COLORS[band.grade]}" stroke-dasharray="4 3"/>`,
      `<text class="tick band-label" x="${MARGIN.left + PLOT_W + 4}" y="${labelY}" fill="${
        GRADE_COLORS[band.grade]
      }">${band.grade} ${compact(band.minHeadroom)}×</text>`,
    );
  }
  const base = y(1);
  // One bar per graded benchmark, joined in flat chunks (10,000 bars kept as ropes until the join
  // were what the collector moved).
  const barWidth = coordinate(Math.max(step * 0.8, 0.5));
  parts.push(joinMapped(sorted, (p, i) => {
    const at = y(p.headroom);
    const top = Math.min(base, at);
    const height = Math.max(1, Math.abs(at - base));
    const id = escapeXml(p.id);
    return `<rect class="mark" data-id="${id}" x="${
      coordinate(MARGIN.left + i * step + step * 0.1)
    }" y="${coordinate(top)}" width="${barWidth}" height="${coordinate(height)}" fill="${
      GRADE_COLORS[p.grade] ?? "#888"
    }"><title>${id}${
      escapeXml(`: ${p.atFloor ? "≥ " : ""}${formatFactor(p.headroom)} (${p.grade})`)
    }</title></rect>`;
  }));
  // The worst few, named in the empty upper left (bars rise to the right), each with a leader
  // line to its bar: the bars a reader needs to find.
  sorted.slice(0, WORST_NAMED).forEach((p, i) => {
    const barX = round(MARGIN.left + i * step + step / 2);
    const barTop = round(Math.min(base, y(p.headroom)));
    const labelX = MARGIN.left + 24;
    const labelY = MARGIN.top + 14 + i * 14;
    parts.push(
      `<line class="leader" x1="${labelX - 2}" y1="${
        labelY - 4
      }" x2="${barX}" y2="${barTop}" stroke="#8c959f" stroke-width="0.6"/>`,
      `<text class="bar-name" x="${labelX}" y="${labelY}">${
        escapeXml(`${i + 1}. ${p.id} ${p.atFloor ? "≥ " : ""}${formatFactor(p.headroom)}`)
      }</text>`,
    );
  });
  parts.push(
    `<line class="budget-line" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${
      round(base)
    }" y2="${round(base)}" stroke="#24292f" stroke-width="1.5"/>`,
    axisLabel(
      MARGIN.left + PLOT_W / 2,
      HEIGHT - 12,
      `graded benchmarks, sorted by headroom (${sorted.length})`,
    ),
    axisLabel(16, MARGIN.top + PLOT_H / 2, "headroom (× budget, log)", true),
    legend([
      ...bands.filter((b) => b.minHeadroom > 0).map((b) => ({
        label: `${b.grade} ≥ ${b.minHeadroom}×`,
        color: GRADE_COLORS[b.grade],
      })),
      { label: "F over budget", color: GRADE_COLORS.F },
    ]),
  );
  return frame(id, title, parts.join(""));
}

/** A scaling family, ready to draw. */
export interface ScalingSeries {
  key: string;
  title: string;
  unit: string;
  measure: string;
  points: { size: number; value: number; id: string }[];
  exponent: number | null;
  intercept: number | null;
}

/** One family's value against size on log-log axes, with its fitted line. */
export function scalingChart(series: ScalingSeries, index: number): string {
  const id = `chart-scaling-${index}`;
  const sizes = series.points.map((p) => p.size);
  const values = series.points.map((p) => p.value);
  const xTicks = logTicks(Math.min(...sizes), Math.max(...sizes));
  const yTicks = logTicks(Math.min(...values), Math.max(...values));
  const [xLo, xHi] = [Math.log10(xTicks[0]), Math.log10(xTicks.at(-1)!)];
  const [yLo, yHi] = [Math.log10(yTicks[0]), Math.log10(yTicks.at(-1)!)];
  const x = (v: number) => MARGIN.left + ((Math.log10(v) - xLo) / (xHi - xLo || 1)) * PLOT_W;
  const y = (v: number) =>
    MARGIN.top + PLOT_H - ((Math.log10(v) - yLo) / (yHi - yLo || 1)) * PLOT_H;
  const time = series.measure === "time";
  const yText = (v: number) => (time ? formatNs(v) : compact(v));
  const parts: string[] = [];
  parts.push(xGrid(xTicks, x, compact, MARGIN.top, MARGIN.top + PLOT_H));
  parts.push(yGrid(yTicks, y, yText));
  if (series.exponent !== null && series.intercept !== null) {
    const at = (size: number) => Math.exp(series.intercept! + series.exponent! * Math.log(size));
    const [from, to] = [Math.min(...sizes), Math.max(...sizes)];
    parts.push(
      `<line class="fit-line" x1="${round(x(from))}" y1="${round(y(at(from)))}" x2="${
        round(x(to))
      }" y2="${round(y(at(to)))}" stroke="#cf222e" stroke-width="1.5" stroke-dasharray="6 3"/>`,
    );
  }
  for (const p of series.points) {
    parts.push(
      `<circle class="mark" cx="${round(x(p.size))}" cy="${
        round(y(p.value))
      }" r="4" fill="#2f81f7"><title>${
        escapeXml(`${p.id}: ${yText(p.value)} at ${p.size} ${series.unit}`)
      }</title></circle>`,
    );
  }
  parts.push(
    axisLabel(MARGIN.left + PLOT_W / 2, HEIGHT - 12, `size (${series.unit}, log scale)`),
    axisLabel(
      16,
      MARGIN.top + PLOT_H / 2,
      time ? "p75 time per call (log)" : `${series.measure} (log)`,
      true,
    ),
    legend([
      { label: time ? "measured p75" : series.measure, color: "#2f81f7" },
      {
        label: series.exponent === null ? "no fit" : `fit: size^${series.exponent.toFixed(2)}`,
        color: "#cf222e",
        shape: "line",
      },
    ]),
  );
  return frame(id, series.title, parts.join(""));
}

/**
 * A sparkline of a benchmark's p75 over the history's runs (null where a run lacked it): a line
 * with one vertex per measured run and a dot on the latest, no axes (the table row it sits in
 * says what it is). One element per point would make a 10,000-benchmark dashboard 13 MB.
 */
export function sparkline(values: (number | null)[], label: string): string {
  // One pass for the range and one for the vertices, with no array or closure per point: this
  // runs per row.
  let count = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    count++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!count) return "";
  // The last vertex drawn is the latest run's: its dot.
  let points = "";
  let lastX = "";
  let lastY = "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    lastX = coordinate(sparkX(i, values.length));
    lastY = coordinate(sparkY(v, lo, hi));
    points += points ? ` ${lastX},${lastY}` : `${lastX},${lastY}`;
  }
  const escaped = escapeXml(label);
  return `<svg class="sparkline" viewBox="0 0 ${SPARK_W} ${SPARK_H}" width="${SPARK_W}" height="${SPARK_H}" role="img" aria-label="${escaped}" xmlns="http://www.w3.org/2000/svg"><title>${escaped}${
    escapeXml(
      `: p75 over ${count} run${count === 1 ? "" : "s"}, ${formatNs(lo)} to ${formatNs(hi)}`,
    )
  }</title><polyline class="spark-line" fill="none" stroke="#57606a" stroke-width="1.2" points="${points}"/><circle class="mark" cx="${lastX}" cy="${lastY}" r="2.2" fill="#2f81f7"/></svg>`;
}

const SPARK_W = 120;
const SPARK_H = 28;
/** A sparkline vertex's x: `length` runs spread over the width, 4 units from each side. */
const sparkX = (i: number, length: number) =>
  length === 1 ? SPARK_W / 2 : 4 + (i / (length - 1)) * (SPARK_W - 8);
/** A sparkline vertex's y: `lo` at the bottom, `hi` at the top, 4 units from each edge. */
const sparkY = (v: number, lo: number, hi: number) =>
  hi === lo ? SPARK_H / 2 : SPARK_H - 4 - ((v - lo) / (hi - lo)) * (SPARK_H - 8);

/** A benchmark's change against the baseline, to draw. */
export interface ChangePoint {
  id: string;
  /** after ÷ before (p75). */
  factor: number;
  verdict: string;
}

const VERDICT_COLORS: Record<string, string> = {
  regressed: "#cf222e",
  inconclusive: "#9a6700",
  improved: "#1a7f37",
};

/**
 * Before and after: one horizontal bar per changed benchmark, from 1× to its factor on a log
 * scale (right: slower, left: faster), coloured by verdict, named on the left.
 */
export function changeChart(points: ChangePoint[]): string {
  const id = "chart-changes";
  const title = "Change in p75 against the baseline (after ÷ before, log scale)";
  if (!points.length) {
    return emptyChart(id, title, "No benchmark changed");
  }
  const rowH = 16;
  const left = 250;
  const top = MARGIN.top;
  const height = top + points.length * rowH + 44;
  const factors = points.map((p) => p.factor);
  const ticks = logTicks(Math.min(0.5, ...factors), Math.max(2, ...factors));
  const lo = Math.log10(ticks[0]);
  const hi = Math.log10(ticks.at(-1)!);
  const plotW = WIDTH - left - 24;
  const x = (v: number) => left + ((Math.log10(v) - lo) / (hi - lo)) * plotW;
  const bottom = top + points.length * rowH;
  const parts = [xGrid(ticks, x, (t) => `${compact(t)}×`, top, bottom)];
  points.forEach((p, i) => {
    const yRow = top + i * rowH;
    const [from, to] = [x(1), x(p.factor)];
    parts.push(
      `<text class="tick" x="${left - 6}" y="${yRow + 12}" text-anchor="end">${
        escapeXml(p.id.length > 38 ? `…${p.id.slice(-37)}` : p.id)
      }</text>`,
      `<rect class="mark" data-id="${escapeXml(p.id)}" x="${round(Math.min(from, to))}" y="${
        yRow + 3
      }" width="${round(Math.max(1, Math.abs(to - from)))}" height="${rowH - 6}" fill="${
        VERDICT_COLORS[p.verdict] ?? "#8c959f"
      }"><title>${escapeXml(`${p.id}: ${formatFactor(p.factor)} (${p.verdict})`)}</title></rect>`,
    );
  });
  parts.push(
    `<line class="budget-line" x1="${round(x(1))}" x2="${
      round(x(1))
    }" y1="${top}" y2="${bottom}" stroke="#24292f"/>`,
    axisLabel(left + plotW / 2, height - 8, "after ÷ before (left: faster, right: slower)"),
    legend(Object.entries(VERDICT_COLORS).map(([label, color]) => ({ label, color }))),
  );
  return frame(id, title, parts.join(""), height);
}

/** A crate's trend: factor against its benchmarks' first runs, per run. */
export interface TrendSeries {
  crate: string;
  points: { date: string; factor: number }[];
}

export const SERIES_COLORS = [
  "#2f81f7",
  "#1a7f37",
  "#cf222e",
  "#8250df",
  "#9a6700",
  "#0550ae",
  "#bf3989",
];

/**
 * Per-crate performance trend: one line per crate, the geometric mean of p75 against each
 * benchmark's first run (log scale; below 1×: faster than then), over time.
 */
export function trendChart(series: TrendSeries[]): string {
  const id = "chart-trend";
  const title = "Trend per crate: p75 against each benchmark's first run (geometric mean)";
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
  if (dates.length === 0) {
    return emptyChart(id, title, "Not enough history yet");
  }
  const factors = series.flatMap((s) => s.points.map((p) => p.factor));
  const ticks = logTicks(Math.min(0.5, ...factors), Math.max(2, ...factors));
  const lo = Math.log10(ticks[0]);
  const hi = Math.log10(ticks.at(-1)!);
  const position = new Map(dates.map((date, i) => [date, i]));
  const x = (date: string) =>
    MARGIN.left +
    (dates.length === 1 ? PLOT_W / 2 : (position.get(date)! / (dates.length - 1)) * PLOT_W);
  const y = (v: number) => MARGIN.top + PLOT_H - ((Math.log10(v) - lo) / (hi - lo)) * PLOT_H;
  const parts = [yGrid(ticks, y, (t) => `${compact(t)}×`)];
  series.forEach((s, i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length];
    parts.push(
      `<polyline class="series" fill="none" stroke="${color}" stroke-width="2" points="${
        s.points.map((p) => `${round(x(p.date))},${round(y(p.factor))}`).join(" ")
      }"/>`,
      ...s.points.map((p) =>
        `<circle class="mark" data-crate="${escapeXml(s.crate)}" cx="${round(x(p.date))}" cy="${
          round(y(p.factor))
        }" r="3" fill="${color}"><title>${
          escapeXml(
            `${s.crate} ${p.date.slice(0, 16).replace("T", " ")}: ${formatFactor(p.factor)}`,
          )
        }</title></circle>`
      ),
    );
  });
  parts.push(
    `<line class="budget-line" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${
      round(y(1))
    }" y2="${round(y(1))}" stroke="#24292f"/>`,
    axisLabel(
      MARGIN.left + PLOT_W / 2,
      HEIGHT - 12,
      `runs (${dates[0].slice(0, 10)} to ${dates.at(-1)!.slice(0, 10)})`,
    ),
    axisLabel(16, MARGIN.top + PLOT_H / 2, "p75 ÷ first run (log)", true),
  );
  return frame(id, title, parts.join(""));
}
