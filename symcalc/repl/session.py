"""A session: variables, user functions, the last result, and the statements that use
them. The terminal front end (``shell``) and the command line (``cli``) both drive it;
it has no terminal code, so it is easy to test.

``Session.execute(text)`` runs one or more statements and returns a :class:`Reply`:
the lines to print (in the session's output mode), the value, and whether it failed.
Statements are the expression grammar plus the forms of :mod:`.language`; calls of
the API by name (``diff``, ``minimize``, ...) are *host functions* of the parser,
which receives their arguments already built, keyword arguments included. Input is
never evaluated as Python.

>>> s = Session(mode="text")
>>> print(s.execute("f(x) = x^2*sin(x)").text)
f(x) = x^2*sin(x)
>>> print(s.execute("diff(f(x), x)").text)
x^2*cos(x) + 2*x*sin(x)
>>> print(s.execute("f(2) + %").text)
x^2*cos(x) + 2*x*sin(x) + 4*sin(2)
>>> print(s.execute("1 +").text)
error: unexpected end of input; expected an expression (line 1, column 4)
  1 +
     ^
"""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass, field
from typing import Any

from ..core import CONSTANTS, REGISTRY, Expr, FunctionDef, Symbol
from ..core.matrix import Matrix
from ..errors import ParseError, SymcalcError
from . import language
from .display import show
from .help import ALIASES, API, BUILTINS, COMMANDS, SYNONYMS, topic_help

NOTHING: Any = object()
MODES = ("pretty", "text", "latex")
_PLOT_OPTION = re.compile(
    r"""(?P<opt>--force|--out)(?:(?<=--force)|\s+(?:"(?P<q1>[^"]*)"|'(?P<q2>[^']*)'|(?P<bare>\S+)))""")
_HELP_CALL = re.compile(r"\?\s*([^\s()]*)|help\(\s*([^\s()]*)\s*\)|help")
_RESERVED_NAMES = frozenset(CONSTANTS) | {"True", "False", "ans", "and", "or", "not", "if",
                                          "steps", "quit", "exit"}


class SessionError(SymcalcError):
    """A statement the session cannot run: a bad assignment, an unknown command, ..."""


@dataclass
class Reply:
    """The outcome of :meth:`Session.execute`: ``lines`` as (kind, text) pairs, kind
    one of ``out`` (a result, one per entry of ``values``), ``info`` (assignments,
    command output), ``hint``, ``error``; ``value`` the last result (or NOTHING);
    ``ok``; ``quit`` when the user asked to leave."""

    lines: list[tuple[str, str]] = field(default_factory=list)
    value: Any = NOTHING
    ok: bool = True
    quit: bool = False
    values: list[Any] = field(default_factory=list)
    unevaluated: bool = False   #: a result came back unevaluated (exit status 3)
    kinds: list[str] = field(default_factory=list)   #: the class of each error

    @property
    def text(self) -> str:
        """All the lines, joined."""
        return "\n".join(t for _k, t in self.lines)

    def add(self, kind: str, text: str) -> None:
        self.lines.append((kind, text))
        if kind == "error":
            self.ok = False


class UserFunction:
    """``f(x, y) = body``: calling it substitutes the arguments for the parameters."""

    def __init__(self, name: str, params: tuple[Symbol, ...], body: Expr) -> None:
        self.name, self.params, self.body = name, params, body

    def __call__(self, *args: Any) -> Expr:
        if len(args) != len(self.params):
            n = len(self.params)
            raise SessionError(f"{self.name} takes {n} argument{'s' if n != 1 else ''}, "
                               f"got {len(args)}")
        for a in args:
            if not isinstance(a, Expr):
                raise SessionError(f"{self.name} takes expressions as arguments")
        return self.body.subs(dict(zip(self.params, args)))

    def derivative(self, order: int) -> Any:
        """``f'``, ``f''``: the derivative of a function of one variable."""
        def call(*args: Any) -> Expr:
            from ..calculus.diff import diff

            if len(self.params) != 1:
                raise SessionError(f"{self.name}{chr(39) * order} needs a function of one "
                                   "variable")
            d = UserFunction(self.name + "'" * order, self.params,
                             diff(self.body, self.params[0], order))
            return d(*args)
        return call

    def __str__(self) -> str:
        return f"{self.name}({', '.join(map(str, self.params))})"


def _python_number(v: Any) -> Any:
    """Numbers and booleans built by the parser as plain Python values (for numeric
    code and keyword options); lists element by element; anything else unchanged."""
    if isinstance(v, list):
        return [_python_number(u) for u in v]
    if isinstance(v, tuple):
        return tuple(_python_number(u) for u in v)
    if isinstance(v, Expr) and not v.args:
        head = v.head
        if head == "Integer":
            return int(v)
        if head in ("Float", "Rational"):
            return float(v)
        if head == "BooleanAtom":
            return bool(v)
    return v


