"""nintegrate: adaptive Gauss-Kronrod, Simpson, trapezoid and Monte Carlo; infinite
bounds; iterated integrals."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc.errors import QuadratureError, SymcalcError
from symcalc.numerics import QuadResult, nintegrate

x, y, z = sc.symbols("x y z")
SQRT_PI_2 = math.sqrt(math.pi) / 2


# ---------------------------------------------------------------- worked examples

def test_worked_examples_gauss_kronrod() -> None:
    assert sc.nintegrate(x**2, (x, 0, 2)) == pytest.approx(8 / 3, rel=1e-14)
    assert sc.nintegrate(sc.sin(x), (x, 0, sc.pi)) == pytest.approx(2.0, rel=1e-14)
    assert sc.nintegrate(sc.exp(-x**2), (x, 0, sc.oo)) == pytest.approx(SQRT_PI_2, rel=1e-13)


@pytest.mark.parametrize("method,rel", [("simpson", 1e-9), ("trapezoid", 1e-5)])
def test_worked_examples_fixed_rules(method: str, rel: float) -> None:
    assert nintegrate(x**2, (x, 0, 2), method=method) == pytest.approx(8 / 3, rel=rel)
    assert nintegrate(sc.sin(x), (x, 0, sc.pi), method=method) == pytest.approx(2.0, rel=rel)
    assert nintegrate(sc.exp(-x**2), (x, 0, sc.oo), method=method) == \
        pytest.approx(SQRT_PI_2, rel=rel)


def test_worked_examples_montecarlo() -> None:
    for e, lim, exact in [(x**2, (x, 0, 2), 8 / 3), (sc.sin(x), (x, 0, sc.pi), 2.0),
                          (sc.exp(-x**2), (x, 0, sc.oo), SQRT_PI_2)]:
        r = nintegrate(e, lim, method="montecarlo", full=True)
        assert abs(r.value - exact) < 5 * r.error
        assert r.error < 0.02 and r.neval == 100000


def test_simpson_is_exact_for_cubics_and_counts_points() -> None:
    r = nintegrate(x**3 - 2 * x + 1, (x, -1, 3), method="simpson", n=2, full=True)
    assert r.value == pytest.approx(20 - 8 + 4, rel=1e-14) and r.neval == 3
    r = nintegrate(x**2, (x, 0, 1), method="trapezoid", n=10, full=True)
    assert r.value == pytest.approx(1 / 3 + 1 / 600) and r.neval == 11
    # Richardson error estimate of the trapezoid rule: |T_n - T_n/2| / 3 = the true error
    assert r.error == pytest.approx(1 / 600, rel=1e-9)


# ---------------------------------------------------------------- results and bounds

def test_full_result() -> None:
    r = nintegrate(sc.exp(x), (x, 0, 1), full=True)
    assert isinstance(r, QuadResult) and float(r) == r.value
    assert r.value == pytest.approx(math.e - 1, rel=1e-15)
    assert 0 < r.error < 1e-12 and r.neval == 15


def test_error_estimate_bounds_the_error() -> None:
    cases = [(sc.sqrt(x), (x, 0, 1), 2 / 3), (sc.log(x), (x, 0, 1), -1.0),
             (sc.Abs(x - sc.Rational(1, 3)), (x, 0, 1), 5 / 18),
             (sc.cos(100 * x), (x, 0, 1), math.sin(100) / 100)]
    for e, lim, exact in cases:
        r = nintegrate(e, lim, full=True)
        assert abs(r.value - exact) <= r.error
        assert r.error <= 1.49e-8 * max(1.0, abs(exact))


def test_tolerances() -> None:
    # a smooth integrand: extrapolation (which reaches sqrt x to rounding at any tolerance)
    # plays no part, so a tighter tolerance takes more evaluations
    e, exact = 1 / (1 + 25 * x**2), math.atan(5) / 5
    loose = nintegrate(e, (x, 0, 1), epsabs=1e-4, epsrel=1e-4, full=True)
    tight = nintegrate(e, (x, 0, 1), epsabs=1e-12, epsrel=1e-12, full=True)
    assert loose.neval < tight.neval
    assert abs(tight.value - exact) < 1e-12
    r = nintegrate(sc.sqrt(x), (x, 0, 1), epsabs=1e-12, epsrel=1e-12, full=True)
    assert abs(r.value - 2 / 3) < 1e-12


def test_endpoint_singularity_extrapolated() -> None:
    """Wynn epsilon extrapolation (QAGS) of the bisection sequence: integrable endpoint
    singularities to rounding with few evaluations (165 each; SciPy's quad: 231)."""
    for e, exact in [(1 / sc.sqrt(x), 2.0), (sc.log(x), -1.0)]:
        r = nintegrate(e, (x, 0, 1), full=True)
        assert abs(r.value - exact) < 1e-12
        assert abs(r.value - exact) <= r.error < 1e-12
        assert r.neval < 200


@pytest.mark.parametrize("method", ["gauss-kronrod", "simpson"])
def test_infinite_and_reversed_bounds(method: str) -> None:
    rel = 1e-9
    assert nintegrate(1 / (1 + x**2), (x, -sc.oo, sc.oo), method=method) == \
        pytest.approx(math.pi, rel=rel)
    assert nintegrate(sc.exp(x), (x, -sc.oo, 0), method=method) == pytest.approx(1.0, rel=rel)
    assert nintegrate(sc.exp(x), (x, 0, -sc.oo), method=method) == pytest.approx(-1.0, rel=rel)
    assert nintegrate(sc.exp(-x), (x, sc.oo, 1), method=method) == \
        pytest.approx(-math.exp(-1), rel=rel)
    assert nintegrate(x**2, (x, 2, 0), method=method) == pytest.approx(-8 / 3, rel=rel)
    assert nintegrate(x**2, (x, 1, 1), method=method) == 0.0
    # x over the line has no value, however symmetric: each half diverges
    with pytest.raises(QuadratureError):
        nintegrate(x, (x, -math.inf, math.inf), method=method)


def test_montecarlo_infinite_bounds() -> None:
    for lim, exact in [((x, -sc.oo, sc.oo), math.sqrt(math.pi)), ((x, 0, -sc.oo), -SQRT_PI_2),
                       ((x, -sc.oo, 1), None)]:
        r = nintegrate(sc.exp(-x**2), lim, method="montecarlo", full=True)
        if exact is not None:
            assert abs(r.value - exact) < 5 * r.error


def test_montecarlo_is_seeded() -> None:
    a = nintegrate(sc.sin(x) * y, (x, 0, 1), (y, 0, 1), method="montecarlo", n=1000)
    b = nintegrate(sc.sin(x) * y, (x, 0, 1), (y, 0, 1), method="montecarlo", n=1000)
    c = nintegrate(sc.sin(x) * y, (x, 0, 1), (y, 0, 1), method="montecarlo", n=1000, seed=7)
    assert a == b and a != c


# ---------------------------------------------------------------- iterated integrals

def test_iterated_integrals() -> None:
    assert sc.nintegrate(x * y, (y, 0, 1), (x, 0, 2)) == pytest.approx(1.0, rel=1e-14)
    # a triangle: the inner bound depends on the outer variable
    assert nintegrate(x, (y, 0, x), (x, 0, 1)) == pytest.approx(1 / 3, rel=1e-14)
    # a quarter disc: area pi/4
    assert nintegrate(sc.Integer(1), (y, 0, sc.sqrt(1 - x**2)), (x, 0, 1)) == \
        pytest.approx(math.pi / 4, rel=1e-9)
    assert nintegrate(x * y * z, (z, 0, 1), (y, 0, 1), (x, 0, 1)) == pytest.approx(1 / 8)
    # a 2-D Gaussian over the plane
    assert nintegrate(sc.exp(-x**2 - y**2), (x, -sc.oo, sc.oo), (y, -sc.oo, sc.oo)) == \
        pytest.approx(math.pi, rel=1e-9)


@pytest.mark.parametrize("method,rel", [("simpson", 1e-7), ("trapezoid", 1e-3),
                                        ("montecarlo", 0.02)])
def test_iterated_other_methods(method: str, rel: float) -> None:
    assert nintegrate(x * y, (y, 0, 1), (x, 0, 2), method=method) == pytest.approx(1.0, rel=rel)
    assert nintegrate(x, (y, 0, x), (x, 0, 1), method=method) == pytest.approx(1 / 3, rel=rel)


# ---------------------------------------------------------------- errors

def test_errors() -> None:
    with pytest.raises(ValueError, match="unknown method 'romberg'"):
        nintegrate(x, (x, 0, 1), method="romberg")
    with pytest.raises(ValueError, match="not integration variables: y"):
        nintegrate(x * y, (x, 0, 1))
    with pytest.raises(ValueError, match="tuple"):
        nintegrate(x, (x, 0))
    with pytest.raises(ValueError, match="at least one limit"):
        nintegrate(x)
    with pytest.raises(ValueError, match="not an outer integration variable"):
        nintegrate(x * y, (y, 0, 1), (x, 0, y))
    with pytest.raises(ValueError, match="only once"):
        nintegrate(x, (x, 0, 1), (x, 0, 1))
    with pytest.raises(ValueError, match="positive integer"):
        nintegrate(x, (x, 0, 1), method="simpson", n=0)


# ---------------------------------------------------------------- properties

@settings(max_examples=40)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=8),
       st.floats(-3, 3, allow_nan=False), st.floats(0.01, 4, allow_nan=False))
