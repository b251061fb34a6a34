"""Benchmarks: costs as ratios against references measured in the same run.

    python benchmarks/run.py            import, training, playground frames, widget callbacks
    python benchmarks/run.py --nbval    also the nbval time of every notebook

Not a test: nothing here passes or fails. Ratios are reported because absolute times depend on
the machine; the reference for each ratio is measured right beside it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _wall(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def import_time(repeats: int = 15) -> None:
    """`import ddn` against `import numpy`, each minus a bare interpreter start (interleaved)."""
    samples = {"pass": [], "import numpy": [], "import ddn": []}
    for _ in range(repeats):
        for code in samples:
            samples[code].append(_wall(code))
    base = min(samples["pass"])
    numpy = min(samples["import numpy"]) - base
    ddn = min(samples["import ddn"]) - base
    print(f"== import time (best of {repeats}, interpreter start subtracted)")
    print(f"   import numpy  {numpy * 1000:6.0f} ms")
    print(f"   import ddn    {ddn * 1000:6.0f} ms   = {ddn / numpy:.2f} × import numpy")


def training_speed(repeats: int = 5) -> None:
    """1000 full-batch steps of a 2-8-8-1 tanh network on 200 moons points, against the same
    loop written directly in numpy (no layers, no checks): the engine's overhead."""
    import numpy as np

    import ddn
    from ddn.datasets import moons

    x, y = moons(200, noise=0.1, seed=0)

    def with_ddn():
        rng = np.random.default_rng(0)
        net = ddn.Network([ddn.Dense.random(2, 8, rng), ddn.Tanh(), ddn.Dense.random(8, 8, rng),
                           ddn.Tanh(), ddn.Dense.random(8, 1, rng)])
        return ddn.train(net, ddn.SigmoidCrossEntropy(), x, y, epochs=1000, learning_rate=0.5)

    def with_numpy():
        rng = np.random.default_rng(0)
        w1, w2, w3 = (rng.normal(0, np.sqrt(2 / a), (b, a)) for a, b in ((2, 8), (8, 8), (8, 1)))
        b1, b2, b3 = np.zeros(8), np.zeros(8), np.zeros(1)
        t = y[:, None]
        for _ in range(1000):
            h1 = np.tanh(x @ w1.T + b1)
            h2 = np.tanh(h1 @ w2.T + b2)
            z = h2 @ w3.T + b3
            g = (1 / (1 + np.exp(-z)) - t) / len(x)
            g2 = (g @ w3) * (1 - h2 ** 2)
            g1 = (g2 @ w2) * (1 - h1 ** 2)
            w3 -= 0.5 * g.T @ h2
            b3 -= 0.5 * g.sum(0)
            w2 -= 0.5 * g2.T @ h1
            b2 -= 0.5 * g2.sum(0)
            w1 -= 0.5 * g1.T @ x
            b1 -= 0.5 * g1.sum(0)
            _ = np.mean(np.logaddexp(0, z) - t * z)  # the loss, as ddn records it each epoch

    engine = min(_timed(with_ddn) for _ in range(repeats))
    plain = min(_timed(with_numpy) for _ in range(repeats))
    print(f"== training: 2-8-8-1 tanh, 1000 full-batch steps on 200 moons (best of {repeats})")
    print(f"   ddn.train  {engine:6.3f} s   (target ≤ 0.3 s)")
    print(f"   plain numpy{plain:6.3f} s   ddn = {engine / plain:.2f} × a hand-written loop")


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def playground_frames(repeats: int = 30) -> None:
    """One playground frame (an epoch of training, the 200×200 boundary, the hidden maps, the
    loss curves, drawing and encoding) against a bare redraw of the same figure: the same
    artists given precomputed data from real consecutive frames, then drawn (and encoded the
    same way the live widget sends its frames)."""
    from ddn.plots.figure import ENCODERS
    from ddn.widgets.playground import PlaygroundApp

    app = PlaygroundApp()
    for _ in range(20):
        app.frame()
    recorded = []
    for _ in range(2):
        app.frame()
        recorded.append((app.regions.get_array().copy(), app.maps.get_array().copy()))
    state = {"i": 0}
    encode = ENCODERS[app.live_format]

    def bare(encoded):
        state["i"] += 1
        regions, maps = recorded[state["i"] % 2]
        app.regions.set_data(regions)
        app.maps.set_data(maps)
        return encode(app.fig) if encoded else app.fig.canvas.draw()

    t = _interleaved({"frame": app.frame, "draw": lambda: bare(False),
                      "draw+encode": lambda: bare(True)}, repeats)
    print(f"== playground frame against a bare redraw of the same figure (median of {repeats})")
    print(f"   frame {t['frame'] * 1000:.1f} ms = {1 / t['frame']:.1f} frames per second "
          f"(frames travel as {app.live_format.upper()})")
    print(f"   bare redraw: draw {t['draw'] * 1000:.1f} ms -> {t['frame'] / t['draw']:.2f}×;   "
          f"draw + {app.live_format.upper()} {t['draw+encode'] * 1000:.1f} ms -> "
          f"{t['frame'] / t['draw+encode']:.2f}×   (target ≤ 1.3×)")


