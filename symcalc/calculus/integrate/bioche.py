"""Rational functions of sin and cos: Bioche's rules, then t = tan(x/2).

For ω = R(sin u, cos u) du (u = a*x + b), Bioche's rules pick the substitution from
the symmetries of ω: invariant under u -> -u gives t = cos u, under u -> pi - u gives
t = sin u, under u -> pi + u gives t = tan u; otherwise the tangent half-angle
substitution t = tan(u/2) (sin u = 2t/(1 + t^2), cos u = (1 - t^2)/(1 + t^2),
du = 2 dt/(1 + t^2)) always gives a rational function. Multiple angles sin(k*u),
cos(k*u) are expanded first (de Moivre).

>>> from symcalc import symbols, sin, cos
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(cos(x)/(sin(x)**2 + 1), x)
atan(sin(x))
"""

from __future__ import annotations

from fractions import Fraction
from math import comb, gcd, lcm
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.functions import cos, sin, tan
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_TRIG = {"sin", "cos", "tan", "cot", "sec", "csc"}


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _d(e: Expr, x: Symbol) -> Expr:
    from ..diff import diff

    return diff(e, x)


def base_argument_of_trig(e: Expr, x: Symbol) -> tuple[Expr, dict[Expr, int]] | None:
    """Like :func:`base_argument`, but e may also depend on x outside sin, cos, ..."""
    return base_argument(e, x, strict=False)


def base_argument(e: Expr, x: Symbol, strict: bool = True
                  ) -> tuple[Expr, dict[Expr, int]] | None:
    """(u, {argument: k}) with every trigonometric argument of e equal to k*u, u linear
    in x; None if e depends on x otherwise (``strict``)."""
    args: dict[Expr, Fraction] = {}
    consts: set[Expr] = set()
    stack = [e]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen or not _has(n, x):
            continue
        seen.add(id(n))
        if n is x:
            if strict:
                return None  # x outside the trigonometric functions
            continue
        if n.is_Function and n.fdef.name in _TRIG:
            a = n.args[0]
            d = _d(a, x)
            if _has(d, x) or not d.is_Number or isinstance(d.value, float):
                return None
            args[a] = Fraction(d.value)
            consts.add(subs(a, {x: ZERO}))
            continue
        if strict and (n.is_Function or (n.is_Pow and not (
                n.args[1].is_Number and isinstance(n.args[1].value, int)))):
            return None
        stack.extend(n.args)
    if not args:
        return None
    if len(args) == 1:
        (a,) = args
        return a, {a: 1}
    if len(consts) != 1 or ZERO not in consts:
        return None
    num, den = 0, 1
    for c in args.values():
        num, den = gcd(num, c.numerator), lcm(den, c.denominator)
    g = Fraction(num, den)
    u = mul(number(g), x)
    return u, {a: int(c / g) for a, c in args.items()}


