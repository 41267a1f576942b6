"""Trigonometric (hyperbolic) functions of arguments with one slope and different phases.

When every trigonometric function in the integrand has an argument p*x + q_i with the
same p, the addition formulas write them all in terms of one argument θ = p*x + q_1:
sin(θ + δ) = sin θ cos δ + cos θ sin δ, cos(θ + δ) = cos θ cos δ − sin θ sin δ (and
sinh, cosh alike), with δ = q_i − q_1 free of x. The integrand is then a function of
sin θ and cos θ with constant coefficients cos δ, sin δ, for the other methods:
∫ csc(a + b*x)*csc(c + b*x) dx, ∫ tan(a + b*x)*tan(c + b*x) dx.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("sinh(x + a)/cosh(x)"), x)
x*sinh(a) + cosh(a)*log(cosh(x))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ZERO
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

_TRIG = ("sin", "cos", "tan", "cot", "sec", "csc")
_HYP = ("sinh", "cosh", "tanh", "coth", "sech", "csch")


def _slope(u: Expr, x: Symbol) -> Expr | None:
    from ..diff import diff

    d = diff(u, x)
    if d is ZERO or x in free_symbols(d):
        return None
    return d


def phase_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Write trig functions of p*x + q_i in terms of one argument by the addition formulas."""
    from ...core import functions as F

    fam = None
    args: list[Expr] = []
    for n in e.preorder():
        if n.is_Function and x in free_symbols(n):
            name = n.fdef.name
            f = "trig" if name in _TRIG else "hyp" if name in _HYP else None
            if f is None or (fam is not None and f != fam):
                return None
            fam = f
            if n.args[0] not in args:
                args.append(n.args[0])
    if len(args) < 2 or len(args) > 4:
        return None
    slopes = [_slope(u, x) for u in args]
    if any(p is None for p in slopes):
        return None
    try:
        flip = {}   # arguments with slope -p: f(φ) = ±f(-φ)
        for u, p in zip(args, slopes):
            if expand(add(p, mul(MINUS_ONE, slopes[0]))) is ZERO:
                flip[u] = False
            elif expand(add(p, slopes[0])) is ZERO:
                flip[u] = True
            else:
                return None
        from ...core.traversal import leaf_count

        def quotients(u: Expr) -> int:
            """How often u is the argument of tan, sec, ... or of a negative power."""
            k = 0
            for n in e.preorder():
                f, p = (n.args[0], n.args[1]) if n.is_Pow else (n, None)
                if f.is_Function and f.args[0] is u and (
                        f.fdef.name in _TRIG[2:] + _HYP[2:]
                        or (p is not None and p.is_Number and p.value < 0)):
                    k += 1
            return k

        args.sort(key=lambda u: (-quotients(u), leaf_count(u), str(u)))
        theta = args[0]
        names = _TRIG if fam == "trig" else _HYP
        sn, cs = (getattr(F, names[0]), getattr(F, names[1]))
        s, c = sn(theta), cs(theta)
        mapping: dict[Expr, Expr] = {}
        consts: dict[Expr, Expr] = {}    # fresh symbols for sin δ, cos δ while integrating
        odd = {"sin", "tan", "cot", "csc", "sinh", "tanh", "coth", "csch"}
        for phi0 in args[1:]:
            phi = expand(mul(MINUS_ONE, phi0)) if flip[phi0] != flip[theta] else phi0
            delta = expand(add(phi, mul(MINUS_ONE, theta)))
            if x in free_symbols(delta):
                return None
            sd = ctx.dummy(e, x, *consts)
            consts[sd] = sn(delta)
            cd = ctx.dummy(e, x, *consts)
            consts[cd] = cs(delta)
            S = add(mul(s, cd), mul(c, sd))
            C = add(mul(c, cd), mul(-1 if fam == "trig" else 1, s, sd))
            inv = MINUS_ONE
            for name, val in zip(names, (S, C, mul(S, power(C, inv)), mul(C, power(S, inv)),
                                         power(C, inv), power(S, inv))):
                sgn = -1 if (phi is not phi0 and name in odd) else 1
                mapping[getattr(F, name)(phi0)] = mul(sgn, val)
        g = subs(e, mapping)
    except (SymcalcError, ArithmeticError):
        return None
    if g is e:
        return None
    st = ctx.integrate(g, x)
    if st is None:
        return None
    F_ = st.result
    keys = list(consts)
    for i in range(0, len(keys), 2):   # sin δ^2 + cos δ^2 = 1 (cosh δ^2 - sinh δ^2 = 1)
        sd, cd = keys[i], keys[i + 1]
        one = add(power(cd, 2), mul(1 if fam == "trig" else -1, power(sd, 2)))
        F_ = subs(F_, {one: 1})
    # atan(tan v) is v up to jumps: the continuous form, with the same derivative
    jumps = {n: n.args[0].args[0] for n in F_.preorder()
             if n.is_Function and n.fdef.name == "atan" and n.args[0].is_Function
             and n.args[0].fdef.name == "tan"}
    if jumps:
        F_ = subs(F_, jumps)
    return Step("addition formulas", e, x, subs(F_, consts), (st,),
                f"every argument written as {theta} + a constant")


__all__ = ["phase_method"]
