"""A lean LALR(1) driver for the tables Lark computes from ``grammar/symcalc.lark``.

Lark reads the grammar and builds the LALR tables (:func:`tables_from_lark`); this
module runs them. Why not ``Lark.parse``: a typical input is 20 tokens but 70
reductions (one per precedence level an operand climbs), and Lark's general loop
spends microseconds on each (rule objects hashed in Python, token objects compared
in Python, a child-filter wrapper per rule). Here the tables are plain dictionaries
keyed by strings, chains of single-child ``?rule`` reductions are one cached step,
tokens come from one master regular expression, and line and column are computed
only for error messages. The semantics are Lark's: the same grammar, terminal
priorities and tree shaping (filtered punctuation, ``?rule`` inlining, spliced
``(...)*`` helper rules), callbacks named after rules or aliases. That makes parsing
about twice as fast (``bench/parse.py``), and since the tables are plain data they
can be cached as JSON, so a warm start does not even import Lark.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import Any

#: Version of the table format below; part of the cache key.
FORMAT = 3

UNIT, THROUGH, CALL, HELPER, GROW = range(5)


class Tok:
    """A token: terminal name, text, and offset in the input (line/column on demand)."""

    __slots__ = ("type", "value", "pos")

    def __init__(self, type: str, value: str, pos: int) -> None:
        self.type = type
        self.value = value
        self.pos = pos

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.value!r})"


def line_column(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of offset ``pos`` in ``text``."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


class SyntaxFailure(Exception):
    """Raised by :meth:`Engine.parse`: the offending token and what would have fit."""

    def __init__(self, token: Tok, expected: frozenset[str]) -> None:
        super().__init__(token.type)
        self.token = token
        self.expected = expected


class UnknownCharacter(Exception):
    """Raised by :meth:`Engine.parse` at a character no terminal matches."""

    def __init__(self, char: str, pos: int) -> None:
        super().__init__(char)
        self.char = char
        self.pos = pos


class _Splice(list):
    """Children of a ``(...)*`` helper rule, spliced into the parent rule's children."""

    __slots__ = ()


def tables_from_lark(lark: Any) -> dict:
    """The LALR tables and the tokenizer of a Lark LALR parser, as plain JSON data.

    Reads Lark's parse table (``lark.parser.parser.parser.parse_table``), its rules
    and its terminals; kept in one place because those are Lark internals.
    """
    from lark.lexer import PatternStr
    from lark.parsers.lalr_analysis import Shift

    table = lark.parser.parser.parser.parse_table
    rules = list(lark.rules)
    index = {r: i for i, r in enumerate(rules)}
    actions: dict[str, dict[str, int]] = {}
    gotos: dict[str, dict[str, int]] = {}
    for state, row in table.states.items():
        acts = actions[str(state)] = {}
        gos = gotos[str(state)] = {}
        for sym, (action, arg) in row.items():
            sym = str(sym)
            if sym.isupper() or sym == "$END":
                # a shift is the next state; a reduction is -1 - the rule's index
                acts[sym] = arg if action is Shift else -1 - index[arg]
            else:
                gos[sym] = arg
    kept = sorted({s.name for r in rules for s in r.expansion
                   if s.is_term and not s.filter_out})

    # Tokenizer, in Lark's basic-lexer order: priority, longest possible match, name.
    terms = sorted(lark.terminals, key=lambda t: (-t.priority, -t.pattern.max_width,
                                                  -len(t.pattern.value), t.name))
    ignore = set(lark.lexer_conf.ignore)
    regex_terms = [t for t in terms if not isinstance(t.pattern, PatternStr)]
    retype: dict[str, dict[str, str]] = {}
    skip, alternatives = [], []
    for t in terms:
        if t.name in ignore:
            skip.append(t.pattern.to_regexp())
            continue
        if isinstance(t.pattern, PatternStr):
            # Keywords a name pattern also matches (and, or, not) are recognised after
            # the match, as Lark does.
            owner = next((r for r in regex_terms if r.priority == t.priority
                          and re.fullmatch(r.pattern.to_regexp(), t.pattern.value)), None)
            if owner is not None:
                retype.setdefault(owner.name, {})[t.pattern.value] = t.name
                continue
        alternatives.append(f"(?P<{t.name}>{t.pattern.to_regexp()})")
    # One match per token: ignored text first, then a terminal or the end of input.
    alternatives.append(r"(?P<_END_>\Z)")
    return {
        "format": FORMAT,
        "start": dict(table.start_states),
        "end": dict(table.end_states),
        "rules": [_rule_recipe(r) for r in rules],
        "actions": actions,
        "gotos": gotos,
        "kept": kept,
        "retype": retype,
        "skip": "(?:%s)*" % ("|".join(skip) or "(?!)"),
        "tokens": "(?:%s)" % "|".join(alternatives),
    }


