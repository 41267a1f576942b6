"""Series with an O-term, and the arithmetic of O-terms.

A :class:`Series` is a finite sum ``sum c_k t^k`` plus ``O(t^n)``, with ``t = x - x0``
(``t = 1/x`` at ``oo``) and rational exponents. The usual rules hold:
``O(t^a) + O(t^b) = O(t^min(a, b))``, ``t^a O(t^b) = O(t^(a+b))``, ``c O(t^a) = O(t^a)``
for a constant ``c != 0``, and adding or multiplying an expression first expands it
just as far as the O-term allows (``f + O(x^3)`` keeps the terms of ``f`` below
``x^3``). ``series(e, x, x0, n, order_term=True)`` returns one; ``removeO()`` gives the
polynomial back. Printed, the O-term is the registry function ``O``
(:mod:`symcalc.core.order`), so ``str(s)`` parses back and :func:`as_series` turns the
parsed expression into a Series again.

>>> from symcalc import Symbol, sin, exp, series
>>> x = Symbol("x")
>>> O(x**2) + O(x**3)
O(x^2)
>>> x * O(x**2)
O(x^3)
>>> s = series(sin(x), x, 0, 6, order_term=True); s
x - x^3/6 + x^5/120 + O(x^6)
>>> s * s
x^2 - x^4/3 + 2*x^6/45 + O(x^7)
>>> exp(x) + O(x**3)
1 + x + x^2/2 + O(x^3)
>>> (1/s).removeO()
7*x^3/360 + x/6 + 1/x
>>> exp(s)
1 + x + x^2/2 - x^4/8 - x^5/15 + O(x^6)
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.expr import Expr, as_expr, as_expr_or_none
from ..core.numbers import ONE, ZERO, oo
from ..core.order import order_fn, order_parts, t_power
from ..core.symbol import Symbol
from ..core.traversal import free_symbols
from .series import MAX_ORDER, SeriesError

Terms = dict  # Fraction exponent -> nonzero coefficient (an expression free of x)


def _frac(k: Any) -> Fraction:
    if isinstance(k, (int, Fraction)):
        return Fraction(k)
    k = as_expr(k)
    if k.is_Number and not isinstance(k.value, float):
        return Fraction(k.value)
    raise SeriesError(f"an O-term needs rational exponents, not {k}")


class Series:
    """``sum c_k t^k + O(t^order)`` in ``t = x - x0`` (``1/x`` at ``oo``)."""

    __slots__ = ("x", "x0", "terms", "order")

    def __init__(self, x: Symbol, x0: Expr, terms: Terms, order: Fraction) -> None:
        self.x, self.x0, self.order = x, x0, Fraction(order)
        self.terms = {k: c for k, c in sorted(terms.items()) if k < self.order and c is not ZERO}

    # ------------------------------------------------------------------ reading
    @property
    def valuation(self) -> Fraction:
        """The smallest exponent present (the order when there is no term)."""
        return next(iter(self.terms), self.order)

    def removeO(self) -> Expr:
        """The finite sum without the O-term."""
        return add(*[mul(c, t_power(self.x, self.x0, k)) for k, c in self.terms.items()])

    def order_term(self) -> Expr:
        """The O-term as an expression: ``O(x^3)``, ``O((x - 1)^2, x, 1)``, ..."""
        return order_fn(t_power(self.x, self.x0, self.order), self.x, self.x0)

    def as_expr(self) -> Expr:
        """The sum with its O-term as one expression (printing and parsing use it)."""
        return add(self.removeO(), self.order_term())

    def coeff(self, k: Any) -> Expr:
        """The coefficient of t^k (k below the order)."""
        k = _frac(k)
        if k >= self.order:
            raise SeriesError(f"the coefficient of t^{k} is not known (the O-term is "
                              f"{self.order_term()})")
        return self.terms.get(k, ZERO)

    def __str__(self) -> str:
        parts = [str(mul(c, t_power(self.x, self.x0, k))) for k, c in self.terms.items()]
        parts.append(str(self.order_term()))
        out = parts[0]
        for p in parts[1:]:
            out += f" - {p[1:]}" if p.startswith("-") else f" + {p}"
        return out

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Series) and (self.x, self.x0, self.order) == \
            (other.x, other.x0, other.order) and self.terms == other.terms

    def __hash__(self) -> int:
        return hash((self.x, self.x0, self.order, tuple(self.terms.items())))

    # ------------------------------------------------------------------ arithmetic
    def _like(self, terms: Terms, order: Fraction) -> Series:
        return Series(self.x, self.x0, terms, order)

    def _coerce(self, other: Any, order: Fraction) -> Series | None:
        """``other`` expanded as a Series at the same point to the given order."""
        if isinstance(other, Series):
            if (other.x, other.x0) != (self.x, self.x0):
                raise SeriesError(f"O-terms at different points: {self.order_term()} and "
                                  f"{other.order_term()}")
            return other
        e = as_expr_or_none(other)
        if e is None:
            return None
        return self._like(expand_terms(e, self.x, self.x0, order), order)

    def __add__(self, other: Any) -> Series:
        o = self._coerce(other, self.order)
        if o is None:
            return NotImplemented
        terms = dict(self.terms)
        for k, c in o.terms.items():
            terms[k] = add(terms.get(k, ZERO), c)
        return self._like(terms, min(self.order, o.order))

    __radd__ = __add__

    def __neg__(self) -> Series:
        return self._like({k: mul(-1, c) for k, c in self.terms.items()}, self.order)

    def __sub__(self, other: Any) -> Series:
        return self + (-other if isinstance(other, Series) else mul(-1, as_expr(other)))

    def __rsub__(self, other: Any) -> Series:
        return (-self) + other

    def __mul__(self, other: Any) -> Series | Expr:
        if not isinstance(other, Series):
            e = as_expr_or_none(other)
            if e is None:
                return NotImplemented
            if self.x not in free_symbols(e):
                if e is ZERO:
                    return ZERO  # 0*O(t^k) is exactly 0
                return self._like({k: mul(e, c) for k, c in self.terms.items()}, self.order)
            vf = valuation(e, self.x, self.x0)
            other = self._coerce(e, self.order + vf - self.valuation)
        else:
            self._coerce(other, self.order)  # the same point
        return self._times(other)

    __rmul__ = __mul__

    def _times(self, o: Series) -> Series:
        order = min(self.order + o.valuation, o.order + self.valuation)
        terms: Terms = {}
        for k1, c1 in self.terms.items():
            for k2, c2 in o.terms.items():
                if k1 + k2 < order:
                    terms[k1 + k2] = add(terms.get(k1 + k2, ZERO), mul(c1, c2))
        return self._like(terms, order)

    def _power(self, a: Fraction, cap: Fraction | None = None) -> Series:
        """self^a = c0^a t^(v a) (1 + r)^a by the binomial series, to relative order
        order - v (no further than the absolute order ``cap``)."""
        if not self.terms:
            raise SeriesError(f"{self.order_term()} has no leading term: cannot take it "
                              f"to the power {a}")
        v = self.valuation
        c0 = self.terms[v]
        rel = self.order - v
        if cap is not None:
            rel = min(rel, cap - v * a)
        r = Series(self.x, self.x0, {k - v: mul(c, power(c0, -1))
                                     for k, c in self.terms.items() if k != v}, rel)
        total = Series(self.x, self.x0, {Fraction(0): ONE}, rel)
        rj = total
        binom: Expr = ONE
        for j in range(1, 10 * MAX_ORDER):
            rj = rj._times(r)
            binom = mul(binom, add(a, -(j - 1)), Fraction(1, j))
            if not rj.terms or binom is ZERO:
                break
            total = total + rj._scaled(binom)
        lead = power(c0, a)
        return self._like({k + v * a: mul(lead, c) for k, c in total.terms.items()},
                          rel + v * a)

    def _scaled(self, c: Expr) -> Series:
        return self._like({k: mul(c, d) for k, d in self.terms.items()}, self.order)

    def __pow__(self, a: Any) -> Series | Expr:
        a = _frac(a)
        if a == 0:
            return ONE
        if a.denominator == 1 and a > 0:
            r = self
            for _ in range(int(a) - 1):
                r = r._times(self)
            return r
        return self._power(a)

    def __truediv__(self, other: Any) -> Series | Expr:
        if isinstance(other, Series):
            self._coerce(other, self.order)
            cap = self.order - other.valuation - self.valuation
            return self._times(other._power(Fraction(-1), cap))
        e = as_expr_or_none(other)
        if e is None:
            return NotImplemented
        return self * power(e, -1)

    def __rtruediv__(self, other: Any) -> Series | Expr:
        e = as_expr_or_none(other)
        if e is None:
            return NotImplemented
        return self._power(Fraction(-1)) * e


    def integrate(self) -> Series:
        """The integral from x0 to x, term by term: the integral of O(t^n) is
        O(t^(n+1)) for n > -1. (Derivatives of O-terms are not O-terms: x^2 sin(1/x^2)
        is O(x^2), its derivative is not O(x); so there is no ``diff``.)"""
        if self.x0 is oo or self.x0 == -oo:
            raise SeriesError("integrate: O-terms at a finite point only")
        if self.order <= -1 or Fraction(-1) in self.terms:
            raise SeriesError(f"integrate: {self} has a 1/t term or worse (a logarithm)")
        return self._like({k + 1: mul(c, Fraction(1) / (k + 1)) for k, c in self.terms.items()},
                          self.order + 1)

    def __symcalc_apply__(self, f: Any, args: tuple) -> Series:
        """f(p + O(t^k)) = f(p) + O(t^k) for f analytic at p's value at the point (its
        derivative is bounded there: f(p + d) - f(p) = f'(xi) d): ``exp(O(x)) = 1 + O(x)``."""
        if len(args) != 1 or args[0] is not self:
            raise SeriesError(f"{f.name} of an O-term: one argument only")
        if self.valuation < 0:
            raise SeriesError(f"{f.name} of {self}: an essential singularity")
        from .series import _clock, expand_series

        u0 = self.terms.get(Fraction(0), ZERO)
        w = Symbol("_order_w")
        outer = getattr(_clock, "strict", False)
        _clock.strict = True  # analytic at u0, proved (series.py's strict mode)
        try:
            expand_series(f(add(u0, w)), w, ZERO, 2)
        except SeriesError:
            raise SeriesError(f"{f.name} is not analytic at {u0}: no O-term for "
                              f"{f.name}({self})") from None
        finally:
            _clock.strict = outer
        return self._like(expand_terms(f(self.removeO()), self.x, self.x0, self.order),
                          self.order)


