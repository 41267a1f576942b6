"""compile / lambdify, value_and_grad, compile_jacobian, compile_hessian.

>>> import symcalc as sc
>>> x, y = sc.symbols("x y")
>>> f = sc.compile(sc.sin(x) * y, [x, y])
>>> f(0.5, 2.0)
0.958851077208406
>>> f([0.0, 0.5], 2.0)
array([0.        , 0.95885108])
"""

from __future__ import annotations

import builtins
import itertools
import math
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..core import Expr, Matrix, Symbol, as_expr
from ..errors import ArgumentError, CompileError, SymcalcError
from . import codegen, ops
from .complex_numpy import compile_complex, needs_complex
from .ir import Node, const, node, scope
from .lower import lower
from .passes import STRIP, optimize, vector_passes
from .pattern import graph_rewrite
from .reverse import gradient

#: inputs with more elements than this are evaluated in cache-sized blocks
BLOCK_THRESHOLD = 1 << 16
#: inputs with at most this many elements take the short path (no out= buffers: for
#: small arrays fresh temporaries are cheaper; beyond, they are fresh pages each call)
SMALL = 2048
#: bytes of the arrays one block touches (its slices of the inputs, outputs and scratch
#: buffers): they stay in cache, and blocks are large enough that the Python-level cost
#: of a ufunc call is small beside its work
WORKING_SET = 1 << 22
#: block sizes (elements) are powers of two between these
MIN_BLOCK, MAX_BLOCK = 1 << 14, 1 << 17
#: inputs with at least this many elements are spread over threads
PARALLEL = 1 << 17
#: worker threads for blocked evaluation (ufuncs release the GIL)
THREADS = min(os.cpu_count() or 1, 8)
_POOL: Any = None


def _pool() -> Any:
    global _POOL
    if _POOL is None:
        from concurrent.futures import ThreadPoolExecutor

        _POOL = ThreadPoolExecutor(THREADS, thread_name_prefix="symcalc-compile")
    return _POOL


def _symbols(vars: Any) -> list[Symbol]:
    if isinstance(vars, (Symbol, str)):
        vars = [vars]
    out = []
    seen = set()
    for v in vars:
        s = Symbol(v) if isinstance(v, str) else as_expr(v)
        if not s.is_Symbol:
            raise CompileError(f"compile: variables must be symbols, got {s}")
        if s in seen:
            raise CompileError(f"compile: the variable {s} is listed twice")
        seen.add(s)
        out.append(s)
    return out


def _check_free(exprs: Sequence[Expr], syms: list[Symbol]) -> None:
    known = set(syms)
    missing: set = set()
    for e in exprs:
        missing |= {s for s in e.free_symbols if s not in known}
    if missing:
        names = ", ".join(sorted(str(s) for s in missing))
        raise CompileError(f"compile: the expression has symbols that are not in vars: {names} "
                         f"(vars are {', '.join(map(str, syms)) or 'empty'})")


def _shaped(*objs: Any) -> bool:
    """A vector or matrix expression among the arguments: tensor/ compiles it."""
    return any(getattr(o, "is_shaped", False) or isinstance(o, (list, tuple)) and
               any(getattr(v, "is_shaped", False) for v in o) for o in objs)


def _numeric_root(n: Node) -> Node:
    """Booleans (a relation compiled on its own) become 1.0 / 0.0."""
    if n.op in ops.BOOL:
        return node("where", n, const(1.0), const(0.0))
    return n


