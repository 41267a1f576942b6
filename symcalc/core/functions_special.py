"""Registry entries of the special functions: the gamma family, zeta, the stable
logarithm/exponential forms, the inverse error functions, the normal distribution,
the sine/cosine/hyperbolic integrals, the Fresnel integrals and Lambert's W.

Conventions are those of mpmath, SymPy and Mathematica: ``loggamma`` is the principal
branch (real for x > 0, complex for x < 0, not log|gamma|), ``fresnels(x)`` is
∫₀ˣ sin(πt²/2) dt, ``lambertw`` is the principal branch W₀ (real for x >= -1/e),
``uppergamma(s, x) = ∫ₓ^∞ t^(s-1) e^(-t) dt`` and ``lowergamma(s, x) = ∫₀ˣ`` (not
regularized), ``sinc(x) = sin(x)/x`` (unnormalized, sinc(0) = 1; NumPy's ``np.sinc`` is
the normalized sin(πx)/(πx)). Values without a ``math`` implementation come from
mpmath (:mod:`.mpnumeric`).

>>> from symcalc import gamma, zeta, erfinv, Rational, sinc, pi, normcdf
>>> gamma(5), gamma(Rational(1, 2)), zeta(2), zeta(-1), erfinv(0)
(24, sqrt(pi), pi^2/6, -1/12, 0)
>>> sinc(0), sinc(pi/2), normcdf(0)
(1, 2/pi, 1/2)
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache

from . import assumptions as A
from .arithmetic import add, mul, power
from .expr import Expr
from .function import FunctionDef, define
from .functions import NEG_OO, Macro, _inverse_of, _num, _safe, erf, erfc, exp, log, sin, sqrt
from .functions_discrete import gamma_of_rational
from .mpnumeric import cplx, real
from .numbers import HALF, MINUS_ONE, ONE, TWO, ZERO, E, number, oo, pi

# --------------------------------------------------------------------------- gamma family


def _gamma_special(u: Expr) -> Expr | None:
    v = _num(u)
    if v is not None:
        return gamma_of_rational(Fraction(v))
    if u is oo:
        return oo
    return None


def _gamma_num(x: float) -> float | None:
    try:
        return math.gamma(x)
    except (ValueError, OverflowError):
        return None


def _gamma_sign(args: tuple) -> str | None:
    return "+" if A.is_positive(args[0]) else None


gamma = define(FunctionDef(
    "gamma", special=_gamma_special, numeric=_gamma_num,
    cnumeric=cplx(lambda mp, z: mp.gamma(z)), mpmath="gamma", sign=_gamma_sign,
    unicode="Γ", latex="\\Gamma",
    doc="Euler's gamma function, gamma(n) = (n-1)!; poles at 0, -1, -2, ..."))


def _loggamma_special(u: Expr) -> Expr | None:
    v = _num(u)
    if v is not None and v > 0:
        g = gamma_of_rational(Fraction(v))
        if g is not None and g.is_Number:
            return log(g)
        return None
    if u is oo:
        return oo
    return None


_mp_loggamma = real(lambda mp, x: mp.loggamma(x))


def _loggamma_num(x: float) -> float | None:
    if not x > 0:
        return None
    if 0.5 < x < 3.0:  # near the zeros at 1 and 2 math.lgamma loses relative accuracy
        return _mp_loggamma(x)
    return math.lgamma(x)


loggamma = define(FunctionDef(
    "loggamma", aliases=("lgamma",), special=_loggamma_special,
    numeric=_loggamma_num,
    cnumeric=cplx(lambda mp, z: mp.loggamma(z)), mpmath="loggamma",
    sign=lambda args: "r" if A.is_positive(args[0]) else None,
    unicode="logΓ", latex="\\log\\Gamma",
    doc="log(gamma(x)) for x > 0, without overflow; the principal branch (complex) "
        "for x < 0, as in mpmath and SymPy."))


def _mp_polygamma(mp: object, n: object, x: object) -> object:
    if n != int(n) or n < 0:  # type: ignore[call-overload, operator]
        raise ValueError("polygamma(n, x) is defined for integers n >= 0")
    if n == 0:
        return _mp_digamma(mp, x)
    if mp.re(x) < -1000:  # type: ignore[attr-defined]
        # mpmath shifts x up one step at a time there (hangs for x = -1e9)
        raise ValueError("polygamma(n, x) is not evaluated for x < -1000")
    if n > 10_000:  # type: ignore[operator]
        # mpmath's series need O(n) terms at n digits of working precision (a hang)
        raise ValueError("polygamma(n, x) is not evaluated for orders n > 10000")
    return mp.polygamma(int(n), x)  # type: ignore[attr-defined, call-overload]


def _mp_digamma(mp: object, x: object) -> object:
    """digamma, by the reflection psi(x) = psi(1 - x) - pi cot(pi x) for x < 0 (mpmath
    shifts x up one step at a time there)."""
    if mp.re(x) < 0:  # type: ignore[attr-defined]
        if mp.im(x) == 0 and mp.isint(x):  # type: ignore[attr-defined]
            raise ValueError("digamma has poles at 0, -1, -2, ...")
        with mp.extraprec(10 + max(0, int(mp.mag(x)))):  # type: ignore[attr-defined]
            return mp.digamma(1 - x) - mp.pi * mp.cot(mp.pi * x)  # type: ignore[attr-defined]
    return mp.digamma(x)  # type: ignore[attr-defined]


def _digamma_special(u: Expr) -> Expr | None:
    return oo if u is oo else None


digamma = define(FunctionDef(
    "digamma", special=_digamma_special,
    numeric=real(_mp_digamma), cnumeric=cplx(_mp_digamma), mpmath=_mp_digamma, real=True,
    unicode="ψ", latex="\\psi",
    doc="The digamma function gamma'(x)/gamma(x); poles at 0, -1, -2, ..."))


def _polygamma_special(n: Expr, u: Expr) -> Expr | None:
    nv = _num(n)
    if nv == 0:
        return digamma(u)
    if isinstance(nv, int) and 0 < nv <= 1000 and u is ONE:  # n! exact: bounded (fuzzing:
        # polygamma(148325111, 1) computed a factorial of 1.2e9 digits)
        z = zeta(number(nv + 1))  # psi^(n)(1) = (-1)^(n+1) n! zeta(n+1)
        return mul(number((-1) ** (nv + 1) * math.factorial(nv)), z)
    return None


polygamma = define(FunctionDef(
    "polygamma", 2, special=_polygamma_special, numeric=real(_mp_polygamma),
    cnumeric=cplx(lambda mp, n, z: _mp_polygamma(mp, n.real if isinstance(n, mp.mpc) else n,
                                                 z)),
    mpmath=_mp_polygamma, real=True,
    latex="\\psi^{(n)}",
    doc="polygamma(n, x), the n-th derivative of digamma (n = 0, 1, 2, ...)."))


def _beta_special(a: Expr, b: Expr) -> Expr | None:
    va, vb = _num(a), _num(b)
    if va is not None and vb is not None and va > 0 and vb > 0:
        ga, gb, gab = (gamma_of_rational(Fraction(t)) for t in (va, vb, va + vb))
        if ga is not None and gb is not None and gab is not None:
            return mul(ga, gb, power(gab, MINUS_ONE))
    return None


def _beta_num(a: float, b: float) -> float | None:
    if a > 0 and b > 0:
        return math.exp(math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    return real(lambda mp, x, y: mp.beta(x, y))(a, b)


beta = define(FunctionDef(
    "beta", 2, aliases=("Beta",), special=_beta_special, numeric=_beta_num,
    cnumeric=cplx(lambda mp, x, y: mp.beta(x, y)), mpmath="beta", real=True,
    commutative=False, unicode="B", latex="\\operatorname{B}",
    doc="Euler's beta function gamma(a) gamma(b)/gamma(a + b)."))


# --------------------------------------------------------------------------- zeta


@cache
def _bernoulli(n: int) -> Fraction:
    """The Bernoulli number B_n (B_1 = -1/2)."""
    b = [Fraction(1)]
    for m in range(1, n + 1):
        b.append(-sum(Fraction(math.comb(m + 1, k)) * b[k] for k in range(m)) / (m + 1))
    return b[n]


def _zeta_special(s: Expr) -> Expr | None:
    v = _num(s)
    if isinstance(v, int):
        if v == 0:
            return number(Fraction(-1, 2))
        if v < 0:  # zeta(-n) = (-1)^n B_(n+1)/(n+1)
            n = -v
            return number((-1) ** n * _bernoulli(n + 1) / (n + 1)) if n <= 200 else None
        if v % 2 == 0 and v <= 200:  # zeta(2n) = (-1)^(n+1) B_2n (2 pi)^2n / (2 (2n)!)
            c = abs(_bernoulli(v)) * 2 ** (v - 1) / math.factorial(v)
            return mul(number(c), power(pi, number(v)))
    if s is oo:
        return ONE
    return None


def _mp_zeta(mp: object, s: object) -> object:
    # mpmath's reflection computes 1 - s, which rounds to 1 for tiny s (a false pole):
    # there zeta(s) = -1/2 - s log(2 pi)/2 + O(s^2)
    if s != 0 and abs(s) < mp.mpf(2) ** (-mp.mp.prec - 10):  # type: ignore[attr-defined, operator]
        return -mp.mpf(1) / 2 - s * mp.log(2 * mp.pi) / 2  # type: ignore[attr-defined, operator]
    return mp.zeta(s)  # type: ignore[attr-defined]


zeta = define(FunctionDef(
    "zeta", special=_zeta_special, numeric=real(_mp_zeta), cnumeric=cplx(_mp_zeta),
    mpmath=_mp_zeta, real=True, unicode="ζ",
    latex="\\zeta",
    doc="The Riemann zeta function (pole at s = 1); exact at the even positive and "
        "the nonpositive integers."))


# --------------------------------------------------------------------------- log1p, expm1


def _log1p_special(u: Expr) -> Expr | None:
    v = _num(u)
    if v is not None:
        return log(number(1 + v)) if v > -1 else (NEG_OO if v == -1 else None)
    if u is oo:
        return oo
    a = _inverse_of(u, "expm1")
    if a is not None and A.is_real(a):
        return a
    return None


log1p = define(FunctionDef(
    "log1p", special=_log1p_special, numeric=_safe(math.log1p),
    cnumeric=cplx(lambda mp, z: mp.log1p(z)), mpmath="log1p",
    sign=lambda args: "r" if A.is_nonnegative(args[0]) else None,
    latex="\\operatorname{log1p}",
    doc="log(1 + x), accurate for small x (the stable form compiled code uses)."))


def _expm1_special(u: Expr) -> Expr | None:
    v = _num(u)
    if v is not None:
        return add(exp(u), MINUS_ONE)
    if u is oo:
        return oo
    if u is NEG_OO:
        return MINUS_ONE
    a = _inverse_of(u, "log1p")
    if a is not None:
        return a
    return None


expm1 = define(FunctionDef(
    "expm1", special=_expm1_special, numeric=_safe(math.expm1),
    cnumeric=cplx(lambda mp, z: mp.expm1(z)), mpmath="expm1", real=True,
    latex="\\operatorname{expm1}", doc="exp(x) - 1, accurate for small x."))


def _xlogy_special(x: Expr, y: Expr) -> Expr | None:
    if x is ZERO or y is ONE:
        return ZERO
    if x.is_Number and y.is_Number and not isinstance(x.value, float) \
            and not isinstance(y.value, float):
        return mul(x, log(y))
    return None


def _xlogy_num(x: float, y: float) -> float | None:
    if x == 0 and y == y:
        return 0.0
    return x * math.log(y) if y > 0 else None


xlogy = define(FunctionDef(
    "xlogy", 2, special=_xlogy_special, numeric=_xlogy_num,
    cnumeric=cplx(lambda mp, x, y: 0 if x == 0 else x * mp.log(y)),
    mpmath=lambda mp, x, y: mp.mpf(0) if x == 0 else x * mp.log(y), real=False,
    latex="\\operatorname{xlogy}",
    doc="x*log(y), with the convention xlogy(0, y) = 0 (also at y = 0), as in "
        "scipy.special and torch.xlogy: the entropy terms p*log(p)."))


def _logit_special(u: Expr) -> Expr | None:
    if u is HALF:
        return ZERO
    if u is ZERO:
        return NEG_OO
    if u is ONE:
        return oo
    v = _num(u)
    if v is not None and 0 < v < 1:
        return log(number(Fraction(v) / (1 - Fraction(v))))
    a = _inverse_of(u, "sigmoid")
    if a is not None and A.is_real(a):
        return a
    return None


def _logit_num(p: float) -> float | None:
    if 0.25 <= p <= 0.75:  # near the zero at 1/2: log1p((2p - 1)/(1 - p)), 2p - 1 exact
        return math.log1p((2.0 * p - 1.0) / (1.0 - p))
    if 0 < p < 1:
        return math.log(p) - math.log1p(-p)
    return None


logit = define(FunctionDef(
    "logit", special=_logit_special, numeric=_logit_num,
    cnumeric=cplx(lambda mp, z: mp.log(z / (1 - z))),
    mpmath=lambda mp, p: mp.log(p / (1 - p)),
    sign=lambda args: "r" if A.is_positive(args[0]) else None,
    latex="\\operatorname{logit}",
    doc="log(p/(1 - p)), the inverse of sigmoid; real for 0 < p < 1."))


# --------------------------------------------------------------------------- erfinv, normal


def _erfinv_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return ZERO
    if u is ONE:
        return oo
    a = _inverse_of(u, "erf")
    if a is not None and A.is_real(a):
        return a
    return None


def _erfcinv_special(u: Expr) -> Expr | None:
    if u is ONE:
        return ZERO
    if u is ZERO:
        return oo
    if u is TWO:
        return NEG_OO
    a = _inverse_of(u, "erfc")
    if a is not None and A.is_real(a):
        return a
    return None


def _mp_erfcinv(mp: object, x: object) -> object:
    """erfcinv(x) = erfinv(1 - x), with 1 - x exact enough for tiny x."""
    extra = max(0, -int(mp.mag(x))) + 10 if x != 0 else 10  # type: ignore[attr-defined]
    with mp.extraprec(extra):  # type: ignore[attr-defined]
        return mp.erfinv(1 - x)  # type: ignore[attr-defined]


erfinv = define(FunctionDef(
    "erfinv", special=_erfinv_special, parity="odd",
    numeric=real(lambda mp, x: mp.erfinv(x)), mpmath="erfinv",
    sign=lambda args: "r" if A.is_real(args[0]) and _in_closed(args[0], -1, 1) else None,
    latex="\\operatorname{erf}^{-1}",
    doc="The inverse error function on (-1, 1); erfinv(±1) = ±oo."))

erfcinv = define(FunctionDef(
    "erfcinv", special=_erfcinv_special, numeric=real(_mp_erfcinv), mpmath=_mp_erfcinv,
    latex="\\operatorname{erfc}^{-1}",
    doc="The inverse complementary error function on (0, 2), accurate for tiny x."))


def _in_closed(u: Expr, lo: float, hi: float) -> bool:
    return u.is_Number and not isinstance(u.value, complex) and lo <= u.value <= hi


def _normcdf_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return HALF
    if u is oo:
        return ONE
    if u is NEG_OO:
        return ZERO
    return None


def _normcdf_num(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


normcdf = define(FunctionDef(
    "normcdf", special=_normcdf_special, numeric=_normcdf_num,
    cnumeric=cplx(lambda mp, z: mp.erfc(-z / mp.sqrt(2)) / 2),
    mpmath=lambda mp, x: mp.ncdf(x), real=True, range="+", unicode="Φ", latex="\\Phi",
    doc="The standard normal cdf Phi(x) = erfc(-x/sqrt(2))/2."))


def _normpdf_special(u: Expr) -> Expr | None:
    if u.is_Number and not isinstance(u.value, float):
        return mul(exp(mul(number(Fraction(-1, 2)), u, u)),
                   power(mul(TWO, pi), number(Fraction(-1, 2))))
    if u is oo:
        return ZERO
    return None


normpdf = define(FunctionDef(
    "normpdf", special=_normpdf_special, parity="even",
    numeric=lambda x: math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi),
    cnumeric=cplx(lambda mp, z: mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi)),
    mpmath=lambda mp, x: mp.npdf(x), real=True, range="0+", unicode="φ", latex="\\phi",
    doc="The standard normal density exp(-x^2/2)/sqrt(2 pi)."))


# --------------------------------------------------------------------------- sinc, Si, Ci, ...


def _sinc_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return ONE
    if u is oo:
        return ZERO
    from .special import pi_coeff

    if pi_coeff(u) is not None:
        s = sin(u)
        if not s.is_Function:
            return mul(s, power(u, MINUS_ONE))
    return None


def _sinc_num(x: float) -> float:
    return 1.0 if x == 0 else math.sin(x) / x


sinc = define(FunctionDef(
    "sinc", special=_sinc_special, parity="even", numeric=_sinc_num,
    cnumeric=cplx(lambda mp, z: mp.sinc(z)), mpmath="sinc", real=True,
    latex="\\operatorname{sinc}",
    doc="sin(x)/x with sinc(0) = 1 (unnormalized; np.sinc(x) is sinc(pi x))."))


def _at(values: dict) -> object:
    def special(u: Expr) -> Expr | None:
        return values.get(u)
    return special


_HALF_PI = mul(HALF, pi)
Si = define(FunctionDef(
    "Si", special=_at({ZERO: ZERO, oo: _HALF_PI}), parity="odd",
    numeric=real(lambda mp, x: mp.si(x)), cnumeric=cplx(lambda mp, z: mp.si(z)),
    mpmath="si", real=True, latex="\\operatorname{Si}",
    doc="The sine integral ∫₀ˣ sin(t)/t dt."))
Ci = define(FunctionDef(
    "Ci", special=_at({ZERO: NEG_OO, oo: ZERO}), numeric=real(lambda mp, x: mp.ci(x)),
    cnumeric=cplx(lambda mp, z: mp.ci(z)), mpmath="ci",
    sign=lambda args: "r" if A.is_positive(args[0]) else None,
    latex="\\operatorname{Ci}",
    doc="The cosine integral γ + log x + ∫₀ˣ (cos t - 1)/t dt; real for x > 0."))
Shi = define(FunctionDef(
    "Shi", special=_at({ZERO: ZERO, oo: oo}), parity="odd",
    numeric=real(lambda mp, x: mp.shi(x)), cnumeric=cplx(lambda mp, z: mp.shi(z)),
    mpmath="shi", real=True, latex="\\operatorname{Shi}",
    doc="The hyperbolic sine integral ∫₀ˣ sinh(t)/t dt."))
Chi = define(FunctionDef(
    "Chi", special=_at({ZERO: NEG_OO, oo: oo}), numeric=real(lambda mp, x: mp.chi(x)),
    cnumeric=cplx(lambda mp, z: mp.chi(z)), mpmath="chi",
    sign=lambda args: "r" if A.is_positive(args[0]) else None,
    latex="\\operatorname{Chi}",
    doc="The hyperbolic cosine integral γ + log x + ∫₀ˣ (cosh t - 1)/t dt; real for x > 0."))

# --------------------------------------------------------------------------- erfi


def _mp_erfi(mp: object, x: object) -> object:
    """erfi(x) = -i erf(i x), real on the real line (mpmath's erfi)."""
    return mp.erfi(x)  # type: ignore[attr-defined]


erfi = define(FunctionDef(
    "erfi", special=_at({ZERO: ZERO, oo: oo, NEG_OO: NEG_OO}), parity="odd",
    numeric=real(_mp_erfi), cnumeric=cplx(_mp_erfi), mpmath="erfi", real=True,
    latex="\\operatorname{erfi}",
    doc="The imaginary error function 2/√π ∫₀ˣ exp(t²) dt = -i erf(i x)."))
def _moderate(f: object) -> object:
    """``f`` at arguments below 1e8 in size; beyond, None (left unevaluated): the phase
    π x²/2 of a double that large needs hundreds of digits (mpmath takes minutes)."""
    def g(x: float) -> float | None:
        return None if abs(x) > 1e8 else f(x)  # type: ignore[operator]
    return g


def _fresnel_mp(name: str) -> object:
    """mpmath's Fresnel integral, except far out: |S(x) - sign(x)/2| <= 1/(π|x|), so
    beyond 10^(digits + 3) the value is ±1/2 to the working precision (mpmath would
    need twice the exponent's digits for the phase: seconds at 1e300)."""
    def f(mp: object, x: object) -> object:
        if abs(x) > 1e8 and mp.im(x) != 0:  # type: ignore[attr-defined]
            from ..errors import EvaluationError

            raise EvaluationError(f"{name} is not evaluated at complex arguments beyond "
                                  f"1e8 in size")
        if abs(x) > mp.mpf(10) ** (mp.mp.dps + 3):  # type: ignore[attr-defined]
            return mp.sign(x) / 2  # type: ignore[attr-defined]
        return getattr(mp, name)(x)
    return f


fresnels = define(FunctionDef(
    "fresnels", special=_at({ZERO: ZERO, oo: HALF}), parity="odd",
    numeric=_moderate(real(lambda mp, x: mp.fresnels(x))),
    cnumeric=cplx(_fresnel_mp("fresnels")),
    mpmath=_fresnel_mp("fresnels"), real=True, latex="S",
    doc="The Fresnel integral S(x) = ∫₀ˣ sin(π t²/2) dt."))
fresnelc = define(FunctionDef(
    "fresnelc", special=_at({ZERO: ZERO, oo: HALF}), parity="odd",
    numeric=_moderate(real(lambda mp, x: mp.fresnelc(x))),
    cnumeric=cplx(_fresnel_mp("fresnelc")),
    mpmath=_fresnel_mp("fresnelc"), real=True, latex="C",
    doc="The Fresnel integral C(x) = ∫₀ˣ cos(π t²/2) dt."))


# --------------------------------------------------------------------------- Lambert W


def _lambertw_special(u: Expr) -> Expr | None:
    if u is ZERO:
        return ZERO
    if u is E:
        return ONE
    if u is oo:
        return oo
    if u is mul(MINUS_ONE, power(E, MINUS_ONE)):
        return MINUS_ONE
    return None


def _lambertw_sign(args: tuple) -> str | None:
    u = args[0]
    if A.is_positive(u):
        return "+"
    if A.is_nonnegative(u):
        return "0+"
    return None


lambertw = define(FunctionDef(
    "lambertw", aliases=("LambertW",), special=_lambertw_special,
    numeric=real(lambda mp, x: mp.lambertw(x)), cnumeric=cplx(lambda mp, z: mp.lambertw(z)),
    mpmath="lambertw", sign=_lambertw_sign, latex="W",
    doc="The principal branch W₀ of Lambert's W, the solution of w e^w = x; real for "
        "x >= -1/e."))


# --------------------------------------------------------------------------- incomplete gamma


def _uppergamma_special(s: Expr, x: Expr) -> Expr | None:
    if x is ZERO and A.is_positive(s):
        return gamma(s)
    if x is oo:
        return ZERO
    if s is ONE:
        return exp(mul(MINUS_ONE, x))
    if s is HALF:
        return mul(sqrt(pi), erfc(sqrt(x)))
    return None


def _lowergamma_special(s: Expr, x: Expr) -> Expr | None:
    if x is ZERO and A.is_positive(s):
        return ZERO
    if x is oo and A.is_positive(s):
        return gamma(s)
    if s is ONE:
        return add(ONE, mul(MINUS_ONE, exp(mul(MINUS_ONE, x))))
    if s is HALF:
        return mul(sqrt(pi), erf(sqrt(x)))
    return None


def _upper_num(s: float, x: float) -> float | None:
    if (x < 0 and s != math.floor(s)) or abs(s) > 1e5:
        return None  # mpmath's series near x = s converge in O(s) terms: stay unevaluated
    return real(lambda mp, a, b: mp.gammainc(a, b))(s, x)


def _lower_num(s: float, x: float) -> float | None:
    if (x < 0 and s != math.floor(s)) or abs(s) > 1e5:
        return None  # mpmath's series near x = s converge in O(s) terms: stay unevaluated
    return real(_lowergamma)(s, x)


def _lowergamma(mp: object, s: object, x: object) -> object:
    """γ(s, x); for a positive integer s and x < 0 by its finite sum
    (s-1)! (1 - e^(-x) Σ_{k<s} x^k/k!) at extra precision: mpmath's gammainc recurses
    without end there (RecursionError at s = 12, x = -1.5, found by fuzzing)."""
    if x < 0 and s == int(s) and s > 0:
        n = int(s)
        with mp.extradps(2 * n + 20):  # type: ignore[attr-defined]
            term, acc = mp.mpf(1), mp.mpf(1)  # type: ignore[attr-defined]
            for k in range(1, n):
                term = term * x / k
                acc += term
            return mp.factorial(n - 1) * (1 - mp.exp(-x) * acc)  # type: ignore
    return mp.gammainc(s, 0, x)  # type: ignore[attr-defined]


def _gammainc_mp(lower: bool) -> object:
    """mpmath's incomplete gamma, refused (EvaluationError) for orders beyond 10^5:
    its series near x = s need O(s) terms (minutes at s = 10^10)."""
    def f(mp: object, s: object, x: object) -> object:
        if abs(s) > 1e5:
            from ..errors import EvaluationError

            name = "lowergamma" if lower else "uppergamma"
            raise EvaluationError(f"{name}(s, x) is not evaluated for orders |s| > 10^5 "
                                  f"(its series need O(|s|) terms)")
        return _lowergamma(mp, s, x) if lower else mp.gammainc(s, x)  # type: ignore
    return f


uppergamma = define(FunctionDef(
    "uppergamma", 2, special=_uppergamma_special, numeric=_upper_num,
    cnumeric=cplx(_gammainc_mp(False)),
    mpmath=_gammainc_mp(False), latex="\\Gamma",
    doc="The upper incomplete gamma function ∫ₓ^∞ t^(s-1) e^(-t) dt (not regularized)."))
lowergamma = define(FunctionDef(
    "lowergamma", 2, special=_lowergamma_special, numeric=_lower_num,
    cnumeric=cplx(_gammainc_mp(True)),
    mpmath=_gammainc_mp(True), latex="\\gamma",
    doc="The lower incomplete gamma function ∫₀ˣ t^(s-1) e^(-t) dt (not regularized)."))

def _gamma_notation(s: Expr, x: Expr | None = None) -> Expr:
    return gamma(s) if x is None else uppergamma(s, x)


#: Mathematica's notation: ``Gamma(s)`` is gamma, ``Gamma(s, x)`` the upper incomplete gamma.
Gamma = define(Macro("Gamma", _gamma_notation, (1, 2),
                     doc="Gamma(s) = gamma(s); Gamma(s, x) = uppergamma(s, x)."))


def at_infinity() -> dict[str, tuple[Expr | None, Expr | None]]:
    """name -> (limit at +oo, limit at -oo) of the functions of this module, of
    functions_discrete and activations_extra (None: no real limit there)."""
    from .activations_extra import SELU_ALPHA, SELU_SCALE
    from .numbers import Float

    half_pi = mul(HALF, pi)
    return {
        "gamma": (oo, None), "loggamma": (oo, None), "digamma": (oo, None),
        "factorial": (oo, None), "zeta": (ONE, None), "log1p": (oo, None),
        "expm1": (oo, MINUS_ONE), "normcdf": (ONE, ZERO), "normpdf": (ZERO, ZERO),
        "sinc": (ZERO, ZERO), "Si": (half_pi, mul(MINUS_ONE, half_pi)), "Ci": (ZERO, None),
        "Shi": (oo, NEG_OO), "Chi": (oo, None), "erfi": (oo, NEG_OO),
        "fresnels": (HALF, mul(MINUS_ONE, HALF)),
        "fresnelc": (HALF, mul(MINUS_ONE, HALF)), "lambertw": (oo, None),
        "floor": (oo, NEG_OO), "ceiling": (oo, NEG_OO), "silu": (oo, ZERO),
        "mish": (oo, ZERO), "selu": (oo, Float(-SELU_SCALE * SELU_ALPHA)),
        "softsign": (ONE, MINUS_ONE), "hardtanh": (ONE, MINUS_ONE),
        "hardsigmoid": (ONE, ZERO), "hardswish": (oo, ZERO),
    }


#: Function names that are also Greek letters: ``gamma(x)`` is the function, a bare
#: ``gamma`` (and ``Symbol("gamma")``) stays an ordinary symbol.
SYMBOL_NAMES = frozenset({"gamma", "Gamma", "beta", "Beta", "zeta"})

__all__ = [
    "SYMBOL_NAMES", "Chi", "Ci", "Shi", "Si", "at_infinity", "beta", "digamma", "erfcinv",
    "erfi", "erfinv", "expm1", "fresnelc",
    "fresnels", "gamma", "lambertw", "log1p", "loggamma", "logit", "lowergamma", "normcdf",
    "normpdf", "polygamma", "sinc", "uppergamma", "xlogy", "zeta",
]
