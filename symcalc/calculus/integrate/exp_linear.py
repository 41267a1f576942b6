"""Exponentials of linear arguments against trigonometric and hyperbolic polynomials.

* P(x) * exp-factors * R(sinh u, cosh u, tanh u, ...) with u linear, where R written with
  E = exp(u) is a Laurent polynomial Σ c_j E^j (1/(a + a*tanh u) = (1 + E^-2)/(2a),
  sinh(u)^3*cosh(u)^2): the integrand is Σ c_j P(x)*exp(L_j(x)) with L_j linear, each a
  closed form ∫ P e^(αx+β) = e^(αx+β) Σ_k (-1)^k P^(k)/α^(k+1).
* exp-factors * a polynomial in sin, cos of linear arguments (F^(c*(a + b*x))*cos(d + e*x)^3):
  the product-to-sum formulas give Σ c_j sin|cos(m_j x + p_j), and

      ∫ e^(αx+β) sin(mx+p) dx = e^(αx+β) (α sin(mx+p) - m cos(mx+p))/(α² + m²),
      ∫ e^(αx+β) cos(mx+p) dx = e^(αx+β) (α cos(mx+p) + m sin(mx+p))/(α² + m²).

Applies only where an exponential factor is present or R has a denominator in E (the
plain products P(x)*sinh^m*cosh^n are the other methods' business), and rejects at once
otherwise.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("exp(x)*cos(x)^2"), x)
exp(x)/2 + exp(x)*(cos(2*x) + 2*sin(2*x))/10
"""

from __future__ import annotations

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

_HYP = ("sinh", "cosh", "tanh", "coth", "sech", "csch")
_TRIG = ("sin", "cos")


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _d(e: Expr, x: Symbol) -> Expr:
    from .substitution import _d as derivative  # kept for the last few hundred

    return derivative(e, x)


def _slope(u: Expr, x: Symbol) -> Expr | None:
    d = _d(u, x)
    if d is ZERO or _has(d, x):
        return None
    return d


def _exponent(f: Expr, x: Symbol) -> Expr | None:
    """L if f = exp(L) or B^L (B free of x) with L linear in x, else None."""
    from ...core.functions import log

    if f.is_Function and f.fdef.name == "exp":
        L = f.args[0]
    elif f.is_Pow and not _has(f.args[0], x):
        L = mul(f.args[1], log(f.args[0]))
    else:
        return None
    return L if _slope(L, x) is not None else None


def _poly_degree(p: Expr, x: Symbol, limit: int = 6) -> int | None:
    d = p
    for k in range(limit + 1):
        if not _has(d, x):
            return k
        d = _d(d, x)
    return None


def _exp_poly(P: Expr, L: Expr, x: Symbol) -> Expr:
    """∫ P(x) exp(L) dx for a polynomial P and L linear in x (not constant)."""
    from ...core.functions import exp

    a = _d(L, x)
    terms = []
    dP, sgn, k = expand(P), ONE, 1
    while dP is not ZERO:
        terms.append(mul(sgn, dP, power(a, number(-k))))
        if not _has(dP, x):
            break
        dP, sgn, k = expand(_d(dP, x)), mul(MINUS_ONE, sgn), k + 1
    return mul(exp(L), add(*terms))


def _split(e: Expr, x: Symbol):
    """(const, polynomial P, exponents L_i, the rest's factors) or None."""
    const, poly, exps, rest, efs = [], [], [], [], []
    for f in (e.args if e.is_Mul else (e,)):
        if not _has(f, x):
            const.append(f)
            continue
        L = _exponent(f, x)
        if L is not None:
            exps.append(L)
            efs.append(f)
        elif not any(n.is_Function for n in f.preorder()) and _poly_degree(f, x) is not None:
            poly.append(f)
        else:
            rest.append(f)
    if not rest:
        return None
    return mul(*const), mul(*poly), exps, rest, mul(*efs)


