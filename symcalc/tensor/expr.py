"""Shaped expressions: the node class, interning, and the canonical constructors.

A :class:`TExpr` is one immutable, interned node ``(op, args, data, shape)``: equal
expressions are the same object, as in ``core``. ``op`` names the operation, ``args``
are shaped children, ``data`` holds what is not a child (a name, the coefficients of a
sum, the function of an elementwise map, an axis). Scalar expressions of ``core`` enter
as coefficients (constants with respect to every shaped symbol) and as ``const`` leaves.

Constructors canonicalize (the rules that always hold): sums and elementwise products
are flat, with core-Expr coefficients and exponents and a deterministic order; numbers
and zeros fold; identities vanish (I·A, 1⊙A, Aᵀᵀ); scalar factors move out of matrix
products, sums and traces; transposes move through products ((AB)ᵀ = BᵀAᵀ) but stop at
elementwise expressions, which stay shared nodes.

>>> from symcalc.tensor import MatrixSymbol, VectorSymbol
>>> X = MatrixSymbol("X", 5, 3); w = VectorSymbol("w", 3)
>>> (X @ w).shape, (X.T @ X).shape
((5,), (3, 3))
>>> (2 * X @ w).T
2*X@w
"""

from __future__ import annotations

import weakref
from typing import Any

from ..core import ONE, ZERO, Expr, FunctionDef, as_expr, number
from ..errors import ShapeError
from .shape import Shape, broadcast, dim, fmt, same, shape_of, size

_table: dict[tuple, weakref.ref] = {}

#: order of ops in canonical sums and products (leaves first)
_RANK = {op: i for i, op in enumerate((
    "const", "sym", "eye", "ones", "zero", "commutation", "T", "matmul", "mul", "add", "func",
    "sum", "trace", "det", "logdet", "inv", "diag", "diagpart", "norm", "softmax",
    "log_softmax", "logsumexp", "outer", "kron", "vec", "permute", "contract"))}


#: in a printed sum, compound terms come first, then symbols, then constants
_ADD_LAST = {"sym": 1, "eye": 1, "ones": 1, "T": 1, "const": 2}


class TExpr:
    """A shaped expression (vector, matrix, tensor, or a shape-() scalar built from them).

    Immutable and interned; ``shape`` is a tuple of ints and scalar symbols. Operators
    follow NumPy: ``@`` matrix product, ``* / ** + -`` elementwise with scalars
    broadcast, ``.T`` transpose.
    """

    __slots__ = ("op", "args", "data", "shape", "_skey", "__weakref__")
    is_shaped = True
    __array_priority__ = 1000  # NumPy defers to our operators

    op: str
    args: tuple
    data: Any
    shape: Shape

    # ---- structure

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def sort_key(self) -> tuple:
        k = self._skey
        if k is None:
            k = self._skey = _sort_key(self)
        return k

    def __repr__(self) -> str:
        from .printing import tstr

        return tstr(self)

    __str__ = __repr__

    def _repr_latex_(self) -> str:
        from .printing import tlatex

        return f"$\\displaystyle {tlatex(self)}$"

    def __bool__(self) -> bool:
        raise TypeError(f"the truth value of the shaped expression {self} is not defined")

    def __reduce__(self):
        return (_rebuild_pickled, (self.op, self.args, self.data, self.shape))

    # ---- operators (NumPy semantics)

    def __add__(self, o: Any) -> TExpr:
        return add(self, o)

    def __radd__(self, o: Any) -> TExpr:
        return add(o, self)

    def __sub__(self, o: Any) -> TExpr:
        return add(self, scale(-1, to_t(o)))

    def __rsub__(self, o: Any) -> TExpr:
        return add(o, scale(-1, self))

    def __mul__(self, o: Any) -> TExpr:
        return hadamard(self, o)

    def __rmul__(self, o: Any) -> TExpr:
        return hadamard(o, self)

    def __truediv__(self, o: Any) -> TExpr:
        return hadamard(self, power(to_t(o), -1))

    def __rtruediv__(self, o: Any) -> TExpr:
        return hadamard(o, power(self, -1))

    def __pow__(self, o: Any) -> TExpr:
        return power(self, o)

    def __rpow__(self, o: Any) -> TExpr:
        from ..core import exp, log

        return func(exp, hadamard(const(log(as_expr(o))), self))

    def __neg__(self) -> TExpr:
        return scale(-1, self)

    def __pos__(self) -> TExpr:
        return self

    def __matmul__(self, o: Any) -> TExpr:
        return matmul(self, to_t(o))

    def __rmatmul__(self, o: Any) -> TExpr:
        return matmul(to_t(o), self)

    def __abs__(self) -> TExpr:
        from ..core import Abs

        return func(Abs, self)

    def __symcalc_apply__(self, f: FunctionDef, args: tuple) -> TExpr:
        if len(args) != 1:
            raise ShapeError(f"{f.name}: only one-argument functions apply elementwise "
                             "to shaped expressions")
        return func(f, self)

    @property
    def T(self) -> TExpr:
        """The transpose (a vector is its own transpose, as in NumPy)."""
        return transpose(self)

    # ---- queries

    @property
    def free_symbols(self) -> frozenset:
        """The shaped symbols this expression depends on."""
        return frozenset(n for n in walk(self) if n.op == "sym")

    def has(self, x: TExpr) -> bool:
        return any(n is x for n in walk(self))

    def subs(self, mapping: dict) -> TExpr:
        """Replace subexpressions (shaped or scalar: ``{sum(y): 1}``) and rebuild."""
        from .simplify import subs

        return subs(self, mapping)

    def doit(self) -> TExpr:
        return self


