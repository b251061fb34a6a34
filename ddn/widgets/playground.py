"""The playground (notebook 08): train a small network on 2-D data and watch it learn.

In the spirit of TensorFlow Playground, inside the notebook: pick a data set and its noise,
the hidden layers and neurons, the activation, the learning rate and the batch size; then
play, pause, step or reset. The big picture shows the network's decision regions with the
training points (filled) and the held-out test points (ringed); beside it, the training and
test loss per epoch, and a small heat map of what every hidden neuron responds to.
"""

from __future__ import annotations

import time

import ipywidgets as widgets
import numpy as np

from .. import datasets
from .._format import num
from ..layers import Activation, Dense
from ..losses import SigmoidCrossEntropy
from ..network import Network
from ..optim import GradientDescent
from ..plots.figure import blank_figure
from ..plots.style import CLASS_COLOURS, INK, REGION_CMAP
from ..training import Trainer
from .base import App

GRID = 200          # the decision picture is GRID × GRID points
TILE = 36           # each hidden neuron's heat map is TILE × TILE points
MAX_NEURONS = 8
MAX_LAYERS = 3


class PlaygroundApp(App):
    """State: `network`, `trainer` (its `history` and `epoch`), `probabilities` on the grid,
    `hidden_maps` (one TILE×TILE map per hidden neuron)."""

    live_format = "jpeg"  # big shaded frames: JPEG encodes in a fraction of PNG's time

    def __init__(self, dataset: str = "circles", noise: float = 0.1, layers: int = 2,
                 neurons: int = 4, activation: str = "tanh", learning_rate: float = 0.3,
                 batch_size: int = 10, seed: int = 0, n_points: int = 200):
        self.n_points, self.seed = n_points, seed
        style = {"description_width": "110px"}
        wide = widgets.Layout(width="330px")
        self.dataset = widgets.Dropdown(options=list(datasets.DATASETS), value=dataset,
                                        description="data", style=style, layout=wide)
        self.noise = widgets.FloatSlider(value=noise, min=0, max=0.5, step=0.05,
                                         description="noise", style=style, layout=wide,
                                         continuous_update=False)
        self.layers = widgets.IntSlider(value=layers, min=0, max=MAX_LAYERS,
                                        description="hidden layers", style=style, layout=wide)
        self.neurons = widgets.IntSlider(value=neurons, min=1, max=MAX_NEURONS,
                                         description="neurons per layer", style=style,
                                         layout=wide)
        self.activation = widgets.Dropdown(options=("tanh", "relu", "sigmoid", "linear"),
                                           value=activation, description="activation",
                                           style=style, layout=wide)
        rates = sorted({0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 3.0, 10.0, learning_rate})
        self.rate = widgets.SelectionSlider(options=rates, value=learning_rate,
                                            description="learning rate", style=style,
                                            layout=wide)
        self.batch_size = widgets.Dropdown(options=[("1", 1), ("10", 10), ("30", 30),
                                               ("all (full batch)", None)],
                                      value=batch_size, description="batch size", style=style,
                                      layout=wide)
        self.play = widgets.Play(value=0, min=0, max=10**9, interval=100, show_repeat=False,
                                 description="play")
        self.step_button = widgets.Button(description="step", icon="step-forward",
                                          layout=widgets.Layout(width="90px"))
        self.reset_button = widgets.Button(description="reset", icon="undo",
                                           layout=widgets.Layout(width="90px"))
        self.step_button.on_click(lambda _: self.frame())
        self.reset_button.on_click(lambda _: self.reset(new_weights=True))
        self.play.observe(self._tick, names="value")
        for control in (self.dataset, self.noise, self.layers, self.neurons, self.activation):
            control.observe(lambda _: self.reset(), names="value")
        for control in (self.rate, self.batch_size):
            control.observe(lambda _: self._retune(), names="value")
        self._last_frame = 0.0

        fig = blank_figure(9.6, 4.6)
        grid = fig.add_gridspec(2, 2, width_ratios=(1.15, 1), height_ratios=(1, 1.15))
        self.ax = fig.add_subplot(grid[:, 0])
        self.loss_ax = fig.add_subplot(grid[0, 1])
        self.map_ax = fig.add_subplot(grid[1, 1])
        low, high = datasets.LIMITS
        self.regions = self.ax.imshow(np.zeros((GRID, GRID)), origin="lower",
                                      extent=(low, high, low, high), cmap=REGION_CMAP,
                                      vmin=0, vmax=1, alpha=0.55, interpolation="bilinear")
        self.train_points = self.ax.scatter([], [], s=18, edgecolor="white", lw=0.5, zorder=3)
        self.test_points = self.ax.scatter([], [], s=22, facecolor="none", lw=1.3, zorder=3)
        self.ax.set_xlim(low, high)
        self.ax.set_ylim(low, high)
        self.ax.set_aspect("equal")
        self.ax.set_xticks([])  # tick labels would cost more to draw than all the data
        self.ax.set_yticks([])
        self.ax.set_xlabel("x1 →", loc="right")
        self.ax.set_ylabel("x2 →", loc="top")
        self.ax.set_title("")
        (self.train_curve,) = self.loss_ax.plot([], [], color=INK, lw=1.5, label="training")
        (self.test_curve,) = self.loss_ax.plot([], [], color=CLASS_COLOURS[1], lw=1.5,
                                               label="test")
        self.loss_ax.locator_params(nbins=4)
        self.loss_ax.set_xlabel("epoch")
        self.loss_ax.set_ylabel("loss")
        self.loss_ax.legend(loc="upper right", fontsize=8)
        self.maps = self.map_ax.imshow(np.full((TILE, TILE), np.nan), cmap=REGION_CMAP,
                                       vmin=-1, vmax=1, interpolation="nearest")
        self.map_ax.set_xticks([])
        self.map_ax.set_yticks([])
        xs = np.linspace(low, high, GRID)
        self.grid_points = np.column_stack([a.ravel() for a in np.meshgrid(xs, xs)])
        ts = np.linspace(low, high, TILE)
        self.tile_points = np.column_stack([a.ravel() for a in np.meshgrid(ts, ts)])
        self.reset(redraw=False)
        super().__init__(fig, [])

    def _layout_controls(self):
        left = widgets.VBox([self.dataset, self.noise, self.layers, self.neurons,
                             self.activation])
        right = widgets.VBox([self.rate, self.batch_size,
                              widgets.HBox([self.play, self.step_button, self.reset_button])])
        return widgets.HBox([left, right])

    # -- building and training ---------------------------------------------------------------
    def reset(self, new_weights: bool = False, redraw: bool = True) -> None:
        """New data and a freshly initialised network (new random weights if asked)."""
        self.play.playing = False
        if new_weights:
            self.seed += 1
        x, y = datasets.make(self.dataset.value, self.n_points, self.noise.value, seed=0)
        self.x_train, self.y_train, self.x_test, self.y_test = \
            datasets.train_test_split(x, y, 0.3, seed=0)
        rng = np.random.default_rng(self.seed)
        sizes = [2] + [self.neurons.value] * self.layers.value + [1]
        layers = []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            layers.append(Dense.random(n_in, n_out, rng, scale=np.sqrt(1.0 / n_in)))
            if i < len(sizes) - 2:
                layers.append(Activation(self.activation.value))
        self.network = Network(layers)
        self.loss = SigmoidCrossEntropy()
        self.trainer = Trainer(self.network, self.loss, self.x_train, self.y_train,
                               learning_rate=self.rate.value, batch_size=self.batch_size.value,
                               seed=self.seed, x_test=self.x_test, y_test=self.y_test)
        self.untrained_loss = float(self.loss(self.network.forward(self.x_train),
                                              self.y_train[:, None]))
        self.train_points.set_offsets(self.x_train)
        self.train_points.set_color([CLASS_COLOURS[int(v)] for v in self.y_train])
        self.test_points.set_offsets(self.x_test)
        self.test_points.set_edgecolor([CLASS_COLOURS[int(v)] for v in self.y_test])
        if redraw:
            self.update()

    def _retune(self) -> None:
        """A new learning rate or batch size applies from the next step on (no reset)."""
        self.trainer.optimizer = GradientDescent(self.rate.value)
        batch = self.batch_size.value
        self.trainer.batch_size = None if batch is None else min(batch, len(self.x_train))
        self.update()

    def frame(self, epochs: int = 1) -> None:
        """Train for `epochs` more epochs and redraw: one frame of the animation."""
        self.trainer.run(epochs)
        if self.trainer.history.stopped:
            self.play.playing = False
        self.update()

    def _tick(self, change) -> None:
        # A browser "play" sends a tick every interval even while the kernel is busy; ticks
        # that queued up behind a slow frame arrive back to back, and are skipped.
        now = time.perf_counter()
        if now - self._last_frame < 0.3 * self.play.interval / 1000:
            return
        self.frame()
        self._last_frame = time.perf_counter()

    # -- drawing -----------------------------------------------------------------------
    def redraw(self):
        net = self.network
        with np.errstate(all="ignore"):
            scores = net._forward(self.grid_points)[:, 0]
            self.probabilities = np.exp(-np.logaddexp(0.0, -scores))
            self.hidden_maps = self._hidden_maps()
        self.regions.set_data(self.probabilities.reshape(GRID, GRID))
        mosaic = self._mosaic(self.hidden_maps)
        if mosaic.shape != self.maps.get_array().shape:  # new layers or neurons: new frame
            height, width = mosaic.shape
            self.maps.set_extent((-0.5, width - 0.5, height - 0.5, -0.5))
            self.map_ax.set_xlim(-0.5, width - 0.5)
            self.map_ax.set_ylim(height - 0.5, -0.5)
        self.maps.set_data(mosaic)
        h = self.trainer.history
        epochs = np.arange(1, len(h.loss) + 1)
        self.train_curve.set_data(epochs, h.loss)
        self.test_curve.set_data(epochs, h.test_loss)
        # Limits grow in steps (epochs doubling, loss in quarters), so the tick labels change
        # rarely: re-rendering them every frame would cost more than all the training.
        right = 16 * 2 ** int(np.ceil(np.log2(max(1, len(h.loss)) / 16))) if h.loss else 16
        finite = [v for v in h.loss + h.test_loss if np.isfinite(v)]
        top = max(0.75, np.ceil(max(finite, default=0.75) / 0.25) * 0.25)
        if (right, top) != (self.loss_ax.get_xlim()[1], self.loss_ax.get_ylim()[1]):
            self.loss_ax.set_xlim(0, right)
            self.loss_ax.set_ylim(0, top)
        shape = " → ".join(["2", *[str(self.neurons.value)] * self.layers.value, "1"])
        self.ax.set_title(f"{self.dataset.value}: network {shape}, epoch {self.trainer.epoch}",
                          fontsize=10)
        self.map_ax.set_title("hidden neurons (top row: first layer)" if self.layers.value
                              else "no hidden neurons", fontsize=9)

    def _hidden_maps(self) -> list[list[np.ndarray]]:
        """Each hidden neuron's output over a coarse grid, layer by layer."""
        maps, out = [], self.tile_points
        for layer in self.network.layers:
            out = layer._forward(out)
            if isinstance(layer, Activation):
                maps.append([out[:, j].reshape(TILE, TILE) for j in range(out.shape[1])])
        return maps

    def _mosaic(self, maps) -> np.ndarray:
        """Tile the hidden maps into one picture: a row per layer, a gap between tiles."""
        if not maps:
            return np.full((TILE, TILE), np.nan)
        gap = 4
        rows, cols = len(maps), max(len(layer) for layer in maps)
        mosaic = np.full((rows * (TILE + gap) - gap, cols * (TILE + gap) - gap), np.nan)
        for r, layer in enumerate(maps):
            for c, tile in enumerate(layer):
                scale = max(1e-9, float(np.nanmax(np.abs(tile))))  # each tile uses its range
                top = r * (TILE + gap)   # first hidden layer in the top row
                mosaic[top:top + TILE, c * (TILE + gap):c * (TILE + gap) + TILE] = \
                    tile[::-1] / scale
        return mosaic

    def describe(self):
        h = self.trainer.history
        if not h.loss:
            return (f"{self.dataset.value}, noise {num(self.noise.value)}: "
                    f"{len(self.y_train)} training and {len(self.y_test)} test points. "
                    "Press play (or step) to train.")
        text = (f"epoch {self.trainer.epoch}: training loss {num(round(h.loss[-1], 4))}, "
                f"test loss {num(round(h.test_loss[-1], 4))}; accuracy "
                f"{h.accuracy[-1]:.0%} on training points, {h.test_accuracy[-1]:.0%} on "
                "test points")
        if h.stopped:
            text += f"\nstopped: {h.stopped}"
        elif len(h.loss) > 5 and (min(h.loss[-5:]) > 1.5 * min(h.loss)
                                  or min(h.loss[-5:]) > self.untrained_loss):
            # judged on the last five epochs, so one noisy mini-batch epoch doesn't count
            text += ("\nthe loss has gone up (it was lower before, or before training): the "
                     "learning rate may be too large")
        return text
