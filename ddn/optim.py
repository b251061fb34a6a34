"""Optimisers: how to change the weights once backpropagation has given their gradients.

The gradient points uphill on the loss surface, so every optimiser steps against it:

    w_new = w_old − learning_rate · dL/dw

The learning rate is the step size: too small and training crawls, too large and it overshoots
the valley or even climbs out of it (the loss grows instead of shrinking).
"""

from __future__ import annotations

from ._validate import check_positive


class GradientDescent:
    """Plain gradient descent: every weight moves by −learning_rate × its gradient."""

    def __init__(self, learning_rate: float = 0.1):
        self.learning_rate = check_positive(learning_rate, "learning_rate")

    def step(self, parameters) -> None:
        """Update each parameter in place from its stored gradient."""
        for p in parameters:
            p.value -= self.learning_rate * p.grad

    def __repr__(self) -> str:
        return f"GradientDescent(learning_rate={self.learning_rate})"
