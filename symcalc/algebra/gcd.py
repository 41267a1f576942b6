"""Greatest common divisors, the extended Euclidean algorithm and resultants.

:func:`cofactors` (and :func:`gcd`) first settle the easy cases (a monomial, one
polynomial dividing the other, a pair proved coprime by evaluation), then try the
heuristic gcd (:mod:`.heugcd`), then the modular gcd (:mod:`.modgcd`) where that failed,
and last the deterministic algorithms: Euclid over Q with monic remainders in one
generator; in several, recursion on the generators (content in the main variable times
the gcd of the primitive parts, found by a primitive pseudo-remainder sequence).
Results are monic (leading coefficient 1 in lex order): over Q a gcd is only defined
up to a unit.

>>> from symcalc import symbols
>>> x, y = symbols("x y")
>>> gcd(Poly.from_expr(x**2 - y**2), Poly.from_expr(x**2 + 2*x*y + y**2)).as_expr()
x + y
>>> resultant(Poly.from_expr(x**2 - 1), Poly.from_expr(x - 2))
3
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd as igcd
from typing import Any

from ..core.budget import check
from ..core.expr import Expr
from .heugcd import HeuristicGCDFailed, heugcd
from .modgcd import DENSE_MAX_DEGREE, ModularGCDFailed, coprime, dense_size, modgcd
from .poly import Coeff, Poly, PolynomialError, _as_pair
from .zpoly import ZPoly, zp_exquo, zp_primitive


def _pair(a: Any, b: Any) -> tuple[Poly, Poly]:
    if not isinstance(a, Poly):
        a = Poly.from_expr(a) if not isinstance(b, Poly) else Poly.from_expr(a, b.gens)
    return _as_pair(a, b)


def _euclid(a: Poly, b: Poly) -> Poly:
    """Monic gcd of polynomials that involve at most one generator (Euclid over Q)."""
    while not b.is_zero:
        check()
        a, b = b, (a % b).monic()
    return a.monic()


def _vars_used(p: Poly) -> list[int]:
    return [i for i in range(len(p.gens)) if any(m[i] for m in p.terms)]


def _content_in(p: Poly, k: int) -> Poly:
    """gcd (up to a rational unit) of the coefficients of ``p`` in generator ``k``."""
    g = Poly._new({}, p.gens)
    for d in sorted({m[k] for m in p.terms}, reverse=True):
        g = _mgcd(g, p.coeff_in(k, d), k + 1)
        if g.is_constant and not g.is_zero:
            break
    return g


def _mgcd(a: Poly, b: Poly, k: int) -> Poly:
    """gcd up to a rational unit of ``a`` and ``b``, which are free of generators < k.

    Recursive primitive-PRS algorithm: gcd = gcd(contents) * pp(last nonzero
    pseudo-remainder of the primitive parts), all with respect to generator ``k``.
    """
    if a.is_zero:
        return b
    if b.is_zero:
        return a
    n = len(a.gens)
    if a.is_constant or b.is_constant:
        return Poly.constant(1, a.gens)
    used = set(_vars_used(a)) | set(_vars_used(b))
    while k < n and k not in used:
        k += 1
    if len(used) == 1:
        return _euclid(a, b)
    ca, cb = _content_in(a, k), _content_in(b, k)
    c = _mgcd(ca, cb, k + 1)
    if a.degree(k) == 0 or b.degree(k) == 0:
        return c
    pa, pb = a.exquo(ca).primitive_part(), b.exquo(cb).primitive_part()
    if pa.degree(k) < pb.degree(k):
        pa, pb = pb, pa
    while not pb.is_zero and pb.degree(k) > 0:
        r = pa.prem(pb, k)
        pa = pb
        if r.is_zero:
            pb = r
        else:
            pb = r.exquo(_content_in(r, k)).primitive_part()
    g = pa if pb.is_zero else Poly.constant(1, a.gens)
    return c * g


def _compress(p: Poly, used: list[int]) -> tuple[Coeff, ZPoly]:
    """``(c, z)`` with ``p == c*z``, ``z`` integral and primitive with exponents only for
    the generators in ``used``."""
    c, pp = p.primitive()
    return c, {tuple([m[i] for i in used]): v for m, v in pp.terms.items()}


def _widen(z: ZPoly, used: list[int], gens: tuple[Expr, ...], scale: Coeff = 1) -> Poly:
    n = len(gens)
    t = {}
    for m, v in z.items():
        mm = [0] * n
        for i, e in zip(used, m):
            mm[i] = e
        t[tuple(mm)] = _norm(v * scale) if scale != 1 else v
    return Poly._new(t, gens)


def _norm(v: Coeff) -> Coeff:
    if type(v) is Fraction and v.denominator == 1:
        return v.numerator
    return v


def cofactors(a: Poly | Expr, b: Poly | Expr) -> tuple[Poly, Poly, Poly]:
    """``(g, a/g, b/g)`` with ``g`` the monic gcd of ``a`` and ``b`` (not both zero).

    The modular gcd (:mod:`.modgcd`) and the heuristic gcd (GCDHEU, :mod:`.heugcd`) on
    the primitive integral parts, with the primitive pseudo-remainder algorithm as the
    fallback when both fail.

    >>> from symcalc import symbols
    >>> x, y = symbols("x y")
    >>> [p.as_expr() for p in cofactors(Poly.from_expr(2*x**2 - 2*y**2),
    ...                                   Poly.from_expr(x*y + y**2))]
    [x + y, 2*x - 2*y, y]
    """
    a, b = _pair(a, b)
    gens = a.gens
    if a.is_zero or b.is_zero:
        if a.is_zero and b.is_zero:
            raise PolynomialError("the gcd of two zero polynomials has no cofactors")
        p = b if a.is_zero else a
        g, lc, zero = p.monic(), Poly.constant(p.leading_coeff(), gens), Poly._new({}, gens)
        return (g, zero, lc) if a.is_zero else (g, lc, zero)
    n = len(gens)
    used = [i for i in range(n) if any(m[i] for m in a.terms) or any(m[i] for m in b.terms)]
    if not used:
        one = Poly.constant(1, gens)
        return one, a, b
    ca, za = _compress(a, used)
    cb, zb = _compress(b, used)
    try:
        h, fa, fb = _zgcd(za, zb)
    except HeuristicGCDFailed:
        g = _mgcd(a, b, 0).monic()
        return g, a.exquo(g), b.exquo(g)
    lc = h[max(h)]
    g = _widen(h, used, gens, Fraction(1, lc))
    return g, _widen(fa, used, gens, Fraction(ca) * lc), _widen(fb, used, gens, Fraction(cb) * lc)


#: After GCDHEU failed, the modular gcd is tried where it needs at most this many
#: univariate gcds (beyond, the pseudo-remainder sequence is usually faster).
MODULAR_FALLBACK = 20000


def _zgcd(a: ZPoly, b: ZPoly) -> tuple[ZPoly, ZPoly, ZPoly]:
    """``(h, a/h, b/h)``: a monomial or a pair proved coprime (:func:`.modgcd.coprime`)
    or one dividing the other at once; otherwise GCDHEU, then the modular gcd
    (:mod:`.modgcd`) where GCDHEU's images grew too large;
    :class:`HeuristicGCDFailed` when both fail."""
    n = len(next(iter(a)))
    if n >= 2 and (len(a) == 1 or len(b) == 1 or coprime(a, b)):
        ca, A = zp_primitive(a)
        cb, B = zp_primitive(b)
        c = igcd(ca, cb)
        h = {(0,) * n: c}
        if len(a) == 1 or len(b) == 1:  # the gcd of a monomial and b: a monomial
            low = [min(min(m[i] for m in A), min(m[i] for m in B)) for i in range(n)]
            if any(low):
                h = {tuple(low): c}
        fa, fb = zp_exquo(a, h), zp_exquo(b, h)
        assert fa is not None and fb is not None
        return h, fa, fb
    for u, v, swap in ((a, b, False), (b, a, True)):  # one divides the other
        if len(v) <= len(u):
            cv, V = zp_primitive(v)
            q = zp_exquo(u, V)
            if q is not None:
                cu, _ = zp_primitive(u)
                c = igcd(cu, cv)
                h = {m: x * c for m, x in V.items()}
                fu, fv = zp_exquo(u, h), {(0,) * n: cv // c}
                assert fu is not None
                return (h, fv, fu) if swap else (h, fu, fv)
    top = max(max(m) for m in (*a, *b))
    dense = dense_size(a, b) <= MODULAR_FALLBACK and top <= DENSE_MAX_DEGREE
    order = [heugcd, modgcd] if dense else [heugcd]
    for fn in order:
        try:
            return fn(a, b)
        except (HeuristicGCDFailed, ModularGCDFailed):
            continue
    raise HeuristicGCDFailed("neither the modular nor the heuristic gcd found the gcd")


def zp_gcd(a: ZPoly, b: ZPoly) -> tuple[ZPoly, ZPoly, ZPoly]:
    """``(h, a/h, b/h)`` for nonzero integer polynomials in dict form (see :mod:`.zpoly`):
    the modular gcd or GCDHEU, or the primitive PRS algorithm over placeholder
    generators if they fail. ``h`` has positive leading coefficient and content the gcd
    of the contents."""
    try:
        return _zgcd(a, b)
    except HeuristicGCDFailed:
        pass
    from math import gcd as igcd

    from ..core.symbol import Symbol

    n = len(next(iter(a)))
    gens = tuple(Symbol(f"_gcd{i}") for i in range(n))
    pa, pb = Poly._new(dict(a), gens), Poly._new(dict(b), gens)
    _, g = _mgcd(pa, pb, 0).primitive()
    c = igcd(pa.primitive()[0], pb.primitive()[0]) if n else 1
    h = {m: v * c for m, v in g.terms.items()}
    return h, dict(pa.exquo(g).mul_scalar(Fraction(1, c)).terms), \
        dict(pb.exquo(g).mul_scalar(Fraction(1, c)).terms)


def gcd(a: Poly | Expr, b: Poly | Expr) -> Poly:
    """The monic greatest common divisor of two polynomials (0 if both are 0).

    >>> from symcalc import symbols
    >>> x = symbols("x")
    >>> gcd(Poly.from_expr(x**4 - 1), Poly.from_expr(x**2 - 1))
    Poly(x^2 - 1, x)
    """
    a, b = _pair(a, b)
    if a.is_zero and b.is_zero:
        return a
    return cofactors(a, b)[0]


def gcd_prs(a: Poly | Expr, b: Poly | Expr) -> Poly:
    """The monic gcd by the deterministic algorithms alone (Euclid over Q in one
    generator, recursive primitive pseudo-remainder sequences in several): the reference
    that :func:`gcd` is tested and benchmarked against."""
    a, b = _pair(a, b)
    if a.is_zero and b.is_zero:
        return a
    if len(a.gens) <= 1:
        return _euclid(a, b)
    return _mgcd(a, b, 0).monic()


def lcm(a: Poly | Expr, b: Poly | Expr) -> Poly:
    """The monic least common multiple (0 if either is 0)."""
    a, b = _pair(a, b)
    if a.is_zero or b.is_zero:
        return Poly._new({}, a.gens)
    return (a * b).exquo(gcd(a, b)).monic()


def gcdex(a: Poly | Expr, b: Poly | Expr) -> tuple[Poly, Poly, Poly]:
    """Extended Euclid for univariate polynomials: ``(s, t, g)`` with ``s*a + t*b == g``
    and ``g`` the monic gcd.

    >>> from symcalc import symbols
    >>> x = symbols("x")
    >>> s, t, g = gcdex(Poly.from_expr(x**2 + 1), Poly.from_expr(x + 1))
    >>> s.as_expr(), t.as_expr(), g.as_expr()
    (1/2, 1/2 - x/2, 1)
    """
    a, b = _pair(a, b)
    if len(a.gens) > 1:
        raise PolynomialError(f"gcdex needs univariate polynomials, got gens {a.gens}")
    zero, one = Poly.constant(0, a.gens), Poly.constant(1, a.gens)
    r0, r1, s0, s1, t0, t1 = a, b, one, zero, zero, one
    while not r1.is_zero:
        check()
        q, r = r0.div(r1)
        r0, r1 = r1, r
        s0, s1 = s1, s0 - q * s1
        t0, t1 = t1, t0 - q * t1
    if r0.is_zero:
        return zero, zero, zero
    inv = Fraction(1) / Fraction(r0.leading_coeff())
    return s0.mul_scalar(inv), t0.mul_scalar(inv), r0.mul_scalar(inv)


def _resultant_uni(a: Poly, b: Poly) -> Coeff:
    # res(A, B) = (-1)^(deg A deg B) lc(B)^(deg A - deg R) res(B, R) with R = A mod B,
    # and res(A, c) = c^(deg A) for a constant c.
    acc: Fraction = Fraction(1)
    while True:
        if a.is_zero or b.is_zero:
            return 0
        da, db = a.degree(), b.degree()
        if db == 0:
            return _as_coeff(acc * Fraction(b.leading_coeff()) ** da)
        if da == 0:
            return _as_coeff(acc * Fraction(a.leading_coeff()) ** db)
        r = a % b
        if r.is_zero:
            return 0
        if da * db % 2:
            acc = -acc
        acc *= Fraction(b.leading_coeff()) ** (da - r.degree())
        a, b = b, r


def _as_coeff(v: Fraction) -> Coeff:
    return v.numerator if v.denominator == 1 else v


def sylvester_det(a: Poly, b: Poly, gen: int | Expr = 0) -> Poly:
    """The resultant in ``gen`` as the determinant of the Sylvester matrix, computed by
    fraction-free (Bareiss) elimination over the polynomials in the other generators.

    The result is a polynomial over the same generators, free of ``gen``.
    """
    a, b = _pair(a, b)
    k = a._index(gen)
    zero = Poly._new({}, a.gens)
    if a.is_zero or b.is_zero:
        return zero
    m, n = a.degree(k), b.degree(k)
    if m == 0 and n == 0:
        return Poly.constant(1, a.gens)
    if m == 0:
        return a ** n
    if n == 0:
        return b ** m
    if m + n > 1000:
        from ..core.budget import check_terms

        size = m + n
        shown = str(size) if size < 10**12 else f"about 2^{size.bit_length() - 1}"
        check_terms(size * size, f"a Sylvester matrix of size {shown}")
    ca = [a.coeff_in(k, d) for d in range(m, -1, -1)]
    cb = [b.coeff_in(k, d) for d in range(n, -1, -1)]
    size = m + n
    rows = [[zero] * i + ca + [zero] * (size - m - 1 - i) for i in range(n)]
    rows += [[zero] * i + cb + [zero] * (size - n - 1 - i) for i in range(m)]
    return _bareiss(rows, zero)


def _bareiss(M: list[list[Poly]], zero: Poly) -> Poly:
    """Determinant by Bareiss' fraction-free elimination (every division is exact)."""
    n = len(M)
    sign = 1
    prev = Poly.constant(1, zero.gens)
    for k in range(n - 1):
        if M[k][k].is_zero:
            for i in range(k + 1, n):
                if not M[i][k].is_zero:
                    M[k], M[i] = M[i], M[k]
                    sign = -sign
                    break
            else:
                return zero
        p = M[k][k]
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                M[i][j] = (M[i][j] * p - M[i][k] * M[k][j]).exquo(prev)
        prev = p
    d = M[n - 1][n - 1]
    return d if sign > 0 else -d


def resultant(a: Poly | Expr, b: Poly | Expr, gen: int | Expr = 0) -> Coeff | Poly:
    """The resultant of ``a`` and ``b`` with respect to a generator.

    For univariate polynomials it is a rational number (zero exactly when they have a
    common root); otherwise a polynomial in the remaining generators.

    >>> from symcalc import symbols
    >>> x, y = symbols("x y")
    >>> resultant(Poly.from_expr(x**2 + y**2 - 1), Poly.from_expr(x - y), x)
    Poly(2*y^2 - 1, y)
    """
    a, b = _pair(a, b)
    if len(a.gens) <= 1:
        return _resultant_uni(a, b)
    k = a._index(gen)
    r = sylvester_det(a, b, k)
    rest = a.gens[:k] + a.gens[k + 1:]
    return Poly._new({m[:k] + m[k + 1:]: c for m, c in r.terms.items()}, rest)
