"""Exercise 12: nudging the pixels instead of the weights (an FGSM step, a dream step), and the
Gram matrix that style transfer matches."""

from __future__ import annotations

import numpy as np

from ..task import FunctionTask, Mistake
from ..values import close


# -- one FGSM step ----------------------------------------------------------------------------
def fgsm(image, gradient, epsilon):
    """The reference: x + ε · sign(dL/dx), clipped to the pixel range 0..1."""
    return np.clip(image + epsilon * np.sign(gradient), 0.0, 1.0)


def _fresh_fgsm(rng, i):
    shape = (1, int(rng.integers(2, 5)), int(rng.integers(2, 5)))
    image = np.clip(rng.normal(0.5, 0.4, shape), 0, 1)      # some pixels exactly 0 or 1
    gradient = rng.normal(0, 1, shape) * (rng.random(shape) < 0.8)   # some exactly 0
    return (image, gradient, float(rng.choice([0.05, 0.1, 0.2, 0.3])))


# A 2×2 picture near the ends of the pixel range, and a (1, 3, 3) digit-like one whose
# gradient is 0 at two pixels (one on blank paper, one on a stroke).
CORNERS = np.array([[0.0, 0.5], [0.95, 1.0]])
CORNERS_GRADIENT = np.array([[1.5, -0.2], [0.3, -2.0]])
DIGIT = np.array([[[0.0, 0.6, 0.0], [0.0, 1.0, 0.05], [0.0, 0.8, 0.0]]])
DIGIT_GRADIENT = np.array([[[0.0, 0.0, 0.02], [-3.0, 0.5, -0.01], [-0.4, 0.7, 2.5]]])

fgsm_step = FunctionTask(
    id="fgsm_step",
    title="One FGSM step",
    cases=[(CORNERS, CORNERS_GRADIENT, 0.1), (DIGIT, DIGIT_GRADIENT, 0.2),
           (DIGIT, -DIGIT_GRADIENT, 0.3)],
    reference=fgsm,
    mistakes=(
        Mistake("step by ε times the *sign* of the gradient (np.sign: +1, −1, or 0), not by ε "
                "times the gradient itself: every pixel moves by the same ε.",
                lambda x, g, e: np.clip(x + e * g, 0, 1)),
        Mistake("clip after the step, np.clip(image + ε·sign(gradient), 0, 1): pixels run from 0 "
                "(paper) to 1 (ink), and a step can push them past either end.",
                lambda x, g, e: x + e * np.sign(g)),
        Mistake("that steps down the loss, towards the right answer (the targeted attack's "
                "direction, for a label you choose): FGSM climbs the loss, + ε·sign(gradient).",
                lambda x, g, e: np.clip(x - e * np.sign(g), 0, 1)),
        Mistake("where the gradient is exactly 0, its sign is 0 and the pixel stays: np.sign "
                "gives −1, 0 or +1, while np.where(gradient > 0, 1, -1) moves those pixels too.",
                lambda x, g, e: np.clip(x + e * np.where(g > 0, 1, -1), 0, 1)),
        Mistake("where the gradient is exactly 0, its sign is 0 and the pixel stays: np.sign "
                "gives −1, 0 or +1, while np.where(gradient < 0, -1, 1) moves those pixels too.",
                lambda x, g, e: np.clip(x + e * np.where(g < 0, -1, 1), 0, 1)),
        Mistake("gradient / abs(gradient) divides 0 by 0 where the gradient is 0, which gives "
                "nan: np.sign(gradient) gives the sign, 0 included.",
                lambda x, g, e: np.clip(x + e * g / np.abs(g), 0, 1)),
        Mistake("return the changed image, image + ε·sign(gradient) clipped to 0..1, not the "
                "change alone.", lambda x, g, e: e * np.sign(g)),
        Mistake("return the changed image, image + ε·sign(gradient) clipped to 0..1, not the "
                "change alone.", lambda x, g, e: np.clip(e * np.sign(g), 0, 1)),
    ),
    praise="correct: in notebook 12, ε = 0.2 is enough to make the network read its first test "
           "7 as a 9.",
    fresh=_fresh_fgsm,
)


