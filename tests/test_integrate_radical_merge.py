"""Square roots of quotients split and of products merged on the real domain
(radical_merge.py). Answers are checked with mpmath (mpeval.py) at points where the
integrand is real, in every interval of its real domain.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpeval import check_derivative, solved

import symcalc as sc
from symcalc.calculus.integrate import integrate
from symcalc.calculus.integrate.engine import Context
from symcalc.calculus.integrate.radical_merge import (
    _merge_products,
    _sign_of_denominator,
    radical_merge_method,
)

x = sc.Symbol("x")

CASES = [
    ("sqrt(x/(1 - x^3))", [(0.05, 0.95)]),
    ("sqrt(x + 1)*sqrt(x^2 - x + 1)/x", [(-0.95, -0.05), (0.1, 3.0)]),
    ("1/(x*sqrt(x + 1)*sqrt(x^2 - x + 1))", [(-0.95, -0.05), (0.1, 3.0)]),
    ("sqrt(x)*sqrt(x + 2)", [(0.1, 3.0)]),
]


@pytest.mark.parametrize("text,ranges", CASES)
def test_radical_merge(text: str, ranges: list) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert solved(F), (text, F)
    for xs in ranges:
        check_derivative(F, f, x, 3, 3, xs, real_only=True, tries=200)


def test_pieces() -> None:
    p = sc.parse
    assert _sign_of_denominator(p("-x"), p("x^3 - 1"), x) == -1
    assert _sign_of_denominator(p("x"), p("x^2 + 1"), x) == 1
    assert _sign_of_denominator(p("x - 1"), p("x + 2"), x) is None   # x < -2 and x >= 1
    m = _merge_products(p("sqrt(x + 1)*sqrt(x^2 - x + 1)/x"), x)
    assert m == p("sqrt(x^3 + 1)/x")
    m = _merge_products(p("1/(x*sqrt(x + 1)*sqrt(x^2 - x + 1))"), x)
    assert m == p("1/(x*sqrt(x^3 + 1))")
    ctx = Context()
    assert radical_merge_method(p("sqrt(x + a)*sqrt(x + 1)"), x, ctx) is None  # parameter
    assert radical_merge_method(p("sqrt(sin(x))*sqrt(x)"), x, ctx) is None


@settings(max_examples=12, deadline=None)
@given(st.integers(-3, 3), st.integers(1, 3), st.integers(-3, 3), st.integers(1, 3),
       st.integers(-1, 1))
def test_quotient_radical_property(a: int, b: int, c: int, d: int, m: int) -> None:
    # x^m*sqrt((a + b*x)/(c - d*x)); where it is solved, the derivative is the integrand
    # at real points on each side of the poles
    f = sc.parse(f"x^({m})*sqrt(({a} + {b}*x)/({c} - {d}*x))")
    r = integrate(f, x)
    if not solved(r):
        return
    lo, hi = sorted((-a / b, c / d))
    if hi - lo > 0.2:
        check_derivative(r, f, x, 2, 3, (lo + 0.05, hi - 0.05), real_only=True, tries=200)


def test_two_negative_radicands_not_merged() -> None:
    # for |x| < 1 both radicands are negative and the product is real: -sqrt(P*Q) there
    ctx = Context()
    f = sc.parse("x*sqrt(x^2 - 4)*sqrt(x^2 - 1)")
    st_ = radical_merge_method(f, x, ctx)
    assert st_ is None
    F = integrate(f, x)
    if solved(F):
        for xs in ((-0.9, 0.9), (2.1, 3.0)):
            check_derivative(F, f, x, 3, 3, xs, real_only=True, tries=200)
