"""Compiled evaluation speed: symcalc.compile against sympy.lambdify(cse=True),
numexpr, SymEngine's Lambdify (and JAX jit when installed), side by side in one
process, best of several runs; then value_and_grad of the n-variable Rosenbrock
function against SymPy (diff + lambdify with cse).

    python bench/compile.py [--quick]
"""

from __future__ import annotations

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
    loops = max(1, 10**5 // n)

    def many() -> None:
        for _ in range(loops):
            fn()

    return best_time(many, repeat) / loops


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
    speedups: dict[str, list[float]] = {"lambdify": [], "numexpr": [], "symengine": []}
    for label, text in CASES:
        e = sc.parse(text) if text else sc.diff(sc.parse(f_text), x, 3)
        se_expr = sympy.sympify(text.replace("^", "**")) if text else \
            sympy.diff(sympy.sympify(f_text.replace("^", "**")), sx, 3)
        ours = sc.compile(e, [x])
        lam = sympy.lambdify([sx], se_expr, modules="numpy", cse=True)
        ne_text = str(se_expr.evalf())
        sef = se.Lambdify([se.Symbol("x")], se.sympify(se_expr)) if se else None
        jf = None
        if jax is not None:  # pragma: no cover - not installed here
            import jax.numpy as jnp

            jf = jax.jit(sympy.lambdify([sx], se_expr, modules=jnp))
        for n in sizes:
            xs = np.random.default_rng(0).uniform(0.1, 3.0, n)
            rep = 7 if n <= 10**6 else 3
            env = {"x": xs, "pi": math.pi, "E": math.e}
            t_ours = timed(lambda: ours(xs), n, rep)
            t_lam = timed(lambda: lam(xs), n, rep)
            t_ne = timed(lambda: ne.evaluate(ne_text, local_dict=env), n, rep) if ne else None
            t_se = timed(lambda: sef(xs), n, rep) if sef else None
            t_jax = timed(lambda: jf(xs).block_until_ready(), n, rep) if jf else None
            ref = lam(xs)
            assert np.allclose(ours(xs), ref, rtol=1e-9, atol=1e-9), label
            speedups["lambdify"].append(t_lam / t_ours)
            if t_ne:
                speedups["numexpr"].append(t_ne / t_ours)
            if t_se:
                speedups["symengine"].append(t_se / t_ours)
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
        rows.append([str(n), fmt_time(t_compile), fmt_time(t_sc), ratio(t_sc, t_compile),
                     fmt_time(t_eval), fmt_time(t_f), f"{t_eval / t_f:.2f}",
                     fmt_time(t_seval), ratio(t_seval, t_eval)])
    print(f"value_and_grad of the n-variable Rosenbrock function, batch of {batch} points")
    print(table(["n", "symcalc compile", "sympy diff+lambdify", "speedup", "symcalc eval",
                 "one f eval", "grad/f", "sympy eval", "speedup"], rows))


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    elementwise([10**3, 10**5] if quick else [10**3, 10**6, 10**7])
    rosenbrock([10, 100] if quick else [10, 100, 1000])
