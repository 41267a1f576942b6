"""The product rule backwards: ∫ C * Π B_i^(e_i) * R dx = Π B_i^(e_i + 1)/k when

    k*R = Σ_i (e_i + 1) B_i' Π_(j≠i) B_j          (k a constant),

i.e. when the integrand is the derivative of Π B_i^(e_i + 1) up to a constant factor; the
test needs only the bases to the first power, not the expanded integrand, so it is cheap
where expansion is not: x^27*(b + c*x^2)^13*(b + 2*c*x^2) = (x^28*(b + c*x^2)^14)'/28.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("x^27*(b + c*x^2)^13*(b + 2*c*x^2)"), x)
x^28*(b + c*x^2)^14/28
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from ...errors import SymcalcError
from .steps import leaf

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context
    from .steps import Step


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _parts(e: Expr, x: Symbol) -> tuple[Expr, list[tuple[Expr, Expr]], Expr] | None:
    """(C, [(B_i, e_i)], R) with e = C*Π B_i^e_i*R, R a sum (or 1), or None."""
    if not e.is_Mul:
        return None
    const, bases, rest = [], [], []
    for f in e.args:
        if not _has(f, x):
            const.append(f)
        elif f is x:
            bases.append((x, ONE))
        elif f.is_Pow and f.args[1].is_Number and _has(f.args[0], x) \
                and not _has(f.args[1], x):
            if f.args[1].value == -1:
                return None
            bases.append((f.args[0], f.args[1]))
        elif f.is_Add:
            rest.append(f)
        else:
            return None
    if len(rest) > 1 or not bases or len(bases) + len(rest) < 2:
        return None
    if not any(not (k.is_Number and k.value in (1, 2)) for _, k in bases):
        return None     # small powers: expansion and the other methods do as well
    return mul(*const), bases, (rest[0] if rest else ONE)


def product_guess_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ C Π B_i^e_i R dx = C Π B_i^(e_i+1)/k when R is k times the sum above."""
    from ...core.expand import expand
    from ..diff import diff
    from .radicals import poly_coeffs

    p = _parts(e, x)
    if p is None:
        return None
    C, bases, R = p
    try:
        S = add(*(mul(add(k, ONE), diff(b, x),
                      *(bj for j, (bj, _) in enumerate(bases) if j != i))
                  for i, (b, k) in enumerate(bases)))
        sc, rc = poly_coeffs(S, x), poly_coeffs(R, x)
    except (SymcalcError, ArithmeticError):
        return None
    if sc is None or rc is None or len(sc) != len(rc) or rc[-1] is ZERO:
        return None
    try:
        from ...algebra.rational import cancel

        k = cancel(mul(sc[-1], power(rc[-1], MINUS_ONE)))
        if k is ZERO or _has(k, x):
            return None
        if any(expand(add(s, mul(MINUS_ONE, k, r))) is not ZERO for s, r in zip(sc, rc)):
            return None
    except (SymcalcError, ArithmeticError):
        return None
    G = mul(C, power(k, MINUS_ONE), *(power(b, add(kk, ONE)) for b, kk in bases))
    H = mul(*(power(b, add(kk, number(1))) for b, kk in bases))
    return leaf("product rule backwards", e, x, G, f"d/dx {H}")


__all__ = ["product_guess_method"]
