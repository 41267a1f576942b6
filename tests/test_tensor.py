"""Shaped expressions: construction, shapes, canonical forms, printing, the worked
examples of matrix calculus (issue 15) in matrix notation, and compiled values and
gradients (against NumPy formulas, finite differences and, if installed, JAX)."""

from __future__ import annotations

import numpy as np
import pytest

import symcalc as sc
from symcalc.tensor import tpretty


@pytest.fixture
def reg():
    X = sc.MatrixSymbol("X", "n", "d")
    w = sc.VectorSymbol("w", "d")
    y = sc.VectorSymbol("y", "n")
    return X, w, y


# --------------------------------------------------------------------------- shapes


def test_shapes_follow_numpy():
    A = sc.MatrixSymbol("A", 3, 2)
    x = sc.VectorSymbol("x", 2)
    assert (A @ x).shape == (3,)
    assert (A.T @ A).shape == (2, 2)
    assert (x @ A.T).shape == (3,)
    assert (x @ x).shape == ()
    assert sc.sum(A).shape == () and sc.sum(A, 0).shape == (2,) and sc.sum(A, 1).shape == (3,)
    assert (2 * A + 1).shape == (3, 2)
    assert sc.outer(x, x).shape == (2, 2)
    assert sc.kron(A, A).shape == (9, 4)
    T = sc.TensorSymbol("T", 2, 3, 4)
    assert (sc.tanh(T) * T + 1).shape == (2, 3, 4) and sc.sum(T * T).shape == ()


def test_symbolic_dimensions():
    n = sc.Symbol("n")
    X = sc.MatrixSymbol("X", n, 3)
    assert X.shape == (n, 3)
    assert (X.T @ X).shape == (3, 3)
    assert sc.sum(sc.Ones(n)) == sc.tensor.expr.const(n)


@pytest.mark.parametrize("build, words", [
    (lambda A, B, x: A @ B, "(3, 2) and (3, 2)"),
    (lambda A, B, x: A + A.T, "(3, 2) and (2, 3)"),
    (lambda A, B, x: A * x, "(3, 2) and (4,)"),
    (lambda A, B, x: sc.trace(A), "square"),
    (lambda A, B, x: sc.inv(A), "square"),
    (lambda A, B, x: sc.softmax(sc.sum(A)), "vector"),
    (lambda A, B, x: sc.outer(A, x), "two vectors"),
])
def test_shape_errors_say_which_shapes(build, words):
    A = sc.MatrixSymbol("A", 3, 2)
    B = sc.MatrixSymbol("B", 3, 2)
    x = sc.VectorSymbol("x", 4)
    with pytest.raises(sc.ShapeError, match=words.replace("(", r"\(").replace(")", r"\)")):
        build(A, B, x)


def test_shape_error_is_a_symcalc_error():
    assert issubclass(sc.ShapeError, sc.SymcalcError)


# --------------------------------------------------------------------------- canonical forms


def test_canonical_forms():
    A = sc.MatrixSymbol("A", 3, 3)
    B = sc.MatrixSymbol("B", 3, 3)
    x = sc.VectorSymbol("x", 3)
    I3 = sc.Identity(3)
    assert A.T.T is A
    assert (A @ B).T is B.T @ A.T
    assert I3 @ A is A and A @ I3 is A
    assert A - A is sc.Zero(3, 3)
    assert (A + B) * 2 is 2 * A + 2 * B
    assert 2 * A @ (3 * B) is 6 * (A @ B)
    assert x @ A is A.T @ x
    assert (A @ x) @ x is x @ A @ x
    assert sc.trace(A.T) is sc.trace(A)
    assert sc.inv(sc.inv(A)) is A
    assert sc.diag(sc.diag(x)) is x
    assert A * A is A ** 2
    assert sc.sum(3 * A) is 3 * sc.sum(A)
    S = sc.MatrixSymbol("S", 3, 3, symmetric=True)
    assert S.T is S
    y = sc.VectorSymbol("y", 3, values=(-1, 1))
    assert y * y is sc.Ones(3)


