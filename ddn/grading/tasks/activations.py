"""Exercise 03: activation functions and the linear collapse."""

from __future__ import annotations

import numpy as np

from ... import activations as act
from ..task import FunctionTask, Mistake

Z = np.array([-3.0, -0.5, 0.0, 0.5, 2.0])
BIG = np.array([-1000.0, -30.0, 30.0, 1000.0])
TABLE = np.array([[-1.0, 1.0], [0.0, 3.0]])  # a batch: one row per example


def _fresh_z(scale):
    """Draws one fresh case: an array of scores, a row or a table, spread by `scale`."""
    def draw(rng, i):
        shape = (int(rng.integers(1, 8)),) if rng.random() < 0.5 else \
            (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        return (rng.normal(0.0, scale, shape),)
    return draw


def _fits_clip(got, z):
    """Is `got` ReLU capped at some ceiling (np.clip(z, 0, ceiling)), for any ceiling?"""
    got = np.asarray(got, dtype=float)
    right = act.relu(z)
    return got.shape == z.shape and bool(np.allclose(got, np.minimum(right, got.max())))


def _fits_leaky(got, z):
    """Is `got` a leaky ReLU, z where z > 0 and a·z elsewhere, for some slope 0 < a < 1?"""
    got, z = np.asarray(got, dtype=float), np.asarray(z, dtype=float)
    low = np.argmin(z)
    if got.shape != z.shape or not z.flat[low] < 0:
        return False
    slope = got.flat[low] / z.flat[low]
    return 0 < slope < 1 and bool(np.allclose(got, np.where(z > 0, z, slope * z)))


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
        Mistake("the step gives 0 for negative z, not −1: np.sign(z) is a different function. "
                "Use np.where(z > 0, 1.0, 0.0).", lambda z: np.sign(z)),
        Mistake("at exactly z = 0 the step gives 0, not 0.5: np.heaviside(z, 0) or "
                "np.where(z > 0, 1.0, 0.0).", lambda z: np.heaviside(z, 0.5)),
        Mistake("np.clip(z, 0, 1) keeps values between 0 and 1 as they are (0.5 stays 0.5); the "
                "step jumps straight to 1 for any z above 0.", lambda z: np.clip(z, 0, 1)),
    ),
    praise="correct: 0 up to z = 0, then 1.",
    fresh=_fresh_z(3.0),
)

SIGMOID_OVERFLOW = ("math.exp(-z) overflows for z = −1000 (e^1000 is too big for a float) and "
                    "raises this error. Use np.exp on the whole array (it gives inf, and "
                    "1 / (1 + inf) = 0), or, for negative z, the equal form e^z / (1 + e^z).")

sigmoid = FunctionTask(
    id="sigmoid",
    title="The sigmoid",
    cases=[(Z,), (BIG,), (TABLE,)],
    reference=act.sigmoid,
    mistakes=(
        Mistake("that is sigmoid(−z), the curve mirrored: the exponent should be e^(−z).",
                lambda z: 1 / (1 + np.exp(z))),
        Mistake("the denominator is 1 + e^(−z), with a plus.", lambda z: 1 / (1 - np.exp(-z))),
        Mistake("that is e^(−z) alone: the sigmoid is 1 / (1 + e^(−z)).", lambda z: np.exp(-z)),
        Mistake("right for ordinary z, but for z = 1000, e^z overflows to infinity and "
                "inf / inf is nan: write it as 1 / (1 + e^(−z)) instead.",
                lambda z: np.exp(z) / (1 + np.exp(z))),
        Mistake("that is the sigmoid of |z|, which is 0.5 or more everywhere: for negative z the "
                "sigmoid is below 0.5. With e = np.exp(-np.abs(z)), negative z need e / (1 + e).",
                lambda z: 1 / (1 + np.exp(-np.abs(z)))),
        Mistake("use np.exp (e = 2.718281828...): 2.718 ** (-z) is close, but not the sigmoid.",
                lambda z: 1 / (1 + 2.718 ** (-z))),
    ),
    error_hints=(("math range error", SIGMOID_OVERFLOW),
                 ("Numerical result out of range", SIGMOID_OVERFLOW)),
    praise="correct: 0.5 at z = 0, close to 0 far left and close to 1 far right.",
    fresh=_fresh_z(6.0),
)

