"""Shapes of tensor expressions: tuples of dimensions, each an int or a scalar symbol.

>>> from symcalc import Symbol
>>> n = Symbol("n")
>>> broadcast((n, 3), (), "+")
(n, 3)
>>> broadcast((n, 3), (3,), "+")
(n, 3)
"""

from __future__ import annotations

from typing import Any

from ..core import Expr, as_expr
from ..errors import ShapeError

Dim = Any  # int | Expr
Shape = tuple


def dim(d: Any) -> Dim:
    """A dimension: a nonnegative int, or a scalar expression (a symbol such as ``n``)."""
    if isinstance(d, bool):
        raise ShapeError(f"a dimension must be an integer or a symbol, not {d!r}")
    if isinstance(d, int):
        if d < 0:
            raise ShapeError(f"a dimension must be nonnegative, not {d}")
        return d
    if isinstance(d, str):
        from ..core import Symbol

        return Symbol(d)
    e = as_expr(d)
    if e.is_Number:
        v = e.value
        if int(v) != v or v < 0:
            raise ShapeError(f"a dimension must be a nonnegative integer, not {e}")
        return int(v)
    return e


def shape_of(dims: Any) -> Shape:
    return tuple(dim(d) for d in dims)


def fmt(shape: Shape) -> str:
    """``(3, n)``: how a shape reads in error messages."""
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(d) for d in shape) + ")"


def same(a: Shape, b: Shape) -> bool:
    return len(a) == len(b) and all(x is y or x == y for x, y in zip(a, b))


def broadcast(a: Shape, b: Shape, op: str) -> Shape:
    """The shape of an elementwise operation, by NumPy's rule for trailing axes: equal
    shapes, a scalar with anything, or a shape that equals the trailing axes of the
    other (a bias of shape (k,) on every row of an (n, k) matrix). A dimension of 1 is
    not stretched: dimensions must agree."""
    if not a:
        return b
    if not b or same(a, b):
        return a
    long, short = (a, b) if len(a) >= len(b) else (b, a)
    if len(short) < len(long) and same(long[len(long) - len(short):], short):
        return long
    raise ShapeError(f"shapes {fmt(a)} and {fmt(b)} do not agree for elementwise {op}")


def size(shape: Shape) -> Expr | int:
    """The number of entries: a product of the dimensions."""
    out: Any = 1
    for d in shape:
        out = out * d
    return out if isinstance(out, int) else as_expr(out)


def concrete(shape: Shape) -> bool:
    return all(isinstance(d, int) for d in shape)
