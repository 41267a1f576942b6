"""Hypothesis strategies for random expressions over the whole function registry.

A *recipe* is a nested tuple describing how to build an expression with the public
Python API, e.g. ``("add", ("sym", "x"), ("fn", "sin", ("int", 2)))``. Tests use
``build(recipe)`` for the canonical expression and ``mp_eval_recipe`` to evaluate the
same tree *without* canonicalization (the mpmath oracle). ``expressions()`` gives built
expressions directly. Every later test module reuses these.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath as mp
from hypothesis import strategies as st

import symcalc as sc
from symcalc.core import REGISTRY
from symcalc.errors import SymcalcError

SYMBOL_NAMES = ("x", "y", "z")

#: Every distinct registry function, with the number of arguments to give it.
FUNCTIONS: list[tuple[str, int]] = []
for _fd in sorted({id(f): f for f in REGISTRY.values()}.values(), key=lambda f: f.name):
    if _fd.name != "sqrt" and (_fd.undefined or getattr(_fd, "build", None) is not None or (
            _fd.numeric is None and _fd.cnumeric is None)):
        continue  # macros (Gamma) and structural entries (Sum, KroneckerDelta)
    if _fd.name in ("max", "min", "atan2"):
        FUNCTIONS.append((_fd.name, 2))
    else:
        FUNCTIONS.append((_fd.name, _fd.nargs[0]))
#: Functions with an argument that has no closed-form derivative (DiffError): zeta(s),
#: polygamma in its order, the incomplete gammas in s (tested in test_functions_extra.py).
NO_FULL_DERIVATIVE = frozenset({"zeta", "polygamma", "uppergamma", "lowergamma"})
FUNCTION_NAMES = [n for n, _ in FUNCTIONS if n not in NO_FULL_DERIVATIVE]
#: Functions with jumps or kinks (core/kinks.py), and max/min: excluded where derivatives
#: are compared with finite differences.
NONSMOOTH = frozenset({"abs", "sign", "heaviside", "relu", "leaky_relu", "elu", "max", "min",
                       "floor", "ceiling", "frac", "selu", "celu", "softsign", "hardtanh",
                       "hardsigmoid", "hardswish"})
_ARITY = dict(FUNCTIONS)


def leaves(floats: bool = False) -> st.SearchStrategy:
    opts = [
        st.sampled_from(SYMBOL_NAMES).map(lambda n: ("sym", n)),
        st.sampled_from(SYMBOL_NAMES).map(lambda n: ("sym", n)),
        st.integers(-6, 6).map(lambda v: ("int", v)),
        st.tuples(st.integers(-7, 7), st.integers(2, 6)).map(lambda pq: ("rat", pq[0], pq[1])),
        st.sampled_from(["pi", "E"]).map(lambda n: ("const", n)),
    ]
    if floats:
        opts.append(st.floats(-4, 4, allow_nan=False).map(lambda v: ("float", round(v, 3))))
    return st.one_of(*opts)


_EXPONENTS = st.one_of(
    st.integers(-3, 4).map(lambda v: ("int", v)),
    st.sampled_from([(1, 2), (-1, 2), (1, 3), (3, 2), (2, 3)]).map(lambda pq: ("rat", *pq)),
)


def recipes(max_leaves: int = 10, functions: list[str] | None = None,
            floats: bool = False) -> st.SearchStrategy:
    """Random recipes; ``functions`` restricts the function heads (default: all)."""
    names = FUNCTION_NAMES if functions is None else list(functions)

    def extend(children: st.SearchStrategy) -> st.SearchStrategy:
        ops = [
            st.tuples(st.just("add"), children, children),
            st.tuples(st.just("sub"), children, children),
            st.tuples(st.just("mul"), children, children),
            st.tuples(st.just("div"), children, children),
            st.tuples(st.just("neg"), children),
            st.tuples(st.just("pow"), children, st.one_of(_EXPONENTS, leaves())),
        ]
        if names:
            ops.append(st.sampled_from(names).flatmap(
                lambda n: st.tuples(st.just("fn"), st.just(n),
                                    *([children] * _ARITY.get(n, 1)))))
        return st.one_of(*ops)

    return st.recursive(leaves(floats), extend, max_leaves=max_leaves)


def build(r: tuple) -> sc.Expr:
    """The canonical expression for a recipe (may raise DomainError for 1/0)."""
    tag = r[0]
    if tag == "sym":
        return sc.Symbol(r[1])
    if tag == "int":
        return sc.Integer(r[1])
    if tag == "rat":
        return sc.Rational(r[1], r[2])
    if tag == "float":
        return sc.Float(r[1])
    if tag == "const":
        return {"pi": sc.pi, "E": sc.E}[r[1]]
    if tag == "add":
        return build(r[1]) + build(r[2])
    if tag == "sub":
        return build(r[1]) - build(r[2])
    if tag == "mul":
        return build(r[1]) * build(r[2])
    if tag == "div":
        return build(r[1]) / build(r[2])
    if tag == "neg":
        return -build(r[1])
    if tag == "pow":
        return build(r[1]) ** build(r[2])
    if tag == "fn":
        return REGISTRY[r[1]](*(build(a) for a in r[2:]))
    raise ValueError(tag)


def mp_eval_recipe(r: tuple, env: dict[str, object]):
    """mpmath value of the recipe's raw tree at env (name -> value), or None if undefined."""
    from mpeval import _clean, _pow, mp_function

    def ev(r):
        tag = r[0]
        if tag == "sym":
            return mp.mpf(env[r[1]])
        if tag == "int":
            return mp.mpf(r[1])
        if tag == "rat":
            return mp.mpf(r[1]) / r[2]
        if tag == "float":
            return mp.mpf(r[1])
        if tag == "const":
            return mp.pi if r[1] == "pi" else mp.e
        if tag == "add":
            return ev(r[1]) + ev(r[2])
        if tag == "sub":
            return ev(r[1]) - ev(r[2])
        if tag == "mul":
            return ev(r[1]) * ev(r[2])
        if tag == "div":
            d = ev(r[2])
            if d == 0:
                raise ZeroDivisionError
            return ev(r[1]) / d
        if tag == "neg":
            return -ev(r[1])
        if tag == "pow":
            return _clean(_pow(ev(r[1]), ev(r[2])))
        if tag == "fn":
            args = [_clean(ev(a)) for a in r[2:]]
            if r[1] in ("relu", "heaviside", "leaky_relu", "elu", "max", "min", "sign",
                        "atan2") and any(isinstance(a, mp.mpc) for a in args):
                raise ValueError
            if r[1] in ("leaky_relu", "elu") and len(args) == 1:
                args.append(mp.mpf(1) / 100 if r[1] == "leaky_relu" else mp.mpf(1))
            return _clean(mp_function(r[1])(*args))
        raise ValueError(tag)

    try:
        return _clean(ev(r))
    except (ZeroDivisionError, ValueError, TypeError, OverflowError):
        return None


def try_build(r: tuple) -> sc.Expr | None:
    try:
        return build(r)
    except SymcalcError:
        return None


def _finite(e: sc.Expr | None) -> bool:
    return e is not None and not e.has(sc.oo, sc.nan)


def expressions(max_leaves: int = 10, functions: list[str] | None = None,
                floats: bool = False, finite: bool = True) -> st.SearchStrategy:
    """Canonical expressions (recipes that fail to build, e.g. 1/0, are filtered out;
    with ``finite`` also those containing oo or nan, e.g. from log(0))."""
    ok = _finite if finite else (lambda e: e is not None)
    return recipes(max_leaves, functions, floats).map(try_build).filter(ok)


def points(n: int = 3) -> st.SearchStrategy:
    """Random real points for the symbols x, y, z (avoiding exact small integers)."""
    coord = st.floats(-3, 3, allow_nan=False).map(lambda v: round(v, 6) + 1e-7)
    return st.fixed_dictionaries({name: coord for name in SYMBOL_NAMES[:n]})


def rational(v: Fraction) -> sc.Expr:
    return sc.Rational(v.numerator, v.denominator)
