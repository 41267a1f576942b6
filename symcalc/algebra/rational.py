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

import weakref
from collections.abc import Iterable
from fractions import Fraction
from math import comb
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.budget import operation
from ..core.expand import expand
from ..core.expr import Expr, as_expr
from ..core.numbers import nan, number
from .factor import factor_list
from .gcd import cofactors, gcd, gcdex
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


@operation("together")
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


@operation("cancel")
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
    e = as_expr(e)
    f = e._facts
    if f is not None and "cancel" in f:   # cached on the node: a pure function of e
        r = f["cancel"]
        if r is None:
            return e
        r = r()
        if r is not None:
            return r
    r = _cancel(e)
    f = e._facts
    if f is None:
        f = e._facts = {}
    # None for e itself, else a weak reference: the cache keeps nothing alive
    f["cancel"] = None if r is e else weakref.ref(r)
    return r


def _cancel(e: Expr) -> Expr:
    e = _map_args(e, cancel)
    n, d = numer_denom(e)
    try:
        P, Q = _polys(n, d)
    except PolynomialError:
        return together(e)
    if Q.is_zero:
        return nan
    if sum(1 for i, g in enumerate(Q.gens) if not g.is_Symbol and Q.degree(i) > 0) >= 2:
        # generators such as sin(x) and cos(x) are not independent: a denominator that
        # is not the zero polynomial may still vanish identically (0/0, not a number);
        # one generator besides symbols (sin(x), exp(x)) is independent of them
        from .zerotest import zero_denominator

        undefined = zero_denominator(power(d, number(-1)))
        if undefined == "zero":
            return nan
        if undefined == "suspect":
            return e
    if P.is_zero:
        return number(0)
    _, P, Q = cofactors(P, Q)
    cp, pp = P.primitive()
    cq, pq = Q.primitive()
    return _quotient(Fraction(cp) / Fraction(cq), pp, pq)


# ---------------------------------------------------------------------- apart


@operation("apart")
def apart(e: Any, x: Any) -> Expr:
    """Partial fraction decomposition of a rational function of ``x``.

    The result is the polynomial part plus, for each irreducible factor ``q`` of the
    denominator with multiplicity ``k``, terms ``A_j/q^j`` (``j = 1..k``) with
    ``deg A_j < deg q``. Other symbols (and subexpressions free of ``x``) are parameters:
    the coefficients live in Q(parameters). With parameters the decomposition is done
    when every factor of the denominator that involves ``x`` is linear in ``x`` or free of
    the parameters; otherwise ``e`` is returned unchanged.

    >>> from symcalc import symbols
    >>> x, a, b = symbols("x a b")
    >>> apart((x**3 + 1)/(x**2 + x), x)
    x + 1/x - 1
    >>> apart((x + 2)/(x**2*(x**2 + 1)), x)
    1/x - (x + 2)/(x^2 + 1) + 2/x^2
    >>> apart(1/((x + a)*(x + b)), x)
    1/((a - b)*(b + x)) - 1/((a + x)*(a - b))
    """
    x = as_expr(x)
    if not x.is_Symbol:
        raise PolynomialError(f"apart needs a symbol as the variable, got {x}")
    n, d = numer_denom(e)
    params = tuple(g for g in _gens_of(n, d) if g is not x)
    if any(g.has(x) for g in params):
        raise PolynomialError(
            f"apart only handles rational functions of {x}; {as_expr(e)} has "
            f"non-polynomial parts in {x}") from None
    if params:
        r = _apart_params(n, d, x, params)
        return as_expr(e) if r is None else r
    P, Q = Poly.from_expr(n, [x]), Poly.from_expr(d, [x])
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


def _ratio(num: Poly, den: Poly, factored: bool = False, coprime: bool = False) -> Expr:
    """The expression ``num/den`` in lowest terms (``den`` nonzero), with numerator and
    denominator factored if ``factored``; ``coprime``: the caller knows they have no
    common factor of positive degree (no gcd is computed)."""
    if num.is_zero:
        return number(0)
    if not coprime:
        _, num, den = cofactors(num, den)
    if factored:
        from .factor_expr import _factor_poly_expr

        return mul(_factor_poly_expr(num), power(_factor_poly_expr(den), number(-1)))
    cp, pp = num.primitive()
    cq, pq = den.primitive()
    return _quotient(Fraction(cp) / Fraction(cq), pp, pq)


