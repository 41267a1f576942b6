"""Rules and rule sets.

A :class:`Rule` is a named ``lhs -> rhs`` with an optional guard; calling it on an
expression returns the rewritten expression or ``None`` (no match), as in
SymbolicUtils.jl. The right-hand side is a template (wildcards substituted) or a
Python function of the bindings — the escape hatch for right-hand sides that compute.
A :class:`RuleSet` indexes its rules by the head of their left-hand side, so a node
only tries rules that can match it.

>>> from symcalc import Symbol, sin, cos
>>> from symcalc.rewrite import Rule, Wild
>>> u = Wild("u")
>>> double = Rule("double angle", sin(2*u), 2*sin(u)*cos(u))
>>> double(sin(2*Symbol("x")))
2*cos(x)*sin(x)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..core.budget import check
from ..core.expr import Expr
from .pattern import Bindings, Wild, matches, substitute
from .trace import record

RHS = Expr | Callable[[Bindings], "Expr | None"]


class Rule:
    """lhs -> rhs if guard(bindings); returns the result or None."""

    __slots__ = ("name", "lhs", "rhs", "guard", "bind")

    def __init__(self, name: str, lhs: Expr, rhs: RHS,
                 guard: Callable[[Bindings], bool] | None = None,
                 bind: Bindings | None = None) -> None:
        self.name = name
        self.lhs = lhs
        self.rhs = rhs
        self.guard = guard
        self.bind = bind  # wildcards fixed before matching (e.g. the variable x)

    def __repr__(self) -> str:
        return f"Rule({self.name!r}: {self.lhs} -> {self.rhs})"

    def apply(self, e: Expr, bindings: Bindings | None = None) -> tuple[Expr, Bindings] | None:
        """(result, bindings) of the first match whose guard holds, or None."""
        start = dict(self.bind) if self.bind else {}
        if bindings:
            start.update(bindings)
        for b in matches(self.lhs, e, start):
            check()
            if self.guard is not None and not self.guard(b):
                continue
            if callable(self.rhs) and not isinstance(self.rhs, Expr):
                r = self.rhs(b)
                if r is None:
                    continue
            else:
                r = substitute(self.rhs, b)
            return r, b
        return None

    def __call__(self, e: Expr, bindings: Bindings | None = None) -> Expr | None:
        res = self.apply(e, bindings)
        if res is None:
            return None
        record(self.name, e, res[0])
        return res[0]


def head_key(p: Expr) -> Any:
    """The index key of a pattern: its head, or "*" if it can match anything."""
    if isinstance(p, Wild):
        return "*"
    if p.is_Function:
        return p.fdef
    if (p.is_Mul or p.is_Add or p.is_Pow) and _has_default(p):
        return "*"  # a*x^n also matches x: not only products
    return p.head


def _has_default(p: Expr) -> bool:
    return any(isinstance(n, Wild) and n.default is not None for n in p.preorder())


def expr_key(e: Expr) -> Any:
    return e.fdef if e.is_Function else e.head


class RuleSet:
    """Rules indexed by head; calling it applies the first rule that matches."""

    def __init__(self, rules: Iterable[Rule] = (), name: str = "") -> None:
        self.name = name
        self.rules: list[Rule] = []
        self._index: dict[Any, list[Rule]] = {}
        for r in rules:
            self.add(r)

    def add(self, rule: Rule) -> None:
        self.rules.append(rule)
        self._index.setdefault(head_key(rule.lhs), []).append(rule)
        self._cache: dict[Any, list[Rule]] = {}

    def candidates(self, e: Expr) -> list[Rule]:
        """The rules that may match ``e``, in file order."""
        k = expr_key(e)
        c = self._cache.get(k)
        if c is None:
            own = self._index.get(k, [])
            anyr = self._index.get("*", [])
            order = {id(r): i for i, r in enumerate(self.rules)}
            c = sorted(own + anyr, key=lambda r: order[id(r)])
            self._cache[k] = c
        return c

    def apply(self, e: Expr,
              bindings: Bindings | None = None) -> tuple[Expr, Rule, Bindings] | None:
        for r in self.candidates(e):
            res = r.apply(e, bindings)
            if res is not None:
                return res[0], r, res[1]
        return None

    def __call__(self, e: Expr, bindings: Bindings | None = None) -> Expr | None:
        res = self.apply(e, bindings)
        if res is None:
            return None
        record(res[1].name, e, res[0])
        return res[0]

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)

    def __getitem__(self, name: str) -> Rule:
        for r in self.rules:
            if r.name == name:
                return r
        raise KeyError(name)
