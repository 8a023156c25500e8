// End to end: the case register on a tablet — set up the tablet, record a lead, convert it into a
// case, triage it, assign a mediator, find it by a Chinese search term, reload offline and read
// its history; a half-filled intake form survives a closed tab.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { saveIntake, setUp, setUpWithTwoCases, startApp, launchChromium, watchOrigins, waitForApp, waitForServiceWorker } from "./helpers.mjs";
import { TABLETS } from "../support/browser.mjs";

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const caseIdOf = (page) => new URL(page.url()).pathname.split("/")[2];

test("a lead becomes a triaged, assigned case that search finds and history explains, offline too", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[0] });
  const origins = watchOrigins(context, server.url);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await setUp(page, server.url);

  // A grid worker's report: a lead.
  await page.goto(server.url + "/cases/new");
  await page.click("[data-testid=kind-lead]");
  await page.fill("[data-testid=field-persons]", "赵六、钱七");
  await page.fill("[data-testid=field-reported-by]", "网格员小周");
  await page.fill("[data-testid=field-summary]", "两户因宅基地界址发生争执");
  await page.click("[data-testid=intake-save]");
  await page.waitForURL(/\/cases\/[0-9a-f]{32}$/);
  const id = caseIdOf(page);

  // Convert: the tablet's first number of the year in slot 3.
  await page.click("[data-testid=action-convert]");
  await page.waitForSelector("[data-testid=convert-save]");
  assert.match(await page.textContent("[data-testid=number-preview]"), /\(\d{4}\)东城人调字第3001号/);
  await page.selectOption("[data-testid=field-dispute-type]", "FW");
  await page.click("[data-testid=convert-save]");
  await page.waitForURL(new RegExp(`/cases/${id}$`));

  // Triage, with the one-month deadline previewed.
  await page.click("[data-testid=action-triage]");
  await page.waitForSelector("[data-testid=triage-save]");
  assert.match(await page.textContent("[data-testid=deadline-preview]"), /一个月/);
  await page.selectOption("[data-testid=field-tier]", "ORDINARY");
  await page.selectOption("[data-testid=field-risk-level]", "YELLOW");
  await page.click("[data-testid=triage-save]");
  await page.waitForURL(new RegExp(`/cases/${id}$`));

  // Assign the presiding mediator.
  await page.click("[data-testid=action-assign]");
  await page.waitForSelector("[data-testid=assign-save]");
  await page.selectOption("[data-testid=field-presiding]", { label: "李主任" });
  await page.click("[data-testid=assign-save]");
  await page.waitForURL(new RegExp(`/cases/${id}$`));

  // Correct a field: the change is an event of its own.
  await page.click("[data-testid=action-edit]");
  await page.waitForSelector("[data-testid=edit-save]");
  await page.fill("[data-testid=field-amount]", "12.3.4");
  await page.click("[data-testid=edit-save]");
  await page.waitForSelector("[data-testid=form-errors]");
  assert.equal(new URL(page.url()).pathname, `/cases/${id}/edit`, "a bad amount keeps the form open");
  await page.fill("[data-testid=field-amount]", "12000.50");
  await page.click("[data-testid=edit-save]");
  await page.waitForURL(new RegExp(`/cases/${id}$`));
  assert.match(await page.textContent("[data-testid=details]"), /12000\.50|12,000\.50/);

  // Find it by a Chinese term from its summary.
  await page.goto(server.url + "/cases");
  await page.fill("[data-testid=case-search]", "界址");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 1);
  assert.match(await page.textContent("[data-testid=case-row]"), /3001/);
  await page.fill("[data-testid=case-search]", "界址争执 无关词");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 0);
  await page.fill("[data-testid=case-search]", "赵六");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 1);

  // Offline: the server is gone, the network is off; the case and its history are still here.
  await waitForServiceWorker(page);
  await server.close();
  await context.setOffline(true);
  await page.goto(server.url + `/cases/${id}`);
  await waitForApp(page);
  await page.click("[data-testid=tab-history]");
  await page.waitForSelector("[data-testid=history-entry]");
  const entries = await page.$$eval("[data-testid=history-entry]", (els) => els.map((e) => e.textContent));
  assert.equal(entries.length, 5, `lead, conversion, triage, assignment, edit; got ${entries.join(" | ")}`);
  assert.ok(entries.some((e) => /金额/.test(e)), `the edit names the amount; got ${entries.join(" | ")}`);
  assert.ok(entries.every((e) => /王调解/.test(e)), "every entry names its author");
  assert.ok(entries.some((e) => /李主任/.test(e)) || /李主任/.test(await page.textContent("main")));
  assert.deepEqual(errors, []);
  assert.deepEqual(origins.foreign(), []);
  await context.close();
});

