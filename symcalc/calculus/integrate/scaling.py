"""Rational functions with parameters whose denominator becomes numeric under x = r*t.

∫ P(x)/D(x) dx where the factors of D are binomials A + B*x^m (m >= 3) and monomials
x^k, A and B free of x with parameters: the scaling x = r*t with r^m = Ā/B̄ (Ā, B̄ the
parameter parts of A and B, without their numeric content) turns every factor into a
parameter factor times a polynomial in t with numeric coefficients,

    A + B*x^m = Ā*(α + β*t^m),      A = α*Ā, B = β*B̄,

so that ∫ x^j/D(x) dx = r^(j+1)/λ ∫ t^j/N(t) dt with N numeric: the partial fractions over
the numbers (and their algebraic roots) that the rational method already does, then
t = x/r. The parameter part of r is written as powers of the parameters, a^(1/3)/b^(1/3),
as integration tables write it: (a^(1/m))^m = a for every a, so the answer is an
antiderivative for every nonzero A and B; it is real where Ā/B̄ > 0 (positive parameters).

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("1/(a + b*x^3)"), x)
(2*log(a^(1/3) + b^(1/3)*x) - log(a^(2/3) - a^(1/3)*b^(1/3)*x + b^(2/3)*x^2)
    + 2*sqrt(3)*atan(sqrt(3)*(2*b^(1/3)*x/a^(1/3) - 1)/3))/(6*a^(2/3)*b^(1/3))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

Method = Callable[[Expr, Symbol, "Context"], "Step | None"]

#: the largest degree of a binomial factor, and of the numerator, this method takes on
MAX_DEGREE = 12
#: the most terms of the expanded denominator this module factors
MAX_TERMS = 40


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _terms(cs: list[Expr]) -> int:
    """The number of terms of a polynomial's expanded coefficients (a size bound: the
    factorization of a large parametric denominator does not poll the budget)."""
    return sum(len(c.args) if c.is_Add else 1 for c in cs)


def _content(c: Expr) -> tuple[Expr, Expr]:
    """(numeric content, parameter part) of an x-free coefficient."""
    if c.is_Number:
        return c, ONE
    if c.is_Mul:
        nums = [f for f in c.args if f.is_Number]
        rest = [f for f in c.args if not f.is_Number]
        return mul(*nums) if nums else ONE, mul(*rest)
    return ONE, c


def _root(p: Expr, m: int) -> Expr:
    """p^(1/m) written factor by factor for a product of powers (a^(2/3)*b^(1/3))."""
    from ...core.functions import Abs

    out = []
    for f in (p.args if p.is_Mul else (p,)):
        if f.is_Pow and f.args[1].is_Number:
            k = mul(f.args[1], power(number(m), MINUS_ONE))
            e = f.args[1].value
            base = f.args[0]
            if isinstance(e, int) and e % 2 == 0 and not (k.is_Number and
                                                          isinstance(k.value, int)):
                base = Abs(base)   # (a^2)^(1/4) = |a|^(1/2) for real a
            out.append(power(base, k))
        else:
            out.append(power(f, power(number(m), MINUS_ONE)))
    return mul(*out)


def _scale(factors: list[tuple[list[Expr], int]]) -> Expr | None:
    """r from the first factor with two or more terms whose coefficients have parameters."""
    if all(len(cs) < 4 for cs, _k in factors):
        return None      # linear and quadratic factors: the parametric partial fractions
    for cs, _k in factors:
        nz = [i for i, c in enumerate(cs) if c is not ZERO]
        if len(nz) < 2:
            continue
        lo, hi = nz[0], nz[-1]
        _, plo = _content(cs[lo])
        _, phi = _content(cs[hi])
        if plo is ONE and phi is ONE:
            continue
        m = hi - lo
        if (m < 3 or m == 4) and len(factors) == 1 and len(nz) == 2:
            return None  # the parametric partial fractions, the biquadratic methods
        return mul(_root(plo, m), power(_root(phi, m), MINUS_ONE))
    return None


def _numeric_ratio(cs: list[Expr]) -> list[Expr] | None:
    """cs divided by their last nonzero entry, if every quotient is a number."""
    from ...algebra.rational import cancel

    lead = next(c for c in reversed(cs) if c is not ZERO)
    out = []
    for c in cs:
        if c is ZERO:
            out.append(ZERO)
            continue
        try:
            q = cancel(mul(c, power(lead, MINUS_ONE)))
        except (SymcalcError, ArithmeticError):
            return None
        if not q.is_Number:
            return None
        out.append(q)
    return out


def _back(F: Expr, t: Symbol, x: Symbol, r: Expr) -> dict[Expr, Expr]:
    """t = x/r, and log(Q(t)) (Q a polynomial of degree k) as log(q^k Q(p x/(q))) with
    r = p/q: the same up to a constant, log(a^(1/3) + b^(1/3)*x) for log(1 + x/r)."""
    from ...core.functions import log
    from ...core.traversal import postorder
    from .radicals import poly_coeffs

    p, q = [], []
    for f in (r.args if r.is_Mul else (r,)):
        if f.is_Pow and f.args[1].is_Number and f.args[1].value < 0:
            q.append(power(f, MINUS_ONE))
        else:
            p.append(f)
    P, Q = mul(*p), mul(*q)
    out: dict[Expr, Expr] = {t: mul(x, power(r, MINUS_ONE))}
    for node in postorder(F):
        if node.is_Function and node.fdef.name == "log" and _has(node.args[0], t):
            cs = poly_coeffs(node.args[0], t)
            if cs is None or len(cs) < 2 or any(_has(c, t) or free_symbols(c) for c in cs):
                continue
            k = len(cs) - 1
            if all(c is ZERO for c in cs[:-1]):
                out[node] = mul(number(k), log(x))
                continue
            out[node] = log(add(*(mul(c, power(P, number(k - i)), power(mul(Q, x), number(i)))
                                  for i, c in enumerate(cs))))
    return out


def scaling_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ P(x)/D(x) with D's factors binomials in x^m with parameters: x = r*t."""
    from ...algebra.factor_expr import factor
    from ...algebra.rational import numer_denom, together
    from .radicals import poly_coeffs

    if len(free_symbols(e)) < 2:
        return None
    try:
        n, d = numer_denom(together(e))
    except (SymcalcError, ArithmeticError):
        return None
    dc = poly_coeffs(d, x)
    if dc is None or len(dc) < 4 or len(dc) > 4 * MAX_DEGREE or all(
            c.is_Number for c in dc) or _terms(dc) > MAX_TERMS:
        return None
    nc = poly_coeffs(n, x)
    if nc is None or len(nc) > 4 * MAX_DEGREE:
        return None
    try:
        d = factor(d)
    except (SymcalcError, ArithmeticError):
        return None
    factors: list[tuple[list[Expr], int]] = []
    content: list[Expr] = []   # the factors of d free of x
    for f in (d.args if d.is_Mul else (d,)):
        if not _has(f, x):
            content.append(f)
            continue
        b, k = (f.args if f.is_Pow else (f, ONE))
        if not (k.is_Number and isinstance(k.value, int) and k.value > 0):
            return None
        bc = poly_coeffs(b, x)
        if bc is None or len(bc) > MAX_DEGREE + 1:
            return None
        factors.append((bc, k.value))
    r = _scale(factors)
    if r is None:
        return None
    # D(r*t) = lam * N(t), N with numeric coefficients
    t = ctx.dummy(e, x)
    lam: list[Expr] = []
    num_den: list[Expr] = []
    for bc, k in factors:
        sc = [mul(c, power(r, number(i))) for i, c in enumerate(bc)]
        q = _numeric_ratio(sc)
        if q is None:
            return None
        lead = next(c for c in reversed(sc) if c is not ZERO)
        lam.append(power(lead, number(k)))
        num_den.append(power(add(*(mul(c, power(t, number(i))) for i, c in enumerate(q))),
                             number(k)))
    N = mul(*num_den)
    ilam = power(mul(*lam, *content), MINUS_ONE)
    terms = []
    subs_steps = []
    for j, c in enumerate(nc):
        if c is ZERO:
            continue
        ctx.check()
        st = ctx.integrate(mul(power(t, number(j)), power(N, MINUS_ONE)), t)
        if st is None:
            return None
        subs_steps.append(st)
        terms.append(mul(c, power(r, number(j + 1)), ilam, st.result))
    if not terms:
        return None
    F = add(*terms)
    F = subs(F, _back(F, t, x, r))
    return Step("scaling x = r*t", e, x, F, tuple(subs_steps), f"x = ({r})*{t}")




