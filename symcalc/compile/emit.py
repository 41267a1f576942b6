"""Emitters for array frameworks (JAX, PyTorch): the optimized IR becomes straight-line
Python over the framework's own functions, so the result composes with its transforms
(``jax.jit``, ``jax.grad``, ``jax.vmap``; torch autograd) and runs where its inputs live
(a GPU included).

The IR is the one the NumPy backend runs: lowered and optimized by the same passes
(stable forms from expshift.py: shifted softmax quotients, log-cosh, softplus), so the
emitted code is as stable as the NumPy code. A backend is a table op -> template
(emit_jax.py, emit_torch.py); an op without a template raises :class:`EmitError`
naming the function. A function built here pickles by rebuilding from its expression.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any

from ..errors import SymcalcError
from .codegen import literal, schedule
from .ir import Node, toposort

#: ops written as Python operators: they take Python floats as literals in every
#: framework (other calls get literals as 0-d arrays where the backend asks for that)
OPERATORS = frozenset({"add", "sub", "mul", "div", "neg"})


class EmitError(SymcalcError, NotImplementedError):
    """The expression uses a function the target framework has no implementation of."""


@dataclass
class Backend:
    """One framework: templates per op, the globals of its generated code, and how
    literals and constant outputs are written."""

    name: str
    templates: dict[str, str]
    namespace: Any  # () -> dict of globals: _full(c, args), _lit(c, like), _first(args)
    stack: Any  # (list of results) -> one array along a new first axis (broadcast first)
    tensor_literals: bool = False  # literals of non-operator calls as 0-d tensors


_OP_NAMES = {"Ei": "Ei", "Li2": "polylog(2, .)", "step": "heaviside", "pow": "power"}


def emit_source(outputs: list[Node], nvars: int, backend: Backend,
                fname: str = "_emitted") -> str:
    """def fname(v0..): straight-line code over the backend's functions, returns a tuple."""
    missing = sorted({n.op for n in toposort(outputs) if n.op not in ("const", "var")
                      and n.op not in backend.templates})
    if missing:
        names = ", ".join(_OP_NAMES.get(m, m) for m in missing)
        raise EmitError(f"compile(backend={backend.name!r}): {backend.name} has no "
                        f"implementation of {names}; use the NumPy backend for this "
                        f"expression")
    name = {id(n): f"v{n.arg}" for n in toposort(outputs) if n.op == "var"}
    lits: dict[str, str] = {}
    lines: list[str] = []
    for j, n in enumerate(schedule(outputs)):
        a = []
        for s in n.src:
            if s.op != "const":
                a.append(name[id(s)])
            elif backend.tensor_literals and n.op not in OPERATORS:
                lit = literal(s.arg)
                if lit not in lits:
                    lits[lit] = f"k{len(lits)}"
                a.append(lits[lit])
            else:
                a.append(literal(s.arg))
        name[id(n)] = f"t{j}"
        lines.append(f"t{j} = {backend.templates[n.op].format(*a)}")
    vs = ", ".join(f"v{i}" for i in range(nvars))
    res = []
    for o in outputs:
        if o.op == "const":
            res.append(f"_full({literal(o.arg)}, ({vs}{',' if nvars == 1 else ''}))")
        else:
            res.append(name[id(o)])
    head = [f"_like = _first(({vs}{',' if nvars == 1 else ''}))"] if lits else []
    head += [f"{k} = _lit({lit}, _like)" for lit, k in lits.items()]
    lines = head + lines + [f"return ({', '.join(res)},)"]
    body = "\n".join("    " + ln for ln in lines)
    return f"def {fname}({vs}):\n{body}\n"


def compile_source(src: str, ns: dict[str, Any], fname: str = "_emitted") -> Any:
    exec(builtins.compile(src, f"<symcalc.compile.{fname}>", "exec"), ns)  # generated here
    return ns[fname]


class EmittedFunction:
    """A compiled expression as code of an array framework: call it with the values of its
    variables (that framework's arrays, or Python floats). ``source`` is the code."""

    def __init__(self, params: list[str], outputs: list[Node], kind: Any, backend: Backend,
                 *, packed: bool = False) -> None:
        self.params = params
        self.backend = backend.name
        self.packed = packed
        self._kind = kind  # None: one value; "tuple"; (rows, cols): matrix; "grad"
        self._b = backend
        self.source = emit_source(outputs, len(params), backend)
        self._ns = backend.namespace()
        self._fn = compile_source(self.source, self._ns)
        self._recipe: tuple | None = None  # (builder, expr, vars, options): for pickling

    def __call__(self, *args: Any) -> Any:
        if self.packed:
            if len(args) != 1:
                raise TypeError(f"this packed function takes one parameter vector theta of "
                                f"length {len(self.params)}, got {len(args)} arguments")
            args = tuple(args[0][i] for i in range(len(self.params)))
        elif len(args) != len(self.params):
            raise TypeError(f"this function takes {len(self.params)} argument"
                            f"{'' if len(self.params) == 1 else 's'} "
                            f"({', '.join(self.params)}), got {len(args)}")
        args = self._ns["_inputs"](args)
        # every result has the broadcast shape of all the inputs, like the NumPy backend's
        vals = self._ns["_bcast"](self._fn(*args), args)
        kind = self._kind
        if kind is None:
            return vals[0]
        if kind == "tuple":
            return vals
        if kind == "grad":
            return vals[0], self._b.stack(list(vals[1:]))
        m = self._b.stack(list(vals))
        return m.reshape(tuple(kind) + tuple(m.shape[1:]))

    def __reduce__(self) -> tuple:
        if self._recipe is None:
            raise TypeError("this compiled function cannot be pickled (it was not built "
                            "by compile or value_and_grad)")
        from .api import _rebuild

        return _rebuild, self._recipe

    def __repr__(self) -> str:
        return f"<{self.backend} function of ({', '.join(self.params)})>"
