"""Pattern matching and rewriting: wildcards, rules, rule sets, strategies, traces."""

from .pattern import Wild, match, matches, substitute
from .rule import Rule, RuleSet
from .strategies import Chain, FirstMatch, Fixpoint, PassThrough, Postwalk, Prewalk
from .trace import Step, tracing

__all__ = ["Chain", "FirstMatch", "Fixpoint", "PassThrough", "Postwalk", "Prewalk", "Rule",
           "RuleSet", "Step", "Wild", "match", "matches", "substitute", "tracing"]
