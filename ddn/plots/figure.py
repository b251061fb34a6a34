"""Figures without pyplot: they display in notebooks, render to PNG, and never pile up."""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine


class CourseFigure(Figure):
    """A matplotlib Figure that shows itself as a picture when it ends a notebook cell."""

    def _repr_png_(self) -> bytes:
        return png_bytes(self)


def new_figure(width: float = 7.0, height: float = 4.0, nrows: int = 1, ncols: int = 1,
               **subplots):
    """A figure with its own Agg canvas and its axes (extra arguments go to fig.subplots)."""
    fig = blank_figure(width, height)
    return fig, fig.subplots(nrows, ncols, **subplots)


def blank_figure(width: float = 7.0, height: float = 4.0) -> CourseFigure:
    """A figure with no axes yet, for layouts that mix kinds of axes (e.g. 3-D and 2-D)."""
    fig = CourseFigure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def freeze_layout(fig: Figure) -> None:
    """Lay the figure out once, then keep the axes where they are: later redraws are faster."""
    fig.canvas.draw()
    fig.set_layout_engine("none")


class Backdrop:
    """Everything of a figure except its moving artists, drawn once and kept.

    `draw(state)` puts the kept picture back and draws only the moving artists on it: a
    fraction of a full redraw, and the same pixels. The backdrop is drawn again whenever
    `state` (whatever else the picture shows that can change: limits, titles) differs from the
    last call, and while a layout engine is still placing the axes. `moving` lists the artists
    in drawing order, and nothing kept may lie on top of them (a legend over a moving picture
    would end up under it).
    """

    def __init__(self, fig: Figure, moving):
        self.fig, self.moving = fig, list(moving)
        self._kept, self._state = None, None

    def draw(self, state=()) -> None:
        canvas = self.fig.canvas
        if not isinstance(self.fig.get_layout_engine(), (PlaceHolderLayoutEngine, type(None))):
            canvas.draw()  # the layout isn't fixed yet: it must see every artist
            self._state = None
            return
        state = (tuple(self.fig.bbox.bounds), state)
        if state != self._state:
            for artist in self.moving:
                artist.set_animated(True)  # left out of a full draw (hiding them instead would
            try:                           # move the titles of their axes)
                canvas.draw()
            finally:
                for artist in self.moving:
                    artist.set_animated(False)
            self._kept, self._state = canvas.copy_from_bbox(self.fig.bbox), state
        else:
            canvas.restore_region(self._kept)
        for artist in self.moving:
            self.fig.draw_artist(artist)


def png_bytes(fig: Figure) -> bytes:
    """Draw the figure and encode it as PNG (low compression: fast, still small)."""
    buffer = io.BytesIO()
    fig.canvas.print_png(buffer, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def jpeg_bytes(fig: Figure, quality: int = 90) -> bytes:
    """Draw the figure and encode it as JPEG: a few ms instead of PNG's tens of ms for big,
    smoothly shaded pictures, at the price of faint blur on sharp edges. For live frames."""
    fig.canvas.draw()
    return canvas_bytes(fig, "jpeg", quality)


def canvas_bytes(fig: Figure, fmt: str = "png", quality: int = 90) -> bytes:
    """Encode the pixels the figure's canvas holds now, without drawing anything: for apps that
    redraw only the artists that changed (`draw_artist` on a saved background)."""
    from PIL import Image

    width, height = fig.canvas.get_width_height()
    pixels = fig.canvas.buffer_rgba()
    buffer = io.BytesIO()
    if fmt == "jpeg":  # the fourth byte is opaque alpha: read it as padding, no conversion
        Image.frombuffer("RGBX", (width, height), pixels, "raw", "RGBX", 0, 1).save(
            buffer, "JPEG", quality=quality)
    else:
        Image.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1).save(
            buffer, "PNG", compress_level=1)
    return buffer.getvalue()


ENCODERS = {"png": png_bytes, "jpeg": jpeg_bytes}
