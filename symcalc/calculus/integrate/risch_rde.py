"""The Risch differential equation y' + f*y = g over Q(x), Hermite reduction, and the
limited integration problem (Bronstein, *Symbolic Integration I*, chapters 5–7).

``rde(f, g)`` returns the rational solution y ∈ Q(x) or None when there is none — a
proof, since the denominator of any solution is bounded (weak normalization, then
Bronstein's normal denominator bound; over Q(x) every squarefree polynomial is normal)
and the degree of its numerator too, and the remaining linear system over Q is solved
exactly. ``hermite(a, d, D)`` reduces a/d over any polynomial ring K[t] with a
derivation D for which d is normal. ``limited_integrate(p, eta)`` finds b ∈ Q(x) and a
rational c with p = b' + c*eta, or proves there are none.

>>> from fractions import Fraction as Q
>>> x = RF.x()
>>> rde(RF.const(1), x)                  # y' + y = x
RF(x - 1)
>>> rde(2*x, RF.const(1)) is None        # y' + 2x y = 1: ∫ exp(x^2) is not elementary
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from ...core.budget import poll as check
from . import risch_poly as P
from .risch_poly import RF, RischError

#: Past this degree bound for a polynomial solution the equation is left undecided.
MAX_DEGREE = 200


# --------------------------------------------------------------------------- linear algebra


def solve_linear(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """One solution of rows * v = rhs over Q (free unknowns 0), or None when inconsistent."""
    m = len(rows)
    n = len(rows[0]) if rows else 0
    A = [list(r) + [b] for r, b in zip(rows, rhs, strict=True)]
    piv_cols: list[int] = []
    r = 0
    for c in range(n):
        check()
        p = next((i for i in range(r, m) if A[i][c]), None)
        if p is None:
            continue
        A[r], A[p] = A[p], A[r]
        inv = 1 / A[r][c]
        A[r] = [v * inv for v in A[r]]
        for i in range(m):
            if i != r and A[i][c]:
                f = A[i][c]
                A[i] = [a - f * b for a, b in zip(A[i], A[r], strict=True)]
        piv_cols.append(c)
        r += 1
        if r == m:
            break
    if any(A[i][n] for i in range(r, m)):
        return None
    sol = [Fraction(0)] * n
    for i, c in enumerate(piv_cols):
        sol[c] = A[i][n]
    return sol


# --------------------------------------------------------------------------- polynomial RDE


def poly_rde(a: Sequence[Fraction], b: Sequence[Fraction], c: Sequence[Fraction]
             ) -> list[Fraction] | None:
    """A polynomial q over Q with a*q' + b*q = c, or None when there is none."""
    r = poly_rde_param(a, b, c, [])
    return None if r is None else r[0]


def _degree_bound(a: Sequence[Fraction], b: Sequence[Fraction], dc: int) -> int:
    da, db = P.deg(a), P.deg(b)
    if db > da - 1:
        return dc - db
    if db < da - 1:
        return dc - da + 1
    n = dc - db
    m = -b[-1] / a[-1] if b else Fraction(0)
    if isinstance(m, Fraction) and m.denominator == 1 and m > n:
        n = int(m)
    return n


def poly_rde_param(a: Sequence[Fraction], b: Sequence[Fraction], c: Sequence[Fraction],
                   cs: Sequence[Sequence[Fraction]]
                   ) -> tuple[list[Fraction], list[Fraction]] | None:
    """(q, λ) with a*q' + b*q = c - Σ λ_i*cs[i], q a polynomial over Q and λ_i rational,
    or None when there is none."""
    if not c:
        return [], [Fraction(0)] * len(cs)
    n = _degree_bound(a, b, max([P.deg(c)] + [P.deg(ci) for ci in cs]))
    if n < 0 and not cs:
        return None
    n = max(n, -1)
    if n > MAX_DEGREE:
        raise RischError("degree bound too large")
    cols: list[list[Fraction]] = []
    for k in range(n + 1):
        mono = P.monomial(Fraction(1), k)
        cols.append(P.add(P.mul(a, P.deriv(mono)), P.mul(b, mono)))
    cols.extend(list(ci) for ci in cs)
    size = max([len(col) for col in cols] + [len(c)])
    rows = [[col[j] if j < len(col) else Fraction(0) for col in cols] for j in range(size)]
    rhs = [c[j] if j < len(c) else Fraction(0) for j in range(size)]
    sol = solve_linear(rows, rhs)
    if sol is None:
        return None
    q = P.trim(list(sol[:n + 1]))
    lam = sol[n + 1:]
    lhs = P.add(P.mul(a, P.deriv(q)), P.mul(b, q))
    for li, ci in zip(lam, cs, strict=True):
        lhs = P.add(lhs, P.scale(list(ci), li))
    if lhs != P.trim(list(c)):
        raise RischError("polynomial RDE check failed")
    return q, lam


