"""One branch-cut convention for complex values: that of Mathematica, SymPy and mpmath.

C99 (and so ``cmath`` and NumPy) decides the value *on* a branch cut by the sign of a
zero imaginary (or real) part, so ``asin(1.5)`` is ``pi/2 + 0.962i`` for ``1.5 + 0i``.
symcalc has no signed zeros: a value on a cut is the limit from the side that the
cut is continuous with, counter-clockwise from the cut (Mathematica's choice):

=================  ==================================  =========================
function           cut                                 value on the cut from
=================  ==================================  =========================
log, sqrt, z^a     (-oo, 0)                            above (Im z > 0)
acosh              (-oo, 1)                            above
asin, acos, atanh  (-oo, -1) / (1, oo)                 above / below
atan, asinh        (-i oo, -i) / (i, i oo)             right (Re z > 0) / left
=================  ==================================  =========================

and the reciprocal functions (acot, asec, acsc, acoth, asech, acsch) are the base
function of 1/z with this convention applied to 1/z. Here the convention is carried
out for ``cmath`` by choosing the sign of the zero part before the call.

>>> import cmath
>>> on_cut("asin", 1.5)
(1.5707963267948966-0.9624236501192069j)
>>> on_cut("log", -1.0)
3.141592653589793j
"""

from __future__ import annotations

import cmath
from typing import Any

#: base function -> which axis its cuts lie on ("re" or "im"), and the sign of the
#: zero to use there as a function of the position along the axis (t < 0, t > 0).
_RULES: dict[str, tuple[str, float, float]] = {
    "log": ("re", 0.0, 0.0), "sqrt": ("re", 0.0, 0.0), "acosh": ("re", 0.0, 0.0),
    "asin": ("re", 0.0, -0.0), "acos": ("re", 0.0, -0.0), "atanh": ("re", 0.0, -0.0),
    "atan": ("im", -0.0, 0.0), "asinh": ("im", -0.0, 0.0),
}
#: reciprocal functions: f(z) = base(1/z)
RECIPROCAL = {"acot": "atan", "asec": "acos", "acsc": "asin", "acoth": "atanh",
              "asech": "acosh", "acsch": "asinh"}
#: the finite values of reciprocal functions at 0 (limits along the convention)
_AT_ZERO = {"acot": complex(cmath.pi / 2), "acoth": complex(0, cmath.pi / 2)}
_CMATH = {"log": cmath.log, "sqrt": cmath.sqrt, "acosh": cmath.acosh, "asin": cmath.asin,
          "acos": cmath.acos, "atanh": cmath.atanh, "atan": cmath.atan, "asinh": cmath.asinh}


def rule(name: str) -> tuple[str, float, float]:
    """(axis of the cuts, signed zero for t < 0, for t > 0) of a base function."""
    return _RULES[name]


def normalize(name: str, z: complex) -> complex:
    """z with the sign of a zero real/imaginary part chosen by the convention of ``name``."""
    axis, neg, pos = _RULES[name]
    if axis == "re":
        if z.imag == 0:
            return complex(z.real, neg if z.real < 0 else pos)
    elif z.real == 0:
        return complex(neg if z.imag < 0 else pos, z.imag)
    return z


def on_cut(name: str, z: Any) -> complex:
    """``name`` (a base or reciprocal inverse function, log or sqrt) at complex z."""
    z = complex(z)
    base = RECIPROCAL.get(name)
    if base is not None:
        if z == 0 and name in _AT_ZERO:
            return _AT_ZERO[name]
        return _CMATH[base](normalize(base, 1 / z))
    return _CMATH[name](normalize(name, z))


def cpow(b: complex, e: complex) -> complex:
    """Principal b^e = exp(e log b), with log on the convention above."""
    b = complex(b)
    if b == 0:
        return b ** e
    return normalize("log", b) ** e


def cfunction(name: str) -> Any:
    """The complex implementation of ``name`` that follows the convention."""
    return lambda z: on_cut(name, z)


__all__ = ["RECIPROCAL", "cfunction", "cpow", "normalize", "on_cut", "rule"]