relu = FunctionTask(
    id="relu",
    title="ReLU",
    cases=[(Z,), (np.array([[-150.5, 150.5], [0.0, -1e-3]]),),
           (np.array([[-1e6, 250.0], [1e6, 7.5]]),)],
    reference=act.relu,
    mistakes=(
        Mistake("np.max(z, 0) gives the largest value along an axis; for max(z, 0) value by "
                "value use np.maximum(z, 0).", lambda z: np.max(z, 0)),
        Mistake("negative values become 0 under ReLU, they don't flip sign: that is abs(z).",
                lambda z: np.abs(z)),
        Mistake("ReLU keeps z itself where z > 0, not 1: that is the step.",
                lambda z: (z > 0).astype(float)),
        Mistake("np.minimum keeps the smaller value, so negatives stay and positives become 0: "
                "ReLU is np.maximum(z, 0).", lambda z: np.minimum(z, 0)),
        Mistake("ReLU has no ceiling: big values pass unchanged (a million stays a million), "
                "but np.clip caps them. Use np.maximum(z, 0).",
                lambda z: np.clip(z, 0, 200), fits=_fits_clip),
        Mistake("that is a leaky ReLU, which lets a little of each negative value through; "
                "plain ReLU turns every negative value into 0: np.maximum(z, 0).",
                lambda z: np.maximum(z, 0.01 * z), fits=_fits_leaky),
    ),
    praise="correct: negatives become 0, positives pass unchanged.",
    fresh=_fresh_z(5.0),
)

SLOPE_OVERFLOW = ("math.exp overflows at z = ±1000 and raises this error: compute s = sigmoid(z) "
                  "with your sigmoid from task 2, then return s·(1 − s).")

sigmoid_derivative = FunctionTask(
    id="sigmoid_derivative",
    title="The sigmoid's slope",
    cases=[(Z,), (BIG,), (TABLE,)],
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
        Mistake("the slope has two factors, s·(1 − s): you returned only (1 − s).",
                lambda z: 1 - act.sigmoid(z)),
        Mistake("that is 1 − s², the shape of tanh's slope; the sigmoid's is s·(1 − s).",
                lambda z: 1 - act.sigmoid(z) ** 2),
        Mistake("use s in both factors: s·(1 − s), not s·(1 − z).",
                lambda z: act.sigmoid(z) * (1 - z)),
        Mistake("brackets: `s * 1 - s` is s − s = 0; write `s * (1 - s)`.",
                lambda z: np.zeros_like(z)),
    ),
    error_hints=(("math range error", SLOPE_OVERFLOW),
                 ("Numerical result out of range", SLOPE_OVERFLOW)),
    praise="correct: the slope is 0.25 at z = 0 and almost 0 at the extremes, which is why "
           "sigmoid gradients vanish.",
    fresh=_fresh_z(6.0),
)

_rng = np.random.default_rng(7)
_COLLAPSE_CASES = [
    (_rng.integers(-3, 4, (4, 3)).astype(float), _rng.integers(-3, 4, 4).astype(float),
     _rng.integers(-3, 4, (2, 4)).astype(float), _rng.integers(-3, 4, 2).astype(float)),
    (np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([1.0, -1.0]),
     np.array([[2.0, 0.0], [1.0, 3.0]]), np.array([0.5, 0.0])),
]


def _fresh_collapse(rng, i):
    n_in, n_hidden, n_out = (int(n) for n in rng.integers(1, 5, 3))
    return (rng.integers(-3, 4, (n_hidden, n_in)).astype(float),
            rng.integers(-3, 4, n_hidden).astype(float),
            rng.integers(-3, 4, (n_out, n_hidden)).astype(float),
            rng.integers(-3, 4, n_out).astype(float))


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
        Mistake("check the order: layer 1 comes first, so x meets W1 first and then W2: "
                "W = W2 @ W1 and b = W2 @ b1 + b2, not W1 @ W2 and W1 @ b2 + b1.",
                lambda w1, b1, w2, b2: (w1 @ w2, w1 @ b2 + b1) if w1.shape == w2.shape
                else None),
        Mistake("b1 @ W2 treats b1 as a row and uses W2's columns: the bias passes through W2 "
                "like x does, W2 @ b1 (then + b2).",
                lambda w1, b1, w2, b2: (w2 @ w1, b1 @ w2 + b2) if w2.shape[0] == w2.shape[1]
                else None),
    ),
    error_hints=(("matmul", "check the order of each @: the second layer acts on the first "
                            "layer's output, so W = W2 @ W1 (shapes (2, 4) @ (4, 3) → (2, 3)) "
                            "and b = W2 @ b1 + b2 ((2, 4) @ (4,) → (2,))."),
                 ("could not be broadcast", "`*` and `+` work value by value and need matching "
                                            "shapes: combine the matrices with @ "
                                            "(W = W2 @ W1), and remember that b1 passes "
                                            "through W2 first: b = W2 @ b1 + b2.")),
    praise="correct: without an activation, two layers are just one layer with weights "
           "W2 @ W1 and bias W2 @ b1 + b2.",
    fresh=_fresh_collapse,
)

TASKS = (step, sigmoid, relu, sigmoid_derivative, collapse)
