"""Radicals of one base as powers of one generator (``algebra/radgens.py``) and the rule
prefilter of ``polish`` (issue 19: simplify on derivatives of antiderivatives)."""

from __future__ import annotations

import random

import mpmath as mp
from hypothesis import given, settings
from hypothesis import strategies as st
from mpeval import mp_eval

import symcalc as sc
from symcalc.algebra.factor_expr import factor
from symcalc.algebra.radgens import radical_bases, to_generators, via_radicals
from symcalc.algebra.rational import cancel
from symcalc.algebra.simplify import simplify
from symcalc.algebra.simplify_rules import top_functions
from symcalc.parse import parse

a, b, c, x = sc.symbols("a b c x")


def _same(e: sc.Expr, s: sc.Expr, seed: int, tries: int = 6) -> None:
    """``e`` and ``s`` agree (complex principal values allowed) at random points."""
    rng = random.Random(seed)
    syms = sorted(e.free_symbols | s.free_symbols, key=lambda t: t.name)
    for _ in range(tries):
        env = {t: mp.mpf(rng.uniform(-2.5, 2.5)) for t in syms}
        v, w = mp_eval(e, env), mp_eval(s, env)
        if v is None or w is None or not mp.isfinite(v) or abs(v) > 1e20:
            continue
        assert abs(v - w) <= 1e-20 * max(1, abs(v)), (e, s, env, v, w)


def test_radical_bases_and_generators() -> None:
    e = parse("b^(27/4) + b^(23/4)*x^(1/2) + x^(3/2)/b")
    assert radical_bases(e) == {b: 4, x: 2}
    f, back = to_generators(e)
    assert not radical_bases(f)
    assert sc.expand(f.subs(back) - e) == 0
    assert to_generators(x**2 + 1) is None


def test_cancel_sees_common_radicals() -> None:
    e = parse("(b^(27/4) + b^(23/4)*c*x^2)/(b^(39/4)*x^(13/2) + 4*b^(35/4)*c*x^(17/2)"
              " + 6*b^(31/4)*c^2*x^(21/2) + 4*b^(27/4)*c^3*x^(25/2) + b^(23/4)*c^4*x^(29/2))")
    r = via_radicals(e, cancel)
    assert str(r) == "1/(b^3*x^(13/2) + 3*b^2*c*x^(17/2) + 3*b*c^2*x^(21/2) + c^3*x^(25/2))"
    assert str(via_radicals(r, factor)) == "1/(x^(13/2)*(b + c*x^2)^3)"
    _same(e, r, 1)
    # the sum of cubes through cube roots: a + b*x^3 = (a^(1/3) + b^(1/3)*x)*(...)
    e2 = parse("(a^(8/3) + a^(5/3)*b*x^3)/(a^(5/3)*(a^(1/3) + b^(1/3)*x)"
               "*(a^(2/3) - a^(1/3)*b^(1/3)*x + b^(2/3)*x^2))")
    assert via_radicals(e2, cancel) == 1
    assert simplify(e) == parse("1/(x^(13/2)*(b + c*x^2)^3)")


def test_bare_base_is_the_generators_power() -> None:
    e = parse("(x - sqrt(x))/(sqrt(x) - 1)")
    assert str(via_radicals(e, cancel)) == "sqrt(x)"
    e = parse("(x + 1)*(x*(x + 1)^(1/3) - 1)/(x*(x + 1)^(4/3) - x - 1)")
    assert via_radicals(e, cancel) == 1


_EXPONENTS = st.sampled_from([sc.Rational(k, q) for q in (2, 3, 4) for k in range(-7, 8)])
_BASES = st.sampled_from([b, x, 1 + x, a * x])


@given(st.lists(st.tuples(st.integers(-3, 3), _BASES, _EXPONENTS, _BASES, _EXPONENTS),
                min_size=1, max_size=4),
       st.lists(st.tuples(st.integers(-3, 3), _BASES, _EXPONENTS), min_size=1, max_size=3),
       st.integers(0, 10**6))
@settings(max_examples=40, deadline=None)
def test_via_radicals_cancel_is_an_identity(num: list, den: list, seed: int) -> None:
    n = sc.Add(*[k * p**r * q**s for k, p, r, q, s in num])
    d = sc.Add(*[k * p**r for k, p, r in den])
    if d == 0:
        return
    e = n / d
    r = via_radicals(e, cancel)
    if r is not None:
        _same(e, r, seed)


def test_top_functions() -> None:
    e = parse("sin(x)^2 + cos(y)*exp(tan(x))")
    assert top_functions(e) == {"sin", "cos", "exp"}
    assert top_functions(x**2 + 1) == frozenset()


# ------------------------------------------- powers of a product absorbed, radicands


_U = sc.Symbol("u")
_FACTORS = [a, x, c, a + x, x - 1, sc.cos(_U), sc.sec(_U), sc.cos(_U) + 1, sc.sin(_U),
            sc.csc(_U), sc.cosh(x), sc.sech(x), 1 + sc.sech(x)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_FACTORS) - 1), st.integers(-2, 2)),
                min_size=2, max_size=4),
       st.lists(st.tuples(st.integers(0, len(_FACTORS) - 1), st.integers(-4, 3)),
                min_size=1, max_size=4),
       st.sampled_from([sc.Rational(1, 2), sc.Rational(-7, 2), sc.Rational(5, 2),
                        sc.Rational(-1, 3)]),
       st.integers(1, 3), st.sampled_from([-2, -1, 1, 2]), st.integers(0, 10**6))
