"""Multivariate factorization, the heuristic gcd, cancel and apart with parameters.

Properties on random products of small multivariate polynomials (factor expands back,
factors are irreducible; the heuristic gcd agrees with the pseudo-remainder gcd; cancel
leaves coprime parts; apart recombines), plus worked examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc.algebra import Poly, apart, cancel, factor, factor_poly_list, numer_denom, together
from symcalc.algebra.factor_multi import factor_squarefree
from symcalc.algebra.gcd import cofactors, gcd, gcd_prs
from symcalc.algebra.heugcd import HeuristicGCDFailed, heugcd
from symcalc.algebra.zpoly import zp_exquo, zp_interp_last, zp_mul

x, y, z, w, a, b = sc.symbols("x y z w a b")
R = sc.Rational

small = st.integers(-3, 3)


def polys(gens: tuple, max_deg: int = 2, max_terms: int = 3) -> st.SearchStrategy:
    """Random polynomial expressions in ``gens`` with small integer coefficients."""
    monoms = st.tuples(*[st.integers(0, max_deg)] * len(gens))
    return st.dictionaries(monoms, small, min_size=1, max_size=max_terms).map(
        lambda d: Poly(d, gens).as_expr())


def products(gens: tuple, max_factors: int = 3) -> st.SearchStrategy:
    """Expanded products of small random polynomials, some repeated."""
    return st.lists(st.tuples(polys(gens), st.integers(1, 2)), min_size=1,
                    max_size=max_factors).map(
        lambda fs: sc.expand(sc.Mul(*[f**k for f, k in fs])))


def bases_of(e: sc.Expr) -> list[sc.Expr]:
    out = []
    for f in (e.args if e.is_Mul else (e,)):
        if f.is_Number:
            continue
        out.append(f.args[0] if f.is_Pow and f.args[1].is_Number else f)
    return out


# ---------------------------------------------------------------------- factor


def test_factor_multivariate_examples() -> None:
    assert factor(x**2 - y**2) is (x - y) * (x + y)
    assert factor(x**3*y - x*y**3) is x * y * (x - y) * (x + y)
    e = sc.expand((x*y + 2*z - 1) * (x**2 - y*z + 3)**2 * (x - y))
    assert factor(e) is (x*y + 2*z - 1) * (x**2 - y*z + 3)**2 * (x - y)
    assert factor(x**4 + 4*y**4) is (x**2 - 2*x*y + 2*y**2) * (x**2 + 2*x*y + 2*y**2)
    # irreducible although every image x^4 - 10 x^2 a^2 + a^4 splits mod every prime
    assert factor(x**4 - 10*x**2*y**2 + y**4) is x**4 - 10*x**2*y**2 + y**4
    assert factor(x**2 - y) is x**2 - y
    assert factor(sc.expand((x + y)**6 - 1)) is sc.Mul(
        x + y - 1, x + y + 1, x**2 + 2*x*y - x + y**2 - y + 1, x**2 + 2*x*y + x + y**2 + y + 1)
    e = sc.expand((x*y - z*w + 2) * (x*y*z*w - 1) * (x + y + z + w + 1) * (x**2 + w**2 - y))
    assert sc.expand(factor(e)) is e and len(bases_of(factor(e))) == 4
    # rational content, a non-symbol generator and a rational function
    assert factor(x**2/4 - y**2) is (x - 2*y) * (x + 2*y) / 4
    assert factor(sc.sin(y)**2 - x**2) is (sc.sin(y) - x) * (sc.sin(y) + x)
    assert factor((x**2 - y**2)/(x**2*z + 2*x*y*z + y**2*z)) is (x - y)/(z*(x + y))


@given(products((x, y)))
@settings(max_examples=40)
def test_factor_bivariate_irreducible(p: sc.Expr) -> None:
    f = factor(p)
    assert sc.expand(f) is sc.expand(p)
    for g in bases_of(f):
        h = factor(g)
        assert h is g or h is -g, (p, g, h)


@given(products((x, y, z), max_factors=2))
@settings(max_examples=25)
def test_factor_trivariate_irreducible(p: sc.Expr) -> None:
    f = factor(p)
    assert sc.expand(f) is sc.expand(p)
    for g in bases_of(f):
        h = factor(g)
        assert h is g or h is -g, (p, g, h)


@given(st.lists(polys((x, y, z), max_deg=2, max_terms=4), min_size=2, max_size=3))
@settings(max_examples=25)
def test_factor_finds_every_factor(fs: list) -> None:
    """A product of k polynomials that are each non-constant has at least k factors
    (counted with multiplicity)."""
    gens = (x, y, z)
    fs = [f for f in fs if not Poly.from_expr(f, gens).is_constant]
    if not fs:
        return
    P = Poly.from_expr(sc.expand(sc.Mul(*fs)), gens)
    c, fl = factor_poly_list(P)
    assert sum(k for _, k in fl) >= len(fs)
    prod = Poly.constant(c, gens)
    for g, k in fl:
        prod = prod * g**k
    assert prod == P


def test_factor_squarefree_poly_level() -> None:
    p = Poly.from_expr(sc.expand((x + y) * (x - y) * (x*z + 1)), [x, y, z])
    fs = factor_squarefree(p)
    assert sorted(str(f.as_expr()) for f in fs) == ["x + y", "x - y", "x*z + 1"]
    assert all(f.primitive()[0] == 1 for f in fs)
    with pytest.raises(sc.algebra.PolynomialError):
        factor_squarefree(Poly.from_expr(sc.Integer(0), [x, y]))


# ---------------------------------------------------------------------- gcd


@given(products((x, y), max_factors=2), products((x, y), max_factors=2), polys((x, y)))
@settings(max_examples=30)
def test_heuristic_gcd_agrees_with_prs(p: sc.Expr, q: sc.Expr, common: sc.Expr) -> None:
    # bivariate: the reference (Euclid over Q(y)[x]) has exponential coefficient growth
    gens = (x, y)
    P = Poly.from_expr(sc.expand(p * common), gens)
    Q = Poly.from_expr(sc.expand(q * common), gens)
    if P.is_zero and Q.is_zero:
        return
    g = gcd(P, Q)
    assert g == gcd_prs(P, Q)
    if not (P.is_zero or Q.is_zero):
        g2, cp, cq = cofactors(P, Q)
        assert g2 == g and g * cp == P and g * cq == Q


def test_gcd_examples() -> None:
    P = Poly.from_expr(sc.expand((x*y + 2*z - 1) * (x**2 - y*z + 3)**2 * (x - y)))
    Q = Poly.from_expr(sc.expand((x*y + 2*z - 1) * (x + y*z - 3)**2 * (x**2 + y + z)))
    assert gcd(P, Q).as_expr() is x*y + 2*z - 1
    g, cp, cq = cofactors(Poly.from_expr(2*x**2 - 2*y**2), Poly.from_expr(x*y + y**2))
    assert (g.as_expr(), cp.as_expr(), cq.as_expr()) == (x + y, 2*x - 2*y, y)
    # rational coefficients and zero arguments
    g, cp, cq = cofactors(Poly.from_expr(x/2 + y/3), Poly.from_expr(sc.Integer(0), [x, y]))
    assert g.as_expr() is x + 2*y/3 and cq.is_zero and g * cp == Poly.from_expr(x/2 + y/3)
    assert gcd(Poly.from_expr(x**4 - 1), Poly.from_expr(x**6 - 1)).as_expr() is x**2 - 1


def test_heugcd_kernel() -> None:
    f = {(2, 0): 1, (0, 2): -1}
    g = {(2, 0): 1, (1, 1): 2, (0, 2): 1}
    h, cf, cg = heugcd(f, g)
    assert zp_mul(h, cf) == f and zp_mul(h, cg) == g
    assert heugcd({(): 12}, {(): 18})[0] == {(): 6}
    assert heugcd({(1,): 4, (0,): 6}, {(1,): 6, (0,): 9}) == ({(1,): 2, (0,): 3}, {(0,): 2},
                                                               {(0,): 3})
    assert zp_exquo({(2, 0): 1, (0, 2): -1}, {(1, 0): 1, (0, 1): 2}) is None
    assert zp_interp_last({(): 10 * 4 - 3}, 10) == {(0,): -3, (1,): 4}
    with pytest.raises(ValueError):
        heugcd({}, g)
    assert issubclass(HeuristicGCDFailed, Exception)


# ---------------------------------------------------------------------- cancel


@given(products((x, y, z), max_factors=2), products((x, y, z), max_factors=2),
       polys((x, y, z)))
@settings(max_examples=30)
def test_cancel_gives_coprime_parts(p: sc.Expr, q: sc.Expr, common: sc.Expr) -> None:
    if q == 0 or common == 0:
        return
    gens = (x, y, z)
    c = cancel(p * common / (q * common))
    n, d = numer_denom(c)
    N, D = Poly.from_expr(n, gens), Poly.from_expr(d, gens)
    assert N.is_zero or gcd(N, D).is_constant
    # same rational function: n*q == d*p
    assert N * Poly.from_expr(q, gens) == D * Poly.from_expr(p, gens)


def test_cancel_multivariate_examples() -> None:
    A = sc.expand((x*y + 2*z - 1) * (x**2 - y*z + 3))
    B = sc.expand((x*y + 2*z - 1) * (x + y*z - 3))
    assert cancel(A/B) is sc.expand(x**2 - y*z + 3)/sc.expand(x + y*z - 3)
    assert cancel((x**2 - y**2)/(x*z + y*z)) is (x - y)/z


# ---------------------------------------------------------------------- apart with parameters


def linear_factors(gens: tuple) -> st.SearchStrategy:
    """``c*x + d`` with ``c`` a nonzero and ``d`` any small polynomial in the parameters."""
    coef = st.dictionaries(st.tuples(*[st.integers(0, 1)] * len(gens)), small,
                           min_size=1, max_size=2).map(lambda d: Poly(d, gens).as_expr())
    return st.tuples(coef.filter(lambda e: e != 0), coef).map(lambda cd: cd[0] * x + cd[1])


@given(st.lists(st.tuples(linear_factors((a, b)), st.integers(1, 2)), min_size=1, max_size=3),
       polys((x, a), max_deg=3, max_terms=3))
@settings(max_examples=30)
def test_apart_with_parameters_recombines(facs: list, num: sc.Expr) -> None:
    e = num / sc.Mul(*[f**k for f, k in facs])
    p = apart(e, x)
    assert cancel(together(p) - e) is sc.Integer(0)
    # every fraction has a power of one factor linear in x (or none) in its denominator
    for t in (p.args if p.is_Add else (p,)):
        _, d = numer_denom(t)
        xdens = [f for f in bases_of(d) if f.has(x)]
        assert len(xdens) <= 1
        if xdens:
            assert Poly.from_expr(xdens[0], [x, a, b]).degree(x) == 1


def test_apart_with_parameters_examples() -> None:
    e = 1/((x + a)*(x + b))
    assert apart(e, x) is 1/((a - b)*(x + b)) - 1/((a - b)*(x + a))
    assert apart(a/(x**2 - 1), x) is a/(2*(x - 1)) - a/(2*(x + 1))
    e = (a*x**2 + b)/(x*(x + a)**3)
    p = apart(e, x)
    assert cancel(together(p) - e) is sc.Integer(0)
    assert len(p.args) == 4
    # polynomial part with a parameter in the leading coefficient
    assert apart(x**2/(a*x + 1), x) is x/a - 1/a**2 + 1/(a**2*(a*x + 1))
    # denominator factors free of the parameters: any degree
    e = (x + a)/((x**2 + 1)*(x - 1))
    p = apart(e, x)
    assert cancel(together(p) - e) is sc.Integer(0) and len(p.args) == 2
    # a parameter in a factor that is nonlinear in x: unchanged (never wrong)
    assert apart(1/((x**2 + a)*(x + 1)), x) is 1/((x**2 + a)*(x + 1))
    assert apart(x/a, x) is x/a
    assert apart(sc.Integer(0)*a, x) is sc.Integer(0)
    assert apart(sc.exp(y)/(x**2 - 1), x) is sc.exp(y)/(2*(x - 1)) - sc.exp(y)/(2*(x + 1))
    assert cancel(together(apart(1/(x**2 - a**2), x)) - 1/(x**2 - a**2)) is sc.Integer(0)
    assert apart(R(1, 2)/(x*(x + a)), x) is 1/(2*a*x) - 1/(2*a*(x + a))