def _option(v: Any) -> Any:
    """A keyword option: booleans and integers as Python values."""
    if isinstance(v, Expr) and not v.args and v.head in ("Integer", "BooleanAtom", "Float"):
        return _python_number(v)
    return v


class Session:
    """The state of one interactive or scripted session."""

    def __init__(self, mode: str = "pretty", *, oneline: bool = False, color: bool = False,
                 debug: bool = False, echo: bool = True, catch_interrupt: bool = True
                 ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self.mode = mode
        self.oneline = oneline      # one line per result (scripts, pipes)
        self.color = color          # ANSI colors in plots
        self.debug = debug          # let exceptions through, with their traceback
        self.echo = echo            # print "a = ..." after an assignment
        self.catch_interrupt = catch_interrupt  # Ctrl-C: "interrupted", not an exception
        self.width: int | None = None   # the terminal's width, set by the front end
        self.history: list[str] = []    # statements that ran, for :save
        self.vars: dict[str, Any] = {}
        self.funcs: dict[str, Any] = {}
        self.ans: Any = NOTHING
        self._steps: list[Any] | None = None
        self._plot_out: tuple[str, bool] | None = None
        self._notes: list[str] = []       # notes on the results of this statement
        self._unevaluated = False
        self._series: Any = False         # the statement called series: (x, x0)

    # ------------------------------------------------------------------ running text

    def execute(self, text: str) -> Reply:
        """Run the statements in ``text``; never raises (except with ``debug``)."""
        reply = Reply()
        for stmt in language.split_statements(text):
            self._notes, self._unevaluated, self._series = [], False, False
            try:
                with warnings.catch_warnings():
                    # NumPy's floating-point warnings (overflow in an optimizer step,
                    # nan in a plot) are not for the user: results and errors say it
                    warnings.simplefilter("ignore", RuntimeWarning)
                    self._statement(stmt, reply)
            except KeyboardInterrupt:
                if not self.catch_interrupt:
                    raise
                reply.add("error", "interrupted")
                reply.kinds.append("Interrupted")
            except Exception as err:
                if self.debug:
                    raise
                reply.add("error", "error: " + _message(err))
                reply.kinds.append(type(err).__name__)
                for hint in self._error_hints(stmt, err):
                    reply.add("hint", hint)
            else:
                for note in self._notes:
                    reply.add("hint", note)
                reply.unevaluated |= self._unevaluated
                if _replayable(stmt):
                    self.history.append(stmt.strip())
            if reply.quit:
                break
        return reply

    def _statement(self, stmt: str, reply: Reply) -> None:
        s = stmt.strip()
        word = s.split(None, 1)[0] if s else ""
        if s.startswith(":") or (word == "steps" and s != "steps" and not _is_use(s, 5)):
            self._command(s, reply)
            return
        if s in ("quit", "exit"):
            reply.quit = True
            return
        if word == "assume" and s != "assume" and not _is_use(s, 6):
            self._cmd_assume(s[6:].strip(), reply)
            return
        m = _HELP_CALL.fullmatch(s)
        if m is not None and "help" not in self.funcs:   # ?diff, help(diff), help
            self._command(":help " + (m.group(1) or m.group(2) or ""), reply)
            return
        assignment = language.split_assignment(stmt)
        if assignment is not None:
            self._assign(stmt, assignment, reply)
            self._hint(stmt[assignment[2]:], reply)
            return
        value = self.evaluate(stmt)
        self._result(value, reply)
        self._hint(stmt, reply)

    def _result(self, value: Any, reply: Reply) -> None:
        self.ans = value
        reply.value = value
        reply.values.append(value)
        reply.add("out", self.show(value, series=self._series))

    def show(self, value: Any, series: Any = False) -> str:
        """``value`` in the session's output mode (``series``: by ascending powers),
        fitted to the terminal's width when there is a terminal (``width``)."""
        return show(value, self.mode, oneline=self.oneline, series=series,
                    width=self.width)

    def _error_hints(self, stmt: str, err: BaseException) -> list[str]:
        """Hints after an error: ``==`` for an equation, a variable that shadows a
        symbol (``x = 3`` then ``diff(x^2, x)``)."""
        out = []
        if isinstance(err, ParseError) and err.message.startswith("unexpected '='"):
            out.append("hint: an equation is written with ==, as in solve(x^2 == 4, x); "
                       "= assigns a name (a = 2*x) or defines a function (f(x) = x^2)")
        from ..core.traversal import free_symbols

        body = language.strip_comment(stmt)
        for name in sorted(self.vars):
            v = self.vars[name]
            if isinstance(v, Expr) and not free_symbols(v) and _uses_name(body, name):
                out.append(f"hint: {name} was assigned {self.show(v)} in this session; "
                           f":clear {name} makes it a symbol again")
        return out

    def _note(self, name: str, args: tuple, kwargs: dict, result: Any) -> None:
        """Notes on a result that could be mistaken: an integral left unevaluated,
        principal solutions of a periodic equation, no real roots."""
        from ..core.traversal import preorder

        def heads(v: Any) -> set[str]:
            if isinstance(v, Expr):
                return {e.head if e.head != "Apply" else str(getattr(e, "func", ""))
                        for e in preorder(v)} | {str(getattr(e, "func", ""))
                                                  for e in preorder(v)}
            if isinstance(v, (list, tuple)):
                return set().union(*(heads(u) for u in v)) if v else set()
            return set()

        if name == "minimize" and hasattr(result, "fun"):
            import math

            f = float(result.fun)
            xs = [abs(float(v)) for v in getattr(result, "x", [])]
            if not math.isfinite(f) or f < -1e100 or any(v > 1e50 for v in xs):
                self._notes.append(f"note: the function seems unbounded below (f reached "
                                   f"{f:.3g}): it has no minimum")
            return
        if name == "integrate" and "integrate" in heads(result):
            self._unevaluated = True
            self._notes.append("note: no closed form was found; the integral is returned "
                               "unevaluated (nintegrate(e, (x, a, b)) gives a number)")
        elif name == "solve" and isinstance(result, list) and args:
            periodic = heads(args[0]) & {"sin", "cos", "tan", "cot", "sec", "csc"}
            if not result and _linear_system(args):
                self._notes.append("note: no solutions: the linear equations are inconsistent")
            elif not result and kwargs.get("domain", "real") == "real":
                self._notes.append('note: no real solutions; solve(..., domain="complex") '
                                   "looks for complex ones")
            elif result and periodic:
                self._notes.append(f"note: principal solutions only; {', '.join(sorted(periodic))}"
                                   " is periodic, so the equation has infinitely many "
                                   "solutions")

    def _hint(self, stmt: str, reply: Reply) -> None:
        if "e" not in self.vars and "e" not in self.funcs and \
                language.EULER_HINT.search(language.strip_comment(stmt)):
            reply.add("hint", "hint: e is an ordinary symbol here; Euler's number is E "
                              "(write E^x or exp(x))")

    # ------------------------------------------------------------------ evaluation

    def evaluate(self, text: str, exclude: tuple[str, ...] = (), *, steps: bool = False) -> Any:
        """The value of one expression statement (no assignment, no command)."""
        from ..parse import parse

        new, where = language.replace_percent(text)
        if "ans" not in self.vars and self.ans is NOTHING and _uses_name(new, "ans"):
            raise SessionError("there is no previous result yet (ans, %)")
        boxes: dict[Symbol, Any] = {}
        names = self._names(exclude, boxes)
        functions = self._functions(boxes, steps)
        try:
            self._check_calls(new, names, functions)
            value = parse(new, names, functions=functions)
        except ParseError as err:
            at = language.unclosed(new)
            if at is not None and err.message.startswith("unexpected end of input") and \
                    not language.ends_unfinished(new):
                c = new[at]
                line, column = language.line_column(new, at)
                err = ParseError(f"unclosed '{c}': add '{language.CLOSE[language.OPEN.index(c)]}'"
                                 " to close it", new, line, column)
            if new == text or err.line is None:
                raise err from None
            pos = where[min(language.position(new, err.line, err.column), len(where) - 1)]
            line, column = language.line_column(text, pos)
            raise ParseError(err.message, text, line, column, err.expected) from None
        return _unbox(value, boxes, check=True)

    def _check_calls(self, text: str, names: dict[str, Any], functions: dict[str, Any]
                     ) -> None:
        """Every call ``name(...)`` in ``text`` is of a known function, a user-defined
        or declared one, or a derivative ``f'(x)`` (whose function may be undefined);
        otherwise a ParseError at the name, with the nearest known names. Calls of
        registry functions with primes (``sigmoid'(x)``, ``sin''(x)``) are added to
        ``functions``."""
        from ..core import FunctionDef
        from ..core.functions import INPUT_ONLY

        calls = language.calls(text)
        primed = {n.rstrip("'") for n, _ in calls if n.endswith("'")}
        for name, pos in calls:
            base = name.rstrip("'")
            if name in functions:
                continue
            if name != base:
                fdef = REGISTRY.get(base)
                if fdef is not None and fdef.nargs[0] <= 1 <= fdef.nargs[1]:
                    functions[name] = self._host(_prime(fdef, len(name) - len(base)),
                                                 {}, name=name)
                continue      # f'(x) of an undefined f: a derivative, allowed
            if (base in functions or base in REGISTRY or base in INPUT_ONLY
                    or base in primed or base in _OTHER_CALLS
                    or isinstance(names.get(base), FunctionDef)):
                continue
            if base in names:
                continue      # the parser says "x is not a function; write x*(...)"
            # softmax(z), trace(W), ...: the tensor calls, loaded on this rare path only
            from ..tensor.parsing import CALLS

            if base in CALLS:
                continue
            line, column = language.line_column(text, pos)
            raise ParseError(_unknown(base, self.names()), text, line, column)

    def _names(self, exclude: tuple[str, ...], boxes: dict[Symbol, Any]) -> dict[str, Any]:
        names: dict[str, Any] = {k: f for k, f in self.funcs.items()
                                 if isinstance(f, FunctionDef) and k not in exclude}
        items = list(self.vars.items())
        if self.ans is not NOTHING and "ans" not in self.vars:
            items.append(("ans", self.ans))
        for k, v in items:
            if k in exclude:
                continue
            if isinstance(v, (Expr, Matrix)) or getattr(v, "is_shaped", False) or \
                    _is_vector(v):  # matrices and lists of expressions: arithmetic works
                names[k] = v
            else:  # a list, matrix, result...: a placeholder the host functions unwrap
                box = Symbol(f"_{k}_value_")
                boxes[box] = v
                names[k] = box
        return names

    def _functions(self, boxes: dict[Symbol, Any], steps: bool) -> dict[str, Any]:
        fns: dict[str, Any] = {}
        for name, entry in API.items():
            fns[name] = self._api(name, entry.target, entry.numeric, boxes, steps)
        fns["plot"] = self._host(self._plot, boxes, numeric=True, name="plot")
        from ..tensor.parsing import DECLARATIONS  # W = matrix(3, 2), x = vector(n)

        for k, f in DECLARATIONS.items():
            fns.setdefault(k, f)
        fns["subs"] = self._host(_subs, boxes, name="subs")
        fns["evalf"] = self._host(_evalf, boxes, name="evalf")
        fns["N"] = self._host(_N, boxes, name="N")
        fns["function"] = self._host(_declare_function, boxes, name="function")
        for name, f in self.funcs.items():
            if isinstance(f, FunctionDef):   # f = function("f"): the parser builds f(x)
                continue
            fns[name] = self._host(f, boxes, numeric=not isinstance(f, UserFunction),
                                   name=name)
            if isinstance(f, UserFunction) and len(f.params) == 1:
                fns[name + "'"] = self._host(f.derivative(1), boxes)
                fns[name + "''"] = self._host(f.derivative(2), boxes)
        return fns

    def _host(self, fn: Any, boxes: dict[Symbol, Any], numeric: bool = False,
              name: str = "") -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            args = tuple(_unbox(a, boxes) for a in args)
            kwargs = {k: _option(_unbox(v, boxes)) for k, v in kwargs.items()}
            if numeric:
                args = tuple(_python_number(a) if isinstance(a, (list, tuple)) or
                             (isinstance(a, Expr) and not a.args and a.head != "Symbol")
                             else a for a in args)
            try:
                return _as_value(fn(*args, **kwargs))
            except SymcalcError:
                raise
            except (TypeError, ValueError) as err:
                # arguments of the wrong kind or number (diff([], x), evalf()): a
                # message about this call, not a Python exception
                label = name or getattr(fn, "__name__", "this function").lstrip("_")
                raise SessionError(f"{label}: {err} (:help {label} shows the usage)"
                                   if label in API or label in BUILTINS
                                   else f"{label}: {err}") from err
        return call

    def _api(self, name: str, target: str, numeric: bool, boxes: dict[Symbol, Any],
             steps: bool) -> Any:
        def fn(*args: Any, **kwargs: Any) -> Any:
            import symcalc

            try:
                f = getattr(symcalc, target)
            except (AttributeError, ImportError):
                raise SessionError(f"{name} is not available in this version of "
                                   "symcalc") from None
            if steps and target in ("diff", "integrate") and self._steps is not None:
                result, how = f(*args, steps=True, **kwargs)
                if how is None:   # nothing was derived: say so instead of "None"
                    how = (f"no steps: {name} found no closed form and returns "
                           f"{result} unevaluated")
                self._steps.append(how)
            else:
                result = f(*args, **kwargs)
            self._note(target, args, kwargs, result)
            if target == "series":    # shown by ascending powers of x - x0
                x = args[1] if len(args) > 1 else kwargs.get("x")
                x0 = args[2] if len(args) > 2 else kwargs.get("x0", 0)
                self._series = (x, x0) if x is not None else True
            return result
        return self._host(fn, boxes, numeric, name)

    def _plot(self, *args: Any, **kwargs: Any) -> str:
        from .plot import plot, save

        if self._plot_out is not None:   # only the :plot --out command writes files
            path, force = self._plot_out
            return save(path, *args, force=force, ylim=kwargs.get("ylim"))
        kwargs.setdefault("color", self.color)
        return plot(*args, **kwargs)

    # ------------------------------------------------------------------ assignment

    def _assign(self, stmt: str, assignment: tuple, reply: Reply) -> None:
        name, params, offset = assignment
        self._check_name(name)
        if not stmt[offset:].strip():
            raise SessionError(f"nothing after '=': write {name} = EXPR")
        rhs = " " * offset + stmt[offset:]   # keep columns for error carets
        try:
            return self._assign_value(stmt, name, params, rhs, reply)
        except ParseError as err:
            raise ParseError(err.message, stmt, err.line, err.column, err.expected) from None

    def _assign_value(self, stmt: str, name: str, params: tuple[str, ...] | None, rhs: str,
                      reply: Reply) -> None:
        if params is None:
            value = self.evaluate(rhs)
            if hasattr(value, "declare"):  # W = matrix(3, 2): a shaped symbol named W
                self.funcs.pop(name, None)
                self.vars[name] = value.declare(name)
                if self.echo:
                    reply.add("info", value.describe(name))
                return
            self.funcs.pop(name, None)
            if callable(value) and not isinstance(value, (Expr, Matrix)):
                self.funcs[name] = value
                self.vars.pop(name, None)
            else:
                self.vars[name] = value
            if self.echo:
                reply.add("info", self._named(name, value))
            return
        if len(set(params)) != len(params):
            raise SessionError(f"{name}: repeated parameter name")
        for p in params:
            if p in REGISTRY or p in _RESERVED_NAMES or p in API:
                raise SessionError(f"{p} cannot be a parameter name")
        body = self.evaluate(rhs, params)
        if not isinstance(body, Expr):
            raise SessionError(f"the body of {name}({', '.join(params)}) must be an "
                               "expression")
        f = UserFunction(name, tuple(Symbol(p) for p in params), body)
        self.vars.pop(name, None)
        self.funcs[name] = f
        if self.echo:
            reply.add("info", self._named(str(f), body))

    def _named(self, label: str, value: Any) -> str:
        text = self.show(value)
        if "\n" not in text:
            return f"{label} = {text}"
        return f"{label} =\n{text}"

    def _check_name(self, name: str) -> None:
        if name in API or name in BUILTINS:
            raise SessionError(f"{name} is a built-in function; choose another name")
        if name in REGISTRY:
            raise SessionError(f"{name} is a built-in function; choose another name")
        if name in _RESERVED_NAMES:
            raise SessionError(f"{name} is a reserved name; choose another name")

    # ------------------------------------------------------------------ commands

    def _command(self, s: str, reply: Reply) -> None:
        head, _, rest = s.partition(" ")
        if head.startswith("steps") and head != "steps":   # "steps(" is not a command
            head, rest = "steps", s[5:]
        head = ALIASES.get(head, head)
        rest = rest.strip()
        if head == ":quit":
            reply.quit = True
        elif head == "steps":
            self._cmd_steps(rest, reply)
        elif head == ":tree":
            from .tree import draw

            value = self._arg_or_ans(rest)
            if isinstance(value, Matrix):
                value = list(value.rows)
            if isinstance(value, (list, tuple)):
                reply.add("info", "\n".join(draw(v) for v in _flatten(value)))
            elif isinstance(value, Expr):
                reply.add("info", draw(value))
            else:
                raise SessionError(":tree draws an expression")
        elif head in (":backprop", ":forward", ":losscurve"):
            from . import autodiff_cmd

            autodiff_cmd.run(self, head, rest, reply)
        elif head == ":latex":
            value = self._arg_or_ans(rest)
            reply.add("info", show(value, "latex"))
        elif head == ":time":
            if not rest:
                raise SessionError("usage: :time EXPR")
            t0 = time.perf_counter()
            value = self.evaluate(rest)
            dt = time.perf_counter() - t0
            self._result(value, reply)
            reply.add("info", f"time: {_duration(dt)}")
        elif head == ":plot":
            self._cmd_plot(rest, reply)
        elif head == ":vars":
            self._cmd_vars(reply)
        elif head == ":save":
            self._cmd_save(rest, reply)
        elif head == ":clear":
            self._cmd_clear(rest.replace(",", " ").split(), reply)
        elif head == ":mode":
            if not rest:
                reply.add("info", f"mode: {self.mode} (choose with :mode text|pretty|latex)")
            elif rest in MODES:
                self.mode = rest
                reply.add("info", f"mode: {rest}")
            else:
                raise SessionError(f"unknown mode {rest!r}: use :mode text, pretty or latex")
        elif head == ":help":
            text = topic_help(rest)
            if text is None:
                raise SessionError(f"no help on {rest!r}; try :help, :help functions, "
                                   ":help commands")
            reply.add("info", text)
        else:
            known = ", ".join(c for c in COMMANDS if c.startswith(":"))
            raise SessionError(f"unknown command {head}; commands are {known}")

    def _arg_or_ans(self, rest: str) -> Any:
        if rest:
            return self.evaluate(rest)
        if self.ans is NOTHING:
            raise SessionError("give an expression (there is no previous result yet)")
        return self.ans

    def _cmd_steps(self, rest: str, reply: Reply) -> None:
        if not rest:
            raise SessionError("usage: steps diff(EXPR, x) or steps integrate(EXPR, x)")
        self._steps = []
        try:
            value = self.evaluate(rest, steps=True)
            found = self._steps
        finally:
            self._steps = None
        if not found:
            raise SessionError("steps explains a diff or integrate call, as in "
                               "steps diff(x^2*sin(x), x)")
        for how in found:
            reply.add("info", str(how))
        self.ans = value
        reply.value = value
        reply.values.append(value)

    def _cmd_plot(self, rest: str, reply: Reply) -> None:
        """``:plot [--out FILE [--force]] ARGS``: draw ``plot(ARGS)``, or save it."""
        out, force = None, False
        while rest.startswith("--"):
            m = _PLOT_OPTION.match(rest)
            if m is None:
                raise SessionError("usage: :plot [--out FILE [--force]] EXPR, (x, a, b)")
            if m.group("opt") == "--force":
                force = True
            else:
                out = next(g for g in m.group("q1", "q2", "bare") if g is not None)
            rest = rest[m.end():].lstrip()
        if not rest:
            raise SessionError("usage: :plot [--out FILE [--force]] EXPR, (x, a, b)")
        if force and out is None:
            raise SessionError(":plot --force goes with --out FILE")
        self._plot_out = (out, force) if out is not None else None
        try:
            value = self.evaluate(f"plot({rest})")
        finally:
            self._plot_out = None
        reply.add("info", str(value) if out is not None else value)

    def _cmd_assume(self, rest: str, reply: Reply) -> None:
        """``assume s > 0``, ``assume a >= 0, n integer``: the name becomes a symbol
        with that property (positive, nonnegative, integer) in later statements."""
        done = []
        for part in rest.split(","):
            m = _ASSUMPTION.fullmatch(part.strip())
            if m is None:
                raise SessionError("usage: assume NAME > 0, assume NAME >= 0, or assume "
                                   "NAME positive|nonnegative|integer (several: a > 0, b > 0)")
            name = m.group(1)
            prop = {">": "positive", ">=": "nonnegative", "≥": "nonnegative"}.get(
                m.group(2) or "", m.group(3) or "")
            self._check_name(name)
            old = self.vars.get(name)
            flags = {k: getattr(old, k) for k in ("positive", "nonnegative", "integer")} \
                if isinstance(old, Symbol) and old.name == name else {}
            flags[prop] = True
            try:
                sym = Symbol(name, **flags)
            except ValueError as err:
                raise SessionError(f"assume: {err}") from None
            self.funcs.pop(name, None)
            self.vars[name] = sym
            done.append(f"{name} {prop}" if prop == "integer" else
                        f"{name} > 0" if prop == "positive" else f"{name} >= 0")
        if self.echo:
            reply.add("info", "assuming " + ", ".join(done))

    def _cmd_save(self, rest: str, reply: Reply) -> None:
        """``:save FILE [--force]``: the statements of the session, as a script that
        ``symcalc -f FILE`` replays; an existing FILE only with --force."""
        import os

        force = False
        words = rest.split()
        if "--force" in words:
            force = True
            words.remove("--force")
        if len(words) != 1:
            raise SessionError("usage: :save FILE [--force]")
        path = words[0].strip("\"'")
        if os.path.exists(path) and not force:
            raise SessionError(f"{path} exists; add --force to overwrite it")
        text = "# a symcalc session; replay with: symcalc -f " + path + "\n" + \
            "".join(stmt + "\n" for stmt in self.history)
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as err:
            raise SessionError(f"cannot write {path}: {err.strerror}") from None
        n = len(self.history)
        reply.add("info", f"saved {n} statement{'s' if n != 1 else ''} to {path}")

    def _cmd_vars(self, reply: Reply) -> None:
        if not self.vars and not self.funcs:
            reply.add("info", "no variables or functions defined")
            return
        for name in sorted(self.funcs):
            f = self.funcs[name]
            if isinstance(f, UserFunction):
                reply.add("info", self._named(str(f), f.body))
            else:
                reply.add("info", f"{name} = {f!r}")
        for name in sorted(self.vars):
            reply.add("info", self._named(name, self.vars[name]))

    def _cmd_clear(self, names: list[str], reply: Reply) -> None:
        if not names:
            self.vars.clear()
            self.funcs.clear()
            self.ans = NOTHING
            reply.add("info", "cleared all variables and functions")
            return
        for n in names:
            if n == "ans":
                self.ans = NOTHING
            elif self.vars.pop(n, NOTHING) is NOTHING and self.funcs.pop(n, None) is None:
                raise SessionError(f"{n} is not defined")
        reply.add("info", "cleared " + ", ".join(names))

    # ------------------------------------------------------------------ completion

    def names(self) -> list[str]:
        """Names the user can type: defined names, API and built-in functions."""
        out = set(self.vars) | set(self.funcs) | set(API) | set(BUILTINS)
        out |= {k for k in REGISTRY if k.isidentifier()} | {"E", "pi", "oo", "ans"}
        return sorted(out)


# ---------------------------------------------------------------------- helpers

_ASSUMPTION = re.compile(r"([^\W\d]\w*)\s*(?:(>=|>|≥)\s*0|\s(positive|nonnegative|integer))")


def _linear_system(args: tuple) -> bool:
    """Whether solve's arguments are a list of equations of degree at most 1 in the
    listed unknowns (an empty answer then means inconsistent, in any domain)."""
    from ..algebra.poly import Poly, PolynomialError

    if len(args) < 2 or not isinstance(args[0], (list, tuple)) or \
            not isinstance(args[1], (list, tuple)):
        return False
    unknowns = [u for u in args[1] if isinstance(u, Symbol)]
    if len(unknowns) != len(args[1]):
        return False
    for eq in args[0]:
        e = eq.args[0] - eq.args[1] if getattr(eq, "head", "") == "==" else eq
        if not isinstance(e, Expr):
            return False
        try:
            p = Poly.from_expr(e, unknowns)
        except (PolynomialError, SymcalcError, ArithmeticError):
            return False
        if any(sum(m) > 1 for m in p.terms):
            return False
    return True


def _replayable(stmt: str) -> bool:
    """A statement :save keeps: not a command (``:...``), not help."""
    s = stmt.strip()
    return bool(s) and not s.startswith(":") and _HELP_CALL.fullmatch(s) is None


#: calls the parser knows besides the registry (built on use)
_OTHER_CALLS = frozenset({"piecewise", "Sum", "KroneckerDelta", "eye", "ones", "zeros",
                          "commutation"})


def _unknown(name: str, known: list[str]) -> str:
    """``unknown function intgrate — did you mean integrate?``: the nearest known name
    (several only when equally near), or the usual name of the idea (taylor: series)."""
    import difflib

    near = [SYNONYMS[name]] if name in SYNONYMS else []
    if not near:
        ranked = sorted(((difflib.SequenceMatcher(None, name, k).ratio(), k)
                         for k in difflib.get_close_matches(name, known, n=4, cutoff=0.6)),
                        key=lambda t: (-t[0], t[1]))
        near = [k for r, k in ranked if r == ranked[0][0]][:3]
    text = f"unknown function {name}"
    if near:
        text += " — did you mean " + " or ".join(near) + "?"
    return text + f' (an undefined function: {name} = function("{name}"))'


def _declare_function(name: Any) -> Any:
    """``f = function("f")``: an undefined function, so that ``f(x)`` stays ``f(x)``."""
    from ..core import Function

    if not isinstance(name, str):
        raise SessionError('function takes a name in quotes: f = function("f")')
    try:
        return Function(str(name))
    except ValueError as err:
        raise SessionError(f"function: {err}") from None


def _prime(fdef: Any, order: int) -> Any:
    """``sigmoid'(t)``: the derivative of a registry function of one argument."""
    def call(*args: Any) -> Expr:
        from ..calculus.diff import diff

        if len(args) != 1 or not isinstance(args[0], Expr):
            raise SessionError(f"{fdef.name}{chr(39) * order} takes one expression")
        t = Symbol("_t_")
        return diff(fdef(t), t, order).subs({t: args[0]})
    return call



def _is_use(s: str, n: int) -> bool:
    """True when the word of length n at the start of s is assigned to (``steps = 3``)
    rather than used as a command (``steps diff(...)``)."""
    rest = s[n:].lstrip()
    return rest.startswith("=") and not rest.startswith("==")


def _uses_name(text: str, name: str) -> bool:
    import re

    return re.search(rf"(?<![\w']){name}(?![\w'(])", text) is not None


def _unbox(v: Any, boxes: dict[Symbol, Any], check: bool = False) -> Any:
    """Replace placeholders of non-expression values by the values themselves."""
    if not boxes:
        return v
    if isinstance(v, Symbol) and v in boxes:
        return boxes[v]
    if isinstance(v, list):
        return [_unbox(u, boxes, check) for u in v]
    if isinstance(v, tuple) and not hasattr(v, "_fields"):
        return tuple(_unbox(u, boxes, check) for u in v)
    if isinstance(v, Expr):
        from ..core.traversal import free_symbols

        inside = [s for s in free_symbols(v) if s in boxes]
        if inside:
            name = inside[0].name[1:-7]
            kind = _kind(boxes[inside[0]])
            raise SessionError(f"{name} is {kind}, not an expression; it can only be "
                               f"passed to a function, as in latex({name})")
    return v


def _is_vector(v: Any) -> bool:
    """A list of expressions, or of lists of them (a vector or matrix literal)."""
    return isinstance(v, list) and bool(v) and all(
        isinstance(u, Expr) or (isinstance(u, list) and all(isinstance(w, Expr) for w in u))
        for u in v)


def _kind(v: Any) -> str:
    if isinstance(v, Matrix):
        return "a matrix"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, tuple):
        return "a tuple"
    if isinstance(v, str):
        return "a string"
    return "a " + type(v).__name__


