"""Integrals whose antiderivatives need the exponential integral Ei (and so li).

The core is ∫ exp(a*x + b)*R(x) dx for a rational function R: partial fractions split
R into a polynomial (integrated by the other methods: tabular parts) and terms
c/(p*x + q)^m, each of which reduces, with u = p*x + q and k = a/p, to

    J_1 = ∫ e^(k*u)/u du = Ei(k*u),
    J_m = ∫ e^(k*u)/u^m du = -e^(k*u)/((m - 1)*u^(m - 1)) + k/(m - 1) * J_(m-1).

The real linear factors of the denominator must be rational (an irreducible quadratic
would need Ei of complex arguments), so anything else is left to the other methods.
Two substitutions bring more integrands to that form: x = e^u when the integrand is
built from log(x) and powers of x (∫ dx/log(x)^2 = li(x) - x/log(x), since
Ei(log x) = li(x)), and x = 1/w when exponentials have arguments a/x + b
(∫ exp(1/x) dx = x*exp(1/x) - Ei(1/x)).

>>> from symcalc import symbols, exp, log
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(exp(x)/x**2, x)
Ei(x) - exp(x)/x
>>> integrate(1/log(x)**2, x)
li(x) - x/log(x)
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.functions import Ei, exp, log
from ...core.numbers import MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step, leaf

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _linear(u: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(a, b) with u = a*x + b, a != 0 free of x."""
    from ..diff import diff

    a = diff(u, x)
    if a is ZERO or _has(a, x):
        return None
    b = expand(add(u, mul(MINUS_ONE, a, x)))
    if _has(b, x):
        return None
    return a, b


def _has_ei(e: Expr) -> bool:
    return any(n.is_Function and n.fdef.name in ("Ei", "li") for n in e.preorder())


def _split_exp(e: Expr, x: Symbol) -> tuple[Expr, Expr, Expr] | None:
    """(a, b, R) with e = exp(a*x + b)*R, R free of exponentials of x, else None."""
    factors = e.args if e.is_Mul else (e,)
    exps = [f for f in factors if f.is_Function and f.fdef.name == "exp" and _has(f, x)]
    if len(exps) != 1:
        return None
    ab = _linear(exps[0].args[0], x)
    if ab is None:
        return None
    rest = mul(*(f for f in factors if f is not exps[0]))
    return ab[0], ab[1], rest


def _is_rational(e: Expr, x: Symbol) -> bool:
    from .rational import is_rational_function

    return is_rational_function(e, x)


def _pole_term(t: Expr, x: Symbol) -> tuple[Expr, Expr, Expr, int] | None:
    """(c, p, q, m) with t = c/(p*x + q)^m, m >= 1, else None."""
    factors = t.args if t.is_Mul else (t,)
    dens = [f for f in factors if _has(f, x)]
    if len(dens) != 1:
        return None
    f = dens[0]
    if not (f.is_Pow and f.args[1].is_Number and isinstance(f.args[1].value, int)
            and f.args[1].value < 0):
        return None
    pq = _linear(f.args[0], x)
    if pq is None:
        return None
    c = mul(*(g for g in factors if g is not f))
    return c, pq[0], pq[1], -f.args[1].value


def exp_over_power(a: Expr, b: Expr, p: Expr, q: Expr, m: int, x: Symbol) -> Expr:
    """∫ exp(a*x + b)/(p*x + q)^m dx (m >= 1), by the reduction J_m -> J_(m-1)."""
    u = add(mul(p, x), q)
    k = mul(a, power(p, MINUS_ONE))
    elem: Expr = ZERO    # J_m = e^(k*u)*elem + cei*Ei(k*u)
    cei: Expr = ONE
    for j in range(2, m + 1):
        inv = number(Fraction(1, j - 1))
        elem = add(mul(MINUS_ONE, inv, power(u, number(1 - j))), mul(k, inv, elem))
        cei = mul(k, inv, cei)
    shift = add(b, mul(MINUS_ONE, a, q, power(p, MINUS_ONE)))   # e^(a*x + b) = e^shift*e^(k*u)
    inv_p = power(p, MINUS_ONE)
    return add(mul(inv_p, exp(add(mul(a, x), b)), elem),
               mul(inv_p, cei, exp(shift), Ei(mul(k, u))))


