"""docs/notebooks/tour.ipynb, executed in a real Jupyter kernel (nbclient + ipykernel),
and the rich display it relies on (issue 21, case 9). Skipped when the notebook tools
are not installed (they are in the ``test`` extra)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import symcalc as sc
from symcalc.printing import notebook

ROOT = Path(__file__).resolve().parent.parent
TOUR = ROOT / "docs" / "notebooks" / "tour.ipynb"


def test_rich_forms() -> None:
    x, y = sc.symbols("x y")
    b = notebook.bundle([x**2, 2 * y])
    assert b["text/plain"] == "[x², 2·y]"
    assert b["text/latex"] == r"$\displaystyle \left[x^{2}, 2 y\right]$"
    assert notebook.bundle(sc.hessian(x**3 * y, [x, y]))["text/latex"].startswith(
        r"$\displaystyle \left[\begin{matrix}")
    _, how = sc.integrate(x * sc.exp(x), x, steps=True)
    assert notebook.bundle(how)["text/markdown"].startswith("```\n∫ x*exp(x) dx")
    _, how = sc.diff(x**2 * sc.sin(x), x, steps=True)
    assert "text/latex" in notebook.bundle(how)
    assert "x²" in notebook.bundle(x**2)["text/plain"]


def test_plot_bundle() -> None:
    x = sc.Symbol("x")
    b = notebook.plot(sc.sin(x), (x, -3, 3))._repr_mimebundle_()
    assert "┤" in b["text/plain"]
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return
    import base64

    assert base64.b64decode(b["image/png"]).startswith(b"\x89PNG")


def test_tour_notebook_runs_in_a_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + (os.pathsep + path if path else ""))
    nb = nbformat.read(TOUR, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 12
    for c in code:
        assert not [o for o in c.outputs if o.output_type == "error"], c.source

    def data(i: int) -> dict:
        (out,) = [o for o in code[i].outputs if o.output_type == "execute_result"
                  or o.output_type == "display_data"]
        return out["data"]

    assert r"x^{2} \cos" in data(1)["text/latex"]                # an expression: LaTeX
    assert r"\left[" in data(3)["text/latex"]                     # the gradient, a list
    assert r"\begin{matrix}" in data(4)["text/latex"]             # the Hessian
    assert "e^{x}" in data(5)["text/latex"]
    assert data(6)["text/latex"] == r"$\displaystyle \sqrt{\pi}$"
    assert "product rule" in data(7)["text/plain"]                # steps of diff
    assert "∫ x*cos(x) dx" in data(8)["text/markdown"]            # steps of integrate
    assert data(9)["text/plain"] == "5.0"
    assert "converged" in data(10)["text/plain"]
    plot = data(11)
    assert "┤" in plot["text/plain"]
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return
    assert "image/png" in plot
