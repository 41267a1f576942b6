"""Numbers with a precision: the results of ``evalf(n)`` and ``N(e, n)``.

An :class:`MPFloat` is a real number known to ``digits`` significant decimal digits,
held as an mpmath ``mpf`` (any exponent: ``exp(800)`` and ``10^-400`` are fine). It is
an Expr atom (a subclass of :class:`~symcalc.core.numbers.Float`), prints with its
digits, converts with ``float()`` (where overflow to ``inf`` is then the caller's
choice), and keeps its precision in arithmetic with other numbers. Mixed with
symbolic expressions it acts as the double ``value`` (the kernel's Float coefficient
arithmetic is double precision). An :class:`MPComplex` is a pair of them.

>>> import symcalc as sc
>>> v = sc.N(sc.parse("exp(800)"), 15); v
2.72637457211257e+347
>>> v * 2
5.45274914422513e+347
>>> float(sc.N(sc.pi, 30))
3.141592653589793
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ..errors import EvaluationError
from .expr import Expr, interned
from .numbers import Float, Number


def mpmath() -> Any:
    """The mpmath module (imported on first use: ``import symcalc`` stays fast)."""
    import mpmath as mp

    return mp


def prec_of(digits: int) -> int:
    """Bits of precision that hold ``digits`` decimal digits (mpmath's rule)."""
    return max(1, int(round((int(digits) + 1) * 3.3219280948873626)))


def to_mpf(v: Any) -> Any:
    """An mpmath value for a Python number, Number expression or mpmath value (exact
    for ints and floats; Fractions are rounded at the working precision)."""
    mp = mpmath()
    if isinstance(v, MPFloat):
        return v.mp
    if isinstance(v, Number):
        v = v.value
    if isinstance(v, Fraction):
        return mp.mpf(v.numerator) / v.denominator
    if isinstance(v, complex):
        return mp.mpc(v)
    if isinstance(v, MPComplex):
        return v.mp
    return mp.mpf(v) if not isinstance(v, mp.mpc) else v


class MPFloat(Float):
    """A real number to ``digits`` significant digits (``mp``: the mpmath value)."""

    __slots__ = ("mp", "digits")
    mp: Any
    digits: int

    def __new__(cls, v: Any, digits: int = 15) -> MPFloat:  # type: ignore[misc]
        mp = mpmath()
        with mp.workprec(prec_of(digits) + 10):
            return mpfloat(to_mpf(v), digits)

    def __float__(self) -> float:
        return self.value

    def __complex__(self) -> complex:
        return complex(self.value)

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, Expr):
            return self is other
        if isinstance(other, (int, float, Fraction)) and not isinstance(other, bool):
            if isinstance(other, (int, Fraction)):
                return _as_fraction(self.mp) == other
            return bool(self.mp == to_mpf(other))
        if isinstance(other, (MPComplex,)):
            return other == self
        return NotImplemented

    __hash__ = Float.__hash__

    def _make_sort_key(self) -> tuple:
        return (0, self.value, 1)

    def __str__(self) -> str:
        return _text(self.mp, self.digits)

    __repr__ = __str__

    def __bool__(self) -> bool:
        return bool(self.mp)

    def __int__(self) -> int:
        return int(self.mp)

    # ---- arithmetic: precise with numbers, the double value with symbolic expressions

    def _binary(self, other: Any, op: Any, name: str) -> Any:
        if isinstance(other, (MPFloat, MPComplex)):
            digits = min(self.digits, other.digits)
        elif isinstance(other, (int, Fraction)) or (
                isinstance(other, Number) and not isinstance(other.value, float)):
            digits = self.digits
        elif isinstance(other, (float, complex)) or (isinstance(other, Number)):
            digits = min(self.digits, 17)
        else:
            if not isinstance(other, Expr):
                return NotImplemented
            if not math.isfinite(self.value):
                raise EvaluationError(f"{self} is outside the range of a double; it can be "
                                      "combined with numbers, not with symbolic expressions")
            return getattr(Float(self.value), name)(other)
        mp = mpmath()
        with mp.workprec(prec_of(digits) + 10):
            a, b = self.mp, to_mpf(other)
            r = op(a, b)
            if name in _ADDITIVE and r != 0:
                # digits lost to cancellation: a + b is known to the absolute accuracy
                # of the larger operand, relative to a smaller result
                top = max(mp.mag(a) if a else -10**9, mp.mag(b) if b else -10**9)
                lost = top - mp.mag(r)
                if lost > 0:
                    digits = max(1, digits - int(lost * 0.30103))
            return make(r, digits)

    def __add__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: a + b, "__add__")

    def __radd__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: b + a, "__radd__")

    def __sub__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: a - b, "__sub__")

    def __rsub__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: b - a, "__rsub__")

    def __mul__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: a * b, "__mul__")

    def __rmul__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: b * a, "__rmul__")

    def __truediv__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: a / b, "__truediv__")

    def __rtruediv__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: b / a, "__rtruediv__")

    def __pow__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: mpmath().power(a, b), "__pow__")

    def __rpow__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: mpmath().power(b, a), "__rpow__")

    def __neg__(self) -> MPFloat:
        return mpfloat(_exact(lambda v: -v, self.mp), self.digits)

    def __abs__(self) -> MPFloat:
        return mpfloat(_exact(abs, self.mp), self.digits)


