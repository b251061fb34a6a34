"""Exercise 06: walking down a loss surface."""

from __future__ import annotations

import numpy as np

from ...surfaces import descend, ravine
from ..task import FunctionTask, Mistake, ValuesTask
from ..values import show


def _fresh_step(rng, i):
    n = int(rng.integers(1, 5))
    return (rng.normal(0, 2, n), rng.normal(0, 2, n), float(rng.choice([0.01, 0.05, 0.1, 0.5])))


gradient_step = FunctionTask(
    id="gradient_step",
    title="One step downhill",
    cases=[(np.array([1.0, 2.0]), np.array([0.5, -1.0]), 0.1),
           (np.array([-1.5, 1.5]), np.array([-1.5, 3.0]), 0.5),
           (np.array([3.0]), np.array([6.0]), 0.01)],
    reference=lambda w, g, rate: w - rate * g,
    mistakes=(
        Mistake("the gradient points uphill: step against it, w − rate·gradient (a minus).",
                lambda w, g, rate: w + rate * g),
        Mistake("scale the step by the learning rate: w − rate·gradient.",
                lambda w, g, rate: w - g),
        Mistake("return the new weights, not the step itself: w − rate·gradient.",
                lambda w, g, rate: -rate * g),
        Mistake("multiply by the learning rate, don't divide.", lambda w, g, rate: w - g / rate),
        Mistake("the step follows the gradient, not the weights: w − rate·gradient, not "
                "w − rate·w.", lambda w, g, rate: w - rate * w),
        Mistake("the learning rate scales the gradient only: w − rate·gradient, not "
                "rate·(w − gradient).", lambda w, g, rate: rate * (w - g)),
    ),
    in_place_hint="`w - learning_rate * gradient` makes a new array; `w -= ...` writes into "
                  "the caller's w. Return the new array and leave w as it was.",
    praise="correct: w_new = w_old − learning rate × gradient.",
    fresh=_fresh_step,
)


def _bowl(w1, w2):
    return (2 * w1, 6 * w2)


bowl_gradient = FunctionTask(
    id="bowl_gradient",
    title="The gradient of a bowl",
    cases=[(1.0, 1.0), (-1.5, 0.5), (0.0, -2.0), (3.0, 0.0)],
    reference=_bowl,
    mistakes=(
        Mistake("the slope of w² is 2·w: don't forget the 2 (for 3·w2² it is 6·w2).",
                lambda w1, w2: (w1, 3 * w2)),
        Mistake("that is the loss's parts, not their slopes: the derivative of w1² is 2·w1.",
                lambda w1, w2: (w1 ** 2, 3 * w2 ** 2)),
        Mistake("the gradient has one slope per weight: (dL/dw1, dL/dw2), in that order.",
                lambda w1, w2: (6 * w2, 2 * w1)),
        Mistake("the 3 multiplies w2² only: dL/dw1 = 2·w1 and dL/dw2 = 6·w2.",
                lambda w1, w2: (6 * w1, 6 * w2)),
        Mistake("the slope of 3·w2² is 3 × 2·w2 = 6·w2: the 2 from the square multiplies the "
                "3.", lambda w1, w2: (2 * w1, 3 * w2)),
        Mistake("the 3 stays: the slope of 3·w2² is 3 × 2·w2 = 6·w2, not 2·w2.",
                lambda w1, w2: (2 * w1, 2 * w2)),
        Mistake("return the two slopes separately, (dL/dw1, dL/dw2), not their sum.",
                lambda w1, w2: 2 * w1 + 6 * w2),
        Mistake("the gradient itself points uphill, with a plus: (2·w1, 6·w2). The minus "
                "belongs to the step, w − rate·gradient.", lambda w1, w2: (-2 * w1, -6 * w2)),
    ),
    praise="correct: the gradient of w1² + 3·w2² is (2·w1, 6·w2), and it points uphill.",
    fresh=lambda rng, i: tuple(float(v) for v in rng.normal(0, 3, 2)),
)

max_learning_rate = FunctionTask(
    id="max_learning_rate",
    title="The largest stable learning rate",
    cases=[(1.0,), (2.0,), (30.0,), (0.5,)],
    reference=lambda curvature: 2.0 / curvature,
    mistakes=(
        Mistake("at 1/curvature one step lands exactly on the bottom; steps still shrink "
                "the error up to twice that: 2/curvature.", lambda c: 1.0 / c),
        Mistake("a steeper (more curved) valley needs *smaller* steps: divide by the "
                "curvature.", lambda c: 2.0 * c),
        Mistake("divide 2 by the curvature: 2 / curvature, not curvature / 2.",
                lambda c: c / 2.0),
        Mistake("return the limit itself, 2/curvature, without a safety margin: the question is "
                "where the walker stops getting closer.",
                lambda c: 1.99 / c, fits=lambda got, c: 1.8 <= float(got) * c < 2 - 1e-9),
    ),
    praise="correct: on the ravine (curvature 15 across) anything above 2/15 ≈ 0.133 diverges.",
    fresh=lambda rng, i: (round(float(rng.uniform(0.1, 50)), 3),),
)

STEPS, TARGET = 100, 1e-3
LIMIT = 2 / 15  # the ravine's steepest curvature is 15


def _ravine_verdict(values):
    rate = values["ravine_learning_rate"]
    if isinstance(rate, np.ndarray) and rate.size == 1:
        rate = float(rate.reshape(()))
    if not isinstance(rate, (int, float)) or isinstance(rate, bool) or not rate > 0:
        return False, f"ravine_learning_rate should be one positive number, but it is " \
                      f"{show(rate)}."
    walk = descend(ravine(), None, rate, STEPS)
    loss = walk.losses[-1]
    if walk.status == "diverged":
        return False, f"with {show(rate)} the walk diverges: {walk.message}"
    if loss < TARGET:
        return True, (f"with learning rate {show(rate)} the loss is {loss:.1e} after {STEPS} "
                      "steps: below 0.001.")
    if rate > 0.8 * LIMIT:
        return False, (f"with {show(rate)} the loss is still {loss:.3g} after {STEPS} steps: "
                       "that is so close to the limit 2/15 that the walker keeps bouncing "
                       "across the valley, barely settling. Step back from the limit a little.")
    return False, (f"with {show(rate)} the loss is still {loss:.3g} after {STEPS} steps (it "
                   "should be below 0.001): the steps are too small. Go larger, but stay "
                   "below the limit 2/curvature.")


ravine_learning_rate = ValuesTask(
    id="ravine_learning_rate",
    title="A learning rate for the ravine",
    names=("ravine_learning_rate",),
    verdict=_ravine_verdict,
)

TASKS = (gradient_step, bowl_gradient, max_learning_rate, ravine_learning_rate)
