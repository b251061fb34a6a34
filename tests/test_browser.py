"""In a real browser: JupyterLab, started by `ddn lab`, runs the festival notebook; moving the
threshold slider changes the decision, and no widget fails to display. A second test presses
the playground's play button and watches the network train, frame after frame.

Needs Debian's Chromium (/usr/bin/chromium) and the Python playwright package; it is skipped
without them, unless DDN_REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure.
Select it alone with `pytest -m browser`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def _require_browser():
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append("chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -e '.[test]')")
    if missing:
        message = "browser test needs " + " and ".join(missing)
        if os.environ.get("DDN_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """`ddn lab` on a fresh workspace, quiet and token-free on 127.0.0.1; yields its URL."""
    _require_browser()
    settings = tmp_path / "settings"
    settings.mkdir()
    (settings / "overrides.json").write_text(json.dumps({
        "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                         "checkForUpdates": False},
    }))
    port = _free_port()
    command = [sys.executable, "-m", "ddn.cli", "lab", "--workspace", str(tmp_path / "course"),
               "--port", str(port), "--no-browser", "--ServerApp.ip=127.0.0.1",
               "--IdentityProvider.token=", "--ServerApp.password=",
               f"--LabServerApp.app_settings_dir={settings}"]
    with open(tmp_path / "lab.log", "w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (tmp_path / "lab.log").read_text())
                time.sleep(0.5)
        yield url
    finally:
        _stop(server)


def _stop(server):
    """Stop `ddn lab` and the JupyterLab it started (one process group)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sig)
            server.wait(timeout=15)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def browser_page():
    """A Chromium page. On failure it saves a screenshot (ddn-browser-failure.png, or the path
    in DDN_BROWSER_SCREENSHOT); with DDN_BROWSER_SCREENSHOT set it also saves one on success."""
    from playwright.sync_api import sync_playwright

    shot = os.environ.get("DDN_BROWSER_SCREENSHOT")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            yield page
            if shot:
                page.screenshot(path=shot)
        except Exception:
            page.screenshot(path=shot or "ddn-browser-failure.png")
            raise
        finally:
            browser.close()


def run_all_cells(page, lab, path):
    """Open a notebook in JupyterLab, wait until its kernel is idle, and run every cell.

    (The toolbar turns idle before the kernel is connected; only the status bar's kernel
    button is a safe signal, and a "Run All" sent earlier is silently dropped.)"""
    from playwright.sync_api import expect

    page.goto(f"{lab}/lab/tree/{path}")
    kernel = page.locator(".jp-StatusBar-Widget").filter(has_text="Python 3 (ipykernel)")
    expect(kernel.filter(has_text="Idle")).to_be_visible(timeout=120_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()


def test_festival_slider_changes_the_decision(lab):
    from playwright.sync_api import expect

    with browser_page() as page:
        run_all_cells(page, lab, "notebooks/02_festival_neuron.ipynb")
        readout = page.locator("pre").filter(has_text="is the same as a bias of")
        expect(readout).to_contain_text("→ go", timeout=120_000)
        handle = page.locator(".widget-slider").filter(
            has=page.locator("label", has_text="threshold")).locator(".noUi-handle")
        handle.focus()
        handle.press("ArrowRight")   # 25 → 26: 26 − 26 = 0, not above 0
        handle.press("ArrowRight")   # 26 → 27
        expect(readout).to_contain_text("→ stay home", timeout=30_000)
        expect(readout).to_contain_text("threshold 27")
        expect(page.get_by_text("Error displaying widget")).to_have_count(0)
        readout.scroll_into_view_if_needed()


def test_playground_plays_in_the_browser(lab, tmp_path):
    from playwright.sync_api import expect

    notebook = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                           "outputs": [], "source": "from ddn.widgets.playground import "
                                                     "PlaygroundApp\nPlaygroundApp()"}],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                            "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "course" / "notebooks" / "play.ipynb").write_text(json.dumps(notebook))
    with browser_page() as page:
        run_all_cells(page, lab, "notebooks/play.ipynb")
        expect(page.locator("pre").filter(has_text="Press play")).to_be_visible(timeout=120_000)
        page.locator(".widget-play button").first.click()          # play
        epochs = page.locator("pre").filter(has_text=re.compile(r"epoch ([3-9]|\d\d)"))
        expect(epochs).to_be_visible(timeout=60_000)                 # it trains, live
        page.locator(".widget-play button").nth(1).click()           # pause
        expect(page.get_by_text("Error displaying widget")).to_have_count(0)
