"""Polynomials and rational functions with parameters that the general search handles slowly.

Three methods, tried first among the rational ones, each only on the shape it is for:

- **Polynomials of high degree with parameters** (``(a + b*x)^17*(c + d*x)^15``): in
  powers of the linear factor ``L = α + β*x`` with the highest exponent ``m``, as the
  tables write them. With ``x = (u - α)/β`` every other linear factor
  ``γ + δ*x = (δ*u + (β*γ - α*δ))/β`` is a binomial in ``u``, and

      ∫ L^m * Π (γ_i + δ_i*x)^(n_i) dx = Σ_j r_j * L^(m + j + 1) / (β*(m + j + 1)),

  where ``Σ_j r_j u^j`` is the product of those binomials (no expansion of the
  parameters). Other polynomials are left to the driver's expansion.
- **A polynomial over a power of one quadratic** ``P(x)/B^k``: ``P`` written in base
  ``B`` (``P = Σ (C_j*x + D_j)*B^j``, by repeated division), the reduction formula run once
  for all the powers of ``B``; no linear system over ``Q(parameters)``.
- **A denominator that becomes a binomial under a shift** (Tschirnhaus):
  ``c^2*x^3 + 3*b*c*x^2 + 3*b^2*x + 3*a*b`` is ``c^2*u^3 + (3*a*b - b^3/c)`` with
  ``u = x + b/c``; ``x = u - q_(n-1)/(n*q_n)`` removes the second-highest term, and the
  shifted integrand is integrated when its denominator is a binomial.

Answers hold for the parameter values where the formulas' divisors (``β``, the
discriminant of ``B``) do not vanish, as the tables' answers do; each is checked by
differentiation in the driver.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("(a + b*x)^10*(c + d*x)^2"), x)
d^2*(a + b*x)^13/(13*b^3) - d*(a + b*x)^12*(a*d - b*c)/(6*b^3) + (a + b*x)^11*(a*d - b*c)^2/(11*b^3)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step, leaf

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

Method = Callable[[Expr, Symbol, "Context"], "Step | None"]

#: Polynomials of at least this degree (with parameters) go to the polynomial method;
#: smaller ones keep the answers the other methods give them.
MIN_POLY_DEGREE = 8


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _poly_degree(e: Expr, x: Symbol) -> int | None:
    """The degree of ``e`` in ``x`` when e is a polynomial in x built of sums, products
    and natural powers (no expansion); None otherwise."""
    if not _has(e, x):
        return 0
    if e is x:
        return 1
    if e.is_Add:
        ds = [_poly_degree(a, x) for a in e.args]
        return None if None in ds else max(ds)  # type: ignore[type-var]
    if e.is_Mul:
        total = 0
        for a in e.args:
            d = _poly_degree(a, x)
            if d is None:
                return None
            total += d
        return total
    if e.is_Pow:
        k = e.args[1]
        if k.is_Number and isinstance(k.value, int) and k.value >= 0:
            d = _poly_degree(e.args[0], x)
            return None if d is None else d * k.value
    return None


def _linear(e: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(α, β) with e = α + β*x, β ≠ 0 free of x; None otherwise."""
    from .radicals import poly_coeffs

    if not e.is_Add or _poly_degree(e, x) != 1:
        return None
    cs = poly_coeffs(e, x)
    if cs is None or len(cs) != 2 or cs[1] is ZERO:
        return None
    return cs[0], cs[1]


def _params(e: Expr, x: Symbol) -> bool:
    return any(s is not x for s in free_symbols(e))


# --------------------------------------------------------------------------- polynomials


