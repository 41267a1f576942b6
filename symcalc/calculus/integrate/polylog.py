"""Dilogarithm answers for logarithms of polynomials and of algebraic arguments.

Two reductions to :mod:`.logs` (a rational function times logarithms of linear
polynomials, whose simple poles give Li2):

* **Logarithm of a rational function** that splits over the reals: ∫ R(x)*log(P(x)) dx
  with P = c*(x - r1)*...*(x - rn)/(...) (rational roots, or the two real roots of a
  quadratic factor with a positive discriminant). As d/dx log(P) = Σ 1/(x - ri), the
  logarithm is replaced by log|c| + Σ log(x - ri) (the same derivative; the answer differs
  from the true one by a constant on each interval), and the sum goes back to the driver.
* **Logarithm of an algebraic argument**: log(w(x, sqrt(Q))) for Q linear or quadratic,
  times a rational function of x and sqrt(Q): the substitution that makes sqrt(Q)
  rational (t = sqrt(Q) for Q linear, Euler's for Q quadratic) leaves a rational
  function of t times the logarithm of a rational function of t, for the first
  reduction. ``log(x + sqrt(x + 1))/x`` gives four dilogarithms.

Every answer is differentiated back (:func:`.verify.verify`).

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> from symcalc.calculus.integrate.verify import verify
>>> f = parse("log(x + sqrt(x + 1))/x")
>>> F = integrate(f, x)
>>> str(F).count("Li2("), verify(F, f, x)
(4, True)
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .rational import is_rational_function
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: Largest degree of a polynomial inside the logarithm that is factored.
MAX_DEGREE = 6


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _logs(e: Expr, x: Symbol) -> list[Expr]:
    return [n for n in e.preorder() if n.is_Function and n.fdef.name == "log" and _has(n, x)]


def _rational_numbers(e: Expr, x: Symbol) -> bool:
    """Whether e is a rational function of x with rational-number coefficients."""
    for n in e.preorder():
        if n.is_Symbol and n is not x:
            return False
        if n.is_Function or n.is_Number and not isinstance(n.value, (int, Fraction)):
            return False
        if n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int)):
            return False
    return True


def _linear_logs_params(w: Expr, x: Symbol) -> Expr | None:
    """Σ ±log(x - r) with d/dx equal to that of log(w), for w with parameters: factors
    over Q(params), the roots of quadratic factors by the formula (constants dropped:
    the caller keeps log(w) minus the sum as a term)."""
    from ...algebra.factor_expr import factor
    from ...algebra.rational import cancel, numer_denom
    from ...core.functions import log, sqrt
    from .radicals import poly_coeffs

    try:
        N, D = numer_denom(cancel(w))
    except (SymcalcError, ArithmeticError):
        return None
    out: list[Expr] = []
    degree = 0
    for part, sign in ((N, 1), (D, -1)):
        if not _has(part, x):
            continue
        try:
            f = factor(part)
        except (SymcalcError, ArithmeticError):
            return None
        for g in (f.args if f.is_Mul else (f,)):
            m = 1
            if g.is_Pow and g.args[1].is_Number and isinstance(g.args[1].value, int):
                g, m = g.args[0], g.args[1].value
            if not _has(g, x):
                continue
            cs = poly_coeffs(g, x)
            if cs is None or len(cs) > 3:
                return None
            degree += (len(cs) - 1) * m
            if len(cs) == 2:
                out.append(mul(sign * m, log(add(x, mul(cs[0], power(cs[1], MINUS_ONE))))))
                continue
            c0, c1, c2 = cs
            s = sqrt(add(mul(c1, c1), mul(-4, c2, c0)))
            for sg in (1, -1):
                r = mul(add(mul(MINUS_ONE, c1), mul(sg, s)), power(mul(2, c2), MINUS_ONE))
                out.append(mul(sign * m, log(add(x, mul(MINUS_ONE, r)))))
    if degree < 2:
        return None
    return add(*out)


def _linear_logs(w: Expr, x: Symbol) -> Expr | None:
    """log(w) as log(c) + Σ ±log(x - r) (rational or real quadratic roots r) when the
    rational function w of x splits so; None otherwise or when w is already linear."""
    from ...algebra.factor_expr import factor_poly_list
    from ...algebra.poly import Poly
    from ...algebra.rational import cancel, numer_denom
    from ...core.functions import log, sqrt

    try:
        N, D = numer_denom(cancel(w))
    except (SymcalcError, ArithmeticError):
        return None
    out: list[Expr] = []
    degree = 0
    for part, sign in ((N, 1), (D, -1)):
        if not _has(part, x):
            if not part.is_Number or part.value == 0:
                return None
            out.append(mul(sign, log(number(abs(part.value)))))
            continue
        try:
            p = Poly.from_expr(part, (x,))
            c, facs = factor_poly_list(p)
        except (SymcalcError, ArithmeticError, ValueError, TypeError, AttributeError):
            return None
        lead = Fraction(c)
        for f, m in facs:
            cs = [Fraction(f.coeff_monom((k,))) for k in range(f.degree() + 1)]
            d = len(cs) - 1
            degree += d * m
            if d == 1:
                r = -cs[0] / cs[1]
                lead *= cs[1] ** m
                out.append(mul(sign * m, log(add(x, number(-r)))))
            elif d == 2:
                a, b, cc = cs[2], cs[1], cs[0]
                disc = b * b - 4 * a * cc
                if disc <= 0:
                    return None
                s = sqrt(number(disc))
                lead *= a ** m
                for sg in (1, -1):
                    r = mul(add(number(-b), mul(sg, s)), number(1 / (2 * a)))
                    out.append(mul(sign * m, log(add(x, mul(MINUS_ONE, r)))))
            else:
                return None
        if lead != 1:
            out.append(mul(sign, log(number(abs(lead)))))
    if degree < 2:
        return None  # linear: the logarithm methods take it as it is
    return add(*out)


def log_polynomial_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(x)*log(P(x)) dx with P splitting into real linear factors, one of them an
    irrational root of a quadratic (rational roots: the logarithm methods split P over Q).

    With log(P) = Σ log(x - ri) + C (C constant between branch cuts, 0 where all the
    factors are positive), ∫ R*log(P) = ∫ R*Σ log(x - ri) + C*∫ R: the second term is
    kept as (log(P) - Σ log(x - ri))*∫ R, so the answer differentiates to the integrand
    everywhere, also at complex points."""
    logs = _logs(e, x)
    if len(logs) != 1:
        return None
    L = logs[0]
    w = L.args[0]
    if not (w.is_Add or w.is_Pow or w.is_Mul) or not is_rational_function(w, x):
        return None
    numeric = _rational_numbers(w, x)
    if not numeric and len(free_symbols(w)) > 3:
        return None
    lam = Symbol("_log_")
    try:
        rest = subs(e, {L: lam})
    except (SymcalcError, ArithmeticError):
        return None
    if not is_rational_function(rest, x):
        return None
    split = _linear_logs(w, x) if numeric else _linear_logs_params(w, x)
    if split is None or not any(n.is_Pow and n.args[1].is_Number and n.args[1].value == 0.5
                                for n in split.preorder()):
        return None
    from ...core.expand import expand
    from ..diff import diff
    from .verify import verify

    if _power_substitution(e, w, x):
        return None
    ctx.check()
    try:
        B = diff(rest, lam)
        if _has(B, lam):
            return None  # a power of the logarithm
        g = expand(subs(rest, {lam: split}))
    except (SymcalcError, ArithmeticError):
        return None
    st = ctx.integrate(g, x)
    if st is None:
        return None
    sr = ctx.integrate(B, x)
    if sr is None:
        return None
    F = add(_tidy(st.result, x), mul(add(L, mul(MINUS_ONE, split)), sr.result))
    if not verify(F, e, x):
        return None
    return Step("logarithm of a product as a sum", e, x, F, (st, sr), f"{L} = {split} + C")


