r"""Worked derivations: ``diff(e, x, steps=True)`` says which rule applies where.

The explanation walks the expression top-down with the rules ``diff`` uses (sum,
constant multiple, product, quotient, power, exponential, general power, chain,
piecewise, and the derivative table) and records one :class:`Step` per
subexpression. No derivative is worked out twice by other means: each step's result
is what ``diff``'s own rules give for that node, and the outer derivatives of the
chain rule come from :func:`~symcalc.calculus.diff.partial`, i.e. from the rule file.
The lines between a rule and its result ("``= cos(x^2)*(2*x)``") are display forms
that keep the shape of the rule, since canonical expressions would fold them at once.

>>> from symcalc import parse, diff, symbols
>>> x = symbols("x")
>>> result, how = diff(parse("sin(x^2)"), x, steps=True)
>>> print(how)
d/dx sin(x^2)
  chain rule: outer sin(u), inner u = x^2
    d/du sin(u) = cos(u)    derivative of sin
    d/dx x^2 = 2*x          power rule
  = cos(x^2)*(2*x)
  = 2*x*cos(x^2)
>>> [s.rule for s in how.steps[0].substeps]
['derivative of sin', 'power rule']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..core import MINUS_ONE, ONE, ZERO, Expr, Symbol, add, log, mul, power
from ..core.traversal import free_symbols, subs
from ..printing.common import has_negative_number_exp, inverted
from ..printing.latex import LatexPrinter, latex_symbol_name
from ..printing.order import add_terms_in_print_order
from ..printing.str import PREC_ADD, PREC_MUL, PREC_NEG, PREC_POW, StrPrinter
from .diff import DiffError, _d, _is_derivative, derivative_table, partial

# =========================================================================== steps


@dataclass(frozen=True, eq=False)
class Step:
    """One rule applied to one subexpression: d(expr)/d(var) = result, by ``rule``.

    ``parts`` names the pieces the rule speaks of (``f`` and ``g`` of the quotient
    rule, ``outer`` and the inner ``u`` of the chain rule, the conditions of a
    piecewise); ``work`` holds the lines between the rule and its canonical result.
    """

    rule: str
    expr: Expr
    var: Symbol
    result: Expr
    substeps: tuple[Step, ...] = ()
    parts: tuple[tuple[Any, Expr], ...] = ()
    work: tuple[Any, ...] = ()
    partial: bool = False  # ∂/∂u: the outer function has several varying arguments

    def walk(self) -> Iterator[Step]:
        """This step and all its substeps, parents first."""
        yield self
        for s in self.substeps:
            yield from s.walk()

    def __str__(self) -> str:
        return _render_str(_step_lines(self, 0, top=True))

    def latex(self) -> str:
        return _render_latex(_step_lines(self, 0, top=True))


class Derivation:
    """A worked derivation: ``steps`` holds one :class:`Step` per differentiation."""

    def __init__(self, expr: Expr, variables: tuple[Symbol, ...], steps: tuple[Step, ...],
                 result: Expr) -> None:
        self.expr = expr
        self.variables = variables
        self.steps = steps
        self.result = result

    def rules(self) -> list[str]:
        """The name of every rule applied, in reading order."""
        return [s.rule for top in self.steps for s in top.walk()]

    def _lines(self) -> list[_Line]:
        lines: list[_Line] = []
        for i, s in enumerate(self.steps):
            if i:
                lines.append(_Line(0, []))
            lines.extend(_step_lines(s, 0, top=True))
        if len(self.steps) > 1:
            lines.append(_Line(0, []))
            lines.append(_Line(0, [("text", "so "), ("op", self.variables, False),
                                   ("target", self.expr), _EQ, ("math", self.result)]))
        return lines

    def __str__(self) -> str:
        return _render_str(self._lines())

    __repr__ = __str__

    def latex(self) -> str:
        r"""The derivation as a LaTeX ``aligned`` environment (one row per line)."""
        return _render_latex(self._lines())

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {self.latex()}$"


def derive_with_steps(e: Expr, vars_: Sequence[Symbol]) -> tuple[Expr, Derivation]:
    """``(diff(e, *vars_), derivation)``; what ``diff(e, ..., steps=True)`` returns."""
    steps: list[Step] = []
    cur = e
    for v in vars_:
        result = _d(cur, v)  # exactly diff's computation (and its errors)
        steps.append(_Explainer(v).explain(cur, top_result=result))
        cur = result
    return cur, Derivation(e, tuple(vars_), tuple(steps), cur)


def explain(e: Expr, x: Symbol) -> Step:
    """The step tree of de/dx."""
    return _Explainer(x).explain(e, top_result=_d(e, x))


# =========================================================================== the walk


class _Explainer:
    """Explains d/dx of subexpressions top-down, mirroring diff's rules."""

    def __init__(self, x: Symbol) -> None:
        self.x = x
        self.memo: dict[Expr, Expr] = {}
        self.seen: dict[Expr, Step] = {}

    def D(self, e: Expr) -> Expr:
        """de/dx by diff's rules, with one memo for the whole derivation."""
        return _d(e, self.x, self.memo)

    def explain(self, e: Expr, top_result: Expr | None = None) -> Step:
        if top_result is not None:
            self.memo[e] = top_result
        x = self.x
        if x not in free_symbols(e):
            return Step("constant rule", e, x, ZERO)
        if e is x:
            return Step(f"derivative of {x}", e, x, ONE)
        done = self.seen.get(e)
        if done is not None:  # a shared subexpression is explained once
            return Step("as above", e, x, done.result)
        step = self._dispatch(e)
        if step.substeps:
            self.seen[e] = step
        return step

    def _dispatch(self, e: Expr) -> Step:
        x = self.x
        if e.is_Add:
            subs_ = tuple(self.explain(t) for t in add_terms_in_print_order(e))
            return Step("sum rule", e, x, self.D(e), subs_)
        if e.is_Mul:
            return self._product(e)
        if e.is_Pow:
            return self._power(e)
        if e.is_Function:
            return self._function(e)
        if e.head == "piecewise":
            pieces = e.pieces
            subs_ = tuple(self.explain(v) for v, _ in pieces)
            return Step("piecewise: branch by branch", e, x, self.D(e), subs_,
                        parts=tuple(("for", c) for _, c in pieces))
        raise DiffError(f"cannot differentiate {e.head} expressions: {e}")

    # ---- products: constant multiple, quotient, product rule

    def _product(self, e: Expr) -> Step:
        x, D = self.x, self.D
        consts = [a for a in e._args if x not in free_symbols(a)]
        varying = [a for a in e._args if x in free_symbols(a)]
        if consts:
            c, f = mul(*consts), mul(*varying)
            return Step("constant multiple rule", e, x, D(e), (self.explain(f),),
                        parts=(("c", c), ("f", f)), work=(_prod(c, D(f)),))
        den = [inverted(a) for a in varying if has_negative_number_exp(a)]
        if den:
            # (f/g)' = (f'g - fg')/g^2, read off the factors with negative exponents
            f = mul(*(a for a in varying if not has_negative_number_exp(a)))
            g = mul(*den)
            top = _sum((1, _prod(D(f), g)), (-1, _prod(f, D(g))))
            return Step("quotient rule", e, x, D(e), (self.explain(f), self.explain(g)),
                        parts=(("f", f), ("g", g)), work=(_quot(top, _Sq(g)),))
        names = _factor_names(len(varying))
        terms = [(1, _prod(*(D(a) if j == i else a for j, a in enumerate(varying))))
                 for i in range(len(varying))]
        return Step("product rule", e, x, D(e), tuple(self.explain(a) for a in varying),
                    parts=tuple(zip(names, varying)), work=(_sum(*terms),))

    # ---- powers

    def _power(self, e: Expr) -> Step:
        x, D = self.x, self.D
        b, n = e._args
        b_varies, n_varies = x in free_symbols(b), x in free_symbols(n)
        if not n_varies:
            if b is x:
                return Step("power rule", e, x, D(e))
            u = _fresh(1, e, x)[0]
            outer = power(u, n)
            at = power(b, add(n, -1))
            # n*b^(n-1) with the inner sum kept whole: 2*(x^2 + 1), not 2*x^2 + 2
            at_inner = [_prod(n, at) if at.is_Add else mul(n, at)]
            return self._chain(e, outer, [(u, b)], ["power rule"], [_d(outer, u)], at_inner)
        if not b_varies:
            if b is ZERO:  # 0^u is 0 wherever it is defined
                return Step("constant rule", e, x, ZERO)
            if n is x:
                return Step("exponential rule", e, x, D(e))
            u = _fresh(1, e, x)[0]
            return self._chain(e, power(b, u), [(u, n)], ["exponential rule"],
                               [_d(power(b, u), u)])
        # (f^g)' = f^g*(g'*log(f) + g*f'/f), from f^g = exp(g*log(f))
        work = _prod(e, _sum((1, _prod(D(n), log(b))), (1, _quot(_prod(n, D(b)), b))))
        return Step("general power rule", e, x, D(e), (self.explain(b), self.explain(n)),
                    parts=(("f", b), ("g", n)), work=(work,))

    # ---- functions: the table, through the chain rule

    def _function(self, e: Expr) -> Step:
        x = self.x
        if _is_derivative(e):
            return Step("unevaluated derivative", e, x, self.D(e))
        if e.fdef.undefined and e.fdef.name == "pdiff":
            return Step("chain rule through pdiff", e, x, self.D(e))
        from .leibniz import is_integral_node

        if is_integral_node(e):
            return self._integral(e)
        args = e._args
        rd = getattr(e.fdef, "real_diff", None)  # re, im, conjugate, arg, abs of complex
        if rd is not None and rd(args, tuple(self.D(a) for a in args)) is not None:
            return Step(f"derivative of {e.fdef.name} along a real variable", e, x, self.D(e),
                        tuple(self.explain(a) for a in args if x in free_symbols(a)))
        pos = [i for i, a in enumerate(args) if x in free_symbols(a)]
        if len(pos) == 1 and args[pos[0]] is x:
            return Step(_table_name(e, pos[0]), e, x, self.D(e))
        us = _fresh(len(pos), e, x)
        new = list(args)
        for i, u in zip(pos, us):
            new[i] = u
        outer = e.func(*new)
        return self._chain(e, outer, list(zip(us, (args[i] for i in pos))),
                           [_table_name(e, i) for i in pos],
                           [partial(e.fdef, tuple(new), i) for i in pos],
                           [partial(e.fdef, args, i) for i in pos])

    def _integral(self, e: Expr) -> Step:
        """d/dx ∫_a^b f dt = f(b)·b' - f(a)·a' + ∫_a^b ∂f/∂x dt (calculus/leibniz.py)."""
        x = self.x
        f, t = e._args[0], e._args[1]
        if len(e._args) == 2:
            return Step("fundamental theorem of calculus", e, x, self.D(e),
                        parts=(("f", f),))
        lo, hi = e._args[2], e._args[3]
        moving = [b for b in (hi, lo) if x in free_symbols(b)]
        inside = t is not x and x in free_symbols(f)
        ftc = not inside and len(moving) == 1 and moving[0] is hi and hi is x
        rule = "fundamental theorem of calculus" if ftc else "Leibniz rule"
        return Step(rule, e, x, self.D(e), tuple(self.explain(b) for b in moving),
                    parts=(("f", f), ("a", lo), ("b", hi)))

    def _chain(self, e: Expr, outer: Expr, inner: list[tuple[Symbol, Expr]], names: list[str],
               douter: list[Expr], at_inner: list[Expr] | None = None) -> Step:
        """d/dx outer(u(x), ...) = sum of d outer/du * du/dx."""
        x = self.x
        if at_inner is None:
            at_inner = [subs(d, dict(inner)) for d in douter]
        several = len(inner) > 1
        substeps: list[Step] = []
        terms = []
        for (u, a), name, d, da in zip(inner, names, douter, at_inner):
            substeps.append(Step(name, outer, u, d, partial=several))
            substeps.append(self.explain(a))
            terms.append((1, _prod(da, self.D(a))))
        return Step("chain rule", e, x, self.D(e), tuple(substeps),
                    parts=(("outer", outer), *inner), work=(_sum(*terms),))