def test_elementwise_registry_functions():
    W = sc.MatrixSymbol("W", 3, 2)
    x = sc.VectorSymbol("x", 2)
    b = sc.VectorSymbol("b", 3)
    h = sc.tanh(W @ x + b)
    assert h.shape == (3,) and str(h) == "tanh(W@x + b)"
    assert str(sc.log(1 + sc.exp(W @ x))) == "softplus(W@x)"  # the stable form
    assert sc.log(sc.softmax(x)) is sc.log_softmax(x)
    with pytest.raises(sc.ShapeError):
        sc.atan2(x, x)


# --------------------------------------------------------------------------- printing


def test_printing_styles():
    X = sc.MatrixSymbol("X", 5, 3)
    w = sc.VectorSymbol("w", 3)
    y = sc.VectorSymbol("y", 5)
    e = 2 * X.T @ (X @ w - y)
    assert str(e) == "2*X.T@(X@w - y)"
    assert tpretty(e) == "2 Xᵀ(X w - y)"
    assert sc.latex(e) == "2 X^{\\top}\\left(X w - y\\right)"
    A = sc.MatrixSymbol("A", 3, 3)
    assert tpretty(sc.inv(A).T) == "A⁻ᵀ"
    assert tpretty(sc.norm(w) ** 2) == "‖w‖²"
    assert tpretty(sc.trace(A)) == "tr(A)"
    assert tpretty(w * sc.tanh(w)) == "w ⊙ tanh(w)"
    assert sc.pretty(sc.outer(w, w)) == "w wᵀ"


# --------------------------------------------------------------------------- worked examples


def test_least_squares(reg):
    X, w, y = reg
    L = sc.norm(X @ w - y) ** 2
    assert str(sc.gradient(L, w)) == "2*X.T@(X@w - y)"
    assert str(sc.hessian(L, w)) == "2*X.T@X"
    assert sc.diff(L, w) is sc.gradient(L, w)


def test_quadratic_form_and_trace_tricks():
    A = sc.MatrixSymbol("A", 3, 3)
    B = sc.MatrixSymbol("B", 3, 3)
    X = sc.MatrixSymbol("X", 3, 3)
    x = sc.VectorSymbol("x", 3)
    assert str(sc.gradient(x @ A @ x, x)) == "(A + A.T)@x"
    assert tpretty(sc.gradient(x @ A @ x, x)) == "(A + Aᵀ) x"
    assert str(sc.diff(sc.trace(A @ X @ B), X)) == "A.T@B.T"
    assert tpretty(sc.diff(sc.logdet(X), X)) == "X⁻ᵀ"
    assert tpretty(sc.diff(sc.trace(sc.inv(X) @ A), X)) == "-X⁻ᵀ Aᵀ X⁻ᵀ"
    assert str(sc.hessian(x @ A @ x, x)) == "A + A.T"


def test_softmax_jacobian_and_cross_entropy():
    z = sc.VectorSymbol("z", 4)
    y = sc.VectorSymbol("y", 4)
    s = sc.softmax(z)
    assert sc.jacobian(s, z) is sc.diag(s) - sc.outer(s, s)
    assert tpretty(sc.jacobian(s, z)) == "diag(softmax(z)) - softmax(z) softmax(z)ᵀ"
    L = -sc.sum(y * sc.log(sc.softmax(z)))
    assert L is sc.cross_entropy(z, y)
    assert str(sc.gradient(L, z)) == "sum(y)*softmax(z) - y"
    assert str(sc.gradient(L, z, assume={sc.sum(y): 1})) == "softmax(z) - y"


def test_logistic_regression(reg):
    X, w, _ = reg
    y = sc.VectorSymbol("y", "n", values=(-1, 1))
    L = sc.sum(sc.log(1 + sc.exp(-y * (X @ w))))
    g = sc.gradient(L, w)
    assert tpretty(g) == "-Xᵀ(y ⊙ σ(-y ⊙ (X w)))"
    H = sc.hessian(L, w)
    assert tpretty(H) == "Xᵀ diag(σ(-y ⊙ (X w)) ⊙ σ(y ⊙ (X w))) X"
    u = y * (X @ w)
    assert H is X.T @ sc.diag(sc.sigmoid(u) * sc.sigmoid(-u)) @ X


