"""An independent implementation of METHODS.md version 2, written from the text.

It is not a port of the Rust engine: every formula here was written from
`METHODS.md`, in plain Python floats, so that it computes the same bits on every
x86-64 machine. No BLAS: the least-squares line is the closed form on the
centred year, with the means taken as the first value plus the mean of the
offsets from it, so identical values give a slope of exactly 0. scipy gives
only the Student t distribution (quantiles and tails), which is deterministic.

Every threshold decision goes through a `Decisions` object that records its
margin: a verdict that rests on a difference within 1e-9 (relative) of the
threshold is listed as fragile, and the driver fails such a case, so no
expected verdict depends on the last bit of a floating-point result.
"""

import math
import sys

from scipy import stats

EPS = sys.float_info.epsilon
TAU_B = 0.05  # bound tolerance: a value within this of a bound meets a target on it
DELTA_MAX = 0.1  # the logit clamp is half the smallest of this, tau_b and the nearest value
ZERO_SPREAD_FACTOR = 64  # s <= 64 eps max|g| counts as zero spread
BASE_YEAR = 2020
MID_TERM = 2025
APPROX_PERCENT = 2.0  # default half-width of an "about" band for percentages (points)
APPROX_RELATIVE = 0.05  # default half-width otherwise (share of the value)
VOLATILE = 0.10
IMPLAUSIBLE = 10.0
ROUNDING = 1e-9  # "equal to rounding" (position, slow_increase)
MARGIN = 1e-9  # a verdict closer than this (relative) to its threshold is fragile
TYPED = 1e-15  # ... or, for a typed value against a typed target, within a few ulps

LOG_UNITS = {"per_100k", "per_100k_live_births", "per_1000_live_births"}


class Decisions:
    """Records the margin of every threshold decision behind a verdict."""

    def __init__(self):
        self.fragile = []

    def compare(self, what, x, c, floor=0.0, tie_ok=False, margin=MARGIN):
        """-1, 0 or 1 as x is below, equal to or above c.

        The margin is |x - c| over max(|x|, |c|, floor); below `margin` the decision
        is fragile. An exact tie is fine only where the caller says both sides come
        from identical inputs (`tie_ok`)."""
        if x == c:
            if not tie_ok:
                self.fragile.append(f"{what}: {x!r} equals {c!r} (a tie not made by identical inputs)")
            return 0
        scale = max(abs(x), abs(c), floor)
        if abs(x - c) <= margin * scale:
            self.fragile.append(f"{what}: {x!r} against {c!r}, relative margin {abs(x - c) / scale:.1e}")
        return 1 if x > c else -1

    def rounding_equal(self, what, rel):
        """The rule "equal to rounding (relative 1e-9)". Results in float rounding
        are ~1e-16 and real differences far above 1e-9; anything within two orders
        of magnitude of the rule itself would rest on how the sides were computed."""
        if rel <= ROUNDING * 1e-2:
            return True
        if rel >= ROUNDING * 1e2:
            return False
        self.fragile.append(f"{what}: relative difference {rel:.1e} is within 100x of the rule's 1e-9")
        return rel <= ROUNDING

    def zero_spread(self, s, threshold):
        """s <= 64 eps max|g|. A spread that is pure rounding is a few eps max|g|;
        one within a factor 4 of the threshold could fall either side on another
        summation order, so it is fragile."""
        if s <= threshold / 4:
            return True
        if s >= threshold * 4:
            return False
        self.fragile.append(f"zero spread: s = {s!r} within a factor 4 of 64 eps max|g| = {threshold!r}")
        return s <= threshold


# ---------------------------------------------------------------------------
# Scale g and its inverse.
# ---------------------------------------------------------------------------


