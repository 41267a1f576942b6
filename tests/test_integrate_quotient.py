"""The quotient rule backwards (quotient_guess.py): ∫ N/D² dx = P/D when P'D − PD' = N,
P found by linear algebra over a small basis of monomials in x and the atoms of D and N.

Answers are checked with mpmath (mpeval.py, independent of symcalc's evaluator and
differentiator).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpeval import check_derivative, solved

import symcalc as sc
from symcalc.calculus.diff import diff
from symcalc.calculus.integrate import integrate
from symcalc.calculus.integrate.engine import Context
from symcalc.calculus.integrate.quotient_guess import quotient_guess_method

x = sc.Symbol("x")

CASES = [
    "x^2/(x*sin(x) + cos(x))^2", "x^2/(x*cos(x) - sin(x))^2",
    "(x*cos(x) - sin(x))/x^2", "exp(x)*(x - 1)/x^2", "(1 - log(x))/x^2",
    "x*exp(x)/(x + 1)^2", "(x + 2)*exp(x)/(x + 3)^2",
]


@pytest.mark.parametrize("text", CASES)
def test_quotient_rule_backwards(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert solved(F), (text, F)
    check_derivative(F, f, x, 4, 3, (0.2, 2.5), real_only=True, tries=200)


def test_method_directly() -> None:
    ctx = Context()
    st_ = quotient_guess_method(sc.parse("x^2/(x*sin(x) + cos(x))^2"), x, ctx)
    assert st_ is not None
    assert st_.result == sc.parse("(sin(x) - x*cos(x))/(x*sin(x) + cos(x))")
    # no squared denominator, or no quotient-rule pair: nothing (no wrong guess)
    assert quotient_guess_method(sc.parse("sin(x)/x"), x, ctx) is None
    assert quotient_guess_method(sc.parse("x*sin(x)/(x + cos(x))^2"), x, ctx) is None
    assert quotient_guess_method(
        sc.parse("exp(x)*log(x)/(x + exp(x) + log(x))^2"), x, ctx) is None


_P = ["sin(x)", "x*cos(x)", "x^2", "exp(x)", "x*exp(x)", "log(x)", "x*log(x)", "1", "x"]
_D = ["x*sin(x) + cos(x)", "x + cos(x)", "sin(x) + 2", "x*exp(x) + 1", "exp(x) + x",
      "x*log(x) + 1", "x + log(x)"]


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(_D), st.sampled_from(_P), st.sampled_from(_P),
       st.integers(-2, 2), st.integers(1, 3))
def test_quotient_property(D: str, u: str, v: str, a: int, b: int) -> None:
    # P = a*u + b*v, integrand (P'D - PD')/D^2 with the pieces built apart
    Dx, P = sc.parse(D), sc.parse(f"{a}*({u}) + {b}*({v})")
    N = diff(P, x) * Dx - P * diff(Dx, x)
    f = N / Dx**2
    r = integrate(f, x)
    assert solved(r), (f, r)
    check_derivative(r, f, x, 3, 3, (0.3, 2.5), real_only=True, tries=200)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(_D), st.sampled_from(_P), st.sampled_from(_P),
       st.integers(-2, 2), st.integers(1, 3))
def test_method_property(D: str, u: str, v: str, a: int, b: int) -> None:
    # the method itself finds P (up to a multiple of D) whenever the integrand keeps D^2
    from symcalc.core.expand import expand

    Dx, P = sc.parse(D), sc.parse(f"{a}*({u}) + {b}*({v})")
    N = expand(diff(P, x) * Dx - P * diff(Dx, x))
    f = N / Dx**2
    if N == 0 or not any(g.is_Pow and g.args[0] == Dx for g in (f.args if f.is_Mul else (f,))):
        return
    r = quotient_guess_method(f, x, Context())
    assert r is not None, f
    check_derivative(r.result, f, x, 3, 3, (0.3, 2.5), real_only=True, tries=200)
