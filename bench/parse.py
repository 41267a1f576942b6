"""Parsing speed: symcalc.parse vs sympy.parse_expr on the textbook integral corpus.

Every ``integrand`` and ``optimal`` antiderivative of ``shared/data/integrals/*.jsonl``
is parsed; the same strings go to SymPy (standard transformations plus ``convert_xor``,
so ``^`` is a power). Both run in this process, symcalc first (SymPy's large heap
would otherwise slow symcalc's garbage collections). "first pass" is one round over
the corpus right after import; "best" is the best of ``--repeat`` further rounds,
where SymPy's constructor caches are warm.

Run: ``python bench/parse.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "integrals"


def corpus() -> list[str]:
    out: list[str] = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                out += [row["integrand"], row["optimal"]]
    return out


def one_pass(fn, texts: list[str]) -> float:
    gc.collect()
    t0 = time.perf_counter()
    for s in texts:
        fn(s)
    return time.perf_counter() - t0


def measure(fn, texts: list[str], repeat: int) -> tuple[float, float]:
    """(first pass, best of ``repeat`` passes), in seconds per pass."""
    first = one_pass(fn, texts)
    return first, min(one_pass(fn, texts) for _ in range(repeat))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    texts = corpus()
    if not texts:
        sys.exit(f"no corpus found under {DATA}")

    t0 = time.perf_counter()
    import symcalc

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    symcalc.parse("x")
    t_first = time.perf_counter() - t0

    rows = [("symcalc", *measure(symcalc.parse, texts, args.repeat))]
    try:
        from sympy.parsing.sympy_parser import (
            convert_xor,
            parse_expr,
            standard_transformations,
        )
    except ImportError:
        print("sympy is not installed: symcalc only")
    else:
        tr = standard_transformations + (convert_xor,)
        parse_expr("x", transformations=tr)
        rows.append(("sympy.parse_expr",
                     *measure(lambda s: parse_expr(s, transformations=tr), texts, args.repeat)))

    n = len(texts)
    print(f"{n} expressions (integrands and optimal antiderivatives); "
          f"import symcalc {t_import * 1e3:.0f} ms, first parse {t_first * 1e3:.0f} ms\n")
    head = (f"{'parser':<18} {'first pass':>12} {'best':>10} {'expr/s':>9} "
            f"{'ratio':>7}")
    print(head)
    print(f"{'':<18} {'µs/expr':>12} {'µs/expr':>10} {'(best)':>9} {'(best)':>7}")
    base = rows[0][2]
    for name, first, best in rows:
        print(f"{name:<18} {first / n * 1e6:>12.1f} {best / n * 1e6:>10.1f} "
              f"{n / best:>9.0f} {best / base:>6.1f}x")


if __name__ == "__main__":
    main()
