// Owns CPU calibration: Lighthouse's BenchmarkIndex measured inside a page, and the search for
// the `Emulation.setCPUThrottlingRate` rate at which this machine scores like a target device,
// as Chrome DevTools' "CPU throttling calibration" does (Chrome 134+).
//
// BenchmarkIndex is re-implemented here from the description of `computeBenchmarkIndex` in
// GoogleChrome/lighthouse `core/lib/page-functions.js` (also used by devtools-frontend
// `panels/mobile_throttling/CalibrationController.ts`): the mean of two scores, each "iterations
// per second / 10" over half of the run time:
//   1. allocation/GC-bound: build a 10,000-character string one character at a time;
//   2. GC-free: copy a packed array of 100,000 small integers into another one and back,
//      reading the clock only every 10th copy (Lighthouse does this to avoid a JCC-alignment
//      performance cliff on some Intel CPUs, crbug v8:10954).
// Lighthouse runs it for 1 s in total (our default); DevTools' calibration uses 250 ms runs.
// Higher = faster. Lighthouse's rough classes (as of Chrome 86): 1000+ desktop-class,
// 800+ high-end Android, 125+ mid-tier Android, below that budget Android.
import { lowTierProfile, setCpuRate } from "./profiles.mjs";
import { line, progress, table } from "./report.mjs";
import { figure, summarize } from "./stats.mjs";

/**
 * Runs in the page (serialised by Playwright, so it must be self-contained). Returns the
 * BenchmarkIndex measured over `totalMs` of wall-clock time.
 */
export function benchmarkIndexInPage(totalMs = 1000) {
  const budget = totalMs / 2;
  const score = (rounds, startedAt) => Math.round(rounds / 10 / ((Date.now() - startedAt) / 1000));

  // 1. Allocation-heavy: strings grown by concatenation, thrown away, garbage-collected.
  let startedAt = Date.now();
  let rounds = 0;
  while (Date.now() - startedAt < budget) {
    let text = "";
    for (let k = 0; k < 10000; k++) text += "a";
    // Keeps the optimiser from dropping the loop; never true.
    if (text.length !== 10000) throw new Error("unexpected string length");
    rounds++;
  }
  const allocationScore = score(rounds, startedAt);

  // 2. No allocation: copy between two packed small-integer arrays.
  const left = [];
  const right = [];
  for (let k = 0; k < 100000; k++) {
    left.push(k);
    right.push(k);
  }
  startedAt = Date.now();
  rounds = 0;
  while (rounds % 10 !== 0 || Date.now() - startedAt < budget) {
    const from = rounds % 2 === 0 ? left : right;
    const to = rounds % 2 === 0 ? right : left;
    for (let k = 0; k < from.length; k++) to[k] = from[k];
    rounds++;
  }
  const copyScore = score(rounds, startedAt);

  return (allocationScore + copyScore) / 2;
}

/** `runs` BenchmarkIndex measurements at CPU throttling `rate`. */
export async function measureIndex(page, cdp, rate, runs, totalMs = 1000) {
  await setCpuRate(cdp, rate);
  const values = [];
  for (let i = 0; i < runs; i++) values.push(await page.evaluate(benchmarkIndexInPage, totalMs));
  return values;
}

/** DevTools' throttling backend keeps two decimals of the rate. */
const round2 = (x) => Math.round(x * 100) / 100;

/**
 * Finds the CPU throttling rate for `target`.
 * - `fixedRate`: skip the search and use it.
 * - `quick`: no bisection; one probe at the linear estimate baseIndex / target, corrected with a
 *   power law through the two points.
 * - otherwise: bisection (on a log scale) between estimate/1.6 and estimate×1.6, each step the
 *   median of `stepRuns` runs, stopping within ±`tolerance` of the target (or after `maxSteps`,
 *   keeping the closest step).
 * The index at the chosen rate is then measured again with fresh runs ("achieved"), so the
 * reported figure is not the selected (hence biased) bisection step.
 */
