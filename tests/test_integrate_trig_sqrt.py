"""Half-integer powers of a ± a*sin, a ± a*cos, a ± a*sec, a ± a*csc, a ± a*cosh (issue 18,
trig4; calculus/integrate/trig_sqrt_ratio.py): the substitution w = g(y)/sqrt(a + a*f(y))
that makes them rational, and the constant ratio sqrt(a + a*sin)*sqrt(c - c*sin)/cos for
products of two such radicals.

Every answer is checked with mpmath (mpeval.py, independent of symcalc's evaluator and
differentiator): the numerical derivative of the answer equals the integrand at random
real points where the integrand is real.
"""

from __future__ import annotations

import pytest
from mpeval import check_derivative
from mpeval import solved as _solved

import symcalc as sc
from symcalc.calculus.integrate import integrate

x = sc.Symbol("x")


def _run(text: str, seed: int = 5) -> sc.Expr:
    f = sc.parse(text)
    F = integrate(f, x)
    assert _solved(F), (text, F)
    check_derivative(F, f, x, 5, seed, (-3.0, 3.0), real_only=True, tries=120)
    return F


# one radical: (a ± a*f)^(k/2) times powers of the functions of the same argument
SINGLE = [f"{h}*(a {s} a*{fn}(c + d*x))^({k})"
          for fn, h in (("sin", "cos(c + d*x)^2"), ("cos", "sin(c + d*x)^4"),
                        ("sec", "sec(c + d*x)"), ("csc", "1"), ("cosh", "sinh(c + d*x)^2"))
          for s in ("+", "-")
          for k in ("1/2", "-3/2") if not (fn == "cosh" and s == "-")]
SINGLE += ["sinh(x)^2*sqrt(a*cosh(x) - a)", "1/(a*cosh(2*x) - a)^(3/2)"]


@pytest.mark.parametrize("text", SINGLE)
def test_single_radical(text):
    _run(text)


@pytest.mark.parametrize("text", [
    "cos(x)^5/sqrt(a*sin(x) + a)",                        # Rubi 4.1.1.2
    "sec(c + d*x)/(a*sin(c + d*x) + a)^(5/2)",
    "sin(c + d*x)*cos(c + d*x)^4/(a*sin(c + d*x) + a)^(3/2)",
    "(A + B*cos(x) + C*cos(x)^2)/(a*cos(x) + a)^(5/2)",    # Rubi 4.2.4.2
    "(B*sec(x) + C*sec(x)^2)*(a*sec(x) + a)^(5/2)*cos(x)^5",
    "sqrt(2 - 2*cos(3*x))*tan(3*x)^2",
    "1/(3 + 3*cosh(x))^(3/2)",
])
def test_rubi_forms(text):
    _run(text)


def test_no_quarter_angle_tangents():
    """The answers are in cos(y)/sqrt(a + a*sin(y)), not in tan(y/4) (the half-angle
    square that came first gave 300-leaf sums of powers of tan(x/4))."""
    for text in ("cos(x)^5/sqrt(a*sin(x) + a)", "sin(x)*cos(x)^4/(a*sin(x) + a)^(3/2)"):
        F = _run(text)
        assert "x/4" not in str(F), F
    assert str(integrate(sc.parse("sqrt(1 + sin(x))"), x)) == "-2*cos(x)/sqrt(sin(x) + 1)"


# two radicals whose product is a constant times a square: (a + a*sin)^m*(c - c*sin)^n
PAIRS = [f"{h}*(a*{fn}(x) + a)^({m})*(c - c*{fn}(x))^({n})"
         for fn, h in (("sin", "1"), ("sin", "cos(x)^2"), ("cos", "sin(x)"))
         for m, n in (("7/2", "-13/2"), ("5/2", "5/2"), ("-1/2", "5/2"))]


@pytest.mark.parametrize("text", PAIRS)
def test_radical_pair(text):
    _run(text)


# rational functions of sin and cos with a pole at sin = ±1 or cos = 1: the half-angle
# substitution with its jump at that pole (bioche.pole_half_angle_method)
POLES = ["(A + B*sin(x))*(a*sin(x) + a)/(c - c*sin(x))^4",
         "(A + B*sin(x))*(a*sin(x) + a)^2/(c - c*sin(x))^2",
         "(A + B*sin(x))/((c + d*sin(x))*(a*sin(x) + a)^2)",
         "cos(x)^2/(1 - cos(x))^3",
         "(2 + sin(3*x))/(1 + sin(3*x))^2"]


@pytest.mark.parametrize("text", POLES)
def test_pole_half_angle(text):
    F = _run(text)
    # continuous where the integrand is: no jump at x = pi (tan(x/2)'s), nor at x = pi/2
    # unless that is a pole
    import mpmath as mp
    from mpeval import mp_eval

    env = {s: mp.mpf(1.3) + k / 7 for k, s in enumerate(sorted(
        F.free_symbols - {x}, key=lambda s: s.name))}
    for x0 in (mp.pi, mp.pi / 2, -mp.pi / 2, mp.mpf(0)):
        f0 = mp_eval(sc.parse(text), {**env, x: x0})
        if f0 is None or abs(f0) > 1e6:
            continue
        lo = mp_eval(F, {**env, x: x0 - mp.mpf(10) ** -8})
        hi = mp_eval(F, {**env, x: x0 + mp.mpf(10) ** -8})
        assert abs(hi - lo) < 1e-5, (text, F, x0)


