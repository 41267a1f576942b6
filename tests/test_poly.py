"""Properties of the polynomial layer: ring axioms, division, gcd, resultants,
square-free factorization and rational roots, plus worked examples."""

from __future__ import annotations

from fractions import Fraction
from functools import reduce
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

import symcalc as sc
from symcalc.algebra import (
    Poly,
    PolynomialError,
    factor_list,
    gcd,
    gcdex,
    lcm,
    rational_roots,
    resultant,
    sqf_list,
    sqf_part,
)
from symcalc.algebra.factor import _multi_lift
from symcalc.algebra.galois import gf_divmod, gf_factor, gf_from, gf_is_squarefree, gf_mul
from symcalc.algebra.gcd import sylvester_det
from symcalc.errors import LimitError, SymcalcError

x, y, z = sc.symbols("x y z")
GENS = (x, y, z)
P = Poly.from_expr

coeffs = st.one_of(st.integers(-5, 5),
                   st.builds(Fraction, st.integers(-5, 5), st.integers(1, 4)))
nonzero_coeffs = coeffs.filter(lambda c: c != 0)
rationals = st.builds(Fraction, st.integers(-6, 6), st.integers(1, 3))


def polys(nvars: int = 1, max_deg: int = 4, max_terms: int = 5) -> st.SearchStrategy:
    monoms = st.tuples(*[st.integers(0, max_deg)] * nvars)
    return st.dictionaries(monoms, coeffs, max_size=max_terms).map(
        lambda d: Poly(d, GENS[:nvars]))


def nonzero(s: st.SearchStrategy) -> st.SearchStrategy:
    return s.filter(lambda p: not p.is_zero)


uni = polys(1)
uni_nz = nonzero(uni)
multi = polys(3, max_deg=2, max_terms=4)
bi = polys(2, max_deg=2, max_terms=3)


def linear_product(roots: list[Fraction], lc: Fraction = Fraction(1)) -> Poly:
    p = Poly.constant(lc, (x,))
    for r in roots:
        p = p * Poly.from_list([1, -r], x)
    return p


def divides(d: Poly, p: Poly) -> bool:
    return (p % d).is_zero


# ---------------------------------------------------------------------- ring axioms


@given(multi, multi, multi)
def test_ring_axioms(a: Poly, b: Poly, c: Poly) -> None:
    zero, one = Poly.constant(0, GENS), Poly.constant(1, GENS)
    assert a + b == b + a
    assert a * b == b * a
    assert (a + b) + c == a + (b + c)
    assert (a * b) * c == a * (b * c)
    assert a * (b + c) == a * b + a * c
    assert a + zero == a and a * one == a and a * zero == zero
    assert (a - a).is_zero and a - b == -(b - a)
    assert a ** 3 == a * a * a and a ** 0 == one


@given(multi, coeffs, coeffs)
def test_scalar_ops(a: Poly, c: Fraction, d: Fraction) -> None:
    assert a * c + a * d == a * (c + d)
    assert 2 * a == a + a and a * 2 == a + a
    assert a + c == c + a and (c - a) == -(a - c)
    if c:
        assert (a / c) * c == a


@given(multi)
def test_degrees_and_leading_term(a: Poly) -> None:
    if a.is_zero:
        assert a.total_degree() == -1 and a.degree(x) == -1
        return
    assert a.total_degree() == max(sum(m) for m in a.terms)
    assert a.degree_list() == tuple(max(m[i] for m in a.terms) for i in range(3))
    lt = a.leading_term()
    assert all(m <= a.leading_monom() for m in a.terms)
    assert lt.leading_coeff() == a.leading_coeff() and (a - lt).terms_lex() == a.terms_lex()[1:]


# ---------------------------------------------------------------------- conversion

def exprs() -> st.SearchStrategy:
    leaf = st.one_of(st.sampled_from(GENS), st.integers(-4, 4).map(sc.Integer),
                     st.builds(lambda p, q: sc.Rational(p, q), st.integers(-4, 4),
                               st.integers(1, 3)))

    def grow(children: st.SearchStrategy) -> st.SearchStrategy:
        return st.one_of(
            st.tuples(children, children).map(lambda t: t[0] + t[1]),
            st.tuples(children, children).map(lambda t: t[0] - t[1]),
            st.tuples(children, children).map(lambda t: t[0] * t[1]),
            st.tuples(children, st.integers(0, 3)).map(lambda t: t[0] ** t[1]),
        )

    return st.recursive(leaf, grow, max_leaves=8)


