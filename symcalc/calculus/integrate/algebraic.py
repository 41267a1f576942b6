"""The driver's hook for the algebraic methods: Euler's substitutions, Chebyshev's
binomial differentials, pseudo-elliptic integrals, trigonometric functions under
radicals. They are tried after the radical method (undetermined coefficients), whose
textbook forms are preferred where both apply."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...core.expr import Expr
from ...core.symbol import Symbol
from ...core.traversal import free_symbols

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context, Method
    from .steps import Step

_TRIG = frozenset({"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth",
                   "sech", "csch"})


def _guarded(method: Method) -> Method:
    """The method, answering None where an algebra step fails (a DomainError in cancel,
    a ZeroDivisionError at a degenerate parameter); the budget's errors (Timeout,
    LimitError) still unwind the search."""
    from ...errors import LimitError, SymcalcError
    from .engine import Timeout

    def run(e: Expr, x: Symbol, ctx: Context) -> Step | None:
        try:
            return method(e, x, ctx)
        except (Timeout, LimitError, RecursionError):
            raise
        except (SymcalcError, ArithmeticError, ValueError, TypeError):
            return None

    return run


def methods(e: Expr, x: Symbol) -> Iterator[tuple[str, Method]]:
    """The algebraic methods worth trying on ``e``, cheapest first."""
    for name, method in _methods(e, x):
        yield name, _guarded(method)


def _methods(e: Expr, x: Symbol) -> Iterator[tuple[str, Method]]:
    from . import atanh_exp

    if atanh_exp.has_atanh_exp(e, x):
        yield "exp(c*atanh(u))", atanh_exp.atanh_exp_method
        return
    radical = trig = other = absolute = False
    for n in e.preorder():
        if n.is_Pow and n.args[1].is_Number and not isinstance(n.args[1].value, int) \
                and x in free_symbols(n.args[0]):
            radical = True
        elif n.is_Function and x in free_symbols(n):
            if n.fdef.name in _TRIG:
                trig = True
            elif n.fdef.name == "abs":
                absolute = True
            else:
                other = True
    from . import ratios

    if absolute:
        yield "abs factor", ratios.abs_factor_method
    if not radical:
        return
    from . import chebyshev, euler, pseudoelliptic, trig_radicals

    if not trig and not other:
        yield "binomial differential", chebyshev.chebyshev_method
        yield "even and odd parts", pseudoelliptic.even_quadratic_method
        yield "Euler substitution", euler.euler_method
        yield "pseudo-elliptic", pseudoelliptic.pseudo_elliptic_method
        yield "factored radicand", ratios.factored_radicand_method
        return
    if trig and not other:
        yield "tan substitution", trig_radicals.tan_substitution
        # an odd power of cos (sin) beside a radical of sin (cos): u = sin gives the powers
        # of the radical (Rubi's form); the half-angle square below gives tan(y/4) sums
        yield "odd power substitution", trig_radicals.odd_power
        from . import trig_sqrt_ratio  # (a + a*sin)^(k/2): w = cos/sqrt(a + a*sin) (trig4)

        yield "quotient substitution", trig_sqrt_ratio.sqrt_ratio_method
        yield "radical pair", trig_sqrt_ratio.radical_pair_method
        yield "perfect square under the radical", trig_sqrt_ratio.square_radicand_method
        yield "square under the radical", trig_radicals.square_radicand
        yield "constant factor under a root", ratios.constant_factor_power_method
        yield "sin 2y split", trig_radicals.sin2_split
        yield "double angle", trig_radicals.double_angle


def early_methods(e: Expr, x: Symbol) -> Iterator[tuple[str, Method]]:
    """Rewritings worth trying before the substitutions: (c*x)^k = ratio*x^k."""
    from . import ratios

    if e.is_Mul and ratios.has_monomial_power(e, x):
        yield "monomial power", _guarded(ratios.monomial_power_method)
    if e.is_Mul and _quadratic_root_over_nonlinear(e, x):
        from . import pseudoelliptic

        yield "even and odd parts", _guarded(pseudoelliptic.even_quadratic_method)


def _quadratic_root_over_nonlinear(e: Expr, x: Symbol) -> bool:
    """Whether e = R(x)*Q^(k/2) (Q quadratic) where R's denominator is not a power of one
    linear factor: the radical method's undetermined coefficients do not apply, and the
    substitutions spend the budget before the even/odd split is reached."""
    from .euler import _radical
    from .radicals import _linear_power, poly_coeffs

    Q = _radical(e, x)
    if Q is None:
        return False
    dens = [f.args[0] for f in e.args if f.is_Pow and f.args[0] is not Q
            and f.args[1].is_Number and isinstance(f.args[1].value, int) and f.args[1].value < 0
            and x in free_symbols(f.args[0])]
    if not dens:
        return False
    D = dens[0] if len(dens) == 1 else None
    if D is None:
        return True
    cs = poly_coeffs(D, x)
    return cs is not None and len(cs) > 2 and _linear_power(D, x) is None


__all__ = ["early_methods", "methods"]
