"""Exponentials of powers of a linear L = c + d*x against polynomials (issue 18,
calculus/integrate/exp_power.py): Ei, erf/erfi and and the elementary cases.

Every answer is checked with mpmath (mpeval.py, independent of symcalc's evaluator and
differentiator): the numerical derivative of the answer equals the integrand at random
real points, and the answer is real there.
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

CASES = [
    "x^5*exp(x^3)", "(c + d*x)^5*exp(2*(c + d*x)^3)", "(1 + x)^9*exp(-(1 + x)^5)",
    "f^(c/(a + b*x)^2)*x^4", "f^(c/(a + b*x)^2)*x^3", "f^(c/(a + b*x)^2)",
    "(a + b*x)^2*exp(e/(c + d*x))", "(a + b*x)^2*exp(e/(c + d*x)^2)",
    "exp(-2*(1 + x)^3)*(1 + x)^(-4)",
]


def _real(F, xs=(-2.0, 2.0)) -> None:
    rng = random.Random(4)
    params = sorted((s for s in F.free_symbols if s is not x), key=lambda s: s.name)
    with mp.workdps(30):
        for _ in range(4):
            env = {p: mp.mpf(rng.uniform(0.5, 2.5)) for p in params}
            v = mp_eval(F, {**env, x: mp.mpf(rng.uniform(*xs))})
            if v is not None:
                assert abs(mp.im(v)) <= mp.mpf(10) ** -20 * max(1, abs(v)), F


@pytest.mark.parametrize("text", CASES)
def test_exp_power(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), (text, F)
    check_derivative(F, f, x, 4, 3, (-2.0, 2.0), real_only=True, tries=80)
    _real(F)


@pytest.mark.parametrize("text", ["exp(x^3)", "exp(e/(c + d*x)^3)"])
def test_gamma_cases_left_unevaluated(text: str) -> None:
    """s = (j + 1)/N not an integer: an incomplete gamma, which is not returned (its check
    would need mpmath's lower incomplete gamma of a negative argument)."""
    F = integrate(sc.parse(text), x, timeout=2)
    assert not _solved(F)
