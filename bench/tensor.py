"""Matrix calculus: symbolic derivatives of the worked examples of docs/tensor.md, their
agreement with jax.grad / jax.hessian (float64) on random data, and the speed of the
compiled gradients and Hessians against jax.jit(jax.grad) and jax.jit(jax.hessian),
in the same process, on the CPU.

    python bench/tensor.py [--quick]

Without JAX the oracle is NumPy finite differences (and the timing columns are empty).
"""

from __future__ import annotations

import os

# One thread for BLAS and for XLA: the comparison is of the work done, not of how two
# thread pools fare on a shared machine (set these variables yourself to override).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false "
                      "intra_op_parallelism_threads=1")

import statistics  # noqa: E402
import sys
import time

import numpy as np  # noqa: E402
from _util import fmt_time, table  # noqa: E402

import symcalc as sc  # noqa: E402
from symcalc.tensor import tpretty  # noqa: E402

QUICK = "--quick" in sys.argv


def _jax():
    try:
        import jax
    except ImportError:
        return None, None
    jax.config.update("jax_enable_x64", True)
    jax.config.update("jax_platforms", "cpu")
    return jax, jax.numpy


jax, jnp = _jax()


def derive_time(fn, repeat: int = 7) -> float:
    """Median time of a symbolic derivation."""
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def call_time(fn, *args, repeat: int = 7, target: float = 0.2) -> float:
    """Best per-call time, each measurement a loop of calls lasting about target/repeat."""
    fn(*args)
    t0 = time.perf_counter()
    fn(*args)
    one = max(time.perf_counter() - t0, 1e-7)
    n = max(1, int(target / repeat / one))
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(n):
            fn(*args)
        best = min(best, (time.perf_counter() - t0) / n)
    return best


PAIRED: list[float] = []  # the median ratio of the rounds of the last compare()


def compare(f, g, *args, rounds: int = 9) -> tuple[float, float]:
    """Best per-call times of f and g, measured in alternation (a shared machine's load
    then affects both alike); PAIRED[0] is the median of the rounds' ratios f/g."""
    bf = bg = float("inf")
    ratios = []
    for _ in range(rounds):
        tf = call_time(f, *args, repeat=3, target=0.03)
        tg = call_time(g, *args, repeat=3, target=0.03)
        bf, bg = min(bf, tf), min(bg, tg)
        ratios.append(tf / tg)
    PAIRED[:] = [statistics.median(ratios)]
    return bf, bg


def _ready(fn):
    def call(*a):
        r = fn(*a)
        return jax.block_until_ready(r)
    return call


def rel_err(a, b) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


# --------------------------------------------------------------------------- the examples