def _as_value(v: Any) -> Any:
    """Plain Python numbers from numeric code become expressions; other values stay."""
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        from ..core import as_expr

        return as_expr(v)
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        return v
    if isinstance(v, np.generic) and v.ndim == 0 and np.isrealobj(v):
        from ..core import as_expr

        return as_expr(v.item())
    return v


def _subs(e: Any, *pairs: Any) -> Any:
    if len(pairs) == 2 and not isinstance(pairs[0], tuple):
        pairs = ((pairs[0], pairs[1]),)
    mapping = {}
    for p in pairs:
        if not (isinstance(p, tuple) and len(p) == 2):
            raise SessionError("subs(expr, x, value) or subs(expr, (x, a), (y, b))")
        mapping[p[0]] = p[1]
    if not hasattr(e, "subs"):
        raise SessionError("subs: the first argument must be an expression")
    return e.subs(mapping)


def _digits(n: Any) -> int:
    try:
        k = int(n)
    except (TypeError, ValueError):
        k = 0
    if k < 1 or k != n:
        raise SessionError(f"the number of digits must be a positive integer, got {n}")
    return k


def _N(e: Any, n: Any = 15) -> Any:
    """N(e, n): e to n significant digits (15 by default)."""
    if isinstance(e, (list, tuple)):
        return type(e)(_N(u, n) for u in e)
    if not hasattr(e, "evalf"):
        raise SessionError("N: the argument must be an expression")
    return e.evalf(_digits(n))


