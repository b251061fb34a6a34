"""Data sets: 2-D points made in code, handwritten digits and a few photos shipped with ddn.

Nothing is downloaded: the points are generated from a seed, and the digits and photos are
small files inside the package (ddn/data/), so the course works offline.

Two-dimensional points (x1, x2) with a label 0 or 1:

Each generator takes the number of points `n`, a `noise` level and a `seed`, so the same call
always gives the same points. From easy to hard for a single neuron:

- blobs:   two round clouds: a straight line separates them.
- xor:     four corners, opposite corners share a label: no straight line works.
- circles: a ring around a disc.
- moons:   two interlocking half-moons.
- spiral:  two arms winding around each other.

All points lie roughly within −1.5..1.5 on both axes, so the same picture frame fits every set.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ._validate import (
    as_array,
    as_choice,
    as_count,
    as_number,
    as_rng,
    check_positive,
    overflow_checked,
)

DATA = Path(__file__).parent / "data"


def _start(n, noise, seed):
    n = as_count(n, "n")
    noise = as_number(noise, "noise", at_least=0)
    return n, noise, as_rng(seed)


def _finish(x, y, rng):
    order = rng.permutation(len(y))  # mixed, so that any slice holds both labels
    return x[order], y[order].astype(float)


@overflow_checked
def blobs(n: int = 200, noise: float = 0.3, seed=0):
    """Two Gaussian clouds around (−0.7, −0.7) and (0.7, 0.7); `noise` is their spread."""
    n, noise, rng = _start(n, noise, seed)
    y = np.arange(n) % 2
    centres = np.where(y[:, None] == 1, 0.7, -0.7)
    return _finish(centres + rng.normal(0, max(noise, 1e-9), (n, 2)), y, rng)


@overflow_checked
def xor(n: int = 200, noise: float = 0.1, seed=0):
    """Points near the four corners (±0.8, ±0.8): label 1 where the signs differ."""
    n, noise, rng = _start(n, noise, seed)
    corners = rng.choice([-0.8, 0.8], size=(n, 2))
    y = (np.sign(corners[:, 0]) != np.sign(corners[:, 1])).astype(int)
    spread = rng.uniform(-0.5, 0.5, (n, 2)) * 0.8
    return _finish(corners + spread + rng.normal(0, noise, (n, 2)), y, rng)


@overflow_checked
def circles(n: int = 200, noise: float = 0.1, seed=0, factor: float = 0.45):
    """A disc of label 1 (radius `factor`) inside a ring of label 0 (radius 1)."""
    n, noise, rng = _start(n, noise, seed)
    factor = check_positive(factor, "factor")
    y = np.arange(n) % 2
    angle = rng.uniform(0, 2 * np.pi, n)
    radius = np.where(y == 1, factor * np.sqrt(rng.uniform(0, 1, n)), rng.uniform(0.85, 1.1, n))
    x = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return _finish(x + rng.normal(0, noise, (n, 2)), y, rng)


@overflow_checked
def moons(n: int = 200, noise: float = 0.1, seed=0):
    """Two interlocking half-moons, shifted and scaled to fit the frame."""
    n, noise, rng = _start(n, noise, seed)
    y = np.arange(n) % 2
    t = rng.uniform(0, np.pi, n)
    x = np.where(y[:, None] == 0,
                 np.column_stack([np.cos(t), np.sin(t)]),
                 np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)]))
    x = (x - [0.5, 0.25]) * 0.9
    return _finish(x + rng.normal(0, noise, (n, 2)), y, rng)


@overflow_checked
def spiral(n: int = 200, noise: float = 0.05, seed=0, turns: float = 1.5):
    """Two spiral arms, label 0 and 1, each `turns` turns long."""
    n, noise, rng = _start(n, noise, seed)
    turns = as_number(turns, "turns")
    y = np.arange(n) % 2
    r = rng.uniform(0.05, 1.0, n)
    angle = r * turns * 2 * np.pi + np.pi * y
    x = 1.3 * np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return _finish(x + rng.normal(0, noise, (n, 2)), y, rng)


DATASETS = {"blobs": blobs, "xor": xor, "circles": circles, "moons": moons, "spiral": spiral}
LIMITS = (-1.6, 1.6)


def make(name: str, n: int = 200, noise: float = 0.1, seed=0):
    """Any of the data sets by name: make("moons", 200, noise=0.1)."""
    return DATASETS[as_choice(name, "name", DATASETS)](n, noise, seed)


def train_test_split(x, y, test_fraction: float = 0.3, seed=0):
    """Hold some points back for testing: returns x_train, y_train, x_test, y_test.

    A model is judged on points it never trained on; doing well only on the training points
    can mean it memorised them (overfitting).
    """
    x = as_array(x, "x", ndim=2)
    y = as_array(y, "y", ndim=(1, 2))
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} points but y has {len(y)} labels.")
    fraction = as_number(test_fraction, "test_fraction", above=0, below=1)
    order = as_rng(seed).permutation(len(x))
    n_test = max(1, int(round(fraction * len(x))))
    test, train = order[:n_test], order[n_test:]
    return x[train], y[train], x[test], y[test]


# -- images shipped with ddn ---------------------------------------------------------------------
def digits():
    """Handwritten digits, 8×8 pixels: returns (x_train, y_train, x_test, y_test).

    The images are batches in the course's layout (n, channels, height, width): x_train is
    (1437, 1, 8, 8) and x_test (360, 1, 8, 8), one grey channel with 0 for blank paper and 1
    for full ink. y_train and y_test hold each image's digit, 0 to 9. The split is fixed (the
    same for everybody) and stratified: the test set has 36 images of every digit.

    Source: the UCI "Optical Recognition of Handwritten Digits" data set by E. Alpaydin and
    C. Kaynak (Bogazici University, 1998), UCI Machine Learning Repository,
    https://archive.ics.uci.edu/dataset/80, licensed CC BY 4.0: its 8×8 test set, 1,797
    digits written by 13 people (the copy scikit-learn ships). Each pixel counts the ink in a
    4×4 block of a 32×32 bitmap, 0..16; it is stored that way and divided by 16 here.
    """
    with np.load(DATA / "digits.npz") as data:
        return (data["x_train"][:, None] / 16.0, data["y_train"].astype(int),
                data["x_test"][:, None] / 16.0, data["y_test"].astype(int))


#: The photos that `photo` can load, with where each comes from (all CC0: public domain).
PHOTOS = {
    "chelsea": "Chelsea the cat, by Stefan van der Walt (CC0)",
    "coffee": "a cup of coffee, by Rachel Michetti (CC0)",
    "brick": "a brick wall, from CC0Textures (CC0)",
    "grass": "grass, from CC0Textures (CC0)",
}


def photo(name: str = "chelsea", grey: bool = False) -> np.ndarray:
    """A 128×128 photo as an array (channels, height, width) of values 0 (dark) to 1 (bright).

    In colour it has three channels, red, green and blue: shape (3, 128, 128). With
    `grey=True`, one channel of brightness, 0.299·red + 0.587·green + 0.114·blue (the weights
    of TV standard ITU-R BT.601, because our eyes see green brightest): shape (1, 128, 128).
    To show one with matplotlib, which wants (height, width, channels), use
    `plt.imshow(image.transpose(1, 2, 0))`.

    The photos come from scikit-image's sample images, cropped to a square and shrunk to
    128×128; all four are CC0 (public domain), see `PHOTOS`.
    """
    as_choice(name, "name", PHOTOS)
    if not isinstance(grey, (bool, np.bool_)):
        raise TypeError(f"grey should be True or False, but it is {grey!r}.")
    with np.load(DATA / "photos.npz") as data:
        image = data[name].transpose(2, 0, 1) / 255.0  # (height, width, rgb) -> (rgb, h, w)
    if grey:
        return np.tensordot([0.299, 0.587, 0.114], image, axes=1)[None]
    return image
