"""Rational functions times powers of the logarithm of a linear polynomial.

∫ R(x)*(a + b*log(w))^n dx with w = p*x + q and R rational: the integrand is written as a
polynomial in L = log(w) with rational coefficients R_k(x), each R_k is split into
partial fractions, and the pieces are integrated one by one: polynomials and higher
powers of linear denominators by parts (the other methods), and the simple poles of L
by the dilogarithm,

    ∫ log(w)/(x - r) dx = log(w)*log(1 - w/s) + Li2(w/s),   s = p*r + q != 0,

(log(w)^2/2 when s = 0), which is d/dx-checked like every answer.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("(a + b*log(e*x - 2))/x"), x)
a*log(x) + b*(Li2(1 - e*x/2) + log(e*x/2)*log(e*x - 2))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.numbers import HALF as HALF_
from ...core.numbers import MINUS_ONE, ZERO
from ...core.numbers import ONE as ONE_
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .radicals import poly_coeffs
from .rational import is_rational_function
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _d(e: Expr, x: Symbol) -> Expr:
    from ..diff import diff

    return diff(e, x)


def _linear(u: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    try:
        p = expand(_d(u, x))
    except SymcalcError:
        return None
    if p is ZERO or _has(p, x):
        return None
    q = expand(add(u, mul(MINUS_ONE, p, x)))
    return (p, q) if not _has(q, x) else None


def _simple_pole(T: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(c, r) with T = c/(x - r), else None."""
    from .engine import split_constant

    c, dep = split_constant(T, x)
    if not (dep.is_Pow and dep.args[1] is MINUS_ONE):
        return None
    lin = _linear(dep.args[0], x)
    if lin is None:
        return None
    al, be = lin
    return mul(c, power(al, MINUS_ONE)), mul(MINUS_ONE, be, power(al, MINUS_ONE))


def _dilog(L: Expr, w: Expr, p: Expr, q: Expr, r: Expr, x: Symbol) -> Expr:
    """∫ log(w)/(x - r) dx for w = p*x + q."""
    from ...core.functions import Li2, log

    s = expand(add(mul(p, r), q))
    if s is ZERO:
        return mul(power(L, 2), power(2, MINUS_ONE))
    if _has(s, x):
        pass
    elif s is not ONE_ and s.is_Add:
        try:
            from ...algebra.rational import cancel

            s = cancel(s)
        except (SymcalcError, ArithmeticError):
            pass
    if s is ONE_ or (s.is_Number and s.value > 0):
        # w = s*(1 + p*(x - r)/s): log(s)*log(x - r) - Li2(1 - w/s), real wherever w > 0
        # (the form below has log(1 - w/s), complex for w > s)
        out = mul(MINUS_ONE, Li2(expand(add(1, mul(MINUS_ONE, w, power(s, MINUS_ONE))))))
        if s is ONE_:
            return out
        return add(out, mul(log(s), log(expand(add(x, mul(MINUS_ONE, r))))))
    z = mul(w, power(s, MINUS_ONE))
    return add(mul(L, log(expand(add(1, mul(MINUS_ONE, z))))), Li2(expand(z)))


def log_rational_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(x)*P(log(p*x + q)) dx, R rational, P a polynomial (see the module docstring)."""
    from ...algebra.rational import apart

    logs = {n for n in e.preorder() if n.is_Function and n.fdef.name == "log" and _has(n, x)}
    if len(logs) > 1:
        return _several_logs(e, x, ctx, logs)
    if len(logs) != 1:
        return None
    L = logs.pop()
    w = L.args[0]
    lin = _linear(w, x)
    if lin is None:
        return None
    p, q = lin
    lam = Symbol("_log_")
    try:
        h = expand(subs(e, {L: lam}))
    except (SymcalcError, ArithmeticError):
        return None
    if not is_rational_function(h, x):
        return None
    cs = poly_coeffs(h, lam)   # coefficients of lam^k (free of lam)
    if cs is None or len(cs) < 2 or len(cs) > 7:
        return None
    out: list[Expr] = []
    subs_: list[Step] = []
    for k, R in enumerate(cs):
        if R is ZERO:
            continue
        if k == 0:
            st = ctx.integrate(R, x)
            if st is None:
                return None
            out.append(st.result)
            subs_.append(st)
            continue
        ctx.check()
        if R.count_ops() > 60 or len(free_symbols(R)) > 5:
            return None   # apart with many parameters is slow (and does not poll)
        try:
            Rp = apart(R, x)
        except (SymcalcError, ArithmeticError):
            return None
        pieces: dict[Expr, Expr] = {}
        other: list[Expr] = []
        for T in (Rp.args if Rp.is_Add else (Rp,)):
            sp = _simple_pole(T, x) if k == 1 else None
            if sp is not None:
                c, r = sp
                pieces[r] = add(pieces.get(r, ZERO), c)
            else:
                other.append(T)
        for r, c in pieces.items():
            out.append(mul(c, _dilog(L, w, p, q, r, x)))
        if other:
            rest = mul(add(*other), power(L, k))
            if rest is e:
                return None
            st = ctx.integrate(rest, x)
            if st is None:
                return None
            out.append(st.result)
            subs_.append(st)
    F = add(*out)
    from .verify import verify

    if not verify(F, e, x):
        return None
    return Step("logarithm times a rational function", e, x, F, tuple(subs_),
                f"partial fractions in {x}, L = {L}")


def _fraction(w: Expr, x: Symbol) -> tuple[Expr, Expr, Expr, Expr] | None:
    """(n1, n0, d1, d0) with w = (n1*x + n0)/(d1*x + d0), d1 != 0, n1*d0 - n0*d1 != 0."""
    from ...algebra.rational import cancel, numer_denom

    try:
        N, D = numer_denom(cancel(w))
    except (SymcalcError, ArithmeticError):
        return None
    ln, ld = _linear(N, x), _linear(D, x)
    if ld is None:
        return None
    if ln is None:
        if _has(N, x):
            return None
        ln = (ZERO, N)
    (n1, n0), (d1, d0) = ln, ld
    if expand(add(mul(n1, d0), mul(MINUS_ONE, n0, d1))) is ZERO:
        return None
    return n1, n0, d1, d0


def log_fraction_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(x)*P(log(w)) dx for a linear fraction w = (n1*x + n0)/(d1*x + d0) and R rational:
    the change of variable w (x = (d0*w - n0)/(n1 - d1*w), rational) leaves a rational
    function of w times a polynomial in log(w), for :func:`log_rational_method`."""
    from ...algebra.rational import cancel
    from ...core.functions import log

    logs = {n for n in e.preorder() if n.is_Function and n.fdef.name == "log" and _has(n, x)}
    if len(logs) != 1:
        return None
    L = logs.pop()
    w = L.args[0]
    fr = _fraction(w, x)
    if fr is None:
        return None
    n1, n0, d1, d0 = fr
    W = Symbol("_w_") if "w" in {s.name for s in free_symbols(e)} else ctx.dummy(e)
    X = mul(add(mul(d0, W), mul(MINUS_ONE, n0)), power(add(n1, mul(MINUS_ONE, d1, W)),
                                                        MINUS_ONE))
    lam = Symbol("_log_")
    try:
        r = subs(e, {L: lam})
        if not is_rational_function(r, x):
            return None
        h = mul(subs(r, {x: X}), _d(X, W))
        h = subs(cancel(h), {lam: log(W)})
    except (SymcalcError, ArithmeticError):
        return None
    if h.count_ops() > 80:
        return None
    st = ctx.integrate(h, W)
    if st is None:
        return None
    try:
        F = subs(st.result, {W: w})
    except (SymcalcError, ArithmeticError):
        return None
    from .verify import verify

    if not verify(F, e, x):
        return None
    return Step("substitution", e, x, F, (st,), f"{W} = {w}")


