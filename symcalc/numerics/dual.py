"""Dual numbers: a + b·ε with ε² = 0, forward-mode differentiation as textbooks show it.

``f(a + ε) = f(a) + f'(a) ε``: evaluating an expression on a dual number carries the
derivative along. The ε part may be a NumPy vector (one seed per variable: the whole
gradient in one pass).

>>> import symcalc as sc
>>> d = sc.Dual(3.0, 1.0)
>>> d * d + 2 * d
Dual(15.0, 8.0)
>>> x, y = sc.symbols("x y")
>>> sc.Dual.evaluate(sc.sin(x) * y, {x: sc.Dual(0.0, 1.0), y: 2.0})
Dual(0.0, 2.0)
>>> sc.Dual(0.5, 1.0).apply("sigmoid")       # sigmoid(0.5) and sigmoid'(0.5)
Dual(0.6224593312018546, 0.23500371220159452)
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["Dual"]

_FUNCS: dict[tuple[str, int], Any] = {}


def _function(name: str, nargs: int) -> Any:
    """The compiled value and gradient of the registry function ``name`` of nargs
    arguments: ``(t1, ..) -> (f, df/dt1, ..)`` (scalar math code)."""
    key = (name, nargs)
    fn = _FUNCS.get(key)
    if fn is None:
        from ..compile.api import value_and_grad
        from ..core import REGISTRY, Symbol

        fdef = next((f for f in REGISTRY.values() if f.name == name), None)
        if fdef is None:
            raise ValueError(f"Dual: unknown function {name!r}")
        ts = [Symbol(f"_t{i}") for i in range(nargs)]
        vg = value_and_grad(fdef(*ts), ts, backend="math")
        scalar = vg._scalar

        def fn(*vals: float) -> tuple:
            try:
                return scalar(*vals)
            except (ValueError, ZeroDivisionError, OverflowError):
                v, g = vg(*vals)
                return (float(v), *map(float, g))

        _FUNCS[key] = fn
    return fn


def _lift(v: Any) -> Dual:
    return v if isinstance(v, Dual) else Dual(float(v), 0.0)


class Dual:
    """``value + eps·ε``: arithmetic, powers and every registry function
    (:meth:`apply`) propagate the ε part by the chain rule."""

    __slots__ = ("value", "eps")

    def __init__(self, value: float, eps: Any = 0.0) -> None:
        self.value = float(value)
        self.eps = eps

    # arithmetic
    def __add__(self, o: Any) -> Dual:
        o = _lift(o)
        return Dual(self.value + o.value, self.eps + o.eps)

    __radd__ = __add__

    def __sub__(self, o: Any) -> Dual:
        o = _lift(o)
        return Dual(self.value - o.value, self.eps - o.eps)

    def __rsub__(self, o: Any) -> Dual:
        return _lift(o) - self

    def __neg__(self) -> Dual:
        return Dual(-self.value, -self.eps)

    def __pos__(self) -> Dual:
        return self

    def __mul__(self, o: Any) -> Dual:
        o = _lift(o)
        return Dual(self.value * o.value, self.eps * o.value + self.value * o.eps)

    __rmul__ = __mul__

    def __truediv__(self, o: Any) -> Dual:
        o = _lift(o)
        q = self.value / o.value
        return Dual(q, (self.eps - q * o.eps) / o.value)

    def __rtruediv__(self, o: Any) -> Dual:
        return _lift(o) / self

    def __pow__(self, o: Any) -> Dual:
        o = _lift(o)
        a, b = self.value, o.value
        try:
            v = a ** b
        except (ZeroDivisionError, OverflowError):
            v = math.inf if a == 0 else math.nan
        try:
            d = self.eps * (b * a ** (b - 1.0)) if b != 0 else self.eps * 0.0
        except (ZeroDivisionError, OverflowError):
            d = self.eps * math.inf  # sqrt at 0: an infinite slope
        if not (isinstance(o.eps, float) and o.eps == 0.0):
            d = d + o.eps * (v * math.log(a) if a > 0 else math.nan)
        if isinstance(v, complex) or isinstance(d, complex):  # not real: nan, as compile
            return Dual(math.nan, self.eps * math.nan + o.eps * math.nan)
        return Dual(v, d)

    def __rpow__(self, o: Any) -> Dual:
        return _lift(o) ** self

    def __abs__(self) -> Dual:
        return self.apply("abs")

    def __eq__(self, o: object) -> bool:
        return isinstance(o, Dual) and self.value == o.value and bool(
            _all_equal(self.eps, o.eps))

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"Dual({self.value!r}, {self.eps!r})"

    # functions
    def apply(self, name: str, *others: Any) -> Dual:
        """``name(self, *others)`` for a registry function (``"sin"``, ``"sigmoid"``,
        ``"atan2"``, ...): its value and the chain rule through its partials."""
        args = [self, *map(_lift, others)]
        r = _function(name, len(args))(*(a.value for a in args))
        eps: Any = 0.0
        for a, d in zip(args, r[1:]):
            if not (isinstance(a.eps, float) and a.eps == 0.0):
                eps = eps + a.eps * d
        return Dual(r[0], eps)

    @staticmethod
    def evaluate(e: Any, point: dict) -> Dual:
        """The value of expression ``e`` with symbols replaced by the duals (or numbers)
        of ``point`` ({symbol or name: value}); a Dual."""
        from ..core import as_expr

        e = as_expr(e)
        vals: dict[int, Dual] = {}
        env = {}
        for k, v in point.items():
            env[getattr(k, "name", k)] = _lift(v)
        stack = [(e, False)]
        while stack:
            u, ready = stack.pop()
            if id(u) in vals:
                continue
            if not ready:
                stack.append((u, True))
                stack.extend((a, False) for a in u.args if id(a) not in vals)
                continue
            vals[id(u)] = _node(u, [vals[id(a)] for a in u.args], env)
        return vals[id(e)]


def _node(u: Any, kids: list, env: dict) -> Dual:
    if u.is_Symbol:
        if u.name not in env:
            raise ValueError(f"Dual.evaluate: no value for {u}")
        return env[u.name]
    if not u.args:
        v = u.evalf()
        if not isinstance(v, float):
            raise ValueError(f"Dual.evaluate: {u} is not a real number")
        return Dual(v, 0.0)
    if u.is_Add:
        r = kids[0]
        for k in kids[1:]:
            r = r + k
        return r
    if u.is_Mul:
        r = kids[0]
        for k in kids[1:]:
            r = r * k
        return r
    if u.is_Pow:
        return kids[0] ** kids[1]
    if u.is_Function and getattr(u, "fdef", None) is not None:
        return kids[0].apply(u.fdef.name, *kids[1:])
    raise ValueError(f"Dual.evaluate: cannot evaluate {u.head} nodes ({u})")


def _all_equal(a: Any, b: Any) -> Any:
    try:
        import numpy as np

        return np.all(np.asarray(a) == np.asarray(b))
    except Exception:  # noqa: BLE001
        return a == b
