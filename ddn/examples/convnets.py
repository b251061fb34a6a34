"""A ConvNet for the handwritten digits (notebooks 10 and 11).

`digits_convnet(seed)` builds it (random weights), `train_digits(seed)` trains it in about a
second to 97% or more on the test digits, and `trained_digits(seed)` gives that trained network
without training it twice in one session (notebook 12 fools, dreams with and attacks it).

Reading an output: a digit network has ten outputs, one per digit 0-9, and its softmax turns
them into probabilities. Untrained, it might answer [0, 0.25, 0.05, 0, 0, 0, 0, 0.7, 0, 0] for
an 8: 25% "1", 5% "2", 70% "7". Its prediction is the most probable digit, 7, which is wrong.
"""

from __future__ import annotations

import functools

import numpy as np

from .._validate import as_array, as_count, as_rng
from ..datasets import digits
from ..layers import Conv2D, Dense, Flatten, MaxPool2D, ReLU
from ..losses import SoftmaxCrossEntropy
from ..network import Network
from ..optim import Momentum
from ..training import Trainer
from .hot_dog import UNTRAINED_EIGHT

UNTRAINED_OUTPUT = UNTRAINED_EIGHT   # the same untrained answer as in notebook 05


def _probabilities(probabilities) -> np.ndarray:
    p = as_array(probabilities, "probabilities", ndim=1)
    if np.any(p < 0) or np.any(p > 1) or abs(float(p.sum()) - 1) > 1e-6:
        raise ValueError("probabilities should be numbers from 0 to 1 that add up to 1 (a "
                         f"softmax output), but they add up to {float(p.sum()):.4g}"
                         f"{' and some are outside 0..1' if np.any((p < 0) | (p > 1)) else ''}.")
    return p


def reading(probabilities=UNTRAINED_OUTPUT) -> list[tuple[int, float]]:
    """The digits with a probability above 0, most likely first, as (digit, probability).

    >>> reading()
    [(7, 0.7), (1, 0.25), (2, 0.05)]
    """
    p = _probabilities(probabilities)
    order = sorted(range(len(p)), key=lambda d: (-p[d], d))
    return [(d, float(p[d])) for d in order if p[d] > 0]


def prediction(probabilities=UNTRAINED_OUTPUT) -> int:
    """The network's answer: the digit with the largest probability (7 for the untrained 8)."""
    return int(np.argmax(_probabilities(probabilities)))


# -- the ConvNet itself, and how it is trained ---------------------------------------------------
#: How train_digits trains: mini-batches of 32 with momentum 0.9, for 20 epochs with a learning
#: rate of 0.05 and then 5 with smaller steps, 0.01, to settle into the bottom of the valley.
BATCH_SIZE, MOMENTUM, SCHEDULE = 32, 0.9, ((20, 0.05), (5, 0.01))
EPOCHS = sum(epochs for epochs, _ in SCHEDULE)


def digits_convnet(seed=0):
    """The course's ConvNet for the 8×8 digits: twice convolution, ReLU and max pooling, then a
    fully connected layer with one score per digit (softmax turns them into probabilities).

        (1, 8, 8) image
        Conv2D(1→8, 3×3, padding 1), ReLU  -> (8, 8, 8)    8 feature maps
        MaxPool2D(2)                       -> (8, 4, 4)
        Conv2D(8→16, 3×3, padding 1), ReLU -> (16, 4, 4)
        MaxPool2D(2)                       -> (16, 2, 2)
        Flatten, Dense(64→10)              -> 10 scores

    1,898 weights and biases, random to start (from `seed`), so its first answers are random.
    """
    rng = as_rng(seed)
    return Network([Conv2D(1, 8, 3, padding=1, seed=rng), ReLU(), MaxPool2D(2),
                    Conv2D(8, 16, 3, padding=1, seed=rng), ReLU(), MaxPool2D(2),
                    Flatten(), Dense.random(64, 10, rng)])


def train_digits(seed=0, epochs: int = EPOCHS):
    """digits_convnet(seed) trained on the 1,437 training digits: returns (network, history).

    `epochs` passes over the data (25 by default), the last fifth of them with the smaller
    steps of SCHEDULE. The history holds the loss and accuracy on the training digits and on
    the 360 held-out test digits after the last epoch (a pass over all the data costs time, so
    only then). With 25 epochs, every seed from 0 to 9 gets at least 97% of the test digits
    right.
    """
    epochs = as_count(epochs, "epochs")
    x_train, y_train, x_test, y_test = digits()
    network = digits_convnet(seed)
    (_, fast), (_, slow) = SCHEDULE
    optimizer = Momentum(fast, MOMENTUM)
    trainer = Trainer(network, SoftmaxCrossEntropy(), x_train, y_train, batch_size=BATCH_SIZE,
                      optimizer=optimizer, seed=seed, x_test=x_test, y_test=y_test,
                      evaluate_every=epochs)
    settle = epochs // 5
    for count, learning_rate in ((epochs - settle, fast), (settle, slow)):
        optimizer.learning_rate = learning_rate
        if count:
            trainer.run(count)
    return network, trainer.history


def trained_digits(seed=0, epochs: int = EPOCHS):
    """A copy of the network train_digits(seed, epochs) makes, trained once per Python session.

    The first call trains (one to two seconds); later calls copy the kept network, so each
    caller may change its copy (train it more, attack it) without touching anyone else's.
    Training here rather than shipping weights: the network is one source (this file), and
    the same seed gives the same network on every computer (the weights agree to 14 digits
    across processor types, and the test accuracy exactly).
    """
    return _trained(as_count(seed, "seed", minimum=0), as_count(epochs, "epochs")).copy()


@functools.lru_cache(maxsize=4)
def _trained(seed: int, epochs: int):
    network, _ = train_digits(seed, epochs)
    return network
