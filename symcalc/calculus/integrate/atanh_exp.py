"""exp(c*atanh(u)) and exp(c*acoth(u)): algebraic functions in disguise.

atanh(u) = log((1 + u)/(1 - u))/2, so on |u| < 1, where exp(c*atanh(u)) is real,

    exp(c*atanh(u)) = ((1 + u)/(1 - u))^(c/2) = (1 + u)^c/(1 - u^2)^(c/2),

the second form for an odd integer c (a square root of a quadratic for linear u, the
radical methods' home ground), the first otherwise; and exp(c*acoth(u)) =
((u + 1)/(u - 1))^(c/2) on |u| > 1. The rewritten integrand is integrated by the other
methods, and the driver verifies the answer against the original integrand.

>>> from symcalc import symbols, exp, atanh
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(exp(atanh(x)), x)
asin(x) - sqrt(1 - x^2)
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _algebraic_form(n: Expr, x: Symbol) -> Expr | None:
    """The algebraic form of exp(c*atanh(u)) or exp(c*acoth(u)), or None."""
    from .engine import split_constant

    if not (n.is_Function and n.fdef.name == "exp" and _has(n, x)):
        return None
    c, f = split_constant(n.args[0], x)
    if not (c.is_Number and not isinstance(c.value, (float, complex))
            and f.is_Function and f.fdef.name in ("atanh", "acoth")):
        return None
    u = f.args[0]
    k = Fraction(c.value)
    if f.fdef.name == "atanh":
        if k.denominator == 1 and k.numerator % 2:
            return mul(power(add(1, u), number(k)),
                       power(add(1, mul(MINUS_ONE, u, u)), number(-k / 2)))
        return power(mul(add(1, u), power(add(1, mul(MINUS_ONE, u)), MINUS_ONE)),
                     number(k / 2))
    return power(mul(add(u, 1), power(add(u, MINUS_ONE), MINUS_ONE)), number(k / 2))


def atanh_exp_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Rewrite exp(c*atanh(u)), exp(c*acoth(u)) as powers, then integrate."""
    table = {}
    for n in e.preorder():
        a = _algebraic_form(n, x)
        if a is not None:
            table[n] = a
    if not table:
        return None
    try:
        g = subs(e, table)
    except (SymcalcError, ArithmeticError):
        return None
    st = ctx.integrate(g, x)
    if st is None:
        return None
    from .verify import verify

    if not verify(st.result, e, x):
        return None
    return Step("exp(c*atanh(u)) = ((1 + u)/(1 - u))^(c/2)", e, x, st.result, (st,))


def has_atanh_exp(e: Expr, x: Symbol) -> bool:
    """Whether e contains exp(c*atanh(u)) or exp(c*acoth(u))."""
    return any(n.is_Function and n.fdef.name == "exp" and any(
        m.is_Function and m.fdef.name in ("atanh", "acoth") for m in n.args[0].preorder())
        for n in e.preorder())


__all__ = ["atanh_exp_method", "has_atanh_exp"]
