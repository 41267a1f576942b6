"""The expression base class and the hash-consing table.

Every expression is immutable and interned: building an equal expression returns
the very same object, so ``==`` between expressions is identity and hashing is O(1).
The intern table holds weak references only; an expression nobody uses is freed.

>>> from symcalc import Symbol
>>> Symbol("x") + 1 is 1 + Symbol("x")
True
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .symbol import Symbol

# --------------------------------------------------------------------------- interning

class _Ref(weakref.ref):
    """A weak reference that remembers its intern key (C-level init, unlike KeyedRef)."""

    __slots__ = ("key",)


_table: dict[tuple, _Ref] = {}
_get = _table.get
_small_ints: dict[int, Any] = {}  # int -> Integer, filled by numbers.py
# Taken only on the rare paths (an entry whose object just died; the death callback),
# so that two threads never both replace a dead entry nor a callback delete a fresh
# one. Reentrant: a callback may run (garbage collection) while this thread holds it.
_lock = threading.RLock()


def _forget(ref: _Ref, _table: dict = _table, _lock: Any = _lock) -> None:
    # Runs when an interned object dies; the entry may already point to a newer object.
    key = ref.key
    if _table.get(key) is ref:
        with _lock:
            if _table.get(key) is ref:
                del _table[key]


def lookup(key: tuple) -> Any:
    """Return the live interned object for ``key``, or None."""
    ref = _get(key)
    return ref() if ref is not None else None


def register(key: tuple, obj: Any) -> Any:
    """Intern ``obj`` under ``key`` and return the interned object: ``obj``, or the
    equal object another thread interned first (building the same expression from
    several threads at once gives one node)."""
    r = _Ref(obj, _forget)
    r.key = key
    old = _table.setdefault(key, r)  # atomic insert-if-absent
    if old is r:
        return obj
    return _settle(key, old, r, obj)


def _settle(key: tuple, old: _Ref, r: _Ref, obj: Any) -> Any:
    """The slow path of interning: ``key`` was taken by ``old`` when ``r`` came."""
    o = old()
    if o is not None:
        return o  # another thread built it first: use theirs
    with _lock:  # old's object died and its callback has not run yet: replace it once
        cur = _table.get(key)
        if cur is not None:
            o = cur()
            if o is not None:
                return o
        _table[key] = r
        return obj


def interned(cls: type, key: tuple, args: tuple = (), **attrs: Any) -> Any:
    """The live object for ``key``, or a new ``cls`` node with these args and attributes.

    The one constructor of nodes outside the hot paths of arithmetic (which inline it).
    """
    ref = _get(key)
    if ref is not None:
        o = ref()
        if o is not None:
            return o
    o = object.__new__(cls)
    o._args = args
    o._skey = None
    o._facts = None
    for k, v in attrs.items():
        setattr(o, k, v)
    return register(key, o)


def intern_size() -> int:
    """Number of live interned expressions (for tests of memory behaviour)."""
    return len(_table)


# --------------------------------------------------------------------------- base class


class Expr:
    """Base class of all expressions: immutable, interned, canonical.

    ``args`` are the children; ``func(*args)`` rebuilds the node; ``head`` names it.
    """

    __slots__ = ("_args", "_skey", "_facts", "__weakref__")

    _args: tuple
    is_Number = False
    is_Atom = False
    is_Symbol = False
    is_Add = False
    is_Mul = False
    is_Pow = False
    is_Function = False
    is_Relational = False
    is_Boolean = False

    # ---- structure

    @property
    def args(self) -> tuple:
        """The children of this node, in canonical order."""
        return self._args

    @property
    def head(self) -> str:
        """A name for the kind of node: ``"Add"``, ``"Mul"``, ``"Pow"``, ``"sin"``, ..."""
        return type(self).__name__

    @property
    def func(self) -> Callable[..., Expr]:
        """A callable that rebuilds a node of this kind from new args."""
        return type(self)

    def rebuild(self, args: tuple) -> Expr:
        """This node's constructor applied to ``args`` (canonicalizing again)."""
        if args == self._args:
            return self
        return self.func(*args)

    def sort_key(self) -> tuple:
        """A deterministic total-order key (independent of PYTHONHASHSEED)."""
        k = self._skey
        if k is None:
            k = self._skey = self._make_sort_key()
        return k

    def _make_sort_key(self) -> tuple:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    # ---- Python protocol

    def __repr__(self) -> str:
        from ..printing.str import sstr

        return sstr(self)

    __str__ = __repr__

    def __reduce__(self):
        # Pickle through the text form: it parses back to the same interned object.
        from ..parse import parse

        return (parse, (str(self),))

    def __copy__(self) -> Expr:
        return self

    def __deepcopy__(self, memo: dict) -> Expr:
        return self

    def __bool__(self) -> bool:
        raise TypeError(f"the truth value of the expression {self} is not defined; "
                        "compare expressions with `is` or use .is_zero()")

    def _repr_latex_(self) -> str:
        from ..printing.latex import latex

        return f"$\\displaystyle {latex(self)}$"

    # ---- arithmetic operators

    def __add__(self, other: Any) -> Expr:
        try:
            if type(other) is int:  # x + 1: the commonest case, with the fewest calls
                o = _small_ints.get(other)
                return _ops.add2(o if o is not None else _ops.number(other), self)
            o = as_expr_or_none(other)
            return NotImplemented if o is None else _ops.add2(self, o)
        except OverflowError as err:
            raise _too_large(err) from None

    def __radd__(self, other: Any) -> Expr:
        try:
            if type(other) is int:
                o = _small_ints.get(other)
                return _ops.add2(o if o is not None else _ops.number(other), self)
            o = as_expr_or_none(other)
            return NotImplemented if o is None else _ops.add2(o, self)
        except OverflowError as err:
            raise _too_large(err) from None

    def __sub__(self, other: Any) -> Expr:
        try:
            o = as_expr_or_none(other)
            return NotImplemented if o is None else _ops.Add(self, _ops.Mul(_ops.MINUS_ONE, o))
        except OverflowError as err:
            raise _too_large(err) from None

    def __rsub__(self, other: Any) -> Expr:
        try:
            o = as_expr_or_none(other)
            return NotImplemented if o is None else _ops.Add(o, _ops.Mul(_ops.MINUS_ONE, self))
        except OverflowError as err:
            raise _too_large(err) from None

    def __mul__(self, other: Any) -> Expr:
        try:
            o = as_expr_or_none(other)
            return NotImplemented if o is None else _ops.Mul(self, o)
        except OverflowError as err:
            raise _too_large(err) from None

    def __rmul__(self, other: Any) -> Expr:
        try:
            o = as_expr_or_none(other)
            return NotImplemented if o is None else _ops.Mul(o, self)
        except OverflowError as err:
            raise _too_large(err) from None

    def __truediv__(self, other: Any) -> Expr:
        try:
            o = as_expr_or_none(other)
            return NotImplemented if o is None else _ops.Mul(self, _ops.Pow(o, _ops.MINUS_ONE))
        except OverflowError as err:
            raise _too_large(err) from None

    def __rtruediv__(self, other: Any) -> Expr:
        try:
            o = as_expr_or_none(other)
            return NotImplemented if o is None else _ops.Mul(o, _ops.Pow(self, _ops.MINUS_ONE))
        except OverflowError as err:
            raise _too_large(err) from None

    def __pow__(self, other: Any) -> Expr:
        try:
            o = as_expr_or_none(other)
            return NotImplemented if o is None else _ops.Pow(self, o)
        except OverflowError as err:
            raise _too_large(err) from None

    def __rpow__(self, other: Any) -> Expr:
        try:
            o = as_expr_or_none(other)
            return NotImplemented if o is None else _ops.Pow(o, self)
        except OverflowError as err:
            raise _too_large(err) from None

    def __neg__(self) -> Expr:
        return _ops.Mul(_ops.MINUS_ONE, self)

    def __pos__(self) -> Expr:
        return self

    def __abs__(self) -> Expr:
        from .functions import Abs

        return Abs(self)

    # Relations build relation expressions, as in SymPy (`x < 1` is an expression).
    def __lt__(self, other: Any) -> Expr:
        return _ops.rel("<", self, other)

    def __le__(self, other: Any) -> Expr:
        return _ops.rel("<=", self, other)

    def __gt__(self, other: Any) -> Expr:
        return _ops.rel(">", self, other)

    def __ge__(self, other: Any) -> Expr:
        return _ops.rel(">=", self, other)

    # ---- queries

    @property
    def free_symbols(self) -> frozenset[Symbol]:
        """The symbols this expression depends on."""
        return _traversal.free_symbols(self)

    def has(self, *patterns: Any) -> bool:
        """True if any of ``patterns`` (expressions) occurs as a subexpression."""
        from .traversal import has

        return has(self, *patterns)

    def atoms(self, *types: type) -> set:
        """The atoms (symbols, numbers, constants), optionally only those of ``types``."""
        from .traversal import atoms

        return atoms(self, *types)

    def preorder(self) -> Iterator[Expr]:
        """Each distinct node once, parents before children."""
        return _traversal.preorder(self)

    def postorder(self) -> Iterator[Expr]:
        """Each distinct node once, children before parents."""
        return _traversal.postorder(self)

    def count_ops(self) -> int:
        """Leaf count: number of nodes of the expression *tree* (shared nodes counted each time)."""
        return _traversal.leaf_count(self)

    def is_zero(self) -> bool:
        return self is _ops.ZERO

    # ---- operations

    def subs(self, mapping: Any = None, value: Any = None, /, **kw: Any) -> Expr:
        """Simultaneous substitution: ``e.subs({x: 1, y: x})`` or ``e.subs(x, 1)``."""
        subs = _traversal.subs
        if value is not None or (mapping is not None and not hasattr(mapping, "items")
                                 and not isinstance(mapping, (list, tuple))):
            mapping = {mapping: value}
        return subs(self, mapping, **kw)

    def xreplace(self, mapping: dict) -> Expr:
        """Alias of :meth:`subs`."""
        return self.subs(mapping)

    def evalf(self, n: Any = None, subs: dict | None = None) -> Any:
        """Numeric value: a Python float (complex where the value is not real), or with
        ``n`` a number correct to n significant digits (see :mod:`symcalc.core.evalf`).
        ``e.evalf({x: 2})`` (subs first) still works."""
        from .evalf import evalf

        return evalf(self, n, subs)

    def __float__(self) -> float:
        v = self.evalf()
        if isinstance(v, complex):
            raise TypeError(f"{self} is not real: {v}")
        return v

    def __complex__(self) -> complex:
        return complex(self.evalf())

    def expand(self, **kw: Any) -> Expr:
        """Distribute products and expand integer powers of sums."""
        from .expand import expand

        return expand(self, **kw)

    def diff(self, *vars: Any) -> Expr:
        """Derivative: ``e.diff(x)``, ``e.diff(x, 2)``, ``e.diff(x, y)``."""
        from .. import diff

        return diff(self, *vars)

    # ---- helpers used by canonicalization

    def as_coeff_mul(self) -> tuple[Any, Expr]:
        """(numeric coefficient as a Python number, the rest) with ``self == c*rest``."""
        return 1, self

    def as_base_exp(self) -> tuple[Expr, Expr]:
        return self, _ops.ONE


