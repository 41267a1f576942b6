"""Dense univariate polynomials over the prime field GF(p), for modular factorization.

A polynomial is a list of ints in ``range(p)``, lowest degree first, without trailing
zeros (``[]`` is zero). Factorization: distinct-degree splitting, then Cantor–Zassenhaus
equal-degree splitting (odd ``p``).

>>> gf_factor([1, 0, 1], 5)  # x^2 + 1 = (x + 2)(x + 3) mod 5
[[2, 1], [3, 1]]
"""

from __future__ import annotations

import random

from ..core.budget import check, check_now

Gf = list[int]


def gf_trim(a: Gf) -> Gf:
    while a and a[-1] == 0:
        a.pop()
    return a


def gf_from(coeffs: list[int], p: int) -> Gf:
    """Reduce integer coefficients (lowest degree first) mod ``p``."""
    return gf_trim([c % p for c in coeffs])


def gf_add(a: Gf, b: Gf, p: int) -> Gf:
    if len(a) < len(b):
        a, b = b, a
    r = list(a)
    for i, c in enumerate(b):
        r[i] = (r[i] + c) % p
    return gf_trim(r)


def gf_sub(a: Gf, b: Gf, p: int) -> Gf:
    return gf_add(a, [(-c) % p for c in b], p)


def gf_mul(a: Gf, b: Gf, p: int) -> Gf:
    if not a or not b:
        return []
    r = [0] * (len(a) + len(b) - 1)
    for i, u in enumerate(a):
        if u:
            for j, v in enumerate(b):
                r[i + j] += u * v
    return gf_trim([c % p for c in r])


def gf_divmod(a: Gf, b: Gf, p: int) -> tuple[Gf, Gf]:
    """Euclidean division by a nonzero ``b``."""
    if not b:
        raise ZeroDivisionError("division by the zero polynomial mod p")
    r = list(a)
    db = len(b) - 1
    inv = pow(b[-1], -1, p)
    q = [0] * max(len(a) - db, 0)
    for k in range(len(a) - 1 - db, -1, -1):
        c = r[k + db] * inv % p
        q[k] = c
        if c:
            for j, v in enumerate(b):
                r[k + j] = (r[k + j] - c * v) % p
    return gf_trim(q), gf_trim(r[:db])


def gf_rem(a: Gf, b: Gf, p: int) -> Gf:
    return gf_divmod(a, b, p)[1]


def gf_monic(a: Gf, p: int) -> Gf:
    if not a:
        return a
    inv = pow(a[-1], -1, p)
    return [c * inv % p for c in a]


def gf_gcd(a: Gf, b: Gf, p: int) -> Gf:
    """Monic gcd (Euclid)."""
    while b:
        a, b = b, gf_rem(a, b, p)
    return gf_monic(a, p)


def gf_gcdex(a: Gf, b: Gf, p: int) -> tuple[Gf, Gf, Gf]:
    """``(s, t, g)`` with ``s*a + t*b == g`` monic."""
    r0, r1, s0, s1, t0, t1 = a, b, [1], [], [], [1]
    while r1:
        q, r = gf_divmod(r0, r1, p)
        r0, r1 = r1, r
        s0, s1 = s1, gf_sub(s0, gf_mul(q, s1, p), p)
        t0, t1 = t1, gf_sub(t0, gf_mul(q, t1, p), p)
    inv = pow(r0[-1], -1, p)
    return ([c * inv % p for c in s0], [c * inv % p for c in t0], [c * inv % p for c in r0])


def gf_powmod(a: Gf, n: int, f: Gf, p: int) -> Gf:
    """``a^n mod f`` by repeated squaring."""
    result: Gf = [1]
    a = gf_rem(a, f, p)
    while n:
        check_now()  # each step multiplies polynomials of f's degree
        if n & 1:
            result = gf_rem(gf_mul(result, a, p), f, p)
        n >>= 1
        if n:
            a = gf_rem(gf_mul(a, a, p), f, p)
    return result


def gf_diff(a: Gf, p: int) -> Gf:
    return gf_trim([i * c % p for i, c in enumerate(a)][1:])


def gf_is_squarefree(a: Gf, p: int) -> bool:
    return len(gf_gcd(a, gf_diff(a, p), p)) == 1


def gf_ddf(f: Gf, p: int) -> list[tuple[Gf, int]]:
    """Distinct-degree factorization of a monic square-free ``f``: pairs (product of all
    irreducible factors of degree d, d), using gcd(x^(p^d) - x, f)."""
    out = []
    h: Gf = [0, 1]
    d = 0
    while 2 * (d + 1) <= len(f) - 1:
        d += 1
        check()
        h = gf_powmod(h, p, f, p)
        g = gf_gcd(gf_sub(h, [0, 1], p), f, p)
        if len(g) > 1:
            out.append((g, d))
            f = gf_divmod(f, g, p)[0]
            h = gf_rem(h, f, p)
    if len(f) > 1:
        out.append((f, len(f) - 1))
    return out


def gf_edf(f: Gf, d: int, p: int, rng: random.Random) -> list[Gf]:
    """Cantor–Zassenhaus: split a monic product of irreducibles of degree ``d`` (odd p)."""
    n = len(f) - 1
    if n == d:
        return [f]
    while True:
        check()
        a = gf_trim([rng.randrange(p) for _ in range(n)])
        if len(a) < 2:
            continue
        g = gf_gcd(a, f, p)
        if 1 < len(g) < len(f):
            break
        b = gf_sub(gf_powmod(a, (p ** d - 1) // 2, f, p), [1], p)
        g = gf_gcd(b, f, p)
        if 1 < len(g) < len(f):
            break
    return gf_edf(g, d, p, rng) + gf_edf(gf_divmod(f, g, p)[0], d, p, rng)


def gf_factor(f: Gf, p: int, seed: int = 0) -> list[Gf]:
    """The monic irreducible factors of a square-free ``f`` mod an odd prime ``p``, sorted."""
    f = gf_monic(f, p)
    rng = random.Random(seed)
    out: list[Gf] = []
    for g, d in gf_ddf(f, p):
        out.extend(gf_edf(g, d, p, rng))
    return sorted(out, key=lambda g: (len(g), g[::-1]))
