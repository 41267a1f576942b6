"""Gaussian-rational arithmetic with the imaginary unit: symcalc vs SymPy, same process.

Prints best-of-N wall times, the speed ratio (how many times faster symcalc is) and
whether the two results agree numerically at a point.

    python bench/complex.py
"""

from __future__ import annotations

import cmath
import math
import os
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(__file__))
from _util import best_time, fmt_time, ratio, table  # noqa: E402

import symcalc as sc  # noqa: E402

try:
    import sympy
    from sympy.core.cache import clear_cache
except ImportError:  # pragma: no cover
    sympy = None

# deterministic "random" Gaussian rationals
GAUSS = [g for g in ((Fraction((7 * k) % 11 - 5, k % 4 + 1), Fraction((5 * k) % 9 - 4, k % 3 + 1))
                     for k in range(1, 320)) if g != (0, 0)][:300]


def cases(lib: str):
    """name -> zero-argument callable building the thing with library ``lib``."""
    if lib == "symcalc":
        x, y = sc.symbols("x y")
        I, Q, expand, Add, Mul = sc.I, sc.Rational, sc.expand, sc.Add, sc.Mul
        solve = lambda f: sc.solve(f, x, domain="complex")  # noqa: E731
    else:
        x, y = sympy.symbols("x y", real=True)
        I, Q, expand, Add, Mul = sympy.I, sympy.Rational, sympy.expand, sympy.Add, sympy.Mul
        # a real x would make SymPy drop the complex roots
        solve = lambda f: sympy.solve(f.subs(x, sympy.Symbol("x")), sympy.Symbol("x"))  # noqa: E731
    g = [Q(a.numerator, a.denominator) + Q(b.numerator, b.denominator) * I for a, b in GAUSS]

    def product_chain():
        e = Q(1)
        for z in g[:60]:
            e = expand(e * z)  # SymPy keeps (a + b*I)*(c + d*I) unevaluated without expand
        return e

    def quotients():
        # SymPy needs expand(complex=True) to write a quotient as a + b*I
        return [(z / w).expand(complex=True) if lib == "sympy" else z / w
                for z, w in zip(g, g[1:])]

    return {
        "60 Gaussian products, folded": (product_chain, {}),
        "300 Gaussian quotients z/w": (lambda: Add(*quotients()), {}),
        "sum of 300 terms (a + b*I)*x^k": (lambda: Add(*[z * x ** k for k, z in enumerate(g)]),
                                            {x: 0.3}),
        "expand((x + I)^30)": (lambda: expand((x + I) ** 30), {x: 0.7}),
        "expand((x + 2*I*y)^12*(x - I)^6)":
            (lambda: expand((x + 2 * I * y) ** 12 * (x - I) ** 6), {x: 0.7, y: -0.4}),
        "I^k for k < 2000, summed": (lambda: Add(*[I ** k for k in range(2000)]), {}),
        "solve(x^2 + 2x + 5), complex roots": (lambda: solve(x ** 2 + 2 * x + 5), {}),
        "solve(x^4 + 1), complex roots": (lambda: solve(x ** 4 + 1), {}),
        "product of 60 (x + k*I)": (lambda: Mul(*[x + k * I for k in range(1, 61)]), {x: 0.01}),
    }


def _value(lib: str, r, point: dict) -> complex | list[complex]:
    if isinstance(r, list):
        return sorted((_value(lib, v, point) for v in r), key=lambda z: (z.real, z.imag))
    if lib == "symcalc":
        return complex(r.evalf({k: v for k, v in point.items()}))
    subs = {sympy.Symbol(k.name, real=True): v for k, v in point.items()}
    return complex(r.evalf(20, subs=subs))


def _agree(a, b) -> bool:
    if isinstance(a, list):
        return len(a) == len(b) and all(_agree(u, v) for u, v in zip(a, b))
    return cmath.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def main() -> None:
    if sympy is None:  # pragma: no cover
        print("SymPy is not installed: nothing to compare with")
        return
    ours_cases, theirs_cases = cases("symcalc"), cases("sympy")
    rows = []
    logs = []
    for name, (fn, point) in ours_cases.items():
        tfn, _ = theirs_cases[name]
        ours = best_time(fn, repeat=7, budget=6.0)
        theirs = best_time(tfn, repeat=7, setup=clear_cache, budget=6.0)
        logs.append(math.log(theirs / ours))
        same = _agree(_value("symcalc", fn(), point), _value("sympy", tfn(), point))
        rows.append([name, fmt_time(ours), fmt_time(theirs), ratio(theirs, ours),
                     "yes" if same else "NO"])
    print(table(["case", "symcalc", "SymPy", "vs SymPy", "same value"], rows))
    print(f"\ngeometric mean vs SymPy: {math.exp(sum(logs) / len(logs)):.1f}×")
    print("ratios > 1× mean symcalc is faster; SymPy runs with a cleared cache (cold).")


if __name__ == "__main__":
    main()
