"""Integration steps: every method records one :class:`Step`, so a result explains itself.

A step says which method turned ``∫ expr d(var)`` into ``result`` (a table rule,
linearity, a substitution ``u = ...``, integration by parts with ``u`` and ``dv``
named, partial fractions, a trigonometric reduction, ...), with the sub-integrals it
needed as substeps. ``integrate(e, x, steps=True)`` returns the result and the step tree.

>>> from symcalc import parse, symbols
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> result, how = integrate(parse("2*x*exp(x^2)"), x, steps=True)
>>> result
exp(x^2)
>>> print(how)
∫ 2*x*exp(x^2) dx
  constant factor 2
    ∫ x*exp(x^2) dx
      substitution u = x^2, du = 2*x dx
        ∫ exp(u)/2 du
          constant factor 1/2
            ∫ exp(u) du = exp(u)    table: exponential
          = exp(u)/2
      = exp(x^2)/2
  = exp(x^2)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ...core.expr import Expr

#: the detail of an integration by parts, as parts.py writes it
_PARTS = re.compile(r"^u = (.*), dv = (.*) d(\w+)$")


@dataclass(frozen=True, eq=False)
class Step:
    """∫ expr d(var) = result, by ``method``; ``detail`` names the parts the method chose
    (``u = x^2, du = 2*x dx``; ``u = x, dv = exp(x) dx``), ``substeps`` the integrals it
    needed."""

    method: str
    expr: Expr
    var: Expr
    result: Expr
    substeps: tuple[Step, ...] = ()
    #: the detail, or a function that writes it (printing is left until a step is read:
    #: most steps of a search are discarded)
    how: str | Callable[[], str] = ""

    @property
    def detail(self) -> str:
        d = self.how
        if not isinstance(d, str):
            d = d()
            object.__setattr__(self, "how", d)
        return d

    def walk(self) -> Iterator[Step]:
        """This step and all its substeps, parents first."""
        yield self
        for s in self.substeps:
            yield from s.walk()

    def methods(self) -> list[str]:
        """The method of every step, in reading order."""
        return [s.method for s in self.walk()]

    def lines(self, indent: int = 0) -> list[str]:
        pad = "  " * indent
        head = f"{pad}∫ {self.expr} d{self.var}"
        if not self.substeps:
            return [f"{head} = {self.result}    {self.method}"]
        what = self.method + (f" {self.shown_detail()}" if self.detail else "")
        out = [head, f"{pad}  {what}"]
        for s in self.substeps:
            out.extend(s.lines(indent + 2))
        out.append(f"{pad}  = {self.result}")
        return out

    def shown_detail(self) -> str:
        """The detail as printed: integration by parts in a variable named u or v (after
        a substitution u = ...) names its parts f and dg, so that "u = log(u)" never
        appears."""
        if self.method.startswith("integration by parts") and \
                getattr(self.var, "name", "") in ("u", "v"):
            m = _PARTS.match(self.detail)
            if m:
                return f"f = {m.group(1)}, dg = {m.group(2)} d{m.group(3)}"
        return self.detail

    def __str__(self) -> str:
        return "\n".join(self.lines())

    __repr__ = __str__


def leaf(method: str, e: Expr, x: Expr, result: Expr,
         detail: str | Callable[[], str] = "") -> Step:
    """A step that needs no sub-integrals."""
    return Step(method, e, x, result, (), detail)


__all__ = ["Step", "leaf"]
