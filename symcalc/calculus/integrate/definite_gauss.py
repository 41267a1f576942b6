"""Gaussian integrals: ∫ p(x) exp(-a x² + b x + c) dx over ℝ or a half-line, a > 0.

The integrand is expanded into terms ``k · xⁿ · exp(-a x² + b x + c)`` (logarithms of
positive products are expanded first, so ``p·log(p/q)`` of two normal densities, the KL
divergence, has that form too). Each term is a moment

    Iₙ = ∫ xⁿ e^{-a x² + b x} dx,   2a Iₙ = b Iₙ₋₁ + (n - 1) Iₙ₋₂ + [n = 1 on (0, ∞)]

(integrate d/dx(xⁿ⁻¹ e^{…}) over the range), started from
I₀ = √(π/a) e^{b²/4a} on ℝ and I₀ = √π/(2√a) e^{b²/4a} erfc(-b/(2√a)) on (0, ∞).
No antiderivative is evaluated at infinity: these are the values of the convergent
integrals. A bound (c, ∞) or (-∞, c) is moved to (0, ∞) first. The sign of a must be
known (an assumption such as ``sigma > 0``, or a number); otherwise nothing is claimed.

>>> from symcalc import symbols, exp, sqrt, pi, oo
>>> x = symbols("x")
>>> gaussian(x**2*exp(-x**2/2)/sqrt(2*pi), x, -oo, oo)
1
"""

from __future__ import annotations

from fractions import Fraction

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ONE, ZERO, number, oo, pi
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import DomainError, SymcalcError

NEG_OO = mul(MINUS_ONE, oo)
_HALF = number(Fraction(1, 2))
#: the largest power of x a moment is computed for
_MAX_DEGREE = 40


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _positive(v: Expr) -> bool:
    from ...core.assumptions import is_positive

    if is_positive(v):
        return True
    if free_symbols(v):
        return False
    try:
        z = complex(v.evalf())
    except (SymcalcError, ArithmeticError, ValueError, TypeError):
        return False
    return abs(z.imag) < 1e-14 and z.real > 0


def _is_exp(f: Expr) -> bool:
    return f.is_Function and f.fdef.name == "exp"


def _log_expand(u: Expr) -> Expr | None:
    """log(u) as a sum, when u is a product of positive factors and exponentials."""
    from ...core.functions import log

    if _is_exp(u):
        return u.args[0]
    if u.is_Mul:
        parts = [_log_expand(f) for f in u.args]
        return None if any(p is None for p in parts) else add(*parts)
    if u.is_Pow and u.args[1].is_Number and not isinstance(u.args[1].value, complex):
        inner = _log_expand(u.args[0])
        return None if inner is None else mul(u.args[1], inner)
    if _positive(u):
        return log(u)
    return None


def _expand_logs(e: Expr, x: Symbol) -> Expr | None:
    """e with every log of a positive product/exponential expanded; None if one is not."""
    rep: dict[Expr, Expr] = {}
    for n in e.preorder():
        if n.is_Function and n.fdef.name == "log" and _has(n, x):
            v = _log_expand(n.args[0])
            if v is None:
                return None
            rep[n] = v
    return subs(e, rep) if rep else e


def _term(t: Expr, x: Symbol) -> tuple[Expr, int | Expr, Expr] | None:
    """t = k · xⁿ · exp(q): (k, n, q), or None; n is an int, or an expression when the
    power of x is symbolic (x^(k - 1) in a gamma density)."""
    k, n, q = [], 0, []
    sym: list[Expr] = []
    for f in (t.args if t.is_Mul else (t,)):
        if not _has(f, x):
            k.append(f)
        elif f is x:
            n += 1
        elif f.is_Pow and f.args[0] is x and f.args[1].is_Number \
                and isinstance(f.args[1].value, int) and f.args[1].value > 0:
            n += f.args[1].value
        elif f.is_Pow and f.args[0] is x and not _has(f.args[1], x):
            sym.append(f.args[1])
        elif _is_exp(f):
            q.append(f.args[0])
        elif f.is_Pow and _is_exp(f.args[0]) and not _has(f.args[1], x):
            q.append(mul(f.args[1], f.args[0].args[0]))
        else:
            return None
    if sym:
        return mul(*k), add(n, *sym), add(*q)
    return mul(*k), n, add(*q)


