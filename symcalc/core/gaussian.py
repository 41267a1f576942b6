"""The imaginary unit ``I`` and exact arithmetic on Gaussian rationals ``a + b*I``.

``I`` is a named constant (an atom, like ``pi``); a Gaussian rational with both parts
nonzero is the sum ``a + b*I``. Coefficients of sums and products therefore stay real
(every ordering, sign and gcd routine keeps working on them), while the canonical
constructors fold products, powers and quotients of Gaussian numbers exactly
(see ``core/arithmetic.py``): ``I^2 = -1``, ``(1 + 2*I)*(3 - I) = 5 + 5*I``.

This module holds the raw arithmetic on pairs ``(re, im)`` of Python numbers.

>>> gmul((1, 2), (3, -1))
(5, 5)
>>> gpow((1, 1), -1)
(Fraction(1, 2), Fraction(-1, 2))
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from . import limits
from .numbers import CONSTANTS, Constant, Raw

#: The imaginary unit, I^2 = -1.
I = Constant("I", 1j)
CONSTANTS["I"] = I

Gauss = tuple[Raw, Raw]


def _norm(v: Raw) -> Raw:
    if isinstance(v, Fraction) and v.denominator == 1:
        return v.numerator
    return v


def gaussian_parts(e: Any) -> Gauss | None:
    """``(re, im)`` of a Gaussian number expression (``3``, ``I``, ``2*I``, ``1 - I/2``),
    else None. Float parts are allowed; nan and infinities are not numbers here."""
    if e is I:
        return (0, 1)
    if e.is_Number:
        v = e.value
        return (v, 0) if v == v else None
    if e.is_Mul:
        if len(e._factors) == 1 and e._factors[0] is I:
            return (0, e._coeff)
        return None
    if e.is_Add:
        p = e._pairs
        if len(p) == 1 and p[0][0] is I:
            return (e._const, p[0][1])
    return None


def is_gaussian_add(e: Any) -> bool:
    """True for a sum ``a + b*I`` (a Gaussian number with both parts nonzero)."""
    p = e._pairs
    return len(p) == 1 and p[0][0] is I


def gmul(u: Gauss, v: Gauss) -> Gauss:
    """(a + bi)(c + di)."""
    a, b = u
    c, d = v
    if b == 0:
        return (_norm(a * c), _norm(a * d))
    if d == 0:
        return (_norm(a * c), _norm(b * c))
    return (_norm(a * c - b * d), _norm(a * d + b * c))


def ginv(u: Gauss) -> Gauss | None:
    """1/(a + bi), or None for zero."""
    a, b = u
    n = a * a + b * b
    if n == 0:
        return None
    if isinstance(n, float):
        return (a / n, -b / n)
    return (_norm(Fraction(a) / n), _norm(Fraction(-b) / n))


def gpow(u: Gauss, n: int) -> Gauss | None:
    """(a + bi)^n for an integer n by repeated squaring; None for 0^-k or a result
    too large to compute exactly (see ``limits.MAX_EXACT_BITS``).

    >>> gpow((0, 1), 10**12), gpow((0, 2), 3)
    ((1, 0), (0, -8))
    """
    a, b = u
    if n == 1:
        return u
    if n == 0:
        return (1, 0)
    if n < 0:
        inv = ginv(u)
        if inv is None:
            return None
        return gpow(inv, -n)
    if isinstance(a, float) or isinstance(b, float):
        try:
            r = _square_and_multiply(u, n)
        except OverflowError:
            return None
        return r if all(math.isfinite(v) for v in r) else None
    if b == 0 and a in (1, -1):
        return (a ** (n % 2), 0)
    if a == 0 and b in (1, -1):  # powers of I cycle
        return ((1, 0), (0, b), (-1, 0), (0, -b))[n % 4]
    fa, fb = Fraction(a), Fraction(b)
    top = max(abs(fa.numerator), abs(fb.numerator), fa.denominator, fb.denominator, 2)
    if n * math.log2(top) > limits.MAX_EXACT_BITS:
        return None
    if b == 0:
        return (_norm(fa ** n), 0)
    if a == 0:  # (bi)^n = b^n i^n
        p = _norm(fb ** n)
        return ((p, 0), (0, p), (-p, 0), (0, -p))[n % 4]
    return _square_and_multiply(u, n)


def _square_and_multiply(u: Gauss, n: int) -> Gauss:
    r: Gauss = (1, 0)
    while n:
        if n & 1:
            r = gmul(r, u)
        n >>= 1
        if n:
            u = gmul(u, u)
    return r


def gabs2(u: Gauss) -> Raw:
    """|a + bi|^2."""
    a, b = u
    return _norm(a * a + b * b)