def test_two_layer_network_backpropagation():
    W1, b1 = sc.MatrixSymbol("W1", 4, 3), sc.VectorSymbol("b1", 4)
    W2, b2 = sc.MatrixSymbol("W2", 2, 4), sc.VectorSymbol("b2", 2)
    x, t = sc.VectorSymbol("x", 3), sc.VectorSymbol("t", 2)
    h = sc.tanh(W1 @ x + b1)
    r = W2 @ h + b2 - t
    L = sc.Rational(1, 2) * sc.norm(r) ** 2
    gW1, gb1, gW2, gb2 = sc.gradient(L, [W1, b1, W2, b2])
    delta1 = (W2.T @ r) * (1 - h ** 2)
    assert gb2 is r
    assert gW2 is sc.outer(r, h)
    assert gb1 is delta1
    assert gW1 is sc.outer(delta1, x)
    assert tpretty(gW2) == "(W₂ tanh(W₁ x + b₁) + b₂ - t) tanh(W₁ x + b₁)ᵀ"


def test_softmax_regression_in_batch_form():
    X = sc.MatrixSymbol("X", "N", "d")
    W = sc.MatrixSymbol("W", "d", "k")
    b = sc.VectorSymbol("b", "k")
    Y = sc.MatrixSymbol("Y", "N", "k")
    Z = X @ W + sc.outer(sc.Ones("N"), b)
    L = -sc.sum(Y * sc.log_softmax(Z))
    gW, gb = sc.gradient(L, [W, b], assume={sc.sum(Y, 1): sc.Ones("N")})
    assert gW is X.T @ (sc.softmax(Z) - Y)
    assert gb is sc.sum(sc.softmax(Z) - Y, 0)


def test_gradient_has_the_shape_of_the_variable():
    W = sc.MatrixSymbol("W", 3, 2)
    x = sc.VectorSymbol("x", 2)
    assert sc.gradient(sc.sum(sc.sigmoid(W @ x)), W).shape == (3, 2)
    assert sc.gradient(sc.sum(W), x) is sc.Zero(2)


def test_gradient_of_non_scalar_is_an_error():
    x = sc.VectorSymbol("x", 2)
    with pytest.raises(sc.SymcalcError, match="jacobian"):
        sc.gradient(sc.tanh(x), x)


# --------------------------------------------------------------------------- compiled


def _fd_grad(f, args, i, h=1e-6):
    a = [np.array(v, dtype=float) for v in args]
    g = np.zeros_like(a[i])
    for idx in np.ndindex(a[i].shape):
        p = [v.copy() for v in a]
        m = [v.copy() for v in a]
        p[i][idx] += h
        m[i][idx] -= h
        g[idx] = (f(*p) - f(*m)) / (2 * h)
    return g


def test_compiled_logistic_regression_matches_closed_form(reg):
    X, w, _ = reg
    y = sc.VectorSymbol("y", "n", values=(-1, 1))
    L = sc.sum(sc.log(1 + sc.exp(-y * (X @ w))))
    rng = np.random.default_rng(1)
    Xv, wv = rng.standard_normal((50, 4)), rng.standard_normal(4)
    yv = np.sign(rng.standard_normal(50))
    vg = sc.value_and_grad(L, [w], data=[X, y])
    val, (gw,) = vg(wv, Xv, yv)
    m = yv * (Xv @ wv)
    assert np.isclose(val, np.sum(np.logaddexp(0, -m)))
    assert np.allclose(gw, -Xv.T @ (yv / (1 + np.exp(m))))
    H = sc.compile(sc.hessian(L, w), [w, X, y])(wv, Xv, yv)
    s = 1 / (1 + np.exp(-m))
    assert np.allclose(H, Xv.T @ (Xv * (s * (1 - s))[:, None]))


