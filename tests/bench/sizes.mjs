// Owns the byte budget: raw, gzip-9 and brotli-11 sizes (node:zlib) of every file in dist/, the
// first-load set (the critical path of a first visit, what must download before the app is
// interactive: index.html plus the stylesheets, JS glue, chunk loader and main wasm module that
// index.html references), the lazily loaded page chunks (what each page fetches on first use,
// read from the chunk loader pkg/wasm_split-*.js), the service worker's precache set (read from
// dist/sw.js, plus sw.js itself; it includes every chunk, for offline use), and the budgets.
//
// Compressed totals count PNG files at their raw size: the production server (and most hosts)
// send images uncompressed, and PNG data does not shrink under gzip/brotli anyway.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { KB, fmtBytes, heading, line, table } from "./report.mjs";
import { figure, goalStatus } from "./stats.mjs";

/** Budgets for the first load, in bytes (brotli, as served) and the raw wasm. */
export const BUDGETS = {
  firstLoadBrotli: { target: 150 * KB, limit: 250 * KB },
  wasmRaw: { limit: 800 * KB },
};

const INCOMPRESSIBLE = /\.(png|jpe?g|webp|avif|gif|woff2)$/i;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Sizes of one file: raw, gzip -9, brotli -11, and what the server would send with brotli. */
export function fileSizes(path) {
  const body = readFileSync(path);
  const gzip = gzipSync(body, { level: 9 }).length;
  const brotli = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  }).length;
  const raw = body.length;
  const sentRaw = INCOMPRESSIBLE.test(path);
  return { raw, gzip, brotli, servedGzip: sentRaw ? raw : gzip, servedBrotli: sentRaw ? raw : brotli };
}

/**
 * The URL paths index.html makes the browser fetch before the app can start: stylesheets,
 * modulepreload/preload links, classic/module script sources, and the module script's imports
 * (Trunk's loader imports the JS glue and passes the wasm URL to `init`). Icons, the manifest
 * and sw.js are not on that path (sw.js is registered after the load event).
 */
export function firstLoadPaths(indexHtml) {
  const paths = new Set(["/index.html"]);
  for (const [tag] of indexHtml.matchAll(/<link\b[^>]*>/gi)) {
    const rel = /\brel=["']?([^"'\s>]+)/i.exec(tag)?.[1]?.toLowerCase();
    const href = /\bhref=["']([^"']+)["']/i.exec(tag)?.[1];
    if (href && ["stylesheet", "modulepreload", "preload"].includes(rel)) paths.add(href);
  }
  for (const [, src] of indexHtml.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/gi)) paths.add(src);
  for (const [, body] of indexHtml.matchAll(/<script\b[^>]*type=["']module["'][^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const [, spec] of body.matchAll(/\bfrom\s+["']([^"']+)["']/g)) paths.add(spec);
    for (const [, spec] of body.matchAll(/\bmodule_or_path\s*:\s*["']([^"']+)["']/g)) paths.add(spec);
  }
  return [...paths].filter((p) => !/^[a-z]+:/i.test(p)).map((p) => (p.startsWith("/") ? p : `/${p}`));
}

/** The URL paths dist/sw.js precaches (its ASSETS array) plus /sw.js itself. */
export function precachePaths(swSource) {
  const m = /const\s+ASSETS\s*=\s*(\[[\s\S]*?\]);/.exec(swSource);
  const list = m ? JSON.parse(m[1]) : [];
  return [...new Set([...list, "/sw.js"])];
}

/** The build id the service worker carries (changes with every release). */
export function buildId(swSource) {
  return /const\s+BUILD\s*=\s*"([^"]+)"/.exec(swSource)?.[1] ?? "unknown";
}

/**
 * The lazily loaded pages: for each split point of the chunk loader (the `wasm_split-*.js` that
 * .ci/build-wasm.mjs writes), the wasm files its first use fetches — its own module and the
 * shared chunks it needs. Paths are relative to dist/.
 */
export function lazySplits(distDir) {
  const pkg = join(distDir, "pkg");
  let loaderName;
  try {
    loaderName = readdirSync(pkg).find((f) => /^wasm_split-[0-9a-f]+\.js$/.test(f));
  } catch {
    return [];
  }
  if (!loaderName) return [];
  const js = readFileSync(join(pkg, loaderName), "utf8");
  const chunkFile = new Map();
  for (const [, v, f] of js.matchAll(/const (__chunk_\d+) = makeLoad\([\s\S]*?"\.\/([^"]+\.wasm)"/g)) chunkFile.set(v, f);
  const splits = [];
  const re = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n, \[([^\]]*)\]\)\);/g;
  for (const [, name, fetcher, deps] of js.matchAll(re)) {
    const own = /"\.\/([^"]+\.wasm)"/.exec(fetcher)?.[1];
    const files = [own, ...deps.split(",").map((d) => chunkFile.get(d.trim()))].filter(Boolean);
    splits.push({ name, paths: files.map((f) => `/pkg/${f}`) });
  }
  return splits;
}

function total(files, paths) {
  const picked = files.filter((f) => paths.includes(f.path));
  const missing = paths.filter((p) => !files.some((f) => f.path === p));
  const sum = (k) => picked.reduce((acc, f) => acc + f[k], 0);
  return { paths, missing, raw: sum("raw"), gzip: sum("servedGzip"), brotli: sum("servedBrotli") };
}

