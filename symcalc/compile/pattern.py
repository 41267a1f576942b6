"""Compiler passes as pattern lists over the IR, in the style of tinygrad's PatternMatcher.

A pass is a list of ``(Pat, fn)`` pairs. :func:`graph_rewrite` rebuilds the graph bottom
up; at every node it tries the rules whose pattern matches, calling ``fn`` with the
named parts; a rule returns a replacement node or None ("does not apply"). A
replacement is itself rewritten again, so a pass runs to a fixed point.

>>> from symcalc.compile.ir import scope, var, const, node
>>> pm = PatternMatcher([(Pat("mul", (Pat(name="a"), Pat.cvar("one", 1.0))), lambda a, one: a)])
>>> with scope():
...     graph_rewrite([node("mul", var(0), const(1))], pm)
[v0]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from .ir import Node, node, toposort


class Pat:
    """A pattern: op (a name or a tuple of names, None = any), sources, a name to bind,
    and an optional predicate on the node's literal ``arg``."""

    __slots__ = ("op", "src", "name", "pred")

    def __init__(self, op: str | tuple[str, ...] | None = None, src: Sequence[Pat] | None = None,
                 name: str | None = None, pred: Callable[[Any], bool] | None = None) -> None:
        self.op = (op,) if isinstance(op, str) else op
        self.src = None if src is None else tuple(src)
        self.name = name
        self.pred = pred

    @staticmethod
    def cvar(name: str | None = None, value: float | None = None) -> Pat:
        """A literal, equal to ``value`` if given."""
        if value is None:
            return Pat("const", name=name)
        return Pat("const", name=name,
                   pred=lambda v: v == value and not (isinstance(v, float) and math.isnan(v)))

    def match(self, n: Node, env: dict[str, Node]) -> bool:
        if self.op is not None and n.op not in self.op:
            return False
        if self.pred is not None and not self.pred(n.arg):
            return False
        if self.src is not None:
            if len(self.src) != len(n.src):
                return False
            for p, s in zip(self.src, n.src):
                if not p.match(s, env):
                    return False
        if self.name is not None:
            if self.name in env and env[self.name] is not n:
                return False
            env[self.name] = n
        return True


class PatternMatcher:
    """Rules indexed by the op of their pattern (None = tried on every node)."""

    def __init__(self, rules: list[tuple[Pat, Callable[..., Node | None]]]) -> None:
        self.rules = rules
        self.by_op: dict[str | None, list] = {}
        for pat, fn in rules:
            for op in pat.op if pat.op is not None else (None,):
                self.by_op.setdefault(op, []).append((pat, fn))

    def __add__(self, other: PatternMatcher) -> PatternMatcher:
        return PatternMatcher(self.rules + other.rules)

    def rewrite(self, n: Node) -> Node | None:
        for pat, fn in self.by_op.get(n.op, []) + self.by_op.get(None, []):
            env: dict[str, Node] = {}
            if pat.match(n, env):
                r = fn(**env)
                if r is not None and r is not n:
                    return r
        return None


def graph_rewrite(roots: list[Node], pm: PatternMatcher, limit: int = 10_000) -> list[Node]:
    """Rewrite every node reachable from roots bottom-up with pm, to a fixed point."""
    memo: dict[int, Node] = {}

    def visit(n: Node) -> Node:
        for m in toposort([n], memo):  # sources first, iteratively (deep graphs are fine)
            src = tuple(memo[id(s)] for s in m.src)
            cur = m if all(a is b for a, b in zip(src, m.src)) else node(m.op, *src, arg=m.arg)
            for _ in range(limit):
                r = pm.rewrite(cur)
                if r is None:
                    break
                if id(r) in memo:
                    cur = memo[id(r)]
                    break
                if any(id(s) not in memo for s in r.src):
                    cur = visit(r)  # a new subgraph: rewrite it too
                    break
                src = tuple(memo[id(s)] for s in r.src)
                cur = r if all(a is b for a, b in zip(src, r.src)) else node(r.op, *src, arg=r.arg)
            else:  # pragma: no cover - a rule set that never settles is a bug
                raise RuntimeError(f"rewrite did not settle at {cur!r}")
            memo[id(m)] = cur
            memo[id(cur)] = cur
        return memo[id(n)]

    try:
        return [visit(r) for r in roots]
    finally:
        visit = None  # empties the closure cell: a recursive closure is a reference cycle
