"""Integrands with inverse trigonometric and inverse hyperbolic functions.

Two changes of variable that turn such integrands into ones the other methods know:

* **Exponentials of inverse hyperbolic functions are algebraic.** For an integer k,
  exp(k*atanh(u)) = ((1 + u)/(1 - u))^(k/2) and exp(k*acoth(u)) = ((u + 1)/(u - 1))^(k/2)
  (a power of a linear fraction, positive on the real domain, which the radical
  substitution rationalizes); failing that, for odd k > 0, (1 + u)^k/(1 - u^2)^(k/2)
  (real for |u| < 1, where atanh is; (1 - u)^|k| for k < 0), and for acoth (real for
  |u| > 1) sign(u)*(u + 1)^k/(u^2 - 1)^(k/2), the sign being constant on each interval of
  the domain and written sqrt(u^2 - 1)/(u*sqrt(1 - 1/u^2)).
  exp(k*asinh(u)) = (u + sqrt(u^2 + 1))^k, exp(k*acosh(u)) = (u + sqrt(u - 1)*sqrt(u + 1))^k.
* **u = asin(p*x + q)** (acos, asinh, acosh alike): x = (sin(t) - q)/p, and the radicals
  sqrt(1 - (p*x + q)^2) become cos(t) (on the principal branch, where cos(t) >= 0).
  x^m*(a + b*asin(c*x))^n*(d - c^2*d*x^2)^(k/2) becomes (a + b*t)^n times a polynomial
  in sin t and cos t, which is linearized (products to sums of sin(j*t), cos(j*t)) and
  integrated term by term: by tabular parts when (a + b*t)^n is a polynomial, by the sine
  and cosine integrals Si, Ci (Shi, Chi) after reduction when it is a negative power.
  The answer is written back with sin(j*t), cos(j*t) expanded in sin t = u and
  cos t = sqrt(1 - u^2).

Every answer is checked by differentiation (``verify``) before it is returned.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> from symcalc.calculus.integrate.engine import Context
>>> x = symbols("x")
>>> inverse_substitution_method(parse("x*asin(x)^2"), x, Context()).result
x*asin(x)*sqrt(1 - x^2)/2 - x^2/4 + asin(x)^2*(2*x^2 - 1)/4 + 1/8
>>> integrate(parse("exp(2*atanh(x))"), x)
-x - 2*log(x - 1)
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

_INVERSE = ("asin", "acos", "atan", "acot", "asec", "acsc", "asinh", "acosh", "atanh",
            "acoth", "asech", "acsch")


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _d(e: Expr, x: Symbol) -> Expr:
    from ..diff import diff

    return diff(e, x)


def _int(v: Expr) -> int | None:
    if v.is_Number and isinstance(v.value, int):
        return v.value
    return None


def _linear(u: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(p, q) with u = p*x + q, p != 0 free of x."""
    p = _d(u, x)
    if p is ZERO or _has(p, x):
        return None
    q = expand(add(u, mul(MINUS_ONE, p, x)))
    if _has(q, x):
        return None
    return p, q


# --------------------------------------------------------------------------- exp(k*atanh(u))


