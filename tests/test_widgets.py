"""Widgets without a browser: move a control, check the numbers, the plot data and the text."""

import base64
import io

import numpy as np
import pytest

from ddn.examples import driving_test as dt
from ddn.widgets.activations import ActivationApp, CollapseApp
from ddn.widgets.history import TimelineApp
from ddn.widgets.learning import CatRulesApp, HouseApp, LineApp
from ddn.widgets.networks import DrivingTestApp, RegionsApp, SoftmaxApp
from ddn.widgets.neuron import AdmissionsApp, FestivalApp

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_festival_threshold_flips_the_decision_and_moves_the_line():
    app = FestivalApp()
    assert app.decision == "go" and app.total == 26
    assert [bar.get_width() for bar in app.bars] == [12, 4, 8, 2]
    picture = app.image.value
    app.threshold_slider.value = 27
    assert app.decision == "stay home"
    assert list(app.threshold_line.get_xdata()) == [27, 27]
    assert "26 − 27 = −1 ≤ 0 → stay home" in app.text
    assert app.verdict.get_text().startswith("STAY HOME")
    assert app.image.value != picture


def test_festival_scores_and_weights_change_the_bars():
    app = FestivalApp()
    app.score_sliders[0].value = 0     # terrible weather
    assert app.total == 14 and app.decision == "stay home"
    assert app.bars[0].get_width() == 0 and app.bars[1].get_x() == 0
    app.weight_sliders[2].value = 4    # company matters a lot now
    assert app.total == 22


def test_admissions_bias_moves_the_line_and_changes_the_agreement():
    app = AdmissionsApp()
    assert app.agree == 40
    np.testing.assert_allclose(app.line.get_xdata(), [4, 9])     # x2 = 18 − 2·x1 in the box
    app.b.value = -10
    assert app.agree < 40 and app.accepted == 33
    np.testing.assert_allclose(app.line.get_ydata(), [10, 0])
    app.w2.value = 0                                            # a vertical line: x1 = 5
    np.testing.assert_allclose(app.line.get_xdata(), [5, 5])


def test_admissions_with_all_weights_zero_draws_no_line_and_no_error():
    app = AdmissionsApp()
    app.w1.value, app.w2.value = 0, 0
    assert list(app.line.get_xdata()) == [] and app.message == ""


def test_line_app_counts_mistakes_and_shows_the_curve():
    app = LineApp()
    assert len(app.wrong) == 3 and "wrong: chihuahua, dachshund, Maine Coon" in app.text
    assert len(app.rings.get_offsets()) == 3
    app.slope.value = 0.0
    app.intercept.value = 40.0                                  # every animal below: all "cat"
    assert len(app.wrong) == 30 + 2  # 30 typical dogs and 2 odd dogs are called cats
    np.testing.assert_allclose(app.line.get_ydata(), [40, 40])
    app.show_curve.value = True
    assert len(app.curve_wrong) == 0 and "network's curve: 63 of 63 right" in app.text
    assert not app.line.get_visible()


def test_house_app_learned_numbers_beat_the_hand_rule():
    app = HouseApp()
    hand = app.error
    app.learned_button.click()
    assert app.numbers == (90.3, 1006.2, -40.5)
    assert app.error < hand
    app.rule_button.click()
    assert app.numbers == (100, 1000, -30) and app.error == pytest.approx(hand)


def test_activation_app_reads_output_and_slope():
    app = ActivationApp()
    assert app.output == pytest.approx(0.7310586) and app.slope == pytest.approx(0.1966119)
    app.choice.value = "relu"
    app.z.value = -2.0
    assert app.output == 0 and app.slope == 0
    assert list(app.points[0].get_xdata()) == [-2.0]
    np.testing.assert_allclose(app.curves[0].get_ydata(), np.maximum(app.zs, 0))
    assert app.text == "relu(−2) = 0; slope there = 0"


def test_collapse_app_linear_is_one_line_and_relu_bends():
    app = CollapseApp()
    assert app.difference < 1e-9
    second = np.diff(app.outputs, 2)
    assert np.max(np.abs(second)) < 1e-9                        # straight line
    app.depth.value = 6
    assert app.difference < 1e-9 and "equals one line" in app.text
    app.choice.value = "relu"
    assert app.collapsed is None
    assert np.max(np.abs(np.diff(app.outputs, 2))) > 1e-3       # bends


