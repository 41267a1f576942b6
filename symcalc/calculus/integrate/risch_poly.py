"""Dense univariate polynomials over a field, and the field Q(x), for the Risch algorithm.

A polynomial is a list of coefficients, lowest degree first, with no trailing zeros
(the zero polynomial is ``[]``). The coefficients are any field elements that support
``+ - * /`` and truth testing: ``Fraction`` for Q[x], :class:`RF` (an element of Q(x))
for K[t] with K = Q(x). The functions here know nothing of derivations; the Risch
modules pass the derivation where it matters.

>>> from fractions import Fraction as Q
>>> p = [Q(-1), Q(0), Q(1)]          # x^2 - 1
>>> gcd(p, [Q(1), Q(1)])             # with x + 1
[Fraction(1, 1), Fraction(1, 1)]
>>> (RF.x() * RF.x() - RF.one()) / (RF.x() + RF.one())
RF(x - 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ...core.budget import poll as check

Poly_ = list


class RischError(ArithmeticError):
    """An integrand or intermediate result leaves what the Risch modules handle."""


# --------------------------------------------------------------------------- generic


def trim(p: list) -> list:
    """``p`` without trailing zero coefficients (in place)."""
    while p and not p[-1]:
        p.pop()
    return p


def deg(p: Sequence) -> int:
    """The degree; -1 for the zero polynomial."""
    return len(p) - 1


def lc(p: Sequence) -> Any:
    return p[-1]


def add(p: Sequence, q: Sequence) -> list:
    if len(p) < len(q):
        p, q = q, p
    out = list(p)
    for i, c in enumerate(q):
        out[i] = out[i] + c
    return trim(out)


def neg(p: Sequence) -> list:
    return [-c for c in p]


def sub(p: Sequence, q: Sequence) -> list:
    return add(p, neg(q))


def scale(p: Sequence, c: Any) -> list:
    if not c:
        return []
    return trim([a * c for a in p])


def mul(p: Sequence, q: Sequence) -> list:
    if not p or not q:
        return []
    out = [p[0] * 0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if not a:
            continue
        for j, b in enumerate(q):
            out[i + j] = out[i + j] + a * b
    return trim(out)


def shift(p: Sequence, k: int) -> list:
    """p * t^k."""
    if not p:
        return []
    return [p[0] * 0] * k + list(p)


def monomial(c: Any, k: int) -> list:
    """c * t^k."""
    if not c:
        return []
    return [c * 0] * k + [c]


def divmod_(p: Sequence, q: Sequence) -> tuple[list, list]:
    """(quotient, remainder) of p by q (q nonzero)."""
    if not q:
        raise ZeroDivisionError("polynomial division by zero")
    r = list(p)
    dq = deg(q)
    if deg(r) < dq:
        return [], trim(r)
    inv = _inv(q[-1])
    quo = [q[-1] * 0] * (deg(r) - dq + 1)
    while r and deg(r) >= dq:
        check()
        k = deg(r) - dq
        c = r[-1] * inv
        quo[k] = c
        for i, b in enumerate(q):
            r[i + k] = r[i + k] - c * b
        r.pop()   # the leading coefficient is now zero by construction
        trim(r)
    return trim(quo), r


def exquo(p: Sequence, q: Sequence) -> list:
    a, r = divmod_(p, q)
    if r:
        raise RischError("inexact polynomial division")
    return a


def monic(p: Sequence) -> list:
    if not p:
        return []
    inv = _inv(p[-1])
    return [c * inv for c in p]


def _inv(c: Any) -> Any:
    if isinstance(c, (int, Fraction)):
        return 1 / Fraction(c)
    return c.inv()


def gcd(p: Sequence, q: Sequence) -> list:
    """The monic gcd."""
    if any(isinstance(c, CF) for c in (*p, *q)):
        return _gcd_params(p, q)
    a, b = list(p), list(q)
    while b:
        check()
        a, b = b, divmod_(a, b)[1]
    return monic(a)


def gcdex(p: Sequence, q: Sequence) -> tuple[list, list, list]:
    """(s, t, g) with s*p + t*q = g = gcd(p, q), g monic."""
    one = _one_like(p, q)
    r0, r1 = list(p), list(q)
    s0, s1 = [one], []
    t0, t1 = [], [one]
    while r1:
        check()
        quo, rem = divmod_(r0, r1)
        r0, r1 = r1, rem
        s0, s1 = s1, sub(s0, mul(quo, s1))
        t0, t1 = t1, sub(t0, mul(quo, t1))
    if not r0:
        return [], [], []
    inv = _inv(r0[-1])
    return scale(s0, inv), scale(t0, inv), scale(r0, inv)


def _one_like(p: Sequence, q: Sequence) -> Any:
    for c in (*p, *q):
        return c * 0 + 1
    return Fraction(1)


def solve_bezout(a: Sequence, b: Sequence, c: Sequence) -> tuple[list, list]:
    """(s, t) with s*a + t*b = c and deg s < deg b; raises RischError when gcd(a, b)
    does not divide c."""
    s, t, g = gcdex(a, b)
    q, r = divmod_(c, g)
    if r:
        raise RischError("c is not in the ideal (a, b)")
    s, t = mul(s, q), mul(t, q)
    if deg(b) >= 1:
        qq, s = divmod_(s, b)
        t = add(t, mul(qq, a))
    return s, t


def deriv(p: Sequence) -> list:
    """The formal derivative d/dt."""
    return trim([p[i] * i for i in range(1, len(p))])


def squarefree(p: Sequence) -> list[list]:
    """Yun's algorithm: [p1, p2, ...] with p = lc * p1 * p2^2 * ..., each monic."""
    out: list[list] = []
    a = monic(p)
    b = deriv(a)
    c = gcd(a, b)
    w = exquo(a, c)
    y = exquo(b, c)
    z = sub(y, deriv(w))
    while deg(w) > 0:
        check()
        g = gcd(w, z)
        out.append(g)
        w = exquo(w, g)
        y = exquo(z, g)
        z = sub(y, deriv(w))
    while out and deg(out[-1]) == 0:
        out.pop()
    return out


