"""Function application nodes and function definitions (registry entries).

A :class:`FunctionDef` holds everything symcalc knows about one function: name and
aliases, arity and defaults, exact special values, parity, numeric implementations,
its range on the reals, and its printed names. Applying it builds an :class:`Apply`
node, after parity and special values had their say. Undefined functions
(``Function("f")``, or any unknown name followed by ``(`` in the parser) are
FunctionDefs without knowledge, so ``f(x)`` works everywhere, including the chain rule.

>>> from symcalc import sin, pi, Function, Symbol
>>> sin(pi/6)
1/2
>>> f = Function("f"); f(Symbol("x"))
f(x)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import ExprTypeError, SymcalcError
from .arithmetic import could_extract_minus_sign
from .assumptions import is_real
from .expr import Expr, as_expr, lookup, register
from .numbers import ONE, E, Float

SpecialFn = Callable[..., "Expr | None"]


class FunctionDef:
    """One function: name, arity, special values, numerics, printing, range facts."""

    def __init__(self, name: str, nargs: int | tuple[int, int] = 1, *,
                 aliases: Sequence[str] = (), defaults: Sequence[Any] = (),
                 special: SpecialFn | None = None, parity: str | None = None,
                 numeric: Callable[..., float] | None = None,
                 cnumeric: Callable[..., complex] | None = None,
                 mpmath: str | Callable[..., Any] | None = None,
                 real: bool = False, range: str | None = None,
                 sign: Callable[[tuple], str | None] | None = None,
                 unicode: str | None = None, latex: str | None = None,
                 commutative: bool = False, undefined: bool = False,
                 doc: str = "") -> None:
        self.name = name
        self.aliases = tuple(aliases)
        self.nargs = (nargs, nargs) if isinstance(nargs, int) else nargs
        self.defaults = tuple(defaults)
        if self.defaults:
            self.nargs = (self.nargs[1] - len(self.defaults), self.nargs[1])
        self.special = special
        self.parity = parity
        self.numeric = numeric
        self.cnumeric = cnumeric
        self.mpmath = mpmath
        self.real = real          # maps reals to reals (on its whole real domain)
        self.range = range        # "+" (positive) or "0+" (nonnegative) on the reals
        self._sign = sign
        self.unicode = unicode or name
        self.latex = latex if latex is not None else "\\operatorname{%s}" % name.replace("_", "\\_")
        self.commutative = commutative   # n-ary and symmetric (max, min)
        self.undefined = undefined
        self.__doc__ = doc or f"The function {name}."

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self):
        return (_lookup_def, (self.name, self.undefined))

    def __call__(self, *args: Any) -> Expr:
        for a in args:
            if not isinstance(a, Expr):
                hook = getattr(a, "__symcalc_apply__", None)
                if hook is not None:  # elementwise on a vector or matrix (tensor/)
                    return hook(self, args)
                args = tuple(as_expr(a) for a in args)
                break
        lo, hi = self.nargs
        if not lo <= len(args) <= hi:
            want = str(lo) if lo == hi else f"{lo} or {hi}" if hi < 10**6 else f"at least {lo}"
            raise SymcalcError(f"{self.name} takes {want} argument"
                               f"{'' if want == '1' else 's'}, got {len(args)}")
        if len(args) < hi and self.defaults:
            missing = hi - len(args)
            args = args + tuple(as_expr(d) for d in self.defaults[len(self.defaults) - missing:])
        if self.undefined:
            return apply(self, args)
        key = ("Fn", self, *args)
        o = lookup(key)
        if o is not None:
            return o
        for a in args:
            if a.is_Boolean:   # sin(x < 1) has no value (piecewise takes conditions)
                raise ExprTypeError(f"{self.name} takes numbers, not a condition: {a}")
        if self.commutative:
            return self.special(*args)  # type: ignore[misc]  # canonicalizes and builds
        if self.parity is not None:
            u = args[0]
            if could_extract_minus_sign(u):
                neg = -u
                if self.parity == "even":
                    return self(neg, *args[1:])
                return -self(neg, *args[1:])
        if self.numeric is not None and all(a.is_Number for a in args) \
                and any(isinstance(a.value, float) for a in args):
            if any(hasattr(a, "digits") for a in args):  # an MPFloat: keep its precision
                from .mpnumber import apply_precise

                r = apply_precise(self, args, apply(self, args))
                if r is not None:
                    return r
            try:
                v = self.numeric(*(float(a.value) for a in args))
            except (ValueError, OverflowError, ZeroDivisionError):
                v = None
            if v is not None and isinstance(v, float) and math.isfinite(v):
                return Float(v)
        if self.special is not None:
            r = self.special(*args)
            if r is not None:
                return r
            o = lookup(key)  # special() may have built this very node meanwhile
            if o is not None:
                return o
        return _new_apply(self, args, key)

    def sign(self, args: tuple) -> str | None:
        """Sign class of this function applied to ``args`` (see core.assumptions)."""
        if self._sign is not None:
            return self._sign(args)
        if self.undefined:
            return "r"  # undefined functions are real-valued, like symbols
        if self.real and all(is_real(a) for a in args):
            return self.range or "r"
        return None


def apply(fdef: FunctionDef, args: tuple) -> Expr:
    """Build the application node without any evaluation (trusted)."""
    key = ("Fn", fdef, *args)
    o = lookup(key)
    return o if o is not None else _new_apply(fdef, args, key)


def _new_apply(fdef: FunctionDef, args: tuple, key: tuple) -> Expr:
    o = object.__new__(Apply)
    o.fdef = fdef
    o._args = args
    o._skey = None
    o._facts = None
    return register(key, o)  # inlined interning: function nodes are built in hot loops


class Apply(Expr):
    """A function applied to arguments: ``sin(x)``, ``f(x, y)``."""

    __slots__ = ("fdef",)
    is_Function = True
    fdef: FunctionDef

    def _make_sort_key(self) -> tuple:
        return (4, self.fdef.name, tuple(a.sort_key() for a in self._args))

    @property
    def head(self) -> str:
        return self.fdef.name

    @property
    def func(self) -> FunctionDef:
        return self.fdef

    @property
    def name(self) -> str:
        return self.fdef.name

    def visible_args(self) -> tuple[Expr, ...]:
        """The arguments without trailing ones equal to their defaults (for printing).

        >>> from symcalc import leaky_relu, Symbol
        >>> leaky_relu(Symbol("x")).visible_args()
        (x,)
        """
        fd = self.fdef
        args = self._args
        if not fd.defaults:
            return args
        n = len(args)
        for d in reversed(fd.defaults):
            if n <= fd.nargs[0] or args[n - 1] is not as_expr(d):
                break
            n -= 1
        return args[:n]

    def as_base_exp(self) -> tuple[Expr, Expr]:
        if self.fdef.name == "exp":
            return E, self._args[0]
        return self, ONE


# --------------------------------------------------------------------------- registry

#: name or alias -> FunctionDef, for every known function.
REGISTRY: dict[str, FunctionDef] = {}
_UNDEFINED: dict[str, FunctionDef] = {}


def define(fdef: FunctionDef) -> FunctionDef:
    """Add a function definition to the registry (under its name and aliases)."""
    for n in (fdef.name, *fdef.aliases):
        REGISTRY[n] = fdef
    return fdef


def Function(name: str) -> FunctionDef:
    """An undefined function ``f`` such that ``f(x)`` is an unevaluated application.

    Registry names return the known function (``Function("sin") is sin``).
    """
    if name in REGISTRY:
        return REGISTRY[name]
    fd = _UNDEFINED.get(name)
    if fd is None:
        if not name.rstrip("'").isidentifier():
            raise ValueError(f"invalid function name {name!r}")
        fd = _UNDEFINED[name] = FunctionDef(name, (0, 10**9), undefined=True,
                                            latex=name if len(name) == 1 else None)
    return fd


def _lookup_def(name: str, undefined: bool) -> FunctionDef:
    if undefined:
        return Function(name)
    fd = REGISTRY.get(name)
    if fd is None:  # a function the parser knows but the registry does not list (O)
        from .functions import INPUT_ONLY

        fd = INPUT_ONLY[name]
    return fd


def lookup_function(name: str) -> FunctionDef | None:
    """The registry entry for a name or alias, or None."""
    return REGISTRY.get(name)
