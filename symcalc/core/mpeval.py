"""Arbitrary-precision evaluation with mpmath: values correct to n significant digits.

``evalf_mp(e, digits, subs)`` evaluates ``e`` at a working precision a little above
the target, then again at a higher one, and accepts when the two agree to the target
precision; otherwise the working precision is doubled (Ziv's strategy). So
cancellation (``exp(pi*sqrt(163)) - 262537412640768744``) and ill-conditioned
arguments (``sin(10^22)``) are handled without special cases. A value that keeps
shrinking with the working precision is an exact zero to within 2^-MAX_EXTRA_BITS of
the size of its terms and is returned as 0. Substituted numbers are taken as exact.

Every registry function evaluates through its ``mpmath=`` field (an mpmath function
name or ``fn(mp, *args)``), so mpmath's branch cuts apply: those of Mathematica and
SymPy, also used by the double-precision path (see :mod:`symcalc.core.branches`).

>>> import mpmath
>>> from symcalc import parse
>>> mpmath.nstr(evalf_mp(parse("exp(pi*sqrt(163)) - 262537412640768744"), 15), 15)
'-7.49927402801814e-13'
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..errors import DomainError, EvaluationError, LimitError
from . import limits
from .expr import Expr, as_expr
from .mpnumber import MPComplex, MPFloat, mpmath, prec_of

#: Working precision may grow to the target plus this many bits (and 4x the target)
#: before a value that keeps shrinking is declared zero.
MAX_EXTRA_BITS = 2000

#: Functions of real arguments that act on the real part of a complex one (as in the
#: double-precision path), and those that are not defined at complex arguments at all
#: (the analytic ones, Ei, Li2, erf, ..., take complex arguments in mpmath).
_REAL_PART = frozenset({"sign", "heaviside", "relu", "atan2"})
_REAL_ONLY = frozenset({"max", "min", "leaky_relu", "elu"})

_FN_CACHE: dict[int, Any] = {}


def _fn(fd: Any) -> Any:
    f = _FN_CACHE.get(id(fd))
    if f is None:
        impl = fd.mpmath
        if impl is None:
            raise EvaluationError(f"{fd.name} has no arbitrary-precision implementation")
        mp = mpmath()
        if isinstance(impl, str):
            f = getattr(mp, impl)
        else:
            f = (lambda g: lambda *a: g(mp, *a))(impl)
        _FN_CACHE[id(fd)] = f
    return f


class _Evaluator:
    """One evaluation of a DAG at a fixed working precision."""

    def __init__(self, env: dict[int, Any]) -> None:
        self.env = env
        self.mp = mpmath()
        self.scale = 0  # largest mag (log2 size) of a term of a sum seen

    def run(self, e: Expr) -> Any:
        memo: dict[int, Any] = {}
        mp = self.mp
        stack: list[tuple[Expr, bool]] = [(e, False)]
        while stack:
            node, ready = stack.pop()
            if id(node) in memo:
                continue
            if node.head == "piecewise":
                memo[id(node)] = self._piecewise(node, memo)
                continue
            if ready:
                memo[id(node)] = self.visit(node, [memo[id(a)] for a in node._args])
                continue
            v = self.env.get(id(node))
            if v is not None:
                memo[id(node)] = self.leaf(v)
                continue
            stack.append((node, True))
            stack.extend((a, False) for a in node._args if id(a) not in memo)
        r = memo[id(e)]
        if isinstance(r, mp.mpc) and r.imag == 0:
            r = r.real
        return r

    def _piecewise(self, node: Expr, memo: dict) -> Any:
        a = node._args
        for i in range(0, len(a), 2):
            if self.run(a[i + 1]):
                return self.run(a[i])
        return self.mp.nan

    def leaf(self, v: Any) -> Any:
        mp = self.mp
        if isinstance(v, (MPFloat, MPComplex)):
            return v.mp
        if isinstance(v, Expr):
            return self.run(v)
        if isinstance(v, bool):
            return v
        if isinstance(v, Fraction):
            return mp.mpf(v.numerator) / v.denominator
        if isinstance(v, complex):
            return mp.mpc(v)
        if isinstance(v, (mp.mpf, mp.mpc)):
            return v
        return mp.mpf(v)

    def visit(self, node: Expr, kids: list) -> Any:
        mp = self.mp
        if node.is_Number:
            return node.mp if isinstance(node, MPFloat) else self.leaf(node.value)
        if node.is_Symbol:
            raise EvaluationError(f"cannot evaluate numerically: the symbol {node.name} "
                                  "has no value (pass subs={...})")
        if node.is_Atom:
            if node.is_Boolean:
                return node.value
            name = node.name
            return +mp.pi if name == "pi" else +mp.e if name == "E" else \
                {"oo": mp.inf, "nan": mp.nan, "I": mp.mpc(0, 1)}[name]
        if node.is_Add:
            for k in kids:
                if k:
                    m = mp.mag(k)
                    if m > self.scale:
                        self.scale = m
            if any(isinstance(k, mp.mpc) for k in kids):
                return mp.mpc(mp.fsum(mp.re(k) for k in kids), mp.fsum(mp.im(k) for k in kids))
            return mp.fsum(kids)
        if node.is_Mul:
            r = kids[0]
            for k in kids[1:]:
                r = r * k
            return r
        if node.is_Pow:
            return self.power(node, kids[0], kids[1])
        if node.is_Function:
            return self.apply(node, kids)
        if node.is_Relational:
            a, b = kids
            if isinstance(a, mp.mpc) or isinstance(b, mp.mpc):
                if node.op in ("==", "!="):
                    return (a == b) == (node.op == "==")
                raise EvaluationError(f"cannot order complex values in {node}")
            return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b,
                    "==": a == b, "!=": a != b}[node.op]
        if node.head == "And":
            return all(kids)
        if node.head == "Or":
            return any(kids)
        if node.head == "Not":
            return not kids[0]
        raise EvaluationError(f"cannot evaluate {node.head} numerically")

    def power(self, node: Expr, b: Any, x: Any) -> Any:
        mp = self.mp
        xe = node._args[1]
        if b == 0:
            if mp.re(x) < 0:
                raise DomainError(f"division by zero in {node}")
            return mp.mpf(1) if x == 0 else mp.mpf(0)
        _check_size(node, x)
        if xe.is_Number and isinstance(xe.value, int):
            n = xe.value
            if isinstance(b, mp.mpf) and mp.isfinite(b) and abs(n) > 1 << 62:
                # |b|^n by exp(n log|b|), the logarithm with the bits of n as guard digits
                # (binary powering would take a step per bit); the sign from n's parity
                with mp.extraprec(n.bit_length()):
                    r = mp.exp(n * mp.log(abs(b)))
                r = +r
                return -r if b < 0 and n % 2 else r
            return b ** n
        return mp.power(b, x)

    def apply(self, node: Expr, args: list) -> Any:
        mp = self.mp
        fd = node.fdef
        if fd.undefined:
            raise EvaluationError(f"cannot evaluate the undefined function {fd.name}")
        args = [a.real if isinstance(a, mp.mpc) and a.imag == 0 else a for a in args]
        for a in args:
            _check_size(node, a)
        if any(isinstance(a, mp.mpc) for a in args):
            if fd.name in _REAL_PART:
                args = [mp.re(a) for a in args]
            elif fd.name in _REAL_ONLY:
                raise EvaluationError(f"{fd.name} cannot be evaluated at complex arguments")
        try:
            return _fn(fd)(*args)
        except ZeroDivisionError:
            raise DomainError(f"{fd.name} is undefined at {node._args}") from None
        except (ValueError, TypeError, mp.libmp.NoConvergence) as err:
            raise EvaluationError(f"cannot evaluate {node}: {err}") from None
        except OverflowError:  # inside mpmath (erfc(1e300) squares a machine float)
            raise EvaluationError(f"cannot evaluate {node}: an argument is too large for "
                                  "mpmath's implementation") from None


def _check_size(node: Expr, v: Any) -> None:
    mp = mpmath()
    if isinstance(v, bool) or not v or not mp.isfinite(v):
        return
    m = mp.mag(v)
    if m > limits.MAX_EVALF_EXPONENT_BITS:
        text = str(node)
        text = text if len(text) <= 60 else text[:50] + "..." + text[-7:]
        raise LimitError(f"cannot evaluate {text} numerically: an argument of "
                         f"about 2^{mp.nstr(mp.mpf(m), 3)} is too large "
                         "(limits.MAX_EVALF_EXPONENT_BITS)")


def _env(subs: dict | None) -> dict[int, Any]:
    values: dict[int, Any] = {}
    if subs:
        for k, v in subs.items():
            if isinstance(k, str):
                from .symbol import Symbol

                k = Symbol(k)
            values[id(as_expr(k))] = v
    return values


def eval_at(e: Expr, prec: int, subs: dict | None = None, env: dict | None = None) -> Any:
    """The value of ``e`` computed once at working precision ``prec`` bits."""
    mp = mpmath()
    with mp.workprec(prec):
        return _Evaluator(env if env is not None else _env(subs)).run(e)


def _agree(a: Any, b: Any, bits: int) -> bool:
    mp = mpmath()
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if not (mp.isfinite(a) and mp.isfinite(b)):
        return bool(a == b or (mp.isnan(a) and mp.isnan(b)))
    if a == b:
        return True
    d = abs(a - b)
    if b == 0:
        return False
    return bool(mp.mag(d) <= mp.mag(b) - bits)


def evalf_mp(e: Expr, digits: int = 15, subs: dict | None = None, *,
             bits: int | None = None) -> Any:
    """The mpmath value of ``e`` correct to ``digits`` significant digits (or ``bits``)."""
    mp = mpmath()
    env = _env(subs)
    target = bits if bits is not None else prec_of(digits)
    prec = target + 24
    limit = max(4 * target, target + MAX_EXTRA_BITS)
    with mp.workprec(prec):
        ev = _Evaluator(env)
        prev = ev.run(e)
    step = 32
    while True:
        prec += step
        with mp.workprec(prec):
            ev = _Evaluator(env)
            cur = ev.run(e)
        if _agree(prev, cur, target + 3):
            return cur
        if prec >= limit:
            if not isinstance(cur, bool) and mp.isfinite(cur) and \
                    (cur == 0 or mp.mag(cur) < ev.scale - prec + 64):
                return mp.mpf(0)
            raise EvaluationError(f"could not evaluate {e} to {digits} digits: the value "
                                  f"does not settle up to {prec} bits of working precision")
        prev = cur
        step = prec  # double the working precision


__all__ = ["MAX_EXTRA_BITS", "eval_at", "evalf_mp"]
