"""∫ P(x)/(a*x^n + c) dx through the n-th roots of -c/a, in real form.

The denominator x^n + C (C = c/a = σ*r^n, σ = ±1, r > 0 a number or a product of
powers of symbols whose exponents are multiples of n) has the simple roots
z_k = r*exp(i*θ_k), θ_k = (2k + 1)π/n (σ = +1) or 2kπ/n (σ = -1), and

    x^m/(x^n + C) = -1/(n*C) * Σ_k z_k^(m+1)/(x - z_k)        (0 <= m < n).

A real root gives a logarithm; a pair of conjugate roots r*exp(±iθ) gives, with
w = -z^(m+1)/(n*C),

    Re(w)*log(x^2 - 2*r*cos(θ)*x + r^2) - 2*Im(w)*atan((x - r*cos(θ))/(r*sin(θ))),

real and continuous on the real line. The values cos(jπ/n) are written with radicals
where they are (n with only the prime factors 2, 3, 5, by half angles from the known
ones); otherwise they stay as cos(jπ/n), an exact real constant. This handles what the
Lazard–Rioboo–Trager log part over Q(sqrt(δ)) does not: ∫ 1/(x^3 - 2), ∫ 1/(x^8 + 1),
∫ x^2/(a^5 + x^5).

>>> from symcalc import symbols
>>> x = symbols("x")
>>> integrate_binomial(1/(x**4 - 4), x)
-sqrt(2)*atan(sqrt(2)*x/2)/8 - sqrt(2)*atanh(sqrt(2)*x/2)/8
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.functions import atan, atanh, cos, log, sqrt
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from ...errors import SymcalcError
from .steps import Step, leaf

if TYPE_CHECKING:  # pragma: no cover
    from ...algebra.poly import Poly
    from .engine import Context

#: Largest degree n of the binomial denominator handled.
MAX_DEGREE = 24


def binomial_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ P(x)/(a*x^n + c) dx by the n-th roots of unity (see the module docstring)."""
    F = integrate_binomial(e, x)
    if F is None:
        return None
    return leaf("binomial denominator (roots of unity)", e, x, F)


# --------------------------------------------------------------------------- exact cos(qπ)


def _pi(q: Fraction) -> Expr:
    from ...core.numbers import pi

    return mul(number(q), pi)


def cos_pi(q: Fraction) -> Expr:
    """cos(q*π), with radicals where the registry or a half angle gives them."""
    q = q % 2
    if q > 1:
        q = 2 - q
    if q > Fraction(1, 2):
        return mul(MINUS_ONE, cos_pi(1 - q))
    v = cos(_pi(q))
    if not _is_cos(v):
        return v
    if q == Fraction(1, 5):
        return mul(number(Fraction(1, 4)), add(1, sqrt(number(5))))
    if q == Fraction(2, 5):
        return mul(number(Fraction(1, 4)), add(sqrt(number(5)), -1))
    if q.denominator % 2 == 0:
        c2 = cos_pi(2 * q)
        if not _has_cos(c2):
            return sqrt(mul(number(Fraction(1, 2)), add(1, c2)))
    return v


def sin_pi(q: Fraction) -> Expr:
    """sin(q*π) = cos((1/2 - q)*π)."""
    return cos_pi(Fraction(1, 2) - q)


def _is_cos(v: Expr) -> bool:
    return v.is_Function and getattr(v, "name", None) == "cos" or _has_cos(v)


def _has_cos(v: Expr) -> bool:
    return any(n.is_Function and getattr(n, "name", None) in ("cos", "sin")
               for n in v.preorder())


# --------------------------------------------------------------------------- the method


