"""Compiled special functions: the NumPy-only implementations (compile/special_extra.py)
and the SciPy-backed ones (compile/special_scipy.py, used where SciPy is installed), time
per array of 100 000 points and the worst error against mpmath on 2 000 of them, next to
raw scipy.special. Run: ``python bench/special_functions.py``.
"""

from __future__ import annotations

import _util  # noqa: F401  (puts the checkout on sys.path)
import numpy as np
from _util import best_time, fmt_time, ratio, table

import symcalc as sc

try:
    import scipy.special as ss
except ImportError:  # SciPy is optional
    ss = None

x, y = sc.symbols("x y")
# name, symcalc expression, scipy equivalent, mpmath reference, sample range
CASES = [
    ("gamma", sc.gamma(x), "gamma", "gamma", (-20, 30)),
    ("loggamma", sc.loggamma(x), "gammaln", "loggamma", (0.01, 100)),
    ("digamma", sc.digamma(x), "psi", "digamma", (-20, 30)),
    ("zeta", sc.zeta(x), None, "zeta", (-20, 30)),
    ("erfinv", sc.erfinv(x), "erfinv", "erfinv", (-1, 1)),
    ("erfcinv", sc.erfcinv(x), "erfcinv", None, (0, 2)),
    ("lambertw", sc.lambertw(x), None, "lambertw", (-0.36, 100)),
    ("Si", sc.Si(x), None, "si", (-50, 50)),
    ("Ci", sc.Ci(x), None, "ci", (0.01, 50)),
    ("Shi", sc.Shi(x), None, "shi", (-50, 50)),
    ("Chi", sc.Chi(x), None, "chi", (0.01, 50)),
    ("fresnels", sc.fresnels(x), None, "fresnels", (-10, 10)),
    ("uppergamma(2.5, x)", sc.uppergamma(sc.Rational(5, 2), x), None,
     lambda mp, v: mp.gammainc(2.5, v), (0, 40)),
    ("lowergamma(2.5, x)", sc.lowergamma(sc.Rational(5, 2), x), None,
     lambda mp, v: mp.gammainc(2.5, 0, v), (0, 40)),
    ("sinc", sc.sinc(x), None, "sinc", (-50, 50)),
    ("hardswish", sc.hardswish(x), None, None, (-6, 6)),
    ("selu", sc.selu(x), None, None, (-6, 6)),
]


def worst_error(f, ref, lo: float, hi: float) -> str:
    import mpmath as mp

    if ref is None:
        return "-"
    mp.mp.dps = 30
    g = (lambda v: getattr(mp, ref)(v)) if isinstance(ref, str) else (lambda v: ref(mp, v))
    pts = np.random.default_rng(1).uniform(lo, hi, 2000)
    got = f(pts)
    worst = 0.0
    for p, v in zip(pts, got):
        try:
            r = g(mp.mpf(p))
        except (ValueError, ZeroDivisionError):
            continue
        if isinstance(r, mp.mpc) or not mp.isfinite(r):
            continue
        r = float(r)
        worst = max(worst, abs(v - r) / max(abs(r), 1.0))
    return f"{worst:.1e}"


def main() -> None:
    from symcalc.compile import special_scipy

    rows = []
    for name, e, scipy_name, ref, (lo, hi) in CASES:
        pts = np.random.default_rng(0).uniform(lo, hi, 100_000)
        special_scipy.USE_SCIPY = False
        f_np = sc.compile(e, [x])
        t_np = best_time(lambda: f_np(pts))
        special_scipy.USE_SCIPY = True
        f_sp = sc.compile(e, [x]) if ss is not None else None
        t_sp = best_time(lambda: f_sp(pts)) if f_sp is not None else None
        raw = None
        if ss is not None and scipy_name is not None:
            g = getattr(ss, scipy_name)
            raw = best_time(lambda: g(pts))
        rows.append([name, fmt_time(t_np), fmt_time(t_sp), fmt_time(raw), ratio(raw, t_np),
                     worst_error(f_np, ref, lo, hi),
                     worst_error(f_sp, ref, lo, hi) if f_sp is not None else "-"])
    print("compiled special functions, 100 000 points; numpy-only = SYMCALC_NO_SCIPY=1, "
          "with-scipy = the default where SciPy is installed;")
    print("ratio = raw scipy.special / numpy-only (< 1: SciPy faster); "
          "error = max |value - mpmath|/max(1, |mpmath|) on 2 000 points")
    print(table(["function", "numpy-only", "with-scipy", "scipy raw", "ratio", "error np",
                 "error scipy"], rows))
    if ss is None:
        print("(scipy not installed: no comparison columns)")


if __name__ == "__main__":
    main()
