"""The ``symcalc`` command line (``python -m symcalc``)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point: one-shot evaluation of an expression, or a usage message."""
    import symcalc

    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(f"symcalc {symcalc.__version__} — symbolic calculus for machine learning\n"
              "usage: symcalc EXPRESSION     print the canonical form of EXPRESSION\n"
              "       symcalc --version")
        return 0
    if args[0] == "--version":
        print(f"symcalc {symcalc.__version__}")
        return 0
    try:
        e = symcalc.parse(" ".join(args))
    except symcalc.SymcalcError as err:
        print(err, file=sys.stderr)
        return 1
    print(e)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