def test_polynomials_exactly(coeffs: list[int], a: float, width: float) -> None:
    """Gauss-Kronrod 15 integrates polynomials of degree < 23 exactly, Simpson cubics."""
    b = a + width
    p = sc.Add(*[c * x**k for k, c in enumerate(coeffs)])
    exact = sum(c * (b ** (k + 1) - a ** (k + 1)) / (k + 1) for k, c in enumerate(coeffs))
    scale = sum(abs(c) * max(abs(a), abs(b)) ** k for k, c in enumerate(coeffs)) * width
    r = nintegrate(p, (x, a, b), full=True)
    assert abs(r.value - exact) <= 1e-13 * scale + 1e-300
    assert r.neval == 15
    if len(coeffs) <= 4:
        s = nintegrate(p, (x, a, b), method="simpson", n=4)
        assert abs(s - exact) <= 1e-12 * scale


@settings(max_examples=20)
@given(st.floats(0.1, 5, allow_nan=False), st.floats(-2, 2, allow_nan=False))
def test_gaussians(s: float, mu: float) -> None:
    """The integral of a normal density over the line is 1, whatever its scale and mean."""
    dens = sc.exp(-(x - sc.Float(mu))**2 / (2 * sc.Float(s)**2)) / \
        (sc.Float(s) * sc.sqrt(2 * sc.pi))
    assert nintegrate(dens, (x, -sc.oo, sc.oo)) == pytest.approx(1.0, abs=1e-8)


