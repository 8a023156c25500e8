// End to end: the app shell on tablet viewports — load, navigate, language, layout, offline,
// same-origin only, update prompt and the unsupported-browser page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { DIST, startApp, launchChromium, watchOrigins, waitForApp, waitForServiceWorker } from "./helpers.mjs";
import { lazySplits } from "../bench/sizes.mjs";
import { TABLETS, NARROW } from "../support/browser.mjs";

const ROUTES = [
  { nav: "nav-today", path: "/", page: "page-today", zh: "今日待办", en: "Today" },
  { nav: "nav-cases", path: "/cases", page: "page-cases", zh: "案件台账", en: "Cases" },
  { nav: "nav-supervisor", path: "/supervisor", page: "page-supervisor", zh: "督导与汇总", en: "Supervisor" },
  { nav: "nav-settings", path: "/settings", page: "page-settings", zh: "设置", en: "Settings" },
];

let server;
let browser;

before(async () => {
  server = await startApp();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const device of TABLETS) {
  test(`${device.name}: loads in Chinese and every route is reachable from the navigation`, async () => {
    const context = await browser.newContext({ ...device, serviceWorkers: "block" });
    const origins = watchOrigins(context, server.url);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url + "/");
    await waitForApp(page);
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    assert.equal(await page.textContent("[data-testid=app-title]"), "调解台账");
    for (const route of ROUTES) {
      await page.click(`[data-testid=${route.nav}]`);
      await page.waitForSelector(`[data-testid=${route.page}]`);
      assert.equal(new URL(page.url()).pathname, route.path);
      assert.equal(await page.textContent(`[data-testid=${route.page}] h1`), route.zh);
      assert.equal(await page.getAttribute(`[data-testid=${route.nav}]`, "aria-current"), "page");
    }
    // Placeholder areas say plainly that they are not built yet.
    await page.click("[data-testid=nav-supervisor]");
    assert.match(await page.textContent("[data-testid=placeholder]"), /尚未建成/);
    // Deep links work too (the host serves the shell for app routes).
    await page.goto(server.url + "/supervisor");
    await page.waitForSelector("[data-testid=page-supervisor]");
    await page.goto(server.url + "/no-such-page");
    await page.waitForSelector("[data-testid=page-not-found]");
    assert.deepEqual(errors, []);
    assert.deepEqual(origins.foreign(), []);
    await context.close();
  });

  test(`${device.name}: touch targets are at least 48 px and nothing overflows sideways`, async () => {
    const context = await browser.newContext({ ...device, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(server.url + "/settings");
    await page.waitForSelector("[data-testid=page-settings]");
    const small = await page.$$eval("a, button", (els) =>
      els
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ text: el.textContent.trim(), ...el.getBoundingClientRect().toJSON() }))
        .filter((r) => r.width < 48 || r.height < 48)
    );
    assert.deepEqual(small, []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    await context.close();
  });
}

