"""The order symbol ``O(...)`` as a registry function: how it is written, printed and
parsed back (its arithmetic lives in :mod:`symcalc.calculus.order`).

``O(u, x, x0)`` stands for "some function bounded by a constant times ``|u|`` as ``x``
tends to ``x0``". It is kept in the canonical form ``O(t^k, x, x0)`` with
``t = x - x0`` (``t = x`` and the short form ``O(x^k)`` at 0, ``O(x^(-k), x, oo)`` at
infinity): constant factors drop out and of a sum of monomials the dominant one stays.

>>> from symcalc import Symbol, oo
>>> x = Symbol("x")
>>> O(3*x**2 + x**5)
O(x^2)
>>> O(x**2 + x, x, oo)
O(x^2, x, oo)
"""

from __future__ import annotations

from fractions import Fraction

from .arithmetic import add, mul, power
from .expr import Expr
from .function import FunctionDef, apply
from .functions import INPUT_ONLY
from .numbers import ONE, ZERO, oo
from .symbol import Symbol
from .traversal import free_symbols


def _t_exponent(u: Expr, x: Symbol, x0: Expr) -> tuple[Expr, Fraction] | None:
    """(c, k) with u = c t^k, c free of x, k rational; t = x - x0, or 1/x at +-oo."""
    if x not in free_symbols(u):
        return u, Fraction(0)
    at_inf = x0 is oo or x0 == -oo
    base = x if at_inf or x0 is ZERO else add(x, mul(-1, x0))
    sign = -1 if at_inf else 1
    if u is base:
        return ONE, Fraction(sign)
    if u.is_Pow and u.args[0] is base and u.args[1].is_Number \
            and not isinstance(u.args[1].value, float):
        return ONE, sign * Fraction(u.args[1].value)
    if u.is_Mul:
        coeff, k = [], None
        for f in u.args:
            if x not in free_symbols(f):
                coeff.append(f)
                continue
            r = _t_exponent(f, x, x0)
            if r is None or k is not None:
                return None
            k = r[1]
        return (mul(*coeff), k) if k is not None else None
    return None


def _dominant(u: Expr, x: Symbol, x0: Expr) -> tuple[Expr, Fraction] | None:
    """The dominant monomial (smallest power of t) of a sum of monomials."""
    terms = u.args if u.is_Add else (u,)
    best = None
    for a in terms:
        r = _t_exponent(a, x, x0)
        if r is None:
            return None
        if r[0] is not ZERO and (best is None or r[1] < best[1]):
            best = r
    return best


def t_power(x: Symbol, x0: Expr, k: Fraction | int) -> Expr:
    """t^k as an expression in x: (x - x0)^k, x^k at 0, x^(-k) at +-oo."""
    if x0 is oo or x0 == -oo:
        return power(x, -Fraction(k))
    base = x if x0 is ZERO else add(x, mul(-1, x0))
    return power(base, Fraction(k))


def _order_special(*args: Expr) -> Expr | None:
    u = args[0]
    if len(args) == 2:
        return None  # O(u, x): the point is missing; left as written
    if len(args) == 1:
        fs = free_symbols(u)
        if len(fs) != 1:
            if not fs and u.is_Number:
                return ZERO if u is ZERO else apply(order_fn, (ONE,))
            return None
        x, x0 = next(iter(fs)), ZERO
    else:
        x, x0 = args[1], args[2]
        if not isinstance(x, Symbol) or x in free_symbols(x0):
            return None
    r = _dominant(u, x, x0)
    if r is None:
        return None
    c, k = r
    if c is ZERO:
        return ZERO
    if k == 0:
        return apply(order_fn, (ONE,))
    tk = t_power(x, x0, k)
    if x0 is ZERO and free_symbols(u) == {x}:
        return apply(order_fn, (tk,))
    return apply(order_fn, (tk, x, x0))


order_fn = FunctionDef(
    "O", (1, 3), special=_order_special, unicode="O", latex="O",
    doc="The order symbol: O(x^3) is a term bounded by a constant times |x|^3 as x -> 0; "
        "O((x - a)^k, x, a) at a, O(x^(-k), x, oo) at infinity. See symcalc.calculus.order "
        "for series with O-terms and their arithmetic.")
#: parsed (``O(x^3)``) but not a registry entry: it has no numeric value, cannot be
#: compiled, and the name O alone stays an ordinary symbol
INPUT_ONLY[order_fn.name] = order_fn
O = order_fn


def order_parts(node: Expr) -> tuple[Symbol | None, Expr, Fraction] | None:
    """(x, x0, k) of a canonical O node O(t^k, x, x0); x is None for O(1)."""
    if not (node.is_Function and node.fdef is order_fn):
        return None
    args = node.args
    if len(args) == 1:
        fs = free_symbols(args[0])
        if not fs:
            return (None, ZERO, Fraction(0)) if args[0] is ONE else None
        if len(fs) != 1:
            return None
        x, x0 = next(iter(fs)), ZERO
    elif len(args) == 3 and isinstance(args[1], Symbol):
        x, x0 = args[1], args[2]
    else:
        return None
    r = _dominant(args[0], x, x0)
    if r is None:
        return None
    return x, x0, r[1]


__all__ = ["O", "order_fn", "order_parts", "t_power"]
