"""critical_points: where the gradient vanishes, and what kind of point each is.

In one variable, when the derivative is a polynomial (or a rational function) with
rational coefficients, its real roots are found exactly (factorization, radicals;
certified floats where no readable radical exists). Otherwise the search is numeric over
a region: sign changes of f' on a grid refined by Brent's method in one variable,
Newton's method on grad f = 0 from many starting points in several. Numeric points that
are exactly rational (checked by substituting back) are returned exactly.

Each point is classified by the eigenvalues of the Hessian: all positive -> minimum, all
negative -> maximum, both signs -> saddle, otherwise (a zero eigenvalue, no sign
change) -> degenerate, where the second-derivative test says nothing.

>>> import symcalc as sc
>>> from symcalc.numerics import critical_points
>>> x, y = sc.symbols("x y")
>>> critical_points(x**4 - 4*x**3 + 4*x**2 + 1, x)
[((0,), 'minimum'), ((1,), 'maximum'), ((2,), 'minimum')]
>>> critical_points(x**2 - y**2, [x, y])
[((0, 0), 'saddle')]
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, NamedTuple

from ..core import Expr, Integer, Rational, Symbol, as_expr
from .objective import as_symbols, check_free, fast_scalar

KINDS = ("minimum", "maximum", "saddle", "degenerate")


class CriticalPoint(NamedTuple):
    """A critical point (a tuple in the order of the variables; exact numbers where
    found exactly, floats otherwise) and its kind."""

    point: tuple
    kind: str

    def __repr__(self) -> str:  # reads as the plain (point, kind) pair it is
        return repr(tuple(self))


def classify(eigenvalues: Any, tol: float = 1e-9) -> str:
    """The kind of a critical point from the Hessian's eigenvalues: those within
    tol * max(1, max |lambda|) of zero count as zero."""
    lam = [float(v) for v in eigenvalues]
    scale = tol * max(1.0, max((abs(v) for v in lam), default=0.0))
    pos = any(v > scale for v in lam)
    neg = any(v < -scale for v in lam)
    if pos and neg:
        return "saddle"
    if len([v for v in lam if abs(v) <= scale]):
        return "degenerate"
    return "minimum" if pos else "maximum"


def _region(region: Any, n: int) -> list[tuple[float, float]]:
    if region is None:
        region = (-10.0, 10.0)
    if len(region) == 2 and all(isinstance(v, (int, float, Fraction)) or
                                (isinstance(v, Expr) and v.is_Number) for v in region):
        region = [region] * n
    out = []
    for r in region:
        a, b = (float(as_expr(v).evalf()) if isinstance(v, Expr) else float(v) for v in r)
        if not a < b:
            raise ValueError(f"critical_points: a region interval must have a < b, got {r}")
        out.append((a, b))
    if len(out) != n:
        raise ValueError(f"critical_points: region needs one (low, high) pair per variable "
                         f"({n}), got {len(out)}")
    return out


def _number(v: Any) -> Any:
    """An exact root as a plain-looking value: Integer/Rational stay expressions (they
    compare equal to ints and print as such), Floats become Python floats."""
    e = as_expr(v)
    if e.is_Number and not isinstance(e, (Integer, Rational)):
        return float(e.evalf())
    return e


def _sign_of(e: Expr) -> int:
    v = e.evalf()
    v = v.real if isinstance(v, complex) else float(v)
    return (v > 0) - (v < 0)


def _exact_1d(e: Expr, x: Symbol, box: tuple[float, float] | None
              ) -> list[CriticalPoint] | None:
    """Exact critical points when f' is a rational function over Q; None otherwise."""
    from ..algebra import Poly, PolynomialError
    from ..algebra.rational import numer_denom
    from ..calculus.diff import diff

    d1 = diff(e, x)
    try:
        num, den = numer_denom(d1)
        pn = Poly.from_expr(num, [x])
        pd = Poly.from_expr(den, [x])
    except (PolynomialError, ValueError, TypeError, ArithmeticError):
        return None
    except Exception:  # noqa: BLE001 - any failure of the exact path falls back to numerics
        return None
    if pn.is_zero:
        return None  # f is constant: every point is critical
    if pn.degree() > 60:
        return None
    roots = _poly_roots(pn)
    if roots is None:
        return None
    d2 = diff(d1, x)
    out = []
    for r, mult in roots:
        rv = float(as_expr(r).evalf())
        if box is not None and not box[0] <= rv <= box[1]:
            continue
        if pd.degree() > 0 and abs(_eval_poly(pd, rv)) < 1e-300:
            continue  # a pole of f', not a critical point
        if mult > 1:
            kind = "degenerate"
        else:
            try:
                s = _sign_of(d2.subs({x: as_expr(r)}))
            except Exception:  # noqa: BLE001 - evaluate numerically instead
                s = 0
            if s == 0:
                s = _sign_of_float(d2, x, rv)
            kind = "minimum" if s > 0 else "maximum" if s < 0 else "degenerate"
        out.append(CriticalPoint((_number(r),), kind))
    return out


