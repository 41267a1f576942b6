"""Compilation of expressions to fast NumPy (and scalar) functions.

Expr DAG -> SSA IR (CSE for free from hash consing) -> passes written as pattern
lists (stable forms, expansion of the registry functions, strength reduction,
constant folding) -> Python source calling ufuncs with reused ``out=`` buffers,
run in cache-sized blocks on large arrays. Gradients are reverse mode over the IR.
See docs/compile.md.
"""

import sys as _sys
import types as _types

from .api import (
    CompiledFunction,
    compile,
    compile_hessian,
    compile_jacobian,
    lambdify,
    value_and_grad,
)

__all__ = ["CompiledFunction", "compile", "compile_hessian", "compile_jacobian", "lambdify",
           "value_and_grad"]


class _CallableModule(_types.ModuleType):
    """``symcalc.compile`` is both this package and the function: importing the package
    sets the attribute ``symcalc.compile`` to the module, so the module is callable."""

    def __call__(self, *args: object, **kw: object) -> CompiledFunction:
        return compile(*args, **kw)  # type: ignore[arg-type]


_sys.modules[__name__].__class__ = _CallableModule
