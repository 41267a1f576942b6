"""Add, Mul and Pow with their canonical constructors.

Canonical forms (as in SymEngine): an Add is a numeric constant plus a map
term -> coefficient; a Mul is a numeric coefficient plus a map base -> exponent.
Construction flattens, folds numbers exactly, collects like terms and like bases,
and applies only rewrites that are always valid:

>>> from symcalc import symbols, sqrt
>>> x, y = symbols("x y")
>>> 2*x + 3*x
5*x
>>> x*x*y**0
x^2
>>> sqrt(8)
2*sqrt(2)

A rational coefficient multiplying a single sum is distributed (``2*(x + 1)`` is
``2*x + 2``), as in SymPy, so that ``(x + 1) - (x + 1)`` cancels on construction.
"""

from __future__ import annotations

from bisect import bisect_left
from fractions import Fraction
from math import gcd, inf
from typing import Any

from ..errors import DomainError, ExprTypeError
from . import assumptions as A
from .expr import Expr, _forget, _Ref, _settle, _table, _too_large, as_expr, lookup, register
from .gaussian import I, gaussian_parts, gmul, gpow, is_gaussian_add
from .ntheory import radical_product
from .numbers import (
    MINUS_ONE,
    ONE,
    ZERO,
    Number,
    Raw,
    _float,
    nan,
    number,
    oo,
    raw_pow_int,
)
from .numbers import E as _E

_tget = _table.get
_tset = _table.setdefault  # atomic insert-if-absent (threads: see expr.register)
_sort_key = Expr.sort_key


def _norm(v: Raw) -> Raw:
    """Fractions with denominator 1 become ints, so raw coefficients have one form."""
    if isinstance(v, Fraction) and v.denominator == 1:
        return v.numerator
    return v


def _coerce(a: Any) -> Expr:
    return a if isinstance(a, Expr) else as_expr(a)


# =========================================================================== Add


class Add(Expr):
    """A sum: numeric constant + sum of coefficient*term, flat and collected."""

    __slots__ = ("_const", "_pairs", "_prim")
    is_Add = True
    _const: Raw
    _pairs: tuple  # ((rest, raw coeff), ...) sorted by rest

    def __new__(cls, *args: Any) -> Expr:
        return add(*args)

    def _make_sort_key(self) -> tuple:
        # flat (6, k1, k2, ...): orders sums as (6, (k1, k2, ...)) would, one tuple less
        return (6, *map(_sort_key, self._args))

    @property
    def func(self):
        return Add

    def as_coeff_add(self) -> tuple[Raw, tuple[Expr, ...]]:
        """(numeric constant, non-constant terms)."""
        return self._const, self._args[1:] if self._const != 0 else self._args

    def as_terms(self) -> tuple[tuple[Expr, Raw], ...]:
        """The (term without coefficient, coefficient) pairs, without the constant."""
        return self._pairs


def _no_boolean(*args: Expr) -> None:
    for a in args:
        if a.is_Boolean:
            raise ExprTypeError(f"a condition cannot be used in arithmetic: {a}")


def _split(a: Expr) -> tuple[Raw, Expr]:
    """(coefficient, rest) of a non-Add, non-number term."""
    if a.is_Mul:
        return a._coeff, a._rest()
    return 1, a


def add(*args: Any) -> Expr:
    """Canonical sum of the arguments."""
    try:
        if len(args) == 2:
            a, b = args
            if not isinstance(a, Expr):
                a = as_expr(a)
            if not isinstance(b, Expr):
                b = as_expr(b)
            return add2(a, b)
        return _add_many(args)
    except OverflowError as err:  # a double times an exact number beyond it
        raise _too_large(err) from None