def _tidy(F: Expr, x: Symbol) -> Expr:
    """Li2 and log of p*x + q with p, q in Q(sqrt(n)) written with rationalized
    denominators: Li2(2*x/(sqrt(5) + 1)) -> Li2((sqrt(5) - 1)*x/2) (equal values)."""
    from ...algebra.simplify_rational import rationalize_constant
    from ...core.expand import expand
    from ..diff import diff

    table: dict[Expr, Expr] = {}
    for n in F.preorder():
        if not (n.is_Function and n.fdef.name in ("Li2", "log") and n not in table):
            continue
        z = n.args[0]
        if not (z.is_Add or z.is_Mul) or not _has(z, x):
            continue
        try:
            p = diff(z, x)
            if _has(p, x):
                continue
            q = expand(add(z, mul(MINUS_ONE, p, x)))
            p2 = p if p.is_Number else rationalize_constant(p)
            q2 = q if q.is_Number else rationalize_constant(q)
        except (SymcalcError, ArithmeticError):
            continue
        if p2 is None or q2 is None:
            continue
        new = n.fdef(add(mul(p2, x), q2))
        if new.count_ops() < n.count_ops():
            table[n] = new
    if not table:
        return F
    try:
        return subs(F, table)
    except (SymcalcError, ArithmeticError):
        return F


def _power_substitution(e: Expr, w: Expr, x: Symbol) -> bool:
    """Whether w is even in x and e odd: u = x^2 then halves the degree of the logarithm's
    argument, with a shorter answer (∫ log(x^2 - 2)/x dx = Li2 of x^2/2)."""
    from ...core.expand import expand

    try:
        return expand(subs(w, {x: mul(MINUS_ONE, x)})) is expand(w) \
            and expand(add(subs(e, {x: mul(MINUS_ONE, x)}), e)) is ZERO
    except (SymcalcError, ArithmeticError):
        return False


