"""Series and limits: Taylor coefficients against mpmath's (40-digit numerical
derivatives) for random compositions over the registry, Laurent series and expansions
at infinity, limits from series and at infinity, and the errors where no series or
limit exists."""

from __future__ import annotations

import math

import mpmath as mp
import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st
from mpeval import mp_eval
from strategies import expressions

import symcalc as sc
from symcalc.calculus.series import MAX_ORDER, expand_series
from symcalc.errors import DomainError, SymcalcError

x, y, z, a, h = sc.symbols("x y z a h")
_ANALYTIC = ["exp", "sin", "cos", "tan", "atan", "sinh", "cosh", "tanh", "asinh", "sigmoid",
             "softplus", "erf", "erfc", "gelu", "log", "sqrt"]
_POINTS = [sc.Integer(0), sc.Rational(1, 2), sc.Integer(1), sc.Integer(-1), sc.Rational(3, 2)]


def _univariate(e):
    try:
        e = e.subs({y: sc.Rational(1, 3), z: sc.Rational(-2, 5)})
    except SymcalcError:
        assume(False)
    assume(not e.has(sc.oo, sc.nan))
    return e


def _num(c):
    try:
        v = complex(c.evalf())
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None
    return v.real if abs(v.imag) <= 1e-12 * max(1.0, abs(v.real)) else None


def _mp_taylor(e, x0, n):
    with mp.workdps(40):
        x0v = mp.mpf(float(x0.evalf())) if x0.free_symbols == set() else None
        f0 = mp_eval(e, {x: x0v})
        if f0 is None or isinstance(f0, mp.mpc) or not mp.isfinite(f0):
            return None
        try:
            cs = mp.taylor(lambda t: mp_eval(e, {x: x0v + t}), 0, n - 1)
        except (TypeError, ValueError, ZeroDivisionError):
            return None
        if any(c is None or isinstance(c, mp.mpc) or not mp.isfinite(c) for c in cs):
            return None
        return [float(c) for c in cs]


@settings(max_examples=120, deadline=None)
@given(expressions(5, functions=_ANALYTIC), st.sampled_from(_POINTS))
def test_taylor_coefficients_match_mpmath(e, x0):
    e = _univariate(e)
    n = 4
    try:
        ps = expand_series(e, x, x0, n)
    except sc.SeriesError:
        event("no series")
        return  # log(x) or sqrt(x) at 0 and the like: no power series
    ref = _mp_taylor(e, x0, n)
    assume(ref is not None)
    assert ps.v >= 0, (e, x0)  # finite at x0: no negative powers
    for k in range(n):
        got = _num(ps.coeff(k))
        assume(got is not None)
        assert math.isclose(got, ref[k], rel_tol=1e-7, abs_tol=1e-9), (e, x0, k, got, ref)
    event("coefficients compared")


@settings(max_examples=80, deadline=None)
@given(expressions(5, functions=_ANALYTIC), st.sampled_from(_POINTS[1:]))
def test_limit_of_the_difference_quotient_is_the_derivative(e, x0):
    e = _univariate(e)
    assume(x in e.free_symbols)
    q = (e.subs(x, x0 + h) - e.subs(x, x0)) / h
    d = _num(sc.diff(e, x).subs(x, x0))
    assume(d is not None and abs(d) < 1e12)
    try:
        lim = sc.limit(q, h, 0)
    except (sc.SeriesError, sc.LimitNotFound):
        event("undecided")
        return  # undecided is allowed; a wrong value is not
    got = _num(lim)
    assert got is not None and math.isclose(got, d, rel_tol=1e-8, abs_tol=1e-10), (e, x0, lim)
    event("limit compared")


