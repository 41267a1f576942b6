"""Builds tests/data/limits.jsonl: limit problems with answers from SymPy, each answer
checked numerically with mpmath (60 digits) at points ever closer to the limit point;
problems whose answer does not check out are left out.

    python bench/limits_data.py

Sources: Stewart/Thomas-style exercises (0/0, oo/oo, 0*oo, oo - oo, 1^oo, 0^0, oo^0,
one-sided), examples of Gruntz's thesis, the cases of issue 17, ML activations, and
symbolic parameters (positive symbols a, b).
"""

from __future__ import annotations

import json
import os
import signal

import mpmath
import sympy

K = (1, 2, 3, 5)
A, B = sympy.Symbol("a", positive=True), sympy.Symbol("b", positive=True)

ZERO_FAMILIES = [  # two-sided at 0, k substituted
    "sin({k}*x)/x", "(1 - cos({k}*x))/x^2", "tan({k}*x)/x", "(exp({k}*x) - 1)/x",
    "log(1 + {k}*x)/x", "(sqrt(1 + {k}*x) - 1)/x", "atan({k}*x)/x", "asin({k}*x)/x",
    "sinh({k}*x)/x", "(1 + {k}*x)^(1/x)", "(cos({k}*x))^(1/x^2)",
    "x/tan({k}*x)",
    "(exp({k}*x) - exp(-x))/sin(x)", "sin({k}*x)/sin(x)", "(({k} + 1)^x - 1)/x",
    "(cosh({k}*x) - 1)/x^2", "tanh({k}*x)/x", "log(cos({k}*x))/x^2", "(1 - sqrt(1 - {k}*x^2))/x^2",
    "sigmoid({k}*x) - 1/2", "(sigmoid({k}*x) - 1/2)/x", "(softplus({k}*x) - log(2))/x",
    "gelu({k}*x)/x", "erf({k}*x)/x", "x*sin({k}/x)", "x^2*cos({k}/x)",
]
ZERO_PLUS_FAMILIES = [  # one-sided at 0+, k substituted
    "x^{k}*log(x)", "x^(x^{k})", "(sin(x))^({k}*x)", "x^({k}/log(x))",
    "exp(-{k}/x)/x^3", "sqrt(x)*log(x)^{k}", "(1/x)^({k}*x)", "log(x)*log(1 + {k}*x)",
    "x*log(x)^{k}", "atan({k}/x)", "exp({k}/x)", "sigmoid({k}/x)", "tanh({k}/x)",
]
ZERO_MINUS_FAMILIES = ["exp({k}/x)", "atan({k}/x)", "sigmoid({k}/x)", "{k}/x", "acot({k}*x)"]
INF_FAMILIES = [  # at oo, k substituted
    "(1 + {k}/x)^x", "(1 - {k}/x)^x", "x^{k}/exp(x)", "exp(x)/x^{k}", "log(x)^{k}/x",
    "x*(pi/2 - atan({k}*x))", "x*acot({k}*x)", "x*(exp({k}/x) - 1)", "x*sin({k}/x)",
    "x^2*(1 - cos({k}/x))", "sqrt(x^2 + {k}*x) - x", "x - sqrt(x^2 - {k}*x)",
    "({k}*x^2 + 1)/(x^2 + x)", "(x + {k})^100/(x + 1)^100", "x*(log(x + {k}) - log(x))",
    "(x/(x + {k}))^x", "x^({k}/x)", "(1 + 1/x^{k})^x",
    "(2^x + {k}^x)^(1/x)",
    "tanh({k}*x)", "sigmoid({k}*x)", "softplus({k}*x) - {k}*x", "gelu({k}*x)/x",
    "x*(1 - erf({k}*x))", "log(1 + exp({k}*x))/x", "(x + sin({k}*x))/x",
    "sin({k}*x)/x", "x^{k}*exp(-sqrt(x))", "log(x^{k} + exp(x))/x", "x*((1 + 1/x)^{k} - 1)",
]
SINGLE = [  # (expr, point, dir)
    ("(sin(x) - x)/x^3", "0", "+-"), ("(tan(x) - x)/x^3", "0", "+-"),
    ("(x - sin(x))/(x - tan(x))", "0", "+-"), ("(exp(x) - 1 - x - x^2/2)/x^3", "0", "+-"),
    ("(cos(x) - 1 + x^2/2)/x^4", "0", "+-"), ("(log(1 + x) - x + x^2/2)/x^3", "0", "+-"),
    ("(atan(x) - x)/x^3", "0", "+-"), ("(asin(x) - x)/x^3", "0", "+-"),
    ("(sinh(x) - x)/x^3", "0", "+-"), ("(tanh(x) - x)/x^3", "0", "+-"),
    ("1/x - 1/sin(x)", "0", "+-"), ("1/x - 1/tan(x)", "0", "+-"),
    ("1/x^2 - 1/sin(x)^2", "0", "+-"), ("cot(x) - 1/x", "0", "+-"),
    ("1/log(1 + x) - 1/x", "0", "+-"), ("(sin(x)/x)^(1/x^2)", "0", "+-"),
    ("(1 + sin(x))^(1/x)", "0", "+-"), ("(tan(x)/x)^(1/x^2)", "0", "+-"),
    ("x^sin(x)", "0", "+"), ("sin(x)^x", "0", "+"),
    ("x^x", "0", "+"),
    ("abs(x)/x", "0", "+"), ("abs(x)/x", "0", "-"), ("sign(x)", "0", "+"), ("sign(x)", "0", "-"),
    ("floor(x)", "0", "+"), ("floor(x)", "0", "-"), ("ceiling(x)", "0", "+"),
    ("ceiling(x)", "0", "-"),
    ("acot(x)", "0", "+"), ("acot(x)", "0", "-"), ("log(x) + acsch(x)", "0", "+"),
    ("relu(x)/x", "0", "+"), ("relu(x)/x", "0", "-"), ("abs(sin(x))/x", "0", "+"),
    ("exp(-1/x^2)/x^100", "0", "+-"), ("x^2*sin(1/x)", "0", "+-"),
    ("(x^2 - 1)/(x - 1)", "1", "+-"), ("(x^3 - 8)/(x - 2)", "2", "+-"),
    ("(sqrt(x) - 2)/(x - 4)", "4", "+-"), ("sin(x)/(x - pi)", "pi", "+-"),
    ("cos(x)/(x - pi/2)", "pi/2", "+-"),
    ("log(x)/(x - 1)", "1", "+-"),
    ("(x^x - 1)/(x - 1)", "1", "+-"), ("tan(x)", "pi/2", "-"), ("tan(x)", "pi/2", "+"),
    ("(2^x - 4)/(x - 2)", "2", "+-"),
    ("(x - sqrt(5)/2 + 1/2)/(x^2 + x - 1)", "sqrt(5)/2 - 1/2", "+"),
    ("(x^2 - 2)/(x - sqrt(2))", "sqrt(2)", "+-"), ("1/(x - 1)", "1", "+"), ("1/(x - 1)", "1", "-"),
    ("log(x - 1)", "1", "+"), ("(x - 1)*log(x - 1)", "1", "+"), ("x^(1/(1 - x))", "1", "+-"),
    ("(1 - x)*tan(pi*x/2)", "1", "+-"), ("(x^(1/3) - 1)/(x - 1)", "1", "+-"),
    ("sqrt(x + 1) - sqrt(x)", "oo", "+"), ("(3^x + 5^x)^(1/x)", "oo", "+"),
    ("log(x)/(log(x) + sin(x))", "oo", "+"), ("x^1000/exp(x)", "oo", "+"),
    ("exp(x)/x^1000", "oo", "+"), ("(x + 1)^1000/(x + 2)^1000", "oo", "+"),
    ("((x + 1)^1000 - x^1000)/x^999", "oo", "+"), ("1/x^0.5", "oo", "+"),
    ("x^x/exp(x)", "oo", "+"), ("x*(2 + sin(x))", "oo", "+"), ("exp(sin(x))/x", "oo", "+"),
    ("(x + cos(x))/(x - sin(x))", "oo", "+"), ("log(log(x))/log(x)", "oo", "+"),
    ("exp(x)*(exp(1/x - exp(-x)) - exp(1/x))", "oo", "+"),
    ("exp(x)*(exp(1/x + exp(-x) + exp(-x^2)) - exp(1/x - exp(-exp(x))))", "oo", "+"),
    ("exp(exp(x - exp(-x))/(1 - 1/x)) - exp(exp(x))", "oo", "+"),
    ("exp(exp(exp(x + exp(-x))))/exp(exp(exp(x)))", "oo", "+"),
    ("exp(exp(x))/exp(exp(x - exp(-exp(exp(x)))))", "oo", "+"),
    ("log(log(x*exp(x*exp(x)) + 1)) - exp(exp(log(log(x)) + 1/x))", "oo", "+"),
    ("(exp(x*exp(-x)/(exp(-x) + exp(-2*x^2/(x + 1)))) - exp(x))/x", "oo", "+"),
    ("exp(x*exp(-x)/(exp(-x) + exp(-2*x^2/(x + 1))))/exp(x)", "oo", "+"),
    ("(exp(4*x*exp(-x)/(1/exp(x) + 1/exp(2*x^2/(x + 1)))) - exp(x))/exp(x)^4", "oo", "+"),
    ("x/log(x^(log(x^(log(2)/log(x)))))", "oo", "+"),
    ("exp(exp(2*log(x^5 + x)*log(log(x))))/exp(exp(10*log(x)*log(log(x))))", "oo", "+"),
    ("(1 - erf(x))*exp(x^2)*x", "oo", "+"), ("gelu(x)/x", "oo", "+"), ("x*acot(x)", "oo", "+"),
    ("x*(log(x + 1) - log(x))", "oo", "+"), ("(atan(x) - pi/2)*x", "oo", "+"),
    ("sigmoid(x)", "-oo", "+"), ("softplus(x)", "-oo", "+"), ("gelu(x)", "-oo", "+"),
    ("exp(x)*x^5", "-oo", "+"), ("x*exp(x)", "-oo", "+"), ("(1 + 1/x)^x", "-oo", "+"),
    ("atan(x)", "-oo", "+"), ("x + sqrt(x^2 + x)", "-oo", "+"), ("tanh(x)", "-oo", "+"),
    ("(1 + a/x)^x", "oo", "+"), ("x*(a^(1/x) - 1)", "oo", "+"), ("(1 + x/(2*n))^n", "oo", "+"),
    ("x^a/exp(b*x)", "oo", "+"), ("log(x)^b/x^a", "oo", "+"), ("(a^x - b^x)/x", "0", "+-"),
    ("sin(a*x)/sin(b*x)", "0", "+-"), ("(1 + a*x)^(b/x)", "0", "+-"), ("x^a*log(x)", "0", "+"),
    ("(exp(a*x) - 1)/(exp(b*x) - 1)", "0", "+-"), ("exp(a*x)/x^b", "oo", "+"),
    ("(x^a - 1)/log(x)", "1", "+-"), ("(sqrt(a + x) - sqrt(a))/x", "0", "+-"),
    ("piecewise((x^2, x > 0), (x, True))", "0", "+-"),
    ("piecewise((sin(x)/x, x > 0), (1 + x, True))", "0", "+-"),
    ("max(x, x^2)", "oo", "+"), ("min(x, 1/x)", "oo", "+"), ("max(sin(x)/x, 0)", "0", "+-"),
]


