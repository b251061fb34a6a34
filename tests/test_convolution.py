"""Convolution, the readable version: the syllabus's numbers, and scipy as an independent
reference. Kernels are lopsided (asymmetric) on purpose: the classic 3×3 kernel looks the same
turned round, so it would not notice a flipped kernel."""

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import ndimage, signal

import ddn
from ddn import convolution
from ddn.convolution import convolve, map_size

IMAGE_5x5 = [[1, 1, 1, 0, 0],
             [0, 1, 1, 1, 0],
             [0, 0, 1, 1, 1],
             [0, 0, 1, 1, 0],
             [0, 1, 1, 0, 0]]
LOPSIDED = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0], [0.5, 0.0, 0.0]])


def test_the_syllabus_example():
    out = convolve(IMAGE_5x5, [[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    assert out.tolist() == [[4, 3, 4], [2, 4, 3], [2, 3, 4]]


def test_a_4x4_kernel_on_a_6x6_image_gives_a_3x3_map():
    rng = np.random.default_rng(0)
    image, kernel = rng.normal(size=(6, 6)), rng.normal(size=(4, 4))
    out = convolve(image, kernel)
    assert out.shape == (3, 3) and map_size(6, 4) == 3
    np.testing.assert_allclose(out, signal.correlate2d(image, kernel, mode="valid"))
    assert out[1, 2] == pytest.approx(np.sum(image[1:5, 2:6] * kernel))  # one position by hand


def test_no_flip_cross_correlation_and_the_flip_gives_textbook_convolution():
    image = np.random.default_rng(1).normal(size=(7, 9))
    np.testing.assert_allclose(convolve(image, LOPSIDED),
                               signal.correlate2d(image, LOPSIDED, mode="valid"))
    np.testing.assert_allclose(ndimage.correlate(image, LOPSIDED, mode="constant")[1:-1, 1:-1],
                               convolve(image, LOPSIDED))
    np.testing.assert_allclose(convolve(image, LOPSIDED[::-1, ::-1]),
                               signal.convolve2d(image, LOPSIDED, mode="valid"))
    # With a lopsided kernel the two differ; with the classic one they cannot.
    assert not np.allclose(convolve(image, LOPSIDED), signal.convolve2d(image, LOPSIDED, "valid"))
    classic = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    np.testing.assert_array_equal(classic, classic[::-1, ::-1])


def test_a_two_pixel_kernel_shows_the_direction():
    # [[1, 2]] reads a pixel and twice its right-hand neighbour; flipped, the left-hand one.
    image = np.array([[1.0, 10.0, 100.0]])
    assert convolve(image, [[1, 2]]).tolist() == [[21.0, 210.0]]
    assert signal.convolve2d(image, [[1, 2]], mode="valid").tolist() == [[12.0, 120.0]]


@pytest.mark.parametrize("padding", [1, 2])
def test_padding_adds_a_border_of_zeros(padding):
    image = np.random.default_rng(2).normal(size=(5, 6))
    out = convolve(image, LOPSIDED, padding=padding)
    expected = signal.correlate2d(np.pad(image, padding), LOPSIDED, mode="valid")
    np.testing.assert_allclose(out, expected)
    if padding == 1:
        assert out.shape == image.shape  # padding 1 keeps a 3×3 kernel's output the same size
    else:
        np.testing.assert_allclose(out, signal.correlate2d(image, LOPSIDED, mode="full"))


@pytest.mark.parametrize("size, stride, expected", [(7, 2, 3), (8, 2, 3), (9, 3, 3), (5, 5, 1)])
def test_stride_skips_positions(size, stride, expected):
    image = np.random.default_rng(3).normal(size=(size, size))
    out = convolve(image, LOPSIDED, stride=stride)
    assert out.shape == (expected, expected) == (map_size(size, 3, stride),) * 2
    np.testing.assert_allclose(out, convolve(image, LOPSIDED)[::stride, ::stride])


@pytest.mark.parametrize("size, kernel, stride, padding, expected", [
    (6, 4, 1, 0, 3), (5, 3, 1, 1, 5), (5, 3, 1, 2, 7), (28, 3, 1, 0, 26), (8, 3, 2, 1, 4),
    (8, 2, 2, 0, 4), (1, 1, 1, 0, 1), (3, 3, 1, 0, 1),
])
def test_map_size_formula(size, kernel, stride, padding, expected):
    assert map_size(size, kernel, stride, padding) == expected
    image = np.ones((size, size))
    assert convolve(image, np.ones((kernel, kernel)), stride, padding).shape == (expected,) * 2


def test_channels_are_summed_like_one_convolutional_neuron():
    rng = np.random.default_rng(4)
    image, kernel = rng.normal(size=(3, 6, 5)), rng.normal(size=(3, 2, 3))
    expected = sum(signal.correlate2d(image[c], kernel[c], mode="valid") for c in range(3))
    np.testing.assert_allclose(convolve(image, kernel), expected)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9), st.integers(1, 4), st.integers(1, 4),
       st.integers(1, 3), st.integers(0, 3), st.integers(0, 2 ** 32 - 1))
def test_any_size_stride_and_padding_agrees_with_scipy(h, w, kh, kw, stride, padding, seed):
    padding = min(padding, kh - 1, kw - 1)
    if h + 2 * padding < kh or w + 2 * padding < kw:
        return
    rng = np.random.default_rng(seed)
    image, kernel = rng.normal(size=(h, w)), rng.normal(size=(kh, kw))
    expected = signal.correlate2d(np.pad(image, padding), kernel, mode="valid")[::stride, ::stride]
    np.testing.assert_allclose(convolve(image, kernel, stride, padding), expected, atol=1e-12)


@pytest.mark.parametrize("call, fragment", [
    (lambda: convolve(np.ones((2, 2)), np.ones((3, 3))), "image's height is 2 pixels, smaller"),
    (lambda: convolve(np.ones((5, 5)), np.ones((3, 3)), padding=3), "padding is 3, but a kernel"),
    (lambda: convolve(np.ones((3, 5, 5)), np.ones((2, 3, 3))), "3 channels but kernel has 2"),
    (lambda: convolve(np.ones((3, 5, 5)), np.ones((3, 3))), "convolve each channel"),
    (lambda: convolve(np.ones(5), np.ones(3)), "image should be a table of numbers"),
    (lambda: convolve(np.ones((5, 5)), np.ones((3, 3)), stride=0), "stride should be greater"),
    (lambda: map_size(6, 7), "size is 6 pixels, smaller than the kernel's 7"),
])
def test_errors_say_what_is_wrong(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


def test_docstring_examples():
    assert doctest.testmod(convolution).failed == 0
    assert ddn.convolve is convolve
