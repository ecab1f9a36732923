#!/usr/bin/env python3
"""Independent cross-check of `gapcast assess` against METHODS.md version 2.

Invocation (from the repository root; `cargo xtask test` does this):

    pip install -r tests/crosscheck/requirements.txt
    cargo build -p gapcast-core --bin gapcast
    python3 tests/crosscheck/crosscheck.py --gapcast target/debug/gapcast
    # or: GAPCAST_BIN=target/debug/gapcast python3 tests/crosscheck/crosscheck.py

What it does: builds a catalog (TOML, the seeds format) and figures (long TSV:
indicator id, year, value) for the cases in `cases.py` (version 1's varied
series; each example of issue 11 with its verdict written down by hand; values
on bounds, flat series, exact lines, two points, target years passed; and
random series from a fixed seed), runs `gapcast assess FIGURES --catalog
CATALOG --format json` at level 0.8, at 0.95, and at 0.8 with the fit window
from 2018 and from 2021, and compares every field METHODS.md defines with
`reference.py`, an implementation of METHODS.md written from its text in plain
Python floats (closed-form least squares, no BLAS; scipy only for the t
distribution), so the expected values are the same on every x86-64 machine.

Numbers agree when |a - b| <= 1e-9 max(|a|, |b|), or within an absolute floor
of 1e-12 times the magnitude of the case's data (a difference of two nearly
equal values is no more precise than that). A null must be null on both sides.
Every threshold decision behind an expected verdict is checked for its margin
(`reference.Decisions`): a case whose verdict rests on a difference within
1e-9 of its threshold fails as fragile, so no case depends on the last bit.
Random series that come out fragile are replaced by the next from the seed.

Prints one line per failing case and run, the tally (one check per case and
run, `crosscheck: N passed, M failed`, the line `cargo xtask test` counts), and
exits 1 on any failure, 2 on a usage problem.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import ADVERSARIAL, ISSUE_11, RANDOM_CASES, VERSION_1, random_candidates  # noqa: E402
from reference import expected  # noqa: E402

REL = 1e-9
CURRENT_YEAR = 2026
RUNS = [(0.8, None), (0.95, None), (0.8, 2018), (0.8, 2021)]
MISSING = object()

# Fields in the indicator's unit, on the model scale, or without a unit: each gets
# the absolute floor of its kind.
UNIT_FIELDS = ("latest_value", "gap", "annual_change", "required_annual_change")
G_FIELDS = ("slope", "intercept", "residual_sd", "required_slope")
PURE_FIELDS = ("gap_relative", "required_annual_rate", "progress_ratio", "probability")
EXACT_FIELDS = ("level", "n_points", "first_year", "latest_year", "method", "scale", "status", "severity",
                "status_severity", "reason")
WARNING_KINDS = {"volatile", "at_risk", "clamped", "scale_fallback", "stale", "milestone_missed", "outlier",
                 "implausible"}


# ---------------------------------------------------------------------------
# Catalog and figures.
# ---------------------------------------------------------------------------


def toml_value(v):
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return repr(float(v)) if isinstance(v, float) else str(v)


def catalog_text(cases):
    lines = ['plan = "women"', 'title_zh = "交叉核对"', 'title_en = "Cross-check"', ""]
    for i, case in enumerate(cases):
        lines += ["[[indicator]]", f'id = "{case.id}"', 'domain = "妇女与健康"',
                  f'name_zh = "交叉核对指标{i:04d}"', f'name_en = "Cross-check indicator {i:04d}"',
                  f'unit = "{case.unit}"']
        for key in ("comparator", "direction", "value", "value2", "tolerance", "level", "year"):
            if key in case.target:
                lines.append(f"{key} = {toml_value(case.target[key])}")
        for key in ("bounds", "milestones", "scale"):
            if key in case.extra:
                lines.append(f"{key} = {toml_value(case.extra[key])}")
        lines += ['source = "交叉核对"', ""]
    return "\n".join(lines)


def figures_text(cases):
    rows = ["指标\t年份\t数值"]
    for case in cases:
        rows += [f"{case.id}\t{year}\t{value!r}" for year, value in case.points]
    return "\n".join(rows) + "\n"


# ---------------------------------------------------------------------------
# Comparison.
# ---------------------------------------------------------------------------


def close(a, b, floor):
    if a is MISSING or b is MISSING:
        return False
    if a is None or b is None or isinstance(a, (str, bool)) or isinstance(b, (str, bool)):
        return a == b
    a, b = float(a), float(b)
    return abs(a - b) <= max(REL * max(abs(a), abs(b)), floor)


def floors(case):
    ys = [abs(v) for _, v in case.points] or [0.0]
    unit = 1e-12 * (1 + max(ys))
    return {"unit": unit, "g": unit if case.unit not in ("percent",) else 1e-12 * 30, "pure": 1e-12}


def field_kind(name):
    last = name.split(".")[-1]
    if last in G_FIELDS or last in ("earlier_slope", "later_slope"):
        return "g"
    if last in PURE_FIELDS or last in ("share_done", "share_time", "rate", "threshold"):
        return "pure"
    return "unit"


def engine_field(got, key):
    """A field of the engine's JSON by the reference's name (`checkpoint.x`, `directional.x`)."""
    if key in ("effective_value", "tolerance"):
        return (got.get("target") or {}).get(key, MISSING)
    if key.startswith("checkpoint."):
        cp = got.get("checkpoint", MISSING)
        return cp if cp in (None, MISSING) else cp.get(key.split(".", 1)[1], MISSING)
    if key.startswith("directional."):
        d = got.get("directional")
        if not isinstance(d, dict):
            d = (got.get("explain") or {}).get("directional")
        return MISSING if not isinstance(d, dict) else d.get(key.split(".", 1)[1], MISSING)
    return got.get(key, MISSING)


def reference_field(want, key):
    if key.startswith("checkpoint."):
        cp = want.get("checkpoint")
        return None if cp is None else cp.get(key.split(".", 1)[1], MISSING)
    if key.startswith("directional."):
        return want.get("directional", {}).get(key.split(".", 1)[1], MISSING)
    return want.get(key, MISSING)


def warning_codes(got):
    codes = set()
    for w in got.get("warnings", []):
        kind = w.get("kind", w.get("code", "").split(":")[0])
        if kind not in WARNING_KINDS:
            continue
        code = w.get("code", kind)
        if kind in ("outlier", "implausible", "milestone_missed") and ":" not in code:
            codes.update(f"{kind}:{y}" for y in w.get("years", []))
        else:
            codes.add(code)
    return codes


def show(v):
    return "absent" if v is MISSING else repr(v)


def compare(case, got, want):
    """Every field the reference computed against the engine's; a list of problems."""
    problems = []
    fl = floors(case)

    def check(name, a, b):
        if not close(a, b, fl[field_kind(name)]):
            problems.append(f"{name}: gapcast {show(a)}, reference {show(b)}")

    partial = want.get("status") == "not_assessed"
    scalars = EXACT_FIELDS + UNIT_FIELDS + G_FIELDS + PURE_FIELDS + ("effective_value", "tolerance")
    if partial:  # not assessed for a unit slip: the verdict, not the numbers, is defined
        scalars = ("n_points", "first_year", "latest_year", "latest_value", "status", "reason", "severity")
    for key in scalars:
        if key in want:
            check(key, engine_field(got, key), want[key])
    got_codes = warning_codes(got)
    want_codes = want["warnings"]
    if partial:
        got_codes = {c for c in got_codes if c.startswith("implausible")}
        want_codes = {c for c in want_codes if c.startswith("implausible")}
    if got_codes != want_codes:
        problems.append(f"warnings: gapcast {sorted(got_codes)}, reference {sorted(want_codes)}")
    if partial:
        return problems

    proj = got.get("projection", [])
    if len(proj) != len(want["projection"]):
        problems.append(f"projection: {len(proj)} years, reference {len(want['projection'])}")
    else:
        for p, (year, value, lower, upper) in zip(proj, want["projection"]):
            check(f"projection[{year}].year", p.get("year"), year)
            check(f"projection[{year}].value", p.get("value"), value)
            check(f"projection[{year}].lower", p.get("lower"), lower)
            check(f"projection[{year}].upper", p.get("upper"), upper)
    if "checkpoint" in want:
        cw, cg = want["checkpoint"], got.get("checkpoint", MISSING)
        if cw is None or cg in (None, MISSING):
            if not (cw is None and cg is None):
                problems.append(f"checkpoint: gapcast {show(cg)}, reference {show(cw)}")
        else:
            for key, value in cw.items():
                check(f"checkpoint.{key}", cg.get(key, MISSING), value)
    if "milestones" in want:
        mgot = got.get("milestones", [])
        if len(mgot) != len(want["milestones"]):
            problems.append(f"milestones: gapcast {len(mgot)}, reference {len(want['milestones'])}")
        for mg, mw in zip(mgot, want["milestones"]):
            for key, value in mw.items():
                check(f"milestone[{mw['year']}].{key}", mg.get(key, MISSING), value)
    for key, value in want.get("directional", {}).items():
        check(f"directional.{key}", engine_field(got, f"directional.{key}"), value)
    return problems