def _env():
    env = {k: getattr(sympy, k) for k in dir(sympy) if not k.startswith("_")}
    env.update(E=sympy.E, a=A, b=B, n=sympy.Symbol("n"),
               sigmoid=lambda u: 1 / (1 + sympy.exp(-u)),
               softplus=lambda u: sympy.log(1 + sympy.exp(u)),
               gelu=lambda u: u / 2 * (1 + sympy.erf(u / sympy.sqrt(2))),
               relu=lambda u: sympy.Max(u, 0), acsch=sympy.acsch, acot=lambda u: sympy.atan(1 / u),
               max=sympy.Max, min=sympy.Min, abs=sympy.Abs, ceiling=sympy.ceiling)
    env["piecewise"] = lambda *p: sympy.Piecewise(*p)
    return env


class _Timeout(Exception):
    pass


def _alarm(*_):
    raise _Timeout


def _value(se, var, v, dps):
    f = sympy.lambdify(var, se, modules="mpmath")
    with mpmath.workdps(dps):
        return mpmath.mpc(f(mpmath.mpf(str(sympy.N(v, dps + 10)))))


def _check(se, var, point, d, want) -> bool:
    """The expression at points tending to the limit point approaches ``want``: the
    closest of the values is within 1e-3 (for +-oo: growing, beyond 30)."""
    params = {A: sympy.Rational(3, 2), B: sympy.Rational(7, 3),
              sympy.Symbol("x"): sympy.Rational(3, 2)}
    params = {k: v for k, v in params.items() if k != var}
    se = se.subs(params)
    target = complex(want.subs(params).evalf(60)) if want.is_finite else None
    sides = {"+": (1,), "-": (-1,), "+-": (1, -1)}[d]
    for s in sides:
        vals = []
        if point in (sympy.oo, -sympy.oo):
            sg = 1 if point == sympy.oo else -1
            pts = [(sg * sympy.Integer(10) ** k, 700 if k <= 3 else 60)
                   for k in (1, 2, 3, 6, 12, 20, 30)]
        else:
            pts = [(point + s * sympy.Integer(10) ** -k, 80) for k in (2, 4, 6, 12, 20, 30)]
        for v, dps in pts:
            try:  # a value counts when two precisions agree on it
                z1, z2 = _value(se, var, v, dps), _value(se, var, v, dps + 40)
                ok = abs(z1 - z2) <= 1e-12 * (1 + abs(z2)) \
                    and abs(z2.imag) < 1e-20 * (1 + abs(z2))
                vals.append(z2 if ok else None)
            except Exception:  # noqa: BLE001
                vals.append(None)
        good = [z for z in vals[1:] if z is not None]
        if len(good) < 2:
            return False
        if target is None:
            sign = 1 if want == sympy.oo else -1
            tail = [sign * z.real for z in good[-3:]]  # mpmath numbers: no overflow
            if not (tail[-1] > 30 and all(a < b for a, b in zip(tail, tail[1:]))):
                return False
        elif min(abs(z.real - target.real) for z in good) > 1e-3 * (1 + abs(target.real)):
            return False
    return True


