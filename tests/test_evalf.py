"""Numbers you can trust: evalf to doubles and to n digits, branch cuts, huge numbers."""

from __future__ import annotations

import cmath
import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mpeval import mp_eval, within_float_range
from strategies import expressions, points

import symcalc as sc
from symcalc.core import REGISTRY
from symcalc.core.mpeval import eval_at
from symcalc.core.mpnumber import MPComplex, MPFloat
from symcalc.errors import LimitError, SymcalcError

x, y, z = sc.symbols("x y z")
P = sc.parse


def ref(text: str, subs: dict | None = None, dps: int = 60) -> mp.mpf:
    """mpmath's own value of an expression written in mpmath syntax."""
    with mp.workdps(dps):
        return eval(text, {k: getattr(mp, k) for k in dir(mp)}, dict(subs or {}))


def agree(v, r, digits: int) -> bool:
    v = v.mp if isinstance(v, (MPFloat, MPComplex)) else v
    with mp.workdps(digits + 20):
        return abs(mp.mpmathify(v) - r) <= mp.mpf(10) ** (1 - digits) * abs(r)


# --------------------------------------------------------------------------- regressions


@pytest.mark.parametrize("text, mp_text", [
    ("exp(800)", "exp(800)"),
    ("log(1 + exp(800))", "log(1 + exp(800))"),
    ("exp(800)/(1 + exp(800))", "exp(800)/(1 + exp(800))"),
    ("exp(710)", "exp(710)"),
    ("cosh(1000)", "cosh(1000)"),
    ("log(10^400)", "log(mpf(10)**400)"),
    ("exp(pi*sqrt(163)) - 262537412640768744", "exp(pi*sqrt(163)) - 262537412640768744"),
    ("sin(10^22)", "sin(mpf(10)**22)"),
    ("10^(-400)", "mpf(10)**-400"),
    ("2^(10^400)", "power(2, mpf(10)**400)"),  # needs a 700-digit oracle
])
def test_overflowing_and_cancelling_values(text, mp_text):
    r = ref(mp_text, dps=700)
    for n in (15, 50):
        v = sc.N(P(text), n)
        assert isinstance(v, MPFloat) and agree(v, r, n), (text, n, v)
    f = P(text).evalf()
    if isinstance(f, MPFloat):  # beyond the double range: the value itself, 15 digits
        assert not math.isfinite(float(r)) or float(r) == 0, text
        assert agree(f, r, 15), (text, f)
    else:
        assert isinstance(f, float) and not math.isnan(f)
        assert f == float(r)  # the double nearest to the true value


def test_printed_digits():
    assert str(sc.N(P("exp(800)"))) == "2.72637457211257e+347"
    assert str(sc.N(P("exp(pi*sqrt(163)) - 262537412640768744"))) == "-7.49927402801814e-13"
    assert str(sc.N(P("sin(10^22)"))) == "-0.852200849767189"
    pi50 = "3.1415926535897932384626433832795028841971693993751"
    assert str(sc.N(sc.pi, 50)) == pi50 and str(sc.evalf(sc.pi, 50)) == pi50
    assert str(sc.pi.evalf(50)) == pi50 and str(sc.N("pi", 50)) == pi50
    assert str(sc.N(P("asin(3/2)"), 30)) == \
        "1.57079632679489661923132169164 - 0.962423650119206894995517826849*I"
    assert str(-sc.N(sc.pi, 40)) == "-3.141592653589793238462643383279502884197"
    assert str(sc.N(P("acoth(0)"), 20)) == "1.5707963267948966192*I"
    assert float(sc.N(P("exp(800)"))) == math.inf  # overflow only on explicit conversion
    assert complex(sc.N(sc.pi)) == complex(math.pi)


