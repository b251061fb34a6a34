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


def plane_figure(weights, bias, x, y, names=("x1", "x2", "x3"), classes=("0", "1")):
    """Three features: the decision boundary w1·x1 + w2·x2 + w3·x3 + b = 0 is a plane."""
    from .figure import new_figure

    w1, w2, w3 = weights
    fig, ax = new_figure(5.5, 4.6, subplot_kw={"projection": "3d"})
    x, y = np.asarray(x, dtype=float), np.asarray(y)
    for label in (0, 1):
        pts = x[y == label]
        ax.scatter(pts[:, 0], pts[:, 1], pts[:, 2], color=CLASS_COLOURS[label], s=18,
                   label=classes[label], depthshade=False)
    g1, g2 = np.meshgrid(np.linspace(x[:, 0].min(), x[:, 0].max(), 12),
                         np.linspace(x[:, 1].min(), x[:, 1].max(), 12))
    g3 = -(w1 * g1 + w2 * g2 + bias) / w3
    low, high = x[:, 2].min(), x[:, 2].max()
    g3 = np.where((g3 >= low) & (g3 <= high), g3, np.nan)  # 3-D axes don't clip: do it here
    ax.plot_surface(g1, g2, g3, alpha=0.3, color="grey")
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_zlabel(names[2])
    ax.set_zlim(low, high)
    ax.legend(loc="upper left", fontsize=8)
    return fig
