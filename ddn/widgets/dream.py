"""Widget for notebook 12, part 2: what the digits ConvNet "wants", and its dreams.

- DreamApp: the gallery of a layer (for each channel, the picture that excites it most,
            `ddn.dream.channel_gallery`), a channel picker, and a dream: a picture nudged,
            step by step, to give that channel (or the whole layer) more of what it responds
            to (`ddn.dream.dream`). The network has only ever seen digits, so it dreams strokes,
            even on a photo of a cat.

The two galleries are computed once per network and kept; a dream of up to 40 steps on a
43 × 43 picture takes a few hundredths of a second, made on the first visit and kept.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Rectangle

from .. import datasets
from .._format import num
from ..dream import channel_gallery, dream
from ..fooling import noise
from ..plots.figure import blank_figure
from ..plots.images import bare, mosaic, tile_centres
from ..plots.style import HIGHLIGHT, INK
from .adversarial import STYLE, by_depth, digits_network, kept
from .base import App
from .controls import NumberSlider

#: The layers a learner can dream with: name -> (position of its ReLU in digits_convnet,
#: channels in a row of the gallery).
LAYERS = {"first convolution": (1, 4), "second convolution": (4, 4)}
STARTS = ("the cat", "a test 3", "noise")
GALLERY_SIZE = 12          # pixels a side of each channel's picture


def start_picture(name: str) -> np.ndarray:
    """A picture to dream on, ink 1 (white) and paper 0 (black) as the digits are: the cat photo
    (43 × 43, its dark lines as ink, so it looks like a negative), the first test 3, or noise
    (8 × 8)."""
    if name == "the cat":
        return 1 - datasets.photo("chelsea", grey=True)[:, ::3, ::3]
    if name == "a test 3":
        _, _, x_test, y_test = datasets.digits()
        return x_test[np.flatnonzero(y_test == 3)[0]]
    return noise(1, seed=0)[0]


class DreamApp(App):
    """Left: what each channel of a layer wants (`channel_gallery`), the chosen one boxed.
    Right: a starting picture and its dream, `steps` steps of making the chosen channel (or
    the whole layer) respond more.

    State: `galleries` (layer -> Gallery), `start` and `dreamt` (pictures), `before` and
    `after` (the mean response of the chosen channel, or layer, to each), `dreams` (the
    dreams made so far, by layer, channel, start and steps).
    """

    def __init__(self, network=None, layer: str = "second convolution", channel: int = 2,
                 start: str = "the cat", amplify: str = "one channel", steps: int = 20):
        self.network = digits_network(network)
        self.galleries = {name: kept(self.network, ("gallery", position, GALLERY_SIZE),
                                     lambda p=position: channel_gallery(self.network, p,
                                                                        size=GALLERY_SIZE))
                          for name, (position, _) in LAYERS.items()}
        self.layer = widgets.ToggleButtons(options=tuple(LAYERS), value=layer,
                                           description="layer", style=STYLE)
        self.channel = NumberSlider(channel, min=0, max=self._count(layer) - 1, step=1,
                                    description="channel", style=STYLE,
                                    layout=widgets.Layout(width="330px"))
        self.amplify = widgets.ToggleButtons(options=("one channel", "the whole layer"),
                                             value=amplify, description="amplify",
                                             style=STYLE)
        self.start_choice = widgets.Dropdown(options=STARTS, value=start,
                                             description="dream on", style=STYLE,
                                             layout=widgets.Layout(width="220px"))
        self.steps = NumberSlider(steps, min=0, max=40, step=5, description="steps",
                                  style=STYLE, layout=widgets.Layout(width="330px"))
        self.layer.observe(self._layer_chosen, names="value")
        self.starts = {name: start_picture(name) for name in STARTS}
        self.mosaics = {name: mosaic(self.galleries[name].images[:, 0], across, gap=3)
                        for name, (_, across) in LAYERS.items()}
        # One frame for every layer's gallery (the largest), the smaller ones centred in it:
        # the axes never change, so a new layer redraws only the moving pictures.
        self.frame = tuple(max(m.shape[i] for m in self.mosaics.values()) for i in (0, 1))

        fig = blank_figure(10.2, 3.6)
        grid = fig.add_gridspec(1, 3, width_ratios=(1.15, 1, 1))
        self.gallery_ax = fig.add_subplot(grid[0, 0])
        start_ax, dream_ax = fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[0, 2])
        self.gallery = self.gallery_ax.imshow(np.zeros((2, 2)), cmap="gray", vmin=0, vmax=1,
                                              interpolation="nearest")
        self.numbers = [self.gallery_ax.text(0, 0, "", ha="center", va="bottom", fontsize=7,
                                             color=INK) for _ in range(16)]
        self.box = Rectangle((0, 0), 1, 1, fill=False, ec=HIGHLIGHT, lw=2.5)
        self.gallery_ax.add_patch(self.box)
        bare(self.gallery_ax)
        self.gallery_ax.set_xlim(-1.5, self.frame[1] + 0.5)
        self.gallery_ax.set_ylim(self.frame[0] + 0.5, -3.5)
        self.gallery_title = self.gallery_ax.set_title("", fontsize=9)
        self.start_image = start_ax.imshow(np.zeros((8, 8)), cmap="gray", vmin=0, vmax=1,
                                           interpolation="nearest")
        self.dream_image = dream_ax.imshow(np.zeros((8, 8)), cmap="gray", vmin=0, vmax=1,
                                           interpolation="nearest")
        for ax in (start_ax, dream_ax):
            bare(ax)
        self.start_title = start_ax.set_title("", fontsize=9)
        self.dream_title = dream_ax.set_title("", fontsize=9)
        # The gallery changes only with the layer (backdrop_state): it stays in the kept
        # backdrop, and a channel, a start or a number of steps redraws only the rest.
        moving = [self.box, self.start_image, self.dream_image, self.start_title,
                  self.dream_title]
        self.dreams = {}
        super().__init__(fig, [self.channel, self.amplify, self.start_choice, self.steps],
                         moving=by_depth(moving))

    def _layout_controls(self):
        return widgets.VBox([self.layer, self.channel, self.amplify,
                             widgets.HBox([self.start_choice, self.steps])])

    def backdrop_state(self):
        return self.layer.value

    def _count(self, layer: str) -> int:
        return len(self.galleries[layer].images)

    def _layer_chosen(self, change) -> None:
        with self.batch():
            self.channel.set_range(0, self._count(change.new) - 1, self.channel.value)

    def _response(self, picture) -> float:
        """The mean response of the chosen channel (or of the whole layer) to `picture`."""
        position, _ = LAYERS[self.layer.value]
        maps = self.network[:position + 1].forward(picture[None])[0]
        return float(maps[int(self.channel.value)].mean() if self.one else maps.mean())

    @property
    def one(self) -> bool:
        return self.amplify.value == "one channel"

    def redraw(self):
        layer, k = self.layer.value, int(self.channel.value)
        position, across = LAYERS[layer]
        gallery = self.galleries[layer]
        tiles = gallery.images[:, 0]
        picture = self.mosaics[layer]
        self.gallery.set_data(picture)
        h, w = picture.shape
        top = (self.frame[0] - h) // 2                      # centred in the common frame
        self.gallery.set_extent((-0.5, w - 0.5, top + h - 0.5, top - 0.5))
        size = tiles.shape[1:]
        centres = [(x, y + top) for x, y in tile_centres(len(tiles), across, size, gap=3)]
        for i, text in enumerate(self.numbers):
            if i < len(tiles):
                x, y = centres[i]
                text.set_position((x, y - size[0] / 2 - 0.2))
                text.set_text(str(i))
            else:
                text.set_text("")
        x, y = centres[k]
        self.box.set_xy((x - size[1] / 2, y - size[0] / 2))
        self.box.set_width(size[1])
        self.box.set_height(size[0])
        self.box.set_visible(self.one)
        self.gallery_title.set_text(f"what each channel of the {layer} wants")
        self.start = self.starts[self.start_choice.value]
        steps = int(self.steps.value)
        key = (position, k if self.one else None, self.start_choice.value, steps)
        if key not in self.dreams:              # each dream is made once, then looked up
            self.dreams[key] = dream(self.network, self.start, position, channel=key[1],
                                     steps=steps) if steps else self.start
        self.dreamt = self.dreams[key]
        self.before, self.after = self._response(self.start), self._response(self.dreamt)
        self.start_image.set_data(self.start[0])
        self.dream_image.set_data(self.dreamt[0])
        self.start_title.set_text(f"{self.start_choice.value} (ink white, as the digits)")
        what = f"channel {k}" if self.one else "the whole layer"
        self.dream_title.set_text(f"dreamt for {what}, {steps} steps")

    def describe(self):
        layer, k = self.layer.value, int(self.channel.value)
        what = f"channel {k} of the {layer}" if self.one else f"the whole {layer}"
        wanted = self.galleries[layer].activations[k]
        growth = (f"×{self.after / self.before:.1f}" if self.before > 1e-9 else
                  "up from nothing")
        return (f"{what}: its mean response to {self.start_choice.value} went from "
                f"{num(round(self.before, 3))} to {num(round(self.after, 3))} ({growth}) in "
                f"{int(self.steps.value)} steps.\nChannel {k}'s own picture (boxed, "
                f"{GALLERY_SIZE}×{GALLERY_SIZE}) excites the centre of its map to "
                f"{num(round(float(wanted), 2))}.")
