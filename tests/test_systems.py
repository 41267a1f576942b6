"""Systems of equations (linear over Q(parameters), polynomial by Gröbner bases) and the
Gröbner bases themselves; every solution is substituted back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc import Eq, Rational, solve
from symcalc.algebra.groebner import groebner
from symcalc.algebra.solve import SolveError

x, y, z, a, b = sc.symbols("x y z a b")
small = st.integers(-4, 4)


def residual_zero(eqs, sol) -> bool:
    for e in eqs:
        if isinstance(e, bool) or (e.is_Boolean and not e.is_Relational):
            if e is True or getattr(e, "value", None) is True:
                continue
            return False
        if e.is_Relational:
            e = e.lhs - e.rhs
        v = e.subs(sol)
        if v.free_symbols:
            if sc.cancel(v) != 0:
                return False
        elif abs(complex(sc.N(v, 40))) > 1e-30:
            return False
    return True


# ---------------------------------------------------------------------- linear


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(st.lists(small, min_size=n, max_size=n), min_size=n, max_size=n),
    st.lists(st.fractions(-5, 5, max_denominator=4), min_size=n, max_size=n))))
def test_linear_known_solution(data):
    rows, x0 = data
    n = len(rows)
    xs = [sc.Symbol(f"u{i}") for i in range(n)]
    eqs = [Eq(sum((c * v for c, v in zip(r, xs)), sc.Integer(0)),
              sum(Rational(c) * Rational(v) for c, v in zip(r, x0)))
           for r in rows]
    sols = solve(eqs, xs)
    assert len(sols) == 1  # consistent by construction
    sol = sols[0]
    assert residual_zero(eqs, sol)
    rank = sc.Matrix(rows).rank()
    assert len(sol) == rank  # the free unknowns are the family's parameters
    if rank == n:
        assert [sol[v] for v in xs] == [Rational(v) for v in x0]


def test_linear_cases():
    assert solve([Eq(x + y, 3), Eq(x - y, 1)], [x, y]) == [{x: 2, y: 1}]
    assert solve([x + y - 1, x + y - 2], [x, y]) == []           # inconsistent
    assert solve([x + y + z - 1, x - y], [x, y, z]) == [
        {x: Rational(1, 2) - z / 2, y: Rational(1, 2) - z / 2}]  # z is free
    sol = solve([a * x + y - 1, x + b * y], [x, y])
    assert residual_zero([a * x + y - 1, x + b * y], sol[0])
    assert sc.cancel(sol[0][x] - b / (a * b - 1)) == 0
    # rational coefficients in the parameters
    eqs = [x / a + y - 1, x - y / (a + 1)]
    assert residual_zero(eqs, solve(eqs, [x, y])[0])
    # floats in, floats out
    s = solve([0.5 * x + y - 1, x - y], [x, y])[0]
    assert abs(float(s[x]) - 2 / 3) < 1e-12


def test_linear_10x10_with_parameters():
    xs = [sc.Symbol(f"v{i}") for i in range(10)]
    eqs = []
    for i in range(10):
        e = sum(((i * 3 + j * 7) % 5 + (1 if i == j else 0) * a) * xs[j] for j in range(10))
        eqs.append(e - (i + b))
    sol = solve(eqs, xs)[0]
    assert len(sol) == 10
    vals = {a: Rational(3, 7), b: Rational(-2, 5)}
    for e in eqs:
        assert sc.cancel(e.subs(sol)) == 0 or sc.cancel(e.subs(sol).subs(vals)) == 0
    assert all(sc.cancel(e.subs(sol).subs(vals)) == 0 for e in eqs)


# ---------------------------------------------------------------------- polynomial


@settings(max_examples=20, deadline=None)
@given(st.lists(small, min_size=2, max_size=3, unique=True), small, small, small)
def test_polynomial_known_solutions(roots, c, d, k):
    # the ideal of the points (c*r + d, r), given by a disguised basis
    f1 = sc.expand(sc.Mul(*[y - r for r in roots]))
    f2 = x - c * y - d
    g1 = sc.expand(f1 + k * y * f2)
    eqs = [g1, sc.expand(f2 + (k + 1) * x * g1)]  # the same ideal as (f1, f2)
    sols = solve(eqs, [x, y], domain="complex")
    want = sorted((c * r + d, r) for r in roots)
    assert sorted((int(s[x]), int(s[y])) for s in sols) == want


@settings(max_examples=15, deadline=None)
@given(st.lists(small, min_size=6, max_size=6), st.lists(small, min_size=6, max_size=6))
def test_random_quadratic_systems_substitute_back(c1, c2):
    mons = [x**2, x * y, y**2, x, y, sc.Integer(1)]
    f = sum((c * m for c, m in zip(c1, mons)), sc.Integer(0)) + x**2
    g = sum((c * m for c, m in zip(c2, mons)), sc.Integer(0)) + y**2
    try:
        sols = solve([f, g], [x, y], domain="complex")
    except SolveError as err:  # positive-dimensional: refused with a reason
        assert "infinitely many" in str(err) or "shape" in str(err)
        return
    assert len(sols) <= 4  # Bezout
    for s in sols:
        assert residual_zero([f, g], s)


def test_polynomial_cases():
    r2 = sc.sqrt(2)
    assert solve([x**2 + y**2 - 1, x - y], [x, y]) == [
        {x: -r2 / 2, y: -r2 / 2}, {x: r2 / 2, y: r2 / 2}]
    assert len(solve([x**2 - 2, y**2 - 2], [x, y])) == 4
    assert solve([x**2 + y**2 + 1, x - y], [x, y]) == []          # no real solutions
    assert len(solve([x**2 + y**2 + 1, x - y], [x, y], domain="complex")) == 2
    eqs = [x**2 + y**2 + z**2 - 4, x * y * z - 1, x + y - z**2]
    sols = solve(eqs, [x, y, z])
    assert sols and all(residual_zero(eqs, s) for s in sols)
    eqs = [1 / x + y - 1, x * y - 2]
    assert solve(eqs, [x, y], domain="complex") == [{x: 3, y: Rational(2, 3)}]
    assert solve([x * (x - 1), x * y - 1], [x, y]) == [{x: 1, y: 1}]  # x = 0 fails eq 2
    # a component with a free unknown: y is not a key where x = 1
    assert solve([x**2 - 1, (x - 1) * y], [x, y]) == [{x: -1, y: 0}, {x: 1}]
    with pytest.raises(SolveError, match="infinitely many"):
        solve([x * y - 1, x * z], [x, y, z])
    with pytest.raises(SolveError):
        solve([x * sc.exp(y) - 1, x - y], [x, y])


def test_lagrange_system():
    lam = sc.Symbol("lam")
    f = x * y
    g = x**2 + y**2 - 2
    eqs = [sc.diff(f, x) - lam * sc.diff(g, x), sc.diff(f, y) - lam * sc.diff(g, y), g]
    sols = solve(eqs, [x, y, lam])
    assert len(sols) == 4
    assert sorted(float(f.subs(s)) for s in sols) == [-1, -1, 1, 1]


def test_groebner():
    assert groebner([x**2 + y**2 - 1, x - y], [x, y]) == [x - y, y**2 - Rational(1, 2)]
    assert groebner([x + y - 1, x + y - 2], [x, y]) == [1]
    G = groebner([x**2 + y**2 + z**2 - 4, x * y * z - 1, x + y - z**2], [x, y, z])
    assert G[-1] == z**5 + z**3 - 4 * z - 2
    Gg = groebner([x**2 + y**2 + z**2 - 4, x * y * z - 1, x + y - z**2], [x, y, z],
                  "grevlex")
    assert len(Gg) >= 3
