"""Pictures of images as arrays: grids of numbers, kernels sliding over them, feature maps.

`NumberGrid` draws an array as shaded cells with its numbers written on them, and updates both
in place (values, which cells show, which are dimmed). The other helpers draw a picture
without axes clutter, a window (the kernel's position) on a grid, and rows of pictures.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import Normalize
from matplotlib.patches import Rectangle

from .._format import num
from .figure import new_figure
from .style import HIGHLIGHT, INK


def bare(ax) -> None:
    """No ticks, no frame: the axes shows only its picture."""
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def show_picture(ax, image, *, title: str = "", cmap="gray", vmin=0.0, vmax=1.0):
    """An image (2-D grey, or height × width × 3 colour) on `ax`, pixels as sharp squares."""
    handle = ax.imshow(image, cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest")
    bare(ax)
    if title:
        ax.set_title(title, fontsize=10)
    return handle


def picture_row(images, titles, *, width: float = 2.6, height: float = 2.9, cmap="gray",
                vmin=0.0, vmax=1.0):
    """Pictures side by side with a title each, as one figure."""
    fig, axes = new_figure(width * len(images), height, 1, len(images), squeeze=False)
    for ax, image, title in zip(axes[0], images, titles):
        show_picture(ax, image, title=title, cmap=cmap, vmin=vmin, vmax=vmax)
    return fig


def grid_lines(rows: int, cols: int):
    """x and y of the lines between the cells of a rows × cols grid, as one NaN-separated path
    (one artist draws all of them, far faster than a grid of ticks)."""
    xs, ys = [], []
    for r in range(rows + 1):
        xs += [-0.5, cols - 0.5, np.nan]
        ys += [r - 0.5, r - 0.5, np.nan]
    for c in range(cols + 1):
        xs += [c - 0.5, c - 0.5, np.nan]
        ys += [-0.5, rows - 0.5, np.nan]
    return xs, ys


class NumberGrid:
    """An array as shaded cells with its numbers written in them, updated in place.

    `set_values(values)` changes shades and numbers; `shown` (a boolean array) says which cells
    show anything at all (a feature map filling up); `dim` (a boolean array) greys some cells
    out (the part of the image a torch does not light); `labels` writes other text than the
    numbers. Numbers switch between dark and light ink so that they stay readable on any shade.
    """

    def __init__(self, ax, shape, *, cmap="gray", vmin=0.0, vmax=1.0, digits: int = 3,
                 fontsize: float = 11, numbers: bool = True, edge: str = "#9aa3ad"):
        self.ax, self.shape, self.digits = ax, tuple(shape), digits
        rows, cols = self.shape
        self.norm = Normalize(vmin, vmax)
        extent = (-0.5, cols - 0.5, rows - 0.5, -0.5)
        self.image = ax.imshow(np.zeros(self.shape), cmap=cmap, norm=self.norm,
                               interpolation="nearest", extent=extent)
        self.shade = ax.imshow(np.zeros((rows, cols, 4)), interpolation="nearest",
                               extent=extent, visible=False)
        (self.lines,) = ax.plot(*grid_lines(rows, cols), color=edge, lw=0.8)
        self.texts = np.empty(self.shape, dtype=object)
        for r in range(rows):
            for c in range(cols):
                self.texts[r, c] = ax.text(c, r, "", ha="center", va="center",
                                           fontsize=fontsize, visible=numbers)
        bare(ax)
        ax.set_xlim(-0.5, cols - 0.5)
        ax.set_ylim(rows - 0.5, -0.5)
        self.values = np.zeros(self.shape)

    def set_values(self, values, shown=None, dim=None, labels=None) -> None:
        values = np.asarray(values, dtype=float)
        self.values = values
        shown = np.ones(self.shape, bool) if shown is None else np.asarray(shown, bool)
        self.image.set_data(np.where(shown, values, np.nan))
        if dim is not None:
            overlay = np.zeros((*self.shape, 4))
            overlay[np.asarray(dim, bool)] = (0.05, 0.07, 0.1, 0.72)
            self.shade.set_data(overlay)
        self.shade.set_visible(dim is not None)
        colours = self.image.cmap(self.norm(values))
        light = colours[..., :3] @ np.array([0.299, 0.587, 0.114])
        for (r, c), text in np.ndenumerate(self.texts):
            label = labels[r][c] if labels is not None else num(round(values[r, c],
                                                                      self.digits))
            text.set_text(label if shown[r, c] else "")
            dark_cell = light[r, c] < 0.5 or (dim is not None and dim[r, c])
            text.set_color("white" if dark_cell else INK)

    def show_numbers(self, on: bool) -> None:
        for text in self.texts.flat:
            text.set_visible(on)


def window(ax, rows: int, cols: int, *, colour=HIGHLIGHT, lw: float = 3.0, zorder: int = 5):
    """A rectangle outlining a `rows` × `cols` block of cells; `place(patch, r, c)` moves it."""
    patch = Rectangle((-0.5, -0.5), cols, rows, fill=False, ec=colour, lw=lw, zorder=zorder)
    ax.add_patch(patch)
    return patch


def place(patch, row: int, col: int) -> None:
    """Put a window's top-left cell at (row, col)."""
    patch.set_xy((col - 0.5, row - 0.5))


