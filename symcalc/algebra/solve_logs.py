"""Equations linear in several logarithms of rational functions of the unknown.

``c1*log(u1) + ... + cn*log(un) + r = 0`` with rational numbers ``ci``, rational
functions ``ui`` of ``x`` and ``r`` free of ``x``: over the reals every ``log(ui)`` must be
defined, so ``ui > 0``, and there the logarithms combine exactly:
``u1^k1 * ... * un^kn = exp(-L*r)`` with ``ki = L*ci`` integers (``L`` the common
denominator). That is a polynomial equation; its real roots are kept only where every
``ui`` is positive (the roots the combination adds are extraneous: ``log(x) + log(x - 1)
= log(6)`` gives ``x^2 - x - 6 = 0``, roots 3 and -2, and -2 is not in the domain).

Only the real domain is handled (complex logarithms do not combine this way), and only
equations without parameters (the sign conditions must be decided).

>>> from symcalc import parse, symbols, solve
>>> x = symbols("x")
>>> solve(parse("log(x) + log(x - 1) - log(6)"), x)
[3]
>>> solve(parse("2*log(x) - log(x + 2)"), x)
[2]
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from math import lcm

from ..core.arithmetic import add, mul, power
from ..core.expr import Expr
from ..core.functions import exp
from ..core.numbers import MINUS_ONE, number
from ..core.symbol import Symbol
from .poly import Poly, PolynomialError

__all__ = ["log_roots"]

Root = tuple[Expr, int]


def _is_log_of_rational(h: Expr, x: Symbol) -> bool:
    if not (h.is_Function and h.fdef.name == "log" and len(h.args) == 1):
        return False
    from .rational import numer_denom

    try:
        n, d = numer_denom(h.args[0])
        Poly.from_expr(n, [x])
        Poly.from_expr(d, [x])
    except (PolynomialError, ArithmeticError):
        return False
    return True


def log_roots(g: Expr, x: Symbol, xgens: list[Expr], domain: str,
              roots: Callable[[Expr], list[Root]]) -> list[Root] | None:
    """Real roots of ``g = 0`` in the form of the module doc (``roots`` solves a rational
    equation in ``x``), or None if ``g`` is not of that form."""
    if domain != "real" or len(xgens) < 2 or x in xgens:
        return None
    if g.free_symbols != {x}:
        return None
    if not all(_is_log_of_rational(h, x) for h in xgens) or not g.is_Add:
        return None
    weight = {h: Fraction(0) for h in xgens}
    rest = [number(g._const)]
    for t, c in g._pairs:
        if not t.has(x):
            rest.append(mul(number(c), t))
        elif t in weight and isinstance(c, (int, Fraction)):
            weight[t] += Fraction(c)
        else:
            return None  # x outside the logarithms, or a float coefficient
    coeffs = [weight[h] for h in xgens]
    if not all(coeffs):
        return None
    r = add(*rest)
    L = lcm(*(q.denominator for q in coeffs))
    lhs = mul(*(power(h.args[0], number(int(q * L))) for h, q in zip(xgens, coeffs)))
    eq = add(lhs, mul(MINUS_ONE, exp(mul(number(-L), r))))
    out = []
    for root, k in roots(eq):
        if all(_positive(h.args[0], x, root) for h in xgens):
            out.append((root, k))
    return out


def _positive(u: Expr, x: Symbol, root: Expr) -> bool:
    """Whether ``u(root) > 0``, by evaluation at 40 digits (a value within 1e-30 of 0 or
    not real counts as not positive: the root is then dropped, never wrongly kept)."""
    from ..core.evalf import N
    from ..errors import SymcalcError

    try:
        v = complex(N(u.subs({x: root}), 40))
    except (SymcalcError, ArithmeticError, ValueError, TypeError):
        return False
    return abs(v.imag) <= 1e-30 and v.real > 1e-30
