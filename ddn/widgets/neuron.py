"""Widgets for notebook 02: the festival neuron and the admissions line."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._format import num, signed
from ..examples import admissions, festival
from ..plots.boundary import RegionImage, line_in_box, scatter_classes
from ..plots.figure import new_figure
from ..plots.style import FACTOR_COLOURS, GO, INK, STOP
from .base import App
from .controls import NumberSlider

_SLIDER = dict(continuous_update=True, style={"description_width": "110px"},
               layout=widgets.Layout(width="300px"))


class FestivalApp(App):
    """Scores and importances as sliders; a bar of weighted contributions against the threshold.

    State: `neuron`, `scores`, `total` (the weighted sum) and `decision` ("go"/"stay home").
    """

    def __init__(self, scores=festival.SCORES, weights=festival.WEIGHTS,
                 threshold=festival.THRESHOLD):
        names = festival.FACTORS
        self.score_sliders = [widgets.IntSlider(value=int(s), min=0, max=4,
                                                description=f"{n} score", **_SLIDER)
                              for n, s in zip(names, scores)]
        self.weight_sliders = [widgets.IntSlider(value=int(w), min=0, max=4,
                                                 description=f"{n} weight", **_SLIDER)
                               for n, w in zip(names, weights)]
        self.threshold_slider = widgets.IntSlider(value=int(threshold), min=0, max=64,
                                                  description="threshold", **_SLIDER)
        fig, ax = new_figure(7.5, 2.6)
        self.ax = ax
        self.bars = ax.barh([0] * 4, [1] * 4, left=[0] * 4, height=0.5, color=FACTOR_COLOURS,
                            edgecolor="white")
        self.bar_labels = [ax.text(0, 0, "", ha="center", va="center", fontsize=9,
                                   color="white", weight="bold") for _ in names]
        self.threshold_line = ax.axvline(threshold, color=INK, lw=2, ls="--")
        self.threshold_label = ax.text(threshold, 0.42, "", ha="center", va="bottom",
                                       fontsize=9, color=INK)
        self.verdict = ax.set_title("", fontsize=14, weight="bold")
        ax.legend(self.bars.patches, names, loc="upper right", ncol=4, fontsize=8,
                  frameon=False)
        ax.set_xlim(0, 64)
        ax.set_ylim(-0.5, 0.75)
        ax.set_yticks([])
        ax.set_xlabel("weighted sum: each block is score × weight")
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        controls = [*self.score_sliders, *self.weight_sliders, self.threshold_slider]
        super().__init__(fig, controls)

    def _layout_controls(self):
        return widgets.VBox([
            widgets.HBox([widgets.VBox(self.score_sliders), widgets.VBox(self.weight_sliders)]),
            self.threshold_slider])

    @property
    def scores(self):
        return [s.value for s in self.score_sliders]

    def redraw(self):
        weights = [s.value for s in self.weight_sliders]
        threshold = self.threshold_slider.value
        self.neuron = festival.festival_neuron(weights, threshold)
        self.total = self.neuron.weighted_sum(self.scores)
        self.decision = self.neuron.decide(self.scores)
        left = 0.0
        for bar, label, score, weight, name in zip(self.bars, self.bar_labels, self.scores,
                                                   weights, festival.FACTORS):
            width = score * weight
            bar.set_x(left)
            bar.set_width(width)
            label.set_position((left + width / 2, 0))
            label.set_text(f"{name}\n{score}×{weight}" if width >= 6 else "")
            left += width
        self.threshold_line.set_xdata([threshold, threshold])
        self.threshold_label.set_position((threshold, 0.3))
        self.threshold_label.set_text(f"threshold {threshold}")
        go = self.decision == "go"
        comparison = ">" if go else "≤"
        self.verdict.set_text(f"{self.decision.upper()}   ({num(self.total)} {comparison} "
                              f"{threshold})")
        self.verdict.set_color(GO if go else STOP)

    def describe(self):
        return f"{self.neuron.explain(self.scores)}\n(threshold {self.threshold_slider.value} " \
               f"is the same as a bias of {num(self.neuron.bias)})"


class AdmissionsApp(App):
    """Weights and bias as sliders; the decision line and the accept region over the applicants.

    State: `neuron`, `agree` (how many past decisions it reproduces) and `line` (the drawn line).
    """

    LIMITS = (0.0, 10.0)

    def __init__(self, weights=admissions.WEIGHTS, bias=admissions.BIAS, data=None):
        self.x, self.y = data if data is not None else admissions.admissions_data()
        style = dict(_SLIDER, step=0.1)
        self.w1 = NumberSlider(weights[0], min=-3, max=3, description="w1 (test score)", **style)
        self.w2 = NumberSlider(weights[1], min=-3, max=3, description="w2 (grades)", **style)
        self.b = NumberSlider(bias, min=-40, max=20, description="bias", **style)
        fig, ax = new_figure(5.5, 4.6)
        self.region = RegionImage(ax, self.LIMITS, self.LIMITS, resolution=120)
        scatter_classes(ax, self.x, self.y, names=("rejected", "accepted"))
        (self.line,) = ax.plot([], [], color=INK, lw=2.5, label="decision boundary")
        ax.set_xlim(*self.LIMITS)
        ax.set_ylim(*self.LIMITS)
        ax.set_xlabel("x1: test score")
        ax.set_ylabel("x2: grades")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3, fontsize=8,
                  frameon=False)
        self.title = ax.set_title("")
        super().__init__(fig, [self.w1, self.w2, self.b])

    def redraw(self):
        w1, w2, b = self.w1.value, self.w2.value, self.b.value
        self.neuron = admissions.admissions_neuron((w1, w2), b)
        self.region.show(self.neuron(self.region.points))
        self.line.set_data(*line_in_box(w1, w2, b, self.LIMITS, self.LIMITS))
        said = self.neuron(self.x)
        self.agree = int(np.sum(said == self.y))
        self.accepted = int(np.sum(said))
        self.title.set_text(f"{num(w1)}·x1 {signed(w2)}·x2 {signed(b)} = 0")

    def describe(self):
        n = len(self.y)
        return (f"accept when {num(self.w1.value)}·test {signed(self.w2.value)}·grades "
                f"{signed(self.b.value)} > 0\n"
                f"accepts {self.accepted} of {n} applicants; agrees with {self.agree} of {n} "
                "past decisions")

