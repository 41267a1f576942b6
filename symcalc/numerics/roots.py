"""nsolve: numeric roots of an equation or a square system, from a starting point.

Newton's method on the compiled residuals and Jacobian, damped by backtracking on
|F| so it cannot run away; in one variable, when Newton fails (or when a bracket is
given), Brent's method on a sign change found by searching outwards from x0.

>>> import symcalc as sc
>>> from symcalc.numerics import nsolve
>>> x, y = sc.symbols("x y")
>>> nsolve(sc.Eq(sc.cos(x), x), x, 1)
0.7390851332151607
>>> [round(v, 12) for v in nsolve([x**2 + y**2 - 4, x - y], [x, y], [1, 1])]
[1.414213562373, 1.414213562373]
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..core import Expr, Symbol, as_expr
from ..errors import EvaluationError
from .objective import as_point, as_symbols, check_free, fast_scalar

EPS = 2.220446049250313e-16


class ConvergenceError(EvaluationError):
    """A numeric method did not converge (the message says where it stopped and why)."""


def residual(e: Any) -> Expr:
    """``lhs - rhs`` for an equation ``Eq(lhs, rhs)``, the expression itself otherwise."""
    e = as_expr(e)
    if getattr(e, "is_Relational", False):
        if getattr(e, "op", "==") != "==":
            raise ValueError(f"nsolve: expected an equation or an expression, got {e}")
        return as_expr(e.lhs) - as_expr(e.rhs)  # type: ignore[attr-defined]
    return e


def brent(f: Callable[[float], float], a: float, b: float, fa: float | None = None,
          fb: float | None = None, xtol: float = 0.0, maxiter: int = 200) -> float:
    """A root of f in [a, b], where f(a) and f(b) differ in sign (Brent's method,
    *Algorithms for Minimization without Derivatives*, 1973: inverse quadratic
    interpolation and secant steps, falling back to bisection so the bracket always
    shrinks fast enough)."""
    fa = f(a) if fa is None else fa
    fb = f(b) if fb is None else fb
    if fa == 0:
        return a
    if fb == 0:
        return b
    if (fa > 0) == (fb > 0):
        raise ValueError(f"brent: f({a}) = {fa} and f({b}) = {fb} have the same sign")
    c, fc = a, fa
    d = e = b - a
    for _ in range(maxiter):
        if (fb > 0) == (fc > 0):
            c, fc = a, fa
            d = e = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol1 = 2.0 * EPS * abs(b) + 0.5 * xtol
        xm = 0.5 * (c - b)
        if abs(xm) <= tol1 or fb == 0:
            return b
        if abs(e) >= tol1 and abs(fa) > abs(fb):
            s = fb / fa
            if a == c:  # secant
                p, q = 2.0 * xm * s, 1.0 - s
            else:  # inverse quadratic interpolation
                q, r = fa / fc, fb / fc
                p = s * (2.0 * xm * q * (q - r) - (b - a) * (r - 1.0))
                q = (q - 1.0) * (r - 1.0) * (s - 1.0)
            if p > 0:
                q = -q
            p = abs(p)
            if 2.0 * p < min(3.0 * xm * q - abs(tol1 * q), abs(e * q)):
                e, d = d, p / q
            else:
                d = e = xm
        else:
            d = e = xm
        a, fa = b, fb
        b += d if abs(d) > tol1 else math.copysign(tol1, xm)
        fb = f(b)
        if not math.isfinite(fb):
            raise ConvergenceError(f"brent: f({b}) is not finite inside the bracket")
    return b


_STALLED = "no step decreases the residual"


def _newton(FJ: Callable[[Any], tuple], x: Any, m: int, n: int, maxiter: int
            ) -> tuple[Any, float, str | None]:
    """Damped Newton: the point, max |F| there, and None or why it stopped short."""
    import numpy as np

    vals = FJ(x)
    F = np.array(vals[:m])
    J = np.array(vals[m:]).reshape(m, n)
    norm = float(np.sqrt(F @ F))
    for _ in range(maxiter):
        if not (math.isfinite(norm) and np.isfinite(J).all()):
            return x, math.inf, "the residual or the Jacobian is not finite"
        if norm == 0.0:
            return x, 0.0, None
        try:
            p = np.linalg.solve(J, -F)
        except np.linalg.LinAlgError:  # singular: the least-squares (Gauss-Newton) step
            p = np.linalg.lstsq(J, -F, rcond=None)[0]
        if not np.isfinite(p).all() or not p.any():
            return x, float(np.max(np.abs(F))), "the Jacobian is singular"
        alpha = 1.0
        for _ in range(40):  # backtrack until |F| decreases (Armijo on |F|^2 / 2)
            xn = x + alpha * p
            vals = FJ(xn)
            Fn = np.array(vals[:m])
            nn = float(np.sqrt(Fn @ Fn))
            if math.isfinite(nn) and nn <= (1.0 - 1e-4 * alpha) * norm:
                break
            alpha *= 0.5
        else:
            return x, float(np.max(np.abs(F))), _STALLED
        small = float(np.max(np.abs(alpha * p))) <= 4 * EPS * (1.0 + float(np.max(np.abs(x))))
        x, F, norm = xn, Fn, nn
        J = np.array(vals[m:]).reshape(m, n)
        if small:
            return x, float(np.max(np.abs(F))), None
    return x, float(np.max(np.abs(F))), f"no convergence in maxiter = {maxiter} iterations"


def _find_bracket(f: Callable[[float], float], x0: float, maxexpand: int = 60
                  ) -> tuple[float, float, float, float] | None:
    """Search outwards from x0 (steps growing geometrically on both sides) for two
    neighbouring points where f changes sign."""
    step = 0.01 * max(1.0, abs(x0))
    f0 = f(x0)
    left = right = (x0, f0)
    for k in range(maxexpand):
        d = step * 2.0 ** k
        for side in (1, -1):
            prev = right if side > 0 else left
            xn = x0 + side * d
            fn = f(xn)
            if math.isfinite(fn):
                if math.isfinite(prev[1]) and (fn > 0) != (prev[1] > 0) or fn == 0:
                    a, b = sorted((prev[0], xn))
                    fa, fb = (prev[1], fn) if prev[0] < xn else (fn, prev[1])
                    return a, b, fa, fb
                if side > 0:
                    right = (xn, fn)
                else:
                    left = (xn, fn)
    return None


def nsolve(f: Any, vars: Any, x0: Any, *, bracket: tuple[float, float] | None = None,
           maxiter: int = 100, tol: float | None = None) -> float | tuple[float, ...]:
    """A root of ``f`` (an expression, an equation ``Eq(lhs, rhs)``, or a list of them
    with as many variables) near ``x0``.

    One variable given as a symbol gives a float; a list of variables gives a tuple in
    their order. ``bracket=(a, b)`` (one variable, a sign change) uses Brent's method
    directly. Raises :class:`ConvergenceError` when no root is found; ``tol`` is the
    largest |F| accepted (default sqrt(eps) * max(1, |F(x0)|)).
    """
    import numpy as np

    from ..calculus.vector import jacobian
    from ..compile.api import compile as compile_expr

    single = isinstance(vars, (Symbol, str)) and not (isinstance(vars, str) and " " in vars)
    syms = as_symbols(vars)
    fs = [residual(e) for e in (f if isinstance(f, (list, tuple)) else [f])]
    for e in fs:
        check_free(e, syms, "nsolve")
    m, n = len(fs), len(syms)
    if m != n:
        raise ValueError(f"nsolve: {m} equation{'s' if m != 1 else ''} in {n} variables; "
                         f"give as many equations as variables")
    J = jacobian(fs, syms)
    FJ = fast_scalar(compile_expr(fs + [J[i, j] for i in range(m) for j in range(n)], syms,
                                  packed=True, backend="math"))

    def f1(t: float) -> float:
        return float(FJ(np.array([t]))[0])

    def done(x: Any) -> float | tuple[float, ...]:
        return float(x[0]) if single and n == 1 else tuple(float(v) for v in x)

    if bracket is not None:
        if n != 1:
            raise ValueError("nsolve: a bracket needs exactly one variable")
        a, b = (float(v) for v in bracket)
        return done([brent(f1, a, b)])
    x = as_point(x0, syms)
    F0 = np.array(FJ(x)[:m])
    limit = tol if tol is not None else math.sqrt(EPS) * max(1.0, float(np.max(np.abs(F0))))
    xr, fmax, why = _newton(FJ, x, m, n, maxiter)
    if fmax <= limit and why in (None, _STALLED):  # converged, or stalled by rounding
        return done(xr)
    if n == 1:
        found = _find_bracket(f1, float(x[0]))
        if found is not None:
            a, b, fa, fb = found
            r = brent(f1, a, b, fa, fb)
            fr = abs(f1(r))
            # a sign change across a pole (tan at pi/2) ends with |f| huge, not small
            if fr <= limit or fr <= 1e-3 * min(abs(fa), abs(fb)):
                return done([r])
            why = (why or f"|F| = {fmax:.3g} > tol") + \
                f"; the sign change near x0 at {r:.6g} is a pole, not a root"
        else:
            why = (why or f"|F| = {fmax:.3g} > tol") + "; and no sign change was found near x0"
    at = ", ".join(f"{s}={float(v):.6g}" for s, v in zip(syms, xr))
    raise ConvergenceError(f"nsolve: no root found from x0 ({why}; stopped at {at} with "
                           f"max |F| = {fmax:.3g})")
