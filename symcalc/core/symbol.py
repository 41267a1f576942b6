"""Symbols: real by default, optionally positive, nonnegative or integer.

>>> from symcalc import Symbol, symbols
>>> x = Symbol("x", positive=True)
>>> a, b = symbols("a b")
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import SymbolNameError
from .expr import Atom, lookup, register

#: Names that the grammar reads as something else (constants, functions); filled by
#: ``core/__init__`` from the registry. A Symbol may not take one of them, so that
#: every expression prints as text that parses back to itself.
RESERVED: set[str] = set()
#: The grammar's NAME token (grammar/symcalc.lark): a name must read back as one, so
#: π (the constant pi) and superscript digits (powers) cannot occur in it.
_NAME = re.compile(r"[^\W\d⁰¹²³⁴⁵⁶⁷⁸⁹π][^\W⁰¹²³⁴⁵⁶⁷⁸⁹π]*")
_KEYWORDS = frozenset({"and", "or", "not", "if"})


class Symbol(Atom):
    """A real variable. Two symbols are the same object iff name and assumptions agree."""

    __slots__ = ("name", "positive", "nonnegative", "integer")
    is_Symbol = True
    name: str
    positive: bool
    nonnegative: bool
    integer: bool

    def __new__(cls, name: str, *, positive: bool = False, nonnegative: bool = False,
                integer: bool = False, real: bool = True) -> Symbol:
        if not real:
            raise ValueError("symcalc symbols are real; complex symbols are not supported")
        nonnegative = bool(nonnegative or positive)
        key = ("S", name, bool(positive), nonnegative, bool(integer))
        o = lookup(key)
        if o is not None:
            return o
        if not isinstance(name, str) or not name.isidentifier() or \
                _NAME.fullmatch(name) is None:
            raise SymbolNameError(f"invalid symbol name {name!r}: use letters, digits and "
                                  "underscores, starting with a letter (π, ∞ and "
                                  "superscript digits are not letters here)")
        if name in RESERVED or name in _KEYWORDS:
            raise SymbolNameError(f"{name!r} is a reserved name (a function, constant or "
                                  "keyword) and cannot be a symbol")
        o = object.__new__(cls)  # (inlined interning: symbols are made in every parse)
        o._args = ()
        o._skey = None
        o._facts = None
        o.name = name
        o.positive = key[2]
        o.nonnegative = nonnegative
        o.integer = key[4]
        return register(key, o)

    def _make_sort_key(self) -> tuple:
        return (2, self.name, self.positive, self.nonnegative, self.integer)

    def __reduce__(self):
        return (_symbol, (self.name, self.positive, self.nonnegative, self.integer))

    @property
    def head(self) -> str:
        return "Symbol"

    @property
    def func(self):
        return lambda: self


def _symbol(name: str, positive: bool, nonnegative: bool, integer: bool) -> Symbol:
    return Symbol(name, positive=positive, nonnegative=nonnegative, integer=integer)


def symbols(names: str, **assumptions: Any) -> tuple[Symbol, ...] | Symbol:
    """Several symbols at once: ``x, y = symbols("x y")`` (commas also separate).

    A single name gives a single symbol, as in SymPy.
    """
    parts = [p for p in names.replace(",", " ").split() if p]
    syms = tuple(Symbol(p, **assumptions) for p in parts)
    return syms[0] if len(syms) == 1 else syms
