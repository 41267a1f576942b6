"""Radicals of one base as powers of one generator, for the rational algorithms.

``cancel`` and ``factor`` take every distinct power that is not a polynomial for a
generator of its own: ``b^(27/4)`` and ``b^(23/4)`` are two unrelated symbols to them,
so ``(b^(27/4) + b^(23/4)*c*x^2)/b^(23/4)`` does not cancel. :func:`via_radicals`
writes every power ``B^(p/q)`` of a base ``B`` as a power of one fresh symbol
``t = B^(1/L)`` (``L`` the least common multiple of the denominators of the exponents
of ``B``), and every bare ``B`` as ``t^L``, runs the algorithm on that, and puts
``B^(1/L)`` back for ``t``.

The rewriting is exact everywhere: ``(B^(1/L))^k = B^(k/L)`` for every integer ``k``
with principal powers, and ``(B^(1/L))^L = B``. The algorithm then sees the relations
``t^27 = t^4 * t^23`` that it missed; it treats ``t`` as independent of the symbols in
``B``, which can only lose simplifications, never give a wrong one.

>>> from symcalc import symbols, Rational
>>> from symcalc.algebra.rational import cancel
>>> b, c, x = symbols("b c x")
>>> e = (b**Rational(27, 4) + b**Rational(23, 4)*c*x**2)/b**Rational(23, 4)
>>> via_radicals(e, cancel)
b + c*x^2
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from math import lcm

from ..core.arithmetic import power
from ..core.expr import Expr
from ..core.numbers import number
from ..core.symbol import Symbol
from ..core.traversal import preorder, subs

__all__ = ["radical_bases", "via_radicals"]


def radical_bases(e: Expr) -> dict[Expr, int]:
    """base -> the lcm of the denominators of its non-integer rational exponents in ``e``
    (in order of first appearance)."""
    out: dict[Expr, int] = {}
    for n in preorder(e):
        if n.is_Pow:
            k = n._args[1]
            if k.is_Number and isinstance(k.value, Fraction) and k.value.denominator != 1:
                b = n._args[0]
                out[b] = lcm(out.get(b, 1), k.value.denominator)
    return out


def _fresh(e: Expr, count: int) -> list[Symbol]:
    names = {n.name for n in preorder(e) if n.is_Symbol}
    out: list[Symbol] = []
    i = 0
    while len(out) < count:
        name = f"_rad{i}"
        if name not in names:
            out.append(Symbol(name))
        i += 1
    return out


def to_generators(e: Expr) -> tuple[Expr, dict[Expr, Expr]] | None:
    """``(e', back)``: ``e`` with the radicals of each base written as powers of one
    fresh symbol, and the substitution ``{symbol: base^(1/L)}`` that undoes it; None
    when ``e`` has no radicals."""
    bases = radical_bases(e)
    if not bases:
        return None
    ts = _fresh(e, len(bases))
    gen = {b: (t, L) for (b, L), t in zip(bases.items(), ts)}
    memo: dict[int, Expr] = {}

    def walk(n: Expr) -> Expr:
        got = memo.get(id(n))
        if got is not None:
            return got
        g = gen.get(n)
        if g is not None:  # a bare base: B = t^L
            r = power(g[0], number(g[1]))
        elif n.is_Pow and n._args[0] in gen and n._args[1].is_Number \
                and isinstance(n._args[1].value, (int, Fraction)):
            t, L = gen[n._args[0]]
            k = Fraction(n._args[1].value) * L
            r = power(t, number(k)) if k.denominator == 1 else n.rebuild(
                (walk(n._args[0]), n._args[1]))
        elif n._args:
            r = n.rebuild(tuple(walk(a) for a in n._args))
        else:
            r = n
        memo[id(n)] = r
        return r

    back = {t: power(b, number(Fraction(1, L))) for b, (t, L) in gen.items()}
    return walk(e), back


def via_radicals(e: Expr, fn: Callable[[Expr], Expr | None]) -> Expr | None:
    """``fn`` applied to ``e`` with each base's radicals written as powers of one
    generator (see the module doc); None when ``e`` has no radicals or ``fn`` gives
    None."""
    got = to_generators(e)
    if got is None:
        return None
    r = fn(got[0])
    if r is None:
        return None
    return subs(r, got[1])
