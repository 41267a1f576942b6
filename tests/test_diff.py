"""Differentiation: the derivative table against high-precision finite differences."""

from __future__ import annotations

import mpmath as mp
import pytest
from hypothesis import assume, given, settings
from mpeval import mp_eval
from strategies import FUNCTION_NAMES, NONSMOOTH, expressions, points

import symcalc as sc
from symcalc import Matrix, Rational, Symbol, diff, gradient, hessian, jacobian, symbols
from symcalc.calculus import derivative_table

x, y, z = symbols("x y z")
_SMOOTH = [f for f in FUNCTION_NAMES if f not in NONSMOOTH]


def _fd(e, var, env) -> object:
    """Central difference of e in var at env with mpmath (h = 1e-12 at 40 digits)."""
    h = mp.mpf("1e-12")
    p, m = dict(env), dict(env)
    p[var] = env[var] + h
    m[var] = env[var] - h
    a, b = mp_eval(e, p), mp_eval(e, m)
    if a is None or b is None:
        return None
    return (a - b) / (2 * h)


def _env(pt):
    return {Symbol(k): mp.mpf(v) for k, v in pt.items()}


@settings(max_examples=150)
@given(expressions(8, functions=_SMOOTH), points())
def test_derivative_matches_finite_differences(e, pt):
    env = _env(pt)
    ref = _fd(e, x, env)
    assume(ref is not None and not isinstance(ref, mp.mpc))
    val = mp_eval(e, env)
    assume(val is not None and not isinstance(val, mp.mpc) and abs(val) < 1e6)
    assume(abs(ref) < 1e6)
    d = mp_eval(diff(e, x), env)
    assume(d is not None)  # the derivative may be singular where the function is not
    assert abs(d - ref) <= 1e-6 * max(1, abs(ref)), (str(e), pt, d, ref)


@given(expressions(6), expressions(6))
def test_linearity(a, b):
    assume(not (a.has(sc.oo) or b.has(sc.oo) or a.has(sc.nan) or b.has(sc.nan)))
    assert diff(a + 3 * b, x) is diff(a, x) + 3 * diff(b, x)


@settings(max_examples=60)
@given(expressions(6, functions=_SMOOTH), expressions(6, functions=_SMOOTH), points())
def test_product_and_chain_rule_consistency(a, b, pt):
    env = _env(pt)
    lhs = mp_eval(diff(a * b, x), env)
    rhs = mp_eval(diff(a, x) * b + a * diff(b, x), env)
    assume(lhs is not None and rhs is not None and abs(lhs) < 1e8)
    assert abs(lhs - rhs) <= 1e-15 * max(1, abs(lhs)) * 1e10
    c = sc.sin(a)
    lhs = mp_eval(diff(c, x), env)
    rhs = mp_eval(sc.cos(a) * diff(a, x), env)
    assume(lhs is not None and rhs is not None and abs(lhs) < 1e8)
    assert abs(lhs - rhs) <= 1e-20 * max(1, abs(lhs)) * 1e10


@given(expressions(6, functions=_SMOOTH))
def test_second_derivative_is_derivative_of_derivative(e):
    assert diff(e, x, 2) is diff(diff(e, x), x)
    assert diff(e, x, y) is diff(diff(e, x), y)


@settings(max_examples=40)
@given(expressions(6, functions=_SMOOTH), points())
def test_hessian_is_symmetric(e, pt):
    H = hessian(e, [x, y, z])
    for i in range(3):
        for j in range(3):
            assert H[i, j] is H[j, i]
    a, b = diff(e, x, y), diff(e, y, x)
    env = _env(pt)
    va, vb = mp_eval(a, env), mp_eval(b, env)
    assume(va is not None and vb is not None and abs(va) < 1e8)
    assert abs(va - vb) <= 1e-25 * max(1, abs(va)) * 1e15


def test_every_registry_function_has_a_derivative():
    table = derivative_table()
    for name in FUNCTION_NAMES:
        fd = sc.core.REGISTRY[name]
        if getattr(fd, "real_diff", None) is not None:  # re, im, conjugate, arg: no chain rule
            continue
        if getattr(fd, "build", None) is not None:
            continue  # a macro (sqrt, Gamma) builds other functions' expressions
        assert fd in table, name
        arity = 2 if fd.name in ("max", "min") else fd.nargs[1] if fd.defaults else fd.nargs[0]
        for i in range(arity):
            assert i in table[fd], (name, i)