class Atom(Expr):
    """An expression without children."""

    __slots__ = ()
    is_Atom = True

    def rebuild(self, args: tuple) -> Expr:
        return self


# --------------------------------------------------------------------------- conversion


def as_expr_or_none(v: Any) -> Expr | None:
    """Convert Python numbers to expressions; None for anything else."""
    if isinstance(v, Expr):
        return v
    if isinstance(v, bool):
        return _ops.true if v else _ops.false
    if isinstance(v, (int, float, Fraction)):
        return _ops.number(v)
    try:  # NumPy scalars and the like
        import numbers

        if isinstance(v, numbers.Integral):
            return _ops.number(int(v))
        if isinstance(v, numbers.Real):
            return _ops.number(float(v))
    except Exception:  # pragma: no cover
        pass
    return None


def as_expr(v: Any) -> Expr:
    """Convert ``v`` to an expression: expressions pass, numbers convert, strings parse."""
    e = as_expr_or_none(v)
    if e is not None:
        return e
    if isinstance(v, str):
        from ..parse import parse

        r = parse(v)
        if isinstance(r, Expr):
            return r
    from ..errors import ExprTypeError

    raise ExprTypeError(f"cannot convert {v!r} (of type {type(v).__name__}) to an "
                        "expression")


class _Ops:
    """Late-bound constructors, filled in by ``core/__init__`` to break import cycles."""

    Add: Callable[..., Expr]
    add2: Callable[[Expr, Expr], Expr]
    Mul: Callable[..., Expr]
    Pow: Callable[..., Expr]
    number: Callable[[Any], Expr]
    rel: Callable[..., Expr]
    ZERO: Expr
    ONE: Expr
    MINUS_ONE: Expr
    true: Expr
    false: Expr


_ops = _Ops()


def _too_large(err: OverflowError) -> Exception:
    """A typed error for arithmetic that mixes a double with an exact number beyond it."""
    from ..errors import NumberTooLargeError

    if isinstance(err, NumberTooLargeError):
        return err
    return NumberTooLargeError(f"a number is too large for floating-point arithmetic ({err}); "
                               "keep the computation exact or use N(e, n)")


# the walks behind the query methods (imported last: traversal imports this module)
from . import traversal as _traversal  # noqa: E402
