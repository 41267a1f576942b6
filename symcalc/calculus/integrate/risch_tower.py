"""The Risch algorithm on a tower of two monomials: a logarithm over an exponential.

K = Q(x)(θ), θ = exp(u) with u ∈ Q(x) (the one-monomial tower of :mod:`.risch`), and
t = log(v) with v ∈ Q(x) nonconstant — a primitive monomial over K (v'/v has nonzero
residues, and no element of K has a derivative in Q(x) with residues). For an integrand
that is a polynomial in t over K, Bronstein's *IntegratePrimitivePolynomial* (Symbolic
Integration I, §5.8) takes the leading coefficient a_m:

    a_m = Db + c*Dt  (b ∈ K, c a constant)  — the limited integration problem in K,

then ∫ a_m t^m = b t^m + c t^(m+1)/(m+1) − ∫ m b Dt t^(m-1), and the degree drops. When
a_m is a Laurent polynomial in θ, b is one too (a pole of b at another factor would
stay in Db), and the problem splits by powers: y_i' + i u' y_i = a_{m,i} (a Risch
differential equation over Q(x)) for i ≠ 0 and a_{m,0} = b_0' + c v'/v (limited
integration over Q(x)) for i = 0. No solution: not elementary (Theorem 5.8.1). What is
left at degree 0 lies in K, and goes to the one-monomial algorithm, whose proofs of
non-elementarity carry over (Liouville's theorem does not depend on the field).

>>> from symcalc import symbols, exp, log
>>> x = symbols("x")
>>> print(tower_reason(exp(x**2)*log(x), x))
not elementary (Risch, tower exp(x^2), log(x)): y' + 2*x*y = 1 has no rational solution
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .radicals import poly_coeffs
from .risch import (
    REASON,
    Outcome,
    _exp_tower,
    _fmt_rde,
    _generic,
    _kt,
    cexpr,
    decide,
    rf_expr,
    to_rf,
)
from .risch_poly import RF, RischError
from .risch_rde import limited_integrate, rde
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_T = Symbol("t_risch")
_LAM = Symbol("lambda_risch")

#: Highest power of the logarithm handled (each power is one limited integration).
MAX_DEGREE = 4


def _split(e: Expr, x: Symbol) -> tuple[list[Expr], Expr] | None:
    """(exp nodes, the log node) when e is built from x, exponentials of rational
    functions and one logarithm of a rational function; else None (cheap rejection)."""
    exps: list[Expr] = []
    L = None
    for n in e.preorder():
        if n.is_Function:
            if x not in free_symbols(n):
                continue
            name = n.fdef.name
            if name == "exp":
                exps.append(n)
            elif name == "log":
                if L is not None and n is not L:
                    return None
                L = n
            else:
                return None
        elif n.is_Pow and x in free_symbols(n.args[1]):
            return None
    if L is None or not exps:
        return None
    if any(m.is_Function for m in L.args[0].preorder()):
        return None
    if any(m.is_Function and m.fdef.name == "log" for n in exps for m in n.args[0].preorder()):
        return None
    return list(dict.fromkeys(exps)), L


def _coefficients(e: Expr, L: Expr) -> list[Expr] | None:
    """The coefficients of L^k in e (a polynomial in L), lowest first."""
    from ...algebra.rational import numer_denom, together

    h = subs(e, {L: _LAM})
    num, den = numer_denom(together(h))
    if _LAM in free_symbols(den):
        return None
    cs = poly_coeffs(num, _LAM)   # coefficients of the log's powers, free of it
    if cs is None or len(cs) - 1 > MAX_DEGREE:
        return None
    inv = power(den, MINUS_ONE)
    return [mul(c, inv) for c in cs]


def _laurent(a: Expr, mapping: dict, x: Symbol, params: tuple) -> dict[int, RF] | None:
    """a ∈ Q(x)[θ, 1/θ] as {i: coefficient of θ^i}; None when a has another denominator."""
    from ...algebra.poly import Poly
    from ...algebra.rational import numer_denom, together
    from . import risch_poly as P

    g = subs(a, mapping)
    num, den = numer_denom(together(g))
    pn = _kt(Poly.from_expr(num, [_T, x, *params]), params)
    pd = _kt(Poly.from_expr(den, [_T, x, *params]), params)
    nz = [i for i, c in enumerate(pd) if c]
    if len(nz) != 1:
        return None
    j = nz[0]
    out = {i - j: c / pd[j] for i, c in enumerate(pn) if c}
    return {i: c for i, c in out.items() if c} if P.trim(pn) else {}


def _setup(e: Expr, x: Symbol) -> tuple | None:
    """(the log node L, the parameters, the exponential tower, its mapping, v as a
    rational function with L = log(v)) for e of the tower's form, else None."""
    sp = _split(e, x)
    if sp is None:
        return None
    exps, L = sp
    params = tuple(sorted(free_symbols(e) - {x}, key=lambda s: s.name))
    try:
        tw, mapping = _exp_tower(exps, x, params)
        v = to_rf(L.args[0], x, params)
    except (RischError, SymcalcError, ArithmeticError):
        return None
    if v.is_const():
        return None
    return L, params, tw, mapping, v


