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


def pixels(png: bytes) -> np.ndarray:
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


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


# -- 10 -----------------------------------------------------------------------------------------
def trainer(seed):
    """ddn's own Trainer with the course's recipe (momentum, mini-batches of 32)."""
    from ddn.examples.convnets import BATCH_SIZE, MOMENTUM, SCHEDULE, digits_convnet

    x_train, y_train, x_test, y_test = datasets_digits()
    return ddn.Trainer(digits_convnet(seed), ddn.SoftmaxCrossEntropy(), x_train, y_train,
                       batch_size=BATCH_SIZE, optimizer=ddn.Momentum(SCHEDULE[0][1], MOMENTUM),
                       seed=seed, x_test=x_test, y_test=y_test)


@pytest.fixture(scope="module")
def trained():
    """The course's ConvNet after a few epochs (enough to read most digits; quick)."""
    t = trainer(0)
    t.run(4)
    return t.network


def test_conv_neuron_app_is_convolve_plus_bias_through_relu():
    from ddn.widgets.convnet import ConvNeuronApp

    app = ConvNeuronApp(digit=3, kernel="vertical edges", bias=0.5)
    digit = ex.typical_digit(3)
    by_hand = correlate(digit, ex.kernel("vertical edges"), mode="constant") + 0.5
    assert np.allclose(app.sums, by_hand) and np.allclose(app.feature_map, np.maximum(by_hand, 0))
    app.activation.value = "none"
    assert np.allclose(app.feature_map, by_hand)
    app.digit.value = 7
    assert np.allclose(app.sums, correlate(ex.typical_digit(7), ex.kernel("vertical edges"),
                                           mode="constant") + 0.5)
    assert "10 numbers" in app.text


def test_trainer_app_trains_like_train_digits():
    """The widget's own loop (forward, loss, backward, update on mini-batches) is the recipe
    of ddn's Trainer in `train_digits`: after two epochs the weights agree."""
    from ddn.widgets.convnet import TrainerApp

    app = TrainerApp(seed=3)
    assert app.epoch == 0 and app.test_accuracy < 0.3 and "guessing" in app.text
    app.train(2, live=False)
    reference = trainer(3)
    history = reference.run(2)
    for mine, theirs in zip(app.network.parameters(), reference.network.parameters()):
        assert np.allclose(mine.value, theirs.value)
    assert app.history["epochs"] == pytest.approx([1 / 3, 2 / 3, 1, 4 / 3, 5 / 3, 2])
    assert app.test_accuracy == pytest.approx(history.test_accuracy[-1])
    assert app.confusion.sum() == 360 and np.trace(app.confusion) == 360 - len(app.mistakes)
    shown = [t.get_text() for t in app.mis_texts if t.get_text()]
    assert len(shown) == min(15, len(app.mistakes))
    first = app.mistakes[0]
    assert shown[0] == f"{app.y_test[first]} → {app.predicted[first]}"


def test_trainer_app_buttons_learning_rate_and_divergence():
    from ddn.widgets.convnet import TrainerApp

    app = TrainerApp(seed=0)
    app.one_button.click()
    assert app.epoch == 1 and len(app.history["test_accuracy"]) == 3
    app.reset_button.click()
    assert app.epoch == 0 and app.seed == 1 and app.history["epochs"] == []
    app.rate.value = 1e9                      # beyond the slider: its largest value, 1
    assert app.rate.value == 1.0 and app.optimizer.learning_rate == 1.0
    app.network[0].weights = app.network[0].weights * 1e200     # a sure overflow
    app.frame()
    assert app.stopped and "lower the learning rate" in app.text and app.message == ""
    app.five_button.click()                   # stopped: nothing more happens, nothing raises
    assert app.frames == 1


def test_trainer_app_frame_redraws_only_what_moves():
    from ddn.plots.figure import png_bytes
    from ddn.widgets.convnet import TrainerApp

    app = TrainerApp(seed=0)
    app.frame()
    kept = app.backdrop._kept
    app.frame()
    assert app.backdrop._kept is kept        # the same epoch axis: the backdrop is kept
    fast = pixels(bytes(app.image.value))
    assert np.array_equal(fast, pixels(png_bytes(app.fig)))   # the same as a full redraw


