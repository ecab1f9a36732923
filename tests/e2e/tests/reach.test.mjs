// Taking the work beyond the page, as staff do it: save a session file and open
// it again (picked or dropped), a damaged file refused with its place, the
// results as CSV and on the clipboard, the printed report, a share link, and
// the embedded view in a host page. Every test asserts no console error and no
// request.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { emptyStorageOnce, launch, open, paste, PAGE, PAGE_URL } from "../lib/browser.mjs";

let browser;
// A browser with its own profile per test: a page of an earlier test can
// never write into this test's storage, even late.
beforeEach(async () => { browser = await launch(); });
afterEach(async () => { await browser.close(); });

/** A fresh page whose storage is emptied before the app first reads it. */
async function fresh(options = {}) {
  return open(browser.context, {
    ...options,
    init: [emptyStorageOnce, () => {
      // Records what the page puts on the clipboard.
      window.__copied = [];
      if (navigator.clipboard) navigator.clipboard.writeText = (t) => { window.__copied.push(t); return Promise.resolve(); };
      // Records print requests instead of opening the print dialog.
      window.__printed = 0;
      window.print = () => { window.__printed++; };
    }],
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

/** Splits CSV text into rows of cells (RFC 4180 quoting). */
function parseCsv(text) {
  const rows = [[]];
  let cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { rows.at(-1).push(cell); cell = ""; }
    else if (c === "\r" && text[i + 1] === "\n") { rows.at(-1).push(cell); cell = ""; rows.push([]); i++; }
    else cell += c;
  }
  rows.pop();
  return rows;
}

test("the results export as CSV with a BOM and copy as TSV, in the page's language", async () => {
  const { page, record } = await fresh();
  await page.click("#demo-button");
  const total = await page.locator("#indicator-table tbody tr").count();
  const csv = await download(page, () => page.click("#export-csv"));
  assert.match(csv.name, /^gapcast-results-\d{4}\.csv$/);
  assert.ok(csv.text.startsWith("\ufeff领域,指标,编号,单位,目标,最新值,最新年份,差距（正数为尚差）,2025年预测值,2025年80%区间下限"), csv.text.slice(0, 80));
  const rows = parseCsv(csv.text.slice(1));
  assert.equal(rows.length, total + 1, "a header and one row per indicator");
  assert.ok(rows.every((r) => r.length === 19), "every row has every column");
  const mmr = rows.find((r) => r[2] === "W-HEALTH-02");
  assert.deepEqual(mmr.slice(0, 7), ["妇女与健康", "孕产妇死亡率", "W-HEALTH-02", "/10万", "≤ 7.5/10万（2030）", "14.3", mmr[6]]);
  const shownStatus = (await page.locator('#indicator-table tr[data-id="W-HEALTH-02"] .status').textContent()).replace(/^[✖▲✔ℹ○]\s*/, "");
  assert.equal(mmr[16], shownStatus.trim(), "the status reads as on the page");
  const shownVerdict = await page.locator('#indicator-table tr[data-id="W-HEALTH-02"] .status .badge').getAttribute("title");
  assert.equal(mmr[18], shownVerdict, "the verdict sentence reads as the status tooltip");
  assert.match(mmr[18], /^≤ 7\.5\/10万（2030）：2024年 14\.3\/10万，还差 6\.8\/10万；/);

  await page.click("#copy-table");
  assert.match(await page.textContent("#reach-notice"), new RegExp(`已复制 ${total + 1} 行`));
  const tsv = (await page.evaluate(() => window.__copied))[0].replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
  assert.deepEqual(tsv, rows, "the clipboard holds the same table");

  await page.getByRole("button", { name: "English" }).click();
  const en = await download(page, () => page.click("#export-csv"));
  assert.ok(en.text.startsWith("\ufeffDomain,Indicator,ID,Unit,Target,Latest value"), en.text.slice(0, 60));
  assert.match(en.text, /Maternal mortality ratio,W-HEALTH-02/);
  clean(record);
});

test("the results export as an Excel workbook that openpyxl reads: sheets, frozen header, numbers, colours", async () => {
  const { page, record } = await fresh();
  await page.click("#demo-button");
  const [d] = await Promise.all([page.waitForEvent("download"), page.click("#export-xlsx")]);
  assert.match(d.suggestedFilename(), /^gapcast-results-\d{4}\.xlsx$/);
  const path = await d.path();
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 4).toString("latin1"), "PK\x03\x04", "a zip");
  assert.ok(bytes.includes("xl/workbook.xml") && bytes.includes("xl/worksheets/sheet3.xml"), "a workbook of three sheets");
  // The independent reader, with the same checks as the CLI's workbook.
  const checker = join(process.cwd(), "..", "crosscheck", "xlsx_check.py");
  const file = join(mkdtempSync(join(tmpdir(), "gapcast-xlsx-")), "results.xlsx");
  copyFileSync(path, file);
  execFileSync("python3", [checker, "--file", file, "--lang", "zh"], { stdio: "inherit" });
  clean(record);
});