@pytest.mark.parametrize("e,x0,n,want", [
    (sc.exp(x), 0, 5, "x^4/24 + x^3/6 + x^2/2 + x + 1"),
    (sc.sin(x), 0, 8, "-x^7/5040 + x^5/120 - x^3/6 + x"),
    (sc.tan(x), 0, 8, "17*x^7/315 + 2*x^5/15 + x^3/3 + x"),
    (sc.log(1 + x), 0, 4, "x^3/3 - x^2/2 + x"),
    (sc.sqrt(1 + x), 0, 3, "-x^2/8 + x/2 + 1"),
    (sc.sigmoid(x), 0, 6, "x^5/480 - x^3/48 + x/4 + 1/2"),
    (sc.softplus(x), 0, 3, "x^2/8 + x/2 + log(2)"),
    (sc.tanh(x), 0, 6, "2*x^5/15 - x^3/3 + x"),
    (sc.atan(x), 0, 6, "x^5/5 - x^3/3 + x"),
    (1 / sc.sin(x), 0, 4, "7*x^3/360 + x/6 + 1/x"),                    # Laurent
    (1 / (sc.exp(x) - 1), 0, 4, "-x^3/720 + x/12 + 1/x - 1/2"),        # Bernoulli numbers
    (sc.cos(x) / x**2, 0, 3, "x^2/24 + 1/x^2 - 1/2"),
    (1 / (x + 1), sc.oo, 4, "1/x - 1/x^2 + 1/x^3"),                    # at infinity
    (sc.sqrt(x**2 + 1), sc.oo, 4, "x + 1/(2*x) - 1/(8*x^3)"),
    (sc.exp(x), 1, 3, "E + E*(x - 1) + E*(x - 1)^2/2"),
    (x**x, 1, 4, "x + (x - 1)^2 + (x - 1)^3/2"),
    ((1 + x)**a, 0, 3, "a*x + a*(a - 1)*x^2/2 + 1"),
])
def test_known_series(e, x0, n, want):
    assert sc.series(e, x, x0, n) == sc.expand(sc.parse(want)) or \
        sc.expand(sc.series(e, x, x0, n) - sc.parse(want)) == 0


def test_series_at_a_symbolic_point_and_order_zero():
    s = sc.series(sc.sin(x), x, a, 3)
    assert sc.expand(s - (sc.sin(a) + sc.cos(a) * (x - a) - sc.sin(a) * (x - a)**2 / 2)) == 0
    assert sc.series(sc.exp(x), x, 0, 0) == 0
    assert sc.series(y * sc.exp(x), x, 0, 2) == sc.expand(y * (1 + x))


@pytest.mark.parametrize("e,x0", [(sc.exp(1 / x), 0), (sc.abs(x), 0), (sc.relu(x), 0),
                                  (sc.exp(x), sc.oo), (sc.parse("max(x, 1)"), 0)])
def test_no_series_there(e, x0):
    with pytest.raises(sc.SeriesError):
        sc.series(e, x, x0, 3)


def test_series_gives_up_on_exploding_coefficients(monkeypatch):
    from symcalc.calculus import series as series_module

    monkeypatch.setattr(series_module, "TIME_BUDGET", 0.2)
    with pytest.raises(sc.SeriesError, match="gave up"):
        sc.series(sc.exp(sc.sin(sc.cos(x) + x**2)), x, 0, 120)
    assert sc.series(sc.exp(x), x, 0, 3) == sc.expand(1 + x + x**2 / 2)  # budget reset


def test_series_bounds():
    for n in (-1, MAX_ORDER + 1, 2.5, True):
        with pytest.raises(sc.SeriesError):
            sc.series(sc.exp(x), x, 0, n)
    assert sc.series(sc.abs(x), x, 1, 3) == x  # away from the kink: |x| = x


