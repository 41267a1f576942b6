"""Newton methods on ``vg(theta) -> (f, grad)``:

* :func:`newton_cg` -- line-search Newton-CG (N&W Algorithm 7.1): conjugate gradients
  on H p = -g with Hessian-vector products (forward over reverse mode, the Hessian is
  never formed), stopped at the forcing tolerance min(0.5, sqrt|g|) |g| or at
  negative curvature;
* :func:`trust_region` -- trust-region Newton with the exact Hessian: the subproblem
  min g.p + p.H.p/2, |p| <= delta solved through the eigen-decomposition of H (Moré
  and Sorensen's characterization, hard case included). A point with zero gradient is
  accepted only if H has no negative eigenvalue: at a saddle the step goes along the
  eigenvector of the most negative eigenvalue, so the method does not stop there.

Each returns ``(x, f, g, nit, nfev, nhev, success, message, trace.xs, trace.fs, state)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .lbfgs import VG, _check
from .trace import Trace


def newton_cg(vg: VG, hvp: Callable[[Any, Any], Any], x: Any, o: dict[str, Any]) -> tuple:
    import numpy as np

    from .linesearch import wolfe

    maxiter, tol, keep, callback = o["maxiter"], o["tol"], o["history"], o["callback"]
    x = x.copy()
    f, g = vg(x)
    n = x.size
    nfev, nhev, nit = 1, 0, 0
    trace = Trace(x, f, keep, callback)
    dot = np.dot
    while True:
        stop = _check(f, g, nit, tol, maxiter)
        if stop is not None:
            success, message = stop
            break
        gn = float(np.sqrt(dot(g, g)))
        eps = min(0.5, math.sqrt(gn)) * gn
        z = np.zeros(n)
        r = g.copy()
        d = -r
        rr = float(dot(r, r))
        p = -g
        for j in range(max(20, 2 * n)):
            Bd = hvp(x, d)
            nhev += 1
            curv = float(dot(d, Bd))
            if curv <= 1e-12 * float(dot(d, d)):  # negative (or no) curvature
                p = -g if j == 0 else z
                break
            a = rr / curv
            z = z + a * d
            r = r + a * Bd
            rr_new = float(dot(r, r))
            if math.sqrt(rr_new) < eps:
                p = z
                break
            d = -r + (rr_new / rr) * d
            rr = rr_new
            p = z
        st = wolfe(vg, x, p, f, g)
        nfev += st.nfev
        if st.alpha is None:
            st = wolfe(vg, x, -g, f, g)
            nfev += st.nfev
            if st.alpha is None:
                success = bool(tol == 0)
                message = (f"the line search failed at step {nit}: no decrease (max |grad|"
                           f" = {float(np.max(np.abs(g))):.3g})")
                break
        x, f, g = st.x, st.f, st.g
        nit += 1
        if trace.step(nit, x, f):
            success, message = True, f"stopped by the callback after {nit} steps"
            break
    return x, f, g, nit, nfev, nhev, success, message, trace.xs, trace.fs, {"method": "newton-cg"}


def _subproblem(g: Any, H: Any, delta: float) -> tuple[Any, bool]:
    """argmin g.p + p.H.p/2 over |p| <= delta (exact, by the eigen-decomposition):
    (p, on_boundary)."""
    import numpy as np

    lam, Q = np.linalg.eigh(H)
    gh = Q.T @ g
    lmin = float(lam[0])
    scale = max(1.0, float(np.max(np.abs(lam))))
    if lmin > 1e-12 * scale:
        p = -(Q @ (gh / lam))
        if float(np.linalg.norm(p)) <= delta:
            return p, False

    def norm_at(mu: float) -> float:
        return float(np.linalg.norm(gh / (lam + mu)))

    lo = max(0.0, -lmin)
    small = np.abs(gh[lam <= lmin + 1e-12 * scale])
    hard = bool(np.all(small <= 1e-12 * max(1.0, float(np.linalg.norm(g)))))
    if hard and (lo == 0.0 or norm_at(lo + 1e-14 * scale) <= delta):
        # the hard case: p(-lmin) is inside; add the eigenvector to reach the boundary
        mask = lam > lmin + 1e-12 * scale
        p = -(Q[:, mask] @ (gh[mask] / (lam[mask] - lmin))) if mask.any() else np.zeros_like(g)
        pn = float(np.linalg.norm(p))
        tau = math.sqrt(max(delta * delta - pn * pn, 0.0))
        q = Q[:, 0]
        return p + (tau if float(g @ q) <= 0 else -tau) * q, True
    # |p(mu)| = delta on mu > lo: bisection on a bracket, then it is monotone
    a = lo + 1e-14 * scale
    b = max(a * 2, 1.0)
    while norm_at(b) > delta:
        b *= 2.0
    for _ in range(200):
        mid = 0.5 * (a + b)
        if norm_at(mid) > delta:
            a = mid
        else:
            b = mid
        if b - a <= 1e-15 * b:
            break
    p = -(Q @ (gh / (lam + b)))
    return p, True


def trust_region(vg: VG, hess: Callable[[Any], Any], x: Any, o: dict[str, Any]) -> tuple:
    import numpy as np

    maxiter, tol, keep, callback = o["maxiter"], o["tol"], o["history"], o["callback"]
    delta = float((o.get("state") or {}).get("radius", o.get("radius", 1.0)))
    dmax = float(o.get("max_radius", 1e3))
    eta = 0.1
    x = x.copy()
    f, g = vg(x)
    nfev, nhev, nit = 1, 0, 0
    trace = Trace(x, f, keep, callback)
    H = hess(x)
    nhev += 1
    while True:
        stop = _check(f, g, nit, tol, maxiter)
        if stop is not None and (nit >= maxiter or not stop[0]):
            success, message = stop
            break
        if stop is not None:  # first-order point: a minimum only without negative curvature
            lmin = float(np.linalg.eigvalsh(H)[0])
            if lmin >= -max(tol, 1e-10) * max(1.0, float(np.max(np.abs(H)))):
                success, message = True, stop[1] + " (and the Hessian has no negative " \
                    "eigenvalue)"
                break
        if not np.isfinite(H).all():
            success, message = False, f"the Hessian is not finite at step {nit}"
            break
        p, boundary = _subproblem(g, H, delta)
        pred = -(float(g @ p) + 0.5 * float(p @ H @ p))
        xn = x + p
        fn, gn = vg(xn)
        nfev += 1
        rho = (f - fn) / pred if pred > 0 else (1.0 if f - fn >= 0 and fn == f else -1.0)
        if not math.isfinite(fn):
            rho = -1.0
        elif pred <= 1e-13 * max(1.0, abs(f)) and float(gn @ gn) < float(g @ g):
            rho = 1.0  # the decrease is below rounding: judge by the gradient instead
        if rho < 0.25:
            delta *= 0.25
        elif rho > 0.75 and boundary:
            delta = min(2.0 * delta, dmax)
        if rho > eta:
            x, f, g = xn, fn, gn
            H = hess(x)
            nhev += 1
            nit += 1
            if trace.step(nit, x, f):
                success, message = True, f"stopped by the callback after {nit} steps"
                break
        elif delta < 1e-14 * max(1.0, float(np.linalg.norm(x))):
            success = bool(_check(f, g, 0, max(tol, 1e-8), 1) is not None and
                           _check(f, g, 0, max(tol, 1e-8), 1)[0])
            message = f"the trust region shrank to nothing at step {nit}"
            break
    state = {"method": "trust-region", "radius": delta}
    return x, f, g, nit, nfev, nhev, success, message, trace.xs, trace.fs, state
