"""A cheap pre-pass that refuses input nested deeper than ``limits.MAX_PARSE_DEPTH``.

The LALR parser itself never recurses, but a 10^5-deep expression would make every
later recursive walk (printing, sorting, differentiation) fail. Depth counts open
parentheses, brackets and bars, plus the length of the current chain of ``^`` and
root signs (``x^x^x`` and ``√√x`` nest to the right). Text with fewer of these
characters than the limit is not scanned at all.
"""

from __future__ import annotations

import re

from ..core import limits
from ..errors import ParseError

# Words (names, numbers, keywords, strings) as one token, every other character alone.
_TOKEN = re.compile(r"""(?P<word>[\w.]+|∞|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\*\*|\S""")
_CHAIN = frozenset({"^", "**", "√", "∛"})
_UNARY = frozenset("+-−")


def check_depth(text: str) -> None:
    """Raise ParseError if ``text`` nests deeper than ``limits.MAX_PARSE_DEPTH``."""
    limit = limits.MAX_PARSE_DEPTH
    count = text.count
    if (count("(") + count("[") + count("|") + count("^") + count("**") + count("√")
            + count("∛")) <= limit:
        return
    # Per open level: its kind and the length of its current ^ chain.
    kinds = [""]
    chains = [0]
    depth = 0            # open levels + every chain length
    expecting = True     # an operand is expected (so '-' is unary, '|' opens)
    for m in _TOKEN.finditer(text):
        t = m.group()
        if t in _CHAIN:
            chains[-1] += 1
            depth += 1
            expecting = True
        elif t in "([" or (t == "|" and expecting):
            if not expecting:   # implicit multiplication ends the chain
                depth -= chains[-1]
                chains[-1] = 0
            kinds.append(t)
            chains.append(0)
            depth += 1
            expecting = True
        elif t in ")]|":
            if len(kinds) > 1:
                kinds.pop()
                depth -= chains.pop() + 1
            expecting = False
        elif m.lastgroup == "word":
            if not expecting:   # implicit multiplication ends the chain
                depth -= chains[-1]
                chains[-1] = 0
            # A call's name works like a prefix: its '(' does not end the chain.
            expecting = text.startswith("(", m.end())
        elif t in _UNARY and expecting:
            pass
        else:                   # a binary operator, comma or relation ends the chain
            depth -= chains[-1]
            chains[-1] = 0
            expecting = True
        if depth > limit:
            line = text.count("\n", 0, m.start()) + 1
            column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            raise ParseError(f"expression nested deeper than {limit} levels", text, line,
                             column)