def _roots_in_z(a: Sequence[Any], d1: Sequence[Any]) -> list[int]:
    """The positive integers n with gcd(a - n*d1', d1) nontrivial: the roots of
    res_x(a - z*d1', d1), a polynomial in z found by interpolation. With parameters, the
    candidates come from one rational specialization and are checked exactly."""
    d1p = P.deriv(d1)
    k = P.deg(d1)
    zs = list(range(k + 1))
    vals = [P.resultant(P.sub(list(a), P.scale(d1p, Fraction(z))), list(d1)) for z in zs]
    r = P.interpolate(zs, vals)
    if not r:
        return []
    num = [P.specialize(c, _SPECIAL_VALUES[:_ngens(c)]) for c in r]
    if not P.trim(num):
        raise RischError("the specialization lost the polynomial")
    from math import lcm

    den = lcm(*(c.denominator for c in num))
    ints = [int(c * den) for c in num]
    while ints and ints[0] == 0:
        ints.pop(0)
    if not ints:
        return []
    return [n for n in _divisors(abs(ints[0])) if not P.evaluate(r, Fraction(n))]


#: Values for the parameters where a polynomial with parameter coefficients is looked at
#: to find candidates (then checked exactly).
_SPECIAL_VALUES = tuple(Fraction(v) for v in (7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47))


def _ngens(c: Any) -> int:
    return len(c.n.gens) if isinstance(c, P.CF) else 0


