"""Float and complex values of special functions through mpmath (imported lazily).

Where the ``math`` module has no implementation (digamma, zeta, Si, lambertw, ...), a
registry entry's ``numeric=`` and ``cnumeric=`` evaluate its ``mpmath=`` recipe at a
little more than double precision and round the result: correctly rounded in practice,
at a few microseconds per call, which is what evalf and construction need (compiled code
has vectorized implementations of its own, :mod:`symcalc.compile.special_extra`).

>>> real(lambda mp, x: mp.zeta(x))(2.0)
1.6449340668482264
>>> real(lambda mp, x: mp.sqrt(x))(-1.0) is None      # not real: None
True
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

Recipe = Callable[..., Any]


def _errors() -> tuple:
    from mpmath.libmp import NoConvergence

    return (ValueError, ArithmeticError, NoConvergence)


def real(recipe: Recipe) -> Callable[..., float | None]:
    """``numeric=`` from an mpmath recipe ``(mp, *args) -> value``: a float, or None where
    the value is not real or not defined."""
    def f(*args: float) -> float | None:
        import mpmath

        try:
            with mpmath.workprec(64):
                v = recipe(mpmath, *(mpmath.mpf(a) for a in args))
        except _errors():
            return None
        if isinstance(v, mpmath.mpc):
            if v.imag != 0:
                return None
            v = v.real
        r = float(v)
        return None if r != r else r
    return f


def cplx(recipe: Recipe) -> Callable[..., complex]:
    """``cnumeric=`` from an mpmath recipe: a complex value (ValueError where undefined)."""
    def f(*args: complex) -> complex:
        import mpmath

        try:
            with mpmath.workprec(64):
                v = recipe(mpmath, *(mpmath.mpc(a) if a.imag else mpmath.mpf(a.real)
                                     for a in args))
        except _errors() as err:
            raise ValueError(str(err)) from None
        return complex(v)
    return f


def mp_value(e: Any, prec: int) -> Any:
    """The mpmath value (an mpf or mpc at ``prec`` bits) of a constant expression, or None
    when some part cannot be evaluated (a symbol, a function without an mpmath recipe)."""
    import mpmath

    from .traversal import bottom_up

    def visit(node: Any, kids: tuple) -> Any:
        if any(k is None for k in kids):
            return None
        if node.is_Number:
            v = node.value
            if isinstance(v, Fraction):
                return mpmath.mpf(v.numerator) / v.denominator
            return mpmath.mpf(v)
        if node.is_Symbol:
            return None
        if node.is_Atom:
            return {"pi": mpmath.pi, "E": mpmath.e}.get(getattr(node, "name", ""))
        if node.is_Add:
            return mpmath.fsum(kids)
        if node.is_Mul:
            r = mpmath.mpf(1)
            for k in kids:
                r = r * k
            return r
        if node.is_Pow:
            if kids[0] == 0:
                return None
            return mpmath.power(kids[0], kids[1])
        if node.is_Function:
            impl = node.fdef.mpmath
            if impl is None:
                return None
            f = getattr(mpmath, impl) if isinstance(impl, str) else \
                (lambda *a: impl(mpmath, *a))
            return f(*kids)
        return None

    try:
        with mpmath.workprec(prec):
            v = bottom_up(e, visit)
            return None if v is None else +v
    except (*_errors(), TypeError):
        return None


__all__ = ["cplx", "mp_value", "real"]
