"""Rich display in Jupyter: expressions and matrices show as LaTeX by themselves
(``_repr_latex_``); this module adds the rest.

- ``%load_ext symcalc.printing.notebook`` (or :func:`load_ipython_extension`) makes
  lists and tuples of expressions (a gradient, the roots of ``solve``), optimizer
  results, critical points and integration steps display richly too;
- :func:`plot` draws curves inline (PNG and SVG through matplotlib when it is
  installed; the terminal drawing otherwise);
- :func:`rich` wraps any value for display (``rich(sc.gradient(...))``).

Every rich form also has ``text/plain``, the REPL's pretty text, so a console or a
notebook rendered without JavaScript shows the same as the terminal.

>>> import symcalc as sc
>>> x, y = sc.symbols("x y")
>>> bundle = rich([x**2, 2*y])._repr_mimebundle_()
>>> bundle["text/plain"], bundle["text/latex"]
('[x², 2·y]', '$\\\\displaystyle \\\\left[x^{2}, 2 y\\\\right]$')
"""

from __future__ import annotations

import base64
from typing import Any

from ..core.expr import Expr
from ..core.matrix import Matrix


class Rich:
    """A value with its rich forms: LaTeX for expressions, matrices and lists of
    them, plain pretty text always."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        return bundle(self.value)

    def __repr__(self) -> str:
        return _text(self.value)


def rich(value: Any) -> Rich:
    """``value`` wrapped so that a notebook shows it richly."""
    return Rich(value)


def bundle(value: Any) -> dict[str, Any]:
    """The MIME bundle of a value: ``text/plain`` always, ``text/latex`` when the value
    is (a list or tuple of) expressions or matrices, ``text/markdown`` for steps."""
    out: dict[str, Any] = {"text/plain": _text(value)}
    latex = _latex(value)
    if latex is not None:
        out["text/latex"] = f"$\\displaystyle {latex}$"
    elif _is_steps(value):
        out["text/markdown"] = "```\n" + str(value) + "\n```"
    return out


def _text(value: Any) -> str:
    from ..repl.display import show

    if _is_steps(value):
        return str(value)
    return show(value, "pretty")


def _latex(value: Any) -> str | None:
    from .latex import latex

    if isinstance(value, (Expr, Matrix)):
        return latex(value)
    if isinstance(value, (list, tuple)) and value and not hasattr(value, "_fields") and \
            all(isinstance(v, (Expr, Matrix)) or _latex(v) is not None for v in value):
        inner = ", ".join(_latex(v) or "" for v in value)
        return rf"\left[{inner}\right]" if isinstance(value, list) else \
            rf"\left({inner}\right)"
    if hasattr(value, "latex") and callable(value.latex) and _is_steps(value):
        return value.latex()
    return None


def _is_steps(value: Any) -> bool:
    return type(value).__name__ in ("Step", "Derivation") and hasattr(value, "result")


class Plot:
    """Curves of one variable, shown inline: ``image/png`` and ``image/svg+xml`` through
    matplotlib when it is installed, and the terminal's braille drawing as text."""

    def __init__(self, *args: Any, ylim: Any = None, width: int = 60,
                 height: int = 15) -> None:
        from ..repl.plot import _curves_and_range

        self.args = args
        self.ylim = ylim
        self.width, self.height = width, height
        self.curves, self.var, self.a, self.b = _curves_and_range(args)

    def text(self) -> str:
        """The drawing in braille characters (as in the terminal)."""
        from ..repl.plot import plot

        return plot(*self.args, ylim=self.ylim, width=self.width, height=self.height)

    def image(self, fmt: str = "png") -> bytes:
        """The image bytes (png, svg or pdf); needs matplotlib."""
        from ..repl.plot import figure_bytes

        return figure_bytes(self.curves, self.var, self.a, self.b, fmt, self.ylim)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        out: dict[str, Any] = {"text/plain": self.text()}
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            return out
        out["image/png"] = base64.b64encode(self.image("png")).decode("ascii")
        return out

    def _repr_svg_(self) -> str | None:
        try:
            return self.image("svg").decode("utf-8")
        except Exception:
            return None

    def __repr__(self) -> str:
        return self.text()


def plot(*args: Any, ylim: Any = None, width: int = 60, height: int = 15) -> Plot:
    """``plot(sin(x), cos(x), (x, -3, 3))``: a plot a notebook shows inline (the same
    arguments as the REPL's ``plot``)."""
    return Plot(*args, ylim=ylim, width=width, height=height)


def _format_latex(value: Any) -> str | None:
    latex = _latex(value)
    return f"$\\displaystyle {latex}$" if latex is not None else None


def _format_plain(value: Any, p: Any, cycle: bool) -> None:
    p.text(_text(value))


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext symcalc.printing.notebook``: lists and tuples of expressions as
    LaTeX; optimizer results, critical points and steps as the REPL shows them."""
    from ..calculus.integrate.steps import Step
    from ..numerics.optimize import OptimizeResult

    formatters = ipython.display_formatter.formatters
    latex_f = formatters["text/latex"]
    plain_f = formatters["text/plain"]
    for t in (list, tuple):
        latex_f.for_type(t, _format_latex)
    for t in (OptimizeResult, Step):
        plain_f.for_type(t, _format_plain)
    formatters["text/markdown"].for_type(Step, lambda v: "```\n" + str(v) + "\n```")
