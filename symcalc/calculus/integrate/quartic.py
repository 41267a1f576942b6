"""The log part of ∫ A/D over irreducible quartic factors of D, by Ferrari's method.

When the Rothstein–Trager resultant has a factor of degree 4 (∫ 1/(x^4 + 1),
∫ 1/(x^4 + x^3 + x^2 + x + 1)), the denominator is split over Q into irreducible
factors by partial fractions; a quartic factor whose resolvent cubic
8m^3 - 4P m^2 - 8R m + 4PR - Q^2 has a rational root m with k = 2m - P > 0 factors
over Q(sqrt(k)) into two real quadratics (Ferrari: y^4 + P y^2 + Q y + R =
(y^2 + m)^2 - k (y - Q/(2k))^2), and each quadratic gives a logarithm and an arctangent
(or an inverse hyperbolic tangent).

>>> from symcalc import symbols
>>> from symcalc.algebra.poly import Poly
>>> x = symbols("x")
>>> quartic_log_part(Poly.from_expr(1, [x]), Poly.from_expr(x**4 + 1, [x]), x)
sqrt(2)*atan(sqrt(2)*x - 1)/4 + sqrt(2)*atan(sqrt(2)*x + 1)/4
 - sqrt(2)*log(x^2 - sqrt(2)*x + 1)/8 + sqrt(2)*log(x^2 + sqrt(2)*x + 1)/8
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.functions import atan, atanh, log, sqrt
from ...core.numbers import MINUS_ONE, number
from ...core.symbol import Symbol
from ...errors import SymcalcError

if TYPE_CHECKING:  # pragma: no cover
    from ...algebra.poly import Poly

QElt = tuple[Fraction, Fraction]   # r + s*sqrt(d)


def quartic_log_part(A: Poly, D: Poly, x: Symbol) -> Expr | None:
    """∫ A/D dx for square-free D and deg A < deg D, through the Q-irreducible factors of
    D (those of degree <= 2 by Lazard–Rioboo–Trager, quartics by Ferrari); or None."""
    from ...algebra.factor import factor_list
    from .rational import ext_euclid, log_part

    try:
        _, facs = factor_list(D)
    except (SymcalcError, ArithmeticError):
        return None
    factors = [f for f, _ in facs if f.degree() > 0]
    if not any(f.degree() == 4 for f in factors):
        return None
    out = []
    rest = D
    for i, f in enumerate(factors):
        if i == len(factors) - 1:
            Ai, Di = A, rest
        else:
            other = rest.exquo(f)
            s, t = ext_euclid(other, f, A)   # s*other + t*f = A: A/rest = s/f + t/other
            Ai, Di, A, rest = s, f, t, other
        if Ai.is_zero:
            continue
        term = _ferrari(Ai, Di, x) if Di.degree() == 4 else log_part(Ai, Di, x)
        if term is None:
            return None
        out.append(term)
    return add(*out)


def _mul(a: QElt, b: QElt, d: int) -> QElt:
    return (a[0] * b[0] + a[1] * b[1] * d, a[0] * b[1] + a[1] * b[0])


def _inv(a: QElt, d: int) -> QElt:
    n = a[0] * a[0] - a[1] * a[1] * d
    return (a[0] / n, -a[1] / n)


def _sub(a: QElt, b: QElt) -> QElt:
    return (a[0] - b[0], a[1] - b[1])


def _solve(M: list[list[QElt]], rhs: list[QElt], d: int) -> list[QElt] | None:
    """Gaussian elimination over Q(sqrt(d))."""
    n = len(M)
    rows = [list(M[i]) + [rhs[i]] for i in range(n)]
    for c in range(n):
        piv = next((r for r in range(c, n) if rows[r][c] != (0, 0)), None)
        if piv is None:
            return None
        rows[c], rows[piv] = rows[piv], rows[c]
        inv = _inv(rows[c][c], d)
        rows[c] = [_mul(v, inv, d) for v in rows[c]]
        for r in range(n):
            if r != c and rows[r][c] != (0, 0):
                k = rows[r][c]
                rows[r] = [_sub(v, _mul(k, w, d)) for v, w in zip(rows[r], rows[c], strict=True)]
    return [rows[i][n] for i in range(n)]


def _squarefree_split(k: Fraction) -> tuple[Fraction, int]:
    """(c, d) with sqrt(k) = c*sqrt(d), d a square-free positive integer."""
    n = k.numerator * k.denominator
    c, d = 1, 1
    f = 2
    while f * f <= n:
        while n % (f * f) == 0:
            n //= f * f
            c *= f
        if n % f == 0:
            n //= f
            d *= f
        f += 1
    d *= n
    return Fraction(c, k.denominator), d


def _rational_roots(coeffs: list[Fraction]) -> list[Fraction]:
    """Rational roots of the polynomial with these coefficients (highest first)."""
    from ...algebra.factor import factor_list
    from ...algebra.poly import Poly

    m = Symbol("m_ferrari")
    p = Poly.from_list(coeffs, m)
    _, facs = factor_list(p)
    roots = []
    for f, _ in facs:
        if f.degree() == 1:
            roots.append(-Fraction(f.coeff_monom((0,))) / Fraction(f.coeff_monom((1,))))
    return sorted(roots)


def _ferrari(A: Poly, D: Poly, x: Symbol) -> Expr | None:
    lc = Fraction(D.leading_coeff())
    a = [Fraction(D.coeff_monom((i,))) / lc for i in range(5)]
    num = [Fraction(A.coeff_monom((i,))) / lc for i in range(4)]
    a0, a1, a2, a3 = a[0], a[1], a[2], a[3]
    P = a2 - 3 * a3 ** 2 / 8
    Q = a1 - a2 * a3 / 2 + a3 ** 3 / 8
    R = a0 - a1 * a3 / 4 + a2 * a3 ** 2 / 16 - 3 * a3 ** 4 / 256
    s = a3 / 4   # x = y - s
    for m in _rational_roots([Fraction(8), -4 * P, -8 * R, 4 * P * R - Q * Q]):
        k = 2 * m - P
        if k <= 0:
            continue
        c, d = _squarefree_split(k)
        rk: QElt = (Fraction(0), c) if d != 1 else (c, Fraction(0))
        dd = d if d != 1 else 0
        # y^2 -+ sqrt(k) y + (m +- Q/(2 sqrt(k))) with Q/(2 sqrt k) = Q sqrt(k)/(2k)
        h = _mul(rk, (Q / (2 * k), Fraction(0)), dd)
        quads = []
        for sg in (1, -1):
            beta = (-sg * rk[0], -sg * rk[1])
            gamma = (m + sg * h[0], sg * h[1])
            # back to x: y = x + s
            p_ = (2 * s + beta[0], beta[1])
            q_ = (s * s + beta[0] * s + gamma[0], beta[1] * s + gamma[1])
            quads.append((p_, q_))
        (p1, q1), (p2, q2) = quads
        one, zero = (Fraction(1), Fraction(0)), (Fraction(0), Fraction(0))
        # A = (a1 x + b1) Q2 + (a2 x + b2) Q1, coefficients of x^0..x^3
        cols = [[zero, q2, p2, one], [q2, p2, one, zero], [zero, q1, p1, one],
                [q1, p1, one, zero]]
        M = [[cols[j][i] for j in range(4)] for i in range(4)]
        sol = _solve(M, [(c_, Fraction(0)) for c_ in num], dd)
        if sol is None:
            continue
        al1, be1, al2, be2 = sol
        return add(_term(al1, be1, p1, q1, d, x), _term(al2, be2, p2, q2, d, x))
    return None


def _expr(v: QElt, d: int) -> Expr:
    if d == 1 or v[1] == 0:
        return number(v[0] + (v[1] if d == 1 else 0))
    return add(number(v[0]), mul(number(v[1]), sqrt(number(d))))


def _smaller(a: Expr, b: Expr) -> Expr:
    return b if b.count_ops() < a.count_ops() else a


def _term(al: QElt, be: QElt, p: QElt, q: QElt, d: int, x: Symbol) -> Expr:
    """∫ (al*x + be)/(x^2 + p*x + q) dx."""
    dd = d if d != 1 else 0
    half = Fraction(1, 2)
    quad = expand(add(mul(x, x), mul(_expr(p, d), x), _expr(q, d)))
    out = [mul(_expr((al[0] * half, al[1] * half), d), log(quad))]
    # be - al*p/2 over (x + p/2)^2 + delta, delta = q - p^2/4
    cst = _sub(be, _mul(al, (p[0] * half, p[1] * half), dd))
    pp = _mul(p, p, dd)
    delta = (q[0] - pp[0] / 4, q[1] - pp[1] / 4)
    dv = float(delta[0]) + float(delta[1]) * math.sqrt(d)
    if cst != (0, 0) and dv != 0:
        shift = add(x, _expr((p[0] * half, p[1] * half), d))
        if dv > 0:
            r = sqrt(_expr(delta, d))
            arg = _smaller(expand(mul(shift, power(r, MINUS_ONE))),
                           mul(add(mul(2, x), _expr(p, d)),
                               power(sqrt(_expr((4 * delta[0], 4 * delta[1]), d)), MINUS_ONE)))
            out.append(mul(_expr(cst, d), power(r, MINUS_ONE), atan(arg)))
        else:
            r = sqrt(_expr((-delta[0], -delta[1]), d))
            arg = expand(mul(shift, power(r, MINUS_ONE)))
            out.append(mul(MINUS_ONE, _expr(cst, d), power(r, MINUS_ONE), atanh(arg)))
    return add(*out)


__all__ = ["quartic_log_part"]
