"""Widgets for notebook 09: images are arrays, and convolution slides a kernel over them.

- PixelsApp:  a hand-drawn 3 pixellated, with its numbers (white 1, black 0).
- StepperApp: the kernel [[1,0,1],[0,1,0],[1,0,1]] steps over the 5×5 example; each position's
              nine products and their sum fill the feature map [[4,3,4],[2,4,3],[2,3,4]].
- TorchApp:   a 4×4 kernel shines like a torch over a 6×6 drawing of a 7: 3×3 positions, a
              3×3 activation map; each map cell sees only its lit patch (its receptive field).
- SizesApp:   image size, kernel size, padding and stride, and the output-size formula.
- KernelApp:  edit a 3×3 kernel, or pick one from a gallery (blur, sharpen, edges...), and see
              it applied to a photo or a handwritten digit.
- CurveApp:   a 10×10 curve detector over a drawing of a dog: it lights up on the ears.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import datasets
from .._format import num
from ..convolution import convolve, map_size
from ..examples import convolution as ex
from ..layers import Conv2D
from ..plots.figure import new_figure
from ..plots.images import NumberGrid, bare, grid_lines, place, window
from ..plots.style import HIGHLIGHT, INK
from .base import App
from .controls import GridSlider, NumberSlider

_STYLE = {"description_width": "90px"}
_WIDE = widgets.Layout(width="330px")


def _slider(value, low, high, description, step=1):
    return NumberSlider(value, min=low, max=high, step=step, description=description,
                        style=_STYLE, layout=_WIDE)


def _button(description, icon, tooltip=""):
    return widgets.Button(description=description, icon=icon, tooltip=tooltip,
                          layout=widgets.Layout(width="110px"))


def _grid_text(array, digits: int = 3) -> str:
    """A small array as rows of numbers, '·' where a value is not known yet (NaN)."""
    rows = []
    for row in np.asarray(array, dtype=float):
        rows.append("[" + ", ".join("·" if np.isnan(v) else num(round(v, digits))
                                    for v in row) + "]")
    return "[" + ", ".join(rows) + "]"


# -- a pixellated 3 --------------------------------------------------------------------------
class PixelsApp(App):
    """A hand-drawn 3 at a chosen number of pixels across; at 12 or fewer, every pixel shows its
    number. State: `pixels` (the array shown)."""

    MOST_NUMBERS = 12  # pixels across up to which each pixel shows its number

    def __init__(self, pixels: int = 8):
        self.size = GridSlider(ex.THREE_SIZES, pixels, description="pixels across",
                               style=_STYLE, layout=_WIDE)
        fig, (self.ax, drawing_ax) = new_figure(7.4, 4.0, 1, 2, width_ratios=(1.35, 1))
        self.picture = self.ax.imshow(np.zeros((2, 2)), cmap="gray", vmin=0, vmax=1,
                                      interpolation="nearest")
        (self.lines,) = self.ax.plot([], [], color="#5a6470", lw=0.8)
        most = self.MOST_NUMBERS
        self.texts = [[self.ax.text(c, r, "", ha="center", va="center", fontsize=8)
                       for c in range(most)] for r in range(most)]
        bare(self.ax)
        drawing_ax.imshow(ex.three(ex.THREE_GRID), cmap="gray", vmin=0, vmax=1)
        bare(drawing_ax)
        drawing_ax.set_title("the drawing", fontsize=10)
        self.title = self.ax.set_title("", fontsize=10)
        super().__init__(fig, [self.size], moving=[self.picture, self.lines,
                                                   *[t for row in self.texts for t in row],
                                                   self.title])

    def redraw(self):
        size = int(self.size.value)
        self.pixels = ex.three(size)
        self.picture.set_data(self.pixels)
        self.picture.set_extent((-0.5, size - 0.5, size - 0.5, -0.5))
        self.ax.set_xlim(-0.5, size - 0.5)
        self.ax.set_ylim(size - 0.5, -0.5)
        self.lines.set_data(*grid_lines(size, size) if size <= 32 else ([], []))
        numbers = size <= self.MOST_NUMBERS
        for r, row in enumerate(self.texts):
            for c, text in enumerate(row):
                inside = numbers and r < size and c < size
                text.set_visible(inside)
                if inside:
                    value = self.pixels[r, c]
                    text.set_text(f"{value:.1f}".rstrip("0").rstrip(".") if value else "0")
                    text.set_color(INK if value > 0.55 else "white")
                    text.set_fontsize(10 if size <= 8 else 7)
        self.title.set_text(f"{size} × {size} = {size * size} pixels, {size * size} numbers")

    def describe(self):
        size = int(self.size.value)
        inked = int(np.sum(self.pixels > 0.5))
        return (f"{size} × {size} pixels: {size * size} numbers from 0 (black) to 1 (white); "
                f"{inked} of them are more than half white.")


# -- the convolution stepper -------------------------------------------------------------------
class StepperApp(App):
    """The kernel steps over the 5×5 example one position at a time.

    In the image, each cell under the kernel shows "pixel × kernel number"; their sum goes into
    the feature map. State: `position` (0 = nothing computed yet, 1..9), `step` (the current
    `Step` record or None) and `feature_map` (NaN where nothing is computed yet).
    """

    def __init__(self, position: int = 1):
        self.all_steps = ex.steps()
        last = len(self.all_steps)
        self.position_slider = _slider(position, 0, last, "position")
        self.back_button = _button("back", "step-backward", "the previous position")
        self.next_button = _button("next", "step-forward", "the next position")
        self.reset_button = _button("start again", "undo", "an empty feature map")
        self.back_button.on_click(lambda _: self.go(self.position - 1))
        self.next_button.on_click(lambda _: self.go(self.position + 1))
        self.reset_button.on_click(lambda _: self.go(0))
        fig, (image_ax, kernel_ax, map_ax) = new_figure(8.4, 3.3, 1, 3,
                                                        width_ratios=(5, 3.4, 3.4))
        self.image_grid = NumberGrid(image_ax, ex.IMAGE.shape, cmap="Blues", vmin=-0.4, vmax=1.8,
                                fontsize=10)
        self.kernel = NumberGrid(kernel_ax, ex.KERNEL.shape, cmap="Oranges", vmin=-0.4,
                                 vmax=1.8)
        self.kernel.set_values(ex.KERNEL)
        self.map = NumberGrid(map_ax, ex.FEATURE_MAP.shape, cmap="Greens", vmin=0, vmax=7,
                              fontsize=13)
        self.image_window = window(image_ax, *ex.KERNEL.shape)
        self.map_window = window(map_ax, 1, 1)
        image_ax.set_title("image (5×5)", fontsize=10)
        kernel_ax.set_title("kernel (3×3)", fontsize=10)
        map_ax.set_title("feature map (3×3)", fontsize=10)
        self.arithmetic = fig.supxlabel(" ", fontsize=10, color=INK)
        super().__init__(fig, [self.position_slider])

    def _layout_controls(self):
        return widgets.VBox([self.position_slider,
                             widgets.HBox([self.back_button, self.next_button,
                                           self.reset_button])])

    @property
    def position(self) -> int:
        return int(self.position_slider.value)

    def go(self, position: int) -> None:
        """Show the kernel at `position` (1..9; 0 shows the empty map), clipped to the ends."""
        self.position_slider.value = min(max(position, 0), len(self.all_steps))

    def redraw(self):
        done = self.all_steps[:self.position]
        self.step = done[-1] if done else None
        self.feature_map = np.full(ex.FEATURE_MAP.shape, np.nan)
        for s in done:
            self.feature_map[s.row, s.col] = s.total
        shown = ~np.isnan(self.feature_map)
        self.map.set_values(np.nan_to_num(self.feature_map), shown=shown)
        labels = [[num(v) for v in row] for row in ex.IMAGE]
        if self.step is not None:
            k_rows, k_cols = ex.KERNEL.shape
            for i in range(k_rows):
                for j in range(k_cols):
                    labels[self.step.row + i][self.step.col + j] = \
                        f"{num(ex.IMAGE[self.step.row + i, self.step.col + j])}×" \
                        f"{num(ex.KERNEL[i, j])}"
            place(self.image_window, self.step.row, self.step.col)
            place(self.map_window, self.step.row, self.step.col)
            self.arithmetic.set_text(self.step.arithmetic)
        self.image_grid.set_values(ex.IMAGE, labels=labels)
        self.image_window.set_visible(self.step is not None)
        self.map_window.set_visible(self.step is not None)
        if self.step is None:
            self.arithmetic.set_text("press next: the kernel goes on the top-left corner")

    def describe(self):
        total = len(self.all_steps)
        if self.step is None:
            return f"position 0 of {total}: nothing computed yet. Feature map " \
                   f"{_grid_text(self.feature_map)}"
        s = self.step
        text = (f"position {self.position} of {total}: kernel on rows {s.row}–{s.row + 2}, "
                f"columns {s.col}–{s.col + 2}\n{s.arithmetic} → feature map row {s.row}, "
                f"column {s.col}\nfeature map so far: {_grid_text(self.feature_map)}")
        if self.position == total:
            text += "\ncomplete: every position of the kernel gave one number."
        return text


# -- the torch -------------------------------------------------------------------------------
class TorchApp(App):
    """A 4×4 kernel shines on a 6×6 image like a torch; only the lit 16 pixels count.

    State: `row`, `col` (the torch's top-left corner), `value` (the lit product-sum) and
    `activation_map` (all nine values).
    """

    def __init__(self, row: int = 0, col: int = 0):
        image, kernel = ex.TORCH_IMAGE, ex.TORCH_KERNEL
        last = image.shape[0] - kernel.shape[0]
        self.row_slider = _slider(row, 0, last, "torch row")
        self.col_slider = _slider(col, 0, last, "torch column")
        self.next_button = _button("next", "step-forward", "move the torch on, row by row")
        self.next_button.on_click(lambda _: self.next())
        self.activation_map = convolve(image, kernel)
        fig, (image_ax, kernel_ax, map_ax) = new_figure(8.4, 3.4, 1, 3,
                                                        width_ratios=(6, 4, 3.3))
        self.image_grid = NumberGrid(image_ax, image.shape, cmap="gray_r", vmin=-0.3, vmax=1.6)
        self.kernel = NumberGrid(kernel_ax, kernel.shape, cmap="Oranges", vmin=-0.4, vmax=1.8)
        self.kernel.set_values(kernel)
        self.map = NumberGrid(map_ax, self.activation_map.shape, cmap="YlOrBr", vmin=0,
                              vmax=float(kernel.sum()), fontsize=13)
        self.map.set_values(self.activation_map)
        self.torch = window(image_ax, *kernel.shape)
        self.cell = window(map_ax, 1, 1)
        image_ax.set_title("image (6×6)", fontsize=10)
        kernel_ax.set_title("kernel, the torch (4×4)", fontsize=10)
        map_ax.set_title("activation map (3×3)", fontsize=10)
        super().__init__(fig, [self.row_slider, self.col_slider])

    def _layout_controls(self):
        return widgets.VBox([self.row_slider, widgets.HBox([self.col_slider,
                                                            self.next_button])])

    @property
    def row(self) -> int:
        return int(self.row_slider.value)

    @property
    def col(self) -> int:
        return int(self.col_slider.value)

    def next(self) -> None:
        """Move the torch one position on in reading order (back to the start after the last)."""
        size = self.activation_map.shape[1]
        index = (self.row * size + self.col + 1) % self.activation_map.size
        with self.batch():
            self.row_slider.value, self.col_slider.value = divmod(index, size)

    def redraw(self):
        rows, cols = ex.TORCH_KERNEL.shape
        lit = np.zeros(ex.TORCH_IMAGE.shape, bool)
        lit[self.row:self.row + rows, self.col:self.col + cols] = True
        self.image_grid.set_values(ex.TORCH_IMAGE, dim=~lit)
        self.patch = ex.TORCH_IMAGE[lit].reshape(rows, cols)
        self.value = float(np.sum(self.patch * ex.TORCH_KERNEL))
        place(self.torch, self.row, self.col)
        place(self.cell, self.row, self.col)

    def describe(self):
        ones = int(ex.TORCH_KERNEL.sum())
        return (f"torch at row {self.row}, column {self.col}: it lights 16 pixels, and "
                f"{num(self.value)} of the kernel's {ones} ones fall on ink → "
                f"{num(self.value)}.\nThat cell of the activation map sees only those 16 "
                f"pixels: they are its receptive field.\nactivation map: "
                f"{_grid_text(self.activation_map)}")


# -- padding, stride and the output size -----------------------------------------------------
class SizesApp(App):
    """How many positions a kernel fits: image size, kernel size, padding and stride.

    Left, the padded image: pixels in white, the ring of padding zeros in grey, the first
    window in yellow and the next one (a stride further) dashed, a dot at every window's
    centre. Right, the output. State: `out` (the output size, or None when the kernel does not
    fit).
    """

    MAX = 9 + 2 * 2  # the largest padded image

    def __init__(self, size: int = 6, kernel_size: int = 4, padding: int = 0, stride: int = 1):
        self.size = _slider(size, 3, 9, "image size")
        self.kernel_size = _slider(kernel_size, 1, 5, "kernel size")
        self.padding = _slider(padding, 0, 2, "padding")
        self.stride = _slider(stride, 1, 3, "stride")
        fig, (self.ax, self.out_ax) = new_figure(7.6, 4.0, 1, 2, width_ratios=(1.25, 1))
        self.cells = self.ax.imshow(np.zeros((1, 1, 3)), interpolation="nearest")
        (self.lines,) = self.ax.plot([], [], color="#9aa3ad", lw=0.8)
        (self.centres,) = self.ax.plot([], [], "o", color=INK, ms=4, zorder=6)
        self.first = window(self.ax, 1, 1)
        self.second = window(self.ax, 1, 1, lw=2.0)
        self.second.set_linestyle("--")
        self.out_cells = self.out_ax.imshow(np.zeros((1, 1, 3)), interpolation="nearest")
        (self.out_lines,) = self.out_ax.plot([], [], color="#9aa3ad", lw=0.8)
        for ax in (self.ax, self.out_ax):
            bare(ax)
            ax.set_xlim(-0.5, self.MAX - 0.5)
            ax.set_ylim(self.MAX - 0.5, -0.5)
            ax.set_aspect("equal")
        self.ax.set_title("padded image and the kernel's positions", fontsize=10)
        self.out_title = self.out_ax.set_title("", fontsize=10)
        super().__init__(fig, [self.size, self.kernel_size, self.padding, self.stride],
                         moving=[self.cells, self.lines, self.first, self.second, self.centres,
                                 self.out_cells, self.out_lines, self.out_title])  # by zorder

    def _centre(self, ax, n: int) -> None:
        """Show an n × n grid in the middle of a frame big enough for the largest one."""
        margin = (self.MAX - n) / 2
        ax.set_xlim(-0.5 - margin, n - 0.5 + margin)
        ax.set_ylim(n - 0.5 + margin, -0.5 - margin)

    def redraw(self):
        n, k = int(self.size.value), int(self.kernel_size.value)
        p, s = int(self.padding.value), int(self.stride.value)
        total = n + 2 * p
        colours = np.full((total, total, 3), 0.85)            # padding: grey zeros
        colours[p:p + n, p:p + n] = 1.0                        # the image's own pixels
        self.cells.set_data(colours)
        self.cells.set_extent((-0.5, total - 0.5, total - 0.5, -0.5))
        self.lines.set_data(*grid_lines(total, total))
        self._centre(self.ax, total)
        try:
            self.out, self.problem = map_size(n, k, stride=s, padding=p), ""
        except ValueError as error:
            self.out, self.problem = None, str(error)
        if self.out is None:
            for artist in (self.first, self.second, self.centres):
                artist.set_visible(False)
            self.out_cells.set_visible(False)
            self.out_lines.set_visible(False)
            self.out_title.set_text("no output")
            return
        starts = np.arange(self.out) * s
        centre = (k - 1) / 2
        cy, cx = np.meshgrid(starts + centre, starts + centre, indexing="ij")
        self.centres.set_data(cx.ravel(), cy.ravel())
        self.centres.set_visible(True)
        for patch, start in ((self.first, 0), (self.second, s)):
            patch.set_width(k)
            patch.set_height(k)
            place(patch, 0, start)
        self.first.set_visible(True)
        self.second.set_visible(self.out > 1)
        self.out_cells.set_data(np.full((self.out, self.out, 3), (0.99, 0.93, 0.72)))
        self.out_cells.set_extent((-0.5, self.out - 0.5, self.out - 0.5, -0.5))
        self.out_lines.set_data(*grid_lines(self.out, self.out))
        self._centre(self.out_ax, self.out)
        self.out_cells.set_visible(True)
        self.out_lines.set_visible(True)
        self.out_title.set_text(f"output: {self.out} × {self.out}")

    def describe(self):
        n, k = int(self.size.value), int(self.kernel_size.value)
        p, s = int(self.padding.value), int(self.stride.value)
        formula = f"({n} + 2·{p} − {k}) // {s} + 1"
        if self.out is None:
            return f"{formula}? No: {self.problem}"
        text = f"output size = (size + 2·padding − kernel) // stride + 1 = {formula} = " \
               f"{self.out}: a {self.out}×{self.out} map from a {n}×{n} image."
        left = (n + 2 * p - k) % s
        if left:
            text += (f"\nThe last {left} column{'s' if left > 1 else ''} (and rows) of the "
                     f"padded image are never the start of a window: the stride jumps past.")
        if self.out == n:
            text += "\nThe output is as big as the image: padding made up for the kernel's size."
        return text


# -- the kernel editor with its gallery ---------------------------------------------------------
PICTURES = ("chelsea the cat", "coffee", "brick", "grass", "a handwritten 3")
_OWN = "(your own)"


def picture(choice: str) -> np.ndarray:
    """One of PICTURES as a grey 2-D array from 0 (black) to 1 (white): a photo, or a typical
    handwritten 3 of the digits' training set (white ink on black)."""
    if choice == PICTURES[-1]:
        return ex.typical_digit(3)
    return datasets.photo(choice.split()[0], grey=True)[0]


class KernelApp(App):
    """Edit a 3×3 kernel (whole numbers, divided by one number), or pick one from the gallery,
    and see it slide over a photo or a handwritten digit (padding 1, so the result keeps the
    picture's size).

    The sliding is done by `Conv2D` (the same sums as `ddn.convolve`, computed at once).
    Kernels whose numbers add up to 0 (edges) give results around 0: those are shown with
    mid-grey as 0, brighter above and darker below. State: `kernel`, `picture`, `result`,
    `name` (the gallery kernel the numbers match, or "(your own)").
    """

    def __init__(self, name: str = "blur", picture: str = "chelsea the cat"):
        self.gallery = widgets.Dropdown(options=[*ex.KERNELS, _OWN], value=name,
                                        description="gallery", style=_STYLE, layout=_WIDE)
        self.picture_choice = widgets.Dropdown(options=PICTURES, value=picture,
                                               description="picture", style=_STYLE,
                                               layout=_WIDE)
        cell = widgets.Layout(width="62px")
        self.cells = [widgets.BoundedIntText(value=0, min=-20, max=20, layout=cell)
                      for _ in range(9)]
        self.divisor = widgets.BoundedIntText(value=1, min=1, max=100, description="÷",
                                              style={"description_width": "20px"},
                                              layout=widgets.Layout(width="90px"))
        self._setting = False
        self._pictures = {}
        self.gallery.observe(self._gallery_chosen, names="value")
        self.picture_choice.observe(lambda _: self.update(), names="value")
        fig, (self.pic_ax, kernel_ax, self.out_ax) = new_figure(9.0, 3.6, 1, 3,
                                                                width_ratios=(1, 0.72, 1))
        self.pic = self.pic_ax.imshow(np.zeros((2, 2)), cmap="gray", vmin=0, vmax=1,
                                      interpolation="nearest")
        self.out = self.out_ax.imshow(np.zeros((2, 2)), cmap="gray", vmin=0, vmax=1,
                                      interpolation="nearest")
        for ax in (self.pic_ax, self.out_ax):
            bare(ax)
        self.kernel_grid = NumberGrid(kernel_ax, (3, 3), cmap="RdBu", vmin=-8, vmax=8)
        self.kernel_title = kernel_ax.set_title("", fontsize=10)
        self.pic_title = self.pic_ax.set_title("", fontsize=10)
        self.out_title = self.out_ax.set_title("", fontsize=10)
        self._set_numbers(ex.KERNELS[name] if name in ex.KERNELS else ex.KERNELS["identity"])
        super().__init__(fig, [*self.cells, self.divisor])

    def _layout_controls(self):
        grid = widgets.GridBox(self.cells, layout=widgets.Layout(
            grid_template_columns="repeat(3, 66px)", width="210px"))
        return widgets.HBox([widgets.VBox([self.gallery, self.picture_choice]),
                             widgets.HBox([grid, self.divisor],
                                          layout=widgets.Layout(align_items="center"))])

    def _set_numbers(self, kernel) -> None:
        self._setting = True
        try:
            for cell, value in zip(self.cells, np.ravel(kernel.numbers)):
                cell.value = int(value)
            self.divisor.value = kernel.divisor
        finally:
            self._setting = False

    def _gallery_chosen(self, change) -> None:
        if change.new == _OWN or self._setting:
            return
        with self.batch():
            self._set_numbers(ex.KERNELS[change.new])

    def choose(self, name: str) -> None:
        """Pick a kernel from the gallery, as the dropdown does."""
        self.gallery.value = name

    def set_kernel(self, numbers, divisor: int = 1) -> None:
        """Type nine whole numbers (row by row) and a divisor into the editor."""
        with self.batch():
            for cell, value in zip(self.cells, np.ravel(numbers)):
                cell.value = int(value)
            self.divisor.value = int(divisor)

    def _matching_name(self) -> str:
        numbers = tuple(tuple(int(c.value) for c in self.cells[i:i + 3]) for i in (0, 3, 6))
        for name, kernel in ex.KERNELS.items():
            if kernel.numbers == numbers and kernel.divisor == self.divisor.value:
                return name
        return _OWN

    def redraw(self):
        numbers = np.array([c.value for c in self.cells], dtype=float).reshape(3, 3)
        self.kernel = numbers / self.divisor.value
        self.name = self._matching_name()
        if self.gallery.value != self.name:
            self._setting = True
            try:
                self.gallery.value = self.name
            finally:
                self._setting = False
        choice = self.picture_choice.value
        if choice not in self._pictures:
            self._pictures[choice] = picture(choice)
        self.picture = self._pictures[choice]
        # Conv2D is convolve done fast (one matrix product instead of a loop per pixel)
        self.result = Conv2D.from_kernels(self.kernel, padding=1).forward(self.picture[None])[0]
        zero_sum = abs(float(self.kernel.sum())) < 1e-9
        if zero_sum:   # symmetric around 0, as far as nearly all of the result goes
            largest = max(1e-9, float(np.percentile(np.abs(self.result), 99.5)))
            self.out.set_clim(-largest, largest)
        else:
            self.out.set_clim(0, 1)
        for handle, data in ((self.pic, self.picture), (self.out, self.result)):
            handle.set_data(data)
            rows, cols = data.shape
            handle.set_extent((-0.5, cols - 0.5, rows - 0.5, -0.5))
        for ax, data in ((self.pic_ax, self.picture), (self.out_ax, self.result)):
            ax.set_xlim(-0.5, data.shape[1] - 0.5)
            ax.set_ylim(data.shape[0] - 0.5, -0.5)
        self.kernel_grid.set_values(numbers)
        divisor = int(self.divisor.value)
        self.kernel_title.set_text(f"kernel{f' ÷ {divisor}' if divisor != 1 else ''}: "
                                   f"{self.name}")
        size = f"{self.picture.shape[0]}×{self.picture.shape[1]}"
        self.pic_title.set_text(f"{choice} ({size}, grey)")
        self.out_title.set_text("result (mid-grey = 0)" if zero_sum else "result (clipped 0–1)")

    def describe(self):
        effect = ex.KERNELS[self.name].effect if self.name in ex.KERNELS else \
            "a kernel of your own"
        low, high = float(self.result.min()), float(self.result.max())
        return (f"{self.name}: {effect}. The kernel's numbers add up to "
                f"{num(round(float(self.kernel.sum()), 4))}.\nresult: {self.result.shape[0]}×"
                f"{self.result.shape[1]}, values from {num(round(low, 3))} to "
                f"{num(round(high, 3))}")


# -- the curve detector ------------------------------------------------------------------------
def _detectors() -> dict:
    curve = ex.curve_kernel()
    line = np.zeros_like(curve)
    line[4:6, :] = 1.0                       # two pixels thick, like the drawing's lines
    return {"╭ curve (an ear's top-left)": curve,
            "╮ the same curve, mirrored": curve[:, ::-1].copy(),
            "╰ the same curve, upside down": curve[::-1].copy(),
            "─ a straight line": line,
            "│ an upright line": line.T.copy()}


DETECTORS = tuple(_detectors())


class CurveApp(App):
    """A 10×10 curve detector slides over a line drawing of a dog.

    Where the drawing has the detector's curve, the sum is large (up to the number of the
    kernel's 1s, when every one of them lands on a fully white pixel); elsewhere it is small.
    Positions scoring at least `threshold` of that maximum light up in yellow on the drawing.
    State: `kernel`, `response` (the 39×39 map), `lit` (positions above the threshold),
    `best` (row, col of the largest response).
    """

    def __init__(self, detector: str = DETECTORS[0], threshold: float = 0.85):
        self.detectors = _detectors()
        self.drawing = ex.dog_drawing()
        self.choice = widgets.Dropdown(options=DETECTORS, value=detector,
                                       description="detector", style=_STYLE,
                                       layout=widgets.Layout(width="380px"))
        self.threshold = NumberSlider(threshold, min=0.5, max=1.0, step=0.05,
                                      description="light up at", style=_STYLE,
                                      layout=widgets.Layout(width="380px"))
        fig, (kernel_ax, self.ax, map_ax) = new_figure(9.0, 3.5, 1, 3,
                                                      width_ratios=(0.55, 1, 1))
        self.kernel_image = kernel_ax.imshow(np.zeros((10, 10)), cmap="gray", vmin=0, vmax=1,
                                             interpolation="nearest")
        kernel_ax.set_title("detector (10×10)", fontsize=10)
        self.ax.imshow(self.drawing, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
        self.glow = self.ax.imshow(np.zeros((*self.drawing.shape, 4)), interpolation="nearest")
        self.best_box = window(self.ax, ex.CURVE_SIZE, ex.CURVE_SIZE, lw=1.5)
        self.title = self.ax.set_title("", fontsize=10)
        size = self.drawing.shape[0] - ex.CURVE_SIZE + 1
        self.map = map_ax.imshow(np.zeros((size, size)), cmap="magma", vmin=0, vmax=1,
                                 interpolation="nearest")
        (self.map_marks,) = map_ax.plot([], [], "s", ms=3, mfc="none", mec=HIGHLIGHT, mew=1)
        map_ax.set_title("the detector's map (39×39)", fontsize=10)
        for ax in (kernel_ax, self.ax, map_ax):
            bare(ax)
        super().__init__(fig, [self.choice, self.threshold])

    def redraw(self):
        self.kernel = self.detectors[self.choice.value]
        self.most = float(self.kernel.sum())            # every 1 on a fully white pixel
        self.response = Conv2D.from_kernels(self.kernel).forward(self.drawing[None])[0]
        self.best = tuple(int(i) for i in np.unravel_index(np.argmax(self.response),
                                                           self.response.shape))
        self.lit = np.argwhere(self.response >= self.threshold.value * self.most - 1e-9)
        glow = np.zeros(self.drawing.shape, bool)
        for r, c in self.lit:
            glow[r:r + ex.CURVE_SIZE, c:c + ex.CURVE_SIZE] |= self.kernel > 0
        glow &= self.drawing > 0.3
        overlay = np.zeros((*self.drawing.shape, 4))
        overlay[glow] = (0.95, 0.72, 0.02, 0.95)
        self.glow.set_data(overlay)
        self.kernel_image.set_data(self.kernel)
        self.map.set_data(self.response / self.most)
        self.map_marks.set_data(self.lit[:, 1], self.lit[:, 0])
        place(self.best_box, *self.best)
        self.title.set_text(f"{len(self.lit)} position{'s' if len(self.lit) != 1 else ''} "
                            f"light up")

    def describe(self):
        best = float(self.response[self.best])
        return (f"{self.choice.value}: its {num(self.most)} ones can add up to at most "
                f"{num(self.most)}.\nlargest sum {num(round(best, 2))} "
                f"({best / self.most:.0%} of that), with the detector's top-left corner at "
                f"row {self.best[0]}, column {self.best[1]} (the box);\n{len(self.lit)} "
                f"position{'s' if len(self.lit) != 1 else ''} reach "
                f"{self.threshold.value:.0%} or more (in yellow).")
