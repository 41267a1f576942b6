"""A shaped expression of concrete shape, written out entry by entry: an array (NumPy,
dtype object) of scalar core expressions, or a :class:`Matrix` for 2-D results.

The symbol X of shape (2, 3) expands to the scalar symbols X_0_0 ... X_1_2. This is the
oracle of the tests: the entrywise derivatives by the scalar engine must equal the
expanded matrix-calculus results.

>>> from symcalc.tensor import MatrixSymbol, VectorSymbol
>>> A = MatrixSymbol("A", 2, 2); x = VectorSymbol("x", 2)
>>> expand_matrix(A @ x)
Matrix([[A_0_0*x_0 + A_0_1*x_1], [A_1_0*x_0 + A_1_1*x_1]])
"""

from __future__ import annotations

import itertools
from typing import Any

from ..core import Abs, Matrix, Symbol, exp, log, sqrt
from ..errors import ShapeError
from .expr import TExpr, walk
from .shape import concrete, fmt


def entry_symbols(x: TExpr) -> Any:
    """The array of scalar symbols standing for the entries of the shaped symbol x."""
    import numpy as np

    name = x.data[0]
    if not x.shape:
        return np.array(Symbol(name), dtype=object)
    out = np.empty(x.shape, dtype=object)
    for idx in itertools.product(*(range(d) for d in x.shape)):
        out[idx] = Symbol(name + "".join(f"_{i}" for i in idx))
    if x.data[1]:  # symmetric: the upper triangle stands for both
        for i, j in itertools.product(range(x.shape[0]), repeat=2):
            if i > j:
                out[i, j] = out[j, i]
    return out


def _det(a: Any) -> Any:
    n = a.shape[0]
    if n == 0:
        return 1
    if n == 1:
        return a[0, 0]
    total = 0
    for j in range(n):
        import numpy as np

        minor = np.delete(np.delete(a, 0, axis=0), j, axis=1)
        total = total + (-1) ** j * a[0, j] * _det(minor)
    return total


def _inv(a: Any) -> Any:
    import numpy as np

    n = a.shape[0]
    d = _det(a)
    adj = np.empty((n, n), dtype=object)
    for i in range(n):
        for j in range(n):
            minor = np.delete(np.delete(a, j, axis=0), i, axis=1)
            adj[i, j] = (-1) ** (i + j) * _det(minor) / d
    return adj


def _commutation(m: int, n: int) -> Any:
    import numpy as np

    k = np.zeros((m * n, m * n), dtype=object)
    k[:] = 0
    for i in range(m):
        for j in range(n):
            k[i * n + j, j * m + i] = 1
    return k


def expand_array(t: TExpr, env: dict | None = None) -> Any:
    """An object array of t's shape holding scalar expressions (see module doc)."""
    import numpy as np

    if not concrete(t.shape):
        raise ShapeError(f"expand: the shape {fmt(t.shape)} is symbolic; give numbers")
    memo: dict[int, Any] = {}

    def A(x: Any) -> Any:
        if isinstance(x, np.ndarray):
            return x
        if isinstance(x, list):
            arr = np.empty(len(x), dtype=object)
            arr[:] = x
            return arr
        out = np.empty((), dtype=object)
        out[()] = x
        return out

    for n in walk(t):
        op = n.op
        v = [memo[id(a)] for a in n.args]
        if not concrete(n.shape):
            raise ShapeError(f"expand: the shape {fmt(n.shape)} is symbolic")
        if op == "sym":
            r = (env or {}).get(n)
            r = entry_symbols(n) if r is None else A(r)
        elif op == "const":
            r = A(n.data)
        elif op == "zero":
            r = np.full(n.shape, 0, dtype=object)
        elif op == "ones":
            r = np.full(n.shape, 1, dtype=object)
        elif op == "eye":
            r = np.eye(n.shape[0], dtype=int).astype(object)
        elif op == "commutation":
            r = _commutation(*n.data)
        elif op == "add":
            r = 0
            for x, c in zip(v, n.data):
                r = r + c * x
            r = A(r) + np.full(n.shape, 0, dtype=object)
        elif op == "mul":
            coef, exps = n.data
            r = A(coef)
            for x, e in zip(v, exps):
                r = r * (x ** e)
            r = A(r) * np.full(n.shape, 1, dtype=object)
        elif op == "func":
            r = A(np.vectorize(n.data, otypes=[object])(v[0]))
        elif op == "matmul":
            r = v[0]
            for x in v[1:]:
                r = A(np.dot(r, x))
        elif op == "T":
            r = v[0].T
        elif op == "sum":
            r = A(v[0].sum(axis=n.data))
        elif op == "trace":
            r = A(sum(v[0][i, i] for i in range(v[0].shape[0])))
        elif op == "det":
            r = A(_det(v[0]))
        elif op == "logdet":
            r = A(log(_det(v[0])))
        elif op == "inv":
            r = _inv(v[0])
        elif op in ("diag", "diagpart"):
            r = A(np.diag(v[0]))
            if op == "diag":
                r[r == 0] = 0
        elif op == "norm":
            r = A(sqrt(sum(x * x for x in v[0].flat)) if n.data == 2
                  else sum(Abs(x) for x in v[0].flat))
        elif op in ("softmax", "log_softmax", "logsumexp"):
            rows = []
            for z in (v[0] if v[0].ndim == 2 else [v[0]]):
                es = [exp(x) for x in z]
                s = sum(es)
                if op == "softmax":
                    rows.append(A([e / s for e in es]))
                elif op == "log_softmax":
                    rows.append(A([x - log(s) for x in z]))
                else:
                    rows.append(A(log(s)))
            r = rows[0] if v[0].ndim == 1 else np.stack(rows) if op != "logsumexp" \
                else A([x[()] for x in rows])
        elif op == "outer":
            r = A(np.multiply.outer(v[0], v[1]))
        elif op == "kron":
            a, b = v
            if a.ndim == 1 and b.ndim == 2:
                a = a.reshape(1, -1)
            r = A(np.kron(a, b))
        elif op == "vec":
            r = v[0].reshape(-1, order="F")
        elif op == "permute":
            r = np.transpose(v[0], n.data)
        elif op == "contract":
            r = A(np.tensordot(v[0], v[1], axes=(list(n.data[0]), list(n.data[1]))))
        else:  # pragma: no cover
            raise ShapeError(f"expand: no rule for {op}")
        r = A(r)
        if r.shape != n.shape:  # pragma: no cover - a rule above is wrong
            raise ShapeError(f"expand: {op} gave shape {r.shape}, expected {n.shape}")
        memo[id(n)] = r
    return memo[id(t)]


def expand_matrix(t: TExpr, env: dict | None = None) -> Any:
    """A 2-D result as a :class:`Matrix` (a vector as a column); a scalar as an Expr."""
    a = expand_array(t, env)
    if a.ndim == 0:
        return a[()]
    if a.ndim == 1:
        return Matrix([[x] for x in a])
    if a.ndim == 2:
        return Matrix(a.tolist())
    return a