def rows():
    out = []
    for f in ZERO_FAMILIES:
        out += [(f.format(k=k), "0", "+-") for k in K]
    for f in ZERO_PLUS_FAMILIES:
        out += [(f.format(k=k), "0", "+") for k in K]
    for f in ZERO_MINUS_FAMILIES:
        out += [(f.format(k=k), "0", "-") for k in K]
    for f in INF_FAMILIES:
        out += [(f.format(k=k), "oo", "+") for k in K]
    out += SINGLE
    seen, uniq = set(), []
    for r in out:
        if r not in seen:
            seen.add(r)
            uniq.append(r)
    return uniq


def main() -> None:
    env = _env()
    signal.signal(signal.SIGALRM, _alarm)
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "limits.jsonl")
    done = {}
    if os.path.exists(path):  # problems checked before are kept as they are
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                done[(r["expr"], r["point"], r["dir"])] = r
    kept = []
    out = open(path + ".part", "w", encoding="utf-8")  # noqa: SIM115 - written as we go
    for text, point, d in rows():
        if (text, point, d) in done:
            kept.append(done[(text, point, d)])
            out.write(json.dumps(kept[-1]) + "\n")
            continue
        var = env["n"] if "n)" in text or "^n" in text else sympy.Symbol("x")
        try:
            signal.alarm(8)
            se = sympy.sympify(text.replace("^", "**"), locals=env)
            p = sympy.sympify(point, locals=env)
            sd = "+-" if d == "+-" else d
            if p in (sympy.oo, -sympy.oo):
                want = sympy.limit(se, var, p)
            else:
                want = sympy.limit(se, var, p, sd)
            ok = want.is_finite or want in (sympy.oo, -sympy.oo)
            ok = ok and _check(se, var, p, d, want)
        except Exception:  # noqa: BLE001
            ok = False
        finally:
            signal.alarm(0)
        if ok:
            kept.append({"expr": text, "var": var.name, "point": point, "dir": d,
                         "expected": str(want).replace("**", "^")})
            out.write(json.dumps(kept[-1]) + "\n")
            out.flush()
        else:
            print("left out:", text, point, d, flush=True)
    out.close()
    os.replace(path + ".part", path)
    print(len(kept), "problems written")


if __name__ == "__main__":
    main()
