"""Grammar-aware fuzzing of symcalc: random and malformed input through parse, print,
diff, simplify, integrate, compile and the command line, under a budget.

    python bench/fuzz.py --minutes 10 [--seed N] [--out fuzz-failures.jsonl]

Inputs come from hypothesis strategies built from the grammar's constructs (numbers of
every literal form, symbols, constants, operators, implicit products, superscripts, roots,
bars, calls of every registry function and of the API, relations, lists and tuples,
nesting) plus byte-level mutations of such valid text. Each input is run through the
drivers below; a *failure* is

- an exception that is not a :class:`symcalc.SymcalcError` (NumPy's FloatingPointError,
  a raw OverflowError, RecursionError, ... all count), or a warning that reaches the user;
- a printed form that does not parse back to the same object (``parse(str(e)) is e``);
- a call that overruns its budget by more than 20 % in wall time and in processor time
  (only when ``symcalc.budget`` exists; a per-call watchdog always stops a hang and
  reports it as ``timeout``);
- a traceback printed by the command line (``symcalc.cli.main``), or a file it
  created (an expression must never write one; the run works in a fresh temporary
  directory).

Failures are deduplicated by (driver, exception type, innermost symcalc frame); the
script prints a table and writes one reproducer per failure as JSON lines.
``tests/test_fuzz.py`` runs a short derandomized version of the same harness.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

try:  # run from a checkout without installing
    import symcalc as sc
except ImportError:  # pragma: no cover
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import symcalc as sc

from hypothesis import strategies as st

from symcalc.errors import SymcalcError

# ---------------------------------------------------------------------------- inputs

SYMBOLS = ("x", "y", "z", "t", "alpha", "w_1", "x2", "e")
CONSTANTS = ("pi", "E", "oo", "π", "∞", "I")
API_CALLS = {"diff": 2, "integrate": 2, "simplify": 1, "expand": 1, "factor": 1,
             "series": 2, "limit": 3, "solve": 2, "cancel": 1, "apart": 2, "together": 1,
             "subs": 3, "evalf": 1, "latex": 1, "gradient": 2, "hessian": 2}
MUTATION_ALPHABET = ("0123456789.eE_xXbo+-*/^()[]|,=<>!~%&$#@\\'\" \t\n;:√∛²³⁻⁺·×÷−π∞"
                     "\x00\x7f\u200b\ufeff")


def _registry_calls() -> list[tuple[str, int, int]]:
    from symcalc.core import REGISTRY

    seen = {}
    for name, fd in REGISTRY.items():
        if name.isidentifier():
            seen[name] = fd.nargs
    return [(n, lo, hi) for n, (lo, hi) in sorted(seen.items())]


FUNCTIONS = _registry_calls()


def numbers() -> st.SearchStrategy[str]:
    """Number literals of every form the grammar reads, and some it should refuse."""
    return st.one_of(
        st.integers(0, 12).map(str),
        st.integers(0, 10**30).map(str),
        st.sampled_from(["0.5", ".5", "5.", "1e3", "2.5e-3", "1E+2", "1e400", "1e-400",
                         "0.1", "3.14159", "10**400", "2^1000", "0", "00", "007"]),
        st.floats(allow_nan=False, allow_infinity=False, width=32).map(
            lambda v: repr(abs(v))),
    )


def leaves() -> st.SearchStrategy[str]:
    return st.one_of(numbers(), st.sampled_from(SYMBOLS), st.sampled_from(SYMBOLS[:3]),
                     st.sampled_from(CONSTANTS))


def _call(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def build(spec: tuple[str, int, int]) -> st.SearchStrategy[str]:
        name, lo, hi = spec
        return st.lists(children, min_size=max(0, lo - 1), max_size=hi + 1).map(
            lambda args: f"{name}({', '.join(args)})")
    return st.sampled_from(FUNCTIONS).flatmap(build)


def _api(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def build(item: tuple[str, int]) -> st.SearchStrategy[str]:
        name, n = item
        var = st.sampled_from(["x", "y", "(x, 0, 1)", "(x, -1, oo)", "[x, y]", "x, 2"])
        return st.tuples(children, st.lists(var, min_size=n - 1, max_size=n - 1)).map(
            lambda p: f"{name}({', '.join([p[0], *p[1]])})")
    return st.sampled_from(sorted(API_CALLS.items())).flatmap(build)


def expressions(max_leaves: int = 12, api: bool = True) -> st.SearchStrategy[str]:
    """Well-formed text (by the grammar; it may still be mathematically undefined)."""
    def extend(c: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.tuples(c, st.sampled_from([" + ", " - ", "*", "/", "^", "**", " ",
                                               " * ", "·", " == ", " < ", " >= ", " != "]),
                           c).map(lambda t: t[0] + t[1] + t[2])
        options = [
            binary, binary,
            c.map(lambda s: f"({s})"),
            c.map(lambda s: f"-{s}"),
            c.map(lambda s: f"|{s}|"),
            c.map(lambda s: f"√({s})"),
            st.tuples(c, st.sampled_from(["²", "³", "⁻¹", "^-1", "^(1/2)", "^x"])).map(
                lambda t: f"({t[0]}){t[1]}"),
            st.tuples(st.sampled_from(["2", "3x", "x", "2.5"]), c).map(
                lambda t: f"{t[0]}({t[1]})"),
            _call(c), _call(c),
            st.lists(c, min_size=0, max_size=3).map(lambda v: f"[{', '.join(v)}]"),
            st.lists(c, min_size=2, max_size=3).map(lambda v: f"({', '.join(v)})"),
            st.tuples(c, st.sampled_from([" and ", " or "]), c).map(
                lambda t: f"({t[0]} > 0){t[1]}({t[2]} < 1)"),
        ]
        if api:
            options.append(_api(c))
        return st.one_of(*options)
    return st.recursive(leaves(), extend, max_leaves=max_leaves)


@st.composite
def mutated(draw: Any, base: st.SearchStrategy[str] | None = None) -> str:
    """Valid text with a few byte-level mutations: deletions, insertions, repeats."""
    text = draw(base if base is not None else expressions(8))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "repeat", "swap", "truncate"]))
        n = len(text)
        i = draw(st.integers(0, n))
        if kind == "delete" and n:
            j = draw(st.integers(i, min(n, i + 3)))
            text = text[:i] + text[j:]
        elif kind == "insert":
            ch = draw(st.one_of(st.sampled_from(MUTATION_ALPHABET),
                                st.characters(codec="utf-8")))
            text = text[:i] + ch + text[i:]
        elif kind == "repeat" and n:
            j = draw(st.integers(i, min(n, i + 6)))
            text = text[:j] + text[i:j] * draw(st.integers(1, 3)) + text[j:]
        elif kind == "swap" and n > 1:
            i = min(i, n - 2)
            text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
        elif kind == "truncate" and n:
            text = text[:i]
    return text


def inputs(max_leaves: int = 12) -> st.SearchStrategy[str]:
    """What the fuzzer feeds: mostly valid text, a third of it mutated."""
    return st.one_of(expressions(max_leaves), expressions(max_leaves),
                     mutated(expressions(max_leaves)))


# ---------------------------------------------------------------------------- running


class Timeout(BaseException):
    """Raised by the watchdog in a call that ran far past its budget (a hang)."""


@dataclass
class Failure:
    driver: str
    kind: str           # exception type, "roundtrip", "budget", "timeout", "warning", ...
    where: str          # innermost symcalc frame, file:line
    message: str
    text: str
    seconds: float = 0.0

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.driver, self.kind, self.where)


@dataclass
class Report:
    tried: int = 0
    calls: int = 0
    failures: dict[tuple[str, str, str], list[Failure]] = field(default_factory=dict)

    def add(self, f: Failure) -> None:
        self.failures.setdefault(f.key, []).append(f)

    def first(self) -> list[Failure]:
        """One failure per key, the shortest input first."""
        return [min(v, key=lambda f: len(f.text)) for _, v in sorted(self.failures.items())]


def _where(tb: Any) -> str:
    frames = traceback.extract_tb(tb)
    root = os.path.dirname(os.path.abspath(sc.__file__))
    for fr in reversed(frames):
        if os.path.abspath(fr.filename).startswith(root):
            return f"{os.path.relpath(fr.filename, os.path.dirname(root))}:{fr.lineno}"
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"


class Runner:
    """Runs drivers on inputs; each call under ``symcalc.budget(seconds=...)`` when that
    exists, always under a SIGALRM watchdog (main thread) at ``hang`` seconds."""

    def __init__(self, seconds: float = 2.0, hang: float | None = None,
                 report: Report | None = None) -> None:
        self.seconds = seconds
        self.hang = hang if hang is not None else 3 * seconds + 2
        self.report = report or Report()
        self.budget = getattr(sc, "budget", None) if _has_budget() else None
        self._alarm = (hasattr(signal, "setitimer")
                       and threading.current_thread() is threading.main_thread())

    @contextlib.contextmanager
    def _limits(self) -> Any:
        if self._alarm:
            def ring(signum: int, frame: Any) -> None:
                raise Timeout()
            old = signal.signal(signal.SIGALRM, ring)
            signal.setitimer(signal.ITIMER_REAL, self.hang)
        try:
            if self.budget is not None:
                with self.budget(seconds=self.seconds):
                    yield
            else:
                yield
        finally:
            if self._alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)

    def call(self, driver: str, text: str, fn: Callable[[], Any]) -> Any:
        """``fn()``; a failure is recorded (and None returned) when it misbehaves."""
        self.report.calls += 1
        t0 = time.perf_counter()
        c0 = time.process_time()
        result = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                with self._limits():
                    result = fn()
            except Timeout:
                self.report.add(Failure(driver, "timeout", "-", f"over {self.hang:.0f} s",
                                        text, time.perf_counter() - t0))
                return None
            except SymcalcError:
                result = None
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as err:  # noqa: BLE001 - that is the point
                self.report.add(Failure(driver, type(err).__name__,
                                        _where(err.__traceback__), str(err)[:300], text,
                                        time.perf_counter() - t0))
                return None
        dt = time.perf_counter() - t0
        # An overrun is the program's when it also used that much processor time: on a
        # machine shared with other busy processes the wall clock of a call that was
        # descheduled says nothing about whether symcalc checks its budget.
        cpu = time.process_time() - c0
        if self.budget is not None and min(dt, cpu) > 1.2 * self.seconds + 0.05:
            self.report.add(Failure(driver, "budget", "-",
                                    f"{dt:.2f} s for a budget of {self.seconds} s", text, dt))
        for w in caught:
            if issubclass(w.category, (RuntimeWarning, UserWarning)):
                self.report.add(Failure(driver, "warning:" + w.category.__name__,
                                        f"{os.path.basename(w.filename)}:{w.lineno}",
                                        str(w.message)[:200], text, dt))
                break
        return result


def _has_budget() -> bool:
    try:
        return callable(sc.budget)
    except (AttributeError, ImportError):
        return False


# ---------------------------------------------------------------------------- drivers


def _free(e: Any) -> list[Any]:
    from symcalc.core.traversal import free_symbols

    return sorted(free_symbols(e), key=str)


def check_roundtrip(runner: Runner, text: str, e: Any) -> None:
    """``parse(str(e)) is e`` for every expression (lists and tuples element-wise)."""
    if isinstance(e, (list, tuple)):
        for u in e:
            check_roundtrip(runner, text, u)
        return
    if not isinstance(e, sc.Expr):
        return
    s = runner.call("str", text, lambda: str(e))
    if s is None:
        return
    back = runner.call("reparse", s, lambda: sc.parse(s))
    if back is not None and back is not e:
        runner.report.add(Failure("roundtrip", "roundtrip", "-",
                                  f"str gives {s!r}, which parses to {back}", text))


def drive_expression(runner: Runner, text: str, heavy: bool = True) -> None:
    """parse, print (str, LaTeX, pretty), and, for expressions: diff, simplify,
    integrate, compile (called on scalars and arrays)."""
    e = runner.call("parse", text, lambda: sc.parse(text))
    if e is None:
        return
    check_roundtrip(runner, text, e)
    if not isinstance(e, sc.Expr):
        return
    runner.call("latex", text, lambda: sc.latex(e))
    runner.call("pretty", text, lambda: sc.pretty(e))
    syms = _free(e)
    x = syms[0] if syms else sc.Symbol("x")
    d = runner.call("diff", text, lambda: sc.diff(e, x))
    if isinstance(d, sc.Expr):
        check_roundtrip(runner, text + "  [diff]", d)
    if heavy:
        s = runner.call("simplify", text, lambda: sc.simplify(e))
        if isinstance(s, sc.Expr):
            check_roundtrip(runner, text + "  [simplify]", s)
        runner.call("integrate", text, lambda: sc.integrate(e, x))
    drive_compile(runner, text, e, syms)


def drive_compile(runner: Runner, text: str, e: Any, syms: list[Any]) -> None:
    import numpy as np

    if e.is_Relational or e.is_Boolean:
        return
    f = runner.call("compile", text, lambda: sc.compile(e, syms))
    if f is None:
        return
    n = len(syms)
    grid = np.linspace(-2.0, 3.0, 7)
    for args in ((0.5,) * n, (2,) * n, (10**400,) * n, (grid,) * n, (-1.5,) * n):
        runner.call("compiled", text, lambda args=args: f(*args))


def drive_cli(runner: Runner, text: str) -> None:
    """``symcalc -c TEXT`` and ``symcalc diff TEXT x`` in process: no traceback, an
    exit status of 0, 1, 2 or 3 (an unevaluated integral, docs/repl.md)."""
    from symcalc import cli

    before = set(os.listdir("."))
    for argv in (["-c", text], ["diff", text, "x"]):
        out, err = io.StringIO(), io.StringIO()

        def run(argv: list[str] = argv) -> int:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                return cli.main(argv)
        rc = runner.call("cli", " ".join(argv), run)
        text_err = err.getvalue()
        if "Traceback" in text_err or (rc is not None and rc not in (0, 1, 2, 3)):
            runner.report.add(Failure("cli", "traceback", "-", text_err[-300:],
                                      " ".join(argv)))
    new = set(os.listdir(".")) - before
    if new:   # an expression must never touch the file system
        runner.report.add(Failure("cli", "wrote a file", "-", ", ".join(sorted(new)), text))


#: REPL statements around a text T: assignments, definitions, commands, plots
STATEMENTS = ("a = {}", "f(x) = {}", "f(2) + a", "f'(x)", ":tree {}", ":latex {}",
              "steps diff({}, x)", "steps integrate({}, x)", ":time {}", "plot({})",
              ":plot {}, (x, -2, 2)", "subs({}, x, 1/2)", "evalf({})", "ans^2", "% + 1",
              ":clear a", "{}; {}")


def drive_session(runner: Runner, text: str) -> None:
    """REPL statements built around ``text`` in one session (``debug``: exceptions
    come through instead of being printed, so a non-SymcalcError is seen)."""
    from symcalc.repl.session import Session

    session = Session(mode="pretty", debug=True)
    for form in STATEMENTS:
        stmt = form.format(text, text)
        runner.call("session", stmt, lambda stmt=stmt: session.execute(stmt))


def drive(runner: Runner, text: str, heavy: bool = True, cli: bool = True) -> None:
    runner.report.tried += 1
    drive_expression(runner, text, heavy)
    if cli:
        drive_cli(runner, text)
        drive_session(runner, text)


# ---------------------------------------------------------------------------- main


def summary(report: Report, minutes: float) -> str:
    lines = [f"inputs tried: {report.tried}   calls: {report.calls}   "
             f"minutes: {minutes:.1f}   distinct failures: {len(report.failures)}"]
    if report.failures:
        lines.append(f"{'driver':<10} {'kind':<24} {'where':<40} {'count':>5}  input")
        for (driver, kind, where), fs in sorted(report.failures.items()):
            f = min(fs, key=lambda f: len(f.text))
            lines.append(f"{driver:<10} {kind[:24]:<24} {where[:40]:<40} {len(fs):>5}  "
                         f"{f.text[:60]!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from hypothesis import HealthCheck, given, settings

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--seconds-per-call", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--out", default="fuzz-failures.jsonl")
    ap.add_argument("--no-cli", action="store_true")
    a = ap.parse_args(argv)
    out_path = os.path.abspath(a.out)
    # the CLI driver checks that no file appears in the working directory: a private
    # one, so that other programs writing into the checkout are not blamed on symcalc
    import tempfile

    os.chdir(tempfile.mkdtemp(prefix="symcalc-fuzz-"))
    report = Report()
    runner = Runner(a.seconds_per_call, report=report)
    t0 = time.time()
    deadline = t0 + 60 * a.minutes
    last = [t0]

    class Done(BaseException):
        pass

    @settings(max_examples=10**9, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(inputs())
    def explore(text: str) -> None:
        if time.time() > deadline:
            raise Done()
        drive(runner, text, cli=not a.no_cli)
        if time.time() - last[0] > 60:
            last[0] = time.time()
            print(f"... {report.tried} inputs, {len(report.failures)} distinct failures",
                  flush=True)

    if a.seed is not None:
        from hypothesis import seed

        explore = seed(a.seed)(explore)
    while time.time() < deadline:
        try:
            explore()
        except Done:
            break
    minutes = (time.time() - t0) / 60
    print(summary(report, minutes))
    with open(out_path, "w", encoding="utf-8") as f:
        for fl in report.first():
            f.write(json.dumps({"driver": fl.driver, "kind": fl.kind, "where": fl.where,
                                "message": fl.message, "input": fl.text,
                                "seconds": round(fl.seconds, 3)}, ensure_ascii=False) + "\n")
    print(f"reproducers: {out_path}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
