"""Conv2D, MaxPool2D and Flatten: the fast path against the readable `convolve`, scipy and plain
loops; every layer alone against finite differences (`check_layer`); pooling's ties."""

import numpy as np
import pytest
from scipy import signal

import ddn
from ddn import (
    Conv2D,
    Dense,
    Flatten,
    MaxPool2D,
    Network,
    ReLU,
    SoftmaxCrossEntropy,
    check_layer,
    convolve,
    gradient_check,
)
from ddn.convolution import _add_windows, _windows

rng = np.random.default_rng(0)


@pytest.mark.parametrize("kernel_size, stride, padding, size", [
    (3, 1, 0, (7, 6)), (3, 1, 1, (5, 5)), ((3, 2), 2, 1, (7, 6)), (1, 1, 0, (4, 3)),
    (2, 2, 0, (8, 8)), (4, 3, 2, (9, 7)), (5, 1, 0, (5, 5)),
])
def test_conv2d_is_convolve_for_every_neuron_and_image(kernel_size, stride, padding, size):
    x = rng.normal(size=(3, 2, *size))
    conv = Conv2D(2, 4, kernel_size, stride=stride, padding=padding, seed=1)
    conv.bias = rng.normal(size=4)
    out = conv.forward(x)
    for n in range(3):
        for f in range(4):
            readable = convolve(x[n], conv.weights[f], stride=stride, padding=padding)
            np.testing.assert_allclose(out[n, f], readable + conv.bias[f], atol=1e-12)
    assert out.shape[1:] == conv.output_shape(x.shape[1:])


def test_conv2d_against_scipy():
    x, kernels = rng.normal(size=(5, 3, 9, 8)), rng.normal(size=(2, 3, 3, 4))  # lopsided
    out = Conv2D.from_kernels(kernels, bias=[0.5, -1.0]).forward(x)
    for n in range(5):
        for f in range(2):
            expected = sum(signal.correlate2d(x[n, c], kernels[f, c], mode="valid")
                           for c in range(3))
            np.testing.assert_allclose(out[n, f], expected + [0.5, -1.0][f], atol=1e-12)


def test_one_2d_kernel_on_one_image():
    image, kernel = rng.normal(size=(6, 6)), rng.normal(size=(4, 4))
    layer = Conv2D.from_kernels(kernel)
    assert repr(layer) == "Conv2D(1→1, 4×4)"
    np.testing.assert_allclose(layer.forward(image[None])[0], convolve(image, kernel))


def test_windows_and_add_windows_are_each_others_transpose():
    # <windows(x), c> = <x, add_windows(c)> for every x and c: add_windows sends each column's
    # numbers back exactly where windows copied them from (the dot-product test).
    x = rng.normal(size=(2, 3, 7, 5))
    for kh, kw, stride, padding in [(3, 3, 1, 1), (2, 3, 2, 0), (3, 2, 3, 2)]:
        columns = _windows(x, kh, kw, stride, padding)
        c = rng.normal(size=columns.shape)
        assert np.sum(columns * c) == pytest.approx(
            np.sum(x * _add_windows(c, x.shape, kh, kw, stride, padding)), rel=1e-12)


@pytest.mark.parametrize("layer, shape", [
    (Conv2D(2, 3, 3, seed=0), (2, 2, 5, 6)),
    (Conv2D(1, 2, (2, 3), stride=2, padding=1, seed=1), (3, 1, 6, 7)),
    (Conv2D(3, 2, 1, seed=2), (2, 3, 4, 4)),
    (MaxPool2D(2), (2, 3, 6, 4)), (MaxPool2D(2), (2, 1, 5, 7)), (MaxPool2D(3), (1, 2, 7, 6)),
    (Flatten(), (3, 2, 4, 5)), (Flatten(), (4, 6)),
])
def test_check_layer(layer, shape):
    report = check_layer(layer, rng.normal(size=shape))
    assert report.ok, report


def test_a_small_convnet_backpropagates():
    net = Network([Conv2D(1, 3, 3, padding=1, seed=0), ReLU(), MaxPool2D(), Conv2D(3, 4, 2, seed=1),
                   ReLU(), Flatten(), Dense.random(16, 3, 2)])
    x, labels = rng.normal(size=(4, 1, 6, 6)), np.array([0, 2, 1, 2])
    assert net.output_shape((1, 6, 6)) == (3,)
    report = gradient_check(net, SoftmaxCrossEntropy(), x, labels)
    assert report.ok, report
    assert check_layer(net, x).ok


def test_max_pool_against_a_loop():
    x = rng.normal(size=(2, 3, 7, 5))
    out = MaxPool2D(2).forward(x)
    assert out.shape == (2, 3, 3, 2)  # the last row and column fit no block: dropped
    for index in np.ndindex(out.shape):
        n, c, i, j = index
        assert out[index] == max(x[n, c, 2 * i + a, 2 * j + b] for a in (0, 1) for b in (0, 1))


def test_max_pool_sends_a_tied_blocks_gradient_to_one_pixel():
    # Blank paper ties every pixel of a block at 0: the gradient must go to one of them, not
    # to each (which would count it four times).
    x = np.zeros((1, 1, 4, 4))
    x[0, 0, 0, 1] = x[0, 0, 1, 0] = 0.7         # a tie at the maximum in the first block
    pool = MaxPool2D(2)
    assert pool.forward(x)[0, 0].tolist() == [[0.7, 0.0], [0.0, 0.0]]
    grad = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    dx = pool.backward(grad)[0, 0]
    blocks = dx.reshape(2, 2, 2, 2).transpose(0, 2, 1, 3).reshape(2, 2, 4)
    assert (np.count_nonzero(blocks, axis=-1) == 1).all()      # one pixel per block
    np.testing.assert_array_equal(blocks.sum(axis=-1), grad[0, 0])
    assert dx[0, 1] == 1.0 and dx[1, 0] == 0.0                 # the first of the tied maxima


