"""Gradients of scalar-valued shaped expressions, in matrix notation, by reverse
accumulation: one adjoint rule per operation, written with matrices.

Layout convention: the gradient of a scalar L with respect to a variable of shape s
has shape s, entry (i, j) being ∂L/∂X[i, j] (the "gradient" or denominator layout).

>>> from symcalc.tensor import MatrixSymbol, VectorSymbol, norm
>>> X = MatrixSymbol("X", 5, 3); w = VectorSymbol("w", 3); y = VectorSymbol("y", 5)
>>> gradients(norm(X @ w - y)**2, [w])
[2*X.T@(X@w - y)]
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core import ONE, number
from ..errors import SymcalcError
from .bridge import elementwise_derivative
from .expr import (
    Identity,
    Ones,
    TExpr,
    Zero,
    _mul_node,
    add,
    const,
    det,
    diag,
    func,
    hadamard,
    inv,
    matmul,
    outer,
    permute,
    softmax,
    tensordot,
    transpose,
    tsum,
    walk,
)
from .shape import fmt


class TensorDiffError(SymcalcError):
    """A derivative that the matrix-calculus rules cannot express."""


def _unbroadcast(g: TExpr, shape: tuple) -> TExpr:
    """A scalar that was broadcast collects the adjoints of all entries."""
    if not shape and g.shape:
        return tsum(g)
    return g


def _matmul_adjoints(n: TExpr, g: TExpr, dep: set[int]) -> list[tuple[TExpr, TExpr]]:
    """n = f1 f2 ... fk: the adjoint of each fi is Lᵀ Ḡ Rᵀ with L, R the products on
    either side (outer products and dot products where a side is a vector)."""
    fs = n.args
    out = []
    for i, f in enumerate(fs):
        if id(f) not in dep:
            continue
        left = matmul(*fs[:i]) if i else None
        right = matmul(*fs[i + 1:]) if i + 1 < len(fs) else None
        # x: the adjoint of (f R)
        if left is None:
            x = g
        elif left.ndim == 2:
            x = matmul(transpose(left), g)
        else:  # a row vector ℓ on the left
            rest_vec = (f.ndim == 1) if right is None else (right.ndim == 1)
            x = hadamard(g, left) if rest_vec else outer(left, g)
        if right is None:
            fbar = x
        elif right.ndim == 2:
            fbar = matmul(x, transpose(right)) if f.ndim == 2 else matmul(right, x)
        else:  # a column vector r on the right
            fbar = outer(x, right) if f.ndim == 2 else hadamard(x, right)
        out.append((f, fbar))
    return out


def _adjoints(n: TExpr, g: TExpr, dep: set[int]) -> list[tuple[TExpr, TExpr]]:
    op = n.op
    if op == "add":
        return [(t, _unbroadcast(hadamard(const(c), g), t.shape))
                for t, c in zip(n.args, n.data) if id(t) in dep]
    if op == "mul":
        coef, exps = n.data
        base = dict(zip(n.args, exps))
        out = []
        for b, e in zip(n.args, exps):
            if id(b) not in dep:
                continue
            others = dict(base)
            others[b] = e - 1
            part = _mul_node(coef * e, others, n.shape)
            out.append((b, _unbroadcast(hadamard(g, part), b.shape)))
        return out
    if op == "matmul":
        return _matmul_adjoints(n, g, dep)
    a = n.args[0] if n.args else None
    if op == "func":
        return [(a, hadamard(g, elementwise_derivative(n.data, a)))]
    if op == "T":
        return [(a, transpose(g))]
    if op == "sum":
        if n.data is None:
            return [(a, hadamard(g, Ones(a.shape)))]
        if a.ndim == 2:
            m, k = a.shape
            return [(a, outer(Ones(m), g) if n.data == 0 else outer(g, Ones(k)))]
        # Ā is C̄ repeated along the summed axis: C̄ ⊗ 𝟏, that axis moved into place
        k = n.data
        r = a.ndim
        spread = tensordot(g, Ones(a.shape[k]))
        return [(a, permute(spread, tuple(range(k)) + (r - 1,) + tuple(range(k, r - 1))))]
    if op == "trace":
        return [(a, hadamard(g, Identity(a.shape[0])))]
    if op == "logdet":
        return [(a, hadamard(g, inv(transpose(a))))]
    if op == "det":
        return [(a, hadamard(g, det(a), inv(transpose(a))))]
    if op == "inv":
        nt = transpose(n)
        return [(a, hadamard(const(-1), matmul(nt, g, nt)))]
    if op == "diag":
        return [(a, diag(g))]
    if op == "diagpart":
        return [(a, diag(g))]
    if op == "norm":
        if n.data == 2:
            return [(a, hadamard(g, a, _mul_node(ONE, {n: number(-1)}, ())))]
        from ..core import sign

        return [(a, hadamard(g, func(sign, a)))]
    if op in ("softmax", "log_softmax", "logsumexp") and a.ndim == 2:
        k = a.shape[1]  # row by row: the vector rules with row sums spread over columns
        if op == "softmax":
            sg = hadamard(n, g)
            return [(a, add(sg, hadamard(const(-1), n, outer(tsum(sg, 1), Ones(k)))))]
        if op == "log_softmax":
            return [(a, add(g, hadamard(const(-1), softmax(a), outer(tsum(g, 1), Ones(k)))))]
        return [(a, hadamard(softmax(a), outer(g, Ones(k))))]
    if op == "softmax":
        return [(a, add(hadamard(n, g), hadamard(const(-1), n, matmul(n, g))))]
    if op == "log_softmax":
        return [(a, add(g, hadamard(const(-1), softmax(a), tsum(g))))]
    if op == "logsumexp":
        return [(a, hadamard(g, softmax(a)))]
    if op == "outer":
        u, v = n.args
        out = []
        if id(u) in dep:
            out.append((u, matmul(g, v)))
        if id(v) in dep:
            out.append((v, matmul(u, g)))
        return out
    if op == "permute":  # Ā: C̄ with the axes put back
        inv_axes = [0] * n.ndim
        for i, p in enumerate(n.data):
            inv_axes[p] = i
        return [(a, permute(g, inv_axes))]
    if op == "contract":
        return _contract_adjoints(n, g, dep)
    raise TensorDiffError(f"no adjoint rule for {op} (in {n})")


def _contract_adjoints(n: TExpr, g: TExpr, dep: set[int]) -> list[tuple[TExpr, TExpr]]:
    """C = Σ A B over paired axes (ia of A with ib of B): Ā contracts C̄ with B over
    B's free axes, B̄ contracts A with C̄ over A's free axes; each then has its axes put
    in the operand's order."""
    A, B = n.args
    ia, ib = n.data
    fa = [i for i in range(A.ndim) if i not in ia]
    fb = [i for i in range(B.ndim) if i not in ib]
    out = []

    def put_back(t: TExpr, src: list[int]) -> TExpr:
        # axis r of t is axis src[r] of the operand
        return permute(t, [src.index(i) for i in range(len(src))])

    if id(A) in dep:
        t = tensordot(g, B, range(len(fa), len(fa) + len(fb)), fb)
        out.append((A, put_back(t, fa + [ia[ib.index(q)] for q in sorted(ib)])))
    if id(B) in dep:
        t = tensordot(A, g, fa, range(len(fa)))
        out.append((B, put_back(t, [ib[ia.index(p)] for p in sorted(ia)] + fb)))
    return out