@pytest.mark.parametrize("e,x0,side,want", [
    (sc.sin(x) / x, 0, "+-", 1),
    ((1 - sc.cos(x)) / x**2, 0, "+-", sc.Rational(1, 2)),
    ((sc.exp(x) - 1 - x) / x**2, 0, "+-", sc.Rational(1, 2)),
    ((x**2 - 1) / (x - 1), 1, "+-", 2),
    (1 / x**2, 0, "+-", sc.oo),
    (1 / x, 0, "+", sc.oo),
    (1 / x, 0, "-", -sc.oo),
    (x * sc.log(x), 0, "+", 0),
    (x**x, 0, "+", 1),
    (sc.exp(-1 / x), 0, "+", 0),
    (x * sc.sin(1 / x), 0, "+-", 0),
    (sc.sign(x), 0, "+", 1),
    (sc.tan(x), sc.pi / 2, "-", sc.oo),
    ((1 + 1 / x)**x, sc.oo, "+-", sc.E),
    (sc.log(x) / x, sc.oo, "+-", 0),
    (sc.exp(x) / x**10, sc.oo, "+-", sc.oo),
    (sc.sqrt(x**2 + x) - x, sc.oo, "+-", sc.Rational(1, 2)),
    (sc.sigmoid(x), sc.oo, "+-", 1),
    (sc.sigmoid(x), -sc.oo, "+-", 0),
    (sc.tanh(x), -sc.oo, "+-", -1),
    (x**(1 / x), sc.oo, "+-", 1),
    ((x + sc.sin(x)) / x, sc.oo, "+-", 1),
    ((2 * x + sc.cos(x)) / (x + 1), sc.oo, "+-", 2),
    (sc.softplus(x) - x, sc.oo, "+-", 0),
    (x * sc.log(1 + 1 / x), sc.oo, "+-", 1),
])
def test_known_limits(e, x0, side, want):
    assert sc.limit(e, x, x0, side) == sc.sympify(want)


def test_limits_that_do_not_exist_or_are_undecided():
    with pytest.raises(DomainError, match="does not exist"):
        sc.limit(1 / x, x, 0)
    with pytest.raises(DomainError):
        sc.limit(sc.sign(x), x, 0)
    with pytest.raises(sc.LimitNotFound):
        sc.limit(sc.sin(1 / x), x, 0)
    with pytest.raises(sc.LimitNotFound):
        sc.limit(x * sc.sin(x), x, sc.oo)
    # L'Hôpital applies only while numerator and denominator both grow: x/(x + cos x)
    # once gave 0 (N' = 1, then N'' = 0); dividing both by x gives 1
    assert sc.limit(x / (x + sc.cos(x)), x, sc.oo) == 1
    assert sc.limit((x + sc.sin(x)) / (x + sc.cos(x)), x, sc.oo) == 1
    assert sc.limit((2 * x**2 + sc.sin(x)) / (x**2 + x * sc.cos(x)), x, sc.oo) == 2
    with pytest.raises(ValueError):
        sc.limit(x, x, 0, "left")
    assert sc.limit(y + 1, x, 0) == y + 1


@pytest.mark.parametrize("e,x0,n,want", [
    ("x^x", "0", 3, "1 + x*log(x) + x^2*log(x)^2/2"),        # issue 17: log terms
    ("sqrt(x)*exp(x)", "0", 3, "sqrt(x) + x^(3/2) + x^(5/2)/2"),  # Puiseux
    ("log(x)", "0", 3, "log(x)"),
    ("atan(x)", "oo", 6, "pi/2 - 1/x + 1/(3*x^3) - 1/(5*x^5)"),  # asymptotic at oo
    ("x^(3/2)", "oo", 3, "x^(3/2)"),
    ("log(sin(x))", "0", 4, "log(x) - x^2/6"),
])
def test_puiseux_log_and_asymptotic_series(e, x0, n, want):
    assert sc.series(sc.parse(e), x, sc.parse(x0), n) == sc.parse(want)


def test_multivariate_taylor_to_total_degree():
    y = sc.Symbol("y")
    got = sc.series(sc.exp(x + y), [x, y], [0, 0], 3)
    assert got == sc.expand(1 + x + y + (x + y)**2 / 2)
    assert sc.series(sc.sin(x) * sc.cos(y), [x, y], [0, 0], 4) == \
        sc.expand(x - x**3 / 6 - x * y**2 / 2)


# ------------------------------------------------------------------ O-terms

O = sc.O


def test_order_term_arithmetic():
    assert O(x**2) + O(x**3) == O(x**2)
    assert x * O(x**2) == O(x**3)
    assert 3 * O(x**2) == O(x**2) and a * O(x**2) == O(x**2)
    assert 0 * O(x**2) == 0
    assert O(x**2) * O(x**3) == O(x**5)
    assert O(x**2) / x == O(x)
    assert O(sc.sin(x)**3) == O(x**3)               # the leading term decides
    assert str(x + x**4 + O(x**3)) == "x + O(x^3)"  # terms of higher order are absorbed
    assert str(sc.exp(x) + O(x**3)) == "1 + x + x^2/2 + O(x^3)"
    assert str(1 / (1 - x + O(x**4))) == "1 + x + x^2 + x^3 + O(x^4)"
    assert str((1 + x + O(x**2))**sc.Rational(1, 2)) == "1 + x/2 + O(x^2)"
    with pytest.raises(sc.SeriesError):
        O(x**2) + O(x**2, x, 1)                     # O-terms at different points


