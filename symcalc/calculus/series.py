"""Taylor and Laurent series by truncated power-series arithmetic.

``series(e, x, x0, n)`` is the expansion of ``e`` in powers of ``x - x0`` with every
term of order below ``n`` (the ``O((x - x0)^n)`` remainder is not written), also at
``x0 = oo`` (powers of ``1/x``). It is computed bottom-up on the expression: sums and
products of truncated series, inverses by the usual recurrence (which gives Laurent
series: ``1/sin(x)`` starts at ``x^-1``), binomial series for powers, and for any
function ``f`` of the registry ``f(u0 + w) = sum f^(k)(u0)/k! w^k`` with the
derivatives taken from the derivative table -- so no function needs series rules of
its own. Exact arithmetic throughout: coefficients are expressions.

>>> from symcalc import symbols, exp, sin, sigmoid, log
>>> x = symbols("x")
>>> series(exp(x), x, 0, 4)
x^3/6 + x^2/2 + x + 1
>>> series(sigmoid(x), x, 0, 6)
x^5/480 - x^3/48 + x/4 + 1/2
>>> series(x/sin(x), x, 0, 5)
7*x^4/360 + x^2/6 + 1
>>> series(log(x), x, 1, 4)
x - (x - 1)^2/2 + (x - 1)^3/3 - 1
"""

from __future__ import annotations

import math
import threading
from fractions import Fraction
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.budget import check, operation, within
from ..core.expr import Expr, as_expr
from ..core.numbers import ONE, ZERO, nan, number, oo
from ..core.symbol import Symbol
from ..core.traversal import free_symbols
from ..errors import SymcalcError

#: precision of series that are exact (constants, x itself): "infinite"
EXACT = 1 << 30
#: the most terms a series may ask for (a bound, like the kernel's expansion bound)
MAX_ORDER = 200
#: seconds one expansion may take: coefficients at symbolic or irrational points can
#: grow exponentially with the order (exp(sin(cos(x) + x^2)) at 0). A soft deadline
#: inside the budget (symcalc.core.budget.within): past it, SeriesError.
TIME_BUDGET = 5.0


def _gave_up(message: str) -> SymcalcError:
    return SeriesError(f"{message} (the coefficients grow too large); ask for fewer terms")


_check_time = check
#: per-thread flags of the expansion in progress (``strict``: see limits)
_clock = threading.local()


class SeriesError(SymcalcError, ValueError):
    """The expression has no power series there (a log or a fractional power of
    ``x - x0``, an essential singularity, a kink), or the order is out of bounds."""


class _NoDerivativeValue(SeriesError):
    """A derivative of the table is not finite at the point (Si'(t) = sin(t)/t at 0)."""


class PS:
    """A truncated Laurent series ``sum c[i] t^(v + i)``, known for exponents < prec."""

    __slots__ = ("v", "c", "prec")

    def __init__(self, v: int, c: list[Expr], prec: int) -> None:
        # leading exact zeros are dropped, so c[0] is the leading coefficient
        i = 0
        while i < len(c) and c[i] is ZERO:
            i += 1
        c = c[i:]
        v += i
        if v + len(c) > prec:
            c = c[:max(0, prec - v)]
        if not c:
            v = prec
        self.v, self.c, self.prec = v, c, prec

    def coeff(self, k: int) -> Expr:
        i = k - self.v
        return self.c[i] if 0 <= i < len(self.c) else ZERO

    def truncate(self, n: int) -> PS:
        return self if self.prec <= n else PS(self.v, self.c, n)


def _const(e: Expr) -> PS:
    return PS(0, [e], EXACT)


def _add(a: PS, b: PS) -> PS:
    v, prec = min(a.v, b.v), min(a.prec, b.prec)
    top = min(prec, max(a.v + len(a.c), b.v + len(b.c)))
    return PS(v, [add(a.coeff(k), b.coeff(k)) for k in range(v, top)], prec)


