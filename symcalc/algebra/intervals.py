"""Sets of real numbers as unions of intervals: what ``solve`` returns for inequalities.

An :class:`Interval` has exact endpoints (expressions: numbers, radicals, ``-oo``,
``oo``) and says for each whether it is open. A :class:`RealSet` is a sorted union of
disjoint, non-touching intervals (a single point is the closed interval ``[a, a]``,
printed ``{a}``). Both print the way they are written in a textbook and compare equal
by value; ``contains(v)`` tests a number.

>>> from symcalc import oo, sqrt
>>> s = RealSet([Interval(-oo, -2, True, True), Interval(2, oo, False, True)])
>>> s
(-oo, -2) ∪ [2, oo)
>>> s.contains(3), s.contains(2), s.contains(0)
(True, True, False)
>>> RealSet([Interval(1, 1)])
{1}
>>> RealSet([])
{}
"""

from __future__ import annotations

from typing import Any

from ..core.expr import Expr, as_expr
from ..core.numbers import oo

__all__ = ["Interval", "RealSet"]


def _num(e: Expr) -> float:
    if e is oo:
        return float("inf")
    if e == -oo:
        return float("-inf")
    return float(e.evalf())


class Interval:
    """The interval between ``lo`` and ``hi`` (each end open or closed)."""

    __slots__ = ("lo", "hi", "left_open", "right_open")

    def __init__(self, lo: Any, hi: Any, left_open: bool = False,
                 right_open: bool = False) -> None:
        self.lo, self.hi = as_expr(lo), as_expr(hi)
        # an infinite end is always open
        self.left_open = bool(left_open) or self.lo == -oo
        self.right_open = bool(right_open) or self.hi is oo

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi and not self.left_open and not self.right_open

    def contains(self, v: Any) -> bool:
        """Whether the number ``v`` lies in the interval (compared numerically)."""
        w = float(v) if not isinstance(v, Expr) else _num(v)
        lo, hi = _num(self.lo), _num(self.hi)
        return (lo < w if self.left_open else lo <= w) and (w < hi if self.right_open
                                                             else w <= hi)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Interval) and (self.lo, self.hi, self.left_open,
                                                 self.right_open) == (
            other.lo, other.hi, other.left_open, other.right_open)

    def __hash__(self) -> int:
        return hash((self.lo, self.hi, self.left_open, self.right_open))

    def __str__(self) -> str:
        if self.is_point:
            return "{" + str(self.lo) + "}"
        return (("(" if self.left_open else "[") + f"{self.lo}, {self.hi}" +
                (")" if self.right_open else "]"))

    __repr__ = __str__


class RealSet:
    """A union of disjoint intervals, sorted (what ``solve`` gives for an inequality)."""

    __slots__ = ("intervals",)

    def __init__(self, intervals: list[Interval]) -> None:
        self.intervals = tuple(intervals)

    def contains(self, v: Any) -> bool:
        return any(i.contains(v) for i in self.intervals)

    @property
    def is_empty(self) -> bool:
        return not self.intervals

    def __iter__(self):  # noqa: ANN204 - the intervals
        return iter(self.intervals)

    def __len__(self) -> int:
        return len(self.intervals)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Interval):
            return self.intervals == (other,)
        return isinstance(other, RealSet) and self.intervals == other.intervals

    def __hash__(self) -> int:
        return hash(self.intervals)

    def __str__(self) -> str:
        if not self.intervals:
            return "{}"
        return " ∪ ".join(map(str, self.intervals))

    __repr__ = __str__

    def intersect(self, other: RealSet) -> RealSet:
        """The points in both sets."""
        out = []
        for a in self.intervals:
            for b in other.intervals:
                i = _meet(a, b)
                if i is not None:
                    out.append(i)
        return _normal(out)

    def union(self, other: RealSet) -> RealSet:
        """The points in either set."""
        return _normal(list(self.intervals) + list(other.intervals))

    def _repr_latex_(self) -> str:
        from ..printing.latex import latex

        def one(i: Interval) -> str:
            if i.is_point:
                return r"\{" + latex(i.lo) + r"\}"
            return (("(" if i.left_open else "[") + latex(i.lo) + ", " + latex(i.hi) +
                    (")" if i.right_open else "]"))

        if not self.intervals:
            return r"$\emptyset$"
        return "$" + r" \cup ".join(one(i) for i in self.intervals) + "$"


def _cmp(a: Expr, b: Expr) -> int:
    if a is b or a == b:
        return 0
    va, vb = _num(a), _num(b)
    if va == vb:
        return 0
    return -1 if va < vb else 1


def _meet(a: Interval, b: Interval) -> Interval | None:
    c = _cmp(a.lo, b.lo)
    lo, lo_open = (a.lo, a.left_open) if c > 0 else (b.lo, b.left_open) if c < 0 else \
        (a.lo, a.left_open or b.left_open)
    c = _cmp(a.hi, b.hi)
    hi, hi_open = (a.hi, a.right_open) if c < 0 else (b.hi, b.right_open) if c > 0 else \
        (a.hi, a.right_open or b.right_open)
    c = _cmp(lo, hi)
    if c > 0 or (c == 0 and (lo_open or hi_open)):
        return None
    return Interval(lo, hi, lo_open, hi_open)


def _normal(items: list[Interval]) -> RealSet:
    """Sorted, disjoint, non-touching intervals covering the same points."""
    import functools

    def key(a: Interval, b: Interval) -> int:
        c = _cmp(a.lo, b.lo)
        if c:
            return c
        return (a.left_open > b.left_open) - (a.left_open < b.left_open)

    out: list[Interval] = []
    for i in sorted(items, key=functools.cmp_to_key(key)):
        if out:
            cur = out[-1]
            c = _cmp(i.lo, cur.hi)
            if c < 0 or (c == 0 and not (cur.right_open and i.left_open)):
                h = _cmp(i.hi, cur.hi)
                if h > 0:
                    out[-1] = Interval(cur.lo, i.hi, cur.left_open, i.right_open)
                elif h == 0:
                    out[-1] = Interval(cur.lo, cur.hi, cur.left_open,
                                       cur.right_open and i.right_open)
                continue
        out.append(i)
    return RealSet(out)
