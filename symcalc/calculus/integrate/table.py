"""The table of integrals: ``symcalc/rules/integrals.rules`` matched against an integrand.

Each line ``int(pattern, x) = F if guards`` becomes a rule whose wildcard ``x`` is bound
to the variable of integration before matching, so only the integrand is matched. The
rules are indexed by the head of their integrand pattern (``sin``, ``Pow``, ``Mul``);
patterns that may match several heads through defaults are tried on every integrand.

>>> from symcalc import symbols, sin
>>> x = symbols("x")
>>> lookup(sin(3*x + 1), x)
(-cos(3*x + 1)/3, 'sine')
"""

from __future__ import annotations

import weakref
from functools import cache
from typing import Any

from ...core.arithmetic import add, could_extract_minus_sign, mul, power
from ...core.assumptions import is_negative, is_positive
from ...core.expr import Expr
from ...core.functions import erf, exp, sqrt
from ...core.functions_special import erfi
from ...core.numbers import MINUS_ONE, ZERO, pi
from ...rules import action, guard


def _reads_positive(a: Expr) -> bool:
    """a > 0 as integration tables read it: 4, a, a^2, 2*a, a + b are positive; -a is not.

    A lone parameter reads positive (the tables' convention), but a sum whose terms
    read with both signs (``4*a*c - b^2``, ``a*d - b*c``) has no sign: it is positive
    for some parameter values and negative for others, so neither ``plus`` nor
    ``minus`` holds and the sign-dependent table forms do not apply."""
    return _sign_reading(a) > 0


def _sign_reading(a: Expr) -> int:
    """+1 / -1 where ``a`` reads positive / negative, 0 where its sign depends on the
    values of the parameters (a sum of terms of both signs, or one inside a product)."""
    if a.is_Number:
        if isinstance(a.value, complex):
            return 0
        return (a.value > 0) - (a.value < 0)
    if is_positive(a):
        return 1
    if is_negative(a):
        return -1
    if a.is_Add:
        signs = {_sign_reading(t) for t in a.args}
        if len(signs) == 1:
            return signs.pop()
        f = _factored(a)                  # a^2 - 2*a*b + b^2 = (a - b)^2 reads positive
        return 0 if f is None else _sign_reading(f)
    if a.is_Mul:
        s = 1
        for f in a.args:
            s *= _sign_reading(f)
        return s
    if a.is_Pow and _has_add(a.args[0]):
        b = _sign_reading(a.args[0])
        n = a.args[1]
        if n.is_Number and isinstance(n.value, int) and n.value % 2 == 0:
            return 1
        return b if b > 0 or (n.is_Number and isinstance(n.value, int)) else 0
    return -1 if could_extract_minus_sign(a) else 1


def _factored(a: Expr) -> Expr | None:
    """``a`` (a small polynomial in the parameters) factored, if that is a product."""
    if len(a.args) > 8 or any(n.is_Function or (n.is_Pow and not (
            n.args[1].is_Number and isinstance(n.args[1].value, int) and n.args[1].value > 0))
            for n in a.preorder()):
        return None
    from ...algebra.factor_expr import factor
    from ...errors import SymcalcError

    try:
        f = factor(a)
    except (SymcalcError, ArithmeticError, ValueError, TypeError):
        return None
    return None if f.is_Add else f


def _has_add(e: Expr) -> bool:
    return any(n.is_Add for n in e.preorder())


guard("plus")(_reads_positive)


@guard("minus")
def _reads_negative(a: Expr) -> bool:
    if a is ZERO:
        return False
    return _reads_positive(mul(MINUS_ONE, a))


@action("gaussian_integral")
def _gaussian(u: Expr, x: Expr) -> Expr | None:
    """∫ exp(a*x^2 + b*x + c) dx: complete the square, then erf for a < 0 and erfi for
    a > 0 (both real on the real line); None when the sign of a is not known."""
    abc = _quadratic(u, x)
    if abc is None:
        return None
    a, b, c = abc
    if _reads_negative(a):
        k = sqrt(mul(MINUS_ONE, a))                   # a = -k^2
        fn = erf
    elif _reads_positive(a):
        k = sqrt(a)                                   # a = k^2
        fn = erfi
    else:
        return None
    shift = mul(b, power(mul(2, a), MINUS_ONE))       # x + b/(2a)
    const = add(c, mul(MINUS_ONE, b, b, power(mul(4, a), MINUS_ONE)))
    return mul(sqrt(pi), exp(const), power(mul(2, k), MINUS_ONE),
               fn(mul(k, add(x, shift))))


