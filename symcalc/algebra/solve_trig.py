"""Equations polynomial in sin(u) and cos(u) together: the half-angle substitution.

With ``t = tan(u/2)``, ``sin(u) = 2*t/(1 + t^2)`` and ``cos(u) = (1 - t^2)/(1 + t^2)``,
so an equation polynomial in ``sin(u)`` and ``cos(u)`` becomes a rational equation in
``t``. Each real root gives ``u = 2*atan(t)`` in ``(-pi, pi)``; the one value that
``t`` misses, ``u = pi``, is checked separately. Then ``u = w`` is solved for ``x``.
These are the principal solutions (``u`` in ``(-pi, pi]``); with
``solve(..., general=True)`` a multiple ``2*pi*n`` is added to each.

>>> from symcalc import parse, symbols, solve
>>> x = symbols("x")
>>> solve(parse("sin(x) + cos(x)"), x)
[-pi/4, 3*pi/4]
>>> solve(parse("sin(x) - cos(x) - 1"), x)
[pi/2, pi]
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.arithmetic import add, mul, power
from ..core.expr import Expr
from ..core.functions import atan, cos, sin
from ..core.numbers import MINUS_ONE, ONE, ZERO, number, pi
from ..core.symbol import Symbol
from .rational import cancel, numer_denom

__all__ = ["sin_cos_roots"]

Root = tuple[Expr, int]


def _pair(xgens: list[Expr], x: Symbol) -> Expr | None:
    """u if the generators containing x are sin(u) and/or cos(u) (both present)."""
    names = {h.fdef.name for h in xgens if h.is_Function}
    if len(xgens) != 2 or names != {"sin", "cos"}:
        return None
    u0, u1 = (h.args[0] for h in xgens)
    return u0 if u0 is u1 else None


def sin_cos_roots(g: Expr, x: Symbol, xgens: list[Expr], domain: str,
                  roots: Callable[[Expr, Symbol], list[Root]], general: bool,
                  period: Symbol) -> list[Root] | None:
    """Roots of ``g = 0`` polynomial in ``sin(u)``, ``cos(u)`` (see the module doc), or
    None if ``g`` is not of that form. ``roots(h, v)`` solves a simpler equation."""
    if domain != "real":
        return None
    u = _pair(xgens, x)
    if u is None:
        return None
    t = Symbol("_half_t")
    one_t2 = add(ONE, power(t, number(2)))
    s_t = mul(number(2), t, power(one_t2, MINUS_ONE))
    c_t = mul(add(ONE, mul(MINUS_ONE, power(t, number(2)))), power(one_t2, MINUS_ONE))
    gt = cancel(g.xreplace({sin(u): s_t, cos(u): c_t}))
    if gt.has(x):
        return None
    num, _ = numer_denom(gt)
    angles: list[Expr] = []
    if num.has(t):
        for tv, _k in roots(num, t):
            angles.append(mul(number(2), atan(tv)))
    elif num is ZERO:
        return None
    at_pi = cancel(g.xreplace({sin(u): ZERO, cos(u): MINUS_ONE}))
    if at_pi is ZERO:
        angles.append(pi)
    out: list[Root] = []
    for w in angles:
        if general:
            w = add(w, mul(number(2), pi, period))
        out += roots(add(u, mul(MINUS_ONE, w)), x)
    return out
