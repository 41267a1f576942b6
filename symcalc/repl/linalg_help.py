"""The session's linear algebra and polynomial-root functions (issue 19): name ->
(signature, meaning, example statement), the shape of the REPL reference entries.
``help.API`` gets a usage line from each.

>>> LINALG["det"][0]
'det(M)'
"""

from __future__ import annotations

LINALG: dict[str, tuple[str, str, str]] = {
    "det": ("det(M)", "the determinant of a matrix ([[1, 2], [3, 4]], a hessian)",
            "det([[1, 2], [3, 4]])"),
    "inv": ("inv(M)", "the inverse matrix", "inv([[2, 1], [1, 1]])"),
    "rank": ("rank(M)", "the rank", "rank([[1, 2], [2, 4]])"),
    "rref": ("rref(M)", "the reduced row echelon form and the pivot columns",
             "rref([[1, 2, 3], [4, 5, 6]])"),
    "nullspace": ("nullspace(M)", "a basis of the null space (column vectors)",
                  "nullspace([[1, 2], [2, 4]])"),
    "transpose": ("transpose(M)", "the transpose (rows become columns)",
                  "transpose([[1, 2], [3, 4]])"),
    "trace": ("trace(M)", "the sum of the diagonal", "trace([[1, 2], [3, 4]])"),
    "charpoly": ("charpoly(M, lam)", "the characteristic polynomial det(lam*I - M)",
                 "charpoly([[2, 1], [1, 2]], lam)"),
    "eigenvals": ("eigenvals(M)", "the eigenvalues with their multiplicities, exact",
                  "eigenvals([[2, 1], [1, 2]])"),
    "eigenvects": ("eigenvects(M)", "[(eigenvalue, multiplicity, [eigenvectors])], exact",
                   "eigenvects([[2, 1], [1, 2]])"),
    "norm": ('norm(M), norm(M, 1), norm(M, 2), norm(M, "inf")',
             "the Frobenius norm, or the 1-, 2- or infinity norm", "norm([[1, 2], [3, 4]])"),
    "cond": ("cond(M)", "the condition number in the 2-norm", "cond([[1, 2], [3, 4]])"),
    "cholesky": ("cholesky(M)", "the lower triangular L with M = L*L^T",
                 "cholesky([[4, 2], [2, 5]])"),
    "lu": ("lu(M)", "(P, L, U) with P*M = L*U", "lu([[2, 1], [4, 5]])"),
    "eye": ("eye(n)", "the n x n identity matrix", "eye(2)"),
    "real_roots": ("real_roots(p, x)", "the real roots of a polynomial, exact (RootOf "
                   "where radicals do not serve)", "real_roots(x^3 - 7*x + 7, x)"),
    "nroots": ("nroots(p, x, n=15)", "every root of a polynomial to n digits",
               "nroots(x^2 - 2, x, n=30)"),
    "groebner": ("groebner([f, g], [x, y])", "the reduced Groebner basis in lex order",
                 "groebner([x^2 + y^2 - 1, x - y], [x, y])"),
}
