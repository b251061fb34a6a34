"""Layers and networks: forward against plain numpy, backward against finite differences."""

import numpy as np
import pytest

from ddn import MSE, Dense, Network, ReLU, Sigmoid, Softmax, Tanh, numerical_gradient
from ddn.examples import driving_test as dt
from ddn.gradcheck import gradient_check, relative_error
from ddn.layers import Activation, Step
from ddn.losses import SigmoidCrossEntropy, SoftmaxCrossEntropy


def test_numerical_gradient_matches_a_closed_form():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = numerical_gradient(lambda: float(np.sum(x ** 3)), x)
    np.testing.assert_allclose(grad, 3 * x ** 2, rtol=1e-6)
    assert x.tolist() == [[1.0, -2.0], [0.5, 3.0]]  # restored after nudging


def test_numerical_gradient_refuses_a_copy_it_cannot_nudge():
    with pytest.raises(TypeError, match="float numpy array"):
        numerical_gradient(lambda: 0.0, [1, 2])


def test_dense_forward_is_x_times_weights_transposed_plus_bias():
    rng = np.random.default_rng(0)
    w, b, x = rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(5, 3))
    layer = Dense(w, b)
    np.testing.assert_allclose(layer.forward(x), x @ w.T + b)
    np.testing.assert_allclose(layer.forward(x[0]), w @ x[0] + b)  # one example, 1-D


def test_driving_test_hidden_layer_for_person_b():
    hidden = Dense(dt.HIDDEN_WEIGHTS, dt.HIDDEN_BIAS)
    assert hidden.forward(dt.PERSON_B).tolist() == [150.5, 179.5]


@pytest.mark.parametrize("activation", [ReLU, Sigmoid, Tanh, Softmax])
def test_every_layer_backward_agrees_with_finite_differences(activation):
    rng = np.random.default_rng(1)
    net = Network([Dense.random(3, 5, rng), activation(), Dense.random(5, 2, rng)])
    x, target = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    report = gradient_check(net, MSE(), x, target)
    assert report.ok, report
    assert {row.name for row in report.rows} == {"0.weights", "0.bias", "2.weights", "2.bias",
                                                 "input"}


@pytest.mark.parametrize("loss, target", [
    (SoftmaxCrossEntropy(), np.array([0, 2, 1, 2, 0, 1])),
    (SigmoidCrossEntropy(), np.array([[1.0, 0.0, 1.0]] * 6).reshape(6, 3)),
])
def test_classification_losses_backpropagate_correctly(loss, target):
    rng = np.random.default_rng(2)
    net = Network([Dense.random(4, 6, rng), Tanh(), Dense.random(6, 3, rng)])
    assert gradient_check(net, loss, rng.normal(size=(6, 4)), target).ok


def test_gradient_check_catches_a_wrong_backward():
    class BrokenReLU(Activation):
        def __init__(self):
            super().__init__("relu")

        def _backward(self, grad):
            return -grad * (self._input > 0)  # sign error

    rng = np.random.default_rng(3)
    net = Network([Dense.random(2, 4, rng), BrokenReLU(), Dense.random(4, 1, rng)])
    report = gradient_check(net, MSE(), rng.normal(size=(5, 2)), rng.normal(size=(5, 1)))
    assert not report.ok
    assert "MISMATCH" in repr(report) and "disagrees" in repr(report)


def test_backward_returns_the_input_gradient_and_stores_parameter_gradients():
    net = Network([Dense([[2.0, -1.0]], [0.5])])
    net.forward(np.array([[1.0, 3.0]]))
    grad_x = net.backward(np.array([[1.0]]))
    assert grad_x.tolist() == [[2.0, -1.0]]                   # d(2a − b + 0.5)/d(a, b)
    params = {p.name: p for p in net.parameters()}
    assert params["0.weights"].grad.tolist() == [[1.0, 3.0]]  # d/dw = the input
    assert params["0.bias"].grad.tolist() == [1.0]


def test_parameters_are_live_views_so_optimisers_update_the_layers():
    net = dt.driving_test_network()
    for p in net.parameters():
        p.value -= 0.0 * p.grad + 1.0
    assert net.layers[0].bias.tolist() == [-201.0, -221.0]
    assert net.n_parameters == 11


def test_driving_test_network_numbers():
    net = dt.driving_test_network()
    a, b = net.trace(dt.PERSON_A), net.trace(dt.PERSON_B)
    assert a[2].tolist() == [0.0, 0.0] and b[2].tolist() == [150.5, 179.5]
    assert a[3][0] == -3.0 and b[3][0] == pytest.approx(2.9925)
    assert round(a[4][0] * 100, 2) == 4.74 and round(b[4][0] * 100, 2) == 95.22
    text = net.explain(dt.PERSON_B)
    assert "parking: 50×5 + 1×0.5 + 20×5 = 350.5; 350.5 − 200 = 150.5" in text
    assert "sigmoid(2.9925) = 0.952234" in text


def test_network_output_is_the_composition_of_its_layers():
    rng = np.random.default_rng(4)
    layers = [Dense.random(2, 3, rng), ReLU(), Dense.random(3, 1, rng), Sigmoid()]
    x = rng.normal(size=(7, 2))
    by_hand = x
    for layer in layers:
        by_hand = layer.forward(by_hand)
    np.testing.assert_allclose(Network(layers).forward(x), by_hand)


@pytest.mark.parametrize("build, fragment", [
    (lambda: Network([]), "at least one layer"),
    (lambda: Network([Dense.random(3, 2), ReLU, Dense.random(2, 1)]), "write ReLU\\(\\)"),
    (lambda: Network([Dense.random(3, 2), "relu"]), "should be a layer"),
    (lambda: Network([Dense.random(3, 2), ReLU(), Dense.random(3, 1)]),
     "expects 3 inputs, but the layer before it gives 2"),
    (lambda: Network([Dense.random(3, 2)], input_names=("a",)), "input_names has 1"),
])
def test_network_construction_errors(build, fragment):
    with pytest.raises((TypeError, ValueError), match=fragment):
        build()


def test_forward_and_backward_errors():
    net = dt.driving_test_network()
    with pytest.raises(RuntimeError, match="before forward"):
        dt.driving_test_network().backward([[1.0]])
    with pytest.raises(ValueError, match="x has 2 values but the network takes 3 inputs"):
        net.forward([20, 10])
    net.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"grad should have the shape .*\(4, 1\)"):
        net.backward(np.ones((4, 2)))


def test_dense_errors_and_weight_assignment():
    with pytest.raises(ValueError, match="bias has 3 values but weights has 2 rows"):
        Dense([[1, 2], [3, 4]], [1, 2, 3])
    layer = Dense([[1.0, 2.0]], [0.0])
    with pytest.raises(ValueError, match="weights should keep its shape"):
        layer.weights = [[1.0, 2.0, 3.0]]
    layer.weights = [[3.0, 4.0]]
    assert layer.forward([1, 1]).tolist() == [7.0]
    with pytest.raises(ValueError, match="n_inputs should be greater than 0"):
        Dense.random(0, 3)


def test_step_layer_has_zero_gradient():
    layer = Step()
    layer.forward(np.array([[1.0, -1.0]]))
    assert layer.backward(np.array([[5.0, 5.0]])).tolist() == [[0.0, 0.0]]


def test_relative_error_is_zero_for_equal_and_one_for_opposite():
    assert relative_error([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == 1.0