def _rule_recipe(rule: Any) -> list:
    """How to reduce by ``rule``: [size, rule name, kind, callback name, pick, splices].

    kind: UNIT (single-child ?rule: the value passes through), THROUGH (the one kept
    child of a longer ?rule, such as "(" expr ")"), CALL (a callback on the kept
    children), HELPER (a ``(...)*`` helper rule collecting children for its parent),
    or GROW (its left-recursive case, extending the collected list). pick: None when
    every child is kept, else the negative stack offsets of the kept children
    (punctuation such as "(" is dropped, as in Lark).
    """
    exp = rule.expansion
    size = len(exp)
    if size == 0:
        raise ValueError(f"empty rule {rule} is not supported")
    origin = str(rule.origin.name)
    keep = [i - size for i, s in enumerate(exp) if not (s.is_term and s.filter_out)]
    splices = any(not exp[i].is_term and exp[i].name.startswith("_") for i in keep)
    pick = None if len(keep) == size else keep
    if origin.startswith("_"):
        if exp[0].name == origin:
            return [size, origin, GROW, None, keep[1:], False]
        return [size, origin, HELPER, None, pick, False]
    if rule.options.expand1 and rule.alias is None and len(keep) == 1 and not splices:
        return [size, origin, UNIT if size == 1 else THROUGH, None, keep[0], False]
    return [size, origin, CALL, str(rule.alias or origin), pick, splices]