def hand_check(case, want):
    """The verdict written by hand in cases.py against the reference: a slip in either shows."""
    problems = []
    for key, value in case.expect.items():
        if key == "warnings":
            if want["warnings"] != value:
                problems.append(f"hand verdict warnings {sorted(value)}, reference {sorted(want['warnings'])}")
        elif key == "warnings_include":
            if not value <= want["warnings"]:
                problems.append(f"hand verdict warnings include {sorted(value)}, reference {sorted(want['warnings'])}")
        elif key == "warnings_exclude":
            if value & want["warnings"]:
                problems.append(f"hand verdict warnings exclude {sorted(value)}, reference {sorted(want['warnings'])}")
        elif not close(reference_field(want, key), value, 1e-12):
            problems.append(f"hand verdict {key} = {value!r}, reference {show(reference_field(want, key))}")
    return problems


def engine_hand_check(case, got):
    """The hand-written verdict against the engine, named as such in the report."""
    problems = []
    codes = warning_codes(got)
    for key, value in case.expect.items():
        if key == "warnings":
            if codes != value:
                problems.append(f"hand verdict warnings {sorted(value)}, gapcast {sorted(codes)}")
        elif key == "warnings_include":
            if not value <= codes:
                problems.append(f"hand verdict warnings include {sorted(value)}, gapcast {sorted(codes)}")
        elif key == "warnings_exclude":
            if value & codes:
                problems.append(f"hand verdict warnings exclude {sorted(value)}, gapcast {sorted(codes)}")
        elif not close(engine_field(got, key), value, 1e-12):
            problems.append(f"hand verdict {key} = {value!r}, gapcast {show(engine_field(got, key))}")
    return problems


