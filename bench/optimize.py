"""symcalc.minimize (BFGS, Newton, L-BFGS, Newton-CG) against scipy.optimize.minimize
(BFGS, Newton-CG with the exact Hessian, L-BFGS-B, Newton-CG with Hessian-vector
products), in one process, from the same starting points with the same
gradient tolerance: the n-dimensional Rosenbrock function (n = 2, 10, 100) and a small
MLP-style loss (a 2-3-1 tanh network, squared error on 8 points, 13 parameters).

SciPy is given the *same compiled functions* symcalc uses (value_and_grad on one
parameter vector, and the compiled Hessian), so the times compare the optimizers, not
the gradients; for Rosenbrock the time with SciPy's own hand-written NumPy
``rosen_der``/``rosen_hess`` is shown too. Wall times are the best of several runs;
compilation is timed separately (symcalc caches it per expression). BLAS is limited to
one thread (as for small dense matrices it is fastest, and it keeps timings stable).

Second part: training a logistic regression on 10^5 generated examples x 20 features
with mini-batch SGD and Adam (batch 64, the same learning rate and the same shuffled
batches -- symcalc's seeded permutations are handed to the others) against PyTorch
(CPU, float64, torch.optim) and JAX (a jitted step, float64): time per epoch and the
final full-data loss.

    python bench/optimize.py [--quick]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from _util import best_time, fmt_time, table  # noqa: E402

import symcalc as sc  # noqa: E402
from symcalc.numerics.objective import objective  # noqa: E402

TOL = 1e-5  # max |grad| for both (SciPy BFGS: gtol with the default norm=inf)


def rosenbrock(n: int) -> tuple[sc.Expr, list, np.ndarray]:
    xs = list(sc.symbols(" ".join(f"x{i}" for i in range(n))))
    f = sc.Add(*[100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(n - 1)])
    x0 = np.array([-1.2, 1.0] * (n // 2))
    return f, xs, x0


def mlp() -> tuple[sc.Expr, list, np.ndarray]:
    """Squared error of a 2-3-1 tanh network on 8 points of the XOR-like data set."""
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(8, 2)).round(2)
    T = np.sign(X[:, 0] * X[:, 1])
    W = [[sc.Symbol(f"w{i}{j}") for j in range(2)] for i in range(3)]
    b = [sc.Symbol(f"b{i}") for i in range(3)]
    v = [sc.Symbol(f"v{i}") for i in range(3)]
    c = sc.Symbol("c")
    terms = []
    for xr, t in zip(X, T):
        hidden = [sc.tanh(W[i][0] * float(xr[0]) + W[i][1] * float(xr[1]) + b[i])
                  for i in range(3)]
        out = sc.Add(*[v[i] * hidden[i] for i in range(3)]) + c
        terms.append((out - float(t)) ** 2)
    loss = sc.Add(*terms) / len(terms)
    params = [w for row in W for w in row] + b + v + [c]
    x0 = np.random.default_rng(1).normal(scale=0.5, size=len(params))
    return loss, params, x0


def run(label: str, f: sc.Expr, xs: list, x0: np.ndarray, own: tuple | None, repeat: int
        ) -> list[list[str]]:
    from scipy.optimize import minimize as sp_minimize

    t0 = time.perf_counter()
    obj = objective(f, xs, hessian=True)
    t_compile = time.perf_counter() - t0
    vg, hess = obj.vg, obj.hess
    from symcalc.numerics.optimize import _hvp_of

    hvp = _hvp_of(obj)
    rows = []
    for ours_m, sp_m in (("bfgs", "BFGS"), ("newton", "Newton-CG"), ("lbfgs", "L-BFGS-B"),
                         ("newton-cg", "Newton-CG hessp")):
        ours = sc.minimize(f, xs, x0=x0, method=ours_m, tol=TOL)
        t_ours = best_time(lambda: sc.minimize(f, xs, x0=x0, method=ours_m, tol=TOL,
                                               history=False), repeat)
        kw: dict = {"jac": True}
        spm = sp_m.split()[0]
        if sp_m == "BFGS":
            kw["options"] = {"gtol": TOL}
        elif sp_m == "L-BFGS-B":  # same memory, gradient test only
            kw["options"] = {"gtol": TOL, "ftol": 1e-15, "maxcor": 10, "maxiter": 15000}
        elif sp_m == "Newton-CG":
            kw["hess"] = hess
        else:
            kw["hessp"] = hvp
        sp = sp_minimize(vg, x0, method=spm, **kw)
        t_sp = best_time(lambda: sp_minimize(vg, x0, method=spm, **kw), repeat)
        t_own = None
        if own is not None:
            fun, der, hes = own
            okw: dict = {"jac": der}
            if sp_m in ("BFGS", "L-BFGS-B"):
                okw["options"] = kw["options"]
            elif sp_m == "Newton-CG":
                okw["hess"] = hes
            else:
                okw["hessp"] = lambda x, p: hes(x) @ p
            t_own = best_time(lambda: sp_minimize(fun, x0, method=spm, **okw), repeat)
        g_sp = float(np.max(np.abs(vg(sp.x)[1])))
        sp_nfev = f"{sp.nfev}" + (f"+{sp.nhev}h" if spm == "Newton-CG" else "")
        our_nfev = f"{ours.nfev}" + (f"+{ours.nhev}h" if ours.nhev else "")
        rows.append([label, f"{ours_m} / {sp_m}", f"{ours.nit} / {sp.nit}",
                     f"{ours.nit / max(sp.nit, 1):.2f}", f"{our_nfev} / {sp_nfev}",
                     fmt_time(t_ours), fmt_time(t_sp), f"{t_ours / t_sp:.2f}",
                     fmt_time(t_own), f"{ours.fun:.3g} / {sp.fun:.3g}",
                     f"{float(np.max(np.abs(ours.grad))):.1e} / {g_sp:.1e}",
                     fmt_time(t_compile)])
    return rows


def main(quick: bool) -> None:
    from scipy.optimize import rosen, rosen_der, rosen_hess

    rows = []
    for n in ([2, 10] if quick else [2, 10, 100]):
        f, xs, x0 = rosenbrock(n)
        rows += run(f"Rosenbrock {n}", f, xs, x0, (rosen, rosen_der, rosen_hess),
                    3 if quick else 7)
    f, xs, x0 = mlp()
    rows += run("MLP 2-3-1 (13 params)", f, xs, x0, None, 3 if quick else 7)
    print(f"symcalc.minimize vs scipy.optimize.minimize, tol = max|grad| <= {TOL:g} "
          "(Newton-CG stops on its default xtol)")
    print(table(["problem", "ours / scipy", "nit", "nit ratio", "nfev (+hess)", "symcalc",
                 "scipy (same fns)", "time ratio", "scipy (own rosen_der)", "f", "max|grad|",
                 "compile"], rows))
    print("\nnit ratio and time ratio are ours / SciPy's: below 1 means fewer iterations "
          "or faster; 'h' counts Hessians (newton) or Hessian-vector products (newton-cg).")
    print()
    training(quick)


# ---------------------------------------------------------------- training on data


def _logistic_data(N: int, d: int) -> tuple:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(N, d))
    wt = rng.normal(size=d) / np.sqrt(d)
    Y = (rng.random(N) < 1.0 / (1.0 + np.exp(-(X @ wt)))).astype(float)
    return X, Y


def _torch_epochs(X, Y, method, lr, bs, perms):  # noqa: ANN001, ANN202
    import torch

    torch.set_num_threads(1)
    d = X.shape[1]
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)
    w = torch.zeros(d + 1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr) if method == "sgd" else torch.optim.Adam([w], lr=lr)
    softplus = torch.nn.functional.softplus
    t0 = time.perf_counter()
    for perm in perms:
        p = torch.from_numpy(perm)
        Xs, Ys = Xt[p], Yt[p]
        for lo in range(0, X.shape[0], bs):
            xb, yb = Xs[lo:lo + bs], Ys[lo:lo + bs]
            z = xb @ w[:d] + w[d]
            loss = (softplus(z) - yb * z).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
    dt = (time.perf_counter() - t0) / len(perms)
    with torch.no_grad():
        z = Xt @ w[:d] + w[d]
        final = float((softplus(z) - Yt * z).mean())
    return dt, final, w.detach().numpy().copy()


def _jax_epochs(X, Y, method, lr, bs, perms):  # noqa: ANN001, ANN202
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    d = X.shape[1]

    def loss(w, xb, yb):  # noqa: ANN001, ANN202
        z = xb @ w[:d] + w[d]
        return jnp.mean(jax.nn.softplus(z) - yb * z)

    grad = jax.grad(loss)
    if method == "sgd":
        @jax.jit
        def step(w, m, v, t, xb, yb):  # noqa: ANN001, ANN202
            return w - lr * grad(w, xb, yb), m, v
    else:
        @jax.jit
        def step(w, m, v, t, xb, yb):  # noqa: ANN001, ANN202
            g = grad(w, xb, yb)
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            mh = m / (1 - 0.9 ** t)
            vh = v / (1 - 0.999 ** t)
            return w - lr * mh / (jnp.sqrt(vh) + 1e-8), m, v

    w = m = v = jnp.zeros(d + 1)
    Xj, Yj = jnp.asarray(X), jnp.asarray(Y)
    N = X.shape[0]
    # compile both batch shapes first
    step(w, m, v, 1.0, Xj[:bs], Yj[:bs])
    if N % bs:
        step(w, m, v, 1.0, Xj[:N % bs], Yj[:N % bs])
    t = 0
    t0 = time.perf_counter()
    for perm in perms:
        Xs, Ys = Xj[perm], Yj[perm]
        for lo in range(0, N, bs):
            t += 1
            w, m, v = step(w, m, v, float(t), Xs[lo:lo + bs], Ys[lo:lo + bs])
    w.block_until_ready()
    dt = (time.perf_counter() - t0) / len(perms)
    return dt, float(loss(w, Xj, Yj)), np.asarray(w)


def training(quick: bool) -> None:
    N, d, bs = (20_000 if quick else 100_000), 20, 64
    epochs = 1 if quick else 3
    X, Y = _logistic_data(N, d)
    ws = sc.symbols(" ".join(f"w{i}" for i in range(d)))
    b = sc.Symbol("b")
    xs = sc.symbols(" ".join(f"x{i}" for i in range(d)))
    t = sc.Symbol("t")
    z = sc.Add(*[w * x for w, x in zip(ws, xs)]) + b
    loss = sc.softplus(z) - t * z  # the logistic loss, log(1 + e^z) - t z
    data = {**{x: X[:, i] for i, x in enumerate(xs)}, t: Y}
    params = [*ws, b]
    rows = []
    for method, lr in (("sgd", 0.5), ("adam", 0.01)):
        t0 = time.perf_counter()
        sc.minimize(loss, params, np.zeros(d + 1), method=method, data=data, batch_size=bs,
                    epochs=0, lr=lr, seed=0)  # compiles the batch kernel
        t_compile = time.perf_counter() - t0
        t0 = time.perf_counter()
        r = sc.minimize(loss, params, np.zeros(d + 1), method=method, data=data,
                        batch_size=bs, epochs=epochs, lr=lr, seed=0, history=False)
        t_ours = (time.perf_counter() - t0) / epochs
        rng = np.random.default_rng(0)  # symcalc's shuffling, replayed
        perms = [rng.permutation(N) for _ in range(epochs)]
        others = []
        for name, fn in (("PyTorch", _torch_epochs), ("JAX", _jax_epochs)):
            try:
                others.append((name, *fn(X, Y, method, lr, bs, perms)))
            except ImportError:
                continue
        for name, dt, final, w in others:
            rows.append([method, f"{N}x{d}, batch {bs}, lr {lr}", fmt_time(t_ours),
                         f"{name} {fmt_time(dt)}", f"{t_ours / dt:.2f}",
                         f"{r.fun:.12f}", f"{final:.12f}", f"{abs(r.fun - final):.1e}",
                         f"{float(np.max(np.abs(r.x - w))):.1e}", fmt_time(t_compile)])
    print(f"training a logistic regression, {epochs} epoch(s), the same shuffled batches")
    print(table(["method", "problem", "symcalc / epoch", "other / epoch", "time ratio",
                 "symcalc loss", "other loss", "|loss diff|", "max|w diff|", "compile"],
                rows))


if __name__ == "__main__":
    main("--quick" in sys.argv)
