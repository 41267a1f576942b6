"""Exact special values of elementary functions (the tables of a calculus book).

Trigonometric values at rational multiples of pi with denominator 1, 2, 3, 4, 5, 6, 8,
10 or 12 (those whose values are real radicals of depth at most two; at denominators
7, 9 and 11 the values are roots of irreducible cubics and higher with three real
roots, which have no expression in real radicals), shifts by multiples of pi/2, and the
inverse tables for asin/acos/atan.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

from .arithmetic import add, mul, power
from .expr import Expr
from .numbers import HALF, ONE, ZERO, number, pi

_HALF = Fraction(1, 2)


def pi_coeff(u: Expr) -> Fraction | None:
    """c if ``u`` is c*pi with rational c."""
    if u is pi:
        return Fraction(1)
    if u.is_Mul and len(u._factors) == 1 and u._factors[0] is pi \
            and not isinstance(u._coeff, float):
        return Fraction(u._coeff)
    if u is ZERO:
        return Fraction(0)
    return None


def split_pi_shift(u: Expr) -> tuple[Fraction, Expr] | None:
    """(c, rest) if u = rest + c*pi with rational c != 0 and rest nonzero."""
    if not u.is_Add:
        return None
    for r, c in u._pairs:
        if r is pi and not isinstance(c, float):
            return Fraction(c), add(u, mul(number(-c), pi))
    return None


def _sqrt(n: int) -> Expr:
    return power(number(n), HALF)


@cache
def _sin_table() -> dict[Fraction, Expr]:
    s2, s3, s5, s6 = _sqrt(2), _sqrt(3), _sqrt(5), _sqrt(6)
    quarter = number(Fraction(1, 4))
    return {
        Fraction(0): ZERO,
        Fraction(1, 12): mul(quarter, add(s6, mul(-1, s2))),
        Fraction(1, 10): mul(quarter, add(s5, number(-1))),
        Fraction(1, 8): mul(HALF, power(add(number(2), mul(-1, s2)), HALF)),
        Fraction(1, 6): HALF,
        Fraction(1, 5): mul(quarter, power(add(number(10), mul(-2, s5)), HALF)),
        Fraction(1, 4): mul(HALF, s2),
        Fraction(3, 10): mul(quarter, add(s5, ONE)),
        Fraction(1, 3): mul(HALF, s3),
        Fraction(3, 8): mul(HALF, power(add(number(2), s2), HALF)),
        Fraction(2, 5): mul(quarter, power(add(number(10), mul(2, s5)), HALF)),
        Fraction(5, 12): mul(quarter, add(s6, s2)),
        Fraction(1, 2): ONE,
    }


@cache
def _tan_table() -> dict[Fraction, Expr]:
    """tan(c*pi) for 0 < c < 1/2 where a shorter form than sin/cos is known."""
    s2, s5 = _sqrt(2), _sqrt(5)
    fifth = number(Fraction(1, 5))
    return {
        Fraction(1, 10): mul(fifth, power(add(number(25), mul(-10, s5)), HALF)),
        Fraction(1, 8): add(s2, number(-1)),
        Fraction(1, 5): power(add(number(5), mul(-2, s5)), HALF),
        Fraction(3, 10): mul(fifth, power(add(number(25), mul(10, s5)), HALF)),
        Fraction(3, 8): add(s2, ONE),
        Fraction(2, 5): power(add(number(5), mul(2, s5)), HALF),
    }


def sin_of_pi_multiple(c: Fraction) -> Expr | None:
    """Exact sin(c*pi) for the tabulated c, else None."""
    c = c % 2
    sign = 1
    if c >= 1:
        sign, c = -1, c - 1
    if c > _HALF:
        c = 1 - c
    v = _sin_table().get(c)
    if v is None:
        return None
    return v if sign == 1 else mul(-1, v)


def cos_of_pi_multiple(c: Fraction) -> Expr | None:
    return sin_of_pi_multiple(c + _HALF)


def tan_of_pi_multiple(c: Fraction) -> Expr | None:
    r = c % 1  # period pi; tan is odd
    sign = 1
    if r > _HALF:
        sign, r = -1, 1 - r
    v = _tan_table().get(r)
    if v is not None:
        return v if sign == 1 else mul(-1, v)
    s, co = sin_of_pi_multiple(c), cos_of_pi_multiple(c)
    if s is None or co is None or co is ZERO:
        return None
    return mul(s, power(co, number(-1)))


@cache
def _inverse_tables() -> tuple[dict, dict, dict]:
    """value -> c tables: asin (c in [-1/2, 1/2]), acos (c in [0, 1]), atan (|c| < 1/2)."""
    asin: dict[Expr, Fraction] = {}
    acos: dict[Expr, Fraction] = {}
    atan: dict[Expr, Fraction] = {}
    quarter = sorted(_sin_table())  # 0 <= c <= 1/2
    for c in sorted({-c for c in quarter} | set(quarter)):
        asin.setdefault(sin_of_pi_multiple(c), c)
        if abs(c) < _HALF:
            atan.setdefault(tan_of_pi_multiple(c), c)
    for c in sorted(set(quarter) | {1 - c for c in quarter}):
        acos.setdefault(cos_of_pi_multiple(c), c)
    return asin, acos, atan


def asin_value(v: Expr) -> Expr | None:
    c = _inverse_tables()[0].get(v)
    return None if c is None else mul(number(c), pi)


def acos_value(v: Expr) -> Expr | None:
    c = _inverse_tables()[1].get(v)
    return None if c is None else mul(number(c), pi)


def atan_value(v: Expr) -> Expr | None:
    c = _inverse_tables()[2].get(v)
    return None if c is None else mul(number(c), pi)
