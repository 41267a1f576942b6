"""The function registry: every function of the calculus-for-ML tables, one entry each.

Adding a function means adding one ``define(FunctionDef(...))`` here (and, for
calculus, one line in the rule files): name and aliases, arity, special values,
parity, numeric implementations for float and complex, range on the reals, and
printed names.
"""

from __future__ import annotations

import cmath
import math
from fractions import Fraction
from typing import Any

from ..errors import SymcalcError
from . import assumptions as A
from . import branches as B
from . import nonelementary as NE
from . import special as S
from .arithmetic import add, mul, power
from .expr import Expr, as_expr
from .function import FunctionDef, apply, define
from .gaussian import I, gabs2, gaussian_parts
from .numbers import HALF, MINUS_ONE, ONE, ZERO, E, Float, nan, number, oo, pi

NEG_OO = mul(MINUS_ONE, oo)


class Macro(FunctionDef):
    """A name that builds another expression instead of an application (``sqrt``)."""

    def __init__(self, name: str, build: Any, nargs: int | tuple[int, int] = 1, **kw: Any):
        super().__init__(name, nargs, **kw)
        self.build = build

    def __call__(self, *args: Any) -> Expr:
        lo, hi = self.nargs
        if not lo <= len(args) <= hi:
            raise SymcalcError(f"{self.name} takes {lo} argument{'s' if lo > 1 else ''}, "
                               f"got {len(args)}")
        return self.build(*(as_expr(a) for a in args))


def _num(u: Expr) -> Any:
    """The Python value of an exact number, else None."""
    if u.is_Number and not isinstance(u.value, float):
        return u.value
    return None


def _inverse_of(u: Expr, name: str) -> Expr | None:
    """The argument of u if u is ``name(arg)``."""
    if u.is_Function and u.fdef.name == name:
        return u._args[0]
    return None


def _safe(f: Any) -> Any:
    def g(*a: float) -> Any:
        try:
            return f(*a)
        except (ValueError, ZeroDivisionError, OverflowError):
            return None
    return g


# --------------------------------------------------------------------------- exp, log


def _quarter_turn(t: Expr) -> int | None:
    """k when the term t is k*I*pi/2 for an integer k (exp(t) = I^k), else None."""
    if t.is_Mul and len(t._factors) == 2 and t._factors[0] is I and t._factors[1] is pi:
        k = 2 * Fraction(t._coeff) if not isinstance(t._coeff, float) else None
        if k is not None and k.denominator == 1:
            return k.numerator
    return None


def _exp_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return ONE
    if u.is_Mul or u.is_Add:  # exp(k*I*pi/2) = I^k (Euler), also inside a sum
        k = _quarter_turn(u)
        if k is not None:
            return power(I, number(k))
        if u.is_Add:
            ks = [(t, _quarter_turn(t)) for t in u._args]
            if any(k is not None for _, k in ks):
                return mul(power(I, number(sum(k for _, k in ks if k is not None))),
                           exp(add(*(t for t, k in ks if k is None))))
    if u is ONE:
        return E
    if u is oo:
        return oo
    if u is NEG_OO:
        return ZERO
    a = _inverse_of(u, "log")
    if a is not None:
        return a
    # exp(c*log(a)) = a^c and exp(log(a) + v) = a*exp(v) (principal branch, always valid)
    if u.is_Mul and len(u._factors) == 1 and not isinstance(u._coeff, float):
        a = _inverse_of(u._factors[0], "log")
        if a is not None:
            return power(a, number(u._coeff))
    if u.is_Add:
        logs, rest = [], []
        for t in u._args:
            c, r = t.as_coeff_mul()
            a = _inverse_of(r, "log")
            if a is not None and not isinstance(c, float):
                logs.append(power(a, number(c)))
            else:
                rest.append(t)
        if logs:
            return mul(*logs, exp(add(*rest)))
    return None


