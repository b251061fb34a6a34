"""Widget for notebook 12, part 3: style transfer (Gatys, Ecker and Bethge, 2015).

- StyleApp: a content picture, a style picture and the style weight; "paint" repaints the
            content in the style (`ddn.style.transfer`: the *pixels* are optimised, the filters
            stay fixed), showing each frame as it is ready and the steps done so far; the step
            slider then goes back and forth through the frames, and the losses are drawn step
            by step.

A painting of 43 × 43 pixels takes one to two seconds (a frame after 0, 1, 3, 10 and 30 steps
of the optimiser); it is made only when "paint" is pressed, never on a slider move, and kept,
so that going back to a painting already made is instant.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import NullLocator

from .. import datasets
from .._format import num
from ..plots.figure import blank_figure
from ..plots.images import bare
from ..plots.style import CLASS_COLOURS, HIGHLIGHT, INK
from ..style import stained_glass, transfer
from .adversarial import STYLE, by_depth
from .base import App
from .controls import GridSlider

#: The frames of a painting: the picture after this many steps of the optimiser.
FRAMES = (0, 1, 3, 10, 30)
SHRINK = 3                       # 128 × 128 photos shown at 43 × 43: a painting takes seconds
CONTENTS = {"Chelsea the cat": "chelsea", "a cup of coffee": "coffee"}
STYLES = ("stained glass", "brick wall", "grass", "Chelsea the cat", "a cup of coffee")
WEIGHTS = (1, 10, 100, 1000, 10000)


def content_picture(name: str) -> np.ndarray:
    """One of the course's colour photos, shrunk to 43 × 43: (3, 43, 43)."""
    return datasets.photo(CONTENTS[name])[:, ::SHRINK, ::SHRINK]


def style_picture(name: str) -> np.ndarray:
    """A style: the stained-glass window made in code (ddn.style.stained_glass), or a photo."""
    if name == "stained glass":
        return stained_glass(43, cells=14, seed=0)
    photo = {"brick wall": "brick", "grass": "grass"}.get(name) or CONTENTS[name]
    return datasets.photo(photo)[:, ::SHRINK, ::SHRINK]


_PAINTINGS: dict = {}


def painting(content: str, style: str, weight: float, progress=None, frame=None) -> dict:
    """The frames of one painting (steps -> ddn.style.Stylised), made once per session.

    L-BFGS is deterministic, so `transfer(..., steps=k)` is the picture a longer run passes
    through after k steps: each frame is its own run from the content picture.
    `progress(done, total)` is told after every step of every run, `frame(steps, result)`
    after every run.
    """
    key = (content, style, float(weight))
    if key not in _PAINTINGS:
        frames, done, total = {}, 0, sum(FRAMES)
        for steps in FRAMES:
            def told(step, _, before=done):
                if progress is not None:
                    progress(before + step, total)

            frames[steps] = transfer(content_picture(content), style_picture(style),
                                     style_weight=float(weight), steps=steps, progress=told)
            done += steps
            if frame is not None:
                frame(steps, frames[steps])
        _PAINTINGS[key] = frames
    return _PAINTINGS[key]


def _colour(picture):
    return np.clip(picture.transpose(1, 2, 0), 0, 1)       # (3, h, w) -> (h, w, 3) for imshow