def polynomial_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ of a polynomial with parameters, in powers of its highest linear power."""
    F = _binomial_form(e, x, ctx)
    if F is None:
        return None
    return leaf("polynomial with parameters (powers of a linear factor)", e, x, F)


def _binomial_form(e: Expr, x: Symbol, ctx: Context) -> Expr | None:
    factors = e.args if e.is_Mul else (e,)
    const: list[Expr] = []
    lin: list[tuple[Expr, Expr, int]] = []   # (α, β, exponent)
    for f in factors:
        if not _has(f, x):
            const.append(f)
            continue
        b, k = (f.args if f.is_Pow else (f, ONE))
        ab = _linear(b, x) if b is not x else (ZERO, ONE)
        if ab is None or not (k.is_Number and isinstance(k.value, int) and k.value > 0):
            return None
        lin.append((ab[0], ab[1], k.value))
    if not lin:
        return None
    i = max(range(len(lin)), key=lambda j: lin[j][2])
    alpha, beta, m = lin[i]
    if m < 2:
        return None
    # the other factors as polynomials in u = α + β*x, each (δ*u + β*γ - α*δ)/β
    coeffs: list[Expr] = [ONE]
    scale: list[Expr] = [power(beta, number(-1))]
    for j, (g, d, n) in enumerate(lin):
        if j == i:
            continue
        shift = add(mul(beta, g), mul(MINUS_ONE, alpha, d))
        shift = _factor_small(shift)
        d = _factor_small(d)
        for _ in range(n):
            ctx.check()
            new = [ZERO] * (len(coeffs) + 1)
            for k, c in enumerate(coeffs):
                new[k] = add(new[k], mul(c, shift))
                new[k + 1] = add(new[k + 1], mul(c, d))
            coeffs = new
        scale.append(power(beta, number(-n)))
    u = add(alpha, mul(beta, x))
    terms = []
    for j, c in enumerate(coeffs):
        if c is ZERO:
            continue
        k = m + j + 1
        if c.is_Add:   # several factors' terms: collected, then factored
            c = _factor_small(_expand(c))
        terms.append(mul(*const, *scale, c, power(u, number(k)), power(number(k), MINUS_ONE)))
    return add(*terms)


def _expand(c: Expr) -> Expr:
    from ...core.expand import expand

    try:
        return expand(c)
    except SymcalcError:
        return c


def _factor_small(c: Expr) -> Expr:
    """c factored when it is a small sum (a binomial coefficient times a product of
    powers reads better than its expansion); c otherwise."""
    if c.is_Mul:
        return mul(*(_factor_small(a) for a in c.args))
    if c.is_Pow and c.args[0].is_Add:
        return power(_factor_small(c.args[0]), c.args[1])
    if not c.is_Add or c.count_ops() > 200:
        return c
    try:
        from ...algebra.factor_expr import factor

        f = factor(c)
        return f if f.count_ops() <= c.count_ops() else c
    except (SymcalcError, ArithmeticError):
        return c


# --------------------------------------------------------------------------- P/B^k


def _quadratic_power(e: Expr, x: Symbol) -> tuple[list[Expr], Expr, int] | None:
    """(factors of the numerator, B, k) for e = Π factors / B^k with B quadratic in x."""
    factors = e.args if e.is_Mul else (e,)
    num: list[Expr] = []
    den = None
    for f in factors:
        if f.is_Pow and f.args[1].is_Number and isinstance(f.args[1].value, int) \
                and f.args[1].value < 0 and _has(f.args[0], x):
            if den is not None:
                return None
            den = (f.args[0], -f.args[1].value)
        elif _poly_degree(f, x) is None:
            return None
        else:
            num.append(f)
    if den is None or _poly_degree(den[0], x) != 2:
        return None
    return num, den[0], den[1]


def quadratic_power_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ P(x)/B^k dx, B quadratic: P in base B, then the reduction formula per term."""
    from ...core.functions import log
    from .radicals import _simp, poly_coeffs
    from .rational import _pdiv, _simple_fraction

    got = _quadratic_power(e, x)
    if got is None:
        return None
    num, B, k = got
    const = [f for f in num if not _has(f, x)]
    P = mul(*(f for f in num if _has(f, x)))
    try:
        pc = poly_coeffs(P, x)
        bc = poly_coeffs(B, x)
        if pc is None or bc is None or len(bc) != 3:
            return None
        bc = [_simp(c) for c in bc]
        digits: list[Expr] = []   # P = Σ digits[j] * B^j, each digit of degree < 2
        rest = [_simp(c) for c in pc]
        while len(rest) > 2 or (rest and any(c is not ZERO for c in rest)):
            ctx.check()
            q, r = _pdiv(rest, bc)
            r = (r + [ZERO, ZERO])[:2]
            digits.append(r)
            rest = q
            while rest and rest[-1] is ZERO:
                rest.pop()
            if not rest:
                break
        c2, c1, c0 = bc[2], bc[1], bc[0]
        terms = []
        w: dict[int, Expr] = {}   # Σ w[n] ∫ 1/B^n, the reduction run once for all n
        for j, (d0, d1) in enumerate(digits):
            if d0 is ZERO and d1 is ZERO:
                continue
            ctx.check()
            if j >= k:   # a polynomial: (d1*x + d0)*B^(j - k)
                st = ctx.integrate(mul(add(d0, mul(d1, x)), power(B, number(j - k))), x)
                if st is None:
                    return None
                terms.append(st.result)
                continue
            n = k - j
            if d1 is not ZERO:   # d1*x + d0 = d1/(2*c2)*B' + (d0 - d1*c1/(2*c2))
                h = mul(d1, power(mul(2, c2), MINUS_ONE))
                terms.append(mul(h, log(B)) if n == 1 else
                             mul(h, power(number(1 - n), MINUS_ONE), power(B, number(1 - n))))
                d0 = _simp(add(d0, mul(MINUS_ONE, h, c1)))
            if d0 is not ZERO:
                w[n] = add(w.get(n, ZERO), d0)
        if w:
            # ∫ 1/B^n = (2*c2*x + c1)/((n-1)*Δ*B^(n-1)) + 2*(2n-3)*c2/((n-1)*Δ) ∫ 1/B^(n-1)
            delta = _simp(add(mul(4, c2, c0), mul(MINUS_ONE, c1, c1)))
            if delta is ZERO:
                return None
            carry = ZERO
            for n in range(max(w), 1, -1):
                carry = _simp(add(carry, w.get(n, ZERO)))
                if carry is ZERO:
                    continue
                inv = power(mul(n - 1, delta), MINUS_ONE)
                terms.append(mul(_factor_small(carry), add(mul(2, c2, x), c1), inv,
                                 power(B, number(1 - n))))
                carry = mul(carry, 2 * (2 * n - 3), c2, inv)
            carry = _simp(add(carry, w.get(1, ZERO)))
            if carry is not ZERO:
                t = _simple_fraction(ZERO, carry, B, 1, x, ctx)
                if t is None:
                    return None
                terms.append(t)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    F = mul(*const, add(*terms))
    return leaf("polynomial over a power of a quadratic (reduction formula)", e, x, F)