def _rebuild_pickled(op: str, args: tuple, data: Any, shape: Shape) -> TExpr:
    return BUILD[op](args, data, shape)


def _sort_key(t: TExpr) -> tuple:
    d = t.data
    if t.op == "sym":
        dk: Any = d[0]
    elif isinstance(d, Expr):
        dk = d.sort_key()
    elif isinstance(d, FunctionDef):
        dk = d.name
    elif t.op in ("permute", "contract"):
        dk = str(d)
    elif isinstance(d, tuple):
        dk = tuple(x.sort_key() if isinstance(x, Expr) else
                   tuple(y.sort_key() for y in x) if isinstance(x, tuple) else str(x) for x in d)
    else:
        dk = str(d)
    return (_RANK[t.op], dk, tuple(str(s) for s in t.shape), tuple(a.sort_key() for a in t.args))


def node(op: str, args: tuple, data: Any, shape: Shape) -> TExpr:
    """The interned node (no canonicalization: constructors below call this)."""
    key = (op, args, data, shape)
    ref = _table.get(key)
    if ref is not None:
        o = ref()
        if o is not None:
            return o
    o = object.__new__(TExpr)
    o.op, o.args, o.data, o.shape, o._skey = op, args, data, shape, None
    r = weakref.ref(o, lambda _r, k=key: _table.pop(k, None) if _table.get(k) is _r else None)
    _table[key] = r
    return o


def walk(e: TExpr) -> list[TExpr]:
    """Every node of the DAG once, children before parents."""
    out: list[TExpr] = []
    seen: set[int] = set()
    stack: list[tuple[TExpr, bool]] = [(e, False)]
    while stack:
        n, ready = stack.pop()
        if ready:
            out.append(n)
            continue
        if id(n) in seen:
            continue
        seen.add(id(n))
        stack.append((n, True))
        for a in reversed(n.args):
            if id(a) not in seen:
                stack.append((a, False))
    return out


# --------------------------------------------------------------------------- leaves


def Symbol(name: str, shape: Any, *, symmetric: bool = False,
           values: tuple | None = None) -> TExpr:
    """A shaped symbol. ``symmetric``: a square matrix equal to its transpose;
    ``values=(-1, 1)``: entries are ±1 (so y⊙y = 1), as for labels in logistic regression."""
    shape = shape_of(shape)
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"invalid symbol name {name!r}")
    if symmetric and (len(shape) != 2 or not same(shape[:1], shape[1:])):
        raise ShapeError(f"a symmetric matrix must be square, not {fmt(shape)}")
    if values is not None:
        values = tuple(sorted(int(v) for v in values))
        if values != (-1, 1):
            raise ValueError("values: only (-1, 1) is supported")
    return node("sym", (), (name, bool(symmetric), values), shape)


def MatrixSymbol(name: str, rows: Any, cols: Any, **kw: Any) -> TExpr:
    """A matrix symbol of shape (rows, cols).

    >>> MatrixSymbol("W", 3, "n").shape
    (3, n)
    """
    return Symbol(name, (rows, cols), **kw)


def VectorSymbol(name: str, n: Any, **kw: Any) -> TExpr:
    """A vector symbol of shape (n,) (a column vector in matrix products)."""
    return Symbol(name, (n,), **kw)


def TensorSymbol(name: str, *shape: Any) -> TExpr:
    """A symbol of any order: ``TensorSymbol("T", 2, 3, 4)``."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    return Symbol(name, shape)


def const(c: Any) -> TExpr:
    """A scalar (shape ()) constant: any core expression free of shaped symbols."""
    c = as_expr(c)
    if c is ZERO:
        return node("zero", (), None, ())
    return node("const", (), c, ())


def Zero(*shape: Any) -> TExpr:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    return node("zero", (), None, shape_of(shape))


def Ones(*shape: Any) -> TExpr:
    """The all-ones tensor (``Ones(n)`` is the vector 1)."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    shape = shape_of(shape)
    return const(1) if not shape else node("ones", (), None, shape)


def Identity(n: Any) -> TExpr:
    n = dim(n)
    return node("eye", (), None, (n, n))


def Commutation(m: Any, n: Any) -> TExpr:
    """K_{m,n}: the permutation matrix with K vec(A) = vec(Aᵀ) for A of shape (m, n)."""
    m, n = dim(m), dim(n)
    s = size((m, n))
    return node("commutation", (), (m, n), (s, s))


def to_t(v: Any) -> TExpr:
    """Shaped expressions pass; scalars (numbers, core expressions) become ``const``."""
    if isinstance(v, TExpr):
        return v
    return const(v)


def is_zero(t: TExpr) -> bool:
    return t.op == "zero"


def is_one(t: TExpr) -> bool:
    return t.op == "const" and t.data is ONE


def scalar_value(t: TExpr) -> Expr | None:
    """The core expression of a constant scalar, else None."""
    if t.op == "const":
        return t.data
    if t.op == "zero" and not t.shape:
        return ZERO
    return None


# --------------------------------------------------------------------------- sums


