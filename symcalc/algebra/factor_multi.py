"""Factorization of multivariate polynomials over Q into irreducibles.

Extended Zassenhaus (EZ) scheme, in the spirit of Wang's EEZ algorithm:

1. Split off monomial factors and the content with respect to a main variable ``x``
   (the one of lowest degree); a primitive polynomial of degree 1 in ``x`` is irreducible.
   A homogeneous polynomial is factored with one variable set to 1, one variable fewer.
2. Choose integer values ``a`` for the other variables ``y`` keeping the degree in ``x``
   and leaving ``f(x, a)`` square-free; factor a few such images with the univariate code
   (Zassenhaus) and keep the one with the fewest factors (one factor: ``f`` is irreducible).
   Points meeting Wang's condition come first: there the leading coefficients of the
   factors are deduced beforehand and :mod:`.factor_wang` lifts the factors themselves
   (no steps 3-4); its results are checked by exact division, and where it fails:
3. Hensel-lift the monic image factors to the power series ring: with ``y -> y + a`` the
   point is 0 and ``f / lc_x(f) = prod F_i`` is solved degree by degree in ``y`` (all the
   ``y`` at once), each homogeneous correction from a univariate Diophantine equation
   ``sum_i s_i * prod_{j != i} u_j = 1`` (partial fractions over Q).
4. Recombine: for subsets ``S`` of the lifted factors (smallest first),
   ``lc_x(f) * prod_S F_i`` truncated at the total degree of ``f`` in ``y`` is
   ``lc_x(h) * g`` for a true factor ``g = pp_x(.)``; each candidate is confirmed by exact
   division, so every factor returned divides ``f`` and the leftover is irreducible.

>>> from symcalc import symbols
>>> x, y = symbols("x y")
>>> [g.as_expr() for g in factor_squarefree(Poly.from_expr(x**2 - y**2))]
[x - y, x + y]
"""

from __future__ import annotations

import random
from itertools import combinations
from math import comb, gcd, isqrt

from ..core.budget import check
from ..core.ntheory import is_probable_prime
from ..errors import LimitError
from .factor import _binomial_factors, _primitive_zz, _zassenhaus
from .galois import gf_from, gf_gcdex, gf_monic, gf_mul, gf_rem, gf_sub, gf_trim
from .gcd import zp_gcd
from .poly import Poly, PolynomialError
from .zpoly import ZPoly, zp_degree, zp_exquo, zp_primitive

__all__ = ["factor_squarefree"]

#: Evaluation points tried (valid ones kept) before giving up on a polynomial.
MAX_POINTS = 200
#: Valid evaluation points whose images are factored; the one with fewest factors wins.
GOOD_POINTS = 3
#: Evaluation points tried for Wang's condition before others are accepted too.
WANG_TRIES = 40
#: Bound on the number of subsets tried in the recombination step.
MAX_SUBSETS = 1 << 16

Series = list  # homogeneous components: Series[t] = {y exponents of degree t: GF(P) poly}


def factor_squarefree(p: Poly) -> list[Poly]:
    """The irreducible factors over Q of a square-free polynomial ``p`` (any number of
    generators), each integral, primitive, with positive leading coefficient; their
    product is ``p`` up to a rational constant.

    >>> from symcalc import symbols
    >>> x, y = symbols("x y")
    >>> [g.as_expr() for g in factor_squarefree(Poly.from_expr(x**3*y - x*y**3))]
    [x, y, x - y, x + y]
    """
    if p.is_zero:
        raise PolynomialError("the zero polynomial has no factorization")
    gens = p.gens
    n = len(gens)
    _, pp = p.primitive()
    used = [i for i in range(n) if any(m[i] for m in pp.terms)]
    if not used:
        return []
    z = {tuple([m[i] for i in used]): c for m, c in pp.terms.items()}
    out = []
    prims = [zp_primitive(g)[1] for g in zfactor_squarefree(z)]
    for g in prims:
        t = {}
        for m, c in g.items():
            mm = [0] * n
            for i, e in zip(used, m):
                mm[i] = e
            t[tuple(mm)] = c
        out.append(Poly._new(t, gens))
    if not _same_at_random_point(z, prims):  # cannot happen: each factor divided exactly
        raise PolynomialError(f"internal error: factors of {p.as_expr()} do not multiply back")
    return out


