"""What the session knows by name: the API functions a statement may call, the
commands, and the help text for ``:help [topic]``. Data only; ``session`` applies it.

>>> API["grad"].target
'gradient'
>>> "minimize" in API and ":tree" in COMMANDS
True
"""

from __future__ import annotations

from typing import NamedTuple

from . import linalg_help as _linalg_help


class ApiEntry(NamedTuple):
    """A function callable by name in a statement: the ``symcalc`` attribute it calls,
    a usage line, and whether it computes numerically (number arguments become floats)."""

    target: str
    usage: str
    numeric: bool = False


API: dict[str, ApiEntry] = {
    "diff": ApiEntry("diff", "diff(expr, x), diff(expr, x, 2), diff(expr, x, y): derivatives"),
    "integrate": ApiEntry("integrate", "integrate(expr, x), integrate(expr, (x, a, b)): "
                          "antiderivative or definite integral"),
    "simplify": ApiEntry("simplify", "simplify(expr): the simplest equivalent form found"),
    "expand": ApiEntry("expand", "expand(expr): multiply out products and powers"),
    "factor": ApiEntry("factor", "factor(expr): factor polynomials over the rationals; "
                       "factor(p, modulus=5), factor(p, extension=sqrt(2))"),
    "expand_trig": ApiEntry("expand_trig", "expand_trig(expr): sin(x + y), cos(3*x), ... "
                            "expanded by the addition theorems"),
    "trigsimp": ApiEntry("trigsimp", "trigsimp(expr): trigonometric simplification"),
    "denest": ApiEntry("denest", "denest(expr): sqrt(5 + 2*sqrt(6)) = sqrt(2) + sqrt(3)"),
    "cancel": ApiEntry("cancel", "cancel(expr): p/q with gcd(p, q) = 1"),
    "apart": ApiEntry("apart", "apart(expr, x): partial fractions in x"),
    "together": ApiEntry("together", "together(expr): one fraction"),
    "collect": ApiEntry("collect", "collect(expr, x): gather powers of x"),
    "solve": ApiEntry("solve", "solve(equation, x), solve(x^2 == 2, x, domain=\"complex\"): "
                      "exact roots; solve(x^2 < 4, x): intervals; solve(sin(x) == 1/2, x, "
                      "general=True): all solutions"),
    "series": ApiEntry("series", "series(expr, x, x0=0, n=6): Taylor/Laurent series, "
                       "terms of order < n"),
    "limit": ApiEntry("limit", "limit(expr, x, x0, dir=\"+-\"): limit (\"+\" or \"-\": "
                      "one-sided)"),
    "gradient": ApiEntry("gradient", "gradient(expr, [x, y]): list of partial derivatives"),
    "grad": ApiEntry("gradient", "grad(expr, [x, y]): same as gradient"),
    "jacobian": ApiEntry("jacobian", "jacobian([f, g], [x, y]): matrix of partials"),
    "hessian": ApiEntry("hessian", "hessian(expr, [x, y]): matrix of second derivatives"),
    "directional_derivative": ApiEntry("directional_derivative",
                                       "directional_derivative(expr, [x, y], [u, v])"),
    "nintegrate": ApiEntry("nintegrate", "nintegrate(expr, (x, a, b)): numeric integral",
                           True),
    "nsolve": ApiEntry("nsolve", "nsolve(expr, x, x0): a numeric root near x0", True),
    "minimize": ApiEntry("minimize", "minimize(expr, [x, y], [1, 2], method=\"adam\"): "
                         "numeric minimum (methods: bfgs, newton, gd, momentum, adam, ...)",
                         True),
    "critical_points": ApiEntry("critical_points", "critical_points(expr, [x, y]): "
                                "points where the gradient vanishes, classified", True),
    "lagrange": ApiEntry("lagrange", "lagrange(x*y*z, [x + y + z == 15], [x, y, z]): "
                         "constrained critical points (Lagrange multipliers), classified"),
    "jvp": ApiEntry("jvp", "jvp(expr, [x, y], [1, 2], [1, 0]): value and directional "
                    "derivative (forward mode)", True),
    "hvp": ApiEntry("hvp", "hvp(expr, [x, y], [1, 2], [1, 0]): Hessian times a vector",
                    True),
    "gradcheck": ApiEntry("gradcheck", "gradcheck(expr, [x, y], [1, 2]): symbolic gradient "
                          "against finite differences", True),
    "compile": ApiEntry("compile", "g = compile(expr, [x, y]), then g(1, 2): a fast "
                        "NumPy function", True),
    "lambdify": ApiEntry("lambdify", "lambdify(expr, [x, y]): same as compile", True),
    "latex": ApiEntry("latex", "latex(expr): LaTeX source"),
}

#: Linear algebra on explicit matrices and polynomial roots (issue 19; repl/linalg_help.py).
API.update({name: ApiEntry(name, f"{sig}: {meaning}")
            for name, (sig, meaning, _) in _linalg_help.LINALG.items()})

#: Session built-ins that are not symcalc attributes.
BUILTINS: dict[str, str] = {
    "plot": "plot(expr, [expr2, ...], (x, -3, 3)): a terminal plot "
            "(:plot --out FILE.png ... saves it)",
    "subs": "subs(expr, x, 2) or subs(expr, (x, 2), (y, 3)): substitute",
    "evalf": "evalf(expr): numeric value as a double; evalf(expr, n): to n digits",
    "N": "N(expr, n): value to n significant digits (default 15), e.g. N(pi, 50)",
    "function": 'f = function("f"): an undefined function, f(x) stays f(x)',
}

