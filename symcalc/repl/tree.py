"""``:tree``: an expression DAG drawn as a tree, shared subexpressions marked.

Expressions are hash-consed, so a subexpression that occurs twice is one node with
two parents -- the computational graph a compiler or reverse-mode AD walks. The
drawing shows each shared node once, tagged ``[1]``, ``[2]``, ...; later occurrences
say ``→ [1]`` instead of repeating the subtree. Symbols and numbers are not marked.

>>> import symcalc as sc
>>> print(draw(sc.parse("sin(x^2) + cos(x^2)*x^2")))
+
├── sin
│   └── ^  [1]
│       ├── x
│       └── 2
└── *
    ├── ^  → [1]
    └── cos
        └── ^  → [1]
(1 shared node; 7 distinct nodes in all)
"""

from __future__ import annotations

from ..core import Expr

_LABELS = {"Add": "+", "Mul": "*", "Pow": "^"}


def label(e: Expr) -> str:
    """The text of one node: an operator, a function name, or a leaf."""
    if not e.args:
        from ..printing.str import sstr

        return sstr(e)
    head = e.head
    return _LABELS.get(head, head)


def _parents(e: Expr) -> dict[Expr, int]:
    """How many edges enter each node of the DAG."""
    count: dict[Expr, int] = {}
    stack = [e]
    seen = {e}
    while stack:
        n = stack.pop()
        for a in n.args:
            count[a] = count.get(a, 0) + 1
            if a not in seen:
                seen.add(a)
                stack.append(a)
    return count


def draw(e: Expr, max_lines: int = 400) -> str:
    """The DAG of ``e`` as an indented tree; shared compound nodes appear once."""
    parents = _parents(e)
    shared = {n for n, k in parents.items() if k > 1 and n.args}
    tags: dict[Expr, int] = {}
    lines: list[str] = []
    # Iterative depth-first walk (deep expressions must not hit the recursion limit).
    stack: list[tuple[Expr, str, str]] = [(e, "", "")]
    while stack:
        node, lead, rest = stack.pop()
        if len(lines) >= max_lines:
            lines.append("... (truncated)")
            break
        text = label(node)
        if node in tags:
            lines.append(f"{lead}{text}  → [{tags[node]}]")
            continue
        if node in shared:
            tags[node] = len(tags) + 1
            text += f"  [{tags[node]}]"
        lines.append(lead + text)
        args = node.args
        for i in range(len(args) - 1, -1, -1):
            last = i == len(args) - 1
            stack.append((args[i], rest + ("└── " if last else "├── "),
                          rest + ("    " if last else "│   ")))
    if tags:
        n = len(tags)
        lines.append(f"({n} shared node{'s' if n > 1 else ''}; "
                     f"{len(parents) + 1} distinct nodes in all)")
    return "\n".join(lines)
