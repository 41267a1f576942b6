"""Rational normalization that also sees radicals: the ``combine`` step of ``simplify``.

:func:`combine` works bottom-up. In every sum it pulls out the common factor of the
terms: each base to its smallest exponent, when the exponents of that base differ by
rational numbers. A base missing from a term counts with exponent 0, so denominators
come out too (this is ``together``), and ``b^(3/2)`` and ``b^(1/2)`` share
``b^(1/2)``, which ``cancel`` cannot see because it takes ``b^(3/2)`` and ``b^(1/2)``
for independent generators. What is left in the sum is expanded, and polynomial
bases of the denominator that divide it exactly are cancelled:

    x^2/(x^2 + 4)^(3/2) - 1/sqrt(x^2 + 4)  =  (x^2 - (x^2 + 4))/(x^2 + 4)^(3/2)
                                          =  -4/(x^2 + 4)^(3/2)

Sums under fractional or negative powers are expanded first, so that equal
polynomials written differently (``9 - (x + 2)^2`` and ``5 - 4*x - x^2``) become the
same base. Expansion is skipped where it would give more than ``max_terms`` terms.

>>> from symcalc import Rational, symbols, sqrt
>>> x = symbols("x")
>>> combine(x**2/(x**2 + 4)**Rational(3, 2) - 1/sqrt(x**2 + 4))
-4/(x^2 + 4)^(3/2)
>>> combine(1/sqrt(x) - 1/(sqrt(x)*(x + 1)))
sqrt(x)/(x + 1)
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from math import comb

from ..core.arithmetic import add, mul, power
from ..core.expand import expand
from ..core.expr import Expr
from ..core.numbers import ONE, ZERO, number
from ..core.traversal import bottom_up
from ..errors import SymcalcError
from .poly import Poly, PolynomialError

#: Largest number of terms an expansion inside ``combine`` may produce.
MAX_TERMS = 300


# --------------------------------------------------------------------------- sizes


def expanded_size(e: Expr, memo: dict | None = None) -> int:
    """An upper bound on the number of terms of ``expand(e)`` (cheap, no expansion)."""
    if memo is None:
        memo = {}
    got = memo.get(e)
    if got is not None:
        return got
    if e.is_Add:
        n = sum(expanded_size(a, memo) for a in e._args)
    elif e.is_Mul:
        n = 1
        for a in e._args:
            n *= expanded_size(a, memo)
    elif e.is_Pow:
        b, k = e._args
        nb = expanded_size(b, memo)
        if nb > 1 and k.is_Number and isinstance(k.value, int):
            n = comb(abs(k.value) + nb - 1, nb - 1) if k.value > 0 else 1
        else:
            n = 1
    else:
        n = 1
    n = min(n, 10**9)
    memo[e] = n
    return n


def safe_expand(e: Expr, max_terms: int = MAX_TERMS) -> Expr | None:
    """``expand(e)``, or None when the result could exceed ``max_terms`` terms."""
    if expanded_size(e) > max_terms:
        return None
    try:
        return expand(e, deep=False)
    except SymcalcError:
        return None


# --------------------------------------------------------------------------- terms


def _factors(t: Expr) -> tuple[Expr, dict[Expr, Expr]]:
    """A term as (numeric coefficient, {base: exponent})."""
    c, rest = t.as_coeff_mul()
    powers: dict[Expr, Expr] = {}
    for f in (rest._args if rest.is_Mul else (rest,)):
        if f.is_Number:  # (a product's coefficient is split off already)
            continue
        if f.is_Pow:
            b, k = f._args
        else:
            b, k = f, ONE
        old = powers.get(b)
        powers[b] = k if old is None else add(old, k)
    return number(c), powers


def _min_exponents(parts: list[tuple[Expr, dict[Expr, Expr]]]) -> dict[Expr, Expr]:
    """base -> the smallest exponent with which it can be pulled out of every term."""
    bases: dict[Expr, None] = {}
    for _, ps in parts:
        for b in ps:
            bases[b] = None
    out: dict[Expr, Expr] = {}
    for b in bases:
        exps = [ps.get(b, ZERO) for _, ps in parts]
        ref = next(k for k in exps if k is not ZERO) if any(k is not ZERO for k in exps) else ZERO
        offsets = []
        for k in exps:
            d = add(k, mul(-1, ref))
            if not (d.is_Number and not isinstance(d.value, float)):
                break
            offsets.append(d.value)
        else:
            m = add(ref, number(min(offsets)))
            if m is not ZERO:
                out[b] = m
    return out


def _divide_out(inner: Expr, common: dict[Expr, Expr]) -> Expr:
    """Cancel polynomial bases with negative exponent in ``common`` that divide ``inner``
    exactly (``common`` is updated)."""
    if inner.is_Number:
        return inner
    for b, k in list(common.items()):
        if not (b.is_Add and k.is_Number and k.value < 0):
            continue
        try:
            pb = Poly.from_expr(b)
            if pb.total_degree() < 1:
                continue
            pi = Poly.from_expr(inner)
            kv = k.value
            while kv < 0:
                q, r = pi.div(pb)
                if not r.is_zero:
                    break
                pi = q
                kv += 1
        except (PolynomialError, SymcalcError):
            continue
        if kv != k.value:
            common[b] = number(kv)
            inner = pi.as_expr()
    return inner


def combine_sum(terms: tuple[Expr, ...], max_terms: int = MAX_TERMS) -> Expr:
    """The sum of ``terms`` over its common factor, the rest expanded (see module doc)."""
    parts = [_factors(t) for t in terms]
    common = _min_exponents(parts)
    if not common:
        s = add(*terms)
        ex = safe_expand(s, max_terms)
        return s if ex is None else ex
    new_terms = []
    for c, ps in parts:
        fs = [c]
        for b, k in ps.items():
            m = common.get(b)
            fs.append(power(b, k if m is None else add(k, mul(-1, m))))
        for b, m in common.items():
            if b not in ps:
                fs.append(power(b, mul(-1, m)))
        new_terms.append(mul(*fs))
    inner = add(*new_terms)
    ex = safe_expand(inner, max_terms)
    if ex is not None:
        inner = _divide_out(ex, common)
    return mul(*(power(b, k) for b, k in common.items()), inner)


def _normal_base(b: Expr, max_terms: int) -> Expr:
    if not b.is_Add:
        return b
    ex = safe_expand(b, max_terms)
    return b if ex is None else ex


def combine(e: Expr, max_terms: int = MAX_TERMS, memo: dict | None = None) -> Expr:
    """Sums over their common factors and denominators, radicals included (see the
    module docstring); also inside function arguments. ``memo`` (node -> its combined
    form, for one ``max_terms``) may be shared between calls on related expressions."""

    def visit(node: Expr, kids: tuple) -> Expr:
        if not kids:
            return node
        if memo is not None:
            got = memo.get(node)
            if got is not None:
                return got
        if node.is_Add:
            r = combine_sum(kids, max_terms)
        elif node.is_Pow:
            b, k = kids
            if not (k.is_Number and isinstance(k.value, int) and k.value > 0):
                b = _normal_base(b, max_terms)
            r = power(b, k)
        else:
            r = node.rebuild(kids)
        if memo is not None:
            memo[node] = r
        return r

    return bottom_up(e, visit)


# --------------------------------------------------------------------------- radicals


@lru_cache(maxsize=4096)
def _radicand(e: Expr) -> int | None:
    """n when ``e`` is built from rationals and powers of sqrt(n) alone (0 when it has no
    radical), None otherwise (a symbol, another radical, a function)."""
    if e.is_Number:
        return None if isinstance(e.value, float) else 0
    if e.is_Pow:
        b, k = e._args
        if b.is_Number and isinstance(b.value, int) and b.value > 1 and k.is_Number \
                and not isinstance(k.value, (int, float)) and Fraction(k.value).denominator == 2:
            return b.value
        if k.is_Number and isinstance(k.value, int):
            return _radicand(b)
        return None
    if e.is_Add or e.is_Mul:
        found = 0
        for a in e._args:
            n = _radicand(a)
            if n is None or (n and found and n != found):
                return None
            found = n or found
        return found
    return None


def rationalize_constant(e: Expr) -> Expr | None:
    """A number built from rationals and one square root sqrt(n), written ``a + b*sqrt(n)``
    (the denominator rationalized in Q(sqrt(n))); None for anything else.

    >>> from symcalc import sqrt
    >>> rationalize_constant((2*sqrt(3) + 3)/(sqrt(3) + 2))
    sqrt(3)
    """
    from .gcd import gcdex
    from .rational import numer_denom

    n = _radicand(e)
    if not n:
        return None
    r = power(number(n), number(Fraction(1, 2)))
    try:
        num, den = numer_denom(e)
        m = Poly.from_list([1, 0, -n], r)
        pn, pd = Poly.from_expr(num, [r]) % m, Poly.from_expr(den, [r]) % m
        inv, _, g = gcdex(pd, m)
        if not g.is_constant or g.is_zero:
            return None
        return ((pn * inv) % m).as_expr()
    except (PolynomialError, SymcalcError, ZeroDivisionError):
        return None


def content_of(c: Expr) -> Fraction | None:
    """The exact rational value of a number expression, else None."""
    if c.is_Number and not isinstance(c.value, float):
        return Fraction(c.value)
    return None
