/**
 * The dashboard in a real browser: Debian's chromium (never a downloaded one) driven by
 * playwright-core. It opens the `index.html` of a fixture run offline, checks that nothing
 * errors or reaches the network, counts each chart's marks against the report's data, sorts and
 * filters the grade table, and saves screenshots for a person to look at
 * (reports/dashboard.png and reports/dashboard-phone.png, not committed).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "../browser_testing.ts";
import { GRADES } from "./config.ts";
import type { Report } from "./schema.ts";
import { REPO, tempWorkspace } from "./testdata/builders.ts";

/** Declarations for the fixture's benchmarks (the fixture's own bench file declares none). */
const SAMPLE_DECLARATIONS = `import { benchCrate, consume, ns, us, ms } from "./_define.ts";
const bench = benchCrate("sample");
const values = new Float64Array(100_000).fill(1);
const sum = (n: number) => { let s = 0; for (let i = 0; i < n; i++) s += values[i]; return s; };
bench({ group: "loops", name: "sum_1000", budget: us(2, "a thousand adds"), size: { value: 1000, unit: "elements" }, family: "sum", throughput: { elements: 1000 }, fn: () => consume(sum(1000)) });
bench({ group: "loops", name: "sum_10000", budget: us(5, "ten thousand adds"), size: { value: 10000, unit: "elements" }, family: "sum", throughput: { elements: 10000 }, fn: () => consume(sum(10000)) });
bench({ group: "loops", name: "slow_explicit", budget: ms(1, "a deliberately tight budget"), size: { value: 100000, unit: "elements" }, family: "sum", fn: () => consume(sum(100000)) });
bench({ group: "ungrouped", name: "ungrouped_alloc", budget: ns(250, "one small array"), fn: () => consume(new Array(64).fill(0)) });
bench({ group: "errors", name: "throws", budget: us(1, "never met"), fn: () => { throw new Error("deliberate failure"); } });
`;

async function reportRun(root: string, out: string, input: string): Promise<void> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      join(REPO, "scripts", "report.ts"),
      "--root",
      root,
      "--out",
      out,
      "--record",
      "--input",
      input,
    ],
    env: { NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  // 1: the fixture has a failing bench, which the report lists and exits 1 for.
  assert.equal(output.code, 1, new TextDecoder().decode(output.stderr));
}

