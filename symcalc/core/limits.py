"""The defaults of the budget (:mod:`symcalc.core.budget`) and the parser's bounds.

Prefer ``with symcalc.budget(seconds=..., nodes=..., terms=..., bits=...):`` to change
the budget for a block; assigning these names changes the defaults for the whole
process (``symcalc.core.limits.MAX_EXPAND_TERMS = 10**6``).
"""

#: Seconds each top-level operation (diff, integrate, simplify, expand, factor, solve,
#: series, limit, printing, plotting) may run before it raises LimitError.
DEFAULT_SECONDS = 60.0

#: Nodes one operation may build (a derivative's new nodes, the terms of a printed sum,
#: plot samples), and the highest derivative order.
MAX_NODES = 1_000_000

#: Exact integer powers are computed only when the result has at most this many bits;
#: larger ones (``2^(10^10)``) stay unevaluated powers.
MAX_EXACT_BITS = 100_000

#: ``expand`` and polynomial arithmetic refuse (LimitError) to build more terms than this.
MAX_EXPAND_TERMS = 200_000

#: Integers larger than this are not factored when reducing radicals (``sqrt(n)``);
#: only small prime factors and perfect powers are extracted from them.
MAX_FACTOR_INT = 10**24

#: Parser: maximum nesting depth of parentheses, function calls and powers.
MAX_PARSE_DEPTH = 200

#: Parser: maximum number of digits of an integer literal.
MAX_INT_DIGITS = 10_000

#: Numeric evaluation (evalf, N) refuses (LimitError) a power or function argument whose
#: size needs more than this many bits just to write its binary exponent: 2^(2^65536)
#: is too large to evaluate, 2^(10^400) (an exponent of 1329 bits) is fine.
MAX_EVALF_EXPONENT_BITS = 4096
