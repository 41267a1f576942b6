"""Helpers for tests that call one compiled function from several threads at once."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np


def results_agree_across_threads(call: Callable[[], object], want: object, threads: int = 4,
                                 rounds: int = 10) -> bool:
    """Whether ``call()`` returns ``want`` (the value part of a (value, grad) pair, or the
    array itself) every time when ``threads`` threads call it ``rounds`` times at once."""
    bad: list[int] = []

    def work() -> None:
        for _ in range(rounds):
            r = call()
            v = r[0] if isinstance(r, tuple) else r
            if not np.array_equal(v, want):
                bad.append(1)

    ts = [threading.Thread(target=work) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return not bad
