"""Compiled evaluation speed: symcalc.compile against sympy.lambdify(cse=True),
numexpr, SymEngine's Lambdify (and JAX jit when installed), side by side in one
process, best of several runs; then value_and_grad of the n-variable Rosenbrock
function against SymPy (diff + lambdify with cse).

    python bench/compile.py [--quick] [--fused | --numpy-only]

``--fused``: only the fused-backend table (numba) with the bandwidth floor;
``--numpy-only``: only the NumPy-backend table (against lambdify, numexpr, SymEngine, JAX).
"""

from __future__ import annotations

import gc
import math
import sys
import time

import numpy as np
from _util import best_time, fmt_time, ratio, table

import symcalc as sc

CASES = [
    ("sigmoid", "1/(1 + exp(-x))"),
    ("tanh-GELU", "0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))"),
    ("poly deg 10", " + ".join(f"{k + 1}*x^{k}" for k in range(11))),
    ("f(x)", "sin(x^2)*exp(-x) + log(1 + x^2)/(1 + sqrt(x))"),
    ("f'''(x)", None),
]


def _optional(name: str):
    try:
        return __import__(name)
    except ImportError:
        return None


def timed(fn, n: int, repeat: int) -> float:
    """Best time of one call; small inputs are timed over a loop of calls."""
    return timed_all({"f": fn}, n, repeat)["f"]


