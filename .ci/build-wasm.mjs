// Trunk pre-build hook: builds the wasm app and splits it into a main module and lazily loaded
// chunks, because Trunk 0.21 cannot split (its wasm-opt step would drop the relocations the
// splitter needs). Steps, each with the tool pinned by .ci/setup.sh:
//
//   1. cargo rustc --bin casebook --features split (wasm32, Trunk's profile, Leptos'
//      `erase_components`), linked with --emit-relocs so that the splitter can move functions
//      between modules;
//   2. wasm-split-cli: every `#[wasm_split(<name>)]` function (src/pages/lazy.rs) and the code
//      only it reaches goes into split_<name>.wasm, code shared by several splits into
//      chunk_<n>.wasm, plus __wasm_split.js, the loader the main module imports;
//   3. wasm-bindgen --target web --keep-lld-exports on the main module (the chunks link against
//      the memory, table and functions it exports);
//   4. release only: wasm-opt -Oz on every module (npm's binaryen; Debian's breaks the output);
//   5. content hashes in every file name, references rewritten, into target/wasm-split/pkg/,
//      which index.html copies to dist/pkg/ (copy-dir), and target/wasm-split/manifest.json,
//      which the post-build hook (.ci/sw-manifest.mjs) reads to add the loader to index.html;
//      the message tables the app fetches instead of compiling in (build.rs writes them,
//      content-hashed, into its OUT_DIR) are copied beside them.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "target", "wasm-split");
const PKG = join(OUT, "pkg");
const NAME = "casebook";
const release = process.env.TRUNK_PROFILE === "release" || process.argv.includes("--release");
// CASEBOOK_WASM_NAMES=1 keeps function names in every module (cargo does not strip, wasm-bindgen
// and wasm-opt keep the name section), so a Chromium profile of a release build names our
// functions. The build is otherwise the same; its modules are larger, so never ship it.
const keepNames = process.env.CASEBOOK_WASM_NAMES === "1";

// The wasm features Rust's default wasm32 target emits (Chrome 96+); wasm-opt must accept them
// and must not introduce others.
const WASM_OPT_FLAGS = [
  "-Oz",
  "--enable-bulk-memory",
  "--enable-bulk-memory-opt",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-reference-types",
  "--enable-multivalue",
];

function run(cmd, args, opts = {}) {
  const shown = [cmd, ...args].join(" ");
  console.error(`[build-wasm] ${shown}`);
  const env = keepNames ? { ...process.env, CARGO_PROFILE_RELEASE_STRIP: "false" } : process.env;
  const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: ["ignore", opts.capture ? "pipe" : "inherit", "inherit"], encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.error) fail(`${cmd}: ${r.error.message} (run .ci/setup.sh's installers, e.g. bash .ci/serve)`);
  if (r.status !== 0) fail(`${shown} exited with ${r.status}`);
  return r.stdout;
}

function fail(message) {
  console.error(`[build-wasm] error: ${message}`);
  process.exit(1);
}

const hash16 = (...bodies) => {
  const h = createHash("sha256");
  for (const b of bodies) h.update(b);
  return h.digest("hex").slice(0, 16);
};

// 1. Build, with the split points on (feature `split`, see src/pages/lazy.rs). The link argument goes to the binary only (cargo rustc), so no dependency is
// rebuilt for it and clippy/tests share their caches with this build.
// `--cfg erase_components` makes Leptos type-erase components and reactive view closures, so
// every `view!` stops being its own copy of the rendering code (about 25 KB brotli off the
// main module, less in the chunks; one small allocation per reactive closure in exchange). It
// is a target rustflag, so build scripts and proc macros (host) keep their cache, and Leptos
// turns on its macro's matching feature through `cfg(erase_components)`.
//
// `--remap-path-prefix` turns the builder's crate-registry paths in panic locations into
// `<crate>-<version>/src/...`: the shipped wasm then names no directory of the machine that
// built it, and machines with their cargo home elsewhere build the same bytes (4.5 KB less raw
// wasm; brotli had already folded the repeated prefix, so the transfer is the same).
const registry = join(process.env.CARGO_HOME || join(homedir(), ".cargo"), "registry", "src");
const remaps = existsSync(registry)
  ? readdirSync(registry).flatMap((index) => ["--remap-path-prefix", `${join(registry, index)}/=`])
  : [];
