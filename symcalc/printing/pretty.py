"""Pretty printing for terminals: two-dimensional layout, or one line of unicode.

The 2D form is built from :class:`Box` values (lines of equal width plus a baseline)
that are glued side by side with their baselines aligned, or stacked for fractions.
Integer powers use superscript digits (``x²``), exponents that are not positive
integers are raised, and quotients are stacked over a ``─`` bar:

>>> from symcalc import symbols, cos, sqrt
>>> x = symbols("x")
>>> print(pretty(2*x*cos(x**2)))
2·x·cos(x²)
>>> print(pretty((x**2 + 1) / (x - 1)))
x² + 1
──────
x - 1
>>> print(pretty((x + 1) / sqrt(x), oneline=True))
(x + 1)/√x

Conventions: ``e`` for Euler's number (``exp(x)`` is ``e`` with a raised ``x`` in 2D
and ``exp(x)`` on one line), ``π``, ``∞``, ``σ(x)`` for sigmoid, ``θ(x)`` for heaviside,
``|x|``, ``√x`` and ``∛x`` for roots of atoms, ``√`` with an overbar for compound
radicands, ``x^(3/2)`` for other exponents on one line. Exponents in 2D are set on one
line above the base. ``use_unicode=False`` gives the same layout in ASCII (``*``,
``^``, ``sqrt``, ``-`` bars). Only a top-level sum is wrapped at ``width``.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ..core.bigint import int_to_digits
from ..core.expr import Expr, as_expr
from ..core.matrix import Matrix
from ..core.numbers import oo
from .common import (
    POWER_ON_NAME,
    greek_unicode,
    printed_args,
    split_name,
    split_quotient,
)
from .printer import PREC_ADD, PREC_ATOM, PREC_MUL, PREC_NEG, PREC_POW, Printer
from .str import format_float, rational_text

PREC_PIECEWISE = PREC_ADD + 1

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUBSCRIPT = dict(zip("0123456789aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
_ROOT_SIGNS = {2: "√", 3: "∛", 4: "∜"}
#: A 2D layout of more characters than this (deeply nested fractions make layouts
#: quadratic in the depth) is printed on one line instead.
MAX_CELLS = 1 << 22

#: Extra printers registered by other modules: class -> fn(printer, expr) -> (Box, prec).
PRETTY_PRINTERS: dict[type, Callable[[PrettyPrinter, Expr], tuple[Box, int]]] = {}


# =========================================================================== boxes


class Box:
    """A rectangle of text: lines of equal width and the index of the baseline row."""

    __slots__ = ("lines", "baseline")

    def __init__(self, lines: list[str], baseline: int = 0) -> None:
        w = max((len(s) for s in lines), default=0)
        if w * len(lines) > MAX_CELLS and len(lines) > 1:
            raise _TooBig()
        self.lines = [s.ljust(w) for s in lines]
        self.baseline = baseline

    @property
    def width(self) -> int:
        return len(self.lines[0]) if self.lines else 0

    @property
    def height(self) -> int:
        return len(self.lines)

    def render(self) -> str:
        return "\n".join(s.rstrip() for s in self.lines)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Box({self.lines!r}, {self.baseline})"


def text(s: str) -> Box:
    return Box([s], 0)


class _TooBig(Exception):
    """A 2D layout beyond MAX_CELLS: :func:`pretty` falls back to one line."""


def hcat(*boxes: Box) -> Box:
    """Boxes side by side, baselines aligned."""
    if not boxes:
        return Box([""], 0)
    above = max(b.baseline for b in boxes)
    below = max(b.height - b.baseline - 1 for b in boxes)
    rows = [""] * (above + below + 1)
    for b in boxes:
        top = above - b.baseline
        blank = " " * b.width
        for i in range(len(rows)):
            j = i - top
            rows[i] += b.lines[j] if 0 <= j < b.height else blank
    return Box(rows, above)


def _center(b: Box, w: int) -> list[str]:
    left = (w - b.width) // 2
    return [" " * left + s + " " * (w - b.width - left) for s in b.lines]


def fraction(num: Box, den: Box, bar: str) -> Box:
    """num over den, separated by a bar as wide as the wider of the two."""
    w = max(num.width, den.width)
    return Box(_center(num, w) + [bar * w] + _center(den, w), num.height)


def parens(b: Box, unicode: bool) -> Box:
    """b in parentheses that grow with its height."""
    h = b.height
    if h == 1:
        return Box(["(" + b.lines[0] + ")"], 0)
    lt, lm, lb, rt, rm, rb = "⎛⎜⎝⎞⎟⎠" if unicode else "/|\\\\|/"
    left = [lt] + [lm] * (h - 2) + [lb]
    right = [rt] + [rm] * (h - 2) + [rb]
    return Box([a + s + c for a, s, c in zip(left, b.lines, right)], b.baseline)


def bars(b: Box, unicode: bool) -> Box:
    """|b|, with bars as tall as b."""
    bar = "|" if b.height == 1 or not unicode else "│"
    return Box([bar + s + bar for s in b.lines], b.baseline)


def superscript(b: Box, digits: str) -> Box:
    """b with superscript characters after its top line."""
    lines = [b.lines[0] + digits] + [s + " " * len(digits) for s in b.lines[1:]]
    return Box(lines, b.baseline)


def raised(base: Box, expo: Box) -> Box:
    """base with expo set above its top right corner."""
    lines = [" " * base.width + s for s in expo.lines] + \
        [s + " " * expo.width for s in base.lines]
    return Box(lines, expo.height + base.baseline)


def radical(b: Box, n: int, unicode: bool, overbar: bool) -> Box:
    """The n-th root of b: ``√x``, ``∛x``, or a slanted radical sign as tall as b."""
    if unicode and b.height == 1 and n in _ROOT_SIGNS:
        sign = _ROOT_SIGNS[n]
        if not overbar:
            return Box([sign + b.lines[0]], 0)
        return Box([" " + "_" * b.width, sign + b.lines[0]], 1)
    h = b.height
    up, down = ("╱", "╲") if unicode else ("/", "\\")
    rows = [" " * (h + 1) + "_" * b.width]
    for r, s in enumerate(b.lines):
        prefix = " " * (h - r) + up + " " * r
        if r == h - 1:
            prefix = down + prefix[1:]
        rows.append(prefix + s)
    if n != 2:
        # the index sits left of the radical sign, on the row above its foot
        idx = str(n)
        row = h - 1
        rows[row] = idx + rows[row][len(idx):]
    return Box(rows, b.baseline + 1)


def vstack(boxes: list[Box], baseline: int, gap: int = 0) -> Box:
    """Boxes one below the other, left aligned, with ``gap`` blank lines between."""
    lines: list[str] = []
    for i, b in enumerate(boxes):
        if i:
            lines.extend([""] * gap)
        lines.extend(b.lines)
    return Box(lines, baseline)


# =========================================================================== printer


class PrettyPrinter(Printer[Box]):
    """Builds the box of an expression DAG; each shared node is laid out once."""

    PRINTERS = PRETTY_PRINTERS
    KIND = "pretty "
    ASCENDING = "auto"

    def __init__(self, unicode: bool = True, oneline: bool = False) -> None:
        super().__init__()
        self.unicode = unicode
        self.oneline = oneline
        self._line: PrettyPrinter | None = None
        self.times = "·" if unicode else "*"
        self.bar = "─" if unicode else "-"
        if unicode:
            self.RELATIONS = {"<=": "≤", ">=": "≥", "==": "=", "!=": "≠"}
            self.AND, self.OR, self.NOT = " ∧ ", " ∨ ", "¬"
        else:
            self.RELATIONS = {"==": "="}

    def line_printer(self) -> PrettyPrinter:
        """The one-line printer used for exponents."""
        if self.oneline:
            return self
        if self._line is None:
            self._line = PrettyPrinter(self.unicode, oneline=True)
        return self._line

    def doprint(self, e: Expr) -> str:
        return self.layout(e).render()

    def line(self, e: Expr) -> str:
        """The one-line text of e."""
        return self.line_printer().layout(e).lines[0]

    # ---- the output is a Box

    def paren(self, b: Box) -> Box:
        return parens(b, self.unicode)

    def leaf(self, s: str) -> Box:
        return text(s)

    def cat(self, *parts: Box | str) -> Box:
        return hcat(*[text(b) if isinstance(b, str) else b for b in parts])

    #: symbols shown as other text (pretty_terms)
    rename: dict[str, str] = {}

    def _renamed(self, f: Expr) -> bool:
        b = f._args[0] if f.is_Pow else f
        return b.is_Symbol and b.name in self.rename

    def _symbol(self, name: str) -> Box:
        if name in self.rename:
            return text(self.rename[name])
        return text(pretty_symbol_name(name, self.unicode))

    def _constant(self, e: Expr) -> Box | None:
        name = getattr(e, "name", None)
        if name is None:
            return None
        if self.unicode:   # ℯ: Euler's number, not the symbol e
            return text({"pi": "π", "E": "ℯ", "oo": "∞", "I": "i"}.get(name, name))
        return text({"E": "e"}.get(name, name))

    # ---- numbers

    def _float(self, v: float) -> str:
        if v in (float("inf"), float("-inf")):
            return ("" if v > 0 else "-") + ("∞" if self.unicode else "oo")
        return format_float(v)

    def _number(self, v: int | Fraction | float) -> tuple[Box, int]:
        if isinstance(v, float):
            return text(self._float(v)), PREC_NEG if v < 0 else PREC_ATOM
        if isinstance(v, int):
            return text(int_to_digits(v)), PREC_NEG if v < 0 else PREC_ATOM
        p, q = int_to_digits(abs(v.numerator)), int_to_digits(v.denominator)
        if self.oneline:
            b = text(f"{p}/{q}")
        elif v < 0 and not self.unicode:
            # ASCII: the sign goes above the bar, since "--" would read as one dash
            return fraction(text(f"-{p}"), text(q), self.bar), PREC_NEG
        else:
            b = fraction(text(p), text(q), self.bar)
        if v < 0:
            return hcat(text("-"), b), PREC_NEG
        return b, PREC_MUL

    # ---- sums and products

    def _product(self, coeff: Any, factors: list[Expr], alone_bare: bool) -> tuple[Box, int]:
        """Factors joined by ``·``; Adds in parentheses unless alone and ``alone_bare``."""
        parts: list[Box] = []
        if coeff != 1 or isinstance(coeff, float):
            parts.append(text(self._float(coeff) if isinstance(coeff, float)
                              else rational_text(coeff)))
        if len(factors) == 1 and not parts and alone_bare:
            return self.p(factors[0])
        factors = _ml_forms(factors)
        if self.rename:   # a placeholder for (x - a) goes after its coefficient
            factors = sorted(factors, key=lambda f: self._renamed(f))
        roots = [f for f in factors if _constant_sqrt(f)]
        if len(roots) > 1:     # √2·√π is √(2π): exact, the bases being positive
            factors = [f for f in factors if not _constant_sqrt(f)]
            parts.append(self._joint_root([f._args[0] for f in roots]))
        for f in factors:
            parts.append(self.wrap(f, PREC_MUL))
        if not parts:
            return text("1"), PREC_ATOM
        if len(parts) == 1:
            return parts[0], PREC_ATOM if not factors else max(self.p(factors[0])[1], PREC_MUL)
        glued: list[Box] = [parts[0]]
        for b in parts[1:]:
            glued += [text(self.times), b]
        return hcat(*glued), PREC_MUL

    def _joint_root(self, bases: list[Expr]) -> Box:
        """The square root of a product of positive constants: √(2π)."""
        nums = [b for b in bases if b.is_Number]
        rest = [b for b in bases if not b.is_Number]
        inner = ("·" if self.unicode else "*").join(self.line(b) for b in nums)
        named = "".join(self.line(b) for b in rest) if self.unicode else \
            "*".join(self.line(b) for b in rest)
        sep = "" if self.unicode or not inner or not named else "*"
        body = inner + sep + named
        if self.oneline:
            return text(f"√({body})" if self.unicode else f"sqrt({body})")
        return radical(text(body), 2, self.unicode, overbar=True)

    def _mul(self, e: Expr) -> tuple[Box, int]:
        if e._coeff == -1 and e._factors == (oo,):
            return text("-∞" if self.unicode else "-oo"), PREC_NEG
        neg, num_c, num, den_c, den = split_quotient(e)
        if not den and den_c == 1:
            body, prec = self._product(num_c, num, alone_bare=False)
            prec = PREC_MUL
        elif self.oneline:
            top, tq = self._product(num_c, num, alone_bare=False)
            bottom, bq = self._product(den_c, den, alone_bare=True)
            if bq <= PREC_MUL:
                bottom = parens(bottom, self.unicode)
            body, prec = hcat(top, text("/"), bottom), PREC_MUL
        else:
            top, _ = self._product(num_c, num, alone_bare=True)
            bottom, _ = self._product(den_c, den, alone_bare=True)
            if neg and not self.unicode:
                return fraction(hcat(text("-"), top), bottom, self.bar), PREC_NEG
            body, prec = fraction(top, bottom, self.bar), PREC_MUL
        if neg:
            return hcat(text("-"), body), PREC_NEG
        return body, prec

    # ---- powers

    def _reciprocal(self, d: Expr) -> tuple[Box, int]:
        if self.oneline:
            return hcat(text("1/"), self.wrap(d, PREC_MUL, True)), PREC_MUL
        return fraction(text("1"), self.p(d)[0], self.bar), PREC_MUL

    def _root(self, b: Expr, n: int) -> tuple[Box, int] | None:
        if self.oneline:
            if self.unicode and n in _ROOT_SIGNS:
                return hcat(text(_ROOT_SIGNS[n]), self.wrap(b, PREC_ATOM)), PREC_POW
            if not self.unicode and n == 2:
                return text(f"sqrt({self.line(b)})"), PREC_ATOM
            return None
        if n > 99:
            return None
        bare = b.is_Symbol or (b.is_Number and b.value > 0) or (b.is_Atom and not b.is_Boolean)
        return radical(self.p(b)[0], n, self.unicode, overbar=not bare), PREC_POW

    def _raise(self, base: Box, x: Expr) -> Box:
        """base^x: superscript digits, a raised exponent, or ``^`` on one line."""
        if self.unicode and x.is_Number and isinstance(x.value, int) and x.value > 0:
            return superscript(base, int_to_digits(x.value).translate(_SUPERSCRIPT))
        lp = self.line_printer()
        ex, q = lp.layout(x), lp.p(x)[1]
        if self.oneline:
            if q < PREC_ATOM:
                ex = parens(ex, self.unicode)
            return hcat(base, text("^"), ex)
        return raised(base, ex)

    def _power(self, b: Expr, x: Expr) -> tuple[Box, int]:
        on_name = b.is_Function and b.fdef.name in POWER_ON_NAME and not b.fdef.undefined
        if on_name and x.is_Number and isinstance(x.value, int) and x.value > 0 \
                and (self.unicode or not self.oneline):
            name = self._raise(text(b.fdef.name), x)
            return hcat(name, self._call(b)), PREC_ATOM
        return self._raise(self.wrap(b, PREC_POW, True), x), PREC_POW

    # ---- applications

    def _call(self, e: Expr) -> Box:
        parts: list[Box] = []
        for i, a in enumerate(printed_args(e)):
            if i:
                parts.append(text(", "))
            parts.append(self.p(a)[0])
        return parens(hcat(*parts), self.unicode)

    def _apply(self, e: Expr) -> tuple[Box, int]:
        fd = e.fdef
        name = fd.name
        if name == "exp":
            if self.oneline:
                return hcat(text("exp"), self._call(e)), PREC_ATOM
            return self._raise(text("ℯ" if self.unicode else "e"), e._args[0]), PREC_POW
        if name == "abs":
            return bars(self.p(e._args[0])[0], self.unicode), PREC_ATOM
        if self.unicode and name in ("floor", "ceiling"):
            b = self.p(e._args[0])[0]
            h = b.height
            if name == "floor":
                left, right = ["⎢"] * (h - 1) + ["⎣"], ["⎥"] * (h - 1) + ["⎦"]
            else:
                left, right = ["⎡"] + ["⎢"] * (h - 1), ["⎤"] + ["⎥"] * (h - 1)
            if h == 1:
                left, right = (["⌊"], ["⌋"]) if name == "floor" else (["⌈"], ["⌉"])
            return Box([a + t + c for a, t, c in zip(left, b.lines, right)],
                       b.baseline), PREC_ATOM
        if self.unicode and name == "factorial":  # n!, (n + 1)!; a power wraps it: (n!)²
            return hcat(self.wrap(e._args[0], PREC_ATOM), text("!")), PREC_POW
        if name == "cbrt" and (self.unicode or not self.oneline):
            r = self._root(e._args[0], 3)
            if r is not None:
                return r
        shown = name
        if self.unicode:
            shown = greek_unicode(name) if fd.undefined else fd.unicode
        return hcat(text(shown), self._call(e)), PREC_ATOM

    # ---- piecewise

    def _piecewise(self, e: Expr) -> tuple[Box, int]:
        if self.oneline:
            rows = []
            for value, cond in e.pieces:
                v = self.line(value)
                if cond.is_Boolean and cond.is_Atom and cond.value:
                    rows.append(f"{v} otherwise")
                else:
                    rows.append(f"{v} for {self.line(cond)}")
            return text("{" + "; ".join(rows) + "}"), PREC_ATOM
        values = [self.p(v)[0] for v, _ in e.pieces]
        col = max(v.width for v in values)
        rows_b: list[Box] = []
        for v, (_, cond) in zip(values, e.pieces):
            left = Box([s.ljust(col) for s in v.lines], v.baseline)
            if cond.is_Boolean and cond.is_Atom and cond.value:
                rows_b.append(hcat(left, text("  otherwise")))
            else:
                rows_b.append(hcat(left, text("  for "), self.p(cond)[0]))
        body = vstack(rows_b, 0, gap=1)
        h = body.height
        mid = (h - 1) // 2
        top, midc, bot, ext = "⎧⎨⎩⎪" if self.unicode else "/<\\|"
        brace = [top] + [ext] * (h - 2) + [bot]
        brace[mid] = midc
        return Box([c + s for c, s in zip(brace, body.lines)], mid), PREC_PIECEWISE


def _ml_forms(factors: list[Expr]) -> list[Expr]:
    """The forms machine-learning texts write: σ(u)·σ(-u) is shown as σ(u)·(1 - σ(u))
    (only shown so: σ(-u) is the form that stays accurate for large u, and compiled
    code keeps it)."""
    sig = {f._args[0]: f for f in factors if f.is_Function and f.fdef.name == "sigmoid"}
    if len(sig) < 2:
        return factors
    out = []
    for f in factors:
        if f.is_Function and f.fdef.name == "sigmoid":
            u = f._args[0]
            if (-u) in sig and (u.is_Mul and u._coeff < 0 or
                                u.is_Add and str(u).startswith("-")):
                out.append(1 - sig[-u])
                continue
        out.append(f)
    return out


def _constant_sqrt(f: Expr) -> bool:
    """``sqrt(c)`` for a positive number or constant c (π, ℯ)."""
    if not (f.is_Pow and f._args[1].is_Number and f._args[1].value == Fraction(1, 2)):
        return False
    b = f._args[0]
    if b.is_Number:
        return not isinstance(b.value, float) and b.value > 0
    return b.is_Atom and getattr(b, "name", None) in ("pi", "E")


def pretty_symbol_name(name: str, unicode: bool = True) -> str:
    """``alpha`` -> ``α``, ``w_2`` -> ``w₂``, ``x1`` -> ``x₁`` (ASCII: the name itself)."""
    if not unicode:
        return name
    base, subs = split_name(name)
    s = greek_unicode(base)
    if not subs:
        return s
    parts = [greek_unicode(p) for p in subs]
    if all(ch in _SUBSCRIPT for p in parts for ch in p):
        return s + "".join(_SUBSCRIPT[ch] for p in parts for ch in p)
    return s + "_" + "_".join(parts)


def _wrap_sum(pieces: list[tuple[str, Box]], width: int) -> str:
    """A sum broken before a ``+`` or ``-`` so that lines fit in ``width`` where possible."""
    lines: list[list[Box]] = []
    cur: list[Box] = []
    used = 0
    for op, b in pieces:
        if cur and used + b.width > width:
            lines.append(cur)
            cur, used = [], 0
        if not cur and op.startswith(" "):
            # a continuation line starts with its operator: "+ x", "- y"
            b = Box([s[1:] for s in b.lines], b.baseline)
        cur.append(b)
        used += b.width
    lines.append(cur)
    boxes = [hcat(*ln) for ln in lines]
    gap = 0 if all(b.height == 1 for b in boxes) else 1
    return vstack(boxes, 0, gap).render()


def matrix_box(m: Matrix, pp: PrettyPrinter) -> Box:
    """A matrix as a grid in brackets, as SymPy lays it out: each cell laid out in 2D
    and centred in its column, two spaces between columns, a blank line between rows.

    >>> from symcalc import Matrix, symbols
    >>> x, y = symbols("x y")
    >>> print(matrix_box(Matrix([[2*x, 1], [y, x]]), PrettyPrinter()).render())
    ⎡2·x  1⎤
    ⎢      ⎥
    ⎣ y   x⎦
    """
    rows = m.rows
    if not rows or not rows[0]:
        return text("[]")
    cells = [[pp.layout(a) for a in r] for r in rows]
    widths = [max(r[j].width for r in cells) for j in range(len(cells[0]))]
    lines = []
    for r in cells:
        parts: list[Box] = []
        for j, c in enumerate(r):
            if j:
                parts.append(text("  "))
            parts.append(Box(_center(c, widths[j]), c.baseline))
        lines.append(hcat(*parts))
    body = vstack(lines, 0, gap=1)
    h = body.height
    if h == 1 or not pp.unicode:
        left, right = ["["] * h, ["]"] * h
    else:
        left = ["⎡"] + ["⎢"] * (h - 2) + ["⎣"]
        right = ["⎤"] + ["⎥"] * (h - 2) + ["⎦"]
    return Box([a + s + c for a, s, c in zip(left, body.lines, right)], (h - 1) // 2)


def _matrix_oneline(m: Matrix, pp: PrettyPrinter) -> str:
    return "[" + ", ".join("[" + ", ".join(pp.line(a) for a in r) + "]" for r in m.rows) + "]"


def pretty_terms(terms: list[Expr], use_unicode: bool = True, oneline: bool = False,
                 width: int | None = 80, rename: dict[str, str] | None = None) -> str:
    """A sum of ``terms`` laid out in the order given, without adding them up;
    ``rename`` shows some symbols as other text (a placeholder ``t`` as ``(x - 1)``,
    so that a series in ``x - 1`` keeps its powers of ``x - 1``)."""
    pp = PrettyPrinter(use_unicode, oneline)
    if rename:
        pp.rename = rename
        pp.line_printer().rename = rename
    pieces = pp._add_pieces(as_expr(0), terms)
    box = hcat(*(b for _, b in pieces))
    if not oneline and width and box.width > width:
        return _wrap_sum(pieces, width)
    return box.render()


def pretty(e: Any, use_unicode: bool = True, oneline: bool = False, width: int | None = 80,
           ascending: bool | str = "auto") -> str:
    """A human-readable layout of ``e`` for terminals.

    ``oneline=True`` gives a single line; ``use_unicode=False`` uses ASCII only; a sum
    wider than ``width`` (2D only; None for no limit) is broken between terms.

    >>> from symcalc import symbols, sqrt, pi, exp
    >>> x = symbols("x")
    >>> print(pretty(exp(-x**2/2) / sqrt(2*pi), oneline=True))
    √2·exp(-x²/2)/(2·√π)
    >>> print(pretty(x**2 - 1/x, use_unicode=False))
     2   1
    x  - -
         x

    A :class:`Matrix` is a grid in brackets (one line: nested lists). Sums keep
    descending powers except where a sum in one variable reads better by ascending
    powers (``ascending="auto"``: ``1/2 + x/4 - x³/48``, a sum in ``x - 1``);
    ``ascending=True`` orders every such sum so, as for a series.
    """
    try:
        if isinstance(e, Matrix):
            pm = PrettyPrinter(use_unicode, oneline)
            return _matrix_oneline(e, pm) if oneline else matrix_box(e, pm).render()
        if getattr(e, "is_shaped", False):  # matrix notation, one line (tensor/)
            from ..tensor.printing import tpretty, tstr

            return tpretty(e) if use_unicode else tstr(e)
        e = as_expr(e)
        pp = PrettyPrinter(use_unicode, oneline)
        pp.ascending = ascending
        box = pp.layout(e)
        if not oneline and width and e.is_Add and box.width > width:
            return _wrap_sum(pp._add_pieces(e), width)
        return box.render()
    except _TooBig:
        if oneline:
            raise AssertionError("one-line layouts have one line") from None
        return pretty(e, use_unicode, oneline=True)
