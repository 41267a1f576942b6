"""Compiling shaped expressions to straight-line NumPy: matrix products go to BLAS
(``@``, ``np.linalg.multi_dot`` for chains, which picks the cheapest order; diag(d) in
a product becomes a row or column scaling), softmax, log-softmax and logsumexp run in
their max-shifted stable forms, and every shared subexpression is computed once
(the DAG is hash-consed), also across a value and its gradients.

>>> import numpy as np
>>> import symcalc as sc
>>> X = sc.MatrixSymbol("X", "n", 3); w = sc.VectorSymbol("w", 3)
>>> f = compile_shaped(sc.norm(X @ w)**2, [X, w])
>>> float(f(np.eye(3), np.array([1.0, 2.0, 2.0])))
9.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..core import ONE, Expr, Symbol
from ..errors import ShapeError
from .expr import TExpr, _mul_node, scale, walk
from .shape import same

#: elementwise functions: registry name -> NumPy expression template
_UFUNC = {
    "exp": "np.exp({})", "log": "np.log({})", "sqrt": "np.sqrt({})", "sin": "np.sin({})",
    "cos": "np.cos({})", "tan": "np.tan({})", "tanh": "np.tanh({})", "sinh": "np.sinh({})",
    "cosh": "np.cosh({})", "asin": "np.arcsin({})", "acos": "np.arccos({})",
    "atan": "np.arctan({})", "asinh": "np.arcsinh({})", "acosh": "np.arccosh({})",
    "atanh": "np.arctanh({})", "abs": "np.abs({})", "sign": "np.sign({})",
    "sigmoid": "_sigmoid({})", "softplus": "np.logaddexp(0.0, {})", "relu": "np.maximum({}, 0.0)",
    "expm1": "np.expm1({})", "log1p": "np.log1p({})", "cbrt": "np.cbrt({})",
    "heaviside": "np.heaviside({}, 0.0)",
}


#: the elementwise functions that can write into their argument's array
_UFUNC_OUT = {name: (f"{tpl[:-3]}{{x}}, out={{x}})" if tpl.endswith("({})") else None)
              for name, tpl in _UFUNC.items() if tpl.startswith("np.") and "{}" in tpl}
_UFUNC_OUT = {k: v for k, v in _UFUNC_OUT.items() if v is not None}
_UFUNC_OUT.update({"softplus": "np.logaddexp(0.0, {x}, out={x})",
                   "relu": "np.maximum({x}, 0.0, out={x})"})
_UFUNC_OUT.pop("heaviside", None)
#: products whose code allocates a new array
_FRESH_PRODUCTS = ("@", "multi_dot(", "_syrk(", "_gram(")

_F64: Any = None  # numpy's float64 dtype, set on first compile
_ELEMENTWISE = frozenset({"add", "mul", "func"})


def _sigmoid(u: Any) -> Any:
    import numpy as np

    e = np.exp(-np.abs(u))  # never overflows
    return np.where(u >= 0, 1.0, e) / (1.0 + e)


def _softmax(z: Any) -> Any:
    import numpy as np

    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _log_softmax(z: Any) -> Any:
    import numpy as np

    s = z - z.max(axis=-1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))


def _logsumexp(z: Any) -> Any:
    import numpy as np

    m = z.max(axis=-1)
    return m + np.log(np.exp(z - m[..., None]).sum(axis=-1))


def _dsigmoid(u: Any) -> Any:
    """σ(u) σ(-u) = e/(1 + e)² with e = exp(-|u|): one exp, no cancellation."""
    import numpy as np

    e = np.exp(-np.abs(u))
    d = 1.0 + e
    np.square(d, out=d)
    return np.divide(e, d, out=e)


def _gram(a: Any, d: Any) -> Any:
    """Aᵀ diag(d) A: with d ≥ 0 it is BᵀB for B = diag(√d) A, a symmetric rank-k
    update (half the work of a general product)."""
    import numpy as np

    if np.all(d >= 0):
        return _syrk(a, d)
    return (a.T * d) @ a


def _syrk(a: Any, d: Any) -> Any:
    """Aᵀ diag(d) A for d ≥ 0 (known): B = diag(√d) A, then BᵀB, which NumPy's matmul
    sends to BLAS syrk (the same buffer, transposed) and mirrors to the full matrix."""
    import numpy as np

    s = np.sqrt(d)
    b = np.multiply(a, s[:, None] if a.ndim == 2 else s)
    return b.T @ b


def nonneg(t: TExpr) -> bool:
    """A sufficient, structural test that every entry of t is ≥ 0 (False: unknown)."""
    op = t.op
    if op in ("ones", "zero", "eye"):
        return True
    if op == "const":
        return t.data.is_Number and t.data.value >= 0
    if op == "func":
        return t.data.name in _NONNEG_FUNCS or (t.data.name == "sqrt")
    if op == "softmax":
        return True
    if op == "mul":
        coef, exps = t.data
        return (coef.is_Number and coef.value >= 0) and all(
            (e.is_Number and e.value == int(e.value) and int(e.value) % 2 == 0)
            or nonneg(b) for b, e in zip(t.args, exps))
    if op == "add":
        return all(c.is_Number and c.value >= 0 and nonneg(a) for a, c in zip(t.args, t.data))
    if op in ("diag", "diagpart", "T", "outer", "kron", "vec"):
        return all(nonneg(a) for a in t.args)
    if op == "norm":
        return True
    return False


#: functions whose values are never negative (where defined)
_NONNEG_FUNCS = frozenset({"exp", "sigmoid", "softplus", "abs", "relu", "cosh", "sqrt",
                           "heaviside"})


def _commutation(m: int, n: int) -> Any:
    import numpy as np

    k = np.zeros((m * n, m * n))
    for i in range(m):
        for j in range(n):
            k[i * n + j, j * m + i] = 1.0
    return k


def _float(c: Expr) -> str:
    v = c.evalf()
    if isinstance(v, complex):
        raise ShapeError(f"compile: the constant {c} is not real")
    return repr(float(v))


class _Gen:
    def __init__(self, scalars: dict[Symbol, str]) -> None:
        self.lines: list[str] = []
        self.names: dict[int, str] = {}
        self.scalars = scalars
        self.extra: dict[str, Any] = {}
        self.log_softmax: dict[int, str] = {}  # argument -> the name of its log_softmax
        self.k = 0

    def dim(self, d: Any) -> str:
        if isinstance(d, int):
            return str(d)
        from ..printing.str import sstr

        return sstr(d).replace("^", "**")

    def shape(self, t: TExpr) -> str:
        return "(" + "".join(self.dim(d) + ", " for d in t.shape) + ")"

    def const(self, c: Expr) -> str:
        if not c.free_symbols:
            return _float(c)
        missing = [s for s in c.free_symbols if s not in self.scalars]
        if missing and not all(s in self.dimsyms for s in missing):
            raise ShapeError(f"compile: the scalar symbols {missing} are not among the "
                             "variables")
        code = self._scalar_code(c)
        if code is not None:
            return code
        name = f"_c{len(self.extra)}"
        from ..compile.api import compile as scompile

        syms = sorted(c.free_symbols, key=lambda s: s.name)
        self.extra[name] = scompile(c, syms)
        return f"{name}({', '.join(self.scalars.get(s, s.name) for s in syms)})"

    def _scalar_code(self, c: Expr) -> str | None:
        """Python arithmetic for a scalar coefficient such as 2*lam (None: not simple)."""
        if c.is_Number:
            return _float(c)
        if c.is_Symbol:
            return self.scalars.get(c) or (c.name if c in self.dimsyms else None)
        parts = [self._scalar_code(a) for a in c.args]
        if any(p is None for p in parts):
            return None
        if c.is_Add:
            return "(" + " + ".join(parts) + ")"
        if c.is_Mul:
            return "(" + " * ".join(parts) + ")"
        if c.is_Pow:
            return f"({parts[0]} ** {parts[1]})"
        if c.is_Function and len(parts) == 1 and c.fdef.name in _UFUNC:
            return _UFUNC[c.fdef.name].format(parts[0])
        return None

    def emit(self, n: TExpr, code: str) -> None:
        name = f"t{self.k}"
        self.k += 1
        self.lines.append(f"    {name} = {code}")
        self.names[id(n)] = name
        if n.op == "log_softmax":
            self.log_softmax[id(n.args[0])] = name

    batched: frozenset = frozenset()

    def expr(self, n: TExpr) -> str:
        if id(n) in self.batched:
            return self.bexpr(n)
        op = n.op
        a = [self.names[id(x)] for x in n.args]
        if op == "const":
            return self.const(n.data)
        if op == "zero":
            return "0.0" if not n.shape else f"np.zeros({self.shape(n)})"
        if op == "ones":
            return f"np.ones({self.shape(n)})"
        if op == "eye":
            return f"np.eye({self.dim(n.shape[0])})"
        if op == "commutation":
            return f"_commutation({self.dim(n.data[0])}, {self.dim(n.data[1])})"
        if op == "add":
            pos, neg = [], []
            for x, c, t in zip(a, n.data, n.args):
                if t.op == "const":
                    pos.append(self.const(c * t.data))
                elif c.is_Number and c.value == 1:
                    pos.append(x)
                elif c.is_Number and c.value == -1:
                    neg.append(x)
                else:
                    pos.append(f"{self.const(c)}*{x}")
            s = " + ".join(pos) if pos else f"-{neg.pop(0)}"
            return s + "".join(f" - {x}" for x in neg)
        if op == "mul":
            coef, exps = n.data
            a, exps = self._sigmoid_pairs(n, a, list(exps))
            num, den = [], []
            for x, e in zip(a, exps):
                if e.is_Number and e.value < 0:
                    den.append(self._pow(x, -e))
                else:
                    num.append(self._pow(x, e))
            s = "*".join(num) if num else "1.0"
            if not (coef.is_Number and coef.value == 1):
                s = f"{self.const(coef)}*{s}"
            if den:
                s = f"{s}/({'*'.join(den)})"
            return s
        if op == "func":
            tpl = _UFUNC.get(n.data.name)
            if tpl is None:
                name = f"_f_{n.data.name}"
                if name not in self.extra:
                    from ..compile.api import compile as scompile

                    u = Symbol("u")
                    self.extra[name] = scompile(n.data(u), [u])
                return f"{name}({a[0]})"
            return tpl.format(a[0])
        if op == "matmul":
            return self._matmul(n)
        if op == "softmax" and id(n.args[0]) in self.log_softmax:
            return f"np.exp({self.log_softmax[id(n.args[0])]})"  # shares the max and sum
        x = a[0] if a else ""
        simple = {
            "T": f"{x}.T", "trace": f"np.trace({x})", "det": f"np.linalg.det({x})",
            "logdet": f"np.linalg.slogdet({x})[1]", "inv": f"np.linalg.inv({x})",
            "diag": f"np.diag({x})", "diagpart": f"np.diagonal({x})",
            "softmax": f"_softmax({x})", "log_softmax": f"_log_softmax({x})",
            "logsumexp": f"_logsumexp({x})", "vec": f"{x}.reshape(-1, order='F')",
        }
        if op in simple:
            return simple[op]
        if op == "sum":
            return f"np.sum({x})" if n.data is None else f"{x}.sum(axis={n.data})"
        if op == "norm":
            return f"np.sqrt(np.vdot({x}, {x}))" if n.data == 2 else f"np.abs({x}).sum()"
        if op == "outer":
            u, v = n.args
            if u.op == "ones":  # 𝟏bᵀ: b repeated down the rows, a broadcast view
                return f"np.broadcast_to({a[1]}, {self.shape(n)})"
            if v.op == "ones":
                return f"np.broadcast_to({a[0]}[:, None], {self.shape(n)})"
            return f"np.outer({a[0]}, {a[1]})"

        if op == "kron":
            return f"np.kron({a[0]}, {a[1]})"
        if op == "permute":
            return f"np.transpose({x}, {n.data})"
        if op == "contract":  # BLAS: tensordot reshapes to one matrix product
            return f"np.tensordot({a[0]}, {a[1]}, axes=({list(n.data[0])}, {list(n.data[1])}))"
        raise ShapeError(f"compile: no NumPy form for {op}")

    # ---- a leading batch axis: values that depend on a batched input carry one more
    # axis in front; operations act on the trailing axes (the expression's own shape)

    def _lift(self, x: TExpr, rank: int) -> str:
        """x's code, with axes added after the batch axis if a batched scalar meets a
        higher-rank operand."""
        code = self.names[id(x)]
        if id(x) in self.batched and x.ndim < rank:
            return f"{code}[(...,) + (None,) * {rank - x.ndim}]"
        return code

    def bexpr(self, n: TExpr) -> str:
        op = n.op
        r = n.ndim
        a = [self.names[id(x)] for x in n.args]
        if op in ("add", "mul", "func"):
            saved = dict(self.names)
            for x in n.args:
                self.names[id(x)] = self._lift(x, r)
            try:
                self.batched, keep = frozenset(), self.batched
                return self.expr(n)
            finally:
                self.batched = keep
                self.names = saved
        x = a[0] if a else ""
        src = n.args[0] if n.args else None
        if op == "matmul":
            return self._bmatmul(n)
        if op == "T":
            return f"np.swapaxes({x}, -1, -2)"
        if op == "sum":
            if n.data is None:
                k = src.ndim
                return f"np.sum({x}, axis={tuple(range(-k, 0))})"
            return f"{x}.sum(axis={n.data - src.ndim})"
        if op == "trace":
            return f"np.trace({x}, axis1=-2, axis2=-1)"
        if op in ("det", "inv"):
            return f"np.linalg.{op}({x})"
        if op == "logdet":
            return f"np.linalg.slogdet({x})[1]"
        if op == "diag":
            return f"{x}[..., :, None] * np.eye({self.dim(n.shape[0])})"
        if op == "diagpart":
            return f"np.diagonal({x}, axis1=-2, axis2=-1)"
        if op == "norm":
            k = tuple(range(-src.ndim, 0))
            return (f"np.sqrt(np.sum({x} * {x}, axis={k}))" if n.data == 2
                    else f"np.sum(np.abs({x}), axis={k})")
        if op in ("softmax", "log_softmax", "logsumexp"):
            return f"_{op}({x})"
        if op == "outer":
            return f"{self._lift(n.args[0], 1)}[..., :, None] * {a[1]}[..., None, :]"
        raise ShapeError(f"compile: {op} with a batch axis is not supported")

    def _bmatmul(self, n: TExpr) -> str:
        fs = list(n.args)
        code = self.names[id(fs[0])]
        nd = fs[0].ndim  # trailing rank of the running product (a vector first is a row)
        bat = id(fs[0]) in self.batched  # whether the running product has a batch axis
        for f in fs[1:]:
            b = self.names[id(f)]
            fb = id(f) in self.batched
            if f.op == "diag" and not fb:
                b = f"np.diag({self.names[id(f.args[0])]})"
            if nd == 2 and f.ndim == 2:
                code = f"np.matmul({code}, {b})"
            elif nd == 2:  # matrix times a column vector: one GEMM over the batch
                code = (f"({b} @ {code}.T)" if not bat else
                        f"np.matmul({code}, {b}[..., None])[..., 0]" if fb else
                        f"np.matmul({code}, {b})")
            elif f.ndim == 2:  # a row vector times a matrix
                code = (f"np.matmul({code}[..., None, :], {b})[..., 0, :]" if bat and fb
                        else f"np.matmul({code}, {b})")
            else:  # a dot product
                code = f"np.sum({code} * {b}, axis=-1)"
            nd = nd + f.ndim - 2
            bat = bat or fb
        return code

    def in_place(self, n: TExpr, spare: Any) -> str | None:
        """Statements computing n into the array of an operand that nothing else reads
        (None: no such operand)."""
        op = n.op
        if op == "func":
            x = n.args[0]
            tpl = _UFUNC_OUT.get(n.data.name)
            if tpl is None or not spare(x, n):
                return None
            name = self.names[id(x)]
            return tpl.format(x=name)
        if op == "add":
            items = list(zip(n.args, n.data))
            k = next((i for i, (t, _) in enumerate(items) if spare(t, n)), None)
            if k is None:
                return None
            t, c = items.pop(k)
            x = self.names[id(t)]
            stmts = []
            if not (c.is_Number and c.value == 1):
                j = next((i for i, (u, cu) in enumerate(items) if u.op == "const"
                          or cu.is_Number and cu.value == 1), None)
                if c.is_Number and c.value == -1 and j is not None:
                    u, cu = items.pop(j)  # the minuend: d - x
                    d = self.const(cu * u.data) if u.op == "const" else self.names[id(u)]
                    stmts.append(f"np.subtract({d}, {x}, out={x})")
                elif c.is_Number and c.value == -1:
                    stmts.append(f"np.negative({x}, out={x})")
                else:
                    stmts.append(f"np.multiply({x}, {self.const(c)}, out={x})")
            for u, cu in items:
                if u.op == "const":
                    stmts.append(f"np.add({x}, {self.const(cu * u.data)}, out={x})")
                elif cu.is_Number and cu.value == 1:
                    stmts.append(f"np.add({x}, {self.names[id(u)]}, out={x})")
                elif cu.is_Number and cu.value == -1:
                    stmts.append(f"np.subtract({x}, {self.names[id(u)]}, out={x})")
                else:
                    stmts.append(f"np.add({x}, {self.const(cu)}*{self.names[id(u)]}, out={x})")
            return "; ".join(stmts) if stmts else x
        if op == "mul":
            coef, exps = n.data
            if sum(1 for t in n.args if t.op == "func" and t.data.name == "sigmoid") > 1:
                return None  # σ(u)σ(-u) has its own one-pass form
            k = next((i for i, (t, e) in enumerate(zip(n.args, exps))
                      if e is ONE and spare(t, n)), None)
            if k is None:
                return None
            t = n.args[k]
            x = self.names[id(t)]
            rest = {b: e for i, (b, e) in enumerate(zip(n.args, exps)) if i != k}
            rshape = n.shape if any(b.shape for b in rest) else ()
            r = _mul_node(coef, rest, rshape)
            if r.op == "const" and r.data.is_Number and r.data.value == -1:
                return f"np.negative({x}, out={x})"
            code = self.names.get(id(r)) or self.expr(r)
            return f"np.multiply({x}, {code}, out={x})"
        return None

    def _sigmoid_pairs(self, n: TExpr, a: list[str], exps: list[Expr]
                       ) -> tuple[list[str], list[Expr]]:
        """σ(u)ᵏ ⊙ σ(-u)ᵏ (the derivative of σ, to a power) is _dsigmoid(u)ᵏ: one exp."""
        sig = [i for i, t in enumerate(n.args) if t.op == "func" and t.data.name == "sigmoid"]
        if len(sig) < 2:
            return a, exps
        a = list(a)
        done: set[int] = set()
        for i in sig:
            for j in sig:
                if i in done or j in done or i == j or exps[i] != exps[j]:
                    continue
                u = n.args[i].args[0]
                if scale(-1, u) is n.args[j].args[0]:
                    a[i] = f"_dsigmoid({self.names[id(u)]})"
                    done.add(j)
        keep = [k for k in range(len(a)) if k not in done]
        return [a[k] for k in keep], [exps[k] for k in keep]

    def _pow(self, x: str, e: Expr) -> str:
        if e.is_Number:
            v = e.value
            if v == 1:
                return x
            if v == 2:
                return f"np.square({x})"
            if v == 0.5 and not isinstance(v, int):
                return f"np.sqrt({x})"
            if v == int(v):
                return f"{x}**{int(v)}"
        return f"{x}**{self.const(e)}"

    def _matmul(self, n: TExpr) -> str:
        fs = n.args
        if len(fs) == 3 and fs[1].op == "diag" and fs[0].op == "T" and fs[0].args[0] is fs[2]:
            # Aᵀ diag(d) A: one symmetric product (BLAS syrk) when d ≥ 0, which is
            # proven from the structure of d or else tested at run time
            fn = "_syrk" if nonneg(fs[1].args[0]) else "_gram"
            return f"{fn}({self.names[id(fs[2])]}, {self.names[id(fs[1].args[0])]})"
        if len(fs) == 2 and fs[0].op == "T" and fs[0].args[0] is fs[1] and fs[1].ndim == 2:
            return f"{self.names[id(fs[1])]}.T @ {self.names[id(fs[1])]}"  # syrk
        # diag(d) factors scale rows or columns of their neighbours: X.T diag(d) X is
        # (X.T * d) @ X, one matrix product
        merged: list[str] = []
        pending: str | None = None
        for f in n.args:
            if f.op == "diag":
                d = self.names[id(f.args[0])]
                if merged:
                    merged[-1] = f"({merged[-1]} * {d})"
                else:
                    pending = d if pending is None else f"({pending} * {d})"
                continue
            code = self.names[id(f)]
            if pending is not None:
                code = f"({pending}[:, None] * {code})" if f.ndim == 2 else f"({pending} * {code})"
                pending = None
            merged.append(code)
        if pending is not None:  # a product of diagonals only
            return f"np.diag({pending})"
        if len(merged) == 1:
            return merged[0]
        if len(merged) == 2:
            return f"{merged[0]} @ {merged[1]}"
        return f"np.linalg.multi_dot([{', '.join(merged)}])"

    dimsyms: frozenset = frozenset()


class ShapedFunction:
    """A compiled shaped expression: call with NumPy arrays of the variables' shapes."""

    def __init__(self, outputs: Sequence[TExpr], vars: Sequence[Any], kind: str,
                 batch: Sequence[Any] = (), reduce: bool = False) -> None:
        import numpy as np

        global _F64
        _F64 = np.dtype(np.float64)
        self.vars = list(vars)
        self.batch = {id(b) for b in batch}
        # what __reduce__ ships: the function is rebuilt from its expressions elsewhere
        self._recipe = (list(outputs), list(vars), kind, list(batch), reduce)
        for b in batch:
            if not any(b is v for v in self.vars):
                raise ShapeError(f"compile: the batched symbol {b} is not among the variables")
        self.kind = kind
        self.outputs = list(outputs)
        scalars = {v: f"a{i}" for i, v in enumerate(self.vars) if isinstance(v, Expr)}
        g = _Gen(scalars)
        params = [f"a{i}" for i in range(len(self.vars))]
        # symbolic dimensions are read off the arguments
        dimsyms: dict[Any, str] = {}
        for i, v in enumerate(self.vars):
            if isinstance(v, TExpr):
                off = 1 if id(v) in self.batch else 0
                for k, d in enumerate(v.shape):
                    if not isinstance(d, int) and d.is_Symbol and d not in dimsyms:
                        dimsyms[d] = f"a{i}.shape[{k + off}]"
        g.dimsyms = frozenset(dimsyms)
        for d, code in sorted(dimsyms.items(), key=lambda kv: kv[0].name):
            g.lines.append(f"    {d.name} = {code}")
        for i, v in enumerate(self.vars):
            if isinstance(v, TExpr):
                g.names[id(v)] = f"a{i}"
        order: list[TExpr] = []
        seen: set[int] = set()
        for o in outputs:
            for n in walk(o):
                if id(n) not in seen:
                    seen.add(id(n))
                    order.append(n)
        batched: set[int] = set(self.batch)
        for n in order:
            if any(id(a) in batched for a in n.args):
                batched.add(id(n))
        g.batched = frozenset(batched)
        # an elementwise node used once, by another elementwise node, is written inside
        # its user's expression: fewer statements, and NumPy reuses the temporaries
        uses: dict[int, list[TExpr]] = {}
        for n in order:
            for a in n.args:
                uses.setdefault(id(a), []).append(n)
        outputs_ids = {id(o) for o in outputs}
        # Without a batch axis, array-valued elementwise steps are statements that
        # work in place on a temporary that nothing else reads (out=): fewer arrays
        # allocated per call, and no pages handed back to the OS and faulted in again.
        in_place = not batched
        inline = {id(n) for n in order
                  if n.op in _ELEMENTWISE and id(n) not in outputs_ids
                  and len(uses.get(id(n), ())) == 1 and uses[id(n)][0].op in _ELEMENTWISE
                  and uses[id(n)][0].args.count(n) == 1 and not (in_place and n.shape)}
        fresh: set[int] = set()  # emitted arrays allocated by this function

        def spare(x: TExpr, n: TExpr) -> bool:
            """x's array may be overwritten by n: fresh, read by n alone, not returned."""
            return (id(x) in fresh and id(x) not in outputs_ids and same(x.shape, n.shape)
                    and len(uses.get(id(x), ())) == 1)

        for n in order:
            if id(n) in g.names:
                continue
            if id(n) in inline:
                g.names[id(n)] = f"({g.expr(n)})"
                continue
            if n.op == "sym":
                raise ShapeError(f"compile: the expression has the symbol {n.data[0]}, "
                                 "which is not among the variables")
            if n.op == "diag" and all(_only_in_products(n, order)) and not batched:
                g.names[id(n)] = g.names[id(n.args[0])]  # used through scaling only
                continue
            code = g.in_place(n, spare) if in_place and n.shape else None
            if code is None:
                code = g.expr(n)
            g.emit(n, code)
            if n.shape and (n.op in ("add", "mul") or n.op == "func" and n.data.name in _UFUNC
                            or n.op == "matmul" and any(k in code for k in _FRESH_PRODUCTS)):
                fresh.add(id(n))
        outs = [g.names[id(o)] for o in outputs]
        if reduce:  # the loss of a batch is the sum of the examples' losses
            outs = [_batch_sum(o, c, g, batched) for c, o in zip(outs, outputs)]
        ret = outs[0] if kind == "one" else "(" + ", ".join(outs) + ("," if len(outs) == 1
                                                                    else "") + ")"
        if kind == "grad":
            ret = f"({outs[0]}, [{', '.join(outs[1:])}])"
        src = f"def _f({', '.join(params)}):\n" + "\n".join(_live(g.lines, ret)) + \
            f"\n    return {ret}\n"
        self.source = src
        ns: dict[str, Any] = {"np": np, "_sigmoid": _sigmoid, "_softmax": _softmax,
                              "_log_softmax": _log_softmax, "_logsumexp": _logsumexp,
                              "_commutation": _commutation, "_gram": _gram, "_syrk": _syrk,
                              "_dsigmoid": _dsigmoid, "math": math, **g.extra}
        exec(compile(src, "<symcalc.tensor>", "exec"), ns)  # noqa: S102 - our own source
        self._f = ns["_f"]

    def __reduce__(self) -> tuple:
        # generated code does not pickle; the expressions do, and compile again there
        return (ShapedFunction, self._recipe)

    def __repr__(self) -> str:
        outs = ", ".join(map(str, self.outputs))
        return f"<ShapedFunction {self.kind} ({outs}) of ({', '.join(map(str, self.vars))})>"

    def __call__(self, *args: Any) -> Any:
        import numpy as np

        if len(args) != len(self.vars):
            names = ", ".join(map(str, self.vars))
            raise TypeError(f"expected {len(self.vars)} arguments ({names}), got {len(args)}")
        conv = []
        f64 = _F64
        for v, x in zip(self.vars, args):
            if type(x) is not np.ndarray or x.dtype is not f64:
                x = np.asarray(x, dtype=float)
            want = v.ndim + (id(v) in self.batch) if isinstance(v, TExpr) else None
            if want is not None and x.ndim != want:
                raise ShapeError(f"argument for {v} must have {want} axes (shape "
                                 f"{v.shape}{', after a batch axis' if want > v.ndim else ''})"
                                 f", got shape {x.shape}")
            conv.append(x)
        return self._f(*conv)


