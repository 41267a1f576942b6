"""Limits at infinity by Gruntz's algorithm (D. Gruntz, "On Computing Limits in a
Symbolic Manipulation System", ETH Zürich 1996).

For an exp-log function ``e(x)`` as ``x -> oo``:

1. ``mrv(e)``, the set of its *most rapidly varying* subexpressions: ``f`` and ``g``
   are comparable when ``log f / log g`` has a finite nonzero limit; ``exp(x^2)`` beats
   ``exp(x)`` beats ``x^5`` (all powers of ``x`` are one class with ``x``).
2. If ``x`` itself is in the set, move up: ``x -> exp(x)`` (the limit is the same).
3. Pick ``w`` in the set with ``w -> 0`` (``w = exp(-h)``) and write every element as
   ``exp(s) = exp(s - c h) w^(-c)``, ``c = lim s/h`` -- what is left varies less rapidly.
4. Expand in ``w`` (:mod:`.wseries`): ``e = c0 w^k + ...``. The limit is 0 for ``k > 0``,
   ``+-oo`` by the sign of ``c0`` for ``k < 0``, and for ``k = 0`` the limit of ``c0``,
   a simpler expression (recursion).

The sign of an expression at infinity is the sign of its leading coefficient, found
the same way; constants are decided by :func:`.mpvalue.const_sign`, never guessed.
Before that, :func:`prepare` rewrites hyperbolic and inverse functions, sigmoid,
softplus, ``b^u`` into exp/log form and abs, sign, max, min, piecewise, floor by the
branch the argument eventually takes. Oscillating factors (``sin`` of an argument that
tends to infinity) are not exp-log; :class:`Gruntz` handles them by bounds (a bounded
factor times something tending to 0 is 0, a bounded term next to an infinite one does
not matter, ``N/D = (N/g)/(D/g)`` for a dominant term ``g``).

>>> from symcalc import Symbol, exp, log, atan, pi
>>> x = Symbol("x")
>>> limit_inf(x**1000/exp(x), x), limit_inf(x*(pi/2 - atan(x)), x)
(0, 1)
>>> limit_inf(x*(log(x + 1) - log(x)), x)
1
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

from ..core.arithmetic import add, mul, power
from ..core.expr import Expr
from ..core.function import FunctionDef
from ..core.numbers import ONE, ZERO, nan, number, oo, pi
from ..core.symbol import Symbol
from ..core.traversal import free_symbols, leaf_count, subs
from ..errors import SymcalcError
from .mpvalue import const_sign
from .wseries import Oscillates, WSeriesError, leading_w

NEG_OO = mul(-1, oo)
_W = Symbol("_gruntz_w", positive=True)
#: how deep limits may nest inside limits (mrv comparisons, coefficients) before giving up
MAX_DEPTH = 40
#: seconds one limit may take before it is given up as undecided
TIME_BUDGET = 10.0


class LimitNotFound(SymcalcError, ValueError):
    """symcalc could not decide the limit (it may exist)."""


LimitNotFound.__module__ = "symcalc.calculus.limit"  # its public home (limit.py exports it)


def _is_inf(v: Expr) -> bool:
    return v is oo or v is NEG_OO


def _exact(v: float) -> Expr:
    return number(Fraction(v))


class Gruntz:
    """One limit computation: caches of limits and signs shared by its recursion."""

    def __init__(self, budget: float | None = None) -> None:
        import time

        self.deadline = time.perf_counter() + (TIME_BUDGET if budget is None else budget)
        self.limits: dict[tuple[Expr, Symbol], Expr] = {}
        self.failed: dict[tuple[Expr, Symbol], str] = {}
        self.signs: dict[tuple[Expr, Symbol], int] = {}
        self.prepared: dict[tuple[Expr, Symbol], Expr] = {}
        self.depth = 0

    # ------------------------------------------------------------------ entry points

    def limit(self, e: Expr, x: Symbol) -> Expr:
        """The limit of e as x -> oo (x is a positive symbol)."""
        if x not in free_symbols(e):
            return e
        if e is x:
            return oo
        key = (e, x)
        hit = self.limits.get(key)
        if hit is not None:
            return hit
        if key in self.failed:  # undecided once: undecided again (no exponential retries)
            raise LimitNotFound(self.failed[key])
        self._enter()
        try:
            try:
                r = self._limit_explog(self.prepare(e, x), x)
            except (Oscillates, LimitNotFound) as err:
                # not exp-log: oscillating parts, functions known only by their limits
                try:
                    r = self._limit_bounded(e, x)
                except LimitNotFound:
                    self.failed[key] = str(err)
                    raise LimitNotFound(str(err)) from None
        finally:
            self.depth -= 1
        self.limits[key] = r
        return r

    def sign(self, e: Expr, x: Symbol) -> int:
        """The sign (1, 0, -1) of e for all large x."""
        if x not in free_symbols(e):
            s = const_sign(e)
            if s is None:
                raise LimitNotFound(f"cannot decide the sign of {e}")
            return s
        key = (e, x)
        hit = self.signs.get(key)
        if hit is not None:
            return hit
        from ..core.assumptions import sign_class

        sc = sign_class(e)
        if sc in ("+", "-"):
            s = 1 if sc == "+" else -1
        else:
            self._enter()
            try:
                try:
                    c, _ = self._leading(self.prepare(e, x), x, nonzero=True)
                except Oscillates:
                    raise LimitNotFound(f"cannot decide the sign of {e} (it oscillates)") from None
                s = self.sign(c, x)
            finally:
                self.depth -= 1
        self.signs[key] = s
        return s

    def _enter(self) -> None:
        import time

        if time.perf_counter() > self.deadline:
            raise LimitNotFound("gave up: the limit takes too long")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.depth -= 1
            raise LimitNotFound("the limit computation nests too deeply")

    # ------------------------------------------------------------------ the algorithm

    def _limit_explog(self, e: Expr, x: Symbol) -> Expr:
        if x not in free_symbols(e):
            return e
        c, k = self._leading(e, x, nonzero=False)
        sk = const_sign(k)
        if sk is None:
            raise LimitNotFound(f"cannot decide the sign of the exponent {k}")
        if sk > 0:
            return ZERO
        if sk == 0:
            return self.limit(c, x)
        s = self.sign(c, x)
        return oo if s > 0 else NEG_OO

    def _leading(self, e: Expr, x: Symbol, nonzero: bool) -> tuple[Expr, Expr]:
        """(c, k): e ~ c w^k for the w of e's mrv set; c is proved nonzero when k < 0 or
        ``nonzero`` (c may still contain x: it is of a lower comparability class)."""
        omega = self.mrv(e, x)
        if not omega:
            return e, ZERO
        logw, ew = self.rewrite(e, omega, x)

        def is_zero(c: Expr, k: Expr) -> bool:
            if not nonzero and (const_sign(k) or 0) >= 0:
                return False
            return self.sign(c, x) == 0

        try:
            return leading_w(ew, _W, logw, sign_of=lambda c: self.sign(c, x),
                             is_zero=is_zero, zero_test=lambda c: self.sign(c, x) == 0,
                             var=x)
        except Oscillates:
            raise
        except WSeriesError as err:
            raise LimitNotFound(str(err)) from None

    def mrv(self, e: Expr, x: Symbol) -> list[Expr]:
        """The most rapidly varying subexpressions of e (a list without repeats)."""
        if x not in free_symbols(e):
            return []
        if e is x:
            return [x]
        if e.is_Pow:
            if x in free_symbols(e.args[1]):
                raise LimitNotFound(f"unprepared power {e}")
            return self.mrv(e.args[0], x)
        if e.is_Function and e.fdef.name == "exp":
            inner = self.mrv(e.args[0], x)
            if _is_inf(self.limit(e.args[0], x)):
                return self._mrv_max([e], inner, x)
            return inner
        if e.is_Function and e.fdef.name not in _TAME_AT_OO:
            # f(u) with u -> +-oo may grow faster than anything in u (Ei(x) ~ exp(x)/x):
            # only functions whose behaviour there is known are of u's class
            for a in e.args:
                if x in free_symbols(a) and _is_inf(self.limit(a, x)):
                    raise LimitNotFound(f"{e.fdef.name} of an argument that tends to "
                                        "infinity")
        if e.is_Add or e.is_Mul or e.is_Function:
            r: list[Expr] = []
            for a in e.args:
                r = self._mrv_max(r, self.mrv(a, x), x)
            return r
        raise LimitNotFound(f"no limits of {e.head} expressions")

    def _mrv_max(self, f: list[Expr], g: list[Expr], x: Symbol) -> list[Expr]:
        if not f:
            return g
        if not g:
            return f
        c = self._compare(f[0], g[0], x)
        if c > 0:
            return f
        if c < 0:
            return g
        return f + [a for a in g if a not in f]

    def _compare(self, a: Expr, b: Expr, x: Symbol) -> int:
        """+1 when a varies more rapidly than b, -1 when less, 0 when comparable."""
        la, lb = _log_of(a), _log_of(b)
        c = self.limit(mul(la, power(lb, -1)), x)
        if c is ZERO:
            return -1
        if _is_inf(c):
            return 1
        if c.has(oo) or c is nan:
            raise LimitNotFound(f"cannot compare {a} and {b}")
        return 0

    def rewrite(self, e: Expr, omega: list[Expr], x: Symbol) -> tuple[Expr, Expr]:
        """(log w, e in terms of _W): every element of omega as exp(s - c h) w^(sigma c).

        The elements are first replaced by placeholder symbols, so that the kernel cannot
        merge them (exp(a) exp(b) = exp(a + b)); when x is one of them, everything moves
        up (x -> exp(x)) in that form, as in Gruntz's thesis, without computing a new
        mrv set (which would compare exp(x) with x again and again)."""
        omega = sorted(omega, key=lambda f: f.sort_key())
        ph = {f: Symbol(f"_gruntz_d{i}", positive=True) for i, f in enumerate(omega)}
        e_d = subs(e, ph)
        args_d = {f: (x if f is x else subs(f.args[0], {k: v for k, v in ph.items()
                                                        if k is not f}))
                  for f in omega}
        if x in ph:  # move up: x -> exp(x); the placeholders hide every x
            real = {f: self.prepare(subs(f, {x: _exp(x)}), x) for f in omega}
        else:
            real = {f: f for f in omega}
        if any(not (r.is_Function and r.fdef.name == "exp") for r in real.values()):
            raise LimitNotFound("an mrv element is not an exponential after moving up")
        g = min(omega, key=lambda f: (leaf_count(real[f]), real[f].sort_key()))
        h_real, h_d = real[g].args[0], args_d[g]
        lim_h = self.limit(h_real, x)
        if not _is_inf(lim_h):
            raise LimitNotFound(f"the exponent {h_real} does not tend to infinity")
        sigma = -1 if lim_h is oo else 1  # w = exp(sigma h) -> 0
        table: dict[Expr, Expr] = {}
        for f in omega:
            c = self.limit(mul(real[f].args[0], power(h_real, -1)), x)
            if x in free_symbols(c) or c.has(oo) or c is nan or const_sign(c) in (0, None):
                raise LimitNotFound(f"cannot rewrite {real[f]} in terms of {real[g]}")
            table[ph[f]] = mul(_exp(add(args_d[f], mul(-1, c, h_d))), power(_W, mul(sigma, c)))
        for _ in range(len(omega) + 2):
            e2 = subs(e_d, table)
            if e2 is e_d:
                break
            e_d = e2
        if any(v in free_symbols(e_d) for v in ph.values()):
            raise LimitNotFound("the rewriting in terms of w did not terminate")
        return mul(sigma, h_real), e_d

    # ------------------------------------------------------------------ preparation

    def prepare(self, e: Expr, x: Symbol) -> Expr:
        """e in exp-log form: no x in exponents, hyperbolic and inverse functions by
        exp and log, abs/sign/max/min/piecewise/floor by their eventual branch."""
        if x not in free_symbols(e):
            return e
        key = (e, x)
        hit = self.prepared.get(key)
        if hit is not None:
            return hit
        r = self._prepare(e, x)
        self.prepared[key] = r
        return r

    def _prepare(self, e: Expr, x: Symbol) -> Expr:
        if e.is_Atom:
            return e
        if e.head == "piecewise":
            return self._piecewise(e, x)
        args = tuple(self.prepare(a, x) for a in e.args)
        if e.is_Add:
            return add(*args)
        if e.is_Mul:
            return mul(*args)
        if e.is_Pow:
            b, p = args
            if x in free_symbols(p):
                return _exp(mul(p, _log(b)))
            if p.is_Number and isinstance(p.value, float):
                p = _exact(p.value)
            return power(b, p)
        if e.is_Function:
            name = e.fdef.name
            rule = _EXPLOG.get(name)
            if rule is not None:
                return self.prepare(rule(*args), x)
            rule2 = _BY_SIGN.get(name)
            if rule2 is not None:
                return self.prepare(rule2(self, x, *args), x)
            if name in ("floor", "ceiling"):
                return self._step(name, args[0], x)
            if name in ("erf", "erfc"):
                return self._erf(name, args[0], x)
            if name == "erfi":
                return self._erfi(args[0], x)
            if name in _STIRLING:
                return self._stirling(name, args[0], x)
            if name in ("Ei", "li"):
                return self._ei(name, args[0], x)
            if name == "log" and args[0].is_Number:
                return _log(args[0])
            return e.fdef(*args)
        raise LimitNotFound(f"no limits of {e.head} expressions")

    def eventual_sign(self, u: Expr, x: Symbol) -> int:
        return self.sign(self.prepare(u, x), x)

    def _piecewise(self, e: Expr, x: Symbol) -> Expr:
        for value, cond in e.pieces:
            if self._holds(cond, x):
                return self.prepare(value, x)
        raise LimitNotFound(f"no branch of {e} holds for large values")

    def _holds(self, cond: Expr, x: Symbol) -> bool:
        """Whether a condition holds for all large x (False: fails for all large x)."""
        if cond.is_Boolean and cond.is_Atom:
            return bool(cond.value)
        head = cond.head
        if head == "And":
            return all(self._holds(c, x) for c in cond.args)
        if head == "Or":
            return any(self._holds(c, x) for c in cond.args)
        if head == "Not":
            return not self._holds(cond.args[0], x)
        if cond.is_Relational:
            a, b = cond.args
            s = self.eventual_sign(add(a, mul(-1, b)), x)
            return {"<": s < 0, "<=": s <= 0, ">": s > 0, ">=": s >= 0,
                    "==": s == 0, "!=": s != 0}[cond.op]
        raise LimitNotFound(f"cannot decide the condition {cond}")

    def _erf(self, name: str, u: Expr, x: Symbol) -> Expr:
        """erf(u) = s (1 - exp(-u^2) erfcx(s u)) where u -> s oo (s = +-1)."""
        L = self.limit(u, x)
        if not _is_inf(L):
            return _fn(name)(u)
        s = 1 if L is oo else -1
        tail = mul(_exp(mul(-1, power(u, 2))), ERFCX(mul(s, u)))
        if name == "erf":
            return mul(s, add(1, mul(-1, tail)))
        return tail if s > 0 else add(2, mul(-1, tail))

    def _erfi(self, u: Expr, x: Symbol) -> Expr:
        """erfi(u) = s exp(u^2) erfix(s u) where u -> s oo (s = +-1; erfi is odd)."""
        L = self.limit(u, x)
        if not _is_inf(L):
            return _fn("erfi")(u)
        s = 1 if L is oo else -1
        return mul(s, _exp(power(u, 2)), ERFIX(mul(s, u)))

    def _stirling(self, name: str, u: Expr, x: Symbol) -> Expr:
        """gamma, factorial, loggamma, digamma of u -> oo by Stirling's formula, exactly:
        loggamma(u) = (u - 1/2) log u - u + log(2 pi)/2 + binet(u) and
        digamma(u) = log u - 1/(2u) - digamma_tail(u), where binet and digamma_tail have
        asymptotic series in 1/u (:mod:`.wseries`)."""
        if name == "factorial":
            u = add(u, 1)
        L = self.limit(u, x)
        if L is not oo:
            if L == -oo:
                raise LimitNotFound(f"{name} of an argument that tends to -oo (poles)")
            return _fn(name)(u if name != "factorial" else add(u, -1))
        if name == "digamma":
            return self.prepare(add(_log(u), mul(Fraction(-1, 2), power(u, -1)),
                                    mul(-1, DIGAMMA_TAIL(u))), x)
        lg = add(mul(add(u, Fraction(-1, 2)), _log(u)), mul(-1, u),
                 mul(Fraction(1, 2), _log(mul(2, pi))), BINET(u))
        return self.prepare(lg if name == "loggamma" else _exp(lg), x)

    def _ei(self, name: str, u: Expr, x: Symbol) -> Expr:
        """Ei(u) = exp(u) eix(u) where u -> oo, eix(u) ~ sum (k-1)!/u^k (an asymptotic
        series in :mod:`.wseries`); li(u) = Ei(log u)."""
        v = _log(u) if name == "li" else u
        if not _is_inf(self.limit(v, x)):  # (-oo too: Ei(-t) = -E1(t), the same series)
            return _fn(name)(u)
        return self.prepare(mul(_exp(v), EIX(v)), x)

    def _step(self, name: str, u: Expr, x: Symbol) -> Expr:
        """floor/ceiling of u: constant for large x when lim u is not an integer, or is
        one approached from a known side."""
        L = self.limit(u, x)
        if _is_inf(L) or x in free_symbols(L) or free_symbols(L):
            raise LimitNotFound(f"{name}({u}) does not settle to a constant")
        from .mpvalue import mp_value

        v = mp_value(L, 50)
        if v is None or not hasattr(v, "__float__"):
            raise LimitNotFound(f"cannot evaluate {L}")
        n = int(math.floor(float(v) + 0.5))
        s_int = const_sign(add(L, -n))
        if s_int is None:
            raise LimitNotFound(f"cannot compare {L} with {n}")
        if s_int != 0:
            fl = n if s_int > 0 else n - 1
            return number(fl + (1 if name == "ceiling" else 0))
        s = self.eventual_sign(add(u, -n), x)
        if name == "floor":
            return number(n if s >= 0 else n - 1)
        return number(n if s <= 0 else n + 1)

    # ------------------------------------------------------------------ oscillation

    def _limit_bounded(self, e: Expr, x: Symbol) -> Expr:
        """Limits through bounded oscillating parts (see the module docstring)."""
        from ..core.expand import expand

        r = self._bounded_rules(e, x)
        if r is None and e.is_Mul:
            r = self._dominant_quotient(e, x)
        if r is None and e.is_Add:
            r = self._dominant_term(e, x)
        if r is None:
            ex = expand(e)
            if ex is not e:
                r = self._bounded_rules(ex, x)
        if r is None:
            r = self._squeeze(e, x)
        if r is None:
            raise LimitNotFound(f"could not decide the limit of {e} (it oscillates)")
        return r

    def _squeeze(self, e: Expr, x: Symbol) -> Expr | None:
        """The squeeze theorem for one oscillating part s = sin(u), cos(u) or frac(u)
        (u -> +-oo) that occurs once in e: if e is monotone in s on s's range for all
        large x (every operation on the way from s to the root is monotone there), e lies
        between its values at the two ends of the range, and when those have the same
        limit, so has e (log(x + sin(x)) - log(x) -> 0)."""
        from ..core.traversal import subs

        osc = {n for n in e.preorder() if n.is_Function and n.fdef.name in _RANGES
               and x in free_symbols(n)}
        if len(osc) != 1:
            return None
        s = osc.pop()
        if _occurrences(e, s) != 1 or not self._monotone(e, s, x):
            return None
        lo, hi = _RANGES[s.fdef.name]
        a = self._try(subs(e, {s: number(lo)}), x)
        b = self._try(subs(e, {s: number(hi)}), x)
        if a is None or b is None or a is not b and not (
                not a.has(oo) and not b.has(oo) and const_sign(add(a, mul(-1, b))) == 0):
            return None
        return a

    def _ends_sign(self, e: Expr, s: Expr, x: Symbol) -> int | None:
        """The common eventual sign of e at both ends of the range of s, or None."""
        from ..core.traversal import subs

        lo, hi = _RANGES[s.fdef.name]
        try:
            signs = {self.eventual_sign(subs(e, {s: number(v)}), x) for v in (lo, hi)}
        except LimitNotFound:
            return None
        return signs.pop() if len(signs) == 1 and 0 not in signs else None

    def _monotone(self, e: Expr, s: Expr, x: Symbol) -> bool:
        """Whether e is monotone in s over the range of s, for all large x (s occurs
        once in e, so e is a chain of operations applied to s)."""
        if e is s:
            return True
        if s not in set(e.preorder()):
            return True
        inner = [a for a in e.args if s in set(a.preorder())]
        if len(inner) != 1:
            return False
        a = inner[0]
        if not self._monotone(a, s, x):
            return False
        if e.is_Add:
            return True
        try:
            if e.is_Mul:
                rest = mul(*[f for f in e.args if f is not a])
                return self.eventual_sign(rest, x) in (1, -1)
            if e.is_Pow:
                b, p = e.args
                if a is p:  # b^p = exp(p log b) with b free of s
                    return self.eventual_sign(b, x) == 1
                if p.is_Number and isinstance(p.value, int) and p.value % 2 and p.value > 0:
                    return True
                if not p.is_Number or isinstance(p.value, float):
                    return False
                sb = self._ends_sign(b, s, x)  # b keeps one sign: b^p is monotone
                return sb == 1 or sb == -1 and isinstance(p.value, int)
        except LimitNotFound:
            return False
        if e.is_Function and len(e.args) == 1:
            name = e.fdef.name
            if name == "log":
                return self._ends_sign(a, s, x) == 1
            return name in _INCREASING
        return False

    def _try(self, e: Expr, x: Symbol) -> Expr | None:
        try:
            return self.limit(e, x)
        except LimitNotFound:
            return None

    def _bounded_rules(self, e: Expr, x: Symbol) -> Expr | None:
        if e.is_Add or e.is_Mul:
            lims = [self._try(a, x) for a in e.args]
            bnds = [None if L is not None else self.bounds(a, x) for a, L in zip(e.args, lims)]
            if any(L is None and b is None for L, b in zip(lims, bnds)):
                return None
            if all(L is not None and not L.has(oo) for L in lims):
                return add(*lims) if e.is_Add else mul(*lims)
            if e.is_Add:
                infs = {L for L in lims if L is not None and _is_inf(L)}
                if len(infs) == 1:
                    return infs.pop()
                return None  # a bounded term without a limit next to finite ones
            if any(L is ZERO for L in lims):
                if any(L is not None and _is_inf(L) for L in lims):
                    return None
                return ZERO  # bounded times a factor tending to 0
            infs = [L for L in lims if L is not None and _is_inf(L)]
            if infs:
                s = 1
                for L, b in zip(lims, bnds):
                    if L is not None:
                        s *= -1 if L is NEG_OO else (const_sign(L) or 0)
                    else:
                        s *= 1 if b[0] > 0 else -1 if b[1] < 0 else 0
                return None if s == 0 else (oo if s > 0 else NEG_OO)
            return None
        if e.is_Pow and x in free_symbols(e.args[1]):  # b^p = exp(p log b)
            return self._bounded_rules(_exp(mul(e.args[1], _log(e.args[0]))), x)
        if e.is_Function and len(e.args) == 1 and e.fdef.name not in _TAME_AT_OO:
            L = self._try(e.args[0], x)  # f(u), u -> +-oo: f's value there, from the registry
            if L is not None and _is_inf(L):
                from ..core.functions_special import at_infinity

                row = at_infinity().get(e.fdef.name)
                v = None if row is None else row[0 if L is oo else 1]
                if v is not None:
                    return v
        if e.is_Function and e.fdef.name in _ENDPOINT_POLES:
            L = self._try(e.args[0], x)  # erfinv(u), u -> 1 from below: oo
            row = _ENDPOINT_POLES[e.fdef.name]
            if L is not None and L.is_Number and L.value in row:
                v, inside = row[L.value]
                try:
                    s = self.eventual_sign(add(e.args[0], -L.value), x)
                except LimitNotFound:
                    s = 0
                if s == inside:
                    return v
        if e.is_Function and e.fdef.name == "exp":
            L = self._try(e.args[0], x)
            if L is oo:
                return oo
            if L is NEG_OO:
                return ZERO
        if e.is_Function and len(e.args) == 1 and e.fdef.name in _CONTINUOUS:
            L = self._try(e.args[0], x)
            if L is not None and not L.has(oo) and (e.fdef.name != "log"
                                                    or const_sign(L) == 1):
                return e.fdef(L)
        if e.is_Pow and x not in free_symbols(e.args[1]):
            L = self._try(e.args[0], x)
            p = e.args[1]
            if L is not None and not L.has(oo) and const_sign(L) == 1:
                return power(L, p)
            if L is not None and _is_inf(L) and const_sign(p) == -1:
                return ZERO  # |u| -> oo, p < 0
            if L is ZERO and const_sign(p) == -1 and e.args[1].is_Number and \
                    isinstance(p.value, int) and p.value % 2 == 0:
                return oo
        return None

    def _dominant_quotient(self, e: Expr, x: Symbol) -> Expr | None:
        """N/D = (N/g)/(D/g) for a term g of N or D when both quotients have finite
        limits and the second is not 0 (x/(x + cos x) -> 1/1 with g = x)."""
        from ..core.expand import expand

        num = [f for f in e.args if not (f.is_Pow and _negative(f.args[1]))]
        den = [power(f.args[0], mul(-1, f.args[1])) for f in e.args
               if f.is_Pow and _negative(f.args[1])]
        if not den:
            return None
        N, D = mul(*num), mul(*den)
        for g in [*(N.args if N.is_Add else (N,)), *(D.args if D.is_Add else (D,))]:
            if x not in free_symbols(g):
                continue
            a = self._try(expand(mul(N, power(g, -1))), x)
            b = self._try(expand(mul(D, power(g, -1))), x)
            if a is None or b is None or a.has(oo) or b.has(oo):
                continue
            if const_sign(b) not in (1, -1):
                continue
            return mul(a, power(b, -1))
        return None

    def _dominant_term(self, e: Expr, x: Symbol) -> Expr | None:
        """A sum g (1 + rest/g) with g -> +-oo and 1 + rest/g -> L != 0 tends to
        sign(L) lim g (x^3 - x^2 exp(cos x) -> oo with g = x^3)."""
        from ..core.expand import expand

        for g in e.args:
            G = self._try(g, x)
            if G is None or not _is_inf(G):
                continue
            L = self._try(expand(mul(e, power(g, -1))), x)
            if L is None or L.has(oo):
                continue
            s = const_sign(L)
            if s in (1, -1):
                return G if s > 0 else mul(-1, G)
        return None

    def bounds(self, e: Expr, x: Symbol) -> tuple[float, float] | None:
        """An interval holding e for all large x (floats, with a small margin), or None."""
        if x not in free_symbols(e):
            return _point(e)
        if e.is_Function and len(e.args) == 1 and e.fdef.name in _BOUNDED:
            return _BOUNDED[e.fdef.name]
        L = self._try(e, x)
        if L is not None:
            return None if L.has(oo) else _point(L)
        if e.is_Add or e.is_Mul:
            parts = [self.bounds(a, x) for a in e.args]
            if any(p is None for p in parts):
                return None
            lo, hi = parts[0]
            for a, b in parts[1:]:
                if e.is_Add:
                    lo, hi = lo + a, hi + b
                else:
                    c = (lo * a, lo * b, hi * a, hi * b)
                    lo, hi = min(c), max(c)
            return lo, hi
        if e.is_Function and len(e.args) == 1 and e.fdef.name in _INCREASING:
            b = self.bounds(e.args[0], x)  # an increasing function maps [lo, hi] onto
            if b is None:                  # [f(lo), f(hi)]
                return None
            try:
                lo, hi = (float(e.fdef(_exact(v)).evalf()) for v in b)
            except (SymcalcError, TypeError, ValueError, OverflowError, ZeroDivisionError):
                return None
            return (lo - 1e-9 * (1 + abs(lo)), hi + 1e-9 * (1 + abs(hi))) \
                if math.isfinite(lo) and math.isfinite(hi) else None
        if e.is_Pow and e.args[1].is_Number and isinstance(e.args[1].value, int):
            b = self.bounds(e.args[0], x)
            n = e.args[1].value
            if b is None:
                return None
            if n < 0:
                if b[0] <= 0 <= b[1]:
                    return None
                b, n = (1 / b[1], 1 / b[0]), -n
            c = (b[0] ** n, b[1] ** n)
            lo, hi = min(c), max(c)
            if n % 2 == 0 and b[0] <= 0 <= b[1]:
                lo = 0.0
            return lo, hi
        return None


def _point(c: Expr) -> tuple[float, float] | None:
    if c.is_Number and not isinstance(c.value, float) and abs(c.value) < 2**50:
        v = float(c.value)
        if v == c.value:  # exactly representable: no margin
            return v, v
    try:
        v = complex(c.evalf())
    except (SymcalcError, ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None
    if v.imag or not math.isfinite(v.real):
        return None
    m = 1e-9 * (1 + abs(v.real))
    return v.real - m, v.real + m


def _negative(n: Expr) -> bool:
    return n.is_Number and n.value < 0


_BOUNDED = {"sin": (-1.0, 1.0), "cos": (-1.0, 1.0), "atan": (-1.5708, 1.5708),
            "tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0), "erf": (-1.0, 1.0),
            "sign": (-1.0, 1.0), "heaviside": (0.0, 1.0), "frac": (0.0, 1.0)}
#: functions of an argument u -> +-oo that stay in the comparability class of u: log,
#: atan (+-pi/2 - atan(1/u)), erfcx (~ 1/(sqrt(pi) u)), and the bounded sin and cos
_TAME_AT_OO = frozenset({"log", "atan", "erfcx", "erfix", "sin", "cos", "binet",
                         "digamma_tail", "eix"})
_STIRLING = frozenset({"gamma", "factorial", "loggamma", "digamma"})
#: monotone functions that tend to +-oo at an end of their domain: end -> (limit, the
#: sign of u - end inside the domain)
_ENDPOINT_POLES = {"erfinv": {1: (oo, -1), -1: (NEG_OO, 1)},
                   "erfcinv": {0: (oo, 1), 2: (NEG_OO, -1)}}
_TRIG = frozenset({"sin", "cos", "tan", "cot", "sec", "csc"})
#: the exact ranges of the oscillating parts used by the squeeze theorem
_RANGES = {"sin": (-1, 1), "cos": (-1, 1), "frac": (0, 1)}


def _occurrences(e: Expr, s: Expr) -> int:
    """How often s occurs in e read as a tree (shared subexpressions count each time)."""
    if e is s:
        return 1
    if not e.args or s not in set(e.preorder()):
        return 0
    return sum(_occurrences(a, s) for a in e.args)


_INCREASING = frozenset({"exp", "log", "atan", "tanh", "sigmoid", "erf", "sinh", "softplus",
                         "asinh", "cbrt"})
_CONTINUOUS = frozenset({"exp", "log", "sin", "cos", "atan", "sinh", "cosh", "tanh",
                         "sigmoid", "softplus", "erf", "erfc", "asinh", "gelu", "abs"})


def _erfcx_mp(mp, x):  # noqa: ANN001, ANN202 - mpmath's calling convention
    return mp.exp(x * x) * mp.erfc(x)


#: exp(u^2) erfc(u), an internal function of limits (its asymptotic series at +oo is
#: in :mod:`.wseries`); erf(u) = 1 - exp(-u^2) erfcx(u) brings erf into exp-log form
ERFCX = FunctionDef("erfcx", mpmath=_erfcx_mp, real=True, range="+",
                    numeric=lambda v: math.exp(v * v) * math.erfc(v))


def _erfix_mp(mp, x):  # noqa: ANN001, ANN202 - mpmath's calling convention
    return mp.exp(-x * x) * mp.erfi(x)


def _erfix_float(v: float) -> float:
    import mpmath

    return float(_erfix_mp(mpmath, mpmath.mpf(v)))


#: exp(-u^2) erfi(u) (2/sqrt(pi) times Dawson's function), internal like erfcx: its
#: asymptotic series at +oo is in :mod:`.wseries`; erfi(u) = exp(u^2) erfix(u)
ERFIX = FunctionDef("erfix", mpmath=_erfix_mp, real=True, numeric=_erfix_float)


def _binet_mp(mp, u):  # noqa: ANN001, ANN202 - mpmath's calling convention
    return mp.loggamma(u) - (u - mp.mpf(1) / 2) * mp.log(u) + u - mp.log(2 * mp.pi) / 2


def _digamma_tail_mp(mp, u):  # noqa: ANN001, ANN202
    return mp.log(u) - 1 / (2 * u) - mp.digamma(u)


#: Binet's function loggamma(u) - (u - 1/2) log u + u - log(2 pi)/2 ~ 1/(12 u) - ...,
#: and log u - 1/(2u) - digamma(u) ~ 1/(12 u^2) - ...: internal functions of limits
#: that carry the Stirling remainders (their asymptotic series are in :mod:`.wseries`)
BINET = FunctionDef("binet", mpmath=_binet_mp, real=True, range="+")
DIGAMMA_TAIL = FunctionDef("digamma_tail", mpmath=_digamma_tail_mp, real=True, range="+")


def _eix_mp(mp, u):  # noqa: ANN001, ANN202
    return mp.exp(-u) * mp.ei(u)


#: exp(-u) Ei(u) ~ 1/u + 1/u^2 + 2/u^3 + ...: Ei(u) = exp(u) eix(u) is exp-log plus a
#: function with an asymptotic series (in :mod:`.wseries`)
EIX = FunctionDef("eix", mpmath=_eix_mp, real=True)


def _fn(name: str) -> Callable[..., Expr]:
    from ..core import REGISTRY

    return REGISTRY[name]


def _exp(u: Expr) -> Expr:
    return _fn("exp")(u)


def _log(u: Expr) -> Expr:
    if u.is_Number:  # log 4 = 2 log 2, so that such zeros cancel structurally
        from .mpvalue import _split_rational_logs

        return _split_rational_logs(_fn("log")(u))
    return _fn("log")(u)


def _log_of(a: Expr) -> Expr:
    """log a for an mrv element: the argument of exp, else log x."""
    if a.is_Function and a.fdef.name == "exp":
        return a.args[0]
    return _log(a)


def _erf(u: Expr) -> Expr:
    return _fn("erf")(u)


def _sqrt(u: Expr) -> Expr:
    return power(u, Fraction(1, 2))


def _inv(u: Expr) -> Expr:
    return power(u, -1)


def _half(u: Expr) -> Expr:
    return mul(Fraction(1, 2), u)


# exp-log forms, valid for all real arguments in the domain
_EXPLOG: dict[str, Callable[..., Expr]] = {
    "sinh": lambda u: _half(add(_exp(u), mul(-1, _exp(mul(-1, u))))),
    "cosh": lambda u: _half(add(_exp(u), _exp(mul(-1, u)))),
    "tanh": lambda u: add(1, mul(-2, _inv(add(_exp(mul(2, u)), 1)))),
    "coth": lambda u: add(1, mul(2, _inv(add(_exp(mul(2, u)), -1)))),
    "sech": lambda u: mul(2, _inv(add(_exp(u), _exp(mul(-1, u))))),
    "csch": lambda u: mul(2, _inv(add(_exp(u), mul(-1, _exp(mul(-1, u)))))),
    "sigmoid": lambda u: _inv(add(1, _exp(mul(-1, u)))),
    "softplus": lambda u: _log(add(1, _exp(u))),
    "asinh": lambda u: _log(add(u, _sqrt(add(power(u, 2), 1)))),
    "acosh": lambda u: _log(add(u, _sqrt(add(power(u, 2), -1)))),
    "atanh": lambda u: _half(add(_log(add(1, u)), mul(-1, _log(add(1, mul(-1, u)))))),
    "acoth": lambda u: _half(add(_log(add(1, _inv(u))), mul(-1, _log(add(1, mul(-1, _inv(u))))))),
    "asech": lambda u: _fn("acosh")(_inv(u)),
    "acsch": lambda u: _fn("asinh")(_inv(u)),
    "acot": lambda u: _fn("atan")(_inv(u)),
    "tan": lambda u: mul(_fn("sin")(u), _inv(_fn("cos")(u))),
    "cot": lambda u: mul(_fn("cos")(u), _inv(_fn("sin")(u))),
    "sec": lambda u: _inv(_fn("cos")(u)),
    "csc": lambda u: _inv(_fn("sin")(u)),
    # asin(u) = atan(u/sqrt(1 - u^2)) on (-1, 1): reaches +-1 through atan at +-oo
    "asin": lambda u: _fn("atan")(mul(u, power(add(1, mul(-1, power(u, 2))), Fraction(-1, 2)))),
    "acos": lambda u: add(mul(Fraction(1, 2), pi), mul(-1, _fn("asin")(u))),
    "asec": lambda u: _fn("acos")(_inv(u)),
    "acsc": lambda u: _fn("asin")(_inv(u)),
    "gelu": lambda u: _half(mul(u, add(1, _erf(mul(u, _sqrt(number(Fraction(1, 2)))))))),
    "expm1": lambda u: add(_exp(u), -1),
    "log1p": lambda u: _log(add(1, u)),
    "silu": lambda u: mul(u, _inv(add(1, _exp(mul(-1, u))))),
    "mish": lambda u: mul(u, _fn("tanh")(_fn("softplus")(u))),
    "softsign": lambda u: mul(u, _inv(add(1, _fn("abs")(u)))),
    "normcdf": lambda u: _half(add(1, _erf(mul(u, _sqrt(number(Fraction(1, 2))))))),
    "normpdf": lambda u: mul(_exp(mul(Fraction(-1, 2), power(u, 2))),
                             power(mul(2, pi), Fraction(-1, 2))),
    "logit": lambda u: _log(mul(u, _inv(add(1, mul(-1, u))))),
}


def _by_sign(pick: Callable[[int, tuple], Expr]) -> Callable[..., Expr]:
    def rule(g: Gruntz, x: Symbol, *args: Expr) -> Expr:
        return pick(g.eventual_sign(args[0], x), args)
    return rule


def _extremum(want: int) -> Callable[..., Expr]:
    def rule(g: Gruntz, x: Symbol, *args: Expr) -> Expr:
        best = args[0]
        for a in args[1:]:
            s = g.eventual_sign(add(a, mul(-1, best)), x)
            if s * want > 0:
                best = a
        return best
    return rule


def _cbrt(s: int, a: tuple) -> Expr:
    u = a[0]
    if s == 0:
        return ZERO
    return mul(s, power(mul(s, u), Fraction(1, 3)))


_BY_SIGN: dict[str, Callable[..., Expr]] = {
    "abs": _by_sign(lambda s, a: mul(s, a[0])),
    "sign": _by_sign(lambda s, a: number(s)),
    "heaviside": _by_sign(lambda s, a: ONE if s > 0 else ZERO if s < 0 else _fn("heaviside")(ZERO)),
    "relu": _by_sign(lambda s, a: a[0] if s > 0 else ZERO),
    "leaky_relu": _by_sign(lambda s, a: a[0] if s > 0 else mul(a[1], a[0])),
    "elu": _by_sign(lambda s, a: a[0] if s > 0 else mul(a[1], add(_exp(a[0]), -1))),
    "cbrt": _by_sign(_cbrt),
    "max": _extremum(1),
    "min": _extremum(-1),
}


def limit_inf(e: Expr, x: Symbol, engine: Gruntz | None = None) -> Expr:
    """The limit of e as x -> oo by Gruntz's algorithm; raises LimitNotFound."""
    t = Symbol("_gruntz_x", positive=True)
    e = subs(e, {x: t}) if x is not t else e
    g = engine or Gruntz()
    try:
        r = g.limit(e, t)
    except RecursionError:
        raise LimitNotFound(f"could not decide the limit of {e} (too deep)") from None
    if t in free_symbols(r):
        raise LimitNotFound(f"could not decide the limit of {e}")
    return r


__all__ = ["Gruntz", "LimitNotFound", "limit_inf"]