export async function calibrate({ page, cdp, target, baseRuns = 5, stepRuns = 3, verifyRuns = 3, maxSteps = 6, tolerance = 0.04, quick = false, fixedRate = null, log = () => {} }) {
  log("warming up V8 (one BenchmarkIndex run, discarded)");
  await measureIndex(page, cdp, 1, 1);
  log(`BenchmarkIndex at rate 1: ${baseRuns} runs`);
  const base = summarize(await measureIndex(page, cdp, 1, baseRuns));
  const estimate = base.median / target;
  const steps = [];
  let rate;
  let method;
  if (fixedRate) {
    rate = fixedRate;
    method = "fixed by BENCH_CPU_RATE / --cpu-rate";
  } else if (estimate <= 1) {
    rate = 1;
    method = `none: this machine (${base.median.toFixed(0)}) is not faster than the target`;
  } else if (quick) {
    // No bisection: one probe at the linear estimate, then a power law index ∝ rate^-k through
    // (1, base) and the probe. The index falls faster than 1/rate (k > 1), so the plain linear
    // estimate over-throttles.
    const probe = summarize(await measureIndex(page, cdp, round2(estimate), stepRuns)).median;
    steps.push({ rate: round2(estimate), index: probe });
    log(`rate ${round2(estimate)}x → BenchmarkIndex ${probe.toFixed(0)} (target ${target})`);
    const k = Math.log(base.median / probe) / Math.log(round2(estimate));
    rate = k > 0 ? round2(Math.max(1, Math.pow(base.median / target, 1 / k))) : round2(estimate);
    method = "power-law estimate from one probe, --quick";
  } else {
    method = "bisection";
    let lo = Math.max(1, estimate / 1.6);
    let hi = estimate * 1.6;
    for (let i = 0; i < maxSteps; i++) {
      const mid = round2(Math.sqrt(lo * hi));
      if (steps.some((s) => s.rate === mid)) break;
      const index = summarize(await measureIndex(page, cdp, mid, stepRuns)).median;
      steps.push({ rate: mid, index });
      log(`rate ${mid}x → BenchmarkIndex ${index.toFixed(0)} (target ${target})`);
      if (Math.abs(index - target) <= tolerance * target) break;
      if (index > target) lo = mid;
      else hi = mid;
    }
    rate = steps.reduce((best, s) => (Math.abs(s.index - target) < Math.abs(best.index - target) ? s : best)).rate;
  }
  log(`BenchmarkIndex at the chosen rate ${rate}x: ${verifyRuns} fresh runs`);
  const achieved = summarize(await measureIndex(page, cdp, rate, verifyRuns));
  await setCpuRate(cdp, 1);
  return { target, base, estimate: round2(estimate), rate, method, steps, achieved };
}

/** A blank page in its own context, used for calibration and the in-run baselines. */
export async function openLab(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lab</title></head><body></body></html>');
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/** Suite: calibrates the CPU rate and sets `ctx.profile` (P-LOW) for the suites after it. */
export const calibrationSuite = {
  id: "calibration",
  title: "CPU calibration (Lighthouse BenchmarkIndex, as DevTools' CPU throttling calibration)",
  async run(ctx) {
    ctx.lab = await openLab(ctx.browser);
    ctx.cleanup.push(() => ctx.lab.context.close());
    const target = ctx.options.targetIndex;
    const c = await calibrate({
      page: ctx.lab.page,
      cdp: ctx.lab.cdp,
      target,
      baseRuns: ctx.quick ? 3 : 5,
      quick: ctx.quick,
      fixedRate: ctx.options.cpuRate,
      log: progress,
    });
    ctx.calibration = c;
    ctx.results.calibration = c;
    ctx.profile = lowTierProfile(c.rate);
    const range = (s) => `${s.min.toFixed(0)} – ${s.max.toFixed(0)}`;
    table(
      ["", "value", "min – max", "runs"],
      [
        ["BenchmarkIndex unthrottled (rate 1)", c.base.median.toFixed(0), range(c.base), c.base.samples.map((v) => v.toFixed(0)).join(" ")],
        [`target (DevTools low-tier, Moto G Power 2022)`, String(target), "", ""],
        [`calibrated CPU throttling rate (${c.method})`, `${c.rate}x`, "", c.steps.map((s) => `${s.rate}x→${s.index.toFixed(0)}`).join(" ")],
        [`BenchmarkIndex achieved at ${c.rate}x`, c.achieved.median.toFixed(0), range(c.achieved), c.achieved.samples.map((v) => v.toFixed(0)).join(" ")],
      ],
      "lrrl",
    );
    line(`linear estimate (index / target) was ${c.estimate}x; BenchmarkIndex noise between runs is ±10–15 % here`);
    if (c.rate > 1 && Math.abs(c.achieved.median - target) > 0.1 * target) {
      line(`NOTE: the index at ${c.rate}x is ${c.achieved.median.toFixed(0)}, more than 10 % off ${target}: the calibration was noisy (busy machine?).`);
    }
    return [
      figure({ suite: "calibration", id: "baseline.benchmarkIndex", label: "BenchmarkIndex, unthrottled (baseline a)", unit: "index", stats: c.base }),
      figure({ suite: "calibration", id: "calibration.rate", label: `CPU rate for BenchmarkIndex ${target}`, unit: "x", value: c.rate }),
      figure({ suite: "calibration", id: "calibration.achieved", label: `BenchmarkIndex at ${c.rate}x`, unit: "index", stats: c.achieved }),
    ];
  },
};
