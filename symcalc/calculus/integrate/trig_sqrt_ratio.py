"""Half-integer powers of a ± a*sin, a ± a*cos, a ± a*sec, a ± a*csc, a ± a*cosh.

With S = a*(1 + ε*f(y)), ε = ±1 and f one of sin, cos, sec, csc, cosh, the quotient

    w = g(y)/sqrt(S),    g = cos, sin, tan, cot, sinh respectively,

is a smooth function of y wherever S > 0, and (the identities below are checked by
differentiating)

    w^2 = (1 - ε*f)/a                    for f = sin, cos:  f = ε*(1 - a*w^2)
    w^2 = (ε*f - 1)/a                    for f = sec, csc, cosh:  f = ε*(1 + a*w^2)
    dw/dy = -ε*sqrt(S)/(2a)              (sin)      ε*sqrt(S)/(2a)   (cos, cosh)
    dw/dy =  ε*sec(y)*sqrt(S)/(2a)       (sec)     -ε*csc(y)*sqrt(S)/(2a)   (csc)

so every integrand R(f, g)*S^(k/2), R rational, whose total power of sqrt(S) is even
after g = w*sqrt(S) and dy = (dy/dw)*dw, becomes a rational function of w. This is
Rubi's route for (a + a*sin)^m*cos^n with m half an odd integer and n even, and for
(a + a*sec)^m*sec^n: the answers come out in powers of cos(y)/sqrt(a + a*sin(y)) and
atanh/atan of them, with no half-angle tangents and no sign choices (the substitution
is an identity of derivatives on every interval where S > 0).

>>> from symcalc import symbols, sin, cos, sqrt
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(sqrt(1 + sin(x)), x)
-2*cos(x)/sqrt(sin(x) + 1)
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_HALF = number(Fraction(1, 2))

#: family -> (the function f, the function g, f as a function of (a*w^2) sign: -1 for
#: f = ε*(1 - a*w^2), +1 for f = ε*(1 + a*w^2), the factor of dy/dw besides
#: 2*a*ε/sqrt(S): (sign, whether 1/f multiplies), {name: (power of F, power of G)}).
_FAMILIES: dict[str, tuple[str, str, int, int, bool, dict[str, tuple[int, int]]]] = {
    "sin": ("sin", "cos", -1, -1, False,
            {"sin": (1, 0), "cos": (0, 1), "tan": (1, -1), "cot": (-1, 1),
             "sec": (0, -1), "csc": (-1, 0)}),
    "cos": ("cos", "sin", -1, 1, False,
            {"cos": (1, 0), "sin": (0, 1), "tan": (-1, 1), "cot": (1, -1),
             "sec": (-1, 0), "csc": (0, -1)}),
    "sec": ("sec", "tan", 1, 1, True,
            {"sec": (1, 0), "cos": (-1, 0), "tan": (0, 1), "cot": (0, -1),
             "sin": (-1, 1), "csc": (1, -1)}),
    "csc": ("csc", "cot", 1, -1, True,
            {"csc": (1, 0), "sin": (-1, 0), "cot": (0, 1), "tan": (0, -1),
             "cos": (-1, 1), "sec": (1, -1)}),
    "cosh": ("cosh", "sinh", 1, 1, False,
             {"cosh": (1, 0), "sinh": (0, 1), "tanh": (-1, 1), "coth": (1, -1),
              "sech": (-1, 0), "csch": (0, -1)}),
}


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _radicals(e: Expr, x: Symbol) -> list[Expr] | None:
    """The half-integer powers of x-dependent bases in e (None when some other fractional
    power depends on x)."""
    out = []
    for n in e.preorder():
        if n.is_Pow and n.args[1].is_Number and not isinstance(n.args[1].value, int) \
                and _has(n.args[0], x):
            v = n.args[1].value
            if not (isinstance(v, Fraction) and v.denominator == 2):
                return None
            out.append(n)
    return out


def _in_family(e: Expr, y: Expr, table: dict[str, tuple[int, int]], F: Symbol, G: Symbol
               ) -> Expr | None:
    """e with every function of y written as F^i*G^j (None if some function is not of the
    family)."""
    funcs = {n for n in e.preorder() if n.is_Function and n.args and n.args[0] == y}
    mapping = {}
    for n in funcs:
        pw = table.get(n.fdef.name)
        if pw is None or len(n.args) != 1:
            return None
        mapping[n] = mul(power(F, number(pw[0])), power(G, number(pw[1])))
    try:
        return subs(e, mapping) if mapping else e
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None


def _split_even_odd(p: Expr, R: Symbol) -> tuple[Expr, Expr]:
    """(even, odd) parts of a polynomial p in R: p = even + odd."""
    from ...core.expand import expand

    q = subs(p, {R: mul(MINUS_ONE, R)})
    return (expand(mul(_HALF, add(p, q))), expand(mul(_HALF, add(p, mul(MINUS_ONE, q)))))


def _rational_in_w(h: Expr, R: Symbol, S: Expr, w: Symbol) -> Expr | None:
    """h(w, R) with R^2 = S as a rational function of w, when the powers of R in h pair."""
    from ...algebra.rational import numer_denom, together

    if not any(n.is_Add and _has(n, R) for n in h.preorder()):
        # R only in products: its powers have combined; keep the factored denominators
        # (the rational integrator splits (2 - a*w^2)*(c + d - a*d*w^2) without a
        # discriminant)
        try:
            hw = subs(h, {R: power(S, _HALF)})
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            return None
        if any(n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int))
               and _has(n.args[0], w) for n in hw.preorder()):
            return None
        return hw
    try:
        n, d = numer_denom(together(h))
        n0, n1 = _split_even_odd(n, R)
        d0, d1 = _split_even_odd(d, R)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    zero = ZERO
    if n1 == zero and d1 == zero:
        num, den = n0, d0
    elif n0 == zero and d0 == zero:
        num, den = n1, d1
    else:
        return None
    rootS = power(S, _HALF)
    try:
        return mul(subs(num, {R: rootS}), power(subs(den, {R: rootS}), MINUS_ONE))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None


def collect_terms(F: Expr, w: Symbol) -> Expr:
    """F expanded and its terms grouped by their factor that depends on w, each group's
    coefficient cancelled: the rational integrator's answer to a sum over parameters
    (A*(..) + B*(..)) has the same atanh and powers of w in several places."""
    from ...algebra.rational import cancel
    from .engine import split_constant

    try:
        terms = _distribute(F, w)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return F
    groups: dict[Expr, list[Expr]] = {}
    for t in terms:
        c, dep = split_constant(t, w) if _has(t, w) else (t, ONE)
        groups.setdefault(dep, []).append(c)
    try:
        out = add(*(mul(_factored(cancel(add(*cs))), dep) for dep, cs in groups.items()))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return F
    return out


def _distribute(F: Expr, w: Symbol) -> list[Expr]:
    """The terms of F with products over sums multiplied out (sums that depend on w in a
    denominator or a power are kept whole)."""
    if F.is_Add:
        return [t for a in F.args for t in _distribute(a, w)]
    if F.is_Mul:
        out = [F.args[0]] if not F.args[0].is_Add else _distribute(F.args[0], w)
        for f in F.args[1:]:
            parts = _distribute(f, w) if f.is_Add else [f]
            if len(out) * len(parts) > 400:
                raise ArithmeticError("too many terms")
            out = [mul(p, q) for p in out for q in parts]
        if len(out) > 1:
            return [t for p in out for t in (_distribute(p, w) if p.is_Add else [p])]
        return out
    return [F]


def _factored(c: Expr) -> Expr:
    """c with its numerator and denominator factored (a*(A + B), sqrt(2)*(A - B))."""
    from ...algebra.factor_expr import factor
    from ...algebra.rational import numer_denom

    try:
        n, d = numer_denom(c)
        return mul(factor(n), power(factor(d), MINUS_ONE))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return c


def even_sums(F: Expr, w: Symbol, w2: Expr) -> Expr:
    """F with each sum that is a polynomial in w^2 written with w^2 = w2, expanded."""
    from ...algebra.rational import cancel
    from ...core.expand import expand

    mapping = {}
    for n in F.preorder():
        if n.is_Add and n not in mapping and _has(n, w):
            try:
                if subs(n, {w: mul(MINUS_ONE, w)}) != n:
                    continue
                m = _factored(cancel(expand(subs(n, {w: power(w2, _HALF)}))))
            except (SymcalcError, ArithmeticError, ZeroDivisionError):
                continue
            if not _has(m, w):
                mapping[n] = m
    if not mapping:
        return F
    try:
        return subs(F, mapping)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return F


def _integrate_even(h: Expr, w: Symbol, ctx: Context) -> Step | None:
    """∫ h dw; an even h = G(w^2) is split first into partial fractions in v = w^2 (its
    factors are linear in v: 2 - a*w^2, c + d - a*d*w^2), each piece integrated alone —
    much faster than the rational method with parameters on the whole."""
    from ...algebra.rational import apart, cancel

    try:
        if subs(h, {w: mul(MINUS_ONE, w)}) != h and cancel(
                add(subs(h, {w: mul(MINUS_ONE, w)}), mul(MINUS_ONE, h))) != ZERO:
            return ctx.integrate(h, w)
        V = Symbol(w.name + "_sq")
        hv = cancel(subs(h, {w: power(V, _HALF)}))
        if any(n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int))
               and _has(n.args[0], V) for n in hv.preorder()):
            return ctx.integrate(h, w)
        P = apart(hv, V)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return ctx.integrate(h, w)
    if not P.is_Add or len(P.args) < 2:
        return ctx.integrate(h, w)
    steps, total = [], []
    for t in P.args:
        st = ctx.integrate(subs(t, {V: mul(w, w)}), w)
        if st is None:
            return ctx.integrate(h, w)
        steps.append(st)
        total.append(st.result)
    return Step("partial fractions in w^2", h, w, add(*total), tuple(steps))


def sqrt_ratio_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(f(y), g(y))*S^(k/2) dx with S = a*(1 ± f(y)) by w = g(y)/sqrt(S) (see the module
    docstring)."""
    rads = _radicals(e, x)
    if not rads:
        return None
    bases = {r.args[0] for r in rads}
    if len(bases) != 1:
        return None
    B = bases.pop()
    funcs = [n for n in e.preorder() if n.is_Function and _has(n, x)]
    args = {n.args[0] for n in funcs if n.args}
    if len(args) != 1:
        return None
    y = args.pop()
    from ..diff import diff

    dy = diff(y, x)
    if _has(dy, x) or not _has(y, x):
        return None
    from ...algebra.rational import cancel
    from ...core.functions import cos, cosh, cot, csc, sec, sin, sinh, tan

    gfun = {"cos": cos, "sin": sin, "tan": tan, "cot": cot, "sinh": sinh}
    F = ctx.dummy(e, x)
    G = Symbol(F.name + "_g")
    R = Symbol(F.name + "_r")
    for fname, gname, wsign, dsign, over_f, table in _FAMILIES.values():
        if not any(n.fdef.name in table for n in funcs):
            continue
        BF = _in_family(B, y, table, F, G)
        if BF is None or _has(BF, G) or _has(BF, x):
            continue
        try:
            p0 = subs(BF, {F: ZERO})
            p1 = cancel(mul(add(BF, mul(MINUS_ONE, p0)), power(F, MINUS_ONE)))
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            continue
        if p0 == ZERO or _has(p1, F):
            continue
        try:
            r = cancel(mul(p1, power(p0, MINUS_ONE)))
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            continue
        if not (r.is_Number and r.value in (1, -1)):
            continue
        eps = number(r.value)
        a = p0
        # e with the radicals as powers of R and the functions as F, G
        try:
            eR = subs(e, {rad: power(R, number(int(2 * rad.args[1].value))) for rad in rads})
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            return None
        eFG = _in_family(eR, y, table, F, G)
        if eFG is None or _has(eFG, x):
            continue
        w = ctx.dummy(e, x, F)
        fw = mul(eps, add(ONE, mul(wsign, a, w, w)))
        Sw = mul(a, add(ONE, mul(eps, fw)))
        jac = mul(number(2 * dsign), a, eps, power(R, MINUS_ONE), power(dy, MINUS_ONE))
        if over_f:
            jac = mul(jac, power(F, MINUS_ONE))
        try:
            h = subs(mul(eFG, jac), {G: mul(w, R), F: fw})
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            continue
        hw = _rational_in_w(h, R, Sw, w)
        if hw is None or _has(hw, x) or _has(hw, R):
            continue
        st = _integrate_even(hw, w, ctx)
        if st is None:
            return None
        back = mul(gfun[gname](y), power(B, number(Fraction(-1, 2))))
        fy = {"sin": sin, "cos": cos, "cosh": cosh, "sec": sec, "csc": csc}[fname](y)
        # w^2 = -wsign*(1 - ε*f)/a: sums even in w become functions of f (a*w^2 - 2 = -1 - f)
        w2 = mul(-wsign, add(ONE, mul(MINUS_ONE, eps, fy)), power(a, MINUS_ONE))
        try:
            result = subs(even_sums(collect_terms(st.result, w), w, w2), {w: back})
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            return None
        return Step("substitution", e, x, result, (st,), f"{w} = {back}")
    return None