def test_parameters_at_large_values():
    z1, z2, z3 = sc.symbols("z1 z2 z3")
    e = P("log(exp(z1) + exp(z2) + exp(z3))")
    at = {z1: 1000, z2: 1001, z3: 1002}
    r = ref("log(exp(1000) + exp(1001) + exp(1002))")
    assert e.evalf(at) == float(r)
    assert agree(sc.N(e, 30, at), r, 30)
    big = P("x*exp(1000)").evalf({x: 2})  # beyond the double range: an MPFloat
    assert isinstance(big, MPFloat) and agree(big, ref("2*exp(1000)"), 15)
    assert agree(sc.N(P("x*exp(1000)"), 15, {x: 2}), ref("2*exp(1000)"), 15)
    assert P("x*exp(1000)").evalf({x: 0}) == 0.0


@pytest.mark.parametrize("text, at, mp_text", [
    ("log(1 + x)", 1e-12, "log1p(mpf(1e-12))"),
    ("log(1 + x)", 3e-17, "log1p(mpf(3e-17))"),
    ("exp(x) - 1", 1e-15, "expm1(mpf(1e-15))"),
    ("sqrt(x + 1) - 1", 1e-13, "sqrt(mpf(1e-13) + 1) - 1"),
    ("cos(x) - 1", 1e-9, "cos(mpf(1e-9)) - 1"),
])
def test_doubles_are_accurate_under_cancellation(text, at, mp_text):
    v = P(text).evalf({x: at})
    r = ref(mp_text)
    assert abs(v - r) <= 1e-15 * abs(r), (text, v, r)


def test_digits_argument_errors():
    with pytest.raises(SymcalcError):
        sc.N(sc.pi, 0)
    with pytest.raises(SymcalcError):
        sc.N(x, 15)


def test_arithmetic_keeps_precision():
    a = sc.N(sc.pi, 40)
    b = a * 2 - sc.N(sc.pi, 30)
    assert isinstance(b, MPFloat) and b.digits == 30 and agree(b, ref("pi", dps=50), 30)
    assert isinstance(a + 1.5, MPFloat) and (a + 1.5).digits == 17
    with pytest.raises(SymcalcError):
        sc.N(P("exp(800)")) * x  # no double can stand for it in a symbolic product
    assert (sc.N(sc.pi, 20) * x).has(x)
    # functions of precise numbers are evaluated at their precision (inputs exact)
    s = sc.sin(sc.N(sc.pi, 30))
    assert isinstance(s, MPFloat) and abs(s.mp) < 1e-30
    big = sc.exp(sc.N(800, 20))
    assert isinstance(big, MPFloat) and agree(big, ref("exp(800)"), 20)


# --------------------------------------------------------------------------- branch cuts

_INVERSE = ["asin", "acos", "atan", "acot", "asec", "acsc", "asinh", "acosh", "atanh",
            "acoth", "asech", "acsch", "log", "sqrt"]
#: points off every cut, and the real line beyond +-1 (a cut of several of them, where
#: the derivative along the real line is that of the side the convention takes)
_OFF = [complex(0.3, 0.4), complex(-1.2, 0.5), complex(2, -1), complex(-0.5, -2),
        complex(0.7, -0.2)]
_REAL = [-3.0, -1.5, 1.5, 3.0, -0.5, 0.3]


@pytest.mark.parametrize("name", _INVERSE)
def test_derivative_table_matches_the_branches(name):
    f = P(f"{name}(x)")
    d = sc.diff(f, x)
    h = mp.mpf(10) ** -20
    for p in _OFF + _REAL:
        with mp.workprec(200):
            # on the real line: a one-sided difference along the real axis, which stays
            # on the side of the cut that the value is taken from
            if isinstance(p, float):
                num = (eval_at(f, 200, {x: p + h}) - eval_at(f, 200, {x: p})) / h
            else:
                c = mp.mpc(p)
                num = (eval_at(f, 200, {x: c + h}) - eval_at(f, 200, {x: c - h})) / (2 * h)
            table = eval_at(d, 200, {x: p})
            assert abs(num - table) <= 1e-12 * max(1, abs(table)), (name, p, num, table)