# --------------------------------------------------------------------------- worked examples


def test_calculus_for_ml_table():
    assert diff(sc.sigmoid(x), x).subs({x: 0}) == Rational(1, 4)
    assert diff(sc.tanh(x), x).subs({x: 0}) == 1
    assert diff(sc.relu(x), x).subs({x: -1}) == 0
    assert str(diff(sc.sin(x ** 2), x)) == "2*x*cos(x^2)"
    e = 3 * x ** 2 * y + 2 * x * y ** 3 - 5
    assert diff(e, x).subs({x: 1, y: 2}) == 28
    assert jacobian([x ** 2 + y, x * y], [x, y]) == Matrix([[2 * x, 1], [y, x]])
    assert hessian(x ** 2 + 3 * y ** 2, [x, y]) == Matrix([[2, 0], [0, 6]])


@pytest.mark.parametrize("text, deriv", [
    ("x^3", "3*x^2"),
    ("exp(2*x)", "2*exp(2*x)"),
    ("log(x)", "1/x"),
    ("x^x", "x^x*(log(x) + 1)"),
    ("2^x", "2^x*log(2)"),
    ("sqrt(x)", "1/(2*sqrt(x))"),
    ("1/x", "-1/x^2"),
    ("sigmoid(x)", "sigmoid(x)*(1 - sigmoid(x))"),
    ("softplus(x)", "sigmoid(x)"),
    ("relu(x)", "heaviside(x)"),
    ("abs(x)", "sign(x)"),
    ("tanh(x)", "1 - tanh(x)^2"),
    ("atan(x)", "1/(x^2 + 1)"),
    ("log(x, 2)", "1/(x*log(2))"),
    ("f(g(x))", "f'(g(x))*g'(x)"),
    ("sin(x)*cos(x)", "cos(x)^2 - sin(x)^2"),
    ("(x^2 + 1)/(x - 1)", "2*x/(x - 1) - (x^2 + 1)/(x - 1)^2"),
])
def test_derivative_examples(text, deriv):
    assert str(diff(sc.parse(text), x)) == deriv


def test_gradient_and_directional_derivative():
    e = x ** 2 * y + sc.sin(y)
    assert gradient(e, [x, y]) == [2 * x * y, x ** 2 + sc.cos(y)]
    d = sc.directional_derivative(x ** 2 + y ** 2, [x, y], [3, 4])
    assert d.subs({x: 1, y: 1}) == Rational(14, 5)


def test_results_are_free_of_clutter():
    d = diff(sc.parse("3*x^2 + 0*y + 1*x^1"), x)
    assert str(d) == "6*x + 1"


def test_eighth_derivative():
    e = sc.parse("exp(sin(x))/(1 + x^2)")
    d8 = diff(e, x, 8)
    v = d8.evalf({x: 0.3})
    ref = mp.diff(lambda t: mp.exp(mp.sin(t)) / (1 + t ** 2), mp.mpf("0.3"), 8)
    assert abs(v - float(ref)) <= 1e-9 * abs(float(ref))


def test_undefined_functions_of_several_arguments():
    f = sc.Function("f")
    assert str(diff(f(x, y), x)) == "diff(f(x, y), x)"
    assert diff(f(x, y), x, y).free_symbols == {x, y}


def test_piecewise_branches_are_differentiated_not_conditions():
    e = sc.parse("piecewise((x^2, x > 0), (x, True))")
    assert str(diff(e, x)) == "piecewise((2*x, x > 0), (1, True))"
    assert diff(sc.leaky_relu(x), x, 2) == 0
    assert hessian(sc.elu(x), [x])[0, 0].subs({x: -1}) == sc.exp(-1)


def test_order_zero_is_the_expression_itself():
    assert diff(x ** 2, x, 0) is x ** 2
    assert diff(x ** 2 * y, x, 0) is x ** 2 * y
