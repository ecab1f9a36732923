// A user's own catalog, as staff load one: another district's plan file picked
// or dropped, its problems listed with file, line and field, used beside or
// instead of the built-in plans, kept when the page is opened again and in the
// session file, and removed again. Every test asserts no console error and no request.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { emptyStorageOnce, launch, open, paste, reopenWhenSaved } from "../lib/browser.mjs";

let browser;
// A browser with its own profile per test: a page of an earlier test can
// never write into this test's storage, even late.
beforeEach(async () => { browser = await launch(); });
afterEach(async () => { await browser.close(); });

const clean = (record) => {
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.requests, []);
};

/** Another district's women's plan: one sound indicator, and one whose unit
 *  (line 19) is misspelt. */
const OTHER = `# 某区妇女发展规划（2021—2030年）
plan = "women"
title_zh = "某区妇女发展规划（2021—2030年）"
title_en = "Some District Women's Development Plan (2021–2030)"

[[indicator]]
id = "W-X-01"
domain = "妇女与健康"
name_zh = "某区宫颈癌筛查率"
name_en = "Cervical cancer screening rate (some district)"
unit = "percent"
comparator = "ge"
value = 80
source = "某区规划 二（一）主要目标 4"

[[indicator]]
id = "W-X-02"
domain = "妇女与健康"
name_zh = "某区产前筛查率"
name_en = "Prenatal screening rate (some district)"
unit = "percnt"
comparator = "ge"
value = 90
source = "某区规划 二（一）主要目标 5"
`;

const FIGURES = "指标\t2021年\t2022年\t2023年\t2024年\n某区宫颈癌筛查率\t60\t64\t69\t73\n";

async function download(page, action) {
  const [d] = await Promise.all([page.waitForEvent("download"), action()]);
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), "utf8") };
}

const count = (page) => page.textContent("#catalog-count");

test("another district's catalog is loaded, checked, used instead of the plans, kept, and removed", async () => {
  let { page, record } = await open(browser.context, { init: emptyStorageOnce });
  await page.click("#open-catalogs");
  assert.match(await count(page), /正在使用 184 项指标/);

  // The built-in files download as templates, comments emptied, lines kept.
  const template = await download(page, () => page.click("#catalog-dialog .hint button >> nth=0"));
  assert.equal(template.name, "huadu-women-2021-2030.toml");
  assert.match(template.text, /^plan = "women"$/m);
  // 96 indicators and 103 goals without a quantified target.
  assert.equal(template.text.match(/^\[\[indicator\]\]/gm).length, 199);

  // Picked: the sound indicator joins the plans, the bad one is named by place.
  await page.setInputFiles("#catalog-file", { name: "other.toml", mimeType: "application/toml", buffer: Buffer.from(OTHER) });
  await page.waitForSelector("#catalog-issues");
  assert.match(await count(page), /正在使用 185 项指标/);
  const issues = await page.locator("#catalog-issues li").allTextContents();
  assert.equal(issues.length, 1);
  assert.match(issues[0], /^错误 other\.toml:21 \[W-X-02\] unit 未知单位「percnt」/);
  assert.match(await page.textContent(".catalog-files"), /other\.toml/);

  // Instead of the plans: one indicator, and the district's own title.
  await page.click("text=替代内置规划");
  assert.match(await count(page), /正在使用 1 项指标/);
  assert.equal(await page.textContent(".plans"), "某区妇女发展规划（2021—2030年）");
  await page.screenshot({ path: "/tmp/gapcast-catalog-panel.png" });
  await page.keyboard.press("Escape");
  await page.waitForSelector("#catalog-dialog", { state: "detached" });

  // Figures for it are matched and assessed.
  await paste(page, "body", FIGURES);
  const row = page.locator('#indicator-table tr[data-id="W-X-01"]');
  await page.waitForFunction(() => document.querySelector("#indicator-table tbody").textContent.includes("73.0%"));
  assert.match(await row.textContent(), /某区宫颈癌筛查率.*73\.0%.*进展顺利/);
  assert.equal(await page.locator("#indicator-table tbody tr").count(), 1);

  // Kept when the page is opened again, and in the session file.
  page = await reopenWhenSaved(page, record, (json) => json.includes('"instead"') && (localStorage.getItem("gapcast.raw") ?? "").includes("73"));
  assert.equal(await page.textContent(".plans"), "某区妇女发展规划（2021—2030年）");
  const saved = await download(page, () => page.click("#save-session"));
  const json = JSON.parse(saved.text);
  assert.equal(json.catalog_mode, "instead");
  assert.deepEqual(json.catalogs.map((f) => f.name), ["other.toml"]);
  assert.equal(json.catalogs[0].text, OTHER);

  // In English, then removed: the plans again.
  await page.click("button[lang=en]");
  await page.click("#open-catalogs");
  assert.match(await count(page), /1 indicators in use/);
  assert.match(await page.textContent("#catalog-issues"), /unknown unit "percnt"/);
  await page.click(".catalog-files button");
  assert.match(await count(page), /184 indicators in use/);
  assert.equal(await page.locator("#catalog-issues").count(), 0);
  assert.match(await page.textContent(".plans"), /Huadu District Women's Development Plan/);
  clean(record);
});

test("a dropped .toml file loads as a catalog; a file with nothing usable keeps the plans and says so", async () => {
  const { page, record } = await open(browser.context, { init: emptyStorageOnce });
  const broken = OTHER.replace('unit = "percent"', 'unit = "percent\n');
  const dt = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "broken.toml", { type: "" }));
    return dt;
  }, broken);
  for (const kind of ["dragenter", "dragover", "drop"]) await page.dispatchEvent("main", kind, { dataTransfer: dt });
  await page.waitForSelector("#catalog-dialog");
  const issues = await page.locator("#catalog-issues li").allTextContents();
  assert.match(issues[0], /^错误 broken\.toml:11:16 unit TOML 格式错误：文本缺少结尾的引号/);
  assert.match(issues[1], /broken\.toml:22 \[W-X-02\] unit/);
  // The unterminated string breaks block 1, the bad unit block 2: nothing is
  // left "instead", so the plans stay, and the page says why.
  await page.click("text=替代内置规划");
  assert.match(await page.textContent("#catalog-dialog .notice"), /目录文件中没有可用的指标，仍使用内置规划/);
  assert.match(await count(page), /正在使用 184 项指标/);
  clean(record);
});
