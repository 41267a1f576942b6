"""minimize: gradient descent and its ML variants, Newton's method and BFGS on an
expression, with compiled exact gradients (reverse mode) and Hessians.

>>> import symcalc as sc
>>> from symcalc.numerics import minimize
>>> w0, w1 = sc.symbols("w0 w1")
>>> r = minimize(w0**2 + 3*w1**2, [w0, w1], x0=[4, 2], method="gd", lr=0.1, maxiter=1, tol=0)
>>> r.x.round(6).tolist()
[3.2, 0.8]
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .objective import Objective, as_point, objective
from .schedules import Schedule, as_schedule
from .sgd import RULES
from .trace import Trace

FIRST_ORDER = ("gd", "sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw")
METHODS = FIRST_ORDER + ("newton", "bfgs", "lbfgs", "newton-cg", "trust-region")

#: the options every method takes
_COMMON = {"maxiter", "tol", "history", "callback"}
_FIRST = {"lr", "schedule", "clip_norm", "clip_value", "weight_decay", "state"}
#: the options of training on data (minimize(..., data=...) with a first-order method)
_DATA = {"data", "batch_size", "epochs", "seed", "validation", "early_stopping",
         "min_delta"}
#: method -> its options, and their defaults (PyTorch's where it has the method)
_OPTIONS: dict[str, dict[str, Any]] = {
    **{m: dict(d) for m, d in RULES.items()},  # the first-order rules: one table (sgd.py)
    "newton": {},
    "bfgs": {"c1": 1e-4, "c2": 0.9},
    "lbfgs": {"memory": 10, "state": None},
    "newton-cg": {},
    "trust-region": {"radius": 1.0, "max_radius": 1e3, "state": None},
}
# None: 200 * n (SciPy's default); others 1000
_MAXITER = {"newton": 200, "bfgs": None, "lbfgs": None, "newton-cg": None,
            "trust-region": None}


class History:
    """The iterates of a run, for plotting: ``x`` has shape (nit + 1, n) and ``fun``
    shape (nit + 1,), starting with x0."""

    __slots__ = ("x", "fun", "val")

    def __init__(self, x: Any, fun: Any) -> None:
        self.x = x
        self.fun = fun
        self.val: Any = None  # validation losses per epoch (training on data)

    def plot(self, width: int = 60, height: int = 12) -> str:
        """The loss curve (history.fun against the step or epoch) as a terminal plot."""
        from .losscurve import loss_curve

        return loss_curve(self.fun, width=width, height=height, val=self.val)

    def __len__(self) -> int:
        return len(self.fun)

    def __repr__(self) -> str:
        return f"History({len(self)} points)"


class OptimizeResult:
    """What :func:`minimize` found: ``x``, ``fun``, ``grad`` at x, ``nit`` (steps taken),
    ``nfev`` (value-and-gradient evaluations), ``nhev`` (Hessian evaluations),
    ``success``, ``message``, ``history``, ``method`` and ``state`` (what ``state=``
    takes to resume: moments and step count, L-BFGS's pairs, the data shuffler)."""

    def __init__(self, *, x: Any, fun: float, grad: Any, nit: int, nfev: int, nhev: int,
                 success: bool, message: str, history: History | None, method: str,
                 vars: list[str]) -> None:
        self.x = x
        self.fun = fun
        self.grad = grad
        self.nit = nit
        self.nfev = nfev
        self.nhev = nhev
        self.success = success
        self.message = message
        self.history = history
        self.method = method
        self.vars = vars
        self.state: dict | None = None

    @property
    def point(self) -> dict[str, float]:
        """x as {variable name: value}."""
        return {v: float(c) for v, c in zip(self.vars, self.x)}

    def __repr__(self) -> str:
        xs = ", ".join(f"{v}={c:.6g}" for v, c in zip(self.vars[:6], self.x[:6]))
        if len(self.vars) > 6:
            xs += ", ..."
        return (f"OptimizeResult(method={self.method!r}, success={self.success}, "
                f"fun={self.fun:.6g}, nit={self.nit}, x=({xs}))")

    def __str__(self) -> str:
        import numpy as np

        gnorm = float(np.max(np.abs(self.grad))) if self.grad.size else 0.0
        with np.printoptions(precision=6, threshold=12, edgeitems=3):
            lines = [
                f"{self.method}: {'success' if self.success else 'failure'} -- {self.message}",
                f"  x       = {self.x}",
                f"  fun     = {self.fun:.10g}",
                f"  |grad|  = {gnorm:.3g} (max abs)",
                f"  nit     = {self.nit}, nfev = {self.nfev}"
                + (f", nhev = {self.nhev}" if self.nhev else ""),
            ]
        return "\n".join(lines)


def _options(method: str, given: dict[str, Any], n: int) -> dict[str, Any]:
    allowed = set(_OPTIONS[method]) | _COMMON
    if method in FIRST_ORDER:
        allowed |= _FIRST
    if "data" in given:
        allowed |= {"data"} | (_DATA if method in FIRST_ORDER else set())
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise TypeError(f"minimize: method {method!r} takes no option "
                        f"{', '.join(map(repr, unknown))}; its options are "
                        f"{', '.join(sorted(allowed))}")
    opts = dict(_OPTIONS[method])
    opts.update({"tol": 1e-6, "history": True, "callback": None,
                 "maxiter": _MAXITER.get(method, 1000) or 200 * n})
    if method in FIRST_ORDER:
        opts.update({"schedule": None, "clip_norm": None, "clip_value": None, "state": None})
    if "data" in given and method in FIRST_ORDER:
        opts.update({"batch_size": 64, "epochs": 20, "seed": 0, "validation": None,
                     "early_stopping": None, "min_delta": 0.0})
    opts.update(given)
    if opts["maxiter"] is None or opts["maxiter"] < 0 or int(opts["maxiter"]) != opts["maxiter"]:
        raise ValueError(f"minimize: maxiter must be a nonnegative integer, not {opts['maxiter']}")
    opts["maxiter"] = int(opts["maxiter"])
    if opts["tol"] < 0:
        raise ValueError(f"minimize: tol must be >= 0, not {opts['tol']}")
    return opts


def minimize(expr: Any, vars: Any, x0: Any, method: str = "bfgs", **options: Any
             ) -> OptimizeResult:
    """Minimize ``expr`` over ``vars`` starting from ``x0``.

    Methods: ``"gd"`` (or ``"sgd"``), ``"momentum"`` (v <- beta v + g, w <- w - lr v:
    PyTorch's convention), ``"nesterov"``, ``"rmsprop"``, ``"adam"``, ``"adamw"``,
    ``"newton"`` (exact Hessian; indefinite Hessians are made positive definite by
    flipping and flooring their eigenvalues), ``"bfgs"`` (strong Wolfe line search),
    ``"lbfgs"`` (limited memory), ``"newton-cg"`` (Hessian-vector products) and
    ``"trust-region"`` (exact Hessian; does not stop at saddle points).

    ``data={symbol: array}`` minimizes the mean of ``expr`` over the data: in
    mini-batches for the first-order methods (``batch_size``, ``epochs``, ``seed``,
    ``validation``, ``early_stopping``, ``min_delta``; see :mod:`.sgd`), on the whole
    data set for the others. ``constraints=[...]`` adds equality and inequality
    constraints (:mod:`.constraints`). ``state=`` resumes from ``result.state``.

    Options: ``maxiter``; ``tol`` (stop when max |grad| <= tol; ``tol=0`` runs exactly
    maxiter steps of a first-order method); ``history`` (record the iterates, default
    True); ``callback(k, x, fun)`` (return True to stop). First-order methods also take
    ``lr``, ``schedule`` (see :mod:`symcalc.numerics.schedules`), ``clip_norm``,
    ``clip_value``, ``weight_decay`` and their ``beta`` / ``beta1``, ``beta2``, ``eps``.
    """
    if method not in METHODS:
        raise ValueError(f"minimize: unknown method {method!r}; choose one of "
                         f"{', '.join(METHODS)}")
    if "constraints" in options:
        from .constraints import minimize_constrained

        return minimize_constrained(expr, vars, x0, options.pop("constraints"), method,
                                    options)
    if "data" in options:
        return _on_data(expr, vars, x0, method, options)
    obj = objective(expr, vars, hessian=method in ("newton", "trust-region"))
    x = as_point(x0, obj.syms)
    opts = _options(method, options, obj.n)
    import numpy as np

    with np.errstate(all="ignore"):  # overflow on the way is diagnosed, not warned
        return _unbounded(_dispatch(obj, x, method, opts))


#: |f| or max |grad| beyond this after a failed run: the objective looks unbounded below
_HUGE = 1e150


def _unbounded(r: OptimizeResult) -> OptimizeResult:
    """Name the likely cause when a run failed on the way to -inf: x^3 from x = 1 made
    BFGS report a failed line search with |grad| = 4e196."""
    import numpy as np

    if r.success:
        return r
    g = np.asarray(r.grad, dtype=float)
    gmax = float(np.max(np.abs(g))) if g.size else 0.0
    if r.fun < -_HUGE or r.fun != r.fun or gmax > _HUGE or not np.isfinite(gmax):
        r.message += (f"; the objective looks unbounded below (f = {r.fun:.3g} at the "
                      f"last iterate): there may be no minimum")
    return r


def _dispatch(obj: Any, x: Any, method: str, opts: dict[str, Any]) -> OptimizeResult:
    if method in FIRST_ORDER:
        return _first_order(obj, x, method, opts)
    if method == "newton":
        return _newton(obj, x, opts)
    if method == "bfgs":
        return _bfgs(obj, x, opts)
    from . import lbfgs, newton_methods

    if method == "lbfgs":
        out = lbfgs.lbfgs(obj.vg, x, opts)
    elif method == "newton-cg":
        out = newton_methods.newton_cg(obj.vg, _hvp_of(obj), x, opts)
    else:
        assert obj.hess is not None
        out = newton_methods.trust_region(obj.vg, obj.hess, x, opts)
    x, f, g, nit, nfev, nhev, success, message, xs, fs, state = out
    r = _finish(obj, method, x, f, g, nit, nfev, nhev, success, message, xs, fs)
    r.state = state
    return r


def _hvp_of(obj: Any) -> Callable[[Any, Any], Any]:
    """theta, v -> H v by forward over reverse (compiled once per objective)."""
    import numpy as np

    if hasattr(obj, "hvp"):
        return obj.hvp
    from .forward import compile_hvp

    k = compile_hvp(obj.expr, obj.syms).kernel
    scalar = k._scalar

    def hvp(theta: Any, v: Any) -> Any:
        try:
            return np.array(scalar(*theta.tolist(), *v.tolist()))
        except (ValueError, ZeroDivisionError, OverflowError):
            return np.array([float(t) for t in k(*theta.tolist(), *v.tolist())])

    return hvp


def _on_data(expr: Any, vars: Any, x0: Any, method: str, options: dict[str, Any]
             ) -> OptimizeResult:
    """The loss averaged over data: mini-batches for first-order methods, the full
    batch for the others."""
    from .objective import as_symbols
    from .sgd import DataObjective, batch_loss, data_columns, train

    syms = as_symbols(vars)
    x = as_point(x0, syms)
    if method in FIRST_ORDER and ({"maxiter", "tol"} & set(options)):
        raise TypeError("minimize: training on data runs for epochs= (and stops early with "
                        "early_stopping=); maxiter and tol are for full-batch runs")
    opts = _options(method, options, len(syms))
    if method in FIRST_ORDER:
        return train(expr, syms, x, method, opts["data"], opts)
    if method in ("newton", "trust-region"):
        raise ValueError(f"minimize: method {method!r} needs the Hessian of a formula; on "
                         f"data use 'newton-cg' (Hessian-vector products), 'lbfgs' or 'bfgs'")
    dsyms, cols = data_columns(opts["data"])
    obj = DataObjective(batch_loss(expr, syms, dsyms), cols)
    return _dispatch(obj, x, method, opts)


def _finish(obj: Objective, method: str, x: Any, f: float, g: Any, nit: int, nfev: int,
            nhev: int, success: bool, message: str, xs: list | None, fs: list | None
            ) -> OptimizeResult:
    import numpy as np

    hist = None
    if xs is not None and fs is not None:
        hist = History(np.array(xs).reshape(len(xs), obj.n), np.array(fs, dtype=float))
    return OptimizeResult(x=x, fun=float(f), grad=g, nit=nit, nfev=nfev, nhev=nhev,
                          success=success, message=message, history=hist, method=method,
                          vars=[s.name for s in obj.syms])


def _converged(gnorm: float, tol: float) -> str:
    return f"converged: max |grad| = {gnorm:.3g} <= tol = {tol:g}"


def _first_order(obj: Objective, x: Any, method: str, o: dict[str, Any]) -> OptimizeResult:
    """One loop for the stochastic-gradient family, full batch; the update rules and
    their state live in :class:`.sgd.Updater` (shared with the mini-batch loop): a
    handful of in-place NumPy operations on preallocated arrays per step."""
    import numpy as np

    from .sgd import Updater

    vg = obj.vg
    maxiter, tol = o["maxiter"], o["tol"]
    base_lr = o["lr"]
    sched: Schedule | None = as_schedule(o["schedule"], maxiter)
    if callable(base_lr):  # lr given as a function of the step
        fn = base_lr
        sched, base_lr = as_schedule(lambda t, _lr: fn(t), maxiter), 1.0
    elif o["schedule"] is None:
        sched = None
    base_lr = float(base_lr)
    callback: Callable | None = o["callback"]
    keep = bool(o["history"])

    x = x.copy()
    upd = Updater(method, x.size, o, o.get("state"))  # resumes the moments and step count
    f, g = vg(x)
    trace = Trace(x, f, keep, callback)
    nfev, nit = 1, 0
    success, message = True, f"ran maxiter = {maxiter} steps"
    absolute, amax = np.abs, np.max
    while True:
        if not (math.isfinite(f) and bool(np.isfinite(g).all())):
            success = False
            message = (f"diverged: the {'value' if not math.isfinite(f) else 'gradient'} is "
                       f"not finite at step {nit} (try a smaller lr)")
            break
        if tol > 0:
            gnorm = float(amax(absolute(g)))
            if gnorm <= tol:
                message = _converged(gnorm, tol)
                break
        if nit >= maxiter:
            if tol > 0:
                success = False
                message = f"stopped after maxiter = {maxiter} steps (max |grad| > tol = {tol:g})"
            break
        upd.step(x, g, sched(upd.t, base_lr) if sched is not None else base_lr)
        nit += 1
        f, g = vg(x)
        nfev += 1
        if trace.step(nit, x, f):
            message = f"stopped by the callback after {nit} steps"
            break
    r = _finish(obj, method, x, f, g, nit, nfev, 0, success, message, trace.xs, trace.fs)
    r.state = upd.state()
    return r


def _newton(obj: Objective, x: Any, o: dict[str, Any]) -> OptimizeResult:
    """Newton's method with a strong Wolfe line search. Where the Hessian is not positive
    definite (Cholesky fails) its eigenvalues are raised to at least delta = 1e-2 max
    |lambda| -- the eigenvalue modification of Nocedal and Wright, section 3.4 -- so the
    step descends, keeps the curvature it can trust and moves boldly along directions of
    negative curvature (the line search trims the length; it may also extend it)."""
    import numpy as np

    from .linesearch import wolfe

    vg, hess = obj.vg, obj.hess
    assert hess is not None
    maxiter, tol, keep, callback = o["maxiter"], o["tol"], o["history"], o["callback"]
    linalg = np.linalg
    x = x.copy()
    f, g = vg(x)
    nfev, nhev, nit = 1, 0, 0
    trace = Trace(x, f, keep, callback)
    success, message = True, f"ran maxiter = {maxiter} steps"
    while True:
        if not (math.isfinite(f) and bool(np.isfinite(g).all())):
            success, message = False, f"the objective is not finite at step {nit}"
            break
        gnorm = float(np.max(np.abs(g)))
        if tol > 0 and gnorm <= tol:
            message = _converged(gnorm, tol)
            break
        if gnorm == 0.0:
            message = "converged: the gradient is exactly zero"
            break
        if nit >= maxiter:
            if tol > 0:
                success = False
                message = f"stopped after maxiter = {maxiter} steps (max |grad| > tol = {tol:g})"
            break
        H = hess(x)
        nhev += 1
        if not np.isfinite(H).all():
            success, message = False, f"the Hessian is not finite at step {nit}"
            break
        try:
            linalg.cholesky(H)
            p = -linalg.solve(H, g)
        except linalg.LinAlgError:
            lam, Q = linalg.eigh(H)
            delta = max(1e-2 * float(np.max(np.abs(lam))), 1e-12)
            lam = np.maximum(lam, delta)
            p = -(Q @ ((Q.T @ g) / lam))
        if not float(g @ p) < 0:
            p = -g
        st = wolfe(vg, x, p, f, g)
        nfev += st.nfev
        if st.alpha is None:
            success = bool(tol == 0)
            message = (f"the line search failed at step {nit}: no decrease along the Newton "
                       f"direction (max |grad| = {gnorm:.3g})")
            break
        x, f, g = st.x, st.f, st.g
        nit += 1
        if trace.step(nit, x, f):
            message = f"stopped by the callback after {nit} steps"
            break
    return _finish(obj, "newton", x, f, g, nit, nfev, nhev, success, message, trace.xs, trace.fs)


def _bfgs(obj: Objective, x: Any, o: dict[str, Any]) -> OptimizeResult:
    """BFGS on the inverse Hessian approximation (Nocedal and Wright, Algorithm 6.1),
    H0 = I, with Moré and Thuente's strong Wolfe line search started from
    min(1, 2.02 (f_k - f_{k-1}) / phi'(0)) (their eq. 3.60: the last decrease predicts
    the next one; a first step of length about 1)."""
    import numpy as np

    from .linesearch import more_thuente

    vg = obj.vg
    maxiter, tol, keep, callback = o["maxiter"], o["tol"], o["history"], o["callback"]
    c1, c2 = o["c1"], o["c2"]
    n = obj.n
    x = x.copy()
    f, g = vg(x)
    nfev, nit = 1, 0
    Hinv = np.eye(n)
    trace = Trace(x, f, keep, callback)
    success, message = True, f"ran maxiter = {maxiter} steps"
    f_old = f + float(np.sqrt(g @ g)) / 2
    outer, dot = np.outer, np.dot
    reset = False
    while True:
        if not (math.isfinite(f) and bool(np.isfinite(g).all())):
            success, message = False, f"the objective is not finite at step {nit}"
            break
        gnorm = float(np.max(np.abs(g)))
        if tol > 0 and gnorm <= tol:
            message = _converged(gnorm, tol)
            break
        if gnorm == 0.0:
            message = "converged: the gradient is exactly zero"
            break
        if nit >= maxiter:
            if tol > 0:
                success = False
                message = f"stopped after maxiter = {maxiter} steps (max |grad| > tol = {tol:g})"
            break
        p = -(Hinv @ g)
        d0 = float(dot(g, p))
        if not d0 < 0:  # lost positive definiteness to rounding: restart
            Hinv = np.eye(n)
            p = -g
            d0 = -float(dot(g, g))
        alpha0 = min(1.0, 2.02 * (f - f_old) / d0) if f_old > f else 1.0
        st = more_thuente(vg, x, p, f, g, alpha0=alpha0, c1=c1, c2=c2)
        nfev += st.nfev
        if st.alpha is None:
            if not reset:  # retry once along -g
                Hinv = np.eye(n)
                reset = True
                continue
            success = bool(tol == 0)
            message = (f"the line search failed at step {nit}: no further decrease "
                       f"(max |grad| = {gnorm:.3g}); rounding limits the accuracy")
            break
        reset = False
        s = st.x - x
        y = st.g - g
        f_old = f
        x, f, g = st.x, st.f, st.g
        nit += 1
        sy = float(dot(s, y))
        if sy > 1e-300:
            rho = 1.0 / sy
            Hy = Hinv @ y
            # H <- (I - rho s y^T) H (I - rho y s^T) + rho s s^T, expanded
            Hinv += (rho * rho * float(dot(y, Hy)) + rho) * outer(s, s)
            Hinv -= rho * (outer(Hy, s) + outer(s, Hy))
        if trace.step(nit, x, f):
            message = f"stopped by the callback after {nit} steps"
            break
    return _finish(obj, "bfgs", x, f, g, nit, nfev, 0, success, message, trace.xs, trace.fs)
