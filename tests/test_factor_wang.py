"""Multivariate factorization with Wang's leading-coefficient predetermination
(``symcalc.algebra.factor_wang``) and its fallback, the monic lift with recombination.

Properties on random products of sparse, non-monic polynomials in 2 to 4 variables
(the product of the factors is the input, at least as many factors as were planted,
each factor irreducible), the Wang steps on their own, and the fallback when the
deduced leading coefficients are wrong."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc.algebra import Poly, factor, factor_multi, factor_poly_list, factor_wang
from symcalc.algebra.factor_wang import distribute, lc_factors, non_divisors, wang_lift
from symcalc.algebra.zpoly import zp_mul

x, y, z, t = sc.symbols("x y z t")
coeffs = st.integers(-30, 30).filter(bool)


def sparse(gens: tuple, max_deg: int, max_terms: int) -> st.SearchStrategy:
    """Sparse polynomials: up to ``max_terms`` monomials of degree up to ``max_deg`` in
    each generator, coefficients up to 30 (so leading coefficients are often monomials
    or sums of them, as in Wester's H27)."""
    monoms = st.tuples(*[st.integers(0, max_deg)] * len(gens))
    return st.dictionaries(monoms, coeffs, min_size=2, max_size=max_terms).map(
        lambda d: Poly(d, gens))


def check_product(fs: list[Poly], gens: tuple) -> None:
    fs = [f for f in fs if not f.is_constant]
    if not fs:
        return
    P = fs[0]
    for f in fs[1:]:
        P = P * f
    c, fl = factor_poly_list(P)
    prod = Poly.constant(c, gens)
    for g, k in fl:
        prod = prod * g**k
    assert prod == P
    assert sum(k for _, k in fl) >= len(fs)
    for g, _ in fl:  # irreducible: factoring a factor again gives it back
        c2, fl2 = factor_poly_list(g)
        assert len(fl2) == 1 and fl2[0][1] == 1 and c2 == 1, (g.as_expr(), fl2)


@given(st.lists(sparse((x, y, z), 4, 4), min_size=2, max_size=3))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sparse_trivariate_products(fs: list) -> None:
    check_product(fs, (x, y, z))


@given(st.lists(sparse((x, y, z, t), 3, 4), min_size=2, max_size=3))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sparse_four_variable_products(fs: list) -> None:
    check_product(fs, (x, y, z, t))


@given(st.lists(sparse((x, y), 7, 5), min_size=2, max_size=4))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sparse_bivariate_products(fs: list) -> None:
    check_product(fs, (x, y))


def test_wester_h27() -> None:
    f = 24*x*y**19*z**8 - 47*x**17*y**5*z**8 + 6*x**15*y**9*z**2 - 3*x**22 + 5
    g = 34*x**5*y**8*z**13 + 20*x**7*y**7*z**7 + 12*x**9*y**16*z**4 + 80*y**14*z
    assert factor(sc.expand(f * g)) is 2 * y**7 * z * f * sc.expand(g / (2 * y**7 * z))


def test_non_divisors() -> None:
    assert non_divisors([3, 5], 1, 1)
    assert not non_divisors([3, 9], 1, 1)  # 9 has no prime that 3 lacks
    assert not non_divisors([2, 5], 2, 1)  # 2 divides the content
    assert not non_divisors([-1], 1, 1)
    assert non_divisors([], 4, 6)


def test_lc_factors() -> None:
    # 6*y^2*(y + z): content 6, factors y and y + z
    ct, fs = lc_factors({(3, 0): 6, (2, 1): 6})
    assert ct == 6 and sorted(fs, key=len) == [{(1, 0): 1}, {(1, 0): 1, (0, 1): 1}]
    assert lc_factors({(0, 0): -4}) == (4, [])
    assert lc_factors({(2, 3): -5}) == (5, [{(1, 0): 1}, {(0, 1): 1}])
    # 4*y^2*(y + z)^3*(y - z)^2 (*(y - z) again) and (y^2 + z): repeated factors once each
    Y, Z = Poly.gen(0, (x, y)), Poly.gen(1, (x, y))
    lc = 4 * Y**2 * (Y + Z)**3 * (Y - Z)**2 * (Y**2 + Z)
    ct, fs = lc_factors(dict(lc.terms))
    got = sorted(Poly(f, (x, y)).as_expr().sort_key() for f in fs)
    want = sorted(e.sort_key() for e in (x, x + y, x - y, x**2 + y))
    assert ct == 4 and got == want


def test_distribute_and_lift_by_hand() -> None:
    # f = (y*x + 1) * (2*x - y) in Z[x, y], exponents (x, y); lc_x(f) = 2*y
    f = zp_mul({(1, 1): 1, (0, 0): 1}, {(1, 0): 2, (0, 1): -1})
    lc = {(1,): 2}
    ct, lfacs = lc_factors(lc)
    assert ct == 2 and lfacs == [{(1,): 1}]
    a = (3,)
    E = [3]
    assert non_divisors(E, 1, ct)
    image = [-3, -7, 6]
    hs, C, s = distribute(lc, lfacs, E, [[1, 3], [-3, 2]], a, image)
    assert s == 1 and C == [{(1,): 1}, {(0,): 2}]
    got = wang_lift(f, a, hs, C, s)
    assert sorted(got, key=len) == sorted([{(1, 1): 1, (0, 0): 1}, {(1, 0): 2, (0, 1): -1}],
                                          key=len)
    # wrong leading coefficients: no factors come back
    assert wang_lift(f, a, hs, [{(0,): 2}, {(1,): 1}], s) is None


def test_fallback_when_the_deduction_is_wrong(monkeypatch) -> None:
    """If the distributed leading coefficients are wrong, the lift is refused and the
    monic lift with recombination gives the same factors."""
    e = sc.expand((x*y**2*z + 3*x**2 - y) * (2*y*z*x**2 + x*z - 5) * (x*y - z**2 + 1))
    want = factor(e)
    calls = []

    def swapped(*args):
        out = real(*args)
        if out is not None:
            hs, C, s = out
            out = hs, C[::-1], s
        calls.append(out)
        return out

    real = factor_wang.distribute
    monkeypatch.setattr(factor_wang, "distribute", swapped)
    lifted = []
    real_lift = factor_multi._lift
    monkeypatch.setattr(factor_multi, "_lift", lambda *a: lifted.append(1) or real_lift(*a))
    assert factor(e) is want
    assert calls and lifted  # the fallback ran
    assert sc.expand(want) is e and len(want.args) == 3


def homogeneous(gens: tuple, deg: int, max_terms: int) -> st.SearchStrategy:
    """Sparse homogeneous polynomials of total degree ``deg``."""
    def monom(es: tuple) -> tuple:
        rest = deg - sum(es)
        return es + (rest,) if rest >= 0 else None
    monoms = st.tuples(*[st.integers(0, deg)] * (len(gens) - 1)).map(monom).filter(
        lambda m: m is not None)
    return st.dictionaries(monoms, coeffs, min_size=2, max_size=max_terms).map(
        lambda d: Poly(d, gens))


@given(st.lists(st.integers(1, 4).flatmap(lambda d: homogeneous((x, y, z), d, 4)),
                min_size=2, max_size=3))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_homogeneous_products(fs: list) -> None:
    """Homogeneous inputs are factored with one variable set to 1, then homogenized."""
    check_product(fs, (x, y, z))


def test_homogeneous_examples() -> None:
    assert factor(x**6 - y**6) is (x - y) * (x + y) * (x**2 - x*y + y**2) * (x**2 + x*y + y**2)
    assert len(factor(x**60 - y**60).args) == 12
    e = sc.expand((x + y + z) * (x**2 - 3*y*z + z**2) * (x - 2*y))
    assert factor(e) is (x + y + z) * (x - 2*y) * (x**2 - 3*y*z + z**2)
    irreducible = x**4 + 2*x**2*z**2 + y**4 + 2*y**2*z**2 + z**4
    assert factor(irreducible) is irreducible


@given(st.lists(sparse((x, y, z), 5, 4), min_size=2, max_size=3))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_factor_count_agrees_with_sympy(fs: list) -> None:
    """An independent oracle, where SymPy is installed: the same irreducible factors."""
    sympy = pytest.importorskip("sympy")
    fs = [f for f in fs if not f.is_constant]
    if not fs:
        return
    P = fs[0]
    for f in fs[1:]:
        P = P * f
    X = sympy.symbols("x y z")

    def norm(g: object) -> object:
        g = sympy.Poly(g, *X)
        return (g if g.LC() > 0 else -g).as_expr()

    _, fl = factor_poly_list(P)
    ours = sorted(str(norm(sympy.sympify(str(g.as_expr()).replace("^", "**")))) + f"^{k}"
                  for g, k in fl)
    _, sfl = sympy.factor_list(sympy.sympify(str(P.as_expr()).replace("^", "**")))
    assert ours == sorted(str(norm(g)) + f"^{k}" for g, k in sfl)
