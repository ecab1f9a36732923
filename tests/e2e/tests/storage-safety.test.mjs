// Stored work is never destroyed by the page (issue 13, items 3, 4 and 11):
// a saved session this page cannot read stays where it is and can be saved as
// a file; two tabs notice each other and the stale one never overwrites the
// other's newer save; opening a session file asks before it replaces loaded
// catalogs or evaluation texts, and "cancel" changes nothing.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { launch, open, paste } from "../lib/browser.mjs";

let browser;
beforeEach(async () => { browser = await launch(); });
afterEach(async () => { await browser.close(); });

/** An init script putting `items` into storage before the app reads it (on
 *  the first load only, not on a reload). */
function seeded(items) {
  return [
    (items) => {
      if (performance.getEntriesByType("navigation")[0]?.type === "reload") return;
      localStorage.clear();
      for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
    },
    items,
  ];
}

async function openSeeded(items) {
  const page = await browser.context.newPage();
  const record = { errors: [], requests: [] };
  page.on("console", (m) => { if (m.type() === "error") record.errors.push(m.text()); });
  page.on("pageerror", (e) => record.errors.push(String(e)));
  const [fn, arg] = seeded(items);
  await page.addInitScript(fn, arg);
  const { PAGE_URL } = await import("../lib/browser.mjs");
  await page.goto(PAGE_URL);
  await page.waitForSelector(".app");
  return { page, record };
}

const stored = (page, key) => page.evaluate((key) => localStorage.getItem(key), key);
const MMR = "指标\t2021年\t2022年\t2023年\n孕产妇死亡率\t8.2\t7.9\t7.4\n";

for (const [what, text] of [
  ["a newer format", JSON.stringify({ format_version: 99, raw: "", future: { kept: true } })],
  ["a truncated text", '{"format_version": 1, "settings": {"base_ye'],
]) {
  test(`a saved session with ${what} is kept, announced, and can be saved as a file`, async () => {
    const { page, record } = await openSeeded({ "gapcast.session": text, "gapcast.raw": "他人的数据\t1" });
    await page.waitForSelector(".stored-unreadable");
    assert.match(await page.textContent(".stored-unreadable"), /无法读取/);
    // The user works: nothing is written over the stored session.
    await page.click("#demo-button");
    await page.waitForTimeout(800);
    assert.equal(await stored(page, "gapcast.session"), text);
    assert.equal(await stored(page, "gapcast.raw"), "他人的数据\t1");
    // The unreadable text is offered as a file.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(".save-unreadable")]);
    const { readFileSync } = await import("node:fs");
    const saved = readFileSync(await download.path(), "utf8");
    if (what === "a newer format") {
      const json = JSON.parse(saved);
      assert.equal(json.format_version, 99);
      assert.deepEqual(json.future, { kept: true });
      assert.equal(json.raw, "他人的数据\t1", "the pasted text is put back in");
    } else {
      assert.equal(saved, text);
    }
    // Only the user's own decision lets the page save over it.
    page.once("dialog", (d) => d.dismiss());
    await page.click(".discard-unreadable");
    await page.waitForTimeout(300);
    assert.equal(await stored(page, "gapcast.session"), text);
    page.once("dialog", (d) => d.accept());
    await page.click(".discard-unreadable");
    await page.waitForFunction(() => (localStorage.getItem("gapcast.session") ?? "").includes('"format_version": 1') || (localStorage.getItem("gapcast.session") ?? "").includes('"format_version":1'));
    assert.equal(await page.locator(".stored-unreadable").count(), 0);
    assert.ok((await stored(page, "gapcast.raw")).includes("孕产妇死亡率"));
    assert.deepEqual(record.errors, []);
  });
}

