"""Construction and expansion benchmark: symcalc vs SymPy vs SymEngine, same process.

Prints a table of best-of-N wall times and the speed ratios (how many times faster
symcalc is). Target (issue 2): expand((x+y+z+1)^15) at least 10x faster than SymPy.

    python bench/construct.py
"""

from __future__ import annotations

import math
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from _util import best_time, fmt_time, ratio, table  # noqa: E402

import symcalc as sc  # noqa: E402

try:
    import sympy
    from sympy.core.cache import clear_cache
except ImportError:  # pragma: no cover
    sympy = None
try:
    import symengine
except ImportError:  # pragma: no cover
    symengine = None


def cases(lib: str):
    """name -> zero-argument callable building the thing with library ``lib``."""
    if lib == "symcalc":
        x, y, z = sc.symbols("x y z")
        Add, Mul, expand, Int = sc.Add, sc.Mul, sc.expand, sc.Integer
    elif lib == "sympy":
        x, y, z = sympy.symbols("x y z")
        Add, Mul, expand, Int = sympy.Add, sympy.Mul, sympy.expand, sympy.Integer
    else:
        x, y, z = symengine.symbols("x y z")
        Add, Mul, expand, Int = symengine.Add, symengine.Mul, symengine.expand, symengine.Integer

    def operator_sum():
        e = Int(0)
        for i in range(1, 501):
            e = e + i * x ** i
        return e

    return {
        "sum of 10^4 terms  Add(*[i*x^i])":
            lambda: Add(*[Int(i) * x ** i for i in range(1, 10001)]),
        "product of 2000 factors  Mul(*[x+i])": lambda: Mul(*[x + i for i in range(1, 2001)]),
        "500 additions with +  e = e + i*x^i": operator_sum,
        "expand((x+y+z+1)^15)  816 terms": lambda: expand((x + y + z + 1) ** 15),
        "expand((x+1)^200)": lambda: expand((x + 1) ** 200),
        "expand((x+y)^20*(x-y)^20)": lambda: expand((x + y) ** 20 * (x - y) ** 20),
    }


def main() -> None:
    libs = ["symcalc"] + (["sympy"] if sympy else []) + (["symengine"] if symengine else [])
    built = {lib: cases(lib) for lib in libs}
    rows = []
    logs = []
    for name in built["symcalc"]:
        times = {}
        for lib in libs:
            setup = clear_cache if lib == "sympy" else None
            times[lib] = best_time(built[lib][name], repeat=15, setup=setup, budget=8.0)
        ours = times["symcalc"]
        if "sympy" in times:
            logs.append(math.log(times["sympy"] / ours))
        rows.append([name, fmt_time(ours), fmt_time(times.get("sympy")),
                     fmt_time(times.get("symengine")), ratio(times.get("sympy"), ours),
                     ratio(times.get("symengine"), ours)])
    print(table(["case", "symcalc", "SymPy", "SymEngine", "vs SymPy", "vs SymEngine"], rows))
    if logs:
        print(f"\ngeometric mean vs SymPy: {math.exp(sum(logs) / len(logs)):.1f}×")
    print("ratios > 1× mean symcalc is faster; SymPy runs with a cleared cache (cold).")


if __name__ == "__main__":
    main()
