"""Registry entries for the parts of complex numbers: ``re``, ``im``, ``conjugate``, ``arg``.

Exact on Gaussian numbers and on real arguments (symbols are real by default), linear
over sums and over real factors; anything else stays unevaluated.

>>> from symcalc import parse
>>> parse("re(3 - 4*I)"), parse("im(3 - 4*I)"), parse("conjugate(3 - 4*I)")
(3, -4, 3 + 4*I)
>>> parse("arg(-1 + I)"), parse("abs(3 - 4*I)")
(3*pi/4, 5)
>>> parse("re(x + I*y)"), parse("im(x*(2 + I))")
(x, x)
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Callable

from . import assumptions as A
from .arithmetic import add, mul, power
from .expand import expand
from .expr import Expr
from .function import REGISTRY, FunctionDef, define
from .functions import Abs, atan, cos, exp, log, sin
from .gaussian import I, gaussian_parts
from .numbers import HALF, MINUS_ONE, ZERO, number, pi
from .traversal import preorder


def _split_real(u: Expr) -> tuple[list[Expr], list[Expr]]:
    """The factors of a product that are known real, and the others."""
    real: list[Expr] = []
    other: list[Expr] = []
    for f in u._args:
        (real if A.is_real(f) else other).append(f)
    return real, other


def _part(which: int) -> Callable[[Expr], Expr | None]:
    """The special values of re (which=0) and im (which=1)."""

    def special(u: Expr) -> Expr | None:
        fn = re if which == 0 else im
        g = gaussian_parts(u)
        if g is not None:
            return number(g[which])
        if A.is_real(u):
            return u if which == 0 else ZERO
        if u.is_Add:  # re(a + b) = re(a) + re(b)
            return add(*(fn(t) for t in u._args))
        if u.is_Mul:
            real, other = _split_real(u)
            if real:  # re(r*w) = r*re(w) for real r
                return mul(*real, fn(mul(*other)))
            if len(other) == 2 and I in other:  # re(I*w) = -im(w), im(I*w) = re(w)
                w = other[0] if other[1] is I else other[1]
                return mul(MINUS_ONE, im(w)) if which == 0 else re(w)
        if u.is_Function:
            name = u.fdef.name
            w = u._args[0]
            if name == "conjugate":  # re(conj w) = re w, im(conj w) = -im w
                return re(w) if which == 0 else mul(MINUS_ONE, im(w))
            if name == "exp":  # exp(a + b*I) = exp(a)*(cos(b) + I*sin(b))
                p = real_imag(w)
                if p is not None:
                    trig = cos(p[1]) if which == 0 else sin(p[1])
                    return mul(exp(p[0]), trig)
            if name == "log" and len(u._args) == 1:  # log(w) = log|w| + I*arg(w)
                return log(Abs(w)) if which == 0 else arg(w)
            if name in _ADDITION:  # sin(a + b*I) = sin(a)*cosh(b) + I*cos(a)*sinh(b), ...
                p = real_imag(w)
                if p is not None and p[1] is not ZERO:
                    (f, g), sgn = _ADDITION[name][which]
                    return mul(number(sgn), REGISTRY[f](p[0]), REGISTRY[g](p[1]))
        if u.is_Pow and u._args[1].is_Number and isinstance(u._args[1].value, int):
            b, n = u._args[0], u._args[1].value
            p = real_imag(b)
            if p is not None and n > 0 and b.is_Add:  # multiply out: (x + I)^2
                v = expand(u)
                if v is not u:
                    return fn(v)
            if p is not None and n < 0 and p[1] is not ZERO:
                # 1/(a + b*I)^k = (a - b*I)^k / (a^2 + b^2)^k
                a, c = p
                num = expand(power(add(a, mul(MINUS_ONE, I, c)), number(-n)))
                den = power(expand(add(mul(a, a), mul(c, c))), number(n))
                return mul(den, fn(num))
        return None

    return special


_PARTS = ("re", "im", "conjugate", "arg")

# f(a + b*I) for real a, b: ((re factors), sign), ((im factors), sign), from the
# addition theorems with cos(b*I) = cosh(b), sin(b*I) = I*sinh(b).
_ADDITION = {
    "sin": ((("sin", "cosh"), 1), (("cos", "sinh"), 1)),
    "cos": ((("cos", "cosh"), 1), (("sin", "sinh"), -1)),
    "sinh": ((("sinh", "cos"), 1), (("cosh", "sin"), 1)),
    "cosh": ((("cosh", "cos"), 1), (("sinh", "sin"), 1)),
}
# Functions with real Taylor coefficients and no branch cut: f(conj z) = conj f(z).
_REAL_MEROMORPHIC = frozenset({"exp", "sin", "cos", "tan", "cot", "sec", "csc", "sinh",
                               "cosh", "tanh", "coth", "sech", "csch", "erf", "erfc"})


def real_imag(u: Expr) -> tuple[Expr, Expr] | None:
    """``(re(u), im(u))`` when both are found without unevaluated parts, else None.

    >>> from symcalc import symbols, I
    >>> x = symbols("x")
    >>> real_imag(x*(2 + I) - 1)
    (2*x - 1, x)
    """
    r, i = re(u), im(u)
    if any(n.is_Function and n.fdef.name in _PARTS for e in (r, i) for n in preorder(e)):
        return None
    return r, i


def _conjugate_special(u: Expr) -> Expr | None:
    g = gaussian_parts(u)
    if g is not None:
        return add(number(g[0]), mul(number(-g[1]), I))
    if A.is_real(u):
        return u
    if u.is_Add:
        return add(*(conjugate(t) for t in u._args))
    if u.is_Mul:
        return mul(*(conjugate(f) for f in u._args))
    if u.is_Pow and A.is_real(u._args[1]) and u._args[1].is_Number \
            and isinstance(u._args[1].value, int):
        return power(conjugate(u._args[0]), u._args[1])
    if u.is_Function and u.fdef.name == "conjugate":
        return u._args[0]
    if u.is_Function and u.fdef.name in _REAL_MEROMORPHIC:
        c = conjugate(u._args[0])
        if not (c.is_Function and c.fdef.name == "conjugate"):
            return u.fdef(c)
    return None


def _arg_special(u: Expr) -> Expr | None:
    g = gaussian_parts(u)
    if g is not None and not any(isinstance(v, float) for v in g):
        a, b = g
        if b == 0:
            return pi if a < 0 else ZERO  # arg(0) = 0, as in mpmath and Mathematica
        if a == 0:
            return mul(HALF if b > 0 else -HALF, pi)
        t = atan(number(b) / number(a))  # arg(a + bi) = atan(b/a) (+ pi or - pi for a < 0)
        return t if a > 0 else add(t, pi if b > 0 else mul(MINUS_ONE, pi))
    s = A.sign_class(u)
    if s in ("+", "0+", "0"):
        return ZERO
    if s == "-":
        return pi
    if u.is_Mul:  # arg(c*w) = arg(w) for c > 0
        rest = [f for f in u._args if A.sign_class(f) != "+"]
        if len(rest) < len(u._args):
            return arg(mul(*rest))
    return None


def _real_sign(args: tuple) -> str:
    return "r"


def _arg_float(x: float) -> float:
    return math.pi if x < 0 else 0.0


re = define(FunctionDef(
    "re", special=_part(0), numeric=lambda x: x, cnumeric=lambda z: complex(z.real),
    mpmath="re", sign=_real_sign, latex="\\operatorname{Re}", unicode="Re",
    doc="Real part of a complex number."))
im = define(FunctionDef(
    "im", special=_part(1), numeric=lambda x: 0.0, cnumeric=lambda z: complex(z.imag),
    mpmath="im", sign=_real_sign, latex="\\operatorname{Im}", unicode="Im",
    doc="Imaginary part of a complex number."))
conjugate = define(FunctionDef(
    "conjugate", aliases=("conj",), special=_conjugate_special, numeric=lambda x: x,
    cnumeric=lambda z: z.conjugate(), mpmath="conj", real=True, latex="\\overline",
    doc="Complex conjugate a - b*I of a + b*I."))
arg = define(FunctionDef(
    "arg", special=_arg_special, numeric=_arg_float, cnumeric=lambda z: complex(cmath.phase(z)),
    mpmath="arg", sign=_real_sign, latex="\\arg",
    doc="Argument (phase) of a complex number, in (-pi, pi]; arg(0) = 0."))


# Derivatives along a real variable x: re, im and conjugate are R-linear, so
# d/dx f(u) = f(du/dx); arg(u) = atan2(im u, re u) gives
# d/dx arg(u) = im(conjugate(u) * du/dx) / |u|^2.  (Not complex-analytic: no chain rule.)
def _d_linear(f: FunctionDef) -> Callable[[tuple, tuple], Expr]:
    return lambda args, dargs: f(dargs[0])


re.real_diff = _d_linear(re)  # type: ignore[attr-defined]
im.real_diff = _d_linear(im)  # type: ignore[attr-defined]
conjugate.real_diff = _d_linear(conjugate)  # type: ignore[attr-defined]
arg.real_diff = (  # type: ignore[attr-defined]
    lambda args, dargs: mul(im(mul(conjugate(args[0]), dargs[0])),
                            power(add(power(re(args[0]), 2), power(im(args[0]), 2)), MINUS_ONE)))



def _d_abs(args: tuple, dargs: tuple) -> Expr | None:
    # d/dx |u| = re(conjugate(u)*du/dx)/|u| for complex u; the table's sign(u)*du/dx
    # (real u) is kept for arguments without I, which are real on their real domain.
    u = args[0]
    if not u.has(I):
        return None
    return mul(re(mul(conjugate(u), dargs[0])), power(Abs(u), MINUS_ONE))


Abs.real_diff = _d_abs  # type: ignore[attr-defined]

__all__ = ["arg", "conjugate", "im", "re", "real_imag"]
