// Browser timing script (a benchmark, never a test assertion): opens the built
// page over file:// in headless Chromium and reports medians, each beside a
// static page (one Chinese heading) loaded the same way in the same run, the
// loads interleaved so that a noisy machine hits every variant alike.
//   cargo xtask bench-page        (GAPCAST_BASELINE=a.html,b.html adds other builds to the interleaving)
// - first visible text: navigation start -> the first paint with the page's
//   heading (its first-contentful-paint when the heading is in it, as in the
//   static page and the skeleton; else the first frame after the heading came,
//   as in a page that draws it from the wasm);
// - answering a paste: navigation start -> the dashboard updated for a paste of
//   every indicator x 10 years made as soon as the paste box takes input;
// - the longest main-thread task after the first paint, while the page settles
//   (long tasks are those over 50 ms; "none" means none);
// then, on one open page: the paste alone, a what-if slider step, and the
// longest task while a paste of megabytes is taken in.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, open, paste, PAGE } from "./lib/browser.mjs";

const LOADS = Number(process.env.LOADS ?? 9);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (x) => `${x.toFixed(1)} ms`;
const summary = (name, xs) =>
  console.log(`${name}: median ${ms(median(xs))} of ${xs.length} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`);

const scratch = mkdtempSync(join(tmpdir(), "gapcast-bench-"));
const staticPage = join(scratch, "static.html");
writeFileSync(staticPage, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>static</title></head>
<body><h1>花都区妇女儿童发展规划目标监测</h1></body></html>`);
const variants = [{ name: "static page", url: pathToFileURL(staticPage).href, app: false },
  { name: "gapcast", url: pathToFileURL(PAGE).href, app: true }];
for (const other of (process.env.GAPCAST_BASELINE ?? "").split(",").filter(Boolean)) {
  variants.push({ name: other, url: pathToFileURL(resolve(other)).href, app: true });
}

/** Records paint entries, long tasks and the first frame with a heading, from
 *  the very start of the page. */
function observe() {
  window.__paints = {};
  window.__longTasks = [];
  const keep = (type, fn) => { try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch {} };
  keep("paint", (e) => { window.__paints[e.name] = e.startTime; });
  keep("longtask", (e) => window.__longTasks.push([e.startTime, e.duration]));
  // The heading is painted in the frame after the one whose callback first sees it.
  let seen = false;
  const frame = (t) => {
    if (seen) { window.__paints.heading = t; return; }
    seen = document.querySelector("h1") !== null;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // A reload of the autosaved paste would change what the page shows.
  try { localStorage.clear(); } catch {}
}

/** An init script that pastes `text` as soon as the app's paste box takes
 *  input, and notes when the dashboard's matrix changes after it. */
function pasteWhenReady(text) {
  const start = () => {
    const box = document.querySelector(".app #paste-box");
    const matrix = document.querySelector(".app #matrix");
    if (!box || !matrix) return false;
    new MutationObserver((_, o) => { o.disconnect(); window.__answered = performance.now(); })
      .observe(matrix, { subtree: true, childList: true, characterData: true, attributes: true });
    window.__pasted = performance.now();
    box.value = text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  };
  new MutationObserver((_, o) => { if (start()) o.disconnect(); })
    .observe(document, { subtree: true, childList: true });
}

/** Waits until the page has settled: the table drawn, then a quiet second. */
async function settle(page) {
  await page.waitForFunction(() => {
    const t = document.querySelector(".app #indicator-table");
    return t && t.getAttribute("aria-busy") !== "true";
  }, null, { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(1000);
}

/** Times the static page or the app from navigation start; with `text`, the paste answered. */
async function load(context, variant, text) {
  const page = await context.newPage();
  await page.addInitScript(observe);
  if (text) await page.addInitScript(pasteWhenReady, text);
  await page.goto(variant.url);
  let result;
  if (text) {
    await page.waitForFunction(() => window.__answered !== undefined, null, { timeout: 30000 });
    result = await page.evaluate(() => ({ answer: window.__answered, handling: window.__answered - window.__pasted }));
  } else {
    if (variant.app) await settle(page);
    else await page.waitForTimeout(300);
    result = await page.evaluate(() => {
      const fcp = window.__paints["first-contentful-paint"];
      // The first paint had the heading if the heading was in the page by then.
      const text = window.__paints.heading <= fcp + 50 ? fcp : window.__paints.heading;
      const after = window.__longTasks.filter(([start]) => start >= fcp);
      return { fcp, text, longest: Math.max(0, ...after.map(([, d]) => d)), long: after.length,
        tasks: after.map(([start, d]) => `${Math.round(start)}+${Math.round(d)}`).join(" ") };
    });
  }
  await page.close();
  return result;
}

const browser = await launch();
try {
  // The catalog's ids, for the paste of every indicator.
  const { page: first } = await open(browser.context);
  const ids = await first.locator("#indicator-table tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.id));
  await first.close();
  // Every catalog indicator, ten years each, in the long layout (id, year, value).
  const full = (shift) => "id\tyear\tvalue\n" + ids.flatMap((id, k) =>
    Array.from({ length: 10 }, (_, j) => `${id}\t${2015 + j}\t${(40 + ((k * 7 + j * (3 + shift)) % 50) / 2).toFixed(1)}`)).join("\n");

  const runs = new Map(variants.map((v) => [v.name, { fcp: [], text: [], longest: [], long: [], tasks: [], answer: [], handling: [] }]));
  for (let i = 0; i < LOADS; i++) {
    for (const v of variants) {
      const r = runs.get(v.name);
      const seen = await load(browser.context, v);
      for (const k of ["fcp", "text", "longest", "long", "tasks"]) r[k].push(seen[k]);
      if (v.app) {
        const answered = await load(browser.context, v, full(i % 3));
        r.answer.push(answered.answer);
        r.handling.push(answered.handling);
      }
    }
  }
  const base = median(runs.get("static page").text);
  const ratio = (x) => `${(x / base).toFixed(2)}x static`;
  console.log(`${LOADS} loads of each, interleaved; paste = ${ids.length} indicators x 10 years`);
  for (const v of variants) {
    const r = runs.get(v.name);
    console.log(`\n${v.name}:`);
    summary("  first visible text (the heading's first paint)", r.text);
    console.log(`    = ${ratio(median(r.text))} (goal <= 2x)`);
    summary("  first-contentful-paint", r.fcp);
    if (!v.app) continue;
    summary("  answering a paste (navigation start -> dashboard updated)", r.answer);
    console.log(`    = ${ratio(median(r.answer))} (goal <= 3x)`);
    summary("  the paste alone (input -> dashboard updated)", r.handling);
    const worst = Math.max(...r.longest);
    console.log(`  longest main-thread task after first paint: ${worst === 0 ? "none over 50 ms" : ms(worst)} in every load ` +
      `(median ${ms(median(r.longest))}; tasks over 50 ms per load: median ${median(r.long)}) (goal: none over 50 ms)`);
    if (process.env.TASKS) console.log(`  long tasks after first paint, start+duration ms, per load: ${r.tasks.join(" | ")}`);
  }

  const { page } = await open(browser.context);
  await page.evaluate(() => localStorage.clear());
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
    console.log();
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
  rmSync(scratch, { recursive: true, force: true });
}
