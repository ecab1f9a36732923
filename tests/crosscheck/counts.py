#!/usr/bin/env python3
"""Independent cross-check of Gapcast's counts models against statsmodels and scipy.

Invocation (from the repository root; `cargo xtask test` does this):

    pip install -r tests/crosscheck/requirements.txt
    cargo build -p gapcast-core --bin gapcast --example counts_fit
    python3 tests/crosscheck/counts.py --counts-fit target/debug/examples/counts_fit \
        --gapcast target/debug/gapcast

What it does: generates count series with a fixed seed (numpy's default_rng)
of four kinds: zero-heavy rates (maternal deaths: 0-3 a year out of ~17,000
births), overdispersed rates (a gamma-mixed Poisson), large-count rates, and
shares (small and large binomial counts), plus hand-made patterns where no
estimate exists (no event at all, events only in the last year, a share split
by a year). It writes them as JSON, runs the `counts_fit` example on them, and
recomputes, independently:

- the fit with statsmodels `GLM(d, X, family=Poisson(), offset=log N)` (or
  `Binomial` on [d, N - d]) with X = (1, year - mean year), `scale='X2'`:
  slope, intercept, Pearson X^2, the dispersion phi = max(1, X^2/(n - 2)),
  the standard errors sqrt(phi) * (unscaled bse), the expected value at 2025 and
  2030 with the interval eta +- t_{n-2,(1+p)/2} * se mapped back, and the
  probability that the expected value at 2030 lies below each target;
- Garwood intervals with scipy.stats.chi2 and Clopper-Pearson with
  scipy.stats.beta for every year;
- for the patterns without an estimate, the reason, from the pattern itself;
- with `--gapcast`, end to end: the generated series as count rows of a long
  table, with a catalog naming each indicator's counts and a <= target, through
  `gapcast assess --format json`: method, dispersion, slope, intercept, the
  2025 and 2030 projections with their intervals, the probability, the judged
  value (the pooled latest three calendar years when one has fewer than 20
  events), each year's `observed_interval` and the `small_numbers` warning.

Tolerances do not depend on the CPU: both sides iterate to far tighter than the
comparison (statsmodels with tol=1e-13), and numbers agree when
|a - b| <= 1e-7 * max(|a|, |b|) + 1e-10 (the fits), 1e-8 relative (the exact
intervals). No case sits on a boundary: the series are drawn once with a fixed
seed and checked here to stay away from separation. Prints
`crosscheck: N passed, M failed` (one check per case) and exits 1 on a failure.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import statsmodels.api as sm
from scipy import stats

FIT_REL = 1e-7
FIT_ABS = 1e-10
EXACT_REL = 1e-8
YEARS = [2025.0, 2030.0]

rng = np.random.default_rng(20260101)


def poisson_series(rate_per, per, births, n, first=2015, slope=0.0, shape=None):
    """Deaths a year at a rate per `per` that changes by `slope` (log) a year;
    with `shape`, gamma-mixed (overdispersed)."""
    rows = []
    for i in range(n):
        n_i = int(births * math.exp(rng.normal(0, 0.05)))
        mean = rate_per / per * n_i * math.exp(slope * i)
        if shape is not None:
            mean = rng.gamma(shape, mean / shape)
        rows.append([first + i, int(rng.poisson(mean)), n_i])
    return rows


def binomial_series(share, total, n, first=2015, slope=0.0):
    rows = []
    for i in range(n):
        n_i = int(total * math.exp(rng.normal(0, 0.05)))
        eta = math.log(share / (1 - share)) + slope * i
        p = 1 / (1 + math.exp(-eta))
        rows.append([first + i, int(rng.binomial(n_i, p)), n_i])
    return rows


def generated_cases():
    cases = []
    # Zero-heavy: maternal mortality ~10 per 100,000 on ~17,000 births.
    for k in range(8):
        cases.append(dict(id=f"zero-heavy-{k}", family="poisson", per=100000.0, level=0.8,
                          obs=poisson_series(10.0, 1e5, 17000, 6 + k % 5, slope=-0.05), targets=[7.5, 10.0, 15.0]))
    # Overdispersed: injury deaths per 100,000 children, gamma-mixed.
    for k in range(6):
        cases.append(dict(id=f"overdispersed-{k}", family="poisson", per=100000.0, level=0.8 if k % 2 else 0.95,
                          obs=poisson_series(12.0, 1e5, 350000, 7 + k % 4, slope=-0.03, shape=4.0), targets=[8.0, 12.0]))
    # Large counts: infant deaths per 1,000 live births, ~5 per 1,000.
    for k in range(5):
        cases.append(dict(id=f"large-{k}", family="poisson", per=1000.0, level=0.8,
                          obs=poisson_series(5.0, 1e3, 170000, 5 + k, slope=-0.04), targets=[3.0, 4.0]))
    # Shares: low birth weight (~5%), and a small share (mother-to-child
    # transmission: ~3 infected of ~60 exposed infants).
    for k in range(5):
        cases.append(dict(id=f"share-large-{k}", family="binomial", per=100.0, level=0.8,
                          obs=binomial_series(0.05, 17000, 5 + k, slope=-0.02), targets=[4.0, 5.0]))
    for k in range(5):
        cases.append(dict(id=f"share-small-{k}", family="binomial", per=100.0, level=0.8,
                          obs=binomial_series(0.05, 60, 6 + k, slope=-0.1), targets=[2.0, 5.0]))
    return cases


# Patterns without an estimate, by hand, with the reason expected.
PATTERNS = [
    dict(id="all-zero", family="poisson", per=1e5, level=0.8, obs=[[2020, 0, 17000], [2021, 0, 17100], [2022, 0, 16800]]),
    dict(id="last-year-only", family="poisson", per=1e5, level=0.8, obs=[[2020, 0, 17000], [2021, 0, 17100], [2022, 2, 16800]]),
    dict(id="first-year-only", family="poisson", per=1e5, level=0.8, obs=[[2020, 1, 17000], [2021, 0, 17100], [2022, 0, 16800]]),
    dict(id="share-split", family="binomial", per=100.0, level=0.8, obs=[[2020, 0, 50], [2021, 3, 50], [2022, 50, 50]]),
    dict(id="share-all-full", family="binomial", per=100.0, level=0.8, obs=[[2020, 40, 40], [2021, 38, 38], [2022, 41, 41]]),
    dict(id="zero-denominator", family="poisson", per=1e5, level=0.8, obs=[[2020, 1, 17000], [2021, 0, 0], [2022, 2, 16800]]),
]


def expected_reason(case):
    """The reason no estimate exists, from the pattern (Haberman's condition
    for one covariate), written independently of the Rust code."""
    obs = sorted(case["obs"])
    for year, d, n in obs:
        if n <= 0:
            return f"zero_exposure:{year}"
    years = [o[0] for o in obs]
    with_events = [o[0] for o in obs if o[1] > 0]
    if not with_events:
        return "all_zero"
    if case["family"] == "poisson":
        if len(with_events) == 1 and with_events[0] in (years[0], years[-1]):
            return "separation"
        return None
    with_others = [o[0] for o in obs if o[2] > o[1]]
    if not with_others:
        return "all_full"
    if max(with_others) <= min(with_events) or max(with_events) <= min(with_others):
        return "separation"
    return None


def reference(case):
    """statsmodels' GLM and scipy's exact intervals for one case."""
    obs = np.array(case["obs"], dtype=float)
    years, d, n = obs[:, 0], obs[:, 1], obs[:, 2]
    level, per = case["level"], case["per"]
    alpha = 1 - level
    if case["family"] == "poisson":
        lower = np.where(d > 0, stats.chi2.ppf(alpha / 2, 2 * np.maximum(d, 1)) / 2, 0.0)
        upper = stats.chi2.ppf(1 - alpha / 2, 2 * d + 2) / 2
        exact = [(lo / ni * per, hi / ni * per) if ni > 0 else (None, None) for lo, hi, ni in zip(lower, upper, n)]
    else:
        lower = np.where(d > 0, stats.beta.ppf(alpha / 2, np.maximum(d, 1), n - d + 1), 0.0)
        upper = np.where(d < n, stats.beta.ppf(1 - alpha / 2, d + 1, np.maximum(n - d, 1)), 1.0)
        exact = [(lo * per, hi * per) for lo, hi in zip(lower, upper)]
    out = dict(exact=exact)
    if expected_reason(case) is not None:
        return out
    t_mean = years.mean()
    X = np.column_stack([np.ones_like(years), years - t_mean])
    if case["family"] == "poisson":
        model = sm.GLM(d, X, family=sm.families.Poisson(), offset=np.log(n))
    else:
        model = sm.GLM(np.column_stack([d, n - d]), X, family=sm.families.Binomial())
    res = model.fit(scale="X2", tol=1e-13, maxiter=200)
    k = len(d)
    x2 = float(res.pearson_chi2)
    phi = max(1.0, x2 / (k - 2)) if k >= 3 else None
    # statsmodels scales by X^2/(n - 2); METHODS.md floors it at 1.
    cov_unscaled = res.cov_params() / res.scale
    a, b = res.params
    out.update(t_mean=t_mean, a=a, b=b, x2=x2, phi=phi)
    if phi is not None:
        out["se"] = np.sqrt(phi * np.diag(cov_unscaled))
        tq = stats.t.ppf((1 + level) / 2, k - 2)
    link_inv = (lambda e: per * math.exp(e)) if case["family"] == "poisson" else (lambda e: per / (1 + math.exp(-e)))
    link = (lambda v: math.log(v / per)) if case["family"] == "poisson" else (lambda v: math.log(v / (per - v)))
    projections = []
    for y in YEARS:
        xv = np.array([1.0, y - t_mean])
        eta = a + b * (y - t_mean)
        if phi is None:
            projections.append((link_inv(eta), None, None))
            continue
        se = math.sqrt(phi * xv @ cov_unscaled @ xv)
        projections.append((link_inv(eta), link_inv(eta - tq * se), link_inv(eta + tq * se)))
        if y == YEARS[-1]:
            out["probabilities"] = [stats.t.cdf((link(t) - eta) / se, k - 2) for t in case.get("targets", [])]
    out["projections"] = projections
    return out


def close(a, b, rel, abs_=0.0):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= rel * max(abs(a), abs(b)) + abs_


def compare(case, got, ref):
    problems = []

    def check(name, a, b, rel=FIT_REL, abs_=FIT_ABS):
        if not close(a, b, rel, abs_):
            problems.append(f"{name}: gapcast {a!r}, reference {b!r}")

    for (lo, hi), e in zip(ref["exact"], got["exact"]):
        check(f"exact[{e['year']}].lower", e["lower"], None if lo is None else float(lo), EXACT_REL, 1e-300)
        check(f"exact[{e['year']}].upper", e["upper"], None if hi is None else float(hi), EXACT_REL, 1e-300)
    reason = expected_reason(case)
    if reason is not None:
        if got["error"] != reason:
            problems.append(f"reason: gapcast {got['error']!r}, expected {reason!r}")
        return problems
    if got["error"] is not None:
        return problems + [f"gapcast found no fit ({got['error']}), statsmodels did"]
    check("t_mean", got["t_mean"], ref["t_mean"])
    check("intercept_centred", got["intercept_centred"], ref["a"])
    check("slope", got["slope"], ref["b"])
    check("pearson_chi2", got["pearson_chi2"], ref["x2"])
    check("dispersion", got["dispersion"], ref["phi"])
    if ref["phi"] is not None:
        check("se_intercept_centred", got["se_intercept_centred"], float(ref["se"][0]))
        check("se_slope", got["se_slope"], float(ref["se"][1]))
    for p, (value, lo, hi) in zip(got["projections"], ref["projections"]):
        check(f"projection[{p['year']}].value", p["value"], value)
        check(f"projection[{p['year']}].lower", p["lower"], lo)
        check(f"projection[{p['year']}].upper", p["upper"], hi)
    for p, expected in zip(got["probabilities"], ref.get("probabilities", [None] * len(got["probabilities"]))):
        check(f"probability_below[{p['value']}]", p["below"], expected, FIT_REL, 1e-9)
    if not (0 < got["iterations"] < 100):
        problems.append(f"iterations: {got['iterations']}")
    return problems


# ---------------------------------------------------------------------------
# End to end: the same series as count rows through `gapcast assess`, with a
# catalog that names each indicator's counts. Checks what the engine adds on
# top of the model: the judged (pooled) value, the observed intervals, the
# projections and the probability of meeting a <= target.
# ---------------------------------------------------------------------------

ENGINE_LEVEL = 0.8
CURRENT_YEAR = 2026
SMALL = 20  # events: a year below this is a small number (NCHS)


def engine_cases(cases):
    """The generated cases with a target, as catalog indicators."""
    out = []
    for k, case in enumerate(cases):
        unit = {1e5: "per_100k_live_births", 1e3: "per_1000_live_births", 100.0: "percent"}[case["per"]]
        out.append(dict(case, indicator=f"W-HEALTH-{k + 1:02d}", unit=unit, target=case["targets"][0]))
    return out


def engine_catalog(cases):
    lines = ['plan = "women"', ""]
    for case in cases:
        lines += [
            "[[indicator]]",
            f'id = "{case["indicator"]}"',
            'domain = "妇女与健康"',
            f'name_zh = "核对率{case["indicator"]}"',
            f'name_en = "Check rate {case["indicator"]}"',
            f'unit = "{case["unit"]}"',
            'comparator = "le"',
            f'value = {case["target"]}',
            'source = "交叉核对"',
            f'counts = {{ numerator = "核对事件数{case["indicator"]}", denominator = "核对总数{case["indicator"]}" }}',
            "",
        ]
    return "\n".join(lines)


def engine_figures(cases):
    rows = ["指标\t年份\t数值"]
    for case in cases:
        for year, d, n in case["obs"]:
            rows.append(f"核对事件数{case['indicator']}\t{year}\t{d}")
            rows.append(f"核对总数{case['indicator']}\t{year}\t{n}")
    return "\n".join(rows) + "\n"


def engine_reference(case):
    """What the engine should report, from statsmodels and scipy."""
    level, per = ENGINE_LEVEL, case["per"]
    ref = reference(dict(case, level=level, targets=[case["target"]]))
    obs = sorted(case["obs"])
    last = obs[-1][0]
    recent = [o for o in obs if o[0] > last - 3]
    if any(o[1] < SMALL for o in recent):
        d, n = sum(o[1] for o in recent), sum(o[2] for o in recent)
        ref["pooled"] = dict(years=[o[0] for o in recent], value=d / n * per)
        ref["latest"] = d / n * per
    else:
        ref["pooled"] = None
        ref["latest"] = obs[-1][1] / obs[-1][2] * per
    return ref


def engine_compare(case, got, ref):
    problems = []

    def check(name, a, b, rel=FIT_REL, abs_=FIT_ABS):
        if not close(a, b, rel, abs_):
            problems.append(f"{name}: gapcast {a!r}, reference {b!r}")

    want = "poisson" if case["family"] == "poisson" else "binomial"
    if got["method"] != want:
        problems.append(f"method: gapcast {got['method']!r}, expected {want!r}")
    check("dispersion", got["dispersion"], ref["phi"])
    check("slope", got["slope"], ref["b"])
    shift = math.log(case["per"]) if case["family"] == "poisson" else 0.0
    check("intercept", got["intercept"], ref["a"] + shift - ref["b"] * ref["t_mean"])
    for key, (value, lo, hi) in zip(["projection_mid_term", "projection_at_target"], ref["projections"]):
        check(f"{key}.value", got[key]["value"], value)
        check(f"{key}.lower", got[key]["lower"], lo)
        check(f"{key}.upper", got[key]["upper"], hi)
    # P(expected value in 2030 <= target).
    check("probability", got["probability"], float(ref["probabilities"][0]), FIT_REL, 1e-9)
    check("latest_value", got["latest_value"], ref["latest"])
    pooled = got["pooled"]
    if (pooled is None) != (ref["pooled"] is None):
        problems.append(f"pooled: gapcast {pooled!r}, expected {ref['pooled']!r}")
    elif pooled is not None:
        if pooled["years"] != ref["pooled"]["years"]:
            problems.append(f"pooled.years: gapcast {pooled['years']}, expected {ref['pooled']['years']}")
        check("pooled.value", pooled["value"], ref["pooled"]["value"])
    for p, (lo, hi) in zip(got["points"], ref["exact"]):
        check(f"points[{p['year']}].observed_interval.lower", p["observed_interval"]["lower"], float(lo), EXACT_REL, 1e-300)
        check(f"points[{p['year']}].observed_interval.upper", p["observed_interval"]["upper"], float(hi), EXACT_REL, 1e-300)
    small = any(o[1] < SMALL for o in case["obs"])
    if small != any(w["code"] == "small_numbers" for w in got["warnings"]):
        problems.append(f"small_numbers: expected {small}")
    return problems


def run_engine(gapcast, cases):
    """Runs `gapcast assess` on the cases; returns (passed, failed)."""
    with tempfile.TemporaryDirectory() as tmp:
        catalog = os.path.join(tmp, "counts.toml")
        figures = os.path.join(tmp, "counts.tsv")
        with open(catalog, "w", encoding="utf-8") as f:
            f.write(engine_catalog(cases))
        with open(figures, "w", encoding="utf-8") as f:
            f.write(engine_figures(cases))
        command = [gapcast, "assess", figures, "--catalog", catalog, "--format", "json",
                   "--level", str(ENGINE_LEVEL), "--current-year", str(CURRENT_YEAR)]
        done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"crosscheck: {' '.join(command)} exited {done.returncode}\n{done.stderr}", file=sys.stderr)
        return 0, len(cases)
    by_id = {a["id"]: a for a in json.loads(done.stdout)}
    passed = failed = 0
    for case in cases:
        problems = engine_compare(case, by_id[case["indicator"]], engine_reference(case))
        if problems:
            failed += 1
            print(f"FAIL counts engine {case['id']}: " + "; ".join(problems))
        else:
            passed += 1
    return passed, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts-fit", default=os.environ.get("GAPCAST_COUNTS_FIT"),
                        help="path to the built counts_fit example (or GAPCAST_COUNTS_FIT)")
    parser.add_argument("--gapcast", default=os.environ.get("GAPCAST_BIN"),
                        help="path to the built gapcast CLI (or GAPCAST_BIN): also checks `gapcast assess` end to end")
    args = parser.parse_args()
    if not args.counts_fit:
        print("crosscheck: pass --counts-fit PATH or set GAPCAST_COUNTS_FIT", file=sys.stderr)
        return 2
    cases = generated_cases()
    # The generated series must have estimates (they are the "fit" checks);
    # the patterns are the "no estimate" checks.
    for case in cases:
        if expected_reason(case) is not None:
            print(f"crosscheck: generated case {case['id']} has no estimate ({expected_reason(case)}); "
                  "change the seed", file=sys.stderr)
            return 2
    generated = list(cases)
    cases += PATTERNS
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cases.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(cases, f)
        done = subprocess.run([args.counts_fit, path], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"crosscheck: counts_fit exited {done.returncode}\n{done.stderr}", file=sys.stderr)
        return 1
    results = {r["id"]: r for r in json.loads(done.stdout)}
    passed = failed = 0
    for case in cases:
        problems = compare(case, results[case["id"]], reference(case))
        if problems:
            failed += 1
            print(f"FAIL counts {case['id']}: " + "; ".join(problems))
        else:
            passed += 1
    if args.gapcast:
        p, f = run_engine(args.gapcast, engine_cases(generated))
        passed, failed = passed + p, failed + f
    print(f"crosscheck: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
