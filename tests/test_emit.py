"""Emitters for JAX and PyTorch: the emitted functions agree with the NumPy backend,
framework autodiff of them agrees with symcalc's own reverse-mode gradient, they compose
with jit / vmap, keep the stable forms at large logits, and pickle. Skipped where the
framework is not installed (no GPU in the test environment: the CPU devices are used)."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from hypothesis import assume, given, settings
from strategies import expressions, points

import symcalc as sc
from symcalc.compile.emit import EmitError
from symcalc.core import REGISTRY

x, y, z = sc.symbols("x y z")
XYZ = [x, y, z]

#: registry functions every emitter expands to ops it has (elementary and the ML family)
EMITTABLE = ["sin", "cos", "tan", "exp", "log", "sqrt", "sinh", "cosh", "tanh", "atan",
             "asinh", "erf", "erfc", "expm1", "log1p", "sigmoid", "softplus", "gelu",
             "silu", "mish", "normcdf", "normpdf", "logit", "sec", "sech", "cbrt", "asin",
             "acos", "acosh", "atanh", "atan2", "coth", "xlogy"]
#: the ML family with stable forms, and large logits to try them at
ML = [sc.sigmoid(x), sc.softplus(x), sc.gelu(x), sc.silu(x), sc.log(sc.cosh(x)),
      sc.exp(x) / (sc.exp(x) + sc.exp(y)), sc.log(sc.exp(x) + sc.exp(y) + sc.exp(z)),
      x - sc.log(sc.exp(x) + sc.exp(y)), sc.exp(y) / (1 + sc.exp(y))]
LOGITS = [-800.0, -60.0, -1.5, 0.0, 0.7, 60.0, 800.0]


def _jax():
    jax = pytest.importorskip("jax")
    jax.config.update("jax_enable_x64", True)
    return jax


def _torch():
    try:
        import torch
    except Exception:  # noqa: BLE001 - not installed, or a broken install
        pytest.skip("torch is not importable")
    return torch


def _agree(a, b, rtol=1e-9, atol=1e-12) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all(
        (np.isnan(a) & np.isnan(b)) | (a == b) | np.isclose(a, b, rtol=rtol, atol=atol)))


def _registry_exprs():
    for fd in sorted(set(REGISTRY.values()), key=lambda f: f.name):
        if fd.name in ("atan2", "max", "min", "leaky_relu", "elu") or fd.nargs[0] == 2:
            yield fd.name, fd(x, y)
        else:
            yield fd.name, fd(x)


GRID = np.concatenate([np.linspace(-4, 4, 41) + 1e-3, [0.0, 1.0, -1.0, 0.5, 25.0, -25.0]])


def _to_np(v, torch=None):
    if torch is not None and isinstance(v, torch.Tensor):
        return v.detach().cpu().numpy()
    return np.asarray(v)


# --------------------------------------------------------------------------- JAX


@pytest.mark.parametrize("name,e", list(_registry_exprs()), ids=lambda v: str(v))
def test_jax_registry_agrees_with_numpy_or_raises(name, e):
    _jax()
    ref = sc.compile(e, [x, y])(GRID, np.full_like(GRID, 0.3))
    try:
        f = sc.compile(e, [x, y], backend="jax")
    except EmitError as err:
        assert "jax" in str(err)
        return
    got = _to_np(f(GRID, np.full_like(GRID, 0.3)))
    assert _agree(got, ref, rtol=1e-7), (name, np.c_[GRID, got, ref])


@settings(max_examples=80, deadline=None)
@given(expressions(5, functions=EMITTABLE), points())
def test_jax_grad_equals_symcalc_gradient(e, pt):
    jax = _jax()
    args = [pt[s.name] for s in XYZ]
    val, grad = sc.value_and_grad(e, XYZ)(*[np.array([a]) for a in args])
    f = sc.compile(e, XYZ, backend="jax")
    assert _agree(_to_np(f(*args)), val[0], rtol=1e-7), (e, pt)
    assume(all(math.isfinite(g) for g in grad[:, 0]) and math.isfinite(val[0]))
    jg = [float(g) for g in jax.grad(f, argnums=(0, 1, 2))(*args)]
    for a, b in zip(jg, grad[:, 0]):
        assert math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-8), (e, pt, jg, grad[:, 0])


@pytest.mark.parametrize("e", ML, ids=str)
def test_jax_ml_family_stable_at_large_logits(e):
    jax = _jax()
    jnp = jax.numpy
    f = sc.compile(e, XYZ, backend="jax")
    vg = sc.value_and_grad(e, XYZ, backend="jax")
    ref = sc.value_and_grad(e, XYZ)
    for a in LOGITS:
        for b in LOGITS[::3]:
            args = (a, b, -b)
            rv, rg = ref(*[np.array([v]) for v in args])
            v = float(f(*args))
            assert math.isfinite(v) and _agree(v, rv[0]), (e, args, v, rv)
            g = jax.grad(f, argnums=(0, 1, 2))(*args)
            assert _agree([float(t) for t in g], rg[:, 0], rtol=1e-7), (e, args, g, rg)
            ev, eg = vg(*args)
            assert _agree(ev, rv[0]) and _agree(eg, rg[:, 0], rtol=1e-7)
    xs = jnp.linspace(-500.0, 500.0, 7)
    batched = jax.jit(jax.vmap(jax.grad(f), in_axes=(0, None, None)))(xs, 1.0, -1.0)
    assert bool(jnp.all(jnp.isfinite(batched)))


def test_jax_jit_vmap_and_value_and_grad_compose():
    jax = _jax()
    jnp = jax.numpy
    e = sc.softplus(x * y) + sc.gelu(x) - sc.log(sc.exp(x) + sc.exp(z))
    f = sc.compile(e, XYZ, backend="jax")
    vg = sc.value_and_grad(e, XYZ, backend="jax")
    xs = jnp.linspace(-3.0, 3.0, 11)
    ref_v, ref_g = sc.value_and_grad(e, XYZ)(np.asarray(xs), 0.5, -2.0)
    assert _agree(jax.jit(f)(xs, 0.5, -2.0), ref_v)
    assert _agree(jax.vmap(f, in_axes=(0, None, None))(xs, 0.5, -2.0), ref_v)
    v, g = jax.jit(vg)(xs, 0.5, -2.0)
    assert g.shape == (3, 11) and _agree(v, ref_v) and _agree(g, ref_g, rtol=1e-7)
    jg = jax.vmap(jax.grad(f, argnums=(0, 1, 2)), in_axes=(0, None, None))(xs, 0.5, -2.0)
    assert _agree(np.stack([np.asarray(t) for t in jg]), ref_g, rtol=1e-7)
    # second derivatives through the emitted code
    h = jax.grad(jax.grad(f))(0.3, 0.5, -2.0)
    ref_h = sc.compile(sc.diff(e, x, 2), XYZ)(0.3, 0.5, -2.0)
    assert math.isclose(float(h), ref_h, rel_tol=1e-7)


def test_jax_shapes_constants_and_packed():
    jax = _jax()
    jnp = jax.numpy
    m = sc.compile(sc.Matrix([[x, 2], [x * y, sc.sin(y)]]), [x, y], backend="jax")
    r = m(jnp.arange(3.0), 1.0)
    assert r.shape == (2, 2, 3) and float(r[0, 1, 2]) == 2.0
    t = sc.compile([x + y, sc.Integer(3)], [x, y], backend="jax")(jnp.ones(4), 2.0)
    assert isinstance(t, tuple) and t[1].shape == (4,) and float(t[1][0]) == 3.0
    p = sc.compile(x ** 2 + y, [x, y], backend="jax", packed=True)
    assert float(p(jnp.array([3.0, 1.0]))) == 10.0
    assert "jnp." in sc.compile(sc.sin(x), [x], backend="jax").source
    with pytest.raises(TypeError):
        sc.compile(x + y, [x, y], backend="jax")(1.0)


def test_unsupported_function_raises_typed_error_naming_it():
    _jax()
    with pytest.raises(EmitError, match="lambertw"):
        sc.compile(sc.lambertw(x), [x], backend="jax")
    with pytest.raises(sc.SymcalcError):
        sc.value_and_grad(sc.Si(x) * y, [x, y], backend="jax")


def test_jax_function_pickles():
    jax = _jax()
    e = sc.log(sc.exp(x) + sc.exp(y))
    vg = sc.value_and_grad(e, [x, y], backend="jax")
    back = pickle.loads(pickle.dumps(vg))
    assert back.source == vg.source
    a, b = back(1000.0, 2.0), vg(1000.0, 2.0)
    assert _agree(a[0], b[0]) and _agree(a[1], b[1])
    assert jax.jit(back)(1.0, 2.0)[1].shape == (2,)


# --------------------------------------------------------------------------- NumPy backend


@settings(max_examples=40, deadline=None)
@given(expressions(5), points())
def test_numpy_compiled_functions_pickle(e, pt):
    args = [np.array([pt[s.name]]) for s in XYZ]
    try:  # what does not compile (a derivative symcalc refuses) is not this test's matter
        fns = (sc.compile(e, XYZ), sc.compile([e, e * x], XYZ), sc.value_and_grad(e, XYZ),
               sc.compile_jacobian([e, x * y], XYZ))
    except sc.SymcalcError:
        assume(False)
    for f in fns:
        back = pickle.loads(pickle.dumps(f))
        a, b = f(*args), back(*args)
        for u, v in zip(a if isinstance(a, tuple) else (a,), b if isinstance(b, tuple) else (b,)):
            assert np.array_equal(u, v, equal_nan=True)


# --------------------------------------------------------------------------- PyTorch


@pytest.mark.parametrize("name,e", list(_registry_exprs()), ids=lambda v: str(v))
def test_torch_registry_agrees_with_numpy_or_raises(name, e):
    torch = _torch()
    ref = sc.compile(e, [x, y])(GRID, np.full_like(GRID, 0.3))
    try:
        f = sc.compile(e, [x, y], backend="torch")
    except EmitError as err:
        assert "torch" in str(err)
        return
    got = _to_np(f(torch.tensor(GRID), torch.full((GRID.size,), 0.3, dtype=torch.float64)),
                 torch)
    assert _agree(got, ref, rtol=1e-7), (name, np.c_[GRID, got, ref])


@settings(max_examples=60, deadline=None)
@given(expressions(5, functions=EMITTABLE), points())
def test_torch_autograd_equals_symcalc_gradient(e, pt):
    torch = _torch()
    args = [pt[s.name] for s in XYZ]
    val, grad = sc.value_and_grad(e, XYZ)(*[np.array([a]) for a in args])
    ts = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in args]
    out = sc.compile(e, XYZ, backend="torch")(*ts)
    assert _agree(_to_np(out, torch), val[0], rtol=1e-7), (e, pt)
    assume(all(math.isfinite(g) for g in grad[:, 0]) and math.isfinite(val[0]))
    if not out.requires_grad:  # a constant expression
        assert np.all(grad[:, 0] == 0)
        return
    tg = torch.autograd.grad(out, ts, allow_unused=True)
    tg = [0.0 if g is None else float(g) for g in tg]
    for a, b in zip(tg, grad[:, 0]):
        assert math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-8), (e, pt, tg, grad[:, 0])


@pytest.mark.parametrize("e", ML, ids=str)
def test_torch_ml_family_stable_at_large_logits(e):
    torch = _torch()
    f = sc.compile(e, XYZ, backend="torch")
    vg = sc.value_and_grad(e, XYZ, backend="torch")
    ref = sc.value_and_grad(e, XYZ)
    a = torch.tensor(LOGITS, dtype=torch.float64, requires_grad=True)
    out = f(a, 3.0, -700.0)
    rv, rg = ref(np.array(LOGITS), 3.0, -700.0)
    assert _agree(_to_np(out, torch), rv)
    if out.requires_grad:
        (g,) = torch.autograd.grad(out.sum(), [a], allow_unused=True)
    else:  # does not depend on the first variable
        g = torch.zeros_like(a)
    assert bool(torch.all(torch.isfinite(g))) and _agree(_to_np(g, torch), rg[0], rtol=1e-7)
    ev, eg = vg(a.detach(), 3.0, -700.0)
    assert _agree(_to_np(ev, torch), rv) and _agree(_to_np(eg, torch), rg, rtol=1e-7)
    # float32 in, float32 out (dtype and device follow the inputs)
    o32 = f(torch.tensor(LOGITS, dtype=torch.float32), 3.0, -700.0)
    assert o32.dtype == torch.float32 and bool(torch.all(torch.isfinite(o32)))


def test_torch_function_pickles_and_keeps_device():
    torch = _torch()
    vg = sc.value_and_grad(sc.softplus(x) * y, [x, y], backend="torch")
    back = pickle.loads(pickle.dumps(vg))
    v, g = back(torch.linspace(-3, 3, 5, dtype=torch.float64), 2.0)
    assert g.shape == (2, 5) and v.dtype == torch.float64 and v.device.type == "cpu"
    if torch.cuda.is_available():  # pragma: no cover - no GPU in CI
        vc, gc = back(torch.linspace(-3, 3, 5, device="cuda"), 2.0)
        assert vc.device.type == "cuda" and gc.device.type == "cuda"


def test_shaped_expressions_refuse_emitters():
    v = sc.VectorSymbol("v", 3)
    for backend in ("jax", "torch"):
        with pytest.raises(EmitError, match="shaped"):
            sc.compile(v.T * v, [v], backend=backend)
        with pytest.raises(EmitError, match="shaped"):
            sc.value_and_grad(v.T * v, [v], backend=backend)
    with pytest.raises(ValueError, match="backend"):
        sc.compile(x, [x], backend="tensorflow")


def test_docs_jax_and_torch_example():
    """The ```text example of docs/compile.md "JAX and PyTorch" (a text block there so
    that the docs test runs without the frameworks)."""
    import doctest
    import re
    from pathlib import Path

    _jax()
    _torch()
    page = (Path(__file__).resolve().parent.parent / "docs" / "compile.md").read_text()
    section = page.split("## JAX and PyTorch", 1)[1].split("\n## ", 1)[0]
    (block,) = [b for b in re.findall(r"```text\n(.*?)```", section, re.S) if ">>>" in b]
    test = doctest.DocTestParser().get_doctest(block, {}, "compile.md[jax]", "compile.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.tries >= 15 and runner.failures == 0


@pytest.mark.parametrize("e", [sc.gamma(x), sc.loggamma(x), sc.digamma(x), sc.Ei(x),
                               sc.polygamma(1, x), sc.beta(x, y), sc.erfinv(y / 5),
                               REGISTRY["Li2"](y / 3),
                               sc.sinc(x) * sc.erfc(y)], ids=str)
def test_jax_special_function_gradients(e):
    jax = _jax()
    f = sc.compile(e, [x, y], backend="jax")
    ref = sc.value_and_grad(e, [x, y])
    for xv, yv in [(0.7, 1.3), (2.5, -0.4), (-1.5, 2.2), (6.0, 0.9)]:
        rv, rg = ref(np.array([xv]), np.array([yv]))
        if not (np.all(np.isfinite(rg)) and np.isfinite(rv[0])):
            continue
        g = jax.grad(f, argnums=(0, 1))(xv, yv)
        assert _agree([float(t) for t in g], rg[:, 0], rtol=1e-7), (e, xv, yv, g, rg)


def test_fused_functions_pickle():
    from symcalc.compile.fused import FusedUnavailableError

    e = sc.softplus(x) * y - sc.tanh(x)
    try:
        fns = [sc.compile(e, [x, y], backend="fused"),
               sc.value_and_grad(e, [x, y], backend="fused")]
    except FusedUnavailableError:
        pytest.skip("no fused engine (numba or cffi with a C compiler)")
    xs = np.linspace(-30, 30, 7)
    for f in fns:
        f(xs, 2.0)  # built and run before pickling
        back = pickle.loads(pickle.dumps(f))
        a, b = f(xs, 2.0), back(xs, 2.0)
        for u, v in zip(a if isinstance(a, tuple) else (a,), b if isinstance(b, tuple) else (b,)):
            assert np.array_equal(u, v)
