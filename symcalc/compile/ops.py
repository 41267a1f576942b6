"""The primitive operations of the low IR: one NumPy call and one scalar expression each.

``NUMPY[op]`` is the callee in generated NumPy code (a ufunc taking ``out=``, plus
literal extra arguments), ``MATH[op]`` a scalar template over plain Python floats
(it may raise on a domain error; the scalar backend then falls back to NumPy
semantics: nan and inf instead of exceptions). ``BOOL`` ops give booleans.
"""

from __future__ import annotations

import math
from typing import Any

#: op -> (callee, extra literal arguments after the sources)
NUMPY: dict[str, tuple[str, str]] = {
    "add": ("np.add", ""), "sub": ("np.subtract", ""), "mul": ("np.multiply", ""),
    "div": ("np.divide", ""), "neg": ("np.negative", ""), "pow": ("_power", ""),
    "sqrt": ("_sqrt", ""), "cbrt": ("np.cbrt", ""), "exp": ("np.exp", ""),
    "expm1": ("np.expm1", ""), "log": ("_log", ""), "log1p": ("_log1p", ""),
    "sin": ("np.sin", ""), "cos": ("np.cos", ""), "tan": ("np.tan", ""),
    "asin": ("_asin", ""), "acos": ("_acos", ""), "atan": ("_atan", ""),
    "sinh": ("np.sinh", ""), "cosh": ("np.cosh", ""), "tanh": ("np.tanh", ""),
    "asinh": ("_asinh", ""), "acosh": ("_acosh", ""), "atanh": ("_atanh", ""),
    "abs": ("np.absolute", ""), "sign": ("np.sign", ""), "step": ("np.heaviside", ", 0.0"),
    "erf": ("_erf", ""), "erfc": ("_erfc", ""), "Ei": ("_ei", ""), "Li2": ("_li2", ""),
    "atan2": ("np.arctan2", ""), "hypot": ("np.hypot", ""), "maximum": ("np.maximum", ""),
    "minimum": ("np.minimum", ""), "fmin": ("np.fmin", ""), "logaddexp": ("np.logaddexp", ""),
    "sigmoid": ("_sigmoid", ""), "floor": ("np.floor", ""), "ceil": ("np.ceil", ""),
    "gt": ("np.greater", ""), "ge": ("np.greater_equal", ""), "lt": ("np.less", ""),
    "le": ("np.less_equal", ""), "eq": ("np.equal", ""), "ne": ("np.not_equal", ""),
    "and": ("np.logical_and", ""), "or": ("np.logical_or", ""), "not": ("np.logical_not", ""),
    # array code where tan is a SIMD loop (passes.TRIG): sin/cos from the half-angle
    # form s, its values near 0 recomputed from u (sinfix(s, u))
    "sinfix": ("_sinfix", ""), "cosfix": ("_cosfix", ""),
}

#: generic (no ``out=``) callees that differ from NUMPY
GENERIC = {"erf": "_erf_generic", "erfc": "_erfc_generic", "sigmoid": "_sigmoid_generic",
           "Ei": "_ei_generic", "Li2": "_li2_generic", "pow": "np.power", "sqrt": "np.sqrt",
           "log": "np.log", "log1p": "np.log1p", "asin": "np.arcsin", "acos": "np.arccos",
           "atan": "np.arctan", "asinh": "np.arcsinh", "acosh": "np.arccosh",
           "atanh": "np.arctanh"}
#: ops whose complex values have branch cuts: the NumPy ufunc and the base function
#: whose convention (symcalc.core.branches) it follows on complex arrays
BRANCHED = {"_power": ("power", "log"), "_sqrt": ("sqrt", "sqrt"), "_log": ("log", "log"),
            "_asin": ("arcsin", "asin"), "_acos": ("arccos", "acos"),
            "_atan": ("arctan", "atan"), "_asinh": ("arcsinh", "asinh"),
            "_acosh": ("arccosh", "acosh"), "_atanh": ("arctanh", "atanh")}