# -- one dream step ---------------------------------------------------------------------------
def climb(image, gradient, step_size, size=lambda g: np.mean(np.abs(g)), sign=1.0, clip=True):
    """The reference, image + step_size · g / mean|g| clipped to 0..1, and its near misses:
    another measure of the gradient's `size`, the other direction, no clip."""
    moved = image + sign * step_size * gradient / size(gradient)
    return np.clip(moved, 0.0, 1.0) if clip else moved


def _fresh_dream(rng, i):
    shape = (1, int(rng.integers(2, 5)), int(rng.integers(2, 5)))
    image = np.clip(rng.normal(0.5, 0.4, shape), 0, 1)
    gradient = rng.normal(float(rng.choice([-0.3, 0.3])), 1, shape)
    return (image, gradient, float(rng.choice([0.02, 0.05, 0.1])))


# Gradients whose mean is negative (so |g| matters), whose largest value differs from the mean
# size, and pixels a step pushes past 0 or 1.
DREAM_CASES = [
    (np.array([[[0.2, 0.9], [0.5, 0.0]]]), np.array([[[0.5, 2.0], [-1.0, -4.5]]]), 0.1),
    (np.array([[[0.3, 0.5, 0.99], [0.0, 0.02, 0.7]]]),
     np.array([[[-0.02, 0.01, 0.04], [0.0, -0.06, 0.01]]]), 0.05),
    (np.array([[[0.5]], [[0.6]]]), np.array([[[1.0]], [[-3.0]]]), 0.2),
]

dream_step = FunctionTask(
    id="dream_step",
    title="One dream step",
    cases=DREAM_CASES,
    reference=climb,
    mistakes=(
        Mistake("divide the gradient by its mean size, np.mean(np.abs(gradient)): every step "
                "then has the same size, however steep or flat the slope.",
                lambda x, g, s: climb(x, g, s, size=lambda g: 1.0)),
        Mistake("divide by the *mean* size of the gradient, np.mean(np.abs(gradient)), not by "
                "its largest value.",
                lambda x, g, s: climb(x, g, s, size=lambda g: np.abs(g).max())),
        Mistake("take the mean of the gradient's *sizes*, np.mean(np.abs(gradient)): positive "
                "and negative values cancel out in np.mean(gradient), and a negative mean flips "
                "the step.", lambda x, g, s: climb(x, g, s, size=np.mean)),
        Mistake("divide by the mean size, np.mean(np.abs(gradient)), not the sum: the sum grows "
                "with the number of pixels.",
                lambda x, g, s: climb(x, g, s, size=lambda g: np.abs(g).sum())),
        Mistake("divide by the mean size, np.mean(np.abs(gradient)), not the length "
                "(np.linalg.norm).", lambda x, g, s: climb(x, g, s, size=np.linalg.norm)),
        Mistake("a dream climbs: image + step_size · gradient / mean size. With a minus, the "
                "layer responds less, not more.", lambda x, g, s: climb(x, g, s, sign=-1.0)),
        Mistake("clip the result to 0..1: pixels run from 0 (paper) to 1 (ink).",
                lambda x, g, s: climb(x, g, s, clip=False)),
        Mistake("that is an FGSM step (the sign of each value); a dream keeps the gradient's "
                "shape: step_size · gradient / np.mean(np.abs(gradient)).",
                lambda x, g, s: np.clip(x + s * np.sign(g), 0, 1)),
        Mistake("divide by the mean size, don't multiply: step_size · gradient / "
                "np.mean(np.abs(gradient)).",
                lambda x, g, s: climb(x, g, s, size=lambda g: 1 / np.mean(np.abs(g)))),
    ),
    praise="correct: that is the step every dream in notebook 12 repeats, the gradient scaled "
           "to the same size each time.",
    fresh=_fresh_dream,
)


# -- the Gram matrix --------------------------------------------------------------------------
def gram(maps):
    """The reference: G[i, j] = the mean over positions of map i × map j."""
    maps = np.asarray(maps, dtype=float)
    rows = maps.reshape(len(maps), -1)           # each map as one row
    return rows @ rows.T / rows.shape[1]


