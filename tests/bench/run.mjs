// Owns the benchmark run: options, the list of suites and their order, the shared browser and
// static server, turning figures into ratios against in-run baselines, the closing summary table
// and bench-results/latest.json. It prints figures and never asserts timings: the exit code is
// non-zero only when something breaks (a suite throws, the app never becomes ready, an offline
// load was not served by the service worker).
//
// Adding a figure later: write a suite { id, title, needs?, run(ctx) → figure[] } (see
// stats.mjs `figure`) in its own module and append it to SUITES. `ctx` gives the browser, the
// server URL, `ctx.profile` (P-LOW, after calibration), `ctx.lab` (a blank page with a CDP
// session), `ctx.samples`, `ctx.results` (saved to latest.json) and `ctx.cleanup`.
import { mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS, launchChromium } from "../support/browser.mjs";
import { startServer } from "../support/server.mjs";
import { baselinesSuite } from "./baselines.mjs";
import { calibrationSuite } from "./calibrate.mjs";
import { coldLoadSuite, offlineSuite } from "./load.mjs";
import { CPU_TARGETS } from "./profiles.mjs";
import { registerSuite } from "./register.mjs";
import { heading, line, progress, summaryTable } from "./report.mjs";
import { sizesSuite } from "./sizes.mjs";

/** The suites, in run order. Append new ones here. */
export const SUITES = [sizesSuite, calibrationSuite, baselinesSuite, coldLoadSuite, offlineSuite, registerSuite];

const ROOT = process.env.CASEBOOK_ROOT || resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const HELP = `Casebook benchmark: prints sizes and load timings under a calibrated low-tier profile.
It never asserts timings; it exits non-zero only if something breaks.

Usage: bash .ci/bench [options]          (installs what is missing, builds dist/, then runs this)
       node tests/bench/run.mjs [options] (uses the existing dist/)

Options:
  --samples N        measured samples per timing (default 5; one warm-up is always discarded)
  --quick            3 samples, and no calibration bisection (rate = BenchmarkIndex / target)
  --cpu-rate X       use CPU throttling rate X instead of calibrating (env BENCH_CPU_RATE)
  --target-index N   BenchmarkIndex to calibrate for (default ${CPU_TARGETS.lowTier}, DevTools low-tier;
                     ${CPU_TARGETS.midTier} = mid-tier)
  --only a,b         run only these suites (and the suites they need)
  --skip a,b         skip these suites
  --list             list the suites and exit
  --out FILE         where to write the JSON results (default bench-results/latest.json)
  --dist DIR         the built app to serve (default dist/)
  -h, --help         this text

Environment (bash .ci/bench): BENCH_SKIP_BUILD=1 reuses dist/ instead of rebuilding it;
BENCH_CPU_RATE=x skips the calibration bisection.

Profile P-LOW: Chrome DevTools "Slow 4G" (562.5 ms latency, 1.44 Mbps down, 675 kbps up) on the
page + a CPU throttling rate calibrated so this machine scores BenchmarkIndex ≈ target.
Run it on an otherwise idle machine: a parallel cargo build on 2 cores skews every figure.`;

export function parseArgs(argv, env = process.env) {
  const o = {
    samples: 5,
    quick: false,
    cpuRate: env.BENCH_CPU_RATE ? Number(env.BENCH_CPU_RATE) : null,
    targetIndex: CPU_TARGETS.lowTier,
    only: null,
    skip: [],
    list: false,
    help: false,
    out: join(ROOT, "bench-results", "latest.json"),
    dist: join(ROOT, "dist"),
  };
  let samplesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const name = a.split("=")[0];
    if (name === "-h" || name === "--help") o.help = true;
    else if (name === "--samples") {
      o.samples = Number(value());
      samplesGiven = true;
    } else if (name === "--quick") o.quick = true;
    else if (name === "--cpu-rate") o.cpuRate = Number(value());
    else if (name === "--target-index") o.targetIndex = Number(value());
    else if (name === "--only") o.only = value().split(",").filter(Boolean);
    else if (name === "--skip") o.skip = value().split(",").filter(Boolean);
    else if (name === "--list") o.list = true;
    else if (name === "--out") o.out = resolve(value());
    else if (name === "--dist") o.dist = resolve(value());
    else throw new Error(`unknown option ${a} (see --help)`);
  }
  if (o.quick && !samplesGiven) o.samples = 3;
  if (!Number.isInteger(o.samples) || o.samples < 1) throw new Error("--samples must be a positive integer");
  if (o.cpuRate !== null && !(o.cpuRate >= 1)) throw new Error("the CPU rate must be a number ≥ 1");
  if (!(o.targetIndex > 0)) throw new Error("--target-index must be positive");
  return o;
}

/** The suites to run: --only (plus what they need, transitively) minus --skip, in SUITES order. */
export function selectSuites(options) {
  const ids = new Set(SUITES.map((s) => s.id));
  for (const id of [...(options.only || []), ...options.skip]) {
    if (!ids.has(id)) throw new Error(`unknown suite "${id}" (suites: ${[...ids].join(", ")})`);
  }
  let wanted = new Set(options.only || ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of SUITES) {
      if (!wanted.has(s.id)) continue;
      for (const need of s.needs || []) {
        if (!wanted.has(need)) {
          wanted.add(need);
          grew = true;
        }
      }
    }
  }
  for (const id of options.skip) wanted.delete(id);
  return SUITES.filter((s) => wanted.has(s.id));
}

