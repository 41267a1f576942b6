"""Rational functions times powers of the logarithm of a linear fraction to a power.

∫ R(x)*(A + B*L)^p dx with L = log(K*(P/Q)^n), P = αx + β and Q = γx + δ linear, n a
nonzero integer and R rational (Rubi's sections 3.2.1 and 3.2.2,
``(A + B*log(e*(a + b*x)^2/(c + d*x)^2))^2*(f + g*x)^3``); atanh(u) and acoth(u) of a
linear u are such logarithms too, log((1 + u)/(1 - u))/2 and log((u + 1)/(u - 1))/2, and
M keeps them as they are. Write M = A + B*L; then

    M' = B*n*Δ/(P*Q),   Δ = α*δ - β*γ,

so one integration by parts lowers the power of M and keeps the rest rational:

    ∫ R*M^k dx = S*M^k - k*∫ S*M'*M^(k-1) dx,   S = ∫ R dx (rational part),

where the constant of S is chosen to make S vanish at the root of P (or of Q), so that
S*M' keeps one simple pole fewer. The simple poles of each level are integrated in
closed form (with s = κ*P/Q, κ = Q(r)/P(r), and z = Δ/(α*Q), so that 1 - z = γ*P/(α*Q)):

    ∫ M^k*M' dx          = M^(k+1)/(k + 1)
    ∫ M/(x - r_Q) dx      = -(M*log(z) + B*n*Li2(1 - z))
    ∫ M/(x - r) dx        = M*log(1 - s) + B*n*Li2(s) + ∫ M/(x - r_Q) dx

(the first from the residues at the roots of P and Q in the ratio of M', the other two
by parts, d Li2(s)/dx = -log(1 - s)*L'/n). A simple pole under M^k with k >= 2 would
need a trilogarithm: the method declines. The last level, ∫ R_0 dx, is a rational
integral for the driver. Every answer is d/dx-checked.

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("log(d*(a + b*x)/(b*(c + d*x)))/(c + d*x)"), x)
Li2((b*c - a*d)/(b*(c + d*x)))/d
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expand import expand
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, ONE, ZERO
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: the functions M is built on: log of a linear fraction, atanh/acoth of a linear argument
_GENERATORS = frozenset({"log", "atanh", "acoth"})
#: highest power of the logarithm handled (each level is one integration by parts)
_MAX_POWER = 4


def _has(e: Expr, x: Symbol) -> bool:
    return x in free_symbols(e)


def _rat(v: Expr) -> int | Fraction | None:
    """An integer or rational exponent (sqrt(1 - c*x)/sqrt(1 + c*x): n = 1/2)."""
    if v.is_Number and isinstance(v.value, (int, Fraction)):
        return v.value
    return None


def _int(v: Expr) -> int | None:
    if v.is_Number and isinstance(v.value, int):
        return v.value
    return None


def _linear(u: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(α, β) with u = α*x + β, α != 0."""
    from ..diff import diff

    try:
        a = expand(diff(u, x))
    except SymcalcError:
        return None
    if a is ZERO or _has(a, x):
        return None
    b = expand(add(u, mul(MINUS_ONE, a, x)))
    return None if _has(b, x) else (a, b)


def _zero(e: Expr) -> bool:
    if e is ZERO:
        return True
    try:
        from ...algebra.rational import cancel

        return cancel(e) is ZERO
    except (SymcalcError, ArithmeticError):
        return False


def _factors(e: Expr, x: Symbol) -> list[tuple[Expr, int | Fraction]] | None:
    """[(ℓ, m)]: e = (x-free) * Π ℓ^m with ℓ linear in x, m rational; None otherwise."""
    out: list[tuple[Expr, int | Fraction]] = []
    for f in (e.args if e.is_Mul else (e,)):
        if not _has(f, x):
            continue
        base, m = (f.args[0], _rat(f.args[1])) if f.is_Pow else (f, 1)
        if m is None or _linear(base, x) is None:
            return None
        out.append((base, m))
    return out


def _root(lin: tuple[Expr, Expr]) -> Expr:
    a, b = lin
    return mul(MINUS_ONE, b, power(a, MINUS_ONE))


