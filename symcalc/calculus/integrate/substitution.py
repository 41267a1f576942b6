"""Substitution: derivative-divides, and the classic changes of variable.

Derivative-divides: for a subexpression ``g`` of the integrand ``f``, if ``f/g'``
can be written as ``h(g)`` then ∫ f dx = ∫ h(u) du with u = g. The candidates ``g`` are
the arguments of functions, the bases and exponents of powers, the functions
themselves and the radicals. When ``f/g'`` still depends on x, ``g = u`` is solved for
x (``u = x^2`` gives x = u^(1/2), ``u = exp(x)`` gives x = log(u)) and the rest is
rewritten in u.

The classic substitutions follow the same path with a chosen ``g``: u = exp(k*x) for
rational functions of exponentials, u = (a*x + b)^(1/n) for rational functions of x and
radicals of one linear polynomial (or of a linear fraction).

>>> from symcalc import symbols, cos, sin, sqrt
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(sin(x)**2*cos(x), x)
sin(x)^3/3
>>> integrate(x*sqrt(x + 1), x)
2*(x + 1)^(5/2)/5 - 2*(x + 1)^(3/2)/3
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd, lcm
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.assumptions import is_nonnegative
from ...core.expr import Expr
from ...core.functions import exp, log
from ...core.numbers import MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: At most this many candidates u are tried per integrand (in each pass).
MAX_CANDIDATES = 12
#: Inverse substitutions (solving u = g(x) for x) only this deep in the recursion.
MAX_INVERSE_DEPTH = 7


def _d(e: Expr, x: Symbol) -> Expr:
    """de/dx, kept for the last few hundred (e, x): each candidate u is differentiated
    when the candidates are ranked, again when it is tried, and again in the inverse
    pass; diff's own cache on the node holds the derivative weakly, and a derivative
    nobody keeps is gone by the next call."""
    key = (e, x)
    r = _DERIVATIVES.get(key)
    if r is None:
        from ..diff import diff

        r = _DERIVATIVES[key] = diff(e, x)
        if len(_DERIVATIVES) > 512:
            try:   # the oldest goes (another thread may have removed it first)
                del _DERIVATIVES[next(iter(_DERIVATIVES))]
            except (KeyError, RuntimeError, StopIteration):
                pass
    return r


#: (e, x) -> de/dx for the last few hundred candidates (strong references)
_DERIVATIVES: dict[tuple[Expr, Symbol], Expr] = {}


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _is_linear(g: Expr, x: Symbol) -> bool:
    d = _d(g, x)
    return d is not ZERO and not _has(d, x)


def candidates(e: Expr, x: Symbol) -> list[Expr]:
    """Subexpressions u of e worth trying as a substitution, most promising first."""
    found: dict[Expr, int] = {}

    def put(g: Expr, rank: int) -> None:
        if g is x or g is e or not _has(g, x):
            return
        if g.is_Mul:  # u = c*g is the same substitution as u = g
            c, dep = _split(g, x)
            g = dep
            if g is x or g is e:
                return
        if g not in found or found[g] > rank:
            found[g] = rank

    for n in e.preorder():
        if not _has(n, x) or n is x:
            continue
        if n.is_Function:
            for a in n.args:
                put(a, 0)
            put(n, 1)
        elif n.is_Pow:
            b, p = n.args
            put(b, 0)
            if _has(p, x):
                put(p, 0)
            if p.is_Number and not isinstance(p.value, int):
                v = Fraction(p.value)
                # the radical itself, as a positive root: sqrt(x + 1) also for 1/sqrt(x + 1)
                put(power(b, number(Fraction(1, v.denominator))), 2)
    # x^(m+1) for a factor x^m: x^4/sqrt(x^10 - 2) is 1/(5*sqrt(u^2 - 2)) with u = x^5
    for f in (e.args if e.is_Mul else (e,)):
        if f.is_Pow and f.args[0] is x and f.args[1].is_Number \
                and not isinstance(f.args[1].value, float) and f.args[1].value != -1:
            put(power(x, add(f.args[1], 1)), 3)
    out = sorted(found, key=lambda g: (_is_linear(g, x), found[g], -g.count_ops(),
                                       g.sort_key()))
    return out[:MAX_CANDIDATES]


def _power_gcd(es: list[Expr], x: Symbol) -> int:
    """The gcd of the exponents k of the powers x^k in es (integers k), 1 where x occurs
    otherwise (by itself, or to a fractional or symbolic power), 0 where it does not."""
    n = 0
    todo = list(es)
    while todo and n != 1:
        t = todo.pop()
        if t is x:
            n = 1
        elif t.is_Pow and t.args[0] is x:
            k = t.args[1]
            n = gcd(n, abs(k.value)) if k.is_Number and isinstance(k.value, int) else 1
        elif _has(t, x):
            todo.extend(t.args)
    return n


def _split(g: Expr, x: Symbol) -> tuple[Expr, Expr]:
    c, d = [], []
    for f in g.args:
        (d if _has(f, x) else c).append(f)
    return mul(*c), mul(*d)


def invert(g: Expr, x: Symbol, u: Expr) -> Expr | None:
    """Solve g(x) = u for x when g is built from x by invertible steps, else None.

    >>> from symcalc import symbols, exp
    >>> x, u = symbols("x u")
    >>> invert(exp(2*x) + 1, x, u)
    log(u - 1)/2
    """
    target = u
    for _ in range(20):
        if g is x:
            return target
        if g.is_Add:
            c, dep = [], []
            for t in g.args:
                (dep if _has(t, x) else c).append(t)
            if len(dep) != 1:
                return None
            target = add(target, mul(MINUS_ONE, add(*c)))
            g = dep[0]
        elif g.is_Mul:
            c, dep = _split(g, x)
            if dep.is_Mul or c is ONE:
                return None
            target = mul(target, power(c, MINUS_ONE))
            g = dep
        elif g.is_Pow:
            b, p = g.args
            if not _has(p, x):
                target = power(target, power(p, MINUS_ONE))
                g = b
            elif not _has(b, x):
                target = mul(log(target), power(log(b), MINUS_ONE))
                g = p
            else:
                return None
        elif g.is_Function and g.fdef.name == "exp":
            target = log(target)
            g = g.args[0]
        elif g.is_Function and g.fdef.name == "log" and len(g.args) == 1:
            target = exp(target)
            g = g.args[0]
        elif g.is_Function and g.fdef.name in _INVERSES:
            # principal branches: x = tan(u) for u = atan(x), u in (-pi/2, pi/2)
            target = _INVERSES[g.fdef.name](target)
            g = g.args[0]
        else:
            return None
    return None


def _inverses() -> dict:
    from ...core.functions import sin, sinh, tan

    return {"atan": tan, "asin": sin, "asinh": sinh}


_INVERSES = _inverses()


def pythagoras(h: Expr, u: Symbol) -> Expr:
    """After x = tan(u) (or sin u, sinh u) on the principal branch: (1 + tan(u)^2)^p is
    cos(u)^(-2p), (1 - sin(u)^2)^p is cos(u)^(2p), (1 + sinh(u)^2)^p is cosh(u)^(2p);
    then tan and sec are written with sin and cos."""
    from ...core.functions import cos, cosh, sec, sin, sinh, tan

    t2, s2, h2 = power(tan(u), 2), power(sin(u), 2), power(sinh(u), 2)
    forms = {add(1, t2): (cos(u), -2), add(1, mul(MINUS_ONE, s2)): (cos(u), 2),
             add(1, h2): (cosh(u), 2)}
    table = {}
    for n in h.preorder():
        if n.is_Pow and n.args[0] in forms:
            f, k = forms[n.args[0]]
            table[n] = power(f, mul(k, n.args[1]))
        elif n in forms:
            f, k = forms[n]
            table[n] = power(f, number(k))
    if table:
        h = subs(h, table)
    table = {tan(u): mul(sin(u), power(cos(u), MINUS_ONE)), sec(u): power(cos(u), MINUS_ONE)}
    return subs(h, table)


def substitute(e: Expr, x: Symbol, g: Expr, ctx: Context, *, inverse: bool = True,
               method: str = "substitution") -> Step | None:
    """∫ e dx with u = g: rewrite e dx as h(u) du, integrate, put g back for u."""
    dg = _d(g, x)
    if dg is ZERO:
        return None
    u = ctx.dummy(e, positive=bool(_nonnegative(g)))
    # e dx in u: the same for the direct and the inverse pass of one integrand
    prep = getattr(ctx, "prep", None)
    key = (e, x, g, u)
    h = None if prep is None else prep.get(key)
    if h is None:
        h = subs(mul(e, power(dg, MINUS_ONE)), {g: u})
        if _has(h, x):
            h = _proportional_bases(h, x, g, u)
        if _has(h, x):
            h = _polynomial_factor_ratio(e, x, g, dg, u, h)
        if prep is not None:
            prep[key] = h
    used_inverse = False
    if _has(h, x):
        if not inverse:
            return None
        used_inverse = True
        xs = invert(g, x, u)
        if xs is None:
            return None
        try:
            h = subs(h, {x: xs})
            if _has(xs, u) and any(n.is_Function and n.fdef.name in ("tan", "sin", "sinh")
                                   for n in xs.preorder()):
                h = pythagoras(h, u)
        except (SymcalcError, ArithmeticError):
            return None
        if _has(h, x) or h.count_ops() > 4 * e.count_ops() + 20:
            return None
    st = ctx.integrate(h, u)
    if st is None:
        return None
    try:
        F = subs(st.result, {u: g})
    except (SymcalcError, ArithmeticError):
        return None
    if used_inverse and _new_abs(F, e, x):
        # x = sqrt(u + 1)/abs(a) for u = a^2*x^2 - 1 gives log(abs(a)*abs(x) - 1): right on
        # the real line, but not the analytic antiderivative (wrong off it); other methods
        return None
    if (used_inverse and _has(dg, x)) or u.positive:
        # solving u = g(x) for x picks one branch: keep the result only if it holds (a
        # linear g has one inverse, x = (u - q)/p, exact everywhere: nothing to check
        # here; the search above checks the final answer, as it checks every answer)
        from .verify import verify

        if not verify(F, e, x):
            return None
    return Step(method, e, x, F, (st,), lambda: f"{u} = {g}, d{u} = {dg} d{x}")


def _new_abs(F: Expr, e: Expr, x: Symbol) -> bool:
    """Whether F has an abs (or sign) of an expression in x that e has not (abs(c) of a
    parameter is fine: real for every real c)."""
    def heads(z: Expr) -> set[Expr]:
        return {n for n in z.preorder() if n.is_Function and n.fdef.name in ("abs", "sign")
                and _has(n, x)}

    new = heads(F)
    return bool(new) and not new <= heads(e)


def _proportional_bases(h: Expr, x: Symbol, g: Expr, u: Symbol) -> Expr:
    """Replace polynomial bases B(x) = c*g(x) + d by c*u + d (g polynomial in x):
    (x - 1)^2 reads as u for u = x^2 - 2*x + 1."""
    from .radicals import poly_coeffs

    if g.is_Pow and g.args[0] is x and g.args[1].is_Number \
            and isinstance(g.args[1].value, int) and g.args[1].value >= 2:
        # u = x^n: x^(k*n) is u^k (x^6 is u^2 for u = x^3)
        n = g.args[1].value
        table = {t: power(u, number(t.args[1].value // n)) for t in h.preorder()
                 if t.is_Pow and t.args[0] is x and t.args[1].is_Number
                 and isinstance(t.args[1].value, int) and t.args[1].value % n == 0}
        if table:
            try:
                h = subs(h, table)
            except (SymcalcError, ArithmeticError):
                pass
            if not _has(h, x):
                return h
    gc = poly_coeffs(g, x)
    if gc is None or len(gc) < 2:
        return h
    table = {}

    def as_u(b: Expr) -> Expr | None:
        bc = poly_coeffs(b, x)
        if bc is None or len(bc) != len(gc):
            return None
        c = mul(bc[-1], power(gc[-1], MINUS_ONE))
        if all(add(bc[i], mul(MINUS_ONE, c, gc[i])) is ZERO for i in range(1, len(gc))):
            return add(mul(c, u), add(bc[0], mul(MINUS_ONE, c, gc[0])))
        return None

    for n in h.preorder():
        if n in table or not _has(n, x):
            continue
        if n.is_Add:
            r = as_u(n)
            if r is not None:
                table[n] = r
        elif n.is_Pow and n.args[0].is_Add and n.args[1].is_Number \
                and isinstance(n.args[1].value, int):
            # B^k with B^m proportional to g (m | k): (x - 1)^2 is u for u = x^2 - 2x + 1
            b, k = n.args[0], n.args[1].value
            for m in range(2, abs(k) + 1):
                if k % m == 0:
                    r = as_u(power(b, number(m)))
                    if r is not None:
                        table[n] = power(r, number(k // m))
                        break
    if not table:
        return h
    try:
        return subs(h, table)
    except (SymcalcError, ArithmeticError):
        return h


def _polynomial_factor_ratio(e: Expr, x: Symbol, g: Expr, dg: Expr, u: Symbol,
                             h: Expr) -> Expr:
    """e/g' with the factors of e outside g, multiplied out, a constant multiple of the
    polynomial g': x*(b + 2*c*x^2)*(b*x^2 + c*x^4)^13 reads as (b + 2*c*x^2)*x/(2*b*x +
    4*c*x^3) = 1/2 times u^13 for u = b*x^2 + c*x^4 (h as it was where that fails)."""
    from .radicals import poly_coeffs

    if not e.is_Mul or not _polynomial_shape(dg, x):
        return h
    inside = [f for f in e.args if _has(f, x) and any(n is g for n in f.preorder())]
    rest = [f for f in e.args if f not in inside]
    if not inside or not rest or any(f is g or (f.is_Pow and f.args[0] is g and
                                                f.args[1] is MINUS_ONE) for f in inside):
        return h   # u' * (1/u) is a log: the rational methods write it in lowest terms
    if not all(_polynomial_shape(f, x) for f in rest):
        return h
    dc = poly_coeffs(dg, x)
    if dc is None or len(dc) < 2 or len(dc) > 40:
        return h
    rc = poly_coeffs(mul(*rest), x)
    if rc is None or len(rc) != len(dc) or dc[-1] is ZERO:
        return h
    c = mul(rc[-1], power(dc[-1], MINUS_ONE))
    if any(add(r, mul(MINUS_ONE, c, d)) is not ZERO for r, d in zip(rc, dc)):
        return h
    if not c.is_Number:
        from .radicals import _simp

        c = _simp(c)
    try:
        out = subs(mul(c, *inside), {g: u})
    except (SymcalcError, ArithmeticError):
        return h
    return h if _has(out, x) else out


def _polynomial_shape(e: Expr, x: Symbol) -> bool:
    """Whether e is built from x by sums, products and natural powers only (no expansion)."""
    for n in e.preorder():
        if n.is_Pow:
            p = n.args[1]
            if _has(n.args[0], x) and not (p.is_Number and isinstance(p.value, int)
                                           and p.value > 0):
                return False
        elif n.is_Function and _has(n, x):
            return False
    return True


def _nonnegative(g: Expr) -> bool:
    if is_nonnegative(g):
        return True
    if g.is_Pow and g.args[1].is_Number:
        v = g.args[1].value
        return isinstance(v, Fraction) and v.denominator % 2 == 0
    return False


def derivative_divides(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Find u with u' dividing the integrand: e dx = h(u) du."""
    for g in candidates(e, x):
        ctx.check()
        st = substitute(e, x, g, ctx, inverse=False)
        if st is not None:
            return st
    return None