/** A women's plan of one indicator whose names read as spreadsheet formulas. */
const HOSTILE_CATALOG = `plan = "women"

[[indicator]]
id = "W-X-01"
domain = "妇女与健康"
name_zh = "=HYPERLINK(\\"http://x\\",\\"点击\\")"
name_en = "@SUM(1)"
unit = "percent"
comparator = "ge"
value = 80
source = "test"
`;

test("names that read as formulas reach the CSV and the copied table as text", async () => {
  const { page, record } = await fresh();
  await page.click("#open-catalogs");
  await page.setInputFiles("#catalog-file", { name: "hostile.toml", mimeType: "application/toml", buffer: Buffer.from(HOSTILE_CATALOG) });
  await page.waitForFunction(() => document.querySelector(".catalog-files")?.textContent.includes("hostile.toml"));
  await page.click("text=替代内置规划");
  await page.keyboard.press("Escape");
  await page.waitForSelector("#catalog-dialog", { state: "detached" });
  await paste(page, "body", "指标\t2021年\t2022年\t2023年\nW-X-01\t60\t55\t50\n");
  await page.waitForFunction(() => document.querySelector("#indicator-table tbody").textContent.includes("50.0%"));
  assert.match(await page.textContent("#indicator-table tbody"), /=HYPERLINK/, "the page shows the name as given");

  const csv = await download(page, () => page.click("#export-csv"));
  const rows = parseCsv(csv.text.slice(1));
  const row = rows.find((r) => r[2] === "W-X-01");
  assert.equal(row[1], "'=HYPERLINK(\"http://x\",\"点击\")");
  assert.ok(rows.flat().every(inert), "no CSV cell starts a formula");
  assert.ok(row.some((c) => /^-\d/.test(c)), "a negative number stays a number");

  await page.click("#copy-table");
  const tsv = (await page.evaluate(() => window.__copied))[0].replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
  assert.deepEqual(tsv, rows, "the clipboard holds the same neutralised table");

  await page.getByRole("button", { name: "English" }).click();
  const en = parseCsv((await download(page, () => page.click("#export-csv"))).text.slice(1));
  assert.equal(en.find((r) => r[2] === "W-X-01")[1], "'@SUM(1)");
  clean(record);
});

/** Whether a spreadsheet cell is inert: not starting a formula, or a number. */
function inert(cell) {
  return !/^[=+\-@\t\r]/.test(cell) || Number.isFinite(Number(cell));
}

