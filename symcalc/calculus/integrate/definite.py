"""Definite integrals by the fundamental theorem of calculus, with care at the bad points.

∫_a^b f dx = F(b) - F(a) holds when the antiderivative F is continuous on [a, b]. So the
points where F or f may break (zeros of denominators and of log arguments, poles of
tan/sec/cot/csc of linear arguments, kinks of abs/relu) are found first; [a, b] is split
there, and each piece contributes lim_{x→hi⁻} F - lim_{x→lo⁺} F. Infinite bounds are
limits too. An infinite one-sided limit means the integral diverges (DomainError); a
limit that cannot be decided, or a singular point that cannot be located exactly, leaves
the integral unevaluated. On finite intervals the value is cross-checked against
Gauss–Legendre quadrature, so an undetected jump of F never gives a wrong number.

Before an antiderivative is looked for, three methods that need none are tried: splitting
at the kinks and jumps of abs/max/min/piecewise/floor/... (``definite_split``), Gaussian
moments with parameters (``definite_gauss``), the Dirichlet and Frullani integrals
(``definite_table``). A sum with no antiderivative as a whole is integrated term by term.

>>> from symcalc import symbols, log, cos, pi, exp, oo
>>> x = symbols("x")
>>> definite(log(x), x, 0, 1)[0]
-1
>>> definite(1/(2 + cos(x)), x, 0, 2*pi)[0]
2*sqrt(3)*pi/3
>>> definite(x*exp(-x), x, 0, oo)[0]
1
"""

from __future__ import annotations

import math
from fractions import Fraction

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr, as_expr
from ...core.numbers import MINUS_ONE, ONE, ZERO, nan, number, oo, pi
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import DomainError, SymcalcError
from .steps import Step

NEG_OO = mul(MINUS_ONE, oo)

#: Functions with a pole or a jump where their argument is 0 (or ±1 for atanh/acoth).
_ZERO_SINGULAR = {"log", "sign", "heaviside", "abs", "relu", "coth", "csch", "Ei", "li",
                  "acot"}
_UNIT_SINGULAR = {"atanh", "acoth", "li"}
#: sin/cos-type poles: name -> offset of the zeros, as a multiple of pi/2, period pi.
_TRIG_POLES = {"tan": 1, "sec": 1, "cot": 0, "csc": 0}

#: Values at +oo and -oo of functions of an argument that tends to +oo / -oo.
_AT_INF: dict[str, tuple[Expr | None, Expr | None]] = {}


def _at_inf() -> dict[str, tuple[Expr | None, Expr | None]]:
    if not _AT_INF:
        h = number(Fraction(1, 2))
        _AT_INF.update({
            "exp": (oo, ZERO), "log": (oo, None), "sqrt": (oo, None),
            "atan": (mul(h, pi), mul(-1, h, pi)), "acot": (ZERO, ZERO),
            "tanh": (ONE, MINUS_ONE), "erf": (ONE, MINUS_ONE), "erfc": (ZERO, number(2)),
            "sigmoid": (ONE, ZERO), "softplus": (oo, ZERO), "sinh": (oo, NEG_OO),
            "cosh": (oo, oo), "asinh": (oo, NEG_OO), "acosh": (oo, None),
            "coth": (ONE, MINUS_ONE), "sech": (ZERO, ZERO), "csch": (ZERO, ZERO),
            "relu": (oo, ZERO), "abs": (oo, oo), "sign": (ONE, MINUS_ONE),
            "heaviside": (ONE, ZERO), "Ei": (oo, ZERO), "li": (oo, None),
            "atanh": (None, None), "acoth": (ZERO, ZERO), "asec": (mul(h, pi), mul(h, pi)),
            "acsc": (ZERO, ZERO), "Li2": (None, NEG_OO),
        })
        from ...core.functions_special import at_infinity

        _AT_INF.update(at_infinity())
    return _AT_INF


def _is_inf(v: Expr) -> int:
    """+1 for oo, -1 for -oo, 0 otherwise."""
    if v is oo:
        return 1
    if v is NEG_OO:
        return -1
    return 0


def _bad(v: Expr) -> bool:
    """Whether v contains oo, nan or another sign of a singular evaluation."""
    for n in v.preorder():
        if n.is_Number and isinstance(n.value, float) and not math.isfinite(n.value):
            return True
        if n is oo or n is nan:
            return True
    from ...core.kinks import has_pole

    return has_pole(v)  # gamma(0), zeta(1): unevaluated, but not finite numbers


