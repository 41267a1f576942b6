"""Equivalent forms of an integrand for a second try (the driver's last resort).

Each rewrite is an identity valid wherever the integrand is defined: multiple angles
expanded (sin(2u) = 2 sin u cos u), tan/cot/sec/csc written with sin and cos,
hyperbolic functions written with exponentials, log(u^p) = p*log(u) for a radical
u^p (so u >= 0), and a denominator A + B with radicals rationalized by its conjugate.

>>> from symcalc import symbols, sin, exp
>>> x = symbols("x")
>>> [name for name, _ in rewrites(exp(sin(x))*sin(2*x), x)]
['multiple angles']
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.functions import cos, exp, log, sin
from ...core.numbers import HALF, MINUS_ONE
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError

_HYP = {"sinh", "cosh", "tanh", "coth", "sech", "csch"}


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def multiple_angles(e: Expr, x: Symbol) -> Expr | None:
    """sin(k*u), cos(k*u) in terms of sin u, cos u when several multiples of u occur."""
    from .bioche import _multiple, base_argument_of_trig

    ba = base_argument_of_trig(e, x)
    if ba is None:
        return None
    u, ks = ba
    if all(k == 1 for k in ks.values()) or len(ks) < 1:
        return None
    s, c = sin(u), cos(u)
    table = {}
    for n in e.preorder():
        if n.is_Function and n.fdef.name in ("sin", "cos") and n.args[0] in ks \
                and ks[n.args[0]] != 1:
            table[n] = _multiple(n.fdef.name, ks[n.args[0]], s, c)
    if not table:
        return None
    return subs(e, table)


def as_sin_cos(e: Expr, x: Symbol) -> Expr | None:
    """tan, cot, sec, csc written with sin and cos."""
    table = {}
    for n in e.preorder():
        if n.is_Function and _has(n, x) and n.fdef.name in ("tan", "cot", "sec", "csc"):
            a = n.args[0]
            table[n] = {"tan": mul(sin(a), power(cos(a), MINUS_ONE)),
                        "cot": mul(cos(a), power(sin(a), MINUS_ONE)),
                        "sec": power(cos(a), MINUS_ONE),
                        "csc": power(sin(a), MINUS_ONE)}[n.fdef.name]
    return subs(e, table) if table else None


def as_exponentials(e: Expr, x: Symbol) -> Expr | None:
    """Hyperbolic functions written with exponentials."""
    table = {}
    for n in e.preorder():
        if n.is_Function and _has(n, x) and n.fdef.name in _HYP:
            a = n.args[0]
            p, m = exp(a), exp(mul(MINUS_ONE, a))
            sh, ch = mul(HALF, add(p, mul(MINUS_ONE, m))), mul(HALF, add(p, m))
            table[n] = {"sinh": sh, "cosh": ch, "tanh": mul(sh, power(ch, MINUS_ONE)),
                        "coth": mul(ch, power(sh, MINUS_ONE)), "sech": power(ch, MINUS_ONE),
                        "csch": power(sh, MINUS_ONE)}[n.fdef.name]
    return subs(e, table) if table else None


def log_of_radicals(e: Expr, x: Symbol) -> Expr | None:
    """log(u^p) = p*log(u) for a non-integer rational p (u^p real needs u >= 0)."""
    table = {}
    for n in e.preorder():
        if n.is_Function and n.fdef.name == "log" and _has(n, x):
            a = n.args[0]
            if a.is_Pow and a.args[1].is_Number and isinstance(a.args[1].value, Fraction):
                table[n] = mul(a.args[1], log(a.args[0]))
    return subs(e, table) if table else None


def rationalized(e: Expr, x: Symbol) -> Expr | None:
    """1/(A + B) with radicals in A or B, times (A - B)/(A - B)."""
    for f in (e.args if e.is_Mul else (e,)):
        if f.is_Pow and f.args[1] is MINUS_ONE and f.args[0].is_Add \
                and len(f.args[0].args) == 2 and _has(f.args[0], x):
            A, B = f.args[0].args
            if not (_radical(A, x) or _radical(B, x)):
                continue
            conj = add(A, mul(MINUS_ONE, B))
            try:
                den = expand(add(mul(A, A), mul(MINUS_ONE, B, B)))
            except SymcalcError:
                return None
            if _radical(den, x):
                continue
            rest = mul(e, f.args[0])
            try:
                return expand(mul(rest, conj, power(den, MINUS_ONE)))
            except SymcalcError:
                return None
    return None


def _radical(e: Expr, x: Symbol) -> bool:
    for n in e.preorder():
        if n.is_Pow and _has(n.args[0], x) and n.args[1].is_Number \
                and isinstance(n.args[1].value, Fraction):
            return True
    return False


_REWRITES = (("multiple angles", multiple_angles), ("sin and cos", as_sin_cos),
             ("exponentials", as_exponentials), ("log of a radical", log_of_radicals),
             ("conjugate", rationalized))


def rewrites(e: Expr, x: Symbol) -> Iterator[tuple[str, Expr]]:
    """(description, equivalent integrand) pairs, cheapest first."""
    for name, fn in _REWRITES:
        try:
            g = fn(e, x)
        except (SymcalcError, ArithmeticError):
            g = None
        if g is not None and g is not e:
            yield name, g


__all__ = ["as_exponentials", "as_sin_cos", "log_of_radicals", "multiple_angles",
           "rationalized", "rewrites"]
