"""The cost that ``simplify`` minimizes: leaf count first, then a weight per operation.

``cost(e) = (leaf_count(e), weight(e))``, compared lexicographically. The leaf count is
the number of nodes of the expression *tree* (``e.count_ops()``: a shared subexpression
counts at each use), so it is the size a reader sees. The weight only breaks ties, by
charging what is harder to read or to evaluate:

========================================  ======
node                                      weight
========================================  ======
symbol, constant, integer                 0
rational or float number                  1
sum, product                              1
power with a positive integer exponent    1
power with a negative exponent (1/u)      2
power with a fractional exponent (sqrt)   3
exp, log, sin, cos, sinh, cosh, ...       2
tan, cot, sec, csc and hyperbolic kin     3
inverse trigonometric and other heads     3
========================================  ======

>>> from symcalc import symbols, sin, cos, tan
>>> x = symbols("x")
>>> cost(sin(x)/cos(x)), cost(tan(x))
((7, 7), (2, 3))
"""

from __future__ import annotations

from ..core.expr import Expr
from ..core.traversal import postorder

_CHEAP_HEADS = frozenset({"exp", "log", "sin", "cos", "sinh", "cosh", "abs", "sigmoid",
                          "softplus", "tanh", "relu"})


def _weight(e: Expr) -> int:
    if e.is_Number:
        return 0 if isinstance(e.value, int) else 1
    if e.is_Atom:
        return 0
    if e.is_Add or e.is_Mul:
        return 1
    if e.is_Pow:
        x = e._args[1]
        if x.is_Number:
            v = x.value
            if isinstance(v, int):
                return 1 if v > 0 else 2
            return 3
        return 2
    if e.is_Function:
        return 2 if e.fdef.name in _CHEAP_HEADS else 3
    return 2


def cost(e: Expr, memo: dict | None = None) -> tuple[int, int]:
    """(leaf count, operation weight) of ``e``; smaller is simpler.

    ``memo`` (node -> cost) may be shared between calls on related expressions.
    """
    if memo is None:
        memo = {}
    got = memo.get(e)
    if got is not None:
        return got
    for node in postorder(e):
        if node in memo:
            continue
        n, w = 1, _weight(node)
        for a in node._args:
            cn, cw = memo[a]
            n += cn
            w += cw
        memo[node] = (n, w)
    return memo[e]


def leaf_count(e: Expr) -> int:
    """The first component of :func:`cost` (the corpus' measure of size)."""
    return cost(e)[0]
