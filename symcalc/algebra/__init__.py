"""Algebra: sparse polynomials over Q, gcd, resultants, square-free factorization.

>>> from symcalc import symbols
>>> from symcalc.algebra import Poly, gcd
>>> x = symbols("x")
>>> gcd(Poly.from_expr(x**4 - 1), Poly.from_expr(x**2 - 1)).as_expr()
x^2 - 1
"""

from __future__ import annotations

from .factor import factor_list, rational_roots, sqf_list, sqf_part
from .gcd import gcd, gcdex, lcm, resultant
from .poly import Poly, PolynomialError

__all__ = ["Poly", "PolynomialError", "factor_list", "gcd", "gcdex", "lcm", "rational_roots",
           "resultant", "sqf_list", "sqf_part"]
