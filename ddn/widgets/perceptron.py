"""Widgets for notebook 08: the perceptron trick, and the sigmoid perceptron's pull."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._format import num, signed
from ..activations import _sigmoid
from ..examples import admissions
from ..losses import _sigmoid_cross_entropy
from ..perceptron import perceptron_trick, pulls, sigmoid_perceptron
from ..plots.boundary import RegionImage, line_in_box, scatter_classes
from ..plots.figure import new_figure
from ..plots.style import CLASS_COLOURS, HIGHLIGHT, INK
from .base import App
from .controls import NumberSlider

_WIDE = dict(continuous_update=True, style={"description_width": "100px"},
             layout=widgets.Layout(width="420px"))
LIMITS = (0.0, 10.0)


def _line_text(w, b):
    return f"{num(round(w[0], 3))}·x1 {signed(round(w[1], 3))}·x2 {signed(round(b, 3))} = 0"


class PerceptronApp(App):
    """Replay the perceptron trick on the admissions data, one update at a time.

    Each update takes a misclassified applicant and moves the line towards it (or, for a
    wrongly accepted one, away): w ± rate·x, b ± rate. State: `run` (the whole replay),
    `shown` (which update is shown), `wrong` (applicants the current line misclassifies).
    """

    START = ((-0.5, 1.0), 0.0)  # a poor first line, so there is something to fix

    def __init__(self, learning_rate: float = 0.1, seed=0):
        self.x, self.y = admissions.admissions_data()
        self.seed = seed
        self.rate = NumberSlider(learning_rate, min=0.01, max=1, step=0.01,
                                 description="learning rate", **_WIDE)
        self.update_slider = widgets.IntSlider(value=0, min=0, max=1, description="update",
                                               **_WIDE)
        self.next_button = widgets.Button(description="next update", icon="forward")
        self.end_button = widgets.Button(description="to the end", icon="fast-forward")
        self.next_button.on_click(lambda _: setattr(
            self.update_slider, "value", min(self.update_slider.value + 1, self.run.updates)))
        self.end_button.on_click(lambda _: setattr(self.update_slider, "value", self.run.updates))
        fig, ax = new_figure(5.6, 4.8)
        self.region = RegionImage(ax, LIMITS, LIMITS, resolution=100)
        points = scatter_classes(ax, self.x, self.y, names=admissions.OUTCOMES)
        (self.old_line,) = ax.plot([], [], color=INK, lw=1.2, ls="--", label="line before")
        (self.line,) = ax.plot([], [], color=INK, lw=2.5, label="line after")
        self.ring = ax.scatter([], [], s=260, facecolors="none", edgecolors=HIGHLIGHT, lw=2.5,
                               zorder=5, label="the point that moved it")
        ax.set_xlim(*LIMITS)
        ax.set_ylim(*LIMITS)
        ax.set_xlabel("x1: test score")
        ax.set_ylabel("x2: grades")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8,
                  frameon=False)
        self.title = ax.set_title("")
        moving = [self.region.image, self.old_line, self.line, *ax.spines.values(), *points,
                  self.ring, self.title]
        self._replay()
        self.rate.observe(self._replay_and_update, names="value")
        super().__init__(fig, [self.update_slider], moving)

    def _layout_controls(self):
        return widgets.VBox([self.rate, self.update_slider,
                             widgets.HBox([self.next_button, self.end_button])])

    def _replay(self):
        w, b = self.START
        self.run = perceptron_trick(self.x, self.y, self.rate.value, epochs=500,
                                    seed=self.seed, weights=w, bias=b)
        self.update_slider.max = self.run.updates
        self.update_slider.value = 0

    def _replay_and_update(self, change=None):
        with self.batch():
            self._replay()

    def redraw(self):
        k = self.shown = self.update_slider.value
        w, b = self.run.weights[k], self.run.biases[k]
        said = (self.x @ w + b > 0).astype(float)
        self.wrong = np.flatnonzero(said != self.y)
        self.region.show((self.region.points @ w + b > 0).astype(float))
        self.line.set_data(*line_in_box(w[0], w[1], b, LIMITS, LIMITS))
        if k:
            ow, ob = self.run.weights[k - 1], self.run.biases[k - 1]
            self.old_line.set_data(*line_in_box(ow[0], ow[1], ob, LIMITS, LIMITS))
            self.ring.set_offsets(self.x[[self.run.points[k - 1]]])
        else:
            self.old_line.set_data([], [])
            self.ring.set_offsets(np.empty((0, 2)))
        self.title.set_text(f"update {k} of {self.run.updates}: {len(self.wrong)} "
                            "misclassified")

    def describe(self):
        k = self.shown
        w, b = self.run.weights[k], self.run.biases[k]
        text = f"line {_line_text(w, b)}: {len(self.wrong)} of {len(self.y)} misclassified"
        if k:
            i = self.run.points[k - 1]
            x1, x2 = self.x[i]
            accepted = self.y[i] == 1
            sign, move = ("+", "towards") if accepted else ("−", "away from")
            rate = num(self.rate.value)
            text = (f"update {k}: applicant ({num(x1)}, {num(x2)}) was "
                    f"{'accepted' if accepted else 'rejected'} but the old line said "
                    f"{'reject' if accepted else 'accept'}, so the line moves {move} it:\n"
                    f"w {sign}= {rate}·({num(x1)}, {num(x2)}), b {sign}= {rate}\n{text}")
        elif not self.run.converged:
            text += "\n(the trick did not finish within 500 epochs)"
        if k == self.run.updates and self.run.converged:
            text += "\nno applicant is misclassified any more: the trick stops here"
        return text


class SigmoidPerceptronApp(App):
    """A sigmoid neuron trained on log-loss: shaded by confidence, each point sized by its pull.

    A point's pull on the line is |sigmoid(w·x + b) − label|: near 0 for points confidently
    right, near 1 for points confidently wrong. State: `weights`, `bias`, `loss`, `pull`.

    Training is never repeated: the neuron after every CHECKPOINT epochs (and wherever the
    slider stopped) is kept for each learning rate, and a move continues from the nearest one
    before it, so the same numbers come out as training from the start.
    """

    CHECKPOINT = 100

    def __init__(self, epochs: int = 0, learning_rate: float = 0.1):
        self.x, self.y = admissions.admissions_data()
        self.epochs = NumberSlider(epochs, min=0, max=3000, step=10, description="epochs",
                                   **_WIDE)
        self.rate = NumberSlider(learning_rate, min=0.01, max=0.2, step=0.01,
                                 description="learning rate", **_WIDE)
        self._kept = {}  # learning rate -> {epoch: (weights, bias, log-loss)}
        fig, ax = new_figure(5.6, 4.8)
        self.region = RegionImage(ax, LIMITS, LIMITS, resolution=100, alpha=0.45)
        self.points = ax.scatter(self.x[:, 0], self.x[:, 1], edgecolor="white", zorder=3,
                                 c=[CLASS_COLOURS[int(v)] for v in self.y])
        for label, name in enumerate(admissions.OUTCOMES):  # legend entries, as elsewhere
            ax.scatter([], [], color=CLASS_COLOURS[label], label=name)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8,
                  frameon=False, title="point size: its pull on the line", title_fontsize=8)
        (self.line,) = ax.plot([], [], color=INK, lw=2)
        ax.set_xlim(*LIMITS)
        ax.set_ylim(*LIMITS)
        ax.set_xlabel("x1: test score")
        ax.set_ylabel("x2: grades")
        self.title = ax.set_title("")
        moving = [self.region.image, self.line, *ax.spines.values(), self.points, self.title]
        super().__init__(fig, [self.epochs, self.rate], moving)

    def trained(self, epochs: int):
        """(weights, bias, log-loss) after `epochs` epochs at the current learning rate."""
        rate = self.rate.value
        if rate not in self._kept:
            w, b = np.array(PerceptronApp.START[0]), PerceptronApp.START[1]
            z = self.x @ w + b
            self._kept[rate] = {0: (w, b, float(np.mean(_sigmoid_cross_entropy(z, self.y))))}
        kept = self._kept[rate]
        done = max(e for e in kept if e <= epochs)
        w, b, _ = kept[done]
        while done < epochs:  # on to the next checkpoint (or the goal), keeping each stop
            more = min(epochs, (done // self.CHECKPOINT + 1) * self.CHECKPOINT) - done
            w, b, losses = sigmoid_perceptron(self.x, self.y, rate, more, w, b)
            done += more
            kept[done] = (w, b, losses[-1])
        return kept[epochs]

    def redraw(self):
        epochs = int(self.epochs.value)
        w, b, self.loss = self.trained(epochs)
        self.weights, self.bias = w, b
        self.pull = pulls(self.x, self.y, w, b)
        self.region.show(_sigmoid(self.region.points @ w + b))
        self.line.set_data(*line_in_box(w[0], w[1], b, LIMITS, LIMITS))
        self.points.set_sizes(15 + 250 * self.pull)
        self.title.set_text(f"epoch {epochs}: log-loss {num(round(self.loss, 4))}")

    def describe(self):
        strongest = int(np.argmax(self.pull))
        x1, x2 = self.x[strongest]
        wrong = int(np.sum((self.x @ self.weights + self.bias > 0) != self.y))
        return (f"line {_line_text(self.weights, self.bias)}; log-loss "
                f"{num(round(self.loss, 4))}; {wrong} misclassified\nstrongest pull: applicant "
                f"({num(x1)}, {num(x2)}) with {num(round(self.pull[strongest], 3))}; average "
                f"pull {num(round(float(np.mean(self.pull)), 3))}")
