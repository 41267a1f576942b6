"""Trigonometric and hyperbolic integrands with fractional powers.

Two methods, for integrands built from the six trigonometric (or the six hyperbolic)
functions of one linear argument θ = p*x + q:

* **A constant out of a fractional power** (and |M|^k = (|M|^k/M^k)*M^k alike).
  (c*M)^r with c free of x and M a product of powers of functions, or (c*A + c*B)^r,
  is (c*M)^r/M^r * M^r, and the quotient
  K = (c*M)^r/M^r is locally constant (its derivative vanishes wherever it is defined),
  so ∫ f*(c*M)^r dx = K*∫ f*M^r dx. So ∫ sin(x)^3*sqrt(d*cos(x)) dx and
  ∫ (b*cos(x))^(5/2)/cos(x)^(11/2) dx reduce to integrals without the constant.
* **u = sin θ or u = cos θ (u = sinh θ, u = cosh θ) with radicals.** Written in
  S = sin θ and C = cos θ, an integrand that is odd in the cofunction O (C for u = S)
  is g(u)*O with g free of O once O^2 = 1 - u^2 (1 + u^2, u^2 - 1) is used, and
  du = ±O dθ. An even integrand with a factor (α + β*u)^(k + 1/2) whose base divides
  O^2 (a + a*sin, 1 - cos, cosh - 1, ...) becomes odd by the half-angle identity
  sqrt(α + β*u) = K*O/sqrt(P), with P the cofactor, (α + β*u)*P = β^2*O^2, and
  K = sqrt(α + β*u)*sqrt(P)/O locally constant: so ∫ sqrt(1 + cos(x)) dx,
  ∫ cos(x)^2*(a + a*sin(x))^(5/2) dx and ∫ sqrt(a + a*sin(x))*sqrt(c - c*sin(x)) dx
  are integrals of algebraic functions of u.

Every answer is checked by differentiation by the driver (verify.py); the locally
constant factors K are kept as written, so the answer is real wherever the integrand is.

>>> from symcalc import symbols, sin, cos, sqrt
>>> from symcalc.calculus.integrate import integrate
>>> x, a = symbols("x a")
>>> integrate(sqrt(1 + cos(x))*cos(x/2), x)
sqrt(cos(x) + 1)*(x + 2*cos(x/2)*sin(x/2))/(2*cos(x/2))
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.numbers import HALF, MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_TRIG = ("sin", "cos", "tan", "cot", "sec", "csc")
_HYP = ("sinh", "cosh", "tanh", "coth", "sech", "csch")


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _fraction(k: Expr) -> Fraction | None:
    if not k.is_Number or isinstance(k.value, float):
        return None
    return Fraction(k.value)


def has_trig(e: Expr) -> bool:
    """Whether e has a trigonometric or hyperbolic function."""
    return any(n.is_Function and n.fdef.name in _TRIG + _HYP for n in e.preorder())


# --------------------------------------------------------------------------- content


def _times(k: Expr, F: Expr) -> Expr:
    """k*F, distributed over the terms of F when that is smaller (k*cos^(7/2)/sqrt(cos)
    combines to k*cos^3)."""
    from ...core.traversal import leaf_count

    plain = mul(k, F)
    if not F.is_Add or k is ONE:
        return plain
    spread = add(*(mul(k, t) for t in F.args))
    return spread if leaf_count(spread) < leaf_count(plain) else plain


def _factors(e: Expr) -> tuple[Expr, ...]:
    return e.args if e.is_Mul else (e,)


def _monomial(m: Expr, x: Symbol) -> list[tuple[Expr, Fraction]] | None:
    """[(f, j)] if m = Π f^j with every f a trigonometric/hyperbolic function."""
    out = []
    for f in _factors(m):
        b, k = f.args if f.is_Pow else (f, ONE)
        j = _fraction(k)
        if j is None or not (b.is_Function and b.fdef.name in _TRIG + _HYP):
            return None
        out.append((b, j))
    return out


def _common_content(terms: tuple[Expr, ...], x: Symbol) -> list[Expr]:
    """Symbolic factors free of x (not numbers) common to every term of a sum."""
    common: list[Expr] | None = None
    for t in terms:
        fs = [f for f in _factors(t) if not f.is_Number and not _has(f, x)]
        if common is None:
            common = fs
        else:
            common = [f for f in common if f in fs]
        if not common:
            return []
    return common or []


def _strip(B: Expr, r: Fraction, x: Symbol) -> tuple[Expr, Expr] | None:
    """(B^r without its constant, K = B^r/that) for a fractional power B^r, or None."""
    if B.is_Mul:
        c = [f for f in B.args if not _has(f, x)]
        dep = mul(*(f for f in B.args if _has(f, x)))
        if not c:
            return None
        mono = _monomial(dep, x)
        if mono is not None:
            new = mul(*(power(f, number(j * r)) for f, j in mono))
        elif dep.is_Add and has_trig(dep):
            new = power(dep, number(r))
        else:
            return None
        if c == [MINUS_ONE]:
            return None
        return new, mul(power(B, number(r)), power(new, MINUS_ONE))
    if B.is_Add and has_trig(B):
        common = _common_content(B.args, x)
        if not common:
            return None
        inv = power(mul(*common), MINUS_ONE)
        rest = add(*(mul(t, inv) for t in B.args))
        new = power(rest, number(r))
        return new, mul(power(B, number(r)), power(new, MINUS_ONE))
    return None


def content_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ f*(c*M)^r dx = K*∫ f*M^r dx with K = (c*M)^r/M^r locally constant."""
    if not has_trig(e):
        return None
    K: list[Expr] = []
    out: list[Expr] = []
    for f in _factors(e):
        b, k = f.args if f.is_Pow else (f, ONE)
        if b.is_Function and b.fdef.name == "abs" and has_trig(b) and _fraction(k) is not None:
            # |M|^k = sign(M)^k * M^k, and sign(M)^k = |M|^k/M^k is locally constant
            new = power(b.args[0], k)
            out.append(new)
            K.append(mul(f, power(new, MINUS_ONE)))
            continue
        if f.is_Pow and _has(f.args[0], x):
            r = _fraction(f.args[1])
            if r is not None and r.denominator != 1:
                s = _strip(f.args[0], r, x)
                if s is not None:
                    out.append(s[0])
                    K.append(s[1])
                    continue
        out.append(f)
    if not K:
        return None
    g = mul(*out)
    st = ctx.integrate(g, x)
    if st is None:
        return None
    k = mul(*K)
    return Step("constant out of a fractional power", e, x, _times(k, st.result), (st,),
                f"({k}) is locally constant")


