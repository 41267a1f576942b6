"""The modular gcd (``algebra/modgcd.py``) and the gcd dispatch of ``algebra/gcd.py``:
planted common factors found, results checked against the pseudo-remainder algorithm."""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from symcalc.algebra.gcd import _zgcd, gcd_prs
from symcalc.algebra.modgcd import coprime, modgcd
from symcalc.algebra.poly import Poly
from symcalc.algebra.zpoly import zp_exquo, zp_mul, zp_primitive
from symcalc.core.symbol import Symbol


def _poly(n: int):
    mono = st.tuples(*[st.integers(0, 3)] * n)
    return st.dictionaries(mono, st.integers(-40, 40).filter(bool), min_size=1, max_size=5)


def _euclid(u: list, v: list) -> list:
    """The gcd over Q of two dense univariate polynomials (Fractions, highest first)."""
    def trim(p):
        while p and p[0] == 0:
            p = p[1:]
        return p
    u, v = trim(u), trim(v)
    while v:
        while len(u) >= len(v) and u:
            q = u[0] / v[0]
            u = trim([c - q * d for c, d in zip(u, v + [0] * (len(u) - len(v)))])
        u, v = v, u
    return u


def _image(p: dict, i: int, pt: list) -> list:
    d = max(m[i] for m in p)
    out = [Fraction(0)] * (d + 1)
    for m, c in p.items():
        v = Fraction(c)
        for j, e in enumerate(m):
            if j != i:
                v *= pt[j] ** e
        out[d - m[i]] += v
    return out


def _proved_coprime(fa: dict, fb: dict) -> bool | None:
    """True when univariate images (other variables at random integers, leading
    coefficients kept) have constant gcds in every variable: a common factor would show
    in the images of a variable it contains. None when the draws were inconclusive."""
    n = len(next(iter(fa)))
    rng = random.Random(7)
    for i in range(n):
        if not any(m[i] for m in fa) or not any(m[i] for m in fb):
            continue
        for _ in range(12):
            pt = [rng.randint(-50, 50) for _ in range(n)]
            ua, ub = _image(fa, i, pt), _image(fb, i, pt)
            if ua[0] == 0 or ub[0] == 0:
                continue  # a leading coefficient vanished
            if len(_euclid(ua, ub)) == 1:
                break
        else:
            return None
    return True


def _check(a: dict, b: dict, h: tuple) -> None:
    # independent of the gcd code: the cofactors multiply back and are coprime (by
    # Euclid over Q on univariate images); the pseudo-remainder reference only where
    # the images were inconclusive and the inputs small (it can take minutes)
    g, fa, fb = h
    assert zp_mul(g, fa) == a and zp_mul(g, fb) == b
    proved = _proved_coprime(fa, fb)
    if proved is None and len(a) * len(b) <= 100:
        n = len(next(iter(a)))
        gens = tuple(Symbol(f"_v{i}") for i in range(n))
        ref = gcd_prs(Poly._new(dict(a), gens), Poly._new(dict(b), gens))
        assert zp_primitive(g)[1] == zp_primitive(dict(ref.primitive()[1].terms))[1]
    else:
        assert proved


@st.composite
def _pairs(draw, low: int = 2, high: int = 4):
    n = draw(st.integers(low, high))
    g, u, v = draw(_poly(n)), draw(_poly(n)), draw(_poly(n))
    return zp_mul(g, u), zp_mul(g, v)


@given(_pairs())
@settings(max_examples=60, deadline=None)
def test_modgcd_against_prs(pair: tuple) -> None:
    a, b = pair
    _check(a, b, modgcd(a, b))
    _check(a, b, _zgcd(a, b))


@st.composite
def _planted(draw):
    g, u, v = draw(_poly(4)), draw(_poly(4)), draw(_poly(4))
    return g, zp_mul(g, u), zp_mul(g, v)


@given(_planted())
@settings(max_examples=40, deadline=None)
def test_modgcd_four_variables_contains_the_planted_factor(case: tuple) -> None:
    # without the reference: the cofactors multiply back, and the planted common
    # factor divides the gcd found
    g, a, b = case
    for h, fa, fb in (modgcd(a, b), _zgcd(a, b)):
        assert zp_mul(h, fa) == a and zp_mul(h, fb) == b
        assert zp_exquo(h, zp_primitive(g)[1]) is not None


def test_modgcd_examples() -> None:
    # (x + y*z + 3)*(x - y) and (x + y*z + 3)*(z^2 + 1) * 6
    g = {(1, 0, 0): 1, (0, 1, 1): 1, (0, 0, 0): 3}
    a = zp_mul(g, {(1, 0, 0): 1, (0, 1, 0): -1})
    b = zp_mul(g, {(0, 0, 2): 6, (0, 0, 0): 6})
    assert modgcd(a, b)[0] == g
    # unlucky-looking leading coefficients: v*(v - 3) takes one value at 1 and 2
    a = {(3, 5, 1): 215, (0, 3, 3): -205, (3, 4, 2): -215, (5, 3, 2): -1763,
         (2, 1, 4): 1681, (5, 2, 3): 1763, (6, 6, 1): -860, (3, 4, 3): 820, (6, 5, 2): 860}
    b = {(3, 4, 1): -387, (0, 2, 3): 369, (3, 3, 2): 387}
    _check(a, b, modgcd(a, b))


def test_coprime_proof() -> None:
    x2y = {(2, 1): 1, (0, 0): 1}   # x^2*y + 1
    xy2 = {(1, 2): 1, (0, 0): 2}   # x*y^2 + 2
    assert coprime(x2y, xy2)
    assert not coprime(zp_mul(x2y, xy2), x2y)
    assert _zgcd(x2y, xy2)[0] == {(0, 0): 1}
