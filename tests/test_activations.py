"""Activations against closed forms and scipy, at ordinary values and at the extremes."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import expit

import ddn
from ddn.activations import ACTIVATIONS, get_activation

Z = np.array([-1e4, -30.0, -3.0, -0.5, 0.0, 0.5, 3.0, 30.0, 1e4])


def test_step_is_zero_up_to_zero_then_one():
    assert ddn.step(Z).tolist() == [0, 0, 0, 0, 0, 1, 1, 1, 1]
    assert ddn.step(0) == 0.0 and ddn.step(1e-12) == 1.0


def test_sigmoid_matches_scipy_and_the_course_numbers():
    np.testing.assert_allclose(ddn.sigmoid(Z), expit(Z), rtol=1e-12, atol=0)
    assert ddn.sigmoid(0) == 0.5
    assert round(ddn.sigmoid(-3) * 100, 2) == 4.74          # person A of the driving test
    assert round(ddn.sigmoid(2.9925) * 100, 2) == 95.22     # person B


def test_tanh_and_relu_closed_forms():
    np.testing.assert_allclose(ddn.tanh(Z), np.tanh(Z))
    assert ddn.relu(Z).tolist() == [0, 0, 0, 0, 0, 0.5, 3, 30, 1e4]
    assert ddn.relu(-50) == 0.0 and ddn.relu(150.5) == 150.5


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "linear"])
def test_derivatives_match_finite_differences(name):
    f = ACTIVATIONS[name]
    z = np.array([-2.3, -0.7, 0.4, 1.9])  # away from relu's kink at 0
    eps = 1e-6
    numeric = (f.function(z + eps) - f.function(z - eps)) / (2 * eps)
    np.testing.assert_allclose(f.derivative(z), numeric, rtol=1e-6, atol=1e-9)


def test_derivative_values_the_course_quotes():
    assert ddn.sigmoid_derivative(0) == 0.25
    assert ddn.tanh_derivative(0) == 1.0
    assert ddn.relu_derivative(3) == 1.0 and ddn.relu_derivative(-3) == 0.0
    assert ddn.step_derivative(2) == 0.0


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_extremes_are_finite_without_warnings(name):
    f = ACTIVATIONS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            for values in (f.function(Z), f.derivative(Z)):
                assert np.all(np.isfinite(values))


@given(arrays(float, st.integers(1, 20), elements=st.floats(-1e300, 1e300)))
def test_sigmoid_stays_in_zero_one_and_is_monotonic(z):
    s = ddn.sigmoid(np.sort(z))
    assert np.all((s >= 0) & (s <= 1))
    assert np.all(np.diff(s) >= 0)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_activation_is_finite_for_any_finite_number(z):
    for name in ("step", "sigmoid", "tanh", "relu"):
        value = getattr(ddn, name)(z)
        assert isinstance(value, float)
        assert np.isfinite(value)


@pytest.mark.parametrize("z", [float("inf"), [1.0, -float("inf")]])
def test_infinity_is_explained_not_passed_on(z):
    with pytest.raises(ValueError, match="^z contains infinity"):
        ddn.relu(z)


def test_scalars_give_floats_and_arrays_keep_their_shape():
    assert isinstance(ddn.relu(2), float)
    assert ddn.sigmoid(np.zeros((2, 3))).shape == (2, 3)
    assert ddn.step([1, -1]).tolist() == [1.0, 0.0]


@pytest.mark.parametrize("bad, error", [("three", TypeError), (None, TypeError),
                                        ([1, [2, 3]], TypeError),
                                        ([1.0, float("nan")], ValueError)])
def test_bad_input_names_the_argument(bad, error):
    with pytest.raises(error, match="^z "):
        ddn.sigmoid(bad)


def test_unknown_activation_lists_the_choices():
    with pytest.raises(ValueError, match="'step', 'sigmoid', 'tanh', 'relu', 'linear'.*'softplus'"):
        get_activation("softplus")
