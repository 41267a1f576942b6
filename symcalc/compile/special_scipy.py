"""scipy.special in compiled code, where SciPy is installed (it is optional).

The same functions as :mod:`.special_extra`, with the same conventions on the real line
(nan at poles and where the value is complex, the principal branches), from SciPy's
compiled ufuncs: 10-300x faster than the NumPy-only versions. Set the environment
variable ``SYMCALC_NO_SCIPY=1`` (or ``USE_SCIPY = False`` here) to compile NumPy-only
code anyway; the tests check both.

>>> import numpy as np
>>> f = functions()                      # None where SciPy is not installed
>>> g = f["gamma"] if f else own.FUNCTIONS["gamma"]
>>> float(g(np.array(5.0))), bool(np.isnan(g(np.array(0.0))))
(24.0, True)
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from . import special_extra as own

#: use SciPy when it can be imported (and SYMCALC_NO_SCIPY is not set)
USE_SCIPY = not os.environ.get("SYMCALC_NO_SCIPY")


def _poles(x: np.ndarray) -> np.ndarray:
    return (x <= 0) & (x == np.floor(x))


def _finish(r: Any, out: np.ndarray | None) -> np.ndarray:
    r = np.asarray(r, dtype=np.float64)
    if out is None:
        return r
    out[...] = r
    return out


def _build(ss: Any) -> dict[str, Any]:
    def gamma(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        return _finish(np.where(_poles(x), np.nan, ss.gamma(x)), out)

    def loggamma(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)  # gammaln is log|gamma|: real only for x > 0
        return _finish(np.where(x > 0, ss.gammaln(x), np.nan), out)

    def digamma(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        return _finish(np.where(_poles(x), np.nan, ss.psi(x)), out)

    def polygamma(n: Any, x: Any, out: np.ndarray | None = None) -> np.ndarray:
        n, x = np.broadcast_arrays(np.asarray(n, dtype=np.float64),
                                   np.asarray(x, dtype=np.float64))
        ok = (n >= 0) & (n == np.floor(n)) & ~_poles(x)
        r = ss.polygamma(np.where(ok, n, 0).astype(np.int64), np.where(ok, x, 1.0))
        return _finish(np.where(ok, r, np.nan), out)

    def erfinv(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        return _finish(ss.erfinv(np.asarray(x, dtype=np.float64)), out)

    def erfcinv(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        return _finish(ss.erfcinv(np.asarray(x, dtype=np.float64)), out)

    def lambertw(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        real = x >= -np.exp(-1.0)
        return _finish(np.where(real, ss.lambertw(np.where(real, x, 0.0)).real, np.nan), out)

    def si(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        return _finish(ss.sici(np.asarray(x, dtype=np.float64))[0], out)

    def ci(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)  # complex for x < 0: nan
        return _finish(np.where(x >= 0, ss.sici(x)[1], np.nan), out)

    def shi(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        return _finish(ss.shichi(np.asarray(x, dtype=np.float64))[0], out)

    def erfi(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        return _finish(ss.erfi(np.asarray(x, dtype=np.float64)), out)

    def chi(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        return _finish(np.where(x >= 0, ss.shichi(x)[1], np.nan), out)

    def fresnels(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        return _finish(ss.fresnel(np.asarray(x, dtype=np.float64))[0], out)

    def fresnelc(x: Any, out: np.ndarray | None = None) -> np.ndarray:
        return _finish(ss.fresnel(np.asarray(x, dtype=np.float64))[1], out)

    def uppergamma(s: Any, x: Any, out: np.ndarray | None = None) -> np.ndarray:
        s, x = np.broadcast_arrays(np.asarray(s, dtype=np.float64),
                                   np.asarray(x, dtype=np.float64))
        pos = (s > 0) & (x >= 0)
        r = ss.gammaincc(np.where(pos, s, 1.0), np.where(pos, x, 1.0)) * ss.gamma(s)
        if (~pos | ~np.isfinite(r)).any():  # gamma(s) overflows, or s <= 0
            r = np.where(pos & np.isfinite(r), r, own.uppergamma(s, x))
        return _finish(r, out)

    def lowergamma(s: Any, x: Any, out: np.ndarray | None = None) -> np.ndarray:
        s, x = np.broadcast_arrays(np.asarray(s, dtype=np.float64),
                                   np.asarray(x, dtype=np.float64))
        pos = (s > 0) & (x >= 0)
        r = ss.gammainc(np.where(pos, s, 1.0), np.where(pos, x, 1.0)) * ss.gamma(s)
        if (~pos | ~np.isfinite(r)).any():  # gamma(s) overflows, or s <= 0
            r = np.where(pos & np.isfinite(r), r, own.lowergamma(s, x))
        return _finish(r, out)

    return {"gamma": gamma, "loggamma": loggamma, "digamma": digamma,
            "polygamma": polygamma, "erfinv": erfinv, "erfcinv": erfcinv,
            "lambertw": lambertw, "Si": si, "Ci": ci, "Shi": shi, "Chi": chi,
            "erfi": erfi, "fresnels": fresnels, "fresnelc": fresnelc, "uppergamma": uppergamma,
            "lowergamma": lowergamma}


_CACHE: dict[str, Any] = {}


def functions() -> dict[str, Any] | None:
    """name -> SciPy-backed implementation, or None without SciPy (or when disabled)."""
    if not USE_SCIPY:
        return None
    if "f" not in _CACHE:
        try:
            import scipy.special as ss
        except ImportError:
            _CACHE["f"] = None
        else:
            _CACHE["f"] = _build(ss)
    return _CACHE["f"]


__all__ = ["USE_SCIPY", "functions"]
