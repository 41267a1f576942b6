"""One budget for every operation that can blow up: a time limit and size limits.

``diff``, ``integrate``, ``simplify``, ``expand``, ``factor``, ``solve``, ``series``,
``limit``, printing and plotting each run as an *operation*: the outermost one starts a
clock, and the inner loops call :func:`check`, a counter that reads the clock only every
few hundred calls. Past the time limit, or when a result would be larger than the size
limits, the operation raises :class:`symcalc.LimitError` naming itself and the limit.

The limits come from the innermost ``with symcalc.budget(...)`` block of the current
thread (or asyncio task: they live in a :mod:`contextvars` variable), falling back to
the defaults in :mod:`symcalc.core.limits`:

>>> import symcalc as sc
>>> x = sc.Symbol("x")
>>> with sc.budget(seconds=5, nodes=10**5):
...     sc.diff(sc.sin(x)**2, x, 2)
2*cos(x)^2 - 2*sin(x)^2
>>> try:
...     with sc.budget(terms=1000):
...         sc.expand((x + 1)**2000)
... except sc.LimitError as err:
...     print(err.operation, err.limit, err.value)
expand terms 1000

Searches with their own effort limit (``integrate(timeout=...)``, ``simplify(timeout=...)``,
``series``) run it as a tighter, *soft* deadline inside the budget (:func:`within`):
past it they give up their way (an unevaluated integral, the best form so far, a
``SeriesError``), while the budget's own limit always ends in ``LimitError``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from time import perf_counter
from typing import Any, TypeVar

from ..errors import LimitError
from . import limits

__all__ = ["Budget", "budget", "check", "check_now",
           "check_nodes", "check_terms", "current", "expired",
           "max_bits", "max_nodes", "max_terms", "operation", "poll", "within"]

F = TypeVar("F", bound=Callable[..., Any])

_FIELDS = ("seconds", "nodes", "terms", "bits")
_UNITS = {"seconds": "s", "nodes": "nodes", "terms": "terms", "bits": "bits"}


class Budget:
    """The limits in force: ``seconds`` per top-level operation, ``nodes`` (nodes an
    operation may build, also the highest derivative order), ``terms`` (terms of an
    expanded sum or a polynomial), ``bits`` (size of an exact integer power). ``None``
    means the default of :mod:`symcalc.core.limits`; ``math.inf`` lifts a limit."""

    __slots__ = _FIELDS

    def __init__(self, seconds: float | None = None, nodes: float | None = None,
                 terms: float | None = None, bits: float | None = None) -> None:
        for name, v in zip(_FIELDS, (seconds, nodes, terms, bits)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))
                                  or math.isnan(v) or v <= 0):
                raise ValueError(f"budget: {name} must be a positive number, got {v!r}")
            object.__setattr__(self, name, v)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Budget is immutable; open a new sc.budget(...) block")

    def __repr__(self) -> str:
        return "Budget(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in _FIELDS) + ")"

    def merged(self, inner: Budget) -> Budget:
        """This budget with the limits ``inner`` sets replacing ours."""
        return Budget(*(getattr(inner, f) if getattr(inner, f) is not None else getattr(self, f)
                        for f in _FIELDS))


_settings: ContextVar[Budget | None] = ContextVar("symcalc_budget", default=None)


def current() -> Budget:
    """The effective limits here (every field filled in from the defaults)."""
    s = _settings.get()
    return Budget(
        seconds=_pick(s, "seconds", limits.DEFAULT_SECONDS),
        nodes=_pick(s, "nodes", limits.MAX_NODES),
        terms=_pick(s, "terms", limits.MAX_EXPAND_TERMS),
        bits=_pick(s, "bits", limits.MAX_EXACT_BITS),
    )


def _pick(s: Budget | None, name: str, default: Any) -> Any:
    v = None if s is None else getattr(s, name)
    return default if v is None else v


def max_nodes() -> float:
    """The size limit on nodes built by one operation (and on derivative orders)."""
    s = _settings.get()
    return limits.MAX_NODES if s is None or s.nodes is None else s.nodes


def max_terms() -> float:
    """The size limit on the terms of an expanded sum or a polynomial."""
    s = _settings.get()
    return limits.MAX_EXPAND_TERMS if s is None or s.terms is None else s.terms


def max_bits() -> float:
    """Exact integer powers larger than this many bits stay unevaluated."""
    s = _settings.get()
    return limits.MAX_EXACT_BITS if s is None or s.bits is None else s.bits


@contextmanager
def budget(seconds: float | None = None, nodes: float | None = None, terms: float | None = None,
           bits: float | None = None) -> Iterator[Budget]:
    """Limits for the operations run inside the ``with`` block (this thread or task only).

    ``seconds`` is the time each top-level operation (a ``diff``, a ``simplify``, ...)
    may take; ``nodes``, ``terms`` and ``bits`` bound the size of what it builds. Limits
    not given are inherited from the enclosing block or the defaults; the block yields
    the effective :class:`Budget`.

    >>> import symcalc as sc
    >>> with sc.budget(seconds=2) as b:
    ...     b.seconds, b.terms
    (2, 200000)
    """
    new = Budget(seconds, nodes, terms, bits)
    outer = _settings.get()
    token = _settings.set(new if outer is None else outer.merged(new))
    try:
        yield current()
    finally:
        _settings.reset(token)


# --------------------------------------------------------------------------- the clock


class _Run:
    """One running operation (or a soft deadline inside one): its clock and counter."""

    __slots__ = ("op", "seconds", "soft", "deadline", "hard", "error", "parent", "left",
                 "every", "last", "expired")

    def __init__(self, op: str, seconds: float, parent: _Run | None = None,
                 error: Callable[[str], BaseException] | None = None,
                 strict: bool = True) -> None:
        now = perf_counter()
        self.op = op
        self.seconds = seconds
        self.parent = parent
        self.error = error  # None: the budget itself (LimitError); else a soft deadline
        self.soft = now + seconds
        self.hard = parent.hard if parent is not None else self.soft
        # the earliest of this frame's deadline and those of the frames around it
        # (a lenient soft deadline is left to poll(): check() sees only the ones around it)
        own = self.soft if strict else math.inf
        self.deadline = self.soft if parent is None else min(parent.deadline, own)
        self.left = self.every = 16
        self.last = now
        self.expired = False
        global _left
        if _left > 16:  # the clock is read soon after an operation starts
            _left = 16

    def tick(self) -> None:
        """Read the clock; raise past the deadline; adapt how often the clock is read
        (about every 5 to 20 ms of work, so a check costs one decrement)."""
        now = perf_counter()
        if now > self.deadline:
            self.left = 0  # from now on every check raises
            raise self.exceeded(now)
        dt = now - self.last
        self.last = now
        every = self.every
        if dt < 0.005:
            if every < 4096:
                self.every = every * 2
        elif dt > 0.02:  # slower work per check now: read the clock sooner
            self.every = max(1, int(every * 0.01 / dt))
        self.left = self.every

    def exceeded(self, now: float) -> BaseException:
        """The error for a deadline passed at ``now``: LimitError past the budget's own;
        else that of the outermost soft deadline passed (an integrate's inside which a
        simplify runs), which is marked expired."""
        top = self
        culprit = None
        while top.parent is not None:
            if now > top.soft and (top.deadline <= top.soft or top is self):
                culprit = top
            top = top.parent
        if culprit is None or now > self.hard:
            top.expired = True
            return _time_error(top.op, top.seconds)
        f = self
        while f is not culprit:  # the frames inside it are past their deadline too
            f.expired = True
            f = f.parent
        culprit.expired = True
        return culprit.error(f"{culprit.op} gave up after {culprit.seconds:g} s")


_run: ContextVar[_Run | None] = ContextVar("symcalc_budget_run", default=None)


# One counter for all threads (a race on it only moves when the clock is read next);
# the clock and the deadline are per operation, in the context variable.
_left = 16


def check() -> None:
    """Raise if the running operation is past its time limit (cheap: a counter)."""
    global _left
    _left -= 1
    if _left <= 0:
        _tick()


def check_now() -> None:
    """:func:`check` that reads the clock at once: for loops whose every step is costly
    (a modular power of a degree-400 polynomial), where a counter would wait too long."""
    _tick()


def _tick() -> None:
    global _left
    r = _run.get()
    if r is None:
        _left = 1024
        return
    try:
        r.tick()
    finally:
        _left = r.left


def _time_error(op: str, seconds: float) -> LimitError:
    err = LimitError(f"{op} exceeded the time budget of {seconds:g} s; "
                     "raise it with sc.budget(seconds=...)")
    err.operation, err.limit, err.value = op, "seconds", seconds
    return err


def _size_error(name: str, limit: float, n: int, what: str) -> LimitError:
    r = _run.get()
    while r is not None and r.parent is not None:
        r = r.parent
    op = r.op if r is not None else "symcalc"
    shown = f"{limit:g}" if isinstance(limit, float) else str(limit)
    err = LimitError(f"{op} exceeded the size budget of {shown} {_UNITS[name]} ({what}); "
                     f"raise it with sc.budget({name}=...)")
    err.operation, err.limit, err.value = op, name, limit
    return err


def check_nodes(n: int, what: str = "") -> None:
    """Raise LimitError if ``n`` (nodes built, a derivative order, ...) exceeds ``nodes``;
    ``what`` says what was counted (default: ``n nodes built``)."""
    limit = max_nodes()
    if n > limit:
        raise _size_error("nodes", limit, n, what or f"{n} nodes built")


def check_terms(n: int, what: str = "terms") -> None:
    """Raise LimitError if a sum or polynomial would have more than ``terms`` terms."""
    limit = max_terms()
    if n > limit:
        raise _size_error("terms", limit, n, what)


def operation(name: str) -> Callable[[F], F]:
    """Decorator: run the function as the operation ``name`` under the budget.

    The outermost operation starts the clock; nested ones (a ``simplify`` inside an
    ``integrate``) share it. A time limit that ran out is reported even when a search
    caught the error and returned something.
    """

    def deco(fn: F) -> F:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if _run.get() is not None:
                return fn(*args, **kwargs)
            s = _settings.get()
            seconds = limits.DEFAULT_SECONDS if s is None or s.seconds is None else s.seconds
            r = _Run(name, seconds)
            token = _run.set(r)
            try:
                out = fn(*args, **kwargs)
            finally:
                _run.reset(token)
            if r.expired:
                raise _time_error(name, seconds)
            return out

        return wrapper  # type: ignore[return-value]

    return deco


@contextmanager
def within(seconds: float, error: Callable[[str], BaseException], op: str = "search",
           strict: bool = True) -> Iterator[_Run]:
    """A soft deadline ``seconds`` from now inside the running budget: past it,
    :func:`check` raises ``error(message)`` (past the budget's own limit, LimitError).
    With ``strict=False`` only :func:`poll` (the search's own checkpoints) enforces it,
    not the checks inside the operations the search calls.
    The yielded object's ``expired`` says whether the soft deadline was met."""
    outer = _run.get()
    if outer is None:  # not inside an operation: the budget's clock starts here
        s = _settings.get()
        hard = limits.DEFAULT_SECONDS if s is None or s.seconds is None else s.seconds
        outer = _Run(op, hard)
    r = _Run(op, seconds, parent=outer, error=error, strict=strict)
    token = _run.set(r)
    try:
        yield r
    finally:
        _run.reset(token)
    if outer.parent is None and outer.expired and _run.get() is None:
        raise _time_error(outer.op, outer.seconds)


def poll() -> None:
    """A search's own checkpoint: raise past the innermost soft deadline, even a lenient
    one (see :func:`within`), and past the budget's time limit."""
    r = _run.get()
    if r is not None and r.parent is not None:
        now = perf_counter()
        if now > r.soft:
            global _left
            r.left = _left = 0
            raise r.exceeded(now)
    check()


def expired() -> bool:
    """Whether the innermost deadline (soft or hard) has passed (reads the clock)."""
    r = _run.get()
    if r is None:
        return False
    now = perf_counter()
    if not r.expired and now > r.deadline:
        global _left
        r.left = _left = 0
        r.exceeded(now)  # marks the frames (and the operation) that ran out
    return r.expired
