"""Exercise 02: the festival neuron and the admissions line."""

from __future__ import annotations

import numpy as np

from ...examples.festival import FRIEND_FESTIVALS, FRIEND_WENT
from ..task import FunctionTask, Mistake, ValuesTask, weights_and_bias


def _weighted_sum(inputs, weights):
    return float(np.dot(inputs, weights))


def _decide(inputs, weights, bias):
    return float(np.dot(inputs, weights) + bias > 0)


weighted_sum = FunctionTask(
    id="weighted_sum",
    title="The weighted sum",
    cases=[([3, 2, 4, 2], [4, 2, 2, 1]), ([1, 0, 2], [0.5, 3, -1]), ([7], [3]),
           ([0, 0, 0, 0], [4, 2, 2, 1])],
    reference=_weighted_sum,
    mistakes=(
        Mistake("you returned the products one by one; add them up into a single number "
                "(sum, or np.dot).", lambda x, w: np.multiply(x, w)),
        Mistake("multiply each input by its own weight, then add: 3×4 + 2×2 + ..., not "
                "(3 + 2 + ...) × (4 + 2 + ...).", lambda x, w: float(np.sum(x) * np.sum(w))),
        Mistake("that is the sum of the inputs plus the sum of the weights: multiply each input "
                "by its weight instead.", lambda x, w: float(np.sum(x) + np.sum(w))),
    ),
    praise="correct: the festival scores 3×4 + 2×2 + 4×2 + 2×1 = 26.",
)

decide = FunctionTask(
    id="decide",
    title="Deciding with a bias",
    cases=[([3, 2, 4, 2], [4, 2, 2, 1], -25), ([3, 2, 4, 2], [4, 2, 2, 1], -30),
           ([3, 2, 4, 2], [4, 2, 2, 1], -26), ([8, 3], [2, 1], -18), ([5, 8], [2, 1], -18),
           ([3, 2], [2, 1], -18), ([1], [1], 2)],
    reference=_decide,
    mistakes=(
        Mistake("at exactly 0 the step gives 0: use `> 0`, not `>= 0` (with a bias of −26 the "
                "festival sums to exactly 0, and that is still 'stay home').",
                lambda x, w, b: float(np.dot(x, w) + b >= 0)),
        Mistake("the bias is already negative (−25 for the festival): add it to the sum, don't "
                "subtract it.", lambda x, w, b: float(np.dot(x, w) - b > 0)),
        Mistake("return the decision (1 for go, 0 for stay home), not the sum itself.",
                lambda x, w, b: float(np.dot(x, w) + b)),
        Mistake("remember the bias: the decision is sum + bias > 0, not sum > 0.",
                lambda x, w, b: float(np.dot(x, w) > 0)),
    ),
    praise="correct: 26 − 25 = 1 > 0, so the festival neuron says go.",
)

grades_needed = FunctionTask(
    id="grades_needed",
    title="The admissions boundary",
    cases=[(0,), (4,), (9,), (6.5,), (10,)],
    reference=lambda x1: 18 - 2 * x1,
    mistakes=(
        Mistake("that solves for the test score. On the boundary 2·x1 + x2 − 18 = 0; move "
                "everything except x2 to the other side.", lambda x1: (18 - x1) / 2),
        Mistake("check the signs: from 2·x1 + x2 − 18 = 0 you get x2 = 18 − 2·x1.",
                lambda x1: 2 * x1 - 18),
        Mistake("check the signs: from 2·x1 + x2 − 18 = 0 you get x2 = 18 − 2·x1.",
                lambda x1: 18 + 2 * x1),
        Mistake("the test score has weight 2: x2 = 18 − 2·x1, not 18 − x1.", lambda x1: 18 - x1),
    ),
    praise="correct: a test score of 4 needs grades of 10, a score of 9 needs none.",
)


def _friend_verdict(values):
    w, bias, problem = weights_and_bias(values, "friend_weights", "friend_bias", 4,
                                        "weather, music, company, cost")
    if problem:
        return False, problem
    said = (FRIEND_FESTIVALS @ w + bias > 0).astype(float)
    right = int(np.sum(said == FRIEND_WENT))
    total = len(FRIEND_WENT)
    if right == total:
        return True, f"your neuron agrees with all {total} of your friend's decisions."
    if said.all():
        if bias >= 0:
            return False, ("your neuron says 'go' to every festival. Is the bias negative? A "
                           "threshold of 14 is a bias of −14.")
        return False, ("your neuron says 'go' to every festival: with these weights the bias "
                       "is not negative enough (the threshold is too low).")
    if not said.any():
        return False, ("your neuron says 'stay home' to every festival: with these weights the "
                       "bias is too negative (the threshold is too high).")
    first = int(np.flatnonzero(said != FRIEND_WENT)[0])
    scores = ", ".join(f"{int(s)}" for s in FRIEND_FESTIVALS[first])
    verb = "go" if said[first] else "stay home"
    truth = "went" if FRIEND_WENT[first] else "stayed home"
    return False, (f"your neuron agrees with {right} of {total} decisions. Festival "
                   f"{first + 1} (scores {scores}): it says {verb}, but your friend {truth}. "
                   "Which factors does your friend seem to ignore?")


friend = ValuesTask(
    id="friend_neuron",
    title="Weights that agree with a friend",
    names=("friend_weights", "friend_bias"),
    verdict=_friend_verdict,
)

TASKS = (weighted_sum, decide, grades_needed, friend)
