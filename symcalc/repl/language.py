"""The session language around the expression grammar: statements, assignments, ``%``.

The grammar (``grammar/symcalc.lark``) reads one expression; a session adds a few
forms on top, recognized here by scanning the text (strings and brackets respected):

- ``a; b`` two statements, ``# ...`` a comment;
- ``name = expr`` an assignment, ``f(x, y) = expr`` a function definition (an ``=``
  at bracket depth 0 that is not part of ``==``, ``<=``, ``>=`` or ``!=``);
- ``%`` the last result, rewritten to the name ``ans``.

Rewriting keeps a map from the new text's positions to the original's, so a parse
error points at the character the user typed.

>>> split_statements("a = 2*x; diff(a, x)  # done")
['a = 2*x', ' diff(a, x)  ']
>>> split_assignment("f(x, y) = x*y")
('f', ('x', 'y'), 9)
>>> split_assignment("x == 1") is None
True
>>> replace_percent("% + 1")[0]
'ans + 1'
"""

from __future__ import annotations

import re

OPEN = "([{"
CLOSE = ")]}"
_NAME = r"[^\W\d⁰¹²³⁴⁵⁶⁷⁸⁹π][^\W⁰¹²³⁴⁵⁶⁷⁸⁹π]*"
_LHS_VAR = re.compile(rf"\s*({_NAME})\s*")
_LHS_FUN = re.compile(rf"\s*({_NAME})\((\s*{_NAME}\s*(?:,\s*{_NAME}\s*)*)?\)\s*")
_PARAM = re.compile(_NAME)


def _scan(text: str):
    """Yield (index, char, depth, in_string) for each character outside comments."""
    depth = 0
    quote = ""
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if quote:
            yield i, c, depth, True
            if c == "\\" and i + 1 < n:
                i += 1
                yield i, text[i], depth, True
            elif c == quote:
                quote = ""
        elif c == '"' or c == "'" and not _is_prime(text, i):
            quote = c
            yield i, c, depth, True
        elif c == "#":
            return
        else:
            if c in CLOSE:
                depth = max(depth - 1, 0)
            yield i, c, depth, False
            if c in OPEN:
                depth += 1
        i += 1


def _is_prime(text: str, i: int) -> bool:
    """True when the ``'`` at ``i`` is a prime (``f'(x)``, ``f''(2)``): it follows a
    name character or another prime, not an operator, a bracket or a space."""
    j = i
    while j > 0 and text[j - 1] == "'":
        j -= 1
    return j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_")


def strip_comment(text: str) -> str:
    """The text before a ``#`` comment (a ``#`` in a string is kept)."""
    end = 0
    for i, _c, _d, _s in _scan(text):
        end = i + 1
    rest = text[end:]
    return text[:end] if rest.lstrip().startswith("#") else text


def split_statements(text: str) -> list[str]:
    """Statements separated by ``;`` or newlines at bracket depth 0, comments removed.

    A newline inside brackets continues the statement, and so does a line ending in
    a backslash.
    """
    out: list[str] = []
    for line in _logical_lines(text):
        start = 0
        body = strip_comment(line)
        for i, c, depth, in_str in _scan(body):
            if c == ";" and depth == 0 and not in_str:
                out.append(body[start:i])
                start = i + 1
        out.append(body[start:])
    return [s for s in out if s.strip()]


def _logical_lines(text: str) -> list[str]:
    """Join physical lines while brackets are open or a line ends with a backslash."""
    lines: list[str] = []
    pending = ""
    for raw in text.split("\n"):
        if raw.rstrip().endswith("\\"):
            pending += raw.rstrip()[:-1] + " "
            continue
        pending += raw
        if is_complete(pending):
            lines.append(pending)
            pending = ""
        else:
            pending += "\n"
    if pending.strip():
        lines.append(pending)
    return lines


def is_complete(text: str) -> bool:
    """False while brackets or a string are open, or the text ends with a backslash:
    the REPL then reads another line."""
    if text.rstrip().endswith("\\") or _open_string(text):
        return False
    depth = 0
    for _i, c, _d, in_str in _scan(text):
        if not in_str:
            depth += (c in OPEN) - (c in CLOSE)
    return depth <= 0


_GOES_ON = OPEN + ",+-−*/^=<>@·×÷\\"


