r"""Printing shaped expressions: str (parses back), unicode (Xᵀ, ⊙, ‖·‖, tr) and LaTeX.

One printer, three styles; each node kind is one method ``_<op>``.

>>> from symcalc.tensor import MatrixSymbol, VectorSymbol, norm
>>> X = MatrixSymbol("X", 5, 3); w = VectorSymbol("w", 3); y = VectorSymbol("y", 5)
>>> e = 2 * X.T @ (X @ w - y)
>>> tstr(e), tpretty(e), tlatex(e)
('2*X.T@(X@w - y)', '2 Xᵀ(X w - y)', '2 X^{\\top}\\left(X w - y\\right)')
"""

from __future__ import annotations

from typing import Any

from ..core import ONE, Expr
from .expr import TExpr

ADD, MUL, NEG, POW, ATOM = 10, 20, 25, 30, 40

_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _reciprocal(c: Expr) -> Expr | None:
    """q when c = 1/q (a reciprocal power or a unit fraction), else None."""
    if c.is_Pow and c.args[1].is_Number and c.args[1].value < 0:
        return c.args[0] ** (-c.args[1])
    if c.is_Number and not isinstance(c.value, (int, float)) and c.value.numerator == 1:
        from ..core import number

        return number(c.value.denominator)
    return None


