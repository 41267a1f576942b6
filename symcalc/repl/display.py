"""How the REPL and the command line show values: expressions, lists, matrices as
aligned grids, optimizer results as a short table, and JSON for scripts.

``show(value, mode)`` returns text; ``mode`` is ``"pretty"`` (unicode 2D layout),
``"text"`` (the canonical one-line syntax, which parses back) or ``"latex"``.

>>> import symcalc as sc
>>> x, y = sc.symbols("x y")
>>> print(show(x**2/2, "text"))
x^2/2
>>> print(show([x**2, 1/x], "pretty"))
[x², 1/x]
>>> print(show(sc.hessian(x**3*y, [x, y]), "text"))
[6*x*y  3*x^2]
[3*x^2      0]
"""

from __future__ import annotations

import json
from typing import Any

from ..core import Expr
from ..core.matrix import Matrix


def _pretty(e: Any, oneline: bool = False, ascending: bool | str = "auto") -> str:
    from ..printing.pretty import pretty

    return pretty(e, oneline=oneline, ascending=ascending)


def _text(e: Any) -> str:
    from ..printing.str import sstr

    return sstr(e)


def _latex(e: Any) -> str:
    from ..printing.latex import latex

    return latex(e)


def show(value: Any, mode: str = "pretty", oneline: bool = False,
         series: Any = False, width: int | None = None) -> str:
    """``value`` as text for the terminal, in ``mode`` (pretty, text or latex);
    ``series``: a sum in one variable by ascending powers (pretty mode); ``width``:
    the terminal's width, which pretty 2D output is fitted to (:func:`fit`)."""
    if isinstance(value, str):
        return value
    if width and mode == "pretty" and not oneline:
        return fit(value, width, series)
    if isinstance(value, Expr):
        if mode == "latex":
            return _latex(value)
        if mode == "pretty" and isinstance(series, tuple):
            text = _series_text(value, series, oneline)
            if text is not None:
                return text
        return _text(value) if mode == "text" else \
            _pretty(value, oneline, True if series else "auto")
    if _is_critical_points(value):
        return critical_table(value, mode)
    if getattr(value, "is_shaped", False):  # a vector or matrix expression: 2 Xᵀ(X w - y)
        from ..tensor.printing import tlatex, tpretty, tstr

        return tlatex(value) if mode == "latex" else tstr(value) if mode == "text" \
            else tpretty(value)
    if isinstance(value, Matrix):
        if mode == "latex":
            return _latex(value)
        if oneline:
            return str(value)
        return _pretty(value) if mode == "pretty" else grid(value)
    if isinstance(value, (list, tuple)):
        if mode == "latex":
            inner = ", ".join(show(v, "latex") for v in value)
            return rf"\left[{inner}\right]" if isinstance(value, list) else \
                rf"\left({inner}\right)"
        items = [show(v, mode, oneline=True) for v in value]
        if mode == "pretty" and isinstance(value, list):
            items = _same_factors(value, items)
        if isinstance(value, tuple) and hasattr(value, "_fields"):   # a named tuple
            return type(value).__name__ + "(" + ", ".join(
                f"{k}={v}" for k, v in zip(value._fields, items)) + ")"
        if isinstance(value, tuple):
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        return "[" + ", ".join(items) + "]"
    if _is_optimize_result(value):
        return optimize_table(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def fit(value: Any, width: int, series: Any = False) -> str:
    """Pretty output no wider than ``width``: a sum is broken between terms; a layout
    still too wide becomes one line broken at operators (:func:`break_line`); a matrix
    too wide is listed entry by entry; a list item by item. The 2D layout is never
    cut in the middle."""
    if isinstance(value, Expr):
        text = None
        if isinstance(series, tuple):
            text = _series_text(value, series, False, width)
        if text is None:
            text = _pretty_width(value, width, series)
        if _widest(text) <= width:
            return text
        return break_line(_pretty(value, True, True if series else "auto"), width)
    if isinstance(value, Matrix):
        text = show(value, "pretty")
        if _widest(text) <= width:
            return text
        rows = value.rows
        out = [f"{len(rows)}×{len(rows[0]) if rows else 0} matrix, entry by entry "
               "(too wide for the terminal):"]
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                label = f"[{i + 1}, {j + 1}]  "
                entry = fit(v, max(width - len(label), 20))
                pad = " " * len(label)
                out += [(label if k == 0 else pad) + line
                        for k, line in enumerate(entry.splitlines())]
        return "\n".join(out)
    text = show(value, "pretty")
    if _widest(text) <= width or "\n" in text:
        return text
    if isinstance(value, list) and value:     # one item a line (or more), in brackets
        out = []
        for k, v in enumerate(value):
            item = break_line(show(v, "pretty", oneline=True), max(width - 2, 20))
            item += "]" if k == len(value) - 1 else ","
            out += [("[" if k == 0 and n == 0 else " ") + line
                    for n, line in enumerate(item.splitlines())]
        return "\n".join(out)
    return break_line(text, width)


def series_terms(e: Expr, x: Any, x0: Any) -> list[Expr] | None:
    """The terms of a series in ``x - x0`` (x0 not 0: a series at 0 prints well as it
    is), grouped by the power of ``x - x0`` and in ascending order, written with a
    symbol ``_series_t_`` for ``x - x0`` (which the printer shows as ``(x - x0)``):
    ``sin(a) + cos(a)*t - sin(a)*t^2/2``; None when ``e`` is not a sum of powers of
    ``x - x0`` with coefficients free of ``x``."""
    from fractions import Fraction

    from ..core import Symbol, as_expr
    from ..core.expand import expand
    from ..core.traversal import free_symbols

    try:
        x0 = as_expr(x0)
    except (TypeError, ValueError):
        return None
    from ..core import oo

    if not isinstance(x, Symbol) or x0.is_zero() or x0 is oo or x0 is -oo \
            or x in free_symbols(x0) or leaf_count(e) > 2000:
        return None
    t = Symbol("_series_t_")
    p = expand(e.subs({x: t + x0}))
    groups: dict[Any, list[Expr]] = {}
    for term in (p._args if p.is_Add else (p,)):
        k: Any = 0
        for f in (term._factors if term.is_Mul else (term,)):
            if f is t:
                k = 1
            elif f.is_Pow and f._args[0] is t and f._args[1].is_Number:
                k = f._args[1].value
        coeff = term / (t ** k) if k else term
        if free_symbols(coeff) & {x, t} or not isinstance(k, (int, Fraction)):
            return None
        groups.setdefault(k, []).append(coeff)
    out = []
    for k in sorted(groups):
        c = groups[k][0]
        for more in groups[k][1:]:
            c = c + more
        if not c.is_zero():
            out.append(c if k == 0 else c * t ** k)   # t: shown as (x - x0)
    return out if len(out) > 1 else None


def leaf_count(e: Expr) -> int:
    from ..core.traversal import leaf_count as count

    return count(e)


def _series_text(e: Expr, series: tuple, oneline: bool, width: int | None = None
                 ) -> str | None:
    from ..printing.pretty import pretty_terms

    terms = series_terms(e, *series)
    if terms is None:
        return None
    x, x0 = series
    shift = "(" + _pretty(x - x0, True) + ")"
    return pretty_terms(terms, oneline=oneline, width=width, rename={"_series_t_": shift})


def _pretty_width(e: Expr, width: int, series: Any) -> str:
    from ..printing.pretty import pretty

    return pretty(e, width=width, ascending=True if series else "auto")


def _widest(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


_BREAKS = (" + ", " - ", ", ", "·", "/")


def break_line(text: str, width: int) -> str:
    """One line broken to ``width``: before `` + `` and `` - ``, after ``, `` (at the
    outermost brackets first), else at ``·`` or ``/``; continuation lines indented.

    >>> print(break_line("a + b·c - d, e", 8))
    a + b·c
      - d, e
    """
    lines: list[str] = []
    indent = ""
    rest = text
    while len(indent) + len(rest) > width:
        room = width - len(indent)
        cut = _cut(rest, room)
        if cut <= 0:
            break
        lines.append(indent + rest[:cut].rstrip())
        rest = rest[cut:].lstrip(" ")
        indent = "  "
    lines.append(indent + rest)
    return "\n".join(lines)


def _cut(s: str, room: int) -> int:
    """Where to break ``s`` so that the first part fits in ``room``: at the lowest
    bracket depth that has a break point, the last `` + `` or `` - `` (or ``, ``)
    that fills at least half the line, else the last break point of any kind."""
    depth = 0
    found: list[tuple[int, int, int]] = []     # (depth, sum or comma?, position)
    for i, c in enumerate(s):
        if i > room:
            break
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        for b in _BREAKS:
            if i > 0 and s.startswith(b, i):
                at = i + len(b) if b in (", ", "·", "/") else i
                if at <= room:
                    found.append((depth, b in (" + ", " - ", ", "), at))
    if not found:
        return 0
    low = min(d for d, _, _ in found)
    good = [at for d, plus, at in found if d == low and plus and at >= room // 2]
    return max(good) if good else max(at for d, _, at in found if d == low)


def _same_factors(values: list, items: list[str]) -> list[str]:
    """The entries of a list (a gradient) written with the same factors: where one
    entry is ``2·x·(b + w·x - y)`` and another the expanded ``2·b + 2·w·x - 2·y``, the
    latter is shown as ``2·(b + w·x - y)`` (only shown so)."""
    from ..core.expand import expand

    sums = []
    for v in values:
        if isinstance(v, Expr) and v.is_Mul:
            sums += [f for f in v._factors if f.is_Add and f not in sums and len(f._args) > 1]
    if not sums:
        return items
    out = list(items)
    for k, v in enumerate(values):
        if not (isinstance(v, Expr) and v.is_Add) or len(v._args) > 50:
            continue
        for a in sums:
            if len(a._args) != len(v._args):
                continue
            c = v._args[0] / a._args[0]
            if not c.is_Number or c.value == 0:
                # the first terms may be ordered differently: try each term of a
                c = next((q for q in (v._args[0] / t for t in a._args) if q.is_Number), None)
                if c is None:
                    continue
            if c.value != 1 and expand(c * a) is v:
                inner = _pretty(a, True)
                out[k] = f"-({inner})" if c.value == -1 else f"{_pretty(c, True)}·({inner})"
                break
    return out


def _is_critical_points(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(
        isinstance(p, tuple) and getattr(p, "_fields", None) == ("point", "kind") for p in v)


def critical_table(points: list, mode: str = "pretty") -> str:
    """Critical points, one a line: the point and its kind."""
    shown = [show(p.point[0] if len(p.point) == 1 else tuple(p.point),
                  mode if mode != "latex" else "text", oneline=True) for p in points]
    width = max(len(s) for s in shown)
    return "\n".join(f"{s.ljust(width)}  {p.kind}" for s, p in zip(shown, points))


def grid(m: Matrix) -> str:
    """A matrix as rows of right-aligned cells in brackets (plain text)."""
    cells = [[_text(v) for v in row] for row in m.rows]
    if not cells or not cells[0]:
        return "[]"
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))]
    return "\n".join("[" + "  ".join(c.rjust(w) for c, w in zip(row, widths)) + "]"
                     for row in cells)


def _is_optimize_result(v: Any) -> bool:
    return all(hasattr(v, a) for a in ("x", "fun", "nit", "success", "vars"))


def optimize_table(r: Any) -> str:
    """An optimizer result as a short table: the point, the value, the status."""
    rows: list[tuple[str, str]] = []
    xs = list(getattr(r, "x", []))
    for name, val in zip(r.vars, xs):
        rows.append((str(name), f"{float(val):.10g}"))
    rows.append(("f", f"{float(r.fun):.10g}"))
    grad = getattr(r, "grad", None)
    if grad is not None and getattr(grad, "size", 0):
        rows.append(("max |grad|", f"{max(abs(float(g)) for g in grad):.3g}"))
    steps = f"{r.nit}"
    if getattr(r, "nfev", None) is not None:
        steps += f" ({r.nfev} evaluations)"
    rows.append(("steps", steps))
    message = str(getattr(r, "message", "")) or ("converged" if r.success else "not converged")
    head = f"{getattr(r, 'method', 'minimize')}: {message}"
    width = max(len(k) for k, _ in rows)
    return "\n".join([head] + [f"  {k.ljust(width)}  {v}" for k, v in rows])


def to_json(value: Any) -> Any:
    """A JSON-ready form of a value: expressions as their canonical text."""
    if isinstance(value, Expr):
        return {"result": _text(value), "latex": _latex(value)}
    if isinstance(value, Matrix):
        return {"result": [[_text(v) for v in row] for row in value.rows],
                "latex": _latex(value)}
    if isinstance(value, (list, tuple)):
        return {"result": [_json_item(v) for v in value]}
    if _is_optimize_result(value):
        return {"result": {"x": {str(k): float(v) for k, v in zip(value.vars, value.x)},
                           "fun": float(value.fun), "success": bool(value.success),
                           "nit": int(value.nit), "method": str(getattr(value, "method", "")),
                           "message": str(getattr(value, "message", ""))}}
    if isinstance(value, (bool, int, float, str)) or value is None:
        return {"result": value}
    return {"result": str(value)}


def _json_item(v: Any) -> Any:
    if isinstance(v, Expr):
        return _text(v)
    if isinstance(v, (list, tuple)):
        return [_json_item(u) for u in v]
    if isinstance(v, Matrix):
        return [[_text(u) for u in row] for row in v.rows]
    if isinstance(v, (bool, int, float, str)) or v is None:
        return v
    return str(v)


def dumps(obj: Any) -> str:
    """One line of JSON."""
    return json.dumps(obj, ensure_ascii=False)
