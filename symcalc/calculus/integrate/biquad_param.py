"""∫ P(x)/(A*x^4 + B*x^2 + C) dx with symbolic coefficients A, B, C (parameters).

The form that the tangent substitution gives for 1/(a - b*sin(x)^4), sin(x)^2/(a + b*cos(x)^4)
and their hyperbolic analogues, and that ∫ 1/(a - b*x^4) is. The odd part of the
numerator goes to u = x^2 (the driver's substitution); the even part γ*x^2 + δ:

* with roots z1, z2 = (-B ± sqrt(B^2 - 4AC))/(2A) of A z^2 + B z + C,

      (γx^2 + δ)/(A (x^2 - z1)(x^2 - z2))
          = [(γ z1 + δ)/(x^2 - z1) - (γ z2 + δ)/(x^2 - z2)]/(A (z1 - z2))

  and ∫ dx/(x^2 - z) = -atan(x/sqrt(-z))/sqrt(-z) (or -atanh(x/sqrt(z))/sqrt(z) where z
  is positive for positive parameters), used unless B^2 - 4AC is negative for positive
  parameters;
* otherwise, with r = sqrt(C/A), s = sqrt(2r - B/A), κ = sqrt(2r + B/A), the real
  factorization x^4 + (B/A) x^2 + C/A = (x^2 + s x + r)(x^2 - s x + r) and

      ∫ (γx^2 + δ)/(Q+ Q-) = K/(2s) log(Q+/Q-) + (γ + K)/κ (atan((2x + s)/κ) + atan((2x - s)/κ)),

  K = (δ - γ r)/(2r).

Which form is chosen depends only on the signs at positive parameter values (a choice of
presentation, real-valued there); either is an antiderivative for all parameter values
where it is defined, and the driver verifies the answer by differentiation.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("1/(x^4 - 4*a^2)"), x)
sqrt(2)*(log(x - sqrt(2)*sqrt(abs(a))) - log(x + sqrt(2)*sqrt(abs(a))))/(16*abs(a)^(3/2))
    - sqrt(2)*atan(sqrt(2)*x/(2*sqrt(abs(a))))/(8*abs(a)^(3/2))
"""

from __future__ import annotations

import random
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


def _coeffs(p: Expr, x: Symbol, n: int) -> list[Expr] | None:
    """Coefficients c_0..c_n of the polynomial p in x of degree <= n, or None."""
    from ..diff import diff

    out = []
    d = p
    fact = 1
    for k in range(n + 1):
        if k:
            fact *= k
        out.append(expand(mul(subs(d, {x: ZERO}), power(number(fact), MINUS_ONE))))
        d = diff(d, x)
    if expand(d) is not ZERO:
        return None
    return out


def _positive(e: Expr, syms: list[Symbol]) -> bool | None:
    """Sign of e at a few random positive parameter values: True, False or None (mixed)."""
    rng = random.Random(11)
    signs = set()
    for _ in range(4):
        env = {s: rng.uniform(0.5, 3.0) for s in syms}
        try:
            v = complex(e.evalf(env))
        except Exception:
            return None
        if abs(v.imag) > 1e-9 * max(1.0, abs(v)) or v.real == 0:
            return None
        signs.add(v.real > 0)
    return signs.pop() if len(signs) == 1 else None


def _inv_quadratic(z: Expr, x: Symbol, syms: list[Symbol]) -> Expr:
    """∫ dx/(x^2 - z): a real form at positive parameter values."""
    from ...core.functions import atan, atanh, sqrt

    mz = expand(mul(MINUS_ONE, z))
    pos = _positive(mz, syms)
    if pos is not False:      # positive, or of either sign: the arctangent
        w = sqrt(mz)
        return mul(power(w, MINUS_ONE), atan(mul(x, power(w, MINUS_ONE))))
    w = sqrt(z)
    return mul(MINUS_ONE, power(w, MINUS_ONE), atanh(mul(x, power(w, MINUS_ONE))))


def _even(gam: Expr, dl: Expr, A: Expr, B: Expr, C: Expr, x: Symbol,
          syms: list[Symbol]) -> Expr | None:
    from ...core.functions import atan, log, sqrt

    disc = expand(add(mul(B, B), mul(-4, A, C)))
    if disc is ZERO:
        return None
    if _positive(disc, syms) is not False:     # real roots (or of either sign)
        rd = sqrt(disc)
        i2a = power(mul(2, A), MINUS_ONE)
        z1 = mul(add(mul(MINUS_ONE, B), rd), i2a)
        z2 = mul(add(mul(MINUS_ONE, B), mul(MINUS_ONE, rd)), i2a)
        I1, I2 = _inv_quadratic(z1, x, syms), _inv_quadratic(z2, x, syms)
        c1 = add(mul(gam, z1), dl)
        c2 = add(mul(gam, z2), dl)
        # A (z1 - z2) = sqrt(disc)
        return mul(power(rd, MINUS_ONE), add(mul(c1, I1), mul(MINUS_ONE, c2, I2)))
    iA = power(A, MINUS_ONE)
    p, q = mul(B, iA), mul(C, iA)
    r = sqrt(q)
    s = sqrt(add(mul(2, r), mul(MINUS_ONE, p)))
    kap = sqrt(add(mul(2, r), p))
    g, d = mul(gam, iA), mul(dl, iA)
    K = mul(add(d, mul(MINUS_ONE, g, r)), power(mul(2, r), MINUS_ONE))
    x2 = power(x, 2)
    Qp = add(x2, mul(s, x), r)
    Qm = add(x2, mul(MINUS_ONE, s, x), r)
    ik = power(kap, MINUS_ONE)
    return add(mul(K, power(mul(2, s), MINUS_ONE), add(log(Qp), mul(MINUS_ONE, log(Qm)))),
               mul(add(g, K), ik, add(atan(mul(add(mul(2, x), s), ik)),
                                      atan(mul(add(mul(2, x), mul(MINUS_ONE, s)), ik)))))