def add2(a: Expr, b: Expr) -> Expr:
    """a + b for two expressions (the operators' entry point)."""
    if a.is_Number:
        if b.is_Symbol and type(a.value) is int:
            # number + symbol, the most common sum of all (x + 1): built directly
            if a is ZERO:
                return b
            key = (a, b)  # a sum's key is its args (all other keys start with a tag)
            ref = _tget(key)
            if ref is not None:
                o = ref()
                if o is not None:
                    return o
            o = object.__new__(Add)
            o._args = key
            o._const = a.value
            o._pairs = ((b, 1),)
            o._prim = True  # its own primitive part (see primitive())
            ka = a._skey
            kb = b._skey
            # the sort key now, while both parts have theirs at hand (sums get sorted)
            o._skey = None if ka is None or kb is None else (6, ka, kb)
            o._facts = None
            r = _Ref(o, _forget)
            r.key = key
            old = _tset(key, r)
            return o if old is r else _settle(key, old, r, o)
        if a is ZERO and not b.is_Boolean:
            return b
    elif b is ZERO and not a.is_Boolean:
        return a
    if a.is_Boolean or b.is_Boolean:
        _no_boolean(a, b)
    if a.is_Add:
        if not b.is_Add:
            r = _add_one(a, b)
            if r is not None:
                return r
    elif b.is_Add:
        r = _add_one(b, a)
        if r is not None:
            return r
    else:
        r = _add_two(a, b)
        if r is not None:
            return r
    return _add_many((a, b))


def _add_many(args: tuple) -> Expr:
    const: Raw = 0
    terms: dict[Expr, Raw] = {}
    orig: dict[Expr, Expr | None] = {}  # rest -> the term object, if seen exactly once
    get = terms.get
    infinities: set[int] = set()
    for a in args:
        if not isinstance(a, Expr):
            a = as_expr(a)
        if a.is_Boolean:
            _no_boolean(a)
        if a.is_Number:
            const += a.value
        elif a.is_Add:
            const += a._const
            off = 1 if a._const != 0 else 0
            for i, (r, c) in enumerate(a._pairs):
                old = get(r)
                if old is None:
                    terms[r] = c
                    orig[r] = a._args[i + off]
                else:
                    terms[r] = old + c
                    orig[r] = None
        elif a is nan:
            return nan
        else:
            c, r = _split(a)
            if r is oo:
                infinities.add(1 if c > 0 else -1)
                continue
            old = get(r)
            if old is None:
                terms[r] = c
                orig[r] = a
            else:
                terms[r] = old + c
                orig[r] = None
    if infinities:
        if len(infinities) == 2 or const != const:
            return nan
        return oo if 1 in infinities else _mul_parts(-1, (oo,))
    if const != const:  # a float nan
        return _float(const)
    pairs = [(r, c) for r, c in terms.items() if c != 0]
    if not pairs:
        return number(const)
    if len(pairs) == 1 and const == 0:
        r, c = pairs[0]
        o = orig[r]
        return o if o is not None else _term(r, c)
    pairs.sort(key=_pair_key)
    terms_out = []
    for r, c in pairs:
        o = orig[r]
        terms_out.append(o if o is not None else _term(r, c))
    return _add_node(const, tuple(pairs), tuple(terms_out))


def _add_two(a: Expr, b: Expr) -> Expr | None:
    """a + b for two non-sums in the common easy cases; None to take the general path."""
    if b.is_Number:
        a, b = b, a
    if a.is_Number:
        if b.is_Number:
            return number(a.value + b.value)
        c, r = _split(b)
        v = a.value
        if r is oo or r is nan or r.is_Number or v != v:
            return None
        if v == 0:
            return b
        return _add_node(v, ((r, c),), (b,), None, a)
    ca, ra = _split(a)
    cb, rb = _split(b)
    if ra is rb or ra is oo or rb is oo or ra is nan or rb is nan:
        return None
    ka, kb = ra.sort_key(), rb.sort_key()
    if kb < ka:
        return _add_node(0, ((rb, cb), (ra, ca)), (b, a), [kb, ka])
    return _add_node(0, ((ra, ca), (rb, cb)), (a, b), [ka, kb])


def _pair_keys(a: Add) -> list:
    """The sort keys of a sum's terms (cached on the node)."""
    f = a._facts
    if f is None:
        f = a._facts = {}
    k = f.get("keys")
    if k is None:
        k = f["keys"] = [r.sort_key() for r, _ in a._pairs]
    return k


