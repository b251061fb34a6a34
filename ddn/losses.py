"""Losses: one number that says how wrong the network is (also called error, cost or energy).

Training is the search for weights that make this number small, so each loss comes with its
gradient: how the loss changes as each output changes, where backpropagation starts.

- Squared error: the school "line of best fit". For one example, L = Σ ½·(target − output)².
  The mean squared error (MSE) averages (target − output)² over every value.
- Softmax: turns raw scores into probabilities (each 0..1, summing to 1).
- Cross-entropy (log-loss): −log(the probability given to the correct answer), averaged over the
  examples. Confident and right costs almost nothing; confident and wrong costs a lot.

Everything here stays finite for any finite input: softmax subtracts the largest score before
exponentiating, and probabilities are kept a hair away from 0 before taking the log.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, describe
from .activations import _sigmoid

#: Probabilities are clipped to [TINY, 1 − TINY] before a log, so −log(0) never happens:
#: the largest possible loss for one example is −log(1e-12) ≈ 27.6.
TINY = 1e-12


def _softmax(z):
    shifted = z - np.max(z, axis=-1, keepdims=True)  # same result, no overflow
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def _log_softmax(z):
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def softmax(scores):
    """Raw scores -> probabilities, along the last axis.

    >>> [round(float(p), 6) for p in softmax([-4, 5.2])]
    [0.000101, 0.999899]
    """
    z = as_array(scores, "scores", ndim=(1, 2))
    if z.shape[-1] == 0:
        raise ValueError("scores is empty: softmax needs at least one score.")
    return _softmax(z)


def _same_shape(output, target, what="output"):
    out = as_array(output, what)
    tgt = as_array(target, "target")
    if out.shape != tgt.shape:
        raise ValueError(f"{what} is {describe(out)} but target is {describe(tgt)}: they should "
                         "have the same shape, one target per output.")
    return out, tgt


def squared_error(output, target) -> float:
    """Σ ½·(target − output)² over all values: the course's loss for one example."""
    out, tgt = _same_shape(output, target)
    with np.errstate(over="ignore"):  # a gap beyond 1e154 squares to inf: say so, quietly
        return float(0.5 * np.sum((tgt - out) ** 2))


def mse(output, target) -> float:
    """Mean squared error: the average of (target − output)² over all values."""
    out, tgt = _same_shape(output, target)
    if out.size == 0:
        raise ValueError("output is empty: there is nothing to average.")
    with np.errstate(over="ignore"):
        return float(np.mean((tgt - out) ** 2))


def one_hot(labels, n_classes: int) -> np.ndarray:
    """Class numbers -> rows with a single 1: one_hot([8], 10) -> [[0,0,0,0,0,0,0,0,1,0]]."""
    lab = as_array(labels, "labels", ndim=(0, 1))
    whole = np.all(lab == np.round(lab))
    if not whole or lab.min(initial=0) < 0 or lab.max(initial=0) >= n_classes:
        raise ValueError(f"labels should be whole numbers from 0 to {n_classes - 1}, but they "
                         f"are {lab.tolist()}.")
    return np.eye(n_classes)[lab.astype(int)]


def _class_targets(labels, n_samples, n_classes, what):
    """Labels (class numbers, or one-hot rows) as one-hot rows of shape (n_samples, n_classes)."""
    lab = as_array(labels, "labels", ndim=(0, 1, 2))
    if lab.ndim == 2:
        if lab.shape != (n_samples, n_classes):
            raise ValueError(f"labels as one-hot rows should have shape {(n_samples, n_classes)} "
                             f"like the {what}, but they are {describe(lab)}.")
        return lab
    lab = np.atleast_1d(lab)
    if lab.shape != (n_samples,):
        raise ValueError(f"labels should hold one class number per example ({n_samples}), but "
                         f"they are {describe(lab)}.")
    return one_hot(lab, n_classes)


