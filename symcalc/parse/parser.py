"""``parse``: text -> expression, through one lazily built LALR parser.

On the first call the LALR tables are loaded (:mod:`symcalc.parse.tables`: from the
cache, else built by Lark from ``grammar/symcalc.lark``); :mod:`symcalc.parse.lalr`
runs them, calling :class:`~symcalc.parse.transformer.ExprBuilder` on every reduction.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from typing import Any

from ..core import Expr
from ..errors import ParseError
from .depth import check_depth
from .errors import translate
from .lalr import Engine, SyntaxFailure, UnknownCharacter
from .numbers import check_numbers
from .tables import load_tables
from .transformer import STATE, ExprBuilder

_parser: Engine | None = None
_lock = threading.Lock()


def get_parser() -> Engine:
    """The shared parser, built on first use."""
    global _parser
    if _parser is None:
        with _lock:
            if _parser is None:
                _parser = Engine(load_tables(), ExprBuilder())
    return _parser


def parse(text: str, names: Mapping[str, Any] | None = None, *,
          functions: Mapping[str, Callable[..., Any]] | None = None) -> Any:
    """Parse math text into an expression (or a list or tuple of them).

    ``names`` maps identifiers to expressions (a positive symbol, a number) or, for
    calls, to function definitions; it overrides the default ``Symbol(name)``.
    ``functions`` maps call names to host callables that receive the parsed
    arguments, including keyword arguments and strings (``method="adam"``); a REPL
    uses it for commands. Syntax errors raise :class:`symcalc.ParseError`.

    >>> parse("2x^2 + sin(x)/3")
    2*x^2 + sin(x)/3
    >>> parse("(x, 0, 1)")
    (x, 0, 1)
    """
    return _run(text, "start", names, functions)


def _run(text: str, start: str, names: Mapping[str, Any] | None,
         functions: Mapping[str, Callable[..., Any]] | None) -> Any:
    if not isinstance(text, str):
        raise TypeError(f"parse expects a string, got {type(text).__name__}")
    check_depth(text)
    check_numbers(text)
    parser = _parser or get_parser()
    state = STATE
    saved = state.text, state.names, state.functions  # a host function may parse too
    state.text, state.names, state.functions = text, names, functions
    try:
        return parser.parse(text, start)
    except (SyntaxFailure, UnknownCharacter) as e:
        raise translate(e, text) from None
    except OverflowError as e:  # a huge exact number met a float: 2.0*10^400
        from ..errors import NumberTooLargeError

        raise NumberTooLargeError(f"a number in {text[:60]!r} is too large to combine with a "
                         f"floating-point number ({e})") from None
    finally:
        state.text, state.names, state.functions = saved


_RULE_NAME = re.compile(r"\s*\[([^\]\n]*)\]")


def parse_rule(text: str, names: Mapping[str, Any] | None = None, *,
               source: str = "<rule>", line: int = 1
               ) -> tuple[str | None, Expr, Expr, tuple[Expr, ...]]:
    """One line of a rule file, ``[name] lhs = rhs if guard, guard``, as
    ``(name, lhs, rhs, guards)``; the name and the guards are optional.

    ``source`` and ``line`` say where the line comes from, for error messages.

    >>> parse_rule("[power rule] diff(u^n, u) = n*u^(n - 1) if n != 0")
    ('power rule', diff(u^n, u), n*u^(n - 1), (n != 0,))
    """
    m = _RULE_NAME.match(text)
    name = None
    body = text
    if m is not None:
        name = m.group(1).strip() or None
        body = " " * m.end() + text[m.end():]   # keep the columns of the rest
    try:
        lhs, rhs, guards = _run(body, "rule", names, None)
    except ParseError as e:
        # Located in the file: the text is padded so that line ``line`` is this one.
        raise ParseError(f"{source}: {e.message}", "\n" * (line - 1) + text,
                         e.line + line - 1, e.column, e.expected) from None
    return name, lhs, rhs, guards


__all__ = ["get_parser", "parse", "parse_rule"]
