"""Numeric evaluation: doubles you can trust, or any number of digits.

* ``evalf(e)`` returns a Python float (complex where the value is not real). It is
  computed in double precision with a running error bound (each operation adds its
  rounding error, and a function maps the error of its argument by evaluating at the
  argument moved by that error). When the bound says fewer than about 12 digits are
  right, or a step overflows or underflows, the value is recomputed with mpmath
  (:mod:`symcalc.core.mpeval`) and rounded to a double at the end: ``log(1 + exp(800))``
  is 800.0, ``exp(800)/(1 + exp(800))`` is 1.0 and a value beyond the double range is
  ``inf`` (never nan).
* ``evalf(e, n)`` returns an :class:`~symcalc.core.mpnumber.MPFloat` (or MPComplex)
  correct to ``n`` significant digits; ``N(e, n)`` is the same with n = 15 by default.

Branch cuts follow one convention (Mathematica's, SymPy's, mpmath's): see
:mod:`symcalc.core.branches`.

>>> from symcalc import parse
>>> parse("sin(pi/6) + sqrt(2)^2").evalf()
2.5
>>> parse("log(-1)").evalf()
3.141592653589793j
>>> parse("log(1 + exp(800))").evalf()
800.0
>>> N(parse("exp(pi*sqrt(163)) - 262537412640768744"))
-7.49927402801814e-13
"""

from __future__ import annotations

import cmath
import math
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..errors import DomainError, EvaluationError
from .expr import Expr, as_expr

#: Relative error bound above which a double result is recomputed with mpmath.
TRUST = 2.0 ** -40
_U = 2.0 ** -53
#: Functions that are exact on doubles (no rounding of their own).
_EXACT = frozenset({"abs", "sign", "heaviside", "relu", "max", "min"})
#: Rounding error (in units of 2^-53) of the double implementations, 4 where not listed
#: (measured against mpmath: Ei and li about 30 near their hardest points).
_ULPS = {"Ei": 64, "li": 64, "Li2": 16, "cbrt": 8, "asec": 8, "acoth": 8}
#: Functions computed with exp(-x^2), whose relative error grows like x^2 * 2^-53.
_GAUSSIAN = frozenset({"erfc", "gelu"})
_TINY = 2.2250738585072014e-308


class _Imprecise(Exception):
    """The double-precision value cannot be trusted: recompute with mpmath."""


def _to_float(v: Any) -> tuple[Any, float]:
    t = type(v)
    if t is float:
        return v, 0.0
    if t is int and -9007199254740992 <= v <= 9007199254740992:
        return float(v), 0.0
    if isinstance(v, bool):
        return v, 0.0
    if isinstance(v, complex):
        return v, 0.0
    if isinstance(v, float):
        return v, 0.0
    if t is Fraction:
        try:
            f = float(v)
        except OverflowError:
            raise _Imprecise from None
        if f == 0 and v != 0:
            raise _Imprecise
        return f, abs(f) * _U
    from .mpnumber import MPComplex, MPFloat

    if isinstance(v, MPFloat):
        f = v.value
        if not math.isfinite(f) or (f == 0 and v.mp != 0):
            raise _Imprecise
        return f, abs(f) * _U
    if isinstance(v, MPComplex):
        c = complex(v)
        return c, abs(c) * _U
    try:
        f = float(v)
    except OverflowError:
        raise _Imprecise from None
    if isinstance(v, int) and f != v:
        return f, abs(f) * _U
    if not isinstance(v, int):
        if f == 0 and v != 0:
            raise _Imprecise
        return f, abs(f) * _U
    return f, 0.0


def _finite(v: Any) -> bool:
    return cmath.isfinite(v) if isinstance(v, complex) else math.isfinite(v)


def _pow(b: complex | float, e: complex | float) -> complex | float:
    try:
        if type(b) is float and type(e) is float and (b > 0 or e.is_integer()):
            return b ** e
    except ZeroDivisionError:
        raise DomainError("division by zero") from None
    except OverflowError:
        raise _Imprecise from None
    from .branches import cpow

    try:
        if isinstance(b, float) and isinstance(e, float):
            if b < 0 and not e.is_integer():
                return cpow(b, e)
            return b ** e
        if isinstance(b, complex):
            return cpow(b, e)
        return b ** e
    except ZeroDivisionError:
        raise DomainError("division by zero") from None
    except OverflowError:
        raise _Imprecise from None