def _num(v: Expr) -> float | None:
    """The real value of a closed expression, or None."""
    try:
        z = complex(v.evalf())
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError,
            AttributeError):
        return None
    if not (math.isfinite(z.real) and math.isfinite(z.imag)):
        return None
    if abs(z.imag) > 1e-12 * max(1.0, abs(z.real)):
        return None
    return z.real


def _sign(v: Expr) -> int | None:
    """Sign of a t-free expression: by assumptions, else numerically; None if unknown."""
    from ...core.assumptions import is_negative, is_positive

    if v is ZERO:
        return 0
    if is_positive(v):
        return 1
    if is_negative(v):
        return -1
    if free_symbols(v):
        return None
    f = _num(v)
    if f is None or f == 0:
        return None
    return 1 if f > 0 else -1


def _eval_at(e: Expr, t: Symbol, tv: float) -> float | None:
    try:
        z = complex(e.evalf({t: tv}))
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None
    if not (math.isfinite(z.real) and math.isfinite(z.imag)):
        return None
    if abs(z.imag) > 1e-9 * max(1.0, abs(z.real)):
        return None
    return z.real


def _sign_far(e: Expr, t: Symbol) -> int | None:
    """The sign of e at large t (the same at t = 1e6 and 1e9), or None."""
    signs = set()
    for tv in (1e6, 1e9):
        v = _eval_at(e, t, tv)
        if v is None or v == 0:
            return None
        signs.add(v > 0)
    if len(signs) != 1:
        return None
    return 1 if signs.pop() else -1


# --------------------------------------------------------------------------- limits at +oo


def limit_at_infinity(e: Expr, t: Symbol, depth: int = 0) -> Expr | None:
    """lim_{t→+oo} e: a t-free expression, oo, -oo, or None when undecided."""
    if t not in free_symbols(e):
        return e
    if depth > 40:
        return None
    if e is t:
        return oo
    d = depth + 1
    if e.is_Add:
        ls = [limit_at_infinity(a, t, d) for a in e.args]
        if all(v is not None for v in ls):
            infs = {_is_inf(v) for v in ls} - {0}
            if not infs:
                return add(*ls)
            if len(infs) == 1:
                return oo if infs.pop() > 0 else NEG_OO
        return _indeterminate_sum(e, t, d)
    if e.is_Mul:
        ls = [limit_at_infinity(a, t, d) for a in e.args]
        if any(v is None for v in ls):
            return _numeric_limit(e, t)
        zero = any(v is ZERO for v in ls)
        inf = any(_is_inf(v) for v in ls)
        if zero and inf:
            return _lhopital(e, ls, t, d)
        if inf:
            s = _sign_far(e, t)
            if s is None:
                sg = 1
                for v in ls:
                    k = _is_inf(v) or _sign(v)
                    if k is None:
                        return None
                    sg *= k
                s = sg
            return oo if s > 0 else NEG_OO
        return mul(*ls)
    if e.is_Pow:
        b, n = e.args
        if t in free_symbols(n):
            from ...core.functions import exp, log

            return limit_at_infinity(exp(mul(n, log(b))), t, d)
        lb = limit_at_infinity(b, t, d)
        if lb is None:
            return None
        ns = _sign(n)
        if ns is None:
            return None
        if _is_inf(lb):
            if ns > 0:
                s = _sign_far(e, t)
                return None if s is None else (oo if s > 0 else NEG_OO)
            return ZERO
        if lb is ZERO:
            if ns > 0:
                return ZERO
            s = _sign_far(e, t)
            return None if s is None else (oo if s > 0 else NEG_OO)
        try:
            return power(lb, n)
        except SymcalcError:
            return None
    if e.is_Function:
        name = e.fdef.name
        if len(e.args) != 1:
            return _numeric_limit(e, t)
        lu = limit_at_infinity(e.args[0], t, d)
        if lu is None:
            return None
        k = _is_inf(lu)
        if k:
            row = _at_inf().get(name)
            if row is None:
                return None
            return row[0] if k > 0 else row[1]
        if name == "log" and lu is ZERO:
            return NEG_OO    # log|u| as u -> 0 from either side
        if name in ("floor", "ceiling", "frac") and breaks_at(name, lu):
            return None      # a jump: the side decides (calculus/limit_steps.py)
        try:
            v = e.fdef(lu)
        except SymcalcError:
            v = None
        if v is None or _bad(v) or _jumps(name, lu) or v.is_Function and v.fdef is e.fdef \
                and _pole(name, lu):
            s = _sign_far(e, t)
            if _jumps(name, lu):
                val = _eval_at(e, t, 1e9)
                return None if val is None else _snap(val)
            return None if s is None else (oo if s > 0 else NEG_OO)
        return v
    return None


