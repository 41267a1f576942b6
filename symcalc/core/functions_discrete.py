"""Registry entries of the discrete functions: floor, ceiling, frac, factorial, binomial.

floor, ceiling and frac are step functions: exact at rational arguments, and at other
constants (``floor(pi) = 3``) by numeric bracketing -- the value is computed with
mpmath at two precisions, and the floor is taken only when both agree and lie clearly
away from an integer; otherwise the application stays unevaluated (an exact integer
such as ``sin(pi/7)^2 + cos(pi/7)^2`` written in a way the kernel does not fold is
never rounded the wrong way). Their derivative is 0 (frac's is 1) almost everywhere:
the convention of sign and heaviside, see ``rules/derivatives.rules``.

>>> from symcalc import floor, ceiling, frac, factorial, binomial, pi, Rational
>>> floor(Rational(7, 2)), ceiling(Rational(7, 2)), floor(pi), frac(Rational(7, 2))
(3, 4, 3, 1/2)
>>> factorial(5), binomial(5, 2), factorial(Rational(1, 2))
(120, 10, sqrt(pi)/2)
"""

from __future__ import annotations

import math
from fractions import Fraction

from . import assumptions as A
from . import limits
from .arithmetic import add, mul
from .expr import Expr
from .function import FunctionDef, define
from .functions import _num
from .mpnumeric import mp_value, real
from .numbers import MINUS_ONE, ONE, ZERO, number, oo

NEG_OO = mul(MINUS_ONE, oo)


