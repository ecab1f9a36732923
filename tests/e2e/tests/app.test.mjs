// The app as staff use it: paste figures (or load the demo), read the checks
// and the dashboard, fix what the checks ask for, filter the table, open the page again and
// find everything still there. Every test also asserts no console error and no
// request.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { emptyStorageOnce, launch, open, paste, reopenWhenSaved } from "../lib/browser.mjs";

let browser;
// A browser with its own profile per test: a page of an earlier test can
// never write into this test's storage, even late.
beforeEach(async () => { browser = await launch(); });
afterEach(async () => { await browser.close(); });

/** A fresh page whose storage is emptied before the app first reads it (and
 *  not again on a reload within the test). */
async function fresh(options = {}) {
  return open(browser.context, {
    ...options,
    init: emptyStorageOnce,
  });
}

const row = (page, id) => page.locator(`#indicator-table tr[data-id="${id}"]`);

test("the demo figures fill the dashboard, labelled as national figures with sources", async () => {
  const { page, record } = await fresh();
  await page.click("#demo-button");
  assert.match(await page.textContent("#read-summary"), /21/);
  assert.match(await page.textContent("#demo-note"), /全国公开发布数据/);
  assert.equal(await page.locator("#unmatched").count(), 0, "every demo name is matched");
  const mm = row(page, "W-HEALTH-02");
  assert.match(await mm.textContent(), /14\.3\/10万/);
  assert.match(await mm.textContent(), /≤ 7\.5\/10万/);
  assert.match(await mm.locator(".status").textContent(), /进展滞后|逆向变化|需加快|进展顺利/);
  // Indicators without figures stay listed, quietly, with their target.
  assert.ok(await page.locator("#indicator-table tr.quiet").count() > 100);
  await page.click("#demo-note button");
  assert.match(await page.textContent("#sources-dialog"), /国家统计局/);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#sources-dialog").count(), 0);
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.requests, []);
});

const HAND_MADE = [
  "指标\t2021年\t2022年\t2023年",
  "孕产妇死亡率\t8.2\tabc\t7.4",
  "本地自定义指标\t1\t2\t3",
  "婴儿死亡率\t5.0\t4.9\t4.6",
  "婴儿死亡率\t5.1\t\t",
].join("\n");

test("a hand-made paste: a bad cell is located, a name assigned, a conflict resolved", async () => {
  const { page, record } = await fresh();
  await page.fill("#paste-box", HAND_MADE);

  // The bad cell is reported with its place and text, and shown in the table.
  const bad = page.locator(".diagnostics li", { hasText: "abc" });
  assert.match(await bad.textContent(), /C2/);
  await bad.locator("button.cell-ref").click();
  assert.equal(await page.textContent(".preview-table td.hl"), "abc");

  // The unknown name is listed with suggestions and can be assigned.
  assert.match(await page.textContent("#unmatched"), /本地自定义指标/);
  await page.selectOption("#unmatched select", "C-HEALTH-01");
  assert.match(await page.textContent("#unmatched"), /本地自定义指标 → C-HEALTH-01/);
  assert.match(await row(page, "C-HEALTH-01").textContent(), /2023/);

  // Two values for 2021: neither is used until one is picked.
  assert.match(await page.textContent("#conflicts"), /2021/);
  assert.equal(await row(page, "C-HEALTH-03").getAttribute("class").then((c) => c.includes("quiet")), false);
  await page.locator("#conflicts button", { hasText: "5.1" }).click();
  assert.equal(await page.locator("#conflicts").count(), 0);

  // The raw text is kept exactly.
  assert.equal(await page.inputValue("#paste-box"), HAND_MADE);
  assert.deepEqual(record.errors, []);
});

test("everything returns when the page is opened again: text, assignment, choice, settings, language", async () => {
  let { page, record } = await fresh();
  await page.fill("#paste-box", HAND_MADE);
  await page.selectOption("#unmatched select", "C-HEALTH-01");
  await page.locator("#conflicts button", { hasText: "5.1" }).click();
  await page.click(".settings-button");
  await page.fill("#set-level", "90");
  await page.press("#set-level", "Tab"); // leaving the field commits it (a change event)
  await page.waitForFunction(() => document.querySelector("#indicator-table").textContent.includes("90%") ||
    document.querySelector("#set-level").value === "90");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "English" }).click();

  page = await reopenWhenSaved(page, record, (json) => json.includes('"lang": "en"'));
  assert.equal(await page.inputValue("#paste-box"), HAND_MADE);
  assert.equal(await page.getAttribute(".app", "lang"), "en");
  assert.match(await page.textContent("#unmatched"), /C-HEALTH-01/);
  assert.equal(await page.locator("#conflicts").count(), 0);
  await page.click(".settings-button");
  assert.equal(await page.inputValue("#set-level"), "90");
  assert.deepEqual(record.errors, []);
});

