"""The playground in a real browser: frames per second that arrive in the page.

    python benchmarks/browser.py              default settings, then heavy settings
    python benchmarks/browser.py --views 3    the same app shown three times (as notebook 08 did)
    python benchmarks/browser.py --notebook notebooks/08_perceptrons.ipynb   its first playground
    python benchmarks/browser.py --seconds 10 --screenshot playground.png

`ddn lab` serves a notebook with one playground (hermetic: its own course folder, settings and
runtime folder); headless Chromium opens it, runs it, presses ▶ and counts, with a
MutationObserver, the pictures that arrive in the page; then it presses ■ and counts the
pictures that still arrive (a queue would show here). The epochs come from the kernel itself.
Not a test: nothing here passes or fails, and the machine's load is printed beside the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import browserlab  # noqa: E402

NOTEBOOK = "notebooks/bench_playground.ipynb"
HEAVY = {"dataset": "'spiral'", "noise": 0.3, "layers": 3, "neurons": 8, "batch_size": 1}

# Counts every new picture (a new src) of every playground image on the page (observers of an
# earlier count are disconnected first, or each picture would be counted once per count).
OBSERVE = """() => {
    (window.ddnObservers || []).forEach(observer => observer.disconnect());
    const images = [...document.querySelectorAll('.ddn-playground img')];
    window.ddnFrames = images.map(() => []);
    window.ddnObservers = images.map((img, i) => {
        const observer = new MutationObserver(() => window.ddnFrames[i].push(performance.now()));
        observer.observe(img, {attributes: true, attributeFilter: ['src']});
        return observer;
    });
    return images.length;
}"""
COUNTS = "() => window.ddnFrames.map(times => times.length)"


def notebook(views: int) -> str:
    cells = ["from ddn.widgets.playground import PlaygroundApp\n\nplayground = PlaygroundApp()\n"
             "playground"] + ["playground"] * (views - 1)
    return json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                   "source": source} for source in cells],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5})


def cpu_seconds(folder: str) -> dict:
    """CPU time used so far by the kernel and the server of this lab (their command lines
    name its folder) and by this script's Chromium; empty without psutil."""
    try:
        import psutil
    except ImportError:
        return {}
    used = {"kernel": 0.0, "server": 0.0, "chromium": 0.0}
    mine = {p.pid for p in psutil.Process().children(recursive=True)}
    for process in psutil.process_iter(["pid", "cmdline", "cpu_times"]):
        command = " ".join(process.info["cmdline"] or [])
        times = process.info["cpu_times"]
        if times is None:
            continue
        if folder in command:
            used["kernel" if "ipykernel" in command else "server"] += times.user + times.system
        elif process.info["pid"] in mine and "chrom" in command:
            used["chromium"] += times.user + times.system
    return used


def kernel_epoch(client) -> int:
    return browserlab.evaluate(client, "print(playground.trainer.epoch)")


def measure(page, client, seconds: float, folder: str) -> dict:
    """Press ▶, count pictures for `seconds`, press ■, count what still arrives."""
    play = page.locator(".ddn-playground .ddn-play").first
    page.evaluate(OBSERVE)
    idle_start, idle_before = time.perf_counter(), cpu_seconds(folder)
    page.wait_for_timeout(2000)                      # what the page costs while nothing plays
    idle = {k: (v - idle_before[k]) / (time.perf_counter() - idle_start)
            for k, v in cpu_seconds(folder).items()}
    start_epoch = kernel_epoch(client)
    play.click()
    page.wait_for_function("() => window.ddnFrames[0].length > 0", timeout=30_000)
    page.wait_for_timeout(1000)                      # settled (first frames redraw the axes)
    before, epoch_before = page.evaluate(COUNTS), kernel_epoch(client)
    started, cpu_before = time.perf_counter(), cpu_seconds(folder)
    page.wait_for_timeout(seconds * 1000)
    after, epoch_after = page.evaluate(COUNTS), kernel_epoch(client)
    elapsed, cpu_after = time.perf_counter() - started, cpu_seconds(folder)
    play.click()                                     # ■
    page.wait_for_timeout(300)
    stopped_epoch = kernel_epoch(client)
    at_stop = page.evaluate(COUNTS)
    page.wait_for_timeout(1500)
    late = page.evaluate(COUNTS)
    frames = [b - a for a, b in zip(before, after)]
    return {"frames/s": [f / elapsed for f in frames],
            "cpu ms/frame": {k: (cpu_after[k] - cpu_before[k] - idle[k] * elapsed) * 1000
                             / max(1, frames[0]) for k in cpu_before},
            "epochs/s": (epoch_after - epoch_before) / elapsed,
            "epochs/frame": (epoch_after - epoch_before) / max(1, frames[0]),
            "after ■": [b - a for a, b in zip(at_stop, late)],
            "epochs after ■": kernel_epoch(client) - stopped_epoch,
            "epochs": kernel_epoch(client) - start_epoch}


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--views", type=int, default=1)
    parser.add_argument("--notebook", help="a course notebook whose first playground is named "
                                           "`playground` (default: one made for the benchmark)")
    parser.add_argument("--screenshot", help="save a picture of the page at the end")
    args = parser.parse_args()
    missing = browserlab.missing_browser()
    if missing:
        sys.exit(missing)
    with tempfile.TemporaryDirectory() as folder, browserlab.lab_server(Path(folder)) as lab:
        path = args.notebook or NOTEBOOK
        if not args.notebook:
            (lab.course / NOTEBOOK).write_text(notebook(args.views))
        with browserlab.chromium() as browser, browserlab.page_of(browser) as page:
            browserlab.open_notebook(page, lab, path)
            browserlab.run_all(page)
            page.locator(".ddn-playground img").nth(args.views - 1).wait_for(timeout=120_000)
            time.sleep(2)
            browserlab.wait_until_idle(page, lab, path)
            with browserlab.kernel_client(lab, path) as client:
                views = "the first playground" if args.notebook else f"{args.views} view(s)"
                print(f"== playground in Chromium: {path}, {views}, {args.seconds:.0f} s of "
                      f"play each ({load()})")
                results = {"default": measure(page, client, args.seconds, folder)}
                setup = "; ".join(f"playground.{k}.value = {v}" for k, v in HEAVY.items())
                browserlab.evaluate(client, setup + "\nprint(1)")
                results["heavy"] = measure(page, client, args.seconds, folder)
                if args.screenshot:
                    page.screenshot(path=args.screenshot, full_page=True)
            for name, r in results.items():
                rates = ", ".join(f"{f:.1f}" for f in r["frames/s"])
                print(f"   {name:<8} {rates} frames/s (per view); {r['epochs/s']:.1f} epochs/s, "
                      f"{r['epochs/frame']:.2f} epochs per frame; after ■: "
                      f"{max(r['after ■'])} late frame(s), {r['epochs after ■']} epoch(s)")
                if r["cpu ms/frame"]:
                    cpu = r["cpu ms/frame"]
                    total = sum(cpu.values())
                    parts = ", ".join(f"{k} {v:.0f} ms" for k, v in cpu.items())
                    print(f"            CPU per frame (beyond an idle page): {parts}; "
                          f"{total:.0f} ms in all (2 idle "
                          f"cores give 2000 ms a second: at most ~{2000 / total:.0f} frames/s)")
            print(f"   heavy = {', '.join(f'{k} {v}' for k, v in HEAVY.items())}")
            print(f"   ({load()} at the end; page errors: {len(page.console_errors)})")


if __name__ == "__main__":
    main()
