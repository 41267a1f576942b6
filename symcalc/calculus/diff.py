"""Differentiation: the generic rules here, the derivative table in ``rules/derivatives.rules``.

The generic part is the sum, constant-multiple, product (and so quotient), power and
chain rules; the knowledge of each function's derivative is one line of the rule file.
Derivatives are memoized per (node, variable), so the cost is linear in the size of
the expression DAG, and results are canonical.

>>> from symcalc import parse, diff, symbols
>>> x, y = symbols("x y")
>>> diff(parse("sin(x^2)"), x)
2*x*cos(x^2)
>>> diff(parse("3*x^2*y + 2*x*y^3 - 5"), x).subs({x: 1, y: 2})
28
>>> diff(parse("f(g(x))"), x)
f'(g(x))*g'(x)
"""

from __future__ import annotations

import weakref
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..core import (
    ONE,
    ZERO,
    Expr,
    FunctionDef,
    Symbol,
    add,
    as_expr,
    log,
    mul,
    number,
    piecewise,
    power,
)
from ..core.budget import check, check_nodes, max_nodes, operation
from ..core.function import Function
from ..core.traversal import free_symbols, subs
from ..errors import SymcalcError


class DiffError(SymcalcError):
    """A derivative that symcalc cannot express (e.g. of a relation)."""


# --------------------------------------------------------------------------- the table


@lru_cache(maxsize=1)
def derivative_table() -> dict[FunctionDef, dict[int, tuple[tuple[Expr, ...], Expr, str]]]:
    """fdef -> {argument position -> (parameters, derivative template, rule name)}."""
    from ..rules import load_rules

    table: dict[FunctionDef, dict[int, tuple[tuple[Expr, ...], Expr, str]]] = {}
    for rule in load_rules("derivatives"):
        lhs, rhs = rule.lhs, rule.rhs
        if not (lhs.is_Function and lhs.fdef.name == "diff" and len(lhs.args) == 2):
            raise SymcalcError(f"derivatives.rules: left side must be diff(f(u), u): {lhs}")
        fx, var = lhs.args
        if not fx.is_Function:
            raise SymcalcError(f"derivatives.rules: not a function application: {fx}")
        params = fx.args
        pos = params.index(var)
        name = rule.name or f"derivative of {fx.fdef.name}"
        table.setdefault(fx.fdef, {})[pos] = (params, rhs, name)
    return table


def partial(f: FunctionDef, args: tuple[Expr, ...], i: int) -> Expr:
    """The derivative of f with respect to its i-th argument, at ``args``."""
    if f.undefined:
        return _undefined_partial(f, args, i)
    entry = derivative_table().get(f, {}).get(i)
    if entry is None:
        if f.name in ("max", "min") and len(args) > 2:
            return _extremum_partial(f, args, i)
        raise DiffError(f"no derivative rule for {f.name} with respect to argument {i + 1}")
    params, template, _ = entry
    return subs(template, dict(zip(params, args)))


def _extremum_partial(f: FunctionDef, args: tuple[Expr, ...], i: int) -> Expr:
    # d max(a_1..a_n)/d a_i = prod_{j != i} heaviside(a_i - a_j) (ties count as not maximal)
    from ..core import heaviside

    sign = 1 if f.name == "max" else -1
    return mul(*(heaviside(mul(sign, add(args[i], mul(-1, a)))) for j, a in enumerate(args)
                 if j != i))


def _undefined_partial(f: FunctionDef, args: tuple[Expr, ...], i: int) -> Expr:
    """f'(u) for one argument; diff(f(x, y), x) when the argument is a lone symbol;
    otherwise pdiff(f(a, b), 2), the derivative in the 2nd argument at (a, b)."""
    if f.name == "pdiff":
        raise DiffError("pdiff is differentiated through its function's arguments")
    if len(args) == 1:
        return Function(f.name + "'")(*args)
    v = args[i]
    if v.is_Symbol and all(v not in free_symbols(a) for j, a in enumerate(args) if j != i):
        return Derivative(f(*args), v)
    return Function("pdiff")(f(*args), number(i + 1))


# --------------------------------------------------------------------------- unevaluated


def _is_derivative(e: Expr) -> bool:
    return e.is_Function and e.fdef.undefined and e.fdef.name == "diff"


def Derivative(e: Expr, v: Expr) -> Expr:
    """The unevaluated derivative ``diff(e, v)`` of an undefined function (prints and parses).

    Repeated derivatives flatten, with the variables sorted (partial derivatives of
    smooth functions commute): ``diff(f(x, y), x, y)``.
    """
    if _is_derivative(e):
        inner, *vs = e._args
        vs.append(v)
        vs.sort(key=lambda s: s.sort_key())
        return Function("diff")(inner, *vs)
    return Function("diff")(e, v)


