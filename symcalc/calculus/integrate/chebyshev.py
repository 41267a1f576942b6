"""Binomial differentials x^m*(a + b*x^n)^p dx (m, n, p rational): Chebyshev's cases.

Chebyshev proved the integral elementary exactly when p, (m + 1)/n or (m + 1)/n + p is
an integer. With p = r/s in lowest terms:

* (m + 1)/n = k an integer: t = (a + b*x^n)^(1/s), x^n = (t^s - a)/b and

      x^m*(a + b*x^n)^p dx = s/(n*b) * ((t^s - a)/b)^(k - 1) * t^(r + s - 1) dt;

* (m + 1)/n + p = k an integer: t = (a + b*x^n)^(1/s)/x^(n/s), x^n = a/(t^s - b) and

      x^m*(a + b*x^n)^p dx = -s/(n*a) * (a/(t^s - b))^(k + 1) * t^(r + s - 1) dt;

both rational in t (the case of an integer p is a rational function of x^(1/L) and is
left to the substitutions). The relations used hold for the principal powers, so the
antiderivative put back in x is one wherever the integrand is defined: for n = 3,
s = 3 the new variable (x^3 + 2)^(1/3)/x is real on the whole real line.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("1/(x^2*(1 + x^4)^(3/4))"), x)
-(x^4 + 1)^(1/4)/x
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _rational(e: Expr) -> Fraction | None:
    if e.is_Number and isinstance(e.value, (int, Fraction)):
        return Fraction(e.value)
    return None


def _monomial(f: Expr, x: Symbol) -> tuple[Expr, Fraction] | None:
    """(c, n) for f = c*x^n, n rational and nonzero."""
    from .engine import split_constant

    c, dep = split_constant(f, x)
    if dep is x:
        return c, Fraction(1)
    if dep.is_Pow and dep.args[0] is x:
        n = _rational(dep.args[1])
        if n:
            return c, n
    return None


def binomial_parts(e: Expr, x: Symbol) -> tuple[Expr, Fraction, Expr, Expr, Fraction, Fraction
                                                ] | None:
    """(C, m, a, b, n, p) for e = C*x^m*(a + b*x^n)^p, p not an integer."""
    from .engine import split_constant

    C, dep = split_constant(e, x)
    m = Fraction(0)
    B = None
    for f in (dep.args if dep.is_Mul else (dep,)):
        if f is x:
            m += 1
        elif f.is_Pow and f.args[0] is x and _rational(f.args[1]) is not None:
            m += _rational(f.args[1])
        elif f.is_Pow and f.args[0].is_Add and B is None and _rational(f.args[1]) is not None:
            B = f
        else:
            return None
    if B is None:
        return None
    p = _rational(B.args[1])
    if p.denominator == 1:
        return None
    terms = B.args[0].args
    consts = [t for t in terms if not _has(t, x)]
    if len(terms) != 2 or len(consts) != 1:
        return None
    a = consts[0]
    mono = _monomial(terms[1] if terms[0] is a else terms[0], x)
    if mono is None:
        return None
    b, n = mono
    return C, m, a, b, n, p


def chebyshev_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ x^m*(a + b*x^n)^p dx in Chebyshev's second and third cases."""
    bp = binomial_parts(e, x)
    if bp is None:
        return None
    C, m, a, b, n, p = bp
    r, s = p.numerator, p.denominator
    k2 = (m + 1) / n
    k3 = k2 + p
    t = ctx.dummy(e, x)
    ts = power(t, number(s))
    base = add(a, mul(b, power(x, number(n))))
    if k2.denominator == 1:
        k = int(k2)
        g = mul(number(Fraction(s) / n), power(b, MINUS_ONE),
                power(mul(add(ts, mul(MINUS_ONE, a)), power(b, MINUS_ONE)), number(k - 1)),
                power(t, number(r + s - 1)))
        back = power(base, number(Fraction(1, s)))
        name = f"{t} = ({base})^(1/{s})"
    elif k3.denominator == 1:
        k = int(k3)
        g = mul(number(-Fraction(s) / n), power(a, MINUS_ONE),
                power(mul(a, power(add(ts, mul(MINUS_ONE, b)), MINUS_ONE)), number(k + 1)),
                power(t, number(r + s - 1)))
        back = mul(power(base, number(Fraction(1, s))), power(x, number(-n / s)))
        name = f"{t} = ({base})^(1/{s})/{x}^({n / s})"
    else:
        return None
    ctx.check()
    try:
        from ...algebra.rational import cancel

        g = cancel(g)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    st = ctx.integrate(g, t)
    if st is None:
        return None
    try:
        F = mul(C, subs(st.result, {t: back}))
    except (SymcalcError, ArithmeticError):
        return None
    from .verify import verify

    if C is ZERO or not verify(F, e, x):
        return None
    return Step("binomial differential (Chebyshev)", e, x, F, (st,), name)


__all__ = ["binomial_parts", "chebyshev_method"]
