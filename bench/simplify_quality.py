"""Quality of simplify on the textbook integration corpus (issue 5's acceptance measure).

For every problem of ``shared/data/integrals/*.jsonl``: ``s = simplify(diff(optimal, x))``
must equal the integrand numerically (mpmath, relative tolerance 1e-8, at random points
where both sides are defined and real) and its leaf count must be at most 1.5 times the
integrand's. The acceptance criterion is: within 1.5x for at least 80 % of problems.
Problems whose derivative cannot be evaluated (unknown special functions such as Ei) are
counted in "within 1.5x" when small enough, and excluded from "within, checked".

    python bench/simplify_quality.py            # the table per file
    python bench/simplify_quality.py --verbose  # and the worst failures
    python bench/simplify_quality.py --limit 40 --id Stewart-0063
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import zlib

import mpmath as mp
from _util import corpus_rows, fmt_time, table

import symcalc as sc
from symcalc.algebra.simplify import simplify
from symcalc.calculus.diff import diff
from symcalc.core import REGISTRY
from symcalc.parse import parse

mp.mp.dps = 30
RATIO = 1.5


# --------------------------------------------------------------------------- numerics


def mp_value(e: sc.Expr, env: dict) -> mp.mpf | mp.mpc | None:
    """The value of ``e`` at ``env`` (Symbol -> mpf) with mpmath, None where undefined."""
    memo: dict[int, object] = {}
    try:
        for node in e.postorder():
            memo[id(node)] = _node_value(node, [memo[id(a)] for a in node.args], env)
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, KeyError):
        return None
    v = memo[id(e)]
    if isinstance(v, mp.mpc) and abs(v.imag) <= 1e-25 * max(1, abs(v.real)):
        v = v.real
    return v


def _node_value(e: sc.Expr, args: list, env: dict):
    if e.is_Number:
        v = e.value
        return mp.mpf(v.numerator) / v.denominator if hasattr(v, "numerator") \
            and not isinstance(v, int) else mp.mpf(v)
    if e.is_Symbol:
        return env[e]
    if e.is_Atom:
        return {"pi": mp.pi, "E": mp.e}[e.name]
    if e.is_Add:
        return mp.fsum(args)
    if e.is_Mul:
        r = mp.mpf(1)
        for a in args:
            r *= a
        return r
    if e.is_Pow:
        b, k = args
        if b == 0:
            if mp.re(k) <= 0:
                raise ZeroDivisionError
            return mp.mpf(0)
        return mp.power(b, k)
    if e.is_Function:
        impl = REGISTRY[e.fdef.name].mpmath
        if impl is None:
            raise ValueError(e.fdef.name)
        if isinstance(impl, str):
            return getattr(mp, impl)(*args)
        return impl(mp, *args)
    raise TypeError(e.head)


def equivalent(a: sc.Expr, b: sc.Expr, var: sc.Symbol, seed: int, tries: int = 16,
               need: int = 4) -> bool | None:
    """True/False when ``a`` and ``b`` agree/disagree at random real points where both
    are defined and real; None when too few such points were found."""
    rng = random.Random(seed)
    syms = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    good = 0
    for i in range(tries):
        env = {}
        for s in syms:
            if s is var:
                v = rng.uniform(0.05, 2.5) if i % 3 else rng.uniform(-2.5, 2.5)
            else:
                v = rng.uniform(0.3, 2.0)
            env[s] = mp.mpf(v)
        va, vb = mp_value(a, env), mp_value(b, env)
        if va is None or vb is None or isinstance(va, mp.mpc) or isinstance(vb, mp.mpc):
            continue
        if not (mp.isfinite(va) and mp.isfinite(vb)):
            continue
        if abs(va - vb) > 1e-8 * max(1, abs(va), abs(vb)):
            return False
        good += 1
        if good >= need:
            return True
    return True if good else None


# --------------------------------------------------------------------------- corpus


def evaluate(row: dict) -> dict:
    var = sc.Symbol(row.get("var", "x"))
    f = parse(row["integrand"])
    d = diff(parse(row["optimal"]), var)
    t0 = time.perf_counter()
    s = simplify(d)
    dt = time.perf_counter() - t0
    eq = True if s is f else equivalent(s, f, var, seed=zlib.crc32(row["id"].encode()))
    lf, ls = f.count_ops(), s.count_ops()
    return {"id": row["id"], "file": row["file"], "integrand": f, "derivative": d,
            "simplified": s, "equivalent": eq, "leaves": ls, "integrand_leaves": lf,
            "ratio": ls / lf, "within": ls <= RATIO * lf, "time": dt}


def summarize(results: list[dict]) -> list[str]:
    n = len(results)
    eq = sum(1 for r in results if r["equivalent"] is not False)
    within = sum(1 for r in results if r["within"] and r["equivalent"] is not False)
    strict = sum(1 for r in results if r["within"] and r["equivalent"] is True)
    unchecked = sum(1 for r in results if r["equivalent"] is None)
    med = statistics.median(r["time"] for r in results) if results else 0.0
    return [str(n), f"{100 * eq / n:.1f} %", str(unchecked), f"{100 * within / n:.1f} %",
            f"{100 * strict / n:.1f} %", fmt_time(med)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true", help="list the worst failures")
    ap.add_argument("--worst", type=int, default=25, help="how many failures to list")
    ap.add_argument("--limit", type=int, default=0, help="only the first N problems per file")
    ap.add_argument("--id", action="append", default=[], help="only these problem ids")
    args = ap.parse_args(argv)

    rows = corpus_rows()
    if args.id:
        rows = [r for r in rows if r["id"] in args.id]
    if args.limit:
        per: dict[str, int] = {}
        kept = []
        for r in rows:
            per[r["file"]] = per.get(r["file"], 0) + 1
            if per[r["file"]] <= args.limit:
                kept.append(r)
        rows = kept
    t0 = time.perf_counter()
    results = [evaluate(r) for r in rows]
    total = time.perf_counter() - t0
    files = sorted({r["file"] for r in results})
    body = [[f] + summarize([r for r in results if r["file"] == f]) for f in files]
    body.append(["total"] + summarize(results))
    print(table(["file", "problems", "equivalent", "unchecked", "within 1.5x",
                 "within, checked", "median time"], body))
    print("equivalent: no disagreement at random real points; unchecked: too few points "
          "where both\nsides are real and evaluable (e.g. Ei'(t), the derivative of an "
          "unknown function),\ncounted as equivalent in 'within 1.5x' but not in "
          "'within, checked'.")
    print(f"\nwall time {total:.1f} s; slowest problem "
          f"{max(results, key=lambda r: r['time'])['id']} "
          f"({fmt_time(max(r['time'] for r in results))})")
    wrong = [r for r in results if r["equivalent"] is False]
    if wrong:
        print(f"\nNOT EQUIVALENT ({len(wrong)}):")
        for r in wrong:
            print(f"  {r['id']}: {r['integrand']}  <-  {r['simplified']}")
    if args.verbose:
        bad = sorted((r for r in results if not r["within"]), key=lambda r: -r["ratio"])
        print(f"\nworst {min(args.worst, len(bad))} of {len(bad)} beyond {RATIO}x:")
        for r in bad[:args.worst]:
            print(f"  {r['id']} ({r['ratio']:.2f}x, {fmt_time(r['time'])}): "
                  f"{r['integrand']}  <-  {r['simplified']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