/** Share of CPU time (all cores) spent busy over `ms`: is something else running? */
async function cpuBusy(ms = 1000) {
  const snap = () => cpus().reduce((a, c) => {
    const t = c.times;
    a.idle += t.idle;
    a.total += t.user + t.nice + t.sys + t.idle + t.irq;
    return a;
  }, { idle: 0, total: 0 });
  const a = snap();
  await new Promise((r) => setTimeout(r, ms));
  const b = snap();
  return 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
}

function environment(browser, build, busy) {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    chromium: browser.version(),
    playwright: JSON.parse(readFileSync(join(ROOT, "node_modules/playwright-core/package.json"), "utf8")).version,
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGB: Math.round(totalmem() / 1e9),
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    cpuBusyBeforeRun: Number(busy.toFixed(2)),
    build,
  };
}

/** Fills in `ratio` for figures that name an in-run baseline. */
function resolveRatios(figures, profile) {
  const byId = new Map(figures.map((f) => [f.id, f]));
  for (const f of figures) {
    if (!f.ratioTo) continue;
    const base = byId.get(f.ratioTo);
    if (!base || !Number.isFinite(base.median) || base.median === 0) continue;
    const name = f.ratioTo === "baseline.jsonParse.profile" ? `JSON.parse(12 MB) @ ${profile?.cpuRate}x` : base.label;
    f.ratio = { to: name, id: f.ratioTo, value: f.median / base.median };
  }
}

export async function main(argv = process.argv.slice(2)) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    console.error(String(e.message || e));
    return 2;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  if (options.list) {
    for (const s of SUITES) console.log(`${s.id.padEnd(12)} ${s.title}${s.needs ? `  (needs: ${s.needs.join(", ")})` : ""}`);
    return 0;
  }
  if (!existsSync(join(options.dist, "index.html"))) {
    console.error(`no index.html in ${options.dist}: build first (bash .ci/bench builds it)`);
    return 1;
  }
  const suites = selectSuites(options);
  const started = Date.now();
  const busy = await cpuBusy(); // before our own browser starts
  const server = await startServer({ dir: options.dist, port: 0 });
  // The system Chromium with the project's flags; the resolver rule is a belt-and-braces guard
  // that nothing but the loopback server is reachable by name.
  const browser = await launchChromium({ args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"] });
  const ctx = {
    root: ROOT,
    dist: options.dist,
    url: `${server.url}/`,
    browser,
    options,
    samples: options.samples,
    quick: options.quick,
    results: {},
    figures: [],
    errors: [],
    cleanup: [],
  };
  const failed = new Set();
  try {
    const swPath = join(options.dist, "sw.js");
    const build = existsSync(swPath) ? /const\s+BUILD\s*=\s*"([^"]+)"/.exec(readFileSync(swPath, "utf8"))?.[1] : undefined;
    ctx.env = environment(browser, build ?? "unknown", busy);
    heading("Casebook benchmark");
    const e = ctx.env;
    line(`${e.date}  build ${e.build}  Chromium ${e.chromium}  Playwright ${e.playwright}  Node ${e.node}`);
    line(`${e.cpu}, ${e.cores} cores, ${e.memoryGB} GB; CPU busy before the run ${(e.cpuBusyBeforeRun * 100).toFixed(0)} % (load average ${e.loadAverage.join(" ")})`);
    line(`samples per timing: ${ctx.samples} (+1 warm-up)${ctx.quick ? "  [--quick]" : ""}; suites: ${suites.map((s) => s.id).join(", ")}`);
    if (e.cpuBusyBeforeRun > 0.25) {
      line(`WARNING: something else is using ${(e.cpuBusyBeforeRun * 100).toFixed(0)} % of the CPU (a build?): figures will be noisy and slow.`);
    }
    for (const suite of suites) {
      const blocked = (suite.needs || []).filter((n) => failed.has(n));
      heading(suite.title);
      if (blocked.length) {
        line(`skipped: needs ${blocked.join(", ")}, which failed`);
        failed.add(suite.id);
        continue;
      }
      const t0 = Date.now();
      try {
        const figures = await suite.run(ctx);
        ctx.figures.push(...figures);
        progress(`${suite.id} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (err) {
        failed.add(suite.id);
        ctx.errors.push(`${suite.id}: ${err.stack || err}`);
        line(`FAILED: ${err.message || err}`);
      }
    }
  } finally {
    for (const fn of ctx.cleanup.reverse()) await fn().catch(() => {});
    await browser.close().catch(() => {});
    await server.close();
  }

  resolveRatios(ctx.figures, ctx.profile);
  heading("Summary");
  if (ctx.profile) line(`P-LOW = Slow 4G + CPU ${ctx.profile.cpuRate}x (BenchmarkIndex ≈ ${options.targetIndex}); kB = 1000 B`);
  summaryTable(ctx.figures);
  const seconds = (Date.now() - started) / 1000;
  line(`\ntotal run time ${seconds.toFixed(0)} s`);

  const report = {
    schema: 1,
    env: ctx.env,
    options: { ...options, out: undefined, dist: undefined },
    profile: ctx.profile ?? null,
    figures: ctx.figures,
    results: ctx.results,
    errors: ctx.errors,
    runSeconds: Number(seconds.toFixed(1)),
  };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, JSON.stringify(report, null, 2) + "\n");
  line(`results written to ${options.out}`);
  if (ctx.errors.length) {
    line(`\n${ctx.errors.length} error(s):`);
    for (const e of ctx.errors) line(`  ${e.split("\n").slice(0, 4).join("\n  ")}`);
    return 1;
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main();
}
