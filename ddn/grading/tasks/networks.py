"""Exercise 04: layers, the driving-test network and softmax."""

from __future__ import annotations

import numpy as np

from ...activations import relu, sigmoid
from ...examples import driving_test as dt
from ...losses import softmax as _softmax
from ..task import FunctionTask, Mistake

HIDDEN_W, HIDDEN_B = np.array(dt.HIDDEN_WEIGHTS), np.array(dt.HIDDEN_BIAS, dtype=float)

dense_forward = FunctionTask(
    id="dense_forward",
    title="A dense layer, forward",
    cases=[(np.array([50.0, 1.0, 20.0]), HIDDEN_W, HIDDEN_B),
           (np.array([1.0, -2.0]), np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -0.5])),
           (np.array([2.0, 0.0, 1.0, 1.0]), np.arange(12.0).reshape(3, 4), np.zeros(3))],
    reference=lambda x, w, b: w @ x + b,
    mistakes=(
        Mistake("each row of weights is one neuron, so the sums are weights @ x; you used the "
                "columns (weights.T @ x).",
                lambda x, w, b: w.T @ x + b if w.shape[0] == w.shape[1] else None),
        Mistake("add the bias: weights @ x + bias.", lambda x, w, b: w @ x),
        Mistake("this layer has no activation yet: return weights @ x + bias without ReLU.",
                lambda x, w, b: np.maximum(w @ x + b, 0)),
    ),
    error_hints=(("matmul", "each row of weights is one neuron and each column one input: "
                            "weights @ x gives one sum per neuron."),
                 ("could not be broadcast", "`*` multiplies value by value; a layer needs the "
                                            "matrix product weights @ x (one sum per neuron)."),
                 ("unsupported operand type(s) for @: 'list'",
                  "@ needs numpy arrays: turn lists into arrays with np.asarray first.")),
    praise="correct: person B's hidden sums are 150.5 (parking) and 179.5 (road).",
)


def _driving(age, sex, lessons):
    parking = relu(5 * age + 0.5 * sex + 5 * lessons - 200)
    road = relu(4 * age - 0.5 * sex + 10 * lessons - 220)
    return (parking, road, sigmoid(0.01 * parking + 0.025 * road - 3))


def _without_relu(age, sex, lessons):
    parking = 5 * age + 0.5 * sex + 5 * lessons - 200
    road = 4 * age - 0.5 * sex + 10 * lessons - 220
    return (parking, road, sigmoid(0.01 * parking + 0.025 * road - 3))


def _in_percent(age, sex, lessons):
    parking, road, p = _driving(age, sex, lessons)
    return (parking, road, 100 * p)


def _no_sigmoid(age, sex, lessons):
    parking, road, _ = _driving(age, sex, lessons)
    return (parking, road, 0.01 * parking + 0.025 * road - 3)


driving_test = FunctionTask(
    id="driving_test",
    title="The driving test, forward",
    cases=[(20, 0, 10), (50, 1, 20), (35, 1, 15), (18, 0, 40)],
    reference=_driving,
    mistakes=(
        Mistake("the hidden neurons apply ReLU to their whole sum, bias included: a negative "
                "total becomes 0 (person A's parking is ReLU(150 − 200) = 0, not −50).",
                _without_relu),
        Mistake("return the probability as a number from 0 to 1 (0.9522), not as a percentage.",
                _in_percent),
        Mistake("the output neuron uses a sigmoid: P(pass) = sigmoid(0.01·parking + "
                "0.025·road − 3).", _no_sigmoid),
    ),
    praise="correct: person A has a 4.74% chance of passing, person B 95.22%.",
)

softmax = FunctionTask(
    id="softmax",
    title="Softmax",
    cases=[(np.array([-4.0, 5.2]),), (np.array([1.0, 2.0, 3.0]),),
           (np.array([1000.0, 1001.0, 1002.0]),), (np.array([0.0, 0.0, 0.0, 0.0]),)],
    reference=_softmax,
    mistakes=(
        Mistake("exponentiate first: softmax is e^z divided by the sum of all the e^z, so every "
                "probability is positive.", lambda z: z / np.sum(z)),
        Mistake("for scores like 1000, e^1000 overflows to infinity and inf / inf is nan: "
                "subtract the largest score from every score first (the answer stays the same).",
                lambda z: np.exp(z) / np.sum(np.exp(z))),
        Mistake("divide by the sum of the exponentials so the probabilities add up to 1.",
                lambda z: np.exp(z)),
    ),
    praise="correct: −4 and 5.2 become 0.0101% and 99.99%, and huge scores stay finite.",
)


def _count(sizes):
    return float(sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:])))


count_parameters = FunctionTask(
    id="count_parameters",
    title="Counting parameters",
    cases=[([3, 2, 1],), ([2, 8, 8, 1],), ([784, 16, 10],), ([4, 1],)],
    reference=_count,
    mistakes=(
        Mistake("every neuron also has a bias: add one parameter per neuron in each layer "
                "after the first.",
                lambda sizes: float(sum(a * b for a, b in zip(sizes[:-1], sizes[1:])))),
        Mistake("that counts neurons; count weights (one per connection) and biases.",
                lambda sizes: float(sum(sizes))),
        Mistake("the input layer has no biases: each layer after the first adds "
                "inputs × neurons weights plus one bias per neuron.",
                lambda sizes: float(sum(a * b + a for a, b in zip(sizes[:-1], sizes[1:])))),
    ),
    praise="correct: the driving-test network (3, 2, 1) has 11 numbers to learn.",
)

TASKS = (dense_forward, driving_test, softmax, count_parameters)
