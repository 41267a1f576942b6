"""Multiple angles reduced to the smallest angle present (issue 18,
calculus/integrate/multiple_angle.py): functions of k*A written with sin A, cos A (sinh A,
cosh A) by de Moivre, for arguments with parameters (2*a + 2*b*x against a + b*x); under a
radical, (sin A*cos A)^p is split off by a locally constant factor.

Answers are checked with mpmath (mpeval.py, independent of symcalc's evaluator and
differentiator) where the integrand is real.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpeval import check_derivative, mp_eval, solved

import symcalc as sc
from symcalc.calculus.integrate import integrate
from symcalc.calculus.integrate.multiple_angle import reduce_angles, split_radicals

x = sc.Symbol("x")

CASES = [
    "exp(n*sinh(a + b*x))*sinh(2*a + 2*b*x)",
    "exp(n*sinh(a/2 + b*x/2))*sinh(a + b*x)",
    "exp(sinh(x))*sinh(2*x)",
    "exp(n*sin(a + b*x))*sin(2*a + 2*b*x)",
    "sin(2*a + 2*b*x)^(3/2)*csc(a + b*x)^3",
    "sin(x)^3/sin(2*x)^(5/2)",
    "sin(a + b*x)^3/sin(2*a + 2*b*x)^(5/2)",
    "sqrt(sinh(2*x))/sinh(x)^3",
    "sin(4*x)/sin(x)",
]


@pytest.mark.parametrize("text", CASES)
def test_multiple_angle(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x, timeout=10)
    assert solved(F), (text, F)
    check_derivative(F, f, x, 4, 3, (0.05, 1.5), real_only=True, tries=300)


def test_reduce_angles() -> None:
    r = reduce_angles(sc.parse("sinh(2*a + 2*b*x)*cosh(a + b*x)"), x)
    assert r is not None and "2*a" not in str(r)
    # only one argument, or arguments that are no integer multiples: nothing to do
    assert reduce_angles(sc.parse("sin(2*x)*exp(x)"), x) is None
    assert reduce_angles(sc.parse("sin(3*x)*cos(2*x)"), x) is None
    # trig and hyperbolic are separate families
    assert reduce_angles(sc.parse("sin(2*x)*cosh(x)"), x) is None
    R, h = split_radicals(sc.parse("(sin(x)*cos(x))^(3/2)"), x)
    assert str(h) == "cos(x)^(3/2)*sin(x)^(3/2)"


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["sin", "cos", "tan", "sec", "sinh", "cosh", "tanh", "sech"]),
       st.integers(2, 5), st.sampled_from(["a + b*x", "a/3 - b*x", "2*x + 1/2"]),
       st.floats(0.05, 1.4))
def test_reduce_angles_values(fn: str, k: int, arg: str, x0: float) -> None:
    # the rewritten integrand has the same values (mpmath, parameters a = 0.3, b = 0.7)
    f = sc.parse(f"{fn}({k}*({arg}))*sin({arg})" if fn in ("sin", "cos", "tan", "sec")
                 else f"{fn}({k}*({arg}))*sinh({arg})")
    g = reduce_angles(f, x)
    assert g is not None
    env = {sc.Symbol("a"): 0.3, sc.Symbol("b"): 0.7, x: x0}
    fv, gv = mp_eval(f, env), mp_eval(g, env)
    if fv is None or abs(fv) > 1e6:
        return
    assert abs(fv - gv) <= 1e-9 * max(1, abs(fv)), (f, g, fv, gv)


# even powers of sinh and cosh by the reduction formula (hyper_powers.py)
HYPER_POWERS = ["cosh(x)^4", "cosh(a + b*x)^8", "sinh(x)^6", "sinh(x)^2*cosh(x)^4",
                "x^5*sinh(a + b*x^3)*cosh(a + b*x^3)^7", "x*sinh(x)*cosh(x)^7"]


@pytest.mark.parametrize("text", HYPER_POWERS)
def test_hyper_even_powers(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x, timeout=10)
    assert solved(F) and "tanh" not in str(F), (text, F)
    check_derivative(F, f, x, 4, 3, (0.05, 1.5), real_only=True, tries=300)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 4), st.integers(0, 4), st.sampled_from(["x", "a + b*x", "2 - x/3"]))
def test_hyper_even_powers_property(i: int, j: int, arg: str) -> None:
    if i + j == 0:
        return
    f = sc.parse(f"sinh({arg})^{2 * i}*cosh({arg})^{2 * j}")
    F = integrate(f, x, timeout=10)
    assert solved(F), f
    check_derivative(F, f, x, 3, 3, (-1.5, 1.5), real_only=True, tries=200)


# parametric denominators that arrive expanded (rational_factored.py), as after u = cos, tanh
FACTORED = ["cot(e + f*x)^3/(a + b*sec(e + f*x)^3)",
            "sinh(c + d*x)^2/(a + b*tanh(c + d*x)^3)",
            "x/(a*x^4 + b*x^3 + a*x + b)", "x^2/(a*x^5 - a*x^2 + b*x^3 - b)"]


@pytest.mark.parametrize("text", FACTORED)
def test_factored_denominator(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x, timeout=10)
    assert solved(F), (text, F)
    check_derivative(F, f, x, 4, 3, (0.05, 1.5), real_only=True, tries=300)


@pytest.mark.parametrize("text", ["sin(2*x)^(3/2)*csc(x)^3", "sin(x)^3/sin(2*x)^(5/2)"])
@pytest.mark.parametrize("xs", [(0.1, 1.4), (3.3, 4.6), (-2.9, -1.7)])
def test_radical_split_every_interval(text: str, xs: tuple[float, float]) -> None:
    # sin(2x) > 0 with sin x, cos x both negative too: the locally constant factor
    # (sin x*cos x)^p/(sin(x)^p*cos(x)^p) keeps the answer right (and real) there
    f = sc.parse(text)
    F = integrate(f, x, timeout=10)
    assert solved(F), (text, F)
    check_derivative(F, f, x, 3, 3, xs, real_only=True, tries=200)


# odd powers beside other functions of the same sin or cos (odd_power.py)
ODD = ["exp(cos(x))*sin(x)^3", "exp(cos(x))*sin(3*x)", "exp(cosh(x))*sinh(x)^3",
       "sin(x)^5*atan(cos(x))", "exp(sin(a + b*x))*cos(a + b*x)^3*sin(a + b*x)"]


@pytest.mark.parametrize("text", ODD)
def test_odd_power_wrapped(text: str) -> None:
    f = sc.parse(text)
    F = integrate(f, x, timeout=10)
    assert solved(F), (text, F)
    check_derivative(F, f, x, 4, 3, (-1.5, 1.5), real_only=True, tries=300)
