"""The perceptron trick, and its smooth successor: a sigmoid neuron trained on log-loss.

The trick (a step neuron whose line is w1·x1 + w2·x2 + b = 0): take a misclassified point and
move the line towards it,

    if the point is labelled 1 but the neuron says 0:  w += rate · x,  b += rate
    if the point is labelled 0 but the neuron says 1:  w −= rate · x,  b −= rate

then repeat until no point is misclassified. If a line can separate the points, this stops.

Replace the step by a sigmoid and the neuron outputs a confidence; minimising the log-loss by
gradient descent moves the line too, and every point pulls on it with strength
|sigmoid(z) − label|: points on the wrong side, far from the line, pull hardest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._format import signed
from ._validate import (
    as_array,
    as_count,
    as_labels,
    as_number,
    as_rng,
    check_positive,
    overflow_checked,
)
from .activations import _sigmoid
from .losses import _sigmoid_cross_entropy


@dataclass
class PerceptronRun:
    """Every update of the perceptron trick: the line after it, and the point that moved it."""

    weights: list[np.ndarray] = field(default_factory=list)   # after each update (first: start)
    biases: list[float] = field(default_factory=list)
    points: list[int] = field(default_factory=list)           # index of the point used
    mistakes: list[int] = field(default_factory=list)         # misclassified points per epoch
    converged: bool = False

    @property
    def updates(self) -> int:
        return len(self.points)

    def __repr__(self) -> str:
        w, b = self.weights[-1], self.biases[-1]
        state = "separates every point" if self.converged else "still misclassifies some points"
        terms = " ".join(f"{signed(v)}·x{i + 1}" for i, v in enumerate(w))
        return (f"PerceptronRun({self.updates} updates, {len(self.mistakes)} epochs: the line "
                f"{terms.removeprefix('+ ')} {signed(b)} = 0 {state})")


def _check(x, y):
    x, y = as_array(x, "x", ndim=2), as_labels(y, "y")
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} points but y has {len(y)} labels.")
    return x, y


def _line(x, weights, bias):
    """The starting line: one weight per feature of x (zeros if None) and a bias."""
    if weights is None:
        w = np.zeros(x.shape[1])
    else:
        w = as_array(weights, "weights", ndim=1).copy()
        if len(w) != x.shape[1]:
            raise ValueError(f"weights has {len(w)} values but x has {x.shape[1]} features per "
                             "point: give one weight per feature.")
    return w, as_number(bias, "bias")


@overflow_checked
def perceptron_trick(x, y, learning_rate: float = 0.1, epochs: int = 100, seed=0,
                     weights=None, bias: float = 0.0) -> PerceptronRun:
    """Run the perceptron trick over the points in a shuffled order each epoch.

    Stops after the first epoch with no misclassified point, or after `epochs` epochs.
    """
    x, y = _check(x, y)
    rate = check_positive(learning_rate, "learning_rate")
    epochs = as_count(epochs, "epochs")
    rng = as_rng(seed)
    w, b = _line(x, weights, bias)
    run = PerceptronRun([w.copy()], [b])
    for _ in range(epochs):
        wrong = 0
        for i in rng.permutation(len(x)):
            said = float(x[i] @ w + b > 0)
            if said == y[i]:
                continue
            wrong += 1
            sign = 1.0 if y[i] == 1 else -1.0   # towards a missed 1, away from a false 1
            w = w + sign * rate * x[i]
            b = b + sign * rate
            run.weights.append(w.copy())
            run.biases.append(b)
            run.points.append(int(i))
        run.mistakes.append(wrong)
        if wrong == 0:
            run.converged = True
            break
    return run


@overflow_checked
def pulls(x, y, weights, bias) -> np.ndarray:
    """How hard each point pulls on a sigmoid neuron's line: |sigmoid(w·x + b) − label|."""
    x, y = _check(x, y)
    w, b = _line(x, weights, bias)
    return np.abs(_sigmoid(x @ w + b) - y)


@overflow_checked
def sigmoid_perceptron(x, y, learning_rate: float = 0.5, epochs: int = 200, weights=None,
                       bias: float = 0.0):
    """Train one sigmoid neuron on log-loss by full-batch gradient descent.

    Returns (weights, bias, losses), the losses recorded before every step and after the last.
    The gradient of the mean log-loss is mean((sigmoid(z) − y) · x) for the weights and
    mean(sigmoid(z) − y) for the bias.
    """
    x, y = _check(x, y)
    rate = check_positive(learning_rate, "learning_rate")
    epochs = as_count(epochs, "epochs")
    w, b = _line(x, weights, bias)
    losses = []
    for _ in range(epochs + 1):
        z = x @ w + b
        losses.append(float(np.mean(_sigmoid_cross_entropy(z, y))))
        error = _sigmoid(z) - y
        if len(losses) > epochs:
            break
        w -= rate * x.T @ error / len(y)
        b -= rate * float(np.mean(error))
    return w, b, losses
