"""The ``symcalc`` command line, run as a subprocess: output, stderr, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import symcalc as sc


def symcalc(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", SYMCALC_HISTORY="")
    return subprocess.run([sys.executable, "-m", "symcalc", *args], input=stdin or "",
                          capture_output=True, text=True, timeout=120, env=env)


def ok(*args: str, stdin: str | None = None) -> str:
    r = symcalc(*args, stdin=stdin)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    return r.stdout


def has(name: str) -> bool:
    try:
        getattr(sc, name)
    except (AttributeError, ImportError):
        return False
    return True


def test_one_shot_commands() -> None:
    assert ok("diff", "x^3", "x") == "3*x^2\n"
    assert ok("diff", "x^3*y^2", "x", "2", "y") == "12*x*y\n"
    assert ok("diff", "-x^2", "x") == "-2*x\n"          # a leading minus is not an option
    assert ok("expand", "(x + 1)^2") == "x^2 + 2*x + 1\n"
    assert ok("factor", "x^2 - 1") == "(x - 1)*(x + 1)\n"
    assert ok("solve", "x^2 == 2") == "[-sqrt(2), sqrt(2)]\n"
    assert ok("eval", "sin(pi/6)") == "0.5\n"
    assert ok("eval", "x^2 + y", "x=3", "y=1/2") == "9.5\n"
    assert ok("eval", "x^2 + y", "x=3") == "y + 9\n"
    assert ok("x^2 + 2x + 1") == "x^2 + 2*x + 1\n"       # a bare statement


@pytest.mark.skipif(not has("integrate"), reason="integrate not available")
def test_integrate() -> None:
    assert ok("integrate", "2*x", "x") == "x^2\n"
    assert ok("integrate", "2*x", "x", "0", "3") == "9\n"
    assert ok("-c", "integrate(2*x, (x, 0, 3))") == "9\n"


def test_series_and_limit() -> None:
    assert ok("series", "exp(x)", "x", "0", "4") == "x^3/6 + x^2/2 + x + 1\n"
    assert ok("series", "1/sin(x)", "x") == ok("-c", "series(1/sin(x), x, 0, 6)")
    assert ok("limit", "sin(x)/x", "x", "0") == "1\n"
    assert ok("limit", "1/x", "x", "0", "-") == "-oo\n"
    assert ok("-c", "limit(x*log(x), x, 0, \"+\")") == "0\n"
    r = symcalc("limit", "1/x", "x", "0")
    assert r.returncode == 1 and "does not exist" in r.stderr
    r = symcalc("series", "exp(1/x)", "x")
    assert r.returncode == 1 and "essential singularity" in r.stderr
    assert symcalc("limit", "1/x", "x").returncode == 2


@pytest.mark.skipif(not has("simplify"), reason="simplify not available")
def test_simplify() -> None:
    assert ok("simplify", "sin(x)^2 + cos(x)^2") == "1\n"


def test_statements_with_c_and_output_formats() -> None:
    assert ok("-c", "f(x) = x^2*sin(x); diff(f(x), x)") == "x^2*cos(x) + 2*x*sin(x)\n"
    assert ok("--latex", "diff", "x^3/3", "x") == "x^{2}\n"
    assert ok("--pretty", "-c", "x^2/2") == "x²\n──\n2\n"
    assert json.loads(ok("--json", "diff", "x^3", "x")) == {"result": "3*x^2",
                                                           "latex": "3 x^{2}"}
    lines = ok("--json", "-c", "gradient(x*y, [x, y]); hessian(x^2, [x])").splitlines()
    assert [json.loads(s)["result"] for s in lines] == [["y", "x"], [["2"]]]
    assert ok("-c", "hessian(x^2*y, [x, y])") == "Matrix([[2*y, 2*x], [2*x, 0]])\n"


def test_statements_from_stdin_one_result_per_line() -> None:
    out = ok(stdin="diff(x^2, x)\na = 3\na*x   # a comment\n\nsolve(x^2 == 4,\n x)\n")
    assert out == "2*x\n3*x\n[-2, 2]\n"
    assert ok("-", stdin="x + x\n") == "2*x\n"


def test_statements_from_a_file(tmp_path: object) -> None:
    path = os.path.join(str(tmp_path), "work.sc")
    with open(path, "w", encoding="utf-8") as f:
        f.write("loss(w) = (2*w - 1)^2\ndiff(loss(w), w)\nsolve(%, w)\n")
    assert ok("-f", path) == "8*w - 4\n[1/2]\n"
    assert ok(path) == "8*w - 4\n[1/2]\n"


def test_errors_exit_1_with_a_message_and_no_traceback() -> None:
    r = symcalc("diff", "x^", "x")
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.splitlines() == ["error: unexpected end of input; expected an expression "
                                     "(line 1, column 3)", "  x^", "    ^"]
    r = symcalc("-c", "1/0")
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.startswith("error:")
    # stdin: an error is reported, the other statements still run, the status is 1
    r = symcalc(stdin="x +\n2*3\n")
    assert r.returncode == 1 and r.stdout == "6\n" and "unexpected end of input" in r.stderr
    r = symcalc("-c", "e^x")
    assert r.returncode == 0 and r.stdout == "e^x\n" and "Euler's number is E" in r.stderr


def test_debug_shows_the_traceback() -> None:
    r = symcalc("--debug", "-c", "1 +")
    assert r.returncode == 1 and "Traceback" in r.stderr


def test_usage_errors_exit_2() -> None:
    for args in (["--bogus"], ["diff"], ["-c"], ["-f", "/nonexistent/file.sc"],
                 ["integrate", "x", "x", "0"]):
        r = symcalc(*args)
        assert r.returncode == 2, args
        assert r.stderr.startswith("symcalc: ") and "Traceback" not in r.stderr


def test_help_and_version() -> None:
    assert ok("--help").startswith("usage: symcalc")
    assert ok("--version") == f"symcalc {sc.__version__}\n"
