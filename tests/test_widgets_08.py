"""Widgets of notebook 08 without a browser: the perceptron trick, the sigmoid perceptron and the
playground, including its play loop (driven for a fixed number of frames, or stopped from
inside an epoch, so nothing here depends on how fast the machine is)."""

from __future__ import annotations

import base64
import io
import threading
import time

import numpy as np
import pytest

import ddn.widgets.perceptron as perceptron_widgets
from ddn.examples import admissions
from ddn.perceptron import sigmoid_perceptron
from ddn.plots.figure import png_bytes
from ddn.widgets import playground as pg
from ddn.widgets.controls import GridSlider
from ddn.widgets.perceptron import PerceptronApp, SigmoidPerceptronApp
from ddn.widgets.playground import PlaygroundApp


def controls(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from controls(child)


def wait_for(condition, what: str, limit: float = 60) -> None:
    """Wait until `condition()` holds (a generous limit, only so a bug cannot hang the run)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.01)


def pixels(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


# -- the perceptron trick and the sigmoid perceptron -------------------------------------------
def test_perceptron_app_replays_to_a_separating_line():
    app = PerceptronApp()
    assert len(app.wrong) == 17
    app.next_button.click()
    assert app.shown == 1 and len(app.ring.get_offsets()) == 1
    app.end_button.click()
    assert len(app.wrong) == 0 and "stops here" in app.text
    app.rate.value = 0.5
    assert app.shown == 0 and app.run.converged


def test_sigmoid_perceptron_pulls_shrink_as_it_learns():
    app = SigmoidPerceptronApp()
    start = float(np.mean(app.pull))
    app.epochs.value = 3000
    assert np.mean(app.pull) < 0.25 * start
    assert "0 misclassified" in app.text and app.title.get_text().startswith("epoch 3000:")


def test_sigmoid_perceptron_never_trains_an_epoch_twice(monkeypatch):
    epochs_trained = []

    def counted(x, y, rate, epochs, weights, bias):
        epochs_trained.append(epochs)
        return sigmoid_perceptron(x, y, rate, epochs, weights, bias)

    monkeypatch.setattr(perceptron_widgets, "sigmoid_perceptron", counted)
    app = SigmoidPerceptronApp()
    app.epochs.value = 3000
    assert sum(epochs_trained) == 3000
    for epochs in (500, 2990, 10, 1000, 3000):   # every move lands on a kept neuron or near one
        before = sum(epochs_trained)
        app.epochs.value = epochs
        assert sum(epochs_trained) - before < SigmoidPerceptronApp.CHECKPOINT
    before = sum(epochs_trained)
    app.rate.value = 0.2                         # a new rate trains once, up to where it is
    assert sum(epochs_trained) - before == 3000
    x, y = admissions.admissions_data()
    for epochs, rate in ((1230, 0.2), (500, 0.1), (2990, 0.1)):   # the same numbers as from 0
        app.rate.value, app.epochs.value = rate, epochs
        w, b, losses = sigmoid_perceptron(x, y, rate, epochs, np.array([-0.5, 1.0]), 0.0)
        assert np.array_equal(app.weights, w) and app.bias == b and app.loss == losses[-1]


def test_number_sliders_of_notebook_08_are_echo_free():
    for app in (PerceptronApp(), SigmoidPerceptronApp(), PlaygroundApp()):
        sliders = [c for c in controls(app.view) if "Slider" in type(c).__name__]
        floats = [c for c in sliders if not isinstance(c, GridSlider)
                  and not type(c).__name__.startswith("Int")]
        assert sliders and floats == []
    app = SigmoidPerceptronApp()
    app.epochs.value, app.rate.value = 505, 0.123            # values set from code snap here
    assert app.epochs.value in (500, 510) and app.rate.value == 0.12


# -- the playground -------------------------------------------------------------------------
def test_playground_trains_resets_and_reports():
    app = PlaygroundApp()
    assert app.trainer.epoch == 0 and "Press play" in app.text
    for _ in range(80):
        app.frame()
    h = app.trainer.history
    assert h.test_accuracy[-1] > 0.9 and h.loss[-1] < h.loss[0]
    assert app.train_curve.get_xdata()[-1] == 80
    assert app.maps.get_array().shape == (2 * 36 + 4, 4 * 36 + 12)    # 2 layers × 4 neurons
    assert app.map_ax.get_xlim() == (-0.5, 4 * 36 + 12 - 0.5)
    assert app.text.startswith("epoch 80: ") and app.epoch_title.get_text() == "epoch 80"
    app.layers.value = 0
    assert app.trainer.epoch == 0 and app.hidden_maps == []
    app.dataset.value = "xor"
    app.rate.value = 1e-3
    assert app.trainer.optimizer.learning_rate == pytest.approx(1e-3) and app.trainer.epoch == 0
    app.batch_size.value = None
    assert app.trainer.batch_size is None
    app.reset_button.click()
    assert app.seed == 1


def test_playground_with_a_huge_learning_rate_warns_without_crashing():
    app = PlaygroundApp(learning_rate=10.0, activation="relu")
    for _ in range(30):
        app.frame()
    assert app.message == ""
    assert "too large" in app.text or "stopped" in app.text


def test_a_live_frame_is_exactly_a_full_redraw():
    """Frames redraw only what moves, on a saved background: the picture must be the same."""
    app = PlaygroundApp()
    for change in (lambda: app.frame(20), lambda: setattr(app.layers, "value", 3),
                   lambda: app.frame(40), lambda: setattr(app.dataset, "value", "spiral")):
        change()
        live = pixels(app.render("png"))
        assert np.array_equal(live, pixels(png_bytes(app.fig)))


def test_perceptron_pictures_after_a_move_are_exactly_a_full_redraw():
    """Moves redraw only the moving artists on a kept backdrop: the picture must be the same."""
    trick, sigmoid = PerceptronApp(), SigmoidPerceptronApp()
    moves = [(trick.update_slider, 5), (trick.rate, 0.5), (trick.update_slider, 60),
             (sigmoid.epochs, 500), (sigmoid.rate, 0.2), (sigmoid.epochs, 3000)]
    for control, value in moves:
        control.value = value
        app = trick if control in (trick.update_slider, trick.rate) else sigmoid
        full = pixels(png_bytes(app.fig))
        assert np.array_equal(pixels(bytes(app.image.value)), full)
        assert np.array_equal(pixels(app.render("png")), full)


def test_the_decision_picture_shows_the_network_output():
    app = PlaygroundApp(dataset="xor")
    app.frame(40)
    picture = app.regions.pixels(100, 100)               # bottom row first, as Agg takes it
    p = app.probabilities.reshape(pg.GRID, pg.GRID)      # row 0 at the bottom (x2 low)
    reds = picture[..., 0].astype(int) - picture[..., 2].astype(int)   # red minus blue
    for row, col in ((5, 5), (5, 94), (94, 5), (94, 94)):
        grid_row, grid_col = round(row / 99 * (pg.GRID - 1)), round(col / 99 * (pg.GRID - 1))
        assert (reds[row, col] > 0) == (p[grid_row, grid_col] > 0.5)


def test_play_for_a_number_of_frames_then_stop_by_itself():
    app = PlaygroundApp()
    pictures = []
    app.image.observe(lambda change: pictures.append(change.new), names="value")
    app.play(frames=5)
    assert app.playing and app.play_button.description == "stop"
    app.join()
    assert not app.playing and app.play_button.value is False
    assert app.play_button.description == "play"
    assert len(pictures) == 5 and app.trainer.epoch >= 5
    assert app.text.startswith(f"epoch {app.trainer.epoch}:")
    assert f"epoch {app.trainer.epoch}:" in app.readout.value


def test_while_playing_the_readout_changes_less_often_than_the_picture(monkeypatch):
    monkeypatch.setattr(pg, "TEXT_EVERY", 1e9)          # at the first frame, then at the end
    app = PlaygroundApp()
    texts = []
    app.readout.observe(lambda change: texts.append(change.new), names="value")
    app.play(frames=10)
    app.join()
    assert len(texts) == 2 and "epoch 1:" in texts[0]
    assert f"epoch {app.trainer.epoch}:" in texts[1] and app.trainer.epoch >= 10


def test_the_play_button_plays_and_stops():
    app = PlaygroundApp()
    app.play_button.value = True                       # ▶
    assert app.playing and app.play_button.icon == "stop"
    wait_for(lambda: app.trainer.epoch >= 3, "three epochs")
    app.play_button.value = False                      # ■
    epoch = app.trainer.epoch
    app.join()
    assert not app.playing and app.play_button.icon == "play"
    assert app.trainer.epoch == epoch                  # nothing trained after ■
    assert app.text.startswith(f"epoch {epoch}:")      # and the picture shows the last epoch
    assert f"epoch {epoch}:" in app.readout.value and app.epoch_title.get_text() == f"epoch {epoch}"


def test_stop_during_an_epoch_trains_no_further_epoch():
    app = PlaygroundApp()
    run = app.trainer.run

    def run_and_stop_at_the_third(epochs=1):
        history = run(epochs)
        if app.trainer.epoch == 3:
            app.play_button.value = False              # ■ arrives while epoch 3 trains
        return history

    app.trainer.run = run_and_stop_at_the_third
    app.play()
    app.join()
    assert app.trainer.epoch == 3 and not app.playing
    assert app.text.startswith("epoch 3:") and app.epoch_title.get_text() == "epoch 3"


def test_slow_frames_are_skipped_not_queued(monkeypatch):
    """When drawing takes three frame intervals, each frame shows several epochs."""
    app = PlaygroundApp()
    render = app.render

    def slow_render(fmt):
        time.sleep(3 / pg.FRAMES_PER_SECOND)
        return render(fmt)

    monkeypatch.setattr(app, "render", slow_render)
    app.play(frames=4)
    app.join()
    assert 4 < app.trainer.epoch <= 1 + 3 * pg.MAX_EPOCHS_PER_FRAME


def test_a_browser_that_confirms_frames_keeps_it_playing(monkeypatch):
    monkeypatch.setattr(pg, "CONFIRM_EVERY", 0)        # ask about every frame
    app = PlaygroundApp()
    # What the link in the browser does: copy every count the kernel sends back to the kernel.
    app._frames_sent.observe(lambda change: setattr(app._frames_seen, "value", change.new),
                             names="value")
    app.play(frames=6)
    app.join()
    assert app._browser_confirms and app._frames_seen.value == app._frames_drawn == 6


def test_frames_wait_for_a_browser_that_lags():
    app = PlaygroundApp()
    app._frames_sent.value = 4                         # a request for frame 4, unanswered
    assert app._browser_is_ready()                     # no browser has ever answered: go on
    app._browser_confirms = True
    app._asked_at = time.perf_counter()
    assert app._browser_is_ready()                     # a young request: frames go on
    app._asked_at -= pg.BROWSER_LAG
    assert not app._browser_is_ready()                 # an old one: wait for the browser
    app._frames_seen.value = 4
    assert app._browser_is_ready()
    app._frames_drawn = 9
    app._ask_browser()                                 # answered long ago: ask again
    assert app._frames_sent.value == 9
    app._frames_drawn = 10
    app._ask_browser()                                 # unanswered: don't ask twice
    assert app._frames_sent.value == 9


def test_errors_while_playing_go_to_the_readout():
    app = PlaygroundApp()

    def broken(epochs=1):
        raise ValueError("no good")

    app.trainer.run = broken
    app.play()
    app.join()
    assert not app.playing and app.message == "no good" and "⚠ no good" in app.readout.value


def test_play_without_a_thread_to_spare_reports_in_the_readout(monkeypatch):
    app = PlaygroundApp()

    def refuse(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    app.play_button.value = True                       # must not raise
    assert not app.playing and app.play_button.value is False
    assert "can't start new thread" in app.text


def test_changing_the_data_while_playing_stops_and_resets():
    app = PlaygroundApp()
    app.play()
    wait_for(lambda: app.trainer.epoch >= 2, "two epochs")
    app.dataset.value = "moons"
    app.join()
    assert not app.playing and app.trainer.epoch == 0 and "moons" in app.text


def test_showing_the_playground_twice_shows_one_widget_twice():
    import ipywidgets as widgets

    app = PlaygroundApp()
    first, second = app._repr_mimebundle_(), app._repr_mimebundle_()
    view = "application/vnd.jupyter.widget-view+json"
    assert first[view]["model_id"] == second[view]["model_id"] == app.view.model_id
    assert not any(isinstance(c, widgets.Play) for c in controls(app.view))


@pytest.mark.parametrize("app_class", [PlaygroundApp, PerceptronApp, SigmoidPerceptronApp])
def test_apps_of_08_send_live_frames_and_keep_a_png_fallback(app_class):
    app = app_class()
    jpeg = app.live_format == "jpeg"
    assert app.image.format == app.live_format
    assert bytes(app.image.value).startswith(b"\xff\xd8" if jpeg else b"\x89PNG")
    bundle = app._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["text/plain"] == app.text
