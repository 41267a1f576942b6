"""Antiderivatives by the signs of the parameters: a piecewise answer, each branch real.

The tables read a lone parameter as positive, so ∫ dx/(a + b*x^2) is
atan(sqrt(b)*x/sqrt(a))/(sqrt(a)*sqrt(b)): an antiderivative for every a, b != 0, but
with imaginary square roots (and a real value only after they cancel) where a*b < 0.
``integrate(e, x, cases=True)`` finds the parameters under square roots of that answer
whose sign is not known (from the symbols' assumptions), integrates once per sign
pattern with positive stand-ins (a = A or a = -A, A > 0), so that each branch is the
real form for its signs (atan, or logarithms), and once per parameter set to 0 (the
integrand then changes form: ∫ dx/a). Each branch comes from the integrator, verified
like every answer; the substitution back is exact.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> F = integrate(parse("exp(a*x^2)"), x, cases=True)
>>> print(str(F).replace("), (", "),\\n  ("))
piecewise((sqrt(pi)*erfi(sqrt(a)*x)/(2*sqrt(a)), a > 0),
  (sqrt(pi)*erf(x*sqrt(-a))/(2*sqrt(-a)), a < 0),
  (x, a == 0))
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from itertools import product

from ...core.expr import Expr
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs

#: At most this many parameters are split by sign (2^k branches).
MAX_PARAMS = 2


def _radicand_symbols(e: Expr, x: Symbol) -> set[Symbol]:
    """Parameters inside a square root (or another even root) free of x in e."""
    out: set[Symbol] = set()
    for n in e.preorder():
        if n.is_Pow and n.args[1].is_Number and isinstance(n.args[1].value, Fraction) \
                and n.args[1].value.denominator % 2 == 0 and x not in free_symbols(n.args[0]):
            out |= {s for s in free_symbols(n.args[0]) if s is not x}
    return out


def _unknown_sign(s: Symbol) -> bool:
    from ...core import assumptions as A

    return not (A.is_positive(s) or A.is_negative(s) or A.is_nonnegative(s))


def by_sign(e: Expr, x: Symbol, F: Expr, integrate: Callable[[Expr, Symbol], Expr | None]
            ) -> Expr:
    """F (the generic answer) split by the signs of its critical parameters, when every
    branch integrates; else F as it is. ``integrate`` returns an antiderivative or None."""
    from ...core.logic import And, Eq, Or, piecewise, rel
    from ...core.numbers import ZERO

    crit = sorted((s for s in _radicand_symbols(F, x) - _radicand_symbols(e, x)
                   if s in free_symbols(e) and _unknown_sign(s)), key=lambda s: s.name)
    if not crit or len(crit) > MAX_PARAMS:
        return F
    stand = {s: Symbol(f"{s.name}_pos", positive=True) for s in crit}
    branches: list[tuple[Expr, Expr]] = []
    for signs in product((1, -1), repeat=len(crit)):
        there = {s: (stand[s] if g > 0 else -stand[s]) for s, g in zip(crit, signs)}
        back = {stand[s]: (s if g > 0 else -s) for s, g in zip(crit, signs)}
        G = integrate(subs(e, there), x)
        if G is None:
            return F
        cond = And(*(rel(">" if g > 0 else "<", s, ZERO) for s, g in zip(crit, signs)))
        branches.append((subs(G, back), cond))
    for s in crit:
        G = integrate(subs(e, {s: ZERO}), x)
        if G is None:
            return F
        branches.append((G, Eq(s, ZERO)))
    merged: list[tuple[Expr, Expr]] = []
    for G, c in branches:
        for i, (H, d) in enumerate(merged):
            if H is G:
                merged[i] = (H, Or(d, c))
                break
        else:
            merged.append((G, c))
    return piecewise(*merged)


__all__ = ["by_sign"]
