"""Losses against closed forms, their gradients against finite differences, and extremes."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import softmax as scipy_softmax

import ddn
from ddn import MSE, SigmoidCrossEntropy, SoftmaxCrossEntropy, numerical_gradient


def test_softmax_of_the_course_example():
    p = ddn.softmax([-4, 5.2])
    assert [round(float(v), 6) for v in p] == [0.000101, 0.999899]
    assert math.isclose(p[0], 1 / (1 + math.exp(9.2)))
    assert p.sum() == pytest.approx(1.0)


@given(arrays(float, st.tuples(st.integers(1, 5), st.integers(1, 6)),
              elements=st.floats(-1e4, 1e4)))
def test_softmax_rows_are_probabilities_and_match_scipy(z):
    p = ddn.softmax(z)
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p, scipy_softmax(z, axis=1), atol=1e-12)


def test_squared_error_of_a_one_hot_digit():
    target = ddn.one_hot([8], 10)[0]
    assert target.tolist() == [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    output = np.full(10, 0.1)
    assert ddn.squared_error(output, target) == pytest.approx(0.5 * (9 * 0.01 + 0.81))


def test_mse_is_the_mean_of_squared_gaps():
    assert ddn.mse([1, 2, 3, 4], [1, 3, 3, 2]) == pytest.approx((0 + 1 + 0 + 4) / 4)


def test_cross_entropy_is_minus_log_of_the_true_class_probability():
    good = [[0.8, 0.2]]  # "hot dog" is class 0 and gets 80%
    bad = [[0.3, 0.7]]
    assert ddn.cross_entropy(good, [0]) == pytest.approx(-math.log(0.8))
    assert ddn.cross_entropy(bad, [0]) == pytest.approx(-math.log(0.3))
    assert ddn.cross_entropy(good, [0]) < ddn.cross_entropy(bad, [0])
    both = ddn.cross_entropy([[0.8, 0.2], [0.3, 0.7]], [[1, 0], [1, 0]])  # one-hot labels
    assert both == pytest.approx((-math.log(0.8) - math.log(0.3)) / 2)


def test_log_loss_closed_form_and_certain_mistakes_stay_finite():
    p, y = np.array([0.9, 0.2, 0.6]), np.array([1, 0, 0])
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert ddn.log_loss(p, y) == pytest.approx(expected)
    assert np.isfinite(ddn.log_loss([0.0, 1.0], [1, 0]))
    assert np.isfinite(ddn.cross_entropy([[0.0, 1.0]], [0]))


def test_extreme_scores_give_finite_losses_and_gradients():
    z = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 3.0]])
    loss = SoftmaxCrossEntropy()
    assert np.isfinite(loss(z, [1, 0]))
    assert loss(z, [1, 0]) == pytest.approx(-np.mean(scipy_log_softmax(z, axis=1)[[0, 1], [1, 0]]))
    assert np.all(np.isfinite(loss.gradient(z, [1, 0])))
    s = SigmoidCrossEntropy()
    assert s(np.array([[1e4], [-1e4]]), np.array([[0.0], [1.0]])) == pytest.approx(1e4)
    assert np.all(np.isfinite(s.gradient(np.array([[1e4]]), np.array([[0.0]]))))


@pytest.mark.parametrize("loss, target", [
    (MSE(), np.array([[0.5, -1.0, 2.0], [0.0, 1.0, 1.0]])),
    (SoftmaxCrossEntropy(), np.array([2, 0])),
    (SigmoidCrossEntropy(), np.array([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]])),
])
def test_loss_gradients_match_finite_differences(loss, target):
    z = np.array([[0.3, -1.2, 2.0], [1.5, 0.1, -0.4]])
    numeric = numerical_gradient(lambda: loss(z, target), z)
    np.testing.assert_allclose(loss.gradient(z, target), numeric, rtol=1e-6, atol=1e-9)


def test_gradient_keeps_the_shape_of_a_single_example():
    assert MSE().gradient([1.0, 2.0], [0.0, 0.0]).shape == (2,)
    assert SoftmaxCrossEntropy().gradient([1.0, 2.0, 3.0], 1).shape == (3,)


@pytest.mark.parametrize("call, fragment", [
    (lambda: ddn.mse([1, 2, 3], [1, 2]), "same shape"),
    (lambda: ddn.cross_entropy([[0.5, 0.5]], [2]), "whole numbers from 0 to 1"),
    (lambda: ddn.cross_entropy([[2.0, -1.0]], [0]), "between 0 and 1"),
    (lambda: ddn.log_loss([1.5], [1]), "between 0 and 1"),
    (lambda: ddn.softmax("scores"), "scores should be numbers"),
    (lambda: SoftmaxCrossEntropy()([[1.0, 2.0]], [[1, 0, 0]]), "one-hot rows should have shape"),
    (lambda: ddn.one_hot([0.5], 3), "whole numbers"),
])
def test_loss_errors_name_what_is_wrong(call, fragment):
    with pytest.raises((TypeError, ValueError), match=fragment):
        call()
