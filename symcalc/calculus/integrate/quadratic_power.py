"""Powers of x against exp, sin, cos, sinh, cosh of a quadratic: reduction by parts.

For u = b*x^2 + c and F one of exp, sin, cos, sinh, cosh, with G = ∫ F(u) du and F' its
derivative in u,

    ∫ x^m F(u) dx = x^(m-1) G(u)/(2b) - (m-1)/(2b) ∫ x^(m-2) G(u) dx        (m >= 2)
    ∫ x^m F(u) dx = x^(m+1) F(u)/(m+1) - 2b/(m+1) ∫ x^(m+2) F'(u) dx        (m <= -2)

(parts with dv = x F(u) dx, and with u = F(u)), down to ∫ F(u) dx (erf, erfi, Fresnel),
∫ x F(u) dx (elementary) or ∫ F(u)/x dx (Ei, Si, Ci, Shi, Chi of u). A polynomial P(x)
times F of a quadratic with a linear term, F(p*x^2 + q*x + r), is written in y = x + q/(2p)
first. This is the integral that parts leaves for a polynomial times erf, erfc, erfi or a
Fresnel integral of a linear argument, (c + d*x)^2*fresnels(a + b*x).

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("x^2*cos(x^2)"), x)
x*sin(x^2)/2 - sqrt(2)*sqrt(pi)*fresnels(sqrt(2)*x/sqrt(pi))/4
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_NAMES = ("exp", "sin", "cos", "sinh", "cosh")
#: the largest |m| reduced (each step is one sub-integral)
MAX_POWER = 16


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _antider(name: str, u: Expr) -> Expr:
    """G(u) = ∫ F(u) du."""
    from ...core.functions import cos, cosh, exp, sin, sinh

    return {"exp": lambda: exp(u), "sin": lambda: mul(MINUS_ONE, cos(u)),
            "cos": lambda: sin(u), "sinh": lambda: cosh(u), "cosh": lambda: sinh(u)}[name]()


def _deriv(name: str, u: Expr) -> Expr:
    """F'(u)."""
    from ...core.functions import cos, cosh, exp, sin, sinh

    return {"exp": lambda: exp(u), "sin": lambda: cos(u),
            "cos": lambda: mul(MINUS_ONE, sin(u)), "sinh": lambda: cosh(u),
            "cosh": lambda: sinh(u)}[name]()


def _split(e: Expr, x: Symbol) -> tuple[Expr, Expr, Expr] | None:
    """(c, F(u), rest) with e = c*F(u)*rest, F in _NAMES of a quadratic u, c free of x."""
    from .radicals import poly_coeffs

    fac = None
    const, rest = [], []
    for f in (e.args if e.is_Mul else (e,)):
        if not _has(f, x):
            const.append(f)
        elif f.is_Function and f.fdef.name in _NAMES and fac is None:
            cs = poly_coeffs(f.args[0], x)
            if cs is None or len(cs) != 3 or cs[2] is ZERO:
                return None
            fac = f
        else:
            rest.append(f)
    if fac is None or not rest:
        return None
    return mul(*const), fac, mul(*rest)


def quadratic_power_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ P(x) F(b x^2 + c) and ∫ x^m F(b x^2 + c) by the reductions above."""
    from .radicals import poly_coeffs

    if not e.is_Mul:
        return None
    sp = _split(e, x)
    if sp is None:
        return None
    c, fac, rest = sp
    name, u = fac.fdef.name, fac.args[0]
    cs = poly_coeffs(u, x)
    r0, q, p = cs
    if q is not ZERO:
        return _shifted(e, c, name, u, p, q, rest, x, ctx)
    m = _power_of_x(rest, x)
    if m is None:
        pc = poly_coeffs(rest, x)
        if pc is None or len(pc) > MAX_POWER + 1:
            return None
        terms, steps = [], []
        for k, a in enumerate(pc):
            if a is ZERO:
                continue
            st = ctx.integrate(mul(a, power(x, number(k)), fac), x)
            if st is None:
                return None
            terms.append(st.result)
            steps.append(st)
        return Step("polynomial times a function of a quadratic", e, x,
                    mul(c, add(*terms)), tuple(steps))
    if m in (0, 1, -1) or abs(m) > MAX_POWER:
        return None
    ctx.check()
    b = p
    if m >= 2:
        G = _antider(name, u)
        st = ctx.integrate(mul(power(x, number(m - 2)), G), x)
        if st is None:
            return None
        F = add(mul(power(x, number(m - 1)), G, power(mul(2, b), MINUS_ONE)),
                mul(number(-(m - 1)), power(mul(2, b), MINUS_ONE), st.result))
        detail = f"u = x^{m - 1}, dv = x*{fac} dx"
    else:
        D = _deriv(name, u)
        st = ctx.integrate(mul(power(x, number(m + 2)), D), x)
        if st is None:
            return None
        F = add(mul(power(x, number(m + 1)), fac, power(number(m + 1), MINUS_ONE)),
                mul(number(-2), b, power(number(m + 1), MINUS_ONE), st.result))
        detail = f"u = {fac}, dv = x^{m} dx"
    return Step("parts (reduction)", e, x, mul(c, F), (st,), detail)


def _power_of_x(e: Expr, x: Symbol) -> int | None:
    if e is x:
        return 1
    if e.is_Pow and e.args[0] is x and e.args[1].is_Number \
            and isinstance(e.args[1].value, int):
        return e.args[1].value
    return None


def _shifted(e: Expr, c: Expr, name: str, u: Expr, p: Expr, q: Expr, rest: Expr,
             x: Symbol, ctx: Context) -> Step | None:
    """P(x) F(p x^2 + q x + r) in y = x + q/(2p), P a polynomial."""
    from ...core.expand import expand
    from .radicals import poly_coeffs

    pc = poly_coeffs(rest, x)
    if pc is None or len(pc) > MAX_POWER + 1:
        return None
    y = ctx.dummy(e, x)
    s = mul(q, power(mul(2, p), MINUS_ONE))
    try:
        h = expand(subs(mul(rest, fac_of(name, u)), {x: add(y, mul(MINUS_ONE, s))}))
    except (SymcalcError, ArithmeticError):
        return None
    ctx.check()
    st = ctx.integrate(h, y)
    if st is None:
        return None
    return Step("substitution", e, x, mul(c, subs(st.result, {y: add(x, s)})), (st,),
                f"{y} = x + {s}")


def fac_of(name: str, u: Expr) -> Expr:
    from ...core.functions import cos, cosh, exp, sin, sinh

    return {"exp": exp, "sin": sin, "cos": cos, "sinh": sinh, "cosh": cosh}[name](u)


__all__ = ["quadratic_power_method"]
