"""DAG-aware traversal, queries and substitution.

Every walk visits each distinct node once (shared subexpressions are one node), is
iterative (no recursion limit on deep expressions), and is deterministic.

>>> from symcalc import symbols, sin
>>> x, y = symbols("x y")
>>> (sin(x) + x*y).subs({x: y, y: x})
x*y + sin(y)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .expr import Expr, as_expr


def postorder(e: Expr) -> Iterator[Expr]:
    """Each distinct node once, children before parents (a topological order)."""
    seen: set[int] = set()
    stack: list[tuple[Expr, bool]] = [(e, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            yield node
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for a in reversed(node._args):
            if id(a) not in seen:
                stack.append((a, False))


def preorder(e: Expr) -> Iterator[Expr]:
    """Each distinct node once, parents before children (depth first, left to right)."""
    seen: set[int] = set()
    stack = [e]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        args = node._args
        if args:
            stack.extend([a for a in reversed(args) if id(a) not in seen])


def bottom_up(e: Expr, visit: Callable[[Expr, tuple], Any],
              skip: Callable[[Expr], bool] | None = None) -> Any:
    """Fold the DAG from the leaves: ``visit(node, results_of_children)`` once per node.
    With ``skip``, a node for which it is true is its own result and is not entered."""
    memo: dict[int, Any] = {}
    stack: list[tuple[Expr, bool]] = [(e, False)]
    pop, push = stack.pop, stack.append
    while stack:
        node, ready = pop()
        i = id(node)
        if ready:
            memo[i] = visit(node, tuple([memo[id(a)] for a in node._args]))
            continue
        if i in memo:
            continue
        if skip is not None and skip(node):
            memo[i] = node
            continue
        args = node._args
        if not args:
            memo[i] = visit(node, ())
            continue
        push((node, True))
        for a in reversed(args):
            if id(a) not in memo:
                push((a, False))
    return memo[id(e)]


def free_symbols(e: Expr) -> frozenset:
    """The symbols in ``e`` (cached on the node; a walk stops at nodes that have it)."""
    f = e._facts
    if f is not None:
        r = f.get("free")
        if r is not None:
            return r
    memo: dict[int, frozenset] = {}
    stack: list[tuple[Expr, bool]] = [(e, False)]
    while stack:
        node, ready = stack.pop()
        i = id(node)
        if i in memo:
            continue
        ff = node._facts
        if ff is not None and "free" in ff:
            memo[i] = ff["free"]
            continue
        if node.is_Symbol:
            memo[i] = frozenset((node,))  # not cached on the symbol: a reference cycle
            continue
        args = node._args
        if not ready and args:
            stack.append((node, True))
            stack.extend((a, False) for a in args if id(a) not in memo)
            continue
        if not args:
            r: frozenset = frozenset()
        elif len(args) == 1:
            r = memo[id(args[0])]
        else:
            r = frozenset().union(*(memo[id(a)] for a in args))
        if ff is None:
            ff = node._facts = {}
        ff["free"] = r
        memo[i] = r
    return memo[id(e)]


def has(e: Expr, *patterns: Any) -> bool:
    """True if any pattern (an expression) is a subexpression of ``e``."""
    targets = {id(as_expr(p)) for p in patterns}
    return any(id(n) in targets for n in preorder(e))


def atoms(e: Expr, *types: type) -> set:
    """Atoms of ``e`` (symbols, numbers, constants), optionally only of the given types."""
    out = {n for n in preorder(e) if n.is_Atom}
    if types:
        out = {a for a in out if isinstance(a, types)}
    return out


def leaf_count(e: Expr) -> int:
    """Number of nodes of the expression tree (each use of a shared node counts; cached
    on the node, like its free symbols)."""
    f = e._facts
    if f is not None and "ops" in f:
        return f["ops"]
    memo: dict[int, int] = {}
    stack: list[tuple[Expr, bool]] = [(e, False)]
    while stack:
        node, ready = stack.pop()
        i = id(node)
        if i in memo:
            continue
        args = node._args
        if not args:
            memo[i] = 1
            continue
        ff = node._facts
        if ff is not None and "ops" in ff:
            memo[i] = ff["ops"]
            continue
        if not ready:
            stack.append((node, True))
            stack.extend([(a, False) for a in args if id(a) not in memo])
            continue
        r = 1 + sum([memo[id(a)] for a in args])
        if ff is None:
            ff = node._facts = {}
        ff["ops"] = r
        memo[i] = r
    return memo[id(e)]


def subs(e: Expr, mapping: Any, **kw: Any) -> Expr:
    """Simultaneous substitution of subexpressions (matched by identity)."""
    if mapping is None:
        mapping = {}
    items = mapping.items() if hasattr(mapping, "items") else mapping
    table: dict[int, Expr] = {}
    keep: list[Expr] = []
    for k, v in items:
        if isinstance(k, str):
            from .symbol import Symbol

            k = Symbol(k)
        k = as_expr(k)
        keep.append(k)
        table[id(k)] = as_expr(v)
    for k, v in kw.items():
        from .symbol import Symbol

        s = Symbol(k)
        keep.append(s)
        table[id(s)] = as_expr(v)
    if not table:
        return e
    skip = None
    keys = [free_symbols(k) for k in keep]
    if all(keys):
        # a node none of whose symbols is in a key holds no key: not entered
        wanted = frozenset().union(*keys)

        def skip(node: Expr) -> bool:
            f = node._facts
            fs = f.get("free") if f is not None else None
            return wanted.isdisjoint(free_symbols(node) if fs is None else fs)

    def visit(node: Expr, kids: tuple) -> Expr:
        r = table.get(id(node))
        if r is not None:
            return r
        if not kids:
            return node
        for a, k in zip(node._args, kids):
            if a is not k:
                return node.rebuild(kids)
        return node

    return bottom_up(e, visit, skip)
