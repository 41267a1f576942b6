"""Rational functions with parameters whose denominator arrives expanded.

A substitution such as u = cos(x) in cot(x)^3/(a + b*sec(x)^3) gives the denominator
a*u^7 - 2*a*u^5 + a*u^3 + b*u^4 - 2*b*u^2 + b, the expanded form of (u^2 - 1)^2*(a*u^3 + b).
The methods for parametric denominators (binomial factors scaled by x = r*t, linear and
quadratic factors by formula) read the factors off the product, so the denominator is
factored over Q[parameters] (multivariate factorization) and the integrand tried again in
the factored form, the same rational function.

>>> from symcalc import parse, symbols
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> F = integrate(parse("x/(a*x^4 + b*x^3 + a*x + b)"), x)  # (x^3 + 1)*(a*x + b)
>>> "integrate" in str(F), "log(a*x + b)" in str(F)
(False, True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: largest degree of the denominator factored (multivariate factorization costs)
MAX_DEGREE = 12


def factored_denominator_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ N/D dx with D expanded and parameters in it: D factored, then integrated."""
    from ...algebra.factor_expr import factor
    from ...algebra.rational import numer_denom
    from .radicals import poly_coeffs

    try:
        n, d = numer_denom(e)
    except (SymcalcError, ArithmeticError):
        return None
    if not d.is_Add or free_symbols(d) <= {x}:
        return None
    dc = poly_coeffs(d, x)
    if dc is None or not 3 <= len(dc) - 1 <= MAX_DEGREE:
        return None
    ctx.check()
    try:
        fd = factor(d)
    except (SymcalcError, ArithmeticError):
        return None
    if not (fd.is_Mul or fd.is_Pow) or fd == d:
        return None
    x_factors = [f for f in (fd.args if fd.is_Mul else (fd,)) if x in free_symbols(f)]
    if len(x_factors) < 2 and not fd.is_Pow:
        return None
    g = mul(n, power(fd, MINUS_ONE))
    st = ctx.integrate(g, x)
    if st is None:
        return None
    return Step("denominator factored", e, x, st.result, (st,), f"{d} = {fd}")


__all__ = ["MAX_DEGREE", "factored_denominator_method"]