def _mul(a: PS, b: PS, n: int) -> PS:
    v = a.v + b.v
    prec = min(a.prec + b.v, b.prec + a.v, n)
    out = []
    for k in range(v, prec):
        _check_time()
        terms = [mul(ca, b.coeff(k - a.v - i)) for i, ca in enumerate(a.c)
                 if k - a.v - i >= b.v and k - a.v - i - b.v < len(b.c)]
        out.append(add(*terms) if terms else ZERO)
    return PS(v, out, prec)


def _strict_nonzero(c: Expr, what: str) -> None:
    """In strict mode (limits), a coefficient divided by must be proved nonzero: an
    unrecognized zero such as sin(1)^2 + cos(1)^2 - 1 would give a wrong series."""
    if getattr(_clock, "strict", False) and not c.is_Number:
        from .mpvalue import const_sign

        if const_sign(c) not in (1, -1):
            raise SeriesError(f"cannot prove that {c} ({what}) is not zero")


def _strict_domain(name: str, u0: Expr, fd: Any = None) -> None:
    """In strict mode, functions with singular points are expanded only strictly inside
    their domain of analyticity (log at u0 > 0, asin at |u0| < 1, ...); others only where
    their value is finite and stable (the same at 30 and 60 digits: not tan(pi/2))."""
    if not getattr(_clock, "strict", False):
        return
    from .mpvalue import const_sign

    checks = _STRICT_DOMAINS.get(name)
    if checks is None:
        if fd is not None and name not in _STRICT_ENTIRE:
            from .wseries import _stable

            if free_symbols(u0) or not _stable(fd(u0)):
                raise SeriesError(f"cannot prove that {name} is analytic at {u0}")
        return
    for g in checks(u0):
        if const_sign(g) != 1:
            raise SeriesError(f"cannot prove that {name} is analytic at {u0}")


#: analytic on the whole real line, or expanded as a quotient whose divisor is checked
_STRICT_ENTIRE = frozenset({"exp", "sin", "cos", "sinh", "cosh", "tanh", "atan", "asinh",
                            "erf", "erfc", "sigmoid", "softplus", "gelu", "tan", "cot",
                            "sec", "csc", "coth", "sech", "csch", "Si", "sinc", "expm1"})
_STRICT_DOMAINS: dict = {
    "log": lambda u: (u,),
    "asin": lambda u: (add(1, mul(-1, power(u, 2))),),
    "acos": lambda u: (add(1, mul(-1, power(u, 2))),),
    "atanh": lambda u: (add(1, mul(-1, power(u, 2))),),
    "acosh": lambda u: (add(u, -1),),
}


def _inv(a: PS, n: int) -> PS:
    """1/a by the recurrence b_k = -(a_1 b_(k-1) + ... + a_k b_0)/a_0 (a Laurent series
    when a vanishes at the point)."""
    if not a.c:
        raise SeriesError("division by a series that vanishes to the order asked for")
    _strict_nonzero(a.c[0], "a leading coefficient")
    r = max(0, min(a.prec - a.v, n + a.v))  # relative precision of the result
    c0 = power(a.c[0], -1)
    b = [c0]
    for k in range(1, r):
        _check_time()
        s = add(*[mul(a.c[j], b[k - j]) for j in range(1, min(k, len(a.c) - 1) + 1)])
        b.append(mul(-1, c0, s))
    return PS(-a.v, b[:r], -a.v + r)


def _pow_int(a: PS, m: int, n: int) -> PS:
    if m < 0:
        return _pow_int(_inv(a, n), -m, n)
    result = _const(ONE)
    base = a
    while m:
        if m & 1:
            result = _mul(result, base, n)
        m >>= 1
        if m:
            base = _mul(base, base, n)
    return result


def _compose(derivs: Any, u: PS, n: int) -> PS:
    """f(u) = sum_k d_k w^k, w = u - u(0), d_k = f^(k)(u(0))/k! from ``derivs(k)``."""
    if u.v < 0:
        raise SeriesError("an essential singularity (a function of a pole)")
    prec = min(u.prec, n)
    w = PS(1, [u.coeff(k) for k in range(1, prec)], u.prec)
    total = _const(derivs(0)).truncate(prec)
    wk = _const(ONE)
    for k in range(1, prec):  # w^k starts at t^k: later terms are beyond the order
        wk = _mul(wk, w, n)
        if not wk.c:
            break
        total = _add(total, _mul(_const(derivs(k)), wk, n))
    return total


