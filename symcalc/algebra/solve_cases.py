"""Equations solved by cases (abs, max, min, piecewise) and by squaring away radicals.

``solve`` calls :func:`case_roots` when ``x`` occurs in several independent forms.

* **Cases.** The first ``abs(u)``, ``max(a, b)``, ``min(a, b)`` or piecewise containing
  ``x`` is replaced by each of its branches in turn (``abs(u)`` by ``u`` where
  ``u >= 0`` and by ``-u`` where ``u < 0``; ``max(a, b)`` by ``a`` where ``a >= b``, ...;
  a piecewise by its i-th value where its i-th condition is the first true one); each
  equation is solved, and a root is kept only if it satisfies its branch's condition.
  abs, max and min are continuous, so a root on the boundary of two branches is the
  same root for both and may be accepted by either.
* **Radicals.** ``g = P + Q*sqrt(u)`` with ``P``, ``Q`` free of ``sqrt(u)`` (after
  ``sqrt(u)^2 = u``) implies ``P^2 - Q^2*u = 0``, an equation with one radical less.
  Its roots are candidates only: squaring adds the roots of ``P - Q*sqrt(u) = 0``, so
  every candidate is substituted into the original equation (``solve`` checks every
  root of such an equation numerically, and drops those that do not satisfy it).

>>> from symcalc import parse, symbols, solve
>>> x = symbols("x")
>>> solve(parse("abs(x) - 2*x + 1"), x)
[1]
>>> solve(parse("max(x, 1) - 2"), x)
[2]
>>> solve(parse("sqrt(2*x + 3) - sqrt(x + 1) - 1"), x)
[-1, 3]
>>> solve(parse("sqrt(x) + sqrt(x - 5) - 1"), x)  # squaring gives x = 9: extraneous
[]
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.arithmetic import add, mul, power
from ..core.expand import expand
from ..core.expr import Expr
from ..core.numbers import HALF, MINUS_ONE, ZERO, number
from ..core.symbol import Symbol
from ..core.traversal import preorder
from ..errors import SymcalcError
from .poly import Poly, PolynomialError

__all__ = ["case_roots"]

Root = tuple[Expr, int]
_CASED = frozenset({"abs", "max", "min"})
#: At most this many case splits / squarings in one equation.
MAX_SPLITS = 6


def _cased_node(g: Expr, x: Symbol) -> Expr | None:
    for n in preorder(g):
        if (n.is_Function and n.fdef.name in _CASED or n.head == "piecewise") and n.has(x):
            return n
    return None


def _cases(node: Expr) -> list[tuple[Expr, list[tuple[Expr, str]], Expr | None]]:
    """(replacement, [(c, op)]: conditions c op 0, or a boolean condition)."""
    if node.head == "piecewise":
        a = node.args
        out = []
        before: list[Expr] = []
        for i in range(0, len(a), 2):
            out.append((a[i], [], (a[i + 1], tuple(before))))
            before.append(a[i + 1])
        return out
    name = node.fdef.name
    if name == "abs":
        u = node.args[0]
        return [(u, [(u, ">=")], None), (mul(MINUS_ONE, u), [(u, "<=")], None)]
    a, b = node.args
    d = add(a, mul(MINUS_ONE, b))
    if name == "max":
        return [(a, [(d, ">=")], None), (b, [(d, "<=")], None)]
    return [(a, [(d, "<=")], None), (b, [(d, ">=")], None)]


def _num(e: Expr, x: Symbol, r: Expr) -> complex | None:
    try:
        return complex(e.evalf({x: complex(r.evalf()).real}))
    except (SymcalcError, TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None


def _satisfies(x: Symbol, r: Expr, conds: list[tuple[Expr, str]], boolean: tuple | None) -> bool:
    if r.free_symbols:
        raise SymcalcError("a root with parameters cannot be checked against its case")
    for c, op in conds:
        v = _num(c, x, r)
        if v is None or abs(v.imag) > 1e-12 * max(1.0, abs(v)):
            return False
        tol = 1e-10 * max(1.0, abs(v))
        if op == ">=" and v.real < -tol or op == "<=" and v.real > tol:
            return False
    if boolean is not None:
        cond, before = boolean
        for b, want in [(c, False) for c in before] + [(cond, True)]:
            if b.is_Boolean and not b.is_Relational and b.args == ():
                val = bool(getattr(b, "value", False))
            else:
                v = _num(b, x, r)
                if v is None:
                    return False
                val = v.real != 0
            if val != want:
                return False
    return True


def _radical(g: Expr, x: Symbol) -> Expr | None:
    """A square root ``sqrt(u)`` (u depending on x) occurring in g."""
    for n in preorder(g):
        if n.is_Pow and n.args[0].has(x) and n.args[1].is_Number:
            k = n.args[1].value
            if not isinstance(k, int) and getattr(k, "denominator", 1) == 2:
                return power(n.args[0], HALF)
    return None


def _squared(g: Expr, x: Symbol, r: Expr) -> Expr | None:
    """``P^2 - Q^2*u`` for ``g = P + Q*r``, ``r = sqrt(u)`` (see the module doc)."""
    u = r.args[0]
    t = Symbol("_sq_t" if "_sq_t" not in {s.name for s in g.free_symbols} else "_sq_t_")
    # half-integer powers of u become powers of t
    table = {}
    for n in preorder(g):
        if n.is_Pow and n.args[0] is u and n.args[1].is_Number:
            k = n.args[1].value
            if not isinstance(k, int) and getattr(k, "denominator", 1) == 2:
                table[n] = power(t, number(int(k * 2)))
    gt = g.xreplace(table) if table else g
    from .rational import numer_denom

    num, _den = numer_denom(gt)
    try:
        p = Poly.from_expr(expand(num))
        gens = tuple(dict.fromkeys(p.gens + Poly.from_expr(u).gens))
        p = Poly.from_expr(expand(num), gens)
        uu = Poly.from_expr(u, gens)
    except (PolynomialError, SymcalcError):
        return None
    if t not in p.gens:
        return None
    i = p.gens.index(t)
    # reduce t^2 -> u: P + Q*t
    P = Poly.constant(0, p.gens)
    Q = Poly.constant(0, p.gens)
    for m, c in p.terms.items():
        q, rem = divmod(m[i], 2)
        mono = Poly({m[:i] + (0,) + m[i + 1:]: c}, p.gens) * uu ** q
        if rem:
            Q = Q + mono
        else:
            P = P + mono
    if Q.is_zero:
        return P.as_expr()
    return (P * P - Q * Q * uu).as_expr()


def case_roots(g: Expr, x: Symbol, domain: str, roots: Callable[[Expr], list[Root]],
               splits: int = 0) -> list[Root] | None:
    """Candidate roots of ``g = 0`` by cases or by squaring (see the module doc), or None
    if neither applies. ``roots(h)`` solves a simpler equation. The caller checks every
    candidate in ``g``."""
    if splits >= MAX_SPLITS:
        return None
    node = _cased_node(g, x)
    if node is not None:
        if domain != "real":
            return None
        out: list[Root] = []
        for repl, conds, boolean in _cases(node):
            h = g.xreplace({node: repl})
            if h is ZERO:
                from .solve import SolveError

                raise SolveError(f"every {x} of a whole interval solves {g} = 0")
            if not h.has(x):
                continue
            sub = _solve_part(h, x, domain, roots, splits)
            out += [(r, k) for r, k in sub if _satisfies(x, r, conds, boolean)]
        return out
    r = _radical(g, x)
    if r is None or domain != "real":
        return None
    h = _squared(g, x, r)
    if h is None or h is g or not h.has(x):
        return None
    return _solve_part(h, x, domain, roots, splits)


def _solve_part(h: Expr, x: Symbol, domain: str, roots: Callable[[Expr], list[Root]],
                splits: int) -> list[Root]:
    # (h may need cases or squaring again: solve's dispatcher comes back here, its
    # depth bound stops runaway recursion)
    del domain, splits
    return roots(h)

