"""``Poly``: sparse multivariate polynomials with exact rational coefficients.

A polynomial is a map from exponent tuples to nonzero ``int``/``Fraction``
coefficients over an ordered tuple of generators. Generators are usually symbols but
may be any expression (``exp(x)``, ``sqrt(y)``) treated as an independent variable.
Monomials are ordered lexicographically with ``gens[0]`` the most significant.

>>> from symcalc import symbols
>>> x, y = symbols("x y")
>>> p = Poly.from_expr((x + y)**2)
>>> p
Poly(x^2 + 2*x*y + y^2, x, y)
>>> q, r = divmod(Poly.from_expr(x**3 - 1, [x]), Poly.from_expr(x - 1, [x]))
>>> q.as_expr(), r.as_expr()
(x^2 + x + 1, 0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from math import comb, gcd, lcm, log2
from typing import Any

from ..core.arithmetic import add, mul, power
from ..core.budget import check, check_terms, max_bits, max_terms
from ..core.expr import Expr
from ..core.numbers import number
from ..errors import LimitError, SymcalcError

#: A coefficient: an exact rational number.
Coeff = int | Fraction
Monom = tuple[int, ...]


class PolynomialError(SymcalcError, ValueError):
    """An expression is not a polynomial in the requested generators, or an
    operation is undefined for the given polynomials (e.g. division by zero)."""


def _norm(c: Coeff) -> Coeff:
    """A Fraction with denominator 1 becomes an int (so equal values compare and print alike)."""
    if type(c) is Fraction and c.denominator == 1:
        return c.numerator
    return c


def _scalar(v: Any) -> Coeff | None:
    """``v`` as an exact rational, or None if it is not one."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, Fraction):
        return _norm(v)
    if isinstance(v, Expr) and v.is_Number and isinstance(v.value, (int, Fraction)):
        return _norm(v.value)
    return None


def _gen_key(g: Expr) -> tuple:
    # Symbols first, then other generators; both in canonical expression order.
    return (0 if g.is_Symbol else 1, g.sort_key())


