"""The imaginary unit I: exact Gaussian-rational arithmetic, re/im/conjugate/arg/abs,
printing round-trips, complex roots of solve, evalf and compile."""

from __future__ import annotations

import cmath
import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc import I, arg, conjugate, im, re
from symcalc.core.assumptions import is_negative, is_positive, is_real
from symcalc.core.gaussian import gaussian_parts
from symcalc.errors import DomainError, EvaluationError

x, y = sc.symbols("x y")
p = sc.Symbol("p", positive=True)

# --------------------------------------------------------------------------- helpers

fractions = st.builds(Fraction, st.integers(-20, 20), st.integers(1, 12))
gauss_pairs = st.tuples(fractions, fractions)
nonzero_pairs = gauss_pairs.filter(lambda g: g != (0, 0))


def G(g: tuple[Fraction, Fraction]) -> sc.Expr:
    """The symcalc expression a + b*I."""
    return sc.Rational(g[0]) + sc.Rational(g[1]) * I


def exact(e: sc.Expr) -> tuple[Fraction, Fraction]:
    parts = gaussian_parts(e)
    assert parts is not None, f"not folded to a Gaussian number: {e}"
    assert not any(isinstance(v, float) for v in parts), e
    return Fraction(parts[0]), Fraction(parts[1])


def cmul(u, v):
    return (u[0] * v[0] - u[1] * v[1], u[0] * v[1] + u[1] * v[0])


def cinv(u):
    n = u[0] ** 2 + u[1] ** 2
    return (u[0] / n, -u[1] / n)


def close(a: complex, b: complex, tol: float = 1e-9) -> bool:
    return abs(a - b) <= tol * max(1.0, abs(b))


# --------------------------------------------------------------------------- arithmetic


def test_issue_examples():
    assert I ** 2 is sc.Integer(-1)
    assert (1 + 2 * I) * (3 - I) is 5 + 5 * I
    assert str((1 + 2 * I) * (3 - I)) == "5 + 5*I"
    assert 1 / (1 + I) is sc.Rational(1, 2) - I / 2
    assert str(1 / (1 + I)) == "1/2 - I/2"
    assert sc.sqrt(-4) is 2 * I
    assert sc.sqrt(-p) is I * sc.sqrt(p)
    assert sc.parse("(-1)^(1/2)") is I
    assert sc.Integer(-1) ** sc.Rational(1, 2) is I


def test_powers_of_i_reduce():
    for n in range(-9, 10):
        assert I ** n is [sc.Integer(1), I, sc.Integer(-1), -I][n % 4], n
    assert (I ** sc.Rational(1, 2)) ** 2 is I
    assert (2 * I) ** 3 is -8 * I


def test_square_roots_of_negative_numbers():
    assert sc.sqrt(-2) is I * sc.sqrt(2)
    assert sc.sqrt(-8) is 2 * I * sc.sqrt(2)
    assert sc.sqrt(sc.Rational(-1, 4)) is I / 2
    assert sc.Integer(-4) ** sc.Rational(3, 2) is -8 * I  # e^(3*pi*I/2) * 8
    assert sc.Integer(-4) ** sc.Rational(-1, 2) is -I / 2
    assert sc.sqrt(-2) * sc.sqrt(-3) is -sc.sqrt(6)  # principal branch: not sqrt(6)
    assert sc.sqrt(-x).has(I) is False  # x may be negative: stays sqrt(-x)


@given(gauss_pairs, gauss_pairs)
def test_sum_difference_product_are_exact(u, v):
    a, b = G(u), G(v)
    assert exact(a + b) == (u[0] + v[0], u[1] + v[1])
    assert exact(a - b) == (u[0] - v[0], u[1] - v[1])
    assert exact(a * b) == cmul(u, v)
    assert exact(b * a) == cmul(u, v)


@given(gauss_pairs, nonzero_pairs)
def test_quotient_is_exact(u, v):
    assert exact(G(u) / G(v)) == cmul(u, cinv(v))


@given(nonzero_pairs, st.integers(-6, 6))
def test_integer_powers_are_exact(u, n):
    want = (Fraction(1), Fraction(0))
    for _ in range(abs(n)):
        want = cmul(want, u)
    if n < 0:
        want = cinv(want)
    assert exact(G(u) ** n) == want
    assert close(complex((G(u) ** n).evalf()), complex(*map(float, u)) ** n)


