"""Trigonometric integrands: powers and products of sin, cos, tan, sec, cot, csc.

* A product of trigonometric powers of one linear argument u = a*x + b is put in
  one of three forms and integrated by the textbook recipe:
  - tan^m*sec^n: n even gives u = tan, m odd gives u = sec, otherwise the reduction
    formulas of ∫ tan^m and ∫ sec^n;
  - cot^m*csc^n: the same with cot and csc;
  - sin^m*cos^n: an odd power of sin gives u = cos (of cos, u = sin); even powers use
    the reduction formulas (or u = tan when m + n < 0).
* Products of sines and cosines of different linear arguments become sums
  (product-to-sum formulas).
* Rational functions of sin and cos follow Bioche's rules: the substitution u = cos,
  u = sin or u = tan that leaves the integrand invariant, else the tangent half-angle
  substitution t = tan(x/2) as a last resort.

>>> from symcalc import symbols, sin, cos, tan, sec
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(sin(x)**3, x)
cos(x)^3/3 - cos(x)
>>> integrate(tan(x)*sec(x)**3, x)
sec(x)^3/3
>>> integrate(sin(3*x)*cos(5*x), x)
cos(2*x)/4 - cos(8*x)/16
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.functions import atanh, cos, cot, csc, log, sec, sin, tan
from ...core.numbers import HALF, MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_TRIG = ("sin", "cos", "tan", "cot", "sec", "csc")


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _d(e: Expr, x: Symbol) -> Expr:
    from ..diff import diff

    return diff(e, x)


def _linear(u: Expr, x: Symbol) -> Expr | None:
    """du/dx if u is linear in x (and not constant), else None."""
    d = _d(u, x)
    if d is ZERO or _has(d, x):
        return None
    return d


def monomial(e: Expr, x: Symbol) -> tuple[Expr, dict[str, Fraction]] | None:
    """(argument, {function name: exponent}) if e is a product of powers of trig
    functions of one argument, else None."""
    arg = None
    exps: dict[str, Fraction] = {}
    for f in (e.args if e.is_Mul else (e,)):
        if not _has(f, x):
            return None
        b, k = (f.args if f.is_Pow else (f, ONE))
        if not (b.is_Function and b.fdef.name in _TRIG and k.is_Number
                and not isinstance(k.value, float)):
            return None
        if arg is None:
            arg = b.args[0]
        elif b.args[0] is not arg:
            return None
        exps[b.fdef.name] = exps.get(b.fdef.name, Fraction(0)) + Fraction(k.value)
    if arg is None:
        return None
    return arg, exps


def trig_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Powers and products of trigonometric functions."""
    m = monomial(e, x)
    if m is not None:
        arg, exps = m
        a = _linear(arg, x)
        if a is None:
            return None
        u = ctx.dummy(e)
        st = _monomial_integral(exps, u, ctx)
        if st is None:
            return None
        F = mul(subs(st.result, {u: arg}), power(a, MINUS_ONE))
        if arg is x:
            return Step(st.method, e, x, F, st.substeps, st.detail)
        return Step("substitution", e, x, F, (st,), f"u = {arg}, du = {a} d{x}")
    return _product_to_sum(e, x, ctx)


# --------------------------------------------------------------------------- monomials


def _monomial_integral(exps: dict[str, Fraction], u: Symbol, ctx: Context) -> Step | None:
    names = set(n for n, k in exps.items() if k != 0)
    expr = mul(*(power(_FN[n](u), number(k)) for n, k in exps.items()))
    if names <= {"tan", "sec", "cos", "cot"}:
        m = exps.get("tan", 0) - exps.get("cot", 0)
        n = exps.get("sec", 0) - exps.get("cos", 0)
        if m >= 0 and n >= 0 and _ints(m, n) and (m or n):
            return _tan_sec(expr, int(m), int(n), u, ctx)
    if names <= {"cot", "csc", "sin", "tan"}:
        m = exps.get("cot", 0) - exps.get("tan", 0)
        n = exps.get("csc", 0) - exps.get("sin", 0)
        if m >= 0 and n >= 0 and _ints(m, n) and (m or n):
            return _cot_csc(expr, int(m), int(n), u, ctx)
    # everything as sin^m * cos^n
    m = exps.get("sin", 0) + exps.get("tan", 0) - exps.get("cot", 0) - exps.get("csc", 0)
    n = exps.get("cos", 0) - exps.get("tan", 0) + exps.get("cot", 0) - exps.get("sec", 0)
    return _sin_cos(expr, m, n, u, ctx)