def _eval_poly(p: Any, v: float) -> float:
    acc = 0.0
    for c in p.all_coeffs():
        acc = acc * v + float(c)
    return acc


def _sign_of_float(d2: Expr, x: Symbol, v: float) -> int:
    from ..compile.api import compile as compile_expr

    val = float(compile_expr(d2, [x], backend="math")(v))
    return (val > 0) - (val < 0) if math.isfinite(val) else 0


def _poly_roots(p: Any) -> list[tuple[Any, int]] | None:
    """Distinct real roots with multiplicities: exact where readable."""
    try:
        from ..algebra.solve import solve
    except ImportError:  # pragma: no cover - an algebra without solve
        solve = None
    if solve is not None:
        try:
            found = solve(p.as_expr(), p.gens[0], multiplicity=True)
        except Exception:  # noqa: BLE001 - fall back to our own roots
            found = None
        if found is not None:
            return [(r, k) for r, k in found]
    return _own_poly_roots(p)


def _own_poly_roots(p: Any) -> list[tuple[Any, int]]:
    """Rational roots exactly, the rest of each square-free factor numerically
    (companion-matrix eigenvalues, polished by Newton on the exact coefficients)."""
    import numpy as np

    from ..algebra import rational_roots, sqf_list
    from ..core import Float

    out: list[tuple[Any, int]] = []
    _, factors = sqf_list(p)
    for q, mult in factors:
        rats = rational_roots(q)
        for r in rats:
            out.append((Rational(r.numerator, r.denominator) if isinstance(r, Fraction)
                        else Integer(r), mult))
        coeffs = [float(c) for c in q.all_coeffs()]
        if len(coeffs) <= 2:
            continue
        for z in np.roots(coeffs):
            if abs(z.imag) > 1e-7 * max(1.0, abs(z)):
                continue
            t = float(z.real)
            for _ in range(8):  # Newton polish
                v = dv = 0.0
                for c in coeffs:
                    dv = dv * t + v
                    v = v * t + c
                if dv == 0:
                    break
                t -= v / dv
            if any(abs(t - float(r)) <= 1e-9 * max(1.0, abs(t)) for r in rats):
                continue
            out.append((Float(t), mult))
    out.sort(key=lambda rk: float(as_expr(rk[0]).evalf()))
    return out


def _halton(count: int, dim: int) -> Any:
    """The first ``count`` points of the Halton sequence in [0, 1)^dim (van der Corput
    in the first primes): well spread starting points, reproducible without a seed."""
    import numpy as np

    primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71]
    while len(primes) < dim:
        k = primes[-1] + 2
        while any(k % q == 0 for q in primes):
            k += 2
        primes.append(k)
    out = np.empty((count, dim))
    for j in range(dim):
        b = primes[j]
        for i in range(count):
            f, r, k = 1.0, 0.0, i + 1
            while k:
                f /= b
                r += f * (k % b)
                k //= b
            out[i, j] = r
    return out


