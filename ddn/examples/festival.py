"""The festival neuron: should I go to the festival this weekend?

Four factors, each scored out of 4 for this festival, and each given an importance (a weight)
out of 4. Go if the weighted sum beats the threshold 25:

    weather 3×4 + music 2×2 + company 4×2 + cost 2×1 = 26 > 25 → go

(The original list also had a thesis deadline and the food; the example keeps four factors.)
"""

from __future__ import annotations

import numpy as np

from .._validate import as_number
from ..neuron import Neuron

FACTORS = ("weather", "music", "company", "cost")
SCORES = (3, 2, 4, 2)       # how good each factor is this time (0 = awful, 4 = perfect)
WEIGHTS = (4, 2, 2, 1)      # how much each factor matters to me (0 = not at all, 4 = a lot)
THRESHOLD = 25              # go if the weighted sum is above this ...
BIAS = -THRESHOLD           # ... which is the same as: go if sum − 25 > 0
OUTCOMES = ("stay home", "go")


def festival_neuron(weights=WEIGHTS, threshold=THRESHOLD) -> Neuron:
    """A step neuron that decides "go" or "stay home" from the four scores."""
    return Neuron(weights, bias=-as_number(threshold, "threshold"), activation="step",
                  input_names=FACTORS, labels=OUTCOMES)


# A friend's past festivals: the scores (weather, music, company, cost) and whether they went.
# The friend ignores the weather and the cost; the exercise asks for weights that reproduce
# every decision.
FRIEND_FESTIVALS = np.array([
    [4, 4, 2, 1],
    [4, 1, 4, 3],
    [1, 4, 3, 2],
    [3, 1, 1, 4],
    [0, 3, 4, 1],
    [4, 2, 1, 4],
    [2, 4, 0, 0],
    [4, 0, 3, 0],
    [1, 3, 3, 3],
    [3, 2, 2, 1],
], dtype=float)
FRIEND_WENT = np.array([1, 0, 1, 0, 1, 0, 0, 0, 1, 0], dtype=float)