test("clear asks first and can be undone", async () => {
  const { page, record } = await fresh();
  await page.click("#demo-button");
  page.once("dialog", (d) => d.accept());
  await page.click("#clear-button");
  assert.equal(await page.inputValue("#paste-box"), "");
  await page.click("#undo-button");
  assert.match(await page.inputValue("#paste-box"), /孕产妇死亡率/);
  page.once("dialog", (d) => d.dismiss());
  await page.click("#clear-button");
  assert.match(await page.inputValue("#paste-box"), /孕产妇死亡率/, "declining keeps the figures");
  assert.deepEqual(record.errors, []);
});

test("pasting anywhere on the page takes the figures in", async () => {
  const { page, record } = await fresh();
  await paste(page, "body", "指标\t2022年\t2023年\n婴儿死亡率\t4.9\t4.5\n");
  assert.match(await page.inputValue("#paste-box"), /婴儿死亡率/);
  assert.match(await row(page, "C-HEALTH-03").textContent(), /4\.5‰/);
  assert.deepEqual(record.errors, []);
});

test("filters, search and sorting narrow the table", async () => {
  const { page, record } = await fresh();
  await page.click("#demo-button");
  const count = async () => Number((await page.textContent("#shown-count")).match(/(\d+) \//)[1]);
  const all = await count();
  await page.fill("#search", "死亡率");
  const deaths = await count();
  assert.ok(deaths > 0 && deaths < all, `${deaths} of ${all}`);
  await page.fill("#search", "");
  await page.click('.count-card[data-severity="red"]');
  const reds = await page.locator("#indicator-table tbody tr").evaluateAll((rows) => rows.map((r) => r.className));
  assert.ok(reds.length > 0 && reds.every((c) => c.includes("sev-red")), reds.join());
  await page.click('.count-card[data-severity="red"]');
  await page.selectOption("#filter-plan", "children");
  const ids = await page.locator("#indicator-table tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.id));
  assert.ok(ids.every((id) => id.startsWith("C-")));
  await page.selectOption("#sort", "name");
  assert.deepEqual(record.errors, []);
});

test("bad input gets clear messages and never breaks the page", async () => {
  const { page, record } = await fresh();
  let alerted = false;
  page.on("dialog", async (d) => { alerted = true; await d.dismiss(); });

  // Markup in a name is shown as text, never run.
  await page.fill("#paste-box", "指标\t2022年\n<img src=x onerror=alert(1)>\t5\n");
  assert.match(await page.textContent("#unmatched"), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator("#unmatched img").count(), 0);

  // Binary garbage: a message, and the page keeps working.
  await page.fill("#paste-box", "\u0000\u0001\u0002\uFFFD\u0007PK\u0003\u0004" + "\u0000".repeat(100));
  assert.ok(await page.locator(".checks").count() === 1);
  await page.fill("#paste-box", "nothing here to read");
  assert.ok((await page.textContent(".checks")).length > 0);

  // A large paste (about 5 MB) is taken in whole and the page still answers.
  const big = "指标\t年份\t数值\n" + "孕产妇死亡率\t2021\t8.1\n".repeat(190000);
  await paste(page, "#paste-box", big);
  assert.match(await page.textContent("#large-paste"), /190001 行/);
  await page.waitForSelector(".working", { state: "detached" });
  assert.match(await page.textContent(".checks"), /共 190001 行，超过一次可分析的 30000 行：第 30001 行起未读取/,
    "rows past the cap are one located error");
  await page.waitForTimeout(400);
  const kept = await page.evaluate(() => localStorage.getItem("gapcast.raw")?.length ?? -1);
  assert.ok(kept === big.length || (await page.textContent(".app")).includes("存储空间已满"),
    "the text is saved whole, or the page says storage is full");
  await page.getByRole("button", { name: "English" }).click();
  assert.equal(await page.getAttribute(".app", "lang"), "en");

  assert.equal(alerted, false);
  assert.deepEqual(record.errors, []);
});

test("blocked storage is said plainly and the page keeps working", async () => {
  const { page, record } = await open(browser.context, {
    init: () => {
      Object.defineProperty(window, "localStorage", { get() { throw new DOMException("blocked", "SecurityError"); } });
    },
  });
  assert.match(await page.textContent(".app"), /浏览器禁止本页保存数据/);
  await page.click("#demo-button");
  assert.match(await row(page, "W-HEALTH-02").textContent(), /14\.3/);
  assert.deepEqual(record.errors, []);
});
