"""Forward mode (JVP, dual numbers), VJP, Hessian-vector products, and the backprop and
forward traces: each checked against symbolic derivatives compiled independently."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symcalc as sc

from .strategies import FUNCTION_NAMES, NONSMOOTH, expressions, points

x, y, z = sc.symbols("x y z")
SMOOTH = [f for f in FUNCTION_NAMES if f not in NONSMOOTH]


def _close(a: float, b: float, tol: float = 1e-7) -> bool:
    if not (math.isfinite(a) and math.isfinite(b)):
        return True  # undefined points are not compared
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def _grad(e: sc.Expr, p: dict) -> list[float]:
    """The gradient by symbolic differentiation, evaluated exactly then rounded."""
    out = []
    for s in (x, y, z):
        d = sc.diff(e, s)
        try:
            out.append(float(sc.compile(d, [x, y, z], backend="math")(p["x"], p["y"], p["z"])))
        except (sc.SymcalcError, TypeError, ValueError):
            out.append(math.nan)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(expressions(max_leaves=6, functions=SMOOTH), points(3),
       st.lists(st.floats(-2, 2), min_size=3, max_size=3))
def test_jvp_vjp_dual_match_symbolic_gradient(e: sc.Expr, p: dict, v: list) -> None:
    try:
        val, d = sc.jvp(e, [x, y, z], p, v)
    except sc.SymcalcError:
        return
    g = _grad(e, p)
    if not all(math.isfinite(t) for t in g):
        return
    assert _close(d, float(np.dot(g, v)), 1e-6)
    vals, ut = sc.vjp([e], [x, y, z], p, [1.0])
    for a, b in zip(ut, g):
        assert _close(float(a), b, 1e-6)
    assert _close(float(vals[0]), float(val))
    try:
        dual = sc.Dual.evaluate(e, {x: sc.Dual(p["x"], np.array([1.0, 0, 0])),
                                    y: sc.Dual(p["y"], np.array([0, 1.0, 0])),
                                    z: sc.Dual(p["z"], np.array([0, 0, 1.0]))})
    except (ValueError, ZeroDivisionError, OverflowError, sc.SymcalcError):
        return
    if math.isfinite(dual.value) and np.ndim(dual.eps) == 1:
        for a, b in zip(dual.eps, g):
            assert _close(float(a), b, 1e-6)


def test_jvp_batched_and_list() -> None:
    xs = np.linspace(-1, 1, 5)
    val, d = sc.jvp(sc.sin(x) * y, [x, y], [xs, 2.0], [1.0, 0.0])
    assert np.allclose(val, 2 * np.sin(xs)) and np.allclose(d, 2 * np.cos(xs))
    vals, jv = sc.jvp([x * y, x + y, sc.exp(x)], [x, y], {x: 1.0, "y": 3.0}, [1.0, 1.0])
    assert np.allclose(vals, [3, 4, math.e]) and np.allclose(jv, [4, 2, math.e])


def test_vjp_matches_jacobian() -> None:
    F = [x**2 * y, sc.sin(x) + z, x * y * z]
    J = sc.compile_jacobian(F, [x, y, z])(0.3, -1.2, 2.0)
    u = np.array([1.5, -0.5, 2.0])
    vals, ut = sc.vjp(F, [x, y, z], [0.3, -1.2, 2.0], u)
    assert np.allclose(ut, u @ J, rtol=1e-13)
    assert np.allclose(vals, [0.3**2 * -1.2, math.sin(0.3) + 2, 0.3 * -1.2 * 2])


def test_hvp_rosenbrock_matches_hessian() -> None:
    n = 12
    xs = sc.symbols(" ".join(f"x{i}" for i in range(n)))
    f = sum(100 * (xs[i + 1] - xs[i]**2)**2 + (1 - xs[i])**2 for i in range(n - 1))
    rng = np.random.default_rng(1)
    p, v = rng.normal(size=n), rng.normal(size=n)
    H = sc.compile_hessian(f, xs)(*p)
    assert np.allclose(sc.hvp(f, xs, p, v), H @ v, rtol=1e-12, atol=1e-9)
    k = sc.compile_hvp(f, xs)
    P = rng.normal(size=(n, 7))  # a batch of points, one direction
    hv = k(list(P), list(v))
    for j in range(7):
        assert np.allclose(hv[:, j], sc.compile_hessian(f, xs)(*P[:, j]) @ v, rtol=1e-12,
                           atol=1e-9)


def test_piecewise_tangent_ignores_other_branch() -> None:
    e = sc.Piecewise((sc.sqrt(x), x > 0), (x**2, True))
    assert sc.jvp(e, [x], [-2.0], [1.0]) == (4.0, -4.0)
    assert sc.jvp(sc.Max(x, y), [x, y], [1.0, 3.0], [5.0, 7.0])[1] == 7.0


def test_dual_arithmetic_and_functions() -> None:
    d = sc.Dual(2.0, 1.0)
    r = (d**3 - 1 / d) / (d + 1)
    expect = sc.diff((x**3 - 1 / x) / (x + 1), x).evalf(subs={x: 2})
    assert r.eps == pytest.approx(float(expect), rel=1e-14)
    t = sc.Dual(0.7, 1.0).apply("tanh")
    assert t.value == pytest.approx(math.tanh(0.7)) and t.eps == pytest.approx(
        1 - math.tanh(0.7)**2)
    a = sc.Dual(1.0, 1.0).apply("atan2", sc.Dual(2.0, 0.0))
    assert a.eps == pytest.approx(2 / 5)
    assert (2 ** sc.Dual(3.0, 1.0)).eps == pytest.approx(8 * math.log(2))


def test_errors() -> None:
    with pytest.raises(ValueError):
        sc.jvp(x * y, [x, y], [1.0], [1.0, 0.0])
    with pytest.raises(ValueError):
        sc.jvp(x * y, [x, y], [1.0, 2.0], [1.0])
    with pytest.raises(sc.SymcalcError):
        sc.jvp(x * y, [x], [1.0], [1.0])
    with pytest.raises(ValueError):
        sc.Dual.evaluate(x + y, {x: 1.0})
