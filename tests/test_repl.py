"""The REPL: the session language in-process, then the real thing in a pseudo-terminal,
driven as a person would (pexpect)."""

from __future__ import annotations

import importlib
import os
import sys
import time

import pytest

import symcalc as sc
from symcalc.repl import language
from symcalc.repl.display import show
from symcalc.repl.session import Session
from symcalc.repl.tree import draw

x, y = sc.symbols("x y")


def run(s: Session, text: str) -> str:
    return s.execute(text).text


def has(name: str) -> bool:
    try:
        getattr(sc, name)
    except (AttributeError, ImportError):
        return False
    return True


# ---------------------------------------------------------------- the session language


def test_statements_and_assignments_split_at_top_level() -> None:
    assert language.split_statements("a = 1; b = (2;\n3)  # c; d") == ["a = 1", " b = (2;\n3)  "]
    assert language.split_statements('f("a;b")') == ['f("a;b")']
    assert language.split_assignment("a = 2*x") == ("a", None, 3)
    assert language.split_assignment("g(u, v) = u*v") == ("g", ("u", "v"), 9)
    for text in ("x == 1", "x <= 1", "x >= 1", "x != 1", 'minimize(e, [x], [1], method="adam")',
                 "2*a = 3"):
        assert language.split_assignment(text) is None, text
    assert not language.is_complete("diff(x^2,")
    assert not language.is_complete("x + \\")
    assert language.is_complete("f(x) # (")


def test_variables_functions_and_ans() -> None:
    s = Session(mode="text")
    assert run(s, "a = 2*x") == "a = 2*x"
    assert run(s, "a^2 + 1") == "4*x^2 + 1"
    assert run(s, "ans - 1") == "4*x^2"
    assert run(s, "% / 4") == "x^2"
    assert run(s, "f(x) = x^2*sin(x)") == "f(x) = x^2*sin(x)"
    assert run(s, "f(3)") == "9*sin(3)"
    assert run(s, "diff(f(x), x)") == "x^2*cos(x) + 2*x*sin(x)"
    assert run(s, "f'(x)") == "x^2*cos(x) + 2*x*sin(x)"
    # parameters are fresh symbols even when a variable has the same name
    run(s, "x = 5")
    assert run(s, "g(x, y) = x - y") == "g(x, y) = x - y"
    assert run(s, "g(y, x)") == "y - 5"
    assert run(s, ":vars").splitlines() == ["f(x) = x^2*sin(x)", "g(x, y) = x - y", "a = 2*x",
                                            "x = 5"]
    run(s, ":clear x")
    assert run(s, "x") == "x"
    run(s, ":clear")
    assert run(s, ":vars") == "no variables or functions defined"
    assert "no previous result" in run(s, "ans + 1")


def test_api_calls_by_name_with_lists_tuples_and_keywords() -> None:
    s = Session(mode="text")
    assert run(s, "gradient(x^2*y + y^3, [x, y])") == "[2*x*y, x^2 + 3*y^2]"
    assert run(s, "grad(x*y, [x, y])") == "[y, x]"
    assert run(s, "hessian(x^3*y, [x, y])") == "[6*x*y  3*x^2]\n[3*x^2      0]"
    assert run(s, "latex(x^2/2)") == r"\frac{x^{2}}{2}"
    assert run(s, "solve(x^2 == 2, x)") == "[-sqrt(2), sqrt(2)]"
    assert run(s, 'solve(x^2 + 1, x, domain="complex")') == "[-I, I]"
    assert run(s, "factor(x^2 - 1)") == "(x - 1)*(x + 1)"
    assert run(s, "expand((x + 1)^2)") == "x^2 + 2*x + 1"
    assert run(s, "diff(x^3, x, 2)") == "6*x"
    assert run(s, "subs(x^2 + y, (x, 2), (y, 1))") == "5"
    assert run(s, "evalf(pi)") == "3.141592653589793"
    run(s, "g = compile(x^2 + 1, [x])")
    assert run(s, "g(3)") == "10.0"
    run(s, "h = hessian(x^2*y, [x, y])")
    assert run(s, "latex(h)") == r"\left[\begin{matrix}2 y & 2 x\\2 x & 0\end{matrix}\right]"
    assert "cannot add a matrix and a scalar" in run(s, "h + 1")


