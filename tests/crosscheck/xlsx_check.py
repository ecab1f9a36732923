#!/usr/bin/env python3
"""Reads the XLSX workbook `gapcast assess --format xlsx` writes with openpyxl,
an independent reader, and checks what Excel and WPS users rely on.

Invocation (from the repository root; `cargo xtask test` does this):

    pip install -r tests/crosscheck/requirements.txt
    cargo build -p gapcast-core --bin gapcast
    python3 tests/crosscheck/xlsx_check.py --gapcast target/debug/gapcast
    # or open a workbook the page downloaded:
    python3 tests/crosscheck/xlsx_check.py --file gapcast-results-2026.xlsx --lang en

For the built-in plans with the demo figures, in Chinese and English, plus the
women's plan with one indicator renamed `=HYPERLINK(...)`: a sheet per plan and
a notes sheet; the header row frozen and filterable; a number cell numeric with
its number format (a negative gap too); the status as text with the page's fill
colour; the Chinese text intact; the hostile name a string with Excel's quote
prefix, never a formula. Prints `crosscheck: xlsx N passed, M failed` (the line
`cargo xtask test` counts) and exits 1 on any failure.
"""

import argparse
import os
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "static", "demo", "national-figures.tsv")
WOMEN = os.path.join(ROOT, "seeds", "huadu-women-2021-2030.toml")
HOSTILE = '=HYPERLINK("http://x","y")'
# The page's colours (static/style.css --red-wash, --amber-wash, --green-wash).
FILLS = {"FDECEA", "FFF4DE", "E6F4EC"}


def check_workbook(path, lang, hostile=False):
    """The problems found in the workbook at `path` (an empty list when sound)."""
    problems = []

    def expect(ok, what):
        if not ok:
            problems.append(what)

    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    plans = ["妇女发展规划", "儿童发展规划", "说明"] if lang == "zh" else ["Women's plan", "Children's plan", "Notes"]
    expect(names == plans, f"sheets {names}, expected {plans}")
    if len(names) != 3:
        return problems
    sheet = book[names[0]]
    expect(sheet.freeze_panes == "A2", f"frozen pane {sheet.freeze_panes}, expected A2")
    expect(sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:S"), "header filter over the 19 columns")
    header = [c.value for c in sheet[1]]
    first = ["领域", "指标", "编号", "单位", "目标", "最新值"] if lang == "zh" else ["Domain", "Indicator", "ID", "Unit", "Target", "Latest value"]
    expect(header[:6] == first, f"header {header[:6]}")
    expect(sheet.column_dimensions["B"].width and sheet.column_dimensions["B"].width > 10, "the indicator column is widened")
    rows = {row[2].value: row for row in sheet.iter_rows(min_row=2)}
    mmr = rows.get("W-HEALTH-02")
    expect(mmr is not None, "W-HEALTH-02 is listed")
    if mmr is not None:
        latest, year, gap = mmr[5], mmr[6], mmr[7]
        expect(latest.data_type == "n" and isinstance(latest.value, float), f"latest value {latest.value!r} is a number")
        expect(latest.number_format == "0.0", f"latest value format {latest.number_format}")
        expect(year.data_type == "n" and year.value == int(year.value) and year.number_format == "0", "latest year is a whole number")
        expect(gap.data_type == "n" and gap.number_format == "0.0", f"gap {gap.value!r} is a number")
        status = mmr[16]
        expect(status.data_type == "s" and status.value, "the status is text")
        expect(status.fill.fgColor.rgb[-6:].upper() in FILLS, f"status fill {status.fill.fgColor.rgb}")
        verdict = mmr[18].value or ""
        expect(verdict.startswith("≤ 7.5/10万（2030）：" if lang == "zh" else "≤ 7.5 per 100,000 live births (2030): "), f"the verdict sentence {verdict!r}")
        name = mmr[1].value
        expect(name == ("孕产妇死亡率" if lang == "zh" else "Maternal mortality ratio"), f"name {name!r}")
    negative = [r[7] for r in rows.values() if isinstance(r[7].value, float) and r[7].value < 0]
    expect(len(negative) > 0, "some gap is negative and still a number")
    percent = next((r for r in rows.values() if r[3].value == "%" and isinstance(r[5].value, float)), None)
    expect(percent is not None and percent[5].value > 1, "a percentage is written as the plans write it (93.5, not 0.935)")
    children = book[names[1]]
    ids = [row[2].value for row in children.iter_rows(min_row=2)]
    expect(len(ids) > 0 and all(i.startswith("C-") for i in ids), "the children's sheet holds the children's plan")
    notes = [tuple(r) for r in book[names[2]].iter_rows(values_only=True)]
    text = " ".join(str(v) for r in notes for v in r)
    expect("METHODS.md" in text and "80%" in text, "the notes name the method and the interval level")
    if hostile:
        cell = next((r[1] for r in rows.values() if r[1].value and "HYPERLINK" in str(r[1].value)), None)
        expect(cell is not None, "the hostile name is listed")
        if cell is not None:
            expect(cell.data_type == "s", f"the hostile name is a string, not a formula ({cell.data_type})")
            expect(cell.value == HOSTILE, f"the hostile name reads as given: {cell.value!r}")
            expect(cell.quotePrefix, "the hostile name carries the quote prefix")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                expect(c.data_type != "f", f"{sheet.title}!{c.coordinate} is a formula")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gapcast", default=os.environ.get("GAPCAST_BIN"))
    parser.add_argument("--file", help="check this workbook instead of making them")
    parser.add_argument("--lang", default="zh")
    args = parser.parse_args()
    if args.file:
        problems = check_workbook(args.file, args.lang)
        print("\n".join(f"FAIL {p}" for p in problems))
        return 1 if problems else 0
    if not args.gapcast:
        print("crosscheck: pass --gapcast PATH or set GAPCAST_BIN", file=sys.stderr)
        return 2
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        women = os.path.join(tmp, "women.toml")
        with open(WOMEN, encoding="utf-8") as f:
            text = f.read()
        first = text.index('name_zh = "')
        end = text.index("\n", first)
        renamed = text[:first] + 'name_zh = "' + HOSTILE.replace('"', '\\"') + '"' + text[end:]
        with open(women, "w", encoding="utf-8") as f:
            f.write(renamed)
        children = os.path.join(ROOT, "seeds", "huadu-children-2021-2030.toml")
        cases = [
            ("zh", [], False),
            ("en", [], False),
            ("zh", ["--catalog", women, "--catalog", children], True),
        ]
        for lang, extra, hostile in cases:
            out = os.path.join(tmp, f"{lang}-{hostile}.xlsx")
            command = [args.gapcast, "assess", DEMO, "--current-year", "2025", "--format", "xlsx", "--lang", lang, "-o", out, *extra]
            done = subprocess.run(command, capture_output=True, text=True)
            problems = [] if done.returncode == 0 else [f"{' '.join(command)} exited {done.returncode}: {done.stderr}"]
            if not problems:
                problems = check_workbook(out, lang, hostile)
            if problems:
                failed += 1
                print(f"FAIL xlsx {lang}{' hostile' if hostile else ''}:\n     " + "\n     ".join(problems))
            else:
                passed += 1
    print(f"crosscheck: xlsx {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
