"""Adversarial examples: a change too small to see that makes a network answer wrongly.

Training asks "how should each weight change to lower the loss?" and backpropagation answers
with dL/d weights. On its way it also computes dL/d input, how the loss changes with each
pixel, and every layer's `backward` returns it. Step the pixels *up* that gradient and the loss
rises: the image moves towards a wrong answer. The weights stay as they are; only the image
changes.

Szegedy et al. (2013, "Intriguing properties of neural networks") found such images for every
network they tried: a truck, a temple or a dog, changed invisibly, classified as "ostrich".
Goodfellow et al. (2014, "Explaining and harnessing adversarial examples") explained why and
gave the fast gradient sign method (FGSM): one step of size ε on every pixel, in the
direction that raises the loss,

    x_adv = x + ε · sign(dL/dx),         clipped to the pixel range 0..1.

Why so small a change works: the linearity argument. Near an image, a network's score moves
roughly like a weighted sum of the pixels, w · x. Moving every pixel by ε in the sign of its
weight moves the score by ε · Σ|w|, which grows with the number of pixels: thousands of tiny
changes, each invisible, add up. An ImageNet photo has 224 × 224 × 3 = 150,528 pixel values,
so ε = 1/255 (one grey level) is enough there. Our digits have 8 × 8 = 64 pixels, 2,352 times
fewer, so there is less room for many tiny changes to add up: ε must be far larger, about 0.1
(a tenth of full ink) to halve the course ConvNet's accuracy, a change you can see if you look.
The idea is the same; the small pictures make it less invisible.

- fgsm(network, x, labels, epsilon):            one step away from the right labels;
  with targeted=True, one step towards the labels given instead (make every digit a 3).
- iterative_fgsm(network, x, labels, epsilon):  many small steps, never more than ε from the
  image (Kurakin et al., 2016, "the basic iterative method"): stronger for the same ε.
- accuracy_under_attack(network, x, labels):    the test accuracy for each ε, as a table.

The gradient comes from the network's own backward pass: the same code that trains it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._format import Text, num
from ._validate import (
    as_array,
    as_batch,
    as_choice,
    as_classes,
    as_count,
    as_instance,
    as_number,
    as_pixels,
    in_words,
    inputs_text,
    overflow_checked,
)
from .losses import SoftmaxCrossEntropy
from .network import Network

#: The ε of the course's table, in pixel units (pixels run from 0 to 1).
EPSILONS = (0.0, 0.05, 0.1, 0.2, 0.3)


def input_gradient(network, x, labels) -> np.ndarray:
    """dL/dx: how the cross-entropy loss of each image changes with each of its pixels.

    Forward, the loss's gradient for the scores, backward: the training step without the
    weight update. (The loss averages over the batch; only the gradient's sign is used below,
    so that scale does not matter.)
    """
    network, x, labels, single = _checked(network, x, labels)
    grad = _input_gradient(network, x, labels)
    return grad[0] if single else grad


def _input_gradient(network, x, labels):
    scores = network.forward(x)                              # 1. forward
    grad = SoftmaxCrossEntropy().gradient(scores, labels)    # 2. dL/d scores
    return network.backward(grad)                            # 3. backward, down to the pixels


@overflow_checked
def fgsm(network, x, labels, epsilon: float = 0.1, *, targeted: bool = False) -> np.ndarray:
    """The fast gradient sign method (Goodfellow et al., 2014): x + ε · sign(dL/dx).

    `x`: one image or a batch, pixels 0..1, of the shape `network` takes; `labels`: for each
    image its right class (the step climbs that class's loss, away from it) or, with
    `targeted=True`, the class wanted (the step descends that class's loss, towards it); a
    single class number stands for every image. Returns the changed images, still 0..1.
    """
    network, x, labels, single = _checked(network, x, labels)
    epsilon = as_number(epsilon, "epsilon", at_least=0)
    targeted = _flag(targeted, "targeted")
    direction = -1.0 if targeted else 1.0          # towards a target: down its loss
    step = direction * epsilon * np.sign(_input_gradient(network, x, labels))
    adversarial = np.clip(x + step, 0.0, 1.0)
    return adversarial[0] if single else adversarial


@overflow_checked
def iterative_fgsm(network, x, labels, epsilon: float = 0.1, *, steps: int = 10,
                   step_size: float | None = None, targeted: bool = False) -> np.ndarray:
    """FGSM in `steps` small steps (Kurakin et al., 2016), each followed by a clip that keeps
    every pixel within ε of the original image and within 0..1.

    One big step trusts the network to be linear over the whole ε; small steps follow its
    curves, so the same ε fools it more often. `step_size` defaults to 2.5 · ε / steps (enough
    to reach the edge of the allowed box and move along it).
    """
    network, x, labels, single = _checked(network, x, labels)
    epsilon = as_number(epsilon, "epsilon", at_least=0)
    steps = as_count(steps, "steps")
    step_size = 2.5 * epsilon / steps if step_size is None else \
        as_number(step_size, "step_size", at_least=0)
    targeted = _flag(targeted, "targeted")
    direction = -1.0 if targeted else 1.0
    low, high = np.maximum(x - epsilon, 0.0), np.minimum(x + epsilon, 1.0)
    adversarial = x.copy()
    for _ in range(steps):
        grad = _input_gradient(network, adversarial, labels)
        adversarial = np.clip(adversarial + direction * step_size * np.sign(grad), low, high)
    return adversarial[0] if single else adversarial


class AttackTable(NamedTuple):
    """Accuracy on the attacked images for each ε (accuracies[i] belongs to epsilons[i])."""

    epsilons: tuple[float, ...]
    accuracies: tuple[float, ...]
    attack: str = "fgsm"

    def __repr__(self) -> str:
        lines = [f"{'ε':>6}  accuracy ({self.attack})"]
        lines += [f"{num(e):>6}  {100 * a:5.1f}%" for e, a in zip(self.epsilons, self.accuracies)]
        return Text("\n".join(lines))


ATTACKS = {"fgsm": fgsm, "iterative_fgsm": iterative_fgsm}


@overflow_checked
def accuracy_under_attack(network, x, labels, epsilons=EPSILONS,
                          attack: str = "fgsm") -> AttackTable:
    """The share of images still classified right after the attack, for each ε.

    ε = 0 is the plain test accuracy. The course's ConvNet on the 360 test digits, FGSM:
    about 98% → 85% → 50% → 8% → 2% for ε = 0, 0.05, 0.1, 0.2, 0.3 (the exact numbers depend
    on the seed; tests/test_adversarial.py holds the ranges every seed gives).
    """
    network, x, labels, _ = _checked(network, x, labels)
    eps = _epsilons(epsilons, "epsilons")
    function = ATTACKS[as_choice(attack, "attack", ATTACKS)]
    accuracies = []
    for epsilon in eps:
        attacked = function(network, x, labels, epsilon) if epsilon > 0 else x
        accuracies.append(float(np.mean(network.forward(attacked).argmax(axis=1) == labels)))
    return AttackTable(tuple(eps), tuple(accuracies), attack)


# -- checks shared by the attacks --------------------------------------------------------------
def _checked(network, x, labels):
    """The network, x as a batch of images 0..1, one class number per image, and whether x was
    one image."""
    as_instance(network, "network", Network, chain="Network")
    pixels = as_pixels(x, "x")
    batch, single = as_batch(pixels, "x", network.input_shape,
                             f"the network takes {inputs_text(network.input_shape)}")
    scores = network.forward(batch[:1])
    if scores.ndim != 2 or scores.shape[1] < 2:
        raise ValueError(f"network should give one score per class (at least 2), but it gives "
                         f"{in_words(scores[0])} per example.")
    classes = as_classes(labels, "labels", scores.shape[1], len(batch))
    return network, batch, classes, single


def _epsilons(values, name: str) -> list[float]:
    """A list of ε values, each 0 or more, or an error naming the argument."""
    array = np.atleast_1d(as_array(values, name, ndim=(0, 1)))
    return [as_number(v, f"{name}[{i}]", at_least=0) for i, v in enumerate(array)]


def _flag(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} should be True or False, but it is {in_words(value)}.")
    return bool(value)