def evaluate(p: Sequence, v: Any) -> Any:
    r = 0
    for c in reversed(p):
        r = r * v + c
    return r


def resultant(p: Sequence, q: Sequence) -> Any:
    """res(p, q) over a field, by Euclid's algorithm."""
    if not p or not q:
        return 0
    dp, dq = deg(p), deg(q)
    if dq == 0:
        return q[0] ** dp
    if dp == 0:
        return p[0] ** dq
    r = divmod_(p, q)[1]
    if not r:
        return 0
    sign = -1 if dp * dq % 2 else 1
    return sign * q[-1] ** (dp - deg(r)) * resultant(q, r)


def interpolate(xs: Sequence[int], ys: Sequence[Any]) -> list:
    """The polynomial of degree < len(xs) through (xs[i], ys[i]) (Newton's form)."""
    n = len(xs)
    coef = list(ys)
    for j in range(1, n):
        for i in range(n - 1, j - 1, -1):
            coef[i] = (coef[i] - coef[i - 1]) * Fraction(1, xs[i] - xs[i - j])
    out: list = []
    for i in range(n - 1, -1, -1):
        out = add(mul(out, [Fraction(-xs[i]), Fraction(1)]), [coef[i]] if coef[i] else [])
    return out


# --------------------------------------------------------------------------- constants


