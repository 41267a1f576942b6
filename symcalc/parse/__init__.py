"""The input language: math text -> expressions (``docs/syntax.md`` is the reference).

>>> from symcalc.parse import parse
>>> parse("2x sin(x)^2 - |y|")
2*x*sin(x)^2 - abs(y)
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .parser import parse, parse_rule


class _CallableModule(types.ModuleType):
    """``symcalc.parse`` is both this package and the function: importing the package
    (``from symcalc.parse import parse``) makes Python bind the *module* to the
    attribute ``symcalc.parse``, so the module forwards calls to the function."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return parse(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["parse", "parse_rule"]
