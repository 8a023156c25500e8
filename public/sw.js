// Service worker of Casebook: caches the versioned app shell and serves it offline.
//
// The build hook (.ci/sw-manifest.mjs) replaces the two placeholders below with the build's
// content hash and the list of its files, so every release gets a new cache and a new worker
// (which the page offers to activate with a "new version available" prompt).
// Only the app shell is cached here: case data lives in IndexedDB, never in this cache.
"use strict";

const BUILD = "__CASEBOOK_BUILD__";
const ASSETS = ["__CASEBOOK_ASSETS__"];
const CACHE = "casebook-shell-" + BUILD;
const SHELL = "/index.html";

// Files with a content hash in their name cannot be stale, so they may come from the HTTP
// cache (a first visit has just downloaded them: fetching them again would double the transfer
// on a slow link). Every other file is revalidated so the cache never mixes in an old copy.
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css|json)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(
        ASSETS.map((url) => new Request(url, { cache: HASHED.test(url) ? "default" : "no-cache" }))
      )
    )
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("casebook-shell-") && key !== CACHE)
            .map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Every route of the single-page app is served by the cached shell of this version.
    event.respondWith(
      caches.match(SHELL, { cacheName: CACHE }).then((hit) => hit || fetch(request))
    );
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request))
  );
});
