"""Final touches on an antiderivative: smaller, real equivalent forms, no new meaning.

Each pass proposes a form; it is kept only if it has the same derivative as the original
(checked by :func:`verify.verify` against d/dx F, or against the integrand itself when
the caller gives it) and is real where that derivative is.

- **atanh/acoth to logarithms, branch-aware.** atanh(u) is real only for |u| < 1 and
  acoth(u) only for |u| > 1. Where u leaves that range at a real point where it is real
  (``-atanh(x)`` from ∫ 1/(x² - 1), real for every x ≠ ±1), both become
  the one that is real on u's whole range: acoth(u) where |u| > 1 everywhere
  (``acoth(1/sqrt(1 - x^2))``), else ``(log(u + 1) - log(u - 1))/2``, log read as
  log|·| as everywhere in integration results; for a linear u the logarithms are
  written with x monic, as the rational method writes its own. ``atanh(sin(x))`` (from
  ∫ sec) stays as it is.
- **Cancel terms.** Products of sums are multiplied out when that makes the result
  smaller (``log(s)*(log(s) - log(s - 1)) + log(s)*log(s - 1)`` is ``log(s)^2``).
- **Logarithms of negative quantities.** log(u) with u < 0 at every sampled point (as
  ``log(sigmoid(x) - 1)``) becomes log(-u), when the derivative does not change.
- **Dilogarithm identities** (rules in ``_LI2_RULES``): Landen's identity for the
  logistic function, Li2(1 - σ(u)) = -Li2(-e^{-u}) - log(σ(u))²/2, so
  ∫ log σ(x) dx is -Li2(-exp(-x)).

>>> from symcalc import symbols, parse
>>> x = symbols("x")
>>> tidy(x**2/2, x)
x^2/2
>>> tidy(parse("-atanh(x)"), x)
log(x - 1)/2 - log(x + 1)/2
>>> tidy(parse("atanh(sin(x))"), x)
atanh(sin(x))
"""

from __future__ import annotations

import cmath
from collections.abc import Callable
from fractions import Fraction

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ONE, ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError

#: real points where the range of an atanh argument and the sign of a log argument are read
_POINTS = (-9.37, -3.61, -1.73, -0.91, -0.47, -0.13, 0.21, 0.58, 0.94, 1.37, 2.29, 4.71,
           8.83)
#: parameters (other symbols) take this value when a point is read
_PARAM = 1.3719
#: results larger than this are returned as they are
_MAX_OPS = 400


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _values(u: Expr, x: Symbol) -> list[complex]:
    env = {s: _PARAM for s in free_symbols(u) if s is not x}
    out = []
    for p in _POINTS:
        env[x] = p
        try:
            v = complex(u.evalf(env))
        except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
            continue
        if cmath.isfinite(v):
            out.append(v)
    return out


def _real(vs: list[complex]) -> list[float]:
    return [v.real for v in vs if abs(v.imag) <= 1e-12 * max(1.0, abs(v.real))]


# --------------------------------------------------------------------------- atanh → log


def _log_pair(u: Expr, x: Symbol) -> Expr:
    """(log(u + 1) - log(u - 1))/2, written with x monic when u is linear in x."""
    from ...core.functions import log
    from ..diff import diff

    half = number(Fraction(1, 2))
    p = diff(u, x)
    if not _has(p, x) and p is not ZERO:
        q = add(u, mul(MINUS_ONE, p, x))
        ip = power(p, MINUS_ONE)
        hi = add(x, mul(add(q, ONE), ip))     # (u + 1)/p
        lo = add(x, mul(add(q, MINUS_ONE), ip))  # (u - 1)/p
        return mul(half, add(log(hi), mul(MINUS_ONE, log(lo))))
    try:
        from ...algebra.rational import numer_denom, together

        n, d = numer_denom(together(u))
        return mul(half, add(log(add(n, d)), mul(MINUS_ONE, log(add(n, mul(MINUS_ONE, d))))))
    except (SymcalcError, ArithmeticError):
        return mul(half, add(log(add(u, ONE)), mul(MINUS_ONE, log(add(u, MINUS_ONE)))))


