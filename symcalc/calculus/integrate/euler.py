"""Euler's substitutions: ∫ R(x, sqrt(Q)) dx for any rational R and Q = a*x^2 + b*x + c.

Each substitution makes both x and sqrt(Q) rational functions of a new variable t, so
the integral becomes one of a rational function of t:

1. sqrt(Q) = t - sqrt(a)*x (used when a does not read negative):
   x = (t^2 - c)/(b + 2*sqrt(a)*t);
2. sqrt(Q) = x*t + sqrt(c) (when c reads positive and a does not):
   x = (2*sqrt(c)*t - b)/(a - t^2);
3. sqrt(Q) = t*(x - r1) for a real root r1 of Q (when a reads negative and the roots
   are numbers): x = (a*r2 - r1*t^2)/(a - t^2), r2 the other root.

The back substitution t = sqrt(Q) + sqrt(a)*x (or its cousins) is an algebraic function
of x, and the rational antiderivative in t (logarithms, arctangents, rational terms)
differentiates to the integrand by the chain rule whatever sign the parameters take:
the answer is an antiderivative for every parameter value (complex-valued for some of
them when sqrt(a) is), never one that holds only for one sign of 4*a*c - b^2. The
radical method (undetermined coefficients) runs first and gives the textbook forms for
the integrands it knows; Euler takes the rest: a rational factor of any denominator,
sqrt(x^2 + 1)/(x^2 - 2), 1/((x^2 + 1)*sqrt(x^2 + 2)).

>>> from symcalc import symbols, sqrt
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> F = integrate(1/((x**2 + 1)*sqrt(x**2 + 2)), x)
>>> from symcalc.calculus.integrate.verify import verify
>>> verify(F, 1/((x**2 + 1)*sqrt(x**2 + 2)), x)
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.functions import sqrt
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: Largest size (operation count) of the rational integrand in t that is handed on.
MAX_OPS = 400


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _radical(e: Expr, x: Symbol) -> Expr | None:
    """Q when every non-integer power of an x-dependent base in e is Q^(k/2), Q a
    quadratic in x, and no function depends on x."""
    return sqrt_base(e, x)


def sqrt_base(e: Expr, x: Symbol, functions: frozenset[str] = frozenset(),
              degrees: tuple[int, ...] = (2,)) -> Expr | None:
    """Q when every non-integer power of an x-dependent base in e is Q^(k/2), Q a
    polynomial in x of one of ``degrees``, no exponent depends on x, and the only
    functions depending on x are named in ``functions``; else None."""
    from .radicals import poly_coeffs

    Q = None
    for n in e.preorder():
        if n.is_Function and _has(n, x) and n.fdef.name not in functions:
            return None
        if n.is_Pow and _has(n.args[0], x):
            p = n.args[1]
            if p.is_Number and isinstance(p.value, int):
                continue
            if not (p.is_Number and isinstance(p.value, Fraction) and p.value.denominator == 2):
                return None
            if Q is None:
                Q = n.args[0]
            elif n.args[0] is not Q:
                return None
        if n.is_Pow and _has(n.args[1], x):
            return None
    if Q is None:
        return None
    cs = poly_coeffs(Q, x)
    if cs is None or len(cs) - 1 not in degrees or cs[-1] is ZERO:
        return None
    return Q


def _sign(a: Expr) -> int:
    from .table import _sign_reading

    return _sign_reading(a)


def _roots(a: Expr, b: Expr, c: Expr) -> tuple[Expr, Expr] | None:
    """The two roots of a*x^2 + b*x + c when they are real numbers."""
    if not (a.is_Number and b.is_Number and c.is_Number):
        return None
    disc = add(mul(b, b), mul(-4, a, c))
    if not (disc.is_Number and disc.value > 0):
        return None
    s = sqrt(disc)
    two_a = mul(2, a)
    return (mul(add(mul(MINUS_ONE, b), s), power(two_a, MINUS_ONE)),
            mul(add(mul(MINUS_ONE, b), mul(MINUS_ONE, s)), power(two_a, MINUS_ONE)))


def substitutions(Q: Expr, x: Symbol, t: Symbol) -> list[tuple[Expr, Expr, Expr, str]]:
    """The Euler substitutions that apply to sqrt(Q): (x(t), sqrt(Q)(t), t(x), name)."""
    from .radicals import poly_coeffs

    c, b, a = poly_coeffs(Q, x)
    out = []
    sa, sc_ = _sign(a), _sign(c)
    if sa >= 0:
        ra = sqrt(a)
        xt = mul(add(mul(t, t), mul(MINUS_ONE, c)), power(add(b, mul(2, ra, t)), MINUS_ONE))
        yt = add(t, mul(MINUS_ONE, ra, xt))
        tx = add(sqrt(Q), mul(ra, x))
        out.append((xt, yt, tx, f"sqrt({Q}) = {t} - {ra}*{x}"))
    if sc_ > 0 and c is not ZERO:
        rc = sqrt(c)
        xt = mul(add(mul(2, rc, t), mul(MINUS_ONE, b)), power(add(a, mul(MINUS_ONE, t, t)),
                                                               MINUS_ONE))
        yt = add(mul(xt, t), rc)
        tx = mul(add(sqrt(Q), mul(MINUS_ONE, rc)), power(x, MINUS_ONE))
        out.append((xt, yt, tx, f"sqrt({Q}) = {x}*{t} + {rc}"))
    if sa < 0:
        rr = _roots(a, b, c)
        if rr is not None:
            r1, r2 = rr
            # Q = a*(x - r1)*(x - r2) = t^2*(x - r1)^2  =>  x = (a*r2 - r1*t^2)/(a - t^2)
            xt = mul(add(mul(a, r2), mul(MINUS_ONE, r1, t, t)),
                     power(add(a, mul(MINUS_ONE, t, t)), MINUS_ONE))
            yt = mul(t, add(xt, mul(MINUS_ONE, r1)))
            tx = mul(sqrt(Q), power(add(x, mul(MINUS_ONE, r1)), MINUS_ONE))
            out.append((xt, yt, tx, f"sqrt({Q}) = {t}*({x} - {r1})"))
    return out


def _perfect_square(Q: Expr, x: Symbol) -> bool:
    """Q = A*x^2 + B*x + C with B^2 = 4*A*C: an Euler substitution's answer would be
    defined on one side of the double root only."""
    from ...core.expand import expand
    from .radicals import poly_coeffs

    cs = poly_coeffs(Q, x)
    if cs is None or len(cs) != 3:
        return False
    C, B, A = cs
    try:
        return expand(add(mul(B, B), mul(-4, A, C))) is ZERO
    except SymcalcError:
        return False


def _in_y(e: Expr, Q: Expr, Y: Symbol) -> Expr | None:
    """e with every Q^(k/2) written Y^k, or None where a power of Q is left."""
    table = {n: power(Y, number(n.args[1].value * 2)) for n in e.preorder()
             if n.is_Pow and n.args[0] is Q and not (n.args[1].is_Number
                                                      and isinstance(n.args[1].value, int))}
    try:
        R = subs(e, table)
    except (SymcalcError, ArithmeticError):
        return None
    if any(n.is_Pow and n.args[0] is Q and not (n.args[1].is_Number
                                                 and isinstance(n.args[1].value, int))
           for n in R.preorder()):
        return None
    return R


def _through(e: Expr, x: Symbol, Q: Expr, ctx: Context, max_ops: int) -> Step | None:
    """∫ e dx by the Euler substitutions for sqrt(Q): R(x, Y) with Y = sqrt(Q), then x and
    Y rational in t; the first whose integral in t is found and checks out."""
    from ...algebra.rational import cancel
    from ..diff import diff
    from .verify import verify

    Y = ctx.dummy(e, x)
    R = _in_y(e, Q, Y)
    if R is None:
        return None
    t = ctx.dummy(e, x, Y)
    for xt, yt, tx, name in substitutions(Q, x, t):
        ctx.check()
        try:
            g = cancel(mul(subs(R, {x: xt, Y: yt}), diff(xt, t)))
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            continue
        if _has(g, x) or _has(g, Y) or g.count_ops() > max_ops:
            continue
        st = ctx.integrate(g, t)
        if st is None:
            continue
        try:
            F = subs(st.result, {t: tx})
        except (SymcalcError, ArithmeticError):
            continue
        if verify(F, e, x):
            return Step("Euler substitution", e, x, F, (st,), name)
    return None


def euler_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(x, sqrt(Q)) dx by an Euler substitution (see the module docstring)."""
    Q = _radical(e, x)
    if Q is None or _perfect_square(Q, x):
        return None   # sqrt(L^2) = |L|: the factored radicand's locally constant ratio
    return _through(e, x, Q, ctx, MAX_OPS)


