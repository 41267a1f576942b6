"""The LaTeX and pretty printers: worked examples with exact output, and properties.

Examples use the Python API (not the parser). Expected strings are what a reader of
the docs sees; 2D outputs are compared line by line without trailing spaces.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import FUNCTIONS, expressions

import symcalc as sc
from symcalc import (
    Abs,
    E,
    Eq,
    Function,
    Max,
    Ne,
    Piecewise,
    Rational,
    Symbol,
    atan2,
    cbrt,
    cos,
    exp,
    heaviside,
    leaky_relu,
    log,
    nan,
    oo,
    pi,
    sigmoid,
    sin,
    sqrt,
    symbols,
    tanh,
)
from symcalc.core import REGISTRY, And, Not
from symcalc.printing.latex import latex
from symcalc.printing.pretty import Box, hcat, pretty

x, y, z, w, b = symbols("x y z w b")


def dedent(s: str) -> str:
    """Expected 2D output written in the test as a block (first newline dropped)."""
    return s[1:] if s.startswith("\n") else s


# =========================================================================== LaTeX

LATEX_CASES = [
    # polynomials and signs
    (lambda: x**2 + 2*x + 1, r"x^{2} + 2 x + 1"),
    (lambda: x**3 - 2*x + 1, r"x^{3} - 2 x + 1"),
    (lambda: x - 2*y, r"x - 2 y"),
    (lambda: -x - y, r"- x - y"),
    (lambda: 1 - x, r"1 - x"),
    (lambda: -(x + 1)**2, r"- \left(x + 1\right)^{2}"),
    (lambda: (x + y) * z, r"z \left(x + y\right)"),
    # rationals and quotients
    (lambda: Rational(3, 4), r"\frac{3}{4}"),
    (lambda: Rational(-1, 2), r"- \frac{1}{2}"),
    (lambda: x / 2, r"\frac{x}{2}"),
    (lambda: -x / 2, r"- \frac{x}{2}"),
    (lambda: Rational(2, 3) * x * y, r"\frac{2 x y}{3}"),
    (lambda: Rational(-3, 4) * x / y**2, r"- \frac{3 x}{4 y^{2}}"),
    (lambda: (x**2 + 1) / (x - 1), r"\frac{x^{2} + 1}{x - 1}"),
    (lambda: 1 / (x * y), r"\frac{1}{x y}"),
    (lambda: 1 / (1 + 1/x), r"\frac{1}{\frac{1}{x} + 1}"),
    (lambda: (1/x + 1/y) / (x + y), r"\frac{\frac{1}{y} + \frac{1}{x}}{x + y}"),
    (lambda: 1 / (x + 1)**2, r"\frac{1}{\left(x + 1\right)^{2}}"),
    (lambda: sin(x) / x, r"\frac{\sin{\left(x \right)}}{x}"),
    # roots and rational powers
    (lambda: sqrt(x), r"\sqrt{x}"),
    (lambda: 1 / sqrt(x), r"\frac{1}{\sqrt{x}}"),
    (lambda: sqrt(x**2 + 1), r"\sqrt{x^{2} + 1}"),
    (lambda: x**Rational(1, 3), r"\sqrt[3]{x}"),
    (lambda: cbrt(x + 1), r"\sqrt[3]{x + 1}"),
    (lambda: x**Rational(1, 5), r"\sqrt[5]{x}"),
    (lambda: x**Rational(3, 2), r"x^{\frac{3}{2}}"),
    (lambda: x**Rational(-3, 2), r"\frac{1}{x^{\frac{3}{2}}}"),
    (lambda: sqrt(2) * x, r"\sqrt{2} x"),
    (lambda: 2**Rational(1, 3), r"\sqrt[3]{2}"),
    (lambda: x**sc.Float(0.5), r"x^{0.5}"),
    # powers
    (lambda: x**10, r"x^{10}"),
    (lambda: x**y, r"x^{y}"),
    (lambda: x**(-y), r"x^{- y}"),
    (lambda: x**y**z, r"x^{y^{z}}"),
    (lambda: (x**2)**y, r"\left(x^{2}\right)^{y}"),
    (lambda: (-1)**x, r"\left(-1\right)^{x}"),
    (lambda: Rational(1, 2)**x, r"\left(\frac{1}{2}\right)^{x}"),
    (lambda: (x - y)**2, r"\left(x - y\right)^{2}"),
    (lambda: 2 * 3**x, r"2 \cdot 3^{x}"),
    (lambda: sin(x)**2 + cos(x)**2, r"\cos^{2}{\left(x \right)} + \sin^{2}{\left(x \right)}"),
    (lambda: tanh(x)**y, r"\tanh{\left(x \right)}^{y}"),
    (lambda: sigmoid(x)**2, r"\sigma{\left(x \right)}^{2}"),
    # exp and log
    (lambda: exp(x), r"e^{x}"),
    (lambda: exp(-x) * sin(x), r"e^{- x} \sin{\left(x \right)}"),
    (lambda: exp(x) * log(x), r"e^{x} \log{\left(x \right)}"),
    (lambda: log(1 + exp(x)), r"\log{\left(e^{x} + 1 \right)}"),
    (lambda: exp(-x**2 / 2) / sqrt(2 * pi),
     r"\frac{\sqrt{2} e^{- \frac{x^{2}}{2}}}{2 \sqrt{\pi}}"),
    (lambda: log(x, 2), r"\frac{\log{\left(x \right)}}{\log{\left(2 \right)}}"),
    # constants and floats
    (lambda: pi / 2, r"\frac{\pi}{2}"),
    (lambda: E * x, r"e x"),
    (lambda: oo, r"\infty"),
    (lambda: -oo, r"-\infty"),
    (lambda: nan, r"\text{NaN}"),
    (lambda: 2.5 * x, r"2.5 x"),
    (lambda: -2.0 * x, r"- 2.0 x"),
    (lambda: sc.Float(1e20) * x, r"1.0 \cdot 10^{20} x"),
    (lambda: 2.5 * x - 1e-8, r"2.5 x - 1.0 \cdot 10^{-8}"),
    # functions
    (lambda: Abs(x - 1), r"\left|x - 1\right|"),
    (lambda: heaviside(x), r"\theta{\left(x \right)}"),
    (lambda: leaky_relu(x), r"\operatorname{LeakyReLU}{\left(x \right)}"),
    (lambda: leaky_relu(x, Rational(1, 5)),
     r"\operatorname{LeakyReLU}{\left(x, \frac{1}{5} \right)}"),
    (lambda: atan2(y, x), r"\operatorname{atan2}{\left(y, x \right)}"),
    (lambda: Max(x, 0), r"\max{\left(0, x \right)}"),
    (lambda: Function("f")(x), r"f{\left(x \right)}"),
    (lambda: Function("loss")(x, y), r"\operatorname{loss}{\left(x, y \right)}"),
    (lambda: Function("phi")(x), r"\phi{\left(x \right)}"),
    (lambda: 2 * x * cos(x**2), r"2 x \cos{\left(x^{2} \right)}"),
    # relations, logic, piecewise
    (lambda: x < 1, r"x < 1"),
    (lambda: x <= 1, r"x \leq 1"),
    (lambda: x >= 1, r"x \geq 1"),
    (lambda: Ne(x, 0), r"x \neq 0"),
    (lambda: Eq(x**2, 1), r"x^{2} = 1"),
    (lambda: And(x > 0, x < 1), r"x < 1 \wedge x > 0"),
    (lambda: Not(And(x > 0, y > 1)), r"\neg \left(x > 0 \wedge y > 1\right)"),
    (lambda: Piecewise((x, x > 0), (0, True)),
     r"\begin{cases} x & \text{for}\: x > 0 \\ 0 & \text{otherwise} \end{cases}"),
    (lambda: Piecewise((-1, x < 0), (0, Eq(x, 0)), (1, True)),
     r"\begin{cases} -1 & \text{for}\: x < 0 \\ 0 & \text{for}\: x = 0 \\ "
     r"1 & \text{otherwise} \end{cases}"),
    (lambda: 2 * Piecewise((x, x > 0), (0, True)),
     r"2 \left(\begin{cases} x & \text{for}\: x > 0 \\ 0 & \text{otherwise} \end{cases}\right)"),
    # calculus for ML
    (lambda: (y - w*x - b)**2, r"\left(b + w x - y\right)^{2}"),
    (lambda: sigmoid(x) * (1 - sigmoid(x)),
     r"\sigma{\left(x \right)} \left(1 - \sigma{\left(x \right)}\right)"),
    (lambda: exp(x) / (exp(x) + exp(y)), r"\frac{e^{x}}{e^{x} + e^{y}}"),
]


@pytest.mark.parametrize("build,expected", LATEX_CASES, ids=[c[1] for c in LATEX_CASES])
def test_latex_examples(build, expected):
    assert latex(build()) == expected


@pytest.mark.parametrize("name,expected", [
    ("alpha", r"\alpha"), ("Gamma", r"\Gamma"), ("lambda", r"\lambda"), ("Alpha", "A"),
    ("omicron", "o"), ("α", r"\alpha"), ("β_k", r"\beta_{k}"), ("omega_1", r"\omega_{1}"),
    ("theta2", r"\theta_{2}"), ("w_2", "w_{2}"), ("x1", "x_{1}"), ("x_12", "x_{12}"),
    ("W_i_j", "W_{i,j}"), ("sigma_alpha", r"\sigma_{\alpha}"), ("loss", "loss"),
    ("alphabet", "alphabet"), ("_x", r"\_x"),
])
def test_latex_symbol_names(name, expected):
    assert latex(Symbol(name)) == expected


def test_latex_greek_and_subscript_in_expressions():
    a, w2, x1 = Symbol("alpha"), Symbol("w_2"), Symbol("x1")
    assert latex(a * w2 * x1**2) == r"\alpha w_{2} x_{1}^{2}"
    assert latex(Symbol("alpha_1") * pi / 2) == r"\frac{\pi \alpha_{1}}{2}"


def test_latex_of_numbers_and_repr_latex():
    assert latex(3) == "3"
    assert latex(-3) == "-3"
    assert latex(Rational(5, 7)) == r"\frac{5}{7}"
    assert (x**2)._repr_latex_() == r"$\displaystyle x^{2}$"


def test_public_names():
    assert sc.latex is latex and sc.pretty is pretty


# =========================================================================== pretty

PRETTY_CASES = [
    # (build, 2D unicode, one line unicode, one line ASCII)
    (lambda: x**2 + 2*x + 1, "x² + 2·x + 1", "x² + 2·x + 1", "x^2 + 2*x + 1"),
    (lambda: 2 * x * cos(x**2), "2·x·cos(x²)", "2·x·cos(x²)", "2*x*cos(x^2)"),
    (lambda: x**10 - x, "x¹⁰ - x", "x¹⁰ - x", "x^10 - x"),
    (lambda: (x**2 + 1) / (x - 1), "x² + 1\n──────\nx - 1", "(x² + 1)/(x - 1)",
     "(x^2 + 1)/(x - 1)"),
    (lambda: -x / 2, " x\n-─\n 2", "-x/2", "-x/2"),
    (lambda: Rational(-3, 4) * x / y**2, " 3·x\n-────\n 4·y²", "-3·x/(4·y²)", "-3*x/(4*y^2)"),
    (lambda: x - y / 2, "    y\nx - ─\n    2", "x - y/2", "x - y/2"),
    (lambda: 1 / sqrt(x), "1\n──\n√x", "1/√x", "1/sqrt(x)"),
    (lambda: sqrt(x + 1), " _____\n√x + 1", "√(x + 1)", "sqrt(x + 1)"),
    (lambda: cbrt(x), "∛x", "∛x", "cbrt(x)"),
    (lambda: x**Rational(1, 3), "∛x", "∛x", "x^(1/3)"),
    (lambda: x**Rational(3, 2), " 3/2\nx", "x^(3/2)", "x^(3/2)"),
    (lambda: x**y, " y\nx", "x^y", "x^y"),
    (lambda: x**(-y), " -y\nx", "x^(-y)", "x^(-y)"),
    (lambda: x**y**z, " y^z\nx", "x^(y^z)", "x^(y^z)"),
    (lambda: (x - y)**2, "(x - y)²", "(x - y)²", "(x - y)^2"),
    (lambda: exp(x), " x\nℯ", "exp(x)", "exp(x)"),
    (lambda: exp(2), "ℯ²", "exp(2)", "exp(2)"),
    (lambda: exp(-x) * sin(x), " -x\nℯ  ·sin(x)", "exp(-x)·sin(x)", "exp(-x)*sin(x)"),
    (lambda: sin(x)**2 + cos(x)**2, "cos²(x) + sin²(x)", "cos²(x) + sin²(x)",
     "cos(x)^2 + sin(x)^2"),
    (lambda: Abs(x - 1), "|x - 1|", "|x - 1|", "|x - 1|"),
    (lambda: sigmoid(x), "σ(x)", "σ(x)", "sigmoid(x)"),
    (lambda: heaviside(x), "θ(x)", "θ(x)", "heaviside(x)"),
    (lambda: leaky_relu(x), "leaky_relu(x)", "leaky_relu(x)", "leaky_relu(x)"),
    (lambda: pi / 2, "π\n─\n2", "π/2", "pi/2"),
    (lambda: E, "ℯ", "ℯ", "e"),   # ℯ: Euler's number, not the symbol e
    (lambda: -oo, "-∞", "-∞", "-oo"),
    (lambda: 2.5 * x, "2.5·x", "2.5·x", "2.5*x"),
    (lambda: x <= 1, "x ≤ 1", "x ≤ 1", "x <= 1"),
    (lambda: Ne(x, 0), "x ≠ 0", "x ≠ 0", "x != 0"),
    (lambda: Eq(x, 1), "x = 1", "x = 1", "x = 1"),
    (lambda: And(x > 0, x < 1), "x < 1 ∧ x > 0", "x < 1 ∧ x > 0", "x < 1 and x > 0"),
    (lambda: Piecewise((x, x > 0), (0, True)), "⎧x  for x > 0\n⎨\n⎩0  otherwise",
     "{x for x > 0; 0 otherwise}", "{x for x > 0; 0 otherwise}"),
    (lambda: Symbol("alpha") * Symbol("w_2") * Symbol("x1")**2, "α·w₂·x₁²", "α·w₂·x₁²",
     "alpha*w_2*x1^2"),
    (lambda: (y - w*x - b)**2, "(b + w·x - y)²", "(b + w·x - y)²", "(b + w*x - y)^2"),
]


@pytest.mark.parametrize("build,two_d,one,ascii_one", PRETTY_CASES,
                         ids=[c[2] for c in PRETTY_CASES])
def test_pretty_examples(build, two_d, one, ascii_one):
    e = build()
    assert pretty(e) == two_d
    assert pretty(e, oneline=True) == one
    assert pretty(e, use_unicode=False, oneline=True) == ascii_one


def test_pretty_nested_fractions():
    assert pretty(1 / (1 + 1/x)) == dedent("""
  1
