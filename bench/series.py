"""Series and limits: symcalc against SymPy (cold cache), same process, same problems.

Every answer is checked against SymPy's numerically (the polynomials at two points near
the expansion point; limits as numbers). symcalc is timed on its first call for each
problem (its derivative memo is then cold for that expression) and as the best of
several calls; SymPy as the best of several calls, each after clear_cache().

    python bench/series.py [--random N]

``--random N`` also takes limits of N random expressions (the test suite's hypothesis
strategy over exp, sin, cos, log, sqrt, atan, tanh, sigmoid, softplus) at 0, 1 and oo and
compares every value both systems give.
"""

from __future__ import annotations

import math
import time

from _util import best_time, fmt_time, table

import symcalc as sc

SERIES = [  # (label, text, x0, n)
    ("sigmoid", "sigmoid(x)", "0", 8),
    ("tanh", "tanh(x)", "0", 10),
    ("softplus", "softplus(x)", "0", 8),
    ("gelu", "gelu(x)", "0", 8),
    ("log sigmoid", "log(sigmoid(x))", "0", 6),
    ("exp(sin x)", "exp(sin(x))", "0", 10),
    ("tan", "tan(x)", "0", 12),
    ("1/sin (Laurent)", "1/sin(x)", "0", 8),
    ("x/(e^x - 1)", "x/(exp(x) - 1)", "0", 10),
    ("atan", "atan(x)", "0", 12),
    ("sqrt(1+x)", "sqrt(1 + x)", "0", 8),
    ("log at 1", "log(x)", "1", 8),
    ("exp(x) at 1", "exp(x)", "1", 6),
    ("sin(x^2) e^-x", "sin(x^2)*exp(-x)", "0", 12),
    ("x^x at 1", "x^x", "1", 6),
    ("sqrt(x^2+x) at oo", "sqrt(x^2 + x)", "oo", 5),
]

LIMITS = [  # (text, x0, dir)
    ("sin(x)/x", "0", "+-"), ("(1 - cos(x))/x^2", "0", "+-"), ("(exp(x) - 1 - x)/x^2", "0", "+-"),
    ("x*log(x)", "0", "+"), ("x^x", "0", "+"), ("(1 + 1/x)^x", "oo", "+-"),
    ("log(x)/x", "oo", "+-"), ("x^10*exp(-x)", "oo", "+-"), ("sqrt(x^2 + x) - x", "oo", "+-"),
    ("(tan(x) - x)/x^3", "0", "+-"), ("(x^2 - 1)/(x - 1)", "1", "+-"), ("x^(1/x)", "oo", "+-"),
    ("exp(-1/x)", "0", "+"), ("(sin(x) - x)/x^3", "0", "+-"), ("sigmoid(x)", "oo", "+-"),
    ("tanh(x)/x", "0", "+-"),
]

_SYMPY_DEFS = "sigmoid = lambda u: 1/(1 + exp(-u)); softplus = lambda u: log(1 + exp(u)); " \
              "gelu = lambda u: u/2*(1 + erf(u/sqrt(2)))"


def _sympy_env():
    import sympy

    env = {k: getattr(sympy, k) for k in dir(sympy) if not k.startswith("_")}
    env["E"] = sympy.E
    exec(_SYMPY_DEFS, env)  # the three activations, in SymPy's terms (bench code only)
    return env


def _to_sympy(text: str, env: dict):
    import sympy

    return sympy.sympify(text.replace("^", "**"), locals=env)


def _num(e) -> float | None:
    try:
        v = complex(sc.sympify(e).evalf())
    except Exception:  # noqa: BLE001 - any failure is "no number"
        return None
    return v.real if abs(v.imag) < 1e-12 else None


def geomean(v: list[float]) -> float:
    return math.exp(sum(map(math.log, v)) / len(v)) if v else float("nan")