def biquadratic_param_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ (c3 x^3 + c2 x^2 + c1 x + c0)/(A x^4 + B x^2 + C) with parameters."""
    from ...algebra.rational import numer_denom, together

    syms = sorted(free_symbols(e) - {x}, key=lambda s: s.name)
    if not syms or not (e.is_Mul or e.is_Pow) or not _has_even_quartic(e, x):
        return None
    try:
        n, d = numer_denom(together(e))
        dc = _coeffs(expand(d), x, 4)
        if dc is None or dc[4] is ZERO or dc[1] is not ZERO or dc[3] is not ZERO \
                or dc[0] is ZERO:
            return None
        nc = _coeffs(expand(n), x, 3)
        if nc is None:
            return None
        A, B, C = dc[4], dc[2], dc[0]
        terms = []
        if nc[1] is not ZERO or nc[3] is not ZERO:
            odd = mul(add(mul(nc[3], power(x, 3)), mul(nc[1], x)), power(d, MINUS_ONE))
            st = ctx.integrate(odd, x)
            if st is None:
                return None
            terms.append(st.result)
        if nc[0] is not ZERO or nc[2] is not ZERO:
            ev = _even(nc[2], nc[0], A, B, C, x, syms)
            if ev is None:
                return None
            terms.append(ev)
    except (SymcalcError, ArithmeticError) as ex:
        from .engine import Timeout

        if isinstance(ex, Timeout):
            raise
        return None
    return Step("biquadratic denominator with parameters", e, x, add(*terms), ())


def _has_even_quartic(e: Expr, x: Symbol) -> bool:
    """Whether a factor of e (or the base of a power factor) is an even polynomial in x of
    degree >= 4 (a multiple of an even quartic, maybe): a cheap test before together()
    and factor()."""
    from .radicals import poly_coeffs

    for f in (e.args if e.is_Mul else (e,)):
        b = f.args[0] if f.is_Pow else f
        if b.is_Add and _has(b, x):
            c = poly_coeffs(b, x)
            if c is not None and 5 <= len(c) <= 17 and len(c) % 2 \
                    and all(v is ZERO for v in c[1::2]):
                return True
    return False


def _polymul(a: list[Expr], b: list[Expr]) -> list[Expr]:
    out = [ZERO] * (len(a) + len(b) - 1)
    for i, u in enumerate(a):
        for j, v in enumerate(b):
            out[i + j] = add(out[i + j], mul(u, v))
    return [expand(c) for c in out]


def _polyadd(a: list[Expr], b: list[Expr]) -> list[Expr]:
    n = max(len(a), len(b))
    return [expand(add(a[i] if i < len(a) else ZERO, b[i] if i < len(b) else ZERO))
            for i in range(n)]


def _polyder(a: list[Expr]) -> list[Expr]:
    return [mul(i, c) for i, c in enumerate(a)][1:] or [ZERO]


def _from_coeffs(c: list[Expr], x: Symbol) -> Expr:
    return add(*(mul(v, power(x, number(i))) for i, v in enumerate(c)))


def _solve(columns: list[list[Expr]], rhs: list[Expr]) -> list[Expr] | None:
    from .radicals import solve_linear

    size = max([len(rhs)] + [len(c) for c in columns])
    A = [[(c[i] if i < len(c) else ZERO) for c in columns] for i in range(size)]
    b = [(rhs[i] if i < len(rhs) else ZERO) for i in range(size)]
    return solve_linear(A, b)


def _piece(cs: list[Expr], b: Expr, bc: list[Expr], x: Symbol, ctx: Context,
           syms: list[Symbol]) -> Expr | None:
    """∫ (Σ cs_i x^i)/b dx for b linear, quadratic or an even quartic."""
    from .radicals import _simp
    from .rational import _simple_fraction

    cs = [_simp(c) for c in cs]
    if len(bc) <= 3:
        return _simple_fraction(cs[1] if len(cs) > 1 else ZERO, cs[0], b, 1, x, ctx)
    out = []
    if cs[1] is not ZERO or cs[3] is not ZERO:   # x(c3 x^2 + c1)/b: u = x^2
        u = ctx.dummy(b, x)
        q = add(mul(bc[4], power(u, 2)), mul(bc[2], u), bc[0])
        r = _simple_fraction(mul(HALF, cs[3]), mul(HALF, cs[1]), q, 1, u, ctx)
        if r is None:
            return None
        out.append(subs(r, {u: power(x, 2)}))
    if cs[0] is not ZERO or cs[2] is not ZERO:
        ev = _even(cs[2], cs[0], bc[4], bc[2], bc[0], x, syms)
        if ev is None:
            return None
        out.append(ev)
    return add(*out)


def rational_biquadratic_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Rational functions with parameters whose denominator has even quartic factors
    A*x^4 + B*x^2 + C (and linear or quadratic ones), of any multiplicity: Ostrogradsky's
    reduction ∫ N/D = U/D1 + ∫ V/D2 (D1 = gcd(D, D'), D2 = D/D1, U and V by undetermined
    coefficients), then partial fractions of V/D2."""
    from ...algebra.factor_expr import factor
    from ...algebra.rational import numer_denom, together
    from .radicals import _simp, poly_coeffs
    from .rational import _pdiv

    syms = sorted(free_symbols(e) - {x}, key=lambda s: s.name)
    if not syms or not (e.is_Mul or e.is_Pow) or not _has_even_quartic(e, x):
        return None
    try:
        n, d = numer_denom(together(e))
        d = factor(d)
        nc, dc = poly_coeffs(n, x), poly_coeffs(d, x)
        if nc is None or dc is None:
            return None
        factors = []
        quartic = False
        lc = []
        for f in (d.args if d.is_Mul else (d,)):
            if not _has(f, x):
                lc.append(f)      # the constant factor goes to the numerator
                continue
            b, k = (f.args if f.is_Pow else (f, number(1)))
            if not (k.is_Number and isinstance(k.value, int) and 0 < k.value <= 4):
                return None
            bc = poly_coeffs(b, x)
            if bc is None or len(bc) not in (2, 3, 5):
                return None
            if len(bc) == 5:
                if bc[1] is not ZERO or bc[3] is not ZERO or bc[0] is ZERO:
                    return None
                quartic = True
            factors.append((b, bc, k.value))
        if not quartic or len(dc) > 17:
            return None
        if lc:
            nc = poly_coeffs(mul(n, power(mul(*lc), MINUS_ONE)), x)
            dc = poly_coeffs(mul(*(power(b, number(k)) for b, _, k in factors)), x)
            if nc is None or dc is None:
                return None
        q, r = _pdiv(nc, dc)
        terms = [mul(c, power(x, number(i + 1)), power(number(i + 1), MINUS_ONE))
                 for i, c in enumerate(q) if c is not ZERO]
        if not r:
            return None
        D2 = [ONE]
        for _, bc, _ in factors:
            D2 = _polymul(D2, bc)
        D1 = [ONE]
        for _, bc, k in factors:
            for _ in range(k - 1):
                D1 = _polymul(D1, bc)
        if len(D1) > 1:      # Ostrogradsky: r = U' D2 - U T + V D1
            T = [ZERO]
            for i, (_, bc, k) in enumerate(factors):
                if k > 1:
                    t = [number(k - 1)]
                    t = _polymul(t, _polyder(bc))
                    for j, (_, bc2, _) in enumerate(factors):
                        if j != i:
                            t = _polymul(t, bc2)
                    T = _polyadd(T, t)
            m1, m2 = len(D1) - 1, len(D2) - 1
            cols = []
            for p in range(m1):
                xp = [ZERO] * p + [ONE]
                dxp = [ZERO] * (p - 1) + [number(p)] if p else [ZERO]
                cols.append(_polyadd(_polymul(dxp, D2), [mul(MINUS_ONE, c)
                                                          for c in _polymul(xp, T)]))
            for p in range(m2):
                cols.append(_polymul([ZERO] * p + [ONE], D1))
            ctx.check()
            z = _solve(cols, r)
            if z is None:
                return None
            U = [_simp(c) for c in z[:m1]]
            terms.append(mul(_from_coeffs(U, x), power(_from_coeffs(D1, x), MINUS_ONE)))
            r = [c for c in z[m1:]]
        # partial fractions of r/D2 (squarefree)
        cols, owners = [], []
        for i, (_, bc, _) in enumerate(factors):
            cof = [ONE]
            for j, (_, bc2, _) in enumerate(factors):
                if j != i:
                    cof = _polymul(cof, bc2)
            for p in range(len(bc) - 1):
                cols.append(_polymul([ZERO] * p + [ONE], cof))
                owners.append(i)
        ctx.check()
        z = _solve(cols, r)
        if z is None:
            return None
        for i, (b, bc, _) in enumerate(factors):
            cs = [c for c, o in zip(z, owners) if o == i]
            if all(_simp(c) is ZERO for c in cs):
                continue
            t = _piece(cs, b, bc, x, ctx, syms)
            if t is None:
                return None
            terms.append(t)
    except (SymcalcError, ArithmeticError, ZeroDivisionError) as ex:
        from .engine import Timeout

        if isinstance(ex, Timeout):
            raise
        return None
    return Step("partial fractions with biquadratic factors (parameters)", e, x,
                add(*terms), ())


__all__ = ["biquadratic_param_method", "rational_biquadratic_method"]
