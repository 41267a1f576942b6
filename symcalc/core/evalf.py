"""Numeric evaluation to Python floats (complex where the value is not real).

>>> from symcalc import parse
>>> parse("sin(pi/6) + sqrt(2)^2").evalf()
2.5
>>> parse("log(-1)").evalf()
3.141592653589793j
"""

from __future__ import annotations

import cmath
import math
from typing import Any

from ..errors import DomainError, EvaluationError
from .expr import Expr, as_expr
from .traversal import bottom_up


def _to_float(v: Any) -> float:
    try:
        return float(v)
    except OverflowError:
        return math.inf if v > 0 else -math.inf


def _pow(b: complex | float, e: complex | float) -> complex | float:
    try:
        if isinstance(b, float) and isinstance(e, float) and b < 0 and not e.is_integer():
            if e == 0.5:
                return cmath.sqrt(b)
            return complex(b) ** e
        return b ** e
    except ZeroDivisionError:
        raise DomainError("division by zero") from None
    except OverflowError:
        return math.inf


def _apply(e: Expr, vals: tuple) -> complex | float:
    fd = e.fdef
    if fd.undefined:
        raise EvaluationError(f"cannot evaluate the undefined function {fd.name}")
    if all(isinstance(v, float) for v in vals) and fd.numeric is not None:
        try:
            r = fd.numeric(*vals)
        except (ValueError, ZeroDivisionError):
            r = None
        except OverflowError:
            r = math.inf
        if r is not None:
            return float(r)
    if fd.cnumeric is None:
        if fd.numeric is not None and all(isinstance(v, float) for v in vals):
            return math.nan
        raise EvaluationError(f"{fd.name} cannot be evaluated at complex arguments {vals}")
    try:
        return fd.cnumeric(*(complex(v) for v in vals))
    except ZeroDivisionError:
        raise DomainError(f"{fd.name} is undefined at {vals}") from None
    except (ValueError, OverflowError):
        return math.nan


def evalf(e: Expr, subs: dict | None = None) -> float | complex:
    """Evaluate ``e`` numerically, substituting ``subs`` (symbol -> number) first."""
    values: dict[int, Any] = {}
    if subs:
        for k, v in subs.items():
            if isinstance(k, str):
                from .symbol import Symbol

                k = Symbol(k)
            values[id(as_expr(k))] = v

    def visit(node: Expr, kids: tuple) -> Any:
        v = values.get(id(node))
        if v is not None:
            return v if isinstance(v, complex) else _to_float(v)
        if node.is_Number:
            return _to_float(node.value)
        if node.is_Symbol:
            raise EvaluationError(f"cannot evaluate numerically: the symbol {node.name} "
                                  "has no value (pass subs={...})")
        if node.is_Atom:
            if node.is_Boolean:
                return node.value
            return node.fvalue
        if node.is_Add:
            return math.fsum(kids) if all(isinstance(k, float) for k in kids) else sum(kids)
        if node.is_Mul:
            r: Any = 1.0
            for k in kids:
                r = r * k
            return r
        if node.is_Pow:
            return _pow(kids[0], kids[1])
        if node.is_Function:
            return _apply(node, kids)
        if node.is_Relational:
            a, b = kids
            if isinstance(a, complex) or isinstance(b, complex):
                if node.op in ("==", "!="):
                    return (a == b) == (node.op == "==")
                raise EvaluationError(f"cannot order complex values in {node}")
            return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b,
                    "==": a == b, "!=": a != b}[node.op]
        if node.head == "piecewise":
            for i in range(1, len(kids), 2):
                if kids[i]:
                    return kids[i - 1]
            return math.nan
        if node.head == "And":
            return all(kids)
        if node.head == "Or":
            return any(kids)
        if node.head == "Not":
            return not kids[0]
        raise EvaluationError(f"cannot evaluate {node.head} numerically")

    # Piecewise branches are evaluated eagerly; a domain error in an unused branch
    # must not spoil the value, so evaluate piecewise lazily when present.
    r = _eval_lazy(e, visit) if _has_piecewise(e) else bottom_up(e, visit)
    if isinstance(r, bool):
        return float(r)
    if isinstance(r, complex):
        if r.imag == 0:
            return r.real
        return r
    return float(r)


def _has_piecewise(e: Expr) -> bool:
    from .traversal import preorder

    return any(n.head == "piecewise" for n in preorder(e))


def _eval_lazy(e: Expr, visit: Any) -> Any:
    memo: dict[int, Any] = {}

    def ev(node: Expr) -> Any:
        r = memo.get(id(node))
        if r is not None or id(node) in memo:
            return r
        if node.head == "piecewise":
            a = node._args
            r = math.nan
            for i in range(0, len(a), 2):
                if ev(a[i + 1]):
                    r = ev(a[i])
                    break
        else:
            r = visit(node, tuple(ev(x) for x in node._args))
        memo[id(node)] = r
        return r

    return ev(e)