def breaks_at(name: str, lu: Expr) -> bool:
    from ...core.kinks import breaks_at as f

    return f(name, lu)


def _jumps(name: str, lu: Expr) -> bool:
    return name in ("sign", "heaviside") and lu is ZERO


def _pole(name: str, lu: Expr) -> bool:
    """Whether a trig function has a pole at lu (tan(pi/2) stays unevaluated)."""
    if name not in _TRIG_POLES:
        return False
    from ...core.special import pi_coeff

    c = pi_coeff(lu)
    if c is None:
        return False
    k = c * 2 - _TRIG_POLES[name]
    return k.denominator == 1 and k.numerator % 2 == 0


def _snap(v: float) -> Expr | None:
    for c in (-1, 0, 1):
        if abs(v - c) < 1e-6:
            return number(c)
    return None


def _indeterminate_sum(e: Expr, t: Symbol, depth: int) -> Expr | None:
    """∞ - ∞: combine the logarithms into one, or bring the sum to a common denominator."""
    from ...core.functions import log

    logs, rest = [], []
    for a in e.args:
        logs.append(a) if _log_term(a) is not None else rest.append(a)
    if len(logs) >= 2:
        prod = ONE
        for a in logs:
            c, u = _log_term(a)
            prod = mul(prod, power(u, c))
        try:
            from ...algebra.rational import cancel

            prod = cancel(prod)
        except (SymcalcError, ArithmeticError):
            pass
        combined = add(log(prod), *rest)
        if combined is not e:
            r = limit_at_infinity(combined, t, depth + 5)
            if r is not None:
                return r
    try:
        from ...algebra.rational import cancel, together

        g = cancel(together(e))
        if g is not e and not g.is_Add:
            r = limit_at_infinity(g, t, depth + 5)
            if r is not None:
                return r
    except (SymcalcError, ArithmeticError):
        pass
    return _numeric_limit(e, t)


def _log_term(a: Expr) -> tuple[Expr, Expr] | None:
    """(c, u) when a = c*log(u) with a rational number c."""
    if a.is_Function and a.fdef.name == "log":
        return ONE, a.args[0]
    if a.is_Mul and len(a.args) == 2 and a.args[0].is_Number and a.args[1].is_Function \
            and a.args[1].fdef.name == "log" and not isinstance(a.args[0].value, float):
        return a.args[0], a.args[1].args[0]
    return None


def _lhopital(e: Expr, ls: list[Expr], t: Symbol, depth: int) -> Expr | None:
    """0·∞: write the product as N/D with N, D → ∞ and apply L'Hôpital's rule."""
    from ..diff import diff

    N = mul(*(a for a, v in zip(e.args, ls, strict=True) if _is_inf(v)))
    Z = mul(*(a for a, v in zip(e.args, ls, strict=True) if not _is_inf(v)))
    D = power(Z, MINUS_ONE)
    for i in range(4):
        # the rule needs N, D -> ±oo at every step: x/(x + cos x) has N' = 1, and
        # going on would give N'' = 0, a wrong limit 0
        if i and not (_is_inf(limit_at_infinity(N, t, depth + 8))
                      and _is_inf(limit_at_infinity(D, t, depth + 8))):
            break
        try:
            N, D = diff(N, t), diff(D, t)
            q = mul(N, power(D, MINUS_ONE))
        except SymcalcError:
            break
        if q.count_ops() > 400:
            break
        r = limit_at_infinity(q, t, depth + 8)
        if r is not None:
            return r
    return _numeric_limit(e, t)


def _numeric_limit(e: Expr, t: Symbol) -> Expr | None:
    """Only 0 or ±oo are concluded from numbers: |e| shrinking below 1e-12, or growing."""
    vals = [_eval_at(e, t, tv) for tv in (1e3, 1e5, 1e8, 1e12)]
    if any(v is None for v in vals):
        return None
    mags = [abs(v) for v in vals]
    if all(mags[i + 1] < mags[i] for i in range(3)) and mags[-1] < 1e-12 * max(1.0, mags[0]):
        return ZERO
    if all(mags[i + 1] > 10 * mags[i] for i in range(3)) and mags[-1] > 1e12:
        signs = {v > 0 for v in vals}
        if len(signs) == 1:
            return oo if signs.pop() else NEG_OO
    return None


