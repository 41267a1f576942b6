"""Relations (``x < 1``), booleans, ``and``/``or``/``not`` and ``piecewise``.

Relations are expressions; they decide to ``true``/``false`` when the sign of
``lhs - rhs`` is known:

>>> from symcalc import Symbol, Piecewise
>>> x = Symbol("x")
>>> x**2 + 1 > 0
True
>>> Piecewise((x, x > 0), (0, True))
piecewise((x, x > 0), (0, True))
"""

from __future__ import annotations

from typing import Any

from . import assumptions as A
from .arithmetic import add, mul
from .expr import Atom, Expr, as_expr, interned
from .numbers import MINUS_ONE

OPS = ("<", "<=", ">", ">=", "==", "!=")


class BooleanAtom(Atom):
    """``true`` or ``false``."""

    __slots__ = ("value",)
    is_Boolean = True
    value: bool

    def __new__(cls, value: bool) -> BooleanAtom:
        return interned(cls, ("B", bool(value)), value=bool(value))

    def __bool__(self) -> bool:
        return self.value

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, bool):
            return self.value == other
        return self is other

    def __hash__(self) -> int:
        return hash(self.value)

    def _make_sort_key(self) -> tuple:
        return (9, self.value)

    @property
    def head(self) -> str:
        return "True" if self.value else "False"

    @property
    def func(self):
        return lambda: self


true = BooleanAtom(True)
false = BooleanAtom(False)


def as_bool(v: Any) -> Expr:
    if isinstance(v, bool):
        return true if v else false
    return as_expr(v)


class Relational(Expr):
    """lhs op rhs with op one of < <= > >= == !=."""

    __slots__ = ("op",)
    is_Relational = True
    is_Boolean = True
    op: str

    def __new__(cls, op: str, lhs: Any, rhs: Any) -> Expr:
        return rel(op, lhs, rhs)

    @property
    def lhs(self) -> Expr:
        return self._args[0]

    @property
    def rhs(self) -> Expr:
        return self._args[1]

    @property
    def head(self) -> str:
        return self.op

    @property
    def func(self):
        op = self.op
        return lambda lhs, rhs: rel(op, lhs, rhs)

    def _make_sort_key(self) -> tuple:
        return (7, self.op, self._args[0].sort_key(), self._args[1].sort_key())

    def __bool__(self) -> bool:
        raise TypeError(f"cannot decide the truth value of the relation {self}")


_DECIDE = {
    "<": {"-": True, "+": False, "0": False, "0+": False},
    "<=": {"-": True, "0": True, "0-": True, "+": False},
    ">": {"+": True, "-": False, "0": False, "0-": False},
    ">=": {"+": True, "0": True, "0+": True, "-": False},
    "==": {"0": True, "+": False, "-": False},
    "!=": {"0": False, "+": True, "-": True},
}


def rel(op: str, lhs: Any, rhs: Any) -> Expr:
    """The relation ``lhs op rhs``, decided when the sign of lhs - rhs is known."""
    if op not in OPS:
        raise ValueError(f"unknown relation {op!r}")
    lhs, rhs = as_expr(lhs), as_expr(rhs)
    if lhs is rhs and op in ("==", "<=", ">="):
        return true
    if lhs is rhs and op in ("!=", "<", ">"):
        return false
    if not (lhs.is_Boolean or rhs.is_Boolean):
        d = add(lhs, mul(MINUS_ONE, rhs))
        s = A.sign_class(d)
        if s is not None and s in _DECIDE[op]:
            return true if _DECIDE[op][s] else false
    return interned(Relational, ("Rel", op, lhs, rhs), (lhs, rhs), op=op)


def Eq(lhs: Any, rhs: Any) -> Expr:
    """The equation lhs == rhs (Python's ``==`` is identity for expressions)."""
    return rel("==", lhs, rhs)


def Ne(lhs: Any, rhs: Any) -> Expr:
    return rel("!=", lhs, rhs)


