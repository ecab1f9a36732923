// Shared set-up for the end-to-end tests: Debian's chromium, headless, driven by
// playwright-core (never a downloaded browser), opening the built single file
// over file:// the way staff do. Every page records console errors, page errors
// and any request other than the page itself, so tests can assert "no error, no
// request".
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const PAGE = resolve(process.env.GAPCAST_PAGE ?? "../../dist/gapcast.html");
export const PAGE_URL = pathToFileURL(PAGE).href;
/** The test page: the same app with the crash banner's trigger
 *  (`cargo xtask dist --test-hooks`, never shipped). */
export const TEST_PAGE_URL = pathToFileURL(resolve(process.env.GAPCAST_TEST_PAGE ?? "../../target/test-page/gapcast.html")).href;

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches a fresh browser with its own profile directory (a persistent
 *  context, so localStorage survives reloads within one test). */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "gapcast-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** An init script: empties the page's storage before the app first reads it,
 *  but not on a reload within the same test (the navigation's own type says
 *  which; a flag in sessionStorage, tried first, is itself sometimes lost on a
 *  quick reload of a file:// page). */
export function emptyStorageOnce() {
  if (performance.getEntriesByType("navigation")[0]?.type !== "reload") localStorage.clear();
}

/** Opens the page again, in a second tab, once its saved session satisfies
 *  `saved` (a function of the session JSON, run in the page), then closes the
 *  first tab: the way staff come back to their work. The new tab records into
 *  `record`. Why not `page.reload()`: in a fresh profile Chromium sometimes
 *  shows a reloaded file:// page an empty localStorage, even 1.5 s after the
 *  writes (seen in 1 of about 40 reloads; with 300 ms, 3 of 8), before any
 *  script of the new page runs; a second tab opened while the first is still
 *  open reads the same storage. Resolves with the new tab once the app has
 *  rendered. */
export async function reopenWhenSaved(page, record, saved) {
  await page.waitForFunction(`(${saved})(localStorage.getItem("gapcast.session") ?? "")`);
  const again = await page.context().newPage();
  again.on("console", (m) => { if (m.type() === "error") record.errors.push(m.text()); });
  again.on("pageerror", (e) => record.errors.push(String(e)));
  again.on("request", (r) => { if (!r.url().startsWith(PAGE_URL)) record.requests.push(r.url()); });
  await again.goto(page.url());
  await again.waitForSelector(".app");
  await tableDrawn(again);
  await page.close();
  return again;
}

/** Opens the page (optionally with a fragment; `url` another build of it, the
 *  test page) and starts recording. `init` is one init script or a list of
 *  them. Resolves once the app has rendered (or the boot message shows, for
 *  failure tests). */
export async function open(context, { hash = "", init, waitFor = ".app", url = PAGE_URL } = {}) {
  const page = await context.newPage();
  const record = { errors: [], requests: [] };
  page.on("console", (m) => { if (m.type() === "error") record.errors.push(m.text()); });
  page.on("pageerror", (e) => record.errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith(url)) record.requests.push(r.url()); });
  for (const script of [init].flat()) if (script) await page.addInitScript(script);
  await page.goto(url + hash);
  if (waitFor) await page.waitForSelector(waitFor, { timeout: 15000 });
  if (waitFor === ".app") await tableDrawn(page);
  return { page, record };
}

/** Waits until the indicator table, if the page shows one, has drawn every row:
 *  it draws them in blocks after the first paint, busy until the last. */
export async function tableDrawn(page) {
  await page.waitForFunction(() => {
    const table = document.querySelector("#indicator-table");
    return !table || table.getAttribute("aria-busy") === "false";
  }, null, { timeout: 15000 });
}

/** Pastes `text` onto the element matching `selector` the way a user's paste
 *  arrives: a cancelable paste event carrying the text on its clipboard. */
export async function paste(page, selector, text) {
  await page.evaluate(({ selector, text }) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.querySelector(selector).dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, { selector, text });
}
