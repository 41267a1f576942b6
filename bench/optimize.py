"""symcalc.minimize (BFGS, Newton) against scipy.optimize.minimize (BFGS, Newton-CG with
the exact Hessian), in one process, from the same starting points with the same
gradient tolerance: the n-dimensional Rosenbrock function (n = 2, 10, 100) and a small
MLP-style loss (a 2-3-1 tanh network, squared error on 8 points, 13 parameters).

SciPy is given the *same compiled functions* symcalc uses (value_and_grad on one
parameter vector, and the compiled Hessian), so the times compare the optimizers, not
the gradients; for Rosenbrock the time with SciPy's own hand-written NumPy
``rosen_der``/``rosen_hess`` is shown too. Wall times are the best of several runs;
compilation is timed separately (symcalc caches it per expression). BLAS is limited to
one thread (as for small dense matrices it is fastest, and it keeps timings stable).

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
    rows = []
    for ours_m, sp_m in (("bfgs", "BFGS"), ("newton", "Newton-CG")):
        ours = sc.minimize(f, xs, x0=x0, method=ours_m, tol=TOL)
        t_ours = best_time(lambda: sc.minimize(f, xs, x0=x0, method=ours_m, tol=TOL,
                                               history=False), repeat)
        kw: dict = {"jac": True}
        if sp_m == "BFGS":
            kw["options"] = {"gtol": TOL}
        else:
            kw["hess"] = hess
        sp = sp_minimize(vg, x0, method=sp_m, **kw)
        t_sp = best_time(lambda: sp_minimize(vg, x0, method=sp_m, **kw), repeat)
        t_own = None
        if own is not None:
            fun, der, hes = own
            okw: dict = {"jac": der}
            if sp_m == "BFGS":
                okw["options"] = {"gtol": TOL}
            else:
                okw["hess"] = hes
            t_own = best_time(lambda: sp_minimize(fun, x0, method=sp_m, **okw), repeat)
        g_sp = float(np.max(np.abs(vg(sp.x)[1])))
        sp_nfev = f"{sp.nfev}" + (f"+{sp.nhev}h" if sp_m != "BFGS" else "")
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
          "or faster.")


if __name__ == "__main__":
    main("--quick" in sys.argv)
