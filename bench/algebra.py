"""Polynomial algebra benchmark: expand, factor, gcd, cancel and apart, symcalc vs SymPy.

Two sets of cases, each timed best-of-N in the same process:

* a generated set (fixed seed): powers of sums, products of random polynomials in one
  to three variables, gcds with a planted common factor, rational functions with
  common factors, partial fractions of products of linear and quadratic factors;
* the rational integrands of ``shared/data/integrals/*.jsonl`` (the integrands that
  are quotients of polynomials): ``factor``, ``cancel`` and ``apart`` on all of them,
  timed as one batch per operation.

The same expressions are given to SymPy, converted node by node (no strings, no eval).
Ratios > 1x mean symcalc is faster; SymPy runs with a cleared cache (cold).

    python bench/algebra.py             # both tables
    python bench/algebra.py --quick     # fewer repeats
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(__file__))
from _util import best_time, corpus_rows, fmt_time, table  # noqa: E402

import symcalc as sc  # noqa: E402
from symcalc.algebra import apart, cancel, factor, gcd  # noqa: E402
from symcalc.parse import parse  # noqa: E402

try:
    import sympy
    from sympy.core.cache import clear_cache
except ImportError:  # pragma: no cover
    sympy = None

x, y, z = sc.symbols("x y z")


# --------------------------------------------------------------------------- SymPy


def to_sympy(e: sc.Expr, memo: dict | None = None):
    """The same expression in SymPy, built node by node."""
    if memo is None:
        memo = {}
    for node in e.postorder():
        if id(node) in memo:
            continue
        args = [memo[id(a)] for a in node.args]
        if node.is_Number:
            v = node.value
            r = sympy.Float(v) if isinstance(v, float) else sympy.Rational(
                Fraction(v).numerator, Fraction(v).denominator)
        elif node.is_Symbol:
            r = sympy.Symbol(node.name)
        elif node.is_Atom:
            r = {"pi": sympy.pi, "E": sympy.E}[node.name]
        elif node.is_Add:
            r = sympy.Add(*args)
        elif node.is_Mul:
            r = sympy.Mul(*args)
        elif node.is_Pow:
            r = sympy.Pow(*args)
        elif node.is_Function:
            r = getattr(sympy, node.fdef.name)(*args)
        else:
            raise TypeError(node.head)
        memo[id(node)] = r
    return memo[id(e)]


def ratio(other: float | None, ours: float) -> str:
    """SymPy's time over ours, with two decimals below 1x."""
    if other is None:
        return "—"
    r = other / ours
    return f"{r:.2f}×" if r < 1 else f"{r:.1f}×"


# --------------------------------------------------------------------------- cases


def _poly(rng: random.Random, gens: tuple, deg: int, terms: int) -> sc.Expr:
    out = []
    for _ in range(terms):
        c = rng.randint(-9, 9) or 1
        m = sc.Integer(c)
        for g in gens:
            m = m * g ** rng.randint(0, deg)
        out.append(m)
    return sc.Add(*out, gens[0])  # never constant


def generated() -> list[tuple[str, str, tuple, tuple]]:
    """(operation, case name, symcalc args, extra) for the generated set (seed 5)."""
    rng = random.Random(5)
    cases: list[tuple[str, str, tuple, tuple]] = []
    add = lambda op, name, *args: cases.append((op, name, args, ()))  # noqa: E731

    add("expand", "(x+y+z+1)^15", (x + y + z + 1) ** 15)
    add("expand", "(x+1)^60*(x-1)^60", (x + 1) ** 60 * (x - 1) ** 60)
    p3 = [_poly(rng, (x, y, z), 3, 6) for _ in range(4)]
    add("expand", "product of 4 random trivariate", sc.Mul(*p3))

    u = [_poly(rng, (x,), 4, 4) for _ in range(5)]
    add("factor", "x^60 - 1", x ** 60 - 1)
    add("factor", "5 random univariate (deg 20)", sc.expand(sc.Mul(*u)))
    add("factor", "Swinnerton-Dyer S3 (deg 8)", x**8 - 40*x**6 + 352*x**4 - 960*x**2 + 576)
    b = [_poly(rng, (x, y), 2, 3) for _ in range(3)]
    add("factor", "3 random bivariate, squared", sc.expand(sc.Mul(*b) ** 2))
    t = [_poly(rng, (x, y, z), 2, 3) for _ in range(3)]
    add("factor", "3 random trivariate", sc.expand(sc.Mul(*t)))

    g1, a1, b1 = (_poly(rng, (x,), 10, 6) for _ in range(3))
    add("gcd", "univariate deg 20, common deg 10", sc.expand(g1 * a1), sc.expand(g1 * b1))
    g2, a2, b2 = (_poly(rng, (x, y), 3, 5) for _ in range(3))
    add("gcd", "bivariate, common factor", sc.expand(g2 * a2), sc.expand(g2 * b2))
    g3, a3, b3 = (_poly(rng, (x, y, z), 2, 4) for _ in range(3))
    add("gcd", "trivariate, common factor", sc.expand(g3 * a3), sc.expand(g3 * b3))
    add("gcd", "coprime univariate deg 40", sc.expand((x + 1) ** 40 + x),
        sc.expand((x - 1) ** 40 + 2))

    add("cancel", "univariate, common deg 10",
        sc.expand(g1 * a1) / sc.expand(g1 * b1))
    add("cancel", "bivariate, common factor", sc.expand(g2 * a2) / sc.expand(g2 * b2))
    add("cancel", "sum of 6 fractions", sc.Add(*[1 / (x + k) ** 2 for k in range(1, 7)]))

    den = sc.expand(sc.Mul(*[(x + k) for k in range(1, 7)]) * (x**2 + 1) ** 2 * (x - 7) ** 3)
    add("apart", "6 linear, (x^2+1)^2, (x-7)^3", sc.expand((x + 9) ** 5) / den, x)
    den2 = sc.expand((x**2 + x + 1) ** 3 * (x**3 - 2) * (x + 1) ** 2)
    add("apart", "(x^2+x+1)^3 (x^3-2) (x+1)^2", sc.expand((x - 3) ** 7 + x) / den2, x)
    add("apart", "1/(x^12 - 1)", 1 / (x ** 12 - 1), x)
    return cases