class Engine:
    """Runs LALR tables (from :func:`tables_from_lark`) with rule callbacks."""

    def __init__(self, tables: dict, callbacks: Any) -> None:
        if tables.get("format") != FORMAT:
            raise ValueError("parser tables of another format")
        rules = []
        for size, origin, kind, name, pick, splices in tables["rules"]:
            fn = getattr(callbacks, name) if kind == CALL else None
            if isinstance(pick, list):
                pick = _picker(pick)
            rules.append((size, origin, kind, fn, pick, splices))
        # actions[state][terminal]: the next state (an int) for a shift, else the
        # reduction's recipe (a tuple); gotos[state][rule name]: the state after it.
        self.actions: dict[int, dict[str, int | tuple]] = {
            int(state): {t: a if a >= 0 else rules[-1 - a] for t, a in row.items()}
            for state, row in tables["actions"].items()}
        self.gotos: dict[int, dict[str, int]] = {
            int(state): row for state, row in tables["gotos"].items()}
        self.starts: dict[str, int] = tables["start"]
        self.ends: dict[str, int] = tables["end"]
        self.kept = frozenset(tables["kept"])
        self.retype: dict[str, dict[str, str]] = tables["retype"]
        self.skip = re.compile(tables["skip"])
        self.master = re.compile(tables["skip"] + tables["tokens"])
        self.chains: dict[tuple[int, int, str], int] = {}

    # ---- running

    def parse(self, text: str, start: str = "start") -> Any:
        """Tokenize and parse ``text`` from the grammar's ``start`` symbol, calling the
        rule callbacks; returns the value of the start symbol."""
        actions = self.actions
        gotos = self.gotos
        chains = self.chains
        end = self.ends[start]
        kept = self.kept
        retype = self.retype
        match = self.master.match
        stack = [self.starts[start]]
        values: list = []
        pos = 0
        while True:
            # -- the next token (after any ignored text)
            m = match(text, pos)
            if m is None:
                pos = self.skip.match(text, pos).end()
                raise UnknownCharacter(text[pos], pos)
            typ = m.lastgroup
            begin = m.start(typ)
            pos = m.end()
            if typ == "_END_":
                typ = "$END"
            elif typ in retype:
                typ = retype[typ].get(m.group(typ), typ)
            # -- reduce as long as the table says so, then shift
            while True:
                action = actions[stack[-1]].get(typ)
                if action is None:
                    tok = Tok(typ, text[begin:pos] if typ != "$END" else "", begin)
                    before = self._stack_before(text, begin, stack[0])
                    raise SyntaxFailure(tok, self.accepts(before, end))
                if type(action) is int:
                    stack.append(action)
                    values.append(Tok(typ, text[begin:pos], begin) if typ in kept else None)
                    break
                size, origin, kind, fn, pick, splices = action
                if kind == UNIT:
                    # A chain of single-child ?rules (atom -> factor -> ... -> expr):
                    # the value stays; the final state depends only on the state below,
                    # the top state and the lookahead, so it is computed once.
                    key = (stack[-2], stack[-1], typ)
                    goto = chains.get(key)
                    if goto is None:
                        goto = chains[key] = self._unit_chain(*key, end)
                    if goto == end and typ == "$END":
                        return values[-1]
                    stack[-1] = goto
                    continue
                if kind == CALL:
                    children = values[-size:] if pick is None else pick(values)
                    if splices:
                        children = _splice(children)
                    value = fn(children)
                elif kind == GROW:
                    value = values[-size]
                    value.extend(pick(values))
                elif kind == HELPER:
                    value = _Splice(values[-size:] if pick is None else pick(values))
                else:
                    value = values[pick]
                del stack[-size:]
                del values[-size:]
                goto = gotos[stack[-1]][origin]
                if goto == end and typ == "$END":
                    return value
                stack.append(goto)
                values.append(value)

    def _unit_chain(self, below: int, top: int, typ: str, end: int) -> int:
        """The top state after every single-child reduction that ``typ`` triggers."""
        while True:
            action = self.actions[top].get(typ)
            if type(action) is not tuple or action[2] != UNIT:
                return top
            top = self.gotos[below][action[1]]
            if top == end:
                return top

    def _stack_before(self, text: str, stop: int, start: int) -> list[int]:
        """The state stack just before the token at offset ``stop`` was read.

        LALR may reduce on a token before finding that it cannot shift it; replaying
        the input up to that token (without callbacks) recovers the state the error
        belongs to, so the expected set names what could really follow.
        """
        stack = [start]
        pos = 0
        while True:
            m = self.master.match(text, pos)
            typ = m.lastgroup
            if m.start(typ) >= stop or typ == "_END_":
                return stack
            pos = m.end()
            typ = self.retype.get(typ, {}).get(m.group(typ), typ)
            while True:
                action = self.actions[stack[-1]][typ]
                if type(action) is int:
                    stack.append(action)
                    break
                size, origin = action[0], action[1]
                del stack[-size:]
                stack.append(self.gotos[stack[-1]][origin])

    def accepts(self, stack: list[int], end: int) -> frozenset[str]:
        """The terminals that could come next: each is replayed through the reductions,
        so the answer is exact even where LALR merged the lookahead sets."""
        out = set()
        for typ in self.actions[stack[-1]]:
            trial = list(stack)
            while True:
                action = self.actions[trial[-1]].get(typ)
                if action is None:
                    break
                if type(action) is int:
                    out.add(typ)
                    break
                size, origin = action[0], action[1]
                if size:
                    del trial[-size:]
                goto = self.gotos[trial[-1]][origin]
                if goto == end and typ == "$END":
                    out.add(typ)
                    break
                trial.append(goto)
        return frozenset(out)


def _picker(offsets: list[int]) -> Any:
    """A function returning the values at ``offsets`` (from the stack top) as a tuple."""
    if len(offsets) > 1:
        return itemgetter(*offsets)  # one C-level call
    if offsets:
        i = offsets[0]
        return lambda values: (values[i],)
    return lambda values: ()


def _splice(children: list) -> list:
    """Children with the lists collected by helper rules spliced in."""
    out: list = []
    for c in children:
        if type(c) is _Splice:
            out.extend(c)
        else:
            out.append(c)
    return out
