"""Arithmetic on explicit matrices and list literals in parsed text.

When an operand of ``+ - * / ^`` is a :class:`Matrix` (a REPL variable such as a
Hessian) or a list literal (``[1, 2]``, ``[[1, 2], [3, 4]]``), the parser's callbacks
come here instead of building a scalar expression. A flat list is a column vector; a
list of lists a matrix. ``*`` between two matrices is the matrix product, in the
order written (``@`` too); ``scalar*M``, ``M/scalar``, ``M + N``, ``-M`` and ``M^k``
(integer k; negative: powers of the inverse) are what they are in linear algebra, and a
matrix plus a scalar is refused. Results computed from flat lists alone come back as
lists (``[1, 2] + [3, 4]`` is ``[4, 6]``).

>>> from symcalc.parse import parse
>>> parse("[1, 2] + [3, 4]")
[4, 6]
>>> parse("[[1, 2], [3, 4]] * [[0, 1], [1, 0]]")
Matrix([[2, 1], [4, 3]])
>>> parse("2*[[1, 2], [3, 4]]^2")
Matrix([[14, 20], [30, 44]])
"""

from __future__ import annotations

from typing import Any

from ..core.expr import Expr
from ..core.matrix import Matrix
from ..errors import ShapeError
from .lalr import Tok

_TIMES = frozenset("*·×⋅@")


def is_matrix_operand(v: Any) -> bool:
    return isinstance(v, (Matrix, list))


def any_matrix(c: list) -> bool:
    return any(isinstance(a, (Matrix, list)) for a in c)


class _Acc:
    """A running value, remembering whether only flat lists were involved."""

    def __init__(self) -> None:
        self.flat_only = True
        self.saw_matrix = False

    def conv(self, v: Any) -> Any:
        if isinstance(v, list):
            self.saw_matrix = True
            if v and all(isinstance(r, list) for r in v):
                self.flat_only = False
                return Matrix(v)
            if any(isinstance(r, (list, tuple)) for r in v):
                raise ShapeError("a matrix literal needs rows of equal length: "
                                 "[[1, 2], [3, 4]]")
            return Matrix([[e] for e in v])
        if isinstance(v, Matrix):
            self.saw_matrix = True
            self.flat_only = False
            return v
        if isinstance(v, tuple):
            raise ShapeError("a tuple cannot be used in arithmetic")
        return v

    def out(self, v: Any) -> Any:
        if isinstance(v, Matrix) and self.flat_only and v.shape[1] == 1:
            return [r[0] for r in v.rows]
        return v


def _add(a: Any, b: Any, sign: int) -> Any:
    am, bm = isinstance(a, Matrix), isinstance(b, Matrix)
    if am and bm:
        if a.shape != b.shape:
            raise ShapeError(f"cannot add matrices of shapes {a.shape[0]}x{a.shape[1]} and "
                             f"{b.shape[0]}x{b.shape[1]}")
        return a + b if sign > 0 else a - b
    raise ShapeError("cannot add a matrix and a scalar; to add c to every entry, "
                     "multiply a matrix of ones by c")


def _mul(a: Any, b: Any) -> Any:
    am, bm = isinstance(a, Matrix), isinstance(b, Matrix)
    if am and bm:
        if a.shape[1] != b.shape[0]:
            raise ShapeError(f"cannot multiply matrices of shapes {a.shape[0]}x{a.shape[1]} "
                             f"and {b.shape[0]}x{b.shape[1]}")
        return a @ b
    if am:
        return a * b
    if bm:
        return b.__rmul__(a)
    return a * b


def sum_(c: list) -> Any:
    acc = _Acc()
    v = acc.conv(c[0])
    for i in range(1, len(c), 2):
        t = acc.conv(c[i + 1])
        sign = 1 if c[i].value == "+" else -1
        if isinstance(v, Expr) and isinstance(t, Expr):
            v = v + t if sign > 0 else v - t
        else:
            v = _add(v, t, sign)
    return acc.out(v)


def product(c: list) -> Any:
    acc = _Acc()
    v = acc.conv(c[0])
    i, n = 1, len(c)
    while i < n:
        f = c[i]
        if type(f) is Tok:  # an operator; implicit products have none
            g = acc.conv(c[i + 1])
            if f.value in _TIMES:
                v = _mul(v, g)
            else:
                if isinstance(g, Matrix):
                    raise ShapeError("cannot divide by a matrix; multiply by inv(M)")
                v = v / g
            i += 2
        else:
            v = _mul(v, acc.conv(f))
            i += 1
    return acc.out(v)


def signed(c: list) -> Any:
    acc = _Acc()
    v = acc.conv(c[1])
    return acc.out(v if c[0].value == "+" else -v)


def pow_(base: Any, k: Any) -> Any:
    acc = _Acc()
    b = acc.conv(base)
    if isinstance(k, (list, Matrix)):
        raise ShapeError("a matrix cannot be an exponent")
    if not isinstance(b, Matrix):
        raise ShapeError("a matrix cannot be an exponent")
    return acc.out(b ** k)
