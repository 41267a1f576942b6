"""Properties of matrix calculus: for random expressions over random small shapes
(1..4), the gradient, Jacobian and Hessian in matrix notation, expanded entry by entry,
equal the entrywise derivatives of the expanded expression by the scalar engine; and
the compiled NumPy values equal the expanded values."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc.calculus.diff import diff as scalar_diff
from symcalc.tensor import matmul as _matmul
from symcalc.tensor.compile import compile_shaped
from symcalc.tensor.expand import entry_symbols, expand_array

FUNCS = (sc.tanh, sc.sin, sc.sigmoid, sc.exp, sc.softplus)


def _vars(m: int, n: int):
    return {"W": sc.MatrixSymbol("W", m, n), "A": sc.MatrixSymbol("A", n, n),
            "x": sc.VectorSymbol("x", n), "v": sc.VectorSymbol("v", m)}


@st.composite
def vector_expr(draw, V, side: str, depth: int):
    """A random vector expression of length n (side "n") or m (side "m")."""
    leaf = V["x"] if side == "n" else V["v"]
    if depth <= 0:
        return leaf
    kind = draw(st.sampled_from(["leaf", "mat", "fn", "had", "add", "scale", "softmax"]))
    sub = lambda s=side: draw(vector_expr(V, s, depth - 1))  # noqa: E731
    if kind == "leaf":
        return leaf
    if kind == "mat":
        if side == "n":
            if draw(st.sampled_from(["A", "WT"])) == "A":
                return V["A"] @ sub()
            return V["W"].T @ sub("m")
        return V["W"] @ sub("n")
    if kind == "fn":
        return draw(st.sampled_from(FUNCS))(sub())
    if kind == "had":
        return sub() * sub()
    if kind == "add":
        return sub() + sub()
    if kind == "scale":
        return draw(st.sampled_from([2, -1, sc.Rational(1, 2)])) * sub()
    return sc.softmax(sub())


@st.composite
def scalar_expr(draw, V, depth: int):
    side = draw(st.sampled_from("nm"))
    u = draw(vector_expr(V, side, depth))
    kind = draw(st.sampled_from(["sum", "norm2", "dot", "lse", "quad", "ce", "trace",
                                 "bilinear"]))
    if kind == "sum":
        return sc.sum(u)
    if kind == "norm2":
        return sc.norm(u) ** 2
    if kind == "dot":
        return u @ draw(vector_expr(V, side, depth))
    if kind == "lse":
        return sc.logsumexp(u)
    if kind == "quad":
        return V["x"] @ V["A"] @ V["x"] + sc.sum(u)
    if kind == "ce":
        return -sc.sum(u * sc.log_softmax(draw(vector_expr(V, side, depth))))
    if kind == "trace":
        return sc.trace(V["W"].T @ sc.tanh(V["W"])) + sc.sum(u)
    return V["v"] @ V["W"] @ sc.sigmoid(V["x"]) * sc.sum(u)


def _point(V, rng):
    return {s: rng.uniform(-1, 1, size=s.shape) for s in V.values()}


def _subs(V, vals):
    out = {}
    for s in V.values():
        for sym, val in zip(entry_symbols(s).flat, np.asarray(vals[s]).flat):
            out[sym] = float(val)
    return out


def _close(a, b, tol=1e-8):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape, (a.shape, b.shape)
    assert np.allclose(a, b, rtol=tol, atol=tol), (a, b)


def _evalf(arr, subs):
    return np.vectorize(lambda e: float(sc.sympify(e).evalf(subs)), otypes=[float])(arr)


dims = st.integers(1, 4)


@settings(max_examples=40)
@given(m=dims, n=dims, data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_gradient_equals_entrywise_derivatives(m, n, data, seed):
    V = _vars(m, n)
    L = data.draw(scalar_expr(V, 2))
    rng = np.random.default_rng(seed)
    vals = _point(V, rng)
    subs = _subs(V, vals)
    Ls = expand_array(L)[()]
    present = [s for s in V.values() if L.has(s)]
    grads = sc.gradient(L, present)
    f = compile_shaped(grads, list(V.values()))
    compiled = f(*(vals[s] for s in V.values()))
    for s, g, gc in zip(present, grads, compiled):
        assert g.shape == s.shape
        want = np.vectorize(lambda sym: float(scalar_diff(Ls, sym).evalf(subs)),
                            otypes=[float])(entry_symbols(s))
        _close(_evalf(expand_array(g), subs), want)
        _close(gc, want)


@settings(max_examples=25)
@given(m=dims, n=dims, data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_jacobian_and_hessian_equal_entrywise_derivatives(m, n, data, seed):
    V = _vars(m, n)
    x = V["x"]
    F = data.draw(vector_expr(V, data.draw(st.sampled_from("nm")), 2))
    rng = np.random.default_rng(seed)
    vals = _point(V, rng)
    subs = _subs(V, vals)
    xs = entry_symbols(x)
    Fs = expand_array(F)
    J = sc.jacobian(F, x)
    want = np.array([[float(scalar_diff(fi, xj).evalf(subs)) for xj in xs] for fi in Fs])
    _close(_evalf(expand_array(J), subs), want)
    L = sc.sum(sc.tanh(F)) + sc.norm(F) ** 2
    H = sc.hessian(L, x)
    Ls = expand_array(L)[()]
    want = np.array([[float(scalar_diff(scalar_diff(Ls, a), b).evalf(subs)) for b in xs]
                     for a in xs])
    _close(compile_shaped(H, list(V.values()))(*(vals[s] for s in V.values())), want)


@settings(max_examples=20)
@given(p=st.integers(1, 3), q=st.integers(1, 3), seed=st.integers(0, 2**32 - 1))
def test_matrix_jacobians_in_vec_convention(p, q, seed):
    """d vec(F)/d vec(X)ᵀ for matrix functions: products, transposes, inverses."""
    X = sc.MatrixSymbol("X", p, p)
    B = sc.MatrixSymbol("B", p, q)
    rng = np.random.default_rng(seed)
    vals = {X: rng.uniform(-1, 1, (p, p)) + 3 * np.eye(p), B: rng.uniform(-1, 1, (p, q))}
    subs = {}
    for s, v in vals.items():
        for sym, val in zip(entry_symbols(s).flat, v.flat):
            subs[sym] = float(val)
    xs = entry_symbols(X).reshape(-1, order="F")
    for F in (X @ B, X.T @ X, sc.inv(X) @ B, sc.tanh(X) * X, sc.softmax(X @ B),
              sc.log_softmax(X.T @ B), sc.logsumexp(X @ B), sc.diag(sc.diag(X) ** 2),
              sc.diag(X.T @ X)):
        Fs = expand_array(F).reshape(-1, order="F")
        J = sc.jacobian(F, X)
        want = np.array([[float(scalar_diff(fi, xj).evalf(subs)) for xj in xs] for fi in Fs])
        got = compile_shaped(J, [X, B])(vals[X], vals[B])
        _close(got, want)


@settings(max_examples=60)
@given(m=dims, n=dims, data=st.data())
def test_str_round_trips_through_parse(m, n, data):
    V = _vars(m, n)
    names = {s.data[0]: s for s in V.values()}
    e = data.draw(st.one_of(scalar_expr(V, 2), vector_expr(V, "n", 3)))
    for t in (e, sc.gradient(e, V["x"]) if not e.shape else sc.jacobian(e, V["x"])):
        assert sc.parse(str(t), names) is t, str(t)


@st.composite
def poly_vector(draw, V, side: str, depth: int):
    """Vector expressions with polynomial entries only (exact comparison possible)."""
    leaf = V["x"] if side == "n" else V["v"]
    if depth <= 0:
        return leaf
    kind = draw(st.sampled_from(["leaf", "mat", "had", "add"]))
    sub = lambda s=side: draw(poly_vector(V, s, depth - 1))  # noqa: E731
    if kind == "leaf":
        return leaf
    if kind == "mat":
        return V["A"] @ sub() if side == "n" else V["W"] @ sub("n")
    if kind == "had":
        return sub() * sub()
    return sub() + 2 * sub()


@settings(max_examples=30)
@given(m=st.integers(1, 3), n=st.integers(1, 3), data=st.data())
def test_polynomial_gradients_are_exactly_the_entrywise_derivatives(m, n, data):
    V = _vars(m, n)
    u = data.draw(poly_vector(V, "n", 2))
    v = data.draw(poly_vector(V, "m", 2))
    L = u @ u + v @ V["W"] @ u + sc.trace(V["A"] @ V["A"].T @ V["A"])
    Ls = expand_array(L)[()]
    for s in V.values():
        g = expand_array(sc.gradient(L, s))
        for e, sym in zip(g.flat, entry_symbols(s).flat):
            assert sc.expand(sc.sympify(e) - scalar_diff(Ls, sym)) is sc.Integer(0)


@settings(max_examples=40)
@given(m=dims, n=dims, data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_batch_axis_equals_a_loop_over_examples(m, n, data, seed):
    V = _vars(m, n)
    e = data.draw(st.one_of(scalar_expr(V, 2), vector_expr(V, "n", 2), vector_expr(V, "m", 2)))
    exprs = [e] + ([sc.gradient(e, V["W"])] if not e.shape else [])
    order = list(V.values())
    batched = compile_shaped(exprs, order, batch=[V["x"], V["v"]])
    single = compile_shaped(exprs, order)
    rng = np.random.default_rng(seed)
    W, A = rng.uniform(-1, 1, (m, n)), rng.uniform(-1, 1, (n, n))
    xs, vs = rng.uniform(-1, 1, (3, n)), rng.uniform(-1, 1, (3, m))
    got = batched(W, A, xs, vs)
    for b in range(3):
        for g, w in zip(got, single(W, A, xs[b], vs[b])):
            g = np.asarray(g)
            _close(g[b] if g.ndim > np.ndim(w) else g, w)


@settings(max_examples=60)
@given(m=dims, n=dims, data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_proven_nonnegative_expressions_are_nonnegative(m, n, data, seed):
    """The compiler's structural d ≥ 0 test (which sends Aᵀ diag(d) A to syrk without a
    run-time check) is never wrong."""
    from symcalc.tensor.compile import nonneg

    V = _vars(m, n)
    u = data.draw(vector_expr(V, "n", 2))
    wrap = data.draw(st.sampled_from([lambda e: e, lambda e: e * e, sc.sigmoid, sc.exp,
                                      lambda e: sc.sigmoid(e) * sc.sigmoid(-e),
                                      lambda e: 2 * e ** 2 + sc.softplus(e)]))
    e = wrap(u)
    rng = np.random.default_rng(seed)
    vals = _point(V, rng)
    got = compile_shaped(e, list(V.values()))(*(vals[s] for s in V.values()))
    if nonneg(e):
        assert np.all(np.asarray(got) >= 0)
    X = V["W"]
    H = compile_shaped(X.T @ sc.diag(e) @ X if e.shape == (m,) else
                       X @ sc.diag(e) @ X.T, list(V.values()))(*(vals[s] for s in V.values()))
    d = np.asarray(got)
    Wv = vals[X]
    _close(H, Wv.T @ np.diag(d) @ Wv if e.shape == (m,) else Wv @ np.diag(d) @ Wv.T)


@settings(max_examples=30)
@given(m=dims, n=dims, data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_broadcast_vector_over_rows(m, n, data, seed):
    """M + u and M ⊙ u for an (m, n) matrix M and a vector u of length n follow NumPy's
    broadcasting; gradients (the bias's sums the rows) equal the entrywise derivatives;
    str parses back."""
    V = _vars(m, n)
    W, x = V["W"], V["x"]
    u = data.draw(vector_expr(V, "n", 2))
    M = data.draw(st.sampled_from([W, sc.tanh(W), W @ V["A"]]))
    op = data.draw(st.sampled_from(["add", "sub", "mul", "radd"]))
    E = {"add": M + u, "sub": M - 2 * u, "mul": M * u, "radd": u + sc.sigmoid(M + x)}[op]
    assert E.shape == (m, n)
    names = {s.data[0]: s for s in V.values()}
    assert sc.parse(str(E), names) is E, str(E)
    rng = np.random.default_rng(seed)
    vals = _point(V, rng)
    subs = _subs(V, vals)
    args = [vals[s] for s in V.values()]
    Mv, uv = (compile_shaped(t, list(V.values()))(*args) for t in (M, u))
    want = {"add": lambda: Mv + uv, "sub": lambda: Mv - 2 * uv, "mul": lambda: Mv * uv,
            "radd": lambda: uv + 1 / (1 + np.exp(-(Mv + vals[x])))}[op]()
    _close(compile_shaped(E, list(V.values()))(*args), want)
    L = sc.sum(sc.tanh(E)) + sc.norm(E) ** 2
    Ls = expand_array(L)[()]
    for s in (x, W):
        g = sc.gradient(L, s)
        wantg = np.vectorize(lambda sym: float(scalar_diff(Ls, sym).evalf(subs)),
                             otypes=[float])(entry_symbols(s))
        _close(compile_shaped(g, list(V.values()))(*args), wantg)


def test_broadcast_shape_errors():
    W, v = sc.MatrixSymbol("W", "m", "n"), sc.VectorSymbol("v", "m")
    import pytest

    for bad in (lambda: W + v, lambda: W * v, lambda: sc.TensorSymbol("T", 2, 3, 4) + W,
                lambda: sc.MatrixSymbol("O", 1, 3) + sc.MatrixSymbol("P", 2, 3)):
        with pytest.raises(sc.ShapeError):
            bad()


@st.composite
def order3_expr(draw, V, depth: int):
    """A random expression of order 3 built from T (shape (p, q, r)), with its axes
    permuted, elementwise maps, sums, and outer products of matrices with vectors."""
    T = V["T"]
    if depth <= 0:
        return T
    kind = draw(st.sampled_from(["leaf", "perm2", "fn", "had", "add", "outer"]))
    sub = lambda: draw(order3_expr(V, depth - 1))  # noqa: E731
    if kind == "leaf":
        return T
    if kind == "perm2":  # a permutation, and back: exercises the composition
        perm = draw(st.permutations(range(3)))
        inv = [perm.index(i) for i in range(3)]
        return sc.permute(sc.tanh(sc.permute(sub(), perm)), inv)
    if kind == "fn":
        return draw(st.sampled_from(FUNCS))(sub())
    if kind == "had":
        return sub() * sub()
    if kind == "add":
        return sub() + 2 * sub()
    return sc.tensordot(V["M"], V["z"])  # (p, q) ⊗ (r,)


@st.composite
def order3_scalar(draw, V):
    E = draw(order3_expr(V, 2))
    kind = draw(st.sampled_from(["vec", "mat", "full", "axis", "perm"]))
    if kind == "vec":  # contract the last axis with z, then a bilinear form
        C = sc.tensordot(E, V["z"], [2], [0])
        return V["u"] @ sc.tanh(C) @ V["y"]
    if kind == "mat":  # contract axes (0, 2) with M-like pairs (p, r): a vector of length q
        C = sc.tensordot(E, V["N"], [0, 2], [0, 1])
        return sc.norm(C) ** 2
    if kind == "full":
        return sc.tensordot(E, sc.sigmoid(E), [0, 1, 2], [0, 1, 2])
    if kind == "axis":
        return sc.sum(sc.sum(E, draw(st.integers(0, 2))) ** 2)
    perm = draw(st.permutations(range(3)))
    P = sc.permute(E, perm)
    return sc.sum(sc.tensordot(P, V["T"], [0, 1, 2], list(perm)) * 1) + sc.sum(P ** 2)


@settings(max_examples=30)
@given(p=st.integers(1, 3), q=st.integers(1, 3), r=st.integers(1, 3), data=st.data(),
       seed=st.integers(0, 2**32 - 1))
def test_order3_contractions_equal_entrywise_derivatives(p, q, r, data, seed):
    V = {"T": sc.TensorSymbol("T", p, q, r), "z": sc.VectorSymbol("z", r),
         "M": sc.MatrixSymbol("M", p, q), "N": sc.MatrixSymbol("N", p, r),
         "u": sc.VectorSymbol("u", p), "y": sc.VectorSymbol("y", q)}
    L = data.draw(order3_scalar(V))
    assert L.shape == ()
    names = {s.data[0]: s for s in V.values()}
    assert sc.parse(str(L), names) is L, str(L)
    rng = np.random.default_rng(seed)
    vals = _point(V, rng)
    subs = _subs(V, vals)
    Ls = expand_array(L)[()]
    present = [s for s in V.values() if L.has(s)]
    grads = sc.gradient(L, present)
    args = [vals[s] for s in V.values()]
    f = compile_shaped([L, *grads], list(V.values()))
    value, *compiled = f(*args)
    _close(value, float(Ls.evalf(subs)))
    for s, g, gc in zip(present, grads, compiled):
        assert g.shape == s.shape
        assert sc.parse(str(g), names) is g, str(g)
        want = np.vectorize(lambda sym: float(scalar_diff(Ls, sym).evalf(subs)),
                            otypes=[float])(entry_symbols(s))
        _close(gc, want)
        _close(_evalf(expand_array(g), subs), want)


@settings(max_examples=30)
@given(m=dims, n=dims, data=st.data())
def test_jacobian_and_hessian_steps_agree_with_the_results(m, n, data):
    """Every step of a Jacobian derivation is the Jacobian of its subexpression, and the
    derivation ends at sc.jacobian's (and sc.hessian's) result."""
    from symcalc.tensor.forward import FORWARD_RULES
    from symcalc.tensor.simplify import collect

    V = _vars(m, n)
    x = V["x"]
    F = data.draw(vector_expr(V, data.draw(st.sampled_from("nm")), 2))
    J, how = sc.diff(F, x, steps=True)
    assert J is sc.jacobian(F, x)
    for rule, node, j in how.steps:
        assert rule in FORWARD_RULES.values()
        assert node.has(x)
        assert collect(j) is sc.jacobian(node, x)
    text = str(how)
    assert text.splitlines()[-1].endswith(sc.pretty(J))
    L = sc.sum(sc.tanh(F))
    H, how2 = sc.diff(L, x, 2, steps=True)
    assert H is sc.hessian(L, x)
    assert "Reverse accumulation" in str(how2) and "Forward accumulation" in str(how2)


@settings(max_examples=60)
@given(dimlist=st.lists(st.integers(1, 3), min_size=2, max_size=5), data=st.data(),
       seed=st.integers(0, 2**32 - 1))
def test_trace_is_invariant_under_rotation_and_transposition(dimlist, data, seed):
    """tr(F1 ... Fk) built from any cyclic rotation, or from the transposed reversal, is
    one object, with the value of the original product's trace."""
    dims_ = dimlist + [dimlist[0]]
    names = data.draw(st.lists(st.sampled_from("ABC"), min_size=len(dimlist),
                               max_size=len(dimlist)))
    fs = [sc.MatrixSymbol(nm + f"{dims_[i]}{dims_[i + 1]}", dims_[i], dims_[i + 1])
          for i, nm in enumerate(names)]
    k = data.draw(st.integers(0, len(fs) - 1))
    rot = fs[k:] + fs[:k]
    t0 = sc.trace(_matmul(*fs))
    assert sc.trace(_matmul(*rot)) is t0
    assert sc.trace(_matmul(*(f.T for f in reversed(rot)))) is t0
    rng = np.random.default_rng(seed)
    syms = list(dict.fromkeys(fs))
    vals = {s: rng.standard_normal(s.shape) for s in syms}
    want = np.trace(np.linalg.multi_dot([vals[f] for f in fs]) if len(fs) > 1 else vals[fs[0]])
    _close(compile_shaped(t0, syms)(*(vals[s] for s in syms)), want)


def test_product_with_inverse_cancels():
    X, A = sc.MatrixSymbol("X", "n", "n"), sc.MatrixSymbol("A", "n", "n")
    assert X @ sc.inv(X) is sc.Identity("n") and sc.inv(X) @ X @ A is A
    assert sc.trace(sc.inv(X) @ A @ X) is sc.trace(A)
    assert sc.trace(A @ X @ sc.inv(X) @ A.T) is sc.trace(A @ A.T)