def _divisors(n: int) -> list[int]:
    if n > 10**12:
        raise RischError("constant term too large to factor")
    out = []
    i = 1
    while i * i <= n:
        if n % i == 0:
            out.append(i)
            if i * i != n:
                out.append(n // i)
        i += 1
    return sorted(out)


def weak_normalizer(f: RF) -> list[Fraction]:
    """q ∈ Q[x] with f - q'/q weakly normalized (no simple pole with a positive
    integer residue), Bronstein's WeakNormalizer."""
    fd = list(f.d)
    g = P.gcd(fd, P.deriv(fd))
    dstar = P.exquo(fd, g)
    d1 = P.exquo(dstar, P.gcd(dstar, g))
    if P.deg(d1) <= 0:
        return [Fraction(1)]
    a, _ = P.solve_bezout(P.exquo(fd, d1), d1, list(f.n))
    ns = _roots_in_z(a, d1)
    q = [Fraction(1)]
    d1p = P.deriv(d1)
    for n in ns:
        h = P.gcd(P.sub(a, P.scale(d1p, Fraction(n))), d1)
        for _ in range(n):
            q = P.mul(q, h)
    return q


def rde(f: RF, g: RF) -> RF | None:
    """y ∈ Q(x) with y' + f*y = g, or None when there is none."""
    r = rde_param(f, g, [])
    return None if r is None else r[0]


def rde_param(f: RF, g: RF, extras: Sequence[RF]) -> tuple[RF, list[Fraction]] | None:
    """(y, λ) with y ∈ Q(x), λ_i ∈ Q and y' + f*y = g - Σ λ_i*extras[i], or None when
    there is none (with ``extras = [1]`` and f = u' for a quadratic u, the λ is the
    part of ∫ g*exp(u) that needs erf)."""
    if not g:
        return RF(()), [Fraction(0)] * len(extras)
    q = weak_normalizer(f)
    f1 = f - RF(P.deriv(q), q)
    # the denominator bound from a multiple of every right-hand side's denominator
    gd = list((g * RF(q)).d)
    for e in extras:
        ed = list((e * RF(q)).d)
        gd = P.exquo(P.mul(gd, ed), P.gcd(gd, ed))
    fd = list(f1.d)
    p = P.gcd(fd, gd)
    h = P.exquo(P.gcd(gd, P.deriv(gd)), P.gcd(p, P.deriv(p)))
    F = f1 - RF(P.deriv(h), h)
    hq = RF(P.mul(h, q))
    G = g * hq
    Es = [e * hq for e in extras]
    L = list(F.d)
    for r in (G, *Es):
        L = P.exquo(P.mul(L, list(r.d)), P.gcd(L, list(r.d)))
    a = L
    b = P.mul(list(F.n), P.exquo(L, list(F.d)))
    c = P.mul(list(G.n), P.exquo(L, list(G.d)))
    cs = [P.mul(list(r.n), P.exquo(L, list(r.d))) for r in Es]
    sol = poly_rde_param(a, b, c, cs)
    if sol is None:
        return None
    z, lam = sol
    y = RF(z, P.mul(h, q))
    rhs = g
    for li, e in zip(lam, extras, strict=True):
        rhs = rhs - e * li
    if y.der() + f * y != rhs:
        raise RischError("RDE check failed")
    return y, lam


# --------------------------------------------------------------------------- Hermite reduction


def hermite(a: Sequence[Any], d: Sequence[Any], D: Callable[[Sequence[Any]], list]
            ) -> tuple[list[tuple[list, list, int]], tuple[list, list], list]:
    """Hermite reduction of a/d (d normal for the derivation D on the polynomial ring):
    (g, (r, s), q) with a/d = D(Σ b/v^j for (b, v, j) in g) + r/s + q, s squarefree,
    deg r < deg s, q a polynomial."""
    lead = P.lc(d)
    dcur = P.monic(d)
    a = P.scale(list(a), P._inv(lead))
    sq = P.squarefree(dcur)
    gs: list[tuple[list, list, int]] = []
    for i in range(2, len(sq) + 1):
        v = sq[i - 1]
        if P.deg(v) <= 0:
            continue
        vi = [v[0] * 0 + 1]
        for _ in range(i):
            vi = P.mul(vi, v)
        u = P.exquo(dcur, vi)
        uDv = P.mul(u, D(v))
        for j in range(i - 1, 0, -1):
            check()
            b, c = P.solve_bezout(uDv, v, P.scale(a, Fraction(-1, j)))
            if b:
                gs.append((b, v, j))
            a = P.sub(P.scale(c, -j), P.mul(u, D(b)))
        dcur = P.mul(u, v)
    q, r = P.divmod_(a, dcur)
    return gs, (r, dcur), q


def qx_derivative(p: Sequence[Fraction]) -> list[Fraction]:
    return P.deriv(p)


def limited_integrate(p: RF, eta: RF) -> tuple[RF, Fraction] | None:
    """(b, c) with p = b' + c*eta, b ∈ Q(x), c ∈ Q; None when there is none. ``eta``
    must be proper with a squarefree denominator (the derivative of log(v), v ∈ Q(x))."""
    gs, (r, s), q = hermite(list(p.n), list(p.d), qx_derivative)
    b = RF(_antideriv(q))
    for bb, v, j in gs:
        b = b + RF(bb, P.mul(P.monomial(Fraction(1), 0), _pow(v, j)))
    L = RF(r, s)
    if not L:
        c = Fraction(0)
    else:
        ratio = L / eta
        if not ratio.is_const():
            return None
        c = ratio.const_value()
    if b.der() + eta * c != p:
        raise RischError("limited integration check failed")
    return b, c


def _antideriv(q: Sequence[Fraction]) -> list[Fraction]:
    return P.trim([Fraction(0)] + [c / (i + 1) for i, c in enumerate(q)])


def _pow(v: Sequence[Any], j: int) -> list:
    out = [v[0] * 0 + 1]
    for _ in range(j):
        out = P.mul(out, v)
    return out


__all__ = ["hermite", "limited_integrate", "poly_rde", "poly_rde_param", "rde", "rde_param",
           "solve_linear", "weak_normalizer"]
