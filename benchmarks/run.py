"""Benchmarks: costs as ratios against references measured in the same run.

    python benchmarks/run.py            import, training, playground frames, every app's callback
    python benchmarks/run.py --nbval    also the nbval time of every notebook
    python benchmarks/browser.py        the playground's frames per second in Chromium

Not a test: nothing here passes or fails. Ratios are reported because absolute times depend on
the machine; the reference for each ratio is measured right beside it.
"""

from __future__ import annotations

import argparse
import os
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


def training_speed(repeats: int = 7) -> None:
    """1000 full-batch epochs of a 2-8-8-1 tanh network on 200 moons points, against the same
    work written directly in numpy: the same first weights, and per epoch the same steps as
    `ddn.train` (forward, gradient, backward, update, then the record: a forward pass of the
    updated network, its loss and its accuracy). The two run round-robin."""
    import numpy as np

    import ddn
    from ddn.datasets import moons

    x, y = moons(200, noise=0.1, seed=0)
    t = y[:, None].astype(float)

    def network():
        rng = np.random.default_rng(0)
        return ddn.Network([ddn.Dense.random(2, 8, rng), ddn.Tanh(), ddn.Dense.random(8, 8, rng),
                            ddn.Tanh(), ddn.Dense.random(8, 1, rng)])

    first = [layer.params for layer in network().layers if layer.params]

    def with_ddn():
        ddn.train(network(), ddn.SigmoidCrossEntropy(), x, y, epochs=1000, learning_rate=0.5)

    def with_numpy():
        (w1, b1), (w2, b2), (w3, b3) = ((p["weights"].copy(), p["bias"].copy()) for p in first)
        n = len(x)
        for _ in range(1000):
            h1 = np.tanh(x @ w1.T + b1)                     # forward
            h2 = np.tanh(h1 @ w2.T + b2)
            z = h2 @ w3.T + b3
            g = (1 / (1 + np.exp(-z)) - t) / n              # gradient of the mean log-loss
            g2 = (g @ w3) * (1 - h2 ** 2)                   # backward
            g1 = (g2 @ w2) * (1 - h1 ** 2)
            w3 -= 0.5 * g.T @ h2                            # update
            b3 -= 0.5 * g.sum(0)
            w2 -= 0.5 * g2.T @ h1
            b2 -= 0.5 * g2.sum(0)
            w1 -= 0.5 * g1.T @ x
            b1 -= 0.5 * g1.sum(0)
            z = np.tanh(np.tanh(x @ w1.T + b1) @ w2.T + b2) @ w3.T + b3   # the record
            _ = float(np.mean(np.logaddexp(0, z) - t * z)), float(np.mean((z > 0) == (t > 0)))

    times = _interleaved({"ddn": with_ddn, "numpy": with_numpy}, repeats, statistic=min)
    engine, plain = times["ddn"], times["numpy"]
    print(f"== training: 2-8-8-1 tanh, 1000 full-batch epochs on 200 moons (best of {repeats}, "
          f"round-robin)")
    print(f"   ddn.train   {engine:6.3f} s   (target ≤ 0.3 s)")
    print(f"   plain numpy {plain:6.3f} s   ddn = {engine / plain:.2f} × the same work by hand")


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _interleaved(actions: dict, repeats: int, statistic=statistics.median) -> dict:
    """Time of each action (median by default), measured round-robin so that the machine's ups
    and downs (a shared virtual machine has plenty) fall on all of them alike."""
    for action in actions.values():
        action()  # warm up
    times = {name: [] for name in actions}
    for _ in range(repeats):
        for name, action in actions.items():
            times[name].append(_timed(action))
    return {name: statistic(values) for name, values in times.items()}


