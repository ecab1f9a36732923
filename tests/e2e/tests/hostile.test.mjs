// Hostile input (issue 13), page side of the core's limits: a share link that
// inflates past 2 MB, one whose settings name a year no assessment can use,
// and a paste repeating one indicator-year thousands of times. Each is
// refused or bounded with a located message, and nothing else changes.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { emptyStorageOnce, launch, open, paste } from "../lib/browser.mjs";

let browser;
beforeEach(async () => { browser = await launch(); });
afterEach(async () => { await browser.close(); });

const fresh = (options = {}) => open(browser.context, { ...options, init: emptyStorageOnce });
const fragment = (text) => "#s=" + gzipSync(Buffer.from(text)).toString("base64url");

test("a share link inflating to 100 MB is refused while inflating, with the limit named", async () => {
  // 100 MB of spaces gzips to about 100 KB: a small link, a huge session.
  const bomb = "#s=" + gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x20), { level: 9 }).toString("base64url");
  assert.ok(bomb.length < 200 * 1024, `${bomb.length} characters`);
  const { page, record } = await fresh({ hash: bomb });
  await page.waitForSelector("#reach-notice.sev-red", { timeout: 15000 });
  assert.match(await page.textContent("#reach-notice"), /2 MB/);
  assert.deepEqual(record.errors, []);
});

test("a share link with settings.base_year −2,000,000,000 is refused with the field named", async () => {
  const session = JSON.stringify({ format_version: 1, settings: { current_year: 2026, base_year: -2000000000 } });
  const { page, record } = await fresh({ hash: fragment(session) });
  await page.waitForSelector("#reach-notice.sev-red", { timeout: 15000 });
  assert.match(await page.textContent("#reach-notice"), /settings\.base_year/);
  assert.deepEqual(record.errors, []);
});

test("8,000 rows repeating one indicator-year give one conflict message, capped", async () => {
  const { page, record } = await fresh();
  const rows = Array.from({ length: 8000 }, (_, i) => `婴儿死亡率\t2021\t${3 + Math.floor(i / 1000)}.${String(i % 1000).padStart(3, "0")}`);
  await paste(page, "body", rows.join("\n"));
  await page.waitForFunction(() => document.body.textContent.includes("…另有 7990 个不同数值"), null, { timeout: 30000 });
  assert.deepEqual(record.errors, []);
});
