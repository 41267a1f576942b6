"""Numerical calculus: finite differences, gradient checking, optimizers, roots,
critical points and quadrature, driven by compiled exact gradients and Hessians.

Nothing here is imported by ``import symcalc``; the top-level names ``minimize``,
``gradcheck``, ``nsolve``, ``critical_points`` and ``nintegrate`` load it on first use.

>>> import symcalc as sc
>>> from symcalc.numerics import minimize
>>> x, y = sc.symbols("x y")
>>> minimize((x - 1)**2 + (y + 2)**2, [x, y], x0=[0, 0]).x.round(6).tolist()
[1.0, -2.0]
"""

from __future__ import annotations

from .critical import CriticalPoint, classify, critical_points
from .differences import default_step, derivative, gradient, hessian, jacobian
from .gradcheck import GradcheckReport, gradcheck
from .optimize import METHODS, History, OptimizeResult, minimize
from .quadrature import IntegrationWarning, QuadResult, nintegrate
from .roots import ConvergenceError, brent, nsolve
from .schedules import (
    Schedule,
    constant,
    cosine_annealing,
    exponential_decay,
    linear_warmup,
    step_decay,
)

__all__ = [
    "derivative", "gradient", "jacobian", "hessian", "default_step", "gradcheck",
    "GradcheckReport", "minimize", "OptimizeResult", "History", "METHODS", "nsolve",
    "brent", "ConvergenceError", "critical_points", "CriticalPoint", "classify",
    "nintegrate", "QuadResult", "IntegrationWarning", "Schedule", "constant", "step_decay",
    "exponential_decay", "cosine_annealing", "linear_warmup",
]