def lift(t: TExpr, shape: Shape) -> TExpr:
    """t broadcast to ``shape`` (NumPy's rule for trailing axes, checked by
    ``broadcast``): scalars stay (they broadcast everywhere); a vector b repeated on
    every row of a matrix is the outer product 𝟏bᵀ, whose adjoint sums over the rows."""
    if not t.shape or len(t.shape) == len(shape):
        return t
    if t.ndim == 1 and len(shape) == 2:
        if t.op == "add":  # 𝟏(b + c)ᵀ = 𝟏bᵀ + 𝟏cᵀ: each term meets the matrix alone
            return add(*(scale(c, lift(r, shape)) for r, c in zip(t.args, t.data)))
        return outer(Ones(shape[0]), t)
    raise ShapeError(f"broadcasting shape {fmt(t.shape)} to {fmt(shape)}: only scalars "
                     "and vectors over the rows of a matrix are supported")


def split(t: TExpr) -> tuple[Expr, TExpr]:
    """t = c * rest with c a core coefficient."""
    if t.op == "const":
        return t.data, const(1)
    if t.op == "mul" and t.data[0] is not ONE:
        return t.data[0], _mul_node(ONE, dict(zip(t.args, t.data[1])), t.shape)
    return ONE, t


def scale(c: Any, t: TExpr) -> TExpr:
    """c * t for a core coefficient c."""
    c = as_expr(c)
    if c is ONE:
        return t
    return hadamard(const(c), t)


def add(*terms: Any) -> TExpr:
    """The elementwise sum (scalars broadcast); like terms combine."""
    acc: dict[TExpr, Expr] = {}
    shape: Shape = ()
    terms = tuple(to_t(t) for t in terms)
    for t in terms:
        shape = broadcast(shape, t.shape, "sum")
    for t in terms:
        t = lift(t, shape)
        if t.op == "add":
            pairs = zip(t.args, t.data)
        elif t.op == "zero":
            continue
        else:
            c, r = split(t)
            pairs = ((r, c),)
        for r, c in pairs:
            old = acc.get(r)
            acc[r] = c if old is None else old + c
    items = sorted(((r, c) for r, c in acc.items() if c is not ZERO),
                   key=lambda rc: (_ADD_LAST.get(rc[0].op, 0), rc[0].sort_key()))
    if not items:
        return Zero(shape)
    if len(items) == 2:
        u = _one_minus_sigmoid(items)
        if u is not None:
            return u
    if len(items) == 1:
        r, c = items[0]
        out = r if c is ONE else hadamard(const(c), r)
        if not same(out.shape, shape):
            out = hadamard(out, Ones(shape))
        return out
    return node("add", tuple(r for r, _ in items), tuple(c for _, c in items), shape)


def _one_minus_sigmoid(items: list) -> TExpr | None:
    """1 - σ(u) = σ(-u)."""
    (t0, c0), (t1, c1) = items
    if is_one(t0):
        (t0, c0), (t1, c1) = (t1, c1), (t0, c0)
    if is_one(t1) and t0.op == "func" and t0.data.name == "sigmoid" and c0.is_Number \
            and c1.is_Number and c0.value == -c1.value:
        # c - c σ(u) = c σ(-u)
        return scale(c1, func(t0.data, scale(-1, t0.args[0])))
    return None


# --------------------------------------------------------------------------- products


def hadamard(*factors: Any) -> TExpr:
    """The elementwise (Hadamard) product ⊙; scalars broadcast; exponents of equal
    bases add."""
    coef: Expr = ONE
    acc: dict[TExpr, Expr] = {}
    shape: Shape = ()
    zero = False
    factors = tuple(to_t(f) for f in factors)
    for f in factors:
        shape = broadcast(shape, f.shape, "product")
    for f in factors:
        f = lift(f, shape)
        if f.op == "const":
            coef = coef * f.data
        elif f.op == "zero":
            zero = True
        elif f.op == "ones":
            continue
        elif f.op == "mul":
            coef = coef * f.data[0]
            for b, e in zip(f.args, f.data[1]):
                if b.op == "ones":
                    continue
                old = acc.get(b)
                acc[b] = e if old is None else old + e
        else:
            old = acc.get(f)
            acc[f] = ONE if old is None else old + 1
    if zero or coef is ZERO:
        return Zero(shape)
    return _mul_node(coef, acc, shape)


def _mul_node(coef: Expr, acc: dict[TExpr, Expr], shape: Shape) -> TExpr:
    items = []
    for b, e in acc.items():
        if b.op == "sym" and b.data[2] == (-1, 1) and e.is_Number and e.value == int(e.value):
            e = number(int(e.value) % 2)  # entries are ±1: y⊙y = 1
        if e is ZERO:
            continue
        items.append((b, e))
    items.sort(key=lambda be: be[0].sort_key())
    inner: Shape = ()
    for b, _ in items:
        inner = broadcast(inner, b.shape, "product")
    if not same(inner, shape):
        items.append((Ones(shape), ONE))
    if not items:
        return const(coef)
    if coef is ONE and len(items) == 1 and items[0][1] is ONE:
        return items[0][0]
    if len(items) == 1 and items[0][1] is ONE and items[0][0].op == "add" and coef.is_Number:
        s = items[0][0]  # numbers distribute over sums, as in core: 2(A + B) = 2A + 2B
        return add(*(hadamard(const(coef * c), t) for t, c in zip(s.args, s.data)))
    return node("mul", tuple(b for b, _ in items), (coef, tuple(e for _, e in items)), shape)


