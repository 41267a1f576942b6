"""The ``symcalc`` command (also ``python -m symcalc``).

With no arguments on a terminal it starts the REPL; otherwise it answers and exits::

    symcalc diff "x^3" x                  3*x^2
    symcalc integrate "2*x" x 0 3         9
    symcalc eval "sin(pi/6)"              0.5
    symcalc -c "f(x) = x^2; diff(f(x), x)"
    symcalc -f script.sc                  statements from a file ('-': stdin)
    echo "diff(x^2, x)" | symcalc         statements from stdin, one result per line
    symcalc plot "sin(x)" x 0 3 --out s.png   save a plot (never over a file: --force)

An argument is always text to compute, never a file name: ``symcalc x`` computes
``x`` even where a file named ``x`` exists; scripts are read with ``-f`` only.

Output: ``--text`` (default for one-shot use), ``--pretty``, ``--latex``, ``--json``.
Exit status: 0 success, 1 a math or parse error (message on stderr; with ``--json`` a
``{"error": ..., "kind": ...}`` line on stdout), 2 a usage error (an unknown command
too), 3 a result that came back unevaluated (an integral with no closed form: a note
on stderr says so). No error prints a Python traceback (unless ``--debug``).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from typing import IO, Any

from .errors import SymcalcError

USAGE = """\
usage: symcalc [OPTIONS]                       interactive session (REPL)
       symcalc [OPTIONS] -c "STATEMENTS"       run statements (separated by ; or newlines)
       symcalc [OPTIONS] -f FILE               run the statements in FILE (- for stdin)
       symcalc [OPTIONS] COMMAND EXPR [ARGS]   one computation:
           diff EXPR [VAR [N] ...]             derivative (d/dVAR, N times)
           integrate EXPR [VAR [A B]]          antiderivative, or definite from A to B
           simplify | expand | factor EXPR     rewrite EXPR
           solve EQUATION [VAR]                roots (EQUATION like "x^2 == 2" or an expr)
           series EXPR VAR [X0 [N]]            Taylor/Laurent series at X0 (default 0), order N
           limit EXPR VAR X0 [+|-]             limit (two-sided unless + or - is given)
           eval EXPR [NAME=VALUE ...]          value of EXPR, numeric when no symbol is left
                                               (to 15 significant digits, --digits N)
           plot EXPR [VAR A B] [--out FILE [--force]]
                                               draw in the terminal, or save PNG/SVG/PDF
       symcalc [OPTIONS] STATEMENT             run one statement, as with -c (never a file)
       symcalc [OPTIONS] -                     statements from stdin
       statements are read from stdin when it is not a terminal

options:
  --text        one-line results that parse back (default, except in the REPL)
  --pretty      unicode 2D layout (default in the REPL)
  --latex       LaTeX
  --json        one JSON object per result
  --digits N    eval: significant digits of numeric results (default 15)
  --debug       show Python tracebacks
  --out FILE    plot: save the image to FILE (.png, .svg or .pdf)
  --force       plot --out: overwrite FILE if it exists
  --no-history  REPL: do not read or write the history file
  -h, --help    this help;  --version  the version

