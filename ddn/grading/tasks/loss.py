"""Exercise 05: measuring how wrong a network is."""

from __future__ import annotations

import numpy as np

from ...examples.hot_dog import MODELS, TRUTH
from ..task import FunctionTask, Mistake

PREDICTIONS = np.array([1.75, 2.75, 3.75, 4.75])  # the line y = x + 0.75 at the four points
TARGETS = np.array([1.5, 3.5, 3.0, 5.0])

mse = FunctionTask(
    id="mse",
    title="Mean squared error",
    cases=[(PREDICTIONS, TARGETS), (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0])),
           (np.array([0.0, 0.0]), np.array([3.0, -1.0])), (np.array([7.0]), np.array([4.0]))],
    reference=lambda p, t: float(np.mean((p - t) ** 2)),
    mistakes=(
        Mistake("that is the sum of the squares: divide by the number of points (the 1/N) to "
                "get the mean.", lambda p, t: float(np.sum((p - t) ** 2))),
        Mistake("square the differences: plain differences cancel out (too high and too low "
                "add up to zero).", lambda p, t: float(np.mean(p - t))),
        Mistake("those are absolute differences; the mean *squared* error squares them.",
                lambda p, t: float(np.mean(np.abs(p - t)))),
        Mistake("no square root at the end: that would be the root mean square error.",
                lambda p, t: float(np.sqrt(np.mean((p - t) ** 2)))),
        Mistake("that is half the mean: the ½ belongs to the per-example Σ½(t − o)², not to "
                "the MSE.", lambda p, t: float(np.mean((p - t) ** 2) / 2)),
        Mistake("that is the squared error Σ½·(target − output)²; the MSE is the mean of the "
                "squares, without the ½.", lambda p, t: float(0.5 * np.sum((t - p) ** 2))),
        Mistake("square the differences: plain differences cancel out (too high and too low "
                "add up to zero).", lambda p, t: float(np.mean(t - p))),
        Mistake("only the last point's square counts: in a loop, add each square to the total "
                "(+=) instead of replacing it (=).",
                lambda p, t: float((p[-1] - t[-1]) ** 2 / len(p))),
    ),
    praise="correct: the line y = x + 0.75 scores an MSE of 0.3125 on the four points.",
)


def _ce(p, label):
    return float(-np.log(p[label]))


cross_entropy = FunctionTask(
    id="cross_entropy",
    title="Cross-entropy of one example",
    cases=[(np.array([0.38, 0.62]), 0), (np.array([0.9, 0.1]), 0),
           (np.array([0.2, 0.5, 0.3]), 2), (np.array([0.05, 0.95]), 1)],
    reference=_ce,
    mistakes=(
        Mistake("the loss is −log(p): with the minus sign, so it is positive, and 0 only when "
                "p = 1.", lambda p, label: float(np.log(p[label]))),
        Mistake("use the natural logarithm (np.log), not log base 10.",
                lambda p, label: float(-np.log10(p[label]))),
        Mistake("take the probability of the *correct* label, p[label], not the largest one.",
                lambda p, label: float(-np.log(np.max(p)))),
        Mistake("that is −log(1 − p): use the probability given to the correct label itself.",
                lambda p, label: float(-np.log(1 - p[label]))),
        Mistake("that takes the log of every probability; pick the correct label's first, "
                "p[label], then take −log of that one number.", lambda p, label: -np.log(p)),
    ),
    praise="correct: the cat photo, 38% cat, costs −log(0.38) ≈ 0.968.",
)


def _average(probabilities, labels):
    return float(np.mean(-np.log(probabilities[np.arange(len(labels)), labels])))


average_cross_entropy = FunctionTask(
    id="average_cross_entropy",
    title="Cross-entropy of a whole model",
    cases=[(np.array(MODELS["model A"]), np.array(TRUTH)),
           (np.array(MODELS["model B"]), np.array(TRUTH)),
           (np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]), np.array([0, 2]))],
    reference=_average,
    mistakes=(
        Mistake("that is the total: the model's loss is the average over the photos (divide by "
                "how many there are).",
                lambda p, y: float(np.sum(-np.log(p[np.arange(len(y)), y])))),
        Mistake("probabilities[labels] picks whole rows; each photo needs its own entry "
                "probabilities[i, labels[i]].",
                lambda p, y: float(np.mean(-np.log(p[y]))) if p[y].size else None),
        Mistake("keep the minus sign: each photo costs −log(p), a positive number.",
                lambda p, y: float(np.mean(np.log(p[np.arange(len(y)), y])))),
    ),
    error_hints=(("out of bounds", "probabilities[labels] picks whole rows by label number; "
                                   "each photo needs its own entry probabilities[i, labels[i]]."),),
    praise="correct: model A scores 0.212 and model B 0.841, so model A is the better one.",
)


def _one_hot(label, n):
    out = np.zeros(n)
    out[label] = 1.0
    return out


one_hot = FunctionTask(
    id="one_hot",
    title="One-hot targets",
    cases=[(8, 10), (0, 3), (2, 3), (1, 2)],
    reference=_one_hot,
    mistakes=(
        Mistake("count from 0: label 8 of 10 puts its 1 at position 8 (the ninth place).",
                lambda label, n: _one_hot(label - 1, n) if label > 0 else None),
        Mistake("a one-hot vector has one entry per class (n_classes), not per label value.",
                lambda label, n: _one_hot(label, label + 1)),
    ),
    praise="correct: 8 becomes [0, 0, 0, 0, 0, 0, 0, 0, 1, 0].",
)

TASKS = (mse, cross_entropy, average_cross_entropy, one_hot)
