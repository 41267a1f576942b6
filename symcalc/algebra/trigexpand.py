"""``expand_trig`` and the trigonometric zero test.

:func:`expand_trig` applies the addition theorems and the multiple-angle formulas
(the group ``expand trig`` of ``symcalc/rules/simplify_trig.rules``) everywhere until
no trig or hyperbolic function has a sum or an integer multiple (up to 64) as its
argument, then expands:

>>> from symcalc import parse
>>> expand_trig(parse("sin(x + y)"))
cos(x)*sin(y) + cos(y)*sin(x)
>>> expand_trig(parse("cos(3*x)"))
cos(x)^3 - 3*cos(x)*sin(x)^2

:func:`trig_zero_form` goes further, towards a normal form in which an expression that
is identically zero becomes 0: tan, cot, sec, csc are written with sin and cos, the
angles expanded, everything put over one denominator, and in the numerator every
``cos(u)^2`` replaced by ``1 - sin(u)^2`` (``cosh(u)^2`` by ``1 + sinh(u)^2``). With
the angles reduced to independent ones (sums and integer multiples of symbols), what
is left is a polynomial in ``sin(u)``, ``cos(u)`` of degree at most one in each
``cos(u)``, and such a polynomial is zero as a function only if it is the zero
polynomial.

>>> trig_zero_form(parse("sin(x + y) - sin(x)*cos(y) - cos(x)*sin(y)"))
0
>>> trig_zero_form(parse("tan(x)^2 + 1 - 1/cos(x)^2"))
0
"""

from __future__ import annotations

from typing import Any

from ..core.budget import operation
from ..core.expand import expand
from ..core.expr import Expr, as_expr
from ..core.traversal import preorder
from .poly import Poly, PolynomialError

__all__ = ["expand_trig", "trig_zero_form"]

#: Sweeps of the rewriting (each sweep peels one term of a sum or one multiple).
_ROUNDS = 80
_TRIG = frozenset({"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh"})


def _has_trig(e: Expr) -> bool:
    return any(n.is_Function and n.fdef.name in _TRIG for n in preorder(e))


@operation("expand_trig")
def expand_trig(e: Any) -> Expr:
    """``e`` with sin, cos, tan, sinh, cosh of sums and integer multiples expanded by the
    addition theorems (see the module doc)."""
    from .simplify_rules import rewrite_all

    e = as_expr(e)
    if not _has_trig(e):
        return e
    r = rewrite_all(e, "expand trig", rounds=_ROUNDS)
    if r is e:
        return e
    r = expand(r)
    if any(n.is_Function and n.fdef.name == "tan" for n in preorder(r)) and r.is_Add:
        from .rational import cancel

        r = cancel(r)
    return r


def _reduce_pythagoras(p: Poly) -> Poly:
    """``p`` with ``cos(u)^2 -> 1 - sin(u)^2`` (``cosh^2 -> 1 + sinh^2``) for every pair
    of generators ``sin(u)``, ``cos(u)``; each cos then has degree at most 1."""
    gens = p.gens
    index = {g: i for i, g in enumerate(gens)}
    pairs = []
    for j, g in enumerate(gens):
        if g.is_Function and g.fdef.name in ("cos", "cosh"):
            partner = "sin" if g.fdef.name == "cos" else "sinh"
            for i, h in enumerate(gens):
                if h.is_Function and h.fdef.name == partner and h._args == g._args:
                    pairs.append((i, j, 1 if partner == "sin" else -1))
    if not pairs:
        return p
    del index
    for i, j, sign in pairs:
        one = Poly.constant(1, gens) + (-sign) * Poly.gen(i, gens) ** 2
        out = Poly.constant(0, gens)
        for m, k in p.terms.items():
            q, r = divmod(m[j], 2)
            if q == 0:
                out = out + Poly({m: k}, gens)
                continue
            m2 = m[:j] + (r,) + m[j + 1:]
            out = out + Poly({m2: k}, gens) * one ** q
        p = out
    return p


def trig_zero_form(e: Any) -> Expr:
    """A form of ``e`` that is 0 when ``e`` is identically zero as a trigonometric
    polynomial in independent angles (see the module doc); otherwise some equivalent
    expression (not meant for reading)."""
    from .rational import numer_denom, together
    from .simplify_rules import rewrite_all

    e = as_expr(e)
    if not _has_trig(e):
        return e
    s = rewrite_all(e, "sincos")
    s = expand_trig(s)
    n, d = numer_denom(together(s))
    try:
        p = Poly.from_expr(expand(n))
    except PolynomialError:
        return s
    p = _reduce_pythagoras(p)
    if p.is_zero:
        return p.as_expr()
    return p.as_expr() / d