def series_bench() -> list[float]:
    import sympy
    from sympy.core.cache import clear_cache

    env = _sympy_env()
    x, sx = sc.Symbol("x"), sympy.Symbol("x")
    sc.series(sc.parse("cos(x)*exp(x)"), x, 0, 4)  # load the derivative table first
    rows, speedups = [], []
    for label, text, x0, n in SERIES:
        e, p = sc.parse(text), sc.parse(x0)
        t0 = time.perf_counter()
        ours = sc.series(e, x, p, n)
        t_cold = time.perf_counter() - t0
        t_ours = best_time(lambda: sc.series(e, x, p, n), 5)
        se = _to_sympy(text, env)
        sp0 = sympy.oo if x0 == "oo" else sympy.sympify(x0)
        theirs = sympy.series(se, sx, sp0, n).removeO()
        t_sympy = best_time(lambda: sympy.series(se, sx, sp0, n).removeO(), 3, setup=clear_cache)
        if x0 == "oo":
            pts = [50.0, 80.0]
        else:
            pts = [float(p.evalf()) + d for d in (0.05, -0.03)]
        agree = all(math.isclose(_num(ours.subs(x, v)), float(theirs.subs(sx, v)), rel_tol=1e-9,
                                 abs_tol=1e-12) for v in pts)
        speedups.append(t_sympy / t_cold)
        rows.append([label, x0, str(n), fmt_time(t_cold), fmt_time(t_ours), fmt_time(t_sympy),
                     f"{t_sympy / t_cold:.1f}×", "yes" if agree else "NO"])
    print("series(e, x, x0, n), terms of order < n")
    print(table(["expression", "x0", "n", "symcalc first call", "symcalc best", "SymPy (cold)",
                 "speedup (first call)", "agree"], rows))
    print(f"geometric-mean speedup over SymPy (first call vs cold): {geomean(speedups):.1f}×\n")
    return speedups


def limit_bench() -> list[float]:
    import sympy
    from sympy.core.cache import clear_cache

    env = _sympy_env()
    x, sx = sc.Symbol("x"), sympy.Symbol("x")
    sc.limit(sc.parse("exp(x)*cos(x)"), x, 0)  # import and load tables first
    rows, speedups = [], []
    for text, x0, d in LIMITS:
        e, p = sc.parse(text), sc.parse(x0)
        t0 = time.perf_counter()
        try:
            ours = sc.limit(e, x, p, d)
        except sc.SymcalcError as err:
            ours = f"error: {type(err).__name__}"
        t_cold = time.perf_counter() - t0
        se = _to_sympy(text, env)
        sp0 = sympy.oo if x0 == "oo" else sympy.sympify(x0)
        sd = "+-" if d == "+-" else d
        theirs = sympy.limit(se, sx, sp0, sd)
        t_sympy = best_time(lambda: sympy.limit(se, sx, sp0, sd), 3, setup=clear_cache)
        if isinstance(ours, str):
            agree = "NO"
        elif theirs in (sympy.oo, -sympy.oo):
            agree = "yes" if str(ours) == str(theirs) else "NO"
        else:
            v = _num(ours)
            agree = "yes" if v is not None and math.isclose(v, float(theirs), rel_tol=1e-12,
                                                            abs_tol=1e-15) else "NO"
        speedups.append(t_sympy / t_cold)
        rows.append([f"{text}, x → {x0}{'' if d == '+-' else d}", str(ours), fmt_time(t_cold),
                     fmt_time(t_sympy), f"{t_sympy / t_cold:.1f}×", agree])
    print("limit(e, x, x0)")
    print(table(["limit", "symcalc", "symcalc first call", "SymPy (cold)", "speedup", "agree"],
                rows))
    print(f"geometric-mean speedup over SymPy (first call vs cold): {geomean(speedups):.1f}×")
    return speedups


def _same_value(a: sc.Expr, b: sc.Expr) -> bool:
    """Identical, or equal to 40 digits with the parameters a, b set to 1.5 and 2.25."""
    from symcalc.calculus.mpvalue import mp_value

    if a is b:
        return True
    if a.has(sc.oo) or b.has(sc.oo):
        return False
    env = {s: 1.5 + 0.75 * i for i, s in enumerate(sorted((a - b).free_symbols,
                                                        key=lambda s: s.name))}
    v = mp_value(a - b, 50, env)
    return v is not None and abs(v) < 1e-40


