"""Exact linear algebra on explicit matrices of expressions.

Entries are read as rational functions over Q in their generators (symbols and
non-polynomial subexpressions such as ``sin(x)`` or ``sqrt(2)``, as in
:meth:`Poly.from_expr`). Each row is multiplied by the lcm of its denominators, and
the polynomial matrix is reduced by fraction-free elimination (Bareiss): every division
is exact, so no rational functions and no gcds appear until the end.

* ``det`` — Bareiss' determinant;
* ``rref``/``rank``/``nullspace``/``inv``/linear systems — fraction-free Gauss–Jordan,
  after which every pivot equals the same polynomial ``D`` and the reduced form is the
  matrix divided by ``D``.

Results with parameters are *generic*: a pivot is a nonzero polynomial in the
parameters, so the answer holds where it does not vanish (the usual convention of
computer algebra). Pivots are chosen by an exact zero test when the generators are
symbols; with other generators (``sqrt(2)``, ``sin(x)``) a candidate pivot that is
numerically zero is simplified, and if that does not settle it the operation raises
:class:`MatrixError` rather than guess.

Matrices with floats and no symbols go to NumPy (``det``, ``inv``, ``rank``, eigenvalues).

>>> from symcalc import Matrix, symbols
>>> a, b = symbols("a b")
>>> M = Matrix([[a, 1], [1, b]])
>>> M.det(), M.inv()
(a*b - 1, Matrix([[b/(a*b - 1), -1/(a*b - 1)], [-1/(a*b - 1), a/(a*b - 1)]]))
>>> Matrix([[1, 2], [2, 4]]).rank()
1
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.budget import check
from ..core.expr import Expr, as_expr
from ..core.matrix import Matrix
from ..core.numbers import number
from ..errors import ShapeError, SymcalcError
from .gcd import lcm
from .poly import Poly, PolynomialError, _gen_key
from .rational import _collect_gens, _ratio, cancel, numer_denom
from .zpoly import zp_add, zp_exquo, zp_mul

__all__ = ["MatrixError", "NonInvertibleMatrixError", "adjugate", "cholesky", "cond",
           "det", "eye", "inv", "lu", "norm", "nullspace", "rank", "rref", "trace", "zeros"]


class MatrixError(SymcalcError, ValueError):
    """A matrix operation that does not apply: wrong shape, floats mixed with symbols,
    a pivot whose vanishing cannot be decided."""


class NonInvertibleMatrixError(MatrixError, ZeroDivisionError):
    """``inv`` of a singular matrix (determinant 0)."""


# ---------------------------------------------------------------------- constructors


def eye(n: int) -> Matrix:
    """The n x n identity matrix."""
    return Matrix([[1 if i == j else 0 for j in range(n)] for i in range(n)])


def zeros(n: int, m: int | None = None) -> Matrix:
    """The n x m zero matrix (square if m is left out)."""
    return Matrix([[0] * (n if m is None else m) for _ in range(n)])


def as_matrix(M: Any) -> Matrix:
    if isinstance(M, Matrix):
        return M
    if hasattr(M, "tolist") and getattr(M, "ndim", None) == 2:  # a NumPy array
        M = M.tolist()
    try:
        return Matrix(M)
    except (TypeError, ValueError, SymcalcError) as exc:
        raise MatrixError(f"not a matrix: {M!r}") from exc


def _square(name: str, M: Matrix) -> int:
    n, m = M.shape
    if n != m:
        raise ShapeError(f"{name} needs a square matrix, got shape {n}x{m}")
    return n


# ---------------------------------------------------------------------- the polynomial view


def _has_float(M: Matrix) -> bool:
    for r in M.rows:
        for e in r:
            for n in e.preorder():
                if n.is_Number and isinstance(n.value, float):
                    return True
    return False


def is_numeric_float(M: Matrix) -> bool:
    """Floats and no free symbols: the NumPy path."""
    if not _has_float(M):
        return False
    if M.free_symbols:
        raise MatrixError("exact linear algebra on a matrix that mixes floats and symbols "
                          "is not supported: use exact numbers (1/2, not 0.5), or substitute "
                          "values for the symbols first")
    return True


class PolyGrid:
    """A matrix as rows of polynomials over common generators: row ``i`` of the original
    matrix equals ``rows[i] / scale[i]``."""

    def __init__(self, M: Matrix, extra: tuple[Expr, ...] = ()) -> None:
        nd = [[numer_denom(e) for e in r] for r in M.rows]
        found: dict[Expr, None] = {}
        for r in nd:
            for n, d in r:
                _collect_gens(n, found)
                _collect_gens(d, found)
        gens = tuple(g for g in sorted(found, key=_gen_key) if g not in extra)
        self.gens = extra + gens
        self.exact_zero_test = all(g.is_Symbol for g in self.gens)
        self.zero = Poly._new({}, self.gens)
        self.one = Poly.constant(1, self.gens)
        memo: dict[Expr, Poly] = {}

        def P(e: Expr) -> Poly:
            p = memo.get(e)
            if p is None:
                try:
                    p = memo[e] = Poly.from_expr(e, self.gens)
                except PolynomialError as exc:
                    raise MatrixError(f"the entry {e} is not a rational function with exact "
                                      "coefficients") from exc
            return p

        self.rows: list[list[Poly]] = []
        self.scale: list[Poly] = []
        for r in nd:
            dens = [P(d) for _, d in r]
            L = self.one
            for d in dens:
                if d != self.one:
                    L = lcm(L, d)
            row = [P(n) if d == L else P(n) * L.exquo(d) for (n, _), d in zip(r, dens)]
            m = 1  # integer coefficients throughout: the fast kernel of zpoly.py
            for q in row:
                for c in q._terms.values():
                    if type(c) is Fraction:
                        m = _lcm_int(m, c.denominator)
            if m != 1:
                row = [q.mul_scalar(m) for q in row]
                L = L.mul_scalar(m)
            self.rows.append(row)
            self.scale.append(L)

    def is_zero(self, p: Poly) -> bool:
        """Whether ``p`` is zero as a value (not only as a formal polynomial)."""
        if p.is_zero:
            return True
        if self.exact_zero_test or p.is_constant:
            return False
        return _value_is_zero(p.as_expr())


def _lcm_int(a: int, b: int) -> int:
    from math import gcd

    return a * b // gcd(a, b)


def _ints(p: Poly) -> bool:
    return all(type(c) is int for c in p._terms.values())


def _cross(a: Poly, b: Poly, c: Poly, d: Poly) -> Poly:
    """``a*b - c*d`` (integer polynomials by the dict kernel)."""
    if c.is_zero or d.is_zero:
        return a * b
    if _ints(a) and _ints(b) and _ints(c) and _ints(d):
        return Poly._new(zp_add(zp_mul(a._terms, b._terms), zp_mul(c._terms, d._terms), -1),
                         a.gens)
    return a * b - c * d


def _exq(t: Poly, d: Poly) -> Poly:
    """The exact quotient ``t / d`` (Bareiss' divisions are exact)."""
    if t.is_zero:
        return t
    if _ints(t) and _ints(d):
        q = zp_exquo(t._terms, d._terms)
        if q is not None:
            return Poly._new(q, t.gens)
    return t.exquo(d)


def _value_is_zero(e: Expr) -> bool:
    """A zero test for an expression in generators that may be algebraically dependent."""
    syms = sorted(e.free_symbols, key=lambda s: s.name)
    rng = random.Random(12345)
    small = 0
    for _ in range(2):
        vals = {s: number(Fraction(rng.randint(1, 97), rng.randint(1, 13))) for s in syms}
        try:
            v = abs(complex(e.subs(vals).evalf(30)))
        except (SymcalcError, TypeError, ValueError, ZeroDivisionError, OverflowError):
            v = 1.0  # undefined somewhere: not identically zero
        if v > 1e-20:
            return False
        small += 1
    from .simplify import simplify

    if simplify(e) == number(0):
        return True
    raise MatrixError(f"cannot decide whether the pivot {e} is zero; simplify the entries "
                      "first")


def _choose(grid: PolyGrid, rows: list[list[Poly]], col: int, start: int,
            formal: bool = False) -> int | None:
    """The row (from ``start``) with the simplest nonzero entry in column ``col``.
    ``formal``: nonzero as a polynomial is enough (Bareiss' determinant is an identity
    in the generators, so it stays right when they are then given their values)."""
    best, size = None, None
    for i in range(start, len(rows)):
        p = rows[i][col]
        if p.is_zero:
            continue
        s = (0 if p.is_constant else 1, len(p.terms), p.total_degree())
        if size is None or s < size:
            if not formal and grid.is_zero(p):
                rows[i][col] = grid.zero
                continue
            best, size = i, s
    return best


def _bareiss_det(grid: PolyGrid, rows: list[list[Poly]]) -> Poly:
    n = len(rows)
    if n == 0:
        return grid.one
    sign = 1
    prev = grid.one
    for k in range(n - 1):
        check()
        p = _choose(grid, rows, k, k, formal=True)
        if p is None:
            return grid.zero
        if p != k:
            rows[k], rows[p] = rows[p], rows[k]
            sign = -sign
        piv = rows[k][k]
        rk = rows[k]
        for i in range(k + 1, n):
            ri = rows[i]
            a = ri[k]
            if a.is_zero:
                if piv != prev:
                    for j in range(k + 1, n):
                        ri[j] = _exq(ri[j] * piv, prev) if not ri[j].is_zero else ri[j]
                continue
            for j in range(k + 1, n):
                t = _cross(ri[j], piv, a, rk[j])
                ri[j] = t if prev == grid.one else _exq(t, prev)
        prev = piv
    d = rows[n - 1][n - 1]
    return d if sign > 0 else -d


def gauss_jordan(grid: PolyGrid, rows: list[list[Poly]], ncols: int | None = None
                 ) -> tuple[list[list[Poly]], list[int], Poly]:
    """Fraction-free Gauss–Jordan on ``rows`` (pivots searched in the first ``ncols``
    columns): ``(rows, pivot columns, D)``; afterwards the pivot of every pivot row is
    ``D`` and every other entry of a pivot column is 0, so ``rows / D`` is the reduced
    row echelon form."""
    nr = len(rows)
    nc = len(rows[0]) if rows else 0
    ncols = nc if ncols is None else ncols
    prev = grid.one
    pivots: list[int] = []
    r = 0
    for c in range(ncols):
        if r == nr:
            break
        check()
        p = _choose(grid, rows, c, r)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        piv = rows[r][c]
        rr = rows[r]
        for i in range(nr):
            if i == r:
                continue
            ri = rows[i]
            a = ri[c]
            for j in range(nc):
                if j == c:
                    continue
                if a.is_zero:
                    if ri[j].is_zero or piv == prev:
                        continue
                    t = ri[j] * piv
                else:
                    t = _cross(ri[j], piv, a, rr[j])
                ri[j] = t if prev == grid.one else _exq(t, prev)
            ri[c] = grid.zero
        pivots.append(c)
        prev = piv
        r += 1
    # rows below the rank are zero; pivot rows were scaled by later pivots: make each
    # pivot row's pivot equal the last one (it already is, by Sylvester's identity)
    return rows, pivots, prev


def _expr(num: Poly, den: Poly) -> Expr:
    return _ratio(num, den)


# ---------------------------------------------------------------------- public operations


def det(M: Any) -> Expr:
    """The determinant (Bareiss' fraction-free elimination; NumPy for float matrices).

    >>> from symcalc import Matrix, symbols
    >>> x = symbols("x")
    >>> det(Matrix([[x, 1, 0], [1, x, 1], [0, 1, x]]))
    x^3 - 2*x
    """
    M = as_matrix(M)
    n = _square("det", M)
    if is_numeric_float(M):
        import numpy as np

        return as_expr(float(np.linalg.det(M.evalf()))) if n else number(1)
    grid = PolyGrid(M)
    d = _bareiss_det(grid, [list(r) for r in grid.rows])
    s = grid.one
    for L in grid.scale:
        if L != grid.one:
            s = s * L
    return _expr(d, s)


def rref(M: Any) -> tuple[Matrix, tuple[int, ...]]:
    """The reduced row echelon form and the pivot columns (generic in parameters).

    >>> from symcalc import Matrix
    >>> rref(Matrix([[1, 2, 3], [4, 5, 6]]))
    (Matrix([[1, 0, -1], [0, 1, 2]]), (0, 1))
    """
    M = as_matrix(M)
    grid = PolyGrid(M)
    rows, piv, D = gauss_jordan(grid, [list(r) for r in grid.rows])
    out = [[_expr(p, D) for p in r] for r in rows]
    return Matrix(out) if out else M, tuple(piv)


def rank(M: Any) -> int:
    """The rank (generic in parameters; NumPy's SVD rank for float matrices)."""
    M = as_matrix(M)
    if not M.shape[0] or not M.shape[1]:
        return 0
    if is_numeric_float(M):
        import numpy as np

        return int(np.linalg.matrix_rank(M.evalf()))
    grid = PolyGrid(M)
    return len(gauss_jordan(grid, [list(r) for r in grid.rows])[1])


def nullspace(M: Any) -> list[Matrix]:
    """A basis of the null space: column vectors ``v`` with ``M v = 0``, one per free
    column (that column's entry 1).

    >>> from symcalc import Matrix
    >>> nullspace(Matrix([[1, 2], [2, 4]]))
    [Matrix([[-2], [1]])]
    """
    M = as_matrix(M)
    n, m = M.shape
    grid = PolyGrid(M)
    rows, piv, D = gauss_jordan(grid, [list(r) for r in grid.rows])
    return [Matrix([[v] for v in vec]) for vec in _null_vectors(rows, piv, D, m)]


def _null_vectors(rows: list[list[Poly]], piv: list[int], D: Poly, m: int) -> list[list[Expr]]:
    out = []
    for f in range(m):
        if f in piv:
            continue
        vec: list[Expr] = [number(0)] * m
        vec[f] = number(1)
        for i, c in enumerate(piv):
            vec[c] = _expr(-rows[i][f], D)
        out.append(vec)
    return out


def inv(M: Any) -> Matrix:
    """The inverse (Bareiss elimination and fraction-free back substitution on ``[M | I]``;
    NumPy for float matrices).
    :class:`NonInvertibleMatrixError` if the matrix is singular.

    >>> from symcalc import Matrix
    >>> inv(Matrix([[2, 1], [1, 1]]))
    Matrix([[1, -1], [-1, 2]])
    """
    M = as_matrix(M)
    n = _square("inv", M)
    if is_numeric_float(M):
        import numpy as np

        try:
            return Matrix(np.linalg.inv(M.evalf()).tolist())
        except np.linalg.LinAlgError:
            raise NonInvertibleMatrixError("the matrix is singular") from None
    if n == 0:
        return M
    grid = PolyGrid(M)
    rows = [list(r) + [grid.scale[i] if j == i else grid.zero for j in range(n)]
            for i, r in enumerate(grid.rows)]
    X, D = _ff_solve(grid, rows, n)
    return Matrix(_ratios(X, D))


#: Largest number of terms of a common denominator that is factored once for all entries
#: (:func:`_ratios`); beyond, each entry is reduced by its own gcd.
RATIOS_FACTOR_TERMS = 400


def _ratios(X: list[list[Poly]], D: Poly) -> list[list[Expr]]:
    """The entries ``X[i][j] / D`` in lowest terms. All share the denominator, so ``D`` is
    factored once and each entry is divided by the factors that divide it exactly (the gcd
    of an entry with ``D`` is the product of those), instead of one gcd per entry."""
    facs = None
    if len(D.terms) <= RATIOS_FACTOR_TERMS and _ints(D) and D.total_degree() > 0 \
            and all(_ints(p) for r in X for p in r):
        from .factor_expr import factor_poly_list

        _, fl = factor_poly_list(D)
        if all(_ints(f) for f, _ in fl):
            facs = [(f._terms, k) for f, k in fl]
    if facs is None:
        return [[_expr(p, D) for p in r] for r in X]
    out = []
    for r in X:
        row = []
        for p in r:
            check()
            if p.is_zero:
                row.append(number(0))
                continue
            num, den = p._terms, D._terms
            for f, k in facs:
                for _ in range(k):
                    q = zp_exquo(num, f)
                    if q is None:
                        break
                    num = q
                    den = zp_exquo(den, f)
                    assert den is not None
            row.append(_ratio(Poly._new(num, D.gens), Poly._new(den, D.gens), coprime=True))
        out.append(row)
    return out


def _ff_solve(grid: PolyGrid, rows: list[list[Poly]], n: int) -> tuple[list[list[Poly]], Poly]:
    """``(X, D)`` with ``A X = D B`` for the augmented rows ``[A | B]`` (A n x n and
    nonsingular): Bareiss' forward elimination, then fraction-free back substitution
    (every division exact). About half the work of Gauss–Jordan for an inverse."""
    m = len(rows[0])
    prev = grid.one
    for k in range(n):
        check()
        p = _choose(grid, rows, k, k)
        if p is None:
            raise NonInvertibleMatrixError("the matrix is singular (its determinant is 0)")
        rows[k], rows[p] = rows[p], rows[k]
        piv = rows[k][k]
        rk = rows[k]
        for i in range(k + 1, n):
            ri = rows[i]
            a = ri[k]
            for j in range(k + 1, m):
                if a.is_zero:
                    if ri[j].is_zero or piv == prev:
                        continue
                    t = ri[j] * piv
                else:
                    t = _cross(ri[j], piv, a, rk[j])
                ri[j] = t if prev == grid.one else _exq(t, prev)
            ri[k] = grid.zero
        prev = piv
    D = prev
    X: list[list[Poly]] = [[grid.zero] * (m - n) for _ in range(n)]
    for j in range(m - n):
        check()
        X[n - 1][j] = rows[n - 1][n + j]
        for i in range(n - 2, -1, -1):
            ri = rows[i]
            t = D * ri[n + j]
            for k in range(i + 1, n):
                if not ri[k].is_zero and not X[k][j].is_zero:
                    t = _cross(t, grid.one, ri[k], X[k][j])
            X[i][j] = _exq(t, ri[i])
    return X, D


def adjugate(M: Any) -> Matrix:
    """The adjugate (classical adjoint): ``adj(M) M = det(M) I``."""
    M = as_matrix(M)
    n = _square("adjugate", M)
    if n == 1:
        return Matrix([[1]])
    out = [[number(0)] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            minor = Matrix([[M[a, b] for b in range(n) if b != j] for a in range(n) if a != i])
            out[j][i] = mul(number(-1 if (i + j) % 2 else 1), det(minor))
    return Matrix(out)


def trace(M: Any) -> Expr:
    """The sum of the diagonal."""
    M = as_matrix(M)
    n = _square("trace", M)
    return add(*(M[i, i] for i in range(n)))


def matrix_power(M: Matrix, k: int) -> Matrix:
    """``M**k`` by repeated squaring (``k < 0``: a power of the inverse); entries expanded."""
    n = _square("a matrix power", M)
    if not isinstance(k, int) or isinstance(k, bool):
        raise MatrixError(f"a matrix power needs an integer exponent, got {k}")
    if k < 0:
        M, k = inv(M), -k
    result = eye(n)
    base = M
    first = True
    while k:
        if k & 1:
            result = base if first else (result @ base).expand()
            first = False
        k >>= 1
        if k:
            base = (base @ base).expand()
    return result


# ---------------------------------------------------------------------- factorizations


def _c(e: Expr) -> Expr:
    return cancel(e) if e.free_symbols or not e.is_Number else e


def lu(M: Any) -> tuple[Matrix, Matrix, Matrix]:
    """``(P, L, U)`` with ``P M = L U``: ``L`` unit lower triangular, ``U`` upper
    triangular, ``P`` a permutation (rows swapped only where a pivot is 0).

    >>> from symcalc import Matrix
    >>> P, L, U = lu(Matrix([[2, 1], [4, 5]]))
    >>> L, U
    (Matrix([[1, 0], [2, 1]]), Matrix([[2, 1], [0, 3]]))
    """
    M = as_matrix(M)
    n = _square("lu", M)
    A = [list(r) for r in M.rows]
    perm = list(range(n))
    Lm = [[number(0)] * n for _ in range(n)]
    for k in range(n):
        check()
        p = next((i for i in range(k, n) if not _is_zero_expr(A[i][k])), None)
        if p is None:
            raise NonInvertibleMatrixError("lu: the matrix is singular (a zero column "
                                           "below the diagonal)")
        if p != k:
            A[k], A[p] = A[p], A[k]
            Lm[k], Lm[p] = Lm[p], Lm[k]
            perm[k], perm[p] = perm[p], perm[k]
        inv_piv = power(A[k][k], number(-1))
        for i in range(k + 1, n):
            f = _c(mul(A[i][k], inv_piv))
            Lm[i][k] = f
            A[i] = [A[i][j] if j < k else _c(add(A[i][j], mul(number(-1), f, A[k][j])))
                    for j in range(n)]
            A[i][k] = number(0)
    for i in range(n):
        Lm[i][i] = number(1)
    P = Matrix([[1 if perm[i] == j else 0 for j in range(n)] for i in range(n)])
    U = Matrix([[A[i][j] if j >= i else 0 for j in range(n)] for i in range(n)])
    return P, Matrix(Lm), U


def _is_zero_expr(e: Expr) -> bool:
    if e.is_Number:
        return e.value == 0
    e = cancel(e)
    if e == number(0):
        return True
    if all(g.is_Symbol for g in e.free_symbols) and not any(
            n.is_Function or (n.is_Pow and not n.args[1].is_Number) for n in e.preorder()):
        return False
    return _value_is_zero(e)


def cholesky(M: Any) -> Matrix:
    """The lower triangular ``L`` with ``M = L Lᵀ`` for a symmetric positive definite
    ``M``. Numeric matrices that are not positive definite raise :class:`MatrixError`;
    with symbols the factorization holds where the pivots are positive.

    >>> from symcalc import Matrix
    >>> cholesky(Matrix([[4, 2], [2, 5]]))
    Matrix([[2, 0], [1, 2]])
    """
    from ..core.functions import sqrt

    M = as_matrix(M)
    n = _square("cholesky", M)
    for i in range(n):
        for j in range(i):
            if not _is_zero_expr(add(M[i, j], mul(number(-1), M[j, i]))):
                raise MatrixError("cholesky needs a symmetric matrix")
    Lm = [[number(0)] * n for _ in range(n)]
    for j in range(n):
        check()
        s = _c(add(M[j, j], *(mul(number(-1), power(Lm[j][k], number(2))) for k in range(j))))
        if not s.free_symbols:
            v = complex(s.evalf())
            if v.imag != 0 or v.real <= 0:
                raise MatrixError("cholesky: the matrix is not positive definite "
                                  f"(pivot {s})")
        Lm[j][j] = sqrt(s)
        for i in range(j + 1, n):
            t = add(M[i, j], *(mul(number(-1), Lm[i][k], Lm[j][k]) for k in range(j)))
            Lm[i][j] = _c(mul(t, power(Lm[j][j], number(-1))))
    return Matrix(Lm)


# ---------------------------------------------------------------------- numeric


def norm(M: Any, ord: Any = None) -> Expr:
    """The Frobenius norm (default), or ``ord`` = 1, 2, ``"inf"``/``oo``, ``"fro"``: exact
    for the Frobenius, 1 and infinity norms of exact matrices, a float for the 2-norm
    (the largest singular value) unless the matrix is a vector."""
    from ..core.functions import Abs, Max, sqrt

    M = as_matrix(M)
    n, m = M.shape
    vector = n == 1 or m == 1
    key = str(ord) if ord is not None else "fro"
    if key in ("fro", "None") or (key == "2" and vector):
        return sqrt(add(*(power(Abs(e), number(2)) for r in M.rows for e in r)))
    if key == "1" and not vector:
        return Max(*(add(*(Abs(M[i, j]) for i in range(n))) for j in range(m)))
    if key in ("inf", "oo") and not vector:
        return Max(*(add(*(Abs(M[i, j]) for j in range(m))) for i in range(n)))
    if key == "1":
        return add(*(Abs(e) for r in M.rows for e in r))
    if key in ("inf", "oo"):
        return Max(*(Abs(e) for r in M.rows for e in r))
    if key == "2":
        import numpy as np

        return as_expr(float(np.linalg.norm(_numeric(M, "norm"), 2)))
    raise MatrixError(f"norm: unknown ord {ord!r} (use None/'fro', 1, 2 or 'inf')")


def cond(M: Any, ord: Any = None) -> Expr:
    """The condition number ``‖M‖ ‖M⁻¹‖`` in the 2-norm (a float, from the singular
    values), or exactly in the ``"fro"``, 1 or ``"inf"`` norm."""
    M = as_matrix(M)
    _square("cond", M)
    if ord is None or str(ord) == "2":
        import numpy as np

        return as_expr(float(np.linalg.cond(_numeric(M, "cond"))))
    return mul(norm(M, ord), norm(inv(M), ord))


def _numeric(M: Matrix, what: str) -> Any:
    if M.free_symbols:
        raise MatrixError(f"{what} in the 2-norm needs numbers; substitute values for "
                          f"{', '.join(sorted(s.name for s in M.free_symbols))} first")
    return M.evalf()
