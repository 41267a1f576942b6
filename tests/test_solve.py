"""solve: exact and numeric roots of one equation in one unknown."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc import (
    E,
    Eq,
    Float,
    Rational,
    Symbol,
    SymcalcError,
    cbrt,
    cos,
    cosh,
    exp,
    expand,
    log,
    pi,
    sigmoid,
    sin,
    softplus,
    sqrt,
    symbols,
    tan,
    tanh,
)
from symcalc import abs as sabs
from symcalc.algebra import Poly, cancel
from symcalc.algebra.solve import SolveError, solve
from symcalc.core.numbers import ZERO
from symcalc.errors import LimitError

x, a, b, K, r = symbols("x a b K r")
I = sqrt(-1)


# ---------------------------------------------------------------------- residual helpers


def exact_zero(e: sc.Expr) -> bool:
    """``e`` simplifies to 0 by repeated expansion or by cancel."""
    for _ in range(3):
        e = expand(e)
        if e is ZERO:
            return True
    return cancel(e) is ZERO


def numeric_residual_ok(f: sc.Expr, root: sc.Expr, tol: float = 1e-12) -> bool:
    """``|f(root)| <= tol * max(size of f's terms, |f'(root)|*|root|)`` in complex doubles
    (the second bound is what rounding the root to a double can cost)."""
    v = complex(root.evalf())
    at = v.real if v.imag == 0 else v
    terms = f.args if f.is_Add else (f,)
    scale = sum(abs(complex(t.evalf({x: at}))) for t in terms)
    slope = abs(complex(sc.diff(f, x).evalf({x: at}))) * max(1.0, abs(at))
    return abs(complex(f.evalf({x: at}))) <= tol * max(scale, slope, 1e-300)


def poly(coeffs: list[int]) -> sc.Expr:
    return Poly.from_list(coeffs, x).as_expr()


def values(roots: list) -> list[complex]:
    return [complex(rt.evalf()) for rt in roots]


# ---------------------------------------------------------------------- polynomials: exact


def test_quadratic_simplified_radicals():
    roots = solve(x**2 - 2*x - 1, x)
    assert roots == [1 - sqrt(2), 1 + sqrt(2)]
    assert str(roots) == "[1 - sqrt(2), sqrt(2) + 1]"
    for rt in roots:
        assert exact_zero((x**2 - 2*x - 1).subs({x: rt}))


def test_linear_rational_and_repeated_roots():
    assert solve(3*x - 2, x) == [Rational(2, 3)]
    assert solve(2*x**3 - 3*x**2 - 3*x + 2, x) == [-1, Rational(1, 2), 2]
    assert solve((x - 1)**2 * (x + 2), x) == [-2, 1]
    assert solve((x - 1)**2 * (x + 2), x, multiplicity=True) == [(-2, 1), (1, 2)]
    assert solve(x**5, x, multiplicity=True) == [(0, 5)]
    assert solve(x**2/2 - Rational(1, 8), x) == [Rational(-1, 2), Rational(1, 2)]


def test_no_real_roots_and_complex_quadratic():
    assert solve(x**2 + 1, x) == []
    assert solve(x**2 + 1, x, domain="complex") == [-I, I]
    roots = solve(x**2 + 2*x + 5, x, domain="complex")
    assert roots == [-1 - 2*I, -1 + 2*I]
    for rt in roots:
        assert exact_zero((x**2 + 2*x + 5).subs({x: rt}))


def test_biquadratic_denests():
    f = x**4 - 10*x**2 + 1
    roots = solve(f, x)
    assert roots == [-sqrt(2) - sqrt(3), sqrt(2) - sqrt(3), sqrt(3) - sqrt(2), sqrt(2) + sqrt(3)]
    for rt in roots:
        assert exact_zero(f.subs({x: rt}))


def test_powers_of_x_by_substitution():
    assert solve(x**4 - 2, x) == [-(2**Rational(1, 4)), 2**Rational(1, 4)]
    assert solve(x**3 - 2, x) == [2**Rational(1, 3)]
    assert solve(x**3 + 2, x) == [-(2**Rational(1, 3))]
    assert solve(x**6 - 9, x) == [-(3**Rational(1, 3)), 3**Rational(1, 3)]
    for f in (x**4 - 2, x**3 + 2, x**6 + 3, x**4 + 1, x**8 - x**4 - 1, x**4 + x**2 + 3):
        roots = solve(f, x, domain="complex")
        assert len(roots) == Poly.from_expr(f).degree()
        for rt in roots:
            assert not isinstance(rt, Float)
            assert exact_zero(f.subs({x: rt})) or numeric_residual_ok(f, rt)


def test_cardano_one_real_root_is_exact():
    f = x**3 + x + 1
    (rt,) = solve(f, x)
    assert "cbrt" in str(rt)
    assert numeric_residual_ok(f, rt)
    assert math.isclose(float(rt), -0.6823278038280193, rel_tol=1e-14)


def test_three_real_roots_of_a_cubic_are_numeric_or_viete_cosines():
    # Viete's trigonometric form where the angle is a rational multiple of pi
    assert [str(r) for r in solve(x**3 - 3 * x + 1, x)] == [
        "2*cos(10*pi/9)", "2*cos(4*pi/9)", "2*cos(2*pi/9)"]
    roots = solve(x**3 - 7 * x + 7, x)
    assert all(isinstance(rt, Float) for rt in roots)
    mpmath = pytest.importorskip("mpmath")
    with mpmath.workdps(40):
        exact = sorted(float(r.real) for r in mpmath.polyroots([1, 0, -7, 7]))
    assert [float(rt) for rt in roots] == exact


@given(st.integers(1, 4), st.integers(-15, 15), st.integers(-3, 3), st.integers(1, 3))
def test_cubics_with_three_real_roots_are_solved_right(m, q, s, a):
    # a*t^3 - 3*a*m^2*t + a*q with |q| < 2 m^3 has three real roots (t = x - s): Viete's
    # cosines, rationals or Floats; each checked by substitution at 40 digits
    assume(abs(q) < 2 * m**3)
    t = x - s
    p = sc.expand(a * t**3 - 3 * a * m**2 * t + a * q)
    roots = solve(p, x)
    assert len(roots) == 3
    vals = [float(sc.N(r, 30)) for r in roots]
    assert vals == sorted(vals)
    for r in roots:
        if isinstance(r, Float):
            continue  # the nearest double: its residual is rounding, checked elsewhere
        assert abs(complex(sc.N(p.subs({x: r}), 40))) < 1e-25


def test_ferrari_with_rational_resolvent():
    f = x**4 + 4*x**3 + 2*x**2 - 4*x - 2
    roots = solve(f, x)
    assert len(roots) == 4 and not any(isinstance(rt, Float) for rt in roots)
    for rt in roots:
        assert exact_zero(f.subs({x: rt}))
    assert values(roots) == sorted(values(roots), key=lambda v: v.real)


def test_unreadable_radicals_give_way_to_numbers():
    # Cardano would need cube roots of large surds here.
    roots = solve(18*x**3 - 17*x**2 - 18*x - 9, x)
    assert len(roots) == 1 and isinstance(roots[0], Float)


# ---------------------------------------------------------------------- polynomials: properties


@st.composite
def factored_polys(draw):
    """A polynomial built from linear factors with integer roots and quadratic factors,
    with the set of its real roots (as floats)."""
    lin = draw(st.lists(st.integers(-9, 9), min_size=0, max_size=4))
    quads = draw(st.lists(st.tuples(st.integers(-6, 6), st.integers(-9, 9)), max_size=2))
    assume(lin or quads)
    p = Poly.from_list([1], x)
    expected: list[float] = [float(v) for v in lin]
    for v in lin:
        p = p * Poly.from_list([1, -v], x)
    for bb, cc in quads:
        p = p * Poly.from_list([1, bb, cc], x)
        D = bb * bb - 4 * cc
        if D >= 0:
            expected += [(-bb - math.sqrt(D)) / 2, (-bb + math.sqrt(D)) / 2]
    distinct: list[float] = []
    for v in sorted(expected):
        if not distinct or abs(v - distinct[-1]) > 1e-9:
            distinct.append(v)
    scale = draw(st.integers(1, 5)) * draw(st.sampled_from([1, -1]))
    return p.as_expr() * scale, lin, distinct


@settings(max_examples=60)
@given(factored_polys())
def test_exactly_the_real_roots_of_products(data):
    f, lin, expected = data
    roots = solve(f, x)
    got = [float(rt) for rt in roots]
    assert len(got) == len(expected), (f, roots, expected)
    assert all(math.isclose(u, v, rel_tol=1e-12, abs_tol=1e-12) for u, v in zip(got, expected))
    assert got == sorted(got)
    for v in lin:
        assert sc.Integer(v) in roots  # integer roots come back as exact integers
    for rt in roots:
        assert not isinstance(rt, Float)
        assert exact_zero(f.subs({x: rt}))


@settings(max_examples=30)
@given(st.lists(st.integers(-20, 20), min_size=6, max_size=6).filter(lambda c: c[0] != 0))
def test_quintic_roots_match_numpy(coeffs):
    nr = np.roots(coeffs)
    assume(min(abs(u - v) for i, u in enumerate(nr) for v in nr[i + 1:]) > 1e-3)
    f = poly(coeffs)
    real = sorted(z.real for z in nr if abs(z.imag) < 1e-7)
    got = [float(rt) for rt in solve(f, x)]
    assert len(got) == len(real)
    for u, v in zip(got, real):
        assert abs(u - v) <= 1e-9 * max(1.0, abs(v))
    for rt in solve(f, x):
        assert numeric_residual_ok(f, rt)
    allr = values(solve(f, x, domain="complex"))
    assert len(allr) == 5
    for u, v in zip(sorted(allr, key=_key), sorted(nr, key=_key)):
        assert abs(u - v) <= 1e-8 * max(1.0, abs(v))


@settings(max_examples=30)
@given(st.integers(3, 4).flatmap(
    lambda n: st.lists(st.integers(-6, 6), min_size=n + 1, max_size=n + 1)
    .filter(lambda c: c[0] != 0)))
def test_cubics_and_quartics_all_roots(coeffs):
    """Cardano/Ferrari/substitution roots (exact or numeric) agree with numpy and
    satisfy the equation, in both domains."""
    nr = np.roots(coeffs)
    assume(min(abs(u - v) for i, u in enumerate(nr) for v in nr[i + 1:]) > 1e-3)
    f = poly(coeffs)
    allr = solve(f, x, domain="complex")
    assert len(allr) == len(coeffs) - 1
    for rt in allr:
        assert numeric_residual_ok(f, rt, 1e-11)
    for u, v in zip(sorted(values(allr), key=_key), sorted(nr, key=_key)):
        assert abs(u - v) <= 1e-8 * max(1.0, abs(v))
    real = [rt for rt in allr if abs(complex(rt.evalf()).imag) < 1e-9]
    assert solve(f, x) == real


def _key(z: complex) -> tuple:
    return (round(z.real, 6), z.imag)


def test_numeric_roots_are_correctly_rounded():
    # x^5 - x - 1 has one real root; its double is known
    (rt,) = solve(x**5 - x - 1, x)
    assert isinstance(rt, Float) and float(rt) == 1.1673039782614187
    # a Wilkinson-like polynomial: its integer roots come back exact
    p = Poly.from_list([1], x)
    for k in range(1, 13):
        p = p * Poly.from_list([1, -k], x)
    got = solve(p.as_expr(), x)
    assert got == list(range(1, 13))


def test_numeric_complex_roots():
    roots = solve(x**5 - x - 1, x, domain="complex")
    assert len(roots) == 5
    for rt in roots:
        assert numeric_residual_ok(x**5 - x - 1, rt)
    v = values(roots)
    assert sorted(v, key=lambda z: (z.real, z.imag)) == v
    assert sum(1 for z in v if z.imag) == 4


# ---------------------------------------------------------------------- rational equations


def test_rational_equations_drop_poles():
    assert solve((x**2 - 1)/(x - 1), x) == [-1]
    assert solve(x/(x - 1) - 1/(x - 1), x) == []
    assert solve((x**2 - 4)/(x - 2)**2, x) == [-2]
    roots = solve(1/(x - 1) - 1/(x + 1) - 1, x)
    assert roots == [-sqrt(3), sqrt(3)]
    for rt in roots:
        assert exact_zero(cancel((1/(x - 1) - 1/(x + 1) - 1).subs({x: rt})))
    assert solve(1/x, x) == []
    assert solve(x + 1/x - Rational(5, 2), x) == [Rational(1, 2), 2]


# ---------------------------------------------------------------------- transcendental forms


@pytest.mark.parametrize("eq, expected", [
    (exp(2*x) - 3*exp(x) + 2, [0, log(2)]),
    (exp(x) - 5, [log(5)]),
    (exp(x) + 1, []),
    (exp(2*x + 1) - 3, [log(3)/2 - Rational(1, 2)]),
    (exp(x) + exp(-x) - Rational(5, 2), [-log(2), log(2)]),
    (log(x) - 2, [exp(2)]),
    (log(x**2 - 3), [-2, 2]),
    (sin(x) - Rational(1, 2), [pi/6]),
    (sin(x)**2 - Rational(1, 4), [-pi/6, pi/6]),
    (cos(x) - 2, []),
    (cos(x), [pi/2]),
    (tan(x) - 1, [pi/4]),
    (sqrt(x) - 2, [4]),
    (sqrt(x) + 1, []),
    (sqrt(x + 1) - x + 1, [3]),
    (x - 3*sqrt(x) + 2, [1, 4]),
    (sqrt(x**2 + 1) - 3, [-2*sqrt(2), 2*sqrt(2)]),
    (Eq(sigmoid(x), Rational(9, 10)), [log(9)]),
    (sigmoid(x) - 2, []),
    (softplus(x) - log(2), [0]),
    (tanh(x) - 2, []),
    (cosh(x) - 1, [0]),
    (sabs(x - 1) - 2, [-1, 3]),
    (2**x - 8, [3]),
    (4**x - 2**x - 2, [1]),
    (cbrt(x) + 2, [-8]),
    (sc.relu(x) - 1, [1]),
    (sc.log(sc.log(x)), [E]),
    (sc.exp(sin(x)) - 2, [sc.asin(log(2))]),
    (sc.exp(1/x) - 2, [1/log(2)]),
    ((x - 1)**Rational(1, 3) - 2, [9]),
    (exp(x**2) - E, [-1, 1]),
    (x*exp(x) - exp(x), [1]),
])
def test_transcendental(eq, expected):
    got = solve(eq, x)
    assert got == expected
    f = eq.lhs - eq.rhs if eq.is_Relational else eq
    for rt in got:
        assert numeric_residual_ok(f, rt)


def test_sigmoid_float_gives_float():
    (rt,) = solve(Eq(sigmoid(x), 0.9), x)
    assert isinstance(rt, Float) and math.isclose(float(rt), math.log(9), rel_tol=1e-15)
    assert solve("sigmoid(x) == 9/10", "x") == [log(9)]


def test_float_coefficients():
    assert solve(x**2 - 2.0, x) == [Float(-math.sqrt(2)), Float(math.sqrt(2))]
    assert solve(0.5*x - 1, x) == [Float(2.0)]


# ---------------------------------------------------------------------- parameters and constants


def test_symbolic_parameters():
    assert solve(x**2 - a, x) == [-sqrt(a), sqrt(a)]
    assert solve(a*x + b, x) == [-b/a]
    assert solve(r*x*(1 - x/K), x) == [0, K]
    roots = solve(a*x**2 + b*x + 1, x)
    assert len(roots) == 2
    for rt in roots:
        assert exact_zero(cancel((a*x**2 + b*x + 1).subs({x: rt})))
    assert solve(exp(x) - a, x) == [log(a)]
    with pytest.raises(SolveError, match="degree 3"):
        solve(a*x**3 + x + 1, x)


def test_constant_coefficients():
    assert solve(x**2 - pi, x) == [-sqrt(pi), sqrt(pi)]
    assert solve((x - pi)*(x - 1), x) == [1, pi]
    (rt,) = solve(x**3 - pi, x)
    assert isinstance(rt, Float) and math.isclose(float(rt), math.pi ** (1 / 3), rel_tol=1e-15)


# ---------------------------------------------------------------------- input forms


def test_input_forms():
    assert solve(Eq(x**2, 2), x) == [-sqrt(2), sqrt(2)]
    assert solve("x^2 == 2", "x") == [-sqrt(2), sqrt(2)]
    assert solve("x^2 - 2", x) == [-sqrt(2), sqrt(2)]
    assert solve(Eq(x, x**2), x) == [0, 1]
    assert solve(x**2 - 1, Symbol("y")) == []
    assert solve(False, x) == []


def test_assumptions_on_the_unknown():
    y = Symbol("y", positive=True)
    assert solve(y**2 - 4, y) == [2]
    n = Symbol("n", integer=True)
    assert solve(2*n**2 - 3*n - 2, n) == [2]


# ---------------------------------------------------------------------- errors and limits


@pytest.mark.parametrize("eq, var, message", [
    (x*exp(x**2) - 1, x, "cannot isolate"),
    (sin(x) + cos(x) + x, x, "several independent forms"),
    (x**x - 2, x, "cannot invert"),
    (sc.parse("x < exp(x)"), x, "inequalities"),
    (x - x, x, "every value"),
    (True, x, "always true"),
    (x - 1, 2*x, "symbol"),
    (x - 1, "2*x", "symbol"),
])
def test_unsupported_raises_solve_error(eq, var, message):
    with pytest.raises(SolveError, match=message):
        solve(eq, var)


def test_error_classes():
    assert issubclass(SolveError, SymcalcError)
    assert issubclass(SolveError, NotImplementedError)
    with pytest.raises(SolveError, match="domain"):
        solve(x, x, domain="integer")
    with pytest.raises(LimitError):
        solve(x**101 - 2, x)
    with pytest.raises(LimitError):
        solve((x + 1)**1000 - 1, x)
    with pytest.raises(sc.ParseError):
        solve("x^2 = 2", x)


def test_exact_roots_verify_by_substitution():
    cases = [x**2 - 2*x - 1, x**2 + x + 1, 3*x**2 - 5, x**4 - 10*x**2 + 1,
             x**4 + 4*x**3 + 2*x**2 - 4*x - 2, x**6 - 2, (x**2 - 3)*(x**3 - 5)]
    for f in cases:
        for domain in ("real", "complex"):
            for rt in solve(f, x, domain=domain):
                assert exact_zero(f.subs({x: rt})), (f, rt)


def test_fraction_values_are_exact():
    roots = solve(6*x**2 - x - 1, x)
    assert [rt.value for rt in roots] == [Fraction(-1, 3), Fraction(1, 2)]
