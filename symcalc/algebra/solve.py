"""``solve``: the roots of one equation in one unknown.

Polynomials get exact roots where they stay readable (factorization over Q, rational
roots, the quadratic formula, substitutions ``x^k``, Cardano and Ferrari) and certified
numeric roots otherwise (Sturm isolation on the exact coefficients, then bisection and
Newton to full double precision). Rational equations solve their numerator and drop the
zeros of the denominator. When ``x`` sits inside one invertible function (``exp``,
``log``, ``sin``, ``sqrt``, ``sigmoid``, ...) or the equation is a polynomial in
``exp(x)`` or in ``sqrt(u)``, the function is inverted (principal branch; every branch
with ``general=True``). Beyond that: polynomials in ``sin(u)`` and ``cos(u)``
(:mod:`.solve_trig`), several radicals and abs/max/min/piecewise by squaring and by
cases (:mod:`.solve_cases`), x outside and inside an exponential through Lambert's W
(:mod:`.solve_lambert`); inequalities go to :mod:`.inequalities`.

>>> from symcalc import symbols, exp
>>> x = symbols("x")
>>> solve(x**2 - 2*x - 1, x)
[1 - sqrt(2), sqrt(2) + 1]
>>> solve(exp(2*x) - 3*exp(x) + 2, x)
[0, log(2)]
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Callable
from contextvars import ContextVar
from fractions import Fraction
from functools import reduce
from math import gcd as igcd
from math import isqrt, lcm
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.budget import check, operation
from ..core.expand import expand
from ..core.expr import Expr, as_expr
from ..core.functions import (
    acos,
    acosh,
    acot,
    asin,
    asinh,
    atan,
    atanh,
    cbrt,
    cos,
    cosh,
    exp,
    log,
    sin,
    sinh,
    tan,
    tanh,
)
from ..core.gaussian import I
from ..core.numbers import HALF, MINUS_ONE, ONE, ZERO, E, number, pi
from ..core.symbol import Symbol
from ..core.traversal import bottom_up
from ..errors import EvaluationError, LimitError, SymcalcError
from .factor import factor_list, sqf_list
from .factor_expr import factor_poly_list
from .gcd import gcd
from .poly import Poly, PolynomialError
from .rational import cancel, numer_denom

__all__ = ["SolveError", "solve"]


class SolveError(SymcalcError, NotImplementedError):
    """``solve`` cannot answer: the equation has a form it does not handle (``x*exp(x) = 1``,
    a system, an inequality), its solution set is not a finite list (``0 = 0``), or the
    arguments are not an equation and a symbol."""


#: Polynomials of higher degree in the unknown raise LimitError instead of being solved.
MAX_DEGREE = 100
#: A radical formula with more leaves than this gives way to numeric roots.
READABLE = 40
READABLE_DIGITS = 4
#: Nested substitutions (exp(sin(u)) = c, ...) deeper than this raise SolveError.
MAX_DEPTH = 8

Root = tuple[Expr, int]  # (root, multiplicity)


# ====================================================================== public entry


@operation("solve")
def solve(e: Any, x: Any, *, domain: str = "real", multiplicity: bool = False,
          general: bool = False) -> Any:
    """The solutions of the equation ``e`` (an expression meaning ``e = 0``, ``Eq(lhs,
    rhs)``, or text such as ``"x^2 == 2"``) for the symbol ``x``.

    ``domain="real"``: the distinct real roots, ascending. ``domain="complex"``: also the
    non-real ones (written with ``I``), ordered by real then imaginary part. With
    ``multiplicity=True`` the result is a list of ``(root, multiplicity)`` pairs.
    Roots that cannot be written readably are Floats; Float input gives Float output.

    Periodic functions are inverted on their principal branch (``sin(x) = 1/2`` gives
    ``pi/6``). With ``general=True`` every solution is given instead, with an integer
    parameter ``n`` (``Symbol("n", integer=True)``): ``[pi/6 + 2*pi*n, 5*pi/6 + 2*pi*n]``.
    An inequality (``<``, ``<=``, ``>``, ``>=``, ``!=``) gives a
    :class:`~symcalc.algebra.intervals.RealSet`, a union of intervals (see
    :mod:`~symcalc.algebra.inequalities`).

    >>> from symcalc import symbols, Eq, sqrt
    >>> x = symbols("x")
    >>> solve(Eq(x**2, 2), x)
    [-sqrt(2), sqrt(2)]
    >>> solve(x**2 + 2*x + 5, x, domain="complex")
    [-1 - 2*I, -1 + 2*I]
    >>> solve(x**3 - 7*x + 7, x)
    [-3.0489173395223053, 1.3568958678922094, 1.6920214716300959]
    >>> solve((x - 1)**2*(x + 2), x, multiplicity=True)
    [(-2, 1), (1, 2)]
    """
    if domain not in ("real", "complex"):
        raise SolveError(f"unknown domain {domain!r}: use domain='real' or domain='complex'")
    if isinstance(e, (list, tuple, set)) or isinstance(x, (list, tuple)):
        from .systems import solve_system  # systems of equations: a list of dicts

        if multiplicity:
            raise SolveError("multiplicity=True is for one equation in one unknown")
        return solve_system(sorted(e, key=str) if isinstance(e, set) else
                            (e if isinstance(e, (list, tuple)) else [e]), x, domain=domain)
    x = _unknown(x)
    if _is_inequality(e):
        from .inequalities import solve_inequality

        return solve_inequality(as_expr(e), x)
    f = _equation(e)
    token = _GENERAL.set(bool(general))
    try:
        return _solve(f, x, domain, multiplicity)
    finally:
        _GENERAL.reset(token)


def _solve(f: Expr, x: Symbol, domain: str, multiplicity: bool) -> list:
    f, had_floats = _rationalize(f)
    if not f.has(x):
        if f is ZERO:
            raise SolveError(f"every value of {x} solves this equation (it reduces to 0 = 0)")
        return []
    found = _merge(_roots(f, x, domain, 0))
    found = [(r, k) for r, k in found if _allowed_by_assumptions(r, x)]
    if had_floats:
        found = [(_floated(r), k) for r, k in found]
        found = _merge(found)
    found = _sorted(found)
    return found if multiplicity else [r for r, _ in found]


# ====================================================================== input


def _unknown(x: Any) -> Symbol:
    if isinstance(x, str):
        try:
            x = as_expr(x)
        except SymcalcError:
            raise SolveError(f"cannot solve for {x!r}: not a symbol name") from None
    if not isinstance(x, Symbol):
        raise SolveError(f"solve needs a symbol to solve for, got {x!r}; to solve for an "
                         "expression, substitute a new symbol for it first")
    return x


def _is_inequality(e: Any) -> bool:
    if isinstance(e, (list, tuple, set, dict, bool)):
        return False
    try:
        e = as_expr(e)
    except SymcalcError:
        return False
    return e.is_Relational and e.op != "=="


def _equation(e: Any) -> Expr:
    """``lhs - rhs`` for an equation, ``e`` for an expression."""
    if isinstance(e, (list, tuple, set, dict)):
        raise SolveError("solve takes one equation in one unknown; systems of equations "
                         "are not supported")
    if isinstance(e, bool):
        if e:
            raise SolveError("the equation is always true: every value is a solution")
        return ONE
    e = as_expr(e)
    if e.is_Relational:
        if e.op != "==":
            raise SolveError(f"solve handles equations (==), not the relation {e}; "
                             "inequalities are not supported")
        return add(e.lhs, mul(MINUS_ONE, e.rhs))
    if e.is_Boolean:
        if getattr(e, "value", None) is False:
            return ONE  # an equation that never holds: no solutions
        if getattr(e, "value", None) is True:
            raise SolveError("the equation is always true: every value is a solution")
        raise SolveError(f"solve takes one equation, not the condition {e}")
    return e


def _rationalize(e: Expr) -> tuple[Expr, bool]:
    """Floats replaced by the decimal they print as (0.9 -> 9/10), and whether any were."""
    table = {}
    for n in e.preorder():
        if n.is_Number and isinstance(n.value, float):
            if not math.isfinite(n.value):
                raise SolveError(f"cannot solve an equation containing {n}")
            table[n] = number(_norm(Fraction(repr(n.value))))
    return (e.subs(table), True) if table else (e, False)


def _norm(q: Fraction) -> int | Fraction:
    return q.numerator if q.denominator == 1 else q


# ====================================================================== output


def _value(r: Expr) -> complex | None:
    """The numeric value of a root, or None if it has parameters or cannot be evaluated."""
    if r.free_symbols:
        return None
    try:
        v = complex(r.evalf())
    except (SymcalcError, TypeError, ValueError, OverflowError, ZeroDivisionError):
        return None
    return v if cmath.isfinite(v) else None


def _is_rational(r: Expr) -> bool:
    return r.is_Number and not isinstance(r.value, float)


def _merge(roots: list[Root]) -> list[Root]:
    """Equal roots once, multiplicities added (numerically equal ones too, unless both
    are distinct exact rationals)."""
    out: list[list] = []
    for r, k in roots:
        v = _value(r)
        for item in out:
            s = item[0]
            if s is r:
                item[1] += k
                break
            w = item[2]
            if (v is not None and w is not None and not (_is_rational(r) and _is_rational(s))
                    and abs(v - w) <= 1e-13 * max(1.0, abs(v))):
                if r.count_ops() < s.count_ops():
                    item[0] = r
                item[1] += k
                break
        else:
            out.append([r, k, v])
    return [(r, k) for r, k, _ in out]


def _sorted(roots: list[Root]) -> list[Root]:
    keyed = []
    for i, (r, k) in enumerate(roots):
        v = _value(r)
        keyed.append(((0, v.real, v.imag, i) if v is not None else (1, 0.0, 0.0, i), (r, k)))
    keyed.sort(key=lambda t: t[0])
    return [rk for _, rk in keyed]


def _floated(r: Expr) -> Expr:
    v = _value(r)
    if v is None:
        return r
    return _cnum(v)


def _cnum(v: complex | float) -> Expr:
    """A numeric root as an expression: Float, or Float + Float*I."""
    v = complex(v)
    if v.imag == 0:
        return number(v.real)
    if v.real == 0:
        return mul(number(v.imag), I)
    return add(number(v.real), mul(number(v.imag), I))


def _allowed_by_assumptions(r: Expr, x: Symbol) -> bool:
    """Roots that contradict the assumptions on ``x`` (positive, nonnegative, integer)."""
    if not (x.positive or x.nonnegative or x.integer):
        return True
    v = _value(r)
    if v is None:
        return True
    if abs(v.imag) > 1e-12 * max(1.0, abs(v)):
        return False
    if x.positive and not v.real > 0:
        return False
    if x.nonnegative and not v.real >= 0:
        return False
    if x.integer and not (r.is_Number and isinstance(r.value, int)):
        return False
    return True


# ====================================================================== the dispatcher


def _roots(f: Expr, x: Symbol, domain: str, depth: int) -> list[Root]:
    """Roots of ``f = 0`` with multiplicities (unsorted, possibly repeated)."""
    if depth > MAX_DEPTH:
        raise SolveError(f"the equation nests {x} too deeply to invert ({MAX_DEPTH} levels)")
    n, d = numer_denom(f)
    if not n.has(x):
        if n is ZERO:
            raise SolveError(f"every value of {x} solves {f} = 0 where it is defined")
        return []
    if _degree_bound(n) > MAX_DEGREE:
        raise LimitError(f"solve: the equation has degree above solve.MAX_DEGREE = "
                         f"{MAX_DEGREE} in {x} or its other generators")
    try:
        P = Poly.from_expr(n)
    except PolynomialError as err:
        raise SolveError(f"cannot solve {f} = 0: {err}") from None
    den = _den_poly(d, x)
    if P.gens == (x,):  # the common case: a polynomial over Q in x
        found = _poly_roots(P, domain, den)
        return found if den is not None else [(r, k) for r, k in found
                                              if not _is_pole(d, x, r)]
    out: list[Root] = []
    for g, k in factor_poly_list(P)[1]:
        used = [h for i, h in enumerate(g.gens) if g.degree(i) > 0]
        xgens = [h for h in used if h.has(x)]
        if not xgens:
            continue  # a factor free of x: assumed nonzero
        exact_poles = False
        if xgens == [x] and len(used) == 1:
            found = [(r, k * m) for r, m in _poly_roots(_shrink(g, g.gens.index(x)), domain,
                                                        den)]
            exact_poles = den is not None
        elif xgens == [x]:
            found = [(r, k) for r in _param_roots(g, x, domain)]
        else:
            found = [(r, k * m) for r, m in _subst_roots(g.as_expr(), x, xgens, domain,
                                                        depth)]
        out += found if exact_poles else [(r, m) for r, m in found if not _is_pole(d, x, r)]
    return out


def _degree_bound(e: Expr) -> int:
    """An upper bound for the total degree of ``e`` as a polynomial in its generators,
    found without expanding (so ``(x + 1)^1000`` is refused before it is multiplied out)."""
    def visit(node: Expr, kids: tuple) -> int:
        if node.is_Number:
            return 0
        if node.is_Add:
            return max(kids)
        if node.is_Mul:
            return sum(kids)
        if node.is_Pow and node.args[1].is_Number and isinstance(node.args[1].value, int) \
                and node.args[1].value >= 0:
            return kids[0] * node.args[1].value
        return 1
    return bottom_up(e, visit)


def _shrink(p: Poly, i: int) -> Poly:
    return Poly({(m[i],): c for m, c in p.terms.items()}, (p.gens[i],))


def _den_poly(d: Expr, x: Symbol) -> Poly | None:
    """The denominator as a polynomial over Q in x alone, if it is one."""
    if not d.has(x):
        return Poly.constant(1, (x,))
    try:
        return Poly.from_expr(d, [x])
    except (PolynomialError, LimitError):
        return None


def _is_pole(d: Expr, x: Symbol, r: Expr) -> bool:
    """Whether the denominator ``d`` vanishes (or is undefined) at the root ``r``."""
    if not d.has(x):
        return False
    if r.free_symbols:
        try:
            return cancel(expand(d.subs({x: r}))) is ZERO
        except SymcalcError:
            return False
    v = _value(r)
    if v is None:
        return False
    try:
        w = complex(d.evalf({x: v.real if v.imag == 0 else v}))
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError):
        return True
    if not cmath.isfinite(w):
        return True
    return abs(w) <= 1e-10 * max(_scale(d, x, v), 1e-300)


# ====================================================================== polynomials over Q


def _poly_roots(p: Poly, domain: str, den: Poly | None = None) -> list[Root]:
    """The distinct roots of a univariate polynomial over Q (real ones unless complex),
    with multiplicities; irreducible factors that divide ``den`` (poles) are skipped."""
    if p.degree() > MAX_DEGREE:
        raise LimitError(f"solve: degree {p.degree()} is above solve.MAX_DEGREE = {MAX_DEGREE}")
    out: list[Root] = []
    for f, k in factor_list(p)[1]:
        if den is not None and gcd(f, den).degree() > 0:
            continue  # f is irreducible: it divides den, so all its roots are poles
        out += [(r, k) for r in _irreducible_roots(_dense(f), domain)]
    return out


def _dense(p: Poly) -> list[int]:
    """Coefficients of the primitive integral part of ``p``, lowest degree first."""
    q = p.primitive_part()
    return [int(q.coeff_monom((i,))) for i in range(q.degree() + 1)]


def _irreducible_roots(c: list[int], domain: str) -> list[Expr]:
    """Roots of a polynomial irreducible over Q (coefficients lowest first): exact where a
    formula gives a readable result, numeric otherwise."""
    n = len(c) - 1
    if n == 1:
        return [number(_norm(Fraction(-c[0], c[1])))]
    if n == 2:
        re, nonre = _quadratic_q(Fraction(c[2]), Fraction(c[1]), Fraction(c[0]))
        return re + nonre if domain == "complex" else re
    seq = _sturm(c)
    B = _root_bound(c)
    nreal = _variations(seq, -B) - _variations(seq, B)
    reals, nonreals = _exact_roots(c)
    if reals is not None and (len(reals) != nreal or not _readable(reals)):
        reals = None
    if nonreals is not None and (len(nonreals) != n - nreal or not _readable(nonreals)):
        nonreals = None
    if reals is None:
        reals = [number(v) for v in _numeric_real_roots(c, seq, B)]
    if domain != "complex":
        return reals
    if nonreals is None:
        nonreals = [_cnum(z) for z in _numeric_nonreal_roots(c, nreal)]
    return reals + nonreals


def _readable(roots: list[Expr]) -> bool:
    """At most READABLE leaves, and no number with more than READABLE_DIGITS digits."""
    for r in roots:
        if r.count_ops() > READABLE:
            return False
        for n in r.atoms():
            if n.is_Number and isinstance(n.value, (int, Fraction)):
                q = Fraction(n.value)
                if max(abs(q.numerator), q.denominator) >= 10 ** READABLE_DIGITS:
                    return False
    return True


# ---------------------------------------------------------------------- closed forms


def _qsqrt(q: Fraction) -> Fraction | None:
    """The rational square root of ``q >= 0``, or None."""
    a, b = q.numerator, q.denominator
    ra, rb = isqrt(a), isqrt(b)
    return Fraction(ra, rb) if ra * ra == a and rb * rb == b else None


def _quadratic_q(a: Fraction, b: Fraction, c: Fraction) -> tuple[list[Expr], list[Expr]]:
    """Roots of ``a x^2 + b x + c`` (square-free, rational): (real ones, non-real ones)."""
    D = b * b - 4 * a * c
    h = number(_norm(-b / (2 * a)))
    r = mul(number(_norm(Fraction(1, 2) / abs(a))), power(number(_norm(D)), HALF))
    roots = [add(h, mul(MINUS_ONE, r)), add(h, r)]
    return (roots, []) if D > 0 else ([], roots)


def _surd(e: Expr) -> tuple[Fraction, Fraction, int] | None:
    """``e`` as ``p + q*sqrt(m)`` with rational p, q and an integer m > 1, or None."""
    p, q, m = Fraction(0), Fraction(0), 0
    for t in (e.args if e.is_Add else (e,)):
        if t.is_Number:
            if isinstance(t.value, float):
                return None
            p += t.value
            continue
        k, rest = t.as_coeff_mul()
        if isinstance(k, float) or not (rest.is_Pow and rest.args[1] is HALF):
            return None
        base = rest.args[0]
        if not (base.is_Number and isinstance(base.value, int)) or (m and base.value != m):
            return None
        m = base.value
        q += Fraction(k)
    return p, q, m


def _sqrt_pos(e: Expr) -> Expr:
    """``sqrt(e)`` for ``e > 0``, denested when ``e = p + q*sqrt(m)`` allows it:
    ``sqrt(p + q*sqrt(m)) = sqrt((p + r)/2) + sign(q)*sqrt((p - r)/2)``, ``r^2 = p^2 - q^2 m``."""
    s = _surd(e)
    if s is not None and s[1] and s[0] > 0:
        p, q, m = s
        disc = p * p - q * q * m
        r = _qsqrt(disc) if disc >= 0 else None
        if r is not None:
            a = power(number(_norm((p + r) / 2)), HALF)
            b = power(number(_norm((p - r) / 2)), HALF)
            return add(a, b if q > 0 else mul(MINUS_ONE, b))
    return power(e, HALF)


def _sqrt_real(e: Expr) -> Expr:
    """Principal ``sqrt(e)`` of a real exact number: ``I*sqrt(-e)`` when e < 0."""
    v = _value(e)
    if e.is_Number or v is None:
        return power(e, HALF)
    if v.real < 0:
        return mul(I, _sqrt_pos(expand(mul(MINUS_ONE, e))))
    return _sqrt_pos(e)


def _csqrt(alpha: Expr, beta: Expr) -> Expr:
    """Principal square root of ``alpha + beta*i`` (alpha, beta real exact, beta != 0):
    ``sqrt((|z| + alpha)/2) + i*sign(beta)*sqrt((|z| - alpha)/2)``."""
    mod = _sqrt_pos(expand(add(mul(alpha, alpha), mul(beta, beta))))
    re = _sqrt_pos(expand(mul(HALF, add(mod, alpha))))
    im = _sqrt_pos(expand(mul(HALF, add(mod, mul(MINUS_ONE, alpha)))))
    sb = _value(beta)
    sign = MINUS_ONE if sb is not None and sb.real < 0 else ONE
    return add(re, mul(sign, I, im))


def _quadratic_expr(b: Expr, c: Expr) -> list[Expr]:
    """Both roots of the monic ``y^2 + b y + c`` with real exact b, c."""
    h = mul(MINUS_ONE, HALF, b)
    s = _sqrt_real(expand(add(mul(number(Fraction(1, 4)), b, b), mul(MINUS_ONE, c))))
    return [expand(add(h, mul(MINUS_ONE, s))), expand(add(h, s))]


def _exact_roots(c: list[int]) -> tuple[list[Expr] | None, list[Expr] | None]:
    """Exact (real roots, non-real roots) of an irreducible polynomial of degree >= 3;
    either part None where no readable formula applies."""
    n = len(c) - 1
    g = reduce(igcd, [i for i in range(1, n + 1) if c[i]], 0)
    if g > 1:
        return _composite_roots(c, g)
    if n == 3:
        return _cardano(c)
    if n == 4:
        return _ferrari(c)
    return None, None


def _composite_roots(c: list[int], g: int) -> tuple[list[Expr] | None, list[Expr] | None]:
    """Roots of ``q(x^g)``: the roots t of q, then the g-th roots of each t."""
    q = [c[i] for i in range(0, len(c), g)]
    if len(q) == 2:
        ts: list[Expr] | None = [number(_norm(Fraction(-q[0], q[1])))]
        tnon: list[Expr] | None = []
    elif len(q) == 3:
        a, b, cc = Fraction(q[2]), Fraction(q[1]), Fraction(q[0])
        ts, tnon = _quadratic_q(a, b, cc)
        if tnon and g == 2:
            # x^2 = alpha +- beta*i: principal square roots, then their negatives.
            alpha = number(_norm(-b / (2 * a)))
            beta = power(number(_norm(-(b * b - 4 * a * cc) / (4 * a * a))), HALF)
            w1, w2 = _csqrt(alpha, beta), _csqrt(alpha, mul(MINUS_ONE, beta))
            tnon = [w1, w2, expand(mul(MINUS_ONE, w1)), expand(mul(MINUS_ONE, w2))]
            return _gth_roots(ts, g)[0], tnon
        tnon = None if tnon else []
    else:
        ts, tnon = _exact_roots(q)
        tnon = None if tnon is None or tnon else []
    if ts is None:
        return None, None
    reals, nonreals = _gth_roots(ts, g)
    if tnon is None:
        nonreals = None
    return reals, nonreals


def _gth_roots(ts: list[Expr], g: int) -> tuple[list[Expr], list[Expr] | None]:
    """All g-th roots of the real numbers ``ts``: (real ones, non-real ones or None)."""
    reals: list[Expr] = []
    nonreals: list[Expr] | None = []
    for t in ts:
        v = _value(t)
        if v is None:
            return [], None
        neg = v.real < 0
        mag = expand(mul(MINUS_ONE, t)) if neg else t
        if g == 2:
            rho = _sqrt_pos(mag)
        else:
            rho = power(mag, number(Fraction(1, g)))
        if not neg:
            reals += [mul(MINUS_ONE, rho), rho] if g % 2 == 0 else [rho]
        elif g % 2:
            reals.append(mul(MINUS_ONE, rho))
        # the others: rho * exp(i*theta), theta = (2*pi*j + phase)/g, sin(theta) != 0
        if nonreals is not None:
            for j in range(g):
                turn = Fraction(2 * j + (1 if neg else 0), g)  # theta / pi
                if turn.denominator == 1:
                    continue
                cs, sn = cos(mul(number(_norm(turn)), pi)), sin(mul(number(_norm(turn)), pi))
                if any(n.is_Function for n in (cs, sn)):
                    nonreals = None
                    break
                nonreals.append(expand(mul(rho, add(cs, mul(sn, I)))))
    return reals, nonreals


def _cardano(c: list[int]) -> tuple[list[Expr] | None, list[Expr] | None]:
    """Cardano's formula for a cubic with one real root; three real roots (the casus
    irreducibilis, where radicals need complex cube roots) in Viete's trigonometric
    form instead, which stays real (:func:`_trig_cubic`)."""
    a = Fraction(c[3])
    b, cc, d = c[2] / a, c[1] / a, c[0] / a
    # x = t - b/3 gives t^3 + p t + q
    p = cc - b * b / 3
    q = 2 * b ** 3 / 27 - b * cc / 3 + d
    D = (q / 2) ** 2 + (p / 3) ** 3
    if D < 0:
        trig = _trig_cubic(p, q, number(_norm(-b / 3)))
        return (trig, []) if trig is not None else (None, None)
    if D == 0:
        return None, None
    sD = power(number(_norm(D)), HALF)
    A = cbrt(add(number(_norm(-q / 2)), sD))
    Bc = cbrt(add(number(_norm(-q / 2)), mul(MINUS_ONE, sD)))
    shift = number(_norm(-b / 3))
    real = add(A, Bc, shift)
    re = add(mul(number(Fraction(-1, 2)), add(A, Bc)), shift)
    im = mul(number(Fraction(1, 2)), power(number(3), HALF), add(A, mul(MINUS_ONE, Bc)), I)
    return [real], [add(re, mul(MINUS_ONE, im)), add(re, im)]


def _trig_cubic(p: Fraction, q: Fraction, shift: Expr) -> list[Expr] | None:
    """The three real roots of t^3 + p t + q (p < 0, 4p^3 + 27q^2 < 0) plus ``shift``,
    ascending, by Viete: t_k = 2 sqrt(-p/3) cos(acos(3q/(2p) sqrt(-3/p))/3 - 2 pi k/3)
    (x^3 - 3x + 1: 2 cos(2 pi/9), 2 cos(4 pi/9), -2 cos(pi/9)); None unless the
    arccosine is a rational multiple of pi (otherwise numbers or RootOf read better)."""
    m = mul(2, power(number(_norm(-p / 3)), HALF))
    r = mul(number(_norm(3 * q / (2 * p))), power(number(_norm(-3 / p)), HALF))
    angle = acos(r)
    if angle.is_Function:
        return None
    third = mul(number(Fraction(1, 3)), angle)
    roots = [expand(add(mul(m, cos(add(third, mul(number(Fraction(-2 * k, 3)), pi)))), shift))
             for k in range(3)]
    return sorted(roots, key=lambda z: _value(z).real)  # type: ignore[union-attr]


def _ferrari(c: list[int]) -> tuple[list[Expr] | None, list[Expr] | None]:
    """Ferrari's method when the resolvent cubic has a positive rational root m: then
    ``y^4 + p y^2 + q y + r = (y^2 + p/2 + m)^2 - (sqrt(2m) y - q/(2 sqrt(2m)))^2``
    splits into two quadratics over Q(sqrt(2m))."""
    a = Fraction(c[4])
    b, cc, d, e = c[3] / a, c[2] / a, c[1] / a, c[0] / a
    # x = y - b/4
    p = cc - 3 * b * b / 8
    q = d - b * cc / 2 + b ** 3 / 8
    r = e - b * d / 4 + b * b * cc / 16 - 3 * b ** 4 / 256
    shift = number(_norm(-b / 4))
    if q == 0:
        zr, znon = _quadratic_q(Fraction(1), p, r)
        if znon:
            return None, None
        ys = []
        for z in zr:
            s = _sqrt_real(z)
            ys += [expand(mul(MINUS_ONE, s)), s]
    else:
        m = _positive_rational_root([-q * q, 2 * p * p - 8 * r, 8 * p, Fraction(8)])
        if m is None:
            return None, None
        s = power(number(_norm(2 * m)), HALF)
        k = mul(number(_norm(q / (4 * m))), s)  # q / (2 sqrt(2m))
        base = number(_norm(p / 2 + m))
        ys = (_quadratic_expr(mul(MINUS_ONE, s), add(base, k))
              + _quadratic_expr(s, add(base, mul(MINUS_ONE, k))))
    reals, nonreals = [], []
    for y in ys:
        root = expand(add(y, shift))
        v = _value(root)
        if v is None:
            return None, None
        (reals if abs(v.imag) <= 1e-9 * max(1.0, abs(v)) else nonreals).append(root)
    return reals, nonreals


def _positive_rational_root(cs: list[Fraction]) -> Fraction | None:
    """A positive rational root of the polynomial with coefficients ``cs`` (lowest
    first), found as the rational with denominator dividing the leading coefficient
    nearest a certified numeric root, then checked exactly; None if there is none.
    (Cheaper than the rational root theorem when the coefficients are large.)"""
    c = _positive_integral(cs)
    _, parts = sqf_list(Poly.from_list(c[::-1], Symbol("m")))
    for f, _ in parts:
        d = _dense(f)
        if len(d) == 2:
            cands = [Fraction(-d[0], d[1])]
        else:
            seq = _sturm(d)
            cands = [Fraction(v).limit_denominator(abs(d[-1]))
                     for v in _numeric_real_roots(d, seq, _root_bound(d)) if v > 0]
        for m in cands:
            if m > 0 and _sign_at(d, m) == 0:
                return m
    return None


# ---------------------------------------------------------------------- numeric roots
#
# Integer polynomials below are lists of ints, lowest degree first.


def _hval(c: list[int], num: int, den: int) -> int:
    """``den^n * c(num/den)`` as an exact integer (den > 0, so it has the sign of c(num/den))."""
    h = c[-1]
    dp = 1
    for a in reversed(c[:-1]):
        dp *= den
        h = h * num + a * dp
    return h


def _sign_at(c: list[int], q: Fraction) -> int:
    h = _hval(c, q.numerator, q.denominator)
    return (h > 0) - (h < 0)


def _rem(a: list, b: list) -> list[Fraction]:
    r = [Fraction(v) for v in a]
    db = len(b) - 1
    lb = Fraction(b[-1])
    while r and len(r) - 1 >= db:
        f = r[-1] / lb
        k = len(r) - 1 - db
        for i, v in enumerate(b):
            r[i + k] -= f * v
        r.pop()
        while r and r[-1] == 0:
            r.pop()
    return r


def _positive_integral(r: list[Fraction]) -> list[int]:
    """``r`` times a positive rational: integral with coprime coefficients."""
    L = reduce(lcm, (v.denominator for v in r), 1)
    ints = [int(v * L) for v in r]
    g = reduce(igcd, ints, 0)
    return [v // g for v in ints]


def _sturm(c: list[int]) -> list[list[int]]:
    """The Sturm sequence f, f', -rem(f, f'), ... (each scaled by a positive number)."""
    seq = [c, [i * c[i] for i in range(1, len(c))]]
    while len(seq[-1]) > 1:
        r = _rem(seq[-2], seq[-1])
        if not r:
            break
        seq.append([-v for v in _positive_integral(r)])
    return seq


def _variations(seq: list[list[int]], q: Fraction) -> int:
    signs = [s for s in (_sign_at(p, q) for p in seq) if s]
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


def _root_bound(c: list[int]) -> Fraction:
    """A power of two above |root| for every root (Cauchy: 1 + max|c_i/c_n|)."""
    m = max(abs(v) for v in c[:-1])
    return Fraction(2 ** ((m // abs(c[-1]) + 2).bit_length()))


def _isolate(c: list[int], seq: list[list[int]], B: Fraction) -> list[tuple[Fraction, Fraction]]:
    """Disjoint intervals (a, b], each holding exactly one real root, c(a), c(b) != 0."""
    out = []
    stack = [(-B, B, _variations(seq, -B), _variations(seq, B))]
    steps = 0
    while stack:
        a, b, va, vb = stack.pop()
        k = va - vb
        if k <= 0:
            continue
        if k == 1:
            out.append((a, b))
            continue
        steps += 1
        check()
        if steps > 20000:
            raise LimitError("solve: real root isolation did not finish (roots too close)")
        for t in (Fraction(1, 2), Fraction(3, 7), Fraction(4, 7), Fraction(5, 11)):
            m = a + (b - a) * t
            if _sign_at(c, m):
                break
        vm = _variations(seq, m)
        stack += [(m, b, vm, vb), (a, m, va, vm)]
    return out


def _numeric_real_roots(c: list[int], seq: list[list[int]], B: Fraction) -> list[float]:
    """The real roots of a square-free integer polynomial, each a double next to the root."""
    try:
        fc: list[float] | None = [float(v) for v in c]
    except OverflowError:
        fc = None
    return sorted(_refine(c, fc, a, b) for a, b in _isolate(c, seq, B))


def _horner(fc: list, z: Any) -> tuple[Any, Any]:
    p = dp = 0
    for a in reversed(fc):
        dp = dp * z + p
        p = p * z + a
    return p, dp


def _refine(c: list[int], fc: list[float] | None, a: Fraction, b: Fraction) -> float:
    """The double nearest the single root in (a, b): Newton in floats for speed, checked
    and finished by exact bisection until the endpoints are adjacent doubles."""
    sa = _sign_at(c, a)
    if fc is not None:
        lo, hi = float(a), float(b)
        z = (lo + hi) / 2
        for _ in range(60):
            try:
                p, dp = _horner(fc, z)
                zn = z - p / dp
            except (ZeroDivisionError, OverflowError):
                break
            if not (lo < zn < hi) or zn == z:
                break
            z = zn
        if lo < z < hi and math.isfinite(z):
            s = _sign_at(c, Fraction(z))
            if s == 0:
                return z
            # walk away from z in growing steps until the sign changes
            step = math.ulp(z)
            direction = 1.0 if s == sa else -1.0
            inner = z
            for _ in range(120):
                o = z + direction * step
                if not (lo < o < hi):
                    break
                so = _sign_at(c, Fraction(o))
                if so == 0:
                    return o
                if so != s:
                    a, b = sorted((Fraction(inner), Fraction(o)))
                    break
                inner = o
                step *= 4
    for _ in range(5000):
        fa, fb = float(a), float(b)
        if fb <= math.nextafter(fa, math.inf):
            break
        m = (a + b) / 2
        s = _sign_at(c, m)
        if s == 0:
            return float(m)
        if s == sa:
            a = m
        else:
            b = m
    # The root rounds to fa or fb: to the one on its side of their midpoint.
    fa, fb = float(a), float(b)
    if fa == fb:
        return fa
    m = (Fraction(fa) + Fraction(fb)) / 2
    if m <= a:
        return fb
    if m >= b:
        return fa
    return fb if _sign_at(c, m) == sa else fa


def _numeric_nonreal_roots(c: list[int], nreal: int) -> list[complex]:
    """The non-real roots (conjugate pairs) of a square-free integer polynomial with
    ``nreal`` real roots: Aberth-Ehrlich iteration, then Newton polishing."""
    n = len(c) - 1
    k = (n - nreal) // 2
    if k == 0:
        return []
    try:
        fc = [v / c[-1] for v in c]
    except OverflowError:
        raise SolveError("coefficients out of floating-point range for numeric roots") from None
    radius = max(abs(fc[i]) ** (1.0 / (n - i)) for i in range(n)) or 1.0
    z = [radius * cmath.exp(1j * (2 * math.pi * j / n + 0.4)) for j in range(n)]
    for _ in range(500):
        worst = 0.0
        for i in range(n):
            p, dp = _horner(fc, z[i])
            if p == 0:
                continue
            s = sum(1 / (z[i] - z[j]) for j in range(n) if j != i and z[i] != z[j])
            ratio = p / dp if dp != 0 else 1e-3
            w = ratio / (1 - ratio * s)
            z[i] -= w
            worst = max(worst, abs(w) / max(1.0, abs(z[i])))
        if worst < 1e-15:
            break
    upper = sorted(z, key=lambda v: -abs(v.imag))[:2 * k]
    upper = sorted(upper, key=lambda v: -v.imag)[:k]
    out = []
    for w in upper:
        w = complex(w.real, abs(w.imag))
        for _ in range(3):
            p, dp = _horner(fc, w)
            if dp == 0:
                break
            wn = w - p / dp
            if not cmath.isfinite(wn) or abs(wn - w) > 1e-6 * max(1.0, abs(w)):
                break
            w = wn
        out += [w, w.conjugate()]
    return out


# ====================================================================== symbolic coefficients


def _param_roots(g: Poly, x: Symbol, domain: str) -> list[Expr]:
    """Roots of a polynomial in x whose coefficients involve parameters or constants
    such as pi: formulas up to degree 2, numeric roots for constant coefficients."""
    i = g.gens.index(x)
    deg = g.degree(i)
    cs = [g.coeff_in(i, k).as_expr() for k in range(deg + 1)]
    symbolic = any(cf.free_symbols for cf in cs)
    if deg == 1:
        roots = [cancel(mul(MINUS_ONE, cs[0], power(cs[1], MINUS_ONE)))]
    elif deg == 2:
        a, b, c = cs[2], cs[1], cs[0]
        if b is ZERO:
            s = _sqrt_any(cancel(mul(MINUS_ONE, c, power(a, MINUS_ONE))))
            roots = [mul(MINUS_ONE, s), s]
        else:
            disc = expand(add(mul(b, b), mul(number(-4), a, c)))
            s = _sqrt_any(disc)
            inv = power(mul(number(2), a), MINUS_ONE)
            roots = [mul(add(mul(MINUS_ONE, b), mul(MINUS_ONE, s)), inv),
                     mul(add(mul(MINUS_ONE, b), s), inv)]
            if not symbolic:
                roots = [expand(r) for r in roots]
    elif symbolic:
        raise SolveError(f"cannot solve a polynomial of degree {deg} in {x} with symbolic "
                         "coefficients; only degrees 1 and 2 have formulas here")
    else:
        return _numeric_float_poly(cs, domain)
    if domain == "real":
        roots = [r for r in roots if _maybe_real(r)]
    return roots


def _sqrt_any(e: Expr) -> Expr:
    if e.free_symbols:
        return power(e, HALF)
    return _sqrt_real(e)


def _maybe_real(r: Expr) -> bool:
    v = _value(r)
    return v is None or abs(v.imag) <= 1e-12 * max(1.0, abs(v))


def _numeric_float_poly(cs: list[Expr], domain: str) -> list[Expr]:
    """Numeric roots of a polynomial with constant, non-rational coefficients (pi, E,
    sqrt(2), ...): the coefficients are rounded to doubles, then solved exactly."""
    try:
        vals = [complex(cf.evalf()) for cf in cs]
    except (SymcalcError, TypeError) as err:
        raise SolveError(f"cannot evaluate the coefficients numerically: {err}") from None
    if any(v.imag for v in vals) or not all(cmath.isfinite(v) for v in vals):
        raise SolveError("the coefficients are not finite real numbers")
    x = Symbol("x")
    p = Poly({(k,): Fraction(v.real) for k, v in enumerate(vals)}, (x,))
    out: list[Expr] = []
    for f, _ in sqf_list(p)[1]:
        c = _dense(f)
        if len(c) == 2:
            out.append(number(float(Fraction(-c[0], c[1]))))
            continue
        seq = _sturm(c)
        B = _root_bound(c)
        out += [number(v) for v in _numeric_real_roots(c, seq, B)]
        if domain == "complex":
            nreal = _variations(seq, -B) - _variations(seq, B)
            out += [_cnum(z) for z in _numeric_nonreal_roots(c, nreal)]
    return out


# ====================================================================== substitutions


def _linear(u: Expr, x: Symbol) -> tuple[Fraction, Expr] | None:
    """``(a, b)`` with ``u = a*x + b``, a rational and nonzero, b free of x; else None."""
    try:
        p = Poly.from_expr(u)
    except (PolynomialError, LimitError):
        return None
    if x not in p.gens:
        return None
    i = p.gens.index(x)
    if p.degree(i) != 1:
        return None
    a = p.coeff_in(i, 1)
    if not a.is_constant:
        return None
    b = p.coeff_in(i, 0).as_expr()
    if b.has(x):
        return None
    return Fraction(a.leading_coeff()), b


def _exp_part(h: Expr, x: Symbol) -> tuple[Expr, Fraction, Expr] | None:
    """``(B, a, b)`` when ``h = B^(a*x + b)`` (B = E for exp) with B free of x."""
    if h.is_Function and h.fdef.name == "exp":
        base, arg = E, h.args[0]
    elif h.is_Pow and not h.args[0].has(x):
        base, arg = h.args
    else:
        return None
    lin = _linear(arg, x)
    if lin is None:
        return None
    a, b = lin
    if _is_rational(base) and base.value > 0:
        # 4^x = 2^(2*x): perfect powers share the smallest base
        root, k = _perfect_power(Fraction(base.value))
        if k > 1:
            return number(_norm(root)), a * k, expand(mul(number(k), b))
    return base, a, b


def _perfect_power(q: Fraction) -> tuple[Fraction, int]:
    """``(r, k)`` with ``q = r^k`` and k as large as possible (q > 0 rational)."""
    n, d = q.numerator, q.denominator
    for k in range(max(n, d).bit_length(), 1, -1):
        rn, rd = _iroot(n, k), _iroot(d, k)
        if rn ** k == n and rd ** k == d:
            return Fraction(rn, rd), k
    return q, 1


def _iroot(n: int, k: int) -> int:
    """The integer k-th root of n >= 0, rounded down (Newton's method on integers)."""
    if n < 2:
        return n
    r = 1 << -(-n.bit_length() // k)
    while True:
        s = ((k - 1) * r + n // r ** (k - 1)) // k
        if s >= r:
            return r
        r = s


def _dummy(*es: Expr) -> Symbol:
    names = {s.name for e in es for s in e.free_symbols}
    name = "_t"
    while name in names:
        name += "_"
    return Symbol(name)


def _subst_roots(g: Expr, x: Symbol, xgens: list[Expr], domain: str,
                 depth: int) -> list[Root]:
    """Roots of a factor in which x occurs inside other generators: a polynomial in
    ``B^(c*x)`` (exp family), in ``u^(1/L)`` (root family), or in one invertible ``F(u)``."""
    t = _dummy(g)
    others = [h for h in xgens if h is not x]
    exps = [_exp_part(h, x) for h in others]
    if x not in xgens and all(ep is not None for ep in exps) and len({ep[0] for ep in exps}) == 1:
        cands = _exp_family(g, x, t, others, exps, domain, depth)
    elif all(h.is_Pow and h.args[1].is_Number and not h.args[1].has(x) for h in others) \
            and len({h.args[0] for h in others}) == 1 \
            and all(isinstance(h.args[1].value, Fraction) for h in others):
        cands = _root_family(g, x, t, xgens, others, domain, depth)
    elif len(xgens) == 1 and _inverse_of(xgens[0], x) is not None:
        cands = _function_family(g, x, t, xgens[0], domain, depth)
    elif (cands := _sin_cos(g, x, xgens, domain, depth)) is not None:
        pass  # polynomial in sin(u) and cos(u): t = tan(u/2)
    elif (cands := _logs(g, x, xgens, domain, depth)) is not None:
        pass  # log(x) + log(x - 1) = log(6): one log, then the domain u_i > 0
    elif (cands := _by_cases(g, x, domain, depth)) is not None:
        pass  # abs, max, min, piecewise by cases; several radicals squared away
    elif (cands := _lambert(g, x, xgens, domain)) is not None:
        pass  # x*exp(x) = 1 and the like, through Lambert's W
    else:
        shown = ", ".join(str(h) for h in xgens)
        where = (f"in several independent forms ({shown})" if len(xgens) > 1
                 else f"inside {shown}, which solve cannot invert")
        raise SolveError(f"cannot isolate {x} in {g} = 0: it occurs {where}; solve handles "
                         f"polynomials and one invertible function of {x}")
    return [(r, k) for r, k in cands if _verified(g, x, r, domain)]


def _sin_cos(g: Expr, x: Symbol, xgens: list[Expr], domain: str,
             depth: int) -> list[Root] | None:
    from .solve_trig import sin_cos_roots

    return sin_cos_roots(g, x, xgens, domain, lambda h, v: _roots(h, v, domain, depth + 1),
                         _GENERAL.get(), PERIOD_PARAMETER)


def _logs(g: Expr, x: Symbol, xgens: list[Expr], domain: str, depth: int) -> list[Root] | None:
    from .solve_logs import log_roots

    return log_roots(g, x, xgens, domain, lambda h: _roots(h, x, domain, depth + 1))


def _by_cases(g: Expr, x: Symbol, domain: str, depth: int) -> list[Root] | None:
    from .solve_cases import case_roots

    return case_roots(g, x, domain, lambda h: _roots(h, x, domain, depth + 1))


def _lambert(g: Expr, x: Symbol, xgens: list[Expr], domain: str) -> list[Root] | None:
    from .solve_lambert import lambert_roots

    return lambert_roots(g, x, xgens, domain)


def _exp_family(g: Expr, x: Symbol, t: Symbol, hs: list[Expr], parts: list, domain: str,
                depth: int) -> list[Root]:
    """A polynomial in ``B^(a_i*(x + c) + b_i)``: with G = gcd(a_i) and ``t = B^(G*(x + c))``
    each term is ``B^b_i * t^(a_i/G)``; solve for t > 0, then ``x = log(t)/(G*log(B)) - c``.
    The shift c is the common ``b_i/a_i`` if there is one (exp(2x + 1) = 3 gives
    x = (log(3) - 1)/2, not log(3/E)/2), else 0."""
    base = parts[0][0]
    G = Fraction(reduce(igcd, [a.numerator for _, a, _ in parts], 0),
                 reduce(lcm, [a.denominator for _, a, _ in parts], 1))
    c = mul(parts[0][2], number(_norm(1 / parts[0][1])))
    if any(expand(add(b, mul(MINUS_ONE, number(_norm(a)), c))) is not ZERO
           for _, a, b in parts):
        c = ZERO
    table = {}
    for h, (_, a, b) in zip(hs, parts):
        rest = expand(add(b, mul(MINUS_ONE, number(_norm(a)), c)))
        table[h] = mul(power(base, rest), power(t, number(_norm(a / G))))
    gt = g.subs(table)
    if gt.has(x):
        raise SolveError(f"cannot isolate {x} in {g} = 0: {x} occurs outside the exponentials")
    out = []
    for tv, k in _roots(gt, t, domain, depth + 1):
        v = _value(tv)
        if v is not None and (v == 0 or (domain == "real" and not v.real > 0)):
            continue
        root = add(mul(_log_ratio(tv, base), number(_norm(1 / G))), mul(MINUS_ONE, c))
        out.append((root, k))
    return out


def _log_ratio(t: Expr, base: Expr) -> Expr:
    """``log(t)/log(base)``, exact when t is a rational power of a rational base."""
    if base is E:
        return log(t)
    if _is_rational(t) and _is_rational(base) and t.value > 0 and base.value > 0:
        k = Fraction(math.log(t.value) / math.log(base.value)).limit_denominator(1000)
        if power(base, number(_norm(k))) is t:
            return number(_norm(k))
    return mul(log(t), power(log(base), MINUS_ONE))


def _root_family(g: Expr, x: Symbol, t: Symbol, xgens: list[Expr], hs: list[Expr],
                 domain: str, depth: int) -> list[Root]:
    """A polynomial in ``u^(p_i/q_i)`` (and x, if u is linear): with L = lcm(q_i) and
    ``t = u^(1/L) >= 0`` solve for t, then solve ``u = t^L`` for x."""
    u = hs[0].args[0]
    L = reduce(lcm, [h.args[1].value.denominator for h in hs], 1)
    table = {h: power(t, number(_norm(h.args[1].value * L))) for h in hs}
    if x in xgens:
        lin = _linear(u, x)
        if lin is None:
            raise SolveError(f"cannot isolate {x} in {g} = 0: {x} occurs both alone and "
                             f"under the root {hs[0]}")
        a, b = lin
        table[x] = mul(add(power(t, number(L)), mul(MINUS_ONE, b)), number(_norm(1 / a)))
    gt = g.subs(table)
    if gt.has(x):
        raise SolveError(f"cannot isolate {x} in {g} = 0")
    out = []
    for tv, k in _roots(gt, t, domain, depth + 1):
        v = _value(tv)
        if v is not None and domain == "real" and not v.real >= 0:
            continue
        inner = add(u, mul(MINUS_ONE, expand(power(tv, number(L)))))
        out += [(r, k * m) for r, m in _roots(inner, x, domain, depth + 1)]
    return out


def _function_family(g: Expr, x: Symbol, t: Symbol, h: Expr, domain: str,
                     depth: int) -> list[Root]:
    """A polynomial in one invertible ``F(u)``: solve for ``y = F(u)``, keep the y in
    the range of F, then solve ``u = F^-1(y)`` for every principal branch."""
    u, inverse, rng = _inverse_of(h, x)
    gt = g.subs({h: t})
    if gt.has(x):
        raise SolveError(f"cannot isolate {x} in {g} = 0: {x} occurs outside {h}")
    out = []
    if _GENERAL.get() and h.is_Function and h.fdef.name in _GENERAL_INVERSES:
        inverse = _GENERAL_INVERSES[h.fdef.name]
    for y, k in _roots(gt, t, domain, depth + 1):
        if not _in_range(y, rng, domain):
            continue
        for w in inverse(y):
            out += [(r, k * m) for r, m in _roots(add(u, mul(MINUS_ONE, w)), x, domain,
                                                  depth + 1)]
    return out


def _in_range(y: Expr, rng: tuple, domain: str) -> bool:
    v = _value(y)
    if v is None:
        return True  # parameters: the condition is assumed to hold
    if domain == "complex":
        return True
    if abs(v.imag) > 1e-12 * max(1.0, abs(v)):
        return False
    lo, hi, lo_open, hi_open = rng
    w = v.real
    return (w > lo if lo_open else w >= lo) and (w < hi if hi_open else w <= hi)


_ALL = (-math.inf, math.inf, True, True)
_HALF_PI = math.pi / 2


def _branches_pm(fn: Callable[[Expr], Expr]) -> Callable[[Expr], list[Expr]]:
    return lambda y: [mul(MINUS_ONE, fn(y)), fn(y)]


#: y = F(u) -> the principal solutions u, and the real values F takes (lo, hi, open, open).
_INVERSES: dict[str, tuple[Callable[[Expr], list[Expr]], tuple]] = {
    "exp": (lambda y: [log(y)], (0.0, math.inf, True, True)),
    "log": (lambda y: [exp(y)], _ALL),
    "sin": (lambda y: [asin(y)], (-1.0, 1.0, False, False)),
    "cos": (lambda y: [acos(y)], (-1.0, 1.0, False, False)),
    "tan": (lambda y: [atan(y)], _ALL),
    "cot": (lambda y: [acot(y)], _ALL),
    "sinh": (lambda y: [asinh(y)], _ALL),
    "cosh": (_branches_pm(acosh), (1.0, math.inf, False, True)),
    "tanh": (lambda y: [atanh(y)], (-1.0, 1.0, True, True)),
    "asin": (lambda y: [sin(y)], (-_HALF_PI, _HALF_PI, False, False)),
    "acos": (lambda y: [cos(y)], (0.0, math.pi, False, False)),
    "atan": (lambda y: [tan(y)], (-_HALF_PI, _HALF_PI, True, True)),
    "asinh": (lambda y: [sinh(y)], _ALL),
    "acosh": (lambda y: [cosh(y)], (0.0, math.inf, False, True)),
    "atanh": (lambda y: [tanh(y)], _ALL),
    "sigmoid": (lambda y: [log(cancel(y / (1 - y)))], (0.0, 1.0, True, True)),
    "softplus": (lambda y: [log(add(exp(y), MINUS_ONE))], (0.0, math.inf, True, True)),
    "cbrt": (lambda y: [power(y, number(3))], _ALL),
    "abs": (lambda y: [mul(MINUS_ONE, y), y], (0.0, math.inf, False, True)),
    "relu": (lambda y: [y], (0.0, math.inf, True, True)),  # relu(u) = 0 is not a finite set
}


#: solve(..., general=True): the integer parameter of periodic solutions.
PERIOD_PARAMETER = Symbol("n", integer=True)
_GENERAL: ContextVar[bool] = ContextVar("solve_general", default=False)


def _distinct(ws: list[Expr]) -> list[Expr]:
    out: list[Expr] = []
    for w in ws:
        if w not in out:
            out.append(w)
    return out


def _general_sin(y: Expr) -> list[Expr]:
    a, turn = asin(y), mul(2, pi, PERIOD_PARAMETER)
    return _distinct([add(a, turn), add(pi, mul(MINUS_ONE, a), turn)])


def _general_cos(y: Expr) -> list[Expr]:
    a, turn = acos(y), mul(2, pi, PERIOD_PARAMETER)
    if a is ZERO or a is pi:
        return [add(a, turn)]
    return [add(a, turn), add(mul(MINUS_ONE, a), turn)]


#: y = F(u) -> every solution u, with the integer parameter n (solve(general=True)).
_GENERAL_INVERSES: dict[str, Callable[[Expr], list[Expr]]] = {
    "sin": _general_sin,
    "cos": _general_cos,
    "tan": lambda y: [add(atan(y), mul(pi, PERIOD_PARAMETER))],
    "cot": lambda y: [add(acot(y), mul(pi, PERIOD_PARAMETER))],
}


def _inverse_of(h: Expr, x: Symbol) -> tuple[Expr, Callable[[Expr], list[Expr]], tuple] | None:
    """``(u, inverse, range)`` when ``h = F(u)`` for an invertible F of the table, or
    ``h = B^u`` with a constant positive base B."""
    if h.is_Function and len(h.args) == 1 and h.fdef.name in _INVERSES:
        inverse, rng = _INVERSES[h.fdef.name]
        return h.args[0], inverse, rng
    if h.is_Pow and not h.args[0].has(x):
        base = h.args[0]
        v = _value(base)
        if v is None or v.imag or not v.real > 0 or base is ONE:
            return None
        return h.args[1], _PowInverse(base), (0.0, math.inf, True, True)
    return None


class _PowInverse:
    """The inverse of ``y = B^u``: ``u = log(y)/log(B)``."""

    __slots__ = ("base",)

    def __init__(self, base: Expr) -> None:
        self.base = base

    def __call__(self, y: Expr) -> list[Expr]:
        return [_log_ratio(y, self.base)]


def _verified(g: Expr, x: Symbol, r: Expr, domain: str) -> bool:
    """Whether ``g(r) = 0`` numerically (relative to the size of g's terms) and, in the
    real domain, r is real. Roots with parameters pass unchecked."""
    if r.free_symbols:
        return True
    v = _value(r)
    if v is None:
        return False
    if domain == "real" and abs(v.imag) > 1e-12 * max(1.0, abs(v)):
        return False
    at = v.real if v.imag == 0 or domain == "real" else v
    try:
        res = complex(g.evalf({x: at}))
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError):
        return False
    if not cmath.isfinite(res):
        return False
    if abs(res) <= 1e-8 * max(_scale(g, x, at), 1e-300):
        return True
    # Rounding in the root moves g by about |g'(r)|*|r|*eps: compare with g's variation.
    h = 1e-6 * max(1.0, abs(at))
    try:
        var = abs(complex(g.evalf({x: at + h})) - complex(g.evalf({x: at - h})))
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError):
        return False
    return abs(res) <= 1e-8 * var


def _scale(e: Expr, x: Symbol, at: complex | float) -> float:
    """The size of the terms of ``e`` at ``x = at``: what rounding errors are relative to."""
    if e.is_Add:
        return sum(_scale(a, x, at) for a in e.args)
    if e.is_Mul:
        return math.prod(_scale(a, x, at) for a in e.args)
    try:
        return abs(complex(e.evalf({x: at})))
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, EvaluationError):
        return math.inf
