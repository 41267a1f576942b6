"""Finite differences for plain Python callables: derivative, gradient, jacobian, hessian.

These work on any function of floats (no expressions needed), so they double as the
oracle that checks symbolic gradients (:mod:`symcalc.numerics.gradcheck`).

>>> from symcalc.numerics import derivative, gradient
>>> round(derivative(lambda t: t**3, 2.0), 6)
12.0
>>> [round(float(g), 6) for g in gradient(lambda v: v[0]**2 * v[1], [3.0, 2.0])]
[12.0, 9.0]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

EPS = 2.220446049250313e-16

#: central stencils (offsets in units of h, weights) for derivatives of order 1..4,
#: all with truncation error O(h^2)
_CENTRAL = {
    1: ((-1, 1), (-0.5, 0.5)),
    2: ((-1, 0, 1), (1.0, -2.0, 1.0)),
    3: ((-2, -1, 1, 2), (-0.5, 1.0, -1.0, 0.5)),
    4: ((-2, -1, 0, 1, 2), (1.0, -4.0, 6.0, -4.0, 1.0)),
}
_METHODS = ("central", "forward", "backward")


def _stencil(method: str, order: int) -> tuple[tuple[int, ...], tuple[float, ...], int, int]:
    """Offsets, weights, the error order p (error ~ h^p) and the step q between the
    powers of h in the error expansion (2 for central differences: only even powers)."""
    if method == "central":
        if order not in _CENTRAL:
            raise ValueError(f"derivative: central differences support order 1 to 4, not {order}")
        offs, ws = _CENTRAL[order]
        return offs, ws, 2, 2
    if method not in ("forward", "backward"):
        raise ValueError(f"derivative: method must be one of {', '.join(_METHODS)}, "
                         f"not {method!r}")
    if not 1 <= order <= 4:
        raise ValueError(f"derivative: {method} differences support order 1 to 4, not {order}")
    sign = 1 if method == "forward" else -1
    # k-th forward difference: sum_j (-1)^(k-j) C(k, j) f(x + j h)
    offs = tuple(sign * j for j in range(order + 1))
    ws = tuple(float((-1) ** (order - j) * math.comb(order, j)) * sign ** order
               for j in range(order + 1))
    return offs, ws, 1, 1


def default_step(x: Any, method: str = "central", order: int = 1, richardson: int = 0) -> Any:
    """The step that balances truncation error ~h^p against rounding error ~eps/h^order:
    ``eps^(1/(p + order)) * max(1, |x|)`` (p grows with each Richardson level)."""
    _, _, p, q = _stencil(method, order)
    if isinstance(x, (int, float)):
        scale: Any = max(1.0, abs(x))
    else:
        import numpy as np

        scale = np.maximum(1.0, np.abs(x))
    return EPS ** (1.0 / (p + q * richardson + order)) * scale


def _difference(f: Callable[[Any], Any], x: Any, h: Any, offs: Sequence[int],
                ws: Sequence[float], order: int) -> Any:
    total = 0.0
    for o, w in zip(offs, ws):
        if w:
            total = total + w * f(x + o * h)
    return total / h ** order


def derivative(f: Callable[[Any], Any], x: Any, h: float | None = None,
               method: str = "central", order: int = 1, richardson: int = 0) -> Any:
    """The ``order``-th derivative of ``f`` at ``x`` by finite differences.

    ``method`` is ``"central"`` (error O(h^2)), ``"forward"`` or ``"backward"`` (O(h)).
    ``h`` defaults to :func:`default_step`. ``richardson=k`` extrapolates k levels from
    the steps h, h/2, ..., h/2^k (Richardson): each level removes the leading error
    term, so ``richardson=2`` on central differences has error O(h^6). ``x`` may be a
    NumPy array when ``f`` is elementwise.

    >>> import math
    >>> round(derivative(math.sin, 0.0), 10)
    1.0
    >>> round(derivative(math.exp, 0.0, method="forward", richardson=3), 10)
    1.0
    >>> round(derivative(math.cos, 0.0, order=2), 6)
    -1.0
    """
    if richardson < 0 or int(richardson) != richardson:
        raise ValueError(f"derivative: richardson must be a nonnegative integer, not {richardson}")
    offs, ws, p, q = _stencil(method, order)
    if h is None:
        h = default_step(x, method, order, richardson)
        try:
            h = (x + h) - x  # an exactly representable step
        except TypeError:
            pass
    if not richardson:
        return _difference(f, x, h, offs, ws, order)
    # Richardson table: R[i][j] = R[i][j-1] + (R[i][j-1] - R[i-1][j-1]) / (2^(p+(j-1)q) - 1)
    prev: list[Any] = []
    for i in range(richardson + 1):
        row = [_difference(f, x, h / 2 ** i, offs, ws, order)]
        for j in range(1, i + 1):
            factor = 2.0 ** (p + (j - 1) * q) - 1.0
            row.append(row[j - 1] + (row[j - 1] - prev[j - 1]) / factor)
        prev = row
    return prev[-1]


def _as_vector(x: Any) -> Any:
    import numpy as np

    v = np.array(x, dtype=float)
    if v.ndim != 1:
        raise ValueError(f"expected a point as a flat sequence of numbers, got shape {v.shape}")
    return v


def _steps(v: Any, h: Any, method: str, order: int, richardson: int) -> Any:
    import numpy as np

    if h is None:
        hs = default_step(v, method, order, richardson)
    else:
        hs = np.broadcast_to(np.asarray(h, dtype=float), v.shape).copy()
    return (v + hs) - v


def gradient(f: Callable[[Any], Any], x: Sequence[float], h: Any = None,
             method: str = "central", richardson: int = 0) -> Any:
    """The gradient of a scalar function of a vector, ``f(x) -> float``, at ``x``.

    ``f`` is called with a NumPy array of the same length as ``x``; ``h`` is a step or
    one step per coordinate (default: scaled to each coordinate).

    >>> [round(float(g), 8) for g in gradient(lambda v: v[0] * v[1], [2.0, 5.0])]
    [5.0, 2.0]
    """
    import numpy as np

    v = _as_vector(x)
    hs = _steps(v, h, method, 1, richardson)
    out = np.empty(v.size)
    for i in range(v.size):
        e = np.zeros(v.size)
        e[i] = 1.0

        def along(t: float, i: int = i, e: Any = e) -> float:
            return float(f(v + t * e))

        out[i] = derivative(along, 0.0, h=hs[i], method=method, richardson=richardson)
    return out


def jacobian(f: Callable[[Any], Any], x: Sequence[float], h: Any = None,
             method: str = "central", richardson: int = 0) -> Any:
    """The Jacobian ``J[i, j] = d f_i / d x_j`` of a vector function ``f(x) -> sequence``.

    >>> jacobian(lambda v: [v[0] * v[1], v[0] + v[1]], [2.0, 3.0]).round(8).tolist()
    [[3.0, 2.0], [1.0, 1.0]]
    """
    import numpy as np

    v = _as_vector(x)
    hs = _steps(v, h, method, 1, richardson)
    cols = []
    for i in range(v.size):
        e = np.zeros(v.size)
        e[i] = 1.0

        def along(t: float, e: Any = e) -> Any:
            return np.asarray(f(v + t * e), dtype=float)

        cols.append(derivative(along, 0.0, h=hs[i], method=method, richardson=richardson))
    return np.stack([np.atleast_1d(c) for c in cols], axis=1)


def hessian(f: Callable[[Any], Any], x: Sequence[float], h: Any = None) -> Any:
    """The Hessian of a scalar function of a vector by central second differences
    (``n^2`` evaluations; error O(h^2), default h = eps^(1/4) scaled to x).

    >>> hessian(lambda v: v[0]**2 * v[1], [1.0, 2.0]).round(5).tolist()
    [[4.0, 2.0], [2.0, 0.0]]
    """
    import numpy as np

    v = _as_vector(x)
    hs = _steps(v, h, "central", 2, 0)
    n = v.size
    H = np.empty((n, n))
    f0 = float(f(v))
    for i in range(n):
        ei = np.zeros(n)
        ei[i] = hs[i]
        H[i, i] = (float(f(v + ei)) - 2.0 * f0 + float(f(v - ei))) / hs[i] ** 2
        for j in range(i + 1, n):
            ej = np.zeros(n)
            ej[j] = hs[j]
            d = (float(f(v + ei + ej)) - float(f(v + ei - ej))
                 - float(f(v - ei + ej)) + float(f(v - ei - ej))) / (4.0 * hs[i] * hs[j])
            H[i, j] = H[j, i] = d
    return H