def limits_table(sympy_too: bool = True, name: str = "limits.jsonl") -> None:
    """A problem set of tests/data (limits.jsonl: answers from SymPy checked with mpmath;
    limits_independent.jsonl: textbook, Gruntz's thesis, issue 17, answers known without
    a CAS): correct / wrong / undecided and the median time, symcalc and SymPy. An
    expected "dne" (the limit does not exist) is right only as symcalc's DomainError or
    SymPy's ValueError for differing one-sided limits."""
    import gc
    import json
    import os
    import signal
    import statistics

    import sympy
    from sympy.core.cache import clear_cache

    clear_cache()  # what an earlier table left behind would slow symcalc's calls down
    gc.collect()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data",
                        name)
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    env = _sympy_env()
    pa, pb = sympy.Symbol("a", positive=True), sympy.Symbol("b", positive=True)
    env.update(a=pa, b=pb, acot=lambda u: sympy.atan(1 / u), relu=lambda u: sympy.Max(u, 0),
               max=sympy.Max, min=sympy.Min, abs=sympy.Abs,
               piecewise=lambda *p: sympy.Piecewise(*p))
    ca, cb = sc.Symbol("a", positive=True), sc.Symbol("b", positive=True)

    class Timeout(Exception):
        pass

    def alarm(*_: object) -> None:
        raise Timeout

    signal.signal(signal.SIGALRM, alarm)
    stats = {"symcalc": [0, 0, 0, []], "SymPy": [0, 0, 0, []]}
    by_source: dict = {}
    wrong, undecided, sympy_wrong = [], [], []
    for r in rows:
        dne = r["expected"] == "dne"
        want = None if dne else \
            sc.parse(r["expected"]).subs({sc.Symbol("a"): ca, sc.Symbol("b"): cb})
        e = sc.parse(r["expr"]).subs({sc.Symbol("a"): ca, sc.Symbol("b"): cb})
        var = sc.Symbol(r["var"])
        t0 = time.perf_counter()
        try:
            signal.alarm(20)
            got = sc.limit(e, var, sc.parse(r["point"]), r["dir"])
        except (sc.LimitNotFound, sc.LimitError, Timeout, RecursionError):
            got = None
        except sc.DomainError:
            got = "dne"
        finally:
            signal.alarm(0)
        st = stats["symcalc"]
        st[3].append(time.perf_counter() - t0)
        src = by_source.setdefault(r.get("source", "-"), [0, 0, 0])
        if got is None:
            st[2] += 1
            src[2] += 1
            undecided.append(r)
        elif (got == "dne") if dne else (got != "dne" and _same_value(got, want)):
            st[0] += 1
            src[0] += 1
        else:
            st[1] += 1
            src[1] += 1
            wrong.append((r, str(got)))
    # SymPy after symcalc: its caches fill the heap, and garbage collections then slow
    # every later call (symcalc's median was 4-6x higher with the two interleaved)
    for r in rows if sympy_too else []:
        dne = r["expected"] == "dne"
        sv = sympy.Symbol(r["var"])
        se = _to_sympy(r["expr"], env)
        sp = sympy.sympify(r["point"], locals=env)
        sw = None if dne else _to_sympy(r["expected"], env)
        t0 = time.perf_counter()
        try:
            signal.alarm(20)
            theirs = sympy.limit(se, sv, sp, r["dir"]) if sp.is_finite else sympy.limit(se, sv, sp)
            if dne:  # zoo: SymPy's unsigned infinity, no real limit
                res = 0 if theirs is sympy.zoo else 2 if theirs.has(sympy.Limit) else 1
            else:
                ok = theirs == sw or (theirs.is_finite and sw.is_finite
                                      and abs(complex((theirs - sw).subs(
                                          {pa: 1.5, pb: 2.25, sympy.Symbol("x"): 3,
                                           sympy.Symbol("y"): 0.7}).evalf())) < 1e-12)
                res = 0 if ok else (2 if theirs.has(sympy.Limit) else 1)
        except ValueError:  # SymPy: the one-sided limits differ
            res = 0 if dne else 2
        except Exception:  # noqa: BLE001 - SymPy failing or timing out
            res = 2
        finally:
            signal.alarm(0)
        sst = stats["SymPy"]
        sst[3].append(time.perf_counter() - t0)
        sst[res] += 1
        if res == 1:
            sympy_wrong.append((r["expr"], r["point"], r["dir"], r["expected"]))
    out = []
    for sys_name, (ok, bad, und, times) in stats.items():
        if not times:
            continue
        out.append([sys_name, str(ok), str(bad), str(und),
                    f"{100 * (ok + bad) / len(rows):.1f} %", fmt_time(statistics.median(times))])
    print(f"\nlimits problem set ({len(rows)} problems, tests/data/{name})")
    print(table(["system", "correct", "wrong", "undecided", "decided", "median time"], out))
    if len(by_source) > 1:
        print(table(["source", "correct", "wrong", "undecided"],
                    [[k, str(a), str(b), str(c)] for k, (a, b, c) in sorted(by_source.items())]))
    for w in wrong:
        print("  wrong:", w)
    for u in undecided:
        print("  undecided:", u["expr"], u["point"], u["dir"])
    for w in sympy_wrong:
        print("  SymPy wrong:", w)


