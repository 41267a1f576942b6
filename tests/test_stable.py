"""Compiled code never gives nan or inf where the value is finite: ML expressions
(activations, losses, softmax forms with 2-4 logits, log-cosh) and their first and
second derivatives, compiled and by reverse mode, against mpmath at 400 digits
(checked at 800), at points up to |x| <= 1000, on all three code paths (math
scalars, small arrays, the blocked array kernel).

The bound: |computed - exact| <= 1e-12 * scale + 1e-300, where scale is the
first-order rounding-error bound of the expression as written (running error analysis:
each operation's result rounds, a sum adds its terms' errors, f(u) amplifies the error
of u by |f'(u)|), in units of the unit roundoff 1.1e-16: so about 9000 rounding errors of
slack. For exp(x), sigmoid(x), a softmax of symbols it is 1e-12 relative; a difference
such as 2 - 2 softmax_1 - softmax_2 can only be as exact as its terms, and exp(1 - x)
only as exact as the rounded 1 - x: that is the condition of the expression as written,
not a loss in the compiler.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from mpeval import mp_eval, mp_function

import symcalc as sc

x, y, t = sc.symbols("x y t")
Z = sc.symbols("z1 z2 z3 z4")
exp, log = sc.exp, sc.log

#: the three code paths of a compiled function: scalar math, small arrays, the kernel
PATHS = {"scalar": lambda v: float(v), "small": lambda v: np.array([v]),
         "kernel": lambda v: np.full(3000, v)}


def _first(r):
    return float(np.ravel(np.asarray(r, dtype=float))[0])


def _scale(e, env) -> object:
    """A first-order bound on the rounding error of e as written (Higham's running
    error analysis), in units of the unit roundoff: every operation rounds its result
    (|value|), a sum adds its terms' errors, a product their relative errors, a
    function f(u) adds |f'(u)| times the error of u. None where undefined."""
    memo: dict[int, tuple] = {}

    def go(a):
        r = memo.get(id(a))
        if r is not None:
            return r
        v = mp_eval(a, env)
        if v is None or isinstance(v, mp.mpc) or not mp.isfinite(v):
            raise ValueError
        if a.is_Symbol:
            d = mp.mpf(0)
        elif a.is_Number or a.is_Atom:
            d = abs(v)
        elif a.is_Add:
            d = mp.fsum(go(t)[1] + abs(go(t)[0]) for t in a.args)
        elif a.is_Mul:
            d = abs(v) * (len(a.args) + mp.fsum(go(f)[1] / abs(go(f)[0]) if go(f)[0] != 0
                                                 else mp.inf for f in a.args))
        elif a.is_Pow and a.args[1].is_Number:
            b, k = go(a.args[0]), go(a.args[1])[0]
            d = abs(v) * (1 + abs(k) * b[1] / abs(b[0])) if b[0] != 0 else mp.inf
        elif a.is_Function and len(a.args) == 1:
            u = go(a.args[0])
            fn = mp_function(a.fdef.name)
            d = abs(v) + abs(mp.diff(fn, u[0])) * u[1] if u[1] else abs(v)
        else:
            raise ValueError
        memo[id(a)] = (v, d)
        return v, d

    try:
        return go(e)
    except (ValueError, ZeroDivisionError, TypeError, KeyError):
        return None


def _exact(e, env):
    """(value, error scale) as floats: the value from mpmath at 400 digits, checked at
    800 (a float value near 1e-300 from terms near 1, as in sigmoid(x)(1 - sigmoid(x))
    at x = 690, cancels 300 digits); None where it is undefined, beyond float range, or
    the two disagree."""
    with mp.workdps(800):
        chk = mp_eval(e, env)
    with mp.workdps(400):
        r = _scale(e, env)
        if r is None or chk is None or isinstance(chk, mp.mpc):
            return None
        v, d = r
        if abs(v - chk) > mp.mpf(10) ** -30 * abs(chk) + mp.mpf(10) ** -330 or abs(v) > 1e300:
            return None
        return float(v), float(d) if d < 1e308 else math.inf


def _check(got: float, exact: tuple, what: str) -> None:
    v, scale = exact
    assert math.isfinite(got), f"{what}: got {got}, exact {v}"
    assert abs(got - v) <= 1e-12 * scale + 1e-300, f"{what}: got {got!r}, exact {v!r}"