class _Printer:
    def __init__(self, style: str) -> None:
        self.style = style  # "str", "unicode" or "latex"
        self.memo: dict[int, tuple[str, int]] = {}

    # ---- scalars and names

    def scalar(self, c: Expr) -> tuple[str, int]:
        from ..printing.str import sstr

        if self.style == "str":
            s = sstr(c)
        elif self.style == "unicode":
            from ..printing.pretty import pretty

            s = pretty(c, oneline=True)
        else:
            from ..printing.latex import latex

            s = latex(c)
        if c.is_Add:
            return s, ADD
        if c.is_Number and c.value < 0 or s.startswith("-"):
            return s, NEG
        if c.is_Mul or c.is_Number and not isinstance(c.value, int):
            return s, MUL
        return s, ATOM

    def name(self, n: str) -> str:
        if self.style == "unicode":
            from ..printing.pretty import pretty_symbol_name

            return pretty_symbol_name(n)
        if self.style == "latex":
            from ..printing.latex import latex_symbol_name

            return latex_symbol_name(n)
        return n

    def call(self, fname: str, *args: str) -> tuple[str, int]:
        if self.style == "latex":
            op = {"tr": "\\operatorname{tr}", "det": "\\det", "logdet": "\\log\\det",
                  "diag": "\\operatorname{diag}", "sum": "\\sum",
                  "softmax": "\\operatorname{softmax}",
                  "log_softmax": "\\operatorname{log\\,softmax}",
                  "logsumexp": "\\operatorname{logsumexp}",
                  "vec": "\\operatorname{vec}"}.get(fname, "\\operatorname{%s}" %
                                                   fname.replace("_", "\\_"))
            return f"{op}\\left({', '.join(args)}\\right)", ATOM
        return f"{fname}({', '.join(args)})", ATOM

    def paren(self, s: str) -> str:
        return f"\\left({s}\\right)" if self.style == "latex" else f"({s})"

    def wrap(self, t: TExpr, prec: int, strict: bool = False) -> str:
        s, q = self.p(t)
        return self.paren(s) if q < prec or (strict and q == prec) else s

    # ---- dispatch

    def p(self, t: TExpr) -> tuple[str, int]:
        r = self.memo.get(id(t))
        if r is None:
            r = self.memo[id(t)] = getattr(self, "_" + t.op)(t)
        return r

    def _sym(self, t: TExpr) -> tuple[str, int]:
        return self.name(t.data[0]), ATOM

    def _const(self, t: TExpr) -> tuple[str, int]:
        return self.scalar(t.data)

    def _dims(self, t: TExpr) -> list[str]:
        return [str(d) for d in t.shape]

    def _zero(self, t: TExpr) -> tuple[str, int]:
        if not t.shape:
            return "0", ATOM
        if self.style == "str":
            return self.call("zeros", *self._dims(t))
        return ("0" if self.style == "unicode" else "\\mathbf{0}"), ATOM

    def _ones(self, t: TExpr) -> tuple[str, int]:
        if self.style == "str":
            return self.call("ones", *self._dims(t))
        return ("𝟏" if self.style == "unicode" else "\\mathbf{1}"), ATOM

    def _eye(self, t: TExpr) -> tuple[str, int]:
        if self.style == "str":
            return self.call("eye", str(t.shape[0]))
        return "I", ATOM

    def _commutation(self, t: TExpr) -> tuple[str, int]:
        m, n = t.data
        if self.style == "latex":
            return f"K_{{{m},{n}}}", ATOM
        return self.call("commutation" if self.style == "str" else "K", str(m), str(n))

    def _add(self, t: TExpr) -> tuple[str, int]:
        parts: list[str] = []
        args = _bare_rows(t.args)
        pairs = list(zip(args, t.data))
        if args is not t.args:  # a bias reads after the matrix it is added to: X W + b
            pairs = [p for p, a in zip(pairs, t.args) if not _row_broadcast(a)] + \
                [p for p, a in zip(pairs, t.args) if _row_broadcast(a)]
        terms = [self._term(term, c)[0] for term, c in pairs]
        if terms[0].startswith("-"):  # lead with a positive term: 1 - tanh(a)²
            k = next((i for i, s in enumerate(terms) if not s.startswith("-")), 0)
            terms.insert(0, terms.pop(k))
        for s in terms:
            if parts:
                if s.startswith("-"):
                    parts.append(" - " + s[1:])
                else:
                    parts.append(" + " + s)
            else:
                parts.append(s)
        return "".join(parts), ADD

    def _term(self, rest: TExpr, c: Expr) -> tuple[str, int]:
        if rest.op == "const" and rest.data is ONE:
            return self.scalar(c)
        body, q = self.p(rest)
        if c is ONE:
            return body, q
        if _reciprocal(c) is not None and self.style != "latex":
            return self._term_coef(c, body if q >= MUL else self.paren(body))
        if c.is_Number and c.value == -1:
            return "-" + (body if q >= MUL else self.paren(body)), NEG
        cs, cq = self.scalar(c)
        if cq < MUL:
            cs = self.paren(cs)
        neg = cs.startswith("-")
        if q < MUL or q == MUL and rest.op == "mul" and self.style != "str":
            body = self.paren(body)
        return cs + self._times_scalar() + body, NEG if neg else MUL

    def _times_scalar(self) -> str:
        return "*" if self.style == "str" else " "

    def _mul(self, t: TExpr) -> tuple[str, int]:
        coef, exps = t.data
        num, den = [], []
        for b, e in zip(_bare_rows(t.args), exps):
            if e.is_Number and e.value < 0:
                den.append((b, -e))
            else:
                num.append((b, e))
        had = any(b.shape for b in t.args)
        sep = "*" if self.style == "str" else (" ⊙ " if self.style == "unicode" else
                                               " \\odot ")
        ssep = "*" if self.style == "str" else " "

        many = sum(1 for b in t.args if b.shape) > 1

        def factor(b: TExpr, e: Expr) -> str:
            if e is ONE:
                return self.wrap(b, MUL, strict=b.op in ("mul", "matmul") and had and many)
            return self._pow(b, e)

        # scalars first (juxtaposed in unicode), then the shaped factors joined by ⊙
        sc = [factor(b, e) for b, e in num if not b.shape]
        sh = [factor(b, e) for b, e in num if b.shape]
        s = ssep.join(sc + ([sep.join(sh)] if sh else [])) if sc else sep.join(sh)
        if den:
            if self.style == "latex":
                d = " ".join(factor(b, e) for b, e in den)
                s = f"\\frac{{{s or '1'}}}{{{d}}}"
            else:
                ds = [factor(b, e) for b, e in den]
                d = ds[0] if len(ds) == 1 else self.paren(sep.join(ds) if any(
                    b.shape for b, _ in den) else ssep.join(ds))
                s = (s or "1") + "/" + d
        if coef is not ONE:
            return self._term_coef(coef, s)
        return s, MUL

    def _term_coef(self, c: Expr, s: str) -> tuple[str, int]:
        if c.is_Number and c.value == -1:
            return "-" + s, NEG
        den = _reciprocal(c)
        if den is not None and self.style != "latex":  # Q Kᵀ/√d rather than 1/√d Q Kᵀ
            ds, dq = self.scalar(den)
            return f"{s}/{ds if dq >= ATOM else self.paren(ds)}", MUL
        cs, cq = self.scalar(c)
        if cq < MUL:
            cs = self.paren(cs)
        if self.style == "latex" and c.is_Number and not isinstance(c.value, (int, float)):
            return f"{cs} {s}", NEG if c.value < 0 else MUL
        return cs + self._times_scalar() + s, NEG if cs.startswith("-") else MUL

    def _pow(self, b: TExpr, e: Expr) -> str:
        base = self.wrap(b, ATOM) if b.op != "sym" else self.p(b)[0]
        if e.is_Number and e.value == 0.5 and not isinstance(e.value, float):
            return self.call("sqrt", self.p(b)[0])[0]
        es, eq = self.scalar(e)
        if self.style == "str":
            return f"{base}^{es if eq >= ATOM and not es.startswith('-') else '(' + es + ')'}"
        if self.style == "latex":
            return f"{base}^{{{es}}}"
        sup = es.translate(_SUP) if all(ch in "0123456789-" for ch in es) else None
        return base + (sup if sup is not None else "^" + self.paren(es))

    def _func(self, t: TExpr) -> tuple[str, int]:
        f = t.data
        arg = self.p(t.args[0])[0]
        if self.style == "unicode":
            return f"{f.unicode}({arg})", ATOM
        if self.style == "latex":
            return f"{f.latex}\\left({arg}\\right)", ATOM
        return f"{f.name}({arg})", ATOM

    def _matmul(self, t: TExpr) -> tuple[str, int]:
        parts = []
        for i, f in enumerate(t.args):
            strict = i > 0 or f.op == "mul"
            parts.append(self.wrap(f, ATOM if f.op in ("mul", "add", "kron") else MUL,
                                   strict=strict and f.op in ("mul", "add", "matmul")))
        if self.style == "str":
            return "@".join(parts), MUL
        if t.args[0].ndim == 1:  # a vector on the left is a row: xᵀA x
            parts[0] += "ᵀ" if self.style == "unicode" else "^{\\top}"
        out = parts[0]
        for s in parts[1:]:
            out += s if s.startswith(("(", "\\left(")) else " " + s
        return out, MUL

    def _T(self, t: TExpr) -> tuple[str, int]:
        a = t.args[0]
        base = self.wrap(a, ATOM) if a.op != "sym" else self.p(a)[0]
        if self.style == "str":
            return base + ".T", ATOM
        if self.style == "latex":
            return base + "^{\\top}", ATOM
        return base + "ᵀ", ATOM

    def _inv(self, t: TExpr) -> tuple[str, int]:
        a = t.args[0]
        if self.style == "str":
            return self.call("inv", self.p(a)[0])
        sup = ("⁻ᵀ", "^{-\\top}") if a.op == "T" else ("⁻¹", "^{-1}")
        if a.op == "T":
            a = a.args[0]
        base = self.wrap(a, ATOM) if a.op != "sym" else self.p(a)[0]
        return base + (sup[0] if self.style == "unicode" else sup[1]), ATOM

    def _unary(self, fname: str, t: TExpr) -> tuple[str, int]:
        return self.call(fname, self.p(t.args[0])[0])

    def _sum(self, t: TExpr) -> tuple[str, int]:
        args = [self.p(t.args[0])[0]]
        if t.data is not None:
            args.append(str(t.data))
        return self.call("sum", *args)

    def _trace(self, t: TExpr) -> tuple[str, int]:
        return self._unary("tr", t)

    def _det(self, t: TExpr) -> tuple[str, int]:
        return self._unary("det", t)

    def _logdet(self, t: TExpr) -> tuple[str, int]:
        return self._unary("logdet", t)

    def _diag(self, t: TExpr) -> tuple[str, int]:
        return self._unary("diag", t)

    _diagpart = _diag

    def _vec(self, t: TExpr) -> tuple[str, int]:
        return self._unary("vec", t)

    def _softmax(self, t: TExpr) -> tuple[str, int]:
        return self._unary("softmax", t)

    def _log_softmax(self, t: TExpr) -> tuple[str, int]:
        return self._unary("log_softmax", t)

    def _logsumexp(self, t: TExpr) -> tuple[str, int]:
        return self._unary("logsumexp", t)

    def _norm(self, t: TExpr) -> tuple[str, int]:
        a = self.p(t.args[0])[0]
        p = t.data
        if self.style == "str":
            return self.call("norm", a, *(["1"] if p == 1 else []))
        if self.style == "latex":
            return f"\\left\\lVert {a}\\right\\rVert" + ("_{1}" if p == 1 else ""), ATOM
        return f"‖{a}‖" + ("₁" if p == 1 else ""), ATOM

    def _outer(self, t: TExpr) -> tuple[str, int]:
        a, b = t.args
        if self.style == "str":
            return self.call("outer", self.p(a)[0], self.p(b)[0])
        bt = self.wrap(b, ATOM) + ("ᵀ" if self.style == "unicode" else "^{\\top}")
        return self.wrap(a, MUL, strict=True) + " " + bt, MUL

    def _permute(self, t: TExpr) -> tuple[str, int]:
        return self.call("permute", self.p(t.args[0])[0], ", ".join(map(str, t.data)))

    def _contract(self, t: TExpr) -> tuple[str, int]:
        """``tensordot(T, x, 2, 0)``: the axes of the first, then those of the second
        (str parses back); pretty and LaTeX group them as tuples."""
        a, b = (self.p(x)[0] for x in t.args)
        ia, ib = t.data
        if self.style == "str":
            return self.call("tensordot", a, b, *(map(str, ia + ib)))
        return self.call("tensordot", a, b, _axes_str(ia, self.style),
                         _axes_str(ib, self.style))

    def _kron(self, t: TExpr) -> tuple[str, int]:
        a, b = t.args
        if self.style == "str":
            return self.call("kron", self.p(a)[0], self.p(b)[0])
        op = " ⊗ " if self.style == "unicode" else " \\otimes "
        sa = self.wrap(a, ATOM)
        if a.ndim == 1:  # a row vector, as in np.kron
            sa += "ᵀ" if self.style == "unicode" else "^{\\top}"
        return sa + op + self.wrap(b, ATOM), MUL


