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


def diff(e: Any, x: Any, n: int = 1, *, assume: dict | None = None) -> TExpr:
    """dL/dX for a scalar L (the gradient, shaped like X); the Jacobian otherwise."""
    e = to_t(e)
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
