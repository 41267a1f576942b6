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

_nan = float("nan")
_inf = float("inf")
_jit = _nb.njit(cache=True, error_model="numpy", inline="always")


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


class FusedUnavailableError(SymcalcError, ImportError):
    """backend="fused" was asked for but numba is not installed."""


def _require_numba() -> Any:
    try:
        import numba
    except ImportError as exc:
        raise FusedUnavailableError(
            "backend='fused' needs numba: pip install 'symcalc[fused]' (or pip install "
            "numba>=0.59); backend='numpy' (the default) needs nothing more") from exc
    return numba


def unsupported_ops(outputs: list[Node]) -> list[str]:
    """The ops among the outputs that the fused kernel cannot compile (sorted)."""
    return sorted({n.op for n in toposort(outputs) if n.op in UNSUPPORTED})


def kernel_source(outputs: list[Node], nvars: int) -> str:
    """The module source: ``_body(v0.., o, i)`` evaluates every output at element ``i``;
    ``_serial`` and ``_parallel`` loop it over ``range(n)`` / ``prange(n)``. Each input
    ``vk`` is a flat array with step ``sk`` (0 for a broadcast scalar)."""
    name = {id(n): f"x{n.arg}" for n in toposort(outputs) if n.op == "var"}
    body = [f"x{k} = v{k}[i * s{k}]" for k in range(nvars)]
    for j, n in enumerate(codegen.schedule(outputs)):
        a = [codegen.literal(s.arg) if s.op == "const" else name[id(s)] for s in n.src]
        name[id(n)] = f"t{j}"
        body.append(f"t{j} = " + _TEMPLATES.get(n.op, ops.MATH[n.op]).format(*a))
    for k, o in enumerate(outputs):
        val = codegen.literal(float(o.arg)) if o.op == "const" else name[id(o)]
        body.append(f"o[{k}, i] = {val}")
    text = "\n".join("        " + ln for ln in body)
    params = ", ".join([f"v{k}, s{k}" for k in range(nvars)] + ["o", "n"])
    out = [_PRELUDE]
    for kind, rng, par in (("serial", "range", "False"), ("parallel", "_nb.prange", "True")):
        out.append(f"@_nb.njit(cache=True, error_model=\"numpy\", parallel={par})\n"
                   f"def _{kind}({params}):\n    for i in {rng}(n):\n{text}\n\n")
    return "\n".join(out)


def cache_dir() -> str:
    root = os.environ.get("SYMCALC_CACHE_DIR") or os.path.join(
        os.path.expanduser("~"), ".cache", "symcalc")
    return os.path.join(root, "fused")


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
        self.kernel_source = kernel_source(outputs, n)
        self._mod: Any = None

    def _module(self) -> Any:
        if self._mod is None:
            self._mod = load_module(self.kernel_source)
        return self._mod

    @property
    def source(self) -> str:
        return self.kernel_source

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
        flat, steps = [], []
        for a in arrs:
            a = a.astype(np.float64, copy=False)
            if a.size == 1:
                flat.append(a.reshape(1))
                steps.append(0)
            else:
                if a.shape != shape:
                    a = np.broadcast_to(a, shape)
                flat.append(np.ascontiguousarray(a).reshape(-1))
                steps.append(1)
        out = np.empty((self._nout, size))
        mod = self._module()
        kern = mod._parallel if size >= PARALLEL_MIN else mod._serial
        kern(*[v for pair in zip(flat, steps) for v in pair], out, size)
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

    def __repr__(self) -> str:
        return f"<fused compiled function of ({', '.join(self.params)})>"


def make(fallback: Any, outputs: list[Node]) -> Any:
    """The fused function of ``outputs`` (stripped IR of the NumPy function ``fallback``),
    or ``fallback`` itself, with a ``note``, where an op has no fused code. Raises
    FusedUnavailableError when numba is missing."""
    _require_numba()
    bad = unsupported_ops(outputs)
    if bad:
        fallback.note = (f"backend='fused': {', '.join(bad)} has no fused code; "
                         f"this function runs on the NumPy backend")
        return fallback
    return FusedFunction(fallback, outputs)
