"""``plot(expr, [expr2, ...], (x, a, b))``: curves drawn in the terminal with braille
dots (2×4 dots per character); :func:`save` writes them to an image file with matplotlib.

An expression never writes a file: ``plot(..., file=...)`` is refused. Saving goes
through explicit channels only, the REPL command ``:plot --out FILE ...`` and the
command line ``symcalc plot ... --out FILE``, which refuse to overwrite an existing file
unless told ``--force``.

Values are computed by the compiler on a NumPy grid, one sample per dot column.
The vertical range fits the finite values; when a few values dwarf the rest (poles,
as in tan or 1/x) it is cut to where most of them lie, and a jump across the whole
range is not joined. ``ylim=(lo, hi)`` fixes it.

>>> import symcalc as sc
>>> print(plot(sc.parse("x^2"), (sc.Symbol("x"), -1, 1), width=12, height=3))
 1 ┤⠹⣄⠀⠀⠀⠀⠁⠀⠀⠀⢀⡼
   ┤⠀⠘⢦⡀⠀⠀⠁⠀⠀⣠⠞⠀
 0 ┤⠀⠀⠀⠙⠦⣄⣁⡤⠞⠁⠀⠀
   └────────────
    -1         1
"""

from __future__ import annotations

import math
from typing import Any

from ..core import Expr, Symbol
from ..core.budget import check, check_nodes, operation
from ..errors import SymcalcError

# Bit of each dot in a braille cell, indexed [row][column] (rows top to bottom).
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
_COLORS = (34, 31, 32, 35, 36, 33)  # ANSI: blue, red, green, magenta, cyan, yellow


class PlotError(SymcalcError):
    """A plot that cannot be drawn: no range, too many variables, nothing finite."""


def _curves_and_range(args: tuple) -> tuple[list[Expr], Symbol, float, float]:
    curves: list[Expr] = []
    rng: tuple | None = None
    for a in args:
        if isinstance(a, tuple):
            if rng is not None or len(a) != 3 or not isinstance(a[0], Symbol):
                raise PlotError("plot: the range is one tuple (x, a, b)")
            rng = a
        elif isinstance(a, list):
            curves.extend(a)
        else:
            curves.append(a)
    if not curves:
        raise PlotError("plot: nothing to plot; write plot(expr, (x, a, b))")
    for c in curves:
        if not isinstance(c, Expr):
            raise PlotError(f"plot: cannot plot {c!r}")
    if rng is None:
        from ..core.traversal import free_symbols

        syms: set = set()
        for c in curves:
            syms |= free_symbols(c)
        if len(syms) > 1:
            names = ", ".join(sorted(str(s) for s in syms))
            raise PlotError(f"plot: several variables ({names}); give the range, "
                            "e.g. plot(e, (x, -3, 3))")
        x = syms.pop() if syms else Symbol("x")
        return curves, x, -5.0, 5.0
    x, a, b = rng
    try:
        lo, hi = float(a), float(b)
    except (TypeError, ValueError):
        raise PlotError("plot: the range ends must be numbers") from None
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise PlotError("plot: the range ends must be finite numbers")
    if not lo < hi:
        raise PlotError("plot: the range (x, a, b) needs a < b")
    return curves, x, lo, hi


def sample(e: Expr, x: Symbol, xs: Any) -> Any:
    """Values of ``e`` at the points ``xs`` as floats (NaN where undefined or complex)."""
    import numpy as np

    from ..core.traversal import free_symbols

    extra = free_symbols(e) - {x}
    if extra:
        raise PlotError(f"plot: {e} depends on {', '.join(sorted(map(str, extra)))} "
                        f"as well as {x}")
    with np.errstate(all="ignore"):
        try:
            from ..compile.api import compile as compile_expr

            ys = np.asarray(compile_expr(e, [x])(xs), dtype=complex)
        except Exception:
            ys = np.array([_point(e, x, v) for v in xs], dtype=complex)
        ys = np.broadcast_to(ys, xs.shape)
        real = np.where(np.abs(ys.imag) <= 1e-12 * (1 + np.abs(ys.real)), ys.real, np.nan)
        return np.where(np.isfinite(real), real, np.nan)


def _point(e: Expr, x: Symbol, v: float) -> complex:
    check()
    try:
        return complex(e.evalf({x: float(v)}))
    except Exception:
        return complex("nan")


