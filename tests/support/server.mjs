// Static server for dist/: the headers a production host should send (README, "Deploying"),
// brotli/gzip compression, and single-page-app fallback. Used by `.ci/serve`, the end-to-end
// tests and the benchmark. Listens on loopback only.
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join, normalize, extname } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

// Files whose names carry a content hash never change, so they may be cached forever.
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/;

/** The Content-Security-Policy header; index.html also carries a <meta> policy with script hashes. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

/**
 * Starts serving `dir`. `port` 0 picks a free port. Returns { url, port, close, setOverride }.
 * `setOverride(path, body)` serves `body` for `path` instead of the file (tests simulate a new
 * deployment with it); `setOverride(path, null)` removes the override.
 */
export function startServer({ dir, port = 0, host = "127.0.0.1" }) {
  const overrides = new Map();
  const cache = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith("/")) path += "index.html";
    let file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    let body = overrides.get(path);
    if (body === undefined) {
      if (!existsSync(file) || statSync(file).isDirectory()) {
        // Unknown paths without an extension are app routes: serve the shell.
        if (extname(path) === "") {
          path = "/index.html";
          file = join(dir, "index.html");
        } else {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found");
          return;
        }
      }
      body = readFileSync(file);
    } else {
      body = Buffer.from(body);
    }
    const type = TYPES[extname(path)] || "application/octet-stream";
    const headers = {
      "content-type": type,
      "cache-control": HASHED.test(path) ? "public, max-age=31536000, immutable" : "no-cache",
      "content-security-policy": CSP,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      vary: "accept-encoding",
    };
    const accept = String(req.headers["accept-encoding"] || "");
    const compressible = !type.startsWith("image/png");
    let encoded = body;
    if (compressible && /\bbr\b/.test(accept)) {
      const key = `br:${path}:${body.length}:${overrides.has(path)}`;
      encoded = cache.get(key) || brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      cache.set(key, encoded);
      headers["content-encoding"] = "br";
    } else if (compressible && /\bgzip\b/.test(accept)) {
      encoded = gzipSync(body, { level: 9 });
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = encoded.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : encoded);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({
        url: `http://${host}:${actual}`,
        port: actual,
        setOverride(path, content) {
          if (content === null) overrides.delete(path);
          else overrides.set(path, content);
        },
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

// Command line: node tests/support/server.mjs --dir dist --port 8080
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const dir = arg("--dir", "dist");
  if (!existsSync(join(dir, "index.html"))) {
    console.error(`no index.html in ${dir}: build first (trunk build --release)`);
    process.exit(1);
  }
  const { url } = await startServer({ dir, port: Number(arg("--port", "8080")) });
  console.log(`Casebook is served at ${url}/ (Ctrl-C to stop)`);
}