def _log_special(u: Expr, base: Expr | None = None) -> Expr | None:
    if base is not None:
        return mul(log(u), power(log(base), MINUS_ONE))
    if u is ONE:
        return ZERO
    if u is E:
        return ONE
    if u is ZERO:
        return NEG_OO
    if u is oo:
        return oo
    a = _inverse_of(u, "exp")
    if a is not None and A.is_real(a):
        return a
    v = _num(u)
    if v is not None and 0 < v < 1 and isinstance(v, Fraction) and v.numerator == 1:
        return mul(MINUS_ONE, log(number(v.denominator)))
    if v is not None and v < 0:  # principal branch: log(-q) = log(q) + I*pi
        return add(log(number(-v)), mul(I, pi))
    if u.is_Mul and u._factors == (I,) and not isinstance(u._coeff, float):
        b = u._coeff  # log(b*I) = log|b| + sign(b)*I*pi/2
        return add(log(number(abs(b))), mul(HALF if b > 0 else -HALF, I, pi))
    if u is I:
        return mul(HALF, I, pi)
    return None


def _log_sign(args: tuple) -> str | None:
    u = args[0]
    if not A.is_positive(u):
        return None
    if u.is_Number:
        return "+" if u.value > 1 else "-" if u.value < 1 else "0"
    return "r"


exp = define(FunctionDef(
    "exp", special=_exp_special, numeric=_safe(math.exp), cnumeric=cmath.exp, mpmath="exp",
    real=True, range="+", latex="\\exp", doc="The exponential function e^x."))

log = define(FunctionDef(
    "log", (1, 2), aliases=("ln",), special=_log_special, numeric=_safe(math.log),
    cnumeric=B.cfunction("log"), mpmath="log", sign=_log_sign, latex="\\log",
    doc="Natural logarithm; log(x, b) is log(x)/log(b)."))


def _sqrt(u: Expr) -> Expr:
    return power(u, HALF)


sqrt = define(Macro("sqrt", _sqrt, mpmath="sqrt", unicode="√", latex="\\sqrt",
                    doc="Principal square root, u^(1/2)."))


def _cbrt_special(u: Expr) -> Expr | None:
    v = _num(u)
    if v is not None:
        r = power(number(abs(v)), number(Fraction(1, 3)))
        if r.is_Number:
            return r if v >= 0 else mul(MINUS_ONE, r)
        return None
    if u.is_Pow and u._args[1] is number(3) and A.is_real(u._args[0]):
        return u._args[0]
    return None


cbrt = define(FunctionDef(
    "cbrt", special=_cbrt_special, parity="odd",
    numeric=lambda x: math.copysign(abs(x) ** (1 / 3), x),
    mpmath=lambda mp, x: mp.sign(x) * mp.cbrt(abs(x)), real=True,
    unicode="∛", latex="\\sqrt[3]", doc="Real cube root: cbrt(-8) = -2."))


# --------------------------------------------------------------------------- trigonometric


def _trig(name: str, table: Any, shifts: dict[Fraction, tuple[int, str]], period: int,
          inverse: str) -> Any:
    """Special values of a trig function: table at c*pi, shifts by multiples of pi/2."""
    def special(u: Expr) -> Expr | None:
        r = _imaginary_argument(name, u)
        if r is not None:
            return r
        c = S.pi_coeff(u)
        if c is not None:
            return table(c)
        a = _inverse_of(u, inverse)
        if a is not None:
            return a
        sh = S.split_pi_shift(u)
        if sh is not None:
            c, rest = sh
            k = c % period
            if k in shifts:
                sign, fn = shifts[k]
                r = REGISTRY_FN[fn](rest)
                return r if sign > 0 else mul(MINUS_ONE, r)
        return None
    return special


_Q = Fraction
REGISTRY_FN: dict[str, FunctionDef] = {}

# f(I*w) = c*g(w): sin(I*w) = I*sinh(w), cos(I*w) = cosh(w), and back (Osborn's rule).
_AT_IMAGINARY = {
    "sin": (1, "sinh"), "cos": (0, "cosh"), "tan": (1, "tanh"), "cot": (3, "coth"),
    "sec": (0, "sech"), "csc": (3, "csch"), "sinh": (1, "sin"), "cosh": (0, "cos"),
    "tanh": (1, "tan"), "coth": (3, "cot"), "sech": (0, "sec"), "csch": (3, "csc"),
}