MATH: dict[str, str] = {
    "add": "({0} + {1})", "sub": "({0} - {1})", "mul": "({0} * {1})", "div": "({0} / {1})",
    "neg": "(-{0})", "pow": "_m.pow({0}, {1})", "sqrt": "_m.sqrt({0})", "cbrt": "_cbrt({0})",
    "exp": "_m.exp({0})", "expm1": "_m.expm1({0})", "log": "_m.log({0})",
    "log1p": "_m.log1p({0})", "sin": "_m.sin({0})", "cos": "_m.cos({0})",
    "tan": "_m.tan({0})", "asin": "_m.asin({0})", "acos": "_m.acos({0})",
    "atan": "_m.atan({0})", "sinh": "_m.sinh({0})", "cosh": "_m.cosh({0})",
    "tanh": "_m.tanh({0})", "asinh": "_m.asinh({0})", "acosh": "_m.acosh({0})",
    "atanh": "_m.atanh({0})", "abs": "abs({0})", "sign": "_sign({0})",
    "step": "(1.0 if {0} > 0 else 0.0 if {0} == {0} else {0})", "erf": "_m.erf({0})",
    "erfc": "_m.erfc({0})", "Ei": "_ei_s({0})", "Li2": "_li2_s({0})",
    "atan2": "_m.atan2({0}, {1})", "hypot": "_m.hypot({0}, {1})",
    "maximum": "({0} if {0} >= {1} or {0} != {0} else {1})",
    "minimum": "({0} if {0} <= {1} or {0} != {0} else {1})",
    "fmin": "_fmin({0}, {1})", "logaddexp": "_logaddexp({0}, {1})", "sigmoid": "_sigmoid_s({0})",
    "gt": "({0} > {1})", "ge": "({0} >= {1})", "lt": "({0} < {1})", "le": "({0} <= {1})",
    "eq": "({0} == {1})", "ne": "({0} != {1})", "and": "({0} and {1})",
    "or": "({0} or {1})", "not": "(not {0})", "where": "({1} if {0} else {2})",
    "sinfix": "_m.sin({1})", "cosfix": "_m.cos({1})",
}

# the special functions of special_extra: one vectorized callee each (fresh result,
# so out= may alias an input), and the registry's float value for scalar code
for _name in ("gamma", "loggamma", "digamma", "polygamma", "beta", "binomial", "zeta",
              "erfinv", "erfcinv", "lambertw", "Si", "Ci", "Shi", "Chi", "fresnels",
              "fresnelc", "erfi", "uppergamma", "lowergamma", "sinc"):
    NUMPY[_name] = (f"_sx_{_name}", "")
    GENERIC[_name] = f"_sx_{_name}"
    _nargs = 2 if _name in ("polygamma", "beta", "binomial", "uppergamma", "lowergamma") else 1
    MATH[_name] = f"_sf_{_name}(" + ", ".join("{%d}" % i for i in range(_nargs)) + ")"
MATH["floor"] = "_floor_s({0})"
MATH["ceil"] = "_ceil_s({0})"
EXTRA = frozenset(n for n, (c, _) in NUMPY.items() if c.startswith("_sx_"))

BOOL = frozenset({"gt", "ge", "lt", "le", "eq", "ne", "and", "or", "not"})
PRIMITIVE = frozenset(NUMPY) | {"where"}
COMMUTATIVE = frozenset({"add", "mul", "hypot", "maximum", "minimum", "logaddexp", "eq", "ne",
                         "and", "or"})


def _cbrt(x: float) -> float:
    return math.copysign(abs(x) ** (1.0 / 3.0), x)


def _sign(x: float) -> float:
    return 1.0 if x > 0 else -1.0 if x < 0 else x  # keeps 0.0 and nan


def _sigmoid_scalar(u: float) -> float:
    if u >= 0.0:
        return 1.0 / (1.0 + math.exp(-u))
    e = math.exp(u)  # u < 0 (or nan): no overflow
    return e / (1.0 + e)


def _fmin(a: float, b: float) -> float:
    return b if a != a else a if b != b or a <= b else b  # a nan argument is ignored