class Scale:
    """g on `linear`, `log` or `logit` (with bounds [lower, upper])."""

    def __init__(self, kind, lower=None, upper=None):
        self.kind, self.lower, self.upper = kind, lower, upper
        self.delta_low = self.delta_high = 0.0

    def set_clamp(self, values, tau_b):
        """delta per bound: half of min(0.1, tau_b, the smallest positive distance of a value from that bound)."""
        if self.kind != "logit":
            return
        d_low = [v - self.lower for v in values if v - self.lower > 0]
        d_high = [self.upper - v for v in values if self.upper - v > 0]
        self.delta_low = min([DELTA_MAX, tau_b] + d_low) / 2
        self.delta_high = min([DELTA_MAX, tau_b] + d_high) / 2

    def clamp(self, y):
        if self.kind == "logit":
            if y <= self.lower:
                return self.lower + self.delta_low
            if y >= self.upper:
                return self.upper - self.delta_high
        return y

    def g(self, y):
        if self.kind == "log":
            return math.log(y)
        if self.kind == "logit":
            return math.log((y - self.lower) / (self.upper - y))
        return y

    def g_edge(self, y):
        """g of a target or band edge, which may lie on or past a bound (+-inf there)."""
        if self.kind == "logit":
            if y <= self.lower:
                return -math.inf
            if y >= self.upper:
                return math.inf
        if self.kind == "log" and y <= 0:
            return -math.inf
        return self.g(y)

    def ginv(self, z):
        if self.kind == "log":
            return math.exp(z)
        if self.kind == "logit":
            width = self.upper - self.lower
            if z >= 0:
                return self.lower + width / (1 + math.exp(-z))
            e = math.exp(z)
            return self.lower + width * e / (1 + e)
        return z


def bounds_of(unit, extra):
    """Catalog bounds: percentages [0, 100] unless `bounds` says otherwise; else lower 0, no upper."""
    b = extra.get("bounds")
    if b is not None:
        return b.get("lower"), b.get("upper")
    return (0.0, 100.0) if unit == "percent" else (0.0, None)


def choose_scale(unit, extra, values, scale_override=None):
    """The default model scale for a unit (or the catalog's / CLI's), with the log fallback."""
    lower, upper = bounds_of(unit, extra)
    requested = scale_override or extra.get("scale")
    if requested is None:
        if unit == "percent":
            requested = "logit" if upper is not None else "linear"
        elif unit in LOG_UNITS:
            requested = "log"
        else:
            requested = "linear"
    if requested == "log" and any(v <= 0 for v in values):
        return Scale("linear"), True
    if requested == "logit":
        return Scale("logit", lower, upper), False
    return Scale(requested), False


# ---------------------------------------------------------------------------
# Least squares, closed form on the centred year.
# ---------------------------------------------------------------------------


def mean_by_offsets(xs):
    """First value plus the mean of the offsets: exact for identical values."""
    first = xs[0]
    return first + sum(x - first for x in xs) / len(xs)


class Line:
    """OLS of gs on ts: slope b, centre (t_mean, g_mean), residuals, sxx."""

    def __init__(self, ts, gs):
        self.n = len(ts)
        self.ts, self.gs = list(ts), list(gs)
        self.t_mean = mean_by_offsets(self.ts)
        self.g_mean = mean_by_offsets(self.gs)
        dt = [t - self.t_mean for t in self.ts]
        self.sxx = sum(d * d for d in dt)
        self.b = sum(d * (g - self.g_mean) for d, g in zip(dt, self.gs)) / self.sxx
        self.residuals = [g - (self.g_mean + self.b * d) for d, g in zip(dt, self.gs)]
        self.ssr = sum(e * e for e in self.residuals)
        self.identical = all(g == self.gs[0] for g in self.gs)

    def at(self, year):
        return self.g_mean + self.b * (year - self.t_mean)

    def leverage(self, t):
        return 1 / self.n + (t - self.t_mean) ** 2 / self.sxx


def slope_sign(dec, what, line, transformed):
    """The sign of a fitted slope: exact 0 only from identical values, else clear of
    rounding. The rounding scale is the spread of g over the years, plus |g| itself
    when g came out of ln (whose last bit may differ between maths libraries)."""
    spread = max(abs(g - line.g_mean) for g in line.gs) + (max(abs(g) for g in line.gs) if transformed else 0.0)
    floor = spread / max(1.0, line.ts[-1] - line.ts[0])
    return dec.compare(what, line.b, 0.0, floor=floor, tie_ok=line.identical)


