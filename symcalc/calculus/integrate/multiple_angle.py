"""Multiple angles reduced to the smallest angle present (trigonometric and hyperbolic).

When an integrand holds functions of an argument A and of k*A for an integer k (A any
expression in x, parameters allowed: 2*a + 2*b*x is 2*(a + b*x), a + b*x is 2*(a/2 +
b*x/2)), the functions of k*A are written as polynomials in sin A, cos A (sinh A, cosh A)
by de Moivre: cos(kA) + i*sin(kA) = (cos A + i*sin A)^k and cosh(kA) + sinh(kA) =
(cosh A + sinh A)^k.  The identities hold for every value, so they are also valid under
a radical: sin(2A)^(3/2) is (2*sin(A)*cos(A))^(3/2), the same number raised to the same
power.  What is left has one argument, for the substitution, odd-power and radical
methods.

>>> from symcalc import symbols, exp, sinh
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(exp(sinh(x))*sinh(2*x), x)
2*exp(sinh(x))*sinh(x) - 2*exp(sinh(x))
"""

from __future__ import annotations

from fractions import Fraction
from math import comb
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

#: the two families, each with its sine and cosine
_FAMILY = {"sin": "trig", "cos": "trig", "tan": "trig", "cot": "trig", "sec": "trig",
           "csc": "trig", "sinh": "hyp", "cosh": "hyp", "tanh": "hyp", "coth": "hyp",
           "sech": "hyp", "csch": "hyp"}
#: largest multiple written out (the polynomial has k + 1 terms)
MAX_K = 6


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _moivre(k: int, s: Expr, c: Expr, hyp: bool) -> tuple[Expr, Expr]:
    """(sin kA, cos kA) as polynomials in s = sin A, c = cos A (sinh, cosh for hyp)."""
    if k < 0:
        sk, ck = _moivre(-k, s, c, hyp)
        return mul(MINUS_ONE, sk), ck
    sins, coss = [], []
    for j in range(k + 1):
        term = mul(comb(k, j), power(c, number(k - j)), power(s, number(j)))
        sign = 1 if hyp else (-1) ** (j // 2)
        (sins if j % 2 else coss).append(mul(sign, term))
    return add(*sins), add(*coss)


def _ratio(a: Expr, b: Expr) -> int | None:
    """The integer k with a = k*b, |k| >= 2, or None."""
    from ...algebra.rational import cancel

    try:
        r = cancel(mul(a, power(b, MINUS_ONE)))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if not r.is_Number or isinstance(r.value, float):
        return None
    v = Fraction(r.value)
    if v.denominator != 1 or not 2 <= abs(v.numerator) <= MAX_K:
        return None
    return v.numerator


def reduce_angles(e: Expr, x: Symbol) -> Expr | None:
    """e with every function of k*A (|k| >= 2) written with functions of A, where a
    function of A of the same family occurs (A depends on x); None if there is none."""
    from ...core.functions import cos, cosh, sin, sinh

    funcs: dict[Expr, None] = {}
    for n in e.preorder():
        if n.is_Function and len(n.args) == 1 and n.fdef.name in _FAMILY \
                and _has(n.args[0], x):
            funcs[n] = None
    args: dict[tuple[str, Expr], None] = {}
    for n in funcs:
        args[(_FAMILY[n.fdef.name], n.args[0])] = None
    if len(args) < 2:
        return None
    base: dict[tuple[str, Expr], tuple[Expr, int]] = {}
    for fam, a in args:
        best = None
        for fam2, b in args:
            if fam2 != fam or b is a or b == a:
                continue
            k = _ratio(a, b)
            if k is not None and (best is None or abs(k) > abs(best[1])):
                best = (b, k)
        if best is not None:
            base[(fam, a)] = best
    if not base:
        return None
    table = {}
    for n in funcs:
        fam = _FAMILY[n.fdef.name]
        key = (fam, n.args[0])
        if key not in base:
            continue
        b, k = base[key]
        hyp = fam == "hyp"
        s, c = (sinh(b), cosh(b)) if hyp else (sin(b), cos(b))
        sk, ck = _moivre(k, s, c, hyp)
        name = n.fdef.name.removesuffix("h") if hyp else n.fdef.name
        table[n] = {"sin": sk, "cos": ck, "tan": mul(sk, power(ck, MINUS_ONE)),
                    "cot": mul(ck, power(sk, MINUS_ONE)), "sec": power(ck, MINUS_ONE),
                    "csc": power(sk, MINUS_ONE)}[name]
    try:
        g = subs(e, table)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    return None if g == e else g


def split_radicals(e: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(R, h) with e = R*h, every (F1*F2*...)^p (p not an integer, two or more factors
    depending on x) of e replaced by F1^p*F2^p*... in h. R = (F1*F2*...)^p/(F1^p*F2^p*...)
    is constant on every interval where e is defined (its square-free value is a fixed
    root of unity there), so d(R*H) = R*dH: ∫ e = R*∫ h, an identity of derivatives."""
    table = {}
    for n in e.preorder():
        if n.is_Pow and n.args[0].is_Mul and n.args[1].is_Number \
                and isinstance(n.args[1].value, Fraction) and n.args[1].value.denominator != 1:
            fs = n.args[0].args
            if sum(1 for f in fs if _has(f, x)) >= 2:
                table[n] = mul(*(power(f, n.args[1]) for f in fs))
    if not table:
        return None
    try:
        h = subs(e, table)
        R = mul(*(mul(k, power(v, MINUS_ONE)) for k, v in table.items()))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    return (R, h) if h != e else None


def _double_back(e: Expr) -> Expr:
    """sin(A)*cos(A) -> sin(2A)/2 and sinh(A)*cosh(A) -> sinh(2A)/2 in e (presentation)."""
    from ...core.functions import cos, cosh, sin, sinh

    table = {}
    for n in e.preorder():
        if n.is_Mul and len(n.args) == 2 and all(f.is_Function for f in n.args):
            f, g = sorted(n.args, key=lambda t: t.fdef.name)
            a = f.args[0]
            if g.args[0] != a:
                continue
            if (f.fdef.name, g.fdef.name) == ("cos", "sin") and f == cos(a) and g == sin(a):
                table[n] = mul(Fraction(1, 2), sin(mul(2, a)))
            elif (f.fdef.name, g.fdef.name) == ("cosh", "sinh") and f == cosh(a) \
                    and g == sinh(a):
                table[n] = mul(Fraction(1, 2), sinh(mul(2, a)))
    try:
        return subs(e, table) if table else e
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return e


def multiple_angle_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Functions of k*A written with functions of A (de Moivre), then integrated; under
    a radical, the product sin(A)*cos(A) is split off by a locally constant factor."""
    g = reduce_angles(e, x)
    if g is None:
        return None
    st = ctx.integrate(g, x)
    if st is not None:
        return Step("multiple angles", e, x, st.result, (st,),
                    "functions of multiple angles written with the smallest angle")
    sp = split_radicals(g, x)
    if sp is None:
        return None
    R, h = sp
    R = _double_back(R)
    st = ctx.integrate(h, x)
    if st is None:
        return None
    return Step("multiple angles", e, x, mul(R, st.result), (st,),
                f"multiple angles written with the smallest angle; {R} is locally constant")


__all__ = ["MAX_K", "multiple_angle_method", "reduce_angles", "split_radicals"]
