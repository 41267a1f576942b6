"""Reverse-mode differentiation over the IR, micrograd style.

Each primitive op states its local adjoints: given the adjoint ``g`` of its output
``y``, what it adds to the adjoint of each source. One walk over the forward ops in
reverse topological order accumulates them. Adjoints are IR nodes built by the
folding constructor :func:`.passes.mk`, so they share every forward value (hash
consing) and the whole gradient costs a small constant times one evaluation of f,
whatever the number of variables.

>>> from symcalc.compile.ir import scope, var
>>> from symcalc.compile.passes import mk
>>> with scope():
...     x, y = var(0), var(1)
...     gradient(mk("mul", mk("sin", x), y), 2)
[mul(v1, cos(v0)), sin(v0)]
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .ir import Node, const, toposort, var
from .passes import mk

_Local = Callable[[Node, Node], list]
C = const
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


def _d_mul(y: Node, g: Node) -> list:
    a, b = y.src
    if a is b:
        return [(a, mk("mul", C(2.0), mk("mul", g, a)))]
    return [(a, mk("mul", g, b)), (b, mk("mul", g, a))]


def _d_pow(y: Node, g: Node) -> list:
    a, b = y.src
    if b.op == "const":  # g * b * a^(b-1)
        return [(a, mk("mul", mk("mul", b, g), mk("pow", a, C(b.arg - 1.0))))]
    return [(a, mk("mul", mk("mul", b, g), mk("pow", a, mk("sub", b, C(1.0))))),
            (b, mk("mul", mk("mul", g, y), mk("log", a)))]


def _d_atan2(y: Node, g: Node) -> list:
    a, b = y.src  # atan2(a, b): d/da = b/(a^2+b^2), d/db = -a/(a^2+b^2)
    r2 = mk("add", mk("mul", a, a), mk("mul", b, b))
    return [(a, mk("div", mk("mul", g, b), r2)), (b, mk("neg", mk("div", mk("mul", g, a), r2)))]


def _d_select(cond: Callable[[Node, Node], Node]) -> _Local:
    # maximum/minimum: the adjoint goes to the chosen source (ties to the second)
    def local(y: Node, g: Node) -> list:
        a, b = y.src
        c = mk(*cond(a, b))
        return [(a, mk("where", c, g, C(0.0))), (b, mk("where", c, C(0.0), g))]
    return local


def _inv_sqrt(u: Node) -> Node:
    return mk("sqrt", u)


def _one_minus_sq(u: Node) -> Node:
    return mk("mul", mk("sub", C(1.0), u), mk("add", C(1.0), u))


#: op -> local adjoints: [(source, contribution to its adjoint)] given y and g = dL/dy
LOCAL: dict[str, _Local] = {
    "add": lambda y, g: [(y.src[0], g), (y.src[1], g)],
    "sub": lambda y, g: [(y.src[0], g), (y.src[1], mk("neg", g))],
    "mul": _d_mul,
    "div": lambda y, g: [(y.src[0], mk("div", g, y.src[1])),
                         (y.src[1], mk("neg", mk("div", mk("mul", g, y), y.src[1])))],
    "neg": lambda y, g: [(y.src[0], mk("neg", g))],
    "pow": _d_pow,
    "sqrt": lambda y, g: [(y.src[0], mk("div", mk("mul", C(0.5), g), y))],
    "cbrt": lambda y, g: [(y.src[0], mk("div", g, mk("mul", C(3.0), mk("mul", y, y))))],
    "exp": lambda y, g: [(y.src[0], mk("mul", g, y))],
    # expm1' = exp(u), not 1 + expm1(u): that cancels for u << 0 (expm1(u) near -1)
    "expm1": lambda y, g: [(y.src[0], mk("mul", g, mk("exp", y.src[0])))],
    "log": lambda y, g: [(y.src[0], mk("div", g, y.src[0]))],
    "log1p": lambda y, g: [(y.src[0], mk("div", g, mk("add", C(1.0), y.src[0])))],
    "sin": lambda y, g: [(y.src[0], mk("mul", g, mk("cos", y.src[0])))],
    "cos": lambda y, g: [(y.src[0], mk("neg", mk("mul", g, mk("sin", y.src[0]))))],
    "tan": lambda y, g: [(y.src[0], mk("mul", g, mk("add", C(1.0), mk("mul", y, y))))],
    # 1 - u^2 as (1 - u)(1 + u): exact factors, no cancellation near |u| = 1
    "asin": lambda y, g: [(y.src[0], mk("div", g, _inv_sqrt(_one_minus_sq(y.src[0]))))],
    "acos": lambda y, g: [(y.src[0], mk("neg", mk("div", g, _inv_sqrt(
        _one_minus_sq(y.src[0])))))],
    "atan": lambda y, g: [(y.src[0], mk("div", g, mk("add", C(1.0),
                                                     mk("mul", y.src[0], y.src[0]))))],
    "sinh": lambda y, g: [(y.src[0], mk("mul", g, mk("cosh", y.src[0])))],
    "cosh": lambda y, g: [(y.src[0], mk("mul", g, mk("sinh", y.src[0])))],
    # sigmoid' = s(u) s(-u) and tanh' = 1/cosh^2: 1 - s and 1 - tanh^2 cancel for u >> 0
    "sigmoid": lambda y, g: [(y.src[0], mk("mul", g, mk("mul", y, mk("sigmoid", mk(
        "neg", y.src[0])))))],
    "tanh": lambda y, g: [(y.src[0], mk("div", g, mk("mul", mk("cosh", y.src[0]),
                                                     mk("cosh", y.src[0]))))],
    "asinh": lambda y, g: [(y.src[0], mk("div", g, mk("hypot", C(1.0), y.src[0])))],
    "acosh": lambda y, g: [(y.src[0], mk("div", g, _inv_sqrt(mk(
        "mul", mk("sub", y.src[0], C(1.0)), mk("add", y.src[0], C(1.0))))))],
    "atanh": lambda y, g: [(y.src[0], mk("div", g, _one_minus_sq(y.src[0])))],
    "abs": lambda y, g: [(y.src[0], mk("mul", g, mk("sign", y.src[0])))],
    "sign": lambda y, g: [],
    "nograd": lambda y, g: [],  # a value the result does not depend on (a shift)
    "step": lambda y, g: [],
    "erf": lambda y, g: [(y.src[0], mk("mul", mk("mul", C(_TWO_OVER_SQRT_PI), g), mk(
        "exp", mk("neg", mk("mul", y.src[0], y.src[0])))))],
    "erfc": lambda y, g: [(y.src[0], mk("mul", mk("mul", C(-_TWO_OVER_SQRT_PI), g), mk(
        "exp", mk("neg", mk("mul", y.src[0], y.src[0])))))],
    "erfi": lambda y, g: [(y.src[0], mk("mul", mk("mul", C(_TWO_OVER_SQRT_PI), g), mk(
        "exp", mk("mul", y.src[0], y.src[0]))))],
    "Ei": lambda y, g: [(y.src[0], mk("div", mk("mul", g, mk("exp", y.src[0])), y.src[0]))],
    "Li2": lambda y, g: [(y.src[0], mk("neg", mk("div", mk("mul", g, mk(
        "log1p", mk("neg", y.src[0]))), y.src[0])))],
    "atan2": _d_atan2,
    "hypot": lambda y, g: [(y.src[0], mk("div", mk("mul", g, y.src[0]), y)),
                           (y.src[1], mk("div", mk("mul", g, y.src[1]), y))],
    "maximum": _d_select(lambda a, b: ("gt", a, b)),
    "minimum": _d_select(lambda a, b: ("lt", a, b)),
    # logaddexp(a, b) = y: d/da = exp(a - y) <= 1, never overflows
    "logaddexp": lambda y, g: [(s, mk("mul", g, mk("exp", mk("sub", s, y)))) for s in y.src],
    "where": lambda y, g: [(y.src[1], mk("where", y.src[0], g, C(0.0))),
                           (y.src[2], mk("where", y.src[0], C(0.0), g))],
}


def _no_gradient(name: str, position: int) -> _Local:
    """The adjoint of an argument without a closed-form derivative: an error if it
    depends on a variable (zeta(s), polygamma's order, the s of the incomplete gammas)."""
    def local(y: Node, g: Node) -> list:
        if y.src[position].op != "const":
            from ..calculus.diff import DiffError

            raise DiffError(f"no derivative of {name} with respect to argument "
                            f"{position + 1}: compile the value without its gradient")
        return []
    return local


def _with(first: _Local, second: _Local) -> _Local:
    return lambda y, g: first(y, g) + second(y, g)


def _psi(u: Node) -> Node:
    return mk("digamma", u)


_SQRT_PI_2 = math.sqrt(math.pi) / 2.0
LOCAL.update({
    "floor": lambda y, g: [],
    "ceil": lambda y, g: [],
    "gamma": lambda y, g: [(y.src[0], mk("mul", mk("mul", g, y), _psi(y.src[0])))],
    "loggamma": lambda y, g: [(y.src[0], mk("mul", g, _psi(y.src[0])))],
    "digamma": lambda y, g: [(y.src[0], mk("mul", g, mk("polygamma", C(1.0), y.src[0])))],
    "polygamma": _with(_no_gradient("polygamma", 0), lambda y, g: [
        (y.src[1], mk("mul", g, mk("polygamma", mk("add", y.src[0], C(1.0)), y.src[1])))]),
    "beta": lambda y, g: [
        (s, mk("mul", mk("mul", g, y), mk("sub", _psi(s), _psi(mk("add", *y.src)))))
        for s in y.src],
    "binomial": lambda y, g: [
        (y.src[0], mk("mul", mk("mul", g, y), mk("sub", _psi(mk("add", y.src[0], C(1.0))),
                                                 _psi(_n_k_1(y))))),
        (y.src[1], mk("mul", mk("mul", g, y), mk("sub", _psi(_n_k_1(y)),
                                                 _psi(mk("add", y.src[1], C(1.0))))))],
    "zeta": _no_gradient("zeta", 0),
    "erfinv": lambda y, g: [(y.src[0], mk("mul", mk("mul", C(_SQRT_PI_2), g),
                                          mk("exp", mk("mul", y, y))))],
    "erfcinv": lambda y, g: [(y.src[0], mk("mul", mk("mul", C(-_SQRT_PI_2), g),
                                           mk("exp", mk("mul", y, y))))],
    "lambertw": lambda y, g: [(y.src[0], mk("div", mk("mul", g, mk("exp", mk("neg", y))),
                                            mk("add", C(1.0), y)))],
    "sinc": lambda y, g: [(y.src[0], mk("mul", g, mk(
        "where", mk("eq", y.src[0], C(0.0)), C(0.0),
        mk("div", mk("sub", mk("cos", y.src[0]), y), y.src[0]))))],
    "Si": lambda y, g: [(y.src[0], mk("mul", g, mk("sinc", y.src[0])))],
    "Ci": lambda y, g: [(y.src[0], mk("div", mk("mul", g, mk("cos", y.src[0])), y.src[0]))],
    "Shi": lambda y, g: [(y.src[0], mk("mul", g, mk(
        "where", mk("eq", y.src[0], C(0.0)), C(1.0), mk("div", mk("sinh", y.src[0]),
                                                           y.src[0]))))],
    "Chi": lambda y, g: [(y.src[0], mk("div", mk("mul", g, mk("cosh", y.src[0])), y.src[0]))],
    "fresnels": lambda y, g: [(y.src[0], mk("mul", g, mk("sin", _half_pi_sq(y.src[0]))))],
    "fresnelc": lambda y, g: [(y.src[0], mk("mul", g, mk("cos", _half_pi_sq(y.src[0]))))],
    "uppergamma": _with(_no_gradient("uppergamma", 0), lambda y, g: [
        (y.src[1], mk("neg", mk("mul", g, _integrand(*y.src))))]),
    "lowergamma": _with(_no_gradient("lowergamma", 0), lambda y, g: [
        (y.src[1], mk("mul", g, _integrand(*y.src)))]),
})


def _n_k_1(y: Node) -> Node:
    return mk("add", mk("sub", y.src[0], y.src[1]), C(1.0))


def _half_pi_sq(u: Node) -> Node:
    return mk("mul", C(math.pi / 2.0), mk("mul", u, u))


def _integrand(s: Node, x: Node) -> Node:
    """x^(s-1) e^-x, the integrand of the incomplete gamma functions."""
    return mk("mul", mk("pow", x, mk("sub", s, C(1.0))), mk("exp", mk("neg", x)))


def gradient(f: Node, nvars: int) -> list[Node]:
    """Adjoint nodes d f / d var(i) for i < nvars (the IR of f must be folded)."""
    adj: dict[int, Node] = {id(f): const(1.0)}
    for n in reversed(toposort([f])):
        g = adj.get(id(n))
        if g is None or n.op in ("const", "var") or n.op not in LOCAL:
            continue  # constants, inputs, and conditions (gt, and, ...) pass nothing on
        for s, contribution in LOCAL[n.op](n, g):
            if s.op == "const":
                continue
            prev = adj.get(id(s))
            adj[id(s)] = contribution if prev is None else mk("add", prev, contribution)
    return [adj.get(id(var(i)), const(0.0)) for i in range(nvars)]
