"""Property test of the squeeze theorem in limits at oo: random exp-log expressions
with one oscillating part sin(x) or cos(x) put in; whenever the symbolic limit is
decided, high-precision values at many phases near 10^8 and 10^16 (where such
expressions have settled) agree with it."""

from __future__ import annotations

import mpmath
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from test_limit_props import explog

import symcalc as sc
from symcalc.calculus.mpvalue import mp_value

x = sc.Symbol("x")


def _values(e: sc.Expr, base: int) -> list | None:
    out = []
    for j in range(5):
        v = mp_value(e, 120, {x: base + j})
        if v is None or isinstance(v, mpmath.mpc) or not mpmath.isfinite(v):
            return None
        out.append(v)
    return out


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(explog(depth=2), st.sampled_from(["sin(x)", "cos(x)", "2*sin(x)"]),
       st.sampled_from(["+", "*"]))
def test_squeezed_limits_agree_with_values_at_many_phases(text, osc, how):
    # put the oscillating part next to the first x of the expression
    i = text.find("x")
    assume(i >= 0)
    piece = f"(x + {osc})" if how == "+" else f"(x*(2 + {osc}))"
    try:
        e = sc.parse(text[:i] + piece + text[i + 1:])
    except sc.SymcalcError:
        assume(False)
        return
    try:
        got = sc.limit(e, x, sc.oo)
    except (sc.LimitNotFound, sc.LimitError):
        event("undecided")
        return
    far, farther = _values(e, 10**8), _values(e, 10**16)
    if far is None or farther is None:
        event("decided, no values")
        return
    if got is sc.oo:
        assert min(farther) > 0 and min(farther) >= min(far) * 0.999 or min(farther) > 1e6
    elif got == -sc.oo:
        assert max(farther) < 0 and max(farther) <= max(far) * 0.999 or max(farther) < -1e6
    else:
        L = mp_value(got, 50)
        spread = max(abs(v - L) for v in farther)
        # slowly converging parts (1/log x) are allowed to be off, but not more than
        # they were at 10^8, and never by a whole oscillation
        assert spread <= max(abs(v - L) for v in far) + 1e-9, (text, e, got, farther)
    event("decided and compared")
