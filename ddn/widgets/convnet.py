"""Widgets for notebook 10: ConvNets.

- ImageNetApp: the ImageNet Challenge year by year: the top-5 error of each year's winner,
               the ConvNets from 2012 on, and the human estimate.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Patch

from ..examples import imagenet
from ..plots.figure import new_figure
from ..plots.style import CLASS_COLOURS, GO, INK, STOP
from .base import App
from .controls import NumberSlider

_STYLE = {"description_width": "110px"}
_WIDE = widgets.Layout(width="380px")


class ImageNetApp(App):
    """The winners' top-5 error, revealed year by year up to `year`; ConvNets in orange.

    State: `shown` (the results on the chart) and `latest` (the last of them).
    """

    def __init__(self, year: int = 2011, human: bool = True):
        first, last = imagenet.WINNERS[0].year, imagenet.WINNERS[-1].year
        self.year = NumberSlider(year, min=first, max=last, step=1, description="up to the year",
                                 style=_STYLE, layout=_WIDE)
        self.human = widgets.Checkbox(value=human, description="show the human estimate (~5%)",
                                      indent=False)
        fig, ax = new_figure(7.2, 3.9)
        years = [r.year for r in imagenet.WINNERS]
        errors = [100 * r.top5_error for r in imagenet.WINNERS]
        colours = [CLASS_COLOURS[1] if r.convnet else STOP for r in imagenet.WINNERS]
        self.bars = ax.bar(years, errors, color=colours, width=0.7)
        self.labels = [ax.text(r.year, 100 * r.top5_error + 0.6,
                               f"{100 * r.top5_error:.3g}%\n{r.entry.split(' (')[0]}",
                               ha="center", va="bottom", fontsize=8, color=INK,
                               bbox=dict(fc="white", ec="none", pad=0.6, alpha=0.85))
                       for r in imagenet.WINNERS]
        self.human_line = ax.axhline(100 * imagenet.HUMAN, color=GO, lw=1.5, ls="--")
        self.human_text = ax.text(first - 0.55, 100 * imagenet.HUMAN + 0.5, "a person, ~5%",
                                  ha="left", va="bottom", fontsize=8, color=GO)
        ax.legend(handles=[Patch(color=STOP, label="other methods"),
                           Patch(color=CLASS_COLOURS[1], label="ConvNets")],
                  loc="upper right", fontsize=8, frameon=False)
        ax.set_xticks(years)
        ax.set_xlim(first - 0.6, last + 0.6)
        ax.set_ylim(0, 36)
        ax.set_ylabel("top-5 error (%)")
        ax.set_title("ImageNet Challenge: the winner's top-5 error", fontsize=10)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        super().__init__(fig, [self.year, self.human])

    def redraw(self):
        self.shown = [r for r in imagenet.WINNERS if r.year <= self.year.value]
        self.latest = self.shown[-1]
        for result, bar, label in zip(imagenet.WINNERS, self.bars, self.labels):
            visible = result.year <= self.year.value
            bar.set_visible(visible)
            label.set_visible(visible)
        self.human_line.set_visible(self.human.value)
        self.human_text.set_visible(self.human.value)

    def describe(self):
        r = self.latest
        kind = "a ConvNet" if r.convnet else "not a neural network"
        text = f"{r.year}: {r.entry}, top-5 error {100 * r.top5_error:.3g}% ({kind})"
        if len(self.shown) > 1:
            before = self.shown[-2]
            gain = 100 * (before.top5_error - r.top5_error)
            text += f"; {gain:.3g} points better than {before.year} " \
                    f"({100 * before.top5_error:.3g}%)"
        if r.top5_error < imagenet.HUMAN:
            text += ".\nBetter than the human estimate of about 5%."
        return text

    @property
    def gains(self) -> np.ndarray:
        """How many percentage points each shown year improved on the year before."""
        errors = np.array([100 * r.top5_error for r in self.shown])
        return -np.diff(errors)
