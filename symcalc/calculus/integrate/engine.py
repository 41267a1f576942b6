"""The integration driver: try the methods in order, recursively, within a budget.

``Context.integrate(e, x)`` returns a :class:`~.steps.Step` (whose ``result`` is an
antiderivative) or None. The first methods are cheap and always tried (constants,
linearity, constant factors, the table); the algorithms follow in an order that puts
the ones giving textbook-sized answers first: partial fractions for rational
functions, derivative-divides substitution, trigonometric reduction, the classic
substitutions (exponentials, radicals, Bioche's rules for trigonometric rational
functions, Euler), integration by parts, expansion. Each sub-integral is memoized,
recursion is bounded in depth and cycles are cut, and past the deadline (the
``timeout``, run as a soft deadline of the budget) a :class:`Timeout` unwinds the
whole search.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction
from functools import cache

from ...core.arithmetic import add, mul, power
from ...core.budget import poll
from ...core.expand import expand
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE as MINUS_ONE_
from ...core.numbers import ZERO
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, subs
from ...errors import SymcalcError
from .steps import Step, leaf

#: Maximum nesting of sub-integrals (substitution inside parts inside ...).
MAX_DEPTH = 12

Method = Callable[[Expr, Symbol, "Context"], "Step | None"]


class Timeout(SymcalcError):
    """The time budget of one integrate() call ran out."""


class Context:
    """The state of one integrate() call: memo, recursion bookkeeping."""

    __slots__ = ("depth", "memo", "failed", "failed_sizes", "active", "cut", "max_depth",
                 "skip", "prep")

    def __init__(self, max_depth: int = MAX_DEPTH) -> None:
        self.depth = 0
        self.memo: dict[tuple[Expr, Expr], Step | None] = {}
        #: integrands that failed, with the variable renamed to one name, and the depth
        #: they failed at: the same integral in another dummy variable (u, v, w, ...)
        #: is not searched again at that depth or deeper (some methods try less deep down)
        self.failed: dict[Expr, int] = {}
        self.failed_sizes: set[int] = set()
        #: substitutions prepared (integrand, x, u = g, u) -> the integrand in u
        self.prep: dict[tuple[Expr, Expr, Expr, Expr], Expr] = {}
        self.active: set[tuple[Expr, Expr]] = set()
        self.cut = 0
        self.max_depth = max_depth
        self.skip: frozenset[str] = frozenset()

    def check(self) -> None:
        """Raise :class:`Timeout` past the integral's ``timeout`` (a soft deadline of the
        budget, see :func:`symcalc.core.budget.within`), LimitError past the budget's."""
        poll()

    def integrate(self, e: Expr, x: Symbol) -> Step | None:
        """A step for ∫ e dx, or None (memoized; cycles and deep recursion give None)."""
        key = (e, x)
        memo = self.memo
        if key in memo:
            return memo[key]
        if key in self.active or self.depth >= self.max_depth:
            self.cut += 1
            return None
        # the renamed integrand has e's size: sizes that never failed need no renaming
        ckey = None
        if e.count_ops() in self.failed_sizes:
            ckey = _canonical(e, x)
            if self.failed.get(ckey, self.max_depth + 1) <= self.depth:
                return None
        self.check()
        self.active.add(key)
        self.depth += 1
        cut0 = self.cut
        try:
            st = None
            for _name, method in methods_for(e, x):
                st = method(e, x, self)
                if st is not None:
                    break
        finally:
            self.active.discard(key)
            self.depth -= 1
        if st is not None or self.cut == cut0:
            memo[key] = st  # failures that depended on a cut-off are not remembered
            if st is None:
                if ckey is None:
                    ckey = _canonical(e, x)
                self.failed[ckey] = min(self.depth, self.failed.get(ckey, self.depth))
                self.failed_sizes.add(e.count_ops())
        return st

    def dummy(self, *avoid: Expr, positive: bool = False) -> Symbol:
        """A fresh integration variable for a substitution, named u, v, w, t, ..."""
        used = set()
        for a in avoid:
            used.update(s.name for s in free_symbols(a))
        for a, _ in self.active:  # the integrals this one is part of: no name used twice
            used.update(s.name for s in free_symbols(a))
        for name in ("u", "v", "w", "t", "s", "z", "r", "q", "p"):
            if name not in used:
                return Symbol(name, positive=True) if positive else Symbol(name)
        i = 1
        while f"u{i}" in used:
            i += 1
        return Symbol(f"u{i}", positive=True) if positive else Symbol(f"u{i}")


