"""Square roots of quadratics: ∫ T(x) / (x^r * Q^j * sqrt(Q)) dx, Q = a*x^2 + b*x + c.

The algebraic part is found by undetermined coefficients (Ostrogradsky's method for
sqrt(Q)): ∫ = V(x)*sqrt(Q)/(x^ρ*Q^j) + λ*∫ dx/sqrt(Q) + μ*∫ dx/(x*sqrt(Q)), with
ρ = max(r - 1, 0) and V a polynomial; differentiating and clearing denominators gives
a linear system for the coefficients of V and for λ, μ. The two remaining integrals
are the table forms asin / asinh / log (after completing the square) and, for μ, an
atanh or atan of (2c + b*x)/(2*sqrt(c)*sqrt(Q)). A rational factor 1/(p*x + q)^r is
moved to 1/y^r by y = p*x + q first. This gives the textbook answers of the
trigonometric substitutions x = a*sin θ, a*tan θ, a*sec θ without going through θ.

>>> from symcalc import symbols, sqrt
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(sqrt(1 - x**2), x)
x*sqrt(1 - x^2)/2 + asin(x)/2
>>> integrate(1/(x**2*sqrt(x**2 + 4)), x)
-sqrt(x^2 + 4)/(4*x)
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.functions import atan, atanh, sqrt
from ...core.numbers import MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import LimitError, SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _d(e: Expr, x: Symbol) -> Expr:
    from ..diff import diff

    return diff(e, x)


def poly_coeffs(e: Expr, x: Symbol) -> list[Expr] | None:
    """Coefficients (lowest degree first, expressions free of x) of a polynomial in x."""
    try:
        e = expand(e)
    except SymcalcError:
        return None
    out: dict[int, list[Expr]] = {}
    for t in (e.args if e.is_Add else (e,)):
        k = 0
        rest = []
        for f in (t.args if t.is_Mul else (t,)):
            if f is x:
                k += 1
            elif f.is_Pow and f.args[0] is x and f.args[1].is_Number \
                    and isinstance(f.args[1].value, int) and f.args[1].value > 0:
                k += f.args[1].value
            elif _has(f, x):
                return None
            else:
                rest.append(f)
        out.setdefault(k, []).append(mul(*rest))
    if not out:
        return [ZERO]
    n = max(out)
    if n > 1000:  # a dense list that long serves no radical method (z^284925109: a hang)
        return None
    return [add(*out.get(i, [ZERO])) for i in range(n + 1)]


def _from_coeffs(cs: list[Expr], x: Symbol) -> Expr:
    return add(*(mul(c, power(x, number(i))) for i, c in enumerate(cs)))


def _simp(e: Expr) -> Expr:
    if e.is_Number:
        return e
    try:
        from ...algebra.rational import cancel

        return cancel(e)
    except (SymcalcError, ArithmeticError):
        return e


def solve_linear(A: list[list[Expr]], b: list[Expr]) -> list[Expr] | None:
    """A solution of the (possibly overdetermined, consistent) system A z = b, or None.

    Where every entry is a rational function of symbols with rational coefficients,
    the elimination runs on polynomials (:func:`_solve_fraction_free`); else, or where
    that path cannot finish, on expressions with ``cancel`` after each step. Both pick
    the same pivots and give the same, cancelled solution."""
    from .engine import Timeout

    try:
        z = _solve_fraction_free(A, b)
    except (Timeout, LimitError):
        raise   # past the deadline: no second attempt
    except (SymcalcError, ArithmeticError):
        z = _NO_PATH
    if z is not _NO_PATH:
        return z
    rows = [list(r) + [v] for r, v in zip(A, b)]
    n = len(A[0]) if A else 0
    piv_cols = []
    r = 0
    for col in range(n):
        p = None
        for i in range(r, len(rows)):
            if rows[i][col] is not ZERO:
                p = i
                break
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        inv = power(rows[r][col], MINUS_ONE)
        rows[r] = [_simp(mul(v, inv)) for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] is not ZERO:
                f = rows[i][col]
                rows[i] = [_simp(add(v, mul(MINUS_ONE, f, w))) for v, w in zip(rows[i], rows[r])]
        piv_cols.append(col)
        r += 1
        if r == len(rows):
            break
    for i in range(r, len(rows)):
        if rows[i][-1] is not ZERO:
            return None
    z = [ZERO] * n
    for i, col in enumerate(piv_cols):
        z[col] = rows[i][-1]
    return z


_NO_PATH = object()
#: The fraction-free path gives up when an entry grows past this many terms.
_MAX_TERMS = 150


def _poly_rows(A: list[list[Expr]], b: list[Expr]) -> list[list[Any]] | None:
    """The rows [A | b] as polynomials over Q in the symbols of the entries, each row
    multiplied by the lcm of its denominators; None where an entry has another
    generator (sqrt(c), exp(x): relations a polynomial does not know) or a float."""
    from ...algebra.gcd import lcm
    from ...algebra.poly import Poly
    from ...algebra.rational import _gens_of, numer_denom

    pairs = [[numer_denom(e) for e in (*r, v)] for r, v in zip(A, b)]
    gens = _gens_of(*(t for row in pairs for nd in row for t in nd))
    if not all(g.is_Symbol for g in gens):
        return None
    rows = []
    for row in pairs:
        ps = [(Poly.from_expr(n, gens), Poly.from_expr(d, gens)) for n, d in row]
        for n, d in ps:
            for c in (*n._terms.values(), *d._terms.values()):
                if not isinstance(c, (int, Fraction)):
                    return None
        L = ps[0][1]
        for _, d in ps[1:]:
            if d != L:
                L = lcm(L, d)
        row = [n * L.exquo(d) for n, d in ps]
        rows.append(_primitive_row(row))
    return rows


def _primitive_row(row: list[Any]) -> list[Any]:
    """The row divided by the gcd of its entries (a common factor of a row would be
    carried into every minor)."""
    from ...algebra.gcd import gcd

    if any(len(v._terms) > 12 for v in row):
        return row   # a gcd of large polynomials can cost more than it saves
    g = None
    for v in row:
        if v.is_zero:
            continue
        g = v if g is None else gcd(g, v)
        if g.is_constant:
            return row
    if g is None:
        return row
    return [v if v.is_zero else v.exquo(g) for v in row]


def _hard(A: list[list[Expr]], b: list[Expr]) -> bool:
    """Whether cancelling expressions after each step would be slow: an entry is a sum
    or the entries hold three symbols or more (numbers and monomials in one or two
    symbols are as fast, or faster, as expressions)."""
    syms: set = set()
    for e in (*(e for r in A for e in r), *b):
        if e.is_Number:
            continue
        if e.is_Add:
            return True
        syms |= free_symbols(e)
    return len(syms) >= 3


def _combine(pv: Any, v: Any, f: Any, w: Any) -> Any:
    """pv*v - f*w, without the products of zeros."""
    if w.is_zero:
        return v if v.is_zero else pv * v
    if v.is_zero:
        return -(f * w)
    return pv * v - f * w


def _solve_fraction_free(A: list[list[Expr]], b: list[Expr]) -> Any:
    """:func:`solve_linear` by fraction-free Gauss-Jordan elimination on polynomial rows
    (every division exact: each entry stays a minor of [A | b], Bareiss), or _NO_PATH."""
    from ...algebra.gcd import cofactors
    from ...algebra.rational import _quotient

    if not A or not A[0] or not _hard(A, b):
        return _NO_PATH
    rows = _poly_rows(A, b)
    if rows is None:
        return _NO_PATH
    n = len(A[0])
    piv_cols = []
    prev = None
    r = 0
    for col in range(n):
        p = next((i for i in range(r, len(rows)) if not rows[i][col].is_zero), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        pv, pr = rows[r][col], rows[r]
        for i in range(len(rows)):
            if i == r:
                continue
            f = rows[i][col]
            if f.is_zero:
                if prev is not None and pv == prev:
                    continue   # the row times pv/prev = 1
                new = [v if v.is_zero else pv * v for v in rows[i]]
            else:
                new = [_combine(pv, v, f, w) for v, w in zip(rows[i], pr)]
            rows[i] = new if prev is None else [v if v.is_zero else v.exquo(prev)
                                                for v in new]
            if any(len(v._terms) > _MAX_TERMS for v in rows[i]):
                return _NO_PATH   # minors that swell: cancelling as it goes is faster
        prev = pv
        piv_cols.append(col)
        r += 1
        if r == len(rows):
            break
    for i in range(r, len(rows)):
        if not rows[i][-1].is_zero:
            return None
    z = [ZERO] * n
    for i, col in enumerate(piv_cols):
        if not rows[i][-1].is_zero:
            # what cancel(num/den) gives, from the polynomials at hand (no re-conversion)
            _, P, Q = cofactors(rows[i][-1], rows[i][col])
            cp, pp = P.primitive()
            cq, pq = Q.primitive()
            z[col] = _quotient(Fraction(cp) / Fraction(cq), pp, pq)
    return z


# --------------------------------------------------------------------------- recognition


def _quadratic_radical(e: Expr, x: Symbol) -> tuple[Expr, Fraction] | None:
    """(Q, k) if the only radical of e is Q^(k/2) with Q quadratic in x."""
    Q = None
    k = None
    for n in e.preorder():
        if n.is_Pow and _has(n.args[0], x):
            p = n.args[1]
            if p.is_Number and isinstance(p.value, int):
                continue
            if not (p.is_Number and isinstance(p.value, Fraction) and p.value.denominator == 2):
                return None
            if Q is None:
                Q, k = n.args[0], p.value
            elif n.args[0] is not Q:
                return None
        elif n.is_Function and _has(n, x):
            return None
    if Q is None:
        return None
    cs = poly_coeffs(Q, x)
    if cs is None or len(cs) != 3 or cs[2] is ZERO:
        return None
    return Q, k


def radical_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(x)*Q^(k/2) for a quadratic Q (see the module docstring)."""
    qr = _quadratic_radical(e, x)
    if qr is None:
        return None
    Q, _ = qr
    from ...algebra.rational import numer_denom

    # e = N/D * Q^(k/2): the radical factor, the rest rational in x
    rad = [f for f in (e.args if e.is_Mul else (e,)) if f.is_Pow and f.args[0] is Q]
    if len(rad) != 1:
        return None
    k = Fraction(rad[0].args[1].value)
    rest = mul(e, power(rad[0], MINUS_ONE))
    try:
        N, D = numer_denom(rest)
    except (SymcalcError, ArithmeticError):
        return None
    if _has(N, x) and poly_coeffs(N, x) is None:
        return None
    Dc = poly_coeffs(D, x)
    if Dc is None:
        return None
    # denominator: a constant times (p*x + q)^r
    lin = _linear_power(D, x)
    if lin is None:
        return None
    const, base, r = lin
    if r and base is not x:
        return _shifted(e, x, base, ctx)
    T = mul(N, power(const, MINUS_ONE))
    return _ostrogradsky(e, x, T, r, Q, k, ctx)