# ---------------------------------------------------------------------- expansions

def expand_terms(e: Expr, x: Symbol, x0: Expr, order: Fraction,
                 two_sided: bool = True) -> Terms:
    """The terms of the series of e below t^order (rational exponents, no log(t)); a
    Puiseux series for x > x0 only where it also holds for x < x0 or e is not real there,
    unless ``two_sided`` is false (:func:`~symcalc.calculus.series.check_two_sided`)."""
    from .series import check_two_sided, expand_series, puiseux_terms

    if x not in free_symbols(e):
        return {Fraction(0): e} if 0 < order else {}
    n = max(0, math.ceil(order))
    if n > MAX_ORDER:
        raise SeriesError(f"the O-term asks for more than {MAX_ORDER} terms")
    if x0 == -oo:
        raise SeriesError("O-terms at -oo: substitute x -> -x and expand at oo")
    try:
        ps = expand_series(e, x, x0, n)
        return {Fraction(ps.v + i): c for i, c in enumerate(ps.c) if ps.v + i < order}
    except SeriesError:
        pass
    raw = puiseux_terms(e, x, x0, order)
    if raw is None:
        raise SeriesError(f"no series of {e} at {x} = {x0} to combine with an O-term")
    if two_sided:
        check_two_sided(e, x, x0, order, raw)
    out: Terms = {}
    for k, c in raw:
        if x in free_symbols(c):
            raise SeriesError(f"the series of {e} has log terms: no O({x}^k) remainder "
                              "can be given for it")
        out[_frac(k)] = c
    return out