def _call(fd: Any, vals: tuple) -> complex | float:
    """fd at double arguments: the real implementation, else the complex one."""
    if all(isinstance(v, float) for v in vals) and fd.numeric is not None:
        try:
            r = fd.numeric(*vals)
        except (ValueError, ZeroDivisionError):
            r = None
        except OverflowError:
            raise _Imprecise from None
        if r is not None:
            return float(r)
    if fd.cnumeric is None:
        if fd.numeric is not None and all(isinstance(v, float) for v in vals):
            return math.nan
        if fd.mpmath is not None:
            raise _Imprecise  # complex values in mpmath only
        raise EvaluationError(f"{fd.name} cannot be evaluated at complex arguments {vals}")
    try:
        r = fd.cnumeric(*(complex(v) for v in vals))
    except ZeroDivisionError:
        raise DomainError(f"{fd.name} is undefined at {vals}") from None
    except (ValueError, OverflowError):
        return math.nan
    if isinstance(r, complex) and r.imag == 0:
        return r.real
    return r


def _apply(e: Expr, kids: tuple) -> tuple[Any, float]:
    fd = e.fdef
    if fd.undefined:
        raise EvaluationError(f"cannot evaluate the undefined function {fd.name}")
    vals = tuple(k[0] for k in kids)
    v = _call(fd, vals)
    if not _finite(v):
        if all(_finite(a) for a in vals if not isinstance(a, bool)):
            raise _Imprecise  # overflow, or outside the domain: let mpmath decide
        return v, 0.0
    err = 0.0 if fd.name in _EXACT else _ULPS.get(fd.name, 4) * _U * abs(v)
    if fd.name in _GAUSSIAN and isinstance(vals[0], float):
        err += vals[0] * vals[0] * _U * abs(v)  # exp(-x^2) of a rounded x^2 (math.erfc)
    if v == 0 or abs(v) < _TINY:
        if fd.name not in _EXACT and any(a != 0 for a in vals):
            err = max(err, _TINY)  # maybe underflowed
    # propagate each argument's error: f at the argument moved by that error
    for i, (a, ea) in enumerate(kids):
        if ea == 0:
            continue
        for h in (ea, -ea):
            moved = vals[:i] + (a + h,) + vals[i + 1:]
            try:
                w = _call(fd, moved)
            except (EvaluationError, DomainError):
                raise _Imprecise from None
            if not _finite(w):
                raise _Imprecise
            d = abs(w - v)
            err += d
    return v, err


def _mul(kids: tuple) -> tuple[Any, float]:
    r: Any = 1.0
    for k, _ in kids:
        r = r * k
    err = 0.0
    av = abs(r)
    for i, (k, ek) in enumerate(kids):
        if ek == 0:
            continue
        if k != 0:
            err += av * (ek / abs(k))
        else:
            p = ek
            for j, (o, _) in enumerate(kids):
                if j != i:
                    p *= abs(o)
            err += p
    err += len(kids) * _U * av
    if r == 0 and all(k != 0 for k, _ in kids):
        raise _Imprecise  # underflow
    if not _finite(r) and all(_finite(k) for k, _ in kids):
        raise _Imprecise  # overflow
    return r, err


def _powe(b: tuple, x: tuple) -> tuple[Any, float]:
    (bv, eb), (xv, ex) = b, x
    v = _pow(bv, xv)
    if not _finite(v):
        if _finite(bv) and _finite(xv) and bv != 0:
            raise _Imprecise
        return v, 0.0
    if v == 0 and bv != 0:
        raise _Imprecise
    err = 2 * _U * abs(v)
    if eb:
        if bv == 0:
            raise _Imprecise
        err += abs(v) * abs(xv) * eb / abs(bv)
    if ex:
        if bv == 0:
            raise _Imprecise
        err += abs(v) * abs(cmath.log(bv)) * ex
    return v, err


def _compare(node: Expr, a: tuple, b: tuple) -> tuple[bool, float]:
    (av, ea), (bv, eb) = a, b
    if isinstance(av, complex) or isinstance(bv, complex):
        if node.op in ("==", "!="):
            return (av == bv) == (node.op == "=="), 0.0
        raise EvaluationError(f"cannot order complex values in {node}")
    if (ea or eb) and abs(av - bv) <= ea + eb:
        raise _Imprecise  # too close to call in double precision
    return {"<": av < bv, "<=": av <= bv, ">": av > bv, ">=": av >= bv,
            "==": av == bv, "!=": av != bv}[node.op], 0.0


def _add(node: Expr, kids: tuple) -> tuple[Any, float]:
    vals = [k for k, _ in kids]
    if all(isinstance(k, float) for k in vals):
        v: Any = math.fsum(vals)
        err = sum([e for _, e in kids]) + _U * abs(v)
    else:
        v = sum(vals)
        err = sum([e for _, e in kids]) + len(vals) * _U * sum([abs(k) for k in vals])
    if not _finite(v) and all(_finite(k) for k in vals):
        raise _Imprecise
    return v, err


def _mul_node(node: Expr, kids: tuple) -> tuple[Any, float]:
    return _mul(kids)