def _linear_power(D: Expr, x: Symbol) -> tuple[Expr, Expr, int] | None:
    """D = const * L^r with L linear in x (r >= 0), as (const, L, r)."""
    if not _has(D, x):
        return D, x, 0
    c, L, r = [], None, 0
    for f in (D.args if D.is_Mul else (D,)):
        if not _has(f, x):
            c.append(f)
            continue
        b, p = (f.args if f.is_Pow else (f, ONE))
        if not (p.is_Number and isinstance(p.value, int) and p.value > 0):
            return None
        cs = poly_coeffs(b, x)
        if cs is None or len(cs) != 2:
            return None
        if L is not None and b is not L:
            return None
        L, r = b, p.value
    return mul(*c), L, r


def _shifted(e: Expr, x: Symbol, L: Expr, ctx: Context) -> Step | None:
    """y = p*x + q so that the rational factor 1/(p*x + q)^r becomes 1/y^r."""
    p = _d(L, x)
    q = subs(L, {x: ZERO})
    y = ctx.dummy(e, x)
    xs = mul(add(y, mul(MINUS_ONE, q)), power(p, MINUS_ONE))
    try:
        h = _expand_inner(mul(subs(e, {x: xs}), power(p, MINUS_ONE)), y)
    except (SymcalcError, ArithmeticError):
        return None
    st = ctx.integrate(h, y)
    if st is None:
        return None
    return Step("substitution", e, x, subs(st.result, {y: L}), (st,), f"{y} = {L}")