class Poly:
    """A multivariate polynomial over Q in the generators ``gens`` (immutable).

    >>> from symcalc import symbols
    >>> x = symbols("x")
    >>> p = Poly.from_expr(2*x**2 - 3, [x])
    >>> p.degree(), p.leading_coeff(), p(2)
    (2, 2, 5)
    """

    __slots__ = ("_terms", "_gens", "_hash")

    def __init__(self, terms: Mapping[Monom, Any], gens: Sequence[Expr]) -> None:
        gens = tuple(gens)
        n = len(gens)
        if len(set(gens)) != n:
            raise PolynomialError(f"repeated generators in {gens}")
        clean: dict[Monom, Coeff] = {}
        for m, c in terms.items():
            m = tuple(m)
            if len(m) != n or any((not isinstance(e, int)) or e < 0 for e in m):
                raise PolynomialError(f"monomial {m} does not fit the generators {gens}")
            v = _scalar(c)
            if v is None:
                raise PolynomialError(f"coefficient {c!r} is not an exact rational number")
            if v:
                clean[m] = _norm(clean.get(m, 0) + v)
                if not clean[m]:
                    del clean[m]
        self._terms = clean
        self._gens = gens
        self._hash = None

    @classmethod
    def _new(cls, terms: dict[Monom, Coeff], gens: tuple[Expr, ...]) -> Poly:
        """Trusted constructor: ``terms`` already normalized (no zeros, ints where possible)."""
        p = object.__new__(cls)
        p._terms = terms
        p._gens = gens
        p._hash = None
        return p

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_expr(cls, e: Any, gens: Iterable[Expr] | None = None) -> Poly:
        """The polynomial of the expression ``e``.

        Without ``gens``, the generators are the symbols and the non-polynomial
        subexpressions of ``e`` (``exp(x)``, ``x^(1/2)``, ``1/x``, ``pi``), symbols first.
        With ``gens``, every other leaf must be a rational number, otherwise
        :class:`PolynomialError` is raised.

        >>> from symcalc import symbols, exp
        >>> x = symbols("x")
        >>> Poly.from_expr(3*x*exp(x) + exp(x) + 1).degree_list()
        (1, 1)
        """
        from ..core.expr import as_expr

        e = as_expr(e)
        if gens is None:
            found: dict[Expr, None] = {}
            _collect_gens(e, found)
            gl = tuple(sorted(found, key=_gen_key))
        else:
            gl = tuple(as_expr(g) for g in gens)
            for g in gl:
                if g.is_Number:
                    raise PolynomialError(f"a number cannot be a generator: {g}")
        index = {g: i for i, g in enumerate(gl)}
        memo: dict[Expr, Poly] = {}
        return _convert(e, gl, index, memo)

    @classmethod
    def from_list(cls, coeffs: Sequence[Any], gen: Expr) -> Poly:
        """The univariate polynomial with the dense coefficients ``coeffs`` (highest first).

        >>> from symcalc import symbols
        >>> x = symbols("x")
        >>> Poly.from_list([1, 0, -2], x).as_expr()
        x^2 - 2
        """
        n = len(coeffs)
        return cls({(n - 1 - i,): c for i, c in enumerate(coeffs)}, (gen,))

    @classmethod
    def constant(cls, c: Any, gens: Sequence[Expr]) -> Poly:
        """The constant polynomial ``c`` over ``gens``."""
        gens = tuple(gens)
        return cls({(0,) * len(gens): c}, gens)

    @classmethod
    def gen(cls, i: int, gens: Sequence[Expr]) -> Poly:
        """The polynomial ``gens[i]``."""
        gens = tuple(gens)
        m = [0] * len(gens)
        m[i] = 1
        return cls._new({tuple(m): 1}, gens)

    def as_expr(self) -> Expr:
        """The canonical expression of this polynomial."""
        terms = []
        gens = self._gens
        for m, c in self._terms.items():
            fs = [power(g, number(k)) for g, k in zip(gens, m) if k]
            terms.append(mul(number(c), *fs))
        return add(*terms) if terms else number(0)

    # ------------------------------------------------------------------ inspection

    @property
    def gens(self) -> tuple[Expr, ...]:
        """The generators, most significant (in lex order) first."""
        return self._gens

    @property
    def terms(self) -> dict[Monom, Coeff]:
        """A copy of the map monomial -> coefficient."""
        return dict(self._terms)

    def terms_lex(self) -> list[tuple[Monom, Coeff]]:
        """The (monomial, coefficient) pairs, leading term first."""
        return sorted(self._terms.items(), reverse=True)

    @property
    def is_zero(self) -> bool:
        return not self._terms

    @property
    def is_constant(self) -> bool:
        return all(not any(m) for m in self._terms)

    @property
    def is_univariate(self) -> bool:
        return len(self._gens) == 1

    def _index(self, gen: int | Expr) -> int:
        if isinstance(gen, int):
            if not -len(self._gens) <= gen < len(self._gens):
                raise PolynomialError(f"generator index {gen} out of range for {self._gens}")
            return gen % len(self._gens)
        try:
            return self._gens.index(gen)
        except ValueError:
            raise PolynomialError(f"{gen} is not a generator of {self}") from None

    def degree(self, gen: int | Expr = 0) -> int:
        """Degree in one generator (index or expression); -1 for the zero polynomial."""
        if not self._terms:
            return -1
        if not self._gens:
            return 0
        i = self._index(gen)
        return max(m[i] for m in self._terms)

    def degree_list(self) -> tuple[int, ...]:
        """The degree in each generator."""
        return tuple(self.degree(i) for i in range(len(self._gens)))

    def total_degree(self) -> int:
        """The largest sum of exponents of a term; -1 for the zero polynomial."""
        return max((sum(m) for m in self._terms), default=-1)

    def leading_monom(self) -> Monom:
        """The lex-largest exponent tuple (zeros for the zero polynomial)."""
        return max(self._terms, default=(0,) * len(self._gens))

    def leading_coeff(self) -> Coeff:
        """The coefficient of the lex-leading monomial (0 for the zero polynomial)."""
        return self._terms[max(self._terms)] if self._terms else 0

    def leading_term(self) -> Poly:
        """The lex-leading term as a polynomial."""
        if not self._terms:
            return self
        m = max(self._terms)
        return Poly._new({m: self._terms[m]}, self._gens)

    def coeff_monom(self, m: Monom) -> Coeff:
        """The coefficient of the monomial ``m`` (0 if absent)."""
        return self._terms.get(tuple(m), 0)

    def all_coeffs(self) -> list[Coeff]:
        """Dense coefficients of a univariate polynomial, highest degree first."""
        self._require_univariate("all_coeffs")
        d = self.degree()
        if d > 1000:
            from ..core.budget import check_terms

            shown = str(d) if d < 10**12 else f"about 2^{d.bit_length() - 1}"
            check_terms(d + 1, f"dense coefficients of a polynomial of degree {shown}")
        return [self._terms.get((k,), 0) for k in range(d, -1, -1)] if d >= 0 else [0]

    def _require_univariate(self, what: str) -> None:
        if len(self._gens) != 1:
            raise PolynomialError(f"{what} needs a univariate polynomial, got gens {self._gens}")

    # ------------------------------------------------------------------ protocol

    def __repr__(self) -> str:
        gs = ", ".join(str(g) for g in self._gens)
        return f"Poly({self.as_expr()}{', ' + gs if gs else ''})"

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, Poly):
            if self._gens == other._gens:
                return self._terms == other._terms
            a, b = _unify(self, other)
            return a._terms == b._terms
        c = _scalar(other)
        if c is None:
            return NotImplemented
        return self._terms == ({(0,) * len(self._gens): c} if c else {})

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = self._hash = hash((self._gens, frozenset(self._terms.items())))
        return h

    def __bool__(self) -> bool:
        return bool(self._terms)

    # ------------------------------------------------------------------ arithmetic

    def _coerce(self, other: Any) -> tuple[Poly, Poly] | None:
        if isinstance(other, Poly):
            return (self, other) if self._gens == other._gens else _unify(self, other)
        c = _scalar(other)
        if c is not None:
            return self, Poly.constant(c, self._gens)
        if isinstance(other, Expr):
            o = Poly.from_expr(other)
            return _unify(self, o)
        return None

    def __add__(self, other: Any) -> Poly:
        ab = self._coerce(other)
        if ab is None:
            return NotImplemented
        a, b = ab
        t = dict(a._terms)
        for m, c in b._terms.items():
            v = t.get(m, 0) + c
            if v:
                t[m] = _norm(v)
            else:
                t.pop(m, None)
        return Poly._new(t, a._gens)

    __radd__ = __add__

    def __neg__(self) -> Poly:
        return Poly._new({m: -c for m, c in self._terms.items()}, self._gens)

    def __pos__(self) -> Poly:
        return self

    def __sub__(self, other: Any) -> Poly:
        ab = self._coerce(other)
        if ab is None:
            return NotImplemented
        return ab[0] + (-ab[1])

    def __rsub__(self, other: Any) -> Poly:
        ab = self._coerce(other)
        if ab is None:
            return NotImplemented
        return ab[1] + (-ab[0])

    def __mul__(self, other: Any) -> Poly:
        c = _scalar(other)
        if c is not None:
            return self.mul_scalar(c)
        ab = self._coerce(other)
        if ab is None:
            return NotImplemented
        a, b = ab
        work = len(a._terms) * len(b._terms)
        if work > max_terms() * 20:
            raise LimitError(f"multiplying polynomials with {len(a._terms)} and "
                             f"{len(b._terms)} terms is too much work (bound: 20 times the "
                             f"budget's terms = {max_terms() * 20} products); raise it with "
                             "sc.budget(terms=...)")
        t: dict[Monom, Coeff] = {}
        get = t.get
        for ma, ca in a._terms.items():
            check()
            for mb, cb in b._terms.items():
                m = tuple([i + j for i, j in zip(ma, mb)])
                t[m] = get(m, 0) + ca * cb
        return Poly._new({m: _norm(v) for m, v in t.items() if v}, a._gens)

    __rmul__ = __mul__

    def mul_scalar(self, c: Any) -> Poly:
        """This polynomial times the rational number ``c``."""
        c = _scalar(c)
        if c is None:
            raise PolynomialError("mul_scalar needs a rational number")
        if not c:
            return Poly._new({}, self._gens)
        return Poly._new({m: _norm(v * c) for m, v in self._terms.items()}, self._gens)

    def __truediv__(self, other: Any) -> Poly:
        """Division by a nonzero rational number, or exact division by a polynomial."""
        c = _scalar(other)
        if c is not None:
            if not c:
                raise PolynomialError("division of a polynomial by zero")
            return self.mul_scalar(Fraction(1) / c)
        if isinstance(other, Poly):
            return self.exquo(other)
        return NotImplemented

    def __pow__(self, n: Any) -> Poly:
        if isinstance(n, Expr) and n.is_Number:
            n = n.value
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise PolynomialError(f"a polynomial power needs a nonnegative integer, got {n!r}")
        k = len(self._terms)
        if k == 1:
            (m, c), = self._terms.items()
            c = Fraction(c)
            top = max(abs(c.numerator), c.denominator)
            if top > 1 and (n > max_bits() or n * log2(top) > max_bits()):
                raise LimitError(f"the coefficient ({c})^{n} would have more than the "
                                 f"budget's {max_bits()} bits; raise it with "
                                 "sc.budget(bits=...)")
            return Poly._new({tuple(e * n for e in m): _norm(c ** n)}, self._gens)
        if k > 1 and n > 1:
            # Bound the size before computing (number of monomials of degree <= n*d).
            est = comb(k + n - 1, n)
            box = 1
            for d in self.degree_list():
                box *= d * n + 1
            check_terms(min(est, box), f"the power would have about {min(est, box)} terms")
        result = Poly.constant(1, self._gens)
        base = self
        while n:
            if n & 1:
                result = result * base
            n >>= 1
            if n:
                base = base * base
        return result

    # ------------------------------------------------------------------ division

    def div(self, other: Poly) -> tuple[Poly, Poly]:
        """Quotient and remainder by the lex division algorithm over Q.

        For univariate polynomials this is Euclidean division (``deg r < deg other``);
        in several variables no term of ``r`` is divisible by the leading term of ``other``.
        """
        a, b = _as_pair(self, other)
        if b.is_zero:
            raise PolynomialError("polynomial division by zero")
        mb = max(b._terms)
        cb = Fraction(b._terms[mb])
        btems = list(b._terms.items())
        p = dict(a._terms)
        q: dict[Monom, Coeff] = {}
        r: dict[Monom, Coeff] = {}
        while p:
            mp = max(p)
            cp = p[mp]
            if all(i >= j for i, j in zip(mp, mb)):
                dm = tuple([i - j for i, j in zip(mp, mb)])
                f = _norm(cp / cb)
                q[dm] = f
                for m, c in btems:
                    mm = tuple([i + j for i, j in zip(m, dm)])
                    v = p.get(mm, 0) - f * c
                    if v:
                        p[mm] = _norm(v)
                    else:
                        p.pop(mm, None)
                p.pop(mp, None)  # cancelled exactly
            else:
                r[mp] = cp
                del p[mp]
        return Poly._new(q, a._gens), Poly._new(r, a._gens)

    def __divmod__(self, other: Any) -> tuple[Poly, Poly]:
        return self.div(other)

    def __floordiv__(self, other: Any) -> Poly:
        return self.div(other)[0]

    def __mod__(self, other: Any) -> Poly:
        return self.div(other)[1]

    def exquo(self, other: Poly) -> Poly:
        """Exact quotient; :class:`PolynomialError` if ``other`` does not divide ``self``."""
        q, r = self.div(other)
        if not r.is_zero:
            raise PolynomialError(f"{other.as_expr()} does not divide {self.as_expr()}")
        return q

    def pdiv(self, other: Poly, gen: int | Expr = 0) -> tuple[Poly, Poly]:
        """Pseudo-division in one generator: ``lc^k * self == q*other + r`` with
        ``k = max(deg self - deg other + 1, 0)``, ``lc`` the leading coefficient of ``other``
        in ``gen`` (a polynomial in the other generators) and ``deg r < deg other``.

        >>> from symcalc import symbols
        >>> x = symbols("x")
        >>> q, r = Poly.from_expr(x**2 + 1, [x]).pdiv(Poly.from_expr(2*x + 1, [x]))
        >>> q.as_expr(), r.as_expr()
        (2*x - 1, 5)
        """
        a, b = _as_pair(self, other)
        if b.is_zero:
            raise PolynomialError("pseudo-division by zero")
        i = a._index(gen)
        db = b.degree(i)
        lcb = b.coeff_in(i, db)
        k = max(a.degree(i) - db + 1, 0)
        q = Poly._new({}, a._gens)
        r = a
        x = Poly.gen(i, a._gens)
        while not r.is_zero and r.degree(i) >= db:
            dr = r.degree(i)
            t = r.coeff_in(i, dr) * x ** (dr - db)
            q = q * lcb + t
            r = r * lcb - t * b
            k -= 1
        if k:
            f = lcb ** k
            q, r = q * f, r * f
        return q, r

    def prem(self, other: Poly, gen: int | Expr = 0) -> Poly:
        """The pseudo-remainder (see :meth:`pdiv`)."""
        return self.pdiv(other, gen)[1]

    def coeff_in(self, gen: int | Expr, k: int) -> Poly:
        """The coefficient of ``gen^k``: a polynomial over the same gens, free of ``gen``."""
        i = self._index(gen)
        t = {}
        for m, c in self._terms.items():
            if m[i] == k:
                t[m[:i] + (0,) + m[i + 1:]] = c
        return Poly._new(t, self._gens)

    # ------------------------------------------------------------------ content

    def content(self) -> Coeff:
        """The positive rational gcd of the coefficients (0 for the zero polynomial)."""
        num = 0
        den = 1
        for c in self._terms.values():
            if type(c) is int:
                num = gcd(num, c)
            else:
                num = gcd(num, c.numerator)
                den = lcm(den, c.denominator)
        return _norm(Fraction(num, den)) if num else 0

    def primitive(self) -> tuple[Coeff, Poly]:
        """``(c, p)`` with ``self == c*p``, ``p`` integral with coprime coefficients and a
        positive leading coefficient.

        >>> from symcalc import Rational, symbols
        >>> x = symbols("x")
        >>> Poly.from_expr(-x/2 - Rational(3, 4), [x]).primitive()
        (Fraction(-1, 4), Poly(2*x + 3, x))
        """
        if self.is_zero:
            return 0, self
        c = self.content()
        if self.leading_coeff() < 0:
            c = -c
        return c, self.mul_scalar(Fraction(1) / c)

    def primitive_part(self) -> Poly:
        return self.primitive()[1]

    def monic(self) -> Poly:
        """This polynomial divided by its leading coefficient (zero stays zero)."""
        if self.is_zero:
            return self
        return self.mul_scalar(Fraction(1) / Fraction(self.leading_coeff()))

    # ------------------------------------------------------------------ calculus, values

    def diff(self, gen: int | Expr = 0, n: int = 1) -> Poly:
        """The ``n``-th derivative with respect to a generator."""
        i = self._index(gen)
        p = self
        for _ in range(n):
            t: dict[Monom, Coeff] = {}
            for m, c in p._terms.items():
                k = m[i]
                if k:
                    t[m[:i] + (k - 1,) + m[i + 1:]] = c * k
            p = Poly._new(t, self._gens)
        return p

    def evaluate(self, gen: int | Expr, value: Any) -> Poly:
        """Substitute a rational number or a polynomial for one generator.

        The result keeps the other generators (and those of ``value``); a numeric value
        removes ``gen`` from the generators.

        >>> from symcalc import symbols
        >>> x, y = symbols("x y")
        >>> Poly.from_expr(x**2 + x*y).evaluate(x, 2)
        Poly(2*y + 4, y)
        """
        i = self._index(gen)
        c = _scalar(value)
        if c is not None:
            t: dict[Monom, Coeff] = {}
            for m, v in self._terms.items():
                mm = m[:i] + m[i + 1:]
                t[mm] = t.get(mm, 0) + v * Fraction(c) ** m[i]
            gens = self._gens[:i] + self._gens[i + 1:]
            return Poly._new({m: _norm(v) for m, v in t.items() if v}, gens)
        if isinstance(value, Expr):
            value = Poly.from_expr(value)
        if not isinstance(value, Poly):
            raise PolynomialError(f"cannot substitute {value!r} into a polynomial")
        # Composition: Horner's scheme in gen with coefficients free of gen.
        rest = self._gens[:i] + self._gens[i + 1:]
        gens = rest + tuple(g for g in value._gens if g not in rest)
        value = value.reorder(gens)
        acc = Poly._new({}, gens)
        for k in range(self.degree(i), -1, -1):
            ck = self.coeff_in(i, k)
            ck = Poly._new({m[:i] + m[i + 1:]: v for m, v in ck._terms.items()}, rest)
            acc = acc * value + ck.reorder(gens)
        return acc

    def compose(self, gen: int | Expr, value: Poly | Expr) -> Poly:
        """``self`` with the polynomial ``value`` substituted for ``gen``."""
        return self.evaluate(gen, value)

    def __call__(self, *values: Any) -> Coeff:
        """Evaluate at rational values of all generators, in order."""
        if len(values) != len(self._gens):
            raise PolynomialError(f"expected {len(self._gens)} values, got {len(values)}")
        vs = []
        for v in values:
            c = _scalar(v)
            if c is None:
                raise PolynomialError(f"cannot evaluate a polynomial at {v!r}")
            vs.append(Fraction(c))
        total: Coeff = 0
        for m, c in self._terms.items():
            t = Fraction(c)
            for v, k in zip(vs, m):
                if k:
                    t *= v ** k
            total += t
        return _norm(Fraction(total))

    def reorder(self, gens: Sequence[Expr]) -> Poly:
        """The same polynomial over ``gens`` (a superset of the generators it uses)."""
        gens = tuple(gens)
        pos = []
        for j, g in enumerate(self._gens):
            if g in gens:
                pos.append(gens.index(g))
            elif any(m[j] for m in self._terms):
                raise PolynomialError(f"{g} occurs in the polynomial but not in {gens}")
            else:
                pos.append(-1)
        n = len(gens)
        t = {}
        for m, c in self._terms.items():
            mm = [0] * n
            for e, p in zip(m, pos):
                if p >= 0:
                    mm[p] = e
            t[tuple(mm)] = c
        return Poly._new(t, gens)


