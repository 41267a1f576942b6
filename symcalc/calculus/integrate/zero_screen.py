"""A cheap screen before an exact zero test: an expression whose value at one point is
nonzero beyond its rounding errors is not identically zero.

Methods ask ``cancel(R) == 0`` to decide symmetries (Bioche's rules, evenness); most
answers are "no", and ``cancel`` with parameters costs milliseconds. :func:`nonzero`
evaluates R once in double precision with its running error bound
(:func:`symcalc.core.evalf.evalf_double`) at a fixed point: when the value is finite and
exceeds the bound, R is not the zero function, so ``cancel(R)`` is not 0 either and need
not run. Otherwise (zero within the errors, a pole, a failed evaluation) nothing is
concluded and the exact test runs, so :func:`is_zero` decides exactly as ``cancel`` does.

>>> from symcalc import symbols
>>> S, C, a = symbols("S C a")
>>> nonzero(S/(a + C) + S/(a + C))
True
>>> is_zero(S/(a + C) - S*(a - C)/(a**2 - C**2))
True
"""

from __future__ import annotations

import cmath
import math

from ...core.expr import Expr
from ...core.numbers import ZERO
from ...core.traversal import free_symbols

#: values given to the symbols, in their sort order (irrational-looking, away from the
#: small integers and simple fractions where symmetric expressions vanish by accident)
_VALUES = (0.6180339887, 1.3247179572, 0.4142135623, 1.7320508075, 0.7548776662,
           2.2360679774, 0.5772156649, 1.4655712318, 0.3819660112, 2.6457513110)


def nonzero(e: Expr) -> bool:
    """True when ``e`` is shown not identically zero by its value at one point; False
    when that does not tell (zero within the rounding errors, or no value there)."""
    from ...core.evalf import evalf_double

    syms = sorted(free_symbols(e), key=lambda s: s.sort_key())
    env = {s: _VALUES[i % len(_VALUES)] + 0.0137 * (i // len(_VALUES))
           for i, s in enumerate(syms)}
    try:
        v, err, _ = evalf_double(e, env, {})
    except Exception:  # noqa: BLE001 - no value at this point: nothing concluded
        return False
    if isinstance(v, bool):
        return False
    v = complex(v)
    if not (cmath.isfinite(v) and math.isfinite(err)):
        return False
    return abs(v) > 2.0 * err + 1e-300


def is_zero(e: Expr) -> bool:
    """``cancel(e) == 0``, skipped where :func:`nonzero` already says no. Raises what
    ``cancel`` raises."""
    if e is ZERO:
        return True
    if nonzero(e):
        return False
    from ...algebra.rational import cancel

    return cancel(e) == ZERO


__all__ = ["is_zero", "nonzero"]

