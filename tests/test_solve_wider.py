"""One-variable solve, wider: Lambert W, several radicals (extraneous roots dropped),
abs/max/min/piecewise by cases, general solutions of periodic equations. Every root is
substituted back and checked with mpmath at 30 digits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc import parse
from symcalc.algebra.solve import PERIOD_PARAMETER, SolveError, solve

x = sc.Symbol("x")
n = PERIOD_PARAMETER


def _residual(f, r) -> float:
    return abs(complex(sc.N(f, 30, subs={x: sc.N(r, 40)})))


def _check_all(f, roots):
    for r in roots:
        assert _residual(f, r) < 1e-12, (f, r)


@pytest.mark.parametrize("src, expected", [
    ("x*exp(x) - 1", "[lambertw(1)]"),
    ("exp(-x) - x", "[lambertw(1)]"),
    ("x*log(x) - 1", "[exp(lambertw(1))]"),
    ("x*exp(x) + 1", "[]"),
    ("x - 2*exp(x)", "[]"),
    ("(2*x + 1)*exp(3*x) - 5", "[lambertw(15*exp(3/2)/2)/3 - 1/2]"),
])
def test_lambert(src, expected):
    f = parse(src)
    r = solve(f, x)
    assert str(r) == expected
    _check_all(f, r)


def test_lambert_two_real_branches():
    f = parse("x*exp(x) + 1/10")
    r = solve(f, x)
    assert len(r) == 2 and r[1] == parse("lambertw(-1/10)")
    _check_all(f, r)
    f = parse("2^x - 3*x")
    r = solve(f, x)
    assert len(r) == 2
    _check_all(f, r)


def test_lambert_complex_refused():
    with pytest.raises(SolveError):
        solve(parse("x*exp(x) - 1"), x, domain="complex")


@settings(max_examples=30, deadline=None)
@given(st.integers(-3, 3).filter(bool), st.integers(-3, 3), st.integers(-3, 3).filter(bool),
       st.integers(-5, 5).filter(bool))
def test_lambert_roots_substitute_back(a1, a0, c, b0):
    f = (a1*x + a0)*sc.exp(c*x) + b0
    try:
        r = solve(f, x)
    except SolveError:
        return
    _check_all(f, r)


@pytest.mark.parametrize("src, expected", [
    ("sqrt(2*x + 3) - sqrt(x + 1) - 1", [-1, 3]),
    ("sqrt(x) + sqrt(x - 5) - 1", []),
    ("sqrt(x + 1) + sqrt(x - 1) - 2", [sc.Rational(5, 4)]),
    ("abs(x) - 2*x + 1", [1]),
    ("abs(x - 1) - abs(x + 2) + 1", [0]),
    ("max(x, 1) - 2", [2]),
    ("min(x, 2*x) + 3", [sc.Rational(-3, 2)]),
    ("max(x^2, 2) - 4", [-2, 2]),
])
def test_radicals_and_cases(src, expected):
    f = parse(src)
    r = solve(f, x)
    assert r == expected
    _check_all(f, r)


def test_piecewise_by_cases():
    f = sc.Piecewise((x + 1, x < 0), (x**2 - 1, True))
    assert solve(f, x) == [-1, 1]
    with pytest.raises(SolveError):  # holds on all of [-1, 1]
        solve(parse("abs(x - 1) + abs(x + 1) - 2"), x)


@settings(max_examples=30, deadline=None)
@given(st.integers(-5, 5), st.integers(1, 3), st.integers(-4, 4), st.integers(-4, 4))
def test_abs_equations_substitute_back(a, b, c, d):
    f = sc.abs(x - a) - b*x + c + d*sc.Max(x, 0)
    try:
        r = solve(f, x)
    except SolveError:
        return
    _check_all(f, r)
    # and nothing is missing: f changes sign only at roots on a grid between them
    vals = [float(f.subs({x: sc.Rational(k, 8)}).evalf()) for k in range(-80, 81)]
    sign_changes = sum(1 for u, v in zip(vals, vals[1:]) if u * v < 0)
    assert sign_changes <= len(r)


@pytest.mark.parametrize("src", ["sin(x) - 1/2", "cos(x) - 1/2", "sin(2*x) - 1/2",
                                 "tan(x) - 1", "cos(x) - 1", "2*sin(x)^2 - sin(x) - 1",
                                 "cos(3*x + 1) + 1", "sin(x)"])
def test_general_solutions(src):
    f = parse(src)
    principal = solve(f, x)
    general = solve(f, x, general=True)
    assert all(g.has(n) for g in general)
    for g in general:
        for k in (-3, -1, 0, 2, 5):
            assert _residual(f, g.subs({n: k})) < 1e-12, (g, k)
    # the principal solutions are among the general ones
    for p in principal:
        assert any(abs(complex(sc.N((g - p) / sc.pi, 20, subs={n: 0})) -
                       round(complex(sc.N((g - p) / sc.pi, 20, subs={n: 0})).real)) < 1e-12
                   for g in general)


def test_general_sin_half():
    assert solve(parse("sin(x) - 1/2"), x, general=True) == \
        [parse("pi/6") + 2*sc.pi*n, parse("5*pi/6") + 2*sc.pi*n]


@pytest.mark.parametrize("src, expected", [
    ("sin(x) + cos(x)", "[-pi/4, 3*pi/4]"),
    ("sin(x) - cos(x) - 1", "[pi/2, pi]"),
    ("3*sin(x) + 4*cos(x) - 5", "[2*atan(1/3)]"),
    ("sin(x) + cos(x) - 2", "[]"),
])
def test_sin_and_cos_together(src, expected):
    f = parse(src)
    r = solve(f, x)
    assert str(r) == expected
    _check_all(f, r)
    for g in solve(f, x, general=True):
        for k in (-2, 1, 3):
            assert _residual(f, g.subs({n: k})) < 1e-12


@settings(max_examples=30, deadline=None)
@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-4, 4))
def test_sin_cos_linear_combinations(a, b, c):
    f = a*sc.sin(x) + b*sc.cos(x) + c
    if a == 0 or b == 0:
        return
    r = solve(f, x)
    _check_all(f, r)
    # a sin + b cos = -c has solutions in (-pi, pi] iff c^2 <= a^2 + b^2 (two, or one)
    if c * c < a * a + b * b:
        assert len(r) == 2
    elif c * c > a * a + b * b:
        assert r == []


# ---------------------------------------------------------------- several logarithms

@pytest.mark.parametrize("src, expected", [
    ("log(x) + log(x - 1) - log(6)", "[3]"),
    ("2*log(x) - log(x + 2)", "[2]"),
    ("log(x - 3) + log(x - 5) - log(2*x)", "[sqrt(10) + 5]"),
    ("log(x^2) - log(4)", "[-2, 2]"),
    ("log(x) - log(-x)", "[]"),
])
def test_sums_of_logs_drop_roots_outside_the_domain(src, expected):
    f = parse(src)
    roots = solve(f, x)
    assert str(roots) == expected
    _check_all(f, roots)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(-6, 6), st.integers(1, 3), st.integers(1, 3),
       st.integers(1, 30))
def test_log_sums_agree_with_the_domain_and_substitution(a, b, p, q, c):
    # p*log(x + a) + q*log(x - b) = log(c): every root returned satisfies the equation
    # at 30 digits with both arguments positive; the combined polynomial's other real
    # roots are outside the domain
    f = p * sc.log(x + a) + q * sc.log(x - b) - sc.log(c)
    roots = solve(f, x)
    _check_all(f, roots)
    for r in roots:
        v = complex(sc.N(r, 30))
        assert v.real + a > 0 and v.real - b > 0
    candidates = solve((x + a)**p * (x - b)**q - c, x)
    inside = [r for r in candidates
              if complex(sc.N(r, 30)).real + a > 0 and complex(sc.N(r, 30)).real - b > 0]
    assert len(inside) == len(roots)
