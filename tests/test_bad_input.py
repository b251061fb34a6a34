"""Whatever a learner passes in, public functions either work or raise a TypeError/ValueError
that names the argument: never a raw numpy or Python error from deep inside the library."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ddn
from ddn import Dense, Network, Neuron, ReLU
from ddn.examples import driving_test

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