def _imaginary_argument(name: str, u: Expr) -> Expr | None:
    """f(I*w) for a trig or hyperbolic f, as I^k*g(w) (see _AT_IMAGINARY); else None."""
    if u is not I and not (u.is_Mul and I in u._factors):
        return None
    k, g = _AT_IMAGINARY[name]
    return mul(power(I, number(k)), REGISTRY_FN[g](mul(MINUS_ONE, I, u)))


def _recip(f: Any) -> Any:
    def g(x: float) -> float:
        return 1.0 / f(x)
    return _safe(g)


def _sech(x: float) -> float:
    e = math.exp(-abs(x))  # 2/(e^x + e^-x) without overflow for large |x|
    return 2.0 * e / (1.0 + e * e)


def _csch(x: float) -> float:
    if x == 0:
        raise ZeroDivisionError("csch(0)")
    return math.copysign(2.0 * math.exp(-abs(x)) / -math.expm1(-2.0 * abs(x)), x)


def _crecip(f: Any) -> Any:
    return lambda x: 1 / f(x)


def _one_over(table: Any) -> Any:
    def t(c: Fraction) -> Expr | None:
        v = table(c)
        if v is None or v is ZERO:
            return None
        return power(v, MINUS_ONE)
    return t


def _cot_of(c: Fraction) -> Expr | None:
    s, co = S.sin_of_pi_multiple(c), S.cos_of_pi_multiple(c)
    if s is None or co is None or s is ZERO:
        return None
    return mul(co, power(s, MINUS_ONE))


_TRIG = [
    # name, table, shifts {c mod period: (sign, fn)}, period, inverse, parity, math, cmath, latex
    ("sin", S.sin_of_pi_multiple, {_Q(0): (1, "sin"), _Q(1, 2): (1, "cos"), _Q(1): (-1, "sin"),
                                   _Q(3, 2): (-1, "cos")}, 2, "asin", "odd",
     math.sin, cmath.sin, "\\sin"),
    ("cos", S.cos_of_pi_multiple, {_Q(0): (1, "cos"), _Q(1, 2): (-1, "sin"), _Q(1): (-1, "cos"),
                                   _Q(3, 2): (1, "sin")}, 2, "acos", "even",
     math.cos, cmath.cos, "\\cos"),
    ("tan", S.tan_of_pi_multiple, {_Q(0): (1, "tan"), _Q(1, 2): (-1, "cot")}, 1, "atan", "odd",
     math.tan, cmath.tan, "\\tan"),
    ("cot", _cot_of, {_Q(0): (1, "cot"), _Q(1, 2): (-1, "tan")}, 1, "acot", "odd",
     _recip(math.tan), _crecip(cmath.tan), "\\cot"),
    ("sec", _one_over(S.cos_of_pi_multiple), {_Q(0): (1, "sec"), _Q(1, 2): (-1, "csc"),
                                              _Q(1): (-1, "sec"), _Q(3, 2): (1, "csc")}, 2,
     "asec", "even", _recip(math.cos), _crecip(cmath.cos), "\\sec"),
    ("csc", _one_over(S.sin_of_pi_multiple), {_Q(0): (1, "csc"), _Q(1, 2): (1, "sec"),
                                              _Q(1): (-1, "csc"), _Q(3, 2): (-1, "sec")}, 2,
     "acsc", "odd", _recip(math.sin), _crecip(cmath.sin), "\\csc"),
]

for (_name, _table, _shifts, _period, _inv, _parity, _m, _c, _tex) in _TRIG:
    REGISTRY_FN[_name] = define(FunctionDef(
        _name, special=_trig(_name, _table, _shifts, _period, _inv), parity=_parity,
        numeric=_safe(_m), cnumeric=_c, mpmath=_name, real=True, latex=_tex))

sin, cos, tan = REGISTRY_FN["sin"], REGISTRY_FN["cos"], REGISTRY_FN["tan"]
cot, sec, csc = REGISTRY_FN["cot"], REGISTRY_FN["sec"], REGISTRY_FN["csc"]


# --------------------------------------------------------------------------- inverse trig


def _inv_trig(lookup_value: Any, at_oo: Expr | None, outer: str, recip: bool = False) -> Any:
    def special(u: Expr) -> Expr | None:
        if u is oo and at_oo is not None:
            return at_oo
        v = u
        if recip:
            if u is ZERO:
                return None
            v = power(u, MINUS_ONE)
        r = lookup_value(v)
        if r is not None:
            return r
        return None
    return special


