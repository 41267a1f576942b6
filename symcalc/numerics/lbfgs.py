"""Limited-memory BFGS on ``vg(theta) -> (f, grad)``: :func:`lbfgs` (Nocedal and
Wright, Algorithm 7.4: the two-loop recursion with H0 = (s.y / y.y) I from the newest
pair, m = 10 pairs), Moré and Thuente's strong Wolfe line search. Newton-CG and the
trust-region Newton method are in :mod:`.newton_methods`.

It returns ``(x, f, g, nit, nfev, nhev, success, message, trace.xs, trace.fs, state)``.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from .trace import Trace

VG = Callable[[Any], tuple[float, Any]]


def _check(f: float, g: Any, nit: int, tol: float, maxiter: int) -> tuple[bool, str] | None:
    """(success, message) when the run must stop before step nit, else None."""
    import numpy as np

    gnorm = float(np.max(np.abs(g))) if g.size else 0.0
    if not (math.isfinite(f) and math.isfinite(gnorm)):  # nan and inf propagate to gnorm
        return False, f"the objective is not finite at step {nit}"
    if tol > 0 and gnorm <= tol:
        return True, f"converged: max |grad| = {gnorm:.3g} <= tol = {tol:g}"
    if gnorm == 0.0:
        return True, "converged: the gradient is exactly zero"
    if nit >= maxiter:
        return bool(tol == 0), (f"stopped after maxiter = {maxiter} steps (max |grad| = "
                                f"{gnorm:.3g})")
    return None


class _Pairs:
    """The L-BFGS memory: the last m pairs (s, y) with rho = 1 / s.y, kept as NumPy
    vectors and, for short vectors, as lists of Python floats too (for n below ~50 a
    NumPy call costs more than a dot product of n numbers)."""

    def __init__(self, m: int, S: list, Y: list) -> None:
        self.m = m
        self.S: list = []
        self.Y: list = []
        self.lists: list = []
        for s, y in zip(S, Y):
            self.add(s, y)

    def __len__(self) -> int:
        return len(self.S)

    def clear(self) -> None:
        self.S, self.Y, self.lists = [], [], []

    def add(self, s: Any, y: Any) -> None:
        self.S.append(s)
        self.Y.append(y)
        sl, yl = s.tolist(), y.tolist()
        self.lists.append((sl, yl, 1.0 / sum(map(operator.mul, sl, yl))))
        if len(self.S) > self.m:
            self.S.pop(0)
            self.Y.pop(0)
            self.lists.pop(0)

    def apply_inverse(self, g: Any) -> Any:
        """H g by the two-loop recursion (Nocedal and Wright, Algorithm 7.4), H0 = gamma
        I with gamma = s.y / y.y of the newest pair."""
        import numpy as np

        if g.size > 48:
            q = g.copy()
            alphas = []
            for s, y, (_, _, rho) in zip(reversed(self.S), reversed(self.Y),
                                         reversed(self.lists)):
                a = rho * float(s @ q)
                alphas.append(a)
                q -= a * y
            q *= float(self.S[-1] @ self.Y[-1]) / float(self.Y[-1] @ self.Y[-1])
            for s, y, (_, _, rho), a in zip(self.S, self.Y, self.lists, reversed(alphas)):
                q += (a - rho * float(y @ q)) * s
            return q
        mul = operator.mul
        ql = g.tolist()
        al = []
        for s, y, rho in reversed(self.lists):
            a = rho * sum(map(mul, s, ql))
            al.append(a)
            ql = [qi - a * yi for qi, yi in zip(ql, y)]
        sl, yl, rho = self.lists[-1]
        gamma = 1.0 / (rho * sum(map(mul, yl, yl)))
        ql = [gamma * qi for qi in ql]
        for (s, y, rho), a in zip(self.lists, reversed(al)):
            c = a - rho * sum(map(mul, y, ql))
            ql = [qi + c * si for qi, si in zip(ql, s)]
        return np.array(ql)


def lbfgs(vg: VG, x: Any, o: dict[str, Any]) -> tuple:
    import numpy as np

    from .linesearch import more_thuente

    maxiter, tol, keep, callback = o["maxiter"], o["tol"], o["history"], o["callback"]
    m = int(o.get("memory", 10))
    state = o.get("state") or {}
    pairs = _Pairs(m, [np.array(s, dtype=float) for s in state.get("s", [])],
                   [np.array(t, dtype=float) for t in state.get("y", [])])
    x = x.copy()
    f, g = vg(x)
    nfev, nit = 1, 0
    trace = Trace(x, f, keep, callback)
    dot = np.dot
    while True:
        stop = _check(f, g, nit, tol, maxiter)
        if stop is not None:
            success, message = stop
            break
        p = -pairs.apply_inverse(g) if len(pairs) else -g
        if not float(dot(g, p)) < 0:
            pairs.clear()
            p = -g
        alpha0 = 1.0 if len(pairs) else min(1.0, 1.0 / float(np.sqrt(dot(g, g))))
        st = more_thuente(vg, x, p, f, g, alpha0=alpha0)
        nfev += st.nfev
        if st.alpha is None:
            if len(pairs):  # forget the curvature pairs and retry along -g
                pairs.clear()
                continue
            success = bool(tol == 0)
            message = (f"the line search failed at step {nit}: no further decrease (max "
                       f"|grad| = {float(np.max(np.abs(g))):.3g}); rounding limits the accuracy")
            break
        s, y = st.x - x, st.g - g
        x, f, g = st.x, st.f, st.g
        nit += 1
        if float(dot(s, y)) > 1e-12 * float(np.sqrt(dot(s, s) * dot(y, y))):
            pairs.add(s, y)
        if trace.step(nit, x, f):
            success, message = True, f"stopped by the callback after {nit} steps"
            break
    st_out = {"method": "lbfgs", "s": [s.copy() for s in pairs.S],
              "y": [y.copy() for y in pairs.Y]}
    return x, f, g, nit, nfev, 0, success, message, trace.xs, trace.fs, st_out
