"""Polynomial algebra benchmark: expand, factor, gcd, cancel and apart, symcalc vs SymPy.

Two sets of cases, each timed best-of-N in the same process:

* a generated set (fixed seed): powers of sums, products of random polynomials in one
  to three variables, gcds with a planted common factor, rational functions with
  common factors, partial fractions of products of linear and quadratic factors;
* the rational integrands of ``shared/data/integrals/*.jsonl`` (the integrands that
  are quotients of polynomials): ``factor``, ``cancel`` and ``apart`` on all of them,
  timed as one batch per operation.

* large multivariate factorizations (issue 19): products of non-monic polynomials in
  3 to 5 variables with up to 8-digit coefficients, ``x^60 - y^60``, a Fateman-style
  ``((1+x+y+z)^10 + 1)((1+x+y+z)^10 + 2)``, a square (also part of the generated set),
  and the three large factorizations of Wester's capability list (H25-H27);
* linear algebra and systems (``bench/linalg_cases.py``): ``solve`` on a linear 10x10
  system with parameters and on polynomial systems of 3 equations of degree 2-3, ``det``
  and ``inv`` of symbolic 6x6 matrices, ``eigenvals`` of integer 4x4 matrices; each
  result is checked equal to SymPy's (solution sets matched, differences cancelled).

The same expressions are given to SymPy, converted node by node (no strings, no eval).
Ratios > 1x mean symcalc is faster; SymPy runs with a cleared cache (cold).

    python bench/algebra.py             # all three tables
    python bench/algebra.py --quick     # fewer repeats
    python bench/algebra.py --linalg    # only the linear algebra and systems table
    python bench/algebra.py --factor    # only the large multivariate factorizations
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
from fractions import Fraction

sys.path.insert(0, os.path.dirname(__file__))
from _util import best_time, corpus_rows, fmt_time, table  # noqa: E402

import symcalc as sc  # noqa: E402
from symcalc.algebra import apart, cancel, factor, gcd  # noqa: E402
from symcalc.parse import parse  # noqa: E402

try:
    import sympy
    from sympy.core.cache import clear_cache
except ImportError:  # pragma: no cover
    sympy = None

x, y, z = sc.symbols("x y z")


# --------------------------------------------------------------------------- SymPy


def to_sympy(e: sc.Expr, memo: dict | None = None):
    """The same expression in SymPy, built node by node."""
    if memo is None:
        memo = {}
    for node in e.postorder():
        if id(node) in memo:
            continue
        args = [memo[id(a)] for a in node.args]
        if node.is_Number:
            v = node.value
            r = sympy.Float(v) if isinstance(v, float) else sympy.Rational(
                Fraction(v).numerator, Fraction(v).denominator)
        elif node.is_Symbol:
            r = sympy.Symbol(node.name)
        elif node.is_Atom:
            r = {"pi": sympy.pi, "E": sympy.E, "I": sympy.I}[node.name]
        elif node.is_Add:
            r = sympy.Add(*args)
        elif node.is_Mul:
            r = sympy.Mul(*args)
        elif node.is_Pow:
            r = sympy.Pow(*args)
        elif node.is_Function and node.fdef.name == "RootOf":
            r = _rootof_to_sympy(node)
        elif node.is_Function:
            r = getattr(sympy, node.fdef.name)(*args)
        else:
            raise TypeError(node.head)
        memo[id(node)] = r
    return memo[id(e)]


def _rootof_to_sympy(node: sc.Expr):
    """SymPy's CRootOf of the same polynomial with the same value (matched at 30 digits:
    both number the real roots ascending, but may order the complex ones differently)."""
    t = sympy.Symbol("t")
    *cs, _ = [int(a.value) for a in node.args]
    poly = sum(c * t ** (len(cs) - 1 - i) for i, c in enumerate(cs))
    v = complex(sc.N(node, 30))
    for r in sympy.Poly(poly, t).all_roots():
        if abs(complex(sympy.N(r, 30)) - v) < 1e-20 * max(1.0, abs(v)):
            return r
    raise ValueError(f"no SymPy root matches {node}")


def ratio(other: float | None, ours: float) -> str:
    """SymPy's time over ours, with two decimals below 1x."""
    if other is None:
        return "—"
    r = other / ours
    return f"{r:.2f}×" if r < 1 else f"{r:.1f}×"


# --------------------------------------------------------------------------- cases


