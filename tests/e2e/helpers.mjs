// Shared set-up for the end-to-end tests: a server on dist/, Chromium, origin bookkeeping, and a
// tablet set up as slot 3 of a committee.
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

/** Sets the tablet up as slot 3 of a committee with two mediators. */
export async function setUp(page, url) {
  await page.goto(url + "/setup");
  await page.waitForSelector("[data-testid=setup-save]");
  await page.fill("[data-testid=field-committee-name]", "东城村人民调解委员会");
  await page.fill("[data-testid=field-case-prefix]", "东城");
  await page.fill("[data-testid=field-mediator-name]", "王调解");
  await page.fill("[data-testid=field-slot]", "3");
  await page.click("[data-testid=setup-save]");
  await page.waitForURL(/\/cases$/);
  await page.goto(url + "/setup");
  await page.waitForSelector("[data-testid=add-mediator]");
  await page.fill("[data-testid=field-new-mediator-name]", "李主任");
  await page.click("[data-testid=add-mediator]");
  await page.waitForFunction(() => document.querySelector("[data-testid=mediator-list]")?.children.length === 2);
}

/** Registers a case through quick intake (applicant, summary, dispute type) and waits for it. */
export async function intake(page, url, name, summary, type) {
  await page.goto(url + "/cases/new");
  await saveIntake(page, name, summary, type);
}

/** Fills the quick intake form already open in `page` and saves it, up to the case's page. */
export async function saveIntake(page, name, summary, type) {
  await page.fill("[data-testid=field-applicant-name]", name);
  await page.fill("[data-testid=field-summary]", summary);
  await page.selectOption("[data-testid=field-dispute-type]", type);
  await page.click("[data-testid=intake-save]");
  await page.waitForURL(/\/cases\/[0-9a-f]{32}$/);
}

/** Sets the tablet up and registers two cases: 张三's (labour, LD), then 李四's (neighbours, LL). */
export async function setUpWithTwoCases(page, url) {
  await setUp(page, url);
  await intake(page, url, "张三", "拖欠工资三个月", "LD");
  await intake(page, url, "李四", "楼上漏水损坏天花板", "LL");
}

/** Civil time in China (UTC+8) on `iso` (YYYY-MM-DD) at 10:00, as a Date for `page.clock`. */
export const china = (iso) => new Date(`${iso}T10:00:00+08:00`);

/**
 * Opens Today with the clock fixed at 10:00 China time on `day` and returns, per group, the
 * serial numbers (第N号) of the cases it lists.
 */
export async function todayAt(page, url, day) {
  await page.clock.setFixedTime(china(day));
  await page.goto(url + "/");
  await page.waitForSelector("[data-testid=page-today] :is([data-testid=today-empty], .today__group)");
  const groups = {};
  for (const id of ["today-overdue", "today-due-today", "today-due-week", "today-follow-ups", "today-jc-closing", "today-high-risk"]) {
    groups[id] = await page.$$eval(`[data-testid=${id}] [data-testid=case-row]`, (rows) =>
      rows.map((r) => (r.textContent.match(/第(\d+)号/) || [])[1]),
    );
  }
  return groups;
}

/** Waits until the draft store holds exactly `n` drafts (each change is written at once). */
export async function waitForDrafts(page, n) {
  await page.waitForFunction(async (n) => {
    const db = await new Promise((r) => { const o = indexedDB.open("casebook"); o.onsuccess = () => r(o.result); });
    const count = await new Promise((r) => { const q = db.transaction("drafts").objectStore("drafts").count(); q.onsuccess = () => r(q.result); });
    db.close();
    return count === n;
  }, n);
}