def real_reading(v: Expr) -> Expr:
    """A closed value read as antiderivatives are written, with log meaning log|u|:
    log(c) for c < 0 is log(-c), atanh(c) for |c| > 1 is acoth(c)."""
    from ...core.functions import acoth, log

    if free_symbols(v):
        return v
    rep: dict[Expr, Expr] = {}
    for n in v.preorder():
        if n.is_Function and len(n.args) == 1 and not free_symbols(n.args[0]):
            c = _num(n.args[0])
            if c is None:
                continue
            if n.fdef.name == "log" and c < 0:
                rep[n] = log(mul(MINUS_ONE, n.args[0]))
            elif n.fdef.name == "atanh" and abs(c) > 1:
                rep[n] = acoth(n.args[0])
    return subs(v, rep) if rep else v


def _complex(v: Expr) -> complex | None:
    try:
        z = complex(v.evalf())
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError,
            AttributeError):
        return None
    return z if math.isfinite(z.real) and math.isfinite(z.imag) else None


def _read_on_piece(F: Expr, x: Symbol, lo: Expr, hi: Expr) -> Expr:
    """F with log(u) written log(-u) where u < 0 on the piece, and atanh(u) written
    acoth(u) where |u| > 1: on a piece free of bad points u keeps its sign, so each
    rewrite changes F by a constant (i*pi, i*pi/2) and the result is still an
    antiderivative there, real where the integrand is."""
    from ...core.functions import acoth, log

    a, b = _num(lo), _num(hi)
    if a is None or b is None or not (math.isfinite(a) and math.isfinite(b)):
        return F
    mids = (a + (b - a) * 0.381966, a + (b - a) * 0.618034)
    rep: dict[Expr, Expr] = {}
    for n in F.preorder():
        if not (n.is_Function and len(n.args) == 1 and n.fdef.name in ("log", "atanh")):
            continue
        u = n.args[0]
        if x not in free_symbols(u) or free_symbols(u) != {x}:
            continue
        vs = [_eval_at(u, x, m) for m in mids]
        if any(v is None for v in vs):
            continue
        if n.fdef.name == "log" and all(v < 0 for v in vs):
            rep[n] = log(mul(MINUS_ONE, u))
        elif n.fdef.name == "atanh" and all(abs(v) > 1 for v in vs):
            rep[n] = acoth(u)
    if not rep:
        return F
    G = subs(F, rep)
    diffs = []
    for m in (*mids, a + (b - a) * 0.5):  # G - F must be one constant on the piece
        try:
            diffs.append(complex(G.evalf({x: m})) - complex(F.evalf({x: m})))
        except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
            return F
    if any(not (math.isfinite(d.real) and math.isfinite(d.imag)) or
           abs(d - diffs[0]) > 1e-9 * max(1.0, abs(diffs[0])) for d in diffs):
        return F
    return G


def _complex_for_real(value: Expr, e: Expr, x: Symbol, lo: float, hi: float) -> bool:
    """Whether a closed value has an imaginary part although the integrand is real at
    every sample point of a finite [lo, hi] (a branch of the antiderivative crossed, or
    a pole missed): such a value is not returned."""
    if free_symbols(value) or not (math.isfinite(lo) and math.isfinite(hi)):
        return False
    z = _complex(value)
    if z is None or abs(z.imag) <= 1e-9 * max(1.0, abs(z)):
        return False
    samples = [_eval_at(e, x, lo + (hi - lo) * k / 8) for k in (1, 3, 5, 7)]
    return all(v is not None for v in samples)


def _piece(hi: Expr, lo: Expr) -> Expr:
    """F(hi) - F(lo) on a piece where F is continuous, read with log meaning log|u|
    (:func:`real_reading`) only where that reading has the same value: the reading is
    made end by end, and an end whose log of a negative number was already evaluated
    (log(-2) = log(2) + I*pi) is not read, so the two readings can differ by a constant
    (sec(x)/(3 + sec(x)) on [0, 1.4] once came out with an imaginary part)."""
    raw = add(hi, mul(MINUS_ONE, lo))
    read = add(real_reading(hi), mul(MINUS_ONE, real_reading(lo)))
    if read is raw:
        return raw
    zr, zd = _complex(raw), _complex(read)
    if zr is not None and zd is not None and abs(zr - zd) <= 1e-12 * max(1.0, abs(zr)):
        return read
    return raw


