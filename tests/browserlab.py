"""Scaffolding for driving the course in a real browser: JupyterLab started by `ddn lab` on a
fresh, hermetic workspace, and Debian's Chromium driven by Playwright.

Used by the browser tests (tests/test_browser*.py) and the browser benchmark
(benchmarks/browser.py). Hermetic means: its own course folder, its own settings and its own
(empty) Lab workspaces folder, so no tab of an earlier session is reopened, and its own Jupyter
runtime folder, so the tests can reach the notebook's kernel directly (`kernel_client`).
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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
         "--no-first-run", "--disable-quic"]


def missing_browser() -> str | None:
    """What is missing to drive a browser here, or None."""
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append("chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -e '.[test]')")
    return "browser test needs " + " and ".join(missing) if missing else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    url: str
    course: Path       # the learner's course folder that `ddn lab` made
    runtime: Path      # Jupyter's runtime folder: kernel connection files live here
    log: Path


@contextmanager
def lab_server(folder: Path):
    """`ddn lab` on a fresh workspace under `folder`, quiet and token-free on 127.0.0.1."""
    folder = Path(folder)
    settings, workspaces, runtime = folder / "settings", folder / "lab-workspaces", \
        folder / "runtime"
    for path in (settings, workspaces, runtime):
        path.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps({
        "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                         "checkForUpdates": False},
    }))
    port = free_port()
    course = folder / "course"
    command = [sys.executable, "-m", "ddn.cli", "lab", "--workspace", str(course),
               "--port", str(port), "--no-browser", "--ServerApp.ip=127.0.0.1",
               "--IdentityProvider.token=", "--ServerApp.password=",
               f"--LabServerApp.app_settings_dir={settings}",
               f"--LabApp.workspaces_dir={workspaces}",
               "--ServerApp.disable_check_xsrf=True"]  # lets the tests shut kernels down
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)}
    log = folder / "lab.log"
    with open(log, "w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env,
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
                    raise RuntimeError("JupyterLab did not start:\n" + log.read_text()) from None
                time.sleep(0.5)
        yield Lab(url, course, runtime, log)
    finally:
        stop(server)


def stop(server) -> None:
    """Stop `ddn lab` and everything it started (one process group)."""
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
def chromium():
    """A headless Chromium (one per test session is enough; pages are cheap)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def page_of(browser, screenshot: str | None = None):
    """A fresh page that records console errors in `page.console_errors`. On failure it saves a
    screenshot (ddn-browser-failure.png, or DDN_BROWSER_SCREENSHOT)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    shot = screenshot or os.environ.get("DDN_BROWSER_SCREENSHOT")
    try:
        yield page
        if shot:
            page.screenshot(path=shot, full_page=True)
    except Exception:
        page.screenshot(path=shot or "ddn-browser-failure.png")
        raise
    finally:
        context.close()


def open_notebook(page, lab: Lab, path: str) -> None:
    """Open a notebook (path relative to the course folder) and wait until its kernel is idle.

    (The toolbar turns idle before the kernel is connected; only the status bar's kernel
    button is a safe signal, and a "Run All" sent earlier is silently dropped.)"""
    from playwright.sync_api import expect

    page.goto(f"{lab.url}/lab/tree/{path}?reset")  # ?reset: no tab of an earlier page
    kernel = page.locator(".jp-StatusBar-Widget").filter(has_text="Python 3 (ipykernel)")
    expect(kernel.filter(has_text="Idle")).to_be_visible(timeout=120_000)


def run_all(page) -> None:
    """Run every cell of the open notebook (Run menu → Run All Cells)."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()


def wait_until_idle(page, lab: Lab, path: str, timeout: float = 300) -> None:
    """Wait until every cell has run: no cell shows `[*]` and the kernel is idle, twice in a
    row half a second apart (a cell can start right after the kernel turns idle)."""
    deadline = time.time() + timeout
    quiet = 0
    while time.time() < deadline:
        busy = page.locator(".jp-InputPrompt").filter(has_text="[*]").count()
        state = kernel_state(lab, path)
        quiet = quiet + 1 if (busy == 0 and state == "idle") else 0
        if quiet >= 2:
            return
        time.sleep(0.5)
    raise TimeoutError(f"{path}: still running after {timeout:.0f} s")


def session_of(lab: Lab, path: str) -> dict:
    """The server's session for the notebook at `path` (its kernel id and state)."""
    with urllib.request.urlopen(f"{lab.url}/api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        if session.get("path") == path:
            return session
    raise LookupError(f"no kernel session for {path}: {[s.get('path') for s in sessions]}")


def kernel_state(lab: Lab, path: str) -> str:
    return session_of(lab, path)["kernel"]["execution_state"]


@contextmanager
def kernel_client(lab: Lab, path: str):
    """A client on the notebook's own kernel, to read its state after the browser ran it."""
    from jupyter_client import BlockingKernelClient

    kernel_id = session_of(lab, path)["kernel"]["id"]
    client = BlockingKernelClient(connection_file=str(lab.runtime / f"kernel-{kernel_id}.json"))
    client.load_connection_file()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=30)
        yield client
    finally:
        client.stop_channels()


def evaluate(client, code: str, timeout: float = 60):
    """Run `code` in the kernel; its last line must print one JSON value, which is returned."""
    chunks, errors = [], []

    def collect(message):
        content = message["content"]
        if message["msg_type"] == "stream" and content.get("name") == "stdout":
            chunks.append(content["text"])
        elif message["msg_type"] == "error":
            errors.append("\n".join(content.get("traceback", [])) or content.get("evalue"))

    reply = client.execute_interactive(code, store_history=False, timeout=timeout,
                                       output_hook=collect)
    if errors or reply["content"]["status"] != "ok":
        raise RuntimeError(f"kernel code failed: {errors or reply['content']}")
    return json.loads("".join(chunks))


# The kernel-side state of every widget, as JSON: type, description and value of each, in the
# order they were made (pictures by a hash of their bytes). Run in a kernel after a notebook.
WIDGET_STATE = r'''
def _ddn_widget_state():
    import hashlib, json
    from ipywidgets.widgets.widget import _instances

    def plain(x):
        if isinstance(x, (bytes, memoryview)):
            return "sha1:" + hashlib.sha1(bytes(x)).hexdigest()[:12]
        if isinstance(x, float):
            return round(x, 9)
        if isinstance(x, (list, tuple)):
            return [plain(i) for i in x]
        return x if x is None or isinstance(x, (bool, int, str)) else repr(x)

    return json.dumps([[type(w).__name__, getattr(w, "description", ""), plain(w.value)]
                       for w in list(_instances.values()) if hasattr(w, "value")])
print(_ddn_widget_state())
'''


def headless_state(notebook: Path, timeout: float = 600):
    """Run a notebook without a browser (nbclient, in its own folder) and return the widget
    state its kernel ends with, and the errors its cells raised."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(WIDGET_STATE))
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    errors = [f"cell {i}: {o.get('ename')}: {o.get('evalue')}" for i, c in enumerate(nb.cells)
              if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    return json.loads(text), errors


def shut_down(lab: Lab, path: str) -> None:
    """Shut the notebook's kernel down (frees memory between notebooks)."""
    try:
        session = session_of(lab, path)
    except LookupError:
        return
    request = urllib.request.Request(f"{lab.url}/api/sessions/{session['id']}",
                                     method="DELETE")
    urllib.request.urlopen(request, timeout=30)
