"""The matching shortcuts simplify relies on for speed: the AC matcher enumerates each
match once (the reference below is the plain two-pass enumeration, repeats removed), and
``may_match``, the cheap test polish runs before matching, never rejects a pattern that
matches."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import recipes, try_build

import symcalc as sc
from symcalc.algebra.simplify_rules import may_match, rule_groups
from symcalc.core.traversal import subs
from symcalc.rewrite import Wild, matches
from symcalc.rewrite import pattern as P

RULES = [r for g in rule_groups().values() for r in g.rules]
TRIG = ["sin", "cos", "tan", "sec", "exp", "sinh", "cosh", "atanh", "sigmoid", "log"]
x, y = sc.symbols("x y")


def _reference(pat: sc.Expr, e: sc.Expr) -> list:
    """All matches by the plain enumeration (exact matches of every term first, then
    again allowing defaults: the second pass repeats the first), repeats removed."""

    def ac_structured(ps, es, wilds, b, combine):  # noqa: ANN001, ANN202
        if not ps:
            yield from P._ac_wilds(wilds, es, b, combine)
            return
        p, rest = ps[0], ps[1:]
        for defaults in (False, True):
            order = range(len(es))
            if defaults:
                order = sorted(order, key=lambda i: es[i].is_Number)
            for i in order:
                for b1 in P._m(p, es[i], b, defaults):
                    yield from ac_structured(rest, es[:i] + es[i + 1:], wilds, b1, combine)

    fast = P._ac_structured
    P._ac_structured = ac_structured
    try:
        out = []
        for b in matches(pat, e):
            k = _key(b)
            if k not in out:
                out.append(k)
        return out
    finally:
        P._ac_structured = fast


def _key(b: dict) -> tuple:
    return tuple(sorted((w.name, str(v)) for w, v in b.items()))


def _instances() -> st.SearchStrategy:
    """A rule's left side with random expressions for its wildcards, sometimes inside a
    larger sum or product (so that most draws match)."""
    sub = recipes(max_leaves=4, functions=TRIG).map(try_build).filter(lambda e: e is not None)

    def inst(i: int, vals: list, extra: sc.Expr, how: int) -> tuple:
        r = RULES[i]
        ws = sorted((n for n in r.lhs.preorder() if isinstance(n, Wild)), key=lambda w: w.name)
        e = subs(r.lhs, {w: vals[k % len(vals)] for k, w in enumerate(ws)})
        e = (e, e + extra, e * extra)[how]
        return r, e

    return st.builds(inst, st.integers(0, len(RULES) - 1), st.lists(sub, min_size=1, max_size=4),
                     sub, st.integers(0, 2))


@settings(max_examples=300, deadline=None)
@given(_instances())
def test_may_match_never_rejects_a_match(case: tuple) -> None:
    r, e = case
    if next(iter(matches(r.lhs, e)), None) is not None:
        assert may_match(r.lhs, e), (r.name, e)


@settings(max_examples=150, deadline=None)
@given(_instances())
def test_matches_are_the_reference_enumeration_without_repeats(case: tuple) -> None:
    r, e = case
    got = [_key(b) for b in matches(r.lhs, e)]
    assert len(set(got)) == len(got)
    assert got == _reference(r.lhs, e)


def test_each_match_once() -> None:
    """A product with nested sums used to yield the same binding 2^depth times (a second,
    "defaults" pass over every factor, repeating the first)."""
    atanh = next(r for r in RULES if r.name.endswith("atanh from radicals"))
    e = sc.parse("a*(sqrt(2) - 2)/(16*(exp(-atanh(a*x)/2) + 1)*(1 - a*x)^(7/8)*(a*x + 1)^(1/8))")
    assert len(list(matches(atanh.lhs, e))) == 1
    n = Wild("n", default=1)
    u = Wild("u")
    # the default pass still finds x^n against x (n = 1), after the exact ones
    got = [(b[u], b[n]) for b in matches(u**n * sc.sin(x), x**2 * sc.sin(x))]
    assert got == [(x, 2), (x**2, 1)]


def test_may_match_prunes() -> None:
    u, n, m = Wild("u"), Wild("n"), Wild("m")
    assert not may_match((1 + u)**n * (1 - u)**m, sc.sqrt(x + y) * sc.sqrt(x - y))
    assert may_match((1 + u)**n * (1 - u)**m, sc.sqrt(x + 1) * sc.sqrt(1 - x))
    assert not may_match(sc.sin(u)**2 + sc.cos(u)**2, sc.sin(x)**2 + y)