def monomial_substitution(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """u = x^n for x^m*F(x^n): n the gcd of the exponents of x outside the factor x^m,
    dividing m + 1 (m = -1 included: dx/x = du/(n*u)); x^(k*n) reads as u^k.
    x/sqrt(a + b*x^2 + c*x^4) is 1/(2*sqrt(a + b*u + c*u^2)) with u = x^2."""
    factors = e.args if e.is_Mul else (e,)
    m: Fraction = Fraction(0)
    rest = []
    for f in factors:
        if f is x:
            m = Fraction(1)
        elif f.is_Pow and f.args[0] is x and f.args[1].is_Number \
                and not isinstance(f.args[1].value, float):
            m = Fraction(f.args[1].value)
        else:
            rest.append(f)
    n = _power_gcd(rest, x) if rest else 0
    if n < 2 or (m + 1) % n:
        return None
    return substitute(e, x, power(x, number(n)), ctx, inverse=False)


def inverse_substitution(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """u = g(x) for an invertible g, the rest of the integrand rewritten through x = g^-1(u)."""
    if ctx.depth > MAX_INVERSE_DEPTH:
        return None
    for g in candidates(e, x):
        ctx.check()
        st = substitute(e, x, g, ctx, inverse=True)
        if st is not None:
            return st
    return None


# --------------------------------------------------------------------------- classic ones


def _exp_substitution(e: Expr, x: Symbol) -> Expr | None:
    """u = exp(k*x) when e is a rational function of exponentials exp(c*x + d)."""
    ks: list[Fraction] = []
    for n in e.preorder():
        if n.is_Function and _has(n, x):
            if n.fdef.name != "exp":
                return None
            d = _d(n.args[0], x)
            if _has(d, x) or not d.is_Number or isinstance(d.value, float):
                return None
            ks.append(Fraction(d.value))
        elif n.is_Pow and _has(n.args[1], x):
            return None
        elif n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int)) \
                and _has(n.args[0], x):
            pass
    if not ks:
        return None
    num = 0
    den = 1
    for k in ks:
        num = gcd(num, k.numerator)
        den = lcm(den, k.denominator)
    return exp(mul(number(Fraction(num, den)), x))


