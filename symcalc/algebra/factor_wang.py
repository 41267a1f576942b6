"""Wang's leading-coefficient predetermination for the multivariate factorization over Z.

The plain scheme of :mod:`.factor_multi` lifts *monic* image factors: power series in
``y`` that only become polynomials after multiplying by ``lc_x(f)`` and recombining, so
every factor is carried up to the total degree of ``f`` with dense components. When the
true leading coefficients are known beforehand, the lift produces the factors themselves
(finite, often much sparser series) and no recombination is needed.

Wang (1978): factor ``lc_x(f) = ct * prod l_j^e_j`` (over fewer variables), and choose the
evaluation point ``a`` so that every ``|l_j(a)|`` has a prime divisor dividing none of
``ct * cont(f(x, a)) * l_1(a) ... l_{j-1}(a)`` (:func:`non_divisors`). Then the leading
coefficient of an image factor ``h_i`` tells which ``l_j`` divide the leading coefficient
of the true factor over it (:func:`distribute`): ``C_i = (lc(h_i)/c_i(a)) * c_i`` with
``c_i = prod l_j^k`` from the powers of ``l_j(a)`` dividing ``lc(h_i)``. The lift
(:func:`wang_lift`) imposes ``lc_x(F_i) = C_i`` degree by degree.

Nothing here is trusted: the factors are accepted only when ``prod C_i == lc_x(f)`` and
the lifted factors, shifted back, divide ``f`` exactly with nothing left over; each is
then irreducible because its image at ``a`` (same degree in ``x``) is. Otherwise the
caller falls back to the monic lift and recombination.
"""

from __future__ import annotations

import random
from math import gcd

from ..core.budget import check
from .factor import _zz_mul
from .galois import gf_add, gf_from, gf_monic, gf_mul, gf_rem, gf_sub
from .zpoly import ZPoly, zp_exquo, zp_mul, zp_primitive

__all__ = ["distribute", "lc_factors", "non_divisors", "wang_lift"]


def lc_factors(lc: ZPoly) -> tuple[int, list[ZPoly]]:
    """``(ct, [l_1, ..])``: the integer content of ``lc`` and its distinct irreducible
    nonconstant factors (primitive, positive leading coefficient), in a fixed order."""
    ct, prim = zp_primitive(lc)
    ct = abs(ct)
    if all(not any(m) for m in prim):
        return ct, []
    from .factor_multi import zfactor_squarefree  # (factor_multi imports this lazily)
    from .gcd import zp_gcd

    k = len(next(iter(lc)))
    if len(prim) == 1:  # a monomial: its variables
        (m,) = prim
        return ct, [{tuple(1 if j == i else 0 for j in range(k)): 1} for i in range(k) if m[i]]
    # the square-free part: lc / gcd(lc, d lc/d y_1, ..., d lc/d y_k)
    g = prim
    for i in range(k):
        d = {mm[:i] + (mm[i] - 1,) + mm[i + 1:]: c * mm[i] for mm, c in prim.items() if mm[i]}
        if d and (len(g) > 1 or any(next(iter(g)))):
            g = zp_gcd(g, d)[0]
    sqf = prim if len(g) == 1 and not any(next(iter(g))) else zp_exquo(prim, g)
    assert sqf is not None
    out: list[ZPoly] = []
    for t in zfactor_squarefree(sqf):
        t = zp_primitive(t)[1]
        if any(any(m) for m in t) and t not in out:
            out.append(t)
    out.sort(key=lambda t: (len(t), sorted(t.items())))
    return ct, out


def non_divisors(E: list[int], cs: int, ct: int) -> bool:
    """Wang's condition on the values ``E = [l_j(a)]``: each has a prime divisor dividing
    none of ``cs * ct`` and the earlier values."""
    result = [cs * ct]
    for q in E:
        q = abs(q)
        for r in reversed(result):
            while r != 1:
                r = gcd(r, q)
                q //= r
            if q == 1:
                return False
        result.append(q)
    return True