def power(b: Any, e: Any) -> TExpr:
    """Elementwise power b**e (e a scalar constant; a shaped exponent goes through exp/log)."""
    b = to_t(b)
    if isinstance(e, TExpr):
        ev = scalar_value(e)
        if ev is None:
            from ..core import exp, log

            return func(exp, hadamard(e, func(log, b)))
        e = ev
    e = as_expr(e)
    if e is ZERO:
        return Ones(b.shape)
    if e is ONE:
        return b
    if b.op == "const":
        return const(b.data ** e)
    if b.op == "zero":
        if e.is_Number and e.value > 0:
            return b
    if b.op in ("ones",):
        return b
    integer = e.is_Number and e.value == int(e.value)
    if b.op == "mul" and integer:
        acc = {x: ex * e for x, ex in zip(b.args, b.data[1])}
        return _mul_node(b.data[0] ** e, acc, b.shape)
    return _mul_node(ONE, {b: e}, b.shape)


# --------------------------------------------------------------------------- matrix product


def _mm_shape(a: Shape, b: Shape) -> Shape:
    if len(a) == 0 or len(b) == 0:
        raise ShapeError(f"matrix product of {fmt(a)} and {fmt(b)}: use * for a scalar")
    if len(a) > 2 or len(b) > 2:
        raise ShapeError(f"matrix product of {fmt(a)} and {fmt(b)}: only vectors and matrices")
    k1 = a[-1]
    k2 = b[0]
    if not (k1 is k2 or k1 == k2):
        raise ShapeError(f"matrix product: shapes {fmt(a)} and {fmt(b)} do not agree "
                         f"({k1} columns against {k2} rows)")
    return a[:-1] + b[1:]


def _orient(chain: list[TExpr], row: bool) -> list[TExpr]:
    """A chain whose product is a vector, read as a row (vector first) or a column."""
    if len(chain) == 1 or (chain[0].ndim == 1) == row:
        return chain
    return [transpose(f) for f in reversed(chain)]


def matmul(*fs: Any) -> TExpr:
    """The matrix product (NumPy's @: a vector on the left is a row, on the right a column).

    Scalar factors move in front, identities and adjacent diagonals fold; a product that
    is a vector is kept as a column (xᵀA becomes Aᵀx).
    """
    chain: list[TExpr] = []
    scal: list[TExpr] = []
    shape: Shape | None = None
    for f in fs:
        f = to_t(f)
        parts: list[TExpr] = []
        if f.op in ("mul", "add"):
            c, rest = _pull_scalars(f)
            if c is not None:
                scal.append(c)
                f = rest
        for p in (f.args if f.op == "matmul" else (f,)):
            if p.op in ("mul", "add"):
                c, rest = _pull_scalars(p)
                if c is not None:
                    scal.append(c)
                    p = rest
            parts.append(p)
        if shape is None:
            chain = parts
            shape = f.shape
            continue
        shape = _mm_shape(shape, f.shape)
        if len(chain) > 1 and chain[0].ndim == 1 or chain[-1].ndim == 1:
            chain = _orient(chain, row=True)
        if f.ndim == 1:
            parts = _orient(parts, row=False)
        chain = chain + parts
    assert shape is not None
    if any(p.op == "zero" for p in chain):
        return Zero(shape)
    # identities vanish, adjacent diagonals multiply
    out: list[TExpr] = []
    for p in chain:
        if p.op == "eye" and len(chain) > 1:
            continue
        if out and (p.op == "inv" and p.args[0] is out[-1]
                    or out[-1].op == "inv" and out[-1].args[0] is p):
            out.pop()  # X X⁻¹ = X⁻¹ X = I
            if not out:
                out.append(Identity(p.shape[0]))
            continue
        if out and p.op == "diag" and out[-1].op == "diag":
            out[-1] = diag(hadamard(out[-1].args[0], p.args[0]))
            continue
        out.append(p)
    if not out:
        out = [chain[0]]
    if len(out) == 2 and out[0].op == "ones" and out[1].ndim == 2:
        r = tsum(out[1], 0)  # 1ᵀM = column sums
        return hadamard(*scal, r) if scal else r
    if len(shape) == 1:
        out = _orient(out, row=False)
    if len(out) == 2 and out[1].op == "ones" and out[0].ndim == 2:
        r = tsum(out[0], 1)  # M 1 = row sums
        return hadamard(*scal, r) if scal else r
    if not shape and len(out) >= 2:
        # vᵀMw = wᵀMᵀv: the orientation with the smaller key is canonical
        rev = [transpose(f) for f in reversed(out)]
        if [f.sort_key() for f in rev] < [f.sort_key() for f in out]:
            out = rev
    r = out[0] if len(out) == 1 else node("matmul", tuple(out), None, shape)
    return hadamard(*scal, r) if scal else r


