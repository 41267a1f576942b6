"""Integration by parts: ∫ u dv = u*v - ∫ v du, with u chosen by LIATE.

LIATE orders the factors Logarithmic, Inverse trigonometric, Algebraic,
Trigonometric, Exponential; u is the first kind present and dv the rest. Algebraic
factors are taken as u only when they are polynomials, so each step lowers a degree
and the recursion ends. For a polynomial times exp/sin/cos/sinh/cosh (of a linear
argument) the repeated integration is done at once, as the tabular method:
∫ p*f = p*F1 - p'*F2 + p''*F3 - ...  where F(k+1) = ∫ Fk.

>>> from symcalc import symbols, exp, log, atan
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(x**2*exp(x), x)
x^2*exp(x) - 2*x*exp(x) + 2*exp(x)
>>> integrate(x*log(x), x)
x^2*log(x)/2 - x^2/4
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ONE, ZERO
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_LOG = {"log"}
_INVERSE = {"asin", "acos", "atan", "acot", "asec", "acsc", "asinh", "acosh", "atanh",
            "acoth", "asech", "acsch"}
_TRIG = {"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "sech",
         "csch"}
#: Special functions with an elementary derivative: u in ∫ polynomial*F (dv the polynomial).
_SPECIAL = {"erf", "erfc", "erfi", "Si", "Ci", "Shi", "Chi", "Ei", "li", "Li2", "fresnels",
            "fresnelc"}
_TABULAR = {"exp", "sin", "cos", "sinh", "cosh"}

L, I, A, T, E, OTHER = range(6)


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _d(e: Expr, x: Symbol) -> Expr:
    from ..diff import diff

    return diff(e, x)


def is_polynomial(e: Expr, x: Symbol) -> bool:
    """Whether e is a polynomial in x (coefficients free of x)."""
    for n in e.preorder():
        if not _has(n, x):
            continue
        if n.is_Function:
            return False
        if n.is_Pow:
            p = n.args[1]
            if not (p.is_Number and isinstance(p.value, int) and p.value >= 0):
                return False
    return True


def kind(f: Expr, x: Symbol) -> int:
    """The LIATE class of one factor."""
    b = f
    if f.is_Pow and f.args[1].is_Number and isinstance(f.args[1].value, int) \
            and f.args[1].value > 0:
        b = f.args[0]
    if b.is_Function:
        name = b.fdef.name
        if name in _LOG:
            return L
        if name in _INVERSE:
            return I
        if name in _TRIG:
            return T
        if name in ("exp", "sigmoid"):   # sigmoid: dv, as ∫ sigmoid = softplus
            return E
        return OTHER
    if f.is_Pow and _has(f.args[1], x) and not _has(f.args[0], x):
        return E
    if is_polynomial(f, x):
        return A
    return OTHER


def choose(e: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(u, dv) by LIATE, or None when parts is not promising."""
    factors = list(e.args) if e.is_Mul else [e]
    dep = [f for f in factors if _has(f, x)]
    const = [f for f in factors if not _has(f, x)]
    kinds = [kind(f, x) for f in dep]
    for want in (L, I):
        hits = [f for f, k in zip(dep, kinds) if k == want]
        if hits:
            u = hits[0]
            dv = mul(*const, *(f for f in dep if f is not u))
            return u, dv
    specials = [f for f in dep if _is_special(f)]
    if len(specials) == 1:
        rest = [f for f in dep if f is not specials[0]]
        if all(kind(f, x) in (A, T, E) or _negative_power(f, x) for f in rest):
            return specials[0], mul(*const, *rest)
    if len(dep) >= 2:
        polys = [f for f, k in zip(dep, kinds) if k == A]
        if polys and all(k in (A, T, E) for k in kinds) and any(k != A for k in kinds):
            u = mul(*polys)
            dv = mul(*const, *(f for f, k in zip(dep, kinds) if k != A))
            return u, dv
    return None


def _is_special(f: Expr) -> bool:
    """A special function with an elementary derivative, or a positive integer power of
    one (u = erf(x)^2: du brings erf(x)*exp(-x^2), which integrates again)."""
    if f.is_Pow:
        k = f.args[1]
        if not (k.is_Number and isinstance(k.value, int) and k.value > 0):
            return False
        f = f.args[0]
    return f.is_Function and f.fdef.name in _SPECIAL


