"""The non-elementary functions Ei, li and Li2: values against mpmath, derivatives
against finite differences, compiled code against evalf, printing and parsing, and
the integrals that need them."""

from __future__ import annotations

import math
import random
import warnings

import mpmath as mp
import numpy as np
import pytest

import symcalc as sc
from symcalc.calculus.integrate import integrate, is_integral
from symcalc.calculus.integrate.verify import verify
from symcalc.core.nonelementary import ei, li, li2

x, t, a = sc.symbols("x t a")
mp.mp.dps = 30


def _points(seed: int, n: int, lo: float, hi: float, log_scale: bool = False) -> list[float]:
    rng = random.Random(seed)
    if log_scale:
        return [rng.choice([-1, 1]) * 10 ** rng.uniform(lo, hi) for _ in range(n)]
    return [rng.uniform(lo, hi) for _ in range(n)]


def _rel(v: float, ref) -> float:
    return float(abs(v - ref) / max(abs(ref), mp.mpf(1e-300)))


# --------------------------------------------------------------------------- values


def test_ei_against_mpmath():
    xs = _points(1, 400, -60, 60) + _points(2, 400, -8, 2.8, log_scale=True) \
        + [0.3725074107813666 + k * 1e-9 for k in range(-3, 4)] + [700.0, 710.0, -740.0]
    for v in xs:
        if v == 0:
            continue
        assert _rel(ei(v), mp.ei(v)) < 2e-14, v


def test_li_against_mpmath():
    xs = [abs(v) for v in _points(3, 400, -6, 12, log_scale=True)] + [0.5, 2.0, 1e100]
    for v in xs:
        if v == 1.0:
            continue
        ref = mp.li(v)
        # near its zero (1.4513...) li is as good as log(x) is: an absolute error
        assert abs(li(v) - ref) <= 1e-14 * max(1, abs(ref)), v


def test_li2_against_mpmath():
    xs = _points(4, 400, -30, 1) + [-(10 ** e) for e in range(-12, 13)] \
        + [1 - 10.0 ** -e for e in range(1, 15)] + [-1.0, 0.5, 1.0, 0.0]
    for v in xs:
        ref = mp.polylog(2, v)
        assert abs(li2(v) - ref) <= 2e-15 * max(1, abs(ref)), v


def test_domains():
    with pytest.raises(ValueError):
        ei(0.0)
    with pytest.raises(ValueError):
        li(-1.0)
    with pytest.raises(ValueError):
        li2(1.5)
    assert li(0.0) == 0.0 and li2(1.0) == pytest.approx(math.pi ** 2 / 6)
    # complex there (mpmath's branch, as Mathematica's PolyLog[2, 2.]), not nan
    assert abs(sc.Li2(x).evalf({x: 2.0}) - complex(mp.polylog(2, 2))) < 1e-14
    assert sc.Ei(x).evalf({x: 1.0}) == pytest.approx(1.8951178163559368)


def test_special_values():
    assert sc.Ei(0) == -sc.oo and sc.Ei(sc.oo) == sc.oo and sc.Ei(-sc.oo) == 0
    assert sc.li(0) == 0 and sc.li(1) == -sc.oo
    assert sc.Li2(0) == 0 and sc.Li2(1) == sc.pi ** 2 / 6 and sc.Li2(-1) == -sc.pi ** 2 / 12
    assert sc.Li2(sc.Rational(1, 2)) == sc.pi ** 2 / 12 - sc.log(2) ** 2 / 2
    assert sc.Ei(sc.log(x)) == sc.li(x)
    assert sc.li(sc.exp(x)) == sc.Ei(x)
    assert sc.polylog(2, x) == sc.Li2(x)
    assert sc.polylog(1, x) == -sc.log(1 - x)
    assert sc.polylog(0, x) == x / (1 - x)
    assert str(sc.polylog(3, x)) == "polylog(3, x)"


# --------------------------------------------------------------------------- calculus


@pytest.mark.parametrize("e, d", [
    (sc.Ei(x), sc.exp(x) / x),
    (sc.li(x), 1 / sc.log(x)),
    (sc.Li2(x), -sc.log(1 - x) / x),
    (sc.Ei(x ** 2), 2 * sc.exp(x ** 2) / x),
    (sc.Li2(-sc.exp(x)), -sc.log(1 + sc.exp(x))),
])
def test_derivatives(e, d):
    assert verify(e, d, x)
    for v in (0.3, 0.7, -0.4, -2.5):
        try:
            f = sc.diff(e, x).evalf({x: v})
            ref = (e.evalf({x: v + 1e-6}) - e.evalf({x: v - 1e-6})) / 2e-6
        except sc.SymcalcError:
            continue
        if isinstance(f, float) and math.isfinite(f) and math.isfinite(ref):
            assert f == pytest.approx(ref, rel=1e-6, abs=1e-8)


