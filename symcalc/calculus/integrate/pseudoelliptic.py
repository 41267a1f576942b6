"""Pseudo-elliptic integrals: ∫ R(x)/sqrt(P) dx with P = c4*x^4 + c2*x^2 + c0 whose
rational factor is symmetric under x -> σ*q/x (q^2 = c0/c4, σ = ±1).

With u = x + σ*q/x, du = (1 - σ*q/x^2) dx and s = sqrt(P)/x, s^2 = α*u^2 + β
(α = c4, β = c2 - 2*σ*q*c4), the integrand is ρ(u)/s du where

    ρ = N*x/(D*(x^2 - σ*q))     (R = N/D)

must be a rational function of u (which is what the symmetry means). Splitting ρ into
its even and odd parts in u removes the square root without choosing its sign:

* the odd part u*O(u^2): w = s, w dw = α*u du, ∫ O((w^2 - β)/α)/α dw;
* the even part E(u^2): w = u/s, u^2 = β*w^2/(1 - α*w^2), du/s = dw/(1 - α*w^2),
  ∫ E(β*w^2/(1 - α*w^2))/(1 - α*w^2) dw;

both integrals of rational functions, and both new variables, s = sqrt(P)/x and
u/s = (x^2 + σ*q)/sqrt(P), are algebraic functions of x, so the answer holds wherever
the integrand is defined (an atan or atanh of c*s, with its pole at x = 0, is written
with 1/s instead, continuous and real through 0):
∫ (x^2 - 1)/(x*sqrt(x^4 + 3*x^2 + 1)) dx = atanh((x^2 + 1)/sqrt(P)).

>>> from symcalc import symbols, sqrt
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate((x**2 - 1)/(x*sqrt(x**4 + 3*x**2 + 1)), x)
atanh((x^2 + 1)/sqrt(x^4 + 3*x^2 + 1))
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
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


def _even_quartic(e: Expr, x: Symbol) -> tuple[Expr, Expr, list[Expr]] | None:
    """(P, the power node P^(-1/2)·..., coefficients) for the one radical sqrt(P) of e."""
    from .radicals import poly_coeffs

    P = None
    for n in e.preorder():
        if n.is_Function and _has(n, x):
            return None
        if n.is_Pow and _has(n.args[0], x) and not (n.args[1].is_Number
                                                    and isinstance(n.args[1].value, int)):
            k = n.args[1]
            if not (k.is_Number and isinstance(k.value, Fraction) and k.value.denominator == 2):
                return None
            if P is None:
                P = n.args[0]
            elif n.args[0] is not P:
                return None
    if P is None:
        return None
    cs = poly_coeffs(P, x)
    if cs is None or len(cs) != 5 or cs[1] is not ZERO or cs[3] is not ZERO \
            or cs[0] is ZERO:
        return None
    return P, cs[0], cs


def _simp(e: Expr) -> Expr:
    from ...algebra.rational import cancel

    return cancel(e)


def _laurent(p: Expr, x: Symbol) -> dict[int, Expr] | None:
    """Coefficients of a Laurent polynomial in x."""
    from .engine import split_constant

    out: dict[int, Expr] = {}
    e = expand(p)
    for t in (e.args if e.is_Add else (e,)):
        c, dep = split_constant(t, x)
        if dep.is_Number:
            k = 0
        elif dep is x:
            k = 1
        elif dep.is_Pow and dep.args[0] is x and dep.args[1].is_Number \
                and isinstance(dep.args[1].value, int):
            k = dep.args[1].value
        else:
            return None
        out[k] = add(out.get(k, ZERO), c)
    return {k: v for k, v in out.items() if v is not ZERO}


def _in_u(L: dict[int, Expr], x: Symbol, sq: Expr, u: Symbol) -> Expr | None:
    """L (a Laurent polynomial in x) as a polynomial in u = x + sq/x, or None."""
    L = dict(L)
    out = []
    guard = 0
    while L:
        guard += 1
        if guard > 40:
            return None
        k = max(L)
        if k < 0:
            return None
        if k == 0:
            out.append(L.pop(0))
            break
        c = L[k]
        out.append(mul(c, power(u, number(k))))
        sub = _laurent(mul(c, power(add(x, mul(sq, power(x, MINUS_ONE))), number(k))), x)
        if sub is None:
            return None
        for j, v in sub.items():
            L[j] = _simp(add(L.get(j, ZERO), mul(MINUS_ONE, v)))
            if L[j] is ZERO:
                del L[j]
    if L:
        return None
    return add(*out)


def _rational_in_u(rho: Expr, x: Symbol, sq: Expr, u: Symbol) -> Expr | None:
    """ρ(x) as a rational function of u = x + sq/x, or None."""
    from ...algebra.rational import numer_denom

    try:
        N, D = numer_denom(_simp(rho))
    except (SymcalcError, ArithmeticError):
        return None
    for extra in (None, add(mul(x, x), mul(MINUS_ONE, sq))):
        n, d = (N, D) if extra is None else (mul(N, extra), mul(D, extra))
        Ln, Ld = _laurent(n, x), _laurent(d, x)
        if not Ln or not Ld:
            return None
        cn = Fraction(max(Ln) + min(Ln), 2)
        cd = Fraction(max(Ld) + min(Ld), 2)
        if cn != cd or cn.denominator != 1:
            continue
        shift = power(x, number(-int(cn)))
        Ln, Ld = _laurent(mul(n, shift), x), _laurent(mul(d, shift), x)
        A = _in_u(Ln, x, sq, u)
        B = _in_u(Ld, x, sq, u) if A is not None else None
        if A is not None and B is not None:
            return mul(A, power(B, MINUS_ONE))
    return None


def _flip_at_zero(F: Expr, x: Symbol) -> Expr:
    """atan(z) -> -atan(1/z) and atanh(z) -> atanh(1/z) where z = c*sqrt(P)/x has its
    pole at x = 0: the same derivative (they differ by a constant on each side of 0), but
    continuous through 0 and real where |z| > 1."""
    from ...core.functions import atan, atanh

    table = {}
    for n in F.preorder():
        if n.is_Function and n.fdef.name in ("atan", "atanh"):
            inv = power(n.args[0], MINUS_ONE)
            try:
                v = complex(inv.evalf({x: 1e-9}))
            except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
                continue
            if abs(v) < 1e-6:
                table[n] = mul(MINUS_ONE, atan(inv)) if n.fdef.name == "atan" else atanh(inv)
    return subs(F, table) if table else F


def _real_atanh(F: Expr, x: Symbol) -> Expr:
    """atanh(z) -> atanh(1/z) where |z| > 1 at every sampled real point (the same
    derivative; atanh(z) is complex there, atanh(1/z) = acoth(z) real)."""
    from ...core.functions import atanh
    from .verify import PARAM_VALUES, REAL_POINTS

    params = sorted((p for p in free_symbols(F) if p is not x), key=lambda p: p.sort_key())
    env0 = {p: PARAM_VALUES[i % len(PARAM_VALUES)] for i, p in enumerate(params)}
    table = {}
    for n in F.preorder():
        if not (n.is_Function and n.fdef.name == "atanh"):
            continue
        big = small = 0
        for pt in REAL_POINTS[:10]:
            try:
                v = complex(n.args[0].evalf({**env0, x: pt}))
            except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
                continue
            if abs(v.imag) > 1e-12 * max(1.0, abs(v)):
                continue
            if abs(v) > 1:
                big += 1
            else:
                small += 1
        if big >= 3 and not small:
            table[n] = atanh(power(n.args[0], MINUS_ONE))
    return subs(F, table) if table else F


def _integrate_in(g: Expr, w: Symbol, u: Symbol, ctx: Context) -> Step | None:
    """∫ g dw, with k/(p*w^2 + q) = k*atan(sqrt(p)*w/sqrt(q))/(sqrt(p)*sqrt(q)) for
    constants of unknown sign (an identity of derivatives for every sign) where the
    other methods find nothing."""
    from ...algebra.rational import numer_denom
    from ...core.functions import atan, sqrt
    from .radicals import poly_coeffs
    from .steps import leaf

    if _has(g, u):
        return None
    st = ctx.integrate(g, w)
    if st is not None:
        return st
    try:
        N, D = numer_denom(g)
    except (SymcalcError, ArithmeticError):
        return None
    cs = poly_coeffs(D, w)
    if _has(N, w) or cs is None or len(cs) != 3 or cs[1] is not ZERO:
        return None
    q, _, p = cs
    from .table import _reads_negative

    if _reads_negative(p):
        N, p, q = mul(MINUS_ONE, N), mul(MINUS_ONE, p), mul(MINUS_ONE, q)
    F = mul(N, atan(mul(sqrt(p), w, power(sqrt(q), MINUS_ONE))),
            power(mul(sqrt(p), sqrt(q)), MINUS_ONE))
    return leaf("∫ dw/(p*w^2 + q)", g, w, F)


def over_root(Ru: Expr, u: Symbol, alpha: Expr, beta: Expr, s_x: Expr, w_x: Expr,
              ctx: Context, e: Expr, x: Symbol) -> tuple[list[Expr], list[Step]] | None:
    """∫ Ru(u)/s du with s^2 = alpha*u^2 + beta, by the even/odd split (module docstring):
    the terms of the answer (odd part first, with s put back as ``s_x``; even part with
    u/s put back as ``w_x``) and their steps, or None."""
    try:
        Rm = subs(Ru, {u: mul(MINUS_ONE, u)})
        even = _simp(mul(HALF, add(Ru, Rm)))
        odd = _simp(mul(HALF, add(Ru, mul(MINUS_ONE, Rm))))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    w = ctx.dummy(e, u, s_x, w_x)
    parts: list[Expr] = [ZERO]
    steps: list[Step] = []
    if odd is not ZERO:
        O2 = _simp(mul(odd, power(u, MINUS_ONE)))   # O(u^2)
        g = _simp(mul(subs(O2, {u: power(mul(add(mul(w, w), mul(MINUS_ONE, beta)),
                                                 power(alpha, MINUS_ONE)), HALF)}),
                      power(alpha, MINUS_ONE)))
        st = _integrate_in(g, w, u, ctx)
        if st is None:
            return None
        parts[0] = _real_atanh(subs(st.result, {w: s_x}), x)
        steps.append(st)
    if even is not ZERO:
        den = add(1, mul(MINUS_ONE, alpha, w, w))
        g = _simp(mul(subs(even, {u: power(mul(beta, w, w, power(den, MINUS_ONE)), HALF)}),
                      power(den, MINUS_ONE)))
        st = _integrate_in(g, w, u, ctx)
        if st is None:
            return None
        parts.append(_real_atanh(subs(st.result, {w: w_x}), x))
        steps.append(st)
    return parts, steps


def even_quadratic_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(x)*Q^(k/2) dx, k odd, Q = a*x^2 + b*x + c: with y = x + b/(2a), Q = a*y^2 + β,
    and the even/odd split of R*Q^((k+1)/2) in y (as for the pseudo-elliptic case): w =
    sqrt(Q) for the odd part, w = y/sqrt(Q) for the even part, both rational in w."""
    from .euler import _radical
    from .radicals import poly_coeffs

    Q = _radical(e, x)
    if Q is None:
        return None
    rads = [n for n in e.preorder() if n.is_Pow and n.args[0] is Q
            and not (n.args[1].is_Number and isinstance(n.args[1].value, int))]
    if len({n.args[1] for n in rads}) != 1:
        return None
    k = Fraction(rads[0].args[1].value)
    others = [f for f in (e.args if e.is_Mul else (e,)) if f is not rads[0]]
    if len(others) == len(e.args if e.is_Mul else (e,)) or any(
            n is rads[0] for f in others for n in f.preorder()):
        return None                     # Q^k must be one factor of the integrand
    try:
        R2 = _simp(mul(subs(e, {rads[0]: ONE}), power(Q, number(k + HALF.value))))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if _has(R2, x) and any(n.is_Pow and n.args[0] is Q and not (
            n.args[1].is_Number and isinstance(n.args[1].value, int)) for n in R2.preorder()):
        return None
    c, b, a = poly_coeffs(Q, x)
    shift = _simp(mul(b, power(mul(2, a), MINUS_ONE)))
    beta = _simp(add(c, mul(MINUS_ONE, b, b, power(mul(4, a), MINUS_ONE))))
    y = ctx.dummy(e, x)
    try:
        Ry = _simp(subs(R2, {x: add(y, mul(MINUS_ONE, shift))}))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if _has(Ry, x):
        return None
    yx = add(x, shift)
    got = over_root(Ry, y, a, beta, power(Q, HALF), mul(yx, power(Q, number(-HALF.value))),
                    ctx, e, x)
    if got is None:
        return None
    parts, steps = got
    F = add(*parts)
    from .verify import verify

    if not verify(F, e, x):
        return None
    return Step("even and odd parts", e, x, F, tuple(steps),
                f"w = sqrt({Q}) and w = ({yx})/sqrt({Q})")