def _mobius(u: Expr, x: Symbol) -> tuple[Expr, Expr, int | Fraction] | None:
    """(P, Q, n) with u = K*(P/Q)^n, P and Q linear with different roots, n != 0."""
    fs = _factors(u, x)
    if fs is None:
        from ...algebra.rational import numer_denom, together

        try:
            N, D = numer_denom(together(u))
        except (SymcalcError, ArithmeticError):
            return None
        fn, fd = _factors(N, x), _factors(D, x)
        if fn is None or fd is None:
            return None
        fs = fn + [(b, -m) for b, m in fd]
    groups: list[list] = []   # [ℓ, (α, β), total exponent]
    for base, m in fs:
        lin = _linear(base, x)
        assert lin is not None
        for g in groups:
            if _zero(add(_root(g[1]), mul(MINUS_ONE, _root(lin)))):
                g[2] += m  # the same root: exponents add (constant ratios go into K)
                break
        else:
            groups.append([base, lin, m])
    groups = [g for g in groups if g[2] != 0]
    if len(groups) != 2 or groups[0][2] != -groups[1][2]:
        return None
    (p, _, n), (q, _, _) = groups
    return (p, q, n) if n > 0 else (q, p, -n)


def _split(e: Expr, x: Symbol) -> tuple[Expr, Expr, Expr, list[Expr], Expr] | None:
    """(L, A, B, [c_0..c_p], R): e = R * Σ c_k*(A + B*L)^k with R rational in x."""
    from .rational import is_rational_function

    if not (e.is_Mul or e.is_Pow):
        return None
    logs = {n for n in e.preorder() if n.is_Function and n.fdef.name in _GENERATORS
            and _has(n, x)}
    if len(logs) != 1:
        return None
    L = logs.pop()
    lam = Symbol("_mlog_")
    # the generator: a factor (A + B*L)^p or A + B*L, else L itself
    A, B = ZERO, ONE
    for f in (e.args if e.is_Mul else (e,)):
        base = f.args[0] if f.is_Pow else f
        if base.is_Add and L in base.args or base.is_Add and any(
                t.is_Mul and L in t.args for t in base.args):
            try:
                lin = expand(subs(base, {L: lam}))
            except SymcalcError:
                return None
            from .radicals import poly_coeffs

            cs = poly_coeffs(lin, lam)
            if cs is None or len(cs) != 2 or any(_has(c, x) for c in cs):
                return None
            A, B = cs
            break
    mu = Symbol("_mgen_")
    try:
        h = subs(e, {L: mul(add(mu, mul(MINUS_ONE, A)), power(B, MINUS_ONE))})
    except (SymcalcError, ArithmeticError):
        return None
    gen, rest = [], []
    for f in (h.args if h.is_Mul else (h,)):
        (gen if mu in free_symbols(f) else rest).append(f)
    R = mul(*rest)
    if not gen or not is_rational_function(R, x):
        return None
    from .radicals import poly_coeffs

    cs = poly_coeffs(mul(*gen), mu)
    if cs is None or len(cs) < 2 or len(cs) > _MAX_POWER + 1 or any(_has(c, x) for c in cs):
        return None
    return L, A, B, cs, R


def _terms(e: Expr) -> tuple[Expr, ...]:
    return e.args if e.is_Add else (e,)


def _antiderivative(T: Expr, x: Symbol) -> Expr | None:
    """∫ T dx for a term of a partial-fraction sum that is not a simple pole: c*x^m
    (m >= 0) or c*ℓ^(-j) (j >= 2); None for anything else."""
    from .engine import split_constant

    c, dep = split_constant(T, x)
    if dep is x:
        return mul(c, power(x, 2), power(2, MINUS_ONE))
    if dep.is_Pow:
        b, m = dep.args[0], _int(dep.args[1])
        if m is None:
            return None
        if b is x and m >= 0:
            return mul(c, power(x, m + 1), power(m + 1, MINUS_ONE))
        lin = _linear(b, x)
        if lin is not None and m <= -2:
            return mul(c, power(b, m + 1), power(mul(lin[0], m + 1), MINUS_ONE))
    return None


def _simple_pole(T: Expr, x: Symbol) -> tuple[Expr, Expr] | None:
    """(root r, residue) when T = c/ℓ with ℓ linear."""
    from .engine import split_constant

    c, dep = split_constant(T, x)
    base = dep.args[0] if dep.is_Pow and dep.args[1] is MINUS_ONE else None
    if base is None:
        return None
    lin = _linear(base, x)
    if lin is None:
        return None
    return _root(lin), mul(c, power(lin[0], MINUS_ONE))


