r"""LaTeX for expressions, in the style of SymPy's ``latex`` so notebooks look familiar.

Conventions: quotients as ``\frac``, ``\sqrt{x}`` and ``\sqrt[n]{x}`` for exponents
1/n, ``e^{x}`` for exp, ``\sin{\left(x \right)}`` for applications, ``\left|x\right|``,
``e`` for Euler's number, Greek names as letters and trailing indices as subscripts,
``\cdot`` only where juxtaposed numbers would run together.

>>> from symcalc import symbols, sqrt, sin, exp
>>> x, y = symbols("x y")
>>> print(latex((x**2 + 1) / (x - 1)))
\frac{x^{2} + 1}{x - 1}
>>> print(latex(2*x*sin(x**2) - exp(-x) / sqrt(y)))
2 x \sin{\left(x^{2} \right)} - \frac{e^{- x}}{\sqrt{y}}
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
    greek_latex,
    printed_args,
    split_name,
    split_quotient,
)
from .printer import PREC_ADD, PREC_ATOM, PREC_MUL, PREC_NEG, PREC_POW, Printer
from .str import format_float, rational_text

PREC_PIECEWISE = PREC_ADD + 1  # a cases block needs parentheses in a product or a power

_CONSTANTS = {"pi": "\\pi", "E": "e", "I": "i", "oo": "\\infty", "nan": "\\text{NaN}"}

#: Extra printers registered by other modules: class -> fn(printer, expr) -> (LaTeX, prec).
LATEX_PRINTERS: dict[type, Callable[[LatexPrinter, Expr], tuple[str, int]]] = {}


class LatexPrinter(Printer[str]):
    """Prints an expression DAG to LaTeX; each shared node is printed once."""

    PRINTERS = LATEX_PRINTERS
    KIND = "LaTeX "
    ASCENDING = "auto"   # as the pretty printer: 1/2 + x/4 - x^3/48, sums in x - a
    MINUS = "- "
    AND = " \\wedge "
    OR = " \\vee "
    NOT = "\\neg "
    RELATIONS = {"<": "<", "<=": "\\leq", ">": ">", ">=": "\\geq", "==": "=", "!=": "\\neq"}

    def paren(self, s: str) -> str:
        return f"\\left({s}\\right)"

    def _symbol(self, name: str) -> str:
        return latex_symbol_name(name)

    def _boolean(self, value: bool) -> str:
        return "\\text{True}" if value else "\\text{False}"

    def _constant(self, e: Expr) -> str | None:
        return _CONSTANTS.get(getattr(e, "name", None))  # type: ignore[arg-type]

    # ---- numbers

    def _number(self, v: int | Fraction | float) -> tuple[str, int]:
        if isinstance(v, float):
            s = latex_float(v)
            if s.startswith("-"):
                return s, PREC_NEG
            return s, PREC_MUL if "\\cdot" in s else PREC_ATOM
        if isinstance(v, int):
            return int_to_digits(v), PREC_NEG if v < 0 else PREC_ATOM
        frac = f"\\frac{{{int_to_digits(abs(v.numerator))}}}{{{int_to_digits(v.denominator)}}}"
        return ("- " + frac, PREC_NEG) if v < 0 else (frac, PREC_MUL)

    # ---- sums and products

    def _product(self, coeff: Any, factors: list[Expr]) -> str:
        """Juxtaposed factors; Adds in parentheses unless alone, \\cdot before a digit."""
        parts: list[str] = []
        if coeff != 1 or isinstance(coeff, float):
            parts.append(latex_float(coeff) if isinstance(coeff, float) else rational_text(coeff))
        alone = len(factors) == 1 and not parts
        for f in factors:
            parts.append(self.p(f)[0] if alone else self.wrap(f, PREC_MUL))
        if not parts:
            return "1"
        s = parts[0]
        for part in parts[1:]:
            s += (" \\cdot " if part[0].isdigit() else " ") + part
        return s

    def _mul(self, e: Expr) -> tuple[str, int]:
        neg, num_c, num, den_c, den = split_quotient(e)
        if e._coeff == -1 and e._factors == (oo,):
            return "-\\infty", PREC_NEG
        top = self._product(num_c, num)
        if den or den_c != 1:
            s, prec = f"\\frac{{{top}}}{{{self._product(den_c, den)}}}", PREC_MUL
        else:
            s, prec = top, PREC_MUL
        if neg:
            return "- " + s, PREC_NEG
        return s, prec

    # ---- powers

    def _reciprocal(self, d: Expr) -> tuple[str, int]:
        return f"\\frac{{1}}{{{self.p(d)[0]}}}", PREC_MUL

    def _root(self, b: Expr, n: int) -> tuple[str, int]:
        inner = self.p(b)[0]
        return (f"\\sqrt{{{inner}}}" if n == 2 else f"\\sqrt[{n}]{{{inner}}}"), PREC_POW

    def _power(self, b: Expr, x: Expr) -> tuple[str, int]:
        expo = self.p(x)[0]
        if b.is_Function and b.fdef.name not in ("exp", "cbrt", "abs", "factorial"):
            fd = b.fdef
            if fd.name in POWER_ON_NAME and not fd.undefined and x.is_Number \
                    and isinstance(x.value, int) and x.value > 0:
                return f"{fd.latex}^{{{expo}}}{self._call(b)}", PREC_POW
            # the group {\left(x \right)} takes the exponent: \sigma{\left(x \right)}^{2}
            return f"{self.p(b)[0]}^{{{expo}}}", PREC_POW
        return f"{self.wrap(b, PREC_POW, True)}^{{{expo}}}", PREC_POW

    # ---- applications

    def _call(self, e: Expr) -> str:
        args = ", ".join(self.p(a)[0] for a in printed_args(e))
        return f"{{\\left({args} \\right)}}"

    def _apply(self, e: Expr) -> tuple[str, int]:
        fd = e.fdef
        name = fd.name
        if name == "exp":
            return f"e^{{{self.p(e._args[0])[0]}}}", PREC_POW
        if name == "abs":
            return f"\\left|{self.p(e._args[0])[0]}\\right|", PREC_ATOM
        if name == "cbrt":
            return f"\\sqrt[3]{{{self.p(e._args[0])[0]}}}", PREC_POW
        if name in ("floor", "ceiling"):
            side = "floor" if name == "floor" else "ceil"
            return f"\\left\\l{side} {self.p(e._args[0])[0]} \\right\\r{side}", PREC_ATOM
        if name == "factorial":
            return f"{self.wrap(e._args[0], PREC_ATOM)}!", PREC_POW
        if name == "binomial":
            n, k = (self.p(a)[0] for a in e._args)
            return f"{{\\binom{{{n}}}{{{k}}}}}", PREC_ATOM
        if name == "polygamma":
            n, u = (self.p(a)[0] for a in e._args)
            return f"\\psi^{{({n})}}{{\\left({u} \\right)}}", PREC_ATOM
        head = fd.latex
        if fd.undefined:
            head = latex_function_name(name)
        return f"{head}{self._call(e)}", PREC_ATOM

    # ---- piecewise

    def _piecewise(self, e: Expr) -> tuple[str, int]:
        rows = []
        for value, cond in e.pieces:
            if cond.is_Boolean and cond.is_Atom and cond.value:
                rows.append(f"{self.p(value)[0]} & \\text{{otherwise}}")
            else:
                rows.append(f"{self.p(value)[0]} & \\text{{for}}\\: {self.p(cond)[0]}")
        return "\\begin{cases} " + " \\\\ ".join(rows) + " \\end{cases}", PREC_PIECEWISE


def latex_float(v: float) -> str:
    """A double in LaTeX: ``2.5``, ``1.0 \\cdot 10^{20}``, ``\\infty``."""
    if v != v:
        return "\\text{NaN}"
    if v in (float("inf"), float("-inf")):
        return "\\infty" if v > 0 else "-\\infty"
    s = format_float(v)
    if "e" in s:
        mant, ex = s.split("e")
        if "." not in mant:
            mant += ".0"
        return f"{mant} \\cdot 10^{{{int(ex)}}}"
    return s


def latex_symbol_name(name: str) -> str:
    r"""A symbol name in LaTeX: ``alpha`` -> ``\alpha``, ``w_2`` -> ``w_{2}``."""
    base, subs = split_name(name)
    s = greek_latex(base).replace("_", "\\_")
    if subs:
        s += "_{" + ",".join(greek_latex(p) for p in subs) + "}"
    return s


def latex_function_name(name: str) -> str:
    """An undefined function's name: one letter (or a Greek name) as is, else an operator."""
    if len(name) == 1 or name in _GREEK_NAMES:
        return greek_latex(name)
    return "\\operatorname{" + name.replace("_", "\\_") + "}"


