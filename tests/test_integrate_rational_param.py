"""Polynomials and rational functions with parameters (calculus/integrate/poly_param.py,
param_fractions.py), and the time limit of integrate: every answer's derivative equals
the integrand at 30 digits; an integral that runs out of time stops near its timeout and
comes back unevaluated with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpeval import check_derivative_at

import symcalc as sc
from symcalc.calculus.integrate import integral_reason, integrate, is_integral
from symcalc.calculus.integrate.engine import Context
from symcalc.calculus.integrate.param_fractions import local_fractions_method
from symcalc.calculus.integrate.poly_param import (
    polynomial_method,
    quadratic_power_method,
    shift_method,
)

x = sc.Symbol("x")
PARAMS = {"a": "0.7", "b": "1.3", "c": "0.9", "d": "1.7", "e": "0.6", "A": "0.4", "B": "1.6"}
#: a second set where b^2 - 4*a*c, a*d - b*c, ... have the other sign
PARAMS2 = {"a": "2.3", "b": "0.4", "c": "1.9", "d": "0.3", "e": "1.2", "A": "1.1", "B": "0.2"}
POINTS = ("0.31", "1.43", "2.57")


def _check(text: str, method=None) -> sc.Expr:
    f = sc.parse(text)
    if method is not None:   # the method itself, not another one of the driver
        st_ = method(f, x, Context())
        assert st_ is not None, text
        F = st_.result
    else:
        F = integrate(f, x, timeout=10)
    assert not is_integral(F), text
    for params in (PARAMS, PARAMS2):
        check_derivative_at(F, f, x, POINTS, params, text)
    return F


@pytest.mark.parametrize("text", [
    "(a + b*x)^10*(c + d*x)^10",
    "(a + b*x)^17*(c + d*x)^15",
    "(A + B*x)*(a + b*x)^6*(d + e*x)^7",
    "x^3*(a + b*x)^9",
    "(a + b*x)^3*(c + d*x)^4*(e + x)^2",
])
def test_polynomials_with_parameters(text: str) -> None:
    _check(text, polynomial_method)


def test_other_polynomials_with_parameters() -> None:
    _check("(a + b*x^2)^3*(c + d*x)^4")
    _check("x^7*(b + c*x + d*x^2)^7*(b + 2*c*x + 3*d*x^2)")


def test_polynomial_in_powers_of_the_linear_factor() -> None:
    F = _check("(a + b*x)^17*(c + d*x)^15")
    assert "(a + b*x)^33" in str(F)   # not the expansion of degree 33 in x


@pytest.mark.parametrize("text", [
    "(d + e*x)^3/(a + b*x + c*x^2)^5",
    "x^5/(a + b*x + c*x^2)^3",
    "(A + B*x)/(a + c*x^2)^4",
])
def test_polynomial_over_power_of_quadratic(text: str) -> None:
    _check(text, quadratic_power_method)


@pytest.mark.parametrize("text", [
    "1/(x^2*(a + b*x^2)^2*(c + d*x^2)^3)",
    "x/(a*x + b*x^3 + c*x^5)^2",
    "1/((a + b*x)^2*(c + d*x)^3)",
    "x^2/((a + b*x^2)*(c + d*x^2)^2)",
    "(A + B*x)/(x^3*(a + b*x)*(c + d*x)^2)",
])
def test_partial_fractions_at_linear_factors(text: str) -> None:
    _check(text, local_fractions_method)


def test_shift_to_a_binomial() -> None:
    _check("1/(3*a*b + 3*b^2*x + 3*b*c*x^2 + c^2*x^3)", shift_method)


@pytest.mark.parametrize("text", [
    "1/(x^3 + x + 1)",                       # one real root: log + atan, Cardano
    "1/(x^3 - 3*x + 1)",                     # three real roots: cosines
    "x/((x^3 - 2*x - 5)*(x^2 + 1))",
    "(8*x^4 - 15*x^3 + 8*x^2 + 24*x + 8)^(-2)",   # RootOf, the last resort
    "(1 - x^4)/(x^2*(x^8 - x^4 + 1))",
    "1/(x^5 + x + 3)",
])
def test_rational_over_q_with_irreducible_factors(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x, timeout=10)
    assert not is_integral(F), text
    assert "I" not in str(F).replace("Im", "")   # a real form: no imaginary unit
    check_derivative_at(F, f, x, ("0.173", "1.71", "-2.3"), {}, text)


# ----------------------------------------------------------------------------- properties

@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=7),
       st.lists(st.integers(-5, 5), min_size=1, max_size=6), st.integers(1, 5))
def test_every_rational_function_integrates(num, den, lead) -> None:
    """Random rational functions with integer coefficients, denominator of degree <= 6:
    never unevaluated, and the derivative is the integrand."""
    D = " + ".join(f"({c})*x^{i}" for i, c in enumerate(den + [lead]))
    N = " + ".join(f"({c})*x^{i}" for i, c in enumerate(num))
    f = sc.parse(f"({N})/({D})")
    if x not in f.free_symbols:
        return
    F = integrate(f, x, timeout=10)
    assert not is_integral(F), f
    check_derivative_at(F, f, x, ("0.173", "3.71", "-5.3"), {}, str(f))


_linear = st.tuples(st.integers(-3, 3), st.integers(1, 3))
_quadratic = st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(1, 3))


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=1, max_size=5),
       st.lists(st.tuples(_linear, st.integers(1, 2)), min_size=0, max_size=2),
       st.lists(st.tuples(_quadratic, st.integers(1, 2)), min_size=0, max_size=1))
def test_rational_functions_with_split_denominators(num, lins, quads) -> None:
    """Integer rational functions whose denominator (degree <= 6) is a product of powers
    of linear and quadratic factors: always integrated, derivative = integrand."""
    if not lins and not quads:
        lins = [((1, 1), 1)]
    N = " + ".join(f"({c})*x^{i}" for i, c in enumerate(num))
    D = "*".join([f"({p} + {q}*x)^{k}" for (p, q), k in lins]
                 + [f"({p} + {q}*x + {r}*x^2)^{k}" for (p, q, r), k in quads])
    f = sc.parse(f"({N})/({D})")
    if f.is_Number or x not in f.free_symbols:
        return
    F = integrate(f, x, timeout=10)
    assert not is_integral(F), f
    check_derivative_at(F, f, x, ("0.173", "3.71", "-5.3"), {}, str(f))


@settings(max_examples=8, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d", "1", "2"]),
                          st.sampled_from(["a", "b", "c", "d", "1", "3"]),
                          st.integers(1, 3)), min_size=2, max_size=3, unique_by=lambda t: t[:2]),
       st.booleans())
def test_parametric_linear_factors(factors, square) -> None:
    """Products of powers of p + q*y with parameters, y = x or x^2: integrated, and the
    derivative is the integrand at two parameter sets."""
    y = "x^2" if square else "x"
    if len({(p, q) for p, q, _ in factors}) < len(factors):
        return
    f = sc.parse("1/(" + "*".join(f"({p} + {q}*{y})^{k}" for p, q, k in factors) + ")")
    F = integrate(f, x, timeout=10)
    assert not is_integral(F), f
    for params in (PARAMS, PARAMS2):
        check_derivative_at(F, f, x, ("0.31", "1.43"), params, str(f))


# ----------------------------------------------------------------------------- the time limit

SLOW = ["(d + e*x + f*sqrt(a + b*x + e^2*x^2/f^2))^(-2)",
        "sqrt(a + b*x)*(c + d*x)^(5/2)/x^2"]


@pytest.mark.parametrize("text", SLOW)
def test_timeout_stops_the_search(text: str) -> None:
    """These searches ran 60 s and 4 s past integrate's 2 s: a strict deadline at a small
    factor of the timeout ends them with the unevaluated integral and a reason."""
    r = integrate(sc.parse(text), x, timeout=0.3)
    assert is_integral(r)
    assert "time limit" in integral_reason(r)


@pytest.mark.parametrize("text", SLOW)
def test_budget_stops_the_search(text: str) -> None:
    """Under sc.budget(seconds=0.5) the integral stops: unevaluated or a LimitError."""
    try:
        with sc.budget(seconds=0.5):
            r = integrate(sc.parse(text), x)
    except sc.LimitError:
        return
    assert is_integral(r)