# --------------------------------------------------------------------------- u = c + d*x


def linear_shift_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """u = c + d*x where x enters only through powers of one linear c + d*x (c != 0) of
    which one sits inside a sum: ∫ (c + d*x)^4/(a + b*(c + d*x)^3) dx in u."""
    from ...core.traversal import postorder
    from .radicals import poly_coeffs

    base = None
    inside_sum = False
    for node in postorder(e):
        if node.is_Add and not node.is_Number:
            for a in node.args:
                for f in (a.args if a.is_Mul else (a,)):
                    if f.is_Pow and f.args[0].is_Add and _has(f.args[0], x) \
                            and f.args[1].is_Number and isinstance(f.args[1].value, int) \
                            and f.args[1].value >= 2:
                        if base is not None and f.args[0] is not base:
                            return None
                        base = f.args[0]
                        inside_sum = True
    if base is None or not inside_sum:
        return None
    cs = poly_coeffs(base, x)
    if cs is None or len(cs) != 2 or cs[0] is ZERO:
        return None
    u = ctx.dummy(e, x)
    try:
        h = subs(e, {base: u})
    except (SymcalcError, ArithmeticError):
        return None
    if _has(h, x):
        return None
    ctx.check()
    st = ctx.integrate(mul(h, power(cs[1], MINUS_ONE)), u)
    if st is None:
        return None
    return Step("substitution", e, x, subs(st.result, {u: base}), (st,), f"{u} = {base}")


