"""Checking an antiderivative: d/dx F - f must vanish.

First canonically (the difference is the expression 0, possibly after ``cancel`` for
rational functions), else numerically: at several fixed pseudo-random points, with the
other symbols (parameters) set to fixed positive values, the derivative and the
integrand must agree to a tight relative tolerance. Points where the integrand is not
finite are skipped; real points are preferred, and complex points are used only when
the integrand is not real-valued at enough real points (as for sqrt(x - 5)). A derivative
with an imaginary part where the integrand is real fails (a log or Li2 taken across its
branch cut). The answer is then checked again at a few points for other, spread-out
parameter values, so that a form valid only for one sign of a combination such as
4*a*c - b^2 or a*d - b*c (asinh with sqrt(4*a*c - b^2), log(a*d - b*c)) is rejected.

Each side is evaluated once per point in double precision with its running error bound
(:func:`symcalc.core.evalf.evalf_double`). A point counts as agreeing only when the
worst case of the rounding errors keeps |d - f| within the smallest tolerance the
errors allow, and as disagreeing only when the best case exceeds the largest; where the
bounds do not decide, the values are recomputed with mpmath (``evalf``), so the check is
as strict as one on exact values.

>>> from symcalc import symbols, sin, cos
>>> x = symbols("x")
>>> verify(sin(x)**2/2, sin(x)*cos(x), x)
True
>>> verify(sin(x)**2, sin(x)*cos(x), x)
False
"""

from __future__ import annotations

import cmath
import math

from ...core.arithmetic import add, mul
from ...core.budget import check
from ...core.evalf import evalf_double
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ZERO
from ...core.traversal import free_symbols
from ...errors import SymcalcError

#: Points of the real line where an antiderivative is checked (spread over both signs
#: and several magnitudes, away from the integers where textbook integrands have poles).
REAL_POINTS = (0.3717, 1.2913, -0.7631, 2.4187, -1.8543, 0.8721, 3.1379, -2.6621,
               0.1537, 5.2711, -4.3311, 1.7413, 7.9123, -0.2389, 11.437, 0.6173)
#: Complex points, for integrands that are not real on enough of the real line.
COMPLEX_POINTS = (complex(0.61, 0.37), complex(1.73, -0.52), complex(-0.83, 0.91),
                  complex(2.31, 1.17), complex(-1.47, -0.63), complex(0.27, 2.09))
#: Values of the parameters (symbols other than the variable), positive as tables assume.
PARAM_VALUES = (1.3719, 0.7413, 2.1173, 1.6291, 0.5873, 2.7611, 1.1447, 0.9137)

#: Further parameter values, spread over an order of magnitude and alternating small /
#: large, so that sign-indefinite combinations (4*a*c - b^2, a*d - b*c, a - b) take the
#: other sign than at PARAM_VALUES.
EXTRA_PARAM_SETS = ((0.2317, 2.9113, 0.4129, 3.7193, 0.1733, 2.3291, 0.6113, 3.3037),
                    (3.1219, 0.2711, 2.6173, 0.1913, 3.9127, 0.4717, 2.2193, 0.3319))
#: Points that must agree at each extra parameter set (when that many are defined).
EXTRA_POINTS = 3

REL_TOL = 1e-7
MIN_POINTS = 4
#: Agreement this close (the worst case of the rounding errors included) is "tight": a
#: set of points that all agree tightly may stop early, at QUICK_POINTS of the main
#: parameter values and QUICK_EXTRA_POINTS of each extra set (6 and 3 otherwise).
TIGHT_TOL = 1e-11
QUICK_POINTS = 4
QUICK_EXTRA_POINTS = 2


def _value(e: Expr, env: dict) -> complex | None:
    try:
        v = e.evalf(env)
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None
    v = complex(v)
    if not (cmath.isfinite(v)):
        return None
    return v


def _scale(e: Expr, env: dict) -> float:
    """Sum of the magnitudes of the terms of ``e`` (the size of rounding errors in e)."""
    if not e.is_Add:
        v = _value(e, env)
        return abs(v) if v is not None else 0.0
    s = 0.0
    for t in e.args:
        v = _value(t, env)
        if v is not None:
            s += abs(v)
    return s