def _table_name(e: Expr, i: int) -> str:
    entry = derivative_table().get(e.fdef, {}).get(i)
    return entry[2] if entry is not None else f"derivative of {e.fdef.name}"


def _fresh(k: int, e: Expr, x: Symbol) -> list[Symbol]:
    """k symbols for inner functions, none of them already in ``e``."""
    taken = {s.name for s in free_symbols(e)} | {x.name}
    out: list[Symbol] = []
    i = 0
    while len(out) < k:
        base = "uvwts"[i % 5]
        name = base if i < 5 else f"{base}{i // 5}"
        if name not in taken:
            out.append(Symbol(name))
        i += 1
    return out


def _factor_names(n: int) -> list[str]:
    return list("fghk")[:n] if n <= 4 else [f"f{i + 1}" for i in range(n)]


# =========================================================================== display forms
# Unevaluated arithmetic for the worked lines: f'*g - f*g' keeps its shape here, where
# canonical construction would fold it. Items are expressions or other forms; ones are
# dropped from products and zeros from sums, as a person writing it out would.


class _Prod:
    __slots__ = ("items", "neg")

    def __init__(self, items: tuple, neg: bool) -> None:
        self.items, self.neg = items, neg

    def render(self, ctx: _Ctx) -> tuple[str, int]:
        neg = self.neg
        parts: list[str] = []
        for i, it in enumerate(self.items):
            if i == 0:  # a leading sign goes in front of the product: -3*(-1/x^2)
                n, s, q = ctx.signed(it)
                neg ^= n
            else:
                s, q = ctx.math(it)
            # in text, a product inside a product keeps its parentheses: cos(x^2)*(2*x)
            if q < PREC_MUL or (i and not ctx.latex and q == PREC_MUL):
                s = ctx.paren(s)
            parts.append(s)
        body = parts[0]
        for p in parts[1:]:
            if ctx.latex:
                body += (" \\cdot " if p[0].isdigit() or p.startswith("\\frac") else " ") + p
            else:
                body += "*" + p
        return (ctx.minus + body, PREC_NEG) if neg else (body, PREC_MUL)


