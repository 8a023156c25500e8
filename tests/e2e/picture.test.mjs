// End to end: the picture of the case list. A start at `/cases` shows the list's first screen as
// the app last showed it, inert, before the wasm has started; the app removes it once its own rows
// are there. A change to the register, another language or another day means no picture.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { intake, setUpWithTwoCases, startApp, launchChromium } from "./helpers.mjs";
import { TABLETS } from "../support/browser.mjs";

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/**
 * Runs in every document before its own scripts: records the picture as index.html adds it
 * (its rows' text, whether the app had mounted, what it carries) and what the page holds when it
 * is removed.
 */
function recordPicture() {
  window.__picture = null;
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeType === 1 && node.classList.contains("picture")) {
          window.__picture = {
            rows: [...node.querySelectorAll(".case-row")].map((r) => r.textContent),
            appMounted: document.getElementById("boot") === null,
            inert: node.hasAttribute("inert"),
            ids: node.querySelectorAll("[id]").length,
            testIds: node.querySelectorAll("[data-testid]").length,
            timing: [...node.querySelectorAll("[elementtiming]")].map((e) => e.getAttribute("elementtiming")),
            liveRowsAtRemoval: null,
          };
        }
      }
      for (const node of change.removedNodes) {
        if (node.nodeType === 1 && node.classList.contains("picture") && window.__picture) {
          window.__picture.liveRowsAtRemoval = [...document.querySelectorAll("[data-testid=case-row]")].map((r) => r.textContent);
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

const liveRows = (page) => page.$$eval("[data-testid=case-row]", (els) => els.map((e) => e.textContent));

/** Opens `/cases` (leaving the page before it, which saves the picture) and waits for the rows. */
async function openList(page, url, n) {
  await page.goto(url + "/cases");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=case-row]").length === n, n);
  await page.waitForSelector("[data-picture=ready]");
}

test("a start at the case list shows its last first screen before the app, until the app's own rows replace it", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  await context.addInitScript(recordPicture);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await setUpWithTwoCases(page, server.url);

  // The first start at the list has nothing saved yet.
  await openList(page, server.url, 2);
  assert.equal(await page.evaluate(() => window.__picture), null, "no picture before the list was ever left");
  const shown = await liveRows(page);
  const look = await page.screenshot();

  // It looks exactly like the list: a start with the wasm held back shows the same pixels. (The
  // route stays: once released it lets every later request through at once.)
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/*_bg.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(server.url + "/cases", { waitUntil: "domcontentloaded" });
  await page.waitForSelector(".picture");
  assert.ok((await page.screenshot()).equals(look), "the picture is the list's first screen, pixel for pixel");
  release();
  await page.waitForSelector("[data-picture=ready]");

  // Leaving it saves the picture; the next start shows it before the wasm has mounted anything.
  await openList(page, server.url, 2);
  const picture = await page.evaluate(() => window.__picture);
  assert.ok(picture, "the picture was shown");
  assert.equal(picture.appMounted, false, "shown before the app mounted");
  assert.deepEqual(picture.rows, shown, "the same rows as the list showed");
  assert.equal(picture.inert, true, "a tap on it does nothing");
  assert.equal(picture.ids, 0, "no id of the live page is repeated");
  assert.equal(picture.testIds, 0, "nothing in it can be taken for the live page");
  assert.ok(picture.timing.length > 0 && picture.timing.every((t) => t === "case-row-picture"), `its paint is told apart: ${picture.timing}`);
  await page.waitForFunction(() => window.__picture.liveRowsAtRemoval !== null);
  assert.deepEqual(await page.evaluate(() => window.__picture.liveRowsAtRemoval), shown, "removed once the live rows are in place");
  assert.equal(await page.locator(".picture").count(), 0);

  // A saved case changes the register: the picture is forgotten at once, so a start at the list
  // from the case page shows none.
  await intake(page, server.url, "王五", "邻里噪音纠纷", "LL");
  assert.equal(await page.evaluate(() => localStorage.getItem("casebook.picture")), null, "forgotten on save");
  await openList(page, server.url, 3);
  assert.equal(await page.evaluate(() => window.__picture), null, "no picture of the old register");
  const three = await liveRows(page);
  await openList(page, server.url, 3);
  assert.deepEqual(await page.evaluate(() => window.__picture?.rows), three, "pictured again once the list was left");

  // A picture of another day is not shown (the overdue markers change at midnight, China time).
  await page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem("casebook.picture"));
    saved.day = "2000-01-01";
    localStorage.setItem("casebook.picture", JSON.stringify(saved));
    // Leaving the page would save a fresh picture; block that for this one start.
    window.__keep = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key !== "casebook.picture") window.__keep.call(this, key, value);
    };
  });
  await page.goto(server.url + "/cases");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 3);
  assert.equal(await page.evaluate(() => window.__picture), null, "no picture of another day");

  // A filtered list is not pictured, and another language forgets the picture.
  await openList(page, server.url, 3);
  assert.ok(await page.evaluate(() => localStorage.getItem("casebook.picture")));
  await page.goto(server.url + "/cases?type=LD");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 1);
  await page.goto(server.url + "/cases?type=LD");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 1);
  assert.equal(await page.evaluate(() => window.__picture), null, "the picture of /cases is not shown at another address");
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem("casebook.picture")).path), "/cases", "leaving a filtered list saves none");

  // Nor is a list whose filter panel was opened or closed by hand: a start would not show it so.
  await page.evaluate(() => localStorage.removeItem("casebook.picture"));
  await page.goto(server.url + "/cases");
  await page.waitForSelector("[data-picture=ready]");
  await page.click("[data-testid=filter-toggle]");
  await page.goto(server.url + "/cases");
  await page.waitForSelector("[data-picture=ready]");
  assert.equal(await page.evaluate(() => localStorage.getItem("casebook.picture")), null, "no picture of a panel toggled by hand");
  await page.click("[data-testid=nav-settings]");
  await page.click("[data-testid=lang-en]");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.equal(await page.evaluate(() => localStorage.getItem("casebook.picture")), null, "forgotten with the language");

  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});
