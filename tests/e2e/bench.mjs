// Browser timing script (a benchmark, never a test assertion): opens the built
// page over file:// in headless Chromium and reports medians.
//   cargo xtask bench-page
// - first render: navigation start -> the app's "gapcast-first-render" mark;
// - paste: the full catalog x 10 years pasted -> the dashboard updated;
// - what-if: one slider step in the detail view -> chart and numbers updated;
// - the longest main-thread task seen during a 5 MB paste.
import { launch, open, paste } from "./lib/browser.mjs";

const LOADS = Number(process.env.LOADS ?? 9);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (x) => `${x.toFixed(1)} ms`;
const summary = (name, xs) =>
  console.log(`${name}: median ${ms(median(xs))} of ${xs.length} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`);

/** Times, inside the page, from setting the paste box to the first DOM change of
 *  `watch` (Yew patches the DOM in one go after the input event). */
async function timePaste(page, text, watch) {
  return page.evaluate(async ({ text, watch }) => {
    const box = document.querySelector("#paste-box");
    const target = document.querySelector(watch);
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
      observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const t0 = performance.now();
    box.value = text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    return (await changed) - t0;
  }, { text, watch });
}

const browser = await launch();
try {
  const firstRender = [];
  for (let i = 0; i < LOADS; i++) {
    const { page } = await open(browser.context);
    firstRender.push(await page.evaluate(() => performance.getEntriesByName("gapcast-first-render")[0].startTime));
    await page.close();
  }
  summary("first render over file:// (navigation start -> first render)", firstRender);

  const { page } = await open(browser.context);
  await page.evaluate(() => localStorage.clear());
  const ids = await page.locator("#indicator-table tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.id));
  // Every catalog indicator, ten years each, in the long layout (id, year, value).
  const full = (shift) => "id\tyear\tvalue\n" + ids.flatMap((id, k) =>
    Array.from({ length: 10 }, (_, j) => `${id}\t${2015 + j}\t${(40 + ((k * 7 + j * (3 + shift)) % 50) / 2).toFixed(1)}`)).join("\n");
  const pasted = [];
  for (let i = 0; i < LOADS; i++) pasted.push(await timePaste(page, full(i % 3), "#matrix"));
  summary(`paste ${ids.length} indicators x 10 years -> dashboard updated`, pasted);

  // What-if: open maternal mortality on the demo figures and step the slider.
  await page.click("#demo-button");
  const opened = await page.locator('#indicator-table tr[data-id="W-HEALTH-02"] .name-button').click().then(() => true, () => false);
  const slider = page.locator('.dialog input[type="range"]').first();
  if (opened && (await slider.count()) === 1) {
    const steps = await slider.evaluate(async (input) => {
      const dialog = input.closest(".dialog");
      const times = [];
      const min = Number(input.min), max = Number(input.max);
      for (let i = 0; i < 15; i++) {
        const changed = new Promise((resolve) => {
          const o = new MutationObserver(() => { o.disconnect(); resolve(performance.now()); });
          o.observe(dialog, { subtree: true, childList: true, characterData: true, attributes: true });
        });
        const t0 = performance.now();
        input.value = String(min + ((i + 1) / 17) * (max - min));
        input.dispatchEvent(new Event("input", { bubbles: true }));
        times.push((await changed) - t0);
      }
      return times;
    });
    summary("what-if slider step -> chart and numbers updated", steps);
  } else {
    console.log("what-if: no slider found in the detail view");
  }
  await page.keyboard.press("Escape");

  // The longest task while a paste of megabytes is taken in and analysed: a
  // tall one (190,000 rows) and a wide one (one line of 700,000 cells).
  const huge = {
    "5 MB paste, 190,000 rows": "指标\t年份\t数值\n" + "孕产妇死亡率\t2021\t8.1\n".repeat(190000),
    "6 MB paste, one line of 700,000 cells": Array.from({ length: 700000 }, (_, i) => `${i}.5`).join("\t"),
  };
  for (const [name, text] of Object.entries(huge)) {
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: "longtask" });
    });
    await paste(page, "#paste-box, #large-paste", text);
    await page.waitForSelector("#large-paste");
    await page.waitForSelector(".working", { state: "detached", timeout: 60000 });
    await page.waitForTimeout(400);
    console.log(`${name}: longest main-thread task ${ms(await page.evaluate(() => window.__longest))}`);
  }
} finally {
  await browser.close();
}
