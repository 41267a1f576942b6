"""The input language: grammar/symcalc.lark, symcalc.parse, and its error messages.

Parsed text is compared structurally (``is``: expressions are hash-consed) with the
same expression built through the Python API.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import threading
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symcalc as sc
from symcalc import DomainError, ParseError, parse
from symcalc.core import (
    Abs,
    And,
    E,
    Float,
    Function,
    Integer,
    Not,
    Or,
    Piecewise,
    Rational,
    Symbol,
    acos,
    asin,
    atan,
    cbrt,
    cos,
    exp,
    false,
    limits,
    log,
    nan,
    oo,
    pi,
    rel,
    sign,
    sin,
    sqrt,
    tan,
    true,
)
from symcalc.core.bigint import int_from_digits, int_to_digits
from symcalc.parse.parser import get_parser

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "integrals"

x, y, z, a, b, c, t = sc.symbols("x y z a b c t")
e_sym = Symbol("e")
f, g = Function("f"), Function("g")


def check(text: str, expected) -> None:
    got = parse(text)
    assert got is expected, f"{text!r} parsed to {got!r}, expected {expected!r}"


def error_of(text: str, **kw) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse(text, **kw)
    return info.value


# --------------------------------------------------------------------------- precedence

PRECEDENCE = [
    ("1 + 2*3", Integer(7)),
    ("x + y*z", x + y * z),
    ("x*y + z", x * y + z),
    ("x - y - z", (x - y) - z),
    ("x - (y - z)", x - (y - z)),
    ("a/b/c", (a / b) / c),
    ("a/b*c", (a / b) * c),
    ("a*b/c", a * b / c),
    ("x^y^z", x ** (y ** z)),
    ("2^3^2", Integer(512)),
    ("x**y**z", x ** (y ** z)),
    ("-x^2", -(x ** 2)),
    ("(-x)^2", (-x) ** 2),
    ("-2^2", Integer(-4)),
    ("2^-1", Rational(1, 2)),
    ("x^-y", x ** (-y)),
    ("x^-y^z", x ** (-(y ** z))),
    ("x^-2*y", x ** -2 * y),
    ("2*-x", 2 * (-x)),
    ("x*-y^2", x * (-(y ** 2))),
    ("--x", x),
    ("+x", x),
    ("x - -y", x + y),
    ("-(x + y)", -(x + y)),
    ("x^(y + 1)", x ** (y + 1)),
    ("x^2*y", x ** 2 * y),
    ("(x + y)^2", (x + y) ** 2),
    ("1 - x^2/2 + x^4/24", 1 - x ** 2 / 2 + x ** 4 / 24),
    ("sin(x)^2 + cos(x)^2", sin(x) ** 2 + cos(x) ** 2),
    ("exp(-x^2/2)", exp(-(x ** 2) / 2)),
    ("x + 1 < 2*y", rel("<", x + 1, 2 * y)),
    ("-x < y^2", rel("<", -x, y ** 2)),
    ("x < 1 and y > 2 or z == 0",
     Or(And(rel("<", x, 1), rel(">", y, 2)), rel("==", z, 0))),
    ("x < 1 or y > 2 and z == 0",
     Or(rel("<", x, 1), And(rel(">", y, 2), rel("==", z, 0)))),
    ("not x < 1 and y > 2", And(Not(rel("<", x, 1)), rel(">", y, 2))),
    ("not not x < 1", rel("<", x, 1)),
]


@pytest.mark.parametrize("text, expected", PRECEDENCE, ids=[p[0] for p in PRECEDENCE])
def test_precedence(text, expected):
    check(text, expected)


# --------------------------------------------------------------------------- implicit *

IMPLICIT = [
    ("2x", 2 * x),
    ("2 x", 2 * x),
    ("x y", x * y),
    ("2x y z", 2 * x * y * z),
    ("2 sin(x)", 2 * sin(x)),
    ("2sin(x)", 2 * sin(x)),
    ("sin(x)cos(x)", sin(x) * cos(x)),
    ("x sin(x)^2", x * sin(x) ** 2),
    ("(x + 1)(x - 1)", (x + 1) * (x - 1)),
    ("(x)(y)(z)", x * y * z),
    ("2(x + 1)", 2 * (x + 1)),
    ("x (y + 1)", x * (y + 1)),
    ("x (y)", x * y),
    ("2x^2", 2 * x ** 2),
    ("3x^2y", 3 * x ** 2 * y),
    ("x^2 y^2", x ** 2 * y ** 2),
    ("1/2x", x / 2),
    ("1/2 x", x / 2),
    ("x/2y", x / 2 * y),
    ("2π", 2 * pi),
    ("π x", pi * x),
    ("2πx", 2 * pi * x),
    ("2√x", 2 * sqrt(x)),
    ("√x√y", sqrt(x) * sqrt(y)),
    ("x²y", x ** 2 * y),
    ("|x|y", Abs(x) * y),
    ("|x|(y + 1)", Abs(x) * (y + 1)),
    ("2 e", 2 * e_sym),
    ("2 E", 2 * E),
    ("2ex", 2 * Symbol("ex")),
    ("2e3x", Float(2000.0) * x),
    ("xy", Symbol("xy")),
    ("x1 w_2", Symbol("x1") * Symbol("w_2")),
    ("-2x", -2 * x),
    ("x^2(x + 1)", x ** 2 * (x + 1)),
]


@pytest.mark.parametrize("text, expected", IMPLICIT, ids=[p[0] for p in IMPLICIT])
def test_implicit_multiplication(text, expected):
    check(text, expected)


def test_name_then_parenthesis_is_a_call_only_without_space():
    check("f(x)", f(x))
    check("f (x)", Symbol("f") * x)
    check("x(y)", Function("x")(y))


# --------------------------------------------------------------------------- unicode

UNICODE = [
    ("x·y", x * y),
    ("x×y", x * y),
    ("x⋅y", x * y),
    ("x−y", x - y),
    ("−x", -x),
    ("x÷y", x / y),
    ("√x", sqrt(x)),
    ("√x^2", sqrt(x ** 2)),
    ("√(x + 1)", sqrt(x + 1)),
    ("√-x", sqrt(-x)),
    ("1/√x", 1 / sqrt(x)),
    ("∛x", cbrt(x)),
    ("x²", x ** 2),
    ("x³", x ** 3),
    ("x¹⁰", x ** 10),
    ("x⁻¹", 1 / x),
    ("x⁻²", x ** -2),
    ("2²", Integer(4)),
    ("(x + 1)²", (x + 1) ** 2),
    ("-x²", -(x ** 2)),
    ("θ + α", Symbol("θ") + Symbol("α")),
    ("φ(t)", Function("φ")(t)),
    ("π", pi),
    ("∞", oo),
    ("-∞", -oo),
    ("x ≤ y", rel("<=", x, y)),
    ("x ≥ y", rel(">=", x, y)),
    ("x ≠ y", rel("!=", x, y)),
]


@pytest.mark.parametrize("text, expected", UNICODE, ids=[p[0] for p in UNICODE])
def test_unicode(text, expected):
    check(text, expected)


# --------------------------------------------------------------------------- bars

ABS = [
    ("|x|", Abs(x)),
    ("|-x|", Abs(x)),
    ("||x| - 1|", Abs(Abs(x) - 1)),
    ("|x - |y||", Abs(x - Abs(y))),
    ("|x|*|y|", Abs(x) * Abs(y)),
    ("|x|^2", Abs(x) ** 2),
    ("|x|^3", Abs(x) ** 3),
    ("-|x|", -Abs(x)),
    ("2*|x|", 2 * Abs(x)),
    ("|x + 1|/|x - 1|", Abs(x + 1) / Abs(x - 1)),
    ("sqrt(|x|)", sqrt(Abs(x))),
    ("|sin(x)|", Abs(sin(x))),
    ("|x|²", Abs(x) ** 2),
    ("abs(x) + Abs(y)", Abs(x) + Abs(y)),
]


@pytest.mark.parametrize("text, expected", ABS, ids=[p[0] for p in ABS])
def test_absolute_value_bars(text, expected):
    check(text, expected)


def test_bars_in_lists():
    assert parse("[|x|, |y|]") == [Abs(x), Abs(y)]


def test_implicit_product_with_a_bar_needs_a_star():
    err = error_of("2|x|")
    assert (err.line, err.column) == (1, 2)
    assert "2*|x|" in err.message


# --------------------------------------------------------------------------- relations

@pytest.mark.parametrize("op, text_op", [("<", "<"), ("<=", "<="), (">", ">"), (">=", ">="),
                                          ("==", "=="), ("!=", "!=")])
def test_relations(op, text_op):
    check(f"x {text_op} y + 1", rel(op, x, y + 1))


def test_relations_decide_when_the_sign_is_known():
    check("x^2 + 1 > 0", true)
    check("1 > 2", false)


def test_relations_do_not_chain():
    err = error_of("a < b < c")
    assert (err.line, err.column) == (1, 7)
    assert "chain" in err.message


def test_booleans():
    check("True", true)
    check("False", false)
    check("x > 0 and True", rel(">", x, 0))
    check("not (x > 0)", rel("<=", x, 0))


# --------------------------------------------------------------------------- containers

def test_lists_and_tuples():
    assert parse("[1, 2]") == [Integer(1), Integer(2)]
    assert parse("[]") == []
    assert parse("[x, [y, z]]") == [x, [y, z]]
    r = parse("(x, 0, 1)")
    assert isinstance(r, tuple) and r == (x, Integer(0), Integer(1))
    assert parse("((x, 1), (y, 2))") == ((x, Integer(1)), (y, Integer(2)))
    assert parse("[(x, 0, 1), y]") == [(x, Integer(0), Integer(1)), y]
    check("(x)", x)
    check("((x + 1))", x + 1)


@pytest.mark.parametrize("text, column, words", [
    ("sin((1, 2))", 1, "tuple"),
    ("f([1])", 1, "list"),
    ("(x, 1) + 1", 8, "unexpected '+'"),
    ("2(x, y)", 4, "unexpected ','"),
    ("(x,)", 4, "unexpected ')'"),
])
def test_misplaced_containers(text, column, words):
    err = error_of(text)
    assert err.column == column and words in err.message


# --------------------------------------------------------------------------- calls

def test_piecewise():
    check("piecewise((x, x > 0), (0, True))", Piecewise((x, x > 0), (0, True)))
    check("piecewise((x^2, x < 0), (x, x >= 0 and x < 1), (1, True))",
          Piecewise((x ** 2, x < 0), (x, And(x >= 0, x < 1)), (1, True)))
    check("piecewise((1, True))", Integer(1))


@pytest.mark.parametrize("text", ["piecewise(x)", "piecewise((x, y))", "piecewise((x, 1, 2))",
                                  "piecewise"])
def test_malformed_piecewise(text):
    err = error_of(text)
    assert err.column == 1 and "piecewise" in err.message


def test_undefined_functions():
    check("f(x)", f(x))
    check("f(x, y)", f(x, y))
    check("g()", g())
    check("f(x)^2 + g(x, 1)", f(x) ** 2 + g(x, Integer(1)))
    check("f(g(x))", f(g(x)))


ALIASES = [
    ("ln(x)", log(x)),
    ("log(x)", log(x)),
    ("log(x, 2)", log(x) / log(Integer(2))),
    ("arcsin(x)", asin(x)),
    ("arccos(x)", acos(x)),
    ("arctan(x)", atan(x)),
    ("sgn(x)", sign(x)),
    ("Abs(x)", Abs(x)),
    ("sqrt(x)", x ** Rational(1, 2)),
    ("sqrt(8)", 2 * sqrt(2)),
    ("tan(x)", tan(x)),
    ("exp(1)", E),
]


@pytest.mark.parametrize("text, expected", ALIASES, ids=[p[0] for p in ALIASES])
def test_registry_functions_and_aliases(text, expected):
    check(text, expected)


def test_arity_errors_point_at_the_call():
    err = error_of("1 + sin(x, y)")
    assert (err.line, err.column) == (1, 5)
    assert err.message == "sin takes 1 argument, got 2"
    assert "argument" in error_of("atan2(x)").message
    assert "log takes 1 to 2 arguments, got 0" == error_of("log()").message


@pytest.mark.parametrize("text, name", [("sin + 1", "sin"), ("sin (x)", "sin"), ("2 ln", "ln"),
                                        ("piecewise + 1", "piecewise")])
def test_bare_function_name(text, name):
    err = error_of(text)
    assert err.message == f"{name} is a function; write {name}(...)"


# --------------------------------------------------------------------------- atoms

def test_constants_and_e():
    check("pi", pi)
    check("E", E)
    check("oo", oo)
    check("nan", nan)
    check("e", e_sym)
    check("e^x", e_sym ** x)
    check("E^x", exp(x))
    check("exp(x)", exp(x))
    assert error_of("pi(x)").message.startswith("pi is a constant")


@pytest.mark.parametrize("text, value", [
    ("2", 2), ("007", 7), ("1.5", 1.5), (".5", 0.5), ("1.", 1.0), ("1e-3", 1e-3),
    ("2.5E+10", 2.5e10), ("1e5", 1e5), ("1e-999", 0.0), ("0.1", 0.1),
])
def test_numbers(text, value):
    r = parse(text)
    assert r is sc.core.number(value)
    assert isinstance(r, Float) == isinstance(value, float)


def test_big_integers():
    digits = "12345678901234567890" * 250            # 5000 digits: past int()'s limit
    assert parse(digits).value == int_from_digits(digits)
    assert parse("9" * limits.MAX_INT_DIGITS).value == 10 ** limits.MAX_INT_DIGITS - 1
    err = error_of("1" * (limits.MAX_INT_DIGITS + 1))
    assert "at most" in err.message and err.column == 1


@pytest.mark.parametrize("text, words, column", [
    ("0x10", "0x10 is 16; write 16", 1),
    ("2 + 0b101", "0b101 is 5", 5),
    ("0o17", "write 15", 1),
    ("1_000", "write 1000", 1),
    ("x + 2_x", "write 2*_x", 5),
    ("1e", "write 1e0 for a number (or 1*e", 1),
    ("3*2.5e-", "write 2.5e-0", 3),
    ("1e+ x", "1e+", 1),
    ("2E", "2*E", 1),
])
def test_misread_number_literals_are_refused(text, words, column):
    err = error_of(text)
    assert words in err.message and err.column == column
    assert "^" in str(err)


def test_number_like_text_that_is_fine():
    check("2e3x", Float(2000.0) * x)
    check("x1_000", Symbol("x1_000"))
    check("0x", Integer(0))
    check("2 e", 2 * e_sym)
    check("1e-3", Float(0.001))


def test_symbol_names_round_trip_or_are_refused():
    from symcalc.errors import SymbolNameError

    for name in ("π", "xπ", "x²", "∞", "if", "and", "pi", "I", "sin", "x y", "1x", ""):
        with pytest.raises(SymbolNameError):
            Symbol(name)
    for name in ("x", "α", "w_1", "_t", "ℓ", "i", "zoo", "ans", "Ω_12"):
        s = Symbol(name)
        assert parse(str(s)) is s


def test_float_overflow_is_an_error():
    assert "too large" in error_of("1e999").message


def test_names():
    check("x1", Symbol("x1"))
    check("w_2", Symbol("w_2"))
    check("_t", Symbol("_t"))
    check("α_1", Symbol("α_1"))


def test_names_mapping():
    xp = Symbol("x", positive=True)
    check("x", x)
    assert parse("sqrt(x^2)", {"x": xp}) is xp
    assert parse("a*x", {"a": 3}) is 3 * x
    assert parse("h(x)", {"h": g}) is g(x)
    assert "not a function" in error_of("a(x)", names={"a": y}).message
    assert "is a function" in error_of("h + 1", names={"h": g}).message


def test_host_functions_get_keywords_and_strings():
    def minimize(e, variables, x0, method="bfgs", steps=1):
        return ("minimize", e, variables, x0, method, steps)

    r = parse('minimize(x^2 + y^2, [x, y], [1, 2], method="adam", steps=100)',
              functions={"minimize": minimize})
    assert r == ("minimize", x ** 2 + y ** 2, [x, y], [Integer(1), Integer(2)], "adam",
                 Integer(100))
    assert parse("m('a\\'b')", functions={"m": lambda s: s}) == "a'b"
    err = error_of('m(x, k="a", k="b")', functions={"m": print})
    assert "repeated" in err.message and err.column == 13


def test_keywords_and_strings_are_refused_in_expressions():
    err = error_of("f(x, a=2)")
    assert (err.message, err.column) == ("keyword arguments are not allowed here", 6)
    err = error_of('f("adam")')
    assert (err.message, err.column) == ("strings are not allowed here", 3)
    assert error_of('"adam"').column == 1


# --------------------------------------------------------------------------- errors

ERRORS = [
    # text, line, column, words the message contains
    ("", 1, 1, "unexpected end of input; expected an expression"),
    ("   ", 1, 1, "unexpected end of input; expected an expression"),
    ("x +", 1, 4, "unexpected end of input; expected an expression"),
    ("x +\n", 1, 4, "unexpected end of input"),
    ("(x + 1", 1, 7, "expected ')'"),
    ("2*(x + 1", 1, 9, "expected ')' or an operator"),
    ("sin(x", 1, 6, "expected ')'"),
    ("[1, 2", 1, 6, "expected ']'"),
    ("|x + 1", 1, 7, "expected '|'"),
    ("x)", 1, 2, "unexpected ')'"),
    ("x $ y", 1, 3, "unexpected character '$'"),
    ("x\n+ )", 2, 3, "unexpected ')'; expected an expression"),
    ("x +\n  * y", 2, 3, "unexpected '*'; expected an expression"),
    ("x^^2", 1, 3, "unexpected '^'"),
    ("2^", 1, 3, "expected an expression"),
    ("x 2", 1, 3, "unexpected '2'"),
    ("1.5.5", 1, 4, "unexpected '.5'"),
    ("and x", 1, 1, "unexpected 'and'"),
    ("x + and", 1, 5, "unexpected 'and'"),
    ("not", 1, 4, "expected an expression"),
    ('"abc', 1, 1, "unexpected character"),
    ("x = 2", 1, 3, "unexpected '='"),
    ("f(,)", 1, 3, "unexpected ','"),
    ("x²^2", 1, 3, "unexpected '^'"),
    ("1 + 2 +\n\n3 + * 4", 3, 5, "unexpected '*'"),
]


@pytest.mark.parametrize("text, line, column, words", ERRORS, ids=[repr(e[0]) for e in ERRORS])
def test_syntax_errors(text, line, column, words):
    err = error_of(text)
    assert (err.line, err.column) == (line, column), err
    assert words in err.message
    assert err.text == text


TERMINAL_NAMES = re.compile(r"\b(?:[A-Z]+_?[A-Z]+|_[A-Z]+|\$END|__\w+)\b")


@pytest.mark.parametrize("text", [e[0] for e in ERRORS] + ["2|x|", "a < b < c", "(x, 1) + 1"])
def test_error_messages_use_words_not_terminal_names(text):
    err = error_of(text)
    terminals = {t for row in get_parser().actions.values() for t in row}
    words = set(re.findall(r"[\w$]+", err.message))
    assert not words & terminals, err.message
    assert not TERMINAL_NAMES.search(err.message), err.message


def test_every_terminal_has_a_name_in_words():
    from symcalc.parse import errors

    terminals = {t for row in get_parser().actions.values() for t in row}
    named = errors._AFTER_OPERAND | errors._OPERAND | {t for t, _ in errors._CLOSERS}
    assert terminals - named == {"$END"}


def test_error_rendering_has_a_caret():
    err = error_of("2*(x + 1")
    assert str(err).splitlines() == [
        "unexpected end of input; expected ')' or an operator (line 1, column 9)",
        "  2*(x + 1",
        "          ^",
    ]
    assert err.expected == ("')'", "an operator")


def test_kernel_errors_propagate():
    with pytest.raises(DomainError):
        parse("1/0")
    with pytest.raises(DomainError):
        parse("x + 0^-1")


def test_not_a_string():
    with pytest.raises(TypeError):
        parse(3)


# --------------------------------------------------------------------------- limits

def test_unevaluated_huge_powers():
    r = parse("2^(10^10)")
    assert r.is_Pow and r.exp is Integer(10 ** 10)
    r = parse("9^9^9^9")
    assert r.is_Pow and r.base is Integer(9)
    assert parse("2^2^2^2") is Integer(65536)


def nested(n: int, open_: str = "(", close: str = ")", inner: str = "x") -> str:
    return open_ * n + inner + close * n


def test_nesting_limit():
    limit = limits.MAX_PARSE_DEPTH
    check(nested(limit), x)
    check(nested(limit, "sin(", ")"), sin(parse(nested(limit - 1, "sin(", ")"))))
    tower = x
    for _ in range(limit - 1):
        tower = x ** tower
    check("x" + "^x" * (limit - 1), tower)
    for text in [nested(limit + 1), nested(10 ** 5), "[" * 10 ** 5, "|" * 10 ** 5,
                 nested(10 ** 5, "sin(", ")"), "x" + "^x" * 10 ** 5, "√" * 10 ** 5 + "x",
                 nested(10 ** 5, "2^(", ")", "2"), "x" + "**x" * 10 ** 5]:
        err = error_of(text)
        assert "nested deeper than" in err.message


def test_flat_inputs_are_not_limited():
    n = 3 * limits.MAX_PARSE_DEPTH
    check("+".join(["x^2"] * n), n * x ** 2)
    check("(x)" * n, x ** n)
    check("-" * 10 ** 4 + "x", x)


def test_long_inputs():
    terms = [f"x{i}" for i in range(20000)]
    r = parse("+".join(terms))
    assert r.is_Add and len(r.args) == 20000
    err = error_of("x+" * 10 ** 4 + ")")
    assert err.column == 2 * 10 ** 4 + 1
    assert error_of("7" * 10 ** 6).message.startswith("integer literal with 1000000 digits")


# --------------------------------------------------------------------------- properties

LEAVES = [("x", x), ("y", y), ("z", z), ("2", Integer(2)), ("3", Integer(3)),
          ("1", Integer(1)), ("0", Integer(0)), ("(1/2)", Rational(1, 2))]
BINARY = {"+": lambda p, q: p + q, "-": lambda p, q: p - q, "*": lambda p, q: p * q,
          "/": lambda p, q: p / q}
UNARY = {"sin": sin, "exp": exp, "log": log, "sqrt": sqrt, "abs": Abs, "-": lambda p: -p}


def _binary(children):
    return st.tuples(st.sampled_from(sorted(BINARY)), children, children).map(
        lambda o: (f"({o[1][0]}){o[0]}({o[2][0]})", (BINARY[o[0]], o[1][1], o[2][1])))


def _power(children):
    return st.tuples(children, st.sampled_from(["2", "3", "-1", "(1/2)"])).map(
        lambda o: (f"({o[0][0]})^{o[1]}", (lambda p, q: p ** q, o[0][1], parse(o[1]))))


def _unary(children):
    return st.tuples(st.sampled_from(sorted(UNARY)), children).map(
        lambda o: (f"{o[0]}({o[1][0]})", (UNARY[o[0]], o[1][1])))


def _chain(children):
    # a flat chain a op b op c ... of one precedence level, built left to right
    def build(o):
        ops, items = o
        text = f"({items[0][0]})" + "".join(f"{op}({it[0]})" for op, it in zip(ops, items[1:]))
        return text, ("chain", ops, [it[1] for it in items])
    level = st.sampled_from(["+-", "*/"])
    return level.flatmap(lambda lv: st.integers(2, 5).flatmap(lambda n: st.tuples(
        st.lists(st.sampled_from(lv), min_size=n - 1, max_size=n - 1),
        st.lists(children, min_size=n, max_size=n)))).map(build)


TREES = st.recursive(st.sampled_from(LEAVES).map(lambda p: (p[0], p[1])),
                     lambda ch: st.one_of(_binary(ch), _power(ch), _unary(ch), _chain(ch)),
                     max_leaves=10)


def build(plan):
    """The expression a plan describes, built through the Python API (left to right)."""
    if not isinstance(plan, tuple):
        return plan
    if plan[0] == "chain":
        ops, items = plan[1], [build(i) for i in plan[2]]
        out = items[0]
        for op, item in zip(ops, items[1:]):
            out = BINARY[op](out, item)
        return out
    return plan[0](*(build(p) for p in plan[1:]))


@settings(max_examples=300, deadline=None)
@given(TREES)
def test_parse_agrees_with_the_python_api(tree):
    text, plan = tree
    try:
        expected = build(plan)
    except DomainError:
        with pytest.raises(DomainError):
            parse(text)
        return
    assert parse(text) is expected


@settings(max_examples=300, deadline=None)
@given(TREES)
def test_printed_text_parses_back(tree):
    try:
        expr = build(tree[1])
    except DomainError:
        return
    assert parse(str(expr)) is expr


@given(st.integers(min_value=-(10 ** 60), max_value=10 ** 60))
def test_integers_round_trip(n):
    assert parse(str(n)) is Integer(n)
    assert parse(f"({n})/7") is Rational(Fraction(n, 7))


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=0))
def test_floats_round_trip(v):
    assert parse(repr(v)) is Float(v)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 20000), st.integers(0, 2 ** 32), st.booleans())
def test_bigint_conversions_round_trip(ndigits, seed, negative):
    import random

    n = random.Random(seed).randrange(10 ** (ndigits - 1), 10 ** ndigits)
    n = -n if negative else n
    s = int_to_digits(n)
    assert int_from_digits(s) == n
    if abs(n) < 10 ** 4000:
        assert s == str(n)


def test_bigint_rejects_non_digits():
    for bad in ["", "-", "12a", "1 2", "--1", "٣"]:
        with pytest.raises(ValueError):
            int_from_digits(bad)
    assert int_from_digits("-0042") == -42
    assert int_to_digits(-(10 ** 5000)) == "-1" + "0" * 5000


# --------------------------------------------------------------------------- the corpus

def corpus() -> list[str]:
    out = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                out += [row["integrand"], row["optimal"]]
    return out


@pytest.mark.skipif(not DATA.is_dir(), reason="shared integral corpus not present")
def test_corpus_parses_and_prints_back():
    texts = corpus()
    assert len(texts) > 1000
    for text in texts:
        e = parse(text)
        assert isinstance(e, sc.Expr), text
        assert parse(str(e)) is e, text


# --------------------------------------------------------------------------- machinery

def test_grammar_has_no_conflicts(caplog):
    from symcalc.parse.tables import build_lark

    caplog.set_level(logging.DEBUG, logger="lark")
    build_lark(debug=True)
    conflicts = [r.getMessage() for r in caplog.records if "onflict" in r.getMessage()]
    assert conflicts == []


def _shape(v):
    """A parse result in a neutral form: (rule, children) tuples and (terminal, text)."""
    from lark import Token, Tree

    from symcalc.parse.lalr import Tok

    if isinstance(v, Tree):
        return (str(v.data), [_shape(ch) for ch in v.children])
    if isinstance(v, (Token, Tok)):
        return (v.type, v.value)
    if isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], list):
        return (v[0], [_shape(ch) for ch in v[1]])
    raise AssertionError(v)


class _Shapes:
    """Callbacks that record (rule, children), as Lark's tree builder does."""

    def __getattr__(self, name):
        return lambda children: (name, list(children))