def _pow_node(node: Expr, kids: tuple) -> tuple[Any, float]:
    return _powe(kids[0], kids[1])


def _handler(node: Expr) -> Any:
    """The evaluation step of a node that is not a number (as :func:`_visit` picks it)."""
    if node.is_Symbol or node.is_Atom:
        return _visit
    if node.is_Add:
        return _add
    if node.is_Mul:
        return _mul_node
    if node.is_Pow:
        return _pow_node
    if node.is_Function:
        return _apply
    return _visit


def _visit(node: Expr, kids: tuple) -> tuple[Any, float]:
    if node.is_Number:
        return _to_float(node if hasattr(node, "digits") else node.value)
    if node.is_Symbol:
        raise EvaluationError(f"cannot evaluate numerically: the symbol {node.name} "
                              "has no value (pass subs={...})")
    if node.is_Atom:
        if node.is_Boolean:
            return node.value, 0.0
        v = node.fvalue
        if isinstance(v, complex):  # I: exactly 1j
            return v, 0.0
        return v, abs(v) * _U if math.isfinite(v) else 0.0
    if node.is_Add:
        return _add(node, kids)
    if node.is_Mul:
        return _mul(kids)
    if node.is_Pow:
        return _powe(kids[0], kids[1])
    if node.is_Function:
        return _apply(node, kids)
    if node.is_Relational:
        return _compare(node, kids[0], kids[1])
    if node.head == "And":
        return all(k for k, _ in kids), 0.0
    if node.head == "Or":
        return any(k for k, _ in kids), 0.0
    if node.head == "Not":
        return not kids[0][0], 0.0
    raise EvaluationError(f"cannot evaluate {node.head} numerically")


@lru_cache(maxsize=512)
def plan(e: Expr) -> tuple[tuple[Expr, ...], bool]:
    """The nodes of ``e`` children first, and whether a piecewise needs lazy evaluation
    (cached: evaluation at many points walks the DAG once)."""
    from .traversal import postorder

    order = tuple(postorder(e))
    return order, any(n.head == "piecewise" for n in order)


@lru_cache(maxsize=512)
def _program(e: Expr) -> tuple[dict[int, tuple[Any, float]], tuple, frozenset[int]] | None:
    """For a DAG without piecewise: the (value, error) of its numbers (the same at every
    point), the other nodes in order as (id, node, ids of its children), and the ids of
    the nodes that are not symbols (a substitution for one of them takes the general
    path). None where a number has no double value."""
    order, lazy = plan(e)
    if lazy:
        return None
    consts: dict[int, tuple[Any, float]] = {}
    steps = []
    for n in order:
        if n.is_Number:
            try:
                consts[id(n)] = _visit(n, ())
            except _Imprecise:
                return None
        else:
            steps.append((id(n), n, tuple([id(a) for a in n._args]), _handler(n)))
    return consts, tuple(steps), frozenset(id(n) for n in order if not n.is_Symbol)


def _run(e: Expr, values: dict[int, Any], memo: dict[int, tuple[Any, float]] | None = None
         ) -> tuple[Any, float]:
    """(value, error bound) of the DAG in double precision; piecewise lazily. ``memo``
    (by node id) receives the value and error bound of every node evaluated."""
    if memo is None:
        memo = {}
    prog = _program(e)
    if prog is not None and prog[2].isdisjoint(values):
        consts, steps, _ = prog
        memo.update(consts)
        get = values.get
        for i, node, kids, step in steps:
            v = get(i)
            if v is not None:
                memo[i] = _to_float(v)
            else:
                memo[i] = step(node, tuple([memo[k] for k in kids]))
        return memo[id(e)]
    order, lazy = plan(e)
    if not lazy and all(n.is_Symbol for n in _keys(values, order)):
        get = values.get
        for node in order:
            v = get(id(node))
            if v is not None:
                memo[id(node)] = _to_float(v)
            elif node._args:
                memo[id(node)] = _visit(node, tuple([memo[id(a)] for a in node._args]))
            else:
                memo[id(node)] = _visit(node, ())
        return memo[id(e)]

    def ev(root: Expr) -> tuple[Any, float]:
        stack: list[tuple[Expr, bool]] = [(root, False)]
        while stack:
            node, ready = stack.pop()
            if id(node) in memo:
                continue
            v = values.get(id(node))
            if v is not None:
                memo[id(node)] = _to_float(v)
                continue
            if node.head == "piecewise":
                a = node._args
                r: tuple[Any, float] = (math.nan, 0.0)
                for i in range(0, len(a), 2):
                    if ev(a[i + 1])[0]:
                        r = ev(a[i])
                        break
                memo[id(node)] = r
                continue
            if ready:
                memo[id(node)] = _visit(node, tuple(memo[id(a)] for a in node._args))
                continue
            stack.append((node, True))
            stack.extend((a, False) for a in node._args if id(a) not in memo)
        return memo[id(root)]

    return ev(e)