def _acot_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return mul(HALF, pi)
    if u is oo:
        return ZERO
    return S.atan_value(power(u, MINUS_ONE))


def _acot(x: float) -> float:
    return math.pi / 2 if x == 0 else math.atan(1 / x)


def _cacot(x: complex) -> complex:
    return cmath.pi / 2 if x == 0 else B.on_cut("acot", x)


_half_pi = mul(HALF, pi)
asin = define(FunctionDef("asin", aliases=("arcsin",), special=_inv_trig(S.asin_value, None, "sin"),
                          parity="odd", numeric=_safe(math.asin), cnumeric=B.cfunction("asin"),
                          mpmath="asin", latex="\\arcsin"))
acos = define(FunctionDef("acos", aliases=("arccos",), special=_inv_trig(S.acos_value, None, "cos"),
                          numeric=_safe(math.acos), cnumeric=B.cfunction("acos"), mpmath="acos",
                          latex="\\arccos"))
atan = define(FunctionDef("atan", aliases=("arctan",),
                          special=_inv_trig(S.atan_value, _half_pi, "tan"),
                          parity="odd", numeric=math.atan, cnumeric=B.cfunction("atan"),
                          mpmath="atan", real=True, latex="\\arctan"))
acot = define(FunctionDef("acot", aliases=("arccot",), special=_acot_special, parity="odd",
                          numeric=_acot, cnumeric=_cacot, mpmath="acot", real=True,
                          latex="\\operatorname{arccot}"))
asec = define(FunctionDef("asec", aliases=("arcsec",),
                          special=_inv_trig(S.acos_value, _half_pi, "sec", True),
                          numeric=_safe(lambda x: math.acos(1 / x)),
                          cnumeric=B.cfunction("asec"), mpmath="asec",
                          latex="\\operatorname{arcsec}"))
acsc = define(FunctionDef("acsc", aliases=("arccsc",),
                          special=_inv_trig(S.asin_value, ZERO, "csc", True),
                          parity="odd", numeric=_safe(lambda x: math.asin(1 / x)),
                          cnumeric=B.cfunction("acsc"), mpmath="acsc",
                          latex="\\operatorname{arccsc}"))


def _atan2_special(y: Expr, x: Expr) -> Expr | None:
    yv, xv = _num(y), _num(x)
    if yv is None or xv is None:
        if y is ZERO and A.is_positive(x):
            return ZERO
        return None
    if xv == 0 and yv == 0:
        return None
    if xv > 0:
        return atan(number(Fraction(yv) / xv))
    if xv == 0:
        return mul(number(1 if yv > 0 else -1), _half_pi)
    base = atan(number(Fraction(yv) / xv))
    return add(base, pi) if yv >= 0 else add(base, mul(MINUS_ONE, pi))


atan2 = define(FunctionDef("atan2", 2, special=_atan2_special, numeric=math.atan2,
                           cnumeric=lambda y, x: complex(math.atan2(y.real, x.real)),
                           mpmath="atan2", real=True, latex="\\operatorname{atan2}",
                           doc="atan2(y, x): the angle of the point (x, y), in (-pi, pi]."))


# --------------------------------------------------------------------------- hyperbolic


def _hyp(at0: Expr | None, at_oo: Expr | None, inverse: str) -> Any:
    name = inverse[1:]

    def special(u: Expr) -> Expr | None:
        r = _imaginary_argument(name, u)
        if r is not None:
            return r
        if u is ZERO:
            return at0
        if u is oo:
            return at_oo
        return _inverse_of(u, inverse)
    return special