def _polynomial_times_exp(e: Expr, x: Symbol) -> bool:
    """Whether e is a polynomial in x times exponentials of x (x^2*exp(-x)): integration
    by parts with u = the polynomial is the textbook route there, u = exp(k*x) would turn
    the polynomial into powers of log(u)."""
    poly = False
    for f in (e.args if e.is_Mul else (e,)):
        if not _has(f, x) or f.is_Function and f.fdef.name == "exp":
            continue
        if f.is_Pow and f.args[0].is_Function and f.args[0].fdef.name == "exp":
            continue
        if f is x or f.is_Pow and f.args[0] is x and f.args[1].is_Number \
                and isinstance(f.args[1].value, int) and f.args[1].value > 0:
            poly = True
            continue
        return False
    return poly


def _radical_substitution(e: Expr, x: Symbol) -> Expr | None:
    """u = r^(1/n) when every radical of e is a rational power of one r, with r linear
    in x or a ratio of linear polynomials."""
    base = None
    qs: list[int] = []
    for n in e.preorder():
        if n.is_Pow and _has(n.args[0], x):
            p = n.args[1]
            if _has(p, x):
                return None
            if p.is_Number and isinstance(p.value, int):
                continue
            if not p.is_Number or isinstance(p.value, float):
                return None
            b = n.args[0]
            if base is None:
                base = b
            elif b is not base:
                return None
            qs.append(Fraction(p.value).denominator)
        elif n.is_Function and _has(n, x) and n.fdef.name not in ("exp", "log"):
            pass
    if base is None:
        return None
    if not (_is_linear(base, x) or _linear_fraction(base, x)):
        return None
    L = 1
    for q in qs:
        L = lcm(L, q)
    return power(base, number(Fraction(1, L)))


