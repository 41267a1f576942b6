"""Integration by parts on an inverse function times a rational function.

∫ R(x)*(A + B*F(u)) dx, F one of asin, acos, atan, acot, asec, acsc and their hyperbolic
counterparts, u a function of x, R rational with a rational antiderivative S:

    ∫ R*(A + B*F) dx = S*(A + B*F) - B*∫ S*F'(u)*u' dx,

where F' is algebraic (1/sqrt(1 - u²), 1/(1 + u²), ...), so the rest is an algebraic
integral for the driver. Powers (A + B*F)^p of asin, acos, asinh, acosh of a linear u go
the same way, S*(A + B*F)^p - p*B*∫ S*F'*(A + B*F)^(p - 1) dx, the rest again of this
form with an algebraic S*F'. This is the textbook route and gives the short answers tables
give (x^3*(a + b*acos(c*x))/3 - ...*sqrt(1 - c^2*x^2)), where the
substitution t = F(u) of the inverse-function method writes the answer in multiple
angles of t and back. For atanh and acoth of a linear u the constant of S is chosen to
make S vanish at a root of 1 - u² when that gives the smaller answer
(∫ (c*x + 1)*atanh(c*x) dx = (c*x + 1)^2*atanh(c*x)/(2*c) + x/2 + log(1 - c*x)/c + C).

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("x^2*(a + b*acos(c*x))"), x)
x^3*(a + b*acos(c*x))/3 - b*c*sqrt(1 - c^2*x^2)*(x^2/c^2 + 2/c^4)/9
>>> integrate(parse("acosh(a*x)/x^3"), x)
a*sqrt(a*x - 1)*sqrt(a*x + 1)/(2*x) - acosh(a*x)/(2*x^2)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ONE, ZERO
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: the inverse functions this method integrates by parts
_HEADS = frozenset({"asin", "acos", "atan", "acot", "asec", "acsc", "asinh", "acosh",
                    "atanh", "acoth", "asech", "acsch"})


#: the functions whose powers go by repeated parts: F' = 1/sqrt(quadratic), so that each
#: level is a polynomial over that radical (the reciprocal ones, asech, acsch, ..., have
#: radicals of Laurent polynomials, which the driver is slow to give up on)
_POWERS = frozenset({"asin", "acos", "asinh", "acosh"})


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _linear_arg(F: Expr, x: Symbol) -> bool:
    from ...core.expand import expand
    from ..diff import diff

    try:
        p = expand(diff(F.args[0], x))
    except SymcalcError:
        return False
    return p is not ZERO and not _has(p, x)


def _algebraic(R: Expr, x: Symbol) -> bool:
    """R rational, or a rational function times powers of polynomials (radicals)."""
    from .rational import is_rational_function

    if is_rational_function(R, x):
        return True
    for f in (R.args if R.is_Mul else (R,)):
        if is_rational_function(f, x):
            continue
        if not (f.is_Pow and f.args[1].is_Number and is_rational_function(f.args[0], x)):
            return False
    return True


def _generator(e: Expr, x: Symbol) -> tuple[Expr, Expr, Expr, Expr, int] | None:
    """(F, A, B, R, p): e = R*(A + B*F)^p with F = f(u) an inverse function, R rational
    (p = 1) or algebraic (p >= 2)."""
    from .rational import is_rational_function

    if not e.is_Mul:
        return None
    nodes = [n for n in e.preorder() if n.is_Function and n.fdef.name in _HEADS
             and _has(n, x)]
    if not nodes or any(n is not nodes[0] for n in nodes):
        return None
    F = nodes[0]
    for f in e.args:
        p = 1
        if f.is_Pow and f.args[1].is_Number and isinstance(f.args[1].value, int) \
                and 2 <= f.args[1].value <= 4 and F.fdef.name in _POWERS \
                and _linear_arg(F, x):
            p = f.args[1].value
            f0, f = f, f.args[0]
        else:
            f0 = f
        if f is F:
            A, B = ZERO, ONE
        elif f.is_Add and F in f.args or f.is_Add and any(
                t.is_Mul and F in t.args and not any(_has(s, x) for s in t.args if s is not F)
                for t in f.args):
            B = ZERO
            rest = []
            for t in f.args:
                if t is F:
                    B = add(B, ONE)
                elif t.is_Mul and F in t.args:
                    B = add(B, mul(*(s for s in t.args if s is not F)))
                else:
                    rest.append(t)
            A = add(*rest)
            if _has(A, x) or _has(B, x):
                return None
        else:
            continue
        R = mul(*(g for g in e.args if g is not f0))
        if not _has(R, x) or F in R.preorder():
            return None
        if not (is_rational_function(R, x) if p == 1 else _algebraic(R, x)):
            return None
        return F, A, B, R, p
    return None


def _smallest(S: Expr) -> Expr:
    from ...algebra.factor_expr import factor
    from ...algebra.rational import cancel

    best = S
    for f in (cancel, factor):
        try:
            g = f(S)
        except (SymcalcError, ArithmeticError):
            continue
        if g.count_ops() < best.count_ops():
            best = g
    return best


def _constants(F: Expr, S: Expr, x: Symbol) -> list[Expr]:
    """Constants to add to S: 0, and for atanh/acoth of a linear u, -S at u = ±1."""
    from ...algebra.rational import cancel
    from ...core.expand import expand
    from ..diff import diff

    out = [ZERO]
    if F.fdef.name not in ("atanh", "acoth"):
        return out
    u = F.args[0]
    p = expand(diff(u, x))
    if p is ZERO or _has(p, x):
        return out
    q = expand(add(u, mul(MINUS_ONE, p, x)))
    for s in (MINUS_ONE, ONE):
        r = mul(add(s, mul(MINUS_ONE, q)), power(p, MINUS_ONE))
        try:
            out.append(mul(MINUS_ONE, cancel(subs(S, {x: r}))))
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            continue
    return out


def inverse_parts_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(x)*(A + B*F(u)) dx by parts (see the module docstring)."""
    from ..diff import diff
    from .rational import is_rational_function

    g = _generator(e, x)
    if g is None:
        return None
    F, A, B, R, p = g
    stR = ctx.integrate(R, x)
    if stR is None:
        return None
    if p == 1 and not is_rational_function(stR.result, x) or p > 1 and not _algebraic(
            stR.result, x):
        return None
    S0 = stR.result
    try:
        dF = diff(F, x)
    except SymcalcError:
        return None
    best: tuple[Expr, Step, Expr] | None = None
    for C in _constants(F, S0, x):
        ctx.check()
        try:
            S = _smallest(add(S0, C)) if C is not ZERO else S0
        except (SymcalcError, ArithmeticError):
            continue
        M = add(A, mul(B, F))
        st = ctx.integrate(mul(S, dF, power(M, p - 1)) if p > 1 else mul(S, dF), x)
        if st is None:
            continue
        G = add(mul(S, power(M, p)), mul(MINUS_ONE, p, B, st.result))
        if best is None or G.count_ops() < best[0].count_ops():
            best = (G, st, S)
    if best is None:
        return None
    G, st, S = best
    from .verify import verify

    if not verify(G, e, x):
        return None
    return Step("integration by parts", e, x, G, (stR, st),
                f"u = {power(add(A, mul(B, F)), p)}, dv = {R} d{x}")


__all__ = ["inverse_parts_method"]
