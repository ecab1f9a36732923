// Browser timing script (a benchmark, never a test assertion): opens the built
// page over file:// in headless Chromium and reports medians.
//   cargo xtask bench-page
// - first render: navigation start -> the app's "gapcast-first-render" mark.
import { launch, open } from "./lib/browser.mjs";

const LOADS = Number(process.env.LOADS ?? 9);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const browser = await launch();
try {
  const firstRender = [];
  for (let i = 0; i < LOADS; i++) {
    const { page } = await open(browser.context);
    firstRender.push(await page.evaluate(() => performance.getEntriesByName("gapcast-first-render")[0].startTime));
    await page.close();
  }
  console.log(`first render (navigation start -> first render), median of ${LOADS} loads: ${median(firstRender).toFixed(1)} ms (min ${Math.min(...firstRender).toFixed(1)}, max ${Math.max(...firstRender).toFixed(1)})`);
} finally {
  await browser.close();
}
