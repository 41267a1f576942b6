"""The PyTorch backend: IR ops as ``torch`` / ``torch.special`` calls.

Autograd differentiates the emitted function; it runs on the device of its inputs and
in their floating dtype (Python floats join the first tensor argument's dtype and
device; without tensor arguments: torch's default dtype, on the CPU).
"""

from __future__ import annotations

from typing import Any

from .emit import Backend

TEMPLATES: dict[str, str] = {
    "add": "({0} + {1})", "sub": "({0} - {1})", "mul": "({0} * {1})", "div": "({0} / {1})",
    "neg": "(-{0})", "pow": "torch.pow({0}, {1})", "sqrt": "torch.sqrt({0})",
    "cbrt": "(torch.sign({0}) * torch.pow(torch.abs({0}), 1.0 / 3.0))",
    "exp": "torch.exp({0})", "expm1": "torch.expm1({0})",
    "log": "torch.log({0})", "log1p": "torch.log1p({0})", "sin": "torch.sin({0})",
    "cos": "torch.cos({0})", "tan": "torch.tan({0})", "asin": "torch.asin({0})",
    "acos": "torch.acos({0})", "atan": "torch.atan({0})", "sinh": "torch.sinh({0})",
    "cosh": "torch.cosh({0})", "tanh": "torch.tanh({0})", "asinh": "torch.asinh({0})",
    "acosh": "torch.acosh({0})", "atanh": "torch.atanh({0})", "abs": "torch.abs({0})",
    "sign": "torch.sign({0})", "step": "torch.heaviside({0}, torch.zeros_like({0}))",
    "erf": "torch.special.erf({0})", "erfc": "torch.special.erfc({0})",
    "atan2": "torch.atan2({0}, {1})", "hypot": "torch.hypot({0}, {1})",
    "maximum": "torch.maximum({0}, {1})", "minimum": "torch.minimum({0}, {1})",
    "fmin": "torch.fmin({0}, {1})", "logaddexp": "torch.logaddexp({0}, {1})",
    "sigmoid": "torch.sigmoid({0})", "floor": "torch.floor({0})", "ceil": "torch.ceil({0})",
    "gt": "({0} > {1})", "ge": "({0} >= {1})", "lt": "({0} < {1})", "le": "({0} <= {1})",
    "eq": "({0} == {1})", "ne": "({0} != {1})", "and": "torch.logical_and({0}, {1})",
    "or": "torch.logical_or({0}, {1})", "not": "torch.logical_not({0})",
    "where": "torch.where({0}, {1}, {2})",
    # special functions with the registry's real semantics
    "digamma": "torch.where(({0} <= 0) & ({0} == torch.floor({0})), _nan, "
               "torch.special.digamma({0}))",
    "erfinv": "torch.special.erfinv({0})",
    "loggamma": "torch.where({0} > 0, torch.special.gammaln({0}), _nan)",
    "sinc": "torch.special.sinc({0} / _pi)",
}


def namespace() -> dict[str, Any]:
    import math

    import torch

    def first(args: tuple) -> Any:
        return next((a for a in args if isinstance(a, torch.Tensor)), None)

    def lit(c: Any, like: Any) -> Any:
        if like is None:
            return torch.tensor(c)
        if isinstance(c, bool):
            return torch.tensor(c, device=like.device)
        return torch.tensor(c, dtype=like.dtype, device=like.device)

    def full(c: float, args: tuple) -> Any:
        ts = [a for a in args if isinstance(a, torch.Tensor)]
        if not ts:
            return torch.tensor(c, dtype=torch.get_default_dtype())
        shape = torch.broadcast_shapes(*(t.shape for t in ts))
        return torch.full(shape, c, dtype=ts[0].dtype, device=ts[0].device)

    def inputs(args: tuple) -> tuple:
        like = first(args)
        if like is None or not like.is_floating_point():
            dt, dev = torch.get_default_dtype(), like.device if like is not None else None
        else:
            dt, dev = like.dtype, like.device
        return tuple(a if isinstance(a, torch.Tensor) and a.dtype == dt
                     else a.to(dt) if isinstance(a, torch.Tensor)
                     else torch.as_tensor(a, dtype=dt, device=dev) for a in args)

    def bcast(vals: tuple, args: tuple) -> tuple:
        shape = torch.broadcast_shapes(*(a.shape for a in args)) if args else ()
        return tuple(v if v.shape == shape else v.broadcast_to(shape) for v in vals)

    return {"_bcast": bcast, "torch": torch, "_nan": math.nan, "_inf": math.inf, "_pi": math.pi,
            "_full": full, "_inputs": inputs, "_lit": lit, "_first": first}


def _stack(vals: list) -> Any:
    import torch

    return torch.stack(torch.broadcast_tensors(*vals))


BACKEND = Backend("torch", TEMPLATES, namespace, _stack, tensor_literals=True)