def _quotients() -> dict:
    from ..core import functions as F

    return {"tan": (F.sin, F.cos), "cot": (F.cos, F.sin), "tanh": (F.sinh, F.cosh),
            "coth": (F.cosh, F.sinh), "sec": (lambda u: ONE, F.cos),
            "csc": (lambda u: ONE, F.sin), "sech": (lambda u: ONE, F.cosh),
            "csch": (lambda u: ONE, F.sinh)}


_QUOTIENTS: dict = {}


def _rewrites() -> dict:
    """Functions expanded through their definition where the derivative table cannot
    give their Taylor coefficients (sinc's derivative is 0/0 at 0)."""
    from ..core import functions as F

    return {"sinc": lambda u: mul(F.sin(u), power(u, -1))}


_REWRITES: dict = {}


def _at_gamma_pole(name: str, u0: Expr) -> int | None:
    """n when u0 = -n is a pole of gamma, digamma (n >= 0) or factorial (u0 = -n - 1)."""
    if name not in _POLE_FORMS or not (u0.is_Number and isinstance(u0.value, int)):
        return None
    n = -u0.value - (1 if name == "factorial" else 0)
    return n if 0 <= n <= 50 else None


def _gamma_pole(u: Expr, n: int) -> Expr:
    # gamma(u) = gamma(u + n + 1)/(u (u + 1) ... (u + n)): analytic over a simple zero
    from ..core.functions_special import gamma

    return mul(gamma(add(u, n + 1)), *(power(add(u, k), -1) for k in range(n + 1)))


def _digamma_pole(u: Expr, n: int) -> Expr:
    # digamma(u) = digamma(u + n + 1) - 1/u - 1/(u + 1) - ... - 1/(u + n)
    from ..core.functions_special import digamma

    return add(digamma(add(u, n + 1)), *(mul(-1, power(add(u, k), -1)) for k in range(n + 1)))


#: poles with a Laurent series by a recurrence (gamma(0), digamma(-2), factorial(-1), ...)
_POLE_FORMS = {"gamma": _gamma_pole, "digamma": _digamma_pole,
               "factorial": lambda u, n: _gamma_pole(add(u, 1), n)}


def _bad(v: Expr) -> bool:
    from ..core.kinks import has_pole

    return any(s is oo or s is nan for s in v.preorder()) or has_pole(v)


