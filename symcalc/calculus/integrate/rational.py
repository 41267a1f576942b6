"""Rational functions: Hermite reduction and the Lazard–Rioboo–Trager log part.

For P/Q in Q(x): the polynomial part of P/Q integrates termwise; Hermite reduction
(Mack's linear version, Bronstein, *Symbolic Integration I*, 2.2) splits the rest into
a rational function plus ∫ A/D with D square-free; the log part is
Σ_{c: R(c)=0} c*log(gcd(D, A - c*D')) over the roots of the Rothstein–Trager resultant
R(t) = res_x(D, A - t*D'). Rational roots give logarithms of polynomials over Q;
a pair of conjugate roots of a quadratic factor of R gives, through a gcd over
Q(sqrt(δ)), a logarithm plus an inverse hyperbolic tangent (real roots) or an
arctangent (complex roots) — written, as Rioboo showed, with polynomial arguments so
the result is real and continuous. Factors of R of degree 3 or more are left to
:mod:`.quartic`, :mod:`.binomial` and, last, :mod:`.rational_roots` (residues at the
roots in radicals or as RootOf numbers).

>>> from symcalc import symbols
>>> x = symbols("x")
>>> integrate_rational(1/(x**2 + 1), x)
atan(x)
>>> integrate_rational((x**2 + 2*x)/(x**3 + 3*x**2 + 4), x)
log(x^3 + 3*x^2 + 4)/3
>>> integrate_rational(1/(x**2 - 1)**2, x)
atanh(x)/2 - x/(2*(x^2 - 1))
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.functions import atan, atanh, log, sqrt
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from ...errors import SymcalcError
from .steps import Step, leaf

if TYPE_CHECKING:  # pragma: no cover
    from ...algebra.poly import Poly
    from .engine import Context


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def is_rational_function(e: Expr, x: Symbol) -> bool:
    """Whether e is a rational function of x (other subexpressions free of x)."""
    for n in e.preorder():
        if not _has(n, x):
            continue
        if n.is_Function:
            return False
        if n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int)):
            return False
    return True


def has_power_of_sum(e: Expr, x: Symbol) -> bool:
    """Whether e has a power (exponent >= 2 or <= -2) of a sum depending on x."""
    for n in e.preorder():
        if n.is_Pow and n.args[0].is_Add and _has(n.args[0], x):
            v = n.args[1].value
            if abs(v) >= 2:
                return True
    return False


def rational_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Partial fractions: Hermite reduction plus the Lazard–Rioboo–Trager log part."""
    F = integrate_rational(e, x)
    if F is None:
        return None
    return leaf("rational function (Hermite reduction, Lazard-Rioboo-Trager)", e, x, F)


# --------------------------------------------------------------------------- the algorithm


def integrate_rational(e: Expr, x: Symbol, roots: bool = False) -> Expr | None:
    """∫ e dx for a rational function e of x over Q, or None (parameters, or a resultant
    with a factor of degree > 2). With ``roots``, irreducible factors of degree ≥ 3 that
    nothing else splits are taken by the residues at their roots (:mod:`.rational_roots`)."""
    from ...algebra.poly import Poly, PolynomialError
    from ...algebra.rational import numer_denom, together

    try:
        n, d = numer_denom(together(e))
        P, Q = Poly.from_expr(n, [x]), Poly.from_expr(d, [x])
    except (PolynomialError, SymcalcError, ArithmeticError):
        return None
    if Q.is_zero:
        return None
    from ...algebra.gcd import gcd

    g = gcd(P, Q)
    if not g.is_constant:
        P, Q = P.exquo(g), Q.exquo(g)
    poly, r = P.div(Q)
    terms = [_integrate_poly(poly, x)]
    if not r.is_zero:
        if Q.degree() == 1:  # ∫ c/(a*x + b) = c*log(a*x + b)/a, the commonest case
            terms.append(_log_linear(r, Q, x))
        else:
            try:
                parts, A, D = hermite_reduce(r, Q)
                terms.append(_rational_part(parts, x))
                if not A.is_zero:
                    lp = log_part(A, D, x)
                    if lp is None:
                        from .quartic import quartic_log_part

                        lp = quartic_log_part(A, D, x)
                    if lp is None:
                        from .binomial import factor_log_part

                        lp = factor_log_part(A, D, x)
                    if lp is None and roots:   # residues at the roots (last resort)
                        from .rational_roots import cubic_log_part

                        lp = cubic_log_part(A, D, x)
                    if lp is None:
                        return None
                    terms.append(lp)
            except (PolynomialError, ZeroDivisionError):
                return None
    return add(*terms)


