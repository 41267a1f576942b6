"""Lowering: the hash-consed expression DAG becomes high-level IR, one node per distinct
subexpression (so common subexpressions are computed once, also across outputs).

High-level ops: ``sum`` and ``prod`` (n-ary), ``pow``, registry function names
(``sigmoid``, ``sec``, ...), ``where`` for Piecewise, comparisons and logic. The passes
in :mod:`symcalc.compile.passes` then bring it down to the primitive ops of
:mod:`symcalc.compile.ops`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..core import REGISTRY, Expr
from ..core.assumptions import is_real
from ..errors import EvaluationError
from .ir import Node, const, node, var

_REL = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "ne"}
_BOOLOP = {"And": "and", "Or": "or"}
FUNCTIONS = frozenset(f.name for f in REGISTRY.values())
# The IR computes in real floating point: the imaginary unit, and the parts of values not
# known to be real, are refused here (sc.compile sends them to compile/complex_numpy.py).
_PARTS = frozenset({"re", "im", "conjugate", "arg"})
_COMPLEX = ("cannot compile {0} in real floating point (gradients, value_and_grad): it "
            "needs complex arithmetic; sc.compile computes it with complex NumPy code, "
            "without gradients, or rewrite it in real terms (re(exp(I*x)) is cos(x))")


def _num(v: object) -> float:
    try:
        return float(v)  # type: ignore[arg-type]
    except OverflowError:
        return float("inf") if v > 0 else float("-inf")  # type: ignore[operator]


def _fold(e: Expr) -> float | None:
    """The double value of a constant subexpression (no symbols), computed by evalf
    (correct to ~12+ digits, with mpmath where doubles overflow or cancel: log(10^400)
    is 921.03..., not log(inf)); None where it is not a real number or fails."""
    from ..core.traversal import free_symbols

    if e.is_Atom or free_symbols(e) or e.head == "piecewise" or e.is_Relational \
            or e.is_Boolean:
        return None
    try:
        v = e.evalf()
    except Exception:  # noqa: BLE001 - unevaluable constants are lowered as before
        return None
    return v if isinstance(v, float) else None


def lower(exprs: Sequence[Expr], index: dict[Expr, int]) -> list[Node]:
    """High-level IR roots for exprs; ``index`` maps each free symbol to its position."""
    memo: dict[int, Node] = {}

    def one(e: Expr, kids: list[Node]) -> Node:
        if e.is_Number:
            return const(_num(e.value))
        if e.is_Symbol:
            return var(index[e])
        if e.is_Atom:
            if e.is_Boolean:
                return const(bool(e))
            if isinstance(e.fvalue, complex):
                raise EvaluationError(_COMPLEX.format(e))
            return const(e.fvalue)
        if e.is_Add:
            return node("sum", *kids)
        if e.is_Mul:
            return node("prod", *kids)
        if e.is_Pow:
            return node("pow", *kids)
        if e.is_Function:
            name = e.fdef.name
            if name in _PARTS:
                if name == "arg" and is_real(e._args[0]):  # arg(u) = pi if u < 0 else 0
                    return node("where", node("lt", kids[0], const(0.0)), const(math.pi),
                                const(0.0))
                raise EvaluationError(_COMPLEX.format(e))
            if e.fdef.undefined or name not in FUNCTIONS:
                raise ValueError(f"cannot compile the undefined function {name}(...)")
            return node(name, *kids)
        if e.is_Relational:
            return node(_REL[e.op], *kids)
        head = e.head
        if head == "piecewise":
            r = const(float("nan"))
            for i in range(len(kids) - 2, -1, -2):
                r = node("where", kids[i + 1], kids[i], r)
            return r
        if head in _BOOLOP:
            r = kids[0]
            for k in kids[1:]:
                r = node(_BOOLOP[head], r, k)
            return r
        if head == "Not":
            return node("not", kids[0])
        raise ValueError(f"cannot compile {head} nodes ({e})")

    # iterative post-order over the expression DAG (deep expressions are fine)
    for root in exprs:
        stack = [(root, False)]
        while stack:
            e, ready = stack.pop()
            if id(e) in memo:
                continue
            if ready:
                memo[id(e)] = one(e, [memo[id(a)] for a in e.args])
                continue
            v = _fold(e) if e._args else None
            if v is not None:
                memo[id(e)] = const(v)
            else:
                stack.append((e, True))
                stack.extend((a, False) for a in e.args if id(a) not in memo)
    return [memo[id(e)] for e in exprs]
