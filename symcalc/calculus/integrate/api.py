"""``integrate``: antiderivatives, definite and iterated integrals, with steps.

>>> from symcalc import symbols, parse, exp, pi, sin, oo
>>> x, y = symbols("x y")
>>> integrate(x*exp(x), x)
x*exp(x) - exp(x)
>>> integrate(2*x, (x, 0, 3))
9
>>> integrate(sin(x), (x, 0, pi))
2
>>> integrate(x*y, (y, 0, 1), (x, 0, 2))
1
>>> integrate(exp(-x), (x, 0, oo))
1

When no antiderivative is found within the time budget, the result is the
unevaluated integral, which prints as ``integrate(e, x)`` and parses back:

>>> I = integrate(x**x, x)
>>> I
integrate(x^x, x)
>>> parse(str(I)) is I
True
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from time import perf_counter
from typing import Any

from ...core.budget import operation, within
from ...core.expr import Expr, as_expr
from ...core.function import Function
from ...core.symbol import Symbol
from ...core.traversal import free_symbols
from ...errors import SymcalcError
from .engine import Context, Timeout, methods_for
from .steps import Step
from .verify import verify

#: Default effort of one integrate() call, in seconds: past it the integral is left
#: unevaluated (a soft deadline inside the budget, see symcalc.core.budget.within).
DEFAULT_TIMEOUT = 2.0

#: How far past its ``timeout`` one integral may run: the search's own checkpoints end it
#: at the timeout, the budget checks inside the operations it calls (cancel, gcd,
#: expand, polynomial arithmetic) by this factor of it (a strict deadline).
HARD_FACTOR = 1.15

_integral_head = Function("integrate")


class IntegrationError(SymcalcError):
    """No antiderivative was found (raised by ``integrate(..., strict=True)``)."""


def Integral(e: Any, x: Any, a: Any = None, b: Any = None) -> Expr:
    """The unevaluated integral ``integrate(e, x)`` (or ``integrate(e, x, a, b)``).

    It is an application of the undefined function ``integrate``, so it prints, parses
    back to the same object and takes part in arithmetic like any expression.

    >>> from symcalc import symbols, exp
    >>> x = symbols("x")
    >>> Integral(exp(-x**2), x, 0, 1)
    integrate(exp(-x^2), x, 0, 1)
    """
    e, x = as_expr(e), as_expr(x)
    if a is None and b is None:
        return _integral_head(e, x)
    return _integral_head(e, x, as_expr(a), as_expr(b))


def is_integral(e: Expr) -> bool:
    """Whether ``e`` is an unevaluated :func:`Integral`."""
    return e.is_Function and e.fdef is _integral_head


#: Why an unevaluated integral was left so, when that is known (a proof of
#: non-elementarity by the Risch algorithm); keyed by the unevaluated integral.
_REASONS: OrderedDict[Expr, str] = OrderedDict()


def integral_reason(I: Any) -> str | None:
    """Why the unevaluated integral ``I`` (as :func:`integrate` returned it) has no
    closed form, when that is known, e.g. ``"not elementary (Risch): ..."``; else None.

    >>> from symcalc import symbols, exp
    >>> x = symbols("x")
    >>> integral_reason(integrate(exp(x**3), x))
    "not elementary (Risch): y' + 3*x^2*y = 1 has no rational solution"
    """
    return _REASONS.get(as_expr(I))


def _nonelementary_reason(e: Expr, x: Symbol, timeout: float) -> str | None:
    from .risch import nonelementary_reason
    from .risch_tower import tower_reason

    try:
        with within(timeout, Timeout, "integrate"):
            return nonelementary_reason(e, x, min(timeout, 1.0)) or tower_reason(e, x)
    except (SymcalcError, RecursionError):   # Timeout included
        return None


# --------------------------------------------------------------------------- antiderivatives

_CACHE: OrderedDict[tuple[Expr, Expr], tuple[Expr, Step]] = OrderedDict()
_CACHE_SIZE = 512


def antiderivative(e: Expr, x: Symbol, timeout: float = DEFAULT_TIMEOUT
                   ) -> tuple[Expr, Step] | None:
    """(F, step) with dF/dx = e verified, or None when nothing is found in time."""
    key = (e, x)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    ctx = Context()
    found = None
    top = (e, x)
    ctx.active.add(top)
    try:
        # lenient: the search's own checkpoints enforce it, as they always did; the
        # strict one around it stops the operations a method runs (no one checkpoint
        # may take the search far past its time)
        with within(timeout * HARD_FACTOR, Timeout, "integrate"), \
                within(timeout, Timeout, "integrate", strict=False):
            found = _search(e, x, ctx)
    except Timeout:
        found = None
    except RecursionError:
        found = None
    if found is not None:
        _CACHE[key] = found
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return found


def _search(e: Expr, x: Symbol, ctx: Context) -> tuple[Expr, Step] | None:
    found = None
    for candidate in _candidates(e, x):
        for _name, method in methods_for(candidate, x):
            st = method(candidate, x, ctx)
            if st is None:
                continue
            # each form tidy proposes is checked against the integrand: a form it returns
            # is verified; the answer itself is checked only when tidy keeps it
            F = _tidy(st.result, x, e)
            if F is not st.result or verify(st.result, e, x):
                found = (F, st if candidate is e else
                         Step("rewrite", e, x, F, (st,), f"as {candidate}"))
                break
        if found is not None:
            break
    return found


def _candidates(e: Expr, x: Symbol) -> Iterator[Expr]:
    """The integrand, then equivalent forms worth a second try (made only when the
    integrand itself found no antiderivative)."""
    yield e
    out = [e]
    try:
        from ...algebra.rational import cancel, together

        for f in (together, cancel):
            g = f(e)
            if g not in out and g.count_ops() <= 3 * e.count_ops() + 10:
                out.append(g)
                yield g
    except (SymcalcError, ArithmeticError):
        pass


def _by_sign(e: Expr, x: Symbol, F: Expr, timeout: float) -> Expr:
    """F split by the signs of its parameters (:mod:`.sign_cases`)."""
    from .sign_cases import by_sign

    def one(g: Expr, y: Symbol) -> Expr | None:
        r = antiderivative(g, y, timeout)
        return None if r is None else r[0]

    return by_sign(e, x, F, one)


def _tidy(F: Expr, x: Symbol, f: Expr) -> Expr:
    from .tidy import tidy

    return tidy(F, x, f)


# --------------------------------------------------------------------------- the API


def _symbol(v: Any) -> Symbol:
    s = Symbol(v) if isinstance(v, str) else as_expr(v)
    if not s.is_Symbol:
        raise SymcalcError(f"integrate: the variable of integration must be a symbol, not {s}")
    return s


@operation("integrate")
def integrate(e: Any, *spec: Any, steps: bool = False, timeout: float = DEFAULT_TIMEOUT,
              strict: bool = False, cases: bool = False) -> Any:
    """The integral of ``e``: ``integrate(e, x)`` an antiderivative (no constant),
    ``integrate(e, (x, a, b))`` a definite integral, several specs an iterated integral
    (innermost first). Unevaluated :func:`Integral` when nothing is found within
    ``timeout`` seconds per integral (``strict=True`` raises IntegrationError instead).
    With ``steps=True`` returns ``(result, step)`` where ``str(step)`` is the derivation.
    With ``cases=True`` an antiderivative whose form depends on the signs of parameters
    (under square roots, sign not known) is a piecewise answer, one real form per sign.
    """
    e = as_expr(e)
    if not spec:
        syms = sorted(free_symbols(e), key=lambda s: s.sort_key())
        if len(syms) != 1:
            raise SymcalcError("integrate: say which variable to integrate with respect to")
        spec = (syms[0],)
    how: list[Step | None] = []
    if len(spec) == 3 and not isinstance(spec[0], (tuple, list)) and not (
            isinstance(spec[1], str) or as_expr(spec[1]).is_Symbol):
        a, b = (as_expr(v) for v in spec[1:])
        raise SymcalcError(f"integrate: the variable of integration must be a symbol, not "
                           f"{a}; for a definite integral write integrate(e, ({spec[0]}, {a}, "
                           f"{b}))")
    for s in spec:
        if isinstance(s, (tuple, list)):
            if len(s) == 1:
                s = s[0]
            elif len(s) == 3:
                from .definite import definite

                x = _symbol(s[0])
                e, st = definite(e, x, as_expr(s[1]), as_expr(s[2]), timeout)
                if strict and is_integral(e):
                    raise IntegrationError(f"no antiderivative found for {e.args[0]}")
                how.append(st)
                continue
            else:
                raise SymcalcError("integrate: a range is (x, a, b)")
        x = _symbol(s)
        t0 = perf_counter()
        r = antiderivative(e, x, timeout)
        if r is None:
            # what is left of the time (the reason is worth a little past it)
            left = max(timeout * HARD_FACTOR - (perf_counter() - t0), 0.1 * timeout)
            why = _nonelementary_reason(e, x, min(timeout, left))
            if why is None and perf_counter() - t0 >= timeout:
                why = f"no antiderivative found within the time limit of {timeout:g} s"
            if strict:
                raise IntegrationError(f"{e}: {why}" if why else
                                       f"no antiderivative found for {e} in {timeout} s")
            e = Integral(e, x)
            if why:
                _REASONS[e] = why
                if len(_REASONS) > _CACHE_SIZE:
                    _REASONS.popitem(last=False)
            how.append(None)
        else:
            e = _by_sign(e, x, r[0], timeout) if cases else r[0]
            how.append(r[1])
    if steps:
        return e, (how[0] if len(how) == 1 else tuple(how))
    return e


__all__ = ["DEFAULT_TIMEOUT", "Integral", "IntegrationError", "antiderivative", "integrate",
           "integral_reason", "is_integral"]
