"""Grammar callbacks: one small method per rule of ``grammar/symcalc.lark``.

The LALR driver (:mod:`symcalc.parse.lalr`) calls them on each reduction, so
expressions are built bottom-up while parsing and no parse tree is ever made. Each
method receives the sequence of its rule's children: expressions, and the tokens the
grammar keeps (names, numbers, operators), punctuation left out.

Per-call settings (``names``, ``functions``, the text for error messages) live in a
thread-local :data:`STATE`, so one shared parser serves every thread.
"""

from __future__ import annotations

import math
import threading
from typing import Any

from ..core import (
    CONSTANTS,
    HALF,
    INPUT_ONLY,
    MINUS_ONE,
    REGISTRY,
    Abs,
    And,
    Expr,
    Function,
    FunctionDef,
    Not,
    Or,
    Symbol,
    as_expr,
    cbrt,
    false,
    limits,
    mul,
    number,
    piecewise,
    power,
    rel,
    true,
)
from ..core import add as _add
from ..core.bigint import int_from_digits
from ..core.expr import lookup
from ..core.symbol import RESERVED
from ..errors import ParseError
from .lalr import Tok, line_column


class _State(threading.local):
    text: str = ""
    names: dict | None = None
    functions: dict | None = None


STATE = _State()

#: Names that read as something other than a symbol.
ATOMS: dict[str, Expr] = {**CONSTANTS, "True": true, "False": false, "π": CONSTANTS["pi"],
                          "∞": CONSTANTS["oo"]}
KEYWORDS = frozenset({"and", "or", "not"})
RELOPS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "==", "!=": "!=",
          "≤": "<=", "≥": ">=", "≠": "!="}
_TIMES = frozenset("*·×⋅")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_INT_FAST = 600  # int(str) is allowed up to this many digits whatever the interpreter's limit


def error(message: str, token: Tok) -> ParseError:
    """A ParseError located at ``token``."""
    line, column = line_column(STATE.text, token.pos)
    return ParseError(message, STATE.text, line, column)


class Keyword:
    """``name=value`` in a call: valid only as an argument of a host function."""

    __slots__ = ("token", "value")

    def __init__(self, token: Tok, value: Any) -> None:
        self.token, self.value = token, value


class String:
    """A string literal: valid only as an argument of a host function."""

    __slots__ = ("token", "value")

    def __init__(self, token: Tok) -> None:
        self.token = token
        # Only \\ and the quote are escapes; anything else stays as written.
        body = token.value[1:-1]
        self.value = body.replace("\\" + token.value[0], token.value[0]).replace("\\\\", "\\")