def _as_fraction(v: Any) -> Fraction | None:
    """The exact rational value of a finite mpf (None if not finite or absurdly large)."""
    mp = mpmath()
    if not mp.isfinite(v):
        return None
    man, exp = v.man_exp
    if abs(exp) > 1 << 20:
        return None
    return Fraction(int(man)) * Fraction(2) ** int(exp)


def _exact(op: Any, v: Any) -> Any:
    """op(v) for an exact operation (negation, abs of a real) without rounding."""
    mp = mpmath()
    with mp.workprec(max(mp.mp.prec, _bits(v))):
        return op(v)


def _bits(v: Any) -> int:
    mp = mpmath()
    if isinstance(v, mp.mpc):
        return max(_bits(v.real), _bits(v.imag))
    man = v._mpf_[1]
    return max(53, int(man).bit_length() + 1) if isinstance(man, int) else 53


_ADDITIVE = frozenset({"__add__", "__radd__", "__sub__", "__rsub__"})


def _text(v: Any, digits: int) -> str:
    mp = mpmath()
    if mp.isnan(v):
        return "nan"
    if mp.isinf(v):
        return "oo" if v > 0 else "-oo"
    return mp.nstr(v, digits, min_fixed=-5, max_fixed=digits + 1)


_PRINTERS: list = []


def mpfloat(v: Any, digits: int) -> MPFloat:
    """The interned MPFloat for an mpf value, rounded to ``digits`` digits (plus guard)."""
    if not _PRINTERS:
        _PRINTERS.append(True)
        register_printers()
    mp = mpmath()
    digits = int(digits)
    with mp.workprec(prec_of(digits) + 4):
        v = +v  # round to the stored precision
    key = ("MPF", v._mpf_, digits)
    try:
        f = float(v)
    except OverflowError:  # pragma: no cover - mpmath returns inf itself
        f = math.inf if v > 0 else -math.inf
    return interned(MPFloat, key, value=f, mp=v, digits=digits)