# --------------------------------------------------------------------------- the family


def _softmax(zs, i):
    return exp(zs[i]) / sum((exp(z) for z in zs), sc.Integer(0))


def _logits(n, draw):
    """n logits: symbols, or affine in x (a shared variable makes derivatives couple)."""
    zs = list(Z[:n])
    if draw(st.booleans()):
        ks = draw(st.lists(st.sampled_from([-2, -1, 1, 2, 3]), min_size=n, max_size=n))
        zs = [k * x + j for j, k in enumerate(ks)]
    return zs


@st.composite
def ml_expressions(draw):
    kind = draw(st.sampled_from(
        ["activation", "bce", "softmax", "cross_entropy", "lse", "expectation", "logcosh",
         "ratio"]))
    u = draw(st.sampled_from([x, 2 * x, -x, x - y, x / 2 + 1]))
    if kind == "activation":
        f = draw(st.sampled_from([
            sc.sigmoid(u), sc.softplus(u), log(1 + exp(u)), exp(u) / (1 + exp(u)),
            1 / (1 + exp(-u)), sc.tanh(u), log(sc.sigmoid(u)), log(1 - sc.sigmoid(u)),
            u * sc.sigmoid(u), exp(u) * sc.sigmoid(-u), sc.sinh(u) / sc.cosh(u)]))
    elif kind == "bce":
        tv = draw(st.sampled_from([0, 1, sc.Rational(3, 10)]))
        f = -(tv * log(sc.sigmoid(u)) + (1 - tv) * log(1 - sc.sigmoid(u)))
    elif kind == "logcosh":
        f = draw(st.sampled_from([log(sc.cosh(u)), log(sc.cosh(x - y)) + log(sc.cosh(x))]))
    elif kind == "ratio":
        f = draw(st.sampled_from([exp(x) / (exp(x) + exp(y)), exp(2 * x) / (1 + exp(x)) ** 2,
                                  exp(x) / (exp(x) + 1) ** 2, sc.sqrt(1 + exp(u)) * exp(-u),
                                  exp(u) / sc.cosh(u), log(exp(x) + exp(y)), log(sc.sinh(u)),
                                  sc.sinh(u) * exp(-u), (exp(x) - exp(y)) / (exp(x) + exp(y)),
                                  sc.sech(u) ** 2, sc.tanh(u) * sc.cosh(u) / exp(u)]))
    else:
        n = draw(st.integers(2, 4))
        zs = _logits(n, draw)
        i = draw(st.integers(0, n - 1))
        if kind == "softmax":
            f = _softmax(zs, i)
        elif kind == "cross_entropy":
            f = -log(_softmax(zs, i))
        elif kind == "lse":
            f = log(sum((exp(z) for z in zs), sc.Integer(0)))
        else:
            f = sum((z * _softmax(zs, j) for j, z in enumerate(zs)), sc.Integer(0))
    return f


def _vars(f):
    return sorted(f.free_symbols, key=str)


#: coordinates; below 1e-10 in magnitude they are 0 (log cosh(1e-139) = 5e-279 would need
#: 300 digits of the oracle)
coord = st.floats(-1000, 1000, allow_nan=False).map(lambda v: 0.0 if abs(v) < 1e-10 else v)


@given(ml_expressions(), st.integers(0, 2), st.lists(coord, min_size=6, max_size=6),
       st.sampled_from(sorted(PATHS)))
def test_compiled_value_is_finite_and_accurate(f, order, pts, path):
    vs = _vars(f)
    v = vs[0]
    e = sc.diff(f, v, order) if order else f
    env = dict(zip(vs, pts))
    exact = _exact(e, env)
    assume(exact is not None)
    got = sc.compile(e, vs)(*(PATHS[path](env[s]) for s in vs))
    _check(_first(got), exact, f"{'d' * order} {f} at {env} ({path})")


@given(ml_expressions(), st.booleans(), st.lists(coord, min_size=6, max_size=6),
       st.sampled_from(sorted(PATHS)))