_HYP = [
    ("sinh", ZERO, oo, "asinh", "odd", math.sinh, cmath.sinh, "r", "\\sinh"),
    ("cosh", ONE, oo, "acosh", "even", math.cosh, cmath.cosh, "+", "\\cosh"),
    ("tanh", ZERO, ONE, "atanh", "odd", math.tanh, cmath.tanh, "r", "\\tanh"),
    ("coth", None, ONE, "acoth", "odd", _recip(math.tanh), _crecip(cmath.tanh), "r", "\\coth"),
    ("sech", ONE, ZERO, "asech", "even", _sech, _crecip(cmath.cosh), "+",
     "\\operatorname{sech}"),
    ("csch", None, ZERO, "acsch", "odd", _csch, _crecip(cmath.sinh), "r",
     "\\operatorname{csch}"),
]
for (_name, _z, _o, _inv, _parity, _m, _c, _rng, _tex) in _HYP:
    REGISTRY_FN[_name] = define(FunctionDef(
        _name, special=_hyp(_z, _o, _inv), parity=_parity, numeric=_safe(_m), cnumeric=_c,
        mpmath=_name, real=True, range=None if _rng == "r" else _rng, latex=_tex))
sinh, cosh, tanh = REGISTRY_FN["sinh"], REGISTRY_FN["cosh"], REGISTRY_FN["tanh"]
coth, sech, csch = REGISTRY_FN["coth"], REGISTRY_FN["sech"], REGISTRY_FN["csch"]

# name, special values {argument: value}, parity, math, real on the reals (the complex
# values follow the branch convention of core.branches)
_AHYP = [
    ("asinh", {ZERO: ZERO, oo: oo}, "odd", math.asinh, True),
    ("acosh", {ONE: ZERO, oo: oo}, None, math.acosh, False),
    ("atanh", {ZERO: ZERO, ONE: oo}, "odd", math.atanh, False),
    ("acoth", {ONE: oo, oo: ZERO}, "odd", lambda x: math.atanh(1 / x), False),
    ("asech", {ONE: ZERO, ZERO: oo}, None, lambda x: math.acosh(1 / x), False),
    ("acsch", {oo: ZERO}, "odd", lambda x: math.asinh(1 / x), True),
]

# f(g(u)) for real u, where g is the hyperbolic function f inverts: u where g is one-to-one
# on the reals (sinh, tanh, coth, csch), |u| where it is even (cosh, sech)
_AHYP_OF_REAL = {"asinh": ("sinh", False), "atanh": ("tanh", False),
                 "acoth": ("coth", False), "acsch": ("csch", False),
                 "acosh": ("cosh", True), "asech": ("sech", True)}


def _table_special(values: dict, name: str) -> Any:
    inverse, even = _AHYP_OF_REAL[name]

    def special(u: Expr) -> Expr | None:
        v = values.get(u)
        if v is not None:
            return v
        a = _inverse_of(u, inverse)
        if a is not None and A.is_real(a):
            return Abs(a) if even else a
        return None
    return special


for (_name, _values, _parity, _m, _real) in _AHYP:
    REGISTRY_FN[_name] = define(FunctionDef(
        _name, aliases=("ar" + _name[1:], "arc" + _name[1:]),
        special=_table_special(_values, _name),
        parity=_parity, numeric=_safe(_m), cnumeric=B.cfunction(_name), mpmath=_name, real=_real,
        latex="\\operatorname{%s}" % _name))
asinh, acosh, atanh = REGISTRY_FN["asinh"], REGISTRY_FN["acosh"], REGISTRY_FN["atanh"]
acoth, asech, acsch = REGISTRY_FN["acoth"], REGISTRY_FN["asech"], REGISTRY_FN["acsch"]


# --------------------------------------------------------------------------- abs, sign, step


def _abs_special(u: Expr) -> Expr | None:
    if u.is_Number:
        return number(abs(u.value))
    g = gaussian_parts(u)
    if g is not None:  # |a + b*I| = sqrt(a^2 + b^2)
        return power(number(gabs2(g)), HALF)
    s = A.sign_class(u)
    if s in ("+", "0+", "0"):
        return u
    if s in ("-", "0-"):
        return mul(MINUS_ONE, u)
    if u.is_Mul:
        return mul(*(Abs(f) for f in u._args))
    if u.is_Pow and u._args[1].is_Number and isinstance(u._args[1].value, int) \
            and A.is_real(u._args[0]):
        return power(Abs(u._args[0]), u._args[1])
    if (u.is_Pow or u.is_Function) and u.has(I):
        if u.is_Pow and u._args[1].is_Number and isinstance(u._args[1].value, int):
            return power(Abs(u._args[0]), u._args[1])  # |w^n| = |w|^n
        if u.is_Function and u.fdef.name == "exp":  # |exp(w)| = exp(re(w))
            from .complexfns import re

            return exp(re(u._args[0]))
    if A.is_real(u) is False or (u.is_Add and u.has(I)):
        from .complexfns import real_imag  # |a + b*I| = sqrt(a^2 + b^2) for real a, b

        p = real_imag(u)
        if p is not None:
            from .expand import expand

            return power(expand(add(mul(p[0], p[0]), mul(p[1], p[1]))), HALF)
    return None