def _exactify(point: Any, grads: list[Expr], syms: list[Symbol]) -> tuple | None:
    """The point with rational coordinates near ``point`` where the gradient is exactly
    zero, if there is one with small denominators."""
    vals = []
    for v in point:
        q = Fraction(float(v)).limit_denominator(1000)
        if abs(float(q) - float(v)) > 1e-9 * max(1.0, abs(float(v))):
            return None
        vals.append(Integer(q.numerator) if q.denominator == 1
                    else Rational(q.numerator, q.denominator))
    sub = dict(zip(syms, vals))
    try:
        if all(as_expr(g.subs(sub)) == 0 for g in grads):
            return tuple(vals)
    except Exception:  # noqa: BLE001 - undefined there: keep the float point
        return None
    return None


def _numeric_1d(e: Expr, x: Symbol, box: tuple[float, float], grid: int
                ) -> list[tuple[float, float]]:
    """(root of f', f'' there) over the box, from sign changes and near-touches on a grid."""
    import numpy as np

    from ..calculus.diff import diff
    from ..compile.api import compile as compile_expr
    from .roots import brent

    d1 = diff(e, x)
    d2 = diff(d1, x)
    both = compile_expr([d1, d2], [x])
    f1s = compile_expr(d1, [x], backend="math")
    f2s = compile_expr(d2, [x], backend="math")
    ts = np.linspace(box[0], box[1], grid)
    v1, v2 = both(ts)
    v1 = np.asarray(v1, dtype=float)
    v2 = np.asarray(v2, dtype=float)
    roots: list[float] = []
    scale = float(np.nanmax(np.abs(v1))) if np.isfinite(v1).any() else 1.0
    for i in range(grid):
        if not math.isfinite(v1[i]):
            continue
        if v1[i] == 0:
            roots.append(float(ts[i]))
            continue
        if i + 1 < grid and math.isfinite(v1[i + 1]) and v1[i + 1] != 0 and \
                (v1[i] > 0) != (v1[i + 1] > 0):
            a, b = float(ts[i]), float(ts[i + 1])
            r = brent(lambda t: float(f1s(t)), a, b, float(v1[i]), float(v1[i + 1]))
            if abs(float(f1s(r))) <= 1e-6 * max(1.0, scale):  # not a pole of f'
                roots.append(r)
        elif 0 < i < grid - 1 and abs(v1[i]) <= abs(v1[i - 1]) and abs(v1[i]) <= abs(v1[i + 1]) \
                and math.isfinite(v1[i - 1]) and math.isfinite(v1[i + 1]) and \
                (v1[i - 1] > 0) == (v1[i] > 0) == (v1[i + 1] > 0):
            # |f'| dips without a sign change: a double root (inflection) nearby?
            t = float(ts[i])
            for _ in range(60):
                g1, g2 = float(f1s(t)), float(f2s(t))
                if g1 == 0 or g2 == 0 or not math.isfinite(g1 / g2):
                    break
                t -= g1 / g2
                if not ts[i - 1] <= t <= ts[i + 1]:
                    break
            if ts[i - 1] <= t <= ts[i + 1] and abs(float(f1s(t))) <= 1e-10 * max(1.0, scale):
                roots.append(t)
    roots.sort()
    out: list[tuple[float, float]] = []
    for r in roots:
        if out and abs(r - out[-1][0]) <= 1e-8 * max(1.0, abs(r)):
            continue
        out.append((r, float(f2s(r))))
    return out


def critical_points(expr: Any, vars: Any, *, region: Any = None, n_starts: int | None = None,
                    grid: int = 2001) -> list[CriticalPoint]:
    """The critical points of ``expr`` with their kinds, sorted by position.

    ``region`` is one (low, high) interval for every variable or one per variable
    (default (-10, 10); exact one-variable polynomial roots are not restricted unless a
    region is given). ``n_starts`` is the number of Newton starts of the numeric search
    in several variables (default 100 per variable); ``grid`` the number of samples of
    f' in one variable. A numeric search can miss points it never starts near.
    """
    e = as_expr(expr)
    syms = as_symbols(vars)
    check_free(e, syms, "critical_points")
    n = len(syms)
    if n == 1:
        x = syms[0]
        exact = _exact_1d(e, x, None if region is None else _region(region, 1)[0])
        if exact is not None:
            return exact
        box = _region(region, 1)[0]
        pts = [CriticalPoint((r,), classify([h])) for r, h in _numeric_1d(e, x, box, grid)]
        return [_exact_point(p, e, syms) for p in pts]
    return _numeric_nd(e, syms, _region(region, n), n_starts or 100 * n)