def _apart_params(n: Expr, d: Expr, x: Expr, params: tuple[Expr, ...]) -> Expr | None:
    """:func:`apart` over Q(params), or None where it does not apply (a factor of the
    denominator that is nonlinear in ``x`` and involves the parameters)."""
    from .factor_expr import factor_poly_list

    gens = (x,) + params
    P, Q = Poly.from_expr(n, gens), Poly.from_expr(d, gens)
    if P.is_zero:
        return number(0)
    _, P, Q = cofactors(P, Q)
    c, facs = factor_poly_list(Q)
    den = Poly.constant(c, gens)  # the factors free of x, parameters only
    xfacs = []
    for f, k in facs:
        if f.degree(0) > 0:
            xfacs.append((f, k))
        else:
            den = den * f ** k
    linear = all(f.degree(0) == 1 for f, _ in xfacs)
    plain = all(not any(m[1:]) for f, _ in xfacs for m in f.terms)
    if not (linear or plain):
        return None
    Qx = Poly.constant(1, gens)
    for f, k in xfacs:
        Qx = Qx * f ** k
    out: list[Expr] = []
    if P.degree(0) >= Qx.degree(0):
        # lc^e * P = q*Qx + r: the polynomial part is q/(lc^e * den)
        q, P = P.pdiv(Qx, 0)
        den = den * Qx.coeff_in(0, Qx.degree(0)) ** max(q.degree(0) + 1, 0)
        for j in range(q.degree(0) + 1):
            out.append(mul(_ratio(q.coeff_in(0, j), den, True), power(x, number(j))))
    if P.is_zero:
        return add(*out)
    if linear:
        for i, (f, k) in enumerate(xfacs):
            R = den
            for j, (h, m) in enumerate(xfacs):
                if j != i:
                    R = R * h ** m
            out += _linear_terms(P, R, f, k)
    else:
        _plain_terms(P, den, xfacs, out)
    return add(*out)


def _shifted(P: Poly, alpha: Poly, mbeta: Poly, upto: int) -> list[Poly]:
    """Coefficients of ``t^0..t^upto`` in ``alpha^deg(P) * P((t + mbeta)/alpha)`` (in x)."""
    dP = P.degree(0)
    coeffs = [P.coeff_in(0, j) for j in range(dP + 1)]
    apow = [Poly.constant(1, P.gens)]
    bpow = [Poly.constant(1, P.gens)]
    for _ in range(dP):
        apow.append(apow[-1] * alpha)
        bpow.append(bpow[-1] * mbeta)
    out = []
    for i in range(upto + 1):
        acc = Poly._new({}, P.gens)
        for j in range(i, dP + 1):
            if not coeffs[j].is_zero:
                acc = acc + coeffs[j] * bpow[j - i] * apow[dP - j] * comb(j, i)
        out.append(acc)
    return out


def _linear_terms(P: Poly, R: Poly, f: Poly, k: int) -> list[Expr]:
    """The terms ``A_j/f^j`` of ``P/(f^k R)`` for ``f = alpha*x + beta`` (``f`` not dividing
    ``R``): with ``t = f``, ``P/R = alpha^(dR - dP) Pt(t)/Rt(t)`` and the series of
    ``Pt/Rt`` in ``t`` up to ``t^(k-1)`` gives the ``A_j`` (Taylor expansion at the root)."""
    alpha, mbeta = f.coeff_in(0, 1), -f.coeff_in(0, 0)
    dP, dR = P.degree(0), R.degree(0)
    p = _shifted(P, alpha, mbeta, k - 1)
    r = _shifted(R, alpha, mbeta, k - 1)
    # s_m = S_m / r0^(m+1):  S_m = p_m r0^m - sum_{i=1..m} r_i S_{m-i} r0^(i-1)
    r0 = r[0]
    r0pow = [Poly.constant(1, P.gens)]
    for _ in range(k):
        r0pow.append(r0pow[-1] * r0)
    S: list[Poly] = []
    for m in range(k):
        acc = p[m] * r0pow[m]
        for i in range(1, m + 1):
            acc = acc - r[i] * S[m - i] * r0pow[i - 1]
        S.append(acc)
    out = []
    fe = f.as_expr()
    for m in range(k):
        num = S[m] * alpha ** max(dR - dP, 0)
        den = r0pow[m + 1] * alpha ** max(dP - dR, 0)
        if not num.is_zero:
            out.append(mul(_ratio(num, den, True), power(fe, number(-(k - m)))))
    return out


def _plain_terms(P: Poly, den: Poly, xfacs: list[tuple[Poly, int]], out: list[Expr]) -> None:
    """Terms of ``P/(den * prod f^k)`` for factors ``f`` free of the parameters (``den``
    free of ``x``): the algorithm over Q applied to the coefficients in Q(params)."""
    gens = P.gens
    uni = [(Poly({(m[0],): v for m, v in f.terms.items()}, (gens[0],)), k) for f, k in xfacs]
    for i, (f, k) in enumerate(uni):
        F = f ** k
        G = Poly.constant(1, f.gens)
        for j, (h, m) in enumerate(uni):
            if j != i:
                G = G * h ** m
        s = gcdex(G, F)[0]
        A = (P * s.reorder(gens)) % F.reorder(gens)
        fw = f.reorder(gens)
        for j in range(k, 0, -1):
            A, B = A.div(fw)
            if not B.is_zero:
                out.append(mul(_ratio(B, den), power(f.as_expr(), number(-j))))


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
