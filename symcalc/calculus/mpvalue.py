"""High-precision values and signs of constant expressions (mpmath, imported lazily).

Limits need to know whether a constant such as ``sqrt(2)*sqrt(3) - sqrt(6)`` or
``log(2) - 1/2`` is zero, positive or negative. ``const_sign`` answers only when it can
prove the answer: exactly for numbers and from the assumptions on symbols, otherwise by
evaluating at two precisions (50 and 90 digits) and accepting a sign only when both
values agree and are clearly away from zero; zero is accepted only when ``expand`` or
``simplify`` turns the constant into 0. Anything else is undecided (None).

>>> from symcalc import sqrt, log, pi, parse
>>> const_sign(log(2) - parse("1/2")), const_sign(pi - 3), const_sign(sqrt(8) - 2*sqrt(2))
(1, 1, 0)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.assumptions import sign_class
from ..core.expr import Expr
from ..core.traversal import free_symbols
from ..errors import SymcalcError

_CONSTANTS = {"pi": "pi", "E": "e"}


def mp_value(e: Expr, dps: int = 50, env: dict | None = None) -> Any:
    """The value of ``e`` as an mpmath number at ``dps`` digits (``env``: symbol ->
    number), or None where it cannot be evaluated (unknown function, pole, oo)."""
    import mpmath

    ctx = mpmath.mp.clone() if hasattr(mpmath.mp, "clone") else mpmath.MPContext()
    ctx.dps = dps
    memo: dict[int, Any] = {}
    try:
        return _ev(ctx, e, env or {}, memo)
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, KeyError,
            AttributeError, SymcalcError, RecursionError):
        return None


def _ev(mp: Any, e: Expr, env: dict, memo: dict) -> Any:
    r = memo.get(id(e))
    if r is not None:
        return r
    if e.is_Number:
        v = e.value
        r = mp.mpf(v.numerator) / v.denominator if isinstance(v, Fraction) else mp.mpf(v)
    elif e.is_Symbol:
        r = mp.mpf(env[e])
    elif e.is_Atom:
        r = getattr(mp, _CONSTANTS[e.name])
    elif e.is_Add:
        r = mp.fsum([_ev(mp, a, env, memo) for a in e.args])
    elif e.is_Mul:
        r = mp.mpf(1)
        for a in e.args:
            r = r * _ev(mp, a, env, memo)
    elif e.is_Pow:
        b, p = (_ev(mp, a, env, memo) for a in e.args)
        if b == 0 and mp.re(p) <= 0:
            raise ZeroDivisionError
        r = mp.power(b, p)
    elif e.is_Function:
        impl = e.fdef.mpmath
        if impl is None:
            raise KeyError(e.fdef.name)
        vals = [_ev(mp, a, env, memo) for a in e.args]
        r = getattr(mp, impl)(*vals) if isinstance(impl, str) else impl(mp, *vals)
    else:
        raise KeyError(e.head)
    if isinstance(r, mp.mpc) and r.imag == 0:
        r = r.real
    elif isinstance(r, complex):
        r = mp.mpc(r)
    if not mp.isfinite(r):
        raise OverflowError
    memo[id(e)] = r
    return r


def _numeric_sign(c: Expr) -> int | None:
    """+1 / -1 when two precisions agree on a value clearly away from 0, else None
    (0 is never decided numerically)."""
    import mpmath

    lo, hi = mp_value(c, 50), mp_value(c, 90)
    if lo is None or hi is None:
        return None
    if getattr(lo, "imag", 0) or getattr(hi, "imag", 0):
        return None  # not real (mpc of the cloned context: not mpmath.mpc)
    lo, hi = mpmath.mpf(getattr(lo, "real", lo)), mpmath.mpf(getattr(hi, "real", hi))
    if abs(hi) < mpmath.mpf(10) ** -30:
        return None
    if abs(lo - hi) > abs(hi) * mpmath.mpf(10) ** -20:
        return None  # cancellation: the low-precision value is not trustworthy
    return 1 if hi > 0 else -1


_SIGNS = {"+": 1, "-": -1, "0": 0}
_cache: dict[Expr, int | None] = {}


def const_sign(c: Expr) -> int | None:
    """Sign (1, 0, -1) of an expression free of the limit variable, or None when it
    cannot be proved (symbols of unknown sign, a zero that does not simplify)."""
    if c.is_Number:
        v = c.value
        return 1 if v > 0 else -1 if v < 0 else 0
    s = _SIGNS.get(sign_class(c))
    if s is not None:
        return s
    if free_symbols(c):
        return _log_difference_sign(c)
    hit = _cache.get(c, 2)
    if hit != 2:
        return hit
    r = _numeric_sign(c)
    if r is None:
        r = _proved_zero(c)
    if len(_cache) > 4096:
        _cache.clear()
    _cache[c] = r
    return r


def _log_difference_sign(c: Expr) -> int | None:
    """sign(k (log u - log v)) = sign(k) sign(u - v) for u, v > 0 (log is increasing):
    log(a^2 + 1) - log(a^2 + 2) < 0 for every a."""
    if not (c.is_Add and len(c.args) == 2):
        return None
    parts = []
    for t in c.args:
        k, f = (t.args[0], _mul_rest(t)) if t.is_Mul and t.args[0].is_Number else (None, t)
        if k is None:
            k_val = 1
        else:
            k_val = k.value
        if not (f.is_Function and f.fdef.name == "log"):
            return None
        parts.append((k_val, f.args[0]))
    (k1, u), (k2, v) = parts
    if k1 != -k2 or sign_class(u) != "+" or sign_class(v) != "+":
        return None
    from ..core.arithmetic import add, mul

    d = _SIGNS.get(sign_class(add(u, mul(-1, v))))
    if d is None or d == 0:
        return None
    return d if k1 > 0 else -d


def _mul_rest(t: Expr) -> Expr:
    from ..core.arithmetic import mul

    return mul(*t.args[1:])


def _proved_zero(c: Expr) -> int | None:
    from ..core.expand import expand

    try:
        if expand(c).is_zero():
            return 0
        split = _split_rational_logs(c)
        if split is not c and expand(split).is_zero():
            return 0  # 2 log 2 - log 4
        from ..algebra.simplify import simplify

        if simplify(c).is_zero():
            return 0
    except SymcalcError:
        return None
    return None


def _split_rational_logs(c: Expr) -> Expr:
    """log(p/q) = sum e_i log(p_i) over the primes of p and q (small ones only)."""
    from ..core.arithmetic import add, mul
    from ..core.ntheory import factorint
    from ..core.numbers import number
    from ..core.traversal import subs

    mapping = {}
    for n in c.preorder():
        if n.is_Function and n.fdef.name == "log" and n.args[0].is_Number:
            v = n.args[0].value
            if isinstance(v, float) or v <= 0:
                continue
            v = Fraction(v)
            if max(v.numerator, v.denominator) > 10**12:
                continue
            terms = [mul(e, n.fdef(number(p))) for p, e in factorint(v.numerator)]
            terms += [mul(-e, n.fdef(number(p))) for p, e in factorint(v.denominator)]
            if len(terms) > 1 or terms and terms[0] is not n:
                mapping[n] = add(*terms)
    return subs(c, mapping) if mapping else c


def is_nonzero_const(c: Expr) -> bool:
    """True when ``c`` is proved to be a nonzero constant."""
    s = const_sign(c)
    return s is not None and s != 0


__all__ = ["const_sign", "is_nonzero_const", "mp_value"]
