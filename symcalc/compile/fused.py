"""The fused backend: the whole expression (and its gradient) in one loop per element.

The NumPy backend makes one pass over memory per operation; here the schedule of the
same optimized IR (stable forms and reverse-mode adjoints included) becomes the body of
one scalar loop, compiled by numba (``pip install 'symcalc[fused]'``) and spread over
the cores with ``prange``. No fastmath flags: every operation rounds as in the scalar
``math`` module (``error_model="numpy"``: division by zero gives inf/nan, not an
exception). The generated module is written to a cache directory
(``$SYMCALC_CACHE_DIR`` or ``~/.cache/symcalc``) under the SHA-256 of its source, so
numba's on-disk cache (``cache=True``) serves later sessions; a file whose content
does not match its name is rewritten.

Ops numba cannot compile (special functions such as Ei, Li2, gamma) make
:func:`fused_or_fallback` return the NumPy backend's function instead, with the reason
in its ``note`` attribute. Complex inputs and foreign arrays also take the NumPy path.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import sys
from typing import Any

from ..errors import SymcalcError
from . import codegen, ops
from .ir import Node, toposort

#: inputs with fewer elements than this run the serial kernel (no thread start-up)
PARALLEL_MIN = 1 << 14
#: results of at least this many elements reuse the memory of a dropped earlier result
RECYCLE_MIN = 1 << 16

#: scalar templates that differ from ops.MATH (helpers defined in the generated module)
_TEMPLATES = {
    "floor": "_np.floor({0})", "ceil": "_np.ceil({0})", "cbrt": "_cbrt({0})",
}
#: ops the kernel has no code for: the NumPy backend runs them
UNSUPPORTED = frozenset(ops.EXTRA | {"Ei", "Li2"})

_PRELUDE = '''\
import math as _m

import numba as _nb
import numpy as _np
from numba import types as _types
from numba.extending import overload as _overload

_nan = float("nan")
_inf = float("inf")
_jit = _nb.njit(cache=True, error_model="numpy", inline="always")


def _ld(v, i):
    """Element i of an input: v[i] for an array, v itself for a broadcast scalar."""


@_overload(_ld, inline="always")
def _ld_impl(v, i):
    if isinstance(v, _types.Array):
        return lambda v, i: v[i]
    return lambda v, i: v


@_jit
def _cbrt(x):
    return _m.copysign(abs(x) ** (1.0 / 3.0), x)


@_jit
def _sign(x):
    return 1.0 if x > 0 else -1.0 if x < 0 else x


@_jit
def _sigmoid_s(u):
    if u >= 0.0:
        return 1.0 / (1.0 + _m.exp(-u))
    e = _m.exp(u)
    return e / (1.0 + e)


@_jit
def _fmin(a, b):
    return b if a != a else a if b != b or a <= b else b


@_jit
def _logaddexp(a, b):
    m = a if a >= b else b
    if m == -_inf or m == _inf:
        return m if a == a and b == b else _nan
    return m + _m.log1p(_m.exp(-abs(a - b)))

'''


#: C expressions of the ops (the rest as in ops.MATH: infix arithmetic)
_C = {
    "pow": "pow({0}, {1})", "sqrt": "sqrt({0})", "cbrt": "cbrt({0})", "exp": "exp({0})",
    "expm1": "expm1({0})", "log": "log({0})", "log1p": "log1p({0})", "sin": "sin({0})",
    "cos": "cos({0})", "tan": "tan({0})", "asin": "asin({0})", "acos": "acos({0})",
    "atan": "atan({0})", "sinh": "sinh({0})", "cosh": "cosh({0})", "tanh": "tanh({0})",
    "asinh": "asinh({0})", "acosh": "acosh({0})", "atanh": "atanh({0})", "abs": "fabs({0})",
    "sign": "_sign({0})", "step": "_step({0})", "erf": "erf({0})", "erfc": "erfc({0})",
    "atan2": "atan2({0}, {1})", "hypot": "hypot({0}, {1})",
    "maximum": "(({0} >= {1} || {0} != {0}) ? {0} : {1})",
    "minimum": "(({0} <= {1} || {0} != {0}) ? {0} : {1})",
    "fmin": "_fmin({0}, {1})", "logaddexp": "_logaddexp({0}, {1})",
    "sigmoid": "_sigmoid({0})", "floor": "floor({0})", "ceil": "ceil({0})",
    "and": "({0} && {1})", "or": "({0} || {1})", "not": "(!{0})", "where": "({0} ? {1} : {2})",
}
#: the vector variants glibc's libmvec has (one declaration each, used under omp simd)
_MVEC_1 = ("exp", "log", "sin", "cos", "tanh", "expm1", "log1p", "atan", "sinh", "cosh",
           "tan", "asin", "acos", "asinh", "acosh", "atanh", "erf", "erfc", "cbrt")
_MVEC_2 = ("pow", "atan2", "hypot")

_C_PRELUDE = """\
#include <math.h>
#include <stdint.h>
#define _nan NAN
#define _inf INFINITY
#ifdef SYMCALC_MVEC
""" + "".join(f"#pragma omp declare simd notinbranch\ndouble {f}(double);\n" for f in _MVEC_1) \
    + "".join(f"#pragma omp declare simd notinbranch\ndouble {f}(double, double);\n"
              for f in _MVEC_2) + """\
