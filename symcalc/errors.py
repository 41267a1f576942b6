"""The typed errors every user-facing failure of symcalc raises."""

from __future__ import annotations


class SymcalcError(Exception):
    """Base class of every error symcalc raises on purpose."""


class ParseError(SymcalcError, ValueError):
    """Malformed input text: knows the line, the column and what was expected.

    ``str(err)`` renders the message, the offending line and a caret under the
    offending character.
    """

    def __init__(self, message: str, text: str = "", line: int = 1, column: int = 1,
                 expected: tuple[str, ...] = ()) -> None:
        self.message = message
        self.text = text
        self.line = line
        self.column = column
        self.expected = expected
        super().__init__(self._render())

    def _render(self) -> str:
        lines = self.text.splitlines() or [""]
        src = lines[self.line - 1] if 0 < self.line <= len(lines) else ""
        # Long lines are windowed around the error so the caret stays readable.
        col = self.column - 1
        if len(src) > 76:
            start = max(0, min(col - 38, len(src) - 76))
            src = ("..." if start else "") + src[start:start + 76]
            col = col - start + (3 if start else 0)
        caret = " " * max(col, 0) + "^"
        return f"{self.message} (line {self.line}, column {self.column})\n  {src}\n  {caret}"


class SymbolNameError(SymcalcError, ValueError):
    """A symbol name that would not print back as that symbol: not a name of the input
    language (``x y``, ``π``, ``x²``), or taken by a constant, a function or a keyword."""


class ExprTypeError(SymcalcError, TypeError):
    """An operation given the wrong kind of expression, such as a condition
    (``x < 1``) in arithmetic."""


class CompileError(SymcalcError, ValueError):
    """An expression or variable list that cannot be compiled to a numeric function."""


class ArgumentError(SymcalcError, TypeError):
    """A compiled function called with the wrong number or kind of arguments."""


class DomainError(SymcalcError, ArithmeticError):
    """A mathematically undefined operation, such as division by zero."""


class LimitError(SymcalcError):
    """An operation exceeded its budget (time or size, see ``symcalc.budget``) or another
    documented bound. Budget errors carry ``operation``, ``limit`` and ``value``."""


class NumberTooLargeError(LimitError, OverflowError):
    """An exact number is too large for what was asked: a double (``float(10^400)``,
    ``2.0*10^400``). Also an OverflowError, for callers that catch that."""


class EvaluationError(SymcalcError, ValueError):
    """Numeric evaluation failed, e.g. because free symbols remain."""


class QuadratureError(EvaluationError):
    """A numeric integral that diverges, or that the rule could not bring to its
    tolerance: ``nintegrate`` raises rather than return a number it cannot vouch for.
    ``result`` holds the last estimate (value, error, neval) where there is one."""

    def __init__(self, message: str, result: object = None) -> None:
        super().__init__(message)
        self.result = result


class ShapeError(SymcalcError, ValueError):
    """Shaped expressions whose shapes disagree (``A @ B`` with A: (3, 2), B: (3, 2))."""
