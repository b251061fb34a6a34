"""Fooling images (notebook 12): noise the course's ConvNet calls a digit with 99.99%
confidence, and raw noise already called a digit with high confidence.

Measured for seeds 0-9 of train_digits (benchmarks/reverse.py --seeds): every class of every
seed reached 99.99% within 40 steps, the pixels moving by 0.09-0.11 on average; on 1,000 noise
images the mean confidence was 70.6-79.4% and 24-43% of them were above 90%.
"""

import numpy as np
import pytest

from ddn import Dense, Network, softmax
from ddn.examples.convnets import trained_digits
from ddn.fooling import fooling_images, noise, noise_confidence


@pytest.fixture(scope="module")
def net():
    return trained_digits(0)


@pytest.fixture(scope="module")
def fooled(net):
    return fooling_images(net)


def test_every_digit_is_reached_with_99_percent_confidence(net, fooled):
    print(fooled)
    p = softmax(net.forward(fooled.images))      # computed again here, from the images
    assert list(fooled.classes) == list(range(10))
    for digit in range(10):
        assert p[digit].argmax() == digit
        assert p[digit, digit] >= 0.99
    assert p[np.arange(10), np.arange(10)].min() >= 0.9999  # the default aim, as Nguyen's 99.99%
    np.testing.assert_allclose(fooled.confidences, p[np.arange(10), np.arange(10)])


def test_the_fooling_images_still_look_like_noise(fooled):
    assert fooled.images.min() >= 0 and fooled.images.max() <= 1
    np.testing.assert_array_equal(fooled.start, noise(10, 0))
    change = np.abs(fooled.images - fooled.start)
    assert change.mean() < 0.2                   # measured 0.09-0.11 for every seed
    correlation = np.corrcoef(fooled.images.reshape(10, -1), fooled.start.reshape(10, -1))
    assert np.diag(correlation[:10, 10:]).min() > 0.6              # measured 0.70-0.83
    assert list(correlation[:10, 10:].argmax(axis=1)) == list(range(10))  # most like its own
    assert fooled.steps.max() <= 60 and np.all(fooled.steps <= 200)


def test_zero_steps_give_the_noise_back(net):
    still = fooling_images(net, [3, 5], max_steps=0)
    np.testing.assert_array_equal(still.images, noise(2, 0))
    assert list(still.steps) == [0, 0]


def test_raw_noise_is_already_called_a_digit_with_high_confidence(net):
    report = noise_confidence(net)
    print(report)
    p = softmax(net.forward(noise(1000, 0)))
    np.testing.assert_array_equal(report.classes, p.argmax(axis=1))
    assert report.confidences.mean() > 0.6       # measured 70.6-79.4% across seeds
    assert np.mean(report.confidences > 0.9) > 0.15
    assert report.confidences.max() > 0.999
    assert len(set(report.classes.tolist())) >= 5  # noise is not one digit only


def test_noise_is_uniform_and_seeded():
    a = noise(500, seed=3)
    assert a.shape == (500, 1, 8, 8) and a.min() >= 0 and a.max() <= 1
    assert abs(a.mean() - 0.5) < 0.01
    np.testing.assert_array_equal(a, noise(500, seed=3))


@pytest.mark.parametrize("call, words", [
    (lambda net: fooling_images(net, [3, 10]), "classes should be whole numbers from 0 to 9"),
    (lambda net: fooling_images(net, confidence=1), "confidence should be"),
    (lambda net: fooling_images(net, shape=(1, 4, 4)), "network does not take images"),
    (lambda net: fooling_images(Network([Dense([[1.0, 2.0]])]), shape=(2,)),
     "one score per class"),
    (lambda net: noise_confidence(net, n=0), "n should be greater than 0"),
    (lambda net: noise(3, shape=(1, None, 8)), "shape should give every size"),
])
def test_mistakes_are_named(net, call, words):
    with pytest.raises((TypeError, ValueError), match=words):
        call(net)