def playground_frames(repeats: int = 30) -> None:
    """One playground frame while playing (an epoch of training, the decision picture, the
    hidden maps, the curves, drawing and encoding) against a bare matplotlib redraw of the same
    figure, and its parts."""
    import numpy as np

    from ddn.plots.figure import ENCODERS
    from ddn.widgets.playground import PlaygroundApp

    app = PlaygroundApp()
    app.frame(20)
    fine = np.linspace(-1, 1, 200)
    fine_grid = np.column_stack([a.ravel() for a in np.meshgrid(fine, fine)])  # as it was
    encode = ENCODERS[app.live_format]
    fmt = app.live_format.upper()
    t = _interleaved({"frame": app.frame, "draw": app.fig.canvas.draw,
                      "draw+encode": lambda: encode(app.fig),
                      "epoch": lambda: app.trainer.run(1),
                      "hidden maps": app._hidden_maps}, repeats)
    # apart: a big matrix product leaves BLAS threads spinning, which slows whatever comes next
    t.update(_interleaved({"decision grid": lambda: app.network._forward(app.grid_points),
                           "200 × 200 grid": lambda: app.network._forward(fine_grid)}, repeats))
    frame = t["frame"]
    print(f"== playground frame against a bare redraw of the same figure (median of {repeats}; "
          f"BLAS threads: {_blas_threads()})")
    print(f"   frame {frame * 1000:.1f} ms = {1 / frame:.0f} frames per second in the kernel "
          f"(frames travel as {fmt}; the browser's rate: benchmarks/browser.py)")
    print(f"   bare redraw: draw {t['draw'] * 1000:.1f} ms -> {frame / t['draw']:.2f}×;   draw + "
          f"{fmt} {t['draw+encode'] * 1000:.1f} ms -> {frame / t['draw+encode']:.2f}×   "
          "(target ≤ 1.3×)")
    print(f"   parts: an epoch {t['epoch'] * 1000:.1f} ms, the decision grid "
          f"({len(app.grid_points)} points, smoothed when drawn) {t['decision grid'] * 1000:.1f} "
          f"ms (a 200 × 200 grid: {t['200 × 200 grid'] * 1000:.1f} ms), the hidden maps "
          f"{t['hidden maps'] * 1000:.1f} ms")


def _blas_threads() -> str:
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    set_ = [f"{n}={os.environ[n]}" for n in names if n in os.environ]
    return ", ".join(set_) if set_ else "default (none of " + ", ".join(names) + " set)"


# A control change a learner makes in each app: the control, and two values to move between.
# Apps not listed here are still measured, by moving their first control.
MOVES = {
    "FestivalApp": (lambda a: a.threshold_slider, (25, 27)),
    "AdmissionsApp": (lambda a: a.b, (-18.0, -12.0)),
    "TimelineApp": (lambda a: a.slider, lambda a: (a.slider.options[1], a.slider.options[-2])),
    "CatRulesApp": (lambda a: a.animal, ("tabby cat", "husky")),
    "LineApp": (lambda a: a.slope, (-0.5, -0.3)),
    "HouseApp": (lambda a: a.a, (100.0, 90.3)),
    "ActivationApp": (lambda a: a.z, (1.0, -1.5)),
    "CollapseApp": (lambda a: a.depth, (3, 4)),
    "DrivingTestApp": (lambda a: a.age, (50, 20)),
    "RegionsApp": (lambda a: a.sharpness, (4.0, 6.0)),
    "SoftmaxApp": (lambda a: a.sliders[0], (-4.0, 1.0)),
    "LineFitApp": (lambda a: a.slope, (0.3, 1.0)),
    "CrossEntropyApp": (lambda a: a.p, (0.38, 0.01)),
    "DescentApp": (lambda a: a.rate, (0.1, 0.3)),
    "BlindfoldApp": (lambda a: a.rate, (0.6, 0.4)),
    "LinkedDescentApp": (lambda a: a.steps, (10, 50)),
    "BackpropApp": (lambda a: a.stage, lambda a: a.stage.options[:2]),
    "VanishingApp": (lambda a: a.depth, (10, 20)),
    "PerceptronApp": (lambda a: a.update_slider, (3, 60)),
    "SigmoidPerceptronApp": (lambda a: a.epochs, (500, 1000)),
    "PlaygroundApp": (lambda a: a.rate, (0.1, 0.3)),
}


# Apps that show a trained network are given the course's digits ConvNet; apps without a
# control are measured on what their button does.
NEEDS_NETWORK = {"DrawApp", "ActivationsApp", "FiltersApp", "TopDigitsApp"}
ACTIONS = {"TrainerApp": ("TrainerApp (a frame: ⅓ epoch)", lambda a: a.frame()),
           "DrawApp": ("DrawApp (a cell clicked)", lambda a: a.paint(27))}  # on, off, on...


def _apps() -> list:
    """Every App subclass in ddn/widgets, in the course's order of files."""
    import importlib
    import inspect
    import pkgutil

    import ddn.widgets
    from ddn.widgets.base import App

    order = ["neuron", "history", "learning", "activations", "networks", "loss", "descent",
             "backprop", "perceptron", "playground"]
    names = sorted((m.name for m in pkgutil.iter_modules(ddn.widgets.__path__)),
                   key=lambda n: (order.index(n) if n in order else len(order), n))
    apps = []
    for name in names:
        try:
            module = importlib.import_module(f"ddn.widgets.{name}")
        except Exception as error:  # noqa: BLE001 - a file being written is reported, not fatal
            print(f"   (ddn/widgets/{name}.py could not be imported: {error})")
            continue
        apps += [c for _, c in inspect.getmembers(module, inspect.isclass)
                 if issubclass(c, App) and c is not App and c.__module__ == module.__name__
                 and not c.__name__.startswith("_")]
    return apps