def _add_one(a: Add, b: Expr) -> Expr | None:
    """a + b for a sum a and a single term or number b, without re-sorting a's terms."""
    if b.is_Number:
        v = b.value
        if isinstance(v, float) and v != v:
            return None
        const = a._const + v
        terms = a._args[1:] if a._const != 0 else a._args
        if len(terms) == 1 and const == 0:
            return terms[0]
        return _add_node(const, a._pairs, terms, _pair_keys(a))
    c, r = _split(b)
    if r is oo or r is nan:
        return None
    keys = _pair_keys(a)
    k = r.sort_key()
    i = bisect_left(keys, k)
    pairs = list(a._pairs)
    terms = list(a._args[1:] if a._const != 0 else a._args)
    keys = list(keys)
    if i < len(pairs) and pairs[i][0] is r:
        c = pairs[i][1] + c
        if c == 0:
            del pairs[i], terms[i], keys[i]
        else:
            pairs[i] = (r, c)
            terms[i] = _term(r, _norm(c))
    else:
        pairs.insert(i, (r, c))
        terms.insert(i, b)
        keys.insert(i, k)
    if not pairs:
        return number(a._const)
    if len(pairs) == 1 and a._const == 0:
        return terms[0]
    return _add_node(a._const, tuple(pairs), tuple(terms), keys)


def _pair_key(rc: tuple[Expr, Raw]) -> tuple:
    return rc[0].sort_key()


def primitive(a: Add) -> tuple[Raw, Expr]:
    """(content, primitive sum) with ``a == content*primitive``.

    The content is the positive rational gcd of the coefficients, negated when that
    makes the primitive part lead with a positive term: ``-2*x - 2 -> (-2, x + 1)``.
    Sums with float coefficients are their own primitive part.
    """
    p = a._prim
    if p is not None:
        return (1, a) if p is True else p
    # Fast path, one loop: integer coefficients with gcd 1 and a positive lead.
    g = a._const if type(a._const) is int else None  # None: not all integers
    neg = 0
    for _, c in a._pairs:
        if g is None or type(c) is not int:
            g = None
            break
        if g != 1:
            g = gcd(g, c)
        if c < 0:
            neg += 1
    else:
        pos = len(a._pairs) - neg
        if g == 1 and (neg < pos or (neg == pos and _print_lead(a._pairs)[1] > 0)):
            a._prim = True  # itself (a cached (1, a) would be a reference cycle)
            return (1, a)
    coeffs = [c for _, c in a._pairs]
    if a._const != 0:
        coeffs.append(a._const)
    if any(isinstance(c, float) for c in coeffs):
        # no gcd for floats, but the sign is normalized all the same
        if could_extract_minus_sign(a):
            r = a._prim = (-1, _add_parts(-a._const, tuple((t, -c) for t, c in a._pairs)))
        else:
            a._prim = True
            return (1, a)
        return r
    if all(isinstance(c, int) for c in coeffs):
        content: Raw = gcd(*coeffs)
    else:
        num = 0
        den = 1
        for c in coeffs:
            c = Fraction(c)
            num = gcd(num, c.numerator)
            den = den * c.denominator // gcd(den, c.denominator)
        content = _norm(Fraction(num, den))
    if could_extract_minus_sign(a):
        content = -content
    if content == 1:
        a._prim = True
        return (1, a)
    prim = _add_parts(Fraction(a._const) / content,
                      tuple((t, _scaled(t, c, content)) for t, c in a._pairs))
    r = a._prim = (content, prim)
    return r


def _scaled(t: Expr, c: Raw, content: Raw) -> Raw:
    """The coefficient ``c/content`` of the term ``t`` in a primitive part; a term with
    the factor ``oo`` keeps only the sign (``-oo*x``, never ``-2*oo*x``)."""
    q = Fraction(c) / content
    if t is oo or (t.is_Mul and oo in t._factors):
        return 1 if q > 0 else -1
    return q


def _term(rest: Expr, c: Raw) -> Expr:
    """c*rest where rest is a coefficient-free, non-Add, non-number term."""
    if c == 1 and not isinstance(c, float):
        return rest
    if rest.is_Mul:
        return _mul_parts(c, rest._factors)
    return _mul_parts(c, (rest,))


def _add_parts(const: Raw, pairs: tuple) -> Expr:
    """Trusted constructor: pairs are sorted, coefficients nonzero, rests canonical."""
    pairs = tuple((r, _norm(c)) for r, c in pairs)
    return _add_node(const, pairs, tuple(_term(r, c) for r, c in pairs))


