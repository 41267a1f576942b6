"""``RootOf(a_n, ..., a_1, a_0, k)``: the k-th root (from 0) of the integer polynomial
``a_n t^n + ... + a_0``, an exact number for roots that radicals do not write readably.

Roots are ordered as in other systems: the real ones ascending, then the non-real ones
by real part, then imaginary part. The real roots are isolated exactly (Sturm sequences:
disjoint rational intervals with one root each, :func:`isolate`) and refined by
bisection in exact arithmetic to the working precision, so ``N(RootOf(...), 50)`` has 50
correct digits; the non-real ones come from mpmath's ``polyroots`` at the working
precision plus a margin.

>>> from symcalc import N
>>> r = RootOf(1, 0, -1, -1, 0)      # the real root of t^3 - t - 1 (plastic number)
>>> r.evalf()
1.324717957244746
>>> N(r, 30)
1.32471795724474602596090885448
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..errors import EvaluationError
from .expr import Expr
from .function import FunctionDef
from .functions import INPUT_ONLY

__all__ = ["RootOf", "isolate", "real_root_count", "root_values"]


def _int_coeffs(args: tuple) -> tuple[tuple[int, ...], int] | None:
    """The integer coefficients (leading first) and the index, or None if the arguments
    are not integers."""
    vals = []
    for a in args:
        if isinstance(a, Expr):
            if not (a.is_Number and isinstance(a.value, int)):
                return None
            vals.append(a.value)
        else:
            try:
                f = Fraction(str(a)) if not isinstance(a, int) else Fraction(a)
            except (ValueError, TypeError):
                return None
            if f.denominator != 1:
                return None
            vals.append(int(f))
    if len(vals) < 3 or vals[0] == 0:
        return None
    return tuple(vals[:-1]), vals[-1]


def _sturm_sign_changes(seq: list[list[Fraction]], at_plus: bool) -> int:
    signs = []
    for p in seq:
        d = len(p) - 1
        lc = p[0]
        s = 1 if lc > 0 else -1
        if not at_plus and d % 2:
            s = -s
        signs.append(s)
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


def _prem(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    a = list(a)
    while len(a) >= len(b) and any(a):
        f = a[0] / b[0]
        for i in range(len(b)):
            a[i] -= f * b[i]
        a.pop(0)
    while a and a[0] == 0:
        a.pop(0)
    return a


@lru_cache(maxsize=256)
def _sturm(coeffs: tuple[int, ...]) -> tuple[tuple[Fraction, ...], ...]:
    """The Sturm sequence p, p', -rem(p, p'), ... (its last element is gcd(p, p'))."""
    p = [Fraction(c) for c in coeffs]
    n = len(p) - 1
    dp = [c * (n - i) for i, c in enumerate(p[:-1])]
    seq = [p, dp]
    while len(seq[-1]) > 1:
        r = _prem(seq[-2], seq[-1])
        if not r:
            break
        seq.append([-c for c in r])
    return tuple(tuple(q) for q in seq)


def real_root_count(coeffs: tuple[int, ...]) -> int:
    """The number of distinct real roots (Sturm's theorem)."""
    seq = [list(q) for q in _sturm(tuple(coeffs))]
    return _sturm_sign_changes(seq, False) - _sturm_sign_changes(seq, True)


def _value_at(q: tuple[Fraction, ...], x: Fraction) -> Fraction:
    v = Fraction(0)
    for c in q:
        v = v * x + c
    return v


def _changes_at(seq: tuple[tuple[Fraction, ...], ...], x: Fraction) -> int:
    signs = [v > 0 for v in (_value_at(q, x) for q in seq) if v != 0]
    return sum(1 for u, w in zip(signs, signs[1:]) if u != w)


@lru_cache(maxsize=256)
def isolate(coeffs: tuple[int, ...]) -> tuple[tuple[Fraction, Fraction], ...]:
    """Disjoint intervals ``(a, b]``, ascending, each holding exactly one distinct real
    root: exact, by Sturm counts and bisection (split points are never roots)."""
    seq = _sturm(tuple(coeffs))
    lead = abs(Fraction(coeffs[0]))
    B = 1 + max((abs(Fraction(c)) / lead for c in coeffs[1:]), default=Fraction(0))
    out: list[tuple[Fraction, Fraction]] = []
    stack = [(-B, B, _changes_at(seq, -B), _changes_at(seq, B))]
    while stack:
        a, b, va, vb = stack.pop()
        k = va - vb
        if k <= 0:
            continue
        if k == 1:
            out.append((a, b))
            continue
        m = (a + b) / 2
        while _value_at(seq[0], m) == 0:  # split where there is no root
            m = (a + m) / 2
        vm = _changes_at(seq, m)
        stack.append((a, m, va, vm))
        stack.append((m, b, vm, vb))
    return tuple(sorted(out))


def _refine(coeffs: tuple[int, ...], a: Fraction, b: Fraction, bits: int) -> Fraction:
    """The root in ``(a, b]`` to within ``2^-bits`` (bisection on the square-free part,
    exact rational arithmetic)."""
    if a == b:
        return a
    seq = _sturm(tuple(coeffs))
    g = seq[-1] if len(seq[-1]) > 1 else None
    q = seq[0]
    if g is not None:  # the square-free part p/gcd(p, p'): it changes sign at the root
        q = tuple(_pdiv(list(seq[0]), list(g)))
    fb = _value_at(q, b)
    if fb == 0:
        return b
    eps = Fraction(1, 2 ** bits)
    while b - a > eps:  # the root stays in (a, b); q has the sign of fb right of it
        m = (a + b) / 2
        fm = _value_at(q, m)
        if fm == 0:
            return m
        if (fm > 0) == (fb > 0):
            b = m
        else:
            a = m
    return (a + b) / 2


def _pdiv(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    """The exact quotient a / b of dense polynomials (leading coefficient first)."""
    a = list(a)
    q = []
    while len(a) >= len(b):
        f = a[0] / b[0]
        q.append(f)
        for i in range(len(b)):
            a[i] -= f * b[i]
        a.pop(0)
    return q


def root_values(coeffs: tuple[int, ...], prec: int) -> list[Any]:
    """All roots as mpmath numbers at ``prec`` bits, in the RootOf order (reals, as
    ``mpf``, ascending; then the others). Repeated roots are not supported: the
    polynomial should be square-free."""
    return list(_root_values(tuple(coeffs), max(53, prec)))


@lru_cache(maxsize=512)
def _root_values(coeffs: tuple[int, ...], prec: int) -> tuple:
    import mpmath

    nreal = real_root_count(coeffs)
    deg = len(coeffs) - 1
    extra = 20 + 4 * deg
    steps = 50 + 10 * deg
    for _ in range(6):
        try:
            with mpmath.workprec(prec + extra):
                rts = mpmath.polyroots([mpmath.mpf(c) for c in coeffs], maxsteps=steps,
                                       extraprec=extra + 10 * deg)
                rts = [mpmath.mpc(r) for r in rts]
                by_imag = sorted(range(len(rts)), key=lambda i: abs(rts[i].imag))
                real_idx = set(by_imag[:nreal])
                others = sorted((rts[i] for i in range(len(rts)) if i not in real_idx),
                                key=lambda z: (z.real, z.imag))
                # the real ones exactly: Sturm isolation, then bisection to prec bits
                reals = []
                for lo, hi in isolate(coeffs):
                    r = _refine(coeffs, lo, hi, prec + 10)
                    reals.append(mpmath.mpf(r.numerator) / r.denominator)
            return tuple(reals + others)  # not rounded to the caller's precision here
        except mpmath.libmp.NoConvergence:
            extra *= 2
            steps *= 3
    raise ValueError("RootOf: the root finder did not converge")


def _value(mp: Any, *args: Any) -> Any:
    got = _int_coeffs(args)
    if got is None:
        raise ValueError("RootOf needs integer coefficients and an integer index")
    coeffs, k = got
    rts = root_values(coeffs, mp.mp.prec)
    if not 0 <= k < len(rts):
        raise ValueError(f"RootOf index {k} out of range")
    return rts[k]


def _double(*args: float) -> float | None:
    import mpmath

    with mpmath.workprec(64):
        v = _value(mpmath, *args)
    return float(v) if not isinstance(v, mpmath.mpc) else None


def _cdouble(*args: complex) -> complex:
    import mpmath

    with mpmath.workprec(64):
        return complex(_value(mpmath, *(a.real for a in args)))


def _special(*args: Expr) -> Expr | None:
    got = _int_coeffs(args)
    if got is None:
        if all(a.is_Number for a in args):
            raise EvaluationError("RootOf needs integer coefficients (leading one nonzero) "
                                  "and an integer index")
        return None
    coeffs, k = got
    if not 0 <= k < len(coeffs) - 1:
        raise EvaluationError(f"RootOf: index {k} out of range for a polynomial of degree "
                              f"{len(coeffs) - 1}")
    return None


#: Not added to the registry (the registry-wide tests and compilers call every entry with
#: one argument; RootOf is an exact number, not a function of a variable), but the parser
#: reads it back: printed RootOf objects round-trip.
RootOf = FunctionDef(
    "RootOf", (3, 10**6), aliases=("CRootOf",), special=_special,
    numeric=_double, cnumeric=_cdouble, mpmath=_value, latex="\\operatorname{RootOf}",
    doc="RootOf(a_n, ..., a_0, k): the k-th root (reals ascending first, then the "
        "others by real and imaginary part) of the integer polynomial a_n t^n + ... + a_0.")
INPUT_ONLY["RootOf"] = RootOf
