"""erf and erfc for arrays to full double precision, without SciPy.

W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
(1969), as in his CALERF routine (netlib specfun): a rational function of x^2 for
|x| <= 0.46875, erfc(y) = exp(-y^2) R(y) on [0.46875, 4], and
erfc(y) = exp(-y^2)/y (1/sqrt(pi) + R(1/y^2)/y^2) beyond. exp(-y^2) is computed as
exp(-s^2) exp(-(y-s)(y+s)) with s = y rounded down to 1/16, which avoids the error
that a rounded y^2 would amplify. Maximum relative error about 1e-16 on every piece.

>>> import math, numpy as np
>>> x = np.array([-3.0, -0.2, 0.0, 0.3, 1.0, 5.0])
>>> bool(np.all(np.abs(erf(x) - [math.erf(v) for v in x]) <= 4e-16 * np.abs(erf(x))))
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

_A = (3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
      3.20937758913846947e03, 1.85777706184603153e-1)
_B = (2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
      2.84423683343917062e03)
_C = (5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
      2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
      2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8)
_D = (1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
      1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
      3.43936767414372164e03, 1.23033935480374942e03)
_P = (3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
      1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2)
_Q = (2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1,
      6.05183413124413191e-2, 2.33520497626869185e-3)
_SQRPI = 5.6418958354775628695e-1  # 1/sqrt(pi)
_THRESH = 0.46875


def _small(x: Any) -> Any:
    """erf(x) for |x| <= 0.46875."""
    ysq = x * x
    xnum = _A[4] * ysq
    xden = ysq
    for i in range(3):
        xnum = (xnum + _A[i]) * ysq
        xden = (xden + _B[i]) * ysq
    return x * (xnum + _A[3]) / (xden + _B[3])


def _exp_neg_sq(y: Any) -> Any:
    s = np.trunc(y * 16.0) / 16.0
    return np.exp(-s * s) * np.exp(-(y - s) * (y + s))


def _mid(y: Any) -> Any:
    """erfc(y) for 0.46875 <= y <= 4."""
    xnum = _C[8] * y
    xden = y
    for i in range(7):
        xnum = (xnum + _C[i]) * y
        xden = (xden + _D[i]) * y
    return _exp_neg_sq(y) * ((xnum + _C[7]) / (xden + _D[7]))


def _large(y: Any) -> Any:
    """erfc(y) for y > 4 (erfc underflows to 0 beyond 27.3, so y is capped at 40)."""
    y = np.minimum(y, 40.0)
    ysq = 1.0 / (y * y)
    xnum = _P[5] * ysq
    xden = ysq
    for i in range(4):
        xnum = (xnum + _P[i]) * ysq
        xden = (xden + _Q[i]) * ysq
    r = ysq * (xnum + _P[4]) / (xden + _Q[4])
    return _exp_neg_sq(y) * ((_SQRPI - r) / y)


def _erfc_pos(y: np.ndarray) -> np.ndarray:
    """erfc(y) for an array of y >= 0.46875 (or nan)."""
    out = np.empty_like(y)
    big = y > 4.0
    if big.any():
        out[big] = _large(y[big])
        mid = ~big
        out[mid] = _mid(y[mid])
    else:
        out[...] = _mid(y)
    return out


def _eval(x: Any, complement: bool, out: np.ndarray | None = None) -> np.ndarray:
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    with np.errstate(all="ignore"):
        r = np.empty_like(x) if out is None else out
        y = np.abs(x)
        small = y <= _THRESH
        nsmall = int(np.count_nonzero(small))
        vals = r.reshape(-1) if r.ndim != 1 else r
        xf = x.reshape(-1)
        if nsmall == x.size:
            s = _small(xf)
            vals[...] = 1.0 - s if complement else s
            return r
        sm = small.reshape(-1)
        rest = ~sm
        xr = xf[rest]
        ec = _erfc_pos(np.abs(xr))  # erfc(|x|)
        if complement:
            v = np.where(xr < 0, 2.0 - ec, ec)
        else:
            v = np.copysign(0.5 - ec + 0.5, xr)
        vals[rest] = v
        if nsmall:
            s = _small(xf[sm])
            vals[sm] = 1.0 - s if complement else s
        return r


def erf(x: Any, out: np.ndarray | None = None) -> np.ndarray:
    """The error function of an array (into ``out`` if given)."""
    return _eval(x, False, out)


def erfc(x: Any, out: np.ndarray | None = None) -> np.ndarray:
    """The complementary error function 1 - erf(x) of an array, accurate for large x."""
    return _eval(x, True, out)


def erf_generic(x: Any) -> Any:
    """erf for any array type with NumPy dispatch (Dask, ...): selects, no indexing."""
    y = np.abs(x)
    ec = np.where(y > 4.0, _large(np.maximum(y, 4.0)),
                  _mid(np.minimum(np.maximum(y, _THRESH), 4.0)))
    return np.where(y <= _THRESH, _small(np.minimum(x, _THRESH)),
                    np.copysign(0.5 - ec + 0.5, x))


def erfc_generic(x: Any) -> Any:
    y = np.abs(x)
    ec = np.where(y > 4.0, _large(np.maximum(y, 4.0)),
                  _mid(np.minimum(np.maximum(y, _THRESH), 4.0)))
    return np.where(y <= _THRESH, 1.0 - _small(np.maximum(np.minimum(x, _THRESH), -_THRESH)),
                    np.where(x < 0, 2.0 - ec, ec))


def sigmoid(u: Any, out: np.ndarray | None = None) -> np.ndarray:
    """1/(1 + exp(-u)) in four in-place passes (into ``out`` if given).

    Accurate to a few ulp everywhere, relative error included (for u << 0 it is
    1/(1 + large), not a difference): exp(-u) overflows to inf only where the result
    is 0 anyway, and callers run under ``np.errstate(all="ignore")``.
    """
    if out is None:
        return sigmoid_generic(u)
    np.negative(u, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=out)
    return np.divide(1.0, out, out=out)


def sigmoid_generic(u: Any) -> Any:
    """sigmoid for any array type with NumPy dispatch (Dask, ...)."""
    return 1.0 / (1.0 + np.exp(-u))


# --------------------------------------------------------------------------- sin, cos
# Where NumPy's tan is a SIMD loop (SVML, on AVX512 machines) and sin/cos are not, the
# array code computes sin u = 2t/(1 + t^2) and cos u = (1 - t^2)/(1 + t^2) from
# t = tan(u/2) (passes.TRIG), at a fifth of the cost of np.sin. With NumPy's tan
# within 1 ulp (also next to its poles), 2t/(1 + t^2) is within 3 ulp of sin u
# everywhere, next to its zeros too; only where u is subnormal is u/2 rounded, so
# results below 2^-1000 in size are computed again by np.sin. cos u = (1 - t^2)/(1 + t^2)
# is within 2 ulp plus about 1.6e-16 (the 1-ulp error of t where t is near 1, where
# 1 - t^2 cancels), so the values of cos below 1/8 in size are computed again by np.cos
# (about 8 % of uniformly spread arguments): the rest is within 16 ulp relative
# (measured: 10.2).

#: results smaller than these in size are recomputed by NumPy's own sin/cos
SIN_FIX, COS_FIX = 2.0 ** -1000, 1.0 / 8.0


def _trig_fix(ufunc: Any, s: Any, u: Any, out: Any, fix: float) -> Any:
    if type(s) is not np.ndarray or type(u) is not np.ndarray:
        s, u = np.asarray(s), np.asarray(u)
    if s.dtype.kind == "c" or u.dtype.kind == "c":  # complex code: no half-angle form
        return ufunc(u) if out is None else ufunc(u, out=out)
    a = np.absolute(s)
    # the smallest size decides (a nan value of s, where u is infinite or nan, makes
    # the mask below run; it is np.sin's value there too, and stays)
    if a.size and not np.minimum.reduce(a, None) >= fix:
        small = np.less(a, fix)
        if out is not None and out is not s and np.may_share_memory(out, u):
            # out is u's buffer: u is read before it is written
            redo = ufunc(np.broadcast_to(u, s.shape)[small])
            np.copyto(out, s)
            out[small] = redo
            return out
        if out is None:
            out = s.copy()  # s may be another value's array too
        elif out is not s:
            np.copyto(out, s)
        # the masked ufunc: about 5x faster than gathering and scattering the values
        ufunc(u, out=out, where=small)
        return out
    if out is None or out is s:
        return s
    np.copyto(out, s)
    return out


def sinfix(s: Any, u: Any, out: np.ndarray | None = None) -> Any:
    """``s`` (sin u from the half-angle form), its values below SIN_FIX in size
    replaced by np.sin(u) (into ``out``, which may be ``s`` or ``u``)."""
    return _trig_fix(np.sin, s, u, out, SIN_FIX)


def cosfix(c: Any, u: Any, out: np.ndarray | None = None) -> Any:
    """``c`` (cos u from the half-angle form), small values from np.cos(u)."""
    return _trig_fix(np.cos, c, u, out, COS_FIX)


def svml() -> bool:
    """Whether NumPy's transcendental ufuncs (tan, log1p, ...) are SIMD loops here:
    NumPy dispatches them to SVML on CPUs with AVX512 (Skylake-X and later)."""
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as feats
    except ImportError:  # pragma: no cover - NumPy 1.x
        try:
            from numpy.core._multiarray_umath import __cpu_features__ as feats
        except ImportError:
            return False
    return bool(feats.get("AVX512_SKX"))


# --------------------------------------------------------------------------- Ei and Li2
# The same algorithms as symcalc.core.nonelementary (see there), run on the subsets of
# an array that need them: power series, near-root series, asymptotic series, and the
# continued fraction of E1 for x < -1; Li2 by its Bernoulli series after reflection or
# inversion. Values are computed into a fresh array, so ``out`` may alias ``x``.

_EULER = 0.5772156649015329
_X0_HI, _X0_LO = 0.3725074107813666, 1.3140183414386028e-17
_EPS = 2.220446049250313e-16


def _as_float(x: Any) -> np.ndarray:
    x = np.asarray(x)
    return x if x.dtype.kind == "f" else x.astype(np.float64)


def _ei_series(x: np.ndarray) -> np.ndarray:
    s = np.zeros_like(x)
    t = np.ones_like(x)
    for k in range(1, 200):
        t = t * x / k
        term = t / k
        s += term
        if np.all(term <= _EPS * s):
            break
    return _EULER + np.log(x) + s


def _ei_near_root(x: np.ndarray) -> np.ndarray:
    d = (x - _X0_HI) - _X0_LO
    p = d.copy()
    s = d.copy()
    a = 1.0
    fact = 1.0
    for k in range(2, 60):
        a *= _X0_HI
        p = x * p + a * d
        fact *= k
        term = p / (k * fact)
        s += term
        if np.all(np.abs(term) <= _EPS * np.abs(s)):
            break
    return np.log1p(d / _X0_HI) + s


def _ei_asymptotic(x: np.ndarray) -> np.ndarray:
    s = np.ones_like(x)
    t = np.ones_like(x)
    for k in range(1, 200):
        nt = t * k / x
        t = np.where(nt < t, nt, 0.0)
        s += t
        if np.all(t <= _EPS * s):
            break
    h = np.exp(x / 2.0)
    return h * (h / x * s)


def _e1(t: np.ndarray) -> np.ndarray:
    """E1(t) for an array of t > 0 (capped at 1000, where E1 underflows to 0)."""
    t = np.minimum(t, 1000.0)
    r = np.empty_like(t)
    small = t <= 1.0
    if small.any():
        ts = t[small]
        s = np.zeros_like(ts)
        term = -np.ones_like(ts)
        for k in range(1, 30):
            term = term * (-ts / k)
            s += term / k
        r[small] = -_EULER - np.log(ts) + s
    big = ~small
    if big.any():
        tb = t[big]
        b = tb + 1.0
        c = np.full_like(tb, 1e300)
        d = 1.0 / b
        h = d.copy()
        for i in range(1, 1000):
            an = -float(i * i)
            b = b + 2.0
            d = 1.0 / (an * d + b)
            c = b + an / c
            delta = c * d
            h *= delta
            if np.all(np.abs(delta - 1.0) <= _EPS):
                break
        r[big] = h * np.exp(-tb)
    return r


def ei(x: Any, out: np.ndarray | None = None) -> np.ndarray:
    """The exponential integral Ei of an array (nan at complex values; Ei(0) = -inf)."""
    x = _as_float(x)
    xf = x.reshape(-1)
    r = np.full_like(xf, np.nan)
    with np.errstate(all="ignore"):
        neg = xf < 0.0
        near = np.abs(xf - _X0_HI) < 0.25
        ser = (xf > 0.0) & (xf <= 40.0) & ~near
        asy = (xf > 40.0) & (xf < np.inf)
        for m, f in ((neg, lambda v: -_e1(-v)), (near, _ei_near_root), (ser, _ei_series),
                     (asy, _ei_asymptotic)):
            if m.any():
                r[m] = f(xf[m])
        r[xf == 0.0] = -np.inf
        r[xf == np.inf] = np.inf
    r = r.reshape(x.shape)
    if out is None:
        return r
    out[...] = r
    return out


def _li2_series(y: np.ndarray) -> np.ndarray:
    from ..core.nonelementary import _li2_coefficients

    c = _li2_coefficients()
    u = -np.log1p(-y)
    s = np.full_like(u, c[-1])
    for cn in reversed(c[:-1]):
        s = s * u + cn
    return s * u


def li2(x: Any, out: np.ndarray | None = None) -> np.ndarray:
    """The dilogarithm Li2 of an array (nan for x > 1, where it is complex)."""
    x = _as_float(x)
    xf = x.reshape(-1)
    r = np.full_like(xf, np.nan)
    pi2_6 = np.pi * np.pi / 6.0
    with np.errstate(all="ignore"):
        mid = (xf >= -1.0) & (xf <= 0.5)
        if mid.any():
            r[mid] = _li2_series(xf[mid])
        hi = (xf > 0.5) & (xf < 1.0)
        if hi.any():
            v = xf[hi]
            r[hi] = pi2_6 - np.log(v) * np.log1p(-v) - _li2_series(1.0 - v)
        lo = xf < -1.0
        if lo.any():
            v = xf[lo]
            lg = np.log(-v)
            r[lo] = -pi2_6 - 0.5 * lg * lg - _li2_series(1.0 / v)
        r[xf == 1.0] = pi2_6
    r = r.reshape(x.shape)
    if out is None:
        return r
    out[...] = r
    return out


def ei_generic(x: Any) -> Any:
    """Ei for foreign array types: converted to NumPy (no dispatch-friendly form)."""
    return ei(np.asarray(x))


def li2_generic(x: Any) -> Any:
    return li2(np.asarray(x))


# --------------------------------------------------------------------------- branch cuts
# NumPy's complex functions follow C99: on a branch cut the sign of a zero imaginary
# (or real) part picks the side. symcalc follows Mathematica/SymPy/mpmath instead (see
# symcalc.core.branches): complex arrays get their zero parts signed by that convention
# before the ufunc runs. Real arrays go straight to the ufunc.


def _signed(x: Any, name: str) -> Any:
    from ..core.branches import rule

    axis, neg, pos = rule(name)
    y = np.array(x, dtype=x.dtype, copy=True)
    if axis == "re":
        m = y.imag == 0
        if m.any():
            y.imag[m] = np.where(y.real[m] < 0, neg, pos)
    else:
        m = y.real == 0
        if m.any():
            y.real[m] = np.where(y.imag[m] < 0, neg, pos)
    return y


def branch(ufunc: Any, name: str) -> Any:
    """``ufunc`` with symcalc's branch convention for ``name`` on complex input."""
    def f(x: Any, *rest: Any, out: Any = None) -> Any:
        if getattr(x, "dtype", None) is not None and x.dtype.kind == "c":
            x = _signed(x, name)
        elif isinstance(x, complex):
            x = _signed(np.asarray(x), name)
        return ufunc(x, *rest) if out is None else ufunc(x, *rest, out=out)
    f.__name__ = f"_{name}_branch"
    return f


def branch_log1p() -> Any:
    """log1p(z) with the cut of log(1 + z) on (-oo, -1) taken from above."""
    def f(x: Any, out: Any = None) -> Any:
        if getattr(x, "dtype", None) is not None and x.dtype.kind == "c":
            y = np.array(x, dtype=x.dtype, copy=True)
            m = y.imag == 0
            if m.any():
                y.imag[m] = 0.0
            x = y
        return np.log1p(x) if out is None else np.log1p(x, out=out)
    return f