def _expand_inner(h: Expr, y: Symbol) -> Expr:
    """Expand the bases of powers (the shifted quadratic) so they read as polynomials."""
    table = {}
    for n in h.preorder():
        if n.is_Pow and n.args[0].is_Add:
            try:
                b = expand(n.args[0])
            except SymcalcError:
                continue
            if b is not n.args[0]:
                table[n] = power(b, n.args[1])
    return subs(h, table) if table else h


def _ostrogradsky(e: Expr, x: Symbol, T: Expr, r: int, Q: Expr, k: Fraction,
                  ctx: Context) -> Step | None:
    m = int(k + Fraction(1, 2))  # Q^k = Q^m/sqrt(Q): the integrand is T*Q^m/(x^r*sqrt(Q))
    j = 0
    if m >= 0:
        T = mul(T, power(Q, number(m)))
    else:
        j = -m
    Tc = poly_coeffs(T, x)
    Qc = poly_coeffs(Q, x)
    if Tc is None or Qc is None:
        return None
    rho = max(r - 1, 0)
    shift = rho + 1 - r                      # x^shift * T on the left
    with_mu = r >= 1
    degT = len(Tc) - 1
    N = max(degT + shift, rho + 1 + 2 * j)
    nv = max(N - 1, 0)                       # V has degree N - 2: nv coefficients
    Qx = Q
    Qp = _d(Q, x)
    Qj = power(Q, number(j))
    columns: list[Expr] = []                 # the polynomial each unknown contributes
    for i in range(nv):
        V = power(x, number(i))
        Vp = _d(V, x)
        columns.append(add(mul(Vp, x, Qx), mul(-rho, V, Qx),
                           mul(number(Fraction(1, 2) - j), V, x, Qp)))
    columns.append(mul(power(x, number(rho + 1)), Qj))          # λ
    if with_mu:
        columns.append(mul(power(x, number(rho)), Qj))          # μ
    lhs = mul(power(x, number(shift)), T)
    cols = [poly_coeffs(c, x) for c in columns]
    lc = poly_coeffs(lhs, x)
    if lc is None or any(c is None for c in cols):
        return None
    deg = max([len(lc)] + [len(c) for c in cols])
    A = [[(c[d] if d < len(c) else ZERO) for c in cols] for d in range(deg)]
    b = [(lc[d] if d < len(lc) else ZERO) for d in range(deg)]
    z = solve_linear(A, b)
    if z is None:
        return None
    V = _from_coeffs(z[:nv], x)
    lam = z[nv]
    mu = z[nv + 1] if with_mu else ZERO
    parts = [mul(V, power(x, number(-rho)), power(Q, number(Fraction(1, 2) - j)))]
    subs_ = []
    if lam is not ZERO:
        st = inverse_sqrt_quadratic(Q, x, ctx)
        if st is None:
            return None
        subs_.append(st)
        parts.append(mul(lam, st.result))
    if mu is not ZERO:
        I2 = reciprocal_x_sqrt(Qc, Q, x, ctx)
        if I2 is None:
            return None
        parts.append(mul(mu, I2))
    F = add(*parts)
    return Step("undetermined coefficients (Ostrogradsky)", e, x, F, tuple(subs_),
                f"∫ = V*sqrt({Q})/(...) + λ*∫ 1/sqrt({Q})")


