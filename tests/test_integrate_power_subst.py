"""u = x^n for x^m*F(x^n) (issue 18, substitution.monomial_substitution): n the gcd of
the exponents of x outside the factor x^m, when n divides m + 1 (m = -1 included:
x^-1 dx = du/(n*u)); x^(k*n) is read as u^k. Also Euler's substitution where sqrt(Q) sits
inside another radical (euler.euler_nested_method).

Answers are checked with mpmath (mpeval.py, independent of symcalc's evaluator and
differentiator) where the integrand is real.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpeval import check_derivative, solved

import symcalc as sc
from symcalc.calculus.integrate import integrate
from symcalc.calculus.integrate.engine import Context
from symcalc.calculus.integrate.substitution import _power_gcd, monomial_substitution

x = sc.Symbol("x")

CASES = [
    "x/sqrt(a + b*x^2 + c*x^4)", "1/(x*sqrt(a + b*x^2 + c*x^4))",
    "x^5/sqrt(a + b*x^3 + c*x^6)", "1/(x*sqrt(a + b*x^3 + c*x^6))",
    "(a + b*x^2 + c*x^4)^(3/2)/x^7", "1/(x^10*sqrt(a + b*x^3 + c*x^6))",
    "x/sqrt(1 + x^2 + x^4)", "x^3*sqrt(2 + x^4 + 3*x^8)",
]


@pytest.mark.parametrize("text", CASES)
def test_power_substitution(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert solved(F), (text, F)
    check_derivative(F, f, x, 4, 3, (0.2, 1.5), real_only=True, tries=200)


def test_power_gcd() -> None:
    g = _power_gcd
    assert g([sc.parse("sqrt(1 + x^4 + x^6)")], x) == 2
    assert g([sc.parse("sqrt(1 + x + x^4)")], x) == 1        # x itself
    assert g([sc.parse("sin(x^3)*exp(x^6)")], x) == 3
    assert g([sc.parse("sqrt(x)*(1 + x^2)")], x) == 1        # a fractional power
    assert g([sc.parse("a + b")], x) == 0
    st = monomial_substitution(sc.parse("x/sqrt(1 + x^2 + x^4)"), x, Context())
    assert st is not None and "= x^2" in st.detail
    assert monomial_substitution(sc.parse("x^2/sqrt(1 + x^2 + x^4)"), x, Context()) is None


@settings(max_examples=12, deadline=None)
@given(st.sampled_from([2, 3]), st.integers(-1, 2), st.sampled_from(
    ["sqrt(2 + u + 3*u^2)", "1/sqrt(3 + 2*u + u^2)", "(1 + u^2)^(3/2)", "1/(2 + u + u^2)"]))
def test_power_substitution_property(n: int, k: int, F: str) -> None:
    # x^(k*n - 1)*F(x^n)
    f = sc.parse(f"x^({k * n - 1})*({F.replace('u', f'(x^{n})')})")
    r = integrate(f, x)
    assert solved(r), f
    check_derivative(r, f, x, 3, 3, (0.2, 1.5), real_only=True, tries=200)


# Euler's substitution for sqrt(Q) nested inside another radical (euler.euler_nested_method)
NESTED = [
    "sqrt(x + sqrt(x^2 + 1))", "1/sqrt(x + sqrt(x^2 + 1))", "x*sqrt(x + sqrt(x^2 + 4))",
    "sqrt(sqrt(x^2 + 25) + 5)", "sqrt(2*x + sqrt(4*x^2 + 3))", "sqrt(x - sqrt(x^2 - 1))",
]


@pytest.mark.parametrize("text", NESTED)
def test_euler_nested(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert solved(F), (text, F)
    check_derivative(F, f, x, 4, 3, (1.1, 3.0), real_only=True, tries=200)
