"""The path an optimizer records: the points and values of its accepted steps (when
``history=True``) and the user's callback, which may stop the run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Trace:
    """``xs``/``fs`` start at the initial point (``None`` without history); ``step`` records
    an accepted step and says whether the callback asked to stop."""

    __slots__ = ("xs", "fs", "callback")

    def __init__(self, x: Any, f: float, keep: bool, callback: Callable | None) -> None:
        self.xs: list | None = [x.copy()] if keep else None
        self.fs: list | None = [f] if keep else None
        self.callback = callback

    def step(self, k: int, x: Any, f: float) -> bool:
        """Record step ``k`` at ``x`` with value ``f``; True when the callback returns true."""
        if self.xs is not None and self.fs is not None:
            self.xs.append(x.copy())
            self.fs.append(f)
        return self.callback is not None and bool(self.callback(k, x.copy(), f))
