"""Limits of expressions with step functions (floor, ceiling, frac, sign, heaviside) and
with functions that have kinks (relu, abs, hardtanh, hardswish, ...).

A step function is locally constant on each side of any point: near ``x0`` from one
side, ``floor(u)`` equals ``floor(L)`` where ``u -> L`` and L is not an integer, and
``L - 1`` or ``L`` at an integer L, depending on whether ``u`` approaches L from below
or from above (the sign of the leading term of ``u - L``). Replacing each step by that
constant is exact on a one-sided neighbourhood, so the limit of what remains is the
one-sided limit; the two-sided limit exists when both sides agree (else DomainError).
Where the side or the limit of an argument cannot be decided: LimitNotFound. A function
with a kink is replaced the same way by the analytic branch it equals on that side
(hardtanh(u) is u just below 1, 1 just above), so a difference quotient at a kink has
its one-sided value. Where the argument tends to infinity, ``floor(u) = u - frac(u)``
with ``frac(u)`` in [0, 1), a bounded oscillating part for Gruntz's bounds (the
squeeze theorem).

>>> from symcalc import symbols, floor, limit, Rational, oo
>>> x = symbols("x")
>>> limit(floor(x), x, 0, "+"), limit(floor(x), x, 0, "-"), limit(floor(x), x, Rational(1, 2))
(0, -1, 0)
>>> limit(x*floor(1/x), x, 0, "+")     # 1 - x < x floor(1/x) <= 1
1
>>> limit(x - floor(x), x, oo)         # frac(x) oscillates: undecided, never a guess
Traceback (most recent call last):
...
symcalc.calculus.limit.LimitNotFound: frac of an argument that tends to infinity
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.arithmetic import add, mul
from ..core.expr import Expr
from ..core.kinks import JUMPS, KINKS, branch
from ..core.numbers import MINUS_ONE, ONE, ZERO, oo
from ..core.symbol import Symbol
from ..core.traversal import free_symbols
from ..errors import DomainError

NEG_OO = mul(MINUS_ONE, oo)
LimitFn = Callable[..., Expr]


def has_steps(e: Expr, x: Symbol) -> bool:
    """Whether e applies a step function, or a function with a kink (relu, hardtanh),
    to something that depends on x."""
    return any(n.is_Function and (n.fdef.name in JUMPS or n.fdef.name in KINKS)
               and x in free_symbols(n) for n in e.preorder())


def limit_with_steps(e: Expr, x: Symbol, x0: Expr, dir: str, limit: LimitFn,  # noqa: A002
                     plain: LimitFn) -> Expr:
    """The limit of e (with step functions in it) as x -> x0 from dir ("+-", "+", "-");
    ``limit`` serves the arguments of the steps, ``plain`` (limits without this step
    handling) the frozen expression."""
    if x0 is oo or x0 == NEG_OO:
        return plain(freeze(e, x, x0, 1, limit), x, x0, "+-")
    sides = {"+": (1,), "-": (-1,), "+-": (1, -1)}[dir]
    values = [plain(freeze(e, x, x0, s, limit), x, x0, "+" if s > 0 else "-") for s in sides]
    if len(values) == 1 or values[0] == values[1]:
        return values[0]
    raise DomainError(f"the limit of {e} at {x} = {x0} does not exist: {values[1]} from the "
                      f"left, {values[0]} from the right")


def freeze(e: Expr, x: Symbol, x0: Expr, side: int, limit: LimitFn) -> Expr:
    """e with each step function of x replaced by the constant it equals near x0 on the
    given side (+1 above, -1 below; at ±oo the side is the inside of the line)."""
    memo: dict[Expr, Expr] = {}

    def walk(n: Expr) -> Expr:
        r = memo.get(n)
        if r is not None:
            return r
        if x not in free_symbols(n) or n.is_Atom:
            r = n
        else:
            args = tuple(walk(a) for a in n.args)
            r = n if all(a is b for a, b in zip(args, n.args)) else n.rebuild(args)
            if r.is_Function and r.fdef.name in JUMPS and x in free_symbols(r):
                r = _one_sided_value(r, x, x0, side, limit)
            elif r.is_Function and r.fdef.name in KINKS and x in free_symbols(r):
                r = _one_sided_branch(r, x, x0, side, limit)
        memo[n] = r
        return r

    return walk(e)


def _side_of(u: Expr, L: Expr, x: Symbol, x0: Expr, side: int) -> bool:
    """Whether u approaches L from above as x -> x0 from the side (the sign of the
    leading term of u - L); LimitNotFound when that cannot be decided."""
    from ..core.arithmetic import power
    from ..core.traversal import subs
    from .gruntz import Gruntz, LimitNotFound

    # the eventual sign of u - L by Gruntz's algorithm (proved, never a float guess)
    t = Symbol("_limit_t", positive=True)
    d = add(u, mul(MINUS_ONE, L))
    if x0 is oo:
        d = subs(d, {x: t})
    elif x0 == NEG_OO:
        d = subs(d, {x: mul(MINUS_ONE, t)})
    else:
        d = subs(d, {x: add(x0, mul(side, power(t, MINUS_ONE)))})
    g = Gruntz()
    try:
        s = g.sign(g.prepare(d, t), t)
    except RecursionError:
        s = 0
    if s == 0:
        raise LimitNotFound(f"cannot decide from which side {u} approaches {L}")
    return s > 0


def _one_sided_branch(k: Expr, x: Symbol, x0: Expr, side: int, limit: LimitFn) -> Expr:
    """A function with kinks (relu, hardtanh, ...): where its argument tends to a kink,
    the branch it equals on that side; elsewhere k itself (analytic there)."""
    from .limit import LimitNotFound

    u = k.args[0]
    infinite = x0 is oo or x0 == NEG_OO
    try:
        L = limit(u, x, x0) if infinite else limit(u, x, x0, "+" if side > 0 else "-")
    except LimitNotFound:
        return k  # as before: the general machinery decides (or not)
    if L is oo or L == NEG_OO or L.free_symbols:
        return k
    at_kink = KINKS[k.fdef.name](L)
    if at_kink is False:
        return k
    if at_kink is None or not L.is_Number:
        raise LimitNotFound(f"cannot decide whether {k} has a kink where {u} -> {L}")
    return branch(k.fdef.name, k.args, L, _side_of(u, L, x, x0, side))


def _one_sided_value(s: Expr, x: Symbol, x0: Expr, side: int, limit: LimitFn) -> Expr:
    from .limit import LimitNotFound

    name = s.fdef.name
    u = s.args[0]
    infinite = x0 is oo or x0 == NEG_OO
    L = limit(u, x, x0) if infinite else limit(u, x, x0, "+" if side > 0 else "-")
    if L is oo or L == NEG_OO:
        if name in ("sign", "heaviside"):
            return s.fdef(L)
        from ..core.functions_discrete import frac

        # floor(u) = u - frac(u), ceiling(u) = u + frac(-u): frac in [0, 1) is a bounded
        # oscillating part for Gruntz's bounds (x floor(1/x) -> 1 at 0+)
        if name == "floor":
            return add(u, mul(MINUS_ONE, frac(u)))
        if name == "ceiling":
            return add(u, frac(mul(MINUS_ONE, u)))
        if name == "frac":
            return s
        raise LimitNotFound(f"{s} tends to {L}: cannot decide its limit one side at a time")
    jump = JUMPS[name](L)
    if jump is None:
        raise LimitNotFound(f"cannot decide whether {s} jumps where {u} -> {L}")
    if not jump:
        v = s.fdef(L)
        if name == "frac":  # frac(u) = u - floor(u), and floor(u) is constant here
            from ..core.functions_discrete import floor

            v = add(u, mul(MINUS_ONE, floor(L)))
        elif v.free_symbols or v.is_Function:
            raise LimitNotFound(f"cannot evaluate {s.fdef.name}({L})")
        return v
    above = _side_of(u, L, x, x0, side)  # at a jump: from which side does u approach L?
    if name == "floor":
        return L if above else add(L, MINUS_ONE)
    if name == "ceiling":
        return add(L, ONE) if above else L
    if name == "frac":
        return add(u, mul(MINUS_ONE, L if above else add(L, MINUS_ONE)))
    if name == "sign":
        return ONE if above else MINUS_ONE
    return ONE if above else ZERO  # heaviside


__all__ = ["freeze", "has_steps", "limit_with_steps"]