def _atanh_to_log(F: Expr, x: Symbol) -> Expr:
    rep: dict[Expr, Expr] = {}
    for n in F.preorder():
        if not (n.is_Function and n.fdef.name in ("atanh", "acoth") and _has(n, x)):
            continue
        u = n.args[0]
        vs = _real(_values(u, x))
        inside = [abs(v) < 1 for v in vs]
        # atanh leaves its real range where |u| > 1, acoth where |u| < 1
        leaves = (not all(inside)) if n.fdef.name == "atanh" else any(inside)
        if not (vs and leaves):
            continue
        if all(abs(v) > 1 for v in vs):   # |u| > 1 wherever u is real: acoth is real
            from ...core.functions import acoth

            rep[n] = acoth(u)
        elif all(abs(v) < 1 for v in vs):
            from ...core.functions import atanh

            rep[n] = atanh(u)
        else:                              # u takes both ranges: logarithms
            rep[n] = _log_pair(u, x)
    if not rep:
        return F
    # the terms that held an atanh, with their constant factor spread over the new logs
    out = []
    for t in (F.args if F.is_Add else (F,)):
        if any(n in rep for n in t.preorder()):
            out.append(_distribute(subs(t, rep), x))
        else:
            out.append(t)
    return add(*out)


# --------------------------------------------------------------------------- logs of u < 0


def _negative_logs(F: Expr, x: Symbol, integrand: Expr | None = None) -> Expr:
    """log(u) -> log(-u) where u < 0 at every sampled point, or at every sampled point of
    the integrand's real domain (log(c*x - 1) next to atanh(c*x), |c*x| < 1). The domain
    is read from ``integrand`` when given (F's derivative, verified), else from dF/dx."""
    from ...core.functions import log

    rep: dict[Expr, Expr] = {}
    dom: list[float] | None = None
    if not any(n.is_Function and n.fdef.name in _RESTRICTING or n.is_Pow
               and n.args[1].is_Number and not isinstance(n.args[1].value, int)
               for n in F.preorder()):
        dom = []   # nothing but the logs restricts the domain: no domain to read
    for n in F.preorder():
        if n.is_Function and n.fdef.name == "log" and _has(n, x):
            vs = _values(n.args[0], x)
            rs = _real(vs)
            if len(rs) == len(vs) and len(rs) >= 4 and all(v < 0 for v in rs):
                rep[n] = log(mul(MINUS_ONE, n.args[0]))
                continue
            if rs and all(v < 0 for v in rs):
                continue   # negative wherever real: the rule above, or not at all
            if dom is None:
                dom = _domain(F, x, integrand)
            if len(dom) >= 3:
                ws = [_point_value(n.args[0], x, p) for p in dom]
                if all(w is not None and abs(w.imag) <= 1e-12 * abs(w.real) and w.real < 0
                       for w in ws):
                    rep[n] = log(mul(MINUS_ONE, n.args[0]))
    F = subs(F, rep) if rep else F
    return _opposite_logs(F, x, integrand)


def _opposite_logs(F: Expr, x: Symbol, integrand: Expr | None = None) -> Expr:
    """log(P) and log(-P) both in F (x^3 atanh(x)^2 gave log(x^2 - 1)/12 + log(1 - x^2)/4):
    both become the log of the one of P, -P that is positive wherever F's derivative is
    real (the integrand's real domain), so they combine; the derivative is unchanged."""
    from ...core.expand import expand
    from ...core.functions import log

    logs = list(dict.fromkeys(n for n in F.preorder()
                              if n.is_Function and n.fdef.name == "log" and _has(n, x)))
    if len(logs) < 2:
        return F
    pairs = []
    for i, a in enumerate(logs):
        for b in logs[i + 1:]:
            if expand(add(a.args[0], b.args[0])) is ZERO:
                pairs.append((a, b))
    if not pairs:
        return F
    dom = _domain(F, x, integrand)
    rep: dict[Expr, Expr] = {}
    for a, b in pairs:
        for keep in (a, b):
            vs = [_point_value(keep.args[0], x, p) for p in dom]
            if len(dom) >= 2 and all(v is not None and abs(v.imag) <= 1e-12 * abs(v.real)
                                     and v.real > 0 for v in vs):
                rep[a] = rep[b] = log(keep.args[0])
                break
    return subs(F, rep) if rep else F


#: functions real only on part of the real line (their answers' logs may be negative there)
_RESTRICTING = frozenset({"atanh", "acoth", "asin", "acos", "asec", "acsc", "acosh",
                          "asech"})


def _domain(F: Expr, x: Symbol, integrand: Expr | None = None) -> list[float]:
    """The sample points where F's derivative (the integrand) is real: read from the
    ``integrand`` when given (a smaller expression than dF/dx, and one without the
    cancellations that send its evaluation to mpmath), else from dF/dx."""
    from ..diff import diff

    if integrand is not None:
        dF = integrand
    else:
        try:
            dF = diff(F, x)
        except SymcalcError:
            return []
    return [p for p, v in zip(_POINTS, _point_values(dF, x))
            if v is not None and abs(v.imag) <= 1e-12 * max(1.0, abs(v.real))]


