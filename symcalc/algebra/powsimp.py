"""Powers of numbers with symbolic exponents written over prime bases.

For a positive rational ``b = p1^k1 * ... * pr^kr`` (``ki`` integers, negative for the
denominator) and any real exponent ``u``, ``b^u = p1^(k1*u) * ... * pr^(kr*u)``, since
all the bases are positive. Writing every such power this way makes equal powers
equal: ``4^n - 2^(2*n)`` and ``2^n*3^n - 6^n`` cancel at construction. With an integer
exponent ``(-1)^(k*n)`` depends only on ``k mod 2``. ``simplify`` offers this form.

Logarithms of positive rationals are split the same way (:func:`prime_logs`):
``log(p1^k1 * ... * pr^kr) = k1*log(p1) + ... + kr*log(pr)`` holds exactly for real
logarithms of positive numbers, so ``log(8)/log(2)`` is 3 and ``log(12) - 2*log(2)``
is ``log(3)``.

>>> from symcalc import parse, Symbol
>>> prime_bases(parse("4^n - 2^(2*n)"))
0
>>> prime_bases(parse("6^n - 2^n*3^n"))
0
>>> n = Symbol("n", integer=True)
>>> prime_bases(parse("(-1)^(2*n)").subs({Symbol("n"): n}))
1
>>> prime_logs(parse("log(8)/log(2)"))
3
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.expr import Expr, as_expr
from ..core.numbers import number
from ..core.traversal import bottom_up, preorder

__all__ = ["has_number_logs", "has_number_powers", "prime_bases", "prime_logs"]

#: Integers above this are not factored (trial division).
MAX_BASE = 10**12


def _factor_int(n: int) -> dict[int, int] | None:
    out: dict[int, int] = {}
    if n > MAX_BASE:
        return None
    d = 2
    while d * d <= n:
        while n % d == 0:
            out[d] = out.get(d, 0) + 1
            n //= d
        d += 1 if d == 2 else 2
    if n > 1:
        out[n] = out.get(n, 0) + 1
    return out


def _integer_valued(u: Expr) -> bool:
    return all(s.integer for s in u.free_symbols) and not any(
        n.is_Function or (n.is_Pow and not (n._args[1].is_Number and
                                             isinstance(n._args[1].value, int)
                                             and n._args[1].value >= 0))
        for n in preorder(u)) and all(
        isinstance(n.value, int) for n in preorder(u) if n.is_Number)


def has_number_powers(e: Expr) -> bool:
    """Whether ``e`` has a power of a number with a symbolic exponent."""
    return any(n.is_Pow and n._args[0].is_Number and not n._args[1].is_Number
               for n in preorder(e))


def prime_bases(e: Any) -> Expr:
    """``e`` with powers of positive rationals over prime bases (see the module doc)."""
    e = as_expr(e)

    def visit(node: Expr, kids: tuple) -> Expr:
        new = node.rebuild(kids) if kids else node
        if not (new.is_Pow and new._args[0].is_Number and not new._args[1].is_Number):
            return new
        b, u = new._args
        v = b.value
        if isinstance(v, float):
            return new
        q = Fraction(v)
        if q == -1 and _integer_valued(u):
            c, rest = u.as_coeff_mul()
            if isinstance(c, int):
                return power(b, mul(number(c % 2), rest))
            return new
        if q <= 0:
            return new
        fn, fd = _factor_int(q.numerator), _factor_int(q.denominator)
        if fn is None or fd is None:
            return new
        parts = [power(number(p), mul(number(k), u)) for p, k in sorted(fn.items())]
        parts += [power(number(p), mul(number(-k), u)) for p, k in sorted(fd.items())]
        return mul(*parts)

    return bottom_up(e, visit)


def _is_number_log(n: Expr) -> bool:
    if not (n.is_Function and n.fdef.name == "log" and len(n._args) == 1):
        return False
    a = n._args[0]
    return a.is_Number and not isinstance(a.value, (float, complex)) and a.value > 0 \
        and a.value != 1


def has_number_logs(e: Expr) -> bool:
    """Whether ``e`` has the logarithm of a positive rational other than 1."""
    return any(_is_number_log(n) for n in preorder(e))


def prime_logs(e: Any) -> Expr:
    """``e`` with logarithms of positive rationals written as sums of logarithms of
    primes (see the module doc); numbers too large to factor quickly are kept."""
    e = as_expr(e)

    def visit(node: Expr, kids: tuple) -> Expr:
        new = node.rebuild(kids) if kids else node
        if not _is_number_log(new):
            return new
        q = Fraction(new._args[0].value)
        fn, fd = _factor_int(q.numerator), _factor_int(q.denominator)
        if fn is None or fd is None or (len(fn) + len(fd) == 1 and
                                        sum(fn.values()) + sum(fd.values()) == 1):
            return new  # a prime, or too large
        log = new.func
        parts = [mul(number(k), log(number(p))) for p, k in sorted(fn.items())]
        parts += [mul(number(-k), log(number(p))) for p, k in sorted(fd.items())]
        return add(*parts)

    return bottom_up(e, visit)
