"""Images as arrays, and convolution on the course's small examples (notebook 09).

- A hand-drawn 3: a smooth drawing on a fine grid, pixellated to as few pixels as you like.
  White is 1, black is 0, greys lie in between.
- The classic example: the kernel [[1,0,1],[0,1,0],[1,0,1]] slides over a 5×5 picture of 0s and
  1s. At each of its 3×3 positions, the overlapping numbers are multiplied and added up, and
  the nine sums make the feature map [[4,3,4],[2,4,3],[2,3,4]].
- The torch: a 4×4 kernel shaped like a small "7" shines over a 6×6 drawing of a 7. It fits in
  3×3 positions, so the activation map is 3×3, and it is brightest (6) where the 7 is.
- The output size: (n + 2·padding − kernel) // stride + 1 along each side (see
  `ddn.convolution.map_size`).
- A gallery of 3×3 kernels, each whole numbers divided by one number: blur, sharpen, edges.
- A curve detector: a 10×10 kernel shaped like the top of a dog's ear, and a line drawing of a
  dog's head: the detector's map is large on the ears and small elsewhere.

Deep learning's "convolution" slides the kernel as it is, without flipping it first: strictly,
that is a cross-correlation. Everything here (and `ddn.convolve`) slides without flipping.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .. import datasets
from .._format import num
from .._validate import as_choice, as_count

# -- the classic 5×5 example -------------------------------------------------------------------
IMAGE = np.array([[1, 1, 1, 0, 0],
                  [0, 1, 1, 1, 0],
                  [0, 0, 1, 1, 1],
                  [0, 0, 1, 1, 0],
                  [0, 1, 1, 0, 0]])
KERNEL = np.array([[1, 0, 1],
                   [0, 1, 0],
                   [1, 0, 1]])
FEATURE_MAP = np.array([[4, 3, 4],
                        [2, 4, 3],
                        [2, 3, 4]])


class Step(NamedTuple):
    """One position of the kernel: where its top-left corner sits, the patch of the image it
    covers, the nine products, their sum, and the arithmetic written out."""

    row: int
    col: int
    patch: np.ndarray
    products: np.ndarray
    total: float
    arithmetic: str


def _steps(image, kernel) -> list[Step]:
    """Every position of `kernel` on `image` (top row first, left to right), no padding."""
    rows, cols = kernel.shape
    found = []
    for r in range(image.shape[0] - rows + 1):
        for c in range(image.shape[1] - cols + 1):
            patch = image[r:r + rows, c:c + cols]
            products = patch * kernel
            terms = " + ".join(f"{num(p)}·{num(k)}" for p, k in zip(patch.ravel(),
                                                                    kernel.ravel()))
            total = products.sum()
            found.append(Step(r, c, patch, products, float(total),
                              f"{terms} = {num(total)}"))
    return found


def steps() -> list[Step]:
    """The nine positions of the classic example, in reading order; their totals, row by row,
    are the feature map [[4,3,4],[2,4,3],[2,3,4]]."""
    return _steps(IMAGE, KERNEL)


# -- the torch: a 4×4 kernel over a 6×6 image --------------------------------------------------
TORCH_IMAGE = np.array([[0, 1, 1, 1, 1, 0],      # a 7, drawn in 6×6 pixels
                        [0, 0, 0, 0, 1, 0],
                        [0, 0, 0, 1, 0, 0],
                        [0, 0, 0, 1, 0, 0],
                        [0, 0, 1, 0, 0, 0],
                        [0, 0, 1, 0, 0, 0]])
TORCH_KERNEL = np.array([[1, 1, 1, 1],           # a small 7: a bar and a slanted stroke
                         [0, 0, 0, 1],
                         [0, 0, 1, 0],
                         [0, 1, 0, 0]])
TORCH_MAP = np.array([[3, 6, 4],
                      [1, 3, 1],
                      [3, 2, 1]])


def torch_steps() -> list[Step]:
    """The 3×3 positions of the 4×4 torch on the 6×6 image, in reading order."""
    return _steps(TORCH_IMAGE, TORCH_KERNEL)


# -- kernels that photo editors use ------------------------------------------------------------
class Kernel(NamedTuple):
    """A 3×3 kernel written as whole numbers divided by one number, and what it does."""

    numbers: tuple
    divisor: int
    effect: str


KERNELS = {
    "identity": Kernel(((0, 0, 0), (0, 1, 0), (0, 0, 0)), 1,
                       "copies each pixel: the picture is unchanged"),
    "blur": Kernel(((1, 1, 1), (1, 1, 1), (1, 1, 1)), 9,
                   "averages each pixel with its eight neighbours"),
    "soft blur": Kernel(((1, 2, 1), (2, 4, 2), (1, 2, 1)), 16,
                        "a weighted average: the pixel counts most, the corners least"),
    "sharpen": Kernel(((0, -1, 0), (-1, 5, -1), (0, -1, 0)), 1,
                      "amplifies each pixel and subtracts its neighbours"),
    "edges": Kernel(((-1, -1, -1), (-1, 8, -1), (-1, -1, -1)), 1,
                    "the pixel minus its neighbours: 0 where nothing changes"),
    "vertical edges": Kernel(((-1, 0, 1), (-2, 0, 2), (-1, 0, 1)), 1,
                             "right minus left: large where dark turns bright going right"),
    "horizontal edges": Kernel(((-1, -2, -1), (0, 0, 0), (1, 2, 1)), 1,
                               "below minus above: large where dark turns bright going down"),
    "emboss": Kernel(((-2, -1, 0), (-1, 1, 1), (0, 1, 2)), 1,
                     "lit from one side, like a relief"),
}


def kernel(name: str = "blur") -> np.ndarray:
    """A kernel of the gallery as an array: its whole numbers divided by its divisor."""
    chosen = KERNELS[as_choice(name, "name", KERNELS)]
    return np.array(chosen.numbers, dtype=float) / chosen.divisor


# -- drawing with numbers: strokes of light on a dark grid ----------------------------------
def _ink(shape, distance, width):
    """Brightness from the distance to a stroke: 1 on it, fading to 0 over one pixel."""
    return np.clip(width / 2 + 0.5 - distance, 0, 1)


def _arc_distance(ys, xs, centre, radius, start, stop):
    """Distance from each point to a circular arc from angle `start` to `stop` (degrees,
    counter-clockwise, 0 = east, y pointing down the picture)."""
    dy, dx = ys - centre[0], xs - centre[1]
    angle = np.degrees(np.arctan2(-dy, dx)) % 360
    inside = (angle - start) % 360 <= (stop - start) if stop - start < 360 else True
    on_circle = np.abs(np.hypot(dy, dx) - radius)
    ends = []
    for a in (start, stop):
        ey = centre[0] - radius * np.sin(np.radians(a))
        ex = centre[1] + radius * np.cos(np.radians(a))
        ends.append(np.hypot(ys - ey, xs - ex))
    return np.where(inside, on_circle, np.minimum(*ends))


def _segment_distance(ys, xs, a, b):
    """Distance from each point to the segment from a to b (each (y, x))."""
    (ay, ax), (by, bx) = a, b
    length2 = (by - ay) ** 2 + (bx - ax) ** 2
    t = np.clip(((ys - ay) * (by - ay) + (xs - ax) * (bx - ax)) / length2, 0, 1)
    return np.hypot(ys - (ay + t * (by - ay)), xs - (ax + t * (bx - ax)))


THREE_GRID = 96                                  # the drawing's fine grid, 96×96
THREE_SIZES = (4, 6, 8, 12, 16, 24, 32, 48, 96)  # the pixellations that divide it evenly


def _three_drawing() -> np.ndarray:
    n = THREE_GRID
    ys, xs = np.mgrid[0:n, 0:n] + 0.5
    s = n / 96
    top = _arc_distance(ys, xs, (30 * s, 46 * s), 17 * s, -90, 165)
    bottom = _arc_distance(ys, xs, (66 * s, 46 * s), 19 * s, -165, 90)
    return np.maximum(_ink(ys.shape, top, 9 * s), _ink(ys.shape, bottom, 9 * s))


def three(pixels: int = 8) -> np.ndarray:
    """A hand-drawn 3 as a `pixels` × `pixels` array: white (1) ink on black (0), with greys
    where a pixel is partly covered. pixels=96 is the drawing itself."""
    pixels = as_count(pixels, "pixels")
    if pixels not in THREE_SIZES:
        sizes = ", ".join(str(s) for s in THREE_SIZES)
        raise ValueError(f"pixels should be one of {sizes} (they divide the {THREE_GRID}×"
                         f"{THREE_GRID} drawing evenly), but it is {pixels}.")
    block = THREE_GRID // pixels
    return _three_drawing().reshape(pixels, block, pixels, block).mean(axis=(1, 3))


def typical_digit(digit: int = 3) -> np.ndarray:
    """A typical handwritten `digit` (0-9) from the digits' training set: the one nearest the
    average of all of them, 8×8, white ink (1) on black (0)."""
    digit = as_count(digit, "digit", minimum=0)
    if digit > 9:
        raise ValueError(f"digit should be a whole number from 0 to 9, but it is {digit}.")
    x_train, y_train, _, _ = datasets.digits()
    same = x_train[y_train == digit, 0]
    return same[np.argmin(((same - same.mean(axis=0)) ** 2).sum(axis=(1, 2)))]


# -- a curve detector ----------------------------------------------------------------------
CURVE_SIZE = 10       # the detector is 10×10 pixels
EAR_RADIUS = 6.5      # the curve it looks for: a quarter circle this wide, as on the dog's ears
LINE_WIDTH = 1.5      # the drawing's lines are this many pixels wide


def curve_kernel() -> np.ndarray:
    """A 10×10 curve detector: 1 on the 15 pixels of a curve shaped like the top-left of a floppy
    ear (a quarter circle, ╭), 0 everywhere else."""
    ys, xs = np.mgrid[0:CURVE_SIZE, 0:CURVE_SIZE] + 0.5
    curve = _arc_distance(ys, xs, (8, 8), EAR_RADIUS, 90, 180)
    return (_ink(ys.shape, curve, LINE_WIDTH) > 0.5).astype(float)


def dog_drawing() -> np.ndarray:
    """A 48×48 line drawing of a dog's head, white lines on black: a round face with eyes, a
    nose and a mouth, and two long floppy ears whose round tops have the detector's curve."""
    n = 48
    ys, xs = np.mgrid[0:n, 0:n] + 0.5
    face, face_radius = (26, 24), 11.5
    behind_face = np.hypot(ys - face[0], xs - face[1]) <= face_radius + 0.8
    r = EAR_RADIUS

    def ear(centre_x, outer_x):
        top = _arc_distance(ys, xs, (17, centre_x), r, 0, 180)
        side = _segment_distance(ys, xs, (17, outer_x), (31, outer_x))
        bottom = _arc_distance(ys, xs, (31, centre_x), r, 180, 360)
        return np.where(behind_face, np.inf, np.minimum(np.minimum(top, side), bottom))

    strokes = [
        _arc_distance(ys, xs, face, face_radius, 0, 360),
        ear(11, 11 - r),
        ear(37, 37 + r),
        _arc_distance(ys, xs, (31, 24), 1.8, 0, 360),       # nose
        _arc_distance(ys, xs, (23, 19.5), 0.6, 0, 360),     # eyes
        _arc_distance(ys, xs, (23, 28.5), 0.6, 0, 360),
        _arc_distance(ys, xs, (32, 24), 4, 215, 325),       # mouth
    ]
    return np.max([_ink(ys.shape, d, LINE_WIDTH) for d in strokes], axis=0)
