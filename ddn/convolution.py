"""Convolution: slide a small kernel over an image, multiply the overlapping numbers, add them up.

The kernel (or filter) is a small array of weights. Put it on the image's top-left corner,
multiply every kernel number with the pixel under it, add the products up, and write the sum
into a new array; then move the kernel one step (the stride) and do it again, until it has
visited every position where it fits. The new array is an activation map (a feature map): large
where the image looks like the kernel, small elsewhere.

How big is the result? A kernel of k pixels fits in (size − k) + 1 positions along a side of
`size` pixels: a 4×4 kernel on a 6×6 image fits 3×3 times. Padding adds a border of zeros
around the image first (padding 1 keeps a 3×3 kernel's output the size of its input); a stride
of 2 skips every other position:

    output size = (size + 2·padding − k) // stride + 1

The flip. Mathematicians' convolution turns the kernel by 180° before sliding it;
deep learning skips that step, and what it calls convolution is strictly cross-correlation.
A network learns its kernels, so it would simply learn the turned kernel: the flip changes
nothing that matters there. To get the textbook convolution, flip the kernel yourself:
`convolve(image, kernel[::-1, ::-1])`. (scipy has both: `scipy.signal.correlate2d` works like
`convolve` here, `scipy.signal.convolve2d` flips.) The classic 3×3 example's kernel
[[1, 0, 1], [0, 1, 0], [1, 0, 1]] looks the same turned round, which hides the difference; a
lopsided kernel such as [[1, 2], [0, 0]] shows it.

This file holds two versions of the same idea, tested against each other:

- `convolve`, the readable one: two loops over the positions, for one image. Follow it with a
  pencil; it is far too slow to train a network with (a Python loop per pixel).
- `_windows` and `_add_windows`, the fast one that the layer `Conv2D` uses. Instead of looping
  over positions, it copies every window of every image of a batch into the columns of one big
  table ("im2col"): a 3×3 kernel takes nine slice copies, one per kernel cell, whatever the
  size of the images. Then a single matrix product multiplies and adds up every kernel at
  every position of every image at once.
"""

from __future__ import annotations

import numpy as np

from ._validate import MAX_COUNT, as_array, as_count, overflow_checked


def map_size(size: int, kernel_size: int, stride: int = 1, padding: int = 0) -> int:
    """How many positions a kernel fits in along one side of an image: the size of the
    activation map it makes, (size + 2·padding − kernel_size) // stride + 1.

    >>> map_size(6, 4)                 # a 4×4 kernel on a 6×6 image: a 3×3 map
    3
    >>> map_size(5, 3, padding=1)      # padding 1 keeps a 3×3 kernel's output at 5×5
    5
    >>> map_size(7, 3, stride=2)       # positions 0, 2, 4
    3
    """
    size = as_count(size, "size")
    kernel_size = as_count(kernel_size, "kernel_size")
    stride = as_count(stride, "stride")
    padding = as_count(padding, "padding", minimum=0)
    return _map_size(size, kernel_size, stride, padding, "size")


def _map_size(size, kernel_size, stride, padding, name) -> int:
    if padding >= kernel_size:
        raise ValueError(f"padding is {padding}, but a kernel of {kernel_size} pixels needs at "
                         f"most {kernel_size - 1} (then every position still overlaps the "
                         "image; more only adds positions that see nothing but zeros).")
    if size + 2 * padding < kernel_size:
        raise ValueError(f"{name} is {size} pixels, smaller than the kernel's {kernel_size} "
                         f"(with padding {padding}): the kernel fits nowhere.")
    return (size + 2 * padding - kernel_size) // stride + 1


