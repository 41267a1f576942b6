"""Forward and reverse mode as functions: JVP, VJP and Hessian-vector products.

* ``jvp(e, vars, point, tangent)`` -> ``(value, J v)``: forward mode, one pass
  carrying a tangent next to every value (:mod:`symcalc.compile.tangent`).
* ``vjp(exprs, vars, point, cotangent)`` -> ``(values, u^T J)``: reverse mode seeded
  with the cotangent ``u``.
* ``hvp(e, vars, point, v)`` -> ``H v``: forward over reverse -- the tangent of the
  compiled gradient along ``v``; the Hessian is never formed.

Each builds a compiled kernel (cached per expression and variables); ``compile_jvp``,
``compile_vjp`` and ``compile_hvp`` return it for repeated calls, on scalars or on
NumPy arrays (a batch of points).

>>> import symcalc as sc
>>> x, y = sc.symbols("x y")
>>> sc.jvp(x**2 * y, [x, y], [3.0, 2.0], [1.0, 0.0])       # d/dx of x^2 y at (3, 2)
(18.0, 12.0)
>>> sc.vjp([x * y, x + y], [x, y], [3.0, 2.0], [1.0, 1.0])
(array([6., 5.]), array([3., 4.]))
>>> sc.hvp(x**3 * y, [x, y], [1.0, 2.0], [1.0, 0.0])        # first column of the Hessian
array([12.,  3.])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core import Expr, as_expr

__all__ = ["jvp", "vjp", "hvp", "compile_jvp", "compile_vjp", "compile_hvp", "ADFunction"]


def _exprs(e: Any) -> tuple[list[Expr], bool]:
    if isinstance(e, (list, tuple)):
        return [as_expr(v) for v in e], False
    return [as_expr(e)], True


def _values(point: Any, syms: Sequence[Any], who: str) -> list:
    """The values of syms from a dict or a sequence; numbers or arrays (a batch)."""
    if isinstance(point, dict):
        from .objective import values_by_symbol

        return values_by_symbol(point, syms, who)
    if hasattr(point, "shape") and getattr(point, "ndim", 1) == 0 or \
            isinstance(point, (int, float)):
        point = [point]
    out = list(point)
    if len(out) != len(syms):
        raise ValueError(f"{who} must have one value per variable ({len(syms)}: "
                         f"{', '.join(map(str, syms))}), got {len(out)}")
    return out


class ADFunction:
    """A compiled forward- or reverse-mode kernel: ``fn(point, direction)``.

    ``point`` and ``direction`` are sequences (or dicts for the point) of numbers or
    arrays that broadcast; ``kernel`` is the underlying compiled function, called with
    the point's values followed by the direction's. ``source`` shows the generated code.
    """

    def __init__(self, kind: str, syms: list, ndir: int, kernel: Any, nout: int,
                 single: bool) -> None:
        self.kind = kind
        self.syms = syms
        self.ndir = ndir
        self.kernel = kernel
        self._nout = nout
        self._single = single
        self._scalar = None

    @property
    def source(self) -> str:
        return self.kernel.source

    def _call(self, args: list) -> tuple:
        if all(type(a) is float for a in args):
            if self._scalar is None:
                self._scalar = self.kernel._scalar
            try:
                return self._scalar(*args)
            except (ValueError, ZeroDivisionError, OverflowError):
                pass
        # arrays: the kernel with reused out= buffers (blocked and threaded when large);
        # for these wide graphs it beats the allocating small-array path at every size
        return self.kernel._call_numpy(tuple(args))

    def __call__(self, point: Any, direction: Any) -> Any:
        import numpy as np

        pv = _values(point, self.syms, "the point")
        dv = list(direction) if not isinstance(direction, (int, float)) else [direction]
        if len(dv) != self.ndir:
            raise ValueError(f"the {'tangent' if self.kind != 'vjp' else 'cotangent'} must "
                             f"have {self.ndir} entries, got {len(dv)}")
        args = [float(a) if isinstance(a, (int, float)) or (
            hasattr(a, "ndim") and a.ndim == 0) else np.asarray(a, dtype=float)
            for a in pv + dv]
        out = self._call(args)
        if self.kind == "hvp":
            return _stack(out)
        vals, rest = out[:self._nout], out[self._nout:]
        if self.kind == "jvp" and self._single:
            return vals[0], rest[0]
        return _stack(vals), _stack(rest)

    def __repr__(self) -> str:
        return f"<{self.kind} kernel of ({', '.join(map(str, self.syms))})>"


def _stack(vals: Sequence[Any]) -> Any:
    import numpy as np

    if all(isinstance(v, float) for v in vals):
        return np.array(vals)
    return np.stack(np.broadcast_arrays(*vals))


def _build(kind: str, exprs: list[Expr], vars: Any, single: bool) -> ADFunction:
    from ..compile.api import (
        CompiledFunction,
        _check_free,
        _numeric_root,
        _symbols,
        _typed_errors,
    )
    from ..compile.ir import scope, var
    from ..compile.lower import lower
    from ..compile.passes import optimize
    from ..compile.reverse import gradient
    from ..compile.tangent import cotangent_gradient, tangent

    syms = _symbols(vars)
    _check_free(exprs, syms)
    n, m = len(syms), len(exprs)
    names = [s.name for s in syms]
    with scope(), _typed_errors():
        roots = optimize([_numeric_root(r) for r in lower(exprs, {s: i for i, s in
                                                                   enumerate(syms)})])
        if kind == "jvp":
            extra = [f"tangent_{s}" for s in names]
            outs = roots + tangent(roots, {i: var(n + i) for i in range(n)})
            ndir = n
        elif kind == "vjp":
            extra = [f"cotangent_{k}" for k in range(m)]
            outs = roots + cotangent_gradient(roots, [var(n + k) for k in range(m)], n)
            ndir = m
        else:  # hvp: forward over reverse
            extra = [f"tangent_{s}" for s in names]
            grads = gradient(roots[0], n)
            outs = tangent(grads, {i: var(n + i) for i in range(n)})
            ndir = n
        kernel = CompiledFunction(names + extra, outs, "tuple", backend="auto",
                                  packed=False)
    return ADFunction(kind, syms, ndir, kernel, m, single)


_CACHE: dict[tuple, ADFunction] = {}


def _cached(kind: str, e: Any, vars: Any) -> ADFunction:
    exprs, single = _exprs(e)
    if kind == "hvp" and not single:
        if len(exprs) != 1:
            raise ValueError("hvp: give one scalar expression (the Hessian of a vector "
                             "function is a tensor)")
        single = True
    key = (kind, tuple(exprs), single, tuple(vars) if isinstance(vars, (list, tuple))
           else vars)
    f = _CACHE.pop(key, None)
    if f is None:
        f = _build(kind, exprs, vars, single)
    _CACHE[key] = f
    while len(_CACHE) > 64:
        del _CACHE[next(iter(_CACHE))]
    return f


def compile_jvp(e: Any, vars: Any) -> ADFunction:
    """Forward mode compiled: ``fn(point, tangent) -> (value, J tangent)`` (for a list
    of expressions, arrays of values and directional derivatives)."""
    return _cached("jvp", e, vars)


def compile_vjp(exprs: Any, vars: Any) -> ADFunction:
    """Reverse mode compiled with a cotangent: ``fn(point, u) -> (values, u^T J)``."""
    return _cached("vjp", exprs, vars)


def compile_hvp(e: Any, vars: Any) -> ADFunction:
    """Forward over reverse: ``fn(point, v) -> H v`` without forming H (``fn.kernel``
    takes the point's values and then v's, positionally, and returns H v's entries)."""
    return _cached("hvp", e, vars)


def jvp(e: Any, vars: Any, point: Any, tangent: Any) -> tuple[Any, Any]:
    """``(value, directional derivative)`` of ``e`` at ``point`` along ``tangent`` by
    forward mode (for a list of expressions: the values and J @ tangent)."""
    return compile_jvp(e, vars)(point, tangent)


def vjp(exprs: Any, vars: Any, point: Any, cotangent: Any) -> tuple[Any, Any]:
    """``(values, cotangent @ J)`` of the expressions at ``point`` by reverse mode."""
    if not isinstance(exprs, (list, tuple)):
        exprs = [exprs]
    return compile_vjp(list(exprs), vars)(point, cotangent)


def hvp(e: Any, vars: Any, point: Any, v: Any) -> Any:
    """The Hessian of ``e`` at ``point`` times ``v`` (forward over reverse)."""
    return compile_hvp(e, vars)(point, v)