# --------------------------------------------------------------------------- differentiation


def _d(e: Expr, x: Symbol, memo: dict[Expr, Expr] | None = None) -> Expr:
    """de/dx, memoized over the DAG (``memo`` may be shared between calls for the same x);
    only nodes containing x are visited."""
    key = ("d", x)
    fresh = memo is None
    if fresh:
        f = e._facts
        if f is not None and key in f:   # cached on the node: a pure function of (e, x)
            r = f[key]()
            if r is not None:
                return r
        memo = {}
    stack: list[tuple[Expr, bool]] = [(e, False)]
    while stack:
        node, ready = stack.pop()
        if node in memo:
            continue
        if x not in free_symbols(node):
            memo[node] = ZERO
            continue
        f = node._facts
        if f is not None and key in f:
            r = f[key]()
            if r is not None:
                memo[node] = r
                continue
        if not ready:
            stack.append((node, True))
            # a piecewise's conditions are not differentiated, only its branches
            kids = node._args[0::2] if node.head == "piecewise" else node._args
            for a in kids:
                if a not in memo:
                    stack.append((a, False))
            continue
        memo[node] = _rule(node, x, memo)
        check()
    if len(memo) > 4096:
        check_nodes(len(memo), f"{len(memo)} nodes differentiated")
    r = memo[e]
    if fresh and r is not e:
        f = e._facts
        if f is None:
            f = e._facts = {}
        f[key] = weakref.ref(r)   # weak: the cache keeps no derivative alive
    return r


def _rule(e: Expr, x: Symbol, memo: dict) -> Expr:
    if e is x:
        return ONE
    if e.is_Add:
        return add(*(memo[t] for t in e._args if memo[t] is not ZERO))
    if e.is_Mul:
        return _product_rule(e, memo)
    if e.is_Pow:
        b, n = e._args
        db, dn = memo[b], memo[n]
        if dn is ZERO:  # power rule: d(b^n) = n*b^(n-1)*db
            return mul(n, power(b, add(n, -1)), db)
        if db is ZERO:  # exponential: d(b^n) = b^n*log(b)*dn
            if b is ZERO:  # 0^n is constant (0) wherever it is defined
                return ZERO
            return mul(e, log(b), dn)
        # general power u^v = exp(v*log(u))
        return mul(e, add(mul(dn, log(b)), mul(n, db, power(b, -1))))
    if e.is_Function:
        if _is_derivative(e):
            # the derivative of an unevaluated derivative: one more variable
            return Derivative(e, x)
        if e.fdef.undefined and e.fdef.name == "integrate":
            from .leibniz import is_integral_node, leibniz

            if is_integral_node(e):  # the fundamental theorem, the Leibniz rule
                return leibniz(e, x)
        if e.fdef.undefined and e.fdef.name == "pdiff":
            # pdiff(f(a, b), i): chain rule through f's arguments, indices kept sorted
            inner, idx = e._args[0], e._args[1:]
            terms = []
            for j, a in enumerate(inner._args):
                da = memo.get(a)
                if da is None:
                    da = _d(a, x)
                if da is not ZERO:
                    ks = sorted([int(k.value) for k in idx] + [j + 1])
                    terms.append(mul(Function("pdiff")(inner, *map(number, ks)), da))
            return add(*terms)
        rd = getattr(e.fdef, "real_diff", None)
        if rd is not None:  # re, im, conjugate, arg: not analytic, no chain rule
            r = rd(e._args, tuple(memo[a] for a in e._args))
            if r is not None:  # None: the table's chain rule holds here
                return r
        terms = []
        for i, a in enumerate(e._args):
            da = memo[a]
            if da is not ZERO:
                terms.append(mul(partial(e.fdef, e._args, i), da))
        return add(*terms)
    if e.head == "piecewise":
        pieces = e.pieces
        return piecewise(*((memo[v], c) for v, c in pieces))
    raise DiffError(f"cannot differentiate {e.head} expressions: {e}")


def _product_rule(e: Expr, memo: dict) -> Expr:
    """d(c*f1*...*fn) = sum_i c*f1*...*dfi*...*fn."""
    fs = e._args
    terms = []
    for i, f in enumerate(fs):
        df = memo[f]
        if df is ZERO:
            continue
        terms.append(mul(*fs[:i], df, *fs[i + 1:]))
    return add(*terms)


