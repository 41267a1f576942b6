"""Index notation for scalars: indexed symbols x[i], sums with symbolic bounds and
Kronecker deltas that simplify.

An indexed symbol ``x = IndexedSymbol("x")`` gives entries ``x[i]``: applications of
an undefined function (they print ``x(i)``, which parses back), understood as a family
of independent variables: d x[i] / d x[j] = δ(i, j). ``Sum(f, (i, lo, hi))`` is linear,
pulls out factors free of i, and sums a delta away: Σᵢ δ(i, j) aᵢ = aⱼ (the free
index j is taken to range within the bounds, the convention of index notation).

>>> import symcalc as sc
>>> i, j, n = sc.symbols("i j n")
>>> x = IndexedSymbol("x")
>>> L = Sum(x[i]**2, (i, 1, n))
>>> L
Sum(x(i)^2, i, 1, n)
>>> diff_indexed(L, x[j])
2*x(j)
"""

from __future__ import annotations

from typing import Any

from ..core import ONE, ZERO, Expr, Function, FunctionDef, add, as_expr, mul, power
from ..core.function import Apply, define
from ..core.traversal import free_symbols, subs


def _delta_special(a: Expr, b: Expr) -> Expr | None:
    if a is b:
        return ONE
    if a.is_Number and b.is_Number:
        return ZERO  # distinct integers
    if b.sort_key() < a.sort_key():
        return KroneckerDelta(b, a)  # symmetric: one canonical order
    return None


#: δ(i, j): 1 when the indices are equal, else 0
KroneckerDelta: FunctionDef = define(FunctionDef(
    "KroneckerDelta", 2, special=_delta_special, unicode="δ", latex="\\delta",
    doc="The Kronecker delta δ(i, j): 1 if i = j, else 0."))


def _is_delta(e: Expr) -> bool:
    return e.is_Function and e.fdef is KroneckerDelta


def _sum_special(body: Expr, i: Expr, lo: Expr, hi: Expr) -> Expr | None:
    if not i.is_Symbol:
        return None
    if i not in free_symbols(body):
        return mul(add(hi, mul(-1, lo), 1), body)
    if body.is_Add:
        return add(*(SumDef(t, i, lo, hi) for t in body.args))
    if body.is_Mul:
        inside = [f for f in body.args if i in free_symbols(f)]
        outside = [f for f in body.args if i not in free_symbols(f)]
        if outside:
            return mul(*outside, SumDef(mul(*inside), i, lo, hi))
        for k, f in enumerate(inside):
            if _is_delta(f):
                a, b = f.args
                j = b if a is i else a if b is i else None
                if j is not None and i not in free_symbols(j):
                    rest = mul(*inside[:k], *inside[k + 1:])
                    return subs(rest, {i: j})  # Σᵢ δ(i, j) aᵢ = aⱼ
    if _is_delta(body):
        a, b = body.args
        j = b if a is i else a if b is i else None
        if j is not None and i not in free_symbols(j):
            return ONE
    return None


#: Sum(f, i, lo, hi) = Σ_{i=lo}^{hi} f
SumDef: FunctionDef = define(FunctionDef(
    "Sum", 4, special=_sum_special, unicode="Σ", latex="\\sum",
    doc="Sum(f, i, lo, hi): the sum of f for the integer i from lo to hi."))


def Sum(f: Any, limits: tuple) -> Expr:
    """Σ_{i=lo}^{hi} f: ``Sum(x[i]**2, (i, 1, n))``."""
    i, lo, hi = (as_expr(v) for v in limits)
    return SumDef(as_expr(f), i, lo, hi)


class IndexedSymbol:
    """A family of scalar variables x[i] (``x[i, j]`` for two indices)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.fdef = Function(name)

    def __getitem__(self, idx: Any) -> Expr:
        idx = idx if isinstance(idx, tuple) else (idx,)
        return self.fdef(*(as_expr(k) for k in idx))

    def __repr__(self) -> str:
        return self.name


def _is_entry(e: Expr, target: Expr) -> bool:
    return e.is_Function and e.fdef is target.fdef and len(e.args) == len(target.args)


def diff_indexed(e: Any, target: Expr) -> Expr:
    """d e / d target for an entry target = x[j] of an indexed symbol: d x[k]/d x[j] =
    δ(k, j), sums differentiated under the sum sign, the chain rule elsewhere."""
    from ..calculus.diff import DiffError, partial

    e = as_expr(e)
    memo: dict[Expr, Expr] = {}

    def d(u: Expr) -> Expr:
        r = memo.get(u)
        if r is not None:
            return r
        if _is_entry(u, target):
            r = mul(*(KroneckerDelta(a, b) for a, b in zip(u.args, target.args)))
        elif not _mentions(u):
            r = ZERO
        elif u.is_Add:
            r = add(*(d(t) for t in u.args))
        elif u.is_Mul:
            fs = u.args
            r = add(*(mul(*fs[:k], d(f), *fs[k + 1:]) for k, f in enumerate(fs)))
        elif u.is_Pow:
            b, n = u.args
            if _mentions(n):
                raise DiffError("diff_indexed: a variable exponent")
            r = mul(n, power(b, add(n, -1)), d(b))
        elif u.is_Function and u.fdef is SumDef:
            body, i, lo, hi = u.args
            if i in free_symbols(target):
                raise DiffError("diff_indexed: the summation index is also the free index")
            r = SumDef(d(body), i, lo, hi)
        elif isinstance(u, Apply) and not u.fdef.undefined:
            r = add(*(mul(partial(u.fdef, u.args, k), d(a))
                      for k, a in enumerate(u.args) if _mentions(a)))
        else:
            raise DiffError(f"diff_indexed: cannot differentiate {u}")
        memo[u] = r
        return r

    def _mentions(u: Expr) -> bool:
        if _is_entry(u, target):
            return True
        return any(_mentions(a) for a in u.args)

    return d(e)


def is_indexed_target(v: Any) -> bool:
    """Whether v reads as an entry x[j] of an indexed symbol (an undefined function
    applied to index symbols or integers)."""
    return isinstance(v, Apply) and v.fdef.undefined and v.fdef.name not in ("diff", "pdiff") \
        and all(a.is_Symbol or a.is_Number for a in v.args)