def log_mobius_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ R(x)*P(log(K*(P/Q)^n)) dx (see the module docstring)."""
    from ...algebra.rational import apart, cancel
    from ...core.functions import Li2, log

    sp = _split(e, x)
    if sp is None:
        return None
    L, A, B, cs, R = sp
    if L.fdef.name == "log":
        mob = _mobius(L.args[0], x)
        Bs = B
    else:   # atanh(u) = log((1 + u)/(1 - u))/2, acoth(u) = log((u + 1)/(u - 1))/2
        u = L.args[0]
        if _linear(u, x) is None:
            return None
        if len(cs) == 2 and _pole_at_zero(R, u, x):
            return None   # (a + b*atanh(c*x))/x: the table's (Li2(c*x) - Li2(-c*x))/2
        Q0 = add(ONE, mul(MINUS_ONE, u)) if L.fdef.name == "atanh" else add(u, MINUS_ONE)
        mob = (expand(add(ONE, u)), expand(Q0), 1)
        Bs = mul(B, power(2, MINUS_ONE))
    if mob is None:
        return None
    P, Q, n = mob
    (al, be), (ga, de) = _linear(P, x), _linear(Q, x)   # type: ignore[misc]
    rP, rQ = _root((al, be)), _root((ga, de))
    Delta = expand(add(mul(al, de), mul(MINUS_ONE, be, ga)))
    Mp = mul(Bs, n, Delta, power(mul(P, Q), MINUS_ONE))         # M'
    M = add(A, mul(B, L))
    levels = [mul(c, R) for c in cs]
    out: list[Expr] = []
    zQ = mul(Delta, power(mul(al, Q), MINUS_ONE))                 # z, 1 - z = γP/(αQ)
    for k in range(len(levels) - 1, 0, -1):
        ctx.check()
        Rk = levels[k]
        if Rk is ZERO:
            continue
        if Rk.count_ops() > 600 or len(free_symbols(Rk)) > 9:
            return None
        try:
            parts = apart(Rk, x)
        except (SymcalcError, ArithmeticError):
            return None
        poles: dict[Expr, Expr] = {}   # root -> residue, with roots matched up to cancel
        Sa: list[Expr] = []
        Sa_roots: list[Expr] = []   # the poles of S
        for T in _terms(parts):
            if not _has(T, x):
                Sa.append(mul(T, x))
                continue
            sp1 = _simple_pole(T, x)
            if sp1 is not None:
                r, c = sp1
                for r0 in poles:
                    if _zero(add(r0, mul(MINUS_ONE, r))):
                        poles[r0] = add(poles[r0], c)
                        break
                else:
                    poles[r] = c
                continue
            F = _antiderivative(T, x)
            if F is None:
                return None
            Sa.append(F)
            b = T.args[0] if T.is_Pow else next(
                (f.args[0] for f in T.args if f.is_Pow and _has(f, x)), None) if T.is_Mul \
                else None
            if b is not None and b is not x:
                lin = _linear(b, x)
                if lin is not None:
                    Sa_roots.append(_root(lin))
        # the simple poles: at the root of P, of Q, elsewhere
        resP = resQ = ZERO
        others: list[tuple[Expr, Expr]] = []
        for r, c in poles.items():
            if _zero(add(r, mul(MINUS_ONE, rP))):
                resP = add(resP, c)
            elif _zero(add(r, mul(MINUS_ONE, rQ))):
                resQ = add(resQ, c)
            else:
                others.append((r, c))
        Mk = power(M, k)
        if not _zero(resP):   # c/(x - rP) = c/(B*n)*M'/... + c/(x - rQ)
            out.append(mul(resP, power(mul(Bs, n, k + 1), MINUS_ONE), power(M, k + 1)))
            resQ = add(resQ, resP)
        for r, c in others:
            if k > 1 or _zero(c):
                if _zero(c):
                    continue
                return None
            kappa = cancel(mul(subs(Q, {x: r}), power(subs(P, {x: r}), MINUS_ONE)))
            s = _shorter(mul(kappa, P, power(Q, MINUS_ONE)))
            out.append(mul(c, add(mul(M, log(_shorter(add(ONE, mul(MINUS_ONE, s))))),
                                  mul(Bs, n, Li2(s)))))
            resQ = add(resQ, c)
        try:
            resQ = cancel(resQ)
        except (SymcalcError, ArithmeticError):
            return None
        if resQ is not ZERO:
            if k > 1:
                return None
            oneminus = mul(ga, P, power(mul(al, Q), MINUS_ONE))
            if L.fdef.name == "log" and _zero(add(L.args[0], mul(MINUS_ONE,
                                                                 power(oneminus, n)))):
                # L = n*log(1 - z): ∫ L/(x - r_Q) dx = n*Li2(z)
                out.append(mul(resQ, add(mul(A, log(Q)), mul(B, n, Li2(zQ)))))
            else:
                out.append(mul(MINUS_ONE, resQ, add(mul(M, log(zQ)),
                                                    mul(Bs, n, Li2(oneminus)))))
        if Sa:
            S = add(*Sa)
            C = ZERO
            for root in (rP, rQ):
                if not any(_zero(add(root, mul(MINUS_ONE, r))) for r in Sa_roots):
                    try:
                        C = cancel(subs(S, {x: root}))
                    except (SymcalcError, ArithmeticError, ZeroDivisionError):
                        return None
                    break
            try:
                S = _tidy_S(add(S, mul(MINUS_ONE, C)), x)
            except (SymcalcError, ArithmeticError):
                return None
            out.append(mul(S, Mk))
            levels[k - 1] = add(levels[k - 1], mul(-k, S, Mp))
    st0 = None
    if levels[0] is not ZERO:
        F0 = _rational(levels[0], x)
        if F0 is None:
            try:
                R0 = cancel(levels[0])
            except (SymcalcError, ArithmeticError):
                return None
            st0 = ctx.integrate(R0, x)
            if st0 is None:
                return None
            F0 = st0.result
        out.append(F0)
    F = _present(add(*out), x)
    from .verify import verify

    if not verify(F, e, x):
        return None
    return Step("parts on a logarithm of a linear fraction", e, x, F,
                (st0,) if st0 is not None else (), f"M = {M}, M' = {Mp}")


def _pole_at_zero(R: Expr, u: Expr, x: Symbol) -> bool:
    """Whether the rational R has a pole where the linear u vanishes."""
    from ...algebra.rational import numer_denom, together

    lin = _linear(u, x)
    if lin is None:
        return False
    try:
        _, D = numer_denom(together(R))
        return _zero(subs(D, {x: _root(lin)}))
    except (SymcalcError, ArithmeticError, ZeroDivisionError):
        return False


def _shorter(e: Expr) -> Expr:
    """e or its cancelled form, whichever is smaller."""
    from ...algebra.rational import cancel

    try:
        g = cancel(e)
    except (SymcalcError, ArithmeticError):
        return e
    return g if g.count_ops() < e.count_ops() else e


def _rational(R: Expr, x: Symbol) -> Expr | None:
    """∫ R dx term by term from R's partial fractions (linear denominators only)."""
    from ...algebra.rational import apart
    from ...core.functions import log

    if R.count_ops() > 1500:
        return None
    try:
        parts = apart(R, x)
    except (SymcalcError, ArithmeticError):
        return None
    out = []
    for T in _terms(parts):
        if not _has(T, x):
            out.append(mul(T, x))
            continue
        sp = _simple_pole(T, x)
        if sp is not None:
            from .engine import split_constant

            c, dep = split_constant(T, x)
            base = dep.args[0]
            lin = _linear(base, x)
            assert lin is not None
            out.append(mul(c, power(lin[0], MINUS_ONE), log(base)))
            continue
        F = _antiderivative(T, x)
        if F is None:
            return None
        out.append(F)
    return add(*out)