def _rational(e: sc.Expr) -> bool:
    for n in e.postorder():
        if n.is_Number:
            if isinstance(n.value, float):
                return False
        elif n.is_Pow:
            k = n.args[1]
            if not (k.is_Number and isinstance(k.value, int)):
                return False
        elif not (n.is_Symbol or n.is_Add or n.is_Mul):
            return False
    return True


def _has_denominator(e: sc.Expr) -> bool:
    return any(n.is_Pow and n.args[1].is_Number and n.args[1].value < 0
               and not n.args[0].is_Number for n in e.postorder())


def corpus() -> list[tuple[sc.Expr, sc.Symbol]]:
    """The rational integrands of the textbook corpus, with their variables."""
    out = []
    for row in corpus_rows():
        e = parse(row["integrand"])
        var = sc.Symbol(row.get("var", "x"))
        if _rational(e) and e.has(var) and _has_denominator(e):
            out.append((e, var))
    return out


# --------------------------------------------------------------------------- running


def _ours(op: str):
    return {"expand": sc.expand, "factor": factor, "gcd": lambda a, b: gcd(a, b).as_expr(),
            "cancel": cancel, "apart": apart}[op]


def _theirs(op: str):
    return {"expand": sympy.expand, "factor": sympy.factor, "gcd": sympy.gcd,
            "cancel": sympy.cancel, "apart": sympy.apart}[op]


def run_generated(repeat: int) -> tuple[list[list[str]], list[float]]:
    rows, logs = [], []
    for op, name, args, _ in generated():
        ours = best_time(lambda: _ours(op)(*args), repeat=repeat, budget=10.0)
        theirs = None
        if sympy is not None:
            sargs = tuple(to_sympy(a) for a in args)
            theirs = best_time(lambda: _theirs(op)(*sargs), repeat=repeat,
                               setup=clear_cache, budget=10.0)
            logs.append(math.log(theirs / ours))
        rows.append([op, name, fmt_time(ours), fmt_time(theirs), ratio(theirs, ours)])
    return rows, logs


def run_corpus(repeat: int) -> tuple[list[list[str]], list[float]]:
    items = corpus()
    rows, logs = [], []
    s_items = [(to_sympy(e), sympy.Symbol(v.name)) for e, v in items] if sympy else []
    for op in ("factor", "cancel", "apart"):
        if op == "apart":
            ours_fn = lambda: [apart(e, v) for e, v in items]  # noqa: E731
            theirs_fn = lambda: [sympy.apart(e, v) for e, v in s_items]  # noqa: E731
        else:
            f, g = _ours(op), (_theirs(op) if sympy else None)
            ours_fn = lambda f=f: [f(e) for e, _ in items]  # noqa: E731
            theirs_fn = lambda g=g: [g(e) for e, _ in s_items]  # noqa: E731
        ours = best_time(ours_fn, repeat=repeat, budget=15.0)
        theirs = None
        if sympy is not None:
            theirs = best_time(theirs_fn, repeat=repeat, setup=clear_cache, budget=15.0)
            logs.append(math.log(theirs / ours))
        rows.append([op, f"{len(items)} rational integrands", fmt_time(ours), fmt_time(theirs),
                     ratio(theirs, ours)])
    return rows, logs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats")
    args = ap.parse_args(argv)
    repeat = 2 if args.quick else 5
    head = ["operation", "case", "symcalc", "SymPy", "vs SymPy"]
    rows, logs = run_generated(repeat)
    print("generated set (seed 5)\n")
    print(table(head, rows))
    crow, clogs = run_corpus(repeat)
    print("\nrational integrands of shared/data/integrals (one batch per operation)\n")
    print(table(head, crow))
    allg = logs + clogs
    if allg:
        print(f"\ngeometric mean vs SymPy: generated {math.exp(sum(logs) / len(logs)):.1f}×, "
              f"corpus {math.exp(sum(clogs) / max(1, len(clogs))):.1f}×, "
              f"all {math.exp(sum(allg) / len(allg)):.1f}×")
    print("ratios > 1× mean symcalc is faster; SymPy runs with a cleared cache (cold).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
