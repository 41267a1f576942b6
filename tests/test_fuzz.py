"""A short, derandomized run of the fuzzing harness (``bench/fuzz.py``; the long run is
``python bench/fuzz.py --minutes N``): grammar-aware random and mutated input through
parse, print, diff, simplify, integrate, compile and the command line. Only
``SymcalcError`` may escape, printing round-trips, nothing warns; with
``symcalc.budget`` each call also keeps to its budget (+20 %)."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "bench"))

import fuzz  # noqa: E402

SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


def check(runner: fuzz.Runner) -> None:
    failures = [f for f in runner.report.first()
                if not (f.kind == "timeout" and runner.budget is None)]
    assert not failures, "\n" + "\n".join(
        f"{f.driver} {f.kind} at {f.where}: {f.message}\n    input: {f.text!r}"
        for f in failures)


@settings(max_examples=200, **SETTINGS)
@given(fuzz.inputs(max_leaves=16))
def test_parse_and_print(text: str) -> None:
    runner = fuzz.Runner(seconds=2.0)
    e = runner.call("parse", text, lambda: fuzz.sc.parse(text))
    fuzz.check_roundtrip(runner, text, e)
    if isinstance(e, fuzz.sc.Expr):
        runner.call("latex", text, lambda: fuzz.sc.latex(e))
        runner.call("pretty", text, lambda: fuzz.sc.pretty(e))
    check(runner)


@settings(max_examples=200, **SETTINGS)
@given(fuzz.inputs(max_leaves=8))
def test_calculus_and_compile(text: str) -> None:
    runner = fuzz.Runner(seconds=2.0)
    fuzz.drive_expression(runner, text, heavy=True)
    check(runner)


@settings(max_examples=25, **SETTINGS)
@given(fuzz.mutated())
def test_command_line(text: str) -> None:
    runner = fuzz.Runner(seconds=2.0)
    fuzz.drive_cli(runner, text)
    check(runner)


def test_the_harness_finds_failures() -> None:
    """The checks can fail: a driver raising a raw exception, or a broken round-trip."""
    runner = fuzz.Runner(seconds=1.0)
    runner.call("parse", "x", lambda: 1 / 0)
    runner.call("parse", "x", lambda: {}["k"])
    assert {f.kind for f in runner.report.first()} == {"ZeroDivisionError", "KeyError"}
    with pytest.raises(AssertionError):
        check(runner)