def descent_widget(repeats: int = 30) -> None:
    """The gradient-descent widget after a learning-rate change, against a bare redraw of its
    3-D surface figure (path artists given a recorded path, then drawn and encoded)."""
    from ddn.plots.figure import ENCODERS
    from ddn.widgets.descent import DescentApp

    app = DescentApp(steps=40)
    paths = []
    for rate in (0.1, 0.3):
        app.rate.value = rate
        paths.append((app.path3d.get_data_3d(), app.path.get_data()))
    state = {"i": 0}
    encode = ENCODERS[app.live_format]

    def move():
        state["i"] += 1
        app.rate.value = (0.1, 0.3)[state["i"] % 2]

    def bare(encoded):
        state["i"] += 1
        (x, y, z), flat = paths[state["i"] % 2]
        app.path3d.set_data_3d(x, y, z)
        app.path.set_data(*flat)
        return encode(app.fig) if encoded else app.fig.canvas.draw()

    t = _interleaved({"update": move, "draw": lambda: bare(False),
                      "draw+encode": lambda: bare(True)}, repeats)
    print(f"== gradient-descent widget against a bare redraw of its 3-D figure (median of "
          f"{repeats})")
    print(f"   update {t['update'] * 1000:.1f} ms;  bare draw {t['draw'] * 1000:.1f} ms -> "
          f"{t['update'] / t['draw']:.2f}×;  draw + {app.live_format.upper()} "
          f"{t['draw+encode'] * 1000:.1f} ms -> {t['update'] / t['draw+encode']:.2f}×   "
          "(target ≤ 1.3×)")


def _interleaved(actions: dict, repeats: int) -> dict:
    """Median time of each action, measured round-robin so that the machine's ups and downs
    (a shared virtual machine has plenty) fall on all of them alike."""
    for action in actions.values():
        action()  # warm up
    times = {name: [] for name in actions}
    for _ in range(repeats):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def widget_callbacks(repeats: int = 30) -> None:
    """A control change (callback: update artists, draw, encode PNG) against a bare redraw."""
    from ddn.plots.figure import png_bytes
    from ddn.widgets.activations import ActivationApp, CollapseApp
    from ddn.widgets.backprop import BackpropApp
    from ddn.widgets.descent import BlindfoldApp, LinkedDescentApp
    from ddn.widgets.learning import HouseApp, LineApp
    from ddn.widgets.loss import LineFitApp
    from ddn.widgets.networks import DrivingTestApp, RegionsApp, SoftmaxApp
    from ddn.widgets.neuron import AdmissionsApp, FestivalApp
    from ddn.widgets.perceptron import PerceptronApp

    cases = [
        (FestivalApp, lambda a: a.threshold_slider, (25, 27)),
        (AdmissionsApp, lambda a: a.b, (-18.0, -12.0)),
        (LineApp, lambda a: a.slope, (-0.5, -0.3)),
        (HouseApp, lambda a: a.a, (100.0, 90.3)),
        (ActivationApp, lambda a: a.z, (1.0, -1.5)),
        (CollapseApp, lambda a: a.depth, (3, 4)),
        (DrivingTestApp, lambda a: a.age, (50, 20)),
        (RegionsApp, lambda a: a.sharpness, (4.0, 6.0)),
        (SoftmaxApp, lambda a: a.sliders[0], (-4.0, 1.0)),
        (LineFitApp, lambda a: a.slope, (0.3, 1.0)),
        (BlindfoldApp, lambda a: a.rate, (0.6, 0.4)),
        (LinkedDescentApp, lambda a: a.steps, (10, 50)),
        (BackpropApp, lambda a: a.stage, ("1 forward", "3 backward")),
        (PerceptronApp, lambda a: a.update_slider, (3, 60)),
    ]
    print(f"== widget callback against a bare redraw of the same figure (median of {repeats})")
    print(f"   {'app':<17}{'callback':>10}{'draw':>9}{'draw+png':>10}"
          f"{'÷ draw':>9}{'÷ draw+png':>12}")
    for app_class, control_of, values in cases:
        app = app_class()
        control = control_of(app)
        state = {"i": 0}

        def move(control=control, values=values, state=state):
            state["i"] += 1
            control.value = values[state["i"] % 2]

        t = _interleaved({"callback": move, "draw": app.fig.canvas.draw,
                          "draw+png": lambda app=app: png_bytes(app.fig)}, repeats)
        callback, draw, draw_png = t["callback"], t["draw"], t["draw+png"]
        print(f"   {app_class.__name__:<17}{callback * 1000:8.1f}ms{draw * 1000:7.1f}ms"
              f"{draw_png * 1000:8.1f}ms{callback / draw:8.2f}×{callback / draw_png:10.2f}×")
    print("   (draw+png is what any inline display of a changed figure costs: the picture has "
          "to reach the browser)")


def nbval_times() -> None:
    """nbval time of every notebook, against an empty notebook (kernel start and teardown)."""
    import json
    import tempfile

    empty = {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {},
                        "outputs": [], "source": "pass"}],
             "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                         "language": "python"}},
             "nbformat": 4, "nbformat_minor": 5}
    with tempfile.TemporaryDirectory() as folder:
        reference = Path(folder) / "empty.ipynb"
        reference.write_text(json.dumps(empty))
        notebooks = [reference, *sorted((ROOT / "notebooks").glob("*.ipynb")),
                     *sorted((ROOT / "solutions").glob("*.ipynb"))]
        print("== nbval time per notebook (pytest --nbval-lax, one process each)")
        base = None
        for path in notebooks:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            "--nbval-lax", "--nbval-current-env", str(path), "-o",
                            "addopts="], cwd=ROOT, check=True, capture_output=True)
            seconds = time.perf_counter() - start
            base = base or seconds
            name = "empty notebook (reference)" if path == reference else \
                str(path.relative_to(ROOT))
            print(f"   {name:<42}{seconds:6.1f} s   {seconds / base:5.2f} × reference")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nbval", action="store_true", help="also time nbval per notebook")
    args = parser.parse_args()
    import_time()
    training_speed()
    playground_frames()
    descent_widget()
    widget_callbacks()
    if args.nbval:
        nbval_times()


if __name__ == "__main__":
    main()
