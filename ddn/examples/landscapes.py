"""The course's loss landscapes, by name, for notebook 06 and its widgets.

- bowl, ravine, saddle, valleys: made-up surfaces with hand-derived gradients;
- line fit: the real loss of a two-weight neuron (a line, slope and intercept) on four points;
- neuron: the real log-loss of a two-weight sigmoid neuron on two overlapping clouds.
"""

from __future__ import annotations

from ..datasets import blobs
from ..surfaces import LineFit, NeuronLogLoss, Saddle, Surface, Valleys, bowl, ravine

# Four points (x, y) for fitting a line: their best line is y = 1·x + 0.75, with MSE 0.3125.
FOUR_POINTS = ((1.0, 2.0, 3.0, 4.0), (1.5, 3.5, 3.0, 5.0))


def landscapes() -> dict[str, Surface]:
    """Every surface of the course by name (a fresh set each call)."""
    x, y = blobs(60, noise=1.0, seed=1)  # overlapping clouds: the lowest point is finite
    return {"bowl": bowl(), "ravine": ravine(), "saddle": Saddle(), "valleys": Valleys(),
            "line fit": LineFit(*FOUR_POINTS), "neuron": NeuronLogLoss(x, y)}