const rustflags = JSON.stringify(["--cfg", "erase_components", ...remaps]);
const cargoArgs = [
  "rustc", "--bin", NAME, "--target", "wasm32-unknown-unknown", "--features", "split",
  "--config", `target.wasm32-unknown-unknown.rustflags=${rustflags}`,
  "--message-format=json-render-diagnostics",
];
if (release) cargoArgs.push("--release");
cargoArgs.push("--", "-C", "link-args=--emit-relocs");
const messages = run("cargo", cargoArgs, { capture: true });
let input = null;
let outDir = null;
for (const lineText of messages.split("\n")) {
  if (!lineText.startsWith("{")) continue;
  const m = JSON.parse(lineText);
  if (m.reason === "compiler-artifact" && m.target?.name === NAME && m.target.kind.includes("bin")) {
    input = m.filenames.find((f) => f.endsWith(".wasm")) ?? input;
  }
  // Cargo reports the build script's output directory (fresh or not) for the wasm target.
  if (m.reason === "build-script-executed" && /(^|[/#])casebook([@# ]|$)/.test(m.package_id)) outDir = m.out_dir;
}
if (!input) fail("cargo reported no casebook.wasm");
if (!outDir) fail("cargo reported no build-script output directory for casebook");
const locales = readdirSync(outDir).filter((f) => /^locale-[\w-]+-[0-9a-f]{16}\.json$/.test(f)).sort();
if (locales.length === 0) fail(`build.rs wrote no locale table into ${outDir}`);

// 2. Split.
const splitDir = join(OUT, "split");
const bindgenDir = join(OUT, "bindgen");
for (const dir of [splitDir, bindgenDir, PKG]) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
run("wasm-split-cli", ["--target", "web", "--out-name", NAME, input, splitDir]);

// 3. Bindgen the main module (`--no-demangle` keeps the symbol names the split modules were
// linked against, as cargo-leptos does).
run("wasm-bindgen", [
  "--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
  ...(keepNames ? ["--keep-debug"] : []),
  "--out-dir", bindgenDir, "--out-name", NAME, join(splitDir, `${NAME}.wasm`),
]);

// 4. Optimise every module.
const chunks = readdirSync(splitDir).filter((f) => f.endsWith(".wasm") && f !== `${NAME}.wasm`).sort();
const modules = [join(bindgenDir, `${NAME}_bg.wasm`), ...chunks.map((f) => join(splitDir, f))];
if (release) {
  const wasmOpt = join(ROOT, "node_modules", ".bin", "wasm-opt");
  if (!existsSync(wasmOpt)) fail("node_modules/.bin/wasm-opt is missing (npm ci installs binaryen)");
  for (const file of modules) run(wasmOpt, [...WASM_OPT_FLAGS, ...(keepNames ? ["-g"] : []), file, "-o", file]);
}

// 5. Content-hash names. Chunks are leaves (nothing they load is named in them); the glue and
// the loader import each other, so they share one hash over both.
const renames = new Map();
for (const file of chunks) {
  const body = readFileSync(join(splitDir, file));
  const stem = file.replace(/\.wasm$/, "");
  const named = `${stem}-${hash16(body)}.wasm`;
  renames.set(`./${file}`, `./${named}`);
  writeFileSync(join(PKG, named), body);
}
// Already content-hashed by build.rs (the wasm names them).
for (const file of locales) writeFileSync(join(PKG, file), readFileSync(join(outDir, file)));
const mainWasm = readFileSync(join(bindgenDir, `${NAME}_bg.wasm`));
const mainWasmName = `${NAME}-${hash16(mainWasm)}_bg.wasm`;
writeFileSync(join(PKG, mainWasmName), mainWasm);

const replaceAll = (text, from, to, what) => {
  if (!text.includes(from)) fail(`expected ${JSON.stringify(from)} in ${what}`);
  return text.split(from).join(to);
};
let loader = readFileSync(join(splitDir, "__wasm_split.js"), "utf8");
for (const [from, to] of renames) loader = replaceAll(loader, `"${from}"`, `"${to}"`, "__wasm_split.js");
let glue = readFileSync(join(bindgenDir, `${NAME}.js`), "utf8");
glue = replaceAll(glue, `'${NAME}_bg.wasm'`, `'${mainWasmName}'`, `${NAME}.js`);
// The two refer to each other by name, so the shared hash is taken with a placeholder for it.
const HASH = "@@CASEBOOK_JS_HASH@@";
loader = replaceAll(loader, `"./${NAME}.js"`, `"./${NAME}-${HASH}.js"`, "__wasm_split.js");
// Only the ES import is renamed: the key "./__wasm_split.js" of the imports object is the wasm
// import module name, which must stay.
const importRe = /(\bfrom\s*)(["'])\.\/__wasm_split\.js\2/g;
if (!importRe.test(glue)) fail(`${NAME}.js does not import ./__wasm_split.js`);
glue = glue.replace(importRe, `$1"./wasm_split-${HASH}.js"`);
const jsHash = hash16(loader, glue);
loader = replaceAll(loader, HASH, jsHash, "__wasm_split.js");
glue = replaceAll(glue, HASH, jsHash, `${NAME}.js`);
const glueName = `${NAME}-${jsHash}.js`;
const loaderName = `wasm_split-${jsHash}.js`;
writeFileSync(join(PKG, glueName), glue);
writeFileSync(join(PKG, loaderName), loader);

const manifest = {
  profile: release ? "release" : "debug",
  glue: glueName,
  loader: loaderName,
  wasm: mainWasmName,
  chunks: [...renames.values()].map((p) => p.slice(2)),
  locales,
};
writeFileSync(join(OUT, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.error(`[build-wasm] ${modules.length} wasm modules and ${locales.length} message tables in ${PKG}: ${[mainWasmName, ...manifest.chunks, ...locales].join(" ")}`);