# ---------------------------------------------------------------- divergence and refusal

DIVERGENT = [(1 / x, (x, 0, 1)), (1 / x**2, (x, 0, 1)), (x, (x, 0, sc.oo)),
             (sc.sin(x), (x, 0, sc.oo)), (sc.cos(x), (x, 0, sc.oo)), (1 / x, (x, 1, sc.oo)),
             (x, (x, -sc.oo, sc.oo)), (x * sc.sin(x), (x, 0, sc.oo)),
             (sc.sin(x) * (1 + 1 / x), (x, 1, sc.oo)), (sc.exp(x), (x, 0, sc.oo))]
TEXTBOOK = [("gauss-kronrod", "midpoint"), ("simpson", "midpoint"), ("trapezoid", "midpoint"),
            ("riemann", "left"), ("riemann", "right"), ("riemann", "midpoint")]


@pytest.mark.parametrize("method,rule", TEXTBOOK)
@pytest.mark.parametrize("e,lim", DIVERGENT, ids=[f"{e}-{lim[1:]}" for e, lim in DIVERGENT])
def test_divergent_integrals_raise(e, lim, method: str, rule: str) -> None:
    """nintegrate(sin(x), (x, 0, oo)) was -4696195.84 and 1/x on (0, 1) 27.83, silently."""
    with pytest.raises(QuadratureError) as info:
        nintegrate(e, lim, method=method, rule=rule)
    assert isinstance(info.value, SymcalcError)
    assert "nintegrate: the integral of" in str(info.value)


