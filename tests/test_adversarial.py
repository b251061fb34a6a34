"""Adversarial examples (notebook 12): FGSM against a closed form and finite differences, and
the ε table of the course's ConvNet.

The ranges of the table are what every seed 0-9 of train_digits gave when measured
(benchmarks/reverse.py --seeds prints them), widened a little; the test checks seed 0, the
course's network:

    seed    ε=0    0.05    0.1    0.2    0.3
    0-9    97.8-  81.7-  43.3-  5.6-   0.0-
           98.9%  88.1%  56.9%  11.4%  3.9%
"""

import numpy as np
import pytest

from ddn import Dense, Flatten, Network, numerical_gradient, softmax
from ddn.adversarial import (
    EPSILONS,
    accuracy_under_attack,
    fgsm,
    input_gradient,
    iterative_fgsm,
)
from ddn.datasets import digits
from ddn.examples.convnets import trained_digits
from ddn.losses import SoftmaxCrossEntropy


@pytest.fixture(scope="module")
def net():
    return trained_digits(0)


@pytest.fixture(scope="module")
def test_digits():
    _, _, x_test, y_test = digits()
    return x_test, y_test


def linear_model(seed=0):
    """Scores = W · (the image laid out as a row) + b: a model whose input gradient has a
    closed form."""
    rng = np.random.default_rng(seed)
    return Network([Flatten(), Dense(rng.normal(size=(3, 4)), rng.normal(size=3))]), rng


def test_fgsm_on_a_linear_model_is_the_closed_form():
    model, rng = linear_model()
    x = rng.uniform(0.2, 0.8, size=(5, 1, 2, 2))
    labels = np.array([0, 1, 2, 1, 0])
    w, b = model[1].weights, model[1].bias
    p = softmax(x.reshape(5, 4) @ w.T + b)
    # L = −log p[label], so dL/dx = Wᵀ (p − one_hot(label)) (per example; the mean adds 1/n).
    direction = np.sign((p - np.eye(3)[labels]) @ w).reshape(x.shape)
    for epsilon in (0.05, 0.1, 0.5):
        expected = np.clip(x + epsilon * direction, 0, 1)
        np.testing.assert_allclose(fgsm(model, x, labels, epsilon), expected)
        # targeted: down the loss of the wanted class
        np.testing.assert_allclose(fgsm(model, x, labels, epsilon, targeted=True),
                                   np.clip(x - epsilon * direction, 0, 1))


def test_the_input_gradient_matches_finite_differences(net, test_digits):
    x_test, y_test = test_digits
    # A little noise breaks the ties of blank paper (equal values that max pooling picks one
    # of), where the loss has a kink and finite differences would straddle it.
    noise = np.random.default_rng(0).uniform(0, 0.05, size=(3, 1, 8, 8))
    x, labels = 0.9 * x_test[:3] + noise, y_test[:3]
    loss = SoftmaxCrossEntropy()
    expected = numerical_gradient(lambda: loss(net.forward(x), labels), x)
    np.testing.assert_allclose(input_gradient(net, x, labels), expected, atol=1e-8, rtol=1e-5)


def test_the_epsilon_table_of_the_course_convnet(net, test_digits):
    table = accuracy_under_attack(net, *test_digits)
    print(table)
    assert table.epsilons == EPSILONS == (0.0, 0.05, 0.1, 0.2, 0.3)
    clean, *attacked = table.accuracies
    assert clean >= 0.97
    ranges = [(0.75, 0.93), (0.35, 0.65), (0.02, 0.20), (0.0, 0.06)]
    for accuracy, (low, high) in zip(attacked, ranges):
        assert low <= accuracy <= high
    assert list(table.accuracies) == sorted(table.accuracies, reverse=True)
    assert "ε" in repr(table) and "%" in repr(table)


def test_attacked_images_stay_images_within_epsilon(net, test_digits):
    x, y = test_digits
    for attack in (fgsm, iterative_fgsm):
        attacked = attack(net, x[:40], y[:40], 0.1)
        assert attacked.min() >= 0 and attacked.max() <= 1
        assert np.abs(attacked - x[:40]).max() <= 0.1 + 1e-12


def test_iterative_steps_fool_more_than_one_step(net, test_digits):
    one = accuracy_under_attack(net, *test_digits, epsilons=(0.1, 0.2), attack="fgsm")
    many = accuracy_under_attack(net, *test_digits, epsilons=(0.1, 0.2),
                                 attack="iterative_fgsm")
    print(one, many, sep="\n")
    assert all(m < o for m, o in zip(many.accuracies, one.accuracies))


def test_a_targeted_attack_makes_almost_every_digit_a_three(net, test_digits):
    x, y = test_digits
    threes = net.forward(iterative_fgsm(net, x, 3, 0.3, targeted=True)).argmax(axis=1)
    print(f"made a 3: {np.mean(threes == 3):.1%}")
    assert np.mean(threes == 3) >= 0.9
    assert np.mean(net.forward(x).argmax(axis=1) == 3) < 0.15  # before: one digit in ten


def test_one_image_in_one_image_out(net, test_digits):
    x, y = test_digits
    assert fgsm(net, x[0], y[0], 0.1).shape == (1, 8, 8)
    assert input_gradient(net, x[0], y[0]).shape == (1, 8, 8)
    np.testing.assert_array_equal(fgsm(net, x[0], y[0], 0.0), x[0])


@pytest.mark.parametrize("call, words", [
    (lambda net, x, y: fgsm(net, x[:3], y[:2]), "labels has 2 class numbers but x has 3"),
    (lambda net, x, y: fgsm(net, x[:3], [0, 1, 12]), "labels should be whole numbers from 0 to 9"),
    (lambda net, x, y: fgsm(net, 2 * x[:3], y[:3]), "x should hold pixels from 0 to 1"),
    (lambda net, x, y: fgsm(net, x[:3, :, :4], y[:3]), "do not fit"),
    (lambda net, x, y: fgsm(net, x[:3], y[:3], -0.1), "epsilon should be at least 0"),
    (lambda net, x, y: fgsm(net, x[:3], y[:3], targeted="yes"), "targeted should be True"),
    (lambda net, x, y: fgsm(net.layers, x[:3], y[:3]), "write Network"),
    (lambda net, x, y: accuracy_under_attack(net, x, y, attack="pgd"), "attack should be one"),
])
def test_mistakes_are_named(net, test_digits, call, words):
    with pytest.raises((TypeError, ValueError), match=words):
        call(net, *test_digits)
