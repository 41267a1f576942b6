"""The quotient rule backwards: ∫ N/D² dx = P/D when P'·D − P·D' = N.

P is sought as a linear combination, with rational coefficients, of a small basis of
"monomials" x^k·m (k ≤ 2, m a product of at most two of the transcendental atoms of D and
N: sin(u) with cos(u), sinh(u) with cosh(u), exp(u), log(u), fractional powers). The map
P ↦ P'·D − P·D' is linear, so the coefficients solve a linear system; it is set up from
values at sample points (the columns found linearly dependent there, D itself among them,
are dropped), its solution is read as small rationals and the residual is checked again
with those rationals. The answer is then verified by differentiation like every answer
of the engine, so a wrong guess is never returned.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("x^2/(x*sin(x) + cos(x))^2"), x)
(sin(x) - x*cos(x))/(x*sin(x) + cos(x))
"""

from __future__ import annotations

import cmath
import math
from fractions import Fraction
from itertools import combinations_with_replacement
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, preorder
from ...errors import SymcalcError
from .steps import leaf

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context
    from .steps import Step

#: Partners: an atom f(u) brings g(u) into the basis (their derivatives are each other's).
_PARTNER = {"sin": "cos", "cos": "sin", "sinh": "cosh", "cosh": "sinh"}
#: Sample abscissae (the points are complex, with these real parts).
_POINTS = (0.4173, 0.6931, 0.9127, 1.1719, 1.3311, 1.6180, 1.8213, 2.0917, 2.3321,
           2.5811, 0.5519, 0.8101, 1.0417, 1.2649, 1.4713, 1.7321, 1.9511, 2.2207,
           2.4433, 2.7183, 0.4717, 0.7513, 0.9811, 1.2211, 1.4119, 1.6713, 1.8911,
           2.1513, 2.3917, 2.6399, 0.3719, 0.6211, 0.8617, 1.1113, 1.3913, 1.5709,
           1.7911, 2.0311, 2.2811, 2.4919, 0.5113, 0.7717, 1.0111, 1.2917, 1.5413)