def _several_logs(e: Expr, x: Symbol, ctx: Context, logs: set[Expr]) -> Step | None:
    """R0 + sum R_i*log(w_i) (no products of logarithms, each w_i linear): one integral
    per logarithm."""
    ordered = sorted(logs, key=lambda n: n.sort_key())
    if len(ordered) > 4 or any(_linear(L.args[0], x) is None for L in ordered):
        return None
    syms = [Symbol(f"_log{i}_") for i in range(len(ordered))]
    try:
        h = expand(subs(e, dict(zip(ordered, syms))))
    except (SymcalcError, ArithmeticError):
        return None
    groups: dict[int, list[Expr]] = {}
    for t in (h.args if h.is_Add else (h,)):
        fs = set(free_symbols(t)) & set(syms)
        if len(fs) > 1:
            return None
        if fs:
            i = syms.index(fs.pop())
            c = subs(t, {syms[i]: 1})
            if subs(t, {syms[i]: 2}) is not mul(2, c) and expand(
                    add(subs(t, {syms[i]: 2}), mul(-2, c))) is not ZERO:
                return None   # a power of the logarithm
            groups.setdefault(i, []).append(mul(c, ordered[i]))
        else:
            groups.setdefault(-1, []).append(t)
    out, steps = [], []
    for i in sorted(groups):
        part = add(*groups[i])
        if not is_rational_function(subs(part, {ordered[i]: 1}) if i >= 0 else part, x):
            return None
        st = ctx.integrate(part, x)
        if st is None:
            return None
        out.append(st.result)
        steps.append(st)
    return Step("linearity over logarithms", e, x, add(*out), tuple(steps))


def atanh_as_logs_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """atanh(u) = (log(1 + u) - log(1 - u))/2 (real for |u| < 1), acoth(u) =
    (log(u + 1) - log(u - 1))/2 (|u| > 1; log read as log|.|), for u linear and the
    function to the first power times a rational function: then the logarithm methods."""
    from ...core.functions import log

    nodes = {n for n in e.preorder() if n.is_Function and n.fdef.name in ("atanh", "acoth")
             and _has(n, x)}
    if len(nodes) != 1:
        return None
    n = nodes.pop()
    u = n.args[0]
    if _linear(u, x) is None:
        return None
    if n.fdef.name == "atanh":
        r = mul(HALF_, add(log(expand(add(1, u))), mul(MINUS_ONE, log(expand(add(1, mul(
            MINUS_ONE, u)))))))
    else:
        r = mul(HALF_, add(log(expand(add(u, 1))), mul(MINUS_ONE, log(expand(add(u, -1))))))
    lam = Symbol("_atanh_")
    try:
        t = expand(subs(e, {n: lam}))
        if not is_rational_function(t, x):
            return None
        for term in (t.args if t.is_Add else (t,)):
            if any(f.is_Pow and f.args[0] is lam for f in (term.args if term.is_Mul
                                                             else (term,))):
                return None   # a power of atanh: products of logarithms
        h = subs(t, {lam: r})
    except (SymcalcError, ArithmeticError):
        return None
    st = ctx.integrate(h, x)
    if st is None:
        return None
    from .verify import verify

    if not verify(st.result, e, x):
        return None
    return Step("rewrite", e, x, st.result, (st,), f"{n} = {r}")


__all__ = ["atanh_as_logs_method", "log_fraction_method", "log_rational_method"]