RULE_INPUTS = ["diff(sin(u), u) = cos(u)", "f(x) = x^n if n != 0, free(n, x)", "a = b"]
SHAPE_INPUTS = [
    "2x^2 + 3x - 1", "a/b/c d", "-x^-2", "|x - |y||", "piecewise((x, x > 0), (0, True))",
    "[1, [2, (3, 4)], []]", "f()", "f(x, k=1, s='a')", "x < 1 and not y or z", "√x²∛y",
    "((x))", "(x, y)", "1e-3 x ÷ 2",
]


def test_engine_builds_what_lark_builds():
    from symcalc.parse.lalr import Engine
    from symcalc.parse.tables import build_lark, load_tables

    lark = build_lark()
    engine = Engine(load_tables(), _Shapes())
    texts = SHAPE_INPUTS + (corpus()[:300] if DATA.is_dir() else [])
    for text in texts:
        assert _shape(engine.parse(text)) == _shape(lark.parse(text, start="start")), text
    for text in RULE_INPUTS:
        assert _shape(engine.parse(text, "rule")) == _shape(lark.parse(text, start="rule"))


def test_tables_cache(tmp_path, monkeypatch):
    from symcalc.parse import tables
    from symcalc.parse.lalr import Engine
    from symcalc.parse.transformer import ExprBuilder

    def works(t: dict) -> bool:
        return Engine(t, ExprBuilder()).parse("2x^2 + sin(x)/3") is 2 * x ** 2 + sin(x) / 3

    monkeypatch.setenv("SYMCALC_CACHE_DIR", str(tmp_path))
    first = tables.load_tables()
    files = list(tmp_path.glob("grammar-*.json"))
    assert len(files) == 1 and works(first)
    assert tables.load_tables() == first              # read back from the cache
    good = files[0].read_text()
    files[0].write_text("{not json")
    assert works(tables.load_tables())                # a broken cache is rebuilt
    assert tables._read(files[0], first["key"]) is not None
    # Damage that keeps the JSON valid and the key right (a flipped table entry, a
    # truncated file with the same start) is caught by the checksum on the first line.
    head, body = good.split("\n", 1)
    data = json.loads(body)
    assert data["key"] == first["key"] and head.startswith("sha256:")
    state = next(iter(data["actions"]))
    data["actions"][state] = {}
    for damaged in (head + "\n" + json.dumps(data), good[:len(good) // 2],
                    good.replace('"', "'", 1), "\x00" * 64, b"\xff\xfe".decode("latin-1")):
        files[0].write_text(damaged)
        assert works(tables.load_tables())
        assert tables._read(files[0], first["key"]) is not None   # rewritten, valid
    monkeypatch.setenv("SYMCALC_CACHE_DIR", "")
    assert tables.cache_dir() is None
    assert works(tables.load_tables())


def test_importing_symcalc_does_not_import_lark():
    code = "import sys, symcalc; assert 'lark' not in sys.modules; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_parse_is_callable_through_the_package_module():
    import symcalc.parse as module

    assert module("x + 1") is x + 1
    assert sc.parse("x + 1") is x + 1


def test_threads_see_their_own_names():
    failures = []

    def work(i: int) -> None:
        s = Symbol(f"v{i}", positive=True)
        for _ in range(200):
            if parse(f"sqrt(v{i}^2)", {f"v{i}": s}) is not s:
                failures.append(i)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert failures == []


def test_a_host_function_may_parse_recursively():
    r = parse("h(1) + q", {"q": z}, functions={"h": lambda n: parse("y + k", {"k": n})})
    assert r is y + 1 + z


def test_grammar_is_found_inside_an_installed_package(tmp_path):
    # The wheel ships the grammar as symcalc/grammar/symcalc.lark (pyproject.toml).
    import shutil

    site = tmp_path / "site"
    shutil.copytree(ROOT / "symcalc", site / "symcalc",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (site / "symcalc" / "grammar").mkdir()
    shutil.copy(ROOT / "grammar" / "symcalc.lark", site / "symcalc" / "grammar")
    code = ("import symcalc, symcalc.parse.tables as t; "
            "assert t.grammar_text().startswith('// The symcalc input language'); "
            "assert str(symcalc.parse('2x^2')) == '2*x^2'; print('ok')")
    env = {**os.environ, "SYMCALC_CACHE_DIR": "", "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_rule_lines():
    from symcalc.parse import parse_rule

    u, n = sc.symbols("u n")
    diff = Function("diff")
    assert parse_rule("diff(sin(u), u) = cos(u)") == (None, diff(sin(u), u), cos(u), ())
    name, lhs, rhs, guards = parse_rule(
        "[power rule] diff(u^n, u) = n*u^(n - 1) if n != 0, free(n, u)")
    assert (name, lhs, rhs) == ("power rule", diff(u ** n, u), n * u ** (n - 1))
    assert guards == (rel("!=", n, 0), Function("free")(n, u))
    with pytest.raises(ParseError) as info:
        parse_rule("[bad] a = b c 2", source="x.rules", line=7)
    err = info.value
    assert (err.line, err.column) == (7, 15)
    assert err.message.startswith("x.rules: unexpected '2'")
    assert str(err).splitlines()[1] == "  [bad] a = b c 2"
    assert "expected '=' or an operator" in error_of_rule("a b")


def error_of_rule(text: str) -> str:
    from symcalc.parse import parse_rule

    with pytest.raises(ParseError) as info:
        parse_rule(text)
    return info.value.message


def test_if_is_a_keyword_only_between_rule_parts():
    assert "unexpected 'if'" in error_of("x if y").message