def timed_all(fns: dict, n: int, repeat: int) -> dict:
    """Best time of one call of each function, the libraries interleaved round by round
    (so that a noisy moment on the machine hits them all alike); small inputs are timed
    over a loop of calls."""
    loops = max(1, 10**5 // n)
    best = {k: math.inf for k in fns}
    for _ in range(repeat):
        for k, fn in fns.items():
            gc.collect()
            t0 = time.perf_counter()
            for _ in range(loops):
                fn()
            best[k] = min(best[k], (time.perf_counter() - t0) / loops)
    return best


def geomean(v: list[float]) -> float:
    return math.exp(sum(map(math.log, v)) / len(v)) if v else float("nan")


def elementwise(sizes: list[int]) -> None:
    import sympy

    ne = _optional("numexpr")
    se = _optional("symengine")
    jax = _optional("jax")
    x = sc.Symbol("x")
    sx = sympy.Symbol("x")
    f_text = CASES[3][1]
    rows = []
    speedups: dict[str, list[float]] = {"lambdify": [], "numexpr": [], "symengine": [],
                                        "jax.jit": []}
    for label, text in CASES:
        e = sc.parse(text) if text else sc.diff(sc.parse(f_text), x, 3)
        se_expr = sympy.sympify(text.replace("^", "**")) if text else \
            sympy.diff(sympy.sympify(f_text.replace("^", "**")), sx, 3)
        ours = sc.compile(e, [x])
        lam = sympy.lambdify([sx], se_expr, modules="numpy", cse=True)
        ne_text = str(se_expr.evalf())
        sef = se.Lambdify([se.Symbol("x")], se.sympify(se_expr)) if se else None
        jf = None
        if jax is not None:
            jax.config.update("jax_enable_x64", True)  # float64, like the others
            import jax.numpy as jnp

            jf = jax.jit(sympy.lambdify([sx], se_expr, modules=jnp))
        for n in sizes:
            xs = np.random.default_rng(0).uniform(0.1, 3.0, n)
            rep = 7 if n <= 10**6 else 3
            env = {"x": xs, "pi": math.pi, "E": math.e}
            fns = {"ours": lambda: ours(xs), "lam": lambda: lam(xs)}
            if ne:
                fns["ne"] = lambda: ne.evaluate(ne_text, local_dict=env)
            if sef:
                fns["se"] = lambda: sef(xs)
            if jf:
                jf(xs).block_until_ready()  # compile outside the clock
                fns["jax"] = lambda: jf(xs).block_until_ready()
            t = timed_all(fns, n, rep)
            t_ours, t_lam = t["ours"], t["lam"]
            t_ne, t_se, t_jax = t.get("ne"), t.get("se"), t.get("jax")
            ref = lam(xs)
            assert np.allclose(ours(xs), ref, rtol=1e-9, atol=1e-9), label
            speedups["lambdify"].append(t_lam / t_ours)
            if t_ne:
                speedups["numexpr"].append(t_ne / t_ours)
            if t_se:
                speedups["symengine"].append(t_se / t_ours)
            if t_jax:
                speedups["jax.jit"].append(t_jax / t_ours)
            rows.append([label, f"{n:.0e}", fmt_time(t_ours), fmt_time(t_lam), ratio(t_lam, t_ours),
                         fmt_time(t_ne), ratio(t_ne, t_ours), fmt_time(t_se), ratio(t_se, t_ours),
                         fmt_time(t_jax) if jax else "not installed"])
    print(table(["expression", "points", "symcalc", "lambdify+cse", "speedup", "numexpr",
                 "speedup", "symengine", "speedup", "jax.jit"], rows))
    print()
    for k, v in speedups.items():
        if v:
            print(f"geometric-mean speedup over {k}: {geomean(v):.2f}×")
    print()


def rosenbrock(ns: list[int], batch: int = 10**4) -> None:
    import sympy

    rows = []
    for n in ns:
        t0 = time.perf_counter()
        xs = sc.symbols(" ".join(f"x{i}" for i in range(n)))
        f = sc.Add(*[100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2
                     for i in range(n - 1)])
        vg = sc.value_and_grad(f, xs, packed=True)
        t_compile = time.perf_counter() - t0
        fo = sc.compile(f, xs, packed=True)
        theta = np.random.default_rng(0).normal(size=(n, batch))
        t_eval = best_time(lambda: vg(theta), 7)
        t_f = best_time(lambda: fo(theta), 7)

        t0 = time.perf_counter()
        sy = sympy.symbols(" ".join(f"x{i}" for i in range(n)))
        sf = sum(100 * (sy[i + 1] - sy[i] ** 2) ** 2 + (1 - sy[i]) ** 2 for i in range(n - 1))
        grad = [sympy.diff(sf, v) for v in sy]
        lam = sympy.lambdify([sy], [sf, grad], modules="numpy", cse=True)
        t_sc = time.perf_counter() - t0
        t_seval = best_time(lambda: lam(theta), 3)
        v, g = vg(theta)
        sv, sg = lam(theta)
        assert np.allclose(v, sv) and np.allclose(g, np.array(sg))
        t_jax = _jax_rosenbrock(theta, v, g)
        rows.append([str(n), fmt_time(t_compile), fmt_time(t_sc), ratio(t_sc, t_compile),
                     fmt_time(t_eval), fmt_time(t_f), f"{t_eval / t_f:.2f}",
                     fmt_time(t_seval), ratio(t_seval, t_eval),
                     fmt_time(t_jax) if t_jax else "not installed",
                     ratio(t_jax, t_eval) if t_jax else "—"])
    print(f"value_and_grad of the n-variable Rosenbrock function, batch of {batch} points")
    print(table(["n", "symcalc compile", "sympy diff+lambdify", "speedup", "symcalc eval",
                 "one f eval", "grad/f", "sympy eval", "speedup", "jax jit(vmap(vg))",
                 "vs jax"], rows))


def _softmax_ce_text(k: int = 10) -> tuple[str, list[str]]:
    """Softmax cross-entropy over k logits z0..z(k-1), the label fixed at 1."""
    names = [f"z{i}" for i in range(k)]
    return "-z1 + log(" + " + ".join(f"exp({v})" for v in names) + ")", names


def fused_table(sizes: list[int]) -> None:
    """The fused backend (numba, one loop per element) against the NumPy backend and
    JAX jit, with the bandwidth floor: one ``np.add(a, b, out=c)`` pass of the same size.
    All timings interleaved round by round, best of several."""
    try:
        import numba  # noqa: F401
    except ImportError:
        print("fused backend: numba not installed (pip install 'symcalc[fused]')\n")
        return
    import sympy

    jax = _optional("jax")
    x = sc.Symbol("x")
    sx = sympy.Symbol("x")
    f_text = CASES[3][1]
    cases = []
    for label, text in CASES:
        e = sc.parse(text) if text else sc.diff(sc.parse(f_text), x, 3)
        se_expr = sympy.sympify(text.replace("^", "**")) if text else \
            sympy.diff(sympy.sympify(f_text.replace("^", "**")), sx, 3)
        cases.append((label, e, [x], se_expr, [sx]))
    ce_text, names = _softmax_ce_text()
    zs = [sc.Symbol(v) for v in names]
    szs = sympy.symbols(" ".join(names))
    cases.append(("softmax CE, 10 logits", sc.parse(ce_text), zs, None, list(szs)))
    rows = []
    vs_jax: dict[int, list[float]] = {}
    if jax is not None:
        jax.config.update("jax_enable_x64", True)
        import jax.numpy as jnp
    for label, e, vars_, se_expr, svars in cases:
        t0 = time.perf_counter()
        fu = sc.compile(e, vars_, backend="fused")
        fvg = sc.value_and_grad(e, vars_, backend="fused")
        fu(*[np.ones(10**5)] * len(vars_))  # compile both kernels (or load them from disk)
        fvg(*[np.ones(10**5)] * len(vars_))
        fu(*[np.ones(10)] * len(vars_))
        fvg(*[np.ones(10)] * len(vars_))
        t_compile = time.perf_counter() - t0
        ours = sc.compile(e, vars_)
        jf = None
        if jax is not None:
            if se_expr is None:
                jf = jax.jit(lambda *z: -z[1] + jax.nn.logsumexp(jnp.stack(z), axis=0))
            else:
                jf = jax.jit(sympy.lambdify(svars, se_expr, modules=jnp))
        for n in sizes:
            rng = np.random.default_rng(0)
            args = [rng.uniform(0.1, 3.0, n) if se_expr is not None else rng.normal(size=n)
                    for _ in vars_]
            a, b, c = rng.random(n), rng.random(n), np.empty(n)
            rep = 9 if n <= 10**6 else 5
            fns = {"floor": lambda: np.add(a, b, out=c), "numpy": lambda: ours(*args),
                   "fused": lambda: fu(*args), "vg": lambda: fvg(*args)}
            if jf is not None:
                jargs = [jnp.asarray(v) for v in args]
                jf(*jargs).block_until_ready()
                fns["jax"] = lambda: jf(*jargs).block_until_ready()
            t = timed_all(fns, n, rep)
            assert np.allclose(fu(*args), ours(*args), rtol=1e-9, atol=1e-12), label
            tj = t.get("jax")
            if tj and n >= 10**6:
                vs_jax.setdefault(n, []).append(tj / t["fused"])
            rows.append([label, f"{n:.0e}", fmt_time(t["numpy"]), fmt_time(t["fused"]),
                         ratio(t["numpy"], t["fused"]), fmt_time(tj) if tj else "—",
                         ratio(tj, t["fused"]) if tj else "—", fmt_time(t["floor"]),
                         f"{t['fused'] / t['floor']:.2f}", fmt_time(t["vg"]),
                         f"{t['vg'] / t['fused']:.2f}", f"{t_compile:.2f} s"])
    from symcalc.compile.fused import engine

    print(f"fused backend (engine: {engine()}), best of interleaved runs")
    print(table(["expression", "points", "numpy backend", "fused", "× numpy", "jax.jit",
                 "× jax", "np.add floor", "fused/floor", "fused value_and_grad", "vg/f",
                 "compile f+vg"], rows))
    for n, v in sorted(vs_jax.items()):
        print(f"fused vs jax.jit at {n:.0e} points: geometric-mean speedup {geomean(v):.2f}×")
    print()


def _jax_rosenbrock(theta: np.ndarray, v: np.ndarray, g: np.ndarray) -> float | None:
    """jit(vmap(value_and_grad)) of Rosenbrock in JAX (float64), if installed."""
    jax = _optional("jax")
    if jax is None:
        return None
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    def f(w):
        return jnp.sum(100.0 * (w[1:] - w[:-1] ** 2) ** 2 + (1.0 - w[:-1]) ** 2)

    vg = jax.jit(jax.vmap(jax.value_and_grad(f), in_axes=1, out_axes=(0, 1)))
    t = jnp.asarray(theta)
    jv, jg = vg(t)
    jv.block_until_ready()
    assert np.allclose(np.asarray(jv), v) and np.allclose(np.asarray(jg), g)
    return best_time(lambda: vg(t)[0].block_until_ready(), 7)


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    if "--fused" in sys.argv:
        fused_table([10**3, 10**5] if quick else [10**3, 10**6, 10**7])
        sys.exit()
    if "--numpy-only" in sys.argv:
        elementwise([10**3, 10**5] if quick else [10**3, 10**6, 10**7])
        sys.exit()
    fused_table([10**3, 10**5] if quick else [10**3, 10**6, 10**7])
    elementwise([10**3, 10**5] if quick else [10**3, 10**6, 10**7])
    rosenbrock([10, 100] if quick else [10, 100, 1000])
