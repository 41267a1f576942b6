"""Cases of the linear algebra and systems benchmark (``bench/algebra.py --linalg``)."""

from __future__ import annotations

import random

import symcalc as sc

x, y, z, a, b, lam = sc.symbols("x y z a b lam")


def linear_10x10() -> tuple[list, list]:
    """10 equations in 10 unknowns whose coefficients involve the parameters a and b."""
    rng = random.Random(11)
    xs = [sc.Symbol(f"v{i}") for i in range(10)]
    eqs = []
    for i in range(10):
        terms = []
        for j in range(10):
            c = rng.randint(-3, 3)
            if i == j:
                c = c + a
            elif (i + 2 * j) % 7 == 0:
                c = c + b
            terms.append(c * xs[j])
        eqs.append(sc.Add(*terms) - rng.randint(-5, 5))
    return eqs, xs


POLY_SYSTEMS = {
    "x*y=z, y*z=x, x*z=y (deg 2)": [x * y - z, y * z - x, x * z - y],
    "Lagrange: x*y on x^2+4y^2=8": [y - 2 * lam * x, x - 8 * lam * y, x**2 + 4 * y**2 - 8],
    "x^2+y^2=5, x*y=2, x+y+z=3": [x**2 + y**2 - 5, x * y - 2, x + y + z - 3],
    "cubic: x^3+y=2, x=y, z=x*y": [x**3 + y - 2, x - y, z - x * y],
    "cubic: x^3=y*z, y^2=x, z=x+y-1": [x**3 - y * z, y**2 - x, z - x - y + 1],
}
POLY_GENS = {
    "Lagrange: x*y on x^2+4y^2=8": [x, y, lam],
}


def symbolic_6x6() -> sc.Matrix:
    """Entries linear in x and y with small integer coefficients (seed 7)."""
    rng = random.Random(7)
    return sc.Matrix([[rng.randint(-3, 3) + rng.randint(-1, 1) * x + rng.randint(-1, 1) * y
                       for _ in range(6)] for _ in range(6)])


def tridiagonal_6x6() -> sc.Matrix:
    """A symbolic tridiagonal matrix: a on the diagonal, b and 1 beside it."""
    return sc.Matrix([[a if i == j else b if j == i + 1 else 1 if j == i - 1 else 0
                       for j in range(6)] for i in range(6)])


def integer_4x4() -> sc.Matrix:
    """P D P^-1 with eigenvalues 2, -1 and 1 ± sqrt(3) (a companion block)."""
    D = sc.Matrix([[2, 0, 0, 0], [0, -1, 0, 0], [0, 0, 0, 2], [0, 0, 1, 2]])
    P = sc.Matrix([[1, 1, 0, 2], [0, 1, 1, 0], [1, 0, 1, 1], [0, 2, 1, 1]])
    return P @ D @ P.inv()


def integer_4x4_b() -> sc.Matrix:
    """A symmetric integer matrix with eigenvalues 0, 2, 3 ± sqrt(5)... (seed-free)."""
    return sc.Matrix([[4, 1, 0, 1], [1, 3, 1, 0], [0, 1, 2, 1], [1, 0, 1, 3]])
