"""Property tests of limits at infinity: random exp-log expressions (with the classic
0*oo, oo - oo and 1^oo gadgets inside) whose limit is bracketed by high-precision values
at x = 10^3, 10^6, ..., 10^48 must get the same symbolic limit, or none (undecided is
allowed, wrong is not); and the limit at 0+ of f(1/x) is the limit at oo of f."""

from __future__ import annotations

import mpmath
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc.calculus.mpvalue import mp_value

x = sc.Symbol("x")
oo = sc.oo
POINTS = [10**3, 10**6, 10**12, 10**24, 10**48]

#: growing positive expressions u (u -> oo) for the gadgets below
_GROWING = ["x", "log(x)", "x^2", "sqrt(x)", "x*log(x)", "x + log(x)", "x/log(x)"]
#: (template, limit) with u -> oo: the classic indeterminate forms
_GADGETS = ["U*(log(U + 1) - log(U))", "sqrt(U + 1) - sqrt(U)", "(1 + 1/U)^U",
            "U*(exp(1/U) - 1)", "log(U)/U", "U*sin(1/U)", "(U + 1)/(U - 1)",
            "U^(1/U)", "U*(pi/2 - atan(U))", "exp(-U)*U^3", "log(1 + U)/log(U)",
            "U - sqrt(U^2 - U)", "(2*U + 3)/(U + log(U))"]
_LEAVES = ["x", "log(x)", "sqrt(x)", "exp(x)", "exp(-x)", "exp(sqrt(x))", "log(log(x))",
           "1/x", "1", "2", "3", "1/2"]


@st.composite
def explog(draw: st.DrawFn, depth: int = 3) -> str:
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        if draw(st.booleans()):
            g = draw(st.sampled_from(_GADGETS))
            return "(" + g.replace("U", "(" + draw(st.sampled_from(_GROWING)) + ")") + ")"
        return draw(st.sampled_from(_LEAVES))
    op = draw(st.sampled_from(["+", "-", "*", "/", "log", "exp", "pow"]))
    a = draw(explog(depth - 1))
    if op == "log":
        return f"log(2 + ({a})^2)"
    if op == "exp":
        return f"exp(1/(1 + ({a})^2))"
    if op == "pow":
        return f"({a})^{draw(st.sampled_from(['2', '3', '-1']))}"
    b = draw(explog(depth - 1))
    return f"({a}) {op} ({b})"


def _parse(text: str) -> sc.Expr:
    try:
        return sc.parse(text)
    except sc.SymcalcError:  # 1/(x - x): no expression
        assume(False)
        raise


def _value(e: sc.Expr, X: int) -> mpmath.mpf | None:
    """f(X) to about 40 digits: the values at 150 and 300 digits must agree."""
    lo, hi = mp_value(e, 150, {x: X}), mp_value(e, 300, {x: X})
    if lo is None or hi is None or isinstance(lo, mpmath.mpc) or isinstance(hi, mpmath.mpc):
        return None
    if not (mpmath.isfinite(lo) and mpmath.isfinite(hi)):
        return None
    if abs(lo - hi) > mpmath.mpf(10)**-40 * (1 + abs(hi)):
        return None
    return hi


def _bracket(e: sc.Expr) -> tuple[str, mpmath.mpf | None] | None:
    """("value", V) when the values settle at V, ("+oo"/"-oo", None) when they grow
    geometrically in one direction, else None (not bracketed)."""
    vs = []
    for X in POINTS:
        v = _value(e, X)
        if v is None:
            return None
        vs.append(v)
    v3, v4, v5 = vs[2:]
    if abs(v5 - v4) <= 1e-8 * (1 + abs(v5)) and abs(v4 - v3) <= 1e-4 * (1 + abs(v4)):
        return "value", v5
    if v5 > 50 and v5 >= 1.5 * v4 and v4 >= 1.5 * v3 > 0:
        return "+oo", None
    if v5 < -50 and v5 <= 1.5 * v4 and v4 <= 1.5 * v3 < 0:
        return "-oo", None
    return None


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(explog())
def test_limit_at_infinity_agrees_with_bracketing_numerics(text):
    e = _parse(text)
    try:
        got = sc.limit(e, x, oo)
    except (sc.LimitNotFound, sc.LimitError):
        event("undecided")
        return
    except sc.DomainError:  # "does not exist": only for oscillation, not exp-log
        raise AssertionError(f"{text}: an exp-log limit at oo said not to exist") from None
    b = _bracket(e)
    if b is None:
        event("decided, not bracketed")
        return
    kind, v = b
    if kind == "value":
        assert got is not oo and got != -oo, (text, got, v)
        L = mp_value(got, 50)
        assert L is not None and abs(L - v) <= 1e-6 * (1 + abs(v)), (text, got, v)
    elif kind == "+oo":
        assert got is oo, (text, got)
    else:
        assert got == -oo, (text, got)
    event(f"decided and bracketed ({kind})")


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(explog(depth=2))
def test_limit_at_zero_of_f_of_one_over_x_is_the_limit_at_infinity(text):
    e = _parse(text)
    try:
        at_oo = sc.limit(e, x, oo)
        at_0 = sc.limit(e.subs({x: 1 / x}), x, 0, "+")
    except (sc.LimitNotFound, sc.LimitError):
        event("undecided")
        return
    assert at_oo == at_0 or (not at_oo.has(oo) and not at_0.has(oo)
                             and abs(mp_value(at_oo - at_0, 50)) < 1e-40), (text, at_oo, at_0)
    event("both decided")