def _canonical(e: Expr, x: Symbol) -> Expr:
    """e with x renamed to a name no user symbol has (x's assumptions kept)."""
    c = Symbol("integration_variable_", positive=x.positive, nonnegative=x.nonnegative,
               integer=x.integer)
    return subs(e, {x: c})


# --------------------------------------------------------------------------- basic methods


def constant(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ c dx = c*x."""
    if x in free_symbols(e):
        return None
    return leaf("constant", e, x, mul(e, x))


def linearity(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ (f + g) dx = ∫ f dx + ∫ g dx (with the constant terms collected)."""
    if not e.is_Add:
        return None
    const = []
    parts = []
    for t in e.args:
        (parts if x in free_symbols(t) else const).append(t)
    subs = []
    for t in _merge_terms(parts, x):
        st = ctx.integrate(t, x)
        if st is None:
            return None
        subs.append(st)
    results = [s.result for s in subs]
    if const:
        c = add(*const)
        subs.insert(0, leaf("constant", c, x, mul(c, x)))
        results.insert(0, mul(c, x))
    return Step("linearity", e, x, add(*results), tuple(subs))


def _merge_terms(terms: list[Expr], x: Symbol) -> list[Expr]:
    """Group terms that only integrate together: c*f(x) terms with the same x-part."""
    groups: dict[Expr, list[Expr]] = {}
    for t in terms:
        c, dep = split_constant(t, x)
        groups.setdefault(dep, []).append(c)
    return [mul(add(*cs), dep) for dep, cs in groups.items()]


def split_constant(e: Expr, x: Symbol) -> tuple[Expr, Expr]:
    """(factor free of x, factor depending on x) of a product."""
    if e.is_Mul:
        c, d = [], []
        for f in e.args:
            (d if x in free_symbols(f) else c).append(f)
        return mul(*c), mul(*d)
    if x in free_symbols(e):
        from ...core.numbers import ONE

        return ONE, e
    return e, ZERO


def constant_factor(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ c*f dx = c*∫ f dx."""
    if not e.is_Mul:
        return None
    c, f = split_constant(e, x)
    if c.is_Number and c.value == 1:
        return None
    st = ctx.integrate(f, x)
    if st is None:
        return None
    return Step("constant factor", e, x, mul(c, st.result), (st,), lambda: f"{c}")


def table(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """A line of the integral table (rules/integrals.rules)."""
    from .table import lookup

    r = lookup(e, x)
    if r is not None:
        return leaf(f"table: {r[1]}", e, x, r[0])
    return _linear_table(e, x, ctx)


def _linear_table(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ g(p*x + q) dx = G(p*x + q)/p with ∫ g(u) du = G(u) from the table (the table's
    patterns only see simple coefficients, so -b*x or 2*b*x + c go through here)."""
    from .substitution import _d as diff  # derivatives of the last few hundred kept
    from .table import lookup

    seen: set[Expr] = set()
    for n in e.preorder():
        args = n.args if n.is_Function else (n.args[0],) if n.is_Pow else ()
        for u in args:
            if u in seen or u is x or not (u.is_Add or u.is_Mul) or x not in free_symbols(u):
                continue
            seen.add(u)
            p = diff(u, x)
            if x in free_symbols(p) or p is ZERO:
                continue
            q = add(u, mul(-1, p, x))
            X = ctx.dummy(e)
            g = subs(e, {x: mul(add(X, mul(-1, q)), power(p, -1))})
            if x in free_symbols(g):
                continue
            r = lookup(g, X)
            if r is None:
                continue
            F = mul(subs(r[0], {X: u}), power(p, -1))
            return Step("linear substitution", e, x, F,
                        (leaf(f"table: {r[1]}", g, X, r[0]),), f"{X} = {u}, d{X} = {p} d{x}")
    return None


def expansion(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """Multiply out products and integer powers of sums, then integrate term by term."""
    if not (e.is_Mul or e.is_Pow):
        return None
    try:
        ex = expand(e)
    except SymcalcError:
        return None
    if ex is e or not ex.is_Add or len(ex.args) > 60:
        return None
    st = ctx.integrate(ex, x)
    if st is None:
        return None
    return Step("expand", e, x, st.result, (st,))


def power_substitution(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """u = B for a power B^n (integer n >= 2) of a sum B = a*x^r + b, when the rest of the
    integrand is a polynomial: ∫ x^4*(1 - x)^20 dx in powers of (1 - x), as the tables
    write it, instead of a polynomial of degree 25."""
    from .substitution import substitute

    factors = e.args if e.is_Mul else (e,)
    for f in factors:
        if not (f.is_Pow and f.args[0].is_Add and f.args[1].is_Number
                and isinstance(f.args[1].value, int) and f.args[1].value >= 2):
            continue
        B = f.args[0]
        xs = [t for t in B.args if x in free_symbols(t)]
        if len(xs) != 1:
            continue
        _, dep = split_constant(xs[0], x)
        if not (dep is x or dep.is_Pow and dep.args[0] is x and dep.args[1].is_Number
                and not isinstance(dep.args[1].value, float)
                and Fraction(dep.args[1].value).numerator == 1):
            continue
        rest = [g for g in factors if g is not f]
        if not all(_is_monomial_power(g, x) for g in rest):
            continue
        k = sum(1 if g is x else g.args[1].value for g in rest if x in free_symbols(g))
        if k >= f.args[1].value:
            continue   # x^10*(x + 1)^2 is smaller expanded
        st = substitute(e, x, B, ctx, inverse=True)
        if st is not None:
            return st
    return None


def numerator_split(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ N/D dx = α*x + β*log(D) when N = α*D + β*D' for constants α, β — the classic
    ∫ (a1 sin x + b1 cos x)/(a sin x + b cos x) dx, or its exponential cousins."""
    from ...core.functions import log
    from ..diff import diff

    if not e.is_Mul:
        return None
    dens = [f for f in e.args if f.is_Pow and f.args[1] is MINUS_ONE_ and f.args[0].is_Add
            and x in free_symbols(f.args[0])]
    if len(dens) != 1:
        return None
    D = dens[0].args[0]
    N = mul(*(f for f in e.args if f is not dens[0]))
    if x not in free_symbols(N):
        return None
    Dp = diff(D, x)

    def parts(v: Expr) -> dict[Expr, Expr]:
        out: dict[Expr, Expr] = {}
        for t in (expand(v).args if expand(v).is_Add else (expand(v),)):
            c, dep = split_constant(t, x)
            out[dep] = add(out.get(dep, ZERO), c)
        return out

    n, d, dp = parts(N), parts(D), parts(Dp)
    atoms = list(dict.fromkeys([*d, *dp]))
    if ZERO in atoms or not set(n) <= set(atoms) or len(atoms) > 6:
        return None
    # two equations from two atoms, Cramer's rule; then check all of them
    for i in range(len(atoms)):
        for j in range(i + 1, len(atoms)):
            p, q = atoms[i], atoms[j]
            a11, a12, a21, a22 = d.get(p, ZERO), dp.get(p, ZERO), d.get(q, ZERO), dp.get(q, ZERO)
            det = expand(add(mul(a11, a22), mul(-1, a12, a21)))
            if det is ZERO:
                continue
            b1, b2 = n.get(p, ZERO), n.get(q, ZERO)
            inv = power(det, -1)
            alpha = mul(expand(add(mul(b1, a22), mul(-1, a12, b2))), inv)
            beta = mul(expand(add(mul(a11, b2), mul(-1, a21, b1))), inv)
            if beta is ZERO:
                return None
            if expand(add(mul(alpha, D), mul(beta, Dp), mul(-1, N))) is not ZERO:
                try:
                    from ...algebra.rational import cancel

                    if cancel(add(mul(alpha, D), mul(beta, Dp), mul(-1, N))) is not ZERO:
                        return None
                except (SymcalcError, ArithmeticError):
                    return None
            F = add(mul(alpha, x), mul(beta, log(D)))
            return leaf("numerator = α·denominator + β·denominator'", e, x, F,
                        f"α = {alpha}, β = {beta}")
    return None


def _bounded_expansion(e: Expr, limit: int = 400) -> bool:
    """Whether multiplying out e gives at most ``limit`` terms (a bound from the
    multinomial counts of its powers of sums)."""
    from math import comb

    def size(f: Expr) -> int:
        if f.is_Add:
            return sum(size(t) for t in f.args)
        if f.is_Mul:
            n = 1
            for t in f.args:
                n *= size(t)
            return n
        if f.is_Pow and f.args[0].is_Add and f.args[1].is_Number \
                and isinstance(f.args[1].value, int) and f.args[1].value > 0:
            k = size(f.args[0])
            return comb(f.args[1].value + k - 1, k - 1)
        return 1

    return size(e) <= limit


def _is_monomial_power(g: Expr, x: Symbol) -> bool:
    """x, x^k (k a positive integer) or free of x."""
    if x not in free_symbols(g):
        return True
    if g is x:
        return True
    return g.is_Pow and g.args[0] is x and g.args[1].is_Number \
        and isinstance(g.args[1].value, int) and g.args[1].value > 0


# --------------------------------------------------------------------------- the order


@cache
def _modules() -> tuple:
    """The method modules, imported once (an import statement in :func:`methods_for`,
    run for every sub-integral, cost as much as some of the methods)."""
    from . import (
        algebraic,
        binomial,
        biquadratic,
        exponential,
        nonelementary,
        parts,
        radicals,
        rational,
        rational_factor,
        risch,
        substitution,
        trig,
        trig_integral,
    )

    return (algebraic, binomial, biquadratic, exponential, nonelementary, parts, radicals,
            rational, rational_factor, risch, substitution, trig, trig_integral)


def _quadratic_power() -> Method:
    from .quadratic_power import quadratic_power_method

    return quadratic_power_method


def _exp_power() -> Method:
    from .exp_power import exp_power_method

    return exp_power_method


def _linear_ratio() -> Method:
    from .linear_ratio import linear_ratio_method

    return linear_ratio_method


def _product_guess() -> Method:
    from .product_guess import product_guess_method

    return product_guess_method


def _hyper_powers() -> Method:
    from .hyper_powers import hyper_even_powers_method

    return hyper_even_powers_method


def _rational_factored() -> Method:
    from .rational_factored import factored_denominator_method

    return factored_denominator_method


def _odd_power() -> Method:
    from .odd_power import odd_power_wrapped_method

    return odd_power_wrapped_method


def _multiple_angle() -> Method:
    from .multiple_angle import multiple_angle_method

    return multiple_angle_method


def methods_for(e: Expr, x: Symbol) -> Iterator[tuple[str, Method]]:
    """The methods worth trying on ``e``, cheapest and most textbook-like first."""
    (algebraic, binomial, biquadratic, exponential, nonelementary, parts, radicals,
     rational, rational_factor, risch, substitution, trig, trig_integral) = _modules()

    if x not in free_symbols(e):
        yield "constant", constant
        return
    if e.is_Add:
        yield "Risch algorithm", risch.risch_sum
        yield "linearity", linearity
    elif e.is_Mul:
        c, _ = split_constant(e, x)
        if not (c.is_Number and c.value == 1):
            yield "constant factor", constant_factor
            return
    yield "table", table
    if rational.is_rational_function(e, x):
        from . import poly_param, scaling  # P(x)/(c + d*x)^k with parameters (int1)

        yield "product rule backwards", _product_guess()  # (issue 18, int1)
        yield from poly_param.early_methods(e, x)  # polynomials, P/B^k, shifts (int4k)
        yield from scaling.early_methods(e, x)
        if rational.has_power_of_sum(e, x):
            yield "power substitution", power_substitution
            yield "substitution", substitution.derivative_divides
        yield "rational", rational.rational_method
        yield "substitution", substitution.derivative_divides
        yield from scaling.methods(e, x)  # x = r*t, binomials with parameters (issue 18)
        yield "inverse substitution", substitution.inverse_substitution
        yield "binomial denominator", binomial.binomial_method
        yield "biquadratic denominator", biquadratic.biquadratic_method
        from . import biquad_param  # A*x^4 + B*x^2 + C with parameters (issue 18)

        yield "biquadratic with parameters", biquad_param.biquadratic_param_method
        yield "biquadratic factors with parameters", biquad_param.rational_biquadratic_method
        yield "rational with parameters", rational.parametric_method
        yield "denominator factored", _rational_factored()  # expanded, parameters (issue 18)
        from . import rational_roots  # residues at roots, RootOf: the last resort (int4k)

        yield "rational, residues at the roots", rational_roots.rational_roots_method
        if _bounded_expansion(e):
            yield "expand", expansion
        return
    from . import inverse, logs  # inverse functions, log times rational (integinv)
    yield "reduction formula", _hyper_powers()  # sinh^m*cosh^n, m, n even (issue 18)
    yield "exponential of inverse hyperbolic", inverse.exp_inverse_method
    yield "linear in disguise", inverse.linear_composition_method
    from . import polylog, risch_tower  # logs of polynomials and radicals: Li2; Risch on
    # log(v) over exp(u) (issue 18, intmore)

    yield "logarithm of a product", polylog.log_polynomial_method
    from . import log_mobius  # R(x)*(A + B*log(K*(P/Q)^n))^p by parts (issue 18, int3)

    yield "parts on a logarithm of a linear fraction", log_mobius.log_mobius_method
    yield "logarithm of an algebraic argument", polylog.log_radical_early
    yield "Risch algorithm (two monomials)", risch_tower.risch_tower_method
    yield from algebraic.early_methods(e, x)  # (c*x)^k, R/sqrt(Q) (issue 18, integalg)
    from . import exp_linear, trig_fresnel  # (issue 18, inttrig2)

    yield "exponentials against trig polynomials", exp_linear.exp_linear_method
    yield "Fresnel integrals", trig_fresnel.fresnel_method
    yield "powers against a quadratic", _quadratic_power()  # (issue 18, int1)
    yield "exponential of a power of a linear", _exp_power()  # (issue 18, int1)
    yield "ratio of linear powers", _linear_ratio()  # (issue 18, int1)
    yield "product rule backwards", _product_guess()  # (issue 18, int1)
    from .quotient_guess import quotient_guess_method  # N/D^2 = (P/D)' (issue 18)

    yield "quotient rule backwards", quotient_guess_method
    yield "power substitution", power_substitution
    yield "substitution", substitution.derivative_divides
    from . import inverse_parts  # R(x)*(A + B*asin(u)) etc. by parts (issue 18, int3)

    yield "parts on an inverse function", inverse_parts.inverse_parts_method
    yield "inverse function substitution", inverse.inverse_substitution_method
    yield "constant base", exponential.constant_base_method
    yield "numerator split", numerator_split
    yield "trigonometric", trig.trig_method
    # rational functions of sin and cos with poles and parameters (issue 18, trig4)
    from . import bioche, trig_partial

    yield "Pythagorean identity", trig_partial.pythagorean_method
    yield "half-angle at a pole", bioche.pole_half_angle_method
    yield "reduction formula", trig_partial.reciprocal_power_method
    yield "partial fractions in cos", trig_partial.partial_fractions_method
    yield "linear combination of sin and cos", trig_partial.linear_combination_method
    yield "double angle", trig_partial.double_angle_method
    yield "parts with a trigonometric fraction", trig_partial.linear_times_rational_method
    yield "special substitution", substitution.special_substitution
    yield "radicals", radicals.radical_method
    yield "radical with a square factor", radicals.square_monomial_out
    # algebraic integrands and trig with radicals (issue 18, integalg)
    yield from algebraic.methods(e, x)
    yield "u = x^n", substitution.monomial_substitution  # x^m*F(x^n) (issue 18)
    from . import euler

    yield "Euler substitution in a nested radical", euler.euler_nested_method
    from .radical_merge import radical_merge_method  # sqrt(A/B), sqrt(P)*sqrt(Q) (issue 18)
    yield "square roots split or merged", radical_merge_method
    from . import trig_radical  # trig/hyperbolic with fractional powers (issue 18); after the
    # algebraic methods, whose forms are shorter where both apply (1/sqrt(1 - cos(2x)))

    yield "constant out of a fractional power", trig_radical.content_method
    yield "sin/cos substitution with radicals", trig_radical.sincos_method
    from . import trig_phase  # one slope, different phases: addition formulas (issue 18)

    yield "addition formulas", trig_phase.phase_method
    yield "Risch algorithm", risch.risch_early
    yield "exponential integral", nonelementary.exponential_integral_method
    yield "sine and cosine integrals", trig_integral.trig_integral_method
    from . import trig_poles  # quadratic factors split over their roots (issue 18, inttrig2)

    yield "sine and cosine integrals over the roots", trig_poles.trig_poles_method
    yield "partial fractions of the rational factor", rational_factor.rational_factor_method
    yield "logarithm times rational", logs.log_rational_method
    yield "parts", parts.parts_method
    yield "logarithm of a linear fraction", logs.log_fraction_method
    yield "logarithm of an algebraic argument", polylog.log_radical_method
    yield "atanh as logarithms", logs.atanh_as_logs_method
    yield "radical of a Laurent polynomial", inverse.laurent_radical_method
    yield "Risch algorithm", risch.risch_method
    yield "inverse substitution", substitution.inverse_substitution
    yield "expand", expansion
    yield "trigonometric rational", trig.trig_rational_method
    yield "multiple angles", _multiple_angle()  # k*A -> A, trig and hyperbolic (issue 18)
    yield "odd power substitution", _odd_power()  # F(cos y)*sin(y)^odd (issue 18)
    yield "rewrite", substitution.rewrite_method


__all__ = ["Context", "MAX_DEPTH", "Timeout", "constant", "constant_factor", "expansion",
           "linearity", "methods_for", "split_constant", "table"]