class _Expander:
    def __init__(self, x: Symbol, x0: Expr, n: int, depth: int = 0) -> None:
        self.depth = depth  # nesting of the term-by-term integration below
        if not _QUOTIENTS:
            _QUOTIENTS.update(_quotients())
            _REWRITES.update(_rewrites())
        self.x, self.x0, self.n = x, x0, n
        self.memo: dict[int, tuple[Expr, PS]] = {}  # keeps e alive: ids stay unique
        self.dtab: dict[tuple, list[Expr]] = {}

    def run(self, e: Expr) -> PS:
        hit = self.memo.get(id(e))
        if hit is not None:
            return hit[1]
        r = self._one(e)
        self.memo[id(e)] = (e, r)
        return r

    def _one(self, e: Expr) -> PS:
        x, n = self.x, self.n
        if x not in free_symbols(e):
            if _bad(e):
                raise SeriesError(f"{e} is not finite")
            return _const(e)
        if e is x:
            if self.x0 is oo:  # x = 1/t
                return PS(-1, [ONE], EXACT)
            return PS(0, [self.x0, ONE], EXACT)
        if e.is_Add:
            r = self.run(e.args[0])
            for a in e.args[1:]:
                r = _add(r, self.run(a))
            return r.truncate(n)
        if e.is_Mul:
            r = self.run(e.args[0])
            for a in e.args[1:]:
                r = _mul(r, self.run(a), n)
            return r
        if e.is_Pow:
            return self._pow(*e.args)
        if e.is_Function:
            return self._function(e)
        raise SeriesError(f"no series for {e.head} expressions")

    def _pow(self, b: Expr, ex: Expr) -> PS:
        n = self.n
        if self.x in free_symbols(ex):  # b^ex = exp(ex*log b)
            from ..core.functions import exp, log

            return self.run(exp(mul(ex, log(b))))
        a = self.run(b)
        if ex.is_Number and isinstance(ex.value, int):
            return _pow_int(a, ex.value, n)
        if not a.c:
            raise SeriesError(f"{b} vanishes to the order asked for: no series of a power of it")
        if a.v != 0 and self.x0 is oo and (a.v * ex.value).denominator == 1 \
                if ex.is_Number else False:
            # at oo, t = 1/x > 0: (c t^v (1 + w))^p = c^p t^(v p) (1 + w)^p
            lead_ps = PS(int(a.v * ex.value), [ONE], EXACT)
            return _mul(lead_ps, self._pow_unit(a, ex), n)
        if a.v != 0:
            raise SeriesError(f"{power(b, ex)} has no power series here (a fractional power "
                              "of x - x0: a Puiseux series)")
        return self._pow_unit(a, ex)

    def _pow_unit(self, a: PS, ex: Expr) -> PS:
        """(a / t^v)^ex by the binomial series: a = c0 t^v (1 + rest)."""
        n = self.n
        c0 = a.c[0]
        _strict_nonzero(c0, "the base of a power")
        rest = PS(1, [mul(c, power(c0, -1)) for c in a.c[1:n]], a.prec - a.v)
        lead = power(c0, ex)

        def binom(k: int) -> Expr:
            r: Expr = lead
            for j in range(k):
                r = mul(r, add(ex, -j), Fraction(1, j + 1))
            return r

        return _compose(binom, rest, n)

    def _function(self, e: Expr) -> PS:
        from ..core.kinks import breaks_at

        fd = e.fdef
        if len(e.args) != 1:
            raise SeriesError(f"no series for {fd.name} of several arguments")
        rewrite = _REWRITES.get(fd.name)
        if rewrite is not None:
            return self.run(rewrite(e.args[0]))
        u = self.run(e.args[0])
        if u.v < 0:
            raise SeriesError(f"{e} has an essential singularity here")
        u0 = u.coeff(0) if u.prec > 0 else ZERO
        name = fd.name
        if breaks_at(name, u0):
            raise SeriesError(f"{name} is not analytic at {u0} (a kink or a jump)")
        pole = _at_gamma_pole(name, u0)
        if pole is not None:  # Laurent series from the recurrence
            return self.run(_POLE_FORMS[name](e.args[0], pole))
        if name == "log":
            if u0 is ZERO:
                raise SeriesError(f"{e} has no power series here (a log of x - x0)")
        _strict_domain(name, u0, fd)
        quotient = _QUOTIENTS.get(name)
        if quotient is not None:  # tan = sin/cos: a series division, not 7 derivatives
            num, den = quotient
            su, cu = self.run(num(e.args[0])), self.run(den(e.args[0]))
            return _mul(su, _inv(cu, self.n), self.n)
        derivs = self._derivs(fd, u0)
        try:
            return _compose(derivs, u, self.n)
        except _NoDerivativeValue:
            if fd.undefined or self.depth >= 2:
                raise
        # f'(u0) is 0/0 (Si'(t) = sin(t)/t at 0): f(u0 + w) = f(u0) + ∫ f'(u0 + w) dw
        return _compose(self._integrated(fd, u0), u, self.n)

    def _integrated(self, fd: Any, u0: Expr) -> Any:
        """k -> f^(k)(u0)/k! from the series of f' at u0, integrated term by term."""
        from .diff import partial

        f0 = fd(u0)
        if _bad(f0):
            raise SeriesError(f"{fd.name} is not analytic at {u0}")
        w = Symbol("_series_w")
        try:
            d = partial(fd, (add(u0, w),), 0)
        except SymcalcError as err:
            raise SeriesError(f"{fd.name} is not analytic at {u0}: {err}") from None
        ps = _Expander(w, ZERO, self.n, self.depth + 1).run(d)
        if ps.v < 0:
            raise SeriesError(f"{fd.name} is not analytic at {u0} (a logarithm)")

        def get(k: int) -> Expr:
            return f0 if k == 0 else mul(ps.coeff(k - 1), Fraction(1, k))
        return get

    def _derivs(self, fd: Any, u0: Expr) -> Any:
        """k -> f^(k)(u0)/k!, from the derivative table (memoized)."""
        from ..core.traversal import subs

        vals = self.dtab.setdefault((fd.name, u0), [])

        def get(k: int) -> Expr:
            while len(vals) <= k:
                j = len(vals)
                try:
                    v = subs(_derivative(fd, j), {_Y: u0})
                except SymcalcError as err:
                    raise _NoDerivativeValue(f"{fd.name} is not analytic at {u0}: {err}") \
                        from None
                if _bad(v):
                    raise _NoDerivativeValue(f"{fd.name} is not analytic at {u0}")
                vals.append(mul(v, Fraction(1, math.factorial(j))))
            return vals[k]

        return get


