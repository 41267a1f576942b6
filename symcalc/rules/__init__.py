"""Rule files: mathematical knowledge as data (``*.rules`` in this folder).

A rule file is a list of lines ``[name] lhs = rhs if guard, guard`` in the project's
grammar (the ``rule`` start symbol of ``grammar/symcalc.lark``); ``#`` starts a
comment. :func:`load_rules` parses a file once and caches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..core.expr import Expr


@dataclass(frozen=True)
class RuleSpec:
    """One parsed line of a rule file."""

    name: str | None
    lhs: Expr
    rhs: Expr
    guards: tuple[Expr, ...]
    line: int


def rule_text(name: str) -> str:
    return resources.files("symcalc.rules").joinpath(f"{name}.rules").read_text("utf-8")


@cache
def load_rules(name: str) -> tuple[RuleSpec, ...]:
    """The rules of ``symcalc/rules/<name>.rules``, parsed once."""
    from ..parse.parser import parse_rule

    out = []
    for i, raw in enumerate(rule_text(name).splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        rname, lhs, rhs, guards = parse_rule(line, source=f"{name}.rules", line=i)
        out.append(RuleSpec(rname, lhs, rhs, guards, i))
    return tuple(out)