def test_driving_test_app_people_a_and_b():
    app = DrivingTestApp()
    assert round(app.probability * 100, 2) == 95.22
    assert [t.get_text() for t in app.diagram.node_text[1]] == ["150.5", "179.5"]
    with app.batch():
        app.age.value, app.sex.value, app.lessons.value = dt.PERSON_A
    assert round(app.probability * 100, 2) == 4.74
    assert [t.get_text() for t in app.diagram.node_text[1]] == ["0", "0"]
    assert app.title.get_text() == "P(pass) = 4.74%"


def test_regions_app_one_two_three_neurons():
    app = RegionsApp()
    triangle = app.inside
    app.hidden.value = 1
    half = app.inside
    app.hidden.value = 2
    assert half > app.inside > triangle > 0
    assert app.title.get_text() == "2 hidden neurons: a wedge"
    assert len(app.lines[2].get_xdata()) == 0


def test_softmax_app_probabilities_sum_to_one():
    app = SoftmaxApp()
    assert [round(float(p), 6) for p in app.probabilities] == [0.000101, 0.999899]
    app.sliders[0].value = 5.2
    np.testing.assert_allclose(app.probabilities, [0.5, 0.5])
    assert app.prob_bars[0].get_height() == pytest.approx(0.5)
    assert "they add up to 100%" in app.text


def test_timeline_and_cat_rules():
    timeline = TimelineApp()
    timeline.slider.value = 2016
    assert "4–1" in timeline.text
    rules = CatRulesApp()
    rules.animal.value = "husky"
    assert rules.verdict.says_cat and rules.truth is False and "WRONG" in rules.text
    rules.boxes["furry"].value = False              # a made-up animal: no truth to compare
    assert rules.truth is None and rules.verdict.failed_rule == "furry"


@pytest.mark.parametrize("app_class", [FestivalApp, AdmissionsApp, LineApp, HouseApp,
                                       ActivationApp, CollapseApp, DrivingTestApp, RegionsApp,
                                       SoftmaxApp, TimelineApp, CatRulesApp])
def test_every_app_offers_a_picture_and_text_besides_the_live_widget(app_class):
    app = app_class()
    bundle = app._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["text/plain"] == app.text and app.text


def test_an_error_in_a_callback_becomes_a_message_not_a_traceback(monkeypatch):
    app = SoftmaxApp()
    monkeypatch.setattr(app, "redraw", lambda: (_ for _ in ()).throw(ValueError("no good")))
    app.sliders[0].value = 1.0                       # must not raise
    assert app.message == "no good" and "⚠ no good" in app.readout.value


# -- the learning arc (05-08) -------------------------------------------------------------------
from ddn.widgets.backprop import STAGES, BackpropApp, VanishingApp  # noqa: E402
from ddn.widgets.descent import BlindfoldApp, DescentApp, LinkedDescentApp  # noqa: E402
from ddn.widgets.loss import CrossEntropyApp, LineFitApp  # noqa: E402


def test_line_fit_squares_and_best_fit():
    app = LineFitApp()
    assert app.mse == pytest.approx(np.mean(app.residuals ** 2))
    areas = [sq.get_width() * sq.get_height() for sq in app.squares]
    assert np.mean(areas) == pytest.approx(app.mse)            # the MSE is the mean square area
    app.best_button.click()
    assert (app.slope.value, app.intercept.value) == pytest.approx((1.0, 0.75))
    assert app.mse == pytest.approx(0.3125) and "best possible" in app.title.get_text()


def test_cross_entropy_app_cat_photo():
    app = CrossEntropyApp()
    assert app.loss == pytest.approx(-np.log(0.38)) and app.squared == pytest.approx(0.62 ** 2)
    app.p.value = 0.01
    assert app.loss > 4.5 and app.squared < 1


def test_descent_app_surfaces_rates_and_buttons():
    app = DescentApp()
    assert app.descent.status == "descending" and len(app.descent.path) == 21
    app.step_button.click()
    assert len(app.descent.path) == 22
    app.rate.value = 1.2
    assert app.descent.status == "diverged" and "too large" in app.text
    app.choice.value = "ravine"
    assert (app.w1.value, app.w2.value) == app.surface.start
    assert app.w1.min == app.surface.limits[0][0]
    app.reset_button.click()
    assert len(app.descent.path) == 1
    x, y, z = app.path3d.get_data_3d()
    assert len(x) == 1