def inverse_sqrt_quadratic(Q: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ dx/sqrt(Q): complete the square, then the table (asin, asinh, log)."""
    Qc = poly_coeffs(Q, x)
    if Qc is None or len(Qc) != 3:
        return None
    c, b, a = Qc
    e = power(Q, number(Fraction(-1, 2)))
    if b is ZERO:
        st = ctx.integrate(e, x)
        return st
    y = ctx.dummy(Q, x)
    shift = mul(b, power(mul(2, a), MINUS_ONE))
    k = _simp(add(c, mul(MINUS_ONE, b, b, power(mul(4, a), MINUS_ONE))))
    h = power(add(k, mul(a, power(y, 2))), number(Fraction(-1, 2)))
    st = ctx.integrate(h, y)
    if st is None:
        return None
    F = subs(st.result, {y: add(x, shift)})
    return Step("completing the square", e, x, F, (st,), f"{y} = {add(x, shift)}")


def reciprocal_x_sqrt(Qc: list[Expr], Q: Expr, x: Symbol, ctx: Context) -> Expr | None:
    """∫ dx/(x*sqrt(a*x^2 + b*x + c)) for c != 0."""
    from .table import _reads_negative

    c, b, _ = Qc
    if c is ZERO:
        return None
    arg_num = add(mul(2, c), mul(b, x))
    # The atanh form is also right for c < 0 (atanh(i*y)/i = atan(y) with sqrt(c) = i*s),
    # so it serves when the sign of c is unknown; the atan form when c reads negative.
    if not _reads_negative(c):
        s = sqrt(c)
        return mul(MINUS_ONE, power(s, MINUS_ONE),
                   atanh(mul(arg_num, power(mul(2, s, sqrt(Q)), MINUS_ONE))))
    s = sqrt(mul(MINUS_ONE, c))
    return mul(power(s, MINUS_ONE), atan(mul(arg_num, power(mul(2, s, sqrt(Q)), MINUS_ONE))))


def square_monomial_out(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """sqrt(x^2*R) = x*sqrt(R) for a positive variable x (as after u = sqrt(x^2 + 1)):
    a radical of a polynomial whose terms all have degree >= 2 in x sheds x^2."""
    if not x.positive:
        return None
    factors = e.args if e.is_Mul else (e,)
    new = []
    changed = False
    for f in factors:
        if f.is_Pow and f.args[0].is_Add and f.args[1].is_Number \
                and not isinstance(f.args[1].value, (int, float)) \
                and Fraction(f.args[1].value).denominator == 2:
            P, k = f.args[0], f.args[1]
            R = expand(mul(P, power(x, number(-2))))
            c = poly_coeffs(R, x)
            if c is not None and _has(R, x):
                new.append(mul(power(x, k.value * 2), power(R, k)))
                changed = True
                continue
        new.append(f)
    if not changed:
        return None
    g = mul(*new)
    st = ctx.integrate(g, x)
    if st is None:
        return None
    return Step("radical", e, x, st.result, (st,), f"sqrt({x}^2*R) = {x}*sqrt(R), {x} > 0")


__all__ = ["inverse_sqrt_quadratic", "poly_coeffs", "radical_method", "solve_linear",
           "square_monomial_out"]