_Y = Symbol("_series_y")
#: (function name, k) -> the k-th derivative of f(_Y), shared by all expansions
_DERIVATIVES: dict[tuple[str, int], Expr] = {}


def _derivative(fd: Any, k: int) -> Expr:
    from .diff import diff

    key = (fd.name, k)
    d = _DERIVATIVES.get(key)
    if d is None:
        d = fd(_Y) if k == 0 else diff(_derivative(fd, k - 1), _Y)
        if len(_DERIVATIVES) < 4096:
            _DERIVATIVES[key] = d
    return d


def expand_series(e: Any, x: Symbol, x0: Any = 0, n: int = 6) -> PS:
    """The truncated series object of e in t = x - x0 (t = 1/x at x0 = oo), to order n."""
    e, x0 = as_expr(e), as_expr(x0)
    if isinstance(n, Expr) and n.is_Number and isinstance(n.value, int):
        n = n.value  # an Integer from parsed input
    if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= MAX_ORDER:
        raise SeriesError(f"the order n must be an integer between 0 and {MAX_ORDER}, got {n!r}")
    if x0 is not oo and x in free_symbols(x0):
        raise SeriesError(f"the expansion point {x0} depends on {x}")
    margin = 0
    with within(TIME_BUDGET, _gave_up, "series"):
        for _ in range(6):
            try:
                ps = _Expander(x, x0, n + margin).run(e)
            except RecursionError:
                raise SeriesError("the expression is too deeply nested for series") from None
            if ps.prec >= n:
                return ps.truncate(n)
            margin += n - ps.prec + 1
            if n + margin > MAX_ORDER:
                break
    raise SeriesError(f"could not reach order {n} (negative powers cancel too much)")


