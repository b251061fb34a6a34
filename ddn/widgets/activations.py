"""Widgets for notebook 03: activation functions, and why a network needs them."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._format import num
from ..activations import ACTIVATIONS
from ..layers import Activation, Dense
from ..network import Network
from ..plots.figure import new_figure
from ..plots.style import HIGHLIGHT, INK
from .base import App
from .controls import NumberSlider

CHOICES = ("step", "sigmoid", "tanh", "relu")


class ActivationApp(App):
    """Choose an activation and a weighted sum z; read the output and the slope off the graphs.

    State: `output` and `slope` at the chosen z.
    """

    def __init__(self, activation: str = "sigmoid", z: float = 1.0):
        self.choice = widgets.ToggleButtons(options=CHOICES, value=activation,
                                            description="activation")
        self.z = NumberSlider(z, min=-6, max=6, step=0.1, description="sum z",
                              layout=widgets.Layout(width="420px"))
        fig, (left, right) = new_figure(8, 3.2, 1, 2)
        self.zs = np.linspace(-6, 6, 601)
        self.curves, self.points, self.guides = [], [], []
        for ax, title in ((left, "output = activation(z)"), (right, "slope (derivative)")):
            ax.axhline(0, color=INK, lw=0.6)
            ax.axvline(0, color=INK, lw=0.6)
            (curve,) = ax.plot(self.zs, self.zs, color=INK, lw=2)
            (point,) = ax.plot([], [], "o", ms=10, color=HIGHLIGHT, zorder=3)
            (guide,) = ax.plot([], [], ls=":", color=INK, lw=1)
            self.curves.append(curve)
            self.points.append(point)
            self.guides.append(guide)
            ax.set_xlim(-6, 6)
            ax.set_ylim(-1.2, 1.6)
            ax.set_xlabel("z (weighted sum plus bias)")
            ax.set_ylabel(title.split(" ")[0])
            ax.set_title(title, fontsize=10)
        super().__init__(fig, [self.choice, self.z])

    def redraw(self):
        f = ACTIVATIONS[self.choice.value]
        z = self.z.value
        self.output = float(f.function(np.array(z)))
        self.slope = float(f.derivative(np.array(z)))
        relu = self.choice.value == "relu"
        for curve, function in zip(self.curves, (f.function, f.derivative)):
            curve.set_ydata(function(self.zs))
            curve.axes.set_ylim(-1.2, 6.2 if relu and curve is self.curves[0] else 1.6)
        for point, guide, y in zip(self.points, self.guides, (self.output, self.slope)):
            point.set_data([z], [y])
            guide.set_data([z, z, -6], [0, y, y])

    def describe(self):
        name, z = self.choice.value, self.z.value
        return f"{name}({num(z)}) = {num(self.output, 4)}; slope there = {num(self.slope, 4)}"


class CollapseApp(App):
    freeze_layout = False  # the y axis changes its range, so its labels need room each time

    """A deep network on a single input: with no activation it is always a straight line.

    Choose the activation and the number of hidden layers. With "linear" the readout also
    collapses the whole network into one layer, y = w·x + b, and shows they agree.
    State: `network`, `outputs`, and (for linear) `collapsed` = (w, b) and `difference`.
    """

    def __init__(self, activation: str = "linear", depth: int = 3, width: int = 8, seed=4):
        self.choice = widgets.ToggleButtons(options=("linear", *CHOICES[1:]), value=activation,
                                            description="activation")
        self.depth = widgets.IntSlider(value=depth, min=1, max=6, description="hidden layers",
                                       style={"description_width": "100px"})
        self.width, self.seed = width, seed
        self.xs = np.linspace(-3, 3, 241)[:, None]
        fig, ax = new_figure(6, 3.4)
        (self.curve,) = ax.plot(self.xs[:, 0], self.xs[:, 0], color=INK, lw=2.2)
        ax.set_xlabel("input x")
        ax.set_ylabel("network output")
        ax.set_xlim(-3, 3)
        self.title = ax.set_title("")
        super().__init__(fig, [self.choice, self.depth])

    def _build(self):
        rng = np.random.default_rng(self.seed)  # same weights for every activation
        sizes = [1] + [self.width] * self.depth.value + [1]
        layers = []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            dense = Dense.random(n_in, n_out, rng, scale=1.2 / np.sqrt(n_in))
            dense.bias = rng.normal(0, 0.5, n_out)
            layers.append(dense)
            if i < len(sizes) - 2:
                layers.append(Activation(self.choice.value))
        return Network(layers)

    def redraw(self):
        self.network = self._build()
        self.outputs = self.network(self.xs)[:, 0]
        self.curve.set_ydata(self.outputs)
        ax = self.curve.axes
        low, high = self.outputs.min(), self.outputs.max()
        pad = max(0.1, 0.1 * (high - low))
        ax.set_ylim(low - pad, high + pad)
        self.collapsed = self.difference = None
        if self.choice.value == "linear":
            w, b = np.eye(1), np.zeros(1)
            for layer in self.network.layers:
                if isinstance(layer, Dense):
                    w, b = layer.weights @ w, layer.weights @ b + layer.bias
            self.collapsed = (float(w[0, 0]), float(b[0]))
            single = self.collapsed[0] * self.xs[:, 0] + self.collapsed[1]
            self.difference = float(np.max(np.abs(single - self.outputs)))
        depth = self.depth.value
        self.title.set_text(f"{depth} hidden layer{'s' if depth > 1 else ''} of {self.width}, "
                            f"{self.choice.value}")

    def describe(self):
        n = self.network.n_parameters
        layers = f"{self.depth.value} hidden layer{'s' if self.depth.value > 1 else ''}"
        if self.collapsed is None:
            spread = float(np.ptp(self.outputs))
            if spread < 0.01:
                return (f"{layers} with {self.choice.value}: {n} parameters, but the output "
                        f"barely moves (it spans only {spread:.1e}): each {self.choice.value} "
                        "squashes the signal, and deep stacks flatten it")
            return f"{layers} with {self.choice.value}: {n} parameters, and the output bends"
        w, b = self.collapsed
        return (f"{layers}, no activation: {n} parameters, yet the "
                f"whole network equals one line y = {num(w, 4)}·x {'−' if b < 0 else '+'} "
                f"{num(abs(b), 4)} (largest difference {self.difference:.1e})")
