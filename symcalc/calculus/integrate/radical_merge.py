"""Square roots of quotients split, square roots of products merged, where that is an
identity on the real domain of the integrand.

* (A/B)^k, k = m/2 (m odd), A and B polynomials: where A/B > 0, B has one sign s on the
  whole real domain (found by the real roots of A and B and a point in every interval
  between them), so (A/B)^k = (s·A)^k/(s·B)^k there: sqrt(x/(1 - x³)), which symcalc
  writes sqrt(-x/(x³ - 1)), is sqrt(x)/sqrt(1 - x³) for 0 ≤ x < 1.
* Π P_i^(k_i), k_i = m_i/2 (m_i odd), P_i polynomials: the integrand is real only where
  every P_i ≥ 0, and there Π sqrt(P_i) = sqrt(Π P_i), so the product is
  Π P_i^(k_i − 1/2)·sqrt(Π P_i): sqrt(x + 1)*sqrt(x² − x + 1) = sqrt(x³ + 1).

The answer is an antiderivative on the real domain of the integrand (checked by
differentiation, like every answer, at points where the integrand is real).

>>> from symcalc import symbols, parse
>>> from symcalc.calculus.integrate import integrate
>>> x = symbols("x")
>>> integrate(parse("sqrt(x/(1 - x^3))"), x)
-2*atan(sqrt(1 - x^3)/x^(3/2))/3
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ...core.arithmetic import mul, power
from ...core.expr import Expr
from ...core.numbers import MINUS_ONE, number
from ...core.symbol import Symbol
from ...core.traversal import free_symbols, preorder
from ...errors import SymcalcError
from .steps import Step

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Context


def _half(k: Expr) -> bool:
    return k.is_Number and isinstance(k.value, Fraction) and k.value.denominator == 2


def _poly(e: Expr, x: Symbol) -> bool:
    from .radicals import poly_coeffs

    return poly_coeffs(e, x) is not None


def _radicals(e: Expr, x: Symbol) -> list[Expr]:
    fs = e.args if e.is_Mul else (e,)
    return [f for f in fs if f.is_Pow and _half(f.args[1]) and x in free_symbols(f.args[0])]


def _linear(e: Expr, x: Symbol) -> bool:
    """Whether e is linear in x, or a quotient of linear polynomials (w = sqrt of the
    quotient, the linear-ratio methods, do better there)."""
    from ...algebra.rational import numer_denom
    from .radicals import poly_coeffs

    return all((c := poly_coeffs(p, x)) is not None and len(c) <= 2 for p in numer_denom(e))


def _sign_of_denominator(A: Expr, B: Expr, x: Symbol) -> int | None:
    """The one sign of B where A/B > 0, or None (two signs, or A/B never positive)."""
    from ...algebra.roots import real_roots

    rs: list[float] = []
    for p in (A, B):
        if x in free_symbols(p):
            rs.extend(float(complex(r.evalf({})).real) for r in real_roots(p, x))
    rs = sorted(set(rs))
    pts = [rs[0] - 1.0, *((a + b) / 2 for a, b in zip(rs, rs[1:])), rs[-1] + 1.0] \
        if rs else [0.0]
    signs = set()
    for t in pts:
        a, b = complex(A.evalf({x: t})).real, complex(B.evalf({x: t})).real
        if b != 0 and a / b > 0:
            signs.add(1 if b > 0 else -1)
    return signs.pop() if len(signs) == 1 else None


def _real_only_where_all_real(rads: list[Expr], x: Symbol) -> bool:
    """Whether the product of the radicals is real only where each of them is: no interval
    between the real roots of the radicands where an even, nonzero number of them is
    negative (i·i = −1 would make the product real with the other sign there)."""
    from ...algebra.rational import numer_denom
    from ...algebra.roots import real_roots

    parts = [p for r in rads for p in numer_denom(r.args[0]) if x in free_symbols(p)]
    rs: list[float] = []
    for p in parts:
        rs.extend(float(complex(z.evalf({})).real) for z in real_roots(p, x))
    rs = sorted(set(rs))
    pts = [rs[0] - 1.0, *((a + b) / 2 for a, b in zip(rs, rs[1:])), rs[-1] + 1.0] \
        if rs else [0.0]
    for t in pts:
        neg = sum(complex(r.args[0].evalf({x: t})).real < 0 for r in rads)
        if neg and neg % 2 == 0:
            return False
    return True


def _split_quotients(e: Expr, x: Symbol) -> Expr | None:
    """e with every (A/B)^k written (s·A)^k·(s·B)^(-k), or None if none could be."""
    from ...algebra.rational import numer_denom

    fs = e.args if e.is_Mul else (e,)
    out, changed = [], False
    for f in fs:
        if f.is_Pow and _half(f.args[1]) and x in free_symbols(f.args[0]) \
                and not _poly(f.args[0], x):
            A, B = numer_denom(f.args[0])
            if x in free_symbols(B) and _poly(A, x) and _poly(B, x):
                s = _sign_of_denominator(A, B, x)
                if s is not None:
                    sn = number(s)
                    k = f.args[1]
                    out.append(mul(power(mul(sn, A), k), power(mul(sn, B), mul(MINUS_ONE, k))))
                    changed = True
                    continue
        out.append(f)
    return mul(*out) if changed else None


def _merge_products(e: Expr, x: Symbol) -> Expr | None:
    """e with its square roots of polynomials merged into one, or None (fewer than two)."""
    from ...core.expand import expand

    fs = e.args if e.is_Mul else (e,)
    rads = [f for f in fs if f.is_Pow and _half(f.args[1]) and x in free_symbols(f.args[0])
            and _poly(f.args[0], x)]
    if len(rads) < 2:
        return None
    h = Fraction(-1, 2) if all(r.args[1].value < 0 for r in rads) else Fraction(1, 2)
    rest = [f for f in fs if not any(f is r for r in rads)]
    ints = [power(r.args[0], number(r.args[1].value - h)) for r in rads]
    return mul(*rest, *ints, power(expand(mul(*(r.args[0] for r in rads))), number(h)))


def radical_merge_method(e: Expr, x: Symbol, ctx: Context) -> Step | None:
    """∫ of e rewritten with sqrt(A/B) = sqrt(±A)/sqrt(±B), sqrt(P)·sqrt(Q) = sqrt(P·Q)."""
    rads = _radicals(e, x)
    if not rads or all(_linear(r.args[0], x) for r in rads):
        return None
    if any(s is not x for s in free_symbols(e)) or any(
            n.is_Function for n in preorder(e)):
        return None     # parameters or transcendental functions: signs not decided here
    if any(n.is_Pow and not (n.args[1].is_Number and isinstance(n.args[1].value, int))
           and not any(n is r for r in rads) for n in preorder(e)):
        return None     # other roots (nested, or not square roots): their signs are not tracked
    try:
        if len(rads) > 1 and not _real_only_where_all_real(rads, x):
            return None
    except (SymcalcError, ArithmeticError, ValueError, TypeError):
        return None
    try:
        for new in _candidates(e, x):
            if new is e:
                continue
            st = ctx.integrate(new, x)
            if st is not None:
                return Step("square roots split or merged on the real domain", e, x,
                            st.result, (st,), f"{e} = {new} where real")
    except (SymcalcError, ArithmeticError, ValueError, TypeError):
        return None
    return None


def _candidates(e: Expr, x: Symbol):  # noqa: ANN202 (a generator of Expr)
    split = _split_quotients(e, x)
    if split is not None:
        yield split
        merged = _merge_products(split, x)
        if merged is not None:
            yield merged
        return
    merged = _merge_products(e, x)
    if merged is not None:
        yield merged


__all__ = ["radical_merge_method"]
