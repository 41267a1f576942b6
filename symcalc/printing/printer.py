"""The machinery every printer shares: memo, children-first walk, parentheses, dispatch.

A printer turns each node into a pair ``(out, prec)``: its printed form (text for the
str and LaTeX printers, a :class:`~symcalc.printing.pretty.Box` for the pretty one)
and the precedence of its outermost operator, so that parents know when to wrap it in
parentheses. Subclasses implement one method per node kind (``_number``, ``_symbol``,
``_mul``, ...) and the few hooks below (``paren``, ``cat``, ``leaf``); the rest is here.

>>> from symcalc import symbols
>>> from symcalc.printing.str import StrPrinter
>>> x, y = symbols("x y")
>>> p = StrPrinter()
>>> p.doprint((x + y) * x), p.p(x + y), p.wrap(x + y, PREC_MUL)
('x*(x + y)', ('x + y', 10), '(x + y)')
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any, ClassVar, Generic, TypeVar

from ..core.budget import check, check_nodes, max_nodes, operation
from ..core.expr import Expr
from ..core.traversal import postorder
from .common import has_negative_number_exp, inverted, is_negative_term, root_index
from .order import add_terms_in_print_order

#: Printing writes shared subexpressions out: the printed tree may have this many times
#: the budget's ``nodes`` (so that the largest expansion the budget allows still prints).
PRINT_NODES_FACTOR = 10

PREC_REL = 5
PREC_ADD = 10
PREC_MUL = 20
PREC_NEG = 15
PREC_POW = 30
PREC_ATOM = 100

#: expressions with at least this many distinct nodes drop forms no longer needed
_RELEASE_FROM = 2000
#: nested printing calls (a form rebuilt inside another) beyond which it goes iteratively
_MAX_NESTED = 40

T = TypeVar("T")


def _check_tree_size(order: list[Expr]) -> None:
    """Shared subexpressions are written out: bound the size of the printed tree (not of
    the DAG) by PRINT_NODES_FACTOR times the budget's nodes."""
    limit = PRINT_NODES_FACTOR * max_nodes()
    size: dict[Expr, int] = {}
    for node in order:
        n = 1
        for a in node._args:
            n += size.get(a, 1)
        if n > limit:
            check_nodes(n // PRINT_NODES_FACTOR + 1, f"the printed tree has {n} nodes, "
                        f"more than {PRINT_NODES_FACTOR} times the budget")
        size[node] = n