def _integrate_poly(p: Poly, x: Symbol) -> Expr:
    return add(*(mul(number(Fraction(c) / (m[0] + 1)), power(x, number(m[0] + 1)))
                 for m, c in p.terms.items()))


def _log_linear(r: Poly, Q: Poly, x: Symbol) -> Expr:
    c = Fraction(r.leading_coeff()) / Fraction(Q.leading_coeff())
    return mul(number(c), log(_primitive_expr(Q)))


def _primitive_expr(S: Poly) -> Expr:
    """S as a polynomial with coprime integer coefficients and positive leading one."""
    _, pp = S.primitive()
    if pp.leading_coeff() < 0:
        pp = -pp
    return pp.as_expr()


def ext_euclid(a: Poly, b: Poly, c: Poly) -> tuple[Poly, Poly]:
    """(s, t) with s*a + t*b = c and deg s < deg b (gcd(a, b) must divide c)."""
    from ...algebra.gcd import gcdex

    s0, t0, g = gcdex(a, b)
    q, rem = c.div(g)
    if not rem.is_zero:
        raise ZeroDivisionError("ext_euclid: gcd does not divide c")
    s, t = s0 * q, t0 * q
    if not s.is_zero and s.degree() >= b.degree():
        q2, s = s.div(b)
        t = t + q2 * a
    return s, t


def hermite_reduce(A: Poly, D: Poly) -> tuple[list[tuple[Poly, Poly]], Poly, Poly]:
    """Hermite reduction (Mack's linear version): ∫ A/D = Σ B/E + ∫ A'/D* with D*
    square-free. Returns ([(B, E), ...], A', D*)."""
    from ...algebra.gcd import gcd

    parts: list[tuple[Poly, Poly]] = []
    Dm = gcd(D, D.diff())
    Ds = D.exquo(Dm)
    while Dm.degree() > 0:
        Dm2 = gcd(Dm, Dm.diff())
        Dms = Dm.exquo(Dm2)
        a = -(Ds * Dm.diff()).exquo(Dm)
        B, C = ext_euclid(a, Dms, A)
        A = C - B.diff() * Ds.exquo(Dms)
        if not B.is_zero:
            parts.append((B, Dm))
        Dm = Dm2
    return parts, A, Ds


def _rational_part(parts: list[tuple[Poly, Poly]], x: Symbol) -> Expr:
    """Σ B/E, written as the smaller of one fraction and its partial fractions."""
    if not parts:
        return ZERO
    terms = []
    for B, E in parts:
        cb, pb = B.primitive()
        ce, pe = E.primitive()
        if pe.leading_coeff() < 0:
            pe, ce = -pe, -ce
        terms.append(mul(number(Fraction(cb) / Fraction(ce)), pb.as_expr(),
                         power(pe.as_expr(), MINUS_ONE)))
    whole = add(*terms)
    best = whole
    try:
        from ...algebra.rational import apart, cancel

        one = cancel(whole)
        for cand in (one, apart(one, x)):
            if cand.count_ops() < best.count_ops():
                best = cand
    except (SymcalcError, ArithmeticError):
        pass
    return best


# --------------------------------------------------------------------------- the log part


def log_part(A: Poly, D: Poly, x: Symbol) -> Expr | None:
    """Σ c*log(gcd(D, A - c*D')) over the roots c of res_x(D, A - t*D'), in real form."""
    from ...algebra.factor import factor_list
    from ...algebra.gcd import gcd, resultant
    from ...algebra.poly import Poly

    t = Symbol("t_lrt")
    gens = (x, t)
    D2 = Poly.from_expr(D.as_expr(), gens)
    A2 = Poly.from_expr(A.as_expr(), gens)
    T = Poly.gen(1, gens)
    R = resultant(D2, A2 - T * D2.diff(0), 0)
    if not isinstance(R, Poly):
        return None
    R = Poly.from_expr(R.as_expr(), [t])
    if R.is_constant:
        return None
    _, facs = factor_list(R)
    Dp = D.diff()
    out = []
    linear: dict[Fraction, Fraction] = {}   # root of a linear log argument -> residue
    for f, _m in facs:
        k = f.degree()
        if k == 1:
            c1, c0 = f.coeff_monom((1,)), f.coeff_monom((0,))
            c = -Fraction(c0) / Fraction(c1)
            S = gcd(D, A - Dp.mul_scalar(c))
            if S.degree() == 1:
                root = -Fraction(S.coeff_monom((0,))) / Fraction(S.coeff_monom((1,)))
                if root and linear.get(-root) == -c:
                    # c*log(x - r) - c*log(x + r) = -2*c*atanh(x/r) (up to a constant)
                    del linear[-root]
                    out.append(mul(number(-2 * c), atanh(mul(x, number(1 / root)))))
                    continue
                linear[root] = c
                continue
            out.append(mul(number(c), log(_primitive_expr(S))))
        elif k == 2:
            term = _conjugate_pair(f, A, D, Dp, x)
            if term is None:
                return None
            out.append(term)
        else:
            return None
    for root, c in linear.items():
        out.append(mul(number(c), log(_primitive_expr(Poly.from_list([1, -root], x)))))
    return add(*out)