def random_crosscheck(n: int) -> None:
    import os
    import signal
    import sys

    import sympy
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
    from strategies import expressions

    env = _sympy_env()
    x, sx = sc.Symbol("x"), sympy.Symbol("x")
    stats = {"agree": 0, "disagree": 0, "symcalc undecided": 0, "SymPy undecided": 0}
    bad = []

    class Timeout(Exception):
        pass

    def alarm(*_: object) -> None:
        raise Timeout

    signal.signal(signal.SIGALRM, alarm)
    funcs = ["exp", "sin", "cos", "log", "sqrt", "atan", "tanh", "sigmoid", "softplus"]

    @settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck),
              derandomize=True)
    @given(expressions(7, functions=funcs), st.sampled_from(["0", "1", "oo"]),
           st.sampled_from(["+", "+-"]))
    def one(e, x0, d):
        e = e.subs({sc.Symbol("y"): sc.Rational(1, 3), sc.Symbol("z"): sc.Integer(2)})
        if x not in e.free_symbols:
            return
        d = "+-" if x0 == "oo" else d
        try:
            signal.alarm(5)
            ours = sc.limit(e, x, sc.parse(x0), d)
        except (sc.SymcalcError, Timeout, RecursionError):
            stats["symcalc undecided"] += 1
            return
        finally:
            signal.alarm(0)
        try:
            signal.alarm(10)
            theirs = sympy.limit(_to_sympy(str(e), env), sx,
                                 sympy.oo if x0 == "oo" else sympy.sympify(x0), d)
        except Exception:  # noqa: BLE001 - SymPy failing or timing out
            stats["SymPy undecided"] += 1
            return
        finally:
            signal.alarm(0)
        if theirs.has(sympy.Limit, sympy.AccumBounds) or theirs is sympy.nan:
            stats["SymPy undecided"] += 1
            return
        if theirs in (sympy.oo, -sympy.oo):
            ok = str(ours) == str(theirs)
        else:
            try:
                tv, ov = complex(theirs.evalf()), complex(ours.evalf())
                ok = abs(tv - ov) <= 1e-9 * max(1.0, abs(tv))
            except (TypeError, ValueError, sc.SymcalcError):
                ok = False
        stats["agree" if ok else "disagree"] += 1
        if not ok:
            bad.append((str(e), x0, d, str(ours), str(theirs)))

    one()
    print(f"\nrandom limits ({n} draws; x-free draws skipped):",
          ", ".join(f"{k} {v}" for k, v in stats.items()))
    for b in bad:
        print("  disagree:", b)


if __name__ == "__main__":
    import sys

    if "--limits-only" in sys.argv:  # just the problem-set tables
        for name in ("limits.jsonl", "limits_independent.jsonl"):
            limits_table(sympy_too="--no-sympy-table" not in sys.argv, name=name)
        sys.exit(0)
    s = series_bench()
    sl = limit_bench()
    print(f"\nall rows: {geomean(s + sl):.1f}×")
    for name in ("limits.jsonl", "limits_independent.jsonl"):
        limits_table(sympy_too="--no-sympy-table" not in sys.argv, name=name)
    if "--random" in sys.argv:
        random_crosscheck(int(sys.argv[sys.argv.index("--random") + 1]))