test("narrow 360 px screens: no sideways overflow and the navigation stays usable", async () => {
  const context = await browser.newContext({ ...NARROW, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(server.url + "/settings");
  await page.waitForSelector("[data-testid=page-settings]");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  const nav = await page.$$eval(".nav-bar__link", (els) => els.map((el) => el.getBoundingClientRect().width));
  assert.equal(nav.length, 4);
  for (const width of nav) assert.ok(width >= 48, `nav entry only ${width}px wide`);
  await context.close();
});

test("switching the language to English translates the app and persists across reloads", async () => {
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(server.url + "/settings");
  await page.waitForSelector("[data-testid=page-settings]");
  assert.equal(await page.getAttribute("[data-testid=lang-zh-CN]", "aria-pressed"), "true");
  await page.click("[data-testid=lang-en]");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.equal(await page.textContent("[data-testid=app-title]"), "Mediation Casebook");
  assert.equal(await page.textContent("[data-testid=page-settings] h1"), "Settings");
  assert.match(await page.textContent("[data-testid=nav-today]"), /Today/);
  assert.equal(await page.getAttribute("[data-testid=lang-en]", "aria-pressed"), "true");
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.textContent("[data-testid=app-title]"), "Mediation Casebook");
  for (const route of ROUTES) {
    await page.click(`[data-testid=${route.nav}]`);
    assert.equal(await page.textContent(`[data-testid=${route.page}] h1`), route.en);
  }
  await page.click("[data-testid=nav-settings]");
  await page.click("[data-testid=lang-zh-CN]");
  await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
  assert.equal(await page.textContent("[data-testid=app-title]"), "调解台账");
  await context.close();
});

test("English is fetched only once chosen, and switching to it works offline", async () => {
  // Its own server, so that it can be stopped: offline must not depend on emulation alone.
  const own = await startApp();
  const context = await browser.newContext({ ...TABLETS[0] });
  const origins = watchOrigins(context, own.url);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const tables = [];
  page.on("request", (r) => {
    if (/\/pkg\/locale-en-[0-9a-f]{16}\.json$/.test(new URL(r.url()).pathname)) tables.push(r.url());
  });
  await page.goto(own.url + "/");
  await waitForApp(page);
  assert.deepEqual(tables, [], "a Chinese first screen must not download the English table");
  await waitForServiceWorker(page);
  await own.close();
  await context.setOffline(true);

  await page.click("[data-testid=nav-settings]");
  await page.waitForSelector("[data-testid=page-settings]");
  await page.click("[data-testid=lang-en]");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.equal(await page.textContent("[data-testid=app-title]"), "Mediation Casebook");
  assert.equal(await page.textContent("[data-testid=page-settings] h1"), "Settings");
  assert.equal(await page.getAttribute("[data-testid=lang-en]", "aria-pressed"), "true");
  assert.equal(tables.length, 1, "the table is fetched once, from the service worker");

  // A reload offline starts in English from the first screen (the saved choice waits for the
  // table before mounting), with no Chinese text on the way.
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.textContent("[data-testid=app-title]"), "Mediation Casebook");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  for (const route of ROUTES) {
    await page.click(`[data-testid=${route.nav}]`);
    await page.waitForSelector(`[data-testid=${route.page}]`);
    assert.equal(await page.textContent(`[data-testid=${route.page}] h1`), route.en);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(origins.foreign(), []);
  await context.close();
});

test("settings show storage persistence, usage and quota, and the About panel", async () => {
  const context = await browser.newContext({ ...TABLETS[1], serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(server.url + "/settings");
  await page.waitForFunction(() => {
    const el = document.querySelector("[data-testid=storage-status]");
    return el && /已用/.test(el.textContent);
  });
  const storage = await page.textContent("[data-testid=storage-status]");
  assert.match(storage, /持久保存/);
  assert.match(storage, /已用 .+，可用上限 .+/);
  const about = await page.textContent("[data-testid=about]");
  assert.match(about, /版本 \d+\.\d+\.\d+/);
  assert.match(await page.textContent("[data-testid=build-id]"), /构建标识 \S+/);
  await context.close();
});

test("offline: after one visit the app reloads and navigates with no network at all", async () => {
  // Its own server, so that it can be stopped: offline must not depend on emulation alone.
  const own = await startApp();
  const context = await browser.newContext({ ...TABLETS[0] });
  const origins = watchOrigins(context, own.url);
  const page = await context.newPage();
  await page.goto(own.url + "/");
  await waitForApp(page);
  await waitForServiceWorker(page);
  await own.close();
  await context.setOffline(true);

  const response = await page.reload();
  assert.ok(response.fromServiceWorker(), "the shell must come from the service worker");
  await waitForApp(page);
  assert.equal(await page.textContent("[data-testid=app-title]"), "调解台账");
  await page.waitForSelector("[data-testid=offline-indicator]");
  await page.click("[data-testid=nav-settings]");
  await page.waitForSelector("[data-testid=page-settings]");
  // A deep link typed while offline is served by the cached shell as well.
  await page.goto(own.url + "/cases");
  await page.waitForSelector("[data-testid=page-cases]");
  assert.deepEqual(origins.foreign(), []);
  await context.close();
});

test("the first screen downloads no page chunk but the list's; a page whose chunk fails says so and the app keeps working", async () => {
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const wasm = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith(".wasm")) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto(server.url + "/cases");
  await waitForApp(page);
  await page.waitForSelector("[data-testid=page-cases]");
  // Once the first rows have painted, the register fetches the chunks of the directory and the
  // search engine; the list (shown here) fetched its own; no other page's chunk is fetched
  // until that page is opened.
  await page.waitForFunction(() => performance.getEntriesByName("register:summaries").length > 0);
  const splits = lazySplits(DIST);
  const listModule = splits.find((split) => split.name === "case_list")?.paths[0];
  assert.ok(listModule, "the loader lists the case list's chunk");
  assert.ok(wasm.includes(listModule), `the list's chunk was fetched: ${wasm.join(" ")}`);
  const pageModules = splits
    .filter((split) => !["directory", "search", "maintenance", "case_list"].includes(split.name))
    .map((split) => split.paths[0]);
  assert.ok(pageModules.length >= 6, `page chunks listed by the loader: ${pageModules.join(" ")}`);
  assert.deepEqual(wasm.filter((p) => pageModules.includes(p)), [], `no page chunk: ${wasm.join(" ")}`);
  assert.equal(wasm.filter((p) => /^\/pkg\/casebook-[0-9a-f]{16}_bg\.wasm$/.test(p)).length, 1);
  assert.ok(wasm.some((p) => /^\/pkg\/split_directory-[0-9a-f]{16}\.wasm$/.test(p)), wasm.join(" "));

  // The settings chunk cannot be fetched (say, offline before the service worker cached it).
  await context.route(/\/pkg\/(split|chunk)_[^/]*\.wasm$/, (route) => route.abort());
  await page.click("[data-testid=nav-settings]");
  await page.waitForSelector("[data-testid=page-load-failed]");
  assert.match(await page.textContent("[data-testid=page-load-failed] h1"), /无法加载/);
  // The rest of the app still works, and once the network is back the page loads.
  await page.click("[data-testid=nav-today]");
  await page.waitForSelector("[data-testid=page-today]");
  await context.unroute(/\/pkg\/(split|chunk)_[^/]*\.wasm$/);
  await page.click("[data-testid=nav-settings]");
  await page.waitForSelector("[data-testid=page-settings]");
  assert.deepEqual(errors, []);
  await context.close();
});

test("Today needs no chunk; a case list whose chunk cannot be fetched says so in the list's place", async () => {
  const context = await browser.newContext({ ...TABLETS[1], serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // No chunk can be fetched at all (offline before the service worker cached them).
  await context.route(/\/pkg\/(split|chunk)_[^/]*\.wasm$/, (route) => route.abort());
  await page.goto(server.url + "/");
  await waitForApp(page);
  await page.waitForSelector("[data-testid=page-today]");
  await page.click("[data-testid=nav-cases]");
  await page.waitForSelector("[data-testid=page-load-failed]");
  assert.equal(await page.$("[data-testid=page-cases]"), null);
  // Back on Today, the failed list is hidden with the rest of the list's place.
  await page.click("[data-testid=nav-today]");
  await page.waitForSelector("[data-testid=page-today]");
  assert.equal(await page.isVisible("[data-testid=page-load-failed]"), false);
  // The retry reloads; with the network back the list loads.
  await context.unroute(/\/pkg\/(split|chunk)_[^/]*\.wasm$/);
  await page.click("[data-testid=nav-cases]");
  await page.click("[data-testid=page-load-retry]");
  await page.waitForSelector("[data-testid=page-cases]");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a new deployment shows the reload prompt, and reloading switches to the new version", async () => {
  const own = await startApp();
  const context = await browser.newContext({ ...TABLETS[1] });
  const page = await context.newPage();
  await page.goto(own.url + "/");
  await waitForApp(page);
  await waitForServiceWorker(page);
  const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
  assert.equal(await page.$("[data-testid=update-banner]"), null);

  // "Deploy" a new version: the service worker script changes, as it does on every release.
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { DIST } = await import("./helpers.mjs");
  const sw = readFileSync(join(DIST, "sw.js"), "utf8").replace(/const BUILD = "([^"]+)"/, 'const BUILD = "$1-next"');
  own.setOverride("/sw.js", sw);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.waitForSelector("[data-testid=update-banner]");
  assert.match(await page.textContent("[data-testid=update-banner]"), /有新版本可用/);

  const reloaded = page.waitForEvent("load");
  await page.click("[data-testid=update-banner] .button--primary");
  await reloaded;
  await waitForApp(page);
  const caches = await page.evaluate(() => caches.keys());
  assert.ok(caches.some((k) => k.endsWith("-next")), `new cache expected, got ${caches}`);
  assert.ok(!caches.some((k) => !k.endsWith("-next")), `old cache must be gone, got ${caches}`);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), firstWorker);
  assert.equal(await page.$("[data-testid=update-banner]"), null);
  await context.close();
  await own.close();
});

test("a browser without IndexedDB sees a translated explanation, not a blank page", async () => {
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  await context.addInitScript(() => {
    Object.defineProperty(window, "indexedDB", { value: undefined, configurable: true });
  });
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.waitForSelector("[data-testid=unsupported]");
  const text = await page.textContent("[data-testid=unsupported]");
  assert.match(text, /此浏览器无法运行调解台账/);
  assert.match(text, /This browser cannot run the Mediation Casebook/);
  assert.equal(await page.$(".app-shell"), null, "the app must not mount over the explanation");
  await context.close();
});

test("a browser without WebAssembly reference types sees the explanation too", async () => {
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  await context.addInitScript(() => {
    const validate = WebAssembly.validate;
    // Pretend to be an engine from before Chrome 96: modules using externref do not validate.
    WebAssembly.validate = (bytes) => (bytes.length < 32 ? false : validate(bytes));
  });
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.waitForSelector("[data-testid=unsupported]");
  assert.equal(await page.$(".app-shell"), null);
  await context.close();
});
