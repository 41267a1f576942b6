"""Partial fractions of the rational factor of a product: ∫ R(x)*G(x) dx with R rational
and G not, split into the polynomial part of R (term by term) and its proper part:
x²·atanh(c·x)/(1 − c²x²) becomes −atanh(c·x)/c² + atanh(c·x)/(c²(1 − c²x²)), two
table lines.

>>> from symcalc import symbols, atan
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(x**2*atan(x)/(1 + x**2), x)
x*atan(x) - atan(x)^2/2 - log(x^2 + 1)/2
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import mul
from ...core.expr import Expr
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context


def rational_factor_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """R*G with R rational with a denominator in x: integrate apart(R)*G term by term."""
    from ...algebra.rational import apart
    from .rational import is_rational_function

    if not e.is_Mul:
        return None
    rat = [f for f in e.args if x in free_symbols(f) and is_rational_function(f, x)]
    rest = [f for f in e.args if all(f is not g for g in rat)]
    if not rat or not any(x in free_symbols(f) for f in rest):
        return None
    R = mul(*rat)
    if not any(f.is_Pow and f.args[1].is_Number and f.args[1].value < 0 for f in rat):
        return None
    try:
        parts = apart(R, x)
    except (SymcalcError, ArithmeticError):
        return None
    if not parts.is_Add or len(parts.args) > 12:
        return None
    from ...algebra.rational import cancel, together
    from ...core.arithmetic import add
    from .parts import is_polynomial

    # the polynomial part term by term, the proper part kept whole (1/(1 - c^2 x^2)
    # stays one factor, as the table has it)
    poly = [t for t in parts.args if is_polynomial(t, x)]
    proper = [t for t in parts.args if not is_polynomial(t, x)]
    if not poly:
        return None
    try:
        pr = cancel(together(add(*proper)))
    except (SymcalcError, ArithmeticError):
        return None
    G = mul(*rest)
    s = add(*(mul(t, G) for t in (*poly, pr)))
    if not s.is_Add:
        return None
    st = ctx.integrate(s, x)
    if st is None:
        return None
    return Step("partial fractions of the rational factor", e, x, st.result, (st,), f"as {s}")


__all__ = ["rational_factor_method"]
