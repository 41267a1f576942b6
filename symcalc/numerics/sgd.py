"""Training on data: a per-example loss minimized as its mean over a data set, in
mini-batches (SGD and its momentum / Nesterov / RMSProp / Adam / AdamW variants).

The loss is an expression of the parameters and of data symbols. It is compiled
once, with the reverse-mode gradient of the parameters only, into one NumPy kernel
over a batch of examples (``BatchLoss``): one call computes the per-example losses
and gradients into preallocated buffers, and one ``mean`` reduces them.

Shuffling: ``rng = numpy.random.default_rng(seed)``; every epoch draws
``rng.permutation(N)`` and takes consecutive batches of it (the last one may be
smaller). The optimizer state (moments, step count, the generator's state) is
returned as ``result.state`` and can be passed back with ``state=`` to resume.

>>> import numpy as np
>>> import symcalc as sc
>>> w, b, x, y = sc.symbols("w b x y")
>>> X = np.linspace(-1, 1, 200); Y = 3 * X - 1
>>> r = sc.minimize((w * x + b - y)**2, [w, b], [0, 0], method="sgd",
...                 data={x: X, y: Y}, batch_size=20, epochs=50, lr=0.1, seed=0)
>>> r.x.round(6).tolist(), r.history.fun.shape
([3.0, -1.0], (51,))
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import Any

from .trace import Trace

#: the update rules with their defaults (PyTorch's)
RULES: dict[str, dict[str, Any]] = {
    "sgd": {"lr": 0.01, "weight_decay": 0.0},
    "momentum": {"lr": 0.01, "beta": 0.9, "weight_decay": 0.0},
    "nesterov": {"lr": 0.01, "beta": 0.9, "weight_decay": 0.0},
    "rmsprop": {"lr": 0.01, "beta": 0.99, "eps": 1e-8, "weight_decay": 0.0},
    "adam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
    "adamw": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01},
}
RULES["gd"] = RULES["sgd"]


class Updater:
    """One optimizer's update rule and its state: ``x = step(x, g, lr)`` in place.

    ``state()`` / ``Updater(..., state=...)`` save and restore the moments and the
    step count (for bias correction and schedules)."""

    def __init__(self, method: str, n: int, opts: dict[str, Any],
                 state: dict | None = None) -> None:
        import numpy as np

        self.method = "sgd" if method == "gd" else method
        self.wd = float(opts.get("weight_decay", 0.0))
        self.beta = float(opts.get("beta", 0.0))
        self.b1, self.b2 = float(opts.get("beta1", 0.0)), float(opts.get("beta2", 0.0))
        self.eps = float(opts.get("eps", 0.0))
        self.clip_norm, self.clip_value = opts.get("clip_norm"), opts.get("clip_value")
        self.buf = np.zeros(n)
        self.sq = np.zeros(n)
        self.tmp = np.empty(n)
        self.stepv = np.empty(n)
        self.t = 0
        self.b1t = self.b2t = 1.0
        if state is not None:
            if state.get("method", self.method) != self.method:
                raise ValueError(f"minimize: state= is from method {state['method']!r}, "
                                 f"not {self.method!r}")
            if len(state.get("buf", ())) not in (0, n):
                raise ValueError(f"minimize: state= is for {len(state['buf'])} parameters, "
                                 f"not {n}")
            self.buf[:] = state.get("buf", 0.0)
            self.sq[:] = state.get("sq", 0.0)
            self.t = int(state.get("step", 0))
            self.b1t = float(state.get("b1t", self.b1 ** self.t))
            self.b2t = float(state.get("b2t", self.b2 ** self.t))

    def state(self) -> dict:
        return {"method": self.method, "step": self.t, "buf": self.buf.copy(),
                "sq": self.sq.copy(), "b1t": self.b1t, "b2t": self.b2t}

    def step(self, x: Any, g: Any, lr: float) -> None:
        import numpy as np

        # clip the raw gradient (torch.nn.utils.clip_grad_*), then add weight decay
        if self.clip_value is not None:
            g = np.clip(g, -self.clip_value, self.clip_value)
        if self.clip_norm is not None:
            norm = float(np.sqrt(g @ g))
            if norm > self.clip_norm:
                g = g * (self.clip_norm / norm)
        m = self.method
        decoupled = m == "adamw"
        if self.wd and not decoupled:
            g = g + self.wd * x
        buf, sq, tmp, step = self.buf, self.sq, self.tmp, self.stepv
        self.t += 1
        if m == "sgd":
            np.multiply(g, lr, out=step)
        elif m == "momentum" or m == "nesterov":
            buf *= self.beta
            buf += g
            if m == "momentum":
                np.multiply(buf, lr, out=step)
            else:  # PyTorch's Nesterov: step along g + beta v
                np.multiply(buf, self.beta, out=tmp)
                tmp += g
                np.multiply(tmp, lr, out=step)
        elif m == "rmsprop":
            sq *= self.beta
            np.multiply(g, g, out=tmp)
            tmp *= 1.0 - self.beta
            sq += tmp
            np.sqrt(sq, out=tmp)
            tmp += self.eps
            np.divide(g, tmp, out=step)
            step *= lr
        else:  # adam, adamw (Kingma and Ba, with bias correction)
            self.b1t *= self.b1
            self.b2t *= self.b2
            if decoupled and self.wd:
                x *= 1.0 - lr * self.wd  # AdamW: decay the weights, not the gradient
            buf *= self.b1
            np.multiply(g, 1.0 - self.b1, out=tmp)
            buf += tmp
            sq *= self.b2
            np.multiply(g, g, out=tmp)
            tmp *= 1.0 - self.b2
            sq += tmp
            np.multiply(sq, 1.0 / (1.0 - self.b2t), out=tmp)
            np.sqrt(tmp, out=tmp)
            tmp += self.eps
            np.divide(buf, tmp, out=step)
            step *= lr / (1.0 - self.b1t)
        x -= step


class BatchLoss:
    """A per-example loss of ``params`` and ``data`` symbols compiled over a batch:
    ``vg(theta, cols) -> (mean loss, mean gradient)``, ``value(theta, cols)`` the mean
    loss, and ``hvp(theta, v, cols)`` the mean Hessian-vector product."""

    def __init__(self, loss: Any, params: list, data: list) -> None:
        from ..compile.api import _check_free, _numeric_root, _typed_errors
        from ..core import as_expr

        self.expr = as_expr(loss)
        self.params = params
        self.data = data
        self.n = len(params)
        _check_free([self.expr], data + params)
        self._check = _typed_errors
        self._numeric_root = _numeric_root
        self._vg = self._kernel("vg")
        self._val: Any = None
        self._hvp: Any = None
        self._bufs: dict[tuple, tuple] = {}

    def _kernel(self, kind: str) -> Any:
        from ..compile.api import CompiledFunction
        from ..compile.ir import scope, var
        from ..compile.lower import lower
        from ..compile.passes import optimize
        from ..compile.reverse import gradient
        from ..compile.tangent import tangent

        syms = self.data + self.params
        nd, n = len(self.data), self.n
        names = [s.name for s in syms]
        with scope(), self._check():
            (f,) = optimize([self._numeric_root(r) for r in lower(
                [self.expr], {s: i for i, s in enumerate(syms)})])
            if kind == "v":
                outs = [f]
            else:
                grads = gradient(f, nd + n)[nd:]
                if kind == "vg":
                    outs = [f, *grads]
                else:  # hvp: the direction follows the parameters
                    names += [f"tangent_{s}" for s in self.params]
                    outs = tangent(grads, {nd + i: var(nd + n + i) for i in range(n)})
            return CompiledFunction(names, outs, "tuple", backend="auto", packed=False)

    def _run(self, fn: Any, args: list, size: int) -> Any:
        """fn's kernel into cached buffers (one set per batch size): the outputs as a
        (nout, size) array."""
        import numpy as np

        key = (id(fn), size, threading.get_ident())  # buffers are per thread
        bufs = self._bufs.get(key)
        if bufs is None:
            k = fn._kernel_info
            out = np.empty((fn._nout, size))
            for j, c in k.consts:
                out[j] = c
            scratch = [np.empty(size) for _ in range(k.n_float)] + \
                      [np.empty(size, bool) for _ in range(k.n_bool)]
            bufs = (out, list(out), scratch, fn._kernel)
            if len(self._bufs) > 8:
                self._bufs.clear()
            self._bufs[key] = bufs
        out, rows, scratch, kernel = bufs
        with np.errstate(all="ignore"):
            kernel(*args, *rows, *scratch)
        return out

    def vg(self, theta: Any, cols: list) -> tuple[float, Any]:
        size = cols[0].shape[0] if cols else 1
        out = self._run(self._vg, [*cols, *theta.tolist()], size)
        m = out.mean(axis=1)
        return float(m[0]), m[1:]

    def value(self, theta: Any, cols: list) -> float:
        if self._val is None:
            self._val = self._kernel("v")
        return float(self._mean(self._val, [*cols, *theta.tolist()], cols)[0])

    def hvp(self, theta: Any, v: Any, cols: list) -> Any:
        if self._hvp is None:
            self._hvp = self._kernel("hvp")
        return self._mean(self._hvp, [*cols, *theta.tolist(), *v.tolist()], cols)

    def _mean(self, fn: Any, args: list, cols: list) -> Any:
        """The outputs' means over the data, in blocks of at most 2^15 examples."""
        import numpy as np

        size = cols[0].shape[0] if cols else 1
        block = 1 << 15
        if size <= block:
            return self._run(fn, args, size).mean(axis=1)
        nd = len(self.data)
        acc = np.zeros(fn._nout)
        for lo in range(0, size, block):
            hi = min(lo + block, size)
            part = [a[lo:hi] for a in args[:nd]] + args[nd:]
            acc += self._run(fn, part, hi - lo).sum(axis=1)
        return acc / size


