"""The browser is the test of record: every notebook of the course (lessons, exercise blanks
and answer keys) opened in JupyterLab, started by `ddn lab`, and run with Run All in Chromium.

For each notebook: every code cell ran; no cell shows an error or a warning; no widget fails to
display; no formula fails to render; the browser console has no widget errors; and the
kernel-side state of every widget equals the state a headless run of the same notebook ends
with (a browser that sends back values the code never set would show up here). Then a few
things a learner does by hand: move a slider, type a command in a Lab terminal.

Needs Debian's Chromium and the Python playwright package; skipped without them, unless
DDN_REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure. Select with
`pytest -m browser`.
"""

from __future__ import annotations

import os
import shutil
import time

import pytest

from browserlab import (
    WIDGET_STATE,
    chromium,
    evaluate,
    headless_state,
    kernel_client,
    lab_server,
    missing_browser,
    open_notebook,
    page_of,
    run_all,
    shut_down,
    wait_until_idle,
)
from conftest import ROOT, code_cells

pytestmark = pytest.mark.browser

NOTEBOOKS = [f"{folder}/{p.name}" for folder in ("notebooks", "exercises", "solutions")
             for p in sorted((ROOT / folder).glob("*.ipynb"))]
# What a learner must never see in a page.
NEVER_SHOWN = ("Error displaying widget", "Math input error", "Traceback")


def _require_browser():
    message = missing_browser()
    if message:
        if os.environ.get("DDN_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One `ddn lab` for the module, on a fresh workspace that also holds the answer keys."""
    _require_browser()
    folder = tmp_path_factory.mktemp("lab")
    with lab_server(folder) as lab:
        shutil.copytree(ROOT / "solutions", lab.course / "solutions")
        yield lab


@pytest.fixture(scope="module")
def browser(lab):
    with chromium() as browser:
        yield browser


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_run_all_in_the_browser_ends_as_a_headless_run(lab, browser, path):
    with page_of(browser) as page:
        open_notebook(page, lab, path)
        run_all(page)
        time.sleep(2)                       # let Run All queue every cell
        wait_until_idle(page, lab, path)
        time.sleep(2)                       # let any late message from the page arrive
        with kernel_client(lab, path) as client:
            state = evaluate(client, WIDGET_STATE)
            executed = evaluate(client, "print(get_ipython().execution_count - 1)")
        shown = {text: page.get_by_text(text).count() for text in NEVER_SHOWN}
        errors = page.locator(".jp-OutputArea-output"
                              "[data-mime-type='application/vnd.jupyter.stderr']")
        error_texts = [errors.nth(i).inner_text()[:300] for i in range(errors.count())]
        console = [m for m in page.console_errors if "widget" in m.lower()]
        shut_down(lab, path)

    assert executed == len(code_cells(ROOT / path)), "Run All stopped before the last cell"
    assert error_texts == [], f"{path} shows errors or warnings: {error_texts}"
    assert not any(shown.values()), f"{path} shows {shown}"
    assert console == [], f"{path}: widget errors in the browser console: {console}"

    expected, headless_errors = headless_state(lab.course / path)
    assert headless_errors == []
    differences = [(i, got, want) for i, (got, want) in enumerate(zip(state, expected))
                   if got != want]
    assert len(state) == len(expected) and differences == [], (
        f"{path}: after Run All in the browser, widgets differ from a headless run "
        f"(widget number, browser, headless): {differences[:6]}")


def test_festival_slider_changes_the_decision(lab, browser):
    from playwright.sync_api import expect

    path = "notebooks/02_festival_neuron.ipynb"
    with page_of(browser) as page:
        open_notebook(page, lab, path)
        run_all(page)
        readout = page.locator("pre").filter(has_text="is the same as a bias of").first
        expect(readout).to_contain_text("→ go", timeout=120_000)
        handle = page.locator(".widget-slider").filter(
            has=page.locator("label", has_text="threshold")).first.locator(".noUi-handle")
        handle.focus()
        handle.press("ArrowRight")   # 25 → 26: 26 − 26 = 0, not above 0
        handle.press("ArrowRight")   # 26 → 27
        expect(readout).to_contain_text("→ stay home", timeout=30_000)
        expect(readout).to_contain_text("threshold 27")
        expect(page.get_by_text("Error displaying widget")).to_have_count(0)
        shut_down(lab, path)


def test_ddn_progress_works_in_a_lab_terminal(lab, browser):
    """A Lab terminal starts a login shell, which resets PATH: `ddn lab` makes `ddn` work
    there anyway, as notebook 00 and the README promise."""
    answer = lab.course / "terminal-answer.txt"
    with page_of(browser) as page:
        page.goto(f"{lab.url}/lab?reset")
        page.locator(".jp-LauncherCard").filter(has_text="Terminal").first.click()
        page.locator(".jp-Terminal").first.click()
        # The terminal draws on a canvas, so its words go to a file the test can read.
        page.keyboard.type(f"ddn progress > {answer.name} 2>&1\n")
        deadline = time.time() + 60
        while time.time() < deadline and "Welcome" not in _read(answer):
            time.sleep(0.5)
    assert "Welcome" in _read(answer) and "not found" not in _read(answer), _read(answer)


def _read(path) -> str:
    return path.read_text() if path.exists() else ""
