"""Factoring a univariate polynomial modulo a prime: ``factor(p, modulus=q)``.

Over GF(q) a polynomial splits into its square-free parts first (Yun's algorithm, with
the characteristic case ``f' = 0``, where ``f`` is a ``q``-th power, handled by taking
the ``q``-th root of the coefficients), then each part by distinct-degree factorization
and equal-degree splitting (Cantor–Zassenhaus for odd ``q``, the trace map for
``q = 2``; :mod:`~symcalc.algebra.galois`). The factors are printed with coefficients
in the symmetric range ``-q/2 < c <= q/2`` and the leading coefficient (in
``1 .. q-1``) in front.

>>> from symcalc import parse
>>> factor_modulo(parse("x^2 + 1"), 5)
(x - 2)*(x + 2)
>>> factor_modulo(parse("x^4 + 1"), 2)
(x + 1)^4
>>> factor_modulo(parse("3*x^3 + 3"), 7)
3*(x - 3)*(x + 1)*(x + 2)
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.expr import Expr, as_expr
from ..core.ntheory import is_probable_prime
from ..core.numbers import number
from ..errors import SymcalcError
from .galois import (
    Gf,
    gf_add,
    gf_ddf,
    gf_divmod,
    gf_edf,
    gf_gcd,
    gf_monic,
    gf_mul,
    gf_rem,
    gf_trim,
)
from .poly import Poly, PolynomialError

__all__ = ["factor_modulo", "gf_factor_list"]


class ModulusError(SymcalcError, ValueError):
    """The modulus is not a prime, or the polynomial is not univariate over Z/q."""


def _diff(f: Gf, q: int) -> Gf:
    return gf_trim([i * c % q for i, c in enumerate(f)][1:])


def _pth_root(f: Gf, q: int) -> Gf:
    """g with g(x)^q = f(x) over GF(q) (f has only exponents divisible by q)."""
    return gf_trim([f[i] for i in range(0, len(f), q)])


def _exquo(a: Gf, b: Gf, q: int) -> Gf:
    return gf_divmod(a, b, q)[0]


def _sqf(f: Gf, q: int) -> list[tuple[Gf, int]]:
    """Square-free decomposition of a monic f over GF(q)."""
    if len(f) <= 1:
        return []
    df = _diff(f, q)
    if not df:
        return [(g, k * q) for g, k in _sqf(_pth_root(f, q), q)]
    out = []
    c = gf_gcd(f, df, q)
    w = _exquo(f, c, q)
    i = 1
    while len(w) > 1:
        y = gf_gcd(w, c, q)
        z = _exquo(w, y, q)
        if len(z) > 1:
            out.append((z, i))
        i += 1
        w = y
        c = _exquo(c, y, q)
    if len(c) > 1:
        out += [(g, k * q) for g, k in _sqf(_pth_root(c, q), q)]
    return out


def _edf2(f: Gf, d: int, rng: random.Random) -> list[Gf]:
    """Equal-degree splitting over GF(2) with the trace map a + a^2 + ... + a^(2^(d-1))."""
    n = len(f) - 1
    if n == d:
        return [f]
    while True:
        a = gf_trim([rng.randrange(2) for _ in range(n)])
        if len(a) < 2:
            continue
        t, s = a, a
        for _ in range(d - 1):
            s = gf_rem(gf_mul(s, s, 2), f, 2)
            t = gf_add(t, s, 2)
        g = gf_gcd(t, f, 2)
        if 1 < len(g) < len(f):
            return _edf2(g, d, rng) + _edf2(_exquo(f, g, 2), d, rng)


def gf_factor_list(f: Gf, q: int) -> tuple[int, list[tuple[Gf, int]]]:
    """``(lc, [(g, k), ...])``: f = lc * prod g^k over GF(q), the g monic irreducible."""
    f = gf_trim([c % q for c in f])
    if not f:
        return 0, []
    lc = f[-1]
    f = gf_monic(f, q)
    rng = random.Random(0)
    out: list[tuple[Gf, int]] = []
    for part, k in _sqf(f, q):
        for g, d in gf_ddf(part, q):
            pieces = _edf2(g, d, rng) if q == 2 else gf_edf(g, d, q, rng)
            out += [(h, k) for h in pieces]
    out.sort(key=lambda gk: (len(gk[0]), gk[0][::-1], gk[1]))
    return lc, out


def _symmetric(c: int, q: int) -> int:
    c %= q
    return c - q if c > q // 2 else c


def _as_expr(g: Gf, q: int, x: Expr) -> Expr:
    return add(*[mul(number(_symmetric(c, q)), power(x, number(i)))
                 for i, c in enumerate(g) if c % q])


def factor_modulo(e: Any, modulus: int) -> Expr:
    """``e``, a univariate polynomial with rational coefficients whose denominators are
    prime to ``modulus``, factored over GF(modulus) (see the module doc)."""
    q = modulus
    if not isinstance(q, int) or isinstance(q, bool) or not is_probable_prime(q):
        raise ModulusError(f"modulus must be a prime number, got {modulus!r}")
    e = as_expr(e)
    try:
        p = Poly.from_expr(e)
    except PolynomialError:
        raise ModulusError(f"factor(modulus=) needs a polynomial, got {e}") from None
    if len(p.gens) > 1:
        raise ModulusError("factor(modulus=) handles polynomials in one variable; "
                           f"{e} has the generators {', '.join(map(str, p.gens))}")
    if not p.gens:
        return number(Fraction(p.leading_coeff()) % q if not p.is_zero else 0)
    x = p.gens[0]
    dense = []
    for i in range(p.degree() + 1):
        c = Fraction(p.coeff_monom((i,)))
        if c.denominator % q == 0:
            raise ModulusError(f"the coefficient {c} has no value modulo {q}")
        dense.append(c.numerator * pow(c.denominator, -1, q) % q)
    lc, facs = gf_factor_list(dense, q)
    if lc == 0:
        return number(0)
    parts = [power(_as_expr(g, q, x), number(k)) for g, k in facs]
    return mul(number(lc), *parts) if parts else number(lc)