@given(exprs())
def test_from_expr_round_trip(e: sc.Expr) -> None:
    assert P(e).as_expr() is sc.expand(e)
    assert P(e, GENS).as_expr() is sc.expand(e)


@given(multi)
def test_as_expr_round_trip(a: Poly) -> None:
    assert P(a.as_expr(), GENS) == a


def test_generators_inferred() -> None:
    p = P(x * sc.exp(x) + sc.exp(x) + 3)
    assert p.gens == (x, sc.exp(x))
    assert p.as_expr() is x * sc.exp(x) + sc.exp(x) + 3
    q = P(1 / x + x ** 2 * y)
    assert set(q.gens) == {x, y, 1 / x} and q.as_expr() is 1 / x + x ** 2 * y
    assert P(sc.Integer(5)).gens == () and P(sc.Integer(5)) == 5


@pytest.mark.parametrize("e, gens", [
    (1 / x, [x]), (sc.sin(x) + 1, [x]), (x * y, [x]), (x ** sc.Rational(1, 2), [x]),
    (sc.Float(1.5) * x, None), (x, [sc.Integer(2)]),
])
def test_non_polynomial_input_raises(e: sc.Expr, gens: list | None) -> None:
    with pytest.raises(PolynomialError) as info:
        P(e, gens)
    assert isinstance(info.value, SymcalcError)


def test_errors() -> None:
    p = P(x ** 2 + 1)
    with pytest.raises(PolynomialError):
        p ** -1
    with pytest.raises(PolynomialError):
        divmod(p, Poly.constant(0, (x,)))
    with pytest.raises(PolynomialError):
        p / 0
    with pytest.raises(PolynomialError):
        P(x ** 2).exquo(P(x + 1))
    with pytest.raises(PolynomialError):
        Poly({(1, 2): 1}, (x,))
    with pytest.raises(LimitError):
        P(x + y + z + 1) ** 10 ** 6


def test_mixed_generators_unify() -> None:
    assert (P(x + 1) * P(y - 1)).as_expr() is sc.expand((x + 1) * (y - 1))
    assert P(x ** 2 + y, [y, x]) == P(x ** 2 + y, [x, y])
    assert P(x + 1) + y == P(x + y + 1)


# ---------------------------------------------------------------------- division


@given(uni, uni_nz)
def test_univariate_divmod(a: Poly, b: Poly) -> None:
    q, r = divmod(a, b)
    assert q * b + r == a
    assert r.degree() < b.degree() or r.is_zero
    assert a // b == q and a % b == r


@given(multi, nonzero(multi))
def test_multivariate_division(a: Poly, b: Poly) -> None:
    q, r = a.div(b)
    assert q * b + r == a
    lm = b.leading_monom()
    assert not any(all(i >= j for i, j in zip(m, lm)) for m in r.terms)
    assert (a * b).exquo(b) == a


@given(uni, uni_nz)
def test_pseudo_division(a: Poly, b: Poly) -> None:
    q, r = a.pdiv(b)
    k = max(a.degree() - b.degree() + 1, 0)
    assert q * b + r == a * Fraction(b.leading_coeff()) ** k
    assert r.degree() < b.degree() or r.is_zero


@given(bi, nonzero(bi))
def test_multivariate_pseudo_division(a: Poly, b: Poly) -> None:
    for g in (x, y):
        q, r = a.pdiv(b, g)
        k = max(a.degree(g) - b.degree(g) + 1, 0)
        assert q * b + r == a * b.coeff_in(g, b.degree(g)) ** k
        assert r.degree(g) < b.degree(g) or r.is_zero


@given(multi)
def test_content_and_primitive(a: Poly) -> None:
    c, p = a.primitive()
    assert p * c == a
    if not a.is_zero:
        assert all(isinstance(v, int) for v in p.terms.values())
        assert p.content() == 1 and p.leading_coeff() > 0 and a.content() == abs(c)
        assert a.monic().leading_coeff() == 1


# ---------------------------------------------------------------------- calculus, values