def _ylim(ys_all: list[Any]) -> tuple[float, float]:
    import numpy as np

    finite = np.concatenate([y[np.isfinite(y)] for y in ys_all])
    if finite.size == 0:
        raise PlotError("plot: no finite values in the range")
    lo, hi = float(finite.min()), float(finite.max())
    q_lo, q_hi = (float(q) for q in np.quantile(finite, [0.05, 0.95]))
    spread = q_hi - q_lo
    if spread > 0 and hi - lo > 3 * spread:  # poles: keep where most values are
        lo, hi = max(lo, q_lo - spread / 4), min(hi, q_hi + spread / 4)
    if 0 < lo < 0.02 * (hi - lo):   # a minimum just above 0, as for x^2: start at 0
        lo = 0.0
    if 0 > hi > -0.02 * (hi - lo):
        hi = 0.0
    if hi - lo < 1e-12 * max(1.0, abs(hi)):   # flat: a band around the value
        d = max(1.0, 1e-6 * abs(hi))
        lo, hi = lo - d, hi + d
    return lo, hi


def _fmt(v: float) -> str:
    return f"{v:.4g}" if v != 0 else "0"


def _size(name: str, v: Any) -> int:
    """A width or height: a positive integer (an int or an Integer)."""
    n = v.value if isinstance(v, Expr) and v.is_Number else v
    if isinstance(n, bool) or not isinstance(n, int) or n <= 0:
        raise PlotError(f"plot: {name} must be a positive integer (characters), not {v}")
    return n


