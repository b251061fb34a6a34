"""Check gradients the slow, obvious way before trusting the fast, clever way.

Backpropagation gives every gradient in one backward pass, but a single wrong sign or a missing
term gives wrong numbers that still look plausible. Finite differences are slow but hard to get
wrong: nudge one weight up by a tiny eps, nudge it down, and see how the loss changes:

    dL/dw ≈ (L(w + eps) − L(w − eps)) / (2·eps)

If both methods agree to many digits for every weight, the backward pass is right.

- gradient_check(network, loss, x, target): a whole network with its loss.
- check_layer(layer, x): one layer alone, with a random gradient arriving from above. Every
  layer of ddn is tested this way; do the same for a layer you write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from ._format import Text
from ._validate import (
    as_array,
    as_function,
    as_instance,
    as_number,
    as_rng,
    as_same_shape,
    finite,
    in_words,
    overflow_checked,
)
from .layers import Layer
from .losses import Loss
from .network import Network

#: Relative errors below this count as agreement (float64 central differences give ~1e-8).
TOLERANCE = 1e-5


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """dL/dx by central differences, where `f()` computes the loss from the current `x`.

    `x` is nudged in place, one entry at a time, and restored afterwards.
    """
    as_function(f, "f", "lambda: loss(network.forward(x), target)")
    if not isinstance(x, np.ndarray) or x.dtype != float:
        raise TypeError(f"x should be a float numpy array that f reads, but it is "
                        f"{in_words(x)}; the nudges must change the array f uses.")
    eps = as_number(eps, "eps", above=0, below=1)  # a nudge: small next to the weights
    grad = np.zeros_like(x)
    flat, flat_grad = x.reshape(-1), grad.reshape(-1)  # views: writes go into x and grad
    for i in range(flat.size):
        original = flat[i]
        flat[i] = original + eps
        up = as_number(f(), "the loss that f returns")
        flat[i] = original - eps
        down = as_number(f(), "the loss that f returns")
        flat[i] = original
        flat_grad[i] = (up - down) / (2 * eps)
    return grad


@overflow_checked
def relative_error(a, b) -> float:
    """Largest |a − b| / (|a| + |b|) over all entries (0 where both are 0)."""
    a, b = as_same_shape(a, b, ("a", "b"))
    scale = np.maximum(np.abs(a) + np.abs(b), 1e-12)
    return float(np.max(np.abs(a - b) / scale, initial=0.0))


class GradientRow(NamedTuple):
    name: str
    error: float


class GradientCheck(NamedTuple):
    """The relative error of each backpropagated gradient against finite differences."""

    rows: list[GradientRow]
    tolerance: float = TOLERANCE

    @property
    def ok(self) -> bool:
        return all(row.error < self.tolerance for row in self.rows)

    @property
    def worst(self) -> GradientRow:
        return max(self.rows, key=lambda row: row.error)

    def __repr__(self) -> str:
        width = max(len(row.name) for row in self.rows)
        lines = [f"{row.name:<{width}}  relative error {row.error:.1e}  "
                 f"{'ok' if row.error < self.tolerance else 'MISMATCH'}" for row in self.rows]
        verdict = ("backpropagation agrees with finite differences" if self.ok else
                   f"{self.worst.name} disagrees: check that part of the backward pass")
        return Text("\n".join(lines + [verdict]))


@overflow_checked
def gradient_check(network, loss, x, target, eps: float = 1e-6) -> GradientCheck:
    """Compare `network.backward` with finite differences for every parameter and the input."""
    as_instance(network, "network", Network, chain="Network")
    as_instance(loss, "loss", Loss, "a loss such as MSE()")
    x = as_array(x, "x").copy()  # one example or a batch, of any shape the network takes
    eps = as_number(eps, "eps", above=0, below=1)
    output = network.forward(x)
    try:
        grad = loss.gradient(output, target)
    except ValueError as error:
        raise ValueError(f"target does not fit the network's output for x: {error}") from None
    finite(loss(output, target), x=x, target=target)  # numbers too large to nudge: say so now
    network.backward(grad)
    analytic = [(p.name, p.value, p.grad.copy()) for p in network.parameters()]
    analytic_input = network.backward(loss.gradient(network.forward(x), target))

    def current_loss():
        return loss(network.forward(x), target)

    rows = [GradientRow(name, relative_error(grad, numerical_gradient(current_loss, value, eps)))
            for name, value, grad in analytic]
    rows.append(GradientRow("input", relative_error(analytic_input,
                                                    numerical_gradient(current_loss, x, eps))))
    return GradientCheck(rows)


@overflow_checked
def check_layer(layer, x, seed=0, eps: float = 1e-6) -> GradientCheck:
    """Compare one layer's `backward` with finite differences, for every parameter and the input.

    The loss is L = Σ upstream · output, for a random `upstream` array shaped like the output:
    then dL/d(output) is exactly `upstream`, the gradient backward receives, and whatever
    backward makes of it (dL/d weights, dL/d input) must match what nudging gives. A random
    upstream checks every output's path at once, for any shape: rows of numbers or images.
    """
    as_instance(layer, "layer", Layer, "a layer such as Dense.random(3, 2)")
    x = as_array(x, "x").copy()
    eps = as_number(eps, "eps", above=0, below=1)
    output = layer.forward(x)
    upstream = as_rng(seed).normal(size=np.shape(output))
    finite(np.sum(upstream * output), x=x)  # numbers too large to nudge: say so now
    analytic_input = layer.backward(upstream)
    analytic = [(p.name, p.value, p.grad.copy()) for p in layer.parameters()]

    def loss():
        return float(np.sum(upstream * layer.forward(x)))

    rows = [GradientRow(name, relative_error(grad, numerical_gradient(loss, value, eps)))
            for name, value, grad in analytic]
    rows.append(GradientRow("input", relative_error(analytic_input,
                                                    numerical_gradient(loss, x, eps))))
    return GradientCheck(rows)