def _point_value(u: Expr, x: Symbol, p: float) -> complex | None:
    env = {s: _PARAM for s in free_symbols(u) if s is not x}
    env[x] = p
    try:
        v = complex(u.evalf(env))
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None
    return v if cmath.isfinite(v) else None


def _point_values(u: Expr, x: Symbol) -> list[complex | None]:
    return [_point_value(u, x, p) for p in _POINTS]


# --------------------------------------------------------------------------- Li2 rules


def _li2_sigmoid(arg: Expr) -> Expr | None:
    """Li2(1 - σ(u)) = -Li2(-exp(-u)) - log(σ(u))²/2 (Landen, z = -exp(-u) < 0)."""
    from ...core.functions import exp, log

    s = _one_minus_sigmoid(arg)
    if s is None:
        return None
    from ...core.functions import Li2 as li2

    u = s.args[0]
    return add(mul(MINUS_ONE, li2(mul(MINUS_ONE, exp(mul(MINUS_ONE, u))))),
               mul(power(number(2), MINUS_ONE), MINUS_ONE, power(log(s), number(2))))


def _li2_of_sigmoid(arg: Expr) -> Expr | None:
    """Li2(σ(u)) = π²/6 - log(σ(u))²/2 + u·log(σ(u)) + Li2(-exp(-u)): the reflection
    Li2(z) + Li2(1 - z) = π²/6 - log z·log(1 - z) with the rule above for Li2(1 - σ)
    and log(1 - σ(u)) = log(σ(u)) - u."""
    from ...core.functions import Li2 as li2
    from ...core.functions import exp, log
    from ...core.numbers import pi

    if not (arg.is_Function and arg.fdef.name == "sigmoid"):
        return None
    u = arg.args[0]
    ls = log(arg)
    return add(mul(power(pi, number(2)), power(number(6), MINUS_ONE)),
               mul(power(number(2), MINUS_ONE), MINUS_ONE, power(ls, number(2))),
               mul(u, ls), li2(mul(MINUS_ONE, exp(mul(MINUS_ONE, u)))))


#: Li2(arg) -> an equal expression, or None when the rule does not apply
_LI2_RULES: tuple[Callable[[Expr], Expr | None], ...] = (_li2_sigmoid, _li2_of_sigmoid)


def _log_sigmoid(arg: Expr) -> Expr | None:
    """log(1 - σ(u)) = log(σ(u)) - u (1 - σ(u) = σ(u)·e^{-u})."""
    from ...core.functions import log

    s = _one_minus_sigmoid(arg)
    if s is None:
        return None
    return add(log(s), mul(MINUS_ONE, s.args[0]))


def _one_minus_sigmoid(arg: Expr) -> Expr | None:
    """σ(u) when arg is 1 - σ(u)."""
    if not (arg.is_Add and len(arg.args) == 2 and ONE in arg.args):
        return None
    other = arg.args[1] if arg.args[0] is ONE else arg.args[0]
    if not (other.is_Mul and len(other.args) == 2 and other.args[0] is MINUS_ONE):
        return None
    s = other.args[1]
    return s if s.is_Function and s.fdef.name == "sigmoid" else None


#: function name -> rules arg -> an equal expression (None: the rule does not apply)
_RULES: dict[str, tuple[Callable[[Expr], Expr | None], ...]] = {
    "Li2": _LI2_RULES, "log": (_log_sigmoid,),
}


def _li2(F: Expr, x: Symbol) -> Expr:
    """The identities of _RULES applied once everywhere, then the sum multiplied out."""
    rep: dict[Expr, Expr] = {}
    for n in F.preorder():
        if n.is_Function and n.fdef.name in _RULES and len(n.args) == 1 and _has(n, x):
            for rule in _RULES[n.fdef.name]:
                r = rule(n.args[0])
                if r is not None:
                    rep[n] = r
                    break
    if not rep:
        return F
    G = _expand(subs(F, rep), x)
    if G.is_Add:  # the identities bring constants (π²/6): an antiderivative needs none
        G = add(*(t for t in G.args if _has(t, x)))
    return G


# --------------------------------------------------------------------------- cancelling


def _distribute(F: Expr, x: Symbol) -> Expr:
    """c·(A + B) → c·A + c·B for the terms of F with an x-free factor c and a sum of
    x-dependent terms (sqrt(2)*(log(x - 1) - log(x + 1))/4 as two logarithms)."""
    out = []
    changed = False
    for t in (F.args if F.is_Add else (F,)):
        if t.is_Mul:
            sums = [a for a in t.args if a.is_Add and _has(a, x)]
            rest = [a for a in t.args if not (a.is_Add and _has(a, x))]
            if len(sums) == 1 and not any(_has(a, x) for a in rest):
                out.extend(mul(*rest, s) for s in sums[0].args)
                changed = True
                continue
        out.append(t)
    return add(*out) if changed else F


