"""Rational functions with parameters whose denominator becomes numeric under x = r*t.

∫ P(x)/D(x) dx where the factors of D are binomials A + B*x^m (m >= 3) and monomials
x^k, A and B free of x with parameters: the scaling x = r*t with r^m = Ā/B̄ (Ā, B̄ the
parameter parts of A and B, without their numeric content) turns every factor into a
parameter factor times a polynomial in t with numeric coefficients,

    A + B*x^m = Ā*(α + β*t^m),      A = α*Ā, B = β*B̄,

so that ∫ x^j/D(x) dx = r^(j+1)/λ ∫ t^j/N(t) dt with N numeric: the partial fractions over
the numbers (and their algebraic roots) that the rational method already does, then
t = x/r. The parameter part of r is written as powers of the parameters, a^(1/3)/b^(1/3),
as integration tables write it: (a^(1/m))^m = a for every a, so the answer is an
antiderivative for every nonzero A and B; it is real where Ā/B̄ > 0 (positive parameters).

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("1/(a + b*x^3)"), x)
(2*log(a^(1/3) + b^(1/3)*x) - log(a^(2/3) - a^(1/3)*b^(1/3)*x + b^(2/3)*x^2)
    + 2*sqrt(3)*atan(sqrt(3)*(2*b^(1/3)*x/a^(1/3) - 1)/3))/(6*a^(2/3)*b^(1/3))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: the largest degree of a binomial factor, and of the numerator, this method takes on
MAX_DEGREE = 12


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _content(c: Expr) -> tuple[Expr, Expr]:
    """(numeric content, parameter part) of an x-free coefficient."""
    if c.is_Number:
        return c, ONE
    if c.is_Mul:
        nums = [f for f in c.args if f.is_Number]
        rest = [f for f in c.args if not f.is_Number]
        return mul(*nums) if nums else ONE, mul(*rest)
    return ONE, c


def _root(p: Expr, m: int) -> Expr:
    """p^(1/m) written factor by factor for a product of powers (a^(2/3)*b^(1/3))."""
    out = []
    for f in (p.args if p.is_Mul else (p,)):
        if f.is_Pow and f.args[1].is_Number:
            out.append(power(f.args[0], mul(f.args[1], power(number(m), MINUS_ONE))))
        else:
            out.append(power(f, power(number(m), MINUS_ONE)))
    return mul(*out)


def _scale(factors: list[tuple[list[Expr], int]]) -> Expr | None:
    """r from the first factor with two or more terms whose coefficients have parameters."""
    for cs, _k in factors:
        nz = [i for i, c in enumerate(cs) if c is not ZERO]
        if len(nz) < 2:
            continue
        lo, hi = nz[0], nz[-1]
        _, plo = _content(cs[lo])
        _, phi = _content(cs[hi])
        if plo is ONE and phi is ONE:
            continue
        m = hi - lo
        if m < 3 and len(factors) == 1 and len(nz) == 2:
            return None  # linear and quadratic binomials: the parametric partial fractions
        return mul(_root(plo, m), power(_root(phi, m), MINUS_ONE))
    return None


def _numeric_ratio(cs: list[Expr]) -> list[Expr] | None:
    """cs divided by their last nonzero entry, if every quotient is a number."""
    from ...algebra.rational import cancel

    lead = next(c for c in reversed(cs) if c is not ZERO)
    out = []
    for c in cs:
        if c is ZERO:
            out.append(ZERO)
            continue
        try:
            q = cancel(mul(c, power(lead, MINUS_ONE)))
        except (SymcalcError, ArithmeticError):
            return None
        if not q.is_Number:
            return None
        out.append(q)
    return out


def _back(F: Expr, t: Symbol, x: Symbol, r: Expr) -> dict[Expr, Expr]:
    """t = x/r, and log(Q(t)) (Q a polynomial of degree k) as log(q^k Q(p x/(q))) with
    r = p/q: the same up to a constant, log(a^(1/3) + b^(1/3)*x) for log(1 + x/r)."""
    from ...core.functions import log
    from ...core.traversal import postorder
    from .radicals import poly_coeffs

    p, q = [], []
    for f in (r.args if r.is_Mul else (r,)):
        if f.is_Pow and f.args[1].is_Number and f.args[1].value < 0:
            q.append(power(f, MINUS_ONE))
        else:
            p.append(f)
    P, Q = mul(*p), mul(*q)
    out: dict[Expr, Expr] = {t: mul(x, power(r, MINUS_ONE))}
    for node in postorder(F):
        if node.is_Function and node.fdef.name == "log" and _has(node.args[0], t):
            cs = poly_coeffs(node.args[0], t)
            if cs is None or len(cs) < 2 or not all(c.is_Number for c in cs):
                continue
            k = len(cs) - 1
            if all(c is ZERO for c in cs[:-1]):
                out[node] = mul(number(k), log(x))
                continue
            out[node] = log(add(*(mul(c, power(P, number(k - i)), power(mul(Q, x), number(i)))
                                  for i, c in enumerate(cs))))
    return out


def scaling_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ P(x)/D(x) with D's factors binomials in x^m with parameters: x = r*t."""
    from ...algebra.factor_expr import factor
    from ...algebra.rational import numer_denom, together
    from .radicals import poly_coeffs

    if len(free_symbols(e)) < 2:
        return None
    try:
        n, d = numer_denom(together(e))
    except (SymcalcError, ArithmeticError):
        return None
    dc = poly_coeffs(d, x)
    if dc is None or len(dc) < 4 or len(dc) > 4 * MAX_DEGREE or all(
            c.is_Number for c in dc):
        return None
    nc = poly_coeffs(n, x)
    if nc is None or len(nc) > 4 * MAX_DEGREE:
        return None
    try:
        d = factor(d)
    except (SymcalcError, ArithmeticError):
        return None
    factors: list[tuple[list[Expr], int]] = []
    for f in (d.args if d.is_Mul else (d,)):
        if not _has(f, x):
            continue
        b, k = (f.args if f.is_Pow else (f, ONE))
        if not (k.is_Number and isinstance(k.value, int) and k.value > 0):
            return None
        bc = poly_coeffs(b, x)
        if bc is None or len(bc) > MAX_DEGREE + 1:
            return None
        factors.append((bc, k.value))
    r = _scale(factors)
    if r is None:
        return None
    # D(r*t) = lam * N(t), N with numeric coefficients
    t = ctx.dummy(e, x)
    lam: list[Expr] = []
    num_den: list[Expr] = []
    for bc, k in factors:
        sc = [mul(c, power(r, number(i))) for i, c in enumerate(bc)]
        q = _numeric_ratio(sc)
        if q is None:
            return None
        lead = next(c for c in reversed(sc) if c is not ZERO)
        lam.append(power(lead, number(k)))
        num_den.append(power(add(*(mul(c, power(t, number(i))) for i, c in enumerate(q))),
                             number(k)))
    N = mul(*num_den)
    ilam = power(mul(*lam), MINUS_ONE)
    terms = []
    subs_steps = []
    for j, c in enumerate(nc):
        if c is ZERO:
            continue
        ctx.check()
        st = ctx.integrate(mul(power(t, number(j)), power(N, MINUS_ONE)), t)
        if st is None:
            return None
        subs_steps.append(st)
        terms.append(mul(c, power(r, number(j + 1)), ilam, st.result))
    if not terms:
        return None
    F = add(*terms)
    F = subs(F, _back(F, t, x, r))
    return Step("scaling x = r*t", e, x, F, tuple(subs_steps), f"x = ({r})*{t}")


__all__ = ["scaling_method"]