class ExprBuilder:
    """The callbacks, named after the grammar's rules and aliases."""

    # ---- arithmetic

    def sum(self, c: list) -> Expr:
        if _any_shaped(c):
            return _shaped().sum(c)
        if _any_matrix(c):
            return _matrix_ops().sum_(c)
        terms = [c[0]]
        for i in range(1, len(c), 2):
            t = c[i + 1]
            terms.append(t if c[i].value == "+" else mul(MINUS_ONE, t))
        return _add(*terms)

    def factorial(self, c: list) -> Expr:
        from ..core.functions_discrete import factorial

        return factorial(c[0])

    def product(self, c: list) -> Expr:
        if _any_matrix(c):
            return _matrix_ops().product(c)
        if _any_shaped(c) or any(type(f) is Tok and f.value == "@" for f in c):
            return _shaped().product(c)
        factors = [c[0]]
        i, n = 1, len(c)
        while i < n:
            f = c[i]
            if type(f) is Tok:  # an operator; implicit products have none
                g = c[i + 1]
                factors.append(g if f.value in _TIMES else power(g, MINUS_ONE))
                i += 2
            else:
                factors.append(f)
                i += 1
        return mul(*factors)

    def signed(self, c: list) -> Expr:
        if _any_matrix(c):
            return _matrix_ops().signed(c)
        if _any_shaped(c):
            return c[1] if c[0].value == "+" else -c[1]
        return c[1] if c[0].value == "+" else mul(MINUS_ONE, c[1])

    def pow(self, c: list) -> Expr:
        if _any_matrix(c):
            return _matrix_ops().pow_(c[0], c[1])
        if _any_shaped(c):
            return c[0] ** c[1]
        return power(c[0], c[1])

    def sup(self, c: list) -> Expr:
        if _any_matrix(c):
            return _matrix_ops().pow_(c[0], _integer(c[1].value.translate(_SUPERSCRIPTS),
                                                     c[1]))
        if _any_shaped(c):
            return c[0] ** _integer(c[1].value.translate(_SUPERSCRIPTS), c[1])
        return power(c[0], _integer(c[1].value.translate(_SUPERSCRIPTS), c[1]))

    def transpose(self, c: list) -> Any:
        return _shaped().transpose(c[0], c[1])

    def sqrt(self, c: list) -> Expr:
        return power(c[0], HALF)

    def cbrt(self, c: list) -> Expr:
        return cbrt(c[0])

    def abs(self, c: list) -> Expr:
        return Abs(c[0])

    # ---- atoms

    def integer(self, c: list) -> Expr:
        return _integer(c[0].value, c[0])

    def float(self, c: list) -> Expr:
        v = float(c[0].value)
        if v == math.inf:
            raise error(f"number {c[0].value[:20]} is too large for a float; write it "
                        "as an integer or use oo", c[0])
        return number(v)

    def constant(self, c: list) -> Expr:
        return ATOMS[c[0].value]

    def name(self, c: list) -> Expr:
        tok = c[0]
        s = tok.value
        names = STATE.names
        if names is not None and s in names:
            v = names[s]
            if isinstance(v, Expr) or getattr(v, "is_shaped", False) or _any_matrix([v]):
                return v
            if isinstance(v, FunctionDef) or callable(v):
                raise error(f"{s} is a function; write {s}(...)", tok)
            return as_expr(v)
        v = ATOMS.get(s)
        if v is not None:
            return v
        v = lookup(("S", s, False, False, False))  # a live plain symbol of that name
        if v is not None:
            return v
        if s in REGISTRY and s in RESERVED or s == "piecewise":
            raise error(f"{s} is a function; write {s}(...)", tok)
        if s in KEYWORDS:
            raise error(f"unexpected '{s}'; expected an expression", tok)
        try:
            v = Symbol(s)
        except ValueError:
            raise error(f"invalid name '{s}'", tok) from None
        return v

    def call(self, c: list) -> Any:
        tok = c[0]
        name = tok.value
        args = c[1:]
        functions = STATE.functions
        if functions is not None and name in functions:
            return _call_host(functions[name], args)
        if name == "piecewise":
            return _piecewise(args, tok)
        if _any_shaped(args) or name in _SHAPED_CONSTRUCTORS and _shaped_names():
            return _shaped().call(name, args, tok)
        for a in args:
            if not isinstance(a, Expr):
                _reject_argument(name, a, tok)
        fdef = _function(name, tok)
        lo, hi = fdef.nargs
        if not lo <= len(args) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}" if hi < 10**6 else f"at least {lo}"
            raise error(f"{name} takes {want} argument{'' if want == '1' else 's'}, "
                        f"got {len(args)}", tok)
        return fdef(*args)

    # ---- logic

    def rel(self, c: list) -> Expr:
        return rel(RELOPS[c[1].value], c[0], c[2])

    def and_(self, c: list) -> Expr:
        return And(c[0], c[1])

    def or_(self, c: list) -> Expr:
        return Or(c[0], c[1])

    def not_(self, c: list) -> Expr:
        return Not(c[0])

    def rule(self, c: list) -> tuple:
        return c[0], c[1], tuple(c[2:])

    # ---- containers and host-function arguments

    def tuple(self, c: list) -> tuple:
        return tuple(c)

    def list(self, c: list) -> list:
        return list(c)

    def string(self, c: list) -> String:
        return String(c[0])

    def kwarg(self, c: list) -> Keyword:
        v = c[1]
        return Keyword(c[0], String(v) if type(v) is Tok else v)