class CompiledFunction:
    """A compiled expression: call it with the values of its variables."""

    def __init__(self, params: list[str], outputs: list[Node], shape: Any, *,
                 backend: str, packed: bool, grad: bool = False) -> None:
        if backend not in ("auto", "numpy", "math"):
            raise ValueError(f"compile: backend must be 'auto', 'numpy', 'math', 'jax' or "
                             f"'torch', not {backend!r}")
        n = len(params)
        outputs = graph_rewrite(outputs, STRIP)
        self.params = params
        self.backend = backend
        self.packed = packed
        self._kind = shape  # None: one value; "tuple"; (rows, cols): matrix; "grad"
        self._nout = len(outputs)
        # the array kernel and the small-array code get the vector forms of the ufuncs
        # that are slow here (passes.vector_passes); the generic and scalar versions
        # (and the other backends) keep the plain ops
        vec, small = vector_passes()
        self._vec = graph_rewrite(outputs, vec) if vec else outputs
        self._small_out = graph_rewrite(outputs, small) if small else outputs
        self._outputs = outputs
        self._sources: dict[str, str] = {}
        self._ns: dict[str, Any] | None = None
        import numpy as np

        self._np = np
        if _ND is _Lazy:
            _numpy_types()
        # small float64 arrays of one shape take a short path (see __call__)
        # (the number of arguments that may take it, -1 for none)
        self._small_n = n if not packed and backend != "math" and n > 0 else -1

    # ---- code, generated and compiled on first use (a big gradient has four large
    # sources; a caller usually needs one or two of them)

    def __getattr__(self, name: str) -> Any:
        part = _PARTS.get(name)
        if part is None or name.startswith("__"):
            raise AttributeError(name)
        self._build(part)
        return self.__dict__[name]

    def _build(self, part: str) -> None:
        n = len(self.params)
        if part == "kernel":
            k = codegen.numpy_kernel(self._vec, n)
            src = k.source
            self._kernel_info = k
            nbuf = n + self._nout + k.n_float + k.n_bool
            fit = 1 << (WORKING_SET // (8 * nbuf)).bit_length() - 1
            self._block = max(MIN_BLOCK, min(MAX_BLOCK, fit))
        elif part == "generic":
            src = codegen.generic_function(self._outputs, n)
        elif part == "small":
            src = codegen.small_function(self._small_out, n)
        else:
            src = codegen.math_function(self._outputs, n)
        self._sources[part] = src
        if self._ns is None:
            self._ns = {"_nan": math.nan, "_inf": math.inf}
            self._ns.update(ops.numpy_namespace())
            self._ns.update(ops.math_namespace())
        exec(builtins.compile(src, "<symcalc.compile>", "exec"), self._ns)  # generated here
        fname = "_scalar" if part == "scalar" else "_" + part
        self.__dict__[fname] = self._ns[fname]

    @property
    def source(self) -> str:
        """The generated code: the array kernel (out= buffers), the generic and small-array
        versions (allocating NumPy calls) and the scalar version (math module)."""
        for part in ("kernel", "generic", "small", "scalar"):
            if part not in self._sources:
                self._build(part)
        return "\n".join(self._sources[p] for p in ("kernel", "generic", "small", "scalar"))

    # ---- calling

    def __call__(self, *args: Any) -> Any:
        if len(args) == self._small_n:
            # the common case with the least per-call work: float64 arrays of one shape
            # and at most SMALL elements, evaluated by allocating NumPy code (``_small``:
            # for small arrays NumPy's allocator is cheaper than setting up out= buffers)
            a0 = args[0]
            if type(a0) is _ND and a0.dtype is _F64 and 0 < a0.size <= SMALL and a0.ndim \
                    and (len(args) == 1 or _same_arrays(args, a0.shape)):
                vals = self._small(*args)  # fresh arrays of the shape, warnings silenced
                if self._kind is None:
                    return vals[0]
                return self._small_result(vals, a0.shape)
        if self.packed:
            if len(args) != 1:
                raise ArgumentError(f"this packed function takes one parameter vector theta of "
                                f"length {len(self.params)} (for {', '.join(self.params)}), "
                                f"got {len(args)} arguments")
            args = self._unpack(args[0])
        elif len(args) != len(self.params):
            raise ArgumentError(f"this function takes {len(self.params)} argument"
                            f"{'' if len(self.params) == 1 else 's'} "
                            f"({', '.join(self.params)}), got {len(args)}")
        if self.backend == "math" or (self.backend == "auto" and all(
                type(a) in (float, int) for a in args)):
            return self._call_scalar(args)
        if any(_is_foreign(a) for a in args):
            return self._shape(list(self._generic(*args)), generic=True)
        return self._call_numpy(args)

    def _small_result(self, vals: tuple, shape: tuple) -> Any:
        """The results of ``_small`` in the function's result shape."""
        kind = self._kind
        if kind == "tuple":
            return vals
        np = self._np
        if kind == "grad":
            return vals[0], np.stack(vals[1:])
        return np.stack(vals).reshape(kind + shape)

    def _unpack(self, theta: Any) -> tuple:
        if not hasattr(theta, "shape"):
            import numpy as np

            theta = np.asarray(theta, dtype=float)
        if theta.shape[:1] != (len(self.params),):
            raise ValueError(f"theta must have shape ({len(self.params)},) or "
                             f"({len(self.params)}, batch), got {theta.shape}")
        return tuple(theta[i] for i in range(len(self.params)))

    def _call_scalar(self, args: tuple) -> Any:
        try:
            vals = list(self._scalar(*(float(a) for a in args)))
        except (ValueError, ZeroDivisionError, OverflowError):
            # a domain error: NumPy semantics instead (nan, inf), like the array path
            import numpy as np

            for i, a in enumerate(args):
                if type(a) is int and not -_FLOAT_MAX < a < _FLOAT_MAX:
                    raise ArgumentError(_big_int_message(self.params[i], a)) from None
            r = self._call_numpy(tuple(np.float64(a) for a in args))
            if self._kind is None:
                return float(r)
            if self._kind == "tuple":
                return tuple(float(v) for v in r)
            if self._kind == "grad":
                return float(r[0]), r[1]
            return r
        return self._shape(vals, scalar=True)

    def _call_numpy(self, args: tuple) -> Any:
        import numpy as np

        arrs = [a if isinstance(a, np.ndarray) else np.asarray(a) for a in args]
        for i, a in enumerate(arrs):
            if a.dtype.kind not in "biufc":
                arrs[i] = _numeric_array(self.params[i], args[i], a)
        floats = [a.dtype for a, raw in zip(arrs, args)
                  if not isinstance(raw, (float, int)) and a.dtype.kind in "fc"]
        dt = np.result_type(*floats) if floats else np.dtype(np.float64)
        arrs = [a if a.dtype == dt else a.astype(dt) for a in arrs]
        shape = np.broadcast_shapes(*(a.shape for a in arrs)) if arrs else ()
        size = math.prod(shape)
        if size > BLOCK_THRESHOLD:
            out = self._buffer((self._nout,) + shape, dt)
        else:
            out = np.empty((self._nout,) + shape, dt)
        k = self._kernel_info
        for j, c in k.consts:
            out[j] = c
        outs = [out[j, ...] for j in range(self._nout)]  # views, 0-d arrays included
        with np.errstate(all="ignore"):
            if size <= BLOCK_THRESHOLD:
                scratch = [np.empty(shape, dt) for _ in range(k.n_float)] + \
                          [np.empty(shape, bool) for _ in range(k.n_bool)]
                self._kernel(*arrs, *outs, *scratch)
            else:
                self._blocked(arrs, out.reshape(self._nout, size), shape, size, dt)
        return self._shape(outs if self._kind != "grad" else [outs[0], out[1:]],
                           stacked=out)

    def _buffer(self, shape: tuple, dt: Any) -> Any:
        """The results' memory for a large input: the previous large call's, when the
        caller holds no reference to it any more (not the result, not a view of it),
        else a new array -- as the fused backend does (docs/compile.md): a fresh array
        costs a page fault per 4 KiB on its first write, about a third of a sigmoid
        evaluation at 10^6 points. A buffer is taken atomically (list.pop), so two
        threads never get the same one; ``release()`` frees it."""
        import numpy as np

        spare = self.__dict__.get("_spare")
        try:
            buf = spare.pop() if spare else None
        except IndexError:  # another thread took it
            buf = None
        # references: the name `buf` and getrefcount's argument; a view the caller kept
        # holds one more (views keep their base alive)
        if buf is None or buf.shape != shape or buf.dtype != dt \
                or sys.getrefcount(buf) != 2:
            buf = np.empty(shape, dt)
        self._spare = [buf]
        return buf

    def release(self) -> None:
        """Free the buffer kept for reuse by large calls (see ``_buffer``)."""
        self._spare = []

    def _blocked(self, arrs: list, out: Any, shape: tuple, size: int, dt: Any) -> None:
        import numpy as np

        flat = []
        for a in arrs:
            if a.ndim == 0:
                flat.append(a)
            elif a.shape == shape:
                flat.append(a.reshape(-1))
            else:
                flat.append(np.ascontiguousarray(np.broadcast_to(a, shape)).reshape(-1))
        k = self._kernel_info
        kernel = self._kernel
        block = self._block
        nblocks = -(-size // block)
        nthreads = max(1, min(THREADS, nblocks, size // PARALLEL))
        nexts = itertools.count().__next__  # blocks handed out one at a time: balanced

        def work() -> None:
            scratch = [np.empty(block, dt) for _ in range(k.n_float)] + \
                      [np.empty(block, bool) for _ in range(k.n_bool)]
            with np.errstate(all="ignore"):
                while (b := nexts()) < nblocks:
                    lo = b * block
                    hi = min(lo + block, size)
                    m = hi - lo
                    sv = scratch if m == block else [s[:m] for s in scratch]
                    kernel(*[a if a.ndim == 0 else a[lo:hi] for a in flat],
                           *[o[lo:hi] for o in out], *sv)

        futures = [_pool().submit(work) for _ in range(nthreads - 1)]
        work()  # the calling thread works too
        for f in futures:
            f.result()

    def _shape(self, vals: list, scalar: bool = False, generic: bool = False,
               stacked: Any = None) -> Any:
        kind = self._kind
        if scalar:
            import numpy as np

            if kind is None:
                return vals[0]
            if kind == "tuple":
                return tuple(vals)
            if kind == "grad":
                return vals[0], np.array(vals[1:])
            return np.array(vals).reshape(kind)
        if kind is None:
            return vals[0]
        if kind == "tuple":
            return tuple(vals)
        if kind == "grad":
            if generic:
                import numpy as np

                return vals[0], np.stack(vals[1:])
            return vals[0], vals[1]
        if generic:
            import numpy as np

            return np.stack(vals).reshape(kind + vals[0].shape)
        return stacked.reshape(kind + stacked.shape[1:])

    def __reduce__(self) -> tuple:
        return reduce_by_recipe(self)

    def __repr__(self) -> str:
        return f"<compiled function of ({', '.join(self.params)})>"


#: attribute -> the part of the generated code that defines it
_PARTS = {"_kernel": "kernel", "_kernel_info": "kernel", "_block": "kernel",
          "_generic": "generic", "_small": "small", "_scalar": "scalar"}


def _same_arrays(args: tuple, shape: tuple) -> bool:
    """Whether the arguments after the first are float64 arrays of ``shape`` too."""
    for a in args[1:]:
        if type(a) is not _ND or a.dtype is not _F64 or a.shape != shape:
            return False
    return True


class _Lazy:
    """Stands for a NumPy type until NumPy is imported (``import symcalc`` stays light)."""


_ND: Any = _Lazy  # numpy.ndarray, once a function is compiled
_F64: Any = _Lazy  # numpy's float64 dtype


def _numpy_types() -> None:
    global _ND, _F64
    import numpy as np

    _ND, _F64 = np.ndarray, np.dtype(np.float64)


_FLOAT_MAX = 1 << 1024  # integers from here on have no float value


def _big_int_message(name: str, v: int) -> str:
    return (f"the value of {name} ({len(str(abs(v)))}-digit integer) is beyond the "
            "float range; evaluate exactly with expr.subs(...) and evalf(n) instead")


def _numeric_array(name: str, raw: Any, a: Any) -> Any:
    """``a`` (from ``np.asarray(raw)``, not of a number dtype) as float or complex
    values, or ArgumentError: strings, None and other non-numbers are refused (NumPy
    would read "1.0" as 1.0 and None as nan)."""
    import numpy as np

    if a.dtype.kind == "O":
        for v in a.flat:
            if type(v) is int and not -_FLOAT_MAX < v < _FLOAT_MAX:
                raise ArgumentError(_big_int_message(name, v))
            t = type(v)
            if isinstance(v, (str, bytes)) or not (hasattr(t, "__float__") or
                                                    hasattr(t, "__complex__")):
                raise ArgumentError(f"the value of {name} must be a number or an array "
                                    f"of numbers, not {t.__name__}")
        try:
            return a.astype(complex if any(isinstance(v, complex) for v in a.flat)
                            else float)
        except (TypeError, ValueError, OverflowError) as e:
            raise ArgumentError(f"the value of {name} cannot be read as numbers: "
                                f"{e}") from None
    what = type(raw).__name__ if not isinstance(raw, np.ndarray) else f"{a.dtype} array"
    raise ArgumentError(f"the value of {name} must be a number or an array of numbers, "
                        f"not {what}")


def _is_foreign(a: Any) -> bool:
    """An array that is not NumPy's but has its own dispatch (Dask, CuPy, JAX, torch)."""
    import numpy as np

    if isinstance(a, (np.ndarray, np.generic, float, int, list, tuple)):
        return False
    return hasattr(a, "__array_ufunc__") or hasattr(a, "__array_namespace__") \
        or hasattr(a, "__array_function__")


def _flatten(target: Any) -> tuple[list[Expr], Any]:
    if isinstance(target, Matrix):
        return [e for row in target.rows for e in row], target.shape
    if isinstance(target, (list, tuple)):
        if target and all(isinstance(r, (list, tuple)) for r in target):
            m = Matrix(target)
            return [e for row in m.rows for e in row], m.shape
        return [as_expr(e) for e in target], "tuple"
    return [as_expr(target)], None


def compile(expr: Any, vars: Any, *, backend: str = "auto",  # noqa: A001 - the public name
            packed: bool = False, batch: Any = ()) -> CompiledFunction:
    """A fast numeric function of ``vars`` computing ``expr`` (an expression, a list of
    them -> a tuple of arrays, or a Matrix -> an array of its shape).

    Calls take the values of vars positionally: NumPy arrays, Python scalars or a mix
    that broadcasts; ``packed=True`` takes one vector theta of shape (n,) or (n, batch).
    Undefined points give nan. ``f.source`` is the generated code. ``backend="jax"`` or
    ``"torch"`` emits code over that framework instead (docs/compile.md). Shaped variables
    (vectors, matrices) take arrays of their shapes; those in ``batch`` a leading batch
    axis more (docs/tensor.md).
    """
    if _shaped(expr, vars):
        from ..tensor.compile import compile_shaped

        _numpy_only(backend)
        return compile_shaped(expr, vars, batch=batch)
    syms = _symbols(vars)
    exprs, kind = _flatten(expr)
    _check_free(exprs, syms)
    if needs_complex(exprs):  # I, re(sqrt(x)), ...: complex128 code (compile/complex_numpy.py)
        cf = compile_complex(exprs, syms, kind, packed)
        _set_recipe(cf, ("compile", expr, syms, {"backend": backend, "packed": packed}))
        return cf  # type: ignore[return-value]
    index = {s: i for i, s in enumerate(syms)}
    with scope(), _typed_errors():
        roots = optimize([_numeric_root(r) for r in lower(exprs, index)])
        if backend in EMITTERS:
            f: Any = _emitted([s.name for s in syms], roots, kind, backend, packed)
        elif backend == "fused":
            f = _fused(CompiledFunction([s.name for s in syms], roots, kind,
                                        backend="auto", packed=packed))
        else:
            f = CompiledFunction([s.name for s in syms], roots, kind, backend=backend,
                                 packed=packed)
    _set_recipe(f, ("compile", expr, syms, {"backend": backend, "packed": packed}))
    return f


lambdify = compile


def _fused(fn: CompiledFunction) -> Any:
    """backend="fused": one loop per element over fn's IR (compile/fused.py)."""
    from . import fused

    return fused.make(fn, fn._outputs)


@contextmanager
def _typed_errors() -> Iterator[None]:
    """Lowering refuses what it cannot compile (an undefined function, a boolean
    where a number is needed) with ValueError or TypeError: as CompileError."""
    try:
        yield
    except SymcalcError:
        raise
    except (ValueError, TypeError) as e:
        raise CompileError(str(e)) from None


def value_and_grad(expr: Any, vars: Any, *, backend: str = "auto",
                   packed: bool = False, **kw: Any) -> CompiledFunction:
    """A function returning ``(f, grad f)``, grad stacked along a first axis of length
    len(vars). The gradient is reverse mode over the compiled IR: every forward value
    is shared, so it costs a small constant times one evaluation of f.

    Shaped variables (vectors, matrices): ``value_and_grad(L, [W, b], data=[X, y])``
    returns ``(L, [dL/dW, dL/db])`` in the parameters' shapes (see docs/tensor.md).
    """
    if _shaped(expr, vars) or kw:
        from ..tensor.compile import value_and_grad_shaped

        _numpy_only(backend)
        return value_and_grad_shaped(expr, vars, **kw)
    syms = _symbols(vars)
    e = as_expr(expr)
    _check_free([e], syms)
    with scope(), _typed_errors():
        (f,) = optimize([_numeric_root(r) for r in lower([e], {s: i for i, s in enumerate(syms)})])
        grads = gradient(f, len(syms))
        if backend in EMITTERS:
            out: Any = _emitted([s.name for s in syms], [f, *grads], "grad", backend, packed)
        elif backend == "fused":
            out = _fused(CompiledFunction([s.name for s in syms], [f, *grads], "grad",
                                          backend="auto", packed=packed))
        else:
            out = CompiledFunction([s.name for s in syms], [f, *grads], "grad",
                                   backend=backend, packed=packed)
    _set_recipe(out, ("value_and_grad", e, syms, {"backend": backend, "packed": packed}))
    return out


# ---- emitters for array frameworks (emit.py) and pickling

#: backend name -> module holding its BACKEND table
EMITTERS = {"jax": "emit_jax", "torch": "emit_torch"}


def _emitted(params: list[str], roots: list[Node], kind: Any, backend: str,
             packed: bool) -> Any:
    import importlib

    from .emit import EmittedFunction

    table = importlib.import_module(f".{EMITTERS[backend]}", __package__).BACKEND
    return EmittedFunction(params, graph_rewrite(roots, STRIP), kind, table, packed=packed)


def _numpy_only(backend: str) -> None:
    if backend in EMITTERS:
        from .emit import EmitError

        raise EmitError(f"compile(backend={backend!r}): shaped (vector, matrix) expressions "
                        f"compile to NumPy only; compile them elementwise or use the "
                        f"default backend")


def _set_recipe(f: Any, recipe: tuple) -> None:
    """What pickling rebuilds ``f`` from (CompiledFunction and the emitted functions)."""
    try:
        f._recipe = recipe
    except AttributeError:  # pragma: no cover - a function type without attributes
        pass


def reduce_by_recipe(f: Any) -> tuple:
    """``__reduce__`` of every compiled-function type: pickled as its expression, the
    code is generated again on the other side (``_rebuild``)."""
    recipe = f.__dict__.get("_recipe")
    if recipe is None:
        raise TypeError("this compiled function cannot be pickled (it was not built by "
                        "compile or value_and_grad)")
    return _rebuild, recipe


def _rebuild(builder: str, expr: Any, vars: Any, options: dict) -> Any:
    """A compiled function rebuilt from its expression (unpickling: the generated code
    is not shipped, it is generated again on the other side)."""
    return {"compile": compile, "value_and_grad": value_and_grad}[builder](expr, vars,
                                                                           **options)


def compile_jacobian(exprs: Any, vars: Any, **kw: Any) -> CompiledFunction:
    """The Jacobian matrix of exprs (symbolic diff, compiled with CSE across entries):
    the result has shape (len(exprs), len(vars), *batch). For a shaped expression and
    one shaped variable: d vec(F)/d vec(x)ᵀ, called with ``args`` (default ``[x]``)."""
    from ..calculus.vector import jacobian

    if _shaped(exprs, vars):  # d vec(F)/d vec(x)ᵀ in matrix notation, then compiled
        from ..tensor.compile import compile_shaped

        x = vars[0] if isinstance(vars, (list, tuple)) else vars
        return compile_shaped(jacobian(exprs, [x]), list(kw.pop("args", [x])), **kw)
    syms = _symbols(vars)
    if isinstance(exprs, (Expr, str)):
        exprs = [exprs]
    return compile(jacobian([as_expr(e) for e in exprs], syms), syms, **kw)


def compile_hessian(expr: Any, vars: Any, **kw: Any) -> CompiledFunction:
    """The Hessian matrix of expr, shape (n, n, *batch), with CSE across its entries.
    For a shaped variable: the matrix-notation Hessian, called with ``args`` (default
    ``[w]``; add the data symbols)."""
    from ..calculus.vector import hessian

    if _shaped(expr, vars):
        from ..tensor.compile import compile_shaped

        x = vars[0] if isinstance(vars, (list, tuple)) else vars
        return compile_shaped(hessian(expr, [x]), list(kw.pop("args", [x])), **kw)
    syms = _symbols(vars)
    return compile(hessian(as_expr(expr), syms), syms, **kw)
