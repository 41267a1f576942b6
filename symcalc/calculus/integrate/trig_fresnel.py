"""Fresnel integrals: sines and cosines against half-integer powers or of quadratics.

Two families whose antiderivatives need S(z) = ∫₀^z sin(πt²/2) dt and
C(z) = ∫₀^z cos(πt²/2) dt (``fresnels``, ``fresnelc``):

* W^r * T with W = α + β*x, r a half-integer, and T a product of powers of sin and cos
  of linear arguments. The product becomes a sum of sin/cos(m*x + p) (product-to-sum
  formulas); with w = W each term is sin/cos(k*w + s) = cos s·sin/cos(k*w) ± sin s·cos/sin(k*w),
  and the reduction formulas (integration by parts)

      ∫ w^r sin(kw) = -w^r cos(kw)/k + (r/k) ∫ w^(r-1) cos(kw)           (r > -1/2)
      ∫ w^r cos(kw) =  w^r sin(kw)/k - (r/k) ∫ w^(r-1) sin(kw)
      ∫ w^r sin(kw) = (w^(r+1) sin(kw) - k ∫ w^(r+1) cos(kw))/(r+1)      (r < -1/2)
      ∫ w^r cos(kw) = (w^(r+1) cos(kw) + k ∫ w^(r+1) sin(kw))/(r+1)

  end at ∫ sin(kw)/√w dw = √(2π/k)·S(√(2k/π)·√w) (C for cos).
* (p1*x + p0) * T(Q) with Q = a2*x² + a1*x + a0 and T a product of sin/cos powers of
  multiples of Q: after product-to-sum, each sin/cos(A) with A quadratic splits as
  p1*x + p0 = α A' + β; the α part is a derivative, the β part completes the square,
  A = a2 (x + h)² + s, and ∫ sin(a2 u²) du = √(π/(2 a2))·S(√(2 a2/π)·u).

Both reject at once when the integrand is not of these shapes.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("sin(x)/sqrt(x)"), x)
sqrt(2)*sqrt(pi)*fresnels(sqrt(2)*sqrt(x)/sqrt(pi))
>>> integrate(parse("cos(x^2)"), x)
sqrt(2)*sqrt(pi)*fresnelc(sqrt(2)*x/sqrt(pi))/2
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


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _d(e: Expr, x: Symbol) -> Expr:
    from ..diff import diff

    return diff(e, x)


def _half(k: Expr) -> Fraction | None:
    """k as a Fraction if it is a number with denominator 2."""
    if not k.is_Number:
        return None
    v = k.value
    if isinstance(v, Fraction) and v.denominator == 2:
        return v
    return None


def _split(e: Expr, x: Symbol) -> tuple[Expr, list[Expr], list[tuple[str, Expr, int]]] | None:
    """e = const * (other factors) * Π sin/cos(arg)^k: (const, others, trig factors)."""
    const, others, trig = [], [], []
    for f in (e.args if e.is_Mul else (e,)):
        if not _has(f, x):
            const.append(f)
            continue
        b, k = (f.args if f.is_Pow else (f, ONE))
        if b.is_Function and b.fdef.name in ("sin", "cos"):
            if not (k.is_Number and isinstance(k.value, int) and 0 < k.value <= 6):
                return None
            trig.append((b.fdef.name, b.args[0], k.value))
        else:
            others.append(f)
    if not trig:
        return None
    return mul(*const), others, trig


def _sincos(name: str, a: Expr) -> Expr:
    from ...core.functions import cos, sin

    return sin(a) if name == "sin" else cos(a)


def _linearize(trig: list[tuple[str, Expr, int]]) -> list[tuple[Expr, str, Expr]]:
    """Π sin/cos(arg)^k as [(coefficient, sin|cos, argument)] (product-to-sum)."""
    from .trig import product_to_sum

    fs = [(n, a) for n, a, k in trig for _ in range(k)]
    s = expand(product_to_sum(fs)) if len(fs) > 1 else _sincos(fs[0][0], fs[0][1])
    out = []
    for t in (s.args if s.is_Add else (s,)):
        c, g = [], None
        for f in (t.args if t.is_Mul else (t,)):
            if g is None and f.is_Function and f.fdef.name in ("sin", "cos"):
                g = f
            else:
                c.append(f)
        if g is None:                 # a constant term: cos(0)
            out.append((t, "cos", ZERO))
        else:
            out.append((mul(*c), g.fdef.name, g.args[0]))
    return out


# --------------------------------------------------------------------------- W^r * trig(linear)


def _power_trig(r: Fraction, name: str, A: Expr, k: Expr, W: Expr, beta: Expr,
                depth: int = 0) -> Expr:
    """∫ W^r * sin|cos(A) dx with W = α + β*x, A = k*W + s, r a half-integer (reduction
    formulas, then Fresnel integrals at r = -1/2)."""
    from ...core.functions import cos, sin, sqrt
    from ...core.functions_special import fresnelc, fresnels
    from ...core.numbers import pi

    if depth > 12:
        raise SymcalcError("half-integer power too far from -1/2")
    ib = power(beta, MINUS_ONE)
    ik = power(k, MINUS_ONE)
    if r == Fraction(-1, 2):
        s = expand(add(A, mul(MINUS_ONE, k, W)))
        sgn = ONE
        if k.is_Number and k.value < 0:   # sin(-|k|w) = -sin(|k|w), cos even
            k, sgn = mul(MINUS_ONE, k), MINUS_ONE
        z = mul(sqrt(number(2)), sqrt(k), sqrt(W), power(sqrt(pi), MINUS_ONE))
        fac = mul(sqrt(number(2)), sqrt(pi), power(sqrt(k), MINUS_ONE), ib)
        S, C = mul(sgn, fac, fresnels(z)), mul(fac, fresnelc(z))
        if name == "sin":     # sin(kw + s) = cos s sin kw + sin s cos kw
            return add(mul(cos(s), S), mul(sin(s), C))
        return add(mul(cos(s), C), mul(MINUS_ONE, sin(s), S))   # cos(kw + s)
    wr = power(W, number(r))
    if r > Fraction(-1, 2):   # ∫ W^r sin A = -W^r cos A/m + (r/k) ∫ W^(r-1) cos A
        if name == "sin":
            inner = _power_trig(r - 1, "cos", A, k, W, beta, depth + 1)
            return add(mul(MINUS_ONE, wr, cos(A), ik, ib), mul(number(r), ik, inner))
        inner = _power_trig(r - 1, "sin", A, k, W, beta, depth + 1)
        return add(mul(wr, sin(A), ik, ib), mul(MINUS_ONE, number(r), ik, inner))
    w1 = power(W, number(r + 1))  # ∫ W^r sin A = (W^(r+1) sin A/β - k ∫ W^(r+1) cos A)/(r+1)
    c = number(1 / (r + 1))
    if name == "sin":
        inner = _power_trig(r + 1, "cos", A, k, W, beta, depth + 1)
        return mul(c, add(mul(w1, sin(A), ib), mul(MINUS_ONE, k, inner)))
    inner = _power_trig(r + 1, "sin", A, k, W, beta, depth + 1)
    return mul(c, add(mul(w1, cos(A), ib), mul(k, inner)))


def _radical_trig(e: Expr, x: Symbol, ctx: Context) -> Step | None:

    sp = _split(e, x)
    if sp is None:
        return None
    const, others, trig = sp
    if len(others) != 1 or not others[0].is_Pow:
        return None
    W, rr = others[0].args
    r = _half(rr)
    if r is None or abs(r) > 6:
        return None
    beta = _d(W, x)
    if beta is ZERO or _has(beta, x):
        return None
    slopes = {}
    for _, a, _ in trig:
        m = _d(a, x)
        if m is ZERO or _has(m, x):
            return None
        slopes[a] = m
    terms = []
    for c, name, A in _linearize(trig):
        ctx.check()
        m = _d(A, x)
        if m is ZERO:     # constant in x: c*trig(A)*∫ W^r
            terms.append(mul(c, _sincos(name, A), power(W, number(r + 1)),
                             power(mul(beta, number(r + 1)), MINUS_ONE)))
            continue
        k = expand(mul(m, power(beta, MINUS_ONE)))            # A = k*W + s
        terms.append(mul(c, _power_trig(r, name, A, k, W, beta)))
    res = mul(const, add(*terms))
    return Step("Fresnel integrals (parts down to w^(-1/2))", e, x, res, (),
                f"w = {W}")


# --------------------------------------------------------------------------- trig(quadratic)


def _quadratic(A: Expr, x: Symbol) -> tuple[Expr, Expr, Expr] | None:
    """(a2, a1, a0) with A = a2*x^2 + a1*x + a0, a2 != 0; else None."""
    d1 = _d(A, x)
    d2 = _d(d1, x)
    if d2 is ZERO or _has(d2, x):
        return None
    a2 = mul(HALF, d2)
    a1 = expand(subs(d1, {x: ZERO}))
    a0 = expand(subs(A, {x: ZERO}))
    return a2, a1, a0


def _quadratic_trig(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    from ...core.functions import cos, sin, sqrt
    from ...core.functions_special import fresnelc, fresnels
    from ...core.numbers import pi

    sp = _split(e, x)
    if sp is None:
        return None
    const, others, trig = sp
    if not any(_quadratic(a, x) is not None for _, a, _ in trig):
        return None
    P = mul(*others)
    if others:
        dP = _d(P, x)
        if _has(dP, x):           # only P of degree <= 1
            return None
    else:
        dP = ZERO
    p1 = dP
    p0 = expand(subs(P, {x: ZERO})) if others else ONE
    terms = []
    fresnel = False
    for c, name, A in _linearize(trig):
        ctx.check()
        q = _quadratic(A, x)
        if q is None:
            if _has(_d(_d(A, x), x), x):      # not a multiple of Q: give up
                return None
            st = ctx.integrate(mul(c, P, _sincos(name, A)), x)
            if st is None:
                return None
            terms.append(st.result)
            continue
        a2, a1, a0 = q
        sgn = ONE
        if a2.is_Number and a2.value < 0:     # sin(-A) = -sin(A), cos(-A) = cos(A)
            A = expand(mul(MINUS_ONE, A))
            a2, a1, a0 = mul(MINUS_ONE, a2), mul(MINUS_ONE, a1), mul(MINUS_ONE, a0)
            if name == "sin":
                sgn = MINUS_ONE
        c = mul(c, sgn)
        al = mul(p1, power(mul(2, a2), MINUS_ONE))          # P = al*A' + be
        be = expand(add(p0, mul(MINUS_ONE, al, a1)))
        anti = mul(MINUS_ONE, cos(A)) if name == "sin" else sin(A)
        part = mul(al, anti)
        h = mul(a1, power(mul(2, a2), MINUS_ONE))
        s = expand(add(a0, mul(MINUS_ONE, a1, a1, power(mul(4, a2), MINUS_ONE))))
        u = add(x, h)
        z = mul(sqrt(number(2)), sqrt(a2), u, power(sqrt(pi), MINUS_ONE))
        fac = mul(sqrt(pi), power(mul(sqrt(number(2)), sqrt(a2)), MINUS_ONE))
        S, C = mul(fac, fresnels(z)), mul(fac, fresnelc(z))
        if name == "sin":
            f = add(mul(cos(s), S), mul(sin(s), C))
        else:
            f = add(mul(cos(s), C), mul(MINUS_ONE, sin(s), S))
        terms.append(mul(c, add(part, mul(be, f))))
        fresnel = fresnel or be is not ZERO
    if not fresnel:       # a derivative (x*sin(x^2)): substitution's business
        return None
    return Step("Fresnel integrals (completing the square)", e, x,
                mul(const, add(*terms)), ())


# --------------------------------------------------------------------------- trig(a + b/W^2)


def _inverse_square(A: Expr, x: Symbol) -> tuple[Expr, Expr, Expr] | None:
    """(a, b, W) with A = a + b/W^2, W linear in x; else None."""
    for t in (A.args if A.is_Add else (A,)):
        if not _has(t, x):
            continue
        fs = t.args if t.is_Mul else (t,)
        ws = [f for f in fs if _has(f, x)]
        if len(ws) != 1 or not ws[0].is_Pow or not ws[0].args[1].is_Number \
                or ws[0].args[1].value != -2:
            return None
        W = ws[0].args[0]
        beta = _d(W, x)
        if beta is ZERO or _has(beta, x):
            return None
        b = mul(*(f for f in fs if not _has(f, x)))
        a = expand(add(A, mul(MINUS_ONE, t)))
        if _has(a, x):
            return None
        return a, b, W
    return None


def _inv_sq_term(k: int, name: str, a: Expr, b: Expr, w: Expr, sgn: Expr,
                 depth: int = 0) -> Expr:
    """∫ w^k * sgn*sin|cos(a + b/w^2) dw for k >= -2 (parts, then Fresnel or Si/Ci)."""
    from ...core.functions import cos, sin, sqrt
    from ...core.functions_special import Ci, Si, fresnelc, fresnels
    from ...core.numbers import pi

    if depth > 12:
        raise SymcalcError("power too high")
    A = add(a, mul(b, power(w, number(-2))))
    if k == -2:    # v = 1/w: -∫ sin|cos(a + b v^2) dv
        v = power(w, MINUS_ONE)
        z = mul(sqrt(number(2)), sqrt(b), v, power(sqrt(pi), MINUS_ONE))
        fac = mul(sqrt(pi), power(mul(sqrt(number(2)), sqrt(b)), MINUS_ONE))
        S, C = mul(fac, fresnels(z)), mul(fac, fresnelc(z))
        f = add(mul(cos(a), S), mul(sin(a), C)) if name == "sin" else \
            add(mul(cos(a), C), mul(MINUS_ONE, sin(a), S))
        return mul(MINUS_ONE, sgn, f)
    if k == -1:    # v = b/w^2: -1/2 ∫ sin|cos(a + v)/v dv
        v = mul(b, power(w, number(-2)))
        f = add(mul(sin(a), Ci(v)), mul(cos(a), Si(v))) if name == "sin" else \
            add(mul(cos(a), Ci(v)), mul(MINUS_ONE, sin(a), Si(v)))
        return mul(number(Fraction(-1, 2)), sgn, f)
    # ∫ w^k T(A) = w^(k+1) T(A)/(k+1) + 2b/(k+1) ∫ w^(k-2) T'(A)
    T = sin(A) if name == "sin" else cos(A)
    d_name, d_sgn = ("cos", sgn) if name == "sin" else ("sin", mul(MINUS_ONE, sgn))
    inner = _inv_sq_term(k - 2, d_name, a, b, w, d_sgn, depth + 1)
    c = number(Fraction(1, k + 1))
    return add(mul(sgn, c, power(w, number(k + 1)), T), mul(2, b, c, inner))


def _inverse_square_trig(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    from .radicals import poly_coeffs

    sp = _split(e, x)
    if sp is None:
        return None
    const, others, trig = sp
    if len(trig) != 1 or trig[0][2] != 1:
        return None
    name, A, _ = trig[0]
    q = _inverse_square(A, x)
    if q is None:
        return None
    a, b, W = q
    beta = _d(W, x)
    P = mul(*others)
    if others and any(n.is_Function for n in P.preorder()):
        return None
    y = ctx.dummy(e, x)
    # P(x) as a polynomial in W: x = (y - α)/β
    alpha = expand(add(W, mul(MINUS_ONE, beta, x)))
    pc = poly_coeffs(subs(P, {x: mul(add(y, mul(MINUS_ONE, alpha)), power(beta, MINUS_ONE))}),
                     y)
    if pc is None or len(pc) > 8:
        return None
    terms = []
    for k, c in enumerate(pc):
        if c is ZERO:
            continue
        ctx.check()
        terms.append(mul(c, _inv_sq_term(k, name, a, b, W, ONE)))
    return Step("parts, then Fresnel or sine/cosine integrals", e, x,
                mul(const, power(beta, MINUS_ONE), add(*terms)), ())


def fresnel_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Sines and cosines against a half-integer power of a linear W, or of quadratics."""
    if not e.is_Mul and not (e.is_Pow or e.is_Function):
        return None
    from .engine import Timeout

    try:
        return _radical_trig(e, x, ctx) or _quadratic_trig(e, x, ctx) \
            or _inverse_square_trig(e, x, ctx)
    except Timeout:
        raise
    except SymcalcError:
        return None


__all__ = ["fresnel_method"]