def test_series_with_order_term_and_removeO():
    s = sc.series(sc.sin(x), x, 0, 6, order_term=True)
    assert str(s) == "x - x^3/6 + x^5/120 + O(x^6)"
    assert s.removeO() == sc.series(sc.sin(x), x, 0, 6)   # the default is unchanged
    assert str(s * s) == "x^2 - x^4/3 + 2*x^6/45 + O(x^7)"
    assert (1 / s).removeO() == sc.series(1 / sc.sin(x), x, 0, 4)
    s1 = sc.series(sc.exp(x), x, 1, 2, order_term=True)
    assert str(s1) == "E + E*(x - 1) + O((x - 1)^2, x, 1)"
    at_oo = sc.series(sc.atan(x), x, sc.oo, 4, order_term=True)
    assert str(at_oo) == "pi/2 - 1/x + 1/(3*x^3) + O(1/x^4, x, oo)"
    p = sc.series(sc.sqrt(x) * sc.exp(x), x, 0, 2, order_term=True)
    assert str(p) == "sqrt(x) + x^(3/2) + O(x^2)"
    assert sc.removeO(sc.parse("x + x^2 + O(x^3)")) == x + x**2
    with pytest.raises(sc.SeriesError, match="log terms"):
        sc.series(x**x, x, 0, 3, order_term=True)


@pytest.mark.parametrize("text", ["O(x^3)", "x - x^3/6 + O(x^5)", "O((x - 1)^2, x, 1)",
                                  "pi/2 - 1/x + O(1/x^3, x, oo)", "sqrt(x) + O(x^(3/2))"])
def test_order_terms_print_and_parse_back(text):
    e = sc.parse(text)
    assert sc.parse(str(e)) is e
    s = sc.as_series(e)
    assert sc.as_series(sc.parse(str(s))) == s
    assert str(s) == text


def test_parsed_order_terms_follow_the_rules():
    assert sc.as_series(sc.parse("x + x^4 + O(x^3)*(1 + x) + O(x^2)")) == x + O(x**2)
    assert sc.as_series(sc.parse("O(x^2) + O(x^3)")) == O(x**2)
    assert sc.parse("O(3*x^2 + x^5)") is sc.parse("O(x^2)")
    assert sc.parse("O(7)") is sc.parse("O(1)")
    assert sc.Symbol("O") is sc.parse("O")                # O alone stays a symbol


_SMALL = ["exp", "sin", "cos", "atan", "sinh", "log", "sqrt", "sigmoid"]


@settings(max_examples=40, deadline=None)
@given(expressions(3, functions=_SMALL), expressions(3, functions=_SMALL),
       st.integers(2, 5))
def test_order_term_arithmetic_agrees_with_series_of_the_result(f, g, n):
    f, g = _univariate(f), _univariate(g)
    try:
        sf = sc.series(f, x, 0, n, order_term=True)
        sg = sc.series(g, x, 0, n, order_term=True)
        prod = sf * sg
        direct = sc.series(f * g, x, 0, int(prod.order), order_term=True) \
            if prod.order == int(prod.order) and prod.order >= 0 else None
    except sc.SeriesError:
        event("no series")
        return
    total = sf + sg
    assert total.order == n
    assert sc.expand(total.removeO() - sc.series(f + g, x, 0, n)) == 0
    if direct is not None:
        for k in range(int(prod.valuation), int(prod.order)):
            d = _num(prod.coeff(k) - direct.coeff(k))
            assert d is None or abs(d) < 1e-9, (f, g, n, k)
        event("product compared")


# ------------------------------------------------------------------ Taylor's remainder