def _batch_sum(o: TExpr, code: str, g: _Gen, batched: set[int]) -> str:
    """Σ over the batch axis; Σ_b a_b x_bᵀ is one matrix product Aᵀ X."""
    if id(o) not in batched:
        return code
    if o.op == "outer":
        u, v = (g.names[id(a)] for a in o.args)
        ub, vb = (id(a) in batched for a in o.args)
        if ub and vb and o.args[0].ndim == 1:
            return f"({u}.T @ {v})"
        if ub:
            return f"np.outer(np.sum({u}, axis=0), {v})"
        return f"np.outer({u}, np.sum({v}, axis=0))"
    return f"np.sum({code}, axis=0)"


def _live(lines: list[str], ret: str) -> list[str]:
    """The lines whose results are used (a broadcast 𝟏 or a diagonal read through
    scaling leaves its operand unused)."""
    import re

    word = re.compile(r"[A-Za-z_]\w*")
    used = set(word.findall(ret))
    out = []
    for line in reversed(lines):
        target, _, expr = line.strip().partition(" = ")
        if target in used:
            out.append(line)
            used.update(word.findall(expr))
    return out[::-1]


def _only_in_products(n: TExpr, order: list[TExpr]) -> list[bool]:
    return [p.op == "matmul" for p in order if any(a is n for a in p.args)] or [False]


