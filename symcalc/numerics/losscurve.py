"""A loss curve drawn in the terminal (``History.plot()``, the REPL's ``plot(r)``).

>>> print(loss_curve([4.0, 2.0, 1.0, 0.5], width=20, height=4))
  loss  4 ┤*
          │
          │      *
      0.5 ┤             *     *
           0                  3
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def loss_curve(fun: Sequence[float], *, width: int = 60, height: int = 12,
               val: Any = None, log: bool = False) -> str:
    """``fun`` (and the validation losses ``val``, drawn as ``o``) against their index."""
    import math

    ys = [float(v) for v in fun]
    series = [(ys, "*")] + ([([float(v) for v in val], "o")] if val is not None else [])
    finite = [v for s, _ in series for v in s if math.isfinite(v)]
    if not finite or width < 2 or height < 2:
        return "(nothing to plot)"
    tr = (lambda v: math.log10(v)) if log and min(finite) > 0 else (lambda v: v)
    lo, hi = min(map(tr, finite)), max(map(tr, finite))
    span = hi - lo or 1.0
    n = max(len(s) for s, _ in series)
    grid = [[" "] * width for _ in range(height)]
    for s, mark in series:
        for i, v in enumerate(s):
            if not math.isfinite(v):
                continue
            c = round(i * (width - 1) / max(n - 1, 1))
            r = round((hi - tr(v)) * (height - 1) / span)
            grid[r][c] = mark
    top, bot = f"{max(finite):.4g}", f"{min(finite):.4g}"
    w = max(len(top), len(bot)) + 6
    lines = []
    for r, row in enumerate(grid):
        label = ("loss  " + top) if r == 0 else bot if r == height - 1 else ""
        tick = "┤" if r in (0, height - 1) else "│"
        lines.append(f"{label:>{w}} {tick}{''.join(row).rstrip()}")
    lines.append(" " * (w + 2) + "0".ljust(width - len(str(n - 1))) + str(n - 1))
    return "\n".join(lines)
