"""∫ P(x) exp(K*L^n + γ) dx for a linear L = c + d*x, an integer n ∉ {0, 1} and a
polynomial (or Laurent polynomial in L) P: u = L, and for n < 0 also w = 1/u, leave sums
of ∫ w^j exp(K*w^N) dw with N >= 1:

* N = 1, 2: the table, the Gaussian and the reduction by parts (Ei, erf, erfi);
* N >= 3, s = (j + 1)/N: s a positive integer is elementary (u = w^N, then parts), s = 0
  gives Ei(K*w^N)/N, s < 0 is raised by parts,

      ∫ w^j e^(K w^N) = w^(j+1) e^(K w^N)/(j+1) - K*N/(j+1) ∫ w^(j+N) e^(K w^N),

  and any other s is left unevaluated: w^(j+1) γ(s, -K w^N)/(N (-K w^N)^s) is a real
  antiderivative (γ(s, z)/z^s is entire in z), but mpmath's lower incomplete gamma of a
  negative argument can recurse without end, so the answer could not be checked.

Constant bases come here as exp(u*log f): f^(c/(a + b*x)^2)*x^3.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("(a + b*x)^2*exp(e/(c + d*x))"), x).has(parse("Ei(e/(c + d*x))"))
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: the largest |n| and polynomial degree taken on
MAX_N = 8
MAX_DEGREE = 12


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _argument(arg: Expr, x: Symbol) -> tuple[Expr, Expr, Expr, int] | None:
    """(γ, K, L, n) with arg = γ + K*L^n, L = x or a linear sum, n integer ∉ {0, 1}."""
    from .radicals import poly_coeffs

    terms = arg.args if arg.is_Add else (arg,)
    dep = [t for t in terms if _has(t, x)]
    if len(dep) != 1:
        return None
    gamma = add(*(t for t in terms if not _has(t, x)))
    t = dep[0]
    K, pw = [], None
    for f in (t.args if t.is_Mul else (t,)):
        if not _has(f, x):
            K.append(f)
        elif pw is None:
            pw = f
        else:
            return None
    if pw is None:
        return None
    if pw.is_Pow and pw.args[1].is_Number and isinstance(pw.args[1].value, int):
        L, n = pw.args[0], pw.args[1].value
    else:
        L, n = pw, 1
    if n in (0, 1) or abs(n) > MAX_N:
        return None
    cs = poly_coeffs(L, x)
    if cs is None or len(cs) != 2:
        return None
    return gamma, mul(*K), L, n


def exp_power_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ P(x) exp(K*L^n + γ): see the module docstring."""
    from ...core.expand import expand
    from ...core.functions import exp
    from .radicals import poly_coeffs

    fac = None
    rest = []
    for f in (e.args if e.is_Mul else (e,)):
        if f.is_Function and f.fdef.name == "exp" and _has(f, x):
            if fac is not None:
                return None
            fac = f
        else:
            rest.append(f)
    if fac is None:
        return None
    parsed = _argument(fac.args[0], x)
    if parsed is None:
        return None
    gamma, K, L, n = parsed
    if L is x and n == 2:
        return None        # the Gaussian and the reduction by parts
    c, d = poly_coeffs(L, x)
    u = ctx.dummy(e, x)
    try:
        R = subs(mul(*rest), {L: u})
        R = expand(subs(R, {x: mul(add(u, mul(MINUS_ONE, c)), power(d, MINUS_ONE))}))
    except (SymcalcError, ArithmeticError):
        return None
    if _has(R, x):
        return None
    # R = Σ p_k u^k
    coeffs: dict[int, list[Expr]] = {}
    for t in (R.args if R.is_Add else (R,)):
        k, cf = 0, []
        for f in (t.args if t.is_Mul else (t,)):
            if f is u:
                k += 1
            elif f.is_Pow and f.args[0] is u and f.args[1].is_Number \
                    and isinstance(f.args[1].value, int):
                k += f.args[1].value
            elif _has(f, u):
                return None
            else:
                cf.append(f)
        coeffs.setdefault(k, []).append(mul(*cf))
    if len(coeffs) > MAX_DEGREE + 1:
        return None
    w = ctx.dummy(e, x, u)
    terms, steps = [], []
    for k in sorted(coeffs):
        ctx.check()
        if n > 0:
            r = _power_exp(k, n, K, w, ctx)
            if r is None:
                return None
            F = subs(r[0], {w: L})
        else:
            r = _power_exp(-k - 2, -n, K, w, ctx)
            if r is None:
                return None
            F = mul(MINUS_ONE, subs(r[0], {w: power(L, MINUS_ONE)}))
        steps.extend(r[1])
        terms.append(mul(add(*coeffs[k]), F))
    G = mul(exp(gamma), power(d, MINUS_ONE), add(*terms))
    return Step("exponential of a power of a linear", e, x, G, tuple(steps),
                f"{u} = {L}" + (f", {w} = 1/{u}" if n < 0 else ""))


def _power_exp(j: int, N: int, K: Expr, w: Symbol, ctx: Context
               ) -> tuple[Expr, list[Step]] | None:
    """∫ w^j exp(K*w^N) dw (no constant of integration) and its sub-steps."""
    from ...core.functions import Ei, exp

    E = exp(mul(K, power(w, number(N))))
    s = Fraction(j + 1, N)
    if N <= 2 or (s.denominator == 1 and s > 0):
        st = ctx.integrate(mul(power(w, number(j)), E), w)
        return None if st is None else (st.result, [st])
    if s == 0:
        return mul(power(number(N), MINUS_ONE), Ei(mul(K, power(w, number(N))))), []
    if s < 0:
        # parts: raise j by N
        r = _power_exp(j + N, N, K, w, ctx)
        if r is None:
            return None
        F = add(mul(power(w, number(j + 1)), E, power(number(j + 1), MINUS_ONE)),
                mul(number(-N), K, power(number(j + 1), MINUS_ONE), r[0]))
        return F, r[1]
    # s > 0 not an integer: w^(j+1) γ(s, -K w^N)/(N (-K w^N)^s) is an antiderivative,
    # real for real w, but mpmath's lower incomplete gamma of a negative argument can
    # recurse without end (the check would hang): left unevaluated
    return None

__all__ = ["exp_power_method"]