def _symbolic_even_moment(s: Expr, q: Expr, x: Symbol) -> Expr | None:
    """∫ x^s exp(-a x² + c) over ℝ for a symbolic integer s ≥ 0: the half-line value
    times 1 + (-1)^s (zero for odd s)."""
    from ...core.assumptions import is_integer, is_nonnegative

    if not (is_integer(s) and is_nonnegative(s)):
        return None
    m = _symbolic_moment(s, q, x)
    if m is None or not _is_gaussian(q, x):
        return None
    return mul(add(ONE, power(MINUS_ONE, s)), m)


def _is_gaussian(q: Expr, x: Symbol) -> bool:
    from .radicals import poly_coeffs

    cs = poly_coeffs(q, x)
    return cs is not None and len(cs) == 3 and cs[1] is ZERO


def _symbolic_moment(s: Expr, q: Expr, x: Symbol) -> Expr | None:
    """∫₀^∞ x^s exp(q) dx for a symbolic s with s + 1 > 0 known: Γ((s+1)/2)/(2a^((s+1)/2))
    for q = -a x² (a > 0), Γ(s+1)/β^(s+1) for q = -β x + c (β > 0)."""
    from ...core.functions import exp
    from ...core.functions_special import gamma
    from .radicals import poly_coeffs

    if not _positive(add(s, ONE)):
        return None
    cs = poly_coeffs(q, x)
    if cs is None or len(cs) > 3:
        return None
    cs = cs + [ZERO] * (3 - len(cs))
    c, b, a = cs[0], cs[1], mul(MINUS_ONE, cs[2])
    s1 = add(s, ONE)
    if a is not ZERO and b is ZERO and _positive(a):
        return mul(exp(c), _HALF, gamma(mul(_HALF, s1)), power(a, mul(MINUS_ONE, _HALF, s1)))
    if a is ZERO and _positive(mul(MINUS_ONE, b)):
        return mul(exp(c), gamma(s1), power(mul(MINUS_ONE, b), mul(MINUS_ONE, s1)))
    return None


def _moments(a: Expr, b: Expr, n: int, half: bool) -> list[Expr]:
    """I₀ … Iₙ (see the module's docstring)."""
    from ...core.functions import erfc, exp, sqrt

    ra = sqrt(a)
    g = exp(mul(power(b, 2), power(mul(4, a), MINUS_ONE)))
    if half:
        i0 = mul(_HALF, sqrt(pi), power(ra, MINUS_ONE), g,
                 erfc(mul(MINUS_ONE, b, power(mul(2, ra), MINUS_ONE))))
    else:
        i0 = mul(sqrt(pi), power(ra, MINUS_ONE), g)
    out = [i0]
    inv = power(mul(2, a), MINUS_ONE)
    for m in range(1, n + 1):
        s = mul(b, out[m - 1])
        if m >= 2:
            s = add(s, mul(m - 1, out[m - 2]))
        if half and m == 1:
            s = add(s, ONE)
        out.append(expand(mul(inv, s)))
    return out


def _quadratic(q: Expr, x: Symbol) -> tuple[Expr, Expr, Expr] | None:
    """(a, b, c) with q = -a x² + b x + c."""
    from .radicals import poly_coeffs

    cs = poly_coeffs(q, x)
    if cs is None or len(cs) != 3:
        return None
    return mul(MINUS_ONE, cs[2]), cs[1], cs[0]


def _gamma_shifts(v: Expr) -> Expr:
    """gamma(u + m) → u(u + 1)…(u + m - 1)·gamma(u) for a positive integer m ≤ 8 when
    gamma(u) occurs too, so that gamma(k + 1)/gamma(k) is k."""
    gs = [n for n in v.preorder() if n.is_Function and n.fdef.name == "gamma"]
    if len(gs) < 2:
        return v
    args = {g.args[0] for g in gs}
    rep: dict[Expr, Expr] = {}
    for g in gs:
        u = g.args[0]
        for m in range(8, 0, -1):   # the smallest argument present
            base = add(u, number(-m))
            if base in args:
                rep[g] = mul(*(add(base, number(j)) for j in range(m)),
                             g.fdef(base))
                break
    return subs(v, rep) if rep else v