def _exp_rational(e: Expr, x: Symbol, ctx: Context) -> tuple[Expr, list[Step]] | None:
    """∫ exp(a*x + b)*R(x) dx with R rational and a pole, or None."""
    from ...algebra.rational import apart

    sp = _split_exp(e, x)
    if sp is None:
        return None
    a, b, R = sp
    if not _has(R, x) or not _is_rational(R, x):
        return None
    try:
        parts = apart(R, x)
    except (SymcalcError, ArithmeticError):
        return None
    terms = parts.args if parts.is_Add else (parts,)
    poly: list[Expr] = []
    results: list[Expr] = []
    subs_: list[Step] = []
    for t in terms:
        if not _has(t, x):
            poly.append(t)
            continue
        pt = _pole_term(t, x)
        if pt is not None:
            c, p, q, m = pt
            results.append(mul(c, exp_over_power(a, b, p, q, m, x)))
            continue
        from .parts import is_polynomial

        if not is_polynomial(t, x):
            return None   # an irreducible quadratic factor: Ei of complex arguments
        poly.append(t)
    if not results:
        return None
    if poly:
        g = mul(exp(add(mul(a, x), b)), add(*poly))
        st = ctx.integrate(expand(g), x)
        if st is None:
            return None
        subs_.append(st)
        results.append(st.result)
    return add(*results), subs_


def exponential_integral_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """exp(linear)*rational with poles -> Ei; via x = e^u for log(x), x = 1/w for exp(a/x)."""
    r = _exp_rational(e, x, ctx)
    if r is not None and _has_ei(r[0]):   # without Ei left, the other methods do better
        F, subs_ = r
        return Step("exponential integral Ei", e, x, F, tuple(subs_),
                    "partial fractions, ∫ e^(k·u)/u^m du reduced to Ei(k·u)")
    for how in (_by_log, _by_reciprocal):
        st = how(e, x, ctx)
        if st is not None:
            return st
    return None


def _by_log(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """u = log(x), x = e^u: integrands made of log(x) and powers of x."""
    lx = log(x)
    if lx not in set(e.preorder()):
        return None
    u = ctx.dummy(e)
    g = subs(subs(e, {lx: u}), {x: exp(u)})
    if _has(g, x):
        return None
    g = mul(g, exp(u))
    r = _exp_rational(g, u, ctx)
    if r is None or not _has_ei(r[0]):
        return None
    F = subs(r[0], {u: lx})
    return Step("substitution", e, x, F, (leaf("exponential integral Ei", g, u, r[0]),),
                f"{u} = log({x}), {x} = exp({u}), d{x} = exp({u}) d{u}")


def _by_reciprocal(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """w = 1/x when an exponential's argument is linear in 1/x."""
    exps = [n for n in e.preorder() if n.is_Function and n.fdef.name == "exp" and _has(n, x)]
    if not exps:
        return None
    w = ctx.dummy(e)
    inv = power(x, MINUS_ONE)
    if any(_linear(subs(n.args[0], {x: power(w, MINUS_ONE)}), w) is None for n in exps) \
            or all(_linear(n.args[0], x) is not None for n in exps):
        return None
    g = mul(MINUS_ONE, subs(e, {x: power(w, MINUS_ONE)}), power(w, number(-2)))
    if _has(g, x):
        return None
    r = _exp_rational(g, w, ctx)
    if r is None or not _has_ei(r[0]):
        return None
    F = subs(r[0], {w: inv})
    return Step("substitution", e, x, F, (leaf("exponential integral Ei", g, w, r[0]),),
                f"{w} = 1/{x}, d{x} = -d{w}/{w}^2")


__all__ = ["exp_over_power", "exponential_integral_method"]
