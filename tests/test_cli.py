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


def test_systems_of_equations_from_statements() -> None:
    # the session used to refuse a list of equations ("systems are not supported yet")
    assert ok("-c", "solve([x + y == 3, x - y == 1], [x, y])") == "[{x: 2, y: 1}]\n"
    out = ok("-c", "solve([x^2 + y^2 == 1, y == x], [x, y])")
    assert out == "[{x: -sqrt(2)/2, y: -sqrt(2)/2}, {x: sqrt(2)/2, y: sqrt(2)/2}]\n"


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


# ---------------------------------------------------------------- reliability (issue 14)


def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
    """``symcalc ARGS`` in process (fast): exit status, stdout, stderr."""
    import contextlib
    import io

    from symcalc import cli

    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = cli.main(list(args))
    finally:
        sys.stdin = old
    return rc, out.getvalue(), err.getvalue()


def test_an_argument_is_never_a_file_name(tmp_path: object, monkeypatch) -> None:
    monkeypatch.chdir(str(tmp_path))
    with open("x", "w", encoding="utf-8") as f:
        f.write("diff(y^3, y)\n")
    assert run("x") == (0, "x\n", "")                  # the symbol, not the file
    assert run("-f", "x") == (0, "3*y^2\n", "")          # scripts only with -f
    rc, out, err = run("/etc/passwd")
    assert rc == 1 and out == "" and "root" not in err  # a parse error about the text
    assert run("-", stdin="2 + 3\n") == (0, "5\n", "")


def test_expressions_never_write_files(tmp_path: object, monkeypatch) -> None:
    monkeypatch.chdir(str(tmp_path))
    with open("v.png", "wb") as f:
        f.write(b"keep")
    target = os.path.join(str(tmp_path), "v.png")
    new = os.path.join(str(tmp_path), "new.png")
    for args, stdin in ((["-c", f'plot(x, (x, 0, 1), file="{target}")'], ""),
                        ([f'plot(x, (x, 0, 1), file="{new}")'], ""),
                        ([], f'plot(x, (x, 0, 1), file="{target}")\n')):
        rc, out, err = run(*args, stdin=stdin)
        assert rc == 1 and ":plot --out" in err
    assert sorted(os.listdir(str(tmp_path))) == ["v.png"]
    with open("v.png", "rb") as f:
        assert f.read() == b"keep"


def test_plot_out_refuses_to_overwrite(tmp_path: object, monkeypatch) -> None:
    monkeypatch.chdir(str(tmp_path))
    with open("v.png", "wb") as f:
        f.write(b"keep")
    rc, out, err = run("plot", "x^2", "x", "0", "1", "--out", "v.png")
    assert rc == 1 and "exists; add --force" in err
    rc, out, err = run("-c", ":plot --out v.png x^2, (x, 0, 1)")
    assert rc == 1 and "exists; add --force" in err
    rc, out, err = run("plot", "x^2", "x", "0", "1", "--out", "v.txt")
    assert rc == 1 and "must end in .png" in err
    assert run("--out", "v.png", "x")[0] == 2             # --out only with plot
    with open("v.png", "rb") as f:
        assert f.read() == b"keep"
    rc, out, err = run("plot", "x^2", "x", "0", "1")      # no --out: drawn
    assert rc == 0 and "┤" in out
    pytest.importorskip("matplotlib")
    assert run("plot", "x^2", "x", "0", "1", "--out", "w.png") == (0, "saved w.png\n", "")
    assert run("plot", "x^2", "x", "0", "1", "--out", "v.png", "--force")[0] == 0
    rc, out, err = run("-c", ':plot --out "s p.svg" sin(x), (x, 0, 3)')
    assert rc == 0 and out == "saved s p.svg\n"
    with open("v.png", "rb") as f:
        assert f.read(4) == b"\x89PNG"


def test_scripts_are_read_with_bounds(tmp_path: object) -> None:
    rc, out, err = run("-f", "/dev/zero") if os.path.exists("/dev/zero") else (1, "", "longer")
    assert rc == 1 and "longer than" in err and "Traceback" not in err
    path = os.path.join(str(tmp_path), "bin.sc")
    with open(path, "wb") as f:
        f.write(b"x + 1\n\xff\xfe\x00garbage\n")
    rc, out, err = run("-f", path)
    assert rc == 1 and "not UTF-8" in err
    rc, out, err = run("-f", str(tmp_path))
    assert rc == 2 and "cannot read" in err


def test_no_traceback_for_any_error(monkeypatch) -> None:
    from symcalc import cli

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")
    monkeypatch.setattr(cli, "_run_text", broken)
    rc, out, err = run("-c", "x")
    assert rc == 1 and err == "symcalc: internal error: RuntimeError: a bug (run with " \
        "--debug for the traceback)\n"
    with pytest.raises(RuntimeError):
        run("--debug", "-c", "x")


def test_numpy_warnings_do_not_reach_the_user() -> None:
    rc, out, err = run("-c", "plot(sin(x), (x, 0, oo))")
    assert rc == 1 and err == "error: plot: the range ends must be finite numbers\n"
    rc, out, err = run("-c", "minimize(-x^2, [x], [1])")
    assert "Warning" not in err and "x" in out


def test_steps_without_a_derivation_says_so() -> None:
    rc, out, err = run("-c", "steps integrate(x^x^x, x)")
    assert rc == 3 and "None" not in out and "no steps" in out  # 3: unevaluated


# ---------------------------------------------------------------- issue 21: messages that help


def test_unknown_commands_exit_2_with_the_list() -> None:
    for args in (("intgrate", "x^2", "x"), ("frobnicate", "x^2")):
        r = symcalc(*args)
        assert r.returncode == 2 and r.stdout == ""
        assert f"unknown command {args[0]}" in r.stderr
        assert "diff, integrate, simplify" in r.stderr
    assert "did you mean integrate?" in symcalc("intgrate", "x^2", "x").stderr
    r = symcalc("-c", "intgrate(x^2, x)")
    assert r.returncode == 1 and "did you mean integrate" in r.stderr


def test_unevaluated_integrals_exit_3_with_a_note() -> None:
    r = symcalc("integrate", "exp(x^2)*log(x)", "x")
    assert r.returncode == 3 and r.stdout.startswith("integrate(")
    assert "unevaluated" in r.stderr
    r = symcalc("-c", "integrate(exp(x^2)*log(x), x); 1 + 1")
    assert r.returncode == 3
    assert symcalc("-c", "integrate(exp(x^2)*log(x), x); 1 +").returncode == 1


def test_json_errors_are_json() -> None:
    r = symcalc("--json", "-c", "1 +; 2")
    first, second = (json.loads(line) for line in r.stdout.splitlines())
    assert first["kind"] == "ParseError" and first["error"].startswith("unexpected end")
    assert second["result"] == "2" and r.returncode == 1
    r = symcalc("--json", "frob", "x")
    assert r.returncode == 2 and json.loads(r.stdout)["kind"] == "UsageError"


def test_pretty_series_by_ascending_powers() -> None:
    out = ok("--pretty", "series", "exp(x)", "x", "0", "4").splitlines()
    assert out[1] == "1 + x + ── + ──"
    assert ok("series", "exp(x)", "x", "0", "3") == "x^2/2 + x + 1\n"   # text: canonical