COMMANDS: dict[str, str] = {
    "steps": "steps EXPR        the derivation of a diff or integrate call\n"
             "                  steps diff(x^2*sin(x), x)",
    ":tree": ":tree [EXPR]      the expression DAG as a tree; [n] marks a node shared by\n"
             "                  several parents, → [n] a later use of it",
    ":backprop": ":backprop EXPR at x=1, y=2   the computational graph: each node's value,\n"
                 "                  local derivatives and adjoint (--dot, --graph)",
    ":forward": ":forward EXPR at x=1, y=2 [wrt x]   the same with forward-mode tangents",
    ":losscurve": ":losscurve [NAME]  the loss curve of a minimize result (default: the last)",
    ":latex": ":latex [EXPR]     LaTeX of EXPR (or of the last result)",
    ":time": ":time EXPR        evaluate EXPR and say how long it took",
    ":plot": ":plot [--out FILE [--force]] EXPR, (x, a, b)\n"
             "                  draw like plot(...), or save a PNG/SVG/PDF (matplotlib);\n"
             "                  an existing FILE is overwritten only with --force",
    ":vars": ":vars             the variables and functions defined",
    "assume": "assume s > 0      s is a positive symbol from now on (also >= 0, and\n"
              "                  assume n integer; several: assume a > 0, b > 0)",
    ":save": ":save FILE        the session's statements as a script (symcalc -f FILE\n"
             "                  replays it); an existing FILE only with --force",
    ":clear": ":clear [NAME ...] forget the given names, or everything",
    ":mode": ":mode [MODE]      how results are printed: pretty (unicode 2D), text\n"
             "                  (one line, parses back) or latex",
    ":help": ":help [TOPIC]     this help; topics: commands, functions, syntax, keys,\n"
             "                  or a command or function name",
    ":quit": ":quit             leave (also Ctrl-D, :q, quit, exit)",
}

#: names people try for a function that has another name here
SYNONYMS = {"taylor": "series", "derivative": "diff", "differentiate": "diff",
            "D": "diff", "integral": "integrate", "int": "integrate", "roots": "solve",
            "lim": "limit", "grad_check": "gradcheck", "Integrate": "integrate",
            "Diff": "diff", "Solve": "solve", "Simplify": "simplify", "expm1": "exp",
            "ln": "log", "arctan": "atan", "arcsin": "asin", "arccos": "acos"}

ALIASES = {":q": ":quit", ":exit": ":quit", ":h": ":help", ":?": ":help",
           ":steps": "steps", ":t": ":time"}

SYNTAX = """\
Statements
  2x^2 + sin(x)/3        an expression (implicit multiplication, ^ or ** for powers)
  a = 2*x                assign a variable (the value is computed now)
  f(x) = x^2*sin(x)      define a function; f(3), diff(f(x), x), f'(x)
  ans  or  %             the last result
  a; b                   two statements on one line;  # starts a comment
  E, pi, oo              Euler's number, π, ∞ (e is an ordinary symbol)
  [x, y], (x, 0, 1)      lists and tuples (arguments of gradient, integrate, ...)
  f(x, key="value")      keyword arguments, as in minimize(..., method="adam")
Brackets left open, or a line ending in \\, continue on the next line."""

KEYS = """\
Keys
  Enter          run the statement (a new line while brackets are open)
  Alt-Enter      always a new line
  Tab            complete functions, commands and names
  Up / Down      history (kept between sessions); Ctrl-R searches it
  Ctrl-C         clear the line, or interrupt a running computation
  Ctrl-D         leave"""


def overview() -> str:
    """The text of ``:help`` with no topic."""
    lines = ["symcalc: symbolic calculus. Type an expression, or one of:", ""]
    lines += [COMMANDS[c] for c in COMMANDS]
    import textwrap

    lines += [""] + textwrap.wrap("Functions: " + ", ".join(sorted(set(API) | set(BUILTINS))),
                                  78, subsequent_indent="  ", break_long_words=False,
                                  break_on_hyphens=False)
    lines += ["", ":help functions, :help syntax, :help keys, or :help NAME for more",
              "(also ?NAME or help(NAME))."]
    return "\n".join(lines)


def functions_help() -> str:
    """The text of ``:help functions``."""
    from ..core import REGISTRY

    lines = ["Functions callable by name (besides sin, exp, log, sigmoid, relu, ...):"]
    for name in sorted(set(API) | set(BUILTINS)):
        usage = API[name].usage if name in API else BUILTINS[name]
        lines.append("  " + usage)
    names = sorted({f.name for f in REGISTRY.values()}, key=lambda n: (n.lower(), n))
    lines += ["", "Mathematical functions (docs/functions.md; n! is factorial(n)):"]
    row = "  "
    for n in names:
        if len(row) + len(n) + 2 > 78:
            lines.append(row.rstrip())
            row = "  "
        row += n + ", "
    lines.append(row.rstrip(", "))
    return "\n".join(lines)


def topic_help(topic: str) -> str | None:
    """Help on one topic, or None when there is no such topic."""
    t = topic.strip()
    if t in ("", "help"):
        return overview()
    if t in ("commands", "command"):
        return "\n".join(COMMANDS.values())
    if t in ("functions", "api"):
        return functions_help()
    if t == "syntax":
        return SYNTAX
    if t == "keys":
        return KEYS
    key = ALIASES.get(t, ALIASES.get(":" + t, t))
    for k in (key, ":" + key):
        if k in COMMANDS:
            return COMMANDS[k]
    from .reference import render

    return render(t)