def test_absorbed_powers_and_radicands_keep_values(base: list, rest: list, k: sc.Expr,
                                                   coeff: int, m: int, seed: int) -> None:
    """``B^k*R`` (``B`` a product with sums, reciprocal trigonometric factors among
    them; ``R`` powers of the same factors) polished: the same values, complex
    principal powers included, wherever the input is defined."""
    from symcalc.algebra.simplify_rules import polish

    B = sc.Integer(coeff) * sc.Mul(*(_FACTORS[i] ** max(n, 1) for i, n in base))
    R = sc.Mul(*(_FACTORS[i] ** n for i, n in rest))
    R = R * sc.Mul(*(_FACTORS[i] ** (max(n, 1) * m) for i, n in base))  # B^m, nearly
    e = B**k * R
    s = polish(e)
    rng = random.Random(seed)
    syms = sorted(e.free_symbols, key=lambda t: t.name)
    for _ in range(6):
        env = {t: mp.mpf(rng.uniform(-2.5, 2.5)) for t in syms}
        v = mp_eval(e, env)
        if v is None or not mp.isfinite(v) or abs(v) > 1e20:
            continue
        w = mp_eval(s, env)  # defined wherever e is
        assert w is not None and abs(v - w) <= 1e-20 * max(1, abs(v)), (e, s, env, v, w)


def test_absorbed_powers_and_radicands_examples() -> None:
    from symcalc.algebra.simplify_rules import polish

    u = _U
    e = parse("a*(cos(u) + 1)*(A*cos(u)^2 + C)/(cos(u)^4*(a*sec(u)*(cos(u) + 1))^(7/2))")
    got = polish(e)
    assert str(got) == "(A*cos(u)^2 + C)/(cos(u)^3*(a + a*sec(u))^(5/2))"
    _same(e, got, 3, tries=20)
    # the older case: every factor of B in the rest to the same power
    assert str(polish(parse("(a + x)/(a - x)/sqrt((a + x)/(a - x))"))) == \
        "sqrt((a + x)/(a - x))"
    # a radicand multiplied out only where that is cheaper
    e = sc.sqrt(a * sc.sec(u) * (sc.cos(u) + 1)) * x
    assert str(polish(e)) == "x*sqrt(a + a*sec(u))"
    assert polish(sc.sqrt(a * (x + 1) * (x - 1)) * x) == sc.sqrt(a * (x + 1) * (x - 1)) * x


_PAIRS = [(sc.sec(_U), sc.cos(_U)), (sc.csc(_U), sc.sin(_U)), (sc.sech(x), sc.cosh(x)),
          (1 / x, x), (sc.sec(_U), sc.cos(_U) ** 2)]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(_PAIRS) - 1), st.sampled_from([a, c, sc.Integer(1), sc.Integer(-3)]),
       st.sampled_from([a, x + 1, sc.Integer(2)]),
       st.sampled_from([sc.Rational(1, 2), sc.Rational(-5, 2), sc.Rational(2, 3)]),
       st.integers(0, 10**6))
def test_radicands_multiplied_out_keep_values(i: int, t: sc.Expr, p: sc.Expr, k: sc.Expr,
                                              seed: int) -> None:
    """``(p*f*(g + t))^k * c`` with ``f*g`` simplifying (``sec(u)*cos(u) = 1``):
    the radicand multiplied out keeps its values and the domain."""
    from symcalc.algebra.simplify_rules import polish

    f, g = _PAIRS[i]
    e = (p * f * (g + t)) ** k * c
    s = polish(e)
    rng = random.Random(seed)
    syms = sorted(e.free_symbols, key=lambda q: q.name)
    for _ in range(8):
        env = {q: mp.mpf(rng.uniform(-2.5, 2.5)) for q in syms}
        v = mp_eval(e, env)
        if v is None or not mp.isfinite(v) or abs(v) > 1e20:
            continue
        w = mp_eval(s, env)
        assert w is not None and abs(v - w) <= 1e-20 * max(1, abs(v)), (e, s, env, v, w)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([a * x, x**2 - a, x * c + 1, -x]),
       st.sampled_from([sc.Integer(1), sc.Integer(2), sc.Rational(1, 2)]),
       st.sampled_from([sc.Integer(1), sc.Integer(3), sc.Integer(-1) / 3]),
       st.sampled_from([sc.Rational(1, 2), sc.Rational(-1, 2), sc.Rational(1, 3),
                        sc.Rational(-3, 4)]),
       st.integers(0, 10**6))
def test_merged_radicals_keep_values(u: sc.Expr, p: sc.Expr, q: sc.Expr, k: sc.Expr,
                                     seed: int) -> None:
    """``(p - u)^k*(q + u)^k*c`` polished (merged where ``p + q > 0``): the same values,
    complex principal powers included, wherever the input is defined."""
    from symcalc.algebra.simplify_rules import polish

    e = (p - u) ** k * (q + u) ** k * c
    s = polish(e)
    rng = random.Random(seed)
    for _ in range(8):
        env = {t: mp.mpf(rng.uniform(-3, 3)) for t in (a, c, x)}
        v = mp_eval(e, env)
        if v is None or not mp.isfinite(v) or abs(v) > 1e20:
            continue
        w = mp_eval(s, env)
        assert w is not None and abs(v - w) <= 1e-20 * max(1, abs(v)), (e, s, env, v, w)


def test_merged_radicals_examples() -> None:
    from symcalc.algebra.simplify_rules import polish

    assert str(polish(parse("sqrt(1 - a*x)*sqrt(a*x + 1)*c"))) == "c*sqrt(1 - a^2*x^2)"
    # both may be negative (x < -1): not merged
    e = parse("sqrt(x - 1)*sqrt(x + 1)")
    assert polish(e) is e
