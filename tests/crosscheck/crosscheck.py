#!/usr/bin/env python3
"""Independent cross-check of `gapcast assess` against numpy + scipy.

Invocation (from the repository root; `cargo xtask test` does this):

    pip install -r tests/crosscheck/requirements.txt
    cargo build -p gapcast-core --bin gapcast
    python3 tests/crosscheck/crosscheck.py --gapcast target/debug/gapcast
    # or: GAPCAST_BIN=target/debug/gapcast python3 tests/crosscheck/crosscheck.py

What it does: builds a small catalog (TOML, the seeds format) and 30 varied
series (2 and 3 points and longer; log, logit and linear scales; values on a
logit bound that get clamped; a zero on a log scale that falls back to linear;
noisy, flat, exactly linear, already achieved, moving away, "about" and range
targets, a milestone, a target year already passed, directional targets), writes
the figures as a long-format TSV (indicator id, year, value), runs
`gapcast assess FIGURES --catalog CATALOG --format json` three times (level 0.8;
level 0.95; level 0.8 from 2018 on), and recomputes everything METHODS.md defines
here, independently: the OLS fit by numpy's least squares on the centred year,
the t quantile and CDF by scipy.stats.t. It compares slope, intercept, residual
sd, annual change, every projected value and interval bound, the probability,
gap, required slope / change / rate, progress ratio, status, checkpoint,
milestones and warnings.

Numbers agree when |a - b| <= 1e-9 * max(|a|, |b|), or |a - b| <= 1e-12 for
values that are zero up to rounding (an exactly flat slope computed two ways).
A null must be null on both sides. Prints the tally (one check per
series and run, as `crosscheck: N passed, M failed`, the line `cargo xtask test`
counts) and exits 1 on any failure, 2 on a usage problem.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy import stats

REL = 1e-9
ABS = 1e-12
DELTA = 0.1  # clamp for values on a logit bound (METHODS.md)
ZERO_SPREAD = 1e-10  # s counts as zero below this times max(1, max |g|)
CURRENT_YEAR = 2026

# ---------------------------------------------------------------------------
# The cases: catalog entry + points. Units decide the default scale as in
# METHODS.md: percent -> logit (linear with an open upper bound), per_100k and
# per_1000_live_births -> log, everything else linear.
# ---------------------------------------------------------------------------

rng = np.random.default_rng(20250101)


def noisy(start, step, n, sd, first=2015, log=False, decimals=3):
    out = []
    for i in range(n):
        v = (start * math.exp(step * i)) if log else (start + step * i)
        v = v * math.exp(rng.normal(0, sd)) if log else v + rng.normal(0, sd)
        out.append((first + i, round(v, decimals)))
    return out


CASES = [
    # id suffix, unit, target dict, points, extra catalog lines
    ("01", "per_100k_live_births", dict(comparator="le", value=7.5),
     [(2015, 20.1), (2016, 19.9), (2017, 19.6), (2018, 18.3), (2019, 17.8), (2020, 16.9),
      (2021, 16.1), (2022, 15.7), (2023, 15.1), (2024, 14.3)], {}),
    ("02", "per_1000_live_births", dict(comparator="le", value=3.0), [(2021, 4.5), (2022, 4.1), (2024, 3.6)], {}),
    ("03", "per_100k", dict(comparator="le", value=10.0), [(2022, 14.0), (2024, 12.5)], {}),
    ("04", "percent", dict(comparator="ge", value=90), noisy(70, 2.0, 6, 0.8, first=2019), {}),
    ("05", "percent", dict(comparator="ge", value=95), [(2021, 88.0), (2022, 90.5), (2023, 91.0)], {}),
    ("06", "percent", dict(comparator="ge", value=80), [(2022, 60.0), (2024, 66.0)], {}),
    # Clamped at 100 and at 0 on the logit scale.
    ("07", "percent", dict(comparator="ge", value=99.5), [(2020, 98.5), (2021, 99.2), (2022, 100.0), (2023, 99.6), (2024, 99.8)], {}),
    ("08", "percent", dict(comparator="le", value=0.5), [(2020, 0.0), (2021, 0.8), (2022, 1.2), (2023, 0.0), (2024, 0.6)], {}),
    # Linear, noisy count.
    ("09", "count", dict(comparator="ge", value=60), noisy(20, 3.0, 8, 2.0, first=2016, decimals=1), {}),
    # Flat: zero residual spread, reversing, no probability.
    ("10", "count", dict(comparator="ge", value=12), [(2020, 10.0), (2021, 10.0), (2022, 10.0), (2023, 10.0)], {}),
    # Already achieved, trend falling away (at_risk).
    ("11", "percent", dict(comparator="ge", value=90), [(2020, 97.0), (2021, 96.0), (2022, 95.5), (2023, 94.0), (2024, 93.0)], {}),
    # Moving away on a log scale.
    ("12", "per_100k_live_births", dict(comparator="le", value=5.0), [(2020, 8.0), (2021, 8.4), (2022, 8.1), (2023, 9.0)], {}),
    # "About 45%": below the band, judged against 44.
    ("13", "percent", dict(comparator="approx", value=45), [(2019, 38.0), (2021, 39.5), (2022, 41.0), (2024, 41.8)], {}),
    # "About 80 years": band 78.4..81.6; inside it.
    ("14", "years", dict(comparator="approx", value=80), [(2020, 78.9), (2022, 79.2), (2024, 79.6)], {}),
    # A range: above it.
    ("15", "ratio", dict(comparator="between", value=103, value2=107), [(2018, 112.0), (2020, 111.2), (2022, 110.5), (2024, 109.0)], {}),
    # A zero on a log scale: fitted on the linear scale instead.
    ("16", "per_100k_live_births", dict(comparator="le", value=5.0), [(2020, 9.1), (2021, 0.0), (2022, 7.7), (2023, 6.9)], {}),
    # The target year has passed.
    ("17", "percent", dict(comparator="ge", value=85, year=2025), [(2022, 80.0), (2023, 82.0), (2024, 84.0), (2025, 84.5), (2026, 86.0)], {}),
    # Milestone 4 by 2025, 6 by 2030.
    ("18", "per_1000_population", dict(comparator="ge", value=6), [(2021, 2.5), (2022, 2.9), (2023, 3.4), (2024, 3.7)],
     {"milestones": '[{ year = 2025, comparator = "ge", value = 4 }]'}),
    # A gross ratio above 100%: open upper bound, linear.
    ("19", "percent", dict(comparator="ge", value=100), [(2019, 95.0), (2020, 97.5), (2021, 99.0), (2022, 101.3), (2023, 102.0)],
     {"bounds": "{ lower = 0 }"}),
    # Long noisy logit series.
    ("20", "percent", dict(comparator="ge", value=75), noisy(55, 1.5, 10, 1.5, first=2015, decimals=2), {}),
    # Exactly linear: the spread is zero up to rounding.
    ("21", "count", dict(comparator="ge", value=100), [(2020, 40.0), (2021, 45.0), (2022, 50.0), (2023, 55.0)], {}),
    # Log scale, a rising rate with a >= target.
    ("22", "per_100k", dict(comparator="ge", value=30), [(2019, 18.0), (2020, 19.5), (2022, 22.0), (2023, 24.1)], {}),
    # Strict < target on logit.
    ("23", "percent", dict(comparator="lt", value=5), [(2020, 9.0), (2021, 8.1), (2022, 7.9), (2023, 7.0), (2024, 6.6)], {}),
    # Off track, noisy log series.
    ("24", "per_1000_live_births", dict(comparator="le", value=2.0), noisy(6.0, -0.03, 7, 0.04, first=2017, log=True, decimals=3), {}),
    # Stale (latest 2021 < 2026 - 2) and 3 points.
    ("25", "count", dict(comparator="ge", value=50), [(2018, 30.0), (2019, 33.0), (2021, 37.0)], {}),
    # One point: insufficient data.
    ("26", "percent", dict(comparator="ge", value=90), [(2024, 80.0)], {}),
    # Volatile small-number rate.
    ("27", "per_100k_live_births", dict(comparator="le", value=9.0), [(2018, 12.0), (2019, 6.0), (2020, 14.0), (2021, 7.0), (2022, 13.0), (2023, 8.0)], {}),
    # Directional: increase (relative a year), decrease of a percentage (points a year), slowing.
    ("28", "count", dict(direction="increase"), [(2019, 100.0), (2020, 101.5), (2021, 104.0), (2022, 104.5)], {}),
    ("29", "percent", dict(direction="decrease"), [(2019, 30.0), (2020, 29.8), (2021, 29.9), (2022, 29.5)], {}),
    ("30", "percent", dict(direction="slow_increase"), [(2018, 10.0), (2019, 11.0), (2020, 12.2), (2021, 12.8), (2022, 13.1)], {}),
]


def indicator_id(suffix):
    return f"W-HEALTH-{suffix}"


def catalog_text():
    lines = ['plan = "women"', 'title_zh = "交叉核对"', 'title_en = "Cross-check"', ""]
    for suffix, unit, target, _, extra in CASES:
        lines += [
            "[[indicator]]",
            f'id = "{indicator_id(suffix)}"',
            'domain = "妇女与健康"',
            f'name_zh = "交叉核对指标{suffix}"',
            f'name_en = "Cross-check indicator {suffix}"',
            f'unit = "{unit}"',
        ]
        if "direction" in target:
            lines.append(f'direction = "{target["direction"]}"')
        else:
            lines.append(f'comparator = "{target["comparator"]}"')
            lines.append(f'value = {target["value"]}')
            if "value2" in target:
                lines.append(f'value2 = {target["value2"]}')
        if "year" in target:
            lines.append(f'year = {target["year"]}')
        for key, value in extra.items():
            lines.append(f"{key} = {value}")
        lines += ['source = "交叉核对"', ""]
    return "\n".join(lines)


def figures_text():
    rows = ["指标\t年份\t数值"]
    for suffix, _, _, points, _ in CASES:
        for year, value in points:
            rows.append(f"{indicator_id(suffix)}\t{year}\t{value!r}")
    return "\n".join(rows) + "\n"


# ---------------------------------------------------------------------------
# The independent implementation of METHODS.md.
# ---------------------------------------------------------------------------


class Scale:
    def __init__(self, kind, lower=0.0, upper=100.0):
        self.kind, self.lower, self.upper = kind, lower, upper
        self.delta = min(DELTA, (upper - lower) / 4) if kind == "logit" else 0.0

    def g(self, y):
        if self.kind == "log":
            return math.log(y)
        if self.kind == "logit":
            return math.log((y - self.lower) / (self.upper - y))
        return y

    def ginv(self, z):
        if self.kind == "log":
            return math.exp(z)
        if self.kind == "logit":
            return self.lower + (self.upper - self.lower) * 0.5 * (1 + math.tanh(z / 2))
        return z

    def clamp(self, y):
        if self.kind != "logit":
            return y
        if y <= self.lower:
            return self.lower + self.delta
        if y >= self.upper:
            return self.upper - self.delta
        return y

    def g_target(self, y):
        if self.kind == "log" and y <= 0:
            return -math.inf
        if self.kind == "logit" and y < self.lower:
            return -math.inf
        if self.kind == "logit" and y > self.upper:
            return math.inf
        return self.g(self.clamp(y))

    def g_edge(self, y, upper_edge):
        if self.kind == "logit" and upper_edge and y >= self.upper:
            return math.inf
        if self.kind == "logit" and not upper_edge and y <= self.lower:
            return -math.inf
        return self.g_target(y)


def choose_scale(unit, extra, values, target_values):
    open_upper = "bounds" in extra
    if unit == "percent":
        requested = "linear" if open_upper else "logit"
    elif unit in ("per_100k", "per_100k_live_births", "per_1000_live_births"):
        requested = "log"
    else:
        requested = "linear"
    if requested == "log" and (any(v <= 0 for v in values) or any(v <= 0 for v in target_values)):
        return Scale("linear"), True
    if requested == "logit":
        return Scale("logit", 0.0, 100.0), False
    return Scale(requested), False


class Rule:
    """A numeric target: ('threshold', cmp, value) or ('band', low, high, centre)."""

    def __init__(self, unit, target):
        cmp = target["comparator"]
        if cmp == "approx":
            tau = 1.0 if unit == "percent" else 0.02 * abs(target["value"])
            self.kind, self.low, self.high, self.centre = "band", target["value"] - tau, target["value"] + tau, target["value"]
        elif cmp == "between":
            self.kind, self.low, self.high = "band", target["value"], target["value2"]
            self.centre = (self.low + self.high) / 2
        else:
            self.kind, self.cmp, self.value = "threshold", cmp, target["value"]

    def meets(self, y):
        if self.kind == "band":
            return self.low <= y <= self.high
        return {"le": y <= self.value, "lt": y < self.value, "ge": y >= self.value, "gt": y > self.value}[self.cmp]

    def edge(self, y):
        if self.kind == "threshold":
            return self.cmp, self.value
        if y < self.low:
            return "ge", self.low
        if y > self.high:
            return "le", self.high
        return None

    def gap(self, y):
        if self.kind == "threshold":
            return self.value - y
        if y < self.low:
            return self.low - y
        if y > self.high:
            return self.high - y
        return 0.0

    def glide(self):
        return self.value if self.kind == "threshold" else self.centre


def ols(ts, gs):
    """numpy least squares on the centred year: (t_mean, g_mean, slope, residuals)."""
    ts = np.asarray(ts, dtype=float)
    gs = np.asarray(gs, dtype=float)
    t_mean = ts.mean()
    design = np.column_stack([np.ones_like(ts), ts - t_mean])
    (centre, slope), *_ = np.linalg.lstsq(design, gs, rcond=None)
    residuals = gs - design @ np.array([centre, slope])
    return t_mean, centre, slope, residuals


def expected(case, level, from_year):
    suffix, unit, target, points, extra = case
    pts = sorted((y, v) for y, v in points if from_year is None or y >= from_year)
    target_year = target.get("year", 2030)
    directional = "direction" in target
    rule = None if directional else Rule(unit, target)
    milestones = [(2025, "ge", 4.0)] if "milestones" in extra else []
    target_values = [m[2] for m in milestones]
    if rule is not None:
        target_values.append(rule.glide() if rule.kind == "band" else rule.value)
    values = [v for _, v in pts]
    scale, fallback = choose_scale(unit, extra, values, target_values)
    out = {"n_points": len(pts), "scale": scale.kind, "warnings": set()}
    if fallback:
        out["warnings"].add("scale_fallback")
    n = len(pts)
    years = [y for y, _ in pts]
    used = [scale.clamp(v) for v in values]
    if any(u != v for u, v in zip(used, values)):
        out["warnings"].add("clamped")
    gs = [scale.g(u) for u in used]
    out["first_year"] = years[0] if n else None
    out["latest_year"] = years[-1] if n else None
    out["latest_value"] = values[-1] if n else None

    fit = None
    if n >= 2:
        t_mean, g_mean, b, resid = ols(years, gs)
        sxx = float(np.sum((np.asarray(years, float) - t_mean) ** 2))
        ssr = float(np.sum(resid ** 2))
        s = None
        zero = False
        if n >= 3:
            s = math.sqrt(ssr / (n - 2))
            if s <= ZERO_SPREAD * max(1.0, max(abs(g) for g in gs)):
                s, zero = 0.0, True
        tq = stats.t.ppf((1 + level) / 2, n - 2) if n >= 3 else None
        fit = dict(t_mean=t_mean, g_mean=g_mean, b=b, sxx=sxx, s=s, zero=zero, tq=tq, n=n)
        out["slope"] = b
        out["intercept"] = g_mean - b * t_mean
        out["residual_sd"] = s
        out["method"] = "ols_" + scale.kind

        def g_hat(year):
            return g_mean + b * (year - t_mean)

        def se(year):
            return None if s is None else s * math.sqrt(1 + 1 / n + (year - t_mean) ** 2 / sxx)

        def fitted(year):
            return scale.ginv(g_hat(year))

        def interval(year):
            if s is None:
                return None, None
            half = tq * se(year)
            return scale.ginv(g_hat(year) - half), scale.ginv(g_hat(year) + half)

        out["annual_change"] = (fitted(years[-1]) - fitted(years[0])) / (years[-1] - years[0])
        out["projection"] = [
            (year, fitted(year)) + interval(year) for year in range(min(years[0], target_year), max(years[-1], target_year) + 1)
        ]
        # volatile: n >= 4, RMSE in the unit / mean |y| > 0.10
        if n >= 4:
            rmse = math.sqrt(sum((v - fitted(y)) ** 2 for y, v in pts) / n)
            if rmse / (sum(abs(v) for v in values) / n) > 0.10:
                out["warnings"].add("volatile")
        fit.update(g_hat=g_hat, se=se, fitted=fitted, interval=interval)
    else:
        for key in ("slope", "intercept", "residual_sd", "method", "annual_change"):
            out[key] = None
        out["projection"] = []
    if n and years[-1] < CURRENT_YEAR - 2:
        out["warnings"].add("stale")

    def probability(rule_, year):
        if fit is None or fit["s"] is None or fit["zero"]:
            return None
        g0, se0, df = fit["g_hat"](year), fit["se"](year), n - 2
        if rule_.kind == "threshold":
            q = (scale.g_target(rule_.value) - g0) / se0
            return stats.t.sf(q, df) if rule_.cmp in ("ge", "gt") else stats.t.cdf(q, df)
        lo = (scale.g_edge(rule_.low, False) - g0) / se0
        hi = (scale.g_edge(rule_.high, True) - g0) / se0
        if lo > 0:
            return stats.t.sf(lo, df) - stats.t.sf(hi, df)
        return stats.t.cdf(hi, df) - stats.t.cdf(lo, df)

    def judge(rule_, year, milestone):
        j = dict(required_slope=None, required_annual_change=None, required_annual_rate=None,
                 progress_ratio=None, probability=None, observed=None)
        if n == 0:
            j["status"] = "insufficient_data"
            return j
        t_n, y_n = years[-1], values[-1]
        if t_n >= year:
            value = dict(pts).get(year, y_n)
            j["observed"] = value
            j["status"] = ("met" if milestone else "achieved") if rule_.meets(value) else "missed"
            return j
        j["probability"] = probability(rule_, year)
        if rule_.meets(y_n):
            j["status"] = "achieved"
            return j
        cmp, aim = rule_.edge(y_n)
        dt = year - t_n
        b_req = (scale.g_target(aim) - scale.g(scale.clamp(y_n))) / dt
        j["required_slope"] = b_req
        j["required_annual_change"] = (aim - y_n) / dt
        if scale.kind == "log":
            j["required_annual_rate"] = math.expm1(b_req)
        if fit is None:
            j["status"] = "insufficient_data"
            return j
        wanted = 1 if cmp in ("ge", "gt") else -1
        if b_req == 0:
            j["status"] = "on_track" if fit["b"] * wanted > 0 else "reversing"
            return j
        r = fit["b"] / b_req
        j["progress_ratio"] = r
        eps = 1e-12
        j["status"] = ("on_track" if r >= 1 - eps else "acceleration_needed" if r >= 0.5 - eps * 1
                       else "off_track" if r > 0 else "reversing")
        return j

    if rule is not None:
        j = judge(rule, target_year, False)
        out.update({k: j[k] for k in ("status", "required_slope", "required_annual_change",
                                        "required_annual_rate", "progress_ratio", "probability")})
        out["gap"] = rule.gap(values[-1]) if n else None
        if j["status"] == "achieved" and j["observed"] is None and fit is not None:
            if not rule.meets(fit["fitted"](target_year)):
                out["warnings"].add("at_risk")
        # Checkpoint: glide path from the 2020 value (else the first) to y* at T, straight on g.
        if n:
            i = years.index(2020) if 2020 in years else 0
            t_b, y_b = years[i], values[i]
            y_star = rule.glide()
            span = target_year - t_b
            path = lambda yr: scale.ginv(scale.g(used[i]) + (scale.g_target(y_star) - scale.g(used[i])) * (yr - t_b) / span)
            out["checkpoint"] = dict(
                base_year=t_b, base_value=y_b,
                expected_at_latest=path(years[-1]) if span > 0 else None,
                share_done=(values[-1] - y_b) / (y_star - y_b) if y_star != y_b else None,
                share_time=(years[-1] - t_b) / span if span > 0 else None,
            )
        else:
            out["checkpoint"] = None
        out["milestones"] = []
        for year, cmp, value in milestones:
            mj = judge(Rule(unit, dict(comparator=cmp, value=value)), year, True)
            out["milestones"].append(dict(year=year, status=mj["status"],
                                          projected=fit["fitted"](year) if fit else None,
                                          probability=mj["probability"]))
            if mj["status"] == "missed":
                out["warnings"].add(f"milestone_missed:{year}")
    else:
        out["gap"] = None
        out["probability"] = None
        out["status"] = directional_status(target["direction"], unit, pts, gs)
    return out


def directional_status(direction, unit, pts, gs):
    years = [y for y, _ in pts]
    values = [v for _, v in pts]
    n = len(pts)
    if direction == "slow_increase":
        if n < 4:
            return "insufficient_data"
        k = (n + 1) // 2
        early = ols(years[:k], gs[:k])[2]
        late = ols(years[n - k:], gs[n - k:])[2]
        return "slowing" if late < early else "not_slowing"
    if n < 2:
        return "insufficient_data"
    if unit == "percent":
        rate, threshold = ols(years, values)[2], 0.5
    else:
        rate, threshold = math.expm1(ols(years, [math.log(v) for v in values])[2]), 0.01
    signed = rate if direction == "increase" else -rate
    if signed > threshold:
        return "significant_progress"
    if signed > 0:
        return "moderate_progress"
    if signed >= -threshold:
        return "moderate_away"
    return "significant_away"


# ---------------------------------------------------------------------------
# Comparison.
# ---------------------------------------------------------------------------


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    a, b = float(a), float(b)
    return abs(a - b) <= max(REL * max(abs(a), abs(b)), ABS)


def compare(case_id, got, want):
    problems = []

    def check(name, a, b):
        if not close(a, b):
            problems.append(f"{case_id} {name}: gapcast {a!r}, numpy/scipy {b!r}")

    for key in ("n_points", "first_year", "latest_year", "latest_value", "gap", "method", "slope", "intercept",
                "residual_sd", "annual_change", "required_slope", "required_annual_change", "required_annual_rate",
                "progress_ratio", "probability", "status"):
        check(key, got.get(key), want.get(key))
    check("scale", got["scale"], want["scale"])
    proj_got = got["projection"]
    if len(proj_got) != len(want["projection"]):
        problems.append(f"{case_id} projection: {len(proj_got)} years, expected {len(want['projection'])}")
    else:
        for p, (year, value, lower, upper) in zip(proj_got, want["projection"]):
            check(f"projection[{year}].year", p["year"], year)
            check(f"projection[{year}].value", p["value"], value)
            check(f"projection[{year}].lower", p["lower"], lower)
            check(f"projection[{year}].upper", p["upper"], upper)
    if "checkpoint" in want:
        cg, cw = got.get("checkpoint"), want["checkpoint"]
        if cw is None or cg is None:
            check("checkpoint", cg, cw)
        else:
            for key in cw:
                check(f"checkpoint.{key}", cg[key], cw[key])
    for mg, mw in zip(got.get("milestones", []), want.get("milestones", [])):
        for key in ("year", "status", "projected", "probability"):
            check(f"milestone[{mw['year']}].{key}", mg[key], mw[key])
    if len(got.get("milestones", [])) != len(want.get("milestones", [])):
        problems.append(f"{case_id} milestones: count differs")
    kinds = {"volatile", "at_risk", "clamped", "scale_fallback", "stale"}
    got_codes = {w["code"] for w in got["warnings"] if w["kind"] in kinds or w["kind"] == "milestone_missed"}
    if got_codes != want["warnings"]:
        problems.append(f"{case_id} warnings: gapcast {sorted(got_codes)}, expected {sorted(want['warnings'])}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gapcast", default=os.environ.get("GAPCAST_BIN"),
                        help="path to the gapcast binary (or set GAPCAST_BIN)")
    parser.add_argument("--keep", help="write the catalog and figures into this directory and keep them")
    args = parser.parse_args()
    if not args.gapcast:
        for candidate in ("target/release/gapcast", "target/debug/gapcast"):
            if os.path.exists(candidate):
                args.gapcast = candidate
                break
    if not args.gapcast or not os.path.exists(args.gapcast):
        print("crosscheck: pass --gapcast PATH or set GAPCAST_BIN", file=sys.stderr)
        return 2

    workdir = args.keep or tempfile.mkdtemp(prefix="gapcast-crosscheck-")
    os.makedirs(workdir, exist_ok=True)
    catalog_path = os.path.join(workdir, "crosscheck-catalog.toml")
    figures_path = os.path.join(workdir, "crosscheck-figures.tsv")
    with open(catalog_path, "w", encoding="utf-8") as f:
        f.write(catalog_text())
    with open(figures_path, "w", encoding="utf-8") as f:
        f.write(figures_text())

    runs = [(0.8, None), (0.95, None), (0.8, 2018)]
    passed = failed = 0
    for level, from_year in runs:
        command = [args.gapcast, "assess", figures_path, "--catalog", catalog_path, "--format", "json",
                   "--level", str(level), "--current-year", str(CURRENT_YEAR)]
        if from_year is not None:
            command += ["--from-year", str(from_year)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"crosscheck: {' '.join(command)} exited {done.returncode}\n{done.stderr}", file=sys.stderr)
            return 1
        if done.stderr.strip():
            print(f"crosscheck: gapcast said on stderr:\n{done.stderr}", file=sys.stderr)
        by_id = {a["id"]: a for a in json.loads(done.stdout)}
        for case in CASES:
            case_id = f"{indicator_id(case[0])} (level {level}, from {from_year})"
            got = by_id.get(indicator_id(case[0]))
            if got is None:
                print(f"FAIL {case_id}: missing from the output")
                failed += 1
                continue
            problems = compare(case_id, got, expected(case, level, from_year))
            if problems:
                failed += 1
                print("FAIL " + "\n     ".join(problems))
            else:
                passed += 1
    print(f"crosscheck: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