def _poly(rng: random.Random, gens: tuple, deg: int, terms: int) -> sc.Expr:
    out = []
    for _ in range(terms):
        c = rng.randint(-9, 9) or 1
        m = sc.Integer(c)
        for g in gens:
            m = m * g ** rng.randint(0, deg)
        out.append(m)
    return sc.Add(*out, gens[0])  # never constant


def generated() -> list[tuple[str, str, tuple, tuple]]:
    """(operation, case name, symcalc args, extra) for the generated set (seed 5)."""
    rng = random.Random(5)
    cases: list[tuple[str, str, tuple, tuple]] = []
    add = lambda op, name, *args: cases.append((op, name, args, ()))  # noqa: E731

    add("expand", "(x+y+z+1)^15", (x + y + z + 1) ** 15)
    add("expand", "(x+1)^60*(x-1)^60", (x + 1) ** 60 * (x - 1) ** 60)
    p3 = [_poly(rng, (x, y, z), 3, 6) for _ in range(4)]
    add("expand", "product of 4 random trivariate", sc.Mul(*p3))

    u = [_poly(rng, (x,), 4, 4) for _ in range(5)]
    add("factor", "x^60 - 1", x ** 60 - 1)
    add("factor", "5 random univariate (deg 20)", sc.expand(sc.Mul(*u)))
    add("factor", "Swinnerton-Dyer S3 (deg 8)", x**8 - 40*x**6 + 352*x**4 - 960*x**2 + 576)
    b = [_poly(rng, (x, y), 2, 3) for _ in range(3)]
    add("factor", "3 random bivariate, squared", sc.expand(sc.Mul(*b) ** 2))
    t = [_poly(rng, (x, y, z), 2, 3) for _ in range(3)]
    add("factor", "3 random trivariate", sc.expand(sc.Mul(*t)))

    g1, a1, b1 = (_poly(rng, (x,), 10, 6) for _ in range(3))
    add("gcd", "univariate deg 20, common deg 10", sc.expand(g1 * a1), sc.expand(g1 * b1))
    g2, a2, b2 = (_poly(rng, (x, y), 3, 5) for _ in range(3))
    add("gcd", "bivariate, common factor", sc.expand(g2 * a2), sc.expand(g2 * b2))
    g3, a3, b3 = (_poly(rng, (x, y, z), 2, 4) for _ in range(3))
    add("gcd", "trivariate, common factor", sc.expand(g3 * a3), sc.expand(g3 * b3))
    add("gcd", "coprime univariate deg 40", sc.expand((x + 1) ** 40 + x),
        sc.expand((x - 1) ** 40 + 2))

    add("cancel", "univariate, common deg 10",
        sc.expand(g1 * a1) / sc.expand(g1 * b1))
    add("cancel", "bivariate, common factor", sc.expand(g2 * a2) / sc.expand(g2 * b2))
    add("cancel", "sum of 6 fractions", sc.Add(*[1 / (x + k) ** 2 for k in range(1, 7)]))

    den = sc.expand(sc.Mul(*[(x + k) for k in range(1, 7)]) * (x**2 + 1) ** 2 * (x - 7) ** 3)
    add("apart", "6 linear, (x^2+1)^2, (x-7)^3", sc.expand((x + 9) ** 5) / den, x)
    den2 = sc.expand((x**2 + x + 1) ** 3 * (x**3 - 2) * (x + 1) ** 2)
    add("apart", "(x^2+x+1)^3 (x^3-2) (x+1)^2", sc.expand((x - 3) ** 7 + x) / den2, x)
    add("apart", "1/(x^12 - 1)", 1 / (x ** 12 - 1), x)
    cases += hard_factor()
    return cases


def _sparse(rng: random.Random, gens: list, deg: int, terms: int, cmax: int) -> sc.Expr:
    """A random polynomial with ``terms`` monomials of total degree 1..``deg`` in
    ``gens`` and coefficients up to ``cmax``: not monic in any variable."""
    out = []
    for _ in range(terms):
        m = sc.Integer(rng.randint(-cmax, cmax) or 1)
        d = rng.randint(1, deg)
        for g in rng.sample(gens, len(gens)):
            k = rng.randint(0, d)
            d -= k
            m = m * g ** k
        out.append(m)
    return sc.Add(*out)


