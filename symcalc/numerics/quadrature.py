"""nintegrate: numeric definite integrals of an expression.

The default is adaptive Gauss--Kronrod quadrature (7-point Gauss, 15-point Kronrod, as in
QUADPACK's QAG): each interval gets a Kronrod estimate and an error estimate from the
difference with the embedded Gauss rule; the interval with the largest error is
bisected until the total error is small enough. The integrand is compiled once and
evaluated on all the nodes of a step in one vectorized call. Infinite bounds are mapped
to a finite interval (x = a + t/(1 - t) on [a, oo), x = t/(1 - t^2) on (-oo, oo)).
Several limits give an iterated integral, innermost first; inner bounds may depend on
outer variables.

>>> import symcalc as sc
>>> from symcalc.numerics import nintegrate
>>> x, y = sc.symbols("x y")
>>> nintegrate(x**2, (x, 0, 2))
2.666666666666...
>>> nintegrate(sc.exp(-x**2), (x, 0, sc.oo))
0.886226925452...
>>> nintegrate(x * y, (y, 0, 1), (x, 0, 2))
1.0
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from ..core import Expr, Symbol, as_expr
from ..errors import QuadratureError
from .objective import as_symbols

EPS = 2.220446049250313e-16
OFLOW = 1.7976931348623157e308
METHODS = ("gauss-kronrod", "simpson", "trapezoid", "riemann", "montecarlo")
RULES = ("left", "right", "midpoint")
#: textbook rules: a change from n/4 to n/2 subintervals less than this times the one
#: from n/2 to n means the sums do not converge (a converging rule of order p shrinks
#: it by 2^p; 1/sqrt x with the midpoint rule: sqrt 2; 1/x: 1, x on [0, oo): below 1)
CONVERGING = 1.25
_ORDER = {"trapezoid": 2, "simpson": 4, "left": 1, "right": 1, "midpoint": 2}


class IntegrationWarning(UserWarning):
    """nintegrate(..., full=True) returns an estimate whose error is above the tolerance."""

# QUADPACK qk15: Kronrod abscissae on [0, 1) (the Gauss nodes are the odd ones and 0)
_XK = (0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
       0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
       0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
       0.207784955007898467600689403773245, 0.0)
_WK = (0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
       0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
       0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
       0.204432940075298892414161999234649, 0.209482141084727828012999174891714)
_WG = (0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
       0.381830050505118944950369775488975, 0.417959183673469387755102040816327)


class QuadResult(NamedTuple):
    """The value of an integral, its error estimate (the standard error for Monte
    Carlo) and the number of integrand evaluations."""

    value: float
    error: float
    neval: int

    def __float__(self) -> float:
        return self.value


_RULE: Any = None


def _rule() -> tuple[Any, Any, Any]:
    """Nodes on [-1, 1] (15), Kronrod weights, and the (15, 2) matrix of the Kronrod
    and the Gauss weights (zero at the Kronrod-only nodes)."""
    global _RULE
    if _RULE is None:
        import numpy as np

        xk = np.array(_XK)
        nodes = np.concatenate([-xk[:-1], xk[::-1]])
        wk = np.concatenate([np.array(_WK[:-1]), np.array(_WK[::-1])])
        wg = np.zeros(15)
        gauss = {1: _WG[0], 3: _WG[1], 5: _WG[2], 7: _WG[3]}
        for i in range(15):
            j = i if i < 7 else 14 - i  # index into _XK
            if j in gauss:
                wg[i] = gauss[j]
        _RULE = (nodes, wk, np.stack([wk, wg], axis=1))
    return _RULE


def _gk15(f: Any, a: Any, b: Any, absolute: list | None = None
          ) -> tuple[list[float], list[float]]:
    """Kronrod estimates and QUADPACK's error estimates on the intervals [a_i, b_i]
    (sequences of floats), with one call of the vectorized f for all their nodes.

    The error estimate is qk15's: |K - G| h, scaled as resasc min(1, (200 |K - G| h /
    resasc)^1.5), where resasc is the integral of |f - mean f|, and never below 50 eps
    times the integral of |f| (the rounding level). The integrals of |f| are appended
    to ``absolute`` when it is given."""
    import numpy as np

    nodes, wk, wkg = _rule()
    c = np.array(a, dtype=float)
    h = (np.array(b, dtype=float) - c) * 0.5
    c += h
    fv = f(c[:, None] + h[:, None] * nodes)
    kg = fv @ wkg
    dev = np.abs(fv - kg[:, :1] * 0.5) @ wk
    absf = np.abs(fv) @ wk
    vals, errs = [], []
    for i in range(len(c)):
        hi = float(h[i])
        resk = float(kg[i, 0])
        err = abs((resk - float(kg[i, 1])) * hi)
        resasc = float(dev[i]) * abs(hi)
        resabs = float(absf[i]) * abs(hi)
        if resasc != 0.0 and err != 0.0:
            err = resasc * min(1.0, (200.0 * err / resasc) ** 1.5)
        if resabs > 2.2250738585072014e-308 / (50 * EPS):
            err = max(50 * EPS * resabs, err)
        vals.append(resk * hi)
        errs.append(err)
        if absolute is not None:
            absolute.append(resabs)
    return vals, errs


def _epsilon(tab: list[float], last3: list[float]) -> tuple[float, float]:
    """One step of Wynn's epsilon algorithm, as QUADPACK's dqelg.

    ``tab`` is the lower diagonal of the epsilon table (even columns only) with the newest
    term of the sequence appended; it is replaced in place by the new diagonal (at most 49
    entries, shorter where the table becomes irregular). Returns the element of the new
    diagonal with the smallest error estimate and, as the error, the spread of the last
    three such values (``last3``, kept by the caller; no estimate before there are three).
    """
    n = num = len(tab)
    e = [0.0, *tab, 0.0, tab[-1]]  # 1-based as in dqelg: e[n + 2] is the newest term
    result, abserr = tab[-1], OFLOW
    if n < 3:
        return result, max(abserr, 5 * EPS * abs(result))
    e[n] = OFLOW
    newelm = (n - 1) // 2
    k1 = n
    for i in range(1, newelm + 1):
        # e0, e1, e2 consecutive in one column, e3 left of e1, the new element right of it
        e0, e1, e2 = e[k1 - 2], e[k1 - 1], e[k1 + 2]
        err2, tol2 = abs(e2 - e1), max(abs(e2), abs(e1)) * EPS
        err3, tol3 = abs(e1 - e0), max(abs(e1), abs(e0)) * EPS
        if err2 <= tol2 and err3 <= tol3:  # converged to rounding: no table update
            return e2, max(err2 + err3, 5 * EPS * abs(e2))
        e3, e[k1] = e[k1], e1
        err1, tol1 = abs(e1 - e3), max(abs(e1), abs(e3)) * EPS
        ss = 0.0
        if err1 > tol1 and err2 > tol2 and err3 > tol3:
            ss = 1.0 / (e1 - e3) + 1.0 / (e2 - e1) - 1.0 / (e1 - e0)
        if abs(ss * e1) <= 1e-4:  # irregular (two equal elements, or a huge new one)
            n = 2 * i - 1  # keep the part of the diagonal computed so far
            break
        res = e1 + 1.0 / ss
        e[k1] = res
        k1 -= 2
        error = err2 + abs(res - e2) + err3
        if error <= abserr:
            abserr, result = error, res
    n = min(n, 49)
    ib = 1 if num % 2 else 2
    for _ in range(newelm + 1):  # shift the new diagonal into place
        e[ib] = e[ib + 2]
        ib += 2
    tab[:] = e[num - n + 1:num + 1]
    if len(last3) < 3:
        last3.append(result)
        abserr = OFLOW
    else:
        abserr = sum(abs(result - r) for r in last3)
        last3[:] = [*last3[1:], result]
    return result, max(abserr, 5 * EPS * abs(result))


def _adaptive(f: Any, a: float, b: float, epsabs: float, epsrel: float, limit: int
              ) -> tuple[QuadResult, str]:
    """Global adaptive Gauss--Kronrod on [a, b] (finite) for a vectorized f, with Wynn
    epsilon extrapolation as in QUADPACK's QAGS (dqagse).

    The interval with the largest error is bisected. Once that interval is among the
    smallest ones (length at most ``small``), the larger intervals are bisected until
    their error is below the tolerance, then the sequence of totals is extrapolated and
    ``small`` halved. The result is the extrapolated value once its error estimate meets
    the tolerance, or the plain sum once its error does (or when the limit is reached and
    the sum is the better of the two).

    The status is "ok", "unconverged" (the error estimate is above the tolerance) or
    "divergent" (QUADPACK's test, ier = 6: an extrapolated value that differs from the
    plain sum by more than a factor 100 in size or in sign, or a sum whose error exceeds
    it: 1/x^2 on [0, 1] extrapolates to -1)."""
    defabs: list[float] = []
    val, err = _gk15(f, [a], [b], defabs)
    neval = 15
    v0, e0 = val[0], err[0]
    if not (math.isfinite(v0) and math.isfinite(e0)):
        return QuadResult(math.nan, math.nan, neval), "infinite"
    # the integrand keeps one sign (as far as the first rule sees)
    ksgn = 1 if abs(v0) >= (1.0 - 50 * EPS) * defabs[0] else -1
    ivs = [[a, b, v0, e0]]  # subintervals: lo, hi, value, error
    area, errsum = v0, e0
    result, abserr = v0, OFLOW  # the best extrapolated value so far
    tab: list[float] = [v0]
    last3: list[float] = []
    small = abs(b - a) * 0.375
    erlarg = ertest = correc = 0.0  # erlarg: the error on the intervals longer than small
    extrap = noext = converged = False
    ier = ierro = ktmin = iroff1 = iroff2 = iroff3 = 0
    cur = ivs[0]
    if errsum <= max(epsabs, epsrel * abs(area)):
        converged = True
    while not converged:
        lo, hi, v, e = cur
        mid = 0.5 * (lo + hi)
        if not lo < mid < hi or abs(hi - lo) <= 100 * EPS * max(abs(lo), abs(hi), 1e-300):
            break  # the worst interval cannot be split further: rounding limits accuracy
        (v1, v2), (e1, e2) = _gk15(f, [lo, mid], [mid, hi])
        neval += 30
        if not all(math.isfinite(t) for t in (v1, v2, e1, e2)):
            return QuadResult(math.nan, math.nan, neval), "infinite"
        area += v1 + v2 - v
        errsum += e1 + e2 - e
        if abs(v - (v1 + v2)) <= 1e-5 * abs(v1 + v2) and e1 + e2 >= 0.99 * e:
            iroff1, iroff2 = (iroff1, iroff2 + 1) if extrap else (iroff1 + 1, iroff2)
        if len(ivs) > 10 and e1 + e2 > e:
            iroff3 += 1
        cur[1:] = [mid, v1, e1]
        ivs.append([mid, hi, v2, e2])
        errbnd = max(epsabs, epsrel * abs(area))
        if iroff1 + iroff2 >= 10 or iroff3 >= 20:
            ier = 2  # rounding errors prevent the tolerance
        if iroff2 >= 5:
            ierro = 3
        if len(ivs) >= limit:
            ier = 1
        if errsum <= errbnd:
            converged = True
            break
        if ier:
            break
        cur = max(ivs, key=lambda iv: iv[3])
        if len(ivs) == 2:  # the first bisection
            erlarg, ertest = errsum, errbnd
            tab.append(area)
            continue
        if noext:
            continue
        erlarg += (e1 + e2 if mid - lo > small else 0.0) - e
        if not extrap:
            if cur[1] - cur[0] > small:
                continue
            extrap = True  # the worst interval is a small one
        if ierro != 3 and erlarg > ertest:
            large = [iv for iv in ivs if iv[1] - iv[0] > small]
            if large:  # bisect the larger intervals first
                cur = max(large, key=lambda iv: iv[3])
                continue
        tab.append(area)
        reseps, abseps = _epsilon(tab, last3)
        ktmin += 1
        if ktmin > 5 and abserr < 1e-3 * errsum:
            ier = 5  # extrapolation does not improve
        if abseps < abserr:
            ktmin, abserr, result, correc = 0, abseps, reseps, erlarg
            ertest = max(epsabs, epsrel * abs(reseps))
            if abserr <= ertest:
                break
        noext = len(tab) == 1
        if ier == 5:
            break
        extrap, small, erlarg = False, small * 0.5, errsum
    total = math.fsum(iv[2] for iv in ivs)
    errsum = math.fsum(iv[3] for iv in ivs)
    if not converged and abserr < OFLOW:
        if ierro == 3:
            abserr += correc
        if ier + ierro == 0 or (abserr / abs(result) <= errsum / abs(total)
                                if result != 0 and total != 0 else abserr <= errsum):
            r = QuadResult(result, abserr, neval)
            if not (ksgn < 0 and max(abs(result), abs(total)) <= 0.01 * defabs[0]):
                if total == 0 or not 0.01 <= result / total <= 100 or errsum > abs(total):
                    return r, "divergent"
            return r, _status(r, epsabs, epsrel)
    r = QuadResult(total, errsum, neval)
    return r, "ok" if converged else _status(r, epsabs, epsrel)


def _status(r: QuadResult, epsabs: float, epsrel: float) -> str:
    ok = r.error <= max(epsabs, epsrel * abs(r.value)) or not math.isfinite(r.value)
    return "ok" if ok else "unconverged"


def _rule_sum(fv: Any, h: float, method: str) -> float:
    """The trapezoid or Simpson sum over equally spaced values fv (step h)."""
    if method == "trapezoid":
        return float(h * (fv.sum() - 0.5 * (fv[0] + fv[-1])))
    return float(h / 3.0 * (fv[0] + fv[-1] + 4.0 * fv[1:-1:2].sum() + 2.0 * fv[2:-1:2].sum()))


def _fixed(f: Any, a: float, b: float, n: int, method: str,
           open_ends: tuple[bool, bool] = (False, False)) -> tuple[QuadResult, list[float]]:
    """Composite Simpson or trapezoid with n subintervals; the error estimate is the
    Richardson difference with the rule on every other point (|S_n - S_n/2| / 15 and
    |T_n - T_n/2| / 3). An end in ``open_ends`` (the image of an infinite bound) is not
    evaluated: its value is extrapolated quadratically from the three nearest nodes.
    Also returns the rule with n, n/2 and n/4 subintervals, as far as the nodes allow."""
    import numpy as np

    if method == "simpson" and n % 2:
        n += 1
    n = max(n, 4) if any(open_ends) else n
    t = np.linspace(a, b, n + 1)
    raw = np.array(f(t[None, :])[0], dtype=float)

    def ends(fv: Any) -> Any:  # each coarser rule extrapolates from its own nodes
        fv = fv.copy()
        if open_ends[0]:
            fv[0] = 3.0 * fv[1] - 3.0 * fv[2] + fv[3]
        if open_ends[1]:
            fv[-1] = 3.0 * fv[-2] - 3.0 * fv[-3] + fv[-4]
        return fv

    h = (b - a) / n
    per = 1 if method == "trapezoid" else 2  # subintervals per panel of the rule
    seq = [_rule_sum(ends(raw[::k]), k * h, method) for k in (1, 2, 4)
           if n % (k * per) == 0 and (n // k >= 4 or not any(open_ends))]
    err = abs(seq[0] - seq[1]) / (3.0 if method == "trapezoid" else 15.0) \
        if len(seq) > 1 else math.nan
    return QuadResult(seq[0], float(err), n + 1), seq


def _mapped(f: Any, a: float, b: float) -> tuple[Any, float, float]:
    """f and its interval (a < b), with infinite bounds mapped to a finite interval."""
    import numpy as np

    if math.isfinite(a) and math.isfinite(b):
        return f, a, b
    if math.isfinite(a):  # [a, oo): x = a + t / (1 - t), dx = dt / (1 - t)^2
        def g1(t: Any) -> Any:
            with np.errstate(all="ignore"):
                d = 1.0 - t
                out = f(a + t / d) / (d * d)
            return np.where(t < 1.0, out, 0.0)

        return g1, 0.0, 1.0
    if math.isfinite(b):  # (-oo, b]: x = b - t / (1 - t)
        def g3(t: Any) -> Any:
            with np.errstate(all="ignore"):
                d = 1.0 - t
                out = f(b - t / d) / (d * d)
            return np.where(t < 1.0, out, 0.0)

        return g3, 0.0, 1.0

    def g2(t: Any) -> Any:  # (-oo, oo): x = t / (1 - t^2), dx = (1 + t^2) / (1 - t^2)^2 dt
        with np.errstate(all="ignore"):
            d = 1.0 - t * t
            out = f(t / d) * (1.0 + t * t) / (d * d)
        return np.where(np.abs(t) < 1.0, out, 0.0)

    return g2, -1.0, 1.0


def _riemann(f: Any, a: float, b: float, n: int, rule: str
             ) -> tuple[QuadResult, list[float]]:
    """The Riemann sum with n subintervals of width h, f at their left ends, right ends
    or midpoints (errors O(h), O(h), O(h^2)); the error estimate is the Richardson
    difference with n/2 subintervals: |R_n - R_n/2| for the end rules, |M_n - M_n/2| / 3
    for the midpoint rule (nan for odd n). The image of an infinite bound counts as 0.
    Also returns the sums with n, n/2 and n/4 subintervals, as far as n allows."""
    import numpy as np

    h = (b - a) / n
    shift = {"left": 0.0, "right": 1.0, "midpoint": 0.5}[rule]
    fv = np.asarray(f((a + h * (np.arange(n) + shift))[None, :])[0], dtype=float)
    seq = [h * math.fsum(fv)]
    neval = n
    for k in (2, 4):
        if n % k:
            break
        if rule == "midpoint":  # the midpoints of wider cells are new nodes
            t = a + k * h * (np.arange(n // k) + 0.5)
            g = np.asarray(f(t[None, :])[0], dtype=float)
            neval += n // k
        else:
            g = fv[0::k] if rule == "left" else fv[k - 1::k]
        seq.append(k * h * math.fsum(g))
    err = abs(seq[0] - seq[1]) / (3.0 if rule == "midpoint" else 1.0) if len(seq) > 1 \
        else math.nan
    return QuadResult(float(seq[0]), float(err), neval), seq


def _textbook(f: Any, a: float, b: float, n: int, method: str, rule: str
              ) -> tuple[QuadResult, str]:
    """A composite rule on [a, b] (one end may be infinite), with its status: "infinite"
    where the sum is, "unconverged" where halving n moves it by more than TEXTBOOK_RTOL."""
    g, lo, hi = _mapped(f, a, b)
    if method == "riemann":
        r, seq = _riemann(g, lo, hi, n, rule)
    else:
        # the image of an infinite bound is t = 1 ((-oo, oo) is split before)
        r, seq = _fixed(g, lo, hi, n, method, (False, math.isinf(a) or math.isinf(b)))
    if not all(math.isfinite(v) for v in seq):
        return r, "infinite"
    # changes at the rounding level (a rule exact for the integrand) say nothing
    noise = 1e-12 * max(abs(v) for v in seq) + 1e-300
    if len(seq) == 3 and abs(seq[0] - seq[1]) > noise:
        # the order the sums show, where it is below the rule's (1/sqrt x: 1/2, not 2)
        d1, d2 = abs(seq[0] - seq[1]), abs(seq[1] - seq[2])
        nominal = 2.0 ** _ORDER[rule if method == "riemann" else method]
        r = r._replace(error=max(r.error, d1 / (min(nominal, d2 / d1) - 1.0))
                       if d2 / d1 > 1.0 else math.inf)
    if math.isinf(r.error):
        return r, "unconverged"
    if len(seq) == 3:
        # a rule that converges shrinks the change at each doubling of n (by 2^order); a
        # sum that grows with n (x on [0, oo), 1/x on [0, 1]) does not
        d1, d2 = abs(seq[0] - seq[1]), abs(seq[1] - seq[2])
        if d1 > noise and d2 < CONVERGING * d1:
            return r, "unconverged"
    return r, "ok"


_RANK = {"ok": 0, "unconverged": 1, "unresolved": 1, "infinite": 2, "divergent": 3}


def _split_line(one: Any, f: Any, a: float, b: float) -> tuple[QuadResult, str]:
    """one(f, a, b) on [a, b], and on (-oo, 0] and [0, oo) separately for the whole line:
    an improper integral converges when both halves do (x over the line has no value,
    however symmetric)."""
    if math.isinf(a) and math.isinf(b):
        (r1, s1), (r2, s2) = one(f, a, 0.0), one(f, 0.0, b)
        if s1 != "ok" or s2 != "ok":  # the half that fails, for the message
            return (r1, s1) if _RANK[s1] >= _RANK[s2] else (r2, s2)
        r = QuadResult(r1.value + r2.value, r1.error + r2.error, r1.neval + r2.neval)
        return r, "ok"
    return one(f, a, b)


def _gauss_kronrod(f: Any, a: float, b: float, half: float | None, epsabs: float,
                   epsrel: float, limit: int) -> tuple[QuadResult, str]:
    """Adaptive Gauss--Kronrod on [a, b] (a < b), infinite ends mapped; on an infinite
    range where that does not converge, an integrand that oscillates with one known
    half-period is summed period by period (see _periodic)."""
    def one(f_: Any, a_: float, b_: float) -> tuple[QuadResult, str]:
        g, lo, hi = _mapped(f_, a_, b_)
        r0, st0 = _adaptive(g, lo, hi, epsabs, epsrel, limit)
        if st0 == "ok" or half is None or not (math.isinf(a_) or math.isinf(b_)):
            return r0, st0
        if math.isinf(a_):  # (-oo, b]: x -> -x
            r, st_ = _periodic(lambda t: f_(-t), -b_, half, epsabs, epsrel, limit)
        else:
            r, st_ = _periodic(f_, a_, half, epsabs, epsrel, limit)
        r = r._replace(neval=r.neval + r0.neval)
        return (r, st_) if st_ != "undecided" else (r0._replace(neval=r.neval), st0)

    return _split_line(one, f, a, b)


#: numbers of half-periods summed by _periodic, stage by stage
PERIODS = (50, 100, 200, 400)


def _periodic(f: Any, a: float, half: float, epsabs: float, epsrel: float, limit: int
              ) -> tuple[QuadResult, str]:
    """The integral over [a, oo) of an integrand that oscillates with half-period
    ``half``, as the limit of the sums over [a, a + k half] (QUADPACK's QAWF idea): the
    integrals I_k over the half-periods are computed (Gauss--Kronrod, refined where
    needed) and their partial sums extrapolated with Wynn's epsilon algorithm, with 50,
    100, 200, then 400 half-periods.

    "ok" when the I_k alternate in sign with decreasing magnitudes that tend to 0
    (Leibniz: the value then lies between consecutive partial sums, which is checked)
    and the extrapolation meets the tolerance, or when the later I_k are negligible
    (exp(-x) sin x); "divergent" when after 400 half-periods they have not shrunk
    (sin x: +-2 for ever); "undecided" otherwise (sin(x)^2/x^2 does not alternate)."""
    import numpy as np

    vals: list[float] = []
    errs: list[float] = []
    absv: list[float] = []  # the integrals of |f|: cos over [k pi, (k + 1) pi] is 0
    neval = 0
    for stage in PERIODS:
        k0 = len(vals)
        edges = a + half * np.arange(k0, stage + 1)
        v, e = _gk15(f, edges[:-1], edges[1:], absv)
        neval += 15 * (stage - k0)
        tol = max(epsabs, epsrel * max(abs(t) for t in vals + v))
        for i in range(len(v)):
            if not (math.isfinite(v[i]) and math.isfinite(e[i])):
                return QuadResult(math.nan, math.nan, neval), "undecided"
            if e[i] > 1e-3 * tol:
                r, _ = _adaptive(f, float(edges[i]), float(edges[i + 1]), 1e-3 * tol,
                                 epsrel * 1e-3, limit)
                v[i], e[i], neval = r.value, r.error, neval + r.neval
        vals += v
        errs += e
        r, status = _periodic_sum(vals, errs, absv, tol, epsabs, epsrel,
                                  final=stage == PERIODS[-1])
        if status != "more":
            return QuadResult(r[0], r[1], neval), status
    raise AssertionError("unreachable")  # pragma: no cover


def _periodic_sum(vals: list[float], errs: list[float], absv: list[float], tol: float,
                  epsabs: float, epsrel: float, final: bool
                  ) -> tuple[tuple[float, float], str]:
    """The checks and the extrapolation of _periodic for the I_k found so far (and the
    integrals of |f| over the same half-periods); "more" when more half-periods may
    decide."""
    import numpy as np

    n = len(vals)
    mag = np.array(absv)
    tail = np.array(vals[n // 2:])
    if float(mag[n // 2:].max()) <= 1e-3 * tol:  # the later half-periods add nothing
        return (math.fsum(vals), math.fsum(errs) + float(mag[n // 2:].sum())), "ok"

    def level(k: int) -> float:  # |I| around k, averaged over 4 neighbours
        return float(mag[k - 2:k + 2].mean())

    a1, a2, a3 = level(n // 4), level(n // 2), level(n - 3)
    if a3 >= 0.99 * a1:
        return (math.fsum(vals), math.inf), "divergent" if final else "more"
    alternate = bool(np.all(tail[1:] * tail[:-1] < 0))
    decreasing = bool(np.all(np.abs(tail[1:]) <= np.abs(tail[:-1]) * (1 + 1e-9)))
    # the limit of |I_k| by Aitken's process on the values at k = n/4, n/2, n (a power law
    # c k^-p gives 0; sin(x) (1/1000 + 1/x) gives 2/1000): it must be 0
    d1, d2 = a2 - a1, a3 - a2
    limit_mag = a3 - d2 * d2 / (d2 - d1) if d2 != d1 else a3
    if not (alternate and decreasing) or limit_mag > 0.05 * a3:
        return (math.fsum(vals), math.inf), "undecided" if final else "more"
    tab: list[float] = []
    last3: list[float] = []
    partial = 0.0
    res, err = 0.0, math.inf
    sums = []
    for v in vals:
        partial += v
        sums.append(partial)
        tab.append(partial)
        res, err = _epsilon(tab, last3)
    err += math.fsum(errs)
    lo, hi = sorted(sums[-2:])
    if not lo - err <= res <= hi + err or err > max(epsabs, epsrel * abs(res)):
        return (res, err), "undecided" if final else "more"
    return (res, err), "ok"


def _half_period(e: Expr, x: Symbol) -> float | None:
    """pi/|w| when every sin and cos of e that involves x has an argument w x + c (w a
    number, one for all of them); None otherwise."""
    from ..calculus import diff

    ws: list[float] = []
    for s in e.preorder():
        if s.is_Function and s.fdef.name in ("sin", "cos") and x in s.free_symbols:
            w = diff(s.args[0], x)
            if w.free_symbols:
                return None
            try:
                wv = abs(float(w.evalf()))
            except (TypeError, ValueError, ArithmeticError):
                return None
            if not wv:
                return None
            ws.append(wv)
    if not ws or any(abs(w - ws[0]) > 1e-12 * ws[0] for w in ws):
        return None
    return math.pi / ws[0]


def _fail(status: str, r: QuadResult, expr: Any, x: Symbol, a: float, b: float, method: str,
          full: bool, epsabs: float, epsrel: float) -> None:
    """Raise the QuadratureError for a status other than "ok" (or, for an unconverged
    estimate with full=True, warn)."""
    import warnings

    where = f"nintegrate: the integral of {as_expr(expr)} over {x} from {_num(a)} to {_num(b)}"
    if status == "divergent":
        if math.isinf(r.error):
            why = "diverges: the integrals over successive periods do not shrink"
        else:
            why = (f"probably diverges: the extrapolated value {r.value:.6g} and the sum over "
                   f"the subintervals disagree (QUADPACK's divergence test)")
        raise QuadratureError(f"{where} {why}", r)
    if status == "infinite":
        hint = "" if method == "gauss-kronrod" else (
            " (a singularity at an end? gauss-kronrod and the midpoint rule never evaluate "
            "the ends)")
        raise QuadratureError(f"{where}: the {method} sum is not finite: the integrand is "
                              f"infinite or undefined (nan) at a node{hint}", r)
    if status == "unresolved":
        msg = (f"{where}: the {method} rule with n = {r.neval} nodes cannot resolve the "
               f"oscillation over an infinite range (its value {r.value:.6g} disagrees with "
               f"the period-by-period sum); use method='gauss-kronrod'")
    elif method == "gauss-kronrod":
        tol = max(epsabs, epsrel * abs(r.value))
        msg = (f"{where} did not converge: estimated error {r.error:.2g} > tolerance "
               f"{tol:.2g} after {r.neval} evaluations (value {r.value:.10g}); the integral "
               f"may diverge, or need a larger limit=, looser epsabs/epsrel, or a split at "
               f"a singularity")
    else:
        msg = (f"{where} did not converge: the {method} sums with n, n/2 and n/4 "
               f"subintervals do not settle (the change does not shrink as n doubles; "
               f"value {r.value:.6g}); the integral may diverge, or need a larger n")
    if not full:
        raise QuadratureError(msg + "; full=True returns the estimate with a warning", r)
    warnings.warn(msg, IntegrationWarning, stacklevel=4)


def _num(v: float) -> str:
    return "oo" if v == math.inf else "-oo" if v == -math.inf else f"{v:g}"


_CACHE: dict[tuple, Any] = {}
_CACHE_SIZE = 64


def _compiled(e: Expr, syms: list[Symbol], backend: str) -> Any:
    """The compiled function of e, cached (least recently used first out): expressions are
    hash-consed, so integrating the same integrand again skips compilation."""
    from ..compile.api import compile as compile_expr

    key = (e, tuple(syms), backend)
    fn = _CACHE.pop(key, None)
    if fn is None:
        fn = compile_expr(e, syms, backend=backend)
    _CACHE[key] = fn
    while len(_CACHE) > _CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]
    return fn


class _Bound:
    """One integration limit: a constant, or a compiled function of the outer variables."""

    def __init__(self, v: Any, outer: list[Symbol]) -> None:
        e = as_expr(v) if not isinstance(v, (int, float)) else None
        if e is None or not e.free_symbols:
            self.const: float | None = float(v) if e is None else float(e.evalf())
            self.fn = None
        else:
            extra = set(e.free_symbols) - set(outer)
            if extra:
                raise ValueError(f"nintegrate: the bound {e} depends on "
                                 f"{', '.join(sorted(map(str, extra)))}, which is not an "
                                 f"outer integration variable")
            self.const = None
            self.fn = _compiled(e, outer, "math")

    def __call__(self, outer_vals: list[float]) -> float:
        if self.const is not None:
            return self.const
        return float(self.fn(*outer_vals))  # type: ignore[misc]


_SETUPS: dict[Any, tuple] = {}


def _setup(expr: Any, limits: tuple) -> tuple[list[Symbol], Any, list, list]:
    """The integration variables, the compiled integrand (variables outermost first) and
    the bounds, checked, and the half-periods of oscillation."""
    if not limits:
        raise ValueError("nintegrate: give at least one limit (x, a, b)")
    syms: list[Symbol] = []
    bounds: list[tuple[Any, Any]] = []
    for lim in limits:
        if not isinstance(lim, (tuple, list)) or len(lim) != 3:
            raise ValueError(f"nintegrate: a limit is a tuple (x, a, b), got {lim!r}")
        syms.append(as_symbols([lim[0]])[0])
        bounds.append((lim[1], lim[2]))
    if len(set(syms)) != len(syms):
        raise ValueError("nintegrate: each variable may be integrated only once")
    e: Expr = as_expr(expr)
    extra = set(e.free_symbols) - set(syms)
    if extra:
        raise ValueError(f"nintegrate: the integrand has symbols that are not integration "
                         f"variables: {', '.join(sorted(map(str, extra)))}; substitute values "
                         f"first")
    d = len(syms)
    # compiled integrand, variables ordered outermost first
    order = syms[::-1]
    fc = _compiled(e, order, "numpy")
    lims = [None] * d
    for k in range(d):  # limit k (innermost first) may depend on limits k+1.. (outer)
        outer = order[:d - 1 - k]
        lims[k] = (_Bound(bounds[k][0], outer), _Bound(bounds[k][1], outer))
    # the half-period of each variable's oscillation, if any (see _periodic)
    return syms, fc, lims, [_half_period(e, s) for s in syms]


def nintegrate(expr: Any, *limits: Any, method: str = "gauss-kronrod", n: int | None = None,
               seed: int | None = 0, full: bool = False, epsabs: float = 1.49e-8,
               epsrel: float = 1.49e-8, limit: int = 200, rule: str = "midpoint") -> Any:
    """The definite integral of ``expr`` over ``limits`` (``(x, a, b)`` tuples, innermost
    first), as a float; with ``full=True`` a :class:`QuadResult` (value, error, neval).

    ``method``: ``"gauss-kronrod"`` (adaptive, to ``max(epsabs, epsrel |I|)``, at most
    ``limit`` subintervals; oscillatory integrands on infinite ranges are summed period
    by period and extrapolated), ``"simpson"``, ``"trapezoid"`` or ``"riemann"`` with
    ``rule="left"``, ``"right"`` or ``"midpoint"`` (composite, ``n`` subintervals,
    default 1000 in one dimension and 100 per dimension otherwise), or ``"montecarlo"``
    (``n`` uniform samples, default 100000, from ``numpy.random.default_rng(seed)``: the
    same seed gives the same value). Bounds may be numbers, expressions such as ``pi``
    or ``oo``, or expressions in outer variables. For iterated integrals the error is
    that of the outermost level.

    Never a number it cannot vouch for: a divergent integral raises
    :class:`~symcalc.errors.QuadratureError`, and so does one whose error estimate stays
    above the tolerance (with ``full=True`` that estimate is returned instead, with an
    :class:`IntegrationWarning`).
    """
    import numpy as np

    if method not in METHODS:
        raise ValueError(f"nintegrate: unknown method {method!r}; choose one of "
                         f"{', '.join(METHODS)}")
    if rule not in RULES:
        raise ValueError(f"nintegrate: unknown Riemann rule {rule!r}; choose one of "
                         f"{', '.join(RULES)}")
    if n is not None and (int(n) != n or n < 1):
        raise ValueError(f"nintegrate: n must be a positive integer, not {n}")
    try:
        key: Any = (expr, limits)
        setup = _SETUPS.get(key)
    except TypeError:  # unhashable limits (lists): no caching
        key, setup = None, None
    if setup is None:
        setup = _setup(expr, limits)
        if key is not None:
            _SETUPS[key] = setup
            while len(_SETUPS) > _CACHE_SIZE:
                del _SETUPS[next(iter(_SETUPS))]
    syms, fc, lims, halves = setup
    d = len(syms)
    counter = [0]

    def integrand(outer_vals: list[float]) -> Any:
        def f(t: Any) -> Any:
            counter[0] += t.size
            r = fc(*outer_vals, t)  # the compiled code silences NumPy's warnings itself
            if getattr(r, "shape", None) != t.shape:  # a constant integrand
                r = np.broadcast_to(np.asarray(r, dtype=float), t.shape)
            return r
        return f

    if method == "montecarlo":
        return _montecarlo(fc, lims, d, n or 100000, seed, full)

    npts = n or (1000 if d == 1 else 100)

    def level(k: int, outer_vals: list[float]) -> QuadResult:
        """The integral over limits k, k-1, ..., 0 with the outer values fixed."""
        a, b = lims[k][0](outer_vals), lims[k][1](outer_vals)
        if math.isnan(a) or math.isnan(b):
            raise ValueError(f"nintegrate: a bound of {syms[k]} is not a number")
        if k == 0:
            f = integrand(outer_vals)
        else:
            def f(t: Any) -> Any:
                out = np.empty(t.shape)
                for idx, tv in np.ndenumerate(t):
                    out[idx] = level(k - 1, outer_vals + [float(tv)]).value
                return out
        if a == b:
            return QuadResult(0.0, 0.0, 0)
        sign = 1.0
        if a > b:
            a, b, sign = b, a, -1.0
        if method == "gauss-kronrod":
            r, status = _gauss_kronrod(f, a, b, halves[k], epsabs, epsrel, limit)
        else:
            r, status = _split_line(lambda f_, a_, b_: _textbook(f_, a_, b_, npts, method, rule),
                                    f, a, b)
            if status == "ok" and halves[k] is not None and (math.isinf(a) or math.isinf(b)):
                # an oscillation over an infinite range crowds into the end of the mapped
                # interval, where a fixed rule cannot resolve it: checked against the
                # period-by-period sum
                ref, st_ = _gauss_kronrod(f, a, b, halves[k], epsabs, epsrel, limit)
                if st_ != "ok" or abs(r.value - ref.value) > max(10 * r.error,
                                                                 1e-6 * abs(ref.value)):
                    r, status = (ref, st_) if st_ != "ok" else (r, "unresolved")
        if status != "ok":
            _fail(status, r, expr, syms[k], a, b, method, full, epsabs, epsrel)
        return QuadResult(sign * r.value, r.error, r.neval)

    with np.errstate(all="ignore"):  # overflow and nan are judged by the rules, not shown
        r = level(d - 1, [])
    r = QuadResult(r.value, r.error, counter[0])
    return r if full else r.value


def _montecarlo(fc: Any, lims: list, d: int, n: int, seed: int | None, full: bool) -> Any:
    """Plain Monte Carlo: outer variables uniform on their interval, each inner one
    uniform on its interval given the outer values; the estimate is the mean of f times
    the product of the interval lengths, the error its standard error."""
    import numpy as np

    rng = np.random.default_rng(seed)
    vals: list[Any] = []
    weight = np.ones(n)
    for k in range(d - 1, -1, -1):
        lo_b, hi_b = lims[k]
        if lo_b.const is not None and hi_b.const is not None:
            a = np.full(n, lo_b.const)
            b = np.full(n, hi_b.const)
        else:
            a = np.array([lo_b(list(p)) for p in zip(*vals)]) if vals else np.full(n, lo_b())
            b = np.array([hi_b(list(p)) for p in zip(*vals)]) if vals else np.full(n, hi_b())
        u = rng.random(n)
        x, jac = _mc_map(u, a, b)
        vals.append(x)
        weight = weight * jac
    with np.errstate(all="ignore"):
        fv = np.broadcast_to(np.asarray(fc(*vals), dtype=float), (n,)) * weight
    fv = np.where(weight == 0, 0.0, fv)
    value = float(fv.mean())
    error = float(fv.std(ddof=1) / math.sqrt(n)) if n > 1 else math.inf
    r = QuadResult(value, error, n)
    if not math.isfinite(value):
        raise QuadratureError(f"nintegrate: the Monte Carlo mean is {value} (the integrand is "
                              f"infinite or undefined at a sample)", r)
    return r if full else r.value


def _mc_map(u: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """Samples u in [0, 1) mapped into [a, b] (infinite ends by t/(1 - t)), with the
    Jacobian of the map (signed: b < a reverses the integral)."""
    import numpy as np

    fa, fb = np.isfinite(a), np.isfinite(b)
    with np.errstate(all="ignore"):
        # both finite
        x = a + u * (b - a)
        jac = b - a
        # [a, oo) and (-oo, b]
        t = u / (1.0 - u)
        dt = 1.0 / (1.0 - u) ** 2
        up = fa & ~fb
        x = np.where(up, a + np.sign(b) * t, x)
        jac = np.where(up, np.sign(b) * dt, jac)
        down = ~fa & fb
        x = np.where(down, b + np.sign(a) * t, x)
        jac = np.where(down, -np.sign(a) * dt, jac)
        # (-oo, oo): t in (-1, 1), x = t / (1 - t^2)
        both = ~fa & ~fb
        s = 2.0 * u - 1.0
        dd = 1.0 - s * s
        x = np.where(both, s / dd, x)
        jac = np.where(both, np.where(a < b, 2.0, np.where(a > b, -2.0, 0.0))
                       * (1.0 + s * s) / dd ** 2, jac)
    return x, jac
