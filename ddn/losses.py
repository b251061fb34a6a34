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

from ._validate import as_array, as_count, as_same_shape, in_words, overflow_checked, plural
from .activations import _sigmoid

#: Probabilities are clipped to [TINY, 1 − TINY] before a log, so −log(0) never happens:
#: the largest possible loss for one example is −log(1e-12) ≈ 27.6.
TINY = 1e-12


def _sigmoid_cross_entropy(z, y):
    """Log-loss of each raw score z against its label y, with the sigmoid folded in:
    −[y·log σ(z) + (1 − y)·log(1 − σ(z))] = log(1 + e^z) − y·z, which never overflows."""
    return np.logaddexp(0.0, z) - y * z


def _softmax(z):
    shifted = z - np.max(z, axis=-1, keepdims=True)  # same result, no overflow
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def _log_softmax(z):
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


@overflow_checked
def softmax(scores):
    """Raw scores -> probabilities, along the last axis.

    >>> [round(float(p), 6) for p in softmax([-4, 5.2])]
    [0.000101, 0.999899]
    """
    z = as_array(scores, "scores", ndim=(1, 2))
    if z.shape[-1] == 0:
        raise ValueError("scores is empty: softmax needs at least one score.")
    return _softmax(z)


def _same_shape(output, target):
    return as_same_shape(output, target, ("output", "target"))


@overflow_checked
def squared_error(output, target) -> float:
    """Σ ½·(target − output)² over all values: the course's loss for one example."""
    out, tgt = _same_shape(output, target)
    return float(0.5 * np.sum((tgt - out) ** 2))


@overflow_checked
def mse(output, target) -> float:
    """Mean squared error: the average of (target − output)² over all values."""
    out, tgt = _same_shape(output, target)
    return float(np.mean((tgt - out) ** 2))


def one_hot(labels, n_classes: int) -> np.ndarray:
    """Class numbers -> rows with a single 1: one_hot([8], 10) -> [[0,0,0,0,0,0,0,0,1,0]]."""
    lab = as_array(labels, "labels", ndim=(0, 1))
    n_classes = as_count(n_classes, "n_classes")
    return np.eye(n_classes)[_class_numbers(lab, n_classes, "labels")]


def _class_numbers(lab, n_classes, name):
    """Class numbers as integers, or an error if one is not a whole number from 0 to n − 1."""
    if not np.all(lab == np.round(lab)) or lab.min() < 0 or lab.max() >= n_classes:
        shown = lab.tolist() if lab.size <= 10 else f"{lab.tolist()[:10]}..."
        raise ValueError(f"{name} should be whole numbers from 0 to {n_classes - 1} (one class "
                         f"number each, for {n_classes} classes), but they are {shown}.")
    return lab.astype(int)


def _class_targets(labels, n_samples, n_classes, what, name="labels"):
    """Labels (class numbers, or one-hot rows) as one-hot rows of shape (n_samples, n_classes).

    `what` names the array the labels belong to ("probabilities"), `name` the labels themselves.
    """
    lab = as_array(labels, name, ndim=(0, 1, 2))
    if lab.ndim == 2:
        if lab.shape != (n_samples, n_classes):
            raise ValueError(f"{name} as one-hot rows should have shape {(n_samples, n_classes)} "
                             f"like {what}, but they are {in_words(lab)}.")
        if lab.min() < 0 or lab.max() > 1:
            raise ValueError(f"{name} as one-hot rows should hold values from 0 to 1 (a 1 for "
                             "the right class), but some lie outside.")
        return lab
    lab = np.atleast_1d(lab)
    if lab.shape != (n_samples,):
        raise ValueError(f"{name} should hold one class number per row of {what} ({n_samples}), "
                         f"but they are {in_words(lab)}.")
    return np.eye(n_classes)[_class_numbers(lab, n_classes, name)]


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
    p, y = as_same_shape(np.ravel(as_array(probabilities, "probabilities")),
                         np.ravel(as_array(labels, "labels")), ("probabilities", "labels"))
    if p.min() < 0 or p.max() > 1:
        raise ValueError("probabilities should lie between 0 and 1; for raw scores use "
                         "SigmoidCrossEntropy, or apply sigmoid first.")
    if y.min() < 0 or y.max() > 1:
        raise ValueError("labels should be 0 (no) or 1 (yes), or a certainty between them, but "
                         f"they reach {y.min() if y.min() < 0 else y.max():g}.")
    p = np.clip(p, TINY, 1.0 - TINY)
    return float(np.mean(-(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))))


class Loss:
    """A loss for training: `loss(output, target)` gives the value, `loss.gradient(...)` the
    gradient with respect to the output (same shape), where backpropagation starts.

    Classification losses also say which class each output picks (`classify`), so training can
    report accuracy; regression losses have `classify = None`.
    """

    classify = None

    @overflow_checked
    def __call__(self, output, target) -> float:
        out, tgt = self._prepare(output, target)
        return float(self._value(out, tgt))

    @overflow_checked
    def gradient(self, output, target) -> np.ndarray:
        out, tgt = self._prepare(output, target)
        return self._gradient(out, tgt).reshape(np.shape(output))

    def _prepare(self, output, target):
        out, tgt = _same_shape(output, target)
        return np.atleast_2d(out), np.atleast_2d(tgt)

    # -- what subclasses provide, on 2-D float arrays --------------------------------------
    def _value(self, out: np.ndarray, tgt: np.ndarray) -> float:
        raise NotImplementedError

    def _gradient(self, out: np.ndarray, tgt: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def targets(self, y, width: int) -> np.ndarray:
        """Targets as rows matching a network output of `width` values (for training)."""
        width = as_count(width, "width")
        y = as_array(y, "y", ndim=(1, 2))
        t = y.reshape(len(y), -1)
        if t.shape[1] != width:
            raise ValueError(f"y has {plural(t.shape[1], 'target value')} per example but the "
                             f"network gives {plural(width, 'output')}: they should match.")
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
        return z, _class_targets(target, z.shape[0], z.shape[1], "output", "target")

    def targets(self, y, width: int) -> np.ndarray:
        """Class numbers (one per row) or one-hot rows, as one-hot rows of `width` classes."""
        width = as_count(width, "width")
        y = as_array(y, "y", ndim=(1, 2))
        labels = y.reshape(-1) if y.ndim == 1 or y.shape[1] == 1 else y
        return _class_targets(labels, len(y), width, f"the network output ({width} wide)", "y")

    def _value(self, z, onehot):
        return -np.mean(np.sum(onehot * _log_softmax(z), axis=1))

    def _gradient(self, z, onehot):
        return (_softmax(z) - onehot) / z.shape[0]

    @staticmethod
    def classify(scores) -> np.ndarray:
        """The class with the highest score in each row."""
        return np.argmax(np.atleast_2d(as_array(scores, "scores", ndim=(1, 2))), axis=1)


class SigmoidCrossEntropy(Loss):
    """Binary log-loss on raw scores (logits), with the sigmoid folded in for stability.

    Target: 0 or 1 per output. Value: mean of log(1 + e^z) − y·z. Gradient: (sigmoid(z) − y) / n.
    """

    def _value(self, z, y):
        return np.mean(_sigmoid_cross_entropy(z, y))

    def _gradient(self, z, y):
        return (_sigmoid(z) - y) / z.size

    @staticmethod
    def classify(scores) -> np.ndarray:
        """1 where the score is positive (probability above 50%), else 0."""
        return (as_array(scores, "scores") > 0).astype(int)
