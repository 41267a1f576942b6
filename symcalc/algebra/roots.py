"""Exact and arbitrary-precision roots of polynomials with rational coefficients.

* ``real_roots(p, x)`` — the real roots, exactly, ascending: rationals, square roots
  from quadratic factors, and ``RootOf`` for the real roots of higher irreducible
  factors (counted exactly by Sturm sequences, see :mod:`symcalc.core.rootof`).
* ``all_roots(p)`` — every complex root the same way (used by ``eigenvals``).
* ``nroots(p, x, n=50)`` — all complex roots to ``n`` significant digits (mpmath's
  Durand–Kerner ``polyroots`` with extra working precision).

Cubics and quartics are written in radicals by ``solve`` where the radicals are real
(one real root of a cubic, via Cardano). A cubic with three real irrational roots is the
*casus irreducibilis*: any radical formula must pass through complex numbers, so
the roots are Viete's cosines where their angles are rational multiples of pi
(x^3 - 3x + 1: 2 cos(2 pi/9), ...) and otherwise ``RootOf`` objects (exact, with
``N(r, n)`` to any precision), never a formula with ``I``.

>>> from symcalc import symbols
>>> x = symbols("x")
>>> real_roots(x**3 - 7*x + 7, x)
[RootOf(1, 0, -7, 7, 0), RootOf(1, 0, -7, 7, 1), RootOf(1, 0, -7, 7, 2)]
>>> real_roots((x**2 - 2)*(x - 1)**2, x)
[-sqrt(2), 1, sqrt(2)]
>>> nroots(x**2 - 2, x, n=30)
[-1.41421356237309504880168872421, 1.41421356237309504880168872421]
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Any

from ..core.arithmetic import add, mul
from ..core.expr import Expr, as_expr
from ..core.numbers import number
from ..core.rootof import RootOf, real_root_count, root_values
from ..errors import SymcalcError
from .factor import factor_list
from .poly import Poly, PolynomialError

__all__ = ["all_roots", "nroots", "real_roots"]


class RootsError(SymcalcError, ValueError):
    """The argument is not a nonzero polynomial with rational coefficients in ``x``."""


def _poly(p: Any, x: Any) -> Poly:
    p = as_expr(p)
    if x is None:
        fs = sorted(p.free_symbols, key=lambda s: s.name)
        if len(fs) != 1:
            raise RootsError(f"give the variable: {p} has the symbols "
                             f"{', '.join(s.name for s in fs) or 'none'}")
        x = fs[0]
    x = as_expr(x)
    if p.is_Relational and p.op == "==":
        p = add(p.lhs, mul(number(-1), p.rhs))
    try:
        P = Poly.from_expr(p, [x])
    except PolynomialError as exc:
        raise RootsError(f"{p} is not a polynomial in {x} with rational coefficients") \
            from exc
    if P.is_zero:
        raise RootsError("the zero polynomial has every number as a root")
    return P


def _int_coeffs(f: Poly) -> tuple[int, ...]:
    cs = [Fraction(c) for c in f.all_coeffs()]
    m = lcm(*(c.denominator for c in cs))
    ints = [int(c * m) for c in cs]
    if ints[0] < 0:
        ints = [-c for c in ints]
    return tuple(ints)


def _factor_roots(f: Poly, real: bool) -> list[Expr]:
    """The roots of an irreducible factor (real ones only if ``real``), ascending for reals."""
    d = f.degree()
    cs = [Fraction(c) for c in f.all_coeffs()]
    if d == 1:
        return [number(_n(-cs[1] / cs[0]))]
    if d == 2:
        a, b, c = cs
        disc = b * b - 4 * a * c
        if disc > 0 or not real:
            from ..core.functions import sqrt

            s = sqrt(number(_n(disc)))
            r1 = mul(add(number(_n(-b)), mul(number(-1), s)), number(_n(1 / (2 * a))))
            r2 = mul(add(number(_n(-b)), s), number(_n(1 / (2 * a))))
            rs = [r1, r2]
            return sorted(rs, key=lambda r: complex(r.evalf()).real) if disc > 0 else \
                sorted(rs, key=lambda r: (complex(r.evalf()).real, complex(r.evalf()).imag))
        return []
    ci = _int_coeffs(f)
    k = real_root_count(ci) if real else d
    return [RootOf(*ci, i) for i in range(k)]


def _n(q: Fraction) -> int | Fraction:
    return q.numerator if q.denominator == 1 else q


def _key(r: Expr) -> tuple[float, float]:
    v = complex(r.evalf())
    return (v.real, v.imag)


def real_roots(p: Any, x: Any = None, multiplicity: bool = False) -> list:
    """The distinct real roots of the polynomial ``p`` in ``x``, exact and ascending
    (with ``multiplicity=True``: ``(root, multiplicity)`` pairs): the solver's closed
    forms where it has readable ones, RootOf otherwise."""
    P = _poly(p, x)
    _, facs = factor_list(P)
    out = []
    for f, k in facs:
        for r in exact_roots(f, "real"):
            out.append((r, k))
    out.sort(key=lambda rk: _key(rk[0]))
    return out if multiplicity else [r for r, _ in out]


def all_roots(p: Any, x: Any = None, multiplicity: bool = False) -> list:
    """Every complex root, exact: reals ascending first, then the others by real and
    imaginary part."""
    P = _poly(p, x) if not isinstance(p, Poly) else p
    _, facs = factor_list(P)
    out = []
    for f, k in facs:
        for r in _factor_roots(f, False):
            out.append((r, k))
    out.sort(key=lambda rk: (0 if _key(rk[0])[1] == 0 else 1,) + _key(rk[0]))
    return out if multiplicity else [r for r, _ in out]


def nroots(p: Any, x: Any = None, n: int = 15) -> list:
    """All complex roots of ``p`` to ``n`` significant digits (MPFloat for the real ones,
    exactly decided by Sturm counts; MPComplex for the others), with repetition by
    multiplicity, reals ascending first."""
    from ..core.mpnumber import make, prec_of

    if not isinstance(n, int) or n < 1:
        raise RootsError(f"nroots needs a positive number of digits, got {n!r}")
    P = _poly(p, x)
    _, facs = factor_list(P)
    reals, others = [], []
    prec = prec_of(n)
    for f, k in facs:
        if f.degree() == 1:
            cs = [Fraction(c) for c in f.all_coeffs()]
            import mpmath

            with mpmath.workprec(prec + 10):
                v = mpmath.mpf(-cs[1].numerator * cs[0].denominator) / \
                    (cs[1].denominator * cs[0].numerator)
            reals += [v] * k
            continue
        ci = _int_coeffs(f)
        nr = real_root_count(ci)
        vals = root_values(ci, prec)
        reals += [v for v in vals[:nr] for _ in range(k)]
        others += [v for v in vals[nr:] for _ in range(k)]
    reals.sort()
    others.sort(key=lambda z: (z.real, z.imag))
    return [make(v, n) for v in reals] + [make(v, n) for v in others]



def exact_roots(f: Poly, domain: str = "complex") -> list[Expr]:
    """The distinct roots of a univariate polynomial over Q, exact: the solver's closed
    forms (rationals, radicals) where it has them, otherwise RootOf — never floats.
    ``domain="real"``: the real ones only."""
    from .solve import solve

    x = f.gens[0]
    out: list[Expr] = []
    for g, _ in factor_list(f)[1]:
        if g.degree() <= 2:
            out += _factor_roots(g, domain == "real")
            continue
        rts = solve(g.as_expr(), x, domain=domain)
        if any(n.is_Number and isinstance(n.value, float) for r in rts for n in r.preorder()):
            rts = _factor_roots(g, domain == "real")
        out += rts
    return out