def data_columns(data: Any, who: str = "minimize") -> tuple[list, list]:
    """(symbols, float64 arrays of one length N) from {symbol or name: array}."""
    import numpy as np

    from ..core import Symbol, as_expr

    if not isinstance(data, dict) or not data:
        raise TypeError(f"{who}: data must be a non-empty dict {{symbol: array}}")
    syms, cols = [], []
    for k, v in data.items():
        s = Symbol(k) if isinstance(k, str) else as_expr(k)
        if not s.is_Symbol:
            raise TypeError(f"{who}: data keys must be symbols, got {s}")
        a = np.ascontiguousarray(v, dtype=float).reshape(-1)
        syms.append(s)
        cols.append(a)
    sizes = {a.shape[0] for a in cols}
    if len(sizes) != 1:
        raise ValueError(f"{who}: the data arrays have different lengths {sorted(sizes)}")
    if sizes == {0}:
        raise ValueError(f"{who}: the data arrays are empty")
    return syms, cols


_BATCH_CACHE: dict[tuple, BatchLoss] = {}


def batch_loss(loss: Any, params: list, data_syms: list) -> BatchLoss:
    from ..core import as_expr

    key = (as_expr(loss), tuple(params), tuple(data_syms))
    bl = _BATCH_CACHE.pop(key, None)
    if bl is None:
        bl = BatchLoss(loss, params, data_syms)
    _BATCH_CACHE[key] = bl
    while len(_BATCH_CACHE) > 16:
        del _BATCH_CACHE[next(iter(_BATCH_CACHE))]
    return bl


