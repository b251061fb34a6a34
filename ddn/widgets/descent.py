"""Widgets for notebook 06: gradient descent on loss landscapes."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from .._format import num, signed
from ..examples.landscapes import FOUR_POINTS, landscapes
from ..plots.figure import blank_figure, new_figure
from ..plots.style import CLASS_COLOURS, GO, HIGHLIGHT, INK
from ..surfaces import LineFit, descend, stable_limit
from .base import App
from .controls import LogSlider, NumberSlider

_WIDE = dict(continuous_update=True, style={"description_width": "100px"},
             layout=widgets.Layout(width="360px"))
CMAP = "viridis"


def _inside(path, limits):
    """The path with points outside the drawing limits hidden (a diverging walk flies off)."""
    (a, b), (c, d) = limits
    shown = path.astype(float).copy()
    outside = (shown[:, 0] < a) | (shown[:, 0] > b) | (shown[:, 1] < c) | (shown[:, 1] > d)
    shown[outside] = np.nan
    return shown


class DescentApp(App):
    """The landscape in 3-D and as a contour map, with the path gradient descent takes.

    Choose the surface, the start, the learning rate, momentum and the number of steps; "step"
    adds one step, "reset" goes back to the start. State: `surface`, `descent`.
    """

    live_format = "jpeg"  # big shaded frames: JPEG encodes in a fraction of PNG's time

    def __init__(self, surface: str = "bowl", learning_rate: float = 0.1, steps: int = 20,
                 momentum: float = 0.0):
        self.surfaces = landscapes()
        self.choice = widgets.Dropdown(options=list(self.surfaces), value=surface,
                                       description="surface")
        self.rate = LogSlider(learning_rate, low=0.001, high=3, description="learning rate",
                              mantissas=(1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8), **_WIDE)
        self.momentum = NumberSlider(momentum, min=0, max=0.95, step=0.05, description="momentum",
                                     **_WIDE)
        self.steps = widgets.IntSlider(value=steps, min=0, max=300, description="steps", **_WIDE)
        self.w1 = NumberSlider(0, min=-1, max=1, step=0.05, description="start w1", **_WIDE)
        self.w2 = NumberSlider(0, min=-1, max=1, step=0.05, description="start w2", **_WIDE)
        self.step_button = widgets.Button(description="step", icon="forward")
        self.reset_button = widgets.Button(description="reset", icon="undo")
        self.step_button.on_click(lambda _: setattr(self.steps, "value", self.steps.value + 1))
        self.reset_button.on_click(lambda _: setattr(self.steps, "value", 0))

        fig = blank_figure(10, 4.4)
        self.ax3d = fig.add_subplot(1, 2, 1, projection="3d")
        self.ax = fig.add_subplot(1, 2, 2)
        (self.path3d,) = self.ax3d.plot([], [], [], color=HIGHLIGHT, lw=2, marker="o", ms=3,
                                        zorder=10)
        (self.path,) = self.ax.plot([], [], color=HIGHLIGHT, lw=1.8, marker="o", ms=3)
        (self.start_mark,) = self.ax.plot([], [], "o", color="white", mec=INK, ms=9)
        (self.end_mark,) = self.ax.plot([], [], "*", color=HIGHLIGHT, mec=INK, ms=15)
        self._artists = []
        self._build_surface()
        self.choice.observe(self._change_surface, names="value")
        super().__init__(fig, [self.rate, self.momentum, self.steps, self.w1, self.w2])

    def _layout_controls(self):
        left = widgets.VBox([self.choice, self.rate, self.momentum, self.steps])
        right = widgets.VBox([self.w1, self.w2,
                              widgets.HBox([self.step_button, self.reset_button])])
        return widgets.HBox([left, right])

    def _build_surface(self):
        """Draw the chosen surface once (3-D and contours); paths are drawn over it later."""
        for artist in self._artists:
            artist.remove()
        self.surface = self.surfaces[self.choice.value]
        (a, b), (c, d) = self.surface.limits
        for slider, (low, high), value in zip((self.w1, self.w2), self.surface.limits,
                                              self.surface.start):
            slider.set_range(low, high, value)
        g1, g2, loss = self.surface.grid(60)
        self.zlim = (float(loss.min()), float(loss.max()))
        surf = self.ax3d.plot_surface(g1, g2, loss, cmap=CMAP, alpha=0.75, linewidth=0,
                                      rstride=2, cstride=2, antialiased=False)
        filled = self.ax.contourf(g1, g2, loss, levels=25, cmap=CMAP)
        lines = self.ax.contour(g1, g2, loss, levels=25, colors="white", linewidths=0.4,
                                alpha=0.5)
        self._artists = [surf, filled, lines]
        self.ax3d.set_xlim(a, b)
        self.ax3d.set_ylim(c, d)
        self.ax3d.set_zlim(*self.zlim)
        self.ax3d.set_xlabel(self.surface.labels[0])
        self.ax3d.set_ylabel(self.surface.labels[1])
        self.ax3d.set_zlabel("loss")
        for axis in (self.ax3d.xaxis, self.ax3d.yaxis, self.ax3d.zaxis):
            axis.set_major_locator(MaxNLocator(4))
        self.ax.set_xlim(a, b)
        self.ax.set_ylim(c, d)
        self.ax.set_xlabel(self.surface.labels[0])
        self.ax.set_ylabel(self.surface.labels[1])
        self.ax.set_title(f"{self.surface.name}: {self.surface.description}", fontsize=10)

    def _change_surface(self, change=None):
        with self.batch():
            self._build_surface()

    def redraw(self):
        start = (self.w1.value, self.w2.value)
        self.descent = descend(self.surface, start, self.rate.value, self.steps.value,
                               self.momentum.value)
        shown = _inside(self.descent.path, self.surface.limits)
        z = np.clip(self.descent.losses, *self.zlim)
        z[np.isnan(shown[:, 0])] = np.nan
        self.path3d.set_data_3d(shown[:, 0], shown[:, 1], z)
        self.path.set_data(shown[:, 0], shown[:, 1])
        self.start_mark.set_data([start[0]], [start[1]])
        self.end_mark.set_data(shown[-1:, 0], shown[-1:, 1])

    def describe(self):
        d, m = self.descent, self.momentum.value
        limit = stable_limit(self.surface, m)
        text = f"{self.surface.name}, learning rate {num(self.rate.value, 3)}"
        if m:
            text += f", momentum {num(m)}"
        text += f": {d.message}"
        if limit and d.status != "diverged":
            formula = "2·(1 + momentum)/curvature" if m else "2/curvature"
            text += f"\n(largest stable learning rate here: {formula} = {num(limit, 3)})"
        return text


class BlindfoldApp(App):
    """Descend blindfolded: you only feel the ground around your feet.

    Around the current point the app "feels" the loss a little way off in eight directions
    (green arrows go down, grey ones don't) and shows the step it will take, minus the gradient
    times the learning rate (the yellow arrow). "step" walks
    that way by learning rate × gradient. Tick "lift the blindfold" to see the whole map.
    State: `position`, `path`, `loss`.
    """

    RADIUS = 0.6

    def __init__(self, surface: str = "valleys", learning_rate: float = 0.6, start=(-2.2, 2.2)):
        self.surface = landscapes()[surface]
        self.start = np.array(self.surface.start if start is None else start, dtype=float)
        self.rate = NumberSlider(learning_rate, min=0.05, max=2, step=0.05,
                                 description="learning rate", **_WIDE)
        self.reveal = widgets.Checkbox(value=False, description="lift the blindfold",
                                       indent=False)
        self.step_button = widgets.Button(description="feel and step", icon="forward")
        self.reset_button = widgets.Button(description="reset", icon="undo")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.path = [self.start.copy()]

        fig, ax = new_figure(5.4, 5)
        g1, g2, loss = self.surface.grid(120)
        ax.contourf(g1, g2, loss, levels=25, cmap=CMAP)
        (a, b), (c, d) = self.surface.limits
        self.fog = ax.imshow(np.zeros((120, 120, 4)), extent=(a, b, c, d), origin="lower",
                             zorder=2, interpolation="bilinear")
        self._grid = (g1, g2)
        (self.trail,) = ax.plot([], [], color=HIGHLIGHT, lw=1.5, marker="o", ms=3, zorder=3)
        angles = np.linspace(0, 2 * np.pi, 8, endpoint=False)
        self.directions = np.column_stack([np.cos(angles), np.sin(angles)])
        self.probes = ax.quiver(np.zeros(8), np.zeros(8), np.zeros(8), np.zeros(8), zorder=4,
                                angles="xy", scale_units="xy", scale=1, width=0.006)
        self.arrow = ax.quiver([0], [0], [0], [0], color=HIGHLIGHT, zorder=5, angles="xy",
                               scale_units="xy", scale=1, width=0.014, edgecolor=INK,
                               linewidth=0.8)
        ax.set_xlim(a, b)
        ax.set_ylim(c, d)
        ax.set_aspect("equal")
        ax.set_xlabel("w1")
        ax.set_ylabel("w2")
        self.title = ax.set_title("")
        super().__init__(fig, [self.rate, self.reveal])

    def _layout_controls(self):
        return widgets.VBox([self.rate, widgets.HBox([self.step_button, self.reset_button,
                                                      self.reveal])])

    @property
    def position(self) -> np.ndarray:
        return self.path[-1]

    def step(self):
        """One blindfolded step: against the slope felt underfoot."""
        self.path.append(self.position - self.rate.value * self.surface.gradient(self.position))
        self.update()

    def reset(self):
        self.path = [self.start.copy()]
        self.update()

    def redraw(self):
        here = self.position
        self.loss = float(self.surface.loss(*here))
        # Feel the ground a small step away in eight directions (the foot), and draw an arrow
        # towards each: green where it is lower than here, grey where it is not.
        probe_points = here + 0.1 * self.directions
        downhill = self.surface.loss(probe_points[:, 0], probe_points[:, 1]) < self.loss
        self.probes.set_offsets(np.tile(here, (8, 1)))
        self.probes.set_UVC(*(0.5 * self.directions).T)
        self.probes.set_color([GO if d else "#9e9e9e" for d in downhill])
        step = -self.rate.value * self.surface.gradient(here)
        self.arrow.set_offsets([here])
        self.arrow.set_UVC([step[0]], [step[1]])
        g1, g2 = self._grid
        distance = np.hypot(g1 - here[0], g2 - here[1])
        fog = np.zeros(g1.shape + (4,))
        fog[..., :3] = 0.93
        fog[..., 3] = 0 if self.reveal.value else np.clip((distance - self.RADIUS) * 8, 0, 1)
        self.fog.set_data(fog)
        trail = np.array(self.path)
        self.trail.set_data(trail[:, 0], trail[:, 1])
        self.title.set_text(f"step {len(self.path) - 1}: loss {num(round(self.loss, 4))}")

    def describe(self):
        here = self.position
        g = self.surface.gradient(here)
        return (f"at ({num(round(here[0], 3))}, {num(round(here[1], 3))}) the loss is "
                f"{num(round(self.loss, 4))}; the slope underfoot (the gradient) is "
                f"({num(round(g[0], 3))}, {num(round(g[1], 3))}), so the next step goes "
                f"{num(self.rate.value)} × its opposite")


class LinkedDescentApp(App):
    """Two views of one descent: the weights walking down the loss surface, and the line those
    weights draw through the data getting better. State: `descent`, `weights`, `mse`.
    """

    def __init__(self, learning_rate: float = 0.1, steps: int = 0, points=FOUR_POINTS):
        self.surface = LineFit(*points)
        self.rate = NumberSlider(learning_rate, min=0.005, max=0.13, step=0.005,
                                 description="learning rate", **_WIDE)
        self.steps = widgets.IntSlider(value=steps, min=0, max=300, description="steps",
                                       **_WIDE)
        fig, (left, right) = new_figure(10, 4.2, 1, 2)
        g1, g2, loss = self.surface.grid(100)
        left.contourf(g1, g2, np.log(loss), levels=25, cmap=CMAP)
        (self.path,) = left.plot([], [], color=HIGHLIGHT, marker="o", ms=3, lw=1.5)
        (self.here,) = left.plot([], [], "*", color=HIGHLIGHT, mec=INK, ms=15)
        (best,) = left.plot(*self.surface.minimum, "+", color="white", ms=12, mew=2)
        left.set_xlabel("slope w1")
        left.set_ylabel("intercept w2")
        left.set_title("the loss over the two weights (darker = lower)", fontsize=10)
        points = right.scatter(self.surface.x, self.surface.y, s=60, color=CLASS_COLOURS[1],
                               zorder=3)
        (self.line,) = right.plot([], [], color=INK, lw=2)
        right.set_xlim(0, 5)
        right.set_ylim(-4, 10)
        right.set_xlabel("x")
        right.set_ylabel("y")
        self.title = right.set_title("")
        moving = [self.path, self.here, best, self.line, points, *right.spines.values(),
                  self.title]  # in drawing order: what lies over a moving artist moves too
        super().__init__(fig, [self.rate, self.steps], moving)

    def redraw(self):
        self.descent = descend(self.surface, None, self.rate.value, self.steps.value)
        self.weights = self.descent.end
        self.mse = float(self.descent.losses[-1])
        shown = _inside(self.descent.path, self.surface.limits)
        self.path.set_data(shown[:, 0], shown[:, 1])
        self.here.set_data(shown[-1:, 0], shown[-1:, 1])
        xs = np.array([0.0, 5.0])
        self.line.set_data(xs, self.surface.predict(self.weights, xs))
        steps = len(self.descent.path) - 1
        self.title.set_text(f"after {steps} step{'' if steps == 1 else 's'}: MSE "
                            f"{num(round(self.mse, 4))}")

    def describe(self):
        w1, w2 = (round(float(v), 3) + 0.0 for v in self.weights)
        steps = len(self.descent.path) - 1
        return (f"after {steps} step{'' if steps == 1 else 's'}: line y = {num(w1)}·x "
                f"{signed(w2)}, MSE "
                f"{num(round(self.mse, 4))} (best possible {num(self.surface.offset)})"
                + (f"\n{self.descent.message}" if self.descent.status == "diverged" else ""))
