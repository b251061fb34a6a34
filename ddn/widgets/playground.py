"""The playground (notebook 08): train a small network on 2-D data and watch it learn.

In the spirit of TensorFlow Playground, inside the notebook: pick a data set and its noise,
the hidden layers and neurons, the activation, the learning rate and the batch size; then
play, stop, step or reset. The big picture shows the network's decision regions with the
training points (filled) and the held-out test points (ringed); beside it, the training and
test loss per epoch, and a small heat map of what every hidden neuron responds to.

Playing is a loop in the kernel, not a timer in the browser. ▶ starts it in a thread of its
own (ipykernel 7 may deliver widget messages on a thread of their own too, so one lock keeps
the training, the drawing and the controls from running over each other); ■ stops it before
the next epoch. It trains about FRAMES_PER_SECOND epochs a second and draws up to as many
frames, as long as the browser keeps up (it confirms a frame now and then): when drawing or the
browser can't keep up, one frame shows several epochs. Frames are skipped, never queued, and
every view of the app shows the same frames (they are one set of widgets).

A frame redraws only what moves (the regions, the points, the curves, the hidden maps) on a
saved picture of everything else; the axes, labels and legend are drawn again only when they
change (new limits, a new network).
"""

from __future__ import annotations

import threading
import time

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.artist import Artist

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
from .controls import GridSlider, NumberSlider

GRID = 64           # the decision picture: the network's output on GRID × GRID points, smoothed
TILE = 36           # each hidden neuron's heat map is TILE × TILE points
MAX_NEURONS = 8
MAX_LAYERS = 3
RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 3.0, 10.0)

FRAMES_PER_SECOND = 20      # playing: at most this many frames a second, about as many epochs
MAX_EPOCHS_PER_FRAME = 10   # when frames fall behind, a frame shows up to this many epochs
TRAIN_BUDGET = 0.1          # and trains for at most this many seconds (one epoch at least)
TEXT_EVERY = 0.25           # the readout changes at most this often (the page lays itself out)
CONFIRM_EVERY = 0.3         # seconds: how often a frame asks the browser to confirm it arrived
BROWSER_LAG = 0.6           # frames stop while a request is older than this, unconfirmed,
BROWSER_TIMEOUT = 1.0       # for at most this long: then carry on (the page may be closed)


class AxesPicture(Artist):
    """Values on a grid, shaded and stretched over the whole of an axes, pixel by pixel in
    numpy: a few milliseconds where imshow's general resampling takes tens, for pictures that
    change every frame. `smooth`: the values are samples whose corners sit on the axes'
    corners, blended in between (bilinear); otherwise each value fills its own cell. NaN values
    are left transparent. `get_array()` and `set_data()` work as for imshow."""

    def __init__(self, ax, values, cmap, vmin, vmax, *, alpha=1.0, smooth=True,
                 origin="lower", zorder=0):
        super().__init__()
        self.set_zorder(zorder)
        self.set_in_layout(False)  # it fills its axes: nothing for a layout engine to place
        colours = colormaps[cmap](np.linspace(0, 1, 256))
        colours[:, :3] = alpha * colours[:, :3] + (1 - alpha)  # as if seen through, on white
        self._colours = np.round(colours * 255).astype(np.uint8)
        self._low, self._span = vmin, vmax - vmin
        self._smooth, self._origin = smooth, origin
        self._lookup = {}
        self.set_data(values)
        ax.add_artist(self)

    def get_array(self) -> np.ndarray:
        return self._values

    def set_data(self, values) -> None:
        self._values = np.asarray(values, dtype=float)
        self.stale = True

    def _where(self, pixels: int, count: int):
        """For each of `pixels` pixel centres along a side, which values it takes, and how
        much of the second (bilinear), or which cell (nearest)."""
        key = (pixels, count, self._smooth)
        if key not in self._lookup:
            centres = (np.arange(pixels) + 0.5) / pixels
            if self._smooth:
                at = np.clip(centres * (count - 1), 0, count - 1)
                first = np.minimum(at.astype(int), max(count - 2, 0))
                self._lookup[key] = (first, np.minimum(first + 1, count - 1),
                                     (at - first).astype(np.float32))
            else:
                self._lookup[key] = np.minimum((centres * count).astype(int), count - 1)
        return self._lookup[key]

    def pixels(self, width: int, height: int) -> np.ndarray:
        """The picture as (height, width) RGBA bytes, bottom row first (as Agg takes it)."""
        values = self._values[::-1] if self._origin == "upper" else self._values
        values = values.astype(np.float32)  # float32 and take(): several times faster here
        rows, cols = values.shape
        if self._smooth:
            r0, r1, rw = self._where(height, rows)
            c0, c1, cw = self._where(width, cols)
            across = values[r0] * (1 - rw)[:, None] + values[r1] * rw[:, None]
            grid = across[:, c0] * (1 - cw) + across[:, c1] * cw
        else:
            grid = values[np.ix_(self._where(height, rows), self._where(width, cols))]
        missing = np.isnan(grid)
        shade = np.clip((np.where(missing, self._low, grid) - self._low) / self._span * 255 + 0.5,
                        0, 255).astype(np.uint8)
        picture = self._colours.take(shade, axis=0)
        picture[missing] = 0
        return picture

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        x0, y0, x1, y1 = np.round(self.axes.bbox.extents).astype(int)
        if x1 <= x0 or y1 <= y0:
            return
        gc = renderer.new_gc()
        gc.set_clip_rectangle(self.axes.bbox)
        renderer.draw_image(gc, x0, y0, self.pixels(x1 - x0, y1 - y0))
        gc.restore()
        self.stale = False


