"""Definite integrals of functions with kinks and jumps: split the range where they break.

``abs``, ``max``, ``min``, ``piecewise``, ``floor``/``ceiling``/``frac``, ``sign``,
``heaviside`` and the activations of :mod:`symcalc.core.kinks` (relu, hardtanh, …) are
analytic between their break points. The break points inside [a, b] are found exactly
(zeros of the argument, of differences of the arguments of max/min, of the two sides of
a piecewise condition, integer crossings of a floor's linear argument); on each piece
every such function is replaced by the analytic expression it equals there (read off at
an interior sample point) and the pieces are integrated one by one. If a break point
cannot be found exactly, nothing is claimed.

>>> from symcalc import symbols, parse, oo
>>> x = symbols("x")
>>> split_pieces(parse("abs(x)"), x, -1, 2)
[(-1, 0, -x), (0, 2, x)]
"""

from __future__ import annotations

import math

from ...core.arithmetic import add, mul
from ...core.expr import Expr, as_expr
from ...core.numbers import MINUS_ONE, ONE, ZERO, number, oo
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from ...errors import SymcalcError

NEG_OO = mul(MINUS_ONE, oo)

#: functions with breaks where their (first) argument takes these values
_POINTS: dict[str, tuple[int, ...]] = {
    "abs": (0,), "relu": (0,), "leaky_relu": (0,), "elu": (0,), "celu": (0,), "selu": (0,),
    "softsign": (0,), "sign": (0,), "heaviside": (0,), "hardtanh": (-1, 1),
    "hardsigmoid": (-3, 3), "hardswish": (-3, 3),
}
_STEPS = ("floor", "ceiling", "frac")
#: at most this many pieces (floor(100*x) on [0, 1] has 100)
_MAX_PIECES = 400


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _kinked(n: Expr, x: Symbol) -> bool:
    if not _has(n, x):
        return False
    if n.head == "piecewise":
        return True
    return n.is_Function and (n.fdef.name in _POINTS or n.fdef.name in _STEPS
                              or n.fdef.name in ("max", "min"))


def has_breaks(e: Expr, x: Symbol) -> bool:
    """Whether e contains a function of x that this module splits at."""
    return any(_kinked(n, x) for n in e.preorder())


def _relations(c: Expr) -> list[Expr]:
    if c.is_Relational:
        return [add(c.lhs, mul(MINUS_ONE, c.rhs))]
    if c.is_Boolean and c.args:
        out = []
        for a in c.args:
            out.extend(_relations(a))
        return out
    return []


def _value(e: Expr) -> float | None:
    from .definite import _num

    return _num(e)


def _breaks(n: Expr, x: Symbol, lo: float, hi: float) -> list[Expr] | None:
    """Break points of one node inside (lo, hi), or None when they cannot be found."""
    from .definite import _eval_at, _zeros

    us: list[Expr] = []
    if n.head == "piecewise":
        for c in n.args[1::2]:
            us.extend(_relations(c))
    elif n.fdef.name in ("max", "min"):
        a = n.args
        us = [add(a[i], mul(MINUS_ONE, a[j])) for i in range(len(a)) for j in range(i)]
    elif n.fdef.name in _POINTS:
        us = [add(n.args[0], number(-p)) for p in _POINTS[n.fdef.name]]
    else:  # floor, ceiling, frac of a linear argument on a finite range
        from ..diff import diff

        u = n.args[0]
        slope = diff(u, x)
        if not (math.isfinite(lo) and math.isfinite(hi)):
            return None
        if _has(slope, x):
            return _level_crossings(u, x, lo, hi)
        ul, uh = _eval_at(u, x, lo), _eval_at(u, x, hi)
        s = _value(slope)
        if ul is None or uh is None or s is None or s == 0:
            return None
        k0, k1 = sorted((ul, uh))
        ks = range(math.ceil(k0 - 1e-12), math.floor(k1 + 1e-12) + 1)
        if len(ks) > _MAX_PIECES:
            return None
        c0 = add(u, mul(MINUS_ONE, slope, x))
        return [mul(add(number(k), mul(MINUS_ONE, c0)), slope ** -1) for k in ks]
    from .definite import bad_points

    out: list[Expr] = []
    for u in us:
        if not _has(u, x):
            continue
        z = _zeros(u, x, lo, hi)
        # u may also change sign where it is singular (1/x < 1 at x = 0)
        poles = bad_points([u], x, lo, hi)
        if z is None or poles is None:
            return None
        out.extend(z)
        out.extend(poles)
    return out