def _nested_quadratics(e: Expr, x: Symbol) -> list[Expr]:
    """The quadratics Q with sqrt(Q) (or Q^(k/2)) inside the base of another fractional
    power: sqrt(x + sqrt(x^2 + 1))."""
    from .radicals import poly_coeffs

    out: list[Expr] = []
    for n in e.preorder():
        if not (n.is_Pow and n.args[1].is_Number and isinstance(n.args[1].value, Fraction)
                and _has(n.args[0], x)):
            continue
        for m in n.args[0].preorder():
            if m.is_Pow and m.args[1].is_Number and isinstance(m.args[1].value, Fraction) \
                    and m.args[1].value.denominator == 2 and m.args[0] not in out:
                cs = poly_coeffs(m.args[0], x)
                if cs is not None and len(cs) == 3 and cs[-1] is not ZERO:
                    out.append(m.args[0])
    return out[:2]


def euler_nested_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """An Euler substitution for sqrt(Q) nested inside another radical: with
    sqrt(x^2 + 1) = t - x, x = (t^2 - 1)/(2*t) and x + sqrt(x^2 + 1) = t, so
    ∫ sqrt(x + sqrt(x^2 + 1)) dx = ∫ sqrt(t)*(t^2 + 1)/(2*t^2) dt. The integrand in t
    has simpler radicals; the answer is checked by differentiation."""
    if e.count_ops() > MAX_OPS // 4:
        return None
    for Q in _nested_quadratics(e, x):
        if not _perfect_square(Q, x):
            st = _through(e, x, Q, ctx, MAX_OPS // 2)
            if st is not None:
                return st
    return None


__all__ = ["euler_method", "euler_nested_method", "substitutions"]
