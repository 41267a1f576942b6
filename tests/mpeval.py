"""High-precision evaluation with mpmath, the test oracle.

`mp_eval(expr, env)` evaluates a symcalc expression; `mp_eval_recipe(recipe, env)`
evaluates a recipe (see strategies.py) *without* building the canonical expression,
so the two can be compared to check that canonicalization never changes values.
Both return an mpmath number, or None where the value is undefined.
"""

from __future__ import annotations

import mpmath as mp

from symcalc.core import REGISTRY

mp.mp.dps = 40

_CONST = {"pi": lambda: mp.pi, "E": lambda: mp.e, "oo": lambda: mp.inf, "nan": lambda: mp.nan,
          "I": lambda: mp.mpc(0, 1)}


def mp_function(name: str):
    fd = REGISTRY[name]
    impl = fd.mpmath
    if impl is None:
        raise KeyError(name)
    if isinstance(impl, str):
        f = getattr(mp, impl)
        return lambda *a: f(*a)
    return lambda *a: impl(mp, *a)


def _num(v):
    from fractions import Fraction

    if isinstance(v, Fraction):
        return mp.mpf(v.numerator) / v.denominator
    return mp.mpf(v)


def _pow(b, e):
    if b == 0:
        if mp.re(e) < 0:
            raise ZeroDivisionError
        if e == 0:
            return mp.mpf(1)
        return mp.mpf(0)
    return mp.power(b, e)


def _clean(v):
    if isinstance(v, mp.mpc) and v.imag == 0:
        return v.real
    return v


def mp_eval(e, env: dict) -> object:
    """Value of a symcalc expression at env (Symbol -> number), or None if undefined."""
    memo: dict[int, object] = {}
    try:
        return _ev(e, env, memo)
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, KeyError):
        return None


def _ev(e, env, memo):
    r = memo.get(id(e))
    if r is not None:
        return r
    if e.is_Number:
        r = _num(e.value)
    elif e.is_Symbol:
        r = mp.mpf(env[e])
    elif e.is_Atom and not e.is_Boolean:
        r = _CONST[e.name]()
    elif e.is_Add:
        r = mp.fsum([_ev(a, env, memo) for a in e.args])
    elif e.is_Mul:
        r = mp.mpf(1)
        for a in e.args:
            r = r * _ev(a, env, memo)
    elif e.is_Pow:
        r = _pow(_ev(e.args[0], env, memo), _ev(e.args[1], env, memo))
    elif e.is_Function:
        args = [_clean(_ev(a, env, memo)) for a in e.args]
        if e.fdef.name in ("relu", "heaviside", "leaky_relu", "elu", "max", "min", "sign",
                           "atan2") and any(isinstance(a, mp.mpc) for a in args):
            raise ValueError("real function of complex argument")
        r = mp_function(e.fdef.name)(*args)
    elif e.head == "piecewise":
        r = mp.nan
        for val, cond in e.pieces:
            if _ev(cond, env, memo):
                r = _ev(val, env, memo)
                break
    elif e.is_Relational:
        a, b = (_clean(_ev(x, env, memo)) for x in e.args)
        r = {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b,
             "!=": a != b}[e.op]
    elif e.is_Boolean and e.is_Atom:
        r = e.value
    else:
        raise TypeError(e.head)
    r = _clean(r)
    memo[id(e)] = r
    return r


def close(a, b, rel: float = 1e-9) -> bool:
    """a and b agree (both None, both nan, or numerically within rel)."""
    if a is None or b is None:
        return a is None and b is None
    if mp.isnan(a) or mp.isnan(b):
        return bool(mp.isnan(a) and mp.isnan(b))
    if mp.isinf(a) or mp.isinf(b):
        return a == b
    return abs(a - b) <= rel * max(1, abs(a), abs(b))


def within_float_range(e, env: dict, bound: float = 1e300) -> bool:
    """True if every subexpression of e at env has magnitude below ``bound`` (so that a
    double-precision evaluation does not overflow on the way)."""
    memo: dict[int, object] = {}
    try:
        _ev(e, env, memo)
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, KeyError):
        return True
    for v in memo.values():
        try:
            if not isinstance(v, bool) and abs(v) > bound:
                return False
        except TypeError:
            continue
    return True


def solved(r) -> bool:
    """Whether an integrate() result is an answer (no integral left in it)."""
    from symcalc.calculus.integrate import is_integral

    return r is not None and not is_integral(r) and "integrate(" not in str(r)


def check_derivative(F, f, x, points: int = 5, seed: int = 5, xs=(-3.0, 3.0),
                     real_only: bool = True, tries: int = 80) -> None:
    """dF/dx (mpmath's numerical derivative, 30 digits) == f at random points: parameters
    random in [0.5, 2.5], x random in ``xs``, skipping poles (|f| > 1e6) and, with
    ``real_only``, points where f is not real. Independent of symcalc's evaluator and
    differentiator."""
    import random

    rng = random.Random(seed)
    params = sorted((s for s in (F.free_symbols | f.free_symbols) if s is not x),
                    key=lambda s: s.name)
    good = 0
    with mp.workdps(30):
        for _ in range(tries):
            env = {p: mp.mpf(rng.uniform(0.5, 2.5)) for p in params}
            x0 = mp.mpf(rng.uniform(*xs))
            fv = mp_eval(f, {**env, x: x0})
            if fv is None or abs(fv) > 1e6:
                continue
            if real_only and abs(mp.im(fv)) > 1e-20 * max(1, abs(fv)):
                continue
            dv = mp.diff(lambda t, env=env: mp_eval(F, {**env, x: t}), x0)
            assert abs(dv - fv) <= mp.mpf(10) ** -15 * max(1, abs(fv)), (F, f, env, x0, dv, fv)
            good += 1
            if good >= points:
                return
    raise AssertionError(f"too few evaluation points for {f}")


def check_derivative_at(F, f, x, points, params: dict, text: str = "") -> None:
    """d/dx F (symcalc's derivative, evaluated at 30 digits) == f at the given x values,
    with the parameters ``params`` (name -> decimal string)."""
    import symcalc as sc

    dF = sc.diff(F, x)
    with mp.workdps(30):
        for p in points:
            env = {sc.Symbol(k): mp.mpf(v) for k, v in params.items()}
            env[x] = mp.mpf(p)
            fv = complex(f.evalf(env))
            dv = complex(dF.evalf(env))
            assert abs(fv - dv) <= 1e-12 * max(1.0, abs(fv)), (text, p, fv, dv)
