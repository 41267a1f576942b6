"""simplify on derivatives of antiderivatives: a fixed sample of 100 problems (issue 19).

A local stand-in for the held-out set of the issue (100 derivative-of-antiderivative
problems; target: all 100 in <= 10 s on the project machine, none slower than 2 s, at
least 92 within 1.5x of the integrand's leaf count). The sample is drawn from
``shared/data/integrals/*.jsonl`` deterministically: the 100 distinct problems with the smallest
CRC-32 of their id (``--min-leaves 12`` keeps only those whose optimal antiderivative
has at least 12 leaves: a harder set). For
each: ``s = simplify(diff(optimal, x))``, timed; ``s`` is checked against the integrand
numerically (mpmath) and its leaf count compared with the integrand's.

    python bench/simplify_dd.py             # the summary and the slowest problems
    python bench/simplify_dd.py --n 50      # a smaller sample
    python bench/simplify_dd.py --profile   # cProfile of the whole run (top 30)
    python bench/simplify_dd.py --offset 100  # a disjoint sample: the next 100 problems
    python bench/simplify_dd.py --cpu-clock # deadlines read from the CPU clock

simplify's timeout is a wall-clock deadline: on a loaded machine it does less work in
it. The CPU time (``time.process_time``) is printed beside the wall time; compare runs
made under the same load, or use ``--cpu-clock``, which makes every deadline of the
budget read the CPU clock of the process (a load-independent measure of quality).
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib

from _util import corpus_rows, fmt_time
from simplify_quality import RATIO, evaluate

from symcalc.errors import LimitError
from symcalc.parse import parse


def sample(n: int, min_leaves: int, offset: int = 0) -> list[dict]:
    rows = []
    seen = set()
    for r in corpus_rows():
        if r["id"] in seen:  # rubi-chapters-600 repeats rows of rubi-chapters
            continue
        seen.add(r["id"])
        try:
            if parse(r["optimal"]).count_ops() < min_leaves:
                continue
        except Exception:  # noqa: BLE001 - rows symcalc cannot parse are not sampled
            continue
        rows.append(r)
    rows.sort(key=lambda r: zlib.crc32(r["id"].encode()))
    return rows[offset:offset + n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--min-leaves", type=int, default=0)
    ap.add_argument("--slowest", type=int, default=10)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--offset", type=int, default=0,
                    help="skip this many problems of the CRC order (a disjoint sample)")
    ap.add_argument("--cpu-clock", action="store_true",
                    help="deadlines read from the process's CPU clock, not wall time")
    ap.add_argument("--timeout", type=float, default=None,
                    help="simplify's timeout (default: its own)")
    args = ap.parse_args(argv)
    import simplify_quality

    if args.cpu_clock:
        import symcalc.core.budget as budget_module

        budget_module.perf_counter = time.process_time

    from symcalc.algebra.simplify import simplify

    cpu: list[float] = []
    over_budget: list = []
    kw = {} if args.timeout is None else {"timeout": args.timeout}

    def timed(e):  # noqa: ANN001, ANN202 - simplify, with its CPU time recorded
        t0 = time.process_time()
        try:
            return simplify(e, **kw)
        except LimitError:
            over_budget.append(e)
            return e
        finally:
            cpu.append(time.process_time() - t0)

    simplify_quality.simplify = timed
    rows = sample(args.n, args.min_leaves, args.offset)
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
    t0 = time.perf_counter()
    results = [evaluate(r) for r in rows]
    wall = time.perf_counter() - t0
    if args.profile:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    for r, c in zip(results, cpu):
        r["cpu"] = c
    simp = sum(r["time"] for r in results)
    within = sum(1 for r in results if r["within"] and r["equivalent"] is not False)
    wrong = [r for r in results if r["equivalent"] is False]
    over2 = [r for r in results if r["time"] > 2.0]
    print(f"problems: {len(results)}")
    print(f"simplify time, all: {simp:.2f} s wall, {sum(cpu):.2f} s CPU "
          f"(wall with diff and checks {wall:.2f} s)")
    print(f"slowest: {fmt_time(max(r['time'] for r in results))}; over 2 s: {len(over2)} "
          f"(CPU: slowest {fmt_time(max(r['cpu'] for r in results))}, over 2 s: "
          f"{sum(1 for r in results if r['cpu'] > 2.0)})")
    print(f"within {RATIO}x of the integrand: {within}")
    print(f"not equivalent: {len(wrong)}")
    if over_budget:
        print(f"past the budget (LimitError, counted unsimplified): {len(over_budget)}")
    for r in wrong:
        print(f"  WRONG {r['id']}: {r['integrand']}  <-  {r['simplified']}")
    print(f"\nslowest {args.slowest}:")
    for r in sorted(results, key=lambda r: -r["time"])[:args.slowest]:
        print(f"  {r['id']}: {fmt_time(r['time'])} ({fmt_time(r['cpu'])} CPU), "
              f"{r['derivative'].count_ops()} -> "
              f"{r['leaves']} leaves (integrand {r['integrand_leaves']})")
    bad = sorted((r for r in results if not r["within"]), key=lambda r: -r["ratio"])
    print(f"\nbeyond {RATIO}x ({len(bad)}):")
    for r in bad:
        shown = str(r["simplified"])
        shown = shown if len(shown) <= 160 else shown[:160] + " ..."
        print(f"  {r['id']} ({r['ratio']:.2f}x): {r['integrand']}  <-  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