def _primitive(s: TExpr) -> tuple[Expr, TExpr]:
    """A sum with rational coefficients as c * (a sum whose first coefficient is positive
    and whose coefficients have no common factor): 2Xw - 2y = 2 (Xw - y)."""
    import math
    from fractions import Fraction

    cs = []
    for c in s.data:
        if not (c.is_Number and not isinstance(c.value, float)):
            return ONE, s
        cs.append(Fraction(c.value))
    g = 0
    lcm = 1
    for c in cs:
        g = math.gcd(g, c.numerator)
        lcm = lcm * c.denominator // math.gcd(lcm, c.denominator)
    content = Fraction(g, lcm) * (-1 if cs[0] < 0 else 1)
    if content == 1:
        return ONE, s
    k = number(content)
    return k, node("add", s.args, tuple(number(c / content) for c in cs), s.shape)


def _pull_scalars(p: TExpr) -> tuple[TExpr | None, TExpr]:
    """Split an elementwise product into (scalar part, non-scalar part)."""
    if p.op == "add":
        k, r = _primitive(p)
        return (None, p) if k is ONE else (const(k), r)
    coef, exps = p.data
    sc = {b: e for b, e in zip(p.args, exps) if not b.shape}
    if coef is ONE and not sc:
        return None, p
    rest = {b: e for b, e in zip(p.args, exps) if b.shape}
    return _mul_node(coef, sc, ()), _mul_node(ONE, rest, p.shape)


def pull_scalars(t: TExpr) -> tuple[TExpr, TExpr]:
    """(s, rest) with t = s * rest and s of shape ()."""
    if t.op in ("mul", "add"):
        s, r = _pull_scalars(t)
        if s is not None:
            return s, r
    return const(1), t


# --------------------------------------------------------------------------- transpose


def transpose(a: Any) -> TExpr:
    """Aᵀ, moved down to the leaves; vectors and scalars are their own transpose."""
    a = to_t(a)
    if a.ndim < 2:
        return a
    if a.ndim > 2:
        raise ShapeError(f"transpose of an order-{a.ndim} tensor {fmt(a.shape)}: "
                         "only matrices (use an axis permutation)")
    op = a.op
    m, n = a.shape
    if op == "T":
        return a.args[0]
    if op == "sym":
        return a if a.data[1] else node("T", (a,), None, (n, m))
    if op in ("zero", "ones"):
        return node(op, (), None, (n, m))
    if op in ("eye", "diag"):
        return a
    if op == "mul":  # scalars come out; an elementwise expression is transposed as a
        # whole, so that it stays one shared node (forward values are reused by gradients)
        s, r = _pull_scalars(a)
        if s is not None:
            return hadamard(s, transpose(r))
    if op == "matmul":
        return matmul(*(transpose(f) for f in reversed(a.args)))
    if op == "outer":
        return outer(a.args[1], a.args[0])
    if op == "inv":
        return inv(transpose(a.args[0]))
    if op == "commutation":
        return Commutation(a.data[1], a.data[0])
    if op == "kron" and a.args[0].ndim == 2 and a.args[1].ndim == 2:
        return kron(transpose(a.args[0]), transpose(a.args[1]))
    return node("T", (a,), None, (n, m))


# --------------------------------------------------------------------------- elementwise maps


def func(f: FunctionDef, a: Any) -> TExpr:
    """The registry function f applied to every entry of a."""
    a = to_t(a)
    if f.nargs[0] > 1:
        raise ShapeError(f"{f.name} takes {f.nargs[0]} arguments: only one-argument "
                         "functions apply elementwise to shaped expressions")
    v = scalar_value(a)
    if v is not None:
        return const(f(v))
    if a.op in ("zero", "ones"):
        return hadamard(const(f(ZERO if a.op == "zero" else ONE)), Ones(a.shape))
    name = f.name
    if name == "log":
        if a.op == "func" and a.data.name == "exp":
            return a.args[0]  # log(exp(u)) = u on the reals
        if a.op == "softmax":
            return log_softmax(a.args[0])
        sp = _softplus_arg(a)
        if sp is not None:
            from ..core import softplus

            return func(softplus, sp)
    return node("func", (a,), f, a.shape)


def _softplus_arg(a: TExpr) -> TExpr | None:
    """u when a = 1 + exp(u): log(1 + exp(u)) is softplus(u) (the stable form)."""
    if a.op != "add" or len(a.args) != 2:
        return None
    (t0, t1), (c0, c1) = a.args, a.data
    if is_one(t0):
        t0, t1 = t1, t0
    if is_one(t1) and c0 is ONE and c1 is ONE and t0.op == "func" and t0.data.name == "exp":
        return t0.args[0]
    return None


# --------------------------------------------------------------------------- reductions


def _linear(op: Any, a: TExpr) -> TExpr | None:
    """op(Σ cᵢ tᵢ) = Σ cᵢ op(tᵢ), op(s A) = s op(A) for scalars s; None if neither applies."""
    if a.op == "add":
        return add(*(scale(c, op(t)) for t, c in zip(a.args, a.data)))
    if a.op == "mul" and a.shape:
        s, r = _pull_scalars(a)
        if s is not None:
            return hadamard(s, op(r))
    return None


def _scalars_out(op: Any, a: TExpr) -> TExpr | None:
    """op(s A) = s op(A) for scalars s (sums are not distributed: a sum of a sum stays
    one node, which the compiled code evaluates once)."""
    if a.op == "mul" and a.shape:
        s, r = _pull_scalars(a)
        if s is not None:
            return hadamard(s, op(r))
    return None