def cross_entropy(probabilities, labels) -> float:
    """Average −log(probability of the correct class).

    `probabilities`: one row per example (or a single row); `labels`: the correct class of each
    example, as class numbers or one-hot rows. A model that gives the true class 0.8 scores
    −log(0.8) ≈ 0.223; one that gives it 0.3 scores −log(0.3) ≈ 1.204.
    """
    p = np.atleast_2d(as_array(probabilities, "probabilities", ndim=(1, 2)))
    if p.min() < 0 or p.max() > 1:
        raise ValueError("probabilities should lie between 0 and 1; for raw scores use "
                         "SoftmaxCrossEntropy, or apply softmax first.")
    targets = _class_targets(labels, p.shape[0], p.shape[1], "probabilities")
    picked = np.sum(targets * np.clip(p, TINY, 1.0), axis=1)
    return float(np.mean(-np.log(picked)))


def log_loss(probabilities, labels) -> float:
    """Binary cross-entropy: average of −[y·log p + (1 − y)·log(1 − p)], labels y of 0 or 1."""
    p, y = _same_shape(np.ravel(as_array(probabilities, "probabilities")),
                       np.ravel(as_array(labels, "labels")), "probabilities")
    if p.min() < 0 or p.max() > 1:
        raise ValueError("probabilities should lie between 0 and 1; for raw scores use "
                         "SigmoidCrossEntropy, or apply sigmoid first.")
    p = np.clip(p, TINY, 1.0 - TINY)
    return float(np.mean(-(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))))


class Loss:
    """A loss for training: `loss(output, target)` gives the value, `loss.gradient(...)` the
    gradient with respect to the output (same shape), where backpropagation starts.

    Classification losses also say which class each output picks (`classify`), so training can
    report accuracy; regression losses have `classify = None`.
    """

    classify = None

    def __call__(self, output, target) -> float:
        out, tgt = self._prepare(output, target)
        return float(self._value(out, tgt))

    def gradient(self, output, target) -> np.ndarray:
        out, tgt = self._prepare(output, target)
        return self._gradient(out, tgt).reshape(np.shape(output))

    def _prepare(self, output, target):
        out, tgt = _same_shape(output, target)
        return np.atleast_2d(out), np.atleast_2d(tgt)

    def targets(self, y, width: int) -> np.ndarray:
        """Targets as rows matching a network output of `width` values (for training)."""
        t = np.asarray(y, dtype=float).reshape(len(y), -1)
        if t.shape[1] != width:
            raise ValueError(f"each target has {t.shape[1]} values but the network gives "
                             f"{width} outputs: they should match.")
        return t

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class MSE(Loss):
    """Mean squared error over all outputs; gradient 2·(output − target) / (number of values)."""

    def _value(self, out, tgt):
        return np.mean((out - tgt) ** 2)

    def _gradient(self, out, tgt):
        return 2.0 * (out - tgt) / out.size


class SoftmaxCrossEntropy(Loss):
    """Cross-entropy on raw scores (logits), with the softmax folded in for stability.

    Target: class numbers or one-hot rows. Gradient: (softmax(scores) − one_hot) / n_samples.
    """

    def _prepare(self, output, target):
        z = np.atleast_2d(as_array(output, "output", ndim=(1, 2)))
        return z, _class_targets(target, z.shape[0], z.shape[1], "output")

    def targets(self, y, width: int) -> np.ndarray:
        """Class numbers (one per row) or one-hot rows, as one-hot rows of `width` classes."""
        y = np.asarray(y, dtype=float)
        labels = y.reshape(-1) if y.ndim == 1 or y.shape[1] == 1 else y
        return _class_targets(labels, len(y), width, "network output")

    def _value(self, z, onehot):
        return -np.mean(np.sum(onehot * _log_softmax(z), axis=1))

    def _gradient(self, z, onehot):
        return (_softmax(z) - onehot) / z.shape[0]

    @staticmethod
    def classify(scores) -> np.ndarray:
        """The class with the highest score in each row."""
        return np.argmax(np.atleast_2d(scores), axis=1)


class SigmoidCrossEntropy(Loss):
    """Binary log-loss on raw scores (logits), with the sigmoid folded in for stability.

    Target: 0 or 1 per output. Value: mean of log(1 + e^z) − y·z. Gradient: (sigmoid(z) − y) / n.
    """

    def _value(self, z, y):
        return np.mean(np.logaddexp(0.0, z) - y * z)

    def _gradient(self, z, y):
        return (_sigmoid(z) - y) / z.size

    @staticmethod
    def classify(scores) -> np.ndarray:
        """1 where the score is positive (probability above 50%), else 0."""
        return (np.asarray(scores) > 0).astype(int)