# ---------------------------------------------------------------------------
# Targets.
# ---------------------------------------------------------------------------


class Target:
    """A numeric target: a threshold (cmp, value, effective value) or a band [low, high].

    `approx` is the "about" band y* +- tau; `between` a range. A threshold on a
    bound of the indicator (>= upper, <= lower) is met within tau_b of the bound."""

    def __init__(self, unit, extra, comparator, value, value2=None, tolerance=None):
        lower, upper = bounds_of(unit, extra)
        self.cmp, self.value = comparator, value
        self.on_bound = False
        if comparator == "approx":
            tau = tolerance if tolerance is not None else (
                APPROX_PERCENT if unit == "percent" else APPROX_RELATIVE * abs(value))
            self.kind, self.tau = "band", tau
            self.low, self.high, self.centre = value - tau, value + tau, value
            self.effective = value
        elif comparator == "between":
            self.kind, self.tau = "band", None
            self.low, self.high = value, value2
            self.centre = (value + value2) / 2
            self.effective = self.centre
        else:
            self.kind = "threshold"
            tau_b = tolerance if tolerance is not None else TAU_B
            if comparator == "ge" and upper is not None and value == upper:
                self.on_bound, self.effective = True, upper - tau_b
            elif comparator == "le" and lower is not None and value == lower:
                self.on_bound, self.effective = True, lower + tau_b
            else:
                self.effective = value

    def meets(self, dec, what, y):
        """Whether y meets the target. Both sides are typed values (or one IEEE
        operation away from them: U - tau_b, y* +- tau), so the comparison is exact
        and only a difference of a few ulps would depend on how it is written; a
        value typed equal to the (effective) target meets an inclusive comparator."""
        if self.kind == "band":
            return (dec.compare(what + " (low edge)", y, self.low, tie_ok=True, margin=TYPED) >= 0
                    and dec.compare(what + " (high edge)", y, self.high, tie_ok=True, margin=TYPED) <= 0)
        c = dec.compare(what, y, self.effective, tie_ok=True, margin=TYPED)
        return {"ge": c >= 0, "gt": c > 0, "le": c <= 0, "lt": c < 0}[self.cmp]

    def aim(self, y):
        """(comparator, value) to aim at from y: the threshold, or the nearest band edge."""
        if self.kind == "threshold":
            return self.cmp, self.effective
        return ("ge", self.low) if y < self.low else ("le", self.high)

    def gap(self, y):
        """Still to go, in the unit: positive not met, zero or negative met."""
        if self.kind == "band":
            return max(self.low - y, 0.0, y - self.high)
        return self.effective - y if self.cmp in ("ge", "gt") else y - self.effective

    def distance(self, y):
        """Distance from the band (0 inside); for position on an "about" target."""
        return max(self.low - y, 0.0, y - self.high)


# ---------------------------------------------------------------------------
# The assessment.
# ---------------------------------------------------------------------------


def t_quantile(p, df):
    return float(stats.t.ppf(p, df))


