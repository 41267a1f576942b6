"""The fused backend (numba): values and value_and_grad agree with the NumPy backend and
with evalf; broadcasting; the typed error without numba; the fallback for special
functions."""

from __future__ import annotations

import builtins
import math

import numpy as np
import pytest
from concurrency import results_agree_across_threads
from hypothesis import HealthCheck, given, settings
from strategies import expressions, points

import symcalc as sc
from symcalc.errors import SymcalcError

x, y, z = sc.symbols("x y z")
XYZ = [x, y, z]


ENGINES = []
try:
    from symcalc.compile import fused as _fused_mod

    for _e in ("c", "numba"):
        import os as _os

        _os.environ["SYMCALC_FUSED_ENGINE"] = _e
        try:
            if _fused_mod.engine() == _e:
                ENGINES.append(_e)
        except SymcalcError:
            pass
finally:
    _os.environ.pop("SYMCALC_FUSED_ENGINE", None)


@pytest.fixture(params=ENGINES or [pytest.param("none", marks=pytest.mark.skip(
    reason="neither cffi with a C compiler nor numba is installed"))])
def engine(request, monkeypatch):
    monkeypatch.setenv("SYMCALC_FUSED_ENGINE", request.param)
    return request.param


def _numba():
    if not ENGINES:
        pytest.skip("no fused engine")


def _agree(a, b) -> bool:
    a, b = np.asarray(a, float), np.asarray(b, float)
    both_nan = np.isnan(a) & np.isnan(b)
    close = np.isclose(a, b, rtol=1e-9, atol=1e-12) | both_nan
    big = (np.abs(a) > 1e250) & (np.abs(b) > 1e250)  # overflowing: inf vs huge
    return bool(np.all(close | big))


_SET = settings(max_examples=12, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@_SET
@given(expressions(6), points())
def test_fused_agrees_with_numpy_and_evalf(e, pt):
    _numba()
    for eng in ENGINES:
        _check_values(e, pt, eng)


def _check_values(e, pt, eng):
    import os

    os.environ["SYMCALC_FUSED_ENGINE"] = eng
    try:
        f = sc.compile(e, XYZ, backend="fused")
    finally:
        os.environ.pop("SYMCALC_FUSED_ENGINE")
    assert getattr(f, "engine", eng) == eng
    g = sc.compile(e, XYZ)
    rng = np.random.default_rng(0)
    cols = [np.append(rng.uniform(-3, 3, 40), pt[s.name]) for s in XYZ]
    ours = f(*cols)
    assert ours.shape == (41,)
    assert _agree(ours, g(*cols)), (e, f.source)
    try:
        ref = e.evalf({s: pt[s.name] for s in XYZ})
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError):
        return
    if isinstance(ref, complex) or not math.isfinite(ref):
        return
    last = float(ours[-1])
    if math.isfinite(last):  # nan where the NumPy backend also has nan (checked above)
        assert math.isclose(last, ref, rel_tol=1e-7, abs_tol=1e-9) or \
            _agree(last, g(*[np.array([pt[s.name]]) for s in XYZ])[0]), (e, pt, last, ref)


@_SET
@given(expressions(5))
def test_fused_value_and_grad_agrees_with_numpy(e):
    _numba()
    for eng in ENGINES:
        _check_grad(e, eng)


def _check_grad(e, eng):
    import os

    os.environ["SYMCALC_FUSED_ENGINE"] = eng
    try:
        f = sc.value_and_grad(e, XYZ, backend="fused")
    finally:
        os.environ.pop("SYMCALC_FUSED_ENGINE")
    g = sc.value_and_grad(e, XYZ)
    rng = np.random.default_rng(1)
    cols = [rng.uniform(-3, 3, 30) for _ in XYZ]
    v, d = f(*cols)
    v0, d0 = g(*cols)
    assert v.shape == (30,) and d.shape == (3, 30)
    assert _agree(v, v0) and _agree(d, d0), (e, f.source)


def test_fused_gradient_of_softmax_cross_entropy(engine):
    _numba()
    zs = sc.symbols("z0 z1 z2 z3")
    loss = -zs[1] + sc.log(sc.Add(*[sc.exp(v) for v in zs]))
    f = sc.value_and_grad(loss, zs, backend="fused")
    rng = np.random.default_rng(2)
    cols = [rng.normal(size=1000) * 300 for _ in zs]  # large logits: the stable forms
    v, d = f(*cols)
    v0, d0 = sc.value_and_grad(loss, zs)(*cols)
    assert np.all(np.isfinite(v)) and _agree(v, v0) and _agree(d, d0)
    assert np.allclose(d.sum(axis=0), 0, atol=1e-9)  # softmax minus a one-hot


def test_fused_broadcasting(engine):
    _numba()
    e = sc.sin(x) * y + z ** 2
    f = sc.compile(e, XYZ, backend="fused")
    g = sc.compile(e, XYZ)
    a = np.linspace(0, 1, 5)
    col = np.linspace(1, 2, 3)[:, None]
    for args in [(a, 2.0, 3), (0.5, a, np.float64(1)), (a, col, 1.0), (a[None, :], col, a),
                 (np.array(0.3), 2.0, a)]:
        r, r0 = f(*args), g(*args)
        assert np.shape(r) == np.shape(r0)
        assert _agree(r, r0)
    assert f(0.5, 2.0, 3.0) == pytest.approx(g(0.5, 2.0, 3.0))  # scalars
    big = np.linspace(-2, 2, 1 << 15)  # the parallel kernel
    assert _agree(f(big, col, 0.5), g(big, col, 0.5))


