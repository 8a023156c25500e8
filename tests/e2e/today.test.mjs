// End to end: the Today screen (home page) follows the clock: a case registered on 2 March 2026
// with the one-month norm is high-risk at once, due within the week from 27 March, due today on
// 2 April and overdue from 3 April; an unfinished intake draft is one tap from its form.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { china, setUp, startApp, launchChromium, todayAt, waitForDrafts, watchOrigins } from "./helpers.mjs";
import { TABLETS } from "../support/browser.mjs";

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test("Today lists a case as its time limit approaches and passes, and the unfinished draft", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  const origins = watchOrigins(context, server.url);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.clock.setFixedTime(china("2026-03-02"));
  await setUp(page, server.url);

  // A neighbour dispute registered on 2 March: one-month norm, last day 2 April.
  await page.goto(server.url + "/cases/new");
  await page.fill("[data-testid=field-applicant-name]", "孙八");
  // Long enough that an uncut excerpt would be wider than the tablet.
  await page.fill(
    "[data-testid=field-summary]",
    "楼上住户家中水管破裂导致楼下天花板和墙面大面积渗水发霉，楼下住户多次上门协商赔偿装修损失未果，双方在楼道内发生争吵，物业调解无效后申请人民调解委员会调解",
  );
  await page.selectOption("[data-testid=field-dispute-type]", "LL");
  await page.click("[data-testid=intake-save]");
  await page.waitForURL(/\/cases\/[0-9a-f]{32}$/);
  await page.click("[data-testid=action-triage]");
  await page.waitForSelector("[data-testid=triage-save]");
  await page.selectOption("[data-testid=field-tier]", "ORDINARY");
  await page.selectOption("[data-testid=field-risk-level]", "RED");
  await page.click("[data-testid=triage-save]");
  await page.waitForURL(/\/cases\/[0-9a-f]{32}$/);

  let g = await todayAt(page, server.url, "2026-03-02");
  assert.deepEqual(g["today-high-risk"], ["3001"], "a red case is listed from the start");
  assert.deepEqual([g["today-overdue"], g["today-due-today"], g["today-due-week"]], [[], [], []]);
  assert.ok(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    "rows are cut, never wider than the screen",
  );

  g = await todayAt(page, server.url, "2026-03-27");
  assert.deepEqual(g["today-due-week"], ["3001"], "27 March: the last day is within 7 days");

  g = await todayAt(page, server.url, "2026-04-02");
  assert.deepEqual(g["today-due-today"], ["3001"], "2 April is the last day");
  assert.deepEqual(g["today-due-week"], []);

  g = await todayAt(page, server.url, "2026-04-03");
  assert.deepEqual(g["today-overdue"], ["3001"], "from 3 April it is overdue");
  assert.deepEqual(g["today-due-today"], []);

  // The row is one tap from the case.
  await page.click("[data-testid=today-overdue] [data-testid=case-row]");
  await page.waitForURL(/\/cases\/[0-9a-f]{32}$/);

  // A half-filled intake shows up as an unfinished draft that reopens the form.
  await page.goto(server.url + "/cases/new");
  await page.fill("[data-testid=field-applicant-name]", "周九");
  await waitForDrafts(page, 1);
  await page.goto(server.url + "/");
  await page.click("[data-testid=today-draft]");
  await page.waitForSelector("[data-testid=draft-restored]");
  assert.equal(await page.inputValue("[data-testid=field-applicant-name]"), "周九");
  assert.deepEqual(errors, []);
  assert.deepEqual(origins.foreign(), []);
  await context.close();
  await server.close();
});