#: what each adjoint rule is called in a derivation (steps)
RULE_NAMES = {
    "add": "sum rule",
    "mul": "product rule, elementwise (d(A ⊙ B) = dA ⊙ B + A ⊙ dB; powers: d Aᵏ = k Aᵏ⁻¹ ⊙ dA)",
    "matmul": "product rule for matrices (C = AB: Ā = C̄ Bᵀ, B̄ = Aᵀ C̄)",
    "func": "chain rule through an elementwise function (Ā = C̄ ⊙ f'(A))",
    "T": "transpose (Ā = C̄ᵀ)",
    "sum": "sum of entries (Ā = c̄ 𝟏)",
    "trace": "trace trick (d tr A = tr dA: Ā = c̄ I)",
    "logdet": "d log det X = tr(X⁻¹ dX): X̄ = c̄ X⁻ᵀ",
    "det": "Jacobi's formula (d det X = det X tr(X⁻¹ dX))",
    "inv": "d X⁻¹ = -X⁻¹ dX X⁻¹: X̄ = -X⁻ᵀ C̄ X⁻ᵀ",
    "diag": "diagonal (v̄ = diag(C̄))",
    "diagpart": "diagonal (Ā = diag(c̄))",
    "norm": "norm (d‖a‖ = aᵀ da / ‖a‖)",
    "softmax": "softmax Jacobian (diag(s) - s sᵀ)",
    "log_softmax": "log-softmax (z̄ = Ḡ - softmax(z) Σ Ḡ)",
    "logsumexp": "logsumexp (z̄ = c̄ softmax(z))",
    "outer": "outer product (ā = C̄ b, b̄ = C̄ᵀ a)",
    "permute": "axis permutation (Ā = C̄ with the axes put back)",
    "contract": "tensor contraction (Ā = C̄ contracted with B over B's free axes, B̄ likewise)",
}