@pytest.mark.parametrize("name", _INVERSE)
def test_double_path_matches_mpmath(name):
    f = P(f"{name}(x)")
    mpf = getattr(mp, name)
    pts = _OFF + _REAL + [complex(0, 2), complex(0, -2), complex(0, 0.5), complex(0, -0.5),
                          complex(-2, 0), complex(2, 0)]
    for p in pts:
        v = f.evalf({x: p})
        r = complex(mpf(mp.mpc(p) if isinstance(p, complex) else mp.mpf(p)))
        assert abs(complex(v) - r) <= 1e-14 * max(1, abs(r)), (name, p, v, r)
        w = sc.N(f, 20, {x: p})
        assert abs(complex(w) - r) <= 1e-14 * max(1, abs(r)), (name, p, w, r)


def test_branch_examples():
    assert P("acos(3/2)").evalf() == pytest.approx(complex(0, 0.9624236501192069))
    assert P("asin(3/2)").evalf() == pytest.approx(complex(math.pi / 2, -0.9624236501192069))
    # the chain rule and the table agree at x = 1.5 (on the cut of asin)
    e = P("asin(x)^2")
    d = sc.diff(e, x).evalf({x: 1.5})
    h = 1e-7
    num = (complex(e.evalf({x: 1.5 + h})) - complex(e.evalf({x: 1.5}))) / h
    assert abs(d - num) < 1e-5 * abs(d)
    # the sign every other system gives
    v = P("x*sqrt(1 - x^2)*acos(x)").evalf({x: 1.5})
    assert v == pytest.approx(float(mp.re(1.5 * mp.sqrt(1 - mp.mpf(2.25)) * mp.acos(1.5))))
    assert v < 0


def test_compiled_complex_branches():
    pts = np.array([-1.5 + 0j, 1.5 + 0j, -0.5 + 0j, 2j, -2j, 0.5j, -3 + 0j, 0.3 + 0.4j])
    for name in _INVERSE + ["cbrt_like"]:
        text = "(1/x)^(1/3)" if name == "cbrt_like" else f"{name}(x)"
        f = sc.compile(P(text), [x])
        got = f(pts)
        want = [complex(P(text).evalf({x: complex(p)})) for p in pts]
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15, err_msg=text)
    # the generated code calls the branch-aware wrappers, real arrays as before
    f = sc.compile(P("asin(x)"), [x])
    assert np.isnan(f(np.array([1.5]))[0]) and f(np.array([0.5]))[0] == math.asin(0.5)


def test_compile_folds_constants_exactly():
    f = sc.compile(P("x + log(10^400)"), [x])
    assert f(0.0) == pytest.approx(921.0340371976183, rel=1e-15)
    g = sc.compile(P("x*log(1 + exp(800))"), [x])
    assert g(1.0) == 800.0


# --------------------------------------------------------------------------- huge numbers


def test_huge_powers_give_typed_errors():
    e = P("2^2^2^2^2^2")  # no OverflowError while building it
    assert e.is_Pow
    with pytest.raises(LimitError):
        e.evalf()
    with pytest.raises(LimitError):
        sc.N(e)
    big = P("2^(10^400)")
    assert str(big.evalf()) == str(sc.N(big))  # beyond the double range: the value
    assert str(sc.N(P("x^(10^400)"), 15, {x: 2})) == str(sc.N(big))
    assert str(sc.N(big)).startswith("8.09638556513197e+30102999566398119521373889472449")
    with pytest.raises(LimitError):
        P("2.0*10^400")
    with pytest.raises(LimitError):
        P("exp(exp(exp(10)))").evalf()
    with pytest.raises(LimitError) as err:
        float(sc.Integer(10) ** 400)  # a double is required: typed, and an OverflowError
    assert isinstance(err.value, OverflowError)