# ---------------------------------------------------------------------- helpers


def _unify(a: Poly, b: Poly) -> tuple[Poly, Poly]:
    """Both polynomials over the union of their generators (a's first, then b's new ones)."""
    gens = a._gens + tuple(g for g in b._gens if g not in a._gens)
    return a.reorder(gens), b.reorder(gens)


def _as_pair(a: Poly, b: Any) -> tuple[Poly, Poly]:
    ab = a._coerce(b)
    if ab is None:
        raise PolynomialError(f"cannot use {b!r} as a polynomial")
    return ab


def _collect_gens(e: Expr, found: dict[Expr, None]) -> None:
    seen: set[int] = set()
    stack = [e]
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if n.is_Number:
            continue
        if n.is_Add or n.is_Mul:
            stack.extend(n.args)
        elif n.is_Pow and _nonneg_int(n.args[1]):
            stack.append(n.args[0])
        else:
            found[n] = None


def _nonneg_int(e: Expr) -> bool:
    return e.is_Number and isinstance(e.value, int) and e.value >= 0


def _convert(e: Expr, gens: tuple[Expr, ...], index: dict[Expr, int],
             memo: dict[Expr, Poly]) -> Poly:
    p = memo.get(e)
    if p is not None:
        return p
    i = index.get(e)
    if i is not None:
        p = Poly.gen(i, gens)
    elif e.is_Number:
        c = _scalar(e)
        if c is None:
            raise PolynomialError(f"the coefficient {e} is not an exact rational number")
        p = Poly.constant(c, gens)
    elif e.is_Add:
        p = Poly._new({}, gens)
        for a in e.args:
            p = p + _convert(a, gens, index, memo)
    elif e.is_Mul:
        p = Poly.constant(1, gens)
        for a in e.args:
            p = p * _convert(a, gens, index, memo)
    elif e.is_Pow and _nonneg_int(e.args[1]):
        p = _convert(e.args[0], gens, index, memo) ** e.args[1].value
    else:
        gs = ", ".join(str(g) for g in gens) or "no generators"
        raise PolynomialError(f"{e} is not a polynomial in {gs}; add it to the generators "
                              "or leave gens=None to infer them")
    memo[e] = p
    return p
