"""Forward mode and Hessian-vector products: their cost relative to one evaluation,
for symcalc's compiled kernels and for JAX (``jax.jvp`` and ``jax.jvp(jax.grad)``,
jitted) in the same process.

Problems: the Rosenbrock function with n = 100 variables, and a two-layer network's
loss (2 inputs, 8 tanh hidden units, 1 output, squared error on 16 fixed points: 33
parameters). For each: the time of one evaluation f(x), one JVP (value and J v), one
gradient (reverse mode) and one HVP (forward over reverse), at one point (symcalc's
straight-line scalar code; JAX's jitted XLA call) and over a batch of 10^4 points
(symcalc's NumPy kernels; JAX vmapped). Ratios are against the same system's f on the
same path (same inputs, every call computing afresh).

Times are CPU time of this process (``time.process_time``, all its threads), each the
best over interleaved rounds of f, JVP, gradient and HVP, a round timing a loop of
calls long enough (>= 2 ms) that the clock's own cost does not count: on a shared
machine other processes' load then neither inflates one kernel nor flatters another.

    python bench/autodiff.py [--quick]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false "
                      "intra_op_parallelism_threads=1")

import gc  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from _util import fmt_time, table  # noqa: E402

import symcalc as sc  # noqa: E402

QUICK = "--quick" in sys.argv
B = 2_000 if QUICK else 10_000


def rosenbrock(n: int = 100) -> tuple:
    xs = list(sc.symbols(" ".join(f"x{i}" for i in range(n))))
    f = sc.Add(*[100 * (xs[i + 1] - xs[i]**2)**2 + (1 - xs[i])**2 for i in range(n - 1)])

    def jf(x: object) -> object:
        import jax.numpy as jnp

        return jnp.sum(100.0 * (x[1:] - x[:-1]**2)**2 + (1.0 - x[:-1])**2)

    return f, xs, jf


def network(h: int = 8, m: int = 16) -> tuple:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(m, 2))
    Y = np.sin(X[:, 0]) + 0.5 * X[:, 1]
    W = [[sc.Symbol(f"W{i}_{j}") for j in range(2)] for i in range(h)]
    b1 = [sc.Symbol(f"b{i}") for i in range(h)]
    w2 = [sc.Symbol(f"v{i}") for i in range(h)]
    c = sc.Symbol("c")
    terms = []
    for k in range(m):
        hid = [sc.tanh(W[i][0] * float(X[k, 0]) + W[i][1] * float(X[k, 1]) + b1[i])
               for i in range(h)]
        out = sc.Add(*[w2[i] * hid[i] for i in range(h)]) + c
        terms.append((out - float(Y[k]))**2)
    f = sc.Add(*terms) / m
    syms = [s for row in W for s in row] + b1 + w2 + [c]

    def jf(p: object) -> object:
        import jax.numpy as jnp

        Wm = p[:2 * h].reshape(h, 2)
        bb = p[2 * h:3 * h]
        vv = p[3 * h:4 * h]
        cc = p[4 * h]
        hid = jnp.tanh(jnp.asarray(X) @ Wm.T + bb)
        return jnp.mean((hid @ vv + cc - jnp.asarray(Y))**2)

    return f, syms, jf


ROUNDS = 5 if QUICK else 15


def cpu_best(fns: dict, rounds: int = ROUNDS) -> dict:
    """Per-call CPU time of each callable: the best of ``rounds`` interleaved rounds,
    each round timing a loop of calls lasting at least 2 ms (and under ``wall_`` + the
    key, the best wall-clock time of the same rounds)."""
    clock = time.process_time
    number = {}
    for k, fn in fns.items():  # calibrate (the first call also warms up)
        fn()
        n = 1
        while True:
            t0 = clock()
            for _ in range(n):
                fn()
            if clock() - t0 >= 2e-3 or n >= 1 << 16:
                break
            n *= 2
        number[k] = n
    best = dict.fromkeys(fns, float("inf"))
    wall = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for k, fn in fns.items():
            n = number[k]
            gc.collect()
            w0, t0 = time.perf_counter(), clock()
            for _ in range(n):
                fn()
            best[k] = min(best[k], (clock() - t0) / n)
            wall[k] = min(wall[k], (time.perf_counter() - w0) / n)
    best.update({"wall_" + k: t for k, t in wall.items()})
    return best


def symcalc_times(f: sc.Expr, syms: list) -> dict:
    n = len(syms)
    rng = np.random.default_rng(1)
    p, v = rng.normal(size=n).tolist(), rng.normal(size=n).tolist()
    ev = sc.compile(f, syms, backend="math")._scalar
    vg = sc.value_and_grad(f, syms, backend="math")._scalar
    jk = sc.compile_jvp(f, syms).kernel
    hk = sc.compile_hvp(f, syms).kernel
    jv, hv = jk._scalar, hk._scalar
    out = cpu_best({"f": lambda: ev(*p), "jvp": lambda: jv(*p, *v),
                    "grad": lambda: vg(*p), "hvp": lambda: hv(*p, *v)})
    P = [rng.normal(size=B) for _ in range(n)]
    V = [rng.normal(size=B) for _ in range(n)]
    # every batch kernel through the same path: out= buffers reused, blocked
    evb = sc.compile(f, syms)._call_numpy
    vgb = sc.value_and_grad(f, syms)._call_numpy
    jb, hb = jk._call_numpy, hk._call_numpy
    P, V = tuple(P), tuple(V)
    PV = P + V
    b = cpu_best({"f": lambda: evb(P), "jvp": lambda: jb(PV), "grad": lambda: vgb(P),
                  "hvp": lambda: hb(PV)})
    out.update({k + "_b": t for k, t in b.items()})
    # correctness: HVP against the compiled Hessian, JVP against the gradient, at the
    # point and at a column of the batch
    H = sc.compile_hessian(f, syms)(*p)
    assert np.allclose(H @ np.array(v), sc.hvp(f, syms, p, v), rtol=1e-10, atol=1e-10)
    g = sc.value_and_grad(f, syms)(*p)[1]
    assert abs(g @ np.array(v) - sc.jvp(f, syms, p, v)[1]) <= 1e-10 * (1 + abs(g @ v))
    j = 7
    pj, vj = [a[j] for a in P], np.array([a[j] for a in V])
    Hj = sc.compile_hessian(f, syms)(*pj)
    assert np.allclose(np.stack(hb(PV))[:, j], Hj @ vj, rtol=1e-10, atol=1e-10)
    gj = sc.value_and_grad(f, syms)(*pj)[1]
    assert abs(jb(PV)[1][j] - gj @ vj) <= 1e-10 * (1 + abs(gj @ vj))
    return out


def jax_times(jf: object, n: int) -> dict | None:
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    jax.config.update("jax_enable_x64", True)
    rng = np.random.default_rng(1)
    p, v = jnp.asarray(rng.normal(size=n)), jnp.asarray(rng.normal(size=n))
    f = jax.jit(jf)
    jvp = jax.jit(lambda x, t: jax.jvp(jf, (x,), (t,)))
    vg = jax.jit(jax.value_and_grad(jf))
    hvp = jax.jit(lambda x, t: jax.jvp(jax.grad(jf), (x,), (t,))[1])

    def call(fn: object, *a: object) -> object:
        jax.block_until_ready(fn(*a))  # compile
        return lambda: jax.block_until_ready(fn(*a))

    out = cpu_best({"f": call(f, p), "jvp": call(jvp, p, v), "grad": call(vg, p),
                    "hvp": call(hvp, p, v)})
    P = jnp.asarray(rng.normal(size=(B, n)))
    V = jnp.asarray(rng.normal(size=(B, n)))
    b = cpu_best({
        "f": call(jax.jit(jax.vmap(jf)), P),
        "jvp": call(jax.jit(jax.vmap(lambda x, t: jax.jvp(jf, (x,), (t,)))), P, V),
        "grad": call(jax.jit(jax.vmap(jax.value_and_grad(jf))), P),
        "hvp": call(jax.jit(jax.vmap(lambda x, t: jax.jvp(jax.grad(jf), (x,), (t,))[1])),
                    P, V)})
    out.update({k + "_b": t for k, t in b.items()})
    return out


def main() -> None:
    rows, walls = [], []
    for name, (f, syms, jf) in [("Rosenbrock n=100", rosenbrock()),
                                ("2-layer net (33 params)", network())]:
        t0 = time.perf_counter()
        s = symcalc_times(f, syms)
        build = time.perf_counter() - t0
        j = jax_times(jf, len(syms))
        for mode, suffix in (("one point", ""), (f"batch {B}", "_b")):
            for who, t in (("symcalc", s), ("JAX", j)):
                if t is None:
                    continue
                base = t["f" + suffix]
                rows.append([name, mode, who, fmt_time(base),
                             f"{t['jvp' + suffix] / base:.2f}x",
                             f"{t['grad' + suffix] / base:.2f}x",
                             f"{t['hvp' + suffix] / base:.2f}x",
                             fmt_time(t["hvp" + suffix])])
                wb = t["wall_f" + suffix]
                walls.append([name, mode, who, fmt_time(wb),
                              f"{t['wall_jvp' + suffix] / wb:.2f}x",
                              f"{t['wall_grad' + suffix] / wb:.2f}x",
                              f"{t['wall_hvp' + suffix] / wb:.2f}x",
                              fmt_time(t["wall_hvp" + suffix])])
        print(f"# {name}: symcalc compile + measure {build:.1f} s", file=sys.stderr)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"CPU time of this process, best of {ROUNDS} interleaved rounds; ratios against "
          f"f on the same path (one point: scalar code; batch: NumPy kernels); "
          f"load average {load:.1f}")
    print(table(["problem", "where", "system", "f", "JVP/f", "grad/f", "HVP/f", "HVP"],
                rows))
    print("\nwall-clock times of the same rounds (best of each; on a loaded machine they "
          "include waiting for a core):")
    print(table(["problem", "where", "system", "f", "JVP/f", "grad/f", "HVP/f", "HVP"],
                walls))

if __name__ == "__main__":
    main()
