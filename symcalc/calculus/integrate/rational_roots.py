"""The log part of a rational function over Q whose square-free denominator has
irreducible factors of degree ≥ 3: residues at their roots (in radicals for cubics,
by Cardano; as ``RootOf`` numbers beyond), in real form.

After Hermite reduction the rest is ∫ A/D with D square-free. Over the irreducible
factors D_j of D (degree ≤ 3 here), A/D = Σ A_j/D_j with A_j = A*(D/D_j)^(-1) mod D_j.
Factors of degree ≤ 2 go to the Lazard–Rioboo–Trager log part of :mod:`.rational`. For
a cubic D_j = l*(y^3 + p*y + q), y = x + s, the residues are A_j(r)/D_j'(r) at its
roots r, and

- one real root r1 and a pair α ± iβ (4p^3 + 27q^2 > 0, Cardano with real cube roots):
  c1*log(x - r1) + Re(c)*log((x - α)^2 + β^2) - 2*Im(c)*atan((x - α)/β),
  c = A_j(α + iβ)/D_j'(α + iβ) computed on pairs (real part, imaginary part);
- three real roots (4p^3 + 27q^2 < 0, the trigonometric form
  r_k = 2*sqrt(-p/3)*cos(acos(3q/(2p)*sqrt(-3/p))/3 - 2πk/3) - s): Σ c_k*log(x - r_k).

For a factor of degree ≥ 4 that no other method splits (the last resort, in place of
a RootSum), the same sums run over its roots written ``RootOf(coefficients, k)`` (exact
algebraic numbers, :mod:`symcalc.core.rootof`): a real root r gives c*log(x - r), a pair
ρ, conj(ρ) with im(ρ) > 0 gives re(c)*log((x - re(ρ))^2 + im(ρ)^2) -
2*im(c)*atan((x - re(ρ))/im(ρ)), c = A_j(ρ)/D_j'(ρ).

These answers are real and continuous on every interval without a pole; the driver
checks them by differentiation.

>>> from symcalc import symbols
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> F = integrate(1/(x**3 + x + 1), x)
>>> "atan" in str(F) and "log" in str(F)
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.functions import acos, atan, cos, log, sqrt
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...errors import SymcalcError

if TYPE_CHECKING:  # pragma: no cover
    from ...algebra.poly import Poly
    from .engine import Context
    from .steps import Step

Pair = tuple[Expr, Expr]

#: Factors up to this degree are written with RootOf (one evaluation of its roots each).
MAX_ROOTOF_DEGREE = 12


def rational_roots_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """The rational method with the residues at the roots of factors of degree ≥ 3:
    the last method for rational functions over Q (every one has an answer)."""
    from .rational import integrate_rational
    from .steps import leaf

    F = integrate_rational(e, x, roots=True)
    if F is None:
        return None
    return leaf("rational function (residues at the roots of the irreducible factors)",
                e, x, F)


def cubic_log_part(A: Poly, D: Poly, x: Symbol) -> Expr | None:
    """∫ A/D dx for D square-free over Q with irreducible factors of degree ≤ 3."""
    from ...algebra.factor import factor_list
    from ...algebra.gcd import gcdex
    from .rational import log_part

    try:
        _, facs = factor_list(D)
    except (SymcalcError, ArithmeticError):
        return None
    if not facs or any(m != 1 for _f, m in facs) or \
            any(f.degree() > MAX_ROOTOF_DEGREE for f, _m in facs):
        return None
    if all(f.degree() < 3 for f, _m in facs):
        return None
    out = []
    for f, _m in facs:
        E = D.exquo(f)
        s, _t, g = gcdex(E, f)
        if not g.is_constant:
            return None
        Aj = (A * s).div(f)[1]
        Aj = Aj.mul_scalar(1 / Fraction(g.leading_coeff()))
        if Aj.is_zero:
            continue
        if f.degree() <= 2:
            if f.degree() == 1:
                c = Fraction(Aj.leading_coeff()) / Fraction(f.leading_coeff())
                from .rational import _primitive_expr

                out.append(mul(number(c), log(_primitive_expr(f))))
                continue
            t = log_part(Aj, f, x)
            if t is None:
                return None
            out.append(t)
            continue
        t = _cubic(Aj, f, x) if f.degree() == 3 else _rootof(Aj, f, x)
        if t is None:
            return None
        out.append(t)
    return add(*out)


def _coeffs(p: Poly) -> list[Fraction]:
    n = p.degree()
    return [Fraction(p.coeff_monom((i,))) for i in range(n + 1)]


def _real_cbrt(w: Expr) -> Expr:
    v = complex(w.evalf())
    if v.real < 0:
        return mul(MINUS_ONE, power(mul(MINUS_ONE, w), number(Fraction(1, 3))))
    return power(w, number(Fraction(1, 3)))


def _horner(cs: list[Fraction], z: Pair) -> Pair:
    """The polynomial with coefficients cs (lowest first) at z = (re, im)."""
    re, im = ZERO, ZERO
    for c in reversed(cs):
        re, im = (add(mul(re, z[0]), mul(MINUS_ONE, im, z[1]), number(c)),
                  add(mul(re, z[1]), mul(im, z[0])))
    return re, im


def _cubic(A: Poly, f: Poly, x: Symbol) -> Expr | None:
    a0, a1, a2, a3 = _coeffs(f)
    # y^3 + p*y + q with x = y - s
    b, c, d = a2 / a3, a1 / a3, a0 / a3
    s = b / 3
    p = c - b * b / 3
    q = 2 * b ** 3 / 27 - b * c / 3 + d
    disc = 4 * p ** 3 + 27 * q * q
    ac = _coeffs(A)
    fp = _coeffs(f.diff())
    shift = number(s)
    if disc > 0:   # one real root, a complex pair
        h = sqrt(number(q * q / 4 + p ** 3 / 27))
        u = _real_cbrt(add(number(-q / 2), h))
        v = _real_cbrt(add(number(-q / 2), mul(MINUS_ONE, h)))
        r1 = add(u, v, mul(MINUS_ONE, shift))
        alpha = add(mul(number(Fraction(-1, 2)), add(u, v)), mul(MINUS_ONE, shift))
        beta = mul(sqrt(number(3)), number(Fraction(1, 2)), add(u, mul(MINUS_ONE, v)))
        c1 = mul(_horner(ac, (r1, ZERO))[0], power(_horner(fp, (r1, ZERO))[0], MINUS_ONE))
        nr, ni = _horner(ac, (alpha, beta))
        dr, di = _horner(fp, (alpha, beta))
        den = power(add(mul(dr, dr), mul(di, di)), MINUS_ONE)
        cre = mul(add(mul(nr, dr), mul(ni, di)), den)
        cim = mul(add(mul(ni, dr), mul(MINUS_ONE, nr, di)), den)
        xa = add(x, mul(MINUS_ONE, alpha))
        return add(mul(c1, log(add(x, mul(MINUS_ONE, r1)))),
                   mul(cre, log(add(mul(xa, xa), mul(beta, beta)))),
                   mul(-2, cim, atan(mul(xa, power(beta, MINUS_ONE)))))
    if disc < 0:   # three real roots
        from ...core.numbers import pi

        m = mul(2, sqrt(number(-p / 3)))
        theta = mul(number(Fraction(1, 3)),
                    acos(mul(number(3 * q / (2 * p)), sqrt(number(-3 / p)))))
        out = []
        for k in range(3):
            r = add(mul(m, cos(add(theta, mul(number(Fraction(-2 * k, 3)), pi)))),
                    mul(MINUS_ONE, shift))
            ck = mul(_horner(ac, (r, ZERO))[0], power(_horner(fp, (r, ZERO))[0], MINUS_ONE))
            out.append(mul(ck, log(add(x, mul(MINUS_ONE, r)))))
        return add(*out)
    return None


def _rootof(A: Poly, f: Poly, x: Symbol) -> Expr | None:
    """Σ over the roots ρ of the irreducible f of A(ρ)/f'(ρ)*log(x - ρ), in real form."""
    from ...core.complexfns import im, re
    from ...core.rootof import RootOf

    cs = _coeffs(f)
    den = 1
    for c in cs:
        den = den * c.denominator // _gcd(den, c.denominator)
    ints = [int(c * den) for c in reversed(cs)]   # highest first
    if ints[0] < 0:
        ints = [-c for c in ints]
    ac, fp = _coeffs(A), _coeffs(f.diff())
    out = []
    for k in range(len(ints) - 1):
        rho = RootOf(*(number(c) for c in ints), number(k))
        v = complex(rho.evalf())
        c = mul(_horner(ac, (rho, ZERO))[0], power(_horner(fp, (rho, ZERO))[0], MINUS_ONE))
        if v.imag == 0:
            out.append(mul(c, log(add(x, mul(MINUS_ONE, rho)))))
            continue
        if v.imag < 0:   # its conjugate gives the pair
            continue
        alpha, beta = re(rho), im(rho)
        xa = add(x, mul(MINUS_ONE, alpha))
        out.append(add(mul(re(c), log(add(mul(xa, xa), mul(beta, beta)))),
                       mul(-2, im(c), atan(mul(xa, power(beta, MINUS_ONE))))))
    return add(*out)


def _gcd(a: int, b: int) -> int:
    import math

    return math.gcd(a, b)


__all__ = ["cubic_log_part", "rational_roots_method"]
