"""The order in which printers show the terms of a sum: descending powers.

Terms are ordered by their exponent vector over the sum's symbols (alphabetical),
lexicographically descending, so ``x^2 + 2*x*y + y^2`` and ``x^3 + x + 1``; a term
that is not a monomial (``sin(x)``) counts as degree 0 in the symbols outside it,
and the constant comes last, followed only by an imaginary constant (``x + 1 + 2*I``).
"""

from __future__ import annotations

from ..core.expr import Expr
from ..core.gaussian import I


def _monomial(t: Expr) -> dict:
    """symbol -> exponent of the symbol powers (numeric exponents) among t's factors."""
    rest = t._factors if t.is_Mul else (t,)
    out: dict = {}
    for f in rest:
        if f.is_Symbol:
            out[f] = out.get(f, 0) + 1
        elif f.is_Pow and f._args[0].is_Symbol and f._args[1].is_Number:
            b = f._args[0]
            out[b] = out.get(b, 0) + f._args[1].value
    return out


# A sparse key that sorts like the dense exponent vector (over all the sum's symbols,
# alphabetical) compared lexicographically descending. Each nonzero exponent e of the
# symbol of rank r is one element: (0, r, -e) if e > 0, (2, -r, -e) if e < 0; _END (1,)
# closes the list. At the first difference between two terms, the one whose earlier
# symbol has a positive exponent (where the other has 0) comes first, the one whose
# earlier symbol has a negative exponent comes last: exactly the dense comparison, in
# O(size of the term) memory instead of O(number of symbols).
_END = (1,)


def _sparse_key(mono: dict, rank: dict) -> tuple:
    items = sorted((rank[s], e) for s, e in mono.items() if e != 0)
    return tuple([(0, r, -e) if e > 0 else (2, -r, -e) for r, e in items] + [_END])


def _power_of_one_base(t: Expr) -> tuple[Expr | None, object] | None:
    """``(B, k)`` when ``t`` is a coefficient free of symbols times ``B^k`` (``B`` a
    symbol or a sum, ``k`` a number), ``(None, 0)`` when ``t`` has no symbol, else None."""
    found = None
    for f in (t._factors if t.is_Mul else (t,)):
        if _constant(f):
            continue
        if found is not None:
            return None
        if f.is_Pow and f._args[1].is_Number and (f._args[0].is_Symbol or f._args[0].is_Add):
            found = (f._args[0], f._args[1].value)
        elif f.is_Symbol or f.is_Add:
            found = (f, 1)
        else:
            return None
    return found if found is not None else (None, 0)


def _constant(f: Expr, budget: int = 64) -> bool:
    """``f`` has no symbol, judged on at most ``budget`` nodes (a bigger ``f`` counts
    as having one: printing stays linear in deep expressions)."""
    stack = [f]
    while stack:
        budget -= 1
        if budget < 0:
            return False
        node = stack.pop()
        if node.is_Symbol:
            return False
        stack.extend(node._args)
    return True


def ascending_terms(e: Expr) -> list[Expr] | None:
    """The terms of a sum in one variable (``x`` or a shifted one, ``x - 1``) by
    ascending powers, as series are written (``1/2 + x/4 - x^3/48``,
    ``E + E*(x - 1) + E*(x - 1)^2/2``); None for any other sum, and for a sum of
    degree below 2 (``x - 1`` stays as it is)."""
    keyed = []
    base = None
    for pos, t in enumerate(e._args):
        bk = _power_of_one_base(t)
        if bk is None or (bk[0] is not None and base is not None and bk[0] is not base):
            return None
        if bk[0] is not None:
            base = bk[0]
        if isinstance(bk[1], complex):
            return None
        keyed.append((bk[1], pos, t))
    if base is None or len(keyed) < 2 or max(k[0] for k in keyed) < 2:
        return None     # x - 1 stays as it is
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [t for _, _, t in keyed]


def add_terms_in_print_order(e: Expr, ascending: bool | str = False) -> list[Expr]:
    """The terms of the sum ``e`` in print order. ``ascending=True``: a sum in one
    variable by ascending powers (:func:`ascending_terms`), as for a series;
    ``"auto"``: so only where descending order cannot be kept (a sum in ``x - a``,
    or ``x/4 - x^3/48 + 1/2``, where the leading term had to be a positive one)."""
    if ascending:
        up = ascending_terms(e)
        if up is not None:
            if ascending is True:
                return up
            base = next(b for b, _ in map(_power_of_one_base, up) if b is not None)
            down = _descending(e)
            degrees = [_power_of_one_base(t)[1] for t in down]   # type: ignore[index]
            if base.is_Add or any(a < b for a, b in zip(degrees, degrees[1:])):
                return up
            return down
    return _descending(e)


def _descending(e: Expr) -> list[Expr]:
    terms = list(e._args)
    const = []
    if terms[0].is_Number:
        const = [terms.pop(0)]
    monos = [_monomial(t) for t in terms]
    syms = sorted({s for m in monos for s in m}, key=lambda s: s.sort_key())
    rank = {s: i for i, s in enumerate(syms)}
    keyed = [(_sparse_key(m, rank), pos) for pos, m in enumerate(monos)]
    keyed.sort()
    ordered = [terms[pos] for _, pos in keyed]
    # The imaginary part of a Gaussian number follows its real part: "x + 1 + 2*I".
    imag = [t for t in ordered if _imaginary(t)]
    out = [t for t in ordered if not _imaginary(t)] + const + imag
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
