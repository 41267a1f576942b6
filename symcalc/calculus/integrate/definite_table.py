"""Classical improper integrals on (0, ∞) whose integrands have no elementary antiderivative.

- Dirichlet: ∫₀^∞ sin(k x)/x dx = sign(k) π/2 (and ∫₋∞^∞ = sign(k) π).
- Frullani: ∫₀^∞ Σ cᵢ f(kᵢ x)/x dx = (f(0) - f(∞)) · (-Σ cᵢ log kᵢ) when Σ cᵢ = 0, kᵢ > 0
  and f has finite limits at 0 and ∞ (both found by the limit engine, never by
  substituting). ``(exp(-a x) - exp(-b x))/x`` gives log(b/a). For f a combination of
  sin and cos, which has no limit at ∞ but ∫^∞ f(x)/x dx converges, f(∞) is 0
  (Ostrowski): ``(cos(a x) - cos(b x))/x`` gives log(b/a) too.

>>> from symcalc import symbols, sin, exp, oo
>>> x = symbols("x")
>>> table_definite(sin(x)/x, x, 0, oo)
pi/2
>>> table_definite((exp(-x) - exp(-3*x))/x, x, 0, oo)
log(3)
"""

from __future__ import annotations

from fractions import Fraction

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr, as_expr
from ...core.numbers import MINUS_ONE, ONE, ZERO, number, oo, pi
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError

NEG_OO = mul(MINUS_ONE, oo)


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _over_x(e: Expr, x: Symbol) -> Expr | None:
    """g with e = g/x (the forms below need g(0) = 0, which they check), or None."""
    try:
        from ...algebra.rational import cancel

        g = cancel(mul(e, x))
    except (SymcalcError, ArithmeticError):
        return None
    return g


def _sign(v: Expr) -> int | None:
    from .definite import _sign as s

    return s(v)


def _dirichlet(g: Expr, x: Symbol) -> Expr | None:
    """∫₀^∞ g/x for g = c·sin(k x)."""
    c, rest = [], []
    for f in (g.args if g.is_Mul else (g,)):
        (rest if _has(f, x) else c).append(f)
    if len(rest) != 1 or not (rest[0].is_Function and rest[0].fdef.name == "sin"):
        return None
    from .definite import _linear

    pq = _linear(rest[0].args[0], x)
    if pq is None or pq[1] is not ZERO:
        return None
    s = _sign(pq[0])
    if not s:
        return None
    return mul(s, *c, pi, number(Fraction(1, 2)))


def _scale(t: Expr, x: Symbol) -> Expr | None:
    """k > 0 with every argument of a function of x in t proportional to k·x."""
    from .definite import _linear

    k = None
    for n in t.preorder():
        if n.is_Function and _has(n, x) and any(_has(a, x) for a in n.args):
            for a in n.args:
                if not _has(a, x):
                    continue
                pq = _linear(a, x)
                if pq is None or pq[1] is not ZERO:
                    return None
                s = pq[0]
                if _sign(s) is None:
                    return None
                s = s if _sign(s) > 0 else mul(MINUS_ONE, s)
                if k is None:
                    k = s
                elif k is not s:
                    return None
        elif n.is_Pow and _has(n.args[1], x):
            return None
    return k


def _frullani(g: Expr, x: Symbol) -> Expr | None:
    from ...core.expand import expand
    from ...core.functions import log

    try:
        g = expand(g)
    except SymcalcError:
        return None
    terms = g.args if g.is_Add else (g,)
    if len(terms) < 2:
        return None
    f = None
    cs, ks = [], []
    for t in terms:
        k = _scale(t, x)
        if k is None:
            return None
        ft = expand(subs(t, {x: mul(x, power(k, MINUS_ONE))}))
        c, rest = ONE, ft
        if ft.is_Mul:
            cc = [a for a in ft.args if not _has(a, x)]
            c = mul(*cc)
            rest = mul(*(a for a in ft.args if _has(a, x)))
        if f is None:
            f = rest
        elif rest is not f:
            return None
        cs.append(c)
        ks.append(k)
    from ...algebra.rational import cancel

    if cancel(add(*cs)) is not ZERO:
        return None
    from .definite import bad_points, one_sided

    if bad_points([f], x, 0.0, float("inf")) != []:
        return None   # f must be continuous on (0, oo)
    f0, finf = one_sided(f, x, ZERO, 1), one_sided(f, x, oo, -1)
    if finf is None and _oscillating(f, x):
        finf = ZERO   # ∫^∞ f(x)/x dx converges: Ostrowski's form of the theorem
    if f0 is None or finf is None or any(v in (oo, NEG_OO) for v in (f0, finf)):
        return None
    s = add(*(mul(MINUS_ONE, c, log(k)) for c, k in zip(cs, ks, strict=True)))
    v = mul(add(f0, mul(MINUS_ONE, finf)), s)
    from .definite_gauss import _tidy_value

    return _tidy_value(v)


def _oscillating(f: Expr, x: Symbol) -> bool:
    """Whether f is a combination c1*sin(x) + c2*cos(x) (no limit at oo, but ∫^∞ f/x
    converges, and Frullani's formula holds with 0 for f(oo))."""
    for t in (f.args if f.is_Add else (f,)):
        fs = [a for a in (t.args if t.is_Mul else (t,)) if _has(a, x)]
        if len(fs) != 1 or not (fs[0].is_Function and fs[0].fdef.name in ("sin", "cos")
                                and fs[0].args[0] is x):
            return False
    return True


def table_definite(e: Expr, x: Symbol, a: Expr, b: Expr) -> Expr | None:
    """The value of a Dirichlet or Frullani integral, or None."""
    a, b = as_expr(a), as_expr(b)
    if b is not oo or a not in (ZERO, NEG_OO):
        return None
    g = _over_x(e, x)
    if g is None:
        return None
    try:
        d = _dirichlet(g, x)
        if d is not None:
            return mul(2, d) if a is NEG_OO else d
        if a is ZERO:
            return _frullani(g, x)
    except (SymcalcError, ArithmeticError, RecursionError):
        return None
    return None


__all__ = ["table_definite"]