def gradients(L: TExpr, wrt: Sequence[TExpr], trace: list | None = None) -> list[TExpr]:
    """[∂L/∂v for v in wrt], each of v's shape, in matrix notation (simplified).

    ``trace``, if given, receives (rules, node, adjoint) for each node reached, in the
    order of the reverse sweep (the derivation that ``steps`` prints)."""
    from .simplify import collect

    if L.shape:
        raise TensorDiffError(f"the gradient needs a scalar; this expression has shape "
                              f"{fmt(L.shape)} (use jacobian)")
    for v in wrt:
        if not isinstance(v, TExpr) or v.op != "sym":
            raise TensorDiffError(f"can only differentiate with respect to a shaped symbol, "
                                  f"not {v}")
    order = walk(L)
    targets = {id(v) for v in wrt}
    dep: set[int] = set()
    for n in order:
        if id(n) in targets or any(id(a) in dep for a in n.args):
            dep.add(id(n))
    contrib: dict[int, list[TExpr]] = {id(L): [const(1)]}
    rules: dict[int, list[str]] = {}
    adj: dict[int, TExpr] = {}
    for n in reversed(order):
        if id(n) not in dep:
            continue
        parts = contrib.pop(id(n), None)
        if not parts:
            continue
        g = add(*parts)
        adj[id(n)] = g
        if trace is not None and n is not L:
            trace.append((rules.pop(id(n), []), n, g))
        if n.op == "sym":
            continue
        for child, cbar in _adjoints(n, g, dep):
            contrib.setdefault(id(child), []).append(cbar)
            if trace is not None:
                lst = rules.setdefault(id(child), [])
                if RULE_NAMES.get(n.op, n.op) not in lst:
                    lst.append(RULE_NAMES.get(n.op, n.op))
    return [_symmetrize(v, collect(adj[id(v)])) if id(v) in adj else Zero(v.shape)
            for v in wrt]


def _symmetrize(v: TExpr, g: TExpr) -> TExpr:
    """For a symmetric S the gradient is sym(G) = (G + Gᵀ)/2: the gradient on the space
    of symmetric matrices (Frobenius inner product), whatever way the expression was
    written (tr(A S) and tr(A Sᵀ) are one function there)."""
    if not v.data[1]:
        return g
    from .simplify import collect

    def tr(t: TExpr) -> TExpr:  # through sums too: (A + x xᵀ)ᵀ = Aᵀ + x xᵀ
        if t.op == "add":
            return add(*(hadamard(const(c), tr(u)) for u, c in zip(t.args, t.data)))
        return transpose(t)

    return collect(hadamard(const(number(1) / 2), add(g, tr(g))))