def one_sided(F: Expr, x: Symbol, c: Expr, direction: int) -> Expr | None:
    """lim F as x → c from the right (direction +1) or the left (-1); c may be ±oo."""
    t = Symbol("t_lim", positive=True)
    k = _is_inf(c)
    if k:
        g = subs(F, {x: mul(k, t)})
    else:
        try:
            g = subs(F, {x: add(c, mul(direction, power(t, MINUS_ONE)))})
        except SymcalcError:
            return None
    try:  # Gruntz's algorithm proves its answers; the older engine is the fallback
        from ..gruntz import Gruntz, limit_inf

        return limit_inf(g, t, Gruntz(budget=2.0))
    except (SymcalcError, RecursionError, ArithmeticError):
        pass
    try:
        return limit_at_infinity(g, t)
    except (SymcalcError, RecursionError, ArithmeticError):
        return None


# --------------------------------------------------------------------------- bad points


def _zeros(u: Expr, x: Symbol, lo: float, hi: float) -> list[Expr] | None:
    """Exact real zeros of u in [lo, hi], or None when they cannot be found exactly."""
    from ...algebra.solve import solve

    if x not in free_symbols(u):
        return []
    if u.is_Mul:
        out: list[Expr] = []
        for f in u.args:
            z = _zeros(f, x, lo, hi)
            if z is None:
                return None
            out.extend(z)
        return out
    if u.is_Pow and u.args[1].is_Number and u.args[1].value > 0:
        return _zeros(u.args[0], x, lo, hi)
    if u.is_Function and u.fdef.name in ("sin", "tan", "cos", "cot"):
        return _trig_poles(u.args[0], x, 1 if u.fdef.name in ("cos", "cot") else 0, lo, hi)
    if u.is_Function and u.fdef.name in ("exp", "cosh", "sigmoid", "softplus", "sec", "csc"):
        return []
    try:
        roots = solve(u, x)
    except (SymcalcError, ArithmeticError, RecursionError, ValueError):
        return _scan_for_zeros(u, x, lo, hi)
    out = []
    for r in roots:
        v = _num(r)
        if v is None:
            return None
        if lo - 1e-12 <= v <= hi + 1e-12:
            if r.is_Number and isinstance(r.value, float):
                return None   # a root we cannot write exactly
            out.append(r)
    if _periodic(u, x):
        general = _general_zeros(u, x, lo, hi)
        if general is not None:
            return general
        # solve gives the principal solutions only: add the other periods
        if not roots:
            return _scan_for_zeros(u, x, lo, hi)
        period = _period(u, x)
        if period is None or not (math.isfinite(lo) and math.isfinite(hi)):
            return None
        P = mul(2, pi, number(period))
        out = []
        for r in roots:
            rv = _num(r)
            for k in range(math.floor((lo - rv) / (2 * math.pi * period)) - 1,
                           math.ceil((hi - rv) / (2 * math.pi * period)) + 2):
                z = add(r, mul(k, P))
                v = _num(z)
                if v is not None and lo - 1e-12 <= v <= hi + 1e-12:
                    out.append(z)
    return out


def _general_zeros(u: Expr, x: Symbol, lo: float, hi: float) -> list[Expr] | None:
    """The zeros of a periodic u in [lo, hi] from solve's general solutions
    ``r0 + r1*n`` (every integer n), or None when they are not of that form. (Adding
    2*pi multiples to the principal solutions misses zeros where the period is shorter:
    4*tan(x) + 1 vanishes at pi - atan(1/4) too.)"""
    from ...algebra.solve import PERIOD_PARAMETER, solve

    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    try:
        general = solve(u, x, general=True)
    except (SymcalcError, ArithmeticError, RecursionError, ValueError):
        return None
    n = PERIOD_PARAMETER
    out: list[Expr] = []
    for r in general:
        if free_symbols(r) - {n}:
            return None
        r0, r1 = _num(subs(r, {n: ZERO})), _num(subs(r, {n: ONE}))
        if r0 is None or r1 is None:
            return None
        step = r1 - r0
        if step == 0:
            if lo - 1e-12 <= r0 <= hi + 1e-12:
                out.append(subs(r, {n: ZERO}))
            continue
        k0 = math.floor((lo - r0) / step) - 1
        k1 = math.ceil((hi - r0) / step) + 1
        if abs(k1 - k0) > 10_000:
            return None
        for k in range(min(k0, k1), max(k0, k1) + 1):
            z = subs(r, {n: number(k)})
            v = _num(z)
            if v is not None and lo - 1e-12 <= v <= hi + 1e-12:
                if z.is_Number and isinstance(z.value, float):
                    return None
                out.append(z)
    return out


