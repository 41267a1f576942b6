"""Trigonometric and hyperbolic integrands with fractional powers (issue 18,
calculus/integrate/trig_radical.py): a constant factor taken out of a fractional power,
and u = sin, cos, sinh, cosh with the half-angle identity for radicals of a + a*cos etc.

Every answer is checked with mpmath (mpeval.py, independent of symcalc's evaluator and
differentiator): the numerical derivative of the answer equals the integrand at random
real points where the integrand is real.
"""

from __future__ import annotations

import mpmath as mp
import pytest
from mpeval import check_derivative, mp_eval
from mpeval import solved as _solved

import symcalc as sc
from symcalc.calculus.integrate import integrate

x = sc.Symbol("x")


def _check_derivative(F, f, points: int = 5, seed: int = 5, xs=(-3.0, 3.0)) -> None:
    check_derivative(F, f, x, points, seed, xs, real_only=True, tries=80)


def _run(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), (text, F)
    _check_derivative(F, f)


# odd powers of the cofunction, a constant inside the radical: u = cos after (d*cos)^r
ODD = [f"sin(2*x + 1)^{m}*(d*cos(2*x + 1))^({r})"
       for m in (1, 3, 5) for r in ("1/2", "-1/2", "5/2", "1/3")]


@pytest.mark.parametrize("text", ODD)
def test_odd_power_constant_in_radical(text):
    _run(text)


# (b*cos)^p/cos^q with p - q an integer: the constant out, then a power of sec
@pytest.mark.parametrize("p,q", [("5/2", "11/2"), ("3/2", "7/2"), ("-3/2", "1/2")])
def test_constant_out_of_power(p, q):
    _run(f"(b*cos(x))^({p})/cos(x)^({q})")


# (a ± a*cos)^(k/2)*cos^n and (a ± a*sin)^(k/2)*cos^n: the half-angle identity
HALF_ANGLE = [f"(a {s} a*{fn}(3*x))^({k})*cos(3*x)^({n})"
              for fn in ("cos", "sin") for s in ("+", "-")
              for k, n in (("1/2", 0), ("3/2", 2), ("5/2", 1), ("-1/2", 3), ("-3/2", -1))]


@pytest.mark.parametrize("text", HALF_ANGLE)
def test_half_angle(text):
    _run(text)


@pytest.mark.parametrize("text", [
    "sqrt(a + a*sin(x))*sqrt(c - c*sin(x))",
    "(a + a*sin(x))^(3/2)*sqrt(c - c*sin(x))",
    "sqrt(1 - cos(x))*cos(x)^(3/2)",
    "sec(x)/sqrt(a*sin(x) + a)",
])
def test_products_of_radicals(text):
    _run(text)


# hyperbolic analogues: cosh^2 = 1 + sinh^2, cosh - 1 and cosh + 1 divide sinh^2
HYPERBOLIC = [f"(cosh(x) - 1)^({k})*cosh(x)^({n})" for k in ("1/2", "-1/2") for n in (0, 2)] \
    + [f"(a + a*cosh(x))^({k})*sinh(x)^2" for k in ("1/2", "3/2")] \
    + ["sinh(x)^3*sqrt(b*cosh(x))", "cosh(x)^3*(b*sinh(x))^(3/2)"]


@pytest.mark.parametrize("text", HYPERBOLIC)
def test_hyperbolic(text):
    _run(text)


# x^n times a radical of a power: the constant out, then integration by parts
@pytest.mark.parametrize("text", ["x^2*(c*sin(x)^3)^(1/3)", "x*(c*cosh(x)^2)^(3/2)"])
def test_parts_after_constant_out(text):
    _run(text)


def test_answer_is_real():
    """∫ sqrt(1 + cos(x)) dx is real where the integrand is (everywhere but the poles
    of the locally constant factor)."""
    F = integrate(sc.parse("sqrt(1 + cos(x))"), x)
    for x0 in (0.3, 1.7, -2.9, 4.0):
        v = mp_eval(F, {x: mp.mpf(x0)})
        assert abs(mp.im(v)) < 1e-25


# u = tan θ (tanh θ) for radicals of tan, cot and for even integrands
@pytest.mark.parametrize("text", [
    "sqrt(tan(x))", "sqrt(d*tan(2*x + 1))*sin(2*x + 1)^2", "csc(x)^2/sqrt(d*tan(x))",
    "(a + a*tan(x))/sqrt(d*tan(x))", "sqrt(tanh(x))", "(b*tan(x))^(-3/2)",
])
def test_tan_substitution(text):
    _run(text)


# radicals of a + a*sec: the radicand split into (cos + 1)/cos, then the half angle
@pytest.mark.parametrize("k", ["1/2", "3/2"])
@pytest.mark.parametrize("n", [0, 1, 3])
def test_sec_radicals(k, n):
    _run(f"(a + a*sec(x))^({k})*sec(x)^{n}")


# hyperbolic Bioche: odd in cosh → u = sinh, even in both → u = tanh
@pytest.mark.parametrize("text", [
    "cosh(x)^3/(a + b*sinh(x)^2)^2", "cosh(x)^5/(a + b*sinh(x)^2)", "sinh(x)^3/(a + b*cosh(x)^2)",
    "cosh(x)^2/(a + b*sinh(x)^2)",
])
def test_hyperbolic_bioche(text):
    _run(text)


# rational functions of tan: u = tan θ, with atan(tan θ) written θ (continuous)
@pytest.mark.parametrize("text", [
    "1/(1 + tan(x))", "(A + B*tan(x))*tan(x)^3/(a + b*tan(x))^2", "tan(x)^2/(a + b*tan(x))",
])
def test_rational_in_tan(text):
    _run(text)


def test_tan_answer_is_continuous():
    F = integrate(sc.parse("1/(1 + tan(x))"), x)
    assert "atan(tan" not in str(F)


# |M|^k = (|M|^k/M^k)*M^k: powers of abs of trig/hyperbolic functions
@pytest.mark.parametrize("text", [
    "(a*cos(x)^2)^(5/2)", "sqrt(b*tan(x)^2)", "(a*sinh(x)^2)^(-3/2)", "abs(sin(2*x))^3",
])
def test_abs_powers(text):
    _run(text)


# one slope, different phases: the addition formulas (trig_phase.py)
@pytest.mark.parametrize("text", [
    "csc(x)*csc(x + 1)", "csc(a + b*x)*csc(b*x + c)", "tan(a + x)*tan(x - c)",
    "sin(a + b*x)*cot(b*x + c)", "sin(a + x)*tan(x + c)^2", "sinh(x + a)/cosh(x)",
    "cosh(x + a)*tanh(x)", "sec(x)*sec(x + 2)",
])
def test_phase_shift(text):
    _run(text)
