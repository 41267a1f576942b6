"""Where functions of the registry are not analytic: jumps and kinks (data).

``JUMPS`` names the step functions with the points where they jump; ``KINKS`` the
continuous functions with the points where a derivative jumps. The series engine raises
SeriesError at such a point (a Taylor series there would be wrong), and limits treat
the step functions one side at a time (:mod:`symcalc.calculus.limit_steps`).

>>> from symcalc import Integer, Rational
>>> breaks_at("floor", Integer(2)), breaks_at("floor", Rational(1, 2))
(True, False)
>>> breaks_at("relu", Integer(0)), breaks_at("hardtanh", Integer(1))
(True, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

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


def _branches() -> dict[str, Callable[[tuple, Expr, bool], Expr]]:
    """name -> (args, kink point, above) -> the analytic expression the function equals
    just above or just below that kink (relu(u) is u above 0 and 0 below)."""
    from .activations_extra import SELU_ALPHA, SELU_SCALE
    from .arithmetic import add, mul, power
    from .functions import exp
    from .numbers import ONE, ZERO, Float, number

    def hard(lo_value: Any, mid: Any, hi_value: Any, lo: int, hi: int) -> Any:
        def branch(a: tuple, p: Expr, above: bool) -> Expr:
            u = a[0]
            if p.value == lo:
                return mid(u) if above else lo_value(u)
            return hi_value(u) if above else mid(u)
        return branch

    def one_sided(above_f: Any, below_f: Any) -> Any:
        return lambda a, p, above: above_f(*a) if above else below_f(*a)

    sixth = number(Fraction(1, 6))
    return {
        "abs": one_sided(lambda u: u, lambda u: mul(-1, u)),
        "relu": one_sided(lambda u: u, lambda u: ZERO),
        "leaky_relu": one_sided(lambda u, a: u, lambda u, a: mul(a, u)),
        "elu": one_sided(lambda u, a: u, lambda u, a: mul(a, add(exp(u), -1))),
        "celu": one_sided(lambda u, a: u,
                          lambda u, a: mul(a, add(exp(mul(u, power(a, -1))), -1))),
        "selu": one_sided(lambda u: mul(Float(SELU_SCALE), u),
                          lambda u: mul(Float(SELU_SCALE * SELU_ALPHA), add(exp(u), -1))),
        "softsign": one_sided(lambda u: mul(u, power(add(ONE, u), -1)),
                              lambda u: mul(u, power(add(ONE, mul(-1, u)), -1))),
        "hardtanh": hard(lambda u: number(-1), lambda u: u, lambda u: ONE, -1, 1),
        "hardsigmoid": hard(lambda u: ZERO, lambda u: add(mul(sixth, u), number(Fraction(1, 2))),
                            lambda u: ONE, -3, 3),
        "hardswish": hard(lambda u: ZERO,
                          lambda u: mul(u, add(mul(sixth, u), number(Fraction(1, 2)))),
                          lambda u: u, -3, 3),
    }


_BRANCHES: dict = {}


def branch(name: str, args: tuple, point: Expr, above: bool) -> Expr:
    """The expression ``name(*args)`` equals on one side of its kink at ``point``."""
    if not _BRANCHES:
        _BRANCHES.update(_branches())
    return _BRANCHES[name](args, point, above)


def _nonpositive_integer(u: Expr) -> bool:
    return u.is_Number and not isinstance(u.value, (float, complex)) \
        and Fraction(u.value).denominator == 1 and u.value <= 0


#: function -> does it have a pole at these (exact) arguments? Applications there stay
#: unevaluated (gamma(0)), so series and limits must not take them for finite numbers.
POLES: dict[str, Callable[[tuple], bool]] = {
    "gamma": lambda a: _nonpositive_integer(a[0]),
    "loggamma": lambda a: _nonpositive_integer(a[0]),
    "digamma": lambda a: _nonpositive_integer(a[0]),
    "polygamma": lambda a: _nonpositive_integer(a[1]),
    "factorial": lambda a: _nonpositive_integer(a[0]) and a[0].value < 0,
    "beta": lambda a: _nonpositive_integer(a[0]) or _nonpositive_integer(a[1]),
    "zeta": lambda a: a[0].is_Number and a[0].value == 1,
    "atan": lambda a: _plus_minus_i(a[0]),    # atan(±I), acot(±I): logarithmic poles
    "acot": lambda a: _plus_minus_i(a[0]),
}


def _plus_minus_i(u: Expr) -> bool:
    from .gaussian import I

    return u is I or u is -I


def has_pole(e: Expr) -> bool:
    """Whether e applies a function at one of its poles (``gamma(0)``, ``zeta(1)``)."""
    for n in e.preorder():
        if n.is_Function:
            test = POLES.get(n.fdef.name)
            if test is not None and test(n.args):
                return True
    return False


def breaks_at(name: str, u: Expr) -> bool:
    """True when the function ``name`` jumps or has a kink at ``u``, or when that cannot
    be decided (a point with symbols in it); False where it is analytic."""
    test = JUMPS.get(name) or KINKS.get(name)
    if test is None:
        return False
    r = test(u)
    return r is not False


__all__ = ["JUMPS", "KINKS", "POLES", "branch", "breaks_at", "has_pole"]
