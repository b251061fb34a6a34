"""Loss surfaces: the loss as a landscape over two weights, and walking down it.

Plot the loss for every pair of weights (w1, w2) and you get a landscape with hills and
valleys; training looks for the lowest point. Each surface here knows its height (`loss`) and
its slope (`gradient`, worked out by hand, not numerically), so `descend` can walk down it:

    w_new = w_old − learning_rate · gradient(w_old)

On a quadratic bowl with largest curvature λ, steps shrink the error only if the learning rate
is below 2/λ: at exactly 2/λ the walker bounces between two walls forever, above it every bounce
is higher than the last (divergence). Quadratic surfaces report that limit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._format import num
from ._validate import (
    as_array,
    as_count,
    as_instance,
    as_labels,
    as_number,
    check_positive,
    finite,
    in_words,
    overflow_checked,
)
from .activations import _sigmoid
from .losses import _sigmoid_cross_entropy


class Surface:
    """A loss landscape over two weights. Subclasses give `_loss(w1, w2)` and `_gradient`."""

    name = "surface"
    description = ""
    limits = ((-2.0, 2.0), (-2.0, 2.0))
    start = (-1.5, 1.5)
    max_stable_learning_rate: float | None = None  # known for quadratic surfaces
    min_loss: float | None = None                  # the lowest loss, where it is known
    labels = ("w1", "w2")

    @overflow_checked
    def loss(self, w1, w2=None):
        """The height at (w1, w2); numbers or same-shaped arrays (e.g. a grid).

        With w2 left out, w1 is the point: loss((w1, w2)).
        """
        if w2 is None:
            w1, w2 = _point(w1, "w1")
        else:
            w1, w2 = as_array(w1, "w1"), as_array(w2, "w2")
            if w1.shape != w2.shape and min(w1.size, w2.size) > 1:
                raise ValueError(f"w1 is {in_words(w1)} but w2 is {in_words(w2)}: give them the "
                                 "same shape (one w2 for each w1), or one of them as a number.")
            w1, w2 = np.broadcast_arrays(w1, w2)
        return self._loss(w1, w2)

    @overflow_checked
    def gradient(self, w) -> np.ndarray:
        """The slope (dL/dw1, dL/dw2) at the point w: it points uphill."""
        w1, w2 = _point(w, "w")
        return np.asarray(self._gradient(w1, w2), dtype=float)

    def grid(self, resolution: int = 60):
        """(W1, W2, L): the surface sampled on a grid, for drawing."""
        resolution = as_count(resolution, "resolution", minimum=2)
        (a, b), (c, d) = self.limits
        w1, w2 = np.meshgrid(np.linspace(a, b, resolution), np.linspace(c, d, resolution))
        return w1, w2, self.loss(w1, w2)

    def _loss(self, w1, w2):
        raise NotImplementedError

    def _gradient(self, w1, w2):
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{self.name} surface: {self.description}>"


def _point(w, name: str) -> np.ndarray:
    """Two weights (w1, w2), or an error naming the argument."""
    w = as_array(w, name, ndim=1)
    if w.shape != (2,):
        raise ValueError(f"{name} should be two weights (w1, w2), but it has {w.size} values.")
    return w


def _limits(limits) -> tuple:
    box = as_array(limits, "limits", ndim=2)
    if box.shape != (2, 2) or not np.all(box[:, 0] < box[:, 1]):
        shown = box.tolist() if box.shape == (2, 2) else in_words(box)
        raise ValueError("limits should be ((w1 from, w1 to), (w2 from, w2 to)), each from below "
                         f"its to, but it is {shown}.")
    return tuple(tuple(row) for row in box.tolist())


def _curvatures(matrix) -> np.ndarray:
    """The curvatures (eigenvalues) of a symmetric 2×2 matrix, or an error: not a bowl."""
    if matrix.shape != (2, 2) or not np.allclose(matrix, matrix.T):
        shown = f"{matrix.tolist()}, not symmetric" if matrix.shape == (2, 2) else in_words(matrix)
        raise ValueError(f"matrix should be a symmetric 2×2 table, but it is {shown}.")
    curvatures = np.linalg.eigvalsh(matrix)
    if not curvatures.max() > 0:
        raise ValueError("matrix should curve upwards in some direction (a positive "
                         f"eigenvalue), but its curvatures are {curvatures.tolist()}.")
    return curvatures


class Quadratic(Surface):
    """L = ½ (w − c)ᵀ A (w − c): a bowl (round or stretched) with its bottom at c."""

    def __init__(self, name, description, matrix, centre=(0.0, 0.0), limits=None, start=None):
        self.name, self.description = str(name), str(description)
        self.matrix = as_array(matrix, "matrix", ndim=2)
        self.curvatures = _curvatures(self.matrix)
        self.centre = _point(centre, "centre")
        self.minimum = tuple(self.centre)
        self.limits = self.limits if limits is None else _limits(limits)
        self.start = self.start if start is None else tuple(_point(start, "start").tolist())
        self.max_stable_learning_rate = float(2 / self.curvatures.max())
        self.min_loss = 0.0

    def _loss(self, w1, w2):
        d1, d2 = w1 - self.centre[0], w2 - self.centre[1]
        (a, b), (_, c) = self.matrix
        return 0.5 * (a * d1 * d1 + 2 * b * d1 * d2 + c * d2 * d2)

    def _gradient(self, w1, w2):
        return self.matrix @ (np.array([w1, w2]) - self.centre)


def _rotation(degrees):
    t = np.radians(degrees)
    return np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])


def bowl() -> Quadratic:
    """A round-ish bowl: every step downhill heads roughly for the bottom."""
    return Quadratic("bowl", "a smooth bowl with one lowest point", np.diag([1.0, 2.0]))


def ravine() -> Quadratic:
    """A long narrow valley, 30 times steeper across than along: steps zigzag across it."""
    r = _rotation(30)
    return Quadratic("ravine", "a long, narrow valley", r @ np.diag([0.5, 15.0]) @ r.T,
                     start=(-1.6, 0.6))


class Saddle(Surface):
    """L = ¼ + ½·w1² − ½·w2² + ¼·w2⁴: a saddle at (0, 0) between two valleys at (0, ±1).

    (The ¼ lifts the valley floors to 0: like a real loss, it never goes below 0.)

    Along w1 the origin is a valley, along w2 a ridge. A walker starting exactly on the ridge
    (w2 = 0) never leaves it; a tiny nudge sends it into one of the valleys.
    """

    name = "saddle"
    description = "a saddle point between two valleys"
    start = (-1.8, 0.05)
    minimum = (0.0, 1.0)
    min_loss = 0.0
    saddle = (0.0, 0.0)

    def _loss(self, w1, w2):
        return 0.25 + 0.5 * w1 ** 2 - 0.5 * w2 ** 2 + 0.25 * w2 ** 4

    def _gradient(self, w1, w2):
        return (w1, -w2 + w2 ** 3)


class Valleys(Surface):
    """A gentle bowl with three dips of different depths: where you start decides where you end.

    L = 1.4 + 0.1·|w|² − Σ depth_k · exp(−|w − centre_k|² / (2·width_k²))

    (The 1.4 lifts the whole landscape so that, like a real loss, it never goes below 0.)
    """

    name = "valleys"
    description = "several valleys of different depths"
    limits = ((-3.0, 3.0), (-3.0, 3.0))
    start = (-2.5, 2.5)
    DIPS = (((1.2, 1.0), 1.0, 0.6), ((-1.3, -0.8), 1.6, 0.7), ((-1.0, 1.6), 0.7, 0.5))
    minimum = (-1.224, -0.753)  # the deepest point (the bowl pulls it off the dip's centre)

    def _loss(self, w1, w2):
        total = 1.4 + 0.1 * (w1 ** 2 + w2 ** 2)
        for (c1, c2), depth, width in self.DIPS:
            total = total - depth * np.exp(-((w1 - c1) ** 2 + (w2 - c2) ** 2) / (2 * width ** 2))
        return total

    def _gradient(self, w1, w2):
        g1, g2 = 0.2 * w1, 0.2 * w2
        for (c1, c2), depth, width in self.DIPS:
            e = depth * np.exp(-((w1 - c1) ** 2 + (w2 - c2) ** 2) / (2 * width ** 2))
            g1 += e * (w1 - c1) / width ** 2
            g2 += e * (w2 - c2) / width ** 2
        return (g1, g2)


class LineFit(Quadratic):
    """The real loss of a neuron with two weights on data: output = w1·x + w2 (a line).

    Its loss, the mean squared error over the points, is exactly a (stretched) bowl:
    L = mean((w1·x + w2 − y)²). The weights are the slope and the intercept, so every point on
    this surface is a line through the data.
    """

    def __init__(self, x, y):
        self.x, self.y = as_array(x, "x", ndim=1), as_array(y, "y", ndim=1)
        if len(self.x) != len(self.y) or len(self.x) < 2 or np.ptp(self.x) == 0:
            raise ValueError("x and y should be two equally long lists of at least 2 numbers, "
                             "with at least two different x values (else no line is best).")
        design = np.column_stack([self.x, np.ones_like(self.x)])
        with np.errstate(all="ignore"):  # numbers too large to square are reported below
            matrix = finite(2 * design.T @ design / len(self.x), x=self.x)
            best = np.linalg.lstsq(design, self.y, rcond=None)[0]
            offset = finite(float(np.mean((design @ best - self.y) ** 2)), x=self.x, y=self.y)
        super().__init__("line fit", "mean squared error of a line through data points",
                         matrix, centre=best,
                         limits=((best[0] - 3, best[0] + 3), (best[1] - 6, best[1] + 6)),
                         start=(best[0] - 2.5, best[1] + 5))
        self.labels = ("slope w1", "intercept w2")
        self.offset = self.min_loss = offset

    def _loss(self, w1, w2):
        return super()._loss(w1, w2) + self.offset

    @overflow_checked
    def predict(self, w, x=None):
        """The line's outputs for inputs x (default: the data's x)."""
        w = _point(w, "w")
        x = self.x if x is None else as_array(x, "x")
        return w[0] * x + w[1]


class NeuronLogLoss(Surface):
    """The log-loss of a sigmoid neuron with two weights (no bias) on 2-D labelled points."""

    name = "neuron"
    description = "log-loss of a sigmoid neuron on labelled points"
    limits = ((-3.0, 5.0), (-3.0, 5.0))
    start = (-2.5, 4.0)

    def __init__(self, x, y):
        self.x, self.y = as_array(x, "x", ndim=2), as_labels(y, "y")
        if self.x.shape[1] != 2 or len(self.x) != len(self.y):
            raise ValueError(f"x should be a table of points (x1, x2) with one label in y each, "
                             f"but x is {in_words(self.x)} and y {in_words(self.y)}.")

    def _loss(self, w1, w2):
        shape = np.shape(w1)
        w = np.stack([np.ravel(w1), np.ravel(w2)])               # (2, k)
        z = self.x @ w                                         # (n, k)
        loss = np.mean(_sigmoid_cross_entropy(z, self.y[:, None]), axis=0)
        return loss.reshape(shape)

    def _gradient(self, w1, w2):
        z = self.x @ np.array([w1, w2])
        return self.x.T @ (_sigmoid(z) - self.y) / len(self.y)


# -- walking downhill ----------------------------------------------------------------------
@dataclass
class Descent:
    """A walk down a surface: every point visited, the loss there, and how it ended."""

    path: np.ndarray       # (steps + 1, 2)
    losses: np.ndarray     # (steps + 1,)
    status: str            # "converged", "descending", "bouncing" or "diverged"
    message: str

    @property
    def end(self) -> np.ndarray:
        return self.path[-1]

    def __repr__(self) -> str:
        return f"Descent({len(self.path) - 1} steps, {self.status}: {self.message})"


DIVERGED = 1e6  # the loss (or a weight) this far beyond its start counts as diverged


def descend(surface: Surface, start=None, learning_rate: float = 0.1, steps: int = 50,
            momentum: float = 0.0, tolerance: float = 1e-8) -> Descent:
    """Gradient descent on `surface`, recording the path; says in words how it went.

    With `momentum` m, each step keeps m times the previous step and adds the new gradient
    step, so the walker builds up speed along a valley floor and zigzags less across it.
    """
    as_instance(surface, "surface", Surface, "a surface such as bowl()")
    lr = check_positive(learning_rate, "learning_rate")
    steps = as_count(steps, "steps", minimum=0)
    m = as_number(momentum, "momentum", at_least=0, below=1)
    tolerance = as_number(tolerance, "tolerance")
    w = _point(surface.start if start is None else start, "start").copy()
    status, overflowed = "descending", False
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow ends the walk, below
        path, losses = [w.copy()], [float(finite(surface._loss(*w), start=w))]
        velocity = np.zeros(2)
        limit = DIVERGED * max(1.0, abs(losses[0]))
        for _ in range(steps):
            velocity = m * velocity - lr * np.asarray(surface._gradient(*w))
            w = w + velocity
            loss = float(surface._loss(*w))
            if not (np.isfinite(loss) and np.all(np.isfinite(w))):
                status, overflowed = "diverged", True  # beyond any number: not recorded
                break
            path.append(w.copy())
            losses.append(loss)
            if abs(loss) > limit or np.max(np.abs(w)) > DIVERGED:
                status = "diverged"
                break
            if np.linalg.norm(velocity) < tolerance:
                status = "converged"
                break
    if status == "descending":
        status = _settle(surface, w, losses, m)
    descent = Descent(np.array(path), np.array(losses), status, "")
    descent.message = _explain(descent, surface, lr, m, overflowed)
    return descent


def _settle(surface: Surface, w, losses, momentum) -> str:
    """How a walk that used all its steps ended: converged, bouncing, diverged or descending."""
    at_bottom = surface.min_loss is not None and \
        losses[-1] - surface.min_loss < 1e-9 * max(1.0, abs(losses[0]))
    if at_bottom or np.linalg.norm(surface.gradient(w)) < 1e-6:
        return "converged"
    if len(losses) > 2 and losses[-1] > losses[0] and losses[-1] > losses[-2]:
        return "diverged"  # not exploded yet, but climbing: the same problem, caught early
    stuck = len(losses) > 3 and losses[-1] >= losses[-3] - 1e-12 * max(1.0, abs(losses[-3]))
    if stuck and momentum == 0:
        return "bouncing"  # the same loss again and again: hopping between two walls
    return "descending"


def stable_limit(surface: Surface, momentum: float = 0.0) -> float | None:
    """The largest stable learning rate: 2/curvature, or 2·(1 + m)/curvature with momentum m
    (momentum lets larger steps settle, because each step partly undoes the last)."""
    as_instance(surface, "surface", Surface, "a surface such as bowl()")
    momentum = as_number(momentum, "momentum", at_least=0, below=1)
    limit = surface.max_stable_learning_rate
    return None if limit is None else limit * (1 + momentum)


def _explain(d: Descent, surface: Surface, lr: float, momentum: float = 0.0,
             overflowed: bool = False) -> str:
    steps = len(d.path) - 1
    limit = stable_limit(surface, momentum)
    formula = "2·(1 + momentum)/curvature" if momentum else "2/curvature"
    known = (f" (on the {surface.name} the limit is {formula} = {num(limit, 3)}: above it a walk "
             "diverges, exactly at it a walk bounces for ever)") if limit else ""
    if d.status == "diverged":
        worst = d.losses[-1]
        if overflowed:
            grew = f"the loss grew to infinity (beyond any number) in step {steps + 1}"
        elif abs(worst) >= 1e6:
            grew = f"the loss grew to {worst:.0e} after {steps} steps"
        else:
            grew = f"the loss grew from {num(d.losses[0], 4)} to {num(worst, 4)} in {steps} steps"
        return f"{grew}: the learning rate {num(lr)} is too large{known}."
    w1, w2 = (num(round(float(v), 3) + 0.0) for v in d.end)  # + 0.0 turns −0.0 into 0
    end = f"loss {num(round(float(d.losses[-1]), 4) + 0.0)} at ({w1}, {w2})"
    saddle = getattr(surface, "saddle", None)
    if saddle is not None and np.linalg.norm(d.end - saddle) < 1e-3:
        return (f"after {steps} steps the walker sits on the saddle point, {end}: the ground is "
                "flat there, but it is not a valley floor. Start a little off the ridge "
                "(w2 ≠ 0) and it rolls down into one of the two valleys.")
    if d.status == "converged":
        return f"converged after {steps} steps: {end}."
    if d.status == "bouncing":
        return (f"after {steps} steps the loss is stuck at {num(d.losses[-1], 4)}: the steps "
                f"bounce between the walls of the valley without getting lower; use a smaller "
                f"learning rate{known}.")
    if momentum and steps >= 3 and d.losses[-1] >= d.losses[-3]:
        return (f"after {steps} steps the loss went up again ({num(d.losses[-1], 4)}): with "
                "momentum the walker overshoots and swings back; more steps, or less momentum, "
                "let it settle.")
    hint = ""
    if limit and lr < limit / 20:
        hint = "; the steps are tiny: a larger learning rate would get there sooner"
    elif limit and lr > 0.9 * limit:
        hint = "; the steps overshoot and bounce across the valley: the learning rate is " \
               f"close to the limit {num(limit, 3)}"
    return f"still descending after {steps} steps: {end}{hint}."
