"""The transcendental Risch algorithm for one exponential or logarithmic monomial over Q(x).

The integrand is read as an element f of K(t), K = Q(x), with t = exp(u) (Dt = u'*t, the
hyperexponential case) or t = log(v) (Dt = v'/v, the primitive case); every exponential
in it must be an integer power of one t, every logarithm the same log(v). Then, as in
Bronstein's *Symbolic Integration I* (chapters 5–6):

1. the canonical representation splits f into a polynomial (Laurent polynomial for
   exp) part and a part with a normal denominator;
2. Hermite reduction (:func:`~.risch_rde.hermite`) takes out a rational part g, leaving
   h with a squarefree denominator d;
3. the residue criterion: ∫ h can only be elementary when the roots of the
   Rothstein–Trager resultant res_t(d, a - z*Dd) are constants. Otherwise the
   integral is **not elementary**;
4. the polynomial part: for exp, each coefficient p_i of t^i (i ≠ 0) needs y ∈ K with
   y' + i*u'*y = p_i (the Risch differential equation, :func:`~.risch_rde.rde`); for log,
   the top coefficient needs p_m = b' + c*v'/v (limited integration), then the degree
   drops. No solution means **not elementary**; the coefficient of t^0 and the logarithms
   of step 3 are rational integration, always elementary.

When the integral is elementary, the logarithms with rational residues are built here
and whatever is left in K goes back to the driver (partial fractions).

>>> from symcalc import symbols, exp
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate((2*x**6 + 5*x**4 + x**3 + 4*x**2 + 1)*exp(x**2)/(x**2 + 1)**2, x)
exp(x^2)*(2*x^3 + 2*x + 1)/(2*(x^2 + 1))
>>> print(nonelementary_reason(exp(x**3), x))
not elementary (Risch): y' + 3*x^2*y = 1 has no rational solution
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING

from ...core.arithmetic import add, mul, power
from ...core.expr import Expr
from ...core.functions import exp, log
from ...core.numbers import ZERO, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from . import risch_poly as P
from .risch_poly import RF, RischError
from .risch_rde import hermite, limited_integrate, rde, rde_param
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context

#: The monomial's stand-in while the integrand is a rational function of (t, x).
_T = Symbol("t_risch")

#: The reason given for an integral the algorithm proves non-elementary.
REASON = "not elementary (Risch)"


@dataclass
class Tower:
    """K(t) with K = Q(x): t = exp(arg) (kind "exp") or log(arg) (kind "log")."""

    kind: str
    t: Expr          # the monomial as an expression
    eta: RF          # Dt = eta*t (exp) or eta (log)
    x: Symbol
    params: tuple[Symbol, ...] = ()

    def D(self, p: list) -> list:
        """The derivation on K[t]."""
        out = [c.der() for c in p]
        if self.kind == "exp":
            out = [c + self.eta * i * pc for i, (c, pc) in enumerate(zip(out, p, strict=True))]
        else:
            for i in range(1, len(p)):
                out[i - 1] = out[i - 1] + self.eta * i * p[i]
        return P.trim(out)


@dataclass
class Outcome:
    """What the algorithm found: an antiderivative (``result``, with the integrand it
    left to the driver in ``rest``), or a proof that there is none (``reason``)."""

    result: Expr | None = None
    rest: Expr | None = None
    reason: str | None = None
    early: bool = False     # worth trying before integration by parts


# --------------------------------------------------------------------------- conversions


def to_rf(e: Expr, x: Symbol, params: tuple[Symbol, ...] = ()) -> RF:
    """e ∈ Q(params)(x) as an :class:`RF` (RischError if it is not one)."""
    from ...algebra.poly import Poly, PolynomialError
    from ...algebra.rational import numer_denom, together

    try:
        n, d = numer_denom(together(e))
        pn, pd = Poly.from_expr(n, [x, *params]), Poly.from_expr(d, [x, *params])
    except (PolynomialError, SymcalcError, ArithmeticError) as ex:
        raise RischError(str(ex)) from None
    return RF(_dense(pn, 1, params), _dense(pd, 1, params))


def _dense(p: object, skip: int, params: tuple[Symbol, ...]) -> list:
    """The coefficients in the generator ``skip - 1`` of p, as constants (the monomials'
    first ``skip`` exponents select the place)."""
    from ...algebra.poly import Poly

    terms = p.terms  # type: ignore[attr-defined]
    groups: dict[tuple[int, ...], dict[tuple[int, ...], object]] = {}
    for m, c in terms.items():
        groups.setdefault(m[:skip], {})[m[skip:]] = c
    one = Poly.constant(1, params)
    n = max((k[-1] for k in groups), default=-1)
    out: list = [Fraction(0)] * (n + 1)
    for k, t in groups.items():
        out[k[-1]] = P.cf(Poly(t, params), one)
    return P.trim(out)


def cexpr(c: object) -> Expr:
    """A constant (Fraction or CF) as an expression."""
    return c.as_expr() if isinstance(c, P.CF) else number(c)  # type: ignore[union-attr]


def qx_expr(p: list[Fraction], x: Symbol) -> Expr:
    return add(*(mul(cexpr(c), power(x, number(i))) for i, c in enumerate(p) if c))


def rf_expr(r: RF, x: Symbol) -> Expr:
    if len(r.d) == 1:
        return qx_expr(list(r.n), x)
    e = mul(qx_expr(list(r.n), x), power(qx_expr(list(r.d), x), number(-1)))
    if any(isinstance(c, P.CF) or c.denominator != 1 for c in (*r.n, *r.d)):
        from ...algebra.rational import cancel

        try:
            return cancel(e)       # (x + 1/a) -> (a*x + 1)/a
        except (SymcalcError, ArithmeticError):
            return e
    return e


def kt_expr(p: list, tower: Tower, low: int = 0) -> Expr:
    """Σ p[i]*t^(i + low) as an expression."""
    return add(*(mul(rf_expr(c, tower.x), power(tower.t, number(i + low)))
                 for i, c in enumerate(p) if c))


def build_tower(e: Expr, x: Symbol) -> tuple[Tower, list, list] | None:
    """(tower, numerator, denominator) with e = num/den in K[t], or None when e is not
    an element of one exponential or logarithmic extension of Q(x)."""
    from ...algebra.poly import Poly, PolynomialError
    from ...algebra.rational import numer_denom, together

    if x not in free_symbols(e) or _T in free_symbols(e):
        return None
    params = tuple(sorted(free_symbols(e) - {x}, key=lambda s: s.name))
    exps: list[Expr] = []
    logs: list[Expr] = []
    for n in e.preorder():
        if n.is_Function:
            if x not in free_symbols(n):
                continue
            name = n.fdef.name
            if name == "exp":
                exps.append(n)
            elif name == "log":
                logs.append(n)
            else:
                return None
        elif n.is_Pow and x in free_symbols(n.args[1]):
            return None
    if bool(exps) == bool(logs):
        return None
    try:
        if exps:
            tower, mapping = _exp_tower(list(dict.fromkeys(exps)), x, params)
        else:
            tower, mapping = _log_tower(list(dict.fromkeys(logs)), x, params)
        tower.params = params
        g = subs(e, mapping)
        num, den = numer_denom(together(g))
        pn = Poly.from_expr(num, [_T, x, *params])
        pd = Poly.from_expr(den, [_T, x, *params])
        return tower, _kt(pn, params), _kt(pd, params)
    except (RischError, PolynomialError, SymcalcError, ArithmeticError):
        return None


def _kt(p: object, params: tuple[Symbol, ...]) -> list:
    from ...algebra.poly import Poly

    terms = p.terms  # type: ignore[attr-defined]
    n = max((m[0] for m in terms), default=-1)
    rows: list[dict] = [{} for _ in range(n + 1)]
    for m, c in terms.items():
        rows[m[0]][m[1:]] = c
    return P.trim([RF(_dense(Poly(r, (Symbol("x_"), *params)), 1, params)) if r else RF(())
                   for r in rows])


def _exp_tower(exps: list[Expr], x: Symbol, params: tuple[Symbol, ...]
               ) -> tuple[Tower, dict[Expr, Expr]]:
    args = [to_rf(n.args[0], x, params) for n in exps]
    if any(a.is_const() for a in args):
        raise RischError("constant exponential")
    u0 = args[0]
    qs = []
    for a in args:
        q = a / u0
        if not q.is_const():
            raise RischError("exponentials of algebraically independent arguments")
        if not isinstance(q.const_value(), Fraction):
            raise RischError("exponentials with a symbolic ratio of arguments")
        qs.append(q.const_value())
    L = lcm(*(q.denominator for q in qs))
    u = u0 * Fraction(1, L)
    t = exp(rf_expr(u, x))
    mapping = {n: power(_T, number(int(q * L))) for n, q in zip(exps, qs, strict=True)}
    return Tower("exp", t, u.der(), x), mapping


def _log_tower(logs: list[Expr], x: Symbol, params: tuple[Symbol, ...]
               ) -> tuple[Tower, dict[Expr, Expr]]:
    args = [to_rf(n.args[0], x, params) for n in logs]
    if any(a != args[0] for a in args) or args[0].is_const():
        raise RischError("several logarithms")
    v = args[0]
    return Tower("log", logs[0], v.der() / v, x), {logs[0]: _T}


# --------------------------------------------------------------------------- the algorithm


def residues_constant(a: list, d: list, tower: Tower) -> tuple[bool, list[Fraction] | None]:
    """(whether the roots of res_t(d, a - z*Dd) are constants, their rational values
    when they all are rational)."""
    Dd = tower.D(d)
    n = P.deg(d)
    zs = list(range(n + 1))
    vals = [P.resultant(d, P.sub(a, P.scale(Dd, RF.const(z)))) for z in zs]
    vals = [v if isinstance(v, RF) else RF.const(v) for v in vals]
    R = P.interpolate(zs, vals)
    if not R:
        raise RischError("zero resultant")
    lead = R[-1]
    mon = [c / lead for c in R]
    if not all(c.is_const() for c in mon):
        return False, None
    if P.deg(R) == 0:
        return True, []
    from ...algebra.factor import rational_roots
    from ...algebra.poly import Poly

    q = [c.const_value() for c in mon]
    if P.deg(q) == 1:
        return True, [-q[0] / q[1]]
    if not all(isinstance(c, Fraction) for c in q):
        return True, None        # the driver integrates this part
    z = Symbol("z")
    roots = rational_roots(Poly.from_expr(qx_expr(q, z), [z]))
    roots = [Fraction(r) for r in roots]
    # all roots rational (with multiplicity) iff their linear factors exhaust R
    rest = q
    for r in roots:
        while True:
            quo, rem = P.divmod_(rest, [-r, Fraction(1)])
            if rem:
                break
            rest = quo
    return True, (roots if P.deg(rest) == 0 else None)


def _log_part(a: list, d: list, roots: list[Fraction], tower: Tower
              ) -> tuple[Expr, RF] | None:
    """(Σ c*log(S_c), κ) with a/d = D(Σ c log S_c) + κ, κ ∈ K; None if the gcds do not
    split d (then the driver integrates a/d)."""
    Dd = tower.D(d)
    logs: list[Expr] = []
    total = []
    kappa = RF(())
    num = list(a)
    for c in roots:
        S = P.gcd(d, P.sub(a, P.scale(Dd, RF.const(c))))
        if P.deg(S) <= 0:
            continue
        # clear denominators: m*S ∈ Q[x][t]
        den = [Fraction(1)]
        for co in S:
            den = P.exquo(P.mul(den, list(co.d)), P.gcd(den, list(co.d)))
        m = RF(den)
        Sm = P.scale(S, m)
        logs.append(mul(cexpr(c), log(kt_expr(Sm, tower))))
        total.append(S)
        # a/d - c*DS/S: subtract c*DS*(d/S)
        num = P.sub(num, P.scale(P.mul(tower.D(S), P.exquo(d, S)), RF.const(c)))
        kappa = kappa - m.der() / m * c
    prod = [RF.one()]
    for S in total:
        prod = P.mul(prod, S)
    if P.deg(prod) != P.deg(d):
        return None
    q, r = P.divmod_(num, d)
    if r or P.deg(q) > 0:
        raise RischError("log part check failed")
    kappa = kappa + (q[0] if q else RF(()))
    return add(*logs), kappa


def _fmt_rde(f: RF, g: RF, x: Symbol) -> str:
    fy = str(mul(rf_expr(f, x), Symbol("y")))
    lhs = f"y' - {fy[1:]}" if fy.startswith("-") else f"y' + {fy}"
    return f"{lhs} = {rf_expr(g, x)} has no rational solution"


def _gaussian_part(f: RF, g: RF, i: int, tower: Tower) -> Expr | None:
    """∫ g*t^i dx with erf or erfi, when i*u is a quadratic polynomial (leading
    coefficient negative or positive): y*t^i + λ*∫ t^i dx where y' + f*y = g - λ (one
    more unknown in the Risch differential equation)."""
    from .table import _gaussian

    u = tower.eta * i          # the derivative of i*u: linear for a quadratic i*u
    if not (len(u.d) == 1 and P.deg(list(u.n)) == 1):
        return None
    sol = rde_param(f, g, [RF.one()])
    if sol is None:
        return None
    y, (lam,) = sol
    iu = mul(number(i), tower.t.args[0])
    G = _gaussian(iu, tower.x)
    if G is None:
        return None
    return add(mul(rf_expr(y, tower.x), exp(iu)), mul(cexpr(lam), G))


def risch(e: Expr, x: Symbol) -> Outcome | None:
    """The Risch algorithm on e, or None when e is not in a tower it handles."""
    built = build_tower(e, x)
    if built is None:
        return None
    tower, A, B = built
    if not B:
        return None
    try:
        out = _integrate(tower, A, B)
    except (RischError, ZeroDivisionError):
        return None
    if out.reason is not None:
        out.reason += _generic(tower)
    # parts gives the textbook derivation for polynomial*exp(a*x + b); Risch goes first
    # for exp of a nonlinear argument or a denominator in x
    out.early = tower.kind == "exp" and (len(tower.eta.n) > 1 or len(tower.eta.d) > 1) \
        or any(len(c.n) > 1 or len(c.d) > 1 for c in B)
    return out


def _generic(tower: Tower) -> str:
    if not tower.params:
        return ""
    return f" (for generic values of {', '.join(p.name for p in tower.params)})"


def _integrate(tower: Tower, A: list, B: list) -> Outcome:
    x = tower.x
    k = 0
    if tower.kind == "exp":
        while k < len(B) and not B[k]:
            k += 1
    B1 = B[k:]
    quo, R = P.divmod_(A, B)
    laurent: dict[int, RF] = {i: c for i, c in enumerate(quo) if c}

    def put(i: int, c: RF) -> None:
        laurent[i] = laurent.get(i, RF(())) + c

    if P.deg(B1) <= 0:          # B = c*t^k: R/B is a Laurent polynomial
        for i, c in enumerate(R):
            put(i - k, c / B1[0])
        An: list = []
    elif k > 0:
        alpha, beta = P.solve_bezout(B1, P.monomial(RF.one(), k), R)
        for i, c in enumerate(alpha):
            put(i - k, c)
        An = beta
    else:
        An = R
    parts: list[Expr] = []
    rest: list[Expr] = []
    if An:
        gs, (hn, hd), q = hermite(An, B1, tower.D)
        for i, c in enumerate(q):
            put(i, c)
        for b, v, j in gs:
            parts.append(mul(kt_expr(b, tower), power(kt_expr(v, tower), number(-j))))
        if hn:
            ok, roots = residues_constant(hn, hd, tower)
            if not ok:
                return Outcome(reason=f"{REASON}: the residues of {kt_expr(hn, tower)}/"
                                      f"({kt_expr(hd, tower)}) are not constant")
            lp = _log_part(hn, hd, roots, tower) if roots is not None else None
            if lp is None:
                rest.append(mul(kt_expr(hn, tower), power(kt_expr(hd, tower), number(-1))))
            else:
                parts.append(lp[0])
                put(0, lp[1])
    laurent = {i: c for i, c in laurent.items() if c}
    if tower.kind == "exp":
        for i in sorted(laurent):
            if i == 0:
                continue
            f = tower.eta * i
            y = rde(f, laurent[i])
            if y is None:
                special = _gaussian_part(f, laurent[i], i, tower)
                if special is None:
                    return Outcome(reason=f"{REASON}: {_fmt_rde(f, laurent[i], x)}")
                parts.append(special)
                continue
            parts.append(mul(rf_expr(y, x), power(tower.t, number(i))))
        if 0 in laurent:
            rest.append(rf_expr(laurent[0], x))
    else:
        p = [RF(())] * (max(laurent, default=-1) + 1)
        for i, c in laurent.items():
            p[i] = c
        p = P.trim(p)
        while P.deg(p) >= 1:
            m = P.deg(p)
            bc = limited_integrate(p[m], tower.eta)
            if bc is None:
                return Outcome(reason=f"{REASON}: {rf_expr(p[m], x)} is not the derivative "
                                      f"of a rational function plus a constant times "
                                      f"{rf_expr(tower.eta, x)}")
            b, c = bc
            q0 = P.add(P.monomial(RF.const(c / (m + 1)), m + 1), P.monomial(b, m))
            parts.append(kt_expr(q0, tower))
            p = P.sub(p, tower.D(q0))
            if P.deg(p) >= m:
                raise RischError("degree did not drop")
        if p:
            rest.append(rf_expr(p[0], x))
    return Outcome(result=add(*parts), rest=add(*rest) if rest else ZERO)


# --------------------------------------------------------------------------- the driver's side

_CACHE: OrderedDict[tuple[Expr, Expr], Outcome | None] = OrderedDict()


#: Sub-integrals nested deeper than this in a search (substitutions inside parts inside
#: ...) are left to the other methods: the algorithm is for the integrand itself and
#: for what the cheap methods make of it.
MAX_DEPTH = 3

#: Time one decision may take inside a search (it is memoized; past it, no decision).
DECIDE_SECONDS = 0.3


class _Slow(SymcalcError):
    """A decision ran past :data:`DECIDE_SECONDS`."""


def decide(e: Expr, x: Symbol, seconds: float = DECIDE_SECONDS) -> Outcome | None:
    """The (memoized) outcome of :func:`risch` on e, None also when it takes longer than
    ``seconds`` (so that one hard integrand does not eat a search's whole budget)."""
    from ...core.budget import within

    key = (e, x)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    try:
        with within(seconds, _Slow, "risch", strict=False):
            out = risch(e, x)
    except _Slow:
        out = None
    _CACHE[key] = out
    if len(_CACHE) > 256:
        _CACHE.popitem(last=False)
    return out


def nonelementary_reason(e: Expr, x: Symbol, seconds: float = DECIDE_SECONDS) -> str | None:
    """Why ∫ e dx is not elementary, when the Risch algorithm proves it; else None."""
    out = decide(e, x, seconds)
    return out.reason if out is not None else None


def risch_early(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """:func:`risch_method` before integration by parts, where parts has no textbook
    derivation to offer (exp of a nonlinear argument, denominators in x)."""
    if ctx.depth > MAX_DEPTH:
        return None
    out = decide(e, x)
    if out is None or not out.early:
        return None
    return risch_method(e, x, ctx)


def risch_sum(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """:func:`risch_method` before linearity, for a sum that is elementary although
    some of its terms are proved not to be (integrating term by term must fail)."""
    if ctx.depth > MAX_DEPTH or len(e.args) > 8:
        return None
    out = decide(e, x)
    if out is None or out.result is None:
        return None
    if not any(x in free_symbols(t) and nonelementary_reason(t, x) for t in e.args):
        return None
    return risch_method(e, x, ctx)


def risch_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """The Risch algorithm as a method of the driver: elementary answers only."""
    if ctx.depth > MAX_DEPTH:
        return None
    out = decide(e, x)
    if out is None or out.result is None:
        return None
    subs_: tuple[Step, ...] = ()
    F = out.result
    if out.rest is not None and out.rest is not ZERO:
        st = ctx.integrate(out.rest, x)
        if st is None:
            return None
        subs_ = (st,)
        F = add(F, st.result)
    if F is ZERO:
        return None
    return Step("Risch algorithm", e, x, F, subs_,
                "Hermite reduction, residue criterion, Risch differential equation")


__all__ = ["REASON", "Outcome", "Tower", "decide", "nonelementary_reason", "risch",
           "risch_early", "risch_method", "risch_sum"]