# rational functions of cos (sin) alone with parameters: partial fractions in cos, and
# the reduction formula for 1/(a + b*cos)^n (trig_partial.py)
PARTIAL = ["(B*sec(x) + C*sec(x)^2)/(a + b*sec(x))",
           "(a^2 - b^2*sec(c + d*x)^2)/(a + b*sec(c + d*x))^3",
           "1/(a + b*sec(x))",
           "(A + B*cos(x) + C*cos(x)^2)*sec(x)/(a + b*cos(x))^4",
           "1/(a + b*cos(2*x))^3",
           "1/(a + b*sin(x))^2",
           "sin(x)^2/(a + b*sin(x))"]


@pytest.mark.parametrize("text", PARTIAL)
def test_partial_fractions_in_cos(text):
    F = _run(text)
    assert "abs(" not in str(F), F


def test_reduction_formula_form():
    F = integrate(sc.parse("1/(a + b*cos(x))^2"), x)
    assert "b*sin(x)/((a + b*cos(x))*(a^2 - b^2))" in str(F), F


# the hyperbolic analogues: 1/(a + b*sinh)^n, 1/(a + b*cosh)^n and R(sinh) alone
HYPERBOLIC = ["1/(a + b*sinh(x))", "1/(a + b*cosh(x))", "1/(a + b*sinh(c + d*x))^3",
              "1/(a + b*cosh(x))^2", "sinh(x)^4/(a + b*sinh(x))",
              "cosh(x)^4/(a + b*sinh(x))^2", "(A + B*sinh(x))/(a + b*sinh(x))^3",
              "sinh(x)/(a + b*csch(x))"]


@pytest.mark.parametrize("text", HYPERBOLIC)
def test_hyperbolic_partial_fractions(text):
    F = _run(text)
    assert "exp(" not in str(F) and "sqrt(1/" not in str(F), F


# polynomials in sin and cos over a power of p*cos + q*sin (linear_combination_method)
LINEAR = ["sin(x)^3/(a*cos(x) + b*sin(x))^2",
          "cos(c + d*x)/(a*cos(c + d*x) + b*sin(c + d*x))^4",
          "(A + B*cos(x) + C*sin(x))/(b*cos(x) + c*sin(x))^2",
          "(A + B*cos(x))/(b*cos(x) + c*sin(x))^3",
          "sin(x)^2*cos(x)^3/(a*cos(x) + b*sin(x))",
          "1/(3*cos(2*x) - 4*sin(2*x))^3"]


@pytest.mark.parametrize("text", LINEAR)
def test_linear_combination(text):
    F = _run(text)
    assert "tan(x/2)" not in str(F), F


@pytest.mark.parametrize("text", ["(cosh(x) + 1)^(-2)", "(1 - cosh(2*x))^(-3)",
                                  "1/(1 + cos(x))^2", "1/(a - a*sin(x))^3"])
def test_equal_coefficients_no_reduction_crash(text):
    """a² = b²: the reduction formula's a² - b² vanishes; other methods answer."""
    _run(text)


@pytest.mark.parametrize("text", ["sin(x)^2/(a + b*cos(2*x))",
                                  "cos(x)^4/(a + b*cos(2*x))^2",
                                  "sin(x)*cos(x)/(a + b*sin(2*x))"])
def test_double_angle(text):
    F = _run(text)
    assert "tan(x/2)" not in str(F), F


@pytest.mark.parametrize("text", [
    "(a + b*sin(x))*(a^2*sin(x)^2 + 2*a*b*sin(x) + b^2)^(3/2)",
    "(a + b*sec(x))/(a^2*sec(x)^2 + 2*a*b*sec(x) + b^2)^(3/2)",
    "cos(x)/sqrt(4*cos(x)^2 + 4*cos(x) + 1)"])
def test_perfect_square_radicand(text):
    _run(text)


@pytest.mark.parametrize("text", ["x/(1 + sin(x))", "(e + f*x)*sin(x)^3/(a*sin(x) + a)",
                                  "x*cos(x)^2/(1 + sin(x))",
                                  "(e + f*x)*cos(c + d*x)^2/(a*sin(c + d*x) + a)"])
def test_linear_times_trig_fraction(text):
    _run(text)


@pytest.mark.parametrize("text", ["sec(x)^3/(a - a*sin(x)^2)", "x/(1 - sin(x)^2)",
                                  "sinh(x)^2/(1 + sinh(x)^2)", "cos(x)/(b + b*tan(x)^2)^2"])
def test_pythagorean_contraction(text):
    _run(text)


def test_pythagorean_contraction_form():
    F = integrate(sc.parse("sec(x)^3/(a - a*sin(x)^2)"), x)
    assert "sin(x) - 1" not in str(F) and "tan(x)" in str(F), F
