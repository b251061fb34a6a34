"""Exercise 04: layers, the driving-test network and softmax."""

from __future__ import annotations

import numpy as np

from ...activations import relu, sigmoid
from ...examples import driving_test as dt
from ...losses import softmax as _softmax
from ..task import FunctionTask, Mistake

HIDDEN_W, HIDDEN_B = np.array(dt.HIDDEN_WEIGHTS), np.array(dt.HIDDEN_BIAS, dtype=float)

def _fresh_dense(rng, i):
    n_in, n_out = (int(n) for n in rng.integers(1, 5, 2))
    return (rng.normal(0, 2, n_in), rng.normal(0, 1, (n_out, n_in)), rng.normal(0, 1, n_out))


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
        Mistake("add the bias, don't subtract it: weights @ x + bias.",
                lambda x, w, b: w @ x - b),
        Mistake("one value per neuron, and the last neuron is missing: your loop stops one "
                "row short. `range(len(weights))` visits every row.",
                lambda x, w, b: (w @ x + b)[:-1]),
        Mistake("one value per neuron, and the first neuron is missing: indices start at 0, "
                "so `range(len(weights))` visits every row, from the first.",
                lambda x, w, b: (w @ x + b)[1:]),
        Mistake("that sums each column (axis=0); each neuron is a row, so sum along the rows: "
                "(weights * x).sum(axis=1) + bias, or simply weights @ x + bias.",
                lambda x, w, b: (w * x).sum(axis=0) + b if w.shape[0] == w.shape[1] else None),
    ),
    error_hints=(("matmul", "each row of weights is one neuron and each column one input: "
                            "weights @ x gives one sum per neuron."),
                 ("could not be broadcast", "`*` multiplies value by value; a layer needs one "
                                            "sum per neuron, that is per row of weights: the "
                                            "matrix product weights @ x, or (weights * x)"
                                            ".sum(axis=1)."),
                 ("unsupported operand type(s) for @: 'list'",
                  "@ needs numpy arrays: turn lists into arrays with np.asarray first.")),
    praise="correct: person B's hidden sums are 150.5 (parking) and 179.5 (road).",
    fresh=_fresh_dense,
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


def _hidden(age, sex, lessons, sex_in_road=-0.5):
    parking = 5 * age + 0.5 * sex + 5 * lessons - 200
    road = 4 * age + sex_in_road * sex + 10 * lessons - 220
    return parking, road


def _driving_with(hidden=relu, output=lambda p, r: sigmoid(0.01 * p + 0.025 * r - 3),
                  sex_in_road=-0.5, relu_on=(True, True)):
    """The driving-test network with one slip: a different activation, weight or sign."""
    def forward(age, sex, lessons):
        sums = _hidden(age, sex, lessons, sex_in_road)
        parking, road = (hidden(s) if on else s for s, on in zip(sums, relu_on))
        return (parking, road, output(parking, road))
    return forward


RELU_EACH = ("apply ReLU to each hidden neuron's whole sum, parking and road alike: a negative "
             "total becomes 0 (person A's road is ReLU(80 + 100 − 220) = 0, not −40).")


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
        Mistake(RELU_EACH, _driving_with(relu_on=(True, False))),
        Mistake(RELU_EACH, _driving_with(relu_on=(False, True))),
        Mistake("the output neuron uses a sigmoid, not ReLU: P(pass) = sigmoid(0.01·parking + "
                "0.025·road − 3), a number from 0 to 1.",
                _driving_with(output=lambda p, r: relu(0.01 * p + 0.025 * r - 3))),
        Mistake("the hidden neurons use ReLU, not the sigmoid: parking = ReLU(5·age + 0.5·sex "
                "+ 5·lessons − 200), and the same for road.", _driving_with(hidden=sigmoid)),
        Mistake("check the output weights: parking has weight 0.01 and road 0.025.",
                _driving_with(output=lambda p, r: sigmoid(0.025 * p + 0.01 * r - 3))),
        Mistake("remember the output neuron's bias: sigmoid(0.01·parking + 0.025·road − 3).",
                _driving_with(output=lambda p, r: sigmoid(0.01 * p + 0.025 * r))),
        Mistake("check the sign of sex in road: road = ReLU(4·age − 0.5·sex + 10·lessons − "
                "220), with a minus.", _driving_with(sex_in_road=0.5)),
        Mistake("return the probability itself, a number from 0 to 1, not the decision "
                "(probability > 0.5).",
                _driving_with(output=lambda p, r: float(sigmoid(0.01 * p + 0.025 * r - 3) > 0.5))),
    ),
    praise="correct: person A has a 4.74% chance of passing, person B 95.22%.",
    fresh=lambda rng, i: (int(rng.integers(17, 81)), int(rng.integers(0, 2)),
                       int(rng.integers(0, 61))),
)