test("the printable report: cover, summary, red and amber indicators with charts, full table, A4 pages", async () => {
  const { page, record } = await fresh();
  await page.click("#demo-button");
  const count = async (s) => Number(await page.textContent(`.count-card[data-severity="${s}"] .count-number`));
  const flaggedOnDashboard = (await count("red")) + (await count("amber"));
  const total = await page.locator("#indicator-table tbody tr").count();
  await page.click("#open-report");
  await page.waitForSelector("#report");
  assert.equal(await page.isVisible("#paste-box"), false, "only the report shows");

  await page.selectOption("#report-kind", "annual");
  const years = await page.textContent("#report-years");
  assert.match(years, /^\d{4}–\d{4}$/);
  assert.equal(await page.textContent("#report-title"), `${years.slice(-4)}年度监测报告`);
  await page.selectOption("#report-kind", "mid_term");
  assert.equal(await page.textContent("#report-title"), "中期评估报告（2025年）");
  assert.match(await page.textContent("#report-date"), /^\d{4}年\d{1,2}月\d{1,2}日$/);

  // The summary's total row agrees with the dashboard.
  const totalRow = await page.locator("#report-summary .total-row td").allTextContents();
  let headline = 0;
  for (const s of ["red", "amber", "green", "none"]) headline += await count(s);
  assert.equal(Number(totalRow[0]), headline, "an indicator both plans share counts once, as in the headline");
  assert.equal(Number(totalRow[2]) + Number(totalRow[3]), flaggedOnDashboard);

  // Every red and amber indicator, each with its chart and its sentence.
  const items = page.locator("#report-flagged .flag-item");
  assert.equal(await items.count(), flaggedOnDashboard);
  for (let i = 0; i < flaggedOnDashboard; i++) {
    const item = items.nth(i);
    assert.equal(await item.locator("svg.chart").count(), 1);
    assert.ok(await item.locator("svg.chart .observed").count() >= 1, "the chart has its points");
    assert.match(await item.locator("p.reading").textContent(), /2030年预计|已实现|数据/);
    // The verdict sentence, as the table's tooltip says it.
    const id = await item.getAttribute("data-id");
    const tooltip = await page.evaluate((id) => document.querySelector(`#indicator-table tr[data-id="${id}"] .status .badge`)?.getAttribute("title"), id);
    if (tooltip) assert.equal((await item.locator("p.verdict strong").textContent()).trim(), tooltip);
  }
  assert.ok(await page.isVisible("#report-flagged .flag-item.sev-red >> nth=0"));
  assert.equal(await page.locator("#report-table tbody tr:not(.group)").count(), total);

  await page.click("#print-report");
  assert.equal(await page.evaluate(() => window.__printed), 1);

  // On paper: no tools, the report alone, on A4 pages.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible(".report-tools"), false);
  assert.ok(await page.isVisible("#report-table"));
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 4, `cover, summary, indicators and table take at least 4 pages, got ${pages}`);
  await page.emulateMedia({ media: "screen" });

  await page.click("#close-report");
  assert.ok(await page.isVisible("#paste-box"));
  assert.equal(await page.getAttribute("html", "data-report"), null);
  clean(record);
});

/** A share-link fragment for `text` (gzipped, base64url), as another page made it. */
const fragment = (text) => "#s=" + gzipSync(Buffer.from(text)).toString("base64url");