test("the list's filters and sort narrow the register, live in the URL, survive a reload and follow the language", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await setUpWithTwoCases(page, server.url);
  await page.goto(server.url + "/cases/new");
  await page.click("[data-testid=kind-lead]");
  await page.fill("[data-testid=field-persons]", "王五");
  await page.fill("[data-testid=field-summary]", "村口停车引发口角");
  await page.click("[data-testid=intake-save]");
  await page.waitForURL(/\/cases\/[0-9a-f]{32}$/);

  const rows = () => page.$$eval("[data-testid=case-row]", (els) => els.map((e) => e.textContent));
  const rowCount = (n) => page.waitForFunction((n) => document.querySelectorAll("[data-testid=case-row]").length === n, n);
  await page.goto(server.url + "/cases");
  await rowCount(3);
  assert.equal(await page.inputValue("[data-testid=field-filter-type]"), "");
  assert.equal(await page.inputValue("[data-testid=field-filter-sort]"), "updated");

  // A type narrows the list and is written to the URL.
  await page.selectOption("[data-testid=field-filter-type]", "LD");
  await page.waitForURL(/\/cases\?type=LD$/);
  await rowCount(1);
  assert.match((await rows())[0], /张三/);

  // A reload shows the same list, with the drop-down showing the filter.
  await page.reload();
  await waitForApp(page);
  await rowCount(1);
  assert.equal(await page.inputValue("[data-testid=field-filter-type]"), "LD");
  assert.match(await page.textContent("[data-testid=filter-toggle]"), /1/);

  // The language changes the options' text, not the choice (the list stays mounted meanwhile).
  await page.click("[data-testid=nav-settings]");
  await page.click("[data-testid=lang-en]");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.goBack();
  await page.waitForURL(/\/cases\?type=LD$/);
  await rowCount(1);
  assert.equal(await page.inputValue("[data-testid=field-filter-type]"), "LD");
  assert.equal(await page.$eval("[data-testid=field-filter-type]", (s) => s.selectedOptions[0].textContent.trim()), "Labour");
  assert.equal(await page.$eval("[data-testid=field-filter-type] option[value='']", (o) => o.textContent.trim()), "All types");
  await page.click("[data-testid=nav-settings]");
  await page.click("[data-testid=lang-zh-CN]");
  await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
  await page.goBack();
  await page.waitForURL(/\/cases\?type=LD$/);

  // Leads of type LD: none; clearing every filter brings all three back and resets the drop-down.
  await page.click("[data-testid=filter-status-leads]");
  await page.waitForSelector("[data-testid=cases-no-results]");
  assert.match(page.url(), /status=leads/);
  await page.click("[data-testid=clear-filters]");
  await rowCount(3);
  assert.equal(new URL(page.url()).search, "");
  assert.equal(await page.inputValue("[data-testid=field-filter-type]"), "");

  // Sort by number: the two numbered cases in order, the lead (no number) after them.
  await page.selectOption("[data-testid=field-filter-sort]", "number");
  await page.waitForURL(/\/cases\?sort=number$/);
  await page.waitForFunction(() => /3001/.test(document.querySelector("[data-testid=case-row]")?.textContent ?? ""));
  const sorted = await rows();
  assert.match(sorted[0], /第3001号/);
  assert.match(sorted[1], /第3002号/);
  assert.match(sorted[2], /王五/);
  assert.equal(await page.inputValue("[data-testid=field-filter-sort]"), "number");
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test("a half-filled intake form survives closing the tab, and bad input is explained without losing it", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[1], serviceWorkers: "block" });
  let page = await context.newPage();
  await setUp(page, server.url);
  await page.goto(server.url + "/cases/new");
  await page.fill("[data-testid=field-applicant-name]", "张三");
  await page.fill("[data-testid=field-applicant-phone]", "1380013800");
  await page.fill("[data-testid=field-applicant-id-number]", "110101199003070000");
  await page.fill("[data-testid=field-summary]", "拖欠工资纠纷");
  await page.close();

  page = await context.newPage();
  await page.goto(server.url + "/cases/new");
  await page.waitForSelector("[data-testid=draft-restored]");
  assert.equal(await page.inputValue("[data-testid=field-applicant-name]"), "张三");
  assert.equal(await page.inputValue("[data-testid=field-summary]"), "拖欠工资纠纷");

  // Saving with a bad phone, a bad ID checksum and no dispute type: every problem is listed,
  // each field says what is wrong, and nothing typed is lost.
  await page.click("[data-testid=intake-save]");
  await page.waitForSelector("[data-testid=form-errors]");
  const listed = await page.textContent("[data-testid=form-errors]");
  assert.match(listed, /纠纷类型/);
  assert.match(listed, /联系电话/);
  assert.match(listed, /证件号码|身份证/);
  assert.equal(await page.getAttribute("[data-testid=field-applicant-phone]", "aria-invalid"), "true");
  assert.equal(await page.inputValue("[data-testid=field-applicant-phone]"), "1380013800");
  assert.equal(new URL(page.url()).pathname, "/cases/new");

  // Corrected, it saves, and the draft is gone.
  await page.fill("[data-testid=field-applicant-phone]", "13800138000");
  await page.fill("[data-testid=field-applicant-id-number]", "");
  await page.selectOption("[data-testid=field-dispute-type]", "LD");
  await page.click("[data-testid=intake-save]");
  await page.waitForURL(/\/cases\/[0-9a-f]{32}$/);
  const caseUrl = page.url();

  // The parties can be corrected and added to, each save an event.
  await page.click("[data-testid=action-parties]");
  await page.waitForSelector("[data-testid=party-save]");
  assert.equal(await page.inputValue("[data-testid=field-party-name]"), "张三");
  await page.fill("[data-testid=field-party-address]", "东城村三组");
  await page.fill("[data-testid=field-party-birth]", "1990-02-30");
  await page.click("[data-testid=party-save]");
  await page.waitForSelector("[data-testid=form-errors]");
  await page.fill("[data-testid=field-party-birth]", "1990-03-07");
  await page.click("[data-testid=party-save]");
  await page.waitForURL(caseUrl);
  await page.click("[data-testid=action-parties]");
  await page.waitForSelector("[data-testid=party-add]");
  await page.click("[data-testid=party-add]");
  await page.fill("[data-testid=field-party-name]", "李四");
  await page.click("[data-testid=party-save]");
  await page.waitForURL(caseUrl);
  assert.match(await page.textContent("[data-testid=details]"), /李四/);
  await page.click("[data-testid=action-parties]");
  await page.waitForSelector("[data-testid=party-save]");
  assert.equal(await page.inputValue("[data-testid=field-party-address]"), "东城村三组");
  assert.equal(await page.inputValue("[data-testid=field-party-birth]"), "1990-03-07");
  assert.equal((await page.$$("[data-testid=party-choice]")).length, 2);

  await page.goto(server.url + "/cases/new");
  await page.waitForSelector("[data-testid=intake-save]");
  assert.equal(await page.$("[data-testid=draft-restored]"), null);
  assert.equal(await page.inputValue("[data-testid=field-applicant-name]"), "");
  await context.close();
  await server.close();
});

