"""Training on data (mini-batch SGD and its variants), L-BFGS, Newton-CG, trust-region
Newton, optimizer state: each checked against an independent computation."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import symcalc as sc

w, b, x, y = sc.symbols("w b x y")


def _linear_data(n: int = 300, seed: int = 3) -> tuple:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, n)
    Y = 2.5 * X - 0.7 + 0.1 * rng.normal(size=n)
    return X, Y


def _reference_sgd(X, Y, lr, bs, epochs, seed, method="sgd", beta=0.9):
    """Mini-batch SGD on (w x + b - y)^2 written out in NumPy, same shuffling."""
    rng = np.random.default_rng(seed)
    th = np.zeros(2)
    v = np.zeros(2)
    N = len(X)
    for _ in range(epochs):
        perm = rng.permutation(N)
        Xs, Ys = X[perm], Y[perm]
        for lo in range(0, N, bs):
            xb, yb = Xs[lo:lo + bs], Ys[lo:lo + bs]
            r = th[0] * xb + th[1] - yb
            g = np.array([np.mean(2 * r * xb), np.mean(2 * r)])
            if method == "momentum":
                v = beta * v + g
                g = v
            th = th - lr * g
    return th


@pytest.mark.parametrize("method", ["sgd", "momentum"])
def test_sgd_matches_numpy_reference(method: str) -> None:
    X, Y = _linear_data()
    r = sc.minimize((w * x + b - y)**2, [w, b], [0, 0], method=method,
                    data={x: X, y: Y}, batch_size=32, epochs=7, lr=0.05, seed=11)
    ref = _reference_sgd(X, Y, 0.05, 32, 7, 11, method)
    assert np.allclose(r.x, ref, rtol=1e-12, atol=1e-14)
    assert r.history.fun.shape == (8,) and r.epochs == 7
    assert r.fun == pytest.approx(np.mean((r.x[0] * X + r.x[1] - Y)**2), rel=1e-12)


def test_adam_on_data_and_resume_is_exact() -> None:
    X, Y = _linear_data()
    kw = dict(method="adam", data={x: X, y: Y}, batch_size=50, lr=0.05, seed=0)
    loss = (w * x + b - y)**2
    full = sc.minimize(loss, [w, b], [0, 0], epochs=8, **kw)
    half = sc.minimize(loss, [w, b], [0, 0], epochs=4, **kw)
    rest = sc.minimize(loss, [w, b], half.x, epochs=4, state=half.state, **kw)
    assert np.array_equal(rest.x, full.x)
    assert full.state["step"] == 8 * 6 and full.state["epoch"] == 8
    # converges near least squares
    A = np.stack([X, np.ones_like(X)], 1)
    ls = np.linalg.lstsq(A, Y, rcond=None)[0]
    long = sc.minimize(loss, [w, b], [0, 0], epochs=60, **kw)
    assert np.allclose(long.x, ls, atol=0.02)


def test_full_batch_state_resume() -> None:
    f = (w - 1)**2 + 3 * (b + 2)**2
    a = sc.minimize(f, [w, b], [0, 0], method="adam", lr=0.1, maxiter=30, tol=0)
    c = sc.minimize(f, [w, b], a.x, method="adam", lr=0.1, maxiter=30, tol=0, state=a.state)
    d = sc.minimize(f, [w, b], [0, 0], method="adam", lr=0.1, maxiter=60, tol=0)
    assert np.array_equal(c.x, d.x)
    with pytest.raises(ValueError, match="state"):
        sc.minimize(f, [w, b], [0, 0], method="momentum", state=a.state)
    # L-BFGS resumes with its curvature pairs: 10 + the rest = one uninterrupted run
    rosen = (1 - w)**2 + 100 * (b - w**2)**2
    first = sc.minimize(rosen, [w, b], [-1.2, 1], method="lbfgs", maxiter=10, tol=1e-9)
    rest = sc.minimize(rosen, [w, b], first.x, method="lbfgs", state=first.state, tol=1e-9)
    whole = sc.minimize(rosen, [w, b], [-1.2, 1], method="lbfgs", tol=1e-9)
    assert first.nit + rest.nit == whole.nit and np.array_equal(rest.x, whole.x)


def test_full_batch_methods_on_data_match_least_squares() -> None:
    X, Y = _linear_data()
    A = np.stack([X, np.ones_like(X)], 1)
    ls = np.linalg.lstsq(A, Y, rcond=None)[0]
    for m in ("lbfgs", "newton-cg", "bfgs"):
        r = sc.minimize((w * x + b - y)**2, [w, b], [0, 0], method=m, data={x: X, y: Y})
        assert r.success and np.allclose(r.x, ls, rtol=1e-6), m
    with pytest.raises(ValueError, match="newton-cg"):
        sc.minimize((w * x + b - y)**2, [w, b], [0, 0], method="newton", data={x: X, y: Y})


def test_lbfgs_newton_cg_trust_region_rosenbrock() -> None:
    n = 6
    xs = sc.symbols(" ".join(f"x{i}" for i in range(n)))
    f = sum(100 * (xs[i + 1] - xs[i]**2)**2 + (1 - xs[i])**2 for i in range(n - 1))
    x0 = [-0.5, 0.8] * (n // 2)
    for m in ("lbfgs", "newton-cg", "trust-region"):
        r = sc.minimize(f, xs, x0, method=m, tol=1e-8)
        assert r.success, (m, r.message)
        # a local minimum (the global one at 1, or the one near x0 = -1): checked by the
        # independently compiled gradient and Hessian
        g = sc.value_and_grad(f, xs)(*r.x)[1]
        assert np.max(np.abs(g)) <= 1e-8
        assert np.linalg.eigvalsh(sc.compile_hessian(f, xs)(*r.x)).min() > 0
        if m != "trust-region":
            assert np.allclose(r.x, 1.0, atol=1e-6), m
    assert sc.minimize(f, xs, x0, method="newton-cg").nhev > 0


def test_trust_region_escapes_saddle() -> None:
    f = w**2 - b**2 + b**4 / 4          # saddle at 0, minima at b = +-sqrt(2)
    assert np.allclose(sc.minimize(f, [w, b], [0, 0], method="bfgs").x, 0)  # stops there
    r = sc.minimize(f, [w, b], [0, 0], method="trust-region")
    assert r.success and abs(r.x[0]) < 1e-8 and abs(abs(r.x[1]) - math.sqrt(2)) < 1e-8
    H = sc.compile_hessian(f, [w, b])(*r.x)
    assert np.linalg.eigvalsh(H).min() > 0


def test_early_stopping_callback_and_curve() -> None:
    X, Y = _linear_data(400)
    seen = []
    r = sc.minimize((w * x + b - y)**2, [w, b], [0, 0], method="sgd", data={x: X, y: Y},
                    batch_size=40, epochs=200, lr=0.2, seed=1, early_stopping=3,
                    min_delta=1e-6, validation={x: X[:50], y: Y[:50]})
    assert r.epochs < 200 and "early stopping" in r.message
    assert len(r.history.val) == r.epochs + 1
    assert r.history.val.min() == pytest.approx(
        np.mean((r.x[0] * X[:50] + r.x[1] - Y[:50])**2), rel=1e-12)
    r = sc.minimize((w * x + b - y)**2, [w, b], [0, 0], method="sgd", data={x: X, y: Y},
                    epochs=10, lr=0.1, callback=lambda k, th, f: seen.append(k) or k == 3)
    assert seen == [1, 2, 3] and "callback" in r.message
    assert "loss" in r.history.plot()


def test_warmup_schedule_on_batches() -> None:
    from symcalc.numerics.schedules import linear_warmup

    X, Y = _linear_data(64)
    r = sc.minimize((w * x + b - y)**2, [w, b], [0, 0], method="sgd", data={x: X, y: Y},
                    batch_size=64, epochs=1, lr=0.5, schedule=linear_warmup(10))
    assert np.array_equal(r.x, [0.0, 0.0])  # the first step has rate 0


def test_data_errors() -> None:
    X, Y = _linear_data(10)
    loss = (w * x + b - y)**2
    with pytest.raises(ValueError, match="different lengths"):
        sc.minimize(loss, [w, b], [0, 0], method="sgd", data={x: X, y: Y[:5]})
    with pytest.raises(ValueError, match="batch_size"):
        sc.minimize(loss, [w, b], [0, 0], method="sgd", data={x: X, y: Y}, batch_size=0)
    with pytest.raises(TypeError, match="data"):
        sc.minimize(loss, [w, b], [0, 0], method="sgd", data=[X, Y])
    with pytest.raises(sc.SymcalcError):
        sc.minimize(loss, [w], [0], method="sgd", data={x: X, y: Y})
    with pytest.raises(TypeError, match="batch_size"):
        sc.minimize(loss, [w, b], [0, 0], method="lbfgs", data={x: X, y: Y}, batch_size=3)
    with pytest.raises(TypeError, match="epochs"):
        sc.minimize(loss, [w, b], [0, 0], method="adam", data={x: X, y: Y}, maxiter=3)


# ---------------------------------------------------------------- constraints

X3 = sc.symbols("x y z")


def test_lagrange_xyz_maximum() -> None:
    x_, y_, z_ = X3
    pts = sc.lagrange(x_ * y_ * z_, [sc.Eq(x_ + y_ + z_, 15)], [x_, y_, z_])
    assert ((5, 5, 5), "maximum") in [tuple(p) for p in pts]
    assert all(k == "saddle" for p, k in pts if p != (5, 5, 5))
    for p, _ in pts:  # each point satisfies the constraint and the Lagrange condition
        assert sum(p) == 15


def test_lagrange_against_independent_checks() -> None:
    x_, y_, z_ = X3
    # the circle: max and min of x + y at +-(1/sqrt 2)(1, 1), found exactly (square
    # roots of rationals are recognized and checked by substitution)
    r = sc.sqrt(2) / 2
    pts = sc.lagrange(x_ + y_, [x_**2 + y_**2 - 1], [x_, y_])
    assert [tuple(p) for p in pts] == [((-r, -r), "minimum"), ((r, r), "maximum")]
    for p, _ in pts:
        assert float((p[0]**2 + p[1]**2).evalf()) == pytest.approx(1.0, rel=1e-15)
    # two constraints: the nearest point of a line to the origin
    (p, k, lam), = sc.lagrange(x_**2 + y_**2 + z_**2, [x_ + y_ + z_ - 1, sc.Eq(x_, y_)],
                               [x_, y_, z_], multipliers=True)
    assert p == (sc.Rational(1, 3),) * 3 and k == "minimum"
    # a degenerate point: f = x^3 on y = 0 has a critical point the test cannot decide
    pts = sc.lagrange(x_**3 + y_, [y_], [x_, y_])
    assert [tuple(q) for q in pts] == [((0, 0), "undetermined")]
    with pytest.raises(TypeError, match="bool"):
        sc.lagrange(x_ * y_, [x_ + y_ == 1], [x_, y_])
    # f constant on the constraint set: a continuum, refused with a reason
    with pytest.raises(sc.SymcalcError, match="curve or surface"):
        sc.lagrange(x_ + y_, [x_ + y_ - 1], [x_, y_], n_starts=30)
    with pytest.raises(ValueError, match="inequality"):
        sc.lagrange(x_ * y_, [x_ + y_ <= 1], [x_, y_])


def test_minimize_with_constraints() -> None:
    x_, y_, z_ = X3
    r = sc.minimize(-x_ * y_ * z_, [x_, y_, z_], [1, 1, 1],
                    constraints=[sc.Eq(x_ + y_ + z_, 15), x_ >= 0, y_ >= 0, z_ >= 0])
    assert r.success and np.allclose(r.x, 5, atol=1e-6)
    assert r.multipliers["eq"][0] == pytest.approx(25, rel=1e-6)  # lambda = yz
    # an active inequality: projection of (2, 1) on x + y <= 1 is (1, 0)
    r = sc.minimize((x_ - 2)**2 + (y_ - 1)**2, [x_, y_], [0, 0], constraints=[x_ + y_ <= 1])
    assert r.success and np.allclose(r.x, [1, 0], atol=1e-6)
    # an inactive one changes nothing
    r = sc.minimize((x_ - 2)**2 + (y_ - 1)**2, [x_, y_], [0, 0], constraints=["x + y <= 10"])
    assert np.allclose(r.x, [2, 1], atol=1e-7) and r.multipliers["ineq"][0] == 0
    with pytest.raises(ValueError, match="augmented"):
        sc.minimize(x_**2, [x_], [1], method="adam", constraints=[x_ >= 1])


def test_repl_lagrange() -> None:
    from symcalc.repl.session import Session

    out = Session().execute("lagrange(x*y*z, [x + y + z == 15], [x, y, z])").text
    assert re.search(r"\(5, 5, 5\),? +(kind=)?maximum", out), out


def test_lagrange_uses_a_system_solver(monkeypatch) -> None:
    """When solve handles systems (dicts of solutions), its exact answers are used."""
    import symcalc.algebra.solve as solve_mod

    x_, y_ = X3[:2]
    lam = sc.Symbol("lambda1")
    calls = []

    def fake(eqs, unknowns, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls.append(unknowns)
        return [{x_: sc.Rational(1, 2), y_: sc.Rational(1, 2), lam: sc.Integer(1)}]

    monkeypatch.setattr(solve_mod, "solve", fake)
    pts = sc.lagrange(x_**2 + y_**2, [x_ + y_ - 1], [x_, y_])
    assert calls and [tuple(p) for p in pts] == [((sc.Rational(1, 2),) * 2, "minimum")]


@pytest.mark.parametrize("method", ["nesterov", "rmsprop", "adam", "adamw"])
def test_full_batch_on_data_equals_the_written_out_mean(method: str) -> None:
    """batch_size = N: every epoch is one step on the mean loss, the same as minimizing
    the mean written out as a formula with the data baked in."""
    X, Y = _linear_data(20)
    loss = (w * x + b - y)**2
    mean = sc.Add(*[(w * float(u) + b - float(v))**2 for u, v in zip(X, Y)]) / 20
    kw = {"lr": 0.05} if method != "adamw" else {"lr": 0.05, "weight_decay": 0.1}
    a = sc.minimize(loss, [w, b], [0.5, -0.5], method=method, data={x: X, y: Y},
                    batch_size=20, epochs=15, **kw)
    c = sc.minimize(mean, [w, b], [0.5, -0.5], method=method, maxiter=15, tol=0, **kw)
    assert np.allclose(a.x, c.x, rtol=1e-10, atol=1e-12)
    assert np.allclose(a.history.x, c.history.x, rtol=1e-10, atol=1e-12)


@settings(max_examples=8, deadline=None)
@given(st.sampled_from([-3, -2, -1, 1, 2, 5]), st.sampled_from([-4, -1, 1, 3]),
       st.integers(-3, 3).filter(bool), st.integers(-4, 4))
def test_lagrange_quadratic_on_a_line(p: int, q: int, k: int, m: int) -> None:
    """p x^2 + q y^2 on x + k y = m: one critical point, known in closed form, whose
    kind is the sign of the Hessian along the line's direction (-k, 1)."""
    assume(q + p * k * k != 0)
    x_, y_ = X3[:2]
    lam = sc.Rational(m) / (sc.Rational(1, 2 * p) + sc.Rational(k * k, 2 * q))
    expect = (lam / (2 * p), lam * k / (2 * q))
    curv = 2 * p * k * k + 2 * q
    pts = sc.lagrange(p * x_**2 + q * y_**2, [x_ + k * y_ - m], [x_, y_], n_starts=30)
    assert [tuple(t) for t in pts] == [(expect, "minimum" if curv > 0 else "maximum")]