─────
1
─ + 1
x""")
    assert pretty((1/x + 1/y) / (x + y)) == dedent("""
1   1
─ + ─
y   x
─────
x + y""")


def test_pretty_gaussian_density():
    e = exp(-x**2 / 2) / sqrt(2 * pi)
    assert pretty(e) == dedent("""
    -x²/2
√2·ℯ
─────────
  2·√π""")
    assert pretty(e, oneline=True) == "√2·exp(-x²/2)/(2·√π)"
    assert pretty(e, use_unicode=False) == dedent(r"""
  _  -x^2/2
\/2*e
-----------
      __
  2*\/pi""")


def test_pretty_tall_parentheses_and_radicals():
    q = (x + 1) / (x - 1)
    assert pretty(q**y) == dedent("""
       y
⎛x + 1⎞
⎜─────⎟
⎝x - 1⎠""")
    assert pretty(q**2) == "(x + 1)²\n────────\n(x - 1)²"
    assert pretty(sqrt(q)) == dedent("""
    _____
   ╱x + 1
  ╱ ─────
╲╱  x - 1""")
    assert pretty(sin(1 / x)) == "   ⎛1⎞\nsin⎜─⎟\n   ⎝x⎠"
    assert pretty(Abs(q)) == "|x + 1|\n───────\n|x - 1|"  # abs splits over products
    assert pretty(Abs(1 / x + 1)) == "│1    │\n│─ + 1│\n│x    │"


def test_pretty_roots_ascii_and_index():
    assert pretty(sqrt(x), use_unicode=False) == "  _\n\\/x"
    assert pretty(cbrt(x + 1), use_unicode=False) == "3 _____\n\\/x + 1"
    assert pretty(x**Rational(1, 5)) == "5 _\n╲╱x"
    assert pretty((x + 1)**Rational(1, 4)) == " _____\n∜x + 1"


def test_pretty_ascii_2d():
    assert pretty(x**2 + 2*x + 1, use_unicode=False) == " 2\nx  + 2*x + 1"
    assert pretty(-x / 2, use_unicode=False) == "-x\n--\n2"
    assert pretty(sin(x)**2, use_unicode=False) == "   2\nsin (x)"
    assert pretty(Piecewise((x, x > 0), (0, True)), use_unicode=False) == \
        "/x  for x > 0\n<\n\\0  otherwise"


def test_pretty_piecewise_three_pieces():
    e = Piecewise((x**2 / 2, x > 1), (x, x > 0), (0, True))
    assert pretty(e) == dedent("""
