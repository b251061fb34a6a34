"""Cats versus dogs from two features: height at the shoulder (cm) and weight (kg).

Most cats are small and light and most dogs tall and heavy, so a straight line
weight = m·height + c separates most of them. A few animals break the pattern (a chihuahua, a
dachshund, a big Maine Coon): no straight line gets them all, but a flexible curve can, and that
curve is what a small neural network learns.
"""

from __future__ import annotations

import numpy as np

from .._validate import as_batch, as_count, as_number, as_rng, overflow_checked
from ..layers import Dense, Standardize, Tanh
from ..losses import SigmoidCrossEntropy
from ..network import Network
from ..training import train

CLASSES = ("cat", "dog")
FEATURES = ("height (cm)", "weight (kg)")

# Animals that do not fit the usual pattern: (height, weight, class, name).
OUTLIERS = (
    (19.0, 2.6, 1, "chihuahua"),
    (24.0, 9.0, 1, "dachshund"),
    (38.0, 10.5, 0, "Maine Coon"),
)


def cats_and_dogs(n_each: int = 30, seed=3):
    """`n_each` typical cats and dogs plus the outliers. Returns (x, y, names).

    x: (n, 2) heights and weights; y: 0 for a cat, 1 for a dog; names: "" for typical animals.
    """
    n_each = as_count(n_each, "n_each")
    rng = as_rng(seed)
    cats = np.column_stack([rng.normal(25, 2, n_each), rng.normal(4.5, 0.9, n_each)])
    dog_height = rng.uniform(34, 70, n_each)  # the typical dogs are medium to large,
    dog_weight = 0.55 * dog_height - 6 + rng.normal(0, 3, n_each)  # taller means heavier
    dogs = np.column_stack([dog_height, np.maximum(dog_weight, 9)])
    odd = np.array([[h, w] for h, w, _, _ in OUTLIERS])
    x = np.round(np.vstack([cats, dogs, odd]), 1)
    y = np.concatenate([np.zeros(n_each), np.ones(n_each), [c for _, _, c, _ in OUTLIERS]])
    names = [""] * (2 * n_each) + [name for *_, name in OUTLIERS]
    return x, y, names


# A good straight line, weight = −0.5·height + 22: above it "dog", below it "cat". It gets
# every typical animal right and only the three outliers wrong.
LINE = (-0.5, 22.0)


@overflow_checked
def line_predictions(x, slope, intercept) -> np.ndarray:
    """1 (dog) for animals above the line weight = slope·height + intercept, else 0 (cat)."""
    x, _ = as_batch(x, "x", 2, "each animal has 2 features (height, weight)")
    slope, intercept = as_number(slope, "slope"), as_number(intercept, "intercept")
    return (x[:, 1] > slope * x[:, 0] + intercept).astype(float)


def curve_network(x, y, seed=0, epochs: int = 3000) -> Network:
    """A 2-12-12-1 tanh network trained until its curve separates the animals.

    The inputs are standardised while training, then the scaling is folded into the first
    layer, so the returned network reads raw heights and weights. Its output is a raw score:
    positive means dog.
    """
    x, _ = as_batch(x, "x", 2, "each animal has 2 features (height, weight)")
    scaling = Standardize.fit(x)
    mean, std = scaling.mean, scaling.std
    rng = as_rng(seed)
    net = Network([Dense.random(2, 12, rng), Tanh(), Dense.random(12, 12, rng), Tanh(),
                   Dense.random(12, 1, rng)])
    train(net, SigmoidCrossEntropy(), (x - mean) / std, y, epochs=epochs, learning_rate=0.5)
    first = net.layers[0]
    # w·((x − mean)/std) + b  ==  (w/std)·x + (b − w·(mean/std))
    first.bias = first.bias - first.weights @ (mean / std)
    first.weights = first.weights / std
    return net