def _hyperbolic(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    from ...algebra.rational import numer_denom, together
    from ...core.functions import exp

    sp = _split(e, x)
    if sp is None:
        return None
    const, P, exps, rest, G = sp
    R = mul(*rest)
    u = None
    for n in R.preorder():
        if n.is_Function and _has(n, x):
            if n.fdef.name not in _HYP:
                return None
            if u is None:
                u = n.args[0]
            elif n.args[0] != u:
                return None
    if u is None or _slope(u, x) is None:
        return None
    E = ctx.dummy(e, x, positive=True)
    iE = power(E, MINUS_ONE)
    h = number(1) / 2
    sh, ch = mul(h, add(E, mul(MINUS_ONE, iE))), mul(h, add(E, iE))
    forms = {"sinh": sh, "cosh": ch, "tanh": mul(sh, power(ch, MINUS_ONE)),
             "coth": mul(ch, power(sh, MINUS_ONE)), "sech": power(ch, MINUS_ONE),
             "csch": power(sh, MINUS_ONE)}
    mapping = {}
    for n in R.preorder():
        if n.is_Function and n.fdef.name in _HYP:
            mapping[n] = forms[n.fdef.name]
    RE = subs(R, mapping)
    if _has(RE, x):
        return None
    num, den = numer_denom(together(RE))
    den = expand(den)
    if den.is_Add:
        return None
    num = expand(mul(expand(num), power(den, MINUS_ONE)))
    quotient = any((n.is_Function and n.fdef.name in _HYP[2:]) or (
        n.is_Pow and n.args[1].is_Number and n.args[1].value < 0 and _has(n.args[0], x))
        for n in R.preorder())
    if not quotient and (not exps or not (num.is_Add and len(num.args) > 2)):
        return None          # a plain product, exp*sinh: the other methods'
    L0 = add(*exps) if exps else ZERO
    a0 = _d(L0, x)
    terms = []
    for t in (num.args if num.is_Add else (num,)):
        ctx.check()
        c, j = [], ZERO
        for f in (t.args if t.is_Mul else (t,)):
            if f is E:
                j = add(j, ONE)
            elif f.is_Pow and f.args[0] is E and f.args[1].is_Number:
                j = add(j, f.args[1])
            elif _has(f, E):
                return None
            else:
                c.append(f)
        ju = expand(mul(j, u))
        L = expand(add(mul(a0, x), ju))      # G*exp(j*u) = G*exp(ju), G's slope a0
        if _d(L, x) is ZERO:
            st = ctx.integrate(mul(P, *c), x) if _has(P, x) else None
            if _has(P, x) and st is None:
                return None
            terms.append(mul(G, exp(ju), st.result if st else mul(P, *c, x)))
            continue
        terms.append(mul(*c, G, exp(ju), _exp_poly(P, L, x), exp(mul(MINUS_ONE, L))))
    return Step("exponential form of hyperbolic functions", e, x, mul(const, add(*terms)), ())


def _trig(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    from ...core.functions import cos, sin
    from .trig import product_to_sum

    sp = _split(e, x)
    if sp is None:
        return None
    const, P, exps, rest, G = sp
    if not exps or _has(P, x):
        return None
    T = expand(mul(*rest))
    if not T.is_Add and not (T.is_Mul or (T.is_Pow and T.args[1].is_Number)):
        return None          # exp*sin: integration by parts, as a textbook does
    L = add(*exps)
    al = _d(L, x)
    terms = []
    for mono in (T.args if T.is_Add else (T,)):
        ctx.check()
        c, fs = [], []
        for f in (mono.args if mono.is_Mul else (mono,)):
            b, k = (f.args if f.is_Pow else (f, ONE))
            if b.is_Function and b.fdef.name in _TRIG and _has(b, x):
                if not (k.is_Number and isinstance(k.value, int) and 0 < k.value <= 8) \
                        or _slope(b.args[0], x) is None:
                    return None
                fs.extend([(b.fdef.name, b.args[0])] * k.value)
            elif _has(f, x):
                return None
            else:
                c.append(f)
        s = expand(product_to_sum(fs)) if fs else ONE
        for t in (s.args if s.is_Add else (s,)):
            g, cc = None, []
            for f in (t.args if t.is_Mul else (t,)):
                if g is None and f.is_Function and f.fdef.name in _TRIG and _has(f, x):
                    g = f
                else:
                    cc.append(f)
            co = mul(*c, *cc)
            if g is None:
                terms.append(mul(co, G, power(al, MINUS_ONE)))
                continue
            A = g.args[0]
            m = _d(A, x)
            den = power(add(mul(al, al), mul(m, m)), MINUS_ONE)
            if g.fdef.name == "sin":
                f2 = add(mul(al, sin(A)), mul(MINUS_ONE, m, cos(A)))
            else:
                f2 = add(mul(al, cos(A)), mul(m, sin(A)))
            terms.append(mul(co, G, f2, den))
    return Step("exponential times sines and cosines", e, x, mul(const, P, add(*terms)), ())


def exp_linear_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Exponentials of linear arguments against trig/hyperbolic polynomials (see above)."""
    if not (e.is_Mul or e.is_Pow):
        return None
    expo = hyp = False
    for n in e.preorder():
        if n.is_Function:
            name = n.fdef.name
            if name == "exp":
                expo = True
            elif name in _HYP:
                hyp = True
            elif name not in _TRIG:
                return None
        elif n.is_Pow and _has(n.args[1], x):
            expo = True
    if not (expo or hyp):
        return None
    from .engine import Timeout

    try:
        return _hyperbolic(e, x, ctx) or _trig(e, x, ctx)
    except Timeout:
        raise
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None


__all__ = ["exp_linear_method"]
