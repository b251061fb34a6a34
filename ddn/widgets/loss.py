"""Widgets for notebook 05: how wrong is the network?"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Rectangle

from .._format import num
from ..examples.landscapes import FOUR_POINTS
from ..plots.figure import new_figure
from ..plots.style import CLASS_COLOURS, GO, HIGHLIGHT, INK
from .base import App
from .controls import NumberSlider

_SLIDER = dict(continuous_update=True, style={"description_width": "80px"},
               layout=widgets.Layout(width="340px"))


class LineFitApp(App):
    """Move a line over four points; each point's squared error is drawn as a real square.

    The mean squared error (MSE) is the average area of the squares. "Best fit" jumps to the
    line with the smallest MSE. State: `residuals`, `mse`.
    """

    def __init__(self, slope: float = 0.3, intercept: float = 2.0, points=FOUR_POINTS):
        self.x, self.y = (np.asarray(v, dtype=float) for v in points)
        design = np.column_stack([self.x, np.ones_like(self.x)])
        self.best = tuple(float(v) for v in np.linalg.lstsq(design, self.y, rcond=None)[0])
        self.slope = NumberSlider(slope, min=-1, max=3, step=0.05, description="slope",
                                  **_SLIDER)
        self.intercept = NumberSlider(intercept, min=-2, max=5, step=0.05,
                                      description="intercept", **_SLIDER)
        self.best_button = widgets.Button(description="best fit", button_style="info")
        self.best_button.on_click(lambda _: self.set_line(*self.best))
        fig, ax = new_figure(6.2, 4.4)
        self.squares = [ax.add_patch(Rectangle((0, 0), 0, 0, fc=HIGHLIGHT, ec=INK, alpha=0.35,
                                               lw=0.8)) for _ in self.x]
        (self.stems,) = ax.plot([], [], color=INK, lw=1, ls=":")
        (self.line,) = ax.plot([], [], color=INK, lw=2.2)
        ax.scatter(self.x, self.y, s=60, color=CLASS_COLOURS[1], zorder=4)
        ax.set_xlim(0, 7)
        ax.set_ylim(-0.5, 7)
        ax.set_aspect("equal")  # so that the squares look square
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        self.title = ax.set_title("")
        super().__init__(fig, [self.slope, self.intercept, self.best_button])

    def _layout_controls(self):
        return widgets.VBox([self.slope, self.intercept, self.best_button])

    def set_line(self, slope, intercept):
        with self.batch():
            self.slope.value, self.intercept.value = slope, intercept

    def redraw(self):
        m, c = self.slope.value, self.intercept.value
        predicted = m * self.x + c
        self.residuals = self.y - predicted
        self.mse = float(np.mean(self.residuals ** 2))
        xs = np.array([0.0, 7.0])
        self.line.set_data(xs, m * xs + c)
        for square, x, p, r in zip(self.squares, self.x, predicted, self.residuals):
            # a square with one side along the vertical gap, towards the right of the point
            square.set_bounds(x, min(p, p + r), abs(r), abs(r))
        gaps_x = np.repeat(self.x, 3)
        gaps_y = np.column_stack([self.y, predicted, np.full_like(self.y, np.nan)]).ravel()
        gaps_x[2::3] = np.nan
        self.stems.set_data(gaps_x, gaps_y)
        best = abs(self.mse - self.best_mse) < 1e-9
        self.title.set_text(f"MSE = {num(self.mse, 4)}" + ("  (the best possible)" if best
                                                           else ""))
        self.title.set_color(GO if best else INK)

    @property
    def best_mse(self) -> float:
        m, c = self.best
        return float(np.mean((self.y - (m * self.x + c)) ** 2))

    def describe(self):
        squares = " + ".join(num(round(r * r, 4)) for r in self.residuals)
        return (f"line y = {num(self.slope.value)}·x {'−' if self.intercept.value < 0 else '+'} "
                f"{num(abs(self.intercept.value))}\nMSE = ({squares}) / {len(self.x)} = "
                f"{num(round(self.mse, 4))}")


class CrossEntropyApp(App):
    """How the cross-entropy −log(p) punishes the probability p given to the right answer.

    Compare it with the squared error (1 − p)²: both are 0 when p = 1, but only the
    cross-entropy shoots up when a model is confidently wrong. State: `loss`, `squared`.
    """

    def __init__(self, probability: float = 0.38):
        self.p = NumberSlider(probability, min=0.001, max=1.0, step=0.001,
                              description="P(right answer)", style={"description_width":
                                                                           "110px"},
                                     layout=widgets.Layout(width="440px"))
        fig, ax = new_figure(6, 3.6)
        ps = np.linspace(0.001, 1, 500)
        ax.plot(ps, -np.log(ps), color=CLASS_COLOURS[1], lw=2, label="cross-entropy −log(p)")
        ax.plot(ps, (1 - ps) ** 2, color=CLASS_COLOURS[0], lw=2, label="squared error (1 − p)²")
        (self.points,) = ax.plot([], [], "o", color=HIGHLIGHT, ms=9, zorder=3)
        ax.set_xlim(0, 1.02)
        ax.set_ylim(0, 7.2)  # −log(0.001) ≈ 6.9: the slider's far end stays in view
        ax.set_xlabel("probability the model gave to the right answer")
        ax.set_ylabel("loss")
        ax.legend(loc="upper right", fontsize=9)
        super().__init__(fig, [self.p])

    def redraw(self):
        p = self.p.value
        self.loss, self.squared = float(-np.log(p)) + 0.0, float((1 - p) ** 2)  # no −0.0
        self.points.set_data([p, p], [self.loss, self.squared])

    def describe(self):
        p = self.p.value
        return (f"p = {num(p)}: cross-entropy −log({num(p)}) = {num(round(self.loss, 4))}, "
                f"squared error (1 − {num(p)})² = {num(round(self.squared, 4))}")
