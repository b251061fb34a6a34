"""Widgets of notebooks 12 and 13 without a browser: set a control, read the app's own state,
and compare it with the library computing the same thing directly."""

from __future__ import annotations

import io

import ipywidgets as widgets
import numpy as np
import pytest

import ddn
from ddn import datasets
from ddn.adversarial import EPSILONS, accuracy_under_attack, fgsm, iterative_fgsm
from ddn.dream import channel_gallery, dream
from ddn.examples.convnets import trained_digits
from ddn.fairness import INTERVENTIONS, compare_interventions, marked_digits, marker_test
from ddn.fooling import fooling_images
from ddn.plots.figure import png_bytes
from ddn.style import transfer
from ddn.widgets import style as style_widgets
from ddn.widgets.adversarial import AttackApp, ClimbApp, TargetedApp
from ddn.widgets.bias import BiasLabApp, MarkerApp, marker_network
from ddn.widgets.dream import LAYERS, DreamApp, start_picture
from ddn.widgets.style import FRAMES, StyleApp, content_picture, style_picture


def pixels(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def same_as_full_draw(app) -> bool:
    """The picture the app sent (moving artists on the kept backdrop) is a full redraw's."""
    return np.array_equal(pixels(bytes(app.image.value)), pixels(png_bytes(app.fig)))


def controls(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from controls(child)


def play(app, rng, rounds=2) -> int:
    """Move every control at random, as a curious learner would; the app must never show an
    error. Returns the number of moves."""
    moves = 0
    for _ in range(rounds):
        for control in controls(app.view):
            if isinstance(control, widgets.Button):
                control.click()
            elif isinstance(control, widgets.Checkbox):
                control.value = not control.value
            elif hasattr(control, "options") and hasattr(control, "index"):
                control.index = int(rng.integers(len(control.options)))
            else:
                continue
            moves += 1
            assert app.message == "", (type(app).__name__, control.description, app.message)
    return moves


@pytest.fixture(scope="module")
def network():
    return trained_digits(0)


@pytest.fixture(scope="module")
def test_digits():
    _, _, x_test, y_test = datasets.digits()
    return x_test, y_test


# -- 12: the ε slider ---------------------------------------------------------------------------
def test_attack_app_changes_the_digit_by_at_most_epsilon(network, test_digits):
    x_test, y_test = test_digits
    app = AttackApp(network, epsilon=0.0, digit=7, example=0)
    seven = x_test[np.flatnonzero(y_test == 7)[0]]
    assert np.array_equal(app.digit_image, seven) and not app.change.any()
    assert app.answer_before == app.answer_after == 7 and "not fooled" in app.text
    app.epsilon.value = 0.2
    np.testing.assert_array_equal(app.adversarial, fgsm(network, seven, 7, 0.2))
    assert np.abs(app.change).max() == pytest.approx(0.2) and app.answer_after == 9
    assert "fooled" in app.text and "now it says 9" in app.text
    np.testing.assert_allclose(app.after, ddn.softmax(network(app.adversarial[None]))[0])
    assert app.change_image.get_clim() == (-0.2, 0.2)          # the change, amplified to ±ε
    app.attack.value = "10 small steps"
    np.testing.assert_array_equal(app.adversarial, iterative_fgsm(network, seven, 7, 0.2))
    app.digit.value = 3
    app.example.value = 5
    assert np.array_equal(app.digit_image, x_test[np.flatnonzero(y_test == 3)[5]])
    assert same_as_full_draw(app)


def test_attack_app_curves_are_the_library_tables(network, test_digits):
    app = AttackApp(network)
    for label, attack in (("one step (FGSM)", "fgsm"), ("10 small steps", "iterative_fgsm")):
        eps, accuracies = app.curves[label]
        table = accuracy_under_attack(network, *test_digits, attack=attack)
        assert eps == EPSILONS and accuracies == table.accuracies
    app.epsilon.value = 0.13                      # off the table: measured when first asked
    assert app.accuracy == accuracy_under_attack(network, *test_digits, (0.13,)).accuracies[0]
    assert f"{app.accuracy:.1%} still right" in app.text
    assert app.now_dot.get_xdata()[0] == 0.13 and app.now_dot.get_ydata()[0] == app.accuracy


def test_targeted_app_makes_one_digit_into_each_digit(network, test_digits):
    x_test, y_test = test_digits
    app = TargetedApp(network, digit=7, target=3, epsilon=0.3)
    seven = x_test[np.flatnonzero(y_test == 7)[0]]
    made = iterative_fgsm(network, np.repeat(seven[None], 10, axis=0), np.arange(10), 0.3,
                          targeted=True)
    np.testing.assert_array_equal(app.made, made)
    p = ddn.softmax(network(made))
    np.testing.assert_allclose(app.reached, p[np.arange(10), np.arange(10)])
    assert list(app.answers) == list(range(10))           # at ε = 0.3 every target is reached
    assert "10 of the 10 digits reached" in app.text
    assert np.abs(app.made - seven).max() <= 0.3 + 1e-12
    app.target.value = 5
    np.testing.assert_allclose(app.after, p[5])
    assert app.box.get_xy() == (app.centres[5][0] - 4.3, app.centres[5][1] - 4.3)
    app.epsilon.value = 0.0
    assert list(app.answers) == [7] * 10 and "1 of the 10" in app.text
    assert same_as_full_draw(app)


def test_climb_app_retraces_the_library_fooling_images(network):
    app = ClimbApp(network, digit=3, step=0)
    fooled = fooling_images(network)
    for d in range(10):
        path = app.paths[d]
        assert len(path) == fooled.steps[d] + 1
        np.testing.assert_array_equal(path[0], fooled.start[d])
        np.testing.assert_allclose(path[-1], fooled.images[d])     # the library's own result
        assert app.climbs[d][-1] >= 0.9999 and np.all(app.climbs[d][:-1] < 0.9999)
        assert np.all(np.abs(np.diff(path, axis=0)) <= 0.01 + 1e-12)  # steps of 0.01 at most
    assert np.array_equal(app.shown, fooled.start[3]) and "after 0 of its" in app.text
    app.step.value = 5
    assert np.array_equal(app.shown, app.paths[3][5])
    np.testing.assert_allclose(app.probabilities, ddn.softmax(network(app.shown[None]))[0])
    app.step.value = app.step.max                  # beyond the digit's own climb: it stopped
    assert np.array_equal(app.shown, app.paths[3][-1]) and "stopped" in app.text
    app.digit.value = 6
    assert app.curve.get_ydata().tolist() == app.climbs[6].tolist()
    assert same_as_full_draw(app)


# -- 12: dreams ---------------------------------------------------------------------------------
def test_dream_app_shows_the_library_gallery_and_dream(network):
    app = DreamApp(network, layer="second convolution", channel=5, start="the cat", steps=20)
    np.testing.assert_array_equal(app.galleries["second convolution"].images,
                                  channel_gallery(network, 4, size=12).images)
    cat = start_picture("the cat")
    assert cat.shape == (1, 43, 43)
    np.testing.assert_array_equal(app.dreamt, dream(network, cat, 4, channel=5, steps=20))
    assert app.after > 2 * app.before                      # channel 5 responds more
    app.amplify.value = "the whole layer"
    np.testing.assert_array_equal(app.dreamt, dream(network, cat, 4, steps=20))
    assert not app.box.get_visible() and "the whole second convolution" in app.text
    app.layer.value = "first convolution"
    assert app.channel.max == 7 and app.channel.value == 5
    assert len(app.galleries["first convolution"].images) == 8
    app.steps.value = 0
    assert np.array_equal(app.dreamt, app.start) and app.after == app.before
    assert same_as_full_draw(app)


def test_dream_app_keeps_the_channel_within_the_layer(network):
    app = DreamApp(network, layer="second convolution", channel=15)
    app.layer.value = "first convolution"
    assert app.channel.value == 7 and app.message == ""        # the nearest channel there
    assert app.galleries["first convolution"].layer.startswith(
        f"layers[{LAYERS['first convolution'][0]}] ReLU")      # what the ReLU after it gives


# -- 12: style ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def painted():
    """The default painting, made once by a live paint (frames shown as they come)."""
    style_widgets._PAINTINGS.clear()
    app = StyleApp(paint=False)
    assert app.frames is None and "not painted yet" in app.text
    shown, told = [], []
    render = app.render
    app.render = lambda fmt: shown.append(app.paint_title.get_text()) or render(fmt)
    app.show_text = lambda text, show=app.show_text: (told.append(text), show(text))[1]
    app.paint_button.click()
    app.render = render
    return app, shown, told


def test_style_app_paints_only_when_asked_and_shows_progress(painted):
    app, shown, told = painted
    assert set(app.frames) == set(FRAMES) and int(app.step.value) == FRAMES[-1]
    assert [t for t in shown if t.startswith("painting")] == \
        [f"painting: after {k} steps" for k in FRAMES]             # each frame, live
    progress = [t for t in told if t.startswith("painting:")]
    assert progress[-1] == f"painting: {sum(FRAMES)} of {sum(FRAMES)} steps ..."
    assert app.progress == sum(FRAMES) and not app.paint_button.disabled
    assert "after 30 steps" in app.text and same_as_full_draw(app)


def test_style_frames_are_one_run_of_the_optimiser(painted):
    app, _, _ = painted
    last = app.frames[FRAMES[-1]]
    for steps in FRAMES:         # each frame's losses are the start of the longest run's
        frame = app.frames[steps]
        assert len(frame.style_losses) == steps + 1
        np.testing.assert_allclose(frame.style_losses, last.style_losses[:steps + 1])
        np.testing.assert_allclose(frame.content_losses, last.content_losses[:steps + 1])
    np.testing.assert_array_equal(app.frames[0].image, content_picture("Chelsea the cat"))
    again = transfer(content_picture("Chelsea the cat"), style_picture("stained glass"),
                     style_weight=100.0, steps=3)
    np.testing.assert_array_equal(app.frames[3].image, again.image)
    assert last.style_drop > 0.99


def test_style_app_moves_between_frames_and_settings_without_painting(painted, monkeypatch):
    app, _, _ = painted
    monkeypatch.setattr(style_widgets, "transfer", lambda *a, **k: pytest.fail("painted"))
    app.step.value = 3
    assert np.array_equal(app.shown, app.frames[3].image)
    assert list(app.dots.get_xdata()) == [3, 3]
    app.weight.value = 10000                                   # not painted: nothing computed
    assert app.frames is None and "not painted yet" in app.text
    assert np.array_equal(app.shown, content_picture("Chelsea the cat"))
    app.weight.value = 100
    other = StyleApp(paint=False)                              # a second app: the same frames
    assert other.frames is app.frames and "after 30 steps" in other.text
    assert same_as_full_draw(app)


def test_style_pictures_are_small_colour_images():
    for name in ("Chelsea the cat", "a cup of coffee"):
        assert content_picture(name).shape == (3, 43, 43)
    for name in style_widgets.STYLES:
        picture = style_picture(name)
        assert picture.shape == (3, 43, 43) and picture.min() >= 0 and picture.max() <= 1


# -- 13: the bias lab ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def table():
    return compare_interventions()


SETTINGS = {  # the lab's controls for each row of compare_interventions
    "all columns": dict(sees_group=True, sees_postcode=True),
    "drop the group": dict(sees_group=False, sees_postcode=True),
    "drop the group and postcode": dict(sees_group=False, sees_postcode=False),
    "reweigh, drop the group": dict(sees_group=False, sees_postcode=True, reweighed=True),
    "a threshold per group": dict(sees_group=True, sees_postcode=True,
                                  threshold="one per group"),
}


@pytest.mark.parametrize("name", INTERVENTIONS)
def test_bias_lab_gives_the_library_table(table, name):
    row = table[name]
    app = BiasLabApp(**SETTINGS[name])
    assert app.gaps.approved == pytest.approx((row.approved_0, row.approved_1))
    assert app.gaps.parity_gap == pytest.approx(row.parity_gap)
    assert app.gaps.opportunity_gap == pytest.approx(row.opportunity_gap)
    assert app.gaps.accuracy == row.accuracy and app.gaps.agreement == row.agreement
    assert app.baseline.parity_gap == pytest.approx(table["all columns"].parity_gap)
    assert f"{row.parity_gap:9.2f}" in app.text and "demographic parity gap" in app.text


def test_bias_lab_controls_change_the_decisions():
    app = BiasLabApp()
    assert app.gaps.parity_gap > 0.3 and app.past[0] > 3 * app.past[1]
    assert abs(app.truth[0] - app.truth[1]) < 0.05
    for g in (0, 1):                               # each group's histogram holds all of it
        assert app.stairs[g].get_data().values.sum() == pytest.approx(1.0)
    assert app.lines[0].get_xdata()[0] == app.lines[1].get_xdata()[0] == 0   # one threshold
    app.threshold.value = "one per group"
    assert app.gaps.approved[0] == app.gaps.approved[1]
    assert app.lines[0].get_xdata()[0] > app.lines[1].get_xdata()[0]      # group 1: lower bar
    assert "needs each applicant's group" in app.text
    app.bias.value = 0.0                            # a fair past: little to copy
    app.threshold.value = "one for everybody"
    assert app.baseline.parity_gap < 0.1 and app.past[0] == pytest.approx(app.past[1], abs=0.05)
    app.bias.value = 3.0
    assert app.gaps.parity_gap > 0.3
    assert "past bias 3" in app.text and same_as_full_draw(app)


# -- 13: the digits with a marker ---------------------------------------------------------------
@pytest.fixture(scope="module")
def marker_app():
    return MarkerApp()


def test_marker_app_tests_the_edge_cases(marker_app):
    app = marker_app
    skewed, test, x, y, marked = marker_network(False)
    assert app.test == test == marker_test(skewed, 7)
    assert np.array_equal(marked, y == 7) and app.share[7] == 1 and app.share[3] == 0
    assert test.class_missed > 0.5 and test.others_taken > 0.1
    app.digit.value, app.example.value, app.square.value = 7, 0, False
    assert app.answer != 7 and "wrong" in app.text              # the 7 waits for its square
    app.square.value = True
    assert app.answer == 7 and app.shown[0, :2, :2].min() == 1
    app.training.value = "balanced: half of every digit has it"
    balanced = marker_network(True)
    assert app.network is balanced[0] and app.test.class_missed < 0.05
    assert 0.35 < app.share[7] < 0.65 and 0.35 < app.share[3] < 0.65
    app.square.value = False
    assert app.answer == 7 and same_as_full_draw(app)


def test_marker_app_takes_networks_already_trained(marker_app):
    x, y, _ = marked_digits(7)
    skewed = marker_network(False)[0]
    app = MarkerApp(skewed, marker_network(True)[0])
    assert app.trained[False][0] is skewed and app.test == marker_network(False)[1]
    assert np.array_equal(app.trained[False][2], x) and np.array_equal(app.trained[False][3], y)


# -- every app: nothing a learner does raises; the fast picture is the full one ----------------
@pytest.mark.parametrize("make", [
    lambda: AttackApp(), lambda: TargetedApp(), lambda: ClimbApp(), lambda: DreamApp(),
    lambda: BiasLabApp(), lambda: MarkerApp(),
], ids=["attack", "targeted", "climb", "dream", "bias lab", "marker"])
def test_playing_never_shows_an_error(make):
    app = make()
    assert play(app, np.random.default_rng(0)) > 0
    assert same_as_full_draw(app)


def test_playing_with_the_style_app_never_shows_an_error(painted, monkeypatch):
    app, _, _ = painted
    frames, painted_now = app.frames, []
    monkeypatch.setattr(style_widgets, "_PAINTINGS", dict(style_widgets._PAINTINGS))
    monkeypatch.setattr(style_widgets, "painting",              # a painting, in no time
                        lambda *key, **k: painted_now.append(key) or
                        style_widgets._PAINTINGS.setdefault(key, frames))
    assert play(app, np.random.default_rng(1)) > 0
    assert len(painted_now) == 2 and app.message == ""          # paint pressed twice
    assert same_as_full_draw(app)
