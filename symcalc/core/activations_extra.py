"""Registry entries of more activation functions, with PyTorch's default constants.

=============  ==================================================  ====================
name           definition                                          torch equivalent
=============  ==================================================  ====================
silu, swish    x*sigmoid(x)                                        nn.SiLU
mish           x*tanh(softplus(x))                                 nn.Mish
selu           SCALE*(x if x > 0 else ALPHA*(exp(x) - 1))          nn.SELU
celu(x, a=1)   x if x > 0 else a*(exp(x/a) - 1)                    nn.CELU(alpha=1.0)
softsign       x/(1 + |x|)                                         nn.Softsign
hardtanh       clip(x, -1, 1)                                      nn.Hardtanh()
hardsigmoid    clip(x/6 + 1/2, 0, 1)                               nn.Hardsigmoid
hardswish      x*hardsigmoid(x)                                    nn.Hardswish
=============  ==================================================  ====================

SELU's constants are PyTorch's (Klambauer et al. 2017), as the doubles
``SELU_ALPHA = 1.6732632423543772`` and ``SELU_SCALE = 1.0507009873554805``.
The piecewise ones have one-sided derivatives at their kinks; the derivative table
takes PyTorch's choice there (hardtanh'(±1) = 0, hardsigmoid'(±3) = 0, selu'(0) =
SCALE*ALPHA, hardswish'(-3) = -1/2, hardswish'(3) = 3/2).

>>> from symcalc import silu, hardtanh, hardswish, softsign, Rational
>>> silu(0), hardtanh(5), hardtanh(Rational(1, 2)), hardswish(-4), softsign(-3)
(0, 1, 1/2, 0, -3/4)
"""

from __future__ import annotations

import math
from fractions import Fraction

from . import assumptions as A
from .arithmetic import add, mul
from .expr import Expr
from .function import FunctionDef, define
from .functions import _num, exp, sigmoid, softplus, tanh
from .numbers import MINUS_ONE, ZERO, Float, number

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _exact(u: Expr) -> bool:
    return u.is_Number and not isinstance(u.value, float)


def _silu_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return ZERO
    if _exact(u):
        return mul(u, sigmoid(u))
    return None


def _silu(x: float) -> float:
    if x >= 0:
        return x / (1.0 + math.exp(-x))
    z = math.exp(x)
    return x * z / (1.0 + z)


silu = define(FunctionDef(
    "silu", aliases=("swish", "SiLU"), special=_silu_special, numeric=_silu,
    mpmath=lambda mp, x: x / (1 + mp.exp(-x)), real=True, latex="\\operatorname{SiLU}",
    doc="x*sigmoid(x) (SiLU, swish with beta = 1)."))


def _mish(x: float) -> float:
    sp = math.log1p(math.exp(-abs(x))) + max(x, 0.0)
    return x * math.tanh(sp)


mish = define(FunctionDef(
    "mish", special=lambda u: ZERO if u is ZERO else (
        mul(u, tanh(softplus(u))) if _exact(u) else None),
    numeric=_mish, mpmath=lambda mp, x: x * mp.tanh(mp.log(1 + mp.exp(x))), real=True,
    latex="\\operatorname{Mish}", doc="x*tanh(softplus(x))."))


def _pos_neg(u: Expr) -> str | None:
    s = A.sign_class(u)
    if s in ("+", "0+", "0"):
        return "+"
    if s in ("-",):
        return "-"
    return None


def _selu_special(u: Expr) -> Expr | None:
    s = _pos_neg(u)
    if s == "+":
        return mul(Float(SELU_SCALE), u)
    return None


def _selu(x: float) -> float:
    return SELU_SCALE * (x if x > 0 else SELU_ALPHA * math.expm1(x))


selu = define(FunctionDef(
    "selu", special=_selu_special, numeric=_selu,
    mpmath=lambda mp, x: mp.mpf(SELU_SCALE) * (x if x > 0 else mp.mpf(SELU_ALPHA)
                                               * (mp.exp(x) - 1)),
    real=True, latex="\\operatorname{SELU}",
    doc="SCALE*x for x > 0, SCALE*ALPHA*(exp(x) - 1) otherwise, PyTorch's constants "
        "SCALE = 1.0507009873554805, ALPHA = 1.6732632423543772."))


