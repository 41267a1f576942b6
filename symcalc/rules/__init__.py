"""Rule files: mathematical knowledge as data (``*.rules`` in this folder).

A rule file is a list of lines ``[name] lhs = rhs if guard, guard`` in the project's
grammar (the ``rule`` start symbol of ``grammar/symcalc.lark``); ``#`` starts a
comment. :func:`load_rules` parses a file once and caches it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..core.expr import Expr

if TYPE_CHECKING:  # pragma: no cover
    from ..rewrite import Rule, RuleSet


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


# --------------------------------------------------------------------------- rule sets

#: Guard predicates usable in rule files: ``if free(a, x), integer(n), positive(a)``.
GUARDS: dict[str, Callable[..., bool]] = {}
#: Python right-hand sides: a rule ``lhs = name(args)`` whose ``name`` is registered
#: here calls the function with the bound arguments (None means "does not apply").
ACTIONS: dict[str, Callable[..., Expr | None]] = {}


def guard(name: str) -> Callable:
    """Register a guard predicate under ``name`` (decorator)."""
    def deco(fn: Callable[..., bool]) -> Callable[..., bool]:
        GUARDS[name] = fn
        return fn
    return deco


def action(name: str) -> Callable:
    """Register a Python right-hand side under ``name`` (decorator)."""
    def deco(fn: Callable[..., Expr | None]) -> Callable[..., Expr | None]:
        ACTIONS[name] = fn
        return fn
    return deco


@guard("free")
def _free(a: Expr, *xs: Expr) -> bool:
    return not any(x in a.free_symbols for x in xs)


@guard("number")
def _is_number(a: Expr) -> bool:
    return a.is_Number


@guard("integer")
def _is_integer(a: Expr) -> bool:
    return a.is_Number and isinstance(a.value, int)


@guard("rational")
def _is_rational(a: Expr) -> bool:
    return a.is_Number and not isinstance(a.value, float)


@guard("positive")
def _is_positive(a: Expr) -> bool:
    from ..core.assumptions import is_positive

    return bool(is_positive(a))


@guard("negative")
def _is_negative(a: Expr) -> bool:
    from ..core.assumptions import is_negative

    return bool(is_negative(a))


@guard("symbol")
def _is_symbol(a: Expr) -> bool:
    return a.is_Symbol


def _check(g: Expr, b: dict) -> bool:
    """Whether the guard ``g`` holds under the bindings ``b``.

    Relations decide on the bound values; an undecided ``!=`` holds (the values are
    not the same expression) and an undecided ``==`` fails.
    """
    from ..core.logic import true
    from ..core.traversal import subs

    if g.is_Function and g.fdef.name in GUARDS:
        return GUARDS[g.fdef.name](*(subs(a, b) for a in g.args))
    v = subs(g, b)
    if v is true:
        return True
    if v.is_Relational:
        return v.op == "!=" and v.lhs is not v.rhs
    return False


def compile_rule(spec: RuleSpec, default_name: str = "rule") -> Rule:
    """A :class:`~symcalc.rewrite.Rule` from a parsed line: the symbols of the left side
    become wildcards; ``default(a, 1)`` among the guards gives ``a`` a default."""
    from ..core.traversal import subs
    from ..rewrite import Rule, Wild

    defaults: dict[str, Expr] = {}
    guards = []
    for g in spec.guards:
        if g.is_Function and g.fdef.name == "default" and len(g.args) == 2:
            defaults[g.args[0].name] = g.args[1]
        else:
            guards.append(g)
    wild = {s: Wild(s.name, default=defaults.get(s.name)) for s in spec.lhs.free_symbols}
    lhs = subs(spec.lhs, wild)
    rhs = subs(spec.rhs, wild)
    gs = tuple(subs(g, wild) for g in guards)
    act = ACTIONS.get(rhs.fdef.name) if rhs.is_Function and rhs.fdef.undefined else None

    def check(b: dict) -> bool:
        return all(_check(g, b) for g in gs)

    if act is not None:
        args = rhs.args

        def rhs_fn(b: dict) -> Expr | None:
            return act(*(subs(a, b) for a in args))
        right: Any = rhs_fn
    else:
        right = rhs
    return Rule(spec.name or f"{default_name} (line {spec.line})", lhs, right,
                check if gs else None)


@cache
def load_ruleset(name: str) -> RuleSet:
    """The rule file ``symcalc/rules/<name>.rules`` as an indexed :class:`RuleSet`."""
    from ..rewrite import RuleSet

    return RuleSet((compile_rule(s, name) for s in load_rules(name)), name=name)
