"""Widgets for notebook 10: ConvNets.

- ConvNeuronApp: one convolutional neuron on a handwritten digit: its kernel (shared by every
                 position), its bias and its activation make one feature map.
- TrainerApp:    the course's ConvNet learning the digits, epoch by epoch: loss and accuracy
                 curves, the confusion matrix and the test digits it still gets wrong.
- DrawApp:       draw a digit on an 8×8 grid; a trained network reads it as you draw.
- ImageNetApp:   the ImageNet Challenge year by year: the top-5 error of each year's winner,
                 the ConvNets from 2012 on, and the human estimate.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Patch

from .. import datasets
from .._format import num, percent
from ..examples import convolution as conv_ex
from ..examples import imagenet
from ..examples.convnets import BATCH_SIZE, MOMENTUM, SCHEDULE, digits_convnet
from ..layers import Conv2D, ReLU
from ..losses import SoftmaxCrossEntropy, softmax
from ..optim import Momentum
from ..plots.figure import blank_figure, new_figure
from ..plots.images import NumberGrid, bare, mosaic, tile_centres
from ..plots.style import CLASS_COLOURS, GO, INK, STOP
from .base import App
from .controls import LogSlider, NumberSlider

DIGITS = tuple(range(10))
LEARNING_RATE = SCHEDULE[0][1]   # train_digits' first (and main) learning rate


# -- one convolutional neuron ----------------------------------------------------------------
NEURON_KERNELS = ("vertical edges", "horizontal edges", "edges", "blur", "sharpen")


class ConvNeuronApp(App):
    """One convolutional neuron on an 8×8 digit: the kernel slides over the picture (padding 1),
    the bias is added at every position, and the activation gives the feature map.

    State: `sums` (kernel sums plus bias, 8×8) and `feature_map` (after the activation).
    """

    def __init__(self, digit: int = 3, kernel: str = "horizontal edges", bias: float = 0.0,
                 activation: str = "ReLU"):
        style = {"description_width": "70px"}
        self.digit = widgets.Dropdown(options=DIGITS, value=digit, description="digit",
                                      style=style, layout=widgets.Layout(width="170px"))
        self.kernel_choice = widgets.Dropdown(options=NEURON_KERNELS, value=kernel,
                                              description="kernel", style=style,
                                              layout=widgets.Layout(width="260px"))
        self.bias = NumberSlider(bias, min=-2, max=2, step=0.25, description="bias",
                                 style=style, layout=widgets.Layout(width="330px"))
        self.activation = widgets.ToggleButtons(options=("ReLU", "none"), value=activation,
                                                description="activation", style=style)
        fig, axes = new_figure(9.2, 2.9, 1, 4, width_ratios=(1, 0.8, 1, 1))
        self.picture = axes[0].imshow(np.zeros((8, 8)), cmap="gray", vmin=0, vmax=1)
        self.kernel_grid = NumberGrid(axes[1], (3, 3), cmap="RdBu", vmin=-5, vmax=5,
                                      digits=2, fontsize=10)
        self.sum_image = axes[2].imshow(np.zeros((8, 8)), cmap="RdBu", vmin=-4, vmax=4)
        self.map_image = axes[3].imshow(np.zeros((8, 8)), cmap="magma", vmin=0, vmax=4)
        for ax in (axes[0], axes[2], axes[3]):
            bare(ax)
        axes[0].set_title("the digit (8×8)", fontsize=10)
        axes[1].set_title("kernel: 9 weights", fontsize=10)
        self.sum_title = axes[2].set_title("", fontsize=10)
        self.map_title = axes[3].set_title("", fontsize=10)
        super().__init__(fig, [self.digit, self.kernel_choice, self.bias, self.activation])

    def _layout_controls(self):
        return widgets.VBox([widgets.HBox([self.digit, self.kernel_choice]), self.bias,
                             self.activation])

    def redraw(self):
        image = conv_ex.typical_digit(self.digit.value)
        kernel = conv_ex.kernel(self.kernel_choice.value)
        neuron = Conv2D.from_kernels(kernel, bias=self.bias.value, padding=1)
        self.sums = neuron.forward(image[None])[0]          # one picture, one channel in and out
        relu = self.activation.value == "ReLU"
        self.feature_map = ReLU().forward(self.sums) if relu else self.sums
        self.picture.set_data(image)
        self.kernel_grid.set_values(kernel)
        self.sum_image.set_data(self.sums)
        self.map_image.set_data(self.feature_map)
        self.map_image.set_cmap("magma" if relu else "RdBu")
        self.map_image.set_clim(*((0, 4) if relu else (-4, 4)))
        self.sum_title.set_text(f"sums + bias ({num(self.bias.value)})")
        self.map_title.set_text(f"feature map ({'after ReLU' if relu else 'no activation'})")

    def describe(self):
        active = int(np.sum(self.feature_map > 0))
        r, c = np.unravel_index(np.argmax(self.feature_map), self.feature_map.shape)
        return (f"one neuron: 9 weights + 1 bias = 10 numbers, the same 10 at all 64 positions.\n"
                f"feature map: {active} of 64 values above 0; the largest, "
                f"{num(round(float(self.feature_map[r, c]), 2))}, at row {r}, column {c}.")

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


# -- training the ConvNet on the digits --------------------------------------------------------
class TrainerApp(App):
    """The course's ConvNet (`digits_convnet`) learning the handwritten digits, live.

    Training is the four steps, on mini-batches of 32 of the 1,437 training digits: forward,
    loss, backward, update (momentum, as `train_digits` does). A frame trains a third of an
    epoch (15 mini-batches), then measures the 360 held-out test digits and draws: the loss
    and accuracy (on the training mini-batches just seen, and on the test digits), the
    confusion matrix of the test digits (row: the right digit; column: what the network said;
    the diagonal is right), and test digits it gets wrong, "right → said". A frame redraws
    only what changes, on a saved picture of the rest.

    State: `network`, `epoch` (fractional: 1/3, 2/3, 1, ...), `history` (per frame: `epochs`,
    `loss`, `accuracy`, `test_loss`, `test_accuracy`), `predicted` (its answer for every test
    digit), `confusion`, `mistakes` (indices of wrongly read test digits), `stopped`.
    """

    SHOWN = 15             # mistakes shown, 5 across
    ACROSS = 5
    FRAMES_PER_EPOCH = 3

    def __init__(self, seed: int = 0, learning_rate: float = LEARNING_RATE):
        self.seed = seed
        self.x_train, self.y_train, self.x_test, self.y_test = datasets.digits()
        self.loss = SoftmaxCrossEntropy()
        style = {"description_width": "100px"}
        self.rate = LogSlider(learning_rate, low=0.001, high=1.0, description="learning rate",
                              style=style, layout=widgets.Layout(width="360px"))
        buttons = widgets.Layout(width="120px")
        self.one_button = widgets.Button(description="1 epoch", icon="step-forward",
                                         tooltip="one pass over the training digits",
                                         layout=buttons)
        self.five_button = widgets.Button(description="5 epochs", icon="forward",
                                          tooltip="five passes, drawn as they go",
                                          layout=buttons)
        self.reset_button = widgets.Button(description="start again", icon="undo",
                                           tooltip="new random weights, epoch 0", layout=buttons)
        self.one_button.on_click(lambda _: self.train(1))
        self.five_button.on_click(lambda _: self.train(5))
        self.reset_button.on_click(lambda _: self.reset(new_weights=True))
        self.rate.observe(lambda _: self._retune(), names="value")

        fig = blank_figure(10.0, 5.0)
        grid = fig.add_gridspec(2, 3, width_ratios=(1.05, 1.15, 1.15))
        self.loss_ax, self.acc_ax = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[1, 0])
        self.conf_ax, self.mis_ax = fig.add_subplot(grid[:, 1]), fig.add_subplot(grid[:, 2])
        colours = {"training": INK, "test": CLASS_COLOURS[1]}
        self.curves = {}
        for ax, what in ((self.loss_ax, "loss"), (self.acc_ax, "accuracy")):
            for name, colour in colours.items():
                self.curves[what, name] = ax.plot([], [], color=colour, lw=1.6,
                                                  label=name)[0]
            ax.set_ylabel(what)
            ax.locator_params(axis="x", integer=True, nbins=5)
        self.loss_ax.set_ylim(0, 2.5)
        self.acc_ax.set_ylim(0, 1.02)
        self.acc_ax.set_xlabel("epoch")
        self.loss_ax.legend(loc="upper right", fontsize=8, frameon=False)
        self.epoch_title = self.loss_ax.set_title("", fontsize=10, loc="left")
        self.conf_image = self.conf_ax.imshow(np.zeros((10, 10)), cmap="Blues", vmin=0,
                                              vmax=36)
        self.conf_texts = [[self.conf_ax.text(c, r, "", ha="center", va="center", fontsize=7)
                            for c in range(10)] for r in range(10)]
        self.conf_ax.set_xticks(DIGITS)
        self.conf_ax.set_yticks(DIGITS)
        self.conf_ax.tick_params(length=0, labelsize=8)
        self.conf_ax.set_xlabel("the network said")
        self.conf_ax.set_ylabel("the right digit")
        self.conf_title = self.conf_ax.set_title("", fontsize=10)
        tile = self.x_test.shape[2:]
        self.mis_image = self.mis_ax.imshow(mosaic([np.zeros(tile)] * self.SHOWN, self.ACROSS,
                                                   gap=3), cmap="gray", vmin=0, vmax=1)
        self.mis_texts = [self.mis_ax.text(x, y - 4.6, "", ha="center", va="center",
                                           fontsize=8, color=INK)
                          for x, y in tile_centres(self.SHOWN, self.ACROSS, tile, gap=3)]
        rows = -(-self.SHOWN // self.ACROSS)
        self.mis_ax.set_xlim(-0.5, self.ACROSS * 11 - 3 - 0.5)
        self.mis_ax.set_ylim(rows * 11 - 3 - 0.5, -3.5)
        bare(self.mis_ax)
        self.mis_title = self.mis_ax.set_title("", fontsize=10)
        self._moving = [*self.curves.values(), self.epoch_title, self.conf_image,
                        *[t for row in self.conf_texts for t in row], self.conf_title,
                        self.mis_image, *self.mis_texts, self.mis_title,
                        *self.conf_ax.spines.values()]
        self.reset(redraw=False)
        super().__init__(fig, [], moving=self._moving)

    def backdrop_state(self):
        return self.loss_ax.get_xlim()   # the epoch axis grows now and then

    def _layout_controls(self):
        return widgets.VBox([self.rate, widgets.HBox([self.one_button, self.five_button,
                                                      self.reset_button])])

    # -- training ------------------------------------------------------------------------------
    def reset(self, new_weights: bool = False, redraw: bool = True) -> None:
        """Random weights (new ones if asked), epoch 0."""
        if new_weights:
            self.seed += 1
        self.network = digits_convnet(self.seed)
        self.parameters = self.network.parameters()
        self.optimizer = Momentum(self.rate.value, MOMENTUM)
        self.rng = np.random.default_rng(self.seed)
        self.history = {"epochs": [], "loss": [], "accuracy": [], "test_loss": [],
                        "test_accuracy": []}
        self.frames, self.stopped = 0, None
        self._batches = []    # the mini-batches of this epoch still to train
        self._measure()
        if redraw:
            self.update()

    @property
    def epoch(self) -> float:
        return self.frames / self.FRAMES_PER_EPOCH

    def _retune(self) -> None:
        """A new learning rate applies from the next mini-batch on (the weights stay)."""
        self.optimizer = Momentum(self.rate.value, MOMENTUM)
        self.update()

    def frame(self, draw: bool = True) -> None:
        """Train a third of an epoch (the four steps on 15 mini-batches), then draw."""
        if self.stopped:
            return
        if not self._batches:  # a new epoch: shuffle, then cut into mini-batches of 32
            order = self.rng.permutation(len(self.x_train))
            batches = [order[i:i + BATCH_SIZE] for i in range(0, len(order), BATCH_SIZE)]
            self._batches = [[batches[i] for i in part] for part in
                             np.array_split(np.arange(len(batches)), self.FRAMES_PER_EPOCH)]
        total, right, seen = 0.0, 0, 0
        try:
            with np.errstate(over="ignore", invalid="ignore"):  # divergence is caught below
                for idx in self._batches.pop(0):
                    x, y = self.x_train[idx], self.y_train[idx]
                    scores = self.network.forward(x)                # 1. forward
                    total += self.loss(scores, y) * len(idx)        # 2. loss ...
                    grad = self.loss.gradient(scores, y)            #    ... and its gradient
                    self.network.backward(grad)                     # 3. backward
                    self.optimizer.step(self.parameters)            # 4. update
                    right += int(np.sum(scores.argmax(axis=1) == y))
                    seen += len(idx)
        except ValueError:   # a number overflowed: the steps were far too big
            total = np.inf
        self.frames += 1
        if not np.isfinite(total) or not all(np.isfinite(p.value).all()
                                             for p in self.parameters):
            self.stopped = (f"the loss grew to infinity in epoch {int(np.ceil(self.epoch))}: "
                            f"lower the learning rate (it is {num(self.rate.value)}), then "
                            "start again.")
        else:
            h = self.history
            h["epochs"].append(self.epoch)
            h["loss"].append(total / seen)
            h["accuracy"].append(right / seen)
            self._measure()
            h["test_loss"].append(self.test_loss)
            h["test_accuracy"].append(self.test_accuracy)
        if draw:
            self.update()

    def _measure(self) -> None:
        """The network's answers for the 360 test digits, and what they add up to."""
        scores = self.network.forward(self.x_test)
        self.test_loss = self.loss(scores, self.y_test)
        self.predicted = scores.argmax(axis=1)
        self.test_accuracy = float(np.mean(self.predicted == self.y_test))
        self.confusion = np.zeros((10, 10), dtype=int)
        np.add.at(self.confusion, (self.y_test, self.predicted), 1)
        self.mistakes = np.flatnonzero(self.predicted != self.y_test)

    def train(self, epochs: int, live: bool = True) -> None:
        """Train `epochs` epochs, drawing after every third of one (watch it learn); with
        live=False, draw only at the end."""
        for _ in range(int(epochs) * self.FRAMES_PER_EPOCH):
            if self.stopped:
                break
            self.frame(draw=live)
        if not live:
            self.update()
    # -- drawing ---------------------------------------------------------------------------------
    def redraw(self):
        h = self.history
        for (what, name), line in self.curves.items():
            key = ("test_" if name == "test" else "") + what
            line.set_data(h["epochs"], h[key])
        # The epoch axis grows in steps (5, 10, 20, 40...): its labels are redrawn rarely.
        right = 5 * 2 ** int(np.ceil(np.log2(self.epoch / 5))) if self.epoch > 5 else 5
        if self.loss_ax.get_xlim() != (0, right):
            for ax in (self.loss_ax, self.acc_ax):
                ax.set_xlim(0, right)
        self.epoch_title.set_text(f"epoch {num(round(self.epoch, 2))}"
                                  + (": stopped" if self.stopped else ""))
        self.conf_image.set_data(self.confusion)
        for (r, c), count in np.ndenumerate(self.confusion):
            text = self.conf_texts[r][c]
            text.set_text(str(count) if count else "")
            text.set_color("white" if count > 18 else (INK if r == c else STOP))
        right_count = len(self.y_test) - len(self.mistakes)
        self.conf_title.set_text(f"test digits: {right_count} of {len(self.y_test)} right")
        shown = self.mistakes[:self.SHOWN]
        blank = np.full(self.x_test.shape[2:], np.nan)
        tiles = [self.x_test[i, 0] for i in shown] + [blank] * (self.SHOWN - len(shown))
        self.mis_image.set_data(mosaic(tiles, self.ACROSS, gap=3))
        for k, text in enumerate(self.mis_texts):
            text.set_text(f"{self.y_test[shown[k]]} → {self.predicted[shown[k]]}"
                          if k < len(shown) else "")
        self.mis_title.set_text(f"wrong: {len(self.mistakes)} (right digit → said)"
                                if len(self.mistakes) else "no mistakes")

    def describe(self):
        h = self.history
        text = ""
        if self.stopped:
            text = f"⚠ training stopped: {self.stopped}\n"
        if not h["epochs"]:
            return text + (f"epoch 0: random weights. {self.test_accuracy:.1%} of the test "
                           "digits right: guessing, about one in ten.")
        pairs = [(int(n), r, c) for (r, c), n in np.ndenumerate(self.confusion)
                 if r != c and n > 0]
        worst = sorted(pairs, key=lambda p: (-p[0], p[1], p[2]))[:3]
        mixed = ", ".join(f"{r} read as {c} ({n}×)" for n, r, c in worst) or "nothing"
        return text + (f"epoch {num(round(self.epoch, 2))}: loss {h['loss'][-1]:.4f} on the "
                       f"last training mini-batches, {h['test_loss'][-1]:.4f} on the test "
                       f"digits; accuracy {h['accuracy'][-1]:.1%} (training), "
                       f"{h['test_accuracy'][-1]:.1%} (test).\nmost often mixed up: {mixed}.")