def test_printing_and_parsing():
    e = sc.Ei(2 * x) + sc.li(x) * sc.Li2(-x)
    assert sc.parse(str(e)) is e
    assert sc.latex(sc.Li2(x)) == r"\operatorname{Li}_2{\left(x \right)}"
    assert sc.latex(sc.Ei(x)) == r"\operatorname{Ei}{\left(x \right)}"
    assert sc.latex(sc.li(x)) == r"\operatorname{li}{\left(x \right)}"
    assert sc.pretty(sc.Li2(x)) == "Li₂(x)"
    assert sc.parse("PolyLog(2, -t)") is sc.Li2(-t)
    assert sc.parse("polylog(2, x)") is sc.Li2(x)
    assert sc.parse("ExpIntegralEi(x) + LogIntegral(x)") is sc.Ei(x) + sc.li(x)
    p3 = sc.parse("polylog(3, x)")
    assert sc.parse(str(p3)) is p3


def test_compile_matches_evalf():
    e = sc.Ei(x) + sc.li(x + 3) * sc.Li2(-x ** 2) + sc.Li2(x / 10)
    f = sc.compile(e, [x])
    xs = np.concatenate([np.linspace(-9, 9, 181) + 1e-3, [0.3725074107813666, 45.0, -45.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = f(xs)
    for xv, g in zip(xs, got):
        ref = e.evalf({x: float(xv)})
        if isinstance(ref, complex) or math.isnan(ref):
            continue
        assert g == pytest.approx(ref, rel=1e-12, abs=1e-14), xv
        assert f(float(xv)) == pytest.approx(ref, rel=1e-12, abs=1e-14), xv


def test_compiled_special_ops_on_their_domains():
    f = sc.compile([sc.Ei(x), sc.li(x), sc.Li2(x)], [x])
    xs = np.array([-800.0, -30.0, -1.0, 0.0, 0.5, 1.0, 2.0, 45.0, 800.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        e_, l_, d_ = f(xs)
    assert e_[3] == -np.inf and e_[-1] == np.inf and abs(e_[0]) < 1e-300
    assert np.isnan(l_[:3]).all() and l_[3] == 0.0 and l_[5] == -np.inf
    assert np.isnan(d_[-3:]).all() and d_[5] == pytest.approx(math.pi ** 2 / 6)


def test_gradient_of_compiled_special_functions():
    vg = sc.value_and_grad(sc.Ei(x) * sc.Li2(-x), [x])
    for v in (0.4, 1.7, -0.6):
        val, grad = vg(v)
        ref = sc.diff(sc.Ei(x) * sc.Li2(-x), x).evalf({x: v})
        assert float(np.ravel(grad)[0]) == pytest.approx(ref, rel=1e-10)


# --------------------------------------------------------------------------- integrals


@pytest.mark.parametrize("f, F", [
    ("exp(x)/x", "Ei(x)"),
    ("exp(a*x)/x", "Ei(a*x)"),
    ("exp(x)/x^2", "Ei(x) - exp(x)/x"),
    ("exp(1/x)", "x*exp(1/x) - Ei(1/x)"),
    ("exp(2*x)/(x - 1)", "exp(2)*Ei(2*x - 2)"),
    ("exp(2*x)/(x^2 - 3*x + 2)", "exp(4)*Ei(2*x - 4) - exp(2)*Ei(2*x - 2)"),
    ("x*exp(x^2)/(x^2 + 1)", "exp(-1)*Ei(x^2 + 1)/2"),
    ("exp(x)*log(x + 1)", "exp(x)*log(x + 1) - exp(-1)*Ei(x + 1)"),
    ("1/log(x)", "li(x)"),
    ("1/log(x)^2", "li(x) - x/log(x)"),
    ("x^2/log(x)", "Ei(3*log(x))"),
    ("log(1 - x)/x", "-Li2(x)"),
    ("log(x)/(x + 1)", "Li2(-x) + log(x)*log(x + 1)"),
    ("softplus(x)", "-Li2(-exp(x))"),
    ("log(1 + exp(x))", "-Li2(-exp(x))"),
    ("x*sigmoid(x)", "x*softplus(x) + Li2(-exp(x))"),
])
def test_integrals(f, F):
    e = sc.parse(f)
    r = integrate(e, x)
    assert not is_integral(r), f
    assert verify(r, e, x)
    assert r == sc.parse(F), (f, r)


def test_elementary_answers_stay_elementary():
    r = integrate(x * sc.exp(x) / (x + 1) ** 2, x)
    assert r == sc.exp(x) / (x + 1)
    assert integrate(sc.exp(x) * (1 / x - 1 / x ** 2), x) == sc.exp(x) / x


def test_complex_poles_stay_unevaluated():
    assert is_integral(integrate(sc.exp(x) / (x ** 2 + 1), x, timeout=0.5))


def test_definite_integral_with_ei():
    v = integrate(sc.exp(x) / x, (x, 1, 2))
    assert float(v.evalf()) == pytest.approx(float(mp.ei(2) - mp.ei(1)), rel=1e-12)
