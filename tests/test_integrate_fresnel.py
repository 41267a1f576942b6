"""Fresnel integrals (issue 18, calculus/integrate/trig_fresnel.py): sin/cos of linear
arguments against half-integer powers of a linear W, and sin/cos of quadratics; and
biquadratic denominators A*x^4 + B*x^2 + C with parameters (biquad_param.py); exponentials
of linear arguments against trig/hyperbolic polynomials (exp_linear.py).

Every answer is checked with mpmath (mpeval.py, independent of symcalc's evaluator and
differentiator): the numerical derivative of the answer equals the integrand at random
real points where the integrand is real.
"""

from __future__ import annotations

import pytest
from mpeval import check_derivative
from mpeval import solved as _solved

import symcalc as sc
from symcalc.calculus.integrate import integrate

x = sc.Symbol("x")


def _check_derivative(F, f, points: int = 4, seed: int = 3, xs=(-3.0, 3.0)) -> None:
    check_derivative(F, f, x, points, seed, xs, real_only=True, tries=80)


def _run(text: str) -> sc.Expr:
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), (text, F)
    _check_derivative(F, f)
    return F


# W^r * products of sin/cos of linear arguments, r a half-integer
RADICAL = [
    "sin(x)/sqrt(x)", "cos(x)/sqrt(x)", "sin(2*x)*sqrt(x)", "x^(3/2)*cos(x)",
    "cos(x)/x^(3/2)", "sin(x)/x^(5/2)", "sin(1 - 2*x)/sqrt(x)",
    "sin(a + b*x)/sqrt(c + d*x)", "cos(a + b*x)/(c + d*x)^(5/2)",
    "sin(a + b*x)^3/(c + d*x)^(3/2)", "sqrt(c + d*x)*cos(a + b*x)^2",
    "sqrt(c + d*x)*sin(a + b*x)*cos(a + b*x)", "(c + d*x)^(3/2)*sin(a + b*x)^3*cos(a + b*x)",
    "sin(f*x)/(d*x)^(3/2)", "sqrt(2*x + 3)*sin(x)*cos(3*x)",
]

# products of sin/cos of a quadratic, times a polynomial of degree <= 1
QUADRATIC = [
    "sin(x^2)", "cos(x^2)", "sin(a + b*x^2)", "cos(2*x^2 + 3*x + 1)", "sin(x - x^2)",
    "sin(b*(c + d*x)^2)", "cos(a + b*x^2)^3", "x*cos(a + b*x + c*x^2)^2",
    "(d + e*x)*sin(a + b*x + c*x^2)^2", "(x + 1)*cos(x^2)", "sin(x^2)*cos(x^2)",
]


@pytest.mark.parametrize("text", RADICAL)
def test_half_integer_power_times_trig(text: str) -> None:
    F = _run(text)
    assert "fresnel" in str(F)


@pytest.mark.parametrize("text", QUADRATIC)
def test_trig_of_quadratic(text: str) -> None:
    F = _run(text)
    assert "fresnel" in str(F)


def test_derivative_is_left_to_substitution() -> None:
    # x*sin(x^2) is a derivative times a function: no Fresnel integral in the answer
    F = _run("x*sin(x^2)")
    assert "fresnel" not in str(F)


@pytest.mark.parametrize("text", ["sinh(x)/sqrt(x)", "sin(x^3)", "x^2*sin(x^2)",
                                  "sin(x)*x^(1/3)"])
def test_rejects_other_shapes(text: str) -> None:
    from symcalc.calculus.integrate.engine import Context
    from symcalc.calculus.integrate.trig_fresnel import fresnel_method

    assert fresnel_method(sc.parse(text), x, Context()) is None


# biquadratic denominators with parameters (calculus/integrate/biquad_param.py), from the
# tangent substitution or directly
BIQUADRATIC = [
    "1/(a - b*x^4)", "x^2/(a - b*x^4)", "1/(a + b*x^4)", "(x^3 + x^2 + 1)/(a + b*x^2 + c*x^4)",
    "1/(x^4 - 2*a*x^2 + a^2 + b^2)", "1/(a - b*sin(x)^4)", "sin(x)^2/(a - b*sin(x)^4)",
    "sinh(c + d*x)^2/(a - b*sinh(c + d*x)^4)", "1/(a + b*cosh(x)^4)",
]


@pytest.mark.parametrize("text", BIQUADRATIC)
def test_biquadratic_with_parameters(text: str) -> None:
    _run(text)


# exponentials of linear arguments against trig/hyperbolic polynomials (exp_linear.py)
EXP_LINEAR = [
    "exp(x)*cos(x)^2", "F^(c*(a + b*x))*cos(d + e*x)^3", "F^(c*(a + b*x))*(f*sin(d + e*x) + f)^2",
    "exp(2*x)*sin(x)*cos(3*x)", "exp(c + d*x)*sinh(a + b*x)^3*cosh(a + b*x)^2",
    "(c + d*x)^3/(a*tanh(e + f*x) + a)", "x^3/(1 + tanh(x))", "exp(2*x)/(1 + coth(x))",
    "2^x/(1 - tanh(x))",
]


@pytest.mark.parametrize("text", EXP_LINEAR)
def test_exponential_against_trig_polynomials(text: str) -> None:
    _run(text)


@pytest.mark.parametrize("text", ["exp(x)*sin(x)", "x*sinh(x)^2", "exp(x)*sech(x)"])
def test_exp_linear_leaves_other_shapes(text: str) -> None:
    from symcalc.calculus.integrate.engine import Context
    from symcalc.calculus.integrate.exp_linear import exp_linear_method

    assert exp_linear_method(sc.parse(text), x, Context()) is None