def hard_factor() -> list[tuple[str, str, tuple, tuple]]:
    """Large multivariate factorizations (issue 19; seed 11): products of several
    polynomials in 3 to 5 variables with non-monic leading coefficients and large
    coefficients, x^n - y^n, a Fateman-style power of a sum plus constants, a square."""
    rng = random.Random(11)
    t, u = sc.symbols("t u")
    out = []
    add = lambda name, e: out.append(("factor", name, (sc.expand(e),), ()))  # noqa: E731
    add("x^60 - y^60 (12 factors)", x**60 - y**60)
    w = 1 + x + y + z
    add("((1+x+y+z)^10 + 1)((1+x+y+z)^10 + 2)", (w**10 + 1) * (w**10 + 2))
    add("3 trivariate deg 6, non-monic", sc.Mul(*[_sparse(rng, [x, y, z], 6, 8, 10**4)
                                                  for _ in range(3)]))
    add("3 trivariate deg 8, 8-digit coeffs", sc.Mul(*[_sparse(rng, [x, y, z], 8, 10, 10**8)
                                                       for _ in range(3)]))
    add("4 in 4 variables, deg 4", sc.Mul(*[_sparse(rng, [x, y, z, t], 4, 7, 100)
                                            for _ in range(4)]))
    add("3 in 5 variables, deg 5", sc.Mul(*[_sparse(rng, [x, y, z, t, u], 5, 6, 1000)
                                            for _ in range(3)]))
    add("(2 trivariate)^2 * trivariate", sc.Mul(*[_sparse(rng, [x, y, z], 4, 6, 100)
                                                  for _ in range(2)]) ** 2
        * _sparse(rng, [x, y, z], 5, 6, 100))
    # the classic capability list's large factorizations (Wester's H25-H27)
    add("(x - 2*y^2 + 3*z^3)^20", (x - 2 * y**2 + 3 * z**3) ** 20)
    add("(sin(x) - 2*cos(y)^2 + 3*tan(z)^3)^20",
        (sc.sin(x) - 2 * sc.cos(y) ** 2 + 3 * sc.tan(z) ** 3) ** 20)
    f = 24*x*y**19*z**8 - 47*x**17*y**5*z**8 + 6*x**15*y**9*z**2 - 3*x**22 + 5
    g = 34*x**5*y**8*z**13 + 20*x**7*y**7*z**7 + 12*x**9*y**16*z**4 + 80*y**14*z
    add("f*g, sparse of degree 31 (Wester H27)", f * g)
    return out


def _rational(e: sc.Expr) -> bool:
    for n in e.postorder():
        if n.is_Number:
            if isinstance(n.value, float):
                return False
        elif n.is_Pow:
            k = n.args[1]
            if not (k.is_Number and isinstance(k.value, int)):
                return False
        elif not (n.is_Symbol or n.is_Add or n.is_Mul):
            return False
    return True


def _has_denominator(e: sc.Expr) -> bool:
    return any(n.is_Pow and n.args[1].is_Number and n.args[1].value < 0
               and not n.args[0].is_Number for n in e.postorder())


def corpus() -> list[tuple[sc.Expr, sc.Symbol]]:
    """The rational integrands of the textbook corpus, with their variables."""
    out = []
    for row in corpus_rows():
        e = parse(row["integrand"])
        var = sc.Symbol(row.get("var", "x"))
        if _rational(e) and e.has(var) and _has_denominator(e):
            out.append((e, var))
    return out


# --------------------------------------------------------------------------- running


def _ours(op: str):
    return {"expand": sc.expand, "factor": factor, "gcd": lambda a, b: gcd(a, b).as_expr(),
            "cancel": cancel, "apart": apart}[op]


def _theirs(op: str):
    return {"expand": sympy.expand, "factor": sympy.factor, "gcd": sympy.gcd,
            "cancel": sympy.cancel, "apart": sympy.apart}[op]


def _factor_parts(e) -> dict:
    """The irreducible factors of a SymPy product, each expanded with a positive leading
    coefficient, with their multiplicities (numbers dropped)."""
    out: dict = {}
    for a in sympy.Mul.make_args(e):
        b, k = a.as_base_exp()
        if b.is_number:
            continue
        p = sympy.Poly(sympy.expand(b))
        key = sympy.srepr((p if p.LC() > 0 else -p).as_expr())
        out[key] = out.get(key, 0) + k
    return out


