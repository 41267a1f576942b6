"""Double-precision values of the non-elementary functions Ei, li and Li2 (pure Python).

* ``ei(x)``, the exponential integral Ei(x) = PV ∫_{-∞}^{x} e^t/t dt for real x ≠ 0:
  the power series γ + log x + Σ x^k/(k·k!) for 0 < x ≤ 40 (near the positive root
  x₀ = 0.37250741… the series is rewritten as log(x/x₀) + Σ (x^k − x₀^k)/(k·k!), so the
  value keeps its relative accuracy through the zero), the asymptotic series
  e^x/x · Σ k!/x^k beyond 40, and Ei(x) = −E₁(−x) for x < 0 with E₁ from its power
  series (t ≤ 1) or its continued fraction (t > 1, modified Lentz).
* ``li(x)`` = Ei(log x), the logarithmic integral, for x > 0 (x ≠ 1).
* ``li2(x)``, the dilogarithm Li₂(x) = −∫₀^x log(1 − t)/t dt for real x ≤ 1: the
  Bernoulli series Σ B_n u^(n+1)/(n+1)! in u = −log(1 − x) on [−1, 1/2] (|u| ≤ log 2,
  so about 20 terms), the reflection Li₂(x) = π²/6 − log x·log(1 − x) − Li₂(1 − x) on
  (1/2, 1] and the inversion Li₂(x) = −π²/6 − log²(−x)/2 − Li₂(1/x) below −1.

Relative error about 1e-15 (absolute near the zeros of li). Outside the real domain
(Ei(0), li(x ≤ 0), Li₂(x > 1), where the values are infinite or complex) these raise
ValueError; an overflowing Ei raises OverflowError.

>>> round(ei(1.0), 12), round(li(2.0), 12), round(li2(0.5), 12)
(1.895117816356, 1.045163780117, 0.582240526465)
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache

EULER_GAMMA = 0.5772156649015329
#: The positive zero of Ei as a double-double (hi + lo).
_X0_HI, _X0_LO = 0.3725074107813666, 1.3140183414386028e-17
_EPS = 2.220446049250313e-16
_PI2_6 = math.pi * math.pi / 6.0


def ei(x: float) -> float:
    """The exponential integral Ei(x) for real x ≠ 0."""
    if x != x:
        return x
    if x == 0.0:
        raise ValueError("Ei(0) = -oo")
    if x < 0.0:
        return -_e1(-x)
    if x == math.inf:
        return x
    if abs(x - _X0_HI) < 0.25:
        return _ei_near_root(x)
    if x <= 40.0:
        return _ei_series(x)
    return _ei_asymptotic(x)


def _ei_series(x: float) -> float:
    s = 0.0
    t = 1.0
    for k in range(1, 500):
        t *= x / k
        term = t / k
        s += term
        if term <= _EPS * s:
            break
    return EULER_GAMMA + math.log(x) + s


def _ei_near_root(x: float) -> float:
    # Ei(x) - Ei(x0) = log(x/x0) + sum (x^k - x0^k)/(k k!) with p_k = x^k - x0^k by
    # p_k = x p_{k-1} + x0^(k-1) d, d = x - x0: every term has the sign of d.
    d = (x - _X0_HI) - _X0_LO
    p = d
    a = 1.0
    fact = 1.0
    s = d
    for k in range(2, 60):
        a *= _X0_HI
        p = x * p + a * d
        fact *= k
        term = p / (k * fact)
        s += term
        if abs(term) <= _EPS * abs(s):
            break
    return math.log1p(d / _X0_HI) + s


def _ei_asymptotic(x: float) -> float:
    s = _asymptotic_sum(x)
    if x < 700.0:
        return math.exp(x) / x * s
    h = math.exp(x / 2.0)  # e^x alone overflows a little before Ei does
    return h * (h / x * s)


def _asymptotic_sum(x: float) -> float:
    """Σ k!/x^k, summed while the terms decrease (x > 40: to full precision)."""
    s = 1.0
    t = 1.0
    for k in range(1, 200):
        nt = t * k / x
        if nt >= t:
            break
        t = nt
        s += t
        if t <= _EPS * s:
            break
    return s


def _e1(t: float) -> float:
    """E1(t) = -Ei(-t) for t > 0."""
    if t == math.inf:
        return 0.0
    if t <= 1.0:
        s = 0.0
        term = -1.0
        for k in range(1, 100):
            term *= -t / k
            s += term / k
            if abs(term) <= _EPS * 1e-2 * abs(s):
                break
        return -EULER_GAMMA - math.log(t) + s
    tiny = 1e-300
    b = t + 1.0
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, 10000):
        an = -float(i * i)
        b += 2.0
        d = 1.0 / (an * d + b)
        c = b + an / c
        delta = c * d
        h *= delta
        if abs(delta - 1.0) <= _EPS:
            break
    return h * math.exp(-t)


def li(x: float) -> float:
    """The logarithmic integral li(x) = Ei(log x) for x > 0, x ≠ 1."""
    if x != x:
        return x
    if x < 0.0:
        raise ValueError("li(x) is complex for x < 0")
    if x == 0.0:
        return 0.0
    if x == 1.0:
        raise ValueError("li(1) = -oo")
    lg = math.log(x)
    if lg > 40.0:  # x/log(x) Σ k!/log(x)^k: no error amplified from rounding log(x)
        return x / lg * _asymptotic_sum(lg)
    return ei(lg)


@cache
def _li2_coefficients() -> tuple[float, ...]:
    """B_n/(n+1)! for n = 0..29 (B_1 = -1/2)."""
    n_max = 30
    b = [Fraction(1)]
    for m in range(1, n_max):
        s = sum(Fraction(math.comb(m + 1, k)) * b[k] for k in range(m))
        b.append(-s / (m + 1))
    return tuple(float(b[n] / math.factorial(n + 1)) for n in range(n_max))


def _li2_series(x: float) -> float:
    """Li2(x) for -1 <= x <= 1/2."""
    u = -math.log1p(-x)
    if u == 0.0:
        return x
    c = _li2_coefficients()
    s = 0.0
    p = u
    for n, cn in enumerate(c):
        if cn == 0.0:
            p *= u
            continue
        term = cn * p
        s += term
        if n > 2 and abs(term) <= _EPS * 1e-2 * abs(s):
            break
        p *= u
    return s


def li2(x: float) -> float:
    """The dilogarithm Li2(x) for real x <= 1."""
    if x != x:
        return x
    if x > 1.0:
        raise ValueError("Li2(x) is complex for x > 1")
    if x == 1.0:
        return _PI2_6
    if x == -math.inf:
        return x
    if x < -1.0:
        lg = math.log(-x)
        return -_PI2_6 - 0.5 * lg * lg - _li2_series(1.0 / x)
    if x <= 0.5:
        return _li2_series(x)
    return _PI2_6 - math.log(x) * math.log1p(-x) - _li2_series(1.0 - x)


__all__ = ["EULER_GAMMA", "ei", "li", "li2"]
