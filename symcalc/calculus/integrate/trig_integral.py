"""Integrals that need the sine and cosine integrals Si, Ci (and Shi, Chi).

∫ F(a*x + b)*R(x) dx for F one of sin, cos, sinh, cosh and R a rational function whose
poles are rational: partial fractions split R into a polynomial (left to the other
methods: tabular parts) and terms c/(p*x + q)^m. With u = p*x + q, k = a/p and
β = b - a*q/p (so a*x + b = k*u + β), each term reduces to m = 1 by parts,

    ∫ sin(k u + β)/u^m du = -sin(k u + β)/((m - 1) u^(m-1)) + k/(m - 1) ∫ cos(k u + β)/u^(m-1) du,
    ∫ cos(k u + β)/u^m du = -cos(k u + β)/((m - 1) u^(m-1)) - k/(m - 1) ∫ sin(k u + β)/u^(m-1) du,

and the addition theorems finish it:

    ∫ sin(k u + β)/u du = cos(β) Si(k u) + sin(β) Ci(k u),
    ∫ cos(k u + β)/u du = cos(β) Ci(k u) - sin(β) Si(k u),

with sinh, cosh, Shi, Chi alike (no sign change in the reduction).

>>> from symcalc import symbols, sin, cos
>>> from symcalc.calculus.integrate import integrate
>>> x, a, b, c, d = symbols("x a b c d")
>>> integrate(sin(x)/x, x)
Si(x)
>>> integrate(cos(2*x)/x**2, x)
-2*Si(2*x) - cos(2*x)/x
>>> integrate((a + b*x)*sin(c + d*x)/x, x)
a*(Ci(d*x)*sin(c) + Si(d*x)*cos(c)) - b*cos(c + d*x)/d
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_KINDS = ("sin", "cos", "sinh", "cosh")


def _fn(name: str):  # noqa: ANN202
    from ...core import functions as F
    from ...core import functions_special as S

    return getattr(F, name) if hasattr(F, name) else getattr(S, name)


def _split(e: Expr, x: Symbol) -> tuple[str, Expr, Expr, Expr] | None:
    """(kind, a, b, R) with e = F(a*x + b)*R, F in sin/cos/sinh/cosh, R rational."""
    from .nonelementary import _linear
    from .rational import is_rational_function

    factors = e.args if e.is_Mul else (e,)
    trig = [f for f in factors if f.is_Function and f.fdef.name in _KINDS
            and x in free_symbols(f)]
    if len(trig) != 1:
        return None
    ab = _linear(trig[0].args[0], x)
    if ab is None:
        return None
    R = mul(*(f for f in factors if f is not trig[0]))
    if x not in free_symbols(R) or not is_rational_function(R, x):
        return None
    return trig[0].fdef.name, ab[0], ab[1], R


def _reduce(kind: str, m: int, k: Expr, beta: Expr, u: Expr) -> Expr:
    """∫ F(k*u + β)/u^m du."""
    hyper = kind.endswith("h")
    sin_, cos_ = (_fn("sinh"), _fn("cosh")) if hyper else (_fn("sin"), _fn("cos"))
    Si_, Ci_ = (_fn("Shi"), _fn("Chi")) if hyper else (_fn("Si"), _fn("Ci"))
    ku = mul(k, u)
    if m == 1:
        sb, cb = sin_(beta), cos_(beta)
        if kind in ("sin", "sinh"):
            return add(mul(cb, Si_(ku)), mul(sb, Ci_(ku)))
        if kind == "cos":
            return add(mul(cb, Ci_(ku)), mul(MINUS_ONE, sb, Si_(ku)))
        return add(mul(cb, Ci_(ku)), mul(sb, Si_(ku)))
    inv = number(Fraction(1, m - 1))
    F = _fn(kind)(add(ku, beta))
    head = mul(MINUS_ONE, inv, F, power(u, number(1 - m)))
    other = {"sin": "cos", "cos": "sin", "sinh": "cosh", "cosh": "sinh"}[kind]
    sign = MINUS_ONE if kind == "cos" else number(1)
    return add(head, mul(sign, k, inv, _reduce(other, m - 1, k, beta, u)))


def trig_integral_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """sin/cos/sinh/cosh(linear) times a rational function with poles -> Si, Ci, Shi, Chi."""
    from ...algebra.rational import apart
    from .nonelementary import _pole_term
    from .parts import is_polynomial

    sp = _split(e, x)
    if sp is None:
        return _linearized(e, x, ctx)
    kind, a, b, R = sp
    try:
        parts = apart(R, x)
    except (SymcalcError, ArithmeticError):
        return None
    terms = parts.args if parts.is_Add else (parts,)
    poly: list[Expr] = []
    results: list[Expr] = []
    for t in terms:
        if x not in free_symbols(t):
            poly.append(t)
            continue
        pt = _pole_term(t, x)
        if pt is not None:
            c, p, q, m = pt
            u = add(mul(p, x), q)
            k = mul(a, power(p, MINUS_ONE))
            beta = expand(add(b, mul(MINUS_ONE, a, q, power(p, MINUS_ONE))))
            results.append(mul(c, power(p, MINUS_ONE), _reduce(kind, m, k, beta, u)))
            continue
        if not is_polynomial(t, x):
            return None       # an irreducible quadratic: Si/Ci of complex arguments
        poly.append(t)
    if not results:
        return None
    subs_: list[Step] = []
    if poly:
        g = expand(mul(_fn(kind)(add(mul(a, x), b)), add(*poly)))
        st = ctx.integrate(g, x)
        if st is None:
            return None
        subs_.append(st)
        results.append(st.result)
    F = add(*results)
    if F is ZERO:
        return None
    return Step("sine and cosine integrals", e, x, F, tuple(subs_),
                "partial fractions; ∫ sin(k·u + β)/u^m du reduced to Si, Ci")


def _linearized(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """A product of powers of sines and cosines of linear arguments times a rational
    function with poles: the product-to-sum formulas first (sin(x)^2/x = (1 - cos 2x)/(2x))."""
    from .rational import is_rational_function
    from .trig import _sin_cos_factors, product_to_sum

    factors = e.args if e.is_Mul else (e,)
    trig = [f for f in factors if x in free_symbols(f) and (f.is_Function or f.is_Pow and
            f.args[0].is_Function) and (f if f.is_Function else f.args[0]).fdef.name
            in ("sin", "cos")]
    R = mul(*(f for f in factors if all(f is not g for g in trig)))
    if not trig or x not in free_symbols(R) or not is_rational_function(R, x):
        return None
    fs = _sin_cos_factors(mul(*trig), x)
    if fs is None or len(fs) < 2:
        return None
    s = expand(mul(product_to_sum(fs), R))
    st = ctx.integrate(s, x)
    if st is None:
        return None
    return Step("product-to-sum formulas", e, x, st.result, (st,), f"as {s}")


__all__ = ["trig_integral_method"]
