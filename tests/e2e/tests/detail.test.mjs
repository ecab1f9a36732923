// The indicator detail view, used as staff use it: load the demo figures, open
// maternal mortality, read the sentence and the chart, move the what-if by
// slider, keyboard and typed number, press "required pace", close with Escape,
// open the page again and find the scenario. No console error, no request.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { launch, open, reopenWhenSaved } from "../lib/browser.mjs";

const SHOTS = new URL("../../../target/e2e/", import.meta.url);
const MMR = "W-HEALTH-02";

let browser;
before(async () => {
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser.close(); });

async function openDetail(page, id) {
  await page.click(`tr[data-id="${id}"] .name-button`);
  await page.waitForSelector(`#detail .detail[data-id="${id}"]`);
}

const text = (page, selector) => page.textContent(selector).then((t) => t.trim());

test("maternal mortality: sentence, chart, numbers, what-if, Escape, opened again", async () => {
  let { page, record } = await open(browser.context);
  await page.click("#demo-button");
  await openDetail(page, MMR);

  // The plain sentence, from the core's numbers (11.4 in 2030, 80% interval 11.0–11.8).
  assert.equal(
    await text(page, "#detail-reading"),
    "按当前趋势，2030年预计为 11.4/10万（80%区间 11.0–11.8），达标概率 < 1%；需要年均 −10.2%/年，目前为 −3.9%/年。",
  );
  assert.match(await text(page, "#detail-target"), /≤ 7\.5\/10万（2030）/);

  // The chart: ten observed points, the target line, fitted and projected lines, the band.
  assert.equal(await page.locator("#detail-chart .pt-observed").count(), 10);
  assert.equal(await page.locator("#detail-chart line.target").count(), 1);
  for (const cls of ["fitted", "projection", "band", "glide"]) {
    assert.equal(await page.locator(`#detail-chart path.${cls}`).count(), 1, cls);
  }
  assert.equal(await page.locator("#detail-chart path.what-if").count(), 0, "no scenario yet");
  // The text alternative lists every year, and the legend names the lines.
  assert.match(await page.textContent(".chart-data"), /2024\s*14\.3/);
  assert.match(await text(page, "#chart-legend"), /观测值.*拟合趋势.*趋势预测.*80% 预测区间.*目标/);

  // A point's value shows on keyboard focus.
  const last = page.locator("#detail-chart .pt-observed").last();
  await last.focus();
  assert.equal(await last.getAttribute("aria-label"), "2024: 14.3/10万");
  assert.equal(await last.locator(".tip").evaluate((el) => getComputedStyle(el).visibility), "visible");
  assert.equal(await page.locator("#detail-chart .pt-observed").first().locator(".tip")
    .evaluate((el) => getComputedStyle(el).visibility), "hidden");
  // The chart is one tab stop; the arrow keys move between its points.
  assert.equal(await page.locator('#detail-chart .pt[tabindex="0"]').count(), 1);
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "2023: 15.1/10万");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "2024: 14.3/10万");

  // Key numbers.
  assert.equal(await text(page, "#num-latest"), "14.3/10万 (2024)");
  assert.equal(await text(page, "#num-target-year"), "11.4/10万（11.0–11.8）");
  assert.equal(await text(page, "#num-probability"), "< 1%");

  // Type a number: −5% a year from 14.3 in 2024 gives 14.3·0.95⁶ = 10.5 in 2030, not met.
  await page.fill("#whatif-number", "-5");
  assert.equal(await text(page, "#whatif-end"), "10.5/10万");
  assert.equal(await page.getAttribute("#whatif-met", "data-met"), "false");
  assert.equal(await page.locator("#detail-chart path.what-if").count(), 1, "the what-if path is drawn");
  assert.equal(await page.locator("#detail-chart .pt-what-if").getAttribute("aria-label"), "2030 假设情景: 10.5/10万");

  // Drag the slider: −12% a year gives 14.3·0.88⁶ = 6.6, met.
  await page.fill("#whatif-slider", "-12");
  assert.equal(await text(page, "#whatif-end"), "6.6/10万");
  assert.equal(await page.getAttribute("#whatif-met", "data-met"), "true");
  assert.equal(await page.inputValue("#whatif-number"), "-12.0");

  // By keyboard: End takes the slider to its largest rise, far from the target.
  await page.focus("#whatif-slider");
  await page.keyboard.press("End");
  assert.equal(await page.getAttribute("#whatif-met", "data-met"), "false");
  const end = Number((await text(page, "#whatif-end")).replace("/10万", ""));
  assert.ok(end > 14.3, `a rise: ${end}`);

  // Required pace lands on the target.
  await page.click("#whatif-required");
  assert.equal(await text(page, "#whatif-end"), "7.5/10万");
  assert.equal(await page.getAttribute("#whatif-met", "data-met"), "true");
  assert.equal(await page.getAttribute("#whatif-required", "aria-pressed"), "true");
  assert.match(await text(page, "#whatif-reading"), /按所需速度（−10\.2%\/年）.*2030年为 7\.5\/10万，达到目标/);

  // The method section opens and shows the fit.
  await page.click("#detail-method summary");
  assert.match(await page.textContent("#detail-method"), /a = 82\.92, b = -0\.03965/);

  await page.screenshot({ path: new URL("detail.png", SHOTS).pathname });

  // Escape closes.
  await page.keyboard.press("Escape");
  await page.waitForSelector("#detail", { state: "detached" });

  // Opened again: the scenario is back.
  page = await reopenWhenSaved(page, record, (json) => json.includes('"required_pace"'));
  await openDetail(page, MMR);
  assert.equal(await page.getAttribute("#whatif-required", "aria-pressed"), "true");
  assert.equal(await text(page, "#whatif-end"), "7.5/10万");

  // A number typed and not yet entered is saved when the view closes.
  await page.fill("#whatif-number", "-7");
  assert.equal(await text(page, "#whatif-end"), "9.3/10万");
  await page.keyboard.press("Escape");
  await page.waitForSelector("#detail", { state: "detached" });
  page = await reopenWhenSaved(page, record, (json) => json.includes("-7.0"));
  await openDetail(page, MMR);
  assert.equal(await page.inputValue("#whatif-number"), "-7.0");
  assert.equal(await text(page, "#whatif-end"), "9.3/10万");

  // Clearing the scenario removes the path and keeps working.
  await page.click("#whatif-reset");
  assert.equal(await page.locator("#detail-chart path.what-if").count(), 0);
  assert.equal(await page.locator("#whatif-end").count(), 0);

  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.requests, []);
});