@given(gauss_pairs, gauss_pairs, gauss_pairs)
def test_field_axioms(u, v, w):
    a, b, c = G(u), G(v), G(w)
    assert (a * b) * c is a * (b * c)
    assert (a + b) + c is a + (b + c)
    assert a * (b + c) is a * b + a * c
    assert a - a is sc.Integer(0)
    if u != (0, 0):
        assert a * (1 / a) is sc.Integer(1)


@given(gauss_pairs, gauss_pairs, gauss_pairs)
def test_canonical_whatever_the_order(u, v, w):
    """Products of Gaussian numbers and symbols are one object in any order."""
    fs = [G(u), G(v), x, G(w), y]
    want = sc.Mul(*fs)
    for perm in itertools.islice(itertools.permutations(fs), 0, None, 17):
        prod = sc.Integer(1)
        for f in perm:
            prod = prod * f
        assert prod is want


def test_products_with_symbols_collect():
    assert sc.expand(x * (1 + I) - x) is I * x
    assert (x * (1 + I) * (1 - I)) is 2 * x
    assert I * x * I is -x
    assert (2 + 2 * I) * x is 2 * x * (1 + I)
    assert sc.expand((x + I) ** 2) is x ** 2 + 2 * I * x - 1


def test_hash_consing():
    assert sc.Rational(1, 3) + 2 * I is sc.parse("1/3 + 2*I")
    assert sc.parse("I") is I
    with pytest.raises(ValueError, match="reserved"):
        sc.Symbol("I")


# --------------------------------------------------------------------------- assumptions


def test_expressions_with_i_are_not_real():
    for e in (I, 1 + I, -I / 3, I * p, x + I, p + I * p):
        assert is_real(e) is False, e
        assert is_positive(e) is False and is_negative(e) is False, e
    assert is_real(I * I) is True
    assert is_real(I * x) is None  # x may be 0
    # realness guards: sqrt((I*p)^2) = sqrt(-p^2) = I*p, not abs(I*p) = p
    assert sc.sqrt((I * p) ** 2) is I * p
    assert sc.log(sc.exp(I)) is not I  # log(exp(w)) = w only for real w


# --------------------------------------------------------------------------- printing


def test_printers():
    e = -1 - 2 * I
    assert str(e) == "-1 - 2*I"
    assert sc.pretty(e) == "-1 - 2·i"
    assert sc.latex(e).replace(" ", "") == "-1-2i"
    assert str(x + 1 + 2 * I) == "x + 1 + 2*I"
    assert sc.latex(I * x) == "i x"
    assert str(sc.sqrt(-3)) == "sqrt(3)*I"


gauss_or_symbol = st.one_of(gauss_pairs.map(G), st.sampled_from([x, y, I, sc.pi]))


@st.composite
def complex_expressions(draw):
    try:
        return _complex_expression(draw)
    except DomainError:  # 0^-1 and the like
        assume(False)


def _complex_expression(draw):
    parts = draw(st.lists(gauss_or_symbol, min_size=1, max_size=5))
    e = parts[0]
    for q in parts[1:]:
        op = draw(st.sampled_from(["+", "-", "*", "/", "^"]))
        if op == "+":
            e = e + q
        elif op == "-":
            e = e - q
        elif op == "*":
            e = e * q
        elif op == "/" and q is not sc.Integer(0):
            e = e / q
        elif op == "^":
            e = e ** draw(st.integers(-3, 3))
    if draw(st.booleans()):
        e = draw(st.sampled_from([sc.exp, sc.sin, sc.sqrt, re, im, conjugate, abs]))(e)
    return e


@settings(max_examples=200)
@given(complex_expressions())
def test_printing_round_trips(e):
    assert sc.parse(str(e)) is e
    sc.pretty(e)
    sc.latex(e)


# --------------------------------------------------------------------------- solve


def _exactly_zero(f: sc.Expr, r: sc.Expr) -> bool:
    return sc.expand(f.subs({x: r})) is sc.Integer(0)


def test_solve_issue_example():
    roots = sc.solve(x ** 2 + 2 * x + 5, x, domain="complex")
    assert roots == [-1 - 2 * I, -1 + 2 * I]
    assert str(roots) == "[-1 - 2*I, -1 + 2*I]"


