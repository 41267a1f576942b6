"""Taylor polynomials with the Lagrange remainder and a proven bound on it.

Taylor's theorem with the Lagrange form of the remainder: for f with n + 1 continuous
derivatives near a,

    f(x) = T_n(x) + R_n(x),  T_n(x) = sum_{k<=n} f^(k)(a)/k! (x - a)^k,
    R_n(x) = f^(n+1)(xi)/(n+1)! (x - a)^(n+1)  for some xi between a and x,

so if |f^(n+1)| <= M on [a - r, a + r] (Taylor's inequality), then
|R_n(x)| <= M r^(n+1)/(n+1)! there. ``taylor(f, x, a, n, r)`` gives T_n, R_n and such
an M, found by **interval arithmetic** (mpmath's ``iv`` context, with outward rounding)
on f^(n+1) over the interval cut into pieces: a proven bound, not a sampled maximum.

>>> from symcalc import Symbol, exp, sin
>>> x = Symbol("x")
>>> t = taylor(exp(x), x, 0, 4, 1)
>>> t.polynomial
x^4/24 + x^3/6 + x^2/2 + x + 1
>>> t.remainder
x^5*exp(xi)/120
>>> float(t.M) < 2.72, float(t.error_bound) < 0.0227
(True, True)
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.expr import Expr, as_expr
from ..core.numbers import E, oo, pi
from ..core.symbol import Symbol
from ..core.traversal import free_symbols, subs
from .series import SeriesError, _bad

#: pieces the interval is cut into for the bound of |f^(n+1)| (more: a tighter bound)
PIECES = 64
#: working precision (bits) of the interval evaluation
PREC = 80


class Taylor:
    """T_n, the Lagrange remainder R_n and (with an interval) a bound on |R_n|."""

    __slots__ = ("f", "x", "a", "n", "polynomial", "remainder", "xi", "interval", "M",
                 "error_bound")

    def __init__(self, f: Expr, x: Symbol, a: Expr, n: int, polynomial: Expr,
                 remainder: Expr, xi: Symbol, interval: tuple[Expr, Expr] | None,
                 M: Expr | None, error_bound: Expr | None) -> None:
        self.f, self.x, self.a, self.n = f, x, a, n
        self.polynomial, self.remainder, self.xi = polynomial, remainder, xi
        self.interval, self.M, self.error_bound = interval, M, error_bound

    def __str__(self) -> str:
        s = (f"{self.f} = {self.polynomial} + R_{self.n}(x), R_{self.n}(x) = {self.remainder}"
             f" for some {self.xi} between {self.a} and {self.x}")
        if self.interval is not None:
            lo, hi = self.interval
            if self.error_bound is None:
                s += f"; no bound of |f^({self.n + 1})| found on [{lo}, {hi}]"
            else:
                s += (f"; |R_{self.n}(x)| <= {self.error_bound} on [{lo}, {hi}] "
                      f"(|f^({self.n + 1})| <= {self.M} there)")
        return s

    __repr__ = __str__


def taylor(f: Any, x: Any, a: Any = 0, n: int = 5, r: Any = None) -> Taylor:
    """The Taylor polynomial T_n of f at a (degree n), its Lagrange remainder, and with
    ``r`` (a radius, or an interval ``(lo, hi)`` that contains a) a proven bound
    ``|R_n(x)| <= M d^(n+1)/(n+1)!`` on that interval, d the largest |x - a| there.
    ``M`` and ``error_bound`` are rational numbers slightly above the true maximum,
    or None where interval arithmetic cannot bound f^(n+1) (a pole, a log of 0)."""
    from .diff import diff

    f, x, a = as_expr(f), as_expr(x), as_expr(a)
    if not isinstance(x, Symbol):
        raise SeriesError(f"taylor: expand in a symbol, not {x}")
    if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= 60:
        raise SeriesError(f"taylor: the degree n must be an integer between 0 and 60, got {n!r}")
    if a is oo or free_symbols(a):
        raise SeriesError("taylor: the point must be a finite number")
    t = add(x, mul(-1, a))
    terms, d, ds = [], f, [f]
    for k in range(n + 1):
        if k:
            d = diff(d, x)
            ds.append(d)
        ck = subs(d, {x: a})
        if _bad(ck):
            raise SeriesError(f"taylor: f^({k}) is not finite at {a}")
        terms.append(mul(ck, Fraction(1, math.factorial(k)), power(t, k)))
    dn = diff(d, x)
    xi = Symbol("xi")
    remainder = mul(subs(dn, {x: xi}), Fraction(1, math.factorial(n + 1)), power(t, n + 1))
    interval = M = bound = None
    if r is not None:
        if isinstance(r, (tuple, list)):
            lo, hi = as_expr(r[0]), as_expr(r[1])
        else:
            r = as_expr(r)
            lo, hi = add(a, mul(-1, r)), add(a, r)
        interval = (lo, hi)
        # Taylor's theorem needs f in C^(n+1) on the interval: f, f', ..., f^(n) must
        # have finite enclosures there too (a kink or a pole inside: no bound)
        M = derivative_bound(dn, x, lo, hi, ds)
        if M is not None:
            width = derivative_bound(add(x, mul(-1, a)), x, lo, hi)  # max |x - a|
            if width is None:
                M = None
            else:
                bound = as_expr(_round_up(M * width ** (n + 1) / math.factorial(n + 1)))
                M = as_expr(M)
    return Taylor(f, x, a, n, add(*terms), remainder, xi, interval, M, bound)


def derivative_bound(g: Expr, x: Symbol, lo: Expr, hi: Expr, also: Any = ()) -> \
        Fraction | None:
    """A rational M >= max |g| on [lo, hi], proven by interval arithmetic on PIECES
    subintervals, or None; also None unless every expression of ``also`` has a finite
    enclosure on every piece."""
    import mpmath

    iv = mpmath.iv
    old = iv.prec
    iv.prec = PREC
    try:
        L, H = _eval(lo, None, None, iv), _eval(hi, None, None, iv)
        if L is None or H is None or not _ends(L)[0] <= _ends(H)[1]:
            raise SeriesError(f"taylor: [{lo}, {hi}] is not an interval")
        left, right = _ends(L)[0], _ends(H)[1]
        with mpmath.workprec(PREC):
            pts = [left + (right - left) * i / PIECES for i in range(PIECES)] + [right]
        best = mpmath.mpf(0)
        for i in range(PIECES):
            piece = iv.mpf([pts[i], pts[i + 1]])
            v = _eval(g, x, piece, iv)
            if v is None or any(not _finite_on(h, x, piece, iv) for h in also):
                return None
            m = _ends(abs(v))[1]
            if not mpmath.isfinite(m):
                return None
            best = max(best, m)
        if best == 0:
            return Fraction(0)
        man, exp2 = best.man_exp
        return _round_up(Fraction(man) * Fraction(2) ** exp2)
    except (ZeroDivisionError, ValueError, OverflowError, ArithmeticError,
            mpmath.libmp.ComplexResult):
        return None
    finally:
        iv.prec = old


def _finite_on(h: Expr, x: Symbol, piece: Any, iv: Any) -> bool:
    import mpmath

    v = _eval(h, x, piece, iv)
    return v is not None and all(mpmath.isfinite(t) for t in _ends(v))


def _round_up(q: Fraction) -> Fraction:
    """A rational of 7 significant digits above q > 0 (what is printed as the bound)."""
    if q <= 0:
        return Fraction(0)
    e10 = math.floor(math.log10(q.numerator) - math.log10(q.denominator)) - 6
    return (math.floor(q / Fraction(10) ** e10) + 1) * Fraction(10) ** e10


def _ends(u: Any) -> tuple[Any, Any]:
    import mpmath

    lo, hi = u._mpi_
    return mpmath.mpf(lo), mpmath.mpf(hi)


_MONOTONE = {"atan": "atan", "asinh": "asinh", "tanh": "tanh", "sinh": "sinh",
             "cbrt": "cbrt", "erfc": "erfc", "sigmoid": None, "softplus": None,
             "atanh": "atanh", "asin": "asin", "acos": "acos", "acosh": "acosh"}
#: open or closed domain of the monotone functions above, (lo, hi, decreasing)
#: (open intervals: the functions are not smooth at the ends; cbrt is not at 0)
_DOMAIN = {"atanh": (-1, 1), "asin": (-1, 1), "acos": (-1, 1), "acosh": (1, math.inf)}


def _mono(name: str, u: Any, iv: Any) -> Any:
    """A monotone function on an interval from its values at the ends, rounded outward."""
    import mpmath

    lo, hi = _DOMAIN.get(name, (-math.inf, math.inf))
    ua, ub = _ends(u)
    if not (ua > lo and ub < hi) or name == "cbrt" and ua <= 0 <= ub:
        return None
    fn = {"sigmoid": lambda t: 1 / (1 + mpmath.exp(-t)),
          "softplus": lambda t: mpmath.log1p(mpmath.exp(t)) if t < 0
          else t + mpmath.log1p(mpmath.exp(-t))}.get(name) or getattr(mpmath, _MONOTONE[name])
    with mpmath.workprec(PREC + 40):
        va, vb = fn(ua), fn(ub)
        if name in ("erfc", "acos"):
            va, vb = vb, va
        eps = mpmath.mpf(2) ** (-PREC)
        return iv.mpf([va - eps * (1 + abs(va)), vb + eps * (1 + abs(vb))])


def _eval(e: Expr, x: Symbol | None, xv: Any, iv: Any) -> Any:
    """An interval that contains e for every x in xv, or None."""
    import mpmath

    if e is x:
        return xv
    if e.is_Number:
        v = e.value
        if isinstance(v, float):
            return iv.mpf(v)
        v = Fraction(v)
        return iv.mpf(v.numerator) / iv.mpf(v.denominator)
    if e is pi:
        return iv.pi
    if e is E:
        return iv.e
    if e.is_Add:
        r = iv.mpf(0)
        for t in e.args:
            v = _eval(t, x, xv, iv)
            if v is None:
                return None
            r = r + v
        return r
    if e.is_Mul:
        r = iv.mpf(1)
        for t in e.args:
            v = _eval(t, x, xv, iv)
            if v is None:
                return None
            r = r * v
        return r
    if e.is_Pow:
        b, ex = e.args
        bv = _eval(b, x, xv, iv)
        if bv is None:
            return None
        if ex.is_Number and isinstance(ex.value, int):
            if ex.value < 0 and _ends(bv)[0] <= 0 <= _ends(bv)[1]:
                return None
            if ex.value % 2 == 0 and ex.value > 0:
                return abs(bv) ** ex.value
            return bv ** ex.value
        if not _ends(bv)[0] > 0:
            return None  # x^p is not smooth at 0, and not real below
        ev = _eval(ex, x, xv, iv)
        return None if ev is None else iv.exp(ev * iv.log(bv))
    if e.is_Function and len(e.args) == 1:
        name = e.fdef.name
        u = _eval(e.args[0], x, xv, iv)
        if u is None:
            return None
        if name in ("exp", "sin", "cos", "erf"):
            return getattr(iv, name)(u)
        if name == "log":
            return iv.log(u) if _ends(u)[0] > 0 else None
        if name == "sqrt":
            return iv.sqrt(u) if _ends(u)[0] > 0 else None
        if name in ("tan", "cot", "sec", "csc"):
            v = getattr(iv, name)(u)
            return v if all(mpmath.isfinite(t) for t in _ends(v)) else None
        if name == "cosh":
            return (iv.exp(u) + iv.exp(-u)) / 2
        if name == "abs":
            return abs(u) if not _ends(u)[0] <= 0 <= _ends(u)[1] else None
        if name in _MONOTONE:
            return _mono(name, u, iv)
    return None


__all__ = ["Taylor", "derivative_bound", "taylor"]
