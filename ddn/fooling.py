"""Fooling images: noise that a network calls a digit with near certainty.

Nguyen, Yosinski and Clune (2015, "Deep neural networks are easily fooled") made images that
no person would call anything, static or stripes, which ImageNet networks labelled "goldfish"
or "robin" with 99.99% confidence. One of their recipes is the adversarial step of
ddn/adversarial.py without the "small" part: start from random noise and climb one class's
probability, step after step, with the gradient for the input that backpropagation gives.

Two lessons come out of it:

- A network has no "none of these" answer. Its softmax shares 100% among the classes it knows,
  so even raw noise gets a confident label: `noise_confidence` measures how confident.
- What makes the network sure is not what makes us sure. A few steps up the gradient make any
  class's probability 99.9% while the picture still looks like noise to us
  (`fooling_images`): the network never saw noise in training, and nothing taught it that
  noise is not a digit.

The climbing is a targeted attack (`ddn.adversarial`): each step moves every pixel by
step_size against the sign of dL/dx, where L is the cross-entropy for the wanted class, and
clips to 0..1; an image stops climbing once it is as confident as asked.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._format import Text, percent
from ._validate import (
    as_classes,
    as_count,
    as_instance,
    as_number,
    as_rng,
    as_shape,
    overflow_checked,
)
from .adversarial import input_gradient
from .losses import softmax
from .network import Network

DIGIT_IMAGE = (1, 8, 8)


def noise(n: int = 10, seed=0, shape=DIGIT_IMAGE) -> np.ndarray:
    """`n` images of uniform random noise, every pixel anywhere from 0 to 1: (n, *shape)."""
    n = as_count(n, "n")
    shape = _image_shape(shape)
    return as_rng(seed).uniform(0.0, 1.0, size=(n, *shape))


class NoiseReport(NamedTuple):
    """What the network says about noise: each image's class and its confidence (the largest
    softmax probability)."""

    classes: np.ndarray
    confidences: np.ndarray

    def __repr__(self) -> str:
        c = self.confidences
        best = int(np.argmax(c))
        return Text(f"{len(c)} noise images: mean confidence {percent(c.mean(), 1)}; "
                    f"{percent(np.mean(c > 0.9), 1)} of them above 90%, "
                    f"{percent(np.mean(c > 0.99), 1)} above 99%; the most confident: "
                    f"{percent(c[best])} for a {int(self.classes[best])}.")


@overflow_checked
def noise_confidence(network, n: int = 1000, seed=0, shape=DIGIT_IMAGE) -> NoiseReport:
    """Show `network` n noise images: which class each gets, and with what confidence.

    The course's ConvNet (seed 0) calls 1,000 noise images digits with 77% confidence on
    average, a third of them above 90%: its softmax must share 100% among ten digits,
    whatever it is shown.
    """
    p = _probabilities(network, noise(n, seed, shape))
    return NoiseReport(p.argmax(axis=1), p.max(axis=1))


class Fooled(NamedTuple):
    """Fooling images, one per class asked for, with the noise each started from, the
    probability the network gives each its class, and how many steps each took."""

    images: np.ndarray
    start: np.ndarray
    classes: np.ndarray
    confidences: np.ndarray
    steps: np.ndarray

    def __repr__(self) -> str:
        rows = [f"{int(c)}: {percent(p)} after {int(s)} steps"
                for c, p, s in zip(self.classes, self.confidences, self.steps)]
        return Text("fooling images, confidence for their class:\n" + "\n".join(rows))


@overflow_checked
def fooling_images(network, classes=None, *, confidence: float = 0.9999,
                   max_steps: int = 200, step_size: float = 0.01, seed=0,
                   shape=DIGIT_IMAGE) -> Fooled:
    """For each class (every class of the network, unless `classes` lists some), noise nudged
    until the network gives that class `confidence` or more.

    Starts from `noise(len(classes), seed, shape)`; each step moves every pixel of the images
    still below `confidence` by `step_size` (0..1) towards their class, and stops after
    `max_steps`. The course's ConvNet needs at most about 40 steps per digit for 99.99% (a noise
    image it already calls that digit needs none), the pixels moving by 0.1 on average: the
    images still look like noise.
    """
    n_classes = _probabilities(network, noise(1, seed, shape)).shape[1]
    wanted = np.arange(n_classes) if classes is None else \
        np.atleast_1d(as_classes(classes, "classes", n_classes))
    confidence = as_number(confidence, "confidence", above=0, below=1)
    max_steps = as_count(max_steps, "max_steps", minimum=0)
    step_size = as_number(step_size, "step_size", above=0, below=1)
    start = noise(len(wanted), seed, shape)
    images, steps = start.copy(), np.zeros(len(wanted), dtype=int)
    rows = np.arange(len(wanted))
    for _ in range(max_steps):
        climbing = softmax(network.forward(images))[rows, wanted] < confidence
        if not climbing.any():
            break
        grad = input_gradient(network, images[climbing], wanted[climbing])
        images[climbing] = np.clip(images[climbing] - step_size * np.sign(grad), 0.0, 1.0)
        steps += climbing
    reached = softmax(network.forward(images))[rows, wanted]
    return Fooled(images, start, wanted, reached, steps)


def _probabilities(network, images) -> np.ndarray:
    """softmax(network(images)), or an error if the network does not take such images or is
    not a classifier."""
    as_instance(network, "network", Network, chain="Network")
    try:
        scores = network.forward(images)
    except ValueError as error:
        raise ValueError(f"network does not take images of shape {images.shape[1:]} (the "
                         f"argument shape): {error}") from None
    if scores.ndim != 2 or scores.shape[1] < 2:
        raise ValueError(f"network should give one score per class (at least 2), but it gives "
                         f"outputs of shape {scores.shape[1:]} per example.")
    return softmax(scores)


def _image_shape(shape) -> tuple:
    shape = as_shape(shape, "shape")
    if shape is None or None in shape:
        raise ValueError(f"shape should give every size of one image, such as (1, 8, 8), but "
                         f"it is {shape}.")
    return shape
