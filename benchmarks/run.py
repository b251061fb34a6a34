"""Benchmarks: costs as ratios against references measured in the same run.

    python benchmarks/run.py            import time and widget callbacks
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


def _mean_time(action, repeats: int) -> float:
    action()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def widget_callbacks(repeats: int = 20) -> None:
    """A control change (callback: update artists, draw, encode PNG) against a bare redraw."""
    from ddn.plots.figure import png_bytes
    from ddn.widgets.activations import ActivationApp, CollapseApp
    from ddn.widgets.learning import HouseApp, LineApp
    from ddn.widgets.networks import DrivingTestApp, RegionsApp, SoftmaxApp
    from ddn.widgets.neuron import AdmissionsApp, FestivalApp

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
    ]
    print(f"== widget callback against a bare redraw of the same figure (median of {repeats})")
    print(f"   {'app':<15}{'callback':>10}{'draw':>9}{'draw+png':>10}"
          f"{'÷ draw':>9}{'÷ draw+png':>12}")
    for app_class, control_of, values in cases:
        app = app_class()
        control = control_of(app)
        state = {"i": 0}

        def move(control=control, values=values, state=state):
            state["i"] += 1
            control.value = values[state["i"] % 2]

        callback = _mean_time(move, repeats)
        draw = _mean_time(app.fig.canvas.draw, repeats)
        draw_png = _mean_time(lambda app=app: png_bytes(app.fig), repeats)
        print(f"   {app_class.__name__:<15}{callback * 1000:8.1f}ms{draw * 1000:7.1f}ms"
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
    widget_callbacks()
    if args.nbval:
        nbval_times()


if __name__ == "__main__":
    main()
