"""Odd powers of sin (cos, sinh, cosh) beside any function of the other one.

F(cos y)*sin(y)^(2k+1) with F built from any functions of cos y (exp(cos y), log(cos y),
atan(cos y), ...): u = cos y, sin(y)^(2k) = (1 - u^2)^k, and likewise u = sin y, sinh y,
cosh y.  The radical methods (:func:`.trig_radicals.odd_power`) do this when sin and cos
are the only functions; here other functions of the same argument's sin or cos may wrap
them.

>>> from symcalc import parse, symbols
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("exp(cos(x))*sin(x)^3"), x)
exp(cos(x)) + cos(x)^2*exp(cos(x)) - 2*cos(x)*exp(cos(x))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.expr import Expr
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_TRIG = frozenset(("sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth",
                   "sech", "csch"))


def odd_power_wrapped_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """u = cos y for F(cos y)*sin(y)^odd where F may hold other functions (exp, log, ...)."""
    from .trig_radicals import odd_power_in

    if not e.is_Mul:
        return None
    trig = [n for n in e.preorder() if n.is_Function and n.fdef.name in _TRIG
            and x in free_symbols(n)]
    args = {n.args[0] for n in trig}
    if len(args) != 1:
        return None
    y = next(iter(args))
    others = [n for n in e.preorder() if n.is_Function and n.fdef.name not in _TRIG
              and x in free_symbols(n)]
    if not others:
        return None  # sin and cos alone: the trigonometric methods
    st = odd_power_in(e, x, y, trig, ctx)
    if st is None:
        return None
    return Step("odd power substitution", e, x, st.result, (st,), st.detail)


__all__ = ["odd_power_wrapped_method"]
