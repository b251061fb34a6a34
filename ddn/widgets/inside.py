"""Widgets for notebook 11: inside a trained ConvNet.

All three take a trained `digits_convnet` (conv, ReLU, pool, conv, ReLU, pool, flatten,
dense) and look at it through `network.activations(x)`, every layer's output:

- FiltersApp:     the first layer's eight 3×3 kernels as pictures, before and after training,
                  and what one of them makes of a digit.
- ActivationsApp: one test digit on its way through the network, layer by layer.
- TopDigitsApp:   for any filter, the test digits that excite it most, and where.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import datasets
from .._format import num, percent
from ..examples import convolution as conv_ex
from ..examples.convnets import digits_convnet
from ..layers import Conv2D
from ..losses import softmax
from ..plots.figure import blank_figure
from ..plots.images import NumberGrid, bare, mosaic, tile_centres, window
from ..plots.style import CLASS_COLOURS, INK, STOP
from .base import App
from .controls import NumberSlider, example_picker

DIGITS = tuple(range(10))
#: Positions in digits_convnet's layers of what the apps show.
FIRST_MAPS, FIRST_POOLED, SECOND_MAPS, SECOND_POOLED, SCORES = 1, 2, 4, 5, 7


def _conv_layers(network) -> list[Conv2D]:
    layers = [layer for layer in network.layers if isinstance(layer, Conv2D)]
    if len(layers) < 2 or len(network.layers) <= SCORES:
        raise ValueError(f"network should be the course's digits ConvNet (conv, ReLU, pool, "
                         f"conv, ReLU, pool, flatten, dense), but it is {network!r}.")
    return layers


def _tiles(maps) -> list[np.ndarray]:
    return [np.asarray(m, dtype=float) for m in maps]


# -- the first layer's filters -------------------------------------------------------------------
class FiltersApp(App):
    """The eight 3×3 kernels of the first layer as little pictures (blue positive, red
    negative), trained or as they started; below, the chosen one's numbers, a digit, and the
    feature map that kernel makes of it (convolution, bias, ReLU).

    State: `kernels` (8, 3, 3) as shown, `kernel`, `feature_map`.
    """

    def __init__(self, network, seed: int = 0, filter: int = 0, digit: int = 3):
        first = _conv_layers(network)[0]
        self.network = network
        self.trained = (first.weights[:, 0].copy(), first.bias.copy())
        start = digits_convnet(seed).layers[0]        # the same seed: where training began
        self.untrained = (start.weights[:, 0].copy(), start.bias.copy())
        count = len(first.bias)
        style = {"description_width": "60px"}
        self.which = widgets.ToggleButtons(options=("trained", "untrained"), value="trained",
                                           description="weights", style=style)
        self.filter = NumberSlider(filter, min=0, max=count - 1, step=1, description="filter",
                                   style=style, layout=widgets.Layout(width="300px"))
        self.digit = widgets.Dropdown(options=DIGITS, value=digit, description="digit",
                                      style=style, layout=widgets.Layout(width="150px"))
        fig = blank_figure(9.0, 4.6)
        grid = fig.add_gridspec(2, 3, height_ratios=(0.8, 1.25))
        self.row_ax = fig.add_subplot(grid[0, :])
        kernel_ax, digit_ax, map_ax = (fig.add_subplot(grid[1, i]) for i in range(3))
        self.top = 1.0
        self.row = self.row_ax.imshow(mosaic([np.zeros((3, 3))] * count, count), cmap="RdBu",
                                      vmin=-1, vmax=1)
        self.box = window(self.row_ax, 3, 3, lw=2.5)
        bare(self.row_ax)
        self.row_title = self.row_ax.set_title("", fontsize=10)
        self.labels = [self.row_ax.text(x, 3.1, str(k), ha="center", va="top", fontsize=8,
                                        color=INK)
                       for k, (x, _) in enumerate(tile_centres(count, count, (3, 3)))]
        self.row_ax.set_ylim(4, -0.5)
        self.kernel_grid = NumberGrid(kernel_ax, (3, 3), cmap="RdBu", vmin=-1, vmax=1,
                                      digits=2, fontsize=10)
        self.kernel_title = kernel_ax.set_title("", fontsize=10)
        self.picture = digit_ax.imshow(np.zeros((8, 8)), cmap="gray", vmin=0, vmax=1)
        digit_ax.set_title("a typical test digit", fontsize=10)
        self.map = map_ax.imshow(np.zeros((8, 8)), cmap="magma", vmin=0, vmax=1)
        self.map_title = map_ax.set_title("", fontsize=10)
        for ax in (digit_ax, map_ax):
            bare(ax)
        super().__init__(fig, [self.which, self.filter, self.digit])

    def _layout_controls(self):
        return widgets.VBox([self.which, widgets.HBox([self.filter, self.digit])])

    def redraw(self):
        weights, biases = self.trained if self.which.value == "trained" else self.untrained
        self.kernels = weights
        k = int(self.filter.value)
        self.kernel, bias = weights[k], float(biases[k])
        top = float(np.abs(weights).max())
        self.row.set_data(mosaic(weights, len(weights)))
        self.row.set_clim(-top, top)
        self.box.set_xy((k * 4 - 0.5, -0.5))
        self.row_title.set_text(f"the first layer's {len(weights)} kernels, "
                                f"{self.which.value} (blue: positive weights, red: negative)")
        self.kernel_grid.norm.vmin, self.kernel_grid.norm.vmax = -top, top
        self.kernel_grid.set_values(self.kernel)
        self.kernel_title.set_text(f"kernel {k}, bias {num(round(bias, 2))}")
        image = conv_ex.typical_digit(self.digit.value)
        neuron = Conv2D.from_kernels(self.kernel, bias=bias, padding=1)
        self.feature_map = np.maximum(neuron.forward(image[None])[0], 0)   # ReLU
        self.picture.set_data(image)
        self.map.set_data(self.feature_map)
        self.map.set_clim(0, max(1e-9, float(self.feature_map.max())))
        self.map_title.set_text("its feature map (after ReLU)")

    def describe(self):
        k = int(self.filter.value)
        rows = "; ".join(" ".join(f"{v:+.2f}" for v in row) for row in self.kernel)
        active = int(np.sum(self.feature_map > 0))
        return (f"kernel {k} ({self.which.value}): {rows}\n"
                f"on this {self.digit.value}: {active} of 64 positions above 0, the largest "
                f"{num(round(float(self.feature_map.max()), 2))}.")


# -- activation maps, layer by layer -----------------------------------------------------------
class ActivationsApp(App):
    """One test digit through the network: the 8 feature maps of the first convolution (after
    ReLU), the same after pooling, the 16 maps of the second convolution and after pooling,
    then the ten probabilities. Each stage is shaded from 0 (black) to its own largest value.

    State: `digit_image`, `stages` (name -> array of maps), `probabilities`, `answer`.
    """

    STAGES = (("first convolution + ReLU", FIRST_MAPS, 4), ("pooled", FIRST_POOLED, 4),
              ("second convolution + ReLU", SECOND_MAPS, 4), ("pooled", SECOND_POOLED, 4))

    def __init__(self, network, digit: int = 3, example: int = 0):
        _conv_layers(network)
        self.network = network
        _, _, self.x_test, self.y_test = datasets.digits()
        self.per_digit = {d: np.flatnonzero(self.y_test == d) for d in DIGITS}
        style = {"description_width": "60px"}
        self.digit, self.example = example_picker(self.per_digit, digit, example, label="digit",
                                                  style=style, widths=("150px", "330px"))
        fig = blank_figure(10.0, 3.3)
        grid = fig.add_gridspec(1, 6, width_ratios=(0.6, 1.3, 0.9, 0.9, 0.7, 1.1))
        axes = [fig.add_subplot(grid[0, i]) for i in range(6)]
        self.picture = axes[0].imshow(np.zeros((8, 8)), cmap="gray", vmin=0, vmax=1)
        axes[0].set_title("input 8×8", fontsize=9)
        self.images, self.titles = [], []
        for ax, (name, _, _) in zip(axes[1:5], self.STAGES):
            self.images.append(ax.imshow(np.zeros((2, 2)), cmap="magma", vmin=0, vmax=1))
            self.titles.append(ax.set_title(name, fontsize=9))
        for ax in axes[:5]:
            bare(ax)
        self.bar_ax = axes[5]
        self.bars = self.bar_ax.barh(DIGITS, np.zeros(10), color=STOP)
        self.bar_ax.set_yticks(DIGITS)
        self.bar_ax.invert_yaxis()
        self.bar_ax.set_xlim(0, 1)
        self.bar_ax.tick_params(labelsize=8)
        self.answer_title = self.bar_ax.set_title("", fontsize=9)
        super().__init__(fig, [self.digit, self.example])

    def _layout_controls(self):
        return widgets.HBox([self.digit, self.example])

    def redraw(self):
        index = self.per_digit[self.digit.value][int(self.example.value)]
        self.digit_image = self.x_test[index, 0]
        outputs = self.network.activations(self.x_test[index])
        self.stages = {}
        for image, title, (name, position, across) in zip(self.images, self.titles,
                                                          self.STAGES):
            maps = outputs[position]
            self.stages[f"{name} ({position})"] = maps
            picture = mosaic(_tiles(maps), across, gap=1)
            image.set_data(picture)
            image.set_extent((-0.5, picture.shape[1] - 0.5, picture.shape[0] - 0.5, -0.5))
            image.axes.set_xlim(-0.5, picture.shape[1] - 0.5)
            image.axes.set_ylim(picture.shape[0] - 0.5, -0.5)
            image.set_clim(0, max(1e-9, float(maps.max())))
            c, h, w = maps.shape
            title.set_text(f"{name}\n{c} maps of {h}×{w}")
        self.probabilities = softmax(outputs[SCORES])
        self.answer = int(np.argmax(self.probabilities))
        self.picture.set_data(self.digit_image)
        for d, (bar, p) in enumerate(zip(self.bars, self.probabilities)):
            bar.set_width(p)
            bar.set_color(CLASS_COLOURS[1] if d == self.answer else STOP)
        self.answer_title.set_text(f"says {self.answer} "
                                   f"({percent(self.probabilities[self.answer], 1)})")

    def describe(self):
        sizes = ", ".join(f"{name}: {maps.size} numbers" for name, maps in self.stages.items())
        right = "right" if self.answer == self.digit.value else "wrong"
        return (f"a test {self.digit.value} (example {int(self.example.value)}): 64 pixels → "
                f"{sizes} → 10 scores.\nThe network says {self.answer} "
                f"({percent(self.probabilities[self.answer], 1)}): {right}.")


# -- the digits that excite a filter most ---------------------------------------------------
class TopDigitsApp(App):
    """For one filter of the first or second convolution: the twelve test digits whose
    feature map (after ReLU) reaches the highest value, and those feature maps, with the
    strongest spot boxed.

    State: `strength` (each test digit's largest value in the filter's map), `top` (indices of
    the twelve test digits), `labels` (their digits).
    """

    SHOWN, ACROSS = 12, 4
    LAYERS = {"first convolution": FIRST_MAPS, "second convolution": SECOND_MAPS}

    def __init__(self, network, layer: str = "first convolution", filter: int = 0):
        _conv_layers(network)
        self.network = network
        _, _, self.x_test, self.y_test = datasets.digits()
        outputs = network.activations(self.x_test)
        self.maps = {name: outputs[position] for name, position in self.LAYERS.items()}
        style = {"description_width": "60px"}
        self.layer = widgets.ToggleButtons(options=tuple(self.LAYERS), value=layer,
                                           description="layer", style=style)
        self.filter = NumberSlider(filter, min=0, max=self._count(layer) - 1, step=1,
                                   description="filter", style=style,
                                   layout=widgets.Layout(width="330px"))
        self.layer.observe(self._layer_chosen, names="value")
        fig = blank_figure(8.6, 3.9)
        grid = fig.add_gridspec(1, 2)
        self.digits_ax, self.maps_ax = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
        self.digits = self.digits_ax.imshow(np.zeros((2, 2)), cmap="gray", vmin=0, vmax=1)
        self.heat = self.maps_ax.imshow(np.zeros((2, 2)), cmap="magma", vmin=0, vmax=1)
        self.texts = [self.digits_ax.text(0, 0, "", ha="center", va="bottom", fontsize=8,
                                          color=INK) for _ in range(self.SHOWN)]
        (self.spots,) = self.maps_ax.plot([], [], "s", mfc="none", mec="#2e8540", mew=1.5)
        for ax in (self.digits_ax, self.maps_ax):
            bare(ax)
        self.digits_title = self.digits_ax.set_title("", fontsize=10)
        self.maps_title = self.maps_ax.set_title("", fontsize=10)
        super().__init__(fig, [self.filter], moving=[self.digits, *self.texts, self.heat,
                                                     self.spots, self.digits_title,
                                                     self.maps_title])

    def _layout_controls(self):
        return widgets.VBox([self.layer, self.filter])

    def _count(self, layer: str) -> int:
        return self.maps[layer].shape[1]

    def _layer_chosen(self, change) -> None:
        with self.batch():
            self.filter.set_range(0, self._count(change.new) - 1, self.filter.value)

    def redraw(self):
        layer, k = self.layer.value, int(self.filter.value)
        maps = self.maps[layer][:, k]                              # (360, h, w)
        self.strength = maps.reshape(len(maps), -1).max(axis=1)
        self.top = np.argsort(-self.strength, kind="stable")[:self.SHOWN]
        self.labels = [int(self.y_test[i]) for i in self.top]
        digits = mosaic([self.x_test[i, 0] for i in self.top], self.ACROSS, gap=2)
        h, w = maps.shape[1:]
        scale = 8 // h                                             # show 4×4 maps as 8×8
        heat = mosaic([np.kron(maps[i], np.ones((scale, scale))) for i in self.top],
                      self.ACROSS, gap=2)
        for image, picture in ((self.digits, digits), (self.heat, heat)):
            image.set_data(picture)
            image.set_extent((-0.5, picture.shape[1] - 0.5, picture.shape[0] - 0.5, -0.5))
            image.axes.set_xlim(-0.5, picture.shape[1] - 0.5)
            image.axes.set_ylim(picture.shape[0] - 0.5, -2.5)
        self.heat.set_clim(0, max(1e-9, float(self.strength[self.top[0]])))
        centres = tile_centres(self.SHOWN, self.ACROSS, (8, 8), gap=2)
        xs, ys = [], []
        for (x, y), i, text in zip(centres, self.top, self.texts):
            text.set_position((x, y - 4.2))
            text.set_text(str(self.y_test[i]))
            r, c = np.unravel_index(np.argmax(maps[i]), (h, w))
            xs.append(x - 3.5 + (c + 0.5) * scale - 0.5)
            ys.append(y - 3.5 + (r + 0.5) * scale - 0.5)
        self.spots.set_data(xs, ys)
        self.spots.set_markersize(4 * scale)
        self.digits_title.set_text(f"the 12 test digits that excite filter {k} most")
        self.maps_title.set_text(f"{layer}, filter {k}: their maps")

    def describe(self):
        counts = {d: self.labels.count(d) for d in sorted(set(self.labels))}
        common = max(counts, key=lambda d: (counts[d], -d))
        listing = ", ".join(f"{n}× {d}" for d, n in sorted(counts.items(),
                                                          key=lambda t: (-t[1], t[0])))
        return (f"{self.layer.value}, filter {int(self.filter.value)}: the twelve strongest "
                f"are {listing}; mostly {common}s.\nThe strongest reaches "
                f"{num(round(float(self.strength[self.top[0]]), 2))}; half the test digits "
                f"stay below {num(round(float(np.median(self.strength)), 2))}.")
