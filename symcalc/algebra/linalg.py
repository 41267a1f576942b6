"""Module-level linear algebra: ``sc.det(M)``, ``sc.inv(M)``, ``sc.eigenvals(M)``, ...

``det``, ``inv``, ``trace`` and ``norm`` take an explicit :class:`Matrix` (or a list of
rows) and compute; given a shaped matrix *symbol* (``MatrixSymbol``) they build the
symbolic ``det(A)`` of :mod:`symcalc.tensor` instead.

>>> import symcalc as sc
>>> sc.det([[1, 2], [3, 4]])
-2
>>> sc.eigenvals(sc.Matrix([[2, 0], [0, 3]]))
{2: 1, 3: 1}
"""

from __future__ import annotations

from typing import Any

from ..core.expr import Expr
from ..core.matrix import Matrix
from . import eigen, matrices
from .matrices import as_matrix

__all__ = ["charpoly", "cholesky", "cond", "det", "eigenvals", "eigenvects", "eye", "inv",
           "lu", "norm", "nullspace", "rank", "rref", "trace", "transpose",
           "zeros"]

eye = matrices.eye
zeros = matrices.zeros


def _explicit(M: Any) -> bool:
    return isinstance(M, (Matrix, list, tuple)) or (
        hasattr(M, "tolist") and getattr(M, "ndim", None) == 2)


def det(M: Any) -> Any:
    """The determinant of an explicit matrix (Bareiss), or ``det(A)`` of a matrix symbol."""
    if _explicit(M):
        return matrices.det(M)
    from ..tensor import det as tdet

    return tdet(M)


def inv(M: Any) -> Any:
    """The inverse of an explicit matrix, or ``A⁻¹`` of a matrix symbol."""
    if _explicit(M):
        return matrices.inv(M)
    from ..tensor import inv as tinv

    return tinv(M)


def transpose(M: Any) -> Any:
    """The transpose of an explicit matrix, or ``Aᵀ`` of a shaped expression."""
    if _explicit(M):
        return matrices.as_matrix(M).T
    from ..tensor import transpose as ttranspose

    return ttranspose(M)


def trace(M: Any) -> Any:
    """The trace of an explicit matrix, or ``tr(A)`` of a matrix symbol."""
    if _explicit(M):
        return matrices.trace(M)
    from ..tensor import trace as ttrace

    return ttrace(M)


def norm(M: Any, ord: Any = None, **kw: Any) -> Any:
    """Frobenius (default), 1, 2 or infinity norm of an explicit matrix; the symbolic
    norm of a shaped expression."""
    if _explicit(M):
        return matrices.norm(M, ord)
    from ..tensor import norm as tnorm

    return tnorm(M, **({"p": ord} if ord is not None else {}), **kw)


def rank(M: Any) -> int:
    """The rank (generic in the parameters)."""
    return matrices.rank(M)


def rref(M: Any) -> tuple[Matrix, tuple[int, ...]]:
    """The reduced row echelon form and the pivot columns."""
    return matrices.rref(M)


def nullspace(M: Any) -> list[Matrix]:
    """A basis of the null space (column vectors)."""
    return matrices.nullspace(M)


def cond(M: Any, ord: Any = None) -> Expr:
    """The condition number (2-norm by default)."""
    return matrices.cond(M, ord)


def lu(M: Any) -> tuple[Matrix, Matrix, Matrix]:
    """``(P, L, U)`` with ``P M = L U``."""
    return matrices.lu(M)


def cholesky(M: Any) -> Matrix:
    """Lower triangular ``L`` with ``M = L Lᵀ``."""
    return matrices.cholesky(M)


def charpoly(M: Any, lam: Any = None) -> Expr:
    """The characteristic polynomial ``det(lam I - M)``."""
    return eigen.charpoly(as_matrix(M), lam)


def eigenvals(M: Any) -> dict:
    """``{eigenvalue: algebraic multiplicity}``, exact for exact matrices."""
    return eigen.eigenvals(M)


def eigenvects(M: Any) -> list:
    """``[(eigenvalue, multiplicity, [eigenvectors])]``."""
    return eigen.eigenvects(M)