def expected(case, level, from_year, current_year, scale_override=None):
    """What METHODS.md v2 says `gapcast assess` must report for this case.

    Returns (fields, fragile): the expected fields (JSON names; a key absent from
    `fields` is not checked) and the list of decisions too close to call."""
    dec = Decisions()
    unit, target, extra = case.unit, case.target, case.extra
    every = sorted(case.points)
    pts = [(y, v) for y, v in every if from_year is None or y >= from_year]
    n = len(pts)
    years = [y for y, _ in pts]
    values = [v for _, v in pts]
    out = {"level": level, "n_points": n, "warnings": set()}
    if n == 0:
        raise ValueError(f"{case.id}: no point from {from_year} on")
    out["first_year"], out["latest_year"], out["latest_value"] = years[0], years[-1], values[-1]
    t_n, y_n = years[-1], values[-1]

    # implausible:YEAR, a unit slip: 10+ times away from both the target and the
    # series' median (both positive; a zero is not a slip of units).
    median = sorted(values)[n // 2] if n % 2 else (sorted(values)[n // 2 - 1] + sorted(values)[n // 2]) / 2
    refs = [median]
    if "comparator" in target:
        refs.append(target["value"])
    elif target.get("level"):
        refs.append(target["level"]["value"])
    implausible = []
    if "comparator" in target or target.get("level"):
        for y, v in pts:
            if v > 0 and all(r > 0 for r in refs):
                far = [dec.compare(f"implausible {y} vs {r}", max(v / r, r / v), IMPLAUSIBLE) >= 0 for r in refs]
                if all(far):
                    implausible.append(y)
    for y in implausible:
        out["warnings"].add(f"implausible:{y}")

    scale, fallback = choose_scale(unit, extra, values, scale_override)
    # tau_b is the catalog's tolerance for a target on a bound, else the default.
    lower, upper = bounds_of(unit, extra)
    on_bound = target.get("comparator") in ("ge", "le") and target["value"] == (
        upper if target["comparator"] == "ge" else lower)
    scale.set_clamp(values, target.get("tolerance", TAU_B) if on_bound else TAU_B)
    out["scale"] = scale.kind
    if fallback:
        out["warnings"].add("scale_fallback")
    used = [scale.clamp(v) for v in values]
    if any(u != v for u, v in zip(used, values)):
        out["warnings"].add("clamped")
    gs = [scale.g(u) for u in used]
    if t_n < current_year - 2:
        out["warnings"].add("stale")

    T = target.get("year", 2030)
    fit = None
    if n >= 2:
        line = Line(years, gs)
        s = None
        if n >= 3:
            s = math.sqrt(line.ssr / (n - 2))
            if dec.zero_spread(s, ZERO_SPREAD_FACTOR * EPS * max(abs(g) for g in gs)):
                s = 0.0
        usable = s is not None and s > 0
        tq = t_quantile((1 + level) / 2, n - 2) if usable else None

        def se(year):
            return s * math.sqrt(1 + 1 / n + (year - line.t_mean) ** 2 / line.sxx)

        def fitted(year):
            return scale.ginv(line.at(year))

        def interval(year):
            if not usable:
                return None, None
            half = tq * se(year)
            return scale.ginv(line.at(year) - half), scale.ginv(line.at(year) + half)

        fit = dict(line=line, s=s, usable=usable, se=se, fitted=fitted, interval=interval)
        out.update(slope=line.b, intercept=line.g_mean - line.b * line.t_mean, residual_sd=s,
                   method="ols_" + scale.kind,
                   annual_change=(fitted(t_n) - fitted(years[0])) / (t_n - years[0]))
        out["projection"] = [(y, fitted(y)) + interval(y) for y in range(min(years[0], T), max(t_n, T) + 1)]

        # volatile: n >= 4, RMSE in the unit over mean |y| above 10%.
        if n >= 4:
            rmse = math.sqrt(sum((v - fitted(y)) ** 2 for y, v in pts) / n)
            mean_abs = sum(abs(v) for v in values) / n
            if mean_abs > 0 and dec.compare("volatile", rmse / mean_abs, VOLATILE) > 0:
                out["warnings"].add("volatile")
        # outlier:YEAR: n >= 5, externally studentized residual on g past the Bonferroni bound.
        if n >= 5 and usable:
            bound = t_quantile(1 - 0.05 / (2 * n), n - 3)
            for (y, _), e in zip(pts, line.residuals):
                h = line.leverage(y)
                rest = (n - 2) * s * s - e * e / (1 - h)
                if dec.compare(f"outlier {y}: s_(i)^2 > 0", rest, 0.0, floor=(n - 2) * s * s) <= 0:
                    continue
                t_i = e / (math.sqrt(rest / (n - 3)) * math.sqrt(1 - h))
                if dec.compare(f"outlier {y}: |t| {abs(t_i):.6g} vs bound {bound:.6g}", abs(t_i), bound) > 0:
                    out["warnings"].add(f"outlier:{y}")
    else:
        for key in ("slope", "intercept", "residual_sd", "method", "annual_change"):
            out[key] = None
        out["projection"] = []

    def probability(rule, year):
        """P(meeting the rule at year) from the predictive t distribution on g."""
        if fit is None or not fit["usable"]:
            return None
        centre, spread, df = fit["line"].at(year), fit["se"](year), n - 2
        if rule.kind == "threshold":
            q = (scale.g_edge(rule.effective) - centre) / spread
            return float(stats.t.sf(q, df) if rule.cmp in ("ge", "gt") else stats.t.cdf(q, df))
        lo = (scale.g_edge(rule.low) - centre) / spread
        hi = (scale.g_edge(rule.high) - centre) / spread
        if lo > 0:  # the mass on the far tail, computed where it is not 1 - (almost 1)
            return float(stats.t.sf(lo, df) - stats.t.sf(hi, df))
        return float(stats.t.cdf(hi, df) - stats.t.cdf(lo, df))

    def judge(rule, year, label):
        """Status of a rule at a year (the target, or a milestone) with its pace fields."""
        j = dict(required_slope=None, required_annual_change=None, required_annual_rate=None,
                 progress_ratio=None, probability=None, passed=False)
        if t_n >= year:
            observed = dict(pts).get(year, y_n)
            j["passed"] = True
            j["status"] = "achieved" if rule.meets(dec, f"{label} at {year}", observed) else "missed"
            return j
        j["probability"] = probability(rule, year)
        if rule.meets(dec, f"{label}: latest", y_n):
            j["status"] = "achieved"
            return j
        cmp, aim = rule.aim(y_n)
        dt = year - t_n
        b_req = (scale.g_edge(aim) - scale.g(scale.clamp(y_n))) / dt
        j["required_slope"] = b_req
        j["required_annual_change"] = (aim - y_n) / dt
        if scale.kind == "log":
            j["required_annual_rate"] = math.expm1(b_req)
        if fit is None:
            j["status"] = "insufficient_data"
            return j
        line = fit["line"]
        r = line.b / b_req
        j["progress_ratio"] = r
        if slope_sign(dec, f"{label}: slope", line, scale.kind != "linear") * (1 if b_req > 0 else -1) <= 0:
            j["status"] = "reversing"
        elif dec.compare(f"{label}: R vs 1", r, 1.0) >= 0:
            j["status"] = "on_track"
        elif dec.compare(f"{label}: R vs 0.5", r, 0.5) >= 0:
            j["status"] = "acceleration_needed"
        else:
            j["status"] = "off_track"
        return j

    rule = None
    if "comparator" in target:
        rule = Target(unit, extra, target["comparator"], target["value"], target.get("value2"), target.get("tolerance"))
    elif target.get("direction") == "maintain" and target.get("level"):
        rule = Target(unit, extra, target["level"]["comparator"], target["level"]["value"])
    g_floor = max([abs(g) for g in gs] + [1e-300])

    if rule is not None:
        # The output's target.effective_value is y*_eff of a target on a bound (null
        # elsewhere, where it is y* itself), and target.tolerance then tau_b.
        if rule.kind == "threshold" and "comparator" in target:
            out["effective_value"] = rule.effective if rule.on_bound else None
            if rule.on_bound:
                out["tolerance"] = target.get("tolerance", TAU_B)
        if target.get("comparator") == "approx":
            out["tolerance"] = rule.tau
        j = judge(rule, T, "target")
        status = j["status"]
        out.update({k: j[k] for k in ("required_slope", "required_annual_change", "required_annual_rate",
                                        "progress_ratio", "probability")})
        out["gap"] = rule.gap(y_n)
        # gap / |y*_eff|; an "about" target outside its band is judged as a >= or <=
        # target at the nearest edge, which is then its y*_eff (0 inside the band).
        scale_of = abs(rule.aim(y_n)[1]) if rule.kind == "band" and out["gap"] > 0 else abs(
            rule.effective if rule.kind == "threshold" else rule.centre)
        out["gap_relative"] = out["gap"] / scale_of if scale_of > 0 else None

        g_T = fit["line"].at(T) if fit is not None else None
        # at_risk: achieved now, but the projection at T misses the (effective) target, on g.
        if status == "achieved" and not j["passed"] and fit is not None:
            line = fit["line"]
            tie = line.b == 0 and line.identical
            if rule.kind == "threshold":
                c = dec.compare("at_risk", g_T, scale.g_edge(rule.effective), floor=g_floor, tie_ok=tie)
                misses = {"ge": c < 0, "gt": c <= 0, "le": c > 0, "lt": c >= 0}[rule.cmp]
            else:
                misses = (dec.compare("at_risk low", g_T, scale.g_edge(rule.low), floor=g_floor, tie_ok=tie) < 0
                          or dec.compare("at_risk high", g_T, scale.g_edge(rule.high), floor=g_floor, tie_ok=tie) > 0)
            if misses:
                out["warnings"].add("at_risk")
        # "About" targets outside the band: overshooting past the far edge; never red within tau.
        cap_amber = False
        if target.get("comparator") == "approx" and status not in ("achieved", "missed", "insufficient_data"):
            below = y_n < rule.low
            if fit is not None:
                far = scale.g_edge(rule.high if below else rule.low)
                beyond = dec.compare("overshooting", g_T, far, floor=g_floor)
                if (beyond > 0) if below else (beyond < 0):
                    status = "overshooting"
            cap_amber = dec.compare("within tau of the band", rule.distance(y_n), rule.tau) < 0
        if status == "missed" and target.get("comparator") == "approx":
            cap_amber = dec.compare("within tau of the band", rule.distance(y_n), rule.tau) < 0
        out["status"] = status
        colour = {"achieved": "green", "on_track": "green", "acceleration_needed": "amber", "overshooting": "amber",
                  "off_track": "red", "reversing": "red", "missed": "red", "insufficient_data": "none"}.get(status)
        if colour == "red" and cap_amber:
            colour = "amber"
        out["status_severity"] = colour

        out["checkpoint"] = checkpoint(dec, every, t_n, y_n, rule, scale, T, fit)
        out["milestones"] = []
        for m in case.extra.get("milestones", []):
            mrule = Target(unit, extra, m["comparator"], m["value"])
            mj = judge(mrule, m["year"], f"milestone {m['year']}")
            if mj["status"] == "achieved" and mj["passed"]:
                mj["status"] = "met"
            out["milestones"].append(dict(year=m["year"], status=mj["status"],
                                          projected=fit["fitted"](m["year"]) if fit else None,
                                          probability=mj["probability"],
                                          required_annual_change=mj["required_annual_change"],
                                          progress_ratio=mj["progress_ratio"]))
            if mj["status"] == "missed":
                out["warnings"].add(f"milestone_missed:{m['year']}")
    else:
        out["gap"] = out["probability"] = out["checkpoint"] = None
        for key in ("required_slope", "required_annual_change", "required_annual_rate", "progress_ratio"):
            out[key] = None
        direction = target["direction"]
        if direction in ("increase", "decrease", "slow_increase"):
            out["status"], out["directional"] = directional(dec, direction, unit, years, values)
        elif direction == "other":
            out["status"] = "not_assessed"  # "not judged; the trend is still drawn"

    if implausible:
        out["status"] = "not_assessed"
        out["reason"] = f"implausible:{implausible[0]}"
        out["status_severity"] = "none"

    # Severity: the worst of the status's colour (after the cap) and the warnings'.
    warn_colour = "none"
    for w in out["warnings"]:
        kind = w.split(":")[0]
        if kind == "milestone_missed":
            warn_colour = "red"
        elif kind in ("volatile", "at_risk", "outlier", "small_numbers", "implausible") and warn_colour != "red":
            warn_colour = "amber"
    colour = out.get("status_severity")
    if colour is not None:  # (METHODS.md gives no colour to directional statuses)
        order = ["none", "green", "amber", "red"]
        out["severity"] = order[max(order.index(colour), order.index(warn_colour))]
    return out, dec.fragile


def checkpoint(dec, every, t_n, y_n, rule, scale, T, fit):
    """Expected progress to date: the glide path from the base (2020, else the first
    point of the whole series, whatever the window) to y*_eff at T, straight on g.

    For a band (an "about" target or a range) with the base outside it, y*_eff is
    the edge nearest the base: outside, the band is judged as a >= or <= target at
    that edge. With the base inside, the path is the target itself (its centre),
    and meeting it (being inside the band) is ahead."""
    series = dict(every)
    t_base = BASE_YEAR if BASE_YEAR in series else every[0][0]
    y_base = series[t_base]
    if t_base >= T or t_n < t_base:
        return None
    base_meets = rule.meets(dec, "checkpoint: base meets", y_base)
    if rule.kind == "threshold":
        goal = rule.effective
    else:
        goal = rule.centre if base_meets else rule.aim(y_base)[1]
    if base_meets:
        def path(year):
            return goal
        share_done = None
    else:
        if scale.clamp(y_base) != y_base:
            dec.fragile.append("checkpoint: a base on a bound that does not meet the target (METHODS.md is silent on its clamp)")
        g0, g1 = scale.g(scale.clamp(y_base)), scale.g_edge(goal)

        def path(year):
            return scale.ginv(g0 + (g1 - g0) * (year - t_base) / (T - t_base))
        share_done = (y_n - y_base) / (goal - y_base)

    def position(what, y, p):
        if rule.kind == "band" and base_meets:
            return "ahead" if rule.meets(dec, what, y) else "behind"
        if rule.kind == "band":
            dy, dp = rule.distance(y), rule.distance(p)
            if dy == dp:
                return "on_path"
            if dec.rounding_equal(what, abs(dy - dp) / max(abs(y), abs(p))):
                return "on_path"
            return "ahead" if dy < dp else "behind"
        if y == p or dec.rounding_equal(what, abs(y - p) / max(abs(y), abs(p))):
            return "on_path"
        better = y > p if rule.cmp in ("ge", "gt") else y < p
        return "ahead" if better else "behind"

    cp = dict(base_year=t_base, base_value=y_base, target_value=goal, base_meets_target=base_meets,
              share_done=share_done,
              share_time=(t_n - t_base) / (T - t_base))
    if t_n <= T:  # past T the path is not defined
        cp["expected_at_latest"] = path(t_n)
        cp["position"] = position("checkpoint position", y_n, path(t_n))
    if fit is not None and t_base < MID_TERM < T:
        cp["path_mid_term"] = path(MID_TERM)
        cp["projected_mid_term"] = fit["fitted"](MID_TERM)
        cp["position_mid_term"] = position("mid-term position", fit["fitted"](MID_TERM), path(MID_TERM))
    return cp


def directional(dec, direction, unit, years, values):
    """Status of an increase / decrease / slow_increase target, and the numbers behind it."""
    n = len(years)
    if direction == "slow_increase":
        if n < 4:
            return "insufficient_data", {}
        k = (n + 1) // 2
        early = Line(years[:k], values[:k])
        late = Line(years[n - k:], values[n - k:])
        info = {"earlier_slope": early.b, "later_slope": late.b}
        larger = max(abs(early.b), abs(late.b))
        if early.b == late.b:
            return "not_slowing", info
        if larger == 0 or dec.rounding_equal("slow_increase: slopes equal", abs(early.b - late.b) / larger):
            return "not_slowing", info
        return ("slowing" if late.b < early.b else "not_slowing"), info
    if n < 2:
        return "insufficient_data", {}
    if unit == "percent":
        line = Line(years, values)
        rate, threshold = line.b, 0.5
    elif all(v > 0 for v in values):
        line = Line(years, [math.log(v) for v in values])
        rate, threshold = math.expm1(line.b), 0.01
    else:
        line = Line(years, values)
        mean = sum(values) / n
        rate, threshold = line.b / mean, 0.01
    signed = rate if direction == "increase" else -rate
    info = {"rate": rate, "threshold": threshold}
    if dec.compare("directional: threshold", abs(signed), threshold) > 0:
        return ("significant_progress" if signed > 0 else "significant_away"), info
    sign = slope_sign(dec, "directional: slope", line, unit != "percent" and all(v > 0 for v in values)) * (1 if direction == "increase" else -1)
    return ("moderate_progress" if sign > 0 else "moderate_away"), info
