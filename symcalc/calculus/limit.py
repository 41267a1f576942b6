"""Limits: from the leading term of a series, else by L'Hôpital's rule at infinity.

``limit(e, x, x0)`` is two-sided (the one-sided limits must agree), ``dir="+"`` or
``"-"`` one-sided; ``x0`` may be ``oo`` or ``-oo``. Where ``e`` has a Taylor or
Laurent series at ``x0`` (see :mod:`.series`), its leading term ``c (x - x0)^v``
decides: 0 for ``v > 0``, ``c`` for ``v = 0``, ``±oo`` for ``v < 0`` by the sign of
``c`` and the side. Otherwise (logarithms, essential singularities, ``x0 = oo``)
``x = x0 ± 1/t`` turns it into a limit at infinity, taken term by term with
L'Hôpital's rule for ``0·∞`` and ``∞ - ∞`` (the engine definite integrals use), once
more after ``expand`` and after ``simplify`` when that is undecided, and last as
``(N/g)/(D/g)`` for a term ``g`` of the numerator or denominator.

>>> from symcalc import symbols, sin, exp, log, oo, sigmoid
>>> x = symbols("x")
>>> limit(sin(x)/x, x, 0)
1
>>> limit((exp(x) - 1 - x)/x**2, x, 0)
1/2
>>> limit(x*log(x), x, 0, "+")
0
>>> limit(sigmoid(x), x, oo), limit(sigmoid(x), x, -oo)
(1, 0)
>>> limit(1/x, x, 0, "-")
-oo
"""

from __future__ import annotations

from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.budget import operation
from ..core.expr import Expr, as_expr
from ..core.numbers import ZERO, oo
from ..core.symbol import Symbol
from ..core.traversal import free_symbols, subs
from ..errors import DomainError, SymcalcError
from .limit_steps import has_steps, limit_with_steps
from .series import SeriesError, leading_term

NEG_OO = mul(-1, oo)


class LimitNotFound(SymcalcError, ValueError):
    """symcalc could not decide the limit (it may exist)."""


def _sign(c: Expr) -> int:
    try:
        v = complex(c.evalf())
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
        raise LimitNotFound(f"cannot decide the sign of {c}") from None
    if abs(v.imag) > 1e-12 * max(1.0, abs(v.real)) or v.real == 0:
        raise LimitNotFound(f"cannot decide the sign of {c}")
    return 1 if v.real > 0 else -1


def _from_series(e: Expr, x: Symbol, x0: Expr, side: int) -> Expr:
    return _lead_value(*leading_term(e, x, x0), x0, side)


def _lead_value(c: Expr, v: int, x0: Expr, side: int) -> Expr:
    """The limit of c*(x - x0)^v (of c*x^-v at oo) from the given side."""
    if v > 0:
        return ZERO
    if v == 0:
        return c
    s = _sign(c) * (side ** (-v) if x0 is not oo else 1)
    return oo if s > 0 else NEG_OO


def _at_infinity(e: Expr, t: Symbol) -> Expr:
    from .integrate.definite import limit_at_infinity

    r = limit_at_infinity(e, t)
    if r is None:  # expanded, (x + sin x)/x is 1 + sin(x)/x
        from ..core.expand import expand

        r = limit_at_infinity(expand(e), t)
    if r is None:  # a simpler form may settle it: softplus(x) - x is softplus(-x)
        from ..algebra.simplify import simplify

        r = limit_at_infinity(simplify(e), t)
    if r is None:
        r = _dominant_term_quotient(e, t)
    if r is None:
        raise LimitNotFound(f"could not decide the limit of {e} as {t} -> oo")
    return r


