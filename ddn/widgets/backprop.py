"""Widgets for notebook 07: backpropagation on the driving test, and vanishing gradients."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._format import num, percent
from ..examples import driving_test as dt
from ..examples.vanishing import gradient_sizes
from ..losses import SigmoidCrossEntropy
from ..network import Network
from ..plots.diagram import NetworkDiagram
from ..plots.figure import new_figure
from ..plots.style import CLASS_COLOURS, HIGHLIGHT, INK
from .base import App
from .controls import LogSlider

STAGES = ("1 forward", "2 loss", "3 backward", "4 update")


class BackpropApp(App):
    """The four steps of one training iteration, on the driving-test network, with numbers.

    1 forward: values flow left to right. 2 loss: how wrong P(pass) is for what really happened.
    3 backward: gradients flow right to left; each edge shows dL/dw, each neuron dL/d(its value).
    4 update: every weight moves by −learning rate × its gradient; P(pass) moves towards the truth.
    State: `values`, `grads` (per layer, like Network.trace), `loss`, `new_probability`.
    """

    def __init__(self, person=dt.PERSON_B, passed: int = 0, stage: str = STAGES[0],
                 learning_rate: float = 1e-5):
        self.person = widgets.ToggleButtons(options=[("person A (20, male, 10)", dt.PERSON_A),
                                                     ("person B (50, female, 20)", dt.PERSON_B)],
                                            value=tuple(person), description="who",
                                            style={"button_width": "190px"})
        self.passed = widgets.ToggleButtons(options=[("passed (1)", 1), ("failed (0)", 0)],
                                            value=passed, description="really")
        self.stage = widgets.ToggleButtons(options=STAGES, value=stage, description="step")
        self.rate = LogSlider(learning_rate, low=1e-7, high=1e-3, description="learning rate",
                              mantissas=(1, 2, 5), style={"description_width": "90px"})
        self.loss_fn = SigmoidCrossEntropy()
        fig, ax = new_figure(7.6, 3.8)
        self.diagram = NetworkDiagram(ax, [dt.INPUTS, dt.HIDDEN_NAMES, ["P(pass)"]])
        self.title = ax.set_title("", fontsize=11, weight="bold")
        super().__init__(fig, [self.person, self.passed, self.stage, self.rate])

    def _compute(self):
        """Forward, loss, backward and update on a fresh copy of the network."""
        full = dt.driving_test_network()
        self.network = Network(full.layers[:3])  # up to the output's raw score z
        x, y = np.array(self.person.value, dtype=float), float(self.passed.value)
        trace = self.network.trace(x)
        z = trace[-1]
        self.probability = float(full.layers[3].forward(z)[0])
        self.loss = float(self.loss_fn(z, [y]))
        self.grads = self.network.backward_trace(self.loss_fn.gradient(z, [y]))
        hidden, output = self.network.layers[0], self.network.layers[2]
        self.weight_grads = [hidden.grads["weights"].copy(), output.grads["weights"].copy()]
        self.bias_grads = [hidden.grads["bias"].copy(), output.grads["bias"].copy()]
        self.old_weights = [hidden.weights.copy(), output.weights.copy()]
        for p in self.network.parameters():
            p.value -= self.rate.value * p.grad
        self.new_weights = [hidden.weights.copy(), output.weights.copy()]
        self.new_values = self.network.trace(x)  # the same person, through the new weights
        self.new_probability = float(full.layers[3].forward(self.new_values[-1])[0])
        self.values = trace
        self.target = y

    def redraw(self):
        self._compute()
        stage = STAGES.index(self.stage.value)
        v, g = self.values, self.grads
        d = self.diagram
        if stage < 2:
            d.set_nodes([v[0], v[2], [percent(self.probability)]])
            d.set_edges(self.old_weights)
            d.set_notes([None, [f"sum {num(s)}" for s in v[1]],
                         [f"loss {num(round(self.loss, 4))}" if stage == 1 else ""]])
        elif stage == 2:
            d.set_nodes([np.round(g[0], 4), np.round(g[2], 4), [num(round(g[3][0], 4))]])
            d.set_edges(self.weight_grads)
            d.set_notes([None, [f"dL/db {num(round(b, 4))}" for b in self.bias_grads[0]],
                         ["shows dL/dz (= dL/db)"]])
        else:
            d.set_nodes([v[0], self.new_values[2], [percent(self.new_probability)]])
            d.set_edges(self.new_weights)
            d.set_notes([None, ["", ""], [f"was {percent(self.probability)}"]])
        for layer in range(3):
            for i in range(len(d.circles[layer])):
                d.highlight(layer, i, on=(stage == 1 and layer == 2) or stage == 2)
        titles = ("forward: values flow left to right",
                  f"loss: it really {'passed' if self.target else 'failed'}, loss "
                  f"{num(round(self.loss, 4))}",
                  "backward: gradients dL/d(...) flow right to left",
                  f"update: P(pass) {percent(self.probability)} → "
                  f"{percent(self.new_probability)}")
        self.title.set_text(titles[stage])
        self.title.set_color(CLASS_COLOURS[1] if stage == 2 else INK)

    def describe(self):
        stage = STAGES.index(self.stage.value)
        v, g, y, p = self.values, self.grads, self.target, self.probability
        if stage == 0:
            return str(Network(dt.driving_test_network().layers).explain(self.person.value))
        if stage == 1:
            said = f"−log({num(round(p, 4))})" if y else f"−log(1 − {num(round(p, 4))})"
            return (f"the network said {percent(p)} pass; the person really "
                    f"{'passed' if y else 'failed'} (target {int(y)}), so the loss is "
                    f"{said} = {num(round(self.loss, 4))}")
        if stage == 2:
            dz = g[3][0]
            lines = [f"output: dL/dz = P(pass) − target = {num(round(p, 4))} − {int(y)} = "
                     f"{num(round(dz, 4))}"]
            for j, name in enumerate(dt.HIDDEN_NAMES):
                w = self.old_weights[1][0, j]
                lines.append(f"weight {name} → P(pass): dL/dw = {num(round(dz, 4))} × "
                             f"{num(v[2][j])} (the value it carried) = "
                             f"{num(round(self.weight_grads[1][0, j], 4))}")
                if v[1][j] > 0:
                    lines.append(f"{name}: dL/d{name} = {num(round(dz, 4))} × {num(w)} (its "
                                 f"weight) = {num(round(g[2][j], 5))}; its ReLU is on (sum "
                                 f"{num(v[1][j])} > 0), so the gradient passes through")
                else:
                    lines.append(f"{name}: its ReLU is off (sum {num(v[1][j])} ≤ 0), so the "
                                 "gradient stops here: the weights into it don't change for "
                                 "this person")
            return "\n".join(lines)
        change = self.new_weights[1][0] - self.old_weights[1][0]
        dead = "" if np.any(v[2] > 0) else (" (barely: both hidden neurons are off for this "
                                            "person, so only the output's bias can learn)")
        return (f"every weight moves by −{self.rate.value:.2g} × its gradient, e.g. parking → "
                f"P(pass): {num(self.old_weights[1][0, 0])} → "
                f"{num(round(self.new_weights[1][0, 0], 6))} (change "
                f"{num(round(change[0], 6))}); P(pass) for this person moves from "
                f"{percent(p)} to {percent(self.new_probability)}, towards "
                f"{'passing' if y else 'failing'}{dead}")


class VanishingApp(App):
    """How much gradient reaches each layer of a deep network, for sigmoid, tanh or ReLU.

    State: `sizes` (average |dL/dW| per hidden layer, first layer first) and `ratio`
    (first layer's over last layer's).
    """

    def __init__(self, activation: str = "sigmoid", depth: int = 10, width: int = 32):
        self.choice = widgets.ToggleButtons(options=("sigmoid", "tanh", "relu"),
                                            value=activation, description="activation")
        self.depth = widgets.IntSlider(value=depth, min=2, max=30, description="layers",
                                       continuous_update=False)
        self.width = width
        fig, ax = new_figure(7, 3.4)
        self.ax = ax
        self.bars = ax.bar(np.arange(1, 31), np.ones(30), color=HIGHLIGHT, edgecolor=INK, lw=0.5,
                           bottom=1e-300)
        ax.set_yscale("log")
        ax.set_xlabel("hidden layer (1 = nearest the input)")
        ax.set_ylabel("average |dL/dw|")
        self.title = ax.set_title("")
        super().__init__(fig, [self.choice, self.depth])

    def redraw(self):
        depth = self.depth.value
        self.sizes = gradient_sizes(self.choice.value, depth, self.width)
        self.ratio = float(self.sizes[0] / self.sizes[-1])
        for i, bar in enumerate(self.bars):
            bar.set_height(self.sizes[i] if i < depth else 1e-300)
        self.ax.set_xlim(0.4, depth + 0.6)
        low = 10.0 ** min(-8, np.floor(np.log10(self.sizes.min())) - 1)  # every bar visible
        self.ax.set_ylim(low, max(1.0, 10 * self.sizes.max()))
        self.title.set_text(f"{self.choice.value}, {depth} layers: the first layer gets "
                            f"{self.ratio:.1e} × the last layer's gradient")

    def describe(self):
        return (f"{self.choice.value}, {self.depth.value} hidden layers of {self.width}: "
                f"average gradient {self.sizes[-1]:.1e} at the last hidden layer, "
                f"{self.sizes[0]:.1e} at the first ({self.ratio:.1e} times as much)")
