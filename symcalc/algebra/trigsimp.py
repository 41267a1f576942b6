"""Trigonometric and hyperbolic starting points for ``simplify``.

Sums of products of sin and cos collapse when one of them is written with the other
(Pythagoras) and the result is expanded and factored: the classic reduction of a
trigonometric polynomial. :func:`trig_candidates` returns such rewritings of an
expression; ``simplify`` polishes each with its identity table and keeps the cheapest.
The identities themselves are the groups ``sincos``, ``to sin``, ``to cos`` and
``expand angle`` of ``symcalc/rules/simplify_trig.rules`` and
``simplify_hyperbolic.rules``.

>>> from symcalc import symbols, sin, cos
>>> x = symbols("x")
>>> sorted(set(map(str, trig_candidates(cos(x) - cos(x)*sin(x)**2))))
['cos(x)*(1 - sin(x)^2)', 'cos(x)^3']
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ..core.arithmetic import mul, power
from ..core.expr import Expr
from ..core.numbers import nan, number
from ..core.traversal import bottom_up, preorder
from ..errors import SymcalcError
from .poly import Poly
from .simplify_rational import combine, expanded_size
from .simplify_rules import rewrite_all

TRIG = frozenset({"sin", "cos", "tan", "cot", "sec", "csc"})
HYPERBOLIC = frozenset({"sinh", "cosh", "tanh", "coth", "sech", "csch"})
_RECIPROCAL = frozenset({"tan", "cot", "sec", "csc", "tanh", "coth", "sech", "csch"})


def heads(e: Expr) -> set[str]:
    """The names of the functions applied in ``e``."""
    return {n.fdef.name for n in preorder(e) if n.is_Function}


def _has_even_multiple(e: Expr) -> bool:
    for n in preorder(e):
        if n.is_Function and n.fdef.name in ("sin", "cos", "sinh", "cosh"):
            a = n._args[0]
            if a.is_Mul and isinstance(a._coeff, int) and a._coeff % 2 == 0:
                return True
    return False


def _has_sum_or_multiple_angle(e: Expr) -> bool:
    """Whether a trig or hyperbolic function has a sum or an integer multiple as its
    argument and another has a different argument (up to sign): with one argument
    throughout (``sin(c + d*x)``, ``cos(c + d*x)``) the addition theorems only multiply
    the terms."""
    args: set[Expr] = set()
    expandable = False
    for n in preorder(e):
        if n.is_Function and n.fdef.name in TRIG | HYPERBOLIC:
            a = n._args[0]
            if a.is_Add or (a.is_Mul and isinstance(a._coeff, int) and a._coeff not in (1, -1)):
                expandable = True
            if mul(-1, a) not in args:
                args.add(a)
    return expandable and len(args) > 1


#: :func:`to_full_angles` and :func:`homogenize` expand numerator and denominator: they
#: are skipped for expressions whose expanded form would have more terms than this.
MAX_EXPANDED_TERMS = 400

#: Largest degree in sin and cos that :func:`homogenize` lifts to.
MAX_HOMOGENEOUS_DEGREE = 8


def _pairs(e: Expr) -> list[tuple[Expr, Expr]]:
    """(sin(u), cos(u)) [and (sinh(u), cosh(u))] for every u where both occur in ``e``."""
    found = {(n.fdef.name, n._args[0]): n for n in preorder(e)
             if n.is_Function and n.fdef.name in ("sin", "cos", "sinh", "cosh")}
    out = []
    for (name, u), f in found.items():
        partner = {"sin": "cos", "sinh": "cosh"}.get(name)
        if partner and (partner, u) in found:
            out.append((f, found[(partner, u)]))
    return out


def _homogenize_poly(p: Poly, s: Expr, c: Expr, hyperbolic: bool) -> Poly | None:
    """``p`` with every term of degree ``D - 2k`` in (s, c) multiplied by
    ``(s^2 + c^2)^k`` (``(c^2 - s^2)^k`` for sinh, cosh): the same function, homogeneous
    of degree ``D`` in (s, c); None when the degrees differ by odd numbers."""
    gens = p.gens
    if s not in gens or c not in gens:
        return None
    i, j = gens.index(s), gens.index(c)
    terms = p.terms
    degs = {m: m[i] + m[j] for m in terms}
    top = max(degs.values())
    if top > MAX_HOMOGENEOUS_DEGREE or all(d == top for d in degs.values()):
        return None
    if any((top - d) % 2 for d in degs.values()):
        return None
    one = Poly.gen(j, gens) ** 2 + (-1 if hyperbolic else 1) * Poly.gen(i, gens) ** 2
    out = Poly.constant(0, gens)
    for m, k in terms.items():
        out = out + Poly({m: k}, gens) * one ** ((top - degs[m]) // 2)
    return out


def homogenize(e: Expr) -> Expr | None:
    """Numerator and denominator of ``e`` made homogeneous in sin(u), cos(u) by
    ``1 = sin(u)^2 + cos(u)^2`` (``cosh^2 - sinh^2`` for the hyperbolic pair), so that
    they can factor: ``1 + 2*sin(x)*cos(x) = (sin(x) + cos(x))^2``. None if nothing
    changes.

    >>> from symcalc import symbols, sin, cos
    >>> x = symbols("x")
    >>> homogenize((cos(x) + sin(x))/(2*sin(x)*cos(x) + 1))
    (cos(x) + sin(x))/(cos(x)^2 + sin(x)^2 + 2*cos(x)*sin(x))
    """
    from .rational import numer_denom

    pairs = _pairs(e)
    if not pairs:
        return None
    num, den = numer_denom(e)
    changed = False
    parts = []
    for part in (num, den):
        p = Poly.from_expr(part)
        for s, c in pairs:
            h = _homogenize_poly(p, s, c, s.fdef.name == "sinh")
            if h is not None:
                p, changed = h, True
        parts.append(p.as_expr())
    if not changed:
        return None
    return mul(parts[0], power(parts[1], -1))


_DOUBLE = {"sin": lambda s, c: 2 * s * c, "cos": lambda s, c: c**2 - s**2,
           "sinh": lambda s, c: 2 * s * c, "cosh": lambda s, c: c**2 + s**2}
_HALF_PARTNER = {"sin": ("sin", "cos"), "cos": ("sin", "cos"), "sinh": ("sinh", "cosh"),
                 "cosh": ("sinh", "cosh")}


def to_half_angles(e: Expr) -> Expr | None:
    """sin, cos (sinh, cosh) of ``2u`` written with ``u`` where ``u`` also occurs as an
    argument, so that both sit in one polynomial ring: ``sin(x) + tan(x/2)`` has
    ``sin(x) = 2*sin(x/2)*cos(x/2)``. None if no argument is twice another."""
    from ..core.function import REGISTRY

    args = {n._args[0] for n in preorder(e) if n.is_Function and n.fdef.name in _DOUBLE}
    doubles = {a for a in args if mul(a, number(Fraction(1, 2))) in args}
    if not doubles:
        return None

    def visit(node: Expr, kids: tuple) -> Expr:
        if node.is_Function and node.fdef.name in _DOUBLE and kids[0] in doubles:
            h = mul(kids[0], number(Fraction(1, 2)))
            sn, cn = _HALF_PARTNER[node.fdef.name]
            return _DOUBLE[node.fdef.name](REGISTRY[sn](h), REGISTRY[cn](h))
        return node.rebuild(kids) if kids else node

    return bottom_up(e, visit)


def _halves(e: Expr) -> dict[Expr, tuple[Expr, Expr, bool]]:
    """u -> (sin(u), cos(u), hyperbolic) for the arguments ``u`` of sin, cos (sinh, cosh)
    in ``e`` whose double ``2*u`` is also an argument or is the smaller expression
    (``c/2 + d*x/2``, ``x/2``)."""
    from ..core.function import REGISTRY

    found: dict[Expr, tuple[Expr, Expr, bool]] = {}
    args = {(n._args[0], n.fdef.name in HYPERBOLIC) for n in preorder(e)
            if n.is_Function and n.fdef.name in _DOUBLE}
    plain = {u for u, _ in args}
    for u, hyp in sorted(args, key=lambda a: (a[0].sort_key(), a[1])):
        two = mul(2, u)
        if two in plain or two.count_ops() < u.count_ops():
            s, c = ("sinh", "cosh") if hyp else ("sin", "cos")
            found.setdefault(u, (REGISTRY[s](u), REGISTRY[c](u), hyp))
    return found


def _full_angle_terms(p: Poly, s: Expr, c: Expr, hyp: bool, lift: Expr | None) -> Expr:
    """``p`` (every term of even degree in s = sin(u), c = cos(u), after multiplying by
    ``lift``, one of them, if given) written with sin(2u), cos(2u): ``s^2 = (1 - cos(2u))/2``,
    ``c^2 = (1 + cos(2u))/2``, ``s*c = sin(2u)/2`` (``s^2 = (cosh(2u) - 1)/2``,
    ``c^2 = (cosh(2u) + 1)/2`` for sinh, cosh)."""
    from ..core.arithmetic import add
    from ..core.function import REGISTRY

    u2 = mul(2, s._args[0])
    C = REGISTRY["cosh" if hyp else "cos"](u2)
    S = REGISTRY["sinh" if hyp else "sin"](u2)
    half = number(Fraction(1, 2))
    s2 = mul(half, add(C, -1)) if hyp else mul(half, add(1, mul(-1, C)))
    c2 = mul(half, add(C, 1))
    gens = p.gens
    i = gens.index(s) if s in gens else None
    j = gens.index(c) if c in gens else None
    out = []
    for m, k in p.terms.items():
        a = (m[i] if i is not None else 0) + (lift is s)
        b = (m[j] if j is not None else 0) + (lift is c)
        rest = [power(g, d) for n, (g, d) in enumerate(zip(gens, m)) if n not in (i, j) and d]
        f = power(s2, a // 2) if a % 2 == 0 else mul(half, S, power(s2, (a - 1) // 2))
        f = mul(f, power(c2, b // 2))
        out.append(mul(number(k), f, *rest))
    return add(*out)


def to_full_angles(e: Expr) -> Expr | None:
    """sin, cos (sinh, cosh) of ``u`` written with ``2u`` where ``u`` enters only through
    even products (``sin(u)^2``, ``sin(u)*cos(u)``, ``tan(u/2) = sin(u/2)/cos(u/2)``) and
    ``2u`` is also present or the simpler angle: the inverse of :func:`to_half_angles`,
    for what a Weierstrass substitution left, ``a + b + 2*b*sinh(x/2)^2 = a + b*cosh(x)``.
    Numerator and denominator of odd degree are both multiplied by ``cos(u)`` (or
    ``sin(u)``) first where it divides the denominator (``tan(u) = sin(u)*cos(u)/cos(u)^2``:
    the input is undefined where it vanishes, so no point becomes undefined). None if
    nothing changes."""
    from .rational import numer_denom

    args = {n._args[0] for n in preorder(e) if n.is_Function and n.fdef.name in TRIG | HYPERBOLIC}
    if not any(mul(2, u) in args or mul(2, u).count_ops() < u.count_ops() for u in args):
        return None  # no half angle (checked before the rewriting, which costs more)
    e = rewrite_all(e, "sincos")
    halves = _halves(e)
    if not halves:
        return None
    num, den = numer_denom(e)
    pn, pd = Poly.from_expr(num), Poly.from_expr(den)
    changed = False
    for s, c, hyp in halves.values():
        gens = set(pn.gens) | set(pd.gens)
        if s not in gens and c not in gens:
            continue
        par = []
        for p in (pn, pd):
            idx = [p.gens.index(g) for g in (s, c) if g in p.gens]
            ks = {sum(m[t] for t in idx) % 2 for m in p.terms}
            par.append(ks.pop() if len(ks) == 1 else None)
        if None in par or par[0] != par[1]:
            continue
        lift = None
        if par[0] == 1:  # odd: lift by a generator dividing the denominator
            for g in (c, s):
                if g in pd.gens and all(m[pd.gens.index(g)] for m in pd.terms):
                    lift = g
                    break
            if lift is None:
                continue
        num = _full_angle_terms(pn, s, c, hyp, lift)
        den = _full_angle_terms(pd, s, c, hyp, lift)
        pn, pd = Poly.from_expr(num), Poly.from_expr(den)
        changed = True
    if not changed:
        return None
    return mul(pn.as_expr(), power(pd.as_expr(), -1))


def trig_candidates(e: Expr, factor: Callable[[Expr], Expr] | None = None,
                    expand_angles: bool = True,
                    combine: Callable[[Expr], Expr] = combine) -> list[Expr]:
    """Rewritings of ``e`` in sin and cos (sinh and cosh) with Pythagoras applied both
    ways, combined over common denominators, expanded and (with ``factor``) factored.
    With ``expand_angles`` sums and multiples of angles are also expanded
    (:func:`~symcalc.algebra.trigexpand.expand_trig`) and a zero recognized.
    ``combine`` may be given a memo (:func:`~symcalc.algebra.simplify_rational.combine`)."""
    hs = heads(e)
    if not (hs & TRIG or hs & HYPERBOLIC):
        return []
    starts = [e]
    from .trigexpand import expand_trig, trig_zero_form

    if expand_angles and _has_sum_or_multiple_angle(e):
        try:
            z = trig_zero_form(e)
        except SymcalcError:
            z = None
        if z is not None and z == 0:
            return [z]  # (simplify checked the denominators: e is defined somewhere)
        try:
            starts.append(expand_trig(e))
        except SymcalcError:
            pass
    if _has_even_multiple(e):
        starts.append(rewrite_all(e, "expand angle"))
    if hs & _RECIPROCAL:
        half = to_half_angles(rewrite_all(e, "sincos"))
    else:
        half = to_half_angles(e)
    if half is not None:
        starts.append(half)
    big = expanded_size(e) > MAX_EXPANDED_TERMS
    full = None if big else to_full_angles(e)
    if full is not None:
        starts.append(full)
    out: list[Expr] = []
    for s in starts:
        try:
            if hs & _RECIPROCAL:
                s = rewrite_all(s, "sincos")
            base = combine(s)
            out.append(base)
            h = None if big else homogenize(base)
            if h is not None:
                out.append(h if factor is None else factor(h))
            for g in ("to sin", "to cos"):
                t = combine(rewrite_all(base, g))
                out.append(t)
                if factor is not None:
                    out.append(factor(t))
        except SymcalcError:
            continue
    return out


def trigsimp(e: Any) -> Expr:
    """The cheapest of ``e`` and its trigonometric rewritings (:func:`trig_candidates`,
    each polished with simplify's identity table): products and powers reduced, the
    addition theorems applied. ``simplify`` runs this among its other strategies.

    >>> from symcalc import parse
    >>> trigsimp(parse("sin(x + y) - sin(x)*cos(y)"))
    cos(x)*sin(y)
    >>> trigsimp(parse("cos(x)^4 - sin(x)^4"))
    cos(2*x)
    """
    from ..core.expr import as_expr
    from .simplify_cost import cost
    from .simplify_rules import polish
    from .zerotest import zero_denominator

    e = as_expr(e)
    undefined = zero_denominator(e)
    if undefined is not None:
        return nan if undefined == "zero" else e
    memo: dict = {}
    best, best_cost = e, cost(e, memo)
    for t in trig_candidates(e):
        for c in (t, polish(t, lambda z: cost(z, memo))):
            k = cost(c, memo)
            if k < best_cost:
                best, best_cost = c, k
    return best
