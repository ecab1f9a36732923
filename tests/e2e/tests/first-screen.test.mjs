// The first screen before the wasm runs: a static skeleton of the app's own
// layout, in the language the user last had, with nothing to type into that
// would be lost; the app replaces it without moving it. And the table, drawn in
// blocks after the first paint, ends with every row, and has them all for print.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { emptyStorageOnce, launch, open, PAGE_URL } from "../lib/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

/** An init script that keeps the wasm from ever starting, so the skeleton stays. */
function holdWasm() {
  const never = () => new Promise(() => {});
  WebAssembly.instantiateStreaming = never;
  WebAssembly.instantiate = never;
}

/** Opens the page with the wasm held back: the skeleton as it first shows. */
async function skeleton(hash = "") {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(holdWasm);
  await page.goto(PAGE_URL + hash);
  return { page, errors };
}

/** Where the first screen's landmarks are, in CSS pixels. */
async function boxes(page, root) {
  const parts = ["h1", ".plans", ".lang-switch", "#paste-title", ".paste-box", "#demo-button", "#dashboard-title", ".count-cards", "#matrix thead"];
  const out = {};
  for (const part of parts) {
    const box = await page.locator(`${root} ${part}`).first().boundingBox();
    assert.ok(box, `${root} ${part} is shown`);
    out[part] = [box.x, box.y, box.width, box.height].map(Math.round);
  }
  return out;
}

test("the first screen shows before the wasm runs, with its controls disabled, and the app takes its place without moving it", async () => {
  const { page, errors } = await skeleton();
  await page.waitForSelector(".app-skeleton");
  assert.equal(await page.$(".app"), null, "the app has not started");
  assert.match(await page.textContent(".app-skeleton h1"), /Gapcast 目标监测/);
  assert.match(await page.textContent(".app-skeleton .plans"), /花都区妇女发展规划（2021—2030年）/);
  assert.equal(await page.getAttribute(".app-skeleton", "aria-busy"), "true");
  assert.ok(await page.isVisible("#boot-status"), "it says it is loading");
  const controls = await page.locator(".app-skeleton :is(button, input, select, textarea)").evaluateAll((els) =>
    els.map((el) => [el.tagName, el.disabled]));
  assert.ok(controls.length > 10);
  assert.deepEqual(controls.filter(([, disabled]) => !disabled), [], "nothing in the skeleton takes input");
  const before = await boxes(page, ".app-skeleton");
  assert.deepEqual(errors, []);
  await page.close();

  const { page: app, record } = await open(browser.context, { init: emptyStorageOnce });
  assert.deepEqual(await boxes(app, ".app"), before, "the app's first screen is where the skeleton's was");
  assert.equal(await app.$(".app-skeleton"), null);
  assert.deepEqual(record.errors, []);
  await app.close();
});

test("the skeleton speaks the language the user last had, and shows their text", async () => {
  const { page } = await open(browser.context, { init: emptyStorageOnce });
  await page.getByRole("button", { name: "English" }).click();
  const text = "指标\t2021年\t2022年\n孕产妇死亡率\t8.2\t7.9\n";
  await page.fill("#paste-box", text);
  await page.waitForFunction((text) => localStorage.getItem("gapcast.raw") === text &&
    JSON.parse(localStorage.getItem("gapcast.session") ?? "{}").lang === "en", text);

  // A second tab while the first is open (see reopenWhenSaved for why).
  const { page: held } = await skeleton();
  await held.waitForSelector(".app-skeleton");
  assert.equal(await held.getAttribute(".app-skeleton", "lang"), "en");
  assert.match(await held.textContent(".app-skeleton h1"), /Gapcast target tracker/);
  assert.match(await held.textContent(".app-skeleton .plans"), /Women's Development Plan/);
  assert.equal(await held.inputValue(".app-skeleton textarea"), text);
  assert.ok(await held.isDisabled(".app-skeleton textarea"));
  assert.ok(!(await held.isVisible(".app-skeleton .count-number")), "the counts wait for the assessment");
  await held.evaluate(() => localStorage.clear());
  await held.close();
  await page.close();
});

test("the embedded view starts without the full page's skeleton", async () => {
  const { page } = await skeleton("#embed&plan=children");
  await page.waitForSelector("#gapcast-wasm", { state: "detached" });
  assert.equal(await page.$(".app-skeleton"), null);
  await page.close();
});

test("the table ends with every row, in blocks after the first paint, and printing draws them all at once", async () => {
  const { page, record } = await open(browser.context, { init: emptyStorageOnce });
  const shown = Number((await page.textContent("#shown-count")).match(/(\d+)\D+(\d+)/)[2]);
  const ids = await page.locator("#indicator-table tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.id));
  assert.ok(shown > 100);
  assert.equal(ids.length, shown);
  assert.equal(new Set(ids).size, shown, "each row once");
  await page.close();

  // With idle moments held back, the page keeps its later blocks for later;
  // a print request draws them at once.
  const noIdle = () => { window.requestIdleCallback = () => 0; };
  const { page: early, record: earlyRecord } = await open(browser.context, { init: [emptyStorageOnce, noIdle], waitFor: ".app #indicator-table" });
  const [busy, before, drawn] = await early.evaluate(async () => {
    const table = document.querySelector("#indicator-table");
    const busy = table.getAttribute("aria-busy");
    const before = table.querySelectorAll("tbody tr").length;
    dispatchEvent(new Event("beforeprint"));
    await Promise.resolve();
    return [busy, before, table.querySelectorAll("tbody tr").length];
  });
  assert.equal(busy, "true");
  assert.ok(before < shown, `${before} rows drawn before the print`);
  assert.equal(drawn, shown);
  assert.deepEqual([...record.errors, ...earlyRecord.errors], []);
  await early.close();

  // Where there is no requestIdleCallback (Safari before 18.2), the blocks follow in later tasks.
  const noIdleApi = () => { delete window.requestIdleCallback; };
  const { page: safari, record: safariRecord } = await open(browser.context, { init: [emptyStorageOnce, noIdleApi] });
  assert.equal(await safari.locator("#indicator-table tbody tr").count(), shown);
  assert.deepEqual(safariRecord.errors, []);
  await safari.close();
});

test("without JavaScript the page says so, and shows no skeleton waiting for nothing", async () => {
  const { chromium } = await import("playwright-core");
  const plain = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const page = await (await plain.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(PAGE_URL);
    // (Playwright's text selectors skip <noscript>, so the element is named.)
    assert.ok(await page.isVisible("noscript .boot-message"));
    assert.match(await page.textContent("noscript .boot-message"), /Gapcast 需要启用 JavaScript/);
    assert.ok(!(await page.isVisible(".app-skeleton")));
    assert.ok(!(await page.isVisible("#boot-status")));
  } finally {
    await plain.close();
  }
});