def test_missing_or_unavailable_api_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Session(mode="text")
    monkeypatch.setitem(sc._LAZY, "series", ("symcalc.no_such_module", "series"))
    monkeypatch.delitem(sc.__dict__, "series", raising=False)
    r = s.execute("series(sin(x), x, 0, 4)")
    assert not r.ok
    assert r.text == "error: series is not available in this version of symcalc"


@pytest.mark.skipif(not has("minimize"), reason="minimize not available")
def test_optimizer_result_is_a_short_table() -> None:
    s = Session(mode="text")
    out = run(s, "minimize((x - 1)^2 + (y + 2)^2, [x, y], [0, 0])")
    lines = out.splitlines()
    assert lines[0].startswith("bfgs: ")
    assert lines[1].split()[0] == "x" and abs(float(lines[1].split()[1]) - 1) < 1e-6
    assert lines[2].split()[0] == "y" and abs(float(lines[2].split()[1]) + 2) < 1e-6
    assert any(line.split()[0] == "f" for line in lines[1:])
    out = run(s, 'minimize(x^2, [x], [1], method="adam", lr=0.1, maxiter=50)')
    assert out.startswith("adam:")


@pytest.mark.skipif(not has("integrate"), reason="integrate not available")
def test_integrate_and_its_steps() -> None:
    s = Session(mode="text")
    assert run(s, "integrate(2*x, (x, 0, 3))") == "9"
    out = run(s, "steps integrate(x*cos(x), x)")
    assert "parts" in out and out.endswith("x*sin(x) + cos(x)")


def test_steps_of_diff() -> None:
    s = Session(mode="text")
    out = run(s, "steps diff(sin(x^2), x)")
    assert out.splitlines()[:2] == ["d/dx sin(x^2)", "  chain rule: outer sin(u), inner u = x^2"]
    assert run(s, "ans") == "2*x*cos(x^2)"
    assert "steps explains a diff or integrate call" in run(s, "steps x^2")
    # "steps(x)" is a call of an unknown function: an error, unless declared
    assert "unknown function steps" in run(s, "steps(x)")


def test_commands() -> None:
    s = Session(mode="pretty")
    assert run(s, "x^2/2") == "x²\n──\n2"
    assert run(s, ":latex") == r"\frac{x^{2}}{2}"
    assert run(s, ":latex sqrt(x)") == r"\sqrt{x}"
    out = run(s, ":time expand((x + 1)^3)")
    assert out.splitlines()[0] == "x³ + 3·x² + 3·x + 1"
    assert out.splitlines()[1].startswith("time: ")
    assert run(s, ":mode text") == "mode: text"
    assert run(s, "x^2/2") == "x^2/2"
    assert "unknown mode" in run(s, ":mode fancy")
    assert run(s, ":help").startswith("symcalc: symbolic calculus")
    assert ":tree" in run(s, ":help commands")
    assert "minimize(" in run(s, ":help functions")
    assert run(s, ":help diff").startswith("diff(e, x)")
    assert "no help on" in run(s, ":help nonsense")
    assert "unknown command :frobnicate" in run(s, ":frobnicate")
    assert s.execute(":quit").quit and s.execute("quit").quit and s.execute(":q").quit


def test_tree_marks_shared_nodes() -> None:
    text = draw(sc.parse("sin(x^2) + cos(x^2)*x^2"))
    assert text.count("[1]") == 3 and text.count("→ [1]") == 2
    assert draw(x) == "x"
    s = Session(mode="text")
    assert run(s, ":tree exp(x)*exp(x)") == "exp\n└── *\n    ├── 2\n    └── x"


def test_errors_never_escape_and_the_session_survives() -> None:
    s = Session(mode="text")
    out = run(s, "2*(x + 1")
    assert out.splitlines() == ["error: unclosed '(': add ')' to close it "
                                "(line 1, column 3)", "  2*(x + 1", "    ^"]
    # the caret points at what the user typed, even after % became ans
    run(s, "1")
    assert run(s, "% + $").splitlines()[-1] == "      ^"
    assert run(s, "a = (x +").splitlines()[-1] == "          ^"
    assert run(s, "sin = 3") == "error: sin is a built-in function; choose another name"
    assert run(s, "diff = 3") == "error: diff is a built-in function; choose another name"
    assert run(s, "x + (x < 1)") == "error: a condition cannot be used in arithmetic: x < 1"
    assert run(s, "1/0").startswith("error: ")
    assert run(s, "2 + 2") == "4"


