"""``simplify``: the cheapest equivalent form among several, by an explicit cost.

simplify runs a few rewriting strategies on an expression and keeps the result that
minimizes :func:`~symcalc.algebra.simplify_cost.cost` (leaf count, then a weight per
operation), repeating from the best form found while that improves it. It never
returns a form costlier than its input, and never changes the value where the input
is defined. The strategies:

* ``polish``: the identity table (``symcalc/rules/simplify*.rules``, group
  ``simplify``) applied wherever it lowers the cost: Pythagoras, tan = sin/cos, double
  angles, hyperbolic analogues, exp/log rules valid under the assumptions, sigmoid,
  softplus and tanh identities; it also merges ``B^m*B^k`` for a product ``B`` and
  integer ``m``, tries sum factors with their sign flipped, and writes numbers built
  from one square root as ``a + b*sqrt(n)``;
* ``combine``: sums over their common factors and denominators, radicals included,
  numerators expanded, exact polynomial divisions cancelled;
* ``cancel`` and ``factor`` (rational functions; skipped where expanding is too big),
  both also with the radicals of each base written as powers of one generator
  (``b^(27/4)`` and ``b^(23/4)`` as ``t^27`` and ``t^23``, :mod:`~symcalc.algebra.radgens`);
* ``denest`` (square roots of ``a + b*sqrt(r)``, :mod:`~symcalc.algebra.denest`);
* powers of numbers with symbolic exponents over prime bases (``4^n = 2^(2*n)``,
  :mod:`~symcalc.algebra.powsimp`);
* trigonometric reduction (:mod:`~symcalc.algebra.trigsimp`): sin and cos only, double
  angles expanded to the smallest angle present, Pythagoras both ways, numerator and
  denominator made homogeneous in sin and cos, then expanded and factored.

Before any of this, every denominator of the input is checked
(:mod:`~symcalc.algebra.zerotest`): an input with a denominator that is identically
zero (``(tan(x)^2 + 1 - sec(x)^2)/(sin(x)^2 + cos(x)^2 - 1)``) is defined nowhere and
simplifies to ``nan``, never to a number; one that only looks like it is returned as
it is.

Work is bounded: at most ``max_rounds`` rounds, candidates larger than ``max_size``
nodes are dropped, and after ``timeout`` seconds the best form found so far is returned.

>>> from symcalc import symbols, sin, cos, sigmoid, log, exp
>>> x = symbols("x")
>>> simplify(sin(x)**2 + cos(x)**2)
1
>>> simplify(1 - sigmoid(x))
sigmoid(-x)
>>> simplify((x**2 - 1)/(x - 1))
x + 1
>>> simplify(2*sin(x)*cos(x))
sin(2*x)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.budget import expired, operation, within
from ..core.expr import Expr, as_expr
from ..core.numbers import HALF, ZERO, nan
from ..core.traversal import preorder, subs
from ..errors import SymcalcError
from .denest import denest
from .powsimp import has_number_logs, has_number_powers, prime_bases, prime_logs
from .radgens import radical_bases, reduced_form, via_radicals
from .simplify_cost import cost as _cost
from .simplify_rational import combine, expanded_size, safe_expand
from .simplify_rules import polish
from .trigsimp import heads as trig_heads
from .trigsimp import trig_candidates
from .zerotest import zero_denominator

__all__ = ["simplify"]

#: Defaults of the work bounds (see :func:`simplify`).
MAX_ROUNDS = 6
MAX_SIZE = 4000
#: (measured on bench/simplify_dd.py: 1.5 s gives the same quality as 2.0 s, and the
#: overshoot past the deadline stays well under 2 s)
TIMEOUT = 1.5
#: ``cancel`` and ``factor`` expand; they are skipped where that gives more terms.
MAX_FACTOR_TERMS = 400


class _Search:
    """One call's state: the cost memo, the bounds, the best form so far."""

    def __init__(self, e: Expr, max_size: int) -> None:
        self.memo: dict = {}
        self.polished: dict = {}  # node -> its polished form (shared by all candidates)
        self.max_size = max_size
        self.best = e
        self.best_cost = self.cost(e)
        self.seen: set = {e}
        self.results: dict = {}  # (strategy, expression) -> its result, computed once
        combined: dict = {}  # node -> its combined form, shared by all candidates

        def combine_here(z: Expr) -> Expr:
            return combine(z, memo=combined)

        self.combine = combine_here

    def run(self, fn: Callable[[Expr], Any], e: Expr | None) -> Any:
        """``_try(fn, e)``, remembered: the rounds and the strategies of one call meet
        the same expressions again (a combined form that is already combined, the
        trigonometric rewritings factored)."""
        if e is None:
            return None
        key = (fn, e)
        if key in self.results:
            return self.results[key]
        r = self.results[key] = _try(fn, e)
        return r

    def cost(self, e: Expr) -> tuple[int, int]:
        return _cost(e, self.memo)

    def out_of_time(self) -> bool:
        return expired()

    def offer(self, e: Expr | None) -> None:
        """Keep ``e`` if it is cheaper than the best so far (ties keep the older)."""
        if e is None or e in self.seen:
            return
        self.seen.add(e)
        c = self.cost(e)
        if c < self.best_cost:
            self.best, self.best_cost = e, c

    def polish(self, e: Expr) -> Expr:
        return polish(e, self.cost, cache=self.polished)

    def small(self, e: Expr) -> bool:
        return self.cost(e)[0] <= self.max_size


