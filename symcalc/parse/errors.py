"""Syntax errors in plain words: what was found, where, and what would fit.

Terminal names (RPAR, _POW) never reach the user: the set of acceptable terminals is
summarized as closing brackets, "an operator" and "an expression".
"""

from __future__ import annotations

from ..errors import ParseError
from .lalr import SyntaxFailure, UnknownCharacter, line_column

# Terminals that can only follow a complete operand.
_AFTER_OPERAND = frozenset({"MULOP", "_POW", "SUPERSCRIPT", "TRANSPOSE", "_BANG", "RELOP", "AND",
                            "OR"})
# Terminals that can start an operand.
_OPERAND = frozenset({"NAME", "FUNC", "CONSTANT", "INT", "FLOAT", "LPAR", "LSQB", "VBAR",
                      "SIGN", "_SQRT", "_CBRT", "NOT", "STRING"})
# Closing punctuation and the rule-file separators, in the order they are named.
_CLOSERS = (("RPAR", "')'"), ("RSQB", "']'"), ("VBAR", "'|'"), ("COMMA", "','"),
            ("EQUAL", "'='"), ("_IF", "'if'"))


def expected_words(expected: set[str] | frozenset[str]) -> tuple[str, ...]:
    """What a parser state accepts, in words (the terminal names stay inside)."""
    after_operand = not _AFTER_OPERAND.isdisjoint(expected)
    words = [w for t, w in _CLOSERS
             if t in expected and not (t == "VBAR" and not after_operand)
             # '=' of a keyword argument (f(x, k=1)) goes unmentioned
             and not (t == "EQUAL" and "RPAR" in expected)]
    if after_operand:
        words.append("an operator")
    elif not _OPERAND.isdisjoint(expected):
        words.append("an expression")
    if "$END" in expected:
        words.append("end of input")
    return tuple(words)


def join_words(words: tuple[str, ...]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _quote(s: str) -> str:
    if len(s) > 24:
        s = s[:20] + "..."
    return repr(s) if "'" in s or not s.isprintable() else f"'{s}'"


def _end_position(text: str) -> tuple[int, int]:
    """Line and column just after the last non-blank character."""
    body = text.rstrip()
    line = body.count("\n") + 1
    return line, len(body) - (body.rfind("\n") + 1) + 1


def _unmatched(text: str, pos: int) -> bool:
    return text.count("(", 0, pos) <= text.count(")", 0, pos)


def translate(err: SyntaxFailure | UnknownCharacter, text: str) -> ParseError:
    """The ParseError for a syntax error of the LALR driver."""
    if isinstance(err, UnknownCharacter):
        line, col = line_column(text, err.pos)
        return ParseError(f"unexpected character {_quote(err.char)}", text, line, col)
    tok = err.token
    expected = err.expected
    if tok.type == "$END":
        words = tuple(w for w in expected_words(expected) if w != "end of input")
        line, col = _end_position(text)
        return ParseError(f"unexpected end of input; expected {join_words(words)}", text,
                          line, col, words)
    words = expected_words(expected)
    message = f"unexpected {_quote(tok.value)}"
    if words:
        message += f"; expected {join_words(words)}"
    after_operand = not _AFTER_OPERAND.isdisjoint(expected)
    if tok.type == "VBAR" and after_operand:
        message += " (write '*' before an absolute value, as in 2*|x|)"
    elif tok.type in ("INT", "FLOAT") and after_operand:
        message += " (write '*' before a number)"
    elif tok.type == "RELOP" and after_operand:
        message += " (relations do not chain: write a < b and b < c)"
    elif tok.type == "RPAR" and _unmatched(text, tok.pos):
        message += " (no matching '(')"
    line, col = line_column(text, tok.pos)
    return ParseError(message, text, line, col, words)