@settings(max_examples=60)
@given(st.integers(1, 9), st.integers(-20, 20), st.integers(-20, 20))
def test_complex_quadratic_roots_substitute_to_zero(a, b, c):
    f = a * x ** 2 + b * x + c
    roots = sc.solve(f, x, domain="complex")
    assert roots
    for r in roots:
        assert _exactly_zero(f, r), (f, r)


@pytest.mark.parametrize("f,degree", [(x ** 4 - 1, 4), (x ** 4 + 1, 4), (x ** 3 - 1, 3),
                                      (x ** 3 + 8, 3), ((x ** 2 + 1) * (x ** 2 + x + 1), 4),
                                      (x ** 4 + 5 * x ** 2 + 6, 4)])
def test_complex_roots_substitute_to_zero(f, degree):
    roots = sc.solve(f, x, domain="complex")
    assert len(roots) == degree  # all roots are simple here
    for r in roots:
        assert _exactly_zero(f, r), (f, r)
        assert abs(complex(f.evalf({x: complex(r.evalf())}))) < 1e-9


# --------------------------------------------------------------------------- re, im, ...


@given(gauss_pairs)
def test_parts_of_gaussian_numbers(u):
    g = G(u)
    z = complex(float(u[0]), float(u[1]))
    assert re(g) is sc.Rational(u[0])
    assert im(g) is sc.Rational(u[1])
    assert conjugate(g) is G((u[0], -u[1]))
    assert close(float(abs(g).evalf()), abs(z))
    assert close(float(arg(g).evalf()), cmath.phase(z))
    assert g * conjugate(g) is abs(g) ** 2


def test_special_values():
    assert arg(I) is sc.pi / 2 and arg(-I) is -sc.pi / 2
    assert arg(-1) is sc.pi and arg(sc.Integer(0)) is sc.Integer(0)
    assert arg(1 + I) is sc.pi / 4 and arg(-1 - I) is -3 * sc.pi / 4
    assert arg(p) is sc.Integer(0) and arg(-p) is sc.pi
    assert abs(3 + 4 * I) is sc.Integer(5)
    assert abs(I * x) is abs(x)
    assert abs(x + I) is sc.sqrt(x ** 2 + 1)
    assert abs(sc.exp(I * x)) is sc.Integer(1)
    assert re(x) is x and im(x) is sc.Integer(0) and conjugate(x) is x
    assert re(x + I * y) is x and im(x + I * y) is y
    assert re(sc.exp(I * x)) is sc.cos(x) and im(sc.exp(I * x)) is sc.sin(x)
    assert re(1 / (x + I)) is x / (x ** 2 + 1)
    assert conjugate(conjugate(sc.sqrt(x))) is sc.sqrt(x)
    assert re(re(sc.sqrt(x))) is re(sc.sqrt(x)) and im(re(sc.sqrt(x))) is sc.Integer(0)


@settings(max_examples=80)
@given(st.floats(-5, 5).filter(lambda v: abs(v) > 1e-3))
def test_unevaluated_parts_evalf_against_cmath(v):
    z = cmath.sqrt(v) * cmath.exp(1j * v)
    e = sc.sqrt(x) * sc.exp(I * x)
    for fn, want in ((re, z.real), (im, z.imag), (arg, cmath.phase(z)), (abs, abs(z))):
        got = fn(e).evalf({x: v})
        assert close(complex(got), want), (fn, v, got, want)
    assert close(complex(conjugate(e).evalf({x: v})), z.conjugate())
    assert close(complex(e.evalf({x: v})), z)


@pytest.mark.parametrize("f", [sc.sqrt(x), x * sc.exp(I * x), sc.log(x), (x + I) ** 3,
                               sc.sqrt(x) * (2 + I) + x ** 2, sc.exp(I * x ** 2) / (x + 2 * I)])
@pytest.mark.parametrize("part", [re, im, conjugate, arg])
def test_derivatives_of_parts_match_finite_differences(f, part):
    e = part(f)
    d = sc.diff(e, x)
    for v in (-2.3, -0.7, 0.4, 1.9):
        h = 1e-6
        fd = (complex(e.evalf({x: v + h})) - complex(e.evalf({x: v - h}))) / (2 * h)
        got = complex(d.evalf({x: v}))
        assert abs(got - fd) <= 1e-5 * max(1.0, abs(fd)), (e, d, v, got, fd)