# --------------------------------------------------------------------------- shifts


def shift_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """x = u - s with s = q_(n-1)/(n*q_n) when the denominator is a binomial in u."""
    from ...algebra.rational import numer_denom, together
    from .radicals import _simp, poly_coeffs

    try:
        n, d = numer_denom(together(e))
    except (SymcalcError, ArithmeticError):
        return None
    if not d.is_Add:   # a factored denominator has its own methods
        return None
    dc = poly_coeffs(d, x)
    if dc is None or len(dc) < 4 or dc[-2] is ZERO:
        return None
    deg = len(dc) - 1
    s = _simp(mul(dc[-2], power(mul(deg, dc[-1]), MINUS_ONE)))
    u = ctx.dummy(e, x)
    try:
        d2 = poly_coeffs(subs(d, {x: add(u, mul(MINUS_ONE, s))}), u)
        if d2 is None:
            return None
        if sum(c is not ZERO for c in d2) > 2:   # a binomial A + B*u^n, or nothing
            return None   # (expand already collects the terms that cancel)
        d2 = [_simp(c) for c in d2]
    except (SymcalcError, ArithmeticError):
        return None
    try:
        nc = poly_coeffs(subs(n, {x: add(u, mul(MINUS_ONE, s))}), u)
        if nc is None:
            return None
        nc = [_simp(c) for c in nc]
    except (SymcalcError, ArithmeticError):
        return None
    # compound coefficients (3*a*b - b^3/c) are named, so that the methods for
    # binomials with parameters see A + B*u^n with A, B symbols
    names: dict[Symbol, Expr] = {}
    taken = {t.name for t in free_symbols(e)} | {u.name}
    den = []
    for i, c in enumerate(d2):
        if c.is_Add:
            k = len(names)
            while f"K{k}" in taken:
                k += 1
            K = Symbol(f"K{k}")
            taken.add(K.name)
            names[K] = c
            c = K
        den.append(mul(c, power(u, number(i))))
    num = add(*(mul(c, power(u, number(i))) for i, c in enumerate(nc)))
    g = mul(num, power(add(*den), MINUS_ONE))
    st = ctx.integrate(g, u)
    if st is None:
        return None
    F = subs(st.result, {u: add(x, s), **names})
    return Step("substitution", e, x, F, (st,), f"u = {add(x, s)} (the denominator's "
                "second-highest term removed)")


# --------------------------------------------------------------------------- the driver


def early_methods(e: Expr, x: Symbol) -> Iterator[tuple[str, Method]]:
    """This module's methods for the rational branch, each only where its shape is."""
    if not _params(e, x):
        return
    deg = _poly_degree(e, x)
    if deg is not None:
        if deg >= MIN_POLY_DEGREE:
            yield "polynomial with parameters", polynomial_method
        return
    got = _quadratic_power(e, x)
    if got is not None and got[2] >= 2:
        yield "polynomial over a power of a quadratic", quadratic_power_method
        return
    from .param_fractions import local_fractions_method

    yield "partial fractions at linear factors", local_fractions_method
    yield "shift removing the second-highest term", shift_method


__all__ = ["early_methods", "polynomial_method", "quadratic_power_method", "shift_method"]
