"""Decimal text <-> int for integers of any size, fast and free of the 4300-digit limit.

Python 3.11 refuses ``int(s)`` and ``str(n)`` beyond ``sys.get_int_max_str_digits()``
digits (a guard against the quadratic built-in conversion). Both directions here are
divide and conquer, as in CPython 3.12's ``_pylong``: text -> int splits the digit
string in halves and joins them with ``hi * 10^k + lo`` (Karatsuba multiplication);
int -> text splits the integer by bit shifts and joins the halves as ``decimal``
numbers, whose C implementation multiplies large numbers in quasi-linear time.

>>> n = int_from_digits("1" * 5000)
>>> n % 1000
111
>>> int_to_digits(-(10**5000))[:4], len(int_to_digits(10**5000))
('-100', 5001)
"""

from __future__ import annotations

import decimal
import sys
from functools import lru_cache

# int(s) and str(n) on pieces of at most this many digits are always allowed: the
# smallest limit sys.set_int_max_str_digits accepts is 640.
_CHUNK = 600


def _limit() -> int:
    get = getattr(sys, "get_int_max_str_digits", None)
    return 0 if get is None else get()


@lru_cache(maxsize=64)
def _pow10(k: int) -> int:
    return 10**k


def int_from_digits(s: str) -> int:
    """The integer written as decimal digits ``s`` (an optional sign, then ASCII digits)."""
    body = s.lstrip("+-")
    if not body.isascii() or not body.isdigit() or len(s) - len(body) > 1:
        raise ValueError(f"not a decimal integer: {s[:40]!r}")
    lim = _limit()
    if lim == 0 or len(body) <= lim:
        n = int(body)
    else:
        n = _from_digits(body)
    return -n if s.startswith("-") else n


def _from_digits(s: str) -> int:
    n = len(s)
    if n <= _CHUNK:
        return int(s)
    # Split so that the low half has _CHUNK * 2^j digits: 10^k then repeats across
    # calls and sits in the cache.
    k = _CHUNK
    while 2 * k < n:
        k *= 2
    return _from_digits(s[:n - k]) * _pow10(k) + _from_digits(s[n - k:])


def int_to_digits(n: int) -> str:
    """Decimal text of the integer ``n`` (``-`` sign for negatives)."""
    lim = _limit()
    # 3.32 bits per digit: below this many bits str() is certainly allowed.
    if lim == 0 or n.bit_length() <= 3 * lim:
        return str(n)
    if n < 0:
        return "-" + int_to_digits(-n)
    with decimal.localcontext() as ctx:
        ctx.prec = decimal.MAX_PREC
        ctx.Emax = decimal.MAX_EMAX
        ctx.Emin = decimal.MIN_EMIN
        ctx.traps[decimal.Inexact] = True
        pow2: dict[int, decimal.Decimal] = {}

        def two_to(w: int) -> decimal.Decimal:
            d = pow2.get(w)
            if d is None:
                d = pow2[w] = decimal.Decimal(2) ** w
            return d

        def to_decimal(m: int, w: int) -> decimal.Decimal:
            # m < 2^w; split m = hi*2^h + lo by bits, convert the halves, join in decimal.
            if w <= 1024:
                return decimal.Decimal(m)
            h = w >> 1
            hi = m >> h
            lo = m - (hi << h)
            return to_decimal(hi, w - h) * two_to(h) + to_decimal(lo, h)

        return str(to_decimal(n, n.bit_length()))
