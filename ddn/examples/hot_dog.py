"""Classification losses on the course's examples.

Untrained, a digit network's answer for a handwritten 8 looks random:
[0, 0.25, 0.05, 0, 0, 0, 0, 0.7, 0, 0], mostly "7".

A cat photo goes into a cat-or-dog network with two output neurons, which says 62% dog and 38%
cat; we wanted 100% cat. And a hot-dog detector, where two models are scored with the
cross-entropy: −log(the probability a model gave to the right answer), averaged over photos.
"""

from __future__ import annotations

import numpy as np

from .._validate import as_choice
from ..losses import cross_entropy, squared_error

# -- an untrained digit network --------------------------------------------------------------
# Before training, a digit recogniser (ten outputs, one per digit 0-9) answers at random. Shown
# a handwritten 8 it might say 25% "1", 5% "2" and 70% "7": mostly "7", and nothing for "8".
UNTRAINED_EIGHT = (0, 0.25, 0.05, 0, 0, 0, 0, 0.7, 0, 0)

# -- the cat photo -------------------------------------------------------------------------
PET_CLASSES = ("cat", "dog")
CAT_PHOTO_OUTPUT = (0.38, 0.62)   # what the network says for a photo of a cat
CAT_PHOTO_TARGET = (1.0, 0.0)     # what we want: 100% cat


def cat_photo_losses() -> dict[str, float]:
    """Squared error Σ½(target − output)² and cross-entropy −log(0.38) for the cat photo."""
    return {"squared error": squared_error(CAT_PHOTO_OUTPUT, CAT_PHOTO_TARGET),
            "cross-entropy": cross_entropy([CAT_PHOTO_OUTPUT], [0])}


# -- the hot-dog detector -----------------------------------------------------------------
CLASSES = ("hot dog", "not hot dog")
PHOTOS = ("hot dog in a bun", "hot dog with mustard", "a dachshund", "a sausage roll")
TRUTH = (0, 0, 1, 1)              # the right class of each photo (0 = hot dog)
# Each model gives every photo a probability for (hot dog, not hot dog).
MODELS = {
    "model A": ((0.90, 0.10), (0.80, 0.20), (0.15, 0.85), (0.30, 0.70)),
    "model B": ((0.60, 0.40), (0.35, 0.65), (0.45, 0.55), (0.70, 0.30)),
}


def photo_losses(model: str) -> np.ndarray:
    """−log(probability given to the right class), one per photo."""
    p = np.array(MODELS[as_choice(model, "model", MODELS)])
    return -np.log(p[np.arange(len(TRUTH)), TRUTH])


def total_loss(model: str) -> float:
    """The model's cross-entropy: the average over the photos."""
    return cross_entropy(MODELS[as_choice(model, "model", MODELS)], list(TRUTH))