@operation("series")
def series(e: Any, x: Any, x0: Any = 0, n: int = 6, order_term: bool = False,
           dir: str = "+-") -> Any:  # noqa: A002 - limit's and SymPy's name
    """The series of ``e`` in powers of ``x - x0`` (of ``1/x`` when ``x0`` is ``oo``),
    every term of order below ``n``; the remainder O((x - x0)^n) is not written.
    Laurent series where e has a pole (``series(1/sin(x), x)`` starts with ``1/x``);
    where there is none, a Puiseux series with fractional powers and powers of
    ``log(x - x0)`` in the coefficients, valid for ``x > x0`` (``x^x`` at 0,
    ``sqrt(x)*exp(x)`` at 0), or an asymptotic series at ``oo`` (``atan(x)``).
    ``x`` may be a list of symbols and ``x0`` a list of points: the Taylor polynomial of
    total degree below ``n``. Raises SeriesError where there is no such series
    (``exp(1/x)`` at 0, ``abs(x)`` at 0, ``exp(x)`` at ``oo``).
    ``order_term=True``: a :class:`~symcalc.calculus.order.Series` with the remainder
    written, ``x - x^3/6 + O(x^5)``, that has the arithmetic of O-terms.
    A Puiseux series found for ``x > x0`` is returned for the default two-sided request
    only where it also holds for ``x < x0`` or the function is not real there
    (``sqrt(1 - cos(x))`` = |x|/√2 + ... at 0 has no two-sided series: SeriesError);
    ``dir="+"`` asks for the series valid for ``x > x0``, ``dir="-"`` for ``x < x0``
    (in powers of ``x0 - x``)."""
    if isinstance(x, (list, tuple)):
        if order_term:
            raise SeriesError("series: O-terms are for one variable")
        return _multivariate(e, list(x), x0, n)
    x = as_expr(x)
    if not isinstance(x, Symbol):
        raise SeriesError(f"series: expand in a symbol, not {x}")
    x0 = as_expr(x0)
    if dir not in ("+-", "+", "-"):
        raise SeriesError(f'series: dir is "+-" (two-sided), "+" or "-", not {dir!r}')
    if dir == "-" and x0 is not oo and x0 != -oo:
        # the series for x < x0 is the one of e(2*x0 - x) for x > x0, in powers of x0 - x
        from ..core.traversal import subs

        mirrored = subs(as_expr(e), {x: add(mul(2, x0), mul(-1, x))})
        if order_term:
            raise SeriesError('series: O-terms are given for dir="+-" or "+"')
        r = series(mirrored, x, x0, n, dir="+")
        return subs(r, {x: add(mul(2, x0), mul(-1, x))})
    if order_term:
        from .order import from_series

        if isinstance(n, Expr) and n.is_Number and isinstance(n.value, int):
            n = n.value
        if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= MAX_ORDER:
            raise SeriesError(f"the order n must be an integer between 0 and {MAX_ORDER}, "
                              f"got {n!r}")
        return from_series(as_expr(e), x, x0, n)
    try:
        ps = expand_series(e, x, x0, n)
    except SeriesError as err:
        if "order n must be" in str(err):
            raise
        r = _puiseux(as_expr(e), x, x0, n if isinstance(n, int) else int(n),
                     two_sided=dir == "+-")
        if r is None:
            raise
        return r
    if x0 is oo:
        t: Expr = power(x, -1)
    else:
        t = x if x0 is ZERO else add(x, mul(-1, x0))
    return add(*[mul(c, power(t, ps.v + i)) for i, c in enumerate(ps.c)])


def _puiseux(e: Expr, x: Symbol, x0: Expr, n: int, two_sided: bool = False) -> Expr | None:
    """Generalized series in w = x - x0 > 0 (w = 1/x at oo) with log(w) kept in the
    coefficients (the series engine of Gruntz's algorithm), or None. ``two_sided``:
    SeriesError unless it also holds for x < x0 (see :func:`check_two_sided`)."""
    terms = puiseux_terms(e, x, x0, n)
    if terms is None:
        return None
    if two_sided:
        check_two_sided(e, x, x0, n, terms)
    if x0 is oo:  # t^k = x^-k for x > 0
        return add(*[mul(c, power(x, mul(-1, k))) for k, c in terms])
    t = x if x0 is ZERO else add(x, mul(-1, x0))
    return add(*[mul(c, power(t, k)) for k, c in terms])


