"""Line searches along a descent direction p from x: phi(a) = f(x + a p).

Both find a step satisfying the strong Wolfe conditions. ``wolfe`` is Nocedal and
Wright's (*Numerical Optimization*, 2nd ed., Algorithms 3.5 and 3.6: bracket by
doubling, then zoom with safeguarded cubic and quadratic interpolation); Newton's method
uses it. ``more_thuente`` is Moré and Thuente's interval method (MINPACK-2 ``dcsrch``),
which needs fewer evaluations when the first trial is poor; BFGS uses it.

Both take ``vg(theta) -> (f, grad)`` and return a :class:`Step` whose ``f`` and ``g`` are
those of the accepted point, so the caller never evaluates it twice.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

_FINITE = math.isfinite


class Step:
    """An accepted step ``alpha`` (None when the search failed), with the value and
    gradient there and the number of evaluations spent."""

    __slots__ = ("alpha", "x", "f", "g", "nfev")

    def __init__(self, alpha: float | None, x: Any, f: float, g: Any, nfev: int) -> None:
        self.alpha = alpha
        self.x = x
        self.f = f
        self.g = g
        self.nfev = nfev


def _cubicmin(a: float, fa: float, fpa: float, b: float, fb: float, c: float,
              fc: float) -> float | None:
    """The minimizer of the cubic through (a, fa) with slope fpa at a, (b, fb), (c, fc)."""
    try:
        db = b - a
        dc = c - a
        denom = (db * dc) ** 2 * (db - dc)
        if denom == 0:
            return None
        r1 = fb - fa - fpa * db
        r2 = fc - fa - fpa * dc
        A = (dc * dc * r1 - db * db * r2) / denom
        B = (-dc ** 3 * r1 + db ** 3 * r2) / denom
        if A == 0:
            return None
        radical = B * B - 3 * A * fpa
        if radical < 0:
            return None
        xmin = a + (-B + math.sqrt(radical)) / (3 * A)
    except (ArithmeticError, ValueError):
        return None
    return xmin if _FINITE(xmin) else None


def _quadmin(a: float, fa: float, fpa: float, b: float, fb: float) -> float | None:
    """The minimizer of the parabola through (a, fa) with slope fpa at a and (b, fb)."""
    try:
        db = b - a
        B = (fb - fa - fpa * db) / (db * db)
        if B <= 0:
            return None
        xmin = a - fpa / (2.0 * B)
    except (ArithmeticError, ValueError):
        return None
    return xmin if _FINITE(xmin) else None


def wolfe(vg: Callable[[Any], tuple[float, Any]], x: Any, p: Any, f0: float, g0: Any,
          alpha0: float = 1.0, c1: float = 1e-4, c2: float = 0.9, amax: float = 1e10,
          maxiter: int = 30) -> Step:
    """A step satisfying f(x + a p) <= f0 + c1 a phi'(0) and |phi'(a)| <= c2 |phi'(0)|.

    If the strong conditions cannot be met within ``maxiter`` evaluations but some
    trial point decreased f sufficiently, that point is returned instead.
    """
    d0 = float(g0 @ p)
    nfev = 0
    best: Step | None = None

    def phi(a: float) -> tuple[float, float, Any, Any]:
        xa = x + a * p
        fa, ga = vg(xa)
        return fa, float(ga @ p), ga, xa

    a_prev, f_prev, d_prev = 0.0, f0, d0
    a = min(alpha0, amax)
    lo = hi = None  # the bracket for zoom, as (a, f, d) triples
    for i in range(maxiter):
        fa, da, ga, xa = phi(a)
        nfev += 1
        if not (_FINITE(fa) and _FINITE(da)):
            # stepped out of the domain or overflowed: shrink towards the last good step
            hi_a = a
            a = a_prev + 0.25 * (hi_a - a_prev)
            if a - a_prev <= 1e-16 * max(1.0, a_prev):
                break
            continue
        if fa <= f0 + c1 * a * d0 and (best is None or fa < best.f):
            best = Step(a, xa, fa, ga, 0)
        if fa > f0 + c1 * a * d0 or (i > 0 and fa >= f_prev):
            lo, hi = (a_prev, f_prev, d_prev), (a, fa, da)
            break
        if abs(da) <= -c2 * d0:
            return Step(a, xa, fa, ga, nfev)
        if da >= 0:
            lo, hi = (a, fa, da), (a_prev, f_prev, d_prev)
            break
        a_prev, f_prev, d_prev = a, fa, da
        if a >= amax:
            break
        a = min(2.0 * a, amax)
    if lo is not None and hi is not None:
        a_lo, f_lo, d_lo = lo
        a_hi, f_hi, _ = hi
        a_rec, f_rec = 0.0, f0
        for j in range(maxiter - nfev if maxiter > nfev else 0):
            width = a_hi - a_lo
            left, right = (a_lo, a_hi) if width > 0 else (a_hi, a_lo)
            aj = None
            if j > 0:
                aj = _cubicmin(a_lo, f_lo, d_lo, a_hi, f_hi, a_rec, f_rec)
                margin = 0.2 * abs(width)
                if aj is not None and not (left + margin < aj < right - margin):
                    aj = None
            if aj is None:
                aj = _quadmin(a_lo, f_lo, d_lo, a_hi, f_hi)
                margin = 0.1 * abs(width)
                if aj is None or not (left + margin < aj < right - margin):
                    aj = a_lo + 0.5 * width
            if abs(width) <= 1e-16 * max(1.0, abs(a_lo)):
                break
            fj, dj, gj, xj = phi(aj)
            nfev += 1
            if not (_FINITE(fj) and _FINITE(dj)):
                a_rec, f_rec = a_hi, f_hi
                a_hi, f_hi = aj, math.inf
                continue
            if fj <= f0 + c1 * aj * d0 and (best is None or fj < best.f):
                best = Step(aj, xj, fj, gj, 0)
            if fj > f0 + c1 * aj * d0 or fj >= f_lo:
                a_rec, f_rec = a_hi, f_hi
                a_hi, f_hi = aj, fj
            else:
                if abs(dj) <= -c2 * d0:
                    return Step(aj, xj, fj, gj, nfev)
                if dj * (a_hi - a_lo) >= 0:
                    a_rec, f_rec = a_hi, f_hi
                    a_hi, f_hi = a_lo, f_lo
                else:
                    a_rec, f_rec = a_lo, f_lo
                a_lo, f_lo, d_lo = aj, fj, dj
    if best is not None:
        best.nfev = nfev
        return best
    return Step(None, x, f0, g0, nfev)


def _dcstep(stx: float, fx: float, dx: float, sty: float, fy: float, dy: float, stp: float,
            fp: float, dp: float, brackt: bool, stpmin: float, stpmax: float
            ) -> tuple[float, float, float, float, float, float, float, bool]:
    """One safeguarded step of Moré and Thuente: a new trial step from the best step
    stx, the other end sty of the interval and the current trial stp (values f and
    derivatives d at each), and the updated interval. The four cases follow their
    paper: higher value (cubic or quadratic towards stx); derivatives of opposite
    signs; decreasing |derivative|; and extrapolation."""
    sgnd = dp * math.copysign(1.0, dx)
    if fp > fx:  # case 1: the minimum is bracketed
        theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp
        s = max(abs(theta), abs(dx), abs(dp))
        gamma = s * math.sqrt(max(0.0, (theta / s) ** 2 - (dx / s) * (dp / s)))
        if stp < stx:
            gamma = -gamma
        p = (gamma - dx) + theta
        q = ((gamma - dx) + gamma) + dp
        stpc = stx + (p / q) * (stp - stx)
        stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2.0) * (stp - stx)
        stpf = stpc if abs(stpc - stx) < abs(stpq - stx) else stpc + (stpq - stpc) / 2.0
        brackt = True
    elif sgnd < 0:  # case 2: derivatives of opposite signs bracket a minimum
        theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp
        s = max(abs(theta), abs(dx), abs(dp))
        gamma = s * math.sqrt(max(0.0, (theta / s) ** 2 - (dx / s) * (dp / s)))
        if stp > stx:
            gamma = -gamma
        p = (gamma - dp) + theta
        q = ((gamma - dp) + gamma) + dx
        stpc = stp + (p / q) * (stx - stp)
        stpq = stp + (dp / (dp - dx)) * (stx - stp)
        stpf = stpc if abs(stpc - stp) > abs(stpq - stp) else stpq
        brackt = True
    elif abs(dp) < abs(dx):  # case 3: the slope flattens: cubic step, maybe extrapolating
        theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp
        s = max(abs(theta), abs(dx), abs(dp))
        gamma = s * math.sqrt(max(0.0, (theta / s) ** 2 - (dx / s) * (dp / s)))
        if stp > stx:
            gamma = -gamma
        p = (gamma - dp) + theta
        q = (gamma + (dx - dp)) + gamma
        r = p / q if q != 0 else 0.0
        if r < 0 and gamma != 0:
            stpc = stp + r * (stx - stp)
        elif stp > stx:
            stpc = stpmax
        else:
            stpc = stpmin
        stpq = stp + (dp / (dp - dx)) * (stx - stp)
        if brackt:
            stpf = stpc if abs(stpc - stp) < abs(stpq - stp) else stpq
            if stp > stx:
                stpf = min(stp + 0.66 * (sty - stp), stpf)
            else:
                stpf = max(stp + 0.66 * (sty - stp), stpf)
        else:
            stpf = stpc if abs(stpc - stp) > abs(stpq - stp) else stpq
            stpf = max(stpmin, min(stpmax, stpf))
    else:  # case 4: the slope does not flatten
        if brackt:
            theta = 3.0 * (fp - fy) / (sty - stp) + dy + dp
            s = max(abs(theta), abs(dy), abs(dp))
            gamma = s * math.sqrt(max(0.0, (theta / s) ** 2 - (dy / s) * (dp / s)))
            if stp > sty:
                gamma = -gamma
            p = (gamma - dp) + theta
            q = ((gamma - dp) + gamma) + dy
            stpf = stp + (p / q) * (sty - stp)
        elif stp > stx:
            stpf = stpmax
        else:
            stpf = stpmin
    if fp > fx:
        sty, fy, dy = stp, fp, dp
    else:
        if sgnd < 0:
            sty, fy, dy = stx, fx, dx
        stx, fx, dx = stp, fp, dp
    return stx, fx, dx, sty, fy, dy, stpf, brackt


def more_thuente(vg: Callable[[Any], tuple[float, Any]], x: Any, p: Any, f0: float, g0: Any,
                 alpha0: float = 1.0, c1: float = 1e-4, c2: float = 0.9,
                 amax: float = 1e100, amin: float = 1e-100, xtol: float = 1e-14,
                 maxiter: int = 100) -> Step:
    """A strong Wolfe step by Moré and Thuente's algorithm (ACM TOMS 20, 1994; MINPACK-2
    ``dcsrch``): the interval of uncertainty is updated by safeguarded cubic and
    quadratic steps, on the auxiliary function phi(a) - c1 a phi'(0) until a step with
    sufficient decrease and nonnegative slope appears. Fewer evaluations than plain
    bracketing and zooming, which matters for quasi-Newton methods."""
    ginit = float(g0 @ p)
    if not ginit < 0:
        return Step(None, x, f0, g0, 0)
    gtest = c1 * ginit
    stp = min(max(alpha0, amin), amax)
    brackt = False
    stage = 1
    width = amax - amin
    width1 = 2.0 * width
    stx, fx, gx = 0.0, f0, ginit
    sty, fy, gy = 0.0, f0, ginit
    stmin, stmax = 0.0, stp + 4.0 * stp
    nfev = 0
    best: Step | None = None
    for _ in range(maxiter):
        xa = x + stp * p
        f, ga = vg(xa)
        nfev += 1
        g = float(ga @ p) if _FINITE(f) else math.nan
        if not (_FINITE(f) and _FINITE(g)):
            # outside the domain: pull back towards the best step so far
            stmax = stp
            stp = stx + 0.25 * (stp - stx)
            brackt = True
            if abs(stp - stx) <= xtol * max(1.0, stx):
                break
            continue
        ftest = f0 + stp * gtest
        if f <= ftest and (best is None or f < best.f):
            best = Step(stp, xa, f, ga, 0)
        if stage == 1 and f <= ftest and g >= 0:
            stage = 2
        if f <= ftest and abs(g) <= -c2 * ginit:
            return Step(stp, xa, f, ga, nfev)
        if (brackt and (stp <= stmin or stp >= stmax)) or \
                (brackt and stmax - stmin <= xtol * stmax) or \
                (stp == amax and f <= ftest and g <= gtest) or \
                (stp == amin and (f > ftest or g >= gtest)):
            break  # rounding or the step bounds stop the search
        if stage == 1 and f <= fx and f > ftest:
            # the modified function psi(a) = phi(a) - a c1 phi'(0)
            stx, fxm, gxm, sty, fym, gym, stp, brackt = _dcstep(
                stx, fx - stx * gtest, gx - gtest, sty, fy - sty * gtest, gy - gtest,
                stp, f - stp * gtest, g - gtest, brackt, stmin, stmax)
            fx, gx = fxm + stx * gtest, gxm + gtest
            fy, gy = fym + sty * gtest, gym + gtest
        else:
            stx, fx, gx, sty, fy, gy, stp, brackt = _dcstep(
                stx, fx, gx, sty, fy, gy, stp, f, g, brackt, stmin, stmax)
        if brackt:
            if abs(sty - stx) >= 0.66 * width1:
                stp = stx + 0.5 * (sty - stx)
            width1 = width
            width = abs(sty - stx)
            stmin, stmax = min(stx, sty), max(stx, sty)
        else:
            stmin = stp + 1.1 * (stp - stx)
            stmax = stp + 4.0 * (stp - stx)
        stp = min(max(stp, amin), amax)
        if (brackt and (stp <= stmin or stp >= stmax)) or \
                (brackt and stmax - stmin <= xtol * stmax):
            stp = stx
    if best is not None:
        best.nfev = nfev
        return best
    return Step(None, x, f0, g0, nfev)