def test_divergence_messages() -> None:
    with pytest.raises(QuadratureError, match="successive periods do not shrink"):
        nintegrate(sc.sin(x), (x, 0, sc.oo))
    with pytest.raises(QuadratureError, match="probably diverges"):
        nintegrate(1 / x**2, (x, 0, 1))  # extrapolation alone would say -1
    with pytest.raises(QuadratureError, match="did not converge.*full=True"):
        nintegrate(1 / x, (x, 0, 1))


def test_unconverged_estimate_with_full_warns() -> None:
    from symcalc.numerics.quadrature import IntegrationWarning

    with pytest.warns(IntegrationWarning, match="did not converge"):
        r = nintegrate(1 / x, (x, 0, 1), full=True)
    assert r.error > 1.0  # the estimate says how bad it is
    with pytest.raises(QuadratureError) as info:
        nintegrate(1 / x, (x, 0, 1))
    assert info.value.result.neval > 0


_OSC = [(sc.sin(x) / x, (0, math.inf), math.pi / 2),
        (sc.sin(x) / x, (-math.inf, math.inf), math.pi),
        (sc.sin(3 * x) / x, (0, math.inf), math.pi / 2),
        (sc.sin(x) / sc.sqrt(x), (0, math.inf), math.sqrt(math.pi / 2)),
        (sc.cos(x) / (1 + x**2), (0, math.inf), math.pi / (2 * math.e)),
        (x * sc.sin(x) / (1 + x**2), (0, math.inf), math.pi / (2 * math.e)),
        (sc.cos(x) / x, (-math.inf, -1), "Ci(1)"), (sc.sin(x) / x, (1, math.inf), "pi/2 - Si(1)"),
        (sc.exp(-x) * sc.cos(x), (0, math.inf), 0.5)]


@pytest.mark.parametrize("e,ab,exact", _OSC, ids=[f"{e}-{ab}" for e, ab, _ in _OSC])
def test_conditionally_convergent_oscillatory(e, ab, exact) -> None:
    """Summed half-period by half-period and extrapolated (Wynn's epsilon), against
    closed forms (mpmath's Si and Ci)."""
    mp = pytest.importorskip("mpmath")
    if isinstance(exact, str):  # the sine and cosine integrals
        exact = float(mp.ci(1)) if exact == "Ci(1)" else float(mp.pi / 2 - mp.si(1))
    r = nintegrate(e, (x, *ab), full=True)
    assert abs(r.value - exact) <= 1e-10 * abs(exact)
    assert abs(r.value - exact) <= max(r.error, 1e-14)


_IMPROPER = [(1 / sc.sqrt(x), (x, 0, 1), 2.0), (sc.log(x), (x, 0, 1), -1.0),
             (sc.exp(-x**2), (x, -sc.oo, sc.oo), math.sqrt(math.pi)),
             (1 / (1 + x**2), (x, -sc.oo, sc.oo), math.pi),
             (x**sc.Rational(-9, 10), (x, 0, 1), 10.0), (sc.exp(-x) * x**3, (x, 0, sc.oo), 6.0),
             (sc.log(x) / sc.sqrt(x), (x, 0, 1), -4.0)]


@pytest.mark.parametrize("e,lim,exact", _IMPROPER, ids=[str(c[0]) for c in _IMPROPER])
def test_convergent_improper_integrals(e, lim, exact) -> None:
    """Against the closed form, and against mpmath.quad (tanh-sinh) where that is sure
    of itself."""
    mp = pytest.importorskip("mpmath")
    from mpeval import mp_eval

    r = nintegrate(e, lim, full=True)
    assert r.value == pytest.approx(exact, rel=1e-10)
    a, b = (mp.inf if v == sc.oo else -mp.inf if v == -sc.oo else mp.mpf(v) for v in lim[1:])
    with mp.workdps(30):
        ref, err = mp.quad(lambda v: mp_eval(e, {x: v}), [a, 0, b] if a < 0 < b else [a, b],
                           error=True)
    if err < 1e-12:
        assert r.value == pytest.approx(float(ref), rel=1e-10)


