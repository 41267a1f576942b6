"""Calculus: derivatives, integrals (``integrate``), series (``series``) and limits
(``limit``); the last three are imported where used."""

from .diff import Derivative, DiffError, derivative_table, diff
from .vector import directional_derivative, gradient, hessian, jacobian

__all__ = ["Derivative", "DiffError", "derivative_table", "diff", "directional_derivative",
           "gradient", "hessian", "jacobian"]