def pseudo_elliptic_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(x)/sqrt(P) dx by u = x ± q/x (see the module docstring)."""
    found = _even_quartic(e, x)
    if found is None:
        return None
    P, _, (c0, _c1, c2, _c3, c4) = found
    Y = ctx.dummy(e, x)
    table = {n: power(Y, number(n.args[1].value * 2)) for n in e.preorder()
             if n.is_Pow and n.args[0] is P and not (n.args[1].is_Number
                                                     and isinstance(n.args[1].value, int))}
    try:
        R = subs(e, table)
        # the radical enters as 1/sqrt(P) times a rational function: R(x, Y) = R0(x)/Y
        R0 = _simp(mul(R, Y))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if _has(R0, Y):
        return None
    q = _simp(power(mul(c0, power(c4, MINUS_ONE)), HALF))
    u = ctx.dummy(e, x, Y)
    for sigma in (1, -1):
        ctx.check()
        sq = mul(sigma, q)
        rho = mul(R0, x, power(add(mul(x, x), mul(MINUS_ONE, sq)), MINUS_ONE))
        Ru = _rational_in_u(rho, x, sq, u)
        if Ru is None:
            continue
        alpha = c4
        beta = _simp(add(c2, mul(-2, sq, c4)))
        s_x = mul(power(P, HALF), power(x, MINUS_ONE))
        w_x = mul(add(mul(x, x), sq), power(P, mul(MINUS_ONE, HALF)))
        got = over_root(Ru, u, alpha, beta, s_x, w_x, ctx, e, x)
        if got is None:
            continue
        parts, steps = got
        parts[0] = _flip_at_zero(parts[0], x)
        F = add(*parts)
        from .verify import verify

        if verify(F, e, x):
            return Step("pseudo-elliptic", e, x, F, tuple(steps),
                        f"{u} = {x} + {sq}/{x}, sqrt({P}) = {x}*sqrt(α*{u}^2 + β)")
    return None


__all__ = ["even_quadratic_method", "over_root", "pseudo_elliptic_method"]
