"""Training: the four steps of one iteration, repeated until the network is good enough.

1. Forward pass: feed a batch of examples through the network.
2. Loss: measure how wrong the outputs are.
3. Backward pass: backpropagate to get the gradient of the loss for every weight.
4. Update: step every weight a little against its gradient.

One pass over all the training data is an epoch. Using all examples for every step is (full-batch)
gradient descent; using small shuffled groups (mini-batches) is stochastic gradient descent (SGD):
more, noisier steps per epoch.

`train(...)` runs a number of epochs in one go. A `Trainer` does the same a few epochs at a
time and remembers where it is, which is what an animation needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._format import num
from ._validate import as_array, as_count, as_instance, as_rng, in_words, too_large
from .losses import Loss
from .network import Network
from .optim import GradientDescent

#: The loss this many times above its first value (or not a number any more) means divergence.
DIVERGED = 1e6


@dataclass
class History:
    """The training loss and accuracy, and the same on test data if there is any, after each
    epoch that was evaluated (every epoch, unless `evaluate_every` says otherwise); `epochs`
    holds those epochs' numbers.

    `stopped` says in words why training stopped early (it diverged), else it is None.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    test_accuracy: list[float] = field(default_factory=list)
    stopped: str | None = None
    epochs: list[int] = field(default_factory=list)

    def __repr__(self) -> str:
        if not self.loss:
            return f"History(no epochs yet{'; stopped: ' + self.stopped if self.stopped else ''})"
        n = self.epochs[-1] if self.epochs else len(self.loss)
        text = f"History({n} epoch{'' if n == 1 else 's'}, loss {self.loss[0]:.4g} → " \
               f"{self.loss[-1]:.4g}"
        if self.accuracy:
            text += f", accuracy {self.accuracy[-1]:.1%}"
        if self.test_accuracy:
            text += f", test accuracy {self.test_accuracy[-1]:.1%}"
        return text + (f"; stopped: {self.stopped}" if self.stopped else "") + ")"


def _check_model(network, loss):
    as_instance(network, "network", Network, chain="Network")
    as_instance(loss, "loss", Loss, "a loss such as MSE()")


def _check_data(network, x, y, names=("x", "y")):
    """Examples of the shape the network takes, one target (or row of targets) each."""
    x, single = network._check_input(x, names[0])
    if single:
        raise ValueError(f"{names[0]} should be a batch of examples, one per row (or one "
                         f"image per entry of its first axis), but it is one example of shape "
                         f"{x.shape[1:]}: for one example, write [{names[0]}].")
    y = as_array(y, names[1], ndim=(1, 2))
    if y.ndim == 1:
        y = y[:, None]
    if len(x) != len(y):
        raise ValueError(f"{names[0]} has {len(x)} examples but {names[1]} has {len(y)} "
                         "targets: give one target per example.")
    return x, y


def _output_width(network, x) -> int:
    """How many numbers the network gives per example; a loss compares them with a target."""
    shape = network._output_shape(x.shape[1:])
    if len(shape) != 1:
        raise ValueError(f"the network gives outputs of shape {shape} per example, but a loss "
                         "compares one row of numbers per example with its target: end the "
                         "network with Flatten() and Dense.")
    return shape[0]


def accuracy(network, loss, x, y) -> float:
    """Fraction of examples whose predicted class (as the loss reads the output) is right."""
    _check_model(network, loss)
    if loss.classify is None:
        raise ValueError(f"{loss!r} is a regression loss: accuracy needs a classification loss "
                         "such as SigmoidCrossEntropy or SoftmaxCrossEntropy.")
    x, y = _check_data(network, x, y)
    loss.targets(y, _output_width(network, x))  # one label (or one-hot row) each, or an error
    return _accuracy(loss, network.forward(x), y)


def _accuracy(loss, output, y):
    predicted = loss.classify(output)
    labels = y.argmax(axis=1) if predicted.ndim == 1 and y.shape[1] > 1 else y.reshape(-1)
    return float(np.mean(predicted.reshape(-1) == labels))