# --------------------------------------------------------------------------- X = x^m


def binomial_fractions_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """D(x) = x^k * E(x^m) with E splitting into factors linear in X = x^m over the
    parameters, (a + b*x^3)*(c + d*x^3): partial fractions in X, each x^s/(α + β*x^m)^j
    by the scaling above."""
    from ...algebra.rational import apart, numer_denom, together
    from .radicals import poly_coeffs

    if len(free_symbols(e)) < 2:
        return None
    try:
        n, d = numer_denom(together(e))
    except (SymcalcError, ArithmeticError):
        return None
    dc = poly_coeffs(d, x)
    if dc is None or len(dc) > 4 * MAX_DEGREE:
        return None
    degs = [i for i, c in enumerate(dc) if c is not ZERO]
    k = degs[0]
    from math import gcd

    m = 0
    for i in degs[1:]:
        m = gcd(m, i - k)
    if m < 3 or (degs[-1] - k) // m < 2:
        return None
    nc = poly_coeffs(n, x)
    if nc is None or len(nc) > 4 * MAX_DEGREE:
        return None
    X = ctx.dummy(e, x)
    E = add(*(mul(dc[i], power(X, number((i - k) // m))) for i in degs))
    pieces = []
    for s in range(m):
        Ns = add(*(mul(nc[i], power(X, number((i - s) // m)))
                   for i in range(s, len(nc), m) if nc[i] is not ZERO))
        if Ns is ZERO:
            continue
        try:
            ap = apart(mul(Ns, power(E, MINUS_ONE)), X)
        except (SymcalcError, ArithmeticError):
            return None
        for t in (ap.args if ap.is_Add else (ap,)):
            for f in (t.args if t.is_Mul else (t,)):
                if f.is_Pow and f.args[1].is_Number and f.args[1].value < 0:
                    bc = poly_coeffs(f.args[0], X)
                    if bc is None or len(bc) > 2:
                        return None   # not split into linear factors in X
            pieces.append(mul(power(x, number(s - k)), subs(t, {X: power(x, number(m))})))
    return _sum_of_parts("partial fractions in x^m", e, x, pieces, ctx, f"X = x^{m}")


# --------------------------------------------------------------------------- mixed factors


def mixed_fractions_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Partial fractions over Q(parameters) when the denominator has a binomial factor
    A + B*x^m (m >= 3) next to other factors, x^2/((a + b*x^3)*(c + d*x)): the numerators
    of the simple fractions by undetermined coefficients, each fraction integrated on its
    own (the scaling above for the binomials)."""
    from ...algebra.factor_expr import factor
    from ...algebra.rational import numer_denom, together
    from .radicals import poly_coeffs, solve_linear
    from .rational import _pdiv

    if len(free_symbols(e)) < 2:
        return None
    try:
        n, d = numer_denom(together(e))
    except (SymcalcError, ArithmeticError):
        return None
    dc = poly_coeffs(d, x)
    if dc is None or len(dc) < 5 or len(dc) > 2 * MAX_DEGREE or _terms(dc) > MAX_TERMS:
        return None
    nc = poly_coeffs(n, x)
    if nc is None or len(nc) > 2 * MAX_DEGREE:
        return None
    try:
        d = factor(d)
    except (SymcalcError, ArithmeticError):
        return None
    factors: list[tuple[Expr, list[Expr], int]] = []
    big = False
    for f in (d.args if d.is_Mul else (d,)):
        if not _has(f, x):
            continue
        b, k = (f.args if f.is_Pow else (f, ONE))
        if not (k.is_Number and isinstance(k.value, int) and k.value > 0):
            return None
        bc = poly_coeffs(b, x)
        if bc is None or len(bc) > MAX_DEGREE + 1:
            return None
        nz = [i for i, c in enumerate(bc) if c is not ZERO]
        if len(bc) > 3:
            if nz != [0, len(bc) - 1]:
                return None        # only binomials among the factors of degree >= 3
            big = True
        factors.append((b, bc, k.value))
    if not big or len(factors) < 2:
        return None
    try:
        q, r = _pdiv(nc, dc)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    unknowns: list[tuple[Expr, int, int]] = []
    columns = []
    for b, bc, k in factors:
        for j in range(1, k + 1):
            cof = mul(d, power(b, number(-j)))
            for p in range(len(bc) - 1):
                unknowns.append((b, j, p))
                columns.append(poly_coeffs(mul(power(x, number(p)), cof), x))
    if any(c is None for c in columns) or len(columns) > 2 * MAX_DEGREE:
        return None
    ctx.check()
    size = max([len(r)] + [len(c) for c in columns])
    A = [[(c[i] if i < len(c) else ZERO) for c in columns] for i in range(size)]
    rhs = [(r[i] if i < len(r) else ZERO) for i in range(size)]
    z = solve_linear(A, rhs)
    if z is None:
        return None
    pieces = [mul(c, power(x, number(i))) for i, c in enumerate(q) if c is not ZERO]
    groups: dict[tuple[Expr, int], list[Expr]] = {}
    for (b, j, p), c in zip(unknowns, z):
        if c is not ZERO:
            groups.setdefault((b, j), []).append(mul(c, power(x, number(p))))
    for (b, j), cs in groups.items():
        pieces.append(mul(add(*cs), power(b, number(-j))))
    return _sum_of_parts("partial fractions with binomial factors", e, x, pieces, ctx)


def _sum_of_parts(name: str, e: Expr, x: Symbol, pieces: list[Expr], ctx: Context,
                  detail: str = "") -> Step | None:
    """The step ``name``: ∫e as the sum of the integrals of ``pieces`` (None if one fails)."""
    terms, steps = [], []
    for p in pieces:
        ctx.check()
        st = ctx.integrate(p, x)
        if st is None:
            return None
        steps.append(st)
        terms.append(st.result)
    if not terms:
        return None
    if detail:
        return Step(name, e, x, add(*terms), tuple(steps), detail)
    return Step(name, e, x, add(*terms), tuple(steps))


# --------------------------------------------------------------------------- P(x)/L^k


def _single_linear_denominator(e: Expr, x: Symbol) -> Expr | None:
    """L when e = P(x)/L^k with P a polynomial and L = c + d*x (c, d with parameters)."""
    if not e.is_Mul or len(free_symbols(e)) < 3:
        return None
    L = None
    for f in e.args:
        if not _has(f, x):
            continue
        if f.is_Pow and f.args[1].is_Number and isinstance(f.args[1].value, int):
            if f.args[1].value < 0:
                if L is not None or not f.args[0].is_Add or f.args[1].value > -2:
                    return None     # 1/(c + d*x): the partial fractions do as well
                L = f.args[0]
            elif not (f.args[0].is_Add or f.args[0] is x):
                return None
        elif not (f.is_Add or f is x):
            return None
    return L


def linear_denominator_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ P(x)/(c + d*x)^k = ∫ P((u - c)/d)/u^k du/d, u = c + d*x: a Laurent polynomial.
    A factor (p + q*x)^n of P is α*u + β with α = q/d, β = p - q*c/d, expanded by the
    binomial theorem with α and β kept whole: (a*d - b*c)^j/d^j, not its expansion."""
    from ...core.expand import expand
    from ...core.functions import log
    from .radicals import _simp, poly_coeffs

    L = _single_linear_denominator(e, x)
    if L is None:
        return None
    cs = poly_coeffs(L, x)
    if cs is None or len(cs) != 2:
        return None
    c, d = cs
    u = ctx.dummy(e, x)
    xu = mul(add(u, mul(MINUS_ONE, c)), power(d, MINUS_ONE))
    lau: dict[int, Expr] = {0: ONE}       # the Laurent polynomial, power of u -> coefficient
    for f in (e.args if e.is_Mul else (e,)):
        if not _has(f, x):
            lau = {k: mul(v, f) for k, v in lau.items()}
            continue
        if f.is_Pow and f.args[0] is L:
            n = f.args[1].value
            lau = {k + n: v for k, v in lau.items()}
            continue
        base, n = (f.args[0], f.args[1].value) if f.is_Pow else (f, 1)
        bc = poly_coeffs(base, x)
        if bc is None or n < 1 or n > 4 * MAX_DEGREE:
            return None
        if len(bc) == 2:
            p, q = bc
            alpha = _simp(mul(q, power(d, MINUS_ONE)))
            beta = _simp(add(p, mul(MINUS_ONE, q, c, power(d, MINUS_ONE))))
            from math import comb

            fd = {j: mul(number(comb(n, j)), power(alpha, number(j)),
                         power(beta, number(n - j))) for j in range(n + 1)}
        else:
            if len(bc) * n > 4 * MAX_DEGREE:
                return None
            try:
                g = poly_coeffs(expand(subs(f, {x: xu})), u)
            except (SymcalcError, ArithmeticError):
                return None
            if g is None:
                return None
            fd = {j: v for j, v in enumerate(g) if v is not ZERO}
        ctx.check()
        out: dict[int, list[Expr]] = {}
        for k1, v1 in lau.items():
            for k2, v2 in fd.items():
                out.setdefault(k1 + k2, []).append(mul(v1, v2))
        lau = {k: add(*vs) for k, vs in out.items()}
    terms = []
    for k in sorted(lau):
        coef = lau[k]
        if coef is ZERO:
            continue
        if k == -1:
            terms.append(mul(coef, log(L)))
        else:
            terms.append(mul(coef, power(L, number(k + 1)), power(number(k + 1), MINUS_ONE)))
    if not terms:
        return None
    return Step("substitution", e, x, mul(power(d, MINUS_ONE), add(*terms)), (),
                f"{u} = {L}")

def _binomial_inside(e: Expr, x: Symbol) -> bool:
    """A cheap test: e has parameters and a sum A + B*W^m inside, W = x or a linear
    c + d*x, |m| >= 3 (A, B free of x)."""
    if len(free_symbols(e)) < 2:
        return False
    for node in e.preorder():
        if not (node.is_Add and len(node.args) == 2):
            continue
        a, b = node.args
        if _has(a, x):
            a, b = b, a
        if _has(a, x) or not _has(b, x):
            continue
        for f in (b.args if b.is_Mul else (b,)):
            if f.is_Pow and f.args[1].is_Number and isinstance(f.args[1].value, int) \
                    and abs(f.args[1].value) >= 3 and _has(f.args[0], x):
                return True
    return False


def early_methods(e: Expr, x: Symbol) -> Iterator[tuple[str, Method]]:
    """First in the rational branch: P(x)/(c + d*x)^k with parameters (the substitutions
    that come first spent seconds on these and left unexpanded forms)."""
    if _single_linear_denominator(e, x) is not None:
        yield "linear denominator", linear_denominator_method


def methods(e: Expr, x: Symbol) -> Iterator[tuple[str, Method]]:
    """This module's methods in the driver's order (the rational branch, after the
    rational method and derivative-divides): only where a binomial is in sight."""
    if not _binomial_inside(e, x):
        return
    yield "binomial denominator with parameters", scaling_method
    yield "partial fractions in x^m", binomial_fractions_method
    yield "linear substitution", linear_shift_method
    yield "partial fractions with binomial factors", mixed_fractions_method


__all__ = ["binomial_fractions_method", "linear_denominator_method", "linear_shift_method",
           "early_methods", "methods",
           "mixed_fractions_method", "scaling_method"]
