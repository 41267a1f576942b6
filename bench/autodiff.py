"""Forward mode and Hessian-vector products: their cost relative to one evaluation,
for symcalc's compiled kernels and for JAX (``jax.jvp`` and ``jax.jvp(jax.grad)``,
jitted) in the same process.

Problems: the Rosenbrock function with n = 100 variables, and a two-layer network's
loss (2 inputs, 8 tanh hidden units, 1 output, squared error on 16 fixed points: 33
parameters). For each: the time of one evaluation f(x), one JVP (value and J v), one
gradient (reverse mode) and one HVP (forward over reverse), at one point (symcalc's
straight-line scalar code; JAX's jitted XLA call) and over a batch of 10^4 points
(symcalc's NumPy kernels; JAX vmapped). Ratios are against the same system's f.

    python bench/autodiff.py [--quick]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false "
                      "intra_op_parallelism_threads=1")

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from _util import best_time, fmt_time, table  # noqa: E402

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


def symcalc_times(f: sc.Expr, syms: list) -> dict:
    n = len(syms)
    rng = np.random.default_rng(1)
    p, v = rng.normal(size=n).tolist(), rng.normal(size=n).tolist()
    ev = sc.compile(f, syms, backend="math")._scalar
    vg = sc.value_and_grad(f, syms, backend="math")._scalar
    jk = sc.compile_jvp(f, syms).kernel
    hk = sc.compile_hvp(f, syms).kernel
    jv, hv = jk._scalar, hk._scalar
    out = {"f": best_time(lambda: ev(*p), repeat=7),
           "jvp": best_time(lambda: jv(*p, *v), repeat=7),
           "grad": best_time(lambda: vg(*p), repeat=7),
           "hvp": best_time(lambda: hv(*p, *v), repeat=7)}
    P = [rng.normal(size=B) for _ in range(n)]
    V = [rng.normal(size=B) for _ in range(n)]
    # every batch kernel through the same path: out= buffers reused, blocked
    evb = sc.compile(f, syms)._call_numpy
    vgb = sc.value_and_grad(f, syms)._call_numpy
    jb, hb = jk._call_numpy, hk._call_numpy
    P, V = tuple(P), tuple(V)
    out.update({"f_b": best_time(lambda: evb(P), repeat=5),
                "jvp_b": best_time(lambda: jb(P + V), repeat=5),
                "grad_b": best_time(lambda: vgb(P), repeat=5),
                "hvp_b": best_time(lambda: hb(P + V), repeat=5)})
    # correctness: HVP against the compiled Hessian, JVP against the gradient
    H = sc.compile_hessian(f, syms)(*p)
    assert np.allclose(H @ np.array(v), sc.hvp(f, syms, p, v), rtol=1e-10, atol=1e-10)
    g = sc.value_and_grad(f, syms)(*p)[1]
    assert abs(g @ np.array(v) - sc.jvp(f, syms, p, v)[1]) <= 1e-10 * (1 + abs(g @ v))
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

    def run(fn: object, *a: object) -> float:
        jax.block_until_ready(fn(*a))  # compile
        return best_time(lambda: jax.block_until_ready(fn(*a)), repeat=7)

    out = {"f": run(f, p), "jvp": run(jvp, p, v), "grad": run(vg, p), "hvp": run(hvp, p, v)}
    P = jnp.asarray(rng.normal(size=(B, n)))
    V = jnp.asarray(rng.normal(size=(B, n)))
    out.update({"f_b": run(jax.jit(jax.vmap(jf)), P),
                "jvp_b": run(jax.jit(jax.vmap(lambda x, t: jax.jvp(jf, (x,), (t,)))), P, V),
                "grad_b": run(jax.jit(jax.vmap(jax.value_and_grad(jf))), P),
                "hvp_b": run(jax.jit(jax.vmap(lambda x, t: jax.jvp(jax.grad(jf), (x,),
                                                                  (t,))[1])), P, V)})
    return out


def main() -> None:
    rows = []
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
        print(f"# {name}: symcalc compile + measure {build:.1f} s", file=sys.stderr)
    print(table(["problem", "where", "system", "f", "JVP/f", "grad/f", "HVP/f", "HVP"],
                rows))


if __name__ == "__main__":
    main()
