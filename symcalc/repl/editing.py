"""Line editing for the REPL: syntax highlighting and tab completion (prompt_toolkit).

The lexer colors numbers, strings, commands, known functions, the user's names and
operators; the completer offers commands after ``:``, help topics after ``:help``,
and otherwise functions, constants and defined names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.lexers import Lexer
from prompt_toolkit.styles import Style

from ..core import REGISTRY
from .help import ALIASES, API, BUILTINS, COMMANDS

STYLE = Style.from_dict({
    "number": "#5f87d7",
    "string": "#5faf5f",
    "comment": "#808080 italic",
    "command": "#d75fd7 bold",
    "function": "#00afaf",
    "user": "#d7875f",
    "constant": "#af87d7",
    "operator": "#a8a8a8",
    "bracket": "#d7af00",
    "continuation": "#808080",
    "prompt": "#00af87 bold",
})

_TOKEN = re.compile(r"""
    (?P<comment>\#.*)
  | (?P<string>"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)
  | (?P<number>(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[^\W\d][\w']*)
  | (?P<operator>\*\*|[-+*/^=<>!%·×÷−√∛|,])
  | (?P<bracket>[()\[\]{}])
  | (?P<other>\s+|.)
""", re.X)
_CONSTANTS = frozenset({"E", "pi", "I", "oo", "nan", "π", "∞", "True", "False", "ans"})
_COMMAND = re.compile(r"^(\s*)(:\w+|steps\b(?!\s*[=(]))")


class SessionLexer(Lexer):
    """Colors a statement; ``names`` returns the user's variables and functions."""

    def __init__(self, names: Callable[[], Iterable[str]]) -> None:
        self.names = names

    def lex_document(self, document: Document) -> Callable[[int], list[tuple[str, str]]]:
        lines = document.lines
        user = set(self.names())

        def get_line(i: int) -> list[tuple[str, str]]:
            return self.tokens(lines[i] if i < len(lines) else "", user)
        return get_line

    def tokens(self, line: str, user: set[str]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        m = _COMMAND.match(line)
        pos = 0
        if m:
            out += [("", m.group(1)), ("class:command", m.group(2))]
            pos = m.end()
        for t in _TOKEN.finditer(line, pos):
            kind = t.lastgroup
            text = t.group()
            if kind == "name":
                if text in user:
                    kind = "user"
                elif text in REGISTRY or text in API or text in BUILTINS:
                    kind = "function"
                elif text in _CONSTANTS:
                    kind = "constant"
                else:
                    kind = ""
            elif kind == "other":
                kind = ""
            out.append((f"class:{kind}" if kind else "", text))
        return out


class SessionCompleter(Completer):
    """Completes commands, help topics, functions and the session's names."""

    def __init__(self, names: Callable[[], Iterable[str]]) -> None:
        self.names = names

    def get_completions(self, document: Document, complete_event: CompleteEvent
                        ) -> Iterable[Completion]:
        before = document.text_before_cursor
        stripped = before.lstrip()
        if stripped.startswith(":") and " " not in stripped:
            words: Iterable[str] = [c for c in list(COMMANDS) + list(ALIASES)
                                    if c.startswith(":")]
            word = stripped
        else:
            m = re.search(r"[^\W\d][\w']*$", before)
            word = m.group() if m else ""
            if not word:
                return
            if re.match(r"\s*:help\s", before):
                words = ["commands", "functions", "syntax", "keys", *COMMANDS,
                         *API, *BUILTINS]
            else:
                words = self.names()
        for w in sorted(set(words)):
            if w.startswith(word) and w != word:
                yield Completion(w, start_position=-len(word), display_meta=_meta(w))


def _meta(w: str) -> Any:
    if w in COMMANDS or w.startswith(":"):
        return "command"
    if w in API or w in BUILTINS:
        return "symcalc"
    if w in REGISTRY:
        return "function"
    return ""