def test_compiled_two_layer_network_gradients_match_finite_differences():
    W1, b1 = sc.MatrixSymbol("W1", "h", "d"), sc.VectorSymbol("b1", "h")
    W2, b2 = sc.MatrixSymbol("W2", "k", "h"), sc.VectorSymbol("b2", "k")
    x, t = sc.VectorSymbol("x", "d"), sc.VectorSymbol("t", "k")
    L = sc.norm(W2 @ sc.tanh(W1 @ x + b1) + b2 - t) ** 2 / 2
    params = [W1, b1, W2, b2]
    f = sc.compile(L, params + [x, t])
    vg = sc.value_and_grad(L, params, data=[x, t])
    rng = np.random.default_rng(2)
    vals = [rng.standard_normal(s) for s in [(5, 3), (5,), (2, 5), (2,), (3,), (2,)]]
    val, grads = vg(*vals)
    assert np.isclose(val, f(*vals))
    for i, g in enumerate(grads):
        assert g.shape == vals[i].shape
        assert np.allclose(g, _fd_grad(f, vals, i), rtol=1e-6, atol=1e-8)


def test_stable_softmax_logsumexp_cross_entropy_at_large_logits():
    z = sc.VectorSymbol("z", 3)
    y = sc.VectorSymbol("y", 3)
    f = sc.compile([sc.softmax(z), sc.log_softmax(z), sc.logsumexp(z),
                    sc.cross_entropy(z, y)], [z, y])
    zv = np.array([1000.0, -1000.0, 0.0])
    s, ls, lse, ce = f(zv, np.array([0.0, 1.0, 0.0]))
    assert np.allclose(s, [1, 0, 0]) and np.all(np.isfinite(ls))
    assert lse == 1000.0 and ls[1] == -2000.0 and ce == 2000.0
    g = sc.value_and_grad(sc.cross_entropy(z, y), [z], data=[y])(zv, np.array([0, 1.0, 0]))
    assert np.allclose(g[1][0], [1, -1, 0])


def test_compile_checks_arguments():
    X = sc.MatrixSymbol("X", 2, 2)
    w = sc.VectorSymbol("w", 2)
    f = sc.compile(X @ w, [X, w])
    with pytest.raises(sc.ShapeError):
        f(np.ones(2), np.ones(2))
    with pytest.raises(sc.ShapeError, match="not among the variables"):
        sc.compile(X @ w, [X])


def test_jax_agrees_on_the_worked_examples():
    jax = pytest.importorskip("jax")
    jax.config.update("jax_enable_x64", True)
    jnp = jax.numpy
    W1, b1 = sc.MatrixSymbol("W1", 6, 4), sc.VectorSymbol("b1", 6)
    W2, b2 = sc.MatrixSymbol("W2", 3, 6), sc.VectorSymbol("b2", 3)
    x, t = sc.VectorSymbol("x", 4), sc.VectorSymbol("t", 3)
    L = sc.norm(W2 @ sc.tanh(W1 @ x + b1) + b2 - t) ** 2 / 2
    vg = sc.value_and_grad(L, [W1, b1, W2, b2], data=[x, t])

    def jl(W1, b1, W2, b2, x, t):
        return 0.5 * jnp.sum((W2 @ jnp.tanh(W1 @ x + b1) + b2 - t) ** 2)

    rng = np.random.default_rng(3)
    vals = [rng.standard_normal(s) for s in [(6, 4), (6,), (3, 6), (3,), (4,), (3,)]]
    jg = jax.grad(jl, argnums=(0, 1, 2, 3))(*vals)
    _, grads = vg(*vals)
    for a, b in zip(grads, jg):
        assert np.allclose(a, np.asarray(b), rtol=1e-10, atol=1e-12)


