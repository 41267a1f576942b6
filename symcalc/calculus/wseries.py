"""Generalized power series in a positive infinitesimal ``w``: the series step of the
Gruntz algorithm.

After the rewriting step of Gruntz's algorithm an expression is a function of ``w``
(``w -> 0+``) whose other parts vary less rapidly: they are *constants* for this
expansion (they may still depend on the limit variable). ``expand_w(e, w, logw, cut)``
returns the terms ``c_i w^(e_i)`` with every exponent below ``cut``; exponents are
exact constants (rationals, or ``log(5)/log(3)``), ``log(w)`` is replaced by the known
expression ``logw`` (``-x`` when ``w = exp(-x)``), so logarithms of ``w`` go into the
coefficients -- the "log terms in the leading coefficient" of the algorithm.

Sums, products, inverses and powers are the usual truncated-series operations
(binomial series for ``(1 + r)^p`` with any constant ``p``); ``exp`` and ``log`` split off
the constant part; any other function ``f`` is expanded by Taylor's formula at the
constant part of its argument with derivatives from the derivative table, and
``atan`` of an argument tending to ``+-oo`` by ``atan(u) = +-pi/2 - atan(1/u)``.

>>> from symcalc import Symbol, exp, log
>>> w = Symbol("w", positive=True); x = Symbol("x")
>>> leading_w(1/(w + w**2) - 1/w, w, -x)
(-1, 0)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.expr import Expr
from ..core.numbers import ONE, ZERO, nan, number, oo, pi
from ..core.symbol import Symbol
from ..core.traversal import free_symbols
from ..errors import SymcalcError
from .mpvalue import const_sign


class WSeriesError(SymcalcError, ValueError):
    """No series in ``w`` here (an essential singularity, an oscillating function of an
    argument that tends to infinity, an order that cannot be decided)."""


class _NeedMore(WSeriesError):
    """Every term computed cancelled where a leading term is needed: more terms."""


class Oscillates(WSeriesError):
    """A bounded oscillating function (sin, cos of an argument that tends to infinity)."""


#: the most terms one operation may build (a bound against runaway expansions)
MAX_TERMS = 64


def _lt(a: Expr, b: Expr) -> bool:
    """a < b for exact constant exponents; raises when the order cannot be proved."""
    if a.is_Number and b.is_Number:
        return a.value < b.value
    s = const_sign(add(b, mul(-1, a)))
    if s is None:
        raise WSeriesError(f"cannot order the exponents {a} and {b}")
    return s > 0


def _cmp(a: Expr, b: Expr) -> int:
    if a is b:
        return 0
    return -1 if _lt(a, b) else (1 if _lt(b, a) else 0)


class WS:
    """Terms ``[(exponent, coefficient)]`` in increasing order, known below ``prec``
    (None: exact, all terms known)."""

    __slots__ = ("terms", "prec")

    def __init__(self, terms: list[tuple[Expr, Expr]], prec: Expr | None) -> None:
        self.terms = [(k, c) for k, c in terms if c is not ZERO
                      and (prec is None or _lt(k, prec))]
        self.prec = prec

    @property
    def lead(self) -> Expr | None:
        return self.terms[0][0] if self.terms else self.prec

    def const_part(self) -> Expr:
        return add(*[c for k, c in self.terms if k is ZERO])

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"WS({[(str(k), str(c)) for k, c in self.terms]}, {self.prec})"


def _pmin(a: Expr | None, b: Expr | None) -> Expr | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if _lt(a, b) else b


def _sorted(d: dict) -> list[tuple[Expr, Expr]]:
    keys = sorted(d, key=functools.cmp_to_key(_cmp))
    return [(k, d[k]) for k in keys]


def ws_add(a: WS, b: WS) -> WS:
    d: dict[Expr, list[Expr]] = {}
    for k, c in (*a.terms, *b.terms):
        d.setdefault(k, []).append(c)
    return WS(_sorted({k: add(*v) for k, v in d.items()}), _pmin(a.prec, b.prec))


def ws_scale(a: WS, c: Expr, k: Expr = ZERO) -> WS:
    """c w^k a."""
    return WS([(add(e, k), mul(c, v)) for e, v in a.terms],
              None if a.prec is None else add(a.prec, k))


def ws_mul(a: WS, b: WS, cut: Expr) -> WS:
    la, lb = a.lead, b.lead
    prec = _pmin(None if a.prec is None else add(a.prec, ZERO if lb is None else lb),
                 None if b.prec is None else add(b.prec, ZERO if la is None else la))
    if not a.terms or not b.terms:
        return WS([], prec if prec is not None else cut)
    d: dict[Expr, list[Expr]] = {}
    for ka, ca in a.terms:
        for kb, cb in b.terms:
            k = add(ka, kb)
            if prec is None or _lt(k, prec):
                d.setdefault(k, []).append(mul(ca, cb))
    if len(d) > MAX_TERMS * 4:
        raise WSeriesError("the series grows too large")
    return WS(_sorted({k: add(*v) for k, v in d.items()}), prec)


def _compose(coeffs: Callable[[int], Expr], r: WS, cut: Expr) -> WS:
    """sum_k coeffs(k) r^k for a series r of positive order (relative precision cut)."""
    if r.terms and not _lt(ZERO, r.terms[0][0]):
        raise WSeriesError("composition with a series that does not tend to 0")
    prec = _pmin(r.prec, cut)
    total = WS([(ZERO, coeffs(0))], prec)
    if not r.terms:
        return total
    d = r.terms[0][0]
    rk = WS([(ZERO, ONE)], None)
    for k in range(1, MAX_TERMS + 1):
        if not _lt(mul(k, d), prec):
            return total
        rk = ws_mul(rk, r, prec)
        total = ws_add(total, ws_scale(rk, coeffs(k)))
    raise WSeriesError("too many terms in a composed series")


def ws_inv(a: WS, cut: Expr) -> WS:
    return ws_pow(a, number(-1), cut)


def ws_pow(a: WS, p: Expr, cut: Expr) -> WS:
    """a^p for a constant p: c0^p w^(e0 p) (1 + r)^p by the binomial series."""
    if not a.terms:
        raise WSeriesError("a power of a series that vanishes to the order computed")
    e0, c0 = a.terms[0]
    rel = None if a.prec is None else add(a.prec, mul(-1, e0))
    lead_exp = mul(e0, p)
    rel_cut = cut  # relative precision: the ratio of two powers keeps `cut` terms
    inv_c0 = power(c0, -1)
    r = WS([(add(k, mul(-1, e0)), mul(c, inv_c0)) for k, c in a.terms[1:]], rel)

    @functools.cache
    def binom(k: int) -> Expr:
        if k == 0:
            return ONE
        return mul(binom(k - 1), add(p, -(k - 1)), Fraction(1, k))

    if p.is_Number and p.value == 1:
        unit = WS([(ZERO, ONE), *r.terms], r.prec)
    else:
        unit = _compose(binom, r, rel_cut)
    return ws_scale(unit, power(c0, p), lead_exp)


class WExpander:
    """Expands expressions in ``w``; ``logw`` is the expression of ``log(w)``;
    ``sign_of(c)`` gives the eventual sign of a w-free coefficient (for atan at oo)."""

    def __init__(self, w: Symbol, logw: Expr, cut: Expr,
                 sign_of: Callable[[Expr], int] | None = None,
                 zero_test: Callable[[Expr], bool] | None = None,
                 var: Symbol | None = None) -> None:
        self.w, self.logw, self.cut, self.var = w, logw, cut, var
        self.sign_of = sign_of
        self.zero_test = zero_test
        self.memo: dict[Expr, WS] = {}

    def run(self, e: Expr) -> WS:
        hit = self.memo.get(e)
        if hit is None:
            hit = self.memo[e] = self._one(e)
        return hit

    def _one(self, e: Expr) -> WS:
        w, cut = self.w, self.cut
        if w not in free_symbols(e):
            if any(s is oo or s is nan for s in e.preorder()):
                raise WSeriesError(f"{e} is not finite")
            return WS([(ZERO, e)], None)
        if e is w:
            return WS([(ONE, ONE)], None)
        if e.is_Add:
            r = self.run(e.args[0])
            for a in e.args[1:]:
                r = ws_add(r, self.run(a))
            return r
        if e.is_Mul:
            r = self.run(e.args[0])
            for a in e.args[1:]:
                r = ws_mul(r, self.run(a), cut)
            return r
        if e.is_Pow:
            b, p = e.args
            if w in free_symbols(p):
                from ..core.functions import exp, log

                return self.run(exp(mul(p, log(b))))
            if b is w:
                return WS([(p, ONE)], None)
            a = self.run(b)
            if not (p.is_Number and isinstance(p.value, int) and p.value >= 0):
                a = self._nonzero_lead(a)
            return ws_pow(a, p, cut)
        if e.is_Function and len(e.args) == 1:
            return self._function(e)
        raise WSeriesError(f"no series in w for {e.head}")

    def _nonzero_lead(self, a: WS) -> WS:
        """a without leading coefficients that are zero (not just structurally)."""
        terms = a.terms
        while terms and self.zero_test is not None and not terms[0][1].is_Number \
                and self.zero_test(terms[0][1]):
            terms = terms[1:]
        if not terms:
            raise _NeedMore("a leading coefficient vanishes: more terms are needed")
        return a if terms is a.terms else WS(terms, a.prec)

    def _split(self, a: WS) -> tuple[Expr, WS]:
        """a = a0 + r with r of positive order; raises for negative orders."""
        if a.terms and _lt(a.terms[0][0], ZERO):
            raise WSeriesError("the argument tends to infinity")
        a0 = a.const_part()
        return a0, WS([(k, c) for k, c in a.terms if k is not ZERO], a.prec)

    def _function(self, e: Expr) -> WS:
        from ..core import functions as F

        name = e.fdef.name
        a = self.run(e.args[0])
        cut = self.cut
        if name == "exp":
            a0, r = self._split(a)
            return ws_scale(_compose(lambda k: Fraction(1, math.factorial(k)), r, cut),
                            F.exp(a0))
        if name == "log":
            a = self._nonzero_lead(a)
            e0, c0 = a.terms[0]
            unit = ws_scale(WS(a.terms, a.prec), power(c0, -1), mul(-1, e0))
            _, r = self._split(unit)
            s = _compose(lambda k: ZERO if k == 0 else Fraction((-1) ** (k + 1), k), r, cut)
            return ws_add(s, WS([(ZERO, add(F.log(c0), mul(e0, self.logw)))], None))
        if a.terms and _lt(a.terms[0][0], ZERO):
            if name == "atan":  # atan(u) = sign(u) pi/2 - atan(1/u)
                s = self.sign_of(a.terms[0][1]) if self.sign_of else 0
                if s not in (1, -1):
                    raise WSeriesError("the sign of an argument of atan is unknown")
                _, inv = self._split(ws_inv(a, cut))
                at = self._taylor(F.atan, ZERO, inv)
                half_pi = WS([(ZERO, mul(s, pi, Fraction(1, 2)))], None)
                return ws_add(half_pi, ws_scale(at, number(-1)))
            if name in ("erfcx", "erfix"):
                # exp(u^2) erfc(u) ~ 1/(sqrt(pi) u) sum (-1)^k (2k-1)!!/(2u^2)^k and
                # exp(-u^2) erfi(u) ~ 1/(sqrt(pi) u) sum (2k-1)!!/(2u^2)^k
                if self.sign_of is None or self.sign_of(a.terms[0][1]) != 1:
                    raise WSeriesError(f"{name} of an argument that tends to -oo")
                _, s = self._split(ws_inv(a, cut))
                s2 = ws_mul(s, s, cut)
                sg = -1 if name == "erfcx" else 1
                tail = _compose(lambda k: number(Fraction(sg ** k * _dfact(2 * k - 1), 2 ** k)),
                                s2, cut)
                return ws_scale(ws_mul(s, tail, cut), power(pi, Fraction(-1, 2)))
            if name in _STIRLING_TAILS:  # sum c_k u^-k, c_k from Bernoulli numbers
                if name != "eix" and (self.sign_of is None  # eix: valid at -oo too
                                      or self.sign_of(a.terms[0][1]) != 1):
                    raise WSeriesError(f"{name} of an argument that tends to -oo")
                _, s = self._split(ws_inv(a, cut))
                return _compose(lambda k: number(_STIRLING_TAILS[name](k)), s, cut)
            if name in _OSCILLATING:
                raise Oscillates(f"{e} oscillates")
            raise WSeriesError(f"{name} of an argument that tends to infinity")
        a0, r = self._split(a)
        return self._taylor(e.fdef, a0, r)

    def _taylor(self, fdef: Any, a0: Expr, r: WS) -> WS:
        """f(a0 + r) = sum f^(k)(a0)/k! r^k, derivatives from the derivative table."""
        from ..core.traversal import subs
        from .series import _Y, _bad, _derivative

        syms = free_symbols(a0)
        if syms and fdef.name not in _ENTIRE and (self.var is None or self.var not in syms):
            # a0 depends on parameters only: f may be singular there for some values
            raise WSeriesError(f"{fdef.name} may not be analytic at {a0}")
        check = not syms and fdef.name not in _ENTIRE
        vals: list[Expr] = []

        def coeff(k: int) -> Expr:
            while len(vals) <= k:
                j = len(vals)
                try:
                    v = subs(_derivative(fdef, j), {_Y: a0})
                except (SymcalcError, ZeroDivisionError) as err:
                    raise WSeriesError(f"{fdef.name} is not analytic at {a0}: {err}") from None
                if _bad(v) or check and not _stable(v):
                    raise WSeriesError(f"{fdef.name} is not analytic at {a0}")
                vals.append(mul(v, Fraction(1, math.factorial(j))))
            return vals[k]

        return _compose(coeff, r, self.cut)


#: functions analytic on the whole real line (their Taylor series needs no check)
_ENTIRE = frozenset({"exp", "sin", "cos", "sinh", "cosh", "atan", "erf", "erfc", "tanh",
                     "sigmoid", "softplus", "gelu", "asinh"})


def _stable(v: Expr) -> bool:
    """A constant whose value is finite and the same at 30 and 60 digits (tan(pi/2) is
    not: its computed value grows with the precision)."""
    from .mpvalue import mp_value

    if v.is_Number:
        return True
    lo, hi = mp_value(v, 30), mp_value(v, 60)
    if lo is None or hi is None:
        return False
    return abs(lo - hi) <= 1e-20 * (1 + abs(hi))


def _dfact(n: int) -> int:
    r = 1
    while n > 1:
        r, n = r * n, n - 2
    return r


_OSCILLATING = frozenset({"sin", "cos", "tan", "cot", "sec", "csc", "frac"})


def _bernoulli(n: int) -> Fraction:
    """B_n (B_1 = -1/2) by the recurrence sum_{j<=n} C(n+1, j) B_j = 0."""
    b = [Fraction(1)]
    for m in range(1, n + 1):
        b.append(-sum(math.comb(m + 1, j) * b[j] for j in range(m)) / (m + 1))
    return b[n]


def _binet_coeff(k: int) -> Fraction:
    # binet(u) ~ sum_j B_2j/(2j (2j - 1) u^(2j - 1))
    if k % 2 == 0:
        return Fraction(0)
    j = (k + 1) // 2
    return _bernoulli(2 * j) / (2 * j * (2 * j - 1))


def _digamma_tail_coeff(k: int) -> Fraction:
    # log u - 1/(2u) - digamma(u) ~ sum_j B_2j/(2j u^(2j))
    if k == 0 or k % 2:
        return Fraction(0)
    return _bernoulli(k) / k


#: the Stirling remainders of limits (gruntz.BINET, gruntz.DIGAMMA_TAIL): k -> c_k of
#: their asymptotic series sum c_k u^-k at u -> +oo
_STIRLING_TAILS = {"binet": _binet_coeff, "digamma_tail": _digamma_tail_coeff,
                   # exp(-u) Ei(u) ~ sum_{k>=1} (k-1)!/u^k (gruntz.EIX)
                   "eix": lambda k: Fraction(math.factorial(k - 1) if k else 0)}


def leading_w(e: Expr, w: Symbol, logw: Expr,
              sign_of: Callable[[Expr], int] | None = None,
              is_zero: Callable[[Expr, Expr], bool] | None = None,
              zero_test: Callable[[Expr], bool] | None = None,
              var: Symbol | None = None) -> tuple[Expr, Expr]:
    """(c, k): e = c w^k + (higher order) as w -> 0+; ``is_zero(c, k)`` drops leading
    terms whose coefficient is zero though not structurally; ``zero_test(c)`` does so
    for coefficients that are divided by (powers, logarithms)."""
    dropped: set[Expr] = set()
    for cut in (1, 2, 4, 8, 16, 32):
        try:
            ws = WExpander(w, logw, number(cut), sign_of, zero_test, var).run(e)
        except _NeedMore:
            continue
        for k, c in ws.terms:
            if k in dropped:
                continue
            if is_zero is not None and is_zero(c, k):
                dropped.add(k)
                continue
            return c, k
    raise WSeriesError(f"the series of {e} in {w} vanishes to the order computed")


__all__ = ["Oscillates", "WS", "WSeriesError", "leading_w"]