def _same_factors(ours: sc.Expr, theirs, arg: sc.Expr) -> bool:
    o = to_sympy(ours)
    return _factor_parts(o) == _factor_parts(theirs) and sympy.expand(o - to_sympy(arg)) == 0


def run_generated(repeat: int, cases: list | None = None) -> tuple[list[list[str]], list[float]]:
    rows, logs = [], []
    for op, name, args, _ in generated() if cases is None else cases:
        got: dict = {}  # the last results, to compare factorizations (small expressions)

        def keep(key: str, value):
            got[key] = value
            return value

        ours = best_time(lambda: keep("ours", _ours(op)(*args)), repeat=repeat, budget=10.0)
        theirs = None
        if sympy is not None:
            sargs = tuple(to_sympy(a) for a in args)
            theirs = best_time(lambda: keep("theirs", _theirs(op)(*sargs)), repeat=repeat,
                               setup=clear_cache, budget=10.0)
            logs.append(math.log(theirs / ours))
        mark = ""
        if op == "factor" and sympy is not None and not _same_factors(
                got["ours"], got["theirs"], args[0]):
            mark = " (factors differ from SymPy's!)"
        rows.append([op, name, fmt_time(ours), fmt_time(theirs), ratio(theirs, ours) + mark])
    return rows, logs


def run_corpus(repeat: int) -> tuple[list[list[str]], list[float]]:
    items = corpus()
    rows, logs = [], []
    s_items = [(to_sympy(e), sympy.Symbol(v.name)) for e, v in items] if sympy else []
    for op in ("factor", "cancel", "apart"):
        if op == "apart":
            ours_fn = lambda: [apart(e, v) for e, v in items]  # noqa: E731
            theirs_fn = lambda: [sympy.apart(e, v) for e, v in s_items]  # noqa: E731
        else:
            f, g = _ours(op), (_theirs(op) if sympy else None)
            ours_fn = lambda f=f: [f(e) for e, _ in items]  # noqa: E731
            theirs_fn = lambda g=g: [g(e) for e, _ in s_items]  # noqa: E731
        ours = best_time(ours_fn, repeat=repeat, budget=15.0)
        theirs = None
        if sympy is not None:
            theirs = best_time(theirs_fn, repeat=repeat, setup=clear_cache, budget=15.0)
            logs.append(math.log(theirs / ours))
        rows.append([op, f"{len(items)} rational integrands", fmt_time(ours), fmt_time(theirs),
                     ratio(theirs, ours)])
    return rows, logs


def _same_solutions(ours: list[dict], theirs: list[dict], gens: list) -> bool:
    """Equal solution sets: with parameters, differences that cancel to 0; without, values
    equal to 40 digits."""
    if len(ours) != len(theirs):
        return False
    left = [[to_sympy(s[g]) for g in gens] for s in ours]
    right = [[s.get(to_sympy(g), to_sympy(g)) for g in gens] for s in theirs]
    def close(p, q) -> bool:
        d = p - q
        if d.free_symbols:  # parameters: an identity of rational functions
            return sympy.cancel(d) == 0
        # algebraic numbers written differently (RootOf, Cardano's radicals): equal to
        # 40 digits (SymPy's own simplify cannot always prove RootOf = radicals)
        return abs(complex(sympy.N(d, 40))) < 1e-30

    for u in left:
        for k, v in enumerate(right):
            if all(close(p, q) for p, q in zip(u, v)):
                right.pop(k)
                break
        else:
            return False
    return not right


def _same_matrix(ours: sc.Matrix, theirs) -> bool:
    return all(sympy.cancel(to_sympy(ours[i, j]) - theirs[i, j]) == 0
               for i in range(ours.shape[0]) for j in range(ours.shape[1]))


def _same_eigen(ours: dict, theirs: dict) -> bool:
    right = dict(theirs)
    for k, m in ours.items():
        sk = to_sympy(k)
        hit = next((t for t in right if sympy.simplify(sk - t) == 0), None)
        if hit is None or right.pop(hit) != m:
            return False
    return not right