def _check_taylor_bound(f, x0, n, r):
    """The true error |f - T_n| at 41 points of the interval (mpmath, 30 digits) is within
    the proven bound, and M is at least the sampled |f^(n+1)|."""
    t = sc.taylor(f, x, x0, n, r)
    assert t.error_bound is not None, t
    lo, hi = (float(v.evalf()) for v in t.interval)
    bound, M = float(t.error_bound), float(t.M)
    dn = sc.diff(f, x, n + 1)
    worst = 0.0
    with mp.workdps(30):
        for i in range(41):
            p = mp.mpf(lo) + (mp.mpf(hi) - mp.mpf(lo)) * i / 40
            err = abs(mp_eval(f, {x: p}) - mp_eval(t.polynomial, {x: p}))
            worst = max(worst, float(err))
            assert err <= bound, (f, float(p), err, bound)
            assert abs(mp_eval(dn, {x: p})) <= M, (f, float(p))
    return t, worst


@pytest.mark.parametrize("f,x0,n,r", [
    (sc.exp(x), 0, 4, 1),
    (sc.sin(x), 0, 5, sc.pi / 2),
    (sc.cos(x), 0, 6, 1),
    (sc.log(1 + x), 0, 3, sc.Rational(1, 2)),
    (sc.sqrt(x), 4, 2, (4, sc.Rational(21, 5))),        # sqrt(4.2) from a tangent parabola
    (sc.atan(x), 0, 5, sc.Rational(1, 2)),
    (1 / (1 - x), 0, 3, sc.Rational(1, 2)),
    (sc.sigmoid(x), 0, 3, 1),
    (sc.exp(-x**2), 0, 6, 1),
    (sc.cosh(x) * sc.sin(x), 1, 4, sc.Rational(1, 2)),
    (sc.tanh(x), 0, 3, sc.Rational(1, 4)),
    (x**sc.Rational(1, 3), 8, 2, 1),
])
def test_taylor_remainder_bound_holds(f, x0, n, r):
    t, worst = _check_taylor_bound(f, x0, n, r)
    assert worst <= float(t.error_bound) and worst > 0
    # the polynomial is the series' truncation; the remainder names xi
    assert sc.expand(t.polynomial - sc.series(f, x, x0, n + 1)) == 0
    assert sc.Symbol("xi") in t.remainder.free_symbols


def test_taylor_textbook_examples():
    t = sc.taylor(sc.exp(x), x, 0, 4, 1)         # e^x on [-1, 1]: M = e, so e/5! < 0.0227
    assert str(t.polynomial) == "x^4/24 + x^3/6 + x^2/2 + x + 1"
    assert 2.718281 < float(t.M) < 2.7183 and float(t.error_bound) < 0.02266
    t = sc.taylor(sc.sin(x), x, 0, 5, sc.pi / 2)
    assert float(t.M) < 1.0001                    # |sin| <= 1
    t = sc.taylor(sc.tan(x), x, 0, 3, 2)          # a pole at pi/2 inside: no bound
    assert t.M is None and t.error_bound is None and "no bound" in str(t)
    assert sc.taylor(sc.exp(x), x, 0, 2).interval is None
    with pytest.raises(sc.SeriesError):
        sc.taylor(sc.log(x), x, 0, 2)             # log at 0: no Taylor polynomial


@settings(max_examples=25, deadline=None)
@given(expressions(3, functions=["exp", "sin", "cos", "atan", "sqrt", "log", "tanh"]),
       st.integers(1, 4), st.sampled_from([sc.Rational(1, 4), sc.Rational(1, 2), 1]))
def test_taylor_bounds_hold_for_random_functions(f, n, r):
    f = _univariate(f)
    assume(x in f.free_symbols)
    try:
        t = sc.taylor(f, x, 1, n, r)
    except sc.SymcalcError:
        event("no Taylor polynomial")
        return
    if t.error_bound is None:
        event("no bound")
        return
    lo, hi = 1 - float(r), 1 + float(r)
    with mp.workdps(30):
        for i in range(21):
            p = mp.mpf(lo) + (hi - lo) * mp.mpf(i) / 20
            fv, pv = mp_eval(f, {x: p}), mp_eval(t.polynomial, {x: p})
            assume(fv is not None and pv is not None and not isinstance(fv, mp.mpc))
            assert abs(fv - pv) <= t.error_bound.evalf(), (f, n, r, float(p))
    event("bound checked")