def _greek_names() -> set[str]:
    from .common import GREEK

    return set(GREEK)


_GREEK_NAMES = _greek_names()


def latex_matrix(m: Matrix) -> str:
    r"""A matrix as SymPy writes it: ``\left[\begin{matrix}a & b\\c & d\end{matrix}\right]``."""
    p = LatexPrinter()
    rows = "\\\\".join(" & ".join(p.doprint(a) for a in r) for r in m.rows)
    return f"\\left[\\begin{{matrix}}{rows}\\end{{matrix}}\\right]"


def latex(e: Any) -> str:
    r"""The LaTeX of an expression or a :class:`Matrix` (numbers are converted first).

    >>> from symcalc import Symbol, Matrix, pi, oo
    >>> latex(Symbol("alpha_1") * pi / 2), latex(-oo)
    ('\\frac{\\pi \\alpha_{1}}{2}', '-\\infty')
    >>> print(latex(Matrix([[2 * Symbol("x"), 1]])))
    \left[\begin{matrix}2 x & 1\end{matrix}\right]
    """
    if isinstance(e, Matrix):
        return latex_matrix(e)
    if getattr(e, "is_shaped", False):  # a vector or matrix expression (tensor/)
        from ..tensor.printing import tlatex

        return tlatex(e)
    return LatexPrinter().doprint(as_expr(e))
