"""An expression compiled for the numeric routines: value, gradient and Hessian of one
packed parameter vector.

Everything here works on one float64 vector ``theta`` (the layout optimizers use).
The value and gradient come from the compiler's reverse mode on the scalar ``math``
path (a straight-line Python function: for one point it is far cheaper than NumPy
calls on 0-d arrays). The Hessian is differentiated symbolically and only its
structurally nonzero entries are compiled; they are scattered into a dense matrix, so
a banded Hessian (Rosenbrock) costs O(n) per evaluation, not O(n^2).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core import Expr, Symbol, as_expr, symbols


def as_symbols(vars: Any) -> list[Symbol]:
    """vars as a list of symbols: a Symbol, a name, ``"x y"``, or a sequence of these."""
    if isinstance(vars, str):
        vars = symbols(vars)
    if isinstance(vars, Symbol):
        return [vars]
    out: list[Symbol] = []
    for v in vars:
        s = Symbol(v) if isinstance(v, str) else as_expr(v)
        if not isinstance(s, Symbol):
            raise ValueError(f"variables must be symbols, got {s}")
        if s in out:
            raise ValueError(f"the variable {s} is listed twice")
        out.append(s)
    if not out:
        raise ValueError("at least one variable is needed")
    return out


def check_free(e: Expr, syms: Sequence[Symbol], who: str) -> None:
    extra = set(e.free_symbols) - set(syms)
    if extra:
        names = ", ".join(sorted(str(s) for s in extra))
        raise ValueError(f"{who}: the expression has symbols that are not variables: {names}; "
                         f"list them in vars or substitute values first")


def values_by_symbol(point: dict, syms: Sequence[Symbol], who: str) -> list:
    """The values of ``syms`` in a dict keyed by symbols or their names, in order."""
    out = []
    for s in syms:
        if s in point:
            out.append(point[s])
        elif s.name in point:
            out.append(point[s.name])
        else:
            raise ValueError(f"{who} has no value for {s}")
    return out


def as_point(x0: Any, syms: Sequence[Symbol], who: str = "x0") -> Any:
    """A float64 vector from a number, a sequence in the order of ``syms``, or a dict
    {symbol or name: value}."""
    import numpy as np

    if isinstance(x0, dict):
        x0 = values_by_symbol(x0, syms, who)
    x = np.array(x0, dtype=float).reshape(-1)
    if x.shape != (len(syms),):
        raise ValueError(f"{who} must have one value per variable ({len(syms)}: "
                         f"{', '.join(map(str, syms))}), got {x.size}")
    return x


class SparseHessian:
    """The Hessian of an expression as a callable ``H(theta) -> (n, n) array``.

    Entries that are numbers are filled in once; the others are compiled together
    (common subexpressions shared) and scattered by index arrays.
    """

    def __init__(self, e: Expr, syms: Sequence[Symbol]) -> None:
        import numpy as np

        from ..calculus.vector import hessian
        from ..compile.api import compile as compile_expr

        n = len(syms)
        H = hessian(e, syms)
        self.n = n
        self.template = np.zeros((n, n))
        rows, cols, exprs = [], [], []
        for i in range(n):
            for j in range(i, n):
                h = H[i, j]
                if h.is_Number:
                    v = float(h.evalf())
                    self.template[i, j] = self.template[j, i] = v
                else:
                    rows.append(i)
                    cols.append(j)
                    exprs.append(h)
        self.rows = np.array(rows, dtype=np.intp)
        self.cols = np.array(cols, dtype=np.intp)
        self._fn = fast_scalar(compile_expr(exprs, syms, packed=True, backend="math")) \
            if exprs else None
        self._np = np

    def __call__(self, theta: Any) -> Any:
        H = self.template.copy()
        if self._fn is not None:
            vals = self._np.array(self._fn(theta), dtype=float)
            H[self.rows, self.cols] = vals
            H[self.cols, self.rows] = vals
        return H


def fast_scalar(fn: Any) -> Any:
    """A packed, math-backend compiled function called with the least overhead: the
    generated scalar code on ``theta.tolist()``. Where it raises (a domain error such as
    log(-1)), the public call gives NumPy's nan/inf semantics instead."""
    scalar = getattr(fn, "_scalar", None)
    if scalar is None:  # pragma: no cover - a compiler without the scalar kernel
        return fn

    def call(theta: Any) -> Any:
        try:
            return scalar(*theta.tolist())
        except (ValueError, ZeroDivisionError, OverflowError):
            r = fn(theta)
            return r if isinstance(r, tuple) else (r,)

    return call


def fast_value_and_grad(vg: Any) -> Any:
    """``theta -> (float, grad array)`` from a packed math-backend value_and_grad."""
    import numpy as np

    scalar = getattr(vg, "_scalar", None)
    if scalar is None:  # pragma: no cover
        return vg
    array = np.array

    def call(theta: Any) -> Any:
        try:
            v = scalar(*theta.tolist())
        except (ValueError, ZeroDivisionError, OverflowError):
            return vg(theta)
        return v[0], array(v[1:])

    return call


_CACHE: dict[tuple, Objective] = {}
_CACHE_SIZE = 32


def objective(expr: Any, vars: Any, *, hessian: bool = False, who: str = "minimize"
              ) -> Objective:
    """The compiled :class:`Objective`, cached per (expression, variables): expressions
    are hash-consed and immutable, so minimizing the same loss again (another start,
    another learning rate) skips compilation. Least recently used entries go first."""
    e = as_expr(expr)
    syms = tuple(as_symbols(vars))
    key = (e, syms)
    obj = _CACHE.pop(key, None)
    if obj is None:
        obj = Objective(e, syms, who=who)
    _CACHE[key] = obj  # most recently used last
    while len(_CACHE) > _CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]
    if hessian and obj.hess is None:
        obj.hess = SparseHessian(obj.expr, obj.syms)
    return obj


class Objective:
    """``expr`` of ``vars`` compiled for minimization.

    ``vg(theta) -> (float, grad array)``; ``hess(theta)`` when asked for.
    """

    def __init__(self, expr: Any, vars: Any, *, hessian: bool = False,
                 who: str = "minimize") -> None:
        from ..compile.api import value_and_grad

        self.expr = as_expr(expr)
        self.syms = as_symbols(list(vars) if isinstance(vars, tuple) else vars)
        check_free(self.expr, self.syms, who)
        self.n = len(self.syms)
        self.vg = fast_value_and_grad(
            value_and_grad(self.expr, self.syms, packed=True, backend="math"))
        self.hess: SparseHessian | None = SparseHessian(self.expr, self.syms) if hessian \
            else None
