"""Antiderivatives that were wrong for some parameter values (issue WRONG3).

A table form valid only for one sign of a combination of parameters (asinh with
sqrt(4*a*c - b^2), log(a*d - b*c) + Li2) was used as if the combination were positive,
and the integrator's own check, run at one set of parameter values, accepted it. Each
answer here must differentiate back to the integrand (mpmath's numerical derivative, via
mpeval.py, independent of symcalc) at many random parameter values, where such
combinations take both signs, or the integral must stay unevaluated.
"""

from __future__ import annotations

import random

import mpmath as mp
import pytest
from mpeval import mp_eval

import symcalc as sc
from symcalc.calculus.integrate import integrate, is_integral
from symcalc.calculus.integrate.table import _reads_negative, _reads_positive
from symcalc.calculus.integrate.verify import verify

x, a, b, c, d = sc.symbols("x a b c d")


def _unevaluated(r) -> bool:
    return r is None or is_integral(r) or "integrate(" in str(r)


def _check_all_parameters(F, f, param_sets: int = 14, seed: int = 11) -> None:
    """dF/dx == f at one random real x per random parameter set (parameters uniform in
    [0.5, 3], as the benchmark draws them), wherever f is real and finite there."""
    rng = random.Random(seed)
    params = sorted((s for s in (F.free_symbols | f.free_symbols) if s is not x),
                    key=lambda s: s.name)
    good = 0
    for _ in range(param_sets):
        env = {p: mp.mpf(rng.uniform(0.5, 3.0)) for p in params}
        for _ in range(60):
            x0 = mp.mpf(rng.uniform(-6.0, 6.0))
            fv = mp_eval(f, {**env, x: x0})
            if fv is None or abs(mp.im(fv)) > 1e-20 or abs(fv) > 1e6:
                continue
            dv = mp.diff(lambda t, env=env: mp_eval(F, {**env, x: t}), x0)
            assert abs(dv - fv) <= mp.mpf(10) ** -12 * max(1, abs(fv)), (F, f, env, x0, dv, fv)
            good += 1
            break
    assert good >= param_sets // 2, f"too few evaluation points for {f}"


CASES = [
    "(d + e*x)*(a + b*x + c*x^2)^(5/2)",
    "(a + b*x + c*x^2)^(3/2)*(d + e*x + f*x^2)/(g + h*x)^6",
    "log(d*(a + b*x)/(b*(c + d*x)))/(c*f + d*f*x)",
    "1/sqrt(a + b*x + c*x^2)",
    "1/sqrt(a + b*x - c*x^2)",
    "1/((g + h*x)*sqrt(a + b*x + c*x^2))",
    "1/(x*sqrt(a + b*x - c*x^2))",
    "log(a - b + x)/x",
    "1/(a*cos(x) + 1)",
    "1/((a - b) + x^2)",
    "1/sqrt((x - a)*(b - x))",
]


@pytest.mark.parametrize("text", CASES)
def test_right_for_all_parameter_values_or_unevaluated(text):
    f = sc.parse(text)
    F = integrate(f, x)
    if _unevaluated(F):
        return
    _check_all_parameters(F, f)


def test_issue_cases_still_solved():
    """The two radical cases have answers valid everywhere (the log form of
    ∫ dx/sqrt(Q) for c > 0 whatever the sign of 4*a*c - b^2)."""
    for text in CASES[:2]:
        assert not _unevaluated(integrate(sc.parse(text), x)), text


def test_sign_indefinite_sums_have_no_sign():
    for e in (4*a*c - b**2, a*d - b*c, (4*a*c - b**2)/c, a - b, c*(a - b)**3):
        assert not _reads_positive(e) and not _reads_negative(e), e
    for e in (a, 4*a, a**2, a + b, a*b/c, (a - b)**2, c*(a + b), a**2 - 2*a*b + b**2):
        assert _reads_positive(e) and not _reads_negative(e), e
    for e in (-a, -a - b, -(a + b)/c):
        assert _reads_negative(e), e


def test_verify_rejects_forms_valid_for_one_sign_only():
    f = 1/sc.sqrt(a + b*x + c*x**2)
    wrong = sc.asinh((2*c*x + b)/sc.sqrt(4*a*c - b**2))/sc.sqrt(c)
    right = sc.log(2*sc.sqrt(c)*sc.sqrt(a + b*x + c*x**2) + 2*c*x + b)/sc.sqrt(c)
    assert not verify(wrong, f, x)
    assert verify(right, f, x)
    g = sc.log(a - b + x)/x
    assert not verify(sc.log(a - b)*sc.log(x) - sc.Li2(-x/(a - b)), g, x)
    h = sc.log(a + b + x)/x
    assert verify(sc.log(a + b)*sc.log(x) - sc.Li2(-x/(a + b)), h, x)


# ------------------------------------------------------------------ the double-precision check

_ANSWERS = [("x*exp(x) - exp(x)", "x*exp(x)"), ("log(x^2 + 1)/2 + atan(x)", "(x + 1)/(x^2 + 1)"),
            ("sin(x)^2/2", "sin(x)*cos(x)"), ("(a + b*x)^5/(5*b)", "(a + b*x)^4"),
            ("2*sqrt(x + 3)*(x - 6)/3", "x/sqrt(x + 3)")]


@pytest.mark.parametrize("F, f", _ANSWERS)
def test_verify_accepts_right_and_rejects_perturbed_answers(F, f):
    """Accepts the right answer; rejects it with any small change (the tolerance is
    relative to the integrand, 1e-7): a relative 1e-6 in a term, a multiple of x, a term
    whose derivative is small but not zero."""
    F, f = sc.parse(F), sc.parse(f)
    assert verify(F, f, x)
    for wrong in (F * (1 + sc.parse("1/1000000")), F + x / 10**5, F + x**3 / 10**4,
                  F + sc.sin(x) / 1000, F + sc.exp(x) / 10**4):
        assert not verify(wrong, f, x), wrong


def test_verify_decides_with_cancellation():
    """A derivative whose terms cancel to many digits (large terms, small sum): the
    error bounds leave it open, and the exact recomputation still accepts it; a change
    beyond the tolerance (relative to the sizes of the terms, 1e-7) is still rejected."""
    big = sc.parse("10^6")
    F = big * x + sc.sin(x) - big * x
    f = sc.cos(x)
    G = sc.parse("(x + 1000)^3/3 - 1000*x^2 - 10^6*x")   # derivative x^2 after cancelling
    assert verify(F, f, x)
    assert verify(G, x**2, x)
    assert not verify(G + x**2 / 10, x**2, x)
    assert not verify(F + x / 10**4, f, x)