test("the quick intake fetches the case page's code while it is open, and the save's case page uses it", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[0] });
  const page = await context.newPage();
  await setUp(page, server.url);
  // A fresh document at the form (its performance timeline starts empty); the resource entries
  // count every fetch of the case page's chunk, from the network or any cache.
  await page.goto(server.url + "/cases/new");
  await page.waitForSelector("[data-testid=intake-save]");
  const chunkFetches = () =>
    performance.getEntriesByType("resource").filter((e) => /\/pkg\/split_case_detail-[0-9a-f]+\.wasm$/.test(new URL(e.name).pathname)).length;
  await page.waitForFunction(chunkFetches);
  assert.equal(await page.evaluate(chunkFetches), 1, "fetched once, before any save");

  await saveIntake(page, "张三", "拖欠工资三个月", "LD");
  await page.waitForSelector("[data-testid=case-number]");
  assert.equal(await page.evaluate(chunkFetches), 1, "the case page did not fetch its chunk again");
  await context.close();
  await server.close();
});

test("before set-up the case pages send the volunteer to set the tablet up", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(server.url + "/cases/new");
  await page.waitForSelector("[data-testid=setup-needed]");
  await page.click("[data-testid=go-setup]");
  await page.waitForSelector("[data-testid=setup-save]");
  await context.close();
  await server.close();
});