def _add_node(const: Raw, pairs: tuple, terms: tuple, keys: list | None = None,
              cnum: Expr | None = None) -> Expr:
    """Intern the Add with these (sorted) pairs and their term objects.

    ``cnum`` may pass the constant's number expression when the caller has it.
    """
    if type(const) is Fraction and const.denominator == 1:
        const = const.numerator
    elif type(const) is float and const in (inf, -inf):  # an overflowed constant
        return add(oo if const > 0 else mul(-1, oo), *terms)
    if const == 0:
        args = terms
    else:
        args = (cnum if cnum is not None else number(const),) + terms
    key = args  # the one node kind keyed by its bare args (every other key starts with a tag)
    o = lookup(key)
    if o is None:
        o = object.__new__(Add)
        o._args = args
        o._const = const
        o._pairs = pairs
        o._prim = None
        o._skey = None
        o._facts = None if keys is None else {"keys": keys}
        o = register(key, o)
    return o


# =========================================================================== Mul


class Mul(Expr):
    """A product: numeric coefficient times powers of distinct bases."""

    __slots__ = ("_coeff", "_factors", "_restc")
    is_Mul = True
    _coeff: Raw
    _factors: tuple

    def __new__(cls, *args: Any) -> Expr:
        return mul(*args)

    def _make_sort_key(self) -> tuple:
        return (5, *map(_sort_key, self._args))

    @property
    def func(self):
        return Mul

    def as_coeff_mul(self) -> tuple[Raw, Expr]:
        return self._coeff, self._rest()

    def _rest(self) -> Expr:
        """This product without its numeric coefficient."""
        if self._coeff == 1 and type(self._coeff) is int:
            return self  # (not cached on itself: that would be a reference cycle)
        r = self._restc
        if r is None:
            fs = self._factors
            r = self._restc = fs[0] if len(fs) == 1 else _mul_parts(1, fs)
        return r

    @property
    def factors(self) -> tuple[Expr, ...]:
        """The non-numeric factors."""
        return self._factors

    @property
    def coeff(self) -> Number:
        return number(self._coeff)


def _key(f: Expr) -> tuple:
    k = f._skey
    return k if k is not None else f.sort_key()


def _base_key(f: Expr) -> tuple:
    """Factors sort by their base, ties (exp(u) beside exp(u)^(-1/2)) by the whole factor.

    Without the tie-break the order of such factors followed insertion order, so a
    product printed and parsed back could be a different object (found by fuzzing).
    """
    if f.is_Pow:
        return (_key(f._args[0]), _key(f))
    k = _key(f)
    return (k, k)


def _mul_parts(coeff: Raw, factors: tuple, cnum: Expr | None = None) -> Expr:
    """Trusted constructor: factors sorted with distinct bases, coefficient nonzero.

    ``cnum`` may pass the coefficient's number expression when the caller has it.
    """
    if type(coeff) is Fraction and coeff.denominator == 1:
        coeff = coeff.numerator
    elif type(coeff) is float and coeff in (inf, -inf):  # an overflowed coefficient
        return mul(1 if coeff > 0 else -1, oo, *factors)
    if not factors:
        return number(coeff)
    if coeff == 1 and type(coeff) is not float:
        if len(factors) == 1:
            return factors[0]
        args = factors
        key = ("Mul", ONE) + factors
    else:
        c = cnum if cnum is not None else number(coeff)
        args = (c,) + factors
        key = ("Mul",) + args
    ref = _tget(key)
    if ref is not None:
        o = ref()
        if o is not None:
            return o
    o = object.__new__(Mul)
    o._args = args
    o._coeff = coeff
    o._factors = factors
    o._restc = None
    o._skey = None
    o._facts = None
    r = _Ref(o, _forget)
    r.key = key
    old = _tset(key, r)
    return o if old is r else _settle(key, old, r, o)


def _plain(e: Expr) -> bool:
    """A factor that needs no canonical work beside a number or another plain factor."""
    if e.is_Symbol:
        return True
    if e.is_Function:
        return e.fdef.name != "exp"
    if e.is_Pow:
        return not e._args[0].is_Number
    return False


