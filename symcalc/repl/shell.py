"""The two ways of feeding a session: the interactive prompt (prompt_toolkit, imported
only here, when a terminal asks for it) and a stream of statements (a file, a pipe).

Interactive: persistent history, multi-line input (Enter adds a line while brackets
are open), tab completion, highlighting. Ctrl-C clears the line at the prompt and
interrupts a running computation (the default SIGINT handler raises
KeyboardInterrupt, which the session turns into "interrupted"); Ctrl-D leaves. Under
``TERM=dumb`` the prompt is plain line input (no editing keys, no colors).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import IO, Any

from . import language
from .display import dumps, to_json
from .session import Reply, Session

PROMPT = "symcalc> "
CONTINUATION = "     ... "
_RED, _YELLOW, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[0m"


def history_path() -> str | None:
    """Where the history is kept: ``$SYMCALC_HISTORY`` (empty: nowhere), else
    ``$XDG_STATE_HOME/symcalc/history`` (``~/.local/state/symcalc/history``)."""
    env = os.environ.get("SYMCALC_HISTORY")
    if env is not None:
        return env or None
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state")
    return os.path.join(base, "symcalc", "history")


def print_reply(reply: Reply, color: bool, out: IO[str] | None = None) -> None:
    """Print a reply on the terminal: errors in red, hints in yellow."""
    out = out or sys.stdout
    for kind, text in reply.lines:
        if color and kind == "error":
            text = _RED + text + _RESET
        elif color and kind == "hint":
            text = _YELLOW + text + _RESET
        out.write(text + "\n")
    out.flush()


def run_interactive(session: Session, history: str | None = None,
                    banner: str | None = None) -> int:
    """Read-eval-print until Ctrl-D or :quit."""
    if banner:
        sys.stdout.write(banner + "\n")
        sys.stdout.flush()
    dumb = os.environ.get("TERM") == "dumb"
    prompt = _plain_prompt() if dumb else _make_prompt(session, history)
    color = "NO_COLOR" not in os.environ and not dumb
    while True:
        try:
            text = prompt()
        except KeyboardInterrupt:  # Ctrl-C at the prompt: a fresh line
            continue
        except EOFError:           # Ctrl-D
            break
        try:
            import shutil

            session.width = shutil.get_terminal_size((80, 24)).columns - 1
            reply = session.execute(text)
            if "Interrupted" in reply.kinds:   # after the terminal's ^C: a line of its own
                sys.stdout.write("\n")
            print_reply(reply, color)
        except KeyboardInterrupt:   # after the terminal's ^C: a line of its own
            sys.stdout.write("\n")
            print_reply(Reply([("error", "interrupted")]), color)
            continue
        if reply.quit:
            break
    return 0


def _warm_up_after_first_render(app: Any) -> None:
    """Once the first prompt is on the screen, load the parser tables and the usual
    modules in a background thread, while the user types, so that the first result
    comes quickly too; the prompt itself does not wait for them."""
    import threading

    def warm() -> None:
        try:
            from ..calculus import diff  # noqa: F401
            from ..parse import parse
            from ..printing import pretty  # noqa: F401

            parse("x")
        except Exception:  # pragma: no cover - only an optimization
            pass

    def start(_: Any) -> None:
        app.after_render -= start
        threading.Thread(target=warm, name="symcalc-warm-up", daemon=True).start()

    app.after_render += start


def _plain_prompt() -> Any:
    """The prompt for a dumb terminal (``TERM=dumb``: Emacs shells, some IDE consoles):
    plain ``input()`` in the terminal's line mode, so that Ctrl-D on an empty line is
    the end of input whatever the timing (prompt_toolkit's dumb mode shows the prompt
    before it switches the terminal to raw mode, and a Ctrl-D typed in between was
    lost); lines are joined while brackets are open."""
    def prompt() -> str:
        text = input(PROMPT)
        while language.wants_more(text):
            try:
                text += "\n" + input(CONTINUATION)
            except EOFError:
                break
        return text
    return prompt


def _make_prompt(session: Session, history: str | None) -> Any:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.history import FileHistory, History, InMemoryHistory
    from prompt_toolkit.key_binding import KeyBindings

    from .editing import STYLE, SessionCompleter, SessionLexer

    hist: History = InMemoryHistory()
    if history:
        try:
            os.makedirs(os.path.dirname(os.path.abspath(history)), exist_ok=True)
            hist = FileHistory(history)
        except OSError:
            pass

    keys = KeyBindings()

    @keys.add("enter")
    def _enter(event: Any) -> None:
        buf = event.current_buffer
        if buf.complete_state is not None and buf.complete_state.current_completion:
            buf.complete_state = None      # accept the chosen completion
        elif not language.wants_more(buf.text):
            buf.validate_and_handle()
        else:
            buf.insert_text("\n")

    @keys.add("escape", "enter")
    def _newline(event: Any) -> None:
        event.current_buffer.insert_text("\n")

    def names() -> list[str]:
        return list(session.vars) + list(session.funcs)

    def all_names() -> list[str]:
        return session.names()

    ps: Any = PromptSession(
        FormattedText([("class:prompt", PROMPT)]),
        history=hist, multiline=True, key_bindings=keys,
        lexer=SessionLexer(names), completer=SessionCompleter(all_names),
        complete_while_typing=False, auto_suggest=AutoSuggestFromHistory(),
        style=STYLE, include_default_pygments_style=False,
        prompt_continuation=lambda width, line, wrap: FormattedText(
            [("class:continuation", CONTINUATION.rjust(width))]),
    )
    _warm_up_after_first_render(ps.app)
    return ps.prompt


def run_stream(session: Session, lines: Iterable[str], out: IO[str] | None = None,
               err: IO[str] | None = None, json: bool = False) -> int:
    """Run statements read line by line (a statement may span lines while brackets are
    open; an empty line ends an unfinished one); one result per line on ``out``, errors
    and hints on ``err``. Returns the exit status (:func:`status`)."""
    out = out or sys.stdout
    err = err or sys.stderr
    status = 0
    pending = ""
    for line in lines:
        blank = not line.strip()
        pending += line if line.endswith("\n") else line + "\n"
        if not language.is_complete(pending.rstrip("\n")) and not (blank and pending.strip()):
            continue   # brackets open: the statement goes on (an empty line ends it)
        reply = session.execute(pending)
        pending = ""
        status = worse(status, emit(reply, out, err, json))
        if reply.quit:
            return status
    if pending.strip():
        status = worse(status, emit(session.execute(pending), out, err, json))
    return status


def worse(a: int, b: int) -> int:
    """The exit status of two statements: an error (1) over an unevaluated result (3)
    over success (0)."""
    return 1 if 1 in (a, b) else max(a, b)


def emit(reply: Reply, out: IO[str], err: IO[str], json: bool = False) -> int:
    """Write a reply for a script: values on ``out`` (as JSON lines with ``json``, errors
    too: ``{"error": ..., "kind": ...}``), errors and hints on ``err``. Returns 1 if
    the reply is an error, 3 if a result came back unevaluated (an integral with no
    closed form), else 0."""
    values = iter(reply.values)
    kinds = iter(reply.kinds)
    for kind, text in reply.lines:
        if kind == "error" and json:
            message = text[len("error: "):] if text.startswith("error: ") else text
            out.write(dumps({"error": message, "kind": next(kinds, "Error")}) + "\n")
        elif kind in ("error", "hint"):
            err.write(text + "\n")
        elif json:
            if kind == "out":
                v = next(values, None)
                out.write(dumps(to_json(v)) + "\n")
            else:
                out.write(dumps({"output": text}) + "\n")
        else:
            out.write(text + "\n")
    out.flush()
    err.flush()
    return 1 if not reply.ok else 3 if reply.unevaluated else 0
