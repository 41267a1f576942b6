"""The one-line text form: canonical, and ``parse(str(e)) is e`` for every expression.

Conventions: ``^`` for powers, explicit ``*``, ``x - 2*y`` rather than ``x + -2*y``,
``sqrt(x)`` and ``1/sqrt(x)``, rationals as ``1/2``, sums in descending powers.

>>> from symcalc import parse
>>> str(parse("1 + 2x + x^2"))
'x^2 + 2*x + 1'
>>> str(parse("x^(-1/2) * y / 3"))
'y/(3*sqrt(x))'
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ..core.bigint import int_to_digits
from ..core.expr import Expr
from .common import split_quotient
from .printer import PREC_ADD as PREC_ADD
from .printer import PREC_ATOM, PREC_MUL, PREC_NEG, PREC_POW, Printer
from .printer import PREC_REL as PREC_REL

#: Extra printers registered by other modules: class -> fn(printer, expr) -> (text, prec).
STR_PRINTERS: dict[type, Callable[[StrPrinter, Expr], tuple[str, int]]] = {}


def rational_text(v: int | Fraction) -> str:
    """``str`` of an int or Fraction, also beyond Python's 4300-digit conversion limit."""
    if isinstance(v, Fraction):
        if v.denominator == 1:
            return int_to_digits(v.numerator)
        return f"{int_to_digits(v.numerator)}/{int_to_digits(v.denominator)}"
    return int_to_digits(v)


def format_float(v: float) -> str:
    """Shortest text that reads back as the same double."""
    s = repr(v)
    return s


class StrPrinter(Printer[str]):
    """Prints an expression DAG; each shared node is printed once."""

    PRINTERS = STR_PRINTERS
    NOT_OPERAND = 4

    def _number(self, v: int | Fraction | float) -> tuple[str, int]:
        if isinstance(v, float):
            s = format_float(v)
            return s, PREC_NEG if v < 0 else PREC_ATOM
        if isinstance(v, int):
            return int_to_digits(v), PREC_NEG if v < 0 else PREC_ATOM
        s = f"{int_to_digits(v.numerator)}/{int_to_digits(v.denominator)}"
        return s, PREC_NEG if v < 0 else PREC_MUL

    def _mul(self, e: Expr) -> tuple[str, int]:
        neg, num_c, num_f, den_c, den_f = split_quotient(e)
        num: list[str] = []
        if isinstance(num_c, float):
            num.append(format_float(num_c))
        elif num_c != 1:
            num.append(rational_text(num_c))
        num.extend(self.wrap(f, PREC_MUL) for f in num_f)
        s = "*".join(num) if num else "1"
        if den_c != 1 and len(den_f) == 1 and _float_sum(den_f[0]):
            # "1/(2*(x + 0.5))" would read back as 1/(2*x + 1.0): no float content is
            # extracted from sums, so keep the number apart: "1/2/(x + 0.5)".
            s += "/" + rational_text(den_c)
            den_c = 1
        den = ([(rational_text(den_c), PREC_ATOM)] if den_c != 1 else []) + \
            [self.p(f) for f in den_f]
        if den:
            parts = [d if q > PREC_MUL else f"({d})" for d, q in den]
            s += "/" + (parts[0] if len(parts) == 1 else "(" + "*".join(parts) + ")")
        if neg:
            return "-" + s, PREC_NEG
        return s, PREC_MUL

    def _reciprocal(self, d: Expr) -> tuple[str, int]:
        s, q = self.p(d)
        return "1/" + (s if q > PREC_MUL else f"({s})"), PREC_MUL

    def _root(self, b: Expr, n: int) -> tuple[str, int] | None:
        return (f"sqrt({self.p(b)[0]})", PREC_ATOM) if n == 2 else None

    def _power(self, b: Expr, x: Expr) -> tuple[str, int]:
        base = self.wrap(b, PREC_POW, True)
        s, q = self.p(x)
        expo = s if q >= PREC_POW and not s.startswith("-") else f"({s})"
        return f"{base}^{expo}", PREC_POW

    def _apply(self, e: Expr) -> tuple[str, int]:
        args = ", ".join(self.p(a)[0] for a in e.visible_args())
        return f"{e.fdef.name}({args})", PREC_ATOM

    def _piecewise(self, e: Expr) -> tuple[str, int]:
        pieces = ", ".join(f"({self.p(a)[0]}, {self.p(c)[0]})" for a, c in e.pieces)
        return f"piecewise({pieces})", PREC_ATOM


def _float_sum(e: Expr) -> bool:
    return e.is_Add and any(isinstance(a.value if a.is_Number else a.as_coeff_mul()[0], float)
                            for a in e._args)


def sstr(e: Expr) -> str:
    """The canonical one-line text of ``e`` (what ``str(e)`` returns)."""
    return StrPrinter().doprint(e)
