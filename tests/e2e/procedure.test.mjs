// End to end, in zh-CN on a tablet: the mediation procedure carries a neighbour dispute from
// intake through the rights notice, both parties' consent, two sessions, a written agreement with
// two obligations (refused while unsigned, with the missing items named), follow-up, performance
// and the case file to the archive; a second case ends in termination, refused until the parties
// are told of the other routes (人民调解法 Art 26). Today follows both along, with the clock set by
// the test.
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

const CASE_URL = /\/cases\/[0-9a-f]{32}(\?tab=procedure)?$/;

/** Registers, triages and assigns a neighbour dispute between 张三 and 李四; returns its URL. */
async function assignedCase(page, url, summary) {
  await page.goto(url + "/cases/new");
  await page.fill("[data-testid=field-applicant-name]", "张三");
  await page.fill("[data-testid=field-respondent-name]", "李四");
  await page.fill("[data-testid=field-summary]", summary);
  await page.selectOption("[data-testid=field-dispute-type]", "LL");
  await page.click("[data-testid=intake-save]");
  await page.waitForURL(CASE_URL);
  const caseUrl = page.url().split("?")[0];
  await page.click("[data-testid=action-triage]");
  await page.selectOption("[data-testid=field-tier]", "ORDINARY");
  await page.selectOption("[data-testid=field-risk-level]", "YELLOW");
  await page.click("[data-testid=triage-save]");
  await page.waitForURL(CASE_URL);
  await page.click("[data-testid=action-assign]");
  await page.selectOption("[data-testid=field-presiding]", { label: "王调解" });
  await page.click("[data-testid=assign-save]");
  await page.waitForURL(CASE_URL);
  return caseUrl;
}

/** Opens a step of the case at 10:00 China time on `day`. */
async function openStep(page, caseUrl, step, day) {
  await page.clock.setFixedTime(china(day));
  await page.goto(`${caseUrl}/step/${step}`);
  await page.waitForSelector("[data-testid=page-step] :is([data-testid=step-save], [data-testid^=performance-])");
}

/** Saves the open step and waits for the case page's procedure tab. */
async function saveStep(page) {
  await page.click("[data-testid=step-save]");
  await page.waitForURL(/\?tab=procedure$/);
  await page.waitForSelector("[data-testid=procedure]");
}

async function status(page) {
  return (await page.textContent("[data-testid=status-badge]")).trim();
}

/** The notice, both consents and the start of mediation, all on `day`. */
async function startMediation(page, caseUrl, day) {
  await page.clock.setFixedTime(china(day));
  await page.goto(caseUrl);
  // One tap from the case page into each step.
  await page.click("[data-testid=tab-procedure]");
  await page.click("[data-testid=step-notice]");
  await page.waitForSelector("[data-testid=field-notice-kind]");
  assert.equal(await page.inputValue("[data-testid=field-notice-kind]"), "RIGHTS_AND_DUTIES");
  await saveStep(page);
  assert.match(await page.textContent("[data-testid=procedure-notices]"), /权利义务告知.*张三、李四/);

  // Mediation cannot start before both parties have agreed.
  await openStep(page, caseUrl, "start", day);
  await page.click("[data-testid=step-save]");
  await page.waitForSelector("[data-testid=form-failure]");
  assert.match(await page.textContent("[data-testid=form-failure]"), /同意/);

  await openStep(page, caseUrl, "consent", day);
  await page.selectOption("[data-testid=field-consent-0]", "CONSENTS");
  await page.selectOption("[data-testid=field-consent-1]", "CONSENTS");
  await page.selectOption("[data-testid=field-mode]", "PRIVATE");
  await saveStep(page);
  await openStep(page, caseUrl, "start", day);
  await saveStep(page);
  assert.equal(await status(page), "调解中");
}

