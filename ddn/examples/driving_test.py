"""The driving-test network: will this person pass?

Inputs: age, sex (male = 0, female = 1) and the number of lessons taken. Two hidden ReLU
neurons, read as "parking" and "road driving" skill, and a sigmoid output: the probability of
passing. One set of weights consistent with the course's numbers:

    parking = ReLU(5·age + 0.5·sex + 5·lessons − 200)
    road    = ReLU(4·age − 0.5·sex + 10·lessons − 220)
    P(pass) = sigmoid(0.01·parking + 0.025·road − 3)

Person A (20, male, 10 lessons): parking 0, road 0, P(pass) = sigmoid(−3) = 4.74%.
Person B (50, female, 20 lessons): parking 150.5, road 179.5, sigmoid(2.9925) = 95.22%.

In a trained network nobody tells a hidden neuron to mean "parking": the names here are a story
told afterwards, and real hidden neurons are rarely this readable.
"""

from __future__ import annotations

import numpy as np

from .._validate import as_batch, as_count, as_rng
from ..layers import Dense, ReLU, Sigmoid, Standardize
from ..losses import SigmoidCrossEntropy
from ..network import Network
from ..training import train

INPUTS = ("age", "sex", "lessons")
SEX = {"male": 0, "female": 1}
HIDDEN_WEIGHTS = ((5, 0.5, 5), (4, -0.5, 10))
HIDDEN_BIAS = (-200, -220)
HIDDEN_NAMES = ("parking", "road")
OUTPUT_WEIGHTS = ((0.01, 0.025),)
OUTPUT_BIAS = (-3,)

PERSON_A = (20, SEX["male"], 10)
PERSON_B = (50, SEX["female"], 20)


def driving_test_network() -> Network:
    """age, sex, lessons → [parking, road] (ReLU) → P(pass) (sigmoid)."""
    return Network([
        Dense(HIDDEN_WEIGHTS, HIDDEN_BIAS, names=HIDDEN_NAMES), ReLU(),
        Dense(OUTPUT_WEIGHTS, OUTPUT_BIAS, names=("P(pass)",)), Sigmoid(),
    ], input_names=INPUTS)


def driving_test_data(n: int = 400, seed=0):
    """`n` made-up candidates and whether they passed, drawn from the network's probabilities.

    Returns (x, y): x rows (age, sex, lessons), y 1 for passed and 0 for failed. The labels are
    random draws, so even a perfect model can't be right about everyone.
    """
    rng = as_rng(seed)
    n = as_count(n, "n")
    x = np.column_stack([rng.integers(17, 71, n), rng.integers(0, 2, n),
                         rng.integers(0, 46, n)]).astype(float)
    probability = driving_test_network()(x)[:, 0]
    return x, (rng.random(n) < probability).astype(float)


def learn_driving_test(x, y, seed=0, epochs: int = 300) -> Network:
    """A 3-2-1 network (ReLU hidden layer) trained from examples, ending in a sigmoid.

    Same shape as the hand-made network, but nobody told its hidden neurons what to compute.
    """
    as_batch(x, "x", len(INPUTS), "the driving test takes 3 inputs (age, sex, lessons)")
    rng = as_rng(seed)
    net = Network([Standardize.fit(x), Dense.random(3, 2, rng, names=("hidden 1", "hidden 2")),
                   ReLU(), Dense.random(2, 1, rng, names=("P(pass)",))], input_names=INPUTS)
    train(net, SigmoidCrossEntropy(), x, y, epochs=epochs, learning_rate=0.5)
    return Network([*net.layers, Sigmoid()], input_names=INPUTS)