def test_batch_axis_sums_per_example_losses_and_gradients():
    W1, b1 = sc.MatrixSymbol("W1", "h", "d"), sc.VectorSymbol("b1", "h")
    W2, b2 = sc.MatrixSymbol("W2", "k", "h"), sc.VectorSymbol("b2", "k")
    x, t = sc.VectorSymbol("x", "d"), sc.VectorSymbol("t", "k")
    L = sc.cross_entropy(W2 @ sc.sigmoid(W1 @ x + b1) + b2, t) + sc.norm(W1 @ x) ** 2
    params = [W1, b1, W2, b2]
    batched = sc.value_and_grad(L, params, data=[x, t], batch=[x, t])
    single = sc.value_and_grad(L, params, data=[x, t])
    rng = np.random.default_rng(5)
    P = [rng.standard_normal(s) for s in [(4, 3), (4,), (2, 4), (2,)]]
    X, T = rng.standard_normal((6, 3)), rng.dirichlet(np.ones(2), 6)
    value, grads = batched(*P, X, T)
    per = [single(*P, X[b], T[b]) for b in range(6)]
    assert np.isclose(value, sum(v for v, _ in per))
    for i, g in enumerate(grads):
        assert g.shape == P[i].shape
        assert np.allclose(g, sum(gs[i] for _, gs in per))


def test_batch_axis_in_compile():
    A = sc.MatrixSymbol("A", 3, 3)
    x = sc.VectorSymbol("x", 3)
    f = sc.compile([A @ x, x @ A, x @ A @ x, sc.outer(x, x), sc.softmax(A @ x),
                    sc.sum(x) * x, sc.trace(A) * x], [A, x], batch=[x])
    rng = np.random.default_rng(6)
    Av, X = rng.standard_normal((3, 3)), rng.standard_normal((5, 3))
    got = f(Av, X)
    one = sc.compile([A @ x, x @ A, x @ A @ x, sc.outer(x, x), sc.softmax(A @ x),
                      sc.sum(x) * x, sc.trace(A) * x], [A, x])
    for b in range(5):
        for g, w in zip(got, one(Av, X[b])):
            assert np.allclose(g[b], w)
    with pytest.raises(sc.ShapeError, match="batch axis"):
        f(Av, X[0])


def test_scalar_symbols_as_coefficients_and_arguments(reg):
    X, w, y = reg
    lam = sc.Symbol("lam")
    L = sc.norm(X @ w - y) ** 2 + lam * sc.norm(w) ** 2 / sc.Symbol("n")
    g = sc.gradient(L, w)
    assert str(g) == "2*X.T@(X@w - y) + 2*lam/n*w"
    assert str(sc.hessian(L, w)) == "2*X.T@X + 2*lam/n*eye(d)"
    rng = np.random.default_rng(7)
    Xv, wv, yv = rng.standard_normal((8, 3)), rng.standard_normal(3), rng.standard_normal(8)
    got = sc.compile(g, [w, X, y, lam])(wv, Xv, yv, 0.5)
    assert np.allclose(got, 2 * Xv.T @ (Xv @ wv - yv) + 2 * 0.5 / 8 * wv)


def test_gradient_with_respect_to_a_symmetric_matrix():
    S = sc.MatrixSymbol("S", 3, 3, symmetric=True)
    A = sc.MatrixSymbol("A", 3, 3)
    x = sc.VectorSymbol("x", 3)
    L = sc.trace(A @ S) + x @ S @ x + sc.logdet(S)
    g = sc.gradient(L, S)
    assert g is sc.outer(x, x) + (A + A.T) / 2 + sc.inv(S)
    # against the scalar engine: S has 6 independent entries s_ij = s_ji (i <= j);
    # ∂L/∂s_ij is 2 g_ij off the diagonal and g_ii on it
    from symcalc.calculus.diff import diff as scalar_diff
    from symcalc.tensor.expand import entry_symbols, expand_array
    rng = np.random.default_rng(8)
    Sv = rng.standard_normal((3, 3))
    Sv = Sv @ Sv.T + 3 * np.eye(3)
    vals = {S: Sv, A: rng.standard_normal((3, 3)), x: rng.standard_normal(3)}
    subs = {}
    for s, v in vals.items():
        for sym, val in zip(entry_symbols(s).flat, v.flat):
            subs[sym] = float(val)
    Ls = expand_array(L)[()]
    gv = sc.compile(g, [S, A, x])(vals[S], vals[A], vals[x])
    syms = entry_symbols(S)
    for i in range(3):
        for j in range(i, 3):
            want = float(scalar_diff(Ls, syms[i, j]).evalf(subs))
            assert np.isclose(want, gv[i, j] * (1 if i == j else 2))
    with pytest.raises(sc.SymcalcError, match="symmetric"):
        sc.hessian(L, S)