def mul(*args: Any) -> Expr:
    """Canonical product of the arguments."""
    try:
        if len(args) == 2:
            a, b = args
            if not isinstance(a, Expr):
                a = as_expr(a)
            if not isinstance(b, Expr):
                b = as_expr(b)
            if b.is_Number and not a.is_Number:
                a, b = b, a
            if a.is_Boolean or b.is_Boolean:
                _no_boolean(a, b)
            if a.is_Number:
                v = a.value
                if b.is_Number:
                    w = v * b.value
                    return ZERO if w == 0 else number(w)
                if v == 1 and not isinstance(v, float):
                    return b
                if v != 0 and v == v:
                    if b.is_Mul and oo not in b._factors:
                        return _mul_parts(v * b._coeff, b._factors)
                    if _plain(b):
                        return _mul_parts(v, (b,), a)
            elif _plain(a) and _plain(b):
                ba = a._args[0] if a.is_Pow else a
                bb = b._args[0] if b.is_Pow else b
                if ba is not bb:
                    ka, kb = ba.sort_key(), bb.sort_key()
                    return _mul_parts(1, (a, b) if ka < kb else (b, a))
        coeff: Raw = 1
        # base -> its exponent, or the list of its exponents once it is seen twice
        # (no list per base: products of thousands of distinct factors are common)
        powers: dict[Expr, Any] = {}
        sums = 0
        gauss = False  # I or a sum a + b*I among the bases: Gaussian numbers fold
        for a in args:
            if not isinstance(a, Expr):
                a = as_expr(a)
            if a.is_Number:
                coeff *= a.value
                continue
            if a.is_Add or a.is_Symbol:  # its own base, to the power 1: the common case
                if a.is_Add:
                    if a._prim is not True:
                        sums += 1
                    if len(a._pairs) == 1 and a._pairs[0][0] is I:
                        gauss = True
                old = powers.get(a)
                if old is None:
                    powers[a] = ONE
                elif type(old) is list:
                    old.append(ONE)
                else:
                    powers[a] = [old, ONE]
                continue
            if a.is_Boolean:
                _no_boolean(a)
            if a is nan:
                return nan
            for f in (a._factors if a.is_Mul else (a,)):
                b, e = f.as_base_exp()
                if b.is_Add:
                    sums += 1
                    if is_gaussian_add(b):
                        gauss = True
                elif b is I:
                    gauss = True
                old = powers.get(b)
                if old is None:
                    powers[b] = e
                elif type(old) is list:
                    old.append(e)
                else:
                    powers[b] = [old, e]
            if a.is_Mul:
                coeff *= a._coeff
        if gauss:
            coeff = _fold_gaussians(powers, coeff)
        if sums and len(powers) > 1:
            # A sum among other factors is made primitive, so that x*(-x - y) and
            # -x*(x + y) are one object whichever way the product was associated.
            for b in [b for b in powers if b.is_Add]:
                exps = powers[b]
                if type(exps) is not list:
                    if not (exps.is_Number and type(exps.value) is int):
                        continue
                    exps = [exps]
                elif not all(_is_int(e) for e in exps):
                    continue
                c, prim = primitive(b)
                if c == 1:
                    continue
                del powers[b]
                for e in exps:
                    coeff *= Fraction(c) ** e.value
                old = powers.get(prim)
                if old is None:
                    powers[prim] = exps if len(exps) > 1 else exps[0]
                elif type(old) is list:
                    old.extend(exps)
                else:
                    powers[prim] = [old, *exps]
        if coeff != coeff:
            return _float(coeff)
        if coeff == 0:
            return nan if oo in powers else ZERO
        if not powers:
            return number(coeff)
        factors: list[Expr] = []
        radicals: list[tuple[Raw, Raw]] = []
        redo = False
        made_oo = False  # oo among the factors that was not a base (x^oo stays a power)
        for b, e in powers.items():
            if type(e) is list:
                e = add(*e)
            elif e is ONE and not b.is_Number:  # b was a factor of an argument: canonical
                factors.append(b)
                continue
            if b.is_Number and not isinstance(b.value, float) and e.is_Number \
                    and not isinstance(e.value, float):
                radicals.append((b.value, e.value))
                continue
            p = b if e is ONE else power(b, e)
            if p.is_Number:
                coeff *= p.value
            elif p.is_Mul:
                coeff *= p._coeff
                factors.extend(p._factors)
                redo = True
            elif p is nan:
                return nan
            else:
                if p is oo:
                    made_oo = True
                elif p is not b and p.as_base_exp()[0] is not b:
                    redo = True  # abs(x)^2 -> x^2: a new base, which may meet another x
                factors.append(p)
        if radicals:
            if len(radicals) == 1:
                p = power(number(radicals[0][0]), number(radicals[0][1]))
                if p.is_Number:
                    coeff *= p.value
                elif p.is_Mul:
                    coeff *= p._coeff
                    factors.extend(p._factors)
                else:
                    factors.append(p)
            else:
                res = radical_product(radicals)
                if res is None:
                    for b, e in radicals:
                        if b < 0 and e == Fraction(1, 2):  # I*sqrt(-b), never (-n)^(1/2)
                            factors.append(power(number(b), number(e)))
                            redo = True
                        else:
                            factors.append(_pow_node(number(b), number(e)))
                else:
                    c, rads = res
                    coeff *= c
                    rads, imag = _imaginary_radicals(rads)
                    factors.extend(_pow_node(number(b), number(f)) for b, f in rads)
                    if imag:
                        factors.append(I)
                        redo = True
        if redo:
            return mul(number(coeff), *factors)
        if coeff == 0:
            return ZERO
        if len(factors) == 1 and factors[0].is_Add and not (coeff == 1 and isinstance(coeff, int)):
            # Distribute a numeric coefficient over a single sum: 2*(x + 1) -> 2*x + 2.
            s = factors[0]
            return add(number(s._const * coeff), *(_term(r, c * coeff) for r, c in s._pairs))
        if (made_oo or oo in powers) and any(f is oo for f in factors):
            # oo absorbs positive factors: 3*oo = oo, pi*oo = oo, -x*oo/4 = -oo*x
            sign = 1 if coeff > 0 else -1
            kept = []
            for f in factors:
                s = A.sign_class(f) if f is not oo else None
                if s == "+":
                    continue
                if s == "-":
                    sign = -sign
                    continue
                kept.append(f)
            coeff, factors = sign, kept
        factors.sort(key=_base_key)
        return _mul_parts(coeff, tuple(factors))
    except OverflowError as err:  # a double times an exact number beyond it
        raise _too_large(err) from None


