"""Derivatives of integrals: the fundamental theorem of calculus and the Leibniz rule.

    d/dx ∫_{a(x)}^{b(x)} f(t, x) dt = f(b(x), x)·b'(x) - f(a(x), x)·a'(x)
                                        + ∫_{a(x)}^{b(x)} ∂f/∂x (t, x) dt

and d/dx ∫ f(x) dx = f(x) for an antiderivative. The last integral is tried (briefly) in
closed form and otherwise stays an unevaluated integral. ``diff`` calls this for the
unevaluated ``integrate(...)`` nodes that ``integrate`` returns.

>>> from symcalc import symbols, parse, diff
>>> x, t, a = symbols("x t a")
>>> diff(parse("integrate(f(t), t, a, x)"), x)
f(x)
>>> diff(parse("integrate(exp(x*t^3), t, 0, x^2)"), x)
2*x*exp(x^7) + integrate(t^3*exp(t^3*x), t, 0, x^2)
"""

from __future__ import annotations

from ..core.arithmetic import add, mul
from ..core.expr import Expr
from ..core.symbol import Symbol
from ..core.traversal import free_symbols, subs
from ..errors import SymcalcError

#: seconds spent on the closed form of ∫ ∂f/∂x dt before leaving it unevaluated
_TIMEOUT = 0.5


def is_integral_node(e: Expr) -> bool:
    return e.is_Function and e.fdef.undefined and e.fdef.name == "integrate" \
        and len(e.args) in (2, 4) and e.args[1].is_Symbol


def leibniz(e: Expr, x: Symbol) -> Expr:
    """d e / dx for an unevaluated integral e = integrate(f, t[, lo, hi])."""
    from .diff import diff

    f, t = e.args[0], e.args[1]
    if len(e.args) == 2:
        if t is x:
            return f                      # the fundamental theorem
        return _integral(diff(f, x), t, None, None)
    lo, hi = e.args[2], e.args[3]
    if t is x or x in free_symbols(f) and t in free_symbols(lo) | free_symbols(hi):
        # the dummy variable clashes with x (or with a bound): rename it first
        u = Symbol(_fresh(t, e, x))
        f, t = subs(f, {t: u}), u
    terms = []
    for bound, sign in ((hi, 1), (lo, -1)):
        db = diff(bound, x)
        if db.is_Number and db.value == 0:
            continue
        terms.append(mul(sign, subs(f, {t: bound}), db))
    df = diff(f, x)
    if not (df.is_Number and df.value == 0):
        terms.append(_integral(df, t, lo, hi))
    return add(*terms)


def _fresh(t: Symbol, e: Expr, x: Symbol) -> str:
    taken = {s.name for s in free_symbols(e)} | {x.name}
    k = 1
    while f"{t.name}{k}" in taken:
        k += 1
    return f"{t.name}{k}"


def _integral(g: Expr, t: Symbol, lo: Expr | None, hi: Expr | None) -> Expr:
    from .integrate import integrate

    spec = t if lo is None else (t, lo, hi)
    try:
        return integrate(g, spec, timeout=_TIMEOUT)
    except SymcalcError:
        from .integrate import Integral

        return Integral(g, t) if lo is None else Integral(g, t, lo, hi)


__all__ = ["is_integral_node", "leibniz"]