def test_repl_declarations_and_matrix_notation():
    from symcalc.repl.session import Session

    s = Session()
    out = []
    for line in ["X = matrix(n, d)", "w = vector(d)", "y = vector(n, values=[-1, 1])",
                 "L = sum(log(1 + exp(-y*(X@w))))", "diff(L, w)", "hessian(L, w)",
                 "S = matrix(3, 3, symmetric=True)", "S.T", "X@y"]:
        out.append(s.execute(line).text)
    assert out[0] == "X: matrix of shape (n, d)"
    assert out[2] == "y: vector of shape (n,), entries ±1"
    assert out[4] == "-Xᵀ(y ⊙ σ(-y ⊙ (X w)))"
    assert out[5] == "Xᵀ diag(σ(-y ⊙ (X w)) ⊙ σ(y ⊙ (X w))) X"
    assert out[7] == "S"
    assert "do not agree" in out[8]


def test_pickle_round_trip(reg):
    import pickle

    X, w, _ = reg
    y = sc.VectorSymbol("y", "n", values=(-1, 1))
    L = sc.sum(sc.log(1 + sc.exp(-y * (X @ w)))) + sc.norm(w) ** 2
    for e in (L, sc.gradient(L, w), sc.hessian(L, w)):
        assert pickle.loads(pickle.dumps(e)) is e


def test_logistic_hessian_compiles_to_one_symmetric_product_and_is_stable():
    X = sc.MatrixSymbol("X", "n", "d")
    w = sc.VectorSymbol("w", "d")
    y = sc.VectorSymbol("y", "n", values=(-1, 1))
    L = sc.sum(sc.log(1 + sc.exp(-y * (X @ w))))
    h = sc.compile(sc.hessian(L, w), [w, X, y])
    assert "_syrk(" in h.source and "_dsigmoid(" in h.source and "_gram" not in h.source
    rng = np.random.default_rng(1)
    Xv = rng.standard_normal((40, 3))
    yv = np.sign(rng.standard_normal(40))
    for scale in (0.1, 1.0, 1e3):  # at |u| ~ 1e3 σ(u)σ(-u) underflows to 0, never NaN
        wv = rng.standard_normal(3) * scale
        u = yv * (Xv @ wv)
        s = 1 / (1 + np.exp(-np.clip(u, -700, 700)))
        want = Xv.T @ np.diag(s * (1 - s)) @ Xv
        got = h(wv, Xv, yv)
        assert np.all(np.isfinite(got))
        assert np.allclose(got, want, rtol=1e-10, atol=1e-300)
        assert np.array_equal(got, got.T)