def tsum(a: Any, axis: int | None = None) -> TExpr:
    """The sum of the entries (``axis=None``) or along one axis."""
    a = to_t(a)
    if axis is not None:
        if not -a.ndim <= axis < a.ndim:
            raise ShapeError(f"sum over axis {axis} of a tensor of shape {fmt(a.shape)}")
        axis %= a.ndim
        if a.ndim == 1:
            axis = None
    if axis is None:
        if not a.shape:
            return a
        if a.op == "zero":
            return const(0)
        if a.op == "ones":
            return const(size(a.shape))
        if a.op == "eye":
            return const(a.shape[0])
        if a.op in ("T", "diag"):
            return tsum(a.args[0])
        if a.op == "outer":
            return hadamard(tsum(a.args[0]), tsum(a.args[1]))
        r = _scalars_out(tsum, a)
        if r is not None:
            return r
        return node("sum", (a,), None, ())
    shape = a.shape[:axis] + a.shape[axis + 1:]
    if a.op == "zero":
        return Zero(shape)
    if a.op == "ones":
        return scale(a.shape[axis], Ones(shape))
    if a.op == "outer":  # Σᵢ aᵢ bⱼ = (Σ a) b
        u, v = a.args
        return hadamard(tsum(u), v) if axis == 0 else hadamard(tsum(v), u)
    r = _scalars_out(lambda t: tsum(t, axis), a)
    if r is not None:
        return r
    if a.ndim == 2 and a.op == "T":
        return tsum(a.args[0], 1 - axis)
    return node("sum", (a,), axis, shape)


def _square(name: str, a: TExpr) -> None:
    if a.ndim != 2 or not same(a.shape[:1], a.shape[1:]):
        raise ShapeError(f"{name} needs a square matrix, not shape {fmt(a.shape)}")


def trace(a: Any) -> TExpr:
    """tr A, the sum of the diagonal."""
    a = to_t(a)
    _square("trace", a)
    if a.op == "zero":
        return const(0)
    if a.op == "eye":
        return const(a.shape[0])
    if a.op == "T":
        return trace(a.args[0])
    if a.op == "outer":
        return matmul(a.args[0], a.args[1])
    if a.op == "diag":
        return tsum(a.args[0])
    r = _linear(trace, a)
    if r is not None:
        return r
    if a.op == "matmul" and all(f.ndim == 2 for f in a.args):
        best = _cyclic_form(a)
        if best is not a:
            return trace(best) if best.op != "matmul" else node("trace", (best,), None, ())
    return node("trace", (a,), None, ())


def _cyclic_form(p: TExpr) -> TExpr:
    """The canonical product under tr(AB) = tr(BA) and tr(M) = tr(Mᵀ): of the cyclic
    rotations of the factors, and of their transposed reversals, the product with the
    fewest factors (a rotation can bring X and X⁻¹ together), then the smallest key."""
    fs = p.args
    best, best_key = p, None
    for seq in (fs, tuple(transpose(f) for f in reversed(fs))):
        for i in range(len(seq)):
            c = matmul(*(seq[i:] + seq[:i]))
            key = (len(c.args) if c.op == "matmul" else 1, c.sort_key())
            if best_key is None or key < best_key:
                best, best_key = c, key
    return best


def det(a: Any) -> TExpr:
    a = to_t(a)
    _square("det", a)
    if a.op == "eye":
        return const(1)
    if a.op == "T":
        return det(a.args[0])
    if a.op == "inv":
        return power(det(a.args[0]), -1)
    return node("det", (a,), None, ())


def logdet(a: Any) -> TExpr:
    """log det A (for A with positive determinant)."""
    a = to_t(a)
    _square("logdet", a)
    if a.op == "eye":
        return const(0)
    if a.op == "T":
        return logdet(a.args[0])
    if a.op == "inv":
        return scale(-1, logdet(a.args[0]))
    return node("logdet", (a,), None, ())


def inv(a: Any) -> TExpr:
    """A⁻¹."""
    a = to_t(a)
    _square("inv", a)
    if a.op == "eye":
        return a
    if a.op == "inv":
        return a.args[0]
    if a.op == "diag":
        return diag(power(a.args[0], -1))
    if a.op == "mul":
        s, r = _pull_scalars(a)
        if s is not None:
            return hadamard(power(s, -1), inv(r))
    return node("inv", (a,), None, a.shape)


def diag(a: Any) -> TExpr:
    """diag(v): the diagonal matrix of a vector; diag(A): the diagonal of a square matrix."""
    a = to_t(a)
    if a.ndim == 1:
        n = a.shape[0]
        if a.op == "zero":
            return Zero(n, n)
        if a.op == "ones":
            return Identity(n)
        if a.op == "mul":
            s, r = _pull_scalars(a)
            if s is not None:
                return hadamard(s, diag(r))
        return node("diag", (a,), None, (n, n))
    if a.ndim == 2:
        _square("diag", a)
        if a.op == "diag":
            return a.args[0]
        if a.op == "eye":
            return Ones(a.shape[0])
        if a.op == "T":
            return diag(a.args[0])
        r = _linear(diag, a)
        if r is not None:
            return r
        return node("diagpart", (a,), None, a.shape[:1])
    raise ShapeError(f"diag of shape {fmt(a.shape)}: needs a vector or a square matrix")