test("a share link carries the figures and settings to a fresh page, and says the data is in it", async () => {
  const { page, record } = await fresh();
  await page.click("#demo-button");
  const demo = await page.inputValue("#paste-box");
  await page.click("#make-link");
  const link = await page.inputValue("#share-link");
  assert.ok(link.startsWith(PAGE_URL + "#s="), link.slice(0, 80));
  const note = await page.textContent("#reach-notice");
  assert.match(note, /链接已生成并复制到剪贴板。链接本身包含您的数据.*从不把 # 之后的内容发送给任何服务器/);
  assert.doesNotMatch(note, /链接较长/, "the demo's link is short");
  assert.deepEqual(await page.evaluate(() => window.__copied), [link], "the link is on the clipboard");

  // The colleague: another browser profile, nothing saved in it.
  const colleague = await launch();
  try {
    const other = await open(colleague.context, { hash: link.slice(PAGE_URL.length) });
    await other.page.waitForSelector("#reach-notice.sev-green");
    assert.match(await other.page.textContent("#reach-notice"), /已打开链接中的数据/);
    assert.equal(await other.page.inputValue("#paste-box"), demo);
    assert.ok(!other.page.url().includes("#"), "the fragment is cleared, so a reload does not open it again");
    clean(other.record);
  } finally {
    await colleague.close();
  }
  clean(record);
});

test("a share link opened over the user's own figures asks first", async () => {
  const { page, record } = await fresh();
  await page.fill("#paste-box", MMR);
  const link = fragment(SESSION("指标\t2022年\n婴儿死亡率\t4.9\n"));
  let asked = page.waitForEvent("dialog");
  await page.evaluate((h) => { location.hash = h; }, link);
  await (await asked).dismiss();
  assert.equal(await page.inputValue("#paste-box"), MMR);
  asked = page.waitForEvent("dialog");
  await page.evaluate((h) => { location.hash = h; }, link);
  await (await asked).accept();
  await page.waitForFunction(() => document.querySelector("#paste-box").value.includes("婴儿死亡率"));
  clean(record);
});

test("a damaged share link gives a clear message, never a dead page", async () => {
  const valid = gzipSync(Buffer.from(SESSION(MMR)));
  const cases = [
    ["#s=abc*def", /第 4 个字符处损坏/],
    ["#s=" + randomBytes(60).toString("base64url"), /无法解压/],
    ["#s=" + valid.subarray(0, valid.length - 12).toString("base64url"), /无法解压/],
    [fragment("not json"), /第 1 行第 \d+ 列不是有效的 JSON/],
    [fragment(JSON.stringify({ format_version: 1, raw: 5 })), /字段 `raw` 有误/],
    ["#s=", /#s= 之后没有数据/],
  ];
  for (const [hash, message] of cases) {
    const { page, record } = await fresh({ hash });
    await page.waitForSelector("#reach-notice.sev-red");
    const text = await page.textContent("#reach-notice");
    assert.match(text, /^无法打开链接：/);
    assert.match(text, message, hash);
    assert.equal(await page.locator("#gapcast-crash").count(), 0);
    await page.fill("#paste-box", MMR);
    await page.waitForSelector('#indicator-table tr[data-id="W-HEALTH-02"] .badge');
    clean(record);
    await page.close();
  }
  const { page, record } = await fresh({ hash: "#s=abc*def" });
  await page.getByRole("button", { name: "English" }).click();
  assert.match(await page.textContent("#reach-notice"), /Cannot open the link: the link is damaged at character 4/);
  clean(record);
});

test("a long share link is flagged with its size", async () => {
  const { page, record } = await fresh();
  // Incompressible text: the link grows with it.
  const noise = randomBytes(9000).toString("hex");
  await page.fill("#paste-box", "指标\t2021年\n" + noise);
  await page.click("#make-link");
  await page.waitForSelector("#share-link");
  assert.match(await page.textContent("#reach-notice.sev-amber"), /链接较长（\d+\.\d KB）/);
  clean(record);
});

test("the example host page embeds the compact view, sends figures, sizes the frame and lists the statuses", async () => {
  // The example as it ships: examples/embed.html beside dist/gapcast.html.
  const root = mkdtempSync(join(tmpdir(), "gapcast-embed-"));
  mkdirSync(join(root, "examples"));
  mkdirSync(join(root, "dist"));
  copyFileSync(new URL("../../../examples/embed.html", import.meta.url), join(root, "examples/embed.html"));
  copyFileSync(PAGE, join(root, "dist/gapcast.html"));
  const page = await browser.context.newPage();
  const errors = [], requests = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith("file://")) requests.push(r.url()); });
  await page.goto(pathToFileURL(join(root, "examples/embed.html")).href);

  await page.waitForSelector("#statuses li[data-id]");
  const back = await page.$$eval("#statuses li", (lis) => lis.map((li) => [li.dataset.id, li.className, li.textContent]));
  assert.deepEqual(back.map((b) => b[0]), ["C-HEALTH-02", "C-HEALTH-03", "C-HEALTH-04"]);
  assert.match(back[1][2], /婴儿死亡率（C-HEALTH-03）：\w+，最新 4（2024）/);

  const frame = page.frameLocator("#gapcast");
  assert.equal(await frame.locator("#paste-box").count(), 0, "no paste box in the embedded view");
  assert.equal(await frame.locator("#embed-table tbody tr").count(), 3);
  for (const [id, severity] of back) {
    const row = frame.locator(`#embed-table tr[data-id="${id}"]`);
    assert.match(await row.getAttribute("class"), new RegExp(`sev-${severity}`), `${id}: the host got the status the frame shows`);
  }
  assert.match(await frame.locator("#embed-title").textContent(), /儿童与健康/);
  // The host sized the frame to the page's own height: no inner scroll bar.
  await page.waitForFunction(() => {
    const f = document.getElementById("gapcast");
    const inner = f.contentDocument;
    return inner === null ? parseInt(f.style.height) > 150 : Math.abs(f.clientHeight - inner.getElementById("app").offsetHeight) <= 2;
  });
  const height = parseInt(await page.$eval("#gapcast", (f) => f.style.height));
  assert.ok(height > 150 && height < 900, `frame height ${height}`);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, []);
  await page.close();
  rmSync(root, { recursive: true, force: true });
});

