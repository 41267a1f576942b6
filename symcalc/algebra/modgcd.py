"""Modular gcd of integer polynomials in several variables (Brown's dense algorithm).

The gcd is computed modulo word-sized primes and put together by Chinese remaindering;
modulo a prime ``p`` it is computed by evaluating the last variable at points of GF(p),
taking the gcd of the images recursively (Euclid at one variable) and interpolating
(Newton). Images whose leading monomial is too large come from unlucky primes or
points and are dropped; those with a smaller one restart the interpolation. The
leading coefficient is fixed beforehand (the gcd of the leading coefficients, the
classic normalization), so images agree.

Nothing here is trusted: a candidate is returned only once it divides both inputs
exactly over Z (and then it *is* the gcd: it is a common divisor, and its leading
monomial is no larger than that of every image, hence than the gcd's). When that does
not happen in a few primes, :class:`ModularGCDFailed` is raised and the caller uses
another algorithm.

The heuristic gcd (:mod:`.heugcd`) evaluates at one huge integer per variable; with many
variables its images grow to hundreds of thousands of bits, where this algorithm's stay
word-sized.

>>> f = {(2, 0, 0): 1, (0, 2, 0): -1}                  # x^2 - y^2
>>> g = {(1, 0, 1): 1, (0, 1, 1): 1, (1, 0, 0): 3, (0, 1, 0): 3}  # (x + y)(z + 3)
>>> sorted(modgcd(f, g)[0].items())
[((0, 1, 0), 1), ((1, 0, 0), 1)]
"""

from __future__ import annotations

import random
from math import gcd

from ..core.budget import check
from ..core.ntheory import is_probable_prime
from .galois import Gf, gf_divmod, gf_gcd, gf_mul, gf_trim
from .zpoly import ZPoly, zp_exquo, zp_primitive

__all__ = ["ModularGCDFailed", "coprime", "dense_size", "modgcd"]

#: Primes tried after the images stopped changing without a divisor found.
EXTRA_PRIMES = 3
#: The primes: the largest below 2^62, in decreasing order.
PRIME_BITS = 62

PPoly = dict  # {exponent tuple: int in range(p)}, no zero coefficients


class ModularGCDFailed(Exception):
    """No gcd found by the modular algorithm: use another one."""


#: The primes found so far, in decreasing order (found once per process, then reused).
_PRIME_CACHE: list[int] = []


def _primes():
    """The primes below 2^62 in decreasing order: from the cache, then searched for."""
    yield from _PRIME_CACHE[:]
    p = _PRIME_CACHE[-1] if _PRIME_CACHE else (1 << PRIME_BITS) - 1
    while True:
        p -= 2
        if is_probable_prime(p):
            if len(_PRIME_CACHE) < 1000 and (not _PRIME_CACHE or p < _PRIME_CACHE[-1]):
                _PRIME_CACHE.append(p)
            yield p