test("the scale selector refits, and English reads the same numbers", async () => {
  const { page, record } = await open(browser.context);
  await page.click("#demo-button");
  await openDetail(page, MMR);
  await page.selectOption("#detail-scale", "linear");
  assert.match(await text(page, "#detail-reading"), /^按当前趋势，2030年预计为 /);
  assert.match(await page.textContent(".scale-select"), /当前使用：线性/);
  // A linear fit of the falling rate goes further down than the log fit's 11.4.
  assert.notEqual(await text(page, "#num-target-year"), "11.4/10万（11.0–11.8）");
  await page.selectOption("#detail-scale", "auto");
  assert.equal(await text(page, "#num-target-year"), "11.4/10万（11.0–11.8）");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "English" }).click();
  await openDetail(page, MMR);
  assert.equal(
    await text(page, "#detail-reading"),
    "At the current trend, 2030 is projected at 11.4 per 100,000 live births (80% interval 11.0–11.8), probability of meeting the target < 1%; needed −10.2% a year, current −3.9% a year.",
  );
  assert.match(await text(page, "#chart-legend"), /Observed.*Fitted trend.*Projection/);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "中文" }).click();
  assert.deepEqual(record.errors, []);
});

test("one figure and a milestone; no figures at all", async () => {
  const { page, record } = await open(browser.context);
  // The language is saved with the session; the previous test may have left English.
  if ((await page.getAttribute(".app", "lang")) !== "zh-CN") await page.getByRole("button", { name: "中文" }).click();
  await page.click("#demo-button");
  await openDetail(page, "C-WELFARE-04");
  assert.match(await text(page, "#detail-reading"), /^仅有2024年一个数据（4\.08\/千人），无法估计趋势/);
  assert.equal(await page.locator("#detail-chart .pt-observed").count(), 1);
  assert.equal(await page.locator("#detail-chart .pt-milestone").count(), 1);
  assert.ok(await page.isDisabled("#whatif-current"), "no current pace from one point");
  await page.click("#whatif-required");
  assert.equal(await text(page, "#whatif-end"), "6.00/千人");
  assert.match(await page.textContent(".whatif-milestone"), /2025 阶段目标\s*4\.40\/千人\s*✔ 达标/);
  await page.keyboard.press("Escape");

  await openDetail(page, "C-HEALTH-22");
  assert.equal(await text(page, "#detail-reading"), "暂无数据；目标为 ≈ 3.0%（2030）。");
  assert.equal(await page.locator("#detail-chart .pt").count(), 0);
  assert.equal(await page.locator("#detail-chart rect.target-band").count(), 1);
  assert.ok(await page.isDisabled("#whatif-slider"));
  assert.deepEqual(record.errors, []);
});

test("a hand-made noisy series: the interval is cut at the frame and the chart says so", async () => {
  const { page, record } = await open(browser.context);
  if ((await page.getAttribute(".app", "lang")) !== "zh-CN") await page.getByRole("button", { name: "中文" }).click();
  await page.fill("#paste-box", "指标\t2021年\t2022年\t2023年\t2024年\n孕产妇死亡率\t4\t16\t5\t15\n");
  await openDetail(page, MMR);
  assert.equal(await page.locator("#detail-chart .pt-observed").count(), 4);
  assert.match(await text(page, "#band-clipped"), /预测区间超出图表范围/);
  assert.deepEqual(record.errors, []);
});