def _same_at_random_point(f: ZPoly, facs: list[ZPoly]) -> bool:
    """Whether ``f`` and the product of ``facs`` agree up to sign at a pseudo-random
    point mod a 61-bit prime: a cheap check of the bookkeeping (multiplying the factors
    out took up to a third of the time), not of the factors, which were each confirmed
    by exact division."""
    P = (1 << 61) - 1
    rng = random.Random(len(f))
    pt = [rng.randrange(2, P) for _ in next(iter(f))]

    def val(g: ZPoly) -> int:
        s = 0
        for m, c in g.items():
            for e, v in zip(m, pt):
                if e:
                    c = c * pow(v, e, P) % P
            s += c
        return s % P

    rhs = 1
    for g in facs:
        rhs = rhs * val(g) % P
    return val(f) in (rhs, -rhs % P)


def zfactor_squarefree(f: ZPoly) -> list[ZPoly]:
    """Irreducible factors over Z (up to sign) of a nonzero square-free integer polynomial
    in dict form; constants are dropped."""
    _, f = zp_primitive(f)
    n = len(next(iter(f)))
    out: list[ZPoly] = []
    low = [min(m[i] for m in f) for i in range(n)]
    if any(low):
        for i, k in enumerate(low):
            out += [{tuple(1 if j == i else 0 for j in range(n)): 1}] * k
        f = {tuple([a - b for a, b in zip(m, low)]): c for m, c in f.items()}
    used = [i for i in range(n) if any(m[i] for m in f)]
    if not used:
        return out
    if len(used) == 1:
        i = used[0]
        dense = [0] * (zp_degree(f, i) + 1)
        for m, c in f.items():
            dense[m[i]] = c
        for g in _binomial_factors(dense) or _zassenhaus(dense):
            out.append({tuple(e if j == i else 0 for j in range(n)): c
                        for e, c in enumerate(g) if c})
        return out
    if len({sum([m[i] for i in used]) for m in f}) == 1:
        return out + _factor_homogeneous(f, used)
    v = min(used, key=lambda i: (zp_degree(f, i), _lc_size(f, i), i))
    cont = _content_in(f, v)
    if len(cont) > 1 or any(any(m) for m in cont):
        rest = zp_exquo(f, cont)
        assert rest is not None
        return out + zfactor_squarefree(cont) + zfactor_squarefree(rest)
    if zp_degree(f, v) == 1:
        return out + [f]
    others = [i for i in used if i != v]
    g = {(m[v],) + tuple([m[i] for i in others]): c for m, c in f.items()}
    for h in _factor_main(g):
        t = {}
        for m, c in h.items():
            mm = [0] * n
            mm[v] = m[0]
            for i, e in zip(others, m[1:]):
                mm[i] = e
            t[tuple(mm)] = c
        out.append(t)
    return out


def _factor_homogeneous(f: ZPoly, used: list[int]) -> list[ZPoly]:
    """Factors of a homogeneous ``f`` that no variable divides: those of ``f`` with one
    variable ``w`` set to 1 (one variable fewer), homogenized again with ``w``. (The
    factors of a homogeneous polynomial are homogeneous, and setting ``w = 1`` maps
    them one to one when ``w`` does not divide ``f``.)"""
    w = max(used, key=lambda i: (zp_degree(f, i), i))
    g = {m[:w] + (0,) + m[w + 1:]: c for m, c in f.items()}
    out = []
    for h in zfactor_squarefree(g):
        d = max(sum(m) for m in h)
        out.append({m[:w] + (d - sum(m),) + m[w + 1:]: c for m, c in h.items()})
    return out


def _lc_size(f: ZPoly, i: int) -> int:
    d = zp_degree(f, i)
    return sum(1 for m in f if m[i] == d)


def _content_in(f: ZPoly, i: int) -> ZPoly:
    """The gcd of the coefficients of ``f`` in variable ``i`` (positive leading coefficient)."""
    groups: dict[int, ZPoly] = {}
    for m, c in f.items():
        groups.setdefault(m[i], {})[m[:i] + (0,) + m[i + 1:]] = c
    polys = sorted(groups.values(), key=len)
    g = polys[0]
    for q in polys[1:]:
        if len(g) == 1 and not any(next(iter(g))):
            break
        g = zp_gcd(g, q)[0]
    return zp_primitive(g)[1]


# ---------------------------------------------------------------------- the main case


