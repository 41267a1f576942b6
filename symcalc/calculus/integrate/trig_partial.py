"""Rational functions of cos u alone (or sin u alone) with parameters: partial fractions
in cos u, and the reduction formula for the powers of 1/(a + b*cos u).

* **Partial fractions in cos u.** R(cos u) = polynomial + Σ c/cos(u)^k + Σ c/(a +
  b*cos(u))^k (apart over Q(parameters)); each piece has its textbook answer (powers of
  cos and sec by their reduction formulas, 1/(a + b*cos) by the half-angle tangent),
  where the tangent half-angle substitution on the whole gives one long rational
  function in tan(u/2) (with |b| from a biquadratic with parameters):
  (B*sec + C*sec^2)/(a + b*sec) = C/(b*cos) + (B*b - C*a)/(b*(b + a*cos)).
* **Reduction of ∫ (a + b*cos u)^(-n)** (n ≥ 2, a² ≠ b²), checked by differentiating:

      ∫ du/(a + b*cos u)^n = -b*sin u/((n - 1)*(a² - b²)*(a + b*cos u)^(n-1))
          + (2n - 3)*a/((n - 1)*(a² - b²)) * ∫ du/(a + b*cos u)^(n-1)
          - (n - 2)/((n - 1)*(a² - b²)) * ∫ du/(a + b*cos u)^(n-2)

  and with sin u for cos u, b*cos u for -b*sin u in the first term.

>>> from symcalc import symbols, cos, sec
>>> from symcalc.calculus.integrate import integrate
>>> x, a, b = symbols("x a b")
>>> integrate(1/(a + b*sec(x)), x)
x/a - 2*b*atanh(tan(x/2)*sqrt(a - b)/sqrt(a + b))/(a*sqrt(a + b)*sqrt(a - b))
"""

from __future__ import annotations

from fractions import Fraction
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


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _linear_trig(B: Expr, x: Symbol) -> tuple[Expr, Expr, str, Expr] | None:
    """(a, b, name, u) for B = a + b*f(u), f = sin or cos, u linear in x, a and b free of
    x and both nonzero."""
    if not B.is_Add:
        return None
    from .engine import split_constant

    a_terms, f_term = [], None
    for t in B.args:
        if not _has(t, x):
            a_terms.append(t)
            continue
        if f_term is not None:
            return None
        f_term = t
    if f_term is None or not a_terms:
        return None
    b, f = split_constant(f_term, x)
    if not (f.is_Function and f.fdef.name in ("sin", "cos", "sinh", "cosh")
            and len(f.args) == 1):
        return None
    return add(*a_terms), b, f.fdef.name, f.args[0]


