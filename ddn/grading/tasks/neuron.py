"""Exercise 02: the festival neuron and the admissions line."""

from __future__ import annotations

import numpy as np

from ...examples.festival import FRIEND_FESTIVALS, FRIEND_WENT
from ..task import FunctionTask, Mistake, ValuesTask, weights_and_bias


def _weighted_sum(inputs, weights):
    return float(np.dot(inputs, weights))


def _decide(inputs, weights, bias):
    return float(np.dot(inputs, weights) + bias > 0)


def _dot(x, w):
    return float(np.dot(x, w))


def _fresh_sum(rng, i):
    n = int(rng.integers(2, 7))
    return ([int(v) for v in rng.integers(-9, 10, n)],
            [float(v) / 2 for v in rng.integers(-8, 9, n)])


def _fresh_decide(rng, i):
    """Whole inputs, weights in halves and a bias ending in .25, so the total is never exactly
    0; the even cases go (total above 0), the odd ones stay home."""
    n = int(rng.integers(2, 6))
    inputs = [int(v) for v in rng.integers(0, 10, n)]
    weights = [float(v) / 2 for v in rng.integers(-4, 9, n)]
    margin = float(rng.integers(0, 10)) + 0.25
    bias = -float(np.dot(inputs, weights)) + (margin if i % 2 == 0 else -margin)
    return inputs, weights, bias


SKIPS_LAST = ("your loop stops one {item} short: the last {item} is left out. "
              "`range(len({list}))` (or `zip(...)`) visits every one.")
SKIPS_FIRST = ("your loop skips the first {item}: indices start at 0, so `range(len({list}))` "
               "(or `zip(...)`) visits every one, from the first.")

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
        Mistake(SKIPS_LAST.format(item="input", list="inputs"),
                lambda x, w: _dot(x[:-1], w[:-1])),
        Mistake(SKIPS_FIRST.format(item="input", list="inputs"),
                lambda x, w: _dot(x[1:], w[1:])),
        Mistake("only the last product is left: add each product to the total (`total += ...`) "
                "instead of replacing it (`total = ...`).", lambda x, w: float(x[-1] * w[-1])),
        Mistake("only the first product counts: the `return` is inside the loop, so the function "
                "stops after the first input. Move `return` out of the loop (less indented).",
                lambda x, w: float(x[0] * w[0])),
        Mistake("that is the average of the products (np.mean); the weighted sum adds them up: "
                "np.sum or np.dot.", lambda x, w: float(np.mean(np.multiply(x, w)))),
        Mistake("keep the fractional part: a weighted sum of −1.5 is fine, so don't use int() "
                "or round().", lambda x, w: float(int(np.dot(x, w)))),
        Mistake("keep the fractional part: a weighted sum of −1.5 is fine, so don't use int() "
                "or round().", lambda x, w: float(round(np.dot(x, w)))),
    ),
    praise="correct: the festival scores 3×4 + 2×2 + 4×2 + 2×1 = 26.",
    fresh=_fresh_sum,
)

THRESHOLD = ("compare the total with 0: any total above 0 fires, even 0.25 or 0.5, so the answer "
             "is 1 there; `> 0`, not a larger threshold.")

decide = FunctionTask(
    id="decide",
    title="Deciding with a bias",
    cases=[([3, 2, 4, 2], [4, 2, 2, 1], -25), ([3, 2, 4, 2], [4, 2, 2, 1], -30),
           ([3, 2, 4, 2], [4, 2, 2, 1], -26), ([8, 3], [2, 1], -18), ([5, 8], [2, 1], -18),
           ([3, 2], [2, 1], -18), ([1], [1], 2),
           # fractional totals just above and below 0: 0.25, 0.5 and −0.25
           ([0.5, 0.25], [1, 1], -0.5), ([1.5], [1], -1), ([0.5], [1], -0.75),
           ([1, 2], [1, 1], -1)],  # 2 in all, but 0 without the last input
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
        *(Mistake(THRESHOLD, lambda x, w, b, c=c: float(np.dot(x, w) + b >= c))
          for c in (0.5, 1)),
        *(Mistake(THRESHOLD, lambda x, w, b, c=c: float(np.dot(x, w) + b > c))
          for c in (0.5, 1)),
        Mistake("'stay home' is 0, not −1: return 1 when the total is above 0, and 0 otherwise.",
                lambda x, w, b: float(np.sign(np.dot(x, w) + b))),
        Mistake("'stay home' is 0, not −1: return 1 when the total is above 0, and 0 otherwise.",
                lambda x, w, b: 1.0 if np.dot(x, w) + b > 0 else -1.0),
        Mistake("that is the other way round: 1 (go) when the total is *above* 0.",
                lambda x, w, b: float(np.dot(x, w) + b < 0)),
        Mistake("your sum leaves out the last input: `range(len(inputs))` (or `zip(...)`) "
                "visits every one.", lambda x, w, b: float(_dot(x[:-1], w[:-1]) + b > 0)),
    ),
    praise="correct: 26 − 25 = 1 > 0, so the festival neuron says go.",
    fresh=_fresh_decide,
    n_fresh=4,
)

ROUNDED = "keep the fractional part: a test score of 7.25 needs grades of 3.5, not a whole number."
NO_CLIP = ("the boundary goes on outside the 0..10 square: don't clip the answer (a test score "
           "of 10 gives −2, and 0 gives 18).")

grades_needed = FunctionTask(
    id="grades_needed",
    title="The admissions boundary",
    cases=[(0,), (4,), (9,), (6.5,), (10,), (7.25,)],
    reference=lambda x1: 18 - 2 * x1,
    mistakes=(
        Mistake("that solves for the test score. On the boundary 2·x1 + x2 − 18 = 0; move "
                "everything except x2 to the other side.", lambda x1: (18 - x1) / 2),
        Mistake("check the signs: from 2·x1 + x2 − 18 = 0 you get x2 = 18 − 2·x1.",
                lambda x1: 2 * x1 - 18),
        Mistake("check the signs: from 2·x1 + x2 − 18 = 0 you get x2 = 18 − 2·x1.",
                lambda x1: 18 + 2 * x1),
        Mistake("the test score has weight 2: x2 = 18 − 2·x1, not 18 − x1.", lambda x1: 18 - x1),
        Mistake("that is half of it: x2 = 18 − 2·x1 (dividing 2·x1 + x2 = 18 by 2 halves x2 "
                "too).", lambda x1: 9 - x1),
        Mistake(NO_CLIP, lambda x1: max(0, 18 - 2 * x1)),
        Mistake(NO_CLIP, lambda x1: min(10, max(0, 18 - 2 * x1))),
        Mistake(NO_CLIP, lambda x1: min(10, 18 - 2 * x1)),
        Mistake(ROUNDED, lambda x1: float(int(18 - 2 * x1))),
        Mistake(ROUNDED, lambda x1: float(round(18 - 2 * x1))),
    ),
    praise="correct: a test score of 4 needs grades of 10, a score of 9 needs none.",
    fresh=lambda rng, i: (round(float(rng.uniform(0, 10)), 2),),
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