⎧x²
⎪──  for x > 1
⎪2
⎨
⎪x   for x > 0
⎪
⎩0   otherwise""")


@pytest.mark.parametrize("name,expected", [
    ("alpha", "α"), ("Gamma", "Γ"), ("omega_1", "ω₁"), ("theta2", "θ₂"), ("w_2", "w₂"),
    ("x_12", "x₁₂"), ("W_i_j", "Wᵢⱼ"), ("x_ab", "x_ab"), ("β_k", "βₖ"), ("loss", "loss"),
])
def test_pretty_symbol_names(name, expected):
    assert pretty(Symbol(name)) == expected
    assert pretty(Symbol(name), use_unicode=False) == name


def test_pretty_wraps_long_sums_between_terms():
    e = sum((i + 1) * x**i for i in range(25))
    out = pretty(e, width=40)
    lines = out.split("\n")
    assert len(lines) > 1 and all(len(s) <= 40 for s in lines)
    assert lines[0].startswith("25·x²⁴ + 24·x²³")
    assert all(s.startswith("+ ") for s in lines[1:])
    assert out.replace("\n", " ") == pretty(e, width=None)
    assert "\n" not in pretty(e, oneline=True, width=40)


def test_box_baselines():
    frac = pretty(x / 2)
    assert frac == "x\n─\n2"
    big = hcat(Box(["a", "─", "b"], 1), Box(["+"], 0), Box(["c"], 0))
    assert big.lines == ["a  ", "─+c", "b  "] and big.baseline == 1


def test_inverted_denominators_are_not_confused():
    # Printing builds temporaries (x^-2 -> x^2); a memo keyed by id() once mixed them up.
    for n in range(2, 6):
        for m in range(2, 6):
            e = 1 / (x**n * y**m)
            assert latex(e) == rf"\frac{{1}}{{x^{{{n}}} y^{{{m}}}}}"
            assert pretty(e, oneline=True, use_unicode=False) == f"1/(x^{n}*y^{m})"
    sigma, mu = Symbol("sigma"), Symbol("mu")
    e = exp(-(x - mu)**2 / (2 * sigma**2)) / (sigma * sqrt(2 * pi))
    assert pretty(e, oneline=True) == "√2·exp(-(μ - x)²/(2·σ²))/(2·√π·σ)"


# =========================================================================== registry

def _applied(name: str, n: int):
    args = [x, y][:n] if n <= 2 else [x] * n
    return REGISTRY[name](*args)


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    if depth != 0:
        return False
    lefts = re.findall(r"\\left(?:[(|.\[]|\\lfloor|\\lceil)", s)
    rights = re.findall(r"\\right(?:[)|.\]]|\\rfloor|\\rceil)", s)
    return len(lefts) == len(rights) == s.count("\\left") == s.count("\\right")


@pytest.mark.parametrize("name,n", FUNCTIONS)
def test_every_registry_function_prints(name, n):
    e = _applied(name, n)
    for u in (x + 1, x / 2, x**y):  # also with compound and tall arguments
        e2 = REGISTRY[name](*([u] + [y] * (n - 1)))
        for ex in (e, e2, e2**2) + ((1 / e2,) if not e2.is_zero() else ()):  # im(x + 1) = 0
            s = latex(ex)
            assert s and _balanced(s), s
            assert pretty(ex) and pretty(ex, use_unicode=False)
            assert "\n" not in pretty(ex, oneline=True)
            assert "\n" not in pretty(ex, oneline=True, use_unicode=False)


# =========================================================================== properties


@given(expressions(max_leaves=12, floats=True))
def test_latex_is_balanced(e):
    s = latex(e)
    assert _balanced(s), s


def _all_pretty(e) -> list[str]:
    return [pretty(e), pretty(e, oneline=True), pretty(e, use_unicode=False),
            pretty(e, use_unicode=False, oneline=True)]


@given(expressions(max_leaves=12, floats=True))
def test_pretty_forms(e):
    two_d, one, ascii_2d, ascii_one = _all_pretty(e)
    assert "\n" not in one and "\n" not in ascii_one
    assert ascii_2d.isascii() and ascii_one.isascii()
    # Without fractions, raised exponents, radicals, exp or piecewise the two forms agree.
    if not any(c in one for c in "/^√∛∜{") and "exp(" not in one:
        assert two_d == one
    # No blank margins above or below.
    lines = two_d.split("\n")
    assert lines[0].strip() and lines[-1].strip()


@given(st.integers(1, 40), st.sampled_from(["sin", "exp", "sqrt", "abs", "sigmoid"]))
def test_deep_nesting(depth, name):
    e = x
    for _ in range(depth * 25):  # up to 1000 levels: far beyond the recursion limit
        e = REGISTRY[name](e + 1) if name == "sqrt" else REGISTRY[name](e)
    assert _balanced(latex(e))
    assert pretty(e, oneline=True)


def test_big_expression_is_fast():
    e = sum(Rational(i + 1, i + 2) * x**i * y**(30 - i) for i in range(30)) / (x + y)**5
    start = time.perf_counter()
    s, p2, p1 = latex(e), pretty(e, width=None), pretty(e, oneline=True)
    assert time.perf_counter() - start < 2.0
    assert _balanced(s) and s.startswith(r"\frac{")
    assert p2.count("\n") == 2 and p1.endswith("·(x + y)⁵)")


# =========================================================================== matrices


def test_latex_matrix_is_sympys_form():
    M = sc.Matrix([[2 * x, 1], [y, x]])
    assert sc.latex(M) == r"\left[\begin{matrix}2 x & 1\\y & x\end{matrix}\right]"
    assert M._repr_latex_() == "$\\displaystyle " + sc.latex(M) + "$"
    assert sc.latex(sc.Matrix([[x / 2], [sin(x)]])) == \
        r"\left[\begin{matrix}\frac{x}{2}\\\sin{\left(x \right)}\end{matrix}\right]"
    assert sc.latex(sc.Matrix([[x**2 + 1, Rational(1, 3)]])) == \
        r"\left[\begin{matrix}x^{2} + 1 & \frac{1}{3}\end{matrix}\right]"


def test_latex_jacobian_and_hessian():
    J = sc.jacobian([x**2 + y, x * y], [x, y])
    assert sc.latex(J) == r"\left[\begin{matrix}2 x & 1\\y & x\end{matrix}\right]"
    H = sc.hessian(x**2 + 3 * y**2, [x, y])
    assert sc.latex(H) == r"\left[\begin{matrix}2 & 0\\0 & 6\end{matrix}\right]"


def test_pretty_matrix_grid():
    M = sc.Matrix([[2 * x, 1], [y, x]])
    assert pretty(M) == dedent("""