def _merge_power(powers: dict, b: Expr, e: Expr) -> None:
    old = powers.get(b)
    if old is None:
        powers[b] = e
    elif type(old) is list:
        old.append(e)
    else:
        powers[b] = [old, e]


def _fold_gaussians(powers: dict, coeff: Raw) -> Raw:
    """Multiply out the integer powers of Gaussian numbers among the bases of a product
    (``I``, ``1 + 2*I``) into one Gaussian number; return the new real coefficient.

    The product is then ``coeff`` times the bases left in ``powers`` (where the folded
    number was put back: nothing if real, ``I`` if imaginary, else its primitive part).
    """
    acc: tuple | None = None
    for b in [b for b in powers if b is I or (b.is_Add and is_gaussian_add(b))]:
        exps = powers[b]
        n = add(*exps) if type(exps) is list else exps
        if not _is_int(n):
            continue
        p = gpow(gaussian_parts(b), n.value)
        if p is None:
            if type(exps) is list:
                powers[b] = n
            continue
        del powers[b]
        acc = p if acc is None else gmul(acc, p)
    if acc is None:
        return coeff
    re, im = acc
    if im == 0:
        return coeff * re
    if re == 0:
        _merge_power(powers, I, ONE)
        return coeff * im
    if not powers and coeff != 0 and coeff == coeff and coeff not in (inf, -inf):
        # a Gaussian number alone: the sum c*re + c*im*I itself
        powers[_gaussian_expr((coeff * re, coeff * im))] = ONE
        return 1
    c, prim = primitive(_add_node(re, ((I, im),), (_term(I, im),)))
    _merge_power(powers, prim, ONE)
    return coeff * c


def _gaussian_expr(u: tuple) -> Expr:
    """The expression ``a + b*I`` for the pair ``(a, b)``."""
    re, im = u
    if im == 0:
        return number(re)
    t = _term(I, _norm(im))
    return t if re == 0 else _add_node(_norm(re), ((I, _norm(im)),), (t,))


