// Owns the in-run baselines: plain-platform workloads measured in the same browser session as the
// app figures, so that app figures can be read as ratios that compare across machines and runs:
//   (a) Lighthouse BenchmarkIndex (measured by the calibration suite, calibrate.mjs);
//   (b) JSON.parse of the seeded ~12 MB, 10,000-case fixture (fixture.mjs);
//   (c) building 1,000 plain DOM table rows (createElement/textContent, as the "vanillajs" entry
//       of the js-framework-benchmark does) until the next frame has been rendered.
// Each is measured at CPU rate 1 and at the P-LOW rate; app figures are divided by (b) at the
// P-LOW rate (`baseline.jsonParse.profile`). The two rates also show how faithfully CPU
// throttling scales plain main-thread work on this machine (ratio ≈ the rate if it does).
import { fixtureInfo } from "./fixture.mjs";
import { setCpuRate } from "./profiles.mjs";
import { fmtBytes, fmtMs, line, progress, table } from "./report.mjs";
import { figure, sample } from "./stats.mjs";

/** In the page: parses the fixture text held in `window.__benchFixture`; returns ms. */
function parseFixtureInPage(expectedCount) {
  const t0 = performance.now();
  const value = JSON.parse(window.__benchFixture);
  const ms = performance.now() - t0;
  if (value.length !== expectedCount) throw new Error(`fixture has ${value.length} records`);
  return ms;
}

/**
 * In the page: replaces the table with 1,000 new rows of 5 cells (rows from `window.__benchRows`)
 * and returns ms from the start until the frame with the rows has been produced (a task posted
 * from requestAnimationFrame runs after that frame's style, layout and paint).
 */
async function buildRowsInPage() {
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  document.body.textContent = "";
  await nextFrame();
  const t0 = performance.now();
  const table = document.createElement("table");
  const body = document.createElement("tbody");
  for (const cells of window.__benchRows) {
    const tr = document.createElement("tr");
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  table.appendChild(body);
  document.body.appendChild(table);
  await nextFrame();
  const ms = performance.now() - t0;
  if (document.querySelectorAll("tr").length !== window.__benchRows.length) throw new Error("rows missing");
  return ms;
}

export const ROWS = 1000;

/** Suite: JSON.parse and DOM-rows baselines at rate 1 and the P-LOW rate. */
export const baselinesSuite = {
  id: "baselines",
  title: "In-run baselines (same browser session)",
  needs: ["calibration"],
  async run(ctx) {
    const { page, cdp } = ctx.lab;
    const fx = fixtureInfo();
    line(`fixture: ${fx.count} cases (seed ${fx.seed}), ${fmtBytes(fx.bytes)} of JSON, sha256 ${fx.sha256.slice(0, 16)}…`);
    progress("moving the fixture into the page");
    await page.evaluate((text) => {
      window.__benchFixture = text;
    }, fx.json);
    const rows = fx.cases.slice(0, ROWS).map((c) => [c.id, c.title, c.status, c.mediator, c.updated.slice(0, 10)]);
    await page.evaluate((r) => {
      window.__benchRows = r;
    }, rows);

    const rates = [...new Set([1, ctx.profile.cpuRate])];
    const out = {};
    for (const rate of rates) {
      await setCpuRate(cdp, rate);
      progress(`JSON.parse at ${rate}x`);
      const parse = await sample({ count: ctx.samples, warmups: 1, fn: () => page.evaluate(parseFixtureInPage, fx.count) });
      progress(`1,000 DOM rows at ${rate}x`);
      const dom = await sample({ count: ctx.samples, warmups: 1, fn: () => page.evaluate(buildRowsInPage) });
      out[rate] = { parse, dom };
    }
    await setCpuRate(cdp, 1);
    await page.evaluate(() => {
      delete window.__benchFixture;
      document.body.textContent = "";
    });
    ctx.results.baselines = { fixture: { count: fx.count, seed: fx.seed, bytes: fx.bytes, sha256: fx.sha256 }, byRate: out };

    const p = ctx.profile.cpuRate;
    const cells = (s) => [fmtMs(s.median), `${fmtMs(s.min)} – ${fmtMs(s.max)}`];
    const slow = (k) => (p === 1 ? "" : `${(out[p][k].median / out[1][k].median).toFixed(2)}x`);
    table(
      ["baseline", "rate 1: median", "min – max", `${p}x: median`, "min – max", `slowdown (rate ${p}x)`],
      [
        [`(b) JSON.parse ${fmtBytes(fx.bytes)}`, ...cells(out[1].parse), ...cells(out[p].parse), slow("parse")],
        [`(c) ${ROWS.toLocaleString("en")} DOM rows → next frame`, ...cells(out[1].dom), ...cells(out[p].dom), slow("dom")],
      ],
      "lrrrrr",
    );
    const figures = [
      figure({ suite: "baselines", id: "baseline.jsonParse.rate1", label: "JSON.parse 12 MB fixture, rate 1 (baseline b)", unit: "ms", stats: out[1].parse }),
      figure({ suite: "baselines", id: "baseline.domRows.rate1", label: "1,000 DOM rows, rate 1 (baseline c)", unit: "ms", stats: out[1].dom }),
    ];
    figures.push(
      figure({ suite: "baselines", id: "baseline.jsonParse.profile", label: `JSON.parse 12 MB fixture, ${p}x (baseline b)`, unit: "ms", stats: out[p].parse }),
      figure({ suite: "baselines", id: "baseline.domRows.profile", label: `1,000 DOM rows, ${p}x (baseline c)`, unit: "ms", stats: out[p].dom }),
    );
    return figures;
  },
};
