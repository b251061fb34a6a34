"""Exercise 05: measuring how wrong a network is."""

from __future__ import annotations

import numpy as np

from ...examples.hot_dog import MODELS, TRUTH
from ..task import FunctionTask, Mistake


def _fresh_pairs(rng, i):
    n = int(rng.integers(1, 9))
    return (rng.normal(0, 3, n), rng.normal(0, 3, n))


def _fresh_probabilities(rng, i):
    k = int(rng.integers(2, 6))
    return (rng.dirichlet(np.ones(k)), int(rng.integers(0, k)))


def _fresh_table(rng, i):
    n, k = int(rng.integers(2, 7)), int(rng.integers(2, 5))
    return (rng.dirichlet(np.ones(k), size=n), rng.integers(0, k, n))


def _fresh_label(rng, i):
    n = int(rng.integers(2, 13))
    return (int(rng.integers(0, n)), n)


SKIPS_LAST = ("your loop stops one point short: the last point's square is missing. "
              "`range(len(predictions))` (or `zip(...)`) visits every point.")
SKIPS_FIRST = ("your loop skips the first point: indices start at 0, so "
               "`range(len(predictions))` (or `zip(...)`) visits every point, from the first.")

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
        Mistake(SKIPS_LAST, lambda p, t: float(np.sum((p[:-1] - t[:-1]) ** 2) / len(p))),
        Mistake(SKIPS_LAST, lambda p, t: float(np.mean((p[:-1] - t[:-1]) ** 2))
                if len(p) > 1 else None),
        Mistake(SKIPS_FIRST, lambda p, t: float(np.sum((p[1:] - t[1:]) ** 2) / len(p))),
        Mistake(SKIPS_FIRST, lambda p, t: float(np.mean((p[1:] - t[1:]) ** 2))
                if len(p) > 1 else None),
        Mistake("divide by the number of points N, not N − 1: the mean is the sum over N.",
                lambda p, t: float(np.sum((p - t) ** 2) / (len(p) - 1)) if len(p) > 1
                else None),
        Mistake("square each difference first, then average: np.mean((p - t) ** 2), not the "
                "square of the mean difference.", lambda p, t: float(np.mean(p - t) ** 2)),
        Mistake("`** 2` squares, `* 2` doubles: square the differences, (p - t) ** 2.",
                lambda p, t: float(np.mean((p - t) * 2))),
        Mistake("average the squares into one number: np.mean((predictions - targets) ** 2).",
                lambda p, t: (p - t) ** 2),
        Mistake("np.var measures the spread of the differences around their mean; the MSE "
                "squares the differences themselves: np.mean((predictions - targets) ** 2).",
                lambda p, t: float(np.var(p - t))),
    ),
    error_hints=(("division by zero", "with a single point N − 1 is 0: the mean divides by the "
                                      "number of points N, not N − 1."),),
    praise="correct: the line y = x + 0.75 scores an MSE of 0.3125 on the four points.",
    fresh=_fresh_pairs,
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
        Mistake("that is the other class's probability: use the correct label's, "
                "probabilities[label].", lambda p, label: float(-np.log(p[1 - label]))),
        Mistake("only the correct label's probability counts: −log(probabilities[label]), not "
                "the sum of −log over every class.", lambda p, label: float(-np.sum(np.log(p)))),
        Mistake("one example's loss is −log(p) itself: don't divide by the number of classes.",
                lambda p, label: float(-np.log(p[label]) / len(p))),
        Mistake("use the natural logarithm (np.log), not log base 2.",
                lambda p, label: float(-np.log2(p[label]))),
        Mistake("take the logarithm: the loss is −log(p), which grows without limit as p goes "
                "to 0, not 1 − p.", lambda p, label: float(1 - p[label])),
        Mistake("the loss of one example is −log(p) alone, without the extra factor p in front.",
                lambda p, label: float(-p[label] * np.log(p[label]))),
    ),
    praise="correct: the cat photo, 38% cat, costs −log(0.38) ≈ 0.968.",
    fresh=_fresh_probabilities,
)


def _losses(probabilities, labels):
    return -np.log(probabilities[np.arange(len(labels)), labels])


def _average(probabilities, labels):
    return float(np.mean(_losses(probabilities, labels)))


PHOTO_SKIPS_LAST = ("your loop stops one photo short: the last photo's loss is missing. "
                    "`range(len(labels))` visits every photo.")
PHOTO_SKIPS_FIRST = ("your loop skips the first photo: indices start at 0, so "
                     "`range(len(labels))` visits every photo, from the first.")


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
        Mistake(PHOTO_SKIPS_LAST, lambda p, y: float(np.sum(_losses(p, y)[:-1]) / len(y))),
        Mistake(PHOTO_SKIPS_LAST, lambda p, y: float(np.mean(_losses(p, y)[:-1]))),
        Mistake(PHOTO_SKIPS_FIRST, lambda p, y: float(np.sum(_losses(p, y)[1:]) / len(y))),
        Mistake(PHOTO_SKIPS_FIRST, lambda p, y: float(np.mean(_losses(p, y)[1:]))),
        Mistake("divide by the number of photos (rows, len(labels)), not the number of classes "
                "(columns).", lambda p, y: float(np.sum(_losses(p, y)) / p.shape[1])),
        Mistake("that averages −log over every probability in the table; each photo counts only "
                "its correct label's, probabilities[i, labels[i]].",
                lambda p, y: float(np.mean(-np.log(p)))),
        Mistake("average the losses, not the probabilities: the mean of the −log values, not "
                "−log of the mean.",
                lambda p, y: float(-np.log(np.mean(p[np.arange(len(y)), y])))),
        Mistake("probabilities[:, labels] gives every photo's probability for every label (a "
                "square table); each photo needs only its own, "
                "probabilities[np.arange(len(labels)), labels].",
                lambda p, y: float(np.mean(-np.log(p[:, y])))),
        Mistake("take the probability of each photo's *correct* label, not its largest one.",
                lambda p, y: float(np.mean(-np.log(p.max(axis=1))))),
    ),
    error_hints=(("out of bounds", "an index ran past the end. Either a loop goes one photo too "
                                   "far (`range(len(labels))` is enough), or probabilities[labels] "
                                   "picks whole rows by label number, while each photo needs its "
                                   "own entry probabilities[i, labels[i]]."),),
    praise="correct: model A scores 0.212 and model B 0.841, so model A is the better one.",
    fresh=_fresh_table,
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
        Mistake("count from 0: label 0 puts its 1 in the first place, label 8 in the ninth.",
                lambda label, n: _one_hot(label + 1, n) if label + 1 < n else None),
        Mistake("that is the other way round: zeros everywhere, and a single 1 at position "
                "label.", lambda label, n: 1 - _one_hot(label, n)),
        Mistake("count positions from the left: target[label], not from the end.",
                lambda label, n: _one_hot(n - 1 - label, n)),
    ),
    praise="correct: 8 becomes [0, 0, 0, 0, 0, 0, 0, 0, 1, 0].",
    fresh=_fresh_label,
)

TASKS = (mse, cross_entropy, average_cross_entropy, one_hot)
