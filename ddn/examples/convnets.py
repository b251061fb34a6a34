"""A ConvNet for the handwritten digits (notebooks 10 and 11).

Reading an output: a digit network has ten outputs, one per digit 0-9, and its softmax turns
them into probabilities. Untrained, it might answer [0, 0.25, 0.05, 0, 0, 0, 0, 0.7, 0, 0] for
an 8: 25% "1", 5% "2", 70% "7". Its prediction is the most probable digit, 7, which is wrong.
"""

from __future__ import annotations

import numpy as np

from .._validate import as_array
from .hot_dog import UNTRAINED_EIGHT

UNTRAINED_OUTPUT = UNTRAINED_EIGHT   # the same untrained answer as in notebook 05


def _probabilities(probabilities) -> np.ndarray:
    p = as_array(probabilities, "probabilities", ndim=1)
    if np.any(p < 0) or np.any(p > 1) or abs(float(p.sum()) - 1) > 1e-6:
        raise ValueError("probabilities should be numbers from 0 to 1 that add up to 1 (a "
                         f"softmax output), but they add up to {float(p.sum()):.4g}"
                         f"{' and some are outside 0..1' if np.any((p < 0) | (p > 1)) else ''}.")
    return p


def reading(probabilities=UNTRAINED_OUTPUT) -> list[tuple[int, float]]:
    """The digits with a probability above 0, most likely first, as (digit, probability).

    >>> reading()
    [(7, 0.7), (1, 0.25), (2, 0.05)]
    """
    p = _probabilities(probabilities)
    order = sorted(range(len(p)), key=lambda d: (-p[d], d))
    return [(d, float(p[d])) for d in order if p[d] > 0]


def prediction(probabilities=UNTRAINED_OUTPUT) -> int:
    """The network's answer: the digit with the largest probability (7 for the untrained 8)."""
    return int(np.argmax(_probabilities(probabilities)))