test("the embed parameters filter the view; figures come only from the parent window; nothing is saved", async () => {
  const hash = "#embed&plan=children&domain=%E5%84%BF%E7%AB%A5%E4%B8%8E%E5%81%A5%E5%BA%B7&ids=C-HEALTH-03,C-HEALTH-04&lang=en&colour=red";
  const { page, record } = await fresh({ hash, waitFor: ".app.embed" });
  assert.equal(await page.locator("#paste-box").count(), 0);
  assert.equal(await page.locator("#embed-table tbody tr").count(), 2);
  assert.match(await page.textContent("#embed-table thead"), /Indicator.*Target.*Latest/);
  assert.match(await page.textContent("#embed-unknown"), /Embed parameters not understood: colour=red/);
  assert.match(await page.textContent("#embed-summary"), /Not judged 2/);

  // Top level, the page is its own parent: figures it posts to itself count,
  // as a host's would; an answer comes back with the shown indicators only.
  const answer = await page.evaluate((text) => new Promise((resolve) => {
    window.addEventListener("message", (e) => { if (e.data.type === "gapcast:assessment") resolve(e.data); });
    window.postMessage({ type: "gapcast:figures", text }, "*");
  }), "指标\t2021年\t2022年\t2023年\n婴儿死亡率\t5.0\t4.9\t4.5\n孕产妇死亡率\t16.1\t15.7\t15.1\n");
  assert.deepEqual(answer.assessments.map((a) => a.id), ["C-HEALTH-03", "C-HEALTH-04"]);
  const infant = answer.assessments[0];
  assert.equal(infant.latest_value, 4.5);
  assert.equal(infant.latest_year, 2023);
  assert.match(infant.status, /^[a-z_]+$/);
  assert.equal(await page.getAttribute('#embed-table tr[data-id="C-HEALTH-03"] .badge', "data-status"), infant.status);
  assert.equal(await page.evaluate(() => localStorage.length), 0, "the embedded view saves nothing");

  // A message from another window (here: a child frame) is ignored.
  await page.evaluate(() => new Promise((resolve) => {
    const child = document.createElement("iframe");
    child.srcdoc = "<script>parent.postMessage({type: 'gapcast:figures', text: '指标\\t2022年\\n5岁以下儿童死亡率\\t6.8'}, '*')<\/script>";
    child.onload = () => setTimeout(resolve, 100);
    document.body.appendChild(child);
  }));
  assert.equal(await page.textContent('#embed-table tr[data-id="C-HEALTH-04"] td.num'), "—");
  clean(record);
});

test("a host tracking another plan sends its catalog first, and hears what was loaded", async () => {
  const { page, record } = await fresh({ hash: "#embed&lang=zh", waitFor: ".app.embed" });
  const catalog = [
    'plan = "women"', 'title_zh = "某区妇女发展规划"', "",
    "[[indicator]]", 'id = "W-X-01"', 'domain = "妇女与健康"', 'name_zh = "某区宫颈癌筛查率"', 'name_en = "Screening"',
    'unit = "percent"', 'comparator = "ge"', "value = 80", 'source = "某区规划"', "",
    "[[indicator]]", 'id = "W-X-02"', 'domain = "妇女与健康"', 'name_zh = "某区产前筛查率"', 'name_en = "Prenatal"',
    'unit = "percnt"', 'comparator = "ge"', "value = 90", 'source = "某区规划"', "",
  ].join("\n");
  const send = (message) => page.evaluate((message) => new Promise((resolve) => {
    const reply = message.type === "gapcast:catalog" ? "gapcast:catalog-loaded" : "gapcast:assessment";
    const listen = (e) => { if (e.data.type === reply && e.source === window) { removeEventListener("message", listen); resolve(e.data); } };
    addEventListener("message", listen);
    window.postMessage(message, "*");
  }), message);
  const heard = await send({ type: "gapcast:catalog", name: "mine.toml", text: catalog });
  assert.equal(heard.indicators, 1);
  assert.equal(heard.issues.length, 1);
  assert.match(heard.issues[0], /^mine\.toml:19 \[W-X-02\] unit: 错误 error: 未知单位「percnt」/);
  // Sent again, unchanged: answered again.
  assert.equal((await send({ type: "gapcast:catalog", name: "mine.toml", text: catalog })).indicators, 1);
  const answer = await send({ type: "gapcast:figures", text: "指标\t2022年\t2023年\n某区宫颈癌筛查率\t70\t74\n" });
  assert.deepEqual(answer.assessments.map((a) => a.id), ["W-X-01"]);
  assert.equal(answer.assessments[0].latest_value, 74);
  assert.equal(await page.locator("#embed-table tbody tr").count(), 1);
  assert.equal(await page.evaluate(() => localStorage.length), 0, "the embedded view saves nothing");
  clean(record);
});
