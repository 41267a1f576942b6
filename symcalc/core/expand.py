"""``expand``: distribute products over sums and expand integer powers of sums.

Works bottom-up over the DAG (each shared node expanded once), also inside function
arguments and denominators. The number of terms is estimated before anything is
built; beyond the budget's ``terms`` (:mod:`symcalc.core.budget`) it raises
:class:`symcalc.LimitError`, as it does past the budget's time.

>>> from symcalc import parse
>>> parse("(x + 1)^3").expand()
x^3 + 3*x^2 + 3*x + 1
>>> parse("(a + b)*(a - b)").expand()
a^2 - b^2
"""

from __future__ import annotations

import weakref
from math import comb

from .arithmetic import add, mul, power
from .budget import check, check_terms, operation
from .expr import Expr, as_expr
from .numbers import MINUS_ONE, number
from .traversal import bottom_up


def _check(n_terms: int) -> None:
    check_terms(n_terms, f"the expansion would have about {n_terms} terms")


def _terms(e: Expr) -> tuple[Expr, ...]:
    return e._args if e.is_Add else (e,)


def expand_power(base: Expr, n: int) -> Expr:
    """Multinomial expansion of an expanded sum to a positive integer power."""
    terms = _terms(base)
    m = len(terms)
    if m == 1:
        return power(base, number(n))
    _check(comb(n + m - 1, m - 1))
    split = [t.as_coeff_mul() for t in terms]
    coeffs = [c for c, _ in split]
    rests = [r for _, r in split]
    # powers[i][k] = rest_i^k, built once
    powers = [[None] + [power(r, number(k)) for k in range(1, n + 1)] for r in rests]
    cpow = [[_coeff_power(c, k) for k in range(n + 1)] for c in coeffs]
    out: list[Expr] = []
    _multinomial(0, n, 1, [], m, cpow, powers, out)
    return add(*out)


def _coeff_power(c, k: int):
    """c**k for a numeric coefficient; a float power beyond the double range is a typed
    error (NumberTooLargeError, a LimitError), not a raw OverflowError."""
    try:
        return c ** k
    except OverflowError:
        from ..errors import NumberTooLargeError

        raise NumberTooLargeError(f"expanding needs ({c:.6g})^{k}, beyond the double "
                                  "range; use exact numbers") from None


def _multinomial(i: int, left: int, coef: int, factors: list, m: int, cpow: list,
                 powers: list, out: list) -> None:
    """Append the terms of the multinomial expansion with exponents for bases i.. summing
    to ``left`` (a module-level function: a recursive closure would be a reference cycle)."""
    if i == m - 1:
        k = left
        c = coef * cpow[i][k]
        fs = factors + [powers[i][k]] if k else factors
        out.append(mul(number(c), *fs))
        check()
        return
    binom = 1  # comb(left, k), updated as k goes down (math.comb each time is O(n^2))
    for k in range(left, -1, -1):
        c = coef * binom * cpow[i][k]
        _multinomial(i + 1, left - k, c, factors + [powers[i][k]] if k else factors, m, cpow,
                     powers, out)
        binom = binom * k // (left - k + 1)


def expand_product(factors: list[Expr]) -> Expr:
    """Distribute a product of expanded factors."""
    sums = [f for f in factors if f.is_Add]
    if not sums:
        return mul(*factors)
    others = [f for f in factors if not f.is_Add]
    n = 1
    for s in sums:
        n *= len(s._args)
    _check(n)
    acc: list[Expr] = [mul(*others)]
    for s in sums:
        acc = [mul(a, t) for a in acc if check() is None for t in s._args]
    return add(*acc)


@operation("expand")
def expand(e: Expr, deep: bool = True) -> Expr:
    """Expand ``e``: products distributed, integer powers of sums multiplied out."""

    def visit(node: Expr, kids: tuple) -> Expr:
        if not kids:
            return node
        if node.is_Add:
            return add(*kids)
        if node.is_Mul:
            r = expand_product(list(kids))
            # distributing can create new products of sums inside terms (rare): finish them
            return r
        if node.is_Pow:
            b, x = kids
            if x.is_Number and isinstance(x.value, int) and b.is_Add:
                k = x.value
                if k > 0:
                    return expand_power(b, k)
                return power(expand_power(b, -k), MINUS_ONE)
            return power(b, x)
        if not deep:
            return node
        return node.rebuild(kids)

    if not isinstance(e, Expr):
        e = as_expr(e)   # a number; anything else is an ExprTypeError
    if not deep:
        return bottom_up(e, visit)
    f = e._facts
    if f is not None and "expand" in f:   # cached on the node: a pure function of e
        r = f["expand"]
        if r is None:
            return e
        r = r()
        if r is not None:
            return r
    r = bottom_up(e, visit)
    f = e._facts
    if f is None:
        f = e._facts = {}
    # None for e itself; otherwise a weak reference: the cache keeps nothing alive (strong
    # references from node to node kept whole graphs, and cycles, alive: the heap grew
    # and full garbage collections took seconds in long sessions)
    f["expand"] = None if r is e else weakref.ref(r)
    return r