class _Sum:
    __slots__ = ("terms",)

    def __init__(self, terms: tuple) -> None:
        self.terms = terms

    def render(self, ctx: _Ctx) -> tuple[str, int]:
        out = ""
        for i, (sign, it) in enumerate(self.terms):
            n, s, q = ctx.signed(it)
            if n:
                sign = -sign
            if q <= PREC_ADD:  # (x + 1) + x: each term of the rule stays one piece
                s = ctx.paren(s)
            if sign < 0:
                out += (ctx.minus if i == 0 else " - ") + s
            else:
                out += s if i == 0 else " + " + s
        return out, PREC_ADD


class _Quot:
    __slots__ = ("num", "den")

    def __init__(self, num: Any, den: Any) -> None:
        self.num, self.den = num, den

    def render(self, ctx: _Ctx) -> tuple[str, int]:
        n1, top, tq = ctx.signed(self.num)
        n2, bottom, bq = ctx.signed(self.den)
        if ctx.latex:
            body = f"\\frac{{{top}}}{{{bottom}}}"
        else:
            if tq < PREC_MUL:
                top = ctx.paren(top)
            if bq <= PREC_MUL:
                bottom = ctx.paren(bottom)
            body = f"{top}/{bottom}"
        return (ctx.minus + body, PREC_NEG) if n1 ^ n2 else (body, PREC_MUL)