def _expand(F: Expr, x: Symbol) -> Expr:
    from ...core.expand import expand

    return expand(F)


def _not_smaller(G: Expr, F: Expr) -> bool:
    """(count_ops, length of the printed form) of G >= that of F (printing, the slow
    part, only on a tie of the counts)."""
    g, f = G.count_ops(), F.count_ops()
    if g != f:
        return g > f
    return len(str(G)) >= len(str(F))


def _same_derivative(G: Expr, dF: Expr, x: Symbol) -> bool:
    from .verify import verify

    try:
        return verify(G, dF, x)
    except (SymcalcError, ArithmeticError, RecursionError):
        return False


def _residue_sums(F: Expr, x: Symbol) -> list[Expr]:
    """The sums in F that hold a product with an x-dependent sum in it: what a
    back-substitution leaves (c - a*d/b + d*(a + b*x)/b, which is c + d*x)."""
    out = []
    for n in F.preorder():
        if n.is_Add and n.count_ops() <= _MAX_RESIDUE and any(
                t.is_Mul and any(a.is_Add and _has(a, x) for a in t.args) for t in n.args):
            out.append(n)
    return list(dict.fromkeys(out))


def _residues(F: Expr, x: Symbol) -> Expr:
    """Each residue sum (:func:`_residue_sums`) expanded where that makes it smaller."""
    from ...core.expand import expand

    rep: dict[Expr, Expr] = {}
    for n in _residue_sums(F, x):
        try:
            g = expand(n)
        except SymcalcError:
            continue
        if g.count_ops() <= n.count_ops() - 3:   # terms cancel, not just distributed
            rep[n] = g
    return subs(F, rep) if rep else F


_MAX_RESIDUE = 60
#: rational answers up to this size are also tried as one factored fraction
_MAX_FRACTION = 60


def _one_fraction(F: Expr, x: Symbol) -> Expr:
    """A rational F as one fraction, numerator and denominator factored: partial
    fractions -(1/(a*c*x - c)^2 + 1/(c*(a*c*x - c)))/a are x/(c^2*(a*x - 1)^2)."""
    from ...algebra.factor_expr import factor
    from ...algebra.rational import cancel

    return factor(cancel(F))


def tidy(F: Expr, x: Symbol, integrand: Expr | None = None) -> Expr:
    """A form of F with the same derivative, real where it can be, and no larger. With
    the ``integrand`` F was found for, each form is checked against it directly: a form
    other than F that is returned then has that derivative, verified."""
    big = F.count_ops() > _MAX_OPS   # only the cheap residue pass for large answers
    funcs = {n.fdef.name for n in F.preorder() if n.is_Function}
    has_sum_product = any(n.is_Mul and any(a.is_Add and _has(a, x) for a in n.args)
                          for n in F.preorder())
    logs = bool(funcs & {"atanh", "acoth", "log", "Li2"}) and not big
    residue = bool(_residue_sums(F, x))
    if not (logs or residue or (has_sum_product and not funcs and not big)):
        return F
    dF = None
    best = F
    # each pass: (transform, whether it may make the result larger)
    passes: list[tuple[Callable[[Expr, Symbol], Expr], bool]] = []
    if residue:
        passes.append((_residues, False))
    if logs:
        passes += [(_atanh_to_log, True), (_expand, False), (_negative_logs, True),
                   (_li2, False), (_expand, False)]
    elif not big and not funcs:   # a rational answer: its expanded form, if smaller
        passes.append((_expand, False))
        if F.count_ops() <= _MAX_FRACTION and any(
                n.is_Pow and n.args[1].is_Number and n.args[1].value < 0 and n.args[0].is_Add
                and _has(n.args[0], x) for n in F.preorder()):
            passes.append((_one_fraction, False))
    big_power = any(n.is_Pow and n.args[0].is_Add and n.args[1].is_Number
                    and abs(n.args[1].value) > 3 for n in F.preorder())
    for f, may_grow in passes:
        if f is _expand and (not has_sum_product or big_power):
            continue
        try:
            G = f(best, x, integrand) if f is _negative_logs else f(best, x)
        except (SymcalcError, ArithmeticError, RecursionError):
            continue
        if G is best or (not may_grow and _not_smaller(G, best)):
            continue
        if dF is None and integrand is not None:
            dF = integrand
        if dF is None:
            from ..diff import diff

            try:
                dF = diff(F, x)
            except SymcalcError:
                return F
        if _same_derivative(G, dF, x):
            best = G
            has_sum_product = any(n.is_Mul and any(a.is_Add and _has(a, x) for a in n.args)
                                  for n in best.preorder())
    return best


__all__ = ["tidy"]