def _sqrt_base(e: Expr, x: Symbol) -> Expr | None:
    """Q when every non-integer power of an x-dependent base in e is Q^(k/2) with Q of
    degree 1 or 2 in x, and the only function depending on x is one log."""
    from .euler import sqrt_base

    return sqrt_base(e, x, frozenset({"log"}), (1, 2))


def _even_radical(e: Expr, x: Symbol, t: Symbol, ctx: Context) -> Step | None:
    """e odd in x with sqrt(Q(x^2)): t = x^2 first (dt = 2x dx), which leaves a radical
    of a linear polynomial (Euler's substitutions would bring complex factors)."""
    from ...core.functions import sqrt
    from .verify import verify

    try:
        if subs(e, {x: mul(MINUS_ONE, x)}) is not mul(MINUS_ONE, e):
            return None
        g = subs(mul(e, power(mul(2, x), MINUS_ONE)), {x: sqrt(t)})
    except (SymcalcError, ArithmeticError):
        return None
    if any(n.is_Pow and n.args[0] is t
           and not (n.args[1].is_Number and isinstance(n.args[1].value, int))
           for n in g.preorder()):
        return None
    st = ctx.integrate(g, t)
    if st is None:
        return None
    try:
        F = subs(st.result, {t: mul(x, x)})
    except (SymcalcError, ArithmeticError):
        return None
    if not verify(F, e, x):
        return None
    return Step("substitution", e, x, F, (st,), f"{t} = {x}^2")


def log_radical_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(x, sqrt(Q))*log(w(x, sqrt(Q))) dx by the substitution that rationalizes
    sqrt(Q) (module docstring)."""
    logs = _logs(e, x)
    if len(logs) != 1:
        return None
    Q = _sqrt_base(e, x)
    if Q is None:
        return None
    from ...algebra.rational import cancel
    from ...core.functions import log, sqrt
    from ..diff import diff
    from .euler import substitutions
    from .radicals import poly_coeffs
    from .verify import verify

    L = logs[0]
    lam = Symbol("_log_")
    Y = ctx.dummy(e, x)
    table = {}
    for n in e.preorder():
        if n.is_Pow and n.args[0] is Q and not (n.args[1].is_Number
                                                 and isinstance(n.args[1].value, int)):
            table[n] = power(Y, number(n.args[1].value * 2))
    try:
        R = subs(subs(e, {L: lam}), table)
        W = subs(L.args[0], table)
    except (SymcalcError, ArithmeticError):
        return None
    if not (is_rational_function(R, x) and is_rational_function(W, x)):
        return None
    try:
        A = subs(R, {lam: ZERO})
        B = cancel(diff(R, lam))
    except (SymcalcError, ArithmeticError):
        return None
    if _has(B, lam):
        return None  # a power of the logarithm
    t = ctx.dummy(e, x, Y)
    cs = poly_coeffs(Q, x)
    if len(cs) == 3 and cs[1] is ZERO:
        st = _even_radical(e, x, t, ctx)
        if st is not None:
            return st
    if len(cs) == 2:  # t = sqrt(b*x + c): x = (t^2 - c)/b
        c0, b1 = cs
        xt = mul(add(mul(t, t), mul(MINUS_ONE, c0)), power(b1, MINUS_ONE))
        subs_list = [(xt, t, sqrt(Q), f"{t} = sqrt({Q})")]
    else:
        subs_list = substitutions(Q, x, t)
    for xt, yt, tx, name in subs_list:
        ctx.check()
        try:
            dx = diff(xt, t)
            gA = cancel(mul(subs(A, {x: xt, Y: yt}), dx))
            gB = cancel(mul(subs(B, {x: xt, Y: yt}), dx))
            gW = cancel(subs(W, {x: xt, Y: yt}))
        except (SymcalcError, ArithmeticError, ZeroDivisionError):
            continue
        if any(_has(g, x) or _has(g, Y) for g in (gA, gB, gW)) \
                or gA.count_ops() + gB.count_ops() + gW.count_ops() > 300:
            continue
        g = add(gA, mul(gB, log(gW)))
        st = ctx.integrate(g, t)
        if st is None:
            continue
        try:
            F = subs(_tidy(st.result, t), {t: tx})
        except (SymcalcError, ArithmeticError):
            continue
        if not verify(F, e, x):
            continue
        return Step("substitution", e, x, F, (st,), name)
    return None


def log_radical_early(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """:func:`log_radical_method` before the substitution searches, for a logarithm over
    a denominator in x (log(1 + sqrt(1 - x^2))/x), where those searches run long and
    integration by parts has no shorter form to offer."""
    if not e.is_Mul or not any(f.is_Pow and f.args[1].is_Number and f.args[1].value == -1
                               and _has(f.args[0], x) for f in e.args):
        return None
    return log_radical_method(e, x, ctx)


__all__ = ["log_polynomial_method", "log_radical_early", "log_radical_method"]