def _negative_power(f: Expr, x: Symbol) -> bool:
    """x^k for an integer k <= -2 (dv = x^k integrates to a power again)."""
    return (f.is_Pow and f.args[0] is x and f.args[1].is_Number
            and isinstance(f.args[1].value, int) and f.args[1].value <= -2)


def parts_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Integration by parts (tabular for polynomial times exp/sin/cos)."""
    ch = choose(e, x)
    if ch is None:
        return None
    u, dv = ch
    if kind(u, x) == A:
        st = _tabular(e, x, u, dv, ctx)
        if st is not None:
            return st
    vst = ctx.integrate(dv, x)
    if vst is None:
        return None
    v = vst.result
    du = _d(u, x)
    w = _unsinc(mul(v, du))
    wst = ctx.integrate(w, x)
    if wst is None:
        w2 = _expand_safe(w)
        if w2 is not w:
            wst = ctx.integrate(w2, x)
        if wst is None:
            return None
    F = _cancel_specials(add(mul(u, v), mul(MINUS_ONE, wst.result)), e)
    return Step("integration by parts", e, x, F, (vst, wst), f"u = {u}, dv = {dv} d{x}")


def _unsinc(e: Expr) -> Expr:
    """sinc(u) written sin(u)/u (the derivative of Si), so that ∫ x^n*sinc(x) cancels."""
    if not any(n.is_Function and n.fdef.name == "sinc" for n in e.preorder()):
        return e
    from ...core.arithmetic import power
    from ...core.functions import sin

    def walk(n: Expr) -> Expr:
        if not n.args:
            return n
        args = tuple(walk(a) for a in n.args)
        if n.is_Function and n.fdef.name == "sinc":
            return mul(sin(args[0]), power(args[0], MINUS_ONE))
        return n.rebuild(args)

    return walk(e)


def _special_heads(e: Expr) -> set[str]:
    return {n.fdef.name for n in e.preorder() if n.is_Function and n.fdef.name in _SPECIAL}


def _cancel_specials(F: Expr, e: Expr) -> Expr:
    """F multiplied out (and put over one denominator) when that cancels the special
    functions (Ei, ...) that the parts step brought in and the integrand lacks:
    ∫ log(u)/(log(u) + 1)^2 du is u/(log(u) + 1), not a sum of Ei terms."""
    new = _special_heads(F) - _special_heads(e)
    if not new:
        return F
    F2 = _expand_safe(F)
    if _special_heads(F2) & new:
        return F
    try:
        from ...algebra.rational import cancel
        from ...errors import SymcalcError

        F3 = cancel(F2)
        if F3.count_ops() < F2.count_ops():
            F2 = F3
    except (SymcalcError, ArithmeticError):
        pass
    return F2


def _expand_safe(e: Expr) -> Expr:
    from ...core.expand import expand
    from ...errors import SymcalcError

    try:
        return expand(e)
    except SymcalcError:
        return e


def _tabular(e: Expr, x: Symbol, p: Expr, f: Expr, ctx: Context) -> Step | None:
    """∫ p*f for a polynomial p and f with known repeated antiderivatives."""
    fs = f.args if f.is_Mul else (f,)
    dep = [g for g in fs if _has(g, x)]
    if len(dep) != 1:
        return None
    g = dep[0]
    if not ((g.is_Function and g.fdef.name in _TABULAR)
            or (g.is_Pow and not _has(g.args[0], x))):
        return None
    terms = []
    subs_ = []
    sign = ONE
    pk = p
    F = f
    for _ in range(40):
        st = ctx.integrate(F, x)
        if st is None:
            return None
        subs_.append(st)
        F = st.result
        terms.append(mul(sign, pk, F))
        pk = _d(pk, x)
        if pk is ZERO:
            break
        sign = mul(MINUS_ONE, sign)
    else:
        return None
    return Step("integration by parts (tabular)", e, x, add(*terms), tuple(subs_),
                f"u = {p}, dv = {f} d{x}")


__all__ = ["choose", "is_polynomial", "kind", "parts_method"]
