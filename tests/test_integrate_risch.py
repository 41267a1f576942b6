"""The transcendental Risch algorithm (calculus/integrate/risch*.py).

Every antiderivative is differentiated numerically by mpmath at 40 digits (mpeval.py,
independent of symcalc) and compared with the integrand. The proofs of
non-elementarity are tested on classical examples, and — the property that matters for
soundness — the algorithm must never call the derivative of an elementary function
non-elementary: random elements F of Q(x)(exp(u)) and Q(x)(log(v)) are differentiated
and given back.
"""

from __future__ import annotations

import random
from fractions import Fraction

import mpmath as mp
import pytest
from mpeval import mp_eval

import symcalc as sc
from symcalc.calculus.diff import diff
from symcalc.calculus.integrate import integral_reason, integrate, is_integral
from symcalc.calculus.integrate.risch import nonelementary_reason, risch
from symcalc.calculus.integrate.risch_poly import RF
from symcalc.calculus.integrate.risch_rde import hermite, limited_integrate, rde, rde_param

x = sc.symbols("x")
POINTS = (mp.mpf("0.3717"), mp.mpf("1.2913"), mp.mpf("2.4187"), mp.mpf("0.8721"),
          mp.mpf("-0.7631"), mp.mpf("-1.8543"), mp.mpf("3.1379"))


def check_antiderivative(F, f, need: int = 3) -> None:
    """dF/dx == f to 25 digits at the points where f is real and finite (parameters set
    to fixed positive values)."""
    env = {p: mp.mpf(v) for p, v in zip(sorted((F.free_symbols | f.free_symbols) - {x},
                                                key=lambda s: s.name),
                                         ("1.3719", "0.7413", "2.1173", "1.6291"), strict=False)}
    good = 0
    for x0 in POINTS:
        fv = mp_eval(f, {**env, x: x0})
        if fv is None or abs(mp.im(fv)) > 1e-30 or abs(fv) > 1e12:
            continue
        dv = mp.diff(lambda t: mp_eval(F, {**env, x: t}), x0)
        assert abs(dv - fv) <= mp.mpf(10) ** -25 * max(1, abs(fv)), (F, f, x0, dv, fv)
        good += 1
    assert good >= need, f"too few evaluation points for {f}"


ELEMENTARY = [
    ("(2*x^6 + 5*x^4 + x^3 + 4*x^2 + 1)*exp(x^2)/(x^2 + 1)^2",
     "exp(x^2)*(2*x^3 + 2*x + 1)/(2*(x^2 + 1))"),
    ("x*exp(x)/(x + 1)^2", None),
    ("exp(2*x)/(exp(x) + 1)^2", None),
    ("1/(exp(2*x) + 1)", None),
    ("(1 - 2*x^2)*exp(-x^2)/x^2", None),
    ("exp(x)*(x^2 + 1)/(x + 1)^2", None),
    ("log(x)^2/x^2", None),
    ("log(x)^3", None),
    ("1/(x*log(x))", None),
    ("1/log(x)^2 - 1/log(x)^3", None),
    ("(log(x) - 1)/log(x)^2", None),
    ("x^2*exp(-x^2)", None),                       # erf by the extended RDE
    ("x^4*exp(-x^2/2)", None),
    ("(x^3 - 2*x)*exp(-x^2)/(x + 1)^0", None),
    # with parameters
    ("x*exp(a*x)/(a*x + 1)^2", "exp(a*x)/(a^3*x + a^2)"),
    ("exp(-b^2*x^2)/x^4", None),
    ("1/(a + b*exp(c*x))", None),
    ("log(a + b*x)^2", None),
]


@pytest.mark.parametrize("text,expected", ELEMENTARY)
def test_elementary(text: str, expected: str | None) -> None:
    f = sc.parse(text)
    F = integrate(f, x)
    assert not is_integral(F), text
    check_antiderivative(F, f)
    if expected is not None:
        assert F == sc.parse(expected)


NONELEMENTARY = [
    "exp(x^2)/(x + 1)",
    "exp(x)/x",
    "1/log(x)",
    "exp(-x^2)*x^2/(x^2 + 1)",
    "log(x)/(x + 1)",
    "exp(x)*(x + 1)/x",
    "exp(1/x)",
    "exp(x^3)*x",
    "x/log(x)",
    "exp(-x^2)/(x^2 + 1)",
    "log(x)^2/(x - 1)",
    # with parameters: for generic values of them
    "exp(a*x^3)",
    "exp(a*x)/x",
    "1/log(a*x)",
    "log(a*x)/(x + b)",
]


@pytest.mark.parametrize("text", NONELEMENTARY)
def test_proved_nonelementary(text: str) -> None:
    why = nonelementary_reason(sc.parse(text), x)
    assert why is not None and why.startswith("not elementary (Risch)"), (text, why)