class CF:
    """An element n/d of Q(a, b, ...) (the parameters) that is not a rational number:
    coprime polynomials over Q, d with leading coefficient 1. Rational values are kept
    as ``Fraction``; :func:`cf` builds either, so both mix in arithmetic."""

    __slots__ = ("n", "d")

    def __init__(self, n: Any, d: Any) -> None:
        self.n = n
        self.d = d

    def _lift(self, o: Any) -> tuple[Any, Any]:
        if isinstance(o, CF):
            return o.n, o.d
        from ...algebra.poly import Poly

        gens = self.n.gens
        return Poly.constant(Fraction(o), gens), Poly.constant(1, gens)

    def __add__(self, o: Any) -> Any:
        n, d = self._lift(o)
        return cf(self.n * d + n * self.d, self.d * d)

    __radd__ = __add__

    def __sub__(self, o: Any) -> Any:
        n, d = self._lift(o)
        return cf(self.n * d - n * self.d, self.d * d)

    def __rsub__(self, o: Any) -> Any:
        n, d = self._lift(o)
        return cf(n * self.d - self.n * d, self.d * d)

    def __mul__(self, o: Any) -> Any:
        if not isinstance(o, CF) and not o:
            return Fraction(0)
        n, d = self._lift(o)
        return cf(self.n * n, self.d * d)

    __rmul__ = __mul__

    def __truediv__(self, o: Any) -> Any:
        n, d = self._lift(o)
        return cf(self.n * d, self.d * n)

    def __rtruediv__(self, o: Any) -> Any:
        n, d = self._lift(o)
        return cf(n * self.d, d * self.n)

    def __neg__(self) -> CF:
        return CF(-self.n, self.d)

    def __pow__(self, k: int) -> Any:
        if k < 0:
            return (1 / self) ** (-k)
        r: Any = Fraction(1)
        for _ in range(k):
            r = r * self
        return r

    def inv(self) -> Any:
        return cf(self.d, self.n)

    def __bool__(self) -> bool:
        return True

    def __eq__(self, o: object) -> bool:
        return isinstance(o, CF) and self.n == o.n and self.d == o.d

    def __hash__(self) -> int:
        return hash((self.n, self.d))

    def as_expr(self) -> Any:
        from ...core.arithmetic import mul, power

        return mul(self.n.as_expr(), power(self.d.as_expr(), -1))

    def specialize(self, values: Sequence[Fraction]) -> Fraction:
        """The value at the parameters = values (ZeroDivisionError at a pole)."""
        num, den = self.n, self.d
        for g, v in zip(self.n.gens, values, strict=True):
            num, den = num.evaluate(g, v), den.evaluate(g, v)
        return Fraction(num.as_expr().value) / Fraction(den.as_expr().value)

    def __repr__(self) -> str:
        return f"CF({self.as_expr()})"


def cf(n: Any, d: Any) -> Any:
    """n/d (polynomials in the parameters) as a Fraction when rational, else a CF."""
    from ...algebra.gcd import gcd as mgcd

    if d.is_zero:
        raise ZeroDivisionError("division by zero in the constant field")
    if n.is_zero:
        return Fraction(0)
    check()
    if not d.is_constant:
        g = mgcd(n, d)
        if not g.is_constant:
            n, d = n.exquo(g), d.exquo(g)
    lead = Fraction(d.leading_coeff())
    if lead != 1:
        n, d = n.mul_scalar(1 / lead), d.mul_scalar(1 / lead)
    if d.is_constant and n.is_constant:
        return Fraction(n.leading_coeff())
    return CF(n, d)


_X = None


def _xsym() -> Any:
    global _X
    if _X is None:
        from ...core.symbol import Symbol

        _X = Symbol("x_risch")
    return _X


def _gens_of(cs: Sequence[Any]) -> tuple:
    for c in cs:
        if isinstance(c, CF):
            return c.n.gens
    return ()


def _cleared(p: Sequence[Any], gens: tuple) -> Any:
    """p (coefficients in Q(params)) times the lcm of its coefficients' denominators, as a
    polynomial in (x_risch, *params)."""
    from ...algebra.gcd import lcm as mlcm
    from ...algebra.poly import Poly

    X = _xsym()
    L = Poly.constant(1, gens)
    for c in p:
        if isinstance(c, CF):
            L = mlcm(L, c.d)
    out = Poly.constant(0, (X, *gens))
    xp = Poly.gen(0, (X, *gens))
    for i, c in enumerate(p):
        if not c:
            continue
        if isinstance(c, CF):
            num = (c.n * L).exquo(c.d)
        else:
            num = L.mul_scalar(c)
        out = out + num.reorder((X, *gens)) * xp ** i
    return out


