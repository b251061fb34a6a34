"""Widgets of notebooks 09-11 without a browser: set a control, read the app's own state."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.ndimage import correlate

import ddn
from ddn.examples import convolution as ex
from ddn.examples import imagenet
from ddn.widgets.convnet import ImageNetApp
from ddn.widgets.convolution import (
    DETECTORS,
    CurveApp,
    KernelApp,
    PixelsApp,
    SizesApp,
    StepperApp,
    TorchApp,
)


def controls(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from controls(child)


# -- 09 -----------------------------------------------------------------------------------------
def test_pixels_app_pixellates_the_three_and_numbers_small_grids():
    app = PixelsApp(pixels=8)
    assert app.pixels.shape == (8, 8) and np.allclose(app.pixels, ex.three(8))
    shown = [t.get_text() for row in app.texts for t in row if t.get_visible()]
    assert len(shown) == 64 and shown[3] == "0.2"
    app.size.value = 24
    assert app.pixels.shape == (24, 24)
    assert not any(t.get_visible() for row in app.texts for t in row)   # too many to number
    app.size.value = 9                        # not a size of the grid: the nearest one
    assert app.size.value == 8 and app.pixels.shape == (8, 8)


def test_stepper_walks_the_nine_positions_to_the_feature_map():
    app = StepperApp(position=0)
    assert app.step is None and np.isnan(app.feature_map).all() and not app.map_window.get_visible()
    app.next_button.click()
    assert app.step.total == 4 and "= 4 → feature map row 0, column 0" in app.text
    labels = [t.get_text() for t in app.image_grid.texts[0]]
    assert labels == ["1×1", "1×0", "1×1", "0", "0"]          # products under the kernel
    for _ in range(12):                                       # presses past the end stay there
        app.next_button.click()
    assert app.position == 9 and app.feature_map.tolist() == ex.FEATURE_MAP.tolist()
    assert "complete" in app.text
    app.back_button.click()
    assert app.position == 8 and np.isnan(app.feature_map[2, 2])
    app.reset_button.click()
    assert app.position == 0


def test_torch_lights_its_patch_and_reads_the_map():
    app = TorchApp()
    assert app.activation_map.tolist() == [[3, 6, 4], [1, 3, 1], [3, 2, 1]]
    assert app.value == 3 and app.image_grid.shade.get_visible()
    dim = app.image_grid.shade.get_array()[..., 3] > 0
    assert dim.sum() == 36 - 16 and not dim[:4, :4].any()     # only the lit 4×4 is bright
    app.next()
    assert (app.row, app.col, app.value) == (0, 1, 6)
    for _ in range(9):
        app.next()
    assert (app.row, app.col) == (0, 1)                       # round the nine positions
    with app.batch():
        app.row_slider.value, app.col_slider.value = 2, 2
    assert app.value == app.activation_map[2, 2] == 1


@pytest.mark.parametrize("size, kernel_size, padding, stride, expected", [
    (6, 4, 0, 1, 3), (5, 3, 1, 1, 5), (7, 3, 0, 2, 3), (9, 5, 2, 3, 3), (3, 5, 0, 1, None),
    (6, 1, 1, 1, None)])
def test_sizes_app_follows_the_formula(size, kernel_size, padding, stride, expected):
    app = SizesApp()
    with app.batch():
        app.size.value, app.kernel_size.value = size, kernel_size
        app.padding.value, app.stride.value = padding, stride
    assert app.out == expected
    if expected is None:
        assert app.message == "" and "?" in app.text and not app.first.get_visible()
    else:
        assert len(app.centres.get_xdata()) == expected ** 2
        assert ddn.convolve(np.ones((size, size)), np.ones((kernel_size, kernel_size)),
                            stride=stride, padding=padding).shape == (expected, expected)


def test_kernel_app_gallery_editor_and_pictures():
    app = KernelApp("blur")
    reference = correlate(app.picture, np.full((3, 3), 1 / 9), mode="constant")
    assert np.allclose(app.result, reference)
    app.choose("sharpen")
    assert [c.value for c in app.cells] == [0, -1, 0, -1, 5, -1, 0, -1, 0]
    assert app.divisor.value == 1 and app.name == "sharpen"
    app.cells[4].value = 4                          # an edit: no gallery kernel any more
    assert app.name == "(your own)" and app.gallery.value == "(your own)"
    assert np.isclose(app.kernel.sum(), 0)
    app.cells[4].value = 5                          # back to sharpen: recognised again
    assert app.gallery.value == "sharpen"
    app.gallery.value = "(your own)"                # choosing "(your own)" changes nothing
    assert app.name == "sharpen" and app.cells[4].value == 5
    app.picture_choice.value = "a handwritten 3"
    assert app.picture.shape == app.result.shape == (8, 8)
    assert np.allclose(app.result, correlate(app.picture, ex.kernel("sharpen"), mode="constant"))
    app.choose("edges")
    low, high = app.out.get_clim()
    assert low == -high > 0 or low == -high < 0               # zero-sum kernels: grey is 0
    app.set_kernel(np.ones((3, 3)), 9)
    assert app.name == "blur" and app.out.get_clim() == (0, 1)
    for picture in ("coffee", "brick", "grass"):
        app.picture_choice.value = picture
        assert app.result.shape == (128, 128) and app.message == ""


def test_curve_app_finds_the_ears_and_its_mirror_image():
    app = CurveApp()
    assert app.best == (9, 3) and sorted(map(tuple, app.lit.tolist())) == [(9, 3), (9, 29)]
    assert np.allclose(app.response, ddn.convolve(ex.dog_drawing(), ex.curve_kernel()))
    glowing = app.glow.get_array()[..., 3] > 0
    assert glowing.any() and glowing[:, 24:].any() and glowing[:, :24].any()   # both ears
    app.choice.value = DETECTORS[1]                                    # mirrored: ╮
    assert app.best[1] >= 20 and np.array_equal(app.kernel, ex.curve_kernel()[:, ::-1])
    app.threshold.value = 0.5
    assert len(app.lit) > 2
    for name in DETECTORS:
        app.choice.value = name
        assert app.response.shape == (39, 39) and app.message == ""
        assert app.response.max() <= app.kernel.sum() + 1e-9


def test_imagenet_app_reveals_the_years():
    app = ImageNetApp(year=2011)
    assert [r.year for r in app.shown] == [2010, 2011]
    assert [bar.get_visible() for bar in app.bars] == [True, True] + [False] * 4
    assert "25.8%" in app.text and "not a neural network" in app.text
    app.year.value = 2012
    assert app.latest.entry.startswith("AlexNet") and "10.5 points better" in app.text
    app.year.value = 2015
    assert "3.57%" in app.text and "Better than the human estimate" in app.text
    assert np.all(app.gains > 0) and len(app.gains) == len(imagenet.WINNERS) - 1
    app.human.value = False
    assert not app.human_line.get_visible()


@pytest.mark.parametrize("make", [PixelsApp, StepperApp, TorchApp, SizesApp, KernelApp, CurveApp,
                                  ImageNetApp])
def test_every_control_at_every_end_never_raises(make):
    import ipywidgets as widgets

    app = make()
    for control in controls(app.view):
        if isinstance(control, widgets.Button):
            control.click()
        elif hasattr(control, "options") and hasattr(control, "index") and control.options:
            for index in (0, len(control.options) - 1):
                control.index = index
        elif isinstance(control, widgets.BoundedIntText):
            for value in (control.min, control.max):
                control.value = value
        elif isinstance(control, widgets.Checkbox):
            control.value = not control.value
        assert not app.message.startswith("Traceback"), app.message
