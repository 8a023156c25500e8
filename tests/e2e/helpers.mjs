// Shared set-up for the end-to-end tests: a server on dist/, Chromium, and origin bookkeeping.
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";
import { startServer } from "../support/server.mjs";
import { launchChromium } from "../support/browser.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = process.env.CASEBOOK_DIST || join(ROOT, "dist");

export async function startApp(port = 0) {
  if (!existsSync(join(DIST, "index.html"))) {
    throw new Error(`no build in ${DIST}: run trunk build --release first (.ci/test does)`);
  }
  return startServer({ dir: DIST, port });
}

export { launchChromium };

/**
 * Records the origin of every request a context makes, including its service worker's.
 * `foreign()` lists those that went anywhere but `origin`.
 */
export function watchOrigins(context, origin) {
  const seen = [];
  context.on("request", (request) => seen.push(request.url()));
  return {
    all: () => seen.slice(),
    foreign: () =>
      seen.filter((url) => {
        const u = new URL(url);
        if (u.protocol === "data:" || u.protocol === "blob:") return false;
        return u.origin !== origin;
      }),
  };
}

/** Waits until the app has mounted (the `app:ready` performance mark exists). */
export async function waitForApp(page) {
  await page.waitForFunction(() => performance.getEntriesByName("app:ready").length > 0);
}

/** Waits until a service worker controls the page, i.e. the offline shell is installed. */
export async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null);
}