@given(multi, multi)
def test_derivative_rules(a: Poly, b: Poly) -> None:
    for g in GENS:
        assert (a * b).diff(g) == a.diff(g) * b + a * b.diff(g)
        assert P(sc.diff(a.as_expr(), g), GENS) == a.diff(g)
    assert a.diff(x, 2) == a.diff(x).diff(x)


@given(multi, rationals, rationals, rationals)
def test_evaluation(a: Poly, u: Fraction, v: Fraction, w: Fraction) -> None:
    val = a(u, v, w)
    assert a.evaluate(x, u).evaluate(y, v).evaluate(z, w) == Poly.constant(val, ())
    assert sc.Rational(val) is a.as_expr().subs({x: sc.Rational(u), y: sc.Rational(v),
                                                  z: sc.Rational(w)})


@given(uni, polys(1, max_deg=2, max_terms=3), rationals)
def test_composition(a: Poly, b: Poly, u: Fraction) -> None:
    c = a.compose(x, b)
    assert c(u) == a(b(u))


# ---------------------------------------------------------------------- gcd


@given(uni, uni, polys(1, max_deg=3, max_terms=3))
def test_univariate_gcd(a: Poly, b: Poly, c: Poly) -> None:
    g = gcd(a, b)
    if a.is_zero and b.is_zero:
        assert g.is_zero
        return
    assert g.leading_coeff() == 1
    assert divides(g, a) and divides(g, b)
    assert gcd(a.exquo(g), b.exquo(g)) == 1
    if not c.is_zero:
        gc = gcd(a * c, b * c)
        assert divides(c, gc)
        if not g.is_zero:
            assert gc == (g * c).monic()


@given(uni, uni)
def test_lcm(a: Poly, b: Poly) -> None:
    m = lcm(a, b)
    if a.is_zero or b.is_zero:
        assert m.is_zero
        return
    assert divides(a, m) and divides(b, m)
    assert m * gcd(a, b) == (a * b).monic()


@given(uni, uni)
def test_gcdex_identity(a: Poly, b: Poly) -> None:
    s, t, g = gcdex(a, b)
    assert s * a + t * b == g
    assert g == gcd(a, b)


@given(bi, bi, polys(2, max_deg=1, max_terms=3))
def test_multivariate_gcd(a: Poly, b: Poly, c: Poly) -> None:
    g = gcd(a, b)
    if a.is_zero and b.is_zero:
        assert g.is_zero
        return
    assert g.leading_coeff() == 1
    assert divides(g, a) and divides(g, b)
    if not a.is_zero and not b.is_zero:
        assert gcd(a.exquo(g), b.exquo(g)) == 1
    if not c.is_zero:
        gc = gcd(a * c, b * c)
        assert divides(c, gc) and divides(g, gc)
        assert gc == (g * c).monic()


def test_multivariate_gcd_examples() -> None:
    f = x * y + z + 1
    a = P(sc.expand(f * (x - y) ** 2 * (x + z)))
    b = P(sc.expand(f * (x + y + z) * (x - y)))
    assert gcd(a, b) == P(sc.expand(f * (x - y)), a.gens)
    assert gcd(P(x ** 2 - y ** 2), P(x ** 2 + 2 * x * y + y ** 2)) == P(x + y)
    assert gcd(P(x * y ** 2, GENS), P(x ** 2 * y, GENS)) == P(x * y, GENS)
    assert gcd(P(2 * x + 2, GENS), P(y, GENS)) == 1


# ---------------------------------------------------------------------- resultant

roots_lists = st.lists(rationals, min_size=1, max_size=4)


@given(roots_lists, roots_lists, nonzero_coeffs, nonzero_coeffs)
def test_resultant_of_linear_products(ra: list, rb: list, la: Fraction, lb: Fraction) -> None:
    a, b = linear_product(ra, Fraction(la)), linear_product(rb, Fraction(lb))
    res = resultant(a, b)
    # res = lc(a)^deg b * lc(b)^deg a * prod (alpha - beta) over roots alpha of a, beta of b
    expect = Fraction(la) ** len(rb) * Fraction(lb) ** len(ra)
    for u in ra:
        for v in rb:
            expect *= u - v
    assert res == expect
    assert (res == 0) == bool(set(ra) & set(rb))


