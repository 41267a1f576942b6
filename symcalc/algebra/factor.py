"""Factorization of univariate polynomials over Q: square-free decomposition (Yun),
rational roots, and complete factorization into irreducibles (Zassenhaus: factor mod
a small prime, Hensel-lift, recombine).

>>> from symcalc import symbols
>>> x = symbols("x")
>>> sqf_list(Poly.from_expr(3*(x - 1)**2 * (x + 2)**3))
(3, [(Poly(x - 1, x), 2), (Poly(x + 2, x), 3)])
>>> rational_roots(Poly.from_expr(2*x**3 - 3*x**2 - 3*x + 2))
[-1, Fraction(1, 2), 2]
>>> [f.as_expr() for f, _ in factor_list(Poly.from_expr(x**4 - 1))[1]]
[x - 1, x + 1, x^2 + 1]
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, product
from math import isqrt
from typing import Any

from ..core import limits
from ..core.budget import check
from ..core.expr import Expr
from ..core.ntheory import factorint
from ..errors import LimitError
from .galois import gf_divmod, gf_factor, gf_from, gf_gcdex, gf_is_squarefree, gf_mul, gf_sub
from .gcd import gcd
from .poly import Coeff, Poly, PolynomialError


def _univariate(p: Any, what: str) -> Poly:
    if not isinstance(p, Poly):
        p = Poly.from_expr(p)
    if len(p.gens) != 1:
        raise PolynomialError(f"{what} needs a univariate polynomial, got gens {p.gens}")
    return p


def sqf_list(p: Poly | Expr) -> tuple[Coeff, list[tuple[Poly, int]]]:
    """``(c, [(f1, 1), (f2, 2), ...])`` with ``p == c * f1 * f2^2 * ...``.

    The ``fi`` are square-free, pairwise coprime, non-constant, integral and primitive
    with positive leading coefficient; only multiplicities that occur are listed.
    Yun's algorithm: with ``a0 = gcd(f, f')``, ``b = f/a0``, ``d = f'/a0 - b'``,
    each step splits off ``gcd(b, d)``, the product of the factors of the next multiplicity.
    """
    p = _univariate(p, "sqf_list")
    if p.is_zero:
        return 0, []
    if p.degree() == 0:
        return p.leading_coeff(), []
    f = p.monic()
    df = f.diff()
    a0 = gcd(f, df)
    b = f.exquo(a0)
    c = df.exquo(a0)
    d = c - b.diff()
    out: list[tuple[Poly, int]] = []
    i = 1
    while b.degree() > 0:
        a = gcd(b, d)
        b = b.exquo(a)
        c = d.exquo(a)
        d = c - b.diff()
        if a.degree() > 0:
            out.append((a.primitive_part(), i))
        i += 1
    lead = Fraction(1)
    for g, k in out:
        lead *= Fraction(g.leading_coeff()) ** k
    coeff = Fraction(p.leading_coeff()) / lead
    return (coeff.numerator if coeff.denominator == 1 else coeff), out


def sqf_part(p: Poly | Expr) -> Poly:
    """The square-free part ``p / gcd(p, p')`` as a primitive integral polynomial.

    >>> from symcalc import symbols
    >>> x = symbols("x")
    >>> sqf_part(Poly.from_expr(x**3 - x**2 - x + 1)).as_expr()
    x^2 - 1
    """
    p = _univariate(p, "sqf_part")
    if p.is_zero or p.degree() == 0:
        return p
    return p.exquo(gcd(p, p.diff())).primitive_part()


def _divisors(n: int) -> list[int]:
    n = abs(n)
    if n > limits.MAX_FACTOR_INT:
        raise LimitError(f"rational_roots: the coefficient {n} is larger than "
                         f"limits.MAX_FACTOR_INT = {limits.MAX_FACTOR_INT} and is not factored")
    ds = [1]
    for prime, k in factorint(n):
        ds = [d * prime ** j for d in ds for j in range(k + 1)]
    return sorted(ds)


def rational_roots(p: Poly | Expr) -> list[Coeff]:
    """The distinct rational roots of a nonzero univariate polynomial, in increasing order.

    Rational root theorem: a root ``r/s`` in lowest terms of an integral polynomial has
    ``r`` dividing the trailing and ``s`` the leading coefficient.
    """
    p = _univariate(p, "rational_roots")
    if p.is_zero:
        raise PolynomialError("every number is a root of the zero polynomial")
    if p.degree() <= 0:
        return []
    f = sqf_part(p)
    terms = f.terms
    low = min(m[0] for m in terms)
    roots: set[Fraction] = {Fraction(0)} if low else set()
    if low:
        f = Poly({(m[0] - low,): c for m, c in terms.items()}, f.gens)
    lead, trail = int(f.leading_coeff()), int(f.coeff_monom((0,)))
    coeffs = [Fraction(c) for c in f.all_coeffs()]
    for r, s in product(_divisors(trail), _divisors(lead)):
        for cand in (Fraction(r, s), Fraction(-r, s)):
            if cand in roots:
                continue
            v = Fraction(0)
            for c in coeffs:  # Horner
                v = v * cand + c
            if v == 0:
                roots.add(cand)
        if len(roots) == f.degree() + (1 if low else 0):
            break
    return [r.numerator if r.denominator == 1 else r for r in sorted(roots)]


# ---------------------------------------------------------------------- Zassenhaus

# Integer polynomials below are dense lists of ints, lowest degree first.


def _zz_mul(a: list[int], b: list[int]) -> list[int]:
    r = [0] * (len(a) + len(b) - 1)
    for i, u in enumerate(a):
        for j, v in enumerate(b):
            r[i + j] += u * v
    return r


def _symmetric(a: list[int], m: int) -> list[int]:
    """Coefficients reduced into (-m/2, m/2]."""
    out = []
    for c in a:
        c %= m
        out.append(c - m if c > m // 2 else c)
    while out and out[-1] == 0:
        out.pop()
    return out


def _hensel_lift(f: list[int], g: list[int], h: list[int], p: int,
                 steps: int) -> tuple[list[int], list[int]]:
    """Linear Hensel lifting of ``f = g*h mod p`` (g monic, gcd(g, h) = 1 mod p) to a
    factorization mod ``p^(steps+1)`` with ``G = g``, ``H = h`` mod p and ``G`` monic.

    Each step writes ``f - G*H = m*e`` and corrects ``G += m*sigma``, ``H += m*tau``
    with ``sigma*h + tau*g = e`` mod p (from ``s*g + t*h = 1``, ``sigma = t*e mod g``).
    """
    s, t, _ = gf_gcdex(g, h, p)
    G, H = list(g), list(h)
    m = p
    for _ in range(steps):
        check()
        GH = _zz_mul(G, H)
        diff = [(f[i] if i < len(f) else 0) - (GH[i] if i < len(GH) else 0)
                for i in range(max(len(f), len(GH)))]
        e = gf_from([d // m for d in diff], p)
        if e:
            sigma = gf_divmod(gf_mul(t, e, p), g, p)[1]
            tau, rem = gf_divmod(gf_sub(e, gf_mul(sigma, h, p), p), g, p)
            assert not rem  # exact by construction
            G = [(c + m * (sigma[i] if i < len(sigma) else 0)) for i, c in enumerate(G)]
            H = H + [0] * (len(tau) - len(H))
            H = [(c + m * (tau[i] if i < len(tau) else 0)) for i, c in enumerate(H)]
        m *= p
        G = [c % m for c in G]
        H = [c % m for c in H]
    return G, H


def _multi_lift(f: list[int], factors: list[list[int]], p: int, steps: int) -> list[list[int]]:
    """Lift ``f = lc(f) * prod(factors) mod p`` (monic factors) to monic factors mod
    ``p^(steps+1)``, splitting off one factor at a time."""
    m = p ** (steps + 1)
    if len(factors) == 1:
        inv = pow(f[-1], -1, m)
        return [[c * inv % m for c in f]]
    g, rest = factors[0], factors[1:]
    h = gf_from([f[-1]], p)
    for r in rest:
        h = gf_mul(h, r, p)
    G, H = _hensel_lift(f, g, h, p, steps)
    return [G] + _multi_lift(H, rest, p, steps)


def _small_odd_primes() -> Any:
    n = 3
    while True:
        if all(n % q for q in range(3, isqrt(n) + 1, 2)):
            yield n
        n += 2


def _zassenhaus(f: list[int]) -> list[list[int]]:
    """Irreducible factors over Z of a primitive, square-free ``f`` with ``f(0) != 0``."""
    n = len(f) - 1
    if n <= 1:
        return [f]
    lc = f[-1]
    best: tuple[int, list[list[int]]] | None = None
    tried = 0
    for p in _small_odd_primes():
        if lc % p == 0:
            continue
        fp = gf_from(f, p)
        if not gf_is_squarefree(fp, p):
            continue
        facs = gf_factor(fp, p)
        if best is None or len(facs) < len(best[1]):
            best = (p, facs)
        tried += 1
        if len(facs) == 1 or tried >= 5:
            break
    assert best is not None
    p, facs = best
    if len(facs) == 1:
        return [f]
    # Mignotte: every factor g of f has coefficients at most 2^n * ||f||_2, and a
    # candidate lc(f)/lc(g) * g at most |lc(f)| times that; lift until p^l > 2 * bound.
    bound = abs(lc) * 2 ** n * (isqrt(sum(c * c for c in f)) + 1)
    steps, m = 0, p
    while m <= 2 * bound:
        steps, m = steps + 1, m * p
    lifted = _multi_lift(f, facs, p, steps)
    found: list[list[int]] = []
    idx = list(range(len(lifted)))
    size = 1
    while 2 * size <= len(idx):
        for subset in combinations(idx, size):
            check()
            cand = [f[-1] % m]
            for i in subset:
                cand = [c % m for c in _zz_mul(cand, lifted[i])]
            g = _primitive_zz(_symmetric(cand, m))
            q = _zz_exquo(f, g)
            if q is not None:
                found.append(g)
                f = q
                idx = [i for i in idx if i not in subset]
                break
        else:
            size += 1
    found.append(f)
    return found


def _primitive_zz(a: list[int]) -> list[int]:
    from math import gcd as igcd

    c = 0
    for v in a:
        c = igcd(c, v)
    if a[-1] < 0:
        c = -c
    return [v // c for v in a]


def _zz_exquo(a: list[int], b: list[int]) -> list[int] | None:
    """``a / b`` if ``b`` divides ``a`` in Z[x], else None."""
    r = list(a)
    db = len(b) - 1
    if len(a) - 1 < db:
        return None
    q = [0] * (len(a) - db)
    for k in range(len(a) - 1 - db, -1, -1):
        c, rem = divmod(r[k + db], b[-1])
        if rem:
            return None
        q[k] = c
        if c:
            for j, v in enumerate(b):
                r[k + j] -= c * v
    return q if not any(r[:db]) else None


_CYCLOTOMIC: dict[int, list[int]] = {}


def _cyclotomic(d: int) -> list[int]:
    """The d-th cyclotomic polynomial, coefficients from low to high degree:
    ``x^d - 1`` divided by the ``Phi_e`` of the proper divisors ``e`` of ``d``."""
    c = _CYCLOTOMIC.get(d)
    if c is None:
        c = [-1] + [0] * (d - 1) + [1]
        for e in _divisors(d):
            if e < d:
                c = _zz_exquo(c, _cyclotomic(e))  # type: ignore[arg-type]
        _CYCLOTOMIC[d] = c
    return c


def _binomial_factors(f: list[int]) -> list[list[int]] | None:
    """The irreducible factors of ``x^n - 1`` (``Phi_d``, ``d | n``) or ``x^n + 1``
    (``Phi_d``, ``d | 2n``, ``d`` not dividing ``n``); None for other polynomials."""
    n = len(f) - 1
    if n < 2 or f[-1] != 1 or f[0] not in (1, -1) or any(f[1:-1]):
        return None
    if f[0] == -1:
        return [_cyclotomic(d) for d in _divisors(n)]
    return [_cyclotomic(d) for d in _divisors(2 * n) if n % d]


def factor_list(p: Poly | Expr) -> tuple[Coeff, list[tuple[Poly, int]]]:
    """``(c, [(f1, k1), ...])`` with ``p == c * f1^k1 * ...`` and the ``fi`` distinct,
    irreducible over Q, integral, primitive, with positive leading coefficient; sorted
    by degree, then coefficients.

    >>> from symcalc import symbols
    >>> x = symbols("x")
    >>> factor_list(Poly.from_expr(2*x**5 - 2*x))
    (2, [(Poly(x - 1, x), 1), (Poly(x, x), 1), (Poly(x + 1, x), 1), (Poly(x^2 + 1, x), 1)])
    """
    p = _univariate(p, "factor_list")
    coeff, parts = sqf_list(p)
    gen = p.gens[0]
    out: list[tuple[Poly, int]] = []
    for f, k in parts:
        dense = [int(c) for c in reversed(f.all_coeffs())]   # all_coeffs checks the size
        if dense[0] == 0:  # square-free, so x divides f at most once
            out.append((Poly.from_list([1, 0], gen), k))
            dense = dense[1:]
        for g in _binomial_factors(dense) or _zassenhaus(dense):
            if len(g) > 1:
                out.append((Poly.from_list(g[::-1], gen), k))
    out.sort(key=lambda fk: (fk[0].degree(), fk[0].all_coeffs(), fk[1]))
    return coeff, out