def test_draw_app_reads_what_is_drawn(trained):
    from ddn.widgets.convnet import DrawApp

    app = DrawApp(trained)
    assert not app.pixels.any() and "empty grid" in app.text
    x_test, y_test = datasets_digits()[2:]
    app.start.value = 0
    first_zero = x_test[np.flatnonzero(y_test == 0)[0], 0]
    assert np.allclose(app.pixels, np.round(first_zero * 2) / 2)
    assert app.answer == 0
    expected = ddn.softmax(trained.forward(app.pixels[None, None])[0])
    assert np.allclose(app.probabilities, expected)
    app.clear()
    app.pen.value = "grey"
    app.cells[9].click()
    assert app.pixels[1, 1] == 0.5 and app.cells[9].style.button_color == "#9aa3ad"
    app.cells[9].click()
    assert app.pixels[1, 1] == 0
    app.pen.value = "ink"
    app.cells[9].click()
    app.pen.value = "eraser"
    app.cells[9].click()
    assert app.pixels[1, 1] == 0 and not app.pixels.any()


def datasets_digits():
    from ddn import datasets

    return datasets.digits()


# -- 11 -----------------------------------------------------------------------------------------
def test_filters_app_shows_the_first_layer_before_and_after(trained):
    from ddn.examples.convnets import digits_convnet
    from ddn.widgets.inside import FiltersApp

    app = FiltersApp(trained, seed=0, filter=2)
    assert np.allclose(app.kernels, trained[0].weights[:, 0])
    assert np.allclose(app.row.get_array()[:, 8:11], trained[0].weights[2, 0])  # tile 2
    digit = ex.typical_digit(3)
    expected = np.maximum(correlate(digit, trained[0].weights[2, 0], mode="constant")
                          + trained[0].bias[2], 0)
    assert np.allclose(app.feature_map, expected)
    app.which.value = "untrained"
    assert np.allclose(app.kernels, digits_convnet(0)[0].weights[:, 0])


def test_activations_app_follows_one_digit(trained):
    from ddn.widgets.inside import ActivationsApp

    app = ActivationsApp(trained, digit=4, example=5)
    x_test, y_test = datasets_digits()[2:]
    index = np.flatnonzero(y_test == 4)[5]
    assert np.array_equal(app.digit_image, x_test[index, 0])
    outputs = trained.activations(x_test[index])
    assert [m.shape for m in app.stages.values()] == [(8, 8, 8), (8, 4, 4), (16, 4, 4),
                                                       (16, 2, 2)]
    assert np.allclose(list(app.stages.values())[2], outputs[4])
    assert np.allclose(app.probabilities, ddn.softmax(outputs[-1]))
    assert ("right" in app.text) == (app.answer == 4)


def test_top_digits_app_ranks_the_test_digits(trained):
    from ddn.widgets.inside import TopDigitsApp

    app = TopDigitsApp(trained, layer="second convolution", filter=6)
    x_test, y_test = datasets_digits()[2:]
    maps = trained.activations(x_test)[4][:, 6]
    strength = maps.reshape(360, -1).max(axis=1)
    assert np.allclose(app.strength, strength)
    assert set(app.top) == set(np.argsort(-strength, kind="stable")[:12])
    assert app.labels == [int(y_test[i]) for i in app.top]
    assert all(strength[i] >= np.sort(strength)[-12] for i in app.top)
    app.filter.value = 15
    app.layer.value = "first convolution"       # 8 filters only: the slider follows
    assert app.filter.max == 7 and app.filter.value == 7 and app.message == ""
    assert len(app.spots.get_xdata()) == 12


@pytest.mark.parametrize("name", ["ConvNeuronApp", "TrainerApp", "DrawApp", "FiltersApp",
                                  "ActivationsApp", "TopDigitsApp"])
def test_convnet_apps_never_raise_at_any_control(name, trained):
    import ipywidgets as widgets

    import ddn.widgets.convnet as convnet
    import ddn.widgets.inside as inside

    make = getattr(convnet, name, None) or getattr(inside, name)
    app = make(trained) if name in ("DrawApp", "FiltersApp", "ActivationsApp",
                                    "TopDigitsApp") else make()
    for control in list(controls(app.view))[:40]:   # the draw grid's first cells suffice
        if isinstance(control, widgets.Button) and control.description != "5 epochs":
            control.click()
        elif hasattr(control, "options") and hasattr(control, "index") and control.options:
            for index in (0, len(control.options) - 1):
                control.index = index
        assert not app.message, app.message
