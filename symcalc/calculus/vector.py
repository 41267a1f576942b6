"""Gradients, Jacobians, Hessians and directional derivatives.

>>> from symcalc import parse, symbols, jacobian, hessian
>>> x, y = symbols("x y")
>>> jacobian([x**2 + y, x*y], [x, y])
Matrix([[2*x, 1], [y, x]])
>>> hessian(x**2 + 3*y**2, [x, y])
Matrix([[2, 0], [0, 6]])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core import Expr, Matrix, add, as_expr, mul, power, sqrt
from ..core.budget import operation
from ..core.traversal import free_symbols
from .diff import _d, _shaped, _symbol


@operation("gradient")
def gradient(e: Any, vars: Sequence[Any], **kw: Any) -> list[Expr]:
    """[de/dv for v in vars]; for a shaped variable (vector, matrix) the gradient in
    matrix notation, of the variable's shape (``assume=`` facts, see tensor/).

    For a sum, each variable only looks at the terms that contain it, so the gradient
    of a sum of n local terms costs O(n), not O(n^2) (Rosenbrock in 1000 dimensions).
    """
    if _shaped(e, vars):
        from ..tensor.calculus import gradient as tgradient

        return tgradient(e, vars, **kw)
    e = as_expr(e)
    syms = [_symbol(v) for v in vars]
    if not e.is_Add or len(syms) < 4:
        return [_d(e, v) for v in syms]
    terms_of: dict[Expr, list[Expr]] = {v: [] for v in syms}
    for t in e._args:
        for s in free_symbols(t):
            lst = terms_of.get(s)
            if lst is not None:
                lst.append(t)
    return [add(*(_d(t, v) for t in terms_of[v])) for v in syms]


@operation("jacobian")
def jacobian(exprs: Any, vars: Sequence[Any], **kw: Any) -> Matrix:
    """The matrix J[i, j] = d exprs[i] / d vars[j] (shaped: d vec(F)/d vec(x)ᵀ)."""
    if _shaped(exprs, vars):
        from ..tensor.calculus import jacobian as tjacobian

        return tjacobian(exprs, vars, **kw)
    if isinstance(exprs, Matrix):
        exprs = [a for r in exprs for a in r]
    syms = [_symbol(v) for v in vars]
    return Matrix([[_d(as_expr(f), v) for v in syms] for f in exprs])


@operation("hessian")
def hessian(e: Any, vars: Sequence[Any], **kw: Any) -> Matrix:
    """The symmetric matrix of second derivatives; each unordered pair is computed once
    (shaped: the Jacobian of the gradient, in matrix notation)."""
    if _shaped(e, vars):
        from ..tensor.calculus import hessian as thessian

        return thessian(e, vars, **kw)
    e = as_expr(e)
    syms = [_symbol(v) for v in vars]
    g = gradient(e, syms)
    n = len(syms)
    h: list[list[Expr | None]] = [[None] * n for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            h[i][j] = h[j][i] = _d(g[i], syms[j])
    return Matrix(h)


def directional_derivative(e: Any, vars: Sequence[Any], u: Sequence[Any]) -> Expr:
    """The rate of change of ``e`` along the direction ``u``: grad(e) . u/|u|.

    ``u`` is normalized to a unit vector first, as in the textbook definition
    D_u f = grad f . u with |u| = 1.

    >>> from symcalc import symbols
    >>> x, y = symbols("x y")
    >>> directional_derivative(x**2 + y**2, [x, y], [3, 4])
    6*x/5 + 8*y/5
    """
    us = [as_expr(c) for c in u]
    if len(us) != len(vars):
        raise ValueError("directional_derivative: u must have one component per variable")
    norm = sqrt(add(*(power(c, 2) for c in us)))
    g = gradient(e, vars)
    return add(*(mul(gi, ci, power(norm, -1)) for gi, ci in zip(g, us)))
