"""(a + b*x)^m (c + d*x)^n with m + n an integer (issue 18,
calculus/integrate/linear_ratio.py): for m + n <= -2, w = (a + b*x)/(c + d*x) gives a
polynomial times w^m; for m + n >= -1 a reduction to m + n = -1, then w = t^q.

Answers are checked with mpmath (mpeval.py, independent of symcalc's evaluator and
differentiator) where the integrand is real, on both sides of the poles.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpeval import check_derivative
from mpeval import solved as _solved

import symcalc as sc
from symcalc.calculus.integrate import integrate

x = sc.Symbol("x")

CASES = [
    "1/((a + b*x)^(4/3)*(c + d*x)^(2/3))", "1/((a + b*x)^(7/3)*(c + d*x)^(2/3))",
    "(c + d*x)^(1/2)/(a + b*x)^(7/2)", "1/((1 - x)^(3/2)*(1 + x)^(5/2))",
    "3/((2 + x)^(5/4)*(1 - 2*x)^(11/4))",
]


@pytest.mark.parametrize("text", CASES)
def test_linear_ratio(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), (text, F)
    check_derivative(F, f, x, 4, 3, (-4.0, 4.0), real_only=True, tries=200)


def test_form() -> None:
    F = integrate(sc.parse("1/((a + b*x)^(4/3)*(c + d*x)^(2/3))"), x)
    assert str(F) == "3*(c + d*x)^(1/3)/((a + b*x)^(1/3)*(a*d - b*c))"


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 7), st.sampled_from([2, 3, 4]), st.integers(2, 5))
def test_linear_ratio_property(p: int, q: int, k: int) -> None:
    m = Fraction(p, q)
    if m.denominator == 1:
        return
    n = -k - m
    f = sc.parse(f"(2 + 3*x)^({m})*(1 + x)^({n})")
    F = integrate(f, x)
    assert _solved(F), f
    check_derivative(F, f, x, 3, 3, (-3.0, 3.0), real_only=True, tries=200)


# m + n >= -1: reduced to m + n = -1, then w = t^q and a rational function of t
REDUCED = [
    "(a + b*x)^(2/3)*(c + d*x)^(1/3)", "(c + d*x)^(1/3)/(a + b*x)^(1/3)",
    "1/((a + b*x)^(5/6)*(c + d*x)^(1/6))", "(2 + x)^(5/4)*(1 - x)^(3/4)",
    "(1 + x)^(1/3)/(1 - x)^(1/3)",
]


@pytest.mark.parametrize("text", REDUCED)
def test_linear_ratio_reduced(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), (text, F)
    check_derivative(F, f, x, 4, 3, (-4.0, 4.0), real_only=True, tries=200)


@settings(max_examples=8, deadline=None)
@given(st.integers(-5, 7), st.sampled_from([3, 4]), st.integers(-1, 2))
def test_linear_ratio_reduced_property(p: int, q: int, s: int) -> None:
    m = Fraction(p, q)
    if m.denominator == 1:
        return
    n = s - m
    f = sc.parse(f"(2 + 3*x)^({m})*(1 - x)^({n})")
    F = integrate(f, x)
    assert _solved(F), f
    check_derivative(F, f, x, 3, 3, (-0.6, 0.9), real_only=True, tries=200)


# the product rule backwards (product_guess.py)
GUESS = [
    ("x^27*(b + c*x^2)^13*(b + 2*c*x^2)", "x^28*(b + c*x^2)^14/28"),
    ("x^7*(b + c*x + d*x^2)^7*(b + 2*c*x + 3*d*x^2)", "x^8*(b + c*x + d*x^2)^8/8"),
    ("(7 + 10*x)*x^(5/2)*sqrt(1 + x)", None),
    ("(a + b*x)^(3/2)*(c + d*x)^(7/3)*(15*b*(c + d*x) + 20*d*(a + b*x))", None),
]


@pytest.mark.parametrize("text,expected", GUESS)
def test_product_guess(text: str, expected: str | None) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), (text, F)
    if expected is not None:
        assert str(F) == expected
    check_derivative(F, f, x, 4, 3, (0.1, 3.0), real_only=True, tries=200)