def _keys(values: dict[int, Any], order: tuple[Expr, ...]) -> list[Expr]:
    """The nodes of ``order`` that have substituted values."""
    if not values:
        return []
    return [n for n in order if id(n) in values]


def _values(subs: dict | None) -> dict[int, Any]:
    values: dict[int, Any] = {}
    if subs:
        for k, v in subs.items():
            if isinstance(k, str):
                from .symbol import Symbol

                k = Symbol(k)
            values[id(as_expr(k))] = v
    return values


def _trusted(v: Any, err: float) -> bool:
    if isinstance(v, bool) or err == 0:
        return True
    if isinstance(v, complex):
        if v.imag == 0 or v.real == 0:
            return err <= TRUST * abs(v)
        return err <= TRUST * min(abs(v.real), abs(v.imag))
    if not math.isfinite(v):
        return True
    return err <= TRUST * abs(v)


def evalf_double(e: Expr, subs: dict, memo: dict[int, tuple[Any, float]]
                 ) -> tuple[Any, float, bool]:
    """(value, error bound, trusted) of ``e`` in double precision, without the mpmath
    recomputation of :func:`evalf`: when ``trusted``, the value is the one ``evalf``
    returns. ``memo`` receives (value, error bound) of each node, keyed by ``id``, so the
    terms of a sum can be read without evaluating them again. Raises where the double
    evaluation fails (an error of the domain, or a step that overflows)."""
    v, err = _run(e, _values(subs), memo)
    return v, err, _trusted(v, err)


def _mp_to_python(r: Any) -> float | complex:
    from .mpnumber import mpmath

    mp = mpmath()
    if isinstance(r, bool):
        return float(r)
    if isinstance(r, mp.mpc):
        c = complex(r)
        return c.real if c.imag == 0 else c
    f = float(r)
    if (math.isinf(f) and mp.isfinite(r)) or (f == 0 and r != 0):
        from .mpnumber import make

        return make(r, 15)  # beyond the double range: the value itself, to 15 digits
    return f


def evalf(e: Expr, n: Any = None, subs: dict | None = None) -> Any:
    """Evaluate ``e`` numerically, substituting ``subs`` (symbol -> number) first.

    Without ``n``: a Python float (complex where the value is not real), or an MPFloat
    to 15 digits where the value lies beyond the double range (``exp(800)``). With ``n``:
    an MPFloat (or MPComplex) correct to ``n`` significant digits. ``evalf(e, subs)``
    with a dict in place of n is the old spelling and still works.
    """
    if isinstance(n, dict):
        n, subs = subs, n
    if n is not None:
        return N(e, n, subs)
    values = _values(subs)
    v: Any = None
    try:
        v, err = _run(e, values)
        trusted = _trusted(v, err)
    except _Imprecise:
        trusted = False
    if not trusted:
        from .mpeval import evalf_mp

        try:
            r = evalf_mp(e, subs=subs, bits=60)
        except EvaluationError:
            r = None
        if r is not None:
            return _mp_to_python(r)
        # mpmath could not help: keep a double whose only doubt is underflow
        if v is None or isinstance(v, bool) or err > _TINY:
            v = math.nan
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, complex):
        return v.real if v.imag == 0 else v
    return float(v)


#: The most significant digits N and evalf compute (22 million took minutes: a hang;
#: special functions are slow well below this: gamma(1/3) to 10,000 digits takes over 40 s).
MAX_DIGITS = 10_000


def N(e: Any, n: int = 15, subs: dict | None = None) -> Any:
    """``e`` to ``n`` significant digits: an MPFloat (MPComplex if not real).

    >>> from symcalc import pi, parse
    >>> N(pi, 50)
    3.1415926535897932384626433832795028841971693993751
    >>> N(parse("sin(10^22)"))
    -0.852200849767189
    """
    from .expr import as_expr as _as_expr
    from .mpeval import evalf_mp
    from .mpnumber import make

    if isinstance(n, dict):
        n, subs = 15, n
    try:
        n = int(n)
    except (TypeError, ValueError):
        raise EvaluationError(f"N(e, n): n must be a positive integer, got {n!r}") from None
    if n < 1:
        raise EvaluationError(f"N(e, n): n must be a positive integer, got {n}")
    if n > MAX_DIGITS:
        raise EvaluationError(f"N(e, n): at most {MAX_DIGITS} digits (evalf.MAX_DIGITS), "
                              f"got {n}")
    r = evalf_mp(_as_expr(e), n, subs)
    if isinstance(r, bool):
        return r
    return make(r, n)


__all__ = ["MAX_DIGITS", "N", "TRUST", "evalf"]