def reciprocal_power_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ (a + b*cos u)^(-n), n ≥ 2 (also sin): the reduction formula (module docstring)."""
    if not (e.is_Pow and e.args[1].is_Number and isinstance(e.args[1].value, int)
            and e.args[1].value <= -1):
        return None
    lt = _linear_trig(e.args[0], x)
    if lt is None:
        return None
    a, b, name, u = lt
    from ...core.functions import atan, cos, cosh, log, sin, sinh, sqrt, tanh
    from ..diff import diff

    du = diff(u, x)
    if _has(du, x):
        return None
    n = -e.args[1].value
    B = e.args[0]
    from ...algebra.rational import cancel

    try:  # a² = b² (1 + cos, cosh - 1, ...) is the half-angle square's case, not this one
        if cancel(add(mul(a, a), mul(-1, b, b))) == ZERO or (
                name == "sinh" and cancel(add(mul(a, a), mul(b, b))) == ZERO):
            return None
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if n == 1:
        if name not in ("sinh", "cosh"):
            return None
        t = tanh(mul(number(Fraction(1, 2)), u))
        if name == "sinh":
            # 2/√D atanh((a t - b)/√D), D = a² + b², is complex beyond the pole (where
            # |a t - b| > √D); log(((a t - b + √D)/(a t - b - √D))^2)/(2√D) has the same
            # derivative and is real on both sides
            r = sqrt(add(mul(a, a), mul(b, b)))
            z = add(mul(a, t), mul(MINUS_ONE, b))
            q = mul(add(z, r), power(add(z, mul(MINUS_ONE, r)), MINUS_ONE))
            F = mul(power(mul(2, r, du), MINUS_ONE), log(power(q, number(2))))
        else:                # 2 atan(√(b - a) t/√(a + b))/(√(b - a) √(a + b))
            p, q = sqrt(add(b, mul(MINUS_ONE, a))), sqrt(add(a, b))
            F = mul(2, power(mul(p, q, du), MINUS_ONE),
                    atan(mul(p, t, power(q, MINUS_ONE))))
        return Step("table", e, x, F, (), f"t = {t}")
    sg = 1 if name == "sinh" else -1
    D = add(mul(a, a), mul(sg, b, b))
    first = {"cos": mul(MINUS_ONE, b, sin(u)), "sin": mul(b, cos(u)),
             "cosh": mul(MINUS_ONE, b, sinh(u)), "sinh": mul(MINUS_ONE, b, cosh(u))}[name]
    subs_steps = []
    lower = []
    for k in (n - 1, n - 2):
        if k == 0:
            lower.append(x)
            continue
        st = ctx.integrate(power(B, number(-k)), x)
        if st is None:
            return None
        subs_steps.append(st)
        lower.append(st.result)
    try:
        F = add(mul(first, power(mul(n - 1, D, du), MINUS_ONE), power(B, number(1 - n))),
                mul(number(2 * n - 3), a, power(mul(n - 1, D), MINUS_ONE), lower[0]),
                mul(number(-(n - 2)), power(mul(n - 1, D), MINUS_ONE), lower[1]))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    return Step("reduction formula", e, x, F, tuple(subs_steps))


_TRIG = frozenset(("sin", "cos", "tan", "cot", "sec", "csc"))


_HYP = frozenset(("sinh", "cosh", "tanh", "coth", "sech", "csch"))
#: name -> (power of S, power of C): sin u = S, tan u = S/C, ... (sinh alike)
_SC = {"sin": (1, 0), "cos": (0, 1), "tan": (1, -1), "cot": (-1, 1), "sec": (0, -1),
       "csc": (-1, 0), "sinh": (1, 0), "cosh": (0, 1), "tanh": (1, -1), "coth": (-1, 1),
       "sech": (0, -1), "csch": (-1, 0)}


def _to_sc(e: Expr, u: Expr, S: Symbol, C: Symbol, hyper: bool) -> Expr:
    """e with the functions of u written with S = sin u, C = cos u (sinh, cosh)."""
    names = _HYP if hyper else _TRIG
    table = {}
    for n in e.preorder():
        if n.is_Function and n.args and n.args[0] == u:
            if n.fdef.name not in names:
                raise SymcalcError("mixed functions")
            i, j = _SC[n.fdef.name]
            table[n] = mul(power(S, number(i)), power(C, number(j)))
    return subs(e, table)


def single_argument(e: Expr, x: Symbol) -> Expr | None:
    """u when x occurs in e only inside sin, cos, ... of one argument u = c + d*x (d free
    of x, symbolic or a number)."""
    u = None
    stack = [e]
    while stack:
        n = stack.pop()
        if not _has(n, x):
            continue
        if n.is_Function and (n.fdef.name in _TRIG or n.fdef.name in _HYP) \
                and len(n.args) == 1:
            if u is None:
                u = n.args[0]
            elif n.args[0] != u:
                return None
            continue
        if n is x or n.is_Function or (n.is_Pow and not (
                n.args[1].is_Number and isinstance(n.args[1].value, int))):
            return None
        stack.extend(n.args)
    if u is None:
        return None
    from ..diff import diff

    if _has(diff(u, x), x) or _has(diff(diff(u, x), x), x) or diff(diff(u, x), x) != ZERO:
        return None
    return u


def _parametric_root(dep: Expr, var: Symbol, params: set) -> bool:
    """Whether a sum in var in dep (a denominator factor) has a root that depends on the
    parameters (a + b*C does, c - c*C does not)."""
    from ...algebra.rational import cancel

    for n in dep.preorder():
        if not (n.is_Add and _has(n, var)):
            continue
        try:
            lead = subs(n, {var: ONE})
            c0 = subs(n, {var: ZERO})
            c1 = add(lead, mul(-1, c0))
            if cancel(add(n, mul(-1, c0), mul(-1, c1, var))) != ZERO:
                return bool(free_symbols(n) & params)  # not linear: be generous
            if c1 == ZERO:
                continue
            if free_symbols(cancel(mul(c0, power(c1, MINUS_ONE)))) & params:
                return True
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            return True
    return False


def partial_fractions_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(cos u) dx (or R(sin u)) with parameters: apart in cos u, then each piece."""
    if not (e.is_Mul or e.is_Pow):
        return None
    u = single_argument(e, x)
    if u is None:
        return None
    params = free_symbols(e) - {x}
    if not params:
        return None
    from ...algebra.rational import apart, cancel
    from ...core.functions import cos, cosh, sin, sinh
    from .zero_screen import is_zero  # symmetry tests, numerically screened first

    S, C = Symbol("S_pf"), Symbol("C_pf")
    hyper = any(n.is_Function and n.fdef.name in _HYP for n in e.preorder())
    sign = 1 if hyper else -1          # C^2 = 1 + sign*S^2... cos^2 = 1 - sin^2
    try:
        R = cancel(_to_sc(e, u, S, C, hyper))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if _has(R, x):
        return None
    try:
        # even in C (S): C^2 = 1 ± S^2 (S^2 = ±(C^2 - 1)) makes it a function of S (C)
        if _has(R, C) and _has(R, S):
            if is_zero(add(subs(R, {C: mul(-1, C)}), mul(-1, R))):
                R = cancel(subs(R, {C: power(add(1, mul(sign, S, S)), number(Fraction(1, 2)))}))
            elif is_zero(add(subs(R, {S: mul(-1, S)}), mul(-1, R))):
                R = cancel(subs(R, {S: power(mul(sign, add(mul(C, C), -1)),
                                                 number(Fraction(1, 2)))}))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if any(n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int))
           and (_has(n.args[0], S) or _has(n.args[0], C)) for n in R.preorder()):
        return None
    try:
        # a Bioche symmetry (odd in S or in C, or even in both together) gives a shorter
        # route by u = cos, sin or tan
        if is_zero(add(subs(R, {S: mul(-1, S)}), R)) \
                or is_zero(add(subs(R, {C: mul(-1, C)}), R)) \
                or is_zero(add(subs(R, {S: mul(-1, S), C: mul(-1, C)}), mul(-1, R))):
            return None
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if not _has(R, S):
        var, f = C, (cosh if hyper else cos)(u)
    elif not _has(R, C):
        var, f = S, (sinh if hyper else sin)(u)
    else:
        return None
    try:
        P = apart(R, var)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if not P.is_Add or len(P.args) < 2:
        return None
    from ...core.expand import expand
    from .engine import split_constant

    pieces: dict[Expr, Expr] = {}
    for t in P.args:
        fraction = any(n.is_Pow and n.args[1].is_Number and n.args[1].value < 0
                       and _has(n.args[0], var) for n in t.preorder())
        terms = (t,) if fraction else (expand(t).args if expand(t).is_Add else (expand(t),))
        for m in terms:
            c, dep = split_constant(m, var) if _has(m, var) else (m, ONE)
            pieces[dep] = add(pieces.get(dep, ZERO), c)
    if not any(_parametric_root(dep, var, params) for dep in pieces):
        return None  # no denominator with parameters: Bioche or tan(u/2) on the whole
    steps, total = [], []
    for dep, c in pieces.items():
        if c == ZERO:
            continue
        g = subs(dep, {var: f})
        st = ctx.integrate(g, x)
        if st is None:
            return None
        steps.append(st)
        total.append(mul(c, st.result))
    from .trig_sqrt_ratio import collect_terms

    return Step("partial fractions in " + f.fdef.name, e, x, collect_terms(add(*total), x),
                tuple(steps),
                f"{f} = {var}")