def _first_move(app):
    """A control of `app` and two of its values, for apps without a listed move."""
    for control in app.controls:
        values = getattr(control, "_options_values", None)
        if values and len(values) > 1:
            return control, (values[0], values[len(values) // 2])
        if hasattr(control, "min") and hasattr(control, "max"):
            return control, (control.min, control.max)
        if isinstance(getattr(control, "value", None), bool):
            return control, (False, True)
    return None


def widget_callbacks(repeats: int = 30, only=None) -> None:
    """A control change (the callback: update the artists, draw, encode) against a bare
    matplotlib redraw of the same figure, and against that redraw plus the encoding the app
    sends (PNG, or JPEG for big live pictures), for every app in ddn/widgets; round-robin."""
    from ddn.plots.figure import ENCODERS

    print(f"== control change against a bare redraw of the same figure (median of {repeats}; "
          f"BLAS threads: {_blas_threads()})")
    print(f"   {'app':<26}{'change':>9}{'draw':>9}{'+encode':>10}{'÷ draw':>9}"
          f"{'÷ draw+encode':>15}")
    over = []
    for app_class in _apps():
        if only and not any(name.lower() in app_class.__name__.lower() for name in only):
            continue
        try:
            if app_class.__name__ in NEEDS_NETWORK:
                from ddn.examples.convnets import trained_digits

                app = app_class(trained_digits(0))
            else:
                app = app_class()
        except Exception as error:  # noqa: BLE001
            print(f"   {app_class.__name__:<26}could not be made: {error}")
            continue
        cases = []
        if app_class.__name__ in ACTIONS:
            label, act = ACTIONS[app_class.__name__]
            cases.append((label, None, act))
        elif app_class.__name__ in MOVES:
            control_of, values = MOVES[app_class.__name__]
            control = control_of(app)
            cases.append((app_class.__name__, control,
                          values(app) if callable(values) else values))
        else:
            move = _first_move(app)
            if move is None:
                print(f"   {app_class.__name__:<26}has no control to move")
                continue
            cases.append((f"{app_class.__name__} ({move[0].description or 'control'})", *move))
        if app_class.__name__ == "SigmoidPerceptronApp":   # dragging on into epochs not seen yet
            cases.append(("SigmoidPerceptronApp (new)", app.epochs, None))
        for label, control, values in cases:
            state = {"i": 0}

            def move(app=app, control=control, values=values, state=state):
                state["i"] += 1
                if control is None:                          # a button's action
                    values(app)
                    return
                control.value = values[state["i"] % 2] if values else \
                    10 * (100 + state["i"])                  # 1010, 1020, ...: never trained

            encode = ENCODERS[app.live_format]
            t = _interleaved({"change": move, "draw": app.fig.canvas.draw,
                              "encode": lambda app=app, encode=encode: encode(app.fig)}, repeats)
            change, draw, encoded = t["change"], t["draw"], t["encode"]
            ratio = change / draw
            if ratio > 1.3:
                over.append(label)
            print(f"   {label:<26}{change * 1000:7.1f}ms{draw * 1000:7.1f}ms{encoded * 1000:8.1f}ms"
                  f"{ratio:8.2f}×{change / encoded:10.2f}× {app.live_format}"
                  f"{'   over 1.3×' if ratio > 1.3 else ''}")
    names = f": {', '.join(over)}" if over else ""
    print(f"   {len(over)} over the target of 1.3× a bare draw{names}  ({_load()})")


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


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
    parser.add_argument("--only", choices=("import", "training", "playground", "widgets"),
                        help="run one part only")
    parser.add_argument("--apps", help="widgets: only apps whose names contain one of these "
                                       "comma-separated words")
    args = parser.parse_args()
    print(f"({_load()} at the start)")
    parts = {"import": import_time, "training": training_speed,
             "playground": playground_frames,
             "widgets": lambda: widget_callbacks(only=args.apps and args.apps.split(","))}
    for name, part in parts.items():
        if args.only in (None, name):
            part()
    if args.nbval:
        nbval_times()


if __name__ == "__main__":
    main()