def _quadratic(u: Expr, x: Expr) -> tuple[Expr, Expr, Expr] | None:
    """(a, b, c) with u = a*x^2 + b*x + c, a != 0, a, b, c free of x; else None."""
    from ...core.expand import expand
    from ...core.traversal import free_symbols

    coeffs = {0: [], 1: [], 2: []}
    for t in (expand(u).args if expand(u).is_Add else (expand(u),)):
        fs = t.args if t.is_Mul else (t,)
        deg = 0
        rest = []
        for f in fs:
            if f is x:
                deg += 1
            elif f.is_Pow and f.args[0] is x and f.args[1].is_Number \
                    and f.args[1].value in (1, 2):
                deg += f.args[1].value
            elif x in free_symbols(f):
                return None
            else:
                rest.append(f)
        if deg > 2:
            return None
        coeffs[deg].append(mul(*rest))
    a = add(*coeffs[2])
    if a is ZERO:
        return None
    return a, add(*coeffs[1]), add(*coeffs[0])


# --------------------------------------------------------------------------- the index


class _Entry:
    __slots__ = ("name", "rule", "needs")

    def __init__(self, name: str, rule: Any) -> None:
        self.name = name
        self.rule = rule
        #: the functions of the integrand pattern: a match needs each in the integrand
        self.needs = frozenset(n.fdef for n in rule.lhs.args[0].preorder() if n.is_Function)


def _key(p: Expr) -> Any:
    from ...rewrite.pattern import Wild

    if isinstance(p, Wild):
        return "*"
    if p.is_Function:
        return p.fdef
    if p.is_Pow:
        e = p.args[1]
        if isinstance(e, Wild) and e.default is not None:
            return "*"
        return "Pow"
    if p.is_Mul:
        if any(isinstance(f, Wild) and f.default is not None for f in p.args):
            return "*"
        return "Mul"
    return "*" if p.is_Add else p.head


@cache
def _table() -> tuple[dict[Any, list[_Entry]], Any]:
    from ...rewrite.pattern import Wild
    from ...rules import compile_rule, load_rules

    index: dict[Any, list[_Entry]] = {}
    order: list[_Entry] = []
    for spec in load_rules("integrals"):
        r = compile_rule(spec, "integrals")
        lhs = r.lhs
        if not (lhs.is_Function and lhs.fdef.name == "int" and len(lhs.args) == 2):
            raise ValueError(f"integrals.rules line {spec.line}: left side must be int(f, x)")
        ent = _Entry(spec.name or f"integrals.rules line {spec.line}", r)
        order.append(ent)
        index.setdefault(_key(lhs.args[0]), []).append(ent)
    return index, Wild("x")


def _expr_key(e: Expr) -> Any:
    return e.fdef if e.is_Function else e.head


def lookup(e: Expr, x: Expr) -> tuple[Expr, str] | None:
    """(antiderivative, rule name) from the first table rule that matches ``e``, or None."""
    f = e._facts
    key = ("table", x)
    if f is not None and key in f:   # cached on the node: the table does not change
        c = f[key]
        if c is None:
            return None
        F = c[0]()
        if F is not None:
            return F, c[1]
    r = _lookup(e, x)
    f = e._facts
    if f is None:
        f = e._facts = {}
    # the answer by a weak reference: the cache keeps nothing alive (an answer's cached
    # derivative is the integrand again: a cycle that kept both alive)
    f[key] = None if r is None else (weakref.ref(r[0]), r[1])
    return r


def _lookup(e: Expr, x: Expr) -> tuple[Expr, str] | None:
    from ...core.function import Function

    index, X = _table()
    node = Function("int")(e, x)
    k = _expr_key(e)
    have = frozenset(n.fdef for n in e.preorder() if n.is_Function)
    for group in (index.get(k, ()), index.get("*", ())):
        for ent in group:
            if not ent.needs <= have:
                continue
            res = ent.rule.apply(node, {X: x})
            if res is not None:
                return res[0], ent.name
    return None


def rule_names() -> list[str]:
    """The names of the table's rules, in file order."""
    index, _ = _table()
    seen: dict[int, str] = {}
    for group in index.values():
        for ent in group:
            seen[id(ent)] = ent.name
    return list(dict.fromkeys(seen.values()))


__all__ = ["lookup", "rule_names"]
