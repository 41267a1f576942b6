"""The compiler passes, each a pattern list over the IR (see :mod:`.pattern`).

0. ``DISTRIBUTE``: a product of exponentials times a sum of such products, multiplied
   out (:mod:`.expshift`), so that 1. can shift each product on its own.
1. ``STABLE``: numerically stable forms, on the high-level IR --
   log(1+u) -> log1p(u), exp(u)-1 -> expm1(u), log(exp(a)+exp(b)+...) -> log-sum-exp
   (max-shifted), log(1+exp(u)) -> softplus, 1/(1+exp(-u)) -> sigmoid(u),
   log(sigmoid(u)) -> -softplus(-u), 1 - sigmoid(u) -> sigmoid(-u),
   sqrt(a^2+b^2) -> hypot(a, b); products and quotients of exponentials (softmax,
   exp(x) sigmoid(-x), sinh/cosh) max-shifted, log of them split, log cosh, log sinh,
   1 - tanh^2 -> cosh^-2 (:mod:`.expshift`).
1b. ``COLLECT``: common factors out of sums, Horner form for polynomials (:mod:`.collect`).
2. ``EXPAND``: every registry function to primitives (sec u -> 1/cos u, relu -> maximum,
   softplus -> logaddexp(0, u); sigmoid stays one primitive op (1/(1+exp(-u)) in place),
   gelu -> u/2 erfc(-u/sqrt 2), Piecewise was already lowered to where).
3. ``ARITH``: n-ary sums and products to binary add/sub/mul/div, and powers to
   multiplications (x^2 -> x*x, x^-2 -> 1/(x*x), x^0.5 -> sqrt x, ...).
4. ``FOLD``: constant folding and identities (x*1, x+0, --x, x+x -> 2x, ...); also
   used by the reverse mode to build adjoints.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from . import ops
from .collect import collect_sum, distribute
from .expshift import (
    CARRIERS,
    distribute_carriers,
    log_cosh,
    log_of_product,
    log_sinh,
    normalize_product,
    one_minus_tanh_sq,
)
from .ir import Node, any_op, const, is_const, node, toposort
from .pattern import Pat, PatternMatcher, graph_rewrite

# --------------------------------------------------------------------------- helpers


def scale(u: Node, k: float) -> Node:
    """k*u in the high-level IR, merging k into a leading coefficient."""
    if u.op == "const":
        return const(u.arg * k)
    if u.op == "prod" and is_const(u.src[0]):
        c = u.src[0].arg * k
        rest = u.src[1:]
        if c == 1:
            return rest[0] if len(rest) == 1 else node("prod", *rest)
        return node("prod", const(c), *rest)
    return node("prod", const(k), u)


def _sum(terms: list[Node]) -> Node:
    if not terms:
        return const(0.0)
    return terms[0] if len(terms) == 1 else node("sum", *terms)


def _chain(op: str, args: tuple | list) -> Node:
    r = args[0]
    for a in args[1:]:
        r = node(op, r, a)
    return r


# --------------------------------------------------------------------------- 1. stable forms


def _log_of_sum(s: Node) -> Node | None:
    if s.arg is not None:
        return None  # a max-shifted sum (see expshift): at least 1, log is stable
    consts = [t for t in s.src if t.op == "const"]
    rest = [t for t in s.src if t.op != "const"]
    if len(consts) <= 1 and rest and all(t.op == "exp" for t in rest) \
            and (not consts or consts[0].arg > 0):
        # log(c + exp(a1) + ... ) = lse(log c, a1, ...): never overflows
        args = [t.src[0] for t in rest]
        if consts:
            args.insert(0, const(math.log(consts[0].arg)))
        if len(args) >= 2:
            return node("lse", *args)
    if len(consts) == 1 and consts[0].arg == 1.0 and rest:
        return node("log1p", _sum(rest))
    return None


def _expm1_in_sum(s: Node) -> Node | None:
    terms = list(s.src)
    m1 = next((t for t in terms if is_const(t, -1.0)), None)
    e = next((t for t in terms if t.op == "exp"), None)
    if m1 is None or e is None:
        return None
    terms.remove(m1)
    terms[terms.index(e)] = node("expm1", e.src[0])
    return _sum(terms)


def _one_minus_sigmoid(s: Node) -> Node | None:
    # c + k sigmoid(u) with c = -k: c (1 - sigmoid(u)) = c sigmoid(-u)
    if len(s.src) == 2 and any(is_const(a) and a.arg != 0 for a in s.src):
        cn, t = s.src if is_const(s.src[0]) else s.src[::-1]
        c = cn.arg
        k, f = (t.src[0].arg, t.src[1]) if t.op == "prod" and len(t.src) == 2 \
            and is_const(t.src[0]) else (1.0, t)
        if f.op == "sigmoid" and c == -k:
            return scale(node("sigmoid", scale(f.src[0], -1.0)), c)
    return None


def _recip_one_plus_exp(s: Node) -> Node | None:
    if len(s.src) == 2 and is_const(s.src[0], 1.0) and s.src[1].op == "exp":
        return node("sigmoid", scale(s.src[1].src[0], -1.0))  # 1/(1+exp(w)) = sigmoid(-w)
    return None


def _hypot(s: Node) -> Node | None:
    if len(s.src) >= 2 and all(t.op == "pow" and is_const(t.src[1], 2.0) for t in s.src):
        return _chain("hypot", [t.src[0] for t in s.src])
    return None


STABLE = PatternMatcher([
    (Pat("log", (Pat("sum", name="s"),)), _log_of_sum),
    (Pat("log1p", (Pat("exp", (Pat(name="u"),)),)), lambda u: node("softplus", u)),
    (Pat("log", (Pat("sigmoid", (Pat(name="u"),)),)),
     lambda u: scale(node("softplus", scale(u, -1.0)), -1.0)),
    (Pat("sum", name="s"), _expm1_in_sum),
    (Pat("sum", name="s"), _one_minus_sigmoid),
    (Pat("pow", (Pat("sum", name="s"), Pat.cvar(value=-1.0))), _recip_one_plus_exp),
    (Pat("pow", (Pat("sum", name="s"), Pat.cvar(value=0.5))), _hypot),
    (Pat("sum", name="s"), one_minus_tanh_sq),
])

#: products and quotients of exponentials, max-shifted, and logs of them (see expshift):
#: with STABLE, for graphs that hold an exponential in some form
STABLE_EXP = STABLE + PatternMatcher([
    (Pat(("prod", "pow"), name="p"), normalize_product),
    (Pat("log", (Pat(("prod", "pow", "exp")),), name="n"), log_of_product),
    (Pat("log", (Pat("cosh", (Pat(name="u"),)),)), log_cosh),
    (Pat("log", (Pat("sinh", (Pat(name="u"),)),)), log_sinh),
])

#: before STABLE: products of exponentials multiplied into sums of such products
DISTRIBUTE = PatternMatcher([(Pat("prod", name="p"), distribute_carriers)])

#: common factors out of sums (Horner form for polynomials), see :mod:`.collect`
COLLECT = PatternMatcher([
    (Pat(("sum", "prod", "pow"), name="n"), lambda n: _fold_high(n)),
    (Pat("sum", name="s"), collect_sum),
    (Pat("prod", name="p"), distribute),
])

# --------------------------------------------------------------------------- 2. expansion


def _recip(u: Node) -> Node:
    return node("div", const(1.0), u)


def _lse(*a: Node) -> Node:
    if len(a) == 2:
        return node("logaddexp", *a)
    # shift by the maximum: every exp(a_i - m) <= 1. The shift cancels in the value, so
    # no gradient flows through it (nograd): the adjoint is the softmax, nothing more.
    m = node("nograd", _chain("maximum", a))
    s = _chain("add", [node("exp", node("sub", x, m)) for x in a])
    return node("add", m, node("log", s))


def _log1p(u: Node) -> Node:
    """log1p(u) = log(w) - ((w - 1) - u)/w with w = fl(1 + u): (w - 1) - u is the
    rounding error of 1 + u, exact for |u| <= 1 and negligible beyond, so the result is
    within 1.5 ulp, at the price of one log and five cheap passes (np.log1p costs
    more than twice np.log). The correction is at most 2^-52 in size and nan only where
    log(w) is infinite or nan (u = -1, u = inf): fmin(c, 1) keeps those values.
    For array code only (the scalar code keeps math.log1p), after differentiation."""
    w = mk("add", const(1.0), u)
    c = mk("div", mk("sub", mk("sub", w, const(1.0)), u), w)
    return mk("sub", mk("log", w), mk("fmin", c, const(1.0)))


def _leaky(u: Node, a: Node) -> Node:
    if is_const(a) and 0.0 <= a.arg <= 1.0:
        return node("maximum", u, node("mul", a, u))
    return node("where", node("gt", u, const(0.0)), u, node("mul", a, u))


def _hs_mid(u: Node) -> Node:
    return node("add", node("mul", const(1.0 / 6.0), u), const(0.5))


_SELU_A, _SELU_S = 1.6732632423543772, 1.0507009873554805

#: registry function -> primitive ops (one line per function; adding one touches one place)
EXPANSIONS: dict[str, Callable[..., Node]] = {
    "cot": lambda u: _recip(node("tan", u)),
    "sec": lambda u: _recip(node("cos", u)),
    "csc": lambda u: _recip(node("sin", u)),
    "coth": lambda u: _recip(node("tanh", u)),
    "sech": lambda u: _recip(node("cosh", u)),
    "csch": lambda u: _recip(node("sinh", u)),
    "acot": lambda u: node("atan", _recip(u)),
    "asec": lambda u: node("acos", _recip(u)),
    "acsc": lambda u: node("asin", _recip(u)),
    "acoth": lambda u: node("atanh", _recip(u)),
    "asech": lambda u: node("acosh", _recip(u)),
    "acsch": lambda u: node("asinh", _recip(u)),
    "heaviside": lambda u: node("step", u),
    "softplus": lambda u: node("logaddexp", const(0.0), u),
    "li": lambda u: node("Ei", node("log", u)),
    "relu": lambda u: node("maximum", u, const(0.0)),
    "leaky_relu": _leaky,
    "elu": lambda u, a: node("where", node("gt", u, const(0.0)), u,
                             node("mul", a, node("expm1", u))),
    # gelu(u) = u Phi(u) = u/2 erfc(-u/sqrt 2): no cancellation for u << 0
    "gelu": lambda u: node("mul", node("mul", const(0.5), u),
                           node("erfc", node("mul", const(-math.sqrt(0.5)), u))),
    # functions_discrete, functions_special, activations_extra (PyTorch's constants and
    # its one-sided choices at the kinks, which the reverse mode then reproduces)
    "ceiling": lambda u: node("ceil", u),
    "frac": lambda u: node("sub", u, node("floor", u)),
    "factorial": lambda u: node("gamma", node("add", u, const(1.0))),
    "xlogy": lambda a, b: node("where", node("eq", a, const(0.0)), const(0.0),
                               node("mul", a, node("log", b))),
    "logit": lambda u: node("where", node("lt", node("abs", node("sub", u, const(0.5))),
                                          const(0.25)),  # near 1/2: 2u - 1 is exact
                            node("log1p", node("div", node("sub", node("mul", const(2.0), u),
                                                           const(1.0)),
                                               node("sub", const(1.0), u))),
                            node("sub", node("log", u), node("log1p", node("neg", u)))),
    "normcdf": lambda u: node("mul", const(0.5),
                              node("erfc", node("mul", const(-math.sqrt(0.5)), u))),
    "normpdf": lambda u: node("mul", const(1.0 / math.sqrt(2.0 * math.pi)),
                              node("exp", node("mul", const(-0.5), node("mul", u, u)))),
    "silu": lambda u: node("mul", u, node("sigmoid", u)),
    "mish": lambda u: node("mul", u, node("tanh", node("logaddexp", const(0.0), u))),
    "selu": lambda u: node("where", node("gt", u, const(0.0)), node("mul", const(_SELU_S), u),
                           node("mul", const(_SELU_S * _SELU_A), node("expm1", u))),
    "celu": lambda u, a: node("where", node("gt", u, const(0.0)), u,
                              node("mul", a, node("expm1", node("div", u, a)))),
    "softsign": lambda u: node("div", u, node("add", const(1.0), node("abs", u))),
    "hardtanh": lambda u: node("where", node("le", u, const(-1.0)), const(-1.0),
                               node("where", node("ge", u, const(1.0)), const(1.0), u)),
    "hardsigmoid": lambda u: node("where", node("le", u, const(-3.0)), const(0.0), node(
        "where", node("ge", u, const(3.0)), const(1.0), _hs_mid(u))),
    "hardswish": lambda u: node("where", node("lt", u, const(-3.0)), const(0.0), node(
        "where", node("le", u, const(3.0)), node("mul", u, _hs_mid(u)), u)),
    "max": lambda *a: _chain("maximum", a),
    "min": lambda *a: _chain("minimum", a),
    "lse": _lse,
}

EXPAND = PatternMatcher([
    (Pat(name_, name="n"), (lambda f: lambda n: f(*n.src))(f_))
    for name_, f_ in EXPANSIONS.items()
])

# --------------------------------------------------------------------------- 3. arithmetic


def _binary_sum(s: Node) -> Node:
    # runs bottom-up: the terms are already binary (a negative term is mul(-c, u) or neg(u))
    c = 0.0
    pos: list[Node] = []
    neg: list[Node] = []
    for t in s.src:
        if t.op == "const":
            c += t.arg
        elif t.op == "mul" and is_const(t.src[0]) and t.src[0].arg < 0:
            k = -t.src[0].arg
            neg.append(t.src[1] if k == 1.0 else node("mul", const(k), t.src[1]))
        elif t.op == "neg":
            neg.append(t.src[0])
        elif t.op == "div" and is_const(t.src[0]) and t.src[0].arg < 0:
            neg.append(node("div", const(-t.src[0].arg), t.src[1]))
        else:
            pos.append(t)
    if pos:
        r = _chain("add", pos)
    elif c != 0 or not neg:
        r, c = const(c), 0.0
    else:
        r = node("neg", neg.pop(0))
    for t in neg:
        r = node("sub", r, t)
    if c > 0:
        r = node("add", r, const(c))
    elif c < 0:
        r = node("sub", r, const(-c))
    return r


def _binary_prod(p: Node) -> Node:
    # factors are already binary: u^-n arrives as div(1, u^n); the coefficient goes
    # outermost so that a sum sees mul(-c, ...) and can subtract
    k = 1.0
    num: list[Node] = []
    den: list[Node] = []
    for f in p.src:
        if f.op == "const":
            k *= f.arg
        elif f.op == "div" and is_const(f.src[0]):
            k *= f.src[0].arg
            den.append(f.src[1])
        else:
            num.append(f)
    if not num:
        r = node("div", const(k), _chain("mul", den)) if den else const(k)
        return r
    r = _chain("mul", num)
    if den:
        r = node("div", r, _chain("mul", den))
    return r if k == 1.0 else node("mul", const(k), r)


def _int_power(x: Node, n: int) -> Node:
    """x^n for n >= 1 by repeated squaring (x^4 = (x*x)*(x*x), shared)."""
    result = None
    sq = x
    while n:
        if n & 1:
            result = sq if result is None else node("mul", result, sq)
        n >>= 1
        if n:
            sq = node("mul", sq, sq)
    return result  # type: ignore[return-value]


def _power(x: Node, e: Node) -> Node | None:
    v = e.arg
    if not math.isfinite(v):   # x^oo, x^nan: left to pow
        return None
    if v == int(v) and abs(v) <= 16:
        n = int(v)
        if n == 0:
            return const(1.0)
        p = _int_power(x, abs(n))
        return p if n > 0 else _recip(p)
    if 2 * v == int(2 * v) and abs(v) <= 16.5:  # x^(k + 1/2) = x^k sqrt(x)
        k = int(abs(v))
        r = node("sqrt", x)
        if k:
            r = node("mul", _int_power(x, k), r)
        return r if v > 0 else _recip(r)
    return None


ARITH = PatternMatcher([
    (Pat("sum", name="s"), _binary_sum),
    (Pat("prod", name="p"), _binary_prod),
])

# --------------------------------------------------------------------------- 4. folding


def _fold_high(n: Node) -> Node | None:
    """A sum, product or power of literals (sqrt(2/pi) arrives as 2^(1/2)*pi^(-1/2))."""
    if not all(s.op == "const" for s in n.src):
        return None
    if n.op == "pow":
        return const(ops.evaluate("pow", [s.arg for s in n.src]))
    return const(math.fsum(s.arg for s in n.src) if n.op == "sum"
                 else math.prod(s.arg for s in n.src))


def _fold_consts(n: Node) -> Node | None:
    if n.op in ("const", "var") or not n.src or not all(s.op == "const" for s in n.src):
        return None
    if n.op not in ops.PRIMITIVE:
        return None
    return const(ops.evaluate(n.op, [s.arg for s in n.src]))


def _commute(n: Node) -> Node | None:
    a, b = n.src
    if b.op == "const" and a.op != "const":
        return node(n.op, b, a)  # literals first, so c*x and x*c are one node
    return None


def _mul_const(c: Node, x: Node) -> Node | None:
    if c.arg == 1.0:
        return x
    if c.arg == 0.0:
        return const(0.0)
    if c.arg == -1.0:
        return node("neg", x)
    if x.op == "mul" and is_const(x.src[0]):
        return node("mul", const(c.arg * x.src[0].arg), x.src[1])
    if x.op == "neg":
        return node("mul", const(-c.arg), x.src[0])
    if x.op == "mul":  # c*((d*a)*b) -> (c*d)*(a*b): one multiplication less
        for i in (0, 1):
            t, b = x.src[i], x.src[1 - i]
            if t.op == "mul" and is_const(t.src[0]):
                return node("mul", const(c.arg * t.src[0].arg), node("mul", t.src[1], b))
    return None


_X, _Y = Pat(name="x"), Pat(name="y")
FOLD = PatternMatcher([
    (Pat(None, name="n"), _fold_consts),
    (Pat("pow", (Pat(name="x"), Pat.cvar("e"))), _power),
    (Pat(("add", "mul"), name="n"), _commute),
    (Pat("mul", (Pat.cvar("c"), _X)), _mul_const),
    (Pat("add", (Pat.cvar(value=0.0), _X)), lambda x: x),
    (Pat("add", (_X, _X)), lambda x: node("mul", const(2.0), x)),
    (Pat("add", (_X, Pat("neg", (_Y,)))), lambda x, y: node("sub", x, y)),
    (Pat("add", (Pat("neg", (_X,)), _Y)), lambda x, y: node("sub", y, x)),
    (Pat("sub", (_X, Pat.cvar(value=0.0))), lambda x: x),
    (Pat("sub", (Pat.cvar(value=0.0), _X)), lambda x: node("neg", x)),
    (Pat("sub", (_X, Pat("neg", (_Y,)))), lambda x, y: node("add", x, y)),
    (Pat("div", (_X, Pat.cvar(value=1.0))), lambda x: x),
    (Pat("div", (Pat.cvar(value=0.0), _X)), lambda x: const(0.0)),
    (Pat("div", (Pat("neg", (_X,)), _Y)), lambda x, y: node("neg", node("div", x, y))),
    (Pat("neg", (Pat("neg", (_X,)),)), lambda x: x),
    (Pat("neg", (Pat(("mul", "div"), (Pat.cvar("c"), _X), name="m"),)),
     lambda c, x, m: node(m.op, const(-c.arg), x)),
    (Pat("neg", (Pat("sub", (_X, _Y)),)), lambda x, y: node("sub", y, x)),
    (Pat("where", (Pat.cvar("c"), _X, _Y)), lambda c, x, y: x if c.arg else y),
    (Pat("where", (Pat(name="c"), _X, _X)), lambda c, x: x),
    (Pat("nograd", (Pat.cvar("c"),)), lambda c: c),
])

def _half_angle(u: Node) -> tuple[Node, Node]:
    """t = tan(u/2) and 1 + t^2."""
    t = mk("tan", mk("mul", const(0.5), u))
    return t, mk("add", const(1.0), mk("mul", t, t))


def _sin_half(u: Node) -> Node | None:
    """sin u = 2t/(1 + t^2), t = tan(u/2); near its zeros np.sin (special.sinfix)."""
    if is_const(u):
        return None
    t, d = _half_angle(u)
    return mk("sinfix", mk("div", mk("mul", const(2.0), t), d), u)


def _cos_half(u: Node) -> Node | None:
    """cos u = (1 - t^2)/(1 + t^2), t = tan(u/2); near its zeros np.cos."""
    if is_const(u):
        return None
    t, d = _half_angle(u)
    return mk("cosfix", mk("div", mk("sub", const(1.0), mk("mul", t, t)), d), u)


#: array code, after differentiation: cheaper equivalents of slow ufuncs -- log1p where
#: NumPy's log1p is a scalar loop (``VECTOR``), sin and cos through tan where tan is a
#: SIMD loop and sin/cos are not (``TRIG``, NumPy's SVML loops): see vector_passes
VECTOR = PatternMatcher([(Pat("log1p", (Pat(name="u"),)), _log1p)])
TRIG = PatternMatcher([(Pat("sin", (Pat(name="u"),)), _sin_half),
                       (Pat("cos", (Pat(name="u"),)), _cos_half)])
_VECTOR_PASSES: list = []


def vector_passes() -> tuple[PatternMatcher | None, PatternMatcher | None]:
    """(pass for the blocked array kernel, pass for the small-array code), chosen by
    what is fast in this NumPy on this CPU: with SVML (AVX512) np.log1p and np.tan are
    SIMD loops (about 1 ns an element) and np.sin/np.cos are not (about 11 ns), so sin
    and cos go through tan; without it np.log1p is the slow one (more than two np.log),
    and only the kernel replaces it (np.log1p is cheaper than its replacement on small
    arrays). The same machine always gets the same code."""
    if not _VECTOR_PASSES:
        from .special import svml

        _VECTOR_PASSES.extend([TRIG, TRIG] if svml() else [VECTOR, None])
    return _VECTOR_PASSES[0], _VECTOR_PASSES[1]

#: after differentiation: nograd(u) is u (it only stops the reverse mode)
STRIP = PatternMatcher([(Pat("nograd", (Pat(name="u"),)), lambda u: u)])


def mk(op: str, *src: Node) -> Node:
    """The folded node op(src...) (sources already folded): the reverse mode's builder."""
    n = node(op, *src)
    while not n.folded:
        r = FOLD.rewrite(n)
        if r is None:
            n.folded = True
            break
        # rules build shallow nodes: fold their fresh children, then r itself
        n = node(r.op, *(s if s.folded else mk(s.op, *s.src) for s in r.src), arg=r.arg)
    return n


def optimize(roots: list[Node]) -> list[Node]:
    """High-level IR -> primitive ops: stable forms, expansion, arithmetic, folding."""
    if any_op(CARRIERS):  # else there is nothing to shift, and the cheaper pass does
        roots = graph_rewrite(roots, DISTRIBUTE)
        roots = graph_rewrite(roots, STABLE_EXP)
    else:
        roots = graph_rewrite(roots, STABLE)
    roots = graph_rewrite(roots, COLLECT)
    roots = graph_rewrite(roots, EXPAND)
    roots = graph_rewrite(roots, ARITH + FOLD)
    for n in toposort(roots):
        n.folded = True
    return roots