#endif
static inline double _sign(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x; }
static inline double _step(double x) { return x > 0 ? 1.0 : x == x ? 0.0 : x; }
static inline double _fmin(double a, double b) {
    return a != a ? b : (b != b || a <= b) ? a : b; }
static inline double _sigmoid(double u) {
    double e = exp(-fabs(u));  /* u >= 0: 1/(1 + e^-u); u < 0: e^u/(1 + e^u) */
    return (u >= 0 ? 1.0 : (u == u ? e : u)) / (1.0 + e); }
static inline double _logaddexp(double a, double b) {
    double m = a >= b ? a : b;
    double r = m + log1p(exp(-fabs(a - b)));
    return (m == INFINITY || m == -INFINITY) ? ((a == a && b == b) ? m : NAN) : r; }
"""


def c_source(outputs: list[Node], nvars: int, scalar: tuple[bool, ...]) -> str:
    """C: ``kernel(v0.., o, n, lo, hi)`` evaluates every output at the elements lo..hi-1
    in one ``omp simd`` loop (o: nout rows of n); input k is an array, or one value
    (``scalar[k]``) read once before the loop."""
    name = {id(n): f"x{n.arg}" for n in toposort(outputs) if n.op == "var"}
    body = [f"double x{k} = v{k}[i];" for k in range(nvars) if not scalar[k]]
    pre = [f"const double x{k} = v{k}[0];" for k in range(nvars) if scalar[k]]

    def lit(v: Any) -> str:
        if isinstance(v, bool):
            return "1" if v else "0"
        t = codegen.literal(float(v))
        return t if ("_" in t or "e" in t or "." in t) else t + ".0"

    for j, n in enumerate(codegen.schedule(outputs)):
        a = [lit(s.arg) if s.op == "const" else name[id(s)] for s in n.src]
        name[id(n)] = f"t{j}"
        body.append(f"double t{j} = " + _C.get(n.op, ops.MATH[n.op]).format(*a) + ";")
    for k, o in enumerate(outputs):
        val = lit(float(o.arg)) if o.op == "const" else name[id(o)]
        body.append(f"o[{k} * n + i] = {val};")
    params = ", ".join([f"const double *restrict v{k}" for k in range(nvars)]
                       + ["double *restrict o", "int64_t n", "int64_t lo", "int64_t hi"])
    inner = "\n".join("        " + ln for ln in body)
    pre_s = "".join("    " + ln + "\n" for ln in pre)
    loop = "    #pragma omp simd\n    for (int64_t i = lo; i < hi; i++) {\n"
    return f"{_C_PRELUDE}\nvoid kernel({params}) {{\n{pre_s}{loop}{inner}\n    }}\n}}\n"


def _c_compiler() -> str | None:
    import shutil

    cc = os.environ.get("CC") or "cc"
    return shutil.which(cc) or shutil.which("gcc") or shutil.which("clang")


def load_c(source: str, nvars: int) -> Any:
    """Compile the C source (cached as a shared library named by the hash of source,
    compiler and flags) and open it with cffi; the ``kernel`` function."""
    import platform
    import subprocess

    import cffi

    cc = _c_compiler()
    if cc is None:
        raise FusedUnavailableError("backend='fused' with the C engine needs a C compiler")
    flags = ["-O3", "-march=native", "-std=c11", "-fno-math-errno", "-ffp-contract=off",
             "-fopenmp-simd", "-fno-builtin-sin", "-fno-builtin-cos", "-fPIC", "-shared"]
    key = "\0".join([source, cc, platform.machine(), platform.node(), *flags])
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    d = cache_dir()
    os.makedirs(d, exist_ok=True)
    lib = os.path.join(d, f"c_{digest}.so")
    got = _C_LIBS.get(lib)
    if got is not None:
        return got
    if not os.path.exists(lib):
        src = os.path.join(d, f"c_{digest}.{os.getpid()}.c")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(source)
        tmp = f"{lib}.{os.getpid()}.tmp"
        err = ""
        for extra in (["-DSYMCALC_MVEC", "-lmvec", "-lm"], ["-lm"]):  # libmvec: glibc only
            r = subprocess.run([cc, *flags, src, "-o", tmp, *extra], capture_output=True,
                               text=True, timeout=120)
            if r.returncode == 0:
                break
            err = r.stderr
        else:
            os.unlink(src)
            raise FusedUnavailableError(f"backend='fused': the C compiler failed: {err[-500:]}")
        os.unlink(src)
        os.replace(tmp, lib)  # atomic: a reader never sees a half-written library
    ffi = cffi.FFI()
    ffi.cdef("void kernel(" + ", ".join(["const double *"] * nvars
                                        + ["double *", "int64_t", "int64_t", "int64_t"]) + ");")
    handle = ffi.dlopen(lib)
    _C_LIBS[lib] = got = (ffi, handle, handle.kernel)
    return got


_C_LIBS: dict[str, Any] = {}


class FusedUnavailableError(SymcalcError, ImportError):
    """backend="fused" was asked for but numba is not installed."""


def engine() -> str:
    """The engine that compiles fused kernels: "c" (cffi and a C compiler: gcc's
    vectorized loops over glibc's libmvec), else "numba"; ``$SYMCALC_FUSED_ENGINE``
    chooses one. FusedUnavailableError when none is there."""
    want = os.environ.get("SYMCALC_FUSED_ENGINE", "")
    if want in ("", "c"):
        try:
            import cffi  # noqa: F401

            if _c_compiler() is not None:
                return "c"
        except ImportError:
            pass
    if want in ("", "numba"):
        try:
            import numba  # noqa: F401

            return "numba"
        except ImportError:
            pass
    raise FusedUnavailableError(
        "backend='fused' needs cffi and a C compiler, or numba: pip install "
        "'symcalc[fused]'; backend='numpy' (the default) needs nothing more")


def unsupported_ops(outputs: list[Node]) -> list[str]:
    """The ops among the outputs that the fused kernel cannot compile (sorted)."""
    return sorted({n.op for n in toposort(outputs) if n.op in UNSUPPORTED})


def kernel_source(outputs: list[Node], nvars: int) -> str:
    """The module source: ``_body(v0.., o, i)`` evaluates every output at element ``i``;
    ``_serial`` and ``_parallel`` loop it over ``range(n)`` / ``prange(n)``. Each input
    ``vk`` is a flat contiguous array or a float (a broadcast scalar): numba compiles one
    specialization per pattern, the array loads stay contiguous (vectorizable)."""
    name = {id(n): f"x{n.arg}" for n in toposort(outputs) if n.op == "var"}
    body = [f"x{k} = _ld(v{k}, i)" for k in range(nvars)]
    for j, n in enumerate(codegen.schedule(outputs)):
        a = [codegen.literal(s.arg) if s.op == "const" else name[id(s)] for s in n.src]
        name[id(n)] = f"t{j}"
        body.append(f"t{j} = " + _TEMPLATES.get(n.op, ops.MATH[n.op]).format(*a))
    for k, o in enumerate(outputs):
        val = codegen.literal(float(o.arg)) if o.op == "const" else name[id(o)]
        body.append(f"o[{k}, i] = {val}")
    text = "\n".join("        " + ln for ln in body)
    params = ", ".join([f"v{k}" for k in range(nvars)] + ["o", "n"])
    out = [_PRELUDE]
    for kind, rng, par in (("serial", "range", "False"), ("parallel", "_nb.prange", "True")):
        out.append(f"@_nb.njit(cache=True, error_model=\"numpy\", parallel={par})\n"
                   f"def _{kind}({params}):\n    for i in {rng}(n):\n{text}\n\n")
    return "\n".join(out)


def cache_dir() -> str:
    """Where kernels are cached (created): ``$SYMCALC_CACHE_DIR/fused``, by default under
    ``~/.cache/symcalc``; a per-user temporary directory where that is not writable."""
    import tempfile

    root = os.environ.get("SYMCALC_CACHE_DIR") or os.path.join(
        os.path.expanduser("~"), ".cache", "symcalc")
    d = os.path.join(root, "fused")
    try:
        os.makedirs(d, exist_ok=True)
        if os.access(d, os.W_OK):
            return d
    except OSError:
        pass
    user = os.getuid() if hasattr(os, "getuid") else 0
    d = os.path.join(tempfile.gettempdir(), f"symcalc-{user}", "fused")
    os.makedirs(d, exist_ok=True)
    return d


def load_module(source: str) -> Any:
    """Write the source to the cache directory (named by its hash; rewritten when the
    file there does not match) and import it."""
    digest = hashlib.sha256(source.encode()).hexdigest()[:32]
    d = cache_dir()
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, f"k_{digest}.py")
    try:
        with open(path, encoding="utf-8") as fh:
            ok = fh.read() == source
    except OSError:
        ok = False
    if not ok:  # write atomically: another process may read it meanwhile
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(source)
        os.replace(tmp, path)
    modname = f"_symcalc_fused_{digest}"
    mod = sys.modules.get(modname)
    if mod is not None:
        return mod
    spec = importlib.util.spec_from_file_location(modname, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    sys.modules[modname] = mod
    return mod


class FusedFunction:
    """A compiled expression evaluated by one fused loop per element (see module doc).
    Called like the NumPy backend's function; same result shapes."""

    def __init__(self, fallback: Any, outputs: list[Node]) -> None:
        self._np_fn = fallback  # the NumPy backend's function: result shaping, complex
        self.params = fallback.params
        self.backend = "fused"
        self.packed = fallback.packed
        self.note = ""
        n = len(self.params)
        self._nout = len(outputs)
        self.engine = engine()
        self._outputs = outputs if self.engine == "c" else None  # variants made on demand
        self._c: dict[tuple, tuple] = {}  # scalar pattern -> (ffi, kernel)
        self.kernel_source = (c_source(outputs, n, (False,) * n) if self.engine == "c"
                              else kernel_source(outputs, n))
        self._mod: Any = None
        self._spare: list = []  # the last large result's buffer, reused once dropped

    def _module(self) -> Any:
        if self._mod is None:
            self._mod = load_module(self.kernel_source)
        return self._mod

    @property
    def source(self) -> str:
        return self.kernel_source

    def __reduce__(self) -> tuple:
        """Pickled as its expression (api._rebuild): the kernel is built again there."""
        from .api import reduce_by_recipe

        return reduce_by_recipe(self)

    def __call__(self, *args: Any) -> Any:
        import numpy as np

        f = self._np_fn
        if self.packed:
            if len(args) != 1:
                return f(*args)  # its error message
            args = f._unpack(args[0])
        elif len(args) != len(self.params):
            return f(*args)
        if all(type(a) in (float, int) for a in args) or any(
                not isinstance(a, (np.ndarray, np.generic, float, int, list, tuple))
                for a in args):
            return f(*args) if not self.packed else f(np.stack(args))
        arrs = [np.asarray(a) for a in args]
        if any(a.dtype.kind not in "fiub" for a in arrs):  # complex: the NumPy path
            return f(*args) if not self.packed else f(np.stack(arrs))
        shape = np.broadcast_shapes(*(a.shape for a in arrs)) if arrs else ()
        size = math.prod(shape)
        flat: list[Any] = []
        for a in arrs:
            a = a.astype(np.float64, copy=False)
            if a.size == 1 and size != 1:
                flat.append(float(a.reshape(-1)[0]))
            else:
                if a.shape != shape:
                    a = np.broadcast_to(a, shape)
                flat.append(np.ascontiguousarray(a).reshape(-1))
        out = self._buffer(size)
        if self.engine == "c":
            self._run_c(flat, out, size)
        else:
            mod = self._module()
            kern = mod._parallel if size >= PARALLEL_MIN else mod._serial
            kern(*flat, out, size)
        out = out.reshape((self._nout,) + shape)
        kind = f._kind
        outs = [out[j, ...] for j in range(self._nout)]
        if kind is None:
            return outs[0]
        if kind == "tuple":
            return tuple(outs)
        if kind == "grad":
            return outs[0], out[1:]
        return out.reshape(kind + shape)

    def _buffer(self, size: int) -> Any:
        """The results' memory: the previous call's, when the caller holds no reference
        to it any more (nothing but this function and the local name see it), else new.

        A large fresh array costs a page fault per 4 KiB on its first write, which at
        10^7 points is more than the whole fused pass. Reusing the buffer the caller has
        dropped (what an optimization loop does every step) removes it; results the caller
        keeps are never written again. ``release()`` frees the kept buffer.
        """
        import numpy as np

        if size >= RECYCLE_MIN:
            try:
                buf = self._spare.pop()  # atomic: two threads never get the same buffer
            except IndexError:
                buf = None
            # references: the name `buf` and getrefcount's argument; any view the caller
            # kept holds one more (views keep their base alive)
            if buf is not None and buf.shape == (self._nout, size) \
                    and sys.getrefcount(buf) == 2:
                self._spare = [buf]
                return buf
            buf = np.empty((self._nout, size))
            self._spare = [buf]
            return buf
        return np.empty((self._nout, size))

    def release(self) -> None:
        """Free the buffer kept for reuse (see ``_buffer``)."""
        self._spare = []

    def _run_c(self, flat: list, out: Any, size: int) -> None:
        """The C kernel over [0, size), split in chunks over the NumPy backend's worker
        threads for large inputs (cffi releases the GIL during the call)."""
        import numpy as np

        pattern = tuple(type(v) is float for v in flat)
        got = self._c.get(pattern)
        if got is None:
            n = len(self.params)
            src = self.kernel_source if not any(pattern) else \
                c_source(self._outputs, n, pattern)
            ffi, _, kern = load_c(src, n)
            self._c[pattern] = got = (ffi, kern)
        ffi, kern = got
        ptrs = [ffi.from_buffer("double[]", np.array([v]) if type(v) is float else v)
                for v in flat]
        po = ffi.from_buffer("double[]", out)
        from .api import THREADS, _pool

        nthreads = max(1, min(THREADS, size // PARALLEL_MIN))
        if nthreads == 1:
            kern(*ptrs, po, size, 0, size)
            return
        step = -(-size // (nthreads * 8)) * 8  # chunks of whole vectors
        futs = [_pool().submit(kern, *ptrs, po, size, lo, min(lo + step, size))
                for lo in range(step, size, step)]
        kern(*ptrs, po, size, 0, min(step, size))
        for f in futs:
            f.result()

    def __repr__(self) -> str:
        return f"<fused compiled function of ({', '.join(self.params)})>"


def make(fallback: Any, outputs: list[Node]) -> Any:
    """The fused function of ``outputs`` (stripped IR of the NumPy function ``fallback``),
    or ``fallback`` itself, with a ``note``, where an op has no fused code. Raises
    FusedUnavailableError when numba is missing."""
    engine()
    bad = unsupported_ops(outputs)
    if bad:
        fallback.note = (f"backend='fused': {', '.join(bad)} has no fused code; "
                         f"this function runs on the NumPy backend")
        return fallback
    return FusedFunction(fallback, outputs)
