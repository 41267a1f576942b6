"""∫ P(x)/(x^4 + p*x^2 + q) dx over Q when the quartic does not factor over Q.

The odd part x*(α*x^2 + β) of the numerator goes to u = x^2 and a quadratic
denominator. The even part γ*x^2 + δ:

* Δ = p^2 - 4q > 0: x^4 + p*x^2 + q = (x^2 - u1)(x^2 - u2), u1,2 = (-p ± sqrt(Δ))/2 real,
  and 1/(x^2 - u) is an arctangent (u < 0) or an inverse hyperbolic tangent (u > 0);
* Δ < 0: with r = sqrt(q), s = sqrt(2r - p), κ = sqrt(2r + p) (both real),
  x^4 + p*x^2 + q = Q+ * Q-, Q± = x^2 ± s*x + r, and with K = (δ - γr)/(2r)

      ∫ (γx^2 + δ)/(Q+ Q-) = K/(2s)*log(Q+/Q-) + (γ + K)/κ*(atan((2x + s)/κ) + atan((2x - s)/κ)),

  real and continuous (the factorization over Q(sqrt(q), sqrt(2 sqrt(q) - p)) that
  Lazard–Rioboo–Trager would need when Ferrari's resolvent has no rational root).

>>> from symcalc import symbols
>>> x = symbols("x")
>>> integrate_biquadratic(x**3/(x**4 + x**2 + 2), x)
log(x^4 + x^2 + 2)/4 - sqrt(7)*atan(sqrt(7)*(2*x^2 + 1)/7)/14
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.functions import atan, atanh, log, sqrt
from ...core.numbers import MINUS_ONE, number
from ...core.symbol import Symbol
from ...errors import SymcalcError
from .steps import Step, leaf

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context


def biquadratic_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ P(x)/(a*x^4 + b*x^2 + c) dx with radicals (see the module docstring)."""
    F = integrate_biquadratic(e, x)
    if F is None:
        return None
    return leaf("biquadratic denominator", e, x, F)


def integrate_biquadratic(e: Expr, x: Symbol) -> Expr | None:
    """∫ e dx for e = P(x)/(a*x^4 + b*x^2 + c) over Q, or None."""
    from ...algebra.poly import Poly, PolynomialError
    from ...algebra.rational import numer_denom, together
    from .rational import _integrate_poly

    try:
        n, d = numer_denom(together(e))
        P, D = Poly.from_expr(n, [x]), Poly.from_expr(d, [x])
    except (PolynomialError, SymcalcError, ArithmeticError):
        return None
    if D.is_zero or D.degree() != 4:
        return None
    dc = [Fraction(D.coeff_monom((i,))) for i in range(5)]
    if dc[1] or dc[3] or not dc[0] or not dc[2]:
        return None
    p, q = dc[2] / dc[4], dc[0] / dc[4]
    disc = p * p - 4 * q
    if disc == 0 or _is_square(disc) or (disc < 0 and _is_square(q)
                                         and _is_square(2 * _isqrt(q) - p)):
        return None   # factors over Q: the rational method's business
    try:
        poly, R = P.div(D)
    except (PolynomialError, ZeroDivisionError):
        return None
    rc = [Fraction(R.coeff_monom((i,))) / dc[4] for i in range(4)]
    delta, alpha_odd, gamma, alpha = rc[0], rc[1], rc[2], rc[3]   # R = δ + β x + γ x^2 + α x^3
    terms = [_integrate_poly(poly, x)]
    if alpha or alpha_odd:
        terms.append(_odd(alpha, alpha_odd, p, q, disc, x))
    if gamma or delta:
        terms.append(_even(gamma, delta, p, q, disc, x))
    return add(*terms)


def _is_square(v: Fraction) -> bool:
    if v < 0:
        return False
    from math import isqrt

    a, b = v.numerator, v.denominator
    return isqrt(a) ** 2 == a and isqrt(b) ** 2 == b


def _isqrt(v: Fraction) -> Fraction:
    from math import isqrt

    return Fraction(isqrt(v.numerator), isqrt(v.denominator))


def _n(v: Fraction) -> Expr:
    return number(v)