def _pow(p: ZPoly, k: int) -> ZPoly:
    out = p
    for _ in range(k - 1):
        out = zp_mul(out, p)
    return out


def _value(p: ZPoly, a: tuple[int, ...]) -> int:
    s = 0
    for m, c in p.items():
        for e, v in zip(m, a):
            if e:
                c *= v ** e
        s += c
    return s


def distribute(lc: ZPoly, lfacs: list[ZPoly], E: list[int], facs: list[list[int]],
               a: tuple[int, ...], image: list[int]
               ) -> tuple[list[list[int]], list[ZPoly], int] | None:
    """``(hs, C, s)``: the image factors ``facs`` (of ``image = f(x, a)``) rescaled to
    ``hs`` and the leading coefficients ``C`` (in ``y``) of the factors of ``s*f`` over
    them, so that ``prod hs == s*image``, ``prod C == s*lc`` and ``C_i(a) = lc(hs_i)``;
    None where Wang's deduction does not come out. (The content ``cs`` of the image is
    given to the factors whose leading coefficient needs it; what is left of it goes to
    all, ``s = cs^(r-1)``.)"""
    k = len(a)
    one: ZPoly = {(0,) * k: 1}
    cs = 0
    for v in image:
        cs = gcd(cs, v)
    used = [False] * len(E)
    hs: list[list[int]] = []
    C: list[ZPoly] = []
    for h in facs:
        c = one
        d = h[-1] * cs
        for i in reversed(range(len(E))):
            e, j = E[i], 0
            while d % e == 0:
                d //= e
                j += 1
            if j:
                c = zp_mul(c, _pow(lfacs[i], j))
                used[i] = True
        d = _value(c, a)
        g = gcd(h[-1], d)
        d, cc = d // g, h[-1] // g
        if cs % d:
            return None
        cs //= d
        hs.append([v * d for v in h])
        C.append({m: v * cc for m, v in c.items()})
    if not all(used):
        return None
    r = len(facs)
    if cs != 1:
        hs = [[v * cs for v in h] for h in hs]
        C = [{m: v * cs for m, v in c.items()} for c in C]
    s = cs ** (r - 1)
    prod = [1]
    for h in hs:
        prod = _zz_mul(prod, h)
    want = [v * s for v in image]
    if prod == [-v for v in want]:
        hs[0] = [-v for v in hs[0]]
        C[0] = {m: -v for m, v in C[0].items()}
    elif prod != want:
        return None
    lcp = one
    for c in C:
        lcp = zp_mul(lcp, c)
    if lcp != {m: v * s for m, v in lc.items()}:
        return None
    return hs, C, s