def _parse_spec(spec: tuple[Any, ...]) -> list[tuple[Symbol, int]]:
    """diff(e, x), diff(e, x, 2), diff(e, x, y), diff(e, (x, 2)) -> [(x, 1), (x, 1), (y, 1)],
    as (variable, order) pairs: a large order is not spelled out."""
    out: list[tuple[Symbol, int]] = []
    may_follow = False  # whether an order may come next (right after a lone variable)
    for s in spec:
        if _is_number(s):
            if not may_follow:
                raise DiffError("diff: a derivative order must follow a variable")
            out[-1] = (out[-1][0], _order(s))
            may_follow = False
            continue
        if isinstance(s, (tuple, list)) and len(s) == 2:
            out.append((_symbol(s[0]), _order(s[1])))
            may_follow = False
            continue
        out.append((_symbol(s), 1))
        may_follow = True
    return [(v, k) for v, k in out if k]


def _is_number(s: Any) -> bool:
    return isinstance(s, (int, float, Fraction)) or (isinstance(s, Expr) and s.is_Number)


def _order(s: Any) -> int:
    """A derivative order: a nonnegative integer (an int or an Integer, not 2.0 nor 5/2),
    at most the budget's ``nodes``."""
    v = s.value if isinstance(s, Expr) and s.is_Number else s
    if isinstance(v, bool) or not isinstance(v, int):
        raise DiffError(f"diff: the order of a derivative must be a nonnegative integer, "
                        f"not {s}")
    if v < 0:
        raise DiffError(f"diff: the order of a derivative must be nonnegative, not {v}")
    return v


#: Orders above the budget's ``nodes`` are tried this many steps for a 0 or a period.
_PROBE = 64


def _nth(e: Expr, x: Symbol, n: int) -> Expr:
    """The n-th derivative of e in x. Stops at 0; when a derivative repeats an earlier
    one (sin, exp, sinh: the sequence is periodic from there) jumps to the answer, so
    diff(sin(x), x, 10^18) is immediate. Other orders above the budget's ``nodes``
    raise LimitError (each step builds at least one new node) once the first
    ``_PROBE`` derivatives showed neither."""
    seen: dict[Expr, int] = {}
    seq: list[Expr] = []
    probe = n if n <= max_nodes() else _PROBE
    built = 0
    for k in range(n):
        if e is ZERO:
            return e
        j = seen.get(e)
        if j is not None:  # e_k = e_j: period k - j
            return seq[j + (n - j) % (k - j)]
        if k >= probe:
            check_nodes(n, f"derivative order {n}")
        seen[e] = k
        seq.append(e)
        memo: dict[Expr, Expr] = {}
        e = _d(e, x, memo)
        built += len(memo)
        check_nodes(built, f"{built} nodes differentiated")
    return e


def _symbol(v: Any) -> Symbol:
    v = as_expr(v) if not isinstance(v, str) else Symbol(v)
    if not v.is_Symbol:
        raise DiffError(f"diff: can only differentiate with respect to a symbol, not {v}")
    return v


def _shaped(*objs: Any) -> bool:
    """A vector, matrix or tensor expression among the arguments (tensor/ takes over)."""
    return any(getattr(o, "is_shaped", False) or isinstance(o, (list, tuple)) and
               any(getattr(v, "is_shaped", False) for v in o) for o in objs)


@operation("diff")
def diff(e: Any, *spec: Any, steps: bool = False, assume: dict | None = None) -> Any:
    """The derivative of ``e``: ``diff(e, x)``, ``diff(e, x, 2)``, ``diff(e, x, y)``.

    With ``steps=True`` returns ``(result, derivation)``; ``str(derivation)`` reads like
    a worked example.
    """
    if _shaped(e, *spec):
        from ..tensor.calculus import diff as tdiff

        return tdiff(e, *spec, steps=steps, **({"assume": assume} if assume else {}))
    if len(spec) == 1 and isinstance(spec[0], Expr) and spec[0].is_Function \
            and spec[0].fdef.undefined:
        from ..tensor.indexed import diff_indexed, is_indexed_target

        if is_indexed_target(spec[0]):  # d/d x[j] for an indexed symbol x
            return diff_indexed(e, spec[0])
    e = as_expr(e)
    vars_ = _parse_spec(spec)
    if not spec:
        syms = sorted(free_symbols(e), key=lambda s: s.sort_key())
        if len(syms) != 1:
            raise DiffError("diff: say which variable to differentiate with respect to")
        vars_ = [(syms[0], 1)]
    if steps:
        from .steps import derive_with_steps

        check_nodes(sum(k for _, k in vars_), "the derivative orders, with steps")
        return derive_with_steps(e, [v for v, k in vars_ for _ in range(k)])
    for v, k in vars_:
        e = _d(e, v) if k == 1 else _nth(e, v, k)
    return e


__all__ = ["Derivative", "DiffError", "derivative_table", "diff", "partial"]