def _axes_str(axes: tuple, style: str) -> str:
    return ", ".join(map(str, axes)) if style == "str" else \
        "(" + ", ".join(map(str, axes)) + ("," if len(axes) == 1 else "") + ")"


def _row_broadcast(t: TExpr) -> bool:
    return t.op == "outer" and t.args[0].op == "ones"


def _bare_rows(args: tuple) -> tuple:
    """Next to a matrix, a vector repeated on every row (𝟏bᵀ) prints as the vector b,
    as NumPy's broadcasting reads it (``X@W + b``); it parses back to the same node."""
    if not any(_row_broadcast(a) for a in args) or not any(
            a.ndim == 2 and not _row_broadcast(a) for a in args):
        return args
    return tuple(a.args[1] if _row_broadcast(a) else a for a in args)


def _run(t: Any, style: str) -> str:
    if not isinstance(t, TExpr):
        from ..printing.str import sstr

        return sstr(t)
    return _Printer(style).p(t)[0]


def tstr(t: TExpr) -> str:
    """One line that parses back (with the symbols declared): ``2*X.T@(X@w - y)``."""
    return _run(t, "str")


def tpretty(t: TExpr) -> str:
    """Matrix notation in unicode: ``2 Xᵀ(X w - y)``, ``diag(s) - s sᵀ``, ``‖r‖``."""
    return _run(t, "unicode")


def tlatex(t: TExpr) -> str:
    """LaTeX in matrix notation."""
    return _run(t, "latex")