def _period(u: Expr, x: Symbol) -> Fraction | None:
    """p with u(x + 2*pi*p) = u(x): x only in trig functions of x times rational slopes."""
    from math import gcd, lcm

    num, den = 0, 1
    for n in u.preorder():
        if n.is_Function and x in free_symbols(n):
            if n.fdef.name not in ("sin", "cos", "tan", "cot", "sec", "csc"):
                return None
            pq = _linear(n.args[0], x)
            if pq is None or not pq[0].is_Number or isinstance(pq[0].value, float):
                return None
            k = Fraction(pq[0].value)
            num, den = gcd(num, k.numerator), lcm(den, k.denominator)
        elif n is x:
            continue
    if num == 0:
        return None
    return Fraction(den, num)


def _periodic(u: Expr, x: Symbol) -> bool:
    return any(n.is_Function and n.fdef.name in ("sin", "cos", "tan", "cot", "sec", "csc")
               and x in free_symbols(n) for n in u.preorder())


def _scan_for_zeros(u: Expr, x: Symbol, lo: float, hi: float) -> list[Expr] | None:
    """No exact zeros known: None if u changes sign or nearly vanishes on [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [] if _periodic(u, x) else None
    n = 200
    prev = None
    for i in range(n + 1):
        v = _eval_at(u, x, lo + (hi - lo) * i / n)
        if v is None:
            return None
        if abs(v) < 1e-9 or (prev is not None and (v > 0) != (prev > 0)):
            return None
        prev = v
    return []


def _linear(u: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(p, q) with u = p*x + q."""
    from ..diff import diff

    p = diff(u, x)
    if x in free_symbols(p) or p is ZERO:
        return None
    return p, add(u, mul(MINUS_ONE, p, x))


def _trig_poles(u: Expr, x: Symbol, offset: int, lo: float, hi: float) -> list[Expr] | None:
    """x with u(x) = (offset/2 + k)*pi inside [lo, hi], u linear in x."""
    pq = _linear(u, x)
    if pq is None or not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    p, q = pq
    pv, qv = _num(p), _num(q)
    if pv is None or qv is None:
        return None
    # x = ((offset/2 + k)*pi - q)/p
    ks = sorted(((lo * pv + qv) / math.pi - offset / 2, (hi * pv + qv) / math.pi - offset / 2))
    out = []
    for k in range(math.floor(ks[0]) - 1, math.ceil(ks[1]) + 2):
        r = mul(add(mul(number(Fraction(offset, 2) + k), pi), mul(MINUS_ONE, q)),
                power(p, MINUS_ONE))
        v = _num(r)
        if v is not None and lo - 1e-12 <= v <= hi + 1e-12:
            out.append(r)
    return out


def bad_points(exprs: list[Expr], x: Symbol, lo: float, hi: float) -> list[Expr] | None:
    """Points of [lo, hi] where one of the expressions may be singular or break."""
    pts: list[Expr] = []
    seen: set[Expr] = set()
    for e in exprs:
        for n in e.preorder():
            if n in seen or x not in free_symbols(n):
                continue
            seen.add(n)
            found: list[Expr] | None = []
            if n.is_Pow:
                b, k = n.args
                if not (k.is_Number and isinstance(k.value, int) and k.value >= 0):
                    found = _zeros(_numerator(b), x, lo, hi)
            elif n.is_Function:
                name = n.fdef.name
                u = n.args[0] if n.args else ZERO
                if name in _TRIG_POLES:
                    found = _trig_poles(u, x, _TRIG_POLES[name], lo, hi)
                elif name in _ZERO_SINGULAR:
                    found = _zeros(_numerator(u), x, lo, hi)
                if found is not None and name in _UNIT_SINGULAR:
                    more = _zeros(add(u, MINUS_ONE), x, lo, hi)
                    more2 = _zeros(add(u, ONE), x, lo, hi)
                    found = None if more is None or more2 is None else found + more + more2
            if found is None:
                return None
            pts.extend(found)
    uniq: dict[float, Expr] = {}
    for p in pts:
        v = _num(p)
        if v is None:
            return None
        uniq.setdefault(round(v, 12), p)
    return [uniq[k] for k in sorted(uniq)]