def _rows(maps):
    maps = np.asarray(maps, dtype=float)
    return maps.reshape(len(maps), -1)


def _positions_product(got, maps):
    """G over positions instead of maps: (h·w) × (h·w), normalised or not."""
    f = _rows(maps)
    return any(close(got, f.T @ f / n) for n in (1, len(f), f.shape[1], f.size))


def _cut_wrongly(maps):
    """maps.reshape(-1, c): rows of c numbers, read off the maps in their stored order."""
    f = np.asarray(maps, dtype=float).reshape(-1, len(maps))
    return f.T @ f / len(f)


def _fresh_gram(rng, i):
    c, h, w = int(rng.integers(1, 5)), int(rng.integers(1, 4)), int(rng.integers(2, 4))
    return (np.maximum(rng.normal(0.3, 1, (c, h, w)), 0),)


LESSON = np.array([[[1.0, 0.0]], [[2.0, 2.0]]])      # notebook 12: [[0.5, 1], [1, 4]]
THREE = np.array([[[1.0, 2.0], [0.0, 1.0]],
                  [[0.0, 3.0], [1.0, 0.0]],
                  [[2.0, 0.0], [0.5, 1.0]]])
WIDE = np.array([[[0.0, 1.0, 2.0], [1.0, 0.0, 0.5]],
                 [[3.0, 0.0, 1.0], [0.0, 2.0, 1.0]]])

gram_matrix = FunctionTask(
    id="gram_matrix",
    title="The Gram matrix",
    cases=[(LESSON,), (THREE,), (WIDE,)],
    reference=gram,
    mistakes=(
        Mistake("average over the positions: divide the sums by the number of positions, "
                "h·w (the course's Gram matrix is a mean, so a bigger picture gives the same "
                "numbers).", lambda m: _rows(m) @ _rows(m).T),
        Mistake("divide by the number of positions, h·w, only: G[i, j] is the mean over "
                "positions of map i × map j.", lambda m: gram(m) / len(m)),
        Mistake("divide by the number of positions, h·w, not the number of maps: G[i, j] is the "
                "mean over positions of map i × map j.",
                lambda m: _rows(m) @ _rows(m).T / len(m)),
        Mistake("that compares positions with positions, (h·w) × (h·w): the Gram matrix compares "
                "maps with maps, one row and column per map: F @ F.T with F = "
                "maps.reshape(c, -1), one map per row.",
                lambda m: _rows(m).T @ _rows(m) / _rows(m).shape[1], fits=_positions_product),
        Mistake("flatten each map into one row first, F = maps.reshape(c, -1): multiplying the "
                "3-D maps compares rows within each map, not maps with each other.",
                lambda m: np.asarray(m, dtype=float) @ np.asarray(m, dtype=float)
                .transpose(0, 2, 1) / np.shape(m)[2]),
        Mistake("reshape(-1, c) cuts the numbers into rows of c in the wrong order: keep each "
                "map in one row with maps.reshape(c, -1).",
                lambda m: _cut_wrongly(m)),
        Mistake("don't subtract the means: the Gram matrix multiplies the maps' values "
                "themselves (np.cov centres them first).",
                lambda m: np.cov(_rows(m), bias=True) if len(m) > 1 else None),
        Mistake("the Gram matrix is not normalised like a correlation (np.corrcoef): it is the "
                "plain mean over positions of map i × map j.",
                lambda m: np.corrcoef(_rows(m)) if len(m) > 1 else None),
    ),
    error_hints=(("matmul", "flatten each map into one row first, F = maps.reshape(c, -1), then "
                            "F @ F.T / (h·w): one row and one column per map."),),
    praise="correct: notebook 12's two maps give [[0.5, 1], [1, 4]], the same when mirrored: "
           "the Gram matrix keeps which features go together and forgets where.",
    fresh=_fresh_gram,
)

TASKS = (fgsm_step, dream_step, gram_matrix)