class MPComplex:
    """A complex number to ``digits`` digits: ``real`` and ``imag`` are MPFloats."""

    __slots__ = ("mp", "digits")

    def __init__(self, v: Any, digits: int = 15) -> None:
        mp = mpmath()
        with mp.workprec(prec_of(digits) + 4):
            self.mp = mp.mpc(to_mpf(v))
        self.digits = int(digits)

    @property
    def real(self) -> MPFloat:
        return mpfloat(self.mp.real, self.digits)

    @property
    def imag(self) -> MPFloat:
        return mpfloat(self.mp.imag, self.digits)

    def __complex__(self) -> complex:
        return complex(self.mp)

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, (MPComplex, MPFloat, int, float, complex, Fraction)):
            return bool(self.mp == to_mpf(other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(complex(self))

    def __str__(self) -> str:
        re, im = self.mp.real, self.mp.imag
        s_im = _text(_exact(abs, im), self.digits)
        if re == 0:
            return ("-" if im < 0 else "") + s_im + "*I"
        return f"{_text(re, self.digits)} {'-' if im < 0 else '+'} {s_im}*I"

    __repr__ = __str__

    def _binary(self, other: Any, op: Any) -> Any:
        digits = self.digits
        if isinstance(other, (MPFloat, MPComplex)):
            digits = min(digits, other.digits)
        elif isinstance(other, (float, complex)):
            digits = min(digits, 17)
        elif not isinstance(other, (int, Fraction, Number)):
            return NotImplemented
        mp = mpmath()
        with mp.workprec(prec_of(digits) + 10):
            return make(op(self.mp, to_mpf(other)), digits)

    def __add__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: a + b)

    __radd__ = __add__

    def __sub__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: a - b)

    def __rsub__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: b - a)

    def __mul__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: a * b)

    __rmul__ = __mul__

    def __truediv__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: a / b)

    def __rtruediv__(self, o: Any) -> Any:
        return self._binary(o, lambda a, b: b / a)

    def __neg__(self) -> MPComplex:
        return MPComplex(_exact(lambda v: -v, self.mp), self.digits)

    def __abs__(self) -> MPFloat:
        mp = mpmath()
        with mp.workprec(prec_of(self.digits) + 10):
            return mpfloat(abs(self.mp), self.digits)


def make(v: Any, digits: int) -> MPFloat | MPComplex:
    """MPFloat for a real mpmath value, MPComplex for a complex one."""
    mp = mpmath()
    if isinstance(v, mp.mpc):
        if v.imag == 0:
            return mpfloat(v.real, digits)
        return MPComplex(v, digits)
    if not isinstance(v, mp.mpf):
        with mp.workprec(prec_of(digits) + 4):
            v = mp.mpf(v)
    return mpfloat(v, digits)


def apply_precise(fd: Any, args: tuple, node: Expr) -> MPFloat | None:
    """``fd`` at number arguments one of which is an MPFloat, to the smallest of their
    digits (plain doubles count as 17): an MPFloat, or None if the value is not real."""
    from .mpeval import evalf_mp

    digits = min(a.digits if isinstance(a, MPFloat) else 17 for a in args
                 if isinstance(a.value, float))
    try:
        r = evalf_mp(node, digits)
    except (EvaluationError, ArithmeticError, ValueError):
        return None
    mp = mpmath()
    if isinstance(r, mp.mpc) or isinstance(r, bool):
        return None
    return mpfloat(r, digits)


def _str_printer(printer: Any, e: MPFloat) -> tuple[str, int]:
    from ..printing.printer import PREC_ATOM, PREC_NEG

    s = str(e)
    return s, PREC_NEG if s.startswith("-") else PREC_ATOM


def _latex_printer(printer: Any, e: MPFloat) -> tuple[str, int]:
    from ..printing.printer import PREC_ATOM, PREC_NEG

    s = str(e)
    mant, _, ex = s.partition("e")
    if ex:
        s = f"{mant} \\cdot 10^{{{int(ex)}}}"
    return s, PREC_NEG if s.startswith("-") else PREC_ATOM


def register_printers() -> None:
    """Teach the str, pretty and LaTeX printers to show an MPFloat with its digits."""
    from ..printing.latex import LATEX_PRINTERS
    from ..printing.str import STR_PRINTERS

    STR_PRINTERS[MPFloat] = _str_printer
    LATEX_PRINTERS[MPFloat] = _latex_printer
    from ..printing.pretty import PRETTY_PRINTERS, text

    PRETTY_PRINTERS[MPFloat] = lambda p, e: (text(str(e)), _str_printer(p, e)[1])


__all__ = ["MPComplex", "MPFloat", "make", "mpfloat", "prec_of", "to_mpf"]