def _linear_fraction(b: Expr, x: Symbol) -> bool:
    from ...algebra.rational import numer_denom

    n, d = numer_denom(b)
    return _has(d, x) and (_is_linear(n, x) or not _has(n, x)) and _is_linear(d, x)


def special_substitution(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """The classic substitutions u = exp(k*x) and u = (a*x + b)^(1/n)."""
    g = _exp_substitution(e, x)
    if g is not None and not _polynomial_times_exp(e, x):
        st = substitute(e, x, g, ctx, method="substitution (exponential)")
        if st is not None:
            return st
    g = _radical_substitution(e, x)
    if g is not None and g.is_Pow:
        st = _substitute_radical(e, x, g, ctx)
        if st is not None:
            return st
    return None


def _substitute_radical(e: Expr, x: Symbol, g: Expr, ctx: Context) -> Step | None:
    """u = r^(1/n) with r = (a*x + b) or (a*x + b)/(c*x + d): x is a rational function of u."""
    from ...algebra.rational import cancel, numer_denom

    r, p = g.args
    n = Fraction(p.value).denominator
    u = ctx.dummy(e, positive=True)
    un = power(u, number(n))
    num, den = numer_denom(r)
    # solve num/den = u^n for x (both linear in x, or den constant)
    a, b = _linear_coeffs(num, x)
    c, d = _linear_coeffs(den, x)
    # a*x + b = u^n*(c*x + d)  ->  x = (d*u^n - b)/(a - c*u^n)
    xs = mul(add(mul(d, un), mul(MINUS_ONE, b)), power(add(a, mul(MINUS_ONE, c, un)), MINUS_ONE))
    try:
        dx = _d(xs, u)
        # the radicals r^(k/n) become u^k
        h = subs(e, {r: un})
        h = subs(h, {x: xs})
        h = mul(h, dx)
        h = _cancel_safe(h, cancel)
    except (SymcalcError, ArithmeticError):
        return None
    if _has(h, x):
        return None
    st = ctx.integrate(h, u)
    if st is None:
        return None
    F = subs(st.result, {u: g})
    return Step("substitution (radical)", e, x, F, (st,), f"{u} = {g}")


def _cancel_safe(h: Expr, cancel) -> Expr:
    for n in h.preorder():
        if n.is_Function:
            return h
        if n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int)):
            return h
    try:
        return cancel(h)
    except (SymcalcError, ArithmeticError):
        return h


def _linear_coeffs(p: Expr, x: Symbol) -> tuple[Expr, Expr]:
    a = _d(p, x)
    b = subs(p, {x: ZERO})
    return a, b


def rewrite_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Last resort: integrands rewritten in other functions (hyperbolic as exponential)."""
    from .rewrite import rewrites

    for name, g in rewrites(e, x):
        ctx.check()
        st = ctx.integrate(g, x)
        if st is not None:
            return Step("rewrite", e, x, st.result, (st,), name)
    return None


__all__ = ["candidates", "derivative_divides", "inverse_substitution", "invert",
           "monomial_substitution", "rewrite_method",
           "special_substitution", "substitute"]