def test_debug_lets_exceptions_through() -> None:
    with pytest.raises(sc.ParseError):
        Session(debug=True).execute("1 +")


def test_euler_hint() -> None:
    s = Session(mode="text")
    r = s.execute("e^x")
    assert r.lines[0] == ("out", "e^x")
    assert r.lines[1][0] == "hint" and "Euler's number is E" in r.lines[1][1]
    assert len(s.execute("E^x").lines) == 1
    s.execute("e = 3")
    assert len(s.execute("e^x").lines) == 1


def test_display() -> None:
    assert show([x**2, 1 / x], "pretty") == "[x², 1/x]"
    assert show((x, 0, 1), "text") == "(x, 0, 1)"
    assert show(sc.Matrix([[1, x], [x**2, 10]]), "text") == "[  1   x]\n[x^2  10]"
    assert show(sc.Matrix([[1, 2]]), "text", oneline=True) == "Matrix([[1, 2]])"


def test_plot_in_the_terminal() -> None:
    s = Session(mode="text")
    out = run(s, "plot(sin(x), cos(x), (x, -3, 3))")
    lines = out.splitlines()
    assert any(0x2800 < ord(c) < 0x2900 for c in lines[0])        # braille dots
    assert lines[-1].split() == ["1:", "sin(x)", "2:", "cos(x)"]
    assert lines[-2].split() == ["-3", "3"]
    assert "several variables" in run(s, "plot(x*y)")
    from symcalc.repl.plot import plot

    assert plot(x**2, (x, -1, 1), width=12, height=3).splitlines()[0].startswith(" 1 ┤")


def test_plot_png_needs_matplotlib(tmp_path: object) -> None:
    s = Session(mode="text")
    target = os.path.join(str(tmp_path), "out.png")
    out = run(s, f':plot --out "{target}" sin(x), (x, 0, 3)')
    if importlib.util.find_spec("matplotlib") is None:
        assert out == "error: saving a plot needs matplotlib: pip install matplotlib"
    else:
        assert out == f"saved {target}" and os.path.getsize(target) > 1000


def test_completion_and_highlighting() -> None:
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    from symcalc.repl.editing import SessionCompleter, SessionLexer

    s = Session()
    s.execute("loss = (w*x - y)^2")
    comp = SessionCompleter(s.names)

    def words(text: str) -> list[str]:
        return [c.text for c in comp.get_completions(Document(text), CompleteEvent())]

    assert words("hess") == ["hessian"]
    assert "loss" in words("2*lo")
    assert words(":ti") == [":time"]
    assert "functions" in words(":help fun")
    lexer = SessionLexer(lambda: ["loss"])
    toks = lexer.tokens("diff(loss, x) + 2", {"loss"})
    assert ("class:function", "diff") in toks and ("class:user", "loss") in toks
    assert ("class:number", "2") in toks
    assert lexer.tokens(":tree x", set())[1] == ("class:command", ":tree")


# ---------------------------------------------------------------- in a pseudo-terminal

pexpect = pytest.importorskip("pexpect")
TIMEOUT = 60  # generous: a loaded machine can be slow, and nothing here waits on purpose


def spawn(tmp_path: object, *args: str) -> object:
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1", TERM="xterm",
               SYMCALC_HISTORY=os.path.join(str(tmp_path), "history"))
    env.pop("PYTHONSTARTUP", None)
    child = pexpect.spawn(sys.executable, ["-m", "symcalc", *args], env=env,
                          encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 120))
    child.expect_exact("symcalc> ")
    return child


