"""evalf to n digits on the textbook corpus, against SymPy's N, both checked with mpmath.

Expressions: the integrands and antiderivatives of ``shared/data/integrals/*.jsonl``,
parsed with ``sc.parse``, at random points (every symbol gets an exact binary value in
[0.1, 2.5]; SymPy gets the same value as an exact Rational). Reference: SymPy's tree of
the same text, lambdified to mpmath and evaluated at 2n + 60 digits. A result
*disagrees* when it differs from the reference by more than one unit in its n-th
significant digit (or is missing where the reference exists). Times are the total of
``sc.N(e, n, subs)`` and of ``sympy_expr.evalf(n, subs=...)`` over the same problems.

    python bench/evalf.py [--limit N] [--points K] [--digits 15,50,1000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

from _util import DATA, table

import symcalc as sc
from symcalc.errors import SymcalcError

FILES = ("apostol.jsonl", "stewart.jsonl", "rubi-chapters-600.jsonl")


def _data_dir() -> str:
    for d in (os.environ.get("SYMCALC_DATA", ""), DATA,
              os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data",
                           "integrals")):
        if d and os.path.isdir(d):
            return d
    sys.exit("corpus not found: set SYMCALC_DATA to shared/data/integrals")


def load(limit: int) -> list[str]:
    import json

    texts: list[str] = []
    seen: set[str] = set()
    d = _data_dir()
    for name in FILES:
        with open(os.path.join(d, name), encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                row = json.loads(line)
                for key in ("integrand", "optimal"):
                    t = row.get(key)
                    if t and t not in seen:
                        seen.add(t)
                        texts.append(t)
    random.Random(7).shuffle(texts)
    return texts[:limit]


def to_sympy(e: sc.Expr):
    import sympy

    names = {"E": sympy.E, "pi": sympy.pi, "abs": sympy.Abs, "Li2": lambda u: sympy.polylog(2, u),
             "sign": sympy.sign, "erf": sympy.erf, "erfc": sympy.erfc, "Ei": sympy.Ei,
             "li": sympy.li}
    for s in e.free_symbols:
        names[s.name] = sympy.Symbol(s.name)
    allowed = {"exp", "log", "sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan",
               "acot", "asec", "acsc", "sinh", "cosh", "tanh", "coth", "sech", "csch",
               "asinh", "acosh", "atanh", "acoth", "asech", "acsch", "abs", "sign", "erf",
               "erfc", "Ei", "li", "Li2"}
    from symcalc.core.traversal import preorder

    for n in preorder(e):
        if n.is_Function and n.fdef.name not in allowed:
            return None
        if n.head == "piecewise" or n.is_Relational:
            return None
    return sympy.sympify(str(e).replace("^", "**"), locals=names)


def _from_sympy(v):
    """An mpmath number for a SymPy evalf result (None if it is not a number)."""
    import mpmath as mp
    import sympy

    try:
        re, im = v.as_real_imag()
        re = sympy.Float(re, 2 * mp.mp.dps)._to_mpmath(mp.mp.prec)
        im = sympy.Float(im, 2 * mp.mp.dps)._to_mpmath(mp.mp.prec)
    except (TypeError, AttributeError, ValueError):
        return None
    return re if im == 0 else mp.mpc(re, im)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--points", type=int, default=2)
    ap.add_argument("--digits", default="15,50,1000")
    args = ap.parse_args()
    import mpmath as mp
    import sympy

    rng = random.Random(11)
    problems = []
    for text in load(args.limit):
        try:
            e = sc.parse(text)
        except SymcalcError:
            continue
        if not e.free_symbols or e.is_Number:
            continue
        se = to_sympy(e)
        if se is None:
            continue
        syms = sorted(e.free_symbols, key=str)
        ref_fn = sympy.lambdify([sympy.Symbol(s.name) for s in syms], se, modules="mpmath")
        for _ in range(args.points):
            vals = [round(rng.uniform(0.1, 2.5), 6) for _ in syms]
            problems.append((e, se, syms, vals, ref_fn))
    print(f"{len(problems)} evaluations ({args.limit} corpus expressions, "
          f"{args.points} points each)\n")
    rows = []
    for n in (int(d) for d in args.digits.split(",")):
        t_ours = t_sympy = 0.0
        bad_ours = bad_sympy = undecided = compared = 0
        for e, se, syms, vals, ref_fn in problems:
            with mp.workdps(2 * n + 60):
                try:
                    r = ref_fn(*[mp.mpf(v) for v in vals])
                    if not mp.isfinite(r):
                        continue
                except (ZeroDivisionError, ValueError, TypeError, OverflowError):
                    continue
            compared += 1
            subs = dict(zip(syms, vals))
            t0 = time.perf_counter()
            try:
                ours = sc.N(e, n, subs)
            except SymcalcError:
                ours = None
            t_ours += time.perf_counter() - t0
            ssubs = {sympy.Symbol(s.name): sympy.Rational(v) for s, v in zip(syms, vals)}
            t0 = time.perf_counter()
            try:
                theirs = se.evalf(n, subs=ssubs)
            except Exception:  # noqa: BLE001 - SymPy's failures count as disagreements
                theirs = None
            t_sympy += time.perf_counter() - t0
            tol = mp.mpf(10) ** (1 - n)
            with mp.workdps(2 * n + 60):
                if ours is None:
                    undecided += 1
                elif abs(mp.mpmathify(complex(ours) if n <= 15 else ours.mp) - r) > \
                        tol * abs(r) and not (r == 0 and ours == 0):
                    bad_ours += 1
                tv = _from_sympy(theirs)
                if tv is None or (abs(tv - r) > tol * abs(r) and not (r == 0 and tv == 0)):
                    bad_sympy += 1
        rows.append([str(n), str(compared), str(bad_ours), str(undecided), str(bad_sympy),
                     f"{t_ours:.2f} s", f"{t_sympy:.2f} s", f"{t_sympy / t_ours:.2f}x"])
    print(table(["digits", "compared", "symcalc wrong", "symcalc refused", "SymPy wrong",
                 "symcalc", "SymPy", "speed-up"], rows))


if __name__ == "__main__":
    main()