def valuation(e: Expr, x: Symbol, x0: Expr) -> Fraction:
    """The exponent of the leading term of e in t (t = x - x0, 1/x at oo)."""
    for n in (1, 2, 4, 8, 16, 32):
        terms = expand_terms(e, x, x0, Fraction(n), two_sided=False)
        if terms:
            return next(iter(sorted(terms)))
    raise SeriesError(f"{e} vanishes to order t^32 at {x} = {x0}: no leading term")


def O(u: Any, x: Any = None, x0: Any = 0) -> Series:  # noqa: E743 - the usual name
    """The order term O(u) as ``x -> x0`` (x: the only symbol of u by default):
    O(t^k) for the leading term c t^k of u (``O(sin(x)^3)`` is ``O(x^3)``)."""
    u = as_expr(u)
    x0 = as_expr(x0)
    if x is None:
        fs = free_symbols(u)
        if len(fs) != 1:
            raise SeriesError(f"O({u}): say which variable (O(u, x, x0))")
        x = next(iter(fs))
    x = as_expr(x)
    if not isinstance(x, Symbol):
        raise SeriesError(f"O-terms are in a symbol, not {x}")
    return Series(x, x0, {}, valuation(u, x, x0))


def as_series(e: Any, x: Any = None, x0: Any = None) -> Series | Expr:
    """An expression with O(...) terms (as parsed: ``parse("x + O(x^2)")``) evaluated
    with the rules of O-terms; an expression without one comes back unchanged.

    >>> from symcalc import parse
    >>> as_series(parse("x + x^4 + O(x^3)*(1 + x) + O(x^2)"))
    x + O(x^2)
    """
    e = as_expr(e)
    nodes = [n for n in e.preorder() if n.is_Function and n.fdef is order_fn]
    if not nodes:
        return e
    if x is None:
        for n in nodes:
            p = order_parts(n)
            if p is not None and p[0] is not None:
                x, x0 = p[0], p[1]
                break
        else:
            fs = free_symbols(e)
            if len(fs) != 1:
                raise SeriesError(f"{e}: say in which variable its O-terms are")
            x, x0 = next(iter(fs)), ZERO
    x, x0 = as_expr(x), as_expr(0 if x0 is None else x0)
    return _evaluate(e, x, x0)


