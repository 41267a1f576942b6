"""Fresnel integrals (issue 18, calculus/integrate/trig_fresnel.py): sin/cos of linear
arguments against half-integer powers of a linear W, and sin/cos of quadratics; and
biquadratic denominators A*x^4 + B*x^2 + C with parameters (biquad_param.py); exponentials
of linear arguments against trig/hyperbolic polynomials (exp_linear.py); trig/hyperbolic
functions over quadratic factors split over their roots (trig_poles.py).

Every answer is checked with mpmath (mpeval.py, independent of symcalc's evaluator and
differentiator): the numerical derivative of the answer equals the integrand at random
real points where the integrand is real.
"""

from __future__ import annotations

import random

import mpmath as mp
import pytest
from mpeval import check_derivative, mp_eval
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
    # sin/cos(a + b/W^2) times a polynomial: parts down to W^-2 (Fresnel) or W^-1 (Si, Ci)
    "sin(a + b/x^2)", "(e + f*x)^2*sin(b/(c + d*x)^2)", "(e + f*x)^2*sin(a + b/(c + d*x)^2)",
    "x*cos(1/x^2)", "x^3*cos(2 + 3/(2*x + 1)^2)",
]


@pytest.mark.parametrize("text", RADICAL)
def test_half_integer_power_times_trig(text: str) -> None:
    F = _run(text)
    assert "fresnel" in str(F)


@pytest.mark.parametrize("text", QUADRATIC)
def test_trig_of_quadratic(text: str) -> None:
    F = _run(text)
    assert "fresnel" in str(F) or "Si(" in str(F)


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
    # with other factors and multiplicities (Ostrogradsky, then partial fractions)
    "1/((1 + x^2)*(a + b*x^4))", "x^2/(a - b*x^4)^2", "1/(x^2*(a - b*x^4))",
    "(x^3 + 1)/((x + c)*(a + b*x^4))", "1/(a + b*tan(x)^4)",
    "sin(x)^2/(a - b*sin(x)^4)^2", "csch(x)^4/(a - b*sinh(x)^4)",
    "1/(a*x^6 + a*x^4 + a*x^2 + a)", "3/(a*(x^2 + 1)*(b*x^4 + c))",
]


@pytest.mark.parametrize("text", ["1/(a*x^6 + a*x^4 + a*x^2 + a)", "3/(a*(x^2 + 1)*(b*x^4 + c))",
                                  "x^2/(a - b*x^4)^2", "(x + 2)/(c*(x + a)*(x^4 + b))"])
def test_biquadratic_factors_method_alone(text: str) -> None:
    # the method's own answer, without the driver's verification
    from symcalc.calculus.integrate.biquad_param import rational_biquadratic_method
    from symcalc.calculus.integrate.engine import Context

    f = sc.parse(text)
    st = rational_biquadratic_method(f, x, Context())
    assert st is not None
    _check_complex_derivative(st.result, f)


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


# sin/cos/sinh/cosh(linear) over quadratic factors, split over their roots (trig_poles.py)
POLES = [
    "sin(x)/(x^2 - 2)", "x*cosh(c + d*x)/(a + b*x^2)", "sin(a + b*x)/(c + d*x^2)",
    "x*sin(c + d*x)/(a + b*x^2)^2", "x^3*sin(c + d*x)/(a + b*x^2)",
    "cos(a + b*x)/(c + d*x + e*x^2)", "sinh(x)/(x*(x^2 - 3))",
    "x^4*sin(c + d*x)/(a + b*x^3)", "cosh(x)/(x^3 + 2)",
]


@pytest.mark.parametrize("text", POLES)
def test_trig_over_quadratic_factors(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), (text, F)
    _check_complex_derivative(F, f)


def _check_complex_derivative(F, f, points: int = 4, seed: int = 9) -> None:
    """dF/dx == f at random real x (complex constants allowed in F)."""
    rng = random.Random(seed)
    params = sorted((s for s in (F.free_symbols | f.free_symbols) if s is not x),
                    key=lambda s: s.name)
    with mp.workdps(30):
        for _ in range(points):
            env = {p: mp.mpf(rng.uniform(0.5, 2.5)) for p in params}
            x0 = mp.mpf(rng.uniform(-3.0, 3.0))
            fv = mp_eval(f, {**env, x: x0})
            dv = mp.diff(lambda t, env=env: mp_eval(F, {**env, x: t}), x0)
            assert abs(dv - fv) <= mp.mpf(10) ** -12 * max(1, abs(fv)), (F, f, env, x0)


@pytest.mark.parametrize("text", RADICAL + QUADRATIC + EXP_LINEAR + POLES)
def test_methods_alone(text: str) -> None:
    # each new method's own answer on the integrand, without the driver's verification
    from symcalc.calculus.integrate.engine import Context
    from symcalc.calculus.integrate.exp_linear import exp_linear_method
    from symcalc.calculus.integrate.trig_fresnel import fresnel_method
    from symcalc.calculus.integrate.trig_poles import trig_poles_method

    f = sc.parse(text)
    for method in (fresnel_method, exp_linear_method, trig_poles_method):
        st = method(f, x, Context())
        if st is not None:
            _check_complex_derivative(st.result, f)
