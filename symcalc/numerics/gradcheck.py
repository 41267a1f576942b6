"""gradcheck: compare a symbolic gradient with finite differences at a point.

The gradient checked is ``symcalc.gradient(expr, vars)`` (or one you derived by hand,
passed as ``grad=``), compiled and evaluated at the point; the reference is a
Richardson-extrapolated central difference of the compiled expression (error about
1e-10 relative for smooth functions), so a real mistake stands far above the noise. The
step adapts: near a pole or a domain edge (1/x at x = 1e-4) a smaller step is chosen,
where the estimates for neighbouring steps agree.

>>> import symcalc as sc
>>> from symcalc.numerics import gradcheck
>>> x, y = sc.symbols("x y")
>>> gradcheck(sc.sin(x) * y**2, [x, y], [0.5, 2.0]).passed
True
>>> gradcheck(sc.sin(x) * y**2, [x, y], [0.5, 2.0], grad=[sc.cos(x) * y, 2*y*sc.sin(x)]).passed
False
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from .objective import as_point, as_symbols, check_free


class MaxError(NamedTuple):
    """The largest absolute error |a - n| and the largest relative error
    |a - n| / max(|a|, |n|) over the components (a: analytic, n: numeric)."""

    absolute: float
    relative: float


class GradcheckReport:
    """The outcome of :func:`gradcheck`: per-variable ``analytic`` and ``numeric``
    gradients, ``max_error`` (absolute, relative), ``passed`` (every component within
    atol + rtol |numeric|) and a table as ``str``."""

    def __init__(self, vars: list[str], point: Any, analytic: Any, numeric: Any,
                 rtol: float, atol: float) -> None:
        import numpy as np

        self.vars = vars
        self.point = point
        self.analytic = analytic
        self.numeric = numeric
        self.rtol = rtol
        self.atol = atol
        diff = np.abs(analytic - numeric)
        scale = np.maximum(np.abs(analytic), np.abs(numeric))
        with np.errstate(all="ignore"):
            rel = np.where(scale > 0, diff / np.where(scale > 0, scale, 1.0), 0.0)
        rel = np.where(np.isnan(diff), np.inf, rel)
        self.abs_error = diff
        self.rel_error = rel
        finite = np.isfinite(analytic) & np.isfinite(numeric)
        self.passed = bool(finite.all() and (diff <= atol + rtol * np.abs(numeric)).all())
        self.max_error = MaxError(float(np.nanmax(np.where(np.isnan(diff), np.inf, diff))),
                                  float(np.max(rel)))

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return (f"GradcheckReport(passed={self.passed}, max_error=(absolute="
                f"{self.max_error.absolute:.3g}, relative={self.max_error.relative:.3g}))")

    def __str__(self) -> str:
        at = ", ".join(f"{v}={float(c):.6g}" for v, c in zip(self.vars, self.point))
        head = (f"gradcheck {'passed' if self.passed else 'FAILED'} at ({at}): "
                f"max abs error {self.max_error.absolute:.2e}, "
                f"max rel error {self.max_error.relative:.2e} "
                f"(rtol={self.rtol:g}, atol={self.atol:g})")
        w = max(3, *(len(v) for v in self.vars))
        rows = [f"  {'var':<{w}}  {'analytic':>15}  {'numeric':>15}  {'abs error':>9}"]
        for v, a, n, d in zip(self.vars, self.analytic, self.numeric, self.abs_error):
            mark = "" if d <= self.atol + self.rtol * abs(n) else "  <--"
            rows.append(f"  {v:<{w}}  {a:>15.8g}  {n:>15.8g}  {d:>9.2e}{mark}")
        return "\n".join([head] + rows)


def gradcheck(expr: Any, vars: Any, point: Any, *, grad: Any = None, h: float | None = None,
              rtol: float = 1e-6, atol: float = 1e-8) -> GradcheckReport:
    """Check the gradient of ``expr`` at ``point`` (a sequence in the order of ``vars``
    or a dict) against central differences with two levels of Richardson extrapolation
    (the step chosen among six, by agreement; ``h`` fixes it).

    ``grad`` replaces the symbolic gradient: a list of expressions (one per variable)
    or a function of the point returning the gradient. A component passes when
    |analytic - numeric| <= atol + rtol |numeric|.
    """
    import numpy as np

    from ..calculus.vector import gradient
    from ..compile.api import compile as compile_expr
    from ..core import as_expr
    from .differences import derivative
    from .objective import fast_scalar

    e = as_expr(expr)
    syms = as_symbols(vars)
    check_free(e, syms, "gradcheck")
    x = as_point(point, syms, "point")
    n = len(syms)
    f = fast_scalar(compile_expr(e, syms, packed=True, backend="math"))
    with np.errstate(all="ignore"):
        value = float(f(x)[0])
    if not math.isfinite(value):
        from ..errors import DomainError

        at = ", ".join(f"{s.name}={float(v):g}" for s, v in zip(syms, x))
        raise DomainError(f"gradcheck: {e} is {value} at ({at}); there is no gradient "
                          f"to check there")
    if grad is None or not callable(grad):
        gexprs = gradient(e, syms) if grad is None else [as_expr(g) for g in grad]
        if len(gexprs) != n:
            raise ValueError(f"gradcheck: grad has {len(gexprs)} components for {n} variables")
        for ge in gexprs:
            check_free(ge, syms, "gradcheck")
        gfun = fast_scalar(compile_expr(gexprs, syms, packed=True, backend="math"))
        analytic = np.array(gfun(x), dtype=float)
    else:
        analytic = np.array(grad(x.copy()), dtype=float).reshape(-1)
        if analytic.shape != (n,):
            raise ValueError(f"gradcheck: grad returned {analytic.size} components for "
                             f"{n} variables")
    numeric = np.empty(n)
    for i in range(n):
        base = x.copy()
        xi = float(x[i])

        def along(t: float, base: Any = base, i: int = i) -> float:
            base[i] = t
            return float(f(base)[0])

        d = derivative(along, xi, h=h, richardson=2) if h is not None else \
            _stable_derivative(along, xi)
        numeric[i] = d
    return GradcheckReport([s.name for s in syms], x, analytic, numeric, rtol, atol)


def _stable_derivative(f: Any, x: float, levels: int = 6) -> float:
    """A Richardson-extrapolated central difference whose step adapts to f: the default
    step and steps 4, 16, ... times smaller; of neighbouring estimates the pair that
    agrees best wins (the larger step of it, which has the lesser rounding error). Near a
    pole or a domain edge the large steps straddle it and disagree, so a small one is
    chosen; at ordinary points the default step is."""
    from .differences import default_step, derivative

    h0 = default_step(x, "central", 1, 2)
    ds = []
    for k in range(levels):
        hk = (x + h0 / 4.0 ** k) - x
        ds.append(derivative(f, x, h=hk, richardson=2) if hk > 0 else math.nan)
    best, arg = math.inf, None
    for k in range(levels - 1):
        a, b = ds[k], ds[k + 1]
        if math.isfinite(a) and math.isfinite(b):
            gap = abs(a - b)
            if gap < best:
                best, arg = gap, k
    if arg is not None:
        return ds[arg]
    finite = [d for d in ds if math.isfinite(d)]
    return finite[-1] if finite else math.nan