class PlaygroundApp(App):
    """State: `network`, `trainer` (its `history` and `epoch`), `probabilities` on the grid,
    `hidden_maps` (one TILE×TILE map per hidden neuron), `playing`.

    Live: `play()` and `pause()` (what ▶ and ■ do), `frame()` (what step does: one epoch, drawn).
    """

    live_format = "jpeg"  # big shaded frames: JPEG encodes in a fraction of PNG's time

    def __init__(self, dataset: str = "circles", noise: float = 0.1, layers: int = 2,
                 neurons: int = 4, activation: str = "tanh", learning_rate: float = 0.3,
                 batch_size: int = 10, seed: int = 0, n_points: int = 200):
        self._lock = threading.RLock()  # one thing at a time: a frame, a click, a cell
        self.n_points, self.seed = n_points, seed
        style = {"description_width": "125px"}
        wide = widgets.Layout(width="340px")
        self.dataset = widgets.Dropdown(options=list(datasets.DATASETS), value=dataset,
                                        description="data", style=style, layout=wide)
        self.noise = NumberSlider(noise, min=0, max=0.5, step=0.05, description="noise",
                                  style=style, layout=wide, continuous_update=False)
        self.layers = widgets.IntSlider(value=layers, min=0, max=MAX_LAYERS,
                                        description="hidden layers", style=style, layout=wide)
        self.neurons = widgets.IntSlider(value=neurons, min=1, max=MAX_NEURONS,
                                         description="neurons per layer", style=style,
                                         layout=wide)
        self.activation = widgets.Dropdown(options=("tanh", "relu", "sigmoid", "linear"),
                                           value=activation, description="activation",
                                           style=style, layout=wide)
        self.rate = GridSlider(sorted({*RATES, float(learning_rate)}), learning_rate,
                               description="learning rate", style=style, layout=wide)
        self.batch_size = widgets.Dropdown(options=[("1", 1), ("10", 10), ("30", 30),
                                                    ("all (full batch)", None)],
                                           value=batch_size, description="batch size",
                                           style=style, layout=wide)
        buttons = widgets.Layout(width="90px")
        self.play_button = widgets.ToggleButton(value=False, description="play", icon="play",
                                                tooltip="train live (press again to stop)",
                                                layout=buttons)
        self.step_button = widgets.Button(description="step", icon="step-forward",
                                          tooltip="train one epoch", layout=buttons)
        self.reset_button = widgets.Button(description="reset", icon="undo",
                                           tooltip="new random weights, epoch 0",
                                           layout=buttons)
        self.play_button.add_class("ddn-play")
        self.play_button.observe(self._play_button_moved, names="value")
        self.step_button.on_click(lambda _: self.frame())
        self.reset_button.on_click(lambda _: self.reset(new_weights=True))
        for control in (self.dataset, self.noise, self.layers, self.neurons, self.activation):
            control.observe(lambda _: self.reset(), names="value")
        for control in (self.rate, self.batch_size):
            control.observe(lambda _: self._retune(), names="value")
        # How the loop knows the browser keeps up: now and then (every CONFIRM_EVERY seconds,
        # once the last request is answered) the kernel puts the number of frames drawn in
        # `_frames_sent`; the browser copies it into `_frames_seen` (a link that runs in the
        # browser) once that frame has reached it, and sends the copy back. A reply for every
        # frame would cost the browser more than the frame: each message from the browser to
        # the kernel makes the page show the kernel busy, then idle.
        self._frames_drawn = 0
        self._asked_at = 0.0             # when the last request was made
        self._frames_sent = widgets.IntText(0)
        self._frames_seen = widgets.IntText(0)
        self._seen_link = widgets.jsdlink((self._frames_sent, "value"),
                                          (self._frames_seen, "value"))
        self._frames_seen.observe(self._browser_saw_a_frame, names="value")
        self._browser_confirms = False   # a browser has confirmed a frame: wait for it
        self._wake = threading.Event()   # set by a confirmation, and by pause()
        self._thread = None              # the play thread
        self._turn = None                # the token of the play that may train now
        self.playing = False
        self._shown_epoch = 0            # the epoch the picture shows
        self._text_held = False          # while playing, most frames leave the readout as it is
        self._text_behind = False        # a held text not in the readout yet

        fig = blank_figure(9.6, 4.6)
        grid = fig.add_gridspec(2, 2, width_ratios=(1.15, 1), height_ratios=(1, 1.15))
        self.ax = fig.add_subplot(grid[:, 0])
        self.loss_ax = fig.add_subplot(grid[0, 1])
        self.map_ax = fig.add_subplot(grid[1, 1])
        low, high = datasets.LIMITS
        self.regions = AxesPicture(self.ax, np.zeros((GRID, GRID)), REGION_CMAP, 0, 1,
                                   alpha=0.55)
        # The points as markers of one line per class (training: filled; test: ringed), which
        # draw several times faster than a scatter of coloured points.
        self.train_points = [self.ax.plot([], [], ls="none", marker="o", ms=4.2, mfc=colour,
                                          mec="white", mew=0.5, zorder=3)[0]
                             for colour in CLASS_COLOURS]
        self.test_points = [self.ax.plot([], [], ls="none", marker="o", ms=4.7, mfc="none",
                                         mec=colour, mew=1.3, zorder=3)[0]
                            for colour in CLASS_COLOURS]
        self.ax.set_xlim(low, high)
        self.ax.set_ylim(low, high)
        self.ax.set_aspect("equal")
        self.ax.set_xticks([])  # tick labels would cost more to draw than all the data
        self.ax.set_yticks([])
        self.ax.set_xlabel("x1 →", loc="right")
        self.ax.set_ylabel("x2 →", loc="top")
        self.ax.set_title("", loc="left", fontsize=10)
        self.epoch_title = self.ax.set_title("", loc="right", fontsize=10)
        (self.train_curve,) = self.loss_ax.plot([], [], color=INK, lw=1.5, label="training")
        (self.test_curve,) = self.loss_ax.plot([], [], color=CLASS_COLOURS[1], lw=1.5,
                                               label="test")
        self.loss_ax.locator_params(nbins=4)
        self.loss_ax.set_xlabel("epoch")
        self.loss_ax.set_ylabel("loss")
        # above the axes, where no curve can cross it (so it needn't be redrawn every frame)
        self.loss_ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncol=2, fontsize=8,
                            frameon=False, borderaxespad=0.2)
        self.maps = AxesPicture(self.map_ax, np.full((TILE, TILE), np.nan), REGION_CMAP, -1, 1,
                                smooth=False, origin="upper")
        self.map_ax.set_aspect("equal")
        self.map_ax.set_xlim(-0.5, TILE - 0.5)
        self.map_ax.set_ylim(TILE - 0.5, -0.5)
        self.map_ax.set_xticks([])
        self.map_ax.set_yticks([])
        xs = np.linspace(low, high, GRID)
        self.grid_points = np.column_stack([a.ravel() for a in np.meshgrid(xs, xs)])
        ts = np.linspace(low, high, TILE)
        self.tile_points = np.column_stack([a.ravel() for a in np.meshgrid(ts, ts)])
        # What a frame redraws, in drawing order (the spines again, over the pictures).
        # What a frame redraws, in drawing order (the spines again, over the pictures).
        moving = [self.regions, *self.ax.spines.values(), *self.train_points, *self.test_points,
                  self.epoch_title, self.train_curve, self.test_curve,
                  *self.loss_ax.spines.values(), self.maps, *self.map_ax.spines.values()]
        self.reset(redraw=False)
        super().__init__(fig, [], moving)
        self.view.add_class("ddn-playground")

    def _layout_controls(self):
        left = widgets.VBox([self.dataset, self.noise, self.layers, self.neurons,
                             self.activation])
        right = widgets.VBox([self.rate, self.batch_size,
                              widgets.HBox([self.play_button, self.step_button,
                                            self.reset_button])])
        return widgets.HBox([left, right])

    # -- building and training ---------------------------------------------------------------
    def reset(self, new_weights: bool = False, redraw: bool = True) -> None:
        """New data and a freshly initialised network (new random weights if asked); stops
        playing."""
        with self._lock:
            self._reset(new_weights, redraw)

    def _reset(self, new_weights: bool, redraw: bool) -> None:
        self.pause(redraw=False)
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
        for label, (train, test) in enumerate(zip(self.train_points, self.test_points)):
            train.set_data(*self.x_train[self.y_train == label].T)
            test.set_data(*self.x_test[self.y_test == label].T)
        if redraw:
            self.update()

    def _retune(self) -> None:
        """A new learning rate or batch size applies from the next step on (no reset)."""
        with self._lock:
            self.trainer.optimizer = GradientDescent(self.rate.value)
            batch = self.batch_size.value
            self.trainer.batch_size = None if batch is None else min(batch, len(self.x_train))
            self.update()

    def frame(self, epochs: int = 1) -> None:
        """Train for `epochs` more epochs and redraw: one frame of the animation."""
        with self._lock:
            self.trainer.run(epochs)
            self.update()
            if self.trainer.history.stopped:
                self.pause()

    def update(self, change=None) -> None:
        with self._lock:
            super().update(change)

    # -- playing -------------------------------------------------------------------------------
    def play(self, frames: int | None = None) -> None:
        """Train and draw live, in a thread of its own, until `pause()` (or for `frames`
        frames). In a notebook this is what ▶ does; `join()` waits for a limited play to end."""
        with self._lock:
            if self.playing:
                return
            turn = object()  # this play's token: pause() takes it away
            thread = threading.Thread(target=self._play_loop, args=(turn, frames),
                                      name="ddn playground", daemon=True)
            self._turn, self._thread, self.playing = turn, thread, True
            self._wake.clear()
            try:
                thread.start()
            except BaseException:
                self._turn, self.playing = None, False
                raise
            self._show_playing(True)

    def pause(self, redraw: bool = True) -> None:
        """Stop playing at once: no epoch is trained after this returns. The picture is brought
        up to date if epochs were trained since it was drawn."""
        with self._lock:
            self._turn = None
            self.playing = False
            self._wake.set()       # a loop waiting for the browser or the clock ends now
            self._show_playing(False)
            if redraw and (self.trainer.epoch != self._shown_epoch or self._text_behind):
                self.update()

    def join(self, timeout: float | None = None) -> None:
        """Wait until the play thread has ended (after `pause()`, or a `play(frames)`)."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _play_loop(self, turn, frames: int | None) -> None:
        """The play thread: train on a clock, draw when the browser has the last frame."""
        interval = 1 / FRAMES_PER_SECOND
        last = time.perf_counter() - interval  # when the last frame began
        last_text = -TEXT_EVERY                # when the readout last changed
        drawn, stopped = 0, None
        try:
            while frames is None or drawn < frames:
                self._wait(turn, time.perf_counter() + BROWSER_TIMEOUT, self._browser_is_ready)
                self._wait(turn, last + interval)
                # One epoch per frame interval since the last frame: a late frame catches up.
                now = time.perf_counter()
                epochs = min(MAX_EPOCHS_PER_FRAME, max(1, round((now - last) / interval)))
                last = now
                for done in range(epochs):
                    with self._lock:
                        if self._turn is not turn:
                            return               # ■: pause() drew the last epoch
                        if done and time.perf_counter() - now > TRAIN_BUDGET:
                            break
                        self.trainer.run(1)
                        stopped = self.trainer.history.stopped
                    if stopped:
                        break
                with self._lock:
                    if self._turn is not turn:
                        return
                    self._text_held = not stopped and now - last_text < TEXT_EVERY
                    try:
                        self.update()
                    finally:
                        self._text_held = False
                    last_text = last_text if self._text_behind else now
                    drawn += 1
                    self._frames_drawn += 1
                    self._ask_browser()
                if stopped:
                    break
        except Exception as error:  # noqa: BLE001 - a widget must never show a traceback
            with self._lock:
                if self._turn is turn:
                    self._show_error(error)
        finally:
            with self._lock:
                if self._turn is turn:  # it ended by itself (diverged, enough frames, an error)
                    self._turn = None
                    self.playing = False
                    self._show_playing(False)
                    if self._text_behind:
                        self.show_text(self.text)

    def _wait(self, turn, until: float, ready=lambda: False) -> None:
        """Sleep until the clock reaches `until` or `ready()`; at once if paused meanwhile."""
        while True:
            self._wake.clear()
            remaining = until - time.perf_counter()
            if self._turn is not turn or ready() or remaining <= 0:
                return
            self._wake.wait(remaining)

    def _answered(self) -> bool:
        return self._frames_seen.value >= self._frames_sent.value

    def _ask_browser(self) -> None:
        """Ask the browser to confirm the frame just sent, if the last request was answered
        (or there was none) at least CONFIRM_EVERY seconds ago."""
        now = time.perf_counter()
        if (self._answered() or not self._browser_confirms) and \
                now - self._asked_at >= CONFIRM_EVERY:
            self._asked_at = now
            self._frames_sent.value = self._frames_drawn

    def _browser_is_ready(self) -> bool:
        """No browser confirms frames (yet), or the last request is answered or younger than
        BROWSER_LAG: no more than BROWSER_LAG seconds of frames are ever on their way."""
        return not self._browser_confirms or self._answered() or \
            time.perf_counter() - self._asked_at < BROWSER_LAG

    def _browser_saw_a_frame(self, change) -> None:
        self._browser_confirms = True
        self._wake.set()

    def _play_button_moved(self, change) -> None:
        with self._lock:
            if change.new == self.playing:
                return
            try:
                self.play() if change.new else self.pause()
            except Exception as error:  # noqa: BLE001 - a click must never show a traceback
                self._show_playing(False)
                self._show_error(error)

    def _show_playing(self, playing: bool) -> None:
        self.play_button.value = playing
        self.play_button.description = "stop" if playing else "play"
        self.play_button.icon = "stop" if playing else "play"

    def show_text(self, text: str) -> None:
        """The readout, except while a playing frame holds it (errors are never held)."""
        if self._text_held and not text.startswith("⚠"):
            self.text, self._text_behind = text, True
            return
        self._text_behind = False
        super().show_text(text)

    def _show_error(self, error) -> None:
        self.message = str(error)
        self.show_text(f"⚠ {error}")

    # -- drawing -----------------------------------------------------------------------
    def redraw(self):
        net = self.network
        with np.errstate(all="ignore"):
            scores = net.forward(self.grid_points)[:, 0]
            self.probabilities = np.exp(-np.logaddexp(0.0, -scores))
            self.hidden_maps = self._hidden_maps()
        self.regions.set_data(self.probabilities.reshape(GRID, GRID))
        mosaic = self._mosaic(self.hidden_maps)
        if mosaic.shape != self.maps.get_array().shape:  # new layers or neurons: new frame
            height, width = mosaic.shape
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
        self.ax.set_title(f"{self.dataset.value}: network {shape}", loc="left", fontsize=10)
        self.epoch_title.set_text(f"epoch {self.trainer.epoch}")
        self.map_ax.set_title("hidden neurons (top row: first layer)" if self.layers.value
                              else "no hidden neurons", fontsize=9)
        self._shown_epoch = self.trainer.epoch

    def backdrop_state(self):
        return (self.loss_ax.get_xlim(), self.loss_ax.get_ylim(), self.ax.get_title("left"),
                self.map_ax.get_title(), self.map_ax.get_xlim(), self.map_ax.get_ylim())

    def _hidden_maps(self) -> list[list[np.ndarray]]:
        """Each hidden neuron's output over a coarse grid, layer by layer."""
        outputs = self.network.activations(self.tile_points)
        return [[out[:, j].reshape(TILE, TILE) for j in range(out.shape[1])]
                for layer, out in zip(self.network.layers, outputs)
                if isinstance(layer, Activation)]

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
                f"test loss {num(round(h.test_loss[-1], 4))}\naccuracy "
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
