"""Forward mode over the IR, and reverse mode seeded with a cotangent.

Forward mode reuses the reverse mode's local rules (:data:`.reverse.LOCAL`): asked
with the output adjoint ``g = 1`` they give the partial derivative of a node with
respect to each source, and the tangent of the node is the sum of those partials
times the tangents of the sources. Branching ops (``where``, ``maximum``,
``minimum``) pass the chosen tangent on as it is, so the tangent of an unused branch
(which may be nan) never leaks. Tangents are built with the folding constructor
:func:`.passes.mk`: they share every forward value, and one forward-mode pass costs
a small constant times one evaluation.

>>> from symcalc.compile.ir import scope, var
>>> with scope():
...     x, y, dx, dy = var(0), var(1), var(2), var(3)
...     tangent([mk("mul", mk("sin", x), y)], {0: dx, 1: dy})
[add(mul(v1, mul(cos(v0), v2)), mul(sin(v0), v3))]
"""

from __future__ import annotations

from collections.abc import Sequence

from .ir import Node, const, toposort, var
from .passes import mk
from .reverse import LOCAL

_ONE = 1.0


def tangent(roots: Sequence[Node], seeds: dict[int, Node]) -> list[Node]:
    """Tangent nodes of ``roots`` when ``var(i)`` moves along ``seeds[i]`` (a node);
    variables without a seed stay fixed."""
    tan: dict[int, Node] = {id(var(i)): t for i, t in seeds.items()}
    one = const(_ONE)
    for n in toposort(roots):
        op = n.op
        if op in ("const", "var") or op not in LOCAL:
            continue  # literals, inputs and conditions carry no tangent
        if op == "where":
            a, b = tan.get(id(n.src[1])), tan.get(id(n.src[2]))
            if a is not None or b is not None:
                tan[id(n)] = mk("where", n.src[0], a or const(0.0), b or const(0.0))
            continue
        if op in ("maximum", "minimum"):
            a, b = tan.get(id(n.src[0])), tan.get(id(n.src[1]))
            if a is not None or b is not None:
                cond = mk("gt" if op == "maximum" else "lt", *n.src)
                tan[id(n)] = mk("where", cond, a or const(0.0), b or const(0.0))
            continue
        if op == "div":
            ta, tb = tan.get(id(n.src[0])), tan.get(id(n.src[1]))
            if ta is None and tb is None:
                continue
            yr = None if tb is None else _quotient_shift(n, tan)
            if yr is not None:  # (a/b)' = a'/b - y (b'/b), b'/b without b' (cosh^2)
                tan[id(n)] = mk("neg", yr) if ta is None else \
                    mk("sub", mk("div", ta, n.src[1]), yr)
                continue
            # (a/b)' = (a' - y b') / b: one division, not two
            num = ta if tb is None else mk("neg", mk("mul", n, tb)) if ta is None else \
                mk("sub", ta, mk("mul", n, tb))
            tan[id(n)] = mk("div", num, n.src[1])
            continue
        acc: Node | None = None
        for s, partial in LOCAL[op](n, one):
            ts = tan.get(id(s))
            if ts is None:
                continue
            if partial.op == "div" and partial.src[0].op == "const" and \
                    partial.src[0].arg == _ONE:
                term = mk("div", ts, partial.src[1])  # t * (1/u) as t/u
            else:
                term = mk("mul", partial, ts)
            acc = term if acc is None else mk("add", acc, term)
        if acc is not None:
            tan[id(n)] = acc
    return [tan.get(id(r), const(0.0)) for r in roots]


def _quotient_shift(n: Node, tan: dict[int, Node]) -> Node | None:
    """y b'/b for the quotient y = a/b when b = cosh(u)^2, the denominator of tanh's
    adjoint: b'/b = 2 tanh(u) u' (tanh(u) is already computed), not 2 cosh(u) sinh(u) u'
    / b -- no sinh, and finite where cosh(u)^2 overflows. When the tangent of tanh(u) is
    there as u'/b (forward over reverse: it is), y b'/b = 2 a tanh(u) (u'/b) shares it
    and needs no y. None for other denominators."""
    a, b = n.src
    if not (b.op == "mul" and b.src[0] is b.src[1] and b.src[0].op == "cosh"):
        return None
    u = b.src[0].src[0]
    du = tan.get(id(u))
    if du is None:
        return None
    t = mk("tanh", u)
    dt = tan.get(id(t))
    if dt is not None and dt is mk("div", du, b):
        return mk("mul", a, mk("mul", const(2.0), mk("mul", t, dt)))
    return mk("mul", n, mk("mul", const(2.0), mk("mul", t, du)))


def cotangent_gradient(roots: Sequence[Node], seeds: Sequence[Node], nvars: int
                       ) -> list[Node]:
    """Adjoints d(sum_k seeds[k] * roots[k]) / d var(i) for i < nvars: the reverse
    mode started from a cotangent instead of the single adjoint 1."""
    adj: dict[int, Node] = {}
    for r, s in zip(roots, seeds):
        prev = adj.get(id(r))
        adj[id(r)] = s if prev is None else mk("add", prev, s)
    for n in reversed(toposort(list(roots))):
        g = adj.get(id(n))
        if g is None or n.op in ("const", "var") or n.op not in LOCAL:
            continue
        for s, contribution in LOCAL[n.op](n, g):
            if s.op == "const":
                continue
            prev = adj.get(id(s))
            adj[id(s)] = contribution if prev is None else mk("add", prev, contribution)
    return [adj.get(id(var(i)), const(0.0)) for i in range(nvars)]
