"""What the LaTeX and pretty printers share: symbol names, quotient splitting, arguments.

Symbol names read as math: a spelled-out Greek name becomes the letter, and a
trailing index becomes a subscript.

>>> split_name("w_2"), split_name("x12"), split_name("alpha_i_j")
(('w', ['2']), ('x', ['12']), ('alpha', ['i', 'j']))
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from ..core.expr import Expr

#: Spelled-out Greek names -> (unicode letter, LaTeX). Capitals without a LaTeX macro
#: are the Latin letters that look the same (Alpha -> A), as in SymPy.
GREEK: dict[str, tuple[str, str]] = {}
_LOWER = ("alpha α,beta β,gamma γ,delta δ,epsilon ε,zeta ζ,eta η,theta θ,iota ι,kappa κ,"
          "lambda λ,mu μ,nu ν,xi ξ,omicron ο,pi π,rho ρ,sigma σ,tau τ,upsilon υ,phi φ,chi χ,"
          "psi ψ,omega ω")
for _pair in _LOWER.split(","):
    _name, _ch = _pair.split()
    GREEK[_name] = (_ch, "o" if _name == "omicron" else "\\" + _name)
_UPPER_LATIN = {"Alpha": "A", "Beta": "B", "Epsilon": "E", "Zeta": "Z", "Eta": "H", "Iota": "I",
                "Kappa": "K", "Mu": "M", "Nu": "N", "Omicron": "O", "Rho": "P", "Tau": "T",
                "Chi": "X"}
for _name, (_ch, _tex) in list(GREEK.items()):
    _cap = _name.capitalize()
    GREEK[_cap] = (_ch.upper(), _UPPER_LATIN.get(_cap, "\\" + _cap))
#: Greek unicode letter -> LaTeX (so a symbol named "α" prints as \alpha).
GREEK_LATEX_OF_CHAR = {ch: tex for ch, tex in GREEK.values()}
GREEK_LATEX_OF_CHAR["ς"] = "\\varsigma"

#: Functions whose integer powers go on the name, as in textbooks: sin²(x), \\sin^{2}.
POWER_ON_NAME = frozenset({"sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan",
                           "sinh", "cosh", "tanh", "coth", "sech", "csch", "log"})

_TRAILING_DIGITS = re.compile(r"^(\D+?)(\d+)$")


def split_name(name: str) -> tuple[str, list[str]]:
    """(base, subscripts) of a symbol name: ``w_2``, ``x1`` and ``W_i_j`` carry subscripts."""
    if "_" in name.strip("_"):
        lead = len(name) - len(name.lstrip("_"))
        parts = name[lead:].split("_")
        return name[:lead] + parts[0], [p for p in parts[1:] if p]
    m = _TRAILING_DIGITS.match(name)
    if m:
        return m.group(1), [m.group(2)]
    return name, []


def greek_unicode(part: str) -> str:
    """``alpha`` -> ``α``; other names unchanged."""
    g = GREEK.get(part)
    return g[0] if g else part


def greek_latex(part: str) -> str:
    """``alpha`` or ``α`` -> ``\\alpha``; other names unchanged."""
    g = GREEK.get(part)
    if g:
        return g[1]
    if len(part) == 1 and part in GREEK_LATEX_OF_CHAR:
        return GREEK_LATEX_OF_CHAR[part]
    return part


def printed_args(e: Expr) -> tuple[Expr, ...]:
    """Arguments of an application, less trailing ones equal to their defaults (as str does)."""
    return e.visible_args()


def is_negative_term(t: Expr) -> bool:
    """A term that a sum prints after a minus sign."""
    if t.is_Number:
        return t.value < 0
    if t.is_Mul:
        return t._coeff < 0
    return False


def inverted(e: Expr) -> Expr:
    """b^(-n) -> b^n for a power with a negative numeric exponent."""
    from ..core.arithmetic import power
    from ..core.numbers import number

    b, x = e._args
    return power(b, number(-x.value))


def has_negative_number_exp(e: Expr) -> bool:
    return e.is_Pow and e._args[1].is_Number and e._args[1].value < 0


def split_quotient(e: Expr) -> tuple[bool, Any, list[Expr], Any, list[Expr]]:
    """A product as (negative, numeric numerator, factors, numeric denominator, factors).

    The same split as the str printer: a rational coefficient p/q puts p above and q
    below, and factors with negative numeric exponents go below, inverted. The numeric
    parts are Python numbers, 1 when absent.

    >>> from symcalc import symbols, Rational
    >>> x, y = symbols("x y")
    >>> split_quotient(Rational(-3, 4) * x / y**2)
    (True, 3, [x], 4, [y^2])
    """
    c = e._coeff
    neg = c < 0
    a = -c if neg else c
    num_c: Any = a
    den_c: Any = 1
    if isinstance(a, Fraction):
        num_c, den_c = a.numerator, a.denominator
    num: list[Expr] = []
    den: list[Expr] = []
    for f in e._factors:
        if has_negative_number_exp(f):
            den.append(inverted(f))
        else:
            num.append(f)
    if neg:
        # Canonical sums in products lead with a positive term (x*(1 - x) is stored as
        # -x*(x - 1)); show the sign inside a sum when that reads better.
        for i, f in enumerate(num):
            if f.is_Add and _positives(-f) >= _positives(f):
                num[i] = -f
                neg = False
                break
    return neg, num_c, num, den_c, den


def _positives(s: Expr) -> int:
    return sum(1 for t in s._args if not is_negative_term(t))


def root_index(x: Expr) -> int | None:
    """n when the exponent ``x`` is exactly 1/n (n >= 2), else None."""
    if x.is_Number and isinstance(x.value, Fraction) and x.value.numerator == 1:
        return x.value.denominator
    return None
