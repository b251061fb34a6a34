"""Whatever a learner passes in, public functions either work or raise a TypeError/ValueError
that names the argument: never a raw numpy or Python error from deep inside the library."""

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ddn
from ddn import Dense, Network, Neuron, ReLU
from ddn.examples import driving_test
from ddn.examples.admissions import admissions_data
from ddn.perceptron import perceptron_trick

junk = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=True),
              st.text(max_size=3)),
    lambda inner: st.lists(inner, max_size=4), max_leaves=8)


def _works_or_explains(call, *arguments):
    try:
        call()
    except (TypeError, ValueError) as error:
        assert any(a in str(error) for a in arguments), f"{error!r} names none of {arguments}"


@settings(max_examples=150, deadline=None)
@given(junk)
def test_neuron_inputs(value):
    _works_or_explains(lambda: Neuron([4, 2, 2, 1], -25)(value), "inputs")


@settings(max_examples=100, deadline=None)
@given(junk)
def test_neuron_weights(value):
    _works_or_explains(lambda: Neuron(value, 0.0), "weights")


@settings(max_examples=100, deadline=None)
@given(junk)
def test_network_input(value):
    _works_or_explains(lambda: driving_test.driving_test_network()(value), "x")


@settings(max_examples=100, deadline=None)
@given(junk)
def test_dense_weights(value):
    _works_or_explains(lambda: Dense(value), "weights")


@settings(max_examples=100, deadline=None)
@given(junk, junk)
def test_losses(output, target):
    _works_or_explains(lambda: ddn.mse(output, target), "output", "target")
    _works_or_explains(lambda: ddn.softmax(output), "scores")


@pytest.mark.parametrize("call", [
    lambda: Network([Dense.random(2, 3, 0), ReLU()]).backward(np.ones((1, 3))),
    lambda: ddn.train(Network([Dense.random(2, 1, 0)]), ddn.MSE(), "x", [1]),
    lambda: ddn.gradient_check(Network([Dense.random(2, 1, 0)]), ddn.MSE(), [[1, 2, 3]], [[1]]),
])
def test_misuse_of_the_engine_is_explained(call):
    with pytest.raises((TypeError, ValueError, RuntimeError)) as error:
        call()
    assert "broadcast" not in str(error.value) and "matmul" not in str(error.value)


POINTS, LABELS = [[1.0, 2.0], [3.0, 4.0]], [0, 1]


@pytest.mark.parametrize("call, error, fragment", [  # the examples of issue 6, part 5
    (lambda: ddn.train([Dense.random(2, 1, 0)], ddn.MSE(), POINTS, LABELS), TypeError,
     r"network should be a Network, but it is a list of 1 value; .* write Network\(\[...\]\)"),
    (lambda: ddn.train(Network([Dense.random(2, 1, 0)]), ddn.MSE, POINTS, LABELS), TypeError,
     r"loss is the class MSE itself: write MSE\(\) with brackets"),
    (lambda: ddn.cross_entropy([], []), ValueError, "probabilities is empty"),
    (lambda: ddn.Softmax().forward([]), ValueError, "x is empty"),
    (lambda: perceptron_trick(POINTS, LABELS, weights=[1, 2, 3]), ValueError,
     "weights has 3 values but x has 2 features per point: give one weight per feature"),
    (lambda: perceptron_trick(POINTS, LABELS, bias="x"), TypeError,
     "bias should be a number, but it is the text 'x'"),
    (lambda: ddn.numerical_gradient(lambda: None, np.ones(2)), TypeError,
     "the loss that f returns should be a number, but it is None"),
    (lambda: ddn.numerical_gradient(ddn.MSE(), np.ones(2)), TypeError,
     "f should be a function that takes no arguments"),
    (lambda: ddn.one_hot([1], 2.5), ValueError, "n_classes should be a whole number"),
    (lambda: Dense.random(math.inf, 2), ValueError, "n_inputs contains infinity"),
    (lambda: Dense.random(10 ** 30, 2), ValueError, "n_inputs is 1e.30: .* at most 1,000,000"),
    (lambda: driving_test.driving_test_network().backward_trace([1.0]), RuntimeError,
     r"backward_trace was called before trace: run trace\(x\)"),
    (lambda: ddn.log_loss([0.5], [2]), ValueError, "labels should be 0 .* or 1"),
    (lambda: admissions_data(n=3, margin=18.5), ValueError,
     "margin should be at least 0 and below 12, but it is 18.5"),
])
def test_the_issues_examples_are_explained(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()


def test_admissions_data_near_the_largest_margin_returns_quickly():
    start = time.perf_counter()
    x, y = admissions_data(n=20, margin=11.9)
    assert time.perf_counter() - start < 1.0
    assert np.all(np.abs(2 * x[:, 0] + x[:, 1] - 18) >= 11.9 - 0.3)  # (points are rounded)


def test_extreme_but_valid_numbers_get_an_answer_or_a_reason():
    # A property test once drew this person: the hidden sums overflow, and the maths still
    # says "certain to pass"; the network answers that instead of warning.
    net = driving_test.driving_test_network()
    assert net([False, False, 1.797e307]).tolist() == [1.0]
    assert ddn.softmax([1e308, -1e308]).tolist() == [1.0, 0.0]
    assert ddn.sigmoid(-1e308) == 0.0
    with pytest.raises(ValueError, match=r"^x holds 1e\+308, too large to compute with"):
        Dense([[1.0, 1.0]]).forward([1e308, 1e308])  # the output itself would be infinite
    with pytest.raises(ValueError, match="too large to compute with"):
        ddn.squared_error([1e308], [-1e308])
    assert np.all(np.isfinite(np.concatenate(net.trace([False, False, 1.797e307]))))
    with pytest.raises(ValueError, match=r"^x holds 1e\+308"):
        net.trace([20, 1, 1e308])  # road = 10·lessons + ... = 1e309: beyond any float


def test_training_that_overflows_stops_with_a_reason_and_keeps_finite_weights():
    net = Network([Dense.random(2, 1, 0)])
    history = ddn.train(net, ddn.MSE(), POINTS, [1.0, 2.0], learning_rate=1e300, epochs=5)
    assert history.stopped.startswith("the loss grew to infinity in epoch 1")
    assert "lower the learning rate" in repr(history)
    assert all(np.all(np.isfinite(p.value)) for p in net.parameters())