def _uncleared(P_: Any, gens: tuple) -> list:
    """The coefficient list in x_risch of a polynomial in (x_risch, *params), made monic."""
    from ...algebra.poly import Poly

    X = _xsym()
    n = P_.degree(X)
    rows: list[dict] = [{} for _ in range(n + 1)]
    for m, c in P_.terms.items():
        rows[m[0]][m[1:]] = c
    polys = [Poly(r, gens) for r in rows]
    lead = polys[-1]
    return trim([cf(q, lead) for q in polys])


def _gcd_params(p: Sequence[Any], q: Sequence[Any]) -> list:
    """The monic gcd over Q(params)[x], through the multivariate gcd of the polynomials
    with cleared denominators (Euclid over Q(params) swells)."""
    from ...algebra.gcd import gcd as mgcd

    if not p:
        return monic(q)
    if not q:
        return monic(p)
    gens = _gens_of((*p, *q))
    g = mgcd(_cleared(p, gens), _cleared(q, gens))
    return _uncleared(g, gens)


def reduce_fraction(n: Sequence[Any], d: Sequence[Any]) -> tuple[list, list]:
    """n/d over Q(params)[x] in lowest terms with d monic."""
    gens = _gens_of((*n, *d))
    from ...algebra.gcd import gcd as mgcd
    from ...algebra.poly import Poly

    N, D = _cleared(n, gens), _cleared(d, gens)
    g = mgcd(N, D)
    if not g.is_constant:
        N, D = N.exquo(g), D.exquo(g)
    # n/d = (N/D) * (scale of d)/(scale of n): recover the ratio of the clearing factors
    sn = _scale(n, N, g)
    sd = _scale(d, D, g)
    X = _xsym()
    rows: list[dict] = [{} for _ in range(D.degree(X) + 1)]
    for m, c in D.terms.items():
        rows[m[0]][m[1:]] = c
    lead = Poly(rows[-1], gens)
    ratio = sd / sn                       # n/d = (N/D) * sd/sn
    nn = [c * ratio for c in _coeffs(N, gens, lead)]
    dd = _coeffs(D, gens, lead)
    return trim(nn), trim(dd)


def _coeffs(P_: Any, gens: tuple, lead: Any) -> list:
    from ...algebra.poly import Poly

    X = _xsym()
    n = P_.degree(X)
    rows: list[dict] = [{} for _ in range(n + 1)]
    for m, c in P_.terms.items():
        rows[m[0]][m[1:]] = c
    return [cf(Poly(r, gens), lead) for r in rows]


def _scale(p: Sequence[Any], P_: Any, g: Any) -> Any:
    """s with p = (P_*g)/s, a constant: compare leading coefficients."""
    from ...algebra.poly import Poly

    X = _xsym()
    full = P_ * g
    gens = P_.gens[1:]
    k = full.degree(X)
    row = {m[1:]: c for m, c in full.terms.items() if m[0] == k}
    lc_full = cf(Poly(row, gens), Poly.constant(1, gens))
    return lc_full / p[-1]


def specialize(c: Any, values: Sequence[Fraction]) -> Fraction:
    return c.specialize(values) if isinstance(c, CF) else Fraction(c)


# --------------------------------------------------------------------------- Q[x] and Q(x)


def qpoly(cs: Sequence[Any]) -> tuple[Fraction, ...]:
    return tuple(trim([Fraction(c) for c in cs]))


