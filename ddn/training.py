"""Training: the four steps of one iteration, repeated until the network is good enough.

1. Forward pass: feed a batch of examples through the network.
2. Loss: measure how wrong the outputs are.
3. Backward pass: backpropagate to get the gradient of the loss for every weight.
4. Update: step every weight a little against its gradient.

One pass over all the training data is an epoch. Using all examples for every step is (full-batch)
gradient descent; using small shuffled groups (mini-batches) gives more, noisier steps per epoch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._validate import as_array, as_rng, check_positive, describe
from .optim import GradientDescent


@dataclass
class History:
    """The loss (and, for classifiers, the accuracy) after every epoch."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)

    def __repr__(self) -> str:
        if not self.loss:
            return "History(no epochs yet)"
        text = f"History({len(self.loss)} epochs, loss {self.loss[0]:.4g} → {self.loss[-1]:.4g}"
        if self.accuracy:
            text += f", accuracy {self.accuracy[-1]:.1%}"
        return text + ")"


def _check_data(network, x, y):
    x = as_array(x, "x", ndim=2)
    y = as_array(y, "y", ndim=(1, 2))
    if y.ndim == 1:
        y = y[:, None]
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} examples but y has {len(y)} targets: give one target "
                         "per example.")
    if network.n_inputs is not None and x.shape[1] != network.n_inputs:
        raise ValueError(f"x has {x.shape[1]} features per example but the network takes "
                         f"{network.n_inputs} inputs.")
    return x, y


def accuracy(network, loss, x, y) -> float:
    """Fraction of examples whose predicted class (as the loss reads the output) is right."""
    if loss.classify is None:
        raise ValueError(f"{loss!r} is a regression loss: accuracy needs a classification loss "
                         "such as SigmoidCrossEntropy or SoftmaxCrossEntropy.")
    x, y = _check_data(network, x, y)
    return _accuracy(network, loss, x, y)


def _accuracy(network, loss, x, y):
    predicted = loss.classify(network.forward(x))
    labels = y.argmax(axis=1) if predicted.ndim == 1 and y.shape[1] > 1 else y.reshape(-1)
    return float(np.mean(predicted.reshape(-1) == labels))


def train(network, loss, x, y, *, epochs: int = 100, learning_rate: float = 0.1,
          batch_size: int | None = None, optimizer=None, seed=0) -> History:
    """Train `network` in place on examples `x` with targets `y`; return the history.

    batch_size None means full-batch gradient descent; otherwise mini-batches drawn from a
    shuffle seeded by `seed`, so the same call always gives the same network.
    """
    x, y = _check_data(network, x, y)
    epochs = check_positive(epochs, "epochs", integer=True)
    if batch_size is not None:
        batch_size = min(check_positive(batch_size, "batch_size", integer=True), len(x))
    if optimizer is None:
        optimizer = GradientDescent(learning_rate)
    elif not hasattr(optimizer, "step"):
        raise TypeError(f"optimizer should have a step(parameters) method, but it is "
                        f"{describe(optimizer)}.")
    rng = as_rng(seed)
    params = network.parameters()
    history = History()
    for _ in range(epochs):
        order = rng.permutation(len(x)) if batch_size else None
        starts = range(0, len(x), batch_size) if batch_size else [0]
        for start in starts:
            idx = order[start:start + batch_size] if batch_size else slice(None)
            xb, yb = x[idx], y[idx]
            out = network.forward(xb)                      # 1. forward
            grad = loss.gradient(out, yb)                  # 2. loss (its gradient)
            network.backward(grad)                         # 3. backward
            optimizer.step(params)                         # 4. update
        history.loss.append(loss(network.forward(x), y))
        if loss.classify is not None:
            history.accuracy.append(_accuracy(network, loss, x, y))
    return history