def test_reason_surfaces_on_the_unevaluated_integral() -> None:
    for text in ("exp(x^3)", "exp(-x^2)*x^2/(x^2 + 1)", "log(x)^2/(x - 1)"):
        r = integrate(sc.parse(text), x, timeout=0.5)
        assert is_integral(r)
        assert integral_reason(r).startswith("not elementary (Risch)")
    assert integral_reason(integrate(sc.parse("x^x"), x, timeout=0.5)) is None
    with pytest.raises(sc.SymcalcError, match="not elementary"):
        integrate(sc.parse("exp(x^3)"), x, strict=True, timeout=0.5)


def test_outside_the_towers_no_claim() -> None:
    for text in ("exp(x)*log(x)", "exp(x^2)*sin(x)", "exp(a*x) + exp(x)", "exp(sqrt(x))",
                 "exp(x) + exp(x^2)", "log(x)*log(x + 1)"):
        assert risch(sc.parse(text), x) is None, text


# --------------------------------------------------------------------------- soundness


def _random_rf(rng: random.Random, xe, deg: int = 2):
    num = sum(rng.randint(-3, 3) * xe**k for k in range(deg + 1))
    den = sum(rng.randint(-2, 2) * xe**k for k in range(deg)) + xe**deg
    return num / den if rng.random() < 0.6 else num


@pytest.mark.parametrize("seed", range(16))
def test_derivatives_of_elementary_functions_are_never_called_nonelementary(seed: int) -> None:
    rng = random.Random(seed)
    kind = seed % 2
    t = sc.exp(rng.choice([x, 2 * x, x**2, -x**2 / 2, 1 / x, x**2 + x])) if kind == 0 \
        else sc.log(rng.choice([x, x + 1, x**2 + 1, (x + 1) / (x - 2)]))
    F = _random_rf(rng, x) * t ** rng.randint(1, 2) + _random_rf(rng, x, 1)
    if kind == 1 and rng.random() < 0.5:
        F = F + rng.randint(1, 3) * sc.log(t + rng.randint(1, 2))
    if kind == 0 and rng.random() < 0.5:
        F = F + 1 / (t + rng.randint(1, 3)) + rng.randint(1, 2) * sc.log(t + 2)
    f = diff(F, x)
    out = risch(f, x)
    assert out is not None, f
    assert out.reason is None, (F, f, out.reason)
    G = integrate(f, x)
    assert not is_integral(G), f
    check_antiderivative(G, f)


# --------------------------------------------------------------------------- building blocks


def test_rde() -> None:
    X = RF.x()
    assert rde(RF.const(1), X) == X - 1                       # y' + y = x
    assert rde(2 * X, RF.const(1)) is None                    # ∫ exp(x^2)
    assert rde(RF.const(1), 1 / X) is None                    # ∫ exp(x)/x
    assert rde(2 / X, 1 / (X * X)) == 1 / X
    y = X**3 / (X + 1) ** 2 + 1 / X                           # needs the weak normalizer
    f = RF.const(3) / X + X
    assert rde(f, y.der() + f * y) == y
    assert rde_param(-2 * X, X * X, [RF.one()]) == (-X / 2, [Fraction(1, 2)])


def test_limited_integrate_and_hermite() -> None:
    X = RF.x()
    b, c = limited_integrate(1 / X + (1 / (X + 1)).der(), 1 / X)
    assert (b, c) == (1 / (X + 1), 1)
    assert limited_integrate(1 / (X + 1), 1 / X) is None
    one = Fraction(1)
    # 1/(x^2 + 1)^2 = D(x/(2(x^2 + 1))) + (1/2)/(x^2 + 1)
    gs, (r, s), q = hermite([one], [one, 0, 2 * one, 0, one], lambda p: p[1:] and
                            [p[i] * i for i in range(1, len(p))])
    assert q == [] and s == [one, 0, one] and r == [Fraction(1, 2)]


@pytest.mark.parametrize("seed", range(8))
def test_with_parameters_elementary_is_never_called_nonelementary(seed: int) -> None:
    a, b = sc.symbols("a b")
    rng = random.Random(100 + seed)
    t = sc.exp(rng.choice([a * x, a * x**2, -x**2 / 2 + a * x, b / x])) if seed % 2 == 0 \
        else sc.log(rng.choice([a * x, x + a, x**2 + b, (x + a) / (x - 2)]))

    def rr(deg: int = 2):
        num = sum(rng.choice([0, 1, -2, a, b, a * b]) * x**k for k in range(deg + 1))
        den = sum(rng.choice([0, 1, a, -b]) * x**k for k in range(deg)) + x**deg
        return num / den if rng.random() < 0.6 else num

    F = rr() * t ** rng.randint(1, 2) + rr(1) + rng.randint(0, 2) * sc.log(t + a)
    f = diff(F, x)
    out = risch(f, x)
    assert out is not None and out.reason is None, (F, out and out.reason)
    G = integrate(f, x, timeout=60)  # not the default budget: CI may be loaded
    assert not is_integral(G), f
    check_antiderivative(G, f)
