"""Polynomial and rational inequalities: solve(rel, x) gives a RealSet (union of
intervals), checked against the sign of the expression at many points."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc import parse
from symcalc.algebra.intervals import Interval, RealSet
from symcalc.algebra.solve import SolveError, solve

x = sc.Symbol("x")
oo = sc.oo


@pytest.mark.parametrize("src, expected", [
    ("x^2 < 4", "(-2, 2)"),
    ("x^2 <= 4", "[-2, 2]"),
    ("x^2 > 4", "(-oo, -2) ∪ (2, oo)"),
    ("x^2 >= 2", "(-oo, -sqrt(2)] ∪ [sqrt(2), oo)"),
    ("(x - 1)/(x + 2) <= 0", "(-2, 1]"),
    ("(x - 1)^2 <= 0", "{1}"),
    ("(x - 1)^2 > 0", "(-oo, 1) ∪ (1, oo)"),
    ("x^3 - x > 0", "(-1, 0) ∪ (1, oo)"),
    ("1/x < 1", "(-oo, 0) ∪ (1, oo)"),
    ("(x^2 - 1)/(x - 1) >= 0", "[-1, 1) ∪ (1, oo)"),
    ("x^2 + 2*x + 3 < 0", "{}"),
    ("x != 3", "(-oo, 3) ∪ (3, oo)"),
])
def test_examples(src, expected):
    assert str(solve(parse(src), x)) == expected


def test_interval_type():
    s = RealSet([Interval(-oo, -2, True, True), Interval(2, oo)])
    assert str(s) == "(-oo, -2) ∪ [2, oo)"
    assert s.contains(2) and not s.contains(0) and s.contains(-10**6)
    assert solve(parse("x^2 < 4"), x) == RealSet([Interval(-2, 2, True, True)])
    assert len(s) == 2 and list(s)[0].left_open
    assert "\\cup" in s._repr_latex_()


def test_refused():
    with pytest.raises(SolveError):
        solve(parse("x < exp(x)"), x)
    with pytest.raises(SolveError):
        solve(parse("x^2 < a"), x)


_OPS = ["<", "<=", ">", ">=", "!="]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=1, max_size=4),
       st.lists(st.integers(-4, 4), max_size=2), st.sampled_from(_OPS),
       st.sampled_from([1, -1, 2]))
def test_against_sampled_signs(zeros, poles, op, lead):
    # f = lead * prod(x - z) / prod(x - p): compare membership with the sign of f at
    # many rational points, the critical points themselves included
    num = sc.Integer(lead)
    for z in zeros:
        num = num * (x - z)
    den = sc.Integer(1)
    for p in poles:
        den = den * (x - p)
    if set(zeros) & set(poles):
        return  # x^2/x is x at construction: the pole is gone before solve sees it
    f = num / den
    r = sc.Relational(op, f, 0)
    if not r.is_Relational:
        return  # decided at construction (x^2 < 0 is False)
    s = solve(r, x)
    pts = [Fraction(k, 4) for k in range(-24, 25)]
    for q in pts:
        if q in poles:
            assert not s.contains(q)
            continue
        nv = lead
        for z in zeros:
            nv *= q - z
        dv = 1
        for p in poles:
            dv *= q - p
        v = Fraction(nv) / dv
        want = {"<": v < 0, "<=": v <= 0, ">": v > 0, ">=": v >= 0, "!=": v != 0}[op]
        assert s.contains(sc.Rational(q.numerator, q.denominator)) == want, (f, op, q, s)


@pytest.mark.parametrize("src, expected", [
    ("abs(x - 1) < 2", "(-1, 3)"),
    ("abs(x) >= 1", "(-oo, -1] ∪ [1, oo)"),
    ("abs(x^2 - 4) < 3", "(-sqrt(7), -1) ∪ (1, sqrt(7))"),
    ("abs(x) + abs(x - 2) <= 2", "[0, 2]"),
    ("max(x, 1) < 2", "(-oo, 2)"),
    ("abs(x - 1) > x", "(-oo, 1/2)"),
])
def test_abs_max_min_by_cases(src, expected):
    assert str(solve(parse(src), x)) == expected


def test_set_operations():
    a = RealSet([Interval(-oo, 1, True, False), Interval(3, 5, True, True)])
    b = RealSet([Interval(0, 4, False, True)])
    assert str(a.intersect(b)) == "[0, 1] ∪ (3, 4)"
    assert str(a.union(b)) == "(-oo, 5)"
    assert str(RealSet([Interval(0, 1, True, True)]).union(
        RealSet([Interval(1, 2, True, True)]))) == "(0, 1) ∪ (1, 2)"


@settings(max_examples=40, deadline=None)
@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3), st.sampled_from(_OPS),
       st.sampled_from(["abs", "max", "min"]))
def test_cases_against_sampled_values(a, b, c, op, fn):
    inner = f"abs(x - {a})" if fn == "abs" else f"{fn}(x, {a}*x + {b})"
    e = parse(f"{inner} + {c}*x - {b}")
    r = sc.Relational(op, e, 0)
    if not r.is_Relational:
        return
    s = solve(r, x)
    for k in range(-40, 41):
        q = sc.Rational(k, 8)
        v = Fraction(str(e.subs({x: q})))
        want = {"<": v < 0, "<=": v <= 0, ">": v > 0, ">=": v >= 0, "!=": v != 0}[op]
        assert s.contains(q) == want, (e, op, q, s)