class Trainer:
    """Trains `network` in place, a few epochs at a time; `history` grows with every epoch.

    batch_size None means full-batch gradient descent; otherwise mini-batches drawn from a
    shuffle seeded by `seed`, so the same calls always give the same network. With `x_test`
    and `y_test`, the loss and accuracy on those held-out examples are recorded too.

    Measuring the loss and accuracy on all the data costs a pass through it; with
    `evaluate_every=k` that happens every k epochs only (`evaluate()` measures now).
    """

    def __init__(self, network, loss, x, y, *, learning_rate: float = 0.1,
                 batch_size: int | None = None, optimizer=None, seed=0, x_test=None,
                 y_test=None, evaluate_every: int = 1):
        _check_model(network, loss)
        self.network, self.loss = network, loss
        self.x, self.y = _check_data(network, x, y)
        if (x_test is None) != (y_test is None):
            raise ValueError("x_test and y_test go together: give both (test examples and "
                             "their targets) or neither.")
        self.test = None if x_test is None else _check_data(network, x_test, y_test,
                                                            ("x_test", "y_test"))
        self.batch_size = None if batch_size is None else \
            min(as_count(batch_size, "batch_size"), len(self.x))
        self.evaluate_every = as_count(evaluate_every, "evaluate_every")
        if optimizer is None:
            optimizer = GradientDescent(learning_rate)
        elif isinstance(optimizer, type) or not callable(getattr(optimizer, "step", None)):
            raise TypeError(f"optimizer should have a step(parameters) method, like "
                            f"GradientDescent(0.1), but it is {in_words(optimizer)}"
                            f"{': add brackets' if isinstance(optimizer, type) else ''}.")
        self.optimizer = optimizer
        self.rng = as_rng(seed)
        self.params = network.parameters()
        self.history = History()
        self.epoch = 0
        # Targets in the shape the loss works with (e.g. one-hot rows), prepared once.
        width = _output_width(network, self.x)
        self._targets = loss.targets(self.y, width)
        self._test_targets = None if self.test is None else loss.targets(self.test[1], width)
        self._check_finite(self.x, self._targets, ("x", "y"))
        if self.test is not None:
            self._check_finite(self.test[0], self._test_targets, ("x_test", "y_test"))

    def _check_finite(self, x, targets, names) -> None:
        """Data too large to compute with would look like divergence later: say so now."""
        with np.errstate(over="ignore", invalid="ignore"):
            value = self.loss._value(self.network._forward(x), targets)
        if not np.isfinite(value):
            raise too_large(dict(zip(names, (x, targets))))

    def run(self, epochs: int = 1) -> History:
        """Train for `epochs` more epochs (fewer if the loss diverges)."""
        epochs = as_count(epochs, "epochs")
        n = len(self.x)
        for _ in range(epochs):
            if self.history.stopped:
                break
            before = [p.value.copy() for p in self.params]
            order = self.rng.permutation(n) if self.batch_size else None
            with np.errstate(over="ignore", invalid="ignore"):  # divergence is caught below
                for start in range(0, n, self.batch_size or n):
                    idx = order[start:start + self.batch_size] if self.batch_size else slice(None)
                    out = self.network._forward(self.x[idx])                  # 1. forward
                    grad = self.loss._gradient(out, self._targets[idx])       # 2. loss gradient
                    self.network._parameter_gradients(grad)                   # 3. backward
                    self.optimizer.step(self.params)                          # 4. update
                self.epoch += 1
                if self.epoch % self.evaluate_every == 0:
                    self._record(before)
                elif not all(np.isfinite(p.value).all() for p in self.params):
                    self._overflowed(before)
        return self.history

    def evaluate(self) -> History:
        """Record the loss and accuracy now (if this epoch is not recorded yet)."""
        if self.epoch and not self.history.stopped and \
                (not self.history.epochs or self.history.epochs[-1] != self.epoch):
            with np.errstate(over="ignore", invalid="ignore"):
                self._record(None)
        return self.history

    def _record(self, before) -> None:
        h, loss = self.history, self.loss
        out = self.network._forward(self.x)
        value = float(loss._value(out, self._targets))
        if not np.isfinite(value):
            self._overflowed(before)
            return
        h.epochs.append(self.epoch)
        h.loss.append(value)
        if loss.classify is not None:
            h.accuracy.append(_accuracy(loss, out, self.y))
        if self.test is not None:
            test_out = self.network._forward(self.test[0])
            h.test_loss.append(float(loss._value(test_out, self._test_targets)))
            if loss.classify is not None:
                h.test_accuracy.append(_accuracy(loss, test_out, self.test[1]))
        if value > DIVERGED * max(1.0, h.loss[0]):
            epochs = f"{self.epoch} epoch{'s' if self.epoch != 1 else ''}"
            h.stopped = f"the loss grew to {value:.0e} after {epochs}: {self._advice()}"

    def _overflowed(self, before) -> None:
        """The weights overflowed: keep the last good ones, and say why training stopped."""
        for p, good in zip(self.params, before or ()):
            p.value[...] = good
        self.history.stopped = (f"the loss grew to infinity in epoch {self.epoch}: "
                                f"{self._advice()}")
        self.epoch -= 1

    def _advice(self) -> str:
        rate = getattr(self.optimizer, "learning_rate", None)
        which = f" (it is {num(rate)})" if rate is not None else ""
        return f"lower the learning rate{which}."


def train(network, loss, x, y, *, epochs: int = 100, learning_rate: float = 0.1,
          batch_size: int | None = None, optimizer=None, seed=0, x_test=None,
          y_test=None, evaluate_every: int = 1) -> History:
    """Train `network` in place on examples `x` with targets `y`; return the history.

    `x` holds examples of the shape the network takes, one per entry of its first axis: rows
    of numbers for Dense, images (n, channels, height, width) for Conv2D.
    """
    epochs = as_count(epochs, "epochs")
    trainer = Trainer(network, loss, x, y, learning_rate=learning_rate, batch_size=batch_size,
                      optimizer=optimizer, seed=seed, x_test=x_test, y_test=y_test,
                      evaluate_every=evaluate_every)
    trainer.run(epochs)
    return trainer.evaluate()  # the last epoch, even if evaluate_every skipped it
