"""Numerical calculus: finite differences, gradcheck, nsolve and critical points."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import expressions

import symcalc as sc
from symcalc.numerics import (
    ConvergenceError,
    derivative,
    gradient,
    hessian,
    jacobian,
)

x, y, z = sc.symbols("x y z")


# ---------------------------------------------------------------- finite differences

@pytest.mark.parametrize("method,tol", [("central", 1e-9), ("forward", 1e-6),
                                        ("backward", 1e-6)])
def test_derivative_methods(method: str, tol: float) -> None:
    assert derivative(math.exp, 1.0, method=method) == pytest.approx(math.e, rel=tol)
    assert derivative(math.sin, 2.0, method=method) == pytest.approx(math.cos(2.0), abs=tol)


def test_derivative_richardson_is_more_accurate() -> None:
    plain = abs(derivative(math.exp, 1.0) - math.e)
    rich = abs(derivative(math.exp, 1.0, richardson=2) - math.e)
    assert rich < plain and rich < 1e-11
    fwd = abs(derivative(math.exp, 1.0, method="forward", richardson=3) - math.e)
    assert fwd < 1e-9


@pytest.mark.parametrize("order,exact", [(2, -math.sin(1.0)), (3, -math.cos(1.0)),
                                         (4, math.sin(1.0))])
def test_higher_orders(order: int, exact: float) -> None:
    assert derivative(math.sin, 1.0, order=order) == pytest.approx(exact, abs=1e-4)


def test_derivative_explicit_step_and_arrays() -> None:
    assert derivative(lambda t: t**2, 3.0, h=1e-3) == pytest.approx(6.0, rel=1e-12)
    xs = np.linspace(0, 1, 5)
    assert np.allclose(derivative(np.sin, xs), np.cos(xs), atol=1e-9)


def test_default_step_scales_with_x() -> None:
    from symcalc.numerics import default_step

    assert default_step(1e6) == pytest.approx(1e6 * default_step(1.0))
    assert default_step(0.0) == default_step(1.0)
    assert default_step(1.0, "forward") > default_step(1.0, "central") * 0 + 1e-9
    assert default_step(1.0, "forward") < default_step(1.0, "central")


def test_derivative_bad_arguments() -> None:
    with pytest.raises(ValueError, match="method"):
        derivative(math.sin, 0.0, method="sideways")
    with pytest.raises(ValueError, match="order"):
        derivative(math.sin, 0.0, order=5)
    with pytest.raises(ValueError, match="richardson"):
        derivative(math.sin, 0.0, richardson=-1)


def test_gradient_jacobian_hessian_of_callables() -> None:
    def f(v):
        return v[0] ** 2 * v[1] + math.sin(v[1])

    g = gradient(f, [1.0, 2.0])
    assert np.allclose(g, [4.0, 1.0 + math.cos(2.0)], atol=1e-8)
    J = jacobian(lambda v: [v[0] * v[1], v[0] + 3 * v[1], v[0] ** 2], [2.0, 3.0])
    assert J.shape == (3, 2)
    assert np.allclose(J, [[3, 2], [1, 3], [4, 0]], atol=1e-8)
    H = hessian(f, [1.0, 2.0])
    assert np.allclose(H, [[4.0, 2.0], [2.0, -math.sin(2.0)]], atol=1e-5)
    assert np.allclose(H, H.T)
    with pytest.raises(ValueError, match="flat"):
        gradient(f, [[1.0, 2.0]])


def test_gradient_matches_compiled_gradient() -> None:
    e = sc.exp(x * y) + sc.log(1 + x**2) * sc.cos(y)
    f = sc.compile(e, [x, y], packed=True)
    vg = sc.value_and_grad(e, [x, y])
    exact = np.array(vg(0.3, -0.7)[1], dtype=float)
    assert np.allclose(gradient(f, [0.3, -0.7], richardson=1), exact, rtol=1e-9)


# ---------------------------------------------------------------- gradcheck

def test_gradcheck_passes_and_reports() -> None:
    rep = sc.gradcheck(sc.sin(x) * y**2 + sc.exp(x * y), [x, y], [0.5, 2.0])
    assert rep.passed and bool(rep)
    assert rep.max_error.absolute < 1e-8 and rep.max_error.relative < 1e-8
    abs_err, rel_err = rep.max_error
    assert abs_err == rep.max_error.absolute and rel_err == rep.max_error.relative
    text = str(rep)
    assert text.startswith("gradcheck passed at (x=0.5, y=2)")
    assert "analytic" in text and "numeric" in text
    assert "passed=True" in repr(rep)


def test_gradcheck_catches_a_wrong_gradient() -> None:
    rep = sc.gradcheck(sc.sin(x) * y**2, [x, y], {"x": 0.5, "y": 2.0},
                       grad=[sc.cos(x) * y, 2 * y * sc.sin(x)])
    assert not rep.passed
    assert rep.max_error.relative > 0.1
    assert "FAILED" in str(rep) and "<--" in str(rep)
    # a hand-written gradient as a callable
    ok = sc.gradcheck(x**3 * y, [x, y], [2.0, 1.5], grad=lambda p: [3 * p[0]**2 * p[1], p[0]**3])
    assert ok.passed


def test_gradcheck_ml_losses() -> None:
    w, b, t = sc.symbols("w b t")
    zz = w * x + b
    bce = -(t * sc.log(sc.sigmoid(zz)) + (1 - t) * sc.log(1 - sc.sigmoid(zz)))
    assert sc.gradcheck(bce, [w, b, x, t], [0.5, 0.1, 2.0, 1.0]).passed
    softplus = sc.log(1 + sc.exp(w * x))
    assert sc.gradcheck(softplus, [w, x], [0.3, -1.2]).passed


def test_gradcheck_errors() -> None:
    with pytest.raises(ValueError, match="not variables: y"):
        sc.gradcheck(x * y, [x], [1.0])
    with pytest.raises(ValueError, match="one value per variable"):
        sc.gradcheck(x * y, [x, y], [1.0])
    with pytest.raises(ValueError, match="components"):
        sc.gradcheck(x * y, [x, y], [1.0, 2.0], grad=[y])


_SMOOTH = ["sin", "cos", "exp", "tanh", "sigmoid", "atan", "softplus"]


@settings(max_examples=60)
@given(expressions(max_leaves=7, functions=_SMOOTH),
       st.tuples(*[st.floats(-2, 2, allow_nan=False).map(lambda v: round(v, 3) + 1e-4)] * 3))
def test_gradcheck_passes_on_random_expressions(e: sc.Expr, pt: tuple) -> None:
    syms = [x, y, z]
    # stay away from poles of divisions and from overflow
    vg = sc.value_and_grad(e, syms)
    v, g = vg(*pt)
    g = np.asarray(g, dtype=float)
    assume(math.isfinite(float(v)) and np.isfinite(g).all() and np.abs(g).max() < 1e4)
    assume(abs(float(v)) < 1e6)
    H = sc.compile_hessian(e, syms)(*pt)
    assume(np.isfinite(H).all() and np.abs(H).max() < 1e4)
    rep = sc.gradcheck(e, syms, pt, rtol=1e-5, atol=1e-6)
    assert rep.passed, str(rep)


# ---------------------------------------------------------------- nsolve

def test_nsolve_cos_x_equals_x() -> None:
    assert sc.nsolve(sc.Eq(sc.cos(x), x), x, 1) == 0.7390851332151607
    assert sc.nsolve(sc.cos(x) - x, x, 0.0) == pytest.approx(0.7390851332151607, abs=1e-15)


def test_nsolve_systems_and_shapes() -> None:
    r = sc.nsolve([x**2 + y**2 - 4, x - y], [x, y], [1, 1])
    assert isinstance(r, tuple) and len(r) == 2
    assert r == pytest.approx((math.sqrt(2), math.sqrt(2)), abs=1e-12)
    r2 = sc.nsolve([x**2 + y**2 - 4, sc.exp(x) - y], [x, y], {"x": 1, "y": 1})
    assert r2[0]**2 + r2[1]**2 == pytest.approx(4) and math.exp(r2[0]) == pytest.approx(r2[1])
    assert sc.nsolve(x**2 - 2, [x], [1]) == pytest.approx((math.sqrt(2),))
    assert sc.nsolve(x**2 - 2, "x", 1) == pytest.approx(math.sqrt(2))


def test_nsolve_bracketing_fallback() -> None:
    # Newton from 0 cycles 0 -> 1 -> 0 on x^3 - 2x + 2; the bracket search finds the root
    r = sc.nsolve(x**3 - 2 * x + 2, x, 0)
    assert r == pytest.approx(-1.7692923542386314, abs=1e-12)
    assert sc.nsolve(x**2 - 2, x, 1, bracket=(0, 2)) == pytest.approx(math.sqrt(2), abs=1e-15)


def test_nsolve_failures() -> None:
    with pytest.raises(ConvergenceError, match="no root"):
        sc.nsolve(x**2 + 1, x, 1)
    with pytest.raises(sc.SymcalcError):
        sc.nsolve(x**2 + 1, x, 1)
    with pytest.raises(ValueError, match="as many equations"):
        sc.nsolve([x + y], [x, y], [0, 0])
    with pytest.raises(ValueError, match="bracket needs exactly one"):
        sc.nsolve([x - y, x + y], [x, y], [0, 0], bracket=(0, 1))


# ---------------------------------------------------------------- critical points

def test_critical_points_quartic() -> None:
    cps = sc.critical_points(x**4 - 4 * x**3 + 4 * x**2 + 1, x)
    assert cps == [((0,), "minimum"), ((1,), "maximum"), ((2,), "minimum")]
    assert all(isinstance(p.point[0], sc.Integer) for p in cps)
    assert repr(cps[0]) == "((0,), 'minimum')"


def test_critical_points_saddle() -> None:
    assert sc.critical_points(x**2 - y**2, [x, y]) == [((0, 0), "saddle")]


def test_critical_points_exact_radicals_and_degenerate() -> None:
    cps = sc.critical_points(x**3 - 2 * x, x)
    assert [k for _, k in cps] == ["maximum", "minimum"]
    assert cps[1].point[0] == sc.sqrt(6) / 3
    assert sc.critical_points(x**3, x) == [((0,), "degenerate")]
    assert sc.critical_points(x / (1 + x**2), x) == [((-1,), "minimum"), ((1,), "maximum")]


def test_critical_points_numeric() -> None:
    cps = sc.critical_points(sc.sin(x), x, region=(0, 7))
    assert [k for _, k in cps] == ["maximum", "minimum"]
    assert cps[0].point[0] == pytest.approx(math.pi / 2, abs=1e-12)
    assert cps[1].point[0] == pytest.approx(3 * math.pi / 2, abs=1e-12)
    two = sc.critical_points(x**3 - 3 * x + y**2, [x, y])
    assert two == [((-1, 0), "saddle"), ((1, 0), "minimum")]
    assert sc.critical_points(x**4 + y**4, [x, y]) == [((0, 0), "degenerate")]


def test_critical_points_of_a_loss_landscape() -> None:
    # a double well: two minima and the saddle between them
    cps = sc.critical_points((x**2 - 1)**2 + y**2, [x, y], region=(-3, 3))
    assert cps == [((-1, 0), "minimum"), ((0, 0), "saddle"), ((1, 0), "minimum")]


def test_classify() -> None:
    from symcalc.numerics import classify

    assert classify([1.0, 2.0]) == "minimum"
    assert classify([-1.0, -2.0]) == "maximum"
    assert classify([-1.0, 2.0]) == "saddle"
    assert classify([0.0, 2.0]) == "degenerate"


def test_critical_points_bad_region() -> None:
    with pytest.raises(ValueError, match="a < b"):
        sc.critical_points(sc.sin(x) * y, [x, y], region=(1, 0))


def test_gradcheck_where_the_function_is_undefined_is_a_domain_error():
    x = sc.Symbol("x")
    with pytest.raises(sc.DomainError, match="no gradient"):
        sc.gradcheck(sc.log(x), [x], [-1.0])
    with pytest.raises(sc.DomainError):
        sc.gradcheck(1 / x, [x], [0.0])
