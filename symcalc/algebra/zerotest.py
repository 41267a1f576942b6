"""Zero recognition for denominators: the guard that keeps ``0/0`` from becoming a number.

Rewriting a quotient can make its numerator vanish before anyone looks at its
denominator: in ``(tan(x)^2 + 1 - 1/cos(x)^2)/(sin(x)^2 + cos(x)^2 - 1)`` both are
identically zero, the quotient is defined nowhere, and simplifying the numerator to 0
(then ``0*anything = 0``) or cancelling the common factor would give a number. So
``simplify`` and ``cancel`` first ask :func:`zero_denominator` about every denominator
of their input (every base raised to a negative power, anywhere in the tree):

* each is evaluated in double precision with a running error bound at a few fixed
  points; a value larger than its error bound proves the denominator is not
  identically zero (the common case, and the cheap one);
* a denominator that is below its error bound at every point is *suspected* zero and
  then proved zero symbolically (``cancel``, ``expand_trig`` and ``simplify`` of the
  denominator alone reach 0).

``"zero"`` (proved) makes ``simplify`` and ``cancel`` return ``nan``; ``"suspect"``
(not proved) makes them return their input unchanged. Neither ever gives a number.

>>> from symcalc import parse
>>> zero_denominator(parse("1/(sin(x)^2 + cos(x)^2 - 1)"))
'zero'
>>> zero_denominator(parse("1/(sin(x)^2 + cos(x)^2)")) is None
True
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..core.expr import Expr
from ..core.traversal import preorder
from ..errors import SymcalcError

__all__ = ["denominators", "numerically_zero", "prove_zero", "zero_denominator"]

#: Values given to the symbols at the test points (shifted per symbol and per point;
#: irrational-looking rationals, away from the usual special points).
_BASE = (Fraction(6173, 10007), Fraction(-4339, 7919), Fraction(9241, 5003),
         Fraction(2791, 8933))
_INT_BASE = (3, -2, 5, 7)
#: A value is taken for zero where it is within this many error bounds of 0.
_SLACK = 8.0

#: Guards recursion (proving a denominator zero runs simplify on it).
_DEPTH = [0]
_MAX_DEPTH = 6


def denominators(e: Expr) -> list[Expr]:
    """The bases raised to a negative number anywhere in ``e`` (first occurrence order)."""
    out: dict[Expr, None] = {}
    for n in preorder(e):
        if n.is_Pow:
            b, k = n._args
            if k.is_Number and not b.is_Number and k.value < 0:
                out.setdefault(b, None)
    return list(out)


def _point(syms: list, j: int) -> dict:
    subs = {}
    for i, s in enumerate(syms):
        if s.integer:
            v: float = float(_INT_BASE[(i + j) % len(_INT_BASE)] + i)
            if s.nonnegative:
                v = abs(v) + (0 if not s.positive else 1)
        else:
            v = float(_BASE[(i + j) % len(_BASE)]) + i / 7
            if s.nonnegative:
                v = abs(v) + 1 / 3
        subs[s] = v
    return subs


def numerically_zero(d: Expr, points: int = 3) -> bool | None:
    """True if ``d`` is within its rounding error bound of 0 at every test point where
    it can be evaluated (and at one at least), False if it is not at one of them, None
    where it cannot be evaluated anywhere."""
    from ..core.evalf import _Imprecise, _run, _values

    syms = sorted(d.free_symbols, key=lambda s: s.name)
    seen = False
    for j in range(points):
        try:
            v, err = _run(d, _values(_point(syms, j)))
        except (_Imprecise, SymcalcError, ArithmeticError, ValueError, TypeError):
            continue
        if isinstance(v, bool):
            continue
        if isinstance(v, complex):
            a = abs(v)
        else:
            a = abs(float(v))
        if math.isnan(a):
            continue
        if a > _SLACK * err + 1e-300 or math.isinf(a):
            return False
        seen = True
    return True if seen else None


def prove_zero(d: Expr) -> bool:
    """True only if ``d`` is shown identically zero by exact rewriting."""
    from .rational import cancel
    from .simplify import simplify

    if _DEPTH[0] >= _MAX_DEPTH:
        return False
    _DEPTH[0] += 1
    try:
        for attempt in (cancel, _trig_cancel, simplify):
            try:
                if attempt(d) == 0:
                    return True
            except (SymcalcError, RecursionError, ZeroDivisionError, ValueError):
                continue
        return False
    finally:
        _DEPTH[0] -= 1


def _trig_cancel(d: Expr) -> Expr:
    from .rational import cancel
    from .trigexpand import trig_zero_form

    return cancel(trig_zero_form(d))


def zero_denominator(e: Expr) -> str | None:
    """``"zero"`` if a denominator of ``e`` is proved identically zero, ``"suspect"`` if
    one evaluates to 0 everywhere it was tried but is not proved, else None."""
    if _DEPTH[0] >= _MAX_DEPTH:
        return None
    found = None
    for d in denominators(e):
        if numerically_zero(d) is not True:
            continue
        if prove_zero(d):
            return "zero"
        found = "suspect"
    return found
