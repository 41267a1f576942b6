"""Integration beyond the textbook (issue 18): rational functions whose denominators split
only over algebraic extensions (binomials a*x^n + c, biquadratics), polynomials and
exponentials with symbolic parameters, special functions in the integrand.

Every answer is checked against the integrand with mpmath (mpeval.py, independent of
symcalc's evaluator and differentiator): the numerical derivative of the answer at
random points equals the integrand.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath as mp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpeval import check_derivative, mp_eval
from mpeval import solved as _solved

import symcalc as sc
from symcalc.calculus.integrate import integrate

x, a, b, c, a1, b1, c1, m, k, l = sc.symbols("x a b c a1 b1 c1 m k l")


def _check_derivative(F, f, points: int = 6, seed: int = 3, xs=(-3.0, 3.0)) -> None:
    check_derivative(F, f, x, points, seed, xs, real_only=False, tries=40)


def _check_real(F, xs: list[float], params: dict | None = None) -> None:
    for x0 in xs:
        v = mp_eval(F, {**(params or {}), x: mp.mpf(x0)})
        assert v is not None
        assert abs(mp.im(v)) < mp.mpf(10) ** -25, (F, x0, v)


def _check_real_up_to_constant(F, xs: list[float], params: dict | None = None) -> None:
    """The imaginary part is the same at all xs (points of one interval between real
    poles): log(x - r) and atanh(x/r) are real up to a constant there, the project's
    convention for ∫ 1/(x - r) = log(x - r)."""
    ims = [mp.im(mp_eval(F, {**(params or {}), x: mp.mpf(x0)})) for x0 in xs]
    assert max(ims) - min(ims) < mp.mpf(10) ** -25, (F, xs, ims)


# --------------------------------------------------------------------------- 1: algebraic roots

ALGEBRAIC = [
    ("1/(x^3 - 2)", None),
    ("1/(x^4 - 2)", None),
    ("1/(5*x^4 - 1)", None),
    ("1/(x^4 + x^2 + 2)", "all"),
    ("1/(x^6 + 2)", "all"),
    ("1/(x^8 + 1)", "all"),
    ("x^2/(a^5 + x^5)", None),
    ("(x^7 + 3*x^2 - 1)/(2*x^5 + 3)", None),
    ("(x^3 + x^2 + 1)/(x^4 + x^2 + 2)", "all"),
    ("1/(x^4 + 3*x^2 + 1)", "all"),
    ("x^3/(x^12 + 5)", "all"),
    ("1/(x^10 - 3)", None),
    ("1/(x^7 + 1)", None),
    # the binomial or biquadratic as one Q-irreducible factor among others, or repeated
    ("1/((x^3 - 2)*(x + 1))", None),
    ("1/(x^3 - 2)^2", None),
    ("x/((x^4 + x^2 + 2)*(x^2 + 1))", "all"),
    ("1/(x^5 + 1)^2", None),
]


@pytest.mark.parametrize("text,real", ALGEBRAIC)
def test_algebraic_denominators(text, real):
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), F
    _check_derivative(F, f)
    # real form: no RootSum, no imaginary unit
    s = str(F)
    assert "RootSum" not in s and "I" not in s.replace("Ei", "")
    if real == "all":   # no real roots: the answer is real on the whole real line
        _check_real(F, [-7.5, -2.0, -0.3, 0.0, 0.4, 1.9, 8.0])
    else:               # real up to a constant beyond the real roots
        _check_real_up_to_constant(F, [4.0, 6.1, 9.5], {a: mp.mpf(1.5)})
        _check_real_up_to_constant(F, [-4.0, -6.1, -9.5], {a: mp.mpf(1.5)})


def test_exact_cosines():
    from symcalc.calculus.integrate.binomial import cos_pi, sin_pi

    for q in (Fraction(1, 8), Fraction(3, 8), Fraction(1, 5), Fraction(2, 5), Fraction(1, 10),
              Fraction(7, 12), Fraction(1, 16), Fraction(5, 24), Fraction(1, 7)):
        cv, sv = cos_pi(q), sin_pi(q)
        assert abs(complex(cv.evalf()) - mp.cos(mp.pi * q.numerator / q.denominator)) < 1e-14
        assert abs(complex(sv.evalf()) - mp.sin(mp.pi * q.numerator / q.denominator)) < 1e-14
        if q.denominator in (8, 5, 10, 16):
            assert "cos" not in str(cv) and "sin" not in str(sv)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(3, 8), num=st.integers(1, 20), den=st.integers(1, 6),
       sign=st.sampled_from([1, -1]),
       coeffs=st.lists(st.integers(-4, 4), min_size=1, max_size=9))
def test_binomial_property(n, num, den, sign, coeffs):
    """p/q with q = x^n ± c (c a small positive rational) integrates and differentiates
    back."""
    cval = sc.parse(f"{num}/{den}")
    if not any(coeffs):
        return
    P = sum((ci * x ** i for i, ci in enumerate(coeffs) if ci), sc.parse("0"))
    f = P / (x ** n + sign * cval)
    F = integrate(f, x)
    assert _solved(F), f
    _check_derivative(F, f, points=3, seed=n + num)


# --------------------------------------------------------------------------- 2: parameters

PARAMETRIC = [
    "(a + b*x^2)^5",
    "(b1 + c1*x)*(a + 2*b*x + c*x^2)^3",
    "(a^(m*x) + 1)^2",
    "(a^(k*x) - a^(l*x))^3",
    "a^x*b^x",
    "10^x*exp(x)",
    "a^x/x^2",
]


@pytest.mark.parametrize("text", PARAMETRIC)
def test_parameters(text):
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), F
    _check_derivative(F, f, xs=(0.3, 2.0))


# --------------------------------------------------------------------------- 3: special functions

SPECIAL = ["x^2*erfc(b*x)", "erf(x)", "erfc(2*x + 1)", "Ei(x)", "polylog(2, x)", "Si(x)",
           "Ci(x)", "x*Si(x)", "x^3*Ci(x)", "x*Ei(x)", "Shi(x)*x^2", "Chi(3*x)",
           "li(x)", "fresnels(x)", "fresnelc(2*x)", "x*Li2(x)"]


@pytest.mark.parametrize("text", SPECIAL)
def test_special_functions(text):
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), F
    _check_derivative(F, f, xs=(0.2, 0.9))


def test_bounds_given_as_extra_arguments_get_a_hint():
    x = sc.Symbol("x")
    with pytest.raises(sc.SymcalcError, match=r"integrate\(e, \(x, 0, 1\)\)"):
        sc.integrate(x, x, 0, 1)
    y, z = sc.symbols("y z")
    assert sc.integrate(x * y * z, x, y, z) == x**2 * y**2 * z**2 / 8
