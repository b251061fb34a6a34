"""Exercise 11: what excites a filter, and which filters never fire."""

from __future__ import annotations

import numpy as np

from ..task import FunctionTask, Mistake
from ..values import close


# -- the digits that excite a filter most ----------------------------------------------------
def _strengths(maps, reduce=np.max):
    """Each digit's response: the brightest spot of its map (or another summary of it)."""
    maps = np.asarray(maps, dtype=float)
    return reduce(maps.reshape(len(maps), -1), axis=1)


def strongest(maps, k):
    """The reference: the k digits whose map reaches the highest value, strongest first."""
    return np.argsort(-_strengths(maps), kind="stable")[:k]


def _relu_maps(rng, n, h, w):
    """n feature maps after ReLU: mostly 0, with distinct positive values here and there, and
    every digit's brightest spot different from the others'."""
    maps = np.maximum(rng.normal(0, 1, (n, h, w)), 0)
    peaks = rng.permutation(n) + rng.random(n) * 0.5 + 0.25  # all different, all above 0
    for i in range(n):
        maps[i].flat[int(rng.integers(h * w))] = peaks[i]
        maps[i] = np.minimum(maps[i], peaks[i])
    return maps


def _fresh_strongest(rng, i):
    n = int(rng.integers(6, 15))
    return (_relu_maps(rng, n, int(rng.integers(2, 5)), int(rng.integers(2, 5))),
            int(rng.integers(2, n - 1)))


# Six digits' maps for one filter (2×2 each): digit 1 has the brightest spot, digit 4 the
# largest mean (bright everywhere, never very bright), digit 3 the second brightest spot.
SIX = np.array([[[0.0, 1.0], [0.5, 0.0]],
                [[0.0, 0.0], [4.0, 0.0]],
                [[0.2, 0.0], [0.0, 0.1]],
                [[3.0, 0.0], [0.0, 0.5]],
                [[2.0, 2.5], [2.2, 2.4]],
                [[0.0, 0.0], [0.0, 0.0]]])
TEN = _relu_maps(np.random.default_rng(11), 10, 3, 3)

strongest_digits = FunctionTask(
    id="strongest_digits",
    title="The digits that excite a filter most",
    cases=[(SIX, 3), (TEN, 4), (SIX, 1), (TEN, 7)],
    reference=strongest,
    mistakes=(
        Mistake("a filter answers a digit with its map's brightest spot: rank the digits by "
                "the largest value of each map (np.max over the positions), not by the mean or "
                "the sum, which a map with a faint glow everywhere wins.",
                lambda maps, k: np.argsort(-_strengths(maps, np.mean), kind="stable")[:k]),
        Mistake("those are the weakest digits: sort from the strongest down, "
                "np.argsort(-strength), or reverse the ascending order.",
                lambda maps, k: np.argsort(_strengths(maps), kind="stable")[:k]),
        Mistake("the right digits, but the strongest comes last: return them strongest first "
                "(reverse the ascending order, or sort -strength).",
                lambda maps, k: np.argsort(_strengths(maps), kind="stable")[-k:]
                if k > 1 else None),
        Mistake("one digit too many: [:k] takes the first k.",
                lambda maps, k: strongest(maps, k + 1)),
        Mistake("one digit too few: [:k] takes the first k.",
                lambda maps, k: strongest(maps, k - 1) if k > 1 else None),
        Mistake("the strongest digit is missing: positions start at 0, so the strongest is "
                "at [0] and [:k] takes it with the next k − 1.",
                lambda maps, k: strongest(maps, k + 1)[1:],
                fits=lambda got, maps, k: any(close(got, strongest(maps, n)[1:])
                                              for n in (k, k + 1))),
        Mistake("return the digits' numbers (their positions in maps, from np.argsort), not "
                "their strengths.", lambda maps, k: -np.sort(-_strengths(maps))[:k]),
        Mistake("rank the digits, not single positions: first take each digit's largest "
                "value (max over its map's rows and columns), then sort the digits.",
                lambda maps, k: np.argsort(-np.asarray(maps, dtype=float).ravel(),
                                           kind="stable")[:k]),
        Mistake("return k digits, strongest first, not only the single strongest one.",
                lambda maps, k: int(np.argmax(_strengths(maps))) if k > 1 else None),
    ),
    praise="correct: in notebook 11, the twelve test digits that excite the second "
           "convolution's filter 2 most are all 1s.",
    fresh=_fresh_strongest,
)


