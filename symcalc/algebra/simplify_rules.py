"""The identity tables of ``simplify`` (``symcalc/rules/simplify*.rules``) and the
cost-guided rewriter that applies them.

A rule's name reads ``[group: description]``; the group says how ``simplify`` uses the
rule. Rules of the group ``simplify`` are identities stated in the direction that
usually shortens an expression; :func:`polish` applies one only where it lowers the
cost. Other groups (``sincos``, ``to sin``, ``to cos``, ...) are rewritten everywhere at
once (:func:`rewrite_all`) to give ``simplify`` a new starting point, whatever the cost.

A left side that is a sum (a product) also matches any sum (product) containing its
terms (factors): ``sin(u)^2 + cos(u)^2 = 1`` rewrites ``sin(x)^2 + cos(x)^2 + y`` to
``y + 1``.

>>> from symcalc import symbols, sin, cos
>>> x, y = symbols("x y")
>>> polish(sin(x)**2 + cos(x)**2 + y)
y + 1
>>> rewrite_all(sin(x)**2*cos(x), "to cos")
cos(x)*(1 - cos(x)^2)
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import cache

from ..core.arithmetic import add, mul, power
from ..core.assumptions import is_nonnegative, is_real
from ..core.budget import check
from ..core.expr import Expr
from ..core.numbers import ONE, ZERO, number
from ..core.traversal import postorder
from ..rewrite import Rule, RuleSet, Wild
from ..rewrite.pattern import _has_wild
from ..rewrite.rule import expr_key
from ..rules import GUARDS, compile_rule, guard, load_rules
from .simplify_rational import _radicand, rationalize_constant

#: The rule files of simplify, in the order their rules are tried.
RULE_FILES = ("simplify", "simplify_trig", "simplify_hyperbolic", "simplify_inverse")

#: The group applied by :func:`polish` (only where the cost goes down).
LOCAL = "simplify"


# --------------------------------------------------------------------------- guards


def _register(name: str, fn: Callable[..., bool]) -> None:
    if name not in GUARDS:  # another rule file may already define the same predicate
        guard(name)(fn)


def _even(n: Expr) -> bool:
    return n.is_Number and isinstance(n.value, int) and n.value % 2 == 0


def _odd(n: Expr) -> bool:
    return n.is_Number and isinstance(n.value, int) and n.value % 2 == 1


def _noninteger(n: Expr) -> bool:
    """A rational number that is not an integer (``1/2``, ``-3/4``)."""
    return n.is_Number and isinstance(n.value, Fraction) and n.value.denominator != 1


def _real(u: Expr) -> bool:
    return bool(is_real(u))


def _nonnegative(u: Expr) -> bool:
    return bool(is_nonnegative(u))


_register("even", _even)
_register("odd", _odd)
_register("noninteger", _noninteger)
_register("real", _real)
_register("nonnegative", _nonnegative)


# --------------------------------------------------------------------------- loading

_REST_SUM = Wild("rest_of_sum", default=ZERO)
_REST_PRODUCT = Wild("rest_of_product", default=ONE)


def _group(name: str) -> str:
    return name.split(":", 1)[0].strip() if ":" in name else LOCAL


def _with_rest(r: Rule) -> Rule:
    """The rule extended with a wildcard for the other terms (factors) of a sum (product)."""
    if r.lhs.is_Add:
        w, combine = _REST_SUM, add
    elif r.lhs.is_Mul:
        w, combine = _REST_PRODUCT, mul
    else:
        return r
    rhs = r.rhs
    if callable(rhs) and not isinstance(rhs, Expr):
        return Rule(r.name, combine(r.lhs, w), _RestAction(rhs, w, combine), r.guard)
    return Rule(r.name, combine(r.lhs, w), combine(rhs, w), r.guard)


class _RestAction:
    """A Python right-hand side, combined with the rest of the sum or product."""

    __slots__ = ("fn", "w", "combine")

    def __init__(self, fn: Callable, w: Wild, combine: Callable) -> None:
        self.fn, self.w, self.combine = fn, w, combine

    def __call__(self, b: dict) -> Expr | None:
        r = self.fn(b)
        return None if r is None else self.combine(r, b[self.w])


@cache
def rule_groups() -> dict[str, RuleSet]:
    """group name -> the rules of that group from every simplify rule file (loaded once)."""
    groups: dict[str, list[Rule]] = {}
    for fname in RULE_FILES:
        for spec in load_rules(fname):
            r = _with_rest(compile_rule(spec, fname))
            groups.setdefault(_group(spec.name or ""), []).append(r)
    return {g: RuleSet(rs, name=g) for g, rs in groups.items()}


def group(name: str) -> RuleSet:
    """The rules of one group (an empty set for an unknown group)."""
    return rule_groups().get(name) or RuleSet((), name=name)


# --------------------------------------------------------------------------- rewriting


def rewrite_all(e: Expr, name: str, rounds: int = 4) -> Expr:
    """Rewrite with the rules of group ``name`` everywhere, bottom-up, until nothing
    changes (at most ``rounds`` sweeps)."""
    rs = group(name)
    if not len(rs):
        return e
    for _ in range(rounds):
        memo: dict[int, Expr] = {}
        for node in postorder(e):
            kids = tuple(memo[id(a)] for a in node._args)
            new = node.rebuild(kids)
            for _ in range(8):  # a node rewritten may match again (cos^4 -> ...)
                r = rs(new)
                if r is None or r is new:
                    break
                new = r
            memo[id(node)] = new
        out = memo[id(e)]
        if out is e:
            break
        e = out
    return e


def polish(e: Expr, cost: Callable[[Expr], tuple] | None = None, rounds: int = 3,
           cache: dict | None = None) -> Expr:
    """Apply the ``simplify`` identities bottom-up wherever one lowers the cost.

    Every rule that matches a node is tried and the cheapest result kept; a node is
    rewritten again while that helps. ``cost`` defaults to :func:`simplify_cost.cost`.
    ``cache`` (node -> its polished form, for one ``cost``) may be shared between
    calls: the polished form of a node depends on the node alone, so the many
    candidates of one ``simplify``, which share most of their subexpressions, polish
    each of them once.
    """
    if cost is None:
        from .simplify_cost import cost as _cost

        cost = _cost
    rs = group(LOCAL)
    done: dict = {} if cache is None else cache
    if e in done:
        return done[e]
    for _ in range(rounds):
        memo: dict[int, Expr] = {}
        for node in postorder(e):
            got = done.get(node)
            if got is not None:
                memo[id(node)] = got
                continue
            kids = tuple(memo[id(a)] for a in node._args)
            new = node.rebuild(kids)
            if not new.is_Atom:
                new = _best_local(new, rs, cost)
                if new.is_Mul:
                    new = _flip_factors(new, rs, cost)
                if new.is_Mul:
                    new = _absorb_powers(new, cost)
                if new.is_Mul:
                    new = _distribute_radicands(new, cost, done)
                if new.is_Mul:
                    new = _merge_radicals(new, cost)
                if new.is_Mul or new.is_Add:
                    new = _fold_radicals(new, cost)
                if new.is_Add:
                    new = contract_angles(new, cost)
            memo[id(node)] = done[node] = new
        out = memo[id(e)]
        if out is e:
            break
        e = out
    return e


#: sin <-> cos, sinh <-> cosh: the partners in the addition theorems.
_PARTNER = {"sin": "cos", "cos": "sin", "sinh": "cosh", "cosh": "sinh"}


def _angle_pair(t: Expr) -> tuple[Expr, Expr, Expr] | None:
    """``(k, f(u), g(v))`` for a term ``k*f(u)*g(v)`` of a sum, ``f, g`` among sin,
    cos (sinh, cosh) and ``k`` free of them at the top level; None otherwise."""
    if not t.is_Mul:
        return None
    fs = [f for f in t._args if f.is_Function and f.fdef.name in _PARTNER]
    if len(fs) != 2 or (fs[0].fdef.name in ("sin", "cos")) != (fs[1].fdef.name in ("sin", "cos")):
        return None
    return mul(*(f for f in t._args if f is not fs[0] and f is not fs[1])), fs[0], fs[1]


def _contracted(a: tuple, b: tuple) -> Expr | None:
    """The addition theorem read backwards for two terms ``k*f(u)*g(v)`` and
    ``±k*f'(u)*g'(v)``: ``cos u cos v ∓ sin u sin v = cos(u ± v)``,
    ``sin u cos v ± cos u sin v = sin(u ± v)``, ``cosh u cosh v ± sinh u sinh v =
    cosh(u ± v)``, ``sinh u cosh v ± cosh u sinh v = sinh(u ± v)``; None if the two
    terms are not such a pair."""
    from ..core.function import REGISTRY

    ka, f, g = a
    kb, p, q = b
    if kb is ka:
        sgn = 1
    elif kb is mul(-1, ka):
        sgn = -1
    else:
        return None
    for f1, g1 in ((f, g), (g, f)):
        u, v = f1._args[0], g1._args[0]
        if u is v:
            continue
        n1, n2 = f1.fdef.name, g1.fdef.name
        want = {(REGISTRY[_PARTNER[n1]](u)), REGISTRY[_PARTNER[n2]](v)}
        if {p, q} != want:
            continue
        if n1 == n2 == "cos":  # cos u cos v + sgn*sin u sin v = cos(u - sgn*v)
            return mul(ka, REGISTRY["cos"](add(u, mul(-sgn, v))))
        if n1 == n2 == "cosh":
            return mul(ka, REGISTRY["cosh"](add(u, mul(sgn, v))))
        if n1 == "sin" and n2 == "cos" or n1 == "sinh" and n2 == "cosh":
            return mul(ka, REGISTRY[n1](add(u, mul(sgn, v))))
    return None


def contract_angles(e: Expr, cost: Callable[[Expr], tuple]) -> Expr:
    """The addition theorems read backwards on the terms of the sum ``e`` wherever that
    lowers the cost: what the derivatives of Ci, Si, Chi, Shi of a shifted argument
    leave, ``k*cosh(c*f/d - e)*cosh(c*f/d + f*x) - k*sinh(c*f/d - e)*sinh(c*f/d + f*x)
    = k*cosh(e + f*x)``."""
    terms = dict(enumerate(e._args))
    pairs = {i: p for i, t in terms.items() if (p := _angle_pair(t)) is not None}
    if len(pairs) < 2:
        return e
    best, c = e, cost(e)
    for i in sorted(pairs):
        a = pairs.get(i)
        if a is None:
            continue
        for j in sorted(pairs):
            b = pairs.get(j)
            if j <= i or b is None:
                continue
            r = _contracted(a, b)
            if r is None:
                continue
            rest = [t for n, t in terms.items() if n not in (i, j)]
            cand = add(r, *rest)
            cc = cost(cand)
            if cc < c:
                best, c = cand, cc
                terms[i] = r
                del terms[j]
                pairs[i] = pairs[j] = None
                break
    return best


def _fold_radicals(e: Expr, cost: Callable[[Expr], tuple]) -> Expr:
    """The numeric part of ``e`` built from one square root, as ``a + b*sqrt(n)``:
    ``2*sqrt(3)*(2*sqrt(3) + 3)/(3*(sqrt(3) + 2)) = 2``."""
    if e.is_Add:
        cand = rationalize_constant(e) if _radicand(e) else None
    else:
        ks = [a for a in e._args if _radicand(a) is not None]
        if not any(_radicand(a) and not a.is_Pow or a.is_Pow and a._args[0].is_Add
                   for a in ks):
            return e
        folded = rationalize_constant(mul(*ks))
        cand = None if folded is None else mul(
            folded, *(a for a in e._args if _radicand(a) is None))
    return cand if cand is not None and cost(cand) < cost(e) else e


#: Reciprocal functions, read as integer powers of their partners where products are
#: compared (``sec(u)^n = cos(u)^(-n)`` for integer ``n``, wherever either is defined).
_AS_POWER = {"sec": "cos", "csc": "sin", "sech": "cosh", "csch": "sinh"}


def _powers_of(e: Expr) -> tuple[Expr, dict[Expr, Expr]]:
    """``(c, {base: exponent})`` with ``e = c*prod(base^exponent)``; ``sec(u)^n`` with
    an integer ``n`` counts as ``cos(u)^(-n)`` (and csc, sech, csch alike)."""
    from ..core.function import REGISTRY

    c, rest = e.as_coeff_mul()
    out: dict[Expr, Expr] = {}
    for f in (rest._args if rest.is_Mul else (rest,)):
        if f.is_Number:
            continue
        b, k = f._args if f.is_Pow else (f, ONE)
        if b.is_Function and b.fdef.name in _AS_POWER and k.is_Number \
                and isinstance(k.value, int):
            b, k = REGISTRY[_AS_POWER[b.fdef.name]](b._args[0]), mul(-1, k)
        out[b] = add(out.get(b, ZERO), k)
    return number(c), out


def _absorb_powers(e: Expr, cost: Callable[[Expr], tuple]) -> Expr:
    """``B^k * B^m = B^(k + m)`` for a product ``B`` under a fractional power ``k`` and
    an integer ``m`` such that the rest of ``e`` holds a factor of ``B`` to the power
    ``m`` (what is left over stays): ``(a + x)/(a - x)/sqrt((a + x)/(a - x)) =
    sqrt((a + x)/(a - x))``, ``a*(cos(u) + 1)/(cos(u)^4*(a*sec(u)*(cos(u) + 1))^(7/2))
    = 1/(cos(u)^3*(a*sec(u)*(cos(u) + 1))^(5/2))``. Valid wherever ``B != 0``, for
    principal powers, since ``m`` is an integer."""
    best, c = e, cost(e)
    for f in e._args:
        if not (f.is_Pow and f._args[0].is_Mul and f._args[1].is_Number
                and not isinstance(f._args[1].value, int)):
            continue
        base, k = f._args
        cb, bs = _powers_of(base)
        rest = mul(e, power(f, -1))
        cr, rs = _powers_of(rest)
        ms = []
        for b, eb in bs.items():
            m = mul(rs.get(b, ZERO), power(eb, -1))
            if m.is_Number and isinstance(m.value, int) and m.value != 0 and m not in ms:
                ms.append(m)
        for m in ms:
            left = [power(b, add(eb, mul(-1, bs.get(b, ZERO), m))) for b, eb in rs.items()]
            left += [power(b, mul(-1, eb, m)) for b, eb in bs.items() if b not in rs]
            cand = mul(cr, power(cb, mul(-1, m)), power(base, add(k, m)), *left)
            cc = cost(cand)
            if cc < c:
                best, c = cand, cc
    return best


def _merge_radicals(e: Expr, cost: Callable[[Expr], tuple]) -> Expr:
    """``B1^k*B2^k = (B1*B2)^k`` (multiplied out) for two sums whose sum is a positive
    number, where that is cheaper: ``sqrt(1 - a*x)*sqrt(1 + a*x) = sqrt(1 - a^2*x^2)``.
    For real values at most one of ``B1``, ``B2`` is then negative, and with principal
    powers ``u^k*v^k = (u*v)^k`` unless both are negative."""
    from ..core.expand import expand

    pows = [(i, f) for i, f in enumerate(e._args) if f.is_Pow and f._args[0].is_Add
            and f._args[1].is_Number and not isinstance(f._args[1].value, int)]
    best, c = e, cost(e)
    for n, (i, f) in enumerate(pows):
        for j, g in pows[n + 1:]:
            if g._args[1] is not f._args[1] or not is_real(f._args[0]) \
                    or not is_real(g._args[0]):
                continue
            total = add(f._args[0], g._args[0])
            if not (total.is_Number and not isinstance(total.value, float) and total.value > 0):
                continue
            merged = power(expand(mul(f._args[0], g._args[0]), deep=False), f._args[1])
            cand = mul(merged, *(a for t, a in enumerate(e._args) if t not in (i, j)))
            cc = cost(cand)
            if cc < c:
                best, c = cand, cc
    return best


def _distribute_radicands(e: Expr, cost: Callable[[Expr], tuple], cache: dict) -> Expr:
    """A factor ``B^k`` of the product ``e`` (``k`` not an integer, ``B`` a product
    with a sum among its factors) with ``B`` multiplied out and polished where that is
    cheaper: ``(a*sec(u)*(cos(u) + 1))^(5/2) = (a + a*sec(u))^(5/2)`` (the radicand
    keeps its value, so the power does)."""
    from ..core.expand import expand

    best, c = e, cost(e)
    for i, f in enumerate(e._args):
        if not (f.is_Pow and f._args[0].is_Mul and f._args[1].is_Number
                and not isinstance(f._args[1].value, int)
                and any(a.is_Add for a in f._args[0]._args)):
            continue
        b = polish(expand(f._args[0], deep=False), cost, cache=cache)
        cand = mul(power(b, f._args[1]), *(a for j, a in enumerate(e._args) if j != i))
        cc = cost(cand)
        if cc < c:
            best, c = cand, cc
    return best


def _flip_factors(e: Expr, rs: RuleSet, cost: Callable[[Expr], tuple]) -> Expr:
    """Try each sum factor of a product with its sign flipped: ``sigmoid(x) - 1`` is no
    cheaper as ``-sigmoid(-x)``, but its sign merges into the product's coefficient."""
    best, c = e, cost(e)
    for i, f in enumerate(e._args):
        k = 1
        if f.is_Pow and f._args[1].is_Number and isinstance(f._args[1].value, int):
            f, k = f._args[0], f._args[1].value
        if not f.is_Add:
            continue
        g = _best_local(mul(-1, f), rs, cost)
        if g is mul(-1, f):
            continue
        cand = mul((-1) ** (k % 2), power(g, k), *(a for j, a in enumerate(e._args) if j != i))
        cc = cost(cand)
        if cc < c:
            best, c = cand, cc
    return best