def test_blindfold_steps_downhill_and_lifts_the_fog():
    app = BlindfoldApp()
    losses = [app.loss]
    for _ in range(4):
        app.step_button.click()
        losses.append(app.loss)
    assert all(b < a for a, b in zip(losses, losses[1:]))
    fog = app.fog.get_array()
    assert fog[..., 3].max() == 1 and fog[..., 3].min() == 0
    app.reveal.value = True
    assert app.fog.get_array()[..., 3].max() == 0
    app.reset_button.click()
    assert len(app.path) == 1


def test_linked_descent_improves_the_line():
    app = LinkedDescentApp()
    mses = []
    for steps in (0, 10, 50, 300):
        app.steps.value = steps
        mses.append(app.mse)
    assert mses == sorted(mses, reverse=True) and mses[-1] == pytest.approx(0.3125, abs=1e-4)
    xs, ys = app.line.get_data()
    assert ys[1] - ys[0] == pytest.approx(app.weights[0] * (xs[1] - xs[0]))


def test_backprop_app_four_steps_with_numbers():
    app = BackpropApp()                              # person B, really failed
    assert app.loss == pytest.approx(-np.log(1 - app.probability))
    app.stage.value = STAGES[2]
    assert [t.get_text() for t in app.diagram.edge_text[1][0]] == ["143", "171"]
    assert "0.9522 × 150.5" in app.text
    app.stage.value = STAGES[3]
    assert app.new_probability < app.probability
    app.person.value = (20, 0, 10)                   # person A: both ReLUs off
    app.passed.value = 1
    assert app.new_probability > app.probability and "only the output's bias" in app.text
    assert app.weight_grads[0].tolist() == [[0, 0, 0], [0, 0, 0]]


def test_vanishing_app_sigmoid_fades_relu_does_not():
    app = VanishingApp()
    assert app.ratio < 1e-3
    app.choice.value = "relu"
    assert app.ratio > 0.1
    app.depth.value = 4
    assert len(app.sizes) == 4


@pytest.mark.parametrize("app_class", [DescentApp, LineFitApp, BackpropApp, BlindfoldApp,
                                       LinkedDescentApp])
def test_learning_arc_apps_send_live_frames_and_keep_a_png_fallback(app_class):
    app = app_class()
    jpeg = app.live_format == "jpeg"
    assert app.image.format == app.live_format
    assert bytes(app.image.value).startswith(b"\xff\xd8" if jpeg else b"\x89PNG")
    bundle = app._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["text/plain"] == app.text


def _convolution():
    from ddn.widgets import convolution

    return convolution


def _top_digits():
    from ddn.examples.convnets import trained_digits
    from ddn.widgets.inside import TopDigitsApp

    return TopDigitsApp(trained_digits(0))


@pytest.mark.parametrize("make, moves", [
    (lambda: TimelineApp(), [("slider", 1969), ("slider", 2016), ("slider", 1943)]),
    (lambda: RegionsApp(), [("hidden", 1), ("sharpness", 0.5), ("hidden", 2)]),
    (lambda: LinkedDescentApp(steps=10), [("steps", 50), ("rate", 0.125), ("steps", 0)]),
    (lambda: _convolution().PixelsApp(), [("size", 16), ("size", 4), ("size", 8)]),
    (lambda: _convolution().SizesApp(), [("size", 9), ("padding", 2), ("stride", 3),
                                         ("kernel_size", 5), ("size", 3)]),
    (lambda: _top_digits(), [("filter", 5), ("layer", "second convolution"), ("filter", 12)]),
])
def test_apps_that_redraw_only_what_moves_show_exactly_a_full_redraw(make, moves):
    """These apps draw their still parts once and only their moving artists on each move:
    after every move, the picture must be the one a full redraw gives."""
    from PIL import Image

    from ddn.plots.figure import png_bytes

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    app = make()
    assert app.backdrop is not None
    for name, value in moves:
        getattr(app, name).value = value
        assert np.array_equal(pixels(bytes(app.image.value)), pixels(png_bytes(app.fig))), name