def _tidy_value(v: Expr) -> Expr:
    """The smallest of a few equivalent forms of a closed value: the sum expanded, its
    logarithms kept apart and the rest over one denominator (factored where smaller)."""
    v = _gamma_shifts(v)
    forms = [v]
    try:
        from ...algebra import cancel, factor, together

        ex = expand(v)
        forms.append(ex)
        logs, rest = [], []
        for t in (ex.args if ex.is_Add else (ex,)):
            (logs if any(n.is_Function and n.fdef.name in ("log", "erfc", "exp")
                         for n in t.preorder()) else rest).append(t)
        r = add(*rest)
        g = _grouped(r)
        if g is not None:
            forms.append(add(*logs, g))
        for f in (together, cancel, factor):
            try:
                r2 = f(r)
            except (SymcalcError, ArithmeticError):
                continue
            forms.append(add(*logs, r2))
            forms.append(f(v))
    except (SymcalcError, ArithmeticError):
        pass
    return min(forms, key=lambda g: (g.count_ops(), g.sort_key()))


def _grouped(r: Expr) -> Expr | None:
    """N/D with N's terms grouped by the symbols they share, each group factored, and
    the groups that D divides taken out: (m1^2 - 2*m1*m2 + m2^2 + s1^2 - s2^2)/(2*s2^2)
    is ((m1 - m2)^2 + s1^2)/(2*s2^2) - 1/2."""
    from ...algebra import cancel, factor, numer_denom

    n, d = numer_denom(cancel(r))
    n = expand(n)
    if not n.is_Add or len(n.args) > 40:
        return None
    groups: list[tuple[set, list[Expr]]] = []
    for t in n.args:
        syms = set(free_symbols(t))
        joined = [g for g in groups if g[0] & syms]
        for g in joined:
            groups.remove(g)
            syms |= g[0]
        terms = [u for g in joined for u in g[1]] + [t]
        groups.append((syms, terms))
    if len(groups) < 2:
        return None
    kept, out = [], []
    for _, terms in groups:
        gsum = factor(add(*terms))
        q = cancel(mul(gsum, power(d, MINUS_ONE)))
        if not q.is_Mul or not any(f.is_Pow and f.args[1].is_Number and f.args[1].value < 0
                                   for f in q.args):
            if not (q.is_Pow and q.args[1].is_Number and q.args[1].value < 0):
                out.append(q)
                continue
        kept.append(gsum)
    return add(*out, mul(add(*kept), power(d, MINUS_ONE)))


def gaussian(e: Expr, x: Symbol, lo: Expr, hi: Expr) -> Expr | None:
    """∫_lo^hi e dx for e a polynomial times exp(quadratic) (see the module docstring);
    None when e is not of that form, a bound is finite on both sides, or a > 0 is not
    known."""
    if lo is NEG_OO and hi is oo:
        half = False
    elif hi is oo and lo is not NEG_OO:
        half = True
        if lo is not ZERO:
            e = subs(e, {x: add(x, lo)})
    elif lo is NEG_OO:
        half = True
        e = subs(e, {x: add(hi, mul(MINUS_ONE, x))})
    else:
        return None
    y = x
    if not any(_is_exp(n) and _has(n, y) for n in e.preorder()):
        return None
    e = _expand_logs(e, y)
    if e is None:
        return None
    try:
        terms = expand(e)
    except SymcalcError:
        return None
    total: list[Expr] = []
    split = [_term(t, y) for t in (terms.args if terms.is_Add else (terms,))]
    if any(p is None for p in split):
        return None
    exps = {p[2] for p in split}
    for k, n, q in split:
        if not isinstance(n, int):
            if half and lo is ZERO:
                m = _symbolic_moment(n, q, y)
            else:
                m = _symbolic_even_moment(n, q, y) if not half else None
            if m is None:
                return None
            total.append(mul(k, m))
            continue
        abc = _quadratic(q, y)
        if abc is None or n > _MAX_DEGREE:
            return None
        a, b, c = abc
        if not _positive(a):
            if len(exps) == 1 and _positive(mul(MINUS_ONE, a)):
                # one exponential growing like exp(|a| x^2) times a nonzero polynomial
                raise DomainError(f"integrate: the integral of {e} over ({lo}, {hi}) "
                                  f"diverges (the integrand grows like exp({q}))")
            return None
        from ...core.functions import exp

        total.append(mul(k, exp(c), _moments(a, b, n, half)[n]))
    return _tidy_value(add(*total))


__all__ = ["gaussian"]