def check_two_sided(e: Expr, x: Symbol, x0: Expr, n: Any,
                    terms: list[tuple[Expr, Expr]]) -> None:
    """Raise SeriesError unless the series ``terms`` of e found for x > x0 also describes
    e for x < x0: with integer powers only, the series for x < x0 must be the same
    polynomial (sqrt(1 - cos(x)) is |x|/sqrt(2) + ..., x/sqrt(2) only for x > 0); with
    fractional powers or logs, e must not be real just left of x0 (sqrt(x), x^x: the
    series is for the side where e is real)."""
    from ..core.traversal import subs

    if x0 is oo or x0 == -oo or not terms:
        return
    t = x if x0 is ZERO else add(x, mul(-1, x0))
    integral = all(k.is_Number and isinstance(k.value, int) and x not in free_symbols(c)
                   for k, c in terms)
    right = _describe(terms, t)
    if integral:
        left = puiseux_terms(subs(e, {x: add(mul(2, x0), mul(-1, x))}), x, x0, n)
        if left is not None:
            got = {k.value: c for k, c in left if k.is_Number and isinstance(k.value, int)}
            if len(got) == len(left) and all(
                    _same(got.get(k.value, ZERO), mul((-1) ** (k.value % 2), c))
                    for k, c in terms) and all(k in {t_.value for t_, _ in terms}
                                               for k in got):
                return
            lt = add(mul(-1, x), x0) if x0 is not ZERO else mul(-1, x)
            raise SeriesError(f"{e} has no two-sided series at {x} = {x0}: for {x} > {x0} "
                              f"it is {right} + ..., for {x} < {x0} "
                              f"{_describe(left, lt)} + ... (series(..., dir='+') or "
                              "dir='-' gives one side)")
    if _real_on_the_left(e, x, x0):
        raise SeriesError(f"{e} has no two-sided series at {x} = {x0}: the series "
                          f"{right} + ... holds for {x} > {x0} only (series(..., dir='+') "
                          "or dir='-' gives one side)")


def _describe(terms: list[tuple[Expr, Expr]], t: Expr) -> Expr:
    return add(*[mul(c, power(t, k)) for k, c in terms])


def _same(a: Expr, b: Expr) -> bool:
    from ..algebra.zerotest import numerically_zero
    from ..core.expand import expand

    d = add(a, mul(-1, b))
    if d is ZERO:
        return True
    try:
        if expand(d) is ZERO:
            return True
    except SymcalcError:
        return False
    return False if numerically_zero(d) is not True else _proved_zero(d)


def _proved_zero(d: Expr) -> bool:
    from ..algebra.zerotest import prove_zero

    try:
        return prove_zero(d)
    except SymcalcError:
        return False


def _real_on_the_left(e: Expr, x: Symbol, x0: Expr) -> bool:
    """Whether e is real and finite at two points just left of x0 (parameters at the
    test values of :mod:`~symcalc.algebra.zerotest`)."""
    import mpmath

    from ..algebra.zerotest import _point
    from ..core.traversal import subs

    params = sorted((s for s in free_symbols(e) if s is not x), key=lambda s: s.name)
    env = _point(params, 0)
    try:
        base = subs(e, {s: number(v) for s, v in env.items()}) if env else e
        for h in ("1/1000", "1/37"):
            v = subs(base, {x: add(x0, mul(-1, as_expr(Fraction(h))))}).evalf(30)
            z = complex(v)
            if not (mpmath.isfinite(z.real) and abs(z.imag) <= 1e-20 * max(1.0, abs(z))):
                return False
        return True
    except (SymcalcError, ArithmeticError, ValueError, TypeError):
        return False


def puiseux_terms(e: Expr, x: Symbol, x0: Expr, n: Any) -> list[tuple[Expr, Expr]] | None:
    """[(k, c)]: the terms c t^k, k < n, of the generalized series of e in t = x - x0 > 0
    (t = 1/x at oo); log(t) may occur in c. None when there is none."""
    from ..core.functions import log
    from ..core.kinks import JUMPS, KINKS
    from ..core.traversal import subs
    from .mpvalue import const_sign
    from .wseries import WExpander, WSeriesError, _lt

    if any(n.head == "piecewise" or n.is_Function and (n.fdef.name in KINKS
                                                      or n.fdef.name in JUMPS
                                                      or len(n.args) != 1)
           for n in e.preorder()):
        return None  # kinks and jumps: no one-sided series is given for them
    w = Symbol("_series_w", positive=True)
    lw = Symbol("_series_logw")
    if x0 is oo:
        e = _asymptotic_forms(e, x)
        ew, logt = subs(e, {x: power(w, -1)}), mul(-1, log(x))
    else:
        ew = subs(e, {x: add(x0, w)})
        logt = log(x if x0 is ZERO else add(x, mul(-1, x0)))

    def sign_of(c: Expr) -> int:
        s = const_sign(c)
        if s not in (1, -1):
            raise WSeriesError(f"the sign of {c} is unknown")
        return s

    order = number(n)
    for cut in (order, add(order, 2), add(mul(2, order), 4)):
        try:
            ws = WExpander(w, lw, cut, sign_of,
                           lambda c: const_sign(c) == 0).run(ew)
        except (WSeriesError, SymcalcError, RecursionError, ZeroDivisionError):
            return None
        if ws.prec is None or not _lt(ws.prec, order):
            break
    else:
        return None
    return [(k, subs(c, {lw: logt})) for k, c in ws.terms if _lt(k, order)]


