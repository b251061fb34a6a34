"""Training: the loss goes down, the same seed gives the same network, errors are clear."""

import numpy as np
import pytest

import ddn
from ddn import (
    Dense,
    GradientDescent,
    Momentum,
    Network,
    ReLU,
    Sigmoid,
    SigmoidCrossEntropy,
    Softmax,
    SoftmaxCrossEntropy,
    Tanh,
    accuracy,
    train,
)
from ddn.examples import cats_dogs
from ddn.examples import driving_test as dt
from ddn.gradcheck import gradient_check
from ddn.layers import Standardize
from ddn.losses import MSE


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
    (dict(x=np.ones((3, 5)), y=np.ones(3)),
     r"5 columns \(features per example\) but the network takes 2"),
    (dict(x=np.ones((3, 2)), y=np.ones(3), epochs=0), "epochs should be greater than 0"),
    (dict(x=np.ones((3, 2)), y=np.ones(3), learning_rate=-1), "learning_rate should be"),
    (dict(x=np.ones((3, 2)), y=np.ones(3), optimizer="adam"), "optimizer should have a step"),
])
def test_training_errors(kwargs, fragment):
    with pytest.raises((TypeError, ValueError), match=fragment):
        train(_net(), SigmoidCrossEntropy(), **kwargs)



# -- the learning arc: momentum, the step-wise trainer, standardising, backward traces ----------


def test_momentum_update_by_hand():
    net = Network([Dense([[1.0, -2.0]], [0.5])])
    opt = Momentum(learning_rate=0.1, momentum=0.5)
    grads = [np.array([[1.0, 1.0]]), np.array([[2.0, 0.0]])]
    expected, velocity = np.array([[1.0, -2.0]]), np.zeros((1, 2))
    for g in grads:
        params = net.parameters()
        params[0].grad[...] = g
        params[1].grad[...] = 0.0
        opt.step(params)
        velocity = 0.5 * velocity - 0.1 * g
        expected = expected + velocity
    np.testing.assert_allclose(net.layers[0].weights, expected)


def test_trainer_in_steps_equals_train_in_one_go():
    x, y = _blobs()
    a, b = _net(), _net()
    train(a, SigmoidCrossEntropy(), x, y, epochs=6, batch_size=7, seed=3)
    trainer = ddn.Trainer(b, SigmoidCrossEntropy(), x, y, batch_size=7, seed=3)
    for _ in range(3):
        trainer.run(2)
    for p, q in zip(a.parameters(), b.parameters()):
        np.testing.assert_array_equal(p.value, q.value)
    assert trainer.epoch == 6 and len(trainer.history.loss) == 6


def test_test_set_history_and_multiclass_targets():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(90, 2))
    y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0).astype(int)  # classes 0, 1, 2
    net = Network([Dense.random(2, 8, rng), Tanh(), Dense.random(8, 3, rng)])
    history = train(net, SoftmaxCrossEntropy(), x[:60], y[:60], epochs=150, learning_rate=0.5,
                    x_test=x[60:], y_test=y[60:])
    assert len(history.test_loss) == len(history.test_accuracy) == 150
    assert history.test_accuracy[-1] > 0.8 and history.accuracy[-1] > 0.85


def test_divergence_stops_training_and_says_why():
    x, y = _blobs()
    net = Network([Dense.random(2, 1, 0)])
    history = train(net, MSE(), x * 100, y, epochs=50, learning_rate=10.0)
    assert history.stopped and "lower the learning rate (it is 10)" in history.stopped
    assert len(history.loss) < 50 and "stopped" in repr(history)


def test_standardize_layer_scales_and_backpropagates():
    rng = np.random.default_rng(1)
    x = rng.normal([50, 0.5, 20], [15, 0.5, 10], size=(40, 3))
    scale = Standardize.fit(x)
    z = scale.forward(x)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1)
    net = Network([scale, Dense.random(3, 2, rng), ReLU(), Dense.random(2, 1, rng)])
    assert gradient_check(net, MSE(), x[:5], rng.normal(size=(5, 1))).ok


def test_backward_trace_matches_the_chain_rule_and_finite_differences():
    net = Network(dt.driving_test_network().layers[:3])
    values = net.trace(dt.PERSON_B)
    grads = net.backward_trace(SigmoidCrossEntropy().gradient(values[-1], [0.0]))
    p = float(ddn.sigmoid(values[-1][0]))
    assert grads[-1][0] == pytest.approx(p - 0)                  # dL/dz = p − target
    assert grads[2].tolist() == pytest.approx([p * 0.01, p * 0.025])
    w2 = net.layers[2].grads["weights"][0]
    assert w2.tolist() == pytest.approx([p * 150.5, p * 179.5])   # 143.311, 170.926
    x = np.array(dt.PERSON_B, dtype=float)
    numeric = ddn.numerical_gradient(
        lambda: SigmoidCrossEntropy()(net.forward(x), [0.0]), x)
    np.testing.assert_allclose(grads[0], numeric, rtol=1e-5)


def test_softmax_layer_in_a_network_backpropagates():
    rng = np.random.default_rng(2)
    net = Network([Dense.random(3, 4, rng), Softmax()])
    assert gradient_check(net, MSE(), rng.normal(size=(6, 3)), rng.random((6, 4))).ok


def test_a_driving_test_network_learned_from_examples():
    x, y = dt.driving_test_data()
    truth = dt.driving_test_network()(x)[:, 0]
    learned = dt.learn_driving_test(x, y)
    p = learned(x)[:, 0]
    assert isinstance(learned.layers[-1], Sigmoid)
    assert np.mean((p > 0.5) == y) >= np.mean((truth > 0.5) == y) - 0.03
    assert learned(dt.PERSON_A)[0] < 0.2 < 0.8 < learned(dt.PERSON_B)[0]