def say(child: object, line: str, *expected: str) -> None:
    """Type a line, wait for each expected text in order, then for the next prompt."""
    child.sendline(line)
    for text in expected:
        child.expect_exact(text)
    child.expect_exact("symcalc> ")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_a_person_at_the_terminal(tmp_path: object) -> None:
    child = spawn(tmp_path)
    try:
        say(child, "f(x) = x^2*sin(x)", "f(x) = x²·sin(x)")
        say(child, "diff(f(x), x)", "x²·cos(x) + 2·x·sin(x)")
        say(child, "steps diff(f(x), x)", "product rule", "d/dx sin(x) = cos(x)",
            "= x^2*cos(x) + 2*x*sin(x)")
        # a parse error shows a caret, and the session carries on
        say(child, "f(2) +", "unexpected end of input", "     ^")
        say(child, "f(2) + %", "x²·cos(x) + 2·x·sin(x) + 4·sin(2)")
        # open brackets continue on the next line
        child.sendline("diff(x^3,")
        child.expect_exact("...")
        say(child, "x)", "3·x²")
        # tab completion of a function name
        child.send("hess\t")
        child.expect_exact("hessian")
        say(child, "(x^3*y, [x, y])", "⎡6·x·y  3·x²⎤")
        say(child, "e^x", "Euler's number is E")
        # Ctrl-C interrupts a long computation and returns to the prompt (x^240 - y^240
        # alone is homogeneous and now factors at once)
        child.sendline("factor(x^240 - y^240 + 1)")
        time.sleep(1.5)  # let it start computing (Ctrl-C at the prompt only clears the line)
        child.sendintr()
        child.expect_exact("\ninterrupted")       # on a line of its own, not "^Cinterrupted"
        child.expect_exact("symcalc> ")
        say(child, "2 + 3", "5")
        # Ctrl-C at the prompt clears the line
        child.send("this is not sent")
        child.sendintr()
        say(child, "7*6", "42")
        child.sendeof()
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    with open(os.path.join(str(tmp_path), "history"), encoding="utf-8") as f:
        history = f.read()
    assert "diff(f(x), x)" in history


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_quit_command_and_text_mode(tmp_path: object) -> None:
    child = spawn(tmp_path, "--text")
    try:
        say(child, "x^2/2", "x^2/2")
        child.sendline(":quit")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_ctrl_d_leaves_a_dumb_terminal(tmp_path: object) -> None:
    env = dict(os.environ, NO_COLOR="1", TERM="dumb", SYMCALC_HISTORY="")
    env.pop("PYTHONSTARTUP", None)
    child = pexpect.spawn(sys.executable, ["-m", "symcalc"], env=env, encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(40, 120))
    try:
        child.expect_exact("symcalc> ")
        child.sendline("diff(x^3,")           # brackets open: a continuation line
        child.sendline("x)")
        child.expect_exact("3·x²")
        child.expect_exact("symcalc> ")
        child.sendeof()                       # at once, no pause: it must not be lost
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_plot_command_draws_and_saves_only_with_out(tmp_path: object) -> None:
    s = Session(mode="text")
    r = s.execute(":plot x^2, (x, -1, 1), width=12, height=3")
    assert r.ok and "┤" in r.text
    path = os.path.join(str(tmp_path), "p.png")
    r = s.execute(f'plot(x^2, (x, -1, 1), file="{path}")')
    assert not r.ok and ":plot --out" in r.text and not os.path.exists(path)
    with open(path, "wb") as f:
        f.write(b"keep")
    r = s.execute(f":plot --out {path} x^2, (x, -1, 1)")
    assert not r.ok and "--force" in r.text
    r = s.execute(":plot --force x^2")
    assert not r.ok
    with open(path, "rb") as f:
        assert f.read() == b"keep"


# ---------------------------------------------------------------- issue 21: traps and messages


def test_primes_are_derivatives_not_strings() -> None:
    assert language.is_complete("f'(x)") and language.is_complete("f''(2)")
    assert language.split_statements("f'(x); g''(y)") == ["f'(x)", " g''(y)"]
    assert not language.is_complete("f('a")          # a quote after '(' opens a string
    s = Session(mode="text")
    run(s, "f(x) = x^3")
    assert run(s, "f'(x)") == "3*x^2"
    assert run(s, "f''(2)") == "12"
    assert run(s, "sigmoid'(x)") == "sigmoid(x)*(1 - sigmoid(x))"
    assert run(s, "sin''(x)") == "-sin(x)"
    assert run(s, "g'(x) + g(x)") == "g(x) + g'(x)"        # undefined g, used with '


def test_unclosed_brackets_are_an_error_with_a_caret() -> None:
    assert language.wants_more("diff(x^3,") and language.wants_more("(x +")
    assert not language.wants_more("diff(sin(x^2, x)")
    assert not language.wants_more("diff(x^2, x")
    assert not language.wants_more("diff(x^3,\n")        # a blank line ends it
    s = Session(mode="text")
    assert run(s, "diff(x^2, x").splitlines() == [
        "error: unclosed '(': add ')' to close it (line 1, column 5)", "  diff(x^2, x",
        "      ^"]


