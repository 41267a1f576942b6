"""Jacobians in matrix notation by forward accumulation of d vec(F) / d vec(X)ᵀ.

Convention (Magnus & Neudecker, "Matrix Differential Calculus"): for F of shape s and
X of shape t the Jacobian is the matrix of shape (|s|, |t|) with entry
∂ vec(F)ᵢ / ∂ vec(X)ⱼ, vec stacking columns; for vectors vec is the identity, so
jacobian(f, x) of f: (m,) and x: (n,) is the m×n matrix ∂fᵢ/∂xⱼ. A scalar F has a
vector Jacobian (its vec-gradient). The rules are the differentials of a textbook:
d(AB) = dA B + A dB ⇒ vec: (Bᵀ ⊗ I) + (I ⊗ A); d f(A) = f'(A) ⊙ dA ⇒ diag(vec f'(A));
d Aᵀ ⇒ the commutation matrix K; d A⁻¹ = −A⁻¹ dA A⁻¹ ⇒ −(A⁻ᵀ ⊗ A⁻¹).

>>> from symcalc.tensor import VectorSymbol, softmax
>>> z = VectorSymbol("z", 4)
>>> jacobian_vec(softmax(z), z)
diag(softmax(z)) - outer(softmax(z), softmax(z))
"""

from __future__ import annotations

from ..core import ONE, number
from .bridge import elementwise_derivative
from .expr import (
    Commutation,
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
    kron,
    matmul,
    outer,
    softmax,
    transpose,
    tsum,
    vec,
    walk,
)
from .reverse import TensorDiffError
from .shape import dim, size


def _jt_dot(j: TExpr, v: TExpr) -> TExpr:
    """Jᵀ vec(v): the Jacobian of a scalar ⟨v, F⟩-type reduction (a vector of length N)."""
    if not j.shape:
        raise TensorDiffError("internal: scalar Jacobian")
    if j.ndim == 1:  # F was a scalar
        return hadamard(j, vec(v))
    return matmul(transpose(j), vec(v))


def _scaled(d: TExpr, j: TExpr, n: TExpr, b: TExpr) -> TExpr:
    """The Jacobian of n through a factor b with elementwise partial d = ∂n/∂b."""
    if not n.shape:
        return hadamard(d, j)
    if not b.shape:
        return outer(vec(d), j)
    return matmul(diag(vec(d)), j)


def _matmul_jac(n: TExpr, jac: dict, N: object) -> list[TExpr]:
    fs = n.args
    out = []
    for i, f in enumerate(fs):
        jf = jac.get(id(f))
        if jf is None:
            continue
        left = matmul(*fs[:i]) if i else None
        right = matmul(*fs[i + 1:]) if i + 1 < len(fs) else None
        if f.ndim == 2:
            p, q = f.shape
            if left is not None and left.ndim == 1 and right is not None and right.ndim == 1:
                out.append(matmul(transpose(jf), kron(right, left)))  # ℓᵀ F r
                continue
            if left is not None and left.ndim == 1:
                r = transpose(right) if right is not None else Identity(q)
                out.append(matmul(kron(r, left), jf))
                continue
            lm = left if left is not None else Identity(p)
            if right is None:
                out.append(matmul(kron(Identity(q), lm), jf))
            elif right.ndim == 1:
                out.append(matmul(kron(right, lm), jf))
            else:
                out.append(matmul(kron(transpose(right), lm), jf))
        elif i == 0:  # a row vector first
            assert right is not None
            out.append(matmul(transpose(right), jf) if right.ndim == 2 else _jt_dot(jf, right))
        else:  # a column vector last
            assert left is not None
            out.append(matmul(left, jf) if left.ndim == 2 else _jt_dot(jf, left))
    return out