def numeric_check(d: Expr, f: Expr, x: Expr, min_points: int = MIN_POINTS) -> bool:
    """Whether d and f agree numerically at enough points (see the module docstring)."""
    params = sorted((s for s in free_symbols(add(d, f)) if s is not x),
                    key=lambda s: s.sort_key())
    if not _agree(d, f, x, _param_env(params, PARAM_VALUES), min_points, min_points + 2,
                  max(min_points, QUICK_POINTS)):
        return False
    for values in (EXTRA_PARAM_SETS if params else ()):
        if not _agree(d, f, x, _param_env(params, values), 0, EXTRA_POINTS,
                      QUICK_EXTRA_POINTS):
            return False
    return True


def _param_env(params: list, values: tuple) -> dict:
    return {p: values[i % len(values)] + 0.01 * (i // len(values)) for i, p in enumerate(params)}


def _agree(d: Expr, f: Expr, x: Expr, base: dict, min_points: int, enough: int,
           quick: int | None = None) -> bool:
    """No disagreement among the first ``enough`` usable points, and at least
    ``min_points`` of them; the first ``quick`` points suffice when each of them agrees
    to TIGHT_TOL (far inside REL_TOL, rounding errors included)."""
    good = 0
    tight = quick is not None
    for points, need_real in ((REAL_POINTS, True), (COMPLEX_POINTS, False)):
        for pt in points:
            env = dict(base)
            env[x] = pt
            verdict = _fast_point(d, f, env, need_real)
            if verdict is None:
                check()   # mpmath cannot be interrupted: the time limit is read per point
                verdict = _point(d, f, env, need_real)
            if verdict is _SKIP:
                continue
            if verdict is _BAD:
                return False
            tight = tight and verdict is _TIGHT
            good += 1
            if good >= enough or (tight and good >= quick):
                return True
        if good >= max(min_points, 1):
            return True
    return good >= min_points


_GOOD, _BAD, _SKIP, _TIGHT = "good", "bad", "skip", "tight"


def _point(d: Expr, f: Expr, env: dict, need_real: bool) -> str:
    """Whether d and f agree at one point: values from ``evalf`` (mpmath where doubles
    cannot be trusted), the tolerance scaled by the sizes of their terms."""
    fv = _value(f, env)
    if fv is None:
        return _SKIP
    if need_real and abs(fv.imag) > 1e-12 * max(1.0, abs(fv.real)):
        return _SKIP
    dv = _value(d, env)
    if dv is None:
        return _SKIP
    tol = REL_TOL * max(1.0, abs(fv), _scale(d, env), _scale(f, env))
    return _BAD if abs(dv - fv) > tol else _GOOD


def _fast_point(d: Expr, f: Expr, env: dict, need_real: bool) -> str | None:
    """:func:`_point` from one evaluation of each side in double precision with its
    running error bound, when the bounds decide it: the point is good when even the
    worst case of the errors keeps |d - f| within the smallest tolerance they allow,
    bad when even the best case puts it beyond the largest; None (ask :func:`_point`)
    when the bounds leave it open or a double evaluation fails (the test that the
    integrand is real at a real point is decided by the bounds too, or by ``evalf``
    where they do not tell)."""
    fe = _integrand_side(f, env, need_real)
    if fe is None or fe is _SKIP:
        return fe
    fv, ef, fs, efs = fe
    de = _double(d, env)
    if de is None:
        return None
    dv, ed, ds, eds = de
    diff = abs(dv - fv)
    err = ed + ef
    size = max(1.0, abs(fv) - ef, ds - eds, fs - efs)
    lo = REL_TOL * size
    hi = REL_TOL * max(1.0, abs(fv) + ef, ds + eds, fs + efs)
    if diff + err <= lo:
        return _TIGHT if diff + err <= TIGHT_TOL * size else _GOOD
    if diff - err > hi:
        return _BAD
    return None


def _integrand_side(f: Expr, env: dict, need_real: bool
                    ) -> tuple[complex, float, float, float] | str | None:
    """The integrand's part of :func:`_fast_point`: its :func:`_double`, _SKIP where it
    is not real at a real point, None where a double evaluation fails. The same
    integrand is checked against several candidate answers at the same points, so the
    results of the last few integrands are kept."""
    entry = _SIDES.get(f)
    if entry is None:
        syms = tuple(sorted(free_symbols(f), key=lambda s: s.sort_key()))
        entry = _SIDES[f] = (syms, {})
        if len(_SIDES) > 8:
            try:   # the oldest goes (another thread may have removed it first)
                del _SIDES[next(iter(_SIDES))]
            except (KeyError, RuntimeError, StopIteration):
                pass
    syms, seen = entry
    try:
        key = (need_real, *(env[s] for s in syms))
    except KeyError:   # a symbol without a value: evaluate (and fail) as before
        key = None
    if key is not None and key in seen:
        return seen[key]
    r = _integrand_value(f, env, need_real)
    if key is not None:
        seen[key] = r
    return r


#: integrand -> (its symbols, {(need_real, their values): integrand side of a point})
_SIDES: dict = {}


def _integrand_value(f: Expr, env: dict, need_real: bool
                     ) -> tuple[complex, float, float, float] | str | None:
    fe = _double(f, env)
    if fe is None:
        return None
    fv, ef = fe[0], fe[1]
    if need_real:
        if abs(fv.imag) - ef > 1e-12 * max(1.0, abs(fv.real) + ef):
            return _SKIP   # not real, whatever the rounding errors
        if abs(fv.imag) + ef > 1e-12 * max(1.0, abs(fv.real) - ef):
            # real or not: the bounds do not tell; evalf (mpmath) does, as in _point
            exact = _value(f, env)
            if exact is None or abs(exact.imag) > 1e-12 * max(1.0, abs(exact.real)):
                return _SKIP
    return fe


def _double(e: Expr, env: dict) -> tuple[complex, float, float, float] | None:
    """(value, its error bound, sum of the magnitudes of e's terms, that sum's error
    bound) in double precision, or None where an evaluation fails or is not finite."""
    memo: dict = {}
    try:
        v, err, _ = evalf_double(e, env, memo)
    except Exception:  # noqa: BLE001 - the caller falls back to evalf
        return None
    if isinstance(v, bool):
        return None
    v = complex(v)
    if not (cmath.isfinite(v) and math.isfinite(err)):
        return None
    if not e.is_Add:
        return v, err, abs(v), err
    s = es = 0.0
    for t in e.args:
        tv, te = memo.get(id(t), (None, 0.0))
        if tv is None or isinstance(tv, bool):
            return None
        tv = complex(tv)
        if not (cmath.isfinite(tv) and math.isfinite(te)):
            return None
        s += abs(tv)
        es += te
    return v, err, s, es


def verify(F: Expr, f: Expr, x: Expr) -> bool:
    """Whether dF/dx = f: canonically, after ``cancel``, or numerically. The last few
    answers that passed are kept: a substitution checks its answer, and the search above
    it checks the same answer against the same integrand again. (A failure is not kept:
    it may have come from a time limit that a later call does not have.)"""
    key = (F, f, x)
    if key in _RECENT:
        return True
    ok = _verify(F, f, x)
    if not ok:
        return False
    _RECENT[key] = True
    if len(_RECENT) > 16:
        try:   # the oldest goes (another thread may have removed it first)
            del _RECENT[next(iter(_RECENT))]
        except (KeyError, RuntimeError, StopIteration):
            pass
    return ok


#: (F, f, x) of the last few answers verify passed (expressions are interned: the key
#: is identity, and equal expressions are the same object)
_RECENT: dict = {}


def _verify(F: Expr, f: Expr, x: Expr) -> bool:
    from ..diff import diff

    try:
        d = diff(F, x)
    except SymcalcError:
        return False
    r = add(d, mul(MINUS_ONE, f))
    if r is ZERO:
        return True
    if _is_rational(r, x) and r.count_ops() < 400:
        try:
            from ...algebra.rational import cancel

            if cancel(r) is ZERO:
                return True
        except (SymcalcError, ArithmeticError):
            pass
    return numeric_check(d, f, x)


def _is_rational(e: Expr, x: Expr) -> bool:
    for n in e.preorder():
        if n.is_Function:
            return False
        if n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int)):
            return False
    return True


__all__ = ["numeric_check", "verify"]