def radical_pair_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ h*B1^m*B2^n dx with B1 = a*(1 + ε*f(y)), B2 = c*(1 - ε*f(y)), m and n half odd
    integers: B1*B2 = a*c*(1 - f^2) = ±a*c*g^2, so K = sqrt(B1)*sqrt(B2)/g(y) is constant
    on every interval where the integrand is defined and

        ∫ h*B1^m*B2^n dx = K*∫ h*B1^(m - 1/2)*B2^(n - 1/2)*g(y) dx,

    an identity of derivatives with integer powers inside ((a + a*sin)^(7/2)/(c -
    c*sin)^(13/2))."""
    if not e.is_Mul:
        return None
    rads = [f for f in e.args if f.is_Pow and f.args[1].is_Number
            and isinstance(f.args[1].value, Fraction) and f.args[1].value.denominator == 2
            and _has(f.args[0], x)]
    if len(rads) != 2 or rads[0].args[0] == rads[1].args[0]:
        return None
    rest = mul(*(f for f in e.args if f is not rads[0] and f is not rads[1]))
    B1, B2 = rads[0].args[0], rads[1].args[0]
    if any(n.is_Pow and n.args[0] in (B1, B2) and not (n.args[1].is_Number
           and isinstance(n.args[1].value, int)) for n in rest.preorder()):
        return None
    funcs = [n for n in e.preorder() if n.is_Function and _has(n, x)]
    args = {n.args[0] for n in funcs if n.args}
    if len(args) != 1:
        return None
    y = args.pop()
    from ...algebra.rational import cancel
    from ...core.functions import cos, cot, sin, sinh, tan

    gfun = {"cos": cos, "sin": sin, "tan": tan, "cot": cot, "sinh": sinh}
    F = ctx.dummy(e, x)
    G = Symbol(F.name + "_g")
    for _fname, gname, _ws, _ds, _of, table in _FAMILIES.values():
        if not any(n.fdef.name in table for n in funcs):
            continue
        signs = []
        for B in (B1, B2):
            BF = _in_family(B, y, table, F, G)
            if BF is None or _has(BF, G) or _has(BF, x):
                break
            try:
                p0 = subs(BF, {F: ZERO})
                p1 = cancel(mul(add(BF, mul(MINUS_ONE, p0)), power(F, MINUS_ONE)))
                r = cancel(mul(p1, power(p0, MINUS_ONE))) if p0 != ZERO else None
            except (SymcalcError, ArithmeticError, ZeroDivisionError):
                break
            if r is None or _has(p1, F) or not (r.is_Number and r.value in (1, -1)):
                break
            signs.append(r.value)
        if len(signs) != 2 or signs[0] != -signs[1]:
            continue
        g = gfun[gname](y)
        try:
            inner = mul(rest, power(B1, number(rads[0].args[1].value - Fraction(1, 2))),
                        power(B2, number(rads[1].args[1].value - Fraction(1, 2))), g)
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            return None
        st = ctx.integrate(inner, x)
        if st is None:
            return None
        K = mul(power(B1, _HALF), power(B2, _HALF), power(g, MINUS_ONE))
        return Step("constant ratio", e, x, mul(K, st.result), (st,),
                    f"sqrt({B1})*sqrt({B2})/{g} is constant on intervals")
    return None


def square_radicand_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ h*B^(m/2) dx with B = G^2 a perfect square (a^2*sin^2 + 2*a*b*sin + b^2 =
    (a*sin + b)^2): K = sqrt(B)/G is constant on every interval where it is defined, and
    ∫ h*B^(m/2) dx = K*∫ h*G^m dx."""
    factors = e.args if e.is_Mul else (e,)
    rads = [f for f in factors if f.is_Pow and f.args[1].is_Number
            and isinstance(f.args[1].value, Fraction) and f.args[1].value.denominator == 2
            and f.args[0].is_Add and len(f.args[0].args) >= 3 and _has(f.args[0], x)]
    if len(rads) != 1:
        return None
    rad = rads[0]
    B = rad.args[0]
    from ...algebra.factor_expr import factor

    try:
        Fb = factor(B)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if not (Fb.is_Pow and Fb.args[1].is_Number and isinstance(Fb.args[1].value, int)
            and Fb.args[1].value % 2 == 0):
        return None
    G = power(Fb.args[0], number(Fb.args[1].value // 2))
    m = int(2 * rad.args[1].value)
    rest = mul(*(f for f in factors if f is not rad))
    if any(n is B for n in rest.preorder()):
        return None
    st = ctx.integrate(mul(rest, power(G, number(m))), x)
    if st is None:
        return None
    K = mul(power(B, _HALF), power(G, MINUS_ONE))
    return Step("perfect square under the radical", e, x, mul(K, st.result), (st,),
                f"sqrt({B}) = K*{G}, K constant on intervals")


__all__ = ["collect_terms", "even_sums", "radical_pair_method", "sqrt_ratio_method",
           "square_radicand_method"]