def test_bias_broadcast_softmax_regression():
    X, W = sc.MatrixSymbol("X", "N", "D"), sc.MatrixSymbol("W", "D", "C")
    b, Y = sc.VectorSymbol("b", "C"), sc.MatrixSymbol("Y", "N", "C")
    Z = X @ W + b
    assert Z.shape == (sc.Symbol("N"), sc.Symbol("C"))
    assert Z is X @ W + sc.outer(sc.Ones("N"), b) and Z is b + X @ W
    L = -sc.sum(Y * sc.log_softmax(Z))
    gW, gb = sc.gradient(L, [W, b], assume={sc.sum(Y, 1): sc.Ones("N")})
    assert str(gb) == "sum(softmax(X@W + b) - Y, 0)"
    assert tpretty(gW) == "Xᵀ(softmax(X W + b) - Y)"
    f = sc.value_and_grad(L, [W, b], data=[X, Y])
    rng = np.random.default_rng(2)
    Xv, Wv, bv = rng.standard_normal((7, 3)), rng.standard_normal((3, 4)), rng.standard_normal(4)
    Yv = np.eye(4)[rng.integers(0, 4, 7)]
    val, (gWv, gbv) = f(Wv, bv, Xv, Yv)
    Zv = Xv @ Wv + bv
    P = np.exp(Zv - Zv.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    assert np.isclose(val, -np.sum(Yv * np.log(P)))
    assert np.allclose(gWv, Xv.T @ (P - Yv)) and np.allclose(gbv, (P - Yv).sum(0))


def test_order3_contraction_and_permutation():
    T = sc.TensorSymbol("T", 2, 3, 4)
    x, A = sc.VectorSymbol("x", 4), sc.MatrixSymbol("A", 3, 4)
    C = sc.tensordot(T, x, [2], [0])
    assert C.shape == (2, 3) and str(C) == "tensordot(T, x, 2, 0)"
    assert tpretty(C) == "tensordot(T, x, (2,), (0,))"
    assert sc.tensordot(T, A, [1, 2], [0, 1]).shape == (2,)
    P = sc.permute(T, (2, 0, 1))
    assert P.shape == (4, 2, 3) and sc.permute(P, (1, 2, 0)) is T
    assert sc.permute(A, (1, 0)) is A.T
    # contractions of vectors and matrices are products
    B = sc.MatrixSymbol("B", 4, 5)
    assert sc.tensordot(A, B, [1], [0]) is A @ B
    assert sc.tensordot(A, A, [0], [0]) is A.T @ A
    assert sc.tensordot(x, x) is sc.outer(x, x)
    assert sc.tensordot(A, A, [0, 1], [0, 1]) is sc.sum(A * A)
    for bad in (lambda: sc.tensordot(T, x, [1], [0]), lambda: sc.tensordot(T, x, [2], []),
                lambda: sc.permute(T, (0, 1)), lambda: sc.permute(T, (0, 0, 1)),
                lambda: sc.tensordot(T, x, [3], [0])):
        with pytest.raises(sc.ShapeError):
            bad()
    g = sc.gradient(sc.norm(C) ** 2, x)
    assert str(g) == "2*tensordot(T, tensordot(T, x, 2, 0), 0, 1, 0, 1)"
    from symcalc.tensor.reverse import TensorDiffError

    with pytest.raises(TensorDiffError):
        sc.jacobian(C, x)


def test_jacobian_through_the_second_operand_of_outer_and_kron():
    """Regression: a dependence through the second operand only was taken as none
    (a zero Jacobian)."""
    a, x = sc.VectorSymbol("a", 2), sc.VectorSymbol("x", 3)
    J = sc.jacobian(sc.outer(a, x), x)
    Jv = sc.compile(J, [a, x])(np.array([2.0, 3.0]), np.ones(3))
    assert np.array_equal(Jv, np.kron(np.eye(3), np.array([[2.0], [3.0]])))
    from symcalc.tensor.reverse import TensorDiffError

    with pytest.raises(TensorDiffError):
        sc.jacobian(sc.kron(a, x), x)


def test_repl_steps_of_jacobians_and_hessians_and_tensor_input():
    from symcalc.repl.session import Session

    s = Session(mode="text")
    for decl in ("z = vector(3)", "X = matrix(n, d)", "w = vector(d)", "T = tensor(2, 3, 4)",
                 "v = vector(4)", "b = vector(d)"):
        s.execute(decl)
    out = s.execute("steps diff(softmax(z), z)").text
    assert "Forward accumulation" in out
    assert out.endswith("diag(softmax(z)) - softmax(z) softmax(z)ᵀ")
    out = s.execute("steps diff(sum(exp(X@w)), w, 2)").text
    assert "Reverse accumulation" in out and out.endswith("Xᵀ diag(exp(X w)) X")
    assert s.execute("diff(norm(tensordot(T, v, 2, 0))^2, v)").text == \
        "2*tensordot(T, tensordot(T, v, 2, 0), 0, 1, 0, 1)"
    assert s.execute("diff(sum(tanh(X + b)), b)").text == "-sum(tanh(X + b)^2 - 1, 0)"