def _conjugate_pair(f: Poly, A: Poly, D: Poly, Dp: Poly, x: Symbol) -> Expr | None:
    """The two roots α ± sqrt(δ) of the quadratic factor f of the resultant, together."""
    from ...algebra.poly import Poly

    a2, a1, a0 = (Fraction(f.coeff_monom((i,))) for i in (2, 1, 0))
    alpha = -a1 / (2 * a2)
    delta = (a1 * a1 - 4 * a2 * a0) / (4 * a2 * a2)
    # gcd(D, A - (alpha + sqrt(delta))*D') over Q(sqrt(delta))
    Dq = _to_q(D)
    Bq = [((a - alpha * d), -d) for a, d in _pad(_coeffs(A), _coeffs(Dp))]
    S = _qgcd(Dq, _trim(Bq), delta)
    if len(S) < 2:
        return None
    S0 = Poly.from_list([float_free(c[0]) for c in reversed(S)], x)
    S1 = Poly.from_list([float_free(c[1]) for c in reversed(S)], x)
    norm = S0 * S0 - S1 * S1 * Poly.constant(delta, (x,))
    out = []
    if alpha:
        out.append(mul(number(alpha), log(_primitive_expr(norm))))
    s0, s1 = S0.as_expr(), S1.as_expr()
    if delta > 0:
        r = sqrt(number(delta))
        # sqrt(δ)*(log(S0 + sqrt(δ) S1) - log(S0 - sqrt(δ) S1)) = 2 sqrt(δ) atanh(...)
        if S1.is_constant:
            arg = mul(s0, power(mul(r, s1), MINUS_ONE))
        else:
            arg = mul(r, s1, power(s0, MINUS_ONE))
        out.append(mul(2, r, atanh(arg)))
    else:
        g = sqrt(number(-delta))
        out.append(mul(g, _log_to_atan(S0, S1, g, x)))
    return add(*out)


def float_free(c: Fraction) -> Fraction:
    return c


def _log_to_atan(A: Poly, B1: Poly, g: Expr, x: Symbol) -> Expr:
    """Rioboo's LogToAtan for B = g*B1: a sum of arctangents f with
    f' = d/dx (i*log((A + iB)/(A - iB))), with polynomial arguments when it can."""
    if B1.is_constant:
        return mul(2, atan(mul(A.as_expr(), power(mul(g, B1.as_expr()), MINUS_ONE))))
    if g.is_Number:
        from ...algebra.poly import Poly

        return _rioboo(A, B1 * Poly.constant(g.value, (x,)), 0)
    return mul(-2, atan(mul(g, B1.as_expr(), power(A.as_expr(), MINUS_ONE))))


def _rioboo(A: Poly, B: Poly, depth: int) -> Expr:
    from ...algebra.gcd import gcdex

    q, r = A.div(B)
    if r.is_zero:
        return mul(2, atan(q.as_expr()))
    if A.degree() < B.degree() or depth > 20:
        if depth > 20:
            return mul(-2, atan(mul(B.as_expr(), power(A.as_expr(), MINUS_ONE))))
        return _rioboo(-B, A, depth + 1)
    D, C, G = gcdex(B, -A)
    num = A * D + B * C
    return add(mul(2, atan(mul(num.as_expr(), power(G.as_expr(), MINUS_ONE)))),
               _rioboo(D, C, depth + 1))


# --------------------------------------------------------------------------- Q(sqrt(δ))
# Polynomials over Q(sqrt(δ)) as lists of coefficient pairs (p, q) = p + q*sqrt(δ),
# lowest degree first: just enough for one Euclidean gcd.

QElt = tuple[Fraction, Fraction]