Deno.test("dashboard in chromium: offline, no errors, marks match the data, sorting and filtering work", async () => {
  const root = await tempWorkspace(["sample"], { "bench/sample.bench.ts": SAMPLE_DECLARATIONS });
  const profile = await Deno.makeTempDir({ prefix: "astraweave-chromium-" });
  const context = await launchChromium(profile, { width: 1280, height: 800 });
  try {
    // Three runs of the fixture: a timeline of three points, sparklines, a baseline to compare.
    const fixture = JSON.parse(
      await Deno.readTextFile(join(REPO, "fixtures", "deno-bench", "deno-2.9.6-sample.json")),
    );
    const out = join(root, "reports");
    // Scales multiply: the runs measure 1.5, 1.5 and 1.155 times the fixture (the last 23% faster).
    for (const [run, scale] of [1.155 * 1.3, 1, 1 / 1.3].entries()) {
      for (const bench of fixture.benches) {
        const stats = bench.results[0].ok;
        if (stats && bench.group !== "harness") {
          for (const key of ["min", "avg", "p75", "p99"]) stats[key] *= scale;
        }
      }
      const input = join(root, `run-${run + 1}.json`);
      await Deno.writeTextFile(input, JSON.stringify(fixture));
      await reportRun(root, out, input);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // history files are named by the second
    }
    const report: Report = JSON.parse(await Deno.readTextFile(join(out, "latest.json")));
    assert.equal(report.timeline.runs.length, 3);

    const page = context.pages()[0] ?? await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) problems.push(`network request: ${request.url()}`);
    });
    await page.goto(pathToFileURL(join(out, "index.html")).href);

    const count = (selector: string) => page.locator(selector).count();
    const graded = report.benchmarks.filter((b) => b.grade !== null);
    assert.deepEqual(graded.map((b) => b.grade).sort(), ["A", "A+", "B", "F"]);
    assert.equal(await count("#chart-timeline .mark-benchmarks"), report.timeline.runs.length);
    assert.equal(await count("#chart-timeline .mark-coverage"), report.timeline.runs.length);
    assert.equal(await count("#chart-headroom rect.mark"), graded.length);
    const pairs = new Set(graded.map((b) => `${b.crate}/${b.grade}`));
    assert.equal(await count("#chart-grades rect.mark"), pairs.size);
    const counted = await page.$$eval(
      "#chart-grades rect.mark",
      (rects) => rects.reduce((sum, r) => sum + Number(r.getAttribute("data-count")), 0),
    );
    assert.equal(counted, graded.length);
    assert.ok(report.scaling.length >= 1);
    for (const [i, fit] of report.scaling.entries()) {
      assert.equal(await count(`#chart-scaling-${i} circle.mark`), fit.points.length);
      assert.equal(await count(`#chart-scaling-${i} .fit-line`), fit.exponent === null ? 0 : 1);
    }
    const rows = report.benchmarks.filter((b) => b.kind !== "floor");
    const sparkMarks = rows.reduce(
      (sum, b) => sum + (report.timeline.series[b.key] ?? []).filter((v) => v !== null).length,
      0,
    );
    assert.ok(sparkMarks >= 3 * 4);
    const vertices = await page.$$eval(
      "#grade-table svg.sparkline .spark-line",
      (lines) =>
        lines.reduce(
          (sum, line) => sum + (line.getAttribute("points") ?? "").trim().split(/\s+/).length,
          0,
        ),
    );
    assert.equal(vertices, sparkMarks);
    const withHistory = rows.filter((b) =>
      (report.timeline.series[b.key] ?? []).some((v) => v !== null)
    );
    assert.equal(await count("#grade-table svg.sparkline circle.mark"), withHistory.length);
    for (const chart of await page.locator("svg.chart").all()) {
      assert.ok(await chart.locator(".axis-label").count() >= 1, "every chart has axis labels");
    }

    // The first screen: the summary, above everything else, with the run's provenance first.
    const summary = await page.$$eval("#summary li", (lis) => lis.map((li) => li.textContent));
    assert.match(
      summary[0]!,
      /^imported: read from .*run-3\.json \(measured .* UTC\), not measured in this run$/,
    );
    assert.ok(summary.some((line) => /^coverage: /.test(line!)));
    assert.ok(summary.some((line) => /^over budget \(1\): sample\//.test(line!)));
    assert.ok(summary.some((line) => /^nothing regressed against /.test(line!)));
    const summaryTop = await page.locator("#summary").evaluate((el) =>
      el.getBoundingClientRect().top
    );
    assert.ok(summaryTop < 400, `the summary is on the first screen (top ${summaryTop}px)`);

    // The trend: one line per crate with history, one mark per point.
    const trendPoints = report.timeline.trend.reduce((sum, t) => sum + t.points.length, 0);
    assert.ok(trendPoints >= 2);
    assert.equal(await count("#chart-trend circle.mark"), trendPoints);
    assert.equal(await count("#charts .series-legend li"), report.timeline.trend.length);

    // Before and after: a bar per improved or regressed benchmark (the last run is 23% faster).
    const moved = report.comparison!.changes.filter((c) =>
      ["regressed", "improved", "inconclusive"].includes(c.verdict)
    );
    assert.ok(moved.length >= 1);
    assert.equal(await count("#chart-changes rect.mark"), moved.length);

    // Scaling charts: one collapsed block per crate, closed until opened.
    const crates = new Set(report.scaling.map((f) => f.crate));
    assert.equal(await count("#scaling details.family"), crates.size);
    assert.equal(await count("#scaling details.family[open]"), 0);
    assert.equal(await page.locator("#chart-scaling-0").isVisible(), false);
    await page.click("#scaling details.family summary");
    assert.equal(await page.locator("#chart-scaling-0").isVisible(), true);

    // The worst headroom bars are named; the band labels do not overlap.
    const names = await page.$$eval(
      "#chart-headroom .bar-name",
      (els) => els.map((e) => e.textContent),
    );
    const worst = [...graded].sort((a, b) => a.headroom! - b.headroom!).slice(0, 3);
    assert.deepEqual(names.map((n) => n!.split(" ")[1]), worst.map((b) => b.id));
    const boxes = await page.$$eval("#chart-headroom .band-label", (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return [r.top, r.bottom];
      }));
    assert.equal(boxes.length, report.settings.bands.length);
    for (let i = 1; i < boxes.length; i++) {
      assert.ok(boxes[i][0] >= boxes[i - 1][1] - 0.5, `band labels ${i - 1} and ${i} overlap`);
    }
    // Every byte rate is in MB/s.
    const text = await page.textContent("body");
    assert.doesNotMatch(text!, /\d (?:k|G|T)?B\/s|bytes\/s/);

    // Sorting by p75: ascending, then descending; failed rows (no value) last.
    const p75s = () =>
      page.$$eval(
        "#grade-table tbody tr",
        (trs) =>
          trs.map((tr) => tr.querySelector("td:nth-child(5)")?.getAttribute("data-value") ?? ""),
      );
    await page.click("#grade-table th:nth-child(5) button");
    const ascending = (await p75s()).filter(Boolean).map(Number);
    assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b));
    assert.equal((await p75s()).at(-1), "");
    await page.click("#grade-table th:nth-child(5) button");
    const descending = (await p75s()).filter(Boolean).map(Number);
    assert.deepEqual(descending, [...ascending].reverse());
    assert.equal(
      await page.getAttribute("#grade-table th:nth-child(5)", "aria-sort"),
      "descending",
    );

    // Filtering by grade, by crate, and by name.
    const visible = () =>
      page.$$eval(
        "#grade-table tbody tr:not([hidden])",
        (trs) => trs.map((tr) => tr.getAttribute("data-id")),
      );
    for (const grade of GRADES) {
      await page.selectOption("#filter-grade", grade);
      assert.deepEqual(
        (await visible()).sort(),
        rows.filter((b) => b.grade === grade).map((b) => b.id).sort(),
        grade,
      );
    }
    await page.selectOption("#filter-grade", "");
    await page.selectOption("#filter-crate", "sample");
    assert.equal((await visible()).length, rows.length);
    await page.fill("#filter-text", "sum_");
    assert.deepEqual((await visible()).sort(), ["sample/loops/sum_1000", "sample/loops/sum_10000"]);
    assert.equal(await page.textContent("#grade-count"), `2 of ${rows.length} benchmarks`);
    await page.fill("#filter-text", "");

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate("window.scrollTo(0, 0)");
    await Deno.mkdir(join(REPO, "reports"), { recursive: true });
    await page.screenshot({ path: join(REPO, "reports", "dashboard-first-screen.png") });
    await page.screenshot({ path: join(REPO, "reports", "dashboard.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: join(REPO, "reports", "dashboard-phone-first-screen.png") });
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - window.innerWidth",
    );
    assert.ok(overflow <= 0, `no sideways scrolling at phone width (overflow ${overflow}px)`);
    await page.screenshot({ path: join(REPO, "reports", "dashboard-phone.png"), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await Deno.remove(profile, { recursive: true });
    await Deno.remove(root, { recursive: true });
  }
});