exit status: 0 success, 1 an error, 2 a usage error, 3 an unevaluated result
(an integral with no closed form)"""

_FORMATS = {"--text": "text", "--pretty": "pretty", "--latex": "latex", "--json": "json"}
_FLAGS = {"--debug", "--no-history"}
#: one-shot commands: name -> symcalc attribute
_COMMANDS = {"diff": "diff", "integrate": "integrate", "simplify": "simplify",
             "expand": "expand", "factor": "factor", "solve": "solve", "series": "series",
             "limit": "limit", "eval": None, "plot": None}
_WORD = re.compile(r"[A-Za-z_]\w*")
#: bytes of one line of a script (a file or stdin) that is read at most
MAX_LINE = 1 << 20


class UsageError(Exception):
    """Bad command-line arguments (exit status 2)."""


def _parse_args(args: list[str]) -> dict[str, Any]:
    opts: dict[str, Any] = {"format": None, "debug": False, "history": True,
                            "code": None, "file": None, "positional": [], "out": None,
                            "force": False, "digits": 15}
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            opts["positional"] += args[i + 1:]
            break
        if a in _FORMATS:
            opts["format"] = _FORMATS[a]
        elif a == "--debug":
            opts["debug"] = True
        elif a == "--no-history":
            opts["history"] = False
        elif a == "--force":
            opts["force"] = True
        elif a == "--out":
            if i + 1 >= len(args):
                raise UsageError("--out needs a file name")
            opts["out"] = args[i + 1]
            i += 1
        elif a == "--digits":
            if i + 1 >= len(args) or not args[i + 1].isdigit() or int(args[i + 1]) < 1:
                raise UsageError("--digits needs a positive integer")
            opts["digits"] = int(args[i + 1])
            i += 1
        elif a in ("-c", "-f"):
            if i + 1 >= len(args):
                raise UsageError(f"{a} needs an argument")
            opts["code" if a == "-c" else "file"] = args[i + 1]
            i += 1
        elif a.startswith("--") or a in ("-h", "-V"):
            raise UsageError(f"unknown option {a}")
        else:  # anything else, "-x^2" included, is an argument
            opts["positional"].append(a)
        i += 1
    if opts["code"] is not None and opts["file"] is not None:
        raise UsageError("give -c or -f, not both")
    if (opts["code"] is not None or opts["file"] is not None) and opts["positional"]:
        raise UsageError(f"unexpected argument {opts['positional'][0]!r}")
    if (opts["out"] is not None or opts["force"]) and opts["positional"][:1] != ["plot"]:
        raise UsageError("--out and --force go with the plot command: "
                         "symcalc plot EXPR [VAR A B] --out FILE")
    if opts["force"] and opts["out"] is None:
        raise UsageError("--force goes with --out FILE")
    return opts


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    if any(a in ("-h", "--help") for a in args[:1]) or args[:1] == ["help"]:
        print(USAGE)
        return 0
    if args[:1] in (["--version"], ["-V"]):
        from . import __version__

        print(f"symcalc {__version__}")
        return 0
    json = "--json" in args
    try:
        opts = _parse_args(args)
    except UsageError as e:
        _fail(f"{e} (symcalc --help shows the usage)", "UsageError", json)
        return 2
    try:
        return _run(opts)
    except UsageError as e:
        _fail(str(e), "UsageError", json)
        return 2
    except SymcalcError as e:
        if opts["debug"]:
            raise
        _fail(str(e), type(e).__name__, json)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `symcalc ... | head`
        try:
            sys.stdout = open(os.devnull, "w")  # silence the flush at exit
        except OSError:
            pass
        return 0
    except Exception as e:  # a bug: one line, not a traceback (--debug shows it)
        if opts["debug"]:
            raise
        from .repl.session import _message

        print(f"symcalc: internal error: {_message(e)} (run with --debug for the "
              "traceback)", file=sys.stderr)
        return 1


def _fail(message: str, kind: str, json: bool) -> None:
    """An error of the command line: a line on stderr, or JSON on stdout with --json."""
    if json:
        from .repl.display import dumps

        print(dumps({"error": message, "kind": kind}))
    else:
        print(f"symcalc: {message}", file=sys.stderr)


def _unknown_command(word: str) -> UsageError:
    import difflib

    near = difflib.get_close_matches(word, list(_COMMANDS), n=1, cutoff=0.6)
    hint = f" — did you mean {near[0]}?" if near else ""
    return UsageError(f"unknown command {word}{hint} (commands: {', '.join(_COMMANDS)}; "
                      "an expression goes in quotes, as in symcalc \"x^2 + 1\")")


def _session(opts: dict[str, Any], interactive: bool) -> Any:
    from .repl.session import Session

    fmt = opts["format"] or ("pretty" if interactive else "text")
    return Session(mode="text" if fmt == "json" else fmt,
                   oneline=not interactive and fmt != "pretty",
                   color=interactive and "NO_COLOR" not in os.environ,
                   debug=opts["debug"], echo=interactive, catch_interrupt=interactive)


def _run(opts: dict[str, Any]) -> int:
    from .repl import shell

    json = opts["format"] == "json"
    pos = opts["positional"]
    if opts["code"] is not None:
        return _run_text(opts, opts["code"])
    if opts["file"] is not None:
        return _run_file(opts, opts["file"])
    if pos and pos[0] in _COMMANDS:
        return _one_shot(opts, pos[0], pos[1:])
    if len(pos) > 1 and _WORD.fullmatch(pos[0]) and len(pos[0]) > 1:
        raise _unknown_command(pos[0])     # symcalc intgrate "x^2" x
    # Arguments are text to compute, never file names (whatever exists on disk).
    if pos == ["-"]:
        return shell.run_stream(_session(opts, False), _lines(sys.stdin, "<stdin>"),
                                json=json)
    if pos:
        return _run_text(opts, " ".join(pos))
    if sys.stdin.isatty() and sys.stdout.isatty():
        from . import __version__

        session = _session(opts, True)
        history = shell.history_path() if opts["history"] else None
        return shell.run_interactive(
            session, history,
            banner=f"symcalc {__version__}: type :help for help, Ctrl-D to leave")
    return shell.run_stream(_session(opts, False), _lines(sys.stdin, "<stdin>"), json=json)


class ScriptError(SymcalcError):
    """A script that cannot be read as text: too long a line, not UTF-8."""


def _lines(f: IO[str], name: str) -> Iterator[str]:
    """The lines of a script, each read with a bound (``symcalc -f /dev/zero`` stops
    with an error instead of filling the memory)."""
    n = 0
    while True:
        try:
            line = f.readline(MAX_LINE + 1)
        except UnicodeDecodeError:
            raise ScriptError(f"{name}: line {n + 1} is not UTF-8 text") from None
        if not line:
            return
        n += 1
        if len(line) > MAX_LINE:
            raise ScriptError(f"{name}: line {n} is longer than {MAX_LINE} characters "
                              "(is it a script?)")
        yield line


def _run_text(opts: dict[str, Any], text: str) -> int:
    from .repl import shell

    session = _session(opts, False)
    return shell.emit(session.execute(text), sys.stdout, sys.stderr,
                      opts["format"] == "json")


def _run_file(opts: dict[str, Any], path: str) -> int:
    from .repl import shell

    session = _session(opts, False)
    if path == "-":
        return shell.run_stream(session, _lines(sys.stdin, "<stdin>"),
                                json=opts["format"] == "json")
    try:
        if os.path.isdir(path):
            raise IsADirectoryError(21, "Is a directory")
        f: IO[str] = open(path, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror}") from None
    with f:
        return shell.run_stream(session, _lines(f, path), json=opts["format"] == "json")


def _one_shot(opts: dict[str, Any], command: str, rest: list[str]) -> int:
    """``symcalc diff EXPR x``: parse the arguments in a session, call the function."""
    from .repl import shell
    from .repl.session import Reply, _message

    if not rest:
        raise UsageError(f"{command} needs an expression: symcalc {command} EXPR ...")
    session = _session(opts, False)
    reply = Reply()
    try:
        if command == "plot":
            reply.add("info", _plot(session, rest, opts["out"], opts["force"]))
            return shell.emit(reply, sys.stdout, sys.stderr, opts["format"] == "json")
        value = _compute(session, command, rest, opts["digits"])
        session._result(value, reply)
        for note in session._notes:     # an unevaluated integral, principal solutions
            reply.add("hint", note)
        reply.unevaluated = session._unevaluated
    except KeyboardInterrupt:
        raise
    except UsageError:
        raise
    except Exception as err:
        if opts["debug"]:
            raise
        reply.add("error", "error: " + _message(err))
    return shell.emit(reply, sys.stdout, sys.stderr, opts["format"] == "json")


def _plot(session: Any, rest: list[str], out: str | None, force: bool) -> str:
    """``symcalc plot EXPR [VAR A B] [--out FILE [--force]]``."""
    from .repl.plot import plot, save

    args = [session.evaluate(a) for a in rest]
    if len(args) == 4:
        args = [args[0], tuple(args[1:])]
    elif len(args) != 1:
        raise UsageError("plot EXPR [VAR A B] [--out FILE [--force]]")
    if out is not None:
        return save(out, *args, force=force)
    return plot(*args)


def _compute(session: Any, command: str, rest: list[str], digits: int = 15) -> Any:
    import symcalc

    expr = session.evaluate(rest[0])
    extra = rest[1:]
    if command == "eval":
        mapping = {}
        for a in extra:
            name, eq, val = a.partition("=")
            if not eq or not name.strip():
                raise UsageError(f"eval takes NAME=VALUE substitutions, got {a!r}")
            mapping[symcalc.Symbol(name.strip())] = session.evaluate(val)
        if mapping:
            expr = expr.subs(mapping)
        from .core.traversal import free_symbols

        if isinstance(expr, symcalc.Expr) and not free_symbols(expr):
            return symcalc.N(expr, digits)
        return expr
    side = []
    if command == "limit" and extra and extra[-1] in ("+", "-", "+-"):
        side, extra = [extra[-1]], extra[:-1]
    args = [session.evaluate(a) for a in extra] + side
    if command == "limit" and len(args) not in (2, 3):
        raise UsageError("limit EXPR VAR X0 [+|-]")
    if command == "integrate" and len(args) == 3:
        args = [tuple(args)]
    elif command == "integrate" and len(args) not in (0, 1):
        raise UsageError("integrate EXPR [VAR [A B]]")
    if command in ("simplify", "expand", "factor") and args:
        raise UsageError(f"{command} takes one expression")
    if command == "solve" and not args:
        from .core.traversal import free_symbols

        syms = sorted(free_symbols(expr), key=str)
        if len(syms) != 1:
            raise UsageError("solve EQUATION VAR: say which variable to solve for")
        args = syms
    try:
        fn = getattr(symcalc, _COMMANDS[command] or command)
    except (AttributeError, ImportError):
        raise symcalc.SymcalcError(f"{command} is not available in this version of "
                                   "symcalc") from None
    result = fn(expr, *args)
    session._note(command, (expr, *args), {}, result)
    if command == "series" and args:   # --pretty: ascending powers of x - x0
        session._series = (args[0], args[1] if len(args) > 1 else 0)
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
