"""Integer polynomials in several variables as plain dicts ``{exponent tuple: int}``.

The arithmetic kernel under the heuristic gcd and multivariate factorization: no
generators, no Fractions and no validation (callers pass tuples of one length and
nonzero ints). Monomials compare lexicographically, the first variable most significant.

>>> zp_mul({(1, 0): 1, (0, 1): 1}, {(1, 0): 1, (0, 1): -1})  # (x + y)(x - y)
{(2, 0): 1, (0, 2): -1}
>>> zp_exquo({(2, 0): 1, (0, 2): -1}, {(1, 0): 1, (0, 1): 1})
{(1, 0): 1, (0, 1): -1}
"""

from __future__ import annotations

import heapq
from math import gcd

from ..core.budget import check

ZPoly = dict[tuple[int, ...], int]


def zp_mul(a: ZPoly, b: ZPoly) -> ZPoly:
    """The product ``a*b``."""
    if len(a) < len(b):
        a, b = b, a
    t: ZPoly = {}
    get = t.get
    for mb, cb in b.items():
        for ma, ca in a.items():
            m = tuple([i + j for i, j in zip(ma, mb)])
            t[m] = get(m, 0) + ca * cb
    return {m: c for m, c in t.items() if c}


def zp_add(a: ZPoly, b: ZPoly, s: int = 1) -> ZPoly:
    """``a + s*b``."""
    t = dict(a)
    for m, c in b.items():
        v = t.get(m, 0) + s * c
        if v:
            t[m] = v
        else:
            t.pop(m, None)
    return t


def zp_content(a: ZPoly) -> int:
    """The positive gcd of the coefficients (0 for the zero polynomial)."""
    g = 0
    for c in a.values():
        check()  # (gcds of huge integers: heugcd images can have 10^5 bits)
        g = gcd(g, c)
        if g == 1:
            break
    return g


def zp_primitive(a: ZPoly) -> tuple[int, ZPoly]:
    """``(c, p)`` with ``a == c*p``, ``p`` of content 1 and positive leading coefficient."""
    if not a:
        return 0, a
    c = zp_content(a)
    if a[max(a)] < 0:
        c = -c
    if c == 1:
        return 1, a
    return c, {m: v // c for m, v in a.items()}


def zp_norm(a: ZPoly) -> int:
    """The largest absolute value of a coefficient."""
    return max((abs(c) for c in a.values()), default=0)


def zp_degree(a: ZPoly, i: int) -> int:
    return max((m[i] for m in a), default=-1)


def zp_eval_last(a: ZPoly, v: int) -> ZPoly:
    """Substitute the integer ``v`` for the last variable (which then disappears)."""
    t: ZPoly = {}
    pw = [1]
    get = t.get
    for m, c in a.items():
        check()
        k = m[-1]
        while len(pw) <= k:
            pw.append(pw[-1] * v)
        mm = m[:-1]
        t[mm] = get(mm, 0) + c * pw[k]
    return {m: c for m, c in t.items() if c}


def zp_interp_last(a: ZPoly, xi: int) -> ZPoly:
    """Inverse of :func:`zp_eval_last` for small coefficients: every integer coefficient is
    written in balanced base ``xi`` (digits in ``(-xi/2, xi/2]``), the k-th digit becoming
    the coefficient of the new last variable to the power k (GCDHEU interpolation)."""
    t: ZPoly = {}
    half = xi // 2
    for m, c in a.items():
        k = 0
        while c:
            d = c % xi
            if d > half:
                d -= xi
            if d:
                t[m + (k,)] = d
            c = (c - d) // xi
            k += 1
    return t


def zp_exquo(a: ZPoly, b: ZPoly) -> ZPoly | None:
    """``a / b`` if the nonzero ``b`` divides ``a`` exactly in Z[vars], else None.

    Lex division with a heap of the remainder's monomials; it stops at the first term
    that shows ``b`` cannot divide ``a`` (a quotient exponent above the degree difference,
    a leading monomial or coefficient that is not divisible)."""
    if not a:
        return {}
    n = len(next(iter(b)))
    degs_a = [zp_degree(a, i) for i in range(n)]
    degs_b = [zp_degree(b, i) for i in range(n)]
    room = [da - db for da, db in zip(degs_a, degs_b)]
    if any(r < 0 for r in room):
        return None
    mb = max(b)
    cb = b[mb]
    rest = [(m, c) for m, c in b.items() if m != mb]
    r = dict(a)
    heap = [tuple([-e for e in m]) for m in r]
    heapq.heapify(heap)
    q: ZPoly = {}
    while r:
        m = tuple([-e for e in heapq.heappop(heap)])
        c = r.pop(m, 0)
        if not c:
            continue
        dm = tuple([i - j for i, j in zip(m, mb)])
        if any(d < 0 or d > k for d, k in zip(dm, room)):
            return None
        f, rem = divmod(c, cb)
        if rem:
            return None
        q[dm] = f
        for mm, cc in rest:
            t = tuple([i + j for i, j in zip(mm, dm)])
            v = r.get(t)
            if v is None:
                r[t] = -f * cc
                heapq.heappush(heap, tuple([-e for e in t]))
            else:
                v -= f * cc
                r[t] = v  # a zero stays until its heap entry is popped
    return q
