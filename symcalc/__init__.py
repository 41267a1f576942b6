"""symcalc: a symbolic calculus engine for machine learning, written from scratch.

>>> import symcalc as sc
>>> x = sc.Symbol("x")
>>> sc.parse("sin(x^2) * exp(-x)")
exp(-x)*sin(x^2)
"""

from __future__ import annotations

from typing import Any

from .core import (  # functions_special, functions_discrete, activations_extra
    Abs,
    Add,
    And,
    Apply,
    Chi,
    Ci,
    E,
    Ei,
    Eq,
    Expr,
    Float,
    Function,
    FunctionDef,
    I,
    Integer,
    Li2,
    Matrix,
    Max,
    Min,
    Mul,
    Ne,
    Not,
    Or,
    Piecewise,
    Pow,
    Rational,
    Relational,
    RootOf,
    Shi,
    Si,
    Symbol,
    acos,
    acosh,
    acot,
    acoth,
    acsc,
    acsch,
    arg,
    asec,
    asech,
    asin,
    asinh,
    atan,
    atan2,
    atanh,
    beta,
    binomial,
    cbrt,
    ceiling,
    celu,
    conjugate,
    cos,
    cosh,
    cot,
    coth,
    csc,
    csch,
    digamma,
    elu,
    erf,
    erfc,
    erfcinv,
    erfinv,
    exp,
    expm1,
    factorial,
    false,
    floor,
    frac,
    fresnelc,
    fresnels,
    gamma,
    gelu,
    hardsigmoid,
    hardswish,
    hardtanh,
    heaviside,
    im,
    lambertw,
    leaky_relu,
    li,
    log,
    log1p,
    loggamma,
    logit,
    lowergamma,
    mish,
    nan,
    normcdf,
    normpdf,
    oo,
    pi,
    polygamma,
    polylog,
    re,
    relu,
    sec,
    sech,
    selu,
    sigmoid,
    sign,
    silu,
    sin,
    sinc,
    sinh,
    softplus,
    softsign,
    sqrt,
    symbols,
    tan,
    tanh,
    true,
    uppergamma,
    xlogy,
    zeta,
)
from .core.budget import budget
from .core.expand import expand
from .core.expr import as_expr as sympify
from .errors import (
    DomainError,
    EvaluationError,
    LimitError,
    ParseError,
    ShapeError,
    SymcalcError,
)

__version__ = "0.1.0"

abs = Abs  # noqa: A001 - `symcalc.abs(x)` reads like the math