def _imaginary_radicals(rads: list) -> tuple[list, bool]:
    """Rewrite ``(-n)^(1/2)`` among radical_product's output as ``I*n^(1/2)`` (principal
    branch, n > 0); True when a factor I came out."""
    out = []
    imag = False
    for b, f in rads:
        if b < 0 and f == Fraction(1, 2):
            imag = True
            if b == -1:
                continue
            b = -b
        out.append((b, f))
    return out, imag


# =========================================================================== Pow


class Pow(Expr):
    """base ^ exponent, kept unevaluated unless a rewrite is always valid."""

    __slots__ = ()
    is_Pow = True

    def __new__(cls, base: Any, exp: Any) -> Expr:
        return power(_coerce(base), _coerce(exp))

    def _make_sort_key(self) -> tuple:
        return (3, self._args[0].sort_key(), self._args[1].sort_key())

    @property
    def func(self):
        return Pow

    @property
    def base(self) -> Expr:
        return self._args[0]

    @property
    def exp(self) -> Expr:
        return self._args[1]

    def as_base_exp(self) -> tuple[Expr, Expr]:
        return self._args[0], self._args[1]


def _functions() -> Any:
    """The registry module (imported late: it is built on top of this one)."""
    from . import functions

    return functions


def _pow_node(b: Expr, e: Expr) -> Expr:
    key = ("Pow", b, e)
    ref = _tget(key)
    if ref is not None:
        o = ref()
        if o is not None:
            return o
    o = object.__new__(Pow)
    o._args = (b, e)
    o._skey = None
    o._facts = None
    r = _Ref(o, _forget)
    r.key = key
    old = _tset(key, r)
    return o if old is r else _settle(key, old, r, o)


def _is_int(e: Expr) -> bool:
    return e.is_Number and isinstance(e.value, int)


def _is_even_int(e: Expr) -> bool:
    return e.is_Number and isinstance(e.value, int) and e.value % 2 == 0