def _multiple(name: str, k: int, s: Expr, c: Expr) -> Expr:
    """sin(k*u), cos(k*u) as polynomials in s = sin u, c = cos u (de Moivre)."""
    if k < 0:
        v = _multiple(name, -k, s, c)
        return mul(MINUS_ONE, v) if name == "sin" else v
    terms = []
    for j in range(k + 1):
        if (j % 2 == 1) == (name == "sin"):
            sign = (-1) ** (j // 2)
            terms.append(mul(sign * comb(k, j), power(c, number(k - j)), power(s, number(j))))
    return add(*terms)


def to_sc(e: Expr, x: Symbol, ks: dict[Expr, int], S: Symbol, C: Symbol) -> Expr:
    """e with every trigonometric function written with S = sin u and C = cos u."""
    table = {}
    for n in e.preorder():
        if n.is_Function and n.fdef.name in _TRIG and _has(n, x):
            k = ks[n.args[0]]
            s, c = _multiple("sin", k, S, C), _multiple("cos", k, S, C)
            name = n.fdef.name
            table[n] = {"sin": s, "cos": c, "tan": mul(s, power(c, MINUS_ONE)),
                        "cot": mul(c, power(s, MINUS_ONE)), "sec": power(c, MINUS_ONE),
                        "csc": power(s, MINUS_ONE)}[name]
    return subs(e, table)


def _cancel(e: Expr) -> Expr:
    from ...algebra.rational import cancel

    return cancel(e)


def _is_zero(e: Expr) -> bool:
    """``_cancel(e) is ZERO``, screened numerically first (:mod:`.zero_screen`)."""
    from .zero_screen import is_zero

    return is_zero(e)


def bioche(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(sin u, cos u) dx by Bioche's rules or the half-angle substitution."""
    ba = base_argument(e, x)
    if ba is None:
        return None
    u, ks = ba
    a = _d(u, x)
    S, C = Symbol("S_bioche"), Symbol("C_bioche")
    try:
        R = to_sc(e, x, ks, S, C)
        if _has(R, x):
            return None
        R = _cancel(R)
    except (SymcalcError, ArithmeticError):
        return None
    t = ctx.dummy(e, x)
    tries = []
    try:
        if _is_zero(add(subs(R, {S: mul(-1, S)}), R)):
            tries.append("cos")
        if _is_zero(add(subs(R, {C: mul(-1, C)}), R)):
            tries.append("sin")
        if _is_zero(add(subs(R, {S: mul(-1, S), C: mul(-1, C)}), mul(-1, R))):
            tries.append("tan")
    except (SymcalcError, ArithmeticError):
        return None
    tries.append(_half_kind(R, S, C))
    for kind in tries:
        ctx.check()
        h = _transform(R, S, C, t, kind)
        if h is None or _has(h, S) or _has(h, C):
            continue
        st = ctx.integrate(h, t)
        if st is None:
            continue
        back = _back(kind, u)
        F = mul(subs(st.result, {t: back}), power(a, MINUS_ONE))
        name = ("tangent half-angle substitution" if kind.startswith("half")
                else "Bioche substitution")
        return Step(name, e, x, F, (st,), f"{t} = {back}")
    return None


#: The tangent half-angle substitution t = tan(v/2) with v = u - u0 + pi, so that its
#: jump (v = pi) falls on u = u0, a pole of the integrand, when the denominator has the
#: factor 1 - sin u (u0 = pi/2), 1 + sin u (u0 = -pi/2) or 1 - cos u (u0 = 0): the
#: answer is then continuous wherever the integrand is defined (plain tan(u/2) jumps at
#: u = pi). kind -> ((sign, sin v?) for sin u, (sign, sin v?) for cos u).
_SHIFTS: dict[str, tuple[tuple[int, bool], tuple[int, bool]]] = {
    "half": ((1, True), (1, False)),            # u0 = pi: v = u
    "half+": ((-1, False), (1, True)),          # u0 = pi/2: sin u = -cos v, cos u = sin v
    "half-": ((1, False), (-1, True)),          # u0 = -pi/2: sin u = cos v, cos u = -sin v
    "half0": ((-1, True), (-1, False)),         # u0 = 0: sin u = -sin v, cos u = -cos v
}


def _half_kind(R: Expr, S: Symbol, C: Symbol) -> str:
    """The half-angle substitution whose jump is at a pole of R (see :data:`_SHIFTS`)."""
    from ...algebra.rational import numer_denom

    try:
        _, D = numer_denom(R)
        zeros = [kind for kind, (s0, c0) in (("half", (0, -1)), ("half+", (1, 0)),
                                              ("half-", (-1, 0)), ("half0", (0, 1)))
                 if subs(D, {S: number(s0), C: number(c0)}) == ZERO]
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return "half"
    # one pole among the four points: its substitution; cos(u)^k (poles at sin u = ±1)
    # and the like keep tan(u/2) (and are better served by Bioche or expansion)
    return zeros[0] if len(zeros) == 1 else "half"


def _back(kind: str, u: Expr) -> Expr:
    """t in terms of u for the substitution ``kind``."""
    if kind in ("cos", "sin", "tan"):
        return {"cos": cos, "sin": sin, "tan": tan}[kind](u)
    if kind == "half":
        return tan(mul(number(Fraction(1, 2)), u))
    # t = tan(v/2) = sin v/(1 + cos v)
    if kind == "half+":
        return mul(cos(u), power(add(1, mul(-1, sin(u))), MINUS_ONE))
    if kind == "half-":
        return mul(-1, cos(u), power(add(1, sin(u)), MINUS_ONE))
    from ...core.functions import cot

    return mul(-1, cot(mul(number(Fraction(1, 2)), u)))  # -sin u/(1 - cos u)


def pole_half_angle_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(sin u, cos u) dx with a pole where sin u = ±1 or cos u = 1 and no Bioche
    symmetry: the half-angle substitution with its jump at that pole (:data:`_SHIFTS`),
    tried before the integrand is expanded, so that (A + B*sin)*(a + a*sin)/(c -
    c*sin)^4 gives one sum in cos(u)/(1 - sin(u)) (Rubi's form), continuous wherever
    the integrand is defined."""
    if not (e.is_Mul or e.is_Pow):
        return None
    ba = base_argument(e, x)
    if ba is None:
        return None
    u, ks = ba
    S, C = Symbol("S_bioche"), Symbol("C_bioche")
    try:
        R = _cancel(to_sc(e, x, ks, S, C))
        if _has(R, x):
            return None
        kind = _half_kind(R, S, C)
        if kind == "half":
            return None
        for sym in ({S: mul(-1, S)}, {C: mul(-1, C)}):
            if _is_zero(add(subs(R, sym), R)):
                return None
        if _is_zero(add(subs(R, {S: mul(-1, S), C: mul(-1, C)}), mul(-1, R))):
            return None
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    t = ctx.dummy(e, x)
    h = _transform(R, S, C, t, kind)
    if h is None or _has(h, S) or _has(h, C):
        return None
    st = ctx.integrate(h, t)
    if st is None:
        return None
    from .trig_sqrt_ratio import collect_terms, even_sums

    back = _back(kind, u)
    # t^2 = (1 + sin u)/(1 - sin u), (1 - sin u)/(1 + sin u) (half0: t = -cot(u/2) as is)
    f = sin(u)
    sg = -1 if kind == "half-" else 1
    t2 = mul(add(1, mul(sg, f)), power(add(1, mul(-sg, f)), MINUS_ONE))
    try:
        G = collect_terms(st.result, t)
        if kind != "half0":
            G = even_sums(G, t, t2)
        F = mul(subs(G, {t: back}), power(_d(u, x), MINUS_ONE))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    return Step("tangent half-angle substitution", e, x, F, (st,), f"{t} = {back}")


def _transform(R: Expr, S: Symbol, C: Symbol, t: Symbol, kind: str) -> Expr | None:
    """R(S, C) dx rewritten as h(t) dt for the substitution ``kind``."""
    from ...core.functions import sqrt

    try:
        if kind == "cos":       # t = cos u, dt = -sin u du; R/S is even in S
            g = _cancel(mul(-1, R, power(S, MINUS_ONE)))
            h = subs(g, {S: sqrt(add(1, mul(-1, power(t, 2)))), C: t})
        elif kind == "sin":     # t = sin u, dt = cos u du
            g = _cancel(mul(R, power(C, MINUS_ONE)))
            h = subs(g, {C: sqrt(add(1, mul(-1, power(t, 2)))), S: t})
        elif kind == "tan":     # t = tan u, dt = (1 + t^2) du, S = t*C, C^2 = 1/(1 + t^2)
            r = power(add(1, power(t, 2)), number(Fraction(-1, 2)))
            h = mul(subs(R, {S: mul(t, r), C: r}), power(add(1, power(t, 2)), MINUS_ONE))
        else:                   # t = tan(v/2), v = u - u0 + pi (see _SHIFTS)
            d = power(add(1, power(t, 2)), MINUS_ONE)
            sv, cv = mul(2, t, d), mul(add(1, mul(-1, power(t, 2))), d)
            (ss, sc_), (cs, cc) = _SHIFTS[kind]
            h = mul(subs(R, {S: mul(ss, sv if sc_ else cv), C: mul(cs, sv if cc else cv)}),
                    mul(2, d))
        return _cancel(h) if _rational(h, t) else None
    except (SymcalcError, ArithmeticError):
        return None


def _rational(h: Expr, t: Symbol) -> bool:
    for n in h.preorder():
        if n.is_Function:
            return False
        if n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int)) \
                and _has(n.args[0], t):
            return False
    return True


__all__ = ["base_argument", "bioche", "to_sc"]