# ---------------------------------------------------------------- Riemann sums

def test_riemann_textbook_values() -> None:
    """x^2 on [0, 1] with 4 subintervals, as in a calculus book."""
    assert nintegrate(x**2, (x, 0, 1), method="riemann", rule="left", n=4) == 14 / 64
    assert nintegrate(x**2, (x, 0, 1), method="riemann", rule="right", n=4) == 30 / 64
    assert nintegrate(x**2, (x, 0, 1), method="riemann", rule="midpoint", n=4) == 84 / 256
    r = nintegrate(x**2, (x, 0, 1), method="riemann", rule="right", n=1000, full=True)
    assert abs(r.value - 1 / 3) <= 1.01 * r.error  # R_n - R_n/2 estimates an O(h) rule
    with pytest.raises(ValueError, match="unknown Riemann rule 'upper'"):
        nintegrate(x, (x, 0, 1), method="riemann", rule="upper")


_ORDERS = [("riemann", "left", 1), ("riemann", "right", 1), ("riemann", "midpoint", 2),
           ("trapezoid", "midpoint", 2), ("simpson", "midpoint", 4)]


@settings(max_examples=25)
@given(st.sampled_from(_ORDERS), st.floats(0.3, 2.0), st.floats(0.0, 1.0),
       st.floats(0.0, 3.0), st.floats(0.5, 2.0))
def test_rules_converge_at_their_textbook_order(spec, c, k, a, width) -> None:
    """Doubling n divides the error by 2^order (f = exp(cx) + k x^3 on [a, b], a >= 0:
    every derivative the leading error terms involve differs between the ends)."""
    method, rule, order = spec
    b = a + width
    f = sc.exp(sc.Float(c) * x) + sc.Float(k) * x**3
    exact = (math.exp(c * b) - math.exp(c * a)) / c + k * (b**4 - a**4) / 4
    n = 32 if method == "simpson" else 64
    e1 = nintegrate(f, (x, a, b), method=method, rule=rule, n=n) - exact
    e2 = nintegrate(f, (x, a, b), method=method, rule=rule, n=2 * n) - exact
    assert 2**order * 0.9 <= e1 / e2 <= 2**order * 1.1


def test_issue_examples_against_mpmath() -> None:
    """The issue's cases: the divergent ones raise, the convergent ones agree with
    mpmath (quad, and quadosc for the oscillatory one)."""
    mp = pytest.importorskip("mpmath")
    for e, lim in [(1 / x, (x, 0, 1)), (1 / x**2, (x, 0, 1)), (x, (x, 0, sc.oo)),
                   (sc.sin(x), (x, 0, sc.oo))]:
        with pytest.raises(QuadratureError):
            sc.nintegrate(e, lim)
    with mp.workdps(40):  # tanh-sinh needs the digits at the singular end
        ref = float(mp.quad(lambda v: 1 / mp.sqrt(v), [0, 1]))
    assert sc.nintegrate(1 / sc.sqrt(x), (x, 0, 1)) == pytest.approx(ref, rel=1e-12)
    assert sc.nintegrate(sc.exp(-x**2), (x, -sc.oo, sc.oo)) == \
        pytest.approx(float(mp.quad(lambda v: mp.exp(-v * v), [-mp.inf, mp.inf])), rel=1e-12)
    assert sc.nintegrate(sc.log(x), (x, 0, 1)) == \
        pytest.approx(float(mp.quad(mp.log, [0, 1])), rel=1e-12)
    assert sc.nintegrate(sc.sin(x) / x, (x, 0, sc.oo)) == pytest.approx(
        float(mp.quadosc(lambda v: mp.sin(v) / v, [0, mp.inf], omega=1)), rel=1e-12)
