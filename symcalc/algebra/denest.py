"""Denesting of square roots: ``sqrt(5 + 2*sqrt(6)) = sqrt(2) + sqrt(3)``.

For ``a + b*sqrt(r)`` with rational ``a, b, r`` (``r`` not a square), the square root
denests, in the sense of Borodin, Fagin, Hopcroft and Tompa ("Decreasing the nesting
depth of expressions involving square roots", 1985), exactly when the norm
``a^2 - b^2*r`` is the square of a rational ``d``; then

    sqrt(a + b*sqrt(r)) = sqrt((a + d)/2) + sign(b)*sqrt((a - d)/2)

(``a > 0`` and ``d <= a`` make both radicands nonnegative; if the norm is not a
square, no expression with square roots of rationals only equals it, which is their
theorem for depth two). A root ``sqrt(n*(a + b*sqrt(r)))`` with a rational factor
``n`` denests through ``sqrt(n)*sqrt(a + b*sqrt(r))`` when that is so.

>>> from symcalc import parse
>>> denest(parse("sqrt(5 + 2*sqrt(6))"))
sqrt(2) + sqrt(3)
>>> denest(parse("sqrt(2 - sqrt(3))"))
sqrt(6)/2 - sqrt(2)/2
>>> denest(parse("sqrt(4 + 2*sqrt(3))"))
sqrt(3) + 1
>>> denest(parse("sqrt(3 + sqrt(2))"))  # the norm 7 is not a square
sqrt(sqrt(2) + 3)
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.expand import expand
from ..core.expr import Expr, as_expr
from ..core.numbers import HALF, number
from ..core.traversal import bottom_up

__all__ = ["denest", "denest_sqrt"]


def _rational(e: Expr) -> Fraction | None:
    if e.is_Number and not isinstance(e.value, float):
        return Fraction(e.value)
    return None


def _sqrt_term(t: Expr) -> tuple[Fraction, Fraction] | None:
    """(b, r) with t = b*sqrt(r), r a positive rational."""
    c, rest = t.as_coeff_mul()
    if isinstance(c, float):
        return None
    if rest.is_Pow and rest._args[1] is HALF:
        r = _rational(rest._args[0])
        if r is not None and r > 0:
            return Fraction(c), r
    return None


def _rational_sqrt(q: Fraction) -> Fraction | None:
    if q < 0:
        return None
    n, d = isqrt(q.numerator), isqrt(q.denominator)
    if n * n == q.numerator and d * d == q.denominator:
        return Fraction(n, d)
    return None


def denest_sqrt(x: Expr) -> Expr | None:
    """``sqrt(x)`` with one level of nesting less, or None (see the module doc)."""
    if not x.is_Add:
        return None
    const, terms = x.as_coeff_add()
    if isinstance(const, float) or len(terms) != 1:
        return None
    a = Fraction(const)
    br = _sqrt_term(terms[0])
    if br is None or a <= 0:
        return None
    b, r = br
    d = _rational_sqrt(a * a - b * b * r)
    if d is None or d > a:
        return None
    first = power(number((a + d) / 2), HALF)
    second = power(number((a - d) / 2), HALF)
    return add(first, mul(number(1 if b > 0 else -1), second))


def denest(e: Any) -> Expr:
    """``e`` with every denestable ``sqrt(a + b*sqrt(r))`` denested (bottom-up)."""
    e = as_expr(e)

    def visit(node: Expr, kids: tuple) -> Expr:
        new = node.rebuild(kids) if kids else node
        if new.is_Mul and new is not node and not new.free_symbols:
            return expand(new)  # sqrt(2)*(sqrt(2) + sqrt(6))/2 = 1 + sqrt(3)
        if new.is_Pow and new._args[1] is HALF:
            base = new._args[0]
            r = denest_sqrt(base)
            if r is None and base.is_Add:
                # a rational content: sqrt(2*sqrt(6) + 5) may come as sqrt(n*(...))
                c, rest = base.as_coeff_mul()
                if c != 1 and not isinstance(c, float) and c > 0:
                    inner = denest_sqrt(rest)
                    if inner is not None:
                        r = mul(power(number(c), HALF), inner)
            if r is not None:
                return r
        return new

    return bottom_up(e, visit)