⎡2·x  1⎤
⎢      ⎥
⎣ y   x⎦""")
    assert pretty(M, use_unicode=False) == dedent("""
[2*x  1]
[      ]
[ y   x]""")
    assert pretty(M, oneline=True) == "[[2·x, 1], [y, x]]"


def test_pretty_matrix_single_row_and_column():
    assert pretty(sc.Matrix([[2 * x, 1]])) == "[2·x  1]"
    assert pretty(sc.Matrix([[2 * x], [1]])) == dedent("""
⎡2·x⎤
⎢   ⎥
⎣ 1 ⎦""")


def test_pretty_matrix_cells_are_2d_and_columns_aligned():
    M = sc.Matrix([[(x**2 + 1) / (x - 1), 1], [y, sqrt(x + 1)]])
    assert pretty(M) == dedent("""
⎡x² + 1        ⎤
⎢──────    1   ⎥
⎢x - 1         ⎥
⎢              ⎥
⎢         _____⎥
⎣  y     √x + 1⎦""")


def test_pretty_matrix_empty():
    assert pretty(sc.Matrix([])) == "[]"
    assert sc.latex(sc.Matrix([])) == r"\left[\begin{matrix}\end{matrix}\right]"


def test_printers_share_one_base_with_a_registry_per_printer():
    from symcalc.printing.latex import LATEX_PRINTERS, LatexPrinter
    from symcalc.printing.pretty import PRETTY_PRINTERS, PrettyPrinter, text
    from symcalc.printing.printer import Printer
    from symcalc.printing.str import STR_PRINTERS, StrPrinter

    assert all(issubclass(c, Printer) for c in (StrPrinter, LatexPrinter, PrettyPrinter))
    cls = type(x)
    STR_PRINTERS[cls] = lambda p, e: (f"<{e.name}>", 100)
    LATEX_PRINTERS[cls] = lambda p, e: (f"\\langle {e.name}\\rangle", 100)
    PRETTY_PRINTERS[cls] = lambda p, e: (text(f"⟨{e.name}⟩"), 100)
    try:
        assert sc.sstr(2*x + 1) == "2*<x> + 1"
        assert latex(x**2) == "\\langle x\\rangle^{2}"
        assert pretty(x**2) == "⟨x⟩²"
    finally:
        for reg in (STR_PRINTERS, LATEX_PRINTERS, PRETTY_PRINTERS):
            del reg[cls]
    assert sc.sstr(2*x + 1) == "2*x + 1"


def test_deep_expressions_print_in_memory_of_the_order_of_the_output():
    """LaTeX and pretty of a 3000-deep chain: each form is dropped once its parents are
    printed, so the peak memory is a few outputs, not the sum over all depths (90 MB
    for LaTeX before); deep 2D layouts fall back to one line."""
    import tracemalloc

    x = sc.Symbol("x")
    e = x
    for _ in range(3000):
        e = sc.sin(e)
    tracemalloc.start()
    try:
        s_latex = sc.latex(e)
        s_pretty = sc.pretty(e)
        s_str = str(e)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert s_latex == "\\sin{\\left(" * 3000 + "x" + " \\right)}" * 3000
    assert s_pretty == s_str == "sin(" * 3000 + "x" + ")" * 3000
    assert peak < 20 * 2**20
    # shared subexpressions and negated terms (printers look two levels down)
    y = sc.Symbol("y")
    f = x
    for i in range(300):
        f = y - 2 * sc.exp(-f) / (x + 1) * x ** (-i) + sc.sqrt(x + i)
    from symcalc.printing import printer

    old = printer._RELEASE_FROM
    printer._RELEASE_FROM = 10**9
    try:
        kept = (str(f), sc.latex(f), sc.pretty(f))
    finally:
        printer._RELEASE_FROM = old
    assert (str(f), sc.latex(f), sc.pretty(f)) == kept


def test_pretty_shows_ml_forms_of_sigmoid_products():
    from symcalc import sigmoid

    w, b = symbols("w b")
    assert pretty(sigmoid(x) * sigmoid(-x), oneline=True) == "σ(x)·(1 - σ(x))"
    u = w * x + b
    assert pretty(x * sigmoid(u) * sigmoid(-u), oneline=True) == "x·σ(b + w·x)·(1 - σ(b + w·x))"
    assert pretty(sigmoid(-x), oneline=True) == "σ(-x)"
    assert str(sigmoid(x) * sigmoid(-x)) == "sigmoid(x)*sigmoid(-x)"   # kept internally