def _factor_main(f: ZPoly) -> list[ZPoly]:
    """Irreducible factors of ``f`` in Z[x, y1..yk] (exponent tuples ``(x, y1, ..)``),
    square-free, primitive in ``x`` of degree at least 2, k >= 1.

    Evaluation points that meet Wang's condition (:mod:`.factor_wang`) are preferred:
    there the leading coefficients of the factors are known before lifting. Without such
    a point, or when the image has more factors than ``f`` and the deduction fails, the
    monic image factors are lifted and recombined."""
    from .factor_wang import distribute, lc_factors, non_divisors, wang_lift

    k = len(next(iter(f))) - 1
    n = zp_degree(f, 0)
    lc = {m[1:]: c for m, c in f.items() if m[0] == n}
    ct, lfacs = lc_factors(lc)
    rng = random.Random(12345)
    best = None  # (key, point, image factors, image, l_j values or None)
    valid = 0
    for attempt in range(MAX_POINTS):
        check()
        if attempt == 0:
            a = (0,) * k
        else:
            bound = 1 + attempt // 3
            a = tuple(rng.randint(-bound, bound) for _ in range(k))
        if not _value(lc, a):
            continue
        E = [_value(lf, a) for lf in lfacs]
        wang = non_divisors(E, 1, ct)
        if not wang and (attempt < WANG_TRIES or valid >= GOOD_POINTS):
            continue  # look for points that Wang's method can use first
        u = [0] * (n + 1)
        for m, c in f.items():
            u[m[0]] += c * _monom_value(m[1:], a)
        cs = 0
        for c in u:
            cs = gcd(cs, c)
        wang = wang and non_divisors(E, cs, ct)
        if not wang and (attempt < WANG_TRIES or valid >= GOOD_POINTS):
            continue
        if not _squarefree(u):
            continue
        facs = _factor_uni(u)
        valid += 1
        key = (len(facs), not wang, sum(1 for v in a if v), sum(abs(v) for v in a))
        if best is None or key < best[0]:
            best = (key, a, facs, u, E if wang else None)
        if len(facs) == 1:
            return [f]
        if valid >= GOOD_POINTS and best[4] is not None:
            break
        if valid >= 3 * GOOD_POINTS:
            break
    if best is None:
        raise LimitError(f"factor: no good evaluation point found in {MAX_POINTS} tries")
    _, a, facs, u, E = best
    if E is not None:
        dist = distribute(lc, lfacs, E, facs, a, u)
        if dist is not None:
            got = wang_lift(f, a, *dist)
            if got is not None:
                return got
    F = _shift(f, a)
    P, cofs = _modulus(F, {(0,) + m[1:]: c for m, c in F.items() if m[0] == n}, facs)
    factors = _recombine(F, _lift(F, facs, P, cofs), P)
    neg = tuple(-v for v in a)
    return [zp_primitive(_shift(g, neg))[1] for g in factors]


def _monom_value(m: tuple[int, ...], a: tuple[int, ...]) -> int:
    v = 1
    for e, x in zip(m, a):
        if e:
            v *= x ** e
    return v


def _value(p: ZPoly, a: tuple[int, ...]) -> int:
    return sum(c * _monom_value(m, a) for m, c in p.items())


def _squarefree(u: list[int]) -> bool:
    du = {(i - 1,): i * c for i, c in enumerate(u) if i and c}
    if not du:
        return len(u) <= 1
    h = zp_gcd({(i,): c for i, c in enumerate(u) if c}, du)[0]
    return all(not m[0] for m in h)


def _factor_uni(u: list[int]) -> list[list[int]]:
    """Irreducible factors over Z of a square-free dense ``u`` (primitive, lc > 0)."""
    u = _primitive_zz(u)
    out = []
    if u[0] == 0:
        out.append([0, 1])
        u = u[1:]
    if len(u) > 1:
        out += _binomial_factors(u) or _zassenhaus(u)
    return out


def _shift(f: ZPoly, a: tuple[int, ...]) -> ZPoly:
    """``f(x, y + a)`` (binomial expansion, one variable at a time)."""
    for j, v in enumerate(a, start=1):
        if not v:
            continue
        t: ZPoly = {}
        for m, c in f.items():
            e = m[j]
            for i in range(e + 1):
                mm = m[:j] + (i,) + m[j + 1:]
                t[mm] = t.get(mm, 0) + c * comb(e, i) * v ** (e - i)
        f = {m: c for m, c in t.items() if c}
    return f


def _components(f: ZPoly, degree: int, P: int) -> Series:
    """``f`` (exponents ``(x, y..)``) mod ``P`` as homogeneous components in ``y`` up to
    ``degree``."""
    comps: Series = [{} for _ in range(degree + 1)]
    for m, c in f.items():
        t = sum(m[1:])
        c %= P
        if t <= degree and c:
            d = comps[t].setdefault(m[1:], [])
            if len(d) <= m[0]:
                d.extend([0] * (m[0] + 1 - len(d)))
            d[m[0]] = c
    return comps