@given(uni, uni)
def test_resultant_matches_sylvester(a: Poly, b: Poly) -> None:
    assert Poly.constant(resultant(a, b), (x,)) == sylvester_det(a, b)
    if not a.is_zero and not b.is_zero:
        assert (resultant(a, b) == 0) == (gcd(a, b).degree() > 0)


def test_multivariate_resultant() -> None:
    circle, line = P(x ** 2 + y ** 2 - 1), P(x - y)
    assert resultant(circle, line, x) == P(2 * y ** 2 - 1)
    assert resultant(circle, line, y) == P(2 * x ** 2 - 1)


# ---------------------------------------------------------------------- square-free


@given(st.lists(st.tuples(polys(1, max_deg=2, max_terms=3), st.integers(1, 3)),
                max_size=3), nonzero_coeffs)
def test_sqf_list(parts: list, c: Fraction) -> None:
    p = reduce(lambda acc, fk: acc * fk[0] ** fk[1], parts, Poly.constant(c, (x,)))
    if p.is_zero:
        return
    coeff, factors = sqf_list(p)
    back = reduce(lambda acc, fk: acc * fk[0] ** fk[1], factors, Poly.constant(coeff, (x,)))
    assert back == p
    for i, (f, k) in enumerate(factors):
        assert f.degree() > 0 and k >= 1
        assert gcd(f, f.diff()) == 1  # square-free
        assert f.primitive() == (1, f)
        for g, _ in factors[i + 1:]:
            assert gcd(f, g) == 1
    assert [k for _, k in factors] == sorted({k for _, k in factors})
    s = sqf_part(p)
    assert gcd(s, s.diff()) == 1 and divides(s, p)


def test_sqf_worked_example() -> None:
    p = P(sc.expand((x - 1) ** 2 * (x + 2) ** 3))
    assert sqf_list(p) == (1, [(P(x - 1), 2), (P(x + 2), 3)])
    assert sqf_list(P(sc.expand(6 * (x ** 2 + 1) * x ** 3))) == (6, [(P(x ** 2 + 1), 1),
                                                                     (P(x), 3)])
    assert sqf_list(P(x, [x]) * 0) == (0, [])
    assert sqf_list(Poly.constant(Fraction(3, 2), (x,))) == (Fraction(3, 2), [])


# ---------------------------------------------------------------------- rational roots


@given(st.lists(rationals, max_size=4), st.integers(0, 2), nonzero_coeffs)
def test_rational_roots(roots: list, extra: int, c: Fraction) -> None:
    # x^2 + 2 and x^2 - 3 have no rational roots
    p = linear_product(roots, Fraction(c)) * P(x ** 2 + 2) ** extra * P(x ** 2 - 3)
    found = rational_roots(p)
    assert found == sorted(set(roots))
    assert all(p(r) == 0 for r in found)


@given(uni_nz)
def test_rational_roots_are_roots(p: Poly) -> None:
    found = rational_roots(p)
    assert all(p(r) == 0 for r in found)
    assert len(found) <= p.degree()


def test_rational_roots_worked_example() -> None:
    assert rational_roots(P(2 * x ** 3 - 3 * x ** 2 - 3 * x + 2)) == [-1, Fraction(1, 2), 2]
    assert rational_roots(P(x ** 3)) == [0]
    assert rational_roots(P(x ** 2 + 1)) == []
    with pytest.raises(PolynomialError):
        rational_roots(P(x * y))


# ---------------------------------------------------------------------- worked examples


def test_gcd_worked_example() -> None:
    assert gcd(P(x ** 4 - 1), P(x ** 2 - 1)).as_expr() is x ** 2 - 1
    assert gcd(x ** 4 - 1, x ** 2 - 1) == P(x ** 2 - 1)
    s, t, g = gcdex(P(x ** 4 - 1), P(x ** 3 + 1))
    assert g == P(x + 1) and s * P(x ** 4 - 1) + t * P(x ** 3 + 1) == g


def test_leading_terms_lex() -> None:
    p = P(3 * x * y ** 2 + 5 * x ** 2 - y ** 7 + 1)
    assert p.leading_monom() == (2, 0) and p.leading_coeff() == 5
    assert p.total_degree() == 7 and p.degree(y) == 7 and p.degree(x) == 2
    assert P(x ** 3 - 2 * x + 1).all_coeffs() == [1, 0, -2, 1]