def examples(rng):
    """(name, loss, variable, data symbols, data arrays, jax loss, kind) for each example."""
    N, D = (200, 20) if QUICK else (1000, 100)
    out = []
    X = sc.MatrixSymbol("X", "N", "D")
    w = sc.VectorSymbol("w", "D")
    y = sc.VectorSymbol("y", "N")
    Xv, wv, yv = rng.standard_normal((N, D)), rng.standard_normal(D) / np.sqrt(D), \
        rng.standard_normal(N)
    out.append(("least squares ‖Xw − y‖²", sc.norm(X @ w - y) ** 2, w, [X, y], [Xv, yv], wv,
                lambda w, X, y: jnp.sum((X @ w - y) ** 2)))
    A = sc.MatrixSymbol("A", "D", "D")
    Av = rng.standard_normal((D, D))
    out.append(("quadratic form xᵀAx", w @ A @ w, w, [A], [Av], wv,
                lambda w, A: w @ A @ w))
    n = 6
    Xs, As, Bs = (sc.MatrixSymbol(s, n, n) for s in "XAB")
    Xsv = rng.standard_normal((n, n)) + n * np.eye(n)
    Asv, Bsv = rng.standard_normal((n, n)), rng.standard_normal((n, n))
    out.append(("tr(A X B)", sc.trace(As @ Xs @ Bs), Xs, [As, Bs], [Asv, Bsv], Xsv,
                lambda X, A, B: jnp.trace(A @ X @ B)))
    out.append(("log det X", sc.logdet(Xs), Xs, [], [], Xsv,
                lambda X: jnp.linalg.slogdet(X)[1]))
    out.append(("tr(X⁻¹ A)", sc.trace(sc.inv(Xs) @ As), Xs, [As], [Asv], Xsv,
                lambda X, A: jnp.trace(jnp.linalg.inv(X) @ A)))
    k = 10
    z, t = sc.VectorSymbol("z", k), sc.VectorSymbol("t", k)
    tv = rng.dirichlet(np.ones(k))
    out.append(("cross-entropy −Σ t log softmax(z)", sc.cross_entropy(z, t), z, [t], [tv],
                rng.standard_normal(k) * 5,
                lambda z, t: -jnp.sum(t * jax.nn.log_softmax(z))))
    ypm = sc.VectorSymbol("y", "N", values=(-1, 1))
    ypmv = np.sign(rng.standard_normal(N))
    out.append(("logistic regression Σ log(1 + exp(−y⊙Xw))",
                sc.sum(sc.log(1 + sc.exp(-ypm * (X @ w)))), w, [X, ypm], [Xv, ypmv], wv,
                lambda w, X, y: jnp.sum(jnp.logaddexp(0.0, -y * (X @ w)))))
    C = 10
    W = sc.MatrixSymbol("W", "D", "C")
    b = sc.VectorSymbol("b", "C")
    Y = sc.MatrixSymbol("Y", "N", "C")
    Yv = np.eye(C)[rng.integers(0, C, N)]
    Z = X @ W + b
    out.append(("softmax regression −Σ Y ⊙ log_softmax(XW + b)",
                -sc.sum(Y * sc.log_softmax(Z)), [W, b], [X, Y], [Xv, Yv],
                [rng.standard_normal((D, C)) / np.sqrt(D), rng.standard_normal(C)],
                lambda W, b, X, Y: -jnp.sum(Y * jax.nn.log_softmax(X @ W + b, axis=-1))))
    H = 50
    W1, b1 = sc.MatrixSymbol("W1", "H", "D"), sc.VectorSymbol("b1", "H")
    W2, b2 = sc.MatrixSymbol("W2", "C", "H"), sc.VectorSymbol("b2", "C")
    T = sc.MatrixSymbol("T", "N", "C")
    net = sc.tanh(X @ W1.T + b1) @ W2.T + b2
    out.append(("two-layer network ½‖tanh(XW₁ᵀ + b₁)W₂ᵀ + b₂ − T‖²",
                sc.norm(net - T) ** 2 / 2, [W1, b1, W2, b2], [X, T],
                [Xv, rng.standard_normal((N, C))],
                [rng.standard_normal((H, D)) / np.sqrt(D), rng.standard_normal(H),
                 rng.standard_normal((C, H)) / np.sqrt(H), rng.standard_normal(C)],
                lambda W1, b1, W2, b2, X, T: 0.5 * jnp.sum(
                    (jnp.tanh(X @ W1.T + b1) @ W2.T + b2 - T) ** 2)))
    d = 16
    Q, K = sc.MatrixSymbol("Q", "n", "d"), sc.MatrixSymbol("K", "m", "d")
    V, G = sc.MatrixSymbol("V", "m", "e"), sc.MatrixSymbol("G", "n", "e")
    Qv, Kv = rng.standard_normal((32, d)), rng.standard_normal((48, d))
    Vv, Gv = rng.standard_normal((48, 8)), rng.standard_normal((32, 8))
    att = sc.softmax(Q @ K.T / np.sqrt(d)) if False else sc.softmax(Q @ K.T / sc.sqrt(d))
    out.append(("attention Σ G ⊙ softmax(QKᵀ/√d) V", sc.sum(G * (att @ V)), Q, [K, V, G],
                [Kv, Vv, Gv], Qv,
                lambda Q, K, V, G: jnp.sum(G * (jax.nn.softmax(Q @ K.T / np.sqrt(d), axis=-1)
                                                @ V))))
    return out