def _coeffs(p: Poly) -> list[Fraction]:
    n = p.degree() if not p.is_zero else -1
    return [Fraction(p.coeff_monom((i,))) for i in range(n + 1)]


def _pad(a: list[Fraction], b: list[Fraction]) -> list[tuple[Fraction, Fraction]]:
    n = max(len(a), len(b))
    a = a + [Fraction(0)] * (n - len(a))
    b = b + [Fraction(0)] * (n - len(b))
    return list(zip(a, b))


def _to_q(p: Poly) -> list[QElt]:
    return [(c, Fraction(0)) for c in _coeffs(p)]


def _trim(p: list[QElt]) -> list[QElt]:
    while p and p[-1][0] == 0 and p[-1][1] == 0:
        p = p[:-1]
    return p


def _qmul(a: QElt, b: QElt, d: Fraction) -> QElt:
    return (a[0] * b[0] + a[1] * b[1] * d, a[0] * b[1] + a[1] * b[0])


def _qinv(a: QElt, d: Fraction) -> QElt:
    n = a[0] * a[0] - a[1] * a[1] * d
    return (a[0] / n, -a[1] / n)


def _qrem(a: list[QElt], b: list[QElt], d: Fraction) -> list[QElt]:
    a = list(a)
    inv = _qinv(b[-1], d)
    while len(a) >= len(b) and a:
        k = len(a) - len(b)
        c = _qmul(a[-1], inv, d)
        for i, bc in enumerate(b):
            m = _qmul(c, bc, d)
            a[i + k] = (a[i + k][0] - m[0], a[i + k][1] - m[1])
        a = _trim(a)
    return a


def _qgcd(a: list[QElt], b: list[QElt], d: Fraction) -> list[QElt]:
    a, b = _trim(a), _trim(b)
    while b:
        a, b = b, _qrem(a, b, d)
    if not a:
        return a
    inv = _qinv(a[-1], d)
    return [_qmul(c, inv, d) for c in a]


# --------------------------------------------------------------------------- parameters