# Heavier parts load on first use, so `import symcalc` stays fast.
_LAZY = {
    "parse": ("symcalc.parse", "parse"),
    "latex": ("symcalc.printing.latex", "latex"),
    "pretty": ("symcalc.printing.pretty", "pretty"),
    "sstr": ("symcalc.printing.str", "sstr"),
    "diff": ("symcalc.calculus.diff", "diff"),
    "gradient": ("symcalc.calculus.vector", "gradient"),
    "jacobian": ("symcalc.calculus.vector", "jacobian"),
    "hessian": ("symcalc.calculus.vector", "hessian"),
    "directional_derivative": ("symcalc.calculus.vector", "directional_derivative"),
    "compile": ("symcalc.compile.api", "compile"),
    "lambdify": ("symcalc.compile.api", "lambdify"),
    "value_and_grad": ("symcalc.compile.api", "value_and_grad"),
    "compile_jacobian": ("symcalc.compile.api", "compile_jacobian"),
    "compile_hessian": ("symcalc.compile.api", "compile_hessian"),
    "factor": ("symcalc.algebra.factor_expr", "factor"),
    "cancel": ("symcalc.algebra.rational", "cancel"),
    "together": ("symcalc.algebra.rational", "together"),
    "apart": ("symcalc.algebra.rational", "apart"),
    "collect": ("symcalc.algebra.rational", "collect"),
    "solve": ("symcalc.algebra.solve", "solve"),
    "SolveError": ("symcalc.algebra.solve", "SolveError"),
    "simplify": ("symcalc.algebra.simplify", "simplify"),
    "integrate": ("symcalc.calculus.integrate", "integrate"),
    "series": ("symcalc.calculus.series", "series"),
    "SeriesError": ("symcalc.calculus.series", "SeriesError"),
    "O": ("symcalc.calculus.order", "O"),
    "Series": ("symcalc.calculus.order", "Series"),
    "as_series": ("symcalc.calculus.order", "as_series"),
    "removeO": ("symcalc.calculus.order", "removeO"),
    "taylor": ("symcalc.calculus.taylor", "taylor"),
    "limit": ("symcalc.calculus.limit", "limit"),
    "LimitNotFound": ("symcalc.calculus.limit", "LimitNotFound"),
    "Integral": ("symcalc.calculus.integrate", "Integral"),
    "minimize": ("symcalc.numerics.optimize", "minimize"),
    "gradcheck": ("symcalc.numerics.gradcheck", "gradcheck"),
    "nsolve": ("symcalc.numerics.roots", "nsolve"),
    "critical_points": ("symcalc.numerics.critical", "critical_points"),
    "nintegrate": ("symcalc.numerics.quadrature", "nintegrate"),
    # automatic differentiation made visible (numerics/forward.py, dual.py, backprop.py)
    "jvp": ("symcalc.numerics.forward", "jvp"),
    "vjp": ("symcalc.numerics.forward", "vjp"),
    "hvp": ("symcalc.numerics.forward", "hvp"),
    "compile_jvp": ("symcalc.numerics.forward", "compile_jvp"),
    "compile_vjp": ("symcalc.numerics.forward", "compile_vjp"),
    "compile_hvp": ("symcalc.numerics.forward", "compile_hvp"),
    "Dual": ("symcalc.numerics.dual", "Dual"),
    "backprop": ("symcalc.numerics.backprop", "backprop"),
    "forward_trace": ("symcalc.numerics.backprop", "forward_trace"),
    "lagrange": ("symcalc.numerics.constraints", "lagrange"),
    # shaped expressions (tensor/): vectors, matrices, tensors and matrix calculus
    "MatrixSymbol": ("symcalc.tensor", "MatrixSymbol"),
    "VectorSymbol": ("symcalc.tensor", "VectorSymbol"),
    "TensorSymbol": ("symcalc.tensor", "TensorSymbol"),
    "Identity": ("symcalc.tensor", "Identity"),
    "Ones": ("symcalc.tensor", "Ones"),
    "Zero": ("symcalc.tensor", "Zero"),
    "sum": ("symcalc.tensor", "sum"),
    "trace": ("symcalc.algebra.linalg", "trace"),
    "det": ("symcalc.algebra.linalg", "det"),
    "logdet": ("symcalc.tensor", "logdet"),
    "inv": ("symcalc.algebra.linalg", "inv"),
    "diag": ("symcalc.tensor", "diag"),
    "norm": ("symcalc.algebra.linalg", "norm"),
    "softmax": ("symcalc.tensor", "softmax"),
    "log_softmax": ("symcalc.tensor", "log_softmax"),
    "logsumexp": ("symcalc.tensor", "logsumexp"),
    "outer": ("symcalc.tensor", "outer"),
    "kron": ("symcalc.tensor", "kron"),
    "tensordot": ("symcalc.tensor", "tensordot"),
    "permute": ("symcalc.tensor", "permute"),
    "vec": ("symcalc.tensor", "vec"),
    "transpose": ("symcalc.tensor", "transpose"),
    "cross_entropy": ("symcalc.tensor", "cross_entropy"),
    "Sum": ("symcalc.tensor.indexed", "Sum"),
    "IndexedSymbol": ("symcalc.tensor.indexed", "IndexedSymbol"),
    "KroneckerDelta": ("symcalc.tensor.indexed", "KroneckerDelta"),
    # explicit matrices (algebra/matrices.py, algebra/eigen.py) and polynomial roots
    "rank": ("symcalc.algebra.linalg", "rank"),
    "rref": ("symcalc.algebra.linalg", "rref"),
    "nullspace": ("symcalc.algebra.linalg", "nullspace"),
    "cond": ("symcalc.algebra.linalg", "cond"),
    "lu": ("symcalc.algebra.linalg", "lu"),
    "cholesky": ("symcalc.algebra.linalg", "cholesky"),
    "charpoly": ("symcalc.algebra.linalg", "charpoly"),
    "eigenvals": ("symcalc.algebra.linalg", "eigenvals"),
    "eigenvects": ("symcalc.algebra.linalg", "eigenvects"),
    "eye": ("symcalc.algebra.linalg", "eye"),
    "zeros": ("symcalc.algebra.linalg", "zeros"),
    "real_roots": ("symcalc.algebra.roots", "real_roots"),
    "nroots": ("symcalc.algebra.roots", "nroots"),
    "groebner": ("symcalc.algebra.groebner", "groebner"),
}


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'symcalc' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(target[0]), target[1])
    globals()[name] = value
    return value