def _celu_special(u: Expr, a: Expr) -> Expr | None:
    s = _pos_neg(u)
    if s == "+":
        return u
    if s == "-" and _exact(u) and _exact(a) and a.value != 0:
        return mul(a, add(exp(mul(u, number(1 / Fraction(a.value)))), MINUS_ONE))
    return None


celu = define(FunctionDef(
    "celu", 2, defaults=(1,), special=_celu_special,
    numeric=lambda x, a: x if x > 0 else a * math.expm1(x / a),
    mpmath=lambda mp, x, a: x if x > 0 else a * (mp.exp(x / a) - 1), real=True,
    latex="\\operatorname{CELU}",
    doc="x for x > 0, a*(exp(x/a) - 1) otherwise; a defaults to 1 (as torch.nn.CELU)."))


def _softsign_special(u: Expr) -> Expr | None:
    v = _num(u)
    if v is not None:
        return number(Fraction(v) / (1 + abs(Fraction(v))))
    return None


softsign = define(FunctionDef(
    "softsign", special=_softsign_special, parity="odd", numeric=lambda x: x / (1.0 + abs(x)),
    mpmath=lambda mp, x: x / (1 + abs(x)), real=True, latex="\\operatorname{softsign}",
    doc="x/(1 + |x|)."))


def _clip(lo: Fraction, hi: Fraction, scale: Fraction, shift: Fraction) -> object:
    """Special values of clip(scale*x + shift, lo, hi): exact at numbers, and the flat
    parts where the sign of x is known beyond the kinks."""
    def special(u: Expr) -> Expr | None:
        v = _num(u)
        if v is None:
            return None
        return number(min(max(scale * v + shift, lo), hi))
    return special


hardtanh = define(FunctionDef(
    "hardtanh", special=_clip(Fraction(-1), Fraction(1), Fraction(1), Fraction(0)),
    parity="odd", numeric=lambda x: min(max(x, -1.0), 1.0),
    mpmath=lambda mp, x: min(max(x, mp.mpf(-1)), mp.mpf(1)), real=True,
    latex="\\operatorname{hardtanh}",
    doc="clip(x, -1, 1) (torch.nn.Hardtanh with min_val = -1, max_val = 1)."))

hardsigmoid = define(FunctionDef(
    "hardsigmoid", special=_clip(Fraction(0), Fraction(1), Fraction(1, 6), Fraction(1, 2)),
    numeric=lambda x: min(max(x / 6.0 + 0.5, 0.0), 1.0),
    mpmath=lambda mp, x: min(max(x / 6 + mp.mpf(1) / 2, mp.mpf(0)), mp.mpf(1)), real=True,
    range="0+", latex="\\operatorname{hardsigmoid}",
    doc="clip(x/6 + 1/2, 0, 1) = relu6(x + 3)/6 (torch.nn.Hardsigmoid)."))


def _hardswish_special(u: Expr) -> Expr | None:
    v = _num(u)
    if v is None:
        return None
    return number(Fraction(v) * min(max(Fraction(v) / 6 + Fraction(1, 2), Fraction(0)), 1))


hardswish = define(FunctionDef(
    "hardswish", special=_hardswish_special,
    numeric=lambda x: x * min(max(x / 6.0 + 0.5, 0.0), 1.0),
    mpmath=lambda mp, x: x * min(max(x / 6 + mp.mpf(1) / 2, mp.mpf(0)), mp.mpf(1)),
    real=True, latex="\\operatorname{hardswish}",
    doc="x*hardsigmoid(x) = x*relu6(x + 3)/6 (torch.nn.Hardswish)."))

__all__ = ["SELU_ALPHA", "SELU_SCALE", "celu", "hardsigmoid", "hardswish", "hardtanh", "mish",
           "selu", "silu", "softsign"]