def parametric_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Partial fractions over Q(parameters): the denominator factored, the numerators of
    the simple fractions found by undetermined coefficients, linear and quadratic
    factors integrated by formula."""
    F = integrate_rational_parametric(e, x, ctx)
    if F is None:
        return None
    return leaf("partial fractions (with parameters)", e, x, F)


def _pdiv(n: list[Expr], d: list[Expr]) -> tuple[list[Expr], list[Expr]]:
    """Polynomial division with expression coefficients (lowest degree first)."""
    from .radicals import _simp

    n = list(n)
    q = [ZERO] * max(len(n) - len(d) + 1, 1)
    inv = power(d[-1], MINUS_ONE)
    while len(n) >= len(d) and any(c is not ZERO for c in n):
        k = len(n) - len(d)
        c = _simp(mul(n[-1], inv))
        q[k] = c
        for i, dc in enumerate(d):
            n[i + k] = _simp(add(n[i + k], mul(MINUS_ONE, c, dc)))
        n.pop()
        while n and n[-1] is ZERO:
            n.pop()
    return q, n


def integrate_rational_parametric(e: Expr, x: Symbol, ctx: Context) -> Expr | None:
    from ...algebra.factor_expr import factor
    from ...algebra.rational import numer_denom, together
    from .radicals import poly_coeffs, solve_linear

    try:
        n, d = numer_denom(together(e))
        d = factor(d)
    except (SymcalcError, ArithmeticError):
        return None
    nc, dc = poly_coeffs(n, x), poly_coeffs(d, x)
    if nc is None or dc is None or len(dc) < 2:
        return None
    factors: list[tuple[Expr, int]] = []
    for f in (d.args if d.is_Mul else (d,)):
        if not _has(f, x):
            continue
        b, k = (f.args if f.is_Pow else (f, number(1)))
        if not (k.is_Number and isinstance(k.value, int) and k.value > 0):
            return None
        bc = poly_coeffs(b, x)
        if bc is None or len(bc) not in (2, 3):
            return None
        factors.append((b, k.value))
    try:
        q, r = _pdiv(nc, dc)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    terms = [mul(c, power(x, number(i + 1)), power(number(i + 1), MINUS_ONE))
             for i, c in enumerate(q) if c is not ZERO]
    if not r:
        return add(*terms)
    # r/d = Σ A/B^j (linear B) + Σ (C*x + D)/B^j (quadratic B)
    unknowns: list[tuple[Expr, int, int]] = []  # (B, j, power of x in the numerator)
    columns = []
    for b, k in factors:
        deg = len(poly_coeffs(b, x)) - 1
        for j in range(1, k + 1):
            cof = mul(d, power(b, number(-j)))
            for p in range(deg):
                unknowns.append((b, j, p))
                columns.append(poly_coeffs(mul(power(x, number(p)), cof), x))
    if any(c is None for c in columns):
        return None
    size = max([len(r)] + [len(c) for c in columns])
    A = [[(c[i] if i < len(c) else ZERO) for c in columns] for i in range(size)]
    rhs = [(r[i] if i < len(r) else ZERO) for i in range(size)]
    z = solve_linear(A, rhs)
    if z is None:
        return None
    groups: dict[tuple[Expr, int], list[Expr]] = {}
    for (b, j, p), c in zip(unknowns, z):
        groups.setdefault((b, j), [ZERO, ZERO])[p] = c
    for (b, j), (c0, c1) in groups.items():
        t = _simple_fraction(c1, c0, b, j, x, ctx)
        if t is None:
            return None
        terms.append(t)
    return add(*terms)


def _simple_fraction(C: Expr, D: Expr, B: Expr, j: int, x: Symbol, ctx: Context) -> Expr | None:
    """∫ (C*x + D)/B^j for B linear or quadratic in x."""
    from .radicals import _simp, poly_coeffs

    bc = poly_coeffs(B, x)
    if len(bc) == 2:
        q, p = bc
        if j == 1:
            return mul(D, power(p, MINUS_ONE), log(B))
        return mul(D, power(mul(p, 1 - j), MINUS_ONE), power(B, number(1 - j)))
    c, b, a = bc
    out = []
    if C is not ZERO:
        # C*x + D = C/(2a)*B' + (D - C*b/(2a))
        k = mul(C, power(mul(2, a), MINUS_ONE))
        out.append(mul(k, log(B)) if j == 1 else
                   mul(k, power(number(1 - j), MINUS_ONE), power(B, number(1 - j))))
        D = _simp(add(D, mul(MINUS_ONE, k, b)))
    if D is not ZERO:
        I = _inverse_quadratic_power(a, b, c, B, j, x, ctx)
        if I is None:
            return None
        out.append(mul(D, I))
    return add(*out)


def _inverse_quadratic_power(a: Expr, b: Expr, c: Expr, B: Expr, j: int, x: Symbol,
                             ctx: Context) -> Expr | None:
    """∫ dx/B^j, B = a*x^2 + b*x + c: the table form for j = 1, then
    ∫ 1/B^j = (2ax + b)/((j-1)Δ B^(j-1)) + 2(2j-3)a/((j-1)Δ) ∫ 1/B^(j-1), Δ = 4ac - b^2."""
    from .radicals import _simp

    if j == 1:
        disc = _simp(add(mul(b, b), mul(-4, a, c)))
        if b is not ZERO and not disc.is_Number:
            # the table's form, valid whatever the sign of b^2 - 4ac (not 0):
            # -2*atanh((2ax + b)/sqrt(b^2 - 4ac))/sqrt(b^2 - 4ac)
            r = sqrt(disc)
            return mul(-2, power(r, MINUS_ONE),
                       atanh(mul(add(mul(2, a, x), b), power(r, MINUS_ONE))))
        y = ctx.dummy(B, x)
        shift = mul(b, power(mul(2, a), MINUS_ONE))
        k = _simp(add(c, mul(MINUS_ONE, b, b, power(mul(4, a), MINUS_ONE))))
        st = ctx.integrate(power(add(k, mul(a, power(y, 2))), MINUS_ONE), y)
        if st is None:
            return None
        from ...core.traversal import subs

        return subs(st.result, {y: add(x, shift)})
    delta = _simp(add(mul(4, a, c), mul(MINUS_ONE, b, b)))
    if delta is ZERO:
        return None
    rest = _inverse_quadratic_power(a, b, c, B, j - 1, x, ctx)
    if rest is None:
        return None
    first = mul(add(mul(2, a, x), b), power(mul(j - 1, delta), MINUS_ONE),
                power(B, number(1 - j)))
    return add(first, mul(2 * (2 * j - 3), a, power(mul(j - 1, delta), MINUS_ONE), rest))


__all__ = ["ext_euclid", "has_power_of_sum", "hermite_reduce", "integrate_rational",
           "integrate_rational_parametric", "is_rational_function", "log_part",
           "parametric_method", "rational_method"]
