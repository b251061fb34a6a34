"""The engine's one protocol: a layer knows one example's shape, a batch has one more axis in
front, a network chains shapes and is itself a layer. Every layer is checked alone with
`check_layer` (a random upstream gradient against finite differences)."""

import numpy as np
import pytest

import ddn
from ddn import (
    MSE,
    Dense,
    Network,
    ReLU,
    Sigmoid,
    SigmoidCrossEntropy,
    Softmax,
    Tanh,
    check_layer,
    gradient_check,
    numerical_gradient,
)
from ddn._validate import in_words
from ddn.examples import driving_test as dt
from ddn.layers import Activation, Layer, Standardize, Step
from ddn.losses import _sigmoid_cross_entropy

rng = np.random.default_rng(0)
IMAGES = rng.normal(size=(3, 2, 4, 5))          # a batch of 3 two-channel 4×5 images


# -- every layer, alone, for any shape -------------------------------------------------------
@pytest.mark.parametrize("layer, x", [
    (Dense.random(4, 3, 1), rng.normal(size=(5, 4))),
    (Dense.random(4, 3, 1), rng.normal(size=4)),                    # one example
    (ReLU(), IMAGES), (Tanh(), IMAGES), (Sigmoid(), IMAGES), (Softmax(), IMAGES),
    (Softmax(), rng.normal(size=(4, 6))), (Step(), IMAGES),
    (Standardize([1.0, -2.0, 0.5], [2.0, 0.5, 1.0]), rng.normal(size=(4, 3))),
    (Network([Dense.random(3, 4, 2), Tanh(), Dense.random(4, 2, 3), Softmax()]),
     rng.normal(size=(5, 3))),
], ids=lambda v: repr(v) if isinstance(v, Layer) else str(np.shape(v)))
def test_check_layer_agrees_with_finite_differences(layer, x):
    report = check_layer(layer, x)
    assert report.ok, report
    names = {row.name for row in report.rows}
    assert names == {*layer.params, "input"}


def test_check_layer_catches_a_wrong_backward():
    class LeakyByMistake(Activation):
        def __init__(self):
            super().__init__("relu")

        def _backward(self, grad):
            return grad * (self._input > 0) + 0.01 * grad  # a slope where there is none

    report = check_layer(LeakyByMistake(), -np.abs(IMAGES))
    assert not report.ok and report.worst.name == "input"


def test_check_layer_uses_the_upstream_gradient_it_says():
    # For L = Σ upstream · output with Dense, dL/dW = upstreamᵀ·x: recompute it by hand.
    layer, x = Dense.random(3, 2, 4), rng.normal(size=(6, 3))
    assert check_layer(layer, x, seed=7).ok
    upstream = np.random.default_rng(7).normal(size=(6, 2))
    np.testing.assert_allclose(layer.grads["weights"], upstream.T @ x)


def test_sigmoid_backward_uses_the_activations_own_slope():
    # At z = 40, s·(1 − s) rounds to 0, while the slope is e^−40 / (1 + e^−40)² ≈ 4.25e-18.
    layer = Sigmoid()
    layer.forward([40.0, -40.0, 0.0])
    slopes = layer.backward([1.0, 1.0, 1.0])
    closed_form = np.exp(-40.0) / (1 + np.exp(-40.0)) ** 2
    np.testing.assert_allclose(slopes, [closed_form, closed_form, 0.25], rtol=1e-12)
    assert slopes.tolist() == [ddn.sigmoid_derivative(z) for z in (40.0, -40.0, 0.0)]


def test_one_sigmoid_cross_entropy_for_every_caller():
    z, y = np.array([-3.0, 0.5, 2.0, 7.0]), np.array([0.0, 1.0, 1.0, 0.0])
    p = 1 / (1 + np.exp(-z))
    closed_form = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    np.testing.assert_allclose(_sigmoid_cross_entropy(z, y), closed_form, rtol=1e-12)
    assert SigmoidCrossEntropy()(z, y) == pytest.approx(closed_form.mean(), rel=1e-12)
    assert np.isfinite(_sigmoid_cross_entropy(np.array([1e4, -1e4]), np.array([0.0, 1.0]))).all()


# -- shapes: one example, or a batch with one more axis ------------------------------------------
def test_a_layer_knows_one_examples_shape():
    dense = Dense.random(3, 2, 0)
    assert dense.input_shape == (3,) and dense.output_shape((3,)) == (2,)
    assert ReLU().input_shape is None and ReLU().output_shape((2, 4, 5)) == (2, 4, 5)
    net = Network([Dense.random(3, 4, 0), ReLU(), Dense.random(4, 2, 0), Softmax()])
    assert net.input_shape == (3,) and net.output_shape((3,)) == (2,)
    assert (net.n_inputs, net.n_outputs) == (3, 2)