def _exp_forms(name: str, u: Expr, k: int) -> list[tuple[Expr, Expr]]:
    """[(algebraic form, sign factor)] with exp(k*name(u)) = sign*form on the real domain,
    the forms to try in order."""
    from ...core.functions import sqrt

    neg = mul(MINUS_ONE, u)
    if name in ("atanh", "acoth"):
        num, den = (add(1, u), add(1, neg)) if name == "atanh" else (add(u, 1), add(u, -1))
        if k % 2 == 0:
            return [(mul(power(num, k // 2), power(den, -(k // 2))), ONE)]
        # ((1 + u)/(1 - u))^(k/2): a power of a positive linear fraction on the domain
        frac = power(mul(num, power(den, MINUS_ONE)), number(Fraction(k, 2))) if k > 0 \
            else power(mul(den, power(num, MINUS_ONE)), number(Fraction(-k, 2)))
        base = num if k > 0 else den
        if name == "atanh":
            quad = expand(add(1, mul(MINUS_ONE, power(u, 2))))
            sign = ONE
        else:
            quad = expand(add(power(u, 2), -1))
            sign = mul(sqrt(quad), power(u, -1),
                       power(add(1, mul(MINUS_ONE, power(u, -2))), -HALF))
        return [(frac, ONE),
                (mul(power(base, abs(k)), power(quad, number(Fraction(-abs(k), 2)))), sign)]
    if name == "asinh":
        r = sqrt(expand(add(power(u, 2), 1)))
        return [(power(add(u, r), k) if k >= 0 else power(add(r, neg), -k), ONE)]
    if name == "acosh":
        r = mul(sqrt(add(u, -1)), sqrt(add(u, 1)))
        return [(power(add(u, r), k) if k >= 0 else power(add(u, mul(MINUS_ONE, r)), -k),
                 ONE)]
    return []


def _absorb(h: Expr, x: Symbol) -> Expr:
    """Cancel linear denominators against radicals they divide: Q^r/L^m = (Q/L)^m*Q^(r-m)
    for r - m > -1 (exact, as Q^r = Q^m*Q^(r-m)): (c - c*x^2)^(5/2)/(1 - x) is
    c*(1 + x)*(c - c*x^2)^(3/2)."""
    from ...algebra.rational import cancel, numer_denom

    if not h.is_Mul:
        return h
    fs = list(h.args)
    for _ in range(6):
        done = True
        for i, f in enumerate(fs):
            if not (f.is_Pow and f.args[1].is_Number and isinstance(f.args[1].value, int)
                    and f.args[1].value < 0 and _linear(f.args[0], x) is not None):
                continue
            for j, g in enumerate(fs):
                if not (g.is_Pow and g.args[1].is_Number and _has(g.args[0], x)
                        and not isinstance(g.args[1].value, (int, float))
                        and g.args[1].value >= 1):
                    continue
                q = cancel(mul(g.args[0], power(f.args[0], MINUS_ONE)))
                if numer_denom(q)[1].is_Number or not _has(numer_denom(q)[1], x):
                    m = min(-f.args[1].value, int(g.args[1].value))
                    fs[i] = power(f.args[0], f.args[1].value + m)
                    fs[j] = mul(power(q, m), power(g.args[0], add(g.args[1], -m)))
                    done = False
                    break
            if not done:
                break
        if done:
            break
    return mul(*fs)


def exp_inverse_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """exp(k*atanh(u)), exp(k*acoth(u)), exp(k*asinh(u)), exp(k*acosh(u)) (k an integer)
    written as algebraic functions of u, then integrated."""
    from .engine import split_constant
    from .verify import verify

    found: dict[Expr, list[tuple[Expr, Expr]]] = {}
    for n in e.preorder():
        if not (n.is_Function and n.fdef.name == "exp" and _has(n, x)) or n in found:
            continue
        k, g = split_constant(n.args[0], x)
        kv = _int(k)
        if kv is None or not (g.is_Function and g.fdef.name in ("atanh", "acoth", "asinh",
                                                                  "acosh")):
            return None
        forms = _exp_forms(g.fdef.name, g.args[0], kv)
        if not forms:
            return None
        found[n] = forms
    if not found:
        return None
    from .parts import is_polynomial

    try:   # a polynomial multiplier: (1 + u)^k/(1 - u^2)^(k/2) first (asin, sqrt forms)
        if is_polynomial(subs(e, dict.fromkeys(found, ONE)), x):
            found = {n: v[::-1] for n, v in found.items()}
    except (SymcalcError, ArithmeticError):
        pass
    for i in range(max(len(v) for v in found.values())):
        table = {n: v[min(i, len(v) - 1)][0] for n, v in found.items()}
        signs = {v[min(i, len(v) - 1)][1] for v in found.values()} - {ONE}
        if len(signs) > 1:
            continue
        sign = signs.pop() if signs else ONE
        try:
            h = _absorb(subs(e, table), x)
        except (SymcalcError, ArithmeticError):
            continue
        st = ctx.integrate(h, x)
        if st is None:
            continue
        F = mul(sign, st.result)
        if sign is not ONE and not verify(F, e, x):
            continue
        return Step("exponential of an inverse hyperbolic function", e, x, F, (st,),
                    f"as {h}")
    return None


# --------------------------------------------------------------------------- u = asin(p*x + q)


def _kind(name: str, t: Symbol) -> tuple[Expr, Expr, int]:
    """(S(t), W(t), sign s) for name: u = S(t), W(t) = sqrt(s*(1 - u^2)) on the branch."""
    from ...core.functions import cos, cosh, sin, sinh

    if name in _RECIPROCAL:   # asec(u) = acos(1/u): u = 1/cos(t)
        S, W, s = _kind(_RECIPROCAL[name], t)
        return power(S, MINUS_ONE), W, s
    if name == "atan":        # u = tan(t), 1 + u^2 = cos(t)^-2
        return mul(sin(t), power(cos(t), MINUS_ONE)), cos(t), 1
    if name == "atanh":       # u = tanh(t), 1 - u^2 = cosh(t)^-2
        return mul(sinh(t), power(cosh(t), MINUS_ONE)), cosh(t), -1
    return {"asin": (sin(t), cos(t), 1), "acos": (cos(t), sin(t), 1),
            "asinh": (sinh(t), cosh(t), -1), "acosh": (cosh(t), sinh(t), -1)}[name]


#: asec(u) = acos(1/u), acsc(u) = asin(1/u), asech(u) = acosh(1/u), acsch(u) = asinh(1/u)
_RECIPROCAL = {"asec": "acos", "acsc": "asin", "asech": "acosh", "acsch": "asinh"}


def _radicals(e: Expr, x: Symbol, u: Expr, name: str, W: Expr, g: Expr,
              outer: list[Expr] | None = None) -> Expr | None:
    """e with every radical of the domain's quadratic written with W (None when some other
    non-integer power of x is left): (d - d*u^2)^r -> d^r*W^(2r), and products
    (k1*(1 + u))^r1*(k2*(1 - u))^r2 with r1 - r2 an integer alike."""
    from .radicals import poly_coeffs

    def radical(n: Expr) -> bool:   # (a + b*asin(c*x))^(5/2) is substituted, not a radical
        return n.is_Pow and _has(n, x) and n.args[1].is_Number \
            and not isinstance(n.args[1].value, int) and g not in n.args[0].preorder()

    if name in _RECIPROCAL:   # radicals of 1 - 1/u^2 are not rewritten
        if any(radical(n) for n in e.preorder()):
            return None
        return e
    if name in ("asin", "acos"):
        quad = expand(add(1, mul(MINUS_ONE, power(u, 2))))
        lin = (expand(add(1, u)), expand(add(1, mul(MINUS_ONE, u))))
    elif name in ("asinh", "atan"):
        quad = expand(add(1, power(u, 2)))
        lin = None
    elif name == "atanh":
        quad = expand(add(1, mul(MINUS_ONE, power(u, 2))))
        lin = None
    else:
        quad = expand(add(power(u, 2), -1))
        lin = (expand(add(u, 1)), expand(add(u, -1)))

    def ratio(b: Expr, ref: Expr) -> Expr | None:
        """b/ref when free of x (both polynomials in x)."""
        bc, rc = poly_coeffs(b, x), poly_coeffs(ref, x)
        if bc is None or rc is None or len(bc) != len(rc):
            return None
        c = mul(bc[-1], power(rc[-1], MINUS_ONE))
        for i in range(len(bc)):
            if expand(add(bc[i], mul(MINUS_ONE, c, rc[i]))) is not ZERO:
                return None
        return c

    if outer is None:
        outer = []
    factors = list(e.args) if e.is_Mul else [e]
    out: list[Expr] = []
    pending: list[tuple[int, Expr, Fraction]] = []   # (which linear factor, const, r)
    wexp = -2 if name in ("atan", "atanh") else 2   # quad = W^wexp
    for f in factors:
        if name in ("atan", "atanh") and _has(f, x):   # integer powers of quad as well
            b, r = (f.args[0], f.args[1]) if f.is_Pow and f.args[1].is_Number else (f, ONE)
            c = ratio(b, quad) if b.is_Add else None
            if c is not None and not isinstance(r.value, float):
                out.append(mul(power(c, r), power(W, mul(wexp, r))))
                continue
        if radical(f):
            b, r = f.args
            if isinstance(r.value, float):
                return None
            c = ratio(b, quad)
            if c is not None and name == "acosh":
                # (d - d*u^2)^r = K*(sqrt(u - 1)*sqrt(u + 1))^(2r) with K constant (zero
                # derivative) on the domain: K stays outside the integral
                from ...core.functions import sqrt

                K = mul(f, power(mul(sqrt(add(u, -1)), sqrt(add(u, 1))), mul(-2, r)))
                outer.append(K)
                out.append(power(W, mul(wexp, r)))
                continue
            if c is not None:
                out.append(mul(power(c, r), power(W, mul(wexp, r))))
                continue
            if lin is not None:
                hit = False
                for i, ref in enumerate(lin):
                    c = ratio(b, ref)
                    if c is not None:
                        pending.append((i, c, Fraction(r.value)))
                        hit = True
                        break
                if hit:
                    continue
            return None
        if any(radical(n) for n in f.preorder()):
            return None
        out.append(f)
    # pair the linear factors: (1 + u)^r1*(1 - u)^r2 = (1 + u)^(r1 - r2)*quad^r2
    plus = [p for p in pending if p[0] == 0]
    minus = [p for p in pending if p[0] == 1]
    if len(plus) > 1 or len(minus) > 1 or len(plus) != len(minus):
        return None
    if plus:
        (_, c1, r1), (_, c2, r2) = plus[0], minus[0]
        if (r1 - r2).denominator != 1:
            return None
        out.append(mul(power(c1, number(r1)), power(c2, number(r2)),
                       power(lin[0], number(r1 - r2)), power(W, number(2 * r2))))
    return mul(*out)


def _trig_atoms(e: Expr, t: Symbol) -> bool:
    return any(n.is_Function and n.fdef.name in ("sin", "cos", "sinh", "cosh")
               and n.args[0] is t for n in e.preorder())


def _linearize(h: Expr, t: Symbol, hyper: bool) -> Expr | None:
    """A product A(t)*sin(t)^i*cos(t)^j (sinh, cosh) as a sum of A(t)*sin(k*t)/cos(k*t)
    (exact coefficients, by expanding in z = exp(i*t))."""
    from ...core.functions import cos, cosh, sin, sinh

    sname, cname = ("sinh", "cosh") if hyper else ("sin", "cos")
    factors = list(h.args) if h.is_Mul else [h]
    i = j = 0
    rest = []
    for f in factors:
        b, k = (f.args[0], _int(f.args[1])) if f.is_Pow else (f, 1)
        if b.is_Function and b.args[0] is t and b.fdef.name in (sname, cname) \
                and k is not None and k > 0:
            if b.fdef.name == sname:
                i += k
            else:
                j += k
            continue
        if any(n.is_Function and n.fdef.name in ("sin", "cos", "sinh", "cosh", "tan", "sec",
                                                  "csc", "cot", "tanh", "sech", "csch",
                                                  "coth") and _has(n, t)
               for n in f.preorder()):
            return None
        rest.append(f)
    if i + j <= 1:
        return None
    # polynomial in z with Gaussian-rational coefficients: dict power -> (re, im)
    poly = {0: (Fraction(1), Fraction(0))}

    def times(p: dict, a: tuple, b: tuple) -> dict:
        """p*(a*z + b/z)."""
        q: dict = {}
        for n, (re, im) in p.items():
            for dn, (cr, ci) in ((1, a), (-1, b)):
                r0, i0 = q.get(n + dn, (Fraction(0), Fraction(0)))
                q[n + dn] = (r0 + re * cr - im * ci, i0 + re * ci + im * cr)
        return q

    one, mone, zero = Fraction(1), Fraction(-1), Fraction(0)
    for _ in range(i):    # sin = (z - 1/z)/(2i) = (-i/2) z + (i/2)/z; sinh = (z - 1/z)/2
        poly = times(poly, (one / 2, zero), (mone / 2, zero)) if hyper else \
            times(poly, (zero, mone / 2), (zero, one / 2))
    for _ in range(j):
        poly = times(poly, (one / 2, zero), (one / 2, zero))
    A = mul(*rest)
    terms = []
    for n in sorted(k for k in poly if k >= 0):
        cp = poly.get(n, (zero, zero))
        cm = poly.get(-n, (zero, zero))
        if n == 0:
            terms.append(mul(number(cp[0]), A))
            continue
        # cp z^n + cm z^-n
        if hyper:
            cc, ss = cp[0] + cm[0], cp[0] - cm[0]
            terms += [mul(number(cc), A, cosh(mul(n, t))), mul(number(ss), A, sinh(mul(n, t)))]
        else:   # z^n = cos + i sin: real part cos*(cp+cm).re - sin*(cp-cm).im
            cc, ss = cp[0] + cm[0], -(cp[1] - cm[1])
            terms += [mul(number(cc), A, cos(mul(n, t))), mul(number(ss), A, sin(mul(n, t)))]
    return add(*terms)


def _over_linear(f: Expr, t: Symbol, ctx: Context) -> Expr | None:
    """∫ trig(m*t)*(a + b*t)^(-k) dt for k >= 1 (trig = sin, cos, sinh, cosh): parts down
    to k = 1, then Si/Ci (Shi/Chi) of m*(a + b*t)/b shifted by m*a/b."""
    from ...core.functions import cos, cosh, sin, sinh
    from ...core.functions_special import Chi, Ci, Shi, Si
    from .engine import split_constant

    c, dep = split_constant(f, t)
    fs = list(dep.args) if dep.is_Mul else [dep]
    trig = [g for g in fs if g.is_Function and g.fdef.name in ("sin", "cos", "sinh", "cosh")]
    if len(trig) != 1 or len(fs) != 2:
        return None
    g = trig[0]
    w = fs[0] if fs[1] is g else fs[1]
    if not w.is_Pow or not w.args[1].is_Number:
        return None
    lin = _linear(w.args[0], t)
    mlin = _linear(g.args[0], t)
    if lin is None or mlin is None or mlin[1] is not ZERO:
        return None
    b, a = lin
    m = mlin[0]
    name = g.fdef.name
    rv = w.args[1].value
    if not isinstance(rv, int):
        if isinstance(rv, float) or Fraction(rv).denominator != 2:
            return None
        r = _half_power(w.args[0], Fraction(rv), g, t, a, b, m, ctx)
        return None if r is None else mul(c, r)
    if rv >= 0:
        return None
    k = -rv
    if k == 1:
        s = mul(m, a, power(b, MINUS_ONE))           # m*t = m*(a + b*t)/b - s
        z = mul(m, w.args[0], power(b, MINUS_ONE))
        if name in ("sin", "cos"):
            S, C = Si(z), Ci(z)
            if name == "sin":   # sin(z - s) = sin z cos s - cos z sin s
                r = add(mul(cos(s), S), mul(MINUS_ONE, sin(s), C))
            else:               # cos(z - s) = cos z cos s + sin z sin s
                r = add(mul(cos(s), C), mul(sin(s), S))
        else:
            S, C = Shi(z), Chi(z)
            if name == "sinh":  # sinh(z - s) = sinh z cosh s - cosh z sinh s
                r = add(mul(cosh(s), S), mul(MINUS_ONE, sinh(s), C))
            else:
                r = add(mul(cosh(s), C), mul(MINUS_ONE, sinh(s), S))
        return mul(c, r, power(b, MINUS_ONE))
    ctx.check()
    # ∫ g w^-k = -g w^(1-k)/(b(k-1)) + 1/(b(k-1)) ∫ g' w^(1-k)
    gp = _d(g, t)
    inner = 0
    parts = []
    for term in (expand(gp).args if expand(gp).is_Add else (expand(gp),)):
        r = _over_linear(mul(term, power(w.args[0], 1 - k)), t, ctx)
        if r is None:
            return None
        parts.append(r)
        inner += 1
    den = power(mul(b, k - 1), MINUS_ONE)
    return mul(c, add(mul(MINUS_ONE, g, power(w.args[0], 1 - k), den), mul(den, add(*parts))))


def _half_power(W: Expr, r: Fraction, g: Expr, t: Symbol, a: Expr, b: Expr, m: Expr,
                ctx: Context) -> Expr | None:
    """∫ W^r*g dt for W = a + b*t, r a half-integer and g = sin/cos(m*t): parts (raising
    or lowering r) down to r = -1/2, then Fresnel integrals of sqrt(W). (sinh, cosh would
    need erfi, which the registry lacks: None.)"""
    from ...core.functions import cos, cosh, sin, sinh, sqrt
    from ...core.functions_special import fresnelc, fresnels
    from ...core.numbers import pi

    ctx.check()
    name = g.fdef.name
    if name not in ("sin", "cos"):
        return None
    G = {"sin": mul(MINUS_ONE, cos(g.args[0])), "cos": sin(g.args[0]),
         "sinh": cosh(g.args[0]), "cosh": sinh(g.args[0])}[name]   # ∫ g dt * m
    Gp = _d(g, t)                                               # g' = m * (co-function)
    if r == Fraction(-1, 2):
        k = mul(m, power(b, MINUS_ONE))
        s = mul(m, a, power(b, MINUS_ONE))       # m*t = k*W - s
        if name in ("sin", "cos"):
            z = mul(sqrt(mul(2, k, power(pi, MINUS_ONE))), sqrt(W))
            fac = mul(sqrt(mul(2, pi, power(k, MINUS_ONE))), power(b, MINUS_ONE))
            S, C = mul(fac, fresnels(z)), mul(fac, fresnelc(z))   # ∫ sin(kW)/sqrt(W) dt, cos
            if name == "sin":
                return add(mul(cos(s), S), mul(MINUS_ONE, sin(s), C))
            return add(mul(cos(s), C), mul(sin(s), S))
        return None
    if r > Fraction(-1, 2):
        # ∫ W^r g = W^r G/m - (r b/m) ∫ W^(r-1) G
        inner = _half_terms(mul(power(W, number(r - 1)), G), W, r - 1, t, a, b, m, ctx)
        if inner is None:
            return None
        return add(mul(power(W, number(r)), G, power(m, MINUS_ONE)),
                   mul(MINUS_ONE, number(r), b, power(m, MINUS_ONE), inner))
    # r < -1/2: ∫ W^r g = W^(r+1) g/(b(r+1)) - 1/(b(r+1)) ∫ W^(r+1) g'
    inner = _half_terms(mul(power(W, number(r + 1)), Gp), W, r + 1, t, a, b, m, ctx)
    if inner is None:
        return None
    den = power(mul(b, number(r + 1)), MINUS_ONE)
    return add(mul(power(W, number(r + 1)), g, den), mul(MINUS_ONE, den, inner))


def _half_terms(e: Expr, W: Expr, r: Fraction, t: Symbol, a: Expr, b: Expr, m: Expr,
                ctx: Context) -> Expr | None:
    """∫ e dt for e a sum of constant*W^r*g terms (g a sin/cos/sinh/cosh of m*t)."""
    from .engine import split_constant

    out = []
    for term in (expand(e).args if expand(e).is_Add else (expand(e),)):
        c, dep = split_constant(term, t)
        gs = [f for f in (dep.args if dep.is_Mul else (dep,)) if f.is_Function]
        if len(gs) != 1:
            return None
        res = _half_power(W, r, gs[0], t, a, b, m, ctx)
        if res is None:
            return None
        out.append(mul(c, res))
    return add(*out)


def _num_expand(h: Expr) -> Expr:
    """h multiplied out, but its denominators (negative powers) kept as they are:
    (a + b*t)^-3 stays a power of the linear a + b*t, for the Si/Ci reduction."""
    if h.is_Add:
        return add(*(_num_expand(t) for t in h.args))
    fs = h.args if h.is_Mul else (h,)
    den = [f for f in fs if f.is_Pow and f.args[1].is_Number and f.args[1].value < 0]
    num = expand(mul(*(f for f in fs if f not in den)))
    D = mul(*den)
    return add(*(mul(t, D) for t in (num.args if num.is_Add else (num,))))


def _negative_trig_power(term: Expr, t: Symbol) -> bool:
    for f in (term.args if term.is_Mul else (term,)):
        if f.is_Pow and f.args[0].is_Function and _has(f.args[0], t) \
                and f.args[1].is_Number and f.args[1].value < 0:
            return True
    return False


def _integrate_terms(h: Expr, t: Symbol, ctx: Context) -> Expr | None:
    terms = h.args if h.is_Add else (h,)
    out = []
    for term in terms:
        r = _over_linear(term, t, ctx)   # Si/Ci, Shi/Chi: no abs(t) forms
        if r is not None:
            out.append(r)
            continue
        st = ctx.integrate(term, t)
        if st is None:
            return None
        out.append(st.result)
    return add(*out)


def _multiple_angle(k: int, s: Expr, c: Expr, hyper: bool) -> tuple[Expr, Expr]:
    """(sin(k t), cos(k t)) as polynomials in s = sin t, c = cos t (sinh, cosh alike)."""
    sk, ck = ZERO, ONE
    for _ in range(k):
        # sin((n+1)t) = sin nt cos t + cos nt sin t; cos((n+1)t) = cos nt cos t -/+ ...
        sk, ck = add(mul(sk, c), mul(ck, s)), add(mul(ck, c),
                                                  mul(ONE if hyper else MINUS_ONE, sk, s))
    return expand(sk), expand(ck)


def _back(F: Expr, t: Symbol, name: str, g: Expr, u: Expr, W: Expr) -> Expr:
    """F(t) with t = g(x): multiple angles expanded, sin t -> u, cos t -> sqrt(...)."""
    from ...core.functions import sqrt

    if name in _RECIPROCAL:   # the sine/cosine of t = asec(u) is that of acos(1/u)
        name, u = _RECIPROCAL[name], power(u, MINUS_ONE)
    hyper = name in ("asinh", "acosh", "atanh")
    if name in ("atan", "atanh"):   # cos t = 1/sqrt(1 + u^2), sin t = u/sqrt(1 + u^2)
        Wx = sqrt(expand(add(1, mul(1 if name == "atan" else MINUS_ONE, power(u, 2)))))
        s_, c_ = mul(u, power(Wx, MINUS_ONE)), power(Wx, MINUS_ONE)
    elif name == "asin":
        Wx = sqrt(expand(add(1, mul(MINUS_ONE, power(u, 2)))))
        s_, c_ = u, Wx
    elif name == "acos":
        Wx = sqrt(expand(add(1, mul(MINUS_ONE, power(u, 2)))))
        s_, c_ = Wx, u
    elif name == "asinh":
        Wx = sqrt(expand(add(1, power(u, 2))))
        s_, c_ = u, Wx
    else:
        Wx = mul(sqrt(add(u, -1)), sqrt(add(u, 1)))
        s_, c_ = Wx, u
    del W
    table: dict[Expr, Expr] = {}
    sname, cname = ("sinh", "cosh") if hyper else ("sin", "cos")
    for n in F.preorder():
        if n in table or not n.is_Function or not _has(n, t):
            continue
        nm = n.fdef.name
        a = n.args[0]
        k = _int(mul(a, power(t, MINUS_ONE))) if _has(a, t) else None
        if nm in (sname, cname) and k is not None and k != 0:
            sk, ck = _multiple_angle(abs(k), s_, c_, hyper)
            if nm == sname:
                table[n] = sk if k > 0 else mul(MINUS_ONE, sk)
            else:
                table[n] = ck
        elif nm == "exp" and hyper and k is not None:
            table[n] = power(add(s_, c_), k)
    try:
        G = subs(F, table) if table else F
        return subs(G, {t: g})
    except (SymcalcError, ArithmeticError):
        return subs(F, {t: g})


def inverse_substitution_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """u = asin(p*x + q) (acos, asinh, acosh): see the module docstring."""
    nodes = [n for n in e.preorder() if n.is_Function and n.fdef.name in _INVERSE
             and _has(n, x)]
    if not nodes or len(set(nodes)) != 1:
        return None
    g = nodes[0]
    name = g.fdef.name
    if name not in ("asin", "acos", "asinh", "acosh", "atan", "atanh") \
            and name not in _RECIPROCAL:
        return None
    u = g.args[0]
    pq = _linear(u, x)
    if pq is None:
        return None
    p, q = pq
    t = ctx.dummy(e)
    S, W, _ = _kind(name, t)
    try:
        outer: list[Expr] = []
        h = _radicals(e, x, u, name, W, g, outer)
        if h is None:
            return None
        X = mul(add(S, mul(MINUS_ONE, q)), power(p, MINUS_ONE))
        h = subs(h, {g: t})
        h = mul(subs(h, {x: X}), _d(X, t))
        if _has(h, x):
            return None
        h = _num_expand(h)
    except (SymcalcError, ArithmeticError, RecursionError):
        return None
    hyper = name in ("asinh", "acosh", "asech", "acsch", "atanh")
    parts = []
    for term in (h.args if h.is_Add else (h,)):
        if name in ("atan", "atanh") and _negative_trig_power(term, t):
            return None   # x^m*atan(x) and the like: parts does better
        lt = _linearize(term, t, hyper)
        parts.append(lt if lt is not None else term)
    h = add(*(_num_expand(p_) for p_ in parts))
    if h.count_ops() > 40 * e.count_ops() + 200:
        return None
    R = _integrate_terms(h, t, ctx)
    if R is None:
        return None
    F = mul(*outer, _back(R, t, name, g, u, W))
    from .verify import verify

    if not verify(F, e, x):
        return None
    return Step("substitution", e, x, F, (), f"{t} = {g}, {x} = {X}")


# --------------------------------------------------------------------------- sqrt(1 - 1/x^2)


def _laurent(b: Expr, x: Symbol) -> tuple[int, Expr] | None:
    """(j, P) with j odd and P = b*x^(2j) a polynomial, for a sum b with negative powers
    of x (a Laurent polynomial), else None."""
    from .radicals import poly_coeffs

    if not b.is_Add or poly_coeffs(b, x) is not None:
        return None
    for j in (1, 3, 5):
        P = expand(mul(b, power(x, 2 * j)))
        if poly_coeffs(P, x) is not None:
            return j, P
    return None


def laurent_radical_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """B^r for r = m/2 (m odd) and B a Laurent polynomial (1 - 1/(c^2*x^2), c - c/(a*x)):
    with P = B*x^(2j) a polynomial (j odd), B^r = P^r*x^(-2jr)*sign(x) on the real
    domain; the sign is constant on each side of 0, so ∫ = sign(x)*∫ P^r*x^(-2jr) dx,
    and sign(x) = sqrt(P)/(x^j*sqrt(B)) there."""
    from ...core.functions import sqrt

    if ctx.depth > 3:   # a late fallback: deep inside other substitutions it only costs time
        return None
    table: dict[Expr, Expr] = {}
    sign_base: tuple[int, Expr, Expr] | None = None
    flips = 0
    for n in e.preorder():
        if n in table or not (n.is_Pow and n.args[1].is_Number and _has(n.args[0], x)):
            continue
        r = n.args[1].value
        if isinstance(r, int) or isinstance(r, float) or Fraction(r).denominator != 2:
            continue
        lp = _laurent(n.args[0], x)
        if lp is None:
            continue
        j, P = lp
        if sign_base is not None and sign_base[0] != j:
            return None
        sign_base = (j, P, n.args[0])
        table[n] = mul(power(P, n.args[1]), power(x, number(-2 * j * Fraction(r))))
        flips += 1   # sign(x)^(j*m): odd
    if not table:
        return None
    try:
        h = subs(e, table)
    except (SymcalcError, ArithmeticError):
        return None
    st = ctx.integrate(h, x)
    if st is None:
        return None
    F = st.result
    if flips % 2:
        j, P, B = sign_base
        F = mul(sqrt(P), power(mul(power(x, j), sqrt(B)), MINUS_ONE), F)
    from .verify import verify

    if not verify(F, e, x):
        return None
    return Step("radical of a Laurent polynomial", e, x, F, (st,), f"as sign({x})*{h}")


# --------------------------------------------------------------------------- atanh(tanh(u))

#: inverse ∘ direct pairs whose composition has the derivative of its (linear) argument
#: on the real line: piecewise u + constant (atan(tan(u)) = u - k*pi, acoth(tanh(u)) =
#: u + i*pi/2, ...).
_LINEAR_PAIRS = {("atanh", "tanh"), ("acoth", "coth"), ("atanh", "coth"), ("acoth", "tanh"),
                 ("atan", "tan"), ("acot", "cot")}


def linear_composition_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """v = atanh(tanh(p*x + q)) (and the other pairs above) has v' = p, so v = p*x + K with
    K constant on each interval where v is smooth: integrate with K a symbol, then put
    K = v - p*x back (d/dx of the result is unchanged, as v' - p = 0)."""
    found: dict[Expr, Expr] = {}
    for n in e.preorder():
        if n in found or not (n.is_Function and n.args and n.args[0].is_Function):
            continue
        inner = n.args[0]
        if (n.fdef.name, inner.fdef.name) not in _LINEAR_PAIRS or not _has(n, x):
            continue
        lin = _linear(inner.args[0], x)
        if lin is None:
            return None
        found[n] = lin[0]
    if not found:
        return None
    names = {s.name for s in free_symbols(e)}
    table: dict[Expr, Expr] = {}
    back: dict[Expr, Expr] = {}
    for i, (n, p) in enumerate(found.items()):
        name = f"_K{i}"
        while name in names:
            name += "_"
        K = Symbol(name)
        table[n] = add(mul(p, x), K)
        back[K] = add(n, mul(MINUS_ONE, p, x))
    try:
        h = subs(e, table)
    except (SymcalcError, ArithmeticError):
        return None
    st = ctx.integrate(h, x)
    if st is None:
        return None
    try:
        F = subs(st.result, back)
    except (SymcalcError, ArithmeticError):
        return None
    return Step("linear in disguise", e, x, F, (st,),
                ", ".join(f"{n} = {table[n]}" for n in found))


__all__ = ["exp_inverse_method", "inverse_substitution_method", "laurent_radical_method",
           "linear_composition_method"]