def _numerator(u: Expr) -> Expr:
    try:
        from ...algebra.rational import together

        g = together(u)
    except (SymcalcError, ArithmeticError):
        return u
    if g.is_Mul:
        return mul(*(f for f in g.args if not (f.is_Pow and f.args[1].is_Number
                                                and f.args[1].value < 0)))
    if g.is_Pow and g.args[1].is_Number and g.args[1].value < 0:
        return ONE
    return g


# --------------------------------------------------------------------------- quadrature check

_GL5 = ((-0.9061798459386640, 0.2369268850561891), (-0.5384693101056831, 0.4786286704993665),
        (0.0, 0.5688888888888889), (0.5384693101056831, 0.4786286704993665),
        (0.9061798459386640, 0.2369268850561891))


def _quadrature(e: Expr, x: Symbol, lo: float, hi: float, panels: int = 24) -> float | None:
    """Composite 5-point Gauss–Legendre (never evaluates at the end points)."""
    h = (hi - lo) / panels
    s = 0.0
    for i in range(panels):
        m = lo + (i + 0.5) * h
        for node, w in _GL5:
            v = _eval_at(e, x, m + 0.5 * h * node)
            if v is None:
                return None
            s += w * v * 0.5 * h
    return s


# --------------------------------------------------------------------------- the integral


def definite(e: Expr, x: Symbol, a: Expr, b: Expr, timeout: float = 2.0
             ) -> tuple[Expr, Step | None]:
    """(∫_a^b e dx, step) or (unevaluated Integral, None); DomainError if it diverges."""
    from .api import Integral, antiderivative

    a, b = as_expr(a), as_expr(b)
    if a is b:
        return ZERO, None
    unevaluated = Integral(e, x, a, b), None
    special = _special(e, x, a, b, timeout)
    if special is not None:
        return special
    r = antiderivative(e, x, timeout)
    if r is None:
        return _termwise(e, x, a, b, timeout) or unevaluated
    F, st = r
    ka, kb = _is_inf(a), _is_inf(b)
    av = -math.inf if ka < 0 else math.inf if ka > 0 else _num(a)
    bv = -math.inf if kb < 0 else math.inf if kb > 0 else _num(b)
    if av is None or bv is None:
        # symbolic bounds: the fundamental theorem as it stands; an infinite bound is a
        # limit, never a substitution
        ends = []
        for c, direction in ((b, -1), (a, 1)):
            try:
                w = one_sided(F, x, c, direction) if _is_inf(c) else subs(F, {x: c})
            except SymcalcError:
                w = None
            if w is None or _bad(w):
                return unevaluated
            ends.append(w)
        from .definite_gauss import _tidy_value

        v = _tidy_value(add(ends[0], mul(MINUS_ONE, ends[1])))
        return v, Step("fundamental theorem", e, x, v, (st,), f"F({b}) - F({a})")
    if av == bv:
        return ZERO, None
    if av > bv:
        v, s = definite(e, x, b, a, timeout)
        if s is None:
            return unevaluated
        return mul(MINUS_ONE, v), s
    pts = bad_points([e, F], x, av, bv)
    if pts is None:
        return unevaluated
    knots = [a, *(p for p in pts if av < _num(p) < bv), b]
    endpoint_bad = {round(_num(p), 12) for p in pts}
    total: list[Expr] = []
    pieces = []
    for lo, hi in zip(knots, knots[1:], strict=False):
        Fp = _read_on_piece(F, x, lo, hi)
        vals = []
        for c, direction in ((hi, -1), (lo, 1)):
            cv = _num(c) if not _is_inf(c) else None
            v = None
            if cv is not None and round(cv, 12) not in endpoint_bad:
                try:
                    v = subs(Fp, {x: c})
                except SymcalcError:
                    v = None
                if v is not None and (_bad(v) or _num(v) is None and not free_symbols(v)):
                    v = None
            if v is None:
                v = one_sided(Fp, x, c, direction)
            if v is None or (not _is_inf(v) and _bad(v)):
                return unevaluated  # no limit, or a pole value such as atan(I)
            if _is_inf(v):
                raise DomainError(f"integrate: ∫ {e} d{x} from {a} to {b} diverges "
                                  f"(the antiderivative {F} tends to {v} as {x} → {c})")
            vals.append(v)
        total.append(_piece(vals[0], vals[1]))
        pieces.append(f"[{lo}, {hi}]")
    value = add(*total)
    if _bad(value) or _complex_for_real(value, e, x, av, bv):
        return unevaluated
    if math.isfinite(av) and math.isfinite(bv) and not free_symbols(value):
        q = _quadrature(e, x, av, bv)
        z = _complex(value)
        if q is not None and z is not None and not pts:
            if abs(q - z) > 1e-6 * max(1.0, abs(q)):
                return unevaluated  # (a complex value of a real integral fails here too)
    detail = f"F({b}) - F({a})" if len(pieces) == 1 else "split at " + ", ".join(
        str(k) for k in knots[1:-1])
    return value, Step("fundamental theorem", e, x, value, (st,), detail)


