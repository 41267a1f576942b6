"""Parsing shaped expressions: what the grammar's callbacks do when an operand is a
vector or matrix (the symbols come from ``parse(text, names={...})`` or the REPL's
declarations). ``@`` is the matrix product, ``*`` ``/`` ``^`` are elementwise, ``X.T``
and ``Xᵀ`` transpose, and the calls below build shaped nodes.

>>> import symcalc as sc
>>> X = sc.MatrixSymbol("X", 5, 3); w = sc.VectorSymbol("w", 3); y = sc.VectorSymbol("y", 5)
>>> e = sc.parse("2*X.T@(X@w - y)", {"X": X, "w": w, "y": y})
>>> e is 2 * X.T @ (X @ w - y)
True
"""

from __future__ import annotations

from typing import Any

from ..core import Expr
from . import expr as T
from .shape import fmt

_TIMES = frozenset("*·×⋅")


def _int(a: Any) -> int:
    if isinstance(a, Expr) and a.is_Number and a.value == int(a.value):
        return int(a.value)
    raise TypeError(f"expected an integer, got {a}")


def _dims(args: list) -> tuple:
    return tuple(_int(a) if isinstance(a, Expr) and a.is_Number else a for a in args)


def _tensordot(a: Any, b: Any, axes: list) -> Any:
    if len(axes) % 2:
        raise TypeError("tensordot(A, B, axes of A..., axes of B...) needs as many axes "
                        "of B as of A")
    k = len(axes) // 2
    return T.tensordot(a, b, axes[:k], axes[k:])


#: name -> (builder taking the parsed arguments)
CALLS: dict[str, Any] = {
    "sum": lambda a, axis=None: T.tsum(a, None if axis is None else _int(axis)),
    "tr": T.trace, "trace": T.trace, "det": T.det, "logdet": T.logdet, "inv": T.inv,
    "diag": T.diag, "norm": lambda a, p=2: T.norm(a, _int(p) if isinstance(p, Expr) else p),
    "softmax": T.softmax, "log_softmax": T.log_softmax, "logsumexp": T.logsumexp,
    "outer": T.outer, "kron": T.kron, "vec": T.vec, "transpose": T.transpose,
    "permute": lambda a, *axes: T.permute(a, [_int(x) for x in axes]),
    "tensordot": lambda a, b, *axes: _tensordot(a, b, [_int(x) for x in axes]),
    "cross_entropy": lambda z, y: -T.tsum(T.hadamard(y, T.log_softmax(z))),
    "eye": lambda n: T.Identity(_dims([n])[0]),
    "ones": lambda *d: T.Ones(*_dims(list(d))),
    "zeros": lambda *d: T.Zero(*_dims(list(d))),
    "commutation": lambda m, n: T.Commutation(*_dims([m, n])),
}
#: calls that build shaped constants from dimensions alone
CONSTRUCTORS = frozenset({"eye", "ones", "zeros", "commutation"})


def is_constructor(name: str) -> bool:
    return name in CONSTRUCTORS


def _err(message: str, tok: Any) -> Exception:
    from ..parse.transformer import error

    return error(message, tok)


def sum(c: list) -> Any:  # noqa: A001 - the grammar rule's name
    out = c[0]
    for i in range(1, len(c), 2):
        out = out + c[i + 1] if c[i].value == "+" else out - c[i + 1]
    return out


def product(c: list) -> Any:
    from ..parse.lalr import Tok

    out = c[0]
    i, n = 1, len(c)
    while i < n:
        f = c[i]
        if type(f) is Tok:
            g = c[i + 1]
            if f.value == "@":
                if not (getattr(out, "is_shaped", False) and getattr(g, "is_shaped", False)):
                    raise _err("@ multiplies vectors and matrices; use * for scalars", f)
                out = T.matmul(out, g)
            elif f.value in _TIMES:
                out = out * g
            else:
                out = out / g
            i += 2
        else:
            out = out * f
            i += 1
    return out


def transpose(a: Any, tok: Any) -> Any:
    if not getattr(a, "is_shaped", False):
        return a  # a scalar is its own transpose
    try:
        return T.transpose(a)
    except Exception as e:  # ShapeError of an order-3 tensor
        raise _err(str(e), tok) from None


def call(name: str, args: list, tok: Any) -> Any:
    from ..errors import ShapeError

    fn = CALLS.get(name)
    try:
        if fn is not None:
            return fn(*args)
        from ..parse.transformer import _function

        return _function(name, tok)(*args)
    except ShapeError as e:
        raise _err(str(e), tok) from None
    except TypeError as e:
        raise _err(f"{name}: {e}", tok) from None


class Declaration:
    """``matrix(3, 2)`` on the right of ``W = ...`` in the REPL: W becomes a 3×2 symbol."""

    def __init__(self, shape: tuple, **options: Any) -> None:
        self.shape = shape
        self.options = options

    def declare(self, name: str) -> Any:
        return T.Symbol(name, self.shape, **self.options)

    def describe(self, name: str) -> str:
        """``W: matrix of shape (3, 2)`` (the REPL's answer to a declaration)."""
        kind = {1: "vector", 2: "matrix"}.get(len(self.shape), "tensor")
        extra = "".join(", symmetric" if k == "symmetric" else ", entries ±1"
                        for k in self.options)
        return f"{name}: {kind} of shape {fmt(self.shape)}{extra}"

    def __str__(self) -> str:
        return f"a declaration of shape {fmt(self.shape)}: write NAME = ..."


def _declare(*dims: Any, symmetric: bool = False, values: Any = None) -> Declaration:
    opts: dict[str, Any] = {}
    if symmetric:
        opts["symmetric"] = True
    if values is not None:
        opts["values"] = tuple(_int(v) for v in values)
    return Declaration(_dims(list(dims)), **opts)


#: REPL declarations: W = matrix(3, 2), x = vector(n), T = tensor(2, 3, 4), s = scalar()
DECLARATIONS: dict[str, Any] = {
    "matrix": lambda m, n, **kw: _declare(m, n, **kw),
    "vector": lambda n, **kw: _declare(n, **kw),
    "tensor": lambda *d, **kw: _declare(*d, **kw),
}
