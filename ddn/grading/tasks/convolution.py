"""Exercise 09: convolution with loops, and the size of the map it makes."""

from __future__ import annotations

import math

import numpy as np

from ...examples import convolution as ex
from ..task import FunctionTask, Mistake
from ..values import close


def correlate(image, kernel, stride=1, padding=(0, 0)) -> np.ndarray:
    """The reference: slide `kernel` over `image` (2-D, no flip), with a border of zeros
    `padding` = (rows, columns) wide and the given stride."""
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    padded = np.pad(image, [(padding[0],) * 2, (padding[1],) * 2])
    kh, kw = kernel.shape
    out_h = (padded.shape[0] - kh) // stride + 1
    out_w = (padded.shape[1] - kw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            top, left = i * stride, j * stride
            out[i, j] = np.sum(padded[top:top + kh, left:left + kw] * kernel)
    return out


def _same(image, kernel):
    """'same' padding: a border of half the kernel on each side."""
    kh, kw = np.shape(kernel)
    return correlate(image, kernel, padding=(kh // 2, kw // 2)) if kh // 2 or kw // 2 else None


def _padded(got, image, kernel):
    """Any border of zeros added first (np.pad(image, 1), half the kernel...)."""
    kh, kw = np.shape(kernel)
    return any(close(got, correlate(image, kernel, padding=(ph, pw)))
               for ph in range(max(kh, kw) + 1) for pw in range(max(kh, kw) + 1) if ph or pw)


def _stops_short(got, image, kernel):
    """The map without its last row, its last column, or both: loops one position short."""
    right = correlate(image, kernel)
    return any(close(got, cut) for cut in (right[:-1, :-1], right[:-1], right[:, :-1])
               if cut.size)


def _matrix_product(image, kernel):
    kh, kw = np.shape(kernel)
    if kh != kw:
        return None  # @ of two kh×kw squares only
    right = correlate(image, np.ones_like(kernel))  # for the shape
    out = np.zeros_like(right)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(np.asarray(image, dtype=float)[i:i + kh, j:j + kw] @ kernel)
    return out


def _fresh_convolution(rng, i):
    h, w = (int(n) for n in rng.integers(3, 8, 2))
    kh, kw = int(rng.integers(1, min(h, 4) + 1)), int(rng.integers(2, min(w, 4) + 1))
    return (rng.normal(0, 1, (h, w)), rng.normal(0, 1, (kh, kw)))


DOT = np.zeros((4, 4))
DOT[1, 1] = 1.0
LOPSIDED = np.array([[1.0, 2.0], [0.0, 0.0]])
WIDE = np.array([[1.0, 0.0, 2.0, -1.0, 0.0, 3.0],   # 4×6 with a 2×3 kernel: a 3×4 map
                 [0.0, 1.0, 1.0, 2.0, -2.0, 0.0],
                 [2.0, -1.0, 0.0, 1.0, 1.0, 1.0],
                 [1.0, 3.0, -1.0, 0.0, 2.0, -1.0]])
WIDE_KERNEL = np.array([[1.0, -1.0, 0.5], [2.0, 0.0, 1.0]])

CUT_SHORT = ("`patch * kernel` needs a patch of the kernel's shape: take image[i:i + kh, j:j + kw] "
             "with kh, kw = kernel.shape (rows, then columns), and loop over "
             "`range(h - kh + 1)` and `range(w - kw + 1)`, so that the patch is never cut short "
             "at the image's edge.")

convolve = FunctionTask(
    id="convolve",
    title="Convolution with loops",
    cases=[(ex.IMAGE, ex.KERNEL), (ex.TORCH_IMAGE, ex.TORCH_KERNEL), (DOT, LOPSIDED),
           (WIDE, WIDE_KERNEL)],
    reference=correlate,
    mistakes=(
        Mistake("the kernel is turned round (flipped): deep learning's convolution slides the "
                "kernel as it is, so kernel[0, 0] multiplies the patch's top-left pixel. (The "
                "classic kernel looks the same turned round; the lopsided [[1, 2], [0, 0]] "
                "shows the difference.)",
                lambda image, kernel: correlate(image, np.asarray(kernel)[::-1, ::-1])),
        Mistake("your loops stop one position short: the last row or column of the map is "
                "missing. A kernel of kh rows fits in h − kh + 1 positions down, so loop over "
                "`range(h - kh + 1)` (and `range(w - kw + 1)` across).",
                lambda image, kernel: correlate(image, kernel)[:-1, :-1], fits=_stops_short),
        Mistake("no padding here: the kernel stays inside the image ('valid'), so the map is "
                "(h − kh + 1) × (w − kw + 1), smaller than the image. You added a border of "
                "zeros first.", _same, fits=_padded),
        Mistake("rows and columns are swapped: out[i, j] is the kernel on the patch that "
                "starts at row i and column j, image[i:i + kh, j:j + kw].",
                lambda image, kernel: correlate(image, kernel).T
                if np.shape(image)[0] == np.shape(image)[1] else None),
        Mistake("add up the products (np.sum), don't average them (np.mean).",
                lambda image, kernel: correlate(image, kernel) / np.size(kernel)),
        Mistake("multiply number by number, `patch * kernel`, then add up with np.sum: "
                "`patch @ kernel` is the matrix product, something else.", _matrix_product),
    ),
    error_hints=(
        ("could not be broadcast", CUT_SHORT),
        ("matmul", "multiply number by number, `patch * kernel`, then add up with np.sum: `@` "
                   "is the matrix product, something else."),
        ("setting an array element with a sequence",
         "each position gives one number: add up the products, np.sum(patch * kernel)."),
    ),
    praise="correct: the classic example gives [[4, 3, 4], [2, 4, 3], [2, 3, 4]], and the torch "
           "shines brightest, 6, where its 7 sits on the picture's 7.",
    fresh=_fresh_convolution,
)


# -- the size of the map ------------------------------------------------------------------------
def _size(n, k, s, p):
    return (n + 2 * p - k) // s + 1


ROUND_DOWN = ("a position counts only if the whole kernel fits: round the division down, with "
              "`//` (6 + 0 − 3 = 3 pixels to move, in steps of 2: 1 whole step, so 2 positions).")


def _fresh_size(rng, i):
    stride, kernel = int(rng.integers(1, 5)), int(rng.integers(1, 8))
    padding = int(rng.integers(0, kernel))
    size = int(rng.integers(max(1, kernel - 2 * padding), 41))
    return (size, kernel, stride, padding)


map_size = FunctionTask(
    id="map_size",
    title="How big is the map? Padding and stride",
    cases=[(5, 3, 1, 0), (6, 4, 1, 0), (5, 3, 1, 1), (7, 3, 2, 0), (6, 3, 2, 0), (11, 3, 3, 0),
           (8, 3, 2, 1), (28, 5, 3, 2), (128, 3, 1, 1)],
    reference=_size,
    mistakes=(
        Mistake("add 1: the kernel's first position counts too. A 3×3 kernel fits in 5 − 3 + 1 "
                "= 3 positions along 5 pixels.", lambda n, k, s, p: (n + 2 * p - k) // s),
        Mistake("the padding goes on both sides, so it adds 2·padding pixels: (size + "
                "2·padding − kernel) // stride + 1.", lambda n, k, s, p: (n + p - k) // s + 1),
        Mistake(ROUND_DOWN, lambda n, k, s, p: (n + 2 * p - k) / s + 1),
        Mistake(ROUND_DOWN, lambda n, k, s, p: math.ceil((n + 2 * p - k) / s) + 1),
        Mistake(ROUND_DOWN, lambda n, k, s, p: round((n + 2 * p - k) / s) + 1),
        Mistake("the padding is missing: it adds a border of zeros on both sides, size + "
                "2·padding pixels in all.", lambda n, k, s, p: (n - k) // s + 1),
        Mistake("the stride is missing: the kernel jumps `stride` pixels at a time, so divide "
                "the distance it can move, (size + 2·padding − kernel), by the stride.",
                lambda n, k, s, p: n + 2 * p - k + 1),
        Mistake("padding makes the image bigger, not smaller: add 2·padding.",
                lambda n, k, s, p: (n - 2 * p - k) // s + 1),
        Mistake("add the 1 after dividing: (size + 2·padding − kernel) // stride + 1. The 1 is "
                "the first position; the division counts the jumps after it.",
                lambda n, k, s, p: (n + 2 * p - k + 1) // s),
        Mistake("brackets: `//` goes before `-`, so `size + 2 * padding - kernel_size // stride` "
                "divides the kernel alone. Write (size + 2 * padding - kernel_size) // stride + 1.",
                lambda n, k, s, p: n + 2 * p - k // s + 1),
    ),
    praise="correct: a 3×3 kernel with padding 1 keeps a 128×128 photo at 128×128, and stride "
           "2 halves it.",
    fresh=_fresh_size,
)

TASKS = (convolve, map_size)
