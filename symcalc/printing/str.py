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
from .common import has_negative_number_exp, inverted, is_negative_term, split_quotient
from .order import add_terms_in_print_order

PREC_REL = 5
PREC_ADD = 10
PREC_MUL = 20
PREC_NEG = 15
PREC_POW = 30
PREC_ATOM = 100

#: Extra printers registered by other modules: class -> fn(printer, expr) -> (text, prec).
STR_PRINTERS: dict[type, Callable[[StrPrinter, Expr], tuple[str, int]]] = {}


def format_float(v: float) -> str:
    """Shortest text that reads back as the same double."""
    s = repr(v)
    return s


class StrPrinter:
    """Prints an expression DAG; each shared node is printed once."""

    def __init__(self) -> None:
        # Keyed by the node itself (not id): temporaries made while printing must not
        # be freed and have their id reused under a stale entry.
        self.memo: dict[Expr, tuple[str, int]] = {}

    def doprint(self, e: Expr) -> str:
        from ..core.traversal import postorder

        for node in postorder(e):  # children first: no deep recursion
            self.p(node)
        return self.p(e)[0]

    def p(self, e: Expr) -> tuple[str, int]:
        r = self.memo.get(e)
        if r is None:
            r = self.memo[e] = self._print(e)
        return r

    def wrap(self, e: Expr, prec: int, strict: bool = False) -> str:
        """Text of e, parenthesized when its precedence is below ``prec``."""
        s, q = self.p(e)
        if q < prec or (strict and q == prec):
            return f"({s})"
        return s

    # ---- dispatch

    def _print(self, e: Expr) -> tuple[str, int]:
        fn = STR_PRINTERS.get(type(e))
        if fn is not None:
            return fn(self, e)
        if e.is_Number:
            return self._number(e.value)
        if e.is_Symbol:
            return e.name, PREC_ATOM
        if e.is_Add:
            return self._add(e)
        if e.is_Mul:
            return self._mul(e)
        if e.is_Pow:
            return self._pow(e)
        if e.is_Function:
            return self._apply(e)
        if e.is_Relational:
            return (f"{self.wrap(e._args[0], PREC_REL, True)} {e.op} "
                    f"{self.wrap(e._args[1], PREC_REL, True)}", PREC_REL)
        if e.is_Boolean and e.is_Atom:
            return ("True" if e.value else "False"), PREC_ATOM
        head = e.head
        if head == "piecewise":
            pieces = ", ".join(f"({self.p(a)[0]}, {self.p(c)[0]})" for a, c in e.pieces)
            return f"piecewise({pieces})", PREC_ATOM
        if head in ("And", "Or"):
            prec = 3 if head == "And" else 2
            word = " and " if head == "And" else " or "
            return word.join(self.wrap(a, prec, True) for a in e._args), prec
        if head == "Not":
            return f"not {self.wrap(e._args[0], 4)}", 4
        if e.is_Atom:  # constants
            return e.name, PREC_ATOM
        raise TypeError(f"no printer for {type(e).__name__}")

    # ---- pieces

    def _number(self, v: int | Fraction | float) -> tuple[str, int]:
        if isinstance(v, float):
            s = format_float(v)
            return s, PREC_NEG if v < 0 else PREC_ATOM
        if isinstance(v, int):
            return int_to_digits(v), PREC_NEG if v < 0 else PREC_ATOM
        s = f"{int_to_digits(v.numerator)}/{int_to_digits(v.denominator)}"
        return s, PREC_NEG if v < 0 else PREC_MUL

    def _add(self, e: Expr) -> tuple[str, int]:
        terms = add_terms_in_print_order(e)
        out: list[str] = []
        for i, t in enumerate(terms):
            neg = is_negative_term(t)
            if neg:
                s = self.wrap(-t, PREC_ADD, True)
                out.append(("-" if i == 0 else " - ") + s)
            else:
                s = self.wrap(t, PREC_ADD)
                out.append(s if i == 0 else " + " + s)
        return "".join(out), PREC_ADD

    def _mul(self, e: Expr) -> tuple[str, int]:
        neg, num_c, num_f, den_c, den_f = split_quotient(e)
        num: list[str] = []
        if isinstance(num_c, float):
            num.append(format_float(num_c))
        elif num_c != 1:
            num.append(str(num_c))
        num.extend(self.wrap(f, PREC_MUL) for f in num_f)
        s = "*".join(num) if num else "1"
        if den_c != 1 and len(den_f) == 1 and _float_sum(den_f[0]):
            # "1/(2*(x + 0.5))" would read back as 1/(2*x + 1.0): no float content is
            # extracted from sums, so keep the number apart: "1/2/(x + 0.5)".
            s += f"/{den_c}"
            den_c = 1
        den = ([(str(den_c), PREC_ATOM)] if den_c != 1 else []) + [self.p(f) for f in den_f]
        if den:
            parts = [d if q > PREC_MUL else f"({d})" for d, q in den]
            s += "/" + (parts[0] if len(parts) == 1 else "(" + "*".join(parts) + ")")
        if neg:
            return "-" + s, PREC_NEG
        return s, PREC_MUL

    def _pow(self, e: Expr) -> tuple[str, int]:
        b, x = e._args
        if has_negative_number_exp(e):
            d, q = self.p(inverted(e))
            return "1/" + (d if q > PREC_MUL else f"({d})"), PREC_MUL
        if x.is_Number and isinstance(x.value, Fraction) and x.value == Fraction(1, 2):
            return f"sqrt({self.p(b)[0]})", PREC_ATOM
        base = self.wrap(b, PREC_POW, True)
        s, q = self.p(x)
        expo = s if q >= PREC_POW and not s.startswith("-") else f"({s})"
        return f"{base}^{expo}", PREC_POW

    def _apply(self, e: Expr) -> tuple[str, int]:
        args = ", ".join(self.p(a)[0] for a in e.visible_args())
        return f"{e.fdef.name}({args})", PREC_ATOM


def _float_sum(e: Expr) -> bool:
    return e.is_Add and any(isinstance(a.value if a.is_Number else a.as_coeff_mul()[0], float)
                            for a in e._args)


def sstr(e: Expr) -> str:
    """The canonical one-line text of ``e`` (what ``str(e)`` returns)."""
    return StrPrinter().doprint(e)