class DataObjective:
    """The mean of a per-example loss over a whole data set, as an Objective for the
    full-batch methods (L-BFGS, Newton-CG, BFGS, gradient descent): ``vg(theta)`` and
    ``hvp(theta, v)``."""

    def __init__(self, bl: BatchLoss, cols: list) -> None:
        self.bl = bl
        self.cols = cols
        self.syms = bl.params
        self.n = bl.n
        self.expr = bl.expr
        self.hess = None

    def vg(self, theta: Any) -> tuple[float, Any]:
        import numpy as np

        out = self.bl._mean(self.bl._vg, [*self.cols, *theta.tolist()], self.cols)
        return float(out[0]), np.array(out[1:])

    def hvp(self, theta: Any, v: Any) -> Any:
        return self.bl.hvp(theta, v, self.cols)


def train(loss: Any, params: list, x: Any, method: str, data: Any, o: dict[str, Any]
          ) -> Any:
    """The mini-batch loop behind ``minimize(..., data=...)`` with a first-order method."""
    import numpy as np

    from .optimize import History, OptimizeResult
    from .schedules import as_schedule

    dsyms, cols = data_columns(data)
    clash = sorted(str(s) for s in set(dsyms) & set(params))
    if clash:
        raise ValueError(f"minimize: {', '.join(clash)} are both parameters and data")
    bl = batch_loss(loss, params, dsyms)
    N = cols[0].shape[0]
    bs = o["batch_size"]
    if not (isinstance(bs, int) and bs >= 1):
        raise ValueError(f"minimize: batch_size must be a positive integer, not {bs!r}")
    bs = min(bs, N)
    epochs = o["epochs"]
    if not (isinstance(epochs, int) and epochs >= 0):
        raise ValueError(f"minimize: epochs must be a nonnegative integer, not {epochs!r}")
    state = o.get("state")
    upd = Updater(method, bl.n, o, state)
    rng = np.random.default_rng(o["seed"])
    if state is not None and state.get("rng") is not None:
        rng.bit_generator.state = state["rng"]
    start_epoch = int(state.get("epoch", 0)) if state is not None else 0
    nbatches = -(-N // bs)
    sched = o.get("schedule")
    base_lr = o["lr"]
    if callable(base_lr):
        fn = base_lr
        sched, base_lr = as_schedule(lambda t, _lr: fn(t), epochs * nbatches), 1.0
    elif sched is not None:
        sched = as_schedule(sched, epochs * nbatches)
    base_lr = float(base_lr)
    val = o.get("validation")
    vcols = None
    if val is not None:
        vsyms, vcols = data_columns(val, "minimize (validation)")
        if vsyms != dsyms:
            vcols = [vcols[vsyms.index(s)] if s in vsyms else None for s in dsyms]
            if any(c is None for c in vcols):
                raise ValueError("minimize: validation= needs the same data symbols as data=")
    patience = o.get("early_stopping")
    min_delta = float(o.get("min_delta", 0.0))
    callback: Callable | None = o.get("callback")
    keep = bool(o.get("history", True))

    x = x.copy()
    f0 = bl.value(x, cols)
    trace = Trace(x, f0, keep, callback)
    vs = [bl.value(x, vcols)] if keep and vcols is not None else None
    best = (vs[0] if vs else f0, x.copy(), 0)
    nfev = 0
    success, message = True, f"ran epochs = {epochs}"
    epoch = 0
    perm_buf = [np.empty(N) for _ in cols]
    for epoch in range(1, epochs + 1):
        perm = rng.permutation(N)
        shuffled = [np.take(c, perm, out=b) for c, b in zip(cols, perm_buf)]
        total = 0.0
        for k in range(nbatches):
            lo = k * bs
            hi = min(lo + bs, N)
            f, g = bl.vg(x, [c[lo:hi] for c in shuffled])
            nfev += 1
            total += f * (hi - lo)
            lr = sched(upd.t, base_lr) if sched is not None else base_lr
            upd.step(x, g, lr)
        ftrain = total / N
        if not (math.isfinite(ftrain) and bool(np.isfinite(x).all())):
            success = False
            message = f"diverged: the loss is not finite in epoch {epoch} (try a smaller lr)"
            break
        monitored = ftrain
        if vcols is not None:
            monitored = bl.value(x, vcols)
            if vs is not None:
                vs.append(monitored)
        if monitored < best[0] - min_delta:
            best = (monitored, x.copy(), epoch)
        if trace.step(epoch, x, ftrain):
            message = f"stopped by the callback after epoch {epoch}"
            break
        if patience is not None and epoch - best[2] >= patience:
            x = best[1].copy()
            message = (f"early stopping after epoch {epoch}: no improvement for {patience} "
                       f"epochs; x is the best point (epoch {best[2]})")
            break
    fun = bl.value(x, cols)
    st = upd.state()
    st.update({"rng": rng.bit_generator.state, "epoch": start_epoch + epoch})
    hist = None
    if keep:
        hist = History(np.array(trace.xs).reshape(len(trace.xs), bl.n),
                       np.array(trace.fs, dtype=float))
        hist.val = np.array(vs) if vs is not None else None
    _, grad = DataObjective(bl, cols).vg(x)
    r = OptimizeResult(x=x, fun=fun, grad=grad, nit=upd.t - (state or {}).get("step", 0),
                       nfev=nfev, nhev=0, success=success, message=message, history=hist,
                       method=method, vars=[s.name for s in params])
    r.state = st
    r.epochs = epoch
    return r