def _linear_arg(u: Expr, x: Symbol) -> bool:
    from ..diff import diff

    return not _has(diff(u, x), x)


def _level_crossings(u: Expr, x: Symbol, lo: float, hi: float) -> list[Expr] | None:
    """Exact points of (lo, hi) where a nonlinear u crosses an integer (floor(x^2)): the
    integers in u's range, read from samples with a margin of one, each solved for."""
    from .definite import _eval_at, _zeros

    vals = [_eval_at(u, x, lo + (hi - lo) * i / 2000) for i in range(2001)]
    if any(v is None for v in vals):
        return None
    ks = range(math.floor(min(vals)) - 1, math.ceil(max(vals)) + 2)
    if len(ks) > _MAX_PIECES // 4:
        return None
    out: list[Expr] = []
    for k in ks:
        z = _zeros(add(u, number(-k)), x, lo, hi)
        if z is None:
            return None
        out.extend(z)
    return out


def _truth(c: Expr, x: Symbol, v: float) -> bool | None:
    from .definite import _eval_at

    if c.head in ("True", "False"):
        return bool(c)
    if c.is_Relational:
        d = _eval_at(add(c.lhs, mul(MINUS_ONE, c.rhs)), x, v)
        if d is None or abs(d) < 1e-12:
            return None
        return {"<": d < 0, "<=": d < 0, ">": d > 0, ">=": d > 0, "==": False,
                "!=": True}[c.op]
    kids = [_truth(a, x, v) for a in c.args]
    if any(k is None for k in kids):
        return None
    if c.head == "And":
        return all(kids)
    if c.head == "Or":
        return any(kids)
    if c.head == "Not":
        return not kids[0]
    return None


def _resolve(e: Expr, x: Symbol, v: float) -> Expr | None:
    """e with every break function replaced by its analytic branch around x = v."""
    from ...core.kinks import branch
    from .definite import _eval_at

    memo: dict[Expr, Expr | None] = {}

    def go(n: Expr) -> Expr | None:
        if n in memo:
            return memo[n]
        if not _has(n, x) or not n.args:
            memo[n] = n
            return n
        if n.head == "piecewise":
            out = None
            for val, c in zip(n.args[0::2], n.args[1::2], strict=True):
                t = _truth(c, x, v)
                if t is None:
                    break
                if t:
                    out = go(val)
                    break
            memo[n] = out
            return out
        kids = [go(a) for a in n.args]
        if any(k is None for k in kids):
            memo[n] = None
            return None
        r: Expr | None = n.func(*kids) if n.args else n
        if n.is_Function and _kinked(n, x):
            name = n.fdef.name
            vals = [_eval_at(k, x, v) for k in kids]
            if any(w is None for w in vals):
                r = None
            elif name in ("max", "min"):
                pick = max if name == "max" else min
                r = kids[vals.index(pick(vals))]
            elif name in _STEPS:
                fl = math.floor(vals[0])
                r = {"floor": number(fl), "ceiling": number(fl + 1),
                     "frac": add(kids[0], number(-fl))}[name]
            elif name == "sign":
                r = ONE if vals[0] > 0 else MINUS_ONE
            elif name == "heaviside":
                r = ONE if vals[0] > 0 else ZERO
            else:
                pts = _POINTS[name]
                u = vals[0]
                if u < pts[0]:
                    r = branch(name, tuple(kids), number(pts[0]), False)
                else:
                    p = max(q for q in pts if q < u)
                    r = branch(name, tuple(kids), number(p), True)
        memo[n] = r
        return r

    try:
        return go(e)
    except (SymcalcError, ArithmeticError, ValueError, KeyError):
        return None


