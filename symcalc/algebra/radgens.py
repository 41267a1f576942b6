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

from ..core.arithmetic import add, mul, power
from ..core.budget import check
from ..core.expr import Expr
from ..core.numbers import number
from ..core.symbol import Symbol
from ..core.traversal import preorder, subs

__all__ = ["radical_bases", "reduce_radicals", "reduced_form", "via_radicals"]


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
    return _applied(to_generators(e), fn)


def reduce_radicals(e: Expr, fn: Callable[[Expr], Expr | None]) -> Expr | None:
    """``fn`` (cancel, factor) applied to :func:`reduced_form` of ``e``, the
    generators put back; None when nothing reduces or ``fn`` gives None.

    >>> from symcalc import symbols, Rational
    >>> from symcalc.algebra.rational import cancel
    >>> a, b, x = symbols("a b x")
    >>> reduce_radicals((a + b*x)**Rational(5, 2) - a*(a + b*x)**Rational(3, 2), cancel)
    b*x*(a + b*x)^(3/2)
    """
    return _applied(reduced_form(e), fn)


def _applied(got: tuple[Expr, dict[Expr, Expr]] | None,
             fn: Callable[[Expr], Expr | None]) -> Expr | None:
    """``fn`` on the rewritten form, the generators put back (None passes through)."""
    if got is None:
        return None
    r = fn(got[0])
    if r is None:
        return None
    return subs(r, got[1])


#: A base is divided out of a polynomial at most this many times (one division each).
MAX_PULL = 200


def reduced_form(e: Expr) -> tuple[Expr, dict[Expr, Expr]] | None:
    """``(e', back)``: ``e`` over one denominator, with each base's
    radicals written as powers of one generator ``t = B^(1/L)`` and every power
    ``t^k``, ``k >= L``, of numerator and denominator reduced to
    ``B^(k // L)*t^(k % L)``: the relation ``t^L = B`` that :func:`via_radicals` leaves
    out, so that ``(a + b*x)^(5/2) - a*(a + b*x)^(3/2)`` has the numerator
    ``b*x*t^3 = b*x*(a + b*x)*t``. A base ``B`` that divides the numerator or the
    denominator is taken out as ``t^L``, to cancel against the radicals of the other
    side (``x*(a + b*x)^3/sqrt(a + b*x)``); ``back`` is the substitution
    ``{t: B^(1/L)}`` that puts the radicals back.

    Numerator and denominator keep their values (``t^L`` is replaced by the equal
    ``B``), so no point where ``e`` is defined becomes undefined. What is applied to
    ``e'`` sees the generators as symbols (``d^8*t`` is not merged back into
    ``d^(17/2)``). None when nothing reduces. Bases with radicals inside are left
    alone."""
    from .poly import Poly
    from .rational import numer_denom

    bases = {b: L for b, L in radical_bases(e).items() if not radical_bases(b)}
    if not bases:
        return None
    ts = _fresh(e, len(bases))
    gen = {b: (t, L) for (b, L), t in zip(bases.items(), ts)}
    memo: dict[int, Expr] = {}

    def walk(n: Expr) -> Expr:
        got = memo.get(id(n))
        if got is not None:
            return got
        if n.is_Pow and n._args[0] in gen and n._args[1].is_Number \
                and isinstance(n._args[1].value, Fraction):
            t, L = gen[n._args[0]]
            k = n._args[1].value * L
            r = power(t, number(k)) if k.denominator == 1 else n
        elif n._args:
            r = n.rebuild(tuple(walk(a) for a in n._args))
        else:
            r = n
        memo[id(n)] = r
        return r

    num, den = numer_denom(walk(e))
    changed = False
    parts = []
    for part in (num, den):
        p = Poly.from_expr(part)
        idx = [(p.gens.index(t), b, L) for b, (t, L) in gen.items() if t in p.gens]
        if any(m[i] >= L for m in p.terms for i, _, L in idx):
            changed = True
            terms = []
            for m, k in p.terms.items():
                m = list(m)
                extra = []
                for i, b, L in idx:
                    if m[i] >= L:
                        extra.append(power(b, number(m[i] // L)))
                        m[i] %= L
                terms.append(mul(number(k), *extra,
                                 *(power(g, number(d)) for g, d in zip(p.gens, m) if d)))
            p = Poly.from_expr(add(*terms))
        # a base that divides the polynomial: B^k = t^(k*L), to cancel against t
        pulled = []
        for b, (t, L) in gen.items():
            pb = Poly.from_expr(b)
            if pb.is_constant:
                continue
            if p.total_degree() > MAX_PULL * max(1, pb.total_degree()):
                continue    # one division per power: not for x^3753777185951
            k = 0
            while not p.is_constant:
                check()
                q, r = p.div(pb)
                if not r.is_zero:
                    break
                p, k = q, k + 1
            if k:
                changed = True
                pulled.append(power(t, number(k * L)))
        parts.append(mul(p.as_expr(), *pulled))
    if not changed:
        return None
    return (mul(parts[0], power(parts[1], -1)),
            {t: power(b, number(Fraction(1, L))) for b, (t, L) in gen.items()})
