"""Constrained optimization.

* :func:`lagrange` -- the critical points of f subject to equality constraints
  g_i = 0 by Lagrange multipliers: the system grad f = sum lambda_i grad g_i, g = 0 is
  solved symbolically when ``solve`` handles systems, otherwise numerically (damped
  Newton from many starts, exact rational points recognized and checked by
  substitution); each point is classified by the bordered Hessian.
* ``minimize(f, vars, x0, constraints=[...])`` -- equality and inequality constraints
  by the augmented Lagrangian method (Powell-Hestenes-Rockafellar; Nocedal and Wright,
  section 17.4, with the inequality form of their eq. 17.65). Why this and not SQP:
  it needs only gradients (every inner problem is a smooth unconstrained one, solved
  by the same L-BFGS as ``method="lbfgs"``), it needs no QP solver, and it is robust
  from infeasible starts; the price is more inner iterations than SQP near the end.

The bordered Hessian test: with m constraints on n variables, Jacobian J (m x n) of
the constraints and Hessian H of the Lagrangian L = f - lambda.g, the leading principal
minors D_k of [[0, J], [J^T, H]] of sizes k = 2m+1, ..., m+n decide: a minimum if every
(-1)^m D_k > 0, a maximum if every (-1)^(k-m) D_k > 0, a saddle if the signs follow
neither pattern and none is zero. Where a minor vanishes (the ordering of the
variables matters then) the Hessian of L restricted to the tangent space
{d : J d = 0} decides through its eigenvalues; "undetermined" when it is singular
(a higher-order test would be needed) or the constraint gradients are dependent.

>>> import symcalc as sc
>>> x, y, z = sc.symbols("x y z")
>>> sc.lagrange(x*y*z, [sc.Eq(x + y + z, 15)], [x, y, z])
[((0, 0, 15), 'saddle'), ((0, 15, 0), 'saddle'), ((5, 5, 5), 'maximum'), ((15, 0, 0), 'saddle')]
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ..core import Expr, Integer, Rational, Symbol, as_expr
from ..errors import EvaluationError
from .critical import CriticalPoint
from .objective import as_point, as_symbols, check_free

__all__ = ["lagrange", "minimize_constrained", "bordered_hessian_kind", "NotIsolatedError"]

#: the time the exact solver gets for a Lagrange system before numerics take over
SOLVE_SECONDS = 10.0


class NotIsolatedError(EvaluationError):
    """The constrained critical points form a continuum (f constant on the constraint
    set, for example): there is no finite list to return."""


def _as_equation(c: Any) -> Expr:
    """g with the constraint reading g = 0: an Eq, an expression, or a string."""
    if isinstance(c, str):
        from ..parse import parse

        c = parse(c)
    if isinstance(c, bool):
        raise TypeError("lagrange: a constraint is a Python bool -- write sc.Eq(g, 0) "
                        "(or just g, read as g = 0), not g == 0")
    e = as_expr(c)
    if e.is_Relational:
        if e.op != "==":
            raise ValueError(f"lagrange: {e} is an inequality; lagrange takes equality "
                             f"constraints (use minimize(..., constraints=...))")
        return e.lhs - e.rhs
    return e


def _multiplier_symbols(n: int, taken: set) -> list[Symbol]:
    out = []
    for i in range(1, n + 1):
        name = f"lambda{i}"
        while name in taken:
            name += "_"
        out.append(Symbol(name))
    return out


def lagrange(f: Any, constraints: Any, vars: Any, *, multipliers: bool = False,
             n_starts: int = 200) -> list:
    """Critical points of ``f`` on {g_i = 0}: a list of ``(point, kind)`` with kind
    "maximum", "minimum", "saddle" or "undetermined" (``multipliers=True``: triples
    with the multipliers lambda, for L = f - lambda.g). Constraints are ``sc.Eq``
    relations, expressions read as ``= 0``, or strings such as ``"x + y == 1"``."""
    f = as_expr(f)
    syms = as_symbols(vars)
    if isinstance(constraints, (Expr, str)) or not hasattr(constraints, "__iter__"):
        constraints = [constraints]
    gs = [_as_equation(c) for c in constraints]
    if not gs:
        raise ValueError("lagrange: give at least one constraint (critical_points handles "
                         "the unconstrained case)")
    if len(gs) >= len(syms):
        raise ValueError(f"lagrange: {len(gs)} constraints on {len(syms)} variables leave "
                         f"no freedom to optimize")
    for e in [f, *gs]:
        check_free(e, syms, "lagrange")
    from ..calculus.diff import diff

    lams = _multiplier_symbols(len(gs), {s.name for s in syms})
    L = f - sum((lam * g for lam, g in zip(lams, gs)), Integer(0))
    eqs = [diff(L, s) for s in syms] + gs
    unknowns = syms + lams
    sols = _symbolic(eqs, unknowns)
    if sols is None:
        sols = _numeric(eqs, unknowns, n_starts)
    out = []
    for sol in sorted(sols, key=_sort_key):
        pt, lam = sol[:len(syms)], sol[len(syms):]
        kind = bordered_hessian_kind(f, gs, syms, lams, sol)
        p = tuple(_plain(v) for v in pt)
        out.append((p, kind, tuple(_plain(v) for v in lam)) if multipliers
                   else CriticalPoint(p, kind))
    return out


def _plain(v: Any) -> Any:
    """Exact values stay exact (rationals, square roots); floats stay floats."""
    e = as_expr(v)
    return float(e.evalf()) if e.is_Number and not isinstance(e, (Integer, Rational)) else e


def _sort_key(sol: tuple) -> tuple:
    return tuple(float(as_expr(v).evalf()) for v in sol)


def _symbolic(eqs: list[Expr], unknowns: list[Symbol]) -> list[tuple] | None:
    """Exact real solutions from ``solve`` when it solves systems (else None)."""
    try:
        from ..algebra.solve import solve
        from ..core.budget import budget

        with budget(seconds=SOLVE_SECONDS):  # a hard system falls to numerics, not a hang
            found = solve(eqs, unknowns)
    except Exception:  # noqa: BLE001 - no system solver (yet), it gave up, or ran out
        return None
    if not isinstance(found, (list, tuple)):
        return None
    sols = []
    for s in found:
        if isinstance(s, dict):
            if any(u not in s for u in unknowns):
                return None  # a family of solutions: not handled here
            vals = [as_expr(s[u]) for u in unknowns]
        elif isinstance(s, (list, tuple)) and len(s) == len(unknowns):
            vals = [as_expr(v) for v in s]
        else:
            return None
        try:
            if not all(isinstance(v.evalf(), float) for v in vals):
                continue  # a complex solution
        except Exception:  # noqa: BLE001
            return None
        sols.append(tuple(vals))
    return sols or None  # nothing found: the numerical search has the last word


def _numeric(eqs: list[Expr], unknowns: list[Symbol], n_starts: int) -> list[tuple]:
    """Damped Newton on the Lagrange system from Halton starts at several scales;
    distinct roots, made exact where a rational point satisfies every equation."""
    import numpy as np

    from ..compile.api import compile as compile_expr
    from ..compile.api import compile_jacobian
    from .critical import _halton

    k = len(unknowns)
    F = compile_expr(eqs, unknowns, backend="math")
    J = compile_jacobian(eqs, unknowns, backend="math")

    def res(z: Any) -> Any:
        return np.array(F(*z.tolist()), dtype=float)

    roots: list[Any] = []
    starts = _halton(n_starts, k)
    for i, u in enumerate(starts):
        scale = (1.0, 10.0, 100.0)[i % 3]
        z = (2.0 * np.asarray(u) - 1.0) * scale
        r = res(z)
        for _ in range(60):
            nr = float(np.linalg.norm(r))
            if not math.isfinite(nr) or nr < 1e-13 * max(1.0, float(np.linalg.norm(z))):
                break
            Jz = np.array(J(*z.tolist()), dtype=float).reshape(len(eqs), k)
            try:
                step = np.linalg.lstsq(Jz, -r, rcond=None)[0]
            except np.linalg.LinAlgError:
                break
            t = 1.0
            while t > 1e-6:
                zn = z + t * step
                rn = res(zn)
                if float(np.linalg.norm(rn)) < nr:
                    break
                t *= 0.5
            z, r = zn, rn
        if not float(np.linalg.norm(r)) <= 1e-9 * max(1.0, float(np.linalg.norm(z))):
            continue
        if not any(np.allclose(z, q, rtol=1e-6, atol=1e-8) for q in roots):
            roots.append(z)
    out: list[tuple] = []
    for z in roots:
        # at a multiple root Newton stops ~sqrt(eps) away: rational points nearby are
        # tried (and kept only if they satisfy every equation exactly)
        exact = _exact(z, eqs, unknowns)
        pt = exact if exact is not None else tuple(float(v) for v in z)
        if not any(_same(pt, q) for q in out):
            out.append(pt)
    # a singular system Jacobian at several distinct roots: the conditions hold on a
    # curve or surface, and the points found are an arbitrary sample of it
    singular = 0
    for pt in out:
        zf = [float(as_expr(v).evalf()) for v in pt]
        Jz = np.array(J(*zf), dtype=float).reshape(len(eqs), k)
        scale = max(1.0, float(np.abs(Jz).max()))
        if np.linalg.matrix_rank(Jz, tol=1e-8 * scale) < k:
            singular += 1
    if singular >= 3:
        raise NotIsolatedError(
            f"lagrange: the Lagrange conditions hold on a curve or surface, not at isolated "
            f"points (the system is singular at {singular} of the {len(out)} solutions "
            f"found); lagrange returns isolated critical points only")
    return out


def _same(a: tuple, b: tuple) -> bool:
    if all(isinstance(v, Expr) and not v.free_symbols for v in a + b) and a == b:
        return True
    fa = [float(as_expr(v).evalf()) for v in a]
    fb = [float(as_expr(v).evalf()) for v in b]
    return all(abs(u - v) <= 1e-6 * max(1.0, abs(u)) for u, v in zip(fa, fb))


def _candidate(v: float, tol: float) -> Expr | None:
    """A rational p/q (q <= 1000) or a square root of one within tol (relative) of v."""
    q = Fraction(v).limit_denominator(1000)
    if abs(float(q) - v) <= tol * max(1.0, abs(v)):
        return Integer(q.numerator) if q.denominator == 1 else Rational(q.numerator,
                                                                         q.denominator)
    q2 = Fraction(v * v).limit_denominator(1000)
    if q2 > 0 and abs(math.sqrt(q2) - abs(v)) <= tol * max(1.0, abs(v)):
        from ..core import sqrt

        r = sqrt(Rational(q2.numerator, q2.denominator))
        return r if v > 0 else -r
    return None


def _exact(z: Any, eqs: list[Expr], unknowns: list[Symbol]) -> tuple | None:
    """Exact numbers (rationals, square roots of rationals) near z that satisfy every
    equation exactly -- checked by substitution -- else None. Tight tolerance first (a
    simple root, found to ~1e-12), then a loose one (Newton stops ~sqrt(eps) away from
    a multiple root)."""
    for tol in (1e-9, 1e-5):
        vals = [_candidate(float(v), tol) for v in z]
        if any(c is None for c in vals):
            continue
        sub = dict(zip(unknowns, vals))
        try:
            if all(as_expr(e.subs(sub)) == 0 for e in eqs):
                return tuple(vals)
        except Exception:  # noqa: BLE001 - undefined there: keep the floats
            continue
    return None


def bordered_hessian_kind(f: Expr, gs: list[Expr], syms: list[Symbol],
                          lams: list[Symbol], sol: tuple, tol: float = 1e-9) -> str:
    """The kind of a constrained critical point (see the module docstring)."""
    import numpy as np

    from ..calculus.diff import diff

    n, m = len(syms), len(gs)
    sub = dict(zip(syms + lams, sol))
    L = f - sum((lam * g for lam, g in zip(lams, gs)), Integer(0))

    def val(e: Expr) -> float:
        v = as_expr(e.subs(sub)).evalf()
        return float(v) if isinstance(v, float) else math.nan

    Jm = np.array([[val(diff(g, s)) for s in syms] for g in gs])
    H = np.array([[val(diff(diff(L, a), b)) for b in syms] for a in syms])
    if not (np.isfinite(Jm).all() and np.isfinite(H).all()):
        return "undetermined"
    if np.linalg.matrix_rank(Jm, tol=1e-10 * max(1.0, float(np.abs(Jm).max()))) < m:
        return "undetermined"  # dependent constraint gradients: no multiplier theory
    B = np.zeros((m + n, m + n))
    B[:m, m:] = Jm
    B[m:, :m] = Jm.T
    B[m:, m:] = H
    scale = max(1.0, float(np.abs(B).max()))
    minors = [float(np.linalg.det(B[:k, :k])) for k in range(2 * m + 1, m + n + 1)]
    if all(abs(d) > tol * scale ** len(minors) for d in minors):
        if all((-1) ** m * d > 0 for d in minors):
            return "minimum"
        if all((-1) ** (k - m) * d > 0 for k, d in zip(range(2 * m + 1, m + n + 1),
                                                       minors)):
            return "maximum"
        return "saddle"
    # a vanishing minor: the Hessian on the tangent space {d : J d = 0}
    _, sv, Vt = np.linalg.svd(Jm)
    Z = Vt[m:].T
    lam = np.linalg.eigvalsh(Z.T @ H @ Z)
    s = tol * max(1.0, float(np.abs(lam).max()))
    if (lam > s).any() and (lam < -s).any():
        return "saddle"
    if (np.abs(lam) <= s).any():
        return "undetermined"
    return "minimum" if (lam > 0).all() else "maximum"


# ---------------------------------------------------------------- minimize(constraints=)


def _split(constraints: Any) -> tuple[list[Expr], list[Expr]]:
    """(equalities c = 0, inequalities h <= 0)."""
    if isinstance(constraints, (Expr, str)) or not hasattr(constraints, "__iter__"):
        constraints = [constraints]
    eqs, ineqs = [], []
    for c in constraints:
        if isinstance(c, str):
            from ..parse import parse

            c = parse(c)
        if isinstance(c, bool):
            raise TypeError("minimize: a constraint is a Python bool -- write sc.Eq(g, 0) "
                            "for an equality")
        e = as_expr(c)
        if not e.is_Relational:
            eqs.append(e)
        elif e.op == "==":
            eqs.append(e.lhs - e.rhs)
        elif e.op in ("<=", "<"):
            ineqs.append(e.lhs - e.rhs)
        elif e.op in (">=", ">"):
            ineqs.append(e.rhs - e.lhs)
        else:
            raise ValueError(f"minimize: cannot use {e} as a constraint")
    return eqs, ineqs


def minimize_constrained(expr: Any, vars: Any, x0: Any, constraints: Any, method: str,
                         options: dict[str, Any]) -> Any:
    """The augmented Lagrangian loop (see the module docstring). Options: ``tol``
    (gradient of the Lagrangian, default 1e-6), ``ctol`` (constraint violation, default
    1e-8), ``maxiter`` (outer iterations, default 50), ``mu`` (initial penalty, 10)."""
    import numpy as np

    from .lbfgs import lbfgs
    from .objective import objective
    from .optimize import History, OptimizeResult

    if method not in ("bfgs", "lbfgs"):
        raise ValueError(f"minimize: with constraints the method is the augmented "
                         f"Lagrangian over L-BFGS; method={method!r} is not supported")
    allowed = {"tol", "ctol", "maxiter", "mu", "history", "callback"}
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise TypeError(f"minimize with constraints takes no option "
                        f"{', '.join(map(repr, unknown))}; its options are "
                        f"{', '.join(sorted(allowed))}")
    tol = float(options.get("tol", 1e-6))
    ctol = float(options.get("ctol", 1e-8))
    maxouter = int(options.get("maxiter", 50))
    mu = float(options.get("mu", 10.0))
    callback = options.get("callback")
    syms = as_symbols(vars)
    eqs, ineqs = _split(constraints)
    fobj = objective(expr, syms)
    cobj = [objective(c, syms, who="minimize (constraint)") for c in eqs]
    hobj = [objective(h, syms, who="minimize (constraint)") for h in ineqs]
    x = as_point(x0, syms)
    lam = np.zeros(len(eqs))
    nu = np.zeros(len(ineqs))
    nfev = 0

    def parts(z: Any) -> tuple:
        f, g = fobj.vg(z)
        cs = [o.vg(z) for o in cobj]
        hs = [o.vg(z) for o in hobj]
        return f, g, cs, hs

    def violation(cs: list, hs: list) -> float:
        v = [abs(c) for c, _ in cs] + [max(0.0, h) for h, _ in hs]
        return max(v, default=0.0)

    xs, fs = [x.copy()], [fobj.vg(x)[0]]
    success, message = False, f"stopped after maxiter = {maxouter} outer iterations"
    prev_viol = math.inf
    k = 0
    for k in range(1, maxouter + 1):
        def aug(z: Any, lam: Any = lam, nu: Any = nu, mu: float = mu) -> tuple:
            nonlocal nfev
            nfev += 1
            f, g, cs, hs = parts(z)
            g = g.copy()
            for (c, gc), li in zip(cs, lam):
                f += li * c + 0.5 * mu * c * c
                g += (li + mu * c) * gc
            for (h, gh), ni in zip(hs, nu):
                t = max(0.0, ni + mu * h)
                f += (t * t - ni * ni) / (2.0 * mu)
                g += t * gh
            return f, g

        inner_tol = max(tol, 10.0 ** -min(2 + k, 12))
        out = lbfgs(aug, x, {"maxiter": 2000, "tol": inner_tol, "history": False,
                             "callback": None})
        x = out[0]
        f, g, cs, hs = parts(x)
        viol = violation(cs, hs)
        lam = lam + mu * np.array([c for c, _ in cs])
        nu = np.maximum(0.0, nu + mu * np.array([h for h, _ in hs]))
        gl = g + sum((li * gc for (_, gc), li in zip(cs, lam)), np.zeros_like(g)) \
            + sum((ni * gh for (_, gh), ni in zip(hs, nu)), np.zeros_like(g))
        xs.append(x.copy())
        fs.append(f)
        if callback is not None and callback(k, x.copy(), f):
            message = f"stopped by the callback after {k} outer iterations"
            break
        if viol <= ctol and float(np.max(np.abs(gl))) <= max(tol, 10 * inner_tol):
            success = True
            message = (f"converged: max violation {viol:.3g} <= ctol = {ctol:g}, max "
                       f"|grad L| = {float(np.max(np.abs(gl))):.3g}")
            break
        if viol > 0.25 * prev_viol:
            mu *= 10.0
        prev_viol = viol
    f, g, cs, hs = parts(x)
    r = OptimizeResult(x=x, fun=float(f), grad=g, nit=k, nfev=nfev, nhev=0,
                       success=success, message=message,
                       history=History(np.array(xs), np.array(fs)) if options.get(
                           "history", True) else None,
                       method=f"augmented-lagrangian ({method})",
                       vars=[s.name for s in syms])
    r.multipliers = {"eq": lam, "ineq": nu}
    r.state = None
    return r
