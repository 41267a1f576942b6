"""Integration: antiderivatives by a table of rules and by algorithms, definite and
iterated integrals, derivations (``steps=True``).

``integrate`` and ``Integral`` are the public names (see docs/integrate.md).

>>> from symcalc import symbols, cos
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(x*cos(x), x)
x*sin(x) + cos(x)
"""

from .api import (
    DEFAULT_TIMEOUT,
    Integral,
    IntegrationError,
    antiderivative,
    integral_reason,
    integrate,
    is_integral,
)
from .steps import Step

__all__ = ["DEFAULT_TIMEOUT", "Integral", "IntegrationError", "Step", "antiderivative",
           "integral_reason", "integrate", "is_integral"]
