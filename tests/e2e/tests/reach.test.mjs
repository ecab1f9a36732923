// Taking the work beyond the page, as staff do it: save a session file and open
// it again (picked or dropped), a damaged file refused with its place, the
// results as CSV and on the clipboard, the printed report, a share link, and
// the embedded view in a host page. Every test asserts no console error and no
// request.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, open } from "../lib/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });
afterEach(async () => { for (const p of browser.context.pages()) await p.close(); });

/** A fresh page whose storage is emptied before the app first reads it. */
async function fresh(options = {}) {
  return open(browser.context, {
    ...options,
    init: () => {
      if (!sessionStorage.getItem("gapcast-test-started")) {
        localStorage.clear();
        sessionStorage.setItem("gapcast-test-started", "1");
      }
      // Records what the page puts on the clipboard.
      window.__copied = [];
      if (navigator.clipboard) navigator.clipboard.writeText = (t) => { window.__copied.push(t); return Promise.resolve(); };
    },
  });
}

const clean = (record) => {
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.requests, []);
};

/** Triggers `action` and returns the download it starts: name and text. */
async function download(page, action) {
  const [d] = await Promise.all([page.waitForEvent("download"), action()]);
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), "utf8") };
}

/** Drops a file with `name` and `text` on the page, as a user drags one in. */
async function drop(page, name, text, type = "application/json") {
  const dt = await page.evaluateHandle(([name, text, type]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type }));
    return dt;
  }, [name, text, type]);
  for (const kind of ["dragenter", "dragover"]) await page.dispatchEvent("main", kind, { dataTransfer: dt });
  assert.ok(await page.isVisible(".drop-overlay"), "the page says where to drop");
  await page.dispatchEvent("main", "drop", { dataTransfer: dt });
}

const SESSION = (raw) => JSON.stringify({ format_version: 1, raw, lang: "zh" });
const MMR = "指标\t2021年\t2022年\t2023年\n孕产妇死亡率\t8.2\t7.9\t7.4\n";

test("a session file is saved and opened again, by the picker and by a drop", async () => {
  const { page, record } = await fresh();
  await page.click("#demo-button");
  const demo = await page.inputValue("#paste-box");
  const saved = await download(page, () => page.click("#save-session"));
  assert.match(saved.name, /^gapcast-session-\d{4}\.json$/);
  const json = JSON.parse(saved.text);
  assert.equal(json.format_version, 1);
  assert.equal(json.raw, demo);

  // Opening another file over the demo figures asks first; declining keeps them.
  const file = { name: "other.json", mimeType: "application/json", buffer: Buffer.from(SESSION(MMR)) };
  let asked = page.waitForEvent("dialog");
  await page.setInputFiles("#session-file", file);
  let dialog = await asked;
  assert.match(dialog.message(), /替换/);
  await dialog.dismiss();
  assert.equal(await page.inputValue("#paste-box"), demo);
  assert.equal(await page.locator("#reach-notice").count(), 0);
  asked = page.waitForEvent("dialog");
  await page.setInputFiles("#session-file", file);
  await (await asked).accept();
  await page.waitForSelector("#reach-notice.sev-green");
  assert.match(await page.textContent("#reach-notice"), /已打开会话文件：other\.json/);
  assert.equal(await page.inputValue("#paste-box"), MMR);

  // The saved file dropped back brings the demo figures back.
  page.once("dialog", (d) => d.accept());
  await drop(page, saved.name, saved.text);
  await page.waitForFunction((demo) => document.querySelector("#paste-box").value === demo, demo);
  assert.equal(await page.isVisible(".drop-overlay"), false);
  assert.match(await page.textContent("#reach-notice"), /gapcast-session-\d{4}\.json/);
  clean(record);
});

test("a damaged session file is refused with its place, in Chinese and English", async () => {
  const { page, record } = await fresh();
  await page.fill("#paste-box", MMR);
  const cases = [
    ["{\n  \"format_version\": 1,\n  \"raw\": \"x\"\n  \"lang\": \"zh\"\n}", /第 4 行第 3 列不是有效的 JSON/, /not valid JSON at line 4, column 3/],
    [JSON.stringify({ format_version: 1, raw: 5 }), /字段 `raw` 有误/, /field `raw`/],
    [JSON.stringify({ format_version: 7 }), /较新版本.*格式 7/, /newer Gapcast \(format 7\)/],
    ["[1, 2]", /不是 Gapcast 会话文件/, /not a Gapcast session file/],
  ];
  for (const [text, zh, en] of cases) {
    await drop(page, "bad.json", text);
    await page.waitForSelector("#reach-notice.sev-red");
    assert.match(await page.textContent("#reach-notice"), zh);
    await page.getByRole("button", { name: "English" }).click();
    assert.match(await page.textContent("#reach-notice"), en);
    await page.getByRole("button", { name: "中文" }).click();
  }
  assert.equal(await page.inputValue("#paste-box"), MMR, "nothing was replaced");
  await drop(page, "figures.csv", "a,b\n1,2\n", "text/csv");
  assert.match(await page.textContent("#reach-notice"), /figures\.csv：只能拖入 \.json 会话文件/);
  clean(record);
});