_MAX_ATOMS = 4


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _split(e: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(N, D) with e = N/D², D a sum in x, or None (the cheap test)."""
    if e.is_Pow:
        fs = (e,)
    elif e.is_Mul:
        fs = e.args
    else:
        return None
    for i, f in enumerate(fs):
        if f.is_Pow and f.args[1].is_Number and f.args[1].value == -2 \
                and f.args[0].is_Add and _has(f.args[0], x):  # 1/cos(x)^2: the table
            return mul(*(g for j, g in enumerate(fs) if j != i)), f.args[0]
    return None


def _atoms(es: tuple[Expr, ...], x: Symbol) -> list[Expr] | None:
    """The transcendental atoms of es (with trig/hyperbolic partners), or None."""
    from ...core.function import apply

    found: dict[Expr, None] = {}
    for e in es:
        for s in preorder(e):
            if s.is_Function and _has(s, x):
                found[s] = None
                p = _PARTNER.get(s.name)
                if p is not None and len(s.args) == 1:
                    from ...core.function import REGISTRY

                    found[apply(REGISTRY[p], s.args)] = None
            elif s.is_Pow and _has(s, x) and not (
                    s.args[1].is_Number and s.args[1].value == int(s.args[1].value)
                    and not _has(s.args[1], x)):
                found[s] = None
    exps = [a for a in found if a.is_Function and a.name == "exp"]
    for a in exps:      # exp(k*u) is exp(u)^k: one atom
        for b in exps:
            if a is not b and a in found:
                k = _ratio(a.args[0], b.args[0])
                if k is not None and k.is_Number and isinstance(k.value, int) and k.value > 1:
                    del found[a]
    if not found or len(found) > _MAX_ATOMS:
        return None
    return sorted(found, key=lambda a: a.sort_key())


def _ratio(a: Expr, b: Expr) -> Expr | None:
    from ...algebra.rational import cancel

    try:
        return cancel(mul(a, power(b, MINUS_ONE)))
    except (SymcalcError, ArithmeticError):
        return None


def _basis(atoms: list[Expr], kmax: int, deg: int) -> list[tuple[int, tuple[int, ...]]]:
    """(k, atom indices) for x^k·Π atoms, atom products of degree ≤ deg."""
    prods: list[tuple[int, ...]] = [()]
    for d in range(1, deg + 1):
        prods.extend(combinations_with_replacement(range(len(atoms)), d))
    return [(k, p) for k in range(kmax + 1) for p in prods]


def _value(e: Expr, env: dict) -> complex | None:
    import cmath

    try:
        v = complex(e.evalf(env))
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None
    return v if cmath.isfinite(v) else None


def _rational(c: float) -> Fraction | None:
    if abs(c) < 1e-6:   # noise of the near-dependent columns; the residual is rechecked
        return Fraction(0)
    if abs(c) > 10_000:
        return None     # an ill-conditioned fit, not a textbook answer
    f = Fraction(c).limit_denominator(1000)
    return f if abs(float(f) - c) <= 1e-6 * max(1.0, abs(c)) else None


def quotient_guess_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ N/D² dx = P/D with P found by linear algebra (see the module docstring)."""
    sp = _split(e, x)
    if sp is None:
        return None
    N, D = sp
    if any(s is not x for s in free_symbols(e)):
        return None     # parameters: coefficients would be symbolic
    atoms = _atoms((N, D), x)
    if atoms is None:
        return None
    try:
        # degree 1 first: fewer columns, better conditioned; then degree 2
        for deg in ((1, 2) if len(atoms) <= 3 else (1,)):
            st = _solve(e, x, N, D, atoms, deg)
            if st is not None:
                return st
        return None
    except (SymcalcError, ArithmeticError, ValueError):
        return None


def _solve(e: Expr, x: Symbol, N: Expr, D: Expr, atoms: list[Expr], deg: int
           ) -> Step | None:
    import numpy as np

    from ..diff import diff

    basis = _basis(atoms, 2, deg)
    Dp = diff(D, x)
    datoms = [diff(a, x) for a in atoms]
    need = len(basis) + 6
    rows, rhs = [], []
    for i, re in enumerate(_POINTS):
        # complex points (right half-plane, off the branch cuts of log and roots): the
        # identity is analytic, and the columns are far better conditioned than on a
        # real interval
        t = complex(re, _POINTS[(7 * i + 3) % len(_POINTS)] - 1.5)
        env = {x: t}
        vals = [_value(v, env) for v in (N, D, Dp, *atoms, *datoms)]
        if any(v is None for v in vals) or abs(vals[1]) < 1e-3:
            continue
        n, d, dp = vals[0], vals[1], vals[2]
        av, dv = vals[3:3 + len(atoms)], vals[3 + len(atoms):]
        row = []
        for k, p in basis:
            m = 1.0 + 0j
            for i in p:
                m *= av[i]
            dm = 0j
            for j, i in enumerate(p):
                r = dv[i]
                for jj, ii in enumerate(p):
                    if jj != j:
                        r *= av[ii]
                dm += r
            b = t ** k * m
            bp = (k * t ** (k - 1) if k else 0.0) * m + t ** k * dm
            row.append(bp * d - b * dp)
        w = max(abs(n), max(abs(v) for v in row))
        if not (0 < w < math.inf) or not all(cmath.isfinite(v) for v in row):
            continue      # an overflow (inf, nan) at this point: another point
        rows.append([v / w for v in row])     # rows equilibrated
        rhs.append(n / w)
        if len(rows) >= need:
            break
    if len(rows) < need:
        return None
    A, y = np.array(rows), np.array(rhs)
    norms = np.linalg.norm(A, axis=0)
    keep: list[int] = []
    for j in range(len(basis)):
        if norms[j] < 1e-12:
            continue
        cols = A[:, keep + [j]] / norms[keep + [j]]
        if np.linalg.matrix_rank(cols, tol=1e-8) == len(keep) + 1:
            keep.append(j)
    if not keep:
        return None
    As = A[:, keep] / norms[keep]
    sol, *_ = np.linalg.lstsq(As, y, rcond=None)
    c = sol / norms[keep]
    if np.max(np.abs(c.imag)) > 1e-6 * (1 + np.max(np.abs(c.real))):
        return None
    coeffs = []
    for cj in c.real:
        f = _rational(float(cj))
        if f is None:
            return None
        coeffs.append(f)
    cr = np.array([float(f) for f in coeffs])
    scale = np.abs(A[:, keep]) @ np.abs(cr) + np.abs(y)
    if np.any(np.abs(A[:, keep] @ cr - y) > 1e-10 * (scale + 1)):
        return None
    terms = []
    for j, f in zip(keep, coeffs):
        if f == 0:
            continue
        k, p = basis[j]
        terms.append(mul(number(f), power(x, number(k)), *(atoms[i] for i in p)))
    if not terms:
        return None
    F = mul(add(*terms), power(D, MINUS_ONE))
    return leaf("quotient rule backwards", e, x, F, f"d/dx of P/({D})")


__all__ = ["quotient_guess_method"]