def _ints(*ks: Fraction) -> bool:
    return all(k.denominator == 1 for k in ks)


_FN = {"sin": sin, "cos": cos, "tan": tan, "cot": cot, "sec": sec, "csc": csc}


def _via(expr: Expr, u: Symbol, g: Expr, h: Expr, ctx: Context, what: str) -> Step | None:
    """∫ expr du = ∫ h(v) dv with v = g(u)."""
    v = h.free_symbols
    (w,) = v if len(v) == 1 else (None,)
    if w is None:
        return None
    st = ctx.integrate(h, w)
    if st is None:
        return None
    F = subs(st.result, {w: g})
    return Step("substitution", expr, u, F, (st,), what)


def _tan_sec(expr: Expr, m: int, n: int, u: Symbol, ctx: Context) -> Step | None:
    w = ctx.dummy(expr, u, positive=False)
    if n >= 2 and n % 2 == 0:   # u = tan: sec^2 = 1 + tan^2
        h = _expand(mul(power(w, number(m)), power(add(1, power(w, 2)), number((n - 2) // 2))))
        return _via(expr, u, tan(u), h, ctx, f"{w} = tan({u}), d{w} = sec({u})^2 d{u}")
    if m % 2 == 1 and n >= 1:   # u = sec: tan^2 = sec^2 - 1
        h = _expand(mul(power(add(power(w, 2), -1), number((m - 1) // 2)),
                        power(w, number(n - 1))))
        return _via(expr, u, sec(u), h, ctx, f"{w} = sec({u}), d{w} = sec({u})*tan({u}) d{u}")
    F = _tan_sec_reduce(m, n, u)
    if F is None:
        return None
    return Step("trigonometric reduction formula", expr, u, F)


def _tan_sec_reduce(m: int, n: int, u: Symbol) -> Expr | None:
    """∫ tan^m sec^n for m even or n = 0 (reduction formulas)."""
    if n == 0:
        return _tan_power(m, u)
    # tan^m sec^n = (sec^2 - 1)^(m/2) sec^n, a sum of powers of sec
    if m % 2:
        return None
    terms = []
    k = m // 2
    from math import comb

    for j in range(k + 1):
        c = comb(k, j) * (-1) ** (k - j)
        terms.append(mul(c, _sec_power(n + 2 * j, u)))
    return add(*terms)


def _tan_power(m: int, u: Symbol) -> Expr:
    """∫ tan^m = tan^(m-1)/(m-1) - ∫ tan^(m-2)."""
    if m == 0:
        return u
    if m == 1:
        return mul(MINUS_ONE, log(cos(u)))
    return add(mul(power(tan(u), number(m - 1)), number(Fraction(1, m - 1))),
               mul(MINUS_ONE, _tan_power(m - 2, u)))


def _sec_power(n: int, u: Symbol) -> Expr:
    """∫ sec^n = sec^(n-2)*tan/(n-1) + (n-2)/(n-1) ∫ sec^(n-2)."""

    if n == 0:
        return u
    if n == 1:
        return atanh(sin(u))
    if n == 2:
        return tan(u)
    return add(mul(power(sec(u), number(n - 2)), tan(u), number(Fraction(1, n - 1))),
               mul(number(Fraction(n - 2, n - 1)), _sec_power(n - 2, u)))


def _cot_csc(expr: Expr, m: int, n: int, u: Symbol, ctx: Context) -> Step | None:
    w = ctx.dummy(expr, u, positive=False)
    if n >= 2 and n % 2 == 0:   # u = cot: csc^2 = 1 + cot^2, du = -csc^2
        h = _expand(mul(-1, power(w, number(m)), power(add(1, power(w, 2)), number((n - 2) // 2))))
        return _via(expr, u, cot(u), h, ctx, f"{w} = cot({u}), d{w} = -csc({u})^2 d{u}")
    if m % 2 == 1 and n >= 1:   # u = csc: cot^2 = csc^2 - 1, du = -csc*cot
        h = _expand(mul(-1, power(add(power(w, 2), -1), number((m - 1) // 2)),
                        power(w, number(n - 1))))
        return _via(expr, u, csc(u), h, ctx, f"{w} = csc({u}), d{w} = -csc({u})*cot({u}) d{u}")
    F = _cot_csc_reduce(m, n, u)
    if F is None:
        return None
    return Step("trigonometric reduction formula", expr, u, F)


def _cot_csc_reduce(m: int, n: int, u: Symbol) -> Expr | None:
    if n == 0:
        return _cot_power(m, u)
    if m % 2:
        return None
    from math import comb

    k = m // 2
    return add(*(mul(comb(k, j) * (-1) ** (k - j), _csc_power(n + 2 * j, u))
                 for j in range(k + 1)))


def _cot_power(m: int, u: Symbol) -> Expr:
    """∫ cot^m = -cot^(m-1)/(m-1) - ∫ cot^(m-2)."""
    if m == 0:
        return u
    if m == 1:
        return log(sin(u))
    return add(mul(power(cot(u), number(m - 1)), number(Fraction(-1, m - 1))),
               mul(MINUS_ONE, _cot_power(m - 2, u)))


def _csc_power(n: int, u: Symbol) -> Expr:
    """∫ csc^n = -csc^(n-2)*cot/(n-1) + (n-2)/(n-1) ∫ csc^(n-2)."""

    if n == 0:
        return u
    if n == 1:
        return mul(MINUS_ONE, atanh(cos(u)))
    if n == 2:
        return mul(MINUS_ONE, cot(u))
    return add(mul(power(csc(u), number(n - 2)), cot(u), number(Fraction(-1, n - 1))),
               mul(number(Fraction(n - 2, n - 1)), _csc_power(n - 2, u)))


def _expand(e: Expr) -> Expr:
    try:
        return expand(e)
    except SymcalcError:
        return e


def _sin_cos(expr: Expr, m: Fraction, n: Fraction, u: Symbol, ctx: Context) -> Step | None:
    """∫ sin^m cos^n du."""
    w = ctx.dummy(expr, u)
    if m.denominator == 1 and m % 2 == 1 and m > 0:
        # odd power of sin: u = cos, sin^2 = 1 - cos^2
        h = _expand(mul(-1, power(add(1, mul(-1, power(w, 2))), number((m - 1) / 2)),
                        power(w, number(n))))
        return _via(expr, u, cos(u), h, ctx, f"{w} = cos({u}), d{w} = -sin({u}) d{u}")
    if n.denominator == 1 and n % 2 == 1 and n > 0:
        h = _expand(mul(power(add(1, mul(-1, power(w, 2))), number((n - 1) / 2)),
                        power(w, number(m))))
        return _via(expr, u, sin(u), h, ctx, f"{w} = sin({u}), d{w} = cos({u}) d{u}")
    if not _ints(m, n):
        return None
    m, n = int(m), int(n)
    if m + n < 0 and (m - n) % 2 == 0:
        # u = tan: sin^m cos^n du = tan^m (1 + tan^2)^(-(m+n)/2 - 1) d(tan)
        h = _expand(mul(power(w, number(m)), power(add(1, power(w, 2)),
                                                    number(-(m + n) // 2 - 1))))
        return _via(expr, u, tan(u), h, ctx, f"{w} = tan({u}), d{w} = sec({u})^2 d{u}")
    F = _sin_cos_reduce(m, n, u, {})
    if F is None:
        return None
    return Step("trigonometric reduction formula", expr, u, F)


_BASE = {(0, 0): lambda u: u, (1, 0): lambda u: mul(MINUS_ONE, cos(u)),
         (0, 1): lambda u: sin(u), (1, 1): lambda u: mul(HALF, power(sin(u), 2)),
         (-1, 1): lambda u: log(sin(u)), (1, -1): lambda u: mul(MINUS_ONE, log(cos(u))),
         (-1, 0): lambda u: mul(MINUS_ONE, atanh(cos(u))), (0, -1): lambda u: atanh(sin(u)),
         (-1, -1): lambda u: log(tan(u))}


def _sin_cos_reduce(m: int, n: int, u: Symbol, memo: dict) -> Expr | None:
    """∫ sin^m cos^n du by the reduction formulas (integer m, n)."""
    key = (m, n)
    if key in memo:
        return memo[key]
    if len(memo) > 200:
        return None
    s, c = sin(u), cos(u)
    r: Expr | None
    if key in _BASE:
        r = _BASE[key](u)
    elif m + n == 0:
        r = _tan_power(m, u) if m > 0 else _cot_power(-m, u)
    elif m >= 2:
        # ∫ s^m c^n = -s^(m-1) c^(n+1)/(m+n) + (m-1)/(m+n) ∫ s^(m-2) c^n
        rest = _sin_cos_reduce(m - 2, n, u, memo)
        r = None if rest is None else add(
            mul(number(Fraction(-1, m + n)), power(s, number(m - 1)), power(c, number(n + 1))),
            mul(number(Fraction(m - 1, m + n)), rest))
    elif n >= 2:
        # ∫ s^m c^n = s^(m+1) c^(n-1)/(m+n) + (n-1)/(m+n) ∫ s^m c^(n-2)
        rest = _sin_cos_reduce(m, n - 2, u, memo)
        r = None if rest is None else add(
            mul(number(Fraction(1, m + n)), power(s, number(m + 1)), power(c, number(n - 1))),
            mul(number(Fraction(n - 1, m + n)), rest))
    elif m <= -2:
        # ∫ s^m c^n = s^(m+1) c^(n+1)/(m+1) + (m+n+2)/(m+1) ∫ s^(m+2) c^n
        rest = _sin_cos_reduce(m + 2, n, u, memo)
        r = None if rest is None else add(
            mul(number(Fraction(1, m + 1)), power(s, number(m + 1)), power(c, number(n + 1))),
            mul(number(Fraction(m + n + 2, m + 1)), rest))
    elif n <= -2:
        # ∫ s^m c^n = -s^(m+1) c^(n+1)/(n+1) + (m+n+2)/(n+1) ∫ s^m c^(n+2)
        rest = _sin_cos_reduce(m, n + 2, u, memo)
        r = None if rest is None else add(
            mul(number(Fraction(-1, n + 1)), power(s, number(m + 1)), power(c, number(n + 1))),
            mul(number(Fraction(m + n + 2, n + 1)), rest))
    else:
        r = None
    memo[key] = r
    return r


# --------------------------------------------------------------------------- product to sum


def _sin_cos_factors(e: Expr, x: Symbol) -> list[tuple[str, Expr]] | None:
    """e as a list of (sin|cos, linear argument) factors (powers repeated), or None."""
    out = []
    for f in (e.args if e.is_Mul else (e,)):
        b, k = (f.args if f.is_Pow else (f, ONE))
        if not (b.is_Function and b.fdef.name in ("sin", "cos") and k.is_Number
                and isinstance(k.value, int) and 0 < k.value <= 8):
            return None
        if _linear(b.args[0], x) is None:
            return None
        out.extend([(b.fdef.name, b.args[0])] * k.value)
    return out


def product_to_sum(factors: list[tuple[str, Expr]]) -> Expr:
    """The product of sines and cosines as a sum of sines and cosines.

    sin A sin B = (cos(A-B) - cos(A+B))/2, cos A cos B = (cos(A-B) + cos(A+B))/2,
    sin A cos B = (sin(A+B) + sin(A-B))/2.
    """
    # a sum of (coefficient, kind, argument) terms, multiplied factor by factor
    terms: list[tuple[Expr, str, Expr]] = [(ONE, "cos", ZERO)]
    for kind, B in factors:
        new = []
        for c, k, A in terms:
            h = mul(c, number(Fraction(1, 2)))
            plus, minus = add(A, B), add(A, mul(MINUS_ONE, B))
            if k == "cos" and kind == "cos":
                new += [(h, "cos", minus), (h, "cos", plus)]
            elif k == "sin" and kind == "sin":
                new += [(h, "cos", minus), (mul(MINUS_ONE, h), "cos", plus)]
            elif k == "sin":            # sin A cos B
                new += [(h, "sin", plus), (h, "sin", minus)]
            else:                       # cos A sin B = (sin(A+B) - sin(A-B))/2
                new += [(h, "sin", plus), (mul(MINUS_ONE, h), "sin", minus)]
        terms = new
    return add(*(mul(c, _FN[k](A)) for c, k, A in terms))


def _product_to_sum(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    fs = _sin_cos_factors(e, x)
    if fs is None or len(fs) < 2 or len({a for _, a in fs}) < 2:
        return None
    s = product_to_sum(fs)
    st = ctx.integrate(s, x)
    if st is None:
        return None
    return Step("product-to-sum formulas", e, x, st.result, (st,), f"as {s}")


# --------------------------------------------------------------------------- rational in sin, cos


def trig_rational_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Rational functions of sin and cos of one linear argument: Bioche's rules, then
    the tangent half-angle substitution."""
    from .bioche import bioche

    return bioche(e, x, ctx)


__all__ = ["monomial", "product_to_sum", "trig_method", "trig_rational_method"]
