"""Algebra: sparse polynomials over Q, gcd, resultants, square-free factorization.

>>> from symcalc import symbols
>>> from symcalc.algebra import Poly, gcd
>>> x = symbols("x")
>>> gcd(Poly.from_expr(x**4 - 1), Poly.from_expr(x**2 - 1)).as_expr()
x^2 - 1
"""

from __future__ import annotations

from .factor import factor_list, rational_roots, sqf_list, sqf_part
from .factor_expr import factor, factor_poly_list
from .gcd import gcd, gcdex, lcm, resultant
from .poly import Poly, PolynomialError
from .rational import apart, cancel, collect, numer_denom, together

__all__ = ["Poly", "PolynomialError", "apart", "cancel", "collect", "factor", "factor_list",
           "factor_poly_list", "gcd", "gcdex", "lcm", "numer_denom", "rational_roots",
           "resultant", "sqf_list", "sqf_part", "together"]
