"""A learner plays first and runs the next cell second.

Each course notebook runs top to bottom in an IPython shell, as in Jupyter; right after a cell
shows a widget app, every control of that app is moved the way a curious learner would (random
slider positions and choices, every button clicked, play pressed and paused), and the notebook
carries on. No later cell may fail: an assert cell that depends on a position the learner was
invited to change would break here, as it breaks in the browser.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from conftest import ROOT, code_cells

os.environ.setdefault("MPLBACKEND", "Agg")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def controls(widget):
    """Every widget inside `widget` (a box of boxes), depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from controls(child)


def play_with(app, rng) -> int:
    """Move every control of `app` at random, twice; returns how many moves were made."""
    import ipywidgets as widgets

    moves = 0
    for _ in range(2):
        for control in controls(app.view):
            if isinstance(control, widgets.Button):
                control.click()
            elif isinstance(control, widgets.ToggleButton):
                control.value = not control.value   # play ...
                control.value = not control.value   # ... and pause
            elif isinstance(control, widgets.Checkbox):
                control.value = not control.value
            elif hasattr(control, "options") and hasattr(control, "index"):
                if len(control.options):
                    control.index = int(rng.integers(len(control.options)))
            elif isinstance(control, (widgets.IntSlider, widgets.BoundedIntText)):
                control.value = int(rng.integers(control.min, control.max + 1))
            elif isinstance(control, (widgets.FloatSlider, widgets.BoundedFloatText)):
                control.value = float(rng.uniform(control.min, control.max))
            else:
                continue
            moves += 1
    return moves


def apps_in(namespace):
    from ddn.widgets.base import App

    for value in list(namespace.values()):
        candidates = value if isinstance(value, (list, tuple)) else \
            value.values() if isinstance(value, dict) else (value,)
        for candidate in candidates:
            if isinstance(candidate, App):
                yield candidate


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_playing_with_every_app_never_breaks_a_later_cell(notebook, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.chdir(notebook.parent)
    InteractiveShell.clear_instance()
    shell = InteractiveShell.instance()
    rng = np.random.default_rng(int.from_bytes(notebook.stem.encode(), "little") % 2**32)
    played, moves = set(), 0
    try:
        for number, source in enumerate(code_cells(notebook), 1):
            result = shell.run_cell(source, store_history=False, silent=True)
            error = result.error_before_exec or result.error_in_exec
            assert error is None, (f"{notebook.name}, code cell {number}, after the learner "
                                   f"played with {len(played)} app(s): "
                                   f"{type(error).__name__}: {error}\n{source}")
            for app in apps_in(shell.user_ns):
                if id(app) not in played:
                    played.add(id(app))
                    moves += play_with(app, rng)
                    assert not app.message.startswith("Traceback"), app.message
    finally:
        InteractiveShell.clear_instance()
    if played:
        assert moves > 0
