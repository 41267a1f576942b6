"""Explicit matrices: det, inv, rank, rref, nullspace, charpoly, eigenvalues and vectors,
LU, Cholesky, norms; RootOf, real_roots and nroots."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc import Matrix
from symcalc.algebra.matrices import MatrixError, NonInvertibleMatrixError

x, y, a, b, lam = sc.symbols("x y a b lam")

small = st.integers(-5, 5)


def square(n: int) -> st.SearchStrategy:
    return st.lists(st.lists(small, min_size=n, max_size=n), min_size=n, max_size=n)


def is_zero_matrix(M: Matrix) -> bool:
    return all(sc.cancel(e) == 0 for r in M.rows for e in r)


def has_rootof(e) -> bool:
    return any(n.is_Function and n.fdef is sc.RootOf for n in e.preorder())


def eye(n: int) -> Matrix:
    return sc.eye(n)


# ---------------------------------------------------------------------- identities


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(square(n), square(n))))
def test_det_multiplicative(AB):
    A, B = Matrix(AB[0]), Matrix(AB[1])
    assert (A @ B).det() == A.det() * B.det()


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4).flatmap(square))
def test_inverse_and_rank(rows):
    A = Matrix(rows)
    n = A.shape[0]
    d = A.det()
    if d == 0:
        assert A.rank() < n
        with pytest.raises(NonInvertibleMatrixError):
            A.inv()
        for v in A.nullspace():
            assert is_zero_matrix(A @ v)
        assert len(A.nullspace()) == n - A.rank()
    else:
        assert A.rank() == n
        assert A @ A.inv() == eye(n)
        assert A.inv() @ A == eye(n)
        assert A.adjugate() @ A == eye(n) * d


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 4).flatmap(square))
def test_cayley_hamilton(rows):
    A = Matrix(rows)
    n = A.shape[0]
    p = A.charpoly(lam)
    from symcalc.algebra import Poly

    cs = Poly.from_expr(p, [lam]).all_coeffs()
    acc = sc.zeros(n)
    for c in cs:  # Horner: acc = acc*A + c*I
        acc = acc @ A + eye(n) * c
    assert acc == sc.zeros(n)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 3).flatmap(square))
def test_eigenvectors_satisfy_definition(rows):
    A = Matrix(rows)
    n = A.shape[0]
    total = 0
    for val, mult, vecs in A.eigenvects():
        total += mult
        assert 1 <= len(vecs) <= mult
        for v in vecs:
            r = A @ v - v * val
            # exact where the eigenvalue is rational or a radical; RootOf: numerically
            for e in (q for row in r.rows for q in row):
                e = sc.expand(e)
                if has_rootof(e) or sc.simplify(e) != 0:  # nested radicals: numerically
                    assert abs(complex(sc.N(e, 30))) < 1e-20
    assert total == n


def test_symbolic_det_inv():
    M = Matrix([[a, 1], [1, b]])
    assert M.det() == a * b - 1
    assert (M @ M.inv()).applyfunc(sc.cancel) == eye(2)
    H = Matrix([[x, 1, 0], [1, x, 1], [0, 1, x]])
    assert H.det() == x**3 - 2 * x
    R = Matrix([[1 / x, 1], [y, 1 / (x + 1)]])
    assert sc.cancel(R.det() - (1 / (x * (x + 1)) - y)) == 0
    assert (R @ R.inv()).applyfunc(sc.cancel) == eye(2)


poly_entry = st.lists(st.tuples(st.integers(-3, 3), st.sampled_from([x, y, a]),
                                 st.integers(0, 2)), max_size=3)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 3).flatmap(
    lambda n: st.lists(st.lists(poly_entry, min_size=n, max_size=n), min_size=n, max_size=n)))
def test_symbolic_inverse_in_lowest_terms(rows):
    """inv divides every entry by the factors of the common denominator that divide it:
    A inv(A) = I, and each entry is already what cancel makes of it."""
    A = Matrix([[sum((c * v**k for c, v, k in t), sc.Integer(0)) for t in r] for r in rows])
    try:
        R = A.inv()
    except NonInvertibleMatrixError:
        assert sc.cancel(A.det()) == 0
        return
    assert is_zero_matrix(A @ R - eye(A.shape[0]))
    assert all(sc.cancel(e) == e for r in R.rows for e in r)


def test_symbolic_det_matches_expansion():
    rng = random.Random(3)
    syms = [x, y, a]
    rows = [[sum(rng.randint(-2, 2) * s for s in syms) + rng.randint(-3, 3)
             for _ in range(4)] for _ in range(4)]
    M = Matrix(rows)
    d = M.det()
    for _ in range(3):
        vals = {s: sc.Integer(rng.randint(-5, 5)) for s in syms}
        assert d.subs(vals) == M.subs(vals).det()


def test_rref_nullspace_rank():
    M = Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    R, piv = M.rref()
    assert R == Matrix([[1, 0, -1], [0, 1, 2], [0, 0, 0]]) and piv == (0, 1)
    assert M.rank() == 2
    assert M.nullspace() == [Matrix([[1], [-2], [1]])]
    assert Matrix([[a, b], [2 * a, 2 * b]]).rank() == 1


def test_dependent_generators_pivots():
    s2 = sc.sqrt(2)
    M = Matrix([[s2, 1], [2, s2]])  # det 0: the second row is sqrt(2) times the first
    assert M.det() == 0
    assert M.rank() == 1


def test_powers_and_arithmetic():
    F = Matrix([[1, 1], [1, 0]])
    assert F**10 == Matrix([[89, 55], [55, 34]])
    assert F**-2 == (F.inv()) ** 2
    assert F * 2 == 2 * F == F + F
    assert F - F == sc.zeros(2)
    assert F / 2 == F * sc.Rational(1, 2)


def test_eigenvals_exact():
    Z = sc.Integer
    assert Matrix([[2, 1], [1, 2]]).eigenvals() == {Z(1): 1, Z(3): 1}
    assert Matrix([[1, 1], [0, 1]]).eigenvals() == {Z(1): 2}
    assert Matrix([[0, -1], [1, 0]]).eigenvals() == {-sc.I: 1, sc.I: 1}
    ev = Matrix([[1, 1], [1, 0]]).eigenvals()
    assert set(ev) == {sc.Rational(1, 2) - sc.sqrt(5) / 2, sc.Rational(1, 2) + sc.sqrt(5) / 2}
    # casus irreducibilis: RootOf, exact, with any precision (Viete's cosines where the
    # angle is a rational multiple of pi, as for t^3 - 3t + 1)
    ev = Matrix([[0, 1, 0], [0, 0, 1], [-1, 3, 0]]).eigenvals()
    assert sorted(map(str, ev)) == ["2*cos(10*pi/9)", "2*cos(2*pi/9)", "2*cos(4*pi/9)"]
    ev = Matrix([[0, 1, 0], [0, 0, 1], [-7, 7, 0]]).eigenvals()
    assert len(ev) == 3 and all(has_rootof(r) for r in ev)
    for r in ev:
        v = sc.N(r, 40)
        assert abs(complex(sc.N(r**3 - 7 * r + 7, 40))) < 1e-35, v
    # defective: one eigenvector for a double eigenvalue
    (val, k, vecs), = Matrix([[1, 1], [0, 1]]).eigenvects()
    assert (val, k, vecs) == (sc.Integer(1), 2, [Matrix([[1], [0]])])


def test_charpoly_symbolic():
    M = Matrix([[a, b], [b, a]])
    assert sc.expand(M.charpoly(lam) - ((lam - a) ** 2 - b**2)) == 0
    assert M.eigenvals() == {a - b: 1, a + b: 1}


def test_lu_cholesky():
    M = Matrix([[0, 2, 1], [1, 1, 1], [2, 1, 3]])
    P, L, U = M.LU()
    assert P @ M == L @ U
    S = Matrix([[4, 2, 2], [2, 5, 3], [2, 3, 6]])
    C = S.cholesky()
    assert (C @ C.T).applyfunc(sc.simplify) == S
    with pytest.raises(MatrixError):
        Matrix([[1, 2], [2, 1]]).cholesky()
    Ms = Matrix([[a, 1], [1, b]])
    P, L, U = Ms.LU()
    assert (L @ U - P @ Ms).applyfunc(sc.cancel) == sc.zeros(2)


def test_numeric_paths():
    F = Matrix([[1.0, 2.0], [3.0, 4.0]])
    assert abs(float(F.det()) + 2) < 1e-12
    assert abs(float(F.inv()[0, 0]) + 2) < 1e-12
    assert F.rank() == 2
    assert Matrix([[1, 2], [3, 4]]).norm() == sc.sqrt(30)
    assert Matrix([[1, -2], [3, 4]]).norm(1) == 6
    c = float(Matrix([[1, 2], [3, 4]]).cond())
    assert abs(c - 14.933034373659268) < 1e-9
    with pytest.raises(MatrixError):
        Matrix([[x, 0.5], [1, 2]]).det()


def test_module_level_and_shapes():
    assert sc.det([[1, 2], [3, 4]]) == -2
    assert sc.trace(Matrix([[1, 2], [3, 4]])) == 5
    assert sc.inv([[2, 0], [0, 4]]) == Matrix([[sc.Rational(1, 2), 0], [0, sc.Rational(1, 4)]])
    A = sc.MatrixSymbol("A", 3, 3)
    assert str(sc.det(A)) == "det(A)"
    with pytest.raises(sc.ShapeError):
        Matrix([[1, 2, 3]]).det()


def test_roots():
    assert sc.real_roots((x**2 - 2) * (x - 1) ** 2, x) == [-sc.sqrt(2), 1, sc.sqrt(2)]
    rs = sc.real_roots(x**3 - 7 * x + 7, x)
    assert [str(r) for r in rs] == [f"RootOf(1, 0, -7, 7, {k})" for k in range(3)]
    assert sc.real_roots(x**2 + 1, x) == []
    assert sc.real_roots(x**5 - x - 1, x, multiplicity=True)[0][1] == 1
    v = sc.nroots(x**2 - 2, x, n=40)
    assert str(v[1]) == "1.41421356237309504880168872420969807857"
    assert len(sc.nroots(x**5 - x - 1, x, n=30)) == 5
    r = sc.RootOf(1, 0, -1, -1, 0)
    assert str(sc.N(r, 30)) == "1.32471795724474602596090885448"


def test_eigen_with_irrational_and_symbolic_entries():
    s2 = sc.sqrt(2)
    for M in (Matrix([[s2, 1], [1, 0]]), Matrix([[a, 1], [1, 0]]),
              Matrix([[1, s2, 0], [s2, 1, 1], [0, 1, 2]]), Matrix([[sc.pi, 1], [0, 2]])):
        total = 0
        for val, k, vecs in M.eigenvects():
            total += k
            assert vecs
            for v in vecs:
                for e in (q for row in (M @ v - v * val).rows for q in row):
                    assert abs(complex(sc.N(e.subs({a: 3}), 30))) < 1e-20
        assert total == M.shape[0]
    assert Matrix([[s2, 0], [0, 1]]).eigenvals() == {sc.Integer(1): 1, s2: 1}


def test_float_and_numpy_inputs():
    import numpy as np

    assert sc.det(np.array([[1, 2], [3, 4]])) == -2
    ev = Matrix([[2.0, 1.0], [1.0, 2.0]]).eigenvects()
    assert [float(v) for v, _, _ in ev] == pytest.approx([1.0, 3.0])
    assert sc.parse(sc.sstr(sc.RootOf(1, 0, -3, 1, 1))) is sc.RootOf(1, 0, -3, 1, 1)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.fractions(-6, 6, max_denominator=5), min_size=1, max_size=5),
       st.integers(0, 3))
def test_real_root_isolation(roots, extra):
    # (t - r1)...(t - rk) * (t^2 + extra + 1): the real roots are exactly the r's
    from fractions import Fraction

    from symcalc.core.rootof import _refine, isolate

    poly = [Fraction(1)]
    for r in roots:
        poly = [a - r * b for a, b in zip(poly + [Fraction(0)], [Fraction(0)] + poly)]
    quad = [Fraction(1), Fraction(0), Fraction(extra + 1)]
    prod = [Fraction(0)] * (len(poly) + 2)
    for i, a in enumerate(poly):
        for j, b in enumerate(quad):
            prod[i + j] += a * b
    den = 1
    for c in prod:
        den = den * c.denominator // __import__("math").gcd(den, c.denominator)
    coeffs = tuple(int(c * den) for c in prod)
    distinct = sorted(set(roots))
    iv = isolate(coeffs)
    assert len(iv) == len(distinct)
    for (lo, hi), r in zip(iv, distinct):
        assert lo < r <= hi
        assert abs(_refine(coeffs, lo, hi, 80) - r) <= Fraction(1, 2**80)


def test_transpose_of_explicit_matrices_and_matrix_symbols():
    M = sc.Matrix([[1, 2, 3], [4, 5, 6]])
    T = sc.transpose(M)
    assert T.shape == (3, 2) and T.tolist() == M.T.tolist()
    assert sc.transpose([[1, 2], [3, 4]]).tolist() == [[1, 3], [2, 4]]
    assert sc.transpose(sc.transpose(M)).tolist() == M.tolist()
    A = sc.MatrixSymbol("A", 3, 2)
    assert str(sc.transpose(A)) == "A.T"
    from symcalc.repl.session import Session

    assert Session(oneline=True).execute("transpose([[1, 2], [3, 4]])").text == \
        "Matrix([[1, 3], [2, 4]])"
