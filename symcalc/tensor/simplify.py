"""Simplifications of shaped results that are not automatic: collecting common factors
of matrix products (A x + Aᵀ x = (A + Aᵀ) x), and substitution of known facts.

>>> from symcalc.tensor import MatrixSymbol, VectorSymbol
>>> A = MatrixSymbol("A", 3, 3); x = VectorSymbol("x", 3)
>>> collect(A @ x + A.T @ x)
(A + A.T)@x
"""

from __future__ import annotations

from typing import Any

from ..core import ONE, Expr
from .expr import TExpr, add, const, matmul, rebuild, scale, split, to_t, walk


def collect(t: TExpr) -> TExpr:
    """Bottom-up: in every sum, products with the same last (or first) factor combine."""
    memo: dict[int, TExpr] = {}
    for n in walk(t):
        new = rebuild(n, tuple(memo[id(a)] for a in n.args)) if n.args else n
        if new.op == "add":
            new = _collect_sum(new)
        memo[id(n)] = new
    return memo[id(t)]


def _collect_sum(s: TExpr) -> TExpr:
    for side in (-1, 0):
        groups: dict[TExpr, list[tuple[Expr, TExpr]]] = {}
        order: list[TExpr] = []
        rest: list[TExpr] = []
        for term, c in zip(s.args, s.data):
            coef, body = split(scale(c, term))
            if body.op == "matmul" and body.args[side].ndim >= 1:
                key = body.args[side]
                if key not in groups:
                    groups[key] = []
                    order.append(key)
                others = body.args[:-1] if side == -1 else body.args[1:]
                groups[key].append((coef, matmul(*others) if len(others) > 1 else others[0]))
            else:
                rest.append(scale(c, term))
        if all(len(g) < 2 for g in groups.values()):
            continue
        terms = list(rest)
        for key in order:
            g = groups[key]
            if len(g) == 1:
                c, o = g[0]
                terms.append(scale(c, matmul(o, key) if side == -1 else matmul(key, o)))
                continue
            inner = add(*(scale(c, o) for c, o in g))
            terms.append(matmul(inner, key) if side == -1 else matmul(key, inner))
        return add(*terms)
    return s


def subs(t: TExpr, mapping: dict) -> TExpr:
    """Replace subexpressions: keys are shaped expressions (or scalar expressions inside
    coefficients), values anything of the same shape."""
    m: dict[int, TExpr] = {}
    for k, v in mapping.items():
        k = to_t(k)
        v = to_t(v)
        if k.shape != v.shape and v.shape:
            from ..errors import ShapeError

            raise ShapeError(f"subs: {k} has shape {k.shape}, {v} has shape {v.shape}")
        m[id(k)] = v
    memo: dict[int, Any] = {}
    for n in walk(t):
        r = m.get(id(n))
        if r is None:
            r = rebuild(n, tuple(memo[id(a)] for a in n.args)) if n.args else n
        memo[id(n)] = r
    out = memo[id(t)]
    return out if out.shape == t.shape else out * const(ONE)