def wants_more(text: str) -> bool:
    """At an interactive prompt, whether Enter adds a line instead of running the
    text: brackets are open *and* the last line ends with an open bracket, a comma or
    an operator (``diff(x^3,``), or with a backslash. A line that looks finished
    (``diff(sin(x^2, x)``) runs, and an unclosed bracket is an error with a caret; an
    empty line always runs what was typed."""
    if text.rstrip().endswith("\\"):
        return True
    if is_complete(text) or _open_string(text) or not text.split("\n")[-1].strip():
        return False
    return ends_unfinished(text)


def ends_unfinished(text: str) -> bool:
    """The last line that is not blank ends with an open bracket, a comma or an
    operator."""
    body = strip_comment(text.rstrip().split("\n")[-1]).rstrip()
    return bool(body) and body[-1] in _GOES_ON


def unclosed(text: str) -> int | None:
    """The position of the first bracket left open in ``text``, or None."""
    stack: list[int] = []
    for i, c, _d, in_str in _scan(text):
        if in_str:
            continue
        if c in OPEN:
            stack.append(i)
        elif c in CLOSE and stack:
            stack.pop()
    return stack[0] if stack else None


def _open_string(text: str) -> bool:
    quote = ""
    escaped = False
    for i, c in enumerate(strip_comment(text)):
        if quote:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == quote:
                quote = ""
        elif c == '"' or c == "'" and not _is_prime(text, i):
            quote = c
    return bool(quote)


def split_assignment(text: str) -> tuple[str, tuple[str, ...] | None, int] | None:
    """``(name, params, offset)`` when ``text`` is ``name = ...`` (params None) or
    ``name(p, q) = ...``; ``offset`` is where the right-hand side starts. None when the
    text is not an assignment."""
    for i, c, depth, in_str in _scan(text):
        if c != "=" or depth or in_str:
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before in "<>!=" or after == "=":
            continue
        lhs = text[:i]
        m = _LHS_VAR.fullmatch(lhs)
        if m is not None:
            return m.group(1), None, i + 1
        m = _LHS_FUN.fullmatch(lhs)
        if m is not None:
            params = tuple(_PARAM.findall(m.group(2) or ""))
            return m.group(1), params, i + 1
        return None
    return None


def replace_percent(text: str) -> tuple[str, list[int]]:
    """``%`` (outside strings) becomes ``ans``; also returns, for each position of the new
    text, the position in ``text`` it came from."""
    out: list[str] = []
    where: list[int] = []
    in_string = {i for i, _c, _d, s in _scan(text) if s}
    for i, c in enumerate(text):
        lone = text[i - 1:i] != "%" and text[i + 1:i + 2] != "%"
        if c == "%" and lone and i not in in_string:
            out.append("ans")
            where.extend((i, i, i))
        else:
            out.append(c)
            where.append(i)
    where.append(len(text))
    return "".join(out), where


def line_column(text: str, pos: int) -> tuple[int, int]:
    """1-based (line, column) of position ``pos`` in ``text``."""
    line = text.count("\n", 0, pos) + 1
    start = text.rfind("\n", 0, pos) + 1
    return line, pos - start + 1


def position(text: str, line: int, column: int) -> int:
    """The position of 1-based (line, column) in ``text``."""
    start = 0
    for _ in range(line - 1):
        nxt = text.find("\n", start)
        if nxt < 0:
            break
        start = nxt + 1
    return start + column - 1


_CALL = re.compile(rf"(?<![\w'.])({_NAME}'*)\(")
_KEYWORDS = frozenset({"and", "or", "not", "if"})


def calls(text: str) -> list[tuple[str, int]]:
    """``(name, position)`` of each call ``name(`` or ``name'(`` outside strings and
    comments (a name right before ``(``, as the grammar reads a call).

    >>> calls("f'(x) + sin(2)  # g(x)")
    [("f'", 0), ('sin', 8)]
    """
    body = strip_comment(text)
    in_string = {i for i, _c, _d, s in _scan(body) if s}
    return [(m.group(1), m.start(1)) for m in _CALL.finditer(body)
            if m.start(1) not in in_string and m.group(1) not in _KEYWORDS]


EULER_HINT = re.compile(r"(?<![\w.'\"])e\s*(?:\^|\*\*)")