def _evalf(e: Any, n: Any = None) -> Any:
    if isinstance(e, (list, tuple)):
        return type(e)(_evalf(u, n) for u in e)
    if not hasattr(e, "evalf"):
        raise SessionError("evalf: the argument must be an expression")
    if n is not None:
        return e.evalf(_digits(n))
    v = e.evalf()
    if isinstance(v, complex) and v.imag == 0:
        v = v.real
    return v


def _flatten(v: Any) -> list[Expr]:
    out: list[Expr] = []
    for u in v:
        if isinstance(u, (list, tuple)):
            out.extend(_flatten(u))
        elif isinstance(u, Expr):
            out.append(u)
    return out


def _duration(dt: float) -> str:
    if dt < 1e-3:
        return f"{dt * 1e6:.0f} µs"
    if dt < 1:
        return f"{dt * 1e3:.3g} ms"
    return f"{dt:.3g} s"


def _message(err: BaseException) -> str:
    """One line (plus a caret for parse errors) saying what went wrong."""
    if isinstance(err, RecursionError):
        return "the expression is nested too deeply"
    if isinstance(err, MemoryError):
        return "out of memory"
    text = str(err).strip()
    if isinstance(err, (SymcalcError, ValueError, TypeError, ArithmeticError)):
        return text or type(err).__name__
    return f"{type(err).__name__}: {text}" if text else type(err).__name__