def test_flatten_lays_out_rows_and_back():
    x = rng.normal(size=(2, 3, 4, 5))
    flat = Flatten().forward(x)
    assert flat.shape == (2, 60) and flat[1, 27] == x[1, 1, 1, 2]
    assert Flatten().output_shape((3, 4, 5)) == (60,)
    assert Flatten().output_shape((3, None, None)) == (None,)


def test_the_digits_convnet_shapes_and_size():
    net = Network([Conv2D(1, 8, 3, padding=1, seed=0), ReLU(), MaxPool2D(),
                   Conv2D(8, 16, 3, padding=1, seed=1), ReLU(), MaxPool2D(), Flatten(),
                   Dense.random(64, 10, 2)])
    assert net.input_shape == (1, None, None) and net.output_shape((1, 8, 8)) == (10,)
    shapes = [a.shape for a in net.activations(np.zeros((5, 1, 8, 8)))]
    assert shapes == [(5, 8, 8, 8), (5, 8, 8, 8), (5, 8, 4, 4), (5, 16, 4, 4), (5, 16, 4, 4),
                      (5, 16, 2, 2), (5, 64), (5, 10)]
    assert net.n_parameters == (8 * 9 + 8) + (16 * 8 * 9 + 16) + (64 * 10 + 10)
    one = net.activations(np.zeros((1, 8, 8)))  # one image: one image's maps
    assert one[0].shape == (8, 8, 8) and one[-1].shape == (10,)


def test_new_weights_keep_their_shape_and_start_random_from_a_seed():
    a, b = Conv2D(2, 3, 3, seed=4), Conv2D(2, 3, 3, seed=4)
    np.testing.assert_array_equal(a.weights, b.weights)
    assert a.weights.std() == pytest.approx(np.sqrt(2 / 18), rel=0.35)
    with pytest.raises(ValueError, match=r"weights should keep its shape \(3, 2, 3, 3\)"):
        a.weights = np.ones((3, 2, 2, 2))


@pytest.mark.parametrize("call, fragment", [
    (lambda: Conv2D(1, 8, 3).forward(np.ones((2, 3, 8, 8))),
     r"x has shape \(2, 3, 8, 8\): examples of shape \(3, 8, 8\), but Conv2D\(1→8, 3×3\) "
     r"takes examples of shape \(1, any, any\)"),
    (lambda: Conv2D(1, 8, 3).forward(np.ones((2, 1, 2, 8))),
     r"Conv2D\(1→8, 3×3\) gets images of 2×8, smaller than its 3×3 kernel"),
    (lambda: Conv2D(1, 8, 3).forward(np.ones((2, 8, 8))),
     r"x has shape \(2, 8, 8\) \(one example\), but Conv2D"),
    (lambda: Conv2D(1, 8, 3, padding=3), "padding is 3, but a 3×3 kernel needs at most 2"),
    (lambda: Conv2D(1, 8, 0), "kernel_size should be greater than 0"),
    (lambda: Conv2D(1, 8, (3, 0)), r"kernel_size\[1\] should be greater than 0"),
    (lambda: Conv2D(1000, 1000, 3), "more than this library trains"),
    (lambda: Conv2D.from_kernels(np.ones((2, 3, 3))), "kernels should be a table"),
    (lambda: MaxPool2D(2).forward(np.ones((1, 1, 1, 4))), "maps of 1×4, smaller than one 2×2"),
    (lambda: MaxPool2D(0), "size should be greater than 0"),
    (lambda: Network([Conv2D(1, 4, 3), Flatten(), Dense.random(10, 2)]).forward(
        np.ones((1, 1, 5, 5))), r"layers\[2\] Dense\(10→2\) expects 10 inputs, but the layer "
                                r"before it gives 36 outputs"),
    (lambda: Network([Conv2D(1, 4, 3), Conv2D(3, 2, 3)]),
     r"layers\[1\] Conv2D\(3→2, 3×3\) expects examples of shape \(3, any, any\), but the "
     r"layer before it gives outputs of shape \(4, any, any\)"),
])
def test_errors_say_what_to_change(call, fragment):
    with pytest.raises((TypeError, ValueError), match=fragment):
        call()


def test_exported():
    assert (ddn.Conv2D, ddn.MaxPool2D, ddn.Flatten) == (Conv2D, MaxPool2D, Flatten)


def test_training_skips_only_the_datas_gradient():
    # Training needs no gradient for the images themselves: the first layer fills its
    # parameters' gradients only, and they equal those of the full backward pass.
    net = Network([Conv2D(1, 3, 3, padding=1, seed=0), ReLU(), Flatten(), Dense.random(48, 2, 1)])
    x, grad = rng.normal(size=(5, 1, 4, 4)), rng.normal(size=(5, 2))
    net.forward(x)
    net.backward(grad)
    full = {p.name: p.grad.copy() for p in net.parameters()}
    for p in net.parameters():
        p.grad[...] = 0.0
    net._parameter_gradients(grad)
    for p in net.parameters():
        np.testing.assert_array_equal(p.grad, full[p.name])
