"""Automatic differentiation made visible: the computational graph of an expression,
with every node's forward value, local derivatives and adjoint (reverse mode,
:func:`backprop`) or tangent (forward mode, :func:`forward_trace`).

The graph is the expression DAG itself (symcalc's expressions are hash-consed, so a
shared subexpression is one node): symbols are the inputs, sums, products, powers
and functions the operations, numbers appear inline. Nodes are listed in evaluation
order (every node after its inputs) and named v1, v2, ...

>>> import symcalc as sc
>>> x, y = sc.symbols("x y")
>>> t = sc.backprop(x * y + sc.sin(x), {x: 2, y: 3})
>>> print(t.table("text"))
node  op     inputs   value         local derivatives      adjoint
----  -----  -------  ------------  ---------------------  -----------
v1    input  x        2                                    2.583853163
v2    input  y        3                                    2
v3    sin    sin(v1)  0.9092974268  d/dv1 = -0.4161468365  1
v4    mul    v1*v2    6             d/dv1 = 3, d/dv2 = 2   1
v5    add    v3 + v4  6.909297427   d/dv3 = 1, d/dv4 = 1   1
>>> t.gradient
{x: 2.5838531634528574, y: 2.0}
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from ..core import Expr, Symbol, as_expr

__all__ = ["backprop", "forward_trace", "Trace", "TraceNode"]


class TraceNode:
    """One node of a trace: ``name`` (v1, ...), ``op`` ("input", "add", "mul", "pow"
    or a function name), ``expr``, ``inputs`` (the input nodes; None for an inline
    number), ``value``, ``local`` (the partial derivative with respect to each input
    node), ``adjoint`` (dL/dnode, reverse mode) and ``tangent`` (forward mode)."""

    __slots__ = ("name", "op", "expr", "inputs", "consts", "value", "local", "adjoint",
                 "tangent")

    def __init__(self, name: str, op: str, expr: Expr, inputs: list, consts: list,
                 value: float, local: list[float]) -> None:
        self.name = name
        self.op = op
        self.expr = expr
        self.inputs = inputs
        self.consts = consts
        self.value = value
        self.local = local
        self.adjoint: float | None = None
        self.tangent: float | None = None

    @property
    def args(self) -> list[str]:
        """The inputs as text: node names and inline numbers."""
        return [n.name if n is not None else c for n, c in zip(self.inputs, self.consts)]

    def formula(self, unicode: bool = True) -> str:
        a = self.args
        if self.op == "input":
            return str(self.expr)
        if self.op == "add":
            return " + ".join(a)
        if self.op == "mul":
            return ("·" if unicode else "*").join(a)
        if self.op == "pow":
            return f"{a[0]}^{a[1]}"
        return f"{self.op}({', '.join(a)})"

    def __repr__(self) -> str:
        extra = f", adjoint={self.adjoint:.10g}" if self.adjoint is not None else ""
        extra += f", tangent={self.tangent:.10g}" if self.tangent is not None else ""
        return f"TraceNode({self.name} = {self.formula(False)}, value={self.value:.10g}{extra})"


def _fmt(v: float | None) -> str:
    return "" if v is None else f"{v:.10g}"


def _value_and_partials(e: Expr, vals: list[float]) -> tuple[float, list[float]]:
    if e.is_Add:
        return math.fsum(vals), [1.0] * len(vals)
    if e.is_Mul:
        out = 1.0
        for v in vals:
            out *= v
        partials = []
        for i in range(len(vals)):
            p = 1.0
            for j, v in enumerate(vals):
                if j != i:
                    p *= v
            partials.append(p)
        return out, partials
    if e.is_Pow:
        a, b = vals
        try:
            v = a ** b
        except (ZeroDivisionError, OverflowError):
            v = math.inf if a == 0 else math.nan
        if isinstance(v, complex):
            return math.nan, [math.nan, math.nan]
        try:
            da = b * a ** (b - 1.0) if b != 0 else 0.0
        except (ZeroDivisionError, OverflowError):
            da = math.inf
        if isinstance(da, complex):
            da = math.nan
        db = v * math.log(a) if a > 0 else (0.0 if v == 0 else math.nan)
        return float(v), [float(da), db]
    from .dual import _function

    r = _function(e.fdef.name, len(vals))(*vals)
    return float(r[0]), [float(d) for d in r[1:]]


def _op(e: Expr) -> str:
    if e.is_Add:
        return "add"
    if e.is_Mul:
        return "mul"
    if e.is_Pow:
        return "pow"
    if e.is_Function and getattr(e, "fdef", None) is not None:
        return e.fdef.name
    raise ValueError(f"backprop: cannot trace {e.head} nodes ({e}): the traced graph has "
                     f"sums, products, powers and functions")


def _number(e: Expr) -> float | None:
    if e.free_symbols:
        return None
    v = e.evalf()
    if not isinstance(v, float):
        raise ValueError(f"backprop: {e} is not a real number")
    return v


def _point(e: Expr, point: Any) -> dict[Symbol, float]:
    if not isinstance(point, dict):
        raise TypeError("backprop: the point must be a dict {symbol: number}")
    env: dict[Symbol, float] = {}
    for k, v in point.items():
        s = Symbol(k) if isinstance(k, str) else as_expr(k)
        env[s] = float(as_expr(v).evalf()) if not isinstance(v, (int, float)) else float(v)
    missing = sorted(str(s) for s in e.free_symbols if s not in env)
    if missing:
        raise ValueError(f"backprop: the point has no value for {', '.join(missing)}")
    return env


def _build(e: Any, point: Any) -> Trace:
    e = as_expr(e)
    env = _point(e, point)
    order: list[Expr] = []
    seen: set[int] = set()
    consts: dict[int, float] = {}
    stack = [(e, False)]
    while stack:
        u, ready = stack.pop()
        if ready:
            order.append(u)
            continue
        if id(u) in seen:
            continue
        seen.add(id(u))
        c = _number(u) if not u.is_Symbol else None
        if c is not None:
            consts[id(u)] = c
            continue
        stack.append((u, True))
        if not u.is_Symbol:
            stack.extend((a, False) for a in reversed(u.args) if id(a) not in seen)
    if id(e) in consts:
        raise ValueError(f"backprop: {e} has no variables to trace")
    # inputs first (in the order the point lists them), then the operations
    inputs = [u for u in order if u.is_Symbol]
    rank = {s: i for i, s in enumerate(env)}
    inputs.sort(key=lambda s: rank[s])
    ops = [u for u in order if not u.is_Symbol]
    nodes: dict[int, TraceNode] = {}
    listed: list[TraceNode] = []
    for u in inputs + ops:
        name = f"v{len(listed) + 1}"
        if u.is_Symbol:
            tn = TraceNode(name, "input", u, [], [], env[u], [])
        else:
            ins = [nodes.get(id(a)) for a in u.args]
            cs = [_fmt(consts[id(a)]) if id(a) in consts else "" for a in u.args]
            vals = [n.value if n is not None else consts[id(a)] for n, a in zip(ins, u.args)]
            op = _op(u)  # first: refuses what it cannot trace (Piecewise, relations)
            v, partials = _value_and_partials(u, vals)
            tn = TraceNode(name, op, u, ins, cs, v, partials)
        nodes[id(u)] = tn
        listed.append(tn)
    return Trace(listed, nodes[id(e)], env)


def backprop(e: Any, point: Any) -> Trace:
    """The computational graph of ``e`` at ``point`` ({symbol: number}) after one
    forward and one backward pass: ``.nodes`` in evaluation order, each with ``op``,
    ``value``, ``local`` derivatives and ``adjoint`` dL/dnode (L = e); ``.gradient``
    {symbol: dL/dsymbol}. Show it with ``table(fmt)``, ``to_dot()`` or ``draw()``."""
    t = _build(e, point)
    for n in t.nodes:
        n.adjoint = 0.0
    t.output.adjoint = 1.0
    for n in reversed(t.nodes):
        for src, d in zip(n.inputs, n.local):
            if src is not None:
                src.adjoint += n.adjoint * d  # type: ignore[operator]
    t.mode = "reverse"
    return t


def forward_trace(e: Any, point: Any, wrt: Any = None) -> Trace:
    """Forward mode made visible: every node's value and tangent d node / d t when the
    inputs move along ``wrt`` (a symbol: its tangent is 1, the others 0; or a dict
    {symbol: tangent}; default: the first symbol of ``point``). The output's tangent is
    the directional derivative."""
    t = _build(e, point)
    if wrt is None:
        wrt = next(iter(t.point))
    if not isinstance(wrt, dict):
        wrt = {wrt: 1.0}
    seed = {(Symbol(k) if isinstance(k, str) else as_expr(k)): float(v)
            for k, v in wrt.items()}
    for n in t.nodes:
        if n.op == "input":
            n.tangent = seed.get(n.expr, 0.0)
        else:
            n.tangent = math.fsum(d * s.tangent for s, d in zip(n.inputs, n.local)
                                  if s is not None)
    t.mode = "forward"
    t.seed = seed
    return t


class Trace:
    """A traced computational graph (see :func:`backprop`, :func:`forward_trace`)."""

    def __init__(self, nodes: list[TraceNode], output: TraceNode, point: dict) -> None:
        self.nodes = nodes
        self.output = output
        self.point = point
        self.mode = ""
        self.seed: dict = {}

    def __iter__(self) -> Iterator[TraceNode]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    @property
    def value(self) -> float:
        """The value of the expression."""
        return self.output.value

    @property
    def gradient(self) -> dict:
        """{input symbol: adjoint} (reverse mode)."""
        return {n.expr: n.adjoint for n in self.nodes if n.op == "input"}

    @property
    def derivative(self) -> float | None:
        """The output's tangent: the directional derivative (forward mode)."""
        return self.output.tangent

    def node(self, e: Any) -> TraceNode:
        """The node computing expression ``e`` (or named ``"v3"``)."""
        if isinstance(e, str) and e[:1] == "v" and e[1:].isdigit():
            return self.nodes[int(e[1:]) - 1]
        e = as_expr(e)
        for n in self.nodes:
            if n.expr == e:
                return n
        raise KeyError(f"no node computes {e}")

    def step(self, lr: float, params: Any = None) -> dict:
        """One gradient-descent step: the point with each of ``params`` (default: every
        input) moved by -lr * its adjoint."""
        if self.mode != "reverse":
            raise ValueError("step needs the adjoints of a backprop trace")
        ps = list(self.point) if params is None else [
            Symbol(p) if isinstance(p, str) else as_expr(p) for p in params]
        g = self.gradient
        return {s: (v - lr * g.get(s, 0.0) if s in ps else v) for s, v in self.point.items()}

    # ------------------------------------------------------------------ display

    def _rows(self, unicode: bool) -> tuple[list[str], list[list[str]]]:
        d = "∂/∂" if unicode else "d/d"
        last = "adjoint" if self.mode == "reverse" else "tangent"
        head = ["node", "op", "inputs", "value", "local derivatives", last]
        rows = []
        for n in self.nodes:
            local = ", ".join(f"{d}{s.name} = {_fmt(v)}" for s, v in zip(n.inputs, n.local)
                              if s is not None)
            rows.append([n.name, n.op, n.formula(unicode), _fmt(n.value), local,
                         _fmt(n.adjoint if self.mode == "reverse" else n.tangent)])
        return head, rows

    def table(self, fmt: str = "unicode") -> str:
        """The nodes as a table: ``"text"`` (ASCII), ``"unicode"`` (box drawing) or
        ``"latex"`` (a tabular)."""
        if fmt == "latex":
            return self._latex()
        if fmt not in ("text", "unicode"):
            raise ValueError(f"table: fmt must be 'text', 'unicode' or 'latex', not {fmt!r}")
        uni = fmt == "unicode"
        head, rows = self._rows(uni)
        w = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        if uni:
            def line(r: list[str]) -> str:
                return "│ " + " │ ".join(c.ljust(k) for c, k in zip(r, w)) + " │"
            top = "┌─" + "─┬─".join("─" * k for k in w) + "─┐"
            mid = "├─" + "─┼─".join("─" * k for k in w) + "─┤"
            bot = "└─" + "─┴─".join("─" * k for k in w) + "─┘"
            return "\n".join([top, line(head), mid, *map(line, rows), bot])

        def tline(r: list[str]) -> str:
            return "  ".join(c.ljust(k) for c, k in zip(r, w)).rstrip()
        return "\n".join([tline(head), "  ".join("-" * k for k in w), *map(tline, rows)])

    def _latex(self) -> str:
        from ..printing.latex import latex

        last = r"\bar{v} = \partial L/\partial v" if self.mode == "reverse" else r"\dot{v}"
        out = [r"\begin{tabular}{llrll}", r"\hline",
               rf"node & definition & value & local derivatives & ${last}$ \\", r"\hline"]
        for n in self.nodes:
            if n.op == "input":
                defn = f"${latex(n.expr)}$"
            else:
                defn = "$" + n.formula(False).replace("*", r" \cdot ") + "$"
                if n.op not in ("add", "mul", "pow"):
                    defn = defn.replace(f"${n.op}(", rf"$\operatorname{{{n.op}}}(", 1)
            local = ", ".join(rf"$\partial/\partial {s.name} = {_fmt(v)}$"
                              for s, v in zip(n.inputs, n.local) if s is not None)
            last_v = n.adjoint if self.mode == "reverse" else n.tangent
            out.append(f"${n.name}$ & {defn} & {_fmt(n.value)} & {local} & {_fmt(last_v)} \\\\")
        out += [r"\hline", r"\end{tabular}"]
        return re.sub(r"\bv(\d+)\b", r"v_{\1}", "\n".join(out))

    def to_dot(self) -> str:
        """Graphviz DOT source: a box per node (value, adjoint or tangent), an edge per
        input labelled with the local derivative."""
        kind = "adjoint" if self.mode == "reverse" else "tangent"
        lines = ["digraph backprop {", "  rankdir=LR;",
                 '  node [shape=record, fontname="monospace"];']
        for n in self.nodes:
            other = n.adjoint if self.mode == "reverse" else n.tangent
            label = f"{n.name}: {n.formula(False)} | value {_fmt(n.value)} | {kind} {_fmt(other)}"
            label = label.replace('"', r"\"").replace("<", r"\<").replace(">", r"\>")
            lines.append(f'  {n.name} [label="{{{label}}}"];')
        for n in self.nodes:
            for s, d in zip(n.inputs, n.local):
                if s is not None:
                    lines.append(f'  {s.name} -> {n.name} [label="{_fmt(d)}"];')
        lines.append("}")
        return "\n".join(lines)

    def draw(self) -> str:
        """A terminal drawing of the graph from the output down: each node with its
        value and adjoint (or tangent); a node used again shows ``→ vN``."""
        kind = "∂L" if self.mode == "reverse" else "ṫ"
        shown: set[str] = set()
        lines: list[str] = []
        stack: list[tuple[TraceNode, str, str]] = [(self.output, "", "")]
        while stack:
            n, lead, branch = stack.pop()
            other = n.adjoint if self.mode == "reverse" else n.tangent
            text = f"{n.name} {n.formula()}  = {_fmt(n.value)}  {kind} = {_fmt(other)}"
            if n.name in shown and n.op != "input":
                lines.append(f"{lead}{branch}→ {n.name}")
                continue
            shown.add(n.name)
            lines.append(f"{lead}{branch}{text}")
            kids = [s for s in n.inputs if s is not None]
            sub = lead + ("" if not branch else "│   " if branch == "├── " else "    ")
            for i, s in reversed(list(enumerate(kids))):
                stack.append((s, sub, "└── " if i == len(kids) - 1 else "├── "))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table("unicode")

    def __repr__(self) -> str:
        return (f"<{self.mode} trace of {self.output.expr}: {len(self.nodes)} nodes, "
                f"value {_fmt(self.value)}>")

    def _repr_latex_(self) -> str:  # notebooks
        return self._latex()

    def _repr_html_(self) -> str:  # notebooks
        import html

        head, rows = self._rows(True)
        cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
                       for r in rows)
        return f"<table><tr>{cells}</tr>{body}</table>"
