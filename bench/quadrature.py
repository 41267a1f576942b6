"""symcalc.nintegrate (adaptive Gauss-Kronrod 7-15) against scipy.integrate.quad (QUADPACK
QAGS / QAGI) on 20 standard integrands with known values, in one process, both with
epsabs = epsrel = 1.49e-8 (SciPy's defaults): the error against the exact value, the
error estimate, the number of integrand evaluations and wall time.

SciPy gets the integrand compiled by symcalc for scalars (``math`` module code), which is
what it calls point by point; symcalc evaluates all nodes of a step in one NumPy call.

    python bench/quadrature.py
"""

from __future__ import annotations

import math
import sys
import warnings

from _util import best_time, fmt_time, table

import symcalc as sc

x = sc.Symbol("x")
oo, pi, E = sc.oo, sc.pi, sc.E

#: (label, integrand, a, b, exact value)
CASES = [
    ("x^2 on [0, 2]", x**2, 0, 2, 8 / 3),
    ("sin x on [0, pi]", sc.sin(x), 0, pi, 2.0),
    ("exp(-x^2) on [0, oo)", sc.exp(-x**2), 0, oo, math.sqrt(math.pi) / 2),
    ("exp x on [0, 1]", sc.exp(x), 0, 1, math.e - 1),
    ("1/(1+x^2) on [0, 1]", 1 / (1 + x**2), 0, 1, math.pi / 4),
    ("1/(1+x^2) on R", 1 / (1 + x**2), -oo, oo, math.pi),
    ("log x on [0, 1]", sc.log(x), 0, 1, -1.0),
    ("1/sqrt x on [0, 1]", 1 / sc.sqrt(x), 0, 1, 2.0),
    ("x exp(-x) on [0, oo)", x * sc.exp(-x), 0, oo, 1.0),
    ("exp(-x) cos x on [0, oo)", sc.exp(-x) * sc.cos(x), 0, oo, 0.5),
    ("sin^2 x on [0, 2 pi]", sc.sin(x)**2, 0, 2 * pi, math.pi),
    ("exp(-x^2/2) on R", sc.exp(-x**2 / 2), -oo, oo, math.sqrt(2 * math.pi)),
    ("|x - 1/3| on [0, 1]", sc.Abs(x - sc.Rational(1, 3)), 0, 1, 5 / 18),
    ("sin(x)/x on [0, pi]", sc.sin(x) / x, 0, pi, 1.8519370519824661703610533701580),
    ("log(1+x)/x on [0, 1]", sc.log(1 + x) / x, 0, 1, math.pi**2 / 12),
    ("x^3/(e^x - 1) on [0, oo)", x**3 / (sc.exp(x) - 1), 0, oo, math.pi**4 / 15),
    ("cos(100 x) on [0, 1]", sc.cos(100 * x), 0, 1, math.sin(100) / 100),
    ("sqrt(1-x^2) on [-1, 1]", sc.sqrt(1 - x**2), -1, 1, math.pi / 2),
    ("1/(1+25x^2) on [-1, 1]", 1 / (1 + 25 * x**2), -1, 1, 0.4 * math.atan(5)),
    ("sech^2 x on R", sc.sech(x)**2, -oo, oo, 2.0),
]


def _float(v: object) -> float:
    return float(sc.Float(v).evalf()) if not isinstance(v, (int, float)) else float(v)