# --------------------------------------------------------------------------- and, or, not


class BoolOp(Expr):
    """And, Or (flat, sorted, without duplicates) and Not."""

    __slots__ = ("kind",)
    is_Boolean = True
    kind: str

    @property
    def head(self) -> str:
        return self.kind

    @property
    def func(self):
        return {"And": And, "Or": Or, "Not": Not}[self.kind]

    def _make_sort_key(self) -> tuple:
        return (10, self.kind, tuple(a.sort_key() for a in self._args))

    def __bool__(self) -> bool:
        raise TypeError(f"cannot decide the truth value of {self}")


def _boolop(kind: str, args: tuple) -> Expr:
    return interned(BoolOp, ("Bool", kind) + args, args, kind=kind)


def _junction(kind: str, absorbing: BooleanAtom, neutral: BooleanAtom, args: tuple) -> Expr:
    flat: list[Expr] = []
    for a in args:
        a = as_bool(a)
        if isinstance(a, BoolOp) and a.kind == kind:
            flat.extend(a._args)
        else:
            flat.append(a)
    out: list[Expr] = []
    for a in flat:
        if a is absorbing:
            return absorbing
        if a is neutral or a in out:
            continue
        out.append(a)
    if not out:
        return neutral
    if len(out) == 1:
        return out[0]
    out.sort(key=lambda e: e.sort_key())
    return _boolop(kind, tuple(out))


def And(*args: Any) -> Expr:
    """Conjunction of conditions."""
    return _junction("And", false, true, args)


def Or(*args: Any) -> Expr:
    """Disjunction of conditions."""
    return _junction("Or", true, false, args)


def Not(a: Any) -> Expr:
    """Negation of a condition."""
    a = as_bool(a)
    if a is true:
        return false
    if a is false:
        return true
    if isinstance(a, BoolOp) and a.kind == "Not":
        return a._args[0]
    if isinstance(a, Relational):
        flip = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
        return rel(flip[a.op], a._args[0], a._args[1])
    return _boolop("Not", (a,))


# --------------------------------------------------------------------------- piecewise


class Piecewise(Expr):
    """``piecewise((e1, c1), (e2, c2), ..., (default, True))``: the first true condition wins.

    ``args`` are flat ``(e1, c1, e2, c2, ...)``; ``pieces`` gives the pairs.
    """

    __slots__ = ()

    def __new__(cls, *pieces: Any) -> Expr:
        return piecewise(*pieces)

    @property
    def pieces(self) -> tuple[tuple[Expr, Expr], ...]:
        a = self._args
        return tuple((a[i], a[i + 1]) for i in range(0, len(a), 2))

    @property
    def func(self):
        def rebuild(*flat: Expr) -> Expr:
            return piecewise(*((flat[i], flat[i + 1]) for i in range(0, len(flat), 2)))
        return rebuild

    @property
    def head(self) -> str:
        return "piecewise"

    def _make_sort_key(self) -> tuple:
        return (8, tuple(a.sort_key() for a in self._args))


def piecewise(*pieces: Any) -> Expr:
    """Canonical piecewise: false branches dropped, everything after a true one dropped."""
    out: list[tuple[Expr, Expr]] = []
    for p in pieces:
        try:
            e, c = p
        except (TypeError, ValueError):
            raise TypeError("piecewise takes (expression, condition) pairs") from None
        e, c = as_expr(e), as_bool(c)
        if not c.is_Boolean:
            raise TypeError(f"piecewise condition must be a relation or True/False, got {c}")
        if c is false:
            continue
        if out and out[-1][0] is e and c is true:
            # (a, c1), (a, True) -> (a, True)
            out[-1] = (e, true)
            break
        out.append((e, c))
        if c is true:
            break
    if not out:
        from .numbers import nan

        return nan
    if out[0][1] is true:
        return out[0][0]
    args = tuple(x for pair in out for x in pair)
    return interned(Piecewise, ("Piecewise",) + args, args)
