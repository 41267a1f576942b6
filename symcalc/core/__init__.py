"""The kernel: immutable, hash-consed, canonical expressions and the function registry."""

from __future__ import annotations

from . import expr as _expr
from .activations_extra import (
    celu,
    hardsigmoid,
    hardswish,
    hardtanh,
    mish,
    selu,
    silu,
    softsign,
)
from .arithmetic import Add, Mul, Pow, add, could_extract_minus_sign, mul, power
from .complexfns import arg, conjugate, im, re
from .expr import Atom, Expr, as_expr, intern_size
from .function import REGISTRY, Apply, Function, FunctionDef, define, lookup_function
from .functions import (
    INPUT_ONLY,
    Abs,
    Ei,
    Li2,
    Max,
    Min,
    acos,
    acosh,
    acot,
    acoth,
    acsc,
    acsch,
    asec,
    asech,
    asin,
    asinh,
    atan,
    atan2,
    atanh,
    cbrt,
    cos,
    cosh,
    cot,
    coth,
    csc,
    csch,
    elu,
    erf,
    erfc,
    exp,
    gelu,
    heaviside,
    leaky_relu,
    li,
    log,
    polylog,
    relu,
    sec,
    sech,
    sigmoid,
    sign,
    sin,
    sinh,
    softplus,
    sqrt,
    tan,
    tanh,
)
from .functions_discrete import binomial, ceiling, factorial, floor, frac
from .functions_special import (
    SYMBOL_NAMES,
    Chi,
    Ci,
    Shi,
    Si,
    beta,
    digamma,
    erfcinv,
    erfi,
    erfinv,
    expm1,
    fresnelc,
    fresnels,
    gamma,
    lambertw,
    log1p,
    loggamma,
    logit,
    lowergamma,
    normcdf,
    normpdf,
    polygamma,
    sinc,
    uppergamma,
    xlogy,
    zeta,
)
from .gaussian import I
from .logic import (
    And,
    BooleanAtom,
    Eq,
    Ne,
    Not,
    Or,
    Piecewise,
    Relational,
    false,
    piecewise,
    rel,
    true,
)
from .matrix import Matrix
from .numbers import (
    CONSTANTS,
    HALF,
    MINUS_ONE,
    ONE,
    TWO,
    ZERO,
    Constant,
    E,
    Float,
    Integer,
    Number,
    Rational,
    nan,
    number,
    oo,
    pi,
)
from .order import order_fn as _order_fn  # noqa: F401 - the parser reads O(x^3)
from .rootof import RootOf
from .symbol import RESERVED, Symbol, symbols

_ops = _expr._ops
_ops.rel = rel
_ops.true, _ops.false = true, false

RESERVED.update(REGISTRY)
RESERVED.difference_update(SYMBOL_NAMES)  # gamma(x) is the function, gamma a symbol
RESERVED.update(CONSTANTS)
RESERVED.update({"True", "False", "piecewise", "and", "or", "not"})

__all__ = [
    "Abs", "Add", "And", "Matrix", "RootOf", "Apply", "Atom", "BooleanAtom", "CONSTANTS",
    "Constant", "E", "Eq",
    "Expr", "Float", "Function", "FunctionDef", "HALF", "Integer", "MINUS_ONE", "Max", "Min",
    "Mul", "Ne", "Not", "Number", "ONE", "Or", "Piecewise", "Pow", "REGISTRY", "Rational",
    "Relational", "Symbol", "TWO", "ZERO", "acos", "acosh", "acot", "acoth", "acsc", "acsch",
    "add", "as_expr", "asec", "asech", "asin", "asinh", "atan", "atan2", "atanh", "cbrt",
    "cos", "cosh", "cot", "coth", "could_extract_minus_sign", "csc", "csch", "define", "elu",
    "erf", "erfc", "exp", "false", "gelu", "heaviside", "intern_size", "leaky_relu", "log",
    "Ei", "li", "Li2", "polylog", "INPUT_ONLY",
    "lookup_function", "mul", "nan", "number", "oo", "pi", "piecewise", "power", "rel", "relu",
    "sec", "sech", "sigmoid", "sign", "sin", "sinh", "softplus", "sqrt", "symbols", "tan",
    "tanh", "true", "I", "arg", "conjugate", "im", "re",
    # functions_special, functions_discrete, activations_extra
    "Chi", "Ci", "Shi", "Si", "beta", "binomial", "ceiling", "celu", "digamma", "erfcinv",
    "erfi", "erfinv", "expm1", "factorial", "floor", "frac", "fresnelc", "fresnels", "gamma",
    "hardsigmoid", "hardswish", "hardtanh", "lambertw", "log1p", "loggamma", "logit",
    "lowergamma", "mish", "normcdf", "normpdf", "polygamma", "selu", "silu", "sinc",
    "softsign", "uppergamma", "xlogy", "zeta",
]
