"""Every example in docs/*.md and in the package's docstrings runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import symcalc

DOCS = Path(__file__).resolve().parent.parent / "docs"
_BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def _doc_files() -> list[Path]:
    pages = sorted(DOCS.glob("*.md")) if DOCS.is_dir() else []
    readme = DOCS.parent / "README.md"
    return pages + ([readme] if readme.is_file() else [])


@pytest.mark.parametrize("path", _doc_files(), ids=lambda p: p.name)
def test_doc_examples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    blocks = [b for b in _BLOCK.findall(text) if ">>>" in b]
    if not blocks:
        pytest.skip("no examples")
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    globs: dict = {}
    for i, block in enumerate(blocks):
        test = parser.get_doctest(block, globs, f"{path.name}[{i}]", str(path), 0)
        test.globs = globs  # one namespace per page, shared by its blocks
        runner.run(test, clear_globs=False)
    assert runner.failures == 0, f"{runner.failures} failing example(s) in {path.name}"


def _modules() -> list[str]:
    names = ["symcalc"]
    for m in pkgutil.walk_packages(symcalc.__path__, "symcalc."):
        if m.name.endswith("__main__"):
            continue
        names.append(m.name)
    return names


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    mod = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testmod(mod, optionflags=flags, verbose=False)
    assert result.failed == 0
