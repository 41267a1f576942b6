"""The compiler's SSA IR: small hash-consed nodes ``Node(op, src, arg)``.

A node is one operation on earlier nodes (``src``) with an optional literal ``arg``
(the value of a ``const``, the index of a ``var``). Building the same node twice gives
the same object, so common subexpressions are shared -- also across several outputs
and between a function and its reverse-mode adjoints. Nodes live in the table of the
current :func:`scope` and are dropped when the outermost scope ends.

>>> with scope():
...     x = var(0)
...     node("mul", x, x) is node("mul", x, x)
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

_table: dict[tuple, Node] = {}
_depth = 0


class Node:
    """One IR operation: ``op`` applied to ``src`` (nodes), with literal ``arg``."""

    __slots__ = ("op", "src", "arg", "folded", "__weakref__")

    def __init__(self, op: str, src: tuple, arg: Any) -> None:
        self.op = op
        self.src = src
        self.arg = arg
        self.folded = op in ("const", "var")  # set by passes.mk once no fold rule applies

    def __repr__(self) -> str:
        if self.op == "const":
            return repr(self.arg)
        if self.op == "var":
            return f"v{self.arg}"
        inner = ", ".join(map(repr, self.src))
        return f"{self.op}({inner}{'' if self.arg is None else ', ' + repr(self.arg)})"

    @property
    def is_const(self) -> bool:
        return self.op == "const"


@contextmanager
def scope() -> Iterator[None]:
    """Node table lifetime: nodes built inside are shared, the table is freed after."""
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            _table.clear()


def node(op: str, *src: Node, arg: Any = None) -> Node:
    """The unique node ``op(src...)`` with literal ``arg``."""
    key = (op, repr(arg) if isinstance(arg, float) else arg, *map(id, src))
    n = _table.get(key)
    if n is None:
        n = _table[key] = Node(op, src, arg)
    return n


def any_op(ops: frozenset[str] | set[str] | dict) -> bool:
    """Whether a node of the current scope has one of ``ops`` (a cheap over-approximation
    of "reachable from the roots": a pass that needs such a node can be skipped)."""
    return any(k[0] in ops for k in _table)


def const(v: Any) -> Node:
    """A literal (float, or bool for conditions)."""
    return node("const", arg=v if isinstance(v, bool) else float(v))


def var(i: int) -> Node:
    return node("var", arg=i)


def is_const(n: Node, v: float | None = None) -> bool:
    """Whether n is a literal (equal to v when given)."""
    if n.op != "const":
        return False
    if v is None:
        return True
    return n.arg == v and not (isinstance(n.arg, float) and math.isnan(n.arg))


def toposort(roots: Iterable[Node], stop: dict | None = None) -> list[Node]:
    """All nodes reachable from roots, each after its sources (iterative DFS); nodes
    whose id is in ``stop`` are neither listed nor entered (``stop`` is not copied: a
    rewrite that visits many small new subgraphs stays linear)."""
    stop = stop if stop is not None else {}
    seen: set[int] = set()
    order: list[Node] = []
    for r in roots:
        if id(r) in seen or id(r) in stop:
            continue
        stack = [(r, False)]
        while stack:
            n, done = stack.pop()
            if done:
                order.append(n)
                continue
            if id(n) in seen:
                continue
            seen.add(id(n))
            stack.append((n, True))
            for s in reversed(n.src):
                if id(s) not in seen and id(s) not in stop:
                    stack.append((s, False))
    return order