# --------------------------------------------------------------------------- u = sin, cos


def _argument(e: Expr, x: Symbol) -> tuple[str, Expr, Expr] | None:
    """(family 'trig'/'hyp', θ, dθ/dx) if every trig/hyperbolic function in e has the
    same linear argument θ (and x occurs nowhere else but in radicals of polynomials)."""
    from ..diff import diff

    fam = theta = None
    for n in e.preorder():
        if n.is_Function and _has(n, x):
            name = n.fdef.name
            f = "trig" if name in _TRIG else "hyp" if name in _HYP else None
            if f is None or (fam is not None and f != fam):
                return None
            if theta is None:
                fam, theta = f, n.args[0]
            elif n.args[0] is not theta:
                return None
    if theta is None:
        return None
    d = diff(theta, x)
    if d is ZERO or _has(d, x):
        return None
    return fam, theta, d


def _to_sc(e: Expr, fam: str, theta: Expr, S: Symbol, C: Symbol) -> Expr:
    from ...core import functions as F

    names = _TRIG if fam == "trig" else _HYP
    s, c, t, ct, se, cs = (getattr(F, n)(theta) for n in names)
    return subs(e, {s: S, c: C, t: mul(S, power(C, MINUS_ONE)),
                    ct: mul(C, power(S, MINUS_ONE)), se: power(C, MINUS_ONE),
                    cs: power(S, MINUS_ONE)})