# -- dead filters -----------------------------------------------------------------------------
def dead(maps):
    """The reference: the filters whose map is 0 for every digit, at every position."""
    return np.flatnonzero(np.all(np.asarray(maps) == 0, axis=(0, 2, 3)))


def _fresh_dead(rng, i):
    n, f = int(rng.integers(2, 6)), int(rng.integers(3, 8))
    maps = np.maximum(rng.normal(0, 1, (n, f, 3, 3)), 0)
    maps[:, rng.random(f) < 0.4] = 0                           # dead filters
    quiet = rng.random(f) < 0.4                                # silent for the first digit only
    maps[0, quiet] = 0
    maps[1:, quiet, 0, 0] = rng.random((n - 1, int(quiet.sum()))) + 0.1
    return (maps,)


def _layers(*filters):
    """Maps of 3 digits for a list of filters, each given as 3 digits' 2×2 maps."""
    return np.array(filters).transpose(1, 0, 2, 3).astype(float)


ON = [[1.0, 0.0], [0.0, 2.0]]
OFF = [[0.0, 0.0], [0.0, 0.0]]
FULL = [[1.0, 0.5], [2.0, 1.5]]
# filter 0: fires for every digit, with zeros in places; 1: dead; 2: silent for digits 0 and 1
# only; 3: never 0 anywhere; 4: dead.
FIVE = _layers([ON, ON, ON], [OFF, OFF, OFF], [OFF, OFF, ON], [FULL, FULL, FULL],
               [OFF, OFF, OFF])
NONE_DEAD = _layers([ON, OFF, OFF], [OFF, ON, OFF], [FULL, OFF, OFF])  # digit 2: silent
ALL_DEAD = np.zeros((2, 3, 2, 2))

dead_filters = FunctionTask(
    id="dead_filters",
    title="Filters that never fire",
    cases=[(FIVE,), (NONE_DEAD,), (ALL_DEAD,)],
    reference=dead,
    mistakes=(
        Mistake("a dead filter is silent for *every* digit: a filter that stays at 0 for some "
                "digits and lights up for others is only choosy. Look over all the digits "
                "(axis 0) as well as the positions.",
                lambda maps: np.flatnonzero(np.any(np.all(maps == 0, axis=(2, 3)), axis=0))),
        Mistake("a 0 here and there is normal after ReLU: a filter is dead when its maps are 0 "
                "everywhere, for every digit (np.all, not np.any).",
                lambda maps: np.flatnonzero(np.any(maps == 0, axis=(0, 2, 3)))),
        Mistake("return the dead filters' numbers, np.flatnonzero(dead), not a True or False "
                "for every filter.", lambda maps: np.all(maps == 0, axis=(0, 2, 3))),
        Mistake("that is the other way round: those are the filters that fire at least once.",
                lambda maps: np.flatnonzero(np.any(maps != 0, axis=(0, 2, 3)))),
        Mistake("look at every digit, not only the first: a filter that is silent for one "
                "digit may fire for the next.",
                lambda maps: np.flatnonzero(np.all(maps[0] == 0, axis=(1, 2)))),
        Mistake("axis 1 holds the filters and axis 0 the digits: a filter is dead when its maps "
                "are 0 over axes 0, 2 and 3. You found the digits that no filter answers.",
                lambda maps: np.flatnonzero(np.all(maps == 0, axis=(1, 2, 3)))),
        Mistake("only the first dead filter came back: is the `return` inside the loop? "
                "Collect every dead filter first, then return the list after the loop.",
                lambda maps: dead(maps)[:1] if len(dead(maps)) > 1 else None),
        Mistake("return which filters are dead (their numbers), not how many.",
                lambda maps: len(dead(maps))),
    ),
    praise="correct: in notebook 11, filters 8, 9 and 14 of the second convolution stay at 0 "
           "for all 360 test digits.",
    fresh=_fresh_dead,
)

TASKS = (strongest_digits, dead_filters)