class _Sq:
    __slots__ = ("base",)

    def __init__(self, base: Any) -> None:
        self.base = base

    def render(self, ctx: _Ctx) -> tuple[str, int]:
        s, q = ctx.math(self.base)
        if q <= PREC_POW:
            s = ctx.paren(s)
        return (f"{s}^{{2}}" if ctx.latex else f"{s}^2"), PREC_POW


def _prod(*items: Any) -> Any:
    neg = False
    keep: list[Any] = []
    for it in items:
        if it is ONE:
            continue
        if it is ZERO:
            return ZERO
        if it is MINUS_ONE:
            neg = not neg
            continue
        keep.append(it)
    if not keep:
        return MINUS_ONE if neg else ONE
    if len(keep) == 1 and not neg:
        return keep[0]
    return _Prod(tuple(keep), neg)


def _sum(*terms: tuple[int, Any]) -> Any:
    keep = tuple((s, it) for s, it in terms if it is not ZERO)
    if not keep:
        return ZERO
    if len(keep) == 1:
        s, it = keep[0]
        return it if s > 0 else _Prod((it,), True)
    return _Sum(keep)


def _quot(num: Any, den: Any) -> Any:
    if num is ZERO or den is ONE:
        return num
    return _Quot(num, den)


# =========================================================================== rendering


class _Ctx:
    """Renders expressions and forms as text or LaTeX, with their precedence."""

    def __init__(self, latex: bool) -> None:
        self.latex = latex
        self.printer: Any = LatexPrinter() if latex else StrPrinter()
        self.minus = "- " if latex else "-"

    def math(self, it: Any) -> tuple[str, int]:
        if isinstance(it, Expr):
            self.printer.doprint(it)  # children first: deep trees do not recurse
            return self.printer.p(it)
        return it.render(self)

    def signed(self, it: Any) -> tuple[bool, str, int]:
        """(negative, text of the magnitude, its precedence): the sign goes outside."""
        s, q = self.math(it)
        if q != PREC_NEG:
            return False, s, q
        if isinstance(it, Expr):
            s, q = self.math(mul(-1, it))
            return True, s, q
        # a negated form: its text is the minus sign and a product
        return True, s[len(self.minus):], PREC_MUL

    def paren(self, s: str) -> str:
        return f"\\left({s}\\right)" if self.latex else f"({s})"


