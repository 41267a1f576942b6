"""Where functions of the registry are not analytic: jumps and kinks (data).

``JUMPS`` names the step functions with the points where they jump; ``KINKS`` the
continuous functions with the points where a derivative jumps. The series engine raises
SeriesError at such a point (a Taylor series there would be wrong), and limits treat
the step functions one side at a time (:mod:`symcalc.calculus.limit_steps`).

>>> from symcalc import Integer, Rational
>>> breaks_at("floor", Integer(2)), breaks_at("floor", Rational(1, 2)), breaks_at("relu", Integer(0))
(True, False, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

from ..errors import SymcalcError
from .expr import Expr


def _value(u: Expr) -> float | None:
    """A float for a real constant expression (pi + 1), None for anything else."""
    if u.free_symbols:
        return None
    try:
        v = u.evalf()
    except (ArithmeticError, ValueError, TypeError, SymcalcError):
        return None
    return v if isinstance(v, float) and math.isfinite(v) else None


def _far(v: float, p: float) -> bool:
    return abs(v - p) > 1e-9 * (1.0 + abs(p))


def _at_integers(u: Expr) -> bool | None:
    if u.is_Number and not isinstance(u.value, complex):
        v = u.value
        return float(v).is_integer() if isinstance(v, float) else Fraction(v).denominator == 1
    f = _value(u)
    if f is not None and _far(f, round(f)):
        return False  # a constant clearly between two integers (pi)
    return None


def _at(*points: int) -> Callable[[Expr], bool | None]:
    def test(u: Expr) -> bool | None:
        if u.is_Number and not isinstance(u.value, complex):
            return u.value in points
        f = _value(u)
        if f is not None and all(_far(f, p) for p in points):
            return False
        return None
    return test


#: step function -> does it jump at u? (None: cannot tell, e.g. a symbolic point)
JUMPS: dict[str, Callable[[Expr], bool | None]] = {
    "floor": _at_integers, "ceiling": _at_integers, "frac": _at_integers,
    "sign": _at(0), "heaviside": _at(0),
}

#: continuous function -> is it not differentiable (to all orders) at u?
KINKS: dict[str, Callable[[Expr], bool | None]] = {
    "abs": _at(0), "relu": _at(0), "leaky_relu": _at(0), "elu": _at(0), "celu": _at(0),
    "selu": _at(0), "softsign": _at(0), "hardtanh": _at(-1, 1),
    "hardsigmoid": _at(-3, 3), "hardswish": _at(-3, 3),
}


def breaks_at(name: str, u: Expr) -> bool:
    """True when the function ``name`` jumps or has a kink at ``u``, or when that cannot
    be decided (a point with symbols in it); False where it is analytic."""
    test = JUMPS.get(name) or KINKS.get(name)
    if test is None:
        return False
    r = test(u)
    return r is not False


__all__ = ["JUMPS", "KINKS", "breaks_at"]