def _present(F: Expr, x: Symbol) -> Expr:
    """The constant factor of each term of F factored where that is shorter
    (B*a^2*d^2 - 2*B*a*b*c*d + B*b^2*c^2 -> B*(a*d - b*c)^2), like terms merged."""
    from ...algebra.factor_expr import factor
    from .engine import split_constant

    groups: dict[Expr, list[Expr]] = {}
    for t in _terms(F):
        c, dep = split_constant(t, x)
        groups.setdefault(dep, []).append(c)
    out = []
    for dep, cs in groups.items():
        c = add(*cs)
        fs = []
        for f in (c.args if c.is_Mul else (c,)):
            if f.is_Add:
                try:
                    g = factor(f)
                    if g.count_ops() < f.count_ops():
                        f = g
                except (SymcalcError, ArithmeticError):
                    pass
            fs.append(f)
        out.append(mul(*fs, dep))
    return add(*out)


def _tidy_S(S: Expr, x: Symbol) -> Expr:
    """The rational S in its smallest form among cancel and factor."""
    from ...algebra.factor_expr import factor
    from ...algebra.rational import cancel

    best = S
    n = S.count_ops()
    if n > 200:
        return S
    # cancel of a long sum of partial fractions costs seconds; factor is cheaper
    for f in ((cancel, factor) if n <= 80 else (factor,)):
        try:
            g = f(S)
        except (SymcalcError, ArithmeticError):
            continue
        if g.count_ops() < best.count_ops():
            best = g
    return best


__all__ = ["log_mobius_method"]