# ---------------------------------------------------------------------------
# Cases.
# ---------------------------------------------------------------------------


def all_cases():
    """The hand-written cases and RANDOM_CASES random ones none of whose verdicts is fragile."""
    cases = VERSION_1 + ISSUE_11 + ADVERSARIAL
    kept, rejected = [], 0
    for case in random_candidates():
        if len(kept) == RANDOM_CASES:
            break
        if any(expected(case, level, from_year, CURRENT_YEAR)[1] for level, from_year in RUNS):
            rejected += 1
            continue
        kept.append(case)
    return cases, kept, rejected


def run_gapcast(binary, figures_path, catalog_path, level, from_year, verbose=False):
    command = [binary, "assess", figures_path, "--catalog", catalog_path, "--format", "json",
               "--level", str(level), "--current-year", str(CURRENT_YEAR)]
    if from_year is not None:
        command += ["--from-year", str(from_year)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}\n{done.stderr}")
    if verbose and done.stderr.strip():  # the figures' notes (unit_suspect and the like)
        print(f"gapcast said on stderr:\n{done.stderr}", file=sys.stderr)
    return {a["id"]: a for a in json.loads(done.stdout)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gapcast", default=os.environ.get("GAPCAST_BIN"),
                        help="path to the gapcast binary (or set GAPCAST_BIN)")
    parser.add_argument("--keep", help="write the catalog and figures into this directory and keep them")
    parser.add_argument("--only", help="check only the case ids containing this text")
    parser.add_argument("--verbose", action="store_true", help="show what gapcast says on stderr")
    args = parser.parse_args()
    if not args.gapcast:
        for candidate in ("target/release/gapcast", "target/debug/gapcast"):
            if os.path.exists(candidate):
                args.gapcast = candidate
                break
    if not args.gapcast or not os.path.exists(args.gapcast):
        print("crosscheck: pass --gapcast PATH or set GAPCAST_BIN", file=sys.stderr)
        return 2

    hand, random_kept, rejected = all_cases()
    cases = hand + random_kept
    print(f"cross-check cases: {len(hand)} hand-written, {len(random_kept)} random ones "
          f"({rejected} random candidates left out as fragile), {len(RUNS)} runs each")
    workdir = args.keep or tempfile.mkdtemp(prefix="gapcast-crosscheck-")
    os.makedirs(workdir, exist_ok=True)
    # One catalog and figures file per group: a catalog feature the loader refuses
    # fails that group's cases, not the whole run.
    groups = {}
    for case in cases:
        groups.setdefault(case.group, []).append(case)
    files = {}
    for group, members in groups.items():
        catalog_path = os.path.join(workdir, f"crosscheck-{group}-catalog.toml")
        figures_path = os.path.join(workdir, f"crosscheck-{group}-figures.tsv")
        with open(catalog_path, "w", encoding="utf-8") as f:
            f.write(catalog_text(members))
        with open(figures_path, "w", encoding="utf-8") as f:
            f.write(figures_text(members))
        files[group] = (figures_path, catalog_path)

    passed = failed = 0
    for level, from_year in RUNS:
        by_id, refused = {}, {}
        for group, (figures_path, catalog_path) in files.items():
            try:
                by_id.update(run_gapcast(args.gapcast, figures_path, catalog_path, level, from_year, args.verbose))
            except RuntimeError as e:
                refused[group] = str(e).strip().splitlines()
        for case in cases:
            if args.only and args.only not in case.id:
                continue
            label = f"{case.id} (level {level}, from {from_year})"
            want, fragile = expected(case, level, from_year, CURRENT_YEAR)
            by_hand = from_year in case.expect_windows
            problems = [f"fragile: {f}" for f in fragile] + (hand_check(case, want) if by_hand else [])
            got = by_id.get(case.id)
            if case.group in refused:
                problems += ["gapcast refused this group's files:"] + [f"  {line}" for line in refused[case.group][:4]]
            elif got is None:
                problems.append("missing from gapcast's output")
            else:
                problems += (engine_hand_check(case, got) if by_hand else []) + compare(case, got, want)
            if problems:
                failed += 1
                print(f"FAIL {label}\n     " + "\n     ".join(problems))
            else:
                passed += 1
    print(f"crosscheck: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
