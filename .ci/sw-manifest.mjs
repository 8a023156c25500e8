// Trunk post-build hook: adds the module script that starts the wasm app (built and split by the
// pre-build hook .ci/build-wasm.mjs, copied to pkg/ by index.html), stamps the service worker
// with this build's file list (lazily loaded chunks included, so that a page first opened
// offline still loads) and content hash, adds a Content-Security-Policy <meta> with the hashes
// of index.html's inline scripts (release builds), and copies index.html to 404.html for static
// hosts without SPA rewrites.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("sw-manifest: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(1);
}
const publicUrl = (process.env.TRUNK_PUBLIC_URL || "/").replace(/\/?$/, "/");
const release = process.env.TRUNK_PROFILE === "release";

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");

// The wasm entry: preload the glue, the chunk loader it imports and the main module in parallel
// (the chunks are fetched only when a page needs them), then start the app. The preloads go
// before the style sheet, so that the largest download, the main module, is requested first.
const wasmManifest = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "target", "wasm-split", "manifest.json"), "utf8"),
);
const pkg = `${publicUrl}pkg/`;
for (const file of [wasmManifest.glue, wasmManifest.loader, wasmManifest.wasm, ...wasmManifest.chunks, ...(wasmManifest.locales ?? [])]) {
  if (!existsSync(join(staging, "pkg", file))) {
    console.error(`sw-manifest: pkg/${file} is missing from the build; did the pre-build hook run?`);
    process.exit(1);
  }
}
const preloads = [
  `<link rel="preload" href="${pkg}${wasmManifest.wasm}" as="fetch" type="application/wasm" crossorigin="anonymous" />`,
  `<link rel="modulepreload" href="${pkg}${wasmManifest.glue}" />`,
  `<link rel="modulepreload" href="${pkg}${wasmManifest.loader}" />`,
].map((tag) => `${tag}\n    `).join("");
const firstSheet = html.search(/<link rel="stylesheet"/);
if (firstSheet < 0) {
  console.error("sw-manifest: index.html has no style sheet link to put the preloads before");
  process.exit(1);
}
html = html.slice(0, firstSheet) + preloads + html.slice(firstSheet);
const start = `<script type="module">import init from "${pkg}${wasmManifest.glue}";\ninit({ module_or_path: "${pkg}${wasmManifest.wasm}" });</script>`;
html = html.replace(/<\/head>/, `    ${start}\n  </head>`);
writeFileSync(indexPath, html);

if (release) {
  // Hash every inline script so the policy can forbid all others ('unsafe-inline' stays off).
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/type="application\/json"/.test(m[1]))
    .map((m) => `'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
  html = html.replace(/<meta charset="utf-8"\s*\/?>/, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
  writeFileSync(indexPath, html);
}

const files = walk(staging)
  .map((full) => relative(staging, full).split(sep).join("/"))
  .filter((rel) => rel !== "sw.js" && rel !== "404.html")
  .sort();
const digest = createHash("sha256");
for (const rel of files) {
  digest.update(rel);
  digest.update(readFileSync(join(staging, rel)));
}
const build = digest.digest("hex").slice(0, 16);
const assets = files.map((rel) => publicUrl + rel);

const swPath = join(staging, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace('"__CASEBOOK_BUILD__"', JSON.stringify(build))
  .replace('["__CASEBOOK_ASSETS__"]', JSON.stringify(assets));
if (sw.includes("__CASEBOOK_")) {
  console.error("sw-manifest: placeholders left in sw.js");
  process.exit(1);
}
writeFileSync(swPath, sw);
writeFileSync(join(staging, "404.html"), html);
console.log(`sw-manifest: build ${build}, ${assets.length} files precached`);