test("two tabs: the stale one says so and never overwrites the other's newer save", async () => {
  const { page: first, record } = await open(browser.context, { init: () => { if (performance.getEntriesByType("navigation")[0]?.type !== "reload") localStorage.clear(); } });
  await first.fill("#paste-box", MMR);
  await first.waitForFunction(() => (localStorage.getItem("gapcast.raw") ?? "").includes("孕产妇死亡率"));
  // A second tab opens the same saved work; opening writes nothing.
  const stamp = await stored(first, "gapcast.stamp");
  const second = await browser.context.newPage();
  await second.goto(first.url());
  await second.waitForSelector(".app");
  assert.equal(await second.inputValue("#paste-box"), MMR);
  await second.waitForTimeout(500);
  assert.equal(await stored(first, "gapcast.stamp"), stamp, "merely opening a tab saves nothing");
  assert.equal(await first.locator(".other-tab").count(), 0);

  // The second tab changes the work: the first is told.
  const newer = MMR + "婴儿死亡率\t5.0\t4.9\t4.6\n";
  await second.fill("#paste-box", newer);
  await first.waitForSelector(".other-tab");
  assert.match(await first.textContent(".other-tab"), /此页面的数据已在另一个标签页中更改/);
  // The stale first tab changes something: the newer save stays.
  await first.fill("#paste-box", "指标\t2021年\n旧数据\t1\n");
  await first.waitForTimeout(800);
  assert.equal(await stored(first, "gapcast.raw"), newer);

  // The second tab, now stale in turn? No: it saved last, so it keeps saving.
  assert.equal(await second.locator(".other-tab").count(), 0);

  // "Keep this page's data" in the first tab saves it over, knowingly, and
  // then the second tab is the stale one.
  await first.click(".other-tab-keep");
  await first.waitForFunction(() => (localStorage.getItem("gapcast.raw") ?? "").includes("旧数据"));
  assert.equal(await first.locator(".other-tab").count(), 0);
  await second.waitForSelector(".other-tab");
  // "Reload" brings the other tab's data.
  await second.click(".other-tab-reload");
  await second.waitForFunction(() => document.querySelector("#paste-box")?.value.includes("旧数据"));
  assert.equal(await second.locator(".other-tab").count(), 0);
  assert.deepEqual(record.errors, []);
});

const CATALOG = 'plan = "children"\n[[indicator]]\nid = "C-X-01"\ndomain = "儿童与健康"\n'
  + 'name_zh = "某率"\nname_en = "Some rate"\nunit = "percent"\ncomparator = "ge"\nvalue = 90\nsource = "s"\n';

for (const [what, session] of [
  ["a loaded catalog file", { format_version: 1, raw: "", catalogs: [{ name: "mine.toml", text: CATALOG }] }],
  ["an evaluation text", { format_version: 1, raw: "", evaluations: { "W-HEALTH-01": "已推进。" } }],
]) {
  test(`opening a session file asks before it replaces ${what}; cancel changes nothing`, async () => {
    const json = JSON.stringify(session);
    const { page, record } = await openSeeded({ "gapcast.session": json });
    await page.waitForTimeout(300);
    const before = await stored(page, "gapcast.session");
    const file = { name: "other.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ format_version: 1, raw: MMR, lang: "zh" })) };
    let asked = page.waitForEvent("dialog");
    await page.setInputFiles("#session-file", file);
    let dialog = await asked;
    assert.match(dialog.message(), /替换/);
    await dialog.dismiss();
    await page.waitForTimeout(500);
    assert.equal(await stored(page, "gapcast.session"), before, "cancel changes nothing");
    assert.equal(await page.inputValue("#paste-box"), "");
    // Accepting replaces it (undo brings it back).
    asked = page.waitForEvent("dialog");
    await page.setInputFiles("#session-file", file);
    await (await asked).accept();
    await page.waitForFunction((mmr) => document.querySelector("#paste-box").value === mmr, MMR);
    assert.deepEqual(record.errors, []);
  });
}

test("with nothing to lose, a session file opens without a question", async () => {
  const { page, record } = await openSeeded({});
  let asked = false;
  page.on("dialog", (d) => { asked = true; d.dismiss(); });
  await page.setInputFiles("#session-file", { name: "s.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ format_version: 1, raw: MMR })) });
  await page.waitForFunction((mmr) => document.querySelector("#paste-box").value === mmr, MMR);
  assert.equal(asked, false);
  assert.deepEqual(record.errors, []);
});
