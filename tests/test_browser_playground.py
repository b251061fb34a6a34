"""In a real browser: the playground of notebook 08 plays, and stops.

JupyterLab, started by `ddn lab`, runs notebooks/08_perceptrons.ipynb with Run All in Chromium.
Then a learner presses ▶ on the first playground on the page (the one `playground =
PlaygroundApp()` made): it keeps training, frame after frame, until it gets every point of its
data set right, and goes on. ■ stops it at once: the epoch count, read from the kernel, no
longer changes, and the page shows that very epoch. A second test shows one playground twice
and plays it from one view and stops it from the other: every view of an app works.

Needs Debian's Chromium and the Python playwright package; skipped without them, unless
DDN_REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure. Select with
`pytest -m browser`.
"""

from __future__ import annotations

import json
import os
import re
import time

import pytest

from browserlab import (
    chromium,
    evaluate,
    kernel_client,
    lab_server,
    missing_browser,
    open_notebook,
    page_of,
    run_all,
    shut_down,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/08_perceptrons.ipynb"
NEVER_SHOWN = ("Error displaying widget", "Traceback")
EPOCH = re.compile(r"^epoch (\d+):")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    message = missing_browser()
    if message:
        if os.environ.get("DDN_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with lab_server(tmp_path_factory.mktemp("lab")) as lab:
        yield lab


@pytest.fixture(scope="module")
def browser(lab):
    with chromium() as browser:
        yield browser


def shown_epoch(readout) -> int:
    """The epoch a playground's readout shows (0 before the first)."""
    match = EPOCH.match(readout.inner_text().strip())
    return int(match.group(1)) if match else 0


def assert_nothing_failed(page) -> None:
    shown = {text: page.get_by_text(text).count() for text in NEVER_SHOWN}
    assert not any(shown.values()), f"the page shows {shown}"
    console = [m for m in page.console_errors if "widget" in m.lower()]
    assert console == [], f"widget errors in the browser console: {console}"


def test_the_first_playground_of_08_plays_until_it_is_right_and_stops_at_once(lab, browser):
    from playwright.sync_api import expect

    with page_of(browser) as page:
        open_notebook(page, lab, NOTEBOOK)
        run_all(page)
        time.sleep(2)                                    # let Run All queue every cell
        wait_until_idle(page, lab, NOTEBOOK)
        first = page.locator(".ddn-playground").first
        play = first.locator(".ddn-play")
        readout = first.locator("pre").last
        expect(readout).to_contain_text("Press play")    # nobody has trained it yet
        with kernel_client(lab, NOTEBOOK) as client:
            def kernel_epoch():
                return evaluate(client, "print(playground.trainer.epoch)")

            assert kernel_epoch() == 0
            play.click()                                 # ▶
            expect(play).to_contain_text("stop")
            seen = []
            for _ in range(4):                           # it keeps training, frame after frame
                page.wait_for_timeout(1500)
                seen.append((shown_epoch(readout), kernel_epoch()))
            shown, trained = zip(*seen)
            assert all(a < b for a, b in zip(trained, trained[1:])), seen
            assert all(a <= b for a, b in zip(shown, shown[1:])) and shown[0] < shown[-1], seen
            expect(readout).to_contain_text("accuracy 100% on training points, 100% on test "
                                            "points", timeout=120_000)
            page.wait_for_timeout(1000)
            assert kernel_epoch() > seen[-1][1]         # and goes on when it is right

            play.click()                                 # ■
            expect(play).to_contain_text("play")
            page.wait_for_timeout(300)                   # the click reaches the kernel
            stopped = evaluate(client, "import json\n"
                               "print(json.dumps([playground.trainer.epoch, playground.playing]))")
            page.wait_for_timeout(2000)
            assert stopped == [kernel_epoch(), False]    # not one epoch more, ever
            expect(readout).to_contain_text(f"epoch {stopped[0]}:")   # and that is on screen
        assert_nothing_failed(page)
        shut_down(lab, NOTEBOOK)


def test_every_view_of_one_playground_plays_and_stops(lab, browser):
    from playwright.sync_api import expect

    source = ["from ddn.widgets.playground import PlaygroundApp\n\nplayground = PlaygroundApp()\n"
              "playground", "playground"]
    notebook = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                           "outputs": [], "source": s} for s in source],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                            "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    path = "notebooks/two_views.ipynb"
    (lab.course / path).write_text(json.dumps(notebook))
    with page_of(browser) as page:
        open_notebook(page, lab, path)
        run_all(page)
        views = page.locator(".ddn-playground")
        expect(views).to_have_count(2, timeout=120_000)
        wait_until_idle(page, lab, path)
        page.evaluate("""() => {
            window.ddnFrames = [0, 0];
            document.querySelectorAll('.ddn-playground img').forEach((img, i) =>
                new MutationObserver(() => window.ddnFrames[i]++).observe(
                    img, {attributes: true, attributeFilter: ['src']}));
        }""")
        views.nth(1).locator(".ddn-play").click()        # ▶ in the second view
        for i in range(2):
            expect(views.nth(i).locator(".ddn-play")).to_contain_text("stop")
        page.wait_for_function("() => window.ddnFrames.every(n => n >= 10)", timeout=60_000)
        views.nth(0).locator(".ddn-play").click()        # ■ in the first view
        with kernel_client(lab, path) as client:
            for i in range(2):
                expect(views.nth(i).locator(".ddn-play")).to_contain_text("play")
            page.wait_for_timeout(300)
            epoch = evaluate(client, "print(playground.trainer.epoch)")
            page.wait_for_timeout(1500)
            assert evaluate(client, "print(playground.trainer.epoch)") == epoch
            assert evaluate(client, "import json\nprint(json.dumps(playground.playing))") is False
        for i in range(2):
            expect(views.nth(i).locator("pre").last).to_contain_text(f"epoch {epoch}:")
        assert_nothing_failed(page)
        shut_down(lab, path)
