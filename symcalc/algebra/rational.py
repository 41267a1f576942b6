"""Expression-level rational functions: ``together``, ``cancel``, ``apart``, ``collect``.

These work on ordinary expressions and use :class:`~symcalc.algebra.Poly` underneath.
Symbols and non-polynomial subexpressions (``exp(x)``, ``sqrt(y)``, ``pi``) act as
independent generators, exactly as in :meth:`Poly.from_expr`.

>>> from symcalc import symbols
>>> x, y = symbols("x y")
>>> together(1/x + 1/y)
(x + y)/(x*y)
>>> cancel((x**2 - 1)/(x - 1))
x + 1
>>> apart(1/(x**2 - 1), x)
1/(2*(x - 1)) - 1/(2*(x + 1))
>>> collect(y*x + 2*x + x**2, x)
x^2 + x*(y + 2)
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.expand import expand
from ..core.expr import Expr, as_expr
from ..core.numbers import number
from .factor import factor_list
from .gcd import gcd, gcdex
from .poly import Coeff, Poly, PolynomialError, _collect_gens, _gen_key

__all__ = ["apart", "cancel", "collect", "numer_denom", "together"]

ONE = number(1)


# ---------------------------------------------------------------------- numerator/denominator


def _neg_number(e: Expr) -> bool:
    return e.is_Number and isinstance(e.value, (int, Fraction)) and e.value < 0


def _split_term(t: Expr) -> tuple[Expr, int, list[Expr], dict[Expr, Coeff]]:
    """``t`` as ``(num_coeff, den_int, numerator factors, {denominator base: exponent})``.

    Exact rational coefficients ``p/q`` give ``p`` and ``q``; factors ``b^(-k)`` with a
    negative rational exponent go to the denominator as ``b: k``.
    """
    coeff: Expr = ONE
    den_int = 1
    nums: list[Expr] = []
    dens: dict[Expr, Coeff] = {}
    for f in (t.args if t.is_Mul else (t,)):
        if f.is_Number:
            v = f.value
            if isinstance(v, Fraction):
                coeff = mul(coeff, number(v.numerator))
                den_int *= v.denominator
            else:
                coeff = mul(coeff, f)
        elif f.is_Pow and _neg_number(f.args[1]):
            b, k = f.args[0], -f.args[1].value
            dens[b] = dens.get(b, 0) + k
        else:
            nums.append(f)
    return coeff, den_int, nums, dens


def _den_expr(den_int: int, dens: dict[Expr, Coeff]) -> Expr:
    return mul(number(den_int), *[power(b, number(k)) for b, k in dens.items()])


def numer_denom(e: Any) -> tuple[Expr, Expr]:
    """``(n, d)`` with ``e == n/d``, after combining sums with :func:`together`.

    >>> from symcalc import symbols
    >>> x = symbols("x")
    >>> numer_denom(x/2 + 1/(x + 1))
    (x*(x + 1) + 2, 2*x + 2)
    """
    e = together(e)
    coeff, den_int, nums, dens = _split_term(e)
    return mul(coeff, *nums), _den_expr(den_int, dens)


# ---------------------------------------------------------------------- together


def _together_add(terms: tuple[Expr, ...]) -> Expr:
    parts = [_split_term(t) for t in terms]
    if all(d == 1 and not ds for _, d, _, ds in parts):
        return add(*terms)
    from math import lcm as ilcm

    L = 1
    common: dict[Expr, Coeff] = {}
    for _, d, _, ds in parts:
        L = ilcm(L, d)
        for b, k in ds.items():
            if k > common.get(b, 0):
                common[b] = k
    num_terms = []
    for c, d, ns, ds in parts:
        missing = [power(b, number(_norm(k - ds.get(b, 0)))) for b, k in common.items()
                   if k != ds.get(b, 0)]
        num_terms.append(mul(number(L // d), c, *ns, *missing))
    return mul(add(*num_terms), power(_den_expr(L, common), number(-1)))


def _norm(k: Coeff) -> Coeff:
    return k.numerator if isinstance(k, Fraction) and k.denominator == 1 else k


def together(e: Any, deep: bool = False) -> Expr:
    """Combine sums of fractions over a common denominator, without expanding.

    Works bottom-up through sums, products and powers; with ``deep=True`` also inside
    function arguments.

    >>> from symcalc import symbols
    >>> x = symbols("x")
    >>> together(1/(x + 1) + 1/(x - 1))
    2*x/((x - 1)*(x + 1))
    >>> together(x/2 + 1/(x + 1))
    (x*(x + 1) + 2)/(2*(x + 1))
    """
    memo: dict[Expr, Expr] = {}

    def walk(n: Expr) -> Expr:
        r = memo.get(n)
        if r is not None:
            return r
        if n.is_Atom or not n.args:
            r = n
        elif n.is_Add:
            r = _together_add(tuple(walk(a) for a in n.args))
        elif n.is_Mul or n.is_Pow:
            r = n.rebuild(tuple(walk(a) for a in n.args))
        elif deep:
            r = n.rebuild(tuple(walk(a) for a in n.args))
        else:
            r = n
        memo[n] = r
        return r

    try:
        return walk(as_expr(e))
    finally:
        walk = None  # empties the closure cell: a recursive closure is a reference cycle


# ---------------------------------------------------------------------- cancel


def _gens_of(*es: Expr) -> tuple[Expr, ...]:
    found: dict[Expr, None] = {}
    for e in es:
        _collect_gens(e, found)
    return tuple(sorted(found, key=_gen_key))


def _map_args(e: Expr, fn: Any) -> Expr:
    """Apply ``fn`` to the arguments of every function application and to the base and
    exponent of every non-integer power (the places a polynomial view cannot see)."""
    memo: dict[Expr, Expr] = {}

    def walk(n: Expr) -> Expr:
        r = memo.get(n)
        if r is not None:
            return r
        if n.is_Atom or not n.args:
            r = n
        elif n.is_Add or n.is_Mul:
            r = n.rebuild(tuple(walk(a) for a in n.args))
        elif n.is_Pow:
            b, k = n.args
            if k.is_Number and isinstance(k.value, int):
                r = power(walk(b), k)
            else:
                r = n.rebuild((fn(b), fn(k)))
        elif n.is_Relational or n.is_Boolean:
            r = n.rebuild(tuple(walk(a) for a in n.args))
        else:
            r = n.rebuild(tuple(fn(a) for a in n.args))
        memo[n] = r
        return r

    try:
        return walk(e)
    finally:
        walk = None  # empties the closure cell: a recursive closure is a reference cycle


def _polys(n: Expr, d: Expr) -> tuple[Poly, Poly]:
    gens = _gens_of(n, d)
    return Poly.from_expr(n, gens), Poly.from_expr(d, gens)


def _quotient(c: Coeff, p: Poly, q: Poly) -> Expr:
    """The expression ``c * p / q``."""
    num = mul(number(c), p.as_expr())
    if q == 1:
        return num
    return mul(num, power(q.as_expr(), number(-1)))


def cancel(e: Any) -> Expr:
    """``e`` as ``p/q`` in lowest terms: ``p`` and ``q`` expanded, coprime polynomials in
    the generators of ``e``, ``q`` with positive leading coefficient; also applied inside
    function arguments. Expressions that are not rational functions over Q (floats as
    coefficients) are only combined by :func:`together`.

    >>> from symcalc import symbols, exp
    >>> x, y = symbols("x y")
    >>> cancel((x**2 - y**2)/(2*x - 2*y))
    x/2 + y/2
    >>> cancel(exp((x**2 + 2*x + 1)/(x + 1)))
    exp(x + 1)
    """
    e = _map_args(as_expr(e), cancel)
    n, d = numer_denom(e)
    try:
        P, Q = _polys(n, d)
    except PolynomialError:
        return together(e)
    if P.is_zero:
        return number(0)
    g = gcd(P, Q)
    if not (g.is_constant):
        P, Q = P.exquo(g), Q.exquo(g)
    cp, pp = P.primitive()
    cq, pq = Q.primitive()
    return _quotient(Fraction(cp) / Fraction(cq), pp, pq)


# ---------------------------------------------------------------------- apart


def apart(e: Any, x: Any) -> Expr:
    """Partial fraction decomposition over Q of a rational function of one variable.

    The result is the polynomial part plus, for each irreducible factor ``q`` of the
    denominator with multiplicity ``k``, terms ``A_j/q^j`` (``j = 1..k``) with
    ``deg A_j < deg q``. Other symbols are not supported as parameters.

    >>> from symcalc import symbols
    >>> x = symbols("x")
    >>> apart((x**3 + 1)/(x**2 + x), x)
    x + 1/x - 1
    >>> apart((x + 2)/(x**2*(x**2 + 1)), x)
    1/x - (x + 2)/(x^2 + 1) + 2/x^2
    """
    x = as_expr(x)
    if not x.is_Symbol:
        raise PolynomialError(f"apart needs a symbol as the variable, got {x}")
    n, d = numer_denom(e)
    try:
        P, Q = Poly.from_expr(n, [x]), Poly.from_expr(d, [x])
    except PolynomialError:
        raise PolynomialError(
            f"apart only handles rational functions of {x} with rational coefficients; "
            f"{as_expr(e)} has other symbols or non-polynomial parts") from None
    g = gcd(P, Q)
    P, Q = P.exquo(g), Q.exquo(g)
    poly_part, r = P.div(Q)
    out = [poly_part.as_expr()]
    if r.is_zero:
        return out[0]
    c, facs = factor_list(Q)
    r = r.mul_scalar(Fraction(1) / Fraction(c))
    for i, (f, k) in enumerate(facs):
        F = f ** k
        G = Poly.constant(1, (x,))
        for j, (h, m) in enumerate(facs):
            if j != i:
                G = G * h ** m
        s, _, one = gcdex(G, F)
        assert one == 1
        A = (r * s) % F
        # A = B_k + f*B_{k-1} + f^2*B_{k-2} + ...  gives  sum_j B_j / f^j
        for j in range(k, 0, -1):
            A, B = A.div(f)
            if not B.is_zero:
                cb, pb = B.primitive()
                out.append(mul(number(cb), pb.as_expr(), power(f.as_expr(), number(-j))))
    return add(*out)


# ---------------------------------------------------------------------- collect


def _power_of(f: Expr, x: Expr) -> Expr | None:
    if f is x:
        return ONE
    if f.is_Pow and f.args[0] is x:
        return f.args[1]
    return None


def collect(e: Any, syms: Any) -> Expr:
    """Group the terms of (the shallow expansion of) ``e`` by powers of ``syms``.

    ``syms`` is one expression or a list; with several, coefficients are collected in
    the later ones recursively.

    >>> from symcalc import symbols
    >>> a, b, x, y = symbols("a b x y")
    >>> collect(a*x + b*x + x**2, x)
    x^2 + x*(a + b)
    >>> collect(x*y + x + y + x*y**2, [x, y])
    x*(y^2 + y + 1) + y
    """
    if isinstance(syms, Iterable) and not isinstance(syms, Expr):
        syms = [as_expr(s) for s in syms]
    else:
        syms = [as_expr(syms)]
    e = expand(as_expr(e), deep=False)
    return _collect(e, syms)


def _collect(e: Expr, syms: list[Expr]) -> Expr:
    if not syms:
        return e
    x, rest = syms[0], syms[1:]
    groups: dict[Expr, list[Expr]] = {}
    for t in (e.args if e.is_Add else (e,)):
        k: Expr = number(0)
        others = []
        for f in (t.args if t.is_Mul else (t,)):
            p = _power_of(f, x)
            if p is None:
                others.append(f)
            else:
                k = add(k, p)
        groups.setdefault(k, []).append(mul(*others))
    out = []
    for k, cs in groups.items():
        out.append(mul(power(x, k), _collect(add(*cs), rest)))
    return add(*out)