# ---------------------------------------------------------------------- factorization


def _monic_polys_mod(p: int, d: int) -> list[list[int]]:
    return [list(c) + [1] for c in product(range(p), repeat=d)]


def _irreducible_mod(f: list[int], p: int) -> bool:
    n = len(f) - 1
    return not any(not gf_divmod(f, g, p)[1]
                   for d in range(1, n // 2 + 1) for g in _monic_polys_mod(p, d))


@given(st.sampled_from([3, 5, 7]), st.lists(st.integers(0, 6), min_size=2, max_size=6))
def test_gf_factor(p: int, coeffs: list[int]) -> None:
    f = gf_from(coeffs, p)
    if len(f) < 2 or not gf_is_squarefree(f, p):
        return
    facs = gf_factor(f, p)
    back = [1]
    for g in facs:
        assert g[-1] == 1 and _irreducible_mod(g, p)
        back = gf_mul(back, g, p)
    assert back == [c * pow(f[-1], -1, p) % p for c in f]


def test_hensel_lifting() -> None:
    f = [1, 0, 0, 0, 1]  # x^4 + 1: splits into 2 quadratics mod 3
    facs = gf_factor(f, 3)
    lifted = _multi_lift(f, facs, 3, 5)
    m = 3 ** 6
    prod_ = [1]
    for g in lifted:
        assert g[-1] == 1
        prod_ = _mul_mod(prod_, g, m)
    assert prod_ == f


def _mul_mod(a: list[int], b: list[int], m: int) -> list[int]:
    r = [0] * (len(a) + len(b) - 1)
    for i, u in enumerate(a):
        for j, v in enumerate(b):
            r[i + j] += u * v
    return [c % m for c in r]


def _check_factorization(p: Poly) -> list[tuple[Poly, int]]:
    c, facs = factor_list(p)
    back = reduce(lambda acc, fk: acc * fk[0] ** fk[1], facs, Poly.constant(c, (x,)))
    assert back == p
    for f, k in facs:
        assert k >= 1 and f.degree() >= 1 and f.primitive() == (1, f)
        if f.degree() in (2, 3):
            assert rational_roots(f) == []  # irreducible iff no rational root
        assert factor_list(f) == (1, [(f, 1)])
    assert len({f for f, _ in facs}) == len(facs)
    return facs


@given(st.lists(polys(1, max_deg=3, max_terms=4), min_size=1, max_size=3))
def test_factor_list_random_products(parts: list) -> None:
    p = reduce(lambda a, b: a * b, parts)
    if p.is_zero:
        return
    _check_factorization(p)


IRREDUCIBLE = [x ** 4 + 1, x ** 2 - 2, x ** 3 - 2, x ** 2 + x + 1, x ** 4 - 10 * x ** 2 + 1,
               3 * x + 1, x - 5, x ** 6 + x ** 3 + 1, 2 * x ** 2 + 3]


@given(st.lists(st.tuples(st.sampled_from(IRREDUCIBLE), st.integers(1, 2)), max_size=3,
                unique_by=lambda t: t[0]), nonzero_coeffs)
def test_factor_list_known_irreducibles(parts: list, c: Fraction) -> None:
    p = reduce(lambda acc, fk: acc * P(fk[0], [x]) ** fk[1], parts, Poly.constant(c, (x,)))
    facs = _check_factorization(p)
    assert sorted((f.all_coeffs(), k) for f, k in facs) == \
        sorted((P(e, [x]).all_coeffs(), k) for e, k in parts)


def test_factor_worked_examples() -> None:
    assert factor_list(P(x ** 4 - 1)) == (1, [(P(x - 1), 1), (P(x + 1), 1), (P(x ** 2 + 1), 1)])
    c, facs = factor_list(P(x ** 12 - 1))
    assert c == 1 and len(facs) == 6  # cyclotomic polynomials of 1, 2, 3, 4, 6, 12
    assert factor_list(P(sc.expand((x ** 2 - 2) ** 2 * (x ** 4 + 1) / 3))) == \
        (Fraction(1, 3), [(P(x ** 2 - 2), 2), (P(x ** 4 + 1), 1)])