Abs = define(FunctionDef("abs", aliases=("Abs",), special=_abs_special, parity="even",
                         numeric=abs, cnumeric=lambda z: complex(abs(z)), mpmath="fabs",
                         real=True, range="0+", latex="", unicode="|",
                         doc="Absolute value |x|."))


def _sign_special(u: Expr) -> Expr | None:
    s = A.sign_class(u)
    if s == "+":
        return ONE
    if s == "-":
        return MINUS_ONE
    if s == "0":
        return ZERO
    if u.is_Function and u.fdef.name == "sign":
        return u
    return None


def _sgn(x: float) -> float:
    return 1.0 if x > 0 else -1.0 if x < 0 else 0.0


sign = define(FunctionDef("sign", aliases=("sgn",), special=_sign_special, parity="odd",
                          numeric=_sgn, cnumeric=lambda z: complex(_sgn(z.real)),
                          mpmath="sign", real=True, latex="\\operatorname{sign}",
                          doc="Sign of a real number: -1, 0 or 1."))


def _heaviside_special(u: Expr) -> Expr | None:
    s = A.sign_class(u)
    if s == "+":
        return ONE
    if s in ("-", "0", "0-"):
        return ZERO
    return None


heaviside = define(FunctionDef(
    "heaviside", aliases=("Heaviside", "step"), special=_heaviside_special,
    numeric=lambda x: 1.0 if x > 0 else 0.0, cnumeric=lambda z: complex(z.real > 0),
    mpmath=lambda mp, x: mp.mpf(1) if x > 0 else mp.mpf(0), real=True, range="0+",
    latex="\\theta", unicode="θ",
    doc="Unit step: 1 for x > 0, 0 for x <= 0 (convention heaviside(0) = 0)."))


# --------------------------------------------------------------------------- erf, ML functions


def _erf_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return ZERO
    if u is oo:
        return ONE
    return None


erf = define(FunctionDef("erf", special=_erf_special, parity="odd", numeric=math.erf,
                         mpmath="erf", real=True, latex="\\operatorname{erf}"))


def _erfc_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return ONE
    if u is oo:
        return ZERO
    if u is NEG_OO:
        return number(2)
    return None


erfc = define(FunctionDef("erfc", special=_erfc_special, numeric=math.erfc, mpmath="erfc",
                          real=True, range="+", latex="\\operatorname{erfc}"))


# --------------------------------------------------------------------------- Ei, li, Li2


def _ei_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return NEG_OO
    if u is oo:
        return oo
    if u is NEG_OO:
        return ZERO
    a = _inverse_of(u, "log")
    if a is not None:
        return li(a)  # li(z) = Ei(log z) on the whole principal branch
    return None


def _ei_sign(args: tuple) -> str | None:
    u = args[0]
    if A.is_negative(u):
        return "-"
    return "r" if A.is_real(u) else None


Ei = define(FunctionDef(
    "Ei", aliases=("ExpIntegralEi",), special=_ei_special, numeric=NE.ei, mpmath="ei",
    sign=_ei_sign, latex="\\operatorname{Ei}",
    doc="Exponential integral Ei(x) = PV ∫_{-∞}^{x} e^t/t dt; real for real x ≠ 0, "
        "Ei(0) = -oo."))


def _li_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return ZERO
    if u is ONE:
        return NEG_OO
    if u is oo:
        return oo
    a = _inverse_of(u, "exp")
    if a is not None and A.is_real(a):
        return Ei(a)  # Ei(log(exp(a))), as log(exp(a)) = a for real a
    return None


def _li_sign(args: tuple) -> str | None:
    return "r" if A.is_positive(args[0]) else None