def _evaluate(e: Expr, x: Symbol, x0: Expr) -> Series | Expr:
    if not any(n.is_Function and n.fdef is order_fn for n in e.preorder()):
        return e
    if e.is_Function and e.fdef is order_fn:
        p = order_parts(e)
        if p is None:
            raise SeriesError(f"{e} is not an O-term of a monomial (write O(x^k), "
                              "O((x - a)^k, x, a) or O(x^(-k), x, oo))")
        if p[0] is not None and (p[0], p[1]) != (x, x0):
            raise SeriesError(f"O-terms at different points: {e} and x -> {x0}")
        return Series(x, x0, {}, p[2])
    if e.is_Add or e.is_Mul:
        parts = [_evaluate(a, x, x0) for a in e.args]
        # Series first, so that expressions are expanded against a known order
        parts.sort(key=lambda p: not isinstance(p, Series))
        r: Any = parts[0]
        for p in parts[1:]:
            r = r + p if e.is_Add else r * p
        return r
    if e.is_Pow:
        b = _evaluate(e.args[0], x, x0)
        if isinstance(b, Series):
            return b ** e.args[1]
    raise SeriesError(f"{e}: O-terms may only be added, multiplied and raised to "
                      "rational powers")


def removeO(e: Any) -> Expr:
    """``e`` without its O-terms (a Series' finite sum, or an expression with every
    O(...) node dropped from its sums)."""
    if isinstance(e, Series):
        return e.removeO()
    r = as_series(e)
    return r.removeO() if isinstance(r, Series) else r


def from_series(e: Expr, x: Symbol, x0: Expr, n: int) -> Series:
    """``series(e, x, x0, n)`` with its O-term (what ``order_term=True`` returns)."""
    return Series(x, x0, expand_terms(e, x, x0, Fraction(n)), Fraction(n))


__all__ = ["O", "Series", "as_series", "expand_terms", "from_series", "removeO",
           "valuation"]