@operation("plotting")
def plot(*args: Any, file: str | None = None, width: int = 60, height: int = 15,
         ylim: Any = None, color: bool = False) -> str:
    """Draw curves of one variable; returns the drawing. (``file`` is refused: see
    :func:`save`.)"""
    import numpy as np

    if file is not None:
        raise PlotError("plot(...) only draws; to save it to a file use the REPL command "
                        ":plot --out FILE.png ... or the command line "
                        "symcalc plot ... --out FILE.png")
    curves, x, a, b = _curves_and_range(args)
    width, height = max(_size("width", width), 8), max(_size("height", height), 2)
    check_nodes(8 * width * height, f"{8 * width * height} dots in {width}x{height} "
                "characters")
    cols, rows = 2 * width, 4 * height
    xs = np.linspace(a, b, cols)
    ys_all = [sample(c, x, xs) for c in curves]
    if ylim is not None:
        lo, hi = float(ylim[0]), float(ylim[1])
    else:
        lo, hi = _ylim(ys_all)
    cell = [[0] * width for _ in range(height)]
    owner = [[-1] * width for _ in range(height)]

    def dot(c: int, r: int, k: int) -> None:
        if 0 <= c < cols and 0 <= r < rows:
            cell[r // 4][c // 2] |= _DOTS[r % 4][c % 2]
            if k >= 0:
                owner[r // 4][c // 2] = k

    def row_of(y: float) -> float:
        return (hi - y) / (hi - lo) * (rows - 1)

    if lo < 0 < hi:  # the x axis, dotted
        r0 = round(row_of(0.0))
        for c in range(0, cols, 4):
            dot(c, r0, -1)
    if a < 0 < b:  # the y axis, dotted
        c0 = round(-a / (b - a) * (cols - 1))
        for r in range(0, rows, 4):
            dot(c0, r, -1)
    for k, ys in enumerate(ys_all):
        prev: float | None = None
        prev_y = 0.0
        for c, y in enumerate(ys):
            if not np.isfinite(y):
                prev = None
                continue
            r = row_of(float(y))
            # a jump across the plot with a change of sign, or from above the top to
            # below the bottom, is a pole: not joined (no vertical bar)
            pole = prev is not None and (
                abs(r - prev) > rows / 2 and (y > 0) != (prev_y > 0)
                or min(r, prev) < -0.5 and max(r, prev) > rows - 0.5)
            prev_y = float(y)
            if prev is not None and not pole and abs(r - prev) < rows:  # join
                lo_r, hi_r = sorted((prev, r))
                for rr in range(max(round(lo_r), 0), min(round(hi_r), rows - 1) + 1):
                    dot(c, rr, k)
            if -0.5 <= r <= rows - 0.5:
                dot(c, round(r), k)
            prev = r
    labels = {0: _fmt(hi), height - 1: _fmt(lo)}
    if lo < 0 < hi:
        labels.setdefault(int(round(row_of(0.0))) // 4, "0")
    margin = max(len(s) for s in labels.values()) + 1
    lines = []
    for i in range(height):
        text = []
        for j in range(width):
            ch = chr(0x2800 + cell[i][j])
            if color and owner[i][j] >= 0:
                ch = f"\x1b[{_COLORS[owner[i][j] % len(_COLORS)]}m{ch}\x1b[0m"
            text.append(ch)
        lines.append(labels.get(i, "").rjust(margin) + " ┤" + "".join(text))
    lines.append(" " * margin + " └" + "─" * width)
    left, right = _fmt(a), _fmt(b)
    lines.append(" " * (margin + 2) + left + right.rjust(width - len(left)))
    if len(curves) > 1:
        from ..printing.str import sstr

        keys = []
        for k, c in enumerate(curves):
            mark = f"\x1b[{_COLORS[k % len(_COLORS)]}m━━\x1b[0m" if color else f"{k + 1}:"
            keys.append(f"{mark} {sstr(c)}")
        lines.append(" " * (margin + 2) + "   ".join(keys))
    return "\n".join(lines)


#: The image formats :func:`save` writes (by the file's extension).
FORMATS = (".png", ".svg", ".pdf")


def save(path: str, *args: Any, force: bool = False, ylim: Any = None, **ignored: Any
         ) -> str:
    """Save the curves of ``plot(*args)`` as an image (PNG, SVG or PDF, by the
    extension of ``path``); an existing file is overwritten only with ``force``.
    Returns a line saying where the image went."""
    import os

    path = os.fspath(path)
    ext = os.path.splitext(path)[1].lower()
    if ext not in FORMATS:
        raise PlotError(f"cannot save a plot as {path!r}: the file name must end in "
                        f"{', '.join(FORMATS)}")
    if os.path.lexists(path) and not force:
        raise PlotError(f"{path} exists; add --force to overwrite it")
    if os.path.isdir(path):
        raise PlotError(f"{path} is a directory")
    curves, x, a, b = _curves_and_range(args)
    return _save_image(curves, x, a, b, path, ylim, force)


def _save_image(curves: list[Expr], x: Symbol, a: float, b: float, file: str,
                ylim: Any, force: bool) -> str:
    data = figure_bytes(curves, x, a, b, file.rsplit(".", 1)[1].lower(), ylim)
    try:
        # "x": never replace a file that appeared since the check (unless forced)
        with open(file, "wb" if force else "xb") as f:
            f.write(data)
    except FileExistsError:
        raise PlotError(f"{file} exists; add --force to overwrite it") from None
    except OSError as e:
        raise PlotError(f"cannot write {file}: {e.strerror or e}") from None
    return f"saved {file}"


def figure_bytes(curves: list[Expr], x: Symbol, a: float, b: float, fmt: str = "png",
                 ylim: Any = None) -> bytes:
    """The curves drawn by matplotlib, as the bytes of a ``fmt`` (png, svg, pdf) image
    (for files and for notebooks)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise PlotError("saving a plot needs matplotlib: pip install matplotlib") from None
    import io

    import numpy as np

    from ..printing.latex import latex
    from ..printing.str import sstr

    xs = np.linspace(a, b, 801)
    ys_all = [sample(c, x, xs) for c in curves]
    if ylim is None:
        lo, hi = _ylim(ys_all)
        pad = 0.05 * (hi - lo)
        ylim = (lo - pad, hi + pad)
    for k, ys in enumerate(ys_all):   # a pole: a gap, not a vertical line
        jump = np.abs(np.diff(ys)) > 2 * (float(ylim[1]) - float(ylim[0]))
        ys = ys.copy()
        ys[1:][jump] = np.nan
        ys_all[k] = ys
    for label in (lambda e: f"${latex(e)}$", sstr):  # plain text if mathtext fails
        fig, ax = plt.subplots(figsize=(6.4, 4.0))
        try:
            for c, ys in zip(curves, ys_all):
                ax.plot(xs, ys, label=label(c))
            ax.set_ylim(float(ylim[0]), float(ylim[1]))
            ax.axhline(0, color="0.7", lw=0.8)
            ax.set_xlabel(label(x))
            ax.legend()
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=120 if fmt == "png" else "figure",
                        bbox_inches="tight")
            return buf.getvalue()
        except ValueError:
            if label is sstr:
                raise
        finally:
            plt.close(fig)
    raise AssertionError("unreachable")  # pragma: no cover
