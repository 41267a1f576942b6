"""minimize: the worked examples of the calculus-for-ML material, the update rules
against hand-written loops, options, schedules, and monotone decrease on convex
quadratics (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc.numerics import schedules
from symcalc.numerics.optimize import METHODS

w0, w1 = sc.symbols("w0 w1")
x, y = sc.symbols("x y")
BOWL = w0**2 + 3 * w1**2  # the running example: grad = (2 w0, 6 w1)


def _grad(w: np.ndarray) -> np.ndarray:
    return np.array([2 * w[0], 6 * w[1]])


# ---------------------------------------------------------------- worked examples

def test_one_gd_step() -> None:
    r = sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="gd", lr=0.1, maxiter=1, tol=0)
    assert r.x.tolist() == pytest.approx([3.2, 0.8], abs=1e-15)
    assert r.nit == 1 and r.nfev == 2 and r.success
    assert r.fun == pytest.approx(3.2**2 + 3 * 0.8**2)
    assert r.grad.tolist() == pytest.approx([6.4, 4.8])


def test_fifty_gd_steps() -> None:
    r = sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="gd", lr=0.1, maxiter=50, tol=0)
    assert r.nit == 50
    assert r.x[0] == pytest.approx(4 * 0.8**50, rel=1e-12)  # 5.7e-5
    assert r.x[0] == pytest.approx(5.7e-5, rel=0.01)
    assert abs(r.x[1]) < 1e-15  # 2 * (1 - 0.6)^50 = 2.5e-20


def test_momentum_worked_example() -> None:
    r = sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="momentum", lr=0.01, beta=0.9,
                    maxiter=100, tol=0)
    assert r.x.tolist() == pytest.approx([0.0169, 0.0087], abs=1e-4)


def test_adam_worked_example_true_value() -> None:
    # the reference text claims [0, 0]; 200 steps of size about lr = 0.001 cannot get there
    r = sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="adam", lr=0.001, maxiter=200, tol=0)
    assert r.x.tolist() == pytest.approx([3.802, 1.804], abs=1e-3)
    assert r.nit == 200


def test_newton_rosenbrock() -> None:
    rosen = (1 - x)**2 + 100 * (y - x**2)**2
    r = sc.minimize(rosen, [x, y], x0=[-1.2, 1], method="newton")
    assert r.success and r.x.tolist() == pytest.approx([1.0, 1.0], abs=1e-8)
    assert r.nhev == r.nit
    r2 = sc.minimize(rosen, [x, y], x0=[-1.2, 1], method="bfgs")
    assert r2.success and r2.x.tolist() == pytest.approx([1.0, 1.0], abs=1e-6)
    assert r2.nit <= 40  # SciPy's BFGS: 32 iterations from here


def test_newton_quadratic_in_one_step() -> None:
    r = sc.minimize(BOWL + w0 * w1 - w0, [w0, w1], x0=[4, 2], method="newton")
    assert r.nit == 1 and r.success
    # grad = (2 w0 + w1 - 1, 6 w1 + w0) = 0
    assert r.x.tolist() == pytest.approx([6 / 11, -1 / 11], abs=1e-12)


# ---------------------------------------------------------------- update rules

def _run(method: str, steps: int, **kw) -> np.ndarray:
    return sc.minimize(BOWL, [w0, w1], x0=[4, 2], method=method, maxiter=steps, tol=0,
                       **kw).history.x


def test_momentum_is_pytorch_convention() -> None:
    lr, beta = 0.05, 0.8
    w, v = np.array([4.0, 2.0]), np.zeros(2)
    ref = [w.copy()]
    for _ in range(10):
        v = beta * v + _grad(w)
        w = w - lr * v
        ref.append(w.copy())
    assert np.allclose(_run("momentum", 10, lr=lr, beta=beta), ref, rtol=1e-13)


def test_nesterov_rule() -> None:
    lr, beta = 0.05, 0.8
    w, v = np.array([4.0, 2.0]), np.zeros(2)
    ref = [w.copy()]
    for _ in range(10):
        g = _grad(w)
        v = beta * v + g
        w = w - lr * (g + beta * v)
        ref.append(w.copy())
    assert np.allclose(_run("nesterov", 10, lr=lr, beta=beta), ref, rtol=1e-13)


def test_rmsprop_rule() -> None:
    lr, beta, eps = 0.01, 0.9, 1e-8
    w, s = np.array([4.0, 2.0]), np.zeros(2)
    ref = [w.copy()]
    for _ in range(10):
        g = _grad(w)
        s = beta * s + (1 - beta) * g * g
        w = w - lr * g / (np.sqrt(s) + eps)
        ref.append(w.copy())
    assert np.allclose(_run("rmsprop", 10, lr=lr, beta=beta, eps=eps), ref, rtol=1e-13)


@pytest.mark.parametrize("method,wd", [("adam", 0.0), ("adam", 0.1), ("adamw", 0.1)])
def test_adam_rules(method: str, wd: float) -> None:
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    w, m, s = np.array([4.0, 2.0]), np.zeros(2), np.zeros(2)
    ref = [w.copy()]
    for t in range(1, 11):
        g = _grad(w)
        if method == "adam":
            g = g + wd * w  # L2 penalty through the gradient
        else:
            w = w * (1 - lr * wd)  # decoupled decay (Loshchilov and Hutter)
        m = b1 * m + (1 - b1) * g
        s = b2 * s + (1 - b2) * g * g
        w = w - lr * (m / (1 - b1**t)) / (np.sqrt(s / (1 - b2**t)) + eps)
        ref.append(w.copy())
    got = _run(method, 10, lr=lr, weight_decay=wd)
    assert np.allclose(got, ref, rtol=1e-12)


def test_weight_decay_in_gd() -> None:
    got = _run("gd", 1, lr=0.1, weight_decay=0.5)
    assert got[1].tolist() == pytest.approx([4 - 0.1 * (8 + 2), 2 - 0.1 * (12 + 1)])


def test_gradient_clipping() -> None:
    steps = np.diff(_run("gd", 5, lr=0.1, clip_norm=1.0), axis=0)
    assert np.allclose(np.linalg.norm(steps, axis=1), 0.1)
    steps = np.diff(_run("gd", 2, lr=0.1, clip_value=0.5), axis=0)
    assert np.allclose(steps, -0.05)


def test_schedules() -> None:
    s = schedules.step_decay(10, gamma=0.5)
    assert [s(t, 0.1) for t in (0, 9, 10, 25)] == pytest.approx([0.1, 0.1, 0.05, 0.025])
    e = schedules.exponential_decay(0.9)
    assert e(2, 1.0) == pytest.approx(0.81)
    c = schedules.cosine_annealing(100, eta_min=0.1)
    assert c(0, 1.0) == 1.0 and c(100, 1.0) == pytest.approx(0.1)
    assert c(50, 1.0) == pytest.approx(0.55) and c(200, 1.0) == pytest.approx(0.1)
    w = schedules.linear_warmup(4, then=schedules.step_decay(10, 0.5))
    assert [w(t, 1.0) for t in (0, 1, 3, 4, 14)] == [0.0, 0.25, 0.75, 1.0, 0.5]
    with pytest.raises(ValueError):
        schedules.step_decay(0)


def test_schedule_drives_the_steps() -> None:
    # exponential decay: step t of gd on w0^2 multiplies w0 by (1 - 2 lr gamma^t)
    hist = sc.minimize(w0**2, [w0], x0=[1.0], method="gd", lr=0.1,
                       schedule=schedules.exponential_decay(0.5), maxiter=4, tol=0).history.x
    ratios = hist[1:, 0] / hist[:-1, 0]
    assert ratios.tolist() == pytest.approx([1 - 0.2 * 0.5**t for t in range(4)])
    # a learning rate given as a function of the step, and the "cosine" shorthand
    r = sc.minimize(w0**2, [w0], x0=[1.0], method="gd", lr=lambda t: 0.1 / (t + 1),
                    maxiter=3, tol=0)
    assert r.x[0] == pytest.approx(0.8 * (1 - 0.1) * (1 - 0.2 / 3))
    r = sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="momentum", lr=0.01,
                    schedule="cosine", maxiter=50, tol=0)
    assert r.nit == 50


# ---------------------------------------------------------------- results and options

def test_result_fields_and_history() -> None:
    r = sc.minimize(BOWL, [w0, w1], x0={"w0": 4, w1: 2}, method="adam", lr=0.1)
    assert r.success and "converged" in r.message
    assert isinstance(r.x, np.ndarray) and r.x.shape == (2,)
    assert np.abs(r.grad).max() <= 1e-6
    assert r.history.x.shape == (r.nit + 1, 2) and r.history.fun.shape == (r.nit + 1,)
    assert r.history.x[0].tolist() == [4.0, 2.0] and r.history.fun[-1] == r.fun
    assert len(r.history) == r.nit + 1
    assert r.point == {"w0": r.x[0], "w1": r.x[1]}
    assert "adam: success" in str(r) and "OptimizeResult(method='adam'" in repr(r)
    assert sc.minimize(BOWL, [w0, w1], x0=[4, 2], history=False).history is None


def test_tol_zero_runs_exactly_maxiter() -> None:
    for m in ("gd", "momentum", "nesterov", "rmsprop", "adam", "adamw"):
        r = sc.minimize(BOWL, [w0, w1], x0=[4, 2], method=m, maxiter=7, tol=0)
        assert r.nit == 7 and r.nfev == 8 and len(r.history) == 8


def test_maxiter_reached_is_not_success() -> None:
    r = sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="gd", lr=0.01, maxiter=5)
    assert not r.success and "maxiter" in r.message


def test_callback_stops() -> None:
    seen = []

    def cb(k, w, f):
        seen.append((k, f))
        return k == 3

    r = sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="gd", lr=0.1, callback=cb, tol=0,
                    maxiter=100)
    assert r.nit == 3 and [k for k, _ in seen] == [1, 2, 3] and "callback" in r.message


def test_divergence_is_reported() -> None:
    r = sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="gd", lr=2.0, maxiter=2000, tol=0)
    assert not r.success and "diverged" in r.message and "smaller lr" in r.message


def test_newton_leaves_a_saddle_region() -> None:
    # the Hessian at the start is indefinite; the modified Newton step still descends
    f = x**4 / 4 - x**2 / 2 + y**2
    r = sc.minimize(f, [x, y], x0=[0.01, 1.0], method="newton")
    assert r.success and r.x.tolist() == pytest.approx([1.0, 0.0], abs=1e-6)
    assert np.all(np.diff(r.history.fun) <= 0)


def test_bfgs_on_a_logistic_loss() -> None:
    w, b = sc.symbols("w b")
    data = [(-2.0, 0), (-1.0, 0), (-0.5, 1), (0.5, 0), (1.0, 1), (2.0, 1)]
    loss = sc.Add(*[sc.log(1 + sc.exp(-(2 * t - 1) * (w * xi + b))) for xi, t in data])
    r = sc.minimize(loss, [w, b], x0=[0, 0])
    assert r.success and np.abs(r.grad).max() <= 1e-6
    rn = sc.minimize(loss, [w, b], x0=[0, 0], method="newton")
    assert rn.x.tolist() == pytest.approx(r.x.tolist(), abs=1e-6)


def test_errors() -> None:
    with pytest.raises(ValueError, match="unknown method 'cg'"):
        sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="cg")
    with pytest.raises(TypeError, match="takes no option 'beta1'"):
        sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="gd", beta1=0.9)
    with pytest.raises(TypeError, match="takes no option 'lr'"):
        sc.minimize(BOWL, [w0, w1], x0=[4, 2], method="bfgs", lr=0.1)
    with pytest.raises(ValueError, match="maxiter"):
        sc.minimize(BOWL, [w0, w1], x0=[4, 2], maxiter=-1)
    with pytest.raises(ValueError, match="not variables: w1"):
        sc.minimize(BOWL, [w0], x0=[4])
    with pytest.raises(ValueError, match="one value per variable"):
        sc.minimize(BOWL, [w0, w1], x0=[4])


# ---------------------------------------------------------------- monotone decrease

@st.composite
def convex_quadratics(draw):
    n = draw(st.integers(1, 3))
    vals = st.floats(-2, 2, allow_nan=False).map(lambda v: round(v, 3))
    M = np.array(draw(st.lists(st.lists(vals, min_size=n, max_size=n), min_size=n,
                               max_size=n)))
    A = M.T @ M + 0.1 * np.eye(n)
    b = np.array(draw(st.lists(vals, min_size=n, max_size=n)))
    x0 = np.array(draw(st.lists(vals, min_size=n, max_size=n))) + 3.0
    return A, b, x0


@settings(max_examples=25)
@given(convex_quadratics(), st.sampled_from(METHODS))
def test_small_steps_decrease_convex_quadratics(q, method: str) -> None:
    A, b, x0 = q
    n = len(b)
    syms = list(sc.symbols(" ".join(f"q{i}" for i in range(n)))) if n > 1 else [sc.Symbol("q0")]
    f = sc.Add(*[sc.Float(A[i, j] / 2) * syms[i] * syms[j] for i in range(n) for j in range(n)]) \
        + sc.Add(*[sc.Float(b[i]) * syms[i] for i in range(n)])
    L = float(np.linalg.eigvalsh(A).max())
    opts: dict = {}
    if method in ("gd", "sgd", "momentum", "nesterov"):
        opts = {"lr": 1e-3 / L, "maxiter": 40, "tol": 0}
    elif method in ("rmsprop", "adam", "adamw"):
        opts = {"lr": 1e-3, "maxiter": 40, "tol": 0}
        if method == "adamw":
            opts["weight_decay"] = 0.0
    r = sc.minimize(f, syms, x0=x0, method=method, **opts)
    fun = r.history.fun
    assert np.all(np.diff(fun) <= 1e-12 * (1 + np.abs(fun[:-1]))), (method, fun)
    assert fun[-1] < fun[0] or math.isclose(fun[-1], fun[0], abs_tol=1e-12)


def test_minimize_of_an_unbounded_function_says_so_without_numpy_warnings():
    import warnings

    x = sc.Symbol("x")
    for e, method in [(x**3, "bfgs"), (-x**2, "bfgs"), (x**3, "momentum")]:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a NumPy RuntimeWarning would fail here
            r = sc.minimize(e, [x], [1.0], method=method)
        assert not r.success
        assert "unbounded below" in r.message
    r = sc.minimize(x**2, [x], [1.0])
    assert r.success and "unbounded" not in r.message
