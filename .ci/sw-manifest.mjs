// Trunk post-build hook: stamps the service worker with this build's file list and content hash,
// adds a Content-Security-Policy <meta> with the hashes of index.html's inline scripts (release
// builds), and copies index.html to 404.html for static hosts without SPA rewrites.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

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