def run_linalg(repeat: int) -> tuple[list[list[str]], list[float]]:
    import linalg_cases as L

    rows, logs = [], []

    def row(op: str, name: str, ours_fn, theirs_fn, same) -> None:
        ours = best_time(ours_fn, repeat=repeat, budget=10.0)
        theirs, ok = None, "—"
        if sympy is not None:
            clear_cache()
            t0 = time.perf_counter()
            result = theirs_fn()  # the first timed run gives the result to compare
            theirs = time.perf_counter() - t0
            if theirs < 5.0 and repeat > 1:
                theirs = min(theirs, best_time(theirs_fn, repeat=repeat - 1, setup=clear_cache,
                                               budget=10.0))
            logs.append(math.log(theirs / ours))
            ok = "yes" if same(ours_fn(), result) else "NO"
        rows.append([op, name, fmt_time(ours), fmt_time(theirs), ratio(theirs, ours), ok])

    eqs, xs = L.linear_10x10()
    seqs = [to_sympy(e) for e in eqs] if sympy else []
    sxs = [to_sympy(v) for v in xs] if sympy else []
    row("solve", "linear 10x10, parameters a, b", lambda: sc.solve(eqs, xs),
        lambda: sympy.solve(seqs, sxs, dict=True),
        lambda o, t: _same_solutions(o, t, xs))
    for name, F in L.POLY_SYSTEMS.items():
        gens = L.POLY_GENS.get(name, [L.x, L.y, L.z])
        sF = [to_sympy(f) for f in F] if sympy else []
        sg = [to_sympy(g) for g in gens] if sympy else []
        row("solve", name, lambda F=F, gens=gens: sc.solve(F, gens, domain="complex"),
            lambda sF=sF, sg=sg: sympy.solve(sF, sg, dict=True),
            lambda o, t, gens=gens: _same_solutions(o, t, gens))
    for name, make in (("6x6 linear in x, y", L.symbolic_6x6),
                       ("6x6 tridiagonal in a, b", L.tridiagonal_6x6)):
        M = make()
        SM = sympy.Matrix([[to_sympy(e) for e in r] for r in M.rows]) if sympy else None
        row("det", name, M.det, lambda SM=SM: SM.det(),
            lambda o, t: sympy.expand(to_sympy(o) - t) == 0)
        row("inv", name, M.inv, lambda SM=SM: SM.inv(), _same_matrix)
    for name, make in (("4x4 integer, eigenvalues 2, -1, 1±√3", L.integer_4x4),
                       ("4x4 symmetric integer", L.integer_4x4_b)):
        M = make()
        SM = sympy.Matrix([[int(str(v)) for v in r] for r in M.rows]) if sympy else None
        row("eigenvals", name, M.eigenvals, lambda SM=SM: SM.eigenvals(), _same_eigen)
    return rows, logs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats")
    ap.add_argument("--linalg", action="store_true",
                    help="only the linear algebra and systems table")
    ap.add_argument("--factor", action="store_true",
                    help="only the large multivariate factorizations")
    args = ap.parse_args(argv)
    repeat = 2 if args.quick else 5
    head = ["operation", "case", "symcalc", "SymPy", "vs SymPy"]
    if args.factor:
        rows, logs = run_generated(repeat, hard_factor())
        print("large multivariate factorizations (seed 11)\n")
        print(table(head, rows))
        print(f"\ngeometric mean vs SymPy: {math.exp(sum(logs) / len(logs)):.1f}×")
        return 0
    lrows, llogs = run_linalg(repeat)
    ltable = table(head + ["equal"], lrows)
    lmean = (f"geometric mean vs SymPy: {math.exp(sum(llogs) / len(llogs)):.1f}×"
             if llogs else "")
    if args.linalg:
        print("linear algebra and systems (bench/linalg_cases.py)\n")
        print(ltable)
        print(f"\n{lmean}\nratios > 1× mean symcalc is faster; SymPy runs with a cleared "
              "cache (cold).")
        return 0
    rows, logs = run_generated(repeat)
    print("generated set (seed 5)\n")
    print(table(head, rows))
    crow, clogs = run_corpus(repeat)
    print("\nrational integrands of shared/data/integrals (one batch per operation)\n")
    print(table(head, crow))
    allg = logs + clogs
    if allg:
        print(f"\ngeometric mean vs SymPy: generated {math.exp(sum(logs) / len(logs)):.1f}×, "
              f"corpus {math.exp(sum(clogs) / max(1, len(clogs))):.1f}×, "
              f"all {math.exp(sum(allg) / len(allg)):.1f}×")
    print("\nlinear algebra and systems (bench/linalg_cases.py)\n")
    print(ltable)
    print(lmean)
    print("ratios > 1× mean symcalc is faster; SymPy runs with a cleared cache (cold).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