def _eliminate(g: Expr, O: Symbol, U: Symbol, c0: int, c2: int,
               q: Expr | None = None) -> Expr | None:
    """g with even powers O^(2k) replaced by q^k, q = c0 + c2*U^2 unless given;
    None if O remains."""
    if q is None:
        q = add(number(c0), mul(number(c2), power(U, 2)))
    cache: dict[Expr, Expr] = {}
    for n in g.preorder():
        if n.is_Pow and n.args[0] is O:
            k = _fraction(n.args[1])
            if k is None or k.denominator != 1 or k.numerator % 2:
                return None
            cache[n] = power(q, number(k.numerator // 2))
    r = subs(g, cache) if cache else g
    if O in free_symbols(r):
        return None
    return r


def _pythagorean_constant(p: Expr, syms: tuple[Symbol, ...], s2: Expr | None) -> bool:
    """Whether p is constant once S^2 is written s2 (sin^2 = 1 - cos^2, ...)."""
    if s2 is None or len(syms) < 2:
        return False
    r = _expand(subs(p, {power(syms[0], 2): s2}))
    return not any(v in free_symbols(r) for v in syms)


def _cancel(g: Expr, w: Symbol) -> Expr:
    """g in lowest terms when it is a rational function of w (else g)."""
    from ...algebra.rational import cancel
    from .rational import is_rational_function

    if not is_rational_function(g, w):
        return g
    try:
        return cancel(g)
    except (SymcalcError, ArithmeticError):
        return g


def _split_radicand(B: Expr, syms: tuple[Symbol, ...], s2: Expr | None = None
                    ) -> list[tuple[Expr, Fraction]]:
    """[(p, e)] with B = const*Π p^e: the numerator and denominator of B with their
    constant factors and the symbolic content of sums left out."""
    from ...algebra.rational import numer_denom

    def dep(f: Expr) -> bool:
        return any(v in free_symbols(f) for v in syms)

    try:
        n, d = numer_denom(B)
    except (SymcalcError, ArithmeticError):
        return [(B, Fraction(1))]
    out: list[tuple[Expr, Fraction]] = []
    for part, sgn in ((n, 1), (d, -1)):
        for f in _factors(part):
            if not dep(f):
                continue
            base, k = f.args if f.is_Pow else (f, ONE)
            j = _fraction(k)
            if j is None:
                return [(B, Fraction(1))]
            if base.is_Add:
                common = [c for c in _common_content(base.args, syms[0]) if not dep(c)]
                if common:
                    inv = power(mul(*common), MINUS_ONE)
                    base = add(*(mul(t, inv) for t in base.args))
                if _pythagorean_constant(base, syms, s2):
                    continue
            out.append((base, sgn * j))
    return out


def _normalize(h: Expr, syms: tuple[Symbol, ...], s2: Expr | None = None
               ) -> tuple[Expr, Expr]:
    """(h', K) with h = K*h', K locally constant: every fractional power B^r of h split
    into powers of the polynomial factors of B without their constants."""
    K: list[Expr] = []
    out: list[Expr] = []
    for f in _factors(h):
        if f.is_Pow and any(v in free_symbols(f.args[0]) for v in syms):
            r = _fraction(f.args[1])
            if r is not None and r.denominator != 1:
                pieces = _split_radicand(f.args[0], syms, s2)
                new = mul(*(power(p, number(e * r)) for p, e in pieces))
                if new is not f:
                    out.append(new)
                    K.append(mul(f, power(new, MINUS_ONE)))
                    continue
        out.append(f)
    if not K:
        return h, ONE
    return mul(*out), mul(*K)


def _linear_in(B: Expr, U: Symbol) -> tuple[Expr, Expr] | None:
    """(α, β) with B = α + β*U, β != 0, α and β free of U."""
    from ..diff import diff

    b = diff(B, U)
    if b is ZERO or U in free_symbols(b):
        return None
    a = _expand(add(B, mul(MINUS_ONE, b, U)))
    if U in free_symbols(a):
        return None
    return a, b


def _expand(e: Expr) -> Expr:
    try:
        return expand(e)
    except SymcalcError:
        return e


def _half_angle(h: Expr, O: Symbol, U: Symbol, c0: int, c2: int
                ) -> tuple[Expr, Expr] | None:
    """(g, K) with h = K*O*g(U), by sqrt(B) = K*O/sqrt(P) for a factor B^(k+1/2) of h
    whose base B = α + β*U divides O^2 = c0 + c2*U^2: B*P = β^2*O^2, P = c2*(β*U - α)."""
    for f in _factors(h):
        if not (f.is_Pow and U in free_symbols(f.args[0])):
            continue
        r = _fraction(f.args[1])
        if r is None or r.denominator != 2:
            continue
        B = f.args[0]
        ab = _linear_in(B, U)
        if ab is None:
            continue
        a, b = ab
        if _expand(add(mul(number(c2), power(a, 2)), mul(number(c0), power(b, 2)))) is not ZERO:
            continue
        P = add(mul(number(-c2), a), mul(number(c2), b, U))
        K = mul(power(B, HALF), power(P, HALF), power(O, MINUS_ONE))
        g = mul(h, power(B, -HALF), power(P, -HALF))
        g = _eliminate(g, O, U, c0, c2)
        if g is not None:
            return g, K
    return None


def sincos_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """u = sin θ, cos θ or tan θ for integrands with fractional powers; for hyperbolic
    integrands also without them (Bioche's rules: u = sinh θ when the integrand is odd
    in cosh θ, u = cosh θ when odd in sinh θ, u = tanh θ when even in both)."""
    a = _argument(e, x)
    if a is None:
        return None
    fam, theta, dtheta = a
    only_tan = False
    if fam == "trig" and not any(n.is_Pow and _fraction(n.args[1]) is not None
                                 and _fraction(n.args[1]).denominator != 1 and _has(n, x)
                                 for n in e.preorder()):
        # a rational function of trigonometric functions: only u = tan θ, and only when
        # tan or cot occur (Bioche's rules and the half-angle substitution come later)
        if not any(n.is_Function and n.fdef.name in ("tan", "cot") for n in e.preorder()):
            return None
        only_tan = True
    S, C = Symbol("S_sc"), Symbol("C_sc")
    h = _to_sc(e, fam, theta, S, C)
    if _has(h, x):
        return None
    from ...core import functions as F

    T = Symbol("T_sc")
    if fam == "trig":
        # (U, O, c0, c2, du = sign*O dθ, U as a function)
        choices = ((S, C, 1, -1, 1, F.sin), (C, S, 1, -1, -1, F.cos),
                   (T, C, 0, 1, 1, F.tan))
    else:
        choices = ((S, C, 1, 1, 1, F.sinh), (C, S, -1, 1, 1, F.cosh),
                   (T, C, 0, -1, 1, F.tanh))
    s2 = add(1, mul(-1 if fam == "trig" else 1, power(C, 2)))   # S^2 in C
    back = {S: (F.sin if fam == "trig" else F.sinh)(theta),
            C: (F.cos if fam == "trig" else F.cosh)(theta)}
    # normalized factor by factor, so that K keeps the integrand's own radicals
    hs, K0s = [], []
    for fe in _factors(e):
        hf, kf = _normalize(_to_sc(fe, fam, theta, S, C), (S, C), s2)
        hs.append(hf)
        if kf is not ONE:
            K0s.append(mul(fe, power(subs(mul(_to_sc(fe, fam, theta, S, C),
                                               power(kf, MINUS_ONE)), back), MINUS_ONE)))
    h, K0x = mul(*hs), mul(*K0s)
    for U, O, c0, c2, sign, fn in choices:
        if only_tan and U is not T:
            continue
        ctx.check()
        K: Expr = ONE
        if U is T:
            # u = tan θ: S = T*C, C^2 = 1/(1 + T^2), dθ = dT/(1 + T^2) (1 - T^2: tanh)
            q = power(add(1, mul(number(c2), power(T, 2))), MINUS_ONE)
            hts, kts = [], []
            for fe in _factors(e):
                hf, kf = _normalize(subs(_to_sc(fe, fam, theta, S, C), {S: mul(T, C)}), (T, C))
                hts.append(hf)
                if kf is not ONE:
                    kts.append(mul(fe, power(subs(hf, {**back, T: fn(theta)}), MINUS_ONE)))
            g = _eliminate(mul(*hts, q), C, T, 0, 0, q)
            if g is None:
                continue
            Kt = mul(*kts)
        else:
            g = _eliminate(mul(h, power(O, MINUS_ONE)), O, U, c0, c2)
        if g is None:
            ha = _half_angle(h, O, U, c0, c2)
            if ha is None:
                continue
            g, K = ha
        Kx = Kt if U is T else mul(K0x, subs(K, back))
        w = ctx.dummy(e)
        g = subs(g, {U: w})
        g = _cancel(g, w)
        st = ctx.integrate(g, w)
        if st is None:
            continue
        G = subs(st.result, {w: fn(theta)})
        if U is T:   # atan(tan θ) is θ up to a jump: the continuous form
            G = subs(G, {(F.atan if fam == "trig" else F.atanh)(fn(theta)): theta})
        res = mul(_times(Kx, G), number(sign), power(dtheta, MINUS_ONE))
        detail = f"{w} = {fn(theta)}"
        if Kx is not ONE:
            detail += f"; ({Kx}) is locally constant"
        return Step("substitution", e, x, res, (st,), detail)
    return None


__all__ = ["content_method", "has_trig", "sincos_method"]