def power(b: Expr, e: Expr) -> Expr:
    """Canonical b^e."""
    try:
        if not isinstance(b, Expr):
            b = as_expr(b)
        if not isinstance(e, Expr):
            e = as_expr(e)
        o = lookup(("Pow", b, e))
        if o is not None:
            return o
        if e is ZERO:
            return ONE
        if e is ONE:
            return b
        if b is nan or e is nan:
            return nan
        if b.is_Boolean or e.is_Boolean:
            _no_boolean(b, e)
        if b is ONE:
            return nan if e is oo else ONE
        if b.is_Number and e.is_Number:
            return _pow_numbers(b, e)
        if (b is I or (b.is_Add and is_gaussian_add(b))) and _is_int(e):
            g = gpow(gaussian_parts(b), e.value)  # None: too large to compute
            return _pow_node(b, e) if g is None else _gaussian_expr(g)
        if b is _E:
            return _functions().exp(e)
        if b is oo:
            if A.is_positive(e):
                return oo
            if A.is_negative(e):
                return ZERO
        if e is oo and b.is_Number:
            v = abs(b.value)
            return oo if v > 1 else ZERO if v < 1 else nan
        if b is ZERO:
            if A.is_positive(e):
                return ZERO
            if A.is_negative(e):
                raise DomainError("division by zero: 0 raised to a negative power")
        if b.is_Pow:
            b0, e0 = b._args
            if _is_int(e) or (A.is_nonnegative(b0) and A.is_real(e0) and A.is_real(e)):
                return power(b0, mul(e0, e))
            if _is_even_int(e0) and e.is_Number and A.is_real(b0):
                return power(_functions().Abs(b0), mul(e0, e))
        elif b.is_Function:
            name = b.fdef.name
            if name == "exp" and (_is_int(e) or (A.is_real(b._args[0]) and A.is_real(e))):
                return _functions().exp(mul(b._args[0], e))
            if name == "abs" and _is_even_int(e) and A.is_real(b._args[0]):
                return power(b._args[0], e)
            if name == "cbrt" and _is_int(e) and e.value % 3 == 0 and A.is_real(b._args[0]):
                return power(b._args[0], number(e.value // 3))
        elif b.is_Add:
            c, prim = primitive(b)
            if c != 1:
                if _is_int(e):
                    return mul(power(number(c), e), power(prim, e))
                if c > 0:
                    return mul(power(number(c), e), power(prim, e))
                if c != -1:
                    return mul(power(number(-c), e), power(mul(MINUS_ONE, prim), e))
        elif b.is_Mul:
            if _is_int(e):
                return mul(*(power(f, e) for f in b._args))
            # (a*b)^e = a^e * b^e when a > 0 (principal branch): split off positive factors.
            pos: list[Expr] = []
            rest: list[Expr] = []
            c = b._coeff
            if c != 1 and c != -1:
                pos.append(number(abs(c)))
                if c < 0:
                    rest.append(MINUS_ONE)
            elif c == -1:
                rest.append(MINUS_ONE)
            for f in b._factors:
                (pos if A.is_nonnegative(f) else rest).append(f)
            if pos:
                return mul(*(power(f, e) for f in pos), power(mul(*rest), e))
        return _pow_node(b, e)
    except OverflowError as err:  # a double times an exact number beyond it
        raise _too_large(err) from None


def _pow_numbers(b: Number, e: Number) -> Expr:
    bv, ev = b.value, e.value
    if isinstance(ev, int):
        if bv == 0 and ev < 0:
            raise DomainError("division by zero")
        r = raw_pow_int(bv, ev)
        return _pow_node(b, e) if r is None else number(r)
    if isinstance(bv, float) or isinstance(ev, float):
        if bv == 0:
            if ev < 0:
                raise DomainError("division by zero")
            return _float(0.0) if isinstance(bv, float) or isinstance(ev, float) else ZERO
        if bv < 0:
            return _pow_node(b, e)  # complex value: stays a power
        try:
            return _float(float(bv) ** float(ev))
        except OverflowError:
            return _pow_node(b, e)
    # rational ^ non-integer rational: canonical radical
    if bv == 0:
        if ev < 0:
            raise DomainError("division by zero")
        return ZERO
    res = radical_product([(bv, ev)])
    if res is None:
        return _pow_node(b, e)
    c, rads = res
    rads, imag = _imaginary_radicals(rads)
    factors = tuple(sorted((_pow_node(number(rb), number(f)) for rb, f in rads), key=_base_key))
    if imag:  # (-n)^(1/2) = I*sqrt(n)
        return mul(number(c), I, *factors)
    if not factors:
        return number(c)
    return _mul_parts(c, factors) if len(factors) > 1 or c != 1 else factors[0]


def could_extract_minus_sign(e: Expr) -> bool:
    """True if ``e`` reads more naturally as ``-(-e)``; used by odd/even functions.

    Exactly one of ``u`` and ``-u`` answers True (for u != 0), so ``sin(x - 1)`` stays
    and ``sin(1 - x)`` becomes ``-sin(x - 1)``.
    """
    if e.is_Number:
        return e.value < 0
    if e.is_Mul:
        return e._coeff < 0
    if e.is_Add:
        neg = sum(1 for _, c in e._pairs if c < 0)
        pos = len(e._pairs) - neg
        if neg != pos:
            return neg > pos
        return _print_lead(e._pairs)[1] < 0
    return False


def _print_lead(pairs: tuple) -> tuple:
    """The (term, coefficient) pair a printer shows first (see printing/order.py): the
    largest exponent vector over the symbols (alphabetical), lexicographically; ties by
    canonical order. Ties between signs are broken by it, so ``x^2 - x + 1`` keeps its
    sign (not ``-(x - x^2 - 1)``)."""
    vecs = []
    syms: dict = {}
    for t, _ in pairs:
        d: dict = {}
        for f in (t._factors if t.is_Mul else (t,)):
            if f.is_Symbol:
                d[f] = d.get(f, 0) + 1
            elif f.is_Pow and f._args[0].is_Symbol and f._args[1].is_Number:
                b = f._args[0]
                d[b] = d.get(b, 0) + f._args[1].value
        syms.update(dict.fromkeys(d))
        vecs.append(d)
    order = sorted(syms, key=lambda s: s.sort_key())
    best = 0
    best_key = None
    for i, d in enumerate(vecs):
        key = [d.get(s, 0) for s in order]
        if best_key is None or key > best_key:
            best, best_key = i, key
    return pairs[best]


def _wire() -> None:
    from .expr import _ops

    _ops.Add = add
    _ops.add2 = add2
    _ops.Mul = mul
    _ops.Pow = power


_wire()