# --------------------------------------------------------------------------- the registry


def _sample(fd) -> tuple:
    args = {"leaky_relu": (-0.7, 0.25), "elu": (-0.7, 1.5), "atan2": (0.4, -0.9),
            "max": (0.3, 0.8), "min": (0.3, 0.8), "polygamma": (2, 0.37)}
    return args.get(fd.name, (0.37,) * fd.nargs[0])


def test_every_function_has_an_arbitrary_precision_implementation():
    seen = set()
    for fd in REGISTRY.values():
        if fd.undefined or id(fd) in seen or getattr(fd, "build", None) is not None:
            continue
        if fd.numeric is None and fd.cnumeric is None:
            continue  # structural, not numeric (KroneckerDelta, Sum of index notation)
        seen.add(id(fd))
        assert fd.mpmath is not None, fd.name
        args = _sample(fd)
        e = fd(*[sc.Float(a) for a in args]) if fd.name not in ("max", "min") else None
        if e is None or e.is_Number:
            e = fd(*[sc.Symbol(f"a{i}") for i in range(len(args))])
            subs = {sc.Symbol(f"a{i}"): a for i, a in enumerate(args)}
        else:
            subs = {}
        if not e.is_Function:
            continue
        v = sc.N(e, 30, subs)
        d = e.evalf(subs)
        assert abs(complex(v) - complex(d)) <= 1e-14 * max(1.0, abs(complex(d))), fd.name


# --------------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(expressions(max_leaves=8), points(), st.sampled_from([15, 40]))
def test_evalf_n_agrees_with_higher_precision(e, pt, n):
    env = {sc.Symbol(k): v for k, v in pt.items()}
    try:
        v = sc.N(e, n, env)
    except SymcalcError:
        return
    with mp.workdps(3 * n + 60):
        r = mp_eval(e, env)
    assume(r is not None and not isinstance(r, bool))
    assume(mp.isfinite(r))
    if isinstance(v, (MPFloat, MPComplex)) and v.mp == 0:
        assert abs(r) < mp.mpf(10) ** (-2 * n), (e, pt, r)
        return
    assert agree(v, r, n), (e, pt, v, r)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(expressions(max_leaves=8), points())
def test_compiled_doubles_agree_with_evalf(e, pt):
    env = {sc.Symbol(k): v for k, v in pt.items()}
    syms = sorted(e.free_symbols, key=str)
    try:
        want = e.evalf(env)
    except SymcalcError:
        return
    assume(isinstance(want, float) and math.isfinite(want))
    try:
        f = sc.compile(e, syms)
    except (SymcalcError, ValueError):
        return
    with np.errstate(all="ignore"):
        got = f(*[env[s] for s in syms])
    got = complex(got)
    assume(cmath.isfinite(got) and got.imag == 0)
    got = got.real
    with mp.workdps(60):
        r = mp_eval(e, env)
    assume(r is not None and within_float_range(e, env))
    # evalf is right to ~12 digits; the compiled plain double arithmetic agrees with it
    assert abs(want - float(r)) <= 1e-12 * abs(float(r)) or want == float(r), (e, pt)
    assert abs(got - want) <= 1e-8 * max(1.0, abs(want)), (e, pt, got, want)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(expressions(max_leaves=10), points())
def test_doubles_are_right_to_twelve_digits(e, pt):
    env = {sc.Symbol(k): v for k, v in pt.items()}
    try:
        v = e.evalf(env)
    except SymcalcError:
        return
    with mp.workdps(80):
        r = mp_eval(e, env)
    assume(r is not None and not isinstance(r, bool) and mp.isfinite(r))
    assume(abs(r) < 1e300)
    if abs(r) < 1e-300:  # zero, or below the double range
        assert abs(v) < 1e-290
        return
    assert abs(complex(v) - complex(r)) <= 2.0 ** -39 * abs(complex(r)), (e, pt, v, r)