#: functions written at oo by Stirling's formula or Ei = exp eix (see gruntz.py), whose
#: remainders have asymptotic series in the series engine of Gruntz's algorithm
_ASYMPTOTIC_AT_OO = frozenset({"gamma", "factorial", "loggamma", "digamma", "Ei", "li"})


def _asymptotic_forms(e: Expr, x: Symbol) -> Expr:
    """e with gamma, loggamma, digamma, Ei, ... of arguments that tend to oo rewritten
    (series(loggamma(x), x, oo) is Stirling's series)."""
    from ..core.traversal import subs

    nodes = [n for n in e.preorder() if n.is_Function and n.fdef.name in _ASYMPTOTIC_AT_OO
             and x in free_symbols(n)]
    if not nodes:
        return e
    from .gruntz import Gruntz
    from .limit import LimitNotFound

    t = Symbol("_series_t", positive=True)
    g = Gruntz()
    mapping = {}
    for node in nodes:
        try:
            r = g.prepare(subs(node, {x: t}), t)
        except (LimitNotFound, SymcalcError, RecursionError):
            continue
        mapping[node] = subs(r, {t: x})
    return subs(e, mapping) if mapping else e


def _multivariate(e: Any, xs: list, x0: Any, n: int) -> Expr:
    """Taylor polynomial in several variables to total degree < n: the series in eps of
    e(x0 + eps (x - x0)) at eps = 1."""
    from ..core.expand import expand
    from ..core.traversal import subs

    xs = [as_expr(v) for v in xs]
    if not all(isinstance(v, Symbol) for v in xs):
        raise SeriesError("series: expand in symbols")
    pts = [as_expr(p) for p in (x0 if isinstance(x0, (list, tuple)) else [x0] * len(xs))]
    if len(pts) != len(xs) or any(p is oo for p in pts):
        raise SeriesError("series: one finite point per variable")
    eps = Symbol("_series_eps")
    shifted = subs(as_expr(e), {v: add(p, mul(eps, add(v, mul(-1, p))))
                                for v, p in zip(xs, pts, strict=True)})
    ps = expand_series(shifted, eps, 0, n)
    if ps.v < 0:
        raise SeriesError("series: a pole at the point")
    return add(*[expand(c) for c in ps.c])


def leading_term(e: Any, x: Symbol, x0: Any = 0, max_order: int = 24,
                 strict: bool = False) -> tuple[Expr, int]:
    """(c, v): e = c*(x - x0)^v + higher order terms, c != 0 structurally (in 1/x at
    oo). ``strict``: every coefficient divided by is proved nonzero and functions are
    expanded only where they are proved analytic (what limits need); c itself may
    still be an unrecognized zero."""
    outer = getattr(_clock, "strict", False)
    _clock.strict = strict
    try:
        for n in (4, 8, 16, max_order):
            ps = expand_series(e, x, x0, n)
            if ps.c:
                return ps.c[0], ps.v
    finally:
        _clock.strict = outer
    raise SeriesError(f"the series of {e} vanishes to order {max_order}")


__all__ = ["PS", "SeriesError", "expand_series", "leading_term", "number", "series"]