def _try(fn: Callable[[Expr], Any], e: Expr) -> Any:
    try:
        return fn(e)
    except (SymcalcError, RecursionError, ZeroDivisionError, ValueError):
        return None


def _cancel(e: Expr) -> Expr | None:
    from .rational import cancel

    if expanded_size(e) > MAX_FACTOR_TERMS:
        return None
    return cancel(e)


def _factor(e: Expr) -> Expr | None:
    from .factor_expr import factor

    if expanded_size(e) > MAX_FACTOR_TERMS:
        return None
    return factor(e)


def _reduced(e: Expr) -> tuple[Expr, dict] | None:
    """:func:`~symcalc.algebra.radgens.reduced_form` where expanding is not too big."""
    if expanded_size(e) > MAX_FACTOR_TERMS:
        return None
    return reduced_form(e)


#: Expressions up to this size also get their angles expanded (the addition theorems):
#: on large ones (a derivative full of sin(c + d*x)) that only multiplies the terms.
EXPAND_ANGLES_SIZE = 80


def _trig(s: _Search, e: Expr, expand_angles: bool = True) -> list[Expr]:
    def factor_or_same(z: Expr) -> Expr:
        r = s.run(_factor, z)
        return z if r is None else r

    return trig_candidates(e, factor_or_same, expand_angles, s.combine)


def _radicals_cancel(e: Expr) -> Expr | None:
    return via_radicals(e, _cancel)


def _radicals_factor(e: Expr) -> Expr | None:
    return via_radicals(e, _factor)


def _nested_sqrt(e: Expr) -> bool:
    """Whether a square root has a square root of a number inside (denest's work)."""
    return any(n.is_Pow and n._args[1] is HALF and n._args[0].is_Add and any(
        t.is_Pow and t._args[1] is HALF and t._args[0].is_Number
        for a in n._args[0]._args for t in (a, *a._args)) for n in preorder(e))


def _round(s: _Search, e: Expr) -> None:
    """Offer every strategy's result from ``e``, each polished as soon as it is made
    (so that what was found before the deadline has been polished). The cheap
    strategies come first; cancel and factor, which can take long on expressions with
    many generators, last, on the combined form first."""
    size = s.cost(e)[0]

    def take(r: Expr | None) -> None:
        if r is None or (r in s.seen and r is not e) or not s.small(r) or s.out_of_time():
            return  # (a form seen before has been polished, if it was to be)
        s.offer(r)
        if s.cost(r)[0] <= POLISH_RATIO * s.best_cost[0]:
            s.offer(_try(s.polish, r))

    def restart(before: int) -> None:
        if s.best_cost[0] * RESTART_RATIO < min(size, before):
            raise _Restart  # far smaller than e: go on from there (the next round)

    try:
        _strategies(s, e, take, restart)
    except _Restart:
        pass


class _Restart(Exception):
    """A round found a form much smaller than its start: the next round starts there."""


#: A round ends early once the best form is this many times smaller than its start.
RESTART_RATIO = 4
#: Candidates this many times larger than the best form are not polished: the identity
#: table shortens locally, and on bench/simplify_dd.py (both samples) no candidate over
#: 4 times the best was ever polished below it.
POLISH_RATIO = 5