def _sample(lo: float, hi: float) -> float:
    if math.isinf(lo) and math.isinf(hi):
        return 0.5
    if math.isinf(lo):
        return hi - 1.0
    if math.isinf(hi):
        return lo + 1.0
    return lo + (hi - lo) * 0.4142135623730951


def split_pieces(e: Expr, x: Symbol, a: object, b: object
                 ) -> list[tuple[Expr, Expr, Expr]] | None:
    """[(lo, hi, analytic integrand on (lo, hi))] covering [a, b] (a < b), or None."""
    from .definite import _is_inf, _num

    a, b = as_expr(a), as_expr(b)
    ka, kb = _is_inf(a), _is_inf(b)
    av = -math.inf if ka < 0 else math.inf if ka > 0 else _num(a)
    bv = -math.inf if kb < 0 else math.inf if kb > 0 else _num(b)
    if av is None or bv is None or not av < bv:
        return None
    pts: dict[float, Expr] = {}
    seen: set[Expr] = set()
    for n in e.preorder():
        if n in seen or not _kinked(n, x):
            continue
        seen.add(n)
        found = _breaks(n, x, av, bv)
        if found is None:
            return None
        for p in found:
            pv = _num(p)
            if pv is None:
                return None
            if av < pv < bv:
                pts.setdefault(round(pv, 12), p)
    if len(pts) > _MAX_PIECES:
        return None
    knots = [a, *(pts[k] for k in sorted(pts)), b]
    kv = [av, *sorted(pts), bv]
    out = []
    for i in range(len(knots) - 1):
        g = _resolve(e, x, _sample(kv[i], kv[i + 1]))
        if g is None or has_breaks(g, x):
            return None
        out.append((knots[i], knots[i + 1], g))
    return out


def split_definite(e: Expr, x: Symbol, a: Expr, b: Expr, timeout: float
                   ) -> tuple[Expr, str, tuple] | None:
    """∫_a^b e dx as a sum over the pieces, with a note and the pieces' steps, or None."""
    from .api import is_integral
    from .definite import definite

    pieces = split_pieces(e, x, a, b)
    if pieces is None:
        return None
    total = []
    steps: list = []
    from ...errors import DomainError
    from .definite import _is_inf, _num, _quadrature

    # the integers a nonlinear floor argument crosses were read off samples: check the
    # sum against quadrature of the original integrand, piece by piece
    finite = not (_is_inf(a) or _is_inf(b)) and any(
        n.is_Function and n.fdef.name in _STEPS and _has(n, x)
        and not _linear_arg(n.args[0], x) for n in e.preorder())
    q = 0.0
    for lo, hi, g in pieces:
        if finite:   # the original integrand by quadrature on each piece: a check
            lv, hv = _num(lo), _num(hi)
            qi = None if lv is None or hv is None else _quadrature(e, x, lv, hv, 8)
            if qi is None:
                finite = False
            else:
                q += qi
        try:
            v, st = definite(g, x, lo, hi, timeout)
        except DomainError as err:
            why = str(err).removeprefix("integrate: ")
            raise DomainError(f"integrate: ∫ {e} d{x} from {a} to {b} diverges: on "
                              f"[{lo}, {hi}] the integrand is {g}, and {why}") from None
        if is_integral(v):
            return None
        total.append(v)
        if st is not None:
            steps.append(st)
    from .definite_gauss import _tidy_value

    value = _tidy_value(add(*total))
    if finite:
        v = _num(value)
        if v is None and not free_symbols(value) or v is not None and \
                abs(v - q) > 1e-6 * max(1.0, abs(q)):
            return None
    return value, f"{x} = " + ", ".join(str(p[0]) for p in pieces[1:]), tuple(steps)


__all__ = ["has_breaks", "split_definite", "split_pieces"]