def _homogeneous_linear(B: Expr, S: Symbol, C: Symbol) -> tuple[Expr, Expr] | None:
    """(p, q) for B = p*C + q*S with p, q nonzero and free of S and C."""
    from ...algebra.rational import cancel

    try:
        p = subs(B, {S: ZERO, C: ONE})
        q = subs(B, {S: ONE, C: ZERO})
        rest = cancel(add(B, mul(-1, p, C), mul(-1, q, S)))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if rest != ZERO or p == ZERO or q == ZERO or _has(p, S) or _has(p, C) \
            or _has(q, S) or _has(q, C):
        return None
    return p, q


def linear_combination_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ P(sin u, cos u)/(p*cos u + q*sin u)^n dx: with L = p*cos + q*sin and M = L' =
    q*cos - p*sin (L² + M² = p² + q² = R²), sin and cos are linear in L and M, so the
    integrand is a sum of L^k and L^k*M (M² = R² - L²); L^k*M integrates to a power (or
    log L), and

        ∫ du/L = -atanh(M/R)/R,   ∫ du/L^n = ((n - 2)*∫ du/L^(n-2) - M/L^(n-1))/((n - 1)*R²),

    real wherever L ≠ 0 (|M| < R there)."""
    if not e.is_Mul and not e.is_Pow:
        return None
    u = single_argument(e, x)
    if u is None or any(n.is_Function and n.fdef.name in _HYP for n in e.preorder()):
        return None
    S, C = Symbol("S_lc"), Symbol("C_lc")
    base = None
    for n in (e.args if e.is_Mul else (e,)):
        if n.is_Pow and n.args[1].is_Number and isinstance(n.args[1].value, int) \
                and n.args[1].value < 0 and n.args[0].is_Add:
            if base is not None:
                return None
            base = n
    if base is None:
        return None
    from ...algebra.rational import cancel
    from ...core.expand import expand
    from ...core.functions import atanh, cos, log, sin, sqrt
    from ..diff import diff

    try:
        B = _to_sc(base.args[0], u, S, C, False)
        pq = _homogeneous_linear(B, S, C)
        if pq is None:
            return None
        p, q = pq
        n = -base.args[1].value
        R0 = _to_sc(e, u, S, C, False)
        N = cancel(mul(R0, power(B, number(n))))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if any(n_.is_Pow and n_.args[1].is_Number and n_.args[1].value < 0
           and (_has(n_.args[0], S) or _has(n_.args[0], C)) for n_ in N.preorder()):
        return None  # the numerator must be a polynomial in sin and cos
    if any(n_.is_Function for n_ in N.preorder() if _has(n_, S) or _has(n_, C)):
        return None
    L, M = Symbol("L_lc"), Symbol("M_lc")
    R2 = add(mul(p, p), mul(q, q))
    iR2 = power(R2, MINUS_ONE)
    try:
        P = expand(subs(N, {C: mul(iR2, add(mul(p, L), mul(q, M))),
                            S: mul(iR2, add(mul(q, L), mul(-1, p, M)))}))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    from .engine import split_constant

    # terms c*L^j*M^k -> c*L^j*(R2 - L^2)^(k//2)*M^(k%2), collected by (j', k%2)
    coeffs: dict[tuple[int, int], Expr] = {}
    for t in (P.args if P.is_Add else (P,)):
        c, dep = split_constant(t, L) if _has(t, L) else (t, ONE)
        c2, mdep = split_constant(c, M) if _has(c, M) else (c, ONE)
        c, dep = c2, mul(dep, mdep)
        j = k = 0
        for f in (dep.args if dep.is_Mul else (dep,)):
            if f is ONE:
                continue
            b_, ex = (f.args[0], f.args[1].value) if f.is_Pow else (f, 1)
            if b_ is L:
                j += ex
            elif b_ is M:
                k += ex
            else:
                return None
        if not (isinstance(j, int) and isinstance(k, int)) or k < 0:
            return None
        poly = expand(mul(c, power(add(R2, mul(-1, L, L)), number(k // 2)),
                          power(L, number(j))))
        for t2 in (poly.args if poly.is_Add else (poly,)):
            c3, d3 = split_constant(t2, L) if _has(t2, L) else (t2, ONE)
            jj = 0 if d3 is ONE else (d3.args[1].value if d3.is_Pow else 1)
            key = (jj - n, k % 2)
            coeffs[key] = add(coeffs.get(key, ZERO), c3)
    du = diff(u, x)
    Lu = add(mul(p, cos(u)), mul(q, sin(u)))
    Mu = add(mul(q, cos(u)), mul(-1, p, sin(u)))
    R = sqrt(R2)
    memo: dict[int, Expr] = {}

    def neg_power(m: int) -> Expr:  # ∫ du/L^m, m >= 0
        if m in memo:
            return memo[m]
        if m == 0:
            r = u
        elif m == 1:
            r = mul(MINUS_ONE, atanh(mul(Mu, power(R, MINUS_ONE))), power(R, MINUS_ONE))
        else:
            r = mul(add(mul(m - 2, neg_power(m - 2)), mul(MINUS_ONE, Mu,
                                                          power(Lu, number(1 - m)))),
                    power(mul(m - 1, R2), MINUS_ONE))
        memo[m] = r
        return r

    total, steps = [], []
    for (j, k), c in sorted(coeffs.items()):
        c = cancel(c)
        if c == ZERO:
            continue
        if k == 1:
            F = log(Lu) if j == -1 else mul(power(Lu, number(j + 1)), number(Fraction(1, j + 1)))
        elif j < 0:
            F = neg_power(-j)
        else:
            st = ctx.integrate(expand(power(Lu, number(j))), x)
            if st is None:
                return None
            steps.append(st)
            total.append(mul(c, st.result))
            continue
        total.append(mul(c, F, power(du, MINUS_ONE)))
    if not total:
        return None
    from .trig_sqrt_ratio import collect_terms

    return Step("linear combination of sin and cos", e, x, collect_terms(add(*total), x),
                tuple(steps), f"L = {Lu}, L' = {Mu}")


def double_angle_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Functions of u and 2u together, the ones of u only in even powers (or sin u*cos u):
    sin(u)^2 = (1 - cos 2u)/2, cos(u)^2 = (1 + cos 2u)/2, tan(u)^2 = (1 - cos 2u)/(1 +
    cos 2u), sin u*cos u = sin(2u)/2 leave one argument, 2u (sin(x)^2/(a + b*cos(2*x)))."""
    if not (e.is_Mul or e.is_Pow):
        return None
    funcs = [n for n in e.preorder() if n.is_Function and _has(n, x)]
    args = {n.args[0] for n in funcs if n.args}
    if len(args) != 2 or any(n.fdef.name not in _TRIG for n in funcs):
        return None
    if any(n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int))
           and _has(n.args[0], x) for n in e.preorder()):
        return None  # radicals: the half-angle squares of trig_radicals.py
    from ...algebra.rational import cancel
    from ...core.functions import cos, sin

    a1, a2 = sorted(args, key=str)
    try:
        r = cancel(mul(a2, power(a1, MINUS_ONE)))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if r.is_Number and r.value == 2:
        u, v = a1, a2
    elif r.is_Number and r.value == Fraction(1, 2):
        u, v = a2, a1
    else:
        return None
    c2 = cos(v)
    half = number(Fraction(1, 2))
    sq = {"sin": mul(half, add(1, mul(-1, c2))), "cos": mul(half, add(1, c2)),
          "tan": mul(add(1, mul(-1, c2)), power(add(1, c2), MINUS_ONE)),
          "cot": mul(add(1, c2), power(add(1, mul(-1, c2)), MINUS_ONE)),
          "sec": mul(2, power(add(1, c2), MINUS_ONE)),
          "csc": mul(2, power(add(1, mul(-1, c2)), MINUS_ONE))}
    mapping = {}
    for n in e.preorder():
        if n.is_Pow and n.args[0].is_Function and n.args[0].args \
                and n.args[0].args[0] == u and n.args[1].is_Number \
                and isinstance(n.args[1].value, int) and n.args[1].value % 2 == 0:
            mapping[n] = power(sq[n.args[0].fdef.name], number(n.args[1].value // 2))
    g = e
    if e.is_Mul and sin(u) in e.args and cos(u) in e.args:
        g = mul(*(f for f in e.args if f is not sin(u) and f is not cos(u)), half, sin(v))
    try:
        g = subs(g, mapping) if mapping else g
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if g == e or any(n.is_Function and n.args and n.args[0] == u for n in g.preorder()):
        return None
    st = ctx.integrate(g, x)
    if st is None:
        return None
    return Step("double angle", e, x, st.result, (st,), f"even powers of functions of {u}")


def expand_mul(a: Expr, b: Expr) -> Expr:
    from ...core.expand import expand

    return expand(mul(a, b))


def linear_times_rational_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ (p + q*x)*R(sin u, cos u) dx with R not a polynomial in sin and cos (a
    denominator): parts with dv = R dx, ∫ = (p + q*x)*V - q*∫ V dx (x/(1 + sin(x)) =
    -x*cos(x)/(1 + sin(x)) + log(1 + sin(x)))."""
    if not e.is_Mul:
        return None
    lin = [f for f in e.args if _has(f, x) and (f is x or (f.is_Add and all(
        not _has(t, x) or t is x or (t.is_Mul and sum(a is x for a in t.args) == 1
                                     and all(a is x or not _has(a, x) for a in t.args))
        for t in f.args)))]
    if len(lin) != 1:
        return None
    L = lin[0]
    R = mul(*(f for f in e.args if f is not L))
    u = single_argument(R, x)
    if u is None or not any(n.is_Pow and n.args[1].is_Number and n.args[1].value < 0
                            and n.args[0].is_Add and _has(n.args[0], x)
                            for n in R.preorder()):
        return None
    from ...algebra.rational import cancel
    from ...core.functions import cos, sin
    from ..diff import diff

    q = diff(L, x)
    if _has(q, x):
        return None
    # cos^2 = 1 - sin^2 where R is even in cos: cos(x)^2/(1 + sin(x)) = 1 - sin(x)
    S, C = Symbol("S_lr"), Symbol("C_lr")
    try:
        RS = cancel(_to_sc(R, u, S, C, False))
        if _has(RS, C) and cancel(add(subs(RS, {C: mul(-1, C)}), mul(-1, RS))) == ZERO:
            RS = cancel(subs(RS, {C: power(add(1, mul(-1, S, S)), number(Fraction(1, 2)))}))
            if not any(n.is_Pow and not (n.args[1].is_Number
                                         and isinstance(n.args[1].value, int))
                       and _has(n.args[0], S) for n in RS.preorder()):
                from ...algebra.rational import numer_denom

                if not _has(numer_denom(RS)[1], S):
                    st = ctx.integrate(expand_mul(L, subs(RS, {S: sin(u)})), x)
                    return None if st is None else Step("rewrite", e, x, st.result, (st,),
                                                        "cos^2 = 1 - sin^2")
                R = subs(RS, {S: sin(u), C: cos(u)})
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        pass
    sv = ctx.integrate(R, x)
    if sv is None:
        return None
    V = sv.result
    sw = ctx.integrate(V, x)
    if sw is None:
        return None
    F = add(mul(L, V), mul(MINUS_ONE, q, sw.result))
    return Step("parts", e, x, F, (sv, sw), f"u = {L}, dv = {R} dx")


#: p*(1 + s*f^2) = p*g^2: (f, s) -> g with its power (1 - sin^2 = cos^2, 1 + tan^2 = sec^2,
#: sec^2 - 1 = tan^2 written as -(1 - sec^2), cosh^2 - 1 = sinh^2, ...)
_PYTHAGORAS = {("sin", -1): ("cos", 1), ("cos", -1): ("sin", 1), ("tan", 1): ("sec", 1),
               ("cot", 1): ("csc", 1), ("sec", -1): ("tan", -1), ("csc", -1): ("cot", -1),
               ("sinh", 1): ("cosh", 1), ("cosh", -1): ("sinh", -1),
               ("tanh", -1): ("sech", 1), ("coth", -1): ("csch", -1)}


def pythagorean_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """p*(1 - sin(u)^2) = p*cos(u)^2, p*(1 + tan(u)^2) = p*sec(u)^2, ... in a product
    (not under radicals: trig_radicals.py has those), so that sec(x)^3/(a - a*sin(x)^2)
    is sec(x)^5/a."""
    if not (e.is_Mul or e.is_Pow):
        return None
    from ...core import functions as fn
    from .engine import split_constant

    mapping = {}
    for n in (e.args if e.is_Mul else (e,)):
        B = n.args[0] if n.is_Pow and n.args[1].is_Number \
            and isinstance(n.args[1].value, int) else n
        if not (B.is_Add and len(B.args) == 2 and _has(B, x)):
            continue
        consts = [t for t in B.args if not _has(t, x)]
        if len(consts) != 1:
            continue
        p0 = consts[0]
        other = B.args[1] if B.args[0] is p0 else B.args[0]
        c, f2 = split_constant(other, x)
        if not (f2.is_Pow and f2.args[1].is_Number and f2.args[1].value == 2
                and f2.args[0].is_Function and len(f2.args[0].args) == 1):
            continue
        from ...algebra.rational import cancel

        try:
            r = cancel(mul(c, power(p0, MINUS_ONE)))
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            continue
        if not (r.is_Number and r.value in (1, -1)):
            continue
        hit = _PYTHAGORAS.get((f2.args[0].fdef.name, int(r.value)))
        if hit is None:
            continue
        g, sg = hit
        mapping[B] = mul(sg, p0, power(getattr(fn, g)(f2.args[0].args[0]), number(2)))
    if not mapping:
        return None
    try:
        g_ = subs(e, mapping)
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return None
    if g_ == e:
        return None
    st = ctx.integrate(g_, x)
    if st is None:
        return None
    return Step("Pythagorean identity", e, x, st.result, (st,), "1 - sin^2 = cos^2, ...")


__all__ = ["double_angle_method", "linear_combination_method", "linear_times_rational_method",
           "partial_fractions_method", "pythagorean_method", "reciprocal_power_method"]
