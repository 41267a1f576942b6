"""Powers with a constant base: a^u = exp(u*log(a)) (the definition of a^u for every
base a ≠ 0 on the principal branch), so ∫ a^x*b^x, ∫ 10^x*exp(x), ∫ (a^(m*x) + 1)^2
and ∫ a^x/x^2 (an exponential integral) go through the methods for exp.

>>> from symcalc import symbols
>>> a, x = symbols("a x")
>>> constant_base_rewrite(a**x * 2**x, x)
exp(x*log(2) + x*log(a))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import mul
from ...core.expr import Expr
from ...core.functions import exp, log
from ...core.numbers import E
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context


def _is_constant_base_power(n: Expr, x: Symbol) -> bool:
    return (n.is_Pow and n.args[0] is not E and x not in free_symbols(n.args[0])
            and x in free_symbols(n.args[1]))


def _log_of(a: Expr) -> Expr:
    """log(a), with an integer power base written k*log(m) (log 4 = 2*log 2), so that
    2^x and 4^x become powers of one exponential."""
    from ...core.numbers import number

    v = a.value if a.is_Number else None
    if isinstance(v, int) and 3 < v < 10**12:
        for k in range(v.bit_length(), 1, -1):
            m = round(v ** (1 / k))
            for c in (m - 1, m, m + 1):
                if c > 1 and c**k == v:
                    return mul(number(k), log(number(c)))
    return log(a)


def constant_base_rewrite(e: Expr, x: Symbol) -> Expr | None:
    """e with every a^u (a free of x, u depending on x) written exp(u*log(a)), or None
    when there is none."""
    if not any(_is_constant_base_power(n, x) for n in e.preorder()):
        return None

    def walk(n: Expr) -> Expr:
        if x not in free_symbols(n) or not n.args:
            return n
        args = tuple(walk(a) for a in n.args)
        if n.is_Pow and _is_constant_base_power(n, x):
            return exp(mul(args[1], _log_of(args[0])))
        return n if args == n.args else n.rebuild(args)

    r = walk(e)
    return None if r is e else r


def constant_base_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ f(a^u) dx = ∫ f(exp(u*log(a))) dx."""
    r = constant_base_rewrite(e, x)
    if r is None:
        return None
    from ...core.expand import expand
    from ...errors import SymcalcError
    from .engine import _bounded_expansion

    if (r.is_Mul or r.is_Pow) and _bounded_expansion(r, 60):
        try:
            ex = expand(r)
        except SymcalcError:
            ex = r
        if ex.is_Add:
            st = ctx.integrate(ex, x)
            if st is not None:
                return Step("rewrite a^u = exp(u*log(a)), expand", e, x, st.result, (st,))
    st = ctx.integrate(r, x)
    if st is None:
        return None
    return Step("rewrite a^u = exp(u*log(a))", e, x, st.result, (st,))


__all__ = ["constant_base_method", "constant_base_rewrite"]