def _exact_point(cp: CriticalPoint, e: Expr, syms: list[Symbol]) -> CriticalPoint:
    from ..calculus.vector import gradient

    exact = _exactify(cp.point, gradient(e, syms), syms)
    return CriticalPoint(exact, cp.kind) if exact is not None else cp


def _numeric_nd(e: Expr, syms: list[Symbol], box: list[tuple[float, float]], starts: int
                ) -> list[CriticalPoint]:
    import numpy as np

    from ..calculus.vector import gradient, hessian
    from ..compile.api import compile as compile_expr
    from .roots import _newton

    n = len(syms)
    grads = gradient(e, syms)
    H = hessian(e, syms)
    FJ = fast_scalar(compile_expr(grads + [H[i, j] for i in range(n) for j in range(n)], syms,
                                  packed=True, backend="math"))
    lo = np.array([b[0] for b in box])
    hi = np.array([b[1] for b in box])
    width = hi - lo
    candidates = np.vstack([(lo + hi) / 2, lo + _halton(starts, n) * width])
    found: list[Any] = []
    slack = 1e-9 * np.maximum(1.0, np.abs(width))
    for x0 in candidates:
        x, fmax, why = _newton(FJ, x0.copy(), n, n, 100)
        if why not in (None, "no step decreases the residual") or not np.isfinite(x).all():
            continue
        vals = FJ(x)
        gscale = 1e-8 * max(1.0, float(np.max(np.abs(vals[n:]))) * max(1.0, float(
            np.max(np.abs(x)))))
        if fmax > gscale or (x < lo - slack).any() or (x > hi + slack).any():
            continue
        if any(np.max(np.abs(x - y) / np.maximum(1.0, np.abs(y))) <= 1e-6 for y in found):
            continue
        found.append(x)
    out = []
    for x in found:
        vals = FJ(x)
        Hx = np.array(vals[n:]).reshape(n, n)
        kind = classify(np.linalg.eigvalsh((Hx + Hx.T) / 2))
        exact = _exactify(x, grads, syms)
        if exact is not None:
            out.append(CriticalPoint(exact, _exact_kind(H, syms, exact, kind)))
        else:
            out.append(CriticalPoint(tuple(float(v) for v in x), kind))
    out.sort(key=lambda cp: tuple(float(v) for v in cp.point))
    return out


def _exact_kind(H: Any, syms: list[Symbol], point: tuple, kind: str) -> str:
    """At an exact point, decide singularity of the Hessian exactly (rational
    determinant by fraction-free elimination) when the numeric kind may hinge on it."""
    if kind == "saddle":
        return kind
    n = len(syms)
    sub = dict(zip(syms, point))
    try:
        rows = [[as_expr(H[i, j].subs(sub)) for j in range(n)] for i in range(n)]
    except Exception:  # noqa: BLE001
        return kind
    if not all(isinstance(v, (Integer, Rational)) for r in rows for v in r):
        return kind
    m = [[Fraction(int(v.p), int(v.q)) if isinstance(v, Rational) else Fraction(int(v))
          for v in r] for r in rows]
    # Gaussian elimination over Q: is the matrix singular?
    rank = 0
    for c in range(n):
        piv = next((r for r in range(rank, n) if m[r][c] != 0), None)
        if piv is None:
            continue
        m[rank], m[piv] = m[piv], m[rank]
        for r in range(rank + 1, n):
            if m[r][c]:
                f = m[r][c] / m[rank][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[rank])]
        rank += 1
    if rank < n:
        return "degenerate"
    return kind if kind != "degenerate" else kind
