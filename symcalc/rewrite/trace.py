"""Optional recording of rule applications: which rule fired, on what, with what result.

>>> from symcalc import Symbol, sin
>>> from symcalc.rewrite import Rule, Wild, tracing
>>> u = Wild("u")
>>> r = Rule("odd", sin(-u), -sin(u))
>>> with tracing() as steps:
...     _ = r(sin(-Symbol("x")))
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from ..core.expr import Expr


@dataclass(frozen=True)
class Step:
    """One rule application."""

    rule: str
    before: Expr
    after: Expr

    def __str__(self) -> str:
        return f"{self.rule}: {self.before} -> {self.after}"


_current: ContextVar[list | None] = ContextVar("symcalc_trace", default=None)


def record(rule: str, before: Expr, after: Expr) -> None:
    """Append a step to the active trace, if any (cheap when tracing is off)."""
    t = _current.get()
    if t is not None:
        t.append(Step(rule, before, after))


@contextmanager
def tracing() -> Iterator[list[Step]]:
    """Collect the steps of every rule applied inside the ``with`` block."""
    steps: list[Step] = []
    token = _current.set(steps)
    try:
        yield steps
    finally:
        _current.reset(token)