li = define(FunctionDef(
    "li", aliases=("LogIntegral",), special=_li_special, numeric=NE.li, mpmath="li",
    sign=_li_sign, latex="\\operatorname{li}",
    doc="Logarithmic integral li(x) = Ei(log x) = PV ∫_0^x dt/log t; real for x > 0, "
        "li(1) = -oo."))


def _li2_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return ZERO
    if u is ONE:
        return mul(number(Fraction(1, 6)), pi, pi)
    if u is MINUS_ONE:
        return mul(number(Fraction(-1, 12)), pi, pi)
    if u is HALF:
        l2 = log(number(2))
        return add(mul(number(Fraction(1, 12)), pi, pi), mul(number(Fraction(-1, 2)), l2, l2))
    if u is NEG_OO:
        return NEG_OO
    return None


def _li2_sign(args: tuple) -> str | None:
    u = args[0]
    if A.is_negative(u):
        return "-"
    if u.is_Number and not isinstance(u.value, complex) and 0 < u.value <= 1:
        return "+"
    return None


Li2 = define(FunctionDef(
    "Li2", special=_li2_special, numeric=NE.li2,
    mpmath=lambda mp, x: mp.polylog(2, x), sign=_li2_sign, unicode="Li₂",
    latex="\\operatorname{Li}_2",
    doc="Dilogarithm Li2(x) = polylog(2, x) = -∫_0^x log(1 - t)/t dt; real for x <= 1."))


def _polylog(s: Expr, z: Expr) -> Expr:
    """polylog(s, z) (SymPy's name, Mathematica's PolyLog[s, z]): Li2 for s = 2, the
    elementary forms for s = 1, 0, -1; other orders stay an undefined polylog(s, z)."""
    from .function import Function

    if s.is_Number and not isinstance(s.value, float):
        if s.value == 2:
            return Li2(z)
        if s.value == 1:
            return mul(MINUS_ONE, log(add(ONE, mul(MINUS_ONE, z))))
        if s.value == 0:
            return mul(z, power(add(ONE, mul(MINUS_ONE, z)), MINUS_ONE))
        if s.value == -1:
            return mul(z, power(add(ONE, mul(MINUS_ONE, z)), number(-2)))
    return Function("polylog")(s, z)


#: Names the parser (and the public API) accept that build other functions, but which are
#: not registry entries of their own: ``polylog(2, x)`` is ``Li2(x)``.
polylog = Macro("polylog", _polylog, 2, doc=_polylog.__doc__ or "")
INPUT_ONLY: dict[str, FunctionDef] = {"polylog": polylog, "PolyLog": polylog}


def _sigmoid_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return HALF
    if u is oo:
        return ONE
    if u is NEG_OO:
        return ZERO
    return None


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


sigmoid = define(FunctionDef(
    "sigmoid", aliases=("logistic",), special=_sigmoid_special, numeric=_sigmoid,
    cnumeric=lambda z: 1 / (1 + cmath.exp(-z)),
    mpmath=lambda mp, x: 1 / (1 + mp.exp(-x)), real=True, range="+", latex="\\sigma",
    unicode="σ", doc="Logistic sigmoid 1/(1 + exp(-x))."))


def _softplus_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return log(number(2))
    if u is oo:
        return oo
    if u is NEG_OO:
        return ZERO
    return None


def _softplus(x: float) -> float:
    return math.log1p(math.exp(-abs(x))) + max(x, 0.0)


softplus = define(FunctionDef(
    "softplus", special=_softplus_special, numeric=_softplus,
    cnumeric=lambda z: B.on_cut("log", 1 + cmath.exp(z)),
    mpmath=lambda mp, x: mp.log1p(mp.exp(x)), real=True, range="+",
    latex="\\operatorname{softplus}", doc="softplus(x) = log(1 + exp(x))."))


def _relu_special(u: Expr) -> Expr | None:
    s = A.sign_class(u)
    if s in ("+", "0+", "0"):
        return u
    if s in ("-", "0-"):
        return ZERO
    return None


relu = define(FunctionDef(
    "relu", aliases=("ReLU",), special=_relu_special, numeric=lambda x: max(x, 0.0),
    cnumeric=lambda z: complex(max(z.real, 0.0)),
    mpmath=lambda mp, x: max(x, mp.mpf(0)), real=True, range="0+",
    latex="\\operatorname{ReLU}", doc="Rectified linear unit max(x, 0)."))


