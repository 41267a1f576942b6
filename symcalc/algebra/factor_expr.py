"""``factor``: expression-level factorization over Q.

Polynomials factor completely into irreducibles over Q: the rational content, monomial
factors, contents with respect to each generator (recursively) and the square-free
decomposition (Yun) are split off first; square-free parts in one generator are factored
by :func:`factor_list` (Zassenhaus), those in several by
:func:`~symcalc.algebra.factor_multi.factor_squarefree` (evaluation and Hensel lifting).
Rational functions factor numerator and denominator; function arguments are factored too.

>>> from symcalc import symbols
>>> x, y = symbols("x y")
>>> factor(x**4 - 1)
(x - 1)*(x + 1)*(x^2 + 1)
>>> factor(x**2*y + 2*x*y + y)
y*(x + 1)^2
>>> factor(x**3*y - x*y**3)
x*y*(x + y)*(x - y)
>>> factor((x**2 - 1)/(x**2 + 2*x + 1))
(x - 1)/(x + 1)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.arithmetic import mul, power
from ..core.budget import operation
from ..core.expr import Expr, as_expr
from ..core.numbers import number
from .factor import factor_list
from .factor_multi import factor_squarefree
from .gcd import cofactors, gcd
from .poly import Coeff, Poly, PolynomialError
from .rational import _map_args, _polys, numer_denom

__all__ = ["factor", "factor_poly_list"]


def _used(p: Poly) -> list[int]:
    return [i for i in range(len(p.gens)) if any(m[i] for m in p.terms)]


def _shrink(p: Poly, i: int) -> Poly:
    """``p`` (which involves only generator ``i``) as a univariate polynomial."""
    return Poly({(m[i],): c for m, c in p.terms.items()}, (p.gens[i],))


def _widen(p: Poly, i: int, gens: tuple[Expr, ...]) -> Poly:
    n = len(gens)
    return Poly({tuple(m[0] if j == i else 0 for j in range(n)): c
                  for m, c in p.terms.items()}, gens)


def _content_in(p: Poly, i: int) -> Poly:
    """The monic gcd of the coefficients of ``p`` with respect to generator ``i``."""
    g = Poly._new({}, p.gens)
    for d in sorted({m[i] for m in p.terms}, key=lambda d: len(p.coeff_in(i, d).terms)):
        g = gcd(g, p.coeff_in(i, d))
        if g.is_constant:
            break
    return g


def _yun(f: Poly, i: int) -> list[tuple[Poly, int]]:
    """Square-free decomposition of ``f``, primitive in generator ``i`` (Yun)."""
    df = f.diff(i)
    a0 = gcd(f, df)
    if a0.is_constant:  # square-free already (the common case): no divisions, no more gcds
        return [(f, 1)] if f.degree(i) > 0 else []
    b = f.exquo(a0)
    c = df.exquo(a0)
    d = c - b.diff(i)
    out = []
    k = 1
    while b.degree(i) > 0:
        a = gcd(b, d)
        b = b.exquo(a)
        c = d.exquo(a)
        d = c - b.diff(i)
        if not a.is_constant:
            out.append((a, k))
        k += 1
    return out


def _factors(p: Poly) -> list[tuple[Poly, int]]:
    """``[(f, k), ...]`` with ``p == c * prod f^k`` for a rational ``c``, each ``f``
    irreducible, primitive with positive leading coefficient (equal ones not merged)."""
    if p.is_zero:
        return []
    p = p.primitive_part()
    if p.is_constant:
        return []
    gens = p.gens
    n = len(gens)
    out: list[tuple[Poly, int]] = []
    low = [min(m[i] for m in p.terms) for i in range(n)]
    if any(low):
        for i, k in enumerate(low):
            if k:
                out.append((Poly.gen(i, gens), k))
        p = Poly({tuple(a - b for a, b in zip(m, low)): v for m, v in p.terms.items()}, gens)
    used = _used(p)
    if not used:
        return out
    if len(used) == 1:
        i = used[0]
        return out + [(_widen(f, i, gens), k) for f, k in factor_list(_shrink(p, i))[1]]
    i = min(used, key=lambda j: (p.degree(j), j))  # Yun in the lowest degree: cheaper gcds
    cont = _content_in(p, i)
    if not cont.is_constant:
        p = p.exquo(cont)
        out += _factors(cont)  # free of generator i: fewer generators used
    for f, k in _yun(p.primitive_part(), i):
        f = f.primitive_part()
        if len(_used(f)) == 1:
            out += [(g, k * j) for g, j in _factors(f)]
        else:
            out += [(g, k) for g in factor_squarefree(f)]
    return out


def factor_poly_list(p: Poly) -> tuple[Coeff, list[tuple[Poly, int]]]:
    """Like :func:`factor_list` for any number of generators: ``(c, [(f1, k1), ...])``
    with ``p == c * f1^k1 * ...``, the ``fi`` distinct, irreducible over Q, integral,
    primitive, with positive leading coefficient; sorted by total degree, then size.

    >>> from symcalc import symbols
    >>> x, y = symbols("x y")
    >>> c, fs = factor_poly_list(Poly.from_expr(2*x**3*y - 2*x*y))
    >>> c, [(f.as_expr(), k) for f, k in fs]
    (2, [(x, 1), (y, 1), (x - 1, 1), (x + 1, 1)])
    """
    fl = _factors(p)
    c: Coeff = 0
    merged: dict[Poly, int] = {}
    for f, k in fl:
        merged[f] = merged.get(f, 0) + k
    # exact constant: compare leading coefficients
    prod_lc = Fraction(1)
    for f, k in merged.items():
        prod_lc *= Fraction(f.leading_coeff()) ** k
    if not p.is_zero:
        c = Fraction(p.leading_coeff()) / prod_lc
        c = c.numerator if c.denominator == 1 else c
    items = sorted(merged.items(), key=lambda fk: (fk[0].total_degree(), len(fk[0].terms),
                                                    fk[0].as_expr().sort_key(), fk[1]))
    return c, items


def _factor_poly_expr(p: Poly) -> Expr:
    c, fl = factor_poly_list(p)
    return mul(number(c), *[power(f.as_expr(), number(k)) for f, k in fl])


@operation("factor")
def factor(e: Any, *, modulus: int | None = None, extension: Any = None) -> Expr:
    """A product of irreducible factors (over Q) equal to ``e``.

    Polynomials in any number of generators factor completely. Numerator and
    denominator of a rational function are factored separately after cancelling;
    function arguments are factored too. Expressions that are not rational functions
    over Q are returned unchanged.

    ``modulus=q`` (a prime) factors a polynomial in one variable over GF(q)
    (:mod:`~symcalc.algebra.factor_mod`); ``extension=alpha`` (``sqrt(2)``, ``I``,
    ``2^(1/3)``, ...) factors over Q(alpha) (:mod:`~symcalc.algebra.factor_ext`).

    >>> from symcalc import symbols
    >>> x, y = symbols("x y")
    >>> factor(x**2 + 2*x + 1)
    (x + 1)^2
    >>> factor(6*x**3 - 6*x)
    6*x*(x - 1)*(x + 1)
    >>> factor(x**2 - y**2)
    (x + y)*(x - y)
    >>> factor(x**2 + 1, modulus=5)
    (x - 2)*(x + 2)
    """
    if modulus is not None:
        from .factor_mod import factor_modulo

        return factor_modulo(e, modulus)
    if extension is not None:
        from .factor_ext import factor_extension

        return factor_extension(e, extension)
    e = _map_args(as_expr(e), factor)
    n, d = numer_denom(e)
    try:
        P, Q = _polys(n, d)
    except PolynomialError:
        return e
    if P.is_zero:
        return number(0)
    _, P, Q = cofactors(P, Q)
    num = _factor_poly_expr(P)
    if Q.is_constant:
        return mul(num, number(Fraction(1) / Fraction(Q.leading_coeff())))
    return mul(num, power(_factor_poly_expr(Q), number(-1)))
