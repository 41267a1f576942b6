"""The order in which printers show the terms of a sum: descending powers.

Terms are ordered by their exponent vector over the sum's symbols (alphabetical),
lexicographically descending, so ``x^2 + 2*x*y + y^2`` and ``x^3 + x + 1``; a term
that is not a monomial (``sin(x)``) counts as degree 0 in the symbols outside it,
and the constant comes last, followed only by an imaginary constant (``x + 1 + 2*I``).
"""

from __future__ import annotations

from ..core.expr import Expr
from ..core.gaussian import I


def _degrees(t: Expr, index: dict) -> list:
    vec = [0] * len(index)
    rest = t._factors if t.is_Mul else (t,)
    for f in rest:
        if f.is_Symbol:
            vec[index[f]] += 1
        elif f.is_Pow and f._args[0].is_Symbol and f._args[1].is_Number:
            vec[index[f._args[0]]] += f._args[1].value
    return vec


def add_terms_in_print_order(e: Expr) -> list[Expr]:
    """The terms of the sum ``e`` in print order."""
    terms = list(e._args)
    const = []
    if terms[0].is_Number:
        const = [terms.pop(0)]
    syms = sorted({s for t in terms for s in _symbols_of(t)}, key=lambda s: s.sort_key())
    index = {s: i for i, s in enumerate(syms)}
    keyed = []
    for pos, t in enumerate(terms):
        vec = _degrees(t, index)
        keyed.append(([-v for v in vec], pos, t))
    keyed.sort(key=lambda k: (k[0], k[1]))
    # The imaginary part of a Gaussian number follows its real part: "x + 1 + 2*I".
    imag = [t for _, _, t in keyed if _imaginary(t)]
    out = [t for _, _, t in keyed if not _imaginary(t)] + const + imag
    if imag and not syms:
        return out  # a complex number as a + b*I, whatever the signs: "-1 - 2*I"
    # Lead with a positive term when there is one: "1 - x" rather than "-x + 1".
    if _negative(out[0]):
        for i, t in enumerate(out):
            if not _negative(t):
                out.insert(0, out.pop(i))
                break
    return out


def _imaginary(t: Expr) -> bool:
    """I times a factor free of symbols: ``I``, ``-2*I``, ``sqrt(3)*I/2``."""
    if t is I:
        return True
    return t.is_Mul and I in t._factors and not any(_has_symbol(f) for f in t._factors)


def _has_symbol(e: Expr) -> bool:
    return e.is_Symbol or any(_has_symbol(a) for a in e._args)


def _negative(t: Expr) -> bool:
    if t.is_Number:
        return t.value < 0
    return t.is_Mul and t._coeff < 0


def _symbols_of(t: Expr) -> list:
    rest = t._factors if t.is_Mul else (t,)
    out = []
    for f in rest:
        if f.is_Symbol:
            out.append(f)
        elif f.is_Pow and f._args[0].is_Symbol and f._args[1].is_Number:
            out.append(f._args[0])
    return out