/** Measures dist/ and returns { files, firstLoad, precache, wasm, build }. */
export function measureDist(distDir) {
  const files = walk(distDir)
    .map((full) => ({ path: "/" + relative(distDir, full).split(sep).join("/"), ...fileSizes(full) }))
    .sort((a, b) => b.raw - a.raw);
  const indexHtml = readFileSync(join(distDir, "index.html"), "utf8");
  const sw = readFileSync(join(distDir, "sw.js"), "utf8");
  const firstLoad = total(files, firstLoadPaths(indexHtml));
  const precache = total(files, [...new Set([...firstLoadPaths(indexHtml), ...precachePaths(sw)])]);
  const wasm = files.filter((f) => f.path.endsWith(".wasm"));
  const splits = lazySplits(distDir).map((sp) => ({ name: sp.name, ...total(files, sp.paths) }));
  const lazyPaths = [...new Set(splits.flatMap((sp) => sp.paths))];
  const lazy = total(files, lazyPaths);
  return { files, firstLoad, precache, wasm, splits, lazy, build: buildId(sw) };
}

/** Suite: prints the size tables and returns figures. `ctx.sizes` is kept for the load suites. */
export const sizesSuite = {
  id: "sizes",
  title: "Sizes of dist/ (raw, gzip -9, brotli -11; kB = 1000 B)",
  async run(ctx) {
    const s = measureDist(ctx.dist);
    ctx.sizes = s;
    ctx.results.sizes = s;
    const flag = (p) =>
      s.firstLoad.paths.includes(p) ? "first load" : s.lazy.paths.includes(p) ? "lazy (precache)" : s.precache.paths.includes(p) ? "precache" : "";
    table(
      ["file", "raw", "gzip-9", "brotli-11", "set"],
      s.files.map((f) => [f.path, f.raw, f.gzip, f.brotli, flag(f.path)]),
      "lrrrl",
    );
    line("(bytes; PNGs are served uncompressed and count raw in the totals below)");
    line();
    const fl = s.firstLoad;
    const pc = s.precache;
    table(
      ["total", "files", "raw", "gzip", "brotli", "budget (brotli)", "status"],
      [
        ["first load: critical path (HTML, CSS, JS, main wasm)", fl.paths.length, fmtBytes(fl.raw), fmtBytes(fl.gzip), fmtBytes(fl.brotli),
          `≤ ${fmtBytes(BUDGETS.firstLoadBrotli.target)} (hard ${fmtBytes(BUDGETS.firstLoadBrotli.limit)})`,
          goalStatus(fl.brotli, BUDGETS.firstLoadBrotli)],
        ["lazily loaded page chunks (all)", s.lazy.paths.length, fmtBytes(s.lazy.raw), fmtBytes(s.lazy.gzip), fmtBytes(s.lazy.brotli), "", ""],
        ["everything the service worker precaches + sw.js", pc.paths.length, fmtBytes(pc.raw), fmtBytes(pc.gzip), fmtBytes(pc.brotli), "", ""],
        ...s.wasm.filter((w) => !s.lazy.paths.includes(w.path)).map((w) => [`wasm raw ${w.path}`, 1, fmtBytes(w.raw), fmtBytes(w.gzip), fmtBytes(w.brotli),
          `raw ≤ ${fmtBytes(BUDGETS.wasmRaw.limit)}`, goalStatus(w.raw, BUDGETS.wasmRaw)]),
      ],
      "lrrrrll",
    );
    line(`first-load set: ${fl.paths.join(" ")}`);
    if (s.splits.length) {
      line();
      line("Lazily loaded pages: what the first use of each page chunk downloads (its module plus the");
      line("shared chunks it needs; chunks shared with a page opened before are not fetched again).");
      table(
        ["split (pages)", "files", "raw", "gzip", "brotli"],
        s.splits.map((sp) => [sp.name, sp.paths.length, fmtBytes(sp.raw), fmtBytes(sp.gzip), fmtBytes(sp.brotli)]),
        "lrrrr",
      );
      const biggest = Math.max(...s.wasm.map((w) => w.raw));
      line(`largest wasm module: ${fmtBytes(biggest)} raw (limit ${fmtBytes(BUDGETS.wasmRaw.limit)})`);
    }
    if (fl.missing.length || pc.missing.length) {
      line(`WARNING: referenced but missing in dist/: ${[...fl.missing, ...pc.missing].join(" ")}`);
    }
    return [
      figure({ suite: "sizes", id: "sizes.firstLoad.brotli", label: "First-load transfer (brotli)", unit: "B", value: fl.brotli, goal: BUDGETS.firstLoadBrotli }),
      figure({ suite: "sizes", id: "sizes.firstLoad.gzip", label: "First-load transfer (gzip)", unit: "B", value: fl.gzip }),
      figure({ suite: "sizes", id: "sizes.precache.brotli", label: "All precached files + sw.js (brotli)", unit: "B", value: pc.brotli }),
      figure({ suite: "sizes", id: "sizes.lazy.brotli", label: "All lazily loaded page chunks (brotli)", unit: "B", value: s.lazy.brotli }),
      ...s.splits.map((sp) =>
        figure({ suite: "sizes", id: `sizes.split.${sp.name}.brotli`, label: `First use of page chunk ${sp.name} (brotli)`, unit: "B", value: sp.brotli }),
      ),
      // The main module only: the chunks are far below the limit and would repeat this figure's id.
      ...s.wasm.filter((w) => s.firstLoad.paths.includes(w.path)).map((w) =>
        figure({ suite: "sizes", id: "sizes.wasm.raw", label: "main wasm raw", unit: "B", value: w.raw, goal: BUDGETS.wasmRaw }),
      ),
    ];
  },
};

// Standalone: node tests/bench/sizes.mjs [dist]
if (import.meta.url === `file://${process.argv[1]}`) {
  const ctx = { dist: process.argv[2] || "dist", results: {} };
  heading(sizesSuite.title);
  await sizesSuite.run(ctx);
}