/** Records a mediation session with both parties present and read back. */
async function recordSession(page, caseUrl, day, outcome, statements) {
  await openStep(page, caseUrl, "session", day);
  await page.waitForSelector("[data-testid=draft-ready]", { state: "attached" });
  assert.equal(await page.inputValue("[data-testid=field-session-kind]"), "MEDIATION");
  await page.fill("[data-testid=field-session-place]", "村委会调解室");
  await page.fill("[data-testid=field-statement-0]", statements[0]);
  await page.fill("[data-testid=field-statement-1]", statements[1]);
  await page.fill("[data-testid=field-session-facts]", "李四家水管破裂致张三家天花板渗水");
  for (let i = 0; i < 7; i++) await page.check(`[data-testid=session-disclosure-${i}]`);
  await page.selectOption("[data-testid=field-session-outcome]", outcome);
  // Without the read-back the record is refused, and nothing typed is lost.
  await page.click("[data-testid=step-save]");
  await page.waitForSelector("[data-testid=form-errors]");
  assert.equal(await page.inputValue("[data-testid=field-session-place]"), "村委会调解室");
  await page.check("[data-testid=session-read-back]");
  await saveStep(page);
}

test("a case goes from intake through notice, consent, two sessions, a signed agreement, follow-up and performance to the archive", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  const origins = watchOrigins(context, server.url);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.clock.setFixedTime(china("2026-03-02"));
  await setUp(page, server.url);
  const caseUrl = await assignedCase(page, server.url, "楼上水管破裂致楼下渗水，双方就赔偿发生争执");
  await startMediation(page, caseUrl, "2026-03-02");

  await recordSession(page, caseUrl, "2026-03-05", "CONTINUE", ["要求赔偿装修损失", "同意赔偿但认为金额过高"]);
  let g = await todayAt(page, server.url, "2026-03-27");
  assert.deepEqual(g["today-due-week"], ["3001"], "in mediation, the one-month limit (2 April) is within the week");

  // A half-typed record survives leaving the page: Today lists it and reopens it as typed.
  await openStep(page, caseUrl, "session", "2026-03-27");
  await page.waitForSelector("[data-testid=draft-ready]", { state: "attached" });
  await page.fill("[data-testid=field-session-place]", "张三家中");
  await page.fill("[data-testid=field-statement-0]", "同意一千二百元");
  await waitForDrafts(page, 1);
  await page.goto(server.url + "/");
  await page.waitForSelector("[data-testid=today-draft]");
  assert.match(await page.textContent("[data-testid=today-draft]"), /第3001号的未完成记录/);
  await page.click("[data-testid=today-draft]");
  await page.waitForSelector("[data-testid=draft-restored]");
  assert.equal(await page.inputValue("[data-testid=field-session-place]"), "张三家中");
  assert.equal(await page.inputValue("[data-testid=field-statement-0]"), "同意一千二百元");
  await recordSession(page, caseUrl, "2026-03-27", "AGREEMENT", ["同意一千二百元", "同意赔偿并道歉"]);
  await waitForDrafts(page, 0);
  assert.equal(await page.locator("[data-testid=procedure-sessions] [data-testid=record-line]").count(), 2);

  // The written agreement, with two obligations.
  await openStep(page, caseUrl, "agreement", "2026-03-27");
  await page.fill("[data-testid=field-agreement-facts]", "李四家水管破裂，致张三家天花板和墙面渗水");
  await page.fill("[data-testid=field-agreement-issues]", "赔偿数额");
  await page.fill("[data-testid=field-agreement-responsibility]", "李四承担全部责任");
  await page.fill("[data-testid=field-agreement-content]", "李四赔偿张三装修损失一千二百元并当面道歉");
  await page.click("[data-testid=add-obligation]");
  await page.click("[data-testid=add-obligation]");
  const party = async (n, field, label) => page.selectOption(`[data-testid=field-obligation-${n}-${field}]`, { label });
  await party(0, "obligor", "李四");
  await party(0, "obligee", "张三");
  await page.fill("[data-testid=field-obligation-0-amount]", "1200");
  await page.fill("[data-testid=field-obligation-0-due]", "2026-04-10");
  await page.fill("[data-testid=field-obligation-0-method]", "现金");
  await page.fill("[data-testid=field-obligation-0-place]", "村委会");
  await party(1, "obligor", "李四");
  await party(1, "obligee", "张三");
  await page.selectOption("[data-testid=field-obligation-1-kind]", "APOLOGY");
  await page.fill("[data-testid=field-obligation-1-method]", "当面道歉");
  await page.fill("[data-testid=field-obligation-1-place]", "村委会调解室");
  assert.equal(await page.inputValue("[data-testid=field-agreement-copies]"), "3", "parties plus one");
  await saveStep(page);

  // Unsigned, it cannot take effect, and the page names exactly what is missing.
  const gaps = await page.$$eval("[data-testid=agreement-gap]", (els) => els.map((e) => e.textContent));
  assert.deepEqual(gaps.sort(), ["张三的签名、盖章或按指印", "李四的签名、盖章或按指印", "调解员签名", "调解委员会印章"].sort());
  await openStep(page, caseUrl, "effect", "2026-03-27");
  await page.click("[data-testid=step-save]");
  await page.waitForSelector("[data-testid=form-failure]");
  assert.match(await page.textContent("[data-testid=form-failure]"), /还缺 4 项/);

  await openStep(page, caseUrl, "signatures", "2026-03-27");
  await page.click("[data-testid=signatures-all-today]");
  await saveStep(page);
  await page.waitForSelector("[data-testid=agreement-complete]");
  await openStep(page, caseUrl, "effect", "2026-03-27");
  await saveStep(page);
  assert.equal(await status(page), "已达成协议");
  assert.match(await page.textContent("[data-testid=procedure-agreements]"), /2026年3月27日生效/);

  g = await todayAt(page, server.url, "2026-03-27");
  assert.deepEqual(g["today-due-week"], [], "agreed: the mediation time limit no longer applies");
  g = await todayAt(page, server.url, "2026-04-22");
  assert.deepEqual(g["today-jc-closing"], ["3001"], "the 30-day window for judicial confirmation closes within the week");

  // The apology is made on the spot; the payment falls due later.
  await openStep(page, caseUrl, "obligation", "2026-04-22");
  await page.selectOption("[data-testid=field-obligation]", "2");
  await saveStep(page);
  await openStep(page, caseUrl, "performance", "2026-04-22");
  await page.click("[data-testid=performance-later]");
  await page.waitForURL(/\?tab=procedure$/);
  await page.waitForSelector("[data-testid=procedure]");
  assert.equal(await status(page), "履行中");

  await openStep(page, caseUrl, "follow-up", "2026-04-22");
  await page.selectOption("[data-testid=field-follow-up-performance]", "PARTIAL");
  await page.selectOption("[data-testid=field-follow-up-satisfaction]", "PARTLY");
  await page.fill("[data-testid=field-follow-up-next]", "2026-04-25");
  await saveStep(page);
  g = await todayAt(page, server.url, "2026-04-25");
  assert.deepEqual(g["today-follow-ups"], ["3001"], "the next visit is due on 25 April");

  // A payment counts as performed only with its receipt.
  await openStep(page, caseUrl, "obligation", "2026-04-25");
  await page.selectOption("[data-testid=field-obligation]", "1");
  await saveStep(page);
  await openStep(page, caseUrl, "performance", "2026-04-25");
  await page.click("[data-testid=performance-done]");
  await page.waitForSelector("[data-testid=form-failure]");
  await openStep(page, caseUrl, "obligation", "2026-04-25");
  await page.selectOption("[data-testid=field-obligation]", "1");
  await page.fill("[data-testid=field-obligation-evidence]", "收条（照片已存档）");
  await saveStep(page);
  await openStep(page, caseUrl, "performance", "2026-04-25");
  await page.click("[data-testid=performance-done]");
  await page.waitForURL(/\?tab=procedure$/);
  await page.waitForSelector("[data-testid=procedure]");
  assert.equal(await status(page), "已履行");

  await openStep(page, caseUrl, "close", "2026-04-25");
  await page.fill("[data-testid=field-close-summary]", "经两次调解达成书面协议，已全部履行");
  await saveStep(page);
  assert.equal(await status(page), "已结案");
  assert.match(await page.textContent("[data-testid=procedure-file]"), /当事人身份证明/);

  // The case file: the identity proof and the back cover are paper; the rest is recorded.
  await openStep(page, caseUrl, "case-file", "2026-04-25");
  await page.click("[data-testid=step-save]");
  await page.waitForSelector("[data-testid=form-failure]");
  assert.match(await page.textContent("[data-testid=form-failure]"), /卷宗|材料/);
  await page.check("[data-testid=file-mark-2]");
  await page.check("[data-testid=file-mark-12]");
  await saveStep(page);
  assert.equal(await status(page), "已归档");
  assert.equal(await page.locator("[data-testid^=step-]").count(), 0, "an archived case offers no step");

  g = await todayAt(page, server.url, "2026-04-25");
  assert.deepEqual(Object.values(g).flat(), [], "nothing of an archived case is left on Today");
  assert.deepEqual(errors, []);
  assert.deepEqual(origins.foreign(), []);
  await context.close();
  await server.close();
});