class Printer(Generic[T]):
    """Prints an expression DAG; each shared node is printed once."""

    #: Extra printers (class -> fn(printer, expr) -> (out, prec)), consulted before the
    #: node kinds; each printer class names its own registry (``STR_PRINTERS``, ...).
    PRINTERS: ClassVar[dict[type, Callable[[Any, Expr], tuple[Any, int]]]] = {}
    #: For error messages: "no LaTeX printer for ...".
    KIND = ""
    #: A leading minus sign in a sum, and the words of the boolean operators.
    MINUS = "-"
    AND = " and "
    OR = " or "
    NOT = "not "
    #: Sums in one variable by ascending powers: False, True or "auto" (printing/order.py).
    ASCENDING: bool | str = False
    #: The precedence below which the operand of Not is parenthesized.
    NOT_OPERAND = PREC_ATOM
    #: Relations as this printer shows them (absent ones as written).
    RELATIONS: dict[str, str] = {}

    def __init__(self) -> None:
        # Keyed by the node itself, not id(): printing builds temporaries (1/x^2 -> x^2)
        # whose ids could be reused under a stale entry once they are freed.
        self.memo: dict[Expr, tuple[T, int]] = {}
        self._depth = 0
        self.ascending = self.ASCENDING
        #: drop forms no longer needed (off for a printer whose layout is called again
        #: on subexpressions, as the one-line printer of 2D exponents)
        self.release = True

    @operation("printing")
    def layout(self, e: Expr) -> T:
        """The printed form of e, children first so deep nesting never recurses deeply.

        In a large expression the form of a node is dropped once every node that may
        use it (its parents and grandparents: printers look at grandchildren, as in
        x - 2*y) is printed, so memory stays of the order of the output, not of the
        sum of the forms of all subexpressions (quadratic in the depth)."""
        p = self.p
        r = self.memo.get(e)
        if r is not None:
            return r[0]
        order = self._unprinted(e)
        _check_tree_size(order)
        if len(order) < _RELEASE_FROM or not self.release:
            for node in order:
                p(node)
                check()
            return p(e)[0]
        users: dict[int, int] = {}
        near: list[list[Expr]] = []
        for node in order:
            kids = {id(a): a for a in node._args}
            for a in node._args:
                kids.update((id(g), g) for g in a._args)
            near.append(list(kids.values()))
            for k in kids:
                users[k] = users.get(k, 0) + 1
        memo = self.memo
        for node, kids in zip(order, near):
            p(node)
            check()
            for k in kids:
                n = users[id(k)] - 1
                users[id(k)] = n
                if n == 0:
                    memo.pop(k, None)
        return p(e)[0]

    def _unprinted(self, e: Expr) -> list[Expr]:
        """The nodes of e not printed yet, children first (a postorder that does not
        enter printed nodes: laying out nested exponents one by one stays linear)."""
        memo = self.memo
        seen: set[int] = set()
        out: list[Expr] = []
        stack: list[tuple[Expr, bool]] = [(e, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                out.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for a in reversed(node._args):
                if id(a) not in seen and a not in memo:
                    stack.append((a, False))
        return out

    def doprint(self, e: Expr) -> str:
        return self.layout(e)  # type: ignore[return-value]  # text printers

    def p(self, e: Expr) -> tuple[T, int]:
        r = self.memo.get(e)
        if r is None:
            self._depth += 1
            try:
                if self._depth > _MAX_NESTED:
                    # a dropped form needed again, deep down: rebuild it children first
                    for node in postorder(e):
                        if node not in self.memo:
                            self.memo[node] = self._print(node)
                    r = self.memo[e]
                else:
                    r = self.memo[e] = self._print(e)
            finally:
                self._depth -= 1
        return r

    def wrap(self, e: Expr, prec: int, strict: bool = False) -> T:
        """The form of e, in parentheses when its precedence is below ``prec``."""
        out, q = self.p(e)
        if q < prec or (strict and q == prec):
            return self.paren(out)
        return out

    # ---- hooks for the form of the output

    def paren(self, out: T) -> T:
        return f"({out})"  # type: ignore[return-value]

    def leaf(self, s: str) -> T:
        """A piece of literal text as output."""
        return s  # type: ignore[return-value]

    def cat(self, *parts: T | str) -> T:
        """Outputs and literal text side by side."""
        return "".join(parts)  # type: ignore[arg-type, return-value]

    # ---- dispatch

    def _print(self, e: Expr) -> tuple[T, int]:
        fn = self.PRINTERS.get(type(e))
        if fn is not None:
            return fn(self, e)
        if e.is_Number:
            return self._number(e.value)
        if e.is_Symbol:
            return self._symbol(e.name), PREC_ATOM
        if e.is_Add:
            return self._add(e)
        if e.is_Mul:
            return self._mul(e)
        if e.is_Pow:
            return self._pow(e)
        if e.is_Function:
            return self._apply(e)
        if e.is_Relational:
            return self._relational(e)
        if e.is_Boolean and e.is_Atom:
            return self._boolean(e.value), PREC_ATOM
        head = e.head
        if head == "piecewise":
            return self._piecewise(e)
        if head in ("And", "Or", "Not"):
            return self._boolop(e)
        if e.is_Atom:
            r = self._constant(e)
            if r is not None:
                return r, PREC_ATOM
        raise TypeError(f"no {self.KIND}printer for {type(e).__name__}")

    # ---- node kinds (what differs is overridden)

    def _number(self, v: int | Fraction | float) -> tuple[T, int]:
        raise NotImplementedError

    def _symbol(self, name: str) -> T:
        return self.leaf(name)

    def _add_pieces(self, e: Expr, terms: list[Expr] | None = None) -> list[tuple[str, T]]:
        """(operator, output with the operator) for each term: ("", x), (" - ", " - 2*y");
        the terms of the sum ``e``, or ``terms`` in their order."""
        out: list[tuple[str, T]] = []
        if terms is None:
            terms = add_terms_in_print_order(e, self.ascending)
        for i, t in enumerate(terms):
            if is_negative_term(t):
                op = self.MINUS if i == 0 else " - "
                b = self.wrap(-t, PREC_ADD, True)
            else:
                op = "" if i == 0 else " + "
                b = self.wrap(t, PREC_ADD)
            out.append((op, self.cat(op, b) if op else b))
        return out

    def _add(self, e: Expr) -> tuple[T, int]:
        return self.cat(*(b for _, b in self._add_pieces(e))), PREC_ADD

    def _mul(self, e: Expr) -> tuple[T, int]:
        raise NotImplementedError

    def _pow(self, e: Expr) -> tuple[T, int]:
        """b^x: a reciprocal for a negative number x, a root for x = 1/n, else a power."""
        b, x = e._args
        if has_negative_number_exp(e):
            return self._reciprocal(inverted(e))
        n = root_index(x)
        if n is not None:
            r = self._root(b, n)
            if r is not None:
                return r
        return self._power(b, x)

    def _reciprocal(self, d: Expr) -> tuple[T, int]:
        """1/d."""
        raise NotImplementedError

    def _root(self, b: Expr, n: int) -> tuple[T, int] | None:
        """The n-th root of b, or None to print it as a power."""
        return None

    def _power(self, b: Expr, x: Expr) -> tuple[T, int]:
        raise NotImplementedError

    def _apply(self, e: Expr) -> tuple[T, int]:
        raise NotImplementedError

    def _relational(self, e: Expr) -> tuple[T, int]:
        op = self.RELATIONS.get(e.op, e.op)
        return self.cat(self.wrap(e._args[0], PREC_REL, True), f" {op} ",
                        self.wrap(e._args[1], PREC_REL, True)), PREC_REL

    def _boolean(self, value: bool) -> T:
        return self.leaf("True" if value else "False")

    def _piecewise(self, e: Expr) -> tuple[T, int]:
        raise NotImplementedError

    def _boolop(self, e: Expr) -> tuple[T, int]:
        head = e.head
        if head == "Not":
            return self.cat(self.NOT, self.wrap(e._args[0], self.NOT_OPERAND)), 4
        prec = 3 if head == "And" else 2
        word = self.AND if head == "And" else self.OR
        parts: list[T | str] = []
        for i, a in enumerate(e._args):
            if i:
                parts.append(word)
            parts.append(self.wrap(a, prec, True))
        return self.cat(*parts), prec

    def _constant(self, e: Expr) -> T | None:
        """A named constant (pi, E, oo, ...), or None when this printer has no form for it."""
        return self.leaf(e.name)