def modgcd(a: ZPoly, b: ZPoly) -> tuple[ZPoly, ZPoly, ZPoly]:
    """``(h, a/h, b/h)`` for nonzero integer polynomials in dict form: ``h`` the gcd,
    with positive leading coefficient and integer content the gcd of the contents."""
    ca, A = zp_primitive(a)
    cb, B = zp_primitive(b)
    c = gcd(ca, cb)
    n = len(next(iter(A)))
    lca, lcb = A[max(A)], B[max(B)]
    gamma = gcd(lca, lcb)
    G: ZPoly | None = None
    M = 1
    lm = None
    last = None
    extra = 0
    bits = max(abs(v) for v in (*A.values(), *B.values())).bit_length()
    limit = 8 + 2 * (bits + gamma.bit_length()) // (PRIME_BITS - 1)
    for i, p in enumerate(_primes()):
        check()
        if i > limit:
            raise ModularGCDFailed(f"modular gcd: no gcd after {limit} primes")
        if lca % p == 0 or lcb % p == 0:
            continue
        Ap = {m: v % p for m, v in A.items() if v % p}
        Bp = {m: v % p for m, v in B.items() if v % p}
        Gp = _gcd_p(Ap, Bp, n, p)
        if Gp is None:
            continue
        lmp = max(Gp)
        if not any(lmp):  # coprime: the gcd is the common integer content
            one = (0,) * n
            return {one: c}, {m: v * (ca // c) for m, v in A.items()}, \
                {m: v * (cb // c) for m, v in B.items()}
        g = gamma % p
        Gp = {m: v * g % p for m, v in Gp.items()}
        if lm is None or lmp < lm:
            G, M, lm, last = Gp, p, lmp, None
        elif lmp > lm:
            continue  # an unlucky prime
        else:
            G = _crt(G, M, Gp, p)
            M *= p
        half = M // 2
        cand = {m: (v - M if v > half else v) for m, v in G.items()}
        cand = {m: v for m, v in cand.items() if v}
        if cand == last:
            _, H = zp_primitive(cand)
            if H[max(H)] < 0:
                H = {m: -v for m, v in H.items()}
            fa = zp_exquo(A, H)
            if fa is not None:
                fb = zp_exquo(B, H)
                if fb is not None:
                    return ({m: v * c for m, v in H.items()},
                            {m: v * (ca // c) for m, v in fa.items()},
                            {m: v * (cb // c) for m, v in fb.items()})
            extra += 1
            if extra > EXTRA_PRIMES:
                raise ModularGCDFailed("modular gcd: the images do not give a divisor")
        last = cand
    raise ModularGCDFailed("unreachable")  # pragma: no cover - _primes() is endless


#: The largest degree in one variable for which dense images (lists of coefficients)
#: are built; beyond, :func:`coprime` draws no conclusion and :func:`modgcd` is not tried.
DENSE_MAX_DEGREE = 100000


def coprime(a: ZPoly, b: ZPoly) -> bool:
    """True when ``a`` and ``b`` are proved to have no common factor of positive degree
    (a cheap test; False says nothing).

    For each variable ``x`` in both, the other variables are given random values mod a
    large prime where the leading coefficients in ``x`` of ``a`` and ``b`` do not vanish;
    a gcd ``G`` keeps its degree in ``x`` under that map (its leading coefficient divides
    theirs), and its image divides the gcd of the images, so an image gcd of degree 0
    proves that ``G`` is free of ``x``.
    """
    n = len(next(iter(a)))
    p = next(_primes())
    rng = random.Random(n)
    for i in range(n):
        da, db = max(m[i] for m in a), max(m[i] for m in b)
        if not da or not db:
            continue
        if max(da, db) > DENSE_MAX_DEGREE:
            return False
        pt = [rng.randrange(1, p) for _ in range(n)]
        ua, ub = _univariate_image(a, i, pt, p), _univariate_image(b, i, pt, p)
        if len(ua) != da + 1 or len(ub) != db + 1:
            return False  # a leading coefficient vanished: no conclusion
        if len(gf_gcd(ua, ub, p)) > 1:
            return False
    return True


def _univariate_image(a: ZPoly, i: int, pt: list[int], p: int) -> Gf:
    out = [0] * (max(m[i] for m in a) + 1)
    for m, c in a.items():
        v = c
        for j, e in enumerate(m):
            if e and j != i:
                v = v * pow(pt[j], e, p) % p
        out[m[i]] = (out[m[i]] + v) % p
    return gf_trim(out)


def dense_size(a: ZPoly, b: ZPoly) -> int:
    """The number of univariate gcds the dense algorithm may need: the product over the
    variables but the first of the smaller degree plus one."""
    n = len(next(iter(a)))
    size = 1
    for i in range(1, n):
        size *= 1 + min(max(m[i] for m in a), max(m[i] for m in b))
    return size


def _crt(G: ZPoly, M: int, H: PPoly, p: int) -> ZPoly:
    """The coefficients ``x`` with ``x = G mod M`` and ``x = H mod p``, in ``range(M*p)``."""
    inv = pow(M, -1, p)
    out = {}
    for m in set(G) | set(H):
        u = G.get(m, 0)
        v = H.get(m, 0)
        x = u + M * ((v - u) * inv % p)
        if x:
            out[m] = x
    return out


def _split_last(A: PPoly) -> dict[tuple, Gf]:
    """``A`` as ``{exponents of the other variables: dense poly in the last}``."""
    out: dict[tuple, list[int]] = {}
    for m, c in A.items():
        d = out.setdefault(m[:-1], [])
        k = m[-1]
        if len(d) <= k:
            d.extend([0] * (k + 1 - len(d)))
        d[k] = c
    return out


def _eval(u: Gf, v: int, p: int) -> int:
    r = 0
    for c in reversed(u):
        r = (r * v + c) % p
    return r


def _gcd_p(A: PPoly, B: PPoly, k: int, p: int) -> PPoly | None:
    """The monic gcd (lex leading coefficient 1) of ``A`` and ``B`` in GF(p)[x1..xk],
    or None when no good evaluation points were found."""
    if not A or not B:
        R = A or B
        if not R:
            return {}
        inv = pow(R[max(R)], -1, p)
        return {m: v * inv % p for m, v in R.items()}
    if k == 0:
        return {(): 1}
    if k == 1:
        a = [0] * (max(A)[0] + 1)
        for m, v in A.items():
            a[m[0]] = v
        b = [0] * (max(B)[0] + 1)
        for m, v in B.items():
            b[m[0]] = v
        g = gf_gcd(a, b, p)
        return {(i,): v for i, v in enumerate(g) if v}
    SA, SB = _split_last(A), _split_last(B)
    # contents in the last variable, and the primitive parts
    ca = _content(SA, p)
    cb = _content(SB, p)
    cg = gf_gcd(ca, cb, p)
    if len(ca) > 1:
        SA = {m: gf_divmod(u, ca, p)[0] for m, u in SA.items()}
    if len(cb) > 1:
        SB = {m: gf_divmod(u, cb, p)[0] for m, u in SB.items()}
    lA, lB = SA[max(SA)], SB[max(SB)]
    g = gf_gcd(lA, lB, p)
    bound = len(g) - 1 + min(max(len(u) for u in SA.values()),
                             max(len(u) for u in SB.values())) - 1
    H: dict[tuple, Gf] | None = None
    q: Gf = [1]  # prod (x - v) over the points used
    lm = None
    used = 0
    tries = 0
    rng = random.Random(k)
    seen: set[int] = set()
    while True:
        check()
        tries += 1
        if tries > 4 * bound + 20:
            return None
        # random points: with consecutive ones, values of the leading coefficients
        # repeat (v*(v - 3) at 1 and 2) and the images agree by accident
        v = rng.randrange(1, p)
        if v in seen:
            continue
        seen.add(v)
        la, lb = _eval(lA, v, p), _eval(lB, v, p)
        if not la or not lb:
            continue
        Av = _at(SA, v, p)
        Bv = _at(SB, v, p)
        C = _gcd_p(Av, Bv, k - 1, p)
        if C is None:
            continue
        lmc = max(C)
        if not any(lmc):  # coprime primitive parts
            return _monic(_join({(0,) * (k - 1): cg}), p)
        if lm is not None and lmc > lm:
            continue  # an unlucky point
        gv = _eval(g, v, p)
        C = {m: c * gv % p for m, c in C.items()}
        if lm is None or lmc < lm:
            H = {m: [c] for m, c in C.items()}
            q = [(-v) % p, 1]
            lm, used = lmc, 1
            continue
        # Newton step: H += (C - H(v)) * q / q(v)
        qv_inv = pow(_eval(q, v, p), -1, p)
        changed = False
        for m in set(H) | set(C):
            u = H.get(m, [])
            d = (C.get(m, 0) - _eval(u, v, p)) * qv_inv % p
            if d:
                changed = True
                t = list(u) + [0] * max(0, len(q) - len(u))
                for i, c in enumerate(q):
                    t[i] = (t[i] + d * c) % p
                t = gf_trim(t)
                if t:
                    H[m] = t
                else:
                    H.pop(m, None)
        q = gf_mul(q, [(-v) % p, 1], p)
        used += 1
        if not changed or used > bound:
            break  # (stopping when a point changes nothing is checked at the end)
    # the primitive part in the last variable, times the gcd of the contents
    cont = _content(H, p)
    out: dict[tuple, Gf] = {}
    for m, u in H.items():
        w = gf_divmod(u, cont, p)[0] if len(cont) > 1 else u
        w = gf_mul(w, cg, p)
        if w:
            out[m] = w
    return _monic(_join(out), p)


def _content(S: dict[tuple, Gf], p: int) -> Gf:
    g: Gf = []
    for u in sorted(S.values(), key=len):
        g = gf_gcd(g, u, p) if g else [c for c in u]
        if len(g) == 1:
            return [1]
    return gf_gcd(g, [], p) if g else [1]


def _at(S: dict[tuple, Gf], v: int, p: int) -> PPoly:
    out = {}
    for m, u in S.items():
        c = _eval(u, v, p)
        if c:
            out[m] = c
    return out


def _join(S: dict[tuple, Gf]) -> PPoly:
    return {m + (i,): c for m, u in S.items() for i, c in enumerate(u) if c}


def _monic(A: PPoly, p: int) -> PPoly:
    inv = pow(A[max(A)], -1, p)
    return {m: v * inv % p for m, v in A.items()}