def evalf(e: Any, n: Any = None, subs: dict | None = None) -> Any:
    """Numeric value of an expression (see :meth:`Expr.evalf`): a float, or with ``n``
    a number correct to n significant digits."""
    return sympify(e).evalf(n, subs)


def N(e: Any, n: int = 15, subs: dict | None = None) -> Any:
    """``e`` to ``n`` significant digits (an MPFloat, or MPComplex where not real)."""
    from .core.evalf import N as _N

    return _N(sympify(e), n, subs)


__all__ = [
    "Abs", "Add", "And", "Apply", "Matrix", "budget", "diff", "gradient", "jacobian", "hessian",
    "directional_derivative", "DomainError", "E", "Eq", "EvaluationError", "Expr",
    "Float", "Function", "FunctionDef", "Integer", "LimitError", "Max", "Min", "Mul", "Ne",
    "Not", "Or", "ParseError", "Piecewise", "Pow", "Rational", "Relational", "Symbol",
    "SymcalcError", "abs", "acos", "acosh", "acot", "acoth", "acsc", "acsch", "asec",
    "asech", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "cos", "cosh", "cot", "coth",
    "csc", "csch", "elu", "erf", "erfc", "Ei", "li", "Li2", "polylog", "evalf", "N", "exp",
    "expand", "false", "gelu",
    "heaviside", "latex", "leaky_relu", "log", "nan", "oo", "parse", "pi", "pretty", "relu",
    "sec", "sech", "sigmoid", "sign", "sin", "sinh", "softplus", "sqrt", "sstr", "symbols",
    "sympify", "tan", "tanh", "true", "compile", "lambdify", "value_and_grad",
    "compile_jacobian", "compile_hessian", "factor", "cancel", "together", "apart", "collect",
    "solve", "SolveError", "simplify", "integrate", "Integral", "series", "SeriesError",
    "limit", "LimitNotFound", "minimize", "gradcheck",
    "O", "Series", "as_series", "removeO", "taylor",
    "nsolve", "critical_points", "nintegrate", "jvp", "vjp", "hvp", "compile_jvp",
    "compile_vjp", "compile_hvp", "Dual", "backprop", "forward_trace", "lagrange",
    "ShapeError", "MatrixSymbol", "VectorSymbol",
    "TensorSymbol", "Identity", "Ones", "Zero", "sum", "trace", "det", "logdet", "inv",
    "diag", "norm", "softmax", "log_softmax", "logsumexp", "outer", "kron", "vec",
    "tensordot", "permute", "transpose", "cross_entropy", "Sum", "IndexedSymbol", "KroneckerDelta",
    "I", "re", "im", "conjugate", "arg", "RootOf", "rank", "rref", "nullspace", "cond", "lu",
    "cholesky", "charpoly", "eigenvals", "eigenvects", "eye", "zeros", "real_roots", "nroots",
    "groebner",
    # functions_special, functions_discrete, activations_extra
    "Chi", "Ci", "Shi", "Si", "beta", "binomial", "ceiling", "celu", "digamma",
    "erfcinv", "erfinv", "expm1", "factorial", "floor", "frac", "fresnelc", "fresnels", "gamma",
    "hardsigmoid", "hardswish", "hardtanh", "lambertw", "log1p", "loggamma", "logit",
    "lowergamma", "mish",
    "normcdf", "normpdf", "polygamma", "selu", "silu", "sinc", "softsign", "uppergamma", "xlogy",
    "zeta",
]
