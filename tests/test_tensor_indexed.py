"""Index notation: indexed symbols, sums with symbolic bounds, Kronecker deltas."""

from __future__ import annotations

import subprocess
import sys

import symcalc as sc
from symcalc.tensor.indexed import IndexedSymbol, KroneckerDelta, Sum

i, j, k, n = sc.symbols("i j k n")
x, y, A = IndexedSymbol("x"), IndexedSymbol("y"), IndexedSymbol("A")


def test_delta_of_entries():
    assert sc.diff(x[i], x[j]) is KroneckerDelta(i, j)
    assert sc.diff(x[j], x[j]) is sc.Integer(1)
    assert KroneckerDelta(1, 2) is sc.Integer(0)
    assert KroneckerDelta(j, i) is KroneckerDelta(i, j)


def test_sums_simplify():
    assert Sum(KroneckerDelta(i, j) * x[i], (i, 1, n)) is x[j]
    assert Sum(3 * x[i] * KroneckerDelta(j, i), (i, 1, n)) is 3 * x[j]
    assert Sum(2, (i, 1, n)) is 2 * n
    assert Sum(x[i] + y[i], (i, 1, n)) is Sum(x[i], (i, 1, n)) + Sum(y[i], (i, 1, n))


def test_derivatives_of_indexed_sums():
    assert sc.diff(Sum(x[i] ** 2, (i, 1, n)), x[j]) is 2 * x[j]
    r = Sum(A[i, k] * x[k], (k, 1, n)) - y[i]
    L = Sum(r ** 2, (i, 1, n))
    assert sc.diff(L, x[j]) is 2 * Sum(A[i, j] * r, (i, 1, n))
    lse = sc.log(Sum(sc.exp(x[i]), (i, 1, n)))
    assert sc.diff(lse, x[j]) is sc.exp(x[j]) / Sum(sc.exp(x[i]), (i, 1, n))


def test_indexed_round_trip_in_a_fresh_process():
    code = ("import symcalc as sc; e = sc.parse('Sum(KroneckerDelta(i, j)*x(i), i, 1, n)');"
            "print(e)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "x(j)"
