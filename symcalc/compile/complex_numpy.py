"""Complex NumPy code for expressions that need complex arithmetic (``I``, ``re(sqrt(x))``).

The real compiler (lowering, stable rewrites, ``out=`` buffers, the ``math`` path) is
built for real floating point; expressions with the imaginary unit take this small,
separate path instead: one NumPy call per distinct node on complex128 arrays, with the
principal branches and the values on the cuts of core/branches.py (those of evalf,
mpmath and Mathematica). Results are
complex arrays (Python complex for scalar inputs). There are no gradients here.

>>> import symcalc as sc
>>> x = sc.Symbol("x")
>>> f = sc.compile(sc.exp(sc.I*x), [x])
>>> abs(f(sc.pi.evalf()) + 1) < 1e-15
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core import Expr, Symbol
from ..core.assumptions import is_real
from ..core.branches import rule
from ..core.gaussian import I
from ..core.numbers import HALF, number
from ..core.traversal import postorder, preorder
from ..errors import EvaluationError

#: registry name -> NumPy expression template over the argument ``{0}``; ``_on_cut``
#: fixes the sign of a zero part first, as core/branches.py does for cmath
FUNCTIONS = {
    "exp": "np.exp({0})", "log": "np.log(_on_cut('log', {0}))",
    "sin": "np.sin({0})", "cos": "np.cos({0})",
    "tan": "np.tan({0})", "cot": "(1/np.tan({0}))", "sec": "(1/np.cos({0}))",
    "csc": "(1/np.sin({0}))", "sinh": "np.sinh({0})", "cosh": "np.cosh({0})",
    "tanh": "np.tanh({0})", "coth": "(1/np.tanh({0}))", "sech": "(1/np.cosh({0}))",
    "csch": "(1/np.sinh({0}))", "asin": "np.arcsin(_on_cut('asin', {0}))",
    "acos": "np.arccos(_on_cut('acos', {0}))", "atan": "np.arctan(_on_cut('atan', {0}))",
    "asinh": "np.arcsinh(_on_cut('asinh', {0}))",
    "acosh": "np.arccosh(_on_cut('acosh', {0}))",
    "atanh": "np.arctanh(_on_cut('atanh', {0}))", "abs": "np.abs({0})", "re": "np.real({0})",
    "im": "np.imag({0})", "conjugate": "np.conj({0})", "arg": "np.angle({0})",
}
_PARTS = frozenset({"re", "im", "conjugate", "arg"})
MINUS_HALF = number(-HALF.value)


def needs_complex(exprs: Sequence[Expr]) -> bool:
    """True if some expression contains I, or a part of a value not known to be real."""
    for e in exprs:
        for n in preorder(e):
            if n is I:
                return True
            if n.is_Function and n.fdef.name in _PARTS \
                    and not (n.fdef.name == "arg" and is_real(n._args[0])):
                return True
    return False


def _literal(v: Any) -> str:
    """A number as Python source; beyond the double range it is ±inf, as the real
    kernels compile it (``2^1500*x`` gives inf)."""
    if isinstance(v, complex):
        return repr(v)
    try:
        return repr(float(v))
    except OverflowError:
        return "inf" if v > 0 else "-inf"


def _source(exprs: Sequence[Expr], syms: list[Symbol]) -> str:
    """``def _f(v0, v1, ...)`` computing the expressions, one line per distinct node."""
    names: dict[Expr, str] = {s: f"v{i}" for i, s in enumerate(syms)}
    lines = []
    for n in postorder_all(exprs):
        if n in names:
            continue
        if n.is_Number:
            names[n] = _literal(n.value)
            continue
        if n.is_Atom:
            if n.is_Symbol or n.is_Boolean:
                raise EvaluationError(f"cannot compile {n}: not one of the variables")
            names[n] = _literal(n.fvalue)
            continue
        a = [names[k] for k in n._args]
        if n.is_Add:
            rhs = " + ".join(a)
        elif n.is_Mul:
            rhs = " * ".join(a)
        elif n.is_Pow:
            x = n._args[1]
            if x.is_Number and isinstance(x.value, int):
                # np.power: a Python float power beyond the double range raises
                # OverflowError (10.0 ** 80000); NumPy's gives inf like the real kernels
                rhs = f"np.power(np.complex128({a[0]}), {int(x.value)})"
            elif x is HALF:  # exact on the axes: sqrt(-4) is 2j, not 1.2e-16+2j
                rhs = f"np.sqrt(_on_cut('sqrt', {a[0]}))"
            elif x is MINUS_HALF:
                rhs = f"(1/np.sqrt(_on_cut('sqrt', {a[0]})))"
            else:
                rhs = f"np.power(_on_cut('log', {a[0]}), {a[1]})"
        elif n.is_Function and n.fdef.name in FUNCTIONS and len(a) == 1:
            rhs = FUNCTIONS[n.fdef.name].format(a[0])
        else:
            raise EvaluationError(f"cannot compile {n} with complex arithmetic: no complex "
                                  f"NumPy form for {n.head}; evaluate it with evalf")
        name = f"t{len(lines)}"
        lines.append(f"    {name} = {rhs}")
        names[n] = name
    params = ", ".join(f"v{i}" for i in range(len(syms)))
    outs = ", ".join(names[e] for e in exprs)
    return f"def _f({params}):\n" + "\n".join(lines + [f"    return ({outs},)"]) + "\n"


def postorder_all(exprs: Sequence[Expr]) -> list[Expr]:
    """Every distinct node of the expressions, children first."""
    seen: set[Expr] = set()
    out = []
    for e in exprs:
        for n in postorder(e):
            if n not in seen:
                seen.add(n)
                out.append(n)
    return out


def _on_cut(name: str, z: Any) -> Any:
    """z with each zero real or imaginary part signed by the convention of ``name``
    (core/branches.py): values on a branch cut are the limits from its chosen side."""
    import numpy as np

    axis, neg, pos = rule(name)
    z = np.array(z, dtype=complex)
    out = np.empty_like(z)
    if axis == "re":
        out.real = z.real
        out.imag = np.where(z.imag == 0, np.where(z.real < 0, neg, pos), z.imag)
    else:
        out.imag = z.imag
        out.real = np.where(z.real == 0, np.where(z.imag < 0, neg, pos), z.real)
    return out


class ComplexFunction:
    """A compiled function computing in complex128; ``source`` is the generated code."""

    def __init__(self, exprs: Sequence[Expr], syms: list[Symbol], kind: Any,
                 packed: bool = False) -> None:
        import numpy as np

        self.params = [s.name for s in syms]
        self.source = _source(exprs, syms)
        env: dict[str, Any] = {"np": np, "_on_cut": _on_cut, "inf": np.inf, "nan": np.nan}
        exec(builtins_compile(self.source), env)  # our generated code, never user text
        self._f = env["_f"]
        self._kind = kind
        self._packed = packed

    def __reduce__(self) -> tuple:
        """Pickled as its expression (api._rebuild): the code is generated again there."""
        from .api import reduce_by_recipe

        return reduce_by_recipe(self)

    def __call__(self, *args: Any) -> Any:
        import numpy as np

        if self._packed:
            (theta,) = args
            theta = np.asarray(theta)
            args = tuple(theta[i] for i in range(len(self.params)))
        if len(args) != len(self.params):
            raise TypeError(f"expected {len(self.params)} arguments "
                            f"({', '.join(self.params)}), got {len(args)}")
        scalar = all(np.ndim(a) == 0 for a in args)
        try:
            arrs = [np.asarray(a, dtype=complex) for a in args]
        except (OverflowError, TypeError, ValueError) as err:
            from ..errors import ArgumentError

            raise ArgumentError(f"arguments must be numbers or arrays of numbers "
                                f"within the double range: {err}") from None
        shape = np.broadcast_shapes(*(a.shape for a in arrs)) if arrs else ()
        with np.errstate(all="ignore"):
            vals = self._f(*arrs)
        vals = [np.broadcast_to(np.asarray(v, dtype=complex), shape) for v in vals]
        if scalar:
            vals = [complex(v) for v in vals]
        kind = self._kind
        if kind is None:
            return vals[0]
        if kind == "tuple":
            return tuple(vals)
        return np.array(vals).reshape(kind + shape)

    def __repr__(self) -> str:
        return f"<compiled complex function of ({', '.join(self.params)})>"


def builtins_compile(src: str) -> Any:
    import builtins

    return builtins.compile(src, "<symcalc complex kernel>", "exec")


def compile_complex(exprs: Sequence[Expr], syms: list[Symbol], kind: Any,
                    packed: bool = False) -> ComplexFunction:
    """The complex NumPy function of ``syms`` computing ``exprs`` (see module doc)."""
    return ComplexFunction(exprs, syms, kind, packed)