def _dominant_term_quotient(e: Expr, t: Symbol) -> Expr | None:
    """N/D = (N/g)/(D/g) for a term g of N or D: when both quotients have finite limits
    and the second is not 0, their ratio is the limit (x/(x + cos x) -> 1/1 with g = x)."""
    from ..core.expand import expand
    from .integrate.definite import limit_at_infinity

    if not e.is_Mul:
        return None
    num = [f for f in e.args if not (f.is_Pow and _negative(f.args[1]))]
    den = [power(f.args[0], mul(-1, f.args[1])) for f in e.args
           if f.is_Pow and _negative(f.args[1])]
    if not den:
        return None
    N, D = mul(*num), mul(*den)
    for g in [*(N.args if N.is_Add else (N,)), *(D.args if D.is_Add else (D,))]:
        if t not in free_symbols(g):
            continue
        a = limit_at_infinity(expand(mul(N, power(g, -1))), t)
        b = limit_at_infinity(expand(mul(D, power(g, -1))), t)
        finite = a is not None and b is not None and not (a.has(oo) or b.has(oo))
        if finite and b is not ZERO:
            return mul(a, power(b, -1))
    return None


def _negative(n: Expr) -> bool:
    return n.is_Number and n.value < 0


def _one_side(e: Expr, x: Symbol, x0: Expr, side: int) -> Expr:
    if x0 is oo or x0 == NEG_OO:
        if x0 == NEG_OO:
            e = subs(e, {x: mul(-1, x)})
        try:
            return _from_series(e, x, oo, 1)
        except (SeriesError, LimitNotFound):
            return _at_infinity(e, x)
    try:
        return _from_series(e, x, x0, side)
    except (SeriesError, LimitNotFound):
        t = Symbol("_limit_t", positive=True)
        try:
            return _at_infinity(subs(e, {x: add(x0, mul(side, power(t, -1)))}), t)
        except LimitNotFound:
            raise LimitNotFound(f"could not decide the limit of {e} as {x} -> {x0} "
                                f"from {'above' if side > 0 else 'below'}") from None


@operation("limit")
def limit(e: Any, x: Any, x0: Any, dir: str = "+-") -> Expr:  # noqa: A002 - SymPy's name
    """The limit of ``e`` as ``x`` tends to ``x0``: two-sided by default (``dir="+-"``),
    from above (``"+"``) or below (``"-"``); ``x0`` may be ``oo`` or ``-oo``. Returns
    an expression, ``oo`` or ``-oo``. Raises DomainError when the one-sided limits
    differ, LimitNotFound when symcalc cannot decide."""
    e, x, x0 = as_expr(e), as_expr(x), as_expr(x0)
    if not isinstance(x, Symbol):
        raise ValueError(f"limit: the variable must be a symbol, not {x}")
    if dir not in ("+-", "+", "-"):
        raise ValueError(f"limit: dir must be '+-', '+' or '-', not {dir!r}")
    if x not in free_symbols(e):
        return e
    if has_steps(e, x):  # floor, sign, relu at its kink, ...: one side at a time
        return limit_with_steps(e, x, x0, dir, limit, _limit)
    return _limit(e, x, x0, dir)


def _limit(e: Expr, x: Symbol, x0: Expr, dir: str) -> Expr:  # noqa: A002
    """limit() for expressions without step functions (or with kinks away from x0)."""
    if x not in free_symbols(e):
        return e
    if x0 is oo or x0 == NEG_OO:
        return _one_side(e, x, x0, 1)
    if dir != "+-":
        return _one_side(e, x, x0, 1 if dir == "+" else -1)
    try:  # one series serves both sides
        c, v = leading_term(e, x, x0)
        right, left = _lead_value(c, v, x0, 1), _lead_value(c, v, x0, -1)
    except (SeriesError, LimitNotFound):
        right, left = _one_side(e, x, x0, 1), _one_side(e, x, x0, -1)
    if right is left or right == left:
        return right
    raise DomainError(f"the limit of {e} at {x} = {x0} does not exist: {left} from the left, "
                      f"{right} from the right")


__all__ = ["LimitNotFound", "limit"]
