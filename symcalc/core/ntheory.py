"""Small integer number theory for exact radicals: factoring and perfect powers.

Radicals are kept in one canonical form (see :func:`radical_product`) so that equal
values built in different ways are the same object: ``sqrt(8)`` is ``2*sqrt(2)``,
``sqrt(2)*sqrt(3)`` is ``sqrt(6)``, ``8^(1/3)`` is ``2``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from . import limits
from .budget import max_bits

_SMALL_PRIMES = [p for p in range(2, 1000) if all(p % q for q in range(2, int(p ** 0.5) + 1))]


def is_probable_prime(n: int) -> bool:
    """Miller–Rabin with the first 13 prime bases: deterministic below 3.3e24."""
    if n < 2:
        return False
    for p in _SMALL_PRIMES[:13]:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in _SMALL_PRIMES[:13]:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _pollard_brent(n: int) -> int:
    """A nontrivial factor of the composite n (Brent's variant of Pollard's rho)."""
    if n % 2 == 0:
        return 2
    for c in range(1, 50):
        y, r, q, g = 2, 1, 1, 1
        x = ys = 2
        while g == 1:
            x = y
            for _ in range(r):
                y = (y * y + c) % n
            k = 0
            while k < r and g == 1:
                ys = y
                for _ in range(min(128, r - k)):
                    y = (y * y + c) % n
                    q = q * abs(x - y) % n
                g = math.gcd(q, n)
                k += 128
            r *= 2
        if g == n:
            g = 1
            while g == 1:
                ys = (ys * ys + c) % n
                g = math.gcd(abs(x - ys), n)
        if g != n:
            return g
    return n  # pragma: no cover - practically unreachable


@lru_cache(maxsize=4096)
def factorint(n: int) -> tuple[tuple[int, int], ...]:
    """Prime factorization of n > 0 as sorted (prime, multiplicity) pairs.

    For n above ``limits.MAX_FACTOR_INT`` only primes below 1000 are split off; the
    remaining cofactor is returned as if it were prime (it may not be).
    """
    out: dict[int, int] = {}
    for p in _SMALL_PRIMES:
        if p * p > n:
            break
        while n % p == 0:
            out[p] = out.get(p, 0) + 1
            n //= p
    if n > 1:
        stack = [n]
        while stack:
            m = stack.pop()
            if m == 1:
                continue
            if m > limits.MAX_FACTOR_INT or is_probable_prime(m):
                out[m] = out.get(m, 0) + 1
                continue
            r = _perfect_power(m)
            if r is not None:
                base, k = r
                stack.extend([base] * k)
                continue
            d = _pollard_brent(m)
            stack.extend([d, m // d])
    return tuple(sorted(out.items()))


def _perfect_power(n: int) -> tuple[int, int] | None:
    """(b, k) with b**k == n and k > 1 maximal-ish, or None."""
    for k in range(2, n.bit_length() + 1):
        b = integer_nthroot(n, k)
        if b ** k == n:
            return b, k
        if b < 2:
            break
    return None


def integer_nthroot(n: int, k: int) -> int:
    """floor(n ** (1/k)) for n >= 0, exactly."""
    if n < 2:
        return n
    if k == 2:
        return math.isqrt(n)
    b = int(round(n ** (1.0 / k))) if n.bit_length() < 1000 else 1 << (n.bit_length() // k)
    # Newton iteration from above, exact in integers.
    b = max(b, 1)
    while b ** k > n:
        b = ((k - 1) * b + n // b ** (k - 1)) // k
    while (b + 1) ** k <= n:
        b += 1
    return b


def radical_product(items: list[tuple[Fraction | int, Fraction | int]]
                    ) -> tuple[Fraction | int, list[tuple[int, Fraction]]] | None:
    """Canonical form of a product of rational powers of rationals.

    ``items`` are (base, exponent) pairs with nonzero rational base and rational exponent.
    Returns ``(c, [(b1, f1), ...])`` meaning ``c * b1^f1 * ...`` where each ``f`` lies in
    (0, 1), the ``f`` are distinct and sorted, and each ``b`` is an integer (possibly -1 or
    negative: the sign is carried as the "prime" -1, valid on the principal branch since
    (-n)^r = (-1)^r * n^r for n > 0). Returns None if an integer part would be too large.
    """
    expo: dict[int, Fraction] = {}
    for base, e in items:
        base = Fraction(base)
        e = Fraction(e)
        if base < 0:
            expo[-1] = expo.get(-1, 0) + e
            base = -base
        for p, k in factorint(base.numerator) if base.numerator > 1 else ():
            expo[p] = expo.get(p, 0) + k * e
        for p, k in factorint(base.denominator) if base.denominator > 1 else ():
            expo[p] = expo.get(p, 0) - k * e
    coeff: Fraction | int = 1
    bits = 0
    groups: dict[Fraction, int] = {}
    for p, t in expo.items():
        whole = math.floor(t)
        frac = t - whole
        if p == -1:
            if whole % 2:
                coeff = -coeff
        elif whole:
            bits += abs(whole) * p.bit_length()
            if bits > max_bits():
                return None
            coeff = coeff * p ** whole if whole > 0 else coeff / Fraction(p ** -whole)
        if frac:
            groups[frac] = groups.get(frac, 1) * p
    if isinstance(coeff, Fraction) and coeff.denominator == 1:
        coeff = coeff.numerator
    return coeff, sorted(((b, f) for f, b in groups.items()), key=lambda bf: bf[1])