SHIFT = ("subtract the *largest* score, not the {what}: after that shift, e^1000 can still "
         "appear and inf / inf is nan (try `softmax(np.array([-1000.0, 0.0, 1000.0]))`). With "
         "the largest score subtracted, no exponent is above 0.")
NOT_DIVIDED = "divide by the sum of the exponentials, so the probabilities add up to 1."
SOFTMAX_OVERFLOW = ("math.exp(1000) is too big for a float: subtract the largest score from every "
                    "score first (the probabilities stay the same), so no exponent is above 0.")

softmax = FunctionTask(
    id="softmax",
    title="Softmax",
    cases=[(np.array([-4.0, 5.2]),), (np.array([1.0, 2.0, 3.0]),),
           (np.array([1000.0, 1001.0, 1002.0]),), (np.array([0.0, 0.0, 0.0, 0.0]),),
           # huge scores of both signs: only subtracting the largest keeps these finite
           (np.array([-1000.0, 0.0, 1000.0]),), (np.array([500.0, -1000.0, 1000.0]),)],
    reference=_softmax,
    mistakes=(
        Mistake("exponentiate first: softmax is e^z divided by the sum of all the e^z, so every "
                "probability is positive.", lambda z: z / np.sum(z)),
        Mistake("for scores like 1000, e^1000 overflows to infinity and inf / inf is nan: "
                "subtract the largest score from every score first (the answer stays the same).",
                lambda z: np.exp(z) / np.sum(np.exp(z))),
        Mistake(NOT_DIVIDED, lambda z: np.exp(z)),
        Mistake(NOT_DIVIDED, lambda z: np.exp(z - np.max(z))),
        Mistake(SHIFT.format(what="smallest"), lambda z: _shifted(z, np.min(z))),
        Mistake(SHIFT.format(what="mean"), lambda z: _shifted(z, np.mean(z))),
        Mistake(SHIFT.format(what="first one"), lambda z: _shifted(z, z[0])),
        Mistake("subtract the largest score in the sum too: compute e = np.exp(z - np.max(z)) "
                "once, then return e / e.sum().",
                lambda z: np.exp(z - np.max(z)) / np.sum(np.exp(z))),
        Mistake("that is the sigmoid of each score on its own; softmax divides each e^z by the "
                "sum of all of them.", lambda z: 1 / (1 + np.exp(-z))),
        Mistake("return probabilities from 0 to 1, not percentages.",
                lambda z: 100 * _softmax(z)),
    ),
    error_hints=(("math range error", SOFTMAX_OVERFLOW),
                 ("Numerical result out of range", SOFTMAX_OVERFLOW)),
    praise="correct: −4 and 5.2 become 0.0101% and 99.99%, and huge scores stay finite.",
    fresh=lambda rng, i: (rng.normal(0, 4, int(rng.integers(2, 7))),),
)


def _shifted(z, shift):
    e = np.exp(z - shift)
    return e / np.sum(e)


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
        Mistake("the input layer has no biases: count one bias per neuron in the layers after "
                "the first only.", lambda sizes: _count(sizes) + sizes[0]),
        Mistake("your loop stops one layer short: the last pair of layers is missing. "
                "Pair each layer with the next, `zip(sizes[:-1], sizes[1:])`, or loop over "
                "`range(len(sizes) - 1)`.", lambda sizes: _count(sizes[:-1])),
        Mistake("your loop skips the first pair of layers (inputs to the first hidden layer): "
                "indices start at 0, so loop over `range(len(sizes) - 1)`.",
                lambda sizes: _count(sizes[1:])),
        Mistake("multiply neighbouring layers only, pair by pair: 3×2 + 2×1 weights (plus the "
                "biases), not 3×2×1.", lambda sizes: float(np.prod(sizes))),
    ),
    praise="correct: the driving-test network (3, 2, 1) has 11 numbers to learn.",
    fresh=lambda rng, i: ([int(n) for n in rng.integers(1, 101, int(rng.integers(2, 6)))],),
)

TASKS = (dense_forward, driving_test, softmax, count_parameters)
