"""Binomial denominators with parameters by the scaling x = r*t (issue 18,
calculus/integrate/scaling.py): ∫ P(x)/((A + B*x^m)^p * x^k) with symbolic A, B.

Every answer is checked with mpmath (mpeval.py, independent of symcalc's evaluator and
differentiator): the numerical derivative of the answer equals the integrand, at positive
parameter values on the real line, and at parameter values of either sign off it (the
answer is an antiderivative wherever it is defined, not only where it is real).
"""

from __future__ import annotations

import random

import mpmath as mp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpeval import check_derivative, mp_eval
from mpeval import solved as _solved

import symcalc as sc
from symcalc.calculus.integrate import integrate

x = sc.Symbol("x")


def _complex_check(F, f, seed: int = 5, points: int = 4) -> None:
    """dF/dx == f at parameters of either sign (the answer may be complex there)."""
    rng = random.Random(seed)
    params = sorted((s for s in (F.free_symbols | f.free_symbols) if s is not x),
                    key=lambda s: s.name)
    good = 0
    with mp.workdps(30):
        for _ in range(60):
            env = {p: mp.mpf(rng.choice((-1, 1)) * rng.uniform(0.5, 2.5)) for p in params}
            x0 = mp.mpf(rng.uniform(-3, 3))
            fv = mp_eval(f, {**env, x: x0})
            if fv is None or abs(fv) > 1e6:
                continue
            dv = mp.diff(lambda t, env=env: mp_eval(F, {**env, x: t}), x0)
            if dv is None:
                continue
            assert abs(dv - fv) <= mp.mpf(10) ** -12 * max(1, abs(fv)), (F, f, env, x0)
            good += 1
            if good >= points:
                return
    raise AssertionError(f"too few evaluation points for {f}")


def _run(text: str) -> sc.Expr:
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), (text, F)
    check_derivative(F, f, x, 4, 3, (-3.0, 3.0), real_only=True, tries=80)
    _complex_check(F, f)
    return F


CASES = [
    "1/(a + b*x^3)", "x/(a + b*x^3)", "x^3/(a - b*x^3)", "1/(a + b*x^5)", "1/(a + b*x^6)",
    "x^3/(a + b*x^6)^2", "x^3/(a + b/x^3)^2", "(b*x + c*x^2)/(d + e*x^3)",
    "(c + d*x + e*x^2)/(x^3*(a + b*x^3))", "x*(A + B*x^3)/(a + b*x^3)^3",
    "x^6*(A + B*x^3)/(a + b*x^3)", "1/(x*(a - b*x^4)^2)", "1/(2*a + 3*b*x^3)",
    "1/((a + b*x^3)*(a - b*x^3))", "1/(a^2 + b^3*x^3)",
    # several binomials in x^m: partial fractions in X = x^m first
    "1/((a + b*x^3)*(c + d*x^3))", "x^6/((a + b*x^3)*(c + d*x^3))",
    "1/(x^6*(a + b*x^4)*(c + d*x^4))", "1/((a + b*x^3)^2*(c + d*x^3)^2)",
    # binomials in a linear c + d*x
    "(c + d*x)^4/(a + b*(c + d*x)^3)", "(a + b*(c + d*x)^3)^(-2)",
    # a parameter factor of the denominator (content), binomials next to other factors
    "(c + x)/((a - b)*(a + b*x^3))", "x^2/((a + b*x^3)*(c + d*x))",
    "1/((a + c*x^4)*(d + e*x)^3)", "1/((a + b*x^3)*(x^2 + 1))",
    # one linear denominator with parameters: u = c + d*x
    "(a + b*x)^2/(c + d*x)^8", "(A + B*x)*(a + b*x)^3/(d + e*x)^8", "(c + d*x)^7/(a + b*x)^6",
    "x^8/(a + b*x)^10", "(a + b*x)^2/x^6",
]


@pytest.mark.parametrize("text", CASES)
def test_scaling(text: str) -> None:
    _run(text)


def test_scaling_form() -> None:
    F = _run("1/(a + b*x^3)")
    s = str(F)
    assert "log(a^(1/3) + b^(1/3)*x)" in s and "integrate" not in s


@settings(max_examples=8, deadline=None)
@given(st.integers(3, 6), st.integers(0, 7), st.integers(1, 2), st.sampled_from([1, -1]))
def test_scaling_property(m: int, j: int, p: int, sign: int) -> None:
    f = sc.parse(f"x^{j}/(a + {sign}*b*x^{m})^{p}")
    F = integrate(f, x)
    if not _solved(F):   # the driver may give up within its budget; never a wrong answer
        return
    check_derivative(F, f, x, 3, 3, (-3.0, 3.0), real_only=True, tries=80)


@pytest.mark.parametrize("text", ["1/(x^3*sqrt(a^2 + 2*a*b*x + b^2*x^2))",
                                  "1/(x^2*sqrt(a^2 + 2*a*b*x + b^2*x^2))",
                                  "1/(x*sqrt(4 + 4*x + x^2))"])
def test_perfect_square_radicand_both_sides(text: str) -> None:
    """sqrt(L^2) = |L|: no Euler substitution (its answer was undefined where L < 0)."""
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F)
    check_derivative(F, f, x, 3, 3, (-6.0, -2.5), real_only=True, tries=80)
    check_derivative(F, f, x, 3, 3, (0.2, 6.0), real_only=True, tries=80)
