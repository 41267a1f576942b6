"""The interactive session (REPL) and the statement language shared with the command line.

``session`` holds the state and runs statements (no terminal code); ``shell`` drives it
from a terminal (prompt_toolkit, imported only there) or from a stream; ``display``,
``tree`` and ``plot`` turn values into text; ``help`` is the table of what a session
knows by name. ``docs/repl.md`` is the user's guide.

>>> from symcalc.repl import Session
>>> print(Session(mode="text").execute("diff(x^3, x)").text)
3*x^2
"""

from __future__ import annotations

from .session import Reply, Session

__all__ = ["Reply", "Session"]