def compile_shaped(e: Any, vars: Sequence[Any], *, batch: Sequence[Any] = ()
                   ) -> ShapedFunction:
    """A NumPy function of ``vars`` (shaped symbols, scalar symbols) computing ``e``
    (one expression, or a list -> a tuple of arrays). The symbols in ``batch`` take
    arrays with a leading batch axis; results that depend on them have one too."""
    if isinstance(e, (list, tuple)):
        return ShapedFunction(list(e), vars, "tuple", batch)
    return ShapedFunction([e], vars, "one", batch)


def value_and_grad_shaped(L: Any, vars: Sequence[Any], *, data: Sequence[Any] = (),
                          batch: Sequence[Any] = (), assume: dict | None = None
                          ) -> ShapedFunction:
    """``f(*vars, *data) -> (L, [∂L/∂v for v in vars])``, the gradients in the
    variables' shapes, computed from the symbolic matrix-calculus gradient with the
    forward values shared; ``data`` are further arguments (inputs, targets) that get
    no gradient. With ``batch`` (data symbols whose arrays have a leading batch axis),
    L is a per-example loss: the function returns the sum over the batch and its
    gradients."""
    from .calculus import gradient

    gs = gradient(L, list(vars), assume=assume)
    for b in batch:
        if any(b is v for v in vars):
            raise ShapeError(f"value_and_grad: the parameter {b} cannot be batched")
    return ShapedFunction([L, *gs], [*vars, *data], "grad", batch, reduce=bool(batch))
