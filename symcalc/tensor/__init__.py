"""Shaped expressions: vectors, matrices and tensors, their derivatives in matrix
notation, and their compilation to NumPy/BLAS.

Design (this layer sits between ``core/`` and ``calculus/``; scalar expressions are
untouched — a scalar enters only as a coefficient or a shape-() ``const`` leaf):

* ``expr.py``: one interned immutable node class :class:`TExpr` ``(op, args, data,
  shape)``, separate from core ``Expr`` (its own intern table). Constructors
  canonicalize: flat sums and Hadamard products with core-Expr coefficients and
  exponents, scalars pulled out of products and reductions, transposes pushed to the
  leaves, identities and zeros folded. Shapes are checked at construction
  (:class:`symcalc.ShapeError`); elementwise operations broadcast over trailing axes
  (a vector over the rows of a matrix is the outer product 𝟏bᵀ). Order-3 and higher
  tensors have ``tensordot`` (contractions over paired axes; those of vectors and
  matrices become products) and ``permute`` (axis permutations); traces of products
  take a canonical cyclic form.
* ``printing.py``: str (parses back), unicode (Xᵀ, ⊙, ‖·‖, tr) and LaTeX.
* ``reverse.py``: gradients of scalar-valued expressions by reverse accumulation *in
  matrix notation*: each operation has its adjoint rule written with matrices
  (C = AB ⇒ Ā = C̄Bᵀ, B̄ = AᵀC̄; f(A) ⇒ Ā = C̄ ⊙ f'(A); log det X ⇒ X̄ = c̄ X⁻ᵀ ...).
  The gradient has the shape of the variable (the "gradient layout").
* ``forward.py``: Jacobians by forward accumulation of d vec(F) / d vec(X)ᵀ in the
  Magnus–Neudecker convention (Kronecker products, diag, commutation matrices):
  exact matrix forms for vector functions (softmax: diag(s) − s sᵀ) and for Hessians
  (the Jacobian of the gradient): 2XᵀX, Xᵀ diag(σ(u) ⊙ σ(−u)) X. ``steps`` explains
  Jacobians by these forward rules and Hessians as gradient, then Jacobian.
  Why these two rather than full index notation (Laue et al. 2018): every worked
  example (first derivatives of scalar losses, Jacobians of vector maps, Hessians in
  vectors and matrices) has a closed form in these conventions, the rules are one
  line each, and the results need no translation back from indices. Higher-order
  tensors appear only as vec-reshaped matrices.
* ``expand.py``: a concrete-shaped expression as an array of scalar core expressions
  (the oracle in tests: entrywise derivatives by the scalar engine).
* ``compile.py``: lowering to straight-line NumPy (``@``/``multi_dot`` for products,
  diag(d) as scaling, Aᵀdiag(d)A as one symmetric product (syrk; d ≥ 0 proven from
  its structure or tested at run time), σ(u)σ(−u) in one pass, elementwise steps in
  place on temporaries nothing else reads, stable softmax/logsumexp, np.tensordot),
  value_and_grad with gradients in the parameters' shapes, an optional leading batch
  axis (per-example losses summed).
* ``simplify.py``: collecting common factors of products, substitution of facts
  (``assume={sum(y): 1}``).
* ``calculus.py``: the public diff/gradient/jacobian/hessian that ``sc.diff`` & co.
  delegate to when an argument is shaped; ``steps`` (the rules of the reverse sweep).
* ``parsing.py``: what the grammar's callbacks do with shaped operands (``@``, ``.T``,
  ``sum(A, 0)``, ...) and the REPL declarations ``W = matrix(3, 2)``.
* ``indexed.py``: indexed symbols x[i], sums Σ with symbolic bounds, Kronecker deltas.
* ``bridge.py``: f'(u) from the scalar derivative table, applied elementwise.

Dependencies: ``core`` at import time; the scalar derivative table (``calculus.diff``)
and the scalar compiler (for functions without a NumPy template) lazily, on use.
Worked examples, conventions and limits: docs/tensor.md.
"""

from __future__ import annotations

from typing import Any

from .expr import (
    Commutation,
    Identity,
    MatrixSymbol,
    Ones,
    TensorSymbol,
    TExpr,
    VectorSymbol,
    Zero,
    det,
    diag,
    func,
    hadamard,
    inv,
    kron,
    log_softmax,
    logdet,
    logsumexp,
    matmul,
    norm,
    outer,
    permute,
    softmax,
    tensordot,
    trace,
    transpose,
    tsum,
    vec,
)
from .printing import tlatex, tpretty, tstr


def sum(a: Any, axis: int | None = None) -> Any:  # noqa: A001 - sc.sum reads like the math
    """Σ of the entries of a shaped expression (or along ``axis``): ``sc.sum(y)``.
    A list of scalar expressions is added."""
    if isinstance(a, TExpr):
        return tsum(a, axis)
    if isinstance(a, (list, tuple)):
        from ..core import add

        return add(*a)
    raise TypeError(f"sum: expected a shaped expression, got {a!r}")


def cross_entropy(z: Any, y: Any) -> TExpr:
    """−Σ yᵢ log softmax(z)ᵢ: the loss of logits z against targets y."""
    return -tsum(hadamard(y, log_softmax(z)))

__all__ = [
    "Commutation", "Identity", "MatrixSymbol", "Ones", "TExpr", "TensorSymbol",
    "VectorSymbol", "Zero", "det", "diag", "func", "hadamard", "inv", "kron", "log_softmax",
    "logdet", "logsumexp", "matmul", "norm", "outer", "softmax", "tlatex", "tpretty",
    "trace", "transpose", "tstr", "tsum", "vec", "sum", "cross_entropy", "permute",
    "tensordot",
]
