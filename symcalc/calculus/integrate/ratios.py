"""Locally constant ratios: factors |L|^k (k an integer), as sqrt(c*x^2) = sqrt(c)*|x|
leaves them, powers (c*x)^k of monomials, and powers of factorable radicands.

(|L|/L)^k is constant on each interval where L keeps its sign, so

    ∫ f*|L|^k dx = (|L|/L)^k * ∫ f*L^k dx,

an antiderivative on every interval not containing a zero of L (at a zero of L where
the integrand stays finite the answer may jump: the tables accept this, as Rubi does
with its x/sqrt(c*x^2) factors). Likewise (c*x)^k/x^k is constant on x > 0 and on
x < 0, so ∫ f*(c*x)^k dx = ((c*x)^k/x^k) * ∫ f*x^k dx, whatever the sign of c; and a
radicand that factors, P = c*f1^e1*f2^e2*..., gives P^k = ratio * c^k*f1^(e1*k)*...
with a ratio constant between the zeros of the f_i: (a^2 + 2*a*b*x^3 + b^2*x^6)^(5/2)
becomes (a + b*x^3)^5, x/sqrt(a*x + b*x^4) becomes a binomial differential.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("x^2/abs(x)"), x)
x^3/(2*abs(x))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import mul, power
from ...core.expr import Expr
from ...core.numbers import number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context


def _abs_power(f: Expr, x: Symbol) -> tuple[Expr, int] | None:
    """(L, k) for f = |L|^k with L depending on x and k a nonzero integer."""
    b, k = (f.args[0], f.args[1]) if f.is_Pow else (f, number(1))
    if not (b.is_Function and b.fdef.name == "abs" and x in free_symbols(b)):
        return None
    if not (k.is_Number and isinstance(k.value, int) and k.value):
        return None
    return b.args[0], k.value


def abs_factor_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ f*|L|^k dx = (|L|/L)^k * ∫ f*L^k dx."""
    factors = e.args if e.is_Mul else (e,)
    ratio = []
    new = []
    for f in factors:
        ak = _abs_power(f, x)
        if ak is None:
            new.append(f)
            continue
        L, k = ak
        new.append(power(L, number(k)))
        ratio.append(power(mul(f.args[0] if f.is_Pow else f, power(L, number(-1))),
                           number(k)))
    if not ratio:
        return None
    g = mul(*new)
    if any(n.is_Function and n.fdef.name == "abs" and x in free_symbols(n)
           for n in g.preorder()):
        return None
    st = ctx.integrate(g, x)
    if st is None:
        return None
    F = mul(*ratio, st.result)
    return Step("|L|/L is constant on each interval", e, x, F, (st,))


def _monomial_power(f: Expr, x: Symbol, general: bool = False) -> Expr | None:
    """x^(j*k) for f = (c*x^j)^k, c free of x, k not an integer (with ``general``, G^k
    for f = (c*G)^k and any G)."""
    from .engine import split_constant

    if not (f.is_Pow and f.args[0].is_Mul and f.args[1].is_Number
            and not isinstance(f.args[1].value, (int, float, complex))):
        return None
    c, dep = split_constant(f.args[0], x)
    if c.is_Number and c.value == 1:
        return None
    if dep is x:
        j = number(1)
    elif dep.is_Pow and dep.args[0] is x and dep.args[1].is_Number \
            and isinstance(dep.args[1].value, int):
        j = dep.args[1]
    elif general and dep.is_Pow and dep.args[1].is_Number \
            and isinstance(dep.args[1].value, int):
        return power(dep.args[0], mul(dep.args[1], f.args[1]))
    elif general and x in free_symbols(dep):
        return power(dep, f.args[1])
    else:
        return None
    return power(x, mul(j, f.args[1]))


def has_monomial_power(e: Expr, x: Symbol) -> bool:
    """Whether a factor of e is (c*x^j)^k with k not an integer."""
    return any(_monomial_power(f, x) is not None for f in (e.args if e.is_Mul else (e,)))


def monomial_power_method(e: Expr, x: Symbol, ctx: Context, general: bool = False
                          ) -> Step | None:
    """∫ f*(c*x^j)^k dx = ((c*x^j)^k/x^(j*k)) * ∫ f*x^(j*k) dx."""
    factors = e.args if e.is_Mul else (e,)
    ratio, new = [], []
    for f in factors:
        xp = _monomial_power(f, x, general)
        if xp is None:
            new.append(f)
        else:
            new.append(xp)
            ratio.append(mul(f, power(xp, number(-1))))
    if not ratio:
        return None
    st = ctx.integrate(mul(*new), x)
    if st is None:
        return None
    return Step("(c*x)^k/x^k is constant on each side of 0", e, x, mul(*ratio, st.result),
                (st,))


def constant_factor_power_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ f*(c*G)^k dx = ((c*G)^k/G^k) * ∫ f*G^k dx for any G: (b*cos(x))^(3/2)."""
    return monomial_power_method(e, x, ctx, general=True)


def _factored_power(f: Expr, x: Symbol) -> Expr | None:
    """c^k*f1^(e1*k)*... for f = P^k, P a polynomial in x that factors (a square factor or
    more than one factor depending on x), k not an integer."""
    from ...algebra.factor_expr import factor
    from ...errors import SymcalcError
    from .radicals import poly_coeffs

    if not (f.is_Pow and f.args[0].is_Add and f.args[1].is_Number
            and not isinstance(f.args[1].value, (int, float, complex))):
        return None
    P, k = f.args
    cs = poly_coeffs(P, x)
    if cs is None or len(cs) < 3 or len(cs) > 13 or P.count_ops() > 80:
        return None
    try:
        F = factor(P)
    except (SymcalcError, ArithmeticError, ValueError, TypeError):
        return None
    parts = F.args if F.is_Mul else (F,)
    dep = [g for g in parts if x in free_symbols(g)]
    if len(dep) < 2 and not (dep and dep[0].is_Pow):
        return None
    return mul(*(power(g, k) if x not in free_symbols(g) else
                 power(g.args[0], mul(g.args[1], k)) if g.is_Pow else power(g, k)
                 for g in parts))


def factored_radicand_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ f*P^k dx = (P^k/Π f_i^(e_i*k)) * ∫ f*Π f_i^(e_i*k) dx for a radicand that factors."""
    factors = e.args if e.is_Mul else (e,)
    ratio, new = [], []
    for f in factors:
        g = _factored_power(f, x)
        if g is None:
            new.append(f)
        else:
            new.append(g)
            ratio.append(mul(f, power(g, number(-1))))
    if not ratio:
        return None
    st = ctx.integrate(mul(*new), x)
    if st is None:
        return None
    return Step("a factored radicand", e, x, mul(*ratio, st.result), (st,))


__all__ = ["abs_factor_method", "constant_factor_power_method", "factored_radicand_method",
           "has_monomial_power", "monomial_power_method"]
