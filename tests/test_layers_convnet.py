"""The course's ConvNet learns the handwritten digits: at least 97% of the 360 held-out test
digits right, for every seed from 0 to 9. (How long it takes is measured by
benchmarks/convnet.py, not asserted here.)"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from ddn import MaxPool2D
from ddn.datasets import digits
from ddn.examples.convnets import EPOCHS, digits_convnet

#: Trained in a child process with one BLAS thread: on a busy machine, several BLAS threads
#: fighting over the cores made this training eight times slower.
TRAIN_EVERY_SEED = """
import json
import numpy as np
from ddn.datasets import digits
from ddn.examples.convnets import train_digits
_, _, x_test, y_test = digits()
results = []
for seed in range(10):
    network, history = train_digits(seed)
    predicted = network.forward(x_test).argmax(axis=1)
    results.append({"right": int(np.sum(predicted == y_test)), "epochs": history.epochs,
                    "recorded": history.test_accuracy[-1]})
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def trained():
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", TRAIN_EVERY_SEED], capture_output=True,
                          text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("seed", range(10))
def test_every_seed_reaches_97_percent(trained, seed):
    result = trained[seed]
    assert result["right"] >= 0.97 * 360          # counted here: predictions against labels
    assert result["epochs"] == [EPOCHS] and result["recorded"] == result["right"] / 360


def test_the_untrained_network_guesses():
    _, _, x_test, y_test = digits()
    guesses = digits_convnet(0).forward(x_test).argmax(axis=1)
    assert np.mean(guesses == y_test) < 0.3  # about one in ten: its weights are random


def test_blank_borders_make_pooling_ties_and_one_winner_each():
    # The digits have blank (0) borders, so after ReLU many pooling blocks tie at 0.
    x_train = digits()[0]
    assert np.mean(x_train[:, 0, :, 0] == 0) > 0.9                     # left column blank
    pool = MaxPool2D(2)
    out = pool.forward(x_train[:50])
    dx = pool.backward(np.ones_like(out))
    # Every block passes its gradient (1) to exactly one pixel: the total is one per block.
    assert dx.sum() == out.size and set(np.unique(dx)) <= {0.0, 1.0}