# --------------------------------------------------------------------------- evalf, compile


def test_evalf_gives_python_complex():
    assert (1 + 2 * I).evalf() == 1 + 2j
    assert I.evalf() == 1j
    assert close(sc.exp(I * sc.pi).evalf(), -1)
    assert close((sc.sqrt(2) * I / 2 + sc.sqrt(2) / 2).evalf() ** 8, 1)
    assert (I * I).evalf() == -1.0 and isinstance((I * I).evalf(), float)
    with pytest.raises(TypeError):
        float(1 + I)


def test_compile_gives_complex_numpy_code():
    import numpy as np

    f = sc.compile(I * x + sc.exp(I * y), [x, y])
    assert f(1.0, 0.0) == 1 + 1j and isinstance(f(1.0, 0.0), complex)
    got = f(np.array([0.0, 2.0]), np.array([np.pi, 0.0]))
    assert got.dtype == np.complex128 and np.allclose(got, [-1, 1 + 2j])
    g = sc.compile([re(sc.sqrt(x)), im(sc.sqrt(x)), sc.Integer(2) * I], [x])
    assert g(-4.0) == (0.0, 2.0, 2j)  # exact on the axes
    assert sc.compile(re(sc.exp(I * x)) + arg(x), [x]).source  # real: the real compiler
    f = sc.compile(re(sc.exp(I * x)) + arg(x), [x])
    assert math.isclose(f(2.0), math.cos(2.0)) and math.isclose(f(-2.0), math.cos(2.0) + math.pi)
    with pytest.raises(EvaluationError, match="complex"):
        sc.value_and_grad(I * x, [x])  # no gradients of complex values
    with pytest.raises(EvaluationError, match="no complex NumPy form"):
        sc.compile(sc.erf(I * x), [x])


@settings(max_examples=150)
@given(complex_expressions(), st.floats(-3, 3), st.floats(-3, 3))
def test_compiled_complex_code_agrees_with_evalf(e, xv, yv):
    try:
        want = complex(e.evalf({x: xv, y: yv}))
    except (sc.SymcalcError, ZeroDivisionError, OverflowError, ValueError):
        return
    assume(cmath.isfinite(want) and abs(want) < 1e12)
    try:
        f = sc.compile(e, [x, y])
    except EvaluationError:  # a function without a complex NumPy form
        return
    got = complex(f(xv, yv))
    assert abs(got - want) <= 1e-9 * max(1.0, abs(want)), (e, xv, yv, got, want)


def test_euler_special_values():
    assert sc.exp(I * sc.pi) is sc.Integer(-1)
    assert sc.exp(I * sc.pi / 2) is I and sc.exp(-3 * I * sc.pi / 2) is I
    assert sc.exp(x + I * sc.pi) is -sc.exp(x)
    assert sc.exp(I * sc.pi / 4).is_Function  # stays: no automatic cos + I*sin


def test_steps_explain_derivatives_of_parts():
    d, steps = sc.diff(x * re(sc.sqrt(x)), x, steps=True)
    assert d is sc.diff(x * re(sc.sqrt(x)), x)
    assert "derivative of re along a real variable" in str(steps)


@pytest.mark.parametrize("name", ["sin", "cos", "tan", "cot", "sec", "csc",
                                  "sinh", "cosh", "tanh", "coth", "sech", "csch"])
def test_trig_of_imaginary_arguments(name):
    """Osborn's rule: sin(I*w) = I*sinh(w), cosh(I*w) = cos(w), ... checked with cmath."""
    f = sc.core.REGISTRY[name]
    cf = {"cot": lambda z: 1 / cmath.tan(z), "sec": lambda z: 1 / cmath.cos(z),
          "csc": lambda z: 1 / cmath.sin(z), "coth": lambda z: 1 / cmath.tanh(z),
          "sech": lambda z: 1 / cmath.cosh(z), "csch": lambda z: 1 / cmath.sinh(z)}.get(name)
    cf = cf or getattr(cmath, name)
    for a, z in ((2 * I * x, 0.6j), (I, 1j), (-I * x / 3, -0.1j)):
        e = f(a)
        assert not (e.is_Function and e.fdef is f), e  # rewritten to the other family
        assert close(complex(e.evalf({x: 0.3})), cf(z)), (e, z)
    assert sc.simplify(sc.exp(I * x) + sc.exp(-I * x)) is 2 * sc.cos(x)


