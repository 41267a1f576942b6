"""Products, quotients and logarithms of exponentials, normalized by the largest exponent.

A *carrier* is a factor that is a sum of exponentials in disguise (table ``CARRIERS``):
``exp(a)``, sums ``c0 + c1 exp(b1) + ...``, ``sigmoid(u) = (1 + exp(-u))^-1``, ``cosh``,
``sinh``, ``sech``, ``csch``, ``expm1``. A product of carriers raised to powers k_i, times
other factors R, is rewritten by the max-shift that makes softmax stable:

    R prod_i (sum_j c_ij exp(b_ij))^k_i
        = R exp(sum_i k_i m_i) prod_i (sum_j c_ij exp(b_ij - m_i))^k_i

for any m_i; with m_i = max_j b_ij, computed elementwise at run time, every shifted sum
lies between its largest coefficient and the sum of their magnitudes, so nothing
overflows unless the value itself does (``exp(z1)/(exp(z1) + exp(z2))`` at logits near
1000, ``exp(x) sigmoid(-x)`` at x = 800). The shift cancels in the value, so it is
``nograd``: the reverse mode treats m_i as a constant and differentiates the shifted
form, whose adjoints are bounded as well. Where the coefficients of a sum add up to 0
(sinh, expm1, exp(a) - exp(b)) the shifted sum is ``sum c_j expm1(b_j - m)``, which does
not cancel where the terms are nearly equal.

The logarithm of a product of positive carriers is split into a sum of logarithms
(``log(exp(z1)/S) = z1 - log S``, then log-sum-exp), and ``log(cosh u)``,
``log(sinh u)`` get forms that never overflow. Two cheap special cases come first:
``exp(a)/(c1 exp(a) + c2 exp(b))`` is a sigmoid, ``sinh(u)^p cosh(u)^q`` is
``tanh(u)^p cosh(u)^(p+q)``.

>>> from symcalc.compile.ir import scope, var, node
>>> with scope():
...     z1, z2 = var(0), var(1)
...     normalize_product(node("prod", node("exp", z1),
...                            node("pow", node("sum", node("exp", z1), node("exp", z2)),
...                                 const(-1.0))))
sigmoid(sum(v0, prod(-1.0, v1)))
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .ir import Node, const, is_const, node

#: a carrier's terms: [(coefficient c_j, exponent b_j)] meaning sum_j c_j exp(b_j)
Terms = list[tuple[float, Node]]

#: marks a shifted sum (sum c_j exp(b_j - m)): it is bounded, never a carrier again
SHIFTED = "shifted"


def _neg(u: Node) -> Node:
    return _lin([(u, -1.0)])


#: op -> (its terms as a function of the argument, the power the terms are raised to)
CARRIERS: dict[str, tuple[Callable[[Node], Terms], float]] = {
    "exp": (lambda u: [(1.0, u)], 1.0),
    "sigmoid": (lambda u: [(1.0, const(0.0)), (1.0, _neg(u))], -1.0),
    "cosh": (lambda u: [(0.5, u), (0.5, _neg(u))], 1.0),
    "sinh": (lambda u: [(0.5, u), (-0.5, _neg(u))], 1.0),
    "sech": (lambda u: [(0.5, u), (0.5, _neg(u))], -1.0),
    "csch": (lambda u: [(0.5, u), (-0.5, _neg(u))], -1.0),
    "expm1": (lambda u: [(1.0, u), (-1.0, const(0.0))], 1.0),
}

#: carriers bounded by 1 when raised to a positive power (they cannot overflow)
BOUNDED = frozenset({"sigmoid", "sech", "tanh"})


# --------------------------------------------------------------------------- linear forms


def _lin(items: list[tuple[Node, float]]) -> Node:
    """sum k*u over items, like terms combined (sums and k*u products are flattened)."""
    coef: dict[int, list] = {}
    c0 = 0.0

    def add(u: Node, k: float) -> None:
        nonlocal c0
        if u.op == "const":
            c0 += k * u.arg
        elif u.op == "sum" and u.arg is None:
            for t in u.src:
                add(t, k)
        elif u.op == "prod" and len(u.src) == 2 and is_const(u.src[0]):
            add(u.src[1], k * u.src[0].arg)
        else:
            e = coef.setdefault(id(u), [u, 0.0])
            e[1] += k

    for u, k in items:
        add(u, k)
    terms = [u if k == 1.0 else node("prod", const(k), u) for u, k in coef.values() if k != 0.0]
    if c0 != 0.0 or not terms:
        terms.insert(0, const(c0))
    return terms[0] if len(terms) == 1 else node("sum", *terms)


# --------------------------------------------------------------------------- carriers


def _exp_term(t: Node) -> tuple[float, Node] | None:
    if t.op == "const":
        return (t.arg, const(0.0)) if t.arg != 0.0 and math.isfinite(t.arg) else None
    if t.op == "exp":
        return 1.0, t.src[0]
    if t.op == "prod" and len(t.src) == 2 and is_const(t.src[0]) and t.src[1].op == "exp" \
            and math.isfinite(t.src[0].arg):
        return t.src[0].arg, t.src[1].src[0]
    return None


def expsum_terms(n: Node, shifted: bool = False) -> Terms | None:
    """n as sum_j c_j exp(b_j) (at least one exponential), or None. Shifted sums count
    only when ``shifted`` is true."""
    spec = CARRIERS.get(n.op)
    if spec is not None and spec[1] == 1.0:
        return spec[0](n.src[0])
    if n.op != "sum" or (n.arg is not None and not shifted):
        return None
    terms = []
    for t in n.src:
        et = _exp_term(t)
        if et is None:
            return None
        terms.append(et)
    return terms if any(not is_const(b) for _, b in terms) else None


def _carrier(f: Node) -> tuple[Node, Terms, float, Node] | None:
    """(base, terms, power of the terms, f) when the factor f = base^k is a carrier."""
    base, k = f, 1.0
    if f.op == "pow" and is_const(f.src[1]) and math.isfinite(f.src[1].arg):
        base, k = f.src[0], f.src[1].arg
    spec = CARRIERS.get(base.op)
    if spec is not None:
        return base, spec[0](base.src[0]), k * spec[1], f
    terms = expsum_terms(base)
    return None if terms is None else (base, terms, k, f)


def _bounded(base: Node, k: float) -> bool:
    """base^k is at most 1 in magnitude (a factor that cannot overflow)."""
    return (base.op in BOUNDED and k > 0) or (base.op == "cosh" and k < 0)


def _shift(terms: Terms) -> Node:
    """nograd(max_j b_j): |u| for the pair u, -u."""
    bs: list[Node] = []
    for _, b in terms:
        if b not in bs:
            bs.append(b)
    if len(bs) == 2 and _neg(bs[0]) is bs[1]:
        m = node("abs", bs[0])
    else:
        m = bs[0]
        for b in bs[1:]:
            m = node("maximum", m, b)
    return node("nograd", m)


def _shifted_sum(terms: Terms, m: Node) -> Node:
    # coefficients that add up to 0: sum c_j (exp(d_j) - 1), no cancellation of the 1s
    f = "expm1" if math.fsum(c for c, _ in terms) == 0.0 else "exp"
    out = []
    for c, b in terms:
        e = node(f, _lin([(b, 1.0), (m, -1.0)]))
        out.append(e if c == 1.0 else node("prod", const(c), e))
    return node("sum", *out, arg=SHIFTED)


# --------------------------------------------------------------------------- the rewrites


def _tanh_pairs(carriers: list, rest: list) -> bool:
    """sinh(u)^p cosh(u)^q -> tanh(u)^p cosh(u)^(p+q) in place; whether one was found."""
    # csch^k and sech^k carry the terms of sinh and cosh to the power -k already
    found = False
    for i, (b, _, p, _) in enumerate(carriers):
        if b is None or b.op not in ("sinh", "csch"):
            continue
        for j, (c, _, q, _) in enumerate(carriers):
            if c is None or c.op not in ("cosh", "sech") or c.src[0] is not b.src[0]:
                continue
            u = b.src[0]
            t = node("tanh", u)
            rest.append(_power(t, p))
            carriers[i] = (None, None, 0.0, None)
            k = p + q
            ch = node("cosh", u)
            carriers[j] = (None, None, 0.0, None) if k == 0 else \
                (ch, CARRIERS["cosh"][0](u), k, _power(ch, k))
            found = True
            break
    carriers[:] = [c for c in carriers if c[0] is not None]
    return found


def _merge(carriers: list) -> bool:
    """Powers of one base added up (S * S^-2 = S^-1); whether any were."""
    seen: dict[int, int] = {}
    out: list = []
    for c in carriers:
        i = seen.get(id(c[0]))
        if i is None:
            seen[id(c[0])] = len(out)
            out.append(c)
        else:
            b, terms, k, _ = out[i]
            k += c[2]
            kb = k * CARRIERS.get(b.op, (0, 1.0))[1]
            out[i] = (b, terms, k, _power(b, kb))
    changed = len(out) < len(carriers)
    carriers[:] = [c for c in out if c[2] != 0.0]
    return changed


def _has_carrier(t: Node) -> bool:
    return any(_carrier(f) is not None for f in (t.src if t.op == "prod" else (t,)))


#: a product is multiplied out only into at most this many terms, all its sums together
MAX_DISTRIBUTE = 64


def distribute_carriers(p: Node) -> Node | None:
    """exp(a) (u + v) -> exp(a) u + exp(a) v when u or v holds a carrier, run as a pass of
    its own before the shift (on products not yet shifted): then each product is shifted
    on its own, and powers of one sum cancel (exp(-z) S (exp(2z)/S^2 - exp(z)/S) is
    exp(z)/S - 1, with no exp(-z) = inf times a tiny difference)."""
    rest: list[Node] = []
    carriers: list = []
    for f in _flat(p):
        c = _carrier(f)
        if c is None:
            rest.append(f)
        else:
            carriers.append(c)
    if all(_bounded(b, k * CARRIERS.get(b.op, (0, 1.0))[1]) for b, _, k, _ in carriers):
        return None
    sums = [f for f in rest if f.op == "sum" and f.arg is None
            and any(_has_carrier(t) for t in f.src)]
    if math.prod(len(f.src) for f in sums) > MAX_DISTRIBUTE:
        return None  # too many terms: left as it is
    for j, f in enumerate(rest):
        if any(f is g for g in sums):
            others = [g for i, g in enumerate(rest) if i != j] + [c[3] for c in carriers]
            terms = [_prod([*others, *(t.src if t.op == "prod" else (t,))]) for t in f.src]
            return node("sum", *terms)
    return None


def _sigmoid_pair(carriers: list) -> Node | None:
    """exp(a) / (c1 exp(a) + c2 exp(b)) = sigmoid(a - b + log(c1/c2)) / c1 (c1, c2 > 0)."""
    if len(carriers) != 2:
        return None
    (_, t1, k1, _), (_, t2, k2, _) = carriers
    if len(t1) != 1:
        t1, k1, t2, k2 = t2, k2, t1, k1
    if len(t1) != 1 or k1 != 1.0 or k2 != -1.0 or len(t2) != 2:
        return None
    a = t1[0][1]
    for (c1, e1), (c2, e2) in (t2, t2[::-1]):
        if e1 is a and c1 > 0 and c2 > 0:
            s = node("sigmoid", _lin([(e1, 1.0), (e2, -1.0), (const(math.log(c1 / c2)), 1.0)]))
            return s if c1 == 1.0 else node("prod", const(1.0 / c1), s)
    return None


def _flat(p: Node) -> list[Node]:
    """The factors of a product, nested products (a power shifted below) flattened."""
    out: list[Node] = []
    for f in p.src if p.op == "prod" else (p,):
        out.extend(_flat(f) if f.op == "prod" else (f,))
    return out


def normalize_product(p: Node) -> Node | None:
    """A product (or power) of carriers, max-shifted; None when nothing can overflow."""
    rest: list[Node] = []
    carriers: list[tuple[Node, Terms, float, Node]] = []
    for f in _flat(p):
        c = _carrier(f)
        if c is None:
            rest.append(f)
        else:
            carriers.append(c)
    if not carriers:
        return None
    changed = _merge(carriers)
    changed = _tanh_pairs(carriers, rest) or changed
    singles = [c for c in carriers if len(c[1]) == 1]
    if len(singles) >= 2:  # exp(a) exp(b) -> exp(a + b)
        e = _lin([(t[0][1], k) for _, t, k, _ in singles])
        carriers[:] = [c for c in carriers if len(c[1]) > 1]
        if is_const(e):
            rest.append(const(math.exp(e.arg)))
        else:
            x = node("exp", e)
            carriers.insert(0, (x, [(1.0, e)], 1.0, x))
        changed = True
    multi = [c for c in carriers if len(c[1]) > 1]
    if not multi:
        if len(carriers) == 1 and carriers[0][2] == 1.0 and not changed:
            return None
        if carriers:  # exponentials only: one exp of the summed exponents
            rest.append(node("exp", _lin([(t[0][1], k) for _, t, k, _ in carriers])))
        return _prod(rest)
    pair = _sigmoid_pair(carriers)
    if pair is not None:
        return _prod([*rest, pair])
    need = len(carriers) >= 2 and not all(_bounded(b, k * CARRIERS.get(b.op, (0, 1.0))[1])
                                          for b, _, k, _ in carriers)
    if len(carriers) == 1:
        b, _, k, _ = carriers[0]
        # sqrt(1 + exp(x)): the sum overflows before the root
        need = k != int(k) and not _bounded(b, k * CARRIERS.get(b.op, (0, 1.0))[1])
    if not need:
        return _prod(rest + [f for *_, f in carriers]) if changed else None
    exponent: list[tuple[Node, float]] = []
    for _, terms, k, _ in carriers:
        if len(terms) == 1:
            exponent.append((terms[0][1], k))
            continue
        m = _shift(terms)
        exponent.append((m, k))
        rest.append(_power(_shifted_sum(terms, m), k))
    e = _lin(exponent)
    if not is_const(e, 0.0):
        rest.append(node("exp", e))
    return _prod(rest)


def _power(b: Node, k: float) -> Node:
    return b if k == 1.0 else node("pow", b, const(k))


def _prod(fs: list[Node]) -> Node:
    """The product of fs, literals (exp(0) included) multiplied into one, put first."""
    c = 1.0
    rest = []
    for f in fs:
        if f.op == "exp" and f.src[0].op == "const":
            c *= math.exp(f.src[0].arg)
        elif f.op == "const":
            c *= f.arg
        else:
            rest.append(f)
    if c != 1.0 or not rest:
        rest.insert(0, const(c))
    return rest[0] if len(rest) == 1 else node("prod", *rest)


def _positive(b: Node) -> bool:
    """b > 0 wherever it is defined: exp, sigmoid, cosh, sech, sums of c exp(.) with c > 0."""
    if b.op in ("exp", "sigmoid", "cosh", "sech"):
        return True
    terms = expsum_terms(b, shifted=True)
    return terms is not None and all(c > 0 for c, _ in terms)


def log_of_product(n: Node) -> Node | None:
    """log(R prod_i F_i^k_i) = log(R) + sum_i k_i log(F_i) for positive carriers F_i
    (log exp(a) = a): quotients of exponentials never underflow inside the log."""
    p = n.src[0]
    pos: list[tuple[Node, float]] = []
    rest: list[Node] = []
    for f in _flat(p):
        base, k = f, 1.0
        if f.op == "pow" and is_const(f.src[1]) and math.isfinite(f.src[1].arg):
            base, k = f.src[0], f.src[1].arg
        if base.op == "const" and base.arg > 0 and math.isfinite(base.arg):
            pos.append((const(math.log(base.arg)), k))
        elif base.op == "exp":
            pos.append((base.src[0], k))
        elif _positive(base):
            pos.append((node("log", base), k))
        else:
            rest.append(f)
    if not pos:
        return None
    if rest:
        pos.append((node("log", _prod(rest)), 1.0))
    return _lin(pos)


def log_cosh(u: Node) -> Node:
    """log cosh u: |u| - log 2 + log1p(exp(-2|u|)) for |u| >= 1 (no overflow), and
    log1p(2 sinh(u/2)^2) below (no cancellation near 0); the small branch sees u only
    where it is taken, so its adjoint stays finite elsewhere."""
    a = node("abs", u)
    small = node("lt", a, const(1.0))
    w = node("where", small, u, const(0.0))
    sh = node("sinh", node("prod", const(0.5), w))
    near0 = node("log1p", node("prod", const(2.0), node("pow", sh, const(2.0))))
    far = _lin([(a, 1.0), (const(-math.log(2.0)), 1.0),
                (node("log1p", node("exp", node("prod", const(-2.0), a))), 1.0)])
    return node("where", small, near0, far)


def log_sinh(u: Node) -> Node:
    """log sinh u = u - log 2 + log(-expm1(-2u)): finite for every u > 0, nan below."""
    return _lin([(u, 1.0), (const(-math.log(2.0)), 1.0),
                 (node("log", node("prod", const(-1.0),
                                   node("expm1", node("prod", const(-2.0), u)))), 1.0)])


def one_minus_tanh_sq(s: Node) -> Node | None:
    """c - c tanh(u)^2 = c cosh(u)^-2: no cancellation where tanh(u) is near +-1."""
    if len(s.src) == 2 and any(is_const(a) and a.arg != 0 for a in s.src):
        cn, t = s.src if is_const(s.src[0]) else s.src[::-1]
        c = cn.arg
        k, q = (t.src[0].arg, t.src[1]) if t.op == "prod" and len(t.src) == 2 \
            and is_const(t.src[0]) else (1.0, t)
        if k == -c:
            if q.op == "pow" and is_const(q.src[1], 2.0) and q.src[0].op == "tanh":
                r = node("pow", node("cosh", q.src[0].src[0]), const(-2.0))
                return r if c == 1.0 else node("prod", const(c), r)
    return None
