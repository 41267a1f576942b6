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


class JacobianDerivation:
    """The steps of a Jacobian d vec(F)/d (vec x)ᵀ by forward accumulation: the rule and
    the Jacobian of each subexpression that depends on x, leaves first."""

    def __init__(self, F: TExpr, x: TExpr, steps: list, result: TExpr, raw: TExpr,
                 title: str = "F") -> None:
        self.F, self.x, self.steps, self.result, self.raw = F, x, steps, result, raw
        self.title = title

    def __str__(self) -> str:
        from .printing import tpretty

        x = tpretty(self.x)
        wrt = f"∂ vec(·)/∂ (vec {x})ᵀ" if self.x.ndim == 2 else f"∂(·)/∂{x}ᵀ"
        lines = [f"{self.title} = {tpretty(self.F)}",
                 f"Forward accumulation: each subexpression C that depends on {x} gets its "
                 f"Jacobian {wrt.replace('·', 'C')} (vec stacks the columns), from the rule "
                 "of its operation and the Jacobians of its operands.",
                 f"   {wrt.replace('vec(·)', 'vec ' + x).replace('(·)', x)} = I"]
        for i, (rule, node, j) in enumerate(self.steps, 1):
            lines.append(f"{i}. {rule}:")
            lines.append(f"   {wrt.replace('·', tpretty(node))} = {tpretty(j)}")
        if self.raw is not self.result:
            lines.append(f"Collecting common factors: {tpretty(self.result)}")
        lines.append(f"Result: {wrt.replace('·', self.title)} = {tpretty(self.result)}")
        return "\n".join(lines)

    __repr__ = __str__


class HessianDerivation:
    """A Hessian explained in two passes: the gradient by reverse accumulation, then
    its Jacobian by forward accumulation."""

    def __init__(self, grad: Derivation, jac: JacobianDerivation) -> None:
        self.grad, self.jac, self.result = grad, jac, jac.result

    def __str__(self) -> str:
        return ("The Hessian is the Jacobian of the gradient.\n"
                f"{self.grad}\n{self.jac}")

    __repr__ = __str__


def _jacobian_steps(F: TExpr, x: TExpr, assume: dict | None, title: str
                    ) -> tuple[TExpr, JacobianDerivation]:
    if isinstance(x, (list, tuple)):
        if len(x) != 1:
            raise TensorDiffError("jacobian of a shaped expression: one variable at a time")
        x = x[0]
    trace: list = []
    raw = jacobian_vec(F, x, trace=trace)
    result = _finish(raw, assume)
    last = trace[-1][2] if trace and trace[-1][1] is F else result
    return result, JacobianDerivation(F, x, trace, result, last, title)


def _gradient_steps(e: TExpr, x: Any, assume: dict | None) -> tuple[TExpr, Derivation]:
    from .reverse import gradients as _g

    trace: list = []
    (g,) = _g(e, [x], trace=trace)
    result = _finish(g, assume)
    raw = trace[-1][2] if trace and trace[-1][1] is x else result
    return result, Derivation(e, x, trace, result, raw)


def diff(e: Any, x: Any, n: int = 1, *, assume: dict | None = None,
         steps: bool = False) -> Any:
    """dL/dX for a scalar L (the gradient, shaped like X); the Jacobian otherwise.

    ``steps=True`` returns ``(result, derivation)``: for a gradient (reverse
    accumulation), a Jacobian (forward accumulation, vec form) and, with n=2 of a
    scalar, a Hessian (both)."""
    e = to_t(e)
    if steps:
        if n == 1 and not e.shape:
            return _gradient_steps(e, x, assume)
        if n == 1:
            return _jacobian_steps(e, x, assume, "F")
        if n == 2 and not e.shape:
            g, gd = _gradient_steps(e, x, assume)
            h, jd = _jacobian_steps(g, x, assume, "∇L")
            return h, HessianDerivation(gd, jd)
        raise TensorDiffError("steps: explained for gradients, Jacobians and Hessians")
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