class RF:
    """An element n/d of Q(x): coprime polynomials over Q (tuples of Fractions), d monic."""

    __slots__ = ("n", "d")

    def __init__(self, n: Sequence[Fraction], d: Sequence[Fraction] = (Fraction(1),),
                 normal: bool = False) -> None:
        n, d = list(n), list(d)
        trim(n)
        trim(d)
        if not d:
            raise ZeroDivisionError("RF with zero denominator")
        if not normal and n and any(isinstance(c, CF) for c in (*n, *d)) and len(d) > 1:
            n, d = reduce_fraction(n, d)
        elif not normal and n:
            g = gcd(n, d)
            if deg(g) > 0:
                n, d = exquo(n, g), exquo(d, g)
            if d[-1] != 1:
                inv = 1 / d[-1]
                n, d = [c * inv for c in n], [c * inv for c in d]
        if not n:
            d = [Fraction(1)]
        self.n: tuple[Fraction, ...] = tuple(n)
        self.d: tuple[Fraction, ...] = tuple(d)

    @staticmethod
    def const(c: Any) -> RF:
        return RF((c if isinstance(c, CF) else Fraction(c),), normal=True)

    @staticmethod
    def one() -> RF:
        return RF.const(1)

    @staticmethod
    def x() -> RF:
        return RF((Fraction(0), Fraction(1)), normal=True)

    def __bool__(self) -> bool:
        return bool(self.n)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (int, Fraction)):
            other = RF.const(other)
        return isinstance(other, RF) and self.n == other.n and self.d == other.d

    def __hash__(self) -> int:
        return hash((self.n, self.d))

    def _co(self, o: Any) -> RF:
        return o if isinstance(o, RF) else RF.const(o)

    def __add__(self, o: Any) -> RF:
        o = self._co(o)
        if not o.n:
            return self
        if not self.n:
            return o
        if self.d == o.d:
            return RF(add(self.n, o.n), self.d)
        return RF(add(mul(self.n, o.d), mul(o.n, self.d)), mul(self.d, o.d))

    __radd__ = __add__

    def __neg__(self) -> RF:
        return RF(neg(self.n), self.d, normal=True)

    def __sub__(self, o: Any) -> RF:
        return self + (-self._co(o))

    def __rsub__(self, o: Any) -> RF:
        return self._co(o) - self

    def __mul__(self, o: Any) -> RF:
        o = self._co(o)
        if not o.n or not self.n:
            return RF(())
        if len(o.n) == 1 and len(o.d) == 1:
            return RF([c * o.n[0] for c in self.n], self.d, normal=True)
        return RF(mul(self.n, o.n), mul(self.d, o.d))

    __rmul__ = __mul__

    def inv(self) -> RF:
        if not self.n:
            raise ZeroDivisionError("RF division by zero")
        return RF(self.d, self.n)

    def __truediv__(self, o: Any) -> RF:
        return self * self._co(o).inv()

    def __rtruediv__(self, o: Any) -> RF:
        return self._co(o) * self.inv()

    def __pow__(self, k: int) -> RF:
        if k < 0:
            return self.inv() ** (-k)
        r = RF.one()
        for _ in range(k):
            r = r * self
        return r

    def der(self) -> RF:
        """d/dx."""
        if len(self.d) == 1:
            return RF(deriv(self.n), self.d, normal=True)
        return RF(sub(mul(deriv(self.n), self.d), mul(self.n, deriv(self.d))),
                  mul(self.d, self.d))

    def is_const(self) -> bool:
        return len(self.n) <= 1 and len(self.d) == 1

    def const_value(self) -> Any:
        return self.n[0] if self.n else Fraction(0)

    def __repr__(self) -> str:
        def show(p: Sequence[Fraction]) -> str:
            terms = []
            for i in range(len(p) - 1, -1, -1):
                c = p[i]
                if not c:
                    continue
                mon = "" if i == 0 else "x" if i == 1 else f"x^{i}"
                cs = str(c)
                terms.append(cs if not mon else mon if c == 1 else f"{cs}*{mon}")
            return " + ".join(terms).replace("+ -", "- ") or "0"
        if len(self.d) == 1:
            return f"RF({show(self.n)})"
        return f"RF(({show(self.n)})/({show(self.d)}))"


__all__ = ["CF", "RF", "RischError", "add", "cf", "deg", "deriv", "divmod_", "evaluate", "exquo",
           "gcd", "gcdex", "interpolate", "lc", "monic", "monomial", "mul", "neg", "qpoly",
           "resultant", "scale", "shift", "solve_bezout", "specialize", "squarefree", "sub",
           "trim"]