@pytest.mark.parametrize("e, n, want", [
    ("loggamma(x)", 4, "x*log(x) - x - log(x)/2 + log(2*pi)/2 + 1/(12*x) - 1/(360*x^3)"),
    ("digamma(x)", 5, "log(x) - 1/(2*x) - 1/(12*x^2) + 1/(120*x^4)"),
    ("x*Ei(x)*exp(-x)", 4, "1 + 1/x + 2/x^2 + 6/x^3"),
])
def test_stirling_and_ei_asymptotic_series(e, n, want):
    got = sc.series(sc.parse(e), x, sc.oo, n)
    assert sc.expand(got - sc.parse(want)) == 0
    v = float((sc.parse(e) - got).subs({x: 40}).evalf())   # the remainder is small
    assert abs(v) < 40.0 ** -(n - 1)


def test_functions_of_series_with_order_terms():
    s = sc.series(sc.sin(x), x, 0, 6, order_term=True)
    assert sc.expand(sc.exp(s).removeO() - sc.series(sc.exp(sc.sin(x)), x, 0, 6)) == 0
    assert str(sc.exp(O(x))) == "1 + O(x)"
    assert str(sc.atan(sc.series(sc.tan(x), x, 0, 5, order_term=True))) == "x + O(x^5)"
    assert str((x**2 + O(x**3))**sc.Rational(1, 2)) == "x + O(x^2)"
    for bad in (lambda: sc.log(x + O(x**2)), lambda: sc.abs(x + O(x**2)),
                lambda: sc.exp(1 / x + O(x))):
        with pytest.raises(sc.SeriesError):     # not analytic there: no O-term
            bad()


def test_series_integrate_term_by_term():
    s = sc.series(1 / (1 + x**2), x, 0, 8, order_term=True)
    assert s.integrate() == sc.series(sc.atan(x), x, 0, 9, order_term=True)
    assert str(sc.series(sc.sqrt(x), x, 0, 2, order_term=True).integrate()) == \
        "2*x^(3/2)/3 + O(x^3)"
    with pytest.raises(sc.SeriesError):
        sc.series(1 / x, x, 0, 2, order_term=True).integrate()   # a logarithm


def test_expressions_with_order_terms_pickle():
    import pickle

    e = sc.parse("1 + x + O(x^3)")
    assert pickle.loads(pickle.dumps(e)) is e


@given(st.sampled_from(["sqrt(1 - cos({k}*x))", "sqrt(x^2 + {k}*x^3)", "(1 - cos({k}*x))^(3/2)",
                         "sqrt(sinh({k}*x)^2 + x^4)", "sqrt(x^4 + {k}*x^6)", "x^x + {k}*x",
                         "sqrt(x)*exp({k}*x)", "(exp({k}*x) - 1)^(1/3)", "sqrt(1 - cos(x)^{k})",
                         "log(1 + {k}*x^2)^(1/2)", "sqrt(x^2*exp({k}*x))"]),
       st.integers(min_value=1, max_value=3))
def test_a_two_sided_series_holds_on_both_sides_or_is_refused(form, k):
    # sqrt(1 - cos(x)) = |x|/sqrt(2) + ...: the Puiseux series for x > 0 (x/sqrt(2)) was
    # returned for the default two-sided request, wrong for x < 0
    x = sc.Symbol("x")
    e = sc.parse(form.format(k=k))
    n = 4
    sides = (0.01, -0.01)
    try:
        s = sc.series(e, x, 0, n)
    except sc.SeriesError:
        try:  # refused two-sided: the side asked for, where there is one, holds there
            s, sides = sc.series(e, x, 0, n, dir="+"), (0.01,)
        except sc.SeriesError:
            return
    for h in sides:
        exact = complex(e.subs({x: h}).evalf(30))
        if abs(exact.imag) > 1e-12:
            continue  # not real on this side: the series is for the other one
        approx = complex(s.subs({x: h}).evalf(30))
        assert abs(approx - exact) < 1e-5 * max(1.0, abs(exact)), (form, k, h, s)
