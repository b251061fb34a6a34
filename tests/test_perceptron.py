"""The perceptron trick and the sigmoid perceptron."""

import numpy as np
import pytest
from scipy.special import expit

from ddn import datasets, numerical_gradient
from ddn.examples.admissions import admissions_data
from ddn.perceptron import perceptron_trick, pulls, sigmoid_perceptron


def test_trick_separates_the_admissions_data():
    x, y = admissions_data()
    run = perceptron_trick(x, y, learning_rate=0.1, epochs=500, weights=(-0.5, 1.0))
    assert run.converged and run.mistakes[-1] == 0
    w, b = run.weights[-1], run.biases[-1]
    assert np.array_equal((x @ w + b > 0).astype(float), y)
    assert "separates every point" in repr(run)


def test_every_update_moves_the_line_towards_the_misclassified_point():
    x, y = admissions_data()
    run = perceptron_trick(x, y, learning_rate=0.1, epochs=500, weights=(-0.5, 1.0))
    for k, i in enumerate(run.points):
        before = x[i] @ run.weights[k] + run.biases[k]
        after = x[i] @ run.weights[k + 1] + run.biases[k + 1]
        sign = 1 if y[i] == 1 else -1
        assert sign * (after - before) == pytest.approx(0.1 * (x[i] @ x[i] + 1))


def test_trick_cannot_separate_xor():
    x, y = datasets.xor(100, noise=0.0, seed=0)
    run = perceptron_trick(x, y, learning_rate=0.1, epochs=50)
    assert not run.converged and min(run.mistakes) > 0


def test_sigmoid_perceptron_lowers_the_log_loss_with_the_right_gradient():
    x, y = admissions_data()
    w, b, losses = sigmoid_perceptron(x, y, learning_rate=0.1, epochs=2000)
    assert losses[-1] < 0.25 * losses[0] and np.all(np.diff(losses) < 0)
    assert len(losses) == 2001 and np.array_equal((x @ w + b > 0).astype(float), y)
    wb = np.array([0.3, -0.2, 1.0])

    def loss():
        z = x @ wb[:2] + wb[2]
        return float(np.mean(np.logaddexp(0, z) - y * z))

    numeric = numerical_gradient(loss, wb)
    error = 1 / (1 + np.exp(-(x @ wb[:2] + wb[2]))) - y
    np.testing.assert_allclose(numeric, [*(x.T @ error / len(y)), error.mean()], rtol=1e-6)


def test_wrong_points_pull_hardest():
    x = np.array([[1.0, 1.0], [1.0, 1.0]])
    y = np.array([1.0, 0.0])
    right, wrong = pulls(x, y, [2.0, 2.0], 0.0)       # sigmoid(4) ≈ 0.982
    assert right == pytest.approx(1 - expit(4.0), rel=1e-9) and wrong == pytest.approx(expit(4.0))


def test_errors():
    with pytest.raises(ValueError, match="labels 0 and 1 only"):
        perceptron_trick([[1, 2]], [2])
    with pytest.raises(ValueError, match="1 points but y has 2"):
        sigmoid_perceptron([[1, 2]], [1, 0])
