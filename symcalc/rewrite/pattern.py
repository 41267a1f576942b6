"""Patterns: expressions with named wildcards, matched structurally and modulo AC.

A :class:`Wild` matches any subexpression that satisfies its guards; a repeated
wildcard must match the same subexpression (an identity check, O(1) thanks to
hash-consing). Sums and products match commutatively and associatively: the last
bare wildcard of a sum or product pattern takes "the rest of the terms/factors".
Wildcards may carry a default, so that ``a*x^n`` also matches ``x`` (a=1, n=1) and
``x^2`` (a=1) — integration tables depend on this.

>>> from symcalc import Symbol, sin
>>> from symcalc.rewrite.pattern import Wild, match
>>> x = Symbol("x")
>>> a, n = Wild("a", default=1), Wild("n", default=1)
>>> u = Wild("u")
>>> sorted((str(k), str(v)) for k, v in match(a*u**n, 3*x**2).items())
[('a', '3'), ('n', '2'), ('u', 'x')]
>>> match(a*u**n, x) == {u: x, a: 1, n: 1}
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..core.arithmetic import add, mul
from ..core.budget import check
from ..core.expr import Atom, Expr, as_expr, interned
from ..core.numbers import ONE

Bindings = dict
Guard = Callable[[Expr], bool]


class Wild(Atom):
    """A pattern variable. ``guards`` are predicates on the candidate; ``default`` is the
    value it takes when a sum/product/power pattern matches with it absent."""

    __slots__ = ("name", "guards", "default")
    name: str
    guards: tuple
    default: Expr | None

    def __new__(cls, name: str, *guards: Guard, default: Any = None) -> Wild:
        d = None if default is None else as_expr(default)
        return interned(cls, ("Wild", name, guards, d), name=name, guards=guards, default=d)

    def _make_sort_key(self) -> tuple:
        return (11, self.name)

    @property
    def head(self) -> str:
        return "Wild"

    def accepts(self, e: Expr) -> bool:
        return all(g(e) for g in self.guards)


def _has_wild(p: Expr) -> bool:
    f = p._facts
    if f is not None and "wild" in f:
        return f["wild"]
    r = isinstance(p, Wild) or any(_has_wild(a) for a in p._args)
    if f is None:
        p._facts = f = {}
    f["wild"] = r
    return r


def match(pattern: Expr, expr: Expr, bindings: Bindings | None = None) -> Bindings | None:
    """The first set of bindings under which ``pattern`` matches ``expr``, or None."""
    for b in matches(pattern, expr, bindings):
        return b
    return None


def matches(pattern: Expr, expr: Expr, bindings: Bindings | None = None) -> Iterator[Bindings]:
    """All ways ``pattern`` matches ``expr`` (lazily; AC matching may give several)."""
    return _m(pattern, expr, dict(bindings) if bindings else {})


def _bind(w: Wild, e: Expr, b: Bindings) -> Bindings | None:
    old = b.get(w)
    if old is not None:
        return b if old is e else None
    if not w.accepts(e):
        return None
    nb = dict(b)
    nb[w] = e
    return nb


def _m(p: Expr, e: Expr, b: Bindings, defaults: bool = True) -> Iterator[Bindings]:
    if isinstance(p, Wild):
        nb = _bind(p, e, b)
        if nb is not None:
            yield nb
        return
    if not _has_wild(p):
        if p is e:
            yield b
        return
    if p.is_Add:
        yield from _ac(p._args, e._args if e.is_Add else (e,), b, add, p)
        return
    if p.is_Mul:
        yield from _ac(p._args, e._args if e.is_Mul else (e,), b, mul, p)
        return
    if p.is_Pow:
        pb, pe = p._args
        if e.is_Pow:
            for b1 in _m(pb, e._args[0], b):
                yield from _m(pe, e._args[1], b1)
        if defaults and isinstance(pe, Wild) and pe.default is not None:
            b1 = _bind(pe, pe.default, b)
            if b1 is not None:
                yield from _m(pb, e, b1)
        return
    if p.is_Function:
        if not e.is_Function or e.fdef is not p.fdef or len(e._args) != len(p._args):
            return
        yield from _seq(p._args, e._args, b)
        return
    if type(p) is type(e) and p.head == e.head and len(p._args) == len(e._args):
        yield from _seq(p._args, e._args, b)


def _seq(ps: tuple, es: tuple, b: Bindings) -> Iterator[Bindings]:
    if not ps:
        yield b
        return
    for b1 in _m(ps[0], es[0], b):
        yield from _seq(ps[1:], es[1:], b1)


def _ac(ps: tuple, es: tuple, b: Bindings, combine: Callable[..., Expr],
        whole: Expr) -> Iterator[Bindings]:
    """Match pattern terms ``ps`` against expression terms ``es`` in any order."""
    structured = [q for q in ps if not isinstance(q, Wild)]
    wilds = [q for q in ps if isinstance(q, Wild)]
    yield from _ac_structured(structured, list(es), wilds, b, combine)


def _ac_structured(ps: list, es: list, wilds: list, b: Bindings,
                   combine: Callable[..., Expr]) -> Iterator[Bindings]:
    check()  # AC matching can take exponentially many tries
    if not ps:
        yield from _ac_wilds(wilds, es, b, combine)
        return
    p, rest = ps[0], ps[1:]
    # Exact matches first, then matches that need a default (x^n matching x with n=1),
    # so that a*x^n against 3*x^2 binds x^n to x^2 rather than to 3.
    for i in range(len(es)):
        for b1 in _m(p, es[i], b, False):
            yield from _ac_structured(rest, es[:i] + es[i + 1:], wilds, b1, combine)
    if not (p.is_Pow and isinstance(p._args[1], Wild) and p._args[1].default is not None):
        return  # a second pass would only repeat the matches above
    pb, pe = p._args
    # numbers are usually coefficients: try them last
    for i in sorted(range(len(es)), key=lambda i: es[i].is_Number):
        b0 = _bind(pe, pe.default, b)
        if b0 is None:
            return
        for b1 in _m(pb, es[i], b0):
            yield from _ac_structured(rest, es[:i] + es[i + 1:], wilds, b1, combine)


def _ac_wilds(ws: list, es: list, b: Bindings, combine: Callable[..., Expr]) -> Iterator[Bindings]:
    if not ws:
        if not es:
            yield b
        return
    w, rest = ws[0], ws[1:]
    if not rest:
        # the last wildcard takes the rest of the terms (or its default if none is left)
        if not es:
            if b.get(w) is not None:
                ident = ONE if combine is mul else None
                if ident is not None and b[w] is ident:
                    yield b
                elif combine is add and b[w].is_Number and b[w].value == 0:
                    yield b
                return
            if w.default is not None:
                nb = _bind(w, w.default, b)
                if nb is not None:
                    yield nb
            return
        value = es[0] if len(es) == 1 else combine(*es)
        nb = _bind(w, value, b)
        if nb is not None:
            yield nb
        return
    for i, e in enumerate(es):
        nb = _bind(w, e, b)
        if nb is not None:
            yield from _ac_wilds(rest, es[:i] + es[i + 1:], nb, combine)
    if w.default is not None:
        nb = _bind(w, w.default, b)
        if nb is not None:
            yield from _ac_wilds(rest, es, nb, combine)


def substitute(template: Expr, bindings: Bindings) -> Expr:
    """The template with every wildcard replaced by its binding (canonicalizing)."""
    from ..core.traversal import subs

    return subs(template, bindings)
