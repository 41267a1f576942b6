"""Rewriters and the small combinators that compose them (after SymbolicUtils.jl).

A rewriter is a callable ``Expr -> Expr | None``; None means "no change". Combinators:
``Chain`` (each in turn), ``FirstMatch`` (the first that applies), ``PassThrough``
(never None), ``Postwalk`` / ``Prewalk`` (bottom-up / top-down over the DAG, each
distinct node once, memoized), ``Fixpoint`` (repeat until nothing changes, bounded).

>>> from symcalc import Symbol, sin, cos
>>> from symcalc.rewrite import Rule, Wild, Postwalk, Fixpoint
>>> u = Wild("u")
>>> expand_double = Rule("double angle", sin(2*u), 2*sin(u)*cos(u))
>>> x = Symbol("x")
>>> Postwalk(expand_double)(sin(2*x) + cos(sin(2*x)))
cos(2*cos(x)*sin(x)) + 2*cos(x)*sin(x)
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.expr import Expr
from ..errors import LimitError

Rewriter = Callable[[Expr], "Expr | None"]


class Chain:
    """Apply each rewriter in turn to the running result."""

    def __init__(self, *rws: Rewriter) -> None:
        self.rws = rws

    def __call__(self, e: Expr) -> Expr | None:
        changed = False
        for rw in self.rws:
            r = rw(e)
            if r is not None and r is not e:
                e, changed = r, True
        return e if changed else None


class FirstMatch:
    """The result of the first rewriter that applies."""

    def __init__(self, *rws: Rewriter) -> None:
        self.rws = rws

    def __call__(self, e: Expr) -> Expr | None:
        for rw in self.rws:
            r = rw(e)
            if r is not None:
                return r
        return None


class PassThrough:
    """Like ``rw`` but returns its input instead of None."""

    def __init__(self, rw: Rewriter) -> None:
        self.rw = rw

    def __call__(self, e: Expr) -> Expr:
        r = self.rw(e)
        return e if r is None else r


class Postwalk:
    """Rewrite children first, then the node (bottom-up), each distinct node once."""

    def __init__(self, rw: Rewriter) -> None:
        self.rw = rw

    def __call__(self, e: Expr) -> Expr | None:
        from ..core.traversal import postorder

        memo: dict[int, Expr] = {}
        for node in postorder(e):
            kids = tuple(memo[id(a)] for a in node._args)
            new = node.rebuild(kids) if any(k is not a for k, a in zip(kids, node._args)) \
                else node
            r = self.rw(new)
            memo[id(node)] = new if r is None else r
        out = memo[id(e)]
        return None if out is e else out


class Prewalk:
    """Rewrite the node first, then the children of the result (top-down)."""

    def __init__(self, rw: Rewriter, max_depth: int = 10_000) -> None:
        self.rw = rw
        self.max_depth = max_depth

    def __call__(self, e: Expr) -> Expr | None:
        memo: dict[int, Expr] = {}

        def walk(node: Expr, depth: int) -> Expr:
            if depth > self.max_depth:
                raise LimitError("Prewalk: expression too deep")
            got = memo.get(id(node))
            if got is not None:
                return got
            r = self.rw(node)
            new = node if r is None else r
            if new._args:
                kids = tuple(walk(a, depth + 1) for a in new._args)
                if any(k is not a for k, a in zip(kids, new._args)):
                    new = new.rebuild(kids)
            memo[id(node)] = new
            return new

        out = walk(e, 0)
        return None if out is e else out


class Fixpoint:
    """Repeat ``rw`` until it no longer changes the expression (at most ``max_iter`` times)."""

    def __init__(self, rw: Rewriter, max_iter: int = 1000) -> None:
        self.rw = rw
        self.max_iter = max_iter

    def __call__(self, e: Expr) -> Expr | None:
        start = e
        for _ in range(self.max_iter):
            r = self.rw(e)
            if r is None or r is e:
                return None if e is start else e
            e = r
        raise LimitError(f"Fixpoint: no fixed point after {self.max_iter} rewrites")
