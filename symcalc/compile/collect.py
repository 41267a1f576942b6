"""Common factors out of sums: fewer multiplications, Horner form for polynomials.

A sum of products is rewritten greedily: the factor that occurs in the most terms (a
base with its smallest power, or a coefficient shared up to sign) is pulled out of them,
and both the pulled-out terms and the rest are treated the same way. For a polynomial
this is Horner's scheme:

    1 + 2x + 3x^2 + 4x^3  ->  1 + x*(2 + x*(3 + 4x))

and for a derivative such as ``-8x^3 cos(x^2) e^-x + 12x^2 e^-x sin(x^2) + ...`` the
``e^-x`` and the powers of x are multiplied in once instead of once per term. Powers
are split only at multiples of 1/2, so what is left is still multiplications and
square roots (``x^(3/2)`` and ``x`` share ``x``). No term is divided by anything: the
pulled-out terms are the products of the remaining factors, so no new cancellation,
overflow or division by zero appears.

>>> from symcalc.compile.ir import scope, var, const, node
>>> with scope():
...     x = var(0)
...     s = node("sum", const(1.0), node("prod", const(2.0), x),
...              node("prod", const(3.0), node("pow", x, const(2.0))))
...     collect_sum(s)
sum(prod(v0, sum(2.0, prod(3.0, v0))), 1.0)
"""

from __future__ import annotations

import math

from .ir import Node, const, node

#: sums with more terms are left alone (the greedy search is quadratic in the worst case)
MAX_TERMS = 256

_Term = tuple[float, dict[int, tuple[Node, float]]]  # coefficient, id(base) -> (base, exp)


def _split(t: Node) -> _Term:
    """A term as coefficient and powers of bases (exponents multiples of 1/2)."""
    coef = 1.0
    powers: dict[int, tuple[Node, float]] = {}
    for f in (t.src if t.op == "prod" else (t,)):
        if f.op == "const":
            coef *= f.arg
            continue
        base, e = f, 1.0
        if f.op == "pow" and f.src[1].op == "const":
            v = f.src[1].arg
            if v == v and abs(v) <= 64 and (2 * v) == int(2 * v) and v != 0:
                base, e = f.src[0], v
        b, e0 = powers.get(id(base), (base, 0.0))
        powers[id(base)] = (b, e0 + e)
    return coef, powers


def _build(coef: float, powers: dict[int, tuple[Node, float]]) -> Node:
    fs = [b if e == 1 else node("pow", b, const(e)) for b, e in powers.values() if e != 0]
    if coef != 1.0 or not fs:
        fs.insert(0, const(coef))
    return fs[0] if len(fs) == 1 else node("prod", *fs)


def _best(terms: list[_Term]) -> tuple | None:
    """The factor in the most terms (at least two): ("c", k) for a coefficient +-k
    shared by terms that are not literals, ("b", id, sign) for a base; ties go to the
    one seen first (deterministic)."""
    count: dict[tuple, int] = {}
    for coef, powers in terms:
        keys = [("b", i, e > 0) for i, (_, e) in powers.items() if e != 0]
        if keys and abs(coef) != 1.0 and coef != 0.0 and math.isfinite(coef):
            keys.append(("c", abs(coef)))
        for k in keys:
            count[k] = count.get(k, 0) + 1
    best = None
    for k, c in count.items():  # insertion order: first seen wins ties
        if c >= 2 and (best is None or c > count[best]):
            best = k
    return best


def _collect(terms: list[_Term]) -> list[Node]:
    key = _best(terms)
    if key is None:
        return [_build(c, p) for c, p in terms]
    if key[0] == "c":
        k = key[1]
        chosen = [abs(c) == k and any(e for _, e in p.values()) for c, p in terms]
        inside = [t for t, y in zip(terms, chosen) if y]
        rest = [t for t, y in zip(terms, chosen) if not y]
        if all(c < 0 for c, _ in inside):
            k = -k  # -2a - 2b = -2*(a + b): some term inside keeps coefficient +1
        group = [(c / k, p) for c, p in inside]
        pulled: Node = const(k)
    else:
        _, i, positive = key
        inside = [(c, p) for c, p in terms if i in p and p[i][1] != 0 and (p[i][1] > 0) == positive]
        rest = [(c, p) for c, p in terms if not (i in p and p[i][1] != 0
                                                and (p[i][1] > 0) == positive)]
        base = inside[0][1][i][0]
        m = min((p[i][1] for _, p in inside), key=abs)
        group = []
        for c, p in inside:
            q = dict(p)
            q[i] = (base, p[i][1] - m)
            group.append((c, q))
        pulled = base if m == 1 else node("pow", base, const(m))
    inner = _collect(group)
    s = inner[0] if len(inner) == 1 else node("sum", *inner)
    prod = node("prod", pulled, *s.src) if s.op == "prod" else node("prod", pulled, s)
    return [prod, *_collect(rest)]


def collect_sum(s: Node) -> Node | None:
    """s with common factors pulled out of its terms; None when there are none."""
    if not 2 <= len(s.src) <= MAX_TERMS:
        return None
    terms = [_split(t) for t in s.src]
    if _best(terms) is None:
        return None
    out = _collect(terms)
    return out[0] if len(out) == 1 else node("sum", *out)


def _coefficient(t: Node) -> float:
    return t.arg if t.op == "const" else t.src[0].arg


def _safe_product(c: float, k: float) -> bool:
    """c*k neither overflows nor underflows to 0 (then k*(c*w) may differ from (k*c)*w)."""
    if c == 0.0:
        return True
    p = c * k
    return math.isfinite(p) and abs(p) >= 1e-300


def _absorbs(t: Node) -> bool:
    return t.op == "const" or (t.op == "prod" and t.src[0].op == "const")


def _distinct_coefficients(s: Node) -> bool:
    """No two terms (not literals) share a coefficient up to sign: collect_sum would not
    pull one out again."""
    ks = [abs(t.src[0].arg) for t in s.src if t.op == "prod"]
    return len(ks) == len(set(ks))


def distribute(p: Node) -> Node | None:
    """k*u*(a + c*w) -> u*(k*a + (k*c)*w): a coefficient goes into a sum whose terms
    all have one already (one multiplication less); nested products are flattened."""
    fs: list[Node] = []
    for f in p.src:
        fs.extend(f.src if f.op == "prod" else (f,))
    k = 1.0
    for f in fs:
        if f.op == "const":
            k *= f.arg
    if k == 1.0 or not math.isfinite(k):
        return None
    for j, f in enumerate(fs):
        if f.op == "sum" and all(_absorbs(t) for t in f.src) and _distinct_coefficients(f) \
                and all(_safe_product(_coefficient(t), k) for t in f.src):
            terms = [const(t.arg * k) if t.op == "const"
                     else node("prod", const(t.src[0].arg * k), *t.src[1:]) for t in f.src]
            rest = [g for i, g in enumerate(fs) if i != j and g.op != "const"]
            s = node("sum", *terms)
            return node("prod", *rest, s) if rest else s
    return None
