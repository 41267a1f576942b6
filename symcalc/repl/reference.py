"""Help for every function a statement can call, from one source: the session's own
functions (``diff``, ``minimize``, ...) described here, and the mathematical
functions of the registry described by their own ``doc``. The REPL's ``:help NAME``
(also ``?NAME``, ``help(NAME)``) renders an entry as plain text, and
``docs/reference.md`` is generated from the same entries
(``python -m symcalc.repl.reference > docs/reference.md``; a test keeps it current).

Each entry has a signature, one line of meaning and an example statement; the
example is run when the help is shown, so it always runs.

>>> print(entry("sigmoid").signature)
sigmoid(x)
>>> "integrate(x*exp(x), x)" in render("integrate", run=False)
True
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Entry(NamedTuple):
    """One function: how it is called, what it is, a statement that shows it."""

    name: str
    signature: str
    meaning: str
    example: str
    aliases: tuple[str, ...] = ()


#: the session's functions (symcalc.repl.help.API and BUILTINS): signature, meaning,
#: example
SESSION: dict[str, tuple[str, str, str]] = {
    "diff": ("diff(e, x), diff(e, x, n), diff(e, x, y)",
             "the derivative of e in x (n times; in x then y)", "diff(x^2*sin(x), x)"),
    "integrate": ("integrate(e, x), integrate(e, (x, a, b))",
                  "an antiderivative in x, or the definite integral from a to b",
                  "integrate(x*exp(x), x)"),
    "simplify": ("simplify(e)", "the simplest equivalent form found",
                 "simplify(sin(x)^2 + cos(x)^2)"),
    "expand": ("expand(e)", "multiply out products and powers", "expand((x + 1)^3)"),
    "factor": ("factor(e)", "factor a polynomial over the rationals", "factor(x^2 - 1)"),
    "cancel": ("cancel(e)", "p/q with the common factors of p and q removed",
               "cancel((x^2 - 1)/(x - 1))"),
    "apart": ("apart(e, x)", "partial fractions in x", "apart(1/(x^2 - 1), x)"),
    "together": ("together(e)", "one fraction over a common denominator",
                 "together(1/x + 1/(x + 1))"),
    "collect": ("collect(e, x)", "gather the terms with the same power of x",
                "collect(a*x + b*x + x^2, x)"),
    "solve": ('solve(equation, x), solve(e, x, domain="complex")',
              "the exact roots of one equation in one unknown (real ones by default)",
              "solve(x^2 == 2, x)"),
    "series": ('series(e, x, x0=0, n=6), series(e, x, x0, n, dir="+")',
               'the Taylor or Laurent series at x0, terms of order below n ("+" or "-": '
               'the series for one side, where there is none for both)',
               "series(exp(x), x, 0, 4)"),
    "limit": ('limit(e, x, x0), limit(e, x, x0, "+")',
              'the limit as x tends to x0 ("+" or "-": from one side)',
              "limit(sin(x)/x, x, 0)"),
    "gradient": ("gradient(e, [x, y])", "the list of partial derivatives",
                 "gradient(x^2*y, [x, y])"),
    "grad": ("grad(e, [x, y])", "the same as gradient", "grad(x*y, [x, y])"),
    "jacobian": ("jacobian([f, g], [x, y])", "the matrix of partial derivatives",
                 "jacobian([x*y, x + y], [x, y])"),
    "hessian": ("hessian(e, [x, y])", "the matrix of second derivatives",
                "hessian(x^3*y, [x, y])"),
    "directional_derivative": ("directional_derivative(e, [x, y], [u, v])",
                               "the derivative of e along the direction (u, v)",
                               "directional_derivative(x*y, [x, y], [1, 1])"),
    "nintegrate": ("nintegrate(e, (x, a, b))", "a definite integral computed numerically",
                   "nintegrate(exp(-x^2), (x, 0, 1))"),
    "nsolve": ("nsolve(e, x, x0)", "a root of e found numerically near x0",
               "nsolve(cos(x) - x, x, 1)"),
    "minimize": ('minimize(e, [x, y], [x0, y0], method="bfgs")',
                 "a numeric minimum from a starting point (methods: bfgs, newton, gd, "
                 "momentum, adam, ...)", "minimize((x - 1)^2 + (y + 2)^2, [x, y], [0, 0])"),
    "critical_points": ("critical_points(e, [x, y])",
                        "the points where the gradient vanishes, each classified",
                        "critical_points(x^3 - 3*x + y^2, [x, y])"),
    "expand_trig": ("expand_trig(e)",
                    "sines and cosines of sums and multiple angles written out",
                    "expand_trig(sin(x + y))"),
    "trigsimp": ("trigsimp(e)",
                 "trigonometric identities applied to make e smaller (addition theorems, "
                 "products and powers)",
                 "trigsimp(sin(x + y) - sin(x)*cos(y) - cos(x)*sin(y))"),
    "denest": ("denest(e)", "square roots of a + b*sqrt(r) written without nesting "
               "where possible", "denest(sqrt(5 + 2*sqrt(6)))"),
    "lagrange": ("lagrange(f, [g == 0, ...], [x, y, z])",
                 "the critical points of f under equality constraints (Lagrange "
                 "multipliers), each classified by the bordered Hessian",
                 "lagrange(x*y*z, [x + y + z == 15], [x, y, z])"),
    "jvp": ("jvp(e, [x, y], [x0, y0], [v1, v2])",
            "the value of e and its directional derivative along v (forward mode)",
            "jvp(x^2*y, [x, y], [1, 2], [1, 0])"),
    "hvp": ("hvp(e, [x, y], [x0, y0], [v1, v2])",
            "the Hessian of e times the vector v, without forming the Hessian",
            "hvp(x^2*y, [x, y], [1, 2], [1, 0])"),
    "gradcheck": ("gradcheck(e, [x, y], [x0, y0])",
                  "the symbolic gradient checked against finite differences",
                  "gradcheck(sin(x)*y, [x, y], [1, 2])"),
    "compile": ("compile(e, [x, y])", "a fast NumPy function of x and y; call it as g(1, 2)",
                "compile(x^2 + y, [x, y])"),
    "lambdify": ("lambdify(e, [x, y])", "the same as compile", "lambdify(x^2, [x])"),
    "latex": ("latex(e)", "the LaTeX source of e", "latex(x^2/2)"),
    "plot": ("plot(e, [e2, ...], (x, a, b))",
             "a plot in the terminal (:plot --out FILE.png ... saves it)",
             "plot(sin(x), (x, -3, 3), width=30, height=5)"),
    "subs": ("subs(e, x, v), subs(e, (x, a), (y, b))", "substitute values for symbols",
             "subs(x^2 + y, (x, 2), (y, 3))"),
    "evalf": ("evalf(e), evalf(e, n)", "the numeric value, as a double or to n digits",
              "evalf(sqrt(2))"),
    "N": ("N(e, n=15)", "the value to n significant digits", "N(pi, 30)"),
    "function": ('f = function("f")', "declare an undefined function f, so that f(x) "
                 "stays f(x)", 'f = function("f"); diff(f(x^2), x)'),
}

#: meanings of registry functions whose own doc is only "The function NAME."
MEANINGS: dict[str, str] = {
    "sin": "the sine (x in radians)", "cos": "the cosine (x in radians)",
    "tan": "the tangent sin(x)/cos(x)", "cot": "the cotangent cos(x)/sin(x)",
    "sec": "the secant 1/cos(x)", "csc": "the cosecant 1/sin(x)",
    "asin": "the inverse sine, in [-π/2, π/2]", "acos": "the inverse cosine, in [0, π]",
    "atan": "the inverse tangent, in (-π/2, π/2)", "acot": "the inverse cotangent",
    "asec": "the inverse secant acos(1/x)", "acsc": "the inverse cosecant asin(1/x)",
    "sinh": "the hyperbolic sine (e^x - e^-x)/2", "cosh": "the hyperbolic cosine "
    "(e^x + e^-x)/2", "tanh": "the hyperbolic tangent sinh(x)/cosh(x)",
    "coth": "the hyperbolic cotangent cosh(x)/sinh(x)", "sech": "the hyperbolic secant "
    "1/cosh(x)", "csch": "the hyperbolic cosecant 1/sinh(x)",
    "asinh": "the inverse hyperbolic sine", "acosh": "the inverse hyperbolic cosine, "
    "for x >= 1", "atanh": "the inverse hyperbolic tangent, for -1 < x < 1",
    "acoth": "the inverse hyperbolic cotangent", "asech": "the inverse hyperbolic secant",
    "acsch": "the inverse hyperbolic cosecant",
    "erf": "the error function 2/√π ∫₀ˣ exp(-t²) dt", "erfc": "the complementary error "
    "function 1 - erf(x)",
}

#: examples of registry functions whose derivative does not show them well
EXAMPLES = {"zeta": "zeta(2)", "factorial": "factorial(5)", "binomial": "binomial(5, 2)",
            "floor": "floor(7/2)", "ceiling": "ceiling(7/2)", "frac": "frac(-1/4)",
            "sign": "sign(-3)", "re": "re(2 + 3*I)", "im": "im(2 + 3*I)",
            "arg": "arg(I)", "conjugate": "conjugate(2 + 3*I)",
            "Sum": "Sum(x^i, i, 0, 3)", "KroneckerDelta": "KroneckerDelta(2, 2)"}

_PARAMS = {1: "x", 2: "x, y"}
_TWO = {"Sum": "f, i, lo, hi", "KroneckerDelta": "i, j", "atan2": "y, x",
        "binomial": "n, k", "polygamma": "n, x", "beta": "a, b",
        "xlogy": "x, y", "uppergamma": "s, x", "lowergamma": "s, x", "log": "x, b",
        "leaky_relu": "x, a=1/100", "elu": "x, a=1", "celu": "x, a=1", "Gamma": "s, x"}
_RST = re.compile(r"``([^`]*)``|:\w+:`~?([^`]*)`|`([^`]*)`")


def plain(text: str) -> str:
    """Docstring markup (``code``, :func:`name`) as plain text."""
    return _RST.sub(lambda m: next(g for g in m.groups() if g is not None), text)


def _registry_entry(fdef: object) -> Entry:
    name = fdef.name                                   # type: ignore[attr-defined]
    lo, hi = fdef.nargs                                # type: ignore[attr-defined]
    if hi >= 10**6:
        params = "x, y, ..."
    elif name in _TWO:
        params = _TWO[name]
        if lo < hi and "=" not in params:
            params = params.replace(", ", "[, ") + "]"
    else:
        params = _PARAMS.get(hi, ", ".join(f"x{i}" for i in range(1, hi + 1)))
    doc = plain(fdef.__doc__ or "").strip().split("\n\n")[0]
    meaning = MEANINGS.get(name) or " ".join(doc.split()) or f"the function {name}"
    if hi == 1 or lo == 1 and name not in ("max", "min"):
        example = f"diff({name}(x), x)"
    else:
        args = {"max": "x, 2", "min": "x, 2"}.get(name, params.replace("[", "").replace(
            "]", "").replace("=1/100", "").replace("=1", ""))
        example = f"diff({name}({args}), x)"
    example = EXAMPLES.get(name, example)
    aliases = tuple(a for a in getattr(fdef, "aliases", ()) if a != name)
    return Entry(name, f"{name}({params})", meaning, example, aliases)


def entry(name: str) -> Entry | None:
    """The help entry of a function name (or an alias of one), or None."""
    if name in SESSION:
        sig, meaning, example = SESSION[name]
        return Entry(name, sig, meaning, example)
    fdef = _registry().get(name)
    if fdef is None:
        return None
    return _registry_entry(fdef)


def _registry() -> dict:
    """The function registry, with the functions defined on first use (Sum,
    KroneckerDelta) loaded, so that the list does not depend on what ran before."""
    from ..core import REGISTRY
    from ..tensor import indexed  # noqa: F401 - registers Sum and KroneckerDelta

    return REGISTRY


from .linalg_help import LINALG  # noqa: E402 - the linear-algebra entries live there

SESSION.update(LINALG)


def names() -> list[str]:
    """Every name with an entry: the session's functions, then the registry's."""
    REGISTRY = _registry()

    reg = sorted({f.name for f in REGISTRY.values()}, key=lambda n: (n.lower(), n))
    return list(SESSION) + [n for n in reg if n not in SESSION]


def run_example(statement: str) -> str:
    """The example's result in the session's text form (one line per line of output)."""
    from .session import Session

    return Session(mode="text", echo=False).execute(statement).text


def render(name: str, run: bool = True) -> str | None:
    """Plain-text help: signature, meaning, the example and (``run``) its result."""
    e = entry(name)
    if e is None:
        return None
    lines = [e.signature, "  " + _sentence(e.meaning)]
    if e.aliases:
        lines.append("  Also written " + ", ".join(e.aliases) + ".")
    lines += ["", "Example:", "  " + e.example]
    if run:
        lines += ["  " + line for line in run_example(e.example).splitlines()]
    return "\n".join(lines)


def _no_period(text: str) -> str:
    """The text without its final period (an ellipsis stays, less its last dot)."""
    return text[:-1] if text.endswith(".") and not text.endswith("...") else \
        text[:-1] if text.endswith("...") else text


def _sentence(text: str) -> str:
    """Capitalized (unless it starts with a name) and ending with one period."""
    text = _no_period(text)
    if not re.match(r"\w+\(|[a-z]+_", text):
        text = text[:1].upper() + text[1:]
    return text + "."


def markdown() -> str:
    """docs/reference.md: every entry with its example and result."""
    out = ["# Function reference", "",
           "Generated from `symcalc/repl/reference.py` and the function registry (the same",
           "text as `:help NAME` in the REPL); regenerate with",
           "`python -m symcalc.repl.reference > docs/reference.md`.", ""]
    for title, group in (("Session functions", list(SESSION)),
                         ("Mathematical functions", names()[len(SESSION):])):
        out += [f"## {title}", ""]
        for n in group:
            e = entry(n)
            assert e is not None
            out += [f"### {n}", "", f"`{e.signature}`: {_no_period(e.meaning)}."
                    + (f" Also {', '.join(f'`{a}`' for a in e.aliases)}." if e.aliases
                       else ""), "", "```console", f"symcalc> {e.example}"]
            out += run_example(e.example).splitlines() + ["```", ""]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(markdown())
