"""Limits: one-sided and two-sided, at points and at infinity, by Gruntz's algorithm.

``limit(e, x, x0)`` is two-sided (the one-sided limits must agree, else DomainError),
``dir="+"`` or ``"-"`` one-sided; ``x0`` may be ``oo`` or ``-oo``. Every limit becomes
a limit at ``+oo`` (``x = x0 + 1/t``, ``x0 - 1/t`` or ``-t``) computed by
:mod:`.gruntz`: an answer is proved or the limit stays undecided (LimitNotFound).
When ``e`` has a Taylor or Laurent series at ``x0`` whose leading term settles the limit
without any zero test (order ``>= 0``, or a leading coefficient that is a nonzero
number), that series is used first: it is faster.

>>> from symcalc import symbols, sin, exp, log, oo, sigmoid, atan, pi
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
>>> limit(x*(pi/2 - atan(x)), x, oo)
1
>>> limit(x**1000/exp(x), x, oo)
0
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
from .gruntz import Gruntz, LimitNotFound, limit_inf
from .limit_steps import has_steps, limit_with_steps
from .mpvalue import const_sign

NEG_OO = mul(-1, oo)

#: functions whose Taylor series (from the derivative table) is valid wherever their
#: derivatives are finite: analytic on the whole real line, or singular only where a
#: derivative is infinite -- not acot (a jump at 0), abs, sign, step functions, ...
_SERIES_SAFE = frozenset({
    "exp", "log", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh",
    "coth", "sech", "csch", "asin", "acos", "atan", "asinh", "acosh", "atanh", "erf",
    "erfc", "sigmoid", "softplus", "gelu", "gamma", "digamma", "factorial", "loggamma",
    "Si", "sinc", "expm1", "log1p", "erfinv"})


def _series_safe(e: Expr) -> bool:
    for n in e.preorder():
        if n.is_Function and n.fdef.name not in _SERIES_SAFE:
            return False
        if not (n.is_Atom or n.is_Add or n.is_Mul or n.is_Pow or n.is_Function):
            return False
        if n.is_Number and isinstance(n.value, float):
            return False
    return True


def _from_series(e: Expr, x: Symbol, x0: Expr) -> tuple[Expr, int] | None:
    """(c, v) of the leading term c (x - x0)^v, when it settles the limit soundly: the
    series engine runs in strict mode (it divides only by coefficients proved nonzero,
    expands functions only where proved analytic), and a negative order needs a leading
    coefficient of known sign."""
    from .series import SeriesError, leading_term

    if not _series_safe(e) or free_symbols(e) != {x} or free_symbols(x0):
        return None
    if x0.is_Number and isinstance(x0.value, float):
        return None
    try:
        c, v = leading_term(e, x, x0, max_order=8, strict=True)
    except (SeriesError, SymcalcError, ZeroDivisionError, RecursionError):
        return None
    if v < 0 and const_sign(c) not in (1, -1):
        return None
    return c, v


def _lead_value(c: Expr, v: int, side: int) -> Expr:
    """The limit of c*(x - x0)^v from the given side."""
    if v > 0:
        return ZERO
    if v == 0:
        return c
    s = const_sign(c) * side ** (-v)
    return oo if s > 0 else NEG_OO


def _one_side(e: Expr, x: Symbol, x0: Expr, side: int, engine: Gruntz) -> Expr:
    t = Symbol("_limit_t", positive=True)
    if x0 is oo:
        return limit_inf(e, x, engine)
    if x0 == NEG_OO:
        return limit_inf(subs(e, {x: mul(-1, t)}), t, engine)
    return limit_inf(subs(e, {x: add(x0, mul(side, power(t, -1)))}), t, engine)


def _same(a: Expr, b: Expr) -> bool:
    if a is b:
        return True
    if a.has(oo) or b.has(oo):
        return False
    s = const_sign(add(a, mul(-1, b)))
    if s is None:
        raise LimitNotFound(f"cannot decide whether the one-sided limits {a} and {b} agree")
    return s == 0


@operation("limit")
def limit(e: Any, x: Any, x0: Any, dir: str = "+-") -> Expr:  # noqa: A002 - SymPy's name
    """The limit of ``e`` as ``x`` tends to ``x0``: two-sided by default (``dir="+-"``),
    from above (``"+"``) or below (``"-"``); ``x0`` may be ``oo`` or ``-oo``. Returns
    an expression, ``oo`` or ``-oo``. Raises DomainError when the one-sided limits
    differ, LimitNotFound when symcalc cannot decide (it never guesses)."""
    e, x, x0 = as_expr(e), as_expr(x), as_expr(x0)
    try:
        return _limit(e, x, x0, dir)
    except (RecursionError, ZeroDivisionError, OverflowError, TypeError, AttributeError) as err:
        # an internal failure is no answer, never a crash (and never a guess)
        raise LimitNotFound(f"could not decide the limit of {e} as {x} -> {x0} "
                            f"({type(err).__name__})") from None
    except LimitNotFound as err:
        if not any(v in str(err) for v in ("_gruntz", "_limit_t")):
            raise  # a message about the user's own expression
        why = " (it oscillates)" if "oscillat" in str(err) else ""
        side = "" if dir == "+-" or x0.has(oo) else (" from above" if dir == "+" else " from below")
        raise LimitNotFound(f"could not decide the limit of {e} as {x} -> {x0}{side}{why}") \
            from None


def _limit(e: Expr, x: Expr, x0: Expr, dir: str) -> Expr:  # noqa: A002
    if not isinstance(x, Symbol):
        raise ValueError(f"limit: the variable must be a symbol, not {x}")
    if dir not in ("+-", "+", "-"):
        raise ValueError(f"limit: dir must be '+-', '+' or '-', not {dir!r}")
    if x in free_symbols(x0):
        raise ValueError(f"limit: the point {x0} depends on {x}")
    if x0.has(oo) and not (x0 is oo or x0 == NEG_OO):
        raise ValueError(f"limit: cannot take a limit at {x0}")
    if has_steps(e, x):  # floor, sign, relu at its kink, ...: one side at a time
        return limit_with_steps(e, x, x0, dir, limit, _plain)
    return _plain(e, x, x0, dir)


def _plain(e: Expr, x: Symbol, x0: Expr, dir: str) -> Expr:  # noqa: A002
    """The limit by series or Gruntz's algorithm (step functions already frozen)."""
    if x not in free_symbols(e):
        return e
    engine = Gruntz()
    if x0 is oo or x0 == NEG_OO:
        return _finish(_one_side(e, x, x0, 1, engine))
    lead = _from_series(e, x, x0)
    sides = (1, -1) if dir == "+-" else ((1,) if dir == "+" else (-1,))
    if lead is not None:
        vals = [_lead_value(*lead, s) for s in sides]
    else:
        vals = [_one_side(e, x, x0, s, engine) for s in sides]
    right = vals[0]
    if len(vals) == 2 and not _same(vals[0], vals[1]):
        raise DomainError(f"the limit of {e} at {x} = {x0} does not exist: {vals[1]} from "
                          f"the left, {right} from the right")
    return _finish(right)


def _finish(r: Expr) -> Expr:
    """A light clean-up of a limit value (no x left in it)."""
    if r.is_Atom or r.is_Number or r is NEG_OO:
        return r
    from ..algebra.simplify import simplify

    try:
        s = simplify(r)
    except SymcalcError:
        return r
    return s


__all__ = ["LimitNotFound", "limit"]
