"""Systems of equations: ``solve([eq1, eq2, ...], [x, y, ...])``.

The answer is a list of dicts ``{x: value, y: value}``, one per solution:

* **Linear systems** (every equation of degree <= 1 in the unknowns, coefficients rational
  functions of other symbols, the parameters) are solved by fraction-free Gauss–Jordan
  elimination (:mod:`.matrices`). A unique solution gives one dict; an underdetermined
  consistent system gives one dict that expresses the pivot unknowns in terms of the
  free ones (the free unknowns are not keys: they are the parameters of the family); an
  inconsistent system gives ``[]`` (and ``0 = 0`` alone gives ``[{}]``: all free).
  With parameters the answer is the *generic* one, valid where the pivots (polynomials
  in the parameters) do not vanish.
* **Polynomial systems** over Q are triangularized by a lex Gröbner basis
  (:mod:`.groebner`). For a finite solution set the last basis element is a polynomial
  in the last unknown; it is factored, and for each irreducible factor ``f`` the basis of
  the ideal with ``f`` added is, generically, in *shape position* (every other unknown
  a polynomial in the last one), which gives the solutions exactly from the roots of
  ``f`` (rationals, radicals, or RootOf). Otherwise, rational roots are substituted and
  the smaller system is solved recursively; where nothing is left to constrain the
  remaining unknowns they are free and, as for linear systems, not keys
  (``[x^2 - 1, (x - 1)*y]`` gives ``{x: -1, y: 0}`` and ``{x: 1}``). Other systems with
  infinitely many solutions, or whose solutions need more than this, raise
  :class:`SolveError`.

``domain="real"`` (default) keeps the real solutions, ``domain="complex"`` all of them.
Every solution is checked: equations with denominators drop solutions at their poles.

>>> from symcalc import symbols, Eq
>>> x, y, a = symbols("x y a")
>>> solve_system([Eq(x + y, 3), Eq(x - y, 1)], [x, y])
[{x: 2, y: 1}]
>>> solve_system([x + a*y - 1, a*x + y], [x, y])
[{x: -1/(a^2 - 1), y: a/(a^2 - 1)}]
>>> solve_system([x**2 + y**2 - 1, x - y], [x, y])
[{x: -sqrt(2)/2, y: -sqrt(2)/2}, {x: sqrt(2)/2, y: sqrt(2)/2}]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul
from ..core.budget import check, operation
from ..core.expand import expand
from ..core.expr import Expr, as_expr
from ..core.matrix import Matrix
from ..core.numbers import number
from ..core.symbol import Symbol
from ..errors import SymcalcError
from .groebner import groebner_polys
from .matrices import MatrixError, NonInvertibleMatrixError, PolyGrid, _ff_solve, gauss_jordan
from .poly import Poly, PolynomialError
from .rational import _ratio, numer_denom, together

__all__ = ["solve_system"]


def _error(msg: str) -> SymcalcError:
    from .solve import SolveError

    return SolveError(msg)


def _equations(eqs: Any) -> list[Expr]:
    out = []
    for e in eqs:
        if isinstance(e, bool):
            if e:
                continue
            out.append(number(1))
            continue
        e = as_expr(e)
        if e.is_Relational:
            if e.op != "==":
                raise _error(f"solve handles systems of equations (==), not the relation {e}")
            e = add(e.lhs, mul(number(-1), e.rhs))
        elif e.is_Boolean:
            if getattr(e, "value", None) is True:
                continue
            if getattr(e, "value", None) is False:
                out.append(number(1))
                continue
            raise _error(f"solve takes equations, not the condition {e}")
        out.append(e)
    return out


def _unknowns(xs: Any, eqs: list[Expr]) -> list[Symbol]:
    if xs is None:
        found: set = set()
        for e in eqs:
            found |= e.free_symbols
        xs = sorted(found, key=lambda s: s.name)
    if isinstance(xs, (Symbol, str)):
        xs = [xs]
    out = []
    for x in xs:
        x = as_expr(x)
        if not isinstance(x, Symbol):
            raise _error(f"solve needs symbols to solve for, got {x}")
        if x in out:
            raise _error(f"the unknown {x} is listed twice")
        out.append(x)
    if not out:
        raise _error("solve needs at least one unknown")
    return out


@operation("solve")
def solve_system(eqs: Any, xs: Any = None, *, domain: str = "real") -> list[dict]:
    """The solutions of a system of equations as a list of dicts (see the module doc)."""
    from .solve import _rationalize

    if domain not in ("real", "complex"):
        raise _error(f"unknown domain {domain!r}: use domain='real' or domain='complex'")
    eqs = _equations(list(eqs))
    xs = _unknowns(xs, eqs)
    floats = False
    rat = []
    for e in eqs:
        e, f = _rationalize(e)
        floats = floats or f
        rat.append(e)
    nums, dens = [], []
    for e in rat:
        n, d = numer_denom(together(e))
        nums.append(expand(n))
        dens.append(d)
    nums = [n for n in nums if n != number(0)]
    if any(n.is_Number for n in nums):
        return []  # some equation reads c = 0 with c a nonzero number
    if not nums:
        return [{}]  # 0 = 0: every unknown is free
    lin = _linear_form(nums, xs)
    if lin is not None:
        sols = _solve_linear(lin, xs)
    else:
        sols = _solve_polynomial(nums, xs, domain)
    sols = [s for s in sols if _defined(s, dens, xs)]
    if floats:
        sols = [{k: _float(v) for k, v in s.items()} for s in sols]
    return sols


def _float(v: Expr) -> Expr:
    if v.free_symbols:
        return v
    try:
        c = complex(v.evalf())
    except (SymcalcError, TypeError, ValueError):
        return v
    return number(c.real) if c.imag == 0 else add(number(c.real), mul(number(c.imag),
                                                                      as_expr("I")))


def _defined(sol: dict, dens: list[Expr], xs: list[Symbol]) -> bool:
    """False where a denominator vanishes at the solution (a pole, not a solution)."""
    for d in dens:
        if d.is_Number:
            continue
        v = d.subs(sol)
        if v.free_symbols:
            from .rational import cancel

            if cancel(v) == number(0):
                return False
            continue
        try:
            from ..core.evalf import N

            z = abs(complex(N(v, 30)))
        except (SymcalcError, TypeError, ValueError, ZeroDivisionError):
            return False
        if z < 1e-25:
            return False
    return True


# ---------------------------------------------------------------------- linear


def _linear_form(nums: list[Expr], xs: list[Symbol]) -> list[tuple[list[Expr], Expr]] | None:
    """Each equation as (coefficients of xs, constant) when all are linear in xs."""
    rows = []
    for n in nums:
        try:
            P = Poly.from_expr(n, None)
        except PolynomialError:
            return None
        gens = P.gens
        idx = {g: i for i, g in enumerate(gens)}
        if any(g.has(x) and g not in xs for g in gens for x in xs):
            return None
        xi = [idx.get(x) for x in xs]
        coeffs: list[list[Expr]] = [[] for _ in xs]
        const: list[Expr] = []
        for m, c in P.terms.items():
            deg = sum(m[i] for i in xi if i is not None)
            if deg > 1:
                return None
            rest = [g ** k for j, (g, k) in enumerate(zip(gens, m)) if k and j not in xi]
            t = mul(number(c), *rest)
            if deg == 0:
                const.append(t)
            else:
                which = next(k for k, i in enumerate(xi) if i is not None and m[i] == 1)
                coeffs[which].append(t)
        rows.append(([add(*c) for c in coeffs], add(*const)))
    return rows


def _solve_linear(rows: list[tuple[list[Expr], Expr]], xs: list[Symbol]) -> list[dict]:
    n = len(xs)
    M = Matrix([cs + [mul(number(-1), c)] for cs, c in rows])
    try:
        grid = PolyGrid(M)
    except MatrixError as exc:
        raise _error(f"cannot solve this linear system: {exc}") from None
    if len(rows) == n and n:
        try:  # square: Bareiss and back substitution, half the work when nonsingular
            X, D = _ff_solve(grid, [list(r) for r in grid.rows], n)
            return [{x: _ratio(X[i][0], D) for i, x in enumerate(xs)}]
        except NonInvertibleMatrixError:
            pass
    R, piv, D = gauss_jordan(grid, [list(r) for r in grid.rows], n)
    for r in R:
        if all(p.is_zero for p in r[:n]) and not grid.is_zero(r[n]):
            return []  # 0 = c: inconsistent
    sol: dict = {}
    for i, c in enumerate(piv):
        terms = [_ratio(R[i][n], D)] if not R[i][n].is_zero else []
        for f in range(n):
            if f not in piv and not R[i][f].is_zero:
                terms.append(mul(number(-1), _ratio(R[i][f], D), xs[f]))
        sol[xs[c]] = add(*terms)
    return [sol]


# ---------------------------------------------------------------------- polynomial


def _solve_polynomial(nums: list[Expr], xs: list[Symbol], domain: str) -> list[dict]:
    try:
        polys = [Poly.from_expr(n, xs) for n in nums]
    except PolynomialError:
        extra = set()
        for n in nums:
            extra |= n.free_symbols - set(xs)
        if extra:
            raise _error("nonlinear systems with parameters ("
                         + ", ".join(sorted(s.name for s in extra))
                         + ") are not supported; solve for them too or give them values"
                         ) from None
        raise _error("solve handles systems of polynomial equations (after clearing "
                     "denominators); this one has other functions of the unknowns") from None
    sols = _zero_dim(polys, xs, domain, 0)
    out, seen = [], set()
    for s in sols:
        key = tuple(s.get(x) for x in xs)
        if key not in seen:
            seen.add(key)
            out.append({x: s[x] for x in xs if x in s})  # keys in the order asked
    return sorted(out, key=lambda s: _sort_key(s, xs))


def _sort_key(s: dict, xs: list[Symbol]) -> tuple:
    key = []
    for x in xs:
        try:
            v = complex(s[x].evalf()) if x in s else complex(float("inf"))
            key.append((v.real, v.imag))
        except (SymcalcError, TypeError, ValueError):
            key.append((0.0, 0.0))
    return tuple(key) + (tuple(str(s.get(x)) for x in xs),)


def _is_unit(G: list[Poly]) -> bool:
    return len(G) == 1 and G[0].is_constant and not G[0].is_zero


def _uses(p: Poly, i: int) -> bool:
    return any(m[i] for m in p.terms)


def _orders(xs: list[Symbol]) -> list[list[Symbol]]:
    """The given order of the unknowns, then (for up to 4) the others: in another order
    the lex basis may have a univariate element where this one has none (a component of
    solutions with a free unknown)."""
    if len(xs) > 4:
        return [xs]
    from itertools import permutations

    return [xs] + [list(p) for p in permutations(xs) if list(p) != xs]


def _zero_dim(polys: list[Poly], xs: list[Symbol], domain: str, depth: int) -> list[dict]:
    check()
    if depth > 50:
        raise _error("solve: the system did not triangularize")
    polys = [p for p in polys if not p.is_zero]
    if not polys:
        return [{}]  # nothing constrains the remaining unknowns: they are free
    n = len(xs)
    G, last = [], []
    for order in _orders(xs):
        ps = [p.reorder(order) for p in polys]
        G = groebner_polys(ps, "lex")
        if _is_unit(G):
            return []
        last = [g for g in G if not any(_uses(g, i) for i in range(n - 1))]
        if last:
            xs = order
            break
    if not last:
        raise _error("the system has infinitely many solutions (a family of dimension "
                     "at least one); solve for fewer unknowns")
    u = last[-1]
    z = xs[-1]
    uz = Poly({(m[n - 1],): c for m, c in u.terms.items()}, (z,))
    if n == 1:
        from .roots import exact_roots

        return [{z: r} for r in exact_roots(uz, domain)]
    from .factor import factor_list

    out: list[dict] = []
    for f, _ in factor_list(uz)[1]:
        fz = Poly({tuple([0] * (n - 1) + [m[0]]): c for m, c in f.terms.items()}, xs)
        if f.degree() == 1:
            r = -Fraction(f.coeff_monom((0,))) / Fraction(f.coeff_monom((1,)))
            r = r.numerator if r.denominator == 1 else r
            sub = [p.evaluate(n - 1, r) for p in G]
            sub = [p.reorder(xs[:-1]) for p in sub]
            for s in _zero_dim(sub, xs[:-1], domain, depth + 1):
                s[z] = number(r)
                out.append(s)
            continue
        try:
            out += _shape(G + [fz], f, xs, domain)
        except _NotShape:
            out += _separating(G + [fz], xs, domain)
    return out


class _NotShape(Exception):
    pass


def _separating(polys: list[Poly], xs: list[Symbol], domain: str) -> list[dict]:
    """Solutions through a separating element ``t = z + c1 x1 + c2 x2 + ...``: with ``t``
    last, the ideal is in shape position for all but finitely many ``c``."""
    t = Symbol("_t_sep")
    gens = tuple(xs) + (t,)
    n = len(xs)
    for c in (1, 2, -1, 3, -2, 5, 7):
        check()
        lin = {tuple([0] * n + [1]): Fraction(1)}
        for k in range(n):
            m = [0] * (n + 1)
            m[k] = 1
            lin[tuple(m)] = Fraction(-(c ** (n - 1 - k)))
        ps = [p.reorder(gens) for p in polys] + [Poly(lin, gens)]
        G = groebner_polys(ps, "lex")
        if _is_unit(G):
            return []
        last = [g for g in G if not any(_uses(g, i) for i in range(n))]
        if not last:
            raise _error("the system has infinitely many solutions; solve for fewer unknowns")
        ut = Poly({(m[n],): v for m, v in last[-1].terms.items()}, (t,))
        from .factor import factor_list

        out: list[dict] = []
        try:
            for f, _ in factor_list(ut)[1]:
                ft = Poly({tuple([0] * n + [m[0]]): v for m, v in f.terms.items()}, gens)
                for s in _shape(G + [ft], f, list(gens), domain):
                    s.pop(t, None)
                    out.append(s)
        except _NotShape:
            continue
        return out
    raise _error("solve: could not bring this polynomial system into shape position")


def _shape(polys: list[Poly], f: Poly, xs: list[Symbol], domain: str) -> list[dict]:
    """Solutions over the roots of the irreducible ``f`` in the last unknown, when the
    ideal (with ``f``) is in shape position: ``x_i - h_i(z)`` for every other unknown."""
    from .roots import exact_roots

    n = len(xs)
    G = groebner_polys(polys, "lex")
    if _is_unit(G):
        return []
    z = xs[-1]
    forms: dict = {}
    for g in G:
        lead = max(g.terms)
        i = next((k for k in range(n - 1) if lead[k]), None)
        if i is None:
            continue
        if lead[i] != 1 or sum(lead) != 1 or any(_uses(g, k) for k in range(n - 1) if k != i) \
                or any(m[i] > 1 for m in g.terms):
            raise _NotShape
        c = g.coeff_monom(lead)
        h = Poly({(m[-1],): -Fraction(v) / Fraction(c) for m, v in g.terms.items()
                  if not m[i]}, (z,))
        forms[xs[i]] = h
    if len(forms) != n - 1:
        raise _error("the system has infinitely many solutions (a family of dimension at "
                     "least one); solve for fewer unknowns")
    out = []
    for r in exact_roots(f, domain):
        s = {x: expand(h.as_expr().subs({z: r})) for x, h in forms.items()}
        s[z] = r  # real roots give real values: the h are polynomials over Q
        out.append(s)
    return out

