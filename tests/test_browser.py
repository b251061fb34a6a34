"""In a real browser: JupyterLab, started by `ddn lab`, runs the festival notebook; moving the
threshold slider changes the decision, and no widget fails to display.

Needs Debian's Chromium (/usr/bin/chromium) and the Python playwright package; it is skipped
without them, unless DDN_REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure.
Select it alone with `pytest -m browser`.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

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


def test_festival_slider_changes_the_decision(lab):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{lab}/lab/tree/notebooks/02_festival_neuron.ipynb")
            kernel = page.locator(".jp-StatusBar-Widget").filter(has_text="Python 3 (ipykernel)")
            expect(kernel.filter(has_text="Idle")).to_be_visible(timeout=120_000)
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_text("Run All Cells", exact=True).click()

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
            if os.environ.get("DDN_BROWSER_SCREENSHOT"):  # to look at it: set a PNG path
                readout.scroll_into_view_if_needed()
                page.screenshot(path=os.environ["DDN_BROWSER_SCREENSHOT"])
        except Exception:
            failure = os.environ.get("DDN_BROWSER_SCREENSHOT", "ddn-browser-failure.png")
            page.screenshot(path=failure)
            raise
        finally:
            browser.close()
