"""Help in the REPL (issue 21, case 4): every session and registry function has a
plain-text entry (signature, meaning, an example that runs), the same text as
docs/reference.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from symcalc.core import REGISTRY
from symcalc.repl import help as rhelp
from symcalc.repl import reference
from symcalc.repl.session import Session

DOC = Path(__file__).resolve().parent.parent / "docs" / "reference.md"


def test_every_function_has_an_entry() -> None:
    names = set(reference.names())
    assert set(rhelp.API) | set(rhelp.BUILTINS) <= names
    assert {f.name for f in REGISTRY.values()} <= names


@pytest.mark.parametrize("name", reference.names())
def test_entry_is_plain_text_and_its_example_runs(name: str) -> None:
    text = reference.render(name)
    assert text is not None
    assert "``" not in text and ":func:" not in text          # no raw RST
    head, meaning = text.splitlines()[:2]
    assert head == reference.entry(name).signature and meaning.endswith(".")
    out = reference.run_example(reference.entry(name).example)
    assert out and "error" not in out.split("\n")[0][:6], (name, out)


def test_docs_reference_is_generated_from_the_same_entries() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for name in reference.names():
        e = reference.entry(name)
        assert f"### {name}\n\n`{e.signature}`: {reference._no_period(e.meaning)}." in doc, name
        assert f"symcalc> {e.example}\n" in doc, name


def test_help_forms_in_the_session() -> None:
    s = Session(mode="text")
    for text in ("?sigmoid", "help(sigmoid)", ":help sigmoid", ":help logistic"):
        out = s.execute(text).text
        assert out.startswith("sigmoid(x)\n  Logistic sigmoid 1/(1 + exp(-x)).")
        assert "diff(sigmoid(x), x)\n  sigmoid(x)*(1 - sigmoid(x))" in out
    out = s.execute(":help diff").text
    assert "``" not in out and out.startswith("diff(e, x)")
    # the overview's list of functions wraps between words
    for line in s.execute(":help").text.splitlines():
        assert len(line) <= 78
    overview = s.execute(":help").text
    words = " ".join(overview.split("Functions: ")[1].split("\n\n")[0].split())
    assert "gradient," in words and "critical_points," in words