# A line is a list of segments: ("text", words), ("math", expression or form),
# ("tex", text form, LaTeX form), ("op", variables, partial) for d/dx, and
# ("target", expression) for what follows d/dx (in brackets when it is a sum or product).

_EQ = ("tex", " = ", " = ")

_FORMULAS = {
    "sum rule": ("(f + g)' = f' + g'", "(f + g)' = f' + g'"),
    "constant multiple rule": ("(c*f)' = c*f'", "(c f)' = c f'"),
    "quotient rule": ("(f/g)' = (f'*g - f*g')/g^2",
                      "\\left(\\frac{f}{g}\\right)' = \\frac{f' g - f g'}{g^{2}}"),
    "general power rule": ("(f^g)' = f^g*(g'*log(f) + g*f'/f)",
                           "\\left(f^{g}\\right)' = f^{g} \\left(g' \\log{\\left(f \\right)}"
                           " + \\frac{g f'}{f}\\right)"),
}


class _Line:
    __slots__ = ("depth", "segs", "note")

    def __init__(self, depth: int, segs: list, note: list | None = None) -> None:
        self.depth, self.segs, self.note = depth, segs, note


def _product_formula(names: list[str]) -> tuple[str, str]:
    def term(i: int, sep: str) -> str:
        return sep.join(n + ("'" if j == i else "") for j, n in enumerate(names))

    lhs_s, lhs_l = "*".join(names), " ".join(names)
    rhs_s = " + ".join(term(i, "*") for i in range(len(names)))
    rhs_l = " + ".join(term(i, " ") for i in range(len(names)))
    return f"({lhs_s})' = {rhs_s}", f"({lhs_l})' = {rhs_l}"


def _parts_segs(step: Step) -> list:
    """`` with f = .., g = ..`` or ``: outer sin(u), inner u = x^2``."""
    if step.rule == "chain rule":
        (_, outer), *inner = step.parts
        segs: list = [("text", ": outer "), ("math", outer), ("text", ", inner ")]
        for i, (u, a) in enumerate(inner):
            if i:
                segs.append(("tex", ", ", ",\\ "))
            segs += [("math", u), _EQ, ("math", a)]
        return segs
    if not step.parts or step.rule.startswith("piecewise"):
        return []
    segs = [("text", " with ")]
    for i, (name, value) in enumerate(step.parts):
        if i:
            segs.append(("tex", ", ", ",\\ "))
        segs += [("tex", name, name), _EQ, ("math", value)]
    return segs


def _rule_segs(step: Step, long: bool) -> list:
    segs: list = [("text", step.rule)]
    if long:
        formula = _FORMULAS.get(step.rule)
        if step.rule == "product rule":
            formula = _product_formula([n for n, _ in step.parts])
        if formula is not None:
            segs += [("text", ": "), ("tex", *formula)]
    return segs + _parts_segs(step)


def _shown_work(step: Step) -> list:
    """The worked lines that differ (as text) from each other and from the result."""
    ctx = _Ctx(latex=False)
    out, last = [], ctx.math(step.result)[0]
    for w in reversed(step.work):
        s = ctx.math(w)[0]
        if s != last:
            out.insert(0, w)
            last = s
    return out


def _step_lines(step: Step, depth: int, top: bool) -> list[_Line]:
    lhs = [("op", (step.var,), step.partial), ("target", step.expr)]
    if not step.substeps:
        return [_Line(depth, lhs + [_EQ, ("math", step.result)], _rule_segs(step, False))]
    work = _shown_work(step)
    long = top or bool(work)
    lines: list[_Line] = []
    if long:
        lines.append(_Line(depth, lhs))
        lines.append(_Line(depth + 1, _rule_segs(step, True)))
        inner = depth + 2
    else:
        lines.append(_Line(depth, lhs + [_EQ, ("math", step.result)], _rule_segs(step, False)))
        inner = depth + 1
    labels = [c for _, c in step.parts] if step.rule.startswith("piecewise") else None
    for i, s in enumerate(step.substeps):
        if labels is not None:
            c = labels[i]
            if c.is_Boolean and c.is_Atom and c.value:
                lines.append(_Line(inner, [("text", "otherwise:")]))
            else:
                lines.append(_Line(inner, [("text", "for "), ("math", c), ("tex", ":", ":")]))
            lines.extend(_step_lines(s, inner + 1, top=False))
        else:
            lines.extend(_step_lines(s, inner, top=False))
    if long:
        for w in work:
            lines.append(_Line(depth + 1, [("tex", "= ", "= "), ("math", w)]))
        lines.append(_Line(depth + 1, [("tex", "= ", "= "), ("math", step.result)]))
    return lines