# -- draw your own digit -------------------------------------------------------------------------
PENS = {"ink": 1.0, "grey": 0.5, "eraser": 0.0}
NOTHING = -1   # "start from: —" (a number, not None: a dropdown reads None as no choice)
INK_COLOURS = {0.0: "#ffffff", 0.5: "#9aa3ad", 1.0: "#263238"}


class DrawApp(App):
    """Draw a digit on an 8×8 grid of cells; a trained network reads it after every click.

    Click a cell to paint it with the pen (ink, grey or the eraser); clicking a cell that
    already has the pen's colour clears it. "start from" copies a test digit onto the grid.
    On the grid ink is dark, as on paper; the network sees it as the digits data set stores
    it, ink 1 and paper 0. State: `pixels` (8×8), `probabilities` (10), `answer`.
    """

    def __init__(self, network, start: int | None = None):
        self.network = network
        self.pixels = np.zeros((8, 8))
        _, _, self.x_test, self.y_test = datasets.digits()
        cell = widgets.Layout(width="34px", height="34px", padding="0", margin="1px",
                              border="1px solid #cfd5db")
        self.cells = [widgets.Button(description="", layout=cell, tooltip=f"row {i // 8}, "
                                     f"column {i % 8}") for i in range(64)]
        for i, button in enumerate(self.cells):
            button.style.button_color = INK_COLOURS[0.0]
            button.on_click(lambda _, i=i: self.paint(i))
        self.pen = widgets.ToggleButtons(options=tuple(PENS), value="ink", description="pen",
                                         style={"description_width": "40px",
                                                "button_width": "70px"})
        self.start = widgets.Dropdown(options=[("—", NOTHING),
                                               *[(f"a test {d}", d) for d in DIGITS]],
                                      value=NOTHING, description="start from",
                                      style={"description_width": "75px"},
                                      layout=widgets.Layout(width="190px"))
        self.start.observe(lambda change: self.load(change.new), names="value")
        self.clear_button = widgets.Button(description="clear", icon="eraser",
                                           layout=widgets.Layout(width="90px"))
        self.clear_button.on_click(lambda _: self.clear())
        fig, (self.seen_ax, self.bar_ax) = new_figure(6.4, 2.8, 1, 2, width_ratios=(1, 1.6))
        self.seen = self.seen_ax.imshow(self.pixels, cmap="gray", vmin=0, vmax=1)
        bare(self.seen_ax)
        self.seen_ax.set_title("what the network sees", fontsize=10)
        self.bars = self.bar_ax.bar(DIGITS, np.zeros(10), color=STOP)
        self.bar_ax.set_xticks(DIGITS)
        self.bar_ax.set_ylim(0, 1.05)
        self.bar_ax.set_ylabel("probability")
        for side in ("top", "right"):
            self.bar_ax.spines[side].set_visible(False)
        self.title = self.bar_ax.set_title("", fontsize=10)
        super().__init__(fig, [], moving=[self.seen, *self.bars, self.title])
        if start is not None:
            self.start.value = start

    def _layout_controls(self):
        grid = widgets.GridBox(self.cells, layout=widgets.Layout(
            grid_template_columns="repeat(8, 36px)", width="300px"))
        return widgets.HBox([grid, widgets.VBox([self.pen, self.start, self.clear_button])])

    def paint(self, index: int) -> None:
        """What a click on cell `index` (0-63, row by row) does."""
        r, c = divmod(int(index), 8)
        value = PENS[self.pen.value]
        self.pixels[r, c] = 0.0 if self.pixels[r, c] == value else value
        self._show_cell(index)
        self.update()

    def set_pixels(self, pixels) -> None:
        """Put a whole 8×8 picture (values 0 to 1) on the grid, rounded to the pens' shades."""
        self.pixels = np.round(np.clip(np.asarray(pixels, dtype=float).reshape(8, 8), 0, 1)
                               * 2) / 2
        for i in range(64):
            self._show_cell(i)
        self.update()

    def load(self, digit) -> None:
        """Copy the first test digit of the kind `digit` onto the grid."""
        if digit == NOTHING:
            return
        self.set_pixels(self.x_test[np.flatnonzero(self.y_test == digit)[0], 0])

    def clear(self) -> None:
        self.start.value = NOTHING
        self.set_pixels(np.zeros((8, 8)))

    def _show_cell(self, index: int) -> None:
        self.cells[index].style.button_color = INK_COLOURS[float(self.pixels.flat[index])]

    def redraw(self):
        scores = self.network.forward(self.pixels[None, None])[0]
        self.probabilities = softmax(scores)
        self.answer = int(np.argmax(self.probabilities))
        self.seen.set_data(self.pixels)
        for digit, (bar, p) in enumerate(zip(self.bars, self.probabilities)):
            bar.set_height(p)
            bar.set_color(CLASS_COLOURS[1] if digit == self.answer else STOP)
        self.title.set_text(f"the network says {self.answer} "
                            f"({percent(self.probabilities[self.answer], 1)})")

    def describe(self):
        if not self.pixels.any():
            return (f"an empty grid: draw a digit. (Even now the network answers "
                    f"{self.answer}: it always picks one of the ten.)")
        top = np.argsort(-self.probabilities)[:3]
        ranked = ", ".join(f"{d} ({percent(self.probabilities[d], 1)})" for d in top)
        return f"the network says {self.answer}; its top three: {ranked}."
