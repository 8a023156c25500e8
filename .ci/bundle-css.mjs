// Trunk pre-build hook: joins the style sheets into one file, target/style/casebook.css, which
// index.html links. On Slow 4G one request costs a whole round trip (about 560 ms), and Chrome
// opens at most six HTTP/1.1 connections to a host: five style sheets beside the HTML kept the
// wasm's request waiting for a free connection until they were done (one round trip late, seen
// in a request waterfall of the cold load). The sources stay one file per layer; their order
// here is the cascade order.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LAYERS = ["tokens", "base", "layout", "components", "pages"];

const out = join(ROOT, "target", "style");
mkdirSync(out, { recursive: true });
const body = LAYERS.map((name) => `/* style/${name}.css */\n${readFileSync(join(ROOT, "style", `${name}.css`), "utf8").trimEnd()}\n`).join("\n");
writeFileSync(join(out, "casebook.css"), body);