class StyleApp(App):
    """Content, style, their painting after `step` steps, and the two losses step by step.

    The style loss says how far the painting's feature correlations (Gram matrices) are from
    the style picture's; the content loss, how far its feature maps are from the content
    picture's. The optimiser lowers style weight × style loss + content loss, so a larger
    style weight gives more style and less of the content.

    State: `frames` (steps -> Stylised, or None before "paint"), `shown` (the picture shown),
    `painting_now` (True while painting), `progress` (steps done, of `sum(FRAMES)`).
    """

    def __init__(self, content: str = "Chelsea the cat", style: str = "stained glass",
                 style_weight: float = 100, step: int = FRAMES[-1], paint: bool = True):
        self.content = widgets.Dropdown(options=tuple(CONTENTS), value=content,
                                        description="content", style=STYLE,
                                        layout=widgets.Layout(width="260px"))
        self.style_choice = widgets.Dropdown(options=STYLES, value=style, description="style",
                                             style=STYLE, layout=widgets.Layout(width="260px"))
        self.weight = GridSlider(WEIGHTS, style_weight, description="style weight",
                                 style={"description_width": "90px"},
                                 layout=widgets.Layout(width="400px"))
        self.step = GridSlider(FRAMES, step, description="step", style=STYLE,
                               layout=widgets.Layout(width="400px"))
        self.paint_button = widgets.Button(description="paint", icon="paint-brush",
                                           tooltip="repaint the content in the style "
                                                   f"({FRAMES[-1]} steps, a second or two)",
                                           layout=widgets.Layout(width="120px"))
        self.paint_button.on_click(lambda _: self.paint())
        self.painting_now, self.progress = False, 0
        self.pictures = {}

        fig = blank_figure(10.4, 3.0)
        grid = fig.add_gridspec(1, 4, width_ratios=(1, 1, 1, 1.5))
        content_ax, style_ax, paint_ax, self.loss_ax = (fig.add_subplot(grid[0, i])
                                                        for i in range(4))
        blank = np.zeros((43, 43, 3))
        self.content_image = content_ax.imshow(blank, interpolation="nearest")
        self.style_image = style_ax.imshow(blank, interpolation="nearest")
        self.paint_image = paint_ax.imshow(blank, interpolation="nearest")
        for ax, title in ((content_ax, "content"), (style_ax, "style")):
            bare(ax)
            ax.set_title(title, fontsize=9)
        bare(paint_ax)
        self.paint_title = paint_ax.set_title("", fontsize=9)
        self.curves = {name: self.loss_ax.semilogy([], [], color=colour, lw=1.6,
                                                   label=f"{name} loss")[0]
                       for name, colour in (("style", CLASS_COLOURS[1]),
                                            ("content", CLASS_COLOURS[0]))}
        (self.dots,) = self.loss_ax.semilogy([], [], "o", color=HIGHLIGHT, mec=INK, ms=6)
        self.loss_ax.set_xlim(-0.5, FRAMES[-1] + 0.5)
        self.loss_ax.set_ylim(1e-5, 3)
        self.loss_ax.set_yticks([1e-4, 1e-2, 1])                 # few ticks: a quick draw
        self.loss_ax.yaxis.set_minor_locator(NullLocator())
        self.loss_ax.set_xlabel("step", fontsize=8)
        self.loss_ax.tick_params(labelsize=8)
        self.loss_legend = self.loss_ax.legend(loc="lower left", fontsize=7, frameon=False)
        self.loss_title = self.loss_ax.set_title("", fontsize=9)
        moving = [self.content_image, self.style_image, self.paint_image, self.paint_title,
                  *self.curves.values(), self.dots, *self.loss_ax.spines.values(),
                  self.loss_legend, self.loss_title]
        super().__init__(fig, [self.content, self.style_choice, self.weight, self.step],
                         moving=by_depth(moving))
        if paint:
            self.paint(live=False)

    def _layout_controls(self):
        return widgets.VBox([widgets.HBox([self.content, self.style_choice]), self.weight,
                             widgets.HBox([self.paint_button, self.step])])

    @property
    def key(self):
        return (self.content.value, self.style_choice.value, float(self.weight.value))

    @property
    def frames(self):
        return _PAINTINGS.get(self.key)

    def paint(self, live: bool = True) -> None:
        """Make the painting of the chosen content, style and weight (unless it is made
        already), showing the steps done as it goes and, with `live`, each frame when ready;
        then show its last frame."""
        if self.painting_now:
            return
        self.painting_now, self.paint_button.disabled = True, True
        try:
            def told(done, total):
                self.progress = done
                if live:
                    self.show_text(f"painting: {done} of {total} steps ...")

            def shown(steps, result):
                if live:
                    self.paint_image.set_data(_colour(result.image))
                    self.paint_title.set_text(f"painting: after {steps} steps")
                    self.image.value = self.render(self.live_format)

            painting(*self.key, progress=told, frame=shown)
        finally:
            self.painting_now, self.paint_button.disabled = False, False
        with self.batch():
            self.step.value = FRAMES[-1]

    def _picture(self, name, maker):
        if name not in self.pictures:
            self.pictures[name] = maker(name)
        return self.pictures[name]

    def redraw(self):
        content = self._picture(("content", self.content.value),
                                lambda key: content_picture(key[1]))
        style = self._picture(("style", self.style_choice.value),
                              lambda key: style_picture(key[1]))
        self.content_image.set_data(_colour(content))
        self.style_image.set_data(_colour(style))
        frames, step = self.frames, int(self.step.value)
        if frames is None:
            self.shown = content
            self.paint_title.set_text("not painted yet: press paint")
            for line in (*self.curves.values(), self.dots):
                line.set_data([], [])
        else:
            self.shown = frames[step].image
            last = frames[FRAMES[-1]]
            self.paint_title.set_text(f"painted, after {step} steps")
            for name, line in self.curves.items():
                losses = np.asarray(getattr(last, f"{name}_losses"))
                shown = np.where(losses > 0, np.maximum(losses, 1e-5), np.nan)  # log: no 0
                line.set_data(np.arange(len(losses)), shown)
            losses = frames[step]
            self.dots.set_data([step, step], np.maximum([losses.style_losses[-1],
                                                         losses.content_losses[-1]], 1e-5))
        self.paint_image.set_data(_colour(self.shown))
        self.loss_title.set_text(f"losses, style weight {num(self.weight.value)}")

    def describe(self):
        frames, step = self.frames, int(self.step.value)
        if frames is None:
            return (f"{self.content.value} in the style of {self.style_choice.value}, style "
                    f"weight {num(self.weight.value)}: not painted yet. Press paint "
                    f"({FRAMES[-1]} steps).")
        shown, start = frames[step], frames[0]
        return (f"{self.content.value} in the style of {self.style_choice.value}, style "
                f"weight {num(self.weight.value)}, after {step} steps: style loss "
                f"{start.style_losses[0]:.3g} → {shown.style_losses[-1]:.3g} "
                f"(down {1 - shown.style_losses[-1] / start.style_losses[0]:.1%}), content "
                f"loss {shown.content_losses[-1]:.3g} (0 is the content picture itself).")
