"""factor(p, modulus=q) over GF(q) and factor(p, extension=alpha) over Q(alpha): the
product of the factors is the input (mod q, or exactly), and the factors are irreducible
(checked by brute force over GF(q) for small degrees, by the number of factors of
polynomials built from known factors over Q(alpha))."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc import parse
from symcalc.algebra.factor_expr import factor
from symcalc.algebra.factor_mod import ModulusError
from symcalc.algebra.poly import Poly

x, y = sc.symbols("x y")


def _coeffs_mod(e, q):
    p = Poly.from_expr(sc.expand(e), (x,))
    return [int(p.coeff_monom((i,))) % q for i in range(p.degree() + 1)]


def _factors(e):
    out = []
    for f in (e.args if e.is_Mul else (e,)):
        base, k = (f.args[0], int(f.args[1].value)) if f.is_Pow else (f, 1)
        if base.has(x):
            out.append((base, k))
    return out


def _has_root_mod(f, q):
    p = Poly.from_expr(f, (x,))
    cs = [int(p.coeff_monom((i,))) for i in range(p.degree() + 1)]
    return any(sum(c * pow(v, i, q) for i, c in enumerate(cs)) % q == 0 for v in range(q))


@pytest.mark.parametrize("src, q, expected", [
    ("x^2 + 1", 5, "(x - 2)*(x + 2)"),
    ("x^2 + 1", 3, "x^2 + 1"),
    ("x^4 + 1", 2, "(x + 1)^4"),
    ("x^5 + x + 1", 2, "(x^2 + x + 1)*(x^3 + x^2 + 1)"),
    ("x^10 + x^5 + 1", 3, "(x - 1)^2*(x^4 + x^3 + x^2 + x + 1)^2"),
    ("2*x^2 + 4", 3, "2*(x - 1)*(x + 1)"),
])
def test_modulus_examples(src, q, expected):
    assert str(factor(parse(src), modulus=q)) == expected


def test_modulus_errors():
    with pytest.raises(ModulusError):
        factor(parse("x^2 + 1"), modulus=4)
    with pytest.raises(ModulusError):
        factor(parse("x^2 + y"), modulus=5)
    with pytest.raises(ModulusError):
        factor(parse("x^2/5 + 1"), modulus=5)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-9, 9), min_size=2, max_size=8), st.sampled_from([2, 3, 5, 7, 13]))
def test_modulus_product_and_irreducibility(cs, q):
    e = sum((c * x**i for i, c in enumerate(cs)), sc.Integer(0))
    if not e.has(x) or cs[-1] % q == 0:
        return
    r = factor(e, modulus=q)
    assert _coeffs_mod(r, q) == _coeffs_mod(e, q)
    for f, _ in _factors(r):
        d = Poly.from_expr(f, (x,)).degree()
        if 2 <= d <= 3:
            assert not _has_root_mod(f, q), (e, q, r)
        if d == 4:  # no linear factor and no quadratic one (brute force)
            assert not _has_root_mod(f, q)
            fc = _coeffs_mod(f, q)
            for a, b in itertools.product(range(q), repeat=2):
                # divide by x^2 + a x + b: remainder zero means reducible
                rem = list(fc)
                for k in range(len(rem) - 1, 1, -1):
                    c = rem[k] % q
                    rem[k] = 0
                    rem[k - 1] = (rem[k - 1] - c * a) % q
                    rem[k - 2] = (rem[k - 2] - c * b) % q
                assert rem[0] % q or rem[1] % q


@pytest.mark.parametrize("src, alpha, n_factors", [
    ("x^4 + 1", "sqrt(2)", 2),
    ("x^2 - 2", "sqrt(2)", 2),
    ("x^2 + 1", "I", 2),
    ("x^3 - 2", "2^(1/3)", 2),
    ("x^4 - 10*x^2 + 1", "sqrt(2)", 2),
    ("(x^2 - 3)^2*(x + 1)", "sqrt(3)", 3),
    ("x^2 + x + 1", "sqrt(2)", 1),
    ("x^6 - 1", "I", 4),
])
def test_extension(src, alpha, n_factors):
    e = parse(src)
    r = factor(e, extension=parse(alpha))
    assert sc.expand(r - e) == 0
    assert len(_factors(r)) == n_factors, r


def test_extension_issue_example():
    r = factor(parse("x^4 + 1"), extension=sc.sqrt(2))
    assert str(r) == "(x^2 - sqrt(2)*x + 1)*(x^2 + sqrt(2)*x + 1)"
    assert str(factor(parse("x^2 - 2*y^2"), extension=sc.sqrt(2))) == \
        "(x - sqrt(2)*y)*(x + sqrt(2)*y)"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-2, 2)), min_size=1, max_size=3),
       st.sampled_from([2, 3, 5]))
def test_extension_splits_known_linear_factors(roots, d):
    # prod (x - a - b*sqrt(d)) times its conjugate is over Q; over Q(sqrt(d)) it splits
    # into linear factors again
    s = sc.sqrt(d)
    e = sc.Integer(1)
    for a, b in roots:
        e = e * (x - a - b*s) * (x - a + b*s)
    e = sc.expand(e)
    r = factor(e, extension=s)
    assert sc.expand(r - e) == 0
    for f, _ in _factors(r):
        p = Poly.from_expr(f)
        assert p.degree(p.gens.index(x)) == 1, r
