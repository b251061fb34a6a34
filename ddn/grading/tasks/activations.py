"""Exercise 03: activation functions and the linear collapse."""

from __future__ import annotations

import numpy as np

from ... import activations as act
from ..task import FunctionTask, Mistake

Z = np.array([-3.0, -0.5, 0.0, 0.5, 2.0])
BIG = np.array([-1000.0, -30.0, 30.0, 1000.0])

step = FunctionTask(
    id="step",
    title="The step function",
    cases=[(Z,), (np.array([-1e-9, 1e-9]),), (np.array([[1.0, -1.0], [0.0, 4.0]]),)],
    reference=act.step,
    mistakes=(
        Mistake("at exactly z = 0 the step gives 0: use z > 0, not z >= 0.",
                lambda z: (z >= 0).astype(float)),
        Mistake("the step gives 0 or 1, not z itself: that looks like ReLU.",
                lambda z: np.maximum(z, 0)),
    ),
    praise="correct: 0 up to z = 0, then 1.",
)

sigmoid = FunctionTask(
    id="sigmoid",
    title="The sigmoid",
    cases=[(Z,), (BIG,)],
    reference=act.sigmoid,
    mistakes=(
        Mistake("that is sigmoid(−z), the curve mirrored: the exponent should be e^(−z).",
                lambda z: 1 / (1 + np.exp(z))),
        Mistake("the denominator is 1 + e^(−z), with a plus.", lambda z: 1 / (1 - np.exp(-z))),
        Mistake("that is e^(−z) alone: the sigmoid is 1 / (1 + e^(−z)).", lambda z: np.exp(-z)),
        Mistake("right for ordinary z, but for z = 1000, e^z overflows to infinity and "
                "inf / inf is nan: write it as 1 / (1 + e^(−z)) instead.",
                lambda z: np.exp(z) / (1 + np.exp(z))),
    ),
    praise="correct: 0.5 at z = 0, close to 0 far left and close to 1 far right.",
)

relu = FunctionTask(
    id="relu",
    title="ReLU",
    cases=[(Z,), (np.array([[-150.5, 150.5], [0.0, -1e-3]]),)],
    reference=act.relu,
    mistakes=(
        Mistake("np.max(z, 0) gives the largest value along an axis; for max(z, 0) value by "
                "value use np.maximum(z, 0).", lambda z: np.max(z, 0)),
        Mistake("negative values become 0 under ReLU, they don't flip sign: that is abs(z).",
                lambda z: np.abs(z)),
        Mistake("ReLU keeps z itself where z > 0, not 1: that is the step.",
                lambda z: (z > 0).astype(float)),
    ),
    praise="correct: negatives become 0, positives pass unchanged.",
)

sigmoid_derivative = FunctionTask(
    id="sigmoid_derivative",
    title="The sigmoid's slope",
    cases=[(Z,), (BIG,)],
    reference=act.sigmoid_derivative,
    mistakes=(
        Mistake("apply the sigmoid first: s = sigmoid(z), then return s·(1 − s).",
                lambda z: z * (1 - z)),
        Mistake("that is the sigmoid itself; its slope is s·(1 − s) with s = sigmoid(z).",
                lambda z: act.sigmoid(z)),
        Mistake("check the sign: the slope is s·(1 − s), with a minus.",
                lambda z: act.sigmoid(z) * (1 + act.sigmoid(z))),
        Mistake("the formula is right, but for z = −1000, e^(−z) overflows and inf / inf is "
                "nan: compute s = sigmoid(z) first and return s·(1 − s).",
                lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),
    ),
    praise="correct: the slope is 0.25 at z = 0 and almost 0 at the extremes, which is why "
           "sigmoid gradients vanish.",
)

_rng = np.random.default_rng(7)
_COLLAPSE_CASES = [
    (_rng.integers(-3, 4, (4, 3)).astype(float), _rng.integers(-3, 4, 4).astype(float),
     _rng.integers(-3, 4, (2, 4)).astype(float), _rng.integers(-3, 4, 2).astype(float)),
    (np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([1.0, -1.0]),
     np.array([[2.0, 0.0], [1.0, 3.0]]), np.array([0.5, 0.0])),
]


def _collapse(w1, b1, w2, b2):
    return (w2 @ w1, w2 @ b1 + b2)


collapse = FunctionTask(
    id="collapse",
    title="Two linear layers are one",
    cases=_COLLAPSE_CASES,
    reference=_collapse,
    mistakes=(
        Mistake("check the order: the second layer acts on the first layer's output, "
                "W2·(W1·x + b1) + b2, so the combined weights are W2 @ W1.",
                lambda w1, b1, w2, b2: (w1 @ w2, w2 @ b1 + b2) if w1.shape == w2.shape
                else None),
        Mistake("the first bias also passes through the second layer's weights: "
                "b = W2 @ b1 + b2.", lambda w1, b1, w2, b2: (w2 @ w1, b1 + b2)
                if b1.shape == b2.shape else None),
        Mistake("don't forget the second layer's own bias: b = W2 @ b1 + b2.",
                lambda w1, b1, w2, b2: (w2 @ w1, w2 @ b1)),
    ),
    error_hints=(("matmul", "the second layer acts on the first layer's output, so the "
                            "combined weights are W2 @ W1 (shapes (2, 4) @ (4, 3) → (2, 3))."),
                 ("could not be broadcast", "`*` and `+` work value by value and need matching "
                                            "shapes: combine the matrices with @ "
                                            "(W = W2 @ W1), and remember that b1 passes "
                                            "through W2 first: b = W2 @ b1 + b2.")),
    praise="correct: without an activation, two layers are just one layer with weights "
           "W2 @ W1 and bias W2 @ b1 + b2.",
)

TASKS = (step, sigmoid, relu, sigmoid_derivative, collapse)