def test_huge_powers_stay_unevaluated_or_cycle():
    assert I ** (10 ** 12) is sc.Integer(1) and I ** (10 ** 12 + 3) is -I
    assert (2 * I) ** (10 ** 10) is sc.Integer(2) ** (10 ** 10)  # I^(10^10) = 1
    assert ((1 + I) ** (10 ** 9)).is_Pow
    assert ((sc.Float(1.5) + I) ** (10 ** 6)).is_Pow  # would overflow to nan


def test_logarithms_of_negative_and_imaginary_numbers():
    assert sc.log(-1) is I * sc.pi
    assert sc.log(-2) is sc.log(2) + I * sc.pi
    assert sc.log(I) is I * sc.pi / 2 and sc.log(-3 * I) is sc.log(3) - I * sc.pi / 2
    for q in (-1, -2, sc.Rational(-1, 3)):
        assert close(complex(sc.log(q).evalf()), cmath.log(complex(q)))
    assert sc.exp(sc.log(-2)) is sc.Integer(-2)


@pytest.mark.parametrize("name", ["sin", "cos", "sinh", "cosh", "exp", "tan", "tanh"])
@pytest.mark.parametrize("which", [re, im, conjugate])
def test_parts_of_functions_of_complex_arguments(name, which):
    """Addition theorems and f(conj z) = conj f(z), checked with cmath at a few points."""
    f = sc.core.REGISTRY[name]
    e = which(f(x + I * y))
    cf = getattr(cmath, name)
    part = {re: lambda z: z.real, im: lambda z: z.imag, conjugate: lambda z: z.conjugate()}
    for a, b in ((0.7, -1.3), (-2.1, 0.4), (0.0, 1.1)):
        got = complex(e.evalf({x: a, y: b}))
        assert close(got, part[which](cf(complex(a, b)))), (e, a, b)
    if which is conjugate:
        assert e is f(x - I * y)


@pytest.mark.parametrize("f", [sc.sqrt(x) + I, x * sc.exp(I * sc.sqrt(x)), (x + I) * sc.log(x),
                               sc.sin(x) + I * sc.cos(3 * x)])
def test_derivative_of_abs_of_complex_values(f):
    """d|u|/dx = re(conjugate(u)*u')/|u| when u involves I (sign(u)*u' only holds for real u)."""
    e = abs(f)
    d = sc.diff(e, x)
    for v in (0.4, 1.9, 3.2):
        h = 1e-6
        fd = (complex(e.evalf({x: v + h})) - complex(e.evalf({x: v - h}))) / (2 * h)
        assert abs(complex(d.evalf({x: v})) - fd) <= 1e-5 * max(1.0, abs(fd)), (e, d, v)


@pytest.mark.parametrize("e", [sc.asin(x) + I, sc.acos(x) + I, sc.atanh(x) + I,
                               sc.log(-x) + I, sc.sqrt(-x) * sc.sqrt(x) + I, sc.atan(I * x),
                               sc.asinh(I * x), sc.acosh(x) + I, (-x) ** sc.Rational(1, 3) + I])
def test_compiled_complex_code_follows_the_branch_convention(e):
    """Values on branch cuts (asin(1.5), log(-3), ...) as evalf gives them (core/branches.py),
    also where a computed zero part is -0.0 (-1*(x + 0j))."""
    import numpy as np

    f = sc.compile(e, [x])
    pts = [1.5, -1.5, 3.0, -3.0, 0.5]
    arr = f(np.array(pts))
    for v, a in zip(pts, arr):
        want = complex(e.evalf({x: v}))
        assert close(complex(f(v)), want) and close(complex(a), want), (e, v, f(v), want)


def test_complex_compiled_functions_pickle():
    # hypothesis found compile_jacobian([(-1)^x, ...]) (complex code) could not pickle
    import pickle

    import numpy as np

    x, y = sc.symbols("x y")
    f = sc.compile_jacobian([sc.parse("(-1)^x"), x * y], [x, y])
    back = pickle.loads(pickle.dumps(f))
    pt = (np.array([0.3, 2.0]), np.array([1.0, -1.0]))
    assert np.array_equal(f(*pt), back(*pt))
