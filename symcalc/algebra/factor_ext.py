"""Factoring over an algebraic extension Q(α): ``factor(p, extension=sqrt(2))``.

Trager's algorithm ("Algebraic factoring and rational function integration", 1976).
With ``m(t)`` the minimal polynomial of α over Q and ``g`` a square-free factor of the
input over Q: find a small integer ``s`` for which the norm
``N(x) = Res_t(m(t), g(x - s*t))`` is square-free, factor ``N`` over Q, and for each of
its irreducible factors ``N_i`` the gcd over Q(α) of ``g(x)`` and ``N_i(x + s*α)`` is
an irreducible factor of ``g`` over Q(α). Arithmetic in Q(α) is on polynomials in α
of degree below ``deg m``, reduced modulo ``m``.

α may be a rational power of a rational (``sqrt(2)``, ``2^(1/3)``), ``I``, or
``a + b*β`` for such a β; its minimal polynomial is the factor over Q of the obvious
polynomial that vanishes at α numerically.

>>> from symcalc import parse, sqrt, I
>>> factor_extension(parse("x^4 + 1"), sqrt(2))
(x^2 - sqrt(2)*x + 1)*(x^2 + sqrt(2)*x + 1)
>>> factor_extension(parse("x^2 + 1"), I)
(x + I)*(x - I)
>>> factor_extension(parse("x^2 - 2*y^2"), sqrt(2))
(x - sqrt(2)*y)*(x + sqrt(2)*y)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.expand import expand
from ..core.expr import Expr, as_expr
from ..core.numbers import number
from ..core.symbol import Symbol
from ..errors import SymcalcError
from .poly import Poly, PolynomialError

__all__ = ["factor_extension", "minimal_polynomial"]

K = list  # an element of Q(α): Fractions, lowest power of α first, length deg m


class ExtensionError(SymcalcError, ValueError):
    """The extension is not an algebraic number symcalc can handle here."""


# ----------------------------------------------------------------- the minimal polynomial


def _radical_poly(a: Expr, t: Symbol) -> Expr | None:
    """A polynomial over Q in t vanishing at a (a rational power, I, or c0 + c1*that)."""
    from ..core.gaussian import I

    if a is I:
        return t**2 + 1
    if a.is_Pow and a.args[0].is_Number and a.args[1].is_Number:
        r, k = a.args[0].value, Fraction(a.args[1].value)
        if isinstance(r, float):
            return None
        return expand(power(t, number(k.denominator)) - number(Fraction(r) ** k.numerator))
    if a.is_Mul or a.is_Add:
        c, rest = a.as_coeff_mul()
        if a.is_Add:
            const, terms = a.as_coeff_add()
            if len(terms) != 1 or isinstance(const, float):
                return None
            inner = _radical_poly(terms[0], t)
            if inner is None:
                return None
            return expand(inner.subs({t: t - number(const)}))
        if c != 1 and not isinstance(c, float):
            inner = _radical_poly(rest, t)
            if inner is None:
                return None
            return expand(inner.subs({t: t / number(c)}))
    return None


def minimal_polynomial(alpha: Any, t: Symbol) -> Poly:
    """The minimal polynomial of ``alpha`` over Q (monic, in ``t``)."""
    from .factor import factor_list

    alpha = as_expr(alpha)
    if alpha.is_Number and not isinstance(alpha.value, float):
        return Poly.from_expr(t - alpha, (t,))
    q = _radical_poly(alpha, t)
    if q is None:
        raise ExtensionError(f"the extension {alpha} is not supported: use a radical "
                             "such as sqrt(2) or 2^(1/3), I, or a + b*(such a radical)")
    v = complex(alpha.evalf())
    best = None
    for f, _ in factor_list(Poly.from_expr(q, (t,)))[1]:
        cs = [complex(float(c)) for c in f.all_coeffs()]
        val = 0j
        for c in cs:
            val = val * v + c
        scale = sum(abs(c) * max(1.0, abs(v)) ** i for i, c in enumerate(reversed(cs)))
        if best is None or abs(val) / scale < best[0]:
            best = (abs(val) / scale, f)
    assert best is not None
    return best[1].monic()


# ----------------------------------------------------------------- Q(α) arithmetic


class _Field:
    def __init__(self, m: Poly) -> None:
        self.m = [Fraction(c) for c in reversed(m.all_coeffs())]  # monic, low first
        self.d = len(self.m) - 1

    def reduce(self, a: list[Fraction]) -> K:
        a = list(a)
        d = self.d
        for i in range(len(a) - 1, d - 1, -1):
            c = a[i]
            if c:
                for j in range(d + 1):
                    a[i - d + j] -= c * self.m[j]
        a = a[:d] + [Fraction(0)] * (d - len(a))
        return a

    def const(self, c: Any) -> K:
        return [Fraction(c)] + [Fraction(0)] * (self.d - 1)

    def mul(self, a: K, b: K) -> K:
        out = [Fraction(0)] * (2 * self.d)
        for i, x in enumerate(a):
            if x:
                for j, y in enumerate(b):
                    if y:
                        out[i + j] += x * y
        return self.reduce(out)

    def inv(self, a: K) -> K:
        """a^-1 in Q(alpha), by the extended Euclidean algorithm in Q[t] (s*a = r mod m)."""
        r0, r1 = _trim(list(self.m)), _trim(list(a))
        s0, s1 = [], [Fraction(1)]
        while len(r1) > 1:
            qt, rr = _pdivmod(r0, r1)
            r0, r1 = r1, rr
            s0, s1 = s1, _psub(s0, _pmul(qt, s1))
        if not r1:
            raise ZeroDivisionError("not invertible in Q(alpha)")
        c = r1[0]
        return self.reduce([v / c for v in s1])

    def is_zero(self, a: K) -> bool:
        return not any(a)


def _trim(a: list[Fraction]) -> list[Fraction]:
    while a and a[-1] == 0:
        a.pop()
    return a


def _pmul(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    if not a or not b:
        return []
    out = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] += x * y
    return _trim(out)


def _psub(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    n = max(len(a), len(b))
    return _trim([(a[i] if i < len(a) else 0) - (b[i] if i < len(b) else 0)
                  for i in range(n)])


def _pdivmod(a: list[Fraction], b: list[Fraction]) -> tuple[list[Fraction], list[Fraction]]:
    a = list(a)
    q = [Fraction(0)] * max(len(a) - len(b) + 1, 1)
    while len(a) >= len(b) and a:
        c = a[-1] / b[-1]
        k = len(a) - len(b)
        q[k] = c
        for j, y in enumerate(b):
            a[k + j] -= c * y
        _trim(a)
    return _trim(q), a


# polynomials over Q(α): lists of K elements, lowest degree first


def _kp_trim(F: _Field, a: list[K]) -> list[K]:
    while a and F.is_zero(a[-1]):
        a.pop()
    return a


def _kp_divmod(F: _Field, a: list[K], b: list[K]) -> tuple[list[K], list[K]]:
    a = [list(c) for c in a]
    inv_lc = F.inv(b[-1])
    q = [F.const(0) for _ in range(max(len(a) - len(b) + 1, 1))]
    while len(a) >= len(b) and a:
        c = F.mul(a[-1], inv_lc)
        k = len(a) - len(b)
        q[k] = c
        for j, y in enumerate(b):
            p = F.mul(c, y)
            a[k + j] = [u - v for u, v in zip(a[k + j], p)]
        _kp_trim(F, a)
    return _kp_trim(F, q), a


def _kp_monic(F: _Field, a: list[K]) -> list[K]:
    inv = F.inv(a[-1])
    return [F.mul(c, inv) for c in a]


def _kp_gcd(F: _Field, a: list[K], b: list[K]) -> list[K]:
    while b:
        _, r = _kp_divmod(F, a, b)
        a, b = b, r
    return _kp_monic(F, a)


# ----------------------------------------------------------------- Trager


def _norm(g: Poly, m: Poly, s: int, x: Symbol, t: Symbol) -> Poly:
    from .gcd import resultant

    shifted = expand(g.as_expr().subs({x: x - s * t}))
    G = Poly.from_expr(shifted, (x, t))
    M = Poly.from_expr(m.as_expr(), (x, t))
    r = resultant(M, G, t)
    return r if isinstance(r, Poly) else Poly.from_expr(number(r), (x,))


def _factor_irreducible(g: Poly, m: Poly, F: _Field, x: Symbol, t: Symbol) -> list[list[K]]:
    from .factor import factor_list, sqf_part

    for s in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5):
        N = _norm(g, m, s, x, t)
        if N.degree() != g.degree() * F.d or sqf_part(N).degree() != N.degree():
            continue
        gk = [F.const(Fraction(c)) for c in reversed(g.all_coeffs())]
        out = []
        for Ni, _ in factor_list(N)[1]:
            # Ni(x + s*alpha) over Q(alpha), by Horner
            lin = [F.reduce([Fraction(0), Fraction(s)]), F.const(1)]
            acc: list[K] = []
            for c in Ni.all_coeffs():
                acc = _kp_mul(F, acc, lin) if acc else []
                if acc:
                    acc[0] = [u + v for u, v in zip(acc[0], F.const(Fraction(c)))]
                else:
                    acc = [F.const(Fraction(c))]
            h = _kp_gcd(F, gk, _kp_trim(F, acc))
            if len(h) > 1:
                out.append(h)
        return out
    raise ExtensionError("no shift makes the norm square-free (unexpected)")


def _kp_mul(F: _Field, a: list[K], b: list[K]) -> list[K]:
    out = [F.const(0) for _ in range(len(a) + len(b) - 1)]
    for i, u in enumerate(a):
        for j, v in enumerate(b):
            p = F.mul(u, v)
            out[i + j] = [s + w for s, w in zip(out[i + j], p)]
    return out


def _k_expr(c: K, alpha: Expr) -> Expr:
    return add(*[mul(number(v), power(alpha, number(i))) for i, v in enumerate(c) if v])


def _kp_expr(h: list[K], x: Expr, alpha: Expr) -> Expr:
    return add(*[mul(_k_expr(c, alpha), power(x, number(i))) for i, c in enumerate(h)])


def factor_extension(e: Any, alpha: Any) -> Expr:
    """``e`` (a polynomial over Q) factored over Q(alpha) (see the module doc).
    A polynomial in several variables is factored in its first variable over
    Q(alpha) only when it is homogeneous (``x^2 - 2*y^2``)."""
    from .factor_expr import factor_poly_list

    e, alpha = as_expr(e), as_expr(alpha)
    try:
        p = Poly.from_expr(e)
    except PolynomialError:
        raise ExtensionError(f"factor(extension=) needs a polynomial, got {e}") from None
    if len(p.gens) == 0:
        return e
    t = Symbol("_alpha_t")
    m = minimal_polynomial(alpha, t)
    if m.degree() == 1:
        from .factor_expr import factor

        return factor(e)
    if len(p.gens) == 2:
        return _homogeneous(p, alpha)
    if len(p.gens) != 1:
        raise ExtensionError("factor(extension=) handles polynomials in one variable "
                             "(and homogeneous ones in two)")
    x = p.gens[0]
    if not isinstance(x, Symbol):
        raise ExtensionError(f"factor(extension=) needs a polynomial in a symbol, got {e}")
    F = _Field(m)
    c, fl = factor_poly_list(p)
    parts: list[Expr] = [number(c)]
    for g, k in fl:
        if g.degree() == 1:
            parts.append(power(g.as_expr(), number(k)))
            continue
        lc = Fraction(g.leading_coeff())
        for h in _factor_irreducible(g, m, F, x, t):
            parts.append(power(_kp_expr(h, x, alpha), number(k)))
        if lc != 1:
            parts.append(number(lc ** k))
    return mul(*parts)


def _homogeneous(p: Poly, alpha: Expr) -> Expr:
    x, y = p.gens
    degs = {sum(mn) for mn in p.terms}
    if len(degs) != 1 or not isinstance(y, Symbol):
        raise ExtensionError("factor(extension=) handles polynomials in one variable "
                             "(and homogeneous ones in two)")
    # dehomogenize at y = 1, factor, homogenize back
    n = degs.pop()
    uni = Poly({(mn[0],): c for mn, c in p.terms.items()}, (x,))
    low = min(mn[0] for mn in p.terms)
    f = factor_extension(uni.as_expr(), alpha)
    factors = f.args if f.is_Mul else (f,)
    out = []
    total = 0
    for fac in factors:
        base, k = (fac.args[0], fac.args[1]) if fac.is_Pow else (fac, number(1))
        if not base.has(x):
            out.append(fac)
            continue
        bp = Poly.from_expr(base)
        d = bp.degree(bp.gens.index(x))
        hom = expand(base.subs({x: x / y}) * y ** d)
        out.append(power(hom, k))
        total += d * int(k.value)
    del low
    if total < n:
        out.append(power(y, number(n - total)))
    return mul(*out)
