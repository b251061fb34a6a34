"""Training: the loss goes down, the same seed gives the same network, errors are clear."""

import numpy as np
import pytest

from ddn import (
    Dense,
    GradientDescent,
    Network,
    SigmoidCrossEntropy,
    Tanh,
    accuracy,
    train,
)
from ddn.examples import cats_dogs


def _net(seed=0):
    rng = np.random.default_rng(seed)
    return Network([Dense.random(2, 6, rng), Tanh(), Dense.random(6, 1, rng)])


def _blobs():
    rng = np.random.default_rng(5)
    x = np.vstack([rng.normal(-1, 0.5, (30, 2)), rng.normal(1, 0.5, (30, 2))])
    return x, np.repeat([0.0, 1.0], 30)


def test_training_lowers_the_loss_and_learns_to_classify():
    x, y = _blobs()
    net = _net()
    history = train(net, SigmoidCrossEntropy(), x, y, epochs=200, learning_rate=0.5)
    assert history.loss[-1] < 0.2 * history.loss[0]
    assert history.accuracy[-1] == 1.0
    assert accuracy(net, SigmoidCrossEntropy(), x, y) == 1.0


def test_same_seed_same_network_with_minibatches():
    x, y = _blobs()
    runs = []
    for _ in range(2):
        net = _net()
        train(net, SigmoidCrossEntropy(), x, y, epochs=5, batch_size=8, seed=11)
        runs.append(net.layers[0].weights.copy())
    np.testing.assert_array_equal(*runs)


def test_one_full_batch_step_is_plain_gradient_descent():
    x, y = _blobs()
    net, copy = _net(), _net()
    loss = SigmoidCrossEntropy()
    train(net, loss, x, y, epochs=1, optimizer=GradientDescent(0.3))
    copy.backward(loss.gradient(copy.forward(x), y[:, None]))
    for p in copy.parameters():
        p.value -= 0.3 * p.grad
    for a, b in zip(net.parameters(), copy.parameters()):
        np.testing.assert_allclose(a.value, b.value)


def test_curve_network_separates_every_cat_and_dog():
    x, y, _ = cats_dogs.cats_and_dogs()
    net = cats_dogs.curve_network(x, y)
    assert np.array_equal((net(x)[:, 0] > 0).astype(float), y)


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(x=np.ones((3, 2)), y=np.ones(4)), "x has 3 examples but y has 4"),
    (dict(x=np.ones((3, 5)), y=np.ones(3)), "5 features per example but the network takes 2"),
    (dict(x=np.ones((3, 2)), y=np.ones(3), epochs=0), "epochs should be greater than 0"),
    (dict(x=np.ones((3, 2)), y=np.ones(3), learning_rate=-1), "learning_rate should be"),
    (dict(x=np.ones((3, 2)), y=np.ones(3), optimizer="adam"), "optimizer should have a step"),
])
def test_training_errors(kwargs, fragment):
    with pytest.raises((TypeError, ValueError), match=fragment):
        train(_net(), SigmoidCrossEntropy(), **kwargs)
