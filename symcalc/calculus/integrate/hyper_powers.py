"""Even powers of sinh and cosh of one linear argument, by the reduction formula.

sinh(A)^m*cosh(A)^n with m, n even and >= 0 is a polynomial in cosh(A)^2 (sinh^2 =
cosh^2 - 1), and

    ∫ cosh(A)^k dA = cosh(A)^(k-1)*sinh(A)/k + (k-1)/k*∫ cosh(A)^(k-2) dA,

down to ∫ dA = A.  The answer is a polynomial in sinh and cosh, as the trigonometric
reduction formula gives for cos(x)^8, not a rational function of tanh(A), whose
denominator (1 - tanh(A)^2)^k cancels catastrophically for large A.

>>> from symcalc import symbols, cosh
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(cosh(x)**4, x)
3*x/8 + cosh(x)^3*sinh(x)/4 + 3*cosh(x)*sinh(x)/8
"""

from __future__ import annotations

from fractions import Fraction
from math import comb
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.functions import cosh, sinh
from ...core.numbers import MINUS_ONE, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from .steps import Step, leaf

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: largest total degree m + n written out
MAX_DEGREE = 40


def _parts(e: Expr, x: Symbol) -> tuple[Expr, int, int, Expr] | None:
    """(A, m, n, c) with e = c*sinh(A)^m*cosh(A)^n, c free of x, or None."""
    arg = None
    m = n = 0
    consts = []
    for f in (e.args if e.is_Mul else (e,)):
        if x not in free_symbols(f):
            consts.append(f)
            continue
        b, k = (f.args[0], f.args[1]) if f.is_Pow else (f, number(1))
        if not (b.is_Function and b.fdef.name in ("sinh", "cosh") and k.is_Number
                and isinstance(k.value, int) and k.value > 0):
            return None
        if arg is not None and b.args[0] != arg:
            return None
        arg = b.args[0]
        if b.fdef.name == "sinh":
            m += k.value
        else:
            n += k.value
    if arg is None or m % 2 or n % 2 or not 2 <= m + n <= MAX_DEGREE:
        return None
    return arg, m, n, mul(*consts)


def hyper_even_powers_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ c*sinh(A)^m*cosh(A)^n dx, m and n even, A = p + q*x: reduction formula."""
    from ..diff import diff

    p = _parts(e, x)
    if p is None:
        return None
    A, m, n, c = p
    q = diff(A, x)
    if x in free_symbols(q) or q.is_Number and q.value == 0:
        return None
    s, ch = sinh(A), cosh(A)
    # J[k] = ∫ cosh(A)^(2k) dA, by the reduction formula
    top = (m + n) // 2
    J = [A]
    for k in range(1, top + 1):
        d = 2 * k
        J.append(add(mul(Fraction(1, d), power(ch, number(d - 1)), s),
                     mul(Fraction(d - 1, d), J[k - 1])))
    # sinh^m*cosh^n = (cosh^2 - 1)^(m/2)*cosh^n = Σ_j C(m/2, j)*(-1)^(m/2 - j)*cosh^(2j + n)
    h = m // 2
    terms = [mul(comb(h, j) * (-1) ** (h - j), J[j + n // 2]) for j in range(h + 1)]
    F = mul(c, add(*terms), power(q, MINUS_ONE))
    return leaf("reduction formula", e, x, F, f"sinh^{m}*cosh^{n} of {A}")


__all__ = ["MAX_DEGREE", "hyper_even_powers_method"]