def test_reverse_mode_gradient_is_finite_and_accurate(f, second, pts, path):
    """value_and_grad of f (and of a first derivative of f: second derivatives)."""
    vs = _vars(f)
    e = sc.diff(f, vs[0]) if second else f
    env = dict(zip(vs, pts))
    exacts = [_exact(sc.diff(e, s), env) for s in vs]
    value = _exact(e, env)
    assume(value is not None and all(g is not None for g in exacts))
    got_v, got_g = sc.value_and_grad(e, vs)(*(PATHS[path](env[s]) for s in vs))
    _check(_first(got_v), value, f"{e} at {env} ({path})")
    for s, g, ex in zip(vs, got_g, exacts):
        if sc.diff(e, s) == 0:
            # a derivative that is identically 0 (a softmax of logits with one common
            # slope) comes out of the quotient rule as a difference of terms of size
            # |f| times a slope (at most 3 here): that is its rounding scale
            ex = (0.0, 3 * value[1])
        _check(_first(g), ex, f"d/d{s} {e} at {env} ({path})")


# --------------------------------------------------------------------------- the cases


def test_softplus_derivative_at_large_x():
    d = sc.compile(sc.diff(log(1 + exp(x)), x), [x])
    assert d(np.array([700.0, 800.0])).tolist() == [1.0, 1.0]
    assert d(800.0) == 1.0
    assert sc.compile(exp(x) / (1 + exp(x)), [x])(800.0) == 1.0


def test_logaddexp_derivative_at_large_x():
    d = sc.compile(sc.diff(log(exp(x) + exp(y)), x), [x, y])
    assert d(800.0, 1.0) == 1.0
    assert d(np.array([800.0]), np.array([800.0])).tolist() == [0.5]


def test_log_cosh_and_its_derivatives():
    f = sc.compile(log(sc.cosh(x)), [x])
    assert f(800.0) == 800.0 - math.log(2.0)
    exact = float(mp.log(mp.cosh(mp.mpf(1e-5))))  # 5e-11 - 8.3e-22
    assert abs(f(1e-5) - exact) <= 1e-15 * exact  # no cancellation near 0
    assert sc.compile(sc.diff(log(sc.cosh(x)), x), [x])(800.0) == 1.0
    assert sc.compile(sc.diff(log(sc.cosh(x)), x, 2), [x])(800.0) == 0.0
    v, g = sc.value_and_grad(log(sc.cosh(x)), [x])(-800.0)
    assert v == 800.0 - math.log(2.0) and g.tolist() == [-1.0]
    assert abs(sc.compile(log(sc.sinh(x)), [x])(800.0) - (800.0 - math.log(2.0))) < 1e-12


def test_softmax_and_cross_entropy_at_large_logits():
    z1, z2, z3 = Z[:3]
    sm = exp(z1) / (exp(z1) + exp(z2) + exp(z3))
    p = sc.compile(sm, [z1, z2, z3])(1000.0, 1001.0, 1002.0)
    assert abs(p - 0.09003057317038046) < 1e-15
    v, g = sc.value_and_grad(-log(sm), [z1, z2, z3])(1000.0, 1001.0, 1002.0)
    assert abs(v - 2.4076059644443806) < 1e-12
    assert np.allclose(g, [-0.90996943, 0.24472847, 0.66524096], rtol=1e-8, atol=0)
    # without simplify, and where the quotient itself underflows: the log is split
    v, g = sc.value_and_grad(-log(sm), [z1, z2, z3])(-1000.0, 1000.0, 0.0)
    assert v == 2000.0 and g.tolist() == [-1.0, 1.0, 0.0]


def test_common_cases_keep_their_code():
    """sigmoid, a lone exponential and exp(-x)*polynomial compile as before (no shift)."""
    assert "maximum" not in sc.compile(1 / (1 + exp(-x)), [x]).source
    assert "maximum" not in sc.compile(sc.diff(sc.sin(x**2) * exp(-x), x, 3), [x]).source
    assert "maximum" not in sc.compile(sc.sigmoid(x) * (1 - sc.sigmoid(x)), [x]).source


def test_hessian_of_cross_entropy_at_large_logits():
    """compile_hessian of -log softmax (4 logits): symbolic second derivatives, shifted."""
    zs = list(Z)
    s = sum((exp(z) for z in zs), sc.Integer(0))
    H = sc.compile_hessian(-log(exp(zs[0]) / s), zs)(1000.0, 1001.0, 1002.0, 999.0)
    p = np.exp(np.array([1000.0, 1001.0, 1002.0, 999.0]) - 1002.0)
    p /= p.sum()
    assert np.allclose(H, np.diag(p) - np.outer(p, p), rtol=1e-12, atol=1e-15)