@overflow_checked
def convolve(image, kernel, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Slide `kernel` over `image`; at each position, multiply the overlapping numbers and add
    them up (cross-correlation, as deep learning does it: the kernel is not flipped).

    image:  (height, width), or (channels, height, width) for an image with channels
    kernel: (kh, kw), or (channels, kh, kw) with as many channels as the image; the sum then
            runs over the channels too, which is what one convolutional neuron computes
    returns (out_height, out_width), each side (size + 2·padding − k) // stride + 1

    The syllabus's example, a 3×3 kernel over a 5×5 binary image:

    >>> image = [[1, 1, 1, 0, 0],
    ...          [0, 1, 1, 1, 0],
    ...          [0, 0, 1, 1, 1],
    ...          [0, 0, 1, 1, 0],
    ...          [0, 1, 1, 0, 0]]
    >>> convolve(image, [[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    array([[4., 3., 4.],
           [2., 4., 3.],
           [2., 3., 4.]])
    """
    image = as_array(image, "image", ndim=(2, 3))
    kernel = as_array(kernel, "kernel", ndim=(2, 3))
    if kernel.ndim == 3 and image.ndim == 2:
        image = image[None]  # one channel
    if kernel.ndim == 2 and image.ndim == 3:
        raise ValueError(f"image has {image.shape[0]} channels but kernel is 2-D: give the "
                         f"kernel one layer per channel, shape ({image.shape[0]}, kh, kw), or "
                         "convolve each channel on its own: convolve(image[c], kernel).")
    if kernel.ndim == 3 and kernel.shape[0] != image.shape[0]:
        raise ValueError(f"image has {image.shape[0]} channels but kernel has "
                         f"{kernel.shape[0]}: give the kernel one layer per channel.")
    if image.size > MAX_COUNT:
        raise ValueError(f"image has {image.size:,} pixels: this loop version is for small "
                         f"images (at most {MAX_COUNT:,}); Conv2D does large ones fast.")
    stride = as_count(stride, "stride")
    padding = as_count(padding, "padding", minimum=0)
    kh, kw = kernel.shape[-2:]
    out_h = _map_size(image.shape[-2], kh, stride, padding, "image's height")
    out_w = _map_size(image.shape[-1], kw, stride, padding, "image's width")

    edges = [(0, 0)] * (image.ndim - 2) + [(padding, padding)] * 2
    padded = np.pad(image, edges)                 # a border of zeros, `padding` pixels wide
    out = np.zeros((out_h, out_w))
    for i in range(out_h):                        # every position of the kernel, row by row
        for j in range(out_w):
            top, left = i * stride, j * stride
            patch = padded[..., top:top + kh, left:left + kw]   # the pixels under the kernel
            out[i, j] = np.sum(patch * kernel)                   # multiply, and add up
    return out


# -- the fast version: every window at once, for a batch (what Conv2D uses) ----------------------
def _windows(images, kh, kw, stride, padding):
    """Every kh×kw window of a batch of images, as the columns of one table ("im2col").

    images (n, channels, h, w) -> columns (channels·kh·kw, out_h·out_w·n). Each column is one
    window: the numbers `convolve` multiplies with the kernel at one position of one image.
    Row (ch, a, b) holds, for every window, the pixel under the kernel's cell (a, b) in channel
    ch; so each of the kh·kw kernel cells costs one slice copy of the whole batch, and no loop
    visits a pixel. The images' axis goes last, so that each copy moves long runs of numbers
    (a pixel of every image) rather than a few at a time: about three times faster.
    """
    n, channels, h, w = images.shape
    out_h, out_w = (h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1
    padded = np.zeros((channels, h + 2 * padding, w + 2 * padding, n))
    padded[:, padding:padding + h, padding:padding + w] = images.transpose(1, 2, 3, 0)
    columns = np.empty((channels, kh, kw, out_h, out_w, n))
    for a in range(kh):
        for b in range(kw):  # cell (a, b) of the kernel sees these pixels, in every window
            columns[:, a, b] = padded[:, a:a + stride * out_h:stride, b:b + stride * out_w:stride]
    return columns.reshape(channels * kh * kw, out_h * out_w * n)


def _add_windows(columns, shape, kh, kw, stride, padding):
    """The way back from `_windows`, for gradients: add every column's numbers onto the pixels
    they were copied from (a pixel seen by several windows collects the sum).

    columns (channels·kh·kw, out_h·out_w·n) -> (n, channels, h, w), `shape` being the images'.
    """
    n, channels, h, w = shape
    out_h, out_w = (h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1
    cells = columns.reshape(channels, kh, kw, out_h, out_w, n)
    padded = np.zeros((channels, h + 2 * padding, w + 2 * padding, n))
    for a in range(kh):
        for b in range(kw):
            padded[:, a:a + stride * out_h:stride, b:b + stride * out_w:stride] += cells[:, a, b]
    return padded[:, padding:padding + h, padding:padding + w].transpose(3, 0, 1, 2)