def test_value_by_value_layers_take_image_batches():
    out = ReLU().forward(IMAGES)
    np.testing.assert_array_equal(out, np.maximum(IMAGES, 0))
    probabilities = Softmax().forward(IMAGES)
    np.testing.assert_allclose(probabilities.sum(axis=-1), 1.0)
    net = Network([Tanh(), Softmax()])
    layer_by_layer = Softmax().forward(Tanh().forward(IMAGES))
    np.testing.assert_allclose(net.forward(IMAGES), layer_by_layer)
    assert gradient_check(net, MSE(), IMAGES, rng.random(IMAGES.shape)).ok


@pytest.mark.parametrize("call, fragment", [
    (lambda: Dense.random(64, 10, 0).forward(np.ones((2, 1, 8, 8))),
     r"x is an array of shape \(2, 1, 8, 8\), but Dense\(64→10\) takes 64 inputs: .* "
     r"flatten it first"),
    (lambda: Dense.random(3, 2, 0).forward(np.ones((4, 5))),
     r"x has 5 columns \(features per example\) but Dense\(3→2\) takes 3 inputs"),
    (lambda: Dense.random(3, 2, 0).output_shape((4,)),
     r"input_shape is \(4,\), but Dense\(3→2\) takes 3 inputs"),
    (lambda: Dense.random(3, 2, 0).output_shape("three"), "input_shape should be the shape"),
    (lambda: ReLU().forward(3.0), "x should be a list of numbers"),
    (lambda: Network([Dense.random(3, 2, 0)]).backward(np.ones((1, 2))), "before forward"),
])
def test_shape_errors_name_the_argument_and_both_shapes(call, fragment):
    with pytest.raises((TypeError, ValueError, RuntimeError), match=fragment):
        call()


def test_backward_takes_one_examples_gradient_after_one_example():
    layer = Dense([[2.0, -1.0]], [0.5])
    layer.forward([1.0, 3.0])
    assert layer.backward([1.0]).tolist() == [2.0, -1.0]
    with pytest.raises(ValueError, match=r"grad should have the shape of the last output "
                                         r"\(1, 1\), but it is an array of shape \(2,\)"):
        layer.backward([1.0, 1.0])


# -- a network is a layer, and can be looked into ----------------------------------------------
def _net():
    return Network([Dense.random(3, 5, 10), Tanh(), Dense.random(5, 4, 11), ReLU(),
                    Dense.random(4, 2, 12)])


def test_a_network_is_a_layer_and_nests():
    inner, outer_x = _net(), rng.normal(size=(6, 3))
    outer = Network([inner, Sigmoid()])
    assert isinstance(inner, Layer) and outer.input_shape == (3,)
    np.testing.assert_allclose(outer.forward(outer_x),
                               1 / (1 + np.exp(-inner.forward(outer_x))))
    assert {p.name for p in outer.parameters()} == {f"0.{i}.{k}" for i in (0, 2, 4)
                                                    for k in ("weights", "bias")}
    assert check_layer(outer, outer_x).ok


def test_activations_are_every_layers_output():
    net, x = _net(), rng.normal(size=(7, 3))
    outputs = net.activations(x)
    assert len(outputs) == len(net.layers) == len(net)
    expected = x
    for layer, out in zip(net.layers, outputs):
        expected = layer.forward(expected)
        np.testing.assert_allclose(out, expected)
    one = net.activations(x[0])  # one example: one example's values
    assert [a.shape for a in one] == [(5,), (5,), (4,), (4,), (2,)]
    np.testing.assert_allclose(one[-1], net.forward(x[0]))


def test_slices_share_the_same_layers():
    net = _net()
    head = net[:3]
    assert isinstance(head, Network) and head.layers[0] is net.layers[0] and net[2] is net[-3]
    assert head.output_shape((3,)) == (4,)
    net.layers[0].weights += 1.0  # training the network changes its slices too
    x = rng.normal(size=(2, 3))
    np.testing.assert_allclose(head.forward(x), net.activations(x)[2])
    with pytest.raises(ValueError, match="index should be the position of a layer"):
        net[5]


