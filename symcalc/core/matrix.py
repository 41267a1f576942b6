"""A small immutable matrix of expressions (Jacobians, Hessians).

>>> from symcalc import Matrix, symbols
>>> x, y = symbols("x y")
>>> M = Matrix([[2*x, 1], [y, x]])
>>> M.shape, M[1, 0], M.T
((2, 2), y, Matrix([[2*x, y], [1, x]]))
>>> M @ Matrix([[1], [0]])
Matrix([[2*x], [y]])
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .arithmetic import add, mul
from .expr import Expr, as_expr


class Matrix:
    """A rows x cols grid of expressions; immutable and hashable."""

    __slots__ = ("_rows", "_hash")

    def __init__(self, rows: Any) -> None:
        if isinstance(rows, Matrix):
            self._rows = rows._rows
        else:
            rows = [list(r) if isinstance(r, (list, tuple)) else [r] for r in rows]
            if rows and any(len(r) != len(rows[0]) for r in rows):
                raise ValueError("Matrix: all rows must have the same length")
            self._rows = tuple(tuple(as_expr(v) for v in r) for r in rows)
        self._hash = None

    # ---- shape and access

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self._rows), len(self._rows[0]) if self._rows else 0)

    @property
    def rows(self) -> tuple[tuple[Expr, ...], ...]:
        return self._rows

    def __getitem__(self, idx: Any) -> Any:
        if isinstance(idx, tuple):
            i, j = idx
            return self._rows[i][j]
        r = self._rows[idx]
        return Matrix([r]) if isinstance(idx, int) else Matrix(r)

    def __iter__(self) -> Iterator[tuple[Expr, ...]]:
        """Iterates over rows (tuples of expressions)."""
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def tolist(self) -> list[list[Expr]]:
        return [list(r) for r in self._rows]

    # ---- algebra

    @property
    def T(self) -> Matrix:
        return Matrix(list(zip(*self._rows))) if self._rows else self

    def transpose(self) -> Matrix:
        return self.T

    def __matmul__(self, other: Any) -> Matrix:
        o = other if isinstance(other, Matrix) else Matrix(other)
        n, k = self.shape
        k2, m = o.shape
        if k != k2:
            raise ValueError(f"matrix product of shapes {self.shape} and {o.shape}")
        cols = o.T._rows
        return Matrix([[add(*(mul(a, b) for a, b in zip(r, c))) for c in cols]
                       for r in self._rows])

    def _elementwise(self, other: Any, op: Any) -> Matrix:
        if isinstance(other, Matrix):
            if other.shape != self.shape:
                raise ValueError(f"shapes {self.shape} and {other.shape} differ")
            return Matrix([[op(a, b) for a, b in zip(r, s)]
                           for r, s in zip(self._rows, other._rows)])
        v = as_expr(other)
        return Matrix([[op(a, v) for a in r] for r in self._rows])

    def __add__(self, other: Any) -> Matrix:
        return self._elementwise(other, add)

    def __sub__(self, other: Any) -> Matrix:
        return self._elementwise(other, lambda a, b: add(a, mul(-1, b)))

    def __mul__(self, other: Any) -> Matrix:
        if isinstance(other, Matrix):
            return self @ other
        return self._elementwise(other, mul)

    def __rmul__(self, other: Any) -> Matrix:
        return self._elementwise(other, lambda a, b: mul(b, a))

    def __radd__(self, other: Any) -> Matrix:
        return self._elementwise(other, lambda a, b: add(b, a))

    def __rsub__(self, other: Any) -> Matrix:
        return self._elementwise(other, lambda a, b: add(b, mul(-1, a)))

    def __truediv__(self, other: Any) -> Matrix:
        if isinstance(other, Matrix):
            return NotImplemented
        return self._elementwise(other, lambda a, b: mul(a, b ** -1))

    def __pow__(self, k: Any) -> Matrix:
        """``M**k`` for an integer ``k`` (a negative one: a power of the inverse)."""
        from ..algebra.matrices import matrix_power

        if isinstance(k, Expr) and k.is_Number:
            k = k.value
        return matrix_power(self, k)

    def __neg__(self) -> Matrix:
        return self.applyfunc(lambda a: mul(-1, a))

    def applyfunc(self, f: Any) -> Matrix:
        return Matrix([[f(a) for a in r] for r in self._rows])

    def subs(self, *args: Any, **kw: Any) -> Matrix:
        return self.applyfunc(lambda a: a.subs(*args, **kw))

    def expand(self) -> Matrix:
        return self.applyfunc(lambda a: a.expand())

    def evalf(self, subs: dict | None = None) -> Any:
        """A NumPy array of the numeric values (complex dtype only if needed)."""
        import numpy as np

        vals = [[a.evalf(subs) for a in r] for r in self._rows]
        dtype = complex if any(isinstance(v, complex) for r in vals for v in r) else float
        return np.array(vals, dtype=dtype)

    @property
    def free_symbols(self) -> frozenset:
        out: frozenset = frozenset()
        for r in self._rows:
            for a in r:
                out |= a.free_symbols
        return out

    # ---- linear algebra (symcalc.algebra.matrices, symcalc.algebra.eigen)

    @classmethod
    def eye(cls, n: int) -> Matrix:
        """The n x n identity matrix."""
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])

    @classmethod
    def zeros(cls, n: int, m: int | None = None) -> Matrix:
        """The n x m zero matrix (square if m is left out)."""
        return cls([[0] * (n if m is None else m) for _ in range(n)])

    def det(self) -> Expr:
        """The determinant (Bareiss' fraction-free elimination)."""
        from ..algebra.matrices import det

        return det(self)

    def inv(self) -> Matrix:
        """The inverse; NonInvertibleMatrixError if singular."""
        from ..algebra.matrices import inv

        return inv(self)

    def rank(self) -> int:
        """The rank (generic in the parameters)."""
        from ..algebra.matrices import rank

        return rank(self)

    def rref(self) -> tuple[Matrix, tuple[int, ...]]:
        """The reduced row echelon form and the pivot columns."""
        from ..algebra.matrices import rref

        return rref(self)

    def nullspace(self) -> list[Matrix]:
        """A basis of the null space (column vectors)."""
        from ..algebra.matrices import nullspace

        return nullspace(self)

    def adjugate(self) -> Matrix:
        """The adjugate: adj(M) M = det(M) I."""
        from ..algebra.matrices import adjugate

        return adjugate(self)

    def trace(self) -> Expr:
        """The sum of the diagonal."""
        from ..algebra.matrices import trace

        return trace(self)

    def norm(self, ord: Any = None) -> Expr:
        """Frobenius norm by default; ord = 1, 2, 'inf', 'fro'."""
        from ..algebra.matrices import norm

        return norm(self, ord)

    def cond(self, ord: Any = None) -> Expr:
        """The condition number (2-norm by default)."""
        from ..algebra.matrices import cond

        return cond(self, ord)

    def LU(self) -> tuple[Matrix, Matrix, Matrix]:
        """(P, L, U) with P M = L U."""
        from ..algebra.matrices import lu

        return lu(self)

    def cholesky(self) -> Matrix:
        """L lower triangular with M = L Lᵀ."""
        from ..algebra.matrices import cholesky

        return cholesky(self)

    def charpoly(self, lam: Any = None) -> Expr:
        """det(lam I - M), expanded (lam defaults to the symbol ``lambda``)."""
        from ..algebra.eigen import charpoly

        return charpoly(self, lam)

    def eigenvals(self) -> dict:
        """{eigenvalue: algebraic multiplicity}, exact for exact matrices."""
        from ..algebra.eigen import eigenvals

        return eigenvals(self)

    def eigenvects(self) -> list:
        """[(eigenvalue, multiplicity, [eigenvectors])], exact."""
        from ..algebra.eigen import eigenvects

        return eigenvects(self)

    def solve(self, b: Any) -> Matrix:
        """The solution x of M x = b for an invertible M."""
        return self.inv() @ (b if isinstance(b, Matrix) else Matrix(b))

    # ---- identity

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, Matrix):
            return self._rows == other._rows
        if isinstance(other, (list, tuple)):
            try:
                return self == Matrix(other)
            except (TypeError, ValueError):
                return False
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self._rows)
        return self._hash

    # ---- printing

    def __repr__(self) -> str:
        rows = ", ".join("[" + ", ".join(str(a) for a in r) + "]" for r in self._rows)
        return f"Matrix([{rows}])"

    __str__ = __repr__

    def _repr_latex_(self) -> str:
        from ..printing.latex import latex

        return f"$\\displaystyle {latex(self)}$"
