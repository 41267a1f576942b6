"""∫ (a + b*x)^m (c + d*x)^n dx with m + n an integer (m, n not integers).

m + n >= -1 is reduced to m + n = -1 and a rational function (:func:`_reduced`); the
case m + n = -k <= -2 is a polynomial in w:

With w = (a + b*x)/(c + d*x), dw = (b*c - a*d)/(c + d*x)^2 dx and
c + d*x = (a*d - b*c)/(d*w - b), so that

    (a + b*x)^m (c + d*x)^n dx = w^m (c + d*x)^(2-k) dw/(b*c - a*d)
                                = w^m (d*w - b)^(k-2) dw/((b*c - a*d) (a*d - b*c)^(k-2)),

a polynomial times w^m: the power rule, term by term; then w^p = (a + b*x)^p/(c + d*x)^p
(equal where a + b*x and c + d*x have the same sign, which is where the integrand is real).

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("1/((a + b*x)^(4/3)*(c + d*x)^(2/3))"), x)
3*(c + d*x)^(1/3)/((a + b*x)^(1/3)*(a*d - b*c))
"""

from __future__ import annotations

from fractions import Fraction
from math import comb
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: the largest k taken on (the polynomial has k - 1 terms)
MAX_K = 12


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _linear_pair(A: Expr, C: Expr, x: Symbol) -> tuple[Expr, ...] | None:
    """(a, b, c, d, b*c - a*d) for A = a + b*x, C = c + d*x with b*c - a*d not zero."""
    from ...algebra.factor_expr import factor
    from ...errors import SymcalcError
    from .radicals import poly_coeffs

    ac, cc = poly_coeffs(A, x), poly_coeffs(C, x)
    if ac is None or cc is None or len(ac) != 2 or len(cc) != 2:
        return None
    (a, b), (c, d) = ac, cc
    bcad = add(mul(b, c), mul(MINUS_ONE, a, d))
    try:
        if factor(bcad) is ZERO:
            return None
    except (SymcalcError, ArithmeticError):
        return None
    return a, b, c, d, bcad


def linear_ratio_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ c0*(a + b*x)^m (c + d*x)^n with m + n an integer: see the module docstring."""
    if not e.is_Mul:
        return None
    const, pows = [], []
    for f in e.args:
        if not _has(f, x):
            const.append(f)
        elif f.is_Pow and f.args[1].is_Number and isinstance(f.args[1].value, Fraction) \
                and f.args[1].value.denominator != 1:
            pows.append(f)
        else:
            return None
    if len(pows) != 2:
        return None
    (A, m), (C, n) = ((p.args[0], p.args[1].value) for p in pows)
    s = m + n
    if s.denominator != 1 or -s > MAX_K:
        return None
    if s > -2:
        return _reduced(e, x, const, A, m, C, n, ctx)
    k = -int(s)
    lin = _linear_pair(A, C, x)
    if lin is None:
        return None
    a, b, c, d, bcad = lin
    det = mul(MINUS_ONE, bcad)                              # a*d - b*c
    ctx.check()
    # ∫ w^m (d w - b)^(k-2) dw = Σ_j C(k-2, j) d^j (-b)^(k-2-j) w^(m+j+1)/(m+j+1)
    terms = []
    for j in range(k - 1):
        p = m + j + 1
        if p == 0:
            return None      # a logarithm of w: not this method's form
        wp = mul(power(A, number(p)), power(C, number(-p)))
        terms.append(mul(number(comb(k - 2, j)), power(d, number(j)),
                         power(mul(MINUS_ONE, b), number(k - 2 - j)), wp,
                         power(number(p), MINUS_ONE)))
    F = mul(*const, MINUS_ONE, power(det, number(1 - k)), add(*terms))
    return Step("substitution", e, x, F, (), f"w = ({A})/({C})")


def _reduced(e: Expr, x: Symbol, const: list[Expr], A: Expr, m: Fraction, C: Expr,
             n: Fraction, ctx: Context) -> Step | None:
    """m + n = s >= -1: s + 1 steps of the reduction

        ∫ A^m C^n = A^(m+1) C^n/(b (m+n+1)) + n (b*c - a*d)/(b (m+n+1)) ∫ A^m C^(n-1)

    (differentiate A^(m+1) C^n and write d*A = b*C - (b*c - a*d)) bring the sum of the
    exponents to -1; there, w = A/C = t^q (q the exponents' denominator) gives
    ∫ A^m C^(-1-m) dx = -∫ w^m/(d w - b) dw = -q ∫ t^(q m + q - 1)/(d t^q - b) dt,
    a rational function of t."""
    if m + n + 1 > MAX_K or m.denominator == 2:
        return None     # square roots: the methods for sqrt of a quadratic answer better
    if n < m:   # lower the larger exponent
        A, m, C, n = C, n, A, m
    lin = _linear_pair(A, C, x)
    if lin is None:
        return None
    a, b, c, d, bcad = lin
    terms: list[Expr] = []
    coef: Expr = number(1)
    while m + n > -1:
        ctx.check()
        k = number(m + n + 1)
        terms.append(mul(coef, power(A, number(m + 1)), power(C, number(n)),
                         power(mul(b, k), MINUS_ONE)))
        coef = mul(coef, number(n), bcad, power(mul(b, k), MINUS_ONE))
        n -= 1
    q = m.denominator
    t = ctx.dummy(e, x)
    R = mul(number(-q), power(t, number(m.numerator + q - 1)),
            power(add(mul(d, power(t, number(q))), mul(MINUS_ONE, b)), MINUS_ONE))
    st = ctx.integrate(R, t)
    if st is None:
        return None
    from ...core.traversal import subs

    back = mul(power(A, number(Fraction(1, q))), power(C, number(Fraction(-1, q))))
    terms.append(mul(coef, subs(st.result, {t: back})))
    F = mul(*const, add(*terms))
    return Step("substitution", e, x, F, (st,), f"w = ({A})/({C}) = {t}^{q}")


__all__ = ["linear_ratio_method"]
