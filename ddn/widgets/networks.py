"""Widgets for notebook 04: the driving-test network, non-linear regions and softmax."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._format import is_percent, num, percent
from ..examples import driving_test as dt
from ..layers import Dense, Sigmoid
from ..losses import softmax
from ..network import Network
from ..plots.boundary import RegionImage, line_in_box
from ..plots.diagram import NetworkDiagram
from ..plots.figure import new_figure
from ..plots.style import CLASS_COLOURS, FACTOR_COLOURS, GO, INK, STOP
from .base import App
from .controls import NumberSlider

_SLIDER = dict(continuous_update=True, style={"description_width": "80px"},
               layout=widgets.Layout(width="330px"))


class DrivingTestApp(App):
    """Age, sex and lessons as controls; the network diagram shows every value and weight.

    State: `values` (the input, hidden and output values) and `probability`.
    """

    def __init__(self, person=dt.PERSON_B):
        age, sex, lessons = person
        self.age = widgets.IntSlider(value=age, min=17, max=90, description="age", **_SLIDER)
        self.sex = widgets.ToggleButtons(options=[("male (0)", 0), ("female (1)", 1)],
                                         value=sex, description="sex")
        self.lessons = widgets.IntSlider(value=lessons, min=0, max=60, description="lessons",
                                         **_SLIDER)
        self.network = dt.driving_test_network()
        hidden, output = self.network.layers[0], self.network.layers[2]
        fig, ax = new_figure(7, 3.6)
        self.diagram = NetworkDiagram(ax, [dt.INPUTS, dt.HIDDEN_NAMES, ["P(pass)"]])
        self.diagram.set_edges([hidden.weights, output.weights])
        self.title = ax.set_title("", fontsize=12, weight="bold")
        super().__init__(fig, [self.age, self.sex, self.lessons])

    @property
    def person(self):
        return (self.age.value, self.sex.value, self.lessons.value)

    def set_person(self, person) -> None:
        """Show another person: (age, sex, lessons)."""
        with self.batch():
            self.age.value, self.sex.value, self.lessons.value = person

    def redraw(self):
        trace = self.network.trace(self.person)
        self.values = [trace[0], trace[2], trace[4]]  # input, after ReLU, after sigmoid
        self.probability = float(trace[4][0])
        self.diagram.set_nodes([trace[0], trace[2], [percent(self.probability)]])
        # Under each neuron: its bias and its sum before the activation (why ReLU gives 0).
        hidden, output = self.network.layers[0], self.network.layers[2]
        self.diagram.set_notes([None, *[[f"bias {num(b)}, sum {num(z)}" for b, z in
                                         zip(layer.bias, sums)]
                                        for layer, sums in ((hidden, trace[1]),
                                                            (output, trace[3]))]])
        self.title.set_text(f"P(pass) {is_percent(self.probability)}")
        self.title.set_color(GO if self.probability > 0.5 else STOP)

    def describe(self):
        return str(self.network.explain(self.person)) + \
            f"\nP(pass) {is_percent(self.probability)}"


class RegionsApp(App):
    """Hidden neurons each draw a line; the output neuron combines them into a region.

    One hidden neuron gives a half-plane, two a wedge, three a triangle: the output is high only
    where every hidden neuron is. `sharpness` scales the weights: low values give soft edges.
    State: `network`, `inside` (the share of the square the output calls "inside").
    """

    # Three lines around a triangle; each hidden neuron is positive on the triangle's side.
    LINES = np.array([[0.0, 1.0, 1.0],     # y > −1
                      [-1.0, -0.6, 1.2],   # below the right-hand edge
                      [1.0, -0.6, 1.2]])   # below the left-hand edge
    LIMITS = (-2.5, 2.5)

    def __init__(self, hidden: int = 3, sharpness: float = 4.0):
        self.hidden = widgets.IntSlider(value=hidden, min=1, max=3, description="hidden neurons",
                                        style={"description_width": "110px"})
        self.sharpness = NumberSlider(sharpness, min=0.5, max=10, step=0.5,
                                      description="sharpness",
                                             style={"description_width": "110px"})
        fig, ax = new_figure(4.8, 4.6)
        self.region = RegionImage(ax, self.LIMITS, self.LIMITS, resolution=140, alpha=0.55)
        fig.colorbar(self.region.image, ax=ax, shrink=0.8, label="output of the network")
        self.lines = [ax.plot([], [], color=c, lw=2, ls="--")[0] for c in FACTOR_COLOURS[:3]]
        ax.set_xlim(*self.LIMITS)
        ax.set_ylim(*self.LIMITS)
        ax.set_xlabel("input x1")
        ax.set_ylabel("input x2")
        ax.set_aspect("equal")
        self.title = ax.set_title("")
        super().__init__(fig, [self.hidden, self.sharpness],
                         moving=[self.region.image, *self.lines, *ax.spines.values(),
                                 self.title])

    def build(self, n: int, k: float) -> Network:
        """n sigmoid hidden neurons, one per line; the output fires only if all n do."""
        lines = self.LINES[:n]
        return Network([Dense(k * lines[:, :2], k * lines[:, 2]), Sigmoid(),
                        Dense([[2 * k] * n], [-2 * k * (n - 0.5)]), Sigmoid()])

    def redraw(self):
        n, k = self.hidden.value, self.sharpness.value
        self.network = self.build(n, k)
        out = self.network(self.region.points)[:, 0]
        self.inside = float(np.mean(out > 0.5))
        self.region.show(out)
        for i, line in enumerate(self.lines):
            if i < n:
                line.set_data(*line_in_box(*self.LINES[i], self.LIMITS, self.LIMITS))
            else:
                line.set_data([], [])
        shape = {1: "a half-plane", 2: "a wedge", 3: "a triangle"}[n]
        if self.inside < 0.01:
            shape = "no region left"
        self.title.set_text(f"{n} hidden neuron{'s' if n > 1 else ''}: {shape}")

    def describe(self):
        text = (f"{self.title.get_text()}; the output is above 50% on {self.inside:.0%} of the "
                "square")
        if self.inside < 0.01:
            text += ("\nwith soft hidden neurons (low sharpness) none of them is ever fully on, "
                     "so the output, which waits for all of them, never fires")
        return text


class SoftmaxApp(App):
    """Raw output scores as sliders; softmax turns them into probabilities that sum to 1.

    State: `probabilities`.
    """

    def __init__(self, scores=(-4.0, 5.2), names=("not hot dog", "hot dog")):
        self.names = tuple(names)
        self.sliders = [NumberSlider(s, min=-10, max=10, step=0.1, description=n, **_SLIDER)
                        for n, s in zip(self.names, scores)]
        fig, (left, right) = new_figure(7, 2.8, 1, 2)
        positions = np.arange(len(self.names))
        colours = [CLASS_COLOURS[i % 2] for i in positions]
        self.score_bars = left.bar(positions, scores, color=colours)
        self.prob_bars = right.bar(positions, np.ones(len(positions)), color=colours)
        self.prob_labels = [right.text(i, 0, "", ha="center", va="bottom", fontsize=9)
                            for i in positions]
        for ax, title in ((left, "raw scores"), (right, "softmax probabilities")):
            ax.set_xticks(positions, self.names, fontsize=9)
            ax.set_title(title, fontsize=10)
            ax.axhline(0, color=INK, lw=0.6)
        left.set_ylim(-10.5, 10.5)
        right.set_ylim(0, 1.15)
        super().__init__(fig, self.sliders)

    def redraw(self):
        scores = np.array([s.value for s in self.sliders])
        self.probabilities = softmax(scores)
        for bar, s in zip(self.score_bars, scores):
            bar.set_height(s)
        for bar, label, p in zip(self.prob_bars, self.prob_labels, self.probabilities):
            bar.set_height(p)
            label.set_position((bar.get_x() + bar.get_width() / 2, p + 0.02))
            label.set_text(percent(p))

    def describe(self):
        scores = ", ".join(num(s.value) for s in self.sliders)
        probabilities = ", ".join(percent(p) for p in self.probabilities)
        return (f"softmax([{scores}]) = [{probabilities}]; they add up to "
                f"{percent(self.probabilities.sum(), 0)}")

