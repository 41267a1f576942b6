"""Code generation: a schedule of primitive IR ops becomes Python source.

Three flavours from one schedule:

* ``numpy_kernel``: every op is one ufunc call writing into a preallocated buffer
  (``out=``); buffers are reused as soon as the value in them is dead (liveness
  analysis), so a whole evaluation touches a handful of arrays. The caller runs the
  kernel over the full arrays, or block by block so that the buffers stay in cache.
* ``generic_function``: plain NumPy calls without ``out=``, so that array types with
  their own dispatch (Dask, CuPy, ...) build their own results.
* ``math_function``: scalar Python over the ``math`` module.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

from . import ops
from .ir import Node, toposort


@dataclass
class Kernel:
    """The generated NumPy kernel and what its caller has to allocate."""

    source: str
    n_float: int  # scratch float buffers
    n_bool: int   # scratch bool buffers
    consts: list = field(default_factory=list)  # (output index, literal) to fill


def literal(v: float | bool) -> str:
    if isinstance(v, bool):
        return repr(v)
    if math.isnan(v):
        return "_nan"
    if math.isinf(v):
        return "_inf" if v > 0 else "(-_inf)"
    return repr(v) if v >= 0 else f"({v!r})"


def schedule(outputs: list[Node]) -> list[Node]:
    """The ops to run, sources first (literals and inputs are not ops), ordered to keep
    few values alive at a time. For several outputs, list scheduling: among the ready
    ops, the one that frees the most buffers (the last use of its sources), then the one
    whose sources were computed last, then depth-first order from the later outputs (for
    ``value_and_grad``: the gradient entries before the value). A gradient then runs each
    adjoint as soon as its forward values are there instead of keeping the whole forward
    pass alive (n-variable Rosenbrock: about n buffers instead of 2n)."""
    order = [n for n in toposort(outputs[1:] + outputs[:1]) if n.op not in ("const", "var")]
    if len(outputs) == 1 or len(order) < 3:
        return order  # one expression: depth-first order is as good
    index = {id(n): i for i, n in enumerate(order)}
    srcs = [list({id(s): s for s in n.src if id(s) in index}.values()) for n in order]
    users: list[list[int]] = [[] for _ in order]
    for i, ss in enumerate(srcs):
        for s in ss:
            users[index[id(s)]].append(i)
    pending = [len(ss) for ss in srcs]
    left = [len(u) for u in users]
    kept = {index[id(o)] for o in outputs if id(o) in index}  # outputs: never freed

    def score(i: int) -> int:
        freed = sum(1 for s in srcs[i] if left[index[id(s)]] == 1
                    and index[id(s)] not in kept)
        return freed - (i not in kept)

    pos = [-1] * len(order)  # where each op landed in the schedule

    def key(i: int) -> tuple:  # most freed, then the most recent sources, then DFS order
        return (-score(i), -max((pos[index[id(s)]] for s in srcs[i]), default=-1), i)

    heap = [key(i) for i in range(len(order)) if not pending[i]]
    heapq.heapify(heap)
    out: list[Node] = []
    while heap:
        k = heapq.heappop(heap)
        i = k[2]
        if pending[i] < 0:  # already run (queued twice)
            continue
        if key(i) != k:  # a source lost another user since: re-rank
            heapq.heappush(heap, key(i))
            continue
        pos[i] = len(out)
        out.append(order[i])
        pending[i] = -1  # done
        for s in srcs[i]:
            j = index[id(s)]
            left[j] -= 1
            if left[j] == 1:  # its last user may now free it
                u = next(u for u in users[j] if pending[u] >= 0)
                if not pending[u]:
                    heapq.heappush(heap, key(u))
        for u in users[i]:
            pending[u] -= 1
            if not pending[u]:
                heapq.heappush(heap, key(u))
    assert len(out) == len(order)
    return out


def _var_names(outputs: list[Node]) -> dict[int, str]:
    """id -> parameter name of the input nodes (by their index, not by identity: code
    may be generated after the node table that made them is gone)."""
    return {id(n): f"v{n.arg}" for n in toposort(outputs) if n.op == "var"}


def _is_bool(n: Node) -> bool:
    return n.op in ops.BOOL or (n.op == "const" and isinstance(n.arg, bool))


def numpy_kernel(outputs: list[Node], nvars: int) -> Kernel:
    """def _kernel(v0.., o0.., f0.., b0..): one ufunc call per op, out= reused buffers."""
    order = schedule(outputs)
    last: dict[int, int] = {}
    for i, n in enumerate(order):
        for s in n.src:
            last[id(s)] = i
    out_of: dict[int, int] = {}
    for k, o in enumerate(outputs):
        out_of.setdefault(id(o), k)
    name = _var_names(outputs)
    free: dict[str, list[str]] = {"f": [], "b": []}
    count = {"f": 0, "b": 0}
    lines: list[str] = []

    def arg(s: Node) -> str:
        return literal(s.arg) if s.op == "const" else name[id(s)]

    def release(n: Node, i: int) -> None:
        # a buffer whose value is last used here is free (once, also for mul(u, u))
        for j, s in enumerate(n.src):
            nm = name.get(id(s), "")
            if last.get(id(s)) == i and nm[:1] in ("f", "b") \
                    and all(t is not s for t in n.src[:j]):
                free[nm[0]].append(nm)

    for i, n in enumerate(order):
        safe_inplace = n.op not in ("where", "erf", "erfc")  # sinfix: see special.py
        if safe_inplace:
            release(n, i)
        if id(n) in out_of:
            dest = f"o{out_of[id(n)]}"
        else:
            kind = "b" if _is_bool(n) else "f"
            if free[kind]:
                dest = free[kind].pop()
            else:
                dest = f"{kind}{count[kind]}"
                count[kind] += 1
        if not safe_inplace:
            release(n, i)
        name[id(n)] = dest
        a = [arg(s) for s in n.src]
        if n.op == "where":
            lines.append(f"np.copyto({dest}, {a[2]})")
            lines.append(f"np.copyto({dest}, {a[1]}, where={a[0]})")
        else:
            callee, extra = ops.NUMPY[n.op]
            lines.append(f"{callee}({', '.join(a)}{extra}, out={dest})")
    consts = []
    for k, o in enumerate(outputs):
        if o.op == "const":
            consts.append((k, o.arg))
        elif out_of[id(o)] != k or o.op == "var":
            lines.append(f"np.copyto(o{k}, {name[id(o)]})")
    params = [f"v{i}" for i in range(nvars)] + [f"o{k}" for k in range(len(outputs))] \
        + [f"f{j}" for j in range(count["f"])] + [f"b{j}" for j in range(count["b"])]
    body = "\n".join("    " + ln for ln in lines) or "    pass"
    src = f"def _kernel({', '.join(params)}):\n{body}\n"
    return Kernel(src, count["f"], count["b"], consts)


def _straight_line(outputs: list[Node], nvars: int, fmt) -> tuple[list[str], dict[int, str]]:
    """One assignment per op. A temporary's name is reused once its value is dead, so
    the value is freed at once: a long scalar function then recycles a few float
    objects (hot in cache, from the float free list) instead of keeping thousands alive
    until it returns, and array code holds few arrays at a time. Outputs stay alive."""
    name = _var_names(outputs)
    order = schedule(outputs)
    last: dict[int, int] = {}
    for i, n in enumerate(order):
        for s in n.src:
            last[id(s)] = i
    for o in outputs:
        last[id(o)] = len(order)  # returned: never freed
    free: list[str] = []
    count = 0
    lines = []
    for i, n in enumerate(order):
        a = [literal(s.arg) if s.op == "const" else name[id(s)] for s in n.src]
        for j, s in enumerate(n.src):  # sources last used here (once for mul(u, u))
            if last.get(id(s)) == i and s.op not in ("const", "var") \
                    and all(t is not s for t in n.src[:j]):
                free.append(name[id(s)])
        if free:
            dest = free.pop()
        else:
            dest = f"t{count}"
            count += 1
        name[id(n)] = dest
        lines.append(f"{dest} = {fmt(n, a)}")
    return lines, name


def _numpy_call(n: Node, a: list[str], foreign: bool) -> str:
    if n.op == "where":
        return f"np.where({a[0]}, {a[1]}, {a[2]})"
    callee, extra = ops.NUMPY[n.op]
    if foreign:
        callee = ops.GENERIC.get(n.op, callee)
    return f"{callee}({', '.join(a)}{extra})"


def generic_function(outputs: list[Node], nvars: int) -> str:
    """def _generic(v0..): NumPy calls without out=, returns a tuple of results, for
    array types with their own dispatch (no fancy indexing inside helpers such as erf)."""
    lines, name = _straight_line(outputs, nvars, lambda n, a: _numpy_call(n, a, True))
    zero = " + ".join(f"0.0 * v{i}" for i in range(nvars)) or "0.0"
    res = []
    for o in outputs:
        if o.op == "const":
            res.append(f"({literal(o.arg)} + {zero})")
        else:
            res.append(name[id(o)])
    lines.append(f"return ({', '.join(res)},)")
    body = "\n".join("    " + ln for ln in lines)
    return f"def _generic({', '.join(f'v{i}' for i in range(nvars))}):\n{body}\n"


_OPERATORS = frozenset({"add", "sub", "mul", "div", "neg"})
_BRANCHED = frozenset(ops.BRANCHED) | {"_log1p"}


def small_function(outputs: list[Node], nvars: int) -> str:
    """def _small(v0..): allocating NumPy calls on float64 arrays of one shape, warnings
    silenced; every result is a fresh array of that shape (literals filled in, inputs
    and repeated outputs copied)."""
    def fmt(n: Node, a: list[str]) -> str:  # operators: a third cheaper than np.add(...)
        if n.op in _OPERATORS:
            return ops.MATH[n.op].format(*a)
        if n.op == "sigmoid":  # special.sigmoid_generic, without its two calls
            return f"(1.0 / (1.0 + np.exp(-{a[0]})))"
        # float64 arrays only: the plain ufunc, not the wrapper with the complex branch
        # convention (np.sqrt, not _sqrt)
        return _numpy_call(n, a, n.op in ops.NUMPY and ops.NUMPY[n.op][0] in _BRANCHED)

    lines, name = _straight_line(outputs, nvars, fmt)
    res: list[str] = []
    for o in outputs:
        if o.op == "const":
            res.append(f"np.full(v0.shape, {literal(o.arg)})")
        elif o.op == "var" or name[id(o)] in res:
            res.append(f"{name[id(o)]}.copy()")
        else:
            res.append(name[id(o)])
    body = "\n".join("        " + ln for ln in lines) or "        pass"
    return (f"def _small({', '.join(f'v{i}' for i in range(nvars))}):\n"
            f"    _tok = _qset(_quiet)\n    try:\n{body}\n    finally:\n        _qreset(_tok)\n"
            f"    return ({', '.join(res)},)\n")


def math_function(outputs: list[Node], nvars: int) -> str:
    """def _scalar(v0..): straight-line math-module code, returns a tuple of floats."""
    lines, name = _straight_line(outputs, nvars, lambda n, a: ops.MATH[n.op].format(*a))
    res = [literal(float(o.arg)) if o.op == "const" else name[id(o)] for o in outputs]
    lines.append(f"return ({', '.join(res)},)")
    body = "\n".join("    " + ln for ln in lines)
    return f"def _scalar({', '.join(f'v{i}' for i in range(nvars))}):\n{body}\n"