def _bracket_floor(u: Expr) -> int | None:
    """floor(u) for a real constant u, by mpmath at 80 and 160 bits (None when unsure)."""
    if u.free_symbols:
        return None
    import mpmath

    found = None
    for prec in (80, 160):
        v = mp_value(u, prec)
        if v is None or isinstance(v, mpmath.mpc) and v.imag != 0:
            return None
        if isinstance(v, mpmath.mpc):
            v = v.real
        if not mpmath.isfinite(v):
            return None
        f = int(mpmath.floor(v))
        margin = mpmath.mpf(2) ** (-prec // 2) * max(1, abs(v))
        if v - f < margin or f + 1 - v < margin:
            return None  # too close to an integer to decide
        if found is not None and f != found:
            return None
        found = f
    return found


def _split_integer(u: Expr) -> tuple[int, Expr]:
    """(n, rest) with u = n + rest and n the integer part of u's numeric term."""
    if u.is_Add:
        c = u.args[0]
        if c.is_Number and isinstance(c.value, int):
            return c.value, add(u, -c.value)
    return 0, u


def _floor_special(u: Expr) -> Expr | None:
    v = _num(u)
    if v is not None:
        return number(math.floor(v))
    if u is oo or u is NEG_OO:
        return u
    if A.is_integer(u):
        return u
    n, rest = _split_integer(u)
    if n:  # floor(x + 3) = floor(x) + 3
        return add(floor(rest), n)
    f = _bracket_floor(u)
    return None if f is None else number(f)


def _ceiling_special(u: Expr) -> Expr | None:
    v = _num(u)
    if v is not None:
        return number(math.ceil(v))
    if u is oo or u is NEG_OO:
        return u
    if A.is_integer(u):
        return u
    n, rest = _split_integer(u)
    if n:
        return add(ceiling(rest), n)
    f = _bracket_floor(mul(MINUS_ONE, u))
    return None if f is None else number(-f)


def _frac_special(u: Expr) -> Expr | None:
    if A.is_integer(u):
        return ZERO
    n, rest = _split_integer(u)
    if n:
        return frac(rest)  # frac has period 1
    f = _floor_special(u)
    if f is not None and f.is_Number:
        return add(u, -f.value)
    return None


def _floor_num(x: float) -> float:
    return float(math.floor(x)) if math.isfinite(x) else x


def _ceil_num(x: float) -> float:
    return float(math.ceil(x)) if math.isfinite(x) else x


floor = define(FunctionDef(
    "floor", special=_floor_special, numeric=_floor_num,
    mpmath="floor", real=True, unicode="floor", latex="\\operatorname{floor}",
    doc="The greatest integer <= x (a step function: jumps at the integers)."))

ceiling = define(FunctionDef(
    "ceiling", aliases=("ceil",), special=_ceiling_special, numeric=_ceil_num,
    mpmath="ceil", real=True, unicode="ceiling", latex="\\operatorname{ceiling}",
    doc="The least integer >= x (a step function: jumps at the integers)."))

frac = define(FunctionDef(
    "frac", special=_frac_special,
    numeric=lambda x: x - math.floor(x) if math.isfinite(x) else math.nan,
    mpmath=lambda mp, x: x - mp.floor(x), real=True, range="0+",
    latex="\\operatorname{frac}",
    doc="The fractional part x - floor(x), in [0, 1) (also for x < 0: frac(-1/4) = 3/4)."))


# --------------------------------------------------------------------------- factorial


def _fits(n: int) -> bool:
    """Whether n! is small enough to compute exactly (limits.MAX_EXACT_BITS)."""
    return n * max(1, n.bit_length()) <= limits.MAX_EXACT_BITS


def gamma_of_rational(v: Fraction) -> Expr | None:
    """Exact gamma(v) for positive integers and half-integers (None elsewhere):
    gamma(n) = (n-1)!, gamma(n + 1/2) = (2n)!/(4^n n!) sqrt(pi), and
    gamma(1/2 - n) = (-4)^n n!/(2n)! sqrt(pi)."""
    from .functions import sqrt
    from .numbers import pi

    if v.denominator == 1:
        n = int(v)
        if n <= 0 or not _fits(n):
            return None
        return number(math.factorial(n - 1))
    if v.denominator == 2:
        n = int(v - Fraction(1, 2))
        if not _fits(abs(2 * n) + 1):
            return None
        if n >= 0:
            c = Fraction(math.factorial(2 * n), 4 ** n * math.factorial(n))
        else:
            m = -n
            c = Fraction((-4) ** m * math.factorial(m), math.factorial(2 * m))
        return mul(number(c), sqrt(pi))
    return None


def _factorial_special(u: Expr) -> Expr | None:
    v = _num(u)
    if v is not None:
        return gamma_of_rational(Fraction(v) + 1)
    if u is oo:
        return oo
    return None


def _factorial_num(x: float) -> float | None:
    if x == math.floor(x) and 0 <= x <= 170:
        return float(math.factorial(int(x)))
    try:
        return math.gamma(x + 1.0)
    except (ValueError, OverflowError):
        return None


def _factorial_sign(args: tuple) -> str | None:
    u = args[0]
    if A.is_integer(u) and A.is_nonnegative(u) or A.is_positive(u):
        return "+"
    return None


factorial = define(FunctionDef(
    "factorial", special=_factorial_special, numeric=_factorial_num,
    cnumeric=lambda z: complex(_cfactorial(z)), mpmath="factorial", sign=_factorial_sign,
    doc="n! = gamma(n + 1); poles at the negative integers. Input also as postfix n!."))


def _cfactorial(z: complex) -> complex:
    from .mpnumeric import cplx

    return cplx(lambda mp, t: mp.gamma(t + 1))(z)


# --------------------------------------------------------------------------- binomial


def _binomial_special(n: Expr, k: Expr) -> Expr | None:
    kv, nv = _num(k), _num(n)
    if kv is not None and isinstance(kv, int):
        if kv < 0:  # 1/gamma(k + 1) = 0, unless gamma(n + 1) has a pole too
            return ZERO if nv is not None and not (isinstance(nv, int) and nv < 0) else None
        if kv == 0:
            return ONE
        if kv == 1:
            return n
        if nv is not None and _fits(kv):
            r = Fraction(1)
            for j in range(kv):
                r = r * (Fraction(nv) - j) / (j + 1)
            return number(r)
    return None


def _binom_num(n: float, k: float) -> float | None:
    if n == math.floor(n) and k == math.floor(k) and 0 <= n < 2**53 and abs(k) < 2**53:
        if k < 0 or k > n:
            return 0.0
        try:
            return float(math.comb(int(n), int(k)))
        except OverflowError:
            return math.inf
    return real(lambda mp, a, b: mp.binomial(a, b))(n, k)


binomial = define(FunctionDef(
    "binomial", 2, special=_binomial_special, numeric=_binom_num,
    cnumeric=lambda a, b: _cbinom(a, b), mpmath="binomial", real=True,
    doc="binomial(n, k) = n!/(k! (n-k)!), for any n and k via gamma; 0 for integer k < 0."))


def _cbinom(a: complex, b: complex) -> complex:
    from .mpnumeric import cplx

    return cplx(lambda mp, x, y: mp.binomial(x, y))(a, b)


__all__ = ["binomial", "ceiling", "factorial", "floor", "frac", "gamma_of_rational"]