test("summaries of an older format are rebuilt from the events when the register opens", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await setUp(page, server.url);
  await page.goto(server.url + "/cases/new");
  await page.fill("[data-testid=field-applicant-name]", "吴十");
  await page.fill("[data-testid=field-summary]", "合同尾款未付");
  await page.selectOption("[data-testid=field-dispute-type]", "HT");
  await page.click("[data-testid=intake-save]");
  await page.waitForURL(/\/cases\/[0-9a-f]{32}$/);
  const id = caseIdOf(page);

  // What an earlier release would have left: the summary in format version 1.
  const idb = (fn, arg) => page.evaluate(fn, arg);
  await idb(async (key) => {
    const db = await new Promise((r) => { const o = indexedDB.open("casebook"); o.onsuccess = () => r(o.result); });
    const tx = db.transaction("summaries", "readwrite");
    const store = tx.objectStore("summaries");
    const text = await new Promise((r) => { const q = store.get(key); q.onsuccess = () => r(q.result); });
    store.put(text.replace('"v":3', '"v":1'), key);
    await new Promise((r) => (tx.oncomplete = r));
    db.close();
  }, id);

  await page.goto(server.url + "/cases");
  await page.waitForSelector("[data-testid=case-row]");
  assert.match(await page.textContent("[data-testid=case-row]"), /吴十/);
  await page.waitForFunction(async (key) => {
    const db = await new Promise((r) => { const o = indexedDB.open("casebook"); o.onsuccess = () => r(o.result); });
    const text = await new Promise((r) => { const q = db.transaction("summaries").objectStore("summaries").get(key); q.onsuccess = () => r(q.result); });
    db.close();
    return text.includes('"v":3');
  }, id);
  assert.equal(await page.$("[data-testid=cases-unreadable]"), null, "nothing is reported unreadable");
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test("a missing list head is written again when the register opens (by the maintenance chunk)", async () => {
  const server = await startApp();
  const context = await browser.newContext({ ...TABLETS[0], serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const wasm = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith(".wasm")) wasm.push(new URL(r.url()).pathname);
  });
  await setUp(page, server.url);
  await page.goto(server.url + "/cases/new");
  await page.fill("[data-testid=field-applicant-name]", "郑十一");
  await page.fill("[data-testid=field-summary]", "邻里噪音");
  await page.selectOption("[data-testid=field-dispute-type]", "LL");
  await page.click("[data-testid=intake-save]");
  await page.waitForURL(/\/cases\/[0-9a-f]{32}$/);
  const id = caseIdOf(page);

  // What a register written before the list head existed looks like.
  await page.evaluate(async () => {
    const db = await new Promise((r) => { const o = indexedDB.open("casebook"); o.onsuccess = () => r(o.result); });
    const tx = db.transaction("meta", "readwrite");
    tx.objectStore("meta").delete("list_head");
    await new Promise((r) => (tx.oncomplete = r));
    db.close();
  });
  const readHead = () =>
    page.evaluate(async () => {
      const db = await new Promise((r) => { const o = indexedDB.open("casebook"); o.onsuccess = () => r(o.result); });
      const text = await new Promise((r) => { const q = db.transaction("meta").objectStore("meta").get("list_head"); q.onsuccess = () => r(q.result); });
      db.close();
      return text ?? null;
    });
  assert.equal(await readHead(), null);

  wasm.length = 0;
  await page.goto(server.url + "/cases");
  await page.waitForSelector("[data-testid=case-row]");
  assert.match(await page.textContent("[data-testid=case-row]"), /郑十一/);
  await page.waitForFunction(async (key) => {
    const db = await new Promise((r) => { const o = indexedDB.open("casebook"); o.onsuccess = () => r(o.result); });
    const text = await new Promise((r) => { const q = db.transaction("meta").objectStore("meta").get("list_head"); q.onsuccess = () => r(q.result); });
    db.close();
    return typeof text === "string" && text.includes(key);
  }, id);
  assert.ok(wasm.some((p) => /\/pkg\/split_maintenance-[0-9a-f]{16}\.wasm$/.test(p)), `the repair loads its chunk: ${wasm.join(" ")}`);

  // A start with a good head needs no repair, so it does not fetch the maintenance chunk.
  wasm.length = 0;
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("[data-testid=case-row]");
  await page.waitForFunction(() => performance.getEntriesByName("register:index").length > 0);
  assert.deepEqual(wasm.filter((p) => /split_maintenance/.test(p)), []);
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});
