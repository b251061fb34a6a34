"""The shared shape of every widget app: controls, a live picture, and the numbers as text.

A subclass builds its figure and controls, then implements two methods:

- `redraw()`:   update the figure's artists in place (set_data, set_height, set_text, ...),
- `describe()`: the current numbers as a short plain-text summary.

An app that names its `moving` artists (the ones `redraw` changes) is drawn the fast way: the
rest of the figure is drawn once and kept, and each update draws only the moving artists on it.

Moving any control calls `update()`, which runs both, re-renders the picture and the text, and
turns any error into a message in the text area instead of a traceback.
"""

from __future__ import annotations

import base64
import html
from contextlib import contextmanager

import ipywidgets as widgets

from ..plots.figure import ENCODERS, Backdrop, canvas_bytes, freeze_layout

# Lines break only between words (never mid-word, which JupyterLab's own <pre> style allows).
READOUT_STYLE = ("font-size:13px;line-height:1.35;margin:2px 0;white-space:pre-wrap;"
                 "word-break:normal;overflow-wrap:break-word")


class App:
    """Controls on top, the picture in the middle, the numbers underneath.

    Every control in `controls` with a value calls `update()` when it changes. A subclass can
    show more controls in `_layout_controls` and handle those itself (e.g. a choice that
    rebuilds part of the figure, then updates once).
    """

    freeze_layout = True  # lay the figure out once; apps whose axes change size say False
    live_format = "png"   # how live frames travel; big shaded animations use "jpeg" (faster)

    def __init__(self, fig, controls, moving=()):
        self.fig = fig
        self.controls = list(controls)
        self.backdrop = Backdrop(fig, moving) if moving else None
        self.image = widgets.Image(format=self.live_format)
        self.readout = widgets.HTML()
        self.message = ""  # the last error, if a control led to one
        self._held = False
        for control in self.controls:
            if hasattr(control, "value"):
                control.observe(self.update, names="value")
        self.view = widgets.VBox([self._layout_controls(), self.image, self.readout])
        self.update()  # draw the first state, so the layout below makes room for every label,
        if self.freeze_layout:
            freeze_layout(fig)  # then fix the layout: later redraws skip the layout work
            self.update()

    def _layout_controls(self):
        """The controls in a column; apps with many controls arrange their own."""
        return widgets.VBox(self.controls)

    # -- what subclasses provide ----------------------------------------------------------
    def redraw(self) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    # -- the callback -----------------------------------------------------------------------
    @contextmanager
    def batch(self):
        """Change several controls at once (a preset button), then update only once."""
        self._held = True
        try:
            yield
        finally:
            self._held = False
        self.update()

    def update(self, change=None) -> None:
        """Bring the picture and the text up to date with the controls."""
        if self._held:
            return
        try:
            self.redraw()
            text, self.message = self.describe(), ""
        except Exception as error:  # noqa: BLE001 - a widget must never show a traceback
            self.message = str(error)
            text = f"⚠ {error}"
        self.image.value = self.render(self.live_format)
        # The picture's size in pixels, given to the page: a new picture then never makes the
        # page lay itself out again (it would, for each frame of an animation).
        width, height = self.fig.canvas.get_width_height()
        self.image.width, self.image.height = str(width), str(height)
        self.show_text(text)

    def show_text(self, text: str) -> None:
        """Put `text` in the readout under the picture (and in `self.text`)."""
        self.readout.value = f'<pre style="{READOUT_STYLE}">{html.escape(text)}</pre>'
        self.text = text

    def render(self, fmt: str) -> bytes:
        """The figure drawn and encoded as `fmt` ("png" or "jpeg"): in full, or only its moving
        artists on the kept backdrop."""
        if self.backdrop is None:
            return ENCODERS[fmt](self.fig)
        self.backdrop.draw(self.backdrop_state())
        return canvas_bytes(self.fig, fmt)

    def backdrop_state(self):
        """Whatever the kept backdrop shows that can change (limits, titles of still axes):
        when it differs from the last frame, the backdrop is drawn again."""
        return ()

    # -- how it shows up in a notebook ----------------------------------------------------
    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus a picture and text for places that can't show widgets."""
        data = self.view._repr_mimebundle_(**kwargs)
        picture = self.image.value if self.live_format == "png" else self.render("png")
        data["image/png"] = base64.b64encode(picture).decode("ascii")
        data["text/plain"] = self.text
        return data
