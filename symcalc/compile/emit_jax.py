"""The JAX backend: IR ops as ``jax.numpy`` / ``jax.scipy.special`` calls.

The emitted function is traced like any JAX code: ``jax.jit``, ``jax.grad`` and
``jax.vmap`` compose with it, and it runs on the device of its inputs.
"""

from __future__ import annotations

from typing import Any

from .emit import Backend

TEMPLATES: dict[str, str] = {
    "add": "({0} + {1})", "sub": "({0} - {1})", "mul": "({0} * {1})", "div": "({0} / {1})",
    "neg": "(-{0})", "pow": "jnp.power({0}, {1})", "sqrt": "jnp.sqrt({0})",
    "cbrt": "jnp.cbrt({0})", "exp": "jnp.exp({0})", "expm1": "jnp.expm1({0})",
    "log": "jnp.log({0})", "log1p": "jnp.log1p({0})", "sin": "jnp.sin({0})",
    "cos": "jnp.cos({0})", "tan": "jnp.tan({0})", "asin": "jnp.arcsin({0})",
    "acos": "jnp.arccos({0})", "atan": "jnp.arctan({0})", "sinh": "jnp.sinh({0})",
    "cosh": "jnp.cosh({0})", "tanh": "jnp.tanh({0})", "asinh": "jnp.arcsinh({0})",
    "acosh": "jnp.arccosh({0})", "atanh": "jnp.arctanh({0})", "abs": "jnp.abs({0})",
    "sign": "jnp.sign({0})", "step": "jnp.heaviside({0}, 0.0)",
    "erf": "jss.erf({0})", "erfc": "jss.erfc({0})", "Ei": "_expi({0})",
    "atan2": "jnp.arctan2({0}, {1})", "hypot": "jnp.hypot({0}, {1})",
    "maximum": "jnp.maximum({0}, {1})", "minimum": "jnp.minimum({0}, {1})",
    "fmin": "jnp.fmin({0}, {1})", "logaddexp": "jnp.logaddexp({0}, {1})",
    "sigmoid": "jax.nn.sigmoid({0})", "floor": "jnp.floor({0})", "ceil": "jnp.ceil({0})",
    "gt": "({0} > {1})", "ge": "({0} >= {1})", "lt": "({0} < {1})", "le": "({0} <= {1})",
    "eq": "({0} == {1})", "ne": "({0} != {1})", "and": "jnp.logical_and({0}, {1})",
    "or": "jnp.logical_or({0}, {1})", "not": "jnp.logical_not({0})",
    "where": "jnp.where({0}, {1}, {2})",
    # special functions with the registry's real semantics
    "digamma": "jss.digamma({0})", "erfinv": "jss.erfinv({0})",
    "loggamma": "jnp.where({0} > 0, jss.gammaln({0}), jnp.nan)",
    "sinc": "jnp.sinc({0} / jnp.pi)",
    "gamma": "jnp.where({0} == 0, jnp.nan, jss.gamma({0}))",
    "polygamma": "_polygamma({0}, {1})", "Li2": "_li2({0})",
    "beta": "jnp.where(({0} == 0) | ({1} == 0), jnp.nan, jss.beta({0}, {1}))",
}


def namespace() -> dict[str, Any]:
    import jax
    import jax.numpy as jnp
    import jax.scipy.special as jss

    def full(c: float, args: tuple) -> Any:
        shape = jnp.broadcast_shapes(*(jnp.shape(a) for a in args)) if args else ()
        dt = jnp.result_type(*args, 0.0) if args else None
        return jnp.full(shape, c, dtype=dt)

    def expi(u: Any) -> Any:  # Ei with the registry's values at 0 and -inf
        return jnp.where(u == 0, -jnp.inf, jnp.where(u == -jnp.inf, 0.0, jss.expi(u)))

    def polygamma(n: Any, u: Any) -> Any:  # jax wants an integer order: nan elsewhere
        if isinstance(n, float):
            return jss.polygamma(int(n), u) if n.is_integer() and n >= 0 else u * jnp.nan
        ok = (n == jnp.floor(n)) & (n >= 0)
        return jnp.where(ok, jss.polygamma(jnp.where(ok, n, 0).astype(int), u), jnp.nan)

    @jax.custom_jvp
    def li2(u: Any) -> Any:  # dilogarithm; jax's own derivative of spence is nan for x > 1
        return jss.spence(1.0 - u)

    @li2.defjvp
    def _li2_jvp(primals: tuple, tangents: tuple) -> tuple:
        (u,), (du,) = primals, tangents
        d = jnp.where(u == 0, 1.0, -jnp.log1p(-u) / jnp.where(u == 0, 1.0, u))
        return li2(u), d * du

    def inputs(args: tuple) -> tuple:
        # Python numbers stay weakly typed; NumPy arrays become JAX arrays (so that the
        # operators in the code are JAX's)
        return tuple(a if isinstance(a, (int, float)) else jnp.asarray(a) for a in args)

    def bcast(vals: tuple, args: tuple) -> tuple:
        shape = jnp.broadcast_shapes(*(jnp.shape(a) for a in args)) if args else ()
        return tuple(v if jnp.shape(v) == shape else jnp.broadcast_to(v, shape)
                     for v in vals)

    return {"jax": jax, "jnp": jnp, "jss": jss, "_nan": jnp.nan, "_inf": jnp.inf,
            "_bcast": bcast, "_full": full, "_inputs": inputs, "_lit": lambda c, like: c,
            "_first": lambda args: None, "_expi": expi, "_polygamma": polygamma, "_li2": li2}


def _stack(vals: list) -> Any:
    import jax.numpy as jnp

    return jnp.stack(jnp.broadcast_arrays(*vals))


BACKEND = Backend("jax", TEMPLATES, namespace, _stack)
