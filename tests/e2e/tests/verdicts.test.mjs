// The verdicts of METHODS.md version 2, read in the page as a committee member
// reads them: each example of issue 11 pasted, its colour, status, gap and
// one-sentence verdict in the table; the headline agreeing with the chips; a
// unit slip flagged at its cell and corrected in one click. No error, no request.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { emptyStorageOnce, launch, open } from "../lib/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const EXAMPLES = [
  "指标\t年份\t数值",
  ...[["C-HEALTH-10", [[2021, 99.5], [2022, 99.7], [2023, 99.85], [2024, 99.95]]],
    ["C-WELFARE-05", [[2021, 100], [2022, 100], [2023, 100], [2024, 100]]],
    ["W-ENV-03", [[2022, 97], [2023, 99], [2024, 100]]],
    ["W-DECISION-22", [[2021, 49.0], [2022, 49.8], [2023, 50.5], [2024, 51.2]]],
    ["W-ECON-01", [[2020, 38], [2022, 40.8], [2024, 43.5]]],
    ["W-EDU-02", [[2020, 99.1], [2024, 99.4]]],
    ["C-HEALTH-15", [[2021, 10], [2022, 11], [2023, 12], [2024, 13]]],
  ].flatMap(([id, points]) => points.map(([year, value]) => `${id}\t${year}\t${value}`)),
].join("\n") + "\n";

const row = (page, id) => page.locator(`#indicator-table tr[data-id="${id}"]`);
const status = (page, id) => row(page, id).locator(".status .badge");

async function fresh() {
  const { page, record } = await open(browser.context, { init: emptyStorageOnce });
  return { page, record };
}

test("issue 11's examples read right: status, colour, gap in words, one-sentence verdict", async () => {
  const { page, record } = await fresh();
  await page.fill("#paste-box", EXAMPLES);
  await page.waitForSelector('#indicator-table tr[data-id="C-HEALTH-10"] .badge[data-status="achieved"]');

  // Vaccination ≥ 100% at 99.95: met within τ_b, green, and said so.
  assert.equal(await status(page, "C-HEALTH-10").getAttribute("data-status"), "achieved");
  assert.match(await row(page, "C-HEALTH-10").getAttribute("class"), /sev-green/);
  assert.match(await status(page, "C-HEALTH-10").getAttribute("title"), /达到 99\.95% 即视为实现；2024年 100\.0%，已达到/);
  // 100 four years running: achieved, not at risk.
  assert.match(await row(page, "C-WELFARE-05").getAttribute("class"), /sev-green/);
  assert.equal(await row(page, "C-WELFARE-05").locator(".warnings .tag.sev-amber").count(), 0);
  // 97, 99, 100: no "misses the target" warning.
  assert.equal(await row(page, "W-ENV-03").locator('.warnings .tag.sev-amber').count(), 0);
  // "About 50%" at 51.2: inside 48–52, the trend leaves the band: amber, never red.
  assert.equal(await status(page, "W-DECISION-22").getAttribute("data-status"), "achieved");
  assert.match(await row(page, "W-DECISION-22").getAttribute("class"), /sev-amber/);
  assert.equal(
    await status(page, "W-DECISION-22").getAttribute("title"),
    "≈ 50.0%（2030）：按 48.0%–52.0% 判断；2024年 51.2%，在范围内；按趋势 2030年约 55.6%，将超出范围。",
  );
  assert.equal((await row(page, "W-DECISION-22").locator(".gap").textContent()).trim(), "已达到");
  // "About 45%" rising to 43.5 with a trend far past the band: amber, not green.
  assert.match(await row(page, "W-ECON-01").getAttribute("class"), /sev-amber/);
  assert.match(await status(page, "W-ECON-01").getAttribute("title"), /将超出范围/);
  // Child overweight 10, 11, 12, 13: a steady rise is not slowing.
  assert.equal(await status(page, "C-HEALTH-15").getAttribute("data-status"), "not_slowing");

  // The headline counts rows by colour, and the chips of a colour add up to it.
  for (const s of ["red", "amber", "green"]) {
    const headline = Number(await page.textContent(`.count-card[data-severity="${s}"] .count-number`));
    const chips = await page.locator(`#status-chips .chip[data-severity="${s}"]`).allTextContents();
    const sum = chips.map((t) => Number(t.trim().split(" ").pop())).reduce((a, b) => a + b, 0);
    assert.equal(sum, headline, `${s}: chips ${chips} against ${headline}`);
  }

  // W-EDU-02 ≥ 99 from 99.1 to 99.4: ahead of the plan's path, in the detail view.
  await row(page, "W-EDU-02").locator(".name-button").click();
  await page.waitForSelector('#detail .detail[data-id="W-EDU-02"]');
  assert.match(await page.textContent("#detail-method"), /领先/);
  assert.match(await page.textContent("#detail-verdict"), /^≥ 99\.0%（2030）：2024年 99\.4%，已超 0\.4 个百分点/);
  assert.deepEqual(record.errors, []);
  assert.deepEqual(record.requests, []);
});

test("a unit slip is flagged at its cell, not judged, and corrected in one click", async () => {
  const { page, record } = await fresh();
  await page.fill("#paste-box", "指标\t2021年\t2022年\t2023年\t2024年\n孕产妇死亡率\t16.1\t15.7\t15.1\t8.1‰\n");
  const item = page.locator('.checks li[data-code="implausible"]');
  await item.waitFor();
  assert.match(await item.textContent(), /E2/);
  assert.match(await item.textContent(), /8\.1‰/);
  assert.equal(await status(page, "W-HEALTH-02").getAttribute("data-status"), "not_assessed");
  assert.match(await row(page, "W-HEALTH-02").getAttribute("class"), /sev-amber/);
  await item.locator("button.small").click();
  await page.waitForSelector('#indicator-table tr[data-id="W-HEALTH-02"] .badge:not([data-status="not_assessed"])');
  assert.equal(await page.locator('.checks li[data-code="implausible"]').count(), 0);
  assert.match(await row(page, "W-HEALTH-02").locator(".latest").textContent(), /8\.1\/10万/);
  assert.equal(await page.inputValue("#paste-box"), "指标\t2021年\t2022年\t2023年\t2024年\n孕产妇死亡率\t16.1\t15.7\t15.1\t8.1‰\n", "the pasted text is kept as given");
  assert.deepEqual(record.errors, []);
});
