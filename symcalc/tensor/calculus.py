"""diff, gradient, jacobian and hessian for shaped expressions (what ``sc.diff`` & co.
delegate to when an argument has a shape).

``assume`` is a dict of facts substituted into the result, e.g. ``{sc.sum(y): 1}`` for
one-hot (or probability) targets.

>>> import symcalc as sc
>>> z, y = sc.VectorSymbol("z", 4), sc.VectorSymbol("y", 4)
>>> L = -sc.sum(y * sc.log_softmax(z))
>>> gradient(L, z)
sum(y)*softmax(z) - y
>>> gradient(L, z, assume={sc.sum(y): 1})
softmax(z) - y
"""

from __future__ import annotations

from typing import Any

from .expr import TExpr, to_t
from .forward import jacobian_vec
from .reverse import TensorDiffError, gradients


def _finish(r: TExpr, assume: dict | None) -> TExpr:
    if assume:
        from .simplify import collect, subs

        r = collect(subs(r, assume))
    return r


def gradient(L: Any, wrt: Any, *, assume: dict | None = None) -> Any:
    """∇L with respect to one shaped symbol (a result of its shape) or a list of them."""
    L = to_t(L)
    if isinstance(wrt, (list, tuple)):
        return [_finish(g, assume) for g in gradients(L, list(wrt))]
    return _finish(gradients(L, [wrt])[0], assume)


def jacobian(F: Any, x: Any, *, assume: dict | None = None) -> TExpr:
    """∂ vec(F) / ∂ vec(x)ᵀ (for vectors: the m×n matrix ∂Fᵢ/∂xⱼ)."""
    F = to_t(F)
    if isinstance(x, (list, tuple)):
        if len(x) != 1:
            raise TensorDiffError("jacobian of a shaped expression: one variable at a time")
        x = x[0]
    return _finish(jacobian_vec(F, x), assume)


def hessian(L: Any, w: Any, *, assume: dict | None = None) -> TExpr:
    """The Jacobian of the gradient: (n, n) for a vector w, (pq, pq) in vec order for a
    p×q matrix."""
    if isinstance(w, (list, tuple)):
        if len(w) != 1:
            raise TensorDiffError("hessian of a shaped expression: one variable at a time")
        w = w[0]
    g = gradient(L, w, assume=assume)
    return _finish(jacobian_vec(g, w), assume)


class Derivation:
    """The steps of a matrix derivative: the rule and the adjoint ∂L/∂(node) of each
    subexpression, in the order of the reverse sweep; ``str()`` reads like a worked
    example."""

    def __init__(self, L: TExpr, x: TExpr, steps: list, result: TExpr, raw: TExpr) -> None:
        self.L, self.x, self.steps, self.result, self.raw = L, x, steps, result, raw

    def __str__(self) -> str:
        from .printing import tpretty

        lines = [f"L = {tpretty(self.L)}",
                 "Reverse accumulation: each subexpression C gets its adjoint C̄ = ∂L/∂C "
                 "(of C's shape), from the rule of the operation that uses it."]
        for i, (rules, node, g) in enumerate(self.steps, 1):
            lines.append(f"{i}. {'; '.join(rules)}:")
            lines.append(f"   ∂L/∂({tpretty(node)}) = {tpretty(g)}")
        if self.raw is not self.result:
            lines.append(f"Collecting common factors: {tpretty(self.result)}")
        lines.append(f"Result: ∂L/∂{tpretty(self.x)} = {tpretty(self.result)}")
        return "\n".join(lines)

    __repr__ = __str__


def diff(e: Any, x: Any, n: int = 1, *, assume: dict | None = None,
         steps: bool = False) -> Any:
    """dL/dX for a scalar L (the gradient, shaped like X); the Jacobian otherwise.

    ``steps=True`` returns ``(result, derivation)`` for a gradient."""
    e = to_t(e)
    if steps:
        from .reverse import gradients as _g

        if e.shape or n != 1:
            raise TensorDiffError("steps: explained for first derivatives of scalars")
        trace: list = []
        (g,) = _g(e, [x], trace=trace)
        result = _finish(g, assume)
        raw = trace[-1][2] if trace and trace[-1][1] is x else result
        return result, Derivation(e, x, trace, result, raw)
    for _ in range(n):
        e = gradient(e, x, assume=assume) if not e.shape else jacobian(e, x, assume=assume)
    return e


def is_shaped(*objs: Any) -> bool:
    """Whether any argument (or element of a list argument) is a shaped expression."""
    for o in objs:
        if isinstance(o, TExpr):
            return True
        if isinstance(o, (list, tuple)) and any(isinstance(v, TExpr) for v in o):
            return True
    return False
