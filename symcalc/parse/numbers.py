"""Number literals the grammar would misread, refused before parsing with a hint.

Implicit multiplication makes some typos valid text with another meaning: ``0x10``
would be ``0*x10``, ``1_000`` would be ``1*_000`` and ``1e`` or ``2.5e-`` would be a
product with the symbol ``e``. A number written directly (no space) before ``x``,
``b``, ``o`` after a leading ``0``, before ``_``, or before an exponent letter with no
digits, raises a :class:`~symcalc.ParseError` saying what to write instead.

>>> from symcalc import parse
>>> try:
...     parse("0x10")
... except ValueError as err:
...     print(err.message)
hexadecimal literals are not supported: 0x10 is 16; write 16 (or 0*x10 for a product)
"""

from __future__ import annotations

import re

from ..errors import ParseError

# one way to split a literal only: "[0-9]+\.?[0-9]*" could split a run of n digits in n
# ways, and the search backtracked through all of them (minutes for 30,000 digits)
_DIGITS = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
# Strings are matched (and skipped) so that "0x1" in method="0x1" is left alone.
_SUSPECT = re.compile(
    r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
    r"|(?<![\w.'])(?:(?P<radix>0[xXbBoO][0-9a-fA-F])"
    rf"|(?P<under>{_DIGITS}(?:[eE][+-]?[0-9]+)?_)"
    rf"|(?P<exp>{_DIGITS}[eE](?:[+-](?![0-9])|(?![\w+-]))))")
_QUICK = re.compile(r"[0-9.][_eExXbBoO]")
_RADIX = {"x": ("hexadecimal", 16), "b": ("binary", 2), "o": ("octal", 8)}


def check_numbers(text: str) -> None:
    """Raise ParseError at a number literal that implicit multiplication would misread."""
    if _QUICK.search(text) is None:
        return
    for m in _SUSPECT.finditer(text):
        kind = m.lastgroup
        if kind is None:
            continue
        start = m.start()
        if kind == "radix":
            word = re.match(r"0[xXbBoO]\w*", text[start:]).group()
            name, base = _RADIX[word[1].lower()]
            try:
                value = f"{word} is {int(word, 0)}; write {int(word, 0)}"
            except ValueError:
                value = "write the number in decimal"
            message = (f"{name} literals are not supported: {value} "
                       f"(or 0*{word[1:]} for a product)")
        elif kind == "under":
            word = re.match(r"[\w.]+", text[start:]).group()
            digits = word.replace("_", "")
            hint = f"write {digits}" if re.fullmatch(r"[0-9.]+(?:[eE][0-9]+)?", digits) \
                else f"write {m.group()[:-1]}*{word[len(m.group()) - 1:]} for a product"
            message = f"'_' cannot follow a number ({word!r}): {hint}"
        else:
            lit = m.group()
            mantissa = re.match(_DIGITS, lit).group()
            letter = lit[len(mantissa)]
            message = (f"incomplete exponent in the number {lit!r}: write {lit}0 for a "
                       f"number (or {mantissa.rstrip('.')}*{letter} for a product)")
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        raise ParseError(message, text, line, column)