def _strategies(s: _Search, e: Expr, take: Callable[[Expr | None], None],
                restart: Callable[[int], None]) -> None:
    """The strategies of one round, cheap ones first. Where the inverse functions
    written algebraically or the radicals reduced give a form ``RESTART_RATIO`` times
    smaller than ``e`` and than the best form before them, the round ends
    (``restart``): the rest, on the large ``e``, costs more than a round from the small
    form."""
    take(e)
    c = s.run(s.combine, e)
    take(c)
    take(s.run(safe_expand, e))
    if _nested_sqrt(e):
        take(s.run(denest, e))
    if has_number_powers(e):
        take(s.run(prime_bases, e))
    if has_number_logs(e):
        take(s.run(prime_logs, e))
    if not s.out_of_time():
        expand_angles = s.cost(e)[0] <= EXPAND_ANGLES_SIZE
        for t in _try(lambda z: _trig(s, z, expand_angles), e) or ():
            take(t)
    alg = _algebraic(e)
    if alg is not None:
        before = s.best_cost[0]
        take(alg)
        alg = s.run(s.combine, alg)
        take(alg)
        restart(before)
    radicals = bool(radical_bases(e)) or alg is not None
    starts: list[Expr] = []
    for start in (c, alg, e):
        if start is not None and start not in starts:
            starts.append(start)
    for start in starts:
        if s.out_of_time():
            break
        before = s.best_cost[0]
        red = s.run(_reduced, start) if radicals else None
        if red is not None:  # the relations t^L = B first: cheap, and often the whole answer
            r = s.run(_cancel, red[0])
            take(None if r is None else subs(r, red[1]))
            restart(before)
            if r is not None and not s.out_of_time():
                r = s.run(_factor, red[0])
                take(None if r is None else subs(r, red[1]))
        if s.best_cost[0] * RESTART_RATIO < s.cost(start)[0]:
            continue  # a far smaller form is known: the next round cancels and factors that
        if not s.out_of_time():
            take(s.run(_cancel, start))
        restart(before)  # factor and the radical generators can take long on a large start
        if not s.out_of_time():
            take(s.run(_factor, start))
        # the generators without the relations t^L = B: only where those gave nothing
        # (where they did, this cancel only repeats them, slowly, on many generators)
        if radicals and red is None and not s.out_of_time():
            r = s.run(_radicals_cancel, start)
            take(r)
            if r is not None and s.best is r and not s.out_of_time():
                take(s.run(_radicals_factor, r))


#: Inverse functions that the rules of the group ``algebraic``
#: (``symcalc/rules/simplify_inverse.rules``) take out of the functions around them.
_INVERSE_HEADS = frozenset({"asin", "acos", "atan", "asinh", "acosh", "atanh", "acoth"})


def _algebraic(e: Expr) -> Expr | None:
    """``e`` with exp, sinh, cosh of inverse hyperbolic functions (``exp(3*atanh(u))``)
    and trigonometric functions of inverse ones (``cos(asin(u))``) written with
    radicals, or None if there are none: a starting point for cancel and factor."""
    from .simplify_rules import rewrite_all

    if not any(n.is_Function and n.fdef.name in _INVERSE_HEADS and p.is_Function
               for p in preorder(e) if not p.is_Atom for n in p._args
               for n in (n, *(n._args if n.is_Mul else ()))):
        return None
    r = _try(lambda z: rewrite_all(z, "algebraic"), e)
    return None if r is None or r is e else r


class _OutOfTime(SymcalcError):
    """simplify's ``timeout`` passed (a soft deadline: the best form so far is kept)."""


@operation("simplify")
def simplify(e: Any, *, max_rounds: int = MAX_ROUNDS, max_size: int = MAX_SIZE,
             timeout: float = TIMEOUT) -> Expr:
    """The cheapest form of ``e`` that simplify's strategies find (see the module doc).

    ``max_rounds`` bounds the rounds of search from the best form so far,
    ``max_size`` the size (leaf count) of the candidates kept, ``timeout`` the seconds
    spent before the best form so far is returned.
    """
    e = as_expr(e)
    if e.is_Atom:
        return e
    undefined = zero_denominator(e)
    if undefined == "zero":
        return nan  # a denominator is identically zero: e is defined nowhere
    if undefined == "suspect":
        return e  # looks like 0/0 but not proved: keep it rather than risk a number
    s = _Search(e, max_size)
    start = e
    try:
        with within(timeout, _OutOfTime, "simplify"):
            for _ in range(max_rounds):
                _round(s, start)
                if s.best is start or s.out_of_time():
                    break
                start = s.best
    except _OutOfTime:
        pass
    if _zero_in_exp_form(s.best):
        return ZERO
    return s.best


#: Functions whose "exp form" rules (symcalc/rules/simplify_hyperbolic.rules) make a
#: rational function of exponentials, which ``cancel`` decides.
_EXP_FORM_HEADS = frozenset({"sinh", "cosh", "tanh", "coth", "sech", "csch", "sigmoid"})


def _zero_in_exp_form(e: Expr) -> bool:
    """Whether e, numerically zero at the test points, is proved zero by writing its
    hyperbolic functions and sigmoids as exponentials and cancelling (a rational
    function of exponentials is zero exactly when ``cancel`` makes it 0):
    tanh(x) - (exp(2x) - 1)/(exp(2x) + 1), cosh(x + y) - cosh x cosh y - sinh x sinh y."""
    from .rational import cancel
    from .simplify_rules import rewrite_all
    from .zerotest import numerically_zero

    if e.is_Atom or not (trig_heads(e) & _EXP_FORM_HEADS) or numerically_zero(e) is not True:
        return False
    try:
        return cancel(rewrite_all(e, "exp form")) is ZERO
    except (SymcalcError, ArithmeticError, RecursionError):
        return False