def test_backward_from_any_layer_with_any_gradient():
    # L = Σ g · (output of layer 2): its gradient for the input, by backprop and by nudging.
    net, x = _net(), rng.normal(size=(4, 3))
    g = rng.normal(size=(4, 4))
    net.activations(x)
    grad_x = net.backward(g, from_layer=2)
    numeric = numerical_gradient(lambda: float(np.sum(g * net.activations(x)[2])), x)
    np.testing.assert_allclose(grad_x, numeric, rtol=1e-6, atol=1e-9)
    net.forward(x)
    np.testing.assert_allclose(net[:3].backward(g), grad_x)  # the same, through a slice
    with pytest.raises(ValueError, match=r"with from_layer=2, grad is dL/d\(the output of "
                                         r"layers\[2\] Dense\(5→4\)\)"):
        net.backward(np.ones((4, 2)), from_layer=2)
    with pytest.raises(ValueError, match="from_layer should be the position of a layer"):
        net.backward(g, from_layer=9)


def test_trace_and_backward_trace_still_serve_one_example():
    net = dt.driving_test_network()
    values = net.trace(dt.PERSON_B)
    assert [v.tolist() for v in values[:3]] == [[50, 1, 20], [150.5, 179.5], [150.5, 179.5]]
    grads = net.backward_trace(0.5)  # one number for the one output
    assert len(grads) == 5 and grads[-1].tolist() == [0.5]


def test_network_construction_chains_shapes():
    with pytest.raises(ValueError, match=r"layers\[2\] Dense\(3→1\) expects 3 inputs, but the "
                                         r"layer before it gives 2 outputs"):
        Network([Dense.random(3, 2), ReLU(), Dense.random(3, 1)])
    net = Network([ReLU(), Dense.random(3, 1, 0)])  # shapes unknown until x arrives
    with pytest.raises(ValueError, match=r"x has examples of shape \(4,\), which do not fit: "
                                         r"layers\[1\] Dense\(3→1\) expects 3 inputs"):
        net.forward(np.ones((2, 4)))


# -- training on any shape, evaluating less often ----------------------------------------------
def _blobs():
    r = np.random.default_rng(5)
    x = np.vstack([r.normal(-1, 0.5, (30, 2)), r.normal(1, 0.5, (30, 2))])
    return x, np.repeat([0.0, 1.0], 30)


def test_evaluate_every_records_fewer_epochs_and_trains_the_same():
    x, y = _blobs()
    nets = [Network([Dense.random(2, 6, 0), Tanh(), Dense.random(6, 1, 1)]) for _ in range(2)]
    every = ddn.train(nets[0], SigmoidCrossEntropy(), x, y, epochs=10, batch_size=8)
    sparse = ddn.train(nets[1], SigmoidCrossEntropy(), x, y, epochs=10, batch_size=8,
                       evaluate_every=3)
    assert every.epochs == list(range(1, 11)) and sparse.epochs == [3, 6, 9, 10]
    assert sparse.loss == [every.loss[i - 1] for i in (3, 6, 9, 10)]
    for p, q in zip(nets[0].parameters(), nets[1].parameters()):
        np.testing.assert_array_equal(p.value, q.value)
    assert repr(sparse).startswith("History(10 epochs")


def test_divergence_between_evaluations_still_stops_training():
    net = Network([Dense.random(2, 1, 0)])
    history = ddn.train(net, MSE(), [[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0], learning_rate=1e300,
                        epochs=20, evaluate_every=5)
    # The weights overflow in epoch 2, before the first evaluation (epoch 5): caught there.
    assert history.stopped.startswith("the loss grew to infinity in epoch 2: lower the")
    assert history.loss == [] and all(np.all(np.isfinite(p.value)) for p in net.parameters())


def test_training_needs_a_batch_and_a_flat_output():
    with pytest.raises(ValueError, match="x should be a batch of examples"):
        ddn.train(Network([Dense.random(2, 1, 0)]), MSE(), [1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match=r"the network gives outputs of shape \(2, 3\) per "
                                         r"example.*end the network with Flatten\(\) and Dense"):
        ddn.train(Network([Tanh()]), MSE(), np.ones((4, 2, 3)), np.ones(4))


def test_one_name_one_meaning():
    assert in_words(np.ones((2, 3))) == "an array of shape (2, 3)"
    assert repr(Dense.random(3, 2, 0)) == "Dense(3→2)" and repr(ReLU()) == "ReLU"
    assert repr(_net()) == "Network(Dense(3→5), Tanh, Dense(5→4), ReLU, Dense(4→2))"


def test_docstring_examples():
    import doctest

    import ddn.layers
    import ddn.network

    for module in (ddn.layers, ddn.network):
        assert doctest.testmod(module).failed == 0, module.__name__
