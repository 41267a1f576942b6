"""sin, cos, sinh, cosh of a linear argument times a rational function whose denominator
has quadratic factors A*x^2 + B*x + C (with parameters, or irrational roots) or binomial
cubic factors a + b*x^3.

The quadratic factors split over their roots r = (-B ± sqrt(B^2 - 4AC))/(2A) (cubic
ones over -q, q*(1 ± i*sqrt(3))/2 with q = (a/b)^(1/3)), the
rational function becomes Σ c_{j,m}/(x - r_j)^m (c_{j,m} from the Taylor coefficients of
(x - r_j)^k R(x) at r_j) plus a polynomial, and each G(x)/(x - r)^m is the sine/cosine
integral method's (Si, Ci, Shi, Chi after parts). When the roots are not real (a + b*x^2
with a, b > 0) the answer is written with complex constants, as in Rubi's; its derivative
is the integrand for every x, and the driver verifies it.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("sin(x)/(x^2 - 2)"), x)
sqrt(2)*(Ci(x + sqrt(2))*sin(sqrt(2)) - Si(x + sqrt(2))*cos(sqrt(2)))/4
    + sqrt(2)*(Ci(x - sqrt(2))*sin(sqrt(2)) + Si(x - sqrt(2))*cos(sqrt(2)))/4
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_FUNS = ("sin", "cos", "sinh", "cosh")


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _d(e: Expr, x: Symbol) -> Expr:
    from ..diff import diff

    return diff(e, x)


def _poles(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    from ...algebra.factor_expr import factor
    from ...algebra.rational import numer_denom, together
    from ...core.functions import sqrt
    from .radicals import _simp, poly_coeffs
    from .rational import _pdiv

    G, rest = None, []
    for f in e.args:
        if f.is_Function and f.fdef.name in _FUNS and _has(f, x):
            if G is not None:
                return None
            G = f
        else:
            rest.append(f)
    if G is None:
        return None
    s = _d(G.args[0], x)
    if s is ZERO or _has(s, x):
        return None
    R = mul(*rest)
    if any(n.is_Function for n in R.preorder()):
        return None
    n, d = numer_denom(together(R))
    d = factor(d)
    nc, dc = poly_coeffs(n, x), poly_coeffs(d, x)
    if nc is None or dc is None or len(dc) < 3 or len(dc) > 9:
        return None
    lc = ONE_ = number(1)  # noqa: N806
    roots: list[tuple[Expr, int]] = []
    quadratic = False
    for f in (d.args if d.is_Mul else (d,)):
        if not _has(f, x):
            lc = mul(lc, f)
            continue
        b, k = (f.args if f.is_Pow else (f, ONE_))
        if not (k.is_Number and isinstance(k.value, int) and 0 < k.value <= 3):
            return None
        bc = poly_coeffs(b, x)
        if bc is None or len(bc) not in (2, 3, 4):
            return None
        if len(bc) == 4:          # a + b*x^3: roots -q, q*(1 ± i*sqrt(3))/2, q = (a/b)^(1/3)
            from ...core.gaussian import I

            if bc[1] is not ZERO or bc[2] is not ZERO:
                return None
            quadratic = True
            qr = power(mul(bc[0], power(bc[3], MINUS_ONE)), number(1) / 3)
            w = mul(number(1) / 2, add(1, mul(I, sqrt(number(3)))))
            wb = mul(number(1) / 2, add(1, mul(MINUS_ONE, I, sqrt(number(3)))))
            for rt in (mul(MINUS_ONE, qr), mul(qr, w), mul(qr, wb)):
                roots.append((rt, k.value))
            lc = mul(lc, power(bc[3], k))
            continue
        if len(bc) == 2:
            roots.append((_simp(mul(MINUS_ONE, bc[0], power(bc[1], MINUS_ONE))), k.value))
            lc = mul(lc, power(bc[1], k))
            continue
        quadratic = True
        C, B, A = bc
        disc = expand(add(mul(B, B), mul(-4, A, C)))
        if disc is ZERO:
            return None
        rd = sqrt(disc)
        i2a = power(mul(2, A), MINUS_ONE)
        roots.append((mul(add(mul(MINUS_ONE, B), rd), i2a), k.value))
        roots.append((mul(add(mul(MINUS_ONE, B), mul(MINUS_ONE, rd)), i2a), k.value))
        lc = mul(lc, power(A, k))
    if not quadratic:
        return None
    q, r = _pdiv(nc, dc)
    terms = []
    poly = add(*(mul(c, power(x, number(i))) for i, c in enumerate(q) if c is not ZERO))
    if poly is not ZERO:
        st = ctx.integrate(mul(poly, G), x)
        if st is None:
            return None
        terms.append(st.result)
    N = add(*(mul(c, power(x, number(i))) for i, c in enumerate(r)))
    for j, (rj, kj) in enumerate(roots):
        ctx.check()
        others = mul(lc, *(power(add(x, mul(MINUS_ONE, ro)), number(ko))
                           for i, (ro, ko) in enumerate(roots) if i != j))
        h = mul(N, power(others, MINUS_ONE))
        fact = 1
        for m in range(kj, 0, -1):     # coefficient of 1/(x - rj)^m: h^(kj-m)(rj)/(kj-m)!
            c = _simp(mul(subs(h, {x: rj}), power(number(fact), MINUS_ONE)))
            if c is not ZERO:
                st = ctx.integrate(mul(G, power(add(x, mul(MINUS_ONE, rj)), number(-m))), x)
                if st is None:
                    return None
                terms.append(mul(c, st.result))
            h = _d(h, x)
            fact *= kj - m + 1
    return Step("partial fractions over the roots, then sine/cosine integrals", e, x,
                add(*terms), ())


def trig_poles_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """G(linear)*R(x) with quadratic factors in R's denominator (see above)."""
    if not e.is_Mul:
        return None
    from .engine import Timeout

    try:
        return _poles(e, x, ctx)
    except Timeout:
        raise
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None


__all__ = ["trig_poles_method"]
