// The foundation's promises, checked as a user meets them: the single file opens
// from file://, renders the first screen in Chinese, switches to English, reacts
// to a paste, logs no error and requests nothing; failures are visible.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launch, open, TEST_PAGE_URL } from "../lib/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test("the page renders from file:// in Chinese, with no error and no request", async () => {
  const { page, record } = await open(browser.context);
  assert.match(await page.textContent("h1"), /Gapcast/);
  const header = await page.textContent("header");
  assert.match(header, /花都区妇女发展规划（2021—2030年）/);
  assert.match(header, /花都区儿童发展规划（2021—2030年）/);
  assert.equal(await page.getAttribute(".app", "lang"), "zh-CN");
  assert.ok(await page.isVisible("#paste-box"));
  assert.equal(await page.$("#boot-status"), null, "the loading message is gone");
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.requests, []);
});

test("the language switch turns the page to English and back", async () => {
  const { page, record } = await open(browser.context);
  await page.getByRole("button", { name: "English" }).click();
  assert.match(await page.textContent("header"), /Women's Development Plan/);
  assert.equal(await page.getAttribute(".app", "lang"), "en");
  await page.getByRole("button", { name: "中文" }).click();
  assert.match(await page.textContent("header"), /妇女发展规划/);
  assert.deepEqual(record.errors, []);
});

test("pasted text is taken in and kept exactly", async () => {
  const { page, record } = await open(browser.context);
  const text = "指标\t2021年\t2022年\n孕产妇死亡率\t8.2\t7.9\n";
  await page.fill("#paste-box", text);
  assert.equal(await page.inputValue("#paste-box"), text);
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.requests, []);
});

test("a panic shows the crash banner with details to copy; its reload drops the fragment", async () => {
  // The test page carries the trigger; the shipped page has none (next test).
  assert.ok(existsSync(fileURLToPath(TEST_PAGE_URL)), "the test page is built: cargo xtask dist --test-hooks");
  const { page, record } = await open(browser.context, { url: TEST_PAGE_URL, hash: "#gapcast-test-panic", waitFor: "#gapcast-crash" });
  const banner = await page.textContent("#gapcast-crash");
  assert.match(banner, /出错了/);
  assert.match(banner, /Something went wrong/);
  assert.match(banner, /deliberate test panic/);
  assert.ok(await page.isVisible("#gapcast-crash >> text=复制详情 / Copy details"));
  assert.ok(record.errors.some((e) => e.includes("deliberate test panic")), "the details reach the console");

  await Promise.all([page.waitForNavigation(), page.click("#gapcast-crash >> text=重新加载 / Reload")]);
  await page.waitForSelector(".app");
  assert.equal(new URL(page.url()).hash, "", "the fragment that crashed the page is gone");
  assert.equal(await page.$("#gapcast-crash"), null, "the page works again");
});

test("the shipped page has no test hook: the trigger's fragment does nothing", async () => {
  const { page, record } = await open(browser.context, { hash: "#gapcast-test-panic" });
  await page.waitForTimeout(300);
  assert.equal(await page.$("#gapcast-crash"), null);
  assert.ok(await page.isVisible("#paste-box"));
  assert.deepEqual(record.errors, []);
});

test("a browser without WebAssembly gets a clear message naming working versions", async () => {
  const { page } = await open(browser.context, {
    init: () => { delete window.WebAssembly; },
    waitFor: ".boot-error",
  });
  const text = await page.textContent("#boot-status");
  assert.match(text, /Chrome 或 Edge 80 及以上/);
  assert.match(text, /Firefox 113\+/);
  assert.equal(await page.$(".app"), null);
});
