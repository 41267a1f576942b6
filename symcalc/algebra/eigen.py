"""Characteristic polynomials, eigenvalues and eigenvectors of explicit matrices.

``charpoly`` is ``det(λI - M)`` by Bareiss' elimination over Q[λ, parameters].
``eigenvals`` factors it over Q (in λ and the parameters) and solves each irreducible
factor with the univariate solver: rational roots, radicals (quadratics, and cubics and
quartics where the radicals are readable), otherwise exact ``RootOf`` objects — never
floats for an exact matrix. ``eigenvects`` finds the null space of ``M - λI`` exactly:
for a root of an irreducible factor ``f`` of degree > 1 the elimination runs in the
field Q[t]/(f), where testing a pivot for zero is exact, and ``t`` is replaced by the
root at the end.

>>> from symcalc import Matrix
>>> M = Matrix([[2, 1], [1, 2]])
>>> M.charpoly()
lambda^2 - 4*lambda + 3
>>> M.eigenvals()
{1: 1, 3: 1}
>>> M.eigenvects()
[(1, 1, [Matrix([[-1], [1]])]), (3, 1, [Matrix([[1], [1]])])]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul
from ..core.budget import check
from ..core.expand import expand
from ..core.expr import Expr, as_expr
from ..core.matrix import Matrix
from ..core.numbers import number
from ..core.symbol import Symbol
from .gcd import gcdex
from .matrices import (
    MatrixError,
    PolyGrid,
    _bareiss_det,
    _square,
    as_matrix,
    eye,
    is_numeric_float,
    nullspace,
)
from .poly import Poly

__all__ = ["charpoly", "eigenvals", "eigenvects"]

LAMBDA = Symbol("lambda")
#: the variable of the characteristic polynomial inside eigenvals/eigenvects (a name no
#: matrix uses)
_LAM = Symbol("_eigen_lambda")


def _charpoly_poly(M: Matrix, lam: Symbol) -> Poly:
    """``det(lam*I - M)`` as a polynomial with ``lam`` the first generator, monic in lam."""
    n = _square("charpoly", M)
    if lam in M.free_symbols:
        raise MatrixError(f"the variable {lam} of the characteristic polynomial occurs in "
                          "the matrix; pass another symbol")
    grid = PolyGrid(M, extra=(lam,))
    L = Poly.gen(0, grid.gens)
    rows = []
    for i, r in enumerate(grid.rows):
        rows.append([(L * grid.scale[i] - p) if i == j else -p for j, p in enumerate(r)])
    d = _bareiss_det(grid, rows)
    s = grid.one
    for sc in grid.scale:
        if sc != grid.one:
            s = s * sc
    if s != grid.one:
        d = d.exquo(s)
    del n  # only checked: square
    return d


def charpoly(M: Any, lam: Any = None) -> Expr:
    """The characteristic polynomial ``det(lam*I - M)`` (monic), expanded in ``lam``
    (default: the symbol ``lambda``)."""
    M = as_matrix(M)
    lam = LAMBDA if lam is None else as_expr(lam)
    if not isinstance(lam, Symbol):
        raise MatrixError(f"charpoly needs a symbol, got {lam}")
    if is_numeric_float(M):
        import numpy as np

        cs = np.poly(M.evalf())
        n = len(cs) - 1
        return add(*(mul(as_expr(float(c.real) if abs(c.imag) < 1e-300 else complex(c)),
                         lam ** (n - k)) for k, c in enumerate(cs)))
    return _charpoly_poly(M, lam).as_expr()


def _roots_of_factor(f: Poly, lam: Symbol) -> list[Expr]:
    """The distinct complex roots of an irreducible factor (in lam and parameters),
    exact: numbers, radicals or RootOf."""
    from .solve import solve

    e = f.as_expr()
    if any(m[i] for m in f.terms for i in range(1, len(f.gens))):  # parameters, sqrt(2), pi
        rts = solve(e, lam, domain="complex")
        if any(_inexact(r) for r in rts):
            raise MatrixError(f"the eigenvalues are roots of {e}, which have no closed form "
                              "with these parameters")
        return rts
    from .roots import exact_roots

    return exact_roots(Poly.from_expr(e, [lam]), "complex")


def _inexact(r: Expr) -> bool:
    return any(n.is_Number and isinstance(n.value, float) for n in r.preorder())


def _eigen_data(M: Matrix) -> list[tuple[Expr, int, Poly]]:
    """(eigenvalue, algebraic multiplicity, its irreducible factor in t) in a fixed order."""
    from .factor_expr import factor_poly_list

    cp = _charpoly_poly(M, _LAM)
    _, facs = factor_poly_list(cp)
    out = []
    for f, k in facs:
        check()
        if f.degree(0) <= 0:
            continue
        for r in _roots_of_factor(f, _LAM):
            out.append((r, k, f))
    return out


def eigenvals(M: Any) -> dict:
    """The eigenvalues with their algebraic multiplicities, ``{eigenvalue: multiplicity}``.

    Exact matrices give exact eigenvalues (rationals, radicals or RootOf); float
    matrices give NumPy's eigenvalues (equal floats merged).

    >>> from symcalc import Matrix
    >>> Matrix([[1, 2], [2, 1]]).eigenvals()
    {-1: 1, 3: 1}
    """
    M = as_matrix(M)
    _square("eigenvals", M)
    if is_numeric_float(M):
        import numpy as np

        out: dict = {}
        for v in np.linalg.eigvals(M.evalf()):
            e = as_expr(float(v.real) if v.imag == 0 else complex(v))
            out[e] = out.get(e, 0) + 1
        return out
    data = _eigen_data(M)
    res: dict = {}
    for r, k, _ in _sorted(data):
        res[r] = res.get(r, 0) + k
    return res


def _sorted(data: list) -> list:
    def key(item: Any) -> tuple:
        r = item[0]
        try:
            v = complex(r.evalf())
            return (0, v.real, v.imag, str(r))
        except Exception:  # noqa: BLE001 - parameters: keep a deterministic order
            return (1, 0.0, 0.0, str(r))

    return sorted(data, key=key)


def eigenvects(M: Any) -> list[tuple[Expr, int, list[Matrix]]]:
    """``[(eigenvalue, algebraic multiplicity, [basis of the eigenspace]), ...]`` with
    ``M v = λ v`` exactly for every basis vector ``v``."""
    M = as_matrix(M)
    n = _square("eigenvects", M)
    if is_numeric_float(M):
        import numpy as np

        vals, vecs = np.linalg.eig(M.evalf())
        order = sorted(range(n), key=lambda i: (vals[i].real, vals[i].imag))
        num = []
        for i in order:
            v = vals[i]
            col = vecs[:, i]
            ent = col.real.tolist() if not np.iscomplexobj(col) or not col.imag.any() \
                else col.tolist()
            num.append((as_expr(float(v.real) if v.imag == 0 else complex(v)), 1,
                        [Matrix([[e] for e in ent])]))
        return num
    out = []
    for r, k, f in _sorted(_eigen_data(M)):
        check()
        if f.degree(0) == 1:
            vecs = nullspace(M - r * eye(n))
        else:
            if any(m[i] for m in f.terms for i in range(1, len(f.gens))):
                # parameters or irrational entries: eliminate with the closed-form root
                # itself (pivots that are numerically 0 are simplified, or MatrixError)
                vecs = nullspace((M - r * eye(n)).applyfunc(expand))
                if not vecs:
                    raise MatrixError(f"could not find the eigenvectors of {r}: the zero "
                                      "test missed a vanishing pivot")
                out.append((r, k, vecs))
                continue
            fu = Poly.from_expr(f.as_expr(), [_LAM])
            vecs = [Matrix([[expand(v.subs({_LAM: r}))] for v in vec])
                    for vec in _nullspace_mod(M, fu)]
        out.append((r, k, vecs))
    return out


# ---------------------------------------------------------------------- Q[t]/(f)


class _Field:
    """Arithmetic in Q[t]/(f) for an irreducible f: residues as univariate Polys."""

    def __init__(self, f: Poly) -> None:
        self.f = f.monic()
        self.zero = Poly._new({}, f.gens)
        self.one = Poly.constant(1, f.gens)

    def red(self, p: Poly) -> Poly:
        return p % self.f if p.degree() >= self.f.degree() else p

    def mul(self, a: Poly, b: Poly) -> Poly:
        return self.red(a * b)

    def inv(self, a: Poly) -> Poly:
        s, _, g = gcdex(a, self.f)
        if g != self.one:
            raise MatrixError("not invertible in the extension field")
        return self.red(s)


def _nullspace_mod(M: Matrix, f: Poly) -> list[list[Expr]]:
    """A null space basis of ``M - t*I`` over Q[t]/(f), entries as expressions in t."""
    n = M.shape[0]
    F = _Field(f)
    t = Poly.gen(0, f.gens)
    A = []
    for i in range(n):
        row = []
        for j in range(n):
            e = M[i, j]
            if not (e.is_Number and isinstance(e.value, (int, Fraction))):
                raise MatrixError("eigenvectors for irrational eigenvalues need a matrix of "
                                  "rational numbers")
            p = Poly.constant(e.value, f.gens)
            row.append(p - t if i == j else p)
        A.append(row)
    pivots: list[int] = []
    r = 0
    for c in range(n):
        p = next((i for i in range(r, n) if not A[i][c].is_zero), None)
        if p is None:
            continue
        A[r], A[p] = A[p], A[r]
        iv = F.inv(A[r][c])
        A[r] = [F.mul(v, iv) for v in A[r]]
        for i in range(n):
            if i != r and not A[i][c].is_zero:
                a = A[i][c]
                A[i] = [F.red(v - a * w) for v, w in zip(A[i], A[r])]
        pivots.append(c)
        r += 1
    out = []
    for fc in range(n):
        if fc in pivots:
            continue
        vec = [number(0)] * n
        vec[fc] = number(1)
        for i, c in enumerate(pivots):
            vec[c] = (-A[i][fc]).as_expr()
        out.append(vec)
    return out