def test_fused_several_outputs_and_integer_inputs(engine):
    _numba()
    f = sc.compile([x * y, sc.exp(x), 3], [x, y], backend="fused")
    a, b, c = f(np.arange(4), np.arange(4))
    assert list(a) == [0, 1, 4, 9] and list(c) == [3.0] * 4
    assert _agree(b, np.exp(np.arange(4)))
    m = sc.compile(sc.Matrix([[x, y], [y, x]]), [x, y], backend="fused")
    assert m(np.ones(3), np.zeros(3)).shape == (2, 2, 3)


def test_fused_domain_errors_give_nan_and_inf(engine):
    _numba()
    f = sc.compile(sc.log(x) + 1 / y, [x, y], backend="fused")
    r = f(np.array([-1.0, 1.0, 0.0]), np.array([1.0, 0.0, 1.0]))
    assert math.isnan(r[0]) and r[1] == math.inf and r[2] == -math.inf


def test_fused_falls_back_for_special_functions(engine):
    _numba()
    f = sc.compile(sc.gamma(x), [x], backend="fused")
    assert "NumPy backend" in f.note and "gamma" in f.note
    assert _agree(f(np.array([1.5, 4.0])), [math.gamma(1.5), 6.0])


def test_fused_without_numba_is_a_typed_error(monkeypatch):
    real = builtins.__import__

    def no_numba(name, *a, **k):
        if name.split(".")[0] in ("numba", "cffi"):
            raise ImportError("No module named 'numba'")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_numba)
    from symcalc.compile.fused import FusedUnavailableError

    monkeypatch.delenv("SYMCALC_FUSED_ENGINE", raising=False)
    with pytest.raises(FusedUnavailableError, match=r"symcalc\[fused\]"):
        sc.compile(x + 1, [x], backend="fused")
    with pytest.raises(SymcalcError):
        sc.value_and_grad(x ** 2, [x], backend="fused")


def test_fused_kernel_cache_is_keyed_by_source(tmp_path, monkeypatch):
    pytest.importorskip("numba")
    monkeypatch.setenv("SYMCALC_FUSED_ENGINE", "numba")
    from symcalc.compile import fused

    monkeypatch.setenv("SYMCALC_CACHE_DIR", str(tmp_path))
    f = sc.compile(x * x + 1, [x], backend="fused")
    assert f(np.array([2.0]))[0] == 5.0
    files = list((tmp_path / "fused").glob("k_*.py"))
    assert len(files) == 1 and files[0].read_text() == f.source
    files[0].write_text("corrupted")  # a damaged file is rewritten, not trusted
    fused.load_module(f.source)
    assert files[0].read_text() == f.source


def test_fused_c_kernel_cache(tmp_path, monkeypatch):
    if "c" not in ENGINES:
        pytest.skip("no C engine")
    monkeypatch.setenv("SYMCALC_FUSED_ENGINE", "c")
    monkeypatch.setenv("SYMCALC_CACHE_DIR", str(tmp_path))
    f = sc.compile(x * x + 1, [x], backend="fused")
    assert f(np.array([2.0, 3.0])).tolist() == [5.0, 10.0]
    assert len(list((tmp_path / "fused").glob("c_*.so"))) == 1
    assert list((tmp_path / "fused").glob("*.c")) == []  # the source is not left behind


def test_fused_reuses_only_results_the_caller_dropped(engine):
    _numba()
    import weakref

    from symcalc.compile.fused import RECYCLE_MIN

    f = sc.value_and_grad(sc.sigmoid(x) * y, [x, y], backend="fused")
    n = RECYCLE_MIN + 3
    a, b = np.linspace(-5, 5, n), np.linspace(1, 2, n)
    v1, g1 = f(a, b)
    keep_v, keep_g = v1.copy(), g1.copy()
    v2, g2 = f(2 * a, b)  # v1, g1 are alive: new memory
    assert not np.shares_memory(v1, v2) and not np.shares_memory(g1, g2)
    assert np.array_equal(v1, keep_v) and np.array_equal(g1, keep_g)
    only_grad = g1  # a view keeps the whole buffer
    del v1, g1
    r3 = f(3 * a, b)
    assert np.array_equal(only_grad, keep_g)
    base = weakref.ref(r3[0].base)  # (a weak reference does not hold the memory)
    del r3
    v4, _ = f(a, b)
    assert v4.base is base()  # dropped by the caller: the memory is reused
    assert not np.shares_memory(v4, v2) and not np.shares_memory(v4, only_grad)
    assert np.array_equal(v4, keep_v)
    f.release()
    # threads calling one function at once never share a result's memory
    want = f(a, b)[0].copy()
    assert results_agree_across_threads(lambda: f(a, b), want, rounds=20)
