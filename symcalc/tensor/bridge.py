"""Between scalar core expressions and shaped ones: f'(u) from the derivative table,
applied elementwise to a shaped argument.

>>> from symcalc import tanh
>>> from symcalc.tensor import VectorSymbol
>>> a = VectorSymbol("a", 3)
>>> elementwise_derivative(tanh, a)
1 - tanh(a)^2
"""

from __future__ import annotations

from typing import Any

from ..core import Expr, FunctionDef, Symbol
from .expr import TExpr, add, const, func, hadamard, power

_U = Symbol("u_elementwise")


def from_core(e: Expr, env: dict[Expr, TExpr]) -> TExpr:
    """A core expression with some symbols replaced by shaped expressions (``env``)."""
    memo: dict[Expr, TExpr] = {}

    def go(x: Expr) -> TExpr:
        r = memo.get(x)
        if r is not None:
            return r
        if x in env:
            r = env[x]
        elif not any(s in env for s in x.free_symbols):
            r = const(x)
        elif x.is_Add:
            r = add(*(go(a) for a in x.args))
        elif x.is_Mul:
            r = hadamard(*(go(a) for a in x.args))
        elif x.is_Pow:
            b, n = x.args
            r = power(go(b), go(n))
        elif x.is_Function and len(x.args) == 1:
            r = func(x.fdef, go(x.args[0]))
        else:
            from ..calculus.diff import DiffError

            raise DiffError(f"cannot apply {x} elementwise to a shaped expression")
        memo[x] = r
        return r

    return go(e)


def elementwise_derivative(f: FunctionDef, a: TExpr) -> TExpr:
    """f'(a), entry by entry, from the scalar derivative table."""
    from ..calculus.diff import partial

    d: Any = partial(f, (_U,), 0)
    return from_core(d, {_U: a})