def test_unknown_functions_are_errors_with_suggestions() -> None:
    s = Session(mode="text")
    out = run(s, "intgrate(x^2, x)")
    assert out.startswith("error: unknown function intgrate — did you mean integrate")
    assert out.splitlines()[-1] == "  ^"
    assert "unknown function frobnicate" in run(s, "1 + frobnicate(x)")
    # declared, defined, or used with a prime: available
    assert run(s, 'h = function("h")') == "h = h"
    assert run(s, "h(x) + 1") == "h(x) + 1"
    assert run(s, "diff(h(x^2), x)") == "2*x*h'(x^2)"
    run(s, "k(t) = t^2")
    assert run(s, "k(3)") == "9"
    assert run(s, "u'(x) + u(x)") == "u(x) + u'(x)"
    assert "unknown function" not in run(s, 'k("a(b)")')   # in a string: not a call


def test_help_as_a_call_and_with_a_question_mark() -> None:
    s = Session(mode="text")
    for text in ("?diff", "help(diff)", ":help diff", "? diff"):
        out = run(s, text)
        assert out.startswith("diff(e, x)"), text
    assert run(s, "help").startswith("symcalc: symbolic calculus")


def test_messages_that_help() -> None:
    s = Session(mode="text")
    r = s.execute("solve(x^2 + 1, x)")
    assert r.text == '[]\nnote: no real solutions; solve(..., domain="complex") looks for ' \
                     'complex ones'
    r = s.execute("solve([x + y == 1, 2*x + 2*y == 3], [x, y])")
    assert r.text == "[]\nnote: no solutions: the linear equations are inconsistent"
    assert "complex" in s.execute("solve([x^2 + y^2 == -1, x == y], [x, y])").text
    assert "principal solutions" in run(s, "solve(sin(x) == 1/2, x)")
    assert "note:" not in run(s, "solve(x^2 == 4, x)")
    assert "hint: an equation is written with ==" in run(s, "x^2 = 4")
    r = s.execute("integrate(exp(x^2)*log(x), x)")
    assert r.unevaluated and "returned unevaluated" in r.text
    assert not s.execute("integrate(x, x)").unevaluated
    assert run(s, "solve([x + y == 1], [x, y])").startswith("[{x: 1 - y}]")
    run(s, "x = 3")
    out = run(s, "diff(x^2, x)")
    assert "hint: x was assigned 3 in this session; :clear x makes it a symbol again" in out
    run(s, ":clear x")
    assert run(s, "diff(x^2, x)") == "2*x"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_primes_unclosed_brackets_and_typos_at_the_terminal(tmp_path: object) -> None:
    child = spawn(tmp_path)
    try:
        say(child, "f(x) = x^3", "f(x) = x³")
        say(child, "f'(x)", "3·x²")                 # not a string left open
        say(child, "f''(2)", "12")
        say(child, "diff(sin(x^2, x)", "sin takes 1 argument", "^")
        say(child, "diff(x^2, x", "unclosed '('", "      ^")
        child.sendline("diff(x^3,")                 # ends with a comma: goes on
        child.expect_exact("...")
        child.sendline("")                          # a blank line ends it
        child.expect_exact("error")
        child.expect_exact("symcalc> ")
        say(child, "intgrate(x^2, x)", "did you mean integrate?")
        say(child, "?diff", "diff(e, x)")
        say(child, "2 + 2", "4")
        child.sendeof()
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_readable_output() -> None:
    s = Session(mode="pretty", oneline=True)
    assert run(s, "series(exp(x), x, 0, 4)") == "1 + x + x²/2 + x³/6"     # ascending
    assert run(s, "x/4 - x^3/48 + 1/2") == "1/2 + x/4 - x³/48"
    assert run(s, "series(exp(x), x, 1, 3)") == "ℯ + ℯ·(x - 1) + ℯ·(x - 1)²/2"
    assert run(s, "x^2 + 2*x + 1") == "x² + 2·x + 1"           # a polynomial: as before
    # a series at a: ascending powers of (x - a), the coefficient first
    assert run(s, "series(sin(x), x, a, 3)") == "sin(a) + cos(a)·(x - a) - sin(a)·(x - a)²/2"
    assert run(s, "series(log(x), x, 1, 4)") == "(x - 1) - (x - 1)²/2 + (x - 1)³/3"
    assert run(s, "series(1/x, x, 1, 3)") == "1 - (x - 1) + (x - 1)²"
    assert run(s, "e - E") == "e - ℯ"
    assert run(s, "sqrt(2*pi)") == "√(2π)"
    s = Session(mode="pretty")
    assert run(s, "critical_points(x^3 - 3*x + y^2, [x, y])") == \
        "(-1, 0)  saddle\n(1, 0)   minimum"
    t = Session(mode="text")
    assert run(t, "series(exp(x), x, 0, 3)") == "x^2/2 + x + 1"  # text: canonical order