def main() -> None:
    from scipy.integrate import quad

    rows = []
    wins = {"err": 0, "neval": 0, "time": 0}
    ratios = []
    for label, e, a, b, exact in CASES:
        fa = float(sc.sympify(a).evalf()) if not isinstance(a, int) else float(a)
        fb = float(sc.sympify(b).evalf()) if not isinstance(b, int) else float(b)
        ours = sc.nintegrate(e, (x, a, b), full=True)
        f = sc.compile(e, [x], backend="math")

        def fs(t: float, f=f) -> float:
            try:
                return f(t)
            except (OverflowError, ValueError, ZeroDivisionError):
                return 0.0

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sv, serr, info = quad(fs, fa, fb, full_output=1)[:3]
            t_sp = best_time(lambda: quad(fs, fa, fb), 5)
        t_ours = best_time(lambda: sc.nintegrate(e, (x, a, b)), 5)
        err_ours = abs(ours.value - exact)
        err_sp = abs(sv - exact)
        wins["err"] += err_ours <= max(err_sp, 1e-15 * abs(exact))
        wins["neval"] += ours.neval <= info["neval"]
        wins["time"] += t_ours <= t_sp
        ratios.append(ours.neval / info["neval"])
        rows.append([label, f"{err_ours:.1e}", f"{err_sp:.1e}", f"{ours.error:.1e}",
                     f"{serr:.1e}", str(ours.neval), str(info["neval"]),
                     f"{ours.neval / info['neval']:.2f}", fmt_time(t_ours), fmt_time(t_sp),
                     f"{t_ours / t_sp:.2f}"])
    print("nintegrate vs scipy.integrate.quad (epsabs = epsrel = 1.49e-8)")
    print(table(["integrand", "|error| ours", "|error| scipy", "estimate ours",
                 "estimate scipy", "neval ours", "neval scipy", "neval ratio", "ours",
                 "scipy", "time ratio"], rows))
    n = len(CASES)
    gm = math.exp(sum(map(math.log, ratios)) / n)
    print(f"\nat least as accurate as SciPy: {wins['err']}/{n}; no more evaluations: "
          f"{wins['neval']}/{n} (geometric-mean neval ratio {gm:.2f}); no slower: "
          f"{wins['time']}/{n}")
    refusals()


#: (label, integrand, a, b, exact value or None where the integral diverges)
HARD = [
    ("sin x on [0, oo)", sc.sin(x), 0, oo, None),
    ("cos x on [0, oo)", sc.cos(x), 0, oo, None),
    ("1/x on [0, 1]", 1 / x, 0, 1, None),
    ("1/x^2 on [0, 1]", 1 / x**2, 0, 1, None),
    ("x on [0, oo)", x, 0, oo, None),
    ("x on R", x, -oo, oo, None),
    ("1/x on [1, oo)", 1 / x, 1, oo, None),
    ("sin(x)/x on [0, oo)", sc.sin(x) / x, 0, oo, math.pi / 2),
    ("sin(x)/sqrt x on [0, oo)", sc.sin(x) / sc.sqrt(x), 0, oo, math.sqrt(math.pi / 2)),
    ("x sin(x)/(1+x^2) on [0, oo)", x * sc.sin(x) / (1 + x**2), 0, oo, math.pi / (2 * math.e)),
]


def refusals() -> None:
    """Divergent and conditionally convergent integrals: what each returns. SciPy's quad
    returns a number and an IntegrationWarning; symcalc raises QuadratureError."""
    from scipy.integrate import quad

    from symcalc.errors import QuadratureError

    rows = []
    for label, e, a, b, exact in HARD:
        fa = -math.inf if a == -oo else math.inf if a == oo else float(a)
        fb = -math.inf if b == -oo else math.inf if b == oo else float(b)
        try:
            v = sc.nintegrate(e, (x, a, b))
            ours = f"{v:.10g}" + ("" if exact is None else f" (error {abs(v - exact):.0e})")
        except QuadratureError as err:
            ours = "QuadratureError: " + ("did not converge" if "did not converge" in str(err)
                                          else "diverges")
        f = sc.compile(e, [x], backend="math")

        def fs(t: float, f=f) -> float:
            try:
                return f(t)
            except (OverflowError, ValueError, ZeroDivisionError):
                return math.inf

        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            sv = quad(fs, fa, fb)[0]
        sp = f"{sv:.10g}" + (" + warning" if w else "")
        rows.append([label, "diverges" if exact is None else f"{exact:.10g}", ours, sp])
    print("\ndivergent and oscillatory integrals (default tolerances)")
    print(table(["integral", "exact", "symcalc", "scipy quad"], rows))


if __name__ == "__main__":
    main() if "--help" not in sys.argv else print(__doc__)