#: a sum with more terms than this is not integrated term by term
_MAX_TERMS = 8


def _termwise(e: Expr, x: Symbol, a: Expr, b: Expr, timeout: float
              ) -> tuple[Expr, Step] | None:
    """A sum with no antiderivative as a whole, integrated term by term (each by its own
    method, e.g. a Gaussian moment plus a rational function). A term that diverges or
    stays unevaluated leaves the whole unevaluated: the divergences of two terms may
    cancel."""
    from .api import is_integral

    if not e.is_Add or len(e.args) > _MAX_TERMS:
        return None
    parts, steps = [], []
    for t in e.args:
        try:
            v, st = definite(t, x, a, b, timeout / len(e.args))
        except DomainError:
            return None
        if is_integral(v) or st is None:
            return None
        parts.append(v)
        steps.append(st)
    from .definite_gauss import _tidy_value

    value = _tidy_value(add(*parts))
    return value, Step("linearity", e, x, value, tuple(steps), "term by term")


def _shifted(e: Expr, x: Symbol) -> Expr | None:
    """e(x + s) with s chosen so that the first kink argument p*x + q with symbols in q
    becomes p*x: over (-oo, oo) the integral does not change."""
    from .definite_split import _kinked

    for n in e.preorder():
        if _kinked(n, x) and n.is_Function and n.args:
            pq = _linear(n.args[0], x)
            if pq is not None and free_symbols(pq[1]) and not free_symbols(pq[0]):
                return subs(e, {x: add(x, mul(MINUS_ONE, pq[1], power(pq[0], MINUS_ONE)))})
    return None


def _special(e: Expr, x: Symbol, a: Expr, b: Expr, timeout: float
             ) -> tuple[Expr, Step] | None:
    """The methods that need no antiderivative: splitting at kinks and jumps
    (definite_split), Gaussian moments (definite_gauss), Dirichlet and Frullani
    (definite_table)."""
    from .definite_split import has_breaks, split_definite

    if has_breaks(e, x):
        r = split_definite(e, x, a, b, timeout)
        if r is not None:
            return r[0], Step("split at breaks", e, x, r[0], r[2], r[1])
        g = _shifted(e, x) if a is NEG_OO and b is oo else None
        if g is not None:
            r = split_definite(g, x, a, b, timeout)
            if r is not None:
                return r[0], Step("split at breaks", e, x, r[0], r[2],
                                  "after a shift, " + r[1])
    from .definite_gauss import gaussian
    from .definite_table import table_definite

    for name, f in (("Gaussian moments", gaussian), ("classical integral", table_definite)):
        try:
            v = f(e, x, a, b)
        except DomainError:
            raise
        except (SymcalcError, ArithmeticError, RecursionError):
            v = None
        if v is not None and not _bad(v):
            return v, Step(name, e, x, v, (), f"from {a} to {b}")
    if e.is_Add and len(e.args) <= _MAX_TERMS and (_is_inf(a) or _is_inf(b)):
        # a Gaussian or classical term in a sum: term by term at once (the sum as a
        # whole would first spend the search's whole time on an antiderivative)
        for t in e.args:
            try:
                hit = gaussian(t, x, a, b) is not None or table_definite(t, x, a, b) \
                    is not None
            except (SymcalcError, ArithmeticError, RecursionError):
                hit = False
            if hit:
                return _termwise(e, x, a, b, timeout)
    return None


__all__ = ["bad_points", "definite", "limit_at_infinity", "one_sided"]