def _op_text(vars_: tuple[Symbol, ...], is_partial: bool, latex: bool) -> str:
    n = len(vars_)
    same = all(v is vars_[0] for v in vars_)
    if latex:
        names = [latex_symbol_name(v.name) for v in vars_]
        if not is_partial and same:
            sup = f"^{{{n}}}" if n > 1 else ""
            return f"\\frac{{d{sup}}}{{d{names[0]}{sup}}}"
        sup = f"^{{{n}}}" if n > 1 else ""
        den = " ".join(f"\\partial {s}" for s in reversed(names))
        return f"\\frac{{\\partial{sup}}}{{{den}}}"
    names = [v.name for v in vars_]
    if not is_partial and same:
        return f"d^{n}/d{names[0]}^{n}" if n > 1 else f"d/d{names[0]}"
    sup = f"^{n}" if n > 1 else ""
    return f"∂{sup}/" + "".join(f"∂{s}" for s in reversed(names))


def _seg_text(seg: tuple, ctx: _Ctx) -> str:
    kind = seg[0]
    if kind == "text":
        return _latex_text(seg[1]) if ctx.latex else seg[1]
    if kind == "tex":
        return seg[2] if ctx.latex else seg[1]
    if kind == "math":
        return ctx.math(seg[1])[0]
    if kind == "op":
        return _op_text(seg[1], seg[2], ctx.latex) + " "
    if kind == "target":
        s, q = ctx.math(seg[1])
        if q <= PREC_MUL:
            return f"\\left[{s}\\right]" if ctx.latex else f"[{s}]"
        return s
    raise ValueError(kind)  # pragma: no cover


def _latex_text(s: str) -> str:
    for a, b in (("\\", "\\textbackslash "), ("{", "\\{"), ("}", "\\}"), ("_", "\\_"),
                 ("&", "\\&"), ("%", "\\%"), ("#", "\\#"), ("$", "\\$"), ("^", "\\^{}")):
        s = s.replace(a, b)
    return f"\\text{{{s}}}"


_NOTE_COLUMN_MAX = 56


def _render_str(lines: list[_Line]) -> str:
    ctx = _Ctx(latex=False)
    rows = [("  " * ln.depth + "".join(_seg_text(s, ctx) for s in ln.segs),
             "".join(_seg_text(s, ctx) for s in ln.note) if ln.note else None) for ln in lines]
    out: list[str] = []
    i = 0
    while i < len(rows):
        if rows[i][1] is None:
            out.append(rows[i][0].rstrip())
            i += 1
            continue
        j = i
        while j < len(rows) and rows[j][1] is not None:
            j += 1
        # notes of consecutive lines line up, unless a line is too long for that
        fits = [len(r[0]) for r in rows[i:j] if len(r[0]) <= _NOTE_COLUMN_MAX]
        col = max(fits, default=0) + 4
        for left, note in rows[i:j]:
            out.append(left.ljust(col) + note if len(left) < col else left + "    " + note)
        i = j
    return "\n".join(out)


def _merged(segs: list) -> list:
    """Adjacent text segments as one (one ``\\text{..}`` in LaTeX)."""
    out: list = []
    for s in segs:
        if s[0] == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + s[1])
        else:
            out.append(s)
    return out


def _render_latex(lines: list[_Line]) -> str:
    ctx = _Ctx(latex=True)
    rows = []
    for ln in lines:
        body = "".join(_seg_text(s, ctx) for s in _merged(ln.segs))
        if ln.note:
            body += " \\qquad " + "".join(_seg_text(s, ctx) for s in _merged(ln.note))
        rows.append("& " + "\\quad " * ln.depth + body)
    return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"


__all__ = ["Derivation", "Step", "derive_with_steps", "explain"]
