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
