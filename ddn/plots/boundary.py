"""2-D data with a decision boundary: a straight line, or the regions any model carves out."""

from __future__ import annotations

import numpy as np

from .style import CLASS_COLOURS, REGION_CMAP


def line_in_box(w1, w2, b, xlim, ylim):
    """End points of the line w1·x + w2·y + b = 0 inside the box, or two empty lists.

    Handles every case, vertical (w2 = 0) and horizontal (w1 = 0) lines included.
    """
    (x0, x1), (y0, y1) = xlim, ylim
    points = []
    if w2 != 0:
        for x in (x0, x1):
            y = -(w1 * x + b) / w2
            if y0 <= y <= y1:
                points.append((x, y))
    if w1 != 0:
        for y in (y0, y1):
            x = -(w2 * y + b) / w1
            if x0 <= x <= x1:
                points.append((x, y))
    points = sorted(set(points))
    if len(points) < 2:
        return [], []
    (ax, ay), (bx, by) = points[0], points[-1]
    return [ax, bx], [ay, by]


def scatter_classes(ax, x, y, names=("class 0", "class 1"), **style):
    """Points coloured by class (0 or 1), with a legend entry per class."""
    x, y = np.asarray(x, dtype=float), np.asarray(y)
    handles = []
    for label in (0, 1):
        mask = y == label
        handles.append(ax.scatter(x[mask, 0], x[mask, 1], s=style.get("s", 36),
                                  color=CLASS_COLOURS[label], edgecolor="white", linewidth=0.6,
                                  label=names[label], zorder=3))
    return handles


class RegionImage:
    """A model's output over a grid, shown as shaded regions that can be updated in place."""

    def __init__(self, ax, xlim, ylim, resolution: int = 150, vmin=0.0, vmax=1.0, alpha=0.3):
        self.xlim, self.ylim = xlim, ylim
        xs = np.linspace(*xlim, resolution)
        ys = np.linspace(*ylim, resolution)
        self.gx, self.gy = np.meshgrid(xs, ys)
        self.points = np.column_stack([self.gx.ravel(), self.gy.ravel()])
        self.image = ax.imshow(np.zeros_like(self.gx), origin="lower", aspect="auto",
                               extent=(*xlim, *ylim), cmap=REGION_CMAP, vmin=vmin, vmax=vmax,
                               alpha=alpha, interpolation="bilinear", zorder=0)

    def show(self, values) -> None:
        """Values at `self.points` (one per grid point), e.g. a model's probabilities."""
        self.image.set_data(np.asarray(values, dtype=float).reshape(self.gx.shape))
