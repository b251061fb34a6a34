"""Two-dimensional data sets made in code: points (x1, x2) with a label 0 or 1.

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