def _any_matrix(c: list) -> bool:
    """An explicit Matrix or a list literal among the operands (parse/matrix_ops.py)."""
    for a in c:
        if isinstance(a, list) or type(a).__name__ == "Matrix":
            return True
    return False


def _matrix_ops() -> Any:
    from . import matrix_ops

    return matrix_ops


def _any_shaped(c: list) -> bool:
    """A vector or matrix among the children: tensor/ builds the node."""
    for a in c:
        if getattr(a, "is_shaped", False):
            return True
    return False


#: calls that build vectors and matrices from dimensions (when shaped names are in use)
_SHAPED_CONSTRUCTORS = frozenset({"eye", "ones", "zeros", "commutation"})


def _shaped_names() -> bool:
    names = STATE.names
    return names is not None and any(getattr(v, "is_shaped", False) for v in names.values())


def _shaped() -> Any:
    from ..tensor import parsing  # loaded only when shaped expressions are parsed

    return parsing


def _integer(s: str, tok: Tok) -> Expr:
    if len(s) <= _INT_FAST:
        return number(int(s))
    digits = len(s.lstrip("+-"))
    if digits > limits.MAX_INT_DIGITS:
        raise error(f"integer literal with {digits} digits; at most "
                    f"{limits.MAX_INT_DIGITS} are allowed", tok)
    return number(int_from_digits(s))


def _function(name: str, tok: Tok) -> FunctionDef:
    """The function a call ``name(...)`` refers to."""
    names = STATE.names
    if names is not None and name in names:
        v = names[name]
        if isinstance(v, FunctionDef):
            return v
        raise error(f"{name} is not a function; write {name}*(...) to multiply", tok)
    fdef = REGISTRY.get(name) or INPUT_ONLY.get(name)
    if fdef is not None:
        return fdef
    if name in ("Sum", "KroneckerDelta"):  # defined by tensor/indexed.py, loaded on use
        from ..tensor import indexed  # noqa: F401 - registers them

        return REGISTRY[name]
    if name in RESERVED or name in ATOMS:
        raise error(f"{name} is a constant, not a function; write {name}*(...) to multiply",
                    tok)
    try:
        return Function(name)
    except ValueError:
        raise error(f"invalid function name '{name}'", tok) from None


def _reject_argument(name: str, a: Any, tok: Tok) -> None:
    if isinstance(a, Keyword):
        raise error("keyword arguments are not allowed here", a.token)
    if isinstance(a, String):
        raise error("strings are not allowed here", a.token)
    kind = "a tuple" if isinstance(a, tuple) else "a list"
    raise error(f"{name} does not take {kind} as an argument", tok)


def _piecewise(args: list, tok: Tok) -> Expr:
    for p in args:
        if isinstance(p, (Keyword, String)):
            _reject_argument("piecewise", p, tok)
        if not (isinstance(p, tuple) and len(p) == 2 and all(isinstance(x, Expr) for x in p)):
            raise error("piecewise takes (expression, condition) pairs", tok)
    try:
        return piecewise(*args)
    except TypeError as e:
        raise error(str(e), tok) from None


def _call_host(fn: Any, args: list) -> Any:
    """Call a host function with positional and keyword arguments unwrapped."""
    pos: list = []
    kw: dict = {}
    for a in args:
        if isinstance(a, Keyword):
            key = a.token.value
            if key in kw:
                raise error(f"repeated keyword argument '{key}'", a.token)
            v = a.value
            kw[key] = v.value if isinstance(v, String) else v
        elif kw:
            last = [k for k in args if isinstance(k, Keyword)][-1]
            raise error("positional arguments must come before keyword arguments", last.token)
        else:
            pos.append(a.value if isinstance(a, String) else a)
    return fn(*pos, **kw)
