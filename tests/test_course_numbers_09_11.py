"""Every number of COURSE.md sections 09-11, checked against an independent computation
(scipy's correlate2d for convolutions, hand-written loops, the published challenge results)."""

import numpy as np
import pytest
from scipy.signal import correlate2d

import ddn
from ddn.convolution import map_size
from ddn.examples import convnets, imagenet
from ddn.examples import convolution as ex


# -- 09: images are arrays ----------------------------------------------------------------------
def test_09_the_hand_drawn_three_is_white_ink_on_black():
    drawing = ex.three(96)
    assert drawing.shape == (96, 96) and drawing.min() == 0 and drawing.max() == 1
    for pixels in ex.THREE_SIZES:
        small = ex.three(pixels)
        assert small.shape == (pixels, pixels)
        assert np.all((small >= 0) & (small <= 1))
        # pixellating averages blocks: the overall brightness is kept
        assert np.isclose(small.mean(), drawing.mean())
    eight = ex.three(8)
    assert eight[0, 0] == 0 and eight.max() > 0.7      # black corners, bright strokes
    with pytest.raises(ValueError, match="pixels"):
        ex.three(7)


def test_09_the_classic_convolution_gives_4_3_4_2_4_3_2_3_4():
    assert ex.IMAGE.tolist() == [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1],
                                 [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
    assert ex.KERNEL.tolist() == [[1, 0, 1], [0, 1, 0], [1, 0, 1]]
    reference = correlate2d(ex.IMAGE, ex.KERNEL, mode="valid")   # slides without flipping
    assert reference.tolist() == ex.FEATURE_MAP.tolist() == [[4, 3, 4], [2, 4, 3], [2, 3, 4]]
    assert ddn.convolve(ex.IMAGE, ex.KERNEL).tolist() == reference.tolist()
    steps = ex.steps()
    assert [(s.row, s.col) for s in steps] == [(r, c) for r in range(3) for c in range(3)]
    assert np.array([s.total for s in steps]).reshape(3, 3).tolist() == reference.tolist()
    first = steps[0]
    assert first.arithmetic == "1·1 + 1·0 + 1·1 + 0·0 + 1·1 + 1·0 + 0·1 + 0·0 + 1·1 = 4"
    for s in steps:   # each product is one pixel times the kernel number on top of it
        assert np.array_equal(s.products, ex.IMAGE[s.row:s.row + 3, s.col:s.col + 3] * ex.KERNEL)


def test_09_the_torch_a_4x4_kernel_on_a_6x6_image_gives_a_3x3_map():
    assert ex.TORCH_IMAGE.shape == (6, 6) and ex.TORCH_KERNEL.shape == (4, 4)
    reference = correlate2d(ex.TORCH_IMAGE, ex.TORCH_KERNEL, mode="valid")
    assert reference.shape == (3, 3)
    assert reference.tolist() == ex.TORCH_MAP.tolist() == [[3, 6, 4], [1, 3, 1], [3, 2, 1]]
    assert ddn.convolve(ex.TORCH_IMAGE, ex.TORCH_KERNEL).tolist() == reference.tolist()
    assert [s.total for s in ex.torch_steps()] == reference.ravel().tolist()
    # brightest where the kernel's small 7 sits on the image's 7: 6 of its 7 ones on ink
    assert np.unravel_index(reference.argmax(), (3, 3)) == (0, 1)
    assert ex.TORCH_KERNEL.sum() == 7


@pytest.mark.parametrize("size, kernel_size, padding, stride", [
    (5, 3, 0, 1), (6, 4, 0, 1), (5, 3, 1, 1), (7, 3, 0, 2), (8, 3, 1, 2), (128, 3, 1, 1),
    (9, 5, 2, 3), (4, 4, 0, 1)])
def test_09_the_map_size_formula_counts_the_positions(size, kernel_size, padding, stride):
    image = np.pad(np.ones((size, size)), padding)
    windows = [(r, c) for r in range(0, image.shape[0] - kernel_size + 1, stride)
               for c in range(0, image.shape[1] - kernel_size + 1, stride)]
    count = map_size(size, kernel_size, stride=stride, padding=padding)
    assert count * count == len(windows)
    full = correlate2d(image, np.ones((kernel_size, kernel_size)), mode="valid")
    assert full[::stride, ::stride].shape == (count, count)
    assert ddn.convolve(np.ones((size, size)), np.ones((kernel_size, kernel_size)),
                        stride=stride, padding=padding).shape == (count, count)
    assert count == (size + 2 * padding - kernel_size) // stride + 1


def test_09_map_size_says_when_a_kernel_does_not_fit():
    with pytest.raises(ValueError, match="kernel"):
        map_size(3, 5)
    assert map_size(3, 5, padding=1) == 1


def test_09_the_gallery_kernels_keep_or_remove_flat_brightness():
    flat = np.full((5, 5), 0.5)
    for name in ("identity", "blur", "soft blur", "sharpen", "emboss"):
        k = ex.kernel(name)
        assert np.isclose(k.sum(), 1), name              # a flat area keeps its brightness
        assert np.allclose(correlate2d(flat, k, mode="valid"), 0.5)
    for name in ("edges", "vertical edges", "horizontal edges"):
        k = ex.kernel(name)
        assert np.isclose(k.sum(), 0), name              # nothing changes: nothing to see
        assert np.allclose(correlate2d(flat, k, mode="valid"), 0)
    assert np.allclose(ex.kernel("blur"), np.full((3, 3), 1 / 9))
    # vertical edges: dark (0) on the left, bright (1) on the right gives a large response
    step = np.tile([0, 0, 0, 1, 1, 1], (6, 1)).astype(float)
    response = correlate2d(step, ex.kernel("vertical edges"), mode="valid")
    assert response.max() == 4 and response[:, 0].tolist() == [0] * 4


def test_09_the_curve_detector_lights_up_on_the_ears():
    kernel, drawing = ex.curve_kernel(), ex.dog_drawing()
    assert kernel.shape == (10, 10) and set(np.unique(kernel)) == {0, 1} and kernel.sum() == 15
    response = correlate2d(drawing, kernel, mode="valid")
    assert response.shape == (39, 39)
    assert np.allclose(ddn.convolve(drawing, kernel), response)
    order = np.argsort(response, axis=None)[::-1]
    best = [tuple(int(i) for i in np.unravel_index(j, response.shape)) for j in order[:2]]
    # the two largest sums sit on the round top-left of each ear
    assert best == [(9, 3), (9, 29)]
    assert round(float(response[9, 3]), 2) == 13.44 and round(float(response[9, 29]), 2) == 12.89
    # everywhere more than 3 pixels away from those two, the sum stays below 11 (of 15)
    rows, cols = np.indices(response.shape)
    away = np.ones(response.shape, bool)
    for r, c in best:
        away &= np.maximum(abs(rows - r), abs(cols - c)) > 3
    assert round(float(response[away].max()), 2) == 10.86 < 11
    assert np.median(response) < 3


# -- 10: ConvNets ----------------------------------------------------------------------------
def test_10_reading_the_untrained_output():
    assert convnets.UNTRAINED_OUTPUT == (0, 0.25, 0.05, 0, 0, 0, 0, 0.7, 0, 0)
    assert convnets.reading() == [(7, 0.7), (1, 0.25), (2, 0.05)]
    assert convnets.prediction() == 7
    assert convnets.prediction(np.eye(10)[8]) == 8
    with pytest.raises(ValueError, match="probabilities"):
        convnets.reading([0.5, 0.6])


def test_10_imagenet_top5_errors():
    by_year = {r.year: r for r in imagenet.WINNERS}
    assert by_year[2011].top5_error == imagenet.BEFORE_CONVNETS == 0.258
    assert by_year[2012].top5_error == imagenet.ALEXNET == 0.153
    assert "AlexNet" in by_year[2012].entry and by_year[2012].convnet
    assert by_year[2015].top5_error == imagenet.RESNET == 0.0357 and "ResNet" in by_year[2015].entry
    assert round(imagenet.HUMAN) == 0 and round(100 * imagenet.HUMAN) == 5
    assert not any(r.convnet for r in imagenet.WINNERS if r.year < 2012)
    assert all(r.convnet for r in imagenet.WINNERS if r.year >= 2012)
    errors = [r.top5_error for r in imagenet.WINNERS]
    assert errors == sorted(errors, reverse=True)            # better every year
    assert [r.year for r in imagenet.WINNERS if r.top5_error < imagenet.HUMAN] == [2015]
    # before ConvNets a year brought a few points; AlexNet more than ten
    assert round(100 * (by_year[2010].top5_error - by_year[2011].top5_error), 1) == 2.4
    assert round(100 * (imagenet.BEFORE_CONVNETS - imagenet.ALEXNET), 1) == 10.5


def test_10_what_top5_means():
    labels = [p.label for p in imagenet.PHOTOS]
    assert labels[:4] == ["mite", "container ship", "motor scooter", "leopard"]
    assert all(len(p.guesses) == 5 and len(set(p.guesses)) == 5 for p in imagenet.PHOTOS)
    # by hand: the right label is the first guess for 4 photos, among the five for 6 of 8
    first = sum(p.guesses[0] == p.label for p in imagenet.PHOTOS)
    in_five = sum(p.label in p.guesses for p in imagenet.PHOTOS)
    assert (first, in_five) == (4, 6)
    assert imagenet.top_k_errors(1) == 4 / 8 and imagenet.top_k_errors(5) == 2 / 8
    errors = [imagenet.top_k_errors(k) for k in range(1, 6)]
    assert errors == sorted(errors, reverse=True)             # more guesses, fewer misses


def test_10_a_convolutional_neuron_is_a_kernel_a_bias_and_an_activation():
    digit = ex.typical_digit(3)
    kernel = ex.kernel("horizontal edges")
    neuron = ddn.Conv2D.from_kernels(kernel, bias=-0.5, padding=1)
    reference = np.maximum(correlate2d(np.pad(digit, 1), kernel, mode="valid") - 0.5, 0)
    assert np.allclose(ddn.ReLU()(neuron(digit[None]))[0], reference)
    assert neuron.n_parameters == 9 + 1                     # shared by all 64 positions
    assert ddn.Dense.random(64, 1).n_parameters == 65       # a plain neuron on the same digit


def test_10_max_pooling_keeps_the_largest_of_each_block():
    feature_map = np.array([[1, 0, 2, 3], [4, 6, 6, 8], [3, 1, 1, 0], [1, 2, 2, 4]])
    by_hand = feature_map.reshape(2, 2, 2, 2).max(axis=(1, 3))
    assert by_hand.tolist() == [[6, 8], [3, 4]]
    assert ddn.MaxPool2D(2)(feature_map[None])[0].tolist() == by_hand.tolist()


def test_10_the_digits_convnet_layers_shapes_and_parameters():
    network = convnets.digits_convnet(seed=0)
    x_test, y_test = ddn.datasets.digits()[2:]
    shapes = [out.shape for out in network.activations(x_test[0])]
    assert shapes == [(8, 8, 8), (8, 8, 8), (8, 4, 4), (16, 4, 4), (16, 4, 4), (16, 2, 2),
                      (64,), (10,)]
    # 8 kernels of 3×3 on 1 channel, 16 of 3×3 on 8 channels, 64 → 10 dense; biases
    assert network.n_parameters == (8 * 9 + 8) + (16 * 8 * 9 + 16) + (64 * 10 + 10) == 1898
    guesses = network(x_test).argmax(axis=1)
    assert np.mean(guesses == y_test) < 0.3                  # untrained: a guess
    probabilities = ddn.softmax(network(x_test[0]))
    assert np.isclose(probabilities.sum(), 1) and probabilities.max() < 0.5