def kernel_figure(kernel, title: str = "kernel", *, size: float = 2.4):
    """A kernel's numbers on a red (negative) to blue (positive) grid, as one figure."""
    kernel = np.asarray(kernel, dtype=float)
    fig, ax = new_figure(size, size)
    top = max(1e-9, float(np.abs(kernel).max()))
    grid = NumberGrid(ax, kernel.shape, cmap="RdBu", vmin=-top, vmax=top)
    grid.set_values(kernel)
    ax.set_title(title, fontsize=10)
    return fig


def mosaic(tiles, columns: int, gap: int = 1, fill=np.nan) -> np.ndarray:
    """Equal-sized 2-D tiles laid out in rows of `columns`, `gap` cells apart, as one array
    (gaps and empty places hold `fill`, NaN by default: transparent in imshow). One picture is
    far faster to draw than an axes per tile."""
    tiles = [np.asarray(t, dtype=float) for t in tiles]
    h, w = tiles[0].shape
    rows = max(1, -(-len(tiles) // columns))
    out = np.full((rows * (h + gap) - gap, columns * (w + gap) - gap), fill)
    for i, tile in enumerate(tiles):
        r, c = divmod(i, columns)
        out[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = tile
    return out


def tile_centres(count: int, columns: int, size, gap: int = 1):
    """(x, y) of the centre of each of `count` tiles in a `mosaic` (size: (h, w) of a tile)."""
    h, w = size
    return [((i % columns) * (w + gap) + (w - 1) / 2, (i // columns) * (h + gap) + (h - 1) / 2)
            for i in range(count)]


def digit_gallery(images, labels, columns: int = 10, *, title: str = "", width: float = 8.0):
    """Small grey pictures in rows of `columns`, each with its label above it, as one figure."""
    images = [np.asarray(i, dtype=float) for i in images]
    h, w = images[0].shape
    rows = -(-len(images) // columns)
    fig, ax = new_figure(width, width * rows * (h + 4) / (columns * (w + 2)) + 0.4)
    ax.imshow(mosaic(images, columns, gap=2), cmap="gray", vmin=0, vmax=1,
              interpolation="nearest")
    for (x, y), label in zip(tile_centres(len(images), columns, (h, w), gap=2), labels):
        ax.text(x, y - h / 2 - 0.3, str(label), ha="center", va="bottom", fontsize=9,
                color=INK)
    ax.set_ylim(rows * (h + 2) - 2 - 0.5, -2.5)
    bare(ax)
    if title:
        ax.set_title(title, fontsize=10)
    return fig