def _root_of(C: Expr, n: int, x: Symbol) -> tuple[int, Expr] | None:
    """(σ, r) with C = σ*r^n: r a positive number, or a product of powers of expressions
    free of x with exponents that are multiples of n (times a positive number)."""
    from ...core.assumptions import is_positive

    k = Fraction(1)
    rest: list[Expr] = []
    for f in (C.args if C.is_Mul else (C,)):
        if f.is_Number:
            if isinstance(f.value, float):
                return None
            k *= Fraction(f.value)
            continue
        if f.is_Pow and f.args[1].is_Number and isinstance(f.args[1].value, int) \
                and f.args[1].value % n == 0:
            rest.append(power(f.args[0], number(f.args[1].value // n)))
            continue
        if is_positive(f) and not _has_x(f, x):
            rest.append(power(f, number(Fraction(1, n))))
            continue
        return None
    if k == 0:
        return None
    sigma = 1 if k > 0 else -1
    r = mul(power(number(abs(k)), number(Fraction(1, n))), *rest)
    return sigma, r


def _has_x(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def integrate_binomial(e: Expr, x: Symbol) -> Expr | None:
    """∫ e dx for e = P(x)/(a*x^n + c), n >= 3, or None."""
    from ...algebra.rational import numer_denom, together
    from .radicals import poly_coeffs

    try:
        num, den = numer_denom(together(e))
    except (SymcalcError, ArithmeticError):
        return None
    dc = poly_coeffs(den, x)
    nc = poly_coeffs(num, x)
    if dc is None or nc is None:
        return None
    n = len(dc) - 1
    if n < 3 or n > MAX_DEGREE or dc[0] is ZERO or any(c is not ZERO for c in dc[1:n]):
        return None
    lead = dc[n]
    if any(_has_x(c, x) for c in (*dc, *nc)):
        return None
    try:
        C = _simp(mul(dc[0], power(lead, MINUS_ONE)))
        sr = _root_of(C, n, x)
        if sr is None:
            return None
        sigma, r = sr
        # P/(lead*(x^n + C)): reduce x^m (m >= n) by x^n = (x^n + C) - C
        coeffs = [mul(c, power(lead, MINUS_ONE)) for c in nc]
        poly = [ZERO] * max(len(coeffs) - n, 0)
        for m in range(len(coeffs) - 1, n - 1, -1):
            c = coeffs[m]
            if c is ZERO:
                continue
            poly[m - n] = add(poly[m - n], c)
            coeffs[m - n] = add(coeffs[m - n], mul(MINUS_ONE, C, c))
            coeffs[m] = ZERO
        terms = [mul(c, power(x, number(i + 1)), number(Fraction(1, i + 1)))
                 for i, c in enumerate(poly) if c is not ZERO]
        for m in range(min(n, len(coeffs))):
            c = _simp(coeffs[m])
            if c is ZERO:
                continue
            mono = _monomial(m, n, sigma, r, x)
            terms.extend(mul(c, t) for t in (mono.args if mono.is_Add else (mono,)))
        return _collect(terms, x)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None


def _collect(terms: list[Expr], x: Symbol) -> Expr:
    """Terms c*g(x) with the same transcendental factor g (a log, atan or atanh)
    gathered: Σ c_i*g = (Σ c_i)*g."""
    groups: dict[Expr, list[Expr]] = {}
    order: list[Expr] = []
    for t in terms:
        fs = t.args if t.is_Mul else (t,)
        g = [f for f in fs if _has_x(f, x)]
        key = mul(*g)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(mul(*(f for f in fs if not _has_x(f, x))))
    return add(*(mul(_simp(add(*groups[k])), k) for k in order))


def _simp(e: Expr) -> Expr:
    from .radicals import _simp as simp

    return simp(e)


def _monomial(m: int, n: int, sigma: int, r: Expr, x: Symbol) -> Expr:
    """∫ x^m/(x^n + σ*r^n) dx, 0 <= m < n."""
    scale = mul(number(Fraction(-sigma, n)), power(r, number(m + 1 - n)))   # w = scale*ζ^(m+1)
    off = Fraction(1, n) if sigma > 0 else Fraction(0)
    out: list[Expr] = []
    real: list[tuple[int, Expr]] = []   # (±1 for the root ±r, residue)
    for k in range(n):
        th = off + Fraction(2 * k, n)        # θ/π in [0, 2)
        if th == 0 or th == 1:
            s = 1 if th == 0 else -1
            real.append((s, mul(scale, number(s ** (m + 1)))))
        elif th < 1:
            re_w = mul(scale, cos_pi((m + 1) * th))
            im_w = mul(scale, sin_pi((m + 1) * th))
            c, s = cos_pi(th), sin_pi(th)
            quad = add(power(x, 2), mul(-2, r, c, x), power(r, 2))
            out.append(mul(re_w, log(quad)))
            out.append(mul(-2, im_w, atan(mul(add(x, mul(MINUS_ONE, r, c)),
                                              power(mul(r, s), MINUS_ONE)))))
    if len(real) == 2:
        (_, c1), (_, c2) = real                 # roots r and -r
        if _simp(add(c1, c2)) is ZERO:          # c1*(log(x - r) - log(x + r))
            out.append(mul(-2, c1, atanh(mul(x, power(r, MINUS_ONE)))))
        elif _simp(add(c1, mul(MINUS_ONE, c2))) is ZERO:
            out.append(mul(c1, log(add(power(x, 2), mul(MINUS_ONE, power(r, 2))))))
        else:
            out.append(mul(c1, log(add(x, mul(MINUS_ONE, r)))))
            out.append(mul(c2, log(add(x, r))))
    else:
        for s, c in real:
            out.append(mul(c, log(add(x, mul(-s, r)))))
    return add(*out)




def factor_log_part(A: Poly, D: Poly, x: Symbol) -> Expr | None:
    """∫ A/D dx for square-free D over Q and deg A < deg D, through the Q-irreducible
    factors of D: each by Lazard–Rioboo–Trager, Ferrari (quartics), the roots of unity
    (binomials) or the biquadratic formula; None when one factor has none of these."""
    from ...algebra.factor import factor_list
    from .biquadratic import integrate_biquadratic
    from .quartic import _ferrari
    from .rational import ext_euclid, log_part

    try:
        _, facs = factor_list(D)
    except (SymcalcError, ArithmeticError):
        return None
    factors = [f for f, _ in facs if f.degree() > 0]
    if len(factors) > 12:
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
        term = log_part(Ai, Di, x)
        if term is None and Di.degree() == 4:
            term = _ferrari(Ai, Di, x)
        if term is None:
            quot = mul(Ai.as_expr(), power(Di.as_expr(), MINUS_ONE))
            term = integrate_binomial(quot, x)
            if term is None:
                term = integrate_biquadratic(quot, x)
        if term is None:
            return None
        out.append(term)
    return add(*out)


__all__ = ["binomial_method", "cos_pi", "factor_log_part", "integrate_binomial", "sin_pi"]
