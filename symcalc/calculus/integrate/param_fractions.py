"""Partial fractions with parameters at the linear factors of the denominator, by Taylor
coefficients (no linear system over Q(parameters)).

For R = N/(L^k*G) with L = p + q*y linear and G(y0) ≠ 0 at its root y0 = -p/q, the part
of R's partial fractions at L is

    Σ_{j<k} g_j / (q^j * L^(k-j)),   g_j = (N/G)^(j)(y0) / j!,

since y - y0 = L/q. The variable y is x, or x^2 when R is a function of x^2
(``1/(x^2*(a + b*x^2)^2*(c + d*x^2)^3)`` has the factors y, a + b*y, c + d*y): each term
is then 1/(p + q*x^2)^j, integrated by the reduction formula of :mod:`.rational`.
Monomial factors y^m (pulled out of the denominator's polynomials too:
``a*x + b*x^3 + c*x^5 = x*(a + b*x^2 + c*x^4)``) are linear factors with y0 = 0. At most
one other factor Q^k may remain; R minus the principal parts is then a polynomial over
Q^k (found by one cancel, so with a few parameters only), left to the other methods.
R must be a proper fraction: then the principal parts are the whole of it when no Q is
there, and nothing has to be cancelled.

The answer holds where the factors are coprime (the g_j finite), as the tables' answers
do; the driver checks it by differentiation.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("1/(x^2*(a + b*x^2))"), x)
-1/(a*x) - sqrt(b)*atan(sqrt(b)*x/sqrt(a))/a^(3/2)
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

#: Highest multiplicity expanded by Taylor coefficients (one derivative per order).
MAX_MULTIPLICITY = 8
#: With another factor Q^k left over, what is left is found by one cancel, whose
#: multivariate gcds are slow beyond this many parameters.
MAX_PARAMS_WITH_OTHER = 4


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _in_square(e: Expr, x: Symbol, y: Symbol) -> Expr | None:
    """e as a function of y = x^2, or None when e is not one."""
    g = subs(e, {x: power(y, number(Fraction(1, 2)))})
    for n in g.preorder():
        if n.is_Pow and _has(n.args[0], y) and not (
                n.args[1].is_Number and isinstance(n.args[1].value, int)):
            return None
    return g


def _factors(e: Expr, y: Symbol) -> tuple[list[Expr], list[tuple[Expr, Expr, int]],
                                          tuple[Expr, int] | None] | None:
    """(numerator factors, [(p, q, k) for (p + q*y)^-k], other denominator factor)."""
    from .radicals import _from_coeffs, poly_coeffs

    num: list[Expr] = []
    lin: dict[tuple[Expr, Expr], int] = {}
    other = None
    for f in (e.args if e.is_Mul else (e,)):
        if not _has(f, y):
            num.append(f)
            continue
        b, k = (f.args if f.is_Pow else (f, ONE))
        if not (k.is_Number and isinstance(k.value, int)):
            return None
        if k.value > 0:
            num.append(f)
            continue
        k = -k.value
        cs = poly_coeffs(b, y)
        if cs is None or len(cs) < 2:
            return None
        v = 0
        while cs[v] is ZERO:
            v += 1
        if v:
            lin[(ZERO, ONE)] = lin.get((ZERO, ONE), 0) + v * k
            cs = cs[v:]
        if len(cs) == 2:
            key = (cs[0], cs[1])
            lin[key] = lin.get(key, 0) + k
        elif len(cs) > 2:
            if other is not None:
                return None
            other = (_from_coeffs(cs, y), k)
    if not lin or any(k > MAX_MULTIPLICITY for k in lin.values()):
        return None
    return num, [(p, q, k) for (p, q), k in lin.items()], other


def local_fractions_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Partial fractions at the linear factors (in x or in x^2), by Taylor coefficients."""
    from .poly_param import _factor_small
    from .radicals import _simp

    y = ctx.dummy(e, x)
    g = _in_square(e, x, y)
    square = g is not None and _has(g, y)
    if not square:
        g = subs(e, {x: y})
    got = _factors(g, y)
    if got is None:
        return None
    num, lin, other = got
    if other is not None and square and len(lin) == 1 and lin[0][0] is ZERO:
        return None  # y^m/Q(y): u = x^2 or Q's own methods
    if other is None and len(lin) == 1:
        return None  # one linear power: the methods for it
    from .radicals import poly_coeffs

    N = mul(*num)
    # a proper fraction only (its partial fractions have no polynomial part)
    deg_d = sum(k for _p, _q, k in lin) + (0 if other is None else
                                           (len(poly_coeffs(other[0], y)) - 1) * other[1])
    nc = poly_coeffs(N, y)
    if nc is None or len(nc) - 1 >= deg_d:
        return None
    if other is not None and len(free_symbols(g)) > MAX_PARAMS_WITH_OTHER + 1:
        return None
    parts: list[tuple[Expr, Expr, Expr, int]] = []   # (coefficient, p, q, power)
    try:
        for i, (p, q, k) in enumerate(lin):
            ctx.check()
            rest = [N]
            for j2, (p2, q2, k2) in enumerate(lin):
                if j2 != i:
                    rest.append(power(add(p2, mul(q2, y)), number(-k2)))
            if other is not None:
                rest.append(power(other[0], number(-other[1])))
            G = mul(*rest)
            y0 = _simp(mul(MINUS_ONE, p, power(q, MINUS_ONE)))
            from ..diff import diff

            fact = ONE
            for j in range(k):
                ctx.check()
                gj = _simp(mul(subs(G, {y: y0}), power(fact, MINUS_ONE)))
                if gj is not ZERO:
                    c = _factor_small(_simp(mul(gj, power(q, number(-j)))))
                    parts.append((c, p, q, k - j))
                if j + 1 < k:
                    G = diff(G, y)
                    fact = mul(fact, number(j + 1))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    # what is left: a polynomial (over Q^k when another factor is there)
    rest = ZERO
    if other is not None:   # what is left: a polynomial over Q^k
        principal = add(*(mul(c, power(add(p, mul(q, y)), number(-k)))
                          for c, p, q, k in parts))
        try:
            from ...algebra.rational import cancel

            rest = cancel(add(g, mul(MINUS_ONE, principal)))
        except (SymcalcError, ArithmeticError):
            return None
    back = {y: mul(x, x)} if square else {y: x}
    terms = []
    for c, p, q, k in parts:
        ctx.check()
        if square:
            if p is ZERO:   # c/x^(2k)
                terms.append(mul(c, power(number(1 - 2 * k), MINUS_ONE),
                                 power(x, number(1 - 2 * k))))
                continue
            from .rational import _inverse_quadratic_power

            B = add(p, mul(q, x, x))
            I = _inverse_quadratic_power(q, ZERO, p, B, k, x, ctx)
            if I is None:
                return None
            terms.append(mul(c, I))
        else:
            L = add(p, mul(q, x))
            from ...core.functions import log

            terms.append(mul(c, power(q, MINUS_ONE), log(L)) if k == 1 else
                         mul(c, power(mul(q, number(1 - k)), MINUS_ONE),
                             power(L, number(1 - k))))
    if rest is not ZERO:
        try:
            r = subs(rest, back)
        except SymcalcError:
            return None
        st = ctx.integrate(r, x)
        if st is None:
            return None
        terms.append(st.result)
    return Step("partial fractions", e, x, add(*terms), (),
                "at the linear factors" + (" in x^2" if square else ""))


__all__ = ["local_fractions_method"]