def _leaky_special(u: Expr, a: Expr) -> Expr | None:
    s = A.sign_class(u)
    if s in ("+", "0+", "0"):
        return u
    if s in ("-", "0-"):
        return mul(a, u)
    return None


leaky_relu = define(FunctionDef(
    "leaky_relu", 2, defaults=(Fraction(1, 100),), special=_leaky_special,
    numeric=lambda x, a: x if x > 0 else a * x, cnumeric=None,
    mpmath=lambda mp, x, a: x if x > 0 else a * x, real=True,
    latex="\\operatorname{LeakyReLU}",
    doc="leaky_relu(x, a) = x for x > 0, a*x otherwise; a defaults to 1/100."))


def _elu_special(u: Expr, a: Expr) -> Expr | None:
    s = A.sign_class(u)
    if s in ("+", "0+", "0"):
        return u
    if s == "-" and u.is_Number:
        return mul(a, add(exp(u), MINUS_ONE))
    return None


elu = define(FunctionDef(
    "elu", 2, defaults=(1,), special=_elu_special,
    numeric=lambda x, a: x if x > 0 else a * math.expm1(x),
    mpmath=lambda mp, x, a: x if x > 0 else a * mp.expm1(x), real=True,
    latex="\\operatorname{ELU}",
    doc="elu(x, a) = x for x > 0, a*(exp(x) - 1) otherwise; a defaults to 1."))


def _gelu_special(u: Expr) -> Expr | None:
    return ZERO if u is ZERO else None


gelu = define(FunctionDef(
    "gelu", special=_gelu_special,
    numeric=lambda x: 0.5 * x * math.erfc(-x / math.sqrt(2.0)),  # 1 + erf(u) cancels for u << 0
    mpmath=lambda mp, x: x * mp.erfc(-x / mp.sqrt(2)) / 2, real=True,
    latex="\\operatorname{GELU}",
    doc="Gaussian error linear unit, exactly x*Phi(x) = x/2*(1 + erf(x/sqrt(2)))."))


# --------------------------------------------------------------------------- max, min


def _extremum(name: str, pick: Any) -> Any:
    def build(*args: Expr) -> Expr:
        flat: list[Expr] = []
        for a in args:
            if a.is_Function and a.fdef.name == name:
                flat.extend(a._args)
            else:
                flat.append(a)
        nums = [a for a in flat if a.is_Number]
        if any(a.value != a.value for a in nums) or nan in flat:
            return nan
        others: list[Expr] = []
        seen: set = set()
        for a in flat:
            if not a.is_Number and a not in seen:
                seen.add(a)
                others.append(a)
        if nums:
            best = nums[0]
            for n in nums[1:]:
                if pick(n.value, best.value):
                    best = n
            others.append(best)
        if len(others) == 1:
            return others[0]
        others.sort(key=lambda e: e.sort_key())
        return apply(REGISTRY_FN[name], tuple(others))
    return build


REGISTRY_FN["max"] = define(FunctionDef(
    "max", (1, 10**9), aliases=("Max",), special=_extremum("max", lambda a, b: a > b),
    commutative=True, numeric=max, mpmath=lambda mp, *a: max(a), real=True,
    latex="\\max", doc="Maximum of its arguments."))
REGISTRY_FN["min"] = define(FunctionDef(
    "min", (1, 10**9), aliases=("Min",), special=_extremum("min", lambda a, b: a < b),
    commutative=True, numeric=min, mpmath=lambda mp, *a: min(a), real=True,
    latex="\\min", doc="Minimum of its arguments."))
Max, Min = REGISTRY_FN["max"], REGISTRY_FN["min"]

__all__ = [
    "exp", "log", "sqrt", "cbrt", "sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos",
    "atan", "acot", "asec", "acsc", "atan2", "sinh", "cosh", "tanh", "coth", "sech", "csch",
    "asinh", "acosh", "atanh", "acoth", "asech", "acsch", "Abs", "sign", "heaviside", "erf",
    "erfc", "Ei", "li", "Li2", "polylog", "sigmoid", "softplus", "relu", "leaky_relu", "elu",
    "gelu", "Max", "Min", "Float",
]
