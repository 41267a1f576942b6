"""Trigonometric and hyperbolic functions under radicals.

Five methods, each a classic move of the tables:

* **A square under the radical.** 1 + cos y = 2*cos(y/2)^2, 1 - cos(2*x) = 2*sin(x)^2,
  a + a*sec y = 2*a*cos(y/2)^2*sec(y), 1 + tan(y)^2 = sec(y)^2, ...: when the radicand
  is K*g^2/c (K free of x, c = 1, cos y or sin y), the ratio sqrt(Q)*sqrt(c)/g is
  constant on every interval where the integrand is defined, so

      ∫ f*Q^(m/2) dx = sqrt(Q)*sqrt(c)/g * ∫ f*K^((m-1)/2)*g^m*c^(-m/2) dx,

  an identity of derivatives (the ratio's derivative is zero), without choosing a sign
  of g or of K. The identities live in :data:`SQUARES`.
* **sin(2y) with sin y ± cos y.** sin(2y) = 1 - (sin y - cos y)^2 = (sin y + cos y)^2 - 1,
  and d(sin y ∓ cos y) = (cos y ± sin y) dy: (α cos y + β sin y)*h(sin 2y) splits into
  two integrals in u = sin y - cos y and v = sin y + cos y, as for cos(x)/sqrt(sin(2*x)).
* **Double angles.** cos(2y) = 1 - 2 sin(y)^2 = 2 cos(y)^2 - 1 (and cosh(2y)) inside a
  radical, so that cos(x)*sqrt(cos(2*x)) becomes ∫ sqrt(1 - 2u^2) du.
* **Odd powers.** F(sin y)*cos(y)^odd by u = sin y (tan, sec, ... written with sin and
  cos; cosh and sinh alike): (a + b*sin(x))^(5/2)*cos(x)^3.
* **Functions of tan alone.** u = tan y, dy = du/(1 + u^2), also with even powers of sec,
  csc, cos, sin: tan(x)/sqrt(tan(x)^4 + 1), csc(x)^4/sqrt(d*tan(x)); u = tanh y alike.

>>> from symcalc import symbols, cos, sqrt
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(cos(x)**2/sqrt(1 - cos(2*x)), x)
sqrt(1 - cos(2*x))*(cos(x) - atanh(cos(x)))/(2*sin(x))
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.functions import cos, cosh, cot, csc, sec, sin, sinh, tan
from ...core.numbers import MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

HALF = number(Fraction(1, 2))


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _half(y: Expr) -> Expr:
    return mul(HALF, y)


#: α + β*F(y) = K*g^2*w for β/α = ±1: (F, power of F, β/α) -> y -> (K/α, g, w).
SQUARES: dict[tuple[str, int, int], object] = {
    ("cos", 1, 1): lambda y: (number(2), cos(_half(y)), ONE),
    ("cos", 1, -1): lambda y: (number(2), sin(_half(y)), ONE),
    ("sin", 1, 1): lambda y: (ONE, add(sin(_half(y)), cos(_half(y))), ONE),
    ("sin", 1, -1): lambda y: (ONE, add(cos(_half(y)), mul(MINUS_ONE, sin(_half(y)))), ONE),
    ("cosh", 1, 1): lambda y: (number(2), cosh(_half(y)), ONE),
    ("cosh", 1, -1): lambda y: (number(-2), sinh(_half(y)), ONE),
    ("sec", 1, 1): lambda y: (number(2), cos(_half(y)), power(cos(y), MINUS_ONE)),
    ("sec", 1, -1): lambda y: (number(-2), sin(_half(y)), power(cos(y), MINUS_ONE)),
    ("csc", 1, 1): lambda y: (ONE, add(sin(_half(y)), cos(_half(y))), power(sin(y), MINUS_ONE)),
    ("csc", 1, -1): lambda y: (MINUS_ONE, add(cos(_half(y)), mul(MINUS_ONE, sin(_half(y)))),
                               power(sin(y), MINUS_ONE)),
    ("cos", 2, -1): lambda y: (ONE, sin(y), ONE),
    ("sin", 2, -1): lambda y: (ONE, cos(y), ONE),
    ("tan", 2, 1): lambda y: (ONE, sec(y), ONE),
    ("cot", 2, 1): lambda y: (ONE, csc(y), ONE),
    ("sec", 2, -1): lambda y: (MINUS_ONE, tan(y), ONE),
    ("csc", 2, -1): lambda y: (MINUS_ONE, cot(y), ONE),
    ("sinh", 2, 1): lambda y: (ONE, cosh(y), ONE),
    ("cosh", 2, -1): lambda y: (MINUS_ONE, sinh(y), ONE),
}


def _ratio(b: Expr, a: Expr) -> int | None:
    """b/a when it is ±1."""
    from ...algebra.rational import cancel

    try:
        r = cancel(mul(b, power(a, MINUS_ONE)))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if r.is_Number and r.value in (1, -1):
        return int(r.value)
    return None


def square_form(Q: Expr, x: Symbol) -> tuple[Expr, Expr, Expr] | None:
    """(K, g, w) with Q = K*g^2*w by :data:`SQUARES`, or None."""
    if not (Q.is_Add and len(Q.args) == 2):
        return None
    consts = [t for t in Q.args if not _has(t, x)]
    if len(consts) != 1:
        return None
    alpha = consts[0]
    other = Q.args[1] if Q.args[0] is alpha else Q.args[0]
    from .engine import split_constant

    beta, F = split_constant(other, x)
    k = 1
    if F.is_Pow and F.args[1].is_Number and F.args[1].value == 2:
        F, k = F.args[0], 2
    if not (F.is_Function and len(F.args) == 1):
        return None
    s = _ratio(beta, alpha)
    if s is None:
        return None
    make = SQUARES.get((F.fdef.name, k, s))
    if make is None:
        return None
    K, g, w = make(F.args[0])
    return mul(K, alpha), g, w


def _radical_factor(e: Expr, x: Symbol) -> tuple[Expr, Fraction, Expr] | None:
    """(Q, m/2, rest) for e = rest*Q^(m/2) with one x-dependent half-integer power."""
    factors = e.args if e.is_Mul else (e,)
    found = None
    for f in factors:
        if f.is_Pow and _has(f.args[0], x) and f.args[1].is_Number \
                and isinstance(f.args[1].value, Fraction) and f.args[1].value.denominator == 2:
            if found is not None:
                return None
            found = f
    if found is None:
        return None
    rest = mul(*(f for f in factors if f is not found))
    if any(n.is_Pow and n.args[0] is found.args[0] for n in rest.preorder()):
        return None
    return found.args[0], Fraction(found.args[1].value), rest


def square_radicand(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ f*Q1^(m1/2)*Q2^(m2/2)*... with each Qi = Ki*gi^2*wi (see the module docstring)."""
    factors = e.args if e.is_Mul else (e,)
    ratios, new, names = [], [], []
    for fac in factors:
        sf = None
        if fac.is_Pow and _has(fac.args[0], x) and fac.args[1].is_Number \
                and isinstance(fac.args[1].value, Fraction) \
                and fac.args[1].value.denominator == 2:
            sf = square_form(fac.args[0], x)
        if sf is None:
            new.append(fac)
            continue
        Q, k = fac.args[0], Fraction(fac.args[1].value)
        K, g, w = sf
        m = int(2 * k)
        new.append(mul(power(K, number((m - 1) // 2)), power(g, number(m))))
        ratio = mul(power(Q, HALF), power(g, MINUS_ONE))
        if w is not ONE:  # w = 1/cos(y) or 1/sin(y): powers of cos(y), sin(y) under the root
            new.append(power(w.args[0], number(-k)))
            ratio = mul(ratio, power(w.args[0], HALF))
        ratios.append(ratio)
        names.append(f"{Q} = {K}*({g})^2" + ("" if w is ONE else f"*{w}"))
    if not ratios:
        return None
    h = mul(*new)
    for fac in (h.args if h.is_Mul else (h,)):
        # sec(y)^k*cos(y)^k is constant for any k (1 or -1): sqrt(sec) -> 1/sqrt(cos)
        if fac.is_Pow and fac.args[0].is_Function and fac.args[0].fdef.name in ("sec", "csc") \
                and not (fac.args[1].is_Number and isinstance(fac.args[1].value, int)):
            b, k = fac.args
            c = cos(b.args[0]) if b.fdef.name == "sec" else sin(b.args[0])
            ratios.append(mul(fac, power(c, k)))
            h = mul(h, power(fac, MINUS_ONE), power(c, mul(MINUS_ONE, k)))
    h = _reciprocals(h)
    st = ctx.integrate(h, x)
    if st is None:
        return None
    F = mul(*ratios, st.result)
    return Step("a square under the radical", e, x, F, (st,), ", ".join(names))


def _reciprocals(h: Expr) -> Expr:
    """sec -> 1/cos, csc -> 1/sin, so that powers of cos(y) from the radicands combine."""
    table = {}
    for n in h.preorder():
        if n.is_Function and n.fdef.name in ("sec", "csc"):
            table[n] = power(cos(n.args[0]) if n.fdef.name == "sec" else sin(n.args[0]),
                             MINUS_ONE)
    return subs(h, table) if table else h


# --------------------------------------------------------------------------- sin(2y)


def _linear_arg(F: Expr, x: Symbol) -> Expr | None:
    """d(arg)/dx when the argument of F is linear in x."""
    from ..diff import diff

    d = diff(F.args[0], x)
    return None if _has(d, x) or d is ZERO else d


def _trig_linear(P: Expr, y: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(α, β) for P = α*cos(y) + β*sin(y)."""
    from .engine import split_constant

    alpha, beta = ZERO, ZERO
    for t in (P.args if P.is_Add else (P,)):
        c, dep = split_constant(t, x)
        if dep == cos(y):
            alpha = add(alpha, c)
        elif dep == sin(y):
            beta = add(beta, c)
        else:
            return None
    return alpha, beta


def sin2_split(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """(α cos y + β sin y)*h(sin 2y) by u = sin y ∓ cos y (see the module docstring)."""
    nodes = [n for n in e.preorder() if n.is_Function and n.fdef.name == "sin"
             and _has(n, x)]
    for S in dict.fromkeys(nodes):
        y = _half(S.args[0])
        dy = _linear_arg(S, x)
        if dy is None:
            continue
        factors = e.args if e.is_Mul else (e,)
        hs = [f for f in factors if _has(f, x) and any(n is S for n in f.preorder())]
        P = mul(*(f for f in factors if f not in hs))
        h = mul(*hs)
        if any(n.is_Function and _has(n, x) and n is not S
               for n in h.preorder() if n.is_Function):
            continue
        ab = _trig_linear(P, y, x)
        if ab is None:
            continue
        alpha, beta = ab
        u = ctx.dummy(e, x)
        parts = []
        subs_ = []
        plus, minus = mul(HALF, add(alpha, beta)), mul(HALF, add(alpha, mul(MINUS_ONE, beta)))
        for coef, radicand, back in (
                (plus, add(1, mul(MINUS_ONE, u, u)), add(sin(y), mul(MINUS_ONE, cos(y)))),
                (minus, add(mul(u, u), MINUS_ONE), add(sin(y), cos(y)))):
            if coef is ZERO:
                continue
            hu = mul(subs(h, {S: radicand}), power(mul(HALF, dy), MINUS_ONE))
            st = ctx.integrate(hu, u)
            if st is None:
                return None
            G = _put_back(st.result, radicand, S)
            parts.append(mul(coef, subs(G, {u: back})))
            subs_.append(st)
        F = add(*parts)
        return Step("sin 2y = 1 - (sin y - cos y)^2 = (sin y + cos y)^2 - 1", e, x, F,
                    tuple(subs_), f"{u} = sin({y}) ∓ cos({y})")
    return None


def _put_back(G: Expr, radicand: Expr, S: Expr) -> Expr:
    """Powers of the radicand in G read as powers of S again (sqrt(1 - u^2) -> sqrt(S))."""
    table = {n: power(S, n.args[1]) for n in G.preorder()
             if n.is_Pow and n.args[0] is radicand}
    return subs(G, table) if table else G


# --------------------------------------------------------------------------- double angles


def _radicands(e: Expr, x: Symbol) -> list[Expr]:
    return [n.args[0] for n in e.preorder() if n.is_Pow and _has(n.args[0], x)
            and n.args[1].is_Number and not isinstance(n.args[1].value, int)]


def _is_double(arg: Expr) -> bool:
    """Whether every term of arg has an even integer coefficient (2*x, 2*a + 2*b*x)."""
    for t in (arg.args if arg.is_Add else (arg,)):
        c = t.args[0] if t.is_Mul and t.args[0].is_Number else (t if t.is_Number else None)
        if c is None or not isinstance(c.value, int) or c.value % 2:
            return False
    return True


def double_angle(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """cos(2y) -> 1 - 2 sin(y)^2 or 2 cos(y)^2 - 1 inside radicals (also cosh)."""
    rads = _radicands(e, x)
    if not rads:
        return None
    targets = []
    for r in rads:
        for n in r.preorder():
            if n.is_Function and n.fdef.name in ("cos", "cosh") and _has(n, x):
                targets.append(n)
    halves = {n.args[0] for n in e.preorder() if n.is_Function and _has(n, x)}
    for C in dict.fromkeys(targets):
        y = _half(C.args[0])
        if not (_is_double(C.args[0]) or y in halves):
            continue
        if C.fdef.name == "cos":
            forms = (add(1, mul(-2, power(sin(y), 2))), add(mul(2, power(cos(y), 2)), -1))
        else:
            forms = (add(1, mul(2, power(sinh(y), 2))), add(mul(2, power(cosh(y), 2)), -1))
        for form in forms:
            try:
                g = subs(e, {C: form})
            except (SymcalcError, ArithmeticError):
                continue
            if g is e:
                continue
            st = ctx.integrate(g, x)
            if st is None:
                st = _odd_power_substitution(g, x, y, ctx)
            if st is not None:
                F = _put_back(st.result, form, C)
                return Step("double angle", e, x, F, (st,), f"{C} = {form}")
    return None


def _odd_power_substitution(g: Expr, x: Symbol, y: Expr, ctx: Context) -> Step | None:
    """u = sin y for F(sin y)*cos(y)^n, n odd (cos(y)^n = cos(y)*(1 - u^2)^((n-1)/2));
    u = cos y for F(cos y)*sin(y)^n; u = sinh y, cosh y likewise."""
    from ..diff import diff

    dy = diff(y, x)
    if _has(dy, x):
        return None
    u = ctx.dummy(g, x)
    one_minus = add(1, mul(MINUS_ONE, u, u))
    for s_, c_, rest_sq, sign in ((sin(y), cos(y), one_minus, ONE),
                                  (cos(y), sin(y), one_minus, MINUS_ONE),
                                  (sinh(y), cosh(y), add(1, mul(u, u)), ONE),
                                  (cosh(y), sinh(y), add(mul(u, u), MINUS_ONE), ONE)):
        factors = g.args if g.is_Mul else (g,)
        n = None
        rest = []
        for f in factors:
            if f is c_:
                n = 1
            elif f.is_Pow and f.args[0] is c_ and f.args[1].is_Number \
                    and isinstance(f.args[1].value, int) and f.args[1].value % 2:
                n = f.args[1].value
            else:
                rest.append(f)
        if n is None:
            continue
        try:
            h = mul(sign, subs(mul(*rest), {s_: u}), power(rest_sq, number((n - 1) // 2)),
                    power(dy, MINUS_ONE))
        except (SymcalcError, ArithmeticError):
            continue
        if _has(h, x):
            continue
        st = ctx.integrate(h, u)
        if st is not None:
            return Step("substitution", g, x, subs(st.result, {u: s_}), (st,),
                        f"{u} = {s_}")
    return None


_QUOTIENTS = {"tan": lambda y: mul(sin(y), power(cos(y), MINUS_ONE)),
              "cot": lambda y: mul(cos(y), power(sin(y), MINUS_ONE)),
              "sec": lambda y: power(cos(y), MINUS_ONE),
              "csc": lambda y: power(sin(y), MINUS_ONE),
              "tanh": lambda y: mul(sinh(y), power(cosh(y), MINUS_ONE)),
              "coth": lambda y: mul(cosh(y), power(sinh(y), MINUS_ONE)),
              "sech": lambda y: power(cosh(y), MINUS_ONE),
              "csch": lambda y: power(sinh(y), MINUS_ONE)}


def odd_power(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """F(sin y)*cos(y)^odd (tan, sec, ... written with sin and cos; also hyperbolic) with
    radicals: u = sin y, cos y, sinh y or cosh y."""
    funcs = [n for n in e.preorder() if n.is_Function and _has(n, x)]
    args = {n.args[0] for n in funcs}
    if len(args) != 1:
        return None
    y = args.pop()
    st = odd_power_in(e, x, y, funcs, ctx)
    if st is None:
        return None
    return Step("odd power substitution", e, x, st.result, (st,))


def odd_power_in(e: Expr, x: Symbol, y: Expr, funcs: list[Expr], ctx: Context) -> Step | None:
    """The odd-power substitution on ``e`` with the quotients among ``funcs`` (tan, sec,
    ...) written with sin and cos of ``y``."""
    table = {n: _QUOTIENTS[n.fdef.name](y) for n in funcs if n.fdef.name in _QUOTIENTS}
    try:
        g = subs(e, table) if table else e
    except (SymcalcError, ArithmeticError):
        return None
    return _odd_power_substitution(g, x, y, ctx)


# --------------------------------------------------------------------------- tan alone


def _even_power_in_tan(n: Expr, y: Expr, u: Symbol, sign: int) -> Expr | None:
    """sec, csc, cos, sin (sech, csch, cosh, sinh for sign = -1) of y to an even integer
    power, in terms of u = tan y (u = tanh y): with w = 1 + sign*u^2, sec^2 = w,
    csc^2 = w/u^2, cos^2 = 1/w, sin^2 = u^2/w (sech^2 = w, csch^2 = w/u^2, ...)."""
    b, k = (n.args[0], n.args[1]) if n.is_Pow else (n, None)
    if k is None or not (k.is_Number and isinstance(k.value, int) and k.value % 2 == 0):
        return None
    if not (b.is_Function and b.args[0] == y):
        return None
    w = add(1, mul(sign, u, u))
    names = ("sec", "csc", "cos", "sin") if sign > 0 else ("sech", "csch", "cosh", "sinh")
    forms = dict(zip(names, (w, mul(w, power(u, number(-2))), power(w, MINUS_ONE),
                             mul(u, u, power(w, MINUS_ONE)))))
    base = forms.get(b.fdef.name)
    return None if base is None else power(base, number(k.value // 2))


def tan_substitution(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """u = tan y (u = tanh y) when the integrand depends on x only through tan y and cot y
    (tanh y, coth y) and even powers of the other functions of y."""
    funcs = [n for n in e.preorder() if n.is_Function and _has(n, x)]
    names = {n.fdef.name for n in funcs}
    if names & {"tan", "cot"}:
        sign, t, ct = 1, tan, cot
        others = ("sec", "csc", "cos", "sin")
    elif names & {"tanh", "coth"}:
        from ...core.functions import coth, tanh

        sign, t, ct = -1, tanh, coth
        others = ("sech", "csch", "cosh", "sinh")
    else:
        return None
    if not any(n.is_Pow and _has(n.args[0], x) and n.args[1].is_Number
               and not isinstance(n.args[1].value, int) for n in e.preorder()):
        return None
    args = {n.args[0] for n in funcs}
    if len(args) != 1:
        return None
    y = args.pop()
    dy = _linear_arg(funcs[0], x)
    if dy is None:
        return None
    u = ctx.dummy(e, x)
    table = {t(y): u, ct(y): power(u, MINUS_ONE)}
    for n in e.preorder():
        if n.is_Function and _has(n, x) and n.fdef.name not in (
                t(y).fdef.name, ct(y).fdef.name):
            if n.fdef.name not in others:
                return None
        if n.is_Pow and n.args[0].is_Function and n.args[0].fdef.name in others:
            v = _even_power_in_tan(n, y, u, sign)
            if v is None:
                return None
            table[n] = v
    try:
        h = subs(e, table)
    except (SymcalcError, ArithmeticError):
        return None
    if _has(h, x):
        return None
    h = mul(h, power(mul(dy, add(1, mul(sign, u, u))), MINUS_ONE))
    st = ctx.integrate(h, u)
    if st is None:
        return None
    return Step("substitution", e, x, subs(st.result, {u: t(y)}), (st,),
                f"{u} = {t(y)}, d{x} = d{u}/(1 {'+' if sign > 0 else '-'} {u}^2)")


__all__ = ["SQUARES", "double_angle", "odd_power", "sin2_split", "square_form", "square_radicand",
           "tan_substitution"]
