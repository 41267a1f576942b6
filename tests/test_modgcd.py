"""The modular gcd (``algebra/modgcd.py``) and the gcd dispatch of ``algebra/gcd.py``:
planted common factors found, results checked against the pseudo-remainder algorithm."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from symcalc.algebra.gcd import _zgcd, gcd_prs
from symcalc.algebra.modgcd import coprime, modgcd
from symcalc.algebra.poly import Poly
from symcalc.algebra.zpoly import zp_mul, zp_primitive
from symcalc.core.symbol import Symbol


def _poly(n: int):
    mono = st.tuples(*[st.integers(0, 3)] * n)
    return st.dictionaries(mono, st.integers(-40, 40).filter(bool), min_size=1, max_size=5)


def _check(a: dict, b: dict, h: tuple) -> None:
    g, fa, fb = h
    assert zp_mul(g, fa) == a and zp_mul(g, fb) == b
    n = len(next(iter(a)))
    gens = tuple(Symbol(f"_v{i}") for i in range(n))
    ref = gcd_prs(Poly._new(dict(a), gens), Poly._new(dict(b), gens))
    assert zp_primitive(g)[1] == zp_primitive(dict(ref.primitive()[1].terms))[1]


@st.composite
def _pairs(draw):
    n = draw(st.integers(2, 4))
    g, u, v = draw(_poly(n)), draw(_poly(n)), draw(_poly(n))
    return zp_mul(g, u), zp_mul(g, v)


@given(_pairs())
@settings(max_examples=60, deadline=None)
def test_modgcd_against_prs(pair: tuple) -> None:
    a, b = pair
    _check(a, b, modgcd(a, b))
    _check(a, b, _zgcd(a, b))


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