def _rule(n: TExpr, jac: dict, N: object) -> TExpr | None:
    op = n.op
    a = n.args[0] if n.args else None
    ja = jac.get(id(a)) if a is not None else None
    if op == "add":
        parts = []
        for t, c in zip(n.args, n.data):
            j = jac.get(id(t))
            if j is None:
                continue
            if n.shape and not t.shape:
                j = outer(Ones(dim(size(n.shape))), j)
            parts.append(hadamard(const(c), j))
        return add(*parts)
    if op == "mul":
        coef, exps = n.data
        base = dict(zip(n.args, exps))
        parts = []
        for b, e in zip(n.args, exps):
            j = jac.get(id(b))
            if j is None:
                continue
            others = dict(base)
            others[b] = e - 1
            parts.append(_scaled(_mul_node(coef * e, others, n.shape), j, n, b))
        return add(*parts)
    if op == "matmul":
        return add(*_matmul_jac(n, jac, N))
    if ja is None and len(n.args) == 1:
        return None  # (a caller only asks about nodes with a dependent argument)
    if op == "func":
        return _scaled(elementwise_derivative(n.data, a), ja, n, a)
    if op == "T":
        m, k = a.shape
        return matmul(Commutation(m, k), ja)
    if op == "vec":
        return ja
    if op == "sum":
        if n.data is None:
            return tsum(ja, 0) if ja.ndim == 2 else ja
        m, k = a.shape
        sel = kron(Identity(k), Ones(m)) if n.data == 0 else kron(Ones(k), Identity(m))
        return matmul(sel, ja)
    if op == "trace":
        return _jt_dot(ja, Identity(a.shape[0]))
    if op == "logdet":
        return _jt_dot(ja, inv(transpose(a)))
    if op == "det":
        return hadamard(det(a), _jt_dot(ja, inv(transpose(a))))
    if op == "inv":
        return hadamard(const(-1), matmul(kron(transpose(n), n), ja))
    if op == "norm":
        if n.data == 2:
            return hadamard(_mul_node(ONE, {n: number(-1)}, ()), _jt_dot(ja, a))
        from ..core import sign

        return _jt_dot(ja, func(sign, a))
    if op in ("softmax", "log_softmax", "logsumexp") and a.ndim == 2:
        # row by row, in vec form: d S = S ⊙ (dZ − (S ⊙ dZ) 𝟏𝟏ᵀ), vec(M 𝟏𝟏ᵀ) = (J ⊗ I) vec M
        m, k = a.shape
        ds = diag(vec(softmax(a)))
        if op == "logsumexp":
            return matmul(kron(Ones(k), Identity(m)), ds, ja)
        spread = matmul(kron(Ones(k, k), Identity(m)), ds)
        inner = add(Identity(dim(size(a.shape))), hadamard(const(-1), spread))
        return matmul(ds, inner, ja) if op == "softmax" else matmul(inner, ja)
    if op == "diag":  # vec(diag v) = diag(vec I) (𝟏 ⊗ I) v
        k = a.shape[0]
        return matmul(diag(vec(Identity(k))), transpose(kron(Ones(k), Identity(k))), ja)
    if op == "diagpart":  # diag(A)ᵢ = vec(A)[i + i k]
        k = a.shape[0]
        return matmul(kron(Ones(k), Identity(k)), diag(vec(Identity(k))), ja)
    if op == "softmax":
        return matmul(add(diag(n), hadamard(const(-1), outer(n, n))), ja)
    if op == "log_softmax":
        k = a.shape[0]
        return matmul(add(Identity(k), hadamard(const(-1), outer(Ones(k), softmax(a)))), ja)
    if op == "logsumexp":
        return _jt_dot(ja, softmax(a))
    if op == "outer":
        u, v = n.args
        parts = []
        ju, jv = jac.get(id(u)), jac.get(id(v))
        if ju is not None:  # vec(u vᵀ) = (v ⊗ I) u
            parts.append(matmul(transpose(kron(v, Identity(u.shape[0]))), ju))
        if jv is not None:  # = (I ⊗ u) v
            parts.append(matmul(transpose(kron(Identity(v.shape[0]), u)), jv))
        return add(*parts)
    raise TensorDiffError(f"no Jacobian rule for {op} (in {n}); only its gradient is "
                          "supported")


#: what each forward rule is called in a derivation (steps); vec stacks columns
FORWARD_RULES = {
    "add": "sum rule (d vec(A + B) = d vec A + d vec B; a scalar term spreads as 𝟏)",
    "mul": "product rule, elementwise (d vec(A ⊙ B) = diag(vec B) d vec A + "
           "diag(vec A) d vec B)",
    "matmul": "product rule for matrices (d(AXB) = dA XB + A dX B + AX dB) with "
              "vec(AXB) = (Bᵀ ⊗ A) vec X",
    "func": "chain rule through an elementwise function (d vec f(A) = "
            "diag(vec f'(A)) d vec A)",
    "T": "transpose (vec Aᵀ = K vec A, K the commutation matrix)",
    "vec": "vec (d vec A)",
    "sum": "sum of entries (d Σ A = 𝟏ᵀ d vec A; along an axis: a Kronecker product "
           "with 𝟏ᵀ)",
    "trace": "trace (d tr A = vec(I)ᵀ d vec A)",
    "logdet": "d log det X = vec(X⁻ᵀ)ᵀ d vec X",
    "det": "Jacobi's formula (d det X = det X vec(X⁻ᵀ)ᵀ d vec X)",
    "inv": "d vec X⁻¹ = -(X⁻ᵀ ⊗ X⁻¹) d vec X",
    "norm": "norm (d‖a‖ = vec(a)ᵀ d vec a / ‖a‖)",
    "softmax": "softmax Jacobian (diag(s) - s sᵀ; of a matrix: row by row)",
    "log_softmax": "log-softmax Jacobian (I - 𝟏 softmax(z)ᵀ)",
    "logsumexp": "logsumexp (d = softmax(z)ᵀ dz)",
    "diag": "diagonal matrix of a vector (vec diag(v) = diag(vec I)(𝟏 ⊗ I) v)",
    "diagpart": "diagonal of a matrix (a selection of vec A)",
    "outer": "outer product (vec(u vᵀ) = (v ⊗ I) u = (I ⊗ u) v)",
}


def jacobian_vec(F: TExpr, X: TExpr, trace: list | None = None) -> TExpr:
    """d vec(F) / d vec(X)ᵀ: shape (|F|, |X|), or (|X|,) for a scalar F."""
    from .simplify import collect

    if X.op != "sym":
        raise TensorDiffError(f"can only differentiate with respect to a shaped symbol, not {X}")
    if X.data[1]:
        raise TensorDiffError(f"the Jacobian with respect to the symmetric matrix {X} "
                              "depends on how its entries are counted; declare it without "
                              "symmetric=True")
    N = dim(size(X.shape))
    jac: dict[int, TExpr] = {}
    for n in walk(F):
        if n is X:
            jac[id(n)] = Identity(N) if X.shape else const(1)
            continue
        if not any(id(a) in jac for a in n.args):
            continue
        r = _rule(n, jac, N)
        if r is not None and r.op != "zero":
            jac[id(n)] = r
            if trace is not None:
                trace.append((FORWARD_RULES.get(n.op, n.op), n, r))
    j = jac.get(id(F))
    if j is None:
        return Zero((N,) if not F.shape else (dim(size(F.shape)), N))
    return collect(j)