def _odd(alpha: Fraction, beta: Fraction, p: Fraction, q: Fraction, disc: Fraction,
         x: Symbol) -> Expr:
    """∫ x*(α x^2 + β)/(x^4 + p x^2 + q) dx = 1/2 ∫ (α u + β)/(u^2 + p u + q) du, u = x^2."""
    u = power(x, 2)
    if disc < 0:
        w = sqrt(_n(-disc))
        return add(mul(_n(alpha / 4), log(add(power(x, 4), mul(_n(p), u), _n(q)))),
                   mul(_n(beta - alpha * p / 2), power(w, MINUS_ONE),
                       atan(mul(add(mul(2, u), _n(p)), power(w, MINUS_ONE)))))
    rd = sqrt(_n(disc))
    u1 = mul(_n(Fraction(1, 2)), add(_n(-p), rd))
    u2 = mul(_n(Fraction(1, 2)), add(_n(-p), mul(MINUS_ONE, rd)))
    # (α u + β)/((u - u1)(u - u2)) = [(α u1 + β)/(u - u1) - (α u2 + β)/(u - u2)]/(u1 - u2)
    c1 = add(mul(_n(alpha), u1), _n(beta))
    c2 = add(mul(_n(alpha), u2), _n(beta))
    inv = power(mul(2, rd), MINUS_ONE)     # 1/(2 (u1 - u2))
    return mul(inv, add(mul(c1, log(add(u, mul(MINUS_ONE, u1)))),
                        mul(MINUS_ONE, c2, log(add(u, mul(MINUS_ONE, u2))))))


def _inv_sq(u: Expr, positive: bool, x: Symbol) -> Expr:
    """∫ 1/(x^2 - u) dx for a real constant u ≠ 0 of the given sign."""
    if positive:
        r = sqrt(u)
        return mul(MINUS_ONE, power(r, MINUS_ONE), atanh(mul(x, power(r, MINUS_ONE))))
    r = sqrt(mul(MINUS_ONE, u))
    return mul(power(r, MINUS_ONE), atan(mul(x, power(r, MINUS_ONE))))


def _even(gamma: Fraction, delta: Fraction, p: Fraction, q: Fraction, disc: Fraction,
          x: Symbol) -> Expr:
    """∫ (γ x^2 + δ)/(x^4 + p x^2 + q) dx."""
    import math

    if disc > 0:
        rd = sqrt(_n(disc))
        fd = math.sqrt(disc)
        u1 = mul(_n(Fraction(1, 2)), add(_n(-p), rd))
        u2 = mul(_n(Fraction(1, 2)), add(_n(-p), mul(MINUS_ONE, rd)))
        c1 = add(mul(_n(gamma), u1), _n(delta))
        c2 = add(mul(_n(gamma), u2), _n(delta))
        inv = power(rd, MINUS_ONE)
        # sign of u1,2 = (-p ± sqrt(Δ))/2: neither is 0 since q ≠ 0
        return mul(inv, add(mul(c1, _inv_sq(u1, -float(p) + fd > 0, x)),
                            mul(MINUS_ONE, c2, _inv_sq(u2, -float(p) - fd > 0, x))))
    r = sqrt(_n(q))
    s = sqrt(add(mul(2, r), _n(-p)))
    kappa = sqrt(add(mul(2, r), _n(p)))
    K = mul(add(_n(delta), mul(_n(-gamma), r)), power(mul(2, r), MINUS_ONE))
    qp = add(power(x, 2), mul(s, x), r)
    qm = add(power(x, 2), mul(MINUS_ONE, s, x), r)
    at = mul(add(_n(gamma), K), power(kappa, MINUS_ONE),
             add(atan(mul(add(mul(2, x), s), power(kappa, MINUS_ONE))),
                 atan(mul(add(mul(2, x), mul(MINUS_ONE, s)), power(kappa, MINUS_ONE)))))
    lg = mul(K, power(mul(2, s), MINUS_ONE), add(log(qp), mul(MINUS_ONE, log(qm))))
    return add(lg, at)


__all__ = ["biquadratic_method", "integrate_biquadratic"]