def _logaddexp(a: float, b: float) -> float:
    m = a if a >= b else b
    if m == -math.inf or m == math.inf:
        return m if a == a and b == b else math.nan
    return m + math.log1p(math.exp(-abs(a - b)))


def _floor_s(x: float) -> float:
    return float(math.floor(x)) if math.isfinite(x) else x


def _ceil_s(x: float) -> float:
    return float(math.ceil(x)) if math.isfinite(x) else x


def _scalar_of(name: str) -> Any:
    """The registry's float implementation; ValueError where it has no real value, so
    that the scalar backend falls back to the NumPy path (nan, inf) like elsewhere."""
    from ..core import REGISTRY

    numeric = REGISTRY[name].numeric

    def f(*args: float) -> float:
        r = numeric(*args)
        if r is None:
            raise ValueError(f"{name}{args}")
        return float(r)
    return f


def math_namespace() -> dict[str, Any]:
    """Globals of generated scalar code."""
    from ..core.nonelementary import ei, li2

    extra = {f"_sf_{n}": _scalar_of(n) for n in EXTRA}
    return {**extra, "_floor_s": _floor_s, "_ceil_s": _ceil_s,
            "_m": math, "_cbrt": _cbrt, "_sign": _sign, "_logaddexp": _logaddexp, "_fmin": _fmin,
            "_sigmoid_s": _sigmoid_scalar, "_ei_s": ei, "_li2_s": li2}


def _quiet_hooks(np: Any) -> tuple:
    """(set, reset, state): ``tok = set(state) ... reset(tok)`` silences floating-point
    warnings like ``np.errstate(all="ignore")`` at a tenth of its cost (NumPy 2 keeps
    the error state in a context variable); np.errstate itself where that is missing."""
    try:
        from numpy._core.umath import _extobj_contextvar, _make_extobj

        return _extobj_contextvar.set, _extobj_contextvar.reset, _make_extobj(all="ignore")
    except (ImportError, AttributeError, TypeError):  # pragma: no cover - NumPy 1.x
        def enter(state: Any) -> Any:
            cm = np.errstate(all="ignore")
            cm.__enter__()
            return cm

        return enter, lambda cm: cm.__exit__(None, None, None), None


def numpy_namespace() -> dict[str, Any]:
    """Globals of generated NumPy code."""
    import numpy as np

    from . import special, special_extra, special_scipy

    qset, qreset, qstate = _quiet_hooks(np)
    branched = {k: special.branch(getattr(np, uf), name) for k, (uf, name) in BRANCHED.items()}
    branched["_log1p"] = special.branch_log1p()
    fast = special_scipy.functions() or {}  # scipy.special where installed
    return {**branched,
            **{f"_sx_{n}": fast.get(n, special_extra.FUNCTIONS[n]) for n in EXTRA},
            "np": np, "_qset": qset, "_qreset": qreset, "_quiet": qstate,
            "_erf": special.erf, "_erfc": special.erfc,
            "_erf_generic": special.erf_generic, "_erfc_generic": special.erfc_generic,
            "_sigmoid": special.sigmoid, "_sigmoid_generic": special.sigmoid_generic,
            "_sinfix": special.sinfix, "_cosfix": special.cosfix,
            "_ei": special.ei, "_ei_generic": special.ei_generic, "_li2": special.li2,
            "_li2_generic": special.li2_generic}


def _resolve(callee: str, ns: dict[str, Any]) -> Any:
    """The function a callee name of the tables names: ``np.add`` or ``_erf``."""
    head, _, attr = callee.partition(".")
    obj = ns[head]
    return getattr(obj, attr) if attr else obj


def evaluate(op: str, args: list) -> Any:
    """The value of a primitive op at constant arguments (for constant folding)."""
    import numpy as np

    ns = numpy_namespace()
    vals = [np.bool_(a) if isinstance(a, bool) else np.float64(a) for a in args]
    with np.errstate(all="ignore"):
        if op == "where":
            r = vals[1] if vals[0] else vals[2]
        else:
            callee, extra = NUMPY[op]
            f = _resolve(callee, ns)
            r = f(*vals, 0.0) if extra else f(*vals)
    if op in BOOL:
        return bool(r)
    return float(r)
