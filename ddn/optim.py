"""Optimisers: how to change the weights once backpropagation has given their gradients.

The gradient points uphill on the loss surface, so every optimiser steps against it:

    w_new = w_old − learning_rate · dL/dw

The learning rate is the step size: too small and training crawls, too large and it overshoots
the valley or even climbs out of it (the loss grows instead of shrinking).

Every optimiser has the same method, `step(parameters)`, which changes each parameter's value in
place from its gradient (see Network.parameters()). Mini-batch SGD ("stochastic" gradient
descent) is plain gradient descent fed with small random batches: see training.py.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_list_of, as_number, check_positive
from .network import Parameter


class GradientDescent:
    """Plain gradient descent: every weight moves by −learning_rate × its gradient."""

    def __init__(self, learning_rate: float = 0.1):
        self.learning_rate = check_positive(learning_rate, "learning_rate")

    def step(self, parameters) -> None:
        """Update each parameter in place from its stored gradient."""
        for p in as_list_of(parameters, "parameters", Parameter, "network.parameters()"):
            p.value -= self.learning_rate * p.grad

    def __repr__(self) -> str:
        return f"GradientDescent(learning_rate={self.learning_rate})"


class Momentum:
    """Gradient descent with momentum: each step keeps a share of the previous step.

        velocity = momentum · velocity − learning_rate · gradient
        w_new    = w_old + velocity

    Like a ball rolling downhill, it speeds up along a long valley floor and its zigzags across
    a narrow valley cancel out. momentum = 0 is plain gradient descent.
    """

    def __init__(self, learning_rate: float = 0.1, momentum: float = 0.9):
        self.learning_rate = check_positive(learning_rate, "learning_rate")
        self.momentum = as_number(momentum, "momentum", at_least=0, below=1)
        self._velocity: dict[int, np.ndarray] = {}

    def step(self, parameters) -> None:
        for p in as_list_of(parameters, "parameters", Parameter, "network.parameters()"):
            v = self._velocity.setdefault(id(p.value), np.zeros_like(p.value))
            v *= self.momentum
            v -= self.learning_rate * p.grad
            p.value += v

    def __repr__(self) -> str:
        return f"Momentum(learning_rate={self.learning_rate}, momentum={self.momentum})"