def _width(P: int) -> int:
    """Bits per coefficient slot of the packed sums of :func:`_hmul` (products of two
    residues mod ``P``, up to 2^40 of them summed)."""
    return 2 * P.bit_length() + 40


def _pack(u: list[int], W: int) -> int:
    r = 0
    for c in reversed(u):
        r = (r << W) | c
    return r


def _hmul(A: dict, B: dict, acc: dict, P: int) -> None:
    """``acc += A*B`` for homogeneous components. The sums are kept unreduced, each
    polynomial in ``x`` packed into one integer (Kronecker substitution, one slot of
    :func:`_width` bits per coefficient), so that a product of two polynomials is one
    integer product; :func:`_reduced` unpacks and reduces mod ``P``."""
    W = _width(P)
    pb = [(mb, _pack(v, W)) for mb, v in B.items()]
    get = acc.get
    for ma, va in A.items():
        ka = _pack(va, W)
        for mb, kb in pb:
            m = tuple([i + j for i, j in zip(ma, mb)])
            acc[m] = get(m, 0) + ka * kb


def _reduced(acc: dict, P: int) -> dict:
    """The packed sums of :func:`_hmul` as polynomials mod ``P``, zeros dropped."""
    W = _width(P)
    mask = (1 << W) - 1
    out = {}
    for m, r in acc.items():
        u = []
        while r:
            u.append((r & mask) % P)
            r >>= W
        u = gf_trim(u)
        if u:
            out[m] = u
    return out


def _smul(A: Series, B: Series, degree: int, P: int) -> Series:
    """Product of two truncated series mod ``P``, up to ``degree``."""
    out: Series = []
    for t in range(degree + 1):
        acc: dict = {}
        for s in range(max(0, t - len(B) + 1), min(t, len(A) - 1) + 1):
            _hmul(A[s], B[t - s], acc, P)
        out.append(_reduced(acc, P))
    return out


def _norm2(f: ZPoly) -> int:
    """An integer upper bound of the Euclidean norm of the coefficient vector."""
    return isqrt(sum(c * c for c in f.values())) + 1


