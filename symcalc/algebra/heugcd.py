"""Heuristic gcd of integer polynomials (GCDHEU: Char, Geddes and Gonnet, 1989).

Evaluate both polynomials at a large integer ``xi`` for the last variable, take the gcd
of the images recursively (plain integer gcd at the bottom), and read a candidate back
from the balanced base-``xi`` digits of its coefficients. The candidate is checked by
exact division; with ``xi >= 2*min(|f|, |g|) + 2`` a primitive candidate that divides
both inputs *is* their gcd (CGG, Theorem 1), so a returned answer is never wrong.
After a few unlucky points :class:`HeuristicGCDFailed` is raised and the caller falls
back to a deterministic algorithm.

>>> f = {(2, 0): 1, (0, 2): -1}             # x^2 - y^2
>>> g = {(2, 0): 1, (1, 1): 2, (0, 2): 1}   # x^2 + 2xy + y^2
>>> sorted(heugcd(f, g)[0].items())   # x + y
[((0, 1), 1), ((1, 0), 1)]
"""

from __future__ import annotations

from math import gcd, isqrt

from ..core.budget import check
from .zpoly import (
    ZPoly,
    zp_content,
    zp_eval_last,
    zp_exquo,
    zp_interp_last,
    zp_norm,
    zp_primitive,
)

#: Evaluation points tried per level before giving up.
HEU_GCD_MAX = 6
#: Give up (and let the caller use the exact algorithm) when the images at an evaluation
#: point would need more bits than this (bits of the point times the degree).
HEU_MAX_BITS = 200_000


class HeuristicGCDFailed(Exception):
    """GCDHEU found no lucky evaluation point; use another algorithm."""


def heugcd(f: ZPoly, g: ZPoly) -> tuple[ZPoly, ZPoly, ZPoly]:
    """``(h, f/h, g/h)`` with ``h`` the gcd of the nonzero integer polynomials ``f`` and
    ``g``: positive leading coefficient, integer content the gcd of their contents.

    Raises :class:`HeuristicGCDFailed` when no evaluation point worked.
    """
    if not f or not g:
        raise ValueError("heugcd needs nonzero polynomials")
    return _heu(f, g, len(next(iter(f))))


def _scale(a: ZPoly, c: int) -> ZPoly:
    return a if c == 1 else {m: v * c for m, v in a.items()}


def _div_int(a: ZPoly, c: int) -> ZPoly:
    return a if c == 1 else {m: v // c for m, v in a.items()}


def _heu(f: ZPoly, g: ZPoly, n: int) -> tuple[ZPoly, ZPoly, ZPoly]:
    zero = (0,) * n
    if (len(f) == 1 and zero in f) or (len(g) == 1 and zero in g):
        h = gcd(zp_content(f), zp_content(g))
        return {zero: h}, _div_int(f, h), _div_int(g, h)
    if all(m[-1] == 0 for m in f) and all(m[-1] == 0 for m in g):
        # the last variable is absent: drop it
        h, cf, cg = _heu({m[:-1]: c for m, c in f.items()},
                         {m[:-1]: c for m, c in g.items()}, n - 1)
        return ({m + (0,): c for m, c in h.items()}, {m + (0,): c for m, c in cf.items()},
                {m + (0,): c for m, c in cg.items()})
    c = gcd(zp_content(f), zp_content(g))
    f, g = _div_int(f, c), _div_int(g, c)
    fn, gn = zp_norm(f), zp_norm(g)
    xi = max(2 * min(fn, gn) + 29,
             2 * min(fn // abs(f[max(f)]), gn // abs(g[max(g)])) + 2)
    deg = max(max(m[-1] for m in f), max(m[-1] for m in g), 1)
    for _ in range(HEU_GCD_MAX):
        # the images have about deg * bits(xi) bits; at the next level the point grows
        # to that size again, so the work grows like the product over the levels
        if xi.bit_length() * deg > HEU_MAX_BITS:
            break
        check()
        ff = zp_eval_last(f, xi)
        gg = zp_eval_last(g, xi)
        if ff and gg:
            h = _heu(ff, gg, n - 1)[0]
            _, H = zp_primitive(zp_interp_last(h, xi))
            if H:
                cf = zp_exquo(f, H)
                if cf is not None:
                    cg = zp_exquo(g, H)
                    if cg is not None:
                        return _scale(H, c), cf, cg
        xi = 73794 * xi * isqrt(isqrt(xi)) // 27011  # grow by about xi^(1/4), as CGG
    raise HeuristicGCDFailed(f"no lucky evaluation point in {HEU_GCD_MAX} tries")
