"""Deep Dream, what each channel wants and class visualisation (notebook 12), on the course's
ConvNet: the image climbs the gradient that the network's own backward pass gives.

Measured for seeds 0-9 of train_digits (benchmarks/reverse.py --seeds): class visualisation
gives 8-10 of the 10 classes 99% or more (the score climbs, not the probability: for seeds 4
and 8 another class's score climbed too), raises each score by 10-20 over blank paper, and
6-9 of the 10 images are most like the average training digit of their own class. The
gallery of the 16 second-layer channels takes 0.2-0.3 s (benchmarks/reverse.py).
"""

import numpy as np
import pytest

from ddn import Dense, Network, ReLU, numerical_gradient, softmax
from ddn.datasets import digits, photo
from ddn.dream import channel_gallery, class_visualisation, dream
from ddn.examples.convnets import trained_digits


@pytest.fixture(scope="module")
def net():
    return trained_digits(0)


@pytest.fixture(scope="module")
def data():
    return digits()


def objective(net, layer, image):
    """½·mean(a²) of layers[layer]'s output: what a dream raises."""
    return 0.5 * float(np.mean(net[:layer + 1].forward(image[None]) ** 2))


def test_one_dream_step_climbs_the_finite_difference_gradient(net, data):
    x_test = data[2]
    # noise breaks the ties of blank paper, where max pooling has a kink
    image = 0.9 * x_test[5] + np.random.default_rng(1).uniform(0, 0.05, size=(1, 8, 8))
    work = image.copy()
    g = numerical_gradient(lambda: objective(net, 4, work), work)
    expected = np.clip(image + 0.01 * g / np.abs(g).mean(), 0, 1)
    stepped = dream(net, image, 4, steps=1, step_size=0.01, jitter=0)
    np.testing.assert_allclose(stepped, expected, atol=1e-6)


@pytest.mark.parametrize("layer", [1, 4])
def test_a_dream_amplifies_what_the_layer_sees(net, data, layer):
    for image in data[2][:10]:
        dreamt = dream(net, image, layer)
        assert dreamt.shape == image.shape and dreamt.min() >= 0 and dreamt.max() <= 1
        # measured at least 1.29 times higher for seeds 0-9
        assert objective(net, layer, dreamt) > 1.2 * objective(net, layer, image)


def test_a_dream_of_one_channel_raises_that_channel(net, data):
    for image in data[2][:5]:
        before = net[:5].forward(image[None])[0]
        channel = int(before.mean(axis=(1, 2)).argsort()[-2])     # the second most active
        after = net[:5].forward(dream(net, image, 4, channel=channel)[None])[0]
        # ½·mean(a²) of that channel: measured 1.4-8.7 times higher for seeds 0-9
        assert np.mean(after[channel] ** 2) > 1.3 * np.mean(before[channel] ** 2)


def test_a_photo_dreams_strokes_with_octaves(net):
    cat = 1 - photo("chelsea", grey=True)[:, ::2, ::2]         # 64×64, dark lines as ink
    for octaves in (1, 3):
        dreamt = dream(net, cat, 4, octaves=octaves, steps=10)
        assert dreamt.shape == (1, 64, 64)
        assert objective(net, 4, dreamt) > 2 * objective(net, 4, cat)
    assert not np.array_equal(dream(net, cat, 4, octaves=3, steps=10, seed=1),
                              dream(net, cat, 4, octaves=3, steps=10, seed=2))  # jitter


def test_octaves_stop_where_the_layers_cannot_shrink_further(net, data):
    digit = data[2][0]
    # layer 5 pools twice: octaves of 8×8, 6×6 and 4×4 pixels; a 3×3 one would leave nothing
    # to pool the second time, so there is none
    np.testing.assert_array_equal(dream(net, digit, 5, octaves=6), dream(net, digit, 5,
                                                                         octaves=3))
    assert not np.array_equal(dream(net, digit, 5, octaves=3), dream(net, digit, 5, octaves=2))


def test_each_channel_wants_its_image_more_than_any_digit(net, data):
    x_test = data[2]
    gallery = channel_gallery(net, 3, size=8)
    print(gallery)
    maps = net[:4].forward(gallery.images)                      # (16 images, 16 channels, 4, 4)
    centre = maps[:, :, 2, 2]
    np.testing.assert_allclose(np.diag(centre), gallery.activations)
    best_digit = net[:4].forward(x_test)[:, :, 2, 2].max(axis=0)
    beats = np.sum(gallery.activations > best_digit)
    own = np.sum(centre.argmax(axis=0) == np.arange(16))     # its own image wins the channel
    print(f"beats every test digit: {beats} of 16; own image best: {own} of 16")
    assert beats >= 12 and own >= 12


def test_the_gallery_of_a_relu_climbs_its_convolution(net):
    relu = channel_gallery(net, 1, steps=50)
    conv = channel_gallery(net, 0, steps=50)
    np.testing.assert_allclose(relu.images, conv.images)
    np.testing.assert_allclose(relu.activations, np.maximum(conv.activations, 0))
    assert relu.images.shape == (8, 1, 12, 12)


def test_class_visualisation_makes_ghosts_of_digits(net, data):
    x_train, y_train = data[:2]
    shown = class_visualisation(net)
    print(shown)
    assert np.sum(shown.probabilities >= 0.99) >= 8
    np.testing.assert_allclose(shown.probabilities,
                               softmax(net.forward(shown.images))[np.arange(10), np.arange(10)])
    blank = net.forward(np.zeros((1, 1, 8, 8)))[0]
    assert np.all(net.forward(shown.images)[np.arange(10), np.arange(10)] - blank >= 8)
    means = np.stack([x_train[y_train == d].mean(axis=0) for d in range(10)]).reshape(10, -1)
    correlation = np.corrcoef(shown.images.reshape(10, -1), means)[:10, 10:]
    assert np.sum(correlation.argmax(axis=1) == np.arange(10)) >= 6


def test_dream_uses_only_the_layers_up_to_the_one_watched():
    net = Network([Dense([[1.0, -1.0], [2.0, 0.5]]), ReLU(), Dense([[1.0, 1.0]])])
    with pytest.raises(ValueError, match="not images"):
        channel_gallery(net, 1)


@pytest.mark.parametrize("call, words", [
    (lambda net, x: dream(net, x, 8), "layer should be the position of a layer, 0 to 7"),
    (lambda net, x: dream(net, x, 4, channel=16), "channel should be 0 to 15"),
    (lambda net, x: dream(net, x[None], 4), "image should be one image"),
    (lambda net, x: dream(net, 2 * x, 4), "image should hold pixels from 0 to 1"),
    (lambda net, x: dream(net, x, 4, octave_scale=1), "octave_scale should be greater than 1"),
    (lambda net, x: channel_gallery(net, 6), "rows of numbers, not feature maps"),
    (lambda net, x: class_visualisation(net, [10]), "classes should be whole numbers"),
    (lambda net, x: class_visualisation(net, blur="yes"), "blur should be True or False"),
])
def test_mistakes_are_named(net, data, call, words):
    with pytest.raises((TypeError, ValueError), match=words):
        call(net, data[2][0])
