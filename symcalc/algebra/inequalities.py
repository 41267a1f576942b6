"""Polynomial and rational inequalities in one unknown, solved as unions of intervals.

``solve(lhs < rhs, x)`` (also ``<=``, ``>``, ``>=``, ``!=``) writes the relation as
``f = n/d op 0`` (numerator and denominator not cancelled, so that the points where the
input is undefined stay excluded), finds the real roots of ``n`` and ``d`` exactly or
as certified Floats (the same root finder as ``solve``), and decides the sign of ``f``
on each open interval between consecutive roots at a rational test point, exactly.
Roots of the numerator belong to the set for ``<=`` and ``>=``; roots of the
denominator never do. The result is a :class:`~symcalc.algebra.intervals.RealSet`.
Float coefficients are read as the decimals they print as and give Float endpoints.

>>> from symcalc import parse, symbols
>>> x = symbols("x")
>>> solve_inequality(parse("x^2 < 4"), x)
(-2, 2)
>>> solve_inequality(parse("x^2 >= 2"), x)
(-oo, -sqrt(2)] ∪ [sqrt(2), oo)
>>> solve_inequality(parse("(x - 1)/(x + 2) <= 0"), x)
(-2, 1]
>>> solve_inequality(parse("(x - 1)^2 <= 0"), x)
{1}
>>> solve_inequality(parse("x^2 < 2.25"), x)
(-1.5, 1.5)

abs, max and min are split into their branches, each solved where it applies:

>>> solve_inequality(parse("abs(x - 1) < 2"), x)
(-1, 3)
>>> solve_inequality(parse("abs(x^2 - 4) < 3"), x)
(-sqrt(7), -1) ∪ (1, sqrt(7))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul
from ..core.expr import Expr, as_expr
from ..core.numbers import MINUS_ONE, oo
from ..core.symbol import Symbol
from ..errors import SymcalcError
from .intervals import Interval, RealSet
from .poly import Poly, PolynomialError

__all__ = ["solve_inequality"]

_STRICT = {"<": "<", "<=": "<", ">": ">", ">=": ">", "!=": "!="}


def _error(msg: str) -> SymcalcError:
    from .solve import SolveError

    return SolveError(msg)


def _real_roots(p: Expr, x: Symbol) -> list[Expr]:
    from .solve import solve

    if not p.has(x):
        return []
    return solve(p, x)


def _value(r: Expr) -> float:
    return float(complex(r.evalf()).real)


def _sign_at(p: Poly, q: Fraction) -> int:
    v = p.eval_at(q) if hasattr(p, "eval_at") else None
    if v is None:
        v = Fraction(0)
        for m, c in p.terms.items():
            v += Fraction(c) * q ** m[0]
    return (v > 0) - (v < 0)


def _between(a: float, b: float) -> Fraction:
    """A simple rational strictly between the floats a < b (±inf allowed)."""
    if a == float("-inf") and b == float("inf"):
        return Fraction(0)
    if a == float("-inf"):
        return Fraction(int(b) - 1 if b > 0 else int(b) - 2)
    if b == float("inf"):
        return Fraction(int(a) + 2 if a > 0 else int(a) + 1)
    mid = Fraction(a) + (Fraction(b) - Fraction(a)) / 2
    for den in (1, 2, 4, 8, 10, 16, 100):
        q = Fraction(round(mid * den), den)
        if Fraction(a) < q < Fraction(b):
            return q
    return mid


def _holds(op: str, s: int) -> bool:
    return {"<": s < 0, ">": s > 0, "!=": s != 0}[op]


def solve_inequality(rel: Any, x: Symbol) -> RealSet:
    """The real ``x`` where the relation ``rel`` holds (see the module doc)."""
    from .rational import numer_denom

    rel = as_expr(rel)
    if not rel.is_Relational or rel.op == "==":
        raise _error(f"not an inequality: {rel}")
    from .solve import _floated, _rationalize

    op = rel.op
    f, had_floats = _rationalize(add(rel.lhs, mul(MINUS_ONE, rel.rhs)))
    cased = _by_cases(f, op, x)
    if cased is not None:
        return cased
    n, d = numer_denom(f)
    polys = []
    for part in (n, d):
        try:
            p = Poly.from_expr(part, (x,))
        except PolynomialError:
            p = None
        if p is None or any(not isinstance(c, (int, Fraction)) for c in p.terms.values()):
            raise _error(f"solve handles polynomial and rational inequalities in {x} with "
                         f"rational coefficients; {rel} is not one")
        polys.append(p)
    N, D = polys
    zeros = _real_roots(n, x)
    poles = _real_roots(d, x)
    if any(r.free_symbols for r in zeros + poles):
        raise _error(f"cannot solve {rel}: the roots depend on parameters")
    points = sorted({(_value(r), i, r) for i, r in enumerate(zeros)} |
                    {(_value(r), len(zeros) + i, r) for i, r in enumerate(poles)},
                    key=lambda t: (t[0], t[1]))
    # merge roots of n and d that coincide (a removable or non-removable pole)
    crit: list[tuple[float, Expr, bool]] = []  # (value, root, is_pole)
    for v, i, r in points:
        is_pole = i >= len(zeros)
        if crit and abs(crit[-1][0] - v) <= 1e-12 * max(1.0, abs(v)):
            crit[-1] = (crit[-1][0], crit[-1][1], crit[-1][2] or is_pole)
            continue
        crit.append((v, r, is_pole))
    strict = _STRICT[op]
    pieces: list[tuple[Expr, Expr, bool, bool]] = []  # lo, hi, lo_open, hi_open
    edges = [(float("-inf"), -oo, True)] + crit + [(float("inf"), oo, True)]
    for (a, ra, _), (b, rb, _) in zip(edges, edges[1:]):
        q = _between(a, b)
        s = _sign_at(N, q) * _sign_at(D, q)
        if _holds(strict, s):
            pieces.append((ra, rb, True, True))
    # the critical points themselves: zeros of n (not poles) for <=, >=
    if op in ("<=", ">="):
        for _v, r, is_pole in crit:
            if not is_pole:
                pieces.append((r, r, False, False))
    pieces.sort(key=lambda t: (_num(t[0]), _num(t[1])))
    merged: list[list] = []
    for lo, hi, lo_open, hi_open in pieces:
        if merged and merged[-1][1] == lo and not (merged[-1][3] and lo_open):
            merged[-1][1], merged[-1][3] = hi, hi_open
            continue
        merged.append([lo, hi, lo_open, hi_open])
    if had_floats:  # Float input, Float output (as solve does for equations)
        merged = [[e if e is oo or e == -oo else _floated(e) for e in m[:2]] + m[2:]
                  for m in merged]
    return RealSet([Interval(lo, hi, lo_open, hi_open) for lo, hi, lo_open, hi_open in merged])


def _whole(v: Any) -> RealSet:
    """The set where a relation decided at construction holds: all or nothing."""
    return RealSet([Interval(-oo, oo, True, True)]) if v else RealSet([])


def _holds_everywhere(r: Expr, x: Symbol) -> RealSet:
    if r.is_Relational:
        return solve_inequality(r, x)
    return _whole(getattr(r, "value", False))


def _by_cases(f: Expr, op: str, x: Symbol) -> RealSet | None:
    """``f op 0`` with abs, max or min of x in f: the union over the branches of (where
    the branch applies) ∩ (where the branch's relation holds); None if f has none."""
    from ..core.logic import rel
    from .solve_cases import _cased_node, _cases

    node = _cased_node(f, x)
    if node is None:
        return None
    if node.head == "piecewise":
        raise _error("inequalities with piecewise expressions are not supported")
    out = RealSet([])
    for repl, conds, _ in _cases(node):
        part = _holds_everywhere(rel(op, f.xreplace({node: repl}), 0), x)
        for c, cop in conds:
            part = part.intersect(_holds_everywhere(rel(cop, c, 0), x))
        out = out.union(part)
    return out


def _num(e: Expr) -> float:
    if e is oo:
        return float("inf")
    if e == -oo:
        return float("-inf")
    return _value(e)
