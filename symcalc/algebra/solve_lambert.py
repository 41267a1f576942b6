"""Equations with the unknown both outside and inside an exponential or a logarithm,
solved with Lambert's W (``w*exp(w) = z``, :func:`symcalc.lambertw`).

``solve`` calls :func:`lambert_roots` when ``x`` occurs in several independent forms.
The forms handled, with ``E = B^(a*x + b)`` an exponential (any constant base ``B > 0``)
and ``a1, a0, b1, b0`` free of ``x``:

* ``(a1*x + a0)*E + b0 = 0``: with ``c = a*log(B)``, ``d = b*log(B)``, put
  ``s = c*(x + a0/a1)``; then ``s*exp(s) = z = -(c*b0/a1)*exp(c*a0/a1 - d)`` and
  ``x = W(z)/c - a0/a1``;
* ``a0*E + b1*x + b0 = 0``: ``s = -c*(x + b0/b1)`` gives
  ``s*exp(s) = z = (c*a0/b1)*exp(d - c*b0/b1)`` and ``x = -W(z)/c - b0/b1``;
* ``a1*x*log(x) + b0 = 0``: ``s = log(x)`` gives ``s*exp(s) = -b0/a1`` and
  ``x = exp(W(-b0/a1))``.

Over the reals ``s*exp(s) = z`` has no solution for ``z < -1/e``, one for ``z >= 0`` or
``z = -1/e`` (the principal branch W₀), and two for ``-1/e < z < 0``: ``W₀(z)`` and
``W₋₁(z)``. The registry has W₀ only, so the second is given as a Float (computed with
mpmath to full double precision). With parameters in ``z`` only the principal
solution is returned (as for the other inverted functions). Over the complex numbers
there is one solution per branch of W, infinitely many: ``solve`` refuses.

>>> from symcalc import parse, symbols
>>> x = symbols("x")
>>> from symcalc import solve
>>> solve(parse("x*exp(x) - 1"), x)
[lambertw(1)]
>>> solve(parse("exp(-x) - x"), x)
[lambertw(1)]
>>> solve(parse("x*log(x) - 1"), x)
[exp(lambertw(1))]
"""

from __future__ import annotations

import math

from ..core.arithmetic import add, mul, power
from ..core.expr import Expr
from ..core.functions import exp, log
from ..core.numbers import MINUS_ONE, ONE, ZERO, E, number
from ..core.symbol import Symbol
from .poly import Poly, PolynomialError

__all__ = ["lambert_roots"]

Root = tuple[Expr, int]


def _split(g: Expr, h: Expr, x: Symbol) -> tuple[Expr, Expr, Expr, Expr] | None:
    """``(a1, a0, b1, b0)`` with ``g = (a1*x + a0)*h + b1*x + b0``, all free of x."""
    try:
        p = Poly.from_expr(g)
    except PolynomialError:
        return None
    if h not in p.gens or p.degree(p.gens.index(h)) != 1:
        return None
    out = []
    for part in (p.coeff_in(h, 1), p.coeff_in(h, 0)):
        if x in part.gens:
            if part.degree(part.gens.index(x)) > 1:
                return None
            hi, lo = part.coeff_in(x, 1).as_expr(), part.coeff_in(x, 0).as_expr()
        else:
            hi, lo = ZERO, part.as_expr()
        if hi.has(x) or lo.has(x):
            return None
        out += [hi, lo]
    return out[0], out[1], out[2], out[3]


def _value(e: Expr) -> float | None:
    if e.free_symbols:
        return None
    try:
        v = complex(e.evalf())
    except Exception:  # noqa: BLE001 - any failure means: not a number we can use
        return None
    if abs(v.imag) > 1e-12 * max(1.0, abs(v)):
        return math.nan
    return v.real


def _branches(z: Expr, domain: str) -> list[Expr] | None:
    """The solutions w of ``w*exp(w) = z`` (see the module doc), None over C."""
    from ..core.functions_special import lambertw as W

    if domain == "complex":
        return None
    v = _value(z)
    if v is None:
        return [W(z)]
    if math.isnan(v) or v < -math.exp(-1) * (1 + 1e-15):
        return []
    out = [W(z)]
    if v < 0 and abs(v + math.exp(-1)) > 1e-15:
        import mpmath

        with mpmath.workdps(30):
            w1 = mpmath.lambertw(_mp(z), -1)
        out.append(number(float(w1.real)))
    return out


def _mp(z: Expr):  # noqa: ANN202 - an mpmath number
    from ..core.mpeval import evalf_mp

    return evalf_mp(z, 30)


def _base_c_d(h: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """``(c, d)`` with ``h = exp(c*x + d)``."""
    from .solve import _exp_part

    part = _exp_part(h, x)
    if part is None:
        return None
    base, a, b = part
    lb = ONE if base is E else log(base)
    return mul(number(a), lb), mul(b, lb)


def lambert_roots(g: Expr, x: Symbol, xgens: list[Expr], domain: str) -> list[Root] | None:
    """Roots of ``g = 0`` in the forms of the module doc, or None if ``g`` has none of
    them (the caller then explains what it cannot do)."""
    found = _lambert_roots(g, x, xgens, domain)
    if found is None:
        return None
    out = []
    for r, k in found:
        if any(n.is_Number and isinstance(n.value, float) for n in r.preorder()):
            r = number(float(complex(r.evalf()).real))  # the W_-1 branch: a Float root
        out.append((r, k))
    return out


def _lambert_roots(g: Expr, x: Symbol, xgens: list[Expr], domain: str) -> list[Root] | None:
    others = [h for h in xgens if h is not x]
    if len(others) != 1:
        return None
    h = others[0]
    parts = _split(g, h, x)
    if parts is None:
        return None
    a1, a0, b1, b0 = parts
    neg = MINUS_ONE
    if h.is_Function and h.fdef.name == "log" and h.args[0] is x:
        if a0 is not ZERO or b1 is not ZERO or a1 is ZERO:
            return None
        ws = _branches(mul(neg, b0, power(a1, neg)), domain)
        if ws is None:
            return None
        return [(exp(w), 1) for w in ws]
    cd = _base_c_d(h, x)
    if cd is None:
        return None
    c, d = cd
    if b1 is ZERO and a1 is not ZERO and b0 is not ZERO:
        shift = mul(a0, power(a1, neg))
        z = mul(neg, c, b0, power(a1, neg), exp(add(mul(c, shift), mul(neg, d))))
        ws = _branches(z, domain)
        if ws is None:
            return None
        return [(add(mul(w, power(c, neg)), mul(neg, shift)), 1) for w in ws]
    if a1 is ZERO and b1 is not ZERO and a0 is not ZERO:
        shift = mul(b0, power(b1, neg))
        z = mul(c, a0, power(b1, neg), exp(add(d, mul(neg, c, shift))))
        ws = _branches(z, domain)
        if ws is None:
            return None
        return [(add(mul(neg, w, power(c, neg)), mul(neg, shift)), 1) for w in ws]
    return None