def norm(a: Any, p: int = 2) -> TExpr:
    """‖a‖: the 2-norm of a vector, Frobenius norm of a matrix (p=2); p=1: Σ|aᵢ|."""
    a = to_t(a)
    if p not in (1, 2):
        raise ValueError("norm: p must be 1 or 2")
    if a.op == "zero":
        return const(0)
    if a.op == "mul":
        c = a.data[0]
        if c.is_Number and c is not ONE:
            from ..core import Abs

            return scale(Abs(c), norm(_mul_node(ONE, dict(zip(a.args, a.data[1])), a.shape), p))
    return node("norm", (a,), p, ())


def _vector(name: str, z: TExpr) -> None:
    if z.ndim not in (1, 2):
        raise ShapeError(f"{name} takes a vector (or a matrix: row by row), not shape "
                         f"{fmt(z.shape)}")


def softmax(z: Any) -> TExpr:
    """exp(z)/Σ exp(z) (computed stably); for a matrix, each row (one example a row)."""
    z = to_t(z)
    _vector("softmax", z)
    return node("softmax", (z,), None, z.shape)


def log_softmax(z: Any) -> TExpr:
    """z − logsumexp(z) (row by row for a matrix)."""
    z = to_t(z)
    _vector("log_softmax", z)
    return node("log_softmax", (z,), None, z.shape)


def logsumexp(z: Any) -> TExpr:
    """log Σ exp(zᵢ) (computed stably); for a matrix, the vector of its rows' values."""
    z = to_t(z)
    _vector("logsumexp", z)
    return node("logsumexp", (z,), None, z.shape[:-1])


def outer(a: Any, b: Any) -> TExpr:
    """a bᵀ for vectors a, b."""
    a, b = to_t(a), to_t(b)
    if a.ndim != 1 or b.ndim != 1:
        raise ShapeError(f"outer product of shapes {fmt(a.shape)} and {fmt(b.shape)}: "
                         "needs two vectors")
    shape = (a.shape[0], b.shape[0])
    if a.op == "zero" or b.op == "zero":
        return Zero(shape)
    sa, ra = pull_scalars(a)
    sb, rb = pull_scalars(b)
    if ra.op == "ones" and rb.op == "ones":
        r = Ones(shape)
    else:
        r = node("outer", (ra, rb), None, shape)
    return hadamard(sa, sb, r)