def _modulus(F: ZPoly, L: ZPoly, facs: list[list[int]]) -> tuple[int, list[list[int]]]:
    """A prime ``P`` above twice the coefficient bound of the divisors of ``L*F``, with
    ``L(0)`` and the leading coefficients of ``facs`` units mod ``P``, and the
    cofactor inverses ``s_i`` (``s_i * prod_{j != i} u_j == 1 mod u_i``, ``u_i`` the
    monic ``facs`` mod ``P``).

    The bound: a divisor ``q`` of ``L*F`` has ``|q|_inf <= prod_i C(d_i, d_i/2) M(q)``
    (Mahler) with ``d_i`` the partial degrees of ``L*F``, and ``M(q) <= M(L) M(F) <=
    |L|_2 |F|_2``.
    """
    n = len(next(iter(F)))
    B = _norm2(F) * _norm2(L)
    for i in range(n):
        d = zp_degree(F, i) + max(zp_degree(L, i), 0)
        B *= comb(d, d // 2)
    L0 = L.get((0,) * n, 0)
    P = max(2 * B + 1, 1 << 31)
    for _ in range(100):
        P += 1
        while not is_probable_prime(P):
            P += 1
        if L0 % P == 0 or any(g[-1] % P == 0 for g in facs):
            continue
        us = [gf_monic(gf_from(g, P), P) for g in facs]
        cofs = []
        for i in range(len(us)):
            others = [1]
            for j, u in enumerate(us):
                if j != i:
                    others = gf_mul(others, u, P)
            s, _, g = gf_gcdex(gf_rem(others, us[i], P), us[i], P)
            if g != [1]:
                break
            cofs.append(s)
        else:
            return P, cofs
    raise LimitError("factor: no suitable prime modulus found for Hensel lifting")


def _lift(F: ZPoly, facs: list[list[int]], P: int, cofs: list[list[int]]) -> list[Series]:
    """Monic factors ``F_i`` of ``F/lc_x(F)`` in (Z/P)[[y]][x] (up to the total degree of
    ``F`` in ``y``) whose values at ``y = 0`` are the monic ``facs``."""
    n = zp_degree(F, 0)
    k = len(next(iter(F))) - 1
    D = max(sum(m[1:]) for m in F)
    zero = (0,) * k
    lcs = _components({(0,) + m[1:]: c for m, c in F.items() if m[0] == n}, D, P)
    inv0 = pow(lcs[0][zero][0], -1, P)
    # inverse of lc as a power series: W_t = -(1/L0) sum_{s>=1} L_s W_{t-s}
    inv: Series = [{zero: [inv0]}]
    for t in range(1, D + 1):
        acc: dict = {}
        for s in range(1, t + 1):
            _hmul(lcs[s], inv[t - s], acc, P)
        inv.append({m: [-c * inv0 % P for c in p] for m, p in _reduced(acc, P).items()})
    target = _smul(_components(F, D, P), inv, D, P)
    us = [gf_monic(gf_from(g, P), P) for g in facs]
    r = len(us)
    Fs: list[Series] = [[{zero: u}] for u in us]
    pre: list[Series] = [[{zero: us[0]}]]  # pre[j] = F_0 * ... * F_j
    for j in range(1, r):
        pre.append([{zero: gf_mul(pre[j - 1][0][zero], us[j], P)}])
    for t in range(1, D + 1):
        for i in range(r):
            Fs[i].append({})
        mids = _prefix_at(pre, Fs, t, P)
        err = dict(target[t])
        for m, p in pre[-1][t].items():
            err[m] = gf_sub(err.get(m, []), p, P)
        changed = False
        for m, c in err.items():
            if not c:
                continue
            changed = True
            for i in range(r):
                sigma = gf_rem(gf_mul(c, cofs[i], P), us[i], P)
                if sigma:
                    Fs[i][t][m] = sigma
        if changed:
            for j in range(r):
                pre[j].pop()
            _prefix_at(pre, Fs, t, P, mids)
    return Fs


def _prefix_at(pre: list[Series], Fs: list[Series], t: int, P: int,
               mids: list | None = None) -> list:
    """Append component ``t`` of every prefix product ``F_0 * ... * F_j``.

    Component ``t`` of ``pre[j-1] * F_j`` is a middle sum over ``s = 1..t-1``, which the
    correction of step ``t`` does not change, plus the two products with the constant
    components (``s = 0`` and ``s = t``). The middle sums (unreduced) are returned, and
    passed back in after the correction so that only the cheap products are redone.
    """
    if mids is None:
        mids = [None]
        for j in range(1, len(Fs)):
            acc: dict = {}
            for s in range(1, t):
                _hmul(pre[j - 1][s], Fs[j][t - s], acc, P)
            mids.append(acc)
    pre[0].append(Fs[0][t])
    for j in range(1, len(Fs)):
        acc = dict(mids[j])
        _hmul(pre[j - 1][t], Fs[j][0], acc, P)
        _hmul(pre[j - 1][0], Fs[j][t], acc, P)
        pre[j].append(_reduced(acc, P))
    return mids


def _recombine(F: ZPoly, lifted: list[Series], P: int) -> list[ZPoly]:
    """The irreducible factors of ``F`` from subsets of its lifted monic factors."""
    idx = list(range(len(lifted)))
    found: list[ZPoly] = []
    tried = 0
    size = 1
    while 2 * size <= len(idx):
        for S in combinations(idx, size):
            tried += 1
            check()
            if tried > MAX_SUBSETS:
                raise LimitError(f"factor: more than {MAX_SUBSETS} factor combinations to try")
            hit = _candidate(F, [lifted[i] for i in S], P)
            if hit is not None:
                g, F = hit
                found.append(g)
                idx = [i for i in idx if i not in S]
                break
        else:
            size += 1
    found.append(F)
    return found


def _candidate(F: ZPoly, series: list[Series], P: int) -> tuple[ZPoly, ZPoly] | None:
    """``(g, F/g)`` if ``pp_x(lc_x(F) * prod(series))`` (truncated, in the symmetric
    range mod ``P``) divides ``F``."""
    n = zp_degree(F, 0)
    D = max(sum(m[1:]) for m in F)
    G = _components({(0,) + m[1:]: c for m, c in F.items() if m[0] == n}, D, P)
    for s in series:
        G = _smul(G, s, D, P)
    half = P // 2
    g: ZPoly = {}
    for comp in G:
        for m, p in comp.items():
            for e, c in enumerate(p):
                if c:
                    g[(e,) + m] = c - P if c > half else c
    cont = _content_in(g, 0)
    if len(cont) > 1 or any(any(m) for m in cont):
        g = zp_exquo(g, cont)
        if g is None:
            return None
    _, g = zp_primitive(g)
    q = zp_exquo(F, g)
    if q is None:
        return None
    return g, q