def test_wide_results_fit_the_terminal() -> None:
    from symcalc.repl.display import break_line

    s = Session(mode="pretty")
    s.width = 100
    out = run(s, "hessian(log(1 + exp(w1*x1 + w2*x2 + w3*x3)), [w1, w2, w3])")
    lines = out.splitlines()
    assert lines[0].startswith("3×3 matrix, entry by entry")
    assert max(len(line) for line in lines) <= 100
    assert sum(line.startswith("[") for line in lines) == 9
    out = run(s, "gradient((y - w*x - b)^2*sin(w*x*y*b)^3*exp(x*y*w*b)*log(y+b+x+w), [w, b])")
    assert max(len(line) for line in out.splitlines()) <= 100
    assert out.splitlines()[1].startswith("   + ")        # broken before an operator
    s.width = 200
    assert run(s, "hessian(x^3*y, [x, y])").startswith("⎡6·x·y  3·x²⎤")
    assert break_line("a + b·c - d, e", 8) == "a + b·c\n  - d, e"


def test_assume_save_minimize_and_plot_poles(tmp_path: object) -> None:
    s = Session(mode="text")
    assert run(s, "assume s > 0") == "assuming s > 0"
    assert run(s, "sqrt(s^2)") == "s"
    assert run(s, "integrate(exp(-s*t), (t, 0, oo))") == "1/s"
    assert run(s, "assume n integer, a >= 0") == "assuming n integer, a >= 0"
    assert "usage: assume" in run(s, "assume 3 > 0")
    assert "unbounded below" in run(s, "minimize(x^3, [x], [1])")
    assert "unbounded" not in run(s, "minimize((x - 1)^2, [x], [0])")
    path = os.path.join(str(tmp_path), "session.sc")
    assert run(s, f":save {path}") == f"saved 6 statements to {path}"
    assert "exists; add --force" in run(s, f":save {path}")
    run(s, "?diff")
    assert run(s, f":save {path} --force") == f"saved 6 statements to {path}"
    with open(path, encoding="utf-8") as f:
        saved = f.read().splitlines()
    assert saved[1:] == ["assume s > 0", "sqrt(s^2)", "integrate(exp(-s*t), (t, 0, oo))",
                         "assume n integer, a >= 0", "minimize(x^3, [x], [1])",
                         "minimize((x - 1)^2, [x], [0])"]
    replay = Session(mode="text", echo=False)
    assert replay.execute("\n".join(saved[:4])).text == "s\n1/s"
    # tan: a range where most values are, and no vertical bars at the poles
    out = run(s, "plot(tan(x), (x, -3, 3))")
    top = float(out.split()[0])
    assert 3 < top < 20
    columns = list(zip(*[line.split("┤")[1] for line in out.splitlines() if "┤" in line]))
    assert all(sum(ch == "⣿" for ch in col) < 3 for col in columns)


def test_gradient_entries_share_their_factors() -> None:
    s = Session(mode="pretty")
    assert run(s, "gradient((y - w*x - b)^2, [w, b])") == "[2·x·(b + w·x - y), 2·(b + w·x - y)]"
    assert run(s, "gradient(x^2*y + y, [x, y])") == "[2·x·y, x² + 1]"
    assert run(s, "[x + 1, -x - 1, (x + 1)*y]") == "[x + 1, -(x + 1), y·(x + 1)]"
    t = Session(mode="text")                     # text: canonical, parses back
    assert run(t, "gradient((y - w*x - b)^2, [w, b])") == "[2*x*(b + w*x - y), 2*b + 2*w*x - 2*y]"