def kron(a: Any, b: Any) -> TExpr:
    """The Kronecker product A ⊗ B (a vector first factor is a row, as in ``np.kron``)."""
    a, b = to_t(a), to_t(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ShapeError(f"Kronecker product of {fmt(a.shape)} and {fmt(b.shape)}")
    if a.ndim == 1 and b.ndim == 1:
        shape: Shape = (size(a.shape + b.shape),)
    else:
        sa = a.shape if a.ndim == 2 else (1,) + a.shape
        sb = b.shape if b.ndim == 2 else (1,) + b.shape
        shape = (size((sa[0], sb[0])), size((sa[1], sb[1])))
        shape = tuple(dim(d) for d in shape)
    if a.op == "zero" or b.op == "zero":
        return Zero(shape)
    sa_, ra = pull_scalars(a)
    sb_, rb = pull_scalars(b)
    if ra.op == "eye" and rb.op == "eye":
        return hadamard(sa_, sb_, Identity(shape[0]))
    return hadamard(sa_, sb_, node("kron", (ra, rb), None, tuple(dim(d) for d in shape)))


def vec(a: Any) -> TExpr:
    """The entries of a matrix stacked column by column (Magnus–Neudecker vec)."""
    a = to_t(a)
    if a.ndim <= 1:
        return a
    if a.ndim > 2:
        raise ShapeError(f"vec of an order-{a.ndim} tensor")
    n = dim(size(a.shape))
    if a.op == "zero":
        return Zero(n)
    if a.op == "ones":
        return Ones(n)
    if a.op == "outer":
        return kron(a.args[1], a.args[0])  # vec(a bᵀ) = b ⊗ a
    if a.op in ("add", "mul"):
        if a.op == "add":
            return add(*(scale(c, vec(t)) for t, c in zip(a.args, a.data)))
        return _mul_node(a.data[0], {vec(b): e for b, e in zip(a.args, a.data[1])}, (n,))
    if a.op == "func":
        return func(a.data, vec(a.args[0]))
    return node("vec", (a,), None, (n,))


# --------------------------------------------------------------------------- tensors


def _axes(a: TExpr, axes: Any, what: str) -> tuple[int, ...]:
    out = []
    for x in axes:
        x = int(x)
        if not -a.ndim <= x < a.ndim:
            raise ShapeError(f"{what}: axis {x} of a tensor of shape {fmt(a.shape)}")
        out.append(x % a.ndim)
    if len(set(out)) != len(out):
        raise ShapeError(f"{what}: repeated axis in {tuple(axes)}")
    return tuple(out)


def permute(a: Any, axes: Any) -> TExpr:
    """The axes of a in a new order, as ``np.transpose(a, axes)``: axis i of the result
    is axis ``axes[i]`` of a. For a matrix it is the transpose."""
    a = to_t(a)
    axes = _axes(a, axes, "permute")
    if len(axes) != a.ndim:
        raise ShapeError(f"permute: {len(axes)} axes for a tensor of shape {fmt(a.shape)}")
    if axes == tuple(range(a.ndim)):
        return a
    if a.ndim == 2:
        return transpose(a)
    shape = tuple(a.shape[i] for i in axes)
    if a.op == "permute":  # axis i is inner axis axes[i], which is axis p[axes[i]]
        p = a.data
        return permute(a.args[0], tuple(p[i] for i in axes))
    if a.op in ("zero", "ones"):
        return node(a.op, (), None, shape)
    if a.op in ("mul", "add"):
        sc, r = _pull_scalars(a)
        if sc is not None:
            return hadamard(sc, permute(r, axes))
    return node("permute", (a,), axes, shape)


def tensordot(a: Any, b: Any, axes_a: Any = (), axes_b: Any = ()) -> TExpr:
    """Σ over paired axes, as ``np.tensordot(a, b, (axes_a, axes_b))``: axis
    ``axes_a[j]`` of a is contracted with axis ``axes_b[j]`` of b; the result has the
    free axes of a, then those of b. Contractions of vectors and matrices are written as
    products (a vector with a vector is a bᵀ or aᵀb, a matrix with a matrix A B, Aᵀ B,
    tr(Aᵀ B) ...); the others are one ``contract`` node."""
    a, b = to_t(a), to_t(b)
    ia, ib = _axes(a, axes_a, "tensordot"), _axes(b, axes_b, "tensordot")
    if len(ia) != len(ib):
        raise ShapeError(f"tensordot: {len(ia)} axes of the first tensor against {len(ib)} "
                         "of the second")
    for p, q in zip(ia, ib):
        if not same((a.shape[p],), (b.shape[q],)):
            raise ShapeError(f"tensordot: axis {p} of shape {fmt(a.shape)} and axis {q} of "
                             f"shape {fmt(b.shape)} do not agree")
    fa = [i for i in range(a.ndim) if i not in ia]
    fb = [i for i in range(b.ndim) if i not in ib]
    shape = tuple(a.shape[i] for i in fa) + tuple(b.shape[i] for i in fb)
    if a.op == "zero" or b.op == "zero":
        return Zero(shape)
    if not a.shape or not b.shape:
        return hadamard(a, b)
    if a.ndim <= 2 and b.ndim <= 2:
        r = _small_contraction(a, b, ia, ib)
        if r is not None:
            return r
    sa, ra = pull_scalars(a)
    sb, rb = pull_scalars(b)
    if ra is not a or rb is not b:
        return hadamard(sa, sb, tensordot(ra, rb, ia, ib))
    return node("contract", (a, b), (ia, ib), shape)


def _small_contraction(a: TExpr, b: TExpr, ia: tuple, ib: tuple) -> TExpr | None:
    """A contraction of vectors and matrices written as a product, or None (the result
    has order 3 or 4)."""
    if not ia:
        return outer(a, b) if a.ndim == 1 and b.ndim == 1 else None
    if len(ia) == 1:
        if a.ndim == 2 and ia == (0,):
            a = transpose(a)
        if b.ndim == 2 and ib == (1,):
            b = transpose(b)
        return matmul(a, b)
    # both axes of two matrices: Σ A ⊙ B, or Σ A ⊙ Bᵀ when the pairs cross
    return tsum(hadamard(a, b if (ia[0] < ia[1]) == (ib[0] < ib[1]) else transpose(b)))


# --------------------------------------------------------------------------- rebuilding


def _b_sym(args: tuple, data: Any, shape: Shape) -> TExpr:
    return node("sym", (), data, shape)


BUILD: dict[str, Any] = {
    "sym": _b_sym,
    "const": lambda a, d, s: const(d),
    "zero": lambda a, d, s: Zero(s),
    "ones": lambda a, d, s: Ones(s),
    "eye": lambda a, d, s: Identity(s[0]),
    "commutation": lambda a, d, s: Commutation(*d),
    "add": lambda a, d, s: hadamard(add(*(scale(c, t) for t, c in zip(a, d))), Ones(s))
    if s else add(*(scale(c, t) for t, c in zip(a, d))),
    "mul": lambda a, d, s: hadamard(const(d[0]), *(power(b, e) for b, e in zip(a, d[1])), Ones(s)),
    "func": lambda a, d, s: func(d, a[0]),
    "matmul": lambda a, d, s: matmul(*a),
    "T": lambda a, d, s: transpose(a[0]),
    "sum": lambda a, d, s: tsum(a[0], d),
    "trace": lambda a, d, s: trace(a[0]),
    "det": lambda a, d, s: det(a[0]),
    "logdet": lambda a, d, s: logdet(a[0]),
    "inv": lambda a, d, s: inv(a[0]),
    "diag": lambda a, d, s: diag(a[0]),
    "diagpart": lambda a, d, s: diag(a[0]),
    "norm": lambda a, d, s: norm(a[0], d),
    "softmax": lambda a, d, s: softmax(a[0]),
    "log_softmax": lambda a, d, s: log_softmax(a[0]),
    "logsumexp": lambda a, d, s: logsumexp(a[0]),
    "outer": lambda a, d, s: outer(*a),
    "kron": lambda a, d, s: kron(*a),
    "vec": lambda a, d, s: vec(a[0]),
    "permute": lambda a, d, s: permute(a[0], d),
    "contract": lambda a, d, s: tensordot(a[0], a[1], *d),
}


def rebuild(t: TExpr, args: tuple) -> TExpr:
    """t's operation applied to new children (canonicalizing again)."""
    if args == t.args:
        return t
    return BUILD[t.op](args, t.data, t.shape)