def main() -> None:
    rng = np.random.default_rng(0)
    rows = []
    speed = []
    for name, L, var, data_syms, data, x0, jl in examples(rng):
        vars_ = var if isinstance(var, list) else [var]
        x0s = x0 if isinstance(x0, list) else [x0]
        tder = derive_time(lambda: sc.gradient(L, vars_))
        grads = sc.gradient(L, vars_)
        f = sc.value_and_grad(L, vars_, data=data_syms)
        val, ours = f(*x0s, *data)
        if jax is not None:
            argn = tuple(range(len(vars_)))
            jg = jax.grad(jl, argnums=argn)(*x0s, *data)
            err = max(rel_err(a, b) for a, b in zip(ours, jg))
            jvg = jax.jit(jax.value_and_grad(jl, argnums=argn))
            t_ours, t_jax = compare(f, _ready(jvg), *x0s, *data)
            ev = (f"{fmt_time(t_ours)} / {fmt_time(t_jax)} = {t_ours / t_jax:.2f}x "
                  f"(paired {PAIRED[0]:.2f}x)")
        else:
            err = float("nan")
            ev = "(no JAX)"
        shown = "; ".join(tpretty(g) for g in grads)
        if len(shown) > 90:
            shown = shown[:87] + "..."
        rows.append([name, shown, f"{tder * 1e3:.1f} ms", f"{err:.1e}", ev])
    print("Worked examples: symbolic gradient, time to derive (median), max relative "
          "difference to jax.grad (float64), value_and_grad time ours / jax.jit")
    print(table(["example", "gradient", "derive", "vs jax.grad", "value_and_grad"], rows))

    if jax is None:
        return
    # ---- logistic regression: compiled gradient and Hessian against jax.jit
    N, D = (200, 20) if QUICK else (1000, 100)
    X = sc.MatrixSymbol("X", "N", "D")
    w = sc.VectorSymbol("w", "D")
    y = sc.VectorSymbol("y", "N", values=(-1, 1))
    L = sc.sum(sc.log(1 + sc.exp(-y * (X @ w))))
    Xv, wv = rng.standard_normal((N, D)), rng.standard_normal(D) / np.sqrt(D)
    yv = np.sign(rng.standard_normal(N))

    def jl(w, X, y):
        return jnp.sum(jnp.logaddexp(0.0, -y * (X @ w)))

    g = sc.compile(sc.gradient(L, w), [w, X, y])
    h = sc.compile(sc.hessian(L, w), [w, X, y])
    jg = jax.jit(jax.grad(jl))
    jh = jax.jit(jax.hessian(jl))
    for label, ours, theirs in (("gradient", g, jg), ("Hessian", h, jh)):
        e = rel_err(ours(wv, Xv, yv), theirs(wv, Xv, yv))
        to, tj = compare(ours, _ready(theirs), wv, Xv, yv)
        speed.append([f"logistic regression {label} (X: {N}×{D})", fmt_time(to), fmt_time(tj),
                      f"{to / tj:.2f}x", f"{PAIRED[0]:.2f}x", f"{e:.1e}"])
    # ---- the two-layer network written per example, with a batch axis (jax: vmap)
    Hh, C = 50, 10
    W1, b1 = sc.MatrixSymbol("W1", "H", "D"), sc.VectorSymbol("b1", "H")
    W2, b2 = sc.MatrixSymbol("W2", "C", "H"), sc.VectorSymbol("b2", "C")
    x, t = sc.VectorSymbol("x", "D"), sc.VectorSymbol("t", "C")
    Lx = sc.norm(W2 @ sc.tanh(W1 @ x + b1) + b2 - t) ** 2 / 2
    fb = sc.value_and_grad(Lx, [W1, b1, W2, b2], data=[x, t], batch=[x, t])
    P = [rng.standard_normal((Hh, D)) / np.sqrt(D), rng.standard_normal(Hh),
         rng.standard_normal((C, Hh)) / np.sqrt(Hh), rng.standard_normal(C)]
    Tv = rng.standard_normal((N, C))

    def one(W1, b1, W2, b2, x, t):
        return 0.5 * jnp.sum((W2 @ jnp.tanh(W1 @ x + b1) + b2 - t) ** 2)

    def total(W1, b1, W2, b2, X, T):
        return jnp.sum(jax.vmap(one, in_axes=(None, None, None, None, 0, 0))(
            W1, b1, W2, b2, X, T))

    jb = jax.jit(jax.value_and_grad(total, argnums=(0, 1, 2, 3)))
    e = max(rel_err(a, b) for a, b in zip(fb(*P, Xv, Tv)[1], jb(*P, Xv, Tv)[1]))
    to, tj = compare(fb, _ready(jb), *P, Xv, Tv)
    speed.append([f"two-layer network per example, batch axis ({N} examples)", fmt_time(to),
                  fmt_time(tj), f"{to / tj:.2f}x", f"{PAIRED[0]:.2f}x", f"{e:.1e}"])
    print()
    print("Compiled derivatives against JAX (same process, float64, CPU; ratio < 1: faster;"
          " paired: the median over rounds of ours/JAX measured back to back)")
    print(table(["function", "symcalc", "jax.jit", "ratio of bests", "median paired ratio",
                 "rel. difference"], speed))
    print()
    print(f"symbolic Hessian: {tpretty(sc.hessian(L, w))}")


if __name__ == "__main__":
    main()