test("a failed mediation ends in termination only once the other routes were told", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[1], serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.clock.setFixedTime(china("2026-03-02"));
  await setUp(page, server.url);
  const caseUrl = await assignedCase(page, server.url, "相邻通行纠纷，双方因围墙位置争执");
  await startMediation(page, caseUrl, "2026-03-02");
  await recordSession(page, caseUrl, "2026-03-05", "FAILED", ["要求拆除围墙", "拒绝拆除"]);

  let g = await todayAt(page, server.url, "2026-04-03");
  assert.deepEqual(g["today-overdue"], ["3001"], "past 2 April the case is overdue");

  await openStep(page, caseUrl, "terminate", "2026-04-03");
  await page.selectOption("[data-testid=field-terminate-reason]", "FAILED");
  await page.click("[data-testid=step-save]");
  await page.waitForSelector("[data-testid=form-failure]");
  assert.match(await page.textContent("[data-testid=form-failure]"), /仲裁、行政、司法/);
  assert.equal(await page.inputValue("[data-testid=field-terminate-reason]"), "FAILED", "the choice is kept");
  await page.check("[data-testid=terminate-told]");
  await saveStep(page);
  assert.equal(await status(page), "调解终止");
  assert.match(await page.textContent("[data-testid=procedure-notices]"), /终止调解及其他解决途径告知.*张三、李四/);

  g = await todayAt(page, server.url, "2026-04-03");
  assert.deepEqual(g["today-overdue"], [], "a terminated case has no time limit left");

  await openStep(page, caseUrl, "close", "2026-04-03");
  await page.fill("[data-testid=field-close-summary]", "调解不成，已告知当事人可通过诉讼解决");
  await saveStep(page);
  assert.equal(await status(page), "已结案");
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test("the holiday calendar lists the shipped days and takes a committee's correction", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  const page = await context.newPage();
  await page.clock.setFixedTime(china("2026-03-02"));
  await setUp(page, server.url);
  await page.goto(server.url + "/setup");
  await page.waitForSelector("[data-testid=calendar-days]");
  const days = async () => page.$$eval("[data-testid=calendar-day]", (els) => els.map((e) => e.textContent));
  const before = await days();
  assert.ok(before.some((d) => /2026年10月1日 · 放假/.test(d)), `National Day is shipped; got ${before.join(" | ")}`);
  assert.ok(before.some((d) => /调休上班/.test(d)), "make-up working days are listed");
  await page.fill("[data-testid=field-calendar-day]", "2026-06-01");
  await page.selectOption("[data-testid=field-calendar-kind]", "HOLIDAY");
  await page.click("[data-testid=calendar-save]");
  await page.waitForFunction(
    () => [...document.querySelectorAll("[data-testid=calendar-day]")].some((e) => /2026年6月1日 · 放假/.test(e.textContent)),
  );
  // A year without published holidays says so instead of pretending.
  await page.click("[data-testid=calendar-year-2027]");
  await page.waitForSelector("[data-testid=calendar-uncovered]");
  await page.reload();
  await page.waitForSelector("[data-testid=calendar-days]");
  assert.ok((await days()).some((d) => /2026年6月1日/.test(d)), "the correction is stored");
  await context.close();
  await server.close();
});
