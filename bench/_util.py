"""Shared helpers for the benchmark scripts: timing and table printing."""

from __future__ import annotations

import gc
import os
import sys
import time

try:  # run from a checkout without installing
    import symcalc  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from collections.abc import Callable
from typing import Any

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: The shared corpus: next to the checkout, inside it, or where SYMCALC_DATA points.
DATA = next((d for d in (os.environ.get("SYMCALC_DATA", ""),
                         os.path.join(_ROOT, "..", "shared", "data", "integrals"),
                         os.path.join(_ROOT, "shared", "data", "integrals"),
                         os.path.join(_ROOT, "..", "..", "shared", "data", "integrals"))
             if d and os.path.isdir(d)),
            os.path.join(_ROOT, "..", "shared", "data", "integrals"))


def corpus_rows() -> list[dict]:
    """Every problem of the shared textbook corpus (``shared/data/integrals/*.jsonl``)."""
    import json

    rows = []
    for name in sorted(os.listdir(DATA)):
        if name.endswith(".jsonl"):
            with open(os.path.join(DATA, name), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        row = json.loads(line)
                        row["file"] = name
                        rows.append(row)
    return rows


def best_time(fn: Callable[[], Any], repeat: int = 5, setup: Callable[[], Any] | None = None,
              budget: float = 20.0) -> float:
    """Best wall time of ``fn()`` over ``repeat`` runs (fewer if one run exceeds budget/repeat).

    The result is released after the clock stops: construction is timed, not the freeing
    of the previous result (SymPy's cache frees it in ``setup``, outside the clock, too).
    """
    best = float("inf")
    spent = 0.0
    for _ in range(repeat):
        if setup is not None:
            setup()
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t0
        del result
        best = min(best, dt)
        spent += dt
        if spent > budget:
            break
    return best


def fmt_time(t: float | None) -> str:
    if t is None:
        return "—"
    if t < 1e-3:
        return f"{t * 1e6:.1f} µs"
    if t < 1:
        return f"{t * 1e3:.2f} ms"
    return f"{t:.2f} s"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [headers] + rows) for i in range(len(headers))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(headers), sep] + [line(r) for r in rows])


def ratio(other: float | None, ours: float) -> str:
    return "—" if other is None else f"{other / ours:.1f}×"
