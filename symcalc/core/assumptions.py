"""Three-valued facts about expressions: real, positive, nonnegative, integer.

An expression with the imaginary unit is not real when that is certain (``2 + I``,
``I*x`` for a positive x): then ``is_real`` and the sign queries answer False.

Each query answers True, False or None (unknown) and is cached on the node. Symbols
are real by default and may be declared positive, nonnegative or integer; functions
declare their range in the registry (``exp`` is positive on the reals, ``abs`` is
nonnegative, ...). These facts guard rewrites such as ``sqrt(x^2) -> abs(x)``.

>>> from symcalc import Symbol, sqrt
>>> sqrt(Symbol("x")**2)
abs(x)
>>> sqrt(Symbol("t", positive=True)**2)
t
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .expr import Expr

# A sign is one of: "+" (positive), "0+" (nonnegative), "0" (zero), "-" (negative),
# "0-" (nonpositive), "r" (real, sign unknown), None (not known to be real).


def sign_class(e: Expr) -> str | None:
    """The sign class of ``e`` (see module comment), cached on the node."""
    f = e._facts
    if f is None:
        f = e._facts = {}
    elif "sign" in f:
        return f["sign"]
    s = f["sign"] = _sign(e)
    return s


def _sign(e: Expr) -> str | None:
    if e.is_Number:
        v = e.value
        if v != v:
            return None
        return "+" if v > 0 else "-" if v < 0 else "0"
    if e.is_Symbol:
        return "+" if e.positive else "0+" if e.nonnegative else "r"
    if e.is_Atom:
        name = getattr(e, "name", None)
        return "+" if name in ("pi", "E", "oo") else None
    if e.is_Add:
        signs = [sign_class(a) for a in e._args]
        if any(s is None for s in signs):
            return None
        if all(s in ("+", "0+", "0") for s in signs):
            return "+" if "+" in signs else "0+" if "0+" in signs else "0"
        if all(s in ("-", "0-", "0") for s in signs):
            return "-" if "-" in signs else "0-" if "0-" in signs else "0"
        return "r"
    if e.is_Mul:
        return _mul_sign([sign_class(a) for a in e._args])
    if e.is_Pow:
        b, x = e._args
        sb, sx = sign_class(b), sign_class(x)
        if x.is_Number and isinstance(x.value, int):
            if sb is None:
                return None
            if x.value % 2 == 0:
                return "+" if sb in ("+", "-") else "0+"
            return sb if x.value > 0 or sb in ("+", "-") else None
        if sb == "+" and sx is not None:
            return "+"
        if sb == "0+" and sx is not None:
            return "0+"
        if sb in ("+", "0+") and x.is_Number:
            return "0+"
        return None
    if e.is_Function:
        return e.fdef.sign(e._args)
    return None


def _mul_sign(signs: list) -> str | None:
    if any(s is None for s in signs):
        return None
    if "0" in signs:
        return "0"
    neg = sum(1 for s in signs if s in ("-", "0-"))
    if "r" in signs:
        return "r"
    strict = all(s in ("+", "-") for s in signs)
    if neg % 2 == 0:
        return "+" if strict else "0+"
    return "-" if strict else "0-"


def is_real(e: Expr) -> bool | None:
    """True if ``e`` is known to be real, False if known not to be (``1 + I``)."""
    if sign_class(e) is not None:
        return True
    return False if is_nonreal(e) else None


def is_nonreal(e: Expr) -> bool:
    """True if ``e`` is known not to be real: a Gaussian number with a nonzero imaginary
    part, such a number times nonzero reals, or a real plus one such term."""
    f = e._facts
    if f is None:
        f = e._facts = {}
    elif "nonreal" in f:
        return f["nonreal"]
    r = f["nonreal"] = _nonreal(e)
    return r


def _nonreal(e: Expr) -> bool:
    from .gaussian import gaussian_parts

    g = gaussian_parts(e)
    if g is not None:
        return g[1] != 0
    if e.is_Mul:
        # exactly one nonreal factor, the others real and nonzero
        odd = 0
        for a in e._args:
            s = sign_class(a)
            if s in ("+", "-"):
                continue
            if s is None and odd == 0 and is_nonreal(a):
                odd = 1
                continue
            return False
        return odd == 1
    if e.is_Add:
        odd = 0
        for a in e._args:
            if sign_class(a) is not None:
                continue
            if odd == 0 and is_nonreal(a):
                odd = 1
                continue
            return False
        return odd == 1
    return False


def is_positive(e: Expr) -> bool | None:
    s = sign_class(e)
    if s == "+":
        return True
    if s in ("-", "0", "0-"):
        return False
    return False if s is None and is_nonreal(e) else None


def is_negative(e: Expr) -> bool | None:
    s = sign_class(e)
    if s == "-":
        return True
    if s in ("+", "0", "0+"):
        return False
    return False if s is None and is_nonreal(e) else None


def is_nonnegative(e: Expr) -> bool | None:
    s = sign_class(e)
    if s in ("+", "0+", "0"):
        return True
    if s == "-":
        return False
    return False if s is None and is_nonreal(e) else None


def is_integer(e: Expr) -> bool | None:
    """True if ``e`` is known to be an integer."""
    f = e._facts
    if f is None:
        f = e._facts = {}
    elif "int" in f:
        return f["int"]
    r = f["int"] = _integer(e)
    return r


def _integer(e: Expr) -> bool | None:
    if e.is_Number:
        return isinstance(e.value, int)
    if e.is_Symbol:
        return True if e.integer else None
    if e.is_Add or e.is_Mul:
        return True if all(is_integer(a) for a in e._args) else None
    if e.is_Pow:
        b, x = e._args
        if is_integer(b) and x.is_Number and isinstance(x.value, int) and x.value >= 0:
            return True
    return None
