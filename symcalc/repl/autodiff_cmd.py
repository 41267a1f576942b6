"""``:backprop`` and ``:forward``: automatic differentiation traced in the REPL.

``:backprop EXPR at x=1, y=2`` shows the computational graph of EXPR with every
node's value, local derivatives and adjoint (one forward and one backward pass);
``:forward EXPR at x=1, y=2 [wrt x]`` the same with forward-mode tangents. Add
``--dot`` for Graphviz source or ``--graph`` for a drawing of the graph instead of
the table. The table follows ``:mode`` (LaTeX in latex mode). ``:losscurve [NAME]``
plots the loss history of an optimizer result (the last one by default).
"""

from __future__ import annotations

from typing import Any

USAGE = {":backprop": "usage: :backprop EXPR at x=1, y=2 [--dot | --graph]",
         ":forward": "usage: :forward EXPR at x=1, y=2 [wrt x] [--dot | --graph]"}


def _split_top(s: str) -> list[str]:
    """s split at commas outside brackets."""
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [p.strip() for p in out if p.strip()]


def run(session: Any, head: str, rest: str, reply: Any) -> None:
    """Handle ``head`` (":backprop", ":forward" or ":losscurve") with argument ``rest``."""
    from ..core import Expr, Symbol
    from ..numerics.backprop import backprop, forward_trace
    from .session import SessionError

    if head == ":losscurve":
        r = session._arg_or_ans(rest.strip())
        hist = getattr(r, "history", None)
        if hist is None or not hasattr(hist, "plot"):
            raise SessionError(":losscurve plots the history of a minimize result "
                               "(minimize(..., history=True))")
        reply.add("info", hist.plot())
        return
    flags = {f for f in ("--dot", "--graph") if f in rest.split()}
    for f in flags:
        rest = rest.replace(f, " ")
    text, sep, where = rest.rpartition(" at ")
    if not sep or not text.strip():
        raise SessionError(USAGE[head])
    wrt = None
    if head == ":forward" and " wrt " in f" {where} ":
        where, _, w = f" {where} ".rpartition(" wrt ")
        wrt = Symbol(w.strip())
    point: dict = {}
    for item in _split_top(where):
        name, eq, val = item.partition("=")
        if not eq or not name.strip().isidentifier():
            raise SessionError(f"{USAGE[head]} (could not read {item!r})")
        v = session.evaluate(val.strip())
        try:
            point[Symbol(name.strip())] = float(v.evalf() if isinstance(v, Expr) else v)
        except (TypeError, ValueError) as e:
            raise SessionError(f"the value of {name.strip()} is not a real number") from e
    e = session.evaluate(text.strip())
    if not isinstance(e, Expr):
        raise SessionError(f"{head} traces an expression")
    try:
        t = backprop(e, point) if head == ":backprop" else forward_trace(e, point, wrt)
    except (ValueError, TypeError, KeyError) as err:
        raise SessionError(str(err)) from None
    if "--dot" in flags:
        reply.add("info", t.to_dot())
        return
    if "--graph" in flags:
        reply.add("info", t.draw())
    else:
        mode = getattr(session, "mode", "pretty")
        reply.add("info", t.table("latex" if mode == "latex" else
                                  "text" if mode == "text" else "unicode"))
    if head == ":backprop":
        grads = ", ".join(f"∂/∂{s} = {v:.10g}" for s, v in t.gradient.items())
        reply.add("info", f"value {t.value:.10g}; gradient: {grads}")
    else:
        reply.add("info", f"value {t.value:.10g}; directional derivative {t.derivative:.10g}")
