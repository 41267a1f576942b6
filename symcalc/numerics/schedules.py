"""Learning-rate schedules: the learning rate of step t (0-based) from the base rate.

A schedule is called as ``schedule(t, lr)``; pass one to
``minimize(..., schedule=...)``. The formulas are PyTorch's (``StepLR``, ``ExponentialLR``,
``CosineAnnealingLR`` in closed form), stepped once per iteration.

>>> from symcalc.numerics.schedules import cosine_annealing, linear_warmup, step_decay
>>> s = step_decay(10, gamma=0.5)
>>> s(0, 0.1), s(10, 0.1), s(25, 0.1)
(0.1, 0.05, 0.025)
>>> c = cosine_annealing(100)
>>> c(0, 1.0), c(50, 1.0), c(100, 1.0)
(1.0, 0.5, 0.0)
>>> w = linear_warmup(4, then=step_decay(10, 0.5))
>>> [w(t, 1.0) for t in (0, 1, 3, 4, 14)]
[0.0, 0.25, 0.75, 1.0, 0.5]
"""

from __future__ import annotations

import math


class Schedule:
    """Base class: ``schedule(t, lr)`` is the learning rate of step ``t``."""

    def __call__(self, t: int, lr: float) -> float:  # pragma: no cover - abstract
        raise NotImplementedError


class Constant(Schedule):
    """The base rate at every step."""

    def __call__(self, t: int, lr: float) -> float:
        return lr

    def __repr__(self) -> str:
        return "constant()"


class StepDecay(Schedule):
    """``lr * gamma^floor(t / step_size)``: multiply by gamma every step_size steps."""

    def __init__(self, step_size: int, gamma: float = 0.1) -> None:
        if step_size < 1:
            raise ValueError(f"step_decay: step_size must be a positive integer, not {step_size}")
        self.step_size = int(step_size)
        self.gamma = float(gamma)

    def __call__(self, t: int, lr: float) -> float:
        return lr * self.gamma ** (t // self.step_size)

    def __repr__(self) -> str:
        return f"step_decay({self.step_size}, gamma={self.gamma})"


class ExponentialDecay(Schedule):
    """``lr * gamma^t``."""

    def __init__(self, gamma: float) -> None:
        if not 0 < gamma:
            raise ValueError(f"exponential_decay: gamma must be positive, not {gamma}")
        self.gamma = float(gamma)

    def __call__(self, t: int, lr: float) -> float:
        return lr * self.gamma ** t

    def __repr__(self) -> str:
        return f"exponential_decay({self.gamma})"


class CosineAnnealing(Schedule):
    """``eta_min + (lr - eta_min) (1 + cos(pi t / t_max)) / 2``, and eta_min after t_max
    (Loshchilov and Hutter's SGDR without restarts)."""

    def __init__(self, t_max: int, eta_min: float = 0.0) -> None:
        if t_max < 1:
            raise ValueError(f"cosine_annealing: t_max must be a positive integer, not {t_max}")
        self.t_max = int(t_max)
        self.eta_min = float(eta_min)

    def __call__(self, t: int, lr: float) -> float:
        tc = min(t, self.t_max)
        return self.eta_min + (lr - self.eta_min) * (1.0 + math.cos(math.pi * tc / self.t_max)) / 2

    def __repr__(self) -> str:
        return f"cosine_annealing({self.t_max}, eta_min={self.eta_min})"


class LinearWarmup(Schedule):
    """``lr * t / steps`` for the first ``steps`` steps -- the warm-up starts from 0 at
    step 0, as in Goyal et al.'s gradual warm-up, Hugging Face's
    ``get_linear_schedule_with_warmup`` and PyTorch's ``LinearLR(start_factor=0)`` --
    then the schedule ``then`` (counted from the end of the warm-up; constant by
    default)."""

    def __init__(self, steps: int, then: Schedule | None = None) -> None:
        if steps < 1:
            raise ValueError(f"linear_warmup: steps must be a positive integer, not {steps}")
        self.steps = int(steps)
        self.then = then if then is not None else Constant()

    def __call__(self, t: int, lr: float) -> float:
        if t < self.steps:
            return lr * t / self.steps
        return self.then(t - self.steps, lr)

    def __repr__(self) -> str:
        return f"linear_warmup({self.steps}, then={self.then!r})"


def constant() -> Schedule:
    """The base rate throughout."""
    return Constant()


def step_decay(step_size: int, gamma: float = 0.1) -> Schedule:
    """Multiply the rate by ``gamma`` every ``step_size`` steps (PyTorch ``StepLR``)."""
    return StepDecay(step_size, gamma)


def exponential_decay(gamma: float) -> Schedule:
    """Multiply the rate by ``gamma`` every step (PyTorch ``ExponentialLR``)."""
    return ExponentialDecay(gamma)


def cosine_annealing(t_max: int, eta_min: float = 0.0) -> Schedule:
    """Half a cosine from the base rate down to ``eta_min`` over ``t_max`` steps."""
    return CosineAnnealing(t_max, eta_min)


def linear_warmup(steps: int, then: Schedule | None = None) -> Schedule:
    """Ramp the rate up linearly over ``steps`` steps, then follow ``then``."""
    return LinearWarmup(steps, then)


def as_schedule(s: object, maxiter: int) -> Schedule:
    """A Schedule from what ``minimize`` was given: None, a Schedule, a function
    ``(t, lr) -> lr``, or the names ``"constant"`` and ``"cosine"`` (t_max = maxiter)."""
    if s is None or s == "constant":
        return Constant()
    if s == "cosine":
        return CosineAnnealing(max(1, maxiter))
    if isinstance(s, Schedule):
        return s
    if callable(s):
        return _Function(s)
    raise ValueError(f"schedule must be a Schedule (see symcalc.numerics.schedules), a "
                     f"function (t, lr) -> lr, 'constant' or 'cosine'; got {s!r}")


class _Function(Schedule):
    def __init__(self, fn: object) -> None:
        self.fn = fn

    def __call__(self, t: int, lr: float) -> float:
        return float(self.fn(t, lr))  # type: ignore[operator]

    def __repr__(self) -> str:
        return f"schedule({self.fn!r})"
