// Rates from counts (issue 14), as a district statistician pastes them: the
// deaths and live births rows of a transposed table (years down, counts
// across). The table shows the events beside the rate, the detail view says
// what the interval means and how many deaths it rests on, and the chart
// draws every year's exact interval as a whisker. No console error, no request.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { emptyStorageOnce, launch, open } from "../lib/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const COUNTS = [
  "年份\t孕产妇死亡数\t新生儿死亡数\t活产数",
  "2019\t3\t40\t17500",
  "2020\t2\t38\t17200",
  "2021\t0\t33\t16800",
  "2022\t2\t35\t16500",
  "2023\t1\t30\t16000",
  "2024\t1\t29\t15800",
].join("\n");

const text = (page, selector) => page.textContent(selector).then((t) => t.trim());

test("maternal and neonatal deaths pasted as counts are judged from the counts", async () => {
  const { page, record } = await open(browser.context, { init: emptyStorageOnce });
  await page.fill("#paste-box", COUNTS);
  const mmr = page.locator('#indicator-table tr[data-id="W-HEALTH-02"]');
  await mmr.waitFor();
  // 4 deaths in 2022–2024, pooled because every year has fewer than 20.
  assert.equal(await mmr.locator(".latest .events").textContent(), "4 例（2022–2024 年合并）");
  assert.match(await mmr.locator(".latest .value").textContent(), /8\.3\/10万/);
  assert.match(await mmr.locator(".warnings").textContent(), /事件数少/);
  // Neonatal deaths: 20 or more a year, the latest year's own 29.
  const nmr = page.locator('#indicator-table tr[data-id="C-HEALTH-02"]');
  assert.equal(await nmr.locator(".latest .events").textContent(), "29 例");

  await mmr.locator(".name-button").click();
  await page.waitForSelector('#detail .detail[data-id="W-HEALTH-02"]');
  const note = await text(page, "#detail-counts");
  assert.match(note, /^2030年预期孕产妇死亡率的 80% 区间为 .*基于 2019–2024 年共 9 例；因有年份少于 20 例，最新值取 2022–2024 年合并的 8\.3\/10万（4 例）。$/);
  // Six whiskers in one path: each year's exact interval, named in the legend.
  const whiskers = await page.getAttribute("#detail-chart path.whisker", "d");
  assert.equal((whiskers.match(/V/g) ?? []).length, 6);
  assert.match(await text(page, "#chart-legend"), /80% 单年精确区间.*80% 预期值区间/);
  // No scale fallback for the year without a death.
  assert.doesNotMatch(await text(page, ".detail-warnings"), /改用线性尺度/);
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.requests, []);
});