def top_functions(e: Expr) -> frozenset:
    """The functions of ``e`` reachable from its root through sums, products and powers
    only (not inside another function's arguments), cached on the node.

    A pattern matches ``e`` only if its own top functions are among those of ``e``:
    a function of the pattern matches a function with the same definition, and a sum,
    product or power of the pattern matches the terms, factors, base or exponent of
    ``e`` (or ``e`` itself, through a default). :func:`polish` skips the rules that
    fail this test without trying to match them.
    """
    f = e._facts
    if f is not None:
        got = f.get("top functions")
        if got is not None:
            return got
    if e.is_Function:
        r = frozenset((e.fdef.name,))
    elif e.is_Add or e.is_Mul or e.is_Pow:
        r = frozenset().union(*(top_functions(a) for a in e._args))
    else:
        r = frozenset()
    if f is None:
        e._facts = f = {}
    f["top functions"] = r
    return r


def may_match(p: Expr, e: Expr) -> bool:
    """False only where the pattern ``p`` cannot match ``e`` (a necessary condition,
    checked without bindings or backtracking, so much cheaper than matching): the
    structure of :func:`~symcalc.rewrite.pattern.match` with every wildcard accepting
    anything and the terms (factors) of a sum (product) not required to be distinct.

    >>> from symcalc import symbols, sqrt
    >>> from symcalc.rewrite import Wild
    >>> x, y = symbols("x y")
    >>> u, n = Wild("u"), Wild("n")
    >>> p = (1 + u)**n*(1 - u)**n
    >>> may_match(p, sqrt(x + 1)*sqrt(1 - x)), may_match(p, sqrt(x + y)*sqrt(x - y))
    (True, False)
    """
    if isinstance(p, Wild):
        return True
    if not _has_wild(p):
        return p is e
    if p.is_Add or p.is_Mul:
        es = e._args if (e.is_Add if p.is_Add else e.is_Mul) else (e,)
        need = [q for q in p._args if not isinstance(q, Wild)]
        if len(es) < len(need) or (len(need) == len(p._args) and len(es) != len(need)):
            return False
        return all(any(may_match(q, t) for t in es) for q in need)
    if p.is_Pow:
        pb, pe = p._args
        if e.is_Pow and may_match(pb, e._args[0]) and may_match(pe, e._args[1]):
            return True
        return isinstance(pe, Wild) and pe.default is not None and may_match(pb, e)
    if p.is_Function:
        return (e.is_Function and e.fdef is p.fdef and len(e._args) == len(p._args)
                and all(may_match(q, t) for q, t in zip(p._args, e._args)))
    return (type(p) is type(e) and p.head == e.head and len(p._args) == len(e._args)
            and all(may_match(q, t) for q, t in zip(p._args, e._args)))


#: (rule set, head, top functions of a node) -> the rules whose patterns' top functions
#: are all among them: the only ones that can match such a node.
_CANDIDATES: dict = {}


def _candidates(rs: RuleSet, e: Expr) -> list[Rule]:
    have = top_functions(e)
    key = (id(rs), expr_key(e), have)
    got = _CANDIDATES.get(key)
    if got is None or got[0] is not rs:
        rules = [r for r in rs.candidates(e) if top_functions(r.lhs) <= have]
        got = _CANDIDATES[key] = (rs, rules)
    return got[1]


def _best_local(e: Expr, rs: RuleSet, cost: Callable[[Expr], tuple]) -> Expr:
    best, c = e, cost(e)
    for _ in range(6):
        improved = False
        for r in _candidates(rs, best):
            if not may_match(r.lhs, best):
                continue  # a pattern that cannot match: skip the costlier matching
            check()
            res = r.apply(best)
            if res is None:
                continue
            cand = res[0]
            cc = cost(cand)
            if cc < c:
                best, c, improved = cand, cc, True
        if not improved:
            break
    return best
