"""Exact integers and rationals, IEEE floats, and the constants pi, E, oo, nan.

Numbers wrap Python values (``int``, ``Fraction``, ``float``) and compare equal to
them, so ``diff(x^2, x).subs({x: 3}) == 6`` reads naturally.

>>> from symcalc.core.numbers import number
>>> number(6) / 4
3/2
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from .budget import max_bits
from .expr import Atom, Expr, _small_ints, interned, lookup, register

Raw = int | Fraction | float


class Number(Atom):
    """A numeric literal. ``value`` is the Python number it stands for."""

    __slots__ = ("value",)
    is_Number = True
    value: Raw

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, Expr):
            return self is other
        if isinstance(other, (int, float, Fraction)) and not isinstance(other, bool):
            return type(self) is _kind_of(other) and self.value == other
        return NotImplemented

    # Hashing stays identity-based (fast, O(1)) although numbers compare equal to
    # Python numbers: do not mix Number expressions and Python numbers as keys of
    # one dict.
    __hash__ = Atom.__hash__

    def __bool__(self) -> bool:
        return self.value != 0

    def __int__(self) -> int:
        return int(self.value)

    def __float__(self) -> float:
        try:
            return float(self.value)
        except OverflowError:
            from ..errors import NumberTooLargeError

            raise NumberTooLargeError(f"{str(self)[:20]}... is too large for a double; use "
                                      "N(e, n) for its digits") from None

    def __index__(self) -> int:
        if isinstance(self.value, int):
            return self.value
        raise TypeError(f"{self} is not an integer")

    def _make_sort_key(self) -> tuple:
        v = self.value
        if v != v:
            return (0, math.inf, 3)
        return (0, v, 1 if isinstance(v, float) else 0)

    def as_coeff_mul(self) -> tuple[Raw, Expr]:
        return self.value, ONE

    def is_zero(self) -> bool:
        return self.value == 0

    @property
    def head(self) -> str:
        return type(self).__name__


def _kind_of(v: Raw) -> type:
    if isinstance(v, float):
        return Float
    if isinstance(v, int) or v.denominator == 1:
        return Integer
    return Rational


class Integer(Number):
    """An exact integer."""

    __slots__ = ()
    value: int

    def __new__(cls, value: int) -> Integer:
        return _integer(int(value))

    @property
    def func(self):
        return lambda: self


class Rational(Number):
    """An exact rational p/q with q > 1, in lowest terms."""

    __slots__ = ()
    value: Fraction

    def __new__(cls, p: int | Fraction, q: int = 1) -> Number:
        return number(Fraction(p, q))

    @property
    def p(self) -> int:
        return self.value.numerator

    @property
    def q(self) -> int:
        return self.value.denominator

    @property
    def func(self):
        return lambda: self


class Float(Number):
    """An IEEE double. Floats are contagious: 2.0*x stays a float coefficient."""

    __slots__ = ()
    value: float

    def __new__(cls, value: float) -> Float:
        return _float(float(value))

    @property
    def func(self):
        return lambda: self


# Integers of small magnitude are kept alive once built (like CPython's small ints):
# they are the constants of nearly every sum and product.
_small: dict[int, Integer] = _small_ints
SMALL_INT_BOUND = 1 << 14


def _integer(v: int) -> Integer:
    o = _small.get(v)
    if o is not None:
        return o
    # inlined interning: integers are built in every parse and every product
    key = ("I", v)
    o = lookup(key)
    if o is None:
        o = object.__new__(Integer)
        o.value = v
        o._args = ()
        o._skey = None
        o._facts = None
        o = register(key, o)
    if -SMALL_INT_BOUND <= v <= SMALL_INT_BOUND:
        _small[v] = o
    return o


def _float(v: float) -> Float:
    if v == 0.0:
        v = 0.0  # normalize -0.0
    return interned(Float, ("F", v) if v == v else ("F", "nan"), value=v)


def _rational(v: Fraction) -> Rational:
    return interned(Rational, ("Q", v.numerator, v.denominator), value=v)


def number(v: Raw) -> Number:
    """The number expression for a Python int, Fraction or float."""
    if type(v) is int:
        o = _small.get(v)
        return o if o is not None else _integer(v)
    if isinstance(v, bool):
        v = int(v)
    if isinstance(v, int):
        return _integer(v)
    if isinstance(v, float):
        if v in (math.inf, -math.inf):  # overflowed floats are the infinities
            from .expr import _ops

            return oo if v > 0 else _ops.Mul(MINUS_ONE, oo)
        return _float(v)
    if isinstance(v, Fraction):
        if v.denominator == 1:
            return _integer(v.numerator)
        return _rational(v)
    raise TypeError(f"not a number: {v!r}")


for _i in range(-16, 17):
    _small[_i] = interned(Integer, ("I", _i), value=_i)

ZERO = _small[0]
ONE = _small[1]
MINUS_ONE = _small[-1]
TWO = _small[2]
HALF = number(Fraction(1, 2))


# --------------------------------------------------------------------------- constants


class Constant(Atom):
    """A named mathematical constant: pi, E, oo, nan."""

    __slots__ = ("name", "fvalue")
    name: str
    fvalue: float

    def __new__(cls, name: str, fvalue: float) -> Constant:
        return interned(cls, ("C", name), name=name, fvalue=fvalue)

    def _make_sort_key(self) -> tuple:
        return (1, self.name)

    @property
    def head(self) -> str:
        return self.name

    @property
    def func(self):
        return lambda: self


pi = Constant("pi", math.pi)
E = Constant("E", math.e)
oo = Constant("oo", math.inf)
nan = Constant("nan", math.nan)
CONSTANTS = {"pi": pi, "E": E, "oo": oo, "nan": nan}


# --------------------------------------------------------------------------- raw helpers


def raw_pow_int(b: Raw, e: int) -> Raw | None:
    """Exact b**e for an integer e, or None if the result would be too large."""
    if type(b) is int and -2 <= e <= 2 and b != 0:
        # the common small cases (x/2, 3^2) without Fraction arithmetic
        if e >= 0:
            return b ** e
        r = Fraction(1, b ** -e)
        return r.numerator if r.denominator == 1 else r
    if isinstance(b, float):
        try:
            return b ** e
        except (OverflowError, ZeroDivisionError):
            return None
    if b in (0, 1, -1) or e in (0, 1):
        if b == 0 and e < 0:
            return None
        return b ** e if e >= 0 else Fraction(1) / b ** (-e)
    bits = max_bits()
    if abs(e) > bits:  # |base| >= 2 here: at least |e| bits
        return None
    # bits of the result: |e| * log2 of the larger of numerator and denominator
    top = max(abs(b.numerator), b.denominator) if isinstance(b, Fraction) else abs(b)
    size = abs(e) * math.log2(top)
    if size > bits:
        return None
    if e >= 0:
        return b ** e
    r = Fraction(b) ** e
    return r.numerator if r.denominator == 1 else r


def _wire() -> None:
    from .expr import _ops

    _ops.number = number
    _ops.ZERO, _ops.ONE, _ops.MINUS_ONE = ZERO, ONE, MINUS_ONE


_wire()