def wang_lift(f: ZPoly, a: tuple[int, ...], facs: list[list[int]], C: list[ZPoly],
              s: int = 1) -> list[ZPoly] | None:
    """The factors of ``f`` (exponents ``(x, y..)``), each primitive: lifted from the
    factors ``facs`` of ``s*f(x, a)`` with leading coefficients ``C`` in ``x`` (see
    :func:`distribute`); None when the lift does not give exact divisors of ``f`` (a
    wrong leading coefficient or an image with more factors than ``f``)."""
    from .factor_multi import _components, _modulus, _prefix_at, _shift

    k = len(a)
    zero = (0,) * k
    F = _shift({m: v * s for m, v in f.items()} if s != 1 else f, a)
    n1 = k + 1
    P, cofs = _modulus(F, {(0,) * n1: 1}, facs)
    D = max(sum(m[1:]) for m in F)
    comps = _components(F, D, P)
    us = [gf_from(h, P) for h in facs]
    ms = [gf_monic(u, P) for u in us]
    r = len(us)
    lcs = [u[-1] for u in us]
    cof2 = []
    for i in range(r):
        o = 1
        for j in range(r):
            if j != i:
                o = o * lcs[j] % P
        inv = pow(o, -1, P)
        cof2.append([c * inv % P for c in cofs[i]])
    lcparts = [_components(_shift({(0,) + m: v for m, v in c.items()}, a), D, P) for c in C]
    degs = [len(u) - 1 for u in us]
    Fs: list = [[{zero: u}] for u in us]
    pre: list = [[{zero: us[0]}]]
    for j in range(1, r):
        pre.append([{zero: gf_mul(pre[j - 1][0][zero], us[j], P)}])
    # early end: once the truncated factors multiply to F at a random point, try them
    rng = random.Random(D)
    pt = [rng.randrange(P) for _ in range(n1)]
    vals = [_comp_value(Fs[i][0], pt, P) for i in range(r)]
    # F(pt) = s*f(pt_x, pt_y + a): the unshifted f is the sparse one
    target = s * _comp_value_z(f, [pt[0]] + [(v + b) % P for v, b in zip(pt[1:], a)], P) % P
    tmin = max(max((sum(m) for m in c), default=0) for c in C)  # deg F_i >= deg C_i
    for t in range(1, D + 1):
        check()
        for i in range(r):
            Fs[i].append({m: [0] * degs[i] + p for m, p in lcparts[i][t].items()})
        mids = _prefix_at(pre, Fs, t, P)
        err = dict(comps[t])
        for m, p in pre[-1][t].items():
            err[m] = gf_sub(err.get(m, []), p, P)
        changed = False
        for m, c in err.items():
            if not c:
                continue
            changed = True
            for i in range(r):
                sigma = gf_rem(gf_mul(c, cof2[i], P), ms[i], P)
                if sigma:
                    Fs[i][t][m] = gf_add(Fs[i][t].get(m, []), sigma, P)
        prod = 1
        for i in range(r):
            vals[i] = (vals[i] + _comp_value(Fs[i][t], pt, P)) % P
            prod = prod * vals[i] % P
        if t >= tmin and t < D and prod == target:
            got = _finish(f, Fs, a, P)
            if got is not None:
                return got
        if changed:
            for j in range(r):
                pre[j].pop()
            _prefix_at(pre, Fs, t, P, mids)
    return _finish(f, Fs, a, P)


def _comp_value(comp: dict, pt: list[int], P: int) -> int:
    """A homogeneous component ``{y exponents: poly in x mod P}`` at ``pt = (x, y..)``."""
    s = 0
    x0 = pt[0]
    for m, p in comp.items():
        v = 0
        for c in reversed(p):
            v = (v * x0 + c) % P
        for e, yv in zip(m, pt[1:]):
            if e:
                v = v * pow(yv, e, P) % P
        s += v
    return s % P


def _comp_value_z(F: ZPoly, pt: list[int], P: int) -> int:
    s = 0
    for m, c in F.items():
        for e, v in zip(m, pt):
            if e:
                c = c * pow(v, e, P) % P
        s += c
    return s % P


def _finish(f: ZPoly, Fs: list, a: tuple[int, ...], P: int) -> list[ZPoly] | None:
    """The lifted series as integer polynomials (symmetric range mod ``P``), shifted back
    and made primitive, if each has positive degree in ``x`` and together they divide
    ``f`` exactly with nothing but a unit left over."""
    from .factor_multi import _shift

    half = P // 2
    neg = tuple(-v for v in a)
    rest = f
    out = []
    for series in Fs:
        g: ZPoly = {}
        for comp in series:
            for m, p in comp.items():
                for e, c in enumerate(p):
                    if c:
                        g[(e,) + m] = c - P if c > half else c
        _, g = zp_primitive(_shift(g, neg))
        if not any(m[0] for m in g):
            return None  # (a factor of positive degree in x over each image factor)
        rest = zp_exquo(rest, g)
        if rest is None:
            return None
        out.append(g)
    if len(rest) != 1 or any(next(iter(rest))):
        return None
    return out
