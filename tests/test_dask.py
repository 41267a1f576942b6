"""Compiled functions on a Dask cluster: they pickle (rebuilt from the expression on the
worker) and give the in-process results when mapped over chunks by worker processes."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import symcalc as sc

distributed = pytest.importorskip("distributed")
da = pytest.importorskip("dask.array")

w, b, x, t = sc.symbols("w b x t")
#: per-sample logistic loss with the label t, written the naive way (compiled stable)
LOSS = sc.log(1 + sc.exp(-(w * x + b))) * t + sc.log(1 + sc.exp(w * x + b)) * (1 - t)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def test_compiled_functions_pickle_small():
    vg = sc.value_and_grad(LOSS, [w, b, x, t])
    blob = pickle.dumps(vg)
    assert b"def _" not in blob  # the expression travels, not the generated code
    back = pickle.loads(blob)
    xs = np.linspace(-40, 40, 9)
    ts = (xs > 0).astype(float)
    a, g = vg(0.7, -0.2, xs, ts)
    a2, g2 = back(0.7, -0.2, xs, ts)
    assert np.array_equal(a, a2) and np.array_equal(g, g2)


def test_value_and_grad_over_chunks_on_worker_processes(client):
    rng = np.random.default_rng(0)
    xs = rng.normal(scale=30.0, size=4000)  # large logits: the stable forms matter
    ts = (rng.random(4000) < 0.5).astype(float)
    vg = sc.value_and_grad(LOSS, [w, b, x, t])
    wv, bv = 0.9, -0.3
    want_v, want_g = vg(wv, bv, xs, ts)

    # client.map: the pickled value_and_grad runs on the workers, chunk by chunk
    chunks = [(xs[i:i + 1000], ts[i:i + 1000]) for i in range(0, 4000, 1000)]
    futures = client.map(vg, [wv] * 4, [bv] * 4, [c[0] for c in chunks], [c[1] for c in chunks])
    parts = client.gather(futures)
    got_v = np.concatenate([p[0] for p in parts])
    got_g = np.concatenate([p[1] for p in parts], axis=1)
    assert np.array_equal(got_v, want_v) and np.array_equal(got_g, want_g)
    assert np.all(np.isfinite(got_v)) and np.all(np.isfinite(got_g))

    # map_blocks over dask arrays: the summed loss and gradient of (w, b) per block
    grad_wb = sc.compile([LOSS, sc.diff(LOSS, w), sc.diff(LOSS, b)], [w, b, x, t])
    dx = da.from_array(xs, chunks=500)
    dt = da.from_array(ts, chunks=500)
    lazy = da.map_blocks(lambda xb, tb, f=grad_wb: np.stack(f(wv, bv, xb, tb)), dx, dt,
                         new_axis=0, chunks=((3,), dx.chunks[0]), dtype=float)
    total = client.compute(lazy.sum(axis=1)).result()
    assert np.allclose(total, [want_v.sum(), *want_g.sum(axis=1)[:2]], rtol=1e-12)
    # delayed calls of the pickled function on the chunks of dask arrays (docs/compile.md)
    from dask import delayed

    parts = client.gather(client.compute(
        [delayed(vg)(wv, bv, xc, tc)
         for xc, tc in zip(dx.to_delayed().ravel(), dt.to_delayed().ravel())]))
    assert np.array_equal(np.concatenate([p[1] for p in parts], axis=1), want_g)
    # the workers are separate processes
    pids = client.run(lambda: __import__("os").getpid())
    assert len(set(pids.values())) == 2


def _layer_loss():
    W = sc.MatrixSymbol("W", 3, 4)
    bias = sc.VectorSymbol("c", 3)
    xv, tv = sc.VectorSymbol("x", 4), sc.VectorSymbol("t", 3)
    L = sc.norm(sc.tanh(W @ xv + bias) - tv) ** 2 / 2
    return sc.value_and_grad(L, [W, bias], data=[xv, tv], batch=[xv, tv])


def test_shaped_functions_pickle_and_give_the_same_results():
    f = _layer_loss()
    blob = pickle.dumps(f)
    assert b"def _" not in blob
    back = pickle.loads(blob)
    rng = np.random.default_rng(1)
    args = [rng.standard_normal(s) for s in [(3, 4), (3,), (20, 4), (20, 3)]]
    v, g = f(*args)
    v2, g2 = back(*args)
    assert v == v2 and all(np.array_equal(a, b) for a, b in zip(g, g2))
    assert "ShapedFunction" in repr(back)


def test_shaped_value_and_grad_summed_over_worker_chunks(client):
    f = _layer_loss()
    rng = np.random.default_rng(2)
    Wv, cv = rng.standard_normal((3, 4)), rng.standard_normal(3)
    X, T = rng.standard_normal((400, 4)), rng.standard_normal((400, 3))
    want_v, want_g = f(Wv, cv, X, T)
    futures = client.map(f, [Wv] * 4, [cv] * 4, np.split(X, 4), np.split(T, 4))
    parts = client.gather(futures)
    assert np.isclose(sum(p[0] for p in parts), want_v, rtol=1e-12)
    for k in range(2):
        assert np.allclose(sum(p[1][k] for p in parts), want_g[k], rtol=1e-12)