def tower(e: Expr, x: Symbol) -> tuple[Outcome, str] | None:
    """The algorithm on e ∈ K[log(v)] (module docstring): an Outcome whose ``rest`` lies
    in K, or a proof; and the tower's name. None when e is not of that form."""
    st = _setup(e, x)
    if st is None:
        return None
    L, params, tw, mapping, v = st
    try:
        w = v.der() / v
        cs = _coefficients(e, L)
    except (RischError, SymcalcError, ArithmeticError):
        return None
    if cs is None or len(cs) < 2:
        return None
    tw.params = params
    name = f"tower {tw.t}, {L}"
    why = f"{REASON[:-1]}, {name})"
    generic = _generic(tw)
    w_expr = rf_expr(w, x)
    parts: list[Expr] = []
    for m in range(len(cs) - 1, 0, -1):
        try:
            lau = _laurent(cs[m], mapping, x, params)
        except (RischError, SymcalcError, ArithmeticError):
            return None
        if lau is None:
            return None
        b: list[Expr] = []
        c = 0
        for i in sorted(lau):
            if i == 0:
                try:
                    bc = limited_integrate(lau[0], w)
                except RischError:
                    return None
                if bc is None:
                    return Outcome(reason=f"{why}: {rf_expr(lau[0], x)} is not "
                                          f"the derivative of a rational function plus a "
                                          f"constant times {w_expr}{generic}"), name
                b.append(rf_expr(bc[0], x))
                c = bc[1]
                continue
            f = tw.eta * i
            y = rde(f, lau[i])
            if y is None:
                return Outcome(reason=f"{why}: {_fmt_rde(f, lau[i], x)}{generic}"), name
            b.append(mul(rf_expr(y, x), power(tw.t, number(i))))
        bx = add(*b)
        parts.append(add(mul(bx, power(L, number(m))),
                         mul(cexpr(c), power(L, number(m + 1)), number(1) / number(m + 1))))
        cs[m - 1] = add(cs[m - 1], mul(number(-m), bx, w_expr))
    return Outcome(result=add(*parts), rest=cs[0]), name


def _residue_reason(e: Expr, x: Symbol) -> str | None:
    """The residue criterion (Bronstein, Theorem 5.6.1) for e = a/d + p with d of degree
    1 in t = log(v) over K = Q(x)(exp(u)): the residue z = a(t0)/(Dd)(t0) at the root t0
    of d must be a constant, or ∫ e is not elementary (for a primitive monomial every
    squarefree d is normal)."""
    from ...algebra.rational import cancel, numer_denom, together
    from ..diff import diff
    from .radicals import poly_coeffs

    st = _setup(e, x)
    if st is None:
        return None
    L, params, tw, _, v = st
    try:
        num, den = numer_denom(together(subs(e, {L: _LAM})))
        dc = poly_coeffs(den, _LAM)
        nc = poly_coeffs(num, _LAM)
        if dc is None or nc is None or len(dc) != 2 or dc[1] is ZERO:
            return None
        d0, d1 = dc
        t0 = mul(MINUS_ONE, d0, power(d1, MINUS_ONE))
        w = rf_expr(v.der() / v, x)
        a0 = add(*(mul(c, power(t0, number(i))) for i, c in enumerate(nc)))
        dd = add(mul(diff(d1, x), t0), mul(d1, w), diff(d0, x))
        z = cancel(mul(a0, power(dd, MINUS_ONE)))
        if any(_LAM in free_symbols(q) for q in (z,)) or z is ZERO:
            return None
        dz = cancel(diff(z, x))
    except (RischError, SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if dz is ZERO:
        return None
    tw.params = params
    return (f"{REASON[:-1]}, tower {tw.t}, {L}): the residue {z} at {L} = {cancel(t0)} "
            f"is not a constant{_generic(tw)}")


def tower_reason(e: Expr, x: Symbol) -> str | None:
    """Why ∫ e dx is not elementary, when the two-monomial algorithm proves it."""
    try:
        r = tower(e, x)
    except (RischError, SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if r is None:
        return _residue_reason(e, x)
    out, name = r
    if out.reason is not None:
        return out.reason
    if out.rest is None or out.rest is ZERO or x not in free_symbols(out.rest):
        return None
    inner = decide(out.rest, x)
    if inner is None or inner.reason is None:
        return None
    return inner.reason.replace(REASON, f"{REASON[:-1]}, {name})", 1)


def risch_tower_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """The two-monomial algorithm as a method of the driver (elementary part first, the
    rest in K to the driver)."""
    from .verify import verify

    try:
        r = tower(e, x)
    except (RischError, SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if r is None or r[0].result is None:
        return None
    out = r[0]
    F = out.result
    subs_: tuple[Step, ...] = ()
    if out.rest is not None and out.rest is not ZERO:
        st = ctx.integrate(out.rest, x)
        if st is None:
            return None
        subs_ = (st,)
        F = add(F, st.result)
    if F is ZERO or not verify(F, e, x):
        return None
    return Step("Risch algorithm", e, x, F, subs_, f"primitive polynomial over the {r[1]}")


__all__ = ["risch_tower_method", "tower", "tower_reason"]
