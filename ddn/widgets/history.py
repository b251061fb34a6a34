"""Widget for notebook 00: a timeline of neural networks' three waves."""

from __future__ import annotations

import ipywidgets as widgets

from ..examples.history import MILESTONES, WAVES
from ..plots.figure import new_figure
from ..plots.style import HIGHLIGHT, INK
from .base import App

WAVE_COLOURS = {"cybernetics": "#dbe9f6", "connectionism": "#e6f2e1", "deep learning": "#fbe5d6"}


class TimelineApp(App):
    """Step through the milestones; the chosen one is highlighted on the timeline.

    State: `milestone` (the chosen Milestone).
    """

    def __init__(self, year: int = 1958):
        years = [m.year for m in MILESTONES]
        self.slider = widgets.SelectionSlider(options=years, value=year, description="year",
                                              continuous_update=True,
                                              layout=widgets.Layout(width="520px"))
        fig, ax = new_figure(8, 2.4)
        for name, start, end in WAVES:
            ax.axvspan(start, end, color=WAVE_COLOURS[name], zorder=0)
            ax.text((start + end) / 2, 0.85, name, ha="center", fontsize=9, color=INK)
        (dots,) = ax.plot(years, [0] * len(years), "o", color=INK, zorder=2)
        ax.axhline(0, color=INK, lw=1, zorder=1)
        (self.marker,) = ax.plot([], [], "o", ms=11, color=HIGHLIGHT, zorder=1.5)
        self.caption = ax.text(0, -0.45, "", ha="center", fontsize=10, color=INK)
        ax.set_xlim(1935, 2022)
        ax.set_ylim(-0.8, 1.1)
        ax.set_yticks([])
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        # Redrawn on each move, in this order: the highlight, the dots over it, the caption.
        super().__init__(fig, [self.slider], moving=[self.marker, dots, self.caption])

    def redraw(self):
        self.milestone = next(m for m in MILESTONES if m.year == self.slider.value)
        year = self.milestone.year
        self.marker.set_data([year], [0])
        # Centre the caption under its year, but keep it inside the axes at either end.
        self.caption.set_position((year, -0.5))
        self.caption.set_horizontalalignment("left" if year < 1965 else
                                             "right" if year > 1990 else "center")
        self.caption.set_text(f"{year}: {self.milestone.event}")

    def describe(self):
        m = self.milestone
        return f"{m.year} ({m.wave}): {m.event}"
